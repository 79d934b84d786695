//! The light client's core on in-memory chains: two chains whose answers come from the devnet's committed sample block
//! (a real block 1 on the genesis block, with a real proof). One honest run is approved; each lie, disagreement, timeout and
//! wrong chain id gets its code or finding.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolEvent;
use serde_json::{json, Value};
use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use zkbridge_light::client::{BridgeClient, ClientError, IBridgeView};
use zkbridge_light::protocol::{BlockCheck, StoredBlockInfo};

mod common;
#[path = "common/fake.rs"]
mod fake;

use common::block_on;
use fake::{bridge, client, Behaviour, Fake, SAMPLE};

fn codes(v: &zkbridge_light::client::ClientVerdict) -> Vec<(String, Option<u8>)> {
    v.verdict.stages.iter().flat_map(|s| s.codes.iter().map(|f| (f.code.as_str().to_owned(), f.chain_id))).collect()
}

fn ok() -> Behaviour {
    Behaviour::default()
}

#[test]
fn honest_chains_approve_and_every_lie_is_named() {
    // Two endpoints each: approved, no warning; the reads stage comes first and every read is recorded.
    let c = client(vec![ok(), ok()], vec![ok(), ok()]);
    let v = block_on(c.verify(1, None)).unwrap();
    assert!(v.verdict.approved, "{v:#?}");
    assert_eq!(serde_json::to_value(v.verdict.stages[0].stage).unwrap(), "reads");
    assert!(v.warnings.is_empty());
    assert_eq!(v.reads.len(), 4);
    assert_eq!(c.verified_range(), (0, 1));
    // A verified block is judged again on fresh reads.
    assert!(block_on(c.verify(1, Some(2))).unwrap().verdict.approved);
    // One endpoint per chain: approved with SINGLE_ENDPOINT warnings.
    let v = block_on(client(vec![ok()], vec![ok()]).verify(1, Some(2))).unwrap();
    assert!(v.verdict.approved);
    assert_eq!(v.warnings.iter().filter(|w| w.code == "SINGLE_ENDPOINT").count(), 2);

    // One endpoint of two lies about the stored block: RPC_DISAGREEMENT (chain 2), not approved.
    let liar = Behaviour { root: Some(B256::repeat_byte(9)), rehash: true, ..ok() };
    let v = block_on(client(vec![ok(), ok()], vec![ok(), liar.clone()]).verify(1, None)).unwrap();
    assert!(!v.verdict.approved);
    assert!(codes(&v).contains(&("RPC_DISAGREEMENT".into(), Some(2))), "{:?}", codes(&v));
    // The only endpoint of chain 2 lies about its root (consistently re-hashed): ROOT_MISMATCH naming chain 2.
    let v = block_on(client(vec![ok()], vec![liar]).verify(1, None)).unwrap();
    assert!(!v.verdict.approved);
    assert!(codes(&v).contains(&("ROOT_MISMATCH".into(), Some(2))), "{:?}", codes(&v));
    // … about its sync hash: SYNC_HASH_MISMATCH (chain 2).
    let v =
        block_on(client(vec![ok()], vec![Behaviour { sync_hash: Some(B256::repeat_byte(5)), ..ok() }]).verify(1, None)).unwrap();
    assert!(codes(&v).contains(&("SYNC_HASH_MISMATCH".into(), Some(2))), "{:?}", codes(&v));
    // … with a getter inconsistent with its stored hash: STORED_HASH_MISMATCH (chain 2).
    let v = block_on(client(vec![ok()], vec![Behaviour { root: Some(B256::repeat_byte(9)), ..ok() }]).verify(1, None)).unwrap();
    assert!(codes(&v).contains(&("STORED_HASH_MISMATCH".into(), Some(2))), "{:?}", codes(&v));
    // Not synchronized on chain 2: with no destination every connected chain must be.
    let v = block_on(client(vec![ok()], vec![Behaviour { synchronized: Some(0), ..ok() }]).verify(1, None)).unwrap();
    assert_eq!(codes(&v), vec![("NOT_SYNCHRONIZED".to_owned(), Some(2))]);
    let v = block_on(client(vec![ok()], vec![Behaviour { synchronized: Some(0), ..ok() }]).verify(1, Some(1))).unwrap();
    assert!(v.verdict.approved, "destination 1 has synchronized");
}

#[test]
fn reads_that_cannot_complete_are_errors() {
    // Timeouts are retried (twice here), then RPC_TIMEOUT; one timeout fewer than the retries passes.
    let v = block_on(client(vec![Behaviour { timeouts: 2, ..ok() }], vec![ok()]).verify(1, None)).unwrap();
    assert!(v.verdict.approved);
    let e = block_on(client(vec![Behaviour { timeouts: 3, ..ok() }], vec![ok()]).verify(1, None)).unwrap_err();
    assert_eq!(e.code(), "RPC_TIMEOUT");
    // An endpoint of another chain.
    let e = block_on(client(vec![ok()], vec![Behaviour { chain_id: Some(1), ..ok() }]).verify(1, None)).unwrap_err();
    assert!(matches!(e, ClientError::ChainIdMismatch { chain: 2, .. }), "{e:?}");
    // Block 2 is not committed anywhere; block 0 is the anchor.
    let c = client(vec![ok()], vec![ok()]);
    assert_eq!(block_on(c.verify(2, None)).unwrap_err().code(), "BLOCK_NOT_FOUND");
    assert_eq!(block_on(c.verify(0, None)).unwrap_err().code(), "BLOCK_NOT_FOUND");
    // sync() verifies up to the latest block proven everywhere.
    let c = client(vec![ok()], vec![ok()]);
    assert!(block_on(c.sync()).unwrap().unwrap().verdict.approved);
    assert_eq!(c.verified_range(), (0, 1));
    assert!(block_on(c.sync()).unwrap().is_none());
}

/// The bundle `exportEvidence` writes: the evidence, and the verdict without it.
fn bundle_of(v: &zkbridge_light::client::ClientVerdict) -> Value {
    let mut verdict = serde_json::to_value(v).unwrap();
    let evidence = verdict.as_object_mut().unwrap().remove("evidence").unwrap();
    let mut b = evidence;
    b["verdict"] = verdict;
    b
}

