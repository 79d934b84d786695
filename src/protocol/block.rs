//! Block formats (`CommitBlockInfo`, `StoredBlockInfo`), the block commitment and the proof's public input, the stored-block
//! hash, the per-chain op hashes and the sync hash (zkLink `main` §1b formats, v2 §2b sync hash). See `docs/PROTOCOL.md`.

use super::pubdata::{decode_pubdata, Op, CHUNK_BYTES};
use crate::error::ProtocolError;
use alloy_primitives::{keccak256, Bytes, B256, U256};
use alloy_sol_types::{sol, SolValue};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// `keccak256("")`, the start of every op-hash fold.
pub const EMPTY_STRING_KECCAK: B256 = alloy_primitives::b256!("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

sol! {
    /// The ABI form of `StoredBlockInfo` (seven static words).
    struct StoredBlockInfoAbi {
        uint32 blockNumber;
        uint64 priorityOperations;
        bytes32 pendingOnchainOperationsHash;
        uint256 timestamp;
        bytes32 stateHash;
        bytes32 commitment;
        bytes32 syncHash;
    }
}

/// What a chain stores per block; `storedBlockHashes(n) = keccak256(abi.encode(info))`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct StoredBlockInfo {
    /// Block number n.
    pub block_number: u32,
    /// Number of priority ops of this chain in the block (per chain).
    #[serde(serialize_with = "dec64")]
    pub priority_operations: u64,
    /// Fold of the pending on-chain ops of this chain (per chain).
    pub pending_onchain_operations_hash: B256,
    /// Block timestamp.
    #[serde(serialize_with = "dec256")]
    pub timestamp: U256,
    /// The block's final root.
    pub state_hash: B256,
    /// The block commitment.
    pub commitment: B256,
    /// The sync hash.
    pub sync_hash: B256,
}

fn dec64<S: serde::Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}
fn dec256<S: serde::Serializer>(v: &U256, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

/// One on-chain op reference of a committed block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OnchainOperationData {
    /// Carried, hashed nowhere.
    pub eth_witness: Bytes,
    /// Byte offset of the op in the pubdata (a multiple of 23).
    pub public_data_offset: u32,
}

/// The operator's commit input for one block (serialized in the JS shape `crate::json` reads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitBlockInfo {
    /// The new state root (final_root).
    pub new_state_hash: B256,
    /// The pubdata (23-byte chunks).
    pub public_data: Bytes,
    /// Block timestamp.
    #[serde(serialize_with = "dec256")]
    pub timestamp: U256,
    /// Every Deposit, Withdraw, FullExit and Mapping op of the pubdata.
    pub onchain_operations: Vec<OnchainOperationData>,
    /// Block number.
    pub block_number: u32,
    /// Fee account.
    pub fee_account: u32,
}

impl StoredBlockInfo {
    /// `keccak256(abi.encode(info))`, what `storedBlockHashes(n)` returns.
    pub fn hash(&self) -> B256 {
        keccak256(
            StoredBlockInfoAbi {
                blockNumber: self.block_number,
                priorityOperations: self.priority_operations,
                pendingOnchainOperationsHash: self.pending_onchain_operations_hash,
                timestamp: self.timestamp,
                stateHash: self.state_hash,
                commitment: self.commitment,
                syncHash: self.sync_hash,
            }
            .abi_encode(),
        )
    }
}

impl CommitBlockInfo {
    /// The offsets commitment: one byte per chunk, `0x01` where a listed on-chain op starts.
    ///
    /// # Errors
    /// `BAD_PUBDATA` when the pubdata is not whole chunks or an offset is not a chunk boundary inside it.
    pub fn offsets_commitment(&self) -> Result<Vec<u8>, ProtocolError> {
        let len = self.public_data.len();
        if len % CHUNK_BYTES != 0 {
            return Err(ProtocolError::BadPubdata(format!("length {len} is not a multiple of {CHUNK_BYTES}")));
        }
        let mut out = vec![0u8; len / CHUNK_BYTES];
        for op in &self.onchain_operations {
            let off = op.public_data_offset as usize;
            let slot = (off % CHUNK_BYTES == 0).then(|| out.get_mut(off / CHUNK_BYTES)).flatten().ok_or_else(|| {
                ProtocolError::BadPubdata(format!("publicDataOffset {off} is not a chunk boundary inside the pubdata"))
            })?;
            *slot = 1;
        }
        Ok(out)
    }

