//! Helpers shared by the native tests (`mod common;`) and the browser tests (`#[path = "../common/mod.rs"] mod common;`):
//! the Groth16 cases, the block cases, the fixture builder and the test prover. Plain Rust, no JS.
#![allow(dead_code)]

pub mod block_builder;
pub mod block_cases;
pub mod groth16_cases;
pub mod prover;

/// What a case must give, for every kind of case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Parses and gives this answer: a proof verifies (`true`) or not; a block verdict is approved (`true`, every stage ok).
    Verdict(bool),
    /// A block verdict that is not approved and carries at least these `(code, chainId)` findings (`None`: any chain or none).
    Findings(Vec<(&'static str, Option<u8>)>),
    /// Throws with this code.
    Code(&'static str),
}

/// Runs a future whose every await resolves without outside events (the in-memory transports): polled until ready.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}
