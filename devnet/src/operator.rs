//! The operator daemon: watches both chains for burns, seals a block every interval (or when a batch is full, or when told
//! to), proves it and sends commit → prove → sync → execute to every chain, waiting for each receipt. It keeps no state
//! of its own: every iteration reads where the chains are (`total*` counters, stored blocks, and the block data from the
//! `commitBlocks` calldata of a chain that has it) and sends only what a chain lacks, so a restart at any point resumes
//! without committing or minting a burn twice. Transient RPC errors are retried with a bounded backoff; a revert it expected
//! to pass stops it with that error.

use crate::contracts::{proof_words, IZkBridge};
use crate::devnet::Devnet;
use crate::Error;
use alloy::consensus::Transaction as _;
use alloy::primitives::{B256, U256};
use alloy::providers::Provider;
use alloy::rpc::types::Filter;
use alloy::sol_types::{SolCall, SolEvent};
use ark_bn254::Bn254;
use ark_groth16::{Proof, ProvingKey};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use zkbridge_light::protocol::{self as core, CommitBlockInfo, MappingOp};

/// How the operator runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Seal a block this long after the first pending burn was seen.
    pub interval: Duration,
    /// Seal at once when this many burns are pending.
    pub batch_size: usize,
    /// How often to look at the chains.
    pub poll: Duration,
    /// Consecutive transient failures tolerated before giving up.
    pub max_retries: u32,
    /// A test hook: return after this step of the next block on every chain.
    pub stop_after: Option<StopAfter>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(3),
            batch_size: 8,
            poll: Duration::from_millis(500),
            max_retries: 12,
            stop_after: None,
        }
    }
}

/// Where the test hook stops the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopAfter {
    /// After the block is committed on every chain, before it is proven.
    Commit,
    /// After it is proven on every chain, before it is synchronized.
    Prove,
}

/// Shared control of a running operator: seal now, pause, resume, stop.
#[derive(Debug, Clone, Default)]
pub struct Control {
    seal: Arc<AtomicBool>,
    paused: Arc<AtomicBool>,
    held: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    last_block: Arc<AtomicU32>,
}

impl Control {
    /// Seal a block of the pending burns at the next look (no empty blocks: nothing pending, nothing sealed).
    pub fn seal(&self) {
        self.seal.store(true, Ordering::SeqCst);
    }
    /// Stop sealing new blocks (a block already started is finished).
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }
    /// Seal again.
    pub fn resume(&self) {
        self.paused.store(false, Ordering::SeqCst);
    }
    /// Stop before executing: blocks are still committed, proven and synchronized on every chain, but none is executed
    /// (so nothing is minted) until [`Control::release`] (a test's "verified but not yet minted" moment).
    pub fn hold(&self) {
        self.held.store(true, Ordering::SeqCst);
    }
    /// Execute again.
    pub fn release(&self) {
        self.held.store(false, Ordering::SeqCst);
    }
    /// Whether executing is held.
    pub fn is_held(&self) -> bool {
        self.held.load(Ordering::SeqCst)
    }
    /// Leave the loop at the next look.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }
    /// Whether it is paused.
    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }
    /// The last block it finished on every chain.
    pub fn last_block(&self) -> u32 {
        self.last_block.load(Ordering::SeqCst)
    }
}

/// The operator.
#[derive(Debug)]
pub struct Operator<'a> {
    devnet: &'a Devnet,
    pk: &'a ProvingKey<Bn254>,
    config: Config,
    control: Control,
    proofs: BTreeMap<u32, Proof<Bn254>>,
    pending_since: Option<Instant>,
}

/// What the chains say: `(committed, proven, synchronized, executed)` per chain.
type Counters = BTreeMap<u8, [u32; 4]>;

impl<'a> Operator<'a> {
    /// An operator over `devnet`'s chains.
    pub fn new(devnet: &'a Devnet, pk: &'a ProvingKey<Bn254>, config: Config, control: Control) -> Self {
        Self { devnet, pk, config, control, proofs: BTreeMap::new(), pending_since: None }
    }

