//! The fuzz targets: one function per decoder or entry point that takes untrusted input, each `fn(&[u8])`. Every target
//! calls the same pure functions the library uses (the JS bindings are thin wrappers of them), must never panic on any
//! input, and asserts agreement wherever an oracle exists (decode → encode round trips, a batch verdict against single
//! verdicts, a judgement that is its own fixpoint). A failed assertion is a finding.
//!
//! Compiled twice: by `cargo fuzz` (`fuzz/fuzz_targets/*.rs`, `bash scripts/fuzz.sh`) and by the test command as plain
//! `#[test]`s that replay each target's seeds (`tests/fuzz.rs`). Plain Rust, no JS.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use serde_json::Value;
use std::sync::OnceLock;
use zkbridge_light::calldata::{self, BurnParams, Receipt};
use zkbridge_light::client::evidence::DeploymentAnchor;
use zkbridge_light::client::{self, ClientSetup, EvidenceBundle};
use zkbridge_light::groth16::{self, precompile, snarkjs, Groth16Verifier};
use zkbridge_light::protocol::{self, BlockCheck, BlocksCheck, MappingOp, Report, StoredBlockInfo};
use zkbridge_light::Coded;

#[path = "../tests/common/fake.rs"]
pub mod fake;

/// A fuzz target: any bytes in, a panic out only for a finding.
pub type Target = fn(&[u8]);

/// Every target by name.
pub const TARGETS: [(&str, Target); 14] = [
    ("snarkjs_json", snarkjs_json),
    ("evm_proof", evm_proof),
    ("evm_words", evm_words),
    ("precompile", precompile),
    ("pubdata", pubdata),
    ("block_check", block_check),
    ("blocks_check", blocks_check),
    ("chain_report", chain_report),
    ("rpc_answer", rpc_answer),
    ("evidence", evidence),
    ("burn_params", burn_params),
    ("receipt", receipt),
    ("stored_record", stored_record),
    ("client_transport", client_transport),
];

/// The devnet's block 1 on its genesis block, with its real proof (`devnet/samples/verify-block.json`).
pub const SAMPLE_BLOCK: &str = include_str!("../devnet/samples/verify-block.json");

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

fn json(data: &[u8]) -> Option<Value> {
    // The library's one reader of JSON text (depth- and size-bounded as the JS boundary reads it).
    zkbridge_light::json::parse_text(text(data)?).ok()
}

/// Every error carries a stable, non-empty code: what the JS boundary turns into `error.code`.
fn coded<E: Coded>(e: &E) {
    let code = e.code();
    assert!(!code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'), "code {code:?}");
}

/// The prepared key of the devnet sample (one public input), made once per process.
fn sample_verifier() -> &'static Groth16Verifier {
    static V: OnceLock<Groth16Verifier> = OnceLock::new();
    V.get_or_init(|| {
        let v: Value = serde_json::from_str(SAMPLE_BLOCK).unwrap();
        zkbridge_light::json::block_verifier(&v["vk"]).unwrap()
    })
}

