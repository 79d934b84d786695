//! Strict token amounts: a decimal string with at most one `.` and at most `decimals` fraction digits becomes raw units,
//! exactly (alloy's `parse_units` alone truncates extra digits and accepts a sign, so the string is validated first).

use crate::error::CalldataError;
use alloy_primitives::utils::{parse_units, ParseUnits};
use alloy_primitives::U256;

/// Decimals of zkLink's L2 amounts.
pub const L2_DECIMALS: u8 = 18;

/// The cap of an 18-decimal L2 amount: `2^104 − 1` (zkLink's `MAX_DEPOSIT_AMOUNT`, the `uint104 _amount`).
pub const MAX_L2_AMOUNT: U256 = U256::from_limbs([u64::MAX, (1u64 << 40) - 1, 0, 0]);

/// Parses a token amount such as `"12.5"` into raw units.
///
/// # Errors
/// `INVALID_AMOUNT` unless the string is one or more digits, optionally followed by `.` and one or more digits;
/// `TOO_MANY_DECIMALS` when it has more fraction digits than `decimals`; `UNSUPPORTED_DECIMALS` above 77;
/// `AMOUNT_TOO_LARGE` when the raw value does not fit in 256 bits.
///
/// # Examples
/// ```
/// use zkbridge_light::calldata::parse_amount;
/// assert_eq!(parse_amount("12.5", 6).unwrap().to_string(), "12500000");
/// assert_eq!(parse_amount("12.5000001", 6).unwrap_err().code(), "TOO_MANY_DECIMALS");
/// assert_eq!(parse_amount("-1", 6).unwrap_err().code(), "INVALID_AMOUNT");
/// ```
pub fn parse_amount(amount: &str, decimals: u8) -> Result<U256, CalldataError> {
    if decimals > 77 {
        return Err(CalldataError::UnsupportedDecimals(decimals.into()));
    }
    let (int, frac) = match amount.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (amount, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(CalldataError::InvalidAmount(amount.to_owned()));
    }
    if frac.map_or(0, str::len) > usize::from(decimals) {
        return Err(CalldataError::TooManyDecimals { amount: amount.to_owned(), decimals });
    }
    match parse_units(amount, decimals) {
        Ok(ParseUnits::U256(v)) => Ok(v),
        _ => Err(CalldataError::AmountTooLarge(format!("{amount} with {decimals} decimals does not fit in 256 bits"))),
    }
}

/// Formats raw units as a token amount: no trailing zeros, no exponent, no trailing `.`.
///
/// # Errors
/// `UNSUPPORTED_DECIMALS` above 77.
///
/// # Examples
/// ```
/// use zkbridge_light::calldata::format_amount;
/// use alloy_primitives::U256;
/// assert_eq!(format_amount(U256::from(12_500_000u64), 6).unwrap(), "12.5");
/// assert_eq!(format_amount(U256::from(3u64), 0).unwrap(), "3");
/// assert_eq!(format_amount(U256::ZERO, 18).unwrap(), "0");
/// ```
pub fn format_amount(raw: U256, decimals: u8) -> Result<String, CalldataError> {
    if decimals > 77 {
        return Err(CalldataError::UnsupportedDecimals(decimals.into()));
    }
    // The decimal digits of `raw`, left-padded so that at least one digit stands before the point. (alloy's
    // `format_units` gives the same text before trimming but goes through signed 256-bit division: 16 KB of wasm.)
    let digits = format!("{raw:0>width$}", width = usize::from(decimals) + 1);
    let (int, frac) = digits.split_at(digits.len() - usize::from(decimals));
    let frac = frac.trim_end_matches('0');
    Ok(if frac.is_empty() { int.to_owned() } else { format!("{int}.{frac}") })
}

