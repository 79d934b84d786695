//! Test prover: tiny circuits proved with ark-groth16 from fixed seeds, to make real proof sets.

use ark_bn254::{Bn254, Fr};
use ark_groth16::{Groth16, Proof, ProvingKey};
use ark_relations::lc;
use ark_relations::r1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use ark_snark::SNARK;
use ark_std::UniformRand;
use rand::{rngs::StdRng, SeedableRng};

/// Public inputs `x_i`, witnesses `w_i = x_i²`, one constraint `x_i · x_i = w_i` each.
#[derive(Clone)]
pub struct Squares(pub Vec<Fr>);

impl ConstraintSynthesizer<Fr> for Squares {
    fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
        for x in self.0 {
            let xv = cs.new_input_variable(|| Ok(x))?;
            let w = cs.new_witness_variable(|| Ok(x * x))?;
            cs.enforce_constraint(lc!() + xv, lc!() + xv, lc!() + w)?;
        }
        Ok(())
    }
}

/// A proving key for `n` public inputs, from a fixed seed.
pub fn setup(n: usize, seed: u64) -> ProvingKey<Bn254> {
    let mut rng = StdRng::seed_from_u64(seed);
    Groth16::<Bn254>::circuit_specific_setup(Squares(vec![Fr::from(0u8); n]), &mut rng).unwrap().0
}

/// A proof of `inputs` under `pk`, from a fixed seed.
pub fn prove(pk: &ProvingKey<Bn254>, inputs: &[Fr], seed: u64) -> Proof<Bn254> {
    let mut rng = StdRng::seed_from_u64(seed);
    Groth16::<Bn254>::prove(pk, Squares(inputs.to_vec()), &mut rng).unwrap()
}

/// `n` pseudo-random public inputs from a fixed seed.
pub fn random_inputs(n: usize, seed: u64) -> Vec<Fr> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| Fr::rand(&mut rng)).collect()
}
