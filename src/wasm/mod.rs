//! The only module that knows about JS: wasm-bindgen exports with the package's JS names, and JS `Error`s with a `code`.
//!
//! Arguments are read without running any user JS code inside a wasm call that could unwind through Rust frames: every read
//! goes through an import marked `catch` (`Reflect.ownKeys`, `Reflect.get`, `Reflect.getOwnPropertyDescriptor`,
//! `Array.isArray`, `BigInt.prototype.toString`), so a throwing getter, a Proxy trap or a revoked Proxy becomes an
//! `INVALID_INPUT` error (the original exception as its `cause`) instead of an exception through the module. The conversion
//! is bounded in depth (`TOO_DEEP`, cycles included) and in total size once expanded (`TOO_LARGE`, counted before any string
//! is copied into wasm memory, and without expanding objects that are referenced several times).

pub mod calldata;
pub mod client;
pub mod groth16;
pub mod protocol;
mod transport;

use crate::error::{Coded, InputError};
use crate::json::{MAX_DEPTH, MAX_INPUT_UNITS, NODE_COST};
use serde_json::Value;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = getOwnPropertyDescriptor, catch)]
    fn own_property_descriptor(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get_index(target: &JsValue, key: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = ownKeys, catch)]
    fn own_keys(target: &JsValue) -> Result<JsValue, JsValue>;
    /// A JS `Map`, used as an identity map of the objects read (its methods imported with `catch`).
    #[wasm_bindgen(js_name = Map)]
    type IdMap;
    #[wasm_bindgen(constructor, js_class = "Map")]
    fn new() -> IdMap;
    #[wasm_bindgen(method, js_class = "Map", js_name = get, catch)]
    fn get(this: &IdMap, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, js_class = "Map", js_name = set, catch)]
    fn set(this: &IdMap, key: &JsValue, value: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// The JS exception behind the last `INVALID_INPUT`, handed to the thrown `Error` as its `cause`.
    static CAUSE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Turns a domain error into a JS `Error` whose `code` property carries the stable code (and, for `INVALID_INPUT`, whose
/// `cause` is the exception raised while reading the argument).
pub(crate) fn js_error<E: Coded>(e: &E) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    let cause = CAUSE.with(|c| c.borrow_mut().take());
    if let (Some(cause), "INVALID_INPUT") = (cause, e.code()) {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("cause"), &cause);
    }
    err.into()
}

/// Runs an export's body and turns its error into a coded JS `Error`.
pub(crate) fn run<T, E: Coded>(f: impl FnOnce() -> Result<T, E>) -> Result<T, JsValue> {
    f().map_err(|e| js_error(&e))
}

fn invalid(what: &str, cause: JsValue) -> InputError {
    CAUSE.with(|c| *c.borrow_mut() = Some(cause));
    InputError::InvalidInput(format!("{what}: reading it threw"))
}

/// A read value: a primitive, or a container of the arena (objects are read once each, however often they are referenced).
enum Child {
    Leaf(Value),
    Ref(usize),
}

enum Node {
    Array(Vec<Child>),
    Object(Vec<(String, Child)>),
}

/// A container read from JS: its children, its size once expanded (in units) and its height (levels of nesting below it).
struct Entry {
    node: Node,
    cost: usize,
    height: usize,
}

/// A bounded reader of JS values into JSON, in two passes: (1) read each distinct JS object once through `catch` imports,
/// remembering objects by identity, and add up the size the value would have once expanded (a graph that shares its
/// children is measured without expanding it); (2) expand the arena into a `serde_json::Value` in Rust, only when the whole
/// is within [`MAX_INPUT_UNITS`].
struct Reader<'a> {
    field: &'a str,
    /// `None` while the container is being read (a second visit then is a cycle).
    arena: Vec<Option<Entry>>,
    seen: IdMap,
    /// Units read so far in this pass (strings are counted before they are copied into wasm memory).
    read: usize,
}

