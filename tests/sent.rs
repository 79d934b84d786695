//! What a wallet sent, compared with what was built (`client::sent::compare_sent`): every member, each with a failing twin.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use serde_json::{json, Value};
use zkbridge_light::calldata::{approveCall, mappingTokenCall};
use zkbridge_light::client::sent::{compare_sent, Built};
use zkbridge_light::error::ClientError;

mod common;

fn burn_call(to: Address, amount: u64) -> Vec<u8> {
    mappingTokenCall {
        _zkLinkAddress: Address::repeat_byte(1),
        _to: to,
        _amount: alloy_primitives::Uint::from(amount),
        _token: Address::repeat_byte(3),
        _toChainId: 2,
        _nonce: 7,
        _withdrawFee: 0,
    }
    .abi_encode()
}

fn tx(built: &Built, hash: B256, data: &[u8]) -> Value {
    json!({ "hash": hash, "from": built.from, "to": built.to, "input": format!("0x{}", alloy_primitives::hex::encode(data)),
        "value": "0x0", "chainId": "0x7a69", "nonce": "0x4" })
}

fn field(r: Result<(), ClientError>) -> (String, String, String) {
    match r {
        Err(ClientError::TxMismatch { field, built, sent, .. }) => (field, built, sent),
        other => panic!("not a TX_MISMATCH: {other:?}"),
    }
}

#[test]
fn a_sent_transaction_is_compared_member_by_member() {
    let me = Address::repeat_byte(0xaa);
    let built = Built { from: me, to: Address::repeat_byte(0xb1), data: burn_call(me, 5).into() };
    let hash = B256::repeat_byte(9);
    let honest = tx(&built, hash, &built.data);
    assert!(compare_sent(&built, 31337, hash, &honest).is_ok());
    // Checksummed addresses and upper-case hex read the same.
    let mut cased = honest.clone();
    cased["from"] = json!(me.to_checksum(None));
    assert!(compare_sent(&built, 31337, hash, &cased).is_ok());
    // Without a chainId (a legacy transaction) nothing is compared there.
    let mut legacy = honest.clone();
    legacy.as_object_mut().unwrap().remove("chainId");
    assert!(compare_sent(&built, 31337, hash, &legacy).is_ok());

    let dead: Address = "0x000000000000000000000000000000000000dEaD".parse().unwrap();
    let edit = |k: &str, v: Value| {
        let mut t = honest.clone();
        t[k] = v;
        field(compare_sent(&built, 31337, hash, &t))
    };
    assert_eq!(edit("hash", json!(B256::repeat_byte(8))).0, "hash");
    assert_eq!(edit("from", json!(dead)).0, "from");
    assert_eq!(edit("to", json!(dead)).0, "to");
    assert_eq!(edit("value", json!("0x1")).0, "value");
    assert_eq!(edit("chainId", json!("0x1")).0, "chainId");
    // The calldata rewritten: named in words, with both values.
    let (f, b, s) = edit("input", tx(&built, hash, &burn_call(dead, 5))["input"].clone());
    assert_eq!((f.as_str(), b.as_str(), s.as_str()), ("recipient", format!("{me:#x}").as_str(), format!("{dead:#x}").as_str()));
    let (f, b, s) = edit("input", tx(&built, hash, &burn_call(me, 50))["input"].clone());
    assert_eq!((f.as_str(), b.as_str(), s.as_str()), ("amount", "5", "50"));
    assert_eq!(edit("input", json!("0xdeadbeef")).0, "input");
    // An approval to another spender, or for 2^256 − 1.
    let approve = |spender: Address, amount: U256| approveCall { spender, amount }.abi_encode();
    let a = Built { from: me, to: Address::repeat_byte(3), data: approve(built.to, U256::from(5)).into() };
    assert!(compare_sent(&a, 31337, hash, &tx(&a, hash, &a.data)).is_ok());
    let (f, _, s) = field(compare_sent(&a, 31337, hash, &tx(&a, hash, &approve(built.to, U256::MAX))));
    assert_eq!((f.as_str(), s), ("amount", U256::MAX.to_string()));
    assert_eq!(field(compare_sent(&a, 31337, hash, &tx(&a, hash, &approve(dead, U256::from(5))))).0, "spender");
}

/// One chain in memory: transactions by hash (with their nonce) and the receipts of those mined, shared by its endpoints.
#[derive(Default, Clone)]
struct Pool {
    txs: std::rc::Rc<std::cell::RefCell<Vec<Sent>>>,
}

/// A transaction's hash, its `eth_getTransactionByHash` answer and its receipt once mined.
type Sent = (B256, Value, Option<Value>);

