//! The fuzz targets (`fuzz/targets.rs`) replayed as plain tests: each target's seed corpus (the real fixtures, the devnet's
//! blocks, valid precompile inputs, and every input a fuzzer ever found, kept in `fuzz/regressions/<target>/`), then seeded
//! random mutations of those seeds (JSON-aware: a leaf replaced by an edge value, a member removed; and byte-level), the
//! same inputs every run. `FUZZ_REPLAY=n` sets the mutations per target (default 400). `bash scripts/fuzz.sh` runs the
//! same targets under `cargo fuzz` and starts from the corpus `write_seeds` writes.

use alloy_primitives::{B256, U256};
use alloy_sol_types::SolCall;
use ark_bn254::{Fr, G1Affine, G2Affine};
use ark_ec::{AffineRepr, CurveGroup};
use ark_ff::{BigInteger, PrimeField};
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

#[path = "../fuzz/targets.rs"]
mod targets;

use targets::fake;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_json(path: &str) -> Value {
    serde_json::from_slice(&read(path)).unwrap()
}

fn hex_word(x: U256) -> String {
    format!("{x:#066x}")
}

fn g1_bytes(p: &G1Affine) -> Vec<u8> {
    let (x, y) = p.xy().map_or((Default::default(), Default::default()), |(x, y)| (x, y));
    [x.into_bigint().to_bytes_be(), y.into_bigint().to_bytes_be()].concat()
}

fn g2_bytes(q: &G2Affine) -> Vec<u8> {
    let (x, y) = q.xy().unwrap();
    // The EVM order: imaginary part first.
    [x.c1, x.c0, y.c1, y.c0].iter().flat_map(|c| c.into_bigint().to_bytes_be()).collect()
}

