#![no_main]
//! `bash scripts/fuzz.sh client_transport`, or from fuzz/: `cargo fuzz run --sanitizer none client_transport ../target/fuzz/corpus/client_transport` (see fuzz/targets.rs).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::client_transport(data));
