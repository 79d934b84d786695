//! [`BridgeClient`]: what to read from the chains for block n, in which order, and which blocks it has verified.

use super::abi::IZkBridge;
use super::evidence::{verify_evidence, Anchored, DeploymentAnchor, EvidenceBundle, EvidenceCheck};
use super::join::{run_all, Task};
use super::judge::{judge_answers_with, verify_walk, Answer, BatchedProof, ClientVerdict, Evidence, LIBRARY};
use super::read::{ChainConfig, EndpointReader};
use super::transport::{Endpoint, Retry, Transport};
use crate::error::{ClientError, InputError, ProtocolError};
use crate::groth16::Groth16Verifier;
use crate::protocol::{CommitBlockInfo, DerivedBlock, Finding, FindingCode, MappingOp, StageName, StoredBlockInfo};
use alloy_primitives::B256;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Everything a client needs besides its endpoints (read from the deployment file by `crate::json`).
#[derive(Debug, Clone)]
pub struct ClientSetup {
    /// The prepared verifying key (one public input).
    pub verifier: Groth16Verifier,
    /// The trust anchor: the genesis block, or a checkpoint.
    pub anchor: StoredBlockInfo,
    /// The chains.
    pub chains: Vec<ChainConfig>,
    /// Retries and backoff.
    pub retry: Retry,
    /// The deployment's tokens: token id → decimals (what a mint's amount is judged in).
    pub tokens: BTreeMap<u16, u8>,
    /// How many EVM blocks behind each chain's head reads are pinned.
    pub confirmations: u64,
    /// Whether `verifier` was made from a kept preparation of the key (`Groth16Verifier::from_prepared`) rather than
    /// checked and prepared afresh.
    pub prepared_key_reused: bool,
}

/// How many of its latest verified blocks a client can always judge again at once (it keeps each one's previous block:
/// what the first chain must store and its proof's hash, about 300 bytes), besides its anchor. An older block is judged
/// again by walking once more from the anchor, every block paired again: memory stays fixed however long a page follows the
/// chains, and nothing is ever judged on less than the chain of blocks from the anchor.
pub const KEPT_BLOCKS: u32 = 4096;

/// How many blocks a walk ([`BridgeClient::verify`] from its last verified block, [`BridgeClient::sync`]) reads side by
/// side, at one EVM block per chain, and checks with one batched proof verification before judging them one by one (each
/// keeps the verdict and evidence a single verify gives it; when the batch fails, each proof is paired alone).
pub const WALK_WINDOW: u32 = 16;

/// How far past [`KEPT_BLOCKS`] the kept blocks may grow before the oldest are dropped (in one rebuild: amortised).
const TRIM_SLACK: usize = 256;

/// Whether a verdict that does not link says the chains moved under the client: every endpoint agrees (the reads stage is
/// ok) and the first chain stores another block n − 1 than the one the client verified (`CHECKPOINT_MISMATCH`). Whatever
/// else failed may follow from that (a commitment, a proof's public input and a sync hash all chain from block n − 1).
/// Rolling back is always safe: the rolled-back block is judged again from the chains like any other.
fn is_reorg(v: &ClientVerdict) -> bool {
    let stage = |name| v.verdict.stages.iter().find(|s| s.stage == name);
    stage(StageName::Reads).is_some_and(|s| s.ok)
        && stage(StageName::Commit).is_some_and(|s| s.codes.iter().any(|f| f.code == FindingCode::CheckpointMismatch))
}

