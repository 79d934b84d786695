//! JS API of the light client's core: `class BridgeClientCore` (wrapped by the package's `BridgeClient`, which supplies the
//! transports), `mappingOpHash`, `eventTopics`.

use super::transport::{field, Io, JsTransport, Kind, UrlPost};
use super::{object_arg, run, to_js};
use crate::client::batch::Batcher;
use crate::client::evidence::DeploymentAnchor;
use crate::client::sent::Built;
use crate::client::{mapping_op_hash, BridgeClient, ChainConfig, ClientError, ClientSetup, Endpoint, EvidenceBundle};
use crate::error::{InputError, ProtocolError};
use crate::protocol::{MappingOp, StoredBlockInfo};
use serde_json::Value;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A bound given as a JS number: a whole number in `1..=max`, else `default` when absent.
fn bound(v: &JsValue, what: &str, default: u32, max: u32) -> Result<u32, InputError> {
    match v.as_f64() {
        None if v.is_undefined() => Ok(default),
        Some(n) if n.fract() == 0.0 && n >= 1.0 && n <= f64::from(max) => Ok(n as u32),
        _ => Err(InputError::InvalidNumber(format!("endpoints[].{what}: a whole number of at least 1"))),
    }
}

/// One endpoint as the package gives it: `{ chainId, name, url, timeoutMs?, maxBytes? }` (fetched from here) or
/// `{ chainId, name, send }` (an EIP-1193 provider's shim on the page).
fn endpoint(e: &JsValue, io: &Rc<Io>) -> Result<(f64, Endpoint<JsTransport>), InputError> {
    let chain = field(e, "chainId").as_f64().ok_or_else(|| InputError::InvalidNumber("endpoints[].chainId".into()))?;
    let kind = if let Some(url) = field(e, "url").as_string() {
        Kind::Url(Batcher::new(UrlPost {
            url,
            timeout_ms: bound(&field(e, "timeoutMs"), "timeoutMs", 3_000, 600_000)?,
            max_bytes: bound(&field(e, "maxBytes"), "maxBytes", 8 << 20, u32::MAX)?,
        }))
    } else {
        let send = field(e, "send").dyn_into().map_err(|_| InputError::MissingField("endpoints[].url or .send".into()))?;
        Kind::Callback { send }
    };
    let name = field(e, "name").as_string().unwrap_or_else(|| "endpoint".into());
    Ok((chain, Endpoint { name, transport: JsTransport { kind, io: io.clone() } }))
}

/// The light client's core with JS transports; calls run side by side (each holds the client while it runs).
#[wasm_bindgen(js_name = BridgeClientCore)]
pub struct JsBridgeClientCore {
    inner: Rc<BridgeClient<JsTransport>>,
    io: Rc<Io>,
    /// Whether the setup's `preparedKey` was used (then there is nothing new to keep).
    reused: bool,
}

#[wasm_bindgen(js_class = BridgeClientCore)]
impl JsBridgeClientCore {
    /// `new BridgeClientCore(setup, endpoints)`: `setup = { vk, anchor, chains, retries?, backoffMs? }`; `endpoints` an array
    /// of `{ chainId, name, send, sleep }` built by the package's `BridgeClient`.
    #[wasm_bindgen(constructor)]
    pub fn new(setup: &JsValue, endpoints: &js_sys::Array) -> Result<JsBridgeClientCore, JsValue> {
        run(|| {
            let setup = ClientSetup::try_from(&object_arg(setup, "setup")?)?;
            let mut by_chain: Vec<(ChainConfig, Vec<Endpoint<JsTransport>>)> =
                setup.chains.iter().map(|c| (c.clone(), Vec::new())).collect();
            let io = Rc::new(Io::default());
            for e in endpoints.iter() {
                let (chain, ep) = endpoint(&e, &io)?;
                // (The number is not formatted: an f64 `Display` would pull in 13 KB of float formatting.)
                let slot = by_chain
                    .iter_mut()
                    .find(|(c, _)| f64::from(c.chain_id) == chain)
                    .ok_or_else(|| InputError::InvalidNumber("endpoints[].chainId: not a chain of the deployment".into()))?;
                slot.1.push(ep);
            }
            let reused = setup.prepared_key_reused;
            let client = BridgeClient::new(by_chain, setup.verifier, setup.anchor, setup.retry)?
                .with_tokens(setup.tokens)
                .with_confirmations(setup.confirmations);
            Ok::<_, ClientError>(Self { inner: Rc::new(client), io, reused })
        })
    }

