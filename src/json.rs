//! The one reader of JS-shaped JSON: every `serde_json::Value` the crate accepts becomes a typed value here, with the strict
//! rules of `docs/FORMATS.md` — `uint8/16/32` as JS numbers or decimal strings, wider integers as decimal strings (a JS
//! `bigint` arrives as one), bytes as `0x` hex, addresses lower-case or EIP-55, camelCase member names. No other core module
//! depends on this one; the wasm layer, the tests and native tools (the devnet) use it.
//!
//! Where an entry point takes an object, JSON text of that object is accepted too ([`object_or_text`]).

use crate::calldata::{BurnParams, Log, Receipt};
use crate::client::evidence::DeploymentAnchor;
use crate::client::judge::EVIDENCE_FORMAT;
use crate::client::track::{parse_mint_logs, MintEvidence};
use crate::client::{Answer, ChainConfig, ClientSetup, Evidence, EvidenceBundle, Read, Retry};
use crate::error::{CalldataError, Groth16Error, InputError, ProtocolError};
use crate::groth16::{parse_evm_proof_bytes, snarkjs, Groth16Verifier};
use crate::input;
use crate::protocol::{
    BlockCheck, BlockData, BlocksCheck, Burn, CommitBlockInfo, MappingOp, OnchainOperationData, Report, StoredBlockInfo,
};
use alloy_primitives::{Address, Bytes, B256, U256};
use ark_bn254::Bn254;
use ark_groth16::Proof;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Nesting deeper than this is refused with `TOO_DEEP` (the formats are a few levels deep).
pub const MAX_DEPTH: usize = 32;
/// Input larger than this many units is refused with `TOO_LARGE`: every string counts its length (UTF-16 code units, as JS
/// counts them), every value [`NODE_COST`] more.
pub const MAX_INPUT_UNITS: usize = 8 << 20;
/// What one value (object, array, number, string, …) counts towards [`MAX_INPUT_UNITS`].
pub const NODE_COST: usize = 16;

/// Parses JSON text, refusing text longer than [`MAX_INPUT_UNITS`] and nesting deeper than [`MAX_DEPTH`].
///
/// # Errors
/// `INVALID_JSON`, `TOO_LARGE`, `TOO_DEEP`.
///
/// # Examples
/// ```
/// use zkbridge_light::json::{parse_text, MAX_DEPTH};
/// assert!(parse_text("{\"a\": [1]}").is_ok());
/// assert_eq!(parse_text("{").unwrap_err().code(), "INVALID_JSON");
/// let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
/// assert!(parse_text(&deep(MAX_DEPTH + 1)).is_ok());
/// assert_eq!(parse_text(&deep(MAX_DEPTH + 2)).unwrap_err().code(), "TOO_DEEP");
/// ```
pub fn parse_text(text: &str) -> Result<Value, InputError> {
    if text.len() > MAX_INPUT_UNITS {
        return Err(InputError::TooLarge(format!("JSON text of {} bytes (at most {MAX_INPUT_UNITS})", text.len())));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            InputError::TooDeep(format!("JSON text nested deeper than {MAX_DEPTH} levels"))
        } else {
            InputError::InvalidJson(e.to_string())
        }
    })?;
    // Depth 0 is the top value: `[[]]` has depth 1.
    if depth(&v) > MAX_DEPTH {
        return Err(InputError::TooDeep(format!("JSON text nested deeper than {MAX_DEPTH} levels")));
    }
    Ok(v)
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.iter().map(depth).max().map_or(0, |d| d.saturating_add(1)),
        Value::Object(o) => o.values().map(depth).max().map_or(0, |d| d.saturating_add(1)),
        _ => 0,
    }
}

/// An object argument, or JSON text of it (a string is parsed; anything else is taken as it is).
///
/// # Errors
/// As [`parse_text`] for a string.
pub fn object_or_text(v: &Value) -> Result<Cow<'_, Value>, InputError> {
    match v {
        Value::String(s) => parse_text(s).map(Cow::Owned),
        other => Ok(Cow::Borrowed(other)),
    }
}

/// A required member of an object.
///
/// # Errors
/// `MISSING_FIELD` when absent or `null`.
pub fn get<'a>(v: &'a Value, key: &str) -> Result<&'a Value, InputError> {
    v.get(key).filter(|x| !x.is_null()).ok_or_else(|| InputError::MissingField(key.to_owned()))
}

