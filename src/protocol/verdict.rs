//! `verify_block` / `verify_blocks`: may a block that carries a burn be executed on the destination chain? Four stages, in
//! order: commit → zkVerify → consensus → execute. Every value the decision rests on is recomputed from the block data
//! ([`DerivedBlock`]); nothing reported by a chain is trusted beyond what it is compared against.

use super::block::{CommitBlockInfo, DerivedBlock, StoredBlockInfo};
use super::pubdata::{MappingOp, Op};
use crate::groth16::Groth16Verifier;
use alloy_primitives::B256;
use ark_bn254::{Bn254, Fr};
use ark_groth16::Proof;
use serde::Serialize;

/// One chain's report: what its contract stored for the block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// zkLink chain id.
    pub chain_id: u8,
    /// The `StoredBlockInfo` it stored for block n.
    pub stored_block: StoredBlockInfo,
    /// Its `storedBlockHashes(n)`.
    pub stored_block_hash: B256,
    /// Its `totalBlocksSynchronized()`.
    pub total_blocks_synchronized: u32,
}

/// The tracked burn: a Mapping op whose `fromChainId, toChainId, owner, to, tokenId, amount, nonce` must all match an op of
/// the block (`fee` and `withdrawFee` are not compared; the operator sets the fee).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Burn(pub MappingOp);

impl Burn {
    /// Whether `op` is this burn.
    pub fn matches(&self, op: &Op) -> bool {
        matches!(op, Op::Mapping { op, .. } if self.is(op))
    }

    /// Whether the Mapping op `op` is this burn (every field but `fee` and `withdrawFee`).
    pub fn is(&self, op: &MappingOp) -> bool {
        let b = &self.0;
        op.from_chain_id == b.from_chain_id
            && op.to_chain_id == b.to_chain_id
            && op.owner == b.owner
            && op.to == b.to
            && op.token_id == b.token_id
            && op.amount == b.amount
            && op.nonce == b.nonce
    }
}

/// Everything one block's verdict rests on, as Rust values (the JSON reader is `crate::json`).
#[derive(Debug, Clone)]
pub struct BlockCheck {
    /// The prepared verifying key (one public input).
    pub verifier: Groth16Verifier,
    /// The block's proof.
    pub proof: Proof<Bn254>,
    /// The block before it, as the client knows it.
    pub prev: StoredBlockInfo,
    /// The block data (the operator's commit input).
    pub block: CommitBlockInfo,
    /// The connected chains.
    pub chains: Vec<u8>,
    /// What each chain stored.
    pub reports: Vec<Report>,
    /// The chain that must have synchronized the block (defaults to the burn's `toChainId`).
    pub destination: Option<u8>,
    /// The burn that must be in the block.
    pub burn: Option<Burn>,
}

/// One block of a [`BlocksCheck`].
#[derive(Debug, Clone)]
pub struct BlockData {
    /// The block data.
    pub block: CommitBlockInfo,
    /// Its proof.
    pub proof: Proof<Bn254>,
    /// What each chain stored for it.
    pub reports: Vec<Report>,
}

/// Consecutive blocks on top of `prev`.
#[derive(Debug, Clone)]
pub struct BlocksCheck {
    /// The prepared verifying key (one public input).
    pub verifier: Groth16Verifier,
    /// The connected chains.
    pub chains: Vec<u8>,
    /// The block before the first one.
    pub prev: StoredBlockInfo,
    /// The blocks, in order.
    pub blocks: Vec<BlockData>,
    /// The chain that must have synchronized the blocks (defaults to the burn's `toChainId`).
    pub destination: Option<u8>,
    /// The burn that must be in one of the blocks.
    pub burn: Option<Burn>,
}

/// A verdict's stage, serialized as `commit`, `zkVerify`, `consensus`, `execute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum StageName {
    /// The light client's reads: the endpoints of each chain agree (`BridgeClient` only).
    Reads,
    /// The block data against what each chain committed.
    Commit,
    /// The proof against the recomputed public input.
    ZkVerify,
    /// The chains agree with each other and with the recomputed values.
    Consensus,
    /// The destination may execute.
    Execute,
    /// The destination minted the burn (a tracked burn's verdict only: `BridgeClient::mint`).
    Mint,
}

