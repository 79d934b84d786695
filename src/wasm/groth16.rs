//! JS API of the Groth16 verifier: `verifyGroth16`, `verifyGroth16Evm`, `class Groth16Verifier` (wrapped in the package's
//! JS entry, which throws `FREED` for a freed verifier before entering wasm).

use super::{object_arg, run};
use crate::error::{Groth16Error, InputError};
use crate::groth16::{snarkjs, Groth16Verifier as Core};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// An object argument or JSON text of it; a missing argument is `INVALID_JSON`, as for malformed text.
fn json(v: &JsValue, what: &str) -> Result<Value, Groth16Error> {
    object_arg(v, what).map_err(|e| match e {
        InputError::MissingField(_) => InputError::InvalidJson(format!("{what}: missing argument")).into(),
        other => other.into(),
    })
}

fn words(v: &Value, what: &str) -> Result<Vec<String>, Groth16Error> {
    let arr = v.as_array().ok_or_else(|| InputError::InvalidJson(format!("{what}: expected an array of words")))?;
    arr.iter()
        .enumerate()
        .map(|(i, w)| {
            w.as_str()
                .map(str::to_owned)
                .ok_or_else(|| InputError::InvalidNumber(format!("{what}[{i}] (expected a string)")).into())
        })
        .collect()
}

fn verify_evm(core: &Core, proof: &JsValue, inputs: &JsValue) -> Result<bool, Groth16Error> {
    let inputs = words(&json(inputs, "publicInputs")?, "publicInputs")?;
    if let Some(s) = super::read(proof, "proof")?.as_str() {
        if !s.trim_start().starts_with('[') {
            let bytes = crate::input::hex_bytes(s, "proof")?;
            return core.verify_evm_bytes(&bytes, &inputs);
        }
    }
    core.verify_evm_words(&words(&json(proof, "proof")?, "proof")?, &inputs)
}

/// A verifying key parsed, validated and prepared once; verify many proofs with it.
#[wasm_bindgen(js_name = Groth16Verifier)]
pub struct JsGroth16Verifier {
    core: Core,
}

#[wasm_bindgen(js_class = Groth16Verifier)]
impl JsGroth16Verifier {
    /// `new Groth16Verifier(vk)`: `vk` is snarkjs `verification_key.json` as an object or JSON text. Throws on malformed keys.
    #[wasm_bindgen(constructor)]
    pub fn new(vk: &JsValue) -> Result<JsGroth16Verifier, JsValue> {
        run(|| Ok::<_, Groth16Error>(Self { core: snarkjs::verifier(&json(vk, "vk")?)? }))
    }

    /// `verify(proof, publicSignals)` in snarkjs formats: `true`/`false`, throws on malformed input.
    pub fn verify(&self, proof: &JsValue, public_signals: &JsValue) -> Result<bool, JsValue> {
        run(|| snarkjs::verify(&self.core, &json(proof, "proof")?, &json(public_signals, "publicSignals")?))
    }

    /// `verifyEvm(proof, publicInputs)`: `proof` is 256 bytes as `0x` hex or 8 words; `publicInputs` an array of words.
    #[wasm_bindgen(js_name = verifyEvm)]
    pub fn verify_evm(&self, proof: &JsValue, public_inputs: &JsValue) -> Result<bool, JsValue> {
        run(|| verify_evm(&self.core, proof, public_inputs))
    }

    /// `verifyBatch(items, entropy) → { ok, bad }`: `items` an array of `{ proof, publicSignals }` (snarkjs formats);
    /// `entropy` random bytes mixed into the scalars' transcript (the package's entry passes 32 from
    /// `crypto.getRandomValues`). `bad`: the indices of the proofs that do not verify (`groth16::Groth16Verifier::bad_items`).
    #[wasm_bindgen(js_name = verifyBatch)]
    pub fn verify_batch(&self, items: &JsValue, entropy: &[u8]) -> Result<JsValue, JsValue> {
        let items = run(|| json(items, "items"))?;
        let items = run(|| snarkjs::parse_batch(&items, self.core.n_public()))?;
        let bad = run(|| self.core.bad_items(&items, entropy))?;
        super::to_js(&serde_json::json!({ "ok": bad.is_empty(), "bad": bad }))
    }

