//! Reading one endpoint: the chain as the client knows it ([`ChainConfig`]), an [`EndpointReader`] that turns one
//! endpoint's answers into an [`Answer`], and the decoding of those answers as pure functions (tests and fuzzers call them
//! with in-memory bytes).

use super::abi::{counter_calls, IZkBridge};
use super::judge::{Answer, Read};
use super::transport::{request, Endpoint, Retry, Transport};
use crate::error::{ClientError, InputError};
use crate::protocol::CommitBlockInfo;
use alloy_primitives::{hex, Address, Bytes, B256, U256};
use alloy_sol_types::{SolCall, SolEvent};
use serde_json::{json, Value};

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

/// The block data of block `n` from a `commitBlocks` transaction's input (`None`: not that call, or no block `n` in it).
///
/// # Examples
/// ```
/// assert_eq!(zkbridge_light::client::read::decode_commit_calldata(&[0xde, 0xad], 1), None);
/// ```
pub fn decode_commit_calldata(input: &[u8], n: u32) -> Option<CommitBlockInfo> {
    IZkBridge::commitBlocksCall::abi_decode(input)
        .ok()
        .and_then(|c| c.newBlocks.into_iter().find(|b| b.blockNumber == n))
        .map(CommitBlockInfo::from)
}

/// The proof of block `n` (EVM form, 256 bytes) from a `proveBlocks` transaction's input (`None`: not that call, or no
/// block `n` in it).
///
/// # Examples
/// ```
/// assert_eq!(zkbridge_light::client::read::decode_prove_calldata(&[], 1), None);
/// ```
pub fn decode_prove_calldata(input: &[u8], n: u32) -> Option<Bytes> {
    IZkBridge::proveBlocksCall::abi_decode(input).ok().and_then(|c| {
        let i = c.blocks.iter().position(|b| b.blockNumber == n)?;
        let words = c.proofs.get(i)?;
        let mut out = [0u8; 256];
        for (chunk, w) in out.chunks_exact_mut(32).zip(words) {
            chunk.copy_from_slice(&w.to_be_bytes::<32>());
        }
        Some(Bytes::copy_from_slice(&out))
    })
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
}

impl<T: Transport> EndpointReader<'_, T> {
    /// `method(params)`, retried.
    ///
    /// # Errors
    /// As [`request`].
    pub async fn call(&self, method: &str, params: Value) -> Result<Value, ClientError> {
        request(self.ep, self.chain.chain_id, self.retry, method, params).await
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

    /// The endpoint's latest EVM block number.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`; `INVALID_HEX` for an answer that is not a quantity.
    pub async fn head(&self) -> Result<u64, ClientError> {
        Ok(quantity(&self.call("eth_blockNumber", json!([])).await?, "eth_blockNumber")?)
    }

    /// `call` on the bridge at EVM block `at`, decoded.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`; `INVALID_LENGTH` for a result that does not decode.
    pub async fn eth_call<C: SolCall>(&self, call: &C, at: u64) -> Result<C::Return, ClientError> {
        let bytes = self.eth_call_raw(call.abi_encode(), at).await?;
        C::abi_decode_returns(&bytes).map_err(|e| InputError::InvalidLength(format!("{}: {e}", C::SIGNATURE)).into())
    }

    /// The one `eth_call` future (not generic: one state machine for every call the client makes).
    async fn eth_call_raw(&self, data: Vec<u8>, at: u64) -> Result<Vec<u8>, ClientError> {
        let params = json!([{ "to": self.chain.bridge.to_checksum(None), "data": h(&data) }, format!("{at:#x}")]);
        let out = self.call("eth_call", params).await?;
        Ok(bytes_of(&out, "eth_call result")?)
    }

    /// The input of the transaction behind the last `event(n)` log of the chain up to block `at`.
    async fn calldata_of(&self, topic0: B256, n: u32, at: u64) -> Result<Option<Vec<u8>>, ClientError> {
        let filter = json!([{
            "address": self.chain.bridge.to_checksum(None),
            "topics": [topic0, B256::from(U256::from(n))],
            "fromBlock": format!("{:#x}", self.chain.deploy_block),
            "toBlock": format!("{at:#x}"),
        }]);
        let logs = self.call("eth_getLogs", filter).await?;
        let Some(tx) = logs.as_array().and_then(|l| l.last()).and_then(|l| l.get("transactionHash")).cloned() else {
            return Ok(None);
        };
        let tx = self.call("eth_getTransactionByHash", json!([tx])).await?;
        Ok(Some(bytes_of(tx.get("input").unwrap_or(&Value::Null), "transaction input")?))
    }

    /// Everything this endpoint says about block `n` at EVM block `at`.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`; `INVALID_HEX`, `INVALID_LENGTH` for answers that do not decode.
    pub async fn answer(&self, n: u32, at: u64) -> Result<Answer, ClientError> {
        let id = self.chain.chain_id;
        let block = self.call("eth_getBlockByNumber", json!([format!("{at:#x}"), false])).await?;
        let hash = crate::input::b256(block.get("hash").and_then(Value::as_str).unwrap_or_default(), "block hash")?;
        let read = Read { chain_id: id, endpoint: self.ep.name.clone(), evm_block_number: at, evm_block_hash: hash };
        // The four counters, in `counter_calls` order, all `uint32`: one loop, one decoder.
        let mut counters = [0u32; 4];
        for (slot, (name, selector)) in counters.iter_mut().zip(counter_calls()) {
            let bytes = self.eth_call_raw(selector.to_vec(), at).await?;
            *slot = IZkBridge::totalBlocksProvenCall::abi_decode_returns(&bytes)
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
        let stored = self.eth_call(&IZkBridge::storedBlockInfoCall { n }, at).await?;
        let stored_hash = self.eth_call(&IZkBridge::storedBlockHashesCall { n }, at).await?;
        let block = match self.calldata_of(IZkBridge::BlockCommitted::SIGNATURE_HASH, n, at).await? {
            Some(input) => decode_commit_calldata(&input, n),
            None => None,
        };
        let proof = match self.calldata_of(IZkBridge::BlockProven::SIGNATURE_HASH, n, at).await? {
            Some(input) => decode_prove_calldata(&input, n),
            None => None,
        };
        Ok(Answer { read, committed, stored: Some(stored.into()), stored_hash, synchronized, executed, proven, block, proof })
    }
}
