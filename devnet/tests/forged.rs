//! A bundle forged under the deployment's own key is never anchored to the chains offline: the devnet's proving key is
//! public, so anyone can prove made-up block data — here a burn rewritten to pay 1,000,000 USDX to 0x…dEaD. Its answers
//! are consistent, its proof verifies under the deployment's key and its claimed verdict is the one its data gives, so an
//! offline check can say no more than `anchored: "key"`; `"chains"` (the page's green) needs every chain asked again.

use alloy::primitives::{Address, B256, U256};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use zkbridge_devnet::devnet::{genesis, witness};
use zkbridge_devnet::{circuit, keys};
use zkbridge_light::client::evidence::{Anchored, DeploymentAnchor};
use zkbridge_light::client::judge::EVIDENCE_FORMAT;
use zkbridge_light::client::{judge_answers, verify_evidence, Answer, Evidence, EvidenceBundle, Read, LIBRARY};
use zkbridge_light::groth16::{encode_evm_proof, snarkjs};
use zkbridge_light::protocol::{self as core, BlockBuilder, MappingOp, Op};
use zkbridge_light::Groth16Verifier;

#[test]
fn a_bundle_forged_with_the_devnet_prover_is_never_anchored_to_the_chains_offline() {
    let pk = keys::load_or_build(&mut |_| {}).unwrap();
    let deployment_vk = snarkjs::vk_to_json(&keys::committed_vk().unwrap());
    assert_eq!(snarkjs::vk_to_json(&pk.vk), deployment_vk, "the cached proving key is the deployment's");
    let dead: Address = "0x000000000000000000000000000000000000dEaD".parse().unwrap();
    let forged = MappingOp {
        from_chain_id: 1,
        to_chain_id: 2,
        owner: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8".parse().unwrap(),
        to: dead,
        token_id: 1,
        amount: 1_000_000 * 10u128.pow(18),
        fee: 0,
        nonce: 0,
        withdraw_fee: 0,
    };
    // The forger builds block 1 on the deployment's genesis around the fabricated op and proves it with the public key.
    let prev = genesis();
    let data = core::encode_mapping_op(&forged);
    let root = B256::from(circuit::state_rule(&prev.state_hash.0, &Sha256::digest(data).into()));
    let block = BlockBuilder::new(1, 0, U256::from(1_800_000_000u64), root)
        .op(&Op::Mapping { offset: 0, op: forged.clone() }, &[])
        .build();
    let proof = circuit::prove(&pk, witness(&prev, &block).unwrap(), 1).unwrap();
    let chains = [1u8, 2];
    let answers = chains
        .iter()
        .map(|c| {
            let stored = core::stored_block_info_for(&prev, &block, *c, &chains).unwrap();
            Answer {
                read: Read {
                    chain_id: *c,
                    endpoint: "forger".into(),
                    evm_block_number: 9,
                    evm_block_hash: B256::repeat_byte(*c),
                },
                committed: 1,
                stored_hash: stored.hash(),
                stored: Some(stored),
                synchronized: 1,
                executed: 1,
                proven: 1,
                block: Some(block.clone()),
                proof: Some(encode_evm_proof(&proof).to_vec().into()),
                prev_stored_hash: (*c == 1).then(|| prev.hash()),
            }
        })
        .collect();
    let evidence = Evidence {
        format: EVIDENCE_FORMAT,
        library: LIBRARY.to_owned(),
        block_number: 1,
        destination: Some(2),
        vk: deployment_vk.clone(),
        checkpoint: prev.clone(),
        connected_chains: chains.to_vec(),
        answers,
        burn: Some(MappingOp { fee: 0, withdraw_fee: 0, ..forged.clone() }),
        mint: None,
    };
    let verifier = Groth16Verifier::new(keys::committed_vk().unwrap()).unwrap();
    let (verdict, _) = judge_answers(&verifier, evidence).unwrap();
    // Self-consistent lies: judged on their own, the forged answers are approved. This is why offline is not enough.
    assert!(verdict.verdict.approved, "{:?}", verdict.verdict);
    let mut bundle = serde_json::to_value(&verdict.evidence).unwrap();
    let mut claimed = serde_json::to_value(&verdict).unwrap();
    claimed.as_object_mut().unwrap().remove("evidence");
    bundle["verdict"] = claimed;

    let parsed = EvidenceBundle::try_from(&bundle).unwrap();
    let anchor = DeploymentAnchor { verifier: Groth16Verifier::new(keys::committed_vk().unwrap()).unwrap(), anchor: genesis() };
    let check = verify_evidence(&parsed, Some(&anchor)).unwrap();
    assert!(check.agrees, "{:?}", check.differences);
    assert_eq!(check.anchored, Anchored::Key, "offline, a forged bundle under the deployment's key is at most `key`");
    assert_ne!(check.anchored, Anchored::Chains);
    let without = verify_evidence(&parsed, None).unwrap();
    assert_eq!(without.anchored, Anchored::None);
    let j = serde_json::to_value(&check).unwrap();
    assert_eq!(j["anchored"], json!("key"));
    assert_eq!(bundle["burn"]["to"], Value::from(dead.to_checksum(None)));

    // The same bundle is checked in for the page's test (dropped in the page, it must never be green): what this test
    // builds and the file must be the same (ZKB_WRITE_FIXTURES=1 rewrites the file).
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/evidence/forged-under-deployment-key.json");
    let text = serde_json::to_string_pretty(&bundle).unwrap() + "\n";
    if std::env::var_os("ZKB_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &text).unwrap();
    }
    let kept = std::fs::read_to_string(path).unwrap_or_default();
    assert!(kept == text, "{path} is not the bundle this test forges: run it with ZKB_WRITE_FIXTURES=1");
}
