//! Following one burn to its mint: the burn read back from its transaction, the block that carries it (found from the
//! source chain's `BlockCommitted` logs onward from the burn's EVM block, whatever this client verified before), and the
//! mint on the destination, judged (`MINT_MISMATCH`). The decoding and judging are pure functions; the reads are
//! `BridgeClient` methods that ask every endpoint.

use super::abi::{mapping_op_hash, IZkBridge};
use super::judge::Read;
use super::read::{log_filter, quantity, rpc_error, transaction_input, word, ChainConfig};
use super::transport::{Endpoint, Transport};
use super::BridgeClient;
use crate::calldata::{decode_burn_receipt, Receipt};
use crate::error::{CalldataError, ClientError};
use crate::protocol::{decode_mapping_ops, Burn, Finding, FindingCode, MappingOp, Stage, StageName};
use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::abi::AbiDecoderConfig;
use alloy_sol_types::{SolCall, SolEvent};
use serde::Serialize;
use serde_json::Value;

/// A burn as its transaction's receipt shows it, the same on every endpoint of its chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BurnRead {
    /// The transaction.
    pub tx_hash: B256,
    /// The EVM block it was mined in.
    pub evm_block_number: u64,
    /// The Mapping op it requested (amounts in 18 decimals).
    pub op: MappingOp,
}

/// The first block of a `commitBlocks` transaction's input that carries `burn` (`None`: not that call, or no such op).
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::{Burn, MappingOp};
/// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [1; 20].into(), to: [2; 20].into(), token_id: 1, amount: 5,
///     fee: 0, nonce: 0, withdraw_fee: 0 };
/// assert_eq!(zkbridge_light::client::track::block_with_op(&[0xde, 0xad], &Burn(op)), None);
/// ```
pub fn block_with_op(input: &[u8], burn: &Burn) -> Option<u32> {
    let call = IZkBridge::commitBlocksCall::abi_decode_with_config(input, AbiDecoderConfig::new().strict(true)).ok()?;
    call.newBlocks
        .iter()
        .find(|b| decode_mapping_ops(&b.publicData).is_ok_and(|ops| ops.iter().any(|o| burn.is(o))))
        .map(|b| b.blockNumber)
}

/// One `MappingMinted` log as an endpoint answered it (its content is judged by [`judge_mint`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MintLog {
    /// The contract that emitted it.
    pub address: Address,
    /// Whether the endpoint marks it removed (a reorg).
    pub removed: bool,
    /// The minting transaction.
    pub tx_hash: B256,
    /// Its `opHash` topic.
    pub op_hash: B256,
    /// Its recipient topic.
    pub to: Address,
    /// Its token id.
    pub token_id: u16,
    /// Its amount, in token units.
    pub amount: U256,
}

/// What a burn's mint was judged on, kept in the evidence of a tracked burn's verdict: the destination bridge and the token's
/// decimals (the client's deployment), every endpoint's read and the `MappingMinted` logs it answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MintEvidence {
    /// The destination chain's bridge.
    pub bridge: Address,
    /// The token's decimals (`None`: the deployment does not know the token).
    pub decimals: Option<u8>,
    /// Every endpoint of the destination, with the EVM block it was read at.
    pub reads: Vec<Read>,
    /// Each endpoint's `eth_getLogs` answer, in the order of `reads`, each log with only the members judged
    /// ([`Self::answer`]).
    #[serde(rename = "logs")]
    pub answers: Vec<Value>,
    /// The same answers, read ([`parse_mint_logs`]).
    #[serde(skip)]
    pub logs: Vec<Vec<MintLog>>,
}

/// The members of a `MappingMinted` log that [`parse_mint_logs`] reads (and an evidence bundle keeps).
pub const MINT_LOG_MEMBERS: [&str; 5] = ["address", "topics", "data", "removed", "transactionHash"];

impl MintEvidence {
    /// An `eth_getLogs` answer with each log cut to the members judged ([`MINT_LOG_MEMBERS`]); anything but a list of
    /// objects is kept as it is (and refused by [`parse_mint_logs`]).
    ///
    /// # Examples
    /// ```
    /// use serde_json::json;
    /// let got = json!([{ "address": "0x01", "blockNumber": "0x5", "topics": [] }]);
    /// assert_eq!(zkbridge_light::client::track::MintEvidence::answer(&got), json!([{ "address": "0x01", "topics": [] }]));
    /// ```
    pub fn answer(got: &Value) -> Value {
        let Some(list) = got.as_array() else { return got.clone() };
        let mut out = Vec::new();
        for l in list {
            let Some(o) = l.as_object() else { return got.clone() };
            let mut kept = serde_json::Map::new();
            for k in MINT_LOG_MEMBERS {
                if let Some(v) = o.get(k) {
                    kept.insert(k.into(), v.clone());
                }
            }
            out.push(Value::Object(kept));
        }
        Value::Array(out)
    }

    /// Judges these reads for `op` ([`judge_mint`]).
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::client::track::MintEvidence;
    /// use zkbridge_light::protocol::MappingOp;
    /// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [1; 20].into(), to: [2; 20].into(), token_id: 1, amount: 5,
    ///     fee: 0, nonce: 0, withdraw_fee: 0 };
    /// let e = MintEvidence { bridge: [3; 20].into(), decimals: Some(18), reads: vec![], answers: vec![], logs: vec![] };
    /// assert!(e.judge(&op).stage.is_none()); // nothing shows a mint yet
    /// ```
    pub fn judge(&self, op: &MappingOp) -> MintCheck {
        judge_mint(op, self.decimals, self.bridge, &self.reads, &self.logs)
    }
}

