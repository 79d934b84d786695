//! The judgement of one block's answers: what each endpoint answered ([`Answer`]), everything a verdict rests on
//! ([`Evidence`]), and [`judge_answers`], the one decision made online (by the client) and offline (on an evidence file).
//! No transport here.

use super::track::{Mint, MintEvidence};
use crate::error::{ClientError, InputError, ProtocolError};
use crate::groth16::{parse_evm_proof_bytes, Groth16Verifier};
use crate::protocol::{
    verify_block, verify_block_proven, BlockCheck, CommitBlockInfo, DerivedBlock, Finding, FindingCode, MappingOp, Report, Stage,
    StageName, StoredBlockInfo, Verdict,
};
use alloy_primitives::B256;
use serde::Serialize;
use serde_json::Value;

/// Where one chain's answers were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Read {
    /// zkLink chain id.
    pub chain_id: u8,
    /// The endpoint.
    pub endpoint: String,
    /// The EVM block every value was read at.
    pub evm_block_number: u64,
    /// Its hash, as the endpoint gave it.
    pub evm_block_hash: B256,
}

/// What one endpoint answered for block n (an entry of the evidence bundle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// Where and at which EVM block.
    #[serde(flatten)]
    pub read: Read,
    /// `totalBlocksCommitted()`.
    #[serde(rename = "totalBlocksCommitted")]
    pub committed: u32,
    /// `storedBlockInfo(n)`.
    #[serde(rename = "storedBlock")]
    pub stored: Option<StoredBlockInfo>,
    /// `storedBlockHashes(n)`.
    #[serde(rename = "storedBlockHash")]
    pub stored_hash: B256,
    /// `totalBlocksSynchronized()`.
    #[serde(rename = "totalBlocksSynchronized")]
    pub synchronized: u32,
    /// `totalBlocksExecuted()`.
    #[serde(rename = "totalBlocksExecuted")]
    pub executed: u32,
    /// `totalBlocksProven()`.
    #[serde(rename = "totalBlocksProven")]
    pub proven: u32,
    /// The block data from the `commitBlocks` calldata.
    pub block: Option<CommitBlockInfo>,
    /// The proof (EVM form, 256 bytes) from the `proveBlocks` calldata.
    pub proof: Option<alloy_primitives::Bytes>,
    /// `storedBlockHashes(n − 1)`, read on the first connected chain only (the chain whose view the checkpoint is).
    #[serde(rename = "prevStoredBlockHash")]
    pub prev_stored_hash: Option<B256>,
}

impl Answer {
    /// Whether the answer is consistent in itself for block `n`: the block is committed (`totalBlocksCommitted ≥ n`) exactly
    /// when a stored block, its block data and a stored hash are present; proven (`totalBlocksProven ≥ n`) exactly when a
    /// proof is; `prevStoredBlockHash` present exactly on the first connected chain. What an honest endpoint, read at one
    /// EVM block, always gives; online a contradiction is an `RPC_ERROR`, in an evidence bundle an `INVALID_INPUT`.
    ///
    /// # Errors
    /// The contradiction, as text.
    pub fn consistent(&self, n: u32, first: bool) -> Result<(), String> {
        let committed = self.committed >= n;
        if committed != self.stored.is_some() || committed != self.block.is_some() {
            return Err(format!("totalBlocksCommitted {} contradicts the stored block or its block data", self.committed));
        }
        if !committed && self.stored_hash != B256::ZERO {
            return Err("a stored hash for a block not committed".into());
        }
        if (self.proven >= n) != self.proof.is_some() || self.proven > self.committed {
            return Err(format!("totalBlocksProven {} contradicts the proof read", self.proven));
        }
        if first != self.prev_stored_hash.is_some() {
            return Err("storedBlockHashes(n − 1) is read on the first connected chain, and only there".into());
        }
        Ok(())
    }
}

/// Everything a verdict rests on, re-checkable offline (`verify_evidence`); docs/PROTOCOL.md §12.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// Format version, 2.
    pub format: u32,
    /// The library that judged (`zkbridge-light <version>`).
    pub library: String,
    /// n.
    pub block_number: u32,
    /// The destination asked for, if any.
    pub destination: Option<u8>,
    /// The verifying key (snarkjs JSON).
    pub vk: Value,
    /// The verified previous block the verdict rests on.
    pub checkpoint: StoredBlockInfo,
    /// The connected chains.
    pub connected_chains: Vec<u8>,
    /// Every endpoint's answers, chain by chain.
    pub answers: Vec<Answer>,
    /// The tracked burn the verdict was asked about (its execute stage requires the op in the block: `BURN_NOT_IN_BLOCK`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burn: Option<MappingOp>,
    /// The tracked burn's mint on its destination, once an endpoint shows one (only with `burn`): judged as the `mint`
    /// stage, after execute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mint: Option<MintEvidence>,
}

