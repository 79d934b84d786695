//! Error enums, one per domain, each variant with a stable machine code (`code()`), which the JS bindings put on the thrown
//! `Error` as its `code` property. Input that cannot be read is an [`InputError`], wrapped by every domain enum.

pub use crate::input::InputError;
use thiserror::Error;

/// Which point of a key or proof an error is about, for messages.
pub type Where = String;

/// Errors of the Groth16 verifier: the input is malformed (a well-formed proof that does not verify is `Ok(false)`, not an error).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Groth16Error {
    /// Input that cannot be read (`INVALID_JSON`, `INVALID_NUMBER`, `INVALID_LENGTH`, `INVALID_HEX`, …).
    #[error(transparent)]
    Input(#[from] InputError),
    /// A coordinate is `≥ p` or a public input is `≥ r`: values are never reduced.
    #[error("value at {0} is not below the field modulus")]
    NotInField(Where),
    /// A point has the wrong shape (number of coordinates), or its `z` is neither 1 nor the infinity encoding.
    #[error("invalid point encoding at {0}")]
    InvalidPoint(Where),
    /// A point is not on its curve (BN254 G1, or the twist for G2; a swapped Fp2 order lands here).
    #[error("point at {0} is not on the curve")]
    NotOnCurve(Where),
    /// A point is on the curve but outside the prime-order subgroup (G2 has a large cofactor).
    #[error("point at {0} is not in the prime-order subgroup")]
    NotInSubgroup(Where),
    /// A proof or key point is the point at infinity (snarkjs `["0","1","0"]`, EVM `(0,0)`).
    #[error("point at {0} is the point at infinity")]
    PointAtInfinity(Where),
    /// The number of public inputs differs from `IC.length − 1` or from the key's `nPublic`.
    #[error("public input count: expected {expected}, got {got}")]
    PublicInputCount {
        /// What the key expects.
        expected: usize,
        /// What was given.
        got: usize,
    },
    /// `protocol` is not `groth16` or `curve` is not `bn128`.
    #[error("unsupported protocol or curve: {0}")]
    UnsupportedProtocol(String),
    /// The key has γ == δ, or δ is the G2 generator: a key without a phase-2 setup, for which proofs can be forged.
    #[error("insecure verifying key: {0}")]
    InsecureVk(String),
    /// `verify_batch` was given no proofs.
    #[error("empty batch: nothing to verify")]
    EmptyBatch,
    /// The pairing computation gave no result (its Miller loop was zero), which valid points never produce.
    #[error("pairing failed: {0}")]
    PairingFailed(String),
    /// An input the EVM's BN254 precompiles (0x06, 0x07, 0x08) would fail on: a coordinate ≥ p, a point off its curve or
    /// outside its subgroup, a pairing input whose length is not a multiple of 192.
    #[error("precompile input: {0}")]
    PrecompileInput(String),
    /// Bytes given as a prepared key (`Groth16Verifier::from_prepared`) that are not what this library version's
    /// `export` wrote for this key: another key, another version, or not a prepared key at all.
    #[error("prepared key: {0}")]
    PreparedKeyMismatch(String),
}

impl Groth16Error {
    /// Every code of this enum, the wrapped input codes included.
    pub const CODES: &'static [&'static str] = &[
        "NOT_IN_FIELD",
        "INVALID_POINT",
        "NOT_ON_CURVE",
        "NOT_IN_SUBGROUP",
        "POINT_AT_INFINITY",
        "PUBLIC_INPUT_COUNT",
        "UNSUPPORTED_PROTOCOL",
        "INSECURE_VK",
        "EMPTY_BATCH",
        "PAIRING_FAILED",
        "PRECOMPILE_INPUT",
        "PREPARED_KEY_MISMATCH",
    ];

    /// The stable machine code, e.g. `"NOT_IN_FIELD"`.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::{Groth16Error, InputError};
    /// assert_eq!(Groth16Error::from(InputError::InvalidNumber("x".into())).code(), "INVALID_NUMBER");
    /// assert_eq!(Groth16Error::EmptyBatch.code(), "EMPTY_BATCH");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::NotInField(_) => "NOT_IN_FIELD",
            Self::InvalidPoint(_) => "INVALID_POINT",
            Self::NotOnCurve(_) => "NOT_ON_CURVE",
            Self::NotInSubgroup(_) => "NOT_IN_SUBGROUP",
            Self::PointAtInfinity(_) => "POINT_AT_INFINITY",
            Self::PublicInputCount { .. } => "PUBLIC_INPUT_COUNT",
            Self::UnsupportedProtocol(_) => "UNSUPPORTED_PROTOCOL",
            Self::InsecureVk(_) => "INSECURE_VK",
            Self::EmptyBatch => "EMPTY_BATCH",
            Self::PairingFailed(_) => "PAIRING_FAILED",
            Self::PrecompileInput(_) => "PRECOMPILE_INPUT",
            Self::PreparedKeyMismatch(_) => "PREPARED_KEY_MISMATCH",
        }
    }
}

