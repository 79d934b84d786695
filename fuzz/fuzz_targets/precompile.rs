#![no_main]
//! `bash scripts/fuzz.sh precompile`, or from fuzz/: `cargo fuzz run --sanitizer none precompile ../target/fuzz/corpus/precompile` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::precompile(data));
