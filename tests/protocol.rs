//! Native tests of the block model and the verdict (the browser tests run the same cases through the JS API).

mod common;

use common::block_cases::{cases, check, valid, VERIFY_BLOCKS};
use serde_json::{json, Value};
use zkbridge_light::protocol::{self, BlockCheck, BlocksCheck, BlocksVerdict, CommitBlockInfo, StoredBlockInfo, Verdict};
use zkbridge_light::ProtocolError;

/// `verifyBlock` as the JS layer runs it: the JSON reader, then the typed decision.
fn verify_block(input: &Value) -> Result<Verdict, ProtocolError> {
    BlockCheck::try_from(input).map(|c| protocol::verify_block(&c))
}

fn verify_blocks(input: &Value) -> Result<BlocksVerdict, ProtocolError> {
    BlocksCheck::try_from(input).map(|c| protocol::verify_blocks(&c))
}

fn run(input: &Value) -> Result<Value, &'static str> {
    verify_block(input).map(|v| serde_json::to_value(v).unwrap()).map_err(|e| e.code())
}

#[test]
fn every_tamper_case() {
    let all = cases();
    assert!(all.len() > 50);
    let failures: Vec<String> = all.iter().filter_map(|c| check(c, run(&c.input)).err()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn verdict_carries_recomputed_values() {
    let input = valid();
    let v = verify_block(&input).unwrap();
    let prev = StoredBlockInfo::try_from(&input["prevBlock"]).unwrap();
    let block = CommitBlockInfo::try_from(&input["block"]).unwrap();
    let cm = block.commitment(&prev.state_hash).unwrap();
    assert_eq!(v.commitment, Some(cm));
    assert_eq!(v.public_input, Some(protocol::public_input(&cm).to_string()));
    assert_eq!(v.block_number, 2);
    assert_eq!(v.final_root, block.new_state_hash);
    assert!(protocol::public_input(&cm).bit_len() <= 253);
}

#[test]
fn verify_blocks_links_consecutive_blocks() {
    let input: Value = serde_json::from_str(VERIFY_BLOCKS).unwrap();
    let r = verify_blocks(&input).unwrap();
    assert!(r.approved, "{r:#?}");
    assert_eq!(r.verdicts.len(), 2);

    // The burn must be in one of the blocks.
    let mut bad = input.clone();
    bad["burn"]["nonce"] = json!(99);
    let r = verify_blocks(&bad).unwrap();
    assert!(!r.approved);
    assert!(r.verdicts[1].codes().contains(&"BURN_NOT_IN_BLOCK"));

    // Blocks out of order do not link.
    let mut swapped = input.clone();
    let b = swapped["blocks"].as_array_mut().unwrap();
    b.swap(0, 1);
    let r = verify_blocks(&swapped).unwrap();
    assert!(!r.approved);
    assert!(r.verdicts[0].codes().contains(&"NOT_LINKED"));

    // A tampered first block breaks the second one's link too (its prev values are recomputed, never reported).
    let mut t = input.clone();
    t["blocks"][0]["block"]["newStateHash"] = json!(format!("0x{}", "46".repeat(32)));
    let r = verify_blocks(&t).unwrap();
    assert!(!r.verdicts[0].approved && !r.verdicts[1].approved);
    assert!(r.verdicts[1].codes().contains(&"COMMITMENT_MISMATCH"));

    // The second block's destination is not synchronized.
    let mut n = input.clone();
    n["blocks"][1]["reports"][0]["totalBlocksSynchronized"] = json!(2);
    let r = verify_blocks(&n).unwrap();
    assert!(r.verdicts[0].approved && !r.verdicts[1].approved && !r.approved);

    // Proofs swapped between the blocks: the batch fails and each block's own check names both.
    let mut sw = input.clone();
    let p0 = sw["blocks"][0]["proof"].clone();
    sw["blocks"][0]["proof"] = sw["blocks"][1]["proof"].clone();
    sw["blocks"][1]["proof"] = p0;
    let r = verify_blocks(&sw).unwrap();
    assert!(r.verdicts.iter().all(|v| v.codes() == ["PROOF_INVALID"]), "{r:#?}");

    // Only the second proof bad: the first block stays approved.
    let mut one: Value = input.clone();
    one["blocks"][1]["proof"] = one["blocks"][0]["proof"].clone();
    let r = verify_blocks(&one).unwrap();
    assert!(r.verdicts[0].approved);
    assert_eq!(r.verdicts[1].codes(), ["PROOF_INVALID"]);

    let mut empty = input.clone();
    empty["blocks"] = json!([]);
    assert_eq!(verify_blocks(&empty).unwrap_err().code(), "MISSING_FIELD");

    // A first block whose pubdata does not decode: its own verdict says BAD_PUBDATA, and the second block is not judged
    // against a stand-in (NOT_LINKED, then NOT_REACHED in every later stage).
    let mut bad = input.clone();
    bad["blocks"][0]["block"]["publicData"] = json!(format!("0x02{}", "00".repeat(22)));
    bad["blocks"][0]["block"]["onchainOperations"] = json!([]);
    let r = verify_blocks(&bad).unwrap();
    assert!(!r.approved);
    assert!(r.verdicts[0].codes().contains(&"BAD_PUBDATA"));
    // (The tracked burn is in the second block, which was not read: BURN_NOT_IN_BLOCK too.)
    assert_eq!(r.verdicts[1].codes(), ["NOT_LINKED", "NOT_REACHED", "NOT_REACHED", "NOT_REACHED", "BURN_NOT_IN_BLOCK"]);
    assert_eq!(r.verdicts[1].commitment, None);
    // Its twin: a bad second block leaves the first one approved.
    let mut bad2 = input;
    bad2["blocks"][1]["block"]["publicData"] = json!(format!("0x02{}", "00".repeat(22)));
    bad2["blocks"][1]["block"]["onchainOperations"] = json!([]);
    let r = verify_blocks(&bad2).unwrap();
    assert!(r.verdicts[0].approved);
    assert!(r.verdicts[1].codes().contains(&"BAD_PUBDATA"));
}

#[test]
fn typed_check_is_judged_without_json() {
    // The operator and the light client build the check from Rust values: one field changed at a time.
    let check = BlockCheck::try_from(&valid()).unwrap();
    assert!(protocol::verify_block(&check).approved);
    let mut root = check.clone();
    root.reports[1].stored_block.state_hash = alloy_primitives::B256::repeat_byte(9);
    root.reports[1].stored_block_hash = root.reports[1].stored_block.hash();
    let v = protocol::verify_block(&root);
    assert!(!v.approved);
    assert!(v.stages[2].codes.iter().any(|f| f.code == "ROOT_MISMATCH" && f.chain_id == Some(4)));
    let mut no_burn = check.clone();
    no_burn.burn = None;
    no_burn.destination = None;
    assert_eq!(protocol::verify_block(&no_burn).codes(), ["NO_DESTINATION"]);
    no_burn.destination = Some(4);
    assert!(protocol::verify_block(&no_burn).approved);
    // With neither a destination nor a burn, every connected chain must have synchronized the block: chain 7 (connected,
    // no report) is named; with its report added the block is approved; one chain behind is NOT_SYNCHRONIZED.
    no_burn.destination = None;
    let v = protocol::verify_block(&no_burn);
    assert!(v.stages[3].codes.iter().any(|f| f.code == "NO_DESTINATION" && f.chain_id == Some(7)), "{v:#?}");
    let d = protocol::DerivedBlock::compute(&check.prev, &check.block, &check.chains);
    let s7 = d.stored_block_info(&check.block, 7).unwrap();
    no_burn.reports.push(protocol::Report {
        chain_id: 7,
        stored_block_hash: s7.hash(),
        stored_block: s7,
        total_blocks_synchronized: 2,
    });
    assert!(protocol::verify_block(&no_burn).approved, "{:#?}", protocol::verify_block(&no_burn));
    no_burn.reports[2].total_blocks_synchronized = 1;
    let v = protocol::verify_block(&no_burn);
    assert_eq!(v.codes(), ["NOT_SYNCHRONIZED"]);
    assert_eq!(v.stages[3].codes[0].chain_id, Some(7));
    // The derived values are those of the verdict.
    let d = protocol::DerivedBlock::compute(&check.prev, &check.block, &check.chains);
    assert_eq!(protocol::verify_block(&check).commitment, d.commitment);
    assert_eq!(d.stored_block_info(&check.block, 1).unwrap(), check.reports[0].stored_block);
}

#[test]
fn decode_pubdata_reads_every_layout() {
    let input = valid();
    let block = CommitBlockInfo::try_from(&input["block"]).unwrap();
    let ops = serde_json::to_value(protocol::decode_pubdata(&block.public_data).unwrap()).unwrap();
    let kinds: Vec<_> = ops.as_array().unwrap().iter().map(|o| o["opType"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["Mapping", "Deposit", "FullExit", "Withdraw"]);
    assert_eq!(ops[0]["offset"], json!(0));
    assert_eq!(ops[0]["l2Amount"], json!("12500000000000000000"));
    assert_eq!(ops[0]["owner"], json!("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    assert_eq!(ops[1]["offset"], json!(115));
    assert_eq!(ops[1]["chainId"], json!(4));
    assert_eq!(ops[2]["chainId"], json!(1));
    assert_eq!(ops[3]["chainId"], json!(7));
    assert_eq!(ops[3]["nonce"], json!(9));
    // Negative twins.
    assert_eq!(protocol::decode_pubdata(&[0u8; 22]).unwrap_err().code(), "BAD_PUBDATA");
    assert_eq!(protocol::decode_pubdata(&[2u8; 23]).unwrap_err().code(), "UNKNOWN_OP");
    let mut cut = vec![0u8; 46];
    cut[23] = 14;
    assert_eq!(protocol::decode_pubdata(&cut).unwrap_err().code(), "BAD_PUBDATA");
    assert!(protocol::decode_pubdata(&[]).unwrap().is_empty());
    // Every byte a layout leaves zero must be zero (found by the pubdata fuzz target: a Deposit's tail was read past).
    // Each op's ranges: its first zero byte, its last, and one byte before (a field, which may be anything).
    let data = block.public_data.to_vec();
    let zero_at = [
        (0usize, None),
        (115, Some((59, 68))),
        (184, Some((59, 68))),
        (184, Some((7, 18))),
        (253, Some((61, 72))),
        (253, Some((100, 114))),
    ];
    for (op, range) in zero_at {
        let Some((first, last)) = range else { continue };
        for (at, refused) in [(first, true), (last, true), (first - 1, false)] {
            let mut bad = data.clone();
            bad[op + at] ^= 0x01;
            let got = protocol::decode_pubdata(&bad);
            assert_eq!(got.is_err(), refused, "op at {op}, byte {at}: {got:?}");
            if refused {
                assert_eq!(got.unwrap_err().code(), "BAD_PUBDATA");
            }
        }
    }
    let mut noop = vec![0u8; 23];
    noop[22] = 1;
    assert_eq!(protocol::decode_pubdata(&noop).unwrap_err().code(), "BAD_PUBDATA");
    noop[22] = 0;
    assert!(protocol::decode_pubdata(&noop).unwrap().is_empty());
}

#[test]
fn mapping_op_round_trips_and_rejects_bad_padding() {
    let input = valid();
    let op = protocol::MappingOp::try_from(&input["burn"]).unwrap();
    let bytes = protocol::encode_mapping_op(&op);
    assert_eq!(protocol::decode_mapping_op(&bytes).unwrap(), op);
    assert_eq!(protocol::decode_mapping_op(&bytes[..83]).unwrap(), op);
    let mut bad = bytes;
    bad[90] = 1;
    assert_eq!(protocol::decode_mapping_op(&bad).unwrap_err().code(), "BAD_PUBDATA");
    assert_eq!(protocol::decode_mapping_op(&bytes[..82]).unwrap_err().code(), "BAD_PUBDATA");
}

#[test]
fn sync_hash_is_ordered_by_chain_id() {
    use alloy_primitives::{keccak256, B256};
    let a = B256::repeat_byte(1);
    let cm = B256::repeat_byte(2);
    let h1 = B256::repeat_byte(3);
    let h4 = B256::repeat_byte(4);
    let map = [(4u8, h4), (1u8, h1)].into_iter().collect();
    let start = keccak256([a.as_slice(), cm.as_slice()].concat());
    let want = keccak256([keccak256([start.as_slice(), h1.as_slice()].concat()).as_slice(), h4.as_slice()].concat());
    assert_eq!(protocol::next_sync_hash(&a, &cm, &map), want);
    let reversed = keccak256([keccak256([start.as_slice(), h4.as_slice()].concat()).as_slice(), h1.as_slice()].concat());
    assert_ne!(protocol::next_sync_hash(&a, &cm, &map), reversed);
}
