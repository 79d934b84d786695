//! Block pubdata: 23-byte chunks, the op layouts of zkLink `main` (Deposit, Withdraw, FullExit) and the Token Bridge's
//! Mapping op (`opType = 14`, the v1 field list). Big-endian; see `docs/PROTOCOL.md` §3.

use crate::error::ProtocolError;
use alloy_primitives::{Address, B256};
use serde::Serialize;

/// Bytes per pubdata chunk.
pub const CHUNK_BYTES: usize = 23;
/// Op type bytes.
pub const NOOP: u8 = 0;
/// Deposit op type.
pub const DEPOSIT: u8 = 1;
/// Withdraw op type.
pub const WITHDRAW: u8 = 3;
/// FullExit op type.
pub const FULL_EXIT: u8 = 5;
/// Mapping (Token Bridge burn → mint) op type.
pub const MAPPING: u8 = 14;
/// Padded size of a Mapping op (4 chunks); 83 bytes are significant.
pub const MAPPING_BYTES: usize = 4 * CHUNK_BYTES;
/// Significant bytes of a Mapping op.
pub const MAPPING_SIG_BYTES: usize = 83;

/// The Token Bridge's Mapping op: a burn on `fromChainId`, a mint on `toChainId`. Its amount is in 18 decimals and named
/// `l2Amount` wherever an op is serialized (token units appear only where the deployment is known: a mint's `amount`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingOp {
    /// zkLink chain id where the tokens are burnt.
    pub from_chain_id: u8,
    /// zkLink chain id where the tokens are minted.
    pub to_chain_id: u8,
    /// The `_zkLinkAddress` of the `mappingToken` call.
    #[serde(serialize_with = "checksummed")]
    pub owner: Address,
    /// The recipient on the destination chain.
    #[serde(serialize_with = "checksummed")]
    pub to: Address,
    /// Global token id.
    pub token_id: u16,
    /// Amount, 18 decimals (`u128`); `l2Amount` in JSON.
    #[serde(rename = "l2Amount", serialize_with = "dec")]
    pub amount: u128,
    /// Operator fee, 18 decimals (0 in the request).
    #[serde(serialize_with = "dec")]
    pub fee: u128,
    /// The user's nonce.
    pub nonce: u32,
    /// Withdraw fee in basis points (< 10000).
    pub withdraw_fee: u16,
}

fn checksummed<S: serde::Serializer>(a: &Address, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&a.to_checksum(None))
}

fn dec<S: serde::Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

/// A decoded on-chain op, tagged `opType` as `decodePubdata` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "opType", rename_all_fields = "camelCase")]
pub enum Op {
    /// zkLink `main` Deposit (69 bytes).
    Deposit {
        /// Byte offset in the pubdata.
        offset: usize,
        /// zkLink chain id.
        chain_id: u8,
        /// Sub-account.
        sub_account_id: u8,
        /// Token id.
        token_id: u16,
        /// Target token id.
        target_token_id: u16,
        /// Amount (18 decimals).
        #[serde(serialize_with = "dec")]
        amount: u128,
        /// L2 owner (bytes32).
        owner: B256,
        /// Account id.
        account_id: u32,
    },
    /// zkLink `main` Withdraw (115 bytes).
    Withdraw {
        /// Byte offset in the pubdata.
        offset: usize,
        /// zkLink chain id.
        chain_id: u8,
        /// Account id.
        account_id: u32,
        /// Sub-account.
        sub_account_id: u8,
        /// Token id.
        token_id: u16,
        /// Source token id.
        src_token_id: u16,
        /// Amount (18 decimals).
        #[serde(serialize_with = "dec")]
        amount: u128,
        /// Data hash.
        data_hash: B256,
        /// Packed fee.
        fee: u16,
        /// L1 owner.
        #[serde(serialize_with = "checksummed")]
        owner: Address,
        /// Nonce.
        nonce: u32,
        /// Fast-withdraw fee rate.
        fast_withdraw_fee_rate: u16,
        /// Withdraw to L1 flag.
        withdraw_to_l1: u8,
    },
    /// zkLink `main` FullExit (69 bytes).
    FullExit {
        /// Byte offset in the pubdata.
        offset: usize,
        /// zkLink chain id.
        chain_id: u8,
        /// Account id.
        account_id: u32,
        /// Sub-account.
        sub_account_id: u8,
        /// L1 owner.
        #[serde(serialize_with = "checksummed")]
        owner: Address,
        /// Token id.
        token_id: u16,
        /// Source token id.
        src_token_id: u16,
        /// Amount (18 decimals).
        #[serde(serialize_with = "dec")]
        amount: u128,
    },
    /// The Token Bridge's Mapping op (92 bytes).
    Mapping {
        /// Byte offset in the pubdata.
        offset: usize,
        /// The op's fields.
        #[serde(flatten)]
        op: MappingOp,
    },
}