/// Errors that carry a stable machine code (the JS `Error.code`).
pub trait Coded: std::fmt::Display {
    /// The stable machine code.
    fn code(&self) -> &'static str;
}

impl Coded for InputError {
    fn code(&self) -> &'static str {
        InputError::code(self)
    }
}

impl Coded for Groth16Error {
    fn code(&self) -> &'static str {
        Groth16Error::code(self)
    }
}

/// A batch's error: the [`Groth16Error`] of item `index` (or of the batch itself), with its code; its message starts with
/// `items[i]: `.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}{error}", .index.map(|i| format!("items[{i}]: ")).unwrap_or_default())]
pub struct ItemError {
    /// The item, `None` for the batch as a whole (not an array, empty).
    pub index: Option<usize>,
    /// What is wrong with it.
    pub error: Groth16Error,
}

impl Coded for ItemError {
    fn code(&self) -> &'static str {
        self.error.code()
    }
}

/// Errors of the block model (`protocol`): input that cannot be parsed. Everything that parses gives a verdict instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProtocolError {
    /// Input that cannot be read (`MISSING_FIELD`, `INVALID_HEX`, `INVALID_LENGTH`, `INVALID_NUMBER`, `INVALID_ADDRESS`, …).
    #[error(transparent)]
    Input(#[from] InputError),
    /// The pubdata has an op type that is not Noop, Deposit, Withdraw, FullExit or Mapping.
    #[error("unknown op type {op_type} at byte offset {offset}")]
    UnknownOp {
        /// The op type byte.
        op_type: u8,
        /// Its byte offset in the pubdata.
        offset: usize,
    },
    /// The pubdata is not a whole number of 23-byte chunks, an op is cut short, or an on-chain op offset is not a chunk
    /// boundary inside the pubdata.
    #[error("bad pubdata: {0}")]
    BadPubdata(String),
    /// The verifying key or proof failed the verifier's checks.
    #[error(transparent)]
    Groth16(#[from] Groth16Error),
}

impl ProtocolError {
    /// Every code of this enum's own variants (wrapped errors keep the codes of their enums).
    pub const CODES: &'static [&'static str] = &["UNKNOWN_OP", "BAD_PUBDATA"];

    /// The stable machine code, e.g. `"UNKNOWN_OP"` (a wrapped error keeps its own code).
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::ProtocolError;
    /// assert_eq!(ProtocolError::BadPubdata("x".into()).code(), "BAD_PUBDATA");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::UnknownOp { .. } => "UNKNOWN_OP",
            Self::BadPubdata(_) => "BAD_PUBDATA",
            Self::Groth16(e) => e.code(),
        }
    }
}

impl Coded for ProtocolError {
    fn code(&self) -> &'static str {
        ProtocolError::code(self)
    }
}

/// Errors of the burn calldata and wallet helpers: nothing is rounded, truncated or silently corrected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalldataError {
    /// Input that cannot be read (`MISSING_FIELD`, `INVALID_ADDRESS`, `BAD_CHECKSUM`, `INVALID_NUMBER`, `INVALID_HEX`, …).
    #[error(transparent)]
    Input(#[from] InputError),
    /// An amount is not digits with at most one `.`, or is zero where a positive amount is needed.
    #[error("invalid amount \"{0}\": expected digits with at most one '.', greater than 0")]
    InvalidAmount(String),
    /// More fraction digits than the token has decimals.
    #[error("amount \"{amount}\" has more than {decimals} fraction digits")]
    TooManyDecimals {
        /// The amount as given.
        amount: String,
        /// The token's decimals.
        decimals: u8,
    },
    /// The amount, scaled to 18 decimals, exceeds `2^104 − 1` (the L2 op's cap), or the raw amount does not fit.
    #[error("amount too large: {0}")]
    AmountTooLarge(String),
    /// Token decimals above 18 (the bridge refuses them) or above 77 (no integer holds them).
    #[error("unsupported decimals {0}")]
    UnsupportedDecimals(u64),
    /// `toChainId == fromChainId`.
    #[error("toChainId equals fromChainId ({0})")]
    SameChain(u8),
    /// `withdrawFee` is not below 10000 basis points.
    #[error("withdrawFee {0} is not below 10000 basis points")]
    InvalidFee(u64),
    /// A zkLink chain id outside 1..=255 or an EVM chain id that is not a positive integer.
    #[error("invalid chain id at \"{0}\"")]
    InvalidChainId(String),
    /// The receipt has no successful `NewPriorityRequest` log of the bridge carrying a Mapping op.
    #[error("no burn in receipt: {0}")]
    NoBurnInReceipt(String),
    /// The recipient (or the zkLink address) is the zero address: the minted tokens could never be moved.
    #[error("{0} is the zero address: tokens sent there are lost")]
    ZeroAddress(String),
    /// The recipient is a contract of the destination (its bridge or the token): tokens sent there are stuck.
    #[error("{0} is a contract of the destination chain (its bridge or token): tokens sent there are stuck")]
    ContractRecipient(String),
}