/// The seed corpus of one target, without the committed regressions.
fn seeds(name: &str) -> Vec<Vec<u8>> {
    let sample: Value = serde_json::from_str(targets::SAMPLE_BLOCK).unwrap();
    let sample_check = zkbridge_light::protocol::BlockCheck::try_from(&sample).unwrap();
    let text = |v: &Value| v.to_string().into_bytes();
    let sets =
        ["iden3-jwz-authv2", "generated/squares-n1", "generated/squares-n2", "generated/squares-n5", "generated/squares-n81"];
    match name {
        "snarkjs_json" => sets
            .iter()
            .map(|s| {
                let f = |n: &str| read_json(&format!("tests/fixtures/{s}/{n}"));
                text(&json!({ "vk": f("verification_key.json"), "proof": f("proof.json"), "public": f("public.json") }))
            })
            .collect(),
        "evm_proof" | "evm_words" => {
            let input = zkbridge_light::protocol::verify_block(&sample_check).public_input.unwrap();
            let input = U256::from_str_radix(&input, 10).unwrap();
            let bytes =
                [&zkbridge_light::groth16::encode_evm_proof(&sample_check.proof)[..], &input.to_be_bytes::<32>()[..]].concat();
            if name == "evm_proof" {
                vec![bytes.clone(), bytes[..256].to_vec()]
            } else {
                let words: Vec<String> = bytes.chunks(32).map(|c| format!("0x{}", alloy_primitives::hex::encode(c))).collect();
                vec![words.join(" ").into_bytes(), words.join(",").into_bytes()]
            }
        }
        "precompile" => {
            let g1 = G1Affine::generator();
            let g2 = G2Affine::generator();
            let (a, b) = (Fr::from(7u64), Fr::from(11u64));
            let p = |s: Fr| (g1 * s).into_affine();
            let q = |s: Fr| (g2 * s).into_affine();
            let scalar = |s: u64| U256::from(s).to_be_bytes::<32>().to_vec();
            vec![
                [vec![0], g1_bytes(&p(a)), g1_bytes(&p(b))].concat(),
                [vec![0], g1_bytes(&p(a))].concat(),
                vec![0],
                [vec![1], g1_bytes(&p(a)), scalar(5)].concat(),
                [vec![1], g1_bytes(&g1), U256::MAX.to_be_bytes::<32>().to_vec()].concat(),
                // e(aP, bQ)·e(−abP, Q) = 1, and a product that is not 1.
                [vec![2], g1_bytes(&p(a)), g2_bytes(&q(b)), g1_bytes(&p(-(a * b))), g2_bytes(&g2)].concat(),
                [vec![2], g1_bytes(&p(a)), g2_bytes(&q(b)), g1_bytes(&p(a * b)), g2_bytes(&g2)].concat(),
                vec![2],
            ]
        }
        "pubdata" => {
            let blocks = read_json("tests/fixtures/blocks/verify-blocks.json");
            let mut out = vec![sample_check.block.public_data.to_vec()];
            for b in blocks["blocks"].as_array().unwrap() {
                out.push(alloy_primitives::hex::decode(b["block"]["publicData"].as_str().unwrap()).unwrap());
            }
            out
        }
        "block_check" => vec![targets::SAMPLE_BLOCK.as_bytes().to_vec(), read("tests/fixtures/blocks/verify-block.json")],
        "blocks_check" => vec![read("tests/fixtures/blocks/verify-blocks.json")],
        "chain_report" => {
            let mut out: Vec<Vec<u8>> = sample["reports"].as_array().unwrap().iter().map(text).collect();
            out.push(text(&sample["prevBlock"]));
            if let Some(burn) = sample.get("burn") {
                out.push(text(burn));
            }
            out
        }
        "rpc_answer" => {
            let f = fake::Fake::new(1, fake::Behaviour::default());
            let tx = |h: u8| f.answer("eth_getTransactionByHash", &json!([B256::repeat_byte(h)])).unwrap();
            let input = |h: u8| alloy_primitives::hex::decode(tx(h)["input"].as_str().unwrap()).unwrap();
            let logs = f.answer("eth_getLogs", &json!([{ "topics": [B256::ZERO, B256::from(U256::from(1u8))] }])).unwrap();
            let info = zkbridge_light::client::IZkBridge::storedBlockInfoCall::abi_encode_returns(
                &zkbridge_light::client::IZkBridge::StoredBlockInfo::from(&f.stored().0),
            );
            vec![
                [&[0u8][..], br#"{"jsonrpc":"2.0","id":1,"result":"0x10"}"#].concat(),
                [&[0u8][..], br#"{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted"}}"#].concat(),
                [&[1u8][..], br#""0x1f""#].concat(),
                [vec![2u8], text(&logs)].concat(),
                [vec![3u8], text(&logs)].concat(),
                [vec![4u8], text(&logs)].concat(),
                [vec![5u8], text(&tx(0xc0))].concat(),
                [vec![6u8], text(&json!({ "number": "0x10", "hash": B256::repeat_byte(1) }))].concat(),
                [vec![7u8], info].concat(),
                [vec![8u8], input(0xc0)].concat(),
                [vec![9u8], input(0xd0)].concat(),
            ]
        }
        "evidence" => {
            let mut out = vec![read("tests/fixtures/evidence/forged-under-deployment-key.json")];
            for (a, b) in [
                (vec![Default::default(), Default::default()], vec![Default::default()]),
                (
                    vec![Default::default()],
                    vec![fake::Behaviour { root: Some(B256::repeat_byte(9)), rehash: true, ..Default::default() }],
                ),
            ] {
                let v = targets::block_on(fake::client(a, b).verify(1, Some(2))).unwrap();
                let mut verdict = serde_json::to_value(&v).unwrap();
                let mut file = verdict.as_object_mut().unwrap().remove("evidence").unwrap();
                file["verdict"] = verdict;
                out.push(text(&file));
            }
            out
        }
        "burn_params" => vec![text(&json!({
            "chainId": "0x7a69", "fromChainId": 1, "bridge": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "from": "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", "token": "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "decimals": 6, "amount": "12.5", "toChainId": 4, "to": "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            "nonce": 7, "withdrawFee": 10, "allowance": "1000000",
            "notTo": ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]
        }))],
        "receipt" => {
            let op = zkbridge_light::protocol::decode_mapping_ops(&sample_check.block.public_data).unwrap()[0].clone();
            let ev = zkbridge_light::client::IZkBridge::NewPriorityRequest {
                sender: op.owner,
                serialId: 5,
                opType: zkbridge_light::protocol::MAPPING,
                pubData: zkbridge_light::protocol::encode_mapping_op(&op).to_vec().into(),
                expirationBlock: U256::from(40_325),
            };
            use alloy_sol_types::SolEvent;
            let log = json!({ "address": fake::bridge(), "topics": [zkbridge_light::client::IZkBridge::NewPriorityRequest::SIGNATURE_HASH],
                "data": format!("0x{}", alloy_primitives::hex::encode(ev.encode_data())) });
            vec![
                text(&json!({ "transactionHash": B256::repeat_byte(0xab), "status": "0x1", "logs": [log] })),
                text(&json!({ "transactionHash": B256::repeat_byte(0xab), "status": "0x0", "logs": [log] })),
            ]
        }
        "stored_record" => {
            let anchor = zkbridge_light::protocol::StoredBlockInfo::default();
            let rec = json!({ "format": 1, "burns": [{ "chainId": 1, "txHash": B256::repeat_byte(0xab), "status": "pending", "sentAt": 5 }] });
            let with = zkbridge_light::client::track::with_checkpoint(&rec, &anchor, &sample_check.prev);
            let mut later = sample_check.prev.clone();
            later.block_number = 3;
            vec![
                text(&rec),
                text(&with),
                text(&zkbridge_light::client::track::with_checkpoint(&rec, &anchor, &later)),
                text(&json!({ "vk": sample["vk"], "anchor": sample["prevBlock"], "genesis": sample["prevBlock"],
                    "chains": [{ "chainId": 1, "evmChainId": 31001, "bridge": fake::bridge(), "deployBlock": 0 }],
                    "tokens": [{ "tokenId": 1, "decimals": 6 }] })),
            ]
        }
        "client_transport" => vec![vec![0], vec![3, 0, 0, 0, 2], vec![1, 1, 1, 9, 0], vec![2, 64, 3, 7, 0], vec![0, 16, 4, 0, 0]],
        other => panic!("no seeds for {other}"),
    }
}

/// The committed inputs a fuzzer found (or a person added) for a target: `fuzz/regressions/<target>/*`.
fn regressions(name: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("fuzz/regressions").join(name);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<_> = entries.map(|e| e.unwrap().path()).map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect();
    out.sort();
    out
}

/// Values that sit on an edge of some rule: field moduli and their neighbours, 2^256, signs, spaces, empty, huge, wrong types.
fn edge_values() -> Vec<Value> {
    let p = "21888242871839275222246405745257275088696311257291463445773116692474553658583";
    let r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
    vec![
        json!(""),
        json!("0"),
        json!("1"),
        json!("0x"),
        json!("0x0"),
        json!("0x00"),
        json!(p),
        json!("21888242871839275222246405745257275088696311257291463445773116692474553658582"),
        json!(r),
        json!("21888242871839275222246405745257275088548364400416034343698204186575808495616"),
        json!("115792089237316195423570985008687907853269984665640564039457584007913129639936"),
        json!(hex_word(U256::MAX)),
        json!("-1"),
        json!(" 1"),
        json!("1e3"),
        json!("0x0000000000000000000000000000000000000000"),
        json!("0xZZ"),
        json!("x".repeat(5000)),
        json!(null),
        json!(true),
        json!([]),
        json!({}),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(4294967296u64),
        json!(256),
        json!([[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]),
    ]
}

/// Every leaf's JSON pointer, and every member's.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
            out.push(p.clone());
            pointers(x, p, out);
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
            let p = format!("{at}/{i}");
            out.push(p.clone());
            pointers(x, p, out);
        }),
        _ => {}
    }
}