#[test]
fn evidence_round_trips_and_every_edit_is_noticed() {
    use zkbridge_light::client::{verify_evidence, EvidenceBundle};
    for (a, b) in
        [(vec![ok(), ok()], vec![ok()]), (vec![ok()], vec![Behaviour { root: Some(B256::repeat_byte(9)), rehash: true, ..ok() }])]
    {
        let v = block_on(client(a, b).verify(1, Some(2))).unwrap();
        let bundle = bundle_of(&v);
        let check = verify_evidence(&EvidenceBundle::try_from(&bundle).unwrap(), None).unwrap();
        assert!(check.agrees, "{:?}", check.differences);
        assert_eq!(check.verdict, v.verdict);
        // Also as JSON text, the way it is downloaded.
        assert!(verify_evidence(&EvidenceBundle::try_from(&Value::String(bundle.to_string())).unwrap(), None).unwrap().agrees);
        // Any edited field: the recomputed verdict differs from the claimed one.
        let edits: Vec<(&str, Value)> = vec![
            ("/answers/0/storedBlock/stateHash", json!(format!("0x{}", "77".repeat(32)))),
            ("/answers/0/storedBlockHash", json!(format!("0x{}", "77".repeat(32)))),
            ("/answers/0/endpoint", json!("somewhere-else")),
            ("/answers/0/evmBlockHash", json!(format!("0x{}", "77".repeat(32)))),
            ("/answers/0/totalBlocksSynchronized", json!(0)),
            ("/answers/1/block/timestamp", json!("1")),
            ("/checkpoint/stateHash", json!(format!("0x{}", "77".repeat(32)))),
            ("/destination", json!(1)),
            ("/library", json!("zkbridge-light 0.0.0")),
            ("/verdict/approved", json!(!v.verdict.approved)),
            ("/verdict/stages/1/ok", json!(false)),
        ];
        for (pointer, value) in edits {
            let mut edited = bundle.clone();
            *edited.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
            let r = EvidenceBundle::try_from(&edited).map_err(ClientError::from).and_then(|b| verify_evidence(&b, None));
            assert!(!matches!(r, Ok(ref c) if c.agrees), "{pointer}: still agrees");
        }
        // A malformed bundle is an error, not a verdict.
        let mut bad = bundle.clone();
        bad["format"] = json!(1);
        assert_eq!(EvidenceBundle::try_from(&bad).unwrap_err().code(), "INVALID_NUMBER");
    }
}

#[test]
fn malformed_answers_are_rpc_errors_naming_chain_endpoint_and_method() {
    for (what, method) in [
        ("other block", "eth_getBlockByNumber"),
        ("no block", "eth_getBlockByNumber"),
        ("trailing bytes", "eth_call"),
        ("short answer", "eth_call"),
        ("logs not an array", "eth_getLogs"),
        ("foreign log", "eth_getLogs"),
        ("removed log", "eth_getLogs"),
        ("other tx", "eth_getTransactionByHash"),
    ] {
        let e =
            block_on(client(vec![ok()], vec![ok(), Behaviour { malformed: Some(what), ..ok() }]).verify(1, None)).unwrap_err();
        assert_eq!(e.code(), "RPC_ERROR", "{what}: {e}");
        let text = e.to_string();
        assert!(text.contains("chain 2") && text.contains("chain2-ep1") && text.contains(method), "{what}: {text}");
    }
    // The negative twin: the same endpoints, answering well, are approved.
    assert!(block_on(client(vec![ok()], vec![ok(), ok()]).verify(1, None)).unwrap().verdict.approved);
}

/// Every leaf (string, number, boolean, null) of a JSON value, as a JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => o.iter().for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

/// The same leaf, edited: a string gets its last hex digit (or character) changed, a number +1, a boolean flipped, a null
/// becomes a 32-byte word.
fn edit(v: &Value) -> Value {
    match v {
        Value::String(s) if s == "0x" => json!("0x00"),
        Value::String(s) => {
            let mut t = s.clone();
            match t.pop() {
                Some(c) if c.is_ascii_hexdigit() => t.push(if c == '0' { '1' } else { '0' }),
                Some(c) if c.is_ascii_digit() => t.push(if c == '9' { '8' } else { '9' }),
                Some(_) | None => t.push('x'),
            }
            json!(t)
        }
        Value::Number(n) => json!(n.as_u64().map_or(0, |n| n + 1)),
        Value::Bool(b) => json!(!b),
        _ => json!(format!("0x{}", "11".repeat(32))),
    }
}

fn deployment() -> zkbridge_light::client::evidence::DeploymentAnchor {
    let check = BlockCheck::try_from(&serde_json::from_str::<Value>(SAMPLE).unwrap()).unwrap();
    zkbridge_light::client::evidence::DeploymentAnchor { verifier: check.verifier, anchor: check.prev }
}

/// The sample block's burn, tracked to its mint (every endpoint of the destination shows `minted`) by a client whose
/// deployment knows the token (18 decimals): the step's verdict, with the mint stage and its reads in the evidence.
fn tracked_verdict(minted: Vec<Value>, endpoints: usize) -> (zkbridge_light::client::ClientVerdict, BridgeClient<Fake>) {
    use zkbridge_light::protocol::decode_mapping_ops;
    let fake = Fake::new(1, ok());
    let op = decode_mapping_ops(&fake.check.block.public_data).unwrap().first().cloned().unwrap();
    let tx = B256::repeat_byte(0xe1);
    let src = Behaviour { receipt: Some(burn_receipt(&op, tx, false)), ..ok() };
    let dst = Behaviour { minted, ..ok() };
    let (a, b) = if op.from_chain_id == 1 { (src, dst) } else { (dst, src) };
    let c = client(vec![a; endpoints], vec![b; endpoints]).with_tokens(std::collections::BTreeMap::from([(op.token_id, 18u8)]));
    let s = block_on(c.track_step(op.from_chain_id, tx, &[], None)).unwrap();
    (s.verdict.expect("the step judged the block"), c)
}

#[test]
fn a_tracked_burns_verdict_carries_the_mint_stage_and_its_reads() {
    use zkbridge_light::client::{evidence::Anchored, verify_evidence, EvidenceBundle};
    use zkbridge_light::protocol::decode_mapping_ops;
    let fake = Fake::new(1, ok());
    let op = decode_mapping_ops(&fake.check.block.public_data).unwrap().first().cloned().unwrap();
    let full = u64::try_from(op.amount).unwrap();
    let (v, c) = tracked_verdict(vec![minted_log(&op, full)], 2);
    let names: Vec<_> = v.verdict.stages.iter().map(|s| serde_json::to_value(s.stage).unwrap()).collect();
    assert_eq!(names, ["reads", "commit", "zkVerify", "consensus", "execute", "mint"]);
    assert!(v.verdict.approved && v.mint.as_ref().unwrap().tx_hash == B256::repeat_byte(0x77));
    assert_eq!(v.reads.len(), 6, "four block reads and the destination's two mint reads");
    let bundle = EvidenceBundle::try_from(&bundle_of(&v)).unwrap();
    assert!(bundle.evidence.mint.is_some());
    let offline = verify_evidence(&bundle, Some(&deployment())).unwrap();
    assert!(offline.agrees && offline.anchored == Anchored::Key, "{:?}", offline.differences);
    // Online: the chains still show the mint as recorded.
    let again = block_on(c.recheck(&bundle, &deployment())).unwrap();
    assert!(again.agrees && again.anchored == Anchored::Chains, "{:?}", again.differences);
    // Negative twins: a destination whose endpoints now show another mint; a deployment with another bridge or decimals.
    let (_, other) = tracked_verdict(vec![minted_log(&op, full - 1)], 2);
    let again = block_on(other.recheck(&bundle, &deployment())).unwrap();
    assert!(!again.agrees && again.anchored == Anchored::Key);
    assert!(again.differences.iter().any(|d| d.contains("does not show the mint as recorded")), "{:?}", again.differences);
    // A bundle whose mint was judged with other decimals than the client's: offline it judges itself (and the amount no
    // longer pays), online the client says so.
    let mut six = bundle_of(&v);
    six["mint"]["decimals"] = json!(6);
    let six = EvidenceBundle::try_from(&six).unwrap();
    assert!(!verify_evidence(&six, Some(&deployment())).unwrap().agrees);
    let again = block_on(c.recheck(&six, &deployment())).unwrap();
    assert!(again.differences.iter().any(|d| d.contains("another bridge or decimals")), "{:?}", again.differences);
    // A log with a member that is not judged is refused.
    let mut extra = bundle_of(&v);
    extra["mint"]["logs"][0][0]["blockNumber"] = json!("0x5");
    assert_eq!(EvidenceBundle::try_from(&extra).unwrap_err().code(), "INVALID_INPUT");
    // A mint of another amount: the verdict's mint stage fails (MINT_MISMATCH) and it is not approved.
    let (bad, _) = tracked_verdict(vec![minted_log(&op, full - 1)], 1);
    assert!(!bad.verdict.approved && bad.mint.is_none());
    assert_eq!(codes(&bad), vec![("MINT_MISMATCH".to_owned(), Some(op.to_chain_id))]);
    // A mint without the burn it belongs to is not evidence.
    let mut orphan = bundle_of(&v);
    orphan.as_object_mut().unwrap().remove("burn");
    assert_eq!(EvidenceBundle::try_from(&orphan).unwrap_err().code(), "INVALID_INPUT");
}

