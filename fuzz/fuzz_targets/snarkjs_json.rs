#![no_main]
//! `bash scripts/fuzz.sh snarkjs_json`, or from fuzz/: `cargo fuzz run --sanitizer none snarkjs_json ../target/fuzz/corpus/snarkjs_json` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::snarkjs_json(data));
