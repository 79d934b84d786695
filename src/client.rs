//! The light client's core: what to read from the chains for block n, in which order, and how to judge the answers. Plain
//! Rust behind the [`Transport`] trait (one JSON-RPC endpoint); the wasm layer supplies `fetch` and EIP-1193 transports,
//! tests an in-memory one.
//!
//! For block n, from every endpoint of every chain, each read pinned to one EVM block number per chain (the lowest head of
//! the chain's endpoints): `eth_chainId` (must be the configured one), the block data from the `commitBlocks` calldata of
//! the transaction behind `BlockCommitted(n)`, the proof from the `proveBlocks` calldata behind `BlockProven(n)`, and the
//! chain's `storedBlockInfo(n)`, `storedBlockHashes(n)`, `totalBlocksSynchronized()`, `totalBlocksExecuted()`. Answers of
//! one chain's endpoints are compared field by field (a difference is `RPC_DISAGREEMENT` in the `reads` stage; a chain with
//! one endpoint gets the warning `SINGLE_ENDPOINT`); the first endpoint's answers become the chain's report for
//! [`crate::protocol::verify_block`], whose previous block is always one this client verified itself, back
//! to the trust anchor.

use crate::error::{Coded, InputError, ProtocolError};
use crate::groth16::{parse_evm_proof_bytes, Groth16Verifier};
use crate::protocol::{
    verify_block, BlockCheck, CommitBlockInfo, DerivedBlock, Finding, FindingCode, MappingOp, Report, Stage, StageName,
    StoredBlockInfo, Verdict,
};
use alloy_primitives::{hex, Address, B256, U256};
use alloy_sol_types::{sol, SolCall, SolEvent};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::future::Future;

sol! {
    /// The bridge's view the client reads (docs/PROTOCOL.md §8).
    interface IBridgeView {
        struct StoredBlockInfo {
            uint32 blockNumber;
            uint64 priorityOperations;
            bytes32 pendingOnchainOperationsHash;
            uint256 timestamp;
            bytes32 stateHash;
            bytes32 commitment;
            bytes32 syncHash;
        }
        struct OnchainOperationData {
            bytes ethWitness;
            uint32 publicDataOffset;
        }
        struct CommitBlockInfo {
            bytes32 newStateHash;
            bytes publicData;
            uint256 timestamp;
            OnchainOperationData[] onchainOperations;
            uint32 blockNumber;
            uint32 feeAccount;
        }
        event BlockCommitted(uint32 indexed blockNumber, bytes32 commitment);
        event BlockProven(uint32 indexed blockNumber);
        function commitBlocks(StoredBlockInfo lastCommitted, CommitBlockInfo[] newBlocks) external;
        function proveBlocks(StoredBlockInfo[] blocks, uint256[8][] proofs) external;
        function storedBlockInfo(uint32 n) external view returns (StoredBlockInfo memory);
        function storedBlockHashes(uint32 n) external view returns (bytes32);
        function totalBlocksCommitted() external view returns (uint32);
        function totalBlocksProven() external view returns (uint32);
        function totalBlocksSynchronized() external view returns (uint32);
        function totalBlocksExecuted() external view returns (uint32);
    }
}

/// Why a JSON-RPC request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No answer in time (retried).
    Timeout(String),
    /// The connection or HTTP request failed (retried).
    Network(String),
    /// The node answered with a JSON-RPC error (not retried).
    Rpc {
        /// The JSON-RPC error code.
        code: i64,
        /// Its message.
        message: String,
    },
}

/// One JSON-RPC endpoint.
pub trait Transport {
    /// Sends `method(params)` and returns the `result`.
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>>;
    /// Waits `ms` milliseconds (the backoff between retries).
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
}

