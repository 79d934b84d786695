//! Native tests of the burn calldata: every validation rule with a failing input, positive cases with negative twins.

mod common;

use alloy_primitives::{keccak256, U256};
use serde_json::{json, Value};
use zkbridge_light::calldata::*;

fn params() -> Value {
    json!({
        "chainId": "0x7a69", "fromChainId": 1, "bridge": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "from": "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", "token": "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "decimals": 6, "amount": "12.5", "toChainId": 4, "to": "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "nonce": 7, "withdrawFee": 10,
    })
}

fn build(p: &Value) -> Result<BurnTxs, &'static str> {
    BurnParams::try_from(p).map_err(|e| e.code()).and_then(|p| build_burn(&p).map_err(|e| e.code()))
}

fn with(k: &str, v: Value) -> Value {
    let mut p = params();
    p[k] = v;
    p
}

#[test]
fn selectors_are_zklinks() {
    let sel = |sig: &str| keccak256(sig.as_bytes())[..4].to_vec();
    let b = build(&params()).unwrap();
    assert_eq!(&b.burn.data[..4], &sel("mappingToken(address,address,uint104,address,uint8,uint32,uint16)")[..]);
    assert_eq!(&b.burn.data[..4], &[0x9d, 0x3c, 0x03, 0xa5]);
    let b = build(&with("allowance", json!("0"))).unwrap();
    assert_eq!(&b.approve.unwrap().data[..4], &[0x09, 0x5e, 0xa7, 0xb3]);
    let c = allowance_call(
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    )
    .unwrap();
    assert_eq!(&c.data[..4], &[0xdd, 0x62, 0xed, 0x3e]);
}

