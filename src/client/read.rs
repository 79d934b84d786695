//! Reading one endpoint: the chain as the client knows it ([`ChainConfig`]), an [`EndpointReader`] that turns one
//! endpoint's answers into an [`Answer`], and the decoding of those answers as pure functions (tests and fuzzers call them
//! with in-memory bytes).

use super::abi::{counter_calls, IZkBridge};
use super::join::{run_all, Task};
use super::judge::{Answer, Read};
use super::transport::{request, Endpoint, Retry, Transport};
use crate::error::{ClientError, InputError};
use crate::protocol::CommitBlockInfo;
use alloy_primitives::{hex, Address, Bytes, B256, U256};
use alloy_sol_types::abi::AbiDecoderConfig;
use alloy_sol_types::{SolCall, SolEvent};
use serde_json::{json, Value};
use std::future::Future;
use std::pin::Pin;

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

/// A JSON-RPC quantity (`0x` + 1–16 hex digits) as a `u64`.
///
/// # Errors
/// `INVALID_HEX` naming `what`.
pub fn quantity(v: &Value, what: &str) -> Result<u64, InputError> {
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

/// A 32-byte word as JSON-RPC text.
pub(crate) fn word(w: &B256) -> Value {
    Value::String(h(w.as_slice()))
}

/// `[{ address, topics, fromBlock, toBlock }]`, the params of one `eth_getLogs` (`None` topics are wildcards). Built by hand,
/// without serde: one non-generic builder for every log read the client makes.
pub(crate) fn log_filter(address: Address, topics: &[Option<B256>], from: u64, to: u64) -> Value {
    let mut f = serde_json::Map::new();
    f.insert("address".into(), Value::String(address.to_checksum(None)));
    f.insert("topics".into(), Value::Array(topics.iter().map(|t| t.as_ref().map_or(Value::Null, word)).collect()));
    f.insert("fromBlock".into(), Value::String(format!("{from:#x}")));
    f.insert("toBlock".into(), Value::String(format!("{to:#x}")));
    Value::Array(vec![Value::Object(f)])
}

/// The decoder every answer goes through: strict ABI (canonical offsets, complete zero padding, valid tokens, no trailing
/// bytes), alloy's validating decode.
fn strict() -> AbiDecoderConfig {
    AbiDecoderConfig::new().strict(true)
}

/// An `eth_call` result of `C`, decoded strictly.
///
/// # Errors
/// What does not decode (missing, trailing or non-canonical bytes), as text for the caller's `RPC_ERROR`.
///
/// # Examples
/// ```
/// use zkbridge_light::client::{read::decode_return, IZkBridge::totalBlocksProvenCall};
/// let mut word = [0u8; 32];
/// word[31] = 7;
/// assert_eq!(decode_return::<totalBlocksProvenCall>(&word), Ok(7));
/// assert!(decode_return::<totalBlocksProvenCall>(&[word, word].concat()).is_err()); // trailing bytes
/// assert!(decode_return::<totalBlocksProvenCall>(&word[1..]).is_err()); // missing bytes
/// ```
pub fn decode_return<C: SolCall>(bytes: &[u8]) -> Result<C::Return, String> {
    C::abi_decode_returns_with_config(bytes, strict()).map_err(|e| format!("{}: {e}", C::SIGNATURE))
}

/// The block data of block `n` from a `commitBlocks` transaction's input.
///
/// # Errors
/// Input that is not a strictly encoded `commitBlocks` call, or one without block `n`, as text.
///
/// # Examples
/// ```
/// assert!(zkbridge_light::client::read::decode_commit_calldata(&[0xde, 0xad], 1).is_err());
/// ```
pub fn decode_commit_calldata(input: &[u8], n: u32) -> Result<CommitBlockInfo, String> {
    IZkBridge::commitBlocksCall::abi_decode_with_config(input, strict())
        .map_err(|e| format!("not a commitBlocks call: {e}"))?
        .newBlocks
        .into_iter()
        .find(|b| b.blockNumber == n)
        .map(CommitBlockInfo::from)
        .ok_or_else(|| format!("the commitBlocks call has no block {n}"))
}

/// The proof of block `n` (EVM form, 256 bytes) from a `proveBlocks` transaction's input.
///
/// # Errors
/// Input that is not a strictly encoded `proveBlocks` call, or one without block `n`, as text.
///
/// # Examples
/// ```
/// assert!(zkbridge_light::client::read::decode_prove_calldata(&[], 1).is_err());
/// ```
pub fn decode_prove_calldata(input: &[u8], n: u32) -> Result<Bytes, String> {
    let c = IZkBridge::proveBlocksCall::abi_decode_with_config(input, strict())
        .map_err(|e| format!("not a proveBlocks call: {e}"))?;
    let words = c
        .blocks
        .iter()
        .position(|b| b.blockNumber == n)
        .and_then(|i| c.proofs.get(i))
        .ok_or_else(|| format!("the proveBlocks call has no block {n}"))?;
    let mut out = [0u8; 256];
    for (chunk, w) in out.chunks_exact_mut(32).zip(words) {
        chunk.copy_from_slice(&w.to_be_bytes::<32>());
    }
    Ok(Bytes::copy_from_slice(&out))
}

/// The transaction hash of the last log of an `eth_getLogs` answer for `address`, `topic0` and `topic1`; every log must be
/// one that was asked for (that address and those topics, not `removed`).
///
/// # Errors
/// A result that is not an array, or a log that is malformed or was not asked for, as text.
///
/// # Examples
/// ```
/// use alloy_primitives::{Address, B256};
/// use zkbridge_light::client::read::last_log_tx;
/// let (a, t0, t1) = (Address::repeat_byte(1), B256::repeat_byte(2), B256::repeat_byte(3));
/// let log = serde_json::json!({ "address": a, "topics": [t0, t1], "transactionHash": B256::repeat_byte(4) });
/// assert_eq!(last_log_tx(&serde_json::json!([log]), a, t0, t1), Ok(Some(B256::repeat_byte(4))));
/// assert_eq!(last_log_tx(&serde_json::json!([]), a, t0, t1), Ok(None));
/// assert!(last_log_tx(&serde_json::json!({}), a, t0, t1).is_err()); // not an array
/// assert!(last_log_tx(&serde_json::json!([log]), Address::ZERO, t0, t1).is_err()); // another contract's log
/// ```
pub fn last_log_tx(logs: &Value, address: Address, topic0: B256, topic1: B256) -> Result<Option<B256>, String> {
    let logs = logs.as_array().ok_or("the result is not an array")?;
    let mut last = None;
    for l in logs {
        let log_address = l.get("address").and_then(Value::as_str).and_then(|s| s.parse::<Address>().ok());
        if log_address != Some(address) {
            return Err("a log of another contract".into());
        }
        let topic = |i: usize| {
            l.get("topics").and_then(|t| t.get(i)).and_then(Value::as_str).and_then(|s| crate::input::b256(s, "topic").ok())
        };
        if topic(0) != Some(topic0) || topic(1) != Some(topic1) {
            return Err("a log with other topics than asked".into());
        }
        if l.get("removed").and_then(Value::as_bool) == Some(true) {
            return Err("a removed log".into());
        }
        let tx = l.get("transactionHash").and_then(Value::as_str).and_then(|s| crate::input::b256(s, "tx").ok());
        last = Some(tx.ok_or("a log without a transaction hash")?);
    }
    Ok(last)
}

/// The input of an `eth_getTransactionByHash` answer, which must be the transaction `hash`, sent to `to`.
///
/// # Errors
/// A missing transaction, another one, one to another address, or an input that is not hex, as text.
///
/// # Examples
/// ```
/// use alloy_primitives::{Address, B256};
/// use zkbridge_light::client::read::transaction_input;
/// let (h, to) = (B256::repeat_byte(4), Address::repeat_byte(1));
/// let tx = serde_json::json!({ "hash": h, "to": to, "input": "0xc0de" });
/// assert_eq!(transaction_input(&tx, h, to), Ok(vec![0xc0, 0xde]));
/// assert!(transaction_input(&tx, B256::ZERO, to).is_err()); // another transaction
/// assert!(transaction_input(&serde_json::Value::Null, h, to).is_err());
/// ```
pub fn transaction_input(tx: &Value, hash: B256, to: Address) -> Result<Vec<u8>, String> {
    if tx.is_null() {
        return Err("no such transaction".into());
    }
    if tx.get("hash").and_then(Value::as_str).and_then(|s| crate::input::b256(s, "hash").ok()) != Some(hash) {
        return Err("another transaction than asked".into());
    }
    if tx.get("to").and_then(Value::as_str).and_then(|s| s.parse::<Address>().ok()) != Some(to) {
        return Err("a transaction to another address".into());
    }
    bytes_of(tx.get("input").unwrap_or(&Value::Null), "input").map_err(|e| e.to_string())
}

/// The hash of an `eth_getBlockByNumber(at)` answer, which must be block `at`.
///
/// # Errors
/// A missing block, another block number, or a hash that is not 32 bytes, as text.
///
/// # Examples
/// ```
/// use alloy_primitives::B256;
/// use zkbridge_light::client::read::block_hash_at;
/// let b = serde_json::json!({ "number": "0x10", "hash": B256::repeat_byte(7) });
/// assert_eq!(block_hash_at(&b, 16), Ok(B256::repeat_byte(7)));
/// assert!(block_hash_at(&b, 17).is_err()); // another block
/// ```
pub fn block_hash_at(block: &Value, at: u64) -> Result<B256, String> {
    let number = block.get("number").ok_or("no block (or no number)")?;
    if quantity(number, "number").ok() != Some(at) {
        return Err(format!("another block than {at:#x}: {number}"));
    }
    crate::input::b256(block.get("hash").and_then(Value::as_str).unwrap_or_default(), "hash").map_err(|e| e.to_string())
}

/// `RPC_ERROR` naming chain, endpoint and method (one non-generic constructor for every such error).
pub(crate) fn rpc_error(chain: u8, endpoint: &str, method: &str, kind: &str, what: &str) -> ClientError {
    ClientError::RpcError { chain, endpoint: endpoint.to_owned(), detail: format!("{method}: {kind}{what}") }
}

/// One endpoint of one chain, read with the client's retries.
#[derive(Debug)]
pub struct EndpointReader<'a, T> {
    /// The chain.
    pub chain: &'a ChainConfig,
    /// The endpoint.
    pub ep: &'a Endpoint<T>,
    /// Retries and backoff.
    pub retry: Retry,
    /// How many EVM blocks behind the head reads are pinned ([`EndpointReader::head`]).
    pub confirmations: u64,
}