/// `{ vk, proof, public }` in snarkjs JSON (each a value or JSON text): parse, verify, and round-trip what parses; a batch
/// of the proof twice gives the single verdict.
pub fn snarkjs_json(data: &[u8]) {
    let Some(v) = json(data) else { return };
    let field = |k: &str| v.get(k).cloned().unwrap_or(Value::Null);
    let vk = snarkjs::parse_vk(&field("vk"));
    let proof = snarkjs::parse_proof(&field("proof"));
    let public = snarkjs::parse_public_inputs(&field("public"));
    for e in [vk.as_ref().err(), proof.as_ref().err(), public.as_ref().err()].into_iter().flatten() {
        coded(e);
    }
    if let Ok(vk) = &vk {
        assert_eq!(&snarkjs::parse_vk(&snarkjs::vk_to_json(vk)).unwrap(), vk, "vk round trip");
    }
    if let Ok(p) = &proof {
        assert_eq!(&snarkjs::parse_proof(&snarkjs::proof_to_json(p)).unwrap(), p, "proof round trip");
        assert_eq!(&groth16::parse_evm_proof_bytes(&groth16::encode_evm_proof(p)).unwrap(), p, "EVM form round trip");
    }
    if let Ok(inputs) = &public {
        assert_eq!(&snarkjs::parse_public_inputs(&snarkjs::public_inputs_to_json(inputs)).unwrap(), inputs, "inputs round trip");
    }
    // The entry point the JS API calls, on the same three values.
    let whole = snarkjs::verify_groth16(&field("vk"), &field("proof"), &field("public"));
    if let Err(e) = &whole {
        coded(e);
    }
    let (Ok(vk), Ok(proof), Ok(inputs)) = (vk, proof, public) else {
        assert!(whole.is_err(), "verify_groth16 accepted what a part refuses");
        return;
    };
    let Ok(verifier) = Groth16Verifier::new(vk) else { return };
    let single = verifier.verify(&proof, &inputs);
    match (&single, &whole) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "verify_groth16 and the prepared verifier disagree"),
        (Err(a), Err(b)) => assert_eq!(a.code(), b.code()),
        _ => panic!("verify_groth16 {whole:?} against the prepared verifier {single:?}"),
    }
    if let Ok(one) = single {
        let items = vec![(proof.clone(), inputs.clone()), (proof, inputs)];
        assert_eq!(verifier.verify_batch(&items).unwrap(), one, "a batch of the same proof twice against one verify");
    }
}

/// 256 bytes of an EVM proof, then 32-byte public inputs: under the devnet key (one input); what parses re-encodes to the
/// same bytes, and the bytes and words entry points agree.
pub fn evm_proof(data: &[u8]) {
    let (proof_bytes, rest) = data.split_at(data.len().min(groth16::EVM_PROOF_BYTES));
    match groth16::parse_evm_proof_bytes(proof_bytes) {
        Ok(p) => assert_eq!(groth16::encode_evm_proof(&p).as_slice(), proof_bytes, "EVM proof round trip"),
        Err(e) => coded(&e),
    }
    let words: Vec<String> = rest.chunks(32).map(|c| format!("0x{}", alloy_primitives::hex::encode(c))).collect();
    let proof_words: Vec<String> = proof_bytes.chunks(32).map(|c| format!("0x{}", alloy_primitives::hex::encode(c))).collect();
    let v = sample_verifier();
    let by_bytes = v.verify_evm_bytes(proof_bytes, &words);
    let by_words = v.verify_evm_words(&proof_words, &words);
    if proof_bytes.len() == groth16::EVM_PROOF_BYTES {
        // The same 256 bytes as eight words: the same answer, or the same code.
        match (&by_bytes, &by_words) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "bytes and words disagree"),
            (Err(a), Err(b)) => assert_eq!(a.code(), b.code(), "bytes and words refuse differently"),
            _ => panic!("bytes {by_bytes:?}, words {by_words:?}"),
        }
    } else {
        // Any other length is refused as bytes, whatever it would be as (fewer or shorter) words.
        assert_eq!(by_bytes.as_ref().map_err(Coded::code), Err("INVALID_LENGTH"), "{} bytes", proof_bytes.len());
    }
    for e in [by_bytes.err(), by_words.err()].into_iter().flatten() {
        coded(&e);
    }
}

/// Whitespace- or comma-separated words: the first 8 a proof, the rest public inputs (`verifyEvm` with word arrays).
pub fn evm_words(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let words: Vec<&str> = t.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let (proof, inputs) = words.split_at(words.len().min(8));
    match groth16::parse_evm_proof_words(proof) {
        Ok(p) => {
            // Re-encoded and read again as words: the same proof.
            let bytes = groth16::encode_evm_proof(&p);
            let again: Vec<String> = bytes.chunks(32).map(|c| format!("0x{}", alloy_primitives::hex::encode(c))).collect();
            assert_eq!(groth16::parse_evm_proof_words(&again).unwrap(), p);
        }
        Err(e) => coded(&e),
    }
    match groth16::parse_evm_public_inputs(inputs) {
        Ok(x) => assert_eq!(x.len(), inputs.len()),
        Err(e) => coded(&e),
    }
    if let Err(e) = sample_verifier().verify_evm_words(proof, inputs) {
        coded(&e);
    }
}

