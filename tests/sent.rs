//! What a wallet sent, compared with what was built (`client::sent::compare_sent`): every member, each with a failing twin.

use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::SolCall;
use serde_json::{json, Value};
use zkbridge_light::calldata::{approveCall, mappingTokenCall};
use zkbridge_light::client::sent::{compare_sent, Built};
use zkbridge_light::error::ClientError;

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
