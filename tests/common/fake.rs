//! The in-memory chains of the client tests (and of the `client_transport` fuzz target): endpoints whose answers come from
//! the devnet's committed sample block (a real block 1 on the genesis block, with a real proof), each with a [`Behaviour`]
//! that lies, disagrees, times out or answers malformed. Included with `#[path]` where it is used.
#![allow(dead_code)]

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{SolCall, SolEvent};
use serde_json::{json, Value};
use std::cell::Cell;
use std::future::{ready, Future};
use std::task::Poll;
use zkbridge_light::client::{BridgeClient, ChainConfig, Endpoint, IBridgeView, Retry, Transport, TransportError};
use zkbridge_light::protocol::{BlockCheck, StoredBlockInfo};

/// The devnet's block 1 with its proof, the answers' source.
pub const SAMPLE: &str = include_str!("../../devnet/samples/verify-block.json");

/// What one endpoint does.
#[derive(Default, Clone)]
pub struct Behaviour {
    /// Report this root for block 1 (re-hashed consistently when `rehash`).
    pub root: Option<B256>,
    pub rehash: bool,
    /// Report this sync hash (re-hashed consistently).
    pub sync_hash: Option<B256>,
    /// Answer `eth_chainId` with this.
    pub chain_id: Option<u64>,
    /// Time out this many times first.
    pub timeouts: u32,
    /// Synchronized up to.
    pub synchronized: Option<u32>,
    /// Answer one method malformed (see `Fake::answer`).
    pub malformed: Option<&'static str>,
    /// Report this as `storedBlockHashes(0)` (the checkpoint's).
    pub prev_hash: Option<B256>,
    /// Carry this proof instead (EVM form) in the `proveBlocks` calldata.
    pub proof: Option<[u8; 256]>,
    /// Or the one a test sets here meanwhile.
    pub proof_later: Option<std::rc::Rc<Cell<Option<[u8; 256]>>>>,
    /// `NewPriorityRequest` logs (each answer keeps those whose `blockNumber` is in the asked range).
    pub requests: Vec<Value>,
    /// `MappingMinted` logs (each answer keeps those whose opHash topic was asked for).
    pub minted: Vec<Value>,
    /// Where the asked log ranges of `NewPriorityRequest` queries are recorded.
    pub pages: Option<Pages>,
    /// The answer to `eth_getTransactionReceipt` (`None`: not mined yet).
    pub receipt: Option<Value>,
    /// Without a receipt, the tracked transaction waits in this endpoint's pool (`eth_getTransactionByHash` knows it).
    pub pooled: bool,
    /// The first this many `eth_getLogs` answer no logs (a node that shows its state before its logs).
    pub logs_lag: u32,
    /// The first this many `MappingMinted` queries answer no logs.
    pub minted_lag: u32,
}

thread_local! {
    /// Every request this thread's fake endpoints were sent.
    pub static REQUESTS: Cell<u32> = const { Cell::new(0) };
}

/// Log ranges asked for, shared between a test and its fake endpoint.
pub type Pages = std::rc::Rc<std::cell::RefCell<Vec<(u64, u64)>>>;

pub struct Fake {
    pub chain: u8,
    pub evm: u64,
    pub check: BlockCheck,
    pub b: Behaviour,
    pub timeouts_left: Cell<u32>,
    pub lag_left: Cell<u32>,
    pub minted_lag_left: Cell<u32>,
    pub calls: Cell<u32>,
}

pub fn bridge() -> Address {
    Address::repeat_byte(0xb1)
}

impl Fake {
    pub fn new(chain: u8, b: Behaviour) -> Self {
        let check = BlockCheck::try_from(&serde_json::from_str::<Value>(SAMPLE).unwrap()).unwrap();
        let (timeouts_left, lag_left) = (Cell::new(b.timeouts), Cell::new(b.logs_lag));
        let minted_lag_left = Cell::new(b.minted_lag);
        Self { chain, evm: 31_000 + u64::from(chain), timeouts_left, lag_left, minted_lag_left, b, check, calls: Cell::new(0) }
    }

