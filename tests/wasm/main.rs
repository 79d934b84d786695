//! Browser tests: the shared cases through the JS API, in headless Chromium
//! (`wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver -- --test wasm`).
#![cfg(target_arch = "wasm32")]

#[path = "../common/mod.rs"]
mod common;

use common::block_cases as tamper;
use common::groth16_cases::{self as cases, all_cases, EvmProof};
use common::Expect;
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
        Expect::Code("INVALID_HEX")
    );
    assert_eq!(
        outcome(verify_groth16_evm(&JsValue::from_str(vk), &JsValue::from_str("0x00"), &js(&["1", "2", "3"]))),
        Expect::Code("INVALID_LENGTH")
    );
    let double = format!("0x0x{}", "00".repeat(255));
    assert_eq!(
        outcome(verify_groth16_evm(&JsValue::from_str(vk), &JsValue::from_str(&double), &js(&["1", "2", "3"]))),
        Expect::Code("INVALID_HEX")
    );
    let nonhex = format!("0x{}", "zz".repeat(256));
    assert_eq!(
        outcome(verify_groth16_evm(&JsValue::from_str(vk), &JsValue::from_str(&nonhex), &js(&["1", "2", "3"]))),
        Expect::Code("INVALID_HEX")
    );
}

fn code_of(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"code".into()).unwrap().as_string().expect("Error.code is a string")
}

fn from_js(v: JsValue) -> serde_json::Value {
    serde_wasm_bindgen::from_value(v).unwrap()
}

