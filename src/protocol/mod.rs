//! The block model and the light client's core check: block formats, commitment, public input, stored-block hash, per-chain
//! op hashes, sync hash, pubdata (with the Token Bridge's Mapping op), the block builder, and the staged verdict. The one
//! spec is `docs/PROTOCOL.md`.

mod block;
mod builder;
mod pubdata;
mod verdict;

pub use block::{
    next_sync_hash, public_input, stored_block_info_for, ChainValues, CommitBlockInfo, DerivedBlock, OnchainOperationData,
    StoredBlockInfo, EMPTY_STRING_KECCAK,
};
pub use builder::BlockBuilder;
pub use pubdata::{
    decode_mapping_op, decode_mapping_ops, decode_pubdata, encode_mapping_op, encode_op, MappingOp, Op, CHUNK_BYTES, DEPOSIT,
    FULL_EXIT, MAPPING, MAPPING_BYTES, MAPPING_SIG_BYTES, NOOP, WITHDRAW,
};
pub(crate) use verdict::verify_block_proven;
pub use verdict::{
    verify_block, verify_blocks, BlockCheck, BlockData, BlocksCheck, BlocksVerdict, Burn, Finding, FindingCode, Report, Stage,
    StageName, Verdict,
};