/// The `MappingMinted` logs of an `eth_getLogs` answer, read strictly.
///
/// # Errors
/// A result that is not an array, or a log that is not a well-formed `MappingMinted` log, as text.
///
/// # Examples
/// ```
/// assert_eq!(zkbridge_light::client::track::parse_mint_logs(&serde_json::json!([])), Ok(vec![]));
/// assert!(zkbridge_light::client::track::parse_mint_logs(&serde_json::json!({})).is_err());
/// ```
pub fn parse_mint_logs(logs: &Value) -> Result<Vec<MintLog>, String> {
    let logs = logs.as_array().ok_or("the result is not an array")?;
    let mut out = Vec::with_capacity(logs.len());
    for l in logs {
        let hash = |v: Option<&Value>| v.and_then(Value::as_str).and_then(|s| crate::input::b256(s, "hash").ok());
        let topic = |i: usize| hash(l.get("topics").and_then(|t| t.get(i)));
        let data = crate::input::hex_bytes(l.get("data").and_then(Value::as_str).unwrap_or_default(), "data")
            .map_err(|e| e.to_string())?;
        // MappingMinted(bytes32 indexed opHash, address indexed to, uint16 tokenId, uint256 amount): three topics, two words.
        let (Some(sig), Some(op_hash), Some(to), None, [token, amount]) =
            (topic(0), topic(1), topic(2), topic(3), [data.get(..32), data.get(32..)])
        else {
            return Err("not a MappingMinted log".into());
        };
        let (Some(token), Some(amount)) = (token, amount) else { return Err("not a MappingMinted log".into()) };
        let token = U256::from_be_slice(token);
        if sig != IZkBridge::MappingMinted::SIGNATURE_HASH
            || amount.len() != 32
            || to != Address::from_word(to).into_word()
            || token > U256::from(u16::MAX)
        {
            return Err("not a MappingMinted log".into());
        }
        out.push(MintLog {
            address: l.get("address").and_then(Value::as_str).and_then(|s| s.parse().ok()).ok_or("a log without an address")?,
            removed: l.get("removed").and_then(Value::as_bool).unwrap_or(false),
            tx_hash: hash(l.get("transactionHash")).ok_or("a log without a transaction hash")?,
            op_hash,
            to: Address::from_word(to),
            token_id: token.to::<u16>(),
            amount: U256::from_be_slice(amount),
        });
    }
    Ok(out)
}

/// The mint of a tracked burn, as its log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mint {
    /// The minting transaction.
    pub tx_hash: B256,
    /// The recipient.
    #[serde(serialize_with = "checksummed")]
    pub to: Address,
    /// In token units (decimal string).
    #[serde(serialize_with = "decimal")]
    pub amount: U256,
    /// The op's amount, 18 decimals (decimal string).
    #[serde(serialize_with = "decimal")]
    pub l2_amount: U256,
}

fn checksummed<S: serde::Serializer>(a: &Address, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&a.to_checksum(None))
}

fn decimal<S: serde::Serializer>(v: &U256, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

/// The judgement of a burn's mint: `stage` is `None` while no endpoint shows a mint yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MintCheck {
    /// The `mint` stage (`ok` only for exactly one log of the destination bridge that pays the op's recipient the op's
    /// amount, the same on every endpoint).
    pub stage: Option<Stage>,
    /// The mint, when the stage is ok.
    pub mint: Option<Mint>,
}