/// The library string evidence bundles carry.
pub const LIBRARY: &str = concat!("zkbridge-light ", env!("CARGO_PKG_VERSION"));

/// The client's verdict on block n: `verifyBlock`'s, with a `reads` stage first, the reads it rests on, and warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientVerdict {
    /// The verdict (its `stages` start with `reads`).
    #[serde(flatten)]
    pub verdict: Verdict,
    /// Non-blocking notes (`SINGLE_ENDPOINT`).
    pub warnings: Vec<Finding>,
    /// Every endpoint read, with its EVM block.
    pub reads: Vec<Read>,
    /// What each chain (its first endpoint) stored for the block, side by side.
    pub chains: Vec<ChainState>,
    /// The block's Mapping ops (burns), from the block data the verdict rests on.
    pub ops: Vec<MappingOp>,
    /// The destination the execute stage was judged for (`None`: every connected chain).
    pub destination: Option<u8>,
    /// The tracked burn's mint, when its `mint` stage is ok.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mint: Option<Mint>,
    /// Everything the verdict rests on.
    pub evidence: Evidence,
}

/// One chain's stored values for the block, as its first endpoint answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainState {
    /// zkLink chain id.
    pub chain_id: u8,
    /// Its stored root (`None`: it has not committed the block).
    pub state_hash: Option<B256>,
    /// Its stored sync hash.
    pub sync_hash: Option<B256>,
    /// Its `totalBlocksSynchronized()`.
    pub total_blocks_synchronized: u32,
    /// Its `totalBlocksExecuted()`.
    pub total_blocks_executed: u32,
    /// Its `totalBlocksCommitted()`.
    pub total_blocks_committed: u32,
    /// Its `totalBlocksProven()`.
    pub total_blocks_proven: u32,
}

/// The evidence format this library writes and reads.
pub const EVIDENCE_FORMAT: u32 = 4;

/// Judges the answers of one block (everything in `evidence`): the same decision online ([`super::BridgeClient::verify`]) and
/// offline ([`super::verify_evidence`]).
///
/// # Errors
/// `BLOCK_NOT_FOUND` when no answer carries the block data or the proof; the verifier's codes for a malformed proof.
pub fn judge_answers(verifier: &Groth16Verifier, evidence: Evidence) -> Result<(ClientVerdict, CommitBlockInfo), ClientError> {
    judge_answers_with(verifier, evidence, None).map(|(v, block, _)| (v, block))
}

