//! The EVM precompiles' rules (`groth16::precompile`), each with its failing twin, checked against ark's own group law.
//! The oracle run against the EVM itself (anvil's 0x06/0x07/0x08 on 2,400 inputs) is `tests/node/precompile.test.mjs`.

use ark_bn254::{Fq, Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInteger, PrimeField, UniformRand};
use zkbridge_light::groth16::precompile::{bn254_add, bn254_mul, bn254_pairing};

mod common;

fn fq(x: Fq) -> Vec<u8> {
    x.into_bigint().to_bytes_be()
}
fn g1(p: G1Affine) -> Vec<u8> {
    p.xy().map_or(vec![0u8; 64], |(x, y)| [fq(x), fq(y)].concat())
}
fn g2(q: G2Affine) -> Vec<u8> {
    q.xy().map_or(vec![0u8; 128], |(x, y)| [fq(x.c1), fq(x.c0), fq(y.c1), fq(y.c0)].concat())
}
fn code<T: std::fmt::Debug>(r: Result<T, zkbridge_light::Groth16Error>) -> &'static str {
    r.map(|_| ()).map_err(|e| e.code()).err().unwrap_or("ok")
}

#[test]
fn add_and_mul_follow_the_group_law_and_the_input_rules() {
    let mut rng = ark_std::test_rng();
    for _ in 0..20 {
        let (a, b) = (G1Projective::rand(&mut rng).into_affine(), G1Projective::rand(&mut rng).into_affine());
        assert_eq!(bn254_add(&[g1(a), g1(b)].concat()).unwrap().to_vec(), g1((a + b).into_affine()));
        let k = Fr::rand(&mut rng);
        let scalar = k.into_bigint().to_bytes_be();
        assert_eq!(bn254_mul(&[g1(a), scalar].concat()).unwrap().to_vec(), g1((a * k).into_affine()));
    }
    let g = G1Affine::generator();
    // (0, 0) is infinity; P + (−P) is infinity, written (0, 0); a missing tail reads as zeros, extra bytes are ignored.
    assert_eq!(bn254_add(&g1(g)).unwrap().to_vec(), g1(g));
    assert_eq!(bn254_add(&[g1(g), g1(-g)].concat()).unwrap(), [0u8; 64]);
    assert_eq!(bn254_add(&[g1(g), g1(g), vec![0xff; 40]].concat()).unwrap().to_vec(), g1((g + g).into_affine()));
    // A scalar ≥ r is not refused: r + 2 gives 2G, 2^256 − 1 gives what the group law gives.
    let r_plus_2 =
        (alloy_primitives::U256::from_be_slice(&Fr::MODULUS.to_bytes_be()) + alloy_primitives::U256::from(2)).to_be_bytes::<32>();
    assert_eq!(bn254_mul(&[g1(g), r_plus_2.to_vec()].concat()).unwrap().to_vec(), g1((g + g).into_affine()));
    // Failing twins: a coordinate ≥ p, a point off the curve (both inputs of add; the point of mul).
    let p_bytes = Fq::MODULUS.to_bytes_be();
    let off = [fq(Fq::from(1u8)), fq(Fq::from(3u8))].concat();
    assert_eq!(code(bn254_add(&[p_bytes.clone(), fq(Fq::from(2u8)), g1(g)].concat())), "PRECOMPILE_INPUT");
    assert_eq!(code(bn254_add(&[g1(g), off.clone()].concat())), "PRECOMPILE_INPUT");
    assert_eq!(code(bn254_mul(&[off, vec![0u8; 32]].concat())), "PRECOMPILE_INPUT");
}

#[test]
fn pairing_checks_every_point_and_multiplies_the_pairings() {
    let mut rng = ark_std::test_rng();
    let (p, q) = (G1Affine::generator(), G2Affine::generator());
    let (a, b) = (Fr::rand(&mut rng), Fr::rand(&mut rng));
    let one = [g1((p * a).into_affine()), g2((q * b).into_affine()), g1((-(p * (a * b))).into_affine()), g2(q)].concat();
    assert!(bn254_pairing(&one).unwrap());
    // Its negative twin: one factor off by one.
    let off = [g1((p * a).into_affine()), g2((q * b).into_affine()), g1((-(p * (a * b + Fr::from(1u8)))).into_affine()), g2(q)]
        .concat();
    assert!(!bn254_pairing(&off).unwrap());
    // Empty: true. A length not a multiple of 192: refused.
    assert!(bn254_pairing(&[]).unwrap());
    assert_eq!(code(bn254_pairing(&one[..191])), "PRECOMPILE_INPUT");
    // A G2 point outside the subgroup is refused even when paired with the infinity of G1; inside it, that pair is 1.
    let outside = common::groth16_cases::twist_point_outside_g2();
    assert_eq!(code(bn254_pairing(&[vec![0u8; 64], g2(outside)].concat())), "PRECOMPILE_INPUT");
    assert!(bn254_pairing(&[vec![0u8; 64], g2(q)].concat()).unwrap());
    // The Fp2 halves in the other order (real part first): off the twist.
    let swapped = q.xy().map(|(x, y)| [fq(x.c0), fq(x.c1), fq(y.c0), fq(y.c1)].concat()).unwrap();
    assert_eq!(code(bn254_pairing(&[g1(p), swapped].concat())), "PRECOMPILE_INPUT");
}