/// The light client over `T` endpoints.
#[derive(Debug)]
pub struct BridgeClient<T> {
    pub(super) chains: Vec<(ChainConfig, Vec<Endpoint<T>>)>,
    connected: Vec<u8>,
    verifier: Groth16Verifier,
    pub(super) retry: Retry,
    pub(super) tokens: BTreeMap<u16, u8>,
    confirmations: u64,
    /// Blocks this client verified (commit, zkVerify and consensus stages ok), from the anchor on: n → what the first
    /// connected chain must store for n (every field recomputed, never read). Behind a `RefCell` so that every method
    /// takes `&self` and calls run side by side (a page verifies, syncs and tracks at once); no borrow is held across an
    /// `await` (clippy's `await_holding_refcell_ref` watches it).
    verified: RefCell<BTreeMap<u32, StoredBlockInfo>>,
    /// The keccak256 of the proof bytes that verified each block in `verified` (but the anchor): a block judged again
    /// with the same proof and block data is not paired again.
    proofs: RefCell<Vec<(u32, B256)>>,
    /// Groth16 verifications (pairings) run so far.
    pairings: std::cell::Cell<u32>,
    /// The nonces of the transactions `check_sent` saw on the endpoints (the last 64): a replacement is accepted only
    /// with the nonce its original was seen with.
    pub(super) nonces: RefCell<Vec<(B256, u64)>>,
}

impl<T: Transport> BridgeClient<T> {
    /// A client anchored at `anchor` (a full `StoredBlockInfo`: the genesis block, or a checkpoint).
    ///
    /// # Errors
    /// `PUBLIC_INPUT_COUNT` for a key with other than one public input; `MISSING_FIELD` for a chain without endpoints.
    pub fn new(
        chains: Vec<(ChainConfig, Vec<Endpoint<T>>)>,
        verifier: Groth16Verifier,
        anchor: StoredBlockInfo,
        retry: Retry,
    ) -> Result<Self, ClientError> {
        if verifier.n_public() != 1 {
            return Err(
                ProtocolError::from(crate::Groth16Error::PublicInputCount { expected: 1, got: verifier.n_public() }).into()
            );
        }
        if let Some((c, _)) = chains.iter().find(|(_, e)| e.is_empty()) {
            return Err(InputError::MissingField(format!("rpc[{}] (no endpoint)", c.chain_id)).into());
        }
        // Sorted by insertion (a call to `sort_unstable` costs 2 KB of .wasm for a handful of ids).
        let mut connected: Vec<u8> = Vec::with_capacity(chains.len());
        for (c, _) in &chains {
            connected.insert(connected.partition_point(|x| *x <= c.chain_id), c.chain_id);
        }
        let mut verified = BTreeMap::new();
        verified.insert(anchor.block_number, anchor);
        Ok(Self {
            chains,
            connected,
            verifier,
            retry,
            verified: RefCell::new(verified),
            proofs: RefCell::new(Vec::new()),
            pairings: std::cell::Cell::new(0),
            nonces: RefCell::new(Vec::new()),
            tokens: BTreeMap::new(),
            confirmations: 0,
        })
    }

    /// Reads pinned `confirmations` EVM blocks behind each chain's head (the deployment's option; 0 by default).
    #[must_use]
    pub const fn with_confirmations(mut self, confirmations: u64) -> Self {
        self.confirmations = confirmations;
        self
    }

    /// This client's verifying key prepared, as bytes to keep ([`Groth16Verifier::export`]).
    pub fn prepared_key(&self) -> Vec<u8> {
        self.verifier.export()
    }

    /// The hash of this client's verifying key ([`Groth16Verifier::key_hash`]).
    pub fn key_hash(&self) -> alloy_primitives::B256 {
        self.verifier.key_hash()
    }

    /// The deployment's tokens (token id → decimals), for judging mints.
    #[must_use]
    pub fn with_tokens(mut self, tokens: BTreeMap<u16, u8>) -> Self {
        self.tokens = tokens;
        self
    }

    /// The anchor's block number and the last block verified since.
    pub fn verified_range(&self) -> (u32, u32) {
        let v = self.verified.borrow();
        (v.keys().next().copied().unwrap_or(0), v.keys().next_back().copied().unwrap_or(0))
    }