impl CalldataError {
    /// Every code of this enum's own variants (the wrapped input codes are [`InputError::CODES`]).
    pub const CODES: &'static [&'static str] = &[
        "INVALID_AMOUNT",
        "TOO_MANY_DECIMALS",
        "AMOUNT_TOO_LARGE",
        "UNSUPPORTED_DECIMALS",
        "SAME_CHAIN",
        "INVALID_FEE",
        "INVALID_CHAIN_ID",
        "NO_BURN_IN_RECEIPT",
        "ZERO_ADDRESS",
        "CONTRACT_RECIPIENT",
    ];

    /// The stable machine code, e.g. `"AMOUNT_TOO_LARGE"`.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::CalldataError;
    /// assert_eq!(CalldataError::SameChain(1).code(), "SAME_CHAIN");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::InvalidAmount(_) => "INVALID_AMOUNT",
            Self::TooManyDecimals { .. } => "TOO_MANY_DECIMALS",
            Self::AmountTooLarge(_) => "AMOUNT_TOO_LARGE",
            Self::UnsupportedDecimals(_) => "UNSUPPORTED_DECIMALS",
            Self::SameChain(_) => "SAME_CHAIN",
            Self::InvalidFee(_) => "INVALID_FEE",
            Self::InvalidChainId(_) => "INVALID_CHAIN_ID",
            Self::NoBurnInReceipt(_) => "NO_BURN_IN_RECEIPT",
            Self::ZeroAddress(_) => "ZERO_ADDRESS",
            Self::ContractRecipient(_) => "CONTRACT_RECIPIENT",
        }
    }
}

impl Coded for CalldataError {
    fn code(&self) -> &'static str {
        CalldataError::code(self)
    }
}

/// Errors of the client: reads that could not complete. A read that completed is judged, never an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// An endpoint did not answer in time, after the retries.
    #[error("RPC timeout: chain {chain}, {endpoint}: {detail}")]
    RpcTimeout {
        /// zkLink chain id.
        chain: u8,
        /// The endpoint.
        endpoint: String,
        /// What failed.
        detail: String,
    },
    /// An endpoint failed or answered with an error, after the retries.
    #[error("RPC error: chain {chain}, {endpoint}: {detail}")]
    RpcError {
        /// zkLink chain id.
        chain: u8,
        /// The endpoint.
        endpoint: String,
        /// What failed.
        detail: String,
    },
    /// An endpoint's `eth_chainId` is not the configured EVM chain id.
    #[error("chain {chain}, {endpoint}: eth_chainId is {got}, expected {expected}")]
    ChainIdMismatch {
        /// zkLink chain id.
        chain: u8,
        /// The endpoint.
        endpoint: String,
        /// Configured.
        expected: u64,
        /// Answered.
        got: String,
    },
    /// Block n is not committed (or not proven) on any chain yet, or is before the trust anchor.
    #[error("block {0} not found: {1}")]
    BlockNotFound(u32, String),
    /// An evidence bundle's verifying key is not the deployment's.
    #[error("foreign key: {0}")]
    ForeignKey(String),
    /// An evidence bundle's checkpoint is before the deployment's trust anchor, or another block in its place.
    #[error("foreign anchor: {0}")]
    ForeignAnchor(String),
    /// A transaction the chain holds under a hash is not the one that was built (read back from every endpoint).
    #[error("transaction {hash}: {field} is {sent} on the chain, but {built} was built")]
    TxMismatch {
        /// The transaction hash.
        hash: String,
        /// The member that differs (`from`, `to`, `input`, `value`, `chainId`, `hash`, `burn`).
        field: String,
        /// What was built.
        built: String,
        /// What the chain holds.
        sent: String,
    },
    /// A transaction simulated with `eth_call` before it is signed would revert (an endpoint of the chain says so).
    #[error("chain {chain}, {endpoint}: the transaction would revert: {reason}")]
    WouldRevert {
        /// zkLink chain id.
        chain: u8,
        /// The endpoint.
        endpoint: String,
        /// The node's revert message.
        reason: String,
    },
    /// A tracked transaction was mined and reverted (read from every endpoint of its chain).
    #[error("transaction {0} reverted on the chain")]
    TxReverted(String),
    /// A tracked transaction is known to no endpoint of its chain (neither mined nor waiting in a pool) this long after
    /// it was sent: never broadcast, dropped, or sent on another chain.
    #[error("transaction {hash} is not on the chain {minutes} minutes after it was sent")]
    TxNotFound {
        /// The transaction hash.
        hash: String,
        /// Minutes since it was sent.
        minutes: u64,
    },
    /// Malformed configuration.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The verifying key or a value the core refused.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
    /// A burn that cannot be followed (`NO_BURN_IN_RECEIPT`: reverted, or not a burn; `INVALID_CHAIN_ID`).
    #[error(transparent)]
    Calldata(#[from] CalldataError),
}

