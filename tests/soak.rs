//! The soak's in-memory part (issue 20): a client follows an in-memory bridge (tests/common/mem_chain.rs) as it grows to
//! `SOAK_BLOCKS` blocks (10 in the test command, 10,000 in `bash scripts/soak.sh`), two chains with two endpoints each, every
//! block carrying real proofs from the tests' own prover. Every block must be approved and paired once, and the process's
//! resident memory must grow less than a fixed bound: what the client keeps per block is capped at `KEPT_BLOCKS` blocks.
//! Prints blocks per second and the memory figures.

use std::rc::Rc;
use std::time::Instant;

mod common;
#[path = "common/mem_chain.rs"]
mod mem_chain;

/// This process's resident memory in bytes (Linux `/proc/self/statm`): a client that kept something per block would grow
/// it linearly; the allocator's reuse of freed memory keeps it flat otherwise.
fn live() -> isize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: isize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

#[test]
fn a_client_follows_a_growing_bridge_in_bounded_memory() {
    let n: u32 = std::env::var("SOAK_BLOCKS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let t0 = Instant::now();
    let world = Rc::new(mem_chain::world(n, 2, 77));
    let built = t0.elapsed();
    let c = mem_chain::client(&world, 2);
    // The chain grows in steps (one block at a time for short runs) and the client syncs after each.
    let step = (n / 100).max(1);
    world.height.set(0);
    let base = live();
    let mut samples = Vec::new();
    let t1 = Instant::now();
    let mut h = 0;
    while h < n {
        h = (h + step).min(n);
        world.height.set(h);
        let v = common::block_on(c.sync()).unwrap().expect("a new block");
        assert!(v.verdict.approved, "block {h}: {:?}", v.verdict);
        assert_eq!(v.verdict.block_number, h);
        drop(v);
        samples.push((h, live() - base));
    }
    let followed = t1.elapsed();
    assert_eq!(c.verified_range(), (0, n));
    assert_eq!(c.pairings(), n, "every block paired once");
    assert!(common::block_on(c.sync()).unwrap().is_none(), "nothing new");
    // What the client keeps: its anchor and at most KEPT_BLOCKS + 2 + 256 blocks (each: the stored block and the proof's
    // hash, about 300 bytes of data, about 700 of resident memory with the map's nodes and the allocator's overhead), and a
    // fixed part (the allocator's arenas). A client that kept every block would hold about 7 MB after 10,000 blocks.
    let kept = n.min(zkbridge_light::client::KEPT_BLOCKS + 258) as isize;
    let bound = 800 * kept + (2 << 20);
    let (last_h, last) = *samples.last().unwrap();
    let max = samples.iter().map(|s| s.1).max().unwrap();
    println!(
        "soak: {n} blocks ({} burns) built and proved in {:.1} s; followed in {:.1} s ({:.0} blocks/s, 2 chains × 2 endpoints, {} requests)",
        2 * n,
        built.as_secs_f64(),
        followed.as_secs_f64(),
        f64::from(n) / followed.as_secs_f64(),
        world.requests.get()
    );
    println!(
        "soak: resident memory grew {last} bytes by block {last_h} ({:.0} per block kept), at most {max} during the run, bound {bound}",
        last as f64 / kept as f64,
    );
    assert!(max <= bound, "the client holds {max} bytes after {n} blocks (bound {bound})");
    if n > zkbridge_light::client::KEPT_BLOCKS + 1024 {
        // Past the window, memory is flat: the last sample is no larger than the one at the window's end (plus one rebuild).
        let at_window = samples.iter().find(|s| s.0 >= zkbridge_light::client::KEPT_BLOCKS + 258).map(|s| s.1).unwrap();
        assert!(last <= at_window + (1 << 20), "memory still grows past the window: {at_window} → {last}");
    }
}
