#![doc = include_str!("../README.md")]
#![warn(missing_docs, unreachable_pub)]
// No panics reachable from JS: a wasm panic poisons the module for the whole page. These hold for library code; tests may
// unwrap. (The lints that hold everywhere are in Cargo.toml's `[lints]`.)
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod calldata;
pub mod client;
pub mod error;
pub mod field;
pub mod groth16;
pub mod input;
pub mod json;
pub mod protocol;

/// The JS API (wasm-bindgen exports), built for `wasm32` only.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{CalldataError, Coded, Groth16Error, InputError, ItemError, ProtocolError};
pub use groth16::{verify_groth16, Groth16Verifier};
