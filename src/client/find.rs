//! A fresh browser's question: which burns did this address send or receive? Every chain's `NewPriorityRequest` logs (they
//! carry the sender and the op; the event has no indexed field, so every request of the bridge is read) in pages of EVM
//! blocks, the same on every endpoint at one pinned block, then each op's mint judged like a tracked burn's
//! ([`BridgeClient::mint`]).

use super::abi::IZkBridge;
use super::read::{log_filter, quantity, rpc_error};
use super::track::Mint;
use super::transport::Transport;
use super::BridgeClient;
use crate::error::ClientError;
use crate::protocol::{decode_mapping_op, Finding, FindingCode, MappingOp, MAPPING};
use alloy_primitives::{Address, B256};
use alloy_sol_types::abi::AbiDecoderConfig;
use alloy_sol_types::SolEvent;
use serde::Serialize;
use serde_json::Value;

/// One `NewPriorityRequest` log of the bridge that carries a Mapping op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLog {
    /// The burn transaction.
    pub tx_hash: B256,
    /// The EVM block it was mined in.
    pub evm_block_number: u64,
    /// Who sent it (`msg.sender` of `mappingToken`).
    pub sender: Address,
    /// The op (amounts in 18 decimals).
    pub op: MappingOp,
}

/// The Mapping requests of an `eth_getLogs` answer for the bridge's `NewPriorityRequest` event, read strictly; logs marked
/// `removed` are left out, requests of other op types are skipped.
///
/// # Errors
/// A result that is not an array; a log of another contract or event, without a transaction hash or block number, whose
/// data does not decode strictly, or whose Mapping pubdata does not decode, as text.
///
/// # Examples
/// ```
/// use zkbridge_light::client::find::parse_request_logs;
/// let bridge = alloy_primitives::Address::repeat_byte(0xb1);
/// assert_eq!(parse_request_logs(&serde_json::json!([]), bridge), Ok(vec![]));
/// assert!(parse_request_logs(&serde_json::json!({}), bridge).is_err());
/// ```
pub fn parse_request_logs(logs: &Value, bridge: Address) -> Result<Vec<RequestLog>, String> {
    let logs = logs.as_array().ok_or("the result is not an array")?;
    let mut out = Vec::new();
    for l in logs {
        let hash = |v: Option<&Value>| v.and_then(Value::as_str).and_then(|s| crate::input::b256(s, "hash").ok());
        let address = l.get("address").and_then(Value::as_str).and_then(|s| s.parse::<Address>().ok());
        let topics = l.get("topics").and_then(Value::as_array).map(|t| t.iter().map(|x| hash(Some(x))).collect::<Vec<_>>());
        if address != Some(bridge) || topics != Some(vec![Some(IZkBridge::NewPriorityRequest::SIGNATURE_HASH)]) {
            return Err("a log that was not asked for".into());
        }
        if l.get("removed").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let tx_hash = hash(l.get("transactionHash")).ok_or("a log without a transaction hash")?;
        let evm_block_number =
            l.get("blockNumber").and_then(|n| quantity(n, "blockNumber").ok()).ok_or("a log without a block number")?;
        let data = crate::input::hex_bytes(l.get("data").and_then(Value::as_str).unwrap_or_default(), "data")
            .map_err(|e| e.to_string())?;
        let ev = IZkBridge::NewPriorityRequest::decode_raw_log_with_config(
            [IZkBridge::NewPriorityRequest::SIGNATURE_HASH],
            &data,
            AbiDecoderConfig::new().strict(true),
        )
        .map_err(|e| format!("NewPriorityRequest data: {e}"))?;
        if ev.opType != MAPPING {
            continue;
        }
        let op = decode_mapping_op(&ev.pubData).map_err(|e| format!("NewPriorityRequest pubData: {e}"))?;
        out.push(RequestLog { tx_hash, evm_block_number, sender: ev.sender, op });
    }
    Ok(out)
}

