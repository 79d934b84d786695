//! Native timing for the benchmark (`scripts/bench.sh`): median key preparation and verify times on the fixture sets.
//! Prints one JSON line per set.

use std::time::Instant;
use zkbridge_light::groth16::snarkjs::{self, parse_json};
use zkbridge_light::protocol::{BlockCheck, BlocksCheck};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time_ms(n: usize, mut f: impl FnMut()) -> f64 {
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f();
        v.push(t.elapsed().as_secs_f64() * 1e3);
    }
    median(v)
}

fn main() {
    // Block model: one verifyBlock, and verifyBlocks on two blocks (batched proofs) against two separate verifyBlock calls.
    let root_b = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blocks/");
    let one = parse_json(&std::fs::read_to_string(format!("{root_b}verify-block.json")).unwrap()).unwrap();
    let many = parse_json(&std::fs::read_to_string(format!("{root_b}verify-blocks.json")).unwrap()).unwrap();
    // As the JS layer runs them: read the JSON, then decide.
    let vb = time_ms(50, || assert!(zkbridge_light::protocol::verify_block(&BlockCheck::try_from(&one).unwrap()).approved));
    let vbs = time_ms(50, || assert!(zkbridge_light::protocol::verify_blocks(&BlocksCheck::try_from(&many).unwrap()).approved));
    println!("{{\"set\":\"blocks\",\"verifyBlockMs\":{vb:.3},\"verifyBlocks2Ms\":{vbs:.3}}}");

    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    for set in ["iden3-jwz-authv2", "generated/squares-n5", "generated/squares-n81"] {
        let read = |f: &str| parse_json(&std::fs::read_to_string(format!("{root}{set}/{f}")).unwrap()).unwrap();
        let (vk, proof, public) = (read("verification_key.json"), read("proof.json"), read("public.json"));
        let mut prep = Vec::new();
        let mut verify = Vec::new();
        let mut full = Vec::new();
        for _ in 0..100 {
            let t = Instant::now();
            let v = snarkjs::verifier(&vk).unwrap();
            prep.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            assert!(snarkjs::verify(&v, &proof, &public).unwrap());
            verify.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            assert!(snarkjs::verify_groth16(&vk, &proof, &public).unwrap());
            full.push(t.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "{{\"set\":\"{set}\",\"prepareMs\":{:.3},\"verifyMs\":{:.3},\"oneShotMs\":{:.3}}}",
            median(prep),
            median(verify),
            median(full)
        );
    }
}
