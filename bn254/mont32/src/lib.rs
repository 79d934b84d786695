//! BN254's base-field Montgomery product (R = 2²⁵⁶) on eight 32-bit words: wasm32 has no 64×64→128-bit product, so
//! ark's 64-bit-limb product costs a `__multi3` call per limb product there, where a 32×32→64-bit product is one
//! `i64.mul`. Coarsely integrated operand scanning, with one final subtraction (p < 2²⁵⁵ keeps every step below 2p).
//! `zkbridge-bn254`'s `fq32` plugs it under ark's generic fields; its tests check it against `ark-bn254`.
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
    let mut r = BigInt(limbs(t));
    if top != 0 || r >= Base::MODULUS {
        r.sub_with_borrow(&Base::MODULUS);
    }
    r
}