#[test]
fn every_leaf_of_a_bundle_is_judged() {
    use zkbridge_light::protocol::decode_mapping_ops;
    let v = block_on(client(vec![ok(), ok()], vec![ok()]).verify(1, Some(2))).unwrap();
    every_leaf_is_judged(&bundle_of(&v), 150);
    // A tracked burn's bundle: its burn, its mint stage and the mint's reads and logs too.
    let fake = Fake::new(1, ok());
    let op = decode_mapping_ops(&fake.check.block.public_data).unwrap().first().cloned().unwrap();
    let (v, _) = tracked_verdict(vec![minted_log(&op, u64::try_from(op.amount).unwrap())], 2);
    every_leaf_is_judged(&bundle_of(&v), 200);
}

fn every_leaf_is_judged(bundle: &Value, at_least: usize) {
    use zkbridge_light::client::{evidence::Anchored, verify_evidence, EvidenceBundle};
    let bundle = bundle.clone();
    let d = deployment();
    let honest = verify_evidence(&EvidenceBundle::try_from(&bundle).unwrap(), Some(&d)).unwrap();
    assert!(honest.agrees && honest.anchored == Anchored::Key, "{:?}", honest.differences);
    assert_eq!(honest.key_hash, d.verifier.key_hash());
    let mut pointers = Vec::new();
    leaves(&bundle, String::new(), &mut pointers);
    assert!(pointers.len() > at_least, "{}", pointers.len());
    for pointer in &pointers {
        let mut edited = bundle.clone();
        let leaf = edited.pointer_mut(pointer).unwrap();
        *leaf = edit(leaf);
        for deployment in [None, Some(&d)] {
            let r = EvidenceBundle::try_from(&edited).map_err(ClientError::from).and_then(|b| verify_evidence(&b, deployment));
            assert!(!matches!(r, Ok(ref c) if c.agrees), "{pointer} edited: still agrees");
        }
    }
}

#[test]
fn a_bundle_is_anchored_to_the_deployment_key_and_anchor() {
    use zkbridge_light::client::{evidence::Anchored, verify_evidence, EvidenceBundle};
    let v = block_on(client(vec![ok()], vec![ok()]).verify(1, Some(2))).unwrap();
    let bundle = EvidenceBundle::try_from(&bundle_of(&v)).unwrap();
    // Without a deployment the bundle judges itself: anchored to nothing.
    assert_eq!(verify_evidence(&bundle, None).unwrap().anchored, Anchored::None);
    // A deployment with another key: FOREIGN_KEY, whatever the answers say.
    let own = zkbridge_light::Groth16Verifier::new(common::prover::setup(1, 7).vk).unwrap();
    let foreign = zkbridge_light::client::evidence::DeploymentAnchor { verifier: own, anchor: deployment().anchor };
    assert_eq!(verify_evidence(&bundle, Some(&foreign)).unwrap_err().code(), "FOREIGN_KEY");
    // Another genesis in the checkpoint's place, or an anchor after the checkpoint: FOREIGN_ANCHOR.
    let mut other = deployment();
    other.anchor.state_hash = B256::repeat_byte(3);
    assert_eq!(verify_evidence(&bundle, Some(&other)).unwrap_err().code(), "FOREIGN_ANCHOR");
    let mut later = deployment();
    later.anchor.block_number = 5;
    assert_eq!(verify_evidence(&bundle, Some(&later)).unwrap_err().code(), "FOREIGN_ANCHOR");
    // The deployment's own: anchored to its key.
    assert_eq!(verify_evidence(&bundle, Some(&deployment())).unwrap().anchored, Anchored::Key);
    // Asked again, chains that store blocks 0 and 1 as recorded: anchored to the chains.
    let again = block_on(client(vec![ok(), ok()], vec![ok()]).recheck(&bundle, &deployment())).unwrap();
    assert!(again.agrees && again.anchored == Anchored::Chains, "{:?}", again.differences);
    // Its negative twins: an endpoint of chain 2 that stores another root, or chain 1 another block 0: not anchored.
    let liar = Behaviour { root: Some(B256::repeat_byte(9)), rehash: true, ..ok() };
    let again = block_on(client(vec![ok()], vec![ok(), liar]).recheck(&bundle, &deployment())).unwrap();
    assert!(!again.agrees && again.anchored == Anchored::Key);
    assert!(again.differences.iter().any(|d| d.starts_with("chain 2, chain2-ep1")), "{:?}", again.differences);
    let moved = Behaviour { prev_hash: Some(B256::repeat_byte(4)), ..ok() };
    let again = block_on(client(vec![moved], vec![ok()]).recheck(&bundle, &deployment())).unwrap();
    assert!(!again.agrees && again.anchored == Anchored::Key, "{:?}", again.differences);
}

#[test]
fn a_verified_block_judged_again_is_not_paired_again() {
    use zkbridge_light::client::{verify_evidence, EvidenceBundle};
    let later = std::rc::Rc::new(Cell::new(None));
    let b = Behaviour { proof_later: Some(later.clone()), ..ok() };
    let c = client(vec![ok()], vec![b]);
    let v = block_on(c.verify(1, Some(2))).unwrap();
    assert!(v.verdict.approved);
    assert_eq!(c.pairings(), 1);
    // Judged again on fresh reads: every stage, the same verdict, no second pairing.
    let again = block_on(c.verify(1, Some(2))).unwrap();
    assert_eq!(again.verdict, v.verdict);
    assert_eq!(c.pairings(), 1);
    // Its bundle is judged offline with the pairing, to the same verdict.
    assert!(verify_evidence(&EvidenceBundle::try_from(&bundle_of(&again)).unwrap(), None).unwrap().agrees);
    // Negative twin: chain 2 now carries another proof for block 1: paired again (not the proof verified before), and
    // named (PROOF_MISMATCH beside chain 1's).
    let check = BlockCheck::try_from(&serde_json::from_str::<Value>(SAMPLE).unwrap()).unwrap();
    let mut swapped = check.proof.clone();
    std::mem::swap(&mut swapped.a, &mut swapped.c);
    later.set(Some(zkbridge_light::groth16::encode_evm_proof(&swapped)));
    let changed = block_on(c.verify(1, Some(2))).unwrap();
    assert!(!changed.verdict.approved);
    assert_eq!(codes(&changed), vec![("PROOF_MISMATCH".to_owned(), Some(2))]);
    // The first chain's proof is still the one verified: not paired again either.
    assert_eq!(c.pairings(), 1);
    // When the proof judged (the first chain's) is another one, it is paired again: and this one does not verify.
    let first = std::rc::Rc::new(Cell::new(None));
    let c = client(vec![Behaviour { proof_later: Some(first.clone()), ..ok() }], vec![ok()]);
    assert!(block_on(c.verify(1, Some(2))).unwrap().verdict.approved);
    first.set(Some(zkbridge_light::groth16::encode_evm_proof(&swapped)));
    let changed = block_on(c.verify(1, Some(2))).unwrap();
    assert_eq!(c.pairings(), 2);
    assert!(codes(&changed).contains(&("PROOF_INVALID".to_owned(), None)), "{:?}", codes(&changed));
}

