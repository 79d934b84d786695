//! Strict number parsing: canonical decimal or `0x` hex strings to integers and field elements.
//!
//! Values are range-checked against the modulus and **never reduced** (unlike `ark_ff::Fp::from_str`, which reduces and accepts a
//! leading `-`). See `docs/FORMATS.md` and the EVM's `checkField`.

use alloy_primitives::U256;
use ark_bn254::{Fq, Fr};
use ark_ff::{BigInt, PrimeField};

/// Why a number string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not one or more ASCII digits, nor `0x` followed by 1 to 64 hex digits.
    Syntax,
    /// Syntactically fine but at least the modulus (or at least 2^256).
    TooLarge,
}

/// Parses a non-negative integer written as decimal digits (leading zeros allowed, nothing else) or `0x` + 1..=64 hex digits.
///
/// # Errors
/// [`NumberError::Syntax`] for anything else (signs, whitespace, empty strings, `0X`), [`NumberError::TooLarge`] above `2^256 − 1`.
///
/// # Examples
/// ```
/// use zkbridge_light::field::parse_u256;
/// assert_eq!(parse_u256("0x10").unwrap(), parse_u256("16").unwrap());
/// assert!(parse_u256("-1").is_err());
/// assert!(parse_u256(" 1").is_err());
/// ```
pub fn parse_u256(s: &str) -> Result<U256, NumberError> {
    if let Some(hex) = s.strip_prefix("0x") {
        if hex.is_empty() || hex.len() > 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(NumberError::Syntax);
        }
        return U256::from_str_radix(hex, 16).map_err(|_| NumberError::Syntax);
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::Syntax);
    }
    let digits = s.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(U256::ZERO);
    }
    if digits.len() > 78 {
        return Err(NumberError::TooLarge);
    }
    U256::from_str_radix(digits, 10).map_err(|_| NumberError::TooLarge)
}

fn to_field<F: PrimeField<BigInt = BigInt<4>>>(v: U256) -> Result<F, NumberError> {
    F::from_bigint(BigInt::new(*v.as_limbs())).ok_or(NumberError::TooLarge)
}

/// Converts an integer to a BN254 base-field element, refusing values `≥ p`.
///
/// # Errors
/// [`NumberError::TooLarge`] when `v ≥ p`.
pub fn u256_to_fq(v: U256) -> Result<Fq, NumberError> {
    to_field(v)
}

/// Converts an integer to a BN254 scalar-field element, refusing values `≥ r`.
///
/// # Errors
/// [`NumberError::TooLarge`] when `v ≥ r`.
pub fn u256_to_fr(v: U256) -> Result<Fr, NumberError> {
    to_field(v)
}

/// Parses a base-field coordinate (`< p`), see [`parse_u256`] for the accepted syntax.
///
/// # Errors
/// As [`parse_u256`], and [`NumberError::TooLarge`] when the value is `≥ p`.
pub fn parse_fq(s: &str) -> Result<Fq, NumberError> {
    parse_u256(s).and_then(u256_to_fq)
}

/// Parses a scalar (public input, `< r`), see [`parse_u256`] for the accepted syntax.
///
/// # Errors
/// As [`parse_u256`], and [`NumberError::TooLarge`] when the value is `≥ r`.
///
/// # Examples
/// ```
/// use zkbridge_light::field::parse_fr;
/// let r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
/// assert!(parse_fr(r).is_err()); // r itself is not reduced to 0
/// assert!(parse_fr("7").is_ok());
/// ```
pub fn parse_fr(s: &str) -> Result<Fr, NumberError> {
    parse_u256(s).and_then(u256_to_fr)
}

/// The canonical decimal string of a field element.
pub fn field_to_decimal<F: PrimeField<BigInt = BigInt<4>>>(f: &F) -> String {
    U256::from_limbs(f.into_bigint().0).to_string()
}

/// The canonical big-endian 32-byte form of a field element.
pub fn field_to_be_bytes<F: PrimeField<BigInt = BigInt<4>>>(f: &F) -> [u8; 32] {
    U256::from_limbs(f.into_bigint().0).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: &str = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
    const P: &str = "21888242871839275222246405745257275088696311157297823662689037894645226208583";

    #[test]
    fn decimal_and_hex() {
        assert_eq!(parse_u256("0").unwrap(), U256::ZERO);
        assert_eq!(parse_u256("000123").unwrap(), U256::from(123u64));
        assert_eq!(parse_u256("0xff").unwrap(), U256::from(255u64));
        assert_eq!(parse_u256("0xFF").unwrap(), U256::from(255u64));
        assert_eq!(parse_u256(&format!("0x{}", "f".repeat(64))).unwrap(), U256::MAX);
    }

    #[test]
    fn syntax_errors() {
        for s in ["", "-1", "+1", " 1", "1 ", "1e3", "0x", "0X1", "0xg", "1.0", "１", "0x-1"] {
            assert_eq!(parse_u256(s), Err(NumberError::Syntax), "{s:?}");
        }
        assert_eq!(parse_u256(&format!("0x{}", "0".repeat(65))), Err(NumberError::Syntax));
    }

    #[test]
    fn too_large() {
        let max = U256::MAX.to_string();
        assert!(parse_u256(&max).is_ok());
        assert_eq!(parse_u256(&format!("{max}0")), Err(NumberError::TooLarge));
        assert_eq!(
            parse_u256("115792089237316195423570985008687907853269984665640564039457584007913129639936"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(parse_fr(R), Err(NumberError::TooLarge));
        assert!(parse_fq(R).is_ok());
        assert_eq!(parse_fq(P), Err(NumberError::TooLarge));
        assert_eq!(
            field_to_decimal(
                &parse_fr(&format!("000{}", "21888242871839275222246405745257275088548364400416034343698204186575808495616"))
                    .unwrap()
            ),
            "21888242871839275222246405745257275088548364400416034343698204186575808495616"
        );
    }
}
