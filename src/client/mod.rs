//! The light client's core: what to read from the chains for block n, in which order, and how to judge the answers. Plain
//! Rust behind the [`Transport`] trait (one JSON-RPC endpoint); the wasm layer supplies `fetch` and EIP-1193 transports,
//! tests an in-memory one.
//!
//! For block n, from every endpoint of every chain, each read pinned to one EVM block number per chain (the lowest head of
//! the chain's endpoints): `eth_chainId` (must be the configured one), the block data from the `commitBlocks` calldata of
//! the transaction behind `BlockCommitted(n)`, the proof from the `proveBlocks` calldata behind `BlockProven(n)`, and the
//! chain's `storedBlockInfo(n)`, `storedBlockHashes(n)`, `totalBlocksSynchronized()`, `totalBlocksExecuted()`. Answers of
//! one chain's endpoints are compared field by field (a difference is `RPC_DISAGREEMENT` in the `reads` stage; a chain with
//! one endpoint gets the warning `SINGLE_ENDPOINT`); the first endpoint's answers become the chain's report for
//! [`crate::protocol::verify_block`], whose previous block is always one this client verified itself, back
//! to the trust anchor.
//!
//! One question per file: [`transport`] (the [`Transport`] trait, its errors and the retry loop), [`abi`] (the bridge's ABI,
//! read from `contracts/IZkBridge.sol`), [`read`] (one endpoint's answers, decoded by pure functions), [`judge`] (the
//! decision on a block's answers, no transport), [`evidence`] (bundles re-judged offline), [`track`] (a burn's block and
//! its mint) and the [`BridgeClient`] itself.

pub mod abi;
pub mod batch;
#[allow(clippy::module_inception)]
mod client;
pub mod evidence;
pub mod find;
pub mod join;
pub mod judge;
pub mod read;
pub mod sent;
pub mod track;
pub mod transport;

pub use crate::error::ClientError;
pub use abi::{counter_calls, event_topics, mapping_op_hash, IZkBridge, IZkBridge as IBridgeView};
pub use client::{BridgeClient, ClientSetup, KEPT_BLOCKS, WALK_WINDOW};
pub use evidence::{verify_evidence, EvidenceBundle, EvidenceCheck};
pub use judge::{judge_answers, Answer, ChainState, ClientVerdict, Evidence, Read, LIBRARY};
pub use read::ChainConfig;
pub use transport::{Endpoint, Retry, Transport, TransportError};
