//! Reading the burn back from its transaction receipt: the bridge's `NewPriorityRequest` event (zkLink `main`, §3c) whose
//! `pubData` is the Mapping op.

use crate::error::{CalldataError, InputError};
use crate::protocol::{decode_mapping_op, MappingOp, MAPPING};
use alloy_primitives::{Address, Bytes, B256};
use alloy_sol_types::{sol, SolEvent};
use serde::Serialize;

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

/// One log of a receipt (the fields this crate reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    /// The contract that emitted it.
    pub address: Address,
    /// Its topics.
    pub topics: Vec<B256>,
    /// Its data.
    pub data: Bytes,
    /// Removed by a reorg.
    pub removed: bool,
}

/// A transaction receipt (the fields this crate reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The transaction's hash.
    pub transaction_hash: B256,
    /// `Some(true)` for success, `Some(false)` for a revert, `None` when the node did not say (pre-Byzantium).
    pub status: Option<bool>,
    /// Its logs.
    pub logs: Vec<Log>,
}

/// Finds the bridge's `NewPriorityRequest` log carrying a Mapping op in a receipt.
///
/// # Errors
/// `NO_BURN_IN_RECEIPT` when the transaction failed or no such log exists; `INVALID_HEX` for a `NewPriorityRequest` log of
/// the bridge whose data does not decode.
pub fn decode_burn_receipt(receipt: &Receipt, bridge: Address) -> Result<BurnReceipt, CalldataError> {
    if receipt.status == Some(false) {
        return Err(CalldataError::NoBurnInReceipt("the transaction failed (status 0x0)".into()));
    }
    for log in &receipt.logs {
        if log.removed || log.address != bridge || log.topics.first() != Some(&NewPriorityRequest::SIGNATURE_HASH) {
            continue;
        }
        let ev = NewPriorityRequest::decode_raw_log(log.topics.iter().copied(), &log.data)
            .map_err(|e| InputError::InvalidHex(format!("NewPriorityRequest data: {e}")))?;
        if ev.opType != MAPPING {
            continue;
        }
        let op = decode_mapping_op(&ev.pubData).map_err(|e| CalldataError::NoBurnInReceipt(e.to_string()))?;
        return Ok(BurnReceipt { op_type: "Mapping", op, serial_id: ev.serialId.to_string(), tx_hash: receipt.transaction_hash });
    }
    Err(CalldataError::NoBurnInReceipt(format!("no NewPriorityRequest with a Mapping op from {bridge}")))
}
