//! Block formats (`CommitBlockInfo`, `StoredBlockInfo`), the block commitment and the proof's public input, the stored-block
//! hash, the per-chain op hashes and the sync hash (zkLink `main` §1b formats, v2 §2b sync hash). See `docs/PROTOCOL.md`.

use super::json::{array_at, b256_at, bytes_at, u32_at, wide_at};
use super::pubdata::{decode_pubdata, Op, CHUNK_BYTES};
use crate::error::ProtocolError;
use alloy_primitives::{keccak256, Bytes, B256, U256};
use alloy_sol_types::{sol, SolValue};
use serde::Serialize;
use serde_json::Value;
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnchainOperationData {
    /// Carried, hashed nowhere.
    pub eth_witness: Bytes,
    /// Byte offset of the op in the pubdata (a multiple of 23).
    pub public_data_offset: u32,
}

/// The operator's commit input for one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitBlockInfo {
    /// The new state root (final_root).
    pub new_state_hash: B256,
    /// The pubdata (23-byte chunks).
    pub public_data: Bytes,
    /// Block timestamp.
    pub timestamp: U256,
    /// Every Deposit, Withdraw, FullExit and Mapping op of the pubdata.
    pub onchain_operations: Vec<OnchainOperationData>,
    /// Block number.
    pub block_number: u32,
    /// Fee account.
    pub fee_account: u32,
}

impl StoredBlockInfo {
    /// Reads the JSON shape (`{ blockNumber, priorityOperations, … }`).
    ///
    /// # Errors
    /// `MISSING_FIELD`, `INVALID_NUMBER`, `INVALID_HEX`, `INVALID_LENGTH`.
    pub fn from_json(v: &Value) -> Result<Self, ProtocolError> {
        Ok(Self {
            block_number: u32_at(v, "blockNumber")?,
            priority_operations: u64::try_from(wide_at(v, "priorityOperations", 64)?)
                .map_err(|_| ProtocolError::InvalidNumber("priorityOperations".into()))?,
            pending_onchain_operations_hash: b256_at(v, "pendingOnchainOperationsHash")?,
            timestamp: wide_at(v, "timestamp", 256)?,
            state_hash: b256_at(v, "stateHash")?,
            commitment: b256_at(v, "commitment")?,
            sync_hash: b256_at(v, "syncHash")?,
        })
    }

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
    /// Reads the JSON shape (`{ newStateHash, publicData, timestamp, onchainOperations, blockNumber, feeAccount }`).
    ///
    /// # Errors
    /// `MISSING_FIELD`, `INVALID_NUMBER`, `INVALID_HEX`, `INVALID_LENGTH`.
    pub fn from_json(v: &Value) -> Result<Self, ProtocolError> {
        let ops = array_at(v, "onchainOperations")?
            .iter()
            .map(|o| {
                Ok(OnchainOperationData {
                    eth_witness: match o.get("ethWitness") {
                        None | Some(Value::Null) => Bytes::new(),
                        Some(_) => bytes_at(o, "ethWitness")?,
                    },
                    public_data_offset: u32_at(o, "publicDataOffset")?,
                })
            })
            .collect::<Result<_, ProtocolError>>()?;
        Ok(Self {
            new_state_hash: b256_at(v, "newStateHash")?,
            public_data: bytes_at(v, "publicData")?,
            timestamp: wide_at(v, "timestamp", 256)?,
            onchain_operations: ops,
            block_number: u32_at(v, "blockNumber")?,
            fee_account: u32_at(v, "feeAccount")?,
        })
    }

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
/// let prev = StoredBlockInfo::from_json(&input["prevBlock"]).unwrap();
/// let block = CommitBlockInfo::from_json(&input["block"]).unwrap();
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
    let ops = block.decode_ops()?;
    let commitment = block.commitment(&prev.state_hash)?;
    let by_chain: BTreeMap<u8, B256> = chains.iter().map(|c| (*c, block.onchain_op_pubdata_hash(&ops, *c))).collect();
    Ok(StoredBlockInfo {
        block_number: block.block_number,
        priority_operations: CommitBlockInfo::priority_operations(&ops, chain_id),
        pending_onchain_operations_hash: block.pending_onchain_operations_hash(&ops, chain_id),
        timestamp: block.timestamp,
        state_hash: block.new_state_hash,
        commitment,
        sync_hash: next_sync_hash(&prev.sync_hash, &commitment, &by_chain),
    })
}

/// Reads a list of chain ids (numbers or decimal strings, each a `uint8`).
///
/// # Errors
/// `MISSING_FIELD`, `INVALID_NUMBER`.
pub fn chains_from_json(v: &Value, key: &str) -> Result<Vec<u8>, ProtocolError> {
    let arr = v.as_array().ok_or_else(|| ProtocolError::MissingField(format!("{key} (expected an array)")))?;
    arr.iter().map(|c| super::json::parse_chain_id(c, key)).collect()
}

/// Reads `{ "1": "0x…", "4": "0x…" }` (keys are chain ids).
///
/// # Errors
/// `MISSING_FIELD`, `INVALID_NUMBER`, `INVALID_HEX`, `INVALID_LENGTH`.
pub fn op_hashes_from_json(v: &Value) -> Result<BTreeMap<u8, B256>, ProtocolError> {
    let obj = v.as_object().ok_or_else(|| ProtocolError::MissingField("opHashesByChain (expected an object)".into()))?;
    obj.iter()
        .map(|(k, h)| {
            let c = super::json::parse_chain_id(&Value::String(k.clone()), "opHashesByChain key")?;
            Ok((c, super::json::b256_of(h, &format!("opHashesByChain[{k}]"))?))
        })
        .collect()
}