/// Scales a raw amount of a `decimals`-decimal token to zkLink's 18 decimals, refusing more than 18 decimals and results
/// above `2^104 − 1`.
///
/// # Errors
/// `UNSUPPORTED_DECIMALS` above 18, `AMOUNT_TOO_LARGE` above the cap.
pub fn to_l2_amount(raw: U256, decimals: u8) -> Result<u128, CalldataError> {
    let scale = L2_DECIMALS.checked_sub(decimals).ok_or(CalldataError::UnsupportedDecimals(decimals.into()))?;
    let l2 = U256::from(10u8)
        .checked_pow(U256::from(scale))
        .and_then(|f| raw.checked_mul(f))
        .filter(|v| *v <= MAX_L2_AMOUNT)
        .ok_or_else(|| CalldataError::AmountTooLarge(format!("{raw} raw units exceed 2^104 - 1 at 18 decimals")))?;
    u128::try_from(l2).map_err(|_| CalldataError::AmountTooLarge(l2.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_is_2_104_minus_1() {
        assert_eq!(MAX_L2_AMOUNT, (U256::from(1u8) << 104) - U256::from(1u8));
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("0", 6).unwrap(), U256::ZERO);
        assert_eq!(parse_amount("007.10", 2).unwrap(), U256::from(710u64));
        assert_eq!(parse_amount("1", 0).unwrap(), U256::from(1u64));
        for bad in ["", ".", "1.", ".5", "1.2.3", "+1", "-1", " 1", "1 ", "1e3", "1,5", "0x10", "١"] {
            assert_eq!(parse_amount(bad, 6).unwrap_err().code(), "INVALID_AMOUNT", "{bad:?}");
        }
        assert_eq!(parse_amount("1.5", 0).unwrap_err().code(), "TOO_MANY_DECIMALS");
        assert_eq!(parse_amount("1", 78).unwrap_err().code(), "UNSUPPORTED_DECIMALS");
        assert_eq!(parse_amount(&"9".repeat(80), 0).unwrap_err().code(), "AMOUNT_TOO_LARGE");
        assert_eq!(format_amount(U256::from(1_000_000u64), 6).unwrap(), "1");
        assert_eq!(format_amount(U256::from(1u64), 18).unwrap(), "0.000000000000000001");
    }

    /// alloy's `format_units` (trimmed) as the oracle for every decimals and values around each power of ten.
    #[test]
    fn format_amount_agrees_with_alloy_format_units() {
        let trim = |s: String| match s.split_once('.') {
            Some((i, f)) if f.trim_end_matches('0').is_empty() => i.to_owned(),
            Some((i, f)) => format!("{i}.{}", f.trim_end_matches('0')),
            None => s,
        };
        for d in 0..=77u8 {
            for e in 0..78usize {
                let p = U256::from(10u8).pow(U256::from(e));
                for v in [p, p - U256::from(1u8), p + U256::from(1u8), p * U256::from(7u8), U256::MAX, U256::ZERO] {
                    let want = trim(alloy_primitives::utils::format_units(v, d).unwrap());
                    assert_eq!(format_amount(v, d).unwrap(), want, "{v} {d}");
                }
            }
        }
        assert_eq!(format_amount(U256::from(1u8), 78).unwrap_err().code(), "UNSUPPORTED_DECIMALS");
    }

    #[test]
    fn l2_scaling() {
        assert_eq!(to_l2_amount(U256::from(12_500_000u64), 6).unwrap(), 12_500_000_000_000_000_000);
        assert_eq!(to_l2_amount(MAX_L2_AMOUNT, 18).unwrap(), (1u128 << 104) - 1);
        assert_eq!(to_l2_amount(MAX_L2_AMOUNT + U256::from(1u8), 18).unwrap_err().code(), "AMOUNT_TOO_LARGE");
        assert_eq!(to_l2_amount(U256::from(1u8), 19).unwrap_err().code(), "UNSUPPORTED_DECIMALS");
        let max6 = MAX_L2_AMOUNT / U256::from(1_000_000_000_000u64);
        assert!(to_l2_amount(max6, 6).is_ok());
        assert_eq!(to_l2_amount(max6 + U256::from(1u8), 6).unwrap_err().code(), "AMOUNT_TOO_LARGE");
    }
}
