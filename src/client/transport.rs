//! One JSON-RPC endpoint behind the [`Transport`] trait (the wasm layer supplies `fetch` and EIP-1193 transports, the devnet
//! an HTTP one, tests an in-memory one), and the retry loop with exponential backoff around it.

use crate::error::ClientError;
use serde_json::Value;
use std::future::Future;

/// Why a JSON-RPC request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No answer in time (retried).
    Timeout(String),
    /// The connection or HTTP request failed (retried).
    Network(String),
    /// The answer was larger than the transport's bound and was not read (not retried).
    TooLarge(String),
    /// The node answered with a JSON-RPC error (not retried).
    Rpc {
        /// The JSON-RPC error code.
        code: i64,
        /// Its message.
        message: String,
    },
}

/// One JSON-RPC endpoint.
pub trait Transport {
    /// Sends `method(params)` and returns the `result`.
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>>;
    /// Waits `ms` milliseconds (the backoff between retries).
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
}

impl TransportError {
    /// Whether the request may succeed when sent again: timeouts and network failures are retried, a JSON-RPC error
    /// (the node answered) is not.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::client::TransportError;
    /// assert!(TransportError::Timeout("5 s".into()).is_retryable());
    /// assert!(!TransportError::Rpc { code: -32000, message: "reverted".into() }.is_retryable());
    /// ```
    pub const fn is_retryable(&self) -> bool {
        matches!(self, Self::Timeout(_) | Self::Network(_))
    }
}

/// A named endpoint.
#[derive(Debug)]
pub struct Endpoint<T> {
    /// Its name in findings and evidence (its URL, or "provider").
    pub name: String,
    /// How to reach it.
    pub transport: T,
}

/// Retries and backoff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Retries after the first attempt, for timeouts and network errors.
    pub retries: u32,
    /// The first backoff; doubled each time.
    pub backoff_ms: u64,
}

impl Default for Retry {
    fn default() -> Self {
        Self { retries: 3, backoff_ms: 200 }
    }
}

impl Retry {
    /// The waits between attempts, in milliseconds: `retries` of them, the first `backoff_ms`, each one doubled.
    ///
    /// # Examples
    /// ```
    /// use zkbridge_light::client::Retry;
    /// assert_eq!(Retry { retries: 3, backoff_ms: 200 }.waits().collect::<Vec<_>>(), [200, 400, 800]);
    /// assert_eq!(Retry { retries: 0, backoff_ms: 200 }.waits().count(), 0);
    /// ```
    pub fn waits(self) -> impl Iterator<Item = u64> {
        std::iter::successors(Some(self.backoff_ms), |w| Some(w.saturating_mul(2))).take(self.retries as usize)
    }
}

/// Sends `method(params)` to `ep`, retrying timeouts and network failures `retry.retries` times with a backoff doubled
/// each time.
///
/// # Errors
/// `RPC_ERROR` at once for a JSON-RPC error; after the retries, `RPC_TIMEOUT` or `RPC_ERROR`, naming chain, endpoint and
/// method.
pub async fn request<T: Transport>(
    ep: &Endpoint<T>,
    chain: u8,
    retry: Retry,
    method: &str,
    params: Value,
) -> Result<Value, ClientError> {
    let mut waits = retry.waits();
    let mut attempt = 0u32;
    loop {
        match ep.transport.request(method, params.clone()).await {
            Ok(v) => return Ok(v),
            Err(e) if !e.is_retryable() || attempt >= retry.retries => {
                let detail = match &e {
                    TransportError::Rpc { code, message } => {
                        return Err(ClientError::RpcError {
                            chain,
                            endpoint: ep.name.clone(),
                            detail: format!("{method}: {code} {message}"),
                        })
                    }
                    TransportError::Timeout(m) => format!("{method}: timeout: {m} (after {attempt} retries)"),
                    TransportError::Network(m) => format!("{method}: network: {m} (after {attempt} retries)"),
                    TransportError::TooLarge(m) => format!("{method}: {m}"),
                };
                return Err(match e {
                    TransportError::Timeout(_) => ClientError::RpcTimeout { chain, endpoint: ep.name.clone(), detail },
                    _ => ClientError::RpcError { chain, endpoint: ep.name.clone(), detail },
                });
            }
            Err(_) => {
                attempt += 1;
                // `attempt ≤ retries` here, so `waits` (one per retry) has one left.
                ep.transport.sleep(waits.next().unwrap_or(retry.backoff_ms)).await;
            }
        }
    }
}

/// The longest error text kept from an endpoint, in bytes of UTF-8 (longer ones are cut at a character boundary, with `…`).
pub const MAX_ERROR_TEXT: usize = 300;

/// `text` cut to at most [`MAX_ERROR_TEXT`] bytes (at a character boundary) and `…`.
///
/// # Examples
/// ```
/// use zkbridge_light::client::transport::cut;
/// assert_eq!(cut("short"), "short");
/// assert_eq!(cut(&"x".repeat(400)), format!("{}…", "x".repeat(300)));
/// ```
pub fn cut(text: &str) -> String {
    if text.len() <= MAX_ERROR_TEXT {
        return text.to_owned();
    }
    let mut at = MAX_ERROR_TEXT;
    while !text.is_char_boundary(at) {
        at = at.saturating_sub(1);
    }
    format!("{}…", text.get(..at).unwrap_or_default())
}