/// An optional member (`None` when absent or `null`).
pub fn optional<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

/// A string value.
///
/// # Errors
/// `MISSING_FIELD` when not a string.
pub fn string<'a>(v: &'a Value, key: &str) -> Result<&'a str, InputError> {
    v.as_str().ok_or_else(|| InputError::MissingField(format!("{key} (expected a string)")))
}

/// An unsigned integer of at most `bits` bits: a JS number (safe integer) or a decimal string.
///
/// # Errors
/// `INVALID_NUMBER`.
pub fn small_uint(v: &Value, key: &str, bits: u32) -> Result<u64, InputError> {
    let n = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => input::decimal(s, key, 64).ok().map(|u| u.to::<u64>()),
        _ => None,
    }
    .ok_or_else(|| InputError::InvalidNumber(key.to_owned()))?;
    if bits < 64 && n >> bits != 0 {
        return Err(InputError::InvalidNumber(key.to_owned()));
    }
    Ok(n)
}

fn narrow<T: TryFrom<u64>>(n: u64, key: &str) -> Result<T, InputError> {
    T::try_from(n).map_err(|_| InputError::InvalidNumber(key.to_owned()))
}

/// A `uint8` member.
///
/// # Errors
/// `MISSING_FIELD`, `INVALID_NUMBER`.
pub fn u8_at(v: &Value, key: &str) -> Result<u8, InputError> {
    narrow(small_uint(get(v, key)?, key, 8)?, key)
}

/// A `uint16` member.
///
/// # Errors
/// `MISSING_FIELD`, `INVALID_NUMBER`.
pub fn u16_at(v: &Value, key: &str) -> Result<u16, InputError> {
    narrow(small_uint(get(v, key)?, key, 16)?, key)
}

/// A `uint32` member.
///
/// # Errors
/// `MISSING_FIELD`, `INVALID_NUMBER`.
pub fn u32_at(v: &Value, key: &str) -> Result<u32, InputError> {
    narrow(small_uint(get(v, key)?, key, 32)?, key)
}

/// A wide unsigned integer (`uint64` … `uint256`): a decimal string only (JS numbers are refused; bigints arrive as decimal
/// strings).
///
/// # Errors
/// `INVALID_NUMBER`.
pub fn wide_uint(v: &Value, key: &str, bits: usize) -> Result<U256, InputError> {
    input::decimal(v.as_str().ok_or_else(|| InputError::InvalidNumber(key.to_owned()))?, key, bits)
}

/// A wide unsigned integer member.
///
/// # Errors
/// `MISSING_FIELD`, `INVALID_NUMBER`.
pub fn wide_at(v: &Value, key: &str, bits: usize) -> Result<U256, InputError> {
    wide_uint(get(v, key)?, key, bits)
}

fn u128_at(v: &Value, key: &str) -> Result<u128, InputError> {
    Ok(wide_at(v, key, 128)?.to::<u128>())
}

/// `0x` hex bytes.
///
/// # Errors
/// `INVALID_HEX`.
pub fn bytes(v: &Value, key: &str) -> Result<Bytes, InputError> {
    let s = v.as_str().ok_or_else(|| InputError::InvalidHex(key.to_owned()))?;
    input::hex_bytes(s, key).map(Bytes::from)
}

/// A `bytes32` value.
///
/// # Errors
/// `INVALID_HEX`, `INVALID_LENGTH`.
pub fn b256(v: &Value, key: &str) -> Result<B256, InputError> {
    input::b256(v.as_str().ok_or_else(|| InputError::InvalidHex(key.to_owned()))?, key)
}

fn b256_at(v: &Value, key: &str) -> Result<B256, InputError> {
    b256(get(v, key)?, key)
}

/// An address value.
///
/// # Errors
/// `INVALID_ADDRESS`, `BAD_CHECKSUM`.
pub fn address(v: &Value, key: &str) -> Result<Address, InputError> {
    input::address(v.as_str().ok_or_else(|| InputError::InvalidAddress(key.to_owned()))?, key)
}

fn address_at(v: &Value, key: &str) -> Result<Address, InputError> {
    address(get(v, key)?, key)
}