/// The first byte chooses the precompile (0x06 add, 0x07 mul, 0x08 pairing), the rest is its input. Oracles: addition is
/// commutative; P·1 = P and P + P = P·2 for a valid point P; a pairing input and the same pairs reversed agree.
pub fn precompile(data: &[u8]) {
    let Some((&which, input)) = data.split_first() else { return };
    match which % 3 {
        0 => match precompile::bn254_add(input) {
            Ok(sum) => {
                let mut padded = input.to_vec();
                padded.resize(128, 0);
                let swapped = [&padded[64..128], &padded[..64]].concat();
                assert_eq!(precompile::bn254_add(&swapped).unwrap(), sum, "addition is commutative");
            }
            Err(e) => coded(&e),
        },
        1 => match precompile::bn254_mul(input) {
            Ok(product) => {
                let mut padded = input.to_vec();
                padded.resize(96, 0);
                let one = [&padded[..64], &U256::from(1u8).to_be_bytes::<32>()[..]].concat();
                let p = precompile::bn254_mul(&one).unwrap();
                assert_eq!(p.as_slice(), &padded[..64], "P·1 = P");
                let two = [&padded[..64], &U256::from(2u8).to_be_bytes::<32>()[..]].concat();
                assert_eq!(precompile::bn254_mul(&two).unwrap(), precompile::bn254_add(&[p, p].concat()).unwrap(), "P + P = P·2");
                let _ = product;
            }
            Err(e) => coded(&e),
        },
        _ => {
            let got = precompile::bn254_pairing(input);
            if let Err(e) = &got {
                coded(e);
            }
            if input.len() % 192 == 0 {
                let reversed: Vec<u8> = input.chunks(192).rev().flatten().copied().collect();
                let again = precompile::bn254_pairing(&reversed);
                assert_eq!(got.as_ref().ok(), again.as_ref().ok(), "the pairs' order changes nothing");
                assert_eq!(got.is_err(), again.is_err());
            }
        }
    }
}

/// Block pubdata: what decodes re-encodes to the same bytes (Noop chunks are the zero chunks between ops); a Mapping op's
/// 92 bytes decode alone to the same op.
pub fn pubdata(data: &[u8]) {
    match protocol::decode_pubdata(data) {
        Ok(ops) => {
            let encoded: Vec<u8> = ops.iter().flat_map(protocol::encode_op).collect();
            let mut without_noops = Vec::new();
            let mut at = 0;
            while at < data.len() {
                if data[at] == 0 {
                    at += 23;
                    continue;
                }
                let size = protocol::encode_op(&protocol::decode_pubdata(&data[at..]).unwrap()[0]).len();
                without_noops.extend_from_slice(&data[at..at + size]);
                at += size;
            }
            assert_eq!(encoded, without_noops, "pubdata round trip");
            for op in protocol::decode_mapping_ops(data).unwrap() {
                let bytes = protocol::encode_mapping_op(&op);
                assert_eq!(protocol::decode_mapping_op(&bytes).unwrap(), op);
                assert_eq!(protocol::decode_mapping_op(&bytes[..83]).unwrap(), op);
            }
        }
        Err(e) => coded(&e),
    }
    if let Err(e) = protocol::decode_mapping_op(data) {
        coded(&e);
    }
}