/// A finding's code, serialized as its `SCREAMING_SNAKE_CASE` name (e.g. `ROOT_MISMATCH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingCode {
    /// The pubdata does not decode, or its listed offsets do not match its ops.
    BadPubdata,
    /// A chain's `storedBlockHashes(n)` is not the keccak of the `StoredBlockInfo` it reported.
    StoredHashMismatch,
    /// A chain stored another commitment than the recomputed one.
    CommitmentMismatch,
    /// A chain reported another block number.
    BlockNumberMismatch,
    /// A chain's priority-op count, pending-op hash or timestamp differs from the block's.
    ChainOpsMismatch,
    /// The proof does not verify with the recomputed public input.
    ProofInvalid,
    /// A chain stored another sync hash than the recomputed one.
    SyncHashMismatch,
    /// A chain stored another root than the block's.
    RootMismatch,
    /// A report from a chain that is not connected.
    UnknownChain,
    /// A chain reported twice.
    DuplicateChain,
    /// Fewer than two distinct chains reported.
    TooFewChains,
    /// The block's root is zero.
    ZeroRoot,
    /// The previous block is not block n − 1, or could not be recomputed.
    NotLinked,
    /// Not judged because an earlier block of the same `verify_blocks` call could not be recomputed.
    NotReached,
    /// No destination, or no report from it.
    NoDestination,
    /// The destination has not synchronized the block.
    NotSynchronized,
    /// No Mapping op of the block(s) has exactly the burn's fields.
    BurnNotInBlock,
    /// Two endpoints of one chain answered differently at the same EVM block (`reads` stage).
    RpcDisagreement,
    /// A warning: the chain is read from one endpoint only.
    SingleEndpoint,
    /// A warning: blocks this client had verified were rolled back because the chains no longer store them (a reorg), and
    /// judged again from the chains.
    Reorg,
    /// A chain's `commitBlocks` calldata for block n is not the block data judged (read from the first chain that has it).
    BlockDataMismatch,
    /// A chain's `proveBlocks` calldata for block n carries another proof than the one judged (read from the first chain
    /// that has it).
    ProofMismatch,
    /// The destination's `MappingMinted` log for the burn is not the bridge's, is removed, or does not pay the op's recipient
    /// the op's amount of the op's token (or there are several).
    MintMismatch,
    /// The first connected chain's `storedBlockHashes(n − 1)` is not the hash of the verified block n − 1 the judgement
    /// rests on (the checkpoint): the chain no longer stores it (a reorg), or the checkpoint is not the chain's.
    CheckpointMismatch,
}

impl FindingCode {
    /// Every finding code.
    pub const ALL: [Self; 24] = [
        Self::BadPubdata,
        Self::StoredHashMismatch,
        Self::CommitmentMismatch,
        Self::BlockNumberMismatch,
        Self::ChainOpsMismatch,
        Self::ProofInvalid,
        Self::SyncHashMismatch,
        Self::RootMismatch,
        Self::UnknownChain,
        Self::DuplicateChain,
        Self::TooFewChains,
        Self::ZeroRoot,
        Self::NotLinked,
        Self::NotReached,
        Self::NoDestination,
        Self::NotSynchronized,
        Self::BurnNotInBlock,
        Self::RpcDisagreement,
        Self::SingleEndpoint,
        Self::BlockDataMismatch,
        Self::ProofMismatch,
        Self::CheckpointMismatch,
        Self::MintMismatch,
        Self::Reorg,
    ];

