//! Builds the block-model fixtures: two consecutive blocks on chains 1, 4 and 7 carrying Mapping ops (and Deposit, FullExit,
//! Withdraw, Noop), what each chain stores for them, and real Groth16 proofs whose public input is the recomputed commitment.
#![allow(dead_code)]

use super::prover;
use alloy_primitives::{hex, Address, B256, U256};
use ark_bn254::Fr;
use serde_json::{json, Value};
use zkbridge_light::groth16::snarkjs;
use zkbridge_light::protocol::{
    encode_mapping_op, public_input, stored_block_info_for, CommitBlockInfo, MappingOp, OnchainOperationData, StoredBlockInfo,
    EMPTY_STRING_KECCAK,
};

pub const CHAINS: [u8; 3] = [1, 4, 7];

fn h(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

pub fn stored_json(s: &StoredBlockInfo) -> Value {
    serde_json::to_value(s).unwrap()
}

fn block_json(b: &CommitBlockInfo) -> Value {
    json!({
        "newStateHash": h(b.new_state_hash.as_slice()),
        "publicData": h(&b.public_data),
        "timestamp": b.timestamp.to_string(),
        "onchainOperations": b.onchain_operations.iter().map(|o| json!({
            "ethWitness": h(&o.eth_witness), "publicDataOffset": o.public_data_offset })).collect::<Vec<_>>(),
        "blockNumber": b.block_number,
        "feeAccount": b.fee_account,
    })
}

pub fn mapping_json(op: &MappingOp) -> Value {
    json!({
        "fromChainId": op.from_chain_id, "toChainId": op.to_chain_id, "owner": op.owner.to_checksum(None),
        "to": op.to.to_checksum(None), "tokenId": op.token_id, "amount": op.amount.to_string(), "fee": op.fee.to_string(),
        "nonce": op.nonce, "withdrawFee": op.withdraw_fee,
    })
}

fn chunk(op_type: u8, chunks: usize, fill: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let mut v = vec![op_type];
    fill(&mut v);
    v.resize(chunks * 23, 0);
    v
}

fn deposit(chain: u8) -> Vec<u8> {
    chunk(1, 3, |v| {
        v.push(chain);
        v.push(0); // subAccountId
        v.extend(5u16.to_be_bytes());
        v.extend(5u16.to_be_bytes());
        v.extend(1_000_000_000_000_000_000u128.to_be_bytes());
        v.extend([0xab; 32]);
        v.extend(42u32.to_be_bytes());
    })
}

fn full_exit(chain: u8) -> Vec<u8> {
    chunk(5, 3, |v| {
        v.push(chain);
        v.extend(42u32.to_be_bytes());
        v.push(1);
        v.extend([0u8; 12]);
        v.extend([0xcd; 20]);
        v.extend(6u16.to_be_bytes());
        v.extend(6u16.to_be_bytes());
        v.extend(77u128.to_be_bytes());
    })
}

fn withdraw(chain: u8) -> Vec<u8> {
    chunk(3, 5, |v| {
        v.push(chain);
        v.extend(42u32.to_be_bytes());
        v.push(2);
        v.extend(7u16.to_be_bytes());
        v.extend(7u16.to_be_bytes());
        v.extend(5_000u128.to_be_bytes());
        v.extend([0xee; 32]);
        v.extend(3u16.to_be_bytes());
        v.extend([0u8; 12]);
        v.extend([0xef; 20]);
        v.extend(9u32.to_be_bytes());
        v.extend(25u16.to_be_bytes());
        v.push(1);
    })
}

pub fn burn_op() -> MappingOp {
    MappingOp {
        from_chain_id: 1,
        to_chain_id: 4,
        owner: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".parse::<Address>().unwrap(),
        to: "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359".parse::<Address>().unwrap(),
        token_id: 3,
        amount: 12_500_000_000_000_000_000,
        fee: 1_000_000_000_000_000,
        nonce: 7,
        withdraw_fee: 10,
    }
}

fn back_op() -> MappingOp {
    MappingOp { from_chain_id: 4, to_chain_id: 1, nonce: 1, amount: 3, fee: 0, ..burn_op() }
}

fn build_block(number: u32, parts: Vec<Vec<u8>>, root: u8, ts: u64) -> CommitBlockInfo {
    let mut data = Vec::new();
    let mut ops = Vec::new();
    for p in parts {
        if p[0] != 0 {
            ops.push(OnchainOperationData {
                eth_witness: vec![0x99, number as u8].into(),
                public_data_offset: data.len() as u32,
            });
        }
        data.extend(p);
    }
    CommitBlockInfo {
        new_state_hash: B256::repeat_byte(root),
        public_data: data.into(),
        timestamp: U256::from(ts),
        onchain_operations: ops,
        block_number: number,
        fee_account: 3,
    }
}

/// The genesis-like block 1, as every chain stored it (per-chain fields empty).
pub fn prev_block() -> StoredBlockInfo {
    StoredBlockInfo {
        block_number: 1,
        priority_operations: 0,
        pending_onchain_operations_hash: EMPTY_STRING_KECCAK,
        timestamp: U256::from(1_700_000_000u64),
        state_hash: B256::repeat_byte(0x11),
        commitment: B256::repeat_byte(0x22),
        sync_hash: B256::repeat_byte(0x33),
    }
}

fn reports(prev: &StoredBlockInfo, b: &CommitBlockInfo, synced: u32) -> Value {
    [1u8, 4]
        .iter()
        .map(|c| {
            let s = stored_block_info_for(prev, b, *c, &CHAINS).unwrap();
            json!({ "chainId": c, "storedBlock": stored_json(&s), "storedBlockHash": h(s.hash().as_slice()),
                    "totalBlocksSynchronized": synced })
        })
        .collect()
}

/// `(verifyBlock input, verifyBlocks input)`, with real proofs from a fixed seed.
pub fn build() -> (Value, Value) {
    let pk = prover::setup(1, 4242);
    let vk = snarkjs::vk_to_json(&pk.vk);
    let prev = prev_block();
    let b2 = build_block(
        2,
        vec![encode_mapping_op(&burn_op()).to_vec(), vec![0; 23], deposit(4), full_exit(1), withdraw(7)],
        0x44,
        1_700_000_100,
    );
    let s2 = stored_block_info_for(&prev, &b2, 1, &CHAINS).unwrap();
    let b3 = build_block(3, vec![vec![0; 23], encode_mapping_op(&back_op()).to_vec(), deposit(1)], 0x55, 1_700_000_200);
    let prove = |cm: &B256, seed| {
        let x = Fr::from(ark_ff::BigInt::new(*public_input(cm).as_limbs()));
        snarkjs::proof_to_json(&prover::prove(&pk, &[x], seed))
    };
    let s3 = stored_block_info_for(&s2, &b3, 1, &CHAINS).unwrap();
    let one = json!({
        "vk": vk, "proof": prove(&s2.commitment, 1), "prevBlock": stored_json(&prev), "block": block_json(&b2),
        "chains": CHAINS, "reports": reports(&prev, &b2, 2), "burn": mapping_json(&burn_op()),
    });
    let many = json!({
        "vk": vk, "chains": CHAINS, "prevBlock": stored_json(&prev), "burn": mapping_json(&back_op()),
        "blocks": [
            { "block": block_json(&b2), "proof": prove(&s2.commitment, 1), "reports": reports(&prev, &b2, 3) },
            { "block": block_json(&b3), "proof": prove(&s3.commitment, 2), "reports": reports(&s2, &b3, 3) },
        ],
    });
    (one, many)
}
