//! The generated proof sets in `tests/fixtures/generated/` are real ark-groth16 proofs: this test proves them again from their
//! fixed seeds and checks the committed files byte for byte (`ZKB_WRITE_FIXTURES=1` rewrites them).

mod common;

use common::prover;
use std::path::PathBuf;
use zkbridge_light::groth16::{encode_evm_proof, snarkjs};

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap() + "\n"
}

#[test]
fn generated_sets_are_reproducible() {
    let write = std::env::var_os("ZKB_WRITE_FIXTURES").is_some();
    for (i, n) in [1usize, 2, 5, 81].into_iter().enumerate() {
        let seed = 1000 + i as u64;
        let pk = prover::setup(n, seed);
        let inputs = prover::random_inputs(n, seed + 1);
        let proof = prover::prove(&pk, &inputs, seed + 2);
        let evm = serde_json::json!({
            "proof": format!("0x{}", alloy_primitives::hex::encode(encode_evm_proof(&proof))),
            "publicInputs": inputs.iter().map(|f| format!("0x{}", alloy_primitives::hex::encode(zkbridge_light::field::field_to_be_bytes(f)))).collect::<Vec<_>>(),
        });
        let files = [
            ("verification_key.json", pretty(&snarkjs::vk_to_json(&pk.vk))),
            ("proof.json", pretty(&snarkjs::proof_to_json(&proof))),
            ("public.json", pretty(&snarkjs::public_inputs_to_json(&inputs))),
            ("proof_evm.json", pretty(&evm)),
        ];
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/generated/squares-n{n}"));
        for (name, text) in files {
            let path = dir.join(name);
            if write {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            } else {
                assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{} differs from a fresh proof", path.display());
            }
        }
        // And the fresh proof verifies with our verifier.
        let v = zkbridge_light::Groth16Verifier::new(pk.vk.clone()).unwrap();
        assert!(v.verify(&proof, &inputs).unwrap());
    }
}

#[test]
fn block_fixtures_are_reproducible() {
    let write = std::env::var_os("ZKB_WRITE_FIXTURES").is_some();
    let (one, many) = common::block_builder::build();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/blocks");
    for (name, v) in [("verify-block.json", one), ("verify-blocks.json", many)] {
        let path = dir.join(name);
        if write {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, pretty(&v)).unwrap();
        } else {
            assert_eq!(std::fs::read_to_string(&path).unwrap(), pretty(&v), "{} differs from a fresh build", path.display());
        }
    }
}