impl zkbridge_light::client::Transport for Pool {
    fn request(
        &self,
        method: &str,
        params: Value,
    ) -> impl std::future::Future<Output = Result<Value, zkbridge_light::client::TransportError>> {
        let find = |h: &Value| self.txs.borrow().iter().find(|(k, _, _)| json!(k) == *h).cloned();
        let answer = match method {
            "eth_chainId" => json!("0x7a69"),
            "eth_getTransactionByHash" => find(&params[0]).map_or(Value::Null, |(_, t, _)| t),
            "eth_getTransactionReceipt" => find(&params[0]).and_then(|(_, _, r)| r).unwrap_or(Value::Null),
            _ => Value::Null,
        };
        std::future::ready(Ok(answer))
    }
    fn sleep(&self, _ms: u64) -> impl std::future::Future<Output = ()> {
        std::future::ready(())
    }
}

impl Pool {
    /// `built` sent under `hash` with `nonce`, waiting in the pool (`mined`: None) or mined (`Some(status)`).
    fn put(&self, built: &Built, hash: B256, nonce: u64, mined: Option<bool>) {
        let mut t = tx(built, hash, &built.data);
        t["nonce"] = json!(format!("{nonce:#x}"));
        let r = mined.map(|ok| {
            json!({ "transactionHash": hash, "status": if ok { "0x1" } else { "0x0" }, "blockNumber": "0x9",
                "blockHash": B256::repeat_byte(0x99), "logs": [] })
        });
        let mut txs = self.txs.borrow_mut();
        txs.retain(|(h, _, _)| *h != hash);
        txs.push((hash, t, r));
    }
    /// The pool drops `hash` (a replaced transaction is gone from every node).
    fn drop_tx(&self, hash: B256) {
        self.txs.borrow_mut().retain(|(h, _, _)| *h != hash);
    }
}

fn pool_client(pool: &Pool) -> zkbridge_light::client::BridgeClient<Pool> {
    use zkbridge_light::client::{BridgeClient, ChainConfig, Endpoint, Retry};
    let check = zkbridge_light::protocol::BlockCheck::try_from(
        &serde_json::from_str::<Value>(include_str!("../devnet/samples/verify-block.json")).unwrap(),
    )
    .unwrap();
    let cfg = ChainConfig { chain_id: 1, evm_chain_id: 31337, bridge: Address::repeat_byte(0xb1), deploy_block: 0 };
    let eps =
        vec![Endpoint { name: "a".into(), transport: pool.clone() }, Endpoint { name: "b".into(), transport: pool.clone() }];
    BridgeClient::new(vec![(cfg, eps)], check.verifier, check.prev, Retry { retries: 0, backoff_ms: 1 }).unwrap()
}

#[test]
fn a_replacement_is_believed_only_with_the_nonce_its_original_was_seen_with() {
    use common::block_on;
    let me = Address::repeat_byte(0xaa);
    // An approval (not a call of the bridge: no burn op is read from its receipt).
    let built = Built {
        from: me,
        to: Address::repeat_byte(3),
        data: approveCall { spender: Address::repeat_byte(0xb1), amount: U256::from(5) }.abi_encode().into(),
    };
    let (first, faster, other) = (B256::repeat_byte(1), B256::repeat_byte(2), B256::repeat_byte(3));
    let pool = Pool::default();
    let c = pool_client(&pool);
    // Unknown to the chain: pending, no nonce.
    let r = block_on(c.check_sent(1, first, &built, None)).unwrap();
    assert_eq!((r.status, r.nonce), ("pending", None));
    // A replacement whose original this client never saw stays pending, even mined: the wallet's word is not taken.
    pool.put(&built, faster, 4, Some(true));
    assert_eq!(block_on(c.check_sent(1, faster, &built, Some(first))).unwrap().status, "pending");
    // Seen waiting in the pool with nonce 4, then dropped for the mined replacement with nonce 4: mined.
    pool.put(&built, first, 4, None);
    let r = block_on(c.check_sent(1, first, &built, None)).unwrap();
    assert_eq!((r.status, r.nonce), ("pending", Some(4)));
    pool.drop_tx(first);
    let r = block_on(c.check_sent(1, faster, &built, Some(first))).unwrap();
    assert_eq!((r.status, r.nonce, r.evm_block_number), ("mined", Some(4), Some(9)));
    // Negative twins: a "replacement" with another nonce (a transaction of its own) is refused, naming the nonce; one that
    // is another call (a cancellation) is refused naming what differs.
    pool.put(&built, other, 5, Some(true));
    let e = block_on(c.check_sent(1, other, &built, Some(first))).unwrap_err();
    assert_eq!(field(Err(e)).0, "nonce");
    let cancel = Built { data: vec![].into(), ..built.clone() };
    pool.put(&cancel, other, 4, Some(true));
    assert_eq!(field(Err(block_on(c.check_sent(1, other, &built, Some(first))).unwrap_err())).0, "input");
    // A reverted transaction reads as reverted, with its nonce.
    pool.put(&built, first, 4, Some(false));
    let r = block_on(c.check_sent(1, first, &built, None)).unwrap();
    assert_eq!((r.status, r.nonce), ("reverted", Some(4)));
}
