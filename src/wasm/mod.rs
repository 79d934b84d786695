//! The only module that knows about JS: wasm-bindgen exports with the names fixed by the issues, JS errors with a `code`.

pub mod calldata;
pub mod groth16;
pub mod protocol;

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
    js_to_json(v).map_err(invalid)
}

/// Converts any JS value to JSON, with `bigint`s turned into decimal strings (wide integers are decimal strings in the core).
pub(crate) fn js_to_json(v: &JsValue) -> Result<serde_json::Value, String> {
    js_to_json_at(v, 0)
}

/// Nesting deeper than this is refused (the formats are a few levels deep; this keeps the recursion far from the stack limit).
const MAX_DEPTH: usize = 32;

fn js_to_json_at(v: &JsValue, depth: usize) -> Result<serde_json::Value, String> {
    use serde_json::Value;
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(s) = v.as_string() {
        return Ok(Value::String(s));
    }
    if v.is_bigint() {
        let s = js_sys::BigInt::from(v.clone()).to_string(10).map_err(|_| "bigint".to_string())?;
        return Ok(Value::String(String::from(s)));
    }
    if let Some(f) = v.as_f64() {
        // Integers stay integers (u64 when safe); anything else is kept as a float and refused by the strict readers.
        if f.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&f) {
            return Ok(Value::from(f as u64));
        }
        return serde_json::Number::from_f64(f).map(Value::Number).ok_or_else(|| "non-finite number".to_string());
    }
    if js_sys::Array::is_array(v) {
        let arr = js_sys::Array::from(v);
        return arr.iter().map(|x| js_to_json_at(&x, depth.saturating_add(1))).collect::<Result<Vec<_>, _>>().map(Value::Array);
    }
    if v.is_object() {
        let obj = js_sys::Object::from(v.clone());
        let mut map = serde_json::Map::new();
        for entry in js_sys::Object::entries(&obj).iter() {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string().unwrap_or_default();
            map.insert(key, js_to_json_at(&pair.get(1), depth.saturating_add(1))?);
        }
        return Ok(Value::Object(map));
    }
    Err("unsupported JS value".to_string())
}

/// A Rust value as a plain JS value (objects, not `Map`s).
pub(crate) fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}
