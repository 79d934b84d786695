#![no_main]
//! `bash scripts/fuzz.sh evm_proof`, or from fuzz/: `cargo fuzz run --sanitizer none evm_proof ../target/fuzz/corpus/evm_proof` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::evm_proof(data));
