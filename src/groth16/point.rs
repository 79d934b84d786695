//! Point construction with explicit checks (never ark's asserting `Affine::new`): curve membership, subgroup, infinity.

use crate::error::{Groth16Error, InputError};

use crate::field::{parse_u256, u256_to_fq, NumberError};
use ark_bn254::Fq;
use ark_ec::short_weierstrass::{Affine, SWCurveConfig};
use ark_ff::{One, Zero};

/// Parses one coordinate string, mapping errors to the verifier's codes.
pub(crate) fn coord(s: &str, at: &str) -> Result<Fq, Groth16Error> {
    parse_u256(s).and_then(u256_to_fq).map_err(|e| match e {
        NumberError::Syntax => Groth16Error::from(InputError::InvalidNumber(at.to_owned())),
        NumberError::TooLarge => Groth16Error::NotInField(at.to_owned()),
    })
}

/// The prime-order subgroup check of a point on its curve, G2's computed in the verifier's arithmetic
/// (`zkbridge-bn254`: one copy of the G2 scalar multiplication in the package).
pub(crate) trait InGroup: SWCurveConfig {
    /// Whether `p` (on the curve) is in the subgroup.
    fn in_group(p: &Affine<Self>) -> bool;
}

impl InGroup for ark_bn254::g1::Config {
    fn in_group(p: &Affine<Self>) -> bool {
        p.is_in_correct_subgroup_assuming_on_curve() // cofactor 1: always
    }
}

impl InGroup for ark_bn254::g2::Config {
    fn in_group(p: &Affine<Self>) -> bool {
        zkbridge_bn254::g2_in_subgroup(p)
    }
}

/// Builds a point of G1 or G2 from affine coordinates with explicit checks: `(0, 0)` (the EVM's infinity) is refused as
/// infinity, then curve membership, then the prime-order subgroup.
pub(crate) fn checked<P: InGroup>(x: P::BaseField, y: P::BaseField, at: &str) -> Result<Affine<P>, Groth16Error> {
    if x.is_zero() && y.is_zero() {
        return Err(Groth16Error::PointAtInfinity(at.to_owned()));
    }
    let p = Affine::<P>::new_unchecked(x, y);
    if !p.is_on_curve() {
        return Err(Groth16Error::NotOnCurve(at.to_owned()));
    }
    if !P::in_group(&p) {
        return Err(Groth16Error::NotInSubgroup(at.to_owned()));
    }
    Ok(p)
}

/// What `(0, 0)` — the EVM's encoding of the point at infinity — means to an EVM point reader ([`evm_point`]).
#[derive(Clone, Copy)]
pub(crate) enum Infinity {
    /// The precompiles (0x06, 0x07, 0x08): it is the point at infinity.
    Allowed,
    /// Groth16 proof and key points: refused (`POINT_AT_INFINITY`).
    Refused,
}

/// The one EVM point reader, for the precompiles and the Groth16 EVM form alike: `(0, 0)` by `infinity`, then
/// [`checked`] (curve membership, then the prime-order subgroup).
pub(crate) fn evm_point<P: InGroup>(
    x: P::BaseField,
    y: P::BaseField,
    at: &str,
    infinity: Infinity,
) -> Result<Affine<P>, Groth16Error> {
    if matches!(infinity, Infinity::Allowed) && x.is_zero() && y.is_zero() {
        return Ok(Affine::<P>::identity());
    }
    checked(x, y, at)
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