#[test]
fn every_chain_proof_and_the_checkpoint_are_compared() {
    // Chain 2 carries another (well-formed) proof: PROOF_MISMATCH naming chain 2.
    let check = BlockCheck::try_from(&serde_json::from_str::<Value>(SAMPLE).unwrap()).unwrap();
    let mut swapped = check.proof.clone();
    std::mem::swap(&mut swapped.a, &mut swapped.c);
    let other = zkbridge_light::groth16::encode_evm_proof(&swapped);
    let v = block_on(client(vec![ok()], vec![Behaviour { proof: Some(other), ..ok() }]).verify(1, None)).unwrap();
    assert!(!v.verdict.approved);
    assert_eq!(codes(&v), vec![("PROOF_MISMATCH".to_owned(), Some(2))]);
    // The first chain no longer stores block 0 as the checkpoint says: CHECKPOINT_MISMATCH, and the block does not link.
    let c = client(vec![Behaviour { prev_hash: Some(B256::repeat_byte(4)), ..ok() }], vec![ok()]);
    let v = block_on(c.verify(1, None)).unwrap();
    assert_eq!(codes(&v), vec![("CHECKPOINT_MISMATCH".to_owned(), Some(1))]);
    assert_eq!(c.verified_range(), (0, 0));
    // Negative twin: the same chains with the honest proof and hash approve, and link.
    let c = client(vec![ok()], vec![ok()]);
    assert!(block_on(c.verify(1, None)).unwrap().verdict.approved);
    assert_eq!(c.verified_range(), (0, 1));
}

#[test]
fn sync_reaches_the_latest_block_proven_everywhere_and_then_has_nothing_new() {
    let c = client(vec![ok()], vec![ok()]);
    assert_eq!(block_on(c.sync_target()).unwrap(), 1);
    let v = block_on(c.sync()).unwrap().expect("block 1 is new");
    assert!(v.verdict.approved, "{v:#?}");
    assert_eq!(c.verified_range(), (0, 1));
    assert!(block_on(c.sync()).unwrap().is_none());
    // Its negative twin: a chain that times out on every try makes sync fail with RPC_TIMEOUT, nothing verified.
    let c = client(vec![Behaviour { timeouts: 100, ..ok() }], vec![ok()]);
    let e = block_on(c.sync()).unwrap_err();
    assert_eq!(e.code(), "RPC_TIMEOUT");
    assert_eq!(c.verified_range(), (0, 0));
}

#[test]
fn a_checkpoint_is_used_only_when_every_chain_stores_it() {
    let c = client(vec![ok(), ok()], vec![ok()]);
    block_on(c.verify(1, None)).unwrap();
    let cp = c.checkpoint().unwrap().clone();
    assert_eq!(cp.block_number, 1);
    assert!(block_on(c.checkpoint_matches(&cp)).unwrap());
    // Any field changed: the first chain's stored block differs.
    let mut edited = cp.clone();
    edited.timestamp += U256::from(1u8);
    assert!(!block_on(c.checkpoint_matches(&edited)).unwrap());
    // A chain that stores another sync hash (or, on one endpoint of two, another root) refuses it.
    let other = client(vec![ok()], vec![Behaviour { sync_hash: Some(B256::repeat_byte(5)), ..ok() }]);
    assert!(!block_on(other.checkpoint_matches(&cp)).unwrap());
    let split = client(vec![ok(), Behaviour { root: Some(B256::repeat_byte(6)), rehash: true, ..ok() }], vec![ok()]);
    assert!(!block_on(split.checkpoint_matches(&cp)).unwrap());
    // The genesis block is the deployment's anchor, never a checkpoint to check.
    let genesis = StoredBlockInfo { block_number: 0, ..cp.clone() };
    assert_eq!(block_on(c.checkpoint_matches(&genesis)).unwrap_err().code(), "BLOCK_NOT_FOUND");
}

#[test]
fn the_block_of_a_burn_is_found_in_commit_calldata() {
    use zkbridge_light::client::track::block_with_op;
    use zkbridge_light::protocol::{decode_mapping_ops, Burn};
    let fake = Fake::new(1, ok());
    let ops = decode_mapping_ops(&fake.check.block.public_data).unwrap();
    let op = ops.first().expect("the sample block carries a burn").clone();
    let Ok(Value::Object(tx)) = fake
        .answer("eth_getTransactionByHash", &json!([B256::repeat_byte(0xc0)]))
        .map(|v| Value::Object(v.as_object().unwrap().clone()))
    else {
        panic!()
    };
    let input = alloy_primitives::hex::decode(tx["input"].as_str().unwrap().trim_start_matches("0x")).unwrap();
    assert_eq!(block_with_op(&input, &Burn(op.clone())), Some(1));
    // Negative twins: another nonce is another burn; the proof's calldata is not a commitBlocks call.
    assert_eq!(block_with_op(&input, &Burn(zkbridge_light::protocol::MappingOp { nonce: op.nonce + 1, ..op.clone() })), None);
    let Ok(proof_tx) = fake.answer("eth_getTransactionByHash", &json!([B256::repeat_byte(0xd0)])) else { panic!() };
    let proof_input = alloy_primitives::hex::decode(proof_tx["input"].as_str().unwrap().trim_start_matches("0x")).unwrap();
    assert_eq!(block_with_op(&proof_input, &Burn(op)), None);
}