fn array_at<'a>(v: &'a Value, key: &str) -> Result<&'a Vec<Value>, InputError> {
    get(v, key)?.as_array().ok_or_else(|| InputError::MissingField(format!("{key} (expected an array)")))
}

/// A zkLink chain id (`uint8`, number or decimal string).
///
/// # Errors
/// `INVALID_NUMBER`.
pub fn chain_id(v: &Value, key: &str) -> Result<u8, InputError> {
    narrow(small_uint(v, key, 8)?, key)
}

/// A list of chain ids.
///
/// # Errors
/// `MISSING_FIELD` when not an array, `INVALID_NUMBER`.
pub fn chains(v: &Value, key: &str) -> Result<Vec<u8>, InputError> {
    let arr = v.as_array().ok_or_else(|| InputError::MissingField(format!("{key} (expected an array)")))?;
    arr.iter().map(|c| chain_id(c, key)).collect()
}

/// `{ "1": "0x…", "4": "0x…" }`: a bytes32 per chain id key.
///
/// # Errors
/// `MISSING_FIELD` when not an object, `INVALID_NUMBER` for a key, `DUPLICATE_KEY` when two keys name one chain (`1` and
/// `"01"`), `INVALID_HEX`, `INVALID_LENGTH`.
///
/// # Examples
/// ```
/// let h = format!("0x{}", "11".repeat(32));
/// let ok = serde_json::json!({ "1": h, "4": h });
/// assert_eq!(zkbridge_light::json::op_hashes_by_chain(&ok).unwrap().len(), 2);
/// let dup = serde_json::json!({ "1": h, "01": h });
/// assert_eq!(zkbridge_light::json::op_hashes_by_chain(&dup).unwrap_err().code(), "DUPLICATE_KEY");
/// ```
pub fn op_hashes_by_chain(v: &Value) -> Result<BTreeMap<u8, B256>, InputError> {
    let obj = v.as_object().ok_or_else(|| InputError::MissingField("opHashesByChain (expected an object)".into()))?;
    let mut out = BTreeMap::new();
    for (k, h) in obj {
        let c = chain_id(&Value::String(k.clone()), "opHashesByChain key")?;
        if out.insert(c, b256(h, &format!("opHashesByChain[{k}]"))?).is_some() {
            return Err(InputError::DuplicateKey(format!("opHashesByChain: chain {c} twice")));
        }
    }
    Ok(out)
}

impl TryFrom<&Value> for StoredBlockInfo {
    type Error = InputError;
    /// Reads `{ blockNumber, priorityOperations, pendingOnchainOperationsHash, timestamp, stateHash, commitment, syncHash }`.
    fn try_from(v: &Value) -> Result<Self, InputError> {
        Ok(Self {
            block_number: u32_at(v, "blockNumber")?,
            priority_operations: wide_at(v, "priorityOperations", 64)?.to::<u64>(),
            pending_onchain_operations_hash: b256_at(v, "pendingOnchainOperationsHash")?,
            timestamp: wide_at(v, "timestamp", 256)?,
            state_hash: b256_at(v, "stateHash")?,
            commitment: b256_at(v, "commitment")?,
            sync_hash: b256_at(v, "syncHash")?,
        })
    }
}

impl TryFrom<&Value> for CommitBlockInfo {
    type Error = InputError;
    /// Reads `{ newStateHash, publicData, timestamp, onchainOperations: [{ ethWitness?, publicDataOffset }], blockNumber,
    /// feeAccount }`.
    fn try_from(v: &Value) -> Result<Self, InputError> {
        let ops = array_at(v, "onchainOperations")?
            .iter()
            .map(|o| {
                Ok(OnchainOperationData {
                    eth_witness: optional(o, "ethWitness").map(|w| bytes(w, "ethWitness")).transpose()?.unwrap_or_default(),
                    public_data_offset: u32_at(o, "publicDataOffset")?,
                })
            })
            .collect::<Result<_, InputError>>()?;
        Ok(Self {
            new_state_hash: b256_at(v, "newStateHash")?,
            public_data: bytes(get(v, "publicData")?, "publicData")?,
            timestamp: wide_at(v, "timestamp", 256)?,
            onchain_operations: ops,
            block_number: u32_at(v, "blockNumber")?,
            fee_account: u32_at(v, "feeAccount")?,
        })
    }
}

