//! JSON-RPC batch requests (`client::batch`): a client whose endpoints gather the requests sent side by side into batches
//! gives the verdicts and evidence of one whose endpoints are sent one request at a time, in a fraction of the HTTP POSTs;
//! an endpoint that refuses batches, or whose batch answers are over the bound, is sent one request at a time (its requests
//! retried); each request keeps its own answer and error; a batch whose sender goes away fails its requests, to be
//! retried.

use serde_json::{json, Value};
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use zkbridge_light::client::batch::{Batcher, Post, MAX_BATCH};
use zkbridge_light::client::{BridgeClient, ChainConfig, Endpoint, Retry, Transport, TransportError};

mod common;
#[path = "common/mem_chain.rs"]
mod mem_chain;

use common::block_on;
use mem_chain::{MemEndpoint, World};

/// How the in-memory HTTP endpoint treats a batch (a JSON array).
#[derive(Clone, Copy, Default)]
struct Mode {
    /// Answers a batch with a JSON-RPC error object (as endpoints without batch support do).
    refuse: bool,
    /// Answers a batch with `TooLarge` (over the transport's bound).
    too_large: bool,
    /// Answers a batch's items in reverse order.
    reverse: bool,
    /// Leaves the first item of every batch out of its answer.
    omit_first: bool,
    /// Never answers a batch.
    hang: bool,
}

/// One endpoint of the world reached by "HTTP POST": every body is parsed as JSON-RPC, a request or a batch.
struct MemPost {
    ep: MemEndpoint,
    mode: Mode,
    posts: Rc<Cell<u32>>,
    requests: Rc<Cell<u32>>,
}

impl MemPost {
    fn one(&self, item: &Value) -> Value {
        self.requests.set(self.requests.get() + 1);
        let id = item["id"].clone();
        match self.ep.answer(item["method"].as_str().unwrap(), &item["params"]) {
            Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
            Err(TransportError::Rpc { code, message }) => {
                json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
            }
            Err(e) => panic!("{e:?}"),
        }
    }
}

impl Post for MemPost {
    fn post(&self, body: String) -> impl Future<Output = Result<Vec<u8>, TransportError>> {
        self.posts.set(self.posts.get() + 1);
        let answer: Pin<Box<dyn Future<Output = Result<Vec<u8>, TransportError>>>> = match serde_json::from_str::<Value>(&body)
            .unwrap()
        {
            Value::Array(items) => {
                assert!(items.len() >= 2 && items.len() <= MAX_BATCH, "a batch of {}", items.len());
                if self.mode.hang {
                    Box::pin(std::future::pending())
                } else if self.mode.too_large {
                    Box::pin(std::future::ready(Err(TransportError::TooLarge("over the bound".into()))))
                } else if self.mode.refuse {
                    let refused =
                        json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32600, "message": "batch not supported" } });
                    Box::pin(std::future::ready(Ok(refused.to_string().into_bytes())))
                } else {
                    let mut answers: Vec<Value> =
                        items.iter().skip(usize::from(self.mode.omit_first)).map(|i| self.one(i)).collect();
                    if self.mode.reverse {
                        answers.reverse();
                    }
                    Box::pin(std::future::ready(Ok(Value::Array(answers).to_string().into_bytes())))
                }
            }
            item => Box::pin(std::future::ready(Ok(self.one(&item).to_string().into_bytes()))),
        };
        answer
    }
    fn sleep(&self, _ms: u64) -> impl Future<Output = ()> {
        std::future::ready(())
    }
}

struct Counts {
    posts: Rc<Cell<u32>>,
    requests: Rc<Cell<u32>>,
}

/// A client of the world's two chains, two endpoints each, every endpoint a batcher over `mode`.
fn client(world: &Rc<World>, mode: Mode) -> (BridgeClient<Batcher<MemPost>>, Counts) {
    let counts = Counts { posts: Rc::new(Cell::new(0)), requests: Rc::new(Cell::new(0)) };
    let chain = |id: u8| {
        let cfg =
            ChainConfig { chain_id: id, evm_chain_id: 31_000 + u64::from(id), bridge: mem_chain::bridge(), deploy_block: 0 };
        let eps = (0..2)
            .map(|i| Endpoint {
                name: format!("chain{id}-ep{i}"),
                transport: Batcher::new(MemPost {
                    ep: MemEndpoint { chain: id, world: world.clone() },
                    mode,
                    posts: counts.posts.clone(),
                    requests: counts.requests.clone(),
                }),
            })
            .collect();
        (cfg, eps)
    };
    let c = BridgeClient::new(
        vec![chain(1), chain(2)],
        world.verifier.clone(),
        world.genesis.clone(),
        Retry { retries: 1, backoff_ms: 1 },
    )
    .unwrap();
    (c, counts)
}

