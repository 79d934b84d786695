//! The light client's core on in-memory chains: two chains whose answers come from the devnet's committed sample block
//! (a real block 1 on the genesis block, with a real proof). One honest run is approved; each lie, disagreement, timeout and
//! wrong chain id gets its code or finding.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use serde_json::{json, Value};
use std::cell::Cell;
use std::future::{ready, Future};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use zkbridge_light::client::{BridgeClient, ChainConfig, ClientError, Endpoint, IBridgeView, Retry, Transport, TransportError};
use zkbridge_light::protocol::{BlockCheck, StoredBlockInfo};

const SAMPLE: &str = include_str!("../devnet/samples/verify-block.json");

/// Runs a future whose every await is ready (the in-memory transport never waits).
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// What one endpoint does.
#[derive(Default, Clone)]
struct Behaviour {
    /// Report this root for block 1 (re-hashed consistently when `rehash`).
    root: Option<B256>,
    rehash: bool,
    /// Report this sync hash (re-hashed consistently).
    sync_hash: Option<B256>,
    /// Answer `eth_chainId` with this.
    chain_id: Option<u64>,
    /// Time out this many times first.
    timeouts: u32,
    /// Synchronized up to.
    synchronized: Option<u32>,
}

struct Fake {
    chain: u8,
    evm: u64,
    check: BlockCheck,
    b: Behaviour,
    timeouts_left: Cell<u32>,
    calls: Cell<u32>,
}

fn bridge() -> Address {
    Address::repeat_byte(0xb1)
}

impl Fake {
    fn new(chain: u8, b: Behaviour) -> Self {
        let check = BlockCheck::try_from(&serde_json::from_str::<Value>(SAMPLE).unwrap()).unwrap();
        Self { chain, evm: 31_000 + u64::from(chain), timeouts_left: Cell::new(b.timeouts), b, check, calls: Cell::new(0) }
    }

    fn stored(&self) -> (StoredBlockInfo, B256) {
        let r = self.check.reports.iter().find(|r| r.chain_id == self.chain).unwrap();
        let mut s = r.stored_block.clone();
        let mut hash = r.stored_block_hash;
        if let Some(root) = self.b.root {
            s.state_hash = root;
            if self.b.rehash {
                hash = s.hash();
            }
        }
        if let Some(sync) = self.b.sync_hash {
            s.sync_hash = sync;
            hash = s.hash();
        }
        (s, hash)
    }

    fn answer(&self, method: &str, params: &Value) -> Result<Value, TransportError> {
        let abi = IBridgeView::StoredBlockInfo::from;
        let hex = |b: &[u8]| format!("0x{}", alloy_primitives::hex::encode(b));
        Ok(match method {
            "eth_chainId" => json!(format!("{:#x}", self.b.chain_id.unwrap_or(self.evm))),
            "eth_blockNumber" => json!("0x10"),
            "eth_getBlockByNumber" => json!({ "hash": B256::repeat_byte(self.chain) }),
            "eth_call" => {
                let data = alloy_primitives::hex::decode(params[0]["data"].as_str().unwrap().trim_start_matches("0x")).unwrap();
                let sel: [u8; 4] = data[..4].try_into().unwrap();
                let word = |n: u32| hex(&U256::from(n).to_be_bytes::<32>());
                let (s, hash) = self.stored();
                match sel {
                    IBridgeView::totalBlocksCommittedCall::SELECTOR | IBridgeView::totalBlocksProvenCall::SELECTOR => {
                        json!(word(1))
                    }
                    IBridgeView::totalBlocksExecutedCall::SELECTOR => json!(word(1)),
                    IBridgeView::totalBlocksSynchronizedCall::SELECTOR => json!(word(self.b.synchronized.unwrap_or(1))),
                    IBridgeView::storedBlockHashesCall::SELECTOR => json!(hex(hash.as_slice())),
                    IBridgeView::storedBlockInfoCall::SELECTOR => {
                        json!(hex(&IBridgeView::storedBlockInfoCall::abi_encode_returns(&abi(&s))))
                    }
                    _ => return Err(TransportError::Rpc { code: 3, message: "execution reverted".into() }),
                }
            }
            "eth_getLogs" => {
                let topics = &params[0]["topics"];
                if topics[1] != json!(B256::from(U256::from(1u8))) {
                    return Ok(json!([]));
                }
                let tx = if topics[0] == json!(<IBridgeView::BlockCommitted as alloy_sol_types::SolEvent>::SIGNATURE_HASH) {
                    "0xc0"
                } else {
                    "0xd0"
                };
                json!([{ "transactionHash": tx }])
            }
            "eth_getTransactionByHash" => {
                let b = &self.check.block;
                let input = if params[0] == json!("0xc0") {
                    IBridgeView::commitBlocksCall {
                        lastCommitted: abi(&self.check.prev),
                        newBlocks: vec![IBridgeView::CommitBlockInfo {
                            newStateHash: b.new_state_hash,
                            publicData: b.public_data.clone(),
                            timestamp: b.timestamp,
                            onchainOperations: b
                                .onchain_operations
                                .iter()
                                .map(|o| IBridgeView::OnchainOperationData {
                                    ethWitness: o.eth_witness.clone(),
                                    publicDataOffset: o.public_data_offset,
                                })
                                .collect(),
                            blockNumber: b.block_number,
                            feeAccount: b.fee_account,
                        }],
                    }
                    .abi_encode()
                } else {
                    let bytes = zkbridge_light::groth16::encode_evm_proof(&self.check.proof);
                    let mut words = [U256::ZERO; 8];
                    for (w, c) in words.iter_mut().zip(bytes.chunks_exact(32)) {
                        *w = U256::from_be_slice(c);
                    }
                    IBridgeView::proveBlocksCall { blocks: vec![abi(&self.stored().0)], proofs: vec![words] }.abi_encode()
                };
                json!({ "input": hex(&input) })
            }
            other => return Err(TransportError::Rpc { code: -32601, message: format!("{other} not found") }),
        })
    }
}

