//! Strict readers for the JSON shapes of the protocol (the JS conventions): `uint8/16/32` as numbers or decimal strings,
//! wider integers as decimal strings only, bytes as `0x` hex, addresses lower-case or valid EIP-55.

use crate::error::ProtocolError;
use crate::field::parse_u256;
use alloy_primitives::{hex, Address, Bytes, B256, U256};
use serde_json::Value;

/// A required member of an object.
pub(crate) fn get<'a>(v: &'a Value, key: &str) -> Result<&'a Value, ProtocolError> {
    v.get(key).filter(|x| !x.is_null()).ok_or_else(|| ProtocolError::MissingField(key.to_owned()))
}

/// An unsigned integer of at most `bits` bits: a JS number (safe integer) or a decimal string.
pub(crate) fn small_uint(v: &Value, key: &str, bits: u32) -> Result<u64, ProtocolError> {
    let n = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) if !s.starts_with("0x") => parse_u256(s).ok().and_then(|u| u64::try_from(u).ok()),
        _ => None,
    }
    .ok_or_else(|| ProtocolError::InvalidNumber(key.to_owned()))?;
    if bits < 64 && n >> bits != 0 {
        return Err(ProtocolError::InvalidNumber(key.to_owned()));
    }
    Ok(n)
}

/// A `uint8` field.
pub(crate) fn u8_at(v: &Value, key: &str) -> Result<u8, ProtocolError> {
    u8::try_from(small_uint(get(v, key)?, key, 8)?).map_err(|_| ProtocolError::InvalidNumber(key.to_owned()))
}
/// A `uint16` field.
pub(crate) fn u16_at(v: &Value, key: &str) -> Result<u16, ProtocolError> {
    u16::try_from(small_uint(get(v, key)?, key, 16)?).map_err(|_| ProtocolError::InvalidNumber(key.to_owned()))
}
/// A `uint32` field.
pub(crate) fn u32_at(v: &Value, key: &str) -> Result<u32, ProtocolError> {
    u32::try_from(small_uint(get(v, key)?, key, 32)?).map_err(|_| ProtocolError::InvalidNumber(key.to_owned()))
}

/// A wide unsigned integer (`uint64` … `uint256`): a decimal string only (bigints arrive as decimal strings).
pub(crate) fn wide_uint(v: &Value, key: &str, bits: usize) -> Result<U256, ProtocolError> {
    let s = v.as_str().filter(|s| !s.starts_with("0x")).ok_or_else(|| ProtocolError::InvalidNumber(key.to_owned()))?;
    let u = parse_u256(s).map_err(|_| ProtocolError::InvalidNumber(key.to_owned()))?;
    if bits < 256 && u.bit_len() > bits {
        return Err(ProtocolError::InvalidNumber(key.to_owned()));
    }
    Ok(u)
}

/// A wide unsigned integer member.
pub(crate) fn wide_at(v: &Value, key: &str, bits: usize) -> Result<U256, ProtocolError> {
    wide_uint(get(v, key)?, key, bits)
}

/// `0x` hex bytes.
pub(crate) fn bytes_of(v: &Value, key: &str) -> Result<Bytes, ProtocolError> {
    let s = v.as_str().ok_or_else(|| ProtocolError::InvalidHex(key.to_owned()))?;
    let digits = s.strip_prefix("0x").ok_or_else(|| ProtocolError::InvalidHex(key.to_owned()))?;
    hex::decode(digits).map(Bytes::from).map_err(|_| ProtocolError::InvalidHex(key.to_owned()))
}

/// A `0x` hex bytes member.
pub(crate) fn bytes_at(v: &Value, key: &str) -> Result<Bytes, ProtocolError> {
    bytes_of(get(v, key)?, key)
}

/// A `bytes32` value.
pub(crate) fn b256_of(v: &Value, key: &str) -> Result<B256, ProtocolError> {
    let b = bytes_of(v, key)?;
    B256::try_from(b.as_ref()).map_err(|_| ProtocolError::InvalidLength(format!("{key} (expected 32 bytes)")))
}

/// A `bytes32` member.
pub(crate) fn b256_at(v: &Value, key: &str) -> Result<B256, ProtocolError> {
    b256_of(get(v, key)?, key)
}

/// Parses an address: `0x` + 40 hex digits, all lower-case (or all upper-case), or mixed case with a valid EIP-55 checksum.
///
/// # Errors
/// `INVALID_ADDRESS` for anything that is not 20 bytes of hex, `BAD_CHECKSUM` for a mixed-case address with a wrong checksum.
pub fn parse_address(s: &str, key: &str) -> Result<Address, ProtocolError> {
    let digits = s.strip_prefix("0x").ok_or_else(|| ProtocolError::InvalidAddress(key.to_owned()))?;
    if digits.len() != 40 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ProtocolError::InvalidAddress(key.to_owned()));
    }
    let mixed = digits.bytes().any(|b| b.is_ascii_lowercase()) && digits.bytes().any(|b| b.is_ascii_uppercase());
    if mixed {
        return Address::parse_checksummed(s, None).map_err(|_| ProtocolError::BadChecksum(key.to_owned()));
    }
    s.parse::<Address>().map_err(|_| ProtocolError::InvalidAddress(key.to_owned()))
}

/// An address member.
pub(crate) fn address_at(v: &Value, key: &str) -> Result<Address, ProtocolError> {
    let s = get(v, key)?.as_str().ok_or_else(|| ProtocolError::InvalidAddress(key.to_owned()))?;
    parse_address(s, key)
}

/// An array member.
pub(crate) fn array_at<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, ProtocolError> {
    get(v, key)?.as_array().ok_or_else(|| ProtocolError::MissingField(format!("{key} (expected an array)")))
}

/// Parses a `bytes32` value (`0x` + 64 hex digits).
///
/// # Errors
/// `INVALID_HEX`, `INVALID_LENGTH`.
pub fn parse_b256(v: &Value, key: &str) -> Result<B256, ProtocolError> {
    b256_of(v, key)
}

/// Parses `0x` hex bytes.
///
/// # Errors
/// `INVALID_HEX`.
pub fn parse_bytes(v: &Value, key: &str) -> Result<Bytes, ProtocolError> {
    bytes_of(v, key)
}

/// Parses a zkLink chain id (`uint8`, number or decimal string).
///
/// # Errors
/// `INVALID_NUMBER`.
pub fn parse_chain_id(v: &Value, key: &str) -> Result<u8, ProtocolError> {
    u8::try_from(small_uint(v, key, 8)?).map_err(|_| ProtocolError::InvalidNumber(key.to_owned()))
}