    /// `verify(n, destination?, op?) → Promise<verdict>` (see `client::BridgeClient::verify_burn`): with `op`, a tracked
    /// burn's block (its execute stage requires the op in block n: `BURN_NOT_IN_BLOCK`). One binding for both, so the
    /// verification future is compiled once.
    pub fn verify(&self, n: u32, destination: Option<u8>, op: &JsValue) -> js_sys::Promise {
        let op = if op.is_undefined() || op.is_null() {
            None
        } else {
            match object_arg(op, "op").and_then(|v| MappingOp::try_from(&v)) {
                Ok(op) => Some(op),
                Err(e) => return js_sys::Promise::reject(&super::js_error(&e)),
            }
        };
        self.with_client(move |c| async move {
            let r = c.verify_burn(n, destination, op.as_ref()).await;
            r.map_err(|e| super::js_error(&e)).and_then(|v| to_js(&v))
        })
    }

    /// `trackStep(chainId, txHash, reached, sentAt?, now?) → Promise<{ events, reached, status, done, record, blockNumber,
    /// beforeAnchor, op, verdict, mintCheck, error }>`: one poll of a tracked burn, every rule in the core
    /// (`client::BridgeClient::track_step`); `reached` is the previous step's; `sentAt` and `now` are milliseconds since
    /// the Unix epoch (a transaction no endpoint knows 30 minutes after `sentAt` fails with `TX_NOT_FOUND`).
    #[wasm_bindgen(js_name = trackStep)]
    pub fn track_step(
        &self,
        chain: u8,
        tx_hash: &str,
        reached: Vec<String>,
        sent_at: Option<f64>,
        now: Option<f64>,
    ) -> js_sys::Promise {
        let tx = match crate::input::b256(tx_hash, "txHash") {
            Ok(tx) => tx,
            Err(e) => return js_sys::Promise::reject(&super::js_error(&e)),
        };
        // A time is a whole number of milliseconds a JS number holds exactly; anything else is no clock at all.
        let ms = |t: Option<f64>| t.filter(|t| t.is_finite() && *t >= 0.0 && *t < 9_007_199_254_740_992.0).map(|t| t as u64);
        let clock = ms(sent_at).zip(ms(now));
        self.with_client(move |c| async move {
            let r = c.track_step(chain, tx, &reached, clock).await;
            r.map_err(|e| super::js_error(&e)).and_then(|v| to_js(&v))
        })
    }

    /// `findBurns(address, fromBlock?, pageBlocks?) → Promise<[{ chainId, txHash, evmBlockNumber, sent, received, op, status,
    /// mint, findings }]>`: the burns `address` sent or received on every chain (`client::find`), each with the status of
    /// its mint (`pending`, `minted`, `failed`).
    #[wasm_bindgen(js_name = findBurns)]
    pub fn find_burns(&self, address: &str, from_block: Option<f64>, page_blocks: Option<f64>) -> js_sys::Promise {
        let block = |v: Option<f64>, what: &str| match v {
            Some(b) if b.fract() != 0.0 || !(0.0..=9_007_199_254_740_991.0).contains(&b) => {
                Err(InputError::InvalidNumber(format!("{what}: a non-negative safe integer")))
            }
            Some(b) => Ok(Some(b as u64)),
            None => Ok(None),
        };
        let args = (|| {
            let a = crate::input::address(address, "address")?;
            Ok::<_, InputError>((a, block(from_block, "fromBlock")?, block(page_blocks, "pageBlocks")?))
        })();
        let (address, from, page) = match args {
            Ok(v) => v,
            Err(e) => return js_sys::Promise::reject(&super::js_error(&e)),
        };
        self.with_client(move |c| async move {
            let r = c.find_burns(address, from, page.unwrap_or(crate::client::find::DEFAULT_PAGE_BLOCKS)).await;
            r.map_err(|e| super::js_error(&e)).and_then(|v| to_js(&v))
        })
    }

