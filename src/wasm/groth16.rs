//! JS API of the Groth16 verifier: `verifyGroth16`, `verifyGroth16Evm`, `class Groth16Verifier`.

use super::{js_error, to_json};
use crate::error::Groth16Error;
use crate::groth16::Groth16Verifier as Core;
use alloy_primitives::hex;
use serde_json::Value;
use wasm_bindgen::prelude::*;

fn json(v: &JsValue) -> Result<Value, Groth16Error> {
    to_json(v, Groth16Error::InvalidJson)
}

fn words(v: &Value, what: &str) -> Result<Vec<String>, Groth16Error> {
    let arr = v.as_array().ok_or_else(|| Groth16Error::InvalidJson(format!("{what}: expected an array of words")))?;
    arr.iter()
        .enumerate()
        .map(|(i, w)| {
            w.as_str().map(str::to_owned).ok_or_else(|| Groth16Error::InvalidNumber(format!("{what}[{i}] (expected a string)")))
        })
        .collect()
}

fn verify_evm(core: &Core, proof: &JsValue, inputs: &JsValue) -> Result<bool, Groth16Error> {
    let inputs = words(&json(inputs)?, "publicInputs")?;
    if let Some(s) = proof.as_string() {
        let trimmed = s.trim_start();
        if trimmed.starts_with('[') || trimmed.starts_with('{') {
            return core.verify_evm_words(&words(&json(proof)?, "proof")?, &inputs);
        }
        let digits = s.strip_prefix("0x").ok_or_else(|| Groth16Error::InvalidNumber("proof (expected 0x hex)".into()))?;
        if digits.len() != 2 * crate::groth16::EVM_PROOF_BYTES {
            return Err(Groth16Error::InvalidLength(format!(
                "EVM proof must be 256 bytes (512 hex digits), got {} hex digits",
                digits.len()
            )));
        }
        let bytes = hex::decode(digits).map_err(|_| Groth16Error::InvalidNumber("proof (not hex)".into()))?;
        return core.verify_evm_bytes(&bytes, &inputs);
    }
    core.verify_evm_words(&words(&json(proof)?, "proof")?, &inputs)
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
        let core = json(vk).and_then(|v| Core::from_snarkjs(&v)).map_err(|e| js_error(&e))?;
        Ok(Self { core })
    }

    /// `verify(proof, publicSignals)` in snarkjs formats: `true`/`false`, throws on malformed input.
    pub fn verify(&self, proof: &JsValue, public_signals: &JsValue) -> Result<bool, JsValue> {
        (|| self.core.verify_snarkjs(&json(proof)?, &json(public_signals)?))().map_err(|e| js_error(&e))
    }

    /// `verifyEvm(proof, publicInputs)`: `proof` is 256 bytes as `0x` hex or 8 words; `publicInputs` an array of words.
    #[wasm_bindgen(js_name = verifyEvm)]
    pub fn verify_evm(&self, proof: &JsValue, public_inputs: &JsValue) -> Result<bool, JsValue> {
        verify_evm(&self.core, proof, public_inputs).map_err(|e| js_error(&e))
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
