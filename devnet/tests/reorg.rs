//! Reorgs on a real devnet, made with anvil's `evm_snapshot`/`evm_revert` and with `anvil_reorg`: the light client
//! verified block 1, both chains then lose it and seal another block 1 and a block 2 on it. Verifying block 2, the client
//! finds that no chain stores its block 1 any more, rolls it back, judges the new block 1 and block 2 from the chains, and
//! approves with a `REORG` warning — honest chains are never blamed (no `ROOT_MISMATCH`, `SYNC_HASH_MISMATCH` or
//! `CHECKPOINT_MISMATCH`).

use serde_json::{json, Value};
use std::time::Duration;
use zkbridge_devnet::devnet::{Devnet, Plan};
use zkbridge_devnet::http::Http;
use zkbridge_devnet::keys;
use zkbridge_light::client::Transport;

async fn rpc(url: &str, method: &str, params: Value) -> Value {
    Http::new(url, Duration::from_secs(5)).request(method, params).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reverted_and_resealed_block_is_a_reorg_not_a_lie() {
    let mut log = |s: &str| eprintln!("{s}");
    let pk = keys::load_or_build(&mut log).unwrap();
    let d = Devnet::start(&Plan::default(), &pk.vk, &mut log).await.unwrap();
    let user = d.deployment.accounts[1].address;
    d.burn(1, 1, "USDX", "1", 2, user).await.unwrap();
    // Both chains remember this moment: one burn pending, no block yet.
    let mut snapshots = Vec::new();
    for c in &d.deployment.chains {
        snapshots.push((c.rpc_url.clone(), rpc(&c.rpc_url, "evm_snapshot", json!([])).await));
    }
    let first = d.run_block(&pk, &mut log).await.unwrap().unwrap();
    assert_eq!(first.ops.len(), 1);

    let client = zkbridge_devnet::http::light_client(&d.deployment, &pk.vk, |_| 1).unwrap();
    assert!(client.verify(1, None).await.unwrap().verdict.approved);
    assert_eq!(client.verified_range(), (0, 1));
    let verified_1 = client.checkpoint().unwrap();

    // The chains revert past block 1 and seal other blocks: block 1 now carries two burns, block 2 a third.
    for (url, id) in &snapshots {
        assert_eq!(rpc(url, "evm_revert", json!([id])).await, json!(true));
    }
    d.burn(1, 1, "USDX", "2", 2, user).await.unwrap();
    let resealed = d.run_block(&pk, &mut log).await.unwrap().unwrap();
    assert_eq!((resealed.block.block_number, resealed.ops.len()), (1, 2));
    d.burn(2, 1, "USDX", "3", 2, user).await.unwrap();
    let second = d.run_block(&pk, &mut log).await.unwrap().unwrap();
    assert_eq!(second.block.block_number, 2);

    let v = client.verify(2, None).await.unwrap();
    let warnings: Vec<&str> = v.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(v.verdict.approved, "{:#?}", v.verdict);
    assert!(warnings.contains(&"REORG"), "{warnings:?}");
    assert!(v.verdict.stages.iter().all(|s| s.codes.is_empty()), "no chain blamed: {:#?}", v.verdict.stages);
    assert_eq!(client.verified_range(), (0, 2));
    // What the client now holds for block 1 is the resealed block, not the one it verified first.
    let now_1 = d.stored_block(1, 1).await.unwrap();
    assert_ne!(now_1, verified_1);
    assert_eq!(now_1.commitment, resealed.stored[&1].commitment);
    // Negative twin: without a reorg (the chains keep what the client verified) there is no REORG warning.
    d.burn(1, 1, "USDX", "4", 2, user).await.unwrap();
    d.run_block(&pk, &mut log).await.unwrap().unwrap();
    let v3 = client.verify(3, None).await.unwrap();
    assert!(v3.verdict.approved && v3.warnings.iter().all(|w| w.code.as_str() != "REORG"), "{:#?}", v3.warnings);
}

/// The same through anvil's own reorg (`anvil_reorg`: the last blocks replaced by empty ones at the same heights), on
/// both chains: the operator's commit, prove, sync and execute of block 1 are gone, the burn stays. The operator seals
/// another block 1 and a block 2; verifying block 2 the client rolls its block 1 back (`REORG`), blaming no chain.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anvil_reorg_of_the_verified_block_is_a_reorg_not_a_lie() {
    let mut log = |s: &str| eprintln!("{s}");
    let pk = keys::load_or_build(&mut log).unwrap();
    let d = Devnet::start(&Plan::default(), &pk.vk, &mut log).await.unwrap();
    let user = d.deployment.accounts[1].address;
    d.burn(1, 1, "USDX", "1", 2, user).await.unwrap();
    let head = |v: Value| u64::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
    let mut before = Vec::new();
    for c in &d.deployment.chains {
        before.push(head(rpc(&c.rpc_url, "eth_blockNumber", json!([])).await));
    }
    let first = d.run_block(&pk, &mut log).await.unwrap().unwrap();
    assert_eq!(first.block.block_number, 1);
    let client = zkbridge_devnet::http::light_client(&d.deployment, &pk.vk, |_| 1).unwrap();
    assert!(client.verify(1, None).await.unwrap().verdict.approved);
    let verified_1 = client.checkpoint().unwrap();

    for (c, at) in d.deployment.chains.iter().zip(&before) {
        let depth = head(rpc(&c.rpc_url, "eth_blockNumber", json!([])).await) - at;
        assert!(depth > 0);
        assert_eq!(rpc(&c.rpc_url, "anvil_reorg", json!([depth, []])).await, Value::Null);
    }
    // No chain stores block 1 any more: nothing is committed.
    assert_eq!(d.stored_block(1, 1).await.ok().map(|s| s.block_number).unwrap_or(0), 0);
    d.burn(1, 1, "USDX", "2", 2, user).await.unwrap();
    let resealed = d.run_block(&pk, &mut log).await.unwrap().unwrap();
    assert_eq!((resealed.block.block_number, resealed.ops.len()), (1, 2));
    d.burn(2, 1, "USDX", "3", 2, user).await.unwrap();
    assert_eq!(d.run_block(&pk, &mut log).await.unwrap().unwrap().block.block_number, 2);

    let v = client.verify(2, None).await.unwrap();
    assert!(v.verdict.approved, "{:#?}", v.verdict);
    assert!(v.warnings.iter().any(|w| w.code.as_str() == "REORG"), "{:?}", v.warnings);
    assert!(v.verdict.stages.iter().all(|s| s.codes.is_empty()), "no chain blamed: {:#?}", v.verdict.stages);
    assert_ne!(client.checkpoint().unwrap(), verified_1);
}
