//! Browser tests: the shared cases through the JS API, in headless Chromium
//! (`wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver -- --test wasm`).
#![cfg(target_arch = "wasm32")]

#[path = "../common/cases.rs"]
mod cases;

use cases::{all_cases, EvmProof, Expect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use zkbridge_light::wasm::groth16::{verify_groth16, verify_groth16_evm, JsGroth16Verifier};

wasm_bindgen_test_configure!(run_in_browser);

fn js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

fn outcome(r: Result<bool, JsValue>) -> Expect {
    match r {
        Ok(b) => Expect::Verdict(b),
        Err(e) => {
            assert!(e.is_instance_of::<js_sys::Error>(), "thrown value is not an Error");
            let code = js_sys::Reflect::get(&e, &"code".into()).unwrap().as_string().expect("Error.code is a string");
            Expect::Code(Box::leak(code.into_boxed_str()))
        }
    }
}

#[wasm_bindgen_test]
fn snarkjs_cases_as_objects() {
    let (cases, _) = all_cases();
    for c in cases {
        assert_eq!(outcome(verify_groth16(&js(&c.vk), &js(&c.proof), &js(&c.public))), c.expect, "{}", c.name);
    }
}

#[wasm_bindgen_test]
fn snarkjs_cases_as_json_text() {
    let (cases, _) = all_cases();
    let text = |v: &serde_json::Value| JsValue::from_str(&v.to_string());
    for c in cases {
        assert_eq!(outcome(verify_groth16(&text(&c.vk), &text(&c.proof), &text(&c.public))), c.expect, "{}", c.name);
    }
}

#[wasm_bindgen_test]
fn evm_cases() {
    let (_, cases) = all_cases();
    for c in cases {
        let proof = match &c.proof {
            EvmProof::Hex(h) => JsValue::from_str(h),
            EvmProof::Words(w) => js(w),
        };
        assert_eq!(outcome(verify_groth16_evm(&js(&c.vk), &proof, &js(&c.inputs))), c.expect, "{}", c.name);
    }
}

#[wasm_bindgen_test]
fn class_prepares_once_and_verifies_many() {
    let (_, vk, proof, public) = cases::SETS[0];
    let v = JsGroth16Verifier::new(&JsValue::from_str(vk)).unwrap();
    assert_eq!(v.n_public(), 3);
    for _ in 0..3 {
        assert!(v.verify(&JsValue::from_str(proof), &JsValue::from_str(public)).unwrap());
    }
    let mut wrong: serde_json::Value = serde_json::from_str(public).unwrap();
    wrong[1] = serde_json::json!("1");
    assert!(!v.verify(&JsValue::from_str(proof), &js(&wrong)).unwrap());
}

#[wasm_bindgen_test]
fn malformed_text_and_missing_arguments_throw_codes() {
    let (_, vk, proof, public) = cases::SETS[0];
    let bad = JsValue::from_str("{");
    assert_eq!(
        outcome(verify_groth16(&bad, &JsValue::from_str(proof), &JsValue::from_str(public))),
        Expect::Code("INVALID_JSON")
    );
    assert_eq!(
        outcome(verify_groth16(&JsValue::from_str(vk), &JsValue::UNDEFINED, &JsValue::from_str(public))),
        Expect::Code("INVALID_JSON")
    );
    assert_eq!(
        outcome(verify_groth16_evm(&JsValue::from_str(vk), &JsValue::from_str("0xzz"), &js(&["1", "2", "3"]))),
        Expect::Code("INVALID_LENGTH")
    );
    let nonhex = format!("0x{}", "zz".repeat(256));
    assert_eq!(
        outcome(verify_groth16_evm(&JsValue::from_str(vk), &JsValue::from_str(&nonhex), &js(&["1", "2", "3"]))),
        Expect::Code("INVALID_NUMBER")
    );
}