#[test]
fn a_mint_is_judged_against_the_burn() {
    use zkbridge_light::client::judge::Read;
    use zkbridge_light::client::mapping_op_hash;
    use zkbridge_light::client::track::{judge_mint, MintLog};
    use zkbridge_light::protocol::MappingOp;
    let op = MappingOp {
        from_chain_id: 1,
        to_chain_id: 2,
        owner: Address::repeat_byte(1),
        to: Address::repeat_byte(2),
        token_id: 1,
        amount: 12_500_000_000_000_000_000,
        fee: 0,
        nonce: 3,
        withdraw_fee: 0,
    };
    let dest = Address::repeat_byte(0xb2);
    let honest = MintLog {
        address: dest,
        removed: false,
        tx_hash: B256::repeat_byte(7),
        op_hash: mapping_op_hash(&op),
        to: op.to,
        token_id: 1,
        amount: U256::from(12_500_000u64),
    };
    let read =
        |i: u8| Read { chain_id: 2, endpoint: format!("ep{i}"), evm_block_number: 9, evm_block_hash: B256::repeat_byte(i) };
    let judge = |logs: Vec<Vec<MintLog>>| {
        let reads = (0..logs.len() as u8).map(read).collect::<Vec<_>>();
        judge_mint(&op, Some(6), dest, &reads, &logs)
    };
    let c = judge(vec![vec![honest.clone()], vec![honest.clone()]]);
    let stage = c.stage.clone().unwrap();
    assert!(stage.ok, "{stage:?}");
    assert_eq!(c.mint.as_ref().unwrap().amount, U256::from(12_500_000u64));
    assert_eq!(serde_json::to_value(&c).unwrap()["stage"]["stage"], "mint");
    // Not minted yet: no stage.
    assert!(judge(vec![vec![], vec![]]).stage.is_none());
    // Every lie is MINT_MISMATCH; endpoints that differ are RPC_DISAGREEMENT.
    let lies = [
        MintLog { address: Address::repeat_byte(0xee), ..honest.clone() },
        MintLog { removed: true, ..honest.clone() },
        MintLog { amount: U256::from(999u64), ..honest.clone() },
        MintLog { to: Address::repeat_byte(0xde), ..honest.clone() },
        MintLog { op_hash: B256::repeat_byte(1), ..honest.clone() },
        MintLog { token_id: 2, ..honest.clone() },
    ];
    for lie in lies {
        let c = judge(vec![vec![lie.clone()]]);
        let stage = c.stage.unwrap();
        assert!(!stage.ok && c.mint.is_none(), "{lie:?}");
        assert!(stage.codes.iter().all(|f| f.code == "MINT_MISMATCH"), "{stage:?}");
    }
    let twice = judge(vec![vec![honest.clone(), honest.clone()]]).stage.unwrap();
    assert!(!twice.ok && twice.codes.iter().any(|f| f.code == "MINT_MISMATCH"));
    let split = judge(vec![vec![honest.clone()], vec![]]).stage.unwrap();
    assert!(!split.ok && split.codes.iter().any(|f| f.code == "RPC_DISAGREEMENT"));
    // A token the deployment does not know: its amount cannot be judged.
    assert!(!judge_mint(&op, None, dest, &[read(0)], &[vec![honest]]).stage.unwrap().ok);
}

#[test]
fn stored_records_keep_only_what_the_core_rules_allow() {
    use zkbridge_light::client::track::clean_record;
    let check = BlockCheck::try_from(&serde_json::from_str::<Value>(SAMPLE).unwrap()).unwrap();
    let cp = serde_json::to_value(&check.prev).unwrap();
    let tx = format!("0x{}", "ab".repeat(32));
    let anchor = format!("0x{}", "cd".repeat(32));
    // An honest record is kept as it is.
    let honest = json!({ "format": 1, "anchorHash": anchor, "checkpoint": cp,
        "burns": [{ "chainId": 1, "txHash": tx, "status": "minted", "blockNumber": 3, "mintTx": tx }] });
    assert_eq!(clean_record(&honest, &[1, 2]), honest);
    // Each rule, broken once: the burn or the checkpoint is dropped, never believed.
    let burn = |b: Value| clean_record(&json!({ "format": 1, "burns": [b] }), &[1, 2])["burns"].clone();
    assert_eq!(burn(json!({ "chainId": 9, "txHash": tx })), json!([]), "a chain not in the deployment");
    assert_eq!(burn(json!({ "chainId": 1, "txHash": "0x12" })), json!([]), "not a 32-byte hash");
    assert_eq!(burn(json!({ "chainId": "1", "txHash": tx })), json!([]), "a chain id as text");
    assert_eq!(burn(json!({ "chainId": 1, "txHash": tx, "status": "saved" })), json!([]), "an unknown status");
    assert_eq!(
        burn(json!({ "chainId": 1, "txHash": tx, "symbol": "<img onerror=x>", "amount": "1e30" })),
        json!([{ "chainId": 1, "txHash": tx, "status": "pending" }]),
        "extra members are dropped"
    );
    let no_list = clean_record(&json!({ "format": 1, "burns": { "0": { "chainId": 1, "txHash": tx } } }), &[1]);
    assert_eq!(no_list["burns"], json!([]));
    let mut bad_cp = honest.clone();
    bad_cp["checkpoint"]["syncHash"] = json!("0x12");
    let c = clean_record(&bad_cp, &[1, 2]);
    assert!(c.get("checkpoint").is_none() && c.get("anchorHash").is_none());
    assert_eq!(c["discarded"], json!("it does not parse (INVALID_LENGTH)"));
    let mut no_anchor = honest.clone();
    no_anchor.as_object_mut().unwrap().remove("anchorHash");
    assert_eq!(clean_record(&no_anchor, &[1, 2])["discarded"], json!("it was not verified from this client's anchor"));
    // Another format, or not a record at all: nothing kept.
    let mut other = honest.clone();
    other["format"] = json!(2);
    assert_eq!(clean_record(&other, &[1, 2]), json!({ "format": 1, "burns": [] }));
    assert_eq!(clean_record(&json!([1, 2]), &[1, 2]), json!({ "format": 1, "burns": [] }));
}

#[test]
fn reads_are_pinned_confirmations_behind_the_head() {
    // The endpoints' head is 0x10: by default every read is pinned there; with 3 confirmations, at 0x0d.
    let v = block_on(client(vec![ok()], vec![ok()]).verify(1, None)).unwrap();
    assert!(v.reads.iter().all(|r| r.evm_block_number == 16), "{:?}", v.reads);
    let v = block_on(client(vec![ok()], vec![ok()]).with_confirmations(3).verify(1, None)).unwrap();
    assert!(v.verdict.approved);
    assert!(v.reads.iter().all(|r| r.evm_block_number == 13), "{:?}", v.reads);
    // More confirmations than blocks: pinned at 0, never below.
    let v = block_on(client(vec![ok()], vec![ok()]).with_confirmations(99).verify(1, None)).unwrap();
    assert!(v.reads.iter().all(|r| r.evm_block_number == 0));
}

/// A `NewPriorityRequest` log of the fake bridge carrying `op`, sent by `sender` in EVM block `at`.
fn request_log(op: &zkbridge_light::protocol::MappingOp, sender: Address, at: u64, tx: u8) -> Value {
    let ev = IBridgeView::NewPriorityRequest {
        sender,
        serialId: at,
        opType: zkbridge_light::protocol::MAPPING,
        pubData: zkbridge_light::protocol::encode_mapping_op(op).to_vec().into(),
        expirationBlock: U256::from(at + 40_320),
    };
    json!({ "address": bridge(), "topics": [IBridgeView::NewPriorityRequest::SIGNATURE_HASH], "removed": false,
        "data": format!("0x{}", alloy_primitives::hex::encode(ev.encode_data())), "blockNumber": format!("{at:#x}"),
        "transactionHash": B256::repeat_byte(tx) })
}

