//! The devnet end to end on two fresh anvil chains, driven by the library functions the CLI uses: burns become mints,
//! the chains store what the light client's core computes, the on-chain verifier agrees with ours, and the contracts refuse
//! a hostile operator with the reason asserted.

use alloy::primitives::{Address, B256, U256};
use std::collections::BTreeMap;
use zkbridge_devnet::contracts::{proof_words, IGroth16Verifier};
use zkbridge_devnet::devnet::PreparedBlock;
use zkbridge_devnet::{keys, Devnet, Error, Plan};
use zkbridge_light::protocol::{self as core, BlockCheck, Report};

fn units(s: &str, decimals: u8) -> U256 {
    zkbridge_light::calldata::parse_amount(s, decimals).unwrap()
}

fn reverted(r: Result<impl std::fmt::Debug, Error>, reason: &str) {
    match r {
        Err(Error::Reverted { reason: got, .. }) => assert!(got.contains(reason), "reverted with {got:?}, wanted {reason:?}"),
        other => panic!("wanted a revert with {reason:?}, got {other:?}"),
    }
}

/// The light client's verdict on a block the devnet sent, from what the chains store.
async fn verdict(d: &Devnet, b: &PreparedBlock, vk: &ark_groth16::VerifyingKey<ark_bn254::Bn254>, dest: u8) -> core::Verdict {
    let mut reports = Vec::new();
    for c in &d.chains {
        let id = c.info.chain_id;
        let stored = d.stored_block(id, b.block.block_number).await.unwrap();
        let hash = c.bridge.storedBlockHashes(b.block.block_number).call().await.unwrap();
        let synced = c.bridge.totalBlocksSynchronized().call().await.unwrap();
        reports.push(Report { chain_id: id, stored_block: stored, stored_block_hash: hash, total_blocks_synchronized: synced });
    }
    let check = BlockCheck {
        verifier: zkbridge_light::Groth16Verifier::new(vk.clone()).unwrap(),
        proof: b.proof.clone(),
        prev: b.prev[&1].clone(),
        block: b.block.clone(),
        chains: d.deployment.connected_chains.clone(),
        reports,
        destination: Some(dest),
        burn: None,
    };
    core::verify_block(&check)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn burns_are_minted_and_hostile_operators_refused() {
    let mut log = |s: &str| eprintln!("{s}");
    let pk = keys::load_or_build(&mut log).unwrap();
    let d = Devnet::start(&Plan::default(), &pk.vk, &mut log).await.unwrap();
    let user: Address = d.deployment.accounts[1].address;
    let other: Address = d.deployment.accounts[2].address;

    // 1. One burn on A → one block → minted on B, A's supply falls by the same amount.
    let (b0, s0) = (d.balance(2, "USDX", user).await.unwrap(), d.total_supply(1, "USDX").await.unwrap());
    let sent = d.burn(1, 1, "USDX", "12.5", 2, user).await.unwrap();
    assert_eq!(sent.op.amount, 12_500_000_000_000_000_000);
    assert_eq!(d.pending_burns().await.unwrap().len(), 1);
    let b1 = d.run_block(&pk, &mut log).await.unwrap().unwrap();
    assert_eq!(d.balance(2, "USDX", user).await.unwrap() - b0, units("12.5", 6));
    assert_eq!(s0 - d.total_supply(1, "USDX").await.unwrap(), units("12.5", 6));
    assert!(d.pending_burns().await.unwrap().is_empty());
    for (_, counters) in d.status().await.unwrap() {
        assert_eq!(counters, [1, 1, 1, 1]);
    }
    // Parity: each chain stored exactly what the core computes, and the light client approves the block.
    for (id, want) in &b1.stored {
        assert_eq!(&d.stored_block(*id, 1).await.unwrap(), want);
        assert_eq!(d.chain(*id).unwrap().bridge.storedBlockHashes(1).call().await.unwrap(), want.hash());
    }
    let v = verdict(&d, &b1, &pk.vk, 2).await;
    assert!(v.approved, "{v:#?}");

    // 2. Two burns in one block, two tokens of 6 and 18 decimals, one in each direction.
    let (a_weth, b_usdx) = (d.balance(1, "WETX", other).await.unwrap(), d.balance(2, "USDX", other).await.unwrap());
    d.burn(2, 1, "USDX", "0.000001", 2, other).await.unwrap();
    d.burn(2, 2, "WETX", "1.000000000000000001", 1, other).await.unwrap();
    let b2 = d.run_block(&pk, &mut log).await.unwrap().unwrap();
    assert_eq!(b2.ops.len(), 2);
    assert_eq!(d.balance(2, "USDX", other).await.unwrap() - b_usdx, U256::from(1u8));
    assert_eq!(d.balance(1, "WETX", other).await.unwrap() - a_weth, units("1.000000000000000001", 18));
    for (id, want) in &b2.stored {
        assert_eq!(&d.stored_block(*id, 2).await.unwrap(), want);
    }
    assert!(verdict(&d, &b2, &pk.vk, 1).await.approved);

    // The light client's core reads both chains itself over HTTP (two endpoints for chain 1, one for chain 2), from the
    // genesis anchor: block 2 is approved on top of block 1 it verified itself; sync() has nothing more to do.
    {
        // Two endpoints for chain 1, one for chain 2.
        let client = zkbridge_devnet::http::light_client(&d.deployment, &pk.vk, |c| if c == 1 { 2 } else { 1 }).unwrap();
        let v = client.verify(2, Some(1)).await.unwrap();
        assert!(v.verdict.approved, "{v:#?}");
        assert_eq!(v.reads.len(), 3);
        assert_eq!(v.warnings.len(), 1, "chain 2 has one endpoint");
        assert_eq!(client.verified_range(), (0, 2));
        assert!(client.sync().await.unwrap().is_none());
        assert_eq!(client.verify(3, None).await.unwrap_err().code(), "BLOCK_NOT_FOUND");
    }

    // 3. The on-chain verifier and ours agree: the real proof verifies; another input does not (false on both); a word that is
    //    not a point is refused (the chain reverts, the library refuses to parse it).
    let verifier = IGroth16Verifier::new(d.chains[0].info.verifier, d.chains[0].operator.clone());
    let words = proof_words(&b2.proof);
    let x = core::public_input(&b2.stored[&1].commitment);
    assert!(verifier.verifyProof(words, x).call().await.unwrap());
    let ours = zkbridge_light::Groth16Verifier::new(pk.vk.clone()).unwrap();
    let fr = |u: U256| zkbridge_light::field::u256_to_fr(u).unwrap();
    assert!(ours.verify(&b2.proof, &[fr(x)]).unwrap());
    let x1 = x ^ U256::from(1u8);
    assert!(!verifier.verifyProof(words, x1).call().await.unwrap());
    assert!(!ours.verify(&b2.proof, &[fr(x1)]).unwrap());
    let mut bad = words;
    bad[0] += U256::from(1u8);
    assert!(verifier.verifyProof(bad, x).call().await.is_err());
    let bad_bytes: Vec<u8> = bad.iter().flat_map(|w| w.to_be_bytes::<32>()).collect();
    assert_eq!(zkbridge_light::groth16::parse_evm_proof_bytes(&bad_bytes).unwrap_err().code(), "NOT_ON_CURVE");

    // 3b. The zero address as recipient: refused by the light client's builder (ZERO_ADDRESS) and by the contract itself
    //     ("zero recipient", before any token is taken); the same call to the user gets past that check.
    match d.burn(1, 1, "USDX", "1", 2, Address::ZERO).await {
        Err(Error::Calldata(e)) => assert_eq!(e.code(), "ZERO_ADDRESS"),
        other => panic!("wanted ZERO_ADDRESS, got {other:?}"),
    }
    let a = &d.chains[0];
    let token = d.deployment.tokens[0].addresses["1"];
    let call = |to: Address| a.bridge.mappingToken(user, to, alloy::primitives::Uint::from(1u8), token, 2, 0, 0);
    let zero = call(Address::ZERO).call().await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(zero.contains("zero recipient"), "{zero}");
    let honest = call(user).call().await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(!honest.contains("zero recipient"), "{honest}");

    // 4. A hostile operator. Block 3 on top of block 2, with one honest burn pending.
    d.burn(1, 1, "USDX", "1", 2, user).await.unwrap();
    let ops: Vec<_> = d.pending_burns().await.unwrap().into_iter().map(|(_, _, op)| op).collect();
    let b3 = d.prepare_block(&pk, ops.clone()).await.unwrap();
    // A Mapping op chain A never received.
    let mut forged_op = ops[0].clone();
    forged_op.amount *= 2;
    let forged = d.prepare_block(&pk, vec![forged_op]).await.unwrap();
    reverted(d.commit(1, &forged.prev[&1], &forged.block).await, "not a priority request");
    // Offsets that are not the block's ops (the data its commitment is taken over).
    let mut lying = b3.block.clone();
    lying.onchain_operations[0].public_data_offset = 23;
    reverted(d.commit(1, &b3.prev[&1], &lying).await, "offsets differ");
    // Honest commit on both chains, then a proof of another block.
    for id in [1u8, 2] {
        d.commit(id, &b3.prev[&id], &b3.block).await.unwrap();
    }
    reverted(d.prove_on(1, &b3.stored[&1], proof_words(&b2.proof)).await, "invalid proof");
    // Execute before sync.
    d.prove_on(1, &b3.stored[&1], proof_words(&b3.proof)).await.unwrap();
    reverted(d.execute(1, &b3.stored[&1], &ops).await, "not synchronized");
    // A relayed sync hash that differs.
    let mut hashes: BTreeMap<u8, B256> = b3.stored.iter().map(|(c, s)| (*c, s.sync_hash)).collect();
    hashes.insert(2, B256::repeat_byte(7));
    reverted(d.sync(1, &b3.stored[&1], &hashes).await, "sync hash differs");
    // Honest sync and execute, then the same block executed twice.
    let good: BTreeMap<u8, B256> = b3.stored.iter().map(|(c, s)| (*c, s.sync_hash)).collect();
    d.sync(1, &b3.stored[&1], &good).await.unwrap();
    let before = d.balance(2, "USDX", user).await.unwrap();
    d.execute(1, &b3.stored[&1], &ops).await.unwrap();
    reverted(d.execute(1, &b3.stored[&1], &ops).await, "block number");
    // Chain B finishes the block: the mint happens once.
    d.prove_on(2, &b3.stored[&2], proof_words(&b3.proof)).await.unwrap();
    d.sync(2, &b3.stored[&2], &good).await.unwrap();
    d.execute(2, &b3.stored[&2], &ops).await.unwrap();
    reverted(d.execute(2, &b3.stored[&2], &ops).await, "block number");
    assert_eq!(d.balance(2, "USDX", user).await.unwrap() - before, units("1", 6));
}