fn mutate(seed: &[u8], others: &[Vec<u8>], rng: &mut rand::rngs::StdRng) -> Vec<u8> {
    let parsed = std::str::from_utf8(seed).ok().and_then(|t| serde_json::from_str::<Value>(t).ok());
    if let (Some(mut v), true) = (parsed, rng.gen_bool(0.7)) {
        let mut ps = Vec::new();
        pointers(&v, String::new(), &mut ps);
        for _ in 0..rng.gen_range(1..=3) {
            if ps.is_empty() {
                break;
            }
            let p = ps[rng.gen_range(0..ps.len())].clone();
            match rng.gen_range(0..10) {
                0 => {
                    // Remove the member or element.
                    let (parent, last) = p.rsplit_once('/').unwrap();
                    match v.pointer_mut(parent) {
                        Some(Value::Object(m)) => {
                            m.remove(&last.replace("~1", "/").replace("~0", "~"));
                        }
                        Some(Value::Array(a)) => {
                            // (An earlier edit may have put an array where the pointer named a member.)
                            if let Some(i) = last.parse::<usize>().ok().filter(|i| *i < a.len()) {
                                a.remove(i);
                            }
                        }
                        _ => {}
                    }
                }
                1 => {
                    // A string of hex digits with one digit changed, or cut, or grown.
                    if let Some(Value::String(s)) = v.pointer_mut(&p) {
                        if !s.is_empty() {
                            let i = rng.gen_range(0..s.len());
                            if s.is_char_boundary(i) && s.is_char_boundary(i + 1) {
                                let c = b"0123456789abcdefABCDEFx "[rng.gen_range(0..24)] as char;
                                s.replace_range(i..i + 1, &c.to_string());
                            }
                        }
                    }
                }
                2 => {
                    if let Some(Value::String(s)) = v.pointer_mut(&p) {
                        let n = rng.gen_range(0..=s.len());
                        if s.is_char_boundary(n) {
                            s.truncate(n);
                        }
                    }
                }
                3 => {
                    // A copy of another element of the same array, or a duplicate.
                    if let Some(Value::Array(a)) = v.pointer_mut(&p) {
                        if let Some(x) = a.first().cloned() {
                            a.push(x);
                        }
                    }
                }
                _ => {
                    let edges = edge_values();
                    if let Some(x) = v.pointer_mut(&p) {
                        *x = edges[rng.gen_range(0..edges.len())].clone();
                    }
                }
            }
        }
        return v.to_string().into_bytes();
    }
    let mut b = seed.to_vec();
    for _ in 0..rng.gen_range(1..=4) {
        match rng.gen_range(0..7) {
            0 if !b.is_empty() => {
                let i = rng.gen_range(0..b.len());
                b[i] ^= 1 << rng.gen_range(0..8);
            }
            1 if !b.is_empty() => {
                let i = rng.gen_range(0..b.len());
                b[i] = [0u8, 0xff, 0x7f, 0x80, 0x30, 0x22][rng.gen_range(0..6)];
            }
            2 => {
                let i = rng.gen_range(0..=b.len());
                b.insert(i, rng.gen());
            }
            3 if !b.is_empty() => {
                let i = rng.gen_range(0..b.len());
                b.remove(i);
            }
            4 => {
                let n = rng.gen_range(0..=b.len());
                b.truncate(n);
            }
            5 if !others.is_empty() => {
                // Splice: this seed's head, another's tail.
                let o = &others[rng.gen_range(0..others.len())];
                let (i, j) = (rng.gen_range(0..=b.len()), rng.gen_range(0..=o.len()));
                b.truncate(i);
                b.extend_from_slice(&o[j..]);
            }
            _ if b.len() >= 32 => {
                // A 32-byte word set to an edge: zero, all ones, p, r.
                let i = rng.gen_range(0..=b.len() - 32) / 32 * 32;
                let edge = [
                    [0u8; 32],
                    [0xff; 32],
                    U256::from_str_radix("21888242871839275222246405745257275088696311257291463445773116692474553658583", 10)
                        .unwrap()
                        .to_be_bytes(),
                    U256::from_str_radix("21888242871839275222246405745257275088548364400416034343698204186575808495617", 10)
                        .unwrap()
                        .to_be_bytes(),
                ][rng.gen_range(0..4)];
                b[i..i + 32].copy_from_slice(&edge);
            }
            _ => b.push(rng.gen()),
        }
    }
    b
}

