//! snarkjs JSON formats (`verification_key.json`, `proof.json`, `public.json`), see `docs/FORMATS.md`.
//!
//! Numbers are decimal strings (hex `0x…` accepted too), G1 is `[x, y, z]`, G2 is `[[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]]`
//! (**real part first**), `z` must be 1; the infinity encodings `["0","1","0"]` / `[["0","0"],["1","0"],["0","0"]]` are refused
//! with `POINT_AT_INFINITY`.

use super::point::{checked, coord, z_is_affine};
use super::Groth16Verifier;
use crate::error::{Groth16Error, InputError, ItemError};
use crate::field::{field_to_decimal, parse_u256, u256_to_fr, NumberError};
use ark_bn254::{Bn254, Fq2, Fr, G1Affine, G2Affine};
use ark_ff::{One, Zero};
use ark_groth16::{Proof, VerifyingKey};
use serde_json::{json, Value};

fn member<'a>(v: &'a Value, key: &str) -> Result<&'a Value, Groth16Error> {
    v.get(key).ok_or_else(|| Groth16Error::from(InputError::InvalidJson(format!("missing member `{key}`"))))
}

fn as_array<'a>(v: &'a Value, at: &str, shape: bool) -> Result<&'a Vec<Value>, Groth16Error> {
    v.as_array().ok_or_else(|| {
        if shape {
            Groth16Error::InvalidPoint(format!("{at} (expected an array)"))
        } else {
            Groth16Error::from(InputError::InvalidJson(format!("{at}: expected an array")))
        }
    })
}

fn number_str<'a>(v: &'a Value, at: &str) -> Result<&'a str, Groth16Error> {
    v.as_str().ok_or_else(|| Groth16Error::from(InputError::InvalidNumber(format!("{at} (expected a string)"))))
}

fn fq_at(v: &Value, at: &str) -> Result<ark_bn254::Fq, Groth16Error> {
    coord(number_str(v, at)?, at)
}

/// The affine `(x, y)` of snarkjs coordinates `[x, y]` or `[x, y, z]`: `z` must be 1; the infinity encoding `(0, 1, 0)` is
/// `POINT_AT_INFINITY`, any other `z` `INVALID_POINT`.
fn affine<F: Copy + Zero + One + PartialEq>(coords: &[F], at: &str) -> Result<(F, F), Groth16Error> {
    let (x, y, z) = match coords {
        [x, y] => (*x, *y, None),
        [x, y, z] => (*x, *y, Some(z)),
        _ => return Err(Groth16Error::InvalidPoint(format!("{at} (expected [x, y, z])"))),
    };
    if let Some(z) = z {
        if !z_is_affine(z, at)? {
            return Err(if x.is_zero() && y.is_one() {
                Groth16Error::PointAtInfinity(at.to_owned())
            } else {
                Groth16Error::InvalidPoint(format!("{at} (z = 0 but not the infinity encoding)"))
            });
        }
    }
    Ok((x, y))
}

/// Parses a snarkjs G1 point `[x, y, z]` (or `[x, y]`).
pub(crate) fn parse_g1(v: &Value, at: &str) -> Result<G1Affine, Groth16Error> {
    let coords: Vec<_> =
        as_array(v, at, true)?.iter().enumerate().map(|(i, c)| fq_at(c, &format!("{at}[{i}]"))).collect::<Result<_, _>>()?;
    let (x, y) = affine(&coords, at)?;
    checked(x, y, at)
}

fn parse_fq2(v: &Value, at: &str) -> Result<Fq2, Groth16Error> {
    match as_array(v, at, true)?.as_slice() {
        [c0, c1] => Ok(Fq2::new(fq_at(c0, &format!("{at}[0]"))?, fq_at(c1, &format!("{at}[1]"))?)),
        _ => Err(Groth16Error::InvalidPoint(format!("{at} (expected [c0, c1])"))),
    }
}

/// Parses a snarkjs G2 point `[[x.c0, x.c1], [y.c0, y.c1], [z.c0, z.c1]]` (or without `z`).
pub(crate) fn parse_g2(v: &Value, at: &str) -> Result<G2Affine, Groth16Error> {
    let coords: Vec<Fq2> =
        as_array(v, at, true)?.iter().enumerate().map(|(i, c)| parse_fq2(c, &format!("{at}[{i}]"))).collect::<Result<_, _>>()?;
    let (x, y) = affine(&coords, at)?;
    checked(x, y, at)
}

/// Parses one public input (decimal or `0x` hex string, `< r`).
pub(crate) fn parse_public_input(s: &str, at: &str) -> Result<Fr, Groth16Error> {
    parse_u256(s).and_then(u256_to_fr).map_err(|e| match e {
        NumberError::Syntax => Groth16Error::from(InputError::InvalidNumber(at.to_owned())),
        NumberError::TooLarge => Groth16Error::NotInField(at.to_owned()),
    })
}

