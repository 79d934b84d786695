//! `verifyBlock` / `verifyBlocks`: may a block that carries a burn be executed on the destination chain? Four stages, in
//! order: commit → zkVerify → consensus → execute. Every value the decision rests on is recomputed from the block data;
//! nothing reported by a chain is trusted beyond what it is compared against.

use super::block::{chains_from_json, next_sync_hash, public_input, stored_block_info_for, CommitBlockInfo, StoredBlockInfo};
use super::json::{array_at, b256_at, get, u32_at, u8_at};
use super::pubdata::{MappingOp, Op};
use crate::error::{Groth16Error, ProtocolError};
use crate::groth16::{parse_evm_proof_bytes, snarkjs, Groth16Verifier};
use alloy_primitives::{hex, B256};
use ark_bn254::{Bn254, Fr};
use ark_groth16::Proof;
use serde::Serialize;
use serde_json::Value;

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

impl Report {
    fn from_json(v: &Value) -> Result<Self, ProtocolError> {
        Ok(Self {
            chain_id: u8_at(v, "chainId")?,
            stored_block: StoredBlockInfo::from_json(get(v, "storedBlock")?)?,
            stored_block_hash: b256_at(v, "storedBlockHash")?,
            total_blocks_synchronized: u32_at(v, "totalBlocksSynchronized")?,
        })
    }
}

/// The tracked burn: a Mapping op whose `fromChainId, toChainId, owner, to, tokenId, amount, nonce` must all match an op of
/// the block (`fee` and `withdrawFee` are not compared; the operator sets the fee).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Burn(pub MappingOp);

impl Burn {
    fn from_json(v: &Value) -> Result<Self, ProtocolError> {
        MappingOp::read(v, false).map(Self)
    }

    fn matches(&self, op: &Op) -> bool {
        let b = &self.0;
        matches!(op, Op::Mapping { op, .. } if op.from_chain_id == b.from_chain_id && op.to_chain_id == b.to_chain_id
            && op.owner == b.owner && op.to == b.to && op.token_id == b.token_id && op.amount == b.amount
            && op.nonce == b.nonce)
    }
}

/// A finding of a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable code, e.g. `ROOT_MISMATCH`.
    pub code: &'static str,
    /// The chain it is about, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<u8>,
    /// Human-readable detail.
    pub detail: String,
}

/// One stage of the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// `commit`, `zkVerify`, `consensus` or `execute`.
    pub stage: &'static str,
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
        self.stages.iter().flat_map(|s| s.codes.iter().map(|f| f.code)).collect()
    }
}

/// The verdict on several consecutive blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlocksVerdict {
    /// True only when every block is approved.
    pub approved: bool,
    /// One verdict per block, in order.
    pub verdicts: Vec<Verdict>,
}

fn finding(code: &'static str, chain_id: Option<u8>, detail: impl Into<String>) -> Finding {
    Finding { code, chain_id, detail: detail.into() }
}

/// Reads a verifying key (snarkjs object or JSON text).
fn vk_from_json(v: &Value) -> Result<Groth16Verifier, ProtocolError> {
    let vk = match v {
        Value::String(s) => crate::groth16::parse_json(s)?,
        other => other.clone(),
    };
    let verifier = Groth16Verifier::from_snarkjs(&vk)?;
    if verifier.n_public() != 1 {
        return Err(Groth16Error::PublicInputCount { expected: 1, got: verifier.n_public() }.into());
    }
    Ok(verifier)
}

/// Reads a proof: snarkjs JSON, or `{ evm: "0x…256 bytes" }`.
fn proof_from_json(v: &Value) -> Result<Proof<Bn254>, ProtocolError> {
    if let Some(evm) = v.get("evm") {
        let s = evm.as_str().ok_or_else(|| ProtocolError::InvalidHex("proof.evm".into()))?;
        let bytes = s
            .strip_prefix("0x")
            .and_then(|d| hex::decode(d).ok())
            .ok_or_else(|| ProtocolError::InvalidHex("proof.evm".into()))?;
        return Ok(parse_evm_proof_bytes(&bytes)?);
    }
    Ok(snarkjs::parse_proof(v)?)
}