/// `verifyBlock`'s input as JSON text: read, judged; the same block as a one-block `verifyBlocks` gives the same verdict.
pub fn block_check(data: &[u8]) {
    let Some(v) = json(data) else { return };
    let check = match BlockCheck::try_from(&v) {
        Ok(c) => c,
        Err(e) => return coded(&e),
    };
    let single = protocol::verify_block(&check);
    assert_eq!(single.approved, single.stages.iter().all(|s| s.ok), "approved is every stage ok");
    let blocks = BlocksCheck {
        verifier: check.verifier.clone(),
        chains: check.chains.clone(),
        prev: check.prev.clone(),
        blocks: vec![protocol::BlockData {
            block: check.block.clone(),
            proof: check.proof.clone(),
            reports: check.reports.clone(),
        }],
        destination: check.destination,
        burn: check.burn.clone(),
    };
    let batch = protocol::verify_blocks(&blocks);
    assert_eq!(batch.verdicts.len(), 1);
    same_verdict(&batch.verdicts[0], &single, "verifyBlocks of one block against verifyBlock");
    assert_eq!(batch.approved, single.approved);
}

/// Two verdicts agree in everything but the findings' wording.
fn same_verdict(a: &protocol::Verdict, b: &protocol::Verdict, what: &str) {
    let key = |v: &protocol::Verdict| {
        let stages: Vec<_> =
            v.stages.iter().map(|s| (s.stage, s.ok, s.codes.iter().map(|f| (f.code, f.chain_id)).collect::<Vec<_>>())).collect();
        (v.approved, v.block_number, v.final_root, v.commitment, v.public_input.clone(), stages)
    };
    assert_eq!(key(a), key(b), "{what}");
}

/// `verifyBlocks`' input as JSON text: read, judged; approved exactly when every block's verdict is, and each block's verdict
/// equals `verifyBlock` on it when the previous one recomputed.
pub fn blocks_check(data: &[u8]) {
    let Some(v) = json(data) else { return };
    let check = match BlocksCheck::try_from(&v) {
        Ok(c) => c,
        Err(e) => return coded(&e),
    };
    let all = protocol::verify_blocks(&check);
    assert_eq!(all.approved, !all.verdicts.is_empty() && all.verdicts.iter().all(|v| v.approved), "the AND of the blocks");
    assert!(all.verdicts.len() <= check.blocks.len());
    // (A burn is looked for in every block, so the first block alone is compared only without one.)
    if let (Some(first), Some(data), None) = (all.verdicts.first(), check.blocks.first(), &check.burn) {
        let single = protocol::verify_block(&BlockCheck {
            verifier: check.verifier.clone(),
            proof: data.proof.clone(),
            prev: check.prev.clone(),
            block: data.block.clone(),
            chains: check.chains.clone(),
            reports: data.reports.clone(),
            destination: check.destination,
            burn: check.burn.clone(),
        });
        same_verdict(first, &single, "the first block's verdict against verifyBlock on it");
    }
}

/// A chain's report (`{ chainId, storedBlock, storedBlockHash, totalBlocksSynchronized }`) and a stored block alone, as a
/// chain's answers are read: what parses serialises and reads back to itself, with the same hash.
pub fn chain_report(data: &[u8]) {
    let Some(v) = json(data) else { return };
    match Report::try_from(&v) {
        Ok(r) => {
            let again = StoredBlockInfo::try_from(&serde_json::to_value(&r.stored_block).unwrap()).unwrap();
            assert_eq!(again, r.stored_block);
            assert_eq!(again.hash(), r.stored_block.hash());
        }
        Err(e) => coded(&e),
    }
    for s in [Some(&v), v.get("storedBlock")].into_iter().flatten() {
        match StoredBlockInfo::try_from(s) {
            Ok(b) => assert_eq!(StoredBlockInfo::try_from(&serde_json::to_value(&b).unwrap()).unwrap(), b),
            Err(e) => coded(&e),
        }
    }
    match MappingOp::try_from(&v) {
        Ok(op) => {
            let bytes = protocol::encode_mapping_op(&op);
            assert_eq!(protocol::decode_mapping_op(&bytes).unwrap(), op, "a JSON op through its pubdata");
        }
        Err(e) => coded(&e),
    }
}