    pub(super) fn reader<'a>(&self, chain: &'a ChainConfig, ep: &'a Endpoint<T>) -> EndpointReader<'a, T> {
        EndpointReader { chain, ep, retry: self.retry, confirmations: self.confirmations }
    }

    /// The lowest pinned head of a chain's `endpoints` (the EVM block the chain is read at), asked side by side; with
    /// `checked`, every endpoint's `eth_chainId` is checked too.
    pub(super) async fn lowest_head(
        &self,
        chain: &ChainConfig,
        endpoints: &[Endpoint<T>],
        checked: bool,
    ) -> Result<u64, ClientError> {
        let mut heads = vec![u64::MAX; endpoints.len()];
        let mut tasks: Vec<Task<'_>> = Vec::new();
        for (head, ep) in heads.iter_mut().zip(endpoints) {
            tasks.push(Box::pin(async move {
                *head = self.reader(chain, ep).head().await?;
                Ok(())
            }));
            if checked {
                tasks.push(Box::pin(async move { self.reader(chain, ep).check_chain_id().await }));
            }
        }
        run_all(tasks).await?;
        Ok(heads.into_iter().min().unwrap_or(0))
    }

    /// Reads blocks `from..=to` from every endpoint of every chain, all side by side, each chain pinned at one EVM block
    /// (the lowest head of its endpoints, whose chain ids are checked): each block's answers in chain order, then endpoint
    /// order.
    async fn read_blocks(&self, from: u32, to: u32) -> Result<Vec<Vec<Answer>>, ClientError> {
        let blocks: Vec<u32> = (from..=to).collect();
        let first = self.connected.first().copied();
        // chain → endpoint → its answers, block by block.
        let mut by_chain: Vec<Vec<Vec<Answer>>> = self.chains.iter().map(|_| Vec::new()).collect();
        let mut tasks: Vec<Task<'_>> = Vec::new();
        for ((chain, endpoints), out) in self.chains.iter().zip(&mut by_chain) {
            let first = Some(chain.chain_id) == first;
            let blocks = &blocks;
            tasks.push(Box::pin(async move {
                let at = self.lowest_head(chain, endpoints, true).await?;
                out.resize(endpoints.len(), Vec::new());
                let mut reads: Vec<Task<'_>> = Vec::new();
                for (slot, ep) in out.iter_mut().zip(endpoints) {
                    reads.push(Box::pin(async move {
                        *slot = self.reader(chain, ep).answers(blocks, at, first).await?;
                        Ok(())
                    }));
                }
                run_all(reads).await
            }));
        }
        run_all(tasks).await?;
        // Block by block: chain by chain, endpoint by endpoint.
        let mut out: Vec<Vec<Answer>> = blocks.iter().map(|_| Vec::new()).collect();
        for by_endpoint in by_chain {
            for answers in by_endpoint {
                for (block, answer) in out.iter_mut().zip(answers) {
                    block.push(answer);
                }
            }
        }
        Ok(out)
    }

    /// Judges block `n`'s `answers` on top of the verified block `n − 1`, which must already be verified
    /// ([`BridgeClient::verify`] walks there first). `batched`: what a batched check of the walk said of its proof (the
    /// previous block it was derived on, the proof's hash, the stored block), used only when that previous block is the
    /// verified one.
    fn judge(
        &self,
        n: u32,
        destination: Option<u8>,
        burn: Option<&MappingOp>,
        answers: Vec<Answer>,
        batched: Option<BatchedProof>,
    ) -> Result<(ClientVerdict, CommitBlockInfo), ClientError> {
        let prev = self.verified_prev(n, "its previous block is not verified")?;
        // A block verified before (not the anchor): its proof hash and stored block, so the same proof is not paired again;
        // else a proof the walk's batch verified on this same previous block.
        let held = self.verified.borrow().get(&n).cloned();
        let proven = match self.proofs.borrow().iter().find(|(k, _)| *k == n).map(|(_, h)| *h).zip(held) {
            Some(p) => Some(p),
            None => batched.filter(|b| b.on == prev).map(|b| (b.proof_hash, b.stored)),
        };
        let evidence = Evidence {
            format: super::judge::EVIDENCE_FORMAT,
            library: LIBRARY.to_owned(),
            block_number: n,
            destination,
            vk: crate::groth16::snarkjs::vk_to_json(self.verifier.verifying_key()),
            checkpoint: prev,
            connected_chains: self.connected.clone(),
            answers,
            // A burn is known by what the bridge matches it on; its fees are set when its block is sealed, so the evidence
            // keeps them 0 (any other value is refused when a bundle is read: nothing in a bundle goes unjudged).
            burn: burn.map(|b| MappingOp { fee: 0, withdraw_fee: 0, ..b.clone() }),
            mint: None,
        };
        let (v, block, paired) = judge_answers_with(&self.verifier, evidence, proven.as_ref().map(|(h, info)| (*h, info)))?;
        if paired {
            self.pairings.set(self.pairings.get().saturating_add(1));
        }
        Ok((v, block))
    }

