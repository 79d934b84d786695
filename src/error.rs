//! Error enums, one per domain, each variant with a stable machine code (`code()`), which the JS bindings put on the thrown
//! `Error` as its `code` property.

use thiserror::Error;

/// Which point of a key or proof an error is about, for messages.
pub type Where = String;

/// Errors of the Groth16 verifier: the input is malformed (a well-formed proof that does not verify is `Ok(false)`, not an error).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Groth16Error {
    /// The argument is not valid JSON, or not the expected JSON shape (a missing member, a number where a string is expected).
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// A number is not a decimal string (ASCII digits only) nor `0x` followed by 1 to 64 hex digits.
    #[error("invalid number at {0}: expected decimal digits or 0x + 1..64 hex digits")]
    InvalidNumber(Where),
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
    /// EVM bytes of the wrong length, or a word array of the wrong size.
    #[error("invalid length: {0}")]
    InvalidLength(String),
}

impl Groth16Error {
    /// The stable machine code, e.g. `"NOT_IN_FIELD"`.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::Groth16Error;
    /// assert_eq!(Groth16Error::InvalidNumber("x".into()).code(), "INVALID_NUMBER");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::InvalidJson(_) => "INVALID_JSON",
            Self::InvalidNumber(_) => "INVALID_NUMBER",
            Self::NotInField(_) => "NOT_IN_FIELD",
            Self::InvalidPoint(_) => "INVALID_POINT",
            Self::NotOnCurve(_) => "NOT_ON_CURVE",
            Self::NotInSubgroup(_) => "NOT_IN_SUBGROUP",
            Self::PointAtInfinity(_) => "POINT_AT_INFINITY",
            Self::PublicInputCount { .. } => "PUBLIC_INPUT_COUNT",
            Self::UnsupportedProtocol(_) => "UNSUPPORTED_PROTOCOL",
            Self::InsecureVk(_) => "INSECURE_VK",
            Self::InvalidLength(_) => "INVALID_LENGTH",
        }
    }
}

/// Errors that carry a stable machine code (the JS `Error.code`).
pub trait Coded: std::fmt::Display {
    /// The stable machine code.
    fn code(&self) -> &'static str;
}

impl Coded for Groth16Error {
    fn code(&self) -> &'static str {
        Groth16Error::code(self)
    }
}

/// Errors of the block model (`protocol`): input that cannot be parsed. Everything that parses gives a verdict instead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProtocolError {
    /// A required member is missing, or the input is not an object/array where one is expected.
    #[error("missing or mistyped field `{0}`")]
    MissingField(String),
    /// A `0x` hex string is malformed (no prefix, odd length, non-hex digits).
    #[error("invalid hex at `{0}`")]
    InvalidHex(String),
    /// Bytes of the wrong length (e.g. a bytes32 that is not 32 bytes, an EVM proof that is not 256 bytes).
    #[error("invalid length at `{0}`")]
    InvalidLength(String),
    /// An integer field is not a canonical decimal string / integer of its width (JS numbers are refused for wide integers).
    #[error("invalid number at `{0}`")]
    InvalidNumber(String),
    /// An address is not 20 bytes of hex.
    #[error("invalid address at `{0}`")]
    InvalidAddress(String),
    /// A mixed-case address whose EIP-55 checksum is wrong.
    #[error("bad EIP-55 checksum at `{0}`")]
    BadChecksum(String),
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
    /// The stable machine code, e.g. `"UNKNOWN_OP"` (a wrapped verifier error keeps its own code).
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::ProtocolError;
    /// assert_eq!(ProtocolError::BadPubdata("x".into()).code(), "BAD_PUBDATA");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::MissingField(_) => "MISSING_FIELD",
            Self::InvalidHex(_) => "INVALID_HEX",
            Self::InvalidLength(_) => "INVALID_LENGTH",
            Self::InvalidNumber(_) => "INVALID_NUMBER",
            Self::InvalidAddress(_) => "INVALID_ADDRESS",
            Self::BadChecksum(_) => "BAD_CHECKSUM",
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
    /// A required parameter is missing or has the wrong JSON type.
    #[error("missing or mistyped parameter `{0}`")]
    MissingField(String),
    /// An address is not `0x` + 40 hex digits.
    #[error("invalid address at `{0}`")]
    InvalidAddress(String),
    /// A mixed-case address whose EIP-55 checksum is wrong.
    #[error("bad EIP-55 checksum at `{0}`")]
    BadChecksum(String),
    /// An amount is not digits with at most one `.`, or is zero where a positive amount is needed.
    #[error("invalid amount `{0}`: expected digits with at most one '.', greater than 0")]
    InvalidAmount(String),
    /// More fraction digits than the token has decimals.
    #[error("amount `{amount}` has more than {decimals} fraction digits")]
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
    #[error("invalid chain id at `{0}`")]
    InvalidChainId(String),
    /// An integer parameter (nonce, decimals, allowance, raw amount) is not a canonical integer of its width.
    #[error("invalid number at `{0}`")]
    InvalidNumber(String),
    /// A hex string (call result, log data, topic) is malformed or of the wrong length.
    #[error("invalid hex at `{0}`")]
    InvalidHex(String),
    /// The receipt has no successful `NewPriorityRequest` log of the bridge carrying a Mapping op.
    #[error("no burn in receipt: {0}")]
    NoBurnInReceipt(String),
}

impl CalldataError {
    /// The stable machine code, e.g. `"AMOUNT_TOO_LARGE"`.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::CalldataError;
    /// assert_eq!(CalldataError::SameChain(1).code(), "SAME_CHAIN");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::MissingField(_) => "MISSING_FIELD",
            Self::InvalidAddress(_) => "INVALID_ADDRESS",
            Self::BadChecksum(_) => "BAD_CHECKSUM",
            Self::InvalidAmount(_) => "INVALID_AMOUNT",
            Self::TooManyDecimals { .. } => "TOO_MANY_DECIMALS",
            Self::AmountTooLarge(_) => "AMOUNT_TOO_LARGE",
            Self::UnsupportedDecimals(_) => "UNSUPPORTED_DECIMALS",
            Self::SameChain(_) => "SAME_CHAIN",
            Self::InvalidFee(_) => "INVALID_FEE",
            Self::InvalidChainId(_) => "INVALID_CHAIN_ID",
            Self::InvalidNumber(_) => "INVALID_NUMBER",
            Self::InvalidHex(_) => "INVALID_HEX",
            Self::NoBurnInReceipt(_) => "NO_BURN_IN_RECEIPT",
        }
    }
}

impl Coded for CalldataError {
    fn code(&self) -> &'static str {
        CalldataError::code(self)
    }
}

impl From<ProtocolError> for CalldataError {
    fn from(e: ProtocolError) -> Self {
        match e {
            ProtocolError::InvalidAddress(k) => Self::InvalidAddress(k),
            ProtocolError::BadChecksum(k) => Self::BadChecksum(k),
            ProtocolError::InvalidNumber(k) => Self::InvalidNumber(k),
            ProtocolError::InvalidHex(k) | ProtocolError::InvalidLength(k) => Self::InvalidHex(k),
            ProtocolError::MissingField(k) => Self::MissingField(k),
            other => Self::NoBurnInReceipt(other.to_string()),
        }
    }
}
