//! Native tests of the Groth16 verifier over every shared case (the browser tests run the same cases through the JS API).

mod common;

use common::groth16_cases::{all_cases, EvmProof};
use common::Expect;
use zkbridge_light::groth16::snarkjs::{self, parse_json, verify_groth16};
use zkbridge_light::{Groth16Error, Groth16Verifier};

fn outcome(r: Result<bool, Groth16Error>) -> Expect {
    match r {
        Ok(b) => Expect::Verdict(b),
        Err(e) => Expect::Code(e.code()),
    }
}

#[test]
fn snarkjs_cases() {
    let (cases, _) = all_cases();
    assert!(cases.len() > 100);
    for c in cases {
        assert_eq!(outcome(verify_groth16(&c.vk, &c.proof, &c.public)), c.expect, "{}", c.name);
    }
}

#[test]
fn evm_cases() {
    let (_, cases) = all_cases();
    for c in cases {
        let r = snarkjs::verifier(&c.vk).and_then(|v| match &c.proof {
            EvmProof::Hex(h) => v.verify_evm_bytes(&zkbridge_light::input::hex_bytes(h, "proof")?, &c.inputs),
            EvmProof::Words(w) => v.verify_evm_words(w, &c.inputs),
        });
        assert_eq!(outcome(r), c.expect, "{}", c.name);
    }
}

#[test]
fn invalid_json_text() {
    assert_eq!(parse_json("{").unwrap_err().code(), "INVALID_JSON");
    assert_eq!(parse_json("").unwrap_err().code(), "INVALID_JSON");
    assert!(parse_json("[\"1\"]").is_ok());
}

#[test]
fn verifier_is_reusable_and_reports_n_public() {
    let (_, vk, proof, public) = common::groth16_cases::SETS[4];
    let v = snarkjs::verifier(&parse_json(vk).unwrap()).unwrap();
    assert_eq!(v.n_public(), 81);
    for _ in 0..2 {
        assert!(snarkjs::verify(&v, &parse_json(proof).unwrap(), &parse_json(public).unwrap()).unwrap());
    }
}

#[test]
fn batch_verification_agrees_with_one_by_one() {
    use ark_bn254::Fr;
    let pk = common::prover::setup(2, 77);
    let v = Groth16Verifier::new(pk.vk.clone()).unwrap();
    let items: Vec<_> = (0..4u64)
        .map(|i| {
            let inputs = common::prover::random_inputs(2, 100 + i);
            (common::prover::prove(&pk, &inputs, 200 + i), inputs)
        })
        .collect();
    assert!(items.iter().all(|(p, x)| v.verify(p, x).unwrap()));
    assert!(v.verify_batch(&items).unwrap());
    assert!(v.verify_batch(&items[..1]).unwrap());
    // Negative twins: one wrong input, two proofs swapped, one proof negated.
    let mut bad = items.clone();
    bad[2].1[0] += Fr::from(1u8);
    assert!(!v.verify_batch(&bad).unwrap());
    let mut swapped = items.clone();
    let p0 = swapped[0].0.clone();
    swapped[0].0 = swapped[1].0.clone();
    swapped[1].0 = p0;
    assert!(!v.verify_batch(&swapped).unwrap());
    let mut neg = items.clone();
    neg[3].0.a = -neg[3].0.a;
    assert!(!v.verify_batch(&neg).unwrap());
    assert!(!v.verify_batch(&neg[3..]).unwrap());
    let mut count = items.clone();
    count[1].1.pop();
    assert_eq!(v.verify_batch(&count).unwrap_err().code(), "PUBLIC_INPUT_COUNT");
    assert_eq!(v.verify_batch(&[]).unwrap_err().code(), "EMPTY_BATCH");
}

#[test]
fn typed_entry_points_match_the_json_ones() {
    // The typed one-shot `verify_groth16(vk, proof, inputs)` and the prepared verifier agree, on a good and a bad input.
    let pk = common::prover::setup(1, 5);
    let x = common::prover::random_inputs(1, 6);
    let proof = common::prover::prove(&pk, &x, 7);
    assert!(zkbridge_light::verify_groth16(pk.vk.clone(), &proof, &x).unwrap());
    assert!(!zkbridge_light::verify_groth16(pk.vk.clone(), &proof, &[x[0] + ark_bn254::Fr::from(1u8)]).unwrap());
    assert_eq!(zkbridge_light::verify_groth16(pk.vk, &proof, &[]).unwrap_err().code(), "PUBLIC_INPUT_COUNT");
}