    /// The block commitment: `sha256(u256 blockNumber ‖ u256 feeAccount ‖ prev.stateHash ‖ newStateHash ‖ u256 timestamp ‖
    /// sha256(publicData) ‖ sha256(offsetsCommitment))`.
    ///
    /// # Errors
    /// `BAD_PUBDATA`, see [`CommitBlockInfo::offsets_commitment`].
    pub fn commitment(&self, prev_state_hash: &B256) -> Result<B256, ProtocolError> {
        let offsets = self.offsets_commitment()?;
        let mut h = Sha256::new();
        h.update(U256::from(self.block_number).to_be_bytes::<32>());
        h.update(U256::from(self.fee_account).to_be_bytes::<32>());
        h.update(prev_state_hash);
        h.update(self.new_state_hash);
        h.update(self.timestamp.to_be_bytes::<32>());
        h.update(Sha256::digest(&self.public_data));
        h.update(Sha256::digest(&offsets));
        Ok(B256::from_slice(&h.finalize()))
    }

    /// Decodes the pubdata and checks that the listed on-chain op offsets are exactly the positions of its non-Noop ops.
    ///
    /// # Errors
    /// `BAD_PUBDATA`, `UNKNOWN_OP`.
    pub fn decode_ops(&self) -> Result<Vec<Op>, ProtocolError> {
        let ops = decode_pubdata(&self.public_data)?;
        let found: Vec<usize> = ops.iter().map(Op::offset).collect();
        let listed: Vec<usize> = self.onchain_operations.iter().map(|o| o.public_data_offset as usize).collect();
        if found != listed {
            return Err(ProtocolError::BadPubdata(format!(
                "onchainOperations offsets {listed:?} differ from the on-chain ops found at {found:?}"
            )));
        }
        Ok(ops)
    }

    /// The padded bytes of an op.
    fn op_bytes(&self, op: &Op) -> &[u8] {
        self.public_data.get(op.offset()..op.offset().saturating_add(op.size())).unwrap_or_default()
    }

    /// Fold `keccak(h ‖ padded op)` from `EMPTY_STRING_KECCAK` over the ops that satisfy `pick`.
    fn fold(&self, ops: &[Op], pick: impl Fn(&Op) -> bool) -> B256 {
        ops.iter().filter(|o| pick(o)).fold(EMPTY_STRING_KECCAK, |h, o| keccak256([h.as_slice(), self.op_bytes(o)].concat()))
    }

    /// `onchainOpPubdataHash[c]`: fold over every listed op that touches chain `c`.
    pub fn onchain_op_pubdata_hash(&self, ops: &[Op], chain: u8) -> B256 {
        self.fold(ops, |o| o.touches(chain))
    }

    /// `pendingOnchainOperationsHash` of chain `c`: fold over its Withdraw and FullExit ops and the Mapping ops from or to it.
    pub fn pending_onchain_operations_hash(&self, ops: &[Op], chain: u8) -> B256 {
        self.fold(ops, |o| o.is_pending_on(chain))
    }

    /// `priorityOperations` of chain `c`: its Deposit and FullExit ops and the Mapping ops requested on it.
    pub fn priority_operations(ops: &[Op], chain: u8) -> u64 {
        ops.iter().filter(|o| o.is_priority_on(chain)).count() as u64
    }
}

/// The proof's public input: `commitment & (2^253 − 1)` (big-endian), as a field-sized integer.
///
/// # Examples
/// ```
/// use alloy_primitives::{B256, U256};
/// let x = zkbridge_light::protocol::public_input(&B256::repeat_byte(0xff));
/// assert_eq!(x, U256::MAX >> 3);
/// ```
pub fn public_input(commitment: &B256) -> U256 {
    U256::from_be_bytes(commitment.0) & (U256::MAX >> 3)
}

