//! The circuit proves a real block's commitment; the light client's verifier accepts the proof with the recomputed public
//! input and refuses it for any other; a witness that breaks the state rule has no proof.

use std::time::Instant;
use zkbridge_devnet::circuit::{self, CommitmentWitness};

#[test]
fn proves_the_commitment_and_the_state_rule() {
    let n = circuit::constraint_count().unwrap();
    let t = Instant::now();
    let pk = circuit::setup(7).unwrap();
    let setup = t.elapsed();
    let mut w =
        CommitmentWitness { block_number: [0; 32], prev_state_hash: [0x11; 32], pubdata_hash: [0x22; 32], ..Default::default() };
    w.block_number[31] = 1;
    w.new_state_hash = circuit::state_rule(&w.prev_state_hash, &w.pubdata_hash);
    let t = Instant::now();
    let proof = circuit::prove(&pk, w, 1).unwrap();
    let prove = t.elapsed();
    eprintln!("constraints {n}, setup {setup:?}, prove {prove:?}");
    let v = zkbridge_light::Groth16Verifier::new(pk.vk.clone()).unwrap();
    assert!(v.verify(&proof, &[w.public_input()]).unwrap());
    // Negative twins: another public input; a root that breaks the state rule.
    let mut other = w;
    other.timestamp[31] = 1;
    assert!(!v.verify(&proof, &[other.public_input()]).unwrap());
    let mut bad = w;
    bad.new_state_hash[0] ^= 1;
    assert!(circuit::prove(&pk, bad, 1).is_err());
}