impl Op {
    /// Byte offset of the op in the pubdata.
    pub const fn offset(&self) -> usize {
        match self {
            Self::Deposit { offset, .. }
            | Self::Withdraw { offset, .. }
            | Self::FullExit { offset, .. }
            | Self::Mapping { offset, .. } => *offset,
        }
    }

    /// Padded size in bytes.
    pub const fn size(&self) -> usize {
        match self {
            Self::Deposit { .. } | Self::FullExit { .. } => 3 * CHUNK_BYTES,
            Self::Withdraw { .. } => 5 * CHUNK_BYTES,
            Self::Mapping { .. } => MAPPING_BYTES,
        }
    }

    /// Whether the op touches chain `c` (Mapping: both ends).
    pub const fn touches(&self, c: u8) -> bool {
        match self {
            Self::Deposit { chain_id, .. } | Self::Withdraw { chain_id, .. } | Self::FullExit { chain_id, .. } => *chain_id == c,
            Self::Mapping { op, .. } => op.from_chain_id == c || op.to_chain_id == c,
        }
    }

    /// Whether the op is a priority operation requested on chain `c` (Deposit, FullExit; Mapping on `fromChainId`).
    pub const fn is_priority_on(&self, c: u8) -> bool {
        match self {
            Self::Deposit { chain_id, .. } | Self::FullExit { chain_id, .. } => *chain_id == c,
            Self::Mapping { op, .. } => op.from_chain_id == c,
            Self::Withdraw { .. } => false,
        }
    }

    /// Whether the op is pending execution on chain `c` (Withdraw, FullExit; Mapping on either end).
    pub const fn is_pending_on(&self, c: u8) -> bool {
        match self {
            Self::Withdraw { chain_id, .. } | Self::FullExit { chain_id, .. } => *chain_id == c,
            Self::Mapping { op, .. } => op.from_chain_id == c || op.to_chain_id == c,
            Self::Deposit { .. } => false,
        }
    }
}

/// A big-endian reader over one op's bytes (bounds already checked by the caller; reads past the end give zeros).
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&self, at: usize) -> [u8; N] {
        let mut out = [0u8; N];
        if let Some(src) = self.0.get(at..at.saturating_add(N)) {
            out.copy_from_slice(src);
        }
        out
    }
    fn u8(&self, at: usize) -> u8 {
        self.take::<1>(at)[0]
    }
    fn u16(&self, at: usize) -> u16 {
        u16::from_be_bytes(self.take(at))
    }
    fn u32(&self, at: usize) -> u32 {
        u32::from_be_bytes(self.take(at))
    }
    fn u128(&self, at: usize) -> u128 {
        u128::from_be_bytes(self.take(at))
    }
    fn address(&self, at: usize) -> Address {
        Address::from(self.take::<20>(at))
    }
    fn b256(&self, at: usize) -> B256 {
        B256::from(self.take::<32>(at))
    }
}

/// Decodes a Mapping op from its 83 significant bytes or its 92-byte padded form (padding must be zero).
///
/// # Errors
/// `BAD_PUBDATA` for another length, another op type, or non-zero padding.
pub fn decode_mapping_op(bytes: &[u8]) -> Result<MappingOp, ProtocolError> {
    if bytes.len() != MAPPING_SIG_BYTES && bytes.len() != MAPPING_BYTES {
        return Err(ProtocolError::BadPubdata(format!("a Mapping op is 83 or 92 bytes, got {}", bytes.len())));
    }
    if bytes.get(MAPPING_SIG_BYTES..).is_some_and(|pad| pad.iter().any(|b| *b != 0)) {
        return Err(ProtocolError::BadPubdata("non-zero padding after the Mapping op".into()));
    }
    let r = Reader(bytes);
    if r.u8(0) != MAPPING {
        return Err(ProtocolError::BadPubdata(format!("op type {} is not Mapping ({MAPPING})", r.u8(0))));
    }
    Ok(MappingOp {
        from_chain_id: r.u8(1),
        to_chain_id: r.u8(2),
        owner: r.address(3),
        to: r.address(23),
        token_id: r.u16(43),
        amount: r.u128(45),
        fee: r.u128(61),
        nonce: r.u32(77),
        withdraw_fee: r.u16(81),
    })
}