impl Transport for Fake {
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>> {
        self.calls.set(self.calls.get() + 1);
        if self.timeouts_left.get() > 0 {
            self.timeouts_left.set(self.timeouts_left.get() - 1);
            return ready(Err(TransportError::Timeout("no answer".into())));
        }
        ready(self.answer(method, &params))
    }
    fn sleep(&self, _ms: u64) -> impl Future<Output = ()> {
        ready(())
    }
}

fn client(a: Vec<Behaviour>, b: Vec<Behaviour>) -> BridgeClient<Fake> {
    let check = BlockCheck::try_from(&serde_json::from_str::<Value>(SAMPLE).unwrap()).unwrap();
    let chain = |id: u8, bs: Vec<Behaviour>| {
        let cfg = ChainConfig { chain_id: id, evm_chain_id: 31_000 + u64::from(id), bridge: bridge(), deploy_block: 0 };
        let eps = bs
            .into_iter()
            .enumerate()
            .map(|(i, b)| Endpoint { name: format!("chain{id}-ep{i}"), transport: Fake::new(id, b) })
            .collect();
        (cfg, eps)
    };
    BridgeClient::new(vec![chain(1, a), chain(2, b)], check.verifier, check.prev, Retry { retries: 2, backoff_ms: 1 }).unwrap()
}

fn codes(v: &zkbridge_light::client::ClientVerdict) -> Vec<(String, Option<u8>)> {
    v.verdict.stages.iter().flat_map(|s| s.codes.iter().map(|f| (f.code.as_str().to_owned(), f.chain_id))).collect()
}

fn ok() -> Behaviour {
    Behaviour::default()
}

#[test]
fn honest_chains_approve_and_every_lie_is_named() {
    // Two endpoints each: approved, no warning; the reads stage comes first and every read is recorded.
    let mut c = client(vec![ok(), ok()], vec![ok(), ok()]);
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
    let mut c = client(vec![ok()], vec![ok()]);
    assert_eq!(block_on(c.verify(2, None)).unwrap_err().code(), "BLOCK_NOT_FOUND");
    assert_eq!(block_on(c.verify(0, None)).unwrap_err().code(), "BLOCK_NOT_FOUND");
    // sync() verifies up to the latest block proven everywhere.
    let mut c = client(vec![ok()], vec![ok()]);
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
        let check = verify_evidence(&EvidenceBundle::try_from(&bundle).unwrap()).unwrap();
        assert!(check.agrees, "{:?}", check.differences);
        assert_eq!(check.verdict, v.verdict);
        // Also as JSON text, the way it is downloaded.
        assert!(verify_evidence(&EvidenceBundle::try_from(&Value::String(bundle.to_string())).unwrap()).unwrap().agrees);
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
            let r = EvidenceBundle::try_from(&edited).map_err(ClientError::from).and_then(|b| verify_evidence(&b));
            assert!(!matches!(r, Ok(ref c) if c.agrees), "{pointer}: still agrees");
        }
        // A malformed bundle is an error, not a verdict.
        let mut bad = bundle.clone();
        bad["format"] = json!(2);
        assert_eq!(EvidenceBundle::try_from(&bad).unwrap_err().code(), "INVALID_NUMBER");
    }
}

#[test]
fn sync_reaches_the_latest_block_proven_everywhere_and_then_has_nothing_new() {
    let mut c = client(vec![ok()], vec![ok()]);
    assert_eq!(block_on(c.sync_target()).unwrap(), 1);
    let v = block_on(c.sync()).unwrap().expect("block 1 is new");
    assert!(v.verdict.approved, "{v:#?}");
    assert_eq!(c.verified_range(), (0, 1));
    assert!(block_on(c.sync()).unwrap().is_none());
    // Its negative twin: a chain that times out on every try makes sync fail with RPC_TIMEOUT, nothing verified.
    let mut c = client(vec![Behaviour { timeouts: 100, ..ok() }], vec![ok()]);
    let e = block_on(c.sync()).unwrap_err();
    assert_eq!(e.code(), "RPC_TIMEOUT");
    assert_eq!(c.verified_range(), (0, 0));
}

#[test]
fn a_checkpoint_is_used_only_when_every_chain_stores_it() {
    let mut c = client(vec![ok(), ok()], vec![ok()]);
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
}
