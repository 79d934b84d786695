//! Groth16 test cases shared by the native tests and the browser tests: from one valid proof set, a positive case and its
//! negative twins (well-formed but wrong → `false`; malformed → the error code). Plain Rust, no JS.
use alloy_primitives::U256;
use ark_bn254::{Fq, Fq2, G2Affine};
use ark_ec::short_weierstrass::SWCurveConfig;
use ark_ec::AffineRepr;
use ark_ff::{Field, One};
use serde_json::{json, Value};
use zkbridge_light::field::{field_to_decimal, parse_u256};

/// BN254 base-field modulus p.
pub const P: &str = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
/// BN254 scalar-field modulus r.
pub const R: &str = "21888242871839275222246405745257275088548364400416034343698204186575808495617";

pub use super::Expect;

/// A snarkjs-form case: `vk`, `proof`, `public` are JSON values, or JSON text when given as `Value::String` from `text_*`.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub vk: Value,
    pub proof: Value,
    pub public: Value,
    pub expect: Expect,
}

/// An EVM proof argument: 256 bytes as `0x` hex, or 8 words.
#[derive(Debug, Clone)]
pub enum EvmProof {
    Hex(String),
    Words(Vec<String>),
}

/// An EVM-form case.
#[derive(Debug, Clone)]
pub struct EvmCase {
    pub name: String,
    pub vk: Value,
    pub proof: EvmProof,
    pub inputs: Vec<String>,
    pub expect: Expect,
}

fn u(s: &str) -> U256 {
    parse_u256(s).unwrap()
}

fn add(v: &Value, k: U256) -> Value {
    Value::String((u(v.as_str().unwrap()) + k).to_string())
}

fn g2_json(p: &G2Affine) -> Value {
    json!([
        [field_to_decimal(&p.x.c0), field_to_decimal(&p.x.c1)],
        [field_to_decimal(&p.y.c0), field_to_decimal(&p.y.c1)],
        ["1", "0"]
    ])
}

/// A point on the twist curve that is not in the order-r subgroup G2.
pub fn twist_point_outside_g2() -> G2Affine {
    let mut k = 1u64;
    loop {
        let x = Fq2::new(Fq::from(k), Fq::one());
        let rhs = x * x * x + ark_bn254::g2::Config::COEFF_B;
        if let Some(y) = rhs.sqrt() {
            let p = G2Affine::new_unchecked(x, y);
            if p.is_on_curve() && !p.is_in_correct_subgroup_assuming_on_curve() {
                return p;
            }
        }
        k += 1;
    }
}