    /// `checkSent(chainId, hash, tx, replaces?) → Promise<{ status: "pending" | "mined" | "reverted", evmBlockNumber?, op?,
    /// nonce? }>`: the transaction `hash` read back from every endpoint of chain `chainId` and compared with `tx` as built
    /// (`buildBurn`'s `approve` or `burn`: `{ from, to, data }`; `client::sent`). Rejects with `TX_MISMATCH` naming what
    /// differs. With `replaces` (the hash `hash` sped up), `hash` must carry the nonce `replaces` was seen with.
    #[wasm_bindgen(js_name = checkSent)]
    pub fn check_sent(&self, chain: u8, hash: &str, tx: &JsValue, replaces: Option<String>) -> js_sys::Promise {
        let args = (|| {
            let original = replaces.as_deref().map(|r| crate::input::b256(r, "replaces")).transpose()?;
            Ok::<_, InputError>((crate::input::b256(hash, "hash")?, built(tx)?, original))
        })();
        let (h, built, original) = match args {
            Ok(v) => v,
            Err(e) => return js_sys::Promise::reject(&super::js_error(&e)),
        };
        self.with_client(move |c| async move {
            let r = c.check_sent(chain, h, &built, original).await;
            r.map_err(|e| super::js_error(&e)).and_then(|v| to_js(&v))
        })
    }

    /// `simulate(chainId, tx) → Promise<true>`: `tx` as built (`{ from, to, data }`) run with `eth_call` on every endpoint
    /// of chain `chainId` before a wallet signs it (`client::sent`); rejects with `WOULD_REVERT` and the node's reason.
    pub fn simulate(&self, chain: u8, tx: &JsValue) -> js_sys::Promise {
        let built = match built(tx) {
            Ok(v) => v,
            Err(e) => return js_sys::Promise::reject(&super::js_error(&e)),
        };
        self.with_client(move |c| async move {
            let r = c.simulate(chain, &built).await;
            r.map(|()| JsValue::TRUE).map_err(|e| super::js_error(&e))
        })
    }

    /// `syncTarget() → Promise<number>`: the latest block proven on every chain.
    #[wasm_bindgen(js_name = syncTarget)]
    pub fn sync_target(&self) -> js_sys::Promise {
        self.with_client(|c| async move {
            let r = c.sync_target().await;
            r.map(JsValue::from).map_err(|e| super::js_error(&e))
        })
    }

    /// `checkpoint() → StoredBlockInfo`: the last verified block, as a later client's `checkpoint`.
    pub fn checkpoint(&self) -> Result<JsValue, JsValue> {
        self.borrow(|c| to_js(&c.checkpoint()))?
    }

    /// `checkpointMatches(info) → Promise<boolean>`: whether every chain stores `info`'s block as it says.
    #[wasm_bindgen(js_name = checkpointMatches)]
    pub fn checkpoint_matches(&self, info: &JsValue) -> js_sys::Promise {
        let info = match object_arg(info, "checkpoint").and_then(|v| StoredBlockInfo::try_from(&v)) {
            Ok(info) => info,
            Err(e) => return js_sys::Promise::reject(&super::js_error(&e)),
        };
        self.with_client(move |c| async move {
            let r = c.checkpoint_matches(&info).await;
            r.map(JsValue::from).map_err(|e| super::js_error(&e))
        })
    }