/// The parsed input of one block check.
struct BlockCheck {
    proof: Proof<Bn254>,
    prev: StoredBlockInfo,
    block: CommitBlockInfo,
    reports: Vec<Report>,
}

struct Common {
    verifier: Groth16Verifier,
    chains: Vec<u8>,
    destination: Option<u8>,
    burn: Option<Burn>,
}

fn common_from_json(input: &Value) -> Result<Common, ProtocolError> {
    let burn = match input.get("burn") {
        None | Some(Value::Null) => None,
        Some(b) => Some(Burn::from_json(b)?),
    };
    let destination = match input.get("destination") {
        None | Some(Value::Null) => None,
        Some(_) => Some(u8_at(input, "destination")?),
    };
    Ok(Common {
        verifier: vk_from_json(get(input, "vk")?)?,
        chains: chains_from_json(get(input, "chains")?, "chains")?,
        destination: destination.or(burn.as_ref().map(|b| b.0.to_chain_id)),
        burn,
    })
}

fn reports_from_json(v: &Value) -> Result<Vec<Report>, ProtocolError> {
    array_at(v, "reports")?.iter().map(Report::from_json).collect()
}

/// Checks one block; `check_burn` is false when the caller (verifyBlocks) looks for the burn across blocks; `proof_ok` is
/// `Some(true)` when the proof was already verified in a batch.
fn check_block(c: &Common, b: &BlockCheck, check_burn: bool, proof_ok: Option<bool>) -> (Verdict, Vec<Op>) {
    let n = b.block.block_number;
    let mut commit = Vec::new();
    let ops = match b.block.decode_ops() {
        Ok(ops) => Some(ops),
        Err(e) => {
            commit.push(finding("BAD_PUBDATA", None, e.to_string()));
            None
        }
    };
    let commitment = match b.block.commitment(&b.prev.state_hash) {
        Ok(cm) => Some(cm),
        Err(e) => {
            if ops.is_some() {
                commit.push(finding("BAD_PUBDATA", None, e.to_string()));
            }
            None
        }
    };
    // The sync hash every chain must store, computed once from the decoded ops.
    let expected_sync = ops.as_ref().zip(commitment).map(|(ops, cm)| {
        let by_chain = c.chains.iter().map(|ch| (*ch, b.block.onchain_op_pubdata_hash(ops, *ch))).collect();
        next_sync_hash(&b.prev.sync_hash, &cm, &by_chain)
    });
    let mut consensus = Vec::new();
    for r in &b.reports {
        let cid = Some(r.chain_id);
        if r.stored_block.hash() != r.stored_block_hash {
            commit.push(finding("STORED_HASH_MISMATCH", cid, "keccak256(abi.encode(storedBlock)) != storedBlockHash"));
        }
        if let Some(cm) = commitment {
            if r.stored_block.commitment != cm {
                commit.push(finding(
                    "COMMITMENT_MISMATCH",
                    cid,
                    format!("stored {} != recomputed {cm}", r.stored_block.commitment),
                ));
            }
        }
        if r.stored_block.block_number != n {
            commit.push(finding("BLOCK_NUMBER_MISMATCH", cid, format!("stored block {} != {n}", r.stored_block.block_number)));
        }
        if let Some(ops) = &ops {
            if CommitBlockInfo::priority_operations(ops, r.chain_id) != r.stored_block.priority_operations
                || b.block.pending_onchain_operations_hash(ops, r.chain_id) != r.stored_block.pending_onchain_operations_hash
                || b.block.timestamp != r.stored_block.timestamp
            {
                commit.push(finding(
                    "CHAIN_OPS_MISMATCH",
                    cid,
                    "priorityOperations, pendingOnchainOperationsHash or timestamp differ from the block's",
                ));
            }
        }
        if let Some(sync) = expected_sync {
            if sync != r.stored_block.sync_hash {
                consensus.push(finding(
                    "SYNC_HASH_MISMATCH",
                    cid,
                    format!("stored {} != recomputed {sync}", r.stored_block.sync_hash),
                ));
            }
        }
        if r.stored_block.state_hash != b.block.new_state_hash {
            consensus.push(finding(
                "ROOT_MISMATCH",
                cid,
                format!("stored root {} != block root {}", r.stored_block.state_hash, b.block.new_state_hash),
            ));
        }
        if !c.chains.contains(&r.chain_id) {
            consensus.push(finding("UNKNOWN_CHAIN", cid, "the chain is not one of the connected chains"));
        }
    }
    let mut seen = Vec::new();
    for r in &b.reports {
        if seen.contains(&r.chain_id) {
            consensus.push(finding("DUPLICATE_CHAIN", Some(r.chain_id), "the chain reports twice"));
        } else {
            seen.push(r.chain_id);
        }
    }
    if seen.len() < 2 {
        consensus.push(finding("TOO_FEW_CHAINS", None, format!("{} distinct reporting chain(s), at least 2 needed", seen.len())));
    }
    if b.block.new_state_hash == B256::ZERO {
        consensus.push(finding("ZERO_ROOT", None, "newStateHash is zero"));
    }
    if b.prev.block_number.checked_add(1) != Some(n) {
        consensus.push(finding(
            "NOT_LINKED",
            None,
            format!("prevBlock is block {}, not {}", b.prev.block_number, n.wrapping_sub(1)),
        ));
    }

    let mut zk = Vec::new();
    let input = commitment.map(|cm| public_input(&cm));
    match input {
        Some(_) if proof_ok == Some(true) => {}
        Some(x) => {
            let fr = crate::field::u256_to_fr(x);
            let ok = fr.ok().map(|fr: Fr| c.verifier.verify(&b.proof, &[fr]));
            if !matches!(ok, Some(Ok(true))) {
                zk.push(finding("PROOF_INVALID", None, "the proof does not verify with the recomputed public input"));
            }
        }
        None => zk.push(finding("PROOF_INVALID", None, "no commitment could be computed, so no public input")),
    }

    let mut execute = Vec::new();
    match c.destination.and_then(|d| b.reports.iter().find(|r| r.chain_id == d)) {
        None => execute.push(finding("NO_DESTINATION", c.destination, "no destination, or no report from it")),
        Some(r) if r.total_blocks_synchronized < n => execute.push(finding(
            "NOT_SYNCHRONIZED",
            Some(r.chain_id),
            format!("totalBlocksSynchronized {} < {n}", r.total_blocks_synchronized),
        )),
        Some(_) => {}
    }
    if check_burn {
        if let Some(burn) = &c.burn {
            if !ops.as_ref().is_some_and(|ops| ops.iter().any(|o| burn.matches(o))) {
                execute.push(finding("BURN_NOT_IN_BLOCK", None, "no Mapping op of this block has exactly the burn's fields"));
            }
        }
    }

    let stages: Vec<Stage> = [("commit", commit), ("zkVerify", zk), ("consensus", consensus), ("execute", execute)]
        .into_iter()
        .map(|(stage, codes)| Stage { stage, ok: codes.is_empty(), codes })
        .collect();
    let verdict = Verdict {
        approved: stages.iter().all(|s| s.ok),
        block_number: n,
        final_root: b.block.new_state_hash,
        commitment,
        public_input: input.map(|x| x.to_string()),
        stages,
    };
    (verdict, ops.unwrap_or_default())
}