/// The snarkjs-form cases for one valid set.
pub fn snarkjs_cases(tag: &str, vk: &Value, proof: &Value, public: &Value) -> Vec<Case> {
    let p = u(P);
    let r = u(R);
    let mut out = Vec::new();
    let mut push = |name: &str, vk: Value, proof: Value, public: Value, expect: Expect| {
        out.push(Case { name: format!("{tag}: {name}"), vk, proof, public, expect });
    };
    let ok = |name: &str| name.to_string();
    push(&ok("valid"), vk.clone(), proof.clone(), public.clone(), Expect::Verdict(true));

    // Well-formed but wrong: false.
    let mut m = public.clone();
    m[0] = add(&m[0], U256::from(1u8));
    push("input + 1", vk.clone(), proof.clone(), m, Expect::Verdict(false));
    let mut m = proof.clone();
    let (a, c) = (m["pi_a"].clone(), m["pi_c"].clone());
    m["pi_a"] = c;
    m["pi_c"] = a;
    push("A and C swapped", vk.clone(), m, public.clone(), Expect::Verdict(false));
    let mut m = proof.clone();
    m["pi_a"][1] = Value::String((p - u(m["pi_a"][1].as_str().unwrap())).to_string());
    push("A negated", vk.clone(), m, public.clone(), Expect::Verdict(false));
    let mut m = public.clone();
    m[0] = Value::String(format!("{:#x}", u(m[0].as_str().unwrap())));
    push("input as 0x hex (same value)", vk.clone(), proof.clone(), m, Expect::Verdict(true));
    let mut m = public.clone();
    m[0] = Value::String(format!("000{}", m[0].as_str().unwrap()));
    push("input with leading zeros (same value)", vk.clone(), proof.clone(), m, Expect::Verdict(true));

    // Malformed: codes.
    let mut m = public.clone();
    m[0] = add(&m[0], r);
    push("input + r", vk.clone(), proof.clone(), m, Expect::Code("NOT_IN_FIELD"));
    let mut m = public.clone();
    m[0] = Value::String(format!("-{}", r - u(m[0].as_str().unwrap())));
    push("negative alias -(r - x)", vk.clone(), proof.clone(), m, Expect::Code("INVALID_NUMBER"));
    let mut m = public.clone();
    m[0] = Value::String(format!(" {}", m[0].as_str().unwrap()));
    push("input with a space", vk.clone(), proof.clone(), m, Expect::Code("INVALID_NUMBER"));
    let mut m = public.clone();
    m[0] = json!(1);
    push("input as a JSON number", vk.clone(), proof.clone(), m, Expect::Code("INVALID_NUMBER"));
    let mut m = proof.clone();
    m["pi_a"][0] = add(&m["pi_a"][0], p);
    push("A.x + p", vk.clone(), m, public.clone(), Expect::Code("NOT_IN_FIELD"));
    let mut m = proof.clone();
    m["pi_a"][1] = add(&m["pi_a"][1], U256::from(1u8));
    push("A off the curve", vk.clone(), m, public.clone(), Expect::Code("NOT_ON_CURVE"));
    let mut m = proof.clone();
    for i in 0..2 {
        let (c0, c1) = (m["pi_b"][i][0].clone(), m["pi_b"][i][1].clone());
        m["pi_b"][i] = json!([c1, c0]);
    }
    push("B with Fp2 halves swapped (EVM order)", vk.clone(), m, public.clone(), Expect::Code("NOT_ON_CURVE"));
    let mut m = proof.clone();
    m["pi_b"] = g2_json(&twist_point_outside_g2());
    push("B on the twist, outside G2", vk.clone(), m, public.clone(), Expect::Code("NOT_IN_SUBGROUP"));
    let mut m = proof.clone();
    m["pi_a"] = json!(["0", "1", "0"]);
    push("A at infinity", vk.clone(), m, public.clone(), Expect::Code("POINT_AT_INFINITY"));
    let mut m = proof.clone();
    m["pi_c"] = json!(["0", "1", "0"]);
    push("C at infinity", vk.clone(), m, public.clone(), Expect::Code("POINT_AT_INFINITY"));
    let mut m = proof.clone();
    m["pi_b"] = json!([["0", "0"], ["1", "0"], ["0", "0"]]);
    push("B at infinity", vk.clone(), m, public.clone(), Expect::Code("POINT_AT_INFINITY"));
    let mut m = vk.clone();
    m["IC"][0] = json!(["0", "1", "0"]);
    push("vk IC[0] at infinity", m, proof.clone(), public.clone(), Expect::Code("POINT_AT_INFINITY"));
    let mut m = proof.clone();
    m["pi_a"][2] = json!("2");
    push("A with z = 2", vk.clone(), m, public.clone(), Expect::Code("INVALID_POINT"));
    let mut m = proof.clone();
    m["pi_b"][2] = json!(["1", "1"]);
    push("B with z = 1 + u", vk.clone(), m, public.clone(), Expect::Code("INVALID_POINT"));
    let mut m = proof.clone();
    m["pi_a"].as_array_mut().unwrap().push(json!("1"));
    push("A with four coordinates", vk.clone(), m, public.clone(), Expect::Code("INVALID_POINT"));
    let mut m = public.clone();
    m.as_array_mut().unwrap().pop();
    push("one input missing", vk.clone(), proof.clone(), m, Expect::Code("PUBLIC_INPUT_COUNT"));
    let mut m = public.clone();
    m.as_array_mut().unwrap().push(json!("1"));
    push("one input extra", vk.clone(), proof.clone(), m, Expect::Code("PUBLIC_INPUT_COUNT"));
    let mut m = vk.clone();
    m["nPublic"] = json!(vk["nPublic"].as_u64().unwrap() + 1);
    push("nPublic != IC.length - 1", m, proof.clone(), public.clone(), Expect::Code("PUBLIC_INPUT_COUNT"));
    let mut m = vk.clone();
    m["vk_delta_2"] = m["vk_gamma_2"].clone();
    push("vk with gamma == delta", m, proof.clone(), public.clone(), Expect::Code("INSECURE_VK"));
    let mut m = vk.clone();
    m["vk_delta_2"] = g2_json(&G2Affine::generator());
    m["vk_gamma_2"] = g2_json(&(G2Affine::generator() * ark_bn254::Fr::from(7u8)).into());
    push("vk with delta = G2 generator", m, proof.clone(), public.clone(), Expect::Code("INSECURE_VK"));
    let mut m = vk.clone();
    m["protocol"] = json!("plonk");
    push("protocol plonk", m, proof.clone(), public.clone(), Expect::Code("UNSUPPORTED_PROTOCOL"));
    let mut m = proof.clone();
    m["curve"] = json!("bls12381");
    push("curve bls12381", vk.clone(), m, public.clone(), Expect::Code("UNSUPPORTED_PROTOCOL"));
    let mut m = proof.clone();
    m.as_object_mut().unwrap().remove("pi_c");
    push("proof without pi_c", vk.clone(), m, public.clone(), Expect::Code("INVALID_JSON"));
    push("public not an array", vk.clone(), proof.clone(), json!({"0": "1"}), Expect::Code("INVALID_JSON"));
    out
}

