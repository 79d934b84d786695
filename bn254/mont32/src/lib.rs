//! BN254's base-field Montgomery product (R = 2²⁵⁶) on eight 32-bit words: wasm32 has no 64×64→128-bit product, so
//! ark's 64-bit-limb product costs a `__multi3` call per limb product there, where a 32×32→64-bit product is one
//! `i64.mul`. Coarsely integrated operand scanning, with one final subtraction (p < 2²⁵⁵ keeps every step below 2p).
//! `zkbridge-bn254`'s `fq32` plugs it under ark's generic fields; its tests check it against `ark-bn254`.
//!
//! [`mont_mul_wide`] is the same product on four 64-bit limbs with 64×64→128-bit products written as `u128`: for the
//! package's second build with wasm's wide arithmetic (`-C target-feature=+wide-arithmetic`), where each is one
//! `i64.mul_wide_u` (ark's own product cannot use it: on wasm it splits every limb product into four 32-bit products
//! in the source). Natively it is the CPU's 64-bit multiply; on wasm32 without the feature LLVM would call `__multi3`.
//!
//! # Examples
//! ```
//! let (a, b) = (ark_bn254::Fq::from(6u8), ark_bn254::Fq::from(7u8));
//! assert_eq!(zkbridge_mont32::mont_mul(&a.0, &b.0), (a * b).0);
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

use ark_ff::fields::{FpConfig, MontBackend};
use ark_ff::{BigInt, BigInteger};

/// ark-bn254's base field backend: its modulus.
type Base = MontBackend<ark_bn254::FqConfig, 4>;

/// The modulus on eight 32-bit words, least significant first.
const P: [u32; 8] = words(Base::MODULUS.0);
/// −p⁻¹ mod 2³² (Newton's iteration: each step doubles the correct low bits).
const INV: u32 = {
    let mut inv = 1u32;
    let mut i = 0;
    while i < 5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(P[0].wrapping_mul(inv)));
        i += 1;
    }
    inv.wrapping_neg()
};

#[allow(clippy::cast_possible_truncation)] // taking the halves of a word is the point
const fn words(a: [u64; 4]) -> [u32; 8] {
    let [a0, a1, a2, a3] = a;
    [a0 as u32, (a0 >> 32) as u32, a1 as u32, (a1 >> 32) as u32, a2 as u32, (a2 >> 32) as u32, a3 as u32, (a3 >> 32) as u32]
}

const fn limbs(t: [u32; 8]) -> [u64; 4] {
    const fn w(lo: u32, hi: u32) -> u64 {
        (lo as u64) | ((hi as u64) << 32)
    }
    let [t0, t1, t2, t3, t4, t5, t6, t7] = t;
    [w(t0, t1), w(t2, t3), w(t4, t5), w(t6, t7)]
}

/// a·b·2⁻²⁵⁶ mod p for a, b < p (BN254's base field, Montgomery form, 64-bit limbs least significant first).
// Every index is a loop counter below the arrays' constant lengths: no input decides an index, and the compiler removes
// the bounds checks. Not inlined: one copy for the whole tower, built at opt-level 3 in this crate while its callers are
// built for size.
#[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
#[inline(never)]
pub fn mont_mul(a: &BigInt<4>, b: &BigInt<4>) -> BigInt<4> {
    let (a, b) = (words(a.0), words(b.0));
    let mut t = [0u32; 8];
    let mut top = 0u64;
    for bi in b {
        let bi = u64::from(bi);
        // t += a·bᵢ
        let mut c = 0u64;
        for j in 0..8 {
            let x = u64::from(t[j]) + u64::from(a[j]) * bi + c;
            t[j] = x as u32;
            c = x >> 32;
        }
        let t8 = top + c;
        // t = (t + m·p) / 2³², with m chosen so that the low word vanishes
        let m = u64::from(t[0].wrapping_mul(INV));
        let mut c = (u64::from(t[0]) + m * u64::from(P[0])) >> 32;
        for j in 1..8 {
            let x = u64::from(t[j]) + m * u64::from(P[j]) + c;
            t[j - 1] = x as u32;
            c = x >> 32;
        }
        let x = t8 + c;
        t[7] = x as u32;
        top = x >> 32;
    }
    // t < 2p < 2²⁵⁶ (p < 2²⁵⁵): one conditional subtraction.
    reduced(BigInt(limbs(t)), top)
}

