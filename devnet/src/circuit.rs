//! The devnet's circuit (docs/PROTOCOL.md §9). It is **not** zkLink's state-transition circuit: it proves that the prover
//! knows the seven commitment fields whose SHA-256 is the block's commitment, that the public input is that commitment masked
//! to 253 bits, and that the new root follows the devnet's state rule `newStateHash = sha256(prevStateHash ‖ pubdataHash)`.

use ark_bn254::{Bn254, Fr};
use ark_crypto_primitives::crh::sha256::constraints::Sha256Gadget;
use ark_groth16::{Groth16, Proof, ProvingKey};
use ark_r1cs_std::fields::fp::FpVar;
use ark_r1cs_std::prelude::*;
use ark_r1cs_std::uint8::UInt8;
use ark_relations::r1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use ark_snark::SNARK;
use rand::rngs::StdRng;
use rand::SeedableRng;
use sha2::{Digest, Sha256};
use zkbridge_light::field::u256_to_fr;
use zkbridge_light::protocol::public_input;

/// The witnesses: the commitment preimage's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitmentWitness {
    /// `u256(blockNumber)`.
    pub block_number: [u8; 32],
    /// `u256(feeAccount)`.
    pub fee_account: [u8; 32],
    /// The previous block's root.
    pub prev_state_hash: [u8; 32],
    /// The block's root.
    pub new_state_hash: [u8; 32],
    /// `u256(timestamp)`.
    pub timestamp: [u8; 32],
    /// `sha256(publicData)`.
    pub pubdata_hash: [u8; 32],
    /// `sha256(offsetsCommitment)`.
    pub offsets_hash: [u8; 32],
}

impl CommitmentWitness {
    /// The 224-byte preimage.
    pub fn preimage(&self) -> Vec<u8> {
        [
            self.block_number,
            self.fee_account,
            self.prev_state_hash,
            self.new_state_hash,
            self.timestamp,
            self.pubdata_hash,
            self.offsets_hash,
        ]
        .concat()
    }

    /// The commitment, `sha256(preimage)`.
    pub fn commitment(&self) -> [u8; 32] {
        Sha256::digest(self.preimage()).into()
    }

    /// The public input: `commitment & INPUT_MASK` as a scalar.
    pub fn public_input(&self) -> Fr {
        // 253 bits are always below r.
        u256_to_fr(public_input(&self.commitment().into())).unwrap_or_default()
    }
}

/// The devnet's state rule: the root a block must carry.
pub fn state_rule(prev_state_hash: &[u8; 32], pubdata_hash: &[u8; 32]) -> [u8; 32] {
    Sha256::digest([prev_state_hash.as_slice(), pubdata_hash.as_slice()].concat()).into()
}

/// The circuit: one public input, the witnesses above.
#[derive(Debug, Clone, Copy)]
pub struct CommitmentCircuit {
    /// The witnesses (`None` only during setup).
    pub witness: Option<CommitmentWitness>,
}

impl ConstraintSynthesizer<Fr> for CommitmentCircuit {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        let w = self.witness.unwrap_or_default();
        let x = FpVar::new_input(cs.clone(), || self.witness.map(|w| w.public_input()).ok_or(SynthesisError::AssignmentMissing))?;
        let pre = UInt8::new_witness_vec(cs.clone(), &w.preimage())?;
        let digest = Sha256Gadget::digest(&pre)?.0;
        // The commitment as a big-endian integer; its 253 low bits, little-endian, packed into one field element.
        let mut bits = Vec::with_capacity(256);
        for byte in digest.iter().rev() {
            bits.extend(byte.to_bits_le()?);
        }
        bits.truncate(253);
        Boolean::le_bits_to_fp(&bits)?.enforce_equal(&x)?;
        // State rule: newStateHash = sha256(prevStateHash ‖ pubdataHash), on the same witness bytes.
        let rule_in: Vec<UInt8<Fr>> = pre[64..96].iter().chain(&pre[160..192]).cloned().collect();
        let rule = Sha256Gadget::digest(&rule_in)?.0;
        rule.enforce_equal(&pre[96..128].to_vec())?;
        Ok(())
    }
}

/// The Groth16 setup from a fixed seed (the devnet's keys are reproducible, and therefore devnet-only).
///
/// # Errors
/// Synthesis errors of the setup.
pub fn setup(seed: u64) -> Result<ProvingKey<Bn254>, SynthesisError> {
    let mut rng = StdRng::seed_from_u64(seed);
    Groth16::<Bn254>::generate_random_parameters_with_reduction(CommitmentCircuit { witness: None }, &mut rng)
}

/// Proves a block's commitment.
///
/// # Errors
/// `Unsatisfiable` when the witness breaks the state rule (the circuit has no proof for it).
pub fn prove(pk: &ProvingKey<Bn254>, witness: CommitmentWitness, seed: u64) -> Result<Proof<Bn254>, SynthesisError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let cs = ark_relations::r1cs::ConstraintSystem::<Fr>::new_ref();
    CommitmentCircuit { witness: Some(witness) }.generate_constraints(cs.clone())?;
    if !cs.is_satisfied()? {
        return Err(SynthesisError::Unsatisfiable);
    }
    Groth16::<Bn254>::prove(pk, CommitmentCircuit { witness: Some(witness) }, &mut rng)
}

/// The number of constraints.
///
/// # Errors
/// Synthesis errors.
pub fn constraint_count() -> Result<usize, SynthesisError> {
    let cs = ark_relations::r1cs::ConstraintSystem::<Fr>::new_ref();
    CommitmentCircuit { witness: Some(CommitmentWitness::default()) }.generate_constraints(cs.clone())?;
    Ok(cs.num_constraints())
}