impl ClientError {
    /// Every code of this enum's own variants.
    pub const CODES: &'static [&'static str] = &[
        "RPC_TIMEOUT",
        "RPC_ERROR",
        "CHAIN_ID_MISMATCH",
        "BLOCK_NOT_FOUND",
        "FOREIGN_KEY",
        "FOREIGN_ANCHOR",
        "TX_MISMATCH",
        "WOULD_REVERT",
        "TX_REVERTED",
        "TX_NOT_FOUND",
    ];

    /// The stable machine code.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(zkbridge_light::error::ClientError::BlockNotFound(3, "x".into()).code(), "BLOCK_NOT_FOUND");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::RpcTimeout { .. } => "RPC_TIMEOUT",
            Self::RpcError { .. } => "RPC_ERROR",
            Self::ChainIdMismatch { .. } => "CHAIN_ID_MISMATCH",
            Self::BlockNotFound(..) => "BLOCK_NOT_FOUND",
            Self::ForeignKey(_) => "FOREIGN_KEY",
            Self::ForeignAnchor(_) => "FOREIGN_ANCHOR",
            Self::TxMismatch { .. } => "TX_MISMATCH",
            Self::WouldRevert { .. } => "WOULD_REVERT",
            Self::TxReverted(_) => "TX_REVERTED",
            Self::TxNotFound { .. } => "TX_NOT_FOUND",
            Self::Input(e) => e.code(),
            Self::Protocol(e) => e.code(),
            Self::Calldata(e) => e.code(),
        }
    }
}

impl Coded for ClientError {
    fn code(&self) -> &'static str {
        ClientError::code(self)
    }
}

/// Every code a function of this crate can throw, sorted and without repeats (what JS `errorCodes()` returns). The JS layer
/// adds `FREED` (a method called on a freed object), listed in [`JS_ONLY_CODES`].
///
/// # Examples
/// ```
/// let codes = zkbridge_light::error::error_codes();
/// assert!(codes.contains(&"INVALID_HEX") && codes.contains(&"EMPTY_BATCH") && codes.contains(&"FREED"));
/// ```
pub fn error_codes() -> Vec<&'static str> {
    // Sorted by insertion, repeats skipped (no `sort_unstable` in the .wasm).
    let mut all: Vec<&'static str> = Vec::new();
    for code in
        [InputError::CODES, Groth16Error::CODES, ProtocolError::CODES, CalldataError::CODES, ClientError::CODES, JS_ONLY_CODES]
            .concat()
    {
        if let Err(at) = all.binary_search(&code) {
            all.insert(at, code);
        }
    }
    all
}

