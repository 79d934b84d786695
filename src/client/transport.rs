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
    let mut wait = retry.backoff_ms;
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
                ep.transport.sleep(wait).await;
                wait = wait.saturating_mul(2);
            }
        }
    }
}