/// An RPC answer as the client reads it: the first byte chooses the reader (the response body, a quantity, logs of each kind,
/// a transaction, a block, `eth_call` results, commit and prove calldata), the rest is the answer. These readers return
/// their problem as text (the caller makes it an `RPC_ERROR` naming chain, endpoint and method), so only a panic or a
/// failed round trip is a finding here.
pub fn rpc_answer(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let bridge = Address::repeat_byte(0xb1);
    let topic = B256::repeat_byte(0x11);
    match which % 10 {
        0 => {
            if let Err(e) = client::transport::json_rpc_result(rest) {
                let _ = format!("{e:?}");
            }
        }
        1 => {
            let Some(v) = json(rest) else { return };
            match client::read::quantity(&v, "q") {
                Ok(n) => assert_eq!(client::read::quantity(&Value::String(format!("{n:#x}")), "q").unwrap(), n),
                Err(e) => coded(&e),
            }
        }
        2 => {
            let Some(v) = json(rest) else { return };
            let _ = client::find::parse_request_logs(&v, bridge);
        }
        3 => {
            let Some(v) = json(rest) else { return };
            let _ = client::track::parse_mint_logs(&v);
        }
        4 => {
            let Some(v) = json(rest) else { return };
            let _ = client::read::last_log_tx(&v, bridge, topic, topic);
        }
        5 => {
            let Some(v) = json(rest) else { return };
            let _ = client::read::transaction_input(&v, topic, bridge);
        }
        6 => {
            let Some(v) = json(rest) else { return };
            let _ = client::read::block_hash_at(&v, 16);
        }
        7 => {
            if let Ok(info) = client::read::decode_return::<client::IZkBridge::storedBlockInfoCall>(rest) {
                let again = client::IZkBridge::storedBlockInfoCall::abi_encode_returns(&info);
                assert_eq!(again, rest, "strict decoding accepts only the canonical encoding");
            }
            if let Ok(n) = client::read::decode_return::<client::IZkBridge::totalBlocksProvenCall>(rest) {
                assert_eq!(client::IZkBridge::totalBlocksProvenCall::abi_encode_returns(&n), rest);
            }
        }
        8 => {
            let n = rest.first().copied().map_or(1, u32::from);
            if let Ok(b) = client::read::decode_commit_calldata(rest, n) {
                assert_eq!(b.block_number, n);
            }
        }
        _ => {
            let n = rest.first().copied().map_or(1, u32::from);
            if let Ok(p) = client::read::decode_prove_calldata(rest, n) {
                assert_eq!(p.len(), groth16::EVM_PROOF_BYTES);
            }
        }
    }
}

/// An evidence bundle as a person drops it on the page: re-judged without and with the deployment (its own key and
/// checkpoint); the judgement is its own fixpoint (the bundle carrying the recomputed verdict agrees).
pub fn evidence(data: &[u8]) {
    let Some(v) = json(data) else { return };
    let bundle = match EvidenceBundle::try_from(&v) {
        Ok(b) => b,
        Err(e) => return coded(&e),
    };
    let alone = match client::verify_evidence(&bundle, None) {
        Ok(c) => c,
        Err(e) => return coded(&e),
    };
    let own = DeploymentAnchor { verifier: bundle.verifier.clone(), anchor: bundle.evidence.checkpoint.clone() };
    match client::verify_evidence(&bundle, Some(&own)) {
        Ok(anchored) => assert_eq!(anchored.verdict, alone.verdict, "anchoring changes what is checked, not the verdict"),
        Err(e) => coded(&e),
    }
    // The judgement's own verdict, carried as the claim, agrees with the judgement (its fixpoint), whatever the answers say.
    if bundle.evidence.library == client::LIBRARY {
        let Ok((judged, _)) = client::judge_answers(&bundle.verifier, bundle.evidence.clone()) else { return };
        let mut claimed = serde_json::to_value(&judged).unwrap();
        claimed.as_object_mut().unwrap().remove("evidence");
        let again = EvidenceBundle { verdict: claimed, ..bundle };
        let check = client::verify_evidence(&again, None).unwrap();
        assert!(check.agrees, "a bundle carrying its own recomputed verdict disagrees: {:?}", check.differences);
        assert_eq!(check.verdict, alone.verdict);
    }
}

