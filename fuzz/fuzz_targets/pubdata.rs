#![no_main]
//! `bash scripts/fuzz.sh pubdata`, or from fuzz/: `cargo fuzz run --sanitizer none pubdata ../target/fuzz/corpus/pubdata` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::pubdata(data));
