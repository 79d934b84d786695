//! A native JSON-RPC transport for the light client's core (`zkbridge_light::client::Transport`) over HTTP, with a timeout
//! per request: the devnet's tests run the client against the real chains with it.

use alloy::transports::http::reqwest;
use serde_json::{json, Value};
use std::future::Future;
use std::time::Duration;
use zkbridge_light::client::{Transport, TransportError};

/// One HTTP endpoint.
#[derive(Debug, Clone)]
pub struct Http {
    url: String,
    client: reqwest::Client,
    timeout: Duration,
}

impl Http {
    /// An endpoint at `url`, each request bounded by `timeout`.
    pub fn new(url: &str, timeout: Duration) -> Self {
        Self { url: url.to_owned(), client: reqwest::Client::new(), timeout }
    }
}

impl Transport for Http {
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>> {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        let req = self.client.post(&self.url).timeout(self.timeout).json(&body);
        async move {
            let resp = req.send().await.map_err(|e| {
                if e.is_timeout() {
                    TransportError::Timeout(e.to_string())
                } else {
                    TransportError::Network(e.to_string())
                }
            })?;
            let v: Value = resp.json().await.map_err(|e| TransportError::Network(e.to_string()))?;
            if let Some(err) = v.get("error") {
                return Err(TransportError::Rpc {
                    code: err.get("code").and_then(Value::as_i64).unwrap_or(0),
                    message: err.get("message").and_then(Value::as_str).unwrap_or_default().to_owned(),
                });
            }
            Ok(v.get("result").cloned().unwrap_or(Value::Null))
        }
    }

    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        tokio::time::sleep(Duration::from_millis(ms))
    }
}