    /// Runs until stopped (or until the test hook fires), retrying transient errors.
    ///
    /// # Errors
    /// A revert it expected to pass, or more than `max_retries` consecutive transient failures.
    pub async fn run(&mut self, log: &mut (dyn FnMut(&str) + Send)) -> Result<(), Error> {
        let mut failures = 0u32;
        while !self.control.stop.load(Ordering::SeqCst) {
            match self.step(log).await {
                Ok(true) => return Ok(()),
                Ok(false) => {
                    failures = 0;
                    tokio::time::sleep(self.config.poll).await;
                }
                Err(e @ (Error::Rpc(_) | Error::Setup(_))) => {
                    failures += 1;
                    if failures > self.config.max_retries {
                        return Err(Error::Rpc(format!("giving up after {} consecutive failures: {e}", failures - 1)));
                    }
                    let wait = Duration::from_millis(200u64 << failures.min(5));
                    log(&format!("transient error ({failures}/{}), retrying in {wait:?}: {e}", self.config.max_retries));
                    tokio::time::sleep(wait).await;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    async fn counters(&self) -> Result<Counters, Error> {
        Ok(self.devnet.status().await?.into_iter().collect())
    }

    /// One look at the chains: finish every block some chain has committed, then seal a new block when it is time. Returns
    /// `true` when the test hook fired.
    ///
    /// # Errors
    /// RPC errors and reverts.
    pub async fn step(&mut self, log: &mut (dyn FnMut(&str) + Send)) -> Result<bool, Error> {
        if self.catch_up(log).await? {
            return Ok(true);
        }
        if self.control.is_paused() {
            return Ok(false);
        }
        let pending = self.devnet.pending_burns().await?;
        if pending.is_empty() {
            self.pending_since = None;
            self.control.seal.store(false, Ordering::SeqCst);
            return Ok(false);
        }
        let since = *self.pending_since.get_or_insert_with(Instant::now);
        let sealed = self.control.seal.swap(false, Ordering::SeqCst);
        if !(sealed || pending.len() >= self.config.batch_size || since.elapsed() >= self.config.interval) {
            return Ok(false);
        }
        self.pending_since = None;
        let t = Instant::now();
        let b = self.devnet.prepare_block(self.pk, pending.into_iter().map(|(_, _, op)| op).collect()).await?;
        let n = b.block.block_number;
        let cm = b.stored.values().next().map(|s| s.commitment).unwrap_or_default();
        log(&format!("block {n}: {} burn(s), commitment {cm}, proved in {:.1} s", b.ops.len(), t.elapsed().as_secs_f64()));
        self.proofs.insert(n, b.proof.clone());
        for (id, prev) in &b.prev {
            log(&format!("block {n}: commit on chain {id}: tx {}", self.devnet.commit(*id, prev, &b.block).await?));
        }
        self.catch_up(log).await
    }

    /// The block data of block `n`, read from the `commitBlocks` calldata of a chain that committed it.
    async fn block_data(&self, n: u32, counters: &Counters) -> Result<CommitBlockInfo, Error> {
        for c in &self.devnet.chains {
            if counters.get(&c.info.chain_id).is_none_or(|k| k[0] < n) {
                continue;
            }
            let filter = Filter::new()
                .address(c.info.bridge)
                .event_signature(IZkBridge::BlockCommitted::SIGNATURE_HASH)
                .topic1(B256::from(U256::from(n)))
                .from_block(c.info.deploy_block);
            let logs = c.operator.get_logs(&filter).await.map_err(|e| Error::Rpc(e.to_string()))?;
            let Some(hash) = logs.last().and_then(|l| l.transaction_hash) else { continue };
            let tx = c.operator.get_transaction_by_hash(hash).await.map_err(|e| Error::Rpc(e.to_string()))?;
            let Some(tx) = tx else { continue };
            let call = IZkBridge::commitBlocksCall::abi_decode(tx.input())
                .map_err(|e| Error::Rpc(format!("commitBlocks calldata: {e}")))?;
            if let Some(b) = call.newBlocks.into_iter().find(|b| b.blockNumber == n) {
                return Ok(b.into());
            }
        }
        Err(Error::Rpc(format!("no chain has the data of block {n}")))
    }

    /// Sends every chain what it lacks of every block some chain has committed. Returns `true` when the test hook fired.
    async fn catch_up(&mut self, log: &mut (dyn FnMut(&str) + Send)) -> Result<bool, Error> {
        let d = self.devnet;
        let counters = self.counters().await?;
        let max_committed = counters.values().map(|k| k[0]).max().unwrap_or(0);
        let min_executed = counters.values().map(|k| k[3]).min().unwrap_or(0);
        for n in min_executed.saturating_add(1)..=max_committed {
            let counters = self.counters().await?;
            let block = self.block_data(n, &counters).await?;
            let mut prev = BTreeMap::new();
            for c in &d.chains {
                prev.insert(c.info.chain_id, d.stored_block(c.info.chain_id, n - 1).await?);
            }
            for (id, k) in &counters {
                if k[0] < n {
                    log(&format!("block {n}: commit on chain {id}: tx {}", d.commit(*id, &prev[id], &block).await?));
                }
            }
            if self.config.stop_after == Some(StopAfter::Commit) {
                log(&format!("block {n}: stopping after commit (test hook)"));
                return Ok(true);
            }
            let mut stored = BTreeMap::new();
            for (id, p) in &prev {
                stored.insert(*id, core::stored_block_info_for(p, &block, *id, &d.deployment.connected_chains)?);
            }
            for (id, want) in &stored {
                let got = d.stored_block(*id, n).await?;
                if &got != want {
                    return Err(Error::Reverted {
                        what: format!("block {n} on chain {id}"),
                        reason: "stored another StoredBlockInfo than the core computes".into(),
                    });
                }
            }
            if counters.values().any(|k| k[1] < n) {
                let proof = match self.proofs.get(&n) {
                    Some(p) => p.clone(),
                    None => {
                        let any = prev.values().next().cloned().ok_or(Error::UnknownChain(0))?;
                        let t = Instant::now();
                        let p = d.prove(self.pk, &any, &block)?;
                        log(&format!("block {n}: proved again in {:.1} s (after a restart)", t.elapsed().as_secs_f64()));
                        self.proofs.insert(n, p.clone());
                        p
                    }
                };
                for (id, k) in &counters {
                    if k[1] < n {
                        log(&format!(
                            "block {n}: prove on chain {id}: tx {}",
                            d.prove_on(*id, &stored[id], proof_words(&proof)).await?
                        ));
                    }
                }
            }
            if self.config.stop_after == Some(StopAfter::Prove) {
                log(&format!("block {n}: stopping after prove (test hook)"));
                return Ok(true);
            }
            let hashes: BTreeMap<u8, B256> = stored.iter().map(|(c, s)| (*c, s.sync_hash)).collect();
            for (id, k) in &counters {
                if k[2] < n {
                    log(&format!("block {n}: sync on chain {id}: tx {}", d.sync(*id, &stored[id], &hashes).await?));
                }
            }
            if self.control.is_held() {
                log(&format!("block {n}: synchronized; executing is held"));
                return Ok(false);
            }
            let ops = core::decode_mapping_ops(&block.public_data)?;
            for (id, k) in &counters {
                if k[3] < n {
                    let pending: Vec<MappingOp> =
                        ops.iter().filter(|o| o.from_chain_id == *id || o.to_chain_id == *id).cloned().collect();
                    log(&format!("block {n}: execute on chain {id}: tx {}", d.execute(*id, &stored[id], &pending).await?));
                }
            }
            self.proofs.remove(&n);
            self.control.last_block.store(n, Ordering::SeqCst);
            log(&format!("block {n}: done on every chain"));
        }
        Ok(false)
    }
}
