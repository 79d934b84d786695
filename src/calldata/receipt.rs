//! Reading the burn back from its transaction receipt: the bridge's `NewPriorityRequest` event (zkLink `main`, §3c) whose
//! `pubData` is the Mapping op.

use crate::error::CalldataError;
use crate::protocol::json::parse_address;
use crate::protocol::{decode_mapping_op, MappingOp, MAPPING};
use alloy_primitives::{hex, Address, B256};
use alloy_sol_types::{sol, SolEvent};
use serde::Serialize;
use serde_json::Value;

sol! {
    /// zkLink `main` `Events.sol`.
    event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock);
}

/// The burn read from a receipt: the Mapping op as `decodePubdata` shapes it, plus `serialId` and `txHash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BurnReceipt {
    /// Always `"Mapping"`.
    pub op_type: &'static str,
    /// The op's fields.
    #[serde(flatten)]
    pub op: MappingOp,
    /// The priority request's serial id (decimal string).
    pub serial_id: String,
    /// The burn transaction's hash.
    pub tx_hash: B256,
}

fn hex_bytes(v: Option<&Value>, what: &str) -> Result<Vec<u8>, CalldataError> {
    v.and_then(Value::as_str)
        .and_then(|s| s.strip_prefix("0x"))
        .and_then(|d| hex::decode(d).ok())
        .ok_or_else(|| CalldataError::InvalidHex(what.to_owned()))
}

/// Finds the bridge's `NewPriorityRequest` log carrying a Mapping op in a receipt (as `eth_getTransactionReceipt` returns it).
///
/// # Errors
/// `INVALID_ADDRESS`/`BAD_CHECKSUM` for `bridge`; `MISSING_FIELD` when `logs` is not an array; `INVALID_HEX` for a malformed
/// log of the bridge; `NO_BURN_IN_RECEIPT` when the transaction failed or no such log exists.
pub fn decode_burn_receipt(receipt: &Value, bridge: &str) -> Result<BurnReceipt, CalldataError> {
    let bridge = parse_address(bridge, "bridge")?;
    if let Some(status) = receipt.get("status").and_then(Value::as_str) {
        if status != "0x1" {
            return Err(CalldataError::NoBurnInReceipt(format!("the transaction failed (status {status})")));
        }
    }
    let logs = receipt.get("logs").and_then(Value::as_array).ok_or_else(|| CalldataError::MissingField("receipt.logs".into()))?;
    for log in logs {
        if log.get("removed").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let Some(addr) = log.get("address").and_then(Value::as_str) else { continue };
        if addr.to_ascii_lowercase().parse::<Address>().ok() != Some(bridge) {
            continue;
        }
        let topics: Vec<B256> = log
            .get("topics")
            .and_then(Value::as_array)
            .map(|t| {
                t.iter()
                    .map(|x| {
                        hex_bytes(Some(x), "topic")
                            .and_then(|b| B256::try_from(b.as_slice()).map_err(|_| CalldataError::InvalidHex("topic".into())))
                    })
                    .collect::<Result<_, _>>()
            })
            .transpose()?
            .unwrap_or_default();
        if topics.first() != Some(&NewPriorityRequest::SIGNATURE_HASH) {
            continue;
        }
        let data = hex_bytes(log.get("data"), "log data")?;
        let ev = NewPriorityRequest::decode_raw_log(topics.iter().copied(), &data)
            .map_err(|e| CalldataError::InvalidHex(format!("NewPriorityRequest data: {e}")))?;
        if ev.opType != MAPPING {
            continue;
        }
        let op = decode_mapping_op(&ev.pubData).map_err(|e| CalldataError::NoBurnInReceipt(e.to_string()))?;
        let tx_hash = hex_bytes(receipt.get("transactionHash"), "transactionHash")
            .ok()
            .and_then(|b| B256::try_from(b.as_slice()).ok())
            .ok_or_else(|| CalldataError::InvalidHex("transactionHash".into()))?;
        return Ok(BurnReceipt { op_type: "Mapping", op, serial_id: ev.serialId.to_string(), tx_hash });
    }
    Err(CalldataError::NoBurnInReceipt(format!("no NewPriorityRequest with a Mapping op from {bridge}")))
}
