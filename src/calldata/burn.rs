//! The burn transactions: zkLink's Token Bridge `mappingToken` call and the exact ERC-20 `approve` before it, encoded with
//! alloy's `sol!` (never by hand), ready for `eth_sendTransaction`.

use super::amount::{parse_amount, to_l2_amount};
use crate::error::CalldataError;
use crate::input::{address, hex_array};
use alloy_primitives::{Address, Bytes, U256};
use alloy_sol_types::{sol, SolCall};
use serde::Serialize;

sol! {
    /// zkLink's Token Bridge entry point (v1 `ZkLink.sol`, selector `0x9d3c03a5`).
    function mappingToken(address _zkLinkAddress, address _to, uint104 _amount, address _token, uint8 _toChainId,
                          uint32 _nonce, uint16 _withdrawFee);
    /// ERC-20 `approve` (`0x095ea7b3`).
    function approve(address spender, uint256 amount) returns (bool);
    /// ERC-20 `allowance` (`0xdd62ed3e`).
    function allowance(address owner, address spender) returns (uint256);
    /// ERC-20 `balanceOf` (`0x70a08231`).
    function balanceOf(address owner) returns (uint256);
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
    Ok(address(addr, "address")?.to_checksum(None))
}

/// The parameters of one burn, as a person gives them (the amount in token units, e.g. `"12.5"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BurnParams {
    /// Source EVM chain id (positive).
    pub chain_id: U256,
    /// Source zkLink chain id (1..=255).
    pub from_chain_id: u8,
    /// Destination zkLink chain id (1..=255, not the source).
    pub to_chain_id: u8,
    /// The bridge contract on the source chain.
    pub bridge: Address,
    /// The sender.
    pub from: Address,
    /// The ERC-20 token on the source chain.
    pub token: Address,
    /// Token decimals (≤ 18).
    pub decimals: u8,
    /// The amount in token units: digits with at most one `.` and at most `decimals` fraction digits, above zero.
    pub amount: String,
    /// Recipient on the destination chain.
    pub to: Address,
    /// User nonce.
    pub nonce: u32,
    /// Withdraw fee, basis points (< 10000).
    pub withdraw_fee: u16,
    /// Current allowance in raw units, when known (an `approve` is built only when it is below the amount).
    pub allowance: Option<U256>,
    /// `_zkLinkAddress` (`from` when `None`).
    pub zklink_address: Option<Address>,
    /// Addresses the recipient must not be: the destination chain's bridge and token contracts (from the deployment).
    pub not_to: Vec<Address>,
}

/// Checks a recipient: not the zero address, not one of `not_to` (the destination chain's bridge and token contracts).
///
/// # Errors
/// `ZERO_ADDRESS`, `CONTRACT_RECIPIENT`.
///
/// # Examples
/// ```
/// use alloy_primitives::Address;
/// use zkbridge_light::calldata::check_recipient;
/// let bridge = Address::repeat_byte(0xb2);
/// assert!(check_recipient(Address::repeat_byte(1), &[bridge]).is_ok());
/// assert_eq!(check_recipient(bridge, &[bridge]).unwrap_err().code(), "CONTRACT_RECIPIENT");
/// assert_eq!(check_recipient(Address::ZERO, &[]).unwrap_err().code(), "ZERO_ADDRESS");
/// ```
pub fn check_recipient(to: Address, not_to: &[Address]) -> Result<(), CalldataError> {
    if to.is_zero() {
        return Err(CalldataError::ZeroAddress("to".into()));
    }
    if not_to.contains(&to) {
        return Err(CalldataError::ContractRecipient(to.to_checksum(None)));
    }
    Ok(())
}

/// A burn whose parameters passed every rule, with its amounts computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBurn {
    /// The parameters.
    pub params: BurnParams,
    /// Raw amount in token units.
    pub raw_amount: U256,
    /// The amount in 18 decimals (what the Mapping op carries), `≤ 2^104 − 1`.
    pub l2_amount: u128,
}

