//! The BN254 arithmetic of `zkbridge-light`: the Groth16 pairing check (single and batched), the EVM precompiles' curve
//! operations and the G2 subgroup check, behind plain functions on `ark-bn254`'s types.
//!
//! The arithmetic underneath is `ark-bn254`'s, or with the feature `fq32` the same curve over [`fq32`]: the base field
//! multiplied on 32-bit words (wasm32 has no 64×64→128-bit product). `fq32` is not what the package ships: measured in
//! headless Chromium side by side, its verify was 5–20% slower than ark-bn254's in the size-first build (the generic tower
//! around the fast product is built at "z"; built at opt-level 2 or 3 it was 20–25% faster in Node 20 but 55 KB larger,
//! gzipped). The feature `wide` is the same curve with the base field's product on 64-bit limbs with `u128` products: the
//! package's second module (`pkg/wide/`), compiled with wasm's wide arithmetic so that each is one `i64.mul_wide_u`, and
//! with this crate at opt-level 3 (a warm verify 1.6–2.3× faster than the default module in Chromium): `fq32`'s curve
//! ships in that module, its 32-bit-word product does not. The functions here are `#[inline]`, so that the package
//! instantiates them where it did before this crate existed (measured: 2.8 KB less than calls into this crate).
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
use ark_ec::{AdditiveGroup, AffineRepr, CurveGroup, PrimeGroup, VariableBaseMSM};
use ark_ff::{BigInt, BitIteratorBE, Field, One, PrimeField, Zero};
use ark_groth16::{Groth16, PreparedVerifyingKey, Proof, VerifyingKey};

pub mod fq32;

#[cfg(feature = "fq32")]
mod engine {
    pub(crate) use crate::fq32::{fq, fq_back, g1, g1_back, g2, Bn254 as E, Config, Fq12, Fq2, Fq6};
}

#[cfg(not(feature = "fq32"))]
mod engine {
    pub(crate) use ark_bn254::{Fq12, Fq2, Fq6};
    pub(crate) type E = ark_bn254::Bn254;
    pub(crate) use ark_bn254::Config;
    pub(crate) const fn fq(x: ark_bn254::Fq) -> ark_bn254::Fq {
        x
    }
    pub(crate) const fn fq_back(x: ark_bn254::Fq) -> ark_bn254::Fq {
        x
    }
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

use engine::{fq, fq_back, g1, g1_back, g2, Config, Fq12, Fq2, Fq6, E};
type G1 = <E as Pairing>::G1;
type G2 = <E as Pairing>::G2;
type G2Prepared = <E as Pairing>::G2Prepared;
type G1Prepared = <E as Pairing>::G1Prepared;

/// Which arithmetic this build runs on: `"wide"` (the base field on 64-bit limbs with `u128` products), `"fq32"` (on
/// 32-bit words) or `"ark"` (`ark-bn254`'s).
pub const ARITHMETIC: &str = if cfg!(feature = "wide") {
    "wide"
} else if cfg!(feature = "fq32") {
    "fq32"
} else {
    "ark"
};

/// How many line coefficients a prepared G2 point has: one per doubling and per nonzero digit of the Miller loop's count
/// (`ATE_LOOP_COUNT`, its top digit aside), and two for the Frobenius steps at the end. The Miller loop takes exactly
/// that many (ark's takes the next one without a check: fewer would panic).
pub const LINES: usize = {
    let mut digits: &[i8] = <ark_bn254::Config as ark_ec::bn::BnConfig>::ATE_LOOP_COUNT;
    let mut n = 2;
    while let [digit, rest @ ..] = digits {
        // Every digit but the top one (the last): a doubling, and an addition when it is nonzero.
        if !rest.is_empty() {
            n += if *digit == 0 { 1 } else { 2 };
        }
        digits = rest;
    }
    n
};

/// The count of [`PreparedKey::elements`]: 12 for e(α, β), 6 per line coefficient of −γ and of −δ.
pub const PREPARED_ELEMENTS: usize = 12 + 2 * 6 * LINES;

/// A verifying key prepared for pairing checks: e(α, β) and the line coefficients of −γ and −δ.
#[derive(Clone, Debug)]
pub struct PreparedKey(PreparedVerifyingKey<E>);

/// `vk` on this build's curve types.
#[inline]
fn engine_key(vk: &VerifyingKey<ark_bn254::Bn254>) -> VerifyingKey<E> {
    VerifyingKey::<E> {
        alpha_g1: g1(&vk.alpha_g1),
        beta_g2: g2(&vk.beta_g2),
        gamma_g2: g2(&vk.gamma_g2),
        delta_g2: g2(&vk.delta_g2),
        gamma_abc_g1: vk.gamma_abc_g1.iter().map(g1).collect(),
    }
}

impl PreparedKey {
    /// Prepares a checked key (its points on their curves and in their subgroups, IC not empty).
    #[inline]
    pub fn new(vk: &VerifyingKey<ark_bn254::Bn254>) -> Self {
        Self(ark_groth16::prepare_verifying_key(&engine_key(vk)))
    }