/// Judges the `MappingMinted` logs every endpoint of the destination gave for `op` (`decimals`: the token's, from the
/// deployment; `None` when the deployment does not know the token).
///
/// # Examples
/// ```
/// use zkbridge_light::protocol::MappingOp;
/// let op = MappingOp { from_chain_id: 1, to_chain_id: 2, owner: [1; 20].into(), to: [2; 20].into(), token_id: 1, amount: 5,
///     fee: 0, nonce: 0, withdraw_fee: 0 };
/// let check = zkbridge_light::client::track::judge_mint(&op, Some(18), [3; 20].into(), &[], &[]);
/// assert!(check.stage.is_none()); // nothing read: not minted yet
/// ```
pub fn judge_mint(op: &MappingOp, decimals: Option<u8>, bridge: Address, reads: &[Read], logs: &[Vec<MintLog>]) -> MintCheck {
    let chain = Some(op.to_chain_id);
    let mut codes = Vec::new();
    let none = Vec::new();
    let first = logs.first().unwrap_or(&none);
    for (r, other) in reads.iter().zip(logs).skip(1) {
        if other != first {
            let detail = format!("MappingMinted logs: {} differs from the first endpoint", r.endpoint);
            codes.push(Finding { code: FindingCode::RpcDisagreement, chain_id: chain, detail });
        }
    }
    if first.is_empty() && codes.is_empty() {
        return MintCheck { stage: None, mint: None };
    }
    let l2_amount = U256::from(op.amount);
    // The log's amount times the token's unit must be the op's (18 decimals): a multiplication, no division in the .wasm.
    let unit = decimals.and_then(|d| 10u128.checked_pow(18u32.checked_sub(u32::from(d))?));
    let pays = |a: U256| unit.zip(u128::try_from(a).ok()).and_then(|(u, a)| a.checked_mul(u)) == Some(op.amount);
    let mismatch = |detail: String| Finding { code: FindingCode::MintMismatch, chain_id: chain, detail };
    if first.len() > 1 {
        codes.push(mismatch(format!("{} MappingMinted logs for one op", first.len())));
    }
    let op_hash = mapping_op_hash(op);
    let mut mint = None;
    for l in first {
        // Plain texts, built only for what is wrong (formatting an address or a 256-bit amount costs .wasm bytes).
        let wrong = [
            (l.address != bridge, "the log comes from another contract than the destination bridge"),
            (l.removed, "the log is marked removed"),
            (l.op_hash != op_hash, "its opHash is not the burn's"),
            (l.to != op.to, "it pays another recipient than the burn's"),
            (l.token_id != op.token_id, "it mints another token than the burn's"),
            (!pays(l.amount), "it mints another amount than the burn's"),
        ];
        let before = codes.len();
        codes.extend(wrong.into_iter().filter(|(w, _)| *w).map(|(_, d)| mismatch(d.to_owned())));
        if codes.len() == before {
            mint = Some(Mint { tx_hash: l.tx_hash, to: l.to, amount: l.amount, l2_amount });
        }
    }
    let ok = codes.is_empty();
    MintCheck { stage: Some(Stage { stage: StageName::Mint, ok, codes }), mint: if ok { mint } else { None } }
}

/// The EVM block number and hash of an `eth_getTransactionReceipt` answer.
pub(crate) fn receipt_block(receipt: &Value) -> Option<(u64, B256)> {
    let n = quantity(receipt.get("blockNumber")?, "blockNumber").ok()?;
    let h = crate::input::b256(receipt.get("blockHash")?.as_str()?, "blockHash").ok()?;
    Some((n, h))
}

impl<T: Transport> BridgeClient<T> {
    pub(super) fn chain(&self, id: u8) -> Result<&(ChainConfig, Vec<Endpoint<T>>), ClientError> {
        self.chains.iter().find(|(c, _)| c.chain_id == id).ok_or_else(|| CalldataError::InvalidChainId(format!("{id}")).into())
    }

    /// The burn of transaction `tx` on chain `chain`, read from every endpoint of that chain (`None` while some endpoint has
    /// no receipt yet).
    ///
    /// # Errors
    /// `TX_REVERTED`, `NO_BURN_IN_RECEIPT` (not a burn of this bridge), `INVALID_CHAIN_ID`; `RPC_ERROR` when endpoints give
    /// different receipts or a malformed one; `RPC_TIMEOUT`.
    pub async fn burn_of(&self, chain: u8, tx: B256) -> Result<Option<BurnRead>, ClientError> {
        let (c, endpoints) = self.chain(chain)?;
        let mut seen: Option<(u64, B256, MappingOp)> = None;
        for ep in endpoints {
            let r = self.reader(c, ep);
            let got = r.call("eth_getTransactionReceipt", Value::Array(vec![word(&tx)])).await?;
            if got.is_null() {
                return Ok(None);
            }
            let bad = |what: &str| r.malformed("eth_getTransactionReceipt", what);
            let receipt = Receipt::try_from(&got).map_err(|e| bad(&e.to_string()))?;
            if receipt.transaction_hash != tx {
                return Err(bad("the receipt of another transaction"));
            }
            let (n, hash) = receipt_block(&got).ok_or_else(|| bad("no block number or hash"))?;
            if receipt.status == Some(false) {
                return Err(ClientError::TxReverted(format!("{tx:#x}")));
            }
            let op = decode_burn_receipt(&receipt, c.bridge)?.op;
            match &seen {
                Some(s) if *s != (n, hash, op.clone()) => {
                    return Err(rpc_error(chain, &ep.name, "eth_getTransactionReceipt", "", "the endpoints of this chain differ"))
                }
                _ => seen = Some((n, hash, op)),
            }
        }
        Ok(seen.map(|(evm_block_number, _, op)| BurnRead { tx_hash: tx, evm_block_number, op }))
    }

