//! The BN254 arithmetic of `zkbridge-light`: the Groth16 pairing check (single and batched), the EVM precompiles' curve
//! operations and the G2 subgroup check, behind plain functions on `ark-bn254`'s types.
//!
//! The arithmetic underneath is `ark-bn254`'s, or with the feature `fq32` the same curve over [`fq32`]: the base field
//! multiplied on 32-bit words (wasm32 has no 64×64→128-bit product). `fq32` is not what the package ships: measured in
//! headless Chromium side by side, its verify was 5–20% slower than ark-bn254's in the size-first build (the generic tower
//! around the fast product is built at "z"; built at opt-level 2 or 3 it was 20–25% faster in Node 20 but 55 KB larger,
//! gzipped). The functions here are `#[inline]`, so that the package instantiates them where it did before this crate
//! existed (measured: 2.8 KB less than calls into this crate).
//!
//! Inputs are points already checked by the caller (on the curve, in the subgroup where it matters) and scalars below r.
//!
//! # Examples
//! ```
//! use ark_ec::AffineRepr;
//! let g = ark_bn254::G1Affine::generator();
//! let two = zkbridge_bn254::g1_mul(&g, ark_ff::BigInt::from(2u64));
//! assert_eq!(zkbridge_bn254::g1_add(&g, &g), two);
//! assert!(zkbridge_bn254::g2_in_subgroup(&ark_bn254::G2Affine::generator()));
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]
#![warn(missing_docs, unreachable_pub)]

use ark_bn254::{Fr, G1Affine, G2Affine};
use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup, PrimeGroup, VariableBaseMSM};
use ark_ff::{BigInt, BitIteratorBE, Field, One, PrimeField, Zero};
use ark_groth16::{Groth16, PreparedVerifyingKey, Proof, VerifyingKey};

pub mod fq32;

#[cfg(feature = "fq32")]
mod engine {
    pub(crate) use crate::fq32::{g1, g1_back, g2, Bn254 as E};
}

#[cfg(not(feature = "fq32"))]
mod engine {
    pub(crate) type E = ark_bn254::Bn254;
    pub(crate) const fn g1(p: &ark_bn254::G1Affine) -> ark_bn254::G1Affine {
        *p
    }
    pub(crate) const fn g1_back(p: &ark_bn254::G1Affine) -> ark_bn254::G1Affine {
        *p
    }
    pub(crate) const fn g2(p: &ark_bn254::G2Affine) -> ark_bn254::G2Affine {
        *p
    }
}

use engine::{g1, g1_back, g2, E};
type G1 = <E as Pairing>::G1;
type G2Prepared = <E as Pairing>::G2Prepared;
type G1Prepared = <E as Pairing>::G1Prepared;

/// Which arithmetic this build runs on: `"fq32"` (the base field on 32-bit words) or `"ark"` (`ark-bn254`'s).
pub const ARITHMETIC: &str = if cfg!(feature = "fq32") { "fq32" } else { "ark" };

/// A verifying key prepared for pairing checks: e(α, β) and the line coefficients of −γ and −δ.
#[derive(Clone, Debug)]
pub struct PreparedKey(PreparedVerifyingKey<E>);

impl PreparedKey {
    /// Prepares a checked key (its points on their curves and in their subgroups, IC not empty).
    #[inline]
    pub fn new(vk: &VerifyingKey<ark_bn254::Bn254>) -> Self {
        let vk = VerifyingKey::<E> {
            alpha_g1: g1(&vk.alpha_g1),
            beta_g2: g2(&vk.beta_g2),
            gamma_g2: g2(&vk.gamma_g2),
            delta_g2: g2(&vk.delta_g2),
            gamma_abc_g1: vk.gamma_abc_g1.iter().map(g1).collect(),
        };
        Self(ark_groth16::prepare_verifying_key(&vk))
    }

    /// `IC₀ + Σ xᵢ·ICᵢ` (a multi-scalar multiplication), `None` when the count of inputs is not the key's.
    #[inline]
    fn vk_x(&self, inputs: &[Fr]) -> Option<G1> {
        let (ic0, ics) = self.0.vk.gamma_abc_g1.split_first()?;
        (ics.len() == inputs.len()).then_some(())?;
        Some(G1::msm(ics, inputs).ok()? + ic0)
    }
}