/// The mutations' generator for a target: seeded by its name, so every run makes the same inputs.
fn rng_for(name: &str) -> rand::rngs::StdRng {
    rand::rngs::StdRng::seed_from_u64(
        name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)),
    )
}

/// Replays a target: seeds, regressions, then `FUZZ_REPLAY` mutations (the same every run: the rng is seeded by the name).
fn replay(name: &str) {
    let target = targets::TARGETS.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("no target {name}")).1;
    let seeds = seeds(name);
    for (i, s) in seeds.iter().enumerate() {
        let r = std::panic::catch_unwind(|| target(s));
        assert!(r.is_ok(), "{name}: seed {i} fails");
    }
    for (path, input) in regressions(name) {
        let r = std::panic::catch_unwind(|| target(&input));
        assert!(r.is_ok(), "{name}: {} fails", path.display());
    }
    let n: usize = std::env::var("FUZZ_REPLAY").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let mut rng = rng_for(name);
    for i in 0..n {
        let seed = &seeds[rng.gen_range(0..seeds.len())];
        let input = mutate(seed, &seeds, &mut rng);
        let r = std::panic::catch_unwind(|| target(&input));
        if r.is_err() {
            let dir = std::env::temp_dir().join("zkbridge-fuzz-replay").join(name);
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("mutation-{i}"));
            std::fs::write(&path, &input).unwrap();
            panic!("{name}: mutation {i} fails; the input is in {} (copy it into fuzz/regressions/{name}/)", path.display());
        }
    }
}

