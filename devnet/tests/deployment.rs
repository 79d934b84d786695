//! The example deployment file follows the schema of docs/PROTOCOL.md §10: it reads back, its genesis passes the light
//! client's strict reader, its vk is the committed one, and a file missing a member is refused.

use zkbridge_devnet::deployment::Deployment;
use zkbridge_devnet::devnet::genesis;
use zkbridge_devnet::keys;

#[test]
fn example_deployment_reads_back() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("deployment.example.json");
    let d = Deployment::read(&path).unwrap();
    assert_eq!(d.format, 1);
    assert_eq!(d.connected_chains, vec![1, 2]);
    assert_eq!(d.genesis().unwrap(), genesis());
    assert_eq!(d.vk, zkbridge_light::groth16::snarkjs::vk_to_json(&keys::committed_vk().unwrap()));
    assert_eq!(d.vk_hash, alloy::primitives::keccak256(d.vk.to_string()));
    for t in &d.tokens {
        for c in &d.connected_chains {
            t.address(*c).unwrap();
        }
    }
    // Negative twin: without `chains` the file is refused.
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("chains");
    assert!(serde_json::from_value::<Deployment>(v).is_err());
}