    /// Reads block `n` and judges it ([`Self::read_blocks`], [`Self::judge`]).
    async fn read_and_judge(
        &self,
        n: u32,
        destination: Option<u8>,
        burn: Option<&MappingOp>,
    ) -> Result<(ClientVerdict, CommitBlockInfo), ClientError> {
        let answers = self.read_blocks(n, n).await?.into_iter().next().unwrap_or_default();
        self.judge(n, destination, burn, answers, None)
    }

    /// The verified block before `n` (`BLOCK_NOT_FOUND` with `why` when there is none).
    fn verified_prev(&self, n: u32, why: &str) -> Result<StoredBlockInfo, ClientError> {
        self.verified.borrow().get(&n.wrapping_sub(1)).cloned().ok_or_else(|| ClientError::BlockNotFound(n, why.into()))
    }

    /// How many Groth16 proofs this client has verified (pairings run): a block it verified before and judges again with
    /// the same proof and block data is not counted twice.
    ///
    /// # Examples
    /// ```no_run
    /// # async fn f(c: &zkbridge_light::client::BridgeClient<impl zkbridge_light::client::Transport>) {
    /// let v = c.verify(1, None).await.unwrap();
    /// let again = c.verify(1, None).await.unwrap(); // fresh reads, every stage judged, no second pairing
    /// assert_eq!(c.pairings(), 1);
    /// # }
    /// ```
    pub fn pairings(&self) -> u32 {
        self.pairings.get()
    }

    /// Verifies block `n`: every block from the anchor to `n − 1` first (each must pass its commit, zkVerify and consensus
    /// stages, else its verdict is returned), then `n`; `destination` (or, without one, every connected chain) must have
    /// synchronized `n` for the execute stage.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`, `CHAIN_ID_MISMATCH`, `BLOCK_NOT_FOUND` (not committed or proven anywhere, or before the
    /// anchor): never a verdict on partial data.
    pub async fn verify(&self, n: u32, destination: Option<u8>) -> Result<ClientVerdict, ClientError> {
        self.verify_burn(n, destination, None).await
    }