impl Reader<'_> {
    fn too_large(&self) -> InputError {
        InputError::TooLarge(format!("{}: more than {MAX_INPUT_UNITS} units", self.field))
    }

    fn too_deep(&self) -> InputError {
        InputError::TooDeep(format!("{}: nested deeper than {MAX_DEPTH} levels", self.field))
    }

    /// Counts `n` units read; refuses once the reading itself passes the bound.
    fn count(&mut self, n: usize) -> Result<usize, InputError> {
        self.read = self.read.saturating_add(n);
        if self.read > MAX_INPUT_UNITS || n > MAX_INPUT_UNITS {
            return Err(self.too_large());
        }
        Ok(n)
    }

    fn string(&mut self, v: &JsValue) -> Result<(String, usize), InputError> {
        let len = v.unchecked_ref::<js_sys::JsString>().length() as usize;
        let units = self.count(len.saturating_add(NODE_COST))?;
        Ok((v.as_string().unwrap_or_default(), units))
    }

    /// Reads one value at `depth`: `(child, expanded cost, height)`.
    fn visit(&mut self, v: &JsValue, depth: usize) -> Result<(Child, usize, usize), InputError> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        let leaf = |x: Value| (Child::Leaf(x), NODE_COST, 0);
        if v.is_null() || v.is_undefined() {
            return Ok(leaf(Value::Null));
        }
        if let Some(b) = v.as_bool() {
            return Ok(leaf(Value::Bool(b)));
        }
        if v.is_string() {
            let (s, units) = self.string(v)?;
            return Ok((Child::Leaf(Value::String(s)), units, 0));
        }
        if v.is_bigint() {
            let s = v.unchecked_ref::<js_sys::BigInt>().to_string(10).map_err(|e| invalid(self.field, e.into()))?;
            let (s, units) = self.string(&s.into())?;
            return Ok((Child::Leaf(Value::String(s)), units, 0));
        }
        if let Some(f) = v.as_f64() {
            // Integers stay integers (u64 when safe); anything else is kept as a float and refused by the strict readers.
            if f.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&f) {
                return Ok(leaf(Value::from(f as u64)));
            }
            return Ok(leaf(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)));
        }
        if !v.is_object() {
            // Functions and symbols.
            return Err(InputError::InvalidInput(format!("{}: a function or symbol is not data", self.field)));
        }
        let known = self.seen.get(v).map_err(|e| invalid(self.field, e))?;
        if let Some(i) = known.as_f64() {
            let i = i as usize;
            return match self.arena.get(i) {
                Some(Some(e)) if depth.saturating_add(e.height) <= MAX_DEPTH => Ok((Child::Ref(i), e.cost, e.height)),
                // A cycle, or a shared object reached deeper than before.
                _ => Err(self.too_deep()),
            };
        }
        let index = self.arena.len();
        self.arena.push(None);
        self.seen.set(v, &JsValue::from_f64(index as f64)).map_err(|e| invalid(self.field, e))?;
        let mut cost = self.count(NODE_COST)?;
        let mut height = 0usize;
        let mut add = |this: &Self, c: usize, h: usize| -> Result<(), InputError> {
            cost = cost.saturating_add(c);
            height = height.max(h.saturating_add(1));
            if cost > MAX_INPUT_UNITS {
                return Err(this.too_large());
            }
            Ok(())
        };
        let node = if is_array(v).map_err(|e| invalid(self.field, e))? {
            let len = reflect_get(v, &JsValue::from_str("length")).map_err(|e| invalid(self.field, e))?;
            let len = len.as_f64().filter(|l| l.fract() == 0.0 && *l >= 0.0).unwrap_or(0.0);
            // Each element costs at least a node: refuse an oversized length before reading anything.
            if len > (MAX_INPUT_UNITS / NODE_COST) as f64 {
                return Err(self.too_large());
            }
            let mut out = Vec::new();
            for i in 0..len as u32 {
                let x = reflect_get_index(v, i).map_err(|e| invalid(self.field, e))?;
                let (child, c, h) = self.visit(&x, depth.saturating_add(1))?;
                add(self, c, h)?;
                out.push(child);
            }
            Node::Array(out)
        } else {
            let keys: js_sys::Array = own_keys(v).map_err(|e| invalid(self.field, e))?.unchecked_into();
            if keys.length() as usize > MAX_INPUT_UNITS / NODE_COST {
                return Err(self.too_large());
            }
            let mut out = Vec::new();
            for i in 0..keys.length() {
                let key = keys.get(i);
                if !key.is_string() {
                    continue; // symbols
                }
                let desc = own_property_descriptor(v, &key).map_err(|e| invalid(self.field, e))?;
                if desc.is_undefined() {
                    continue;
                }
                let enumerable = reflect_get(&desc, &JsValue::from_str("enumerable")).map_err(|e| invalid(self.field, e))?;
                if enumerable.as_bool() != Some(true) {
                    continue;
                }
                let (name, key_units) = self.string(&key)?;
                let x = reflect_get(v, &key).map_err(|e| invalid(self.field, e))?;
                let (child, c, h) = self.visit(&x, depth.saturating_add(1))?;
                add(self, c.saturating_add(key_units), h)?;
                out.push((name, child));
            }
            Node::Object(out)
        };
        if let Some(slot) = self.arena.get_mut(index) {
            *slot = Some(Entry { node, cost, height });
        }
        Ok((Child::Ref(index), cost, height))
    }

    /// Expands a read value (its total cost was checked against the bound).
    fn expand(&self, c: &Child) -> Value {
        match c {
            Child::Leaf(v) => v.clone(),
            Child::Ref(i) => match self.arena.get(*i) {
                Some(Some(Entry { node: Node::Array(items), .. })) => {
                    Value::Array(items.iter().map(|x| self.expand(x)).collect())
                }
                Some(Some(Entry { node: Node::Object(items), .. })) => {
                    // Inserted one by one: collecting into the map would pull a stable sort into the .wasm.
                    let mut map = serde_json::Map::new();
                    for (k, x) in items {
                        map.insert(k.clone(), self.expand(x));
                    }
                    Value::Object(map)
                }
                _ => Value::Null,
            },
        }
    }
}

