#![no_main]
//! `cargo fuzz run client_transport` (see fuzz/targets.rs and scripts/fuzz.sh).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::client_transport(data));