/// A `MappingMinted` log of the fake bridge for `op`, paying `amount` token units.
fn minted_log(op: &zkbridge_light::protocol::MappingOp, amount: u64) -> Value {
    let word = |v: U256| format!("{:#066x}", v);
    json!({ "address": bridge(), "removed": false, "transactionHash": B256::repeat_byte(0x77),
        "topics": [IBridgeView::MappingMinted::SIGNATURE_HASH, zkbridge_light::client::mapping_op_hash(op), op.to.into_word()],
        "data": format!("0x{}{}", &word(U256::from(op.token_id))[2..], &word(U256::from(amount))[2..]) })
}

#[test]
fn find_burns_lists_what_an_address_sent_and_received_with_the_status_of_each_mint() {
    use zkbridge_light::protocol::MappingOp;
    let (alice, bob, carol) = (Address::repeat_byte(0xa1), Address::repeat_byte(0xb0), Address::repeat_byte(0xc4));
    let op = |owner: Address, to: Address, nonce: u32| MappingOp {
        from_chain_id: 1,
        to_chain_id: 2,
        owner,
        to,
        token_id: 1,
        amount: 12_500_000_000_000_000_000,
        fee: 0,
        nonce,
        withdraw_fee: 0,
    };
    let (sent, received, other) = (op(alice, bob, 0), op(carol, alice, 1), op(carol, bob, 2));
    let requests =
        vec![request_log(&sent, alice, 3, 0xe1), request_log(&received, carol, 7, 0xe2), request_log(&other, carol, 12, 0xe3)];
    let pages = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let source = Behaviour { requests: requests.clone(), pages: Some(pages.clone()), ..ok() };
    let dest = |amount: u64| Behaviour { minted: vec![minted_log(&sent, amount)], ..ok() };
    let tokens = std::collections::BTreeMap::from([(1u16, 6u8)]);
    let find = |a: Vec<Behaviour>, b: Vec<Behaviour>, who: Address| {
        block_on(client(a, b).with_tokens(tokens.clone()).find_burns(who, None, 5))
    };

    let found = find(vec![source.clone(), source.clone()], vec![dest(12_500_000), dest(12_500_000)], alice).unwrap();
    let summary: Vec<_> = found.iter().map(|f| (f.tx_hash, f.sent, f.received, f.status, f.evm_block_number)).collect();
    assert_eq!(
        summary,
        vec![(B256::repeat_byte(0xe1), true, false, "minted", 3), (B256::repeat_byte(0xe2), false, true, "pending", 7)]
    );
    assert_eq!(found[0].mint.as_ref().unwrap().amount, U256::from(12_500_000u64));
    assert_eq!(found[0].op, sent);
    // Read in pages of 5 blocks from the deployment block (0) to the pinned head (0x10), on both endpoints of chain 1.
    let want: Vec<(u64, u64)> = [(0, 4), (5, 9), (10, 14), (15, 16)].repeat(2);
    assert_eq!(*pages.borrow(), want);
    let v = serde_json::to_value(&found[0]).unwrap();
    assert_eq!(
        (v["chainId"].clone(), v["status"].clone(), v["mint"]["amount"].clone()),
        (json!(1), json!("minted"), json!("12500000"))
    );

    // Negative twins: nobody's burns; a mint of another amount; endpoints that differ; a log that was not asked for.
    assert!(find(vec![source.clone()], vec![dest(12_500_000)], Address::repeat_byte(0x99)).unwrap().is_empty());
    let lie = find(vec![source.clone()], vec![dest(999)], alice).unwrap();
    assert_eq!(lie[0].status, "failed");
    assert!(lie[0].mint.is_none() && lie[0].findings.iter().all(|f| f.code == "MINT_MISMATCH") && !lie[0].findings.is_empty());
    let short = Behaviour { requests: requests[1..].to_vec(), ..ok() };
    let e = find(vec![source.clone(), short], vec![dest(12_500_000)], alice).unwrap_err();
    assert_eq!(e.code(), "RPC_ERROR", "{e}");
    assert!(e.to_string().contains("eth_getLogs") && e.to_string().contains("chain1-ep1"), "{e}");
    let mut foreign = requests[0].clone();
    foreign["address"] = json!(Address::repeat_byte(0xee));
    let e = find(vec![Behaviour { requests: vec![foreign], ..ok() }], vec![dest(1)], alice).unwrap_err();
    assert_eq!(e.code(), "RPC_ERROR", "{e}");
    let mut garbled = requests[0].clone();
    garbled["data"] = json!("0x1234");
    let e = find(vec![Behaviour { requests: vec![garbled], ..ok() }], vec![dest(1)], alice).unwrap_err();
    assert!(e.to_string().contains("NewPriorityRequest"), "{e}");
}

/// The receipt of a burn of `op` (status 0x1 unless `failed`), mined in EVM block 5.
fn burn_receipt(op: &zkbridge_light::protocol::MappingOp, tx: B256, failed: bool) -> Value {
    let log = request_log(op, op.owner, 5, 0);
    json!({ "transactionHash": tx, "status": if failed { "0x0" } else { "0x1" }, "blockNumber": "0x5",
        "blockHash": B256::repeat_byte(0x55), "logs": [{ "address": log["address"], "topics": log["topics"], "data": log["data"] }] })
}