#[test]
fn a_batching_client_gives_the_same_verdicts_in_a_fraction_of_the_posts() {
    let world = Rc::new(mem_chain::world(20, 1, 9));
    let plain = mem_chain::client(&world, 2);
    let expected = block_on(plain.sync()).unwrap().unwrap();
    assert!(expected.verdict.approved);
    for mode in [Mode::default(), Mode { reverse: true, ..Mode::default() }] {
        let (c, n) = client(&world, mode);
        assert_eq!(block_on(c.sync()).unwrap().as_ref(), Some(&expected));
        assert_eq!(c.checkpoint(), plain.checkpoint());
        // 580 requests (tests/walk.rs) in batches of up to MAX_BATCH.
        let (posts, requests) = (n.posts.get(), n.requests.get());
        println!("20 blocks: {requests} JSON-RPC requests in {posts} HTTP posts");
        assert_eq!(requests, 580);
        assert!(posts * 8 < requests, "{posts} posts for {requests} requests");
    }
    // Refused, or over the bound: the batch's requests fail with a network error and are retried, each on its own; the
    // endpoint is not sent a batch again; the verdict is the same.
    for mode in [Mode { refuse: true, ..Mode::default() }, Mode { too_large: true, ..Mode::default() }] {
        let (c, n) = client(&world, mode);
        assert_eq!(block_on(c.sync()).unwrap().as_ref(), Some(&expected));
        let (posts, requests) = (n.posts.get(), n.requests.get());
        assert_eq!(requests, 580);
        let batches = posts - requests;
        assert!((4..=8).contains(&batches), "the first batch to each of the 4 endpoints (and any sent beside it): {batches}");
    }
}

/// A request in flight.
type Answer<'a> = Pin<Box<dyn Future<Output = Result<Value, TransportError>> + 'a>>;

/// Polls `f` once with a waker that does nothing.
fn poll_once<F: Future + ?Sized>(f: Pin<&mut F>) -> Poll<F::Output> {
    f.poll(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn each_request_keeps_its_own_answer_and_a_batch_whose_sender_went_away_fails_its_requests() {
    let world = Rc::new(mem_chain::world(1, 1, 3));
    let batcher = |mode| {
        Batcher::new(MemPost {
            ep: MemEndpoint { chain: 1, world: world.clone() },
            mode,
            posts: Rc::new(Cell::new(0)),
            requests: Rc::new(Cell::new(0)),
        })
    };
    // Three requests side by side: one JSON-RPC error, two results, each its own.
    let b = batcher(Mode::default());
    let mut futures: Vec<Answer<'_>> = vec![
        Box::pin(b.request("eth_chainId", json!([]))),
        Box::pin(b.request("eth_nope", json!([]))),
        Box::pin(b.request("eth_blockNumber", json!([]))),
    ];
    let mut out: Vec<Option<Result<Value, TransportError>>> = vec![None, None, None];
    while out.iter().any(Option::is_none) {
        for (f, o) in futures.iter_mut().zip(&mut out) {
            if o.is_none() {
                if let Poll::Ready(r) = poll_once(f.as_mut()) {
                    *o = Some(r);
                }
            }
        }
    }
    assert_eq!(out[0], Some(Ok(json!("0x7919"))));
    assert!(matches!(&out[1], Some(Err(TransportError::Rpc { code: -32601, .. }))), "{:?}", out[1]);
    assert_eq!(out[2], Some(Ok(json!("0x101"))));
    assert_eq!(b.post.posts.get(), 1, "one batch");
    drop(futures);
    // An answer that leaves a request out: that one fails (and is retried by the client), the other is answered.
    let b = batcher(Mode { omit_first: true, ..Mode::default() });
    let (mut x, mut y) = (Box::pin(b.request("eth_chainId", json!([]))), Box::pin(b.request("eth_blockNumber", json!([]))));
    let (mut rx, mut ry) = (None, None);
    while rx.is_none() || ry.is_none() {
        if rx.is_none() {
            rx = match poll_once(x.as_mut()) {
                Poll::Ready(r) => Some(r),
                Poll::Pending => None,
            };
        }
        if ry.is_none() {
            ry = match poll_once(y.as_mut()) {
                Poll::Ready(r) => Some(r),
                Poll::Pending => None,
            };
        }
    }
    let results = [rx.unwrap(), ry.unwrap()];
    assert_eq!(
        results.iter().filter(|r| matches!(r, Err(TransportError::Network(m)) if m.contains("left this request out"))).count(),
        1
    );
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    // The request that sends a batch is dropped before the answer: the other request fails with a network error (and is
    // retried by the client).
    let b = batcher(Mode { hang: true, ..Mode::default() });
    let mut lead = Box::pin(b.request("eth_chainId", json!([])));
    let mut other = Box::pin(b.request("eth_blockNumber", json!([])));
    assert!(poll_once(lead.as_mut()).is_pending() && poll_once(other.as_mut()).is_pending(), "both queued");
    assert!(poll_once(lead.as_mut()).is_pending(), "the batch is sent and never answered");
    assert!(poll_once(other.as_mut()).is_pending(), "taken into that batch: waits");
    drop(lead);
    assert!(matches!(poll_once(other.as_mut()), Poll::Ready(Err(TransportError::Network(m))) if m.contains("abandoned")));
    assert_eq!(b.post.posts.get(), 1, "the batch only");
    // Negative twin: without the drop, the request taken into the unanswered batch keeps waiting.
    let mut lead = Box::pin(b.request("eth_chainId", json!([])));
    let mut other = Box::pin(b.request("eth_blockNumber", json!([])));
    for _ in 0..2 {
        assert!(poll_once(lead.as_mut()).is_pending() && poll_once(other.as_mut()).is_pending());
    }
    for _ in 0..10 {
        assert!(poll_once(other.as_mut()).is_pending());
    }
}
