//! BN254 with a base-field multiplication shaped for wasm32 (feature `fq32`): the same curve, fields and Montgomery form
//! (R = 2^256) as `ark-bn254`, so an element converts by copying its four limbs; only `Fq`'s multiplication and squaring
//! differ. ark's 64-bit-limb Montgomery product needs 64×64→128-bit products, which wasm32 lacks (LLVM writes each inline
//! as four `i64.mul` of 32-bit halves, with the carries between them); here the product runs on eight 32-bit words whose
//! 32×32→64-bit products are one wasm `i64.mul` each (coarsely integrated operand scanning, with the final subtraction
//! of a modulus below 2^255): the same count of multiplications, fewer carries. With the feature `wide` the product is
//! on four 64-bit limbs with `u128` products instead (`zkbridge_mont32::mont_mul_wide`), for the module compiled with
//! wasm's wide arithmetic, where each is one `i64.mul_wide_u`: a quarter of the multiplications.
//!
//! Everything else (addition, inversion, the tower Fq2/Fq6/Fq12, the curves, the pairing) is ark's generic code,
//! instantiated with these types: [`Fq32Config`] for `Fq`, and local copies of `ark-bn254`'s tower, curve and pairing
//! configurations whose constants are `ark-bn254`'s own, converted at compile time (no number is written out here).
//! `tests/fq32.rs` checks the arithmetic and the pairing against `ark-bn254` on random elements.
//!
//! The crate's functions keep `ark-bn254`'s types and convert at their edges ([`g1`], [`g2`], [`g1_back`]).

use ark_bn254::Fr;
use ark_ec::bn::{Bn, BnConfig, TwistType};
use ark_ec::models::short_weierstrass::{Affine, SWCurveConfig};
use ark_ec::models::CurveConfig;
use ark_ec::AffineRepr;
use ark_ff::fields::{Fp, Fp12Config, Fp2Config, Fp6Config, FpConfig, MontBackend, SqrtPrecomputation};
use ark_ff::{AdditiveGroup, BigInt, CubicExtField, Field, QuadExtField};
use std::marker::PhantomData;

/// The Montgomery product: on eight 32-bit words, or with feature `wide` on four 64-bit limbs with `u128` products
/// (for the build with wasm's wide arithmetic, where each is one `i64.mul_wide_u`).
#[cfg(not(feature = "wide"))]
use zkbridge_mont32::mont_mul as product;
#[cfg(feature = "wide")]
use zkbridge_mont32::mont_mul_wide as product;

/// ark-bn254's base field backend, which every operation but multiplication and squaring is delegated to.
type Base = MontBackend<ark_bn254::FqConfig, 4>;

/// The base field, multiplied on 32-bit words.
pub type Fq = Fp<Fq32Config, 4>;
/// Its quadratic extension.
pub type Fq2 = ark_ff::Fp2<Fq2Config>;
/// The cubic extension of `Fq2`.
pub type Fq6 = ark_ff::Fp6<Fq6Config>;
/// The target field.
pub type Fq12 = ark_ff::Fp12<Fq12Config>;
/// The pairing engine.
pub type Bn254 = Bn<Config>;
/// G1 points.
pub type G1Affine = Affine<G1Config>;
/// G2 points.
pub type G2Affine = Affine<G2Config>;

/// An `ark-bn254` base-field element as this module's (the same limbs).
pub const fn fq(x: ark_bn254::Fq) -> Fq {
    Fp(x.0, PhantomData)
}

/// This module's base-field element as `ark-bn254`'s (the same limbs).
pub const fn fq_back(x: Fq) -> ark_bn254::Fq {
    Fp(x.0, PhantomData)
}

/// An `ark-bn254` `Fq2` element as this module's.
pub const fn fq2(x: ark_bn254::Fq2) -> Fq2 {
    QuadExtField::new(fq(x.c0), fq(x.c1))
}

/// This module's `Fq2` element as `ark-bn254`'s.
pub const fn fq2_back(x: Fq2) -> ark_bn254::Fq2 {
    QuadExtField::new(fq_back(x.c0), fq_back(x.c1))
}