/// −p⁻¹ mod 2⁶⁴ (Newton's iteration, as [`INV`]).
const INV64: u64 = {
    let mut inv = 1u64;
    let mut i = 0;
    while i < 6 {
        inv = inv.wrapping_mul(2u64.wrapping_sub(Base::MODULUS.0[0].wrapping_mul(inv)));
        i += 1;
    }
    inv.wrapping_neg()
};
// ark-ff's own −p⁻¹ mod 2⁶⁴: the same constant (a wrong one would fail the build).
const _: () = assert!(INV64 == <ark_bn254::FqConfig as ark_ff::fields::MontConfig<4>>::INV);

/// [`mont_mul`] on four 64-bit limbs with `u128` products: a·b·2⁻²⁵⁶ mod p for a, b < p.
///
/// # Examples
/// ```
/// let (a, b) = (ark_bn254::Fq::from(6u8), ark_bn254::Fq::from(7u8));
/// assert_eq!(zkbridge_mont32::mont_mul_wide(&a.0, &b.0), (a * b).0);
/// ```
// Indices are loop counters below the arrays' constant lengths, as in `mont_mul`. Each step stays within u128:
// (2⁶⁴−1) + (2⁶⁴−1)² + (2⁶⁴−1) = 2¹²⁸ − 1.
#[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
#[inline(never)]
pub fn mont_mul_wide(a: &BigInt<4>, b: &BigInt<4>) -> BigInt<4> {
    const P64: [u64; 4] = Base::MODULUS.0;
    let (a, b) = (a.0, b.0);
    let mut t = [0u64; 4];
    let mut top = 0u64;
    for bi in b {
        let bi = u128::from(bi);
        // t += a·bᵢ
        let mut c = 0u64;
        for j in 0..4 {
            let x = u128::from(t[j]) + u128::from(a[j]) * bi + u128::from(c);
            t[j] = x as u64;
            c = (x >> 64) as u64;
        }
        let t4 = u128::from(top) + u128::from(c);
        // t = (t + m·p) / 2⁶⁴, with m chosen so that the low limb vanishes
        let m = u128::from(t[0].wrapping_mul(INV64));
        let mut c = ((u128::from(t[0]) + m * u128::from(P64[0])) >> 64) as u64;
        for j in 1..4 {
            let x = u128::from(t[j]) + m * u128::from(P64[j]) + u128::from(c);
            t[j - 1] = x as u64;
            c = (x >> 64) as u64;
        }
        let x = t4 + u128::from(c);
        t[3] = x as u64;
        top = (x >> 64) as u64;
    }
    reduced(BigInt(t), top)
}

