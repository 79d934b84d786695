//! The prepared verifier: parse and check a key once, then verify many proofs against it.

use super::evm;
use crate::error::{Groth16Error, InputError};
use ark_bn254::{Bn254, Fr, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{One, PrimeField};
use ark_groth16::{Proof, VerifyingKey};
use sha2::{Digest, Sha256};
use zkbridge_bn254::{g2_in_subgroup, PreparedKey};

/// What [`Groth16Verifier::export`]'s bytes start with: the library's name and version, a zero byte, the key's hash.
fn prepared_header(key_hash: &alloy_primitives::B256) -> Vec<u8> {
    let mut out = Vec::with_capacity(zkbridge_bn254::PREPARED_ELEMENTS * 32 + 64);
    out.extend_from_slice(crate::client::LIBRARY.as_bytes());
    out.push(0);
    out.extend_from_slice(key_hash.as_slice());
    out
}

/// One proof of a batch with its public inputs.
pub type BatchItem = (Proof<Bn254>, Vec<Fr>);

/// A Groth16/BN254 verifying key, validated (every point on its curve and in its subgroup, no infinity, not insecure) and
/// prepared once (e(α, β) and the G2 line coefficients of γ and δ).
///
/// `vk_x = IC₀ + Σ xᵢ·ICᵢ` is computed with a multi-scalar multiplication (Pippenger), then
/// `e(A, B) == e(α, β) · e(vk_x, γ) · e(C, δ)` is checked with three Miller loops and one final exponentiation.
///
/// The arithmetic is `zkbridge-bn254`'s: `ark-bn254`'s, or with the feature `fq32` the same curve over a base field
/// multiplied on 32-bit words.
#[derive(Clone, Debug)]
pub struct Groth16Verifier {
    /// The key as given.
    vk: VerifyingKey<Bn254>,
    /// The key prepared for pairing checks.
    pvk: PreparedKey,
}

impl Groth16Verifier {
    /// Validates and prepares an arkworks key.
    ///
    /// # Errors
    /// `INSECURE_VK` when γ == δ or δ is the G2 generator (no phase-2 setup: proofs can be forged);
    /// `POINT_AT_INFINITY` for a zero point.
    pub fn new(vk: VerifyingKey<Bn254>) -> Result<Self, Groth16Error> {
        if vk.gamma_g2 == vk.delta_g2 {
            return Err(Groth16Error::InsecureVk("gamma == delta".into()));
        }
        if vk.delta_g2 == G2Affine::generator() {
            return Err(Groth16Error::InsecureVk("delta is the G2 generator".into()));
        }
        let points_g1 = std::iter::once(&vk.alpha_g1).chain(vk.gamma_abc_g1.iter());
        let points_g2 = [&vk.beta_g2, &vk.gamma_g2, &vk.delta_g2];
        if vk.gamma_abc_g1.is_empty() {
            return Err(InputError::InvalidLength("IC (empty)".into()).into());
        }
        if points_g1.clone().any(|p| p.is_zero()) || points_g2.iter().any(|p| p.is_zero()) {
            return Err(Groth16Error::PointAtInfinity("verifying key".into()));
        }
        if points_g1.clone().any(|p| !p.is_on_curve()) || points_g2.iter().any(|p| !p.is_on_curve()) {
            return Err(Groth16Error::NotOnCurve("verifying key".into()));
        }
        if points_g1.clone().any(|p| !p.is_in_correct_subgroup_assuming_on_curve())
            || points_g2.iter().any(|p| !g2_in_subgroup(p))
        {
            return Err(Groth16Error::NotInSubgroup("verifying key".into()));
        }
        Ok(Self { pvk: PreparedKey::new(&vk), vk })
    }

    /// The key's preparation (e(α, β) and the line coefficients of γ and δ, what [`Self::new`] computes after checking the
    /// key) as bytes, to be kept and given back to [`Self::from_prepared`]: this library's name and version, the key's
    /// hash ([`Self::key_hash`]) and the prepared values (about 35 KB).
    ///
    /// # Examples
    /// ```
    /// # let vk: serde_json::Value = serde_json::from_str(include_str!("../../devnet/vk.json")).unwrap();
    /// use zkbridge_light::groth16::{snarkjs, Groth16Verifier};
    /// let v = snarkjs::verifier(&vk).unwrap();
    /// let again = Groth16Verifier::from_prepared(v.verifying_key().clone(), &v.export()).unwrap();
    /// assert_eq!(again.key_hash(), v.key_hash());
    /// ```
    pub fn export(&self) -> Vec<u8> {
        let mut out = prepared_header(&self.key_hash());
        for e in self.pvk.elements() {
            out.extend_from_slice(&crate::field::field_to_be_bytes(&e));
        }
        out
    }

    /// A verifier for `vk` from [`Self::export`]'s bytes, without checking the key's points again or preparing it: only
    /// that the bytes are this library version's, written for a key with `vk`'s hash, and canonical. What they hold cannot
    /// be checked cheaply (forged line coefficients would let forged proofs pass), so they must come from where this
    /// library wrote them itself (same-origin storage, kept beside a checkpoint and trusted as it is).
    ///
    /// # Errors
    /// `PREPARED_KEY_MISMATCH` for bytes of another library version or another key, or not a prepared key; `INVALID_LENGTH`
    /// for a key without IC points.
    pub fn from_prepared(vk: VerifyingKey<Bn254>, bytes: &[u8]) -> Result<Self, Groth16Error> {
        if vk.gamma_abc_g1.is_empty() {
            return Err(InputError::InvalidLength("IC (empty)".into()).into());
        }
        let header = prepared_header(&Self::hash_of(&vk));
        let body = bytes.strip_prefix(header.as_slice()).ok_or_else(|| {
            Groth16Error::PreparedKeyMismatch(concat!("not zkbridge-light ", env!("CARGO_PKG_VERSION"), "'s for this key").into())
        })?;
        let malformed = || Groth16Error::PreparedKeyMismatch("its prepared values are malformed".into());
        // Every element 32 bytes, big-endian, below the base field's modulus.
        let mut elements = Vec::with_capacity(body.len() / 32);
        for w in body.chunks(32) {
            let w: &[u8; 32] = w.try_into().map_err(|_| malformed())?;
            elements.push(crate::field::u256_to_fq(alloy_primitives::U256::from_be_bytes(*w)).map_err(|_| malformed())?);
        }
        let pvk = PreparedKey::from_elements(&vk, &elements).ok_or_else(malformed)?;
        Ok(Self { pvk, vk })
    }

    /// The number of public inputs the key expects (`IC.length − 1`).
    pub fn n_public(&self) -> usize {
        self.vk.gamma_abc_g1.len().saturating_sub(1)
    }

    /// The validated key.
    pub const fn verifying_key(&self) -> &VerifyingKey<Bn254> {
        &self.vk
    }

    /// The key's hash: keccak256 of its points in the EVM word order (α, β, γ, δ, then every IC point; G2 coordinates with
    /// the imaginary part first), what the Groth16 verifier contract is deployed with. Computed from the parsed key, never
    /// read from a file: the name a page shows for "the key this was verified under".
    ///
    /// # Examples
    /// ```
    /// let vk: serde_json::Value = serde_json::from_str(include_str!("../../devnet/vk.json")).unwrap();
    /// let v = zkbridge_light::groth16::snarkjs::verifier(&vk).unwrap();
    /// assert_eq!(v.key_hash(), v.clone().key_hash());
    /// ```
    pub fn key_hash(&self) -> alloy_primitives::B256 {
        Self::hash_of(&self.vk)
    }

    fn hash_of(vk: &VerifyingKey<Bn254>) -> alloy_primitives::B256 {
        let mut h = alloy_primitives::Keccak256::new();
        let mut put = |f: &ark_bn254::Fq| h.update(crate::field::field_to_be_bytes(f));
        put(&vk.alpha_g1.x);
        put(&vk.alpha_g1.y);
        for p in [&vk.beta_g2, &vk.gamma_g2, &vk.delta_g2] {
            for f in [&p.x.c1, &p.x.c0, &p.y.c1, &p.y.c0] {
                put(f);
            }
        }
        for p in &vk.gamma_abc_g1 {
            put(&p.x);
            put(&p.y);
        }
        h.finalize()
    }

    /// Verifies an already-validated proof against public inputs.
    ///
    /// # Errors
    /// `PUBLIC_INPUT_COUNT` when `inputs.len() != n_public()`. A proof that does not verify is `Ok(false)`.
    pub fn verify(&self, proof: &Proof<Bn254>, inputs: &[Fr]) -> Result<bool, Groth16Error> {
        if inputs.len() != self.n_public() {
            return Err(Groth16Error::PublicInputCount { expected: self.n_public(), got: inputs.len() });
        }
        zkbridge_bn254::verify(&self.pvk, proof, inputs)
            .ok_or_else(|| Groth16Error::PairingFailed("the pairing check could not be computed".into()))
    }

    /// Verifies several proofs against this key at once: one random linear combination of their Groth16 equations,
    /// `Π e(rᵢ·Aᵢ, Bᵢ) · e(Σ rᵢ·vk_xᵢ, −γ) · e(Σ rᵢ·Cᵢ, −δ) == e(α, β)^(Σ rᵢ)`, with k + 2 Miller loops and one final
    /// exponentiation instead of 3k and k. The 128-bit scalars `rᵢ` are derived (Fiat–Shamir, SHA-256) from every proof and
    /// input, so they are fixed only after the proofs are; `r₀ = 1`. `true` means every proof verifies, except with
    /// probability about 2⁻¹²⁸; on `false`, verify one by one to find the bad ones.
    ///
    /// # Errors
    /// `EMPTY_BATCH` for no items, `PUBLIC_INPUT_COUNT` when an item has the wrong number of inputs.
    pub fn verify_batch(&self, items: &[BatchItem]) -> Result<bool, Groth16Error> {
        self.verify_batch_with(items, &[])
    }

    /// [`Self::verify_batch`] with `entropy` (random bytes, e.g. the browser's `crypto.getRandomValues`) mixed into the
    /// transcript the scalars are derived from: then not even someone who chose every proof can predict them.
    ///
    /// # Errors
    /// As [`Self::verify_batch`].
    pub fn verify_batch_with(&self, items: &[BatchItem], entropy: &[u8]) -> Result<bool, Groth16Error> {
        match items {
            [] => return Err(Groth16Error::EmptyBatch),
            [(proof, inputs)] => return self.verify(proof, inputs),
            _ => {}
        }
        let mut transcript = Sha256::new();
        transcript.update(b"zkbridge-light/groth16-batch/v1");
        transcript.update((entropy.len() as u64).to_be_bytes());
        transcript.update(entropy);
        for (proof, inputs) in items {
            if inputs.len() != self.n_public() {
                return Err(Groth16Error::PublicInputCount { expected: self.n_public(), got: inputs.len() });
            }
            transcript.update(super::encode_evm_proof(proof));
            for x in inputs {
                transcript.update(crate::field::field_to_be_bytes(x));
            }
        }
        let seed = transcript.finalize();
        let r: Vec<Fr> = (0..items.len())
            .map(|i| match i {
                0 => Fr::one(),
                _ => {
                    let h = Sha256::new().chain_update(seed).chain_update((i as u64).to_be_bytes()).finalize();
                    Fr::from_be_bytes_mod_order(h.get(..16).unwrap_or_default())
                }
            })
            .collect();
        zkbridge_bn254::verify_batch(&self.pvk, items, &r)
            .ok_or_else(|| Groth16Error::PairingFailed("the batched pairing check could not be computed".into()))
    }

    /// Every item of a batch that does not verify, by index (empty: all verify): one batched check
    /// ([`Self::verify_batch_with`]); when it fails, each half is checked the same way, down to single proofs (bisection:
    /// about 2·b·log₂(n/b) batched checks for b bad items among n).
    ///
    /// # Errors
    /// `EMPTY_BATCH` for no items; `PUBLIC_INPUT_COUNT` when an item has the wrong number of inputs.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::groth16::snarkjs::{parse_proof, parse_public_inputs, verifier};
    /// let j = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    /// let v = verifier(&j(include_str!("../../tests/fixtures/iden3-jwz-authv2/verification_key.json"))).unwrap();
    /// let proof = parse_proof(&j(include_str!("../../tests/fixtures/iden3-jwz-authv2/proof.json"))).unwrap();
    /// let inputs = parse_public_inputs(&j(include_str!("../../tests/fixtures/iden3-jwz-authv2/public.json"))).unwrap();
    /// let mut wrong = inputs.clone();
    /// wrong[0] += ark_bn254::Fr::from(1u8);
    /// let (good, bad) = ((proof.clone(), inputs), (proof, wrong));
    /// assert_eq!(v.bad_items(&[good.clone(), bad, good], &[7; 32]).unwrap(), vec![1]);
    /// ```
    pub fn bad_items(&self, items: &[BatchItem], entropy: &[u8]) -> Result<Vec<usize>, Groth16Error> {
        let mut bad = Vec::new();
        self.bisect(items, 0, entropy, &mut bad)?;
        Ok(bad)
    }

    fn bisect(&self, items: &[BatchItem], offset: usize, entropy: &[u8], bad: &mut Vec<usize>) -> Result<(), Groth16Error> {
        if self.verify_batch_with(items, entropy)? {
            return Ok(());
        }
        if items.len() == 1 {
            bad.push(offset);
            return Ok(());
        }
        let (left, right) = items.split_at(items.len() / 2);
        self.bisect(left, offset, entropy, bad)?;
        self.bisect(right, offset + left.len(), entropy, bad)
    }

    /// Verifies an EVM proof (256 bytes) with EVM public-input words.
    ///
    /// # Errors
    /// See [`evm::parse_evm_proof_bytes`] and [`evm::parse_evm_public_inputs`].
    pub fn verify_evm_bytes<S: AsRef<str>>(&self, proof: &[u8], inputs: &[S]) -> Result<bool, Groth16Error> {
        let proof = evm::parse_evm_proof_bytes(proof)?;
        self.verify(&proof, &evm::parse_evm_public_inputs(inputs)?)
    }

    /// Verifies an EVM proof given as 8 words with EVM public-input words.
    ///
    /// # Errors
    /// See [`evm::parse_evm_proof_words`] and [`evm::parse_evm_public_inputs`].
    pub fn verify_evm_words<S: AsRef<str>, T: AsRef<str>>(&self, proof: &[S], inputs: &[T]) -> Result<bool, Groth16Error> {
        let proof = evm::parse_evm_proof_words(proof)?;
        self.verify(&proof, &evm::parse_evm_public_inputs(inputs)?)
    }
}

/// One-shot verification: validates and prepares `vk`, then verifies (keep a [`Groth16Verifier`] to verify many proofs).
///
/// # Errors
/// See [`Groth16Verifier::new`] and [`Groth16Verifier::verify`]; a proof that does not verify is `Ok(false)`.
///
/// # Examples
/// ```
/// use zkbridge_light::groth16::{snarkjs, verify_groth16};
/// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/iden3-jwz-authv2/");
/// let read = |f: &str| serde_json::from_str(&std::fs::read_to_string(format!("{dir}{f}")).unwrap()).unwrap();
/// let vk = snarkjs::parse_vk(&read("verification_key.json")).unwrap();
/// let proof = snarkjs::parse_proof(&read("proof.json")).unwrap();
/// let mut inputs = snarkjs::parse_public_inputs(&read("public.json")).unwrap();
/// assert!(verify_groth16(vk.clone(), &proof, &inputs).unwrap());
/// inputs[0] += ark_bn254::Fr::from(1u8);
/// assert!(!verify_groth16(vk, &proof, &inputs).unwrap());
/// ```
pub fn verify_groth16(vk: VerifyingKey<Bn254>, proof: &Proof<Bn254>, inputs: &[Fr]) -> Result<bool, Groth16Error> {
    Groth16Verifier::new(vk)?.verify(proof, inputs)
}
