//! The only module that knows about JS: wasm-bindgen exports with the names fixed by the issues, JS errors with a `code`.

pub mod groth16;

use crate::error::Coded;
use wasm_bindgen::prelude::*;

/// Turns a domain error into a JS `Error` whose `code` property carries the stable code.
pub(crate) fn js_error<E: Coded>(e: &E) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    err.into()
}

/// A JS value (parsed object or JSON text) as a `serde_json::Value`.
pub(crate) fn to_json<E>(v: &JsValue, invalid: impl Fn(String) -> E) -> Result<serde_json::Value, E> {
    if let Some(s) = v.as_string() {
        return serde_json::from_str(&s).map_err(|e| invalid(e.to_string()));
    }
    if v.is_undefined() || v.is_null() {
        return Err(invalid("missing argument".into()));
    }
    serde_wasm_bindgen::from_value(v.clone()).map_err(|e| invalid(e.to_string()))
}
