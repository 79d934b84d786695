#![no_main]
//! `bash scripts/fuzz.sh stored_record`, or from fuzz/: `cargo fuzz run --sanitizer none stored_record ../target/fuzz/corpus/stored_record` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::stored_record(data));