/// Writes `parts` one after the other into `out` from byte `at` (bytes past the end are dropped; callers size `out`).
fn put(out: &mut [u8], mut at: usize, parts: &[&[u8]]) {
    for p in parts {
        if let Some(dst) = out.get_mut(at..at.saturating_add(p.len())) {
            dst.copy_from_slice(p);
        }
        at = at.saturating_add(p.len());
    }
}

/// Encodes a Mapping op: 83 significant bytes, zero-padded to 92.
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{decode_mapping_op, encode_mapping_op, MappingOp};
/// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [0x11; 20].into(), to: [0x22; 20].into(), token_id: 3,
///     amount: 12_500_000_000_000_000_000, fee: 0, nonce: 7, withdraw_fee: 10 };
/// let bytes = encode_mapping_op(&op);
/// assert_eq!(bytes.len(), 92);
/// assert_eq!(bytes[0], 14);
/// assert_eq!(decode_mapping_op(&bytes).unwrap(), op);
/// ```
pub fn encode_mapping_op(op: &MappingOp) -> [u8; MAPPING_BYTES] {
    let mut out = [0u8; MAPPING_BYTES];
    put(
        &mut out,
        0,
        &[
            &[MAPPING, op.from_chain_id, op.to_chain_id],
            op.owner.as_slice(),
            op.to.as_slice(),
            &op.token_id.to_be_bytes(),
            &op.amount.to_be_bytes(),
            &op.fee.to_be_bytes(),
            &op.nonce.to_be_bytes(),
            &op.withdraw_fee.to_be_bytes(),
        ],
    );
    out
}

/// Encodes any on-chain op in its padded pubdata form (the `offset` field is not encoded; it is where the op lands).
/// The inverse of [`decode_pubdata`] for one op.
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{decode_pubdata, encode_op, Op};
/// let op = Op::FullExit { offset: 0, chain_id: 1, account_id: 42, sub_account_id: 1, owner: [0xcd; 20].into(),
///     token_id: 6, src_token_id: 6, amount: 77 };
/// let bytes = encode_op(&op);
/// assert_eq!(bytes.len(), 69);
/// assert_eq!(decode_pubdata(&bytes).unwrap(), vec![op]);
/// ```
pub fn encode_op(op: &Op) -> Vec<u8> {
    let mut out = vec![0u8; op.size()];
    match op {
        Op::Deposit { chain_id, sub_account_id, token_id, target_token_id, amount, owner, account_id, .. } => put(
            &mut out,
            0,
            &[
                &[DEPOSIT, *chain_id, *sub_account_id],
                &token_id.to_be_bytes(),
                &target_token_id.to_be_bytes(),
                &amount.to_be_bytes(),
                owner.as_slice(),
                &account_id.to_be_bytes(),
            ],
        ),
        Op::Withdraw {
            chain_id,
            account_id,
            sub_account_id,
            token_id,
            src_token_id,
            amount,
            data_hash,
            fee,
            owner,
            nonce,
            fast_withdraw_fee_rate,
            withdraw_to_l1,
            ..
        } => put(
            &mut out,
            0,
            &[
                &[WITHDRAW, *chain_id],
                &account_id.to_be_bytes(),
                &[*sub_account_id],
                &token_id.to_be_bytes(),
                &src_token_id.to_be_bytes(),
                &amount.to_be_bytes(),
                data_hash.as_slice(),
                &fee.to_be_bytes(),
                &[0u8; 12],
                owner.as_slice(),
                &nonce.to_be_bytes(),
                &fast_withdraw_fee_rate.to_be_bytes(),
                &[*withdraw_to_l1],
            ],
        ),
        Op::FullExit { chain_id, account_id, sub_account_id, owner, token_id, src_token_id, amount, .. } => put(
            &mut out,
            0,
            &[
                &[FULL_EXIT, *chain_id],
                &account_id.to_be_bytes(),
                &[*sub_account_id],
                &[0u8; 12],
                owner.as_slice(),
                &token_id.to_be_bytes(),
                &src_token_id.to_be_bytes(),
                &amount.to_be_bytes(),
            ],
        ),
        Op::Mapping { op, .. } => out.copy_from_slice(&encode_mapping_op(op)),
    }
    out
}