impl BurnParams {
    /// Checks every rule and computes the amounts: the amount is validated as a string first, then converted, then capped.
    ///
    /// # Errors
    /// `UNSUPPORTED_DECIMALS`, `INVALID_AMOUNT`, `TOO_MANY_DECIMALS`, `AMOUNT_TOO_LARGE`, `INVALID_CHAIN_ID`, `SAME_CHAIN`,
    /// `INVALID_FEE`, `ZERO_ADDRESS` (a zero recipient or zkLink address: the tokens would be lost), `CONTRACT_RECIPIENT`
    /// (the recipient is one of `not_to`).
    pub fn validate(&self) -> Result<ValidBurn, CalldataError> {
        if self.decimals > 18 {
            return Err(CalldataError::UnsupportedDecimals(self.decimals.into()));
        }
        let raw_amount = parse_amount(&self.amount, self.decimals)?;
        if raw_amount.is_zero() {
            return Err(CalldataError::InvalidAmount(self.amount.clone()));
        }
        let l2_amount = to_l2_amount(raw_amount, self.decimals)?;
        if self.from_chain_id == 0 {
            return Err(CalldataError::InvalidChainId("fromChainId".into()));
        }
        if self.to_chain_id == 0 {
            return Err(CalldataError::InvalidChainId("toChainId".into()));
        }
        if self.from_chain_id == self.to_chain_id {
            return Err(CalldataError::SameChain(self.to_chain_id));
        }
        if self.withdraw_fee >= 10_000 {
            return Err(CalldataError::InvalidFee(self.withdraw_fee.into()));
        }
        if self.chain_id.is_zero() {
            return Err(CalldataError::InvalidChainId("chainId".into()));
        }
        check_recipient(self.to, &self.not_to)?;
        if self.zklink_address.is_some_and(|a| a.is_zero()) {
            return Err(CalldataError::ZeroAddress("zkLinkAddress".into()));
        }
        Ok(ValidBurn { params: self.clone(), raw_amount, l2_amount })
    }
}

fn tx(p: &BurnParams, to: Address, data: Vec<u8>) -> Tx {
    Tx { from: p.from, to, data: data.into(), value: "0x0".into(), chain_id: format!("{:#x}", p.chain_id) }
}

/// Builds the burn: `mappingToken(_zkLinkAddress, _to, rawAmount, token, toChainId, nonce, withdrawFee)` to the bridge, and
/// before it an ERC-20 `approve(bridge, rawAmount)` (exact, never unlimited) only when `allowance` is known and below.
///
/// # Errors
/// See [`BurnParams::validate`].
///
/// # Examples
/// ```
/// use zkbridge_light::calldata::{build_burn, BurnParams};
/// use alloy_primitives::{Address, U256};
/// let p = BurnParams { chain_id: U256::from(1u8), from_chain_id: 1, to_chain_id: 2, bridge: Address::repeat_byte(0xaa),
///     from: Address::repeat_byte(0xbb), token: Address::repeat_byte(0xcc), decimals: 6, amount: "12.5".into(),
///     to: Address::repeat_byte(0xdd), nonce: 7, withdraw_fee: 10, allowance: Some(U256::ZERO), zklink_address: None,
///     not_to: vec![] };
/// let txs = build_burn(&p).unwrap();
/// assert!(txs.approve.is_some());
/// assert_eq!(&txs.burn.data[..4], &[0x9d, 0x3c, 0x03, 0xa5]);
/// let same_chain = BurnParams { to_chain_id: 1, ..p };
/// assert_eq!(build_burn(&same_chain).unwrap_err().code(), "SAME_CHAIN");
/// ```
pub fn build_burn(p: &BurnParams) -> Result<BurnTxs, CalldataError> {
    let v = p.validate()?;
    let call = mappingTokenCall {
        _zkLinkAddress: p.zklink_address.unwrap_or(p.from),
        _to: p.to,
        // `raw_amount ≤ 2^104 − 1` holds: its 18-decimal scaling was capped there in `validate`.
        _amount: alloy_primitives::aliases::U104::saturating_from(v.raw_amount),
        _token: p.token,
        _toChainId: p.to_chain_id,
        _nonce: p.nonce,
        _withdrawFee: p.withdraw_fee,
    };
    let approve = p
        .allowance
        .filter(|a| *a < v.raw_amount)
        .map(|_| tx(p, p.token, approveCall { spender: p.bridge, amount: v.raw_amount }.abi_encode()));
    Ok(BurnTxs { approve, burn: tx(p, p.bridge, call.abi_encode()) })
}

