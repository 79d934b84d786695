//! JS API of the burn calldata: `buildBurn`, `allowanceCall`, `decodeAllowance`, `checksumAddress`, `parseAmount`,
//! `formatAmount`, `decodeBurnReceipt`.

use super::{arg, object_arg, run, string_arg, to_js};
use crate::calldata::{self, BurnParams, Receipt};
use crate::error::CalldataError;
use crate::input;
use crate::json::{small_uint, wide_uint};
use wasm_bindgen::prelude::*;

fn decimals(v: &JsValue) -> Result<u8, CalldataError> {
    let d = small_uint(&arg(v, "decimals")?, "decimals", 64)?;
    u8::try_from(d).map_err(|_| CalldataError::UnsupportedDecimals(d))
}

/// `buildBurn(params) → { approve?, burn }`.
#[wasm_bindgen(js_name = buildBurn)]
pub fn build_burn(params: &JsValue) -> Result<JsValue, JsValue> {
    let txs = run(|| calldata::build_burn(&BurnParams::try_from(&object_arg(params, "params")?)?))?;
    to_js(&txs)
}

/// `allowanceCall(token, owner, spender) → { to, data }`.
#[wasm_bindgen(js_name = allowanceCall)]
pub fn allowance_call(token: &JsValue, owner: &JsValue, spender: &JsValue) -> Result<JsValue, JsValue> {
    let call = run(|| {
        calldata::allowance_call(&string_arg(token, "token")?, &string_arg(owner, "owner")?, &string_arg(spender, "spender")?)
    })?;
    to_js(&call)
}

/// `balanceOfCall(token, owner) → { to, data }` (decode the result with `decodeAllowance`).
#[wasm_bindgen(js_name = balanceOfCall)]
pub fn balance_of_call(token: &JsValue, owner: &JsValue) -> Result<JsValue, JsValue> {
    let call = run(|| calldata::balance_of_call(&string_arg(token, "token")?, &string_arg(owner, "owner")?))?;
    to_js(&call)
}

/// `decodeAllowance(resultHex) → raw decimal string`.
#[wasm_bindgen(js_name = decodeAllowance)]
pub fn decode_allowance(result: &JsValue) -> Result<String, JsValue> {
    run(|| Ok::<_, CalldataError>(calldata::decode_allowance(&string_arg(result, "result")?)?.to_string()))
}

/// `checksumAddress(addr) → EIP-55 string`.
#[wasm_bindgen(js_name = checksumAddress)]
pub fn checksum_address(addr: &JsValue) -> Result<String, JsValue> {
    run(|| calldata::checksum_address(&string_arg(addr, "address")?))
}

/// `checkRecipient(to, notTo?) → EIP-55 string`: the recipient's rules (`ZERO_ADDRESS`, `CONTRACT_RECIPIENT` for one of
/// `notTo`, the destination chain's bridge and token contracts), what `buildBurn` checks too; for a form to say why.
#[wasm_bindgen(js_name = checkRecipient)]
pub fn check_recipient(to: &JsValue, not_to: Option<Vec<String>>) -> Result<String, JsValue> {
    run(|| {
        let to = crate::input::address(&string_arg(to, "to")?, "to")?;
        let mut list = Vec::new();
        for a in not_to.unwrap_or_default() {
            list.push(crate::input::address(&a, "notTo[]")?);
        }
        calldata::check_recipient(to, &list)?;
        Ok::<_, CalldataError>(to.to_checksum(None))
    })
}

/// `parseAmount(amount, decimals) → raw decimal string`.
#[wasm_bindgen(js_name = parseAmount)]
pub fn parse_amount(amount: &JsValue, decimals_: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let a = string_arg(amount, "amount").map_err(|_| CalldataError::InvalidAmount("(not a string)".into()))?;
        Ok::<_, CalldataError>(calldata::parse_amount(&a, decimals(decimals_)?)?.to_string())
    })
}

/// `formatAmount(raw, decimals) → string` (no trailing zeros, no exponent).
#[wasm_bindgen(js_name = formatAmount)]
pub fn format_amount(raw: &JsValue, decimals_: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let raw = wide_uint(&arg(raw, "raw")?, "raw", 256)?;
        calldata::format_amount(raw, decimals(decimals_)?)
    })
}

/// `decodeBurnReceipt(receipt, bridge) → op` (with `serialId` and `txHash`), or throws `NO_BURN_IN_RECEIPT`.
#[wasm_bindgen(js_name = decodeBurnReceipt)]
pub fn decode_burn_receipt(receipt: &JsValue, bridge: &JsValue) -> Result<JsValue, JsValue> {
    let r = run(|| {
        let bridge = input::address(&string_arg(bridge, "bridge")?, "bridge")?;
        calldata::decode_burn_receipt(&Receipt::try_from(&object_arg(receipt, "receipt")?)?, bridge)
    })?;
    to_js(&r)
}
