//! The devnet's one error enum.

/// Errors of the devnet.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something to set up is missing or malformed (anvil, compiled contracts, a file).
    #[error("setup: {0}")]
    Setup(String),
    /// A JSON-RPC call failed.
    #[error("rpc: {0}")]
    Rpc(String),
    /// A contract refused a transaction.
    #[error("{what} reverted: {reason}")]
    Reverted {
        /// The call.
        what: String,
        /// The reason the node gave.
        reason: String,
    },
    /// The prover failed.
    #[error("prove: {0}")]
    Prove(String),
    /// No such chain in the deployment.
    #[error("unknown chain {0}")]
    UnknownChain(u8),
    /// No such token in the deployment.
    #[error("unknown token {0}")]
    UnknownToken(String),
    /// The light client's core refused a value.
    #[error(transparent)]
    Protocol(#[from] zkbridge_light::ProtocolError),
    /// The light client's calldata builder refused a burn.
    #[error(transparent)]
    Calldata(#[from] zkbridge_light::CalldataError),
    /// The circuit could not be synthesized.
    #[error("circuit: {0}")]
    Synthesis(#[from] ark_relations::r1cs::SynthesisError),
}

impl Error {
    /// An RPC error message: a revert (the node says "execution reverted") becomes [`Error::Reverted`].
    pub fn from_rpc(what: &str, message: &str) -> Self {
        if message.contains("revert") {
            Self::Reverted { what: what.to_owned(), reason: message.to_owned() }
        } else {
            Self::Rpc(format!("{what}: {message}"))
        }
    }
}
