#![no_main]
//! `bash scripts/fuzz.sh burn_params`, or from fuzz/: `cargo fuzz run --sanitizer none burn_params ../target/fuzz/corpus/burn_params` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::burn_params(data));
