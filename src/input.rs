//! The input error every domain shares, and the three string readers every input goes through: `0x` hex bytes, decimal
//! integers and addresses. Each domain error enum wraps [`InputError`] (`#[error(transparent)]`), so a malformed hex string
//! has one code (`INVALID_HEX`) wherever it appears.

use crate::field::{parse_u256, NumberError};
use alloy_primitives::{hex, Address, B256, U256};
use thiserror::Error;

/// Input that cannot be read: each variant names the field it is about.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InputError {
    /// A required member is missing, or a value is not an object/array/string where one is expected.
    #[error("missing or mistyped field \"{0}\"")]
    MissingField(String),
    /// Text that is not JSON, or a snarkjs document of the wrong shape.
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    /// A `0x` hex string is malformed: no `0x` prefix, an odd number of digits, a non-hex digit (including a second `0x`).
    #[error("invalid hex at \"{0}\"")]
    InvalidHex(String),
    /// Well-formed bytes or a list of the wrong length (a bytes32 that is not 32 bytes, an EVM proof that is not 256 bytes).
    #[error("invalid length at \"{0}\"")]
    InvalidLength(String),
    /// An integer is not a canonical decimal string (or, where allowed, a JS safe integer or `0x` hex) of its width.
    #[error("invalid number at \"{0}\"")]
    InvalidNumber(String),
    /// An address is not `0x` + 40 hex digits.
    #[error("invalid address at \"{0}\"")]
    InvalidAddress(String),
    /// A mixed-case address whose EIP-55 checksum is wrong.
    #[error("bad EIP-55 checksum at \"{0}\"")]
    BadChecksum(String),
    /// The same key twice (e.g. chain `1` and `"01"` in one map).
    #[error("duplicate key at \"{0}\"")]
    DuplicateKey(String),
    /// Input nested deeper than the reader allows.
    #[error("input nested too deeply at \"{0}\"")]
    TooDeep(String),
    /// Input larger in total than the reader allows.
    #[error("input too large: {0}")]
    TooLarge(String),
    /// Reading a JS argument raised an exception (a throwing getter, a revoked Proxy, …).
    #[error("the argument could not be read: {0}")]
    InvalidInput(String),
}

impl InputError {
    /// Every code of this enum.
    pub const CODES: &'static [&'static str] = &[
        "MISSING_FIELD",
        "INVALID_JSON",
        "INVALID_HEX",
        "INVALID_LENGTH",
        "INVALID_NUMBER",
        "INVALID_ADDRESS",
        "BAD_CHECKSUM",
        "DUPLICATE_KEY",
        "TOO_DEEP",
        "TOO_LARGE",
        "INVALID_INPUT",
    ];

    /// The stable machine code, e.g. `"INVALID_HEX"`.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::InputError;
    /// assert_eq!(InputError::InvalidHex("x".into()).code(), "INVALID_HEX");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::MissingField(_) => "MISSING_FIELD",
            Self::InvalidJson(_) => "INVALID_JSON",
            Self::InvalidHex(_) => "INVALID_HEX",
            Self::InvalidLength(_) => "INVALID_LENGTH",
            Self::InvalidNumber(_) => "INVALID_NUMBER",
            Self::InvalidAddress(_) => "INVALID_ADDRESS",
            Self::BadChecksum(_) => "BAD_CHECKSUM",
            Self::DuplicateKey(_) => "DUPLICATE_KEY",
            Self::TooDeep(_) => "TOO_DEEP",
            Self::TooLarge(_) => "TOO_LARGE",
            Self::InvalidInput(_) => "INVALID_INPUT",
        }
    }
}

/// Reads `0x` hex bytes: the prefix, then an even number of hex digits and nothing else (`0x` alone is empty bytes).
///
/// # Errors
/// `INVALID_HEX` for anything else, including `0x0x…` and `0X…`.
///
/// # Examples
/// ```
/// use zkbridge_light::input::hex_bytes;
/// assert_eq!(hex_bytes("0x01ff", "data").unwrap(), vec![1, 255]);
/// assert_eq!(hex_bytes("0x0x01", "data").unwrap_err().code(), "INVALID_HEX");
/// assert_eq!(hex_bytes("01", "data").unwrap_err().code(), "INVALID_HEX");
/// ```
pub fn hex_bytes(s: &str, field: &str) -> Result<Vec<u8>, InputError> {
    let digits = s.strip_prefix("0x").ok_or_else(|| InputError::InvalidHex(field.to_owned()))?;
    if digits.len() % 2 != 0 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(InputError::InvalidHex(field.to_owned()));
    }
    hex::decode(digits).map_err(|_| InputError::InvalidHex(field.to_owned()))
}

/// Reads exactly `N` bytes of `0x` hex.
///
/// # Errors
/// `INVALID_HEX` as [`hex_bytes`]; `INVALID_LENGTH` for well-formed hex of another length.
pub fn hex_array<const N: usize>(s: &str, field: &str) -> Result<[u8; N], InputError> {
    let bytes = hex_bytes(s, field)?;
    <[u8; N]>::try_from(bytes.as_slice())
        .map_err(|_| InputError::InvalidLength(format!("{field} (expected {N} bytes, got {})", bytes.len())))
}

