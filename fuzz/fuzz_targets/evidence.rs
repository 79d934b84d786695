#![no_main]
//! `bash scripts/fuzz.sh evidence`, or from fuzz/: `cargo fuzz run --sanitizer none evidence ../target/fuzz/corpus/evidence` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::evidence(data));
