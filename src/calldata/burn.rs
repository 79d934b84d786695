//! The burn transactions: zkLink's Token Bridge `mappingToken` call and the exact ERC-20 `approve` before it, encoded with
//! alloy's `sol!` (never by hand), ready for `eth_sendTransaction`.

use super::amount::{parse_amount, to_l2_amount};
use crate::error::CalldataError;
use crate::protocol::json::{get, parse_address, small_uint, u16_at, u32_at, u8_at, wide_uint};
use alloy_primitives::{hex, Address, Bytes, U256};
use alloy_sol_types::{sol, SolCall};
use serde::Serialize;
use serde_json::Value;

sol! {
    /// zkLink's Token Bridge entry point (v1 `ZkLink.sol`, selector `0x9d3c03a5`).
    function mappingToken(address _zkLinkAddress, address _to, uint104 _amount, address _token, uint8 _toChainId,
                          uint32 _nonce, uint16 _withdrawFee);
    /// ERC-20 `approve` (`0x095ea7b3`).
    function approve(address spender, uint256 amount) returns (bool);
    /// ERC-20 `allowance` (`0xdd62ed3e`).
    function allowance(address owner, address spender) returns (uint256);
}

/// A transaction for `eth_sendTransaction`: hex quantities are `0x`-prefixed and unpadded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tx {
    /// Sender (EIP-55).
    #[serde(serialize_with = "checksummed")]
    pub from: Address,
    /// Contract called (EIP-55).
    #[serde(serialize_with = "checksummed")]
    pub to: Address,
    /// Calldata.
    pub data: Bytes,
    /// Always `"0x0"`.
    pub value: String,
    /// The source chain's EVM chain id, `0x` hex.
    pub chain_id: String,
}

/// `eth_call` parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Call {
    /// Contract called (EIP-55).
    #[serde(serialize_with = "checksummed")]
    pub to: Address,
    /// Calldata.
    pub data: Bytes,
}

/// The transactions of one burn: `approve` only when the known allowance is below the amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BurnTxs {
    /// The exact ERC-20 approval, when needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approve: Option<Tx>,
    /// The `mappingToken` call.
    pub burn: Tx,
}

fn checksummed<S: serde::Serializer>(a: &Address, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&a.to_checksum(None))
}

/// Parses an address (lower-case, upper-case, or mixed case with a valid EIP-55 checksum) and returns it in EIP-55 form.
///
/// # Errors
/// `INVALID_ADDRESS`, `BAD_CHECKSUM`.
///
/// # Examples
/// ```
/// use zkbridge_light::calldata::checksum_address;
/// assert_eq!(checksum_address("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359").unwrap(), "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
/// assert_eq!(checksum_address("0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359").unwrap_err().code(), "BAD_CHECKSUM");
/// ```
pub fn checksum_address(addr: &str) -> Result<String, CalldataError> {
    Ok(parse_address(addr, "address")?.to_checksum(None))
}

fn address_param(v: &Value, key: &str) -> Result<Address, CalldataError> {
    let s = get(v, key)?.as_str().ok_or_else(|| CalldataError::InvalidAddress(key.to_owned()))?;
    Ok(parse_address(s, key)?)
}

/// An EVM chain id: a `0x` hex string or a positive integer (number or decimal string).
fn evm_chain_id(v: &Value) -> Result<U256, CalldataError> {
    let id = match v {
        Value::String(s) if s.starts_with("0x") => crate::field::parse_u256(s).ok(),
        other => small_uint(other, "chainId", 64).ok().map(U256::from),
    };
    id.filter(|x| !x.is_zero()).ok_or_else(|| CalldataError::InvalidChainId("chainId".into()))
}

fn zklink_chain_id(v: &Value, key: &str) -> Result<u8, CalldataError> {
    let id = u8_at(v, key).map_err(|_| CalldataError::InvalidChainId(key.to_owned()))?;
    if id == 0 {
        return Err(CalldataError::InvalidChainId(key.to_owned()));
    }
    Ok(id)
}

/// Validated parameters of one burn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BurnParams {
    /// Source EVM chain id.
    pub chain_id: U256,
    /// Source zkLink chain id.
    pub from_chain_id: u8,
    /// Destination zkLink chain id.
    pub to_chain_id: u8,
    /// The bridge contract on the source chain.
    pub bridge: Address,
    /// The sender.
    pub from: Address,
    /// The ERC-20 token on the source chain.
    pub token: Address,
    /// Token decimals (≤ 18).
    pub decimals: u8,
    /// Raw amount in token units.
    pub raw_amount: U256,
    /// The amount in 18 decimals (what the Mapping op carries).
    pub l2_amount: u128,
    /// Recipient on the destination chain.
    pub to: Address,
    /// User nonce.
    pub nonce: u32,
    /// Withdraw fee, basis points.
    pub withdraw_fee: u16,
    /// Current allowance in raw units, when known.
    pub allowance: Option<U256>,
    /// `_zkLinkAddress` (`from` unless given).
    pub zklink_address: Address,
}