fn mapping_op(v: &Value, require_withdraw_fee: bool) -> Result<MappingOp, InputError> {
    Ok(MappingOp {
        from_chain_id: u8_at(v, "fromChainId")?,
        to_chain_id: u8_at(v, "toChainId")?,
        owner: address_at(v, "owner")?,
        to: address_at(v, "to")?,
        token_id: u16_at(v, "tokenId")?,
        amount: u128_at(v, "l2Amount")?,
        fee: optional(v, "fee").map(|f| wide_uint(f, "fee", 128)).transpose()?.map_or(0, |f| f.to::<u128>()),
        nonce: u32_at(v, "nonce")?,
        withdraw_fee: match optional(v, "withdrawFee") {
            None if !require_withdraw_fee => 0,
            _ => u16_at(v, "withdrawFee")?,
        },
    })
}

impl TryFrom<&Value> for MappingOp {
    type Error = InputError;
    /// Reads `{ fromChainId, toChainId, owner, to, tokenId, amount, fee?, nonce, withdrawFee }` (`fee` defaults to 0, as in
    /// the request; `amount` and `fee` are decimal strings, 18 decimals).
    fn try_from(v: &Value) -> Result<Self, InputError> {
        mapping_op(v, true)
    }
}

impl TryFrom<&Value> for Burn {
    type Error = InputError;
    /// Reads a tracked burn: a Mapping op whose `fee` and `withdrawFee` may be absent (they are not compared); extra members
    /// (`serialId`, `txHash`, `opType` of `decodeBurnReceipt`) are ignored.
    fn try_from(v: &Value) -> Result<Self, InputError> {
        mapping_op(v, false).map(Self)
    }
}

impl TryFrom<&Value> for Report {
    type Error = InputError;
    /// Reads `{ chainId, storedBlock, storedBlockHash, totalBlocksSynchronized }`.
    fn try_from(v: &Value) -> Result<Self, InputError> {
        Ok(Self {
            chain_id: u8_at(v, "chainId")?,
            stored_block: StoredBlockInfo::try_from(get(v, "storedBlock")?)?,
            stored_block_hash: b256_at(v, "storedBlockHash")?,
            total_blocks_synchronized: u32_at(v, "totalBlocksSynchronized")?,
        })
    }
}

/// Reads a verifying key for blocks (snarkjs object or JSON text) and checks it has one public input.
///
/// # Errors
/// The verifier's codes; `PUBLIC_INPUT_COUNT` for another number of public inputs.
pub fn block_verifier(v: &Value) -> Result<Groth16Verifier, ProtocolError> {
    let verifier = snarkjs::verifier(&*object_or_text(v)?)?;
    if verifier.n_public() != 1 {
        return Err(Groth16Error::PublicInputCount { expected: 1, got: verifier.n_public() }.into());
    }
    Ok(verifier)
}

/// Reads a proof: snarkjs JSON, or `{ evm: "0x…256 bytes" }`.
///
/// # Errors
/// `INVALID_HEX`, `INVALID_LENGTH` and the verifier's point codes.
pub fn proof(v: &Value) -> Result<Proof<Bn254>, Groth16Error> {
    if let Some(evm) = v.get("evm") {
        return parse_evm_proof_bytes(&bytes(evm, "proof.evm")?);
    }
    snarkjs::parse_proof(v)
}

fn reports(v: &Value) -> Result<Vec<Report>, InputError> {
    array_at(v, "reports")?.iter().map(Report::try_from).collect()
}

/// The members `verifyBlock` and `verifyBlocks` share.
struct Common {
    verifier: Groth16Verifier,
    chains: Vec<u8>,
    destination: Option<u8>,
    burn: Option<Burn>,
}

fn common(v: &Value) -> Result<Common, ProtocolError> {
    let burn = optional(v, "burn").map(Burn::try_from).transpose()?;
    let destination = optional(v, "destination").map(|_| u8_at(v, "destination")).transpose()?;
    Ok(Common { verifier: block_verifier(get(v, "vk")?)?, chains: chains(get(v, "chains")?, "chains")?, destination, burn })
}