/// A committed block's second round of reads: its stored block, and the inputs of the transactions that committed and
/// proved it.
type RoundTwo = (Option<IZkBridge::StoredBlockInfo>, Option<Vec<u8>>, Option<Vec<u8>>);

impl<T: Transport> EndpointReader<'_, T> {
    /// `RPC_ERROR` for an answer that is malformed: naming chain, endpoint and method.
    pub(crate) fn malformed(&self, method: &str, what: &str) -> ClientError {
        rpc_error(self.chain.chain_id, &self.ep.name, method, "malformed answer: ", what)
    }

    /// `method(params)`, retried.
    ///
    /// # Errors
    /// As [`request`].
    pub fn call<'b>(&'b self, method: &'b str, params: Value) -> Pin<Box<dyn Future<Output = Result<Value, ClientError>> + 'b>> {
        // One boxed future, not inlined at every call site: the retry loop and the transport's future are compiled once
        // (measured: this keeps the .wasm kilobytes smaller per read site).
        Box::pin(request(self.ep, self.chain.chain_id, self.retry, method, params))
    }

    /// Checks that the endpoint's `eth_chainId` is the configured EVM chain id.
    ///
    /// # Errors
    /// `CHAIN_ID_MISMATCH`; `RPC_TIMEOUT`, `RPC_ERROR`.
    pub async fn check_chain_id(&self) -> Result<(), ClientError> {
        let got = self.call("eth_chainId", json!([])).await?;
        if quantity(&got, "eth_chainId").ok() != Some(self.chain.evm_chain_id) {
            return Err(ClientError::ChainIdMismatch {
                chain: self.chain.chain_id,
                endpoint: self.ep.name.clone(),
                expected: self.chain.evm_chain_id,
                got: got.to_string(),
            });
        }
        Ok(())
    }

    /// The EVM block reads are pinned at: the endpoint's latest block number minus the deployment's `confirmations`.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR` (also for an answer that is not a quantity).
    pub async fn head(&self) -> Result<u64, ClientError> {
        let got = self.call("eth_blockNumber", json!([])).await?;
        let head = quantity(&got, "eth_blockNumber").map_err(|_| self.malformed("eth_blockNumber", "not a quantity"))?;
        Ok(head.saturating_sub(self.confirmations))
    }

    /// `call` on the bridge at EVM block `at`, decoded.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR` (also for a result that does not decode strictly).
    pub async fn eth_call<C: SolCall>(&self, call: &C, at: u64) -> Result<C::Return, ClientError> {
        let bytes = self.eth_call_raw(call.abi_encode(), at).await?;
        decode_return::<C>(&bytes).map_err(|e| self.malformed("eth_call", &e))
    }

    /// The one `eth_call` future (not generic: one state machine for every call the client makes).
    async fn eth_call_raw(&self, data: Vec<u8>, at: u64) -> Result<Vec<u8>, ClientError> {
        let params = json!([{ "to": self.chain.bridge.to_checksum(None), "data": h(&data) }, format!("{at:#x}")]);
        let out = self.call("eth_call", params).await?;
        bytes_of(&out, "result").map_err(|e| self.malformed("eth_call", &e.to_string()))
    }

    /// The input of the transaction behind the last `event(n)` log of the chain up to block `at`.
    async fn calldata_of(&self, topic0: B256, n: u32, at: u64) -> Result<Option<Vec<u8>>, ClientError> {
        let filter = log_filter(self.chain.bridge, &[Some(topic0), Some(B256::from(U256::from(n)))], self.chain.deploy_block, at);
        let logs = self.call("eth_getLogs", filter).await?;
        let topic1 = B256::from(U256::from(n));
        let Some(hash) = last_log_tx(&logs, self.chain.bridge, topic0, topic1).map_err(|e| self.malformed("eth_getLogs", &e))?
        else {
            return Ok(None);
        };
        let tx = self.call("eth_getTransactionByHash", Value::Array(vec![word(&hash)])).await?;
        transaction_input(&tx, hash, self.chain.bridge).map(Some).map_err(|e| self.malformed("eth_getTransactionByHash", &e))
    }

    /// The hash of EVM block `at` (which must be the block answered).
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR` (also for another block, or none).
    pub fn block_hash(&self, at: u64) -> Pin<Box<dyn Future<Output = Result<B256, ClientError>> + '_>> {
        Box::pin(async move {
            let block = self.call("eth_getBlockByNumber", json!([format!("{at:#x}"), false])).await?;
            block_hash_at(&block, at).map_err(|e| self.malformed("eth_getBlockByNumber", &e))
        })
    }

    /// Everything this endpoint says about each of `blocks` at EVM block `at`, read side by side (the EVM block's hash and
    /// the four counters once for all of them); with `first` (the first connected chain) also each one's
    /// `storedBlockHashes(n − 1)`.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR` (also for answers that are malformed or contradict each other, naming chain, endpoint and
    /// method).
    pub fn answers<'b>(
        &'b self,
        blocks: &'b [u32],
        at: u64,
        first: bool,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Answer>, ClientError>> + 'b>> {
        // Boxed: the reads of one answer are compiled once, whoever asks (verify, recheck, a walk).
        Box::pin(async move {
            // A node can show its state at block `at` before it shows that block's logs (seen on anvil under load; a
            // provider whose backends lag each other does the same): answers that contradict themselves are read again, at
            // the same block, after each backoff, and are an error only when they still do after the retries.
            let mut waits = self.retry.waits();
            loop {
                match self.answers_once(blocks, at, first).await? {
                    Ok(answers) => return Ok(answers),
                    Err(why) => match waits.next() {
                        Some(ms) => self.ep.transport.sleep(ms).await,
                        None => return Err(self.malformed("eth_call and eth_getLogs", &why)),
                    },
                }
            }
        })
    }

    /// One reading of [`Self::answers`]: `Ok(Err(why))` when an answer contradicts itself ([`Answer::consistent`]). Two
    /// rounds of requests sent side by side: the EVM block, the counters and (first chain) each checkpoint's hash; then,
    /// for each committed block, the stored block, its hash and the two calldata lookups (each a log query, then its
    /// transaction).
    async fn answers_once(&self, blocks: &[u32], at: u64, first: bool) -> Result<Result<Vec<Answer>, String>, ClientError> {
        let id = self.chain.chain_id;
        // Round one: the block's hash, the four counters (raw, in `counter_calls` order), storedBlockHashes(n − 1).
        let (mut hash, mut raw) = (B256::ZERO, [const { Vec::new() }; 4]);
        let mut prevs: Vec<Option<B256>> = blocks.iter().map(|_| None).collect();
        let mut tasks: Vec<Task<'_>> = vec![Box::pin(async {
            hash = self.block_hash(at).await?;
            Ok(())
        })];
        for (slot, (_, selector)) in raw.iter_mut().zip(counter_calls()) {
            tasks.push(Box::pin(async move {
                *slot = self.eth_call_raw(selector.to_vec(), at).await?;
                Ok(())
            }));
        }
        if first {
            for (prev, n) in prevs.iter_mut().zip(blocks) {
                tasks.push(Box::pin(async move {
                    let call = IZkBridge::storedBlockHashesCall { n: n.wrapping_sub(1) };
                    *prev = Some(self.eth_call(&call, at).await?);
                    Ok(())
                }));
            }
        }
        run_all(tasks).await?;
        // The counters, all `uint32`: one decoder.
        let mut counters = [0u32; 4];
        for ((slot, bytes), (name, _)) in counters.iter_mut().zip(&raw).zip(counter_calls()) {
            *slot = decode_return::<IZkBridge::totalBlocksProvenCall>(bytes)
                .map_err(|e| self.malformed("eth_call", &format!("{name}(): {e}")))?;
        }
        let [committed, proven, synchronized, executed] = counters;
        let read = Read { chain_id: id, endpoint: self.ep.name.clone(), evm_block_number: at, evm_block_hash: hash };
        let mut answers: Vec<Answer> = prevs
            .into_iter()
            .map(|prev_stored_hash| Answer {
                read: read.clone(),
                committed,
                stored: None,
                stored_hash: B256::ZERO,
                synchronized,
                executed,
                proven,
                block: None,
                proof: None,
                prev_stored_hash,
            })
            .collect();
        // Round two, each committed block: the stored block and its hash, the calldata behind BlockCommitted(n) and
        // BlockProven(n).
        let mut raw: Vec<RoundTwo> = blocks.iter().map(|_| (None, None, None)).collect();
        let mut tasks: Vec<Task<'_>> = Vec::new();
        for ((answer, (stored, commit, prove)), n) in answers.iter_mut().zip(&mut raw).zip(blocks) {
            let n = *n;
            if committed < n {
                continue;
            }
            let stored_hash = &mut answer.stored_hash;
            tasks.push(Box::pin(async move {
                *stored = Some(self.eth_call(&IZkBridge::storedBlockInfoCall { n }, at).await?);
                Ok(())
            }));
            tasks.push(Box::pin(async move {
                *stored_hash = self.eth_call(&IZkBridge::storedBlockHashesCall { n }, at).await?;
                Ok(())
            }));
            tasks.push(Box::pin(async move {
                *commit = self.calldata_of(IZkBridge::BlockCommitted::SIGNATURE_HASH, n, at).await?;
                Ok(())
            }));
            tasks.push(Box::pin(async move {
                *prove = self.calldata_of(IZkBridge::BlockProven::SIGNATURE_HASH, n, at).await?;
                Ok(())
            }));
        }
        run_all(tasks).await?;
        for ((answer, (stored, commit, prove)), n) in answers.iter_mut().zip(raw).zip(blocks) {
            let n = *n;
            answer.stored = stored.map(Into::into);
            if let Some(input) = commit {
                let block = decode_commit_calldata(&input, n).map_err(|e| self.malformed("eth_getTransactionByHash", &e))?;
                answer.block = Some(block);
            }
            if let Some(input) = prove {
                let proof = decode_prove_calldata(&input, n).map_err(|e| self.malformed("eth_getTransactionByHash", &e))?;
                answer.proof = Some(proof);
            }
            if let Err(why) = answer.consistent(n, first) {
                return Ok(Err(why));
            }
        }
        Ok(Ok(answers))
    }
}
