//! The devnet: a local zkLink-style Token Bridge on two anvil chains (docs/PROTOCOL.md §8–§10). Every hash and encoding
//! comes from the light client's `protocol` module; this crate adds the circuit, the keys, the contract bindings, the chains
//! and a driver (library functions the CLI and the tests call).

pub mod circuit;
pub mod contracts;
pub mod control;
pub mod deployment;
pub mod devnet;
pub mod error;
pub mod http;
pub mod keys;
pub mod operator;
pub mod paths;

pub use devnet::{Devnet, Plan};
pub use error::Error;