    /// `export() → Uint8Array`: the key's preparation, to be kept and given to `fromPrepared`
    /// (`groth16::Groth16Verifier::export`).
    pub fn export(&self) -> Vec<u8> {
        self.core.export()
    }

    /// `Groth16Verifier.fromPrepared(bytes, vk)`: a verifier for `vk` from `export()`'s bytes (a `Uint8Array`: the
    /// package's entry throws `INVALID_INPUT` for anything else before it gets here), without
    /// checking or preparing the key again (`groth16::Groth16Verifier::from_prepared`). Throws `PREPARED_KEY_MISMATCH` for
    /// bytes of another key or library version.
    #[wasm_bindgen(js_name = fromPrepared)]
    pub fn from_prepared(bytes: &[u8], vk: &JsValue) -> Result<JsGroth16Verifier, JsValue> {
        run(|| Ok::<_, Groth16Error>(Self { core: Core::from_prepared(snarkjs::parse_vk(&json(vk, "vk")?)?, bytes)? }))
    }

    /// The number of public inputs the key expects.
    #[wasm_bindgen(getter, js_name = nPublic)]
    pub fn n_public(&self) -> usize {
        self.core.n_public()
    }
}

/// `verifyGroth16(vk, proof, publicSignals) → boolean` (snarkjs formats, objects or JSON text).
#[wasm_bindgen(js_name = verifyGroth16)]
pub fn verify_groth16(vk: &JsValue, proof: &JsValue, public_signals: &JsValue) -> Result<bool, JsValue> {
    JsGroth16Verifier::new(vk)?.verify(proof, public_signals)
}

/// `verifyGroth16Evm(vk, proof, publicInputs) → boolean` (EVM proof form, snarkjs vk).
#[wasm_bindgen(js_name = verifyGroth16Evm)]
pub fn verify_groth16_evm(vk: &JsValue, proof: &JsValue, public_inputs: &JsValue) -> Result<bool, JsValue> {
    JsGroth16Verifier::new(vk)?.verify_evm(proof, public_inputs)
}

/// The input of a precompile: `0x` hex (the package's entry turns a `Uint8Array` into it).
fn precompile_input(v: &JsValue) -> Result<Vec<u8>, Groth16Error> {
    let text = v.as_string().ok_or_else(|| InputError::InvalidHex("input (0x hex or a Uint8Array)".into()))?;
    Ok(crate::input::hex_bytes(&text, "input")?)
}

fn hex(bytes: &[u8]) -> String {
    format!("0x{}", alloy_primitives::hex::encode(bytes))
}

/// A G1-valued precompile (one body for both: a function pointer, not a closure each).
fn g1_precompile(input: &JsValue, f: fn(&[u8]) -> Result<[u8; 64], Groth16Error>) -> Result<String, JsValue> {
    run(|| Ok::<_, Groth16Error>(hex(&f(&precompile_input(input)?)?)))
}

/// `bn254Add(input) → "0x…"` (64 bytes): the EVM's ecAdd precompile (`0x06`), `groth16::precompile::bn254_add`.
#[wasm_bindgen(js_name = bn254Add)]
pub fn bn254_add(input: &JsValue) -> Result<String, JsValue> {
    g1_precompile(input, crate::groth16::precompile::bn254_add)
}

/// `bn254Mul(input) → "0x…"` (64 bytes): the EVM's ecMul precompile (`0x07`), `groth16::precompile::bn254_mul`.
#[wasm_bindgen(js_name = bn254Mul)]
pub fn bn254_mul(input: &JsValue) -> Result<String, JsValue> {
    g1_precompile(input, crate::groth16::precompile::bn254_mul)
}

/// `bn254Pairing(input) → boolean`: the EVM's ecPairing precompile (`0x08`), `groth16::precompile::bn254_pairing`.
#[wasm_bindgen(js_name = bn254Pairing)]
pub fn bn254_pairing(input: &JsValue) -> Result<bool, JsValue> {
    run(|| crate::groth16::precompile::bn254_pairing(&precompile_input(input)?))
}
