//! The block builder: a `CommitBlockInfo` from a list of ops, with the pubdata laid out in order and every on-chain op's
//! offset listed, as the operator builds blocks.

use super::block::{CommitBlockInfo, OnchainOperationData};
use super::pubdata::{encode_op, Op, CHUNK_BYTES};
use alloy_primitives::{Bytes, B256, U256};

/// Builds a block op by op. Ops go into the pubdata in the order given; a Noop is one zero chunk.
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{decode_pubdata, BlockBuilder, MappingOp, Op};
/// use alloy_primitives::{B256, U256};
/// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [0x11; 20].into(), to: [0x22; 20].into(), token_id: 3,
///     amount: 5, fee: 0, nonce: 0, withdraw_fee: 0 };
/// let block = BlockBuilder::new(7, 0, U256::from(1_700_000_000u64), B256::repeat_byte(9))
///     .noop()
///     .op(&Op::Mapping { offset: 0, op: op.clone() }, &[])
///     .build();
/// assert_eq!(block.onchain_operations[0].public_data_offset, 23);
/// assert_eq!(decode_pubdata(&block.public_data).unwrap(), vec![Op::Mapping { offset: 23, op }]);
/// ```
#[derive(Debug, Clone)]
pub struct BlockBuilder {
    block_number: u32,
    fee_account: u32,
    timestamp: U256,
    new_state_hash: B256,
    public_data: Vec<u8>,
    onchain_operations: Vec<OnchainOperationData>,
}

impl BlockBuilder {
    /// A block with no ops yet.
    pub const fn new(block_number: u32, fee_account: u32, timestamp: U256, new_state_hash: B256) -> Self {
        Self { block_number, fee_account, timestamp, new_state_hash, public_data: Vec::new(), onchain_operations: Vec::new() }
    }

    /// Appends one Noop chunk.
    #[must_use]
    pub fn noop(mut self) -> Self {
        self.public_data.extend([0u8; CHUNK_BYTES]);
        self
    }

    /// Appends an on-chain op (its `offset` field is ignored: the op lands at the current end of the pubdata) and lists its
    /// offset with `eth_witness` (carried, hashed nowhere).
    #[must_use]
    pub fn op(mut self, op: &Op, eth_witness: &[u8]) -> Self {
        let offset = u32::try_from(self.public_data.len()).unwrap_or(u32::MAX);
        self.onchain_operations
            .push(OnchainOperationData { eth_witness: Bytes::copy_from_slice(eth_witness), public_data_offset: offset });
        self.public_data.extend(encode_op(op));
        self
    }

    /// The ops' byte size so far.
    pub fn len(&self) -> usize {
        self.public_data.len()
    }

    /// Whether nothing was appended yet.
    pub fn is_empty(&self) -> bool {
        self.public_data.is_empty()
    }

    /// The finished block.
    pub fn build(self) -> CommitBlockInfo {
        CommitBlockInfo {
            new_state_hash: self.new_state_hash,
            public_data: self.public_data.into(),
            timestamp: self.timestamp,
            onchain_operations: self.onchain_operations,
            block_number: self.block_number,
            fee_account: self.fee_account,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{decode_pubdata, DerivedBlock, MappingOp, StoredBlockInfo, EMPTY_STRING_KECCAK};
    use alloy_primitives::Address;

    fn every_op() -> Vec<Op> {
        let mapping = MappingOp {
            from_chain_id: 1,
            to_chain_id: 4,
            owner: Address::repeat_byte(0x5a),
            to: Address::repeat_byte(0xfb),
            token_id: 3,
            amount: 12_500_000_000_000_000_000,
            fee: 1_000_000_000_000_000,
            nonce: 7,
            withdraw_fee: 10,
        };
        vec![
            Op::Deposit {
                offset: 0,
                chain_id: 4,
                sub_account_id: 2,
                token_id: 5,
                target_token_id: 6,
                amount: u128::MAX,
                owner: B256::repeat_byte(0xab),
                account_id: 42,
            },
            Op::Withdraw {
                offset: 0,
                chain_id: 7,
                account_id: u32::MAX,
                sub_account_id: 2,
                token_id: 7,
                src_token_id: 8,
                amount: 5_000,
                data_hash: B256::repeat_byte(0xee),
                fee: 3,
                owner: Address::repeat_byte(0xef),
                nonce: 9,
                fast_withdraw_fee_rate: 25,
                withdraw_to_l1: 1,
            },
            Op::FullExit {
                offset: 0,
                chain_id: 1,
                account_id: 42,
                sub_account_id: 1,
                owner: Address::repeat_byte(0xcd),
                token_id: 6,
                src_token_id: 6,
                amount: 77,
            },
            Op::Mapping { offset: 0, op: mapping },
        ]
    }

    fn at(op: &Op, offset: usize) -> Op {
        let mut op = op.clone();
        match &mut op {
            Op::Deposit { offset: o, .. }
            | Op::Withdraw { offset: o, .. }
            | Op::FullExit { offset: o, .. }
            | Op::Mapping { offset: o, .. } => *o = offset,
        }
        op
    }

    #[test]
    fn every_op_type_round_trips() {
        for op in every_op() {
            let bytes = encode_op(&op);
            assert_eq!(bytes.len(), op.size());
            assert_eq!(decode_pubdata(&bytes).unwrap(), vec![op.clone()], "{op:?}");
            // Negative twin: one flipped field byte decodes to another op.
            let mut flipped = bytes.clone();
            flipped[1] ^= 1;
            assert_ne!(decode_pubdata(&flipped).unwrap(), vec![op]);
        }
    }

    #[test]
    fn builder_lays_out_ops_and_offsets() {
        let ops = every_op();
        let mut b = BlockBuilder::new(2, 3, U256::from(5u8), B256::repeat_byte(0x44)).noop();
        for op in &ops {
            b = b.op(op, &[0x99, 2]).noop();
        }
        let block = b.build();
        let decoded = block.decode_ops().unwrap();
        let mut offset = CHUNK_BYTES;
        for (want, got) in ops.iter().zip(&decoded) {
            assert_eq!(&at(want, offset), got);
            offset += want.size() + CHUNK_BYTES;
        }
        assert_eq!(decoded.len(), ops.len());
        assert_eq!(block.public_data.len(), offset);
        let prev = StoredBlockInfo {
            block_number: 1,
            priority_operations: 0,
            pending_onchain_operations_hash: EMPTY_STRING_KECCAK,
            timestamp: U256::ZERO,
            state_hash: B256::repeat_byte(0x11),
            commitment: B256::ZERO,
            sync_hash: B256::ZERO,
        };
        let d = DerivedBlock::compute(&prev, &block, &[1, 4, 7]);
        assert!(d.problem.is_none());
        // Negative twin: an offset that is not listed is refused.
        let mut missing = block.clone();
        missing.onchain_operations.pop();
        assert_eq!(DerivedBlock::compute(&prev, &missing, &[1, 4, 7]).problem.unwrap().code(), "BAD_PUBDATA");
    }
}
