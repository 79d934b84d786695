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
