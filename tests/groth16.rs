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

/// `bad_items` names exactly the proofs that do not verify, by bisection, wherever they are; the batch's JSON reader names
/// the item a malformed input comes from.
#[test]
fn bad_items_names_exactly_the_proofs_that_fail() {
    use ark_bn254::Fr;
    use zkbridge_light::groth16::snarkjs::{parse_batch, proof_to_json, public_inputs_to_json};
    let pk = common::prover::setup(2, 78);
    let v = Groth16Verifier::new(pk.vk.clone()).unwrap();
    let good: Vec<_> = (0..9u64)
        .map(|i| {
            let inputs = common::prover::random_inputs(2, 300 + i);
            (common::prover::prove(&pk, &inputs, 400 + i), inputs)
        })
        .collect();
    let entropy = [0x5a; 32];
    assert!(v.bad_items(&good, &entropy).unwrap().is_empty(), "all good: none named");
    for bad_at in [vec![0], vec![8], vec![3, 4], vec![0, 5, 8], (0..9).collect::<Vec<_>>()] {
        let mut items = good.clone();
        for &i in &bad_at {
            items[i].1[1] += Fr::from(1u8);
        }
        let one_by_one: Vec<usize> = (0..items.len()).filter(|&i| !v.verify(&items[i].0, &items[i].1).unwrap()).collect();
        assert_eq!(one_by_one, bad_at);
        assert_eq!(v.bad_items(&items, &entropy).unwrap(), bad_at, "bad at {bad_at:?}");
        assert_eq!(v.bad_items(&items, &[]).unwrap(), bad_at, "without entropy too");
    }
    assert_eq!(v.bad_items(&[], &entropy).unwrap_err().code(), "EMPTY_BATCH");

    // The JSON batch: `{ proof, publicSignals }` items; errors carry the item's code and index.
    let item = |(p, x): &(ark_groth16::Proof<ark_bn254::Bn254>, Vec<Fr>)| serde_json::json!({ "proof": proof_to_json(p), "publicSignals": public_inputs_to_json(x) });
    let items = serde_json::Value::Array(good.iter().map(item).collect());
    assert_eq!(parse_batch(&items, v.n_public()).unwrap(), good);
    let broken = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut b = items.clone();
        edit(&mut b[2]);
        parse_batch(&b, v.n_public()).unwrap_err()
    };
    let e = broken(&|i| {
        i.as_object_mut().unwrap().remove("publicSignals");
    });
    assert_eq!((e.index, zkbridge_light::Coded::code(&e)), (Some(2), "INVALID_JSON"));
    assert!(e.to_string().starts_with("items[2]: "), "{e}");
    let e = broken(&|i| i["publicSignals"].as_array_mut().unwrap().truncate(1));
    assert_eq!(zkbridge_light::Coded::code(&e), "PUBLIC_INPUT_COUNT");
    let e = broken(&|i| i["proof"]["pi_a"][0] = serde_json::json!("x"));
    assert_eq!((e.index, zkbridge_light::Coded::code(&e)), (Some(2), "INVALID_NUMBER"));
    let e = parse_batch(&serde_json::json!([]), 2).unwrap_err();
    assert_eq!((e.index, zkbridge_light::Coded::code(&e)), (None, "EMPTY_BATCH"));
    assert_eq!(zkbridge_light::Coded::code(&parse_batch(&serde_json::json!({}), 2).unwrap_err()), "INVALID_JSON");
}

/// `export` → `from_prepared` gives a verifier with the same verdicts; bytes of another key, another library version, cut
/// or not canonical are `PREPARED_KEY_MISMATCH`; and bytes edited in place are not noticed (why they are trusted only
/// where this library kept them itself).
#[test]
fn a_prepared_key_round_trips_and_only_for_its_own_key_and_version() {
    let pk = common::prover::setup(3, 41);
    let v = Groth16Verifier::new(pk.vk.clone()).unwrap();
    let x = common::prover::random_inputs(3, 42);
    let proof = common::prover::prove(&pk, &x, 43);
    let mut wrong = x.clone();
    wrong[1] += ark_bn254::Fr::from(1u8);
    let bytes = v.export();
    let header = zkbridge_light::client::LIBRARY.len() + 1 + 32;
    assert_eq!(bytes.len(), header + 32 * zkbridge_bn254::PREPARED_ELEMENTS);
    assert!(bytes.starts_with(zkbridge_light::client::LIBRARY.as_bytes()));
    let again = Groth16Verifier::from_prepared(pk.vk.clone(), &bytes).unwrap();
    assert_eq!(again.key_hash(), v.key_hash());
    assert_eq!(again.export(), bytes);
    assert!(again.verify(&proof, &x).unwrap());
    assert!(!again.verify(&proof, &wrong).unwrap());
    let item = (proof.clone(), x.clone());
    assert!(again.verify_batch(&[item.clone(), item.clone()]).unwrap());
    // The same bytes whichever arithmetic wrote them (elements are canonical, never Montgomery form): the devnet key's
    // prepared values hash to the same constant in the default build and with `--features fq32`.
    let devnet = snarkjs::verifier(&parse_json(include_str!("../devnet/vk.json")).unwrap()).unwrap();
    let body = devnet.export()[header..].to_vec();
    assert_eq!(
        alloy_primitives::keccak256(&body).to_string(),
        "0x4814c27424860898464e3a9021080f2d38f721a30101e2a1eb921858e3cd2bec",
        "arithmetic {}",
        zkbridge_bn254::ARITHMETIC
    );

    let code =
        |vk: ark_groth16::VerifyingKey<ark_bn254::Bn254>, b: &[u8]| Groth16Verifier::from_prepared(vk, b).unwrap_err().code();
    // Another key: its hash is not the one the bytes were written for.
    let other = common::prover::setup(3, 99).vk;
    assert_eq!(code(other, &bytes), "PREPARED_KEY_MISMATCH");
    // Another library version (its name and version head the bytes).
    let mut version = bytes.clone();
    version[zkbridge_light::client::LIBRARY.len() - 1] ^= 1;
    assert_eq!(code(pk.vk.clone(), &version), "PREPARED_KEY_MISMATCH");
    // Cut, or one element longer.
    assert_eq!(code(pk.vk.clone(), &bytes[..bytes.len() - 32]), "PREPARED_KEY_MISMATCH");
    assert_eq!(code(pk.vk.clone(), &[bytes.as_slice(), &[0; 32]].concat()), "PREPARED_KEY_MISMATCH");
    assert_eq!(code(pk.vk.clone(), &[]), "PREPARED_KEY_MISMATCH");
    // An element at or above the base field's modulus (the last line coefficient's last element set to 2²⁵⁶ − 1).
    let mut big = bytes.clone();
    let n = big.len();
    big[n - 32..].fill(0xff);
    assert_eq!(code(pk.vk.clone(), &big), "PREPARED_KEY_MISMATCH");
    // Edited in place, still canonical: accepted, and the verdicts change (nothing cheap can tell): trusted storage only.
    let mut edited = bytes.clone();
    edited[n - 1] ^= 1;
    let forged = Groth16Verifier::from_prepared(pk.vk.clone(), &edited).unwrap();
    assert!(!forged.verify(&proof, &x).unwrap());
    // A key without IC points is refused before the bytes are read.
    let mut empty = pk.vk.clone();
    empty.gamma_abc_g1.clear();
    assert_eq!(code(empty, &bytes), "INVALID_LENGTH");
}