/// Reads a `bytes32` (`0x` + 64 hex digits).
///
/// # Errors
/// `INVALID_HEX`, `INVALID_LENGTH`.
///
/// # Examples
/// ```
/// use zkbridge_light::input::b256;
/// assert_eq!(b256(&format!("0x{}", "11".repeat(32)), "root").unwrap(), alloy_primitives::B256::repeat_byte(0x11));
/// assert_eq!(b256("0x11", "root").unwrap_err().code(), "INVALID_LENGTH");
/// ```
pub fn b256(s: &str, field: &str) -> Result<B256, InputError> {
    hex_array::<32>(s, field).map(B256::from)
}

/// Reads a decimal integer of at most `bits` bits: ASCII digits only (leading zeros allowed; no sign, no `0x`, no spaces).
///
/// # Errors
/// `INVALID_NUMBER`.
///
/// # Examples
/// ```
/// use zkbridge_light::input::decimal;
/// assert_eq!(decimal("0012", "n", 8).unwrap().to::<u64>(), 12);
/// assert_eq!(decimal("256", "n", 8).unwrap_err().code(), "INVALID_NUMBER");
/// assert_eq!(decimal("0x1", "n", 8).unwrap_err().code(), "INVALID_NUMBER");
/// ```
pub fn decimal(s: &str, field: &str, bits: usize) -> Result<U256, InputError> {
    if s.starts_with("0x") {
        return Err(InputError::InvalidNumber(field.to_owned()));
    }
    let u = parse_u256(s).map_err(|_: NumberError| InputError::InvalidNumber(field.to_owned()))?;
    if bits < 256 && u.bit_len() > bits {
        return Err(InputError::InvalidNumber(field.to_owned()));
    }
    Ok(u)
}

/// Reads an address: `0x` + 40 hex digits, all lower-case (or all upper-case), or mixed case with a valid EIP-55 checksum.
///
/// # Errors
/// `INVALID_ADDRESS` for anything that is not 20 bytes of hex, `BAD_CHECKSUM` for a mixed-case address with a wrong checksum.
///
/// # Examples
/// ```
/// use zkbridge_light::input::address;
/// assert!(address("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", "to").is_ok());
/// assert_eq!(address("0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "to").unwrap_err().code(), "BAD_CHECKSUM");
/// ```
pub fn address(s: &str, field: &str) -> Result<Address, InputError> {
    let digits = s.strip_prefix("0x").ok_or_else(|| InputError::InvalidAddress(field.to_owned()))?;
    if digits.len() != 40 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(InputError::InvalidAddress(field.to_owned()));
    }
    let mixed = digits.bytes().any(|b| b.is_ascii_lowercase()) && digits.bytes().any(|b| b.is_ascii_uppercase());
    if mixed {
        return Address::parse_checksummed(s, None).map_err(|_| InputError::BadChecksum(field.to_owned()));
    }
    s.parse::<Address>().map_err(|_| InputError::InvalidAddress(field.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_rules() {
        assert_eq!(hex_bytes("0x", "f").unwrap(), Vec::<u8>::new());
        for bad in ["", "0x0", "0x0x00", "0X00", "0xzz", "00", "0x 0", "0x+0"] {
            assert_eq!(hex_bytes(bad, "f").unwrap_err().code(), "INVALID_HEX", "{bad:?}");
        }
        assert_eq!(hex_array::<2>("0x0001", "f").unwrap(), [0, 1]);
        assert_eq!(hex_array::<2>("0x00", "f").unwrap_err().code(), "INVALID_LENGTH");
        assert_eq!(hex_array::<2>("0x0x01", "f").unwrap_err().code(), "INVALID_HEX");
    }

    #[test]
    fn decimal_rules() {
        assert_eq!(decimal("255", "f", 8).unwrap(), U256::from(255u64));
        for bad in ["", "-1", "+1", " 1", "1.0", "0x1", "256"] {
            assert_eq!(decimal(bad, "f", 8).unwrap_err().code(), "INVALID_NUMBER", "{bad:?}");
        }
        assert_eq!(decimal(&U256::MAX.to_string(), "f", 256).unwrap(), U256::MAX);
    }

    #[test]
    fn address_rules() {
        let lower = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359";
        assert_eq!(address(lower, "a").unwrap(), address(&lower.to_uppercase().replacen("0X", "0x", 1), "a").unwrap());
        assert!(address("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "a").is_ok());
        for bad in ["", "fb6916095ca1df60bb79ce92ce3ea74c37c5d359", "0x0xfb6916095ca1df60bb79ce92ce3ea74c37c5d3", "0x12"] {
            assert_eq!(address(bad, "a").unwrap_err().code(), "INVALID_ADDRESS", "{bad:?}");
        }
    }
}