impl TryFrom<&Value> for BlockCheck {
    type Error = ProtocolError;
    /// Reads `{ vk, proof, prevBlock, block, chains, reports, destination?, burn? }` (or JSON text of it).
    fn try_from(v: &Value) -> Result<Self, ProtocolError> {
        let v = object_or_text(v)?;
        let Common { verifier, chains, destination, burn } = common(&v)?;
        Ok(Self {
            verifier,
            proof: proof(get(&v, "proof")?)?,
            prev: StoredBlockInfo::try_from(get(&v, "prevBlock")?)?,
            block: CommitBlockInfo::try_from(get(&v, "block")?)?,
            chains,
            reports: reports(&v)?,
            destination,
            burn,
        })
    }
}

impl TryFrom<&Value> for BlocksCheck {
    type Error = ProtocolError;
    /// Reads `{ vk, chains, prevBlock, blocks: [{ block, proof, reports }], destination?, burn? }` (or JSON text of it).
    /// An empty `blocks` is `MISSING_FIELD`.
    fn try_from(v: &Value) -> Result<Self, ProtocolError> {
        let v = object_or_text(v)?;
        let Common { verifier, chains, destination, burn } = common(&v)?;
        let prev = StoredBlockInfo::try_from(get(&v, "prevBlock")?)?;
        let blocks = array_at(&v, "blocks")?;
        if blocks.is_empty() {
            return Err(InputError::MissingField("blocks (empty)".into()).into());
        }
        let blocks = blocks
            .iter()
            .map(|b| {
                Ok(BlockData {
                    block: CommitBlockInfo::try_from(get(b, "block")?)?,
                    proof: proof(get(b, "proof")?)?,
                    reports: reports(b)?,
                })
            })
            .collect::<Result<_, ProtocolError>>()?;
        Ok(Self { verifier, chains, prev, blocks, destination, burn })
    }
}

/// A zkLink chain id parameter of a burn: 1..=255.
fn zklink_chain_id(v: &Value, key: &str) -> Result<u8, CalldataError> {
    u8_at(v, key).ok().filter(|id| *id != 0).ok_or_else(|| CalldataError::InvalidChainId(key.to_owned()))
}

/// An EVM chain id: a `0x` hex string or a positive integer (number or decimal string).
fn evm_chain_id(v: &Value) -> Result<U256, CalldataError> {
    let id = match v {
        Value::String(s) if s.starts_with("0x") => crate::field::parse_u256(s).ok(),
        other => small_uint(other, "chainId", 64).ok().map(U256::from),
    };
    id.filter(|x| !x.is_zero()).ok_or_else(|| CalldataError::InvalidChainId("chainId".into()))
}

impl TryFrom<&Value> for BurnParams {
    type Error = CalldataError;
    /// Reads `{ chainId, fromChainId, bridge, from, token, decimals, amount, toChainId, to, nonce, withdrawFee, allowance?,
    /// zkLinkAddress?, notTo? }` (or JSON text of it; `notTo` an array of addresses). Numbers out of their type's range get the domain's code (`decimals` 300 is
    /// `UNSUPPORTED_DECIMALS`, `withdrawFee` 70000 is `INVALID_FEE`); the rules are checked by [`BurnParams::validate`].
    fn try_from(v: &Value) -> Result<Self, CalldataError> {
        let v = object_or_text(v)?;
        if !v.is_object() {
            return Err(InputError::MissingField("params (expected an object)".into()).into());
        }
        let decimals = small_uint(get(&v, "decimals")?, "decimals", 64)?;
        let withdraw_fee = small_uint(get(&v, "withdrawFee")?, "withdrawFee", 64)?;
        Ok(Self {
            chain_id: evm_chain_id(get(&v, "chainId")?)?,
            from_chain_id: zklink_chain_id(&v, "fromChainId")?,
            to_chain_id: zklink_chain_id(&v, "toChainId")?,
            bridge: address_at(&v, "bridge")?,
            from: address_at(&v, "from")?,
            token: address_at(&v, "token")?,
            decimals: u8::try_from(decimals).map_err(|_| CalldataError::UnsupportedDecimals(decimals))?,
            amount: get(&v, "amount")?.as_str().ok_or_else(|| CalldataError::InvalidAmount("(not a string)".into()))?.to_owned(),
            to: address_at(&v, "to")?,
            nonce: u32_at(&v, "nonce")?,
            withdraw_fee: u16::try_from(withdraw_fee).map_err(|_| CalldataError::InvalidFee(withdraw_fee))?,
            allowance: optional(&v, "allowance").map(|a| wide_uint(a, "allowance", 256)).transpose()?,
            zklink_address: optional(&v, "zkLinkAddress").map(|a| address(a, "zkLinkAddress")).transpose()?,
            not_to: match optional(&v, "notTo") {
                None => Vec::new(),
                Some(list) => list
                    .as_array()
                    .ok_or_else(|| InputError::MissingField("notTo (expected an array of addresses)".into()))?
                    .iter()
                    .map(|a| address(a, "notTo[]"))
                    .collect::<Result<_, _>>()?,
            },
        })
    }
}

