#![no_main]
//! `cargo fuzz run block_check` (see fuzz/targets.rs and scripts/fuzz.sh).

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::block_check(data));
