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

/// The light client's core over HTTP for a deployment: `endpoints(chainId)` endpoints per chain (each the chain's RPC URL,
/// named `<url>#<i>`), anchored at the deployment's genesis, verifying under `vk`. What the devnet's tests read the real
/// chains with.
///
/// # Errors
/// A malformed genesis; the client's setup errors.
pub fn light_client(
    deployment: &crate::deployment::Deployment,
    vk: &ark_groth16::VerifyingKey<ark_bn254::Bn254>,
    endpoints: impl Fn(u8) -> usize,
) -> Result<zkbridge_light::client::BridgeClient<Http>, crate::Error> {
    use zkbridge_light::client::{BridgeClient, ChainConfig, Endpoint, Retry};
    let chains = deployment
        .chains
        .iter()
        .map(|c| {
            let cfg = ChainConfig {
                chain_id: c.chain_id,
                evm_chain_id: c.evm_chain_id,
                bridge: c.bridge,
                deploy_block: c.deploy_block,
            };
            let eps = (0..endpoints(c.chain_id))
                .map(|i| Endpoint {
                    name: format!("{}#{i}", c.rpc_url),
                    transport: Http::new(&c.rpc_url, Duration::from_secs(5)),
                })
                .collect();
            (cfg, eps)
        })
        .collect();
    let verifier = zkbridge_light::Groth16Verifier::new(vk.clone()).map_err(|e| crate::Error::Setup(e.to_string()))?;
    BridgeClient::new(chains, verifier, deployment.genesis()?, Retry::default()).map_err(|e| crate::Error::Setup(e.to_string()))
}
