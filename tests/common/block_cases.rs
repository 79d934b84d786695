//! Block-model cases shared by the native and the browser tests: the valid `verifyBlock` input, and one change at a time to
//! every field a rule depends on, with the codes that must follow. Plain Rust, no JS.
use alloy_primitives::hex;
use serde_json::{json, Value};
use zkbridge_light::protocol::StoredBlockInfo;

pub const VERIFY_BLOCK: &str = include_str!("../fixtures/blocks/verify-block.json");
pub const VERIFY_BLOCKS: &str = include_str!("../fixtures/blocks/verify-blocks.json");

pub struct Case {
    pub name: &'static str,
    pub input: Value,
    pub want: Expect,
}

pub fn valid() -> Value {
    serde_json::from_str(VERIFY_BLOCK).unwrap()
}

fn flip_hex_byte(s: &str, byte: usize) -> String {
    let mut b = hex::decode(&s[2..]).unwrap();
    b[byte] ^= 0x01;
    format!("0x{}", hex::encode(b))
}

/// Recomputes `storedBlockHash` of report `i` after its `storedBlock` was changed (a consistent liar).
fn rehash(v: &mut Value, i: usize) {
    let s = StoredBlockInfo::try_from(&v["reports"][i]["storedBlock"]).unwrap();
    v["reports"][i]["storedBlockHash"] = json!(format!("0x{}", hex::encode(s.hash())));
}

fn case(name: &'static str, want: Expect, f: impl FnOnce(&mut Value)) -> Case {
    let mut input = valid();
    f(&mut input);
    Case { name, input, want }
}

use super::Expect;
use Expect::{Code, Findings};

const APPROVED: Expect = Expect::Verdict(true);

