//! The work of one verify as the JS API does it (parse the proof and the public inputs, check the points, verify with a
//! prepared key), in a function of its own for a profiler: `valgrind --tool=callgrind --toggle-collect='*one_verify*'`
//! (issue 21's profile, README "Benchmark"). `cargo run --release --example profile_verify -- <fixture set> <n>`.

use zkbridge_light::groth16::snarkjs::{self, parse_json};

#[inline(never)]
fn one_verify(v: &zkbridge_light::Groth16Verifier, proof: &serde_json::Value, public: &serde_json::Value) -> bool {
    snarkjs::verify(v, proof, public).unwrap()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let set = args.next().unwrap_or_else(|| "generated/squares-n5".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let read = |f: &str| parse_json(&std::fs::read_to_string(format!("{root}{set}/{f}")).unwrap()).unwrap();
    let (vk, proof, public) = (read("verification_key.json"), read("proof.json"), read("public.json"));
    let v = snarkjs::verifier(&vk).unwrap();
    let ok = (0..n).filter(|_| one_verify(&v, &proof, &public)).count();
    assert_eq!(ok, n);
}