    /// The prepared parts, to be kept: e(α, β) (12 base-field elements: c0.c0.c0, c0.c0.c1, c0.c1.c0, …), then the line
    /// coefficients of −γ and of −δ ([`LINES`] × 6 elements each), [`PREPARED_ELEMENTS`] in all. The key itself is not in
    /// them.
    ///
    /// # Examples
    /// ```
    /// # let _ = zkbridge_bn254::PreparedKey::elements;
    /// ```
    #[inline]
    pub fn elements(&self) -> Vec<ark_bn254::Fq> {
        let mut out = Vec::with_capacity(PREPARED_ELEMENTS);
        let mut fq2 = |e: &Fq2| {
            out.push(fq_back(e.c0));
            out.push(fq_back(e.c1));
        };
        let f = &self.0.alpha_g1_beta_g2;
        for c in [&f.c0, &f.c1] {
            for e in [&c.c0, &c.c1, &c.c2] {
                fq2(e);
            }
        }
        for lines in [&self.0.gamma_g2_neg_pc, &self.0.delta_g2_neg_pc] {
            for (a, b, c) in &lines.ell_coeffs {
                for e in [a, b, c] {
                    fq2(e);
                }
            }
        }
        out
    }

    /// The prepared key of `vk` from the [`Self::elements`] written for it: `None` for another count. Whether they were
    /// written for `vk` cannot be checked cheaply (forged line coefficients would let forged proofs pass): the caller must
    /// trust where they were kept.
    #[inline]
    pub fn from_elements(vk: &VerifyingKey<ark_bn254::Bn254>, elements: &[ark_bn254::Fq]) -> Option<Self> {
        (elements.len() == PREPARED_ELEMENTS).then_some(())?;
        let mut next = elements.chunks_exact(2).map(|c| match c {
            [a, b] => Fq2::new(fq(*a), fq(*b)),
            _ => Fq2::zero(),
        });
        let mut fq2 = || next.next();
        let mut fq6 = || Some(Fq6::new(fq2()?, fq2()?, fq2()?));
        let alpha_g1_beta_g2 = Fq12::new(fq6()?, fq6()?);
        let mut lines = || -> Option<G2Prepared> {
            let mut ell_coeffs = Vec::with_capacity(LINES);
            for _ in 0..LINES {
                ell_coeffs.push((fq2()?, fq2()?, fq2()?));
            }
            Some(G2Prepared { ell_coeffs, infinity: false })
        };
        let (gamma_g2_neg_pc, delta_g2_neg_pc) = (lines()?, lines()?);
        Some(Self(PreparedVerifyingKey { vk: engine_key(vk), alpha_g1_beta_g2, gamma_g2_neg_pc, delta_g2_neg_pc }))
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

/// Whether a G2 point on the curve is in the prime-order subgroup: `[x₀+1]P + ψ([x₀]P) + ψ²([x₀]P) = ψ³([2x₀]P)`, with x₀
/// the curve's 63-bit seed and ψ the untwist-Frobenius-twist endomorphism (El Housni, Guillevic, Piellard,
/// <https://eprint.iacr.org/2022/348>, §3 and §5.1; gnark-crypto's check). One multiplication by x₀, where ark-bn254's
/// check (`ψ(P) = [6x₀²]P`) multiplies by a 127-bit scalar: about half the work. `tests` check it against ark-bn254's on
/// points in the subgroup, random points on the curve, and points of the cofactor's order added to subgroup points.
#[inline]
pub fn g2_in_subgroup(p: &G2Affine) -> bool {
    let p = G2::from(g2(p));
    let x0p = p.mul_bits_be(BitIteratorBE::without_leading_zeros(<Config as ark_ec::bn::BnConfig>::X));
    let psi1 = psi(&x0p);
    let psi2 = psi(&psi1);
    let psi3 = psi(&psi2);
    x0p + p + psi1 + psi2 == psi3.double()
}

/// ψ on Jacobian coordinates: the affine map (x, y) ↦ (x̄·c_x, ȳ·c_y) (conjugation is the Frobenius of Fq2, a field
/// automorphism) is (X : Y : Z) ↦ (X̄·c_x : Ȳ·c_y : Z̄) for x = X/Z², y = Y/Z³; infinity (Z = 0) stays infinity.
#[inline]
fn psi(p: &G2) -> G2 {
    let (mut x, mut y, mut z) = (p.x, p.y, p.z);
    x.frobenius_map_in_place(1);
    y.frobenius_map_in_place(1);
    z.frobenius_map_in_place(1);
    x *= <Config as ark_ec::bn::BnConfig>::TWIST_MUL_BY_Q_X;
    y *= <Config as ark_ec::bn::BnConfig>::TWIST_MUL_BY_Q_Y;
    G2::new_unchecked(x, y, z)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The subgroup check against ark-bn254's (ψ(P) = [6x₀²]P) on: subgroup points; random points on the curve (almost
    /// all outside it); points of the cofactor's order ([r]R for a random R on the curve); and those added to subgroup
    /// points. Both checks agree on each, and each kind gets the answer it must.
    #[test]
    fn the_g2_subgroup_check_is_ark_bn254s() {
        use ark_bn254::{Fq, Fq2 as ArkFq2, G2Projective};
        use ark_ff::UniformRand;
        use ark_std::rand::SeedableRng;
        let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(0x9253);
        let (mut inside, mut outside, mut cofactor) = (0, 0, 0);
        for i in 0..300u32 {
            let q = (G2Projective::generator() * Fr::rand(&mut rng)).into_affine();
            assert!(g2_in_subgroup(&q) && q.is_in_correct_subgroup_assuming_on_curve());
            inside += 1;
            let Some(r) = G2Affine::get_point_from_x_unchecked(ArkFq2::new(Fq::rand(&mut rng), Fq::from(i)), i % 2 == 0) else {
                continue;
            };
            assert!(r.is_on_curve());
            assert_eq!(g2_in_subgroup(&r), r.is_in_correct_subgroup_assuming_on_curve(), "{r}");
            assert!(!g2_in_subgroup(&r), "a random point on the curve is almost surely outside the subgroup");
            outside += 1;
            // [r]R has an order dividing the cofactor: outside the subgroup unless it is infinity.
            let t = G2Projective::from(r).mul_bigint(Fr::MODULUS).into_affine();
            if !t.is_zero() {
                assert!(!g2_in_subgroup(&t) && !t.is_in_correct_subgroup_assuming_on_curve());
                let qt = (q + t).into_affine();
                assert!(!g2_in_subgroup(&qt) && !qt.is_in_correct_subgroup_assuming_on_curve());
                cofactor += 1;
            }
        }
        assert!(g2_in_subgroup(&G2Affine::zero()));
        assert_eq!(inside, 300);
        assert!(outside > 100 && cofactor > 100, "{outside} {cofactor}");
    }

    /// h / d for the G2 cofactor h and a divisor d of it (asserted), as limbs.
    fn cofactor_over(d: u64) -> Vec<u64> {
        let h = <ark_bn254::g2::Config as ark_ec::CurveConfig>::COFACTOR;
        let (mut q, mut rem) = (vec![0u64; h.len()], 0u128);
        for (i, limb) in h.iter().enumerate().rev() {
            let cur = (rem << 64) | u128::from(*limb);
            q[i] = u64::try_from(cur / u128::from(d)).unwrap();
            rem = cur % u128::from(d);
        }
        assert_eq!(rem, 0, "{d} divides the cofactor");
        q
    }

    /// Points whose order is each prime factor of the G2 cofactor h = 10069 · 5864401 · 1875725156269 · q (q of 177
    /// bits), alone and added to a subgroup point: a wrong check whose kernel held one small-order part would let these
    /// through, and random points (of order r·h) would not show it.
    #[test]
    fn the_g2_subgroup_check_refuses_each_small_order_part() {
        use ark_bn254::{Fq, Fq2 as ArkFq2, G2Projective};
        use ark_ff::UniformRand;
        use ark_std::rand::SeedableRng;
        let mut rng = ark_std::rand::rngs::StdRng::seed_from_u64(0x2348);
        let small = [10069u64, 5864401, 1875725156269];
        let mut seen = [0usize; 4];
        for i in 0..40u64 {
            let Some(r) = G2Affine::get_point_from_x_unchecked(ArkFq2::new(Fq::rand(&mut rng), Fq::from(i)), true) else {
                continue;
            };
            let t = G2Projective::from(r).mul_bigint(Fr::MODULUS);
            let q = (G2Projective::generator() * Fr::rand(&mut rng)).into_affine();
            // [h/ℓ]T has order ℓ (or is infinity); [10069·5864401·1875725156269]T has order q.
            let mut parts: Vec<G2Projective> = small.iter().map(|l| t.mul_bigint(cofactor_over(*l))).collect();
            parts.push(small.iter().fold(t, |acc, l| acc.mul_bigint([*l])));
            for (k, u) in parts.iter().enumerate() {
                let u = u.into_affine();
                if u.is_zero() {
                    continue;
                }
                if let Some(l) = small.get(k) {
                    assert!(u.mul_bigint([*l]).is_zero(), "order {l}");
                }
                assert!(!g2_in_subgroup(&u) && !u.is_in_correct_subgroup_assuming_on_curve(), "part {k}");
                let qu = (q + u).into_affine();
                assert!(!g2_in_subgroup(&qu) && !qu.is_in_correct_subgroup_assuming_on_curve(), "q + part {k}");
                seen[k] += 1;
            }
        }
        assert!(seen.iter().all(|n| *n >= 5), "every small-order part was tested: {seen:?}");
    }

    #[test]
    fn a_prepared_g2_point_has_lines_coefficients_and_they_round_trip() {
        let lines = G2Prepared::from(g2(&G2Affine::generator())).ell_coeffs.len();
        assert_eq!(lines, LINES);
        let vk = VerifyingKey::<ark_bn254::Bn254> {
            alpha_g1: G1Affine::generator(),
            beta_g2: G2Affine::generator(),
            gamma_g2: (G2Affine::generator() * Fr::from(3u8)).into_affine(),
            delta_g2: (G2Affine::generator() * Fr::from(5u8)).into_affine(),
            gamma_abc_g1: vec![G1Affine::generator(); 2],
        };
        let key = PreparedKey::new(&vk);
        let elements = key.elements();
        assert_eq!(elements.len(), PREPARED_ELEMENTS);
        let back = PreparedKey::from_elements(&vk, &elements).unwrap();
        assert_eq!(back.elements(), elements);
        assert_eq!(back.0.alpha_g1_beta_g2, key.0.alpha_g1_beta_g2);
        assert_eq!(back.0.delta_g2_neg_pc.ell_coeffs, key.0.delta_g2_neg_pc.ell_coeffs);
        // Negative twins: one element short, one too many.
        assert!(PreparedKey::from_elements(&vk, &elements[1..]).is_none());
        assert!(PreparedKey::from_elements(&vk, &[elements.as_slice(), &elements[..1]].concat()).is_none());
    }
}
