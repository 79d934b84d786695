#![no_main]
//! `bash scripts/fuzz.sh block_check`, or from fuzz/: `cargo fuzz run --sanitizer none block_check ../target/fuzz/corpus/block_check` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::block_check(data));