/// Decides whether one block may be executed; see the block-model issue and `docs/PROTOCOL.md` §6 for the rules.
///
/// `input = { vk, proof, prevBlock, block, chains, reports: [{ chainId, storedBlock, storedBlockHash,
/// totalBlocksSynchronized }], destination?, burn? }`.
///
/// # Errors
/// Input that cannot be parsed: `MISSING_FIELD`, `INVALID_HEX`, `INVALID_LENGTH`, `INVALID_NUMBER`, `INVALID_ADDRESS`,
/// `BAD_CHECKSUM`, and the verifier's codes for the vk and proof (a vk with other than one public input:
/// `PUBLIC_INPUT_COUNT`). Everything that parses gives a [`Verdict`].
///
/// # Examples
/// ```
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blocks/verify-block.json");
/// let mut input: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
/// let verdict = zkbridge_light::protocol::verify_block(&input).unwrap();
/// assert!(verdict.approved);
/// input["reports"][1]["totalBlocksSynchronized"] = 1.into(); // the destination has not synchronized block 2
/// assert_eq!(zkbridge_light::protocol::verify_block(&input).unwrap().codes(), ["NOT_SYNCHRONIZED"]);
/// ```
pub fn verify_block(input: &Value) -> Result<Verdict, ProtocolError> {
    let c = common_from_json(input)?;
    let b = BlockCheck {
        proof: proof_from_json(get(input, "proof")?)?,
        prev: StoredBlockInfo::from_json(get(input, "prevBlock")?)?,
        block: CommitBlockInfo::from_json(get(input, "block")?)?,
        reports: reports_from_json(input)?,
    };
    Ok(check_block(&c, &b, true, None).0)
}