    /// Whether some endpoint of chain `chain` knows transaction `tx` (mined, or waiting in its pool).
    async fn known(&self, chain: u8, tx: B256) -> Result<bool, ClientError> {
        let (c, endpoints) = self.chain(chain)?;
        for ep in endpoints {
            if !self.reader(c, ep).call("eth_getTransactionByHash", Value::Array(vec![word(&tx)])).await?.is_null() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The block that carries `burn`: the first block of a `commitBlocks` transaction behind the source chain's
    /// `BlockCommitted` logs from the burn's EVM block on whose pubdata holds the op, the same on every endpoint at one EVM
    /// block (the lowest of their pinned heads) (`None`: not committed yet). Only a pointer: the block is then judged like
    /// any other (`verify`). Endpoints that point to different blocks are read again after each backoff (a node can show a
    /// block before its logs).
    ///
    /// # Errors
    /// `RPC_ERROR` when endpoints still point to different blocks after the retries, or answer malformed; `RPC_TIMEOUT`.
    pub async fn find_block(&self, burn: &BurnRead) -> Result<Option<u32>, ClientError> {
        let (c, endpoints) = self.chain(burn.op.from_chain_id)?;
        let mut waits = self.retry.waits();
        loop {
            match self.find_block_once(c, endpoints, burn).await? {
                Ok(found) => return Ok(found),
                Err(name) => match (waits.next(), endpoints.first()) {
                    (Some(ms), Some(ep)) => ep.transport.sleep(ms).await,
                    _ => {
                        let what = "the endpoints of this chain point to other blocks";
                        return Err(rpc_error(c.chain_id, &name, "eth_getLogs", "", what));
                    }
                },
            }
        }
    }

    /// One reading of [`Self::find_block`]: `Ok(Err(endpoint))` names the first endpoint that points elsewhere.
    async fn find_block_once(
        &self,
        c: &ChainConfig,
        endpoints: &[Endpoint<T>],
        burn: &BurnRead,
    ) -> Result<Result<Option<u32>, String>, ClientError> {
        let wanted = &Burn(burn.op.clone());
        let at = self.lowest_head(c, endpoints, false).await?;
        if at < burn.evm_block_number {
            // The pinned head has not reached the burn yet: nothing can carry it.
            return Ok(Ok(None));
        }
        // Endpoint after endpoint (a pointer, read once per step of a tracked burn: not worth the code of reading side by side).
        let mut each: Vec<Option<u32>> = Vec::new();
        for ep in endpoints {
            let r = self.reader(c, ep);
            let filter = log_filter(c.bridge, &[Some(IZkBridge::BlockCommitted::SIGNATURE_HASH)], burn.evm_block_number, at);
            let logs = r.call("eth_getLogs", filter).await?;
            let txs = committed_txs(&logs, c.bridge).map_err(|e| r.malformed("eth_getLogs", &e))?;
            let mut here = None;
            for hash in txs {
                let tx = r.call("eth_getTransactionByHash", Value::Array(vec![word(&hash)])).await?;
                let input = transaction_input(&tx, hash, c.bridge).map_err(|e| r.malformed("eth_getTransactionByHash", &e))?;
                if let Some(n) = block_with_op(&input, wanted) {
                    here = Some(n);
                    break;
                }
            }
            each.push(here);
        }
        let found = each.first().copied().flatten();
        match endpoints.iter().zip(&each).find(|(_, here)| **here != found) {
            Some((ep, _)) => Ok(Err(ep.name.clone())),
            None => Ok(Ok(found)),
        }
    }

    /// The mint of `op` on its destination, read from every endpoint at one EVM block and judged ([`judge_mint`]).
    ///
    /// # Errors
    /// `INVALID_CHAIN_ID`; `RPC_ERROR` for a malformed answer; `RPC_TIMEOUT`.
    pub async fn mint(&self, op: &MappingOp) -> Result<MintCheck, ClientError> {
        Ok(self.mint_evidence(op).await?.judge(op))
    }

    /// The reads [`Self::mint`] judges: every endpoint of `op`'s destination at one EVM block (the lowest of their pinned
    /// heads). Endpoints whose logs differ are read again after each backoff (a node can show a block before its logs);
    /// what they still answer after the retries is judged (`RPC_DISAGREEMENT`).
    ///
    /// # Errors
    /// As [`Self::mint`].
    pub async fn mint_evidence(&self, op: &MappingOp) -> Result<MintEvidence, ClientError> {
        let (c, endpoints) = self.chain(op.to_chain_id)?;
        let mut waits = self.retry.waits();
        loop {
            let evidence = self.mint_evidence_once(c, endpoints, op).await?;
            let agree = evidence.logs.windows(2).all(|w| w.first() == w.last());
            match (agree, waits.next(), endpoints.first()) {
                (false, Some(ms), Some(ep)) => ep.transport.sleep(ms).await,
                _ => return Ok(evidence),
            }
        }
    }

    async fn mint_evidence_once(
        &self,
        c: &ChainConfig,
        endpoints: &[Endpoint<T>],
        op: &MappingOp,
    ) -> Result<MintEvidence, ClientError> {
        let at = self.lowest_head(c, endpoints, false).await?;
        let (mut reads, mut answers, mut logs) = (Vec::new(), Vec::new(), Vec::new());
        for ep in endpoints {
            let r = self.reader(c, ep);
            let hash = r.block_hash(at).await?;
            let topics = [Some(IZkBridge::MappingMinted::SIGNATURE_HASH), Some(mapping_op_hash(op))];
            let filter = log_filter(c.bridge, &topics, c.deploy_block, at);
            let got = r.call("eth_getLogs", filter).await?;
            logs.push(parse_mint_logs(&got).map_err(|e| r.malformed("eth_getLogs", &e))?);
            answers.push(MintEvidence::answer(&got));
            reads.push(Read { chain_id: c.chain_id, endpoint: ep.name.clone(), evm_block_number: at, evm_block_hash: hash });
        }
        Ok(MintEvidence { bridge: c.bridge, decimals: self.tokens.get(&op.token_id).copied(), reads, answers, logs })
    }
}

/// The transactions behind the `BlockCommitted` logs of an `eth_getLogs` answer, in order.
pub(crate) fn committed_txs(logs: &Value, bridge: Address) -> Result<Vec<B256>, String> {
    let logs = logs.as_array().ok_or("the result is not an array")?;
    let mut out = Vec::new();
    for l in logs {
        let address = l.get("address").and_then(Value::as_str).and_then(|s| s.parse::<Address>().ok());
        let topic0 = l.get("topics").and_then(|t| t.get(0)).and_then(Value::as_str).and_then(|s| crate::input::b256(s, "t").ok());
        if address != Some(bridge) || topic0 != Some(IZkBridge::BlockCommitted::SIGNATURE_HASH) {
            return Err("a log that was not asked for".into());
        }
        if l.get("removed").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let tx = l.get("transactionHash").and_then(Value::as_str).and_then(|s| crate::input::b256(s, "tx").ok());
        let tx = tx.ok_or("a log without a transaction hash")?;
        if !out.contains(&tx) {
            out.push(tx);
        }
    }
    Ok(out)
}

/// The statuses a tracked burn may have in a stored record.
pub const BURN_STATUSES: [&str; 3] = ["pending", "failed", "minted"];

/// A stored record (the package's per-deployment `localStorage` entry, docs/PROTOCOL.md §12) cleaned by the core's rules:
/// `{ format: 1, anchorHash?, checkpoint?, burns: [...] }` where `anchorHash` is a 32-byte hash, `checkpoint` a
/// `StoredBlockInfo` that parses (both kept together or dropped together; a dropped checkpoint leaves `discarded`, the
/// reason, which is never written back), and each burn `{ chainId, txHash, status, codes?,
/// blockNumber?, mintTx?, sentAt? }` (`sentAt`: milliseconds since the Unix epoch, below 2^53) with `chainId` one of `chains`, `txHash` and `mintTx` 32-byte hashes, `status` one of
/// [`BURN_STATUSES`] (absent: `"pending"`), `codes` strings; a burn that does not hold is dropped, every other member of a
/// burn is dropped (what a page shows of a burn comes from its op and the deployment, never from storage). Anything that is
/// not such a record (another format, not an object, not JSON) becomes `{ format: 1, burns: [] }`.
///
/// # Examples
/// ```
/// use serde_json::json;
/// let tx = format!("0x{}", "ab".repeat(32));
/// let rec = json!({ "format": 1, "burns": [{ "chainId": 1, "txHash": tx, "symbol": "<img>" }, { "chainId": 9, "txHash": tx }] });
/// let clean = zkbridge_light::client::track::clean_record(&rec, &[1, 2]);
/// assert_eq!(clean, json!({ "format": 1, "burns": [{ "chainId": 1, "txHash": tx, "status": "pending" }] }));
/// assert_eq!(zkbridge_light::client::track::clean_record(&json!("x"), &[1]), json!({ "format": 1, "burns": [] }));
/// ```
pub fn clean_record(v: &Value, chains: &[u8]) -> Value {
    let mut out = serde_json::Map::new();
    out.insert("format".into(), Value::from(1));
    let hash = |x: Option<&Value>| x.and_then(Value::as_str).and_then(|s| crate::input::b256(s, "hash").ok());
    let ours = v.get("format").and_then(Value::as_u64) == Some(1);
    if let Some(cp) = v.get("checkpoint").filter(|_| ours) {
        match (hash(v.get("anchorHash")), crate::protocol::StoredBlockInfo::try_from(cp)) {
            (_, Err(e)) => out.insert("discarded".into(), Value::from(format!("it does not parse ({})", e.code()))),
            (None, Ok(_)) => out.insert("discarded".into(), Value::from("it was not verified from this client's anchor")),
            (Some(a), Ok(_)) => {
                out.insert("anchorHash".into(), super::read::word(&a));
                out.insert("checkpoint".into(), cp.clone())
            }
        };
    }
    let mut burns = Vec::new();
    for b in v.get("burns").filter(|_| ours).and_then(Value::as_array).into_iter().flatten() {
        let chain = b.get("chainId").and_then(Value::as_u64).and_then(|c| u8::try_from(c).ok()).filter(|c| chains.contains(c));
        let status = match b.get("status") {
            None => Some("pending"),
            Some(s) => BURN_STATUSES.iter().copied().find(|k| s.as_str() == Some(k)),
        };
        let (Some(chain), Some(tx), Some(status)) = (chain, hash(b.get("txHash")), status) else { continue };
        let mut burn = serde_json::Map::new();
        burn.insert("chainId".into(), Value::from(chain));
        burn.insert("txHash".into(), super::read::word(&tx));
        burn.insert("status".into(), Value::from(status));
        if let Some(codes) = b.get("codes").and_then(Value::as_array) {
            let codes = codes.iter().filter(|c| c.as_str().is_some_and(|c| c.len() <= 40)).cloned().collect();
            burn.insert("codes".into(), Value::Array(codes));
        }
        if let Some(n) = b.get("blockNumber").and_then(Value::as_u64).filter(|n| *n <= u64::from(u32::MAX)) {
            burn.insert("blockNumber".into(), Value::from(n));
        }
        if let Some(m) = hash(b.get("mintTx")) {
            burn.insert("mintTx".into(), super::read::word(&m));
        }
        // When it was sent (ms since the Unix epoch): within what a JS number holds exactly.
        if let Some(t) = b.get("sentAt").and_then(Value::as_u64).filter(|t| *t < 1 << 53) {
            burn.insert("sentAt".into(), Value::from(t));
        }
        burns.push(Value::Object(burn));
    }
    out.insert("burns".into(), Value::Array(burns));
    Value::Object(out)
}

/// The stages a tracked burn passes, in order: the one vocabulary of `track`'s events, the page's timeline and the types.
/// Beside them, three events: `waiting` (for the receipt, commit, proof, execute or mint), `reorg` and `failed`.
pub const TRACK_STAGES: [&str; 6] = ["burned", "committed", "proven", "synchronized", "executed", "minted"];

/// One event of a tracked burn (`stage` one of [`TRACK_STAGES`], `waiting`, `reorg` or `failed`); only the members that
/// event has are serialized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TrackEvent {
    /// What happened.
    pub stage: &'static str,
    /// `waiting` only: for what (`receipt`, `commit`, `proof`, `execute`, `mint`).
    #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
    pub waiting_for: Option<&'static str>,
    /// The L2 block (from `committed` on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_number: Option<u32>,
    /// The chain it is about (`synchronized`, `executed`, `reorg`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<u8>,
    /// `burned`: the burn transaction, its EVM block and op.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tx_hash: Option<B256>,
    /// `burned`: the EVM block of the burn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evm_block_number: Option<u64>,
    /// `burned`: the op (amounts in 18 decimals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<MappingOp>,
    /// `synchronized`: the chain's stored root and sync hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_hash: Option<B256>,
    /// `synchronized`: the chain's sync hash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_hash: Option<B256>,
    /// `proven`: the block's commitment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment: Option<B256>,
    /// `minted`: the mint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mint: Option<Mint>,
    /// `failed`: what failed; `reorg`: what was rolled back.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<Finding>,
}

/// What one poll of a tracked burn found ([`BridgeClient::track_step`]): the new events, the burn's status and what to
/// store of it, and the reads behind it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackStep {
    /// Events not reported before (the caller passes `reached` back).
    pub events: Vec<TrackEvent>,
    /// The stages reached so far.
    pub reached: Vec<String>,
    /// One of [`BURN_STATUSES`].
    pub status: &'static str,
    /// Nothing more will happen (`minted` or `failed`).
    pub done: bool,
    /// What a stored record keeps of the burn: `{ status, blockNumber?, codes?, mintTx? }`.
    pub record: Value,
    /// The block that carries the burn, once found.
    pub block_number: Option<u32>,
    /// The block is at or before this client's anchor: it can only be judged from an earlier anchor.
    pub before_anchor: Option<u32>,
    /// The burn's op, once its receipt is read.
    pub op: Option<MappingOp>,
    /// The block's verdict, once judged.
    pub verdict: Option<super::ClientVerdict>,
    /// The mint's judgement, once read.
    pub mint_check: Option<MintCheck>,
    /// `{ code, message }` when the transaction can never be a burn that is followed (`TX_REVERTED`,
    /// `NO_BURN_IN_RECEIPT`, `TX_NOT_FOUND`): `track` throws it.
    pub error: Option<Value>,
    /// When the burn was sent (milliseconds since the Unix epoch, as the caller's clock said), kept in the record.
    pub sent_at: Option<u64>,
}

