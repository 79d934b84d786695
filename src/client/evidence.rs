//! Evidence bundles read back and re-judged offline: [`verify_evidence`].

use super::judge::{judge_answers, Evidence, LIBRARY};
use crate::error::{ClientError, InputError};
use crate::groth16::Groth16Verifier;
use crate::protocol::{StoredBlockInfo, Verdict};
use serde::Serialize;
use serde_json::Value;

/// An evidence bundle as read back: the evidence and the verdict it claims.
#[derive(Debug, Clone)]
pub struct EvidenceBundle {
    /// What the verdict rests on.
    pub evidence: Evidence,
    /// The prepared key of `evidence.vk`.
    pub verifier: Groth16Verifier,
    /// The verdict the bundle claims (JSON, as exported).
    pub verdict: Value,
}

/// What a bundle is checked against: the deployment's verifying key and trust anchor (read from the deployment file, never
/// from the bundle).
#[derive(Debug, Clone)]
pub struct DeploymentAnchor {
    /// The deployment's key.
    pub verifier: Groth16Verifier,
    /// The deployment's trust anchor (its genesis block).
    pub anchor: StoredBlockInfo,
}

/// How far a bundle's judgement is anchored to a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchored {
    /// Checked against nothing: the answers judge themselves under the bundle's own key, which anyone can make.
    None,
    /// Under the deployment's key, from a checkpoint at or after its anchor: the proof is the deployment's, but offline
    /// nothing shows that the chains store that block (anyone holding the public proving key can prove any block data).
    Key,
    /// And every endpoint of every chain, asked again, stores blocks n − 1 and n as the bundle records them.
    Chains,
}

/// The re-check of an evidence bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceCheck {
    /// The recomputed verdict equals the claimed one and the library is this one.
    pub agrees: bool,
    /// What differs (`library`, the verdict's members, or what a chain stores otherwise).
    pub differences: Vec<String>,
    /// The recomputed verdict.
    pub verdict: Verdict,
    /// What the check was anchored to.
    pub anchored: Anchored,
    /// The hash of the key the proof was checked under, computed here ([`Groth16Verifier::key_hash`]).
    pub key_hash: alloy_primitives::B256,
}

/// Members of a claimed verdict that a client measured about its own run: never judged, never compared.
pub const MEASURED: [&str; 4] = ["verifyMs", "readMs", "requests", "verifiedIn"];

/// Re-checks an evidence bundle offline, without any RPC: the same judgement on the same answers must give the verdict
/// it claims. With a `deployment`, the bundle's key must be the deployment's and its checkpoint at or after the
/// deployment's anchor (the anchor itself when it is the same block): [`Anchored::Key`]; without, [`Anchored::None`].
///
/// # Errors
/// `FOREIGN_KEY` (another key than the deployment's), `FOREIGN_ANCHOR` (a checkpoint before the deployment's anchor, or
/// another block in its place); otherwise as [`judge_answers`].
///
/// # Examples
/// ```no_run
/// # fn f(bundle: &zkbridge_light::client::EvidenceBundle, d: &zkbridge_light::client::evidence::DeploymentAnchor) {
/// let check = zkbridge_light::client::verify_evidence(bundle, Some(d)).unwrap();
/// assert!(check.agrees && check.anchored == zkbridge_light::client::evidence::Anchored::Key);
/// # }
/// ```
pub fn verify_evidence(bundle: &EvidenceBundle, deployment: Option<&DeploymentAnchor>) -> Result<EvidenceCheck, ClientError> {
    let mut anchored = Anchored::None;
    if let Some(d) = deployment {
        if bundle.verifier.verifying_key() != d.verifier.verifying_key() {
            return Err(ClientError::ForeignKey(format!(
                "the bundle's key {} is not the deployment's {}",
                bundle.verifier.key_hash(),
                d.verifier.key_hash()
            )));
        }
        let cp = &bundle.evidence.checkpoint;
        if cp.block_number < d.anchor.block_number || (cp.block_number == d.anchor.block_number && *cp != d.anchor) {
            return Err(ClientError::ForeignAnchor(format!(
                "the checkpoint (block {}) is not at or after the deployment's anchor (block {})",
                cp.block_number, d.anchor.block_number
            )));
        }
        anchored = Anchored::Key;
    }
    let (again, _) = judge_answers(&bundle.verifier, bundle.evidence.clone())?;
    let mut differences = Vec::new();
    if bundle.evidence.library != LIBRARY {
        differences.push(format!("library: {} (this is {LIBRARY})", bundle.evidence.library));
    }
    let mut recomputed = serde_json::to_value(&again).map_err(|e| InputError::InvalidJson(e.to_string()))?;
    if let Some(o) = recomputed.as_object_mut() {
        o.remove("evidence");
    }
    let mut claimed = bundle.verdict.clone();
    if let Some(o) = claimed.as_object_mut() {
        o.remove("evidence");
        for k in MEASURED {
            o.remove(k);
        }
    }
    match (recomputed.as_object(), claimed.as_object()) {
        (Some(a), Some(b)) => {
            for k in a.keys().chain(b.keys()) {
                if a.get(k) != b.get(k) && !differences.iter().any(|d| d == k) {
                    differences.push(k.clone());
                }
            }
        }
        _ => differences.push("verdict".into()),
    }
    Ok(EvidenceCheck {
        agrees: differences.is_empty(),
        differences,
        verdict: again.verdict,
        anchored,
        key_hash: bundle.verifier.key_hash(),
    })
}
