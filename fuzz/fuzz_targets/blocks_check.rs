#![no_main]
//! `bash scripts/fuzz.sh blocks_check`, or from fuzz/: `cargo fuzz run --sanitizer none blocks_check ../target/fuzz/corpus/blocks_check` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::blocks_check(data));