/// How long a tracked transaction may be unknown to every endpoint of its chain (neither mined nor waiting in a pool)
/// before it is `failed` with `TX_NOT_FOUND`: 30 minutes.
pub const NOT_SEEN_MS: u64 = 30 * 60 * 1000;

impl TrackStep {
    fn new(reached: &[String]) -> Self {
        Self {
            events: Vec::new(),
            reached: reached.to_vec(),
            status: "pending",
            done: false,
            record: Value::Null,
            block_number: None,
            before_anchor: None,
            op: None,
            verdict: None,
            mint_check: None,
            error: None,
            sent_at: None,
        }
    }

    /// Ends a burn that can never be followed: `failed` with the error's code, and the error for `track` to throw.
    fn give_up(mut self, e: &ClientError) -> Self {
        let mut err = serde_json::Map::new();
        err.insert("code".into(), Value::from(e.code()));
        err.insert("message".into(), Value::from(e.to_string()));
        self.error = Some(Value::Object(err));
        self.events.push(TrackEvent { stage: "failed", ..Default::default() });
        self.finish("failed", &[e.code()], None)
    }

    /// Reports `e` unless its stage was reached before.
    fn reach(&mut self, e: TrackEvent) {
        if !self.reached.iter().any(|r| r == e.stage) {
            self.reached.push(e.stage.to_owned());
            self.events.push(e);
        }
    }

