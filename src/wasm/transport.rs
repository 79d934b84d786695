//! The light client's endpoints in the browser (and Node): a URL endpoint is fetched from here, with `fetch` in whatever
//! thread runs the core (the package's Worker, or the page), its answer read as a stream and abandoned past a bound; an
//! EIP-1193 provider, which lives on the page, stays a JS callback. Every request is counted, with the time spent waiting.

use crate::client::batch::{Batcher, Post};
use crate::client::transport::cut;
use crate::client::{Transport, TransportError};
use serde_json::Value;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &web_sys::RequestInit) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &js_sys::Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn now() -> f64;
}

/// Requests sent (retries included) and the milliseconds during which at least one request or back-off was in flight
/// (requests run side by side, so their waits are not added up), shared by a core's endpoints.
#[derive(Debug, Default)]
pub(crate) struct Io {
    pub(crate) requests: Cell<f64>,
    pub(crate) ms: Cell<f64>,
    in_flight: Cell<u32>,
    since: Cell<f64>,
}

impl Io {
    /// One request (`requests` 1) or back-off (0) in flight until the guard is dropped (answered, or abandoned).
    fn begin(self: &Rc<Self>, requests: f64) -> InFlight {
        if self.in_flight.get() == 0 {
            self.since.set(now());
        }
        self.in_flight.set(self.in_flight.get() + 1);
        self.requests.set(self.requests.get() + requests);
        InFlight(self.clone())
    }
}

/// See [`Io::begin`].
struct InFlight(Rc<Io>);

impl Drop for InFlight {
    fn drop(&mut self) {
        let io = &self.0;
        io.in_flight.set(io.in_flight.get().saturating_sub(1));
        if io.in_flight.get() == 0 {
            io.ms.set(io.ms.get() + (now() - io.since.get()));
        }
    }
}

/// One endpoint of a core.
pub(crate) struct JsTransport {
    pub(crate) kind: Kind,
    pub(crate) io: Rc<Io>,
}

pub(crate) enum Kind {
    /// A JSON-RPC URL, fetched from here, the requests sent side by side gathered into JSON-RPC batches
    /// (`client::batch`).
    Url(Batcher<UrlPost>),
    /// `send(method, paramsJson) → Promise<resultJson>`, rejecting with `{ kind: "timeout" | "network" | "too-large" | "rpc",
    /// code?, message }` (the package's EIP-1193 shim, which bounds and times the provider's answers on the page).
    Callback { send: js_sys::Function },
}

/// A JSON-RPC URL: no answer within `timeout_ms` (body included) is a timeout; a body over `max_bytes` is abandoned unread
/// (`TooLarge`; a batch's is then sent again one request at a time).
pub(crate) struct UrlPost {
    pub(crate) url: String,
    pub(crate) timeout_ms: u32,
    pub(crate) max_bytes: u32,
}

impl Post for UrlPost {
    async fn post(&self, body: String) -> Result<Vec<u8>, TransportError> {
        fetch_answer(&self.url, &body, self.timeout_ms, self.max_bytes).await
    }
    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        sleep(ms)
    }
}

/// `v[key]`, `undefined` when it cannot be read.
pub(super) fn field(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A thrown JS value's message, cut.
fn message(e: &JsValue) -> String {
    cut(&field(e, "message").as_string().or_else(|| e.as_string()).unwrap_or_else(|| "failed".into()))
}

fn callback_error(e: &JsValue) -> TransportError {
    let message = message(e);
    match field(e, "kind").as_string().as_deref() {
        Some("timeout") => TransportError::Timeout(message),
        Some("too-large") => TransportError::TooLarge(message),
        Some("rpc") => TransportError::Rpc { code: field(e, "code").as_f64().map_or(0, |c| c as i64), message },
        _ => TransportError::Network(message),
    }
}

/// `fetch(url)` with a JSON-RPC body; the answer's body read chunk by chunk and given up past `max` bytes, before the rest
/// is read (a declared `content-length` is not believed either way).
async fn fetch_answer(url: &str, body: &str, timeout_ms: u32, max: u32) -> Result<Vec<u8>, TransportError> {
    let signal = web_sys::AbortSignal::timeout_with_u32(timeout_ms);
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&js_sys::Array::of1(&js_sys::Array::of2(&"content-type".into(), &"application/json".into())));
    init.set_body(&JsValue::from_str(body));
    init.set_signal(Some(&signal));
    let failed = |e: JsValue| {
        if signal.aborted() {
            TransportError::Timeout(format!("no answer in {timeout_ms} ms"))
        } else {
            TransportError::Network(message(&e))
        }
    };
    let response: web_sys::Response = match global_fetch(url, &init) {
        Ok(p) => JsFuture::from(p).await.map_err(failed)?.unchecked_into(),
        Err(e) => return Err(failed(e)),
    };
    if !response.ok() {
        return Err(TransportError::Network(format!("HTTP {}", u32::from(response.status()))));
    }
    let Some(reader) = response.body().map(|b| b.get_reader().unchecked_into::<web_sys::ReadableStreamDefaultReader>()) else {
        return Ok(Vec::new());
    };
    // The chunks stay in JS until the whole answer is known to be within the bound: nothing over it enters wasm memory.
    let chunks = js_sys::Array::new();
    let mut size = 0u32;
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        if field(&chunk, "done").is_truthy() {
            break;
        }
        let bytes = js_sys::Uint8Array::new(&field(&chunk, "value"));
        size = size.saturating_add(bytes.length());
        if size > max {
            // Given up here: the rest of the body is never read.
            let _ = reader.cancel();
            return Err(TransportError::TooLarge(format!("answer too large (over {size} bytes, more than {max})")));
        }
        chunks.push(&bytes);
    }
    let all = js_sys::Uint8Array::new_with_length(size);
    let mut at = 0;
    for c in chunks.iter() {
        let c = js_sys::Uint8Array::new(&c);
        all.set(&c, at);
        at += c.length();
    }
    Ok(all.to_vec())
}

impl Transport for JsTransport {
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>> {
        let in_flight = self.io.begin(1.0);
        let called = match &self.kind {
            Kind::Url(batcher) => Ok(batcher.request(method, params)),
            Kind::Callback { send } => {
                Err(send.call2(&JsValue::NULL, &JsValue::from_str(method), &JsValue::from_str(&params.to_string())))
            }
        };
        async move {
            let _in_flight = in_flight;
            let r = match called {
                Ok(answer) => answer.await,
                Err(called) => {
                    async {
                        let promise = called
                            .map_err(|e| callback_error(&e))?
                            .dyn_into::<js_sys::Promise>()
                            .map_err(|_| TransportError::Network("send did not return a Promise".into()))?;
                        let text = JsFuture::from(promise).await.map_err(|e| callback_error(&e))?;
                        let text =
                            text.as_string().ok_or_else(|| TransportError::Network("the result is not JSON text".into()))?;
                        serde_json::from_str(&text).map_err(|e| TransportError::Network(format!("result: {e}")))
                    }
                    .await
                }
            };
            r
        }
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        let in_flight = self.io.begin(0.0);
        async move {
            let _in_flight = in_flight;
            sleep(ms).await;
        }
    }
}

/// Resolves after `ms` milliseconds (`setTimeout`, in a window, a Worker or Node alike).
pub(crate) async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = set_timeout(&resolve, ms as f64);
    });
    let _ = JsFuture::from(promise).await;
}