fn hex_word(v: U256) -> String {
    format!("0x{v:064x}")
}

/// The EVM-form cases for one valid set (built from the snarkjs form, Fp2 halves swapped as the EVM wants).
pub fn evm_cases(tag: &str, vk: &Value, proof: &Value, public: &Value) -> Vec<EvmCase> {
    let w = |v: &Value| u(v.as_str().unwrap());
    let words: Vec<U256> = vec![
        w(&proof["pi_a"][0]),
        w(&proof["pi_a"][1]),
        w(&proof["pi_b"][0][1]),
        w(&proof["pi_b"][0][0]),
        w(&proof["pi_b"][1][1]),
        w(&proof["pi_b"][1][0]),
        w(&proof["pi_c"][0]),
        w(&proof["pi_c"][1]),
    ];
    let inputs: Vec<String> = public.as_array().unwrap().iter().map(|v| hex_word(w(v))).collect();
    let bytes = |ws: &[U256]| format!("0x{}", ws.iter().map(|x| format!("{x:064x}")).collect::<String>());
    let mut out = Vec::new();
    let mut push = |name: &str, proof: EvmProof, inputs: Vec<String>, expect: Expect| {
        out.push(EvmCase { name: format!("{tag} (evm): {name}"), vk: vk.clone(), proof, inputs, expect });
    };
    push("valid bytes", EvmProof::Hex(bytes(&words)), inputs.clone(), Expect::Verdict(true));
    push("valid hex words", EvmProof::Words(words.iter().map(|x| hex_word(*x)).collect()), inputs.clone(), Expect::Verdict(true));
    let dec: Vec<String> = public.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    push("valid decimal words", EvmProof::Words(words.iter().map(|x| x.to_string()).collect()), dec, Expect::Verdict(true));
    let mut m = inputs.clone();
    m[0] = hex_word(u(&m[0]) + U256::from(1u8));
    push("input + 1", EvmProof::Hex(bytes(&words)), m, Expect::Verdict(false));
    let mut m = inputs.clone();
    m[0] = hex_word(u(&m[0]) + u(R));
    push("input + r", EvmProof::Hex(bytes(&words)), m, Expect::Code("NOT_IN_FIELD"));
    let mut m = words.clone();
    m[0] += u(P);
    push("A.x + p", EvmProof::Hex(bytes(&m)), inputs.clone(), Expect::Code("NOT_IN_FIELD"));
    let mut m = words.clone();
    m.swap(2, 3);
    m.swap(4, 5);
    push("B in snarkjs order (c0 first)", EvmProof::Hex(bytes(&m)), inputs.clone(), Expect::Code("NOT_ON_CURVE"));
    let mut m = words.clone();
    m[0] = U256::ZERO;
    m[1] = U256::ZERO;
    push("A = (0, 0)", EvmProof::Hex(bytes(&m)), inputs.clone(), Expect::Code("POINT_AT_INFINITY"));
    let mut m = words.clone();
    m[1] = u(P) - m[1];
    push("A negated", EvmProof::Hex(bytes(&m)), inputs.clone(), Expect::Verdict(false));
    let short = bytes(&words);
    push("255 bytes", EvmProof::Hex(short[..short.len() - 2].to_string()), inputs.clone(), Expect::Code("INVALID_LENGTH"));
    push(
        "7 words",
        EvmProof::Words(words.iter().take(7).map(|x| hex_word(*x)).collect()),
        inputs.clone(),
        Expect::Code("INVALID_LENGTH"),
    );
    let mut m = inputs.clone();
    m.pop();
    push("one input missing", EvmProof::Hex(bytes(&words)), m, Expect::Code("PUBLIC_INPUT_COUNT"));
    let mut m = inputs.clone();
    m[0] = format!("0x{}", "0".repeat(65));
    push("input with 65 hex digits", EvmProof::Hex(bytes(&words)), m, Expect::Code("INVALID_NUMBER"));
    out
}