/// `syncHash(n) = keccak(syncHash(n−1) ‖ commitment)`, then `acc = keccak(acc ‖ opHash[c])` for every connected chain in
/// ascending chain id order.
///
/// # Examples
/// ```
/// use alloy_primitives::{keccak256, B256};
/// use std::collections::BTreeMap;
/// let (prev, cm, h1) = (B256::repeat_byte(1), B256::repeat_byte(2), B256::repeat_byte(3));
/// let start = keccak256([prev.as_slice(), cm.as_slice()].concat());
/// let by_chain = BTreeMap::from([(1u8, h1)]);
/// assert_eq!(zkbridge_light::protocol::next_sync_hash(&prev, &cm, &by_chain), keccak256([start.as_slice(), h1.as_slice()].concat()));
/// ```
pub fn next_sync_hash(prev: &B256, commitment: &B256, op_hashes_by_chain: &BTreeMap<u8, B256>) -> B256 {
    let start = keccak256([prev.as_slice(), commitment.as_slice()].concat());
    op_hashes_by_chain.values().fold(start, |acc, h| keccak256([acc.as_slice(), h.as_slice()].concat()))
}

/// One chain's values of a block: what its `StoredBlockInfo` carries besides the shared fields, and its op hash in the sync
/// hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainValues {
    /// Its priority ops in the block (Deposit, FullExit, Mapping requested on it).
    pub priority_operations: u64,
    /// Fold of its pending on-chain ops (Withdraw, FullExit, Mapping from or to it).
    pub pending_onchain_operations_hash: B256,
    /// Fold of every op that touches it (`onchainOpPubdataHash[c]`), an input of the sync hash.
    pub onchain_op_pubdata_hash: B256,
}

/// Everything recomputed from one block on top of its previous block, once: decoded ops, commitment, public input, each
/// connected chain's values and the sync hash. Built by [`DerivedBlock::compute`]; the verdict, the operator and the light
/// client read it instead of recomputing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedBlock {
    /// The block number.
    pub block_number: u32,
    /// The commitment (computable even when the ops do not decode, as long as the offsets are chunk boundaries).
    pub commitment: Option<B256>,
    /// `commitment & INPUT_MASK`.
    pub public_input: Option<U256>,
    /// The decoded on-chain ops, when the pubdata decodes and the listed offsets match them.
    pub ops: Option<Vec<Op>>,
    /// Per connected chain (ascending chain id), when the ops decode.
    pub chains: BTreeMap<u8, ChainValues>,
    /// The sync hash every chain must store, when the commitment and the ops are known.
    pub sync_hash: Option<B256>,
    /// Why something above is missing: the first error met (`BAD_PUBDATA`, `UNKNOWN_OP`).
    pub problem: Option<ProtocolError>,
}