/// `allowance(owner, spender)` on `token`, for `eth_call`.
///
/// # Errors
/// `INVALID_ADDRESS`, `BAD_CHECKSUM`.
pub fn allowance_call(token: &str, owner: &str, spender: &str) -> Result<Call, CalldataError> {
    let token = address(token, "token")?;
    let call = allowanceCall { owner: address(owner, "owner")?, spender: address(spender, "spender")? };
    Ok(Call { to: token, data: call.abi_encode().into() })
}

/// The `eth_call` of ERC-20 `balanceOf(owner)` on `token` (decode the result with [`decode_allowance`]: one uint256).
///
/// # Errors
/// `INVALID_ADDRESS`, `BAD_CHECKSUM`.
///
/// # Examples
/// ```
/// let c = zkbridge_light::calldata::balance_of_call(
///     "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359").unwrap();
/// assert!(c.data.to_string().starts_with("0x70a08231"));
/// assert!(zkbridge_light::calldata::balance_of_call("0x12", "0x12").is_err());
/// ```
pub fn balance_of_call(token: &str, owner: &str) -> Result<Call, CalldataError> {
    let token = address(token, "token")?;
    Ok(Call { to: token, data: balanceOfCall { owner: address(owner, "owner")? }.abi_encode().into() })
}

/// Decodes the `eth_call` result of `allowance` (or any one-uint256 result, such as `balanceOf`): exactly one 32-byte word.
///
/// # Errors
/// `INVALID_HEX` for malformed hex, `INVALID_LENGTH` unless 32 bytes.
pub fn decode_allowance(result: &str) -> Result<U256, CalldataError> {
    Ok(U256::from_be_bytes(hex_array::<32>(result, "allowance result")?))
}

/// Where two calls of the same function differ, in words: for `mappingToken` the first of `recipient`, `amount`, `token`,
/// `destination`, `account`, `nonce`, `withdrawFee` that differs, for `approve` `spender` or `amount`, with the built and
/// the sent value (addresses as 0x hex, numbers in decimal). `None` when they are not two calls of one of those functions.
///
/// # Examples
/// ```
/// use alloy_sol_types::SolCall;
/// use zkbridge_light::calldata::{approveCall, calldata_difference};
/// let built = approveCall { spender: [1; 20].into(), amount: alloy_primitives::U256::from(5) }.abi_encode();
/// let sent = approveCall { spender: [1; 20].into(), amount: alloy_primitives::U256::MAX }.abi_encode();
/// let (field, _, got) = calldata_difference(&built, &sent).unwrap();
/// assert_eq!((field, got.len()), ("amount", 78));
/// ```
pub fn calldata_difference(built: &[u8], sent: &[u8]) -> Option<(&'static str, String, String)> {
    let hex = |a: &Address| format!("{a:#x}");
    if let (Ok(b), Ok(s)) = (mappingTokenCall::abi_decode(built), mappingTokenCall::abi_decode(sent)) {
        let fields = [
            ("recipient", hex(&b._to), hex(&s._to)),
            // (Through U256: one decimal formatter in the .wasm, no 128-bit division.)
            ("amount", U256::from(b._amount).to_string(), U256::from(s._amount).to_string()),
            ("token", hex(&b._token), hex(&s._token)),
            ("destination", b._toChainId.to_string(), s._toChainId.to_string()),
            ("account", hex(&b._zkLinkAddress), hex(&s._zkLinkAddress)),
            ("nonce", b._nonce.to_string(), s._nonce.to_string()),
            ("withdrawFee", b._withdrawFee.to_string(), s._withdrawFee.to_string()),
        ];
        return fields.into_iter().find(|(_, x, y)| x != y);
    }
    if let (Ok(b), Ok(s)) = (approveCall::abi_decode(built), approveCall::abi_decode(sent)) {
        let fields = [("spender", hex(&b.spender), hex(&s.spender)), ("amount", b.amount.to_string(), s.amount.to_string())];
        return fields.into_iter().find(|(_, x, y)| x != y);
    }
    None
}