    /// `recheck(bundle, deployment) → Promise<{ agrees, differences, verdict, anchored, keyHash }>`: the offline check under
    /// the deployment's key and anchor, then every chain asked whether it stores the bundle's blocks as recorded.
    pub fn recheck(&self, bundle: &JsValue, deployment: &JsValue) -> js_sys::Promise {
        let parsed = (|| {
            let bundle = EvidenceBundle::try_from(&object_arg(bundle, "bundle")?)?;
            let d = deployment_arg(deployment)?.ok_or_else(|| InputError::MissingField("deployment".into()))?;
            Ok::<_, ClientError>((bundle, d))
        })();
        let (bundle, d) = match parsed {
            Ok(v) => v,
            Err(e) => return js_sys::Promise::reject(&super::js_error(&e)),
        };
        self.with_client(move |c| async move {
            let r = c.recheck(&bundle, &d).await;
            r.map_err(|e| super::js_error(&e)).and_then(|v| to_js(&v))
        })
    }

    /// `preparedKeyToKeep() → "0x…" | ""`: the key's preparation to keep (and give back as the setup's `preparedKey`: used
    /// only when it is this library version's for this key); `""` when the setup's was used.
    #[wasm_bindgen(js_name = preparedKeyToKeep)]
    pub fn prepared_key_to_keep(&self) -> Result<String, JsValue> {
        let reused = self.reused;
        self.borrow(|c| if reused { String::new() } else { format!("0x{}", alloy_primitives::hex::encode(c.prepared_key())) })
    }

    /// `keyHash() → "0x…"`: the hash of this client's verifying key, computed here (never read from a file).
    #[wasm_bindgen(js_name = keyHash)]
    pub fn key_hash(&self) -> Result<String, JsValue> {
        self.borrow(|c| format!("{:#x}", c.key_hash()))
    }

    /// `[requests, ms]`: the requests this core's endpoints were sent (retries included) and the milliseconds during which
    /// at least one of them (or a back-off) was in flight.
    pub fn io(&self) -> Vec<f64> {
        vec![self.io.requests.get(), self.io.ms.get()]
    }

    /// `[anchor, lastVerified]`.
    #[wasm_bindgen(js_name = verifiedRange)]
    pub fn verified_range(&self) -> Result<Vec<u32>, JsValue> {
        let (a, b) = self.borrow(BridgeClient::verified_range)?;
        Ok(vec![a, b])
    }
}

type CallFuture = std::pin::Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

impl JsBridgeClientCore {
    /// Runs `f` on the client (shared: other calls may run meanwhile).
    fn with_client<F, Fut>(&self, f: F) -> js_sys::Promise
    where
        F: FnOnce(Rc<BridgeClient<JsTransport>>) -> Fut + 'static,
        Fut: Future<Output = Result<JsValue, JsValue>> + 'static,
    {
        // Type-erased: one `future_to_promise` for every method (measured: kilobytes of .wasm saved per method).
        let call: CallFuture = Box::pin(f(self.inner.clone()));
        wasm_bindgen_futures::future_to_promise(call)
    }

    /// Reads the client in place.
    fn borrow<R>(&self, f: impl FnOnce(&BridgeClient<JsTransport>) -> R) -> Result<R, JsValue> {
        Ok(f(&self.inner))
    }
}

/// `cleanRecord(text, chainIds) → record`: a stored record (JSON text, or anything) cleaned by the core's rules
/// (`client::track::clean_record`): what does not hold is dropped, never believed.
#[wasm_bindgen(js_name = cleanRecord)]
pub fn clean_record(text: Option<String>, chains: Vec<u8>) -> Result<JsValue, JsValue> {
    let v = text.and_then(|t| crate::json::parse_text(&t).ok()).unwrap_or(Value::Null);
    to_js(&crate::client::track::clean_record(&v, &chains))
}

/// `resumeFrom(record, anchor) → { checkpoint } | { discard: reason } | {}`: whether a cleaned stored record holds a
/// checkpoint to try (`client::track::resume_from`): verified from this anchor and after it.
#[wasm_bindgen(js_name = resumeFrom)]
pub fn resume_from(record: &JsValue, anchor: &JsValue) -> Result<JsValue, JsValue> {
    let (record, anchor) = run(|| {
        Ok::<_, ProtocolError>((object_arg(record, "record")?, StoredBlockInfo::try_from(&object_arg(anchor, "anchor")?)?))
    })?;
    let mut out = serde_json::Map::new();
    match crate::client::track::resume_from(&record, &anchor) {
        Ok(Some(cp)) => out.insert("checkpoint".into(), serde_json::to_value(cp).unwrap_or(Value::Null)),
        Ok(None) => None,
        Err(reason) => out.insert("discard".into(), Value::from(reason)),
    };
    to_js(&Value::Object(out))
}