/// Decides on consecutive blocks: `{ vk, chains, prevBlock, blocks: [{ block, proof, reports }], destination?, burn? }`.
/// Each block links to the previous one through the values recomputed for it (stateHash, commitment, syncHash, number);
/// the burn, when given, must be in one of them (else the last verdict carries `BURN_NOT_IN_BLOCK`). All proofs are checked
/// together with [`Groth16Verifier::verify_batch`]; when the batch fails, each block's proof is checked alone.
///
/// # Errors
/// As [`verify_block`]; an empty `blocks` is `MISSING_FIELD`.
pub fn verify_blocks(input: &Value) -> Result<BlocksVerdict, ProtocolError> {
    let c = common_from_json(input)?;
    let mut prev = StoredBlockInfo::from_json(get(input, "prevBlock")?)?;
    let blocks = array_at(input, "blocks")?;
    if blocks.is_empty() {
        return Err(ProtocolError::MissingField("blocks (empty)".into()));
    }
    let parsed: Vec<(CommitBlockInfo, Proof<Bn254>, Vec<Report>)> = blocks
        .iter()
        .map(|b| Ok((CommitBlockInfo::from_json(get(b, "block")?)?, proof_from_json(get(b, "proof")?)?, reports_from_json(b)?)))
        .collect::<Result<_, ProtocolError>>()?;
    // First pass: each block's previous block is what the one before must be, recomputed (never a reported value).
    let mut checks = Vec::with_capacity(parsed.len());
    for (block, proof, reports) in parsed {
        let chain = c.chains.first().copied().unwrap_or_default();
        let next = match stored_block_info_for(&prev, &block, chain, &c.chains) {
            Ok(next) => next,
            Err(_) => StoredBlockInfo {
                block_number: block.block_number,
                priority_operations: 0,
                pending_onchain_operations_hash: B256::ZERO,
                timestamp: block.timestamp,
                state_hash: block.new_state_hash,
                commitment: block.commitment(&prev.state_hash).unwrap_or_default(),
                sync_hash: B256::ZERO,
            },
        };
        checks.push(BlockCheck { proof, prev: std::mem::replace(&mut prev, next), block, reports });
    }
    // All proofs together: one multi-pairing; on failure each block's proof is checked alone to say which.
    let batch: Option<Vec<(Proof<Bn254>, Vec<Fr>)>> = checks
        .iter()
        .map(|b| {
            let cm = b.block.commitment(&b.prev.state_hash).ok()?;
            let x = crate::field::u256_to_fr(public_input(&cm)).ok()?;
            Some((b.proof.clone(), vec![x]))
        })
        .collect();
    let all_ok = batch.is_some_and(|items| c.verifier.verify_batch(&items).unwrap_or(false));
    let mut verdicts = Vec::new();
    let mut burn_found = false;
    for b in &checks {
        let (verdict, ops) = check_block(&c, b, false, all_ok.then_some(true));
        if let Some(burn) = &c.burn {
            burn_found |= ops.iter().any(|o| burn.matches(o));
        }
        verdicts.push(verdict);
    }
    if c.burn.is_some() && !burn_found {
        if let Some(last) = verdicts.last_mut() {
            if let Some(exec) = last.stages.iter_mut().find(|s| s.stage == "execute") {
                exec.codes.push(finding(
                    "BURN_NOT_IN_BLOCK",
                    None,
                    "no Mapping op of these blocks has exactly the burn's fields",
                ));
                exec.ok = false;
            }
            last.approved = false;
        }
    }
    Ok(BlocksVerdict { approved: verdicts.iter().all(|v| v.approved), verdicts })
}
