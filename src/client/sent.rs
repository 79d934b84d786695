//! What a wallet sent, read back from the chain: every endpoint of the source chain is asked for the transaction and its
//! receipt under the hash the wallet returned, and the transaction is compared with what was built ([`compare_sent`]).
//! The wallet's own word (its receipt, its "sent") is never taken.

use super::read::{quantity, word};
use super::transport::Transport;
use super::BridgeClient;
use crate::calldata::{decode_burn_receipt, Receipt};
use crate::error::ClientError;
use crate::protocol::MappingOp;
use alloy_primitives::{Address, Bytes, B256, U256};
use serde::Serialize;
use serde_json::Value;

/// A transaction as it was built (`buildBurn`'s `approve` or `burn`): sent from `from` to `to` with `data`, no value, on
/// the source chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The account the page showed.
    pub from: Address,
    /// The contract called.
    pub to: Address,
    /// The calldata.
    pub data: Bytes,
}

/// What every endpoint of the source chain shows under one hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentCheck {
    /// `pending` (some endpoint does not show it mined yet), `mined` or `reverted`.
    pub status: &'static str,
    /// The EVM block it was mined in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evm_block_number: Option<u64>,
    /// For a burn (a call of the bridge) that was mined: its op, from the receipt's `NewPriorityRequest` log.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<MappingOp>,
    /// The transaction's nonce, once an endpoint shows it (mined or waiting in its pool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<u64>,
}

/// How many nonces of sent transactions a client keeps (to confirm replacements).
const KEPT_NONCES: usize = 64;

/// Compares one `eth_getTransactionByHash` answer (not `null`) with what was built: its `hash`, `from`, `to`, `input`,
/// `value` (0) and, when the node gives it, `chainId`.
///
/// # Errors
/// `TX_MISMATCH` naming the first member that differs, with both values.
///
/// # Examples
/// ```
/// use zkbridge_light::client::sent::{compare_sent, Built};
/// let built = Built { from: [1; 20].into(), to: [2; 20].into(), data: vec![0xab].into() };
/// let hash = alloy_primitives::B256::repeat_byte(7);
/// let tx = serde_json::json!({ "hash": hash, "from": built.from, "to": built.to, "input": "0xab", "value": "0x0",
///     "chainId": "0x7a69" });
/// assert!(compare_sent(&built, 31337, hash, &tx).is_ok());
/// let other = serde_json::json!({ "hash": hash, "from": built.from, "to": built.to, "input": "0xac", "value": "0x0" });
/// assert_eq!(compare_sent(&built, 31337, hash, &other).unwrap_err().code(), "TX_MISMATCH");
/// ```
pub fn compare_sent(built: &Built, evm_chain_id: u64, hash: B256, tx: &Value) -> Result<(), ClientError> {
    let text = |k: &str| tx.get(k).and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase();
    let differ = |field: &str, built: String, sent: String| {
        Err(ClientError::TxMismatch { hash: format!("{hash:#x}"), field: field.into(), built, sent })
    };
    let hex = |b: &[u8]| format!("0x{}", alloy_primitives::hex::encode(b));
    if text("hash") != format!("{hash:#x}") {
        return differ("hash", format!("{hash:#x}"), text("hash"));
    }
    let address = |k: &str| text(k).parse::<Address>().ok();
    if address("from") != Some(built.from) {
        return differ("from", hex(built.from.as_slice()), text("from"));
    }
    if address("to") != Some(built.to) {
        return differ("to", hex(built.to.as_slice()), text("to"));
    }
    if text("input") != hex(&built.data) {
        // Named in words when both are calls of the bridge or the token (the recipient, the amount, a spender …).
        let sent = crate::input::hex_bytes(&text("input"), "input").unwrap_or_default();
        if let Some((field, b, s)) = crate::calldata::calldata_difference(&built.data, &sent) {
            return differ(field, b, s);
        }
        let short = |t: String| if t.len() > 74 { format!("{}…", t.get(..74).unwrap_or_default()) } else { t };
        return differ("input", short(hex(&built.data)), short(text("input")));
    }
    let number = |k: &str| tx.get(k).map(|v| quantity(v, k).map(U256::from));
    if !matches!(number("value"), Some(Ok(v)) if v.is_zero()) {
        return differ("value", "0x0".into(), text("value"));
    }
    if let Some(id) = number("chainId") {
        if id != Ok(U256::from(evm_chain_id)) {
            return differ("chainId", format!("{evm_chain_id:#x}"), text("chainId"));
        }
    }
    Ok(())
}