/// `withCheckpoint(record, anchor, checkpoint) → record`: the record with `checkpoint` kept as verified from `anchor`,
/// unless it holds a later one of that anchor (`client::track::with_checkpoint`).
#[wasm_bindgen(js_name = withCheckpoint)]
pub fn with_checkpoint(record: &JsValue, anchor: &JsValue, checkpoint: &JsValue) -> Result<JsValue, JsValue> {
    let v = run(|| {
        let record = object_arg(record, "record")?;
        let anchor = StoredBlockInfo::try_from(&object_arg(anchor, "anchor")?)?;
        let cp = StoredBlockInfo::try_from(&object_arg(checkpoint, "checkpoint")?)?;
        Ok::<_, ProtocolError>(crate::client::track::with_checkpoint(&record, &anchor, &cp))
    })?;
    to_js(&v)
}

/// `mappingOpHash(op) → "0x…"`: the id a burn and its mint share in the bridge's events.
#[wasm_bindgen(js_name = mappingOpHash)]
pub fn mapping_op_hash_js(op: &JsValue) -> Result<String, JsValue> {
    run(|| Ok::<_, ProtocolError>(format!("{:#x}", mapping_op_hash(&MappingOp::try_from(&object_arg(op, "op")?)?))))
}

/// `eventTopics() → { MappingMinted, MappingBurned, BlockCommitted, BlockProven }`.
#[wasm_bindgen(js_name = eventTopics)]
pub fn event_topics() -> Result<JsValue, JsValue> {
    to_js(&crate::client::event_topics())
}

/// `counterCalls() → { totalBlocksCommitted: "0x…", totalBlocksProven, totalBlocksSynchronized, totalBlocksExecuted }`: the
/// calldata of the bridge's block counters (each result one uint256: `decodeAllowance`).
#[wasm_bindgen(js_name = counterCalls)]
pub fn counter_calls() -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    for (name, selector) in crate::client::counter_calls() {
        js_sys::Reflect::set(&out, &name.into(), &format!("0x{}", alloy_primitives::hex::encode(selector)).into())?;
    }
    Ok(out.into())
}

/// `verifyEvidence(bundle, deployment?) → { agrees, differences, verdict, anchored, keyHash }`: judges an evidence bundle's
/// answers again, offline, without any RPC, and compares the result with the verdict it claims; with a deployment file its
/// key and anchor must be the deployment's (`FOREIGN_KEY`, `FOREIGN_ANCHOR`).
#[wasm_bindgen(js_name = verifyEvidence)]
pub fn verify_evidence_js(bundle: &JsValue, deployment: &JsValue) -> Result<JsValue, JsValue> {
    let check = run(|| {
        let bundle = EvidenceBundle::try_from(&object_arg(bundle, "bundle")?)?;
        let deployment = deployment_arg(deployment)?;
        crate::client::verify_evidence(&bundle, deployment.as_ref())
    })?;
    to_js(&check)
}

/// A transaction as built (`buildBurn`'s `approve` or `burn`): its `from`, `to` and `data`.
fn built(tx: &JsValue) -> Result<Built, InputError> {
    let t = object_arg(tx, "tx")?;
    let text = |k: &str| t.get(k).and_then(Value::as_str).ok_or_else(|| InputError::MissingField(format!("tx.{k}")));
    Ok(Built {
        from: crate::input::address(text("from")?, "tx.from")?,
        to: crate::input::address(text("to")?, "tx.to")?,
        data: crate::input::hex_bytes(text("data")?, "tx.data")?.into(),
    })
}

fn deployment_arg(v: &JsValue) -> Result<Option<DeploymentAnchor>, ClientError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    Ok(Some(DeploymentAnchor::try_from(&object_arg(v, "deployment")?)?))
}
