#![no_main]
//! `bash scripts/fuzz.sh chain_report`, or from fuzz/: `cargo fuzz run --sanitizer none chain_report ../target/fuzz/corpus/chain_report` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::chain_report(data));