impl<T: Transport> BridgeClient<T> {
    /// Reads the transaction `hash` and its receipt from every endpoint of chain `chain` (the wallet's word is not taken)
    /// and compares the transaction with `built` ([`compare_sent`]). `pending` until every endpoint shows it mined; for a
    /// call of the bridge, the burn's op from the receipt, whose owner must be `built.from`.
    ///
    /// With `replaces` (a sped-up transaction: `hash` replaces the transaction `replaces`), `hash` must also carry the
    /// nonce its original was seen with by an earlier `check_sent` of this client: a transaction with another nonce is no
    /// replacement (`TX_MISMATCH`, member `nonce`), and while the original's nonce was never seen the replacement stays
    /// `pending` (the wallet's word that it replaced anything is not taken).
    ///
    /// # Errors
    /// `TX_MISMATCH` (the chain holds another transaction than the one built, another nonce than the original's, or a burn
    /// of another owner); `INVALID_CHAIN_ID`; `RPC_ERROR` when endpoints differ or answer malformed; `RPC_TIMEOUT`.
    ///
    /// # Examples
    /// ```no_run
    /// # async fn f<T: zkbridge_light::client::Transport>(c: &zkbridge_light::client::BridgeClient<T>,
    /// #     built: &zkbridge_light::client::sent::Built) -> Result<(), zkbridge_light::error::ClientError> {
    /// let hash = alloy_primitives::B256::repeat_byte(1);
    /// let first = c.check_sent(1, hash, built, None).await?;
    /// if first.status == "mined" { /* first.op: the burn, read from the chain */ }
    /// // The wallet says `hash` was sped up as `faster`: believed only when the chain shows it with `hash`'s nonce.
    /// let faster = alloy_primitives::B256::repeat_byte(2);
    /// let r = c.check_sent(1, faster, built, Some(hash)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn check_sent(
        &self,
        chain: u8,
        hash: B256,
        built: &Built,
        replaces: Option<B256>,
    ) -> Result<SentCheck, ClientError> {
        let (c, endpoints) = self.chain(chain)?;
        let mut seen: Option<(u64, bool)> = None;
        let mut pending = false;
        let mut op = None;
        let mut nonce: Option<u64> = None;
        for ep in endpoints {
            let r = self.reader(c, ep);
            let tx = r.call("eth_getTransactionByHash", Value::Array(vec![word(&hash)])).await?;
            if tx.is_null() {
                pending = true;
                continue;
            }
            compare_sent(built, c.evm_chain_id, hash, &tx)?;
            let n = tx.get("nonce").map(|n| quantity(n, "nonce")).transpose();
            let n = n.map_err(|e| r.malformed("eth_getTransactionByHash", &e.to_string()))?;
            if n.is_some() && nonce.is_some() && n != nonce {
                return Err(r.malformed("eth_getTransactionByHash", "the endpoints of this chain differ"));
            }
            nonce = nonce.or(n);
            let got = r.call("eth_getTransactionReceipt", Value::Array(vec![word(&hash)])).await?;
            if got.is_null() {
                pending = true;
                continue;
            }
            let bad = |what: &str| r.malformed("eth_getTransactionReceipt", what);
            let receipt = Receipt::try_from(&got).map_err(|e| bad(&e.to_string()))?;
            if receipt.transaction_hash != hash {
                return Err(bad("the receipt of another transaction"));
            }
            let block =
                got.get("blockNumber").map(|b| quantity(b, "blockNumber")).transpose().map_err(|e| bad(&e.to_string()))?;
            let now = (block.unwrap_or_default(), receipt.status != Some(false));
            if seen.is_some_and(|s| s != now) {
                return Err(bad("the endpoints of this chain differ"));
            }
            seen = Some(now);
            if now.1 && built.to == c.bridge {
                let burn = decode_burn_receipt(&receipt, c.bridge)?.op;
                if burn.owner != built.from {
                    return Err(ClientError::TxMismatch {
                        hash: format!("{hash:#x}"),
                        field: "burn".into(),
                        built: format!("a burn of {:#x}", built.from),
                        sent: format!("a burn of {:#x}", burn.owner),
                    });
                }
                op = Some(burn);
            }
        }
        if let Some(n) = nonce {
            let mut kept = self.nonces.borrow_mut();
            kept.retain(|(h, _)| *h != hash);
            if kept.len() >= KEPT_NONCES {
                kept.remove(0);
            }
            kept.push((hash, n));
        }
        let pending_check = SentCheck { status: "pending", evm_block_number: None, op: None, nonce };
        if let Some(original) = replaces {
            let want = self.nonces.borrow().iter().find(|(h, _)| *h == original).map(|(_, n)| *n);
            match (want, nonce) {
                (Some(w), Some(n)) if w != n => {
                    return Err(ClientError::TxMismatch {
                        hash: format!("{hash:#x}"),
                        field: "nonce".into(),
                        built: format!("{w} (the nonce of {original:#x}, which it replaces)"),
                        sent: n.to_string(),
                    })
                }
                (Some(_), Some(_)) => {}
                _ => return Ok(pending_check),
            }
        }
        Ok(match (pending, seen) {
            (false, Some((n, ok))) => SentCheck {
                status: if ok { "mined" } else { "reverted" },
                evm_block_number: Some(n),
                op: if ok { op } else { None },
                nonce,
            },
            _ => pending_check,
        })
    }

    /// Simulates `built` with `eth_call` from its sender on every endpoint of chain `chain`, at the latest block, before a
    /// wallet is asked to sign it: a burn that would revert (no allowance, too small a balance, an unknown token) is
    /// stopped before the prompt.
    ///
    /// # Errors
    /// `WOULD_REVERT` with the node's message when an endpoint says the call reverts; `INVALID_CHAIN_ID`; `RPC_ERROR`,
    /// `RPC_TIMEOUT`.
    pub async fn simulate(&self, chain: u8, built: &Built) -> Result<(), ClientError> {
        let (c, endpoints) = self.chain(chain)?;
        let call = serde_json::json!([{ "from": built.from, "to": built.to, "data": built.data }, "latest"]);
        for ep in endpoints {
            match self.reader(c, ep).call("eth_call", call.clone()).await {
                Ok(_) => {}
                // A JSON-RPC error naming a revert (EIP-1474 code 3, or a node's "execution reverted" message).
                Err(ClientError::RpcError { chain, endpoint, detail }) if detail.to_ascii_lowercase().contains("revert") => {
                    return Err(ClientError::WouldRevert { chain, endpoint, reason: detail });
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}
