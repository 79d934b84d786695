//! The bridge's ABI as the client reads it: `sol!` over `contracts/IZkBridge.sol` (the one declaration that `ZkBridge.sol`
//! implements and the devnet also reads), its events' topics, the counters' calldata, the op hash events carry, and the
//! conversions between the ABI's structs and the core's types.

use crate::protocol::{CommitBlockInfo, MappingOp, StoredBlockInfo};
use alloy_primitives::B256;
use alloy_sol_types::{sol, SolCall, SolEvent};
use std::collections::BTreeMap;

sol!("contracts/IZkBridge.sol");

/// `keccak256` of a Mapping op's 83 significant bytes with the fee zeroed: the id a burn and its mint share in the bridge's
/// `MappingBurned`/`MappingMinted` events (docs/PROTOCOL.md §8).
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::MappingOp;
/// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [1; 20].into(), to: [2; 20].into(), token_id: 1, amount: 5,
///     fee: 7, nonce: 0, withdraw_fee: 0 };
/// assert_eq!(zkbridge_light::client::mapping_op_hash(&op), zkbridge_light::client::mapping_op_hash(&MappingOp { fee: 0, ..op }));
/// ```
pub fn mapping_op_hash(op: &MappingOp) -> B256 {
    let bytes = crate::protocol::encode_mapping_op(&MappingOp { fee: 0, ..op.clone() });
    alloy_primitives::keccak256(bytes.get(..crate::protocol::MAPPING_SIG_BYTES).unwrap_or_default())
}

/// The topics of the bridge's events a page or the JS client looks for: `{ MappingMinted, MappingBurned, NewPriorityRequest,
/// BlockCommitted, BlockProven, BlockSynchronized, BlockExecuted }` (keccak of each signature).
pub fn event_topics() -> BTreeMap<&'static str, B256> {
    let mut topics = BTreeMap::new();
    topics.insert("MappingMinted", IZkBridge::MappingMinted::SIGNATURE_HASH);
    topics.insert("MappingBurned", IZkBridge::MappingBurned::SIGNATURE_HASH);
    topics.insert("BlockCommitted", IZkBridge::BlockCommitted::SIGNATURE_HASH);
    topics.insert("BlockProven", IZkBridge::BlockProven::SIGNATURE_HASH);
    topics.insert("BlockSynchronized", IZkBridge::BlockSynchronized::SIGNATURE_HASH);
    topics.insert("BlockExecuted", IZkBridge::BlockExecuted::SIGNATURE_HASH);
    topics.insert("NewPriorityRequest", IZkBridge::NewPriorityRequest::SIGNATURE_HASH);
    topics
}

/// The calldata of the bridge's block counters (`totalBlocksCommitted()`, …), by name: what a page shows per chain.
///
/// # Examples
/// ```
/// let calls = zkbridge_light::client::counter_calls();
/// assert_eq!(calls[0].0, "totalBlocksCommitted");
/// assert_eq!(calls[0].1, alloy_primitives::keccak256("totalBlocksCommitted()")[..4]);
/// ```
pub fn counter_calls() -> [(&'static str, [u8; 4]); 4] {
    [
        ("totalBlocksCommitted", IZkBridge::totalBlocksCommittedCall::SELECTOR),
        ("totalBlocksProven", IZkBridge::totalBlocksProvenCall::SELECTOR),
        ("totalBlocksSynchronized", IZkBridge::totalBlocksSynchronizedCall::SELECTOR),
        ("totalBlocksExecuted", IZkBridge::totalBlocksExecutedCall::SELECTOR),
    ]
}

impl From<IZkBridge::StoredBlockInfo> for StoredBlockInfo {
    fn from(s: IZkBridge::StoredBlockInfo) -> Self {
        Self {
            block_number: s.blockNumber,
            priority_operations: s.priorityOperations,
            pending_onchain_operations_hash: s.pendingOnchainOperationsHash,
            timestamp: s.timestamp,
            state_hash: s.stateHash,
            commitment: s.commitment,
            sync_hash: s.syncHash,
        }
    }
}

impl From<&StoredBlockInfo> for IZkBridge::StoredBlockInfo {
    fn from(s: &StoredBlockInfo) -> Self {
        Self {
            blockNumber: s.block_number,
            priorityOperations: s.priority_operations,
            pendingOnchainOperationsHash: s.pending_onchain_operations_hash,
            timestamp: s.timestamp,
            stateHash: s.state_hash,
            commitment: s.commitment,
            syncHash: s.sync_hash,
        }
    }
}

impl From<&CommitBlockInfo> for IZkBridge::CommitBlockInfo {
    fn from(b: &CommitBlockInfo) -> Self {
        Self {
            newStateHash: b.new_state_hash,
            publicData: b.public_data.clone(),
            timestamp: b.timestamp,
            onchainOperations: b
                .onchain_operations
                .iter()
                .map(|o| IZkBridge::OnchainOperationData {
                    ethWitness: o.eth_witness.clone(),
                    publicDataOffset: o.public_data_offset,
                })
                .collect(),
            blockNumber: b.block_number,
            feeAccount: b.fee_account,
        }
    }
}

impl From<IZkBridge::CommitBlockInfo> for CommitBlockInfo {
    fn from(b: IZkBridge::CommitBlockInfo) -> Self {
        Self {
            new_state_hash: b.newStateHash,
            public_data: b.publicData,
            timestamp: b.timestamp,
            onchain_operations: b
                .onchainOperations
                .into_iter()
                .map(|o| crate::protocol::OnchainOperationData {
                    eth_witness: o.ethWitness,
                    public_data_offset: o.publicDataOffset,
                })
                .collect(),
            block_number: b.blockNumber,
            fee_account: b.feeAccount,
        }
    }
}