/// Errors of the client: reads that could not complete. A read that completed is judged, never an error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// An endpoint did not answer in time, after the retries.
    #[error("RPC timeout: chain {chain}, {endpoint}: {detail}")]
    RpcTimeout {
        /// zkLink chain id.
        chain: u8,
        /// The endpoint.
        endpoint: String,
        /// What failed.
        detail: String,
    },
    /// An endpoint failed or answered with an error, after the retries.
    #[error("RPC error: chain {chain}, {endpoint}: {detail}")]
    RpcError {
        /// zkLink chain id.
        chain: u8,
        /// The endpoint.
        endpoint: String,
        /// What failed.
        detail: String,
    },
    /// An endpoint's `eth_chainId` is not the configured EVM chain id.
    #[error("chain {chain}, {endpoint}: eth_chainId is {got}, expected {expected}")]
    ChainIdMismatch {
        /// zkLink chain id.
        chain: u8,
        /// The endpoint.
        endpoint: String,
        /// Configured.
        expected: u64,
        /// Answered.
        got: String,
    },
    /// Block n is not committed (or not proven) on any chain yet, or is before the trust anchor.
    #[error("block {0} not found: {1}")]
    BlockNotFound(u32, String),
    /// The client is already reading (one call at a time: await the previous one).
    #[error("busy: another call of this client is still running")]
    Busy,
    /// Malformed configuration.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The verifying key or a value the core refused.
    #[error(transparent)]
    Protocol(#[from] ProtocolError),
}

impl ClientError {
    /// Every code of this enum's own variants.
    pub const CODES: &'static [&'static str] = &["RPC_TIMEOUT", "RPC_ERROR", "CHAIN_ID_MISMATCH", "BLOCK_NOT_FOUND", "BUSY"];

    /// The stable machine code.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(zkbridge_light::client::ClientError::BlockNotFound(3, "x".into()).code(), "BLOCK_NOT_FOUND");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::RpcTimeout { .. } => "RPC_TIMEOUT",
            Self::RpcError { .. } => "RPC_ERROR",
            Self::ChainIdMismatch { .. } => "CHAIN_ID_MISMATCH",
            Self::BlockNotFound(..) => "BLOCK_NOT_FOUND",
            Self::Busy => "BUSY",
            Self::Input(e) => e.code(),
            Self::Protocol(e) => e.code(),
        }
    }
}

impl Coded for ClientError {
    fn code(&self) -> &'static str {
        ClientError::code(self)
    }
}

/// One chain as the client knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainConfig {
    /// zkLink chain id.
    pub chain_id: u8,
    /// EVM chain id every endpoint must answer.
    pub evm_chain_id: u64,
    /// The bridge.
    pub bridge: Address,
    /// Logs are searched from this EVM block.
    pub deploy_block: u64,
}

/// A named endpoint.
#[derive(Debug)]
pub struct Endpoint<T> {
    /// Its name in findings and evidence (its URL, or "provider").
    pub name: String,
    /// How to reach it.
    pub transport: T,
}

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
    /// `totalBlocksCommitted() ≥ n`.
    pub committed: bool,
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
}

/// Everything a verdict rests on, re-checkable offline (`verify_evidence`); docs/PROTOCOL.md §12.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// Format version, 1.
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
}

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
}

/// `keccak256` of a Mapping op's 83 significant bytes with the fee zeroed: the id a burn and its mint share in the bridge's
/// `MappingBurned`/`MappingMinted` events (docs/PROTOCOL.md §8).
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::MappingOp;
/// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [1; 20].into(), to: [2; 20].into(), token_id: 1, amount: 5,
///     fee: 7, nonce: 0, withdraw_fee: 0 };
/// assert_eq!(zkbridge_light::client::mapping_op_hash(&op), zkbridge_light::client::mapping_op_hash(&MappingOp { fee: 0, ..op }));
/// ```
pub fn mapping_op_hash(op: &MappingOp) -> B256 {
    let bytes = crate::protocol::encode_mapping_op(&MappingOp { fee: 0, ..op.clone() });
    alloy_primitives::keccak256(bytes.get(..crate::protocol::MAPPING_SIG_BYTES).unwrap_or_default())
}

sol! {
    /// The bridge's per-op events.
    event MappingMinted(bytes32 indexed opHash, address indexed to, uint16 tokenId, uint256 amount);
    /// The escrow of an executed op was burnt on its source chain.
    event MappingBurned(bytes32 indexed opHash, address indexed owner, uint16 tokenId, uint256 amount);
}

/// The topics of the bridge's events a page or the JS client looks for: `{ MappingMinted, MappingBurned, BlockCommitted,
/// BlockProven }` (keccak of each signature).
pub fn event_topics() -> BTreeMap<&'static str, B256> {
    BTreeMap::from([
        ("MappingMinted", MappingMinted::SIGNATURE_HASH),
        ("MappingBurned", MappingBurned::SIGNATURE_HASH),
        ("BlockCommitted", IBridgeView::BlockCommitted::SIGNATURE_HASH),
        ("BlockProven", IBridgeView::BlockProven::SIGNATURE_HASH),
    ])
}

