//! The block model and the light client's core check: block formats, commitment, public input, stored-block hash, per-chain
//! op hashes, sync hash, pubdata (with the Token Bridge's Mapping op), and the staged verdict. The one spec is
//! `docs/PROTOCOL.md`.

mod block;
pub(crate) mod json;
mod pubdata;
mod verdict;

pub use block::{
    chains_from_json, next_sync_hash, op_hashes_from_json, public_input, stored_block_info_for, CommitBlockInfo,
    OnchainOperationData, StoredBlockInfo, EMPTY_STRING_KECCAK,
};
pub use json::{parse_address, parse_b256, parse_bytes, parse_chain_id};
pub use pubdata::{
    decode_mapping_op, decode_pubdata, encode_mapping_op, MappingOp, Op, CHUNK_BYTES, DEPOSIT, FULL_EXIT, MAPPING, MAPPING_BYTES,
    MAPPING_SIG_BYTES, NOOP, WITHDRAW,
};
pub use verdict::{verify_block, verify_blocks, BlocksVerdict, Burn, Finding, Report, Stage, Verdict};