/// Reads any JS value as JSON (`bigint`s as decimal strings), bounded in depth and size.
///
/// # Errors
/// `TOO_DEEP`, `TOO_LARGE`, `INVALID_INPUT` (reading threw, or a function).
pub(crate) fn read(v: &JsValue, field: &str) -> Result<Value, InputError> {
    let mut r = Reader { field, arena: Vec::new(), seen: IdMap::new(), read: 0 };
    let (root, cost, _) = r.visit(v, 0)?;
    if cost > MAX_INPUT_UNITS {
        return Err(r.too_large());
    }
    Ok(r.expand(&root))
}

/// Reads a required argument (`MISSING_FIELD` for `undefined`/`null`).
///
/// # Errors
/// As [`read`], and `MISSING_FIELD`.
pub(crate) fn arg(v: &JsValue, field: &str) -> Result<Value, InputError> {
    match read(v, field)? {
        Value::Null => Err(InputError::MissingField(field.to_owned())),
        other => Ok(other),
    }
}

/// Reads an object argument given as an object or as JSON text of it.
///
/// # Errors
/// As [`arg`], and `INVALID_JSON` for text that is not JSON.
pub(crate) fn object_arg(v: &JsValue, field: &str) -> Result<Value, InputError> {
    let v = arg(v, field)?;
    Ok(crate::json::object_or_text(&v)?.into_owned())
}

/// Reads a string argument.
///
/// # Errors
/// `MISSING_FIELD` when not a string, `TOO_LARGE`.
pub(crate) fn string_arg(v: &JsValue, field: &str) -> Result<String, InputError> {
    if !v.is_string() {
        return Err(InputError::MissingField(format!("{field} (expected a string)")));
    }
    let mut r = Reader { field, arena: Vec::new(), seen: IdMap::new(), read: 0 };
    r.string(v).map(|(s, _)| s)
}

/// A Rust value as a plain JS value (objects, not `Map`s). Through `serde_json::Value`, so every type is serialized by one
/// serializer (serde_json's, which the core uses anyway) and only `Value` by serde-wasm-bindgen's (measured: kilobytes of
/// `.wasm` saved against instantiating both serializers for every verdict type).
pub(crate) fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    value_to_js(&serde_json::to_value(v).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?)
}

fn value_to_js(v: &Value) -> Result<JsValue, JsValue> {
    use serde::Serialize;
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

fn strings(list: &[&str]) -> js_sys::Array {
    list.iter().map(|s| JsValue::from_str(s)).collect()
}

/// `errorCodes() → string[]`: every code a function of the package can throw (generated from the Rust error enums).
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> js_sys::Array {
    strings(&crate::error::error_codes())
}

/// `findingCodes() → string[]`: every code a verdict's findings can carry (generated from the Rust enum).
#[wasm_bindgen(js_name = findingCodes)]
pub fn finding_codes() -> js_sys::Array {
    let codes: Vec<&str> = crate::protocol::FindingCode::ALL.iter().map(|c| c.as_str()).collect();
    strings(&codes)
}