/// The calldata of the bridge's block counters (`totalBlocksCommitted()`, …), by name: what a page shows per chain.
///
/// # Examples
/// ```
/// let calls = zkbridge_light::client::counter_calls();
/// assert_eq!(calls[0].0, "totalBlocksCommitted");
/// assert_eq!(calls[0].1, alloy_primitives::keccak256("totalBlocksCommitted()")[..4]);
/// ```
pub fn counter_calls() -> [(&'static str, [u8; 4]); 4] {
    [
        ("totalBlocksCommitted", IBridgeView::totalBlocksCommittedCall::SELECTOR),
        ("totalBlocksProven", IBridgeView::totalBlocksProvenCall::SELECTOR),
        ("totalBlocksSynchronized", IBridgeView::totalBlocksSynchronizedCall::SELECTOR),
        ("totalBlocksExecuted", IBridgeView::totalBlocksExecutedCall::SELECTOR),
    ]
}

/// Retries and backoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Retries after the first attempt, for timeouts and network errors.
    pub retries: u32,
    /// The first backoff; doubled each time.
    pub backoff_ms: u64,
}

impl Default for Retry {
    fn default() -> Self {
        Self { retries: 3, backoff_ms: 200 }
    }
}

fn quantity(v: &Value, what: &str) -> Result<u64, InputError> {
    let s = v.as_str().ok_or_else(|| InputError::InvalidHex(what.to_owned()))?;
    let digits =
        s.strip_prefix("0x").filter(|d| !d.is_empty() && d.len() <= 16).ok_or_else(|| InputError::InvalidHex(what.to_owned()))?;
    u64::from_str_radix(digits, 16).map_err(|_| InputError::InvalidHex(what.to_owned()))
}

fn bytes_of(v: &Value, what: &str) -> Result<Vec<u8>, InputError> {
    crate::input::hex_bytes(v.as_str().ok_or_else(|| InputError::InvalidHex(what.to_owned()))?, what)
}

fn h(b: &[u8]) -> String {
    format!("0x{}", hex::encode(b))
}

impl From<IBridgeView::StoredBlockInfo> for StoredBlockInfo {
    fn from(s: IBridgeView::StoredBlockInfo) -> Self {
        Self {
            block_number: s.blockNumber,
            priority_operations: s.priorityOperations,
            pending_onchain_operations_hash: s.pendingOnchainOperationsHash,
            timestamp: s.timestamp,
            state_hash: s.stateHash,
            commitment: s.commitment,
            sync_hash: s.syncHash,
        }
    }
}

impl From<&StoredBlockInfo> for IBridgeView::StoredBlockInfo {
    fn from(s: &StoredBlockInfo) -> Self {
        Self {
            blockNumber: s.block_number,
            priorityOperations: s.priority_operations,
            pendingOnchainOperationsHash: s.pending_onchain_operations_hash,
            timestamp: s.timestamp,
            stateHash: s.state_hash,
            commitment: s.commitment,
            syncHash: s.sync_hash,
        }
    }
}

impl From<IBridgeView::CommitBlockInfo> for CommitBlockInfo {
    fn from(b: IBridgeView::CommitBlockInfo) -> Self {
        Self {
            new_state_hash: b.newStateHash,
            public_data: b.publicData,
            timestamp: b.timestamp,
            onchain_operations: b
                .onchainOperations
                .into_iter()
                .map(|o| crate::protocol::OnchainOperationData {
                    eth_witness: o.ethWitness,
                    public_data_offset: o.publicDataOffset,
                })
                .collect(),
            block_number: b.blockNumber,
            fee_account: b.feeAccount,
        }
    }
}