/// This module's `Fq12` element as `ark-bn254`'s.
pub const fn fq12_back(x: Fq12) -> ark_bn254::Fq12 {
    QuadExtField::new(fq6_back(x.c0), fq6_back(x.c1))
}

const fn fq6_back(c: Fq6) -> ark_bn254::Fq6 {
    CubicExtField::new(fq2_back(c.c0), fq2_back(c.c1), fq2_back(c.c2))
}

/// A G1 point as this module's (no check: it was checked as `ark-bn254`'s, and the curve is the same).
pub fn g1(p: &ark_bn254::G1Affine) -> G1Affine {
    Affine { x: fq(p.x), y: fq(p.y), infinity: p.infinity }
}

/// This module's G1 point as `ark-bn254`'s.
pub fn g1_back(p: &G1Affine) -> ark_bn254::G1Affine {
    Affine { x: fq_back(p.x), y: fq_back(p.y), infinity: p.infinity }
}

/// A G2 point as this module's (no check, as for [`g1`]).
pub fn g2(p: &ark_bn254::G2Affine) -> G2Affine {
    Affine { x: fq2(p.x), y: fq2(p.y), infinity: p.infinity }
}

/// `N` elements of an `ark-bn254` constant slice (a length mismatch fails the build).
#[allow(clippy::indexing_slicing)] // constant evaluation: an index out of range is a compile error
const fn fq_n<const N: usize>(s: &[ark_bn254::Fq]) -> [Fq; N] {
    let mut out = [Fp(BigInt([0; 4]), PhantomData); N];
    let mut i = 0;
    while i < N {
        out[i] = fq(s[i]);
        i += 1;
    }
    out
}

/// `N` elements of an `ark-bn254` constant slice (a length mismatch fails the build).
#[allow(clippy::indexing_slicing)] // constant evaluation: an index out of range is a compile error
const fn fq2_n<const N: usize>(s: &[ark_bn254::Fq2]) -> [Fq2; N] {
    let mut out = [QuadExtField::new(Fp(BigInt([0; 4]), PhantomData), Fp(BigInt([0; 4]), PhantomData)); N];
    let mut i = 0;
    while i < N {
        out[i] = fq2(s[i]);
        i += 1;
    }
    out
}

/// `ark-bn254`'s base-field configuration with multiplication and squaring on 32-bit words.
pub struct Fq32Config;

impl FpConfig<4> for Fq32Config {
    const MODULUS: BigInt<4> = Base::MODULUS;
    const GENERATOR: Fq = fq(Base::GENERATOR);
    const ZERO: Fq = fq(Base::ZERO);
    const ONE: Fq = fq(Base::ONE);
    const TWO_ADICITY: u32 = Base::TWO_ADICITY;
    const TWO_ADIC_ROOT_OF_UNITY: Fq = fq(Base::TWO_ADIC_ROOT_OF_UNITY);
    const SQRT_PRECOMP: Option<SqrtPrecomputation<Fq>> = match Base::SQRT_PRECOMP {
        Some(SqrtPrecomputation::Case3Mod4 { modulus_plus_one_div_four }) => {
            Some(SqrtPrecomputation::Case3Mod4 { modulus_plus_one_div_four })
        }
        _ => None,
    };

    fn add_assign(a: &mut Fq, b: &Fq) {
        let mut x = fq_back(*a);
        Base::add_assign(&mut x, &fq_back(*b));
        *a = fq(x);
    }

    fn sub_assign(a: &mut Fq, b: &Fq) {
        let mut x = fq_back(*a);
        Base::sub_assign(&mut x, &fq_back(*b));
        *a = fq(x);
    }

    fn double_in_place(a: &mut Fq) {
        let mut x = fq_back(*a);
        Base::double_in_place(&mut x);
        *a = fq(x);
    }

    fn neg_in_place(a: &mut Fq) {
        let mut x = fq_back(*a);
        Base::neg_in_place(&mut x);
        *a = fq(x);
    }

    #[inline(always)]
    fn mul_assign(a: &mut Fq, b: &Fq) {
        a.0 = product(&a.0, &b.0);
    }