macro_rules! replays {
    ($($name:ident),* $(,)?) => {
        $( #[test] fn $name() { replay(stringify!($name)); } )*
        /// Every target of `fuzz/targets.rs` is replayed here.
        #[test]
        fn every_target_is_replayed() {
            let here = [$(stringify!($name)),*];
            let all: Vec<&str> = targets::TARGETS.iter().map(|(n, _)| *n).collect();
            assert_eq!(here.to_vec(), all);
            for n in &all {
                assert!(root().join("fuzz/fuzz_targets").join(format!("{n}.rs")).exists(), "fuzz/fuzz_targets/{n}.rs");
            }
        }
    };
}

replays!(
    snarkjs_json,
    evm_proof,
    evm_words,
    precompile,
    pubdata,
    block_check,
    blocks_check,
    chain_report,
    rpc_answer,
    evidence,
    burn_params,
    receipt,
    stored_record,
    client_transport,
);

/// Writes each target's seeds and regressions into `$FUZZ_SEED_DIR/<target>/` (the starting corpus of `scripts/fuzz.sh`),
/// and with `FUZZ_MUTATIONS=n` the first n mutations `replay` makes too (the inputs the Chromium test gives the JS API).
#[test]
#[ignore = "run by scripts/fuzz.sh and tests/node/fuzz-corpus.test.mjs"]
fn write_seeds() {
    let out = PathBuf::from(std::env::var("FUZZ_SEED_DIR").expect("FUZZ_SEED_DIR"));
    let mutations: usize = std::env::var("FUZZ_MUTATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    for (name, _) in targets::TARGETS {
        let dir = out.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let seeds = seeds(name);
        for (i, s) in seeds.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i}")), s).unwrap();
        }
        for (path, input) in regressions(name) {
            std::fs::write(dir.join(Path::new(path.file_name().unwrap())), input).unwrap();
        }
        let mut rng = rng_for(name);
        for i in 0..mutations {
            let seed = &seeds[rng.gen_range(0..seeds.len())];
            std::fs::write(dir.join(format!("mutation-{i}")), mutate(seed, &seeds, &mut rng)).unwrap();
        }
    }
}

/// The seeds are valid inputs, so every replay reaches the oracles past the readers (a seed that stopped parsing would
/// leave the mutations testing only the readers' refusals).
#[test]
fn seeds_reach_the_oracles() {
    use zkbridge_light::calldata::{build_burn, decode_burn_receipt, BurnParams, Receipt};
    use zkbridge_light::client::{verify_evidence, EvidenceBundle};
    use zkbridge_light::protocol::{decode_pubdata, verify_block, verify_blocks, BlockCheck, BlocksCheck, Report};
    let json = |b: &Vec<u8>| serde_json::from_slice::<Value>(b).unwrap();
    for s in seeds("snarkjs_json") {
        let v = json(&s);
        assert!(zkbridge_light::groth16::snarkjs::verify_groth16(&v["vk"], &v["proof"], &v["public"]).unwrap());
    }
    assert!(verify_block(&BlockCheck::try_from(&json(&seeds("block_check")[0])).unwrap()).approved);
    assert!(verify_blocks(&BlocksCheck::try_from(&json(&seeds("blocks_check")[0])).unwrap()).approved);
    for s in seeds("pubdata") {
        assert!(!decode_pubdata(&s).unwrap().is_empty());
    }
    for s in seeds("chain_report").iter().take(2) {
        Report::try_from(&json(s)).unwrap();
    }
    let agreeing = seeds("evidence")
        .iter()
        .filter(|s| verify_evidence(&EvidenceBundle::try_from(&json(s)).unwrap(), None).unwrap().agrees)
        .count();
    // (The forged bundle agrees with its own verdict too: only anchoring it to the deployment or the chains refuses it.)
    assert_eq!(agreeing, 3, "every evidence seed agrees with the verdict it carries");
    build_burn(&BurnParams::try_from(&json(&seeds("burn_params")[0])).unwrap()).unwrap();
    let receipt = Receipt::try_from(&json(&seeds("receipt")[0])).unwrap();
    decode_burn_receipt(&receipt, targets::fake::bridge()).unwrap();
    // The first evm_proof seed verifies, and so does the first client_transport seed (honest endpoints).
    let s = &seeds("evm_proof")[0];
    let words: Vec<String> = s[256..].chunks(32).map(|c| format!("0x{}", alloy_primitives::hex::encode(c))).collect();
    let v: Value = serde_json::from_str(targets::SAMPLE_BLOCK).unwrap();
    assert!(zkbridge_light::json::block_verifier(&v["vk"]).unwrap().verify_evm_bytes(&s[..256], &words).unwrap());
    // Each precompile seed the EVM accepts is accepted here (the pairing seeds: one product is 1, one is not).
    let p = seeds("precompile");
    assert!(zkbridge_light::groth16::precompile::bn254_pairing(&p[5][1..]).unwrap());
    assert!(!zkbridge_light::groth16::precompile::bn254_pairing(&p[6][1..]).unwrap());
    // A stored record with a checkpoint after the anchor resumes.
    let rec = json(&seeds("stored_record")[2]);
    assert!(zkbridge_light::client::track::resume_from(&rec, &Default::default()).unwrap().is_some());
}