    /// The code string, e.g. `"ROOT_MISMATCH"`.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::protocol::FindingCode;
    /// assert_eq!(FindingCode::RootMismatch.as_str(), "ROOT_MISMATCH");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::BadPubdata => "BAD_PUBDATA",
            Self::StoredHashMismatch => "STORED_HASH_MISMATCH",
            Self::CommitmentMismatch => "COMMITMENT_MISMATCH",
            Self::BlockNumberMismatch => "BLOCK_NUMBER_MISMATCH",
            Self::ChainOpsMismatch => "CHAIN_OPS_MISMATCH",
            Self::ProofInvalid => "PROOF_INVALID",
            Self::SyncHashMismatch => "SYNC_HASH_MISMATCH",
            Self::RootMismatch => "ROOT_MISMATCH",
            Self::UnknownChain => "UNKNOWN_CHAIN",
            Self::DuplicateChain => "DUPLICATE_CHAIN",
            Self::TooFewChains => "TOO_FEW_CHAINS",
            Self::ZeroRoot => "ZERO_ROOT",
            Self::NotLinked => "NOT_LINKED",
            Self::NotReached => "NOT_REACHED",
            Self::NoDestination => "NO_DESTINATION",
            Self::NotSynchronized => "NOT_SYNCHRONIZED",
            Self::BurnNotInBlock => "BURN_NOT_IN_BLOCK",
            Self::RpcDisagreement => "RPC_DISAGREEMENT",
            Self::SingleEndpoint => "SINGLE_ENDPOINT",
            Self::BlockDataMismatch => "BLOCK_DATA_MISMATCH",
            Self::ProofMismatch => "PROOF_MISMATCH",
            Self::CheckpointMismatch => "CHECKPOINT_MISMATCH",
            Self::MintMismatch => "MINT_MISMATCH",
            Self::Reorg => "REORG",
        }
    }
}

impl PartialEq<&str> for FindingCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A finding of a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable code, e.g. `ROOT_MISMATCH`.
    pub code: FindingCode,
    /// The chain it is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<u8>,
    /// Human-readable detail.
    pub detail: String,
}

/// One stage of the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// Which stage.
    pub stage: StageName,
    /// No findings.
    pub ok: bool,
    /// The findings.
    pub codes: Vec<Finding>,
}

/// The verdict on one block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// True only when every stage is ok.
    pub approved: bool,
    /// n.
    pub block_number: u32,
    /// The block's `newStateHash`.
    pub final_root: B256,
    /// The recomputed commitment (`null` when the offsets do not allow computing it).
    pub commitment: Option<B256>,
    /// The recomputed public input, decimal (`null` with the commitment).
    pub public_input: Option<String>,
    /// commit, zkVerify, consensus, execute.
    pub stages: Vec<Stage>,
}

impl Verdict {
    /// All findings' codes, flattened (for tests and logs).
    pub fn codes(&self) -> Vec<&'static str> {
        self.stages.iter().flat_map(|s| s.codes.iter().map(|f| f.code.as_str())).collect()
    }

    fn add(&mut self, stage: StageName, f: Finding) {
        if let Some(s) = self.stages.iter_mut().find(|s| s.stage == stage) {
            s.codes.push(f);
            s.ok = false;
        }
        self.approved = false;
    }
}

/// The verdict on several consecutive blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlocksVerdict {
    /// True only when there is at least one block and every block is approved.
    pub approved: bool,
    /// One verdict per block, in order.
    pub verdicts: Vec<Verdict>,
}

fn finding(code: FindingCode, chain_id: Option<u8>, detail: impl Into<String>) -> Finding {
    Finding { code, chain_id, detail: detail.into() }
}

/// How the proof of a block is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProofCheck {
    /// Verify it now.
    Verify,
    /// It was verified in a batch with the other blocks' proofs, or before, for the same block data (the caller's check).
    VerifiedInBatch,
}

/// Where the burn is looked for.
#[derive(Debug, Clone, Copy)]
enum BurnScope<'a> {
    /// No burn is tracked.
    None,
    /// The burn must be in this block.
    ThisBlock(&'a Burn),
    /// The burn may be in any block of the run (`verify_blocks` looks across blocks).
    AcrossBlocks,
}

/// The settings shared by the blocks of one check.
struct Context<'a> {
    verifier: &'a Groth16Verifier,
    chains: &'a [u8],
    destination: Option<u8>,
}

/// One block as judged: the block before it, its data, proof and reports.
struct Subject<'a> {
    prev: &'a StoredBlockInfo,
    block: &'a CommitBlockInfo,
    proof: &'a Proof<Bn254>,
    reports: &'a [Report],
}