    fn sum_of_products<const T: usize>(a: &[Fq; T], b: &[Fq; T]) -> Fq {
        // Two pairs (an Fq2 product's halves): one reduction per limb step for both, with feature `wide`.
        #[cfg(feature = "wide")]
        if let ([a0, a1], [b0, b1]) = (a.as_slice(), b.as_slice()) {
            return Fp(zkbridge_mont32::mont_sum_of_products_wide([&a0.0, &a1.0], [&b0.0, &b1.0]), PhantomData);
        }
        let mut sum = Self::ZERO;
        for (x, y) in a.iter().zip(b) {
            Self::add_assign(&mut sum, &Fp(product(&x.0, &y.0), PhantomData));
        }
        sum
    }

    #[inline(always)]
    fn square_in_place(a: &mut Fq) {
        a.0 = product(&a.0, &a.0);
    }

    fn inverse(a: &Fq) -> Option<Fq> {
        Base::inverse(&fq_back(*a)).map(fq)
    }

    fn from_bigint(other: BigInt<4>) -> Option<Fq> {
        Base::from_bigint(other).map(fq)
    }

    fn into_bigint(other: Fq) -> BigInt<4> {
        Base::into_bigint(fq_back(other))
    }
}

/// `Fq2 = Fq[u]/(u² + 1)`, as `ark-bn254`'s.
pub struct Fq2Config;

impl Fp2Config for Fq2Config {
    type Fp = Fq;
    const NONRESIDUE: Fq = fq(<ark_bn254::Fq2Config as Fp2Config>::NONRESIDUE);
    const FROBENIUS_COEFF_FP2_C1: &'static [Fq] = &fq_n::<2>(<ark_bn254::Fq2Config as Fp2Config>::FROBENIUS_COEFF_FP2_C1);

    #[inline(always)]
    fn mul_fp_by_nonresidue_in_place(fe: &mut Fq) -> &mut Fq {
        fe.neg_in_place()
    }
}

/// `Fq6 = Fq2[v]/(v³ − ξ)`, ξ = 9 + u, as `ark-bn254`'s.
#[derive(Clone, Copy)]
pub struct Fq6Config;

impl Fp6Config for Fq6Config {
    type Fp2Config = Fq2Config;
    const NONRESIDUE: Fq2 = fq2(<ark_bn254::Fq6Config as Fp6Config>::NONRESIDUE);
    const FROBENIUS_COEFF_FP6_C1: &'static [Fq2] = &fq2_n::<6>(<ark_bn254::Fq6Config as Fp6Config>::FROBENIUS_COEFF_FP6_C1);
    const FROBENIUS_COEFF_FP6_C2: &'static [Fq2] = &fq2_n::<6>(<ark_bn254::Fq6Config as Fp6Config>::FROBENIUS_COEFF_FP6_C2);

    /// (c₀ + c₁u)(9 + u) = (9c₀ − c₁) + (c₀ + 9c₁)u.
    #[inline(always)]
    fn mul_fp2_by_nonresidue_in_place(fe: &mut Fq2) -> &mut Fq2 {
        let nine = |x: Fq| {
            let mut y = x;
            y.double_in_place().double_in_place().double_in_place();
            y + x
        };
        let (c0, c1) = (fe.c0, fe.c1);
        fe.c0 = nine(c0) - c1;
        fe.c1 = nine(c1) + c0;
        fe
    }
}

/// `Fq12 = Fq6[w]/(w² − v)`, as `ark-bn254`'s.
#[derive(Clone, Copy)]
pub struct Fq12Config;

impl Fp12Config for Fq12Config {
    type Fp6Config = Fq6Config;
    const NONRESIDUE: Fq6 = CubicExtField::new(Fq2::ZERO, Fq2::ONE, Fq2::ZERO);
    const FROBENIUS_COEFF_FP12_C1: &'static [Fq2] = &fq2_n::<12>(<ark_bn254::Fq12Config as Fp12Config>::FROBENIUS_COEFF_FP12_C1);
}

/// G1: y² = x³ + 3 over `Fq`, cofactor 1.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct G1Config;

impl CurveConfig for G1Config {
    type BaseField = Fq;
    type ScalarField = Fr;
    const COFACTOR: &'static [u64] = <ark_bn254::g1::Config as CurveConfig>::COFACTOR;
    const COFACTOR_INV: Fr = <ark_bn254::g1::Config as CurveConfig>::COFACTOR_INV;
}

