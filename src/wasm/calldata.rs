//! JS API of the burn calldata: `buildBurn`, `allowanceCall`, `decodeAllowance`, `checksumAddress`, `parseAmount`,
//! `formatAmount`, `decodeBurnReceipt`.

use super::{js_error, js_to_json, to_js};
use crate::calldata::{self, BurnParams};
use crate::error::CalldataError;
use crate::protocol::json::{small_uint, wide_uint};
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn json(v: &JsValue, what: &str) -> Result<Value, CalldataError> {
    match js_to_json(v) {
        Ok(Value::Null) => Err(CalldataError::MissingField(what.to_owned())),
        Ok(v) => Ok(v),
        Err(e) => Err(CalldataError::MissingField(format!("{what}: {e}"))),
    }
}

fn string(v: &JsValue, what: &str) -> Result<String, CalldataError> {
    match json(v, what)? {
        Value::String(s) => Ok(s),
        _ => Err(CalldataError::MissingField(format!("{what} (expected a string)"))),
    }
}

fn decimals(v: &JsValue) -> Result<u8, CalldataError> {
    let d = small_uint(&json(v, "decimals")?, "decimals", 64)?;
    u8::try_from(d).map_err(|_| CalldataError::UnsupportedDecimals(d))
}

fn run<T>(f: impl FnOnce() -> Result<T, CalldataError>) -> Result<T, JsValue> {
    f().map_err(|e| js_error(&e))
}

/// `buildBurn(params) → { approve?, burn }`.
#[wasm_bindgen(js_name = buildBurn)]
pub fn build_burn(params: &JsValue) -> Result<JsValue, JsValue> {
    let txs = run(|| Ok(calldata::build_burn(&BurnParams::from_json(&json(params, "params")?)?)))?;
    to_js(&txs)
}

/// `allowanceCall(token, owner, spender) → { to, data }`.
#[wasm_bindgen(js_name = allowanceCall)]
pub fn allowance_call(token: &JsValue, owner: &JsValue, spender: &JsValue) -> Result<JsValue, JsValue> {
    let call =
        run(|| calldata::allowance_call(&string(token, "token")?, &string(owner, "owner")?, &string(spender, "spender")?))?;
    to_js(&call)
}

/// `decodeAllowance(resultHex) → raw decimal string`.
#[wasm_bindgen(js_name = decodeAllowance)]
pub fn decode_allowance(result: &JsValue) -> Result<String, JsValue> {
    run(|| Ok(calldata::decode_allowance(&string(result, "result")?)?.to_string()))
}

/// `checksumAddress(addr) → EIP-55 string`.
#[wasm_bindgen(js_name = checksumAddress)]
pub fn checksum_address(addr: &JsValue) -> Result<String, JsValue> {
    run(|| calldata::checksum_address(&string(addr, "address")?))
}

/// `parseAmount(amount, decimals) → raw decimal string`.
#[wasm_bindgen(js_name = parseAmount)]
pub fn parse_amount(amount: &JsValue, decimals_: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let a = string(amount, "amount").map_err(|_| CalldataError::InvalidAmount("(not a string)".into()))?;
        Ok(calldata::parse_amount(&a, decimals(decimals_)?)?.to_string())
    })
}

/// `formatAmount(raw, decimals) → string` (no trailing zeros, no exponent).
#[wasm_bindgen(js_name = formatAmount)]
pub fn format_amount(raw: &JsValue, decimals_: &JsValue) -> Result<String, JsValue> {
    run(|| {
        let raw = wide_uint(&json(raw, "raw")?, "raw", 256)?;
        calldata::format_amount(raw, decimals(decimals_)?)
    })
}

/// `decodeBurnReceipt(receipt, bridge) → op` (with `serialId` and `txHash`), or throws `NO_BURN_IN_RECEIPT`.
#[wasm_bindgen(js_name = decodeBurnReceipt)]
pub fn decode_burn_receipt(receipt: &JsValue, bridge: &JsValue) -> Result<JsValue, JsValue> {
    let r = run(|| calldata::decode_burn_receipt(&json(receipt, "receipt")?, &string(bridge, "bridge")?))?;
    to_js(&r)
}
