#![no_main]
//! `bash scripts/fuzz.sh receipt`, or from fuzz/: `cargo fuzz run --sanitizer none receipt ../target/fuzz/corpus/receipt` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::receipt(data));
