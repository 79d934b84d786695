//! A client that walks many blocks (`sync`, or `verify` of a block far from its last verified one) reads them
//! `WALK_WINDOW` at a time side by side and checks their proofs in one batch: each block keeps the verdict and evidence a
//! one-block-at-a-time client gives it, a bad proof among them is found and judged as a single verify judges it, and the
//! walk sends fewer requests.

use std::rc::Rc;
use zkbridge_light::client::{BridgeClient, ClientVerdict, WALK_WINDOW};

mod common;
#[path = "common/mem_chain.rs"]
mod mem_chain;

use common::block_on;
use mem_chain::{MemEndpoint, World};

const BLOCKS: u32 = 20;

/// A client that walks `world` one block at a time (each `verify` judges the block after its last verified one).
fn one_by_one(world: &Rc<World>, upto: u32) -> (BridgeClient<MemEndpoint>, Vec<ClientVerdict>) {
    let c = mem_chain::client(world, 2);
    let verdicts = (1..=upto).map(|k| block_on(c.verify(k, None)).unwrap()).collect();
    (c, verdicts)
}

fn codes(v: &ClientVerdict) -> Vec<String> {
    v.verdict.stages.iter().flat_map(|s| s.codes.iter().map(|f| f.code.as_str().to_owned())).collect()
}

#[test]
fn a_walk_reads_blocks_side_by_side_and_verifies_their_proofs_in_one_batch() {
    const { assert!(BLOCKS > WALK_WINDOW, "the walk spans more than one window") };
    let world = Rc::new(mem_chain::world(BLOCKS, 1, 5));
    let walker = mem_chain::client(&world, 2);
    let v = block_on(walker.sync()).unwrap().expect("new blocks");
    let walked = world.requests.replace(0);
    assert!(v.verdict.approved, "{:?}", v.verdict);
    assert_eq!(walker.verified_range(), (0, BLOCKS));
    assert_eq!(walker.pairings(), BLOCKS, "each proof verified once (a batch counts each)");
    // The same verdict and evidence, block for block, as one block at a time (every block paired alone).
    let (single, verdicts) = one_by_one(&world, BLOCKS);
    let alone = world.requests.replace(0);
    assert_eq!(single.pairings(), BLOCKS);
    assert_eq!(verdicts.last(), Some(&v));
    assert_eq!(walker.checkpoint(), single.checkpoint());
    for k in [1, WALK_WINDOW, WALK_WINDOW + 1] {
        let a = block_on(walker.verify(k, None)).unwrap();
        assert_eq!(Some(&a), verdicts.get(k as usize - 1), "block {k}");
    }
    // Per window and endpoint, once: the head, the chain id, the EVM block's hash and the four counters (7); per block:
    // storedBlockInfo, storedBlockHashes and the two calldata lookups (6), on chain 1 also storedBlockHashes(n − 1). And
    // sync's target: each chain's head and totalBlocksProven on its first endpoint.
    let windows = [WALK_WINDOW, BLOCKS - WALK_WINDOW];
    let expected: u32 = windows.iter().map(|w| 2 * (7 + 7 * w) + 2 * (7 + 6 * w)).sum::<u32>() + 2 * 2;
    assert_eq!(walked, u64::from(expected), "{walked} requests walking, {alone} one by one");
    assert!(walked * 10 < alone * 6);
    println!("{BLOCKS} blocks: {walked} requests walking, {alone} one block at a time");
}

#[test]
fn a_bad_proof_in_a_walk_gets_the_verdict_a_single_verify_gives_it() {
    // Block 13 carries block 12's proof (well-formed, for another public input).
    let mut w = mem_chain::world(BLOCKS, 1, 6);
    w.blocks[12].proof = w.blocks[11].proof;
    let world = Rc::new(w);
    let walker = mem_chain::client(&world, 2);
    let v = block_on(walker.sync()).unwrap().expect("a verdict");
    assert_eq!(v.verdict.block_number, 13);
    assert!(!v.verdict.approved);
    assert!(codes(&v).contains(&"PROOF_INVALID".to_owned()), "{:?}", codes(&v));
    assert_eq!(walker.verified_range(), (0, 12), "the walk stops at the bad proof");
    assert_eq!(walker.pairings(), 13, "the batch failed: each block up to the bad one paired alone");
    let (single, verdicts) = one_by_one(&world, 12);
    let alone = block_on(single.verify(13, None)).unwrap();
    assert!(verdicts.iter().all(|v| v.verdict.approved));
    assert_eq!(alone, v);
    // Negative twin: the honest world's block 13, walked the same way, is approved.
    let honest = Rc::new(mem_chain::world(13, 1, 6));
    let v = block_on(mem_chain::client(&honest, 2).verify(13, None)).unwrap();
    assert!(v.verdict.approved, "{:?}", codes(&v));
}