fn check_protocol(v: &Value) -> Result<(), Groth16Error> {
    if let Some(p) = v.get("protocol") {
        if p.as_str() != Some("groth16") {
            return Err(Groth16Error::UnsupportedProtocol(format!("protocol {p}")));
        }
    }
    if let Some(c) = v.get("curve") {
        if !matches!(c.as_str(), Some("bn128" | "bn254")) {
            return Err(Groth16Error::UnsupportedProtocol(format!("curve {c}")));
        }
    }
    Ok(())
}

/// Parses a snarkjs `verification_key.json` value into an arkworks key (every point checked; `vk_alphabeta_12` is ignored).
///
/// # Errors
/// Any [`Groth16Error`] about shapes, numbers and points; `PUBLIC_INPUT_COUNT` when `nPublic ≠ IC.length − 1`;
/// `UNSUPPORTED_PROTOCOL` for another protocol or curve.
pub fn parse_vk(v: &Value) -> Result<VerifyingKey<Bn254>, Groth16Error> {
    if !v.is_object() {
        return Err(Groth16Error::from(InputError::InvalidJson("verification key: expected an object".into())));
    }
    check_protocol(v)?;
    let ic = as_array(member(v, "IC")?, "IC", false)?;
    if ic.is_empty() {
        return Err(Groth16Error::from(InputError::InvalidJson("IC is empty".into())));
    }
    if let Some(n) = v.get("nPublic") {
        let n = match n {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => parse_u256(s).ok().and_then(|u| u64::try_from(u).ok()),
            _ => None,
        }
        .ok_or_else(|| Groth16Error::from(InputError::InvalidNumber("nPublic".into())))?;
        let expected = ic.len().saturating_sub(1);
        if n != expected as u64 {
            return Err(Groth16Error::PublicInputCount { expected, got: usize::try_from(n).unwrap_or(usize::MAX) });
        }
    }
    Ok(VerifyingKey {
        alpha_g1: parse_g1(member(v, "vk_alpha_1")?, "vk_alpha_1")?,
        beta_g2: parse_g2(member(v, "vk_beta_2")?, "vk_beta_2")?,
        gamma_g2: parse_g2(member(v, "vk_gamma_2")?, "vk_gamma_2")?,
        delta_g2: parse_g2(member(v, "vk_delta_2")?, "vk_delta_2")?,
        gamma_abc_g1: ic.iter().enumerate().map(|(i, p)| parse_g1(p, &format!("IC[{i}]"))).collect::<Result<_, _>>()?,
    })
}

/// Parses a snarkjs `proof.json` value.
///
/// # Errors
/// Any [`Groth16Error`] about shapes, numbers and points (A, B, C at infinity are refused).
pub fn parse_proof(v: &Value) -> Result<Proof<Bn254>, Groth16Error> {
    if !v.is_object() {
        return Err(Groth16Error::from(InputError::InvalidJson("proof: expected an object".into())));
    }
    check_protocol(v)?;
    Ok(Proof {
        a: parse_g1(member(v, "pi_a")?, "pi_a")?,
        b: parse_g2(member(v, "pi_b")?, "pi_b")?,
        c: parse_g1(member(v, "pi_c")?, "pi_c")?,
    })
}

/// Parses a snarkjs `public.json` value: an array of decimal (or `0x` hex) strings, each `< r`.
///
/// # Errors
/// `INVALID_JSON` when not an array, `INVALID_NUMBER`, `NOT_IN_FIELD`.
pub fn parse_public_inputs(v: &Value) -> Result<Vec<Fr>, Groth16Error> {
    as_array(v, "public signals", false)?
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = format!("public[{i}]");
            parse_public_input(number_str(s, &at)?, &at)
        })
        .collect()
}