    fn wait(mut self, waiting_for: &'static str) -> Self {
        self.events.push(TrackEvent {
            stage: "waiting",
            waiting_for: Some(waiting_for),
            block_number: self.block_number,
            ..Default::default()
        });
        self.finish("pending", &[], None)
    }

    fn fail(mut self, codes: Vec<Finding>) -> Self {
        let names: Vec<&'static str> = codes.iter().map(|c| c.code.as_str()).collect();
        self.events.push(TrackEvent { stage: "failed", block_number: self.block_number, codes, ..Default::default() });
        self.finish("failed", &names, None)
    }

    fn finish(mut self, status: &'static str, codes: &[&'static str], mint_tx: Option<B256>) -> Self {
        let mut r = serde_json::Map::new();
        r.insert("status".into(), Value::from(status));
        if let Some(n) = self.block_number {
            r.insert("blockNumber".into(), Value::from(n));
        }
        if !codes.is_empty() {
            let mut names: Vec<Value> = Vec::new();
            for c in codes {
                let name = Value::from(*c);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            r.insert("codes".into(), Value::Array(names));
        }
        if let Some(m) = mint_tx {
            r.insert("mintTx".into(), super::read::word(&m));
        }
        if let Some(t) = self.sent_at {
            r.insert("sentAt".into(), Value::from(t));
        }
        self.record = Value::Object(r);
        self.status = status;
        self.done = status != "pending";
        self
    }
}

