//! Builds the block-model fixtures: two consecutive blocks on chains 1, 4 and 7 carrying Mapping ops (and Deposit, FullExit,
//! Withdraw, Noop), what each chain stores for them, and real Groth16 proofs whose public input is the recomputed commitment.
use super::prover;
use alloy_primitives::{hex, Address, B256, U256};
use ark_bn254::Fr;
use serde_json::{json, Value};
use zkbridge_light::groth16::snarkjs;
use zkbridge_light::protocol::{
    public_input, stored_block_info_for, BlockBuilder, CommitBlockInfo, MappingOp, Op, StoredBlockInfo, EMPTY_STRING_KECCAK,
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
        "to": op.to.to_checksum(None), "tokenId": op.token_id, "l2Amount": op.amount.to_string(), "fee": op.fee.to_string(),
        "nonce": op.nonce, "withdrawFee": op.withdraw_fee,
    })
}

fn deposit(chain: u8) -> Op {
    Op::Deposit {
        offset: 0,
        chain_id: chain,
        sub_account_id: 0,
        token_id: 5,
        target_token_id: 5,
        amount: 1_000_000_000_000_000_000,
        owner: B256::repeat_byte(0xab),
        account_id: 42,
    }
}

fn full_exit(chain: u8) -> Op {
    Op::FullExit {
        offset: 0,
        chain_id: chain,
        account_id: 42,
        sub_account_id: 1,
        owner: Address::repeat_byte(0xcd),
        token_id: 6,
        src_token_id: 6,
        amount: 77,
    }
}

fn withdraw(chain: u8) -> Op {
    Op::Withdraw {
        offset: 0,
        chain_id: chain,
        account_id: 42,
        sub_account_id: 2,
        token_id: 7,
        src_token_id: 7,
        amount: 5_000,
        data_hash: B256::repeat_byte(0xee),
        fee: 3,
        owner: Address::repeat_byte(0xef),
        nonce: 9,
        fast_withdraw_fee_rate: 25,
        withdraw_to_l1: 1,
    }
}

fn mapping(op: MappingOp) -> Op {
    Op::Mapping { offset: 0, op }
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

/// A block of `parts` (`None`: a Noop chunk) built by the core's `BlockBuilder`, each op's witness `[0x99, number]`.
fn build_block(number: u32, parts: Vec<Option<Op>>, root: u8, ts: u64) -> CommitBlockInfo {
    parts
        .into_iter()
        .fold(BlockBuilder::new(number, 3, U256::from(ts), B256::repeat_byte(root)), |b, p| match p {
            None => b.noop(),
            Some(op) => b.op(&op, &[0x99, number as u8]),
        })
        .build()
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
        vec![Some(mapping(burn_op())), None, Some(deposit(4)), Some(full_exit(1)), Some(withdraw(7))],
        0x44,
        1_700_000_100,
    );
    let s2 = stored_block_info_for(&prev, &b2, 1, &CHAINS).unwrap();
    let b3 = build_block(3, vec![None, Some(mapping(back_op())), Some(deposit(1))], 0x55, 1_700_000_200);
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
