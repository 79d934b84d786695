//! Evidence bundles read back and re-judged offline: [`verify_evidence`].

use super::judge::{judge_answers, Evidence, LIBRARY};
use crate::error::{ClientError, InputError};
use crate::groth16::Groth16Verifier;
use crate::protocol::Verdict;
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

/// The offline re-check of an evidence bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceCheck {
    /// The recomputed verdict equals the claimed one and the library is this one.
    pub agrees: bool,
    /// What differs (`library`, or the verdict's members).
    pub differences: Vec<String>,
    /// The recomputed verdict.
    pub verdict: Verdict,
}

/// Re-checks an evidence bundle offline, without any RPC: the same judgement on the same answers must give the verdict
/// it claims.
///
/// # Errors
/// As [`judge_answers`].
pub fn verify_evidence(bundle: &EvidenceBundle) -> Result<EvidenceCheck, ClientError> {
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
        o.remove("verifyMs");
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
    Ok(EvidenceCheck { agrees: differences.is_empty(), differences, verdict: again.verdict })
}