/// The JSON-RPC request body for `method(params)` with `id`.
///
/// # Examples
/// ```
/// let body = zkbridge_light::client::transport::request_body(7, "eth_chainId", &serde_json::json!([]));
/// assert_eq!(body, r#"{"id":7,"jsonrpc":"2.0","method":"eth_chainId","params":[]}"#);
/// ```
pub fn request_body(id: u64, method: &str, params: &Value) -> String {
    let mut m = serde_json::Map::new();
    m.insert("id".into(), id.into());
    m.insert("jsonrpc".into(), "2.0".into());
    m.insert("method".into(), method.into());
    m.insert("params".into(), params.clone());
    Value::Object(m).to_string()
}

/// The `result` of one JSON-RPC answer body (an HTTP endpoint's whole body, already bounded by the transport), read in one
/// place for every URL endpoint.
///
/// # Errors
/// [`TransportError::Rpc`] for an answer carrying `error` (its message cut to [`MAX_ERROR_TEXT`]);
/// [`TransportError::Network`] for a body that is not a JSON-RPC answer object (retried, like a broken connection).
///
/// # Examples
/// ```
/// use zkbridge_light::client::transport::{json_rpc_result, TransportError};
/// assert_eq!(json_rpc_result(br#"{"jsonrpc":"2.0","id":1,"result":"0x1"}"#), Ok(serde_json::json!("0x1")));
/// assert!(matches!(json_rpc_result(br#"{"error":{"code":-32000,"message":"no"}}"#), Err(TransportError::Rpc { code: -32000, .. })));
/// assert!(matches!(json_rpc_result(b"<html>"), Err(TransportError::Network(_))));
/// ```
pub fn json_rpc_result(body: &[u8]) -> Result<Value, TransportError> {
    // (Through `&str`: `from_slice` would compile a second JSON reader into the `.wasm`.)
    let text = std::str::from_utf8(body).map_err(|_| TransportError::Network("not UTF-8 text".into()))?;
    let answer: Value = serde_json::from_str(text).map_err(|e| TransportError::Network(cut(&format!("not JSON: {e}"))))?;
    json_rpc_answer(answer)
}

/// The `result` of one JSON-RPC answer already read as JSON ([`json_rpc_result`]'s rules; an item of a batch's answer).
///
/// # Errors
/// As [`json_rpc_result`].
pub fn json_rpc_answer(answer: Value) -> Result<Value, TransportError> {
    let Value::Object(mut answer) = answer else {
        return Err(TransportError::Network("not a JSON-RPC answer object".into()));
    };
    match answer.remove("error") {
        None | Some(Value::Null) => Ok(answer.remove("result").unwrap_or(Value::Null)),
        Some(e) => {
            let code = e.get("code").and_then(Value::as_i64).unwrap_or(0);
            let message = match e.get("message") {
                Some(Value::String(m)) => cut(m),
                Some(other) => cut(&other.to_string()),
                None => cut(&e.to_string()),
            };
            Err(TransportError::Rpc { code, message })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_rpc_answers_are_read_strictly() {
        assert_eq!(json_rpc_result(br#"{"jsonrpc":"2.0","id":1,"result":null}"#), Ok(Value::Null));
        assert_eq!(json_rpc_result(br#"{"id":1}"#), Ok(Value::Null));
        assert_eq!(json_rpc_result(br#"{"error":null,"result":[1]}"#), Ok(json!([1])));
        // Negative twins: an error, an error without a code, a long message cut, not an object, not JSON.
        assert_eq!(
            json_rpc_result(br#"{"error":{"code":3,"message":"execution reverted"}}"#),
            Err(TransportError::Rpc { code: 3, message: "execution reverted".into() })
        );
        assert_eq!(json_rpc_result(br#"{"error":"boom"}"#), Err(TransportError::Rpc { code: 0, message: r#""boom""#.into() }));
        let long = format!(r#"{{"error":{{"code":1,"message":"{}"}}}}"#, "é".repeat(1000));
        let Err(TransportError::Rpc { message, .. }) = json_rpc_result(long.as_bytes()) else { panic!("not an rpc error") };
        assert_eq!(message, format!("{}…", "é".repeat(MAX_ERROR_TEXT / 2)));
        assert_eq!(cut(&format!("a{}", "é".repeat(200))), format!("a{}…", "é".repeat(149)));
        assert!(matches!(json_rpc_result(b"[1,2]"), Err(TransportError::Network(_))));
        assert!(matches!(json_rpc_result(b"\xff\xfe"), Err(TransportError::Network(_))));
        assert!(matches!(json_rpc_result(b""), Err(TransportError::Network(_))));
    }

    #[test]
    fn request_bodies_are_json_rpc() {
        let b: Value = serde_json::from_str(&request_body(3, "eth_call", &json!([{"to": "0x00"}, "latest"]))).unwrap();
        assert_eq!(b, json!({"jsonrpc": "2.0", "id": 3, "method": "eth_call", "params": [{"to": "0x00"}, "latest"]}));
    }
}