#[test]
fn track_step_reports_each_stage_once_and_keeps_the_burn_with_its_status() {
    use zkbridge_light::protocol::decode_mapping_ops;
    let fake = Fake::new(1, ok());
    let op =
        decode_mapping_ops(&fake.check.block.public_data).unwrap().first().cloned().expect("the sample block carries a burn");
    let tx = B256::repeat_byte(0xe1);
    let with = |receipt: Option<Value>, amount: u64| {
        let src = Behaviour { receipt, ..ok() };
        let dst = Behaviour { minted: vec![minted_log(&op, amount)], ..ok() };
        let (a, b) = if op.from_chain_id == 1 { (src, dst) } else { (dst, src) };
        client(vec![a], vec![b]).with_tokens(std::collections::BTreeMap::from([(op.token_id, 18u8)]))
    };
    let full = u64::try_from(op.amount).unwrap();
    let stages = |s: &zkbridge_light::client::track::TrackStep| s.events.iter().map(|e| e.stage).collect::<Vec<_>>();

    // Not mined yet: waiting for the receipt, kept pending.
    let c = with(None, full);
    let s = block_on(c.track_step(op.from_chain_id, tx, &[], None)).unwrap();
    assert_eq!((stages(&s), s.status, s.done), (vec!["waiting"], "pending", false));
    assert_eq!(s.record, json!({ "status": "pending" }));

    // Mined, committed, proven, synchronized, executed and minted: every stage once, in order.
    let c = with(Some(burn_receipt(&op, tx, false)), full);
    let s = block_on(c.track_step(op.from_chain_id, tx, &[], None)).unwrap();
    assert_eq!(stages(&s), ["burned", "committed", "proven", "synchronized", "synchronized", "executed", "minted"]);
    assert_eq!((s.status, s.done, s.block_number), ("minted", true, Some(1)));
    assert_eq!(s.record, json!({ "status": "minted", "blockNumber": 1, "mintTx": B256::repeat_byte(0x77) }));
    assert_eq!(s.events[0].op.as_ref(), Some(&op));
    // Asked again with what was reached: nothing is reported twice.
    let again = block_on(c.track_step(op.from_chain_id, tx, &s.reached, None)).unwrap();
    assert!(again.events.is_empty() && again.status == "minted", "{:?}", again.events);

    // Negative twins: a mint of another amount fails the burn (kept, with the code); a reverted transaction is no burn;
    // a lying root on the destination stops it before `synchronized`.
    let c = with(Some(burn_receipt(&op, tx, false)), full - 1);
    let s = block_on(c.track_step(op.from_chain_id, tx, &[], None)).unwrap();
    assert_eq!((s.status, stages(&s).last().copied()), ("failed", Some("failed")));
    assert_eq!(s.record["codes"], json!(["MINT_MISMATCH"]));
    let given_up = |s: &zkbridge_light::client::track::TrackStep| {
        assert_eq!((s.status, s.done, s.record["codes"].clone()), ("failed", true, json!([s.error.as_ref().unwrap()["code"]])));
        s.error.as_ref().map(|e| e["code"].as_str().unwrap().to_owned())
    };
    let c = with(Some(burn_receipt(&op, tx, true)), full);
    let s = block_on(c.track_step(op.from_chain_id, tx, &[], None)).unwrap();
    assert_eq!(given_up(&s).as_deref(), Some("TX_REVERTED"));
    let mut no_burn = burn_receipt(&op, tx, false);
    no_burn["logs"] = json!([]);
    let s = block_on(with(Some(no_burn), full).track_step(op.from_chain_id, tx, &[], None)).unwrap();
    assert_eq!(given_up(&s).as_deref(), Some("NO_BURN_IN_RECEIPT"));
    // Never on the chain: known to no endpoint 30 minutes after it was sent, it fails (TX_NOT_FOUND), with its time kept;
    // a minute earlier, without a clock, or while an endpoint holds it in its pool, it waits.
    let sent = 1_700_000_000_000u64;
    let late = Some((sent, sent + zkbridge_light::client::track::NOT_SEEN_MS + 60_000));
    let s = block_on(with(None, full).track_step(op.from_chain_id, tx, &[], late)).unwrap();
    assert_eq!(given_up(&s).as_deref(), Some("TX_NOT_FOUND"));
    assert_eq!(s.record["sentAt"], json!(sent));
    let early = Some((sent, sent + zkbridge_light::client::track::NOT_SEEN_MS - 60_000));
    for clock in [early, None] {
        let s = block_on(with(None, full).track_step(op.from_chain_id, tx, &[], clock)).unwrap();
        assert_eq!((s.status, s.done), ("pending", false));
    }
    let pooled = Behaviour { pooled: true, ..ok() };
    let (a, b) = if op.from_chain_id == 1 { (pooled, ok()) } else { (ok(), pooled) };
    let s = block_on(client(vec![a], vec![b]).track_step(op.from_chain_id, tx, &[], late)).unwrap();
    assert_eq!((s.status, s.record["sentAt"].clone()), ("pending", json!(sent)));
    let liar = Behaviour { root: Some(B256::repeat_byte(0xab)), rehash: true, ..ok() };
    let src = Behaviour { receipt: Some(burn_receipt(&op, tx, false)), ..ok() };
    let (a, b) = if op.from_chain_id == 1 { (src, liar) } else { (liar, src) };
    let s = block_on(client(vec![a], vec![b]).track_step(op.from_chain_id, tx, &[], None)).unwrap();
    assert_eq!(s.status, "failed");
    assert!(!stages(&s).contains(&"synchronized"), "{:?}", stages(&s));
    assert!(s.events.last().unwrap().codes.iter().any(|f| f.code == "ROOT_MISMATCH"), "{:?}", s.events.last());
}

#[test]
fn calls_of_one_client_run_side_by_side() {
    use zkbridge_light::protocol::decode_mapping_ops;
    let fake = Fake::new(1, ok());
    let op = decode_mapping_ops(&fake.check.block.public_data).unwrap().first().cloned().unwrap();
    let tx = B256::repeat_byte(0xe1);
    let src =
        Behaviour { receipt: Some(burn_receipt(&op, tx, false)), requests: vec![request_log(&op, op.owner, 5, 0xe1)], ..ok() };
    let dst = Behaviour { minted: vec![minted_log(&op, u64::try_from(op.amount).unwrap())], ..ok() };
    let (a, b) = if op.from_chain_id == 1 { (src, dst) } else { (dst, src) };
    let c = client(vec![a.clone(), a], vec![b.clone(), b]).with_tokens(std::collections::BTreeMap::from([(op.token_id, 18u8)]));
    // verify, a tracked burn's step and findBurns at once on one client: polled in turn until all are done.
    let mut verify = pin!(c.verify(1, None));
    let mut step = pin!(c.track_step(op.from_chain_id, tx, &[], None));
    let mut find = pin!(c.find_burns(op.to, None, 100));
    let mut cx = Context::from_waker(Waker::noop());
    let (mut v, mut s, mut f) = (None, None, None);
    let mut turns = 0;
    while v.is_none() || s.is_none() || f.is_none() {
        turns += 1;
        if v.is_none() {
            if let Poll::Ready(r) = verify.as_mut().poll(&mut cx) {
                v = Some(r);
            }
        }
        if s.is_none() {
            if let Poll::Ready(r) = step.as_mut().poll(&mut cx) {
                s = Some(r);
            }
        }
        if f.is_none() {
            if let Poll::Ready(r) = find.as_mut().poll(&mut cx) {
                f = Some(r);
            }
        }
    }
    assert!(turns > 10, "the calls did interleave ({turns} turns)");
    assert!(v.unwrap().unwrap().verdict.approved);
    assert_eq!(s.unwrap().unwrap().status, "minted");
    assert_eq!(f.unwrap().unwrap().len(), 1);
    assert_eq!(c.verified_range(), (0, 1));
}

#[test]
fn a_stored_checkpoint_is_tried_only_when_verified_from_this_anchor_and_after_it() {
    use zkbridge_light::client::track::{clean_record, resume_from, with_checkpoint};
    let anchor = StoredBlockInfo { block_number: 5, ..StoredBlockInfo::default() };
    let cp = StoredBlockInfo { block_number: 9, ..StoredBlockInfo::default() };
    let empty = json!({ "format": 1, "burns": [] });
    assert_eq!(resume_from(&empty, &anchor), Ok(None));
    let rec = with_checkpoint(&empty, &anchor, &cp);
    assert_eq!(resume_from(&rec, &anchor), Ok(Some(cp.clone())));
    // What the cleaned record keeps reads back the same.
    let cleaned = clean_record(&serde_json::from_str(&rec.to_string()).unwrap(), &[1, 2]);
    assert_eq!(resume_from(&cleaned, &anchor), Ok(Some(cp.clone())));
    // An earlier checkpoint never replaces a later one of the same anchor; a later one does.
    let earlier = StoredBlockInfo { block_number: 7, ..StoredBlockInfo::default() };
    assert_eq!(resume_from(&with_checkpoint(&rec, &anchor, &earlier), &anchor), Ok(Some(cp.clone())));
    let later = StoredBlockInfo { block_number: 12, ..StoredBlockInfo::default() };
    assert_eq!(resume_from(&with_checkpoint(&rec, &anchor, &later), &anchor), Ok(Some(later)));
    // Negative twins: another anchor; a checkpoint not after the anchor; a reason the record rules gave.
    let other = StoredBlockInfo { block_number: 5, state_hash: B256::repeat_byte(1), ..StoredBlockInfo::default() };
    assert_eq!(resume_from(&rec, &other), Err("it was not verified from this client's anchor".into()));
    let at = with_checkpoint(&empty, &anchor, &anchor);
    assert_eq!(resume_from(&at, &anchor), Err("it is not after the anchor".into()));
    let mut forged = rec.clone();
    forged["anchorHash"] = json!(B256::repeat_byte(2));
    assert!(resume_from(&forged, &anchor).is_err());
    assert_eq!(
        resume_from(&json!({ "discarded": "it does not parse (INVALID_HEX)" }), &anchor),
        Err("it does not parse (INVALID_HEX)".into())
    );
}