/// The Groth16 check `e(A, B) == e(α, β) · e(vk_x, γ) · e(C, δ)` with `vk_x = IC₀ + Σ xᵢ·ICᵢ`: three Miller loops and one
/// final exponentiation. `None` when the count of inputs is not the key's.
///
/// # Examples
/// ```
/// # // A key and proof of the devnet's circuit are in zkbridge-light's tests; here only the input-count rule.
/// # let _ = zkbridge_bn254::verify;
/// ```
#[inline]
pub fn verify(key: &PreparedKey, proof: &Proof<ark_bn254::Bn254>, inputs: &[Fr]) -> Option<bool> {
    let vk_x = key.vk_x(inputs)?;
    let proof = Proof::<E> { a: g1(&proof.a), b: g2(&proof.b), c: g1(&proof.c) };
    Groth16::<E>::verify_proof_with_prepared_inputs(&key.0, &proof, &vk_x).ok()
}

/// Several Groth16 checks under one key at once, with the caller's random scalars `r` (one per item, below 2¹²⁸):
/// `Π e(rᵢ·Aᵢ, Bᵢ) · e(Σ rᵢ·vk_xᵢ, −γ) · e(Σ rᵢ·Cᵢ, −δ) == e(α, β)^(Σ rᵢ)`, k + 2 Miller loops, one final
/// exponentiation and two multi-scalar multiplications for the whole batch. `None` when an item's count of inputs is not
/// the key's, or `r` is not one scalar per item.
///
/// # Examples
/// ```
/// # let _ = zkbridge_bn254::verify_batch;
/// ```
#[inline]
pub fn verify_batch(key: &PreparedKey, items: &[(Proof<ark_bn254::Bn254>, Vec<Fr>)], r: &[Fr]) -> Option<bool> {
    (items.len() == r.len()).then_some(())?;
    let ic = &key.0.vk.gamma_abc_g1;
    // Σ rᵢ·vk_xᵢ = (Σ rᵢ)·IC₀ + Σⱼ (Σᵢ rᵢ·xᵢⱼ)·ICⱼ: one multi-scalar multiplication over IC for the whole batch, and one
    // over the Cs for Σ rᵢ·Cᵢ, instead of one per item.
    let mut ic_scalars = vec![Fr::zero(); ic.len()];
    let (mut cs, mut g1s, mut g2s) = (Vec::with_capacity(items.len()), Vec::with_capacity(items.len() + 2), Vec::new());
    for ((proof, inputs), r) in items.iter().zip(r) {
        let (sum, rest) = ic_scalars.split_first_mut()?;
        (rest.len() == inputs.len()).then_some(())?;
        *sum += r;
        for (s, x) in rest.iter_mut().zip(inputs) {
            *s += *r * x;
        }
        cs.push(g1(&proof.c));
        // Double-and-add over r's bits, never a projective `* r`: that takes the GLV path, whose scalar decomposition
        // pulls num-bigint (22 KB raw) into the .wasm.
        g1s.push(G1Prepared::from(g1(&proof.a).mul_bigint(r.into_bigint())));
        g2s.push(G2Prepared::from(g2(&proof.b)));
    }
    let sum = ic_scalars.first().copied()?;
    g1s.push(G1::msm(ic, &ic_scalars).ok()?.into());
    g2s.push(key.0.gamma_g2_neg_pc.clone());
    g1s.push(G1::msm(&cs, r).ok()?.into());
    g2s.push(key.0.delta_g2_neg_pc.clone());
    let lhs = E::final_exponentiation(E::multi_miller_loop(g1s, g2s))?;
    Some(lhs.0 == key.0.alpha_g1_beta_g2.pow(sum.into_bigint()))
}

/// Whether a G2 point on the curve is in the prime-order subgroup.
#[inline]
pub fn g2_in_subgroup(p: &G2Affine) -> bool {
    g2(p).is_in_correct_subgroup_assuming_on_curve()
}

/// `a + b` on G1.
#[inline]
pub fn g1_add(a: &G1Affine, b: &G1Affine) -> G1Affine {
    g1_back(&(g1(a) + g1(b)).into_affine())
}

/// `k·p` on G1 for any 256-bit `k` (double-and-add over its bits).
#[inline]
pub fn g1_mul(p: &G1Affine, k: BigInt<4>) -> G1Affine {
    g1_back(&G1::from(g1(p)).mul_bits_be(BitIteratorBE::without_leading_zeros(k)).into_affine())
}

/// Whether `Π e(Pᵢ, Qᵢ) = 1` (pairs with a point at infinity contribute 1; the empty product is 1). `None` when the
/// Miller loop is zero (it is not, for points on their curves).
#[inline]
pub fn pairing_product_is_one(pairs: &[(G1Affine, G2Affine)]) -> Option<bool> {
    let pairs: Vec<_> = pairs.iter().filter(|(p, q)| !p.is_zero() && !q.is_zero()).collect();
    if pairs.is_empty() {
        return Some(true);
    }
    let out = E::final_exponentiation(E::multi_miller_loop(pairs.iter().map(|(p, _)| g1(p)), pairs.iter().map(|(_, q)| g2(q))))?;
    Some(out.0.is_one())
}