/// Judges one block against its derived values.
fn judge(c: &Context<'_>, s: &Subject<'_>, d: &DerivedBlock, proof_check: ProofCheck, burn: BurnScope<'_>) -> Verdict {
    use FindingCode as F;
    let Subject { prev, block, proof, reports } = *s;
    let n = block.block_number;
    let mut commit = Vec::new();
    if let Some(e) = &d.problem {
        commit.push(finding(F::BadPubdata, None, e.to_string()));
    }
    let mut consensus = Vec::new();
    for r in reports {
        let cid = Some(r.chain_id);
        if r.stored_block.hash() != r.stored_block_hash {
            commit.push(finding(F::StoredHashMismatch, cid, "keccak256(abi.encode(storedBlock)) != storedBlockHash"));
        }
        if let Some(cm) = d.commitment {
            if r.stored_block.commitment != cm {
                commit.push(finding(
                    F::CommitmentMismatch,
                    cid,
                    format!("stored {} != recomputed {cm}", r.stored_block.commitment),
                ));
            }
        }
        if r.stored_block.block_number != n {
            commit.push(finding(F::BlockNumberMismatch, cid, format!("stored block {} != {n}", r.stored_block.block_number)));
        }
        if let Some(ops) = &d.ops {
            if CommitBlockInfo::priority_operations(ops, r.chain_id) != r.stored_block.priority_operations
                || block.pending_onchain_operations_hash(ops, r.chain_id) != r.stored_block.pending_onchain_operations_hash
                || block.timestamp != r.stored_block.timestamp
            {
                commit.push(finding(
                    F::ChainOpsMismatch,
                    cid,
                    "priorityOperations, pendingOnchainOperationsHash or timestamp differ from the block's",
                ));
            }
        }
        if let Some(sync) = d.sync_hash {
            if sync != r.stored_block.sync_hash {
                consensus.push(finding(
                    F::SyncHashMismatch,
                    cid,
                    format!("stored {} != recomputed {sync}", r.stored_block.sync_hash),
                ));
            }
        }
        if r.stored_block.state_hash != block.new_state_hash {
            consensus.push(finding(
                F::RootMismatch,
                cid,
                format!("stored root {} != block root {}", r.stored_block.state_hash, block.new_state_hash),
            ));
        }
        if !c.chains.contains(&r.chain_id) {
            consensus.push(finding(F::UnknownChain, cid, "the chain is not one of the connected chains"));
        }
    }
    let mut seen = Vec::new();
    for r in reports {
        if seen.contains(&r.chain_id) {
            consensus.push(finding(F::DuplicateChain, Some(r.chain_id), "the chain reports twice"));
        } else {
            seen.push(r.chain_id);
        }
    }
    if seen.len() < 2 {
        consensus.push(finding(F::TooFewChains, None, format!("{} distinct reporting chain(s), at least 2 needed", seen.len())));
    }
    if block.new_state_hash == B256::ZERO {
        consensus.push(finding(F::ZeroRoot, None, "newStateHash is zero"));
    }
    if prev.block_number.checked_add(1) != Some(n) {
        consensus.push(finding(
            F::NotLinked,
            None,
            format!("prevBlock is block {}, not {}", prev.block_number, n.wrapping_sub(1)),
        ));
    }

    let mut zk = Vec::new();
    match (d.public_input, proof_check) {
        (Some(_), ProofCheck::VerifiedInBatch) => {}
        (Some(x), ProofCheck::Verify) => {
            let ok = crate::field::u256_to_fr(x).ok().map(|fr: Fr| c.verifier.verify(proof, &[fr]));
            if !matches!(ok, Some(Ok(true))) {
                zk.push(finding(F::ProofInvalid, None, "the proof does not verify with the recomputed public input"));
            }
        }
        (None, _) => zk.push(finding(F::ProofInvalid, None, "no commitment could be computed, so no public input")),
    }

    // Execute: the destination (or, with neither a destination nor a burn, every connected chain) has synchronized n.
    let mut execute = Vec::new();
    let must_sync: Vec<u8> = match (c.destination, burn) {
        (Some(dst), _) => vec![dst],
        (None, BurnScope::None) => c.chains.to_vec(),
        (None, _) => Vec::new(),
    };
    if must_sync.is_empty() {
        execute.push(finding(F::NoDestination, None, "no destination"));
    }
    for dst in must_sync {
        match reports.iter().find(|r| r.chain_id == dst) {
            None => execute.push(finding(F::NoDestination, Some(dst), format!("no report from chain {dst}"))),
            Some(r) if r.total_blocks_synchronized < n => execute.push(finding(
                F::NotSynchronized,
                Some(r.chain_id),
                format!("totalBlocksSynchronized {} < {n}", r.total_blocks_synchronized),
            )),
            Some(_) => {}
        }
    }
    if let BurnScope::ThisBlock(burn) = burn {
        if !d.ops.as_ref().is_some_and(|ops| ops.iter().any(|o| burn.matches(o))) {
            execute.push(finding(F::BurnNotInBlock, None, "no Mapping op of this block has exactly the burn's fields"));
        }
    }
    let stages: Vec<Stage> = [
        (StageName::Commit, commit),
        (StageName::ZkVerify, zk),
        (StageName::Consensus, consensus),
        (StageName::Execute, execute),
    ]
    .into_iter()
    .map(|(stage, codes)| Stage { stage, ok: codes.is_empty(), codes })
    .collect();
    Verdict {
        approved: stages.iter().all(|s| s.ok),
        block_number: n,
        final_root: block.new_state_hash,
        commitment: d.commitment,
        public_input: d.public_input.map(|x| x.to_string()),
        stages,
    }
}