#[path = "common/mem_chain.rs"]
mod mem_chain;

#[test]
fn a_client_keeps_its_anchor_and_the_last_kept_blocks_only() {
    // KEPT_BLOCKS + 300 blocks, followed one sync at a time in steps of 100. Each of the last KEPT_BLOCKS blocks is judged
    // again at once (its previous block is kept: no pairing); an older one by walking again from the anchor, every block
    // up to it paired again (so it was dropped: memory stays fixed), and the client goes on from there.
    use zkbridge_light::client::KEPT_BLOCKS;
    let n = KEPT_BLOCKS + 300;
    let world = std::rc::Rc::new(mem_chain::world(n, 1, 5));
    let c = mem_chain::client(&world, 1);
    let mut h = 0;
    while h < n {
        h = (h + 100).min(n);
        world.height.set(h);
        assert!(block_on(c.sync()).unwrap().unwrap().verdict.approved);
    }
    assert_eq!(c.verified_range(), (0, n));
    assert_eq!(c.pairings(), n);
    for k in [n, n - 1, n - KEPT_BLOCKS + 1] {
        assert!(block_on(c.verify(k, Some(2))).unwrap().verdict.approved, "block {k}");
        assert_eq!(c.pairings(), n, "block {k} is judged again without pairing");
    }
    // Block 10: walked again from the anchor (blocks 1 to 10 paired again), approved.
    let v = block_on(c.verify(10, Some(2))).unwrap();
    assert!(v.verdict.approved);
    assert_eq!(c.pairings(), n + 10);
    assert_eq!(c.verified_range(), (0, 10));
    // And it goes on from there (sync() would walk up to n again).
    assert!(block_on(c.verify(20, Some(2))).unwrap().verdict.approved);
    assert_eq!(c.pairings(), n + 20);
    assert_eq!(c.verified_range(), (0, 20));
    assert_eq!(c.checkpoint().unwrap().block_number, 20);
    // Block 0 is the anchor itself.
    assert_eq!(block_on(c.verify(0, None)).unwrap_err().code(), "BLOCK_NOT_FOUND");
}

/// A node can show its state at an EVM block before it shows that block's logs (the devnet's anvil under load did: its
/// counters said proven while its `eth_getLogs` had no `BlockProven` log yet). Such answers are read again after the
/// backoff, and are an error only when they persist past the retries (`client()` retries twice: three readings).
#[test]
fn a_node_that_shows_a_block_before_its_logs_is_read_again_and_an_error_only_if_that_persists() {
    use zkbridge_light::protocol::decode_mapping_ops;
    let lagging = |logs_lag: u32| Behaviour { logs_lag, ..ok() };
    // verify: each reading of an answer asks for two logs (commit, proof); 4 empty answers spoil two readings, 5 all three.
    for lag in [1, 2, 4] {
        let v = block_on(client(vec![lagging(lag)], vec![ok()]).verify(1, None)).unwrap();
        assert!(v.verdict.approved, "lag {lag}");
    }
    let e = block_on(client(vec![lagging(5)], vec![ok()]).verify(1, None)).unwrap_err();
    assert_eq!(e.code(), "RPC_ERROR");
    assert!(e.to_string().contains("chain1-ep0") && e.to_string().contains("contradicts"), "{e}");

    // track: the source's second endpoint does not show the BlockCommitted log yet, so the endpoints point to different
    // blocks; read again, they agree (one reading per lagging log), and the burn is followed to its mint.
    let fake = Fake::new(1, ok());
    let op = decode_mapping_ops(&fake.check.block.public_data).unwrap().first().cloned().unwrap();
    let tx = B256::repeat_byte(0xe1);
    let full = u64::try_from(op.amount).unwrap();
    let track = |lag: u32, minted_lag: u32| {
        let src = Behaviour { receipt: Some(burn_receipt(&op, tx, false)), ..ok() };
        let dst = Behaviour { minted: vec![minted_log(&op, full)], ..ok() };
        let (src, dst) =
            (vec![src.clone(), Behaviour { logs_lag: lag, ..src }], vec![dst.clone(), Behaviour { minted_lag, ..dst }]);
        let (a, b) = if op.from_chain_id == 1 { (src, dst) } else { (dst, src) };
        let c = client(a, b).with_tokens(std::collections::BTreeMap::from([(op.token_id, 18u8)]));
        block_on(c.track_step(op.from_chain_id, tx, &[], None))
    };
    for lag in [1, 2] {
        let s = track(lag, 0).unwrap();
        assert_eq!((s.status, s.done), ("minted", true), "lag {lag}");
    }
    let e = track(3, 0).unwrap_err();
    assert_eq!(e.code(), "RPC_ERROR");
    assert!(e.to_string().contains("point to other blocks"), "{e}");
    // The mint: a destination endpoint that does not show the MappingMinted log yet is read again; one that never does is
    // judged as it answers (RPC_DISAGREEMENT: the burn fails, nothing is approved).
    let s = track(0, 2).unwrap();
    assert_eq!((s.status, s.done), ("minted", true));
    let s = track(0, 3).unwrap();
    assert_eq!(s.status, "failed");
    assert!(s.events.last().unwrap().codes.iter().any(|f| f.code == "RPC_DISAGREEMENT"), "{:?}", s.events.last());
}

/// One verify reads every chain and every endpoint side by side, in rounds: chain id and head; the EVM block, the counters
/// and the checkpoint's hash; then the stored block, its hash and the two log queries; then the two transactions. Every
/// in-memory answer comes one poll later, so the polls a verify takes count its rounds of requests (the requests
/// themselves are the same 14 per endpoint of the first chain, 13 on the other).
#[test]
fn a_verify_sends_its_reads_side_by_side_in_four_rounds() {
    let c = client(vec![ok(), ok()], vec![ok(), ok()]);
    fake::REQUESTS.with(|r| r.set(0));
    let mut verify = pin!(c.verify(1, None));
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    let v = loop {
        polls += 1;
        if let Poll::Ready(v) = verify.as_mut().poll(&mut cx) {
            break v.unwrap();
        }
    };
    assert!(v.verdict.approved);
    assert_eq!(polls, 5, "four rounds of requests and the poll that finds them done");
    assert_eq!(fake::REQUESTS.with(Cell::get), 2 * 14 + 2 * 13);
}
