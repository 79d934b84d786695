//! Native timing for the benchmark (`scripts/bench.sh`): median key preparation and verify times on the fixture sets.
//! Prints one JSON line per set.

use std::time::Instant;
use zkbridge_light::groth16::parse_json;
use zkbridge_light::Groth16Verifier;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    for set in ["iden3-jwz-authv2", "generated/squares-n5", "generated/squares-n81"] {
        let read = |f: &str| parse_json(&std::fs::read_to_string(format!("{root}{set}/{f}")).unwrap()).unwrap();
        let (vk, proof, public) = (read("verification_key.json"), read("proof.json"), read("public.json"));
        let mut prep = Vec::new();
        let mut verify = Vec::new();
        let mut full = Vec::new();
        for _ in 0..100 {
            let t = Instant::now();
            let v = Groth16Verifier::from_snarkjs(&vk).unwrap();
            prep.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            assert!(v.verify_snarkjs(&proof, &public).unwrap());
            verify.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            assert!(zkbridge_light::verify_groth16(&vk, &proof, &public).unwrap());
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