impl TryFrom<&Value> for Receipt {
    type Error = InputError;
    /// Reads a receipt as `eth_getTransactionReceipt` returns it: `{ transactionHash, status?, logs: [{ address, topics,
    /// data, removed? }] }` (or JSON text of it). `status` other than `"0x1"` is a failure.
    fn try_from(v: &Value) -> Result<Self, InputError> {
        let v = object_or_text(v)?;
        let logs = v
            .get("logs")
            .and_then(Value::as_array)
            .ok_or_else(|| InputError::MissingField("receipt.logs".into()))?
            .iter()
            .map(|l| {
                Ok(Log {
                    address: address_at(l, "address")?,
                    topics: optional(l, "topics")
                        .and_then(Value::as_array)
                        .map(|t| t.iter().map(|x| b256(x, "topic")).collect::<Result<_, _>>())
                        .transpose()?
                        .unwrap_or_default(),
                    data: bytes(get(l, "data")?, "log data")?,
                    removed: l.get("removed").and_then(Value::as_bool) == Some(true),
                })
            })
            .collect::<Result<_, InputError>>()?;
        Ok(Self {
            transaction_hash: b256_at(&v, "transactionHash")?,
            status: v.get("status").and_then(Value::as_str).map(|s| s == "0x1"),
            logs,
        })
    }
}

impl TryFrom<&Value> for ClientSetup {
    type Error = ProtocolError;
    /// Reads `{ vk, anchor, chains: [{ chainId, evmChainId, bridge, deployBlock }], retries?, backoffMs?, tokens?: [{ tokenId,
    /// decimals }], confirmations?, preparedKey? }` (the JS
    /// `BridgeClient` builds it from the deployment file: `anchor` is the checkpoint, or the deployment's `genesis`).
    fn try_from(v: &Value) -> Result<Self, ProtocolError> {
        let v = object_or_text(v)?;
        let chains = array_at(&v, "chains")?
            .iter()
            .map(|c| {
                Ok(ChainConfig {
                    chain_id: u8_at(c, "chainId")?,
                    evm_chain_id: small_uint(get(c, "evmChainId")?, "evmChainId", 64)?,
                    bridge: address_at(c, "bridge")?,
                    deploy_block: small_uint(get(c, "deployBlock")?, "deployBlock", 64)?,
                })
            })
            .collect::<Result<Vec<_>, InputError>>()?;
        let d = Retry::default();
        // A kept preparation of the key (`preparedKey`, hex of `Groth16Verifier::export`) is used when it is this library
        // version's for this very key; anything else in its place is ignored and the key checked and prepared afresh.
        let vk = get(&v, "vk")?;
        let kept = optional(&v, "preparedKey").and_then(|p| {
            let vk = snarkjs::parse_vk(&*object_or_text(vk).ok()?).ok()?;
            let verifier = Groth16Verifier::from_prepared(vk, &bytes(p, "preparedKey").ok()?).ok()?;
            (verifier.n_public() == 1).then_some(verifier)
        });
        let prepared_key_reused = kept.is_some();
        Ok(Self {
            verifier: match kept {
                Some(verifier) => verifier,
                None => block_verifier(vk)?,
            },
            prepared_key_reused,
            anchor: StoredBlockInfo::try_from(get(&v, "anchor")?)?,
            chains,
            retry: Retry {
                retries: optional(&v, "retries").map_or(Ok(d.retries), |_| u32_at(&v, "retries"))?,
                backoff_ms: optional(&v, "backoffMs").map_or(Ok(d.backoff_ms), |b| small_uint(b, "backoffMs", 32))?,
            },
            confirmations: optional(&v, "confirmations").map_or(Ok(0), |c| small_uint(c, "confirmations", 32))?,
            tokens: {
                // Inserted one by one (collecting into a BTreeMap would pull a stable sort into the .wasm).
                let mut tokens = BTreeMap::new();
                for t in optional(&v, "tokens").map(|_| array_at(&v, "tokens")).transpose()?.into_iter().flatten() {
                    tokens.insert(u16_at(t, "tokenId")?, u8_at(t, "decimals")?);
                }
                tokens
            },
        })
    }
}