/// a₀·b₀ + a₁·b₁ (times 2⁻²⁵⁶, mod p) for elements below p, on 64-bit limbs with `u128` products, reduced once per limb
/// step for both products together (the interleaved operand scanning ark-ff's `sum_of_products` uses for two pairs, which
/// p < 2²⁵⁴ allows): an `Fq2` product's two halves, 48 limb products each instead of 64 for two [`mont_mul_wide`].
///
/// # Examples
/// ```
/// use ark_bn254::Fq;
/// let (a, b, c, d) = (Fq::from(2u8), Fq::from(3u8), Fq::from(4u8), Fq::from(5u8));
/// assert_eq!(zkbridge_mont32::mont_sum_of_products_wide([&a.0, &c.0], [&b.0, &d.0]), Fq::from(26u8).0);
/// ```
// Indices are loop counters below the arrays' constant lengths, as in `mont_mul`.
#[allow(clippy::indexing_slicing, clippy::cast_possible_truncation)]
#[inline(never)]
pub fn mont_sum_of_products_wide(a: [&BigInt<4>; 2], b: [&BigInt<4>; 2]) -> BigInt<4> {
    const P64: [u64; 4] = Base::MODULUS.0;
    let mut r = [0u64; 4];
    for j in 0..4 {
        // r += a₀[j]·b₀ + a₁[j]·b₁, the two carries out of the top limb summed in (carry_lo, carry_hi)
        let (mut carry_lo, mut carry_hi) = (0u64, 0u64);
        for (x, y) in a.iter().zip(b) {
            let xj = u128::from(x.0[j]);
            let mut c = 0u64;
            for (rk, yk) in r.iter_mut().zip(y.0) {
                let t = u128::from(*rk) + xj * u128::from(yk) + u128::from(c);
                *rk = t as u64;
                c = (t >> 64) as u64;
            }
            let t = u128::from(carry_lo) + u128::from(carry_hi) + u128::from(c);
            carry_lo = t as u64;
            carry_hi = (t >> 64) as u64;
        }
        // r = (r + m·p) / 2⁶⁴
        let m = u128::from(r[0].wrapping_mul(INV64));
        let mut c = ((u128::from(r[0]) + m * u128::from(P64[0])) >> 64) as u64;
        for i in 1..4 {
            let t = u128::from(r[i]) + m * u128::from(P64[i]) + u128::from(c);
            r[i - 1] = t as u64;
            c = (t >> 64) as u64;
        }
        // Below 2⁶⁴ by the bound on p (two spare bits): no carry out.
        r[3] = carry_lo.wrapping_add(carry_hi).wrapping_add(c);
    }
    reduced(BigInt(r), 0)
}

/// t + top·2²⁵⁶ (below 2p) reduced below p.
#[inline(always)]
fn reduced(mut r: BigInt<4>, top: u64) -> BigInt<4> {
    if top != 0 || r >= Base::MODULUS {
        r.sub_with_borrow(&Base::MODULUS);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use ark_ff::PrimeField;

    /// Both products against ark-bn254's on random elements and the edges (0, 1, p−1, p−2 in Montgomery form); the
    /// pairings and the tower are checked in `zkbridge-bn254`'s tests, on the product its features select.
    #[test]
    fn both_products_are_ark_bn254s() {
        use ark_bn254::Fq;
        let mut seed = 0x5eed_u64;
        let mut rng = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            seed
        };
        let edges = [Fq::from(0u8), Fq::from(1u8), -Fq::from(1u8), -Fq::from(2u8)];
        let mut elements: Vec<Fq> =
            (0..20_000).map(|_| Fq::from_bigint(BigInt([rng(), rng(), rng(), rng() >> 3])).unwrap_or(Fq::from(5u8))).collect();
        elements.extend(edges);
        for w in elements.windows(2) {
            let (a, b) = (w[0], w[1]);
            let want = (a * b).0;
            assert_eq!(mont_mul(&a.0, &b.0), want, "{a} · {b} (32-bit words)");
            assert_eq!(mont_mul_wide(&a.0, &b.0), want, "{a} · {b} (64-bit limbs)");
            assert!(mont_mul_wide(&a.0, &b.0) < Fq::MODULUS);
        }
        for w in elements.windows(4) {
            let want = w[0] * w[1] + w[2] * w[3];
            assert_eq!(mont_sum_of_products_wide([&w[0].0, &w[2].0], [&w[1].0, &w[3].0]), want.0, "{w:?}");
        }
        for a in edges {
            for b in edges {
                for c in edges {
                    let want = a * b + c * a;
                    assert_eq!(mont_sum_of_products_wide([&a.0, &c.0], [&b.0, &a.0]), want.0);
                }
                assert_eq!(mont_mul_wide(&a.0, &b.0), (a * b).0);
                assert_eq!(mont_mul(&a.0, &b.0), (a * b).0);
            }
        }
        // Negative twin: another product is another element.
        let (a, b) = (Fq::from(3u8), Fq::from(5u8));
        assert_ne!(mont_mul_wide(&a.0, &b.0), Fq::from(16u8).0);
        assert_ne!(mont_mul(&a.0, &b.0), Fq::from(16u8).0);
        assert_ne!(mont_sum_of_products_wide([&a.0, &a.0], [&b.0, &b.0]), Fq::from(31u8).0);
    }
}
