//! Groth16 over BN254 with EVM-parity validation: snarkjs JSON and EVM/gnark byte forms.
//!
//! Rules (the union of the EVM's and snarkjs' checks, `docs/FORMATS.md`): numbers are canonical strings
//! below the modulus (never reduced), every point is on its curve and in its subgroup, A, B, C and key points are never
//! infinity, and the public input count matches the key.

mod evm;
mod point;
pub mod precompile;
pub mod snarkjs;
mod verifier;

pub use evm::{encode_evm_proof, parse_evm_proof_bytes, parse_evm_proof_words, parse_evm_public_inputs, EVM_PROOF_BYTES};
pub use verifier::{verify_groth16, BatchItem, Groth16Verifier};