/// The Mapping ops (burns) of block pubdata, in order.
///
/// # Errors
/// As [`decode_pubdata`].
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{decode_mapping_ops, encode_mapping_op, MappingOp};
/// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [1; 20].into(), to: [2; 20].into(), token_id: 1, amount: 5,
///     fee: 0, nonce: 0, withdraw_fee: 0 };
/// let data = [vec![0u8; 23], encode_mapping_op(&op).to_vec()].concat();
/// assert_eq!(decode_mapping_ops(&data).unwrap(), vec![op]);
/// ```
pub fn decode_mapping_ops(data: &[u8]) -> Result<Vec<MappingOp>, ProtocolError> {
    Ok(decode_pubdata(data)?
        .into_iter()
        .filter_map(|o| match o {
            Op::Mapping { op, .. } => Some(op),
            _ => None,
        })
        .collect())
}

/// Decodes block pubdata into its non-Noop ops, in order.
///
/// # Errors
/// `BAD_PUBDATA` when the length is not a multiple of 23, an op is cut short, or a byte its layout leaves zero is not;
/// `UNKNOWN_OP` for another op type.
pub fn decode_pubdata(data: &[u8]) -> Result<Vec<Op>, ProtocolError> {
    if data.len() % CHUNK_BYTES != 0 {
        return Err(ProtocolError::BadPubdata(format!("length {} is not a multiple of {CHUNK_BYTES}", data.len())));
    }
    let mut ops = Vec::new();
    let mut offset = 0usize;
    while let Some(&op_type) = data.get(offset) {
        let size = match op_type {
            NOOP => CHUNK_BYTES,
            DEPOSIT | FULL_EXIT => 3 * CHUNK_BYTES,
            WITHDRAW => 5 * CHUNK_BYTES,
            MAPPING => MAPPING_BYTES,
            _ => return Err(ProtocolError::UnknownOp { op_type, offset }),
        };
        let bytes = data
            .get(offset..offset.saturating_add(size))
            .ok_or_else(|| ProtocolError::BadPubdata(format!("op at byte {offset} is cut short")))?;
        // Every byte the layout leaves zero must be zero (§3): the op hashes and the commitment cover them, so a block
        // whose bytes say more than its fields is refused rather than read past.
        let zero: &[(usize, usize)] = match op_type {
            NOOP => &[(1, CHUNK_BYTES)],
            DEPOSIT => &[(59, 3 * CHUNK_BYTES)],
            WITHDRAW => &[(61, 73), (100, 5 * CHUNK_BYTES)],
            FULL_EXIT => &[(7, 19), (59, 3 * CHUNK_BYTES)],
            _ => &[],
        };
        if zero.iter().any(|&(from, to)| bytes.get(from..to).is_some_and(|z| z.iter().any(|b| *b != 0))) {
            return Err(ProtocolError::BadPubdata(format!("op at byte {offset}: non-zero bytes where the layout has zeros")));
        }
        let r = Reader(bytes);
        let op = match op_type {
            DEPOSIT => Some(Op::Deposit {
                offset,
                chain_id: r.u8(1),
                sub_account_id: r.u8(2),
                token_id: r.u16(3),
                target_token_id: r.u16(5),
                amount: r.u128(7),
                owner: r.b256(23),
                account_id: r.u32(55),
            }),
            WITHDRAW => Some(Op::Withdraw {
                offset,
                chain_id: r.u8(1),
                account_id: r.u32(2),
                sub_account_id: r.u8(6),
                token_id: r.u16(7),
                src_token_id: r.u16(9),
                amount: r.u128(11),
                data_hash: r.b256(27),
                fee: r.u16(59),
                owner: r.address(73),
                nonce: r.u32(93),
                fast_withdraw_fee_rate: r.u16(97),
                withdraw_to_l1: r.u8(99),
            }),
            FULL_EXIT => Some(Op::FullExit {
                offset,
                chain_id: r.u8(1),
                account_id: r.u32(2),
                sub_account_id: r.u8(6),
                owner: r.address(19),
                token_id: r.u16(39),
                src_token_id: r.u16(41),
                amount: r.u128(43),
            }),
            MAPPING => Some(Op::Mapping { offset, op: decode_mapping_op(bytes)? }),
            _ => None,
        };
        ops.extend(op);
        offset = offset.saturating_add(size);
    }
    Ok(ops)
}