impl<T: Transport> BridgeClient<T> {
    /// One poll of a tracked burn, every rule in the core: the burn read back from every endpoint (`burned`), the block
    /// that carries it from the source chain's `BlockCommitted` logs (`committed`, before any proof), the block judged with
    /// the burn required in it (`proven` after its reads, commit and zkVerify stages; `synchronized` per chain after its
    /// consensus stage; `executed` once the destination may execute it), then the mint judged ([`judge_mint`]: `minted`).
    /// A failed stage ends it (`failed`, with the findings); what is not there yet is `waiting`. `reached` is the previous
    /// step's (stages are reported once). `clock` is `(sent_at, now)` in milliseconds since the Unix epoch (the caller's
    /// clock): a transaction no endpoint knows [`NOT_SEEN_MS`] after it was sent is `failed` (`TX_NOT_FOUND`); without it
    /// such a burn waits.
    ///
    /// # Errors
    /// `RPC_TIMEOUT`, `RPC_ERROR`, `CHAIN_ID_MISMATCH`, `INVALID_CHAIN_ID` (the burn stays pending: call again). A
    /// transaction that reverted, is no burn of the bridge or never showed up is a `failed` step with `error` set
    /// (`TX_REVERTED`, `NO_BURN_IN_RECEIPT`, `TX_NOT_FOUND`), not an error.
    pub async fn track_step(
        &self,
        chain: u8,
        tx: B256,
        reached: &[String],
        clock: Option<(u64, u64)>,
    ) -> Result<TrackStep, ClientError> {
        let mut s = TrackStep::new(reached);
        s.sent_at = clock.map(|(at, _)| at);
        let burn = match self.burn_of(chain, tx).await {
            Ok(Some(b)) => b,
            Ok(None) => {
                let age = clock.map_or(0, |(at, now)| now.saturating_sub(at));
                if age > NOT_SEEN_MS && !self.known(chain, tx).await? {
                    return Ok(s.give_up(&ClientError::TxNotFound { hash: format!("{tx:#x}"), minutes: age / 60_000 }));
                }
                return Ok(s.wait("receipt"));
            }
            Err(e) if matches!(e.code(), "NO_BURN_IN_RECEIPT" | "TX_REVERTED") => return Ok(s.give_up(&e)),
            Err(e) => return Err(e),
        };
        let op = burn.op.clone();
        s.op = Some(op.clone());
        s.reach(TrackEvent {
            stage: "burned",
            tx_hash: Some(tx),
            evm_block_number: Some(burn.evm_block_number),
            op: Some(op.clone()),
            ..Default::default()
        });
        let Some(n) = self.find_block(&burn).await? else { return Ok(s.wait("commit")) };
        s.block_number = Some(n);
        s.reach(TrackEvent { stage: "committed", block_number: Some(n), ..Default::default() });
        if n <= self.verified_range().0 {
            s.before_anchor = Some(n);
            return Ok(s);
        }
        let v = match self.verify_burn(n, Some(op.to_chain_id), Some(&op)).await {
            Ok(v) => v,
            Err(ClientError::BlockNotFound(..)) => return Ok(s.wait("proof")),
            Err(e) => return Err(e),
        };
        for w in v.warnings.iter().filter(|w| w.code == FindingCode::Reorg) {
            s.events.push(TrackEvent { stage: "reorg", chain_id: w.chain_id, codes: vec![w.clone()], ..Default::default() });
        }
        let stages = v.verdict.stages.clone();
        let stage = |name: StageName| stages.iter().find(|x| x.stage == name);
        let failed = |names: &[StageName]| -> Vec<Finding> {
            names.iter().filter_map(|nm| stage(*nm)).filter(|x| !x.ok).flat_map(|x| x.codes.clone()).collect()
        };
        let commitment = v.verdict.commitment;
        let chains = v.chains.clone();
        s.verdict = Some(v);
        if v_block(&s) != Some(n) {
            // An earlier block between the anchor and n does not link: n cannot be judged on it.
            return Ok(s.fail(failed(&[StageName::Reads, StageName::Commit, StageName::ZkVerify, StageName::Consensus])));
        }
        let bad = failed(&[StageName::Reads, StageName::Commit, StageName::ZkVerify]);
        if !bad.is_empty() {
            return Ok(s.fail(bad));
        }
        s.reach(TrackEvent { stage: "proven", block_number: Some(n), commitment, ..Default::default() });
        let bad = failed(&[StageName::Consensus]);
        if !bad.is_empty() {
            return Ok(s.fail(bad));
        }
        if !s.reached.iter().any(|r| r == "synchronized") {
            s.reached.push("synchronized".into());
            for c in chains {
                s.events.push(TrackEvent {
                    stage: "synchronized",
                    block_number: Some(n),
                    chain_id: Some(c.chain_id),
                    state_hash: c.state_hash,
                    sync_hash: c.sync_hash,
                    ..Default::default()
                });
            }
        }
        if let Some(x) = stage(StageName::Execute).filter(|x| !x.ok) {
            if x.codes.iter().any(|f| f.code == FindingCode::BurnNotInBlock) {
                return Ok(s.fail(x.codes.clone()));
            }
            return Ok(s.wait("execute"));
        }
        s.reach(TrackEvent { stage: "executed", block_number: Some(n), chain_id: Some(op.to_chain_id), ..Default::default() });
        let evidence = self.mint_evidence(&op).await?;
        let m = evidence.judge(&op);
        if m.stage.is_some() {
            // The mint stage follows execute in the verdict, judged from the reads its evidence now carries.
            if let Some(v) = s.verdict.as_mut() {
                v.evidence.mint = Some(evidence);
                super::judge::add_mint(v);
            }
        }
        let stage = m.stage.clone();
        let mint = m.mint.clone();
        s.mint_check = Some(m);
        match (stage, mint) {
            (None, _) => Ok(s.wait("mint")),
            (Some(st), Some(mint)) if st.ok => {
                let tx = mint.tx_hash;
                s.reach(TrackEvent {
                    stage: "minted",
                    block_number: Some(n),
                    chain_id: Some(op.to_chain_id),
                    mint: Some(mint),
                    ..Default::default()
                });
                Ok(s.finish("minted", &[], Some(tx)))
            }
            (Some(st), _) => Ok(s.fail(st.codes)),
        }
    }
}

