#![no_main]
//! `bash scripts/fuzz.sh evm_words`, or from fuzz/: `cargo fuzz run --sanitizer none evm_words ../target/fuzz/corpus/evm_words` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::evm_words(data));