    /// [`BridgeClient::verify`] for a tracked burn: block `n`'s execute stage also requires `burn` among its Mapping ops
    /// (`BURN_NOT_IN_BLOCK`), and the burn goes into the evidence.
    ///
    /// # Errors
    /// As [`BridgeClient::verify`].
    pub async fn verify_burn(
        &self,
        n: u32,
        destination: Option<u8>,
        burn: Option<&MappingOp>,
    ) -> Result<ClientVerdict, ClientError> {
        let (anchor, _) = self.verified_range();
        if n <= anchor {
            return Err(ClientError::BlockNotFound(n, format!("at or before the trust anchor (block {anchor})")));
        }
        if n <= self.verified_range().1 {
            if self.verified.borrow().contains_key(&n.wrapping_sub(1)) {
                // Already a verified link: judged again on fresh reads (its execute stage may have changed), on the same prev.
                return Ok(self.read_and_judge(n, destination, burn).await?.0);
            }
            // Its previous block was dropped (more than KEPT_BLOCKS behind): walk again from the anchor up to n.
            self.restart_from_anchor();
        }
        let mut rolled_back = None;
        // Blocks read ahead (up to WALK_WINDOW at once, side by side), the next one last, each with what the walk's batched
        // check said of its proof.
        let mut ahead: Vec<(u32, Vec<Answer>, Option<BatchedProof>)> = Vec::new();
        loop {
            let (anchor, last) = self.verified_range();
            let next = last.saturating_add(1);
            if ahead.last().map(|(k, _, _)| *k) != Some(next) {
                ahead.clear();
                let mut k = n.min(next.saturating_add(WALK_WINDOW - 1));
                let mut read = self.read_blocks(next, k).await?;
                let mut batched = match read.len() {
                    0 | 1 => Vec::new(),
                    _ => verify_walk(&self.verifier, &self.verified_prev(next, "unlinked")?, &self.connected, &read),
                };
                while let Some(answers) = read.pop() {
                    let b = batched.pop().flatten();
                    if b.is_some() {
                        self.pairings.set(self.pairings.get().saturating_add(1));
                    }
                    ahead.push((k, answers, b));
                    k = k.saturating_sub(1);
                }
            }
            let Some((_, answers, batched)) = ahead.pop() else {
                return Err(ClientError::BlockNotFound(next, "not read".into()));
            };
            let (dest, op) = if next == n { (destination, burn) } else { (None, None) };
            let (mut v, block) = self.judge(next, dest, op, answers, batched)?;
            // Linked: every stage but execute is ok; only then does the block become a verified link of the chain.
            let linked = v.verdict.stages.iter().filter(|s| s.stage != StageName::Execute).all(|s| s.ok);
            if !linked && last > anchor && is_reorg(&v) {
                // Every endpoint of the first chain agrees it no longer stores block `last` as this client verified it: a
                // reorg, not a lie. The block is rolled back and judged again from the chains (never below the anchor).
                // Rebuilt by insertion: a BTreeMap removal would pull its rebalancing code (3 KB) into the .wasm.
                let mut kept = BTreeMap::new();
                for (k, info) in self.verified.borrow().range(..last) {
                    kept.insert(*k, info.clone());
                }
                *self.verified.borrow_mut() = kept;
                self.proofs.borrow_mut().retain(|(k, _)| *k < last);
                rolled_back = Some(last.saturating_sub(1));
                continue;
            }
            if linked {
                self.accept(next, &block, &v)?;
            }
            if next == n || !linked {
                if let Some(k) = rolled_back {
                    v.warnings.push(Finding {
                        code: FindingCode::Reorg,
                        chain_id: self.connected.first().copied(),
                        detail: format!("rolled back to block {k}: the chains no longer store the blocks after it as verified"),
                    });
                }
                return Ok(v);
            }
        }
    }

    /// Records block `n` as verified: what the first connected chain must store, recomputed from the verified block before.
    fn accept(&self, n: u32, block: &CommitBlockInfo, v: &ClientVerdict) -> Result<(), ClientError> {
        let prev = self.verified_prev(n, "unlinked")?;
        let first = self.connected.first().copied().unwrap_or_default();
        let info = DerivedBlock::compute(&prev, block, &self.connected)
            .stored_block_info(block, first)
            .ok_or_else(|| ClientError::BlockNotFound(n, "not derivable".into()))?;
        self.verified.borrow_mut().insert(n, info);
        // The proof judged (the first chain's that carries one: a linked verdict's reads agree on it).
        let proof = v.evidence.answers.iter().find_map(|a| a.proof.as_ref());
        if let Some(p) = proof {
            self.proofs.borrow_mut().push((n, alloy_primitives::keccak256(p)));
        }
        self.forget_old(n);
        Ok(())
    }

