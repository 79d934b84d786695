//! Point construction with explicit checks (never ark's asserting `Affine::new`): curve membership, subgroup, infinity.

use crate::error::{Groth16Error, InputError};

use crate::field::{parse_u256, u256_to_fq, NumberError};
use ark_bn254::{Fq, Fq2, G1Affine, G2Affine};
use ark_ff::{One, Zero};

/// Parses one coordinate string, mapping errors to the verifier's codes.
pub(crate) fn coord(s: &str, at: &str) -> Result<Fq, Groth16Error> {
    parse_u256(s).and_then(u256_to_fq).map_err(|e| match e {
        NumberError::Syntax => Groth16Error::from(InputError::InvalidNumber(at.to_owned())),
        NumberError::TooLarge => Groth16Error::NotInField(at.to_owned()),
    })
}

/// Builds a G1 point from affine coordinates; `(0, 0)` (the EVM's infinity) is refused as infinity.
pub(crate) fn g1(x: Fq, y: Fq, at: &str) -> Result<G1Affine, Groth16Error> {
    if x.is_zero() && y.is_zero() {
        return Err(Groth16Error::PointAtInfinity(at.to_owned()));
    }
    let p = G1Affine::new_unchecked(x, y);
    if !p.is_on_curve() {
        return Err(Groth16Error::NotOnCurve(at.to_owned()));
    }
    if !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(Groth16Error::NotInSubgroup(at.to_owned()));
    }
    Ok(p)
}

/// Builds a G2 point from affine coordinates; `(0, 0)` is refused as infinity.
pub(crate) fn g2(x: Fq2, y: Fq2, at: &str) -> Result<G2Affine, Groth16Error> {
    if x.is_zero() && y.is_zero() {
        return Err(Groth16Error::PointAtInfinity(at.to_owned()));
    }
    let p = G2Affine::new_unchecked(x, y);
    if !p.is_on_curve() {
        return Err(Groth16Error::NotOnCurve(at.to_owned()));
    }
    if !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(Groth16Error::NotInSubgroup(at.to_owned()));
    }
    Ok(p)
}

/// Interprets a projective `z` as written by snarkjs: `Ok(true)` for 1 (affine), `Ok(false)` for 0 (infinity, when `x, y`
/// are the infinity encoding), otherwise `INVALID_POINT`.
pub(crate) fn z_is_affine<F: Zero + One + PartialEq>(z: &F, at: &str) -> Result<bool, Groth16Error> {
    if z.is_one() {
        Ok(true)
    } else if z.is_zero() {
        Ok(false)
    } else {
        Err(Groth16Error::InvalidPoint(format!("{at} (z must be 1)")))
    }
}
