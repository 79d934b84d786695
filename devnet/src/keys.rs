//! The devnet's Groth16 keys: a setup from a fixed seed (reproducible, hence devnet-only), cached on disk outside git in
//! `devnet/.keys/` and rebuilt when missing. The verifying key is committed as `devnet/vk.json` (snarkjs JSON); a test
//! checks that the setup still gives it.

use crate::circuit;
use crate::Error;
use ark_bn254::Bn254;
use ark_groth16::ProvingKey;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use std::path::PathBuf;

/// The setup seed.
pub const SETUP_SEED: u64 = 20_261_125;

/// The key cache folder (`devnet/.keys/`, git-ignored).
pub fn dir() -> PathBuf {
    crate::paths::keys_dir()
}

/// The committed verifying key, `devnet/vk.json`.
pub fn vk_path() -> PathBuf {
    crate::paths::devnet_dir().join("vk.json")
}

/// Loads the cached proving key, or runs the setup (≈ 10 s on 2 cores) and caches it. `log` hears what happens.
///
/// # Errors
/// Setup or I/O errors.
pub fn load_or_build(log: &mut dyn FnMut(&str)) -> Result<ProvingKey<Bn254>, Error> {
    let path = dir().join(format!("pk-{SETUP_SEED}.bin"));
    if let Ok(bytes) = std::fs::read(&path) {
        // Written by us from this very setup: read without re-checking every point (seconds saved); a corrupt file is rebuilt.
        if let Ok(pk) = ProvingKey::<Bn254>::deserialize_with_mode(bytes.as_slice(), Compress::No, Validate::No) {
            log(&format!("keys: loaded {}", path.display()));
            return Ok(pk);
        }
    }
    log(&format!("keys: running the Groth16 setup (seed {SETUP_SEED}, {} constraints)…", circuit::constraint_count()?));
    let t = std::time::Instant::now();
    let pk = circuit::setup(SETUP_SEED)?;
    let mut bytes = Vec::new();
    pk.serialize_with_mode(&mut bytes, Compress::No).map_err(|e| Error::Setup(e.to_string()))?;
    std::fs::create_dir_all(dir()).map_err(|e| Error::Setup(e.to_string()))?;
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, &path)).map_err(|e| Error::Setup(e.to_string()))?;
    log(&format!("keys: setup took {:.1} s, cached in {} ({} MB)", t.elapsed().as_secs_f64(), path.display(), bytes.len() >> 20));
    Ok(pk)
}

/// The committed verifying key (`devnet/vk.json`), what the contracts are deployed with; no setup needed.
///
/// # Errors
/// A missing or malformed file.
pub fn committed_vk() -> Result<ark_groth16::VerifyingKey<Bn254>, Error> {
    let path = vk_path();
    let text = std::fs::read_to_string(&path).map_err(|e| Error::Setup(format!("{}: {e}", path.display())))?;
    let v = zkbridge_light::groth16::snarkjs::parse_json(&text).map_err(|e| Error::Setup(format!("{}: {e}", path.display())))?;
    zkbridge_light::groth16::snarkjs::parse_vk(&v).map_err(|e| Error::Setup(format!("{}: {e}", path.display())))
}

/// The proving key for a deployment: the cached (or rebuilt) key, refused when its verifying key is not the deployed one.
///
/// # Errors
/// As [`load_or_build`]; `Setup` when the keys differ from `deployed`.
pub fn proving_key_for(deployed: &serde_json::Value, log: &mut dyn FnMut(&str)) -> Result<ProvingKey<Bn254>, Error> {
    let pk = load_or_build(log)?;
    if &zkbridge_light::groth16::snarkjs::vk_to_json(&pk.vk) != deployed {
        return Err(Error::Setup(format!("the keys in {} do not belong to this deployment's vk", dir().display())));
    }
    Ok(pk)
}