/// The verdict of a block that follows one that could not be recomputed: nothing links it to the anchor.
fn unreachable_verdict(block: &CommitBlockInfo, after: u32) -> Verdict {
    let stage = |stage, code, detail: String| Stage { stage, ok: false, codes: vec![finding(code, None, detail)] };
    let why = format!("block {after} before it could not be recomputed");
    Verdict {
        approved: false,
        block_number: block.block_number,
        final_root: block.new_state_hash,
        commitment: None,
        public_input: None,
        stages: vec![
            stage(StageName::Commit, FindingCode::NotLinked, why.clone()),
            stage(StageName::ZkVerify, FindingCode::NotReached, why.clone()),
            stage(StageName::Consensus, FindingCode::NotReached, why.clone()),
            stage(StageName::Execute, FindingCode::NotReached, why),
        ],
    }
}

/// Decides whether one block may be executed (`docs/PROTOCOL.md` §6). Every input that parsed gets a verdict.
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{verify_block, BlockCheck};
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blocks/verify-block.json");
/// let input: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
/// let mut check = BlockCheck::try_from(&input).unwrap(); // or built from Rust values
/// assert!(verify_block(&check).approved);
/// check.reports[1].total_blocks_synchronized = 1; // the destination has not synchronized block 2
/// assert_eq!(verify_block(&check).codes(), ["NOT_SYNCHRONIZED"]);
/// ```
pub fn verify_block(check: &BlockCheck) -> Verdict {
    judge_block(check, ProofCheck::Verify)
}

/// [`verify_block`] for a block whose proof this caller has already verified for the same block data on the same previous
/// block: every stage is judged again except the pairing itself. The light client uses it to re-judge a block it verified
/// (fresh reads: its execute stage may have changed) with no second proof verification, only when the proof bytes are
/// the ones it verified.
pub(crate) fn verify_block_proven(check: &BlockCheck) -> Verdict {
    judge_block(check, ProofCheck::VerifiedInBatch)
}

fn judge_block(check: &BlockCheck, proof_check: ProofCheck) -> Verdict {
    let c = Context {
        verifier: &check.verifier,
        chains: &check.chains,
        destination: check.destination.or(check.burn.as_ref().map(|b| b.0.to_chain_id)),
    };
    let d = DerivedBlock::compute(&check.prev, &check.block, &check.chains);
    let burn = check.burn.as_ref().map_or(BurnScope::None, BurnScope::ThisBlock);
    let s = Subject { prev: &check.prev, block: &check.block, proof: &check.proof, reports: &check.reports };
    judge(&c, &s, &d, proof_check, burn)
}

