//! The base field of `bn254/src/fq32.rs` (its product on 32-bit words; on 64-bit limbs with `u128` products with the
//! feature `wide`) against `ark-bn254`, on random elements and points: every
//! field operation, the subgroup checks, and pairings. Counts: `BN254_ELEMENTS` (default 100,000) and `BN254_PAIRINGS`
//! (default 50); `bash scripts/test-full.sh` runs the full counts (10⁶ and 1,000).

use ark_ec::pairing::Pairing;
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInteger, Field, PrimeField, UniformRand, Zero};
use ark_std::rand::{rngs::StdRng, SeedableRng};
use zkbridge_bn254::fq32::{self as bn254, fq, fq12_back, fq2, fq2_back, fq_back, g1, g1_back, g2};

fn count(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn the_field_is_ark_bn254s_on_random_and_edge_elements() {
    let mut rng = StdRng::seed_from_u64(0xf32);
    let p_minus_1 = -ark_bn254::Fq::from(1u8);
    let edges = [ark_bn254::Fq::zero(), ark_bn254::Fq::from(1u8), p_minus_1, ark_bn254::Fq::from(2u8), -ark_bn254::Fq::from(2u8)];
    let n = count("BN254_ELEMENTS", 100_000);
    let mut checked = 0;
    for i in 0..n + edges.len() * edges.len() {
        let (a, b) = match i.checked_sub(n) {
            Some(k) => (edges[k / edges.len()], edges[k % edges.len()]),
            None => (ark_bn254::Fq::rand(&mut rng), ark_bn254::Fq::rand(&mut rng)),
        };
        let (x, y) = (fq(a), fq(b));
        assert_eq!(fq_back(x * y), a * b, "{a} · {b}");
        assert_eq!(fq_back(x.square()), a.square(), "{a}²");
        assert_eq!(fq_back(x + y), a + b);
        assert_eq!(fq_back(x - y), a - b);
        assert_eq!(x.inverse().map(fq_back), a.inverse());
        if i % 16 == 0 {
            assert_eq!(x.sqrt().map(fq_back), a.sqrt());
        }
        assert_eq!(x.into_bigint(), a.into_bigint());
        assert!(fq_back(x * y).into_bigint() < ark_bn254::Fq::MODULUS, "the product is reduced");
        checked += 1;
    }
    assert_eq!(checked, n + 25);
    // Negative twin: the conversions are not the identity on values (another element is another element).
    assert_ne!(fq_back(fq(ark_bn254::Fq::from(3u8)) * fq(ark_bn254::Fq::from(5u8))), ark_bn254::Fq::from(16u8));
}

#[test]
fn the_tower_is_ark_bn254s() {
    let mut rng = StdRng::seed_from_u64(0xf2);
    for _ in 0..count("BN254_ELEMENTS", 100_000) / 100 {
        let (a, b) = (ark_bn254::Fq2::rand(&mut rng), ark_bn254::Fq2::rand(&mut rng));
        assert_eq!(fq2_back(fq2(a) * fq2(b)), a * b);
        assert_eq!(fq2_back(fq2(a).square()), a.square());
        assert_eq!(fq2(a).inverse().map(fq2_back), a.inverse());
        let mut f = fq2(a);
        f.frobenius_map_in_place(1);
        let mut g = a;
        g.frobenius_map_in_place(1);
        assert_eq!(fq2_back(f), g);
    }
}

#[test]
fn curves_and_subgroup_checks_are_ark_bn254s() {
    use ark_ec::short_weierstrass::Affine;
    let mut rng = StdRng::seed_from_u64(0xc0);
    assert_eq!(g1(&ark_bn254::G1Affine::generator()), bn254::G1Affine::generator());
    assert_eq!(g2(&ark_bn254::G2Affine::generator()), bn254::G2Affine::generator());
    let (mut inside, mut outside) = (0, 0);
    for _ in 0..200 {
        let s = ark_bn254::Fr::rand(&mut rng);
        let p = (ark_bn254::G1Affine::generator() * s).into_affine();
        let q = (ark_bn254::G2Affine::generator() * s).into_affine();
        assert_eq!(g1_back(&(bn254::G1Affine::generator() * s).into_affine()), p);
        assert_eq!((bn254::G2Affine::generator() * s).into_affine(), g2(&q));
        assert!(g2(&q).is_in_correct_subgroup_assuming_on_curve() && g2(&q).is_on_curve());
        // A point of the twist outside the subgroup: both implementations refuse it.
        let x = ark_bn254::Fq2::rand(&mut rng);
        if let Some(r) = Affine::<ark_bn254::g2::Config>::get_point_from_x_unchecked(x, true) {
            let ours = g2(&r).is_in_correct_subgroup_assuming_on_curve();
            assert_eq!(ours, r.is_in_correct_subgroup_assuming_on_curve());
            if ours {
                inside += 1;
            } else {
                outside += 1;
            }
        }
    }
    assert!(outside > 50, "random twist points are almost never in the subgroup ({inside} were)");
}

#[test]
fn pairings_and_multi_pairings_are_ark_bn254s() {
    let mut rng = StdRng::seed_from_u64(0xe);
    let n = count("BN254_PAIRINGS", 50);
    for i in 0..n {
        let k = 1 + i % 4;
        let ps: Vec<ark_bn254::G1Affine> = (0..k).map(|_| ark_bn254::G1Affine::rand(&mut rng)).collect();
        let qs: Vec<ark_bn254::G2Affine> = (0..k).map(|_| ark_bn254::G2Affine::rand(&mut rng)).collect();
        let theirs = ark_bn254::Bn254::multi_pairing(&ps, &qs).0;
        let ours = bn254::Bn254::multi_pairing(ps.iter().map(g1), qs.iter().map(g2)).0;
        assert_eq!(fq12_back(ours), theirs, "pairing {i} of {k} pairs");
    }
    // Negative twin: a pairing of other points differs.
    let (p, q) = (ark_bn254::G1Affine::generator(), ark_bn254::G2Affine::generator());
    let two = (p * ark_bn254::Fr::from(2u8)).into_affine();
    assert_ne!(fq12_back(bn254::Bn254::pairing(g1(&two), g2(&q)).0), ark_bn254::Bn254::pairing(p, q).0);
    assert!(ark_bn254::Fq::MODULUS.num_bits() == 254);
}