#[test]
fn burn_tx_fields() {
    let b = build(&params()).unwrap();
    assert!(b.approve.is_none(), "no allowance given: no approve");
    let t = serde_json::to_value(&b.burn).unwrap();
    assert_eq!(t["from"], json!("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"));
    assert_eq!(t["to"], json!("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    assert_eq!(t["value"], json!("0x0"));
    assert_eq!(t["chainId"], json!("0x7a69"));
    assert_eq!(serde_json::to_value(build(&with("chainId", json!(31337))).unwrap().burn).unwrap()["chainId"], json!("0x7a69"));
    // _amount is in token units: 12.5 with 6 decimals.
    assert_eq!(U256::from_be_slice(&b.burn.data[4 + 64..4 + 96]), U256::from(12_500_000u64));
    // _zkLinkAddress defaults to from; zkLinkAddress overrides it.
    assert_eq!(
        &b.burn.data[4 + 12..4 + 32],
        &alloy_primitives::hex::decode("fb6916095ca1df60bb79ce92ce3ea74c37c5d359").unwrap()[..]
    );
    let z = build(&with("zkLinkAddress", json!("0x1111111111111111111111111111111111111111"))).unwrap();
    assert_eq!(&z.burn.data[4 + 12..4 + 32], &[0x11; 20]);
}

#[test]
fn approve_only_when_allowance_is_below_and_exact() {
    assert!(build(&with("allowance", json!("12500000"))).unwrap().approve.is_none());
    assert!(build(&with("allowance", json!("99999999999999999999999"))).unwrap().approve.is_none());
    let a = build(&with("allowance", json!("12499999"))).unwrap().approve.unwrap();
    assert_eq!(serde_json::to_value(&a).unwrap()["to"], json!("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB"));
    assert_eq!(U256::from_be_slice(&a.data[4 + 32..4 + 64]), U256::from(12_500_000u64), "exact, never unlimited");
    assert_eq!(&a.data[4 + 12..4 + 32], &alloy_primitives::hex::decode("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").unwrap()[..]);
}

#[test]
fn every_error_code() {
    let cases: Vec<(&str, Value, &str)> = vec![
        ("amount with a sign", with("amount", json!("-1")), "INVALID_AMOUNT"),
        ("amount with two dots", with("amount", json!("1.2.3")), "INVALID_AMOUNT"),
        ("amount with an exponent", with("amount", json!("1e6")), "INVALID_AMOUNT"),
        ("amount zero", with("amount", json!("0.000")), "INVALID_AMOUNT"),
        ("amount as a JS number", with("amount", json!(12.5)), "INVALID_AMOUNT"),
        ("too many fraction digits", with("amount", json!("12.5000001")), "TOO_MANY_DECIMALS"),
        ("decimals above 18", with("decimals", json!(19)), "UNSUPPORTED_DECIMALS"),
        ("amount above 2^104-1 at 18 decimals", with("amount", json!("20282409603651.670424")), "AMOUNT_TOO_LARGE"),
        ("same chain", with("toChainId", json!(1)), "SAME_CHAIN"),
        ("withdrawFee 10000", with("withdrawFee", json!(10000)), "INVALID_FEE"),
        ("zkLink chain id 0", with("fromChainId", json!(0)), "INVALID_CHAIN_ID"),
        ("zkLink chain id 256", with("toChainId", json!(256)), "INVALID_CHAIN_ID"),
        ("EVM chain id 0", with("chainId", json!("0x0")), "INVALID_CHAIN_ID"),
        ("EVM chain id not hex", with("chainId", json!("0xzz")), "INVALID_CHAIN_ID"),
        ("short address", with("to", json!("0x1234")), "INVALID_ADDRESS"),
        ("address without 0x", with("to", json!("d1220a0cf47c7b9be7a2e6ba89f429762e7b9adb")), "INVALID_ADDRESS"),
        ("bad checksum", with("to", json!("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDB")), "BAD_CHECKSUM"),
        ("nonce above u32", with("nonce", json!(4294967296u64)), "INVALID_NUMBER"),
        ("recipient the zero address", with("to", json!("0x0000000000000000000000000000000000000000")), "ZERO_ADDRESS"),
        ("zkLink address the zero address", with("zkLinkAddress", json!(format!("0x{}", "00".repeat(20)))), "ZERO_ADDRESS"),
        ("allowance as a JS number", with("allowance", json!(5)), "INVALID_NUMBER"),
        (
            "recipient the destination's bridge",
            {
                let mut p = params();
                p["notTo"] = json!(["0x1111111111111111111111111111111111111111", p["to"].clone()]);
                p
            },
            "CONTRACT_RECIPIENT",
        ),
        ("notTo not an array", with("notTo", json!("0x1111111111111111111111111111111111111111")), "MISSING_FIELD"),
        ("notTo with a malformed address", with("notTo", json!(["0x12"])), "INVALID_ADDRESS"),
        (
            "missing bridge",
            {
                let mut p = params();
                p.as_object_mut().unwrap().remove("bridge");
                p
            },
            "MISSING_FIELD",
        ),
    ];
    for (name, p, code) in cases {
        assert_eq!(build(&p).err(), Some(code), "{name}");
    }
    // Positive twins at the limits (and a recipient that is none of `notTo`).
    assert!(build(&with("notTo", json!(["0x1111111111111111111111111111111111111111"]))).is_ok());
    assert!(build(&with("withdrawFee", json!(9999))).is_ok());
    assert!(build(&with("decimals", json!(18))).is_ok());
    let mut max = with("decimals", json!(18));
    max["amount"] = json!("20282409603651.670423947251286015"); // exactly 2^104 - 1 raw units
    assert!(build(&max).is_ok());
    max["amount"] = json!("20282409603651.670423947251286016");
    assert_eq!(build(&max).err(), Some("AMOUNT_TOO_LARGE"));
}

#[test]
fn erc55_test_vectors() {
    // ERC-55's own examples (all caps, all lower, normal).
    for a in [
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ] {
        let lower = a.to_ascii_lowercase();
        let want = if a[2..].chars().any(|c| c.is_ascii_lowercase()) && a[2..].chars().any(|c| c.is_ascii_uppercase()) {
            a.to_string()
        } else {
            checksum_address(&lower).unwrap()
        };
        assert_eq!(checksum_address(&lower).unwrap(), want, "{a}");
        assert_eq!(checksum_address(a).unwrap(), want, "{a}");
    }
    assert_eq!(
        checksum_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unwrap(),
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    );
    assert_eq!(checksum_address("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed").unwrap_err().code(), "BAD_CHECKSUM");
    assert_eq!(checksum_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae").unwrap_err().code(), "INVALID_ADDRESS");
    assert_eq!(checksum_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd").unwrap_err().code(), "INVALID_ADDRESS");
    assert_eq!(checksum_address("0xgaaeb6053f3e94c9b9a09f33669435e7ef1beaed").unwrap_err().code(), "INVALID_ADDRESS");
}

#[test]
fn allowance_result() {
    assert_eq!(decode_allowance(&format!("0x{:064x}", 12_500_000u64)).unwrap(), U256::from(12_500_000u64));
    // Well-formed hex of the wrong length is INVALID_LENGTH; malformed hex (including a second `0x`) is INVALID_HEX.
    assert_eq!(decode_allowance("0x").unwrap_err().code(), "INVALID_LENGTH");
    assert_eq!(decode_allowance(&format!("0x{}", "00".repeat(33))).unwrap_err().code(), "INVALID_LENGTH");
    assert_eq!(decode_allowance(&format!("0x0x{}", "00".repeat(31))).unwrap_err().code(), "INVALID_HEX");
    assert_eq!(decode_allowance(&format!("0x{}0", "00".repeat(31))).unwrap_err().code(), "INVALID_HEX");
    assert_eq!(decode_allowance(&"00".repeat(32)).unwrap_err().code(), "INVALID_HEX");
}

#[test]
fn format_and_parse_round_trip() {
    for (s, d) in [("12.5", 6u8), ("0.000001", 6), ("1000", 0), ("340282366920938463463.374607431768211455", 18)] {
        let raw = parse_amount(s, d).unwrap();
        assert_eq!(format_amount(raw, d).unwrap(), s);
    }
    assert_eq!(format_amount(U256::from(1_200_000u64), 6).unwrap(), "1.2");
}

mod receipt_to_verdict {
    //! The op read from a burn receipt can be handed to `verifyBlock` as the tracked burn.
    use super::common::block_cases;

    use alloy_primitives::{hex, Address, Bytes, U256};
    use alloy_sol_types::{sol, SolEvent};
    use serde_json::json;
    use zkbridge_light::calldata::{decode_burn_receipt, Receipt};
    use zkbridge_light::protocol::{encode_mapping_op, verify_block, BlockCheck, MappingOp};

    sol! { event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock); }

    #[test]
    fn receipt_op_is_the_burn_of_the_block() {
        let input = block_cases::valid();
        let mut op = MappingOp::try_from(&input["burn"]).unwrap();
        op.fee = 0; // the request carries no fee; the operator sets it in the block
        let bridge: Address = "0x1111111111111111111111111111111111111111".parse().unwrap();
        let ev = NewPriorityRequest {
            sender: op.owner,
            serialId: 9,
            opType: 14,
            pubData: Bytes::copy_from_slice(&encode_mapping_op(&op)[..83]),
            expirationBlock: U256::from(100u8),
        };
        let log = ev.encode_log_data();
        let receipt = json!({
            "status": "0x1", "transactionHash": format!("0x{}", "ab".repeat(32)),
            "logs": [{ "address": format!("{bridge:#x}"), "topics": log.topics().iter().map(|t| format!("{t:#x}")).collect::<Vec<_>>(),
                       "data": format!("0x{}", hex::encode(&log.data)) }],
        });
        let burn = serde_json::to_value(decode_burn_receipt(&Receipt::try_from(&receipt).unwrap(), bridge).unwrap()).unwrap();
        assert_eq!(burn["serialId"], json!("9"));
        assert_eq!(burn["fee"], json!("0"));
        let mut v = input.clone();
        v["burn"] = burn.clone();
        assert!(verify_block(&BlockCheck::try_from(&v).unwrap()).approved);
        // Negative twin: a receipt of another burn (other nonce) is not in the block.
        let mut other = burn;
        other["nonce"] = json!(8);
        v["burn"] = other;
        assert!(verify_block(&BlockCheck::try_from(&v).unwrap()).codes().contains(&"BURN_NOT_IN_BLOCK"));
    }
}
