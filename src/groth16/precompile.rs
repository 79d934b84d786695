//! The EVM's BN254 precompiles with their exact input rules: `0x06` ecAdd and `0x07` ecMul (EIP-196), `0x08` ecPairing
//! (EIP-197). Points are 32-byte big-endian words, G2 coordinates **imaginary part first**; `(0, 0)` (and the all-zero
//! G2 point) is the point at infinity. ecAdd and ecMul read their input as if padded with zeros to 128 and 96 bytes and
//! ignore what follows; ecPairing takes a multiple of 192 bytes (empty: the empty product, `true`). A coordinate ≥ p, a
//! point off its curve, or a G2 point outside the prime-order subgroup (even when paired with the infinity of G1) make the
//! precompile fail: `PRECOMPILE_INPUT` here. A scalar may be any 256-bit number (≥ r included).
//!
//! The Groth16 EVM form uses the same word reader but refuses infinity for its points ([`super::parse_evm_proof_bytes`]).

use super::point::{evm_point, Infinity};
use crate::error::Groth16Error;
use crate::field::{field_to_be_bytes, u256_to_fq};
use alloy_primitives::U256;
use ark_bn254::{Fq, Fq2, G1Affine, G2Affine};
use ark_ec::AffineRepr;

/// The 32-byte word at `at` of `input`, as if `input` were followed by zeros.
fn word(input: &[u8], at: usize) -> [u8; 32] {
    let mut w = [0u8; 32];
    for (i, b) in w.iter_mut().enumerate() {
        *b = input.get(at + i).copied().unwrap_or(0);
    }
    w
}

fn fq(input: &[u8], at: usize) -> Result<Fq, Groth16Error> {
    u256_to_fq(U256::from_be_bytes(word(input, at)))
        .map_err(|_| Groth16Error::PrecompileInput("a coordinate is not below the field modulus p".into()))
}

/// The G1 point at `at` (64 bytes) and the G2 point at `at` (128 bytes: x.c1, x.c0, y.c1, y.c0), read by the one EVM
/// point reader with `(0, 0)` as infinity; any other point must be on its curve and in its subgroup.
fn g1(input: &[u8], at: usize, what: &str) -> Result<G1Affine, Groth16Error> {
    evm_point(fq(input, at)?, fq(input, at + 32)?, what, Infinity::Allowed).map_err(refused)
}

fn g2(input: &[u8], at: usize, what: &str) -> Result<G2Affine, Groth16Error> {
    let x = Fq2::new(fq(input, at + 32)?, fq(input, at)?);
    let y = Fq2::new(fq(input, at + 96)?, fq(input, at + 64)?);
    evm_point(x, y, what, Infinity::Allowed).map_err(refused)
}

/// What the precompile would fail on, under its one code.
fn refused(e: Groth16Error) -> Groth16Error {
    Groth16Error::PrecompileInput(e.to_string())
}

/// A G1 point as the precompiles return it: `x ‖ y`, infinity as 64 zero bytes.
fn encode(p: G1Affine) -> [u8; 64] {
    let mut out = [0u8; 64];
    if let Some((x, y)) = p.xy() {
        let (hi, lo) = out.split_at_mut(32);
        hi.copy_from_slice(&field_to_be_bytes(&x));
        lo.copy_from_slice(&field_to_be_bytes(&y));
    }
    out
}

/// ecAdd (`0x06`): the sum of the two G1 points in the first 128 bytes.
///
/// # Errors
/// `PRECOMPILE_INPUT` for a coordinate ≥ p or a point off the curve.
///
/// # Examples
/// ```
/// use zkbridge_light::groth16::precompile::bn254_add;
/// let g = [&[0u8; 31][..], &[1], &[0u8; 31], &[2]].concat(); // the generator (1, 2)
/// let twice = bn254_add(&[g.clone(), g].concat()).unwrap();
/// assert_eq!(bn254_add(&[]).unwrap(), [0u8; 64]); // infinity + infinity
/// assert_eq!(bn254_add(&[0xff; 64]).unwrap_err().code(), "PRECOMPILE_INPUT");
/// # let _ = twice;
/// ```
pub fn bn254_add(input: &[u8]) -> Result<[u8; 64], Groth16Error> {
    let (a, b) = (g1(input, 0, "first point")?, g1(input, 64, "second point")?);
    Ok(encode(zkbridge_bn254::g1_add(&a, &b)))
}

/// ecMul (`0x07`): the G1 point in the first 64 bytes times the 256-bit scalar in the next 32 (any value: it is not
/// reduced first, which gives the same point since G1 has order r).
///
/// # Errors
/// `PRECOMPILE_INPUT` for a coordinate ≥ p or a point off the curve.
///
/// # Examples
/// ```
/// use zkbridge_light::groth16::precompile::{bn254_add, bn254_mul};
/// let g = [&[0u8; 31][..], &[1], &[0u8; 31], &[2]].concat();
/// let two = [&[0u8; 31][..], &[2]].concat();
/// assert_eq!(bn254_mul(&[g.clone(), two].concat()).unwrap(), bn254_add(&[g.clone(), g].concat()).unwrap());
/// ```
pub fn bn254_mul(input: &[u8]) -> Result<[u8; 64], Groth16Error> {
    let p = g1(input, 0, "point")?;
    let k = U256::from_be_bytes(word(input, 64));
    // As a `BigInt<4>`, the type the batch verifier's double-and-add already iterates (one instance of the loop).
    let bits = ark_ff::BigInt::new(k.into_limbs());
    Ok(encode(zkbridge_bn254::g1_mul(&p, bits)))
}

/// ecPairing (`0x08`): whether the product of the pairings of the `(G1, G2)` pairs (192 bytes each) is 1.
///
/// # Errors
/// `PRECOMPILE_INPUT` for a length that is not a multiple of 192, a coordinate ≥ p, a point off its curve, or a G2
/// point outside the prime-order subgroup (checked even when its G1 point is infinity).
///
/// # Examples
/// ```
/// use zkbridge_light::groth16::precompile::bn254_pairing;
/// assert_eq!(bn254_pairing(&[]).unwrap(), true); // the empty product
/// assert_eq!(bn254_pairing(&[0u8; 192]).unwrap(), true); // e(O, O) = 1
/// assert_eq!(bn254_pairing(&[0u8; 191]).unwrap_err().code(), "PRECOMPILE_INPUT");
/// ```
pub fn bn254_pairing(input: &[u8]) -> Result<bool, Groth16Error> {
    if input.len() % 192 != 0 {
        return Err(Groth16Error::PrecompileInput("the length is not a multiple of 192 bytes".into()));
    }
    let mut pairs = Vec::with_capacity(input.len() / 192);
    for i in 0..input.len() / 192 {
        // Every point is checked, also in a pair with an infinity (which contributes 1).
        pairs.push((g1(input, i * 192, "a pair's G1 point")?, g2(input, i * 192 + 64, "a pair's G2 point")?));
    }
    zkbridge_bn254::pairing_product_is_one(&pairs).ok_or_else(|| Groth16Error::PairingFailed("the Miller loop was zero".into()))
}