impl DerivedBlock {
    /// Recomputes every value of `block` on top of `prev` for the connected `chains`.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::protocol::{BlockBuilder, DerivedBlock, MappingOp, Op, StoredBlockInfo, EMPTY_STRING_KECCAK};
    /// use alloy_primitives::{B256, U256};
    /// let prev = StoredBlockInfo { block_number: 0, priority_operations: 0, pending_onchain_operations_hash: EMPTY_STRING_KECCAK,
    ///     timestamp: U256::ZERO, state_hash: B256::repeat_byte(1), commitment: B256::ZERO, sync_hash: B256::ZERO };
    /// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [0x11; 20].into(), to: [0x22; 20].into(), token_id: 3,
    ///     amount: 5, fee: 0, nonce: 0, withdraw_fee: 0 };
    /// let block = BlockBuilder::new(1, 0, U256::from(7u8), B256::repeat_byte(2)).op(&Op::Mapping { offset: 0, op }, &[]).build();
    /// let d = DerivedBlock::compute(&prev, &block, &[1, 2]);
    /// assert!(d.problem.is_none());
    /// assert_eq!(d.chains[&1].priority_operations, 1);
    /// assert_eq!(d.stored_block_info(&block, 1).unwrap().commitment, d.commitment.unwrap());
    /// ```
    pub fn compute(prev: &StoredBlockInfo, block: &CommitBlockInfo, chains: &[u8]) -> Self {
        let (commitment, commitment_err) = match block.commitment(&prev.state_hash) {
            Ok(cm) => (Some(cm), None),
            Err(e) => (None, Some(e)),
        };
        let (ops, ops_err) = match block.decode_ops() {
            Ok(ops) => (Some(ops), None),
            Err(e) => (None, Some(e)),
        };
        let problem = ops_err.or(commitment_err);
        // Maps filled by `insert` (collecting into a BTreeMap pulls a stable sort into the .wasm).
        let mut per_chain = BTreeMap::new();
        let mut by_chain = BTreeMap::new();
        for c in chains.iter().filter(|_| ops.is_some()) {
            let ops = ops.as_deref().unwrap_or_default();
            let values = ChainValues {
                priority_operations: CommitBlockInfo::priority_operations(ops, *c),
                pending_onchain_operations_hash: block.pending_onchain_operations_hash(ops, *c),
                onchain_op_pubdata_hash: block.onchain_op_pubdata_hash(ops, *c),
            };
            by_chain.insert(*c, values.onchain_op_pubdata_hash);
            per_chain.insert(*c, values);
        }
        let sync_hash = commitment.filter(|_| ops.is_some()).map(|cm| next_sync_hash(&prev.sync_hash, &cm, &by_chain));
        Self {
            block_number: block.block_number,
            public_input: commitment.as_ref().map(public_input),
            commitment,
            ops,
            chains: per_chain,
            sync_hash,
            problem,
        }
    }

    /// What chain `chain_id` must store for the block (`None` when the block could not be fully recomputed; a chain that is
    /// not connected gets its values from the ops all the same).
    pub fn stored_block_info(&self, block: &CommitBlockInfo, chain_id: u8) -> Option<StoredBlockInfo> {
        let ops = self.ops.as_deref()?;
        Some(StoredBlockInfo {
            block_number: block.block_number,
            priority_operations: CommitBlockInfo::priority_operations(ops, chain_id),
            pending_onchain_operations_hash: block.pending_onchain_operations_hash(ops, chain_id),
            timestamp: block.timestamp,
            state_hash: block.new_state_hash,
            commitment: self.commitment?,
            sync_hash: self.sync_hash?,
        })
    }
}

/// What chain `chain_id` must have stored for `block` on top of `prev`, with `chains` the connected chains.
///
/// # Errors
/// `BAD_PUBDATA`, `UNKNOWN_OP` when the pubdata does not decode or its offsets do not match.
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{stored_block_info_for, CommitBlockInfo, StoredBlockInfo};
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blocks/verify-block.json");
/// let input: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
/// let prev = StoredBlockInfo::try_from(&input["prevBlock"]).unwrap();
/// let block = CommitBlockInfo::try_from(&input["block"]).unwrap();
/// let info = stored_block_info_for(&prev, &block, 1, &[1, 4, 7]).unwrap();
/// assert_eq!(info.priority_operations, 2); // the Mapping from chain 1 and a FullExit on chain 1
/// assert_eq!(format!("{:#x}", info.hash()), input["reports"][0]["storedBlockHash"].as_str().unwrap());
/// ```
pub fn stored_block_info_for(
    prev: &StoredBlockInfo,
    block: &CommitBlockInfo,
    chain_id: u8,
    chains: &[u8],
) -> Result<StoredBlockInfo, ProtocolError> {
    let derived = DerivedBlock::compute(prev, block, chains);
    match derived.problem {
        Some(e) => Err(e),
        None => derived.stored_block_info(block, chain_id).ok_or_else(|| ProtocolError::BadPubdata("not derivable".into())),
    }
}