/// Codes thrown by the JS layer only: `FREED` (a method of a freed or closed object was called), `ABORTED` (an
/// `AbortSignal` fired; its reason is the `cause`), `WORKER_FAILED` (the verification Worker could not start or died),
/// `NOT_INITIALIZED` (a function called before `init()` finished), `INIT_FAILED` (the `.wasm` could not be loaded) and
/// `INTERNAL` (anything else the wasm glue threw, as `cause`: a bug to report).
pub const JS_ONLY_CODES: &[&str] = &["FREED", "ABORTED", "WORKER_FAILED", "NOT_INITIALIZED", "INIT_FAILED", "INTERNAL"];

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<Box<dyn Coded>> {
        let s = || String::from("x");
        let inputs = [
            InputError::MissingField(s()),
            InputError::InvalidJson(s()),
            InputError::InvalidHex(s()),
            InputError::InvalidLength(s()),
            InputError::InvalidNumber(s()),
            InputError::InvalidAddress(s()),
            InputError::BadChecksum(s()),
            InputError::DuplicateKey(s()),
            InputError::TooDeep(s()),
            InputError::TooLarge(s()),
            InputError::InvalidInput(s()),
        ];
        let mut out: Vec<Box<dyn Coded>> = Vec::new();
        for e in inputs {
            // Exhaustive: a new variant fails to compile here until it is listed.
            match &e {
                InputError::MissingField(_)
                | InputError::InvalidJson(_)
                | InputError::InvalidHex(_)
                | InputError::InvalidLength(_)
                | InputError::InvalidNumber(_)
                | InputError::InvalidAddress(_)
                | InputError::BadChecksum(_)
                | InputError::DuplicateKey(_)
                | InputError::TooDeep(_)
                | InputError::TooLarge(_)
                | InputError::InvalidInput(_) => {}
            }
            out.push(Box::new(e));
        }
        for e in [
            Groth16Error::NotInField(s()),
            Groth16Error::InvalidPoint(s()),
            Groth16Error::NotOnCurve(s()),
            Groth16Error::NotInSubgroup(s()),
            Groth16Error::PointAtInfinity(s()),
            Groth16Error::PublicInputCount { expected: 1, got: 2 },
            Groth16Error::UnsupportedProtocol(s()),
            Groth16Error::InsecureVk(s()),
            Groth16Error::EmptyBatch,
            Groth16Error::PairingFailed(s()),
            Groth16Error::PrecompileInput(s()),
            Groth16Error::PreparedKeyMismatch(s()),
        ] {
            assert!(Groth16Error::CODES.contains(&e.code()), "{}", e.code());
            out.push(Box::new(e));
        }
        for e in [
            ClientError::RpcTimeout { chain: 1, endpoint: s(), detail: s() },
            ClientError::RpcError { chain: 1, endpoint: s(), detail: s() },
            ClientError::ChainIdMismatch { chain: 1, endpoint: s(), expected: 1, got: s() },
            ClientError::BlockNotFound(1, s()),
            ClientError::ForeignKey(s()),
            ClientError::ForeignAnchor(s()),
            ClientError::TxMismatch { hash: s(), field: s(), built: s(), sent: s() },
            ClientError::WouldRevert { chain: 1, endpoint: s(), reason: s() },
            ClientError::TxReverted(s()),
            ClientError::TxNotFound { hash: s(), minutes: 31 },
        ] {
            assert!(ClientError::CODES.contains(&e.code()));
            out.push(Box::new(e));
        }
        for e in [ProtocolError::UnknownOp { op_type: 9, offset: 0 }, ProtocolError::BadPubdata(s())] {
            assert!(ProtocolError::CODES.contains(&e.code()));
            out.push(Box::new(e));
        }
        for e in [
            CalldataError::InvalidAmount(s()),
            CalldataError::TooManyDecimals { amount: s(), decimals: 1 },
            CalldataError::AmountTooLarge(s()),
            CalldataError::UnsupportedDecimals(99),
            CalldataError::SameChain(1),
            CalldataError::InvalidFee(1),
            CalldataError::InvalidChainId(s()),
            CalldataError::NoBurnInReceipt(s()),
            CalldataError::ZeroAddress(s()),
            CalldataError::ContractRecipient(s()),
        ] {
            assert!(CalldataError::CODES.contains(&e.code()));
            out.push(Box::new(e));
        }
        out
    }

    #[test]
    fn every_code_is_listed_once() {
        let all = error_codes();
        let variants = every_variant();
        for v in &variants {
            assert!(all.contains(&v.code()), "{} missing from error_codes()", v.code());
        }
        // Nothing listed that no variant has (FREED is the JS layer's).
        for c in &all {
            assert!(JS_ONLY_CODES.contains(c) || variants.iter().any(|v| v.code() == *c), "{c} listed but no variant has it");
        }
        // Wrapping keeps the code.
        assert_eq!(ProtocolError::from(InputError::TooDeep("x".into())).code(), "TOO_DEEP");
        assert_eq!(CalldataError::from(InputError::InvalidHex("x".into())).code(), "INVALID_HEX");
        assert_eq!(ProtocolError::from(Groth16Error::EmptyBatch).code(), "EMPTY_BATCH");
    }
}