/// [`judge_answers`] for the client, which may know the block already: `proven` is the keccak256 of the proof bytes that
/// verified block n before and what the first connected chain must store for n. When the proof judged now is those same
/// bytes and the block data recomputes to that same stored block, the pairing is not run again (every other stage is);
/// the third value says whether it ran.
pub(crate) fn judge_answers_with(
    verifier: &Groth16Verifier,
    evidence: Evidence,
    proven: Option<(B256, &StoredBlockInfo)>,
) -> Result<(ClientVerdict, CommitBlockInfo, bool), ClientError> {
    let n = evidence.block_number;
    let mut reads_stage = Vec::new();
    let mut warnings = Vec::new();
    let mut reads = Vec::new();
    let mut firsts: Vec<(u8, Answer)> = Vec::new();
    let mut ids: Vec<u8> = evidence.answers.iter().map(|a| a.read.chain_id).collect();
    ids.dedup();
    for id in ids {
        let answers: Vec<&Answer> = evidence.answers.iter().filter(|a| a.read.chain_id == id).collect();
        let at = answers.first().map_or(0, |a| a.read.evm_block_number);
        if answers.len() == 1 {
            warnings.push(Finding {
                code: FindingCode::SingleEndpoint,
                chain_id: Some(id),
                detail: format!("chain {id} is read from one endpoint only"),
            });
        }
        if let Some((first, rest)) = answers.split_first() {
            for other in rest {
                let fields = [
                    ("evmBlockNumber", first.read.evm_block_number != other.read.evm_block_number),
                    ("totalBlocksCommitted", first.committed != other.committed),
                    ("totalBlocksProven", first.proven != other.proven),
                    ("storedBlockHashes(n − 1)", first.prev_stored_hash != other.prev_stored_hash),
                    ("blockHash", first.read.evm_block_hash != other.read.evm_block_hash),
                    ("storedBlockInfo", first.stored != other.stored),
                    ("storedBlockHashes", first.stored_hash != other.stored_hash),
                    ("totalBlocksSynchronized", first.synchronized != other.synchronized),
                    ("totalBlocksExecuted", first.executed != other.executed),
                    ("commitBlocks calldata", first.block != other.block),
                    ("proveBlocks calldata", first.proof != other.proof),
                ];
                for (field, differ) in fields {
                    if differ {
                        reads_stage.push(Finding {
                            code: FindingCode::RpcDisagreement,
                            chain_id: Some(id),
                            detail: format!(
                                "{field} at EVM block {at}: {} and {} differ",
                                first.read.endpoint, other.read.endpoint
                            ),
                        });
                    }
                }
            }
            reads.extend(answers.iter().map(|a| a.read.clone()));
            firsts.push((id, (*first).clone()));
        }
    }
    let (block, proof_bytes) = judged_parts(&evidence.answers);
    let block = block.cloned().ok_or_else(|| ClientError::BlockNotFound(n, "not committed on any chain".into()))?;
    let proof_bytes = proof_bytes.cloned().ok_or_else(|| ClientError::BlockNotFound(n, "not proven on any chain".into()))?;
    if block.block_number != n {
        return Err(InputError::InvalidInput(format!("blockNumber {n}: the block data is block {}", block.block_number)).into());
    }
    let proof = parse_evm_proof_bytes(&proof_bytes).map_err(ProtocolError::from)?;
    let reports = firsts
        .iter()
        .filter_map(|(id, a)| {
            Some(Report {
                chain_id: *id,
                stored_block: a.stored.clone()?,
                stored_block_hash: a.stored_hash,
                total_blocks_synchronized: a.synchronized,
            })
        })
        .collect();
    let states = firsts
        .iter()
        .map(|(id, a)| ChainState {
            chain_id: *id,
            state_hash: a.stored.as_ref().map(|s| s.state_hash),
            sync_hash: a.stored.as_ref().map(|s| s.sync_hash),
            total_blocks_synchronized: a.synchronized,
            total_blocks_executed: a.executed,
            total_blocks_committed: a.committed,
            total_blocks_proven: a.proven,
        })
        .collect();
    let ops = crate::protocol::decode_mapping_ops(&block.public_data).unwrap_or_default();
    let check = BlockCheck {
        verifier: verifier.clone(),
        proof,
        prev: evidence.checkpoint.clone(),
        block,
        chains: evidence.connected_chains.clone(),
        reports,
        destination: evidence.destination,
        burn: evidence.burn.clone().map(crate::protocol::Burn),
    };
    let first_chain = evidence.connected_chains.first().copied().unwrap_or_default();
    let known = proven.is_some_and(|(hash, held)| {
        alloy_primitives::keccak256(&proof_bytes) == hash
            && DerivedBlock::compute(&check.prev, &check.block, &check.chains)
                .stored_block_info(&check.block, first_chain)
                .as_ref()
                == Some(held)
    });
    let mut verdict = if known { verify_block_proven(&check) } else { verify_block(&check) };
    // Every chain committed the same block data; every chain that proved the block carries the proof judged; the first
    // connected chain still stores block n − 1 as the checkpoint says (one pass per check: findings keep their order).
    for (id, a) in &firsts {
        if a.block.as_ref().is_some_and(|b| b != &check.block) {
            let detail = format!("chain {id}'s commitBlocks calldata differs from the block data judged");
            fail(&mut verdict, StageName::Commit, FindingCode::BlockDataMismatch, *id, detail);
        }
    }
    for (id, a) in &firsts {
        if a.proof.as_ref().is_some_and(|p| p != &proof_bytes) {
            let detail = format!("chain {id}'s proveBlocks calldata carries another proof than the one judged");
            fail(&mut verdict, StageName::ZkVerify, FindingCode::ProofMismatch, *id, detail);
        }
    }
    let (first_chain, cp) = (evidence.connected_chains.first().copied(), &evidence.checkpoint);
    for (id, a) in firsts.iter().filter(|(id, _)| Some(*id) == first_chain) {
        if a.prev_stored_hash != Some(cp.hash()) {
            let detail = format!("chain {id} does not store block {} as the checkpoint the judgement rests on", cp.block_number);
            fail(&mut verdict, StageName::Commit, FindingCode::CheckpointMismatch, *id, detail);
        }
    }
    verdict.stages.insert(0, Stage { stage: StageName::Reads, ok: reads_stage.is_empty(), codes: reads_stage });
    verdict.approved = verdict.stages.iter().all(|s| s.ok);
    let destination = evidence.destination;
    let mut v = ClientVerdict { verdict, warnings, reads, chains: states, ops, destination, mint: None, evidence };
    add_mint(&mut v);
    Ok((v, check.block, !known))
}