impl TryFrom<&Value> for DeploymentAnchor {
    type Error = ProtocolError;
    /// Reads what a bundle is checked against from a deployment file (or JSON text of it): its `vk` and its `genesis`.
    fn try_from(v: &Value) -> Result<Self, ProtocolError> {
        let v = object_or_text(v)?;
        Ok(Self { verifier: block_verifier(get(&v, "vk")?)?, anchor: StoredBlockInfo::try_from(get(&v, "genesis")?)? })
    }
}

/// Where one endpoint was read: `{ chainId, endpoint, evmBlockNumber, evmBlockHash }`.
fn read(a: &Value) -> Result<Read, InputError> {
    Ok(Read {
        chain_id: u8_at(a, "chainId")?,
        endpoint: string(get(a, "endpoint")?, "endpoint")?.to_owned(),
        evm_block_number: small_uint(get(a, "evmBlockNumber")?, "evmBlockNumber", 64)?,
        evm_block_hash: b256_at(a, "evmBlockHash")?,
    })
}

/// A tracked burn's mint reads in an evidence bundle: `{ bridge, decimals, reads: [read], logs: [answer] }`, one
/// `eth_getLogs` answer per read, each log with only the members judged ([`MintEvidence::answer`]).
fn mint_evidence(v: &Value) -> Result<MintEvidence, InputError> {
    let mut reads = Vec::new();
    for r in array_at(v, "reads")? {
        reads.push(read(r)?);
    }
    let (mut answers, mut logs) = (Vec::new(), Vec::new());
    for a in array_at(v, "logs")? {
        let parsed = parse_mint_logs(a).map_err(|e| InputError::InvalidInput(format!("mint.logs: {e}")))?;
        if MintEvidence::answer(a) != *a {
            return Err(InputError::InvalidInput("mint.logs: a log carries members that are not judged".into()));
        }
        answers.push(a.clone());
        logs.push(parsed);
    }
    if logs.len() != reads.len() || reads.is_empty() {
        return Err(InputError::InvalidInput("mint: one answer of logs for each read, at least one".into()));
    }
    let decimals = match get(v, "decimals")? {
        Value::Null => None,
        _ => Some(u8_at(v, "decimals")?),
    };
    Ok(MintEvidence { bridge: address_at(v, "bridge")?, decimals, reads, answers, logs })
}