/// A burn an address sent or received, with its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FoundBurn {
    /// The source chain (zkLink id).
    pub chain_id: u8,
    /// The burn transaction (what `track` follows).
    pub tx_hash: B256,
    /// The EVM block it was mined in.
    pub evm_block_number: u64,
    /// The address sent it.
    pub sent: bool,
    /// The address is its recipient.
    pub received: bool,
    /// The op (amounts in 18 decimals).
    pub op: MappingOp,
    /// `"pending"` (no mint shown yet), `"minted"` (its mint judged ok) or `"failed"` (a mint that does not match: see
    /// `findings`).
    pub status: &'static str,
    /// The mint, when `minted`.
    pub mint: Option<Mint>,
    /// What was wrong with the mint, when `failed`.
    pub findings: Vec<Finding>,
}

/// The default page of `eth_getLogs`, in EVM blocks (public endpoints commonly cap a range at 2,000–10,000 blocks).
pub const DEFAULT_PAGE_BLOCKS: u64 = 2_000;

impl<T: Transport> BridgeClient<T> {
    /// The burns `address` sent (it called `mappingToken`) or received (it is the op's recipient) on every chain, from EVM
    /// block `from_block` (default: each bridge's deployment block) up to one block pinned on every endpoint of the chain,
    /// read in pages of `page_blocks` blocks; each with its status from its mint, read and judged on the destination from
    /// every endpoint. Ordered by chain, then EVM block.
    ///
    /// # Errors
    /// `RPC_ERROR` when the endpoints of a chain give other requests or answer malformed (naming chain, endpoint and
    /// method); `RPC_TIMEOUT`. (An op to a chain the deployment does not have is `failed` with a `MINT_MISMATCH` finding.)
    pub async fn find_burns(
        &self,
        address: Address,
        from_block: Option<u64>,
        page_blocks: u64,
    ) -> Result<Vec<FoundBurn>, ClientError> {
        let page = page_blocks.max(1);
        let mut found = Vec::new();
        for (c, endpoints) in &self.chains {
            let mut at = u64::MAX;
            for ep in endpoints {
                at = at.min(self.reader(c, ep).head().await?);
            }
            let mut first: Option<Vec<RequestLog>> = None;
            for ep in endpoints {
                let r = self.reader(c, ep);
                let mut here = Vec::new();
                let mut from = from_block.unwrap_or(c.deploy_block);
                while from <= at {
                    let to = from.saturating_add(page - 1).min(at);
                    let filter = log_filter(c.bridge, &[Some(IZkBridge::NewPriorityRequest::SIGNATURE_HASH)], from, to);
                    let logs = r.call("eth_getLogs", filter).await?;
                    let mut got = parse_request_logs(&logs, c.bridge).map_err(|e| r.malformed("eth_getLogs", &e))?;
                    here.append(&mut got);
                    from = to.saturating_add(1);
                    if to == u64::MAX {
                        break;
                    }
                }
                here.retain(|l| l.sender == address || l.op.to == address);
                match &first {
                    Some(f) if *f != here => {
                        return Err(rpc_error(c.chain_id, &ep.name, "eth_getLogs", "", "the endpoints of this chain differ"))
                    }
                    _ => first = Some(here),
                }
            }
            for l in first.unwrap_or_default() {
                let (status, mint, findings) = if self.chains.iter().any(|(d, _)| d.chain_id == l.op.to_chain_id) {
                    let check = self.mint(&l.op).await?;
                    match check.stage {
                        None => ("pending", None, Vec::new()),
                        Some(s) if s.ok => ("minted", check.mint, Vec::new()),
                        Some(s) => ("failed", None, s.codes),
                    }
                } else {
                    let detail = "the op's destination is not a chain of the deployment".to_owned();
                    ("failed", None, vec![Finding { code: FindingCode::MintMismatch, chain_id: Some(l.op.to_chain_id), detail }])
                };
                found.push(FoundBurn {
                    chain_id: c.chain_id,
                    tx_hash: l.tx_hash,
                    evm_block_number: l.evm_block_number,
                    sent: l.sender == address,
                    received: l.op.to == address,
                    op: l.op,
                    status,
                    mint,
                    findings,
                });
            }
        }
        Ok(found)
    }
}