/// The block data and the proof a judgement of `answers` rests on: the first chain's (in the answers' order) whose first
/// endpoint carries them (the other endpoints' are compared with it, in the reads stage).
fn judged_parts(answers: &[Answer]) -> (Option<&CommitBlockInfo>, Option<&alloy_primitives::Bytes>) {
    // Chain by chain as the judgement goes (`judge_answers_with`): each run of one chain's answers, its first answer.
    let mut ids: Vec<u8> = answers.iter().map(|a| a.read.chain_id).collect();
    ids.dedup();
    let firsts: Vec<&Answer> = ids.iter().filter_map(|id| answers.iter().find(|a| a.read.chain_id == *id)).collect();
    (firsts.iter().find_map(|a| a.block.as_ref()), firsts.iter().find_map(|a| a.proof.as_ref()))
}

/// A proof a walk's batched check verified for one block ([`verify_walk`]).
#[derive(Debug, Clone)]
pub(crate) struct BatchedProof {
    /// The previous block it was derived on.
    pub(crate) on: StoredBlockInfo,
    /// The keccak256 of its bytes.
    pub(crate) proof_hash: B256,
    /// What the first connected chain must store for the block.
    pub(crate) stored: StoredBlockInfo,
}

/// What one batched check ([`Groth16Verifier::verify_batch`]) says of consecutive blocks' proofs before they are judged
/// one by one (a client walking many blocks): `blocks` are the answers of blocks n, n + 1, … read side by side, `prev` the
/// verified block n − 1. Each block is derived on top of the one before (as [`verify_block`] derives it) and its proof
/// checked against the public input derived so; when the whole batch verifies, each block gets the `proven` of
/// [`judge_answers_with`] (the keccak256 of the proof bytes and what the first chain must store for the block) with the
/// previous block it was derived on; when it does not, or a block cannot be derived, none does (each is then paired alone,
/// as a single verify would). One entry per block: a block after one that cannot be derived gets none.
pub(crate) fn verify_walk(
    verifier: &Groth16Verifier,
    prev: &StoredBlockInfo,
    chains: &[u8],
    blocks: &[Vec<Answer>],
) -> Vec<Option<BatchedProof>> {
    let first_chain = chains.first().copied().unwrap_or_default();
    let mut items = Vec::with_capacity(blocks.len());
    let mut known = Vec::with_capacity(blocks.len());
    let mut prev = prev.clone();
    for answers in blocks {
        let (Some(block), Some(bytes)) = judged_parts(answers) else { break };
        let d = DerivedBlock::compute(&prev, block, chains);
        let (Some(next), Some(x), Ok(proof)) =
            (d.stored_block_info(block, first_chain), d.public_input, parse_evm_proof_bytes(bytes))
        else {
            break;
        };
        let Ok(x) = crate::field::u256_to_fr(x) else { break };
        items.push((proof, vec![x]));
        known.push(BatchedProof { on: prev, proof_hash: alloy_primitives::keccak256(bytes), stored: next.clone() });
        prev = next;
    }
    let all_ok = !items.is_empty() && verifier.verify_batch(&items).unwrap_or(false);
    let mut out: Vec<Option<BatchedProof>> = Vec::with_capacity(blocks.len());
    for k in known {
        out.push(all_ok.then_some(k));
    }
    while out.len() < blocks.len() {
        out.push(None);
    }
    out
}

/// Adds the `mint` stage to a tracked burn's verdict when its evidence carries the mint's reads (online, when
/// [`super::BridgeClient::track_step`] has read them; offline, from a bundle): judged by [`super::track::judge_mint`] for
/// the evidence's burn, the reads listed with the verdict's, and the verdict approved only if every stage is ok. No endpoint
/// showing a mint is `MINT_MISMATCH` here: a bundle only carries a mint that was seen.
pub(crate) fn add_mint(v: &mut ClientVerdict) {
    let (Some(m), Some(op)) = (&v.evidence.mint, &v.evidence.burn) else { return };
    let check = m.judge(op);
    let stage = check.stage.unwrap_or_else(|| Stage {
        stage: StageName::Mint,
        ok: false,
        codes: vec![Finding {
            code: FindingCode::MintMismatch,
            chain_id: Some(op.to_chain_id),
            detail: "no endpoint shows the mint".into(),
        }],
    });
    v.verdict.stages.push(stage);
    v.verdict.approved = v.verdict.stages.iter().all(|s| s.ok);
    v.reads.extend(m.reads.iter().cloned());
    v.mint = check.mint;
}

/// Marks `stage` of `verdict` failed with one finding about chain `id` (the client's own checks beside `verify_block`'s).
fn fail(verdict: &mut Verdict, stage: StageName, code: FindingCode, id: u8, detail: String) {
    if let Some(s) = verdict.stages.iter_mut().find(|s| s.stage == stage) {
        s.ok = false;
        s.codes.push(Finding { code, chain_id: Some(id), detail });
    }
}
