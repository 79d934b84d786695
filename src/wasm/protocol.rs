//! JS API of the block model: `blockCommitment`, `blockPublicInput`, `storedBlockHash`, `nextSyncHash`, `decodePubdata`,
//! `encodeMappingOp`, `storedBlockInfoFor`, `verifyBlock`, `verifyBlocks`.

use super::{arg, object_arg, run, to_js};
use crate::error::ProtocolError;
use crate::json;
use crate::protocol::{self, BlockCheck, BlocksCheck, CommitBlockInfo, MappingOp, StoredBlockInfo};
use alloy_primitives::hex;
use wasm_bindgen::prelude::*;

fn hex0x(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

fn prev_and_block(prev_block: &JsValue, block: &JsValue) -> Result<(StoredBlockInfo, CommitBlockInfo), ProtocolError> {
    Ok((
        StoredBlockInfo::try_from(&object_arg(prev_block, "prevBlock")?)?,
        CommitBlockInfo::try_from(&object_arg(block, "block")?)?,
    ))
}

/// `blockCommitment(prevBlock, block) → "0x…"`: the commitment recomputed from the previous `StoredBlockInfo` and the new
/// `CommitBlockInfo`.
#[wasm_bindgen(js_name = blockCommitment)]
pub fn block_commitment(prev_block: &JsValue, block: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let (prev, block) = prev_and_block(prev_block, block)?;
        Ok::<_, ProtocolError>(hex0x(block.commitment(&prev.state_hash)?.as_slice()))
    })
}

/// `blockPublicInput(prevBlock, block) → decimal string`: `commitment & (2^253 − 1)`.
#[wasm_bindgen(js_name = blockPublicInput)]
pub fn block_public_input(prev_block: &JsValue, block: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let (prev, block) = prev_and_block(prev_block, block)?;
        Ok::<_, ProtocolError>(protocol::public_input(&block.commitment(&prev.state_hash)?).to_string())
    })
}

/// `storedBlockHash(info) → "0x…"`: `keccak256(abi.encode(StoredBlockInfo))`.
#[wasm_bindgen(js_name = storedBlockHash)]
pub fn stored_block_hash(info: &JsValue) -> Result<String, JsValue> {
    run(|| Ok::<_, ProtocolError>(hex0x(StoredBlockInfo::try_from(&object_arg(info, "info")?)?.hash().as_slice())))
}

/// `nextSyncHash(prevSyncHash, commitment, opHashesByChain) → "0x…"`.
#[wasm_bindgen(js_name = nextSyncHash)]
pub fn next_sync_hash(prev_sync_hash: &JsValue, commitment: &JsValue, op_hashes_by_chain: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let prev = json::b256(&arg(prev_sync_hash, "prevSyncHash")?, "prevSyncHash")?;
        let cm = json::b256(&arg(commitment, "commitment")?, "commitment")?;
        let by_chain = json::op_hashes_by_chain(&object_arg(op_hashes_by_chain, "opHashesByChain")?)?;
        Ok::<_, ProtocolError>(hex0x(protocol::next_sync_hash(&prev, &cm, &by_chain).as_slice()))
    })
}

/// `decodePubdata(publicData) → ops[]` (Mapping, Deposit, Withdraw, FullExit; Noop chunks skipped).
#[wasm_bindgen(js_name = decodePubdata)]
pub fn decode_pubdata(public_data: &JsValue) -> Result<JsValue, JsValue> {
    let ops = run(|| protocol::decode_pubdata(&json::bytes(&arg(public_data, "publicData")?, "publicData")?))?;
    to_js(&ops)
}

/// `encodeMappingOp(op) → "0x…"` (92 bytes).
#[wasm_bindgen(js_name = encodeMappingOp)]
pub fn encode_mapping_op(op: &JsValue) -> Result<String, JsValue> {
    run(|| Ok::<_, ProtocolError>(hex0x(&protocol::encode_mapping_op(&MappingOp::try_from(&object_arg(op, "op")?)?))))
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
        let (prev, block) = prev_and_block(prev_block, block)?;
        let chain = json::chain_id(&arg(chain_id, "chainId")?, "chainId")?;
        let chains = json::chains(&object_arg(chains, "chains")?, "chains")?;
        protocol::stored_block_info_for(&prev, &block, chain, &chains)
    })?;
    to_js(&info)
}

/// `verifyBlock(input) → verdict`.
#[wasm_bindgen(js_name = verifyBlock)]
pub fn verify_block(input: &JsValue) -> Result<JsValue, JsValue> {
    let v = run(|| Ok::<_, ProtocolError>(protocol::verify_block(&BlockCheck::try_from(&object_arg(input, "input")?)?)))?;
    to_js(&v)
}

/// `verifyBlocks(input) → { approved, verdicts }`.
#[wasm_bindgen(js_name = verifyBlocks)]
pub fn verify_blocks(input: &JsValue) -> Result<JsValue, JsValue> {
    let v = run(|| Ok::<_, ProtocolError>(protocol::verify_blocks(&BlocksCheck::try_from(&object_arg(input, "input")?)?)))?;
    to_js(&v)
}