impl SWCurveConfig for G1Config {
    const COEFF_A: Fq = fq(<ark_bn254::g1::Config as SWCurveConfig>::COEFF_A);
    const COEFF_B: Fq = fq(<ark_bn254::g1::Config as SWCurveConfig>::COEFF_B);
    const GENERATOR: G1Affine = Affine::new_unchecked(
        fq(<ark_bn254::g1::Config as SWCurveConfig>::GENERATOR.x),
        fq(<ark_bn254::g1::Config as SWCurveConfig>::GENERATOR.y),
    );

    #[inline(always)]
    fn mul_by_a(_: Fq) -> Fq {
        Fq::ZERO
    }

    /// Cofactor 1: every point on the curve is in the group.
    fn is_in_correct_subgroup_assuming_on_curve(_: &G1Affine) -> bool {
        true
    }
}

/// G2: the sextic twist over `Fq2`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct G2Config;

impl CurveConfig for G2Config {
    type BaseField = Fq2;
    type ScalarField = Fr;
    const COFACTOR: &'static [u64] = <ark_bn254::g2::Config as CurveConfig>::COFACTOR;
    const COFACTOR_INV: Fr = <ark_bn254::g2::Config as CurveConfig>::COFACTOR_INV;
}

/// 6x², the scalar of the G2 subgroup check (x: the curve's parameter, `ark-bn254`'s `X`).
#[allow(clippy::indexing_slicing)] // constant evaluation: an index out of range is a compile error
const SIX_X_SQUARED: [u64; 2] = {
    let x = <ark_bn254::Config as BnConfig>::X[0] as u128;
    let v = 6 * x * x;
    #[allow(clippy::cast_possible_truncation)]
    [v as u64, (v >> 64) as u64]
};

impl SWCurveConfig for G2Config {
    const COEFF_A: Fq2 = fq2(<ark_bn254::g2::Config as SWCurveConfig>::COEFF_A);
    const COEFF_B: Fq2 = fq2(<ark_bn254::g2::Config as SWCurveConfig>::COEFF_B);
    const GENERATOR: G2Affine = Affine::new_unchecked(
        fq2(<ark_bn254::g2::Config as SWCurveConfig>::GENERATOR.x),
        fq2(<ark_bn254::g2::Config as SWCurveConfig>::GENERATOR.y),
    );

    #[inline(always)]
    fn mul_by_a(_: Fq2) -> Fq2 {
        Fq2::ZERO
    }

    /// A point is in the order-r subgroup exactly when ψ(P) = 6x²·P (ψ the untwist-Frobenius-twist endomorphism): the
    /// check `ark-bn254` makes, with its constants.
    fn is_in_correct_subgroup_assuming_on_curve(p: &G2Affine) -> bool {
        let mut psi = *p;
        psi.x.frobenius_map_in_place(1);
        psi.y.frobenius_map_in_place(1);
        psi.x *= Config::TWIST_MUL_BY_Q_X;
        psi.y *= Config::TWIST_MUL_BY_Q_Y;
        p.mul_bigint(SIX_X_SQUARED) == psi
    }
}

/// The pairing's configuration, `ark-bn254`'s.
pub struct Config;

impl BnConfig for Config {
    const X: &'static [u64] = <ark_bn254::Config as BnConfig>::X;
    const X_IS_NEGATIVE: bool = <ark_bn254::Config as BnConfig>::X_IS_NEGATIVE;
    const ATE_LOOP_COUNT: &'static [i8] = <ark_bn254::Config as BnConfig>::ATE_LOOP_COUNT;
    const TWIST_MUL_BY_Q_X: Fq2 = fq2(<ark_bn254::Config as BnConfig>::TWIST_MUL_BY_Q_X);
    const TWIST_MUL_BY_Q_Y: Fq2 = fq2(<ark_bn254::Config as BnConfig>::TWIST_MUL_BY_Q_Y);
    const TWIST_TYPE: TwistType = <ark_bn254::Config as BnConfig>::TWIST_TYPE;
    type Fp = Fq;
    type Fp2Config = Fq2Config;
    type Fp6Config = Fq6Config;
    type Fp12Config = Fq12Config;
    type G1Config = G1Config;
    type G2Config = G2Config;
}