/// Decides on consecutive blocks. Each block links to the previous one through the values recomputed for it (stateHash,
/// commitment, syncHash, number), never through reported values; the burn, when given, must be in one of them (else the last
/// verdict carries `BURN_NOT_IN_BLOCK`). All proofs are checked together with [`Groth16Verifier::verify_batch`]; when the
/// batch fails, each block's proof is checked alone. When a block cannot be recomputed (its pubdata does not decode), it
/// gets its own verdict and every later block gets `NOT_LINKED` and `NOT_REACHED` (`docs/PROTOCOL.md` §6).
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{verify_blocks, BlocksCheck};
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blocks/verify-blocks.json");
/// let input: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
/// let check = BlocksCheck::try_from(&input).unwrap();
/// let v = verify_blocks(&check);
/// assert!(v.approved);
/// assert_eq!(v.verdicts.len(), 2);
/// ```
pub fn verify_blocks(check: &BlocksCheck) -> BlocksVerdict {
    let c = Context {
        verifier: &check.verifier,
        chains: &check.chains,
        destination: check.destination.or(check.burn.as_ref().map(|b| b.0.to_chain_id)),
    };
    // Derive each block once on top of the one before, recomputed (the first on top of the given prev); stop at the first
    // block that cannot be recomputed.
    let link_chain = check.chains.first().copied().unwrap_or_default();
    let mut derived: Vec<(StoredBlockInfo, DerivedBlock)> = Vec::with_capacity(check.blocks.len());
    let mut prev = check.prev.clone();
    for b in &check.blocks {
        let d = DerivedBlock::compute(&prev, &b.block, &check.chains);
        let next = d.stored_block_info(&b.block, link_chain);
        let this_prev = prev.clone();
        derived.push((this_prev, d));
        match next {
            Some(next) => prev = next,
            None => break,
        }
    }
    // All proofs together: one multi-pairing; on failure each block's proof is checked alone to say which.
    let batch: Option<Vec<(Proof<Bn254>, Vec<Fr>)>> = derived
        .iter()
        .zip(&check.blocks)
        .map(|((_, d), b)| Some((b.proof.clone(), vec![crate::field::u256_to_fr(d.public_input?).ok()?])))
        .collect();
    let all_ok = batch.is_some_and(|items| c.verifier.verify_batch(&items).unwrap_or(false));
    let proof_check = if all_ok { ProofCheck::VerifiedInBatch } else { ProofCheck::Verify };
    let burn_scope = if check.burn.is_some() { BurnScope::AcrossBlocks } else { BurnScope::None };
    let mut verdicts: Vec<Verdict> = derived
        .iter()
        .zip(&check.blocks)
        .map(|((prev, d), b)| {
            let s = Subject { prev, block: &b.block, proof: &b.proof, reports: &b.reports };
            judge(&c, &s, d, proof_check, burn_scope)
        })
        .collect();
    let last_derived = derived.last().map(|(_, d)| d.block_number).unwrap_or_default();
    verdicts.extend(check.blocks.iter().skip(derived.len()).map(|b| unreachable_verdict(&b.block, last_derived)));
    if let Some(burn) = &check.burn {
        let found = derived.iter().any(|(_, d)| d.ops.as_ref().is_some_and(|ops| ops.iter().any(|o| burn.matches(o))));
        if !found {
            if let Some(last) = verdicts.last_mut() {
                last.add(
                    StageName::Execute,
                    finding(FindingCode::BurnNotInBlock, None, "no Mapping op of these blocks has exactly the burn's fields"),
                );
            }
        }
    }
    BlocksVerdict { approved: !verdicts.is_empty() && verdicts.iter().all(|v| v.approved), verdicts }
}

#[cfg(test)]
mod tests {
    use super::FindingCode;

    #[test]
    fn finding_codes_are_distinct_and_serialize_to_their_names() {
        let mut seen = Vec::new();
        for c in FindingCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            assert!(!seen.contains(&c.as_str()), "{c:?} twice");
            seen.push(c.as_str());
        }
    }
}