    /// Keeps the anchor and the blocks the last [`KEPT_BLOCKS`] verified ones rest on (`last − KEPT_BLOCKS ..= last`), so that
    /// a client following the chains for months holds a fixed amount of memory. Rebuilt by insertion once [`TRIM_SLACK`]
    /// blocks over (amortised; a BTreeMap removal would pull its rebalancing code into the .wasm).
    fn forget_old(&self, last: u32) {
        if self.verified.borrow().len() <= KEPT_BLOCKS as usize + 2 + TRIM_SLACK {
            return;
        }
        let (anchor, _) = self.verified_range();
        let cutoff = last.saturating_sub(KEPT_BLOCKS);
        let mut kept = BTreeMap::new();
        for (k, info) in self.verified.borrow().iter() {
            if *k == anchor || *k >= cutoff {
                kept.insert(*k, info.clone());
            }
        }
        *self.verified.borrow_mut() = kept;
        self.proofs.borrow_mut().retain(|(k, _)| *k >= cutoff);
    }

    /// Forgets every verified block but the anchor: the next verification walks from the anchor again.
    fn restart_from_anchor(&self) {
        let (anchor, _) = self.verified_range();
        let mut kept = BTreeMap::new();
        if let Some(info) = self.verified.borrow().get(&anchor) {
            kept.insert(anchor, info.clone());
        }
        *self.verified.borrow_mut() = kept;
        self.proofs.borrow_mut().clear();
    }

    /// Verifies every block from the last verified one to the latest proven on every chain; returns the last verdict
    /// (`None` when there was nothing new).
    ///
    /// # Errors
    /// As [`BridgeClient::verify`].
    pub async fn sync(&self) -> Result<Option<ClientVerdict>, ClientError> {
        let target = self.sync_target().await?;
        let (_, last) = self.verified_range();
        if target <= last {
            return Ok(None);
        }
        self.verify(target, None).await.map(Some)
    }

    /// The last verified block: what the first connected chain must store for it (the anchor when nothing was verified
    /// since). A later client can start from it as its checkpoint.
    pub fn checkpoint(&self) -> Option<StoredBlockInfo> {
        self.verified.borrow().values().next_back().cloned()
    }

    /// Whether every endpoint of every chain stores `info`'s block (a block after genesis) as `info` says, each chain read
    /// at the lowest head of its endpoints with a verify's reads: the first connected chain (whose view a checkpoint is)
    /// the whole `StoredBlockInfo` and its `storedBlockHashes`, every other chain the same number, timestamp, root,
    /// commitment and sync hash. How a stored checkpoint is checked before use.
    ///
    /// # Errors
    /// `BLOCK_NOT_FOUND` for block 0 (the deployment's own anchor, never a checkpoint); `RPC_TIMEOUT`, `RPC_ERROR`,
    /// `CHAIN_ID_MISMATCH`.
    pub async fn checkpoint_matches(&self, info: &StoredBlockInfo) -> Result<bool, ClientError> {
        if info.block_number == 0 {
            return Err(ClientError::BlockNotFound(0, "the genesis block is the deployment's anchor, not a checkpoint".into()));
        }
        // Block n's reads from every endpoint side by side (a verify's, chain ids checked), each chain at its lowest head.
        let answers = self.read_blocks(info.block_number, info.block_number).await?.into_iter().next().unwrap_or_default();
        let first = self.connected.first().copied();
        Ok(!answers.is_empty()
            && answers.iter().all(|a| match &a.stored {
                Some(stored) if Some(a.read.chain_id) == first => stored == info && a.stored_hash == info.hash(),
                Some(s) => {
                    (s.block_number, s.timestamp, s.state_hash, s.commitment, s.sync_hash)
                        == (info.block_number, info.timestamp, info.state_hash, info.commitment, info.sync_hash)
                }
                None => false,
            }))
    }