#[wasm_bindgen_test]
fn verify_block_tamper_cases_through_js() {
    use zkbridge_light::wasm::protocol::verify_block;
    let mut failures = Vec::new();
    for c in tamper::cases() {
        let got = verify_block(&js(&c.input)).map(from_js).map_err(|e| code_of(&e));
        let got = match &got {
            Ok(v) => Ok(v.clone()),
            Err(e) => Err(e.as_str()),
        };
        if let Err(m) = tamper::check(&c, got) {
            failures.push(m);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[wasm_bindgen_test]
fn verify_blocks_through_js_and_bigint_amounts() {
    use zkbridge_light::wasm::protocol::{verify_block, verify_blocks};
    let input: serde_json::Value = serde_json::from_str(tamper::VERIFY_BLOCKS).unwrap();
    let r = from_js(verify_blocks(&js(&input)).unwrap());
    assert_eq!(r["approved"], serde_json::json!(true));
    assert_eq!(r["verdicts"].as_array().unwrap().len(), 2);
    // bigint amount accepted where a decimal string is.
    let obj = js(&tamper::valid());
    let burn = js_sys::Reflect::get(&obj, &"burn".into()).unwrap();
    js_sys::Reflect::set(&burn, &"l2Amount".into(), &js_sys::BigInt::from(12_500_000_000_000_000_000u128).into()).unwrap();
    assert_eq!(from_js(verify_block(&obj).unwrap())["approved"], serde_json::json!(true));
    js_sys::Reflect::set(&burn, &"l2Amount".into(), &js_sys::BigInt::from(12_500_000_000_000_000_001u128).into()).unwrap();
    assert_eq!(from_js(verify_block(&obj).unwrap())["approved"], serde_json::json!(false));
    // A JS number for an 18-decimal amount is refused.
    js_sys::Reflect::set(&burn, &"l2Amount".into(), &JsValue::from_f64(12.5)).unwrap();
    assert_eq!(code_of(&verify_block(&obj).unwrap_err()), "INVALID_NUMBER");
}

#[wasm_bindgen_test]
fn block_functions_through_js() {
    use zkbridge_light::wasm::protocol::*;
    let input = tamper::valid();
    let (prev, block) = (js(&input["prevBlock"]), js(&input["block"]));
    let report = &input["reports"][0];
    let cm = block_commitment(&prev, &block).unwrap();
    assert_eq!(serde_json::json!(cm), report["storedBlock"]["commitment"]);
    let x = block_public_input(&prev, &block).unwrap();
    assert!(x.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(serde_json::json!(stored_block_hash(&js(&report["storedBlock"])).unwrap()), report["storedBlockHash"]);
    let info = from_js(stored_block_info_for(&prev, &block, &JsValue::from(1), &js(&input["chains"])).unwrap());
    assert_eq!(info, report["storedBlock"]);
    let ops = from_js(decode_pubdata(&js(&input["block"]["publicData"])).unwrap());
    assert_eq!(ops[0]["opType"], serde_json::json!("Mapping"));
    let enc = encode_mapping_op(&js(&input["burn"])).unwrap();
    assert_eq!(enc.len(), 2 + 184);
    assert!(input["block"]["publicData"].as_str().unwrap().starts_with(&enc));
    let h =
        next_sync_hash(&js(&format!("0x{}", "11".repeat(32))), &js(&cm), &js(&serde_json::json!({"1": cm, "4": cm}))).unwrap();
    assert_eq!(h.len(), 66);
    // Negative twins.
    assert_eq!(code_of(&block_commitment(&JsValue::UNDEFINED, &block).unwrap_err()), "MISSING_FIELD");
    assert_eq!(
        code_of(&decode_pubdata(&JsValue::from_str("0x0900000000000000000000000000000000000000000000")).unwrap_err()),
        "UNKNOWN_OP"
    );
    assert_eq!(code_of(&next_sync_hash(&js(&"0x11"), &js(&cm), &js(&serde_json::json!({}))).unwrap_err()), "INVALID_LENGTH");
}

#[wasm_bindgen_test]
fn calldata_through_js() {
    use zkbridge_light::wasm::calldata::*;
    let params = serde_json::json!({
        "chainId": "0x1", "fromChainId": 1, "bridge": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "from": "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", "token": "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "decimals": 6, "amount": "12.5", "toChainId": 2, "to": "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "nonce": 7, "withdrawFee": 10, "allowance": "0",
    });
    let r = from_js(build_burn(&js(&params)).unwrap());
    assert!(r["burn"]["data"].as_str().unwrap().starts_with("0x9d3c03a5"));
    assert!(r["approve"]["data"].as_str().unwrap().starts_with("0x095ea7b3"));
    assert_eq!(r["burn"]["from"], serde_json::json!("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
    // bigint allowance equal to the amount: no approve.
    let obj = js(&params);
    js_sys::Reflect::set(&obj, &"allowance".into(), &js_sys::BigInt::from(12_500_000u64).into()).unwrap();
    assert!(from_js(build_burn(&obj).unwrap()).get("approve").is_none());
    for (k, v, code) in [
        ("amount", serde_json::json!("12.5000001"), "TOO_MANY_DECIMALS"),
        ("amount", serde_json::json!("-1"), "INVALID_AMOUNT"),
        ("amount", serde_json::json!("20282409603651.670424"), "AMOUNT_TOO_LARGE"),
        ("toChainId", serde_json::json!(1), "SAME_CHAIN"),
        ("withdrawFee", serde_json::json!(10000), "INVALID_FEE"),
        ("decimals", serde_json::json!(19), "UNSUPPORTED_DECIMALS"),
        ("to", serde_json::json!("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDB"), "BAD_CHECKSUM"),
        ("to", serde_json::json!("0x12"), "INVALID_ADDRESS"),
    ] {
        let mut p = params.clone();
        p[k] = v;
        assert_eq!(code_of(&build_burn(&js(&p)).unwrap_err()), code, "{k}");
    }
    assert_eq!(parse_amount(&"12.5".into(), &JsValue::from(6)).unwrap(), "12500000");
    assert_eq!(format_amount(&js_sys::BigInt::from(12_500_000u64).into(), &JsValue::from(6)).unwrap(), "12.5");
    assert_eq!(
        checksum_address(&"0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359".into()).unwrap(),
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
    );
    let call = from_js(
        allowance_call(
            &"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB".into(),
            &"0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359".into(),
            &"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".into(),
        )
        .unwrap(),
    );
    assert!(call["data"].as_str().unwrap().starts_with("0xdd62ed3e"));
    assert_eq!(decode_allowance(&format!("0x{:064x}", 5).into()).unwrap(), "5");
    assert_eq!(code_of(&decode_allowance(&"0x05".into()).unwrap_err()), "INVALID_LENGTH");
    assert_eq!(code_of(&decode_allowance(&"0x0x05".into()).unwrap_err()), "INVALID_HEX");
    let receipt = serde_json::json!({ "status": "0x1", "transactionHash": format!("0x{}", "00".repeat(32)), "logs": [] });
    assert_eq!(
        code_of(&decode_burn_receipt(&js(&receipt), &"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed".into()).unwrap_err()),
        "NO_BURN_IN_RECEIPT"
    );
}

#[wasm_bindgen_test]
fn deeply_nested_input_is_refused_without_a_trap() {
    use zkbridge_light::wasm::protocol::verify_block;
    let nested = js_sys::eval("(() => { let x = []; for (let i = 0; i < 100000; i++) x = [x]; return { vk: x }; })()").unwrap();
    assert_eq!(code_of(&verify_block(&nested).unwrap_err()), "TOO_DEEP");
    assert_eq!(outcome(verify_groth16(&nested, &nested, &nested)), Expect::Code("TOO_DEEP"));
    // The module still works afterwards.
    let (_, vk, proof, public) = cases::SETS[0];
    assert_eq!(
        outcome(verify_groth16(&JsValue::from_str(vk), &JsValue::from_str(proof), &JsValue::from_str(public))),
        Expect::Verdict(true)
    );
}

#[wasm_bindgen_test]
fn hostile_arguments_become_coded_errors() {
    use zkbridge_light::wasm::protocol::{next_sync_hash, verify_block};
    let h = JsValue::from_str(&format!("0x{}", "11".repeat(32)));
    let cases = [
        ("({ get vk() { throw new Error('boom'); } })", "INVALID_INPUT"),
        ("(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()", "INVALID_INPUT"),
        ("new Proxy({}, { ownKeys() { throw new Error('trap'); } })", "INVALID_INPUT"),
        (
            "(() => { const a = [1]; Object.defineProperty(a, 0, { get() { throw new Error('x'); } }); return { vk: a }; })()",
            "INVALID_INPUT",
        ),
        ("({ vk: () => 1 })", "INVALID_INPUT"),
    ];
    for (src, code) in cases {
        let v = js_sys::eval(src).unwrap();
        let e = verify_block(&v).unwrap_err();
        assert_eq!(code_of(&e), code, "{src}");
    }
    // The original exception is the cause.
    let e = verify_block(&js_sys::eval("({ get vk() { throw new Error('boom'); } })").unwrap()).unwrap_err();
    let cause = js_sys::Reflect::get(&e, &"cause".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&cause, &"message".into()).unwrap(), "boom");
    // Duplicate chain keys are refused, distinct ones accepted.
    let dup = js_sys::eval(&format!("({{ 1: '{0}', '01': '{0}' }})", h.as_string().unwrap())).unwrap();
    assert_eq!(code_of(&next_sync_hash(&h, &h, &dup).unwrap_err()), "DUPLICATE_KEY");
    let ok = js_sys::eval(&format!("({{ 1: '{0}', 4: '{0}' }})", h.as_string().unwrap())).unwrap();
    assert!(next_sync_hash(&h, &h, &ok).is_ok());
}

#[wasm_bindgen_test]
fn size_and_depth_bounds_are_exact() {
    use zkbridge_light::json::{MAX_DEPTH, MAX_INPUT_UNITS, NODE_COST};
    use zkbridge_light::wasm::protocol::decode_pubdata;
    // A string argument counts its length plus one node.
    let inside = format!("0x{}", "0".repeat(MAX_INPUT_UNITS - NODE_COST - 2));
    assert_ne!(code_of(&decode_pubdata(&JsValue::from_str(&inside)).unwrap_err()), "TOO_LARGE");
    let outside = format!("0x{}", "0".repeat(MAX_INPUT_UNITS - NODE_COST - 1));
    assert_eq!(code_of(&decode_pubdata(&JsValue::from_str(&outside)).unwrap_err()), "TOO_LARGE");
    // Depth: MAX_DEPTH nested arrays below the top are read, one more is refused.
    let nest = |n: usize| js_sys::eval(&format!("({{ vk: {}0{} }})", "[".repeat(n), "]".repeat(n))).unwrap();
    use zkbridge_light::wasm::protocol::verify_block;
    assert_ne!(code_of(&verify_block(&nest(MAX_DEPTH - 1)).unwrap_err()), "TOO_DEEP");
    assert_eq!(code_of(&verify_block(&nest(MAX_DEPTH)).unwrap_err()), "TOO_DEEP");
    // Shared children: 2^26 nodes if expanded, refused quickly.
    let shared =
        js_sys::eval("(() => { let x = [1, 1]; for (let i = 0; i < 26; i++) x = [x, x]; return { vk: x }; })()").unwrap();
    assert_eq!(code_of(&verify_block(&shared).unwrap_err()), "TOO_LARGE");
}

#[wasm_bindgen_test]
fn code_lists_come_from_the_rust_enums() {
    let errors: Vec<String> = zkbridge_light::wasm::error_codes().iter().filter_map(|c| c.as_string()).collect();
    let findings: Vec<String> = zkbridge_light::wasm::finding_codes().iter().filter_map(|c| c.as_string()).collect();
    for c in ["INVALID_HEX", "TOO_DEEP", "TOO_LARGE", "INVALID_INPUT", "FREED", "EMPTY_BATCH", "PUBLIC_INPUT_COUNT"] {
        assert!(errors.iter().any(|e| e == c), "{c}");
    }
    for c in ["ROOT_MISMATCH", "SYNC_HASH_MISMATCH", "NOT_REACHED", "BURN_NOT_IN_BLOCK"] {
        assert!(findings.iter().any(|e| e == c), "{c}");
    }
    assert!(!errors.iter().any(|e| e == "ROOT_MISMATCH"));
}