/// Parses a batch: an array of `{ proof, publicSignals }` (snarkjs formats), each with the key's count of inputs.
///
/// # Errors
/// `EMPTY_BATCH` for an empty array; `INVALID_JSON` when not an array; an item's error (its code, its message after
/// `items[i]: `), `PUBLIC_INPUT_COUNT` included.
///
/// # Examples
/// ```
/// let s: serde_json::Value = serde_json::from_str(include_str!("../../devnet/samples/verify-block.json")).unwrap();
/// let v = zkbridge_light::groth16::snarkjs::verifier(&s["vk"]).unwrap();
/// let e = zkbridge_light::groth16::snarkjs::parse_batch(&serde_json::json!([{ "proof": {} }]), v.n_public()).unwrap_err();
/// assert!(e.to_string().starts_with("items[0]: "));
/// ```
pub fn parse_batch(v: &Value, n_public: usize) -> Result<Vec<super::BatchItem>, ItemError> {
    let at = |index: usize| move |error: Groth16Error| ItemError { index: Some(index), error };
    let items = as_array(v, "items", false).map_err(|error| ItemError { index: None, error })?;
    if items.is_empty() {
        return Err(ItemError { index: None, error: Groth16Error::EmptyBatch });
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let proof = parse_proof(member(item, "proof").map_err(at(i))?).map_err(at(i))?;
        let inputs = parse_public_inputs(member(item, "publicSignals").map_err(at(i))?).map_err(at(i))?;
        if inputs.len() != n_public {
            return Err(at(i)(Groth16Error::PublicInputCount { expected: n_public, got: inputs.len() }));
        }
        out.push((proof, inputs));
    }
    Ok(out)
}

fn g1_json(p: &G1Affine) -> Value {
    json!([field_to_decimal(&p.x), field_to_decimal(&p.y), "1"])
}

fn g2_json(p: &G2Affine) -> Value {
    json!([
        [field_to_decimal(&p.x.c0), field_to_decimal(&p.x.c1)],
        [field_to_decimal(&p.y.c0), field_to_decimal(&p.y.c1)],
        ["1", "0"]
    ])
}

/// Writes a key as snarkjs `verification_key.json` (without `vk_alphabeta_12`, which verifiers do not need).
pub fn vk_to_json(vk: &VerifyingKey<Bn254>) -> Value {
    json!({
        "protocol": "groth16",
        "curve": "bn128",
        "nPublic": vk.gamma_abc_g1.len().saturating_sub(1),
        "vk_alpha_1": g1_json(&vk.alpha_g1),
        "vk_beta_2": g2_json(&vk.beta_g2),
        "vk_gamma_2": g2_json(&vk.gamma_g2),
        "vk_delta_2": g2_json(&vk.delta_g2),
        "IC": vk.gamma_abc_g1.iter().map(g1_json).collect::<Vec<_>>(),
    })
}

/// Writes a proof as snarkjs `proof.json`.
pub fn proof_to_json(proof: &Proof<Bn254>) -> Value {
    json!({ "pi_a": g1_json(&proof.a), "pi_b": g2_json(&proof.b), "pi_c": g1_json(&proof.c), "protocol": "groth16", "curve": "bn128" })
}

/// Writes public inputs as snarkjs `public.json` (decimal strings).
pub fn public_inputs_to_json(inputs: &[Fr]) -> Value {
    Value::Array(inputs.iter().map(|f| Value::String(field_to_decimal(f))).collect())
}

/// Parses a JSON text, mapping syntax errors to `INVALID_JSON`.
///
/// # Errors
/// `INVALID_JSON` when `text` is not JSON.
pub fn parse_json(text: &str) -> Result<Value, Groth16Error> {
    serde_json::from_str(text).map_err(|e| Groth16Error::from(InputError::InvalidJson(e.to_string())))
}

/// Parses, validates and prepares a snarkjs `verification_key.json` value.
///
/// # Errors
/// See [`parse_vk`] and [`Groth16Verifier::new`].
///
/// # Examples
/// ```
/// use zkbridge_light::groth16::snarkjs;
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/iden3-jwz-authv2/");
/// let read = |f: &str| serde_json::from_str(&std::fs::read_to_string(format!("{dir}{f}")).unwrap()).unwrap();
/// let verifier = snarkjs::verifier(&read("verification_key.json")).unwrap();
/// assert_eq!(verifier.n_public(), 3);
/// assert!(snarkjs::verify(&verifier, &read("proof.json"), &read("public.json")).unwrap());
/// ```
pub fn verifier(vk: &Value) -> Result<Groth16Verifier, Groth16Error> {
    Groth16Verifier::new(parse_vk(vk)?)
}

/// Verifies a snarkjs `proof.json` and `public.json` with a prepared key.
///
/// # Errors
/// Malformed input: see [`parse_proof`], [`parse_public_inputs`], [`Groth16Verifier::verify`].
pub fn verify(verifier: &Groth16Verifier, proof: &Value, public: &Value) -> Result<bool, Groth16Error> {
    verifier.verify(&parse_proof(proof)?, &parse_public_inputs(public)?)
}

/// One-shot verification of snarkjs JSON values (parses and prepares the key each time).
///
/// # Errors
/// Malformed input, see [`verifier`] and [`verify`].
pub fn verify_groth16(vk: &Value, proof: &Value, public: &Value) -> Result<bool, Groth16Error> {
    verify(&verifier(vk)?, proof, public)
}