/// The block number of a step's verdict (a walk from the anchor may stop at an earlier block that does not link).
fn v_block(s: &TrackStep) -> Option<u32> {
    s.verdict.as_ref().map(|v| v.verdict.block_number)
}

/// Whether a cleaned stored record ([`clean_record`]) holds a checkpoint to try: `Ok(Some(checkpoint))` when it has one
/// that was verified from `anchor` (its `anchorHash` is the anchor's stored-block hash) and lies after it; `Ok(None)` when
/// it has none; `Err(reason)` when it has one that must be discarded (the reason in words). A checkpoint that passes is
/// still only a candidate: every chain must store it ([`BridgeClient::checkpoint_matches`]).
///
/// # Errors
/// The reason to discard the stored checkpoint.
///
/// # Examples
/// ```
/// use zkbridge_light::client::track::resume_from;
/// let anchor = zkbridge_light::protocol::StoredBlockInfo::default();
/// assert_eq!(resume_from(&serde_json::json!({ "format": 1, "burns": [] }), &anchor), Ok(None));
/// ```
pub fn resume_from(
    record: &Value,
    anchor: &crate::protocol::StoredBlockInfo,
) -> Result<Option<crate::protocol::StoredBlockInfo>, String> {
    if let Some(reason) = record.get("discarded").and_then(Value::as_str) {
        return Err(reason.to_owned());
    }
    let Some(cp) = record.get("checkpoint") else { return Ok(None) };
    let cp = crate::protocol::StoredBlockInfo::try_from(cp).map_err(|e| format!("it does not parse ({})", e.code()))?;
    let hash = record.get("anchorHash").and_then(Value::as_str).and_then(|s| crate::input::b256(s, "anchorHash").ok());
    if hash != Some(anchor.hash()) {
        return Err("it was not verified from this client's anchor".into());
    }
    if cp.block_number <= anchor.block_number {
        return Err("it is not after the anchor".into());
    }
    Ok(Some(cp))
}

/// `record` with `checkpoint` stored as its checkpoint verified from `anchor`, unless it already holds a later (or the same)
/// block verified from that anchor; any discarded reason is dropped (it is never written back).
///
/// # Examples
/// ```
/// use zkbridge_light::client::track::{resume_from, with_checkpoint};
/// use zkbridge_light::protocol::StoredBlockInfo;
/// let anchor = StoredBlockInfo::default();
/// let cp = StoredBlockInfo { block_number: 3, ..StoredBlockInfo::default() };
/// let rec = with_checkpoint(&serde_json::json!({ "format": 1, "burns": [] }), &anchor, &cp);
/// assert_eq!(resume_from(&rec, &anchor), Ok(Some(cp)));
/// ```
pub fn with_checkpoint(
    record: &Value,
    anchor: &crate::protocol::StoredBlockInfo,
    checkpoint: &crate::protocol::StoredBlockInfo,
) -> Value {
    let mut out = record.clone();
    if let Some(o) = out.as_object_mut() {
        o.remove("discarded");
        let held = resume_from(record, anchor).ok().flatten().map(|c| c.block_number);
        if held.is_none_or(|n| n < checkpoint.block_number) {
            o.insert("checkpoint".into(), serde_json::to_value(checkpoint).unwrap_or(Value::Null));
            o.insert("anchorHash".into(), super::read::word(&anchor.hash()));
        }
    }
    out
}