    pub fn stored(&self) -> (StoredBlockInfo, B256) {
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

    pub fn answer(&self, method: &str, params: &Value) -> Result<Value, TransportError> {
        let abi = IBridgeView::StoredBlockInfo::from;
        let hex = |b: &[u8]| format!("0x{}", alloy_primitives::hex::encode(b));
        Ok(match method {
            "eth_chainId" => json!(format!("{:#x}", self.b.chain_id.unwrap_or(self.evm))),
            "eth_blockNumber" => json!("0x10"),
            "eth_getBlockByNumber" => match self.b.malformed {
                Some("other block") => json!({ "number": "0x11", "hash": B256::repeat_byte(self.chain) }),
                Some("no block") => Value::Null,
                _ => json!({ "number": params[0], "hash": B256::repeat_byte(self.chain) }),
            },
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
                    IBridgeView::storedBlockHashesCall::SELECTOR
                        if IBridgeView::storedBlockHashesCall::abi_decode(&data).unwrap().n == 0 =>
                    {
                        json!(hex(self.b.prev_hash.unwrap_or(self.check.prev.hash()).as_slice()))
                    }
                    IBridgeView::storedBlockHashesCall::SELECTOR if self.b.malformed == Some("trailing bytes") => {
                        json!(hex(&[hash.as_slice(), &[0u8; 32]].concat()))
                    }
                    IBridgeView::storedBlockHashesCall::SELECTOR if self.b.malformed == Some("short answer") => {
                        json!(hex(&hash[..31]))
                    }
                    IBridgeView::storedBlockHashesCall::SELECTOR => json!(hex(hash.as_slice())),
                    IBridgeView::storedBlockInfoCall::SELECTOR => {
                        json!(hex(&IBridgeView::storedBlockInfoCall::abi_encode_returns(&abi(&s))))
                    }
                    _ => return Err(TransportError::Rpc { code: 3, message: "execution reverted".into() }),
                }
            }
            "eth_getLogs" if params[0]["topics"][0] == json!(IBridgeView::NewPriorityRequest::SIGNATURE_HASH) => {
                let q = |k: &str| u64::from_str_radix(params[0][k].as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
                let (from, to) = (q("fromBlock"), q("toBlock"));
                if let Some(p) = &self.b.pages {
                    p.borrow_mut().push((from, to));
                }
                let at =
                    |l: &Value| u64::from_str_radix(l["blockNumber"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
                Value::Array(self.b.requests.iter().filter(|l| (from..=to).contains(&at(l))).cloned().collect())
            }
            "eth_getLogs" if params[0]["topics"][0] == json!(IBridgeView::MappingMinted::SIGNATURE_HASH) => {
                Value::Array(self.b.minted.iter().filter(|l| l["topics"][1] == params[0]["topics"][1]).cloned().collect())
            }
            "eth_getLogs"
                if params[0]["topics"].as_array().map(Vec::len) == Some(1)
                    && params[0]["topics"][0] == json!(IBridgeView::BlockCommitted::SIGNATURE_HASH) =>
            {
                // Every BlockCommitted log from the burn's EVM block on: block 1, committed by transaction 0xc0….
                let topics = json!([IBridgeView::BlockCommitted::SIGNATURE_HASH, B256::from(U256::from(1u8))]);
                json!([{ "address": bridge(), "topics": topics, "transactionHash": B256::repeat_byte(0xc0) }])
            }
            "eth_getTransactionReceipt" => self.b.receipt.clone().unwrap_or(Value::Null),
            "eth_getLogs" => {
                let topics = &params[0]["topics"];
                if topics[1] != json!(B256::from(U256::from(1u8))) {
                    return Ok(json!([]));
                }
                let tx = if topics[0] == json!(<IBridgeView::BlockCommitted as alloy_sol_types::SolEvent>::SIGNATURE_HASH) {
                    B256::repeat_byte(0xc0)
                } else {
                    B256::repeat_byte(0xd0)
                };
                let log = json!({ "address": bridge(), "topics": [topics[0], topics[1]], "transactionHash": tx });
                match self.b.malformed {
                    Some("logs not an array") => json!({ "0": log }),
                    Some("foreign log") => {
                        json!([log, { "address": Address::repeat_byte(0xee), "topics": topics, "transactionHash": tx }])
                    }
                    Some("removed log") => {
                        json!([{ "removed": true, "address": bridge(), "topics": topics, "transactionHash": tx }])
                    }
                    _ => json!([log]),
                }
            }
            "eth_getTransactionByHash"
                if ![json!(B256::repeat_byte(0xc0)), json!(B256::repeat_byte(0xd0))].contains(&params[0])
                    && self.b.receipt.is_none()
                    && !self.b.pooled =>
            {
                Value::Null
            }
            "eth_getTransactionByHash" => {
                let b = &self.check.block;
                let input = if params[0] == json!(B256::repeat_byte(0xc0)) {
                    IBridgeView::commitBlocksCall {
                        lastCommitted: abi(&self.check.prev),
                        newBlocks: vec![IBridgeView::CommitBlockInfo::from(b)],
                    }
                    .abi_encode()
                } else {
                    let later = self.b.proof_later.as_ref().and_then(|p| p.get());
                    let bytes = later.or(self.b.proof).unwrap_or(zkbridge_light::groth16::encode_evm_proof(&self.check.proof));
                    let mut words = [U256::ZERO; 8];
                    for (w, c) in words.iter_mut().zip(bytes.chunks_exact(32)) {
                        *w = U256::from_be_slice(c);
                    }
                    IBridgeView::proveBlocksCall { blocks: vec![abi(&self.stored().0)], proofs: vec![words] }.abi_encode()
                };
                let hash = if self.b.malformed == Some("other tx") { json!(B256::ZERO) } else { params[0].clone() };
                json!({ "hash": hash, "to": bridge(), "input": hex(&input) })
            }
            other => return Err(TransportError::Rpc { code: -32601, message: format!("{other} not found") }),
        })
    }
}

impl Transport for Fake {
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>> {
        self.calls.set(self.calls.get() + 1);
        REQUESTS.with(|r| r.set(r.get() + 1));
        if self.timeouts_left.get() > 0 {
            self.timeouts_left.set(self.timeouts_left.get() - 1);
            let timeout: std::pin::Pin<Box<dyn Future<Output = Result<Value, TransportError>>>> =
                Box::pin(ready(Err(TransportError::Timeout("no answer".into()))));
            return timeout;
        }
        let answer = match method {
            "eth_getLogs" if self.lag_left.get() > 0 => {
                self.lag_left.set(self.lag_left.get() - 1);
                Ok(json!([]))
            }
            "eth_getLogs"
                if self.minted_lag_left.get() > 0
                    && params[0]["topics"][0] == json!(IBridgeView::MappingMinted::SIGNATURE_HASH) =>
            {
                self.minted_lag_left.set(self.minted_lag_left.get() - 1);
                Ok(json!([]))
            }
            _ => self.answer(method, &params),
        };
        // Every answer comes one poll later, so that calls running side by side interleave.
        let mut yielded = false;
        Box::pin(std::future::poll_fn(move |cx| {
            if yielded {
                Poll::Ready(answer.clone())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })) as std::pin::Pin<Box<dyn Future<Output = Result<Value, TransportError>>>>
    }
    fn sleep(&self, _ms: u64) -> impl Future<Output = ()> {
        ready(())
    }
}

pub fn client(a: Vec<Behaviour>, b: Vec<Behaviour>) -> BridgeClient<Fake> {
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