impl BurnParams {
    /// Reads and validates `{ chainId, fromChainId, bridge, from, token, decimals, amount, toChainId, to, nonce, withdrawFee,
    /// allowance?, zkLinkAddress? }`. The amount is validated as a string first, then converted, then capped.
    ///
    /// # Errors
    /// `MISSING_FIELD`, `INVALID_ADDRESS`, `BAD_CHECKSUM`, `INVALID_AMOUNT`, `TOO_MANY_DECIMALS`, `UNSUPPORTED_DECIMALS`,
    /// `AMOUNT_TOO_LARGE`, `SAME_CHAIN`, `INVALID_FEE`, `INVALID_CHAIN_ID`, `INVALID_NUMBER`.
    pub fn from_json(v: &Value) -> Result<Self, CalldataError> {
        if !v.is_object() {
            return Err(CalldataError::MissingField("params (expected an object)".into()));
        }
        let decimals = small_uint(get(v, "decimals")?, "decimals", 64)?;
        let decimals = u8::try_from(decimals).ok().filter(|d| *d <= 18).ok_or(CalldataError::UnsupportedDecimals(decimals))?;
        let amount = get(v, "amount")?.as_str().ok_or_else(|| CalldataError::InvalidAmount("(not a string)".into()))?;
        let raw_amount = parse_amount(amount, decimals)?;
        if raw_amount.is_zero() {
            return Err(CalldataError::InvalidAmount(amount.to_owned()));
        }
        let l2_amount = to_l2_amount(raw_amount, decimals)?;
        let from_chain_id = zklink_chain_id(v, "fromChainId")?;
        let to_chain_id = zklink_chain_id(v, "toChainId")?;
        if from_chain_id == to_chain_id {
            return Err(CalldataError::SameChain(to_chain_id));
        }
        let withdraw_fee = small_uint(get(v, "withdrawFee")?, "withdrawFee", 64)?;
        if withdraw_fee >= 10_000 {
            return Err(CalldataError::InvalidFee(withdraw_fee));
        }
        let from = address_param(v, "from")?;
        Ok(Self {
            chain_id: evm_chain_id(get(v, "chainId")?)?,
            from_chain_id,
            to_chain_id,
            bridge: address_param(v, "bridge")?,
            from,
            token: address_param(v, "token")?,
            decimals,
            raw_amount,
            l2_amount,
            to: address_param(v, "to")?,
            nonce: u32_at(v, "nonce")?,
            withdraw_fee: u16_at(v, "withdrawFee")?,
            allowance: match v.get("allowance") {
                None | Some(Value::Null) => None,
                Some(a) => Some(wide_uint(a, "allowance", 256)?),
            },
            zklink_address: match v.get("zkLinkAddress") {
                None | Some(Value::Null) => from,
                Some(_) => address_param(v, "zkLinkAddress")?,
            },
        })
    }
}

fn tx(p: &BurnParams, to: Address, data: Vec<u8>) -> Tx {
    Tx { from: p.from, to, data: data.into(), value: "0x0".into(), chain_id: format!("{:#x}", p.chain_id) }
}

/// Builds the burn: `mappingToken(_zkLinkAddress, _to, rawAmount, token, toChainId, nonce, withdrawFee)` to the bridge, and
/// before it an ERC-20 `approve(bridge, rawAmount)` (exact, never unlimited) only when `allowance` is known and below.
///
/// # Examples
/// ```
/// use zkbridge_light::calldata::{build_burn, BurnParams};
/// let p = BurnParams::from_json(&serde_json::json!({
///     "chainId": "0x1", "fromChainId": 1, "bridge": "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
///     "from": "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "token": "0xcccccccccccccccccccccccccccccccccccccccc",
///     "decimals": 6, "amount": "12.5", "toChainId": 2, "to": "0xdddddddddddddddddddddddddddddddddddddddd",
///     "nonce": 7, "withdrawFee": 10, "allowance": "0" })).unwrap();
/// let txs = build_burn(&p);
/// assert!(txs.approve.is_some());
/// assert_eq!(&txs.burn.data[..4], &[0x9d, 0x3c, 0x03, 0xa5]);
/// ```
pub fn build_burn(p: &BurnParams) -> BurnTxs {
    let call = mappingTokenCall {
        _zkLinkAddress: p.zklink_address,
        _to: p.to,
        // `raw_amount ≤ 2^104 − 1` holds: its 18-decimal scaling was capped there in `from_json`.
        _amount: alloy_primitives::aliases::U104::saturating_from(p.raw_amount),
        _token: p.token,
        _toChainId: p.to_chain_id,
        _nonce: p.nonce,
        _withdrawFee: p.withdraw_fee,
    };
    let approve = p
        .allowance
        .filter(|a| *a < p.raw_amount)
        .map(|_| tx(p, p.token, approveCall { spender: p.bridge, amount: p.raw_amount }.abi_encode()));
    BurnTxs { approve, burn: tx(p, p.bridge, call.abi_encode()) }
}

/// `allowance(owner, spender)` on `token`, for `eth_call`.
///
/// # Errors
/// `INVALID_ADDRESS`, `BAD_CHECKSUM`.
pub fn allowance_call(token: &str, owner: &str, spender: &str) -> Result<Call, CalldataError> {
    let token = parse_address(token, "token")?;
    let call = allowanceCall { owner: parse_address(owner, "owner")?, spender: parse_address(spender, "spender")? };
    Ok(Call { to: token, data: call.abi_encode().into() })
}

/// Decodes the `eth_call` result of `allowance`: exactly one 32-byte word.
///
/// # Errors
/// `INVALID_HEX` unless `0x` + 64 hex digits.
pub fn decode_allowance(result: &str) -> Result<U256, CalldataError> {
    let bytes = result
        .strip_prefix("0x")
        .and_then(|d| hex::decode(d).ok())
        .filter(|b| b.len() == 32)
        .ok_or_else(|| CalldataError::InvalidHex("allowance result (expected 32 bytes)".into()))?;
    Ok(U256::from_be_slice(&bytes))
}