/// The proof sets every test runs: the real snarkjs set and the generated ark-groth16 sets, as JSON text
/// (`include_str!`, so the browser tests carry them too).
pub const SETS: &[(&str, &str, &str, &str)] = &[
    (
        "iden3-jwz-authv2",
        include_str!("../fixtures/iden3-jwz-authv2/verification_key.json"),
        include_str!("../fixtures/iden3-jwz-authv2/proof.json"),
        include_str!("../fixtures/iden3-jwz-authv2/public.json"),
    ),
    (
        "squares-n1",
        include_str!("../fixtures/generated/squares-n1/verification_key.json"),
        include_str!("../fixtures/generated/squares-n1/proof.json"),
        include_str!("../fixtures/generated/squares-n1/public.json"),
    ),
    (
        "squares-n2",
        include_str!("../fixtures/generated/squares-n2/verification_key.json"),
        include_str!("../fixtures/generated/squares-n2/proof.json"),
        include_str!("../fixtures/generated/squares-n2/public.json"),
    ),
    (
        "squares-n5",
        include_str!("../fixtures/generated/squares-n5/verification_key.json"),
        include_str!("../fixtures/generated/squares-n5/proof.json"),
        include_str!("../fixtures/generated/squares-n5/public.json"),
    ),
    (
        "squares-n81",
        include_str!("../fixtures/generated/squares-n81/verification_key.json"),
        include_str!("../fixtures/generated/squares-n81/proof.json"),
        include_str!("../fixtures/generated/squares-n81/public.json"),
    ),
];

/// Every snarkjs and EVM case over every set.
pub fn all_cases() -> (Vec<Case>, Vec<EvmCase>) {
    let mut s = Vec::new();
    let mut e = Vec::new();
    for (tag, vk, proof, public) in SETS {
        let (vk, proof, public): (Value, Value, Value) =
            (serde_json::from_str(vk).unwrap(), serde_json::from_str(proof).unwrap(), serde_json::from_str(public).unwrap());
        s.extend(snarkjs_cases(tag, &vk, &proof, &public));
        e.extend(evm_cases(tag, &vk, &proof, &public));
    }
    (s, e)
}