/// `buildBurn`'s params as JSON text: what builds decodes (alloy) back to the params, the amount formats back to itself.
pub fn burn_params(data: &[u8]) {
    let Some(v) = json(data) else { return };
    let p = match BurnParams::try_from(&v) {
        Ok(p) => p,
        Err(e) => return coded(&e),
    };
    let txs = match calldata::build_burn(&p) {
        Ok(t) => t,
        Err(e) => return coded(&e),
    };
    let call = calldata::mappingTokenCall::abi_decode(&txs.burn.data).unwrap();
    assert_eq!(call._to, p.to);
    assert_eq!(call._token, p.token);
    assert_eq!(call._toChainId, p.to_chain_id);
    assert_eq!(call._nonce, p.nonce);
    assert_eq!(call._withdrawFee, p.withdraw_fee);
    assert_eq!(txs.burn.to, p.bridge);
    assert_ne!(p.to, Address::ZERO, "a burn to the zero address was built");
    let raw = calldata::parse_amount(&p.amount, p.decimals).unwrap();
    assert_eq!(U256::from(call._amount), raw, "the call carries the amount in token units");
    assert!(calldata::to_l2_amount(raw, p.decimals).is_ok(), "built a burn whose amount has no L2 form");
    let shown = calldata::format_amount(raw, p.decimals).unwrap();
    assert_eq!(calldata::parse_amount(&shown, p.decimals).unwrap(), raw, "amount round trip");
    if let Some(approve) = &txs.approve {
        let a = calldata::approveCall::abi_decode(&approve.data).unwrap();
        assert_eq!((a.spender, a.amount, approve.to), (p.bridge, raw, p.token));
    }
}

/// A receipt as `eth_getTransactionReceipt` answers it, decoded for the bridge 0xb1…: a decoded burn names this receipt.
pub fn receipt(data: &[u8]) {
    let Some(v) = json(data) else { return };
    let r = match Receipt::try_from(&v) {
        Ok(r) => r,
        Err(e) => return coded(&e),
    };
    let bridge = r.logs.first().map_or(Address::repeat_byte(0xb1), |l| l.address);
    match calldata::decode_burn_receipt(&r, bridge) {
        Ok(b) => {
            assert_eq!(b.tx_hash, r.transaction_hash);
            assert_ne!(r.status, Some(false), "a failed transaction's burn was decoded");
        }
        Err(e) => coded(&e),
    }
}

/// What the page stores (localStorage, which a script of the origin can write) and what it reads from the deployment file:
/// what a stored record keeps after cleaning survives a second cleaning, a checkpoint written is the one resumed, a client setup and a deployment anchor
/// read without panicking.
pub fn stored_record(data: &[u8]) {
    let Some(v) = json(data) else { return };
    let chains = [1u8, 2];
    let clean = client::track::clean_record(&v, &chains);
    // Cleaning keeps what it kept (a discarded checkpoint's reason is reported once, then gone with the checkpoint).
    let twice = client::track::clean_record(&clean, &chains);
    for k in ["format", "burns", "checkpoint", "anchorHash"] {
        assert_eq!(twice.get(k), clean.get(k), "cleaning twice changes {k}");
    }
    assert!(twice.get("discarded").is_none());
    let anchor = StoredBlockInfo::default();
    let resumed = client::track::resume_from(&v, &anchor);
    if let Some(cp) = v.get("checkpoint").and_then(|c| StoredBlockInfo::try_from(c).ok()) {
        let written = client::track::with_checkpoint(&v, &anchor, &cp);
        let back = client::track::resume_from(&written, &anchor);
        match (&resumed, &back) {
            (Ok(Some(held)), _) if held.block_number >= cp.block_number => {}
            (_, Ok(Some(got))) => assert_eq!(got, &cp),
            _ => assert_eq!(cp.block_number, 0, "a checkpoint after the anchor was written but is not resumed: {back:?}"),
        }
    }
    if let Err(e) = ClientSetup::try_from(&v) {
        coded(&e);
    }
    if let Err(e) = DeploymentAnchor::try_from(&v) {
        coded(&e);
    }
}