    /// Re-checks an evidence bundle against the chains: [`verify_evidence`] under the `deployment`'s key and anchor, then
    /// every endpoint of every chain of this client (each chain read at the lowest head of its endpoints, with a verify's
    /// reads) must store block n as the bundle records it
    /// (`storedBlockInfo(n)` and `storedBlockHashes(n)` as that chain's first answer says) and the first connected chain
    /// block n − 1 as the bundle's checkpoint. Only then is the check [`Anchored::Chains`]; what differs is listed.
    ///
    /// # Errors
    /// As [`verify_evidence`]; `RPC_TIMEOUT`, `RPC_ERROR`, `CHAIN_ID_MISMATCH`.
    pub async fn recheck(&self, bundle: &EvidenceBundle, deployment: &DeploymentAnchor) -> Result<EvidenceCheck, ClientError> {
        let mut check = verify_evidence(bundle, Some(deployment))?;
        let e = &bundle.evidence;
        let n = e.block_number;
        if e.connected_chains != self.connected {
            check.differences.push("connectedChains: not the chains this client reads".to_owned());
        }
        let first = self.connected.first().copied();
        // The same reads as a verdict's, now, from every endpoint side by side: block n as recorded, and on the first chain
        // block n − 1 as the checkpoint.
        let now = self.read_blocks(n, n).await?.into_iter().next().unwrap_or_default();
        for (chain, _) in &self.chains {
            let id = chain.chain_id;
            let recorded = e.answers.iter().find(|a| a.read.chain_id == id);
            let Some((stored, stored_hash)) = recorded.and_then(|a| Some((a.stored.clone()?, a.stored_hash))) else {
                check.differences.push(format!("chain {id}: the bundle records no stored block {n}"));
                continue;
            };
            for a in now.iter().filter(|a| a.read.chain_id == id) {
                let same = a.stored.as_ref() == Some(&stored)
                    && a.stored_hash == stored_hash
                    && (Some(id) != first || a.prev_stored_hash == Some(e.checkpoint.hash()));
                if !same {
                    check.differences.push(format!(
                        "chain {id}, {}: at EVM block {} the chain does not store blocks {} and {n} as recorded",
                        a.read.endpoint,
                        a.read.evm_block_number,
                        n.wrapping_sub(1)
                    ));
                }
            }
        }
        // A tracked burn's mint, read again from every endpoint of its destination: the same logs as recorded, judged with
        // this client's bridge and decimals (offline, a bundle's own).
        if let (Some(m), Some(op)) = (&e.mint, &e.burn) {
            let now = self.mint_evidence(op).await?;
            if (now.bridge, now.decimals) != (m.bridge, m.decimals) {
                check.differences.push("mint: judged with another bridge or decimals than this client's deployment".to_owned());
            }
            for (r, logs) in now.reads.iter().zip(&now.logs) {
                if m.logs.first() != Some(logs) {
                    check.differences.push(format!(
                        "chain {}, {}: at EVM block {} the chain does not show the mint as recorded",
                        r.chain_id, r.endpoint, r.evm_block_number
                    ));
                }
            }
        }
        check.agrees = check.differences.is_empty();
        if check.agrees {
            check.anchored = Anchored::Chains;
        }
        Ok(check)
    }

    /// The latest block proven on every connected chain (read from each chain's first endpoint: only a target, every
    /// block up to it is then read from all endpoints and judged).
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`.
    pub async fn sync_target(&self) -> Result<u32, ClientError> {
        let mut proven = Vec::new();
        for (chain, endpoints) in &self.chains {
            let ep = endpoints.first().ok_or_else(|| InputError::MissingField("rpc".into()))?;
            let r = self.reader(chain, ep);
            let at = r.head().await?;
            proven.push(r.eth_call(&IZkBridge::totalBlocksProvenCall {}, at).await?);
        }
        let target = proven.into_iter().min().unwrap_or(u32::MAX);
        Ok(if target == u32::MAX { 0 } else { target })
    }
}