pub fn cases() -> Vec<Case> {
    let both = |code: &'static str| vec![(code, Some(1u8)), (code, Some(4u8))];
    vec![
        case("valid", APPROVED, |_| {}),
        case("proof in EVM form", APPROVED, |v| {
            let p = &v["proof"];
            let w = |x: &Value| format!("{:064x}", alloy_primitives::U256::from_str_radix(x.as_str().unwrap(), 10).unwrap());
            let evm = [
                &p["pi_a"][0],
                &p["pi_a"][1],
                &p["pi_b"][0][1],
                &p["pi_b"][0][0],
                &p["pi_b"][1][1],
                &p["pi_b"][1][0],
                &p["pi_c"][0],
                &p["pi_c"][1],
            ]
            .iter()
            .map(|x| w(x))
            .collect::<String>();
            v["proof"] = json!({ "evm": format!("0x{evm}") });
        }),
        case("ethWitness changed (hashed nowhere)", APPROVED, |v| {
            v["block"]["onchainOperations"][0]["ethWitness"] = json!("0xdead")
        }),
        case("explicit destination, no burn", APPROVED, |v| {
            v.as_object_mut().unwrap().remove("burn");
            v["destination"] = json!(4);
        }),
        case("burn as decodeBurnReceipt returns it (extra fields ignored)", APPROVED, |v| {
            v["burn"]["opType"] = json!("Mapping");
            v["burn"]["offset"] = json!(0);
            v["burn"]["serialId"] = json!("5");
            v["burn"]["txHash"] = json!(format!("0x{}", "ab".repeat(32)));
        }),
        // The block.
        case(
            "a pubdata byte changed (burn amount)",
            Findings([both("COMMITMENT_MISMATCH"), vec![("PROOF_INVALID", None)]].concat()),
            |v| {
                let s = v["block"]["publicData"].as_str().unwrap().to_string();
                v["block"]["publicData"] = json!(flip_hex_byte(&s, 60));
            },
        ),
        case("a Noop byte changed", Findings([both("COMMITMENT_MISMATCH"), vec![("PROOF_INVALID", None)]].concat()), |v| {
            let s = v["block"]["publicData"].as_str().unwrap().to_string();
            v["block"]["publicData"] = json!(flip_hex_byte(&s, 100));
        }),
        case(
            "newStateHash changed",
            Findings([both("COMMITMENT_MISMATCH"), both("ROOT_MISMATCH"), vec![("PROOF_INVALID", None)]].concat()),
            |v| {
                v["block"]["newStateHash"] = json!(format!("0x{}", "45".repeat(32)));
            },
        ),
        case(
            "timestamp changed",
            Findings([both("COMMITMENT_MISMATCH"), both("CHAIN_OPS_MISMATCH"), vec![("PROOF_INVALID", None)]].concat()),
            |v| {
                v["block"]["timestamp"] = json!("1700000101");
            },
        ),
        case(
            "blockNumber changed",
            Findings(
                [both("COMMITMENT_MISMATCH"), both("BLOCK_NUMBER_MISMATCH"), vec![("PROOF_INVALID", None), ("NOT_LINKED", None)]]
                    .concat(),
            ),
            |v| {
                v["block"]["blockNumber"] = json!(3);
            },
        ),
        case("feeAccount changed", Findings([both("COMMITMENT_MISMATCH"), vec![("PROOF_INVALID", None)]].concat()), |v| {
            v["block"]["feeAccount"] = json!(4);
        }),
        case(
            "an on-chain op left out of onchainOperations",
            Findings(vec![("BAD_PUBDATA", None), ("COMMITMENT_MISMATCH", Some(1)), ("PROOF_INVALID", None)]),
            |v| {
                v["block"]["onchainOperations"].as_array_mut().unwrap().remove(1);
            },
        ),
        case("an offset moved to a Noop chunk", Findings(vec![("BAD_PUBDATA", None), ("PROOF_INVALID", None)]), |v| {
            v["block"]["onchainOperations"][1]["publicDataOffset"] = json!(92);
        }),
        case("an offset not on a chunk boundary", Findings(vec![("BAD_PUBDATA", None), ("PROOF_INVALID", None)]), |v| {
            v["block"]["onchainOperations"][1]["publicDataOffset"] = json!(116);
        }),
        case("an unknown op type in the pubdata", Findings(vec![("BAD_PUBDATA", None), ("PROOF_INVALID", None)]), |v| {
            let s = v["block"]["publicData"].as_str().unwrap().to_string();
            v["block"]["publicData"] = json!(format!("{}09{}", &s[..2 + 92 * 2], &s[2 + 92 * 2 + 2..]));
        }),
        case("zero root everywhere", Findings(vec![("ZERO_ROOT", None), ("PROOF_INVALID", None)]), |v| {
            let zero = format!("0x{}", "00".repeat(32));
            v["block"]["newStateHash"] = json!(zero);
            for i in 0..2 {
                v["reports"][i]["storedBlock"]["stateHash"] = json!(zero);
                rehash(v, i);
            }
        }),
        // prevBlock.
        case(
            "prevBlock.stateHash changed",
            Findings([both("COMMITMENT_MISMATCH"), vec![("PROOF_INVALID", None)]].concat()),
            |v| {
                v["prevBlock"]["stateHash"] = json!(format!("0x{}", "12".repeat(32)));
            },
        ),
        case("prevBlock.syncHash changed", Findings(both("SYNC_HASH_MISMATCH")), |v| {
            v["prevBlock"]["syncHash"] = json!(format!("0x{}", "34".repeat(32)));
        }),
        case("prevBlock.blockNumber changed", Findings(vec![("NOT_LINKED", None)]), |v| v["prevBlock"]["blockNumber"] = json!(0)),
        // Reports.
        case(
            "source root changed, hash not updated",
            Findings(vec![("STORED_HASH_MISMATCH", Some(1)), ("ROOT_MISMATCH", Some(1))]),
            |v| {
                v["reports"][0]["storedBlock"]["stateHash"] = json!(format!("0x{}", "66".repeat(32)));
            },
        ),
        case("a lying source: another root, consistently hashed", Findings(vec![("ROOT_MISMATCH", Some(1))]), |v| {
            v["reports"][0]["storedBlock"]["stateHash"] = json!(format!("0x{}", "66".repeat(32)));
            rehash(v, 0);
        }),
        case("a lying destination: another root, consistently hashed", Findings(vec![("ROOT_MISMATCH", Some(4))]), |v| {
            v["reports"][1]["storedBlock"]["stateHash"] = json!(format!("0x{}", "66".repeat(32)));
            rehash(v, 1);
        }),
        case("a lying destination: not synchronized", Findings(vec![("NOT_SYNCHRONIZED", Some(4))]), |v| {
            v["reports"][1]["totalBlocksSynchronized"] = json!(1);
        }),
        case("storedBlockHash changed", Findings(vec![("STORED_HASH_MISMATCH", Some(4))]), |v| {
            v["reports"][1]["storedBlockHash"] = json!(format!("0x{}", "77".repeat(32)));
        }),
        case("stored commitment changed", Findings(vec![("COMMITMENT_MISMATCH", Some(4))]), |v| {
            v["reports"][1]["storedBlock"]["commitment"] = json!(format!("0x{}", "77".repeat(32)));
            rehash(v, 1);
        }),
        case("stored priorityOperations changed", Findings(vec![("CHAIN_OPS_MISMATCH", Some(1))]), |v| {
            v["reports"][0]["storedBlock"]["priorityOperations"] = json!("1");
            rehash(v, 0);
        }),
        case("stored pendingOnchainOperationsHash changed", Findings(vec![("CHAIN_OPS_MISMATCH", Some(4))]), |v| {
            v["reports"][1]["storedBlock"]["pendingOnchainOperationsHash"] = json!(format!("0x{}", "78".repeat(32)));
            rehash(v, 1);
        }),
        case("stored timestamp changed", Findings(vec![("CHAIN_OPS_MISMATCH", Some(1))]), |v| {
            v["reports"][0]["storedBlock"]["timestamp"] = json!("1");
            rehash(v, 0);
        }),
        case("stored syncHash changed", Findings(vec![("SYNC_HASH_MISMATCH", Some(1))]), |v| {
            v["reports"][0]["storedBlock"]["syncHash"] = json!(format!("0x{}", "79".repeat(32)));
            rehash(v, 0);
        }),
        case("stored blockNumber changed", Findings(vec![("BLOCK_NUMBER_MISMATCH", Some(4))]), |v| {
            v["reports"][1]["storedBlock"]["blockNumber"] = json!(3);
            rehash(v, 1);
        }),
        case("the per-chain info of chain 1 reported by chain 4", Findings(vec![("CHAIN_OPS_MISMATCH", Some(4))]), |v| {
            let s = v["reports"][0]["storedBlock"].clone();
            v["reports"][1]["storedBlock"] = s;
            rehash(v, 1);
        }),
        case("one chain only", Findings(vec![("TOO_FEW_CHAINS", None)]), |v| {
            v["reports"].as_array_mut().unwrap().remove(0);
        }),
        case("a duplicated chain id", Findings(vec![("DUPLICATE_CHAIN", Some(4)), ("TOO_FEW_CHAINS", None)]), |v| {
            let r = v["reports"][1].clone();
            v["reports"][0] = r;
        }),
        case("a report from a chain that is not connected", Findings(vec![("UNKNOWN_CHAIN", Some(9))]), |v| {
            let mut r = v["reports"][0].clone();
            r["chainId"] = json!(9);
            v["reports"].as_array_mut().unwrap().push(r);
        }),
        case("a connected chain left out of chains", Findings(both("SYNC_HASH_MISMATCH")), |v| v["chains"] = json!([1, 4])),
        // Proof.
        case("the proof of another block", Findings(vec![("PROOF_INVALID", None)]), |v| {
            let other: Value = serde_json::from_str(VERIFY_BLOCKS).unwrap();
            v["proof"] = other["blocks"][1]["proof"].clone();
        }),
        // Burn and destination.
        case("burn amount changed", Findings(vec![("BURN_NOT_IN_BLOCK", None)]), |v| {
            v["burn"]["l2Amount"] = json!("12500000000000000001")
        }),
        case("burn owner changed", Findings(vec![("BURN_NOT_IN_BLOCK", None)]), |v| {
            v["burn"]["owner"] = json!(format!("0x{}", "12".repeat(20)))
        }),
        case("burn recipient changed", Findings(vec![("BURN_NOT_IN_BLOCK", None)]), |v| {
            v["burn"]["to"] = json!(format!("0x{}", "12".repeat(20)))
        }),
        case("burn tokenId changed", Findings(vec![("BURN_NOT_IN_BLOCK", None)]), |v| v["burn"]["tokenId"] = json!(4)),
        case("burn nonce changed", Findings(vec![("BURN_NOT_IN_BLOCK", None)]), |v| v["burn"]["nonce"] = json!(8)),
        case("burn fromChainId changed", Findings(vec![("BURN_NOT_IN_BLOCK", None)]), |v| v["burn"]["fromChainId"] = json!(7)),
        case("burn toChainId changed (and so the destination)", Findings(vec![("BURN_NOT_IN_BLOCK", None)]), |v| {
            v["burn"]["toChainId"] = json!(1)
        }),
        case("burn to a chain with no report", Findings(vec![("NO_DESTINATION", None)]), |v| v["burn"]["toChainId"] = json!(7)),
        case("neither destination nor burn", Findings(vec![("NO_DESTINATION", None)]), |v| {
            v.as_object_mut().unwrap().remove("burn");
        }),
        // Malformed input throws.
        case("bad hex", Code("INVALID_HEX"), |v| v["block"]["newStateHash"] = json!(format!("0x{}", "zz".repeat(32)))),
        case("a bytes32 of 31 bytes", Code("INVALID_LENGTH"), |v| {
            v["block"]["newStateHash"] = json!(format!("0x{}", "11".repeat(31)))
        }),
        case("a missing field", Code("MISSING_FIELD"), |v| {
            v["block"].as_object_mut().unwrap().remove("publicData");
        }),
        case("a timestamp as a JS number", Code("INVALID_NUMBER"), |v| v["block"]["timestamp"] = json!(1700000100)),
        case("a negative block number", Code("INVALID_NUMBER"), |v| v["block"]["blockNumber"] = json!(-2)),
        case("a chain id above 255", Code("INVALID_NUMBER"), |v| v["reports"][0]["chainId"] = json!(256)),
        case("a burn owner with a bad checksum", Code("BAD_CHECKSUM"), |v| {
            v["burn"]["owner"] = json!("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        }),
        case("a proof point off the curve", Code("NOT_ON_CURVE"), |v| v["proof"]["pi_a"][1] = json!("5")),
        case("a vk with two public inputs", Code("PUBLIC_INPUT_COUNT"), |v| {
            let ic0 = v["vk"]["IC"][0].clone();
            v["vk"]["IC"].as_array_mut().unwrap().push(ic0);
            v["vk"]["nPublic"] = json!(2);
        }),
        case("an EVM proof of 255 bytes", Code("INVALID_LENGTH"), |v| {
            v["proof"] = json!({ "evm": format!("0x{}", "01".repeat(255)) })
        }),
    ]
}

/// Checks a verdict (as JSON) against a case; returns a message on mismatch.
pub fn check(c: &Case, got: Result<Value, &str>) -> Result<(), String> {
    match (&c.want, got) {
        (Code(code), Err(got)) if *code == got => Ok(()),
        (Expect::Verdict(true), Ok(v))
            if v["approved"] == json!(true) && v["stages"].as_array().unwrap().iter().all(|s| s["ok"] == json!(true)) =>
        {
            let names: Vec<_> =
                v["stages"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap().to_string()).collect();
            if names == ["commit", "zkVerify", "consensus", "execute"] {
                Ok(())
            } else {
                Err(format!("{}: stages {names:?}", c.name))
            }
        }
        (Findings(want), Ok(v)) if v["approved"] == json!(false) => {
            let found: Vec<(String, Option<u64>)> = v["stages"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| {
                    s["codes"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| (f["code"].as_str().unwrap().to_string(), f["chainId"].as_u64()))
                })
                .collect();
            for (code, chain) in want {
                let hit = found.iter().any(|(c, ch)| c == code && (chain.is_none() || *ch == chain.map(u64::from)));
                if !hit {
                    return Err(format!("{}: missing {code} {chain:?}; found {found:?}", c.name));
                }
            }
            Ok(())
        }
        (want, got) => Err(format!("{}: wanted {want:?}, got {got:?}", c.name)),
    }
}
