//! The devnet's committed keys and samples are reproducible: the setup from the fixed seed gives `devnet/vk.json`, and a
//! deterministic block 1 with its proof gives `devnet/samples/verify-block.json`, which the light client approves
//! (`ZKB_WRITE_FIXTURES=1` rewrites them).

use alloy::primitives::{hex, Address, B256, U256};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use zkbridge_devnet::devnet::{genesis, witness};
use zkbridge_devnet::{circuit, keys};
use zkbridge_light::groth16::snarkjs;
use zkbridge_light::protocol::{self as core, BlockBuilder, BlockCheck, MappingOp, Op};

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap() + "\n"
}

fn h(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

fn compare_or_write(path: &std::path::Path, text: &str) {
    if std::env::var_os("ZKB_WRITE_FIXTURES").is_some() {
        std::fs::write(path, text).unwrap();
    } else {
        assert_eq!(std::fs::read_to_string(path).unwrap(), text, "{} differs from a fresh build", path.display());
    }
}

#[test]
fn keys_and_sample_block_are_reproducible() {
    let pk = circuit::setup(keys::SETUP_SEED).unwrap();
    compare_or_write(&keys::vk_path(), &pretty(&snarkjs::vk_to_json(&pk.vk)));

    let op = MappingOp {
        from_chain_id: 1,
        to_chain_id: 2,
        owner: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8".parse::<Address>().unwrap(),
        to: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8".parse::<Address>().unwrap(),
        token_id: 1,
        amount: 12_500_000_000_000_000_000,
        fee: 0,
        nonce: 0,
        withdraw_fee: 0,
    };
    let prev = genesis();
    let data = core::encode_mapping_op(&op);
    let root = B256::from(circuit::state_rule(&prev.state_hash.0, &Sha256::digest(data).into()));
    let block =
        BlockBuilder::new(1, 0, U256::from(1_800_000_000u64), root).op(&Op::Mapping { offset: 0, op: op.clone() }, &[]).build();
    let proof = circuit::prove(&pk, witness(&prev, &block).unwrap(), 1).unwrap();
    let chains = [1u8, 2];
    let reports: Vec<Value> = chains
        .iter()
        .map(|c| {
            let s = core::stored_block_info_for(&prev, &block, *c, &chains).unwrap();
            json!({ "chainId": c, "storedBlock": s, "storedBlockHash": h(s.hash().as_slice()), "totalBlocksSynchronized": 1 })
        })
        .collect();
    let sample = json!({
        "vk": snarkjs::vk_to_json(&pk.vk),
        "proof": snarkjs::proof_to_json(&proof),
        "prevBlock": prev,
        "block": {
            "newStateHash": h(block.new_state_hash.as_slice()), "publicData": h(&block.public_data),
            "timestamp": block.timestamp.to_string(),
            "onchainOperations": [{ "ethWitness": "0x", "publicDataOffset": 0 }],
            "blockNumber": block.block_number, "feeAccount": block.fee_account,
        },
        "chains": chains,
        "reports": reports,
        "burn": { "fromChainId": 1, "toChainId": 2, "owner": op.owner.to_checksum(None), "to": op.to.to_checksum(None),
                  "tokenId": 1, "l2Amount": op.amount.to_string(), "nonce": 0, "withdrawFee": 0 },
    });
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/verify-block.json");
    compare_or_write(&path, &pretty(&sample));
    // The light client approves the sample; its twin with another root reported by chain 2 is not approved.
    let check = BlockCheck::try_from(&sample).unwrap();
    assert!(core::verify_block(&check).approved);
    let mut lie = check.clone();
    lie.reports[1].stored_block.state_hash = B256::repeat_byte(1);
    lie.reports[1].stored_block_hash = lie.reports[1].stored_block.hash();
    assert!(core::verify_block(&lie).codes().contains(&"ROOT_MISMATCH"));
}