impl TryFrom<&Value> for EvidenceBundle {
    type Error = ProtocolError;
    /// Reads an exported evidence bundle (docs/PROTOCOL.md §12): `{ format: 4, library, blockNumber, destination, vk,
    /// checkpoint, connectedChains, answers: [{ chainId, endpoint, evmBlockNumber, evmBlockHash, totalBlocksCommitted,
    /// storedBlock, storedBlockHash, totalBlocksSynchronized, totalBlocksExecuted, totalBlocksProven, block, proof,
    /// prevStoredBlockHash }], burn?, mint?, verdict }` (or JSON text of it). Each answer must be consistent in itself
    /// ([`Answer::consistent`]: `INVALID_INPUT` otherwise).
    fn try_from(v: &Value) -> Result<Self, ProtocolError> {
        let v = object_or_text(v)?;
        if small_uint(get(&v, "format")?, "format", 32)? != u64::from(EVIDENCE_FORMAT) {
            return Err(InputError::InvalidNumber(format!("format (only {EVIDENCE_FORMAT} is known)")).into());
        }
        let vk = get(&v, "vk")?.clone();
        let verifier = block_verifier(&vk)?;
        let answers = array_at(&v, "answers")?
            .iter()
            .map(|a| {
                Ok(Answer {
                    read: read(a)?,
                    committed: u32_at(a, "totalBlocksCommitted")?,
                    stored: optional(a, "storedBlock").map(StoredBlockInfo::try_from).transpose()?,
                    stored_hash: b256_at(a, "storedBlockHash")?,
                    synchronized: u32_at(a, "totalBlocksSynchronized")?,
                    executed: u32_at(a, "totalBlocksExecuted")?,
                    proven: u32_at(a, "totalBlocksProven")?,
                    block: optional(a, "block").map(CommitBlockInfo::try_from).transpose()?,
                    proof: optional(a, "proof").map(|p| bytes(p, "proof")).transpose()?,
                    prev_stored_hash: optional(a, "prevStoredBlockHash")
                        .map(|_| b256_at(a, "prevStoredBlockHash"))
                        .transpose()?,
                })
            })
            .collect::<Result<Vec<_>, InputError>>()?;
        let block_number = u32_at(&v, "blockNumber")?;
        let connected_chains = chains(get(&v, "connectedChains")?, "connectedChains")?;
        for (i, a) in answers.iter().enumerate() {
            a.consistent(block_number, connected_chains.first() == Some(&a.read.chain_id))
                .map_err(|e| InputError::InvalidInput(format!("answers[{i}]: {e}")))?;
        }
        let burn = optional(&v, "burn").map(MappingOp::try_from).transpose()?;
        if burn.as_ref().is_some_and(|b| b.fee != 0 || b.withdraw_fee != 0) {
            return Err(InputError::InvalidInput("burn: a tracked burn is recorded with fee and withdrawFee 0".into()).into());
        }
        if optional(&v, "mint").is_some() && burn.is_none() {
            return Err(
                InputError::InvalidInput("mint: only a tracked burn's evidence (with `burn`) carries a mint".into()).into()
            );
        }
        Ok(Self {
            evidence: Evidence {
                format: EVIDENCE_FORMAT,
                library: string(get(&v, "library")?, "library")?.to_owned(),
                block_number,
                destination: optional(&v, "destination").map(|_| u8_at(&v, "destination")).transpose()?,
                vk,
                checkpoint: StoredBlockInfo::try_from(get(&v, "checkpoint")?)?,
                connected_chains,
                answers,
                burn,
                mint: optional(&v, "mint").map(mint_evidence).transpose()?,
            },
            verifier,
            verdict: get(&v, "verdict")?.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn depth_bound_is_exact() {
        let nest = |n: usize| (0..n).fold(json!(1), |acc, _| json!([acc]));
        assert!(parse_text(&nest(MAX_DEPTH).to_string()).is_ok());
        assert_eq!(parse_text(&nest(MAX_DEPTH + 1).to_string()).unwrap_err().code(), "TOO_DEEP");
    }

    #[test]
    fn size_bound_is_exact() {
        let inside = format!("\"{}\"", "a".repeat(MAX_INPUT_UNITS - 2));
        assert!(parse_text(&inside).is_ok());
        let outside = format!("\"{}\"", "a".repeat(MAX_INPUT_UNITS - 1));
        assert_eq!(parse_text(&outside).unwrap_err().code(), "TOO_LARGE");
    }

    #[test]
    fn numbers_follow_their_width() {
        assert_eq!(small_uint(&json!(255), "n", 8).unwrap(), 255);
        assert_eq!(small_uint(&json!("255"), "n", 8).unwrap(), 255);
        for bad in [json!(256), json!(-1), json!(1.5), json!("0x1"), json!(" 1"), json!(true)] {
            assert_eq!(small_uint(&bad, "n", 8).unwrap_err().code(), "INVALID_NUMBER", "{bad}");
        }
        assert_eq!(wide_uint(&json!(5), "w", 64).unwrap_err().code(), "INVALID_NUMBER");
        assert_eq!(wide_uint(&json!("18446744073709551616"), "w", 64).unwrap_err().code(), "INVALID_NUMBER");
        assert_eq!(wide_uint(&json!("18446744073709551615"), "w", 64).unwrap(), U256::from(u64::MAX));
    }

    #[test]
    fn bytes_refuse_double_prefix() {
        assert_eq!(bytes(&json!("0x0x00"), "b").unwrap_err().code(), "INVALID_HEX");
        assert_eq!(b256(&json!(format!("0x0x{}", "00".repeat(31))), "b").unwrap_err().code(), "INVALID_HEX");
        assert_eq!(b256(&json!("0x00"), "b").unwrap_err().code(), "INVALID_LENGTH");
        assert_eq!(bytes(&json!(7), "b").unwrap_err().code(), "INVALID_HEX");
    }
}
