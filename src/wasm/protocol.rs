//! JS API of the block model: `blockCommitment`, `blockPublicInput`, `storedBlockHash`, `nextSyncHash`, `decodePubdata`,
//! `encodeMappingOp`, `storedBlockInfoFor`, `verifyBlock`, `verifyBlocks`.

use super::{js_error, js_to_json, to_js};
use crate::error::ProtocolError;
use crate::protocol::{self, CommitBlockInfo, MappingOp, StoredBlockInfo};
use alloy_primitives::hex;
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn json(v: &JsValue, what: &str) -> Result<Value, ProtocolError> {
    match js_to_json(v) {
        Ok(Value::Null) => Err(ProtocolError::MissingField(what.to_owned())),
        Ok(v) => Ok(v),
        Err(e) => Err(ProtocolError::MissingField(format!("{what}: {e}"))),
    }
}

fn run<T>(f: impl FnOnce() -> Result<T, ProtocolError>) -> Result<T, JsValue> {
    f().map_err(|e| js_error(&e))
}

fn hex0x(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

/// `blockCommitment(prevBlock, block) → "0x…"`: the commitment recomputed from the previous `StoredBlockInfo` and the new
/// `CommitBlockInfo`.
#[wasm_bindgen(js_name = blockCommitment)]
pub fn block_commitment(prev_block: &JsValue, block: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let prev = StoredBlockInfo::from_json(&json(prev_block, "prevBlock")?)?;
        let block = CommitBlockInfo::from_json(&json(block, "block")?)?;
        Ok(hex0x(block.commitment(&prev.state_hash)?.as_slice()))
    })
}

/// `blockPublicInput(prevBlock, block) → decimal string`: `commitment & (2^253 − 1)`.
#[wasm_bindgen(js_name = blockPublicInput)]
pub fn block_public_input(prev_block: &JsValue, block: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let prev = StoredBlockInfo::from_json(&json(prev_block, "prevBlock")?)?;
        let block = CommitBlockInfo::from_json(&json(block, "block")?)?;
        Ok(protocol::public_input(&block.commitment(&prev.state_hash)?).to_string())
    })
}

/// `storedBlockHash(info) → "0x…"`: `keccak256(abi.encode(StoredBlockInfo))`.
#[wasm_bindgen(js_name = storedBlockHash)]
pub fn stored_block_hash(info: &JsValue) -> Result<String, JsValue> {
    run(|| Ok(hex0x(StoredBlockInfo::from_json(&json(info, "info")?)?.hash().as_slice())))
}

/// `nextSyncHash(prevSyncHash, commitment, opHashesByChain) → "0x…"`.
#[wasm_bindgen(js_name = nextSyncHash)]
pub fn next_sync_hash(prev_sync_hash: &JsValue, commitment: &JsValue, op_hashes_by_chain: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let prev = crate::protocol::parse_b256(&json(prev_sync_hash, "prevSyncHash")?, "prevSyncHash")?;
        let cm = crate::protocol::parse_b256(&json(commitment, "commitment")?, "commitment")?;
        let by_chain = protocol::op_hashes_from_json(&json(op_hashes_by_chain, "opHashesByChain")?)?;
        Ok(hex0x(protocol::next_sync_hash(&prev, &cm, &by_chain).as_slice()))
    })
}

/// `decodePubdata(publicData) → ops[]` (Mapping, Deposit, Withdraw, FullExit; Noop chunks skipped).
#[wasm_bindgen(js_name = decodePubdata)]
pub fn decode_pubdata(public_data: &JsValue) -> Result<JsValue, JsValue> {
    let ops = run(|| {
        let bytes = crate::protocol::parse_bytes(&json(public_data, "publicData")?, "publicData")?;
        protocol::decode_pubdata(&bytes)
    })?;
    to_js(&ops)
}

/// `encodeMappingOp(op) → "0x…"` (92 bytes).
#[wasm_bindgen(js_name = encodeMappingOp)]
pub fn encode_mapping_op(op: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let op: MappingOp = MappingOp::from_json(&json(op, "op")?)?;
        Ok(hex0x(&protocol::encode_mapping_op(&op)))
    })
}

/// `storedBlockInfoFor(prevBlock, block, chainId, chains) → StoredBlockInfo`.
#[wasm_bindgen(js_name = storedBlockInfoFor)]
pub fn stored_block_info_for(
    prev_block: &JsValue,
    block: &JsValue,
    chain_id: &JsValue,
    chains: &JsValue,
) -> Result<JsValue, JsValue> {
    let info = run(|| {
        let prev = StoredBlockInfo::from_json(&json(prev_block, "prevBlock")?)?;
        let block = CommitBlockInfo::from_json(&json(block, "block")?)?;
        let chain = crate::protocol::parse_chain_id(&json(chain_id, "chainId")?, "chainId")?;
        let chains = protocol::chains_from_json(&json(chains, "chains")?, "chains")?;
        protocol::stored_block_info_for(&prev, &block, chain, &chains)
    })?;
    to_js(&info)
}

/// `verifyBlock(input) → verdict`.
#[wasm_bindgen(js_name = verifyBlock)]
pub fn verify_block(input: &JsValue) -> Result<JsValue, JsValue> {
    let v = run(|| protocol::verify_block(&json(input, "input")?))?;
    to_js(&v)
}

/// `verifyBlocks(input) → { approved, verdicts }`.
#[wasm_bindgen(js_name = verifyBlocks)]
pub fn verify_blocks(input: &JsValue) -> Result<JsValue, JsValue> {
    let v = run(|| protocol::verify_blocks(&json(input, "input")?))?;
    to_js(&v)
}
