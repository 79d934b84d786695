#![no_main]
//! `bash scripts/fuzz.sh rpc_answer`, or from fuzz/: `cargo fuzz run --sanitizer none rpc_answer ../target/fuzz/corpus/rpc_answer` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::rpc_answer(data));
