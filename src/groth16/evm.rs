//! EVM / EIP-197 forms: a proof is `uint256[8] = [A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y]` (**imaginary part
//! first** inside each Fp2), as 256 bytes or as 8 words; public inputs are words. See `docs/FORMATS.md`.

use super::point::{coord, evm_point, Infinity};
use super::snarkjs::parse_public_input;
use crate::error::{Groth16Error, InputError};

use crate::field::{field_to_be_bytes, u256_to_fq};
use alloy_primitives::U256;
use ark_bn254::{Bn254, Fq, Fq2, Fr};
use ark_groth16::Proof;

/// Number of bytes of an EVM Groth16 proof.
pub const EVM_PROOF_BYTES: usize = 256;

fn proof_from_coords(c: [Fq; 8]) -> Result<Proof<Bn254>, Groth16Error> {
    let [ax, ay, bx1, bx0, by1, by0, cx, cy] = c;
    // The precompiles' point reader, with (0, 0) refused: a proof point at infinity is POINT_AT_INFINITY.
    let no = Infinity::Refused;
    Ok(Proof {
        a: evm_point(ax, ay, "A", no)?,
        b: evm_point(Fq2::new(bx0, bx1), Fq2::new(by0, by1), "B", no)?,
        c: evm_point(cx, cy, "C", no)?,
    })
}

/// Parses the 256-byte EVM form (`0x` hex accepted by the JS layer; here raw bytes).
///
/// # Errors
/// `INVALID_LENGTH` unless exactly 256 bytes; `NOT_IN_FIELD`, `NOT_ON_CURVE`, `NOT_IN_SUBGROUP`, `POINT_AT_INFINITY`.
///
/// # Examples
/// ```
/// use zkbridge_light::groth16::parse_evm_proof_bytes;
/// assert_eq!(parse_evm_proof_bytes(&[0u8; 255]).unwrap_err().code(), "INVALID_LENGTH");
/// assert_eq!(parse_evm_proof_bytes(&[0u8; 256]).unwrap_err().code(), "POINT_AT_INFINITY");
/// ```
pub fn parse_evm_proof_bytes(bytes: &[u8]) -> Result<Proof<Bn254>, Groth16Error> {
    if bytes.len() != EVM_PROOF_BYTES {
        return Err(Groth16Error::from(InputError::InvalidLength(format!(
            "EVM proof must be {EVM_PROOF_BYTES} bytes, got {}",
            bytes.len()
        ))));
    }
    let mut coords = [Fq::from(0u8); 8];
    for (i, (slot, word)) in coords.iter_mut().zip(bytes.chunks_exact(32)).enumerate() {
        *slot = U256::try_from_be_slice(word)
            .ok_or_else(|| Groth16Error::from(InputError::InvalidLength("word".into())))
            .and_then(|u| u256_to_fq(u).map_err(|_| Groth16Error::NotInField(format!("proof word {i}"))))?;
    }
    proof_from_coords(coords)
}

/// Parses the EVM form given as 8 words (decimal or `0x` hex strings).
///
/// # Errors
/// `INVALID_LENGTH` unless exactly 8 words; `INVALID_NUMBER`, `NOT_IN_FIELD` and the point errors.
pub fn parse_evm_proof_words<S: AsRef<str>>(words: &[S]) -> Result<Proof<Bn254>, Groth16Error> {
    if words.len() != 8 {
        return Err(Groth16Error::from(InputError::InvalidLength(format!("EVM proof must be 8 words, got {}", words.len()))));
    }
    let mut coords = [Fq::from(0u8); 8];
    for (i, (slot, word)) in coords.iter_mut().zip(words).enumerate() {
        *slot = coord(word.as_ref(), &format!("proof word {i}"))?;
    }
    proof_from_coords(coords)
}

/// Parses EVM public inputs (words, each `< r`).
///
/// # Errors
/// `INVALID_NUMBER`, `NOT_IN_FIELD`.
pub fn parse_evm_public_inputs<S: AsRef<str>>(words: &[S]) -> Result<Vec<Fr>, Groth16Error> {
    words.iter().enumerate().map(|(i, w)| parse_public_input(w.as_ref(), &format!("public[{i}]"))).collect()
}

/// Encodes a proof in the 256-byte EVM form.
///
/// # Examples
/// ```
/// # use zkbridge_light::groth16::{encode_evm_proof, parse_evm_proof_bytes};
/// # use ark_bn254::{G1Affine, G2Affine};
/// # use ark_ec::AffineRepr;
/// let p = ark_groth16::Proof { a: G1Affine::generator(), b: G2Affine::generator(), c: G1Affine::generator() };
/// assert_eq!(parse_evm_proof_bytes(&encode_evm_proof(&p)).unwrap(), p);
/// ```
pub fn encode_evm_proof(proof: &Proof<Bn254>) -> [u8; EVM_PROOF_BYTES] {
    let words = [proof.a.x, proof.a.y, proof.b.x.c1, proof.b.x.c0, proof.b.y.c1, proof.b.y.c0, proof.c.x, proof.c.y];
    let mut out = [0u8; EVM_PROOF_BYTES];
    for (chunk, w) in out.chunks_exact_mut(32).zip(words.iter()) {
        chunk.copy_from_slice(&field_to_be_bytes(w));
    }
    out
}