/// Runs a future whose every await resolves without outside events (the in-memory transports): polled until ready.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// The ways an in-memory endpoint can answer malformed (`fake::Fake::answer`).
const MALFORMED: [&str; 8] =
    ["other block", "no block", "trailing bytes", "short answer", "logs not an array", "foreign log", "removed log", "other tx"];

/// Reads endpoint behaviours from bytes, four bytes per endpoint: what it lies about, how, and how often it times out.
fn behaviours(data: &[u8]) -> (Vec<fake::Behaviour>, Vec<fake::Behaviour>, Option<u8>) {
    let byte = |i: usize| data.get(i).copied().unwrap_or(0);
    let (n1, n2) = (1 + usize::from(byte(0) & 1), 1 + usize::from((byte(0) >> 1) & 1));
    let destination = match (byte(0) >> 2) % 3 {
        0 => None,
        d => Some(d),
    };
    let proof = {
        let v: Value = serde_json::from_str(fake::SAMPLE).unwrap();
        groth16::encode_evm_proof(&BlockCheck::try_from(&v).unwrap().proof)
    };
    let mut all = Vec::new();
    for e in 0..n1 + n2 {
        let [what, how, value, extra] = [byte(1 + 4 * e), byte(2 + 4 * e), byte(3 + 4 * e), byte(4 + 4 * e)];
        let mut b = fake::Behaviour { timeouts: u32::from(extra % 4), ..Default::default() };
        if what & 1 != 0 {
            b.root = Some(B256::repeat_byte(value));
            b.rehash = how & 1 != 0;
        }
        if what & 2 != 0 {
            b.sync_hash = Some(B256::repeat_byte(value ^ 0x5a));
        }
        if what & 4 != 0 {
            b.chain_id = Some(31_000 + u64::from(how % 4));
        }
        if what & 8 != 0 {
            b.synchronized = Some(u32::from(how % 3));
        }
        if what & 16 != 0 {
            b.malformed = Some(MALFORMED[usize::from(how) % MALFORMED.len()]);
        }
        if what & 32 != 0 {
            b.prev_hash = Some(B256::repeat_byte(value));
        }
        if what & 64 != 0 {
            let mut p = proof;
            p[usize::from(how)] ^= value | 1;
            b.proof = Some(p);
        }
        all.push(b);
    }
    let second = all.split_off(n1);
    (all, second, destination)
}

/// The light client on two in-memory chains whose endpoints lie, disagree, time out or answer malformed as the bytes say:
/// block 1 is judged, and the evidence bundle of its verdict, re-judged offline, agrees and gives the same verdict (the
/// verdict on a bundle equals the verdict through the transport). Errors carry codes.
pub fn client_transport(data: &[u8]) {
    let (a, b, destination) = behaviours(data);
    let honest = a.iter().chain(&b).all(|x| {
        x.root.is_none()
            && x.sync_hash.is_none()
            && x.chain_id.is_none()
            && x.synchronized.is_none()
            && x.malformed.is_none()
            && x.prev_hash.is_none()
            && x.proof.is_none()
            && x.timeouts < 3
    });
    let c = fake::client(a, b);
    let v = match block_on(c.verify(1, destination)) {
        Ok(v) => v,
        Err(e) => {
            assert!(!honest, "honest endpoints gave {e:?}");
            return coded(&e);
        }
    };
    assert_eq!(v.verdict.approved, v.verdict.stages.iter().all(|s| s.ok));
    if honest {
        assert!(v.verdict.approved, "honest endpoints, not approved: {v:?}");
    }
    let mut bundle = serde_json::to_value(&v).unwrap();
    let evidence = bundle.as_object_mut().unwrap().remove("evidence").unwrap();
    let mut file = evidence;
    file["verdict"] = bundle;
    let read = EvidenceBundle::try_from(&Value::String(file.to_string())).unwrap();
    let check = client::verify_evidence(&read, None).unwrap();
    assert!(check.agrees, "the bundle of an online verdict disagrees: {:?}", check.differences);
    assert_eq!(check.verdict, v.verdict, "offline and online verdicts differ");
}
