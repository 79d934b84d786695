//! Native tests of the Groth16 verifier over every shared case (the browser tests run the same cases through the JS API).

mod common {
    pub mod cases;
}

use common::cases::{all_cases, EvmProof, Expect};
use zkbridge_light::groth16::{parse_json, verify_groth16};
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
        let r = Groth16Verifier::from_snarkjs(&c.vk).and_then(|v| match &c.proof {
            EvmProof::Hex(h) => match alloy_primitives::hex::decode(h.trim_start_matches("0x")) {
                Ok(b) => v.verify_evm_bytes(&b, &c.inputs),
                Err(_) => Err(Groth16Error::InvalidLength("odd hex".into())),
            },
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
    let (_, vk, proof, public) = common::cases::SETS[4];
    let v = Groth16Verifier::from_snarkjs(&parse_json(vk).unwrap()).unwrap();
    assert_eq!(v.n_public(), 81);
    for _ in 0..2 {
        assert!(v.verify_snarkjs(&parse_json(proof).unwrap(), &parse_json(public).unwrap()).unwrap());
    }
}