/// The light client over `T` endpoints.
#[derive(Debug)]
pub struct BridgeClient<T> {
    chains: Vec<(ChainConfig, Vec<Endpoint<T>>)>,
    connected: Vec<u8>,
    verifier: Groth16Verifier,
    retry: Retry,
    /// Blocks this client verified (commit, zkVerify and consensus stages ok), from the anchor on: n → what the first
    /// connected chain must store for n (every field recomputed, never read).
    verified: BTreeMap<u32, StoredBlockInfo>,
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
        let mut connected: Vec<u8> = chains.iter().map(|(c, _)| c.chain_id).collect();
        connected.sort_unstable();
        let verified = BTreeMap::from([(anchor.block_number, anchor)]);
        Ok(Self { chains, connected, verifier, retry, verified })
    }

    /// The anchor's block number and the last block verified since.
    pub fn verified_range(&self) -> (u32, u32) {
        (self.verified.keys().next().copied().unwrap_or(0), self.verified.keys().next_back().copied().unwrap_or(0))
    }

    async fn call(&self, chain: u8, ep: &Endpoint<T>, method: &str, params: Value) -> Result<Value, ClientError> {
        let mut wait = self.retry.backoff_ms;
        let mut attempt = 0u32;
        loop {
            match ep.transport.request(method, params.clone()).await {
                Ok(v) => return Ok(v),
                Err(TransportError::Rpc { code, message }) => {
                    return Err(ClientError::RpcError {
                        chain,
                        endpoint: ep.name.clone(),
                        detail: format!("{method}: {code} {message}"),
                    })
                }
                Err(e) if attempt >= self.retry.retries => {
                    let why = match &e {
                        TransportError::Timeout(m) => format!("timeout: {m}"),
                        TransportError::Network(m) => format!("network: {m}"),
                        TransportError::Rpc { code, message } => format!("{code} {message}"),
                    };
                    let detail = format!("{method}: {why} (after {attempt} retries)");
                    return Err(match e {
                        TransportError::Timeout(_) => ClientError::RpcTimeout { chain, endpoint: ep.name.clone(), detail },
                        _ => ClientError::RpcError { chain, endpoint: ep.name.clone(), detail },
                    });
                }
                Err(_) => {
                    attempt += 1;
                    ep.transport.sleep(wait).await;
                    wait = wait.saturating_mul(2);
                }
            }
        }
    }

    /// The endpoint's latest EVM block number.
    async fn head(&self, chain: u8, ep: &Endpoint<T>) -> Result<u64, ClientError> {
        Ok(quantity(&self.call(chain, ep, "eth_blockNumber", json!([])).await?, "eth_blockNumber")?)
    }

    async fn eth_call<C: SolCall>(
        &self,
        chain: &ChainConfig,
        ep: &Endpoint<T>,
        call: &C,
        at: u64,
    ) -> Result<C::Return, ClientError> {
        let bytes = self.eth_call_raw(chain, ep, call.abi_encode(), at).await?;
        C::abi_decode_returns(&bytes).map_err(|e| InputError::InvalidLength(format!("{}: {e}", C::SIGNATURE)).into())
    }

    /// The one `eth_call` future (not generic: one state machine for every call the client makes).
    async fn eth_call_raw(&self, chain: &ChainConfig, ep: &Endpoint<T>, data: Vec<u8>, at: u64) -> Result<Vec<u8>, ClientError> {
        let params = json!([{ "to": chain.bridge.to_checksum(None), "data": h(&data) }, format!("{at:#x}")]);
        let out = self.call(chain.chain_id, ep, "eth_call", params).await?;
        Ok(bytes_of(&out, "eth_call result")?)
    }

    /// The input of the transaction behind the last `event(n)` log of `chain` up to block `at`.
    async fn calldata_of(
        &self,
        chain: &ChainConfig,
        ep: &Endpoint<T>,
        topic0: B256,
        n: u32,
        at: u64,
    ) -> Result<Option<Vec<u8>>, ClientError> {
        let filter = json!([{
            "address": chain.bridge.to_checksum(None),
            "topics": [topic0, B256::from(U256::from(n))],
            "fromBlock": format!("{:#x}", chain.deploy_block),
            "toBlock": format!("{at:#x}"),
        }]);
        let logs = self.call(chain.chain_id, ep, "eth_getLogs", filter).await?;
        let Some(tx) = logs.as_array().and_then(|l| l.last()).and_then(|l| l.get("transactionHash")).cloned() else {
            return Ok(None);
        };
        let tx = self.call(chain.chain_id, ep, "eth_getTransactionByHash", json!([tx])).await?;
        Ok(Some(bytes_of(tx.get("input").unwrap_or(&Value::Null), "transaction input")?))
    }

    async fn answer(&self, chain: &ChainConfig, ep: &Endpoint<T>, n: u32, at: u64) -> Result<Answer, ClientError> {
        let id = chain.chain_id;
        let block = self.call(id, ep, "eth_getBlockByNumber", json!([format!("{at:#x}"), false])).await?;
        let hash = crate::input::b256(block.get("hash").and_then(Value::as_str).unwrap_or_default(), "block hash")?;
        let read = Read { chain_id: id, endpoint: ep.name.clone(), evm_block_number: at, evm_block_hash: hash };
        // The four counters, in `counter_calls` order, all `uint32`: one loop, one decoder.
        let mut counters = [0u32; 4];
        for (slot, (name, selector)) in counters.iter_mut().zip(counter_calls()) {
            let bytes = self.eth_call_raw(chain, ep, selector.to_vec(), at).await?;
            *slot = IBridgeView::totalBlocksProvenCall::abi_decode_returns(&bytes)
                .map_err(|e| InputError::InvalidLength(format!("{name}(): {e}")))?;
        }
        let [committed, proven, synchronized, executed] = counters;
        let committed = committed >= n;
        if !committed {
            return Ok(Answer {
                read,
                committed,
                stored: None,
                stored_hash: B256::ZERO,
                synchronized,
                executed,
                proven,
                block: None,
                proof: None,
            });
        }
        let stored = self.eth_call(chain, ep, &IBridgeView::storedBlockInfoCall { n }, at).await?;
        let stored_hash = self.eth_call(chain, ep, &IBridgeView::storedBlockHashesCall { n }, at).await?;
        let block = match self.calldata_of(chain, ep, IBridgeView::BlockCommitted::SIGNATURE_HASH, n, at).await? {
            Some(input) => IBridgeView::commitBlocksCall::abi_decode(&input)
                .ok()
                .and_then(|c| c.newBlocks.into_iter().find(|b| b.blockNumber == n))
                .map(CommitBlockInfo::from),
            None => None,
        };
        let proof = match self.calldata_of(chain, ep, IBridgeView::BlockProven::SIGNATURE_HASH, n, at).await? {
            Some(input) => IBridgeView::proveBlocksCall::abi_decode(&input).ok().and_then(|c| {
                let i = c.blocks.iter().position(|b| b.blockNumber == n)?;
                let words = c.proofs.get(i)?;
                let mut out = [0u8; 256];
                for (chunk, w) in out.chunks_exact_mut(32).zip(words) {
                    chunk.copy_from_slice(&w.to_be_bytes::<32>());
                }
                Some(alloy_primitives::Bytes::copy_from_slice(&out))
            }),
            None => None,
        };
        Ok(Answer { read, committed, stored: Some(stored.into()), stored_hash, synchronized, executed, proven, block, proof })
    }

    /// Reads block `n` from every endpoint of every chain (pinned per chain) and judges it on top of the verified block
    /// `n − 1`, which must already be verified ([`BridgeClient::verify`] walks there first).
    async fn judge(&self, n: u32, destination: Option<u8>) -> Result<(ClientVerdict, CommitBlockInfo), ClientError> {
        let prev = self
            .verified
            .get(&n.wrapping_sub(1))
            .cloned()
            .ok_or_else(|| ClientError::BlockNotFound(n, "its previous block is not verified".into()))?;
        let mut answers = Vec::new();
        for (chain, endpoints) in &self.chains {
            let id = chain.chain_id;
            let mut heads = Vec::new();
            for ep in endpoints {
                let got = self.call(id, ep, "eth_chainId", json!([])).await?;
                if quantity(&got, "eth_chainId").ok() != Some(chain.evm_chain_id) {
                    return Err(ClientError::ChainIdMismatch {
                        chain: id,
                        endpoint: ep.name.clone(),
                        expected: chain.evm_chain_id,
                        got: got.to_string(),
                    });
                }
                heads.push(self.head(id, ep).await?);
            }
            let at = heads.iter().copied().min().unwrap_or(0);
            for ep in endpoints {
                answers.push(self.answer(chain, ep, n, at).await?);
            }
        }
        let evidence = Evidence {
            format: 1,
            library: LIBRARY.to_owned(),
            block_number: n,
            destination,
            vk: crate::groth16::snarkjs::vk_to_json(self.verifier.verifying_key()),
            checkpoint: prev,
            connected_chains: self.connected.clone(),
            answers,
        };
        judge_answers(&self.verifier, evidence)
    }

    /// Verifies block `n`: every block from the anchor to `n − 1` first (each must pass its commit, zkVerify and consensus
    /// stages, else its verdict is returned), then `n`; `destination` (or, without one, every connected chain) must have
    /// synchronized `n` for the execute stage.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`, `CHAIN_ID_MISMATCH`, `BLOCK_NOT_FOUND` (not committed or proven anywhere, or before the
    /// anchor): never a verdict on partial data.
    pub async fn verify(&mut self, n: u32, destination: Option<u8>) -> Result<ClientVerdict, ClientError> {
        let (anchor, _) = self.verified_range();
        if n <= anchor {
            return Err(ClientError::BlockNotFound(n, format!("at or before the trust anchor (block {anchor})")));
        }
        if n <= self.verified_range().1 {
            // Already a verified link: judged again on fresh reads (its execute stage may have changed), on the same prev.
            return Ok(self.judge(n, destination).await?.0);
        }
        loop {
            let (_, last) = self.verified_range();
            let next = last.saturating_add(1);
            let (v, block) = self.judge(next, if next == n { destination } else { None }).await?;
            // Linked: every stage but execute is ok; only then does the block become a verified link of the chain.
            let linked = v.verdict.stages.iter().filter(|s| s.stage != StageName::Execute).all(|s| s.ok);
            if linked {
                self.accept(next, &block)?;
            }
            if next == n || !linked {
                return Ok(v);
            }
        }
    }

    /// Records block `n` as verified: what the first connected chain must store, recomputed from the verified block before.
    fn accept(&mut self, n: u32, block: &CommitBlockInfo) -> Result<(), ClientError> {
        let prev = self.verified.get(&n.wrapping_sub(1)).ok_or_else(|| ClientError::BlockNotFound(n, "unlinked".into()))?;
        let first = self.connected.first().copied().unwrap_or_default();
        let info = DerivedBlock::compute(prev, block, &self.connected)
            .stored_block_info(block, first)
            .ok_or_else(|| ClientError::BlockNotFound(n, "not derivable".into()))?;
        self.verified.insert(n, info);
        Ok(())
    }

    /// Verifies every block from the last verified one to the latest proven on every chain; returns the last verdict
    /// (`None` when there was nothing new).
    ///
    /// # Errors
    /// As [`BridgeClient::verify`].
    pub async fn sync(&mut self) -> Result<Option<ClientVerdict>, ClientError> {
        let target = self.sync_target().await?;
        let (_, last) = self.verified_range();
        if target <= last {
            return Ok(None);
        }
        self.verify(target, None).await.map(Some)
    }

    /// The last verified block: what the first connected chain must store for it (the anchor when nothing was verified
    /// since). A later client can start from it as its checkpoint.
    pub fn checkpoint(&self) -> Option<&StoredBlockInfo> {
        self.verified.values().next_back()
    }

    /// Whether every endpoint of every chain stores `info`'s block as `info` says, at its latest EVM block: the first
    /// connected chain (whose view a checkpoint is) the whole `StoredBlockInfo` and its `storedBlockHashes`, every other
    /// chain the same number, timestamp, root, commitment and sync hash. How a stored checkpoint is checked before use.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`.
    pub async fn checkpoint_matches(&self, info: &StoredBlockInfo) -> Result<bool, ClientError> {
        let first = self.connected.first().copied();
        for (chain, endpoints) in &self.chains {
            for ep in endpoints {
                let at = self.head(chain.chain_id, ep).await?;
                let n = info.block_number;
                let stored: StoredBlockInfo = self.eth_call(chain, ep, &IBridgeView::storedBlockInfoCall { n }, at).await?.into();
                let same = if Some(chain.chain_id) == first {
                    stored == *info
                        && self.eth_call(chain, ep, &IBridgeView::storedBlockHashesCall { n }, at).await? == info.hash()
                } else {
                    (stored.block_number, stored.timestamp, stored.state_hash, stored.commitment, stored.sync_hash)
                        == (info.block_number, info.timestamp, info.state_hash, info.commitment, info.sync_hash)
                };
                if !same {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    /// The latest block proven on every connected chain (read from each chain's first endpoint: only a target, every
    /// block up to it is then read from all endpoints and judged).
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`.
    pub async fn sync_target(&self) -> Result<u32, ClientError> {
        let mut target = u32::MAX;
        for (chain, endpoints) in &self.chains {
            let ep = endpoints.first().ok_or_else(|| InputError::MissingField("rpc".into()))?;
            let at = self.head(chain.chain_id, ep).await?;
            target = target.min(self.eth_call(chain, ep, &IBridgeView::totalBlocksProvenCall {}, at).await?);
        }
        Ok(if target == u32::MAX { 0 } else { target })
    }
}

/// Judges the answers of one block (everything in `evidence`): the same decision online ([`BridgeClient::verify`]) and
/// offline ([`verify_evidence`]).
///
/// # Errors
/// `BLOCK_NOT_FOUND` when no answer carries the block data or the proof; the verifier's codes for a malformed proof.
pub fn judge_answers(verifier: &Groth16Verifier, evidence: Evidence) -> Result<(ClientVerdict, CommitBlockInfo), ClientError> {
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
    let block = firsts
        .iter()
        .find_map(|(_, a)| a.block.clone())
        .ok_or_else(|| ClientError::BlockNotFound(n, "not committed on any chain".into()))?;
    let proof_bytes = firsts
        .iter()
        .find_map(|(_, a)| a.proof.clone())
        .ok_or_else(|| ClientError::BlockNotFound(n, "not proven on any chain".into()))?;
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
        burn: None,
    };
    let mut verdict = verify_block(&check);
    // Every chain committed the same block data.
    for (id, a) in &firsts {
        if a.block.as_ref().is_some_and(|b| b != &check.block) {
            if let Some(stage) = verdict.stages.iter_mut().find(|s| s.stage == StageName::Commit) {
                stage.ok = false;
                stage.codes.push(Finding {
                    code: FindingCode::BlockDataMismatch,
                    chain_id: Some(*id),
                    detail: format!("chain {id}'s commitBlocks calldata differs from the block data judged"),
                });
            }
        }
    }
    verdict.stages.insert(0, Stage { stage: StageName::Reads, ok: reads_stage.is_empty(), codes: reads_stage });
    verdict.approved = verdict.stages.iter().all(|s| s.ok);
    let destination = evidence.destination;
    Ok((ClientVerdict { verdict, warnings, reads, chains: states, ops, destination, evidence }, check.block))
}

/// An evidence bundle as read back: the evidence and the verdict it claims.
#[derive(Debug, Clone)]
pub struct EvidenceBundle {
    /// What the verdict rests on.
    pub evidence: Evidence,
    /// The prepared key of `evidence.vk`.
    pub verifier: Groth16Verifier,
    /// The verdict the bundle claims (JSON, as exported).
    pub verdict: Value,
}

/// The offline re-check of an evidence bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceCheck {
    /// The recomputed verdict equals the claimed one and the library is this one.
    pub agrees: bool,
    /// What differs (`library`, or the verdict's members).
    pub differences: Vec<String>,
    /// The recomputed verdict.
    pub verdict: Verdict,
}

/// Re-checks an evidence bundle offline, without any RPC: the same judgement on the same answers must give the verdict
/// it claims.
///
/// # Errors
/// As [`judge_answers`].
pub fn verify_evidence(bundle: &EvidenceBundle) -> Result<EvidenceCheck, ClientError> {
    let (again, _) = judge_answers(&bundle.verifier, bundle.evidence.clone())?;
    let mut differences = Vec::new();
    if bundle.evidence.library != LIBRARY {
        differences.push(format!("library: {} (this is {LIBRARY})", bundle.evidence.library));
    }
    let mut recomputed = serde_json::to_value(&again).map_err(|e| InputError::InvalidJson(e.to_string()))?;
    if let Some(o) = recomputed.as_object_mut() {
        o.remove("evidence");
    }
    let mut claimed = bundle.verdict.clone();
    if let Some(o) = claimed.as_object_mut() {
        o.remove("evidence");
        o.remove("verifyMs");
    }
    match (recomputed.as_object(), claimed.as_object()) {
        (Some(a), Some(b)) => {
            for k in a.keys().chain(b.keys()) {
                if a.get(k) != b.get(k) && !differences.iter().any(|d| d == k) {
                    differences.push(k.clone());
                }
            }
        }
        _ => differences.push("verdict".into()),
    }
    Ok(EvidenceCheck { agrees: differences.is_empty(), differences, verdict: again.verdict })
}
