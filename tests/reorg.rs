//! Reorgs: in-memory chains of several blocks (built with the block builder, proven with the tests' own key), which a test
//! can revert and re-seal. A client that verified block k, asked for k + 1 after the chains re-sealed k differently, rolls
//! k back and goes on (`REORG` warning); one lying endpoint of two never makes it roll back.

mod common;

use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::SolCall;
use ark_ff::PrimeField;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::{ready, Future};
use std::rc::Rc;
use zkbridge_light::client::{BridgeClient, ChainConfig, Endpoint, IZkBridge, Retry, Transport, TransportError};
use zkbridge_light::protocol::{BlockBuilder, CommitBlockInfo, DerivedBlock, StoredBlockInfo};

const CHAINS: [u8; 2] = [1, 2];

use common::block_on;

/// One sealed block: its data, what each chain stores, its proof (EVM form).
#[derive(Clone)]
struct Sealed {
    block: CommitBlockInfo,
    stored: BTreeMap<u8, StoredBlockInfo>,
    proof: [u8; 256],
}

/// The chains' history, shared by every endpoint (a test reverts and re-seals it).
struct History {
    genesis: StoredBlockInfo,
    blocks: Vec<Sealed>,
    pk: ark_groth16::ProvingKey<ark_bn254::Bn254>,
    /// Whether the lying endpoints lie now.
    lying: bool,
}

impl History {
    fn stored(&self, n: u32, chain: u8) -> StoredBlockInfo {
        match n {
            0 => self.genesis.clone(),
            n => self.blocks[n as usize - 1].stored[&chain].clone(),
        }
    }

    /// Keeps blocks `1..=keep` and seals new ones with `roots` on top.
    fn reseal(&mut self, keep: usize, roots: &[u8]) {
        self.blocks.truncate(keep);
        for &r in roots {
            let n = self.blocks.len() as u32 + 1;
            let prev = self.stored(n - 1, CHAINS[0]);
            let block = BlockBuilder::new(n, 0, U256::from(1_700_000_000u64 + u64::from(n)), B256::repeat_byte(r)).noop().build();
            let d = DerivedBlock::compute(&prev, &block, &CHAINS);
            let stored = CHAINS.iter().map(|&c| (c, d.stored_block_info(&block, c).unwrap())).collect();
            let input = ark_bn254::Fr::from_be_bytes_mod_order(&d.public_input.unwrap().to_be_bytes::<32>());
            let proof = zkbridge_light::groth16::encode_evm_proof(&common::prover::prove(&self.pk, &[input], u64::from(r)));
            self.blocks.push(Sealed { block, stored, proof });
        }
    }
}

fn abi(s: &StoredBlockInfo) -> IZkBridge::StoredBlockInfo {
    s.into()
}

fn hex(b: &[u8]) -> Value {
    json!(format!("0x{}", alloy_primitives::hex::encode(b)))
}

fn bridge() -> Address {
    Address::repeat_byte(0xb1)
}

struct Chain {
    id: u8,
    history: Rc<RefCell<History>>,
    /// Report this as `storedBlockHashes(2)` (a lie of this endpoint alone).
    lie_about_2: Option<B256>,
}

impl Chain {
    fn answer(&self, method: &str, p: &Value) -> Result<Value, TransportError> {
        let h = self.history.borrow();
        let len = h.blocks.len() as u32;
        Ok(match method {
            "eth_chainId" => json!(format!("{:#x}", 31_000 + u64::from(self.id))),
            "eth_blockNumber" => json!("0x10"),
            "eth_getBlockByNumber" => json!({ "number": p[0], "hash": B256::repeat_byte(self.id) }),
            "eth_call" => {
                let data = alloy_primitives::hex::decode(p[0]["data"].as_str().unwrap().trim_start_matches("0x")).unwrap();
                let word = |n: u32| hex(&U256::from(n).to_be_bytes::<32>());
                match <[u8; 4]>::try_from(&data[..4]).unwrap() {
                    IZkBridge::totalBlocksCommittedCall::SELECTOR
                    | IZkBridge::totalBlocksProvenCall::SELECTOR
                    | IZkBridge::totalBlocksSynchronizedCall::SELECTOR
                    | IZkBridge::totalBlocksExecutedCall::SELECTOR => word(len),
                    IZkBridge::storedBlockHashesCall::SELECTOR => {
                        let n = IZkBridge::storedBlockHashesCall::abi_decode(&data).unwrap().n;
                        let hash = if n == 2 && h.lying { self.lie_about_2 } else { None };
                        hex(hash.unwrap_or_else(|| h.stored(n, self.id).hash()).as_slice())
                    }
                    IZkBridge::storedBlockInfoCall::SELECTOR => {
                        let n = IZkBridge::storedBlockInfoCall::abi_decode(&data).unwrap().n;
                        hex(&IZkBridge::storedBlockInfoCall::abi_encode_returns(&abi(&h.stored(n, self.id))))
                    }
                    _ => return Err(TransportError::Rpc { code: 3, message: "execution reverted".into() }),
                }
            }
            "eth_getLogs" => {
                let t = &p[0]["topics"];
                let n =
                    U256::from_be_slice(&alloy_primitives::hex::decode(t[1].as_str().unwrap().trim_start_matches("0x")).unwrap());
                let n = n.to::<u32>();
                if n == 0 || n > len {
                    return Ok(json!([]));
                }
                let commit = t[0] == json!(<IZkBridge::BlockCommitted as alloy_sol_types::SolEvent>::SIGNATURE_HASH);
                let mut tx = B256::from(U256::from(n));
                tx.0[0] = if commit { 0xc0 } else { 0xd0 };
                // A re-sealed block is another transaction.
                tx.0[1] = h.blocks[n as usize - 1].stored[&1].state_hash.0[0];
                json!([{ "address": bridge(), "topics": [t[0], t[1]], "transactionHash": tx }])
            }
            "eth_getTransactionByHash" => {
                let tx = crate_b256(&p[0]);
                let n = u32::from_be_bytes(tx.0[28..].try_into().unwrap());
                let s = &h.blocks[n as usize - 1];
                let input = if tx.0[0] == 0xc0 {
                    IZkBridge::commitBlocksCall {
                        lastCommitted: abi(&h.stored(n - 1, CHAINS[0])),
                        newBlocks: vec![IZkBridge::CommitBlockInfo {
                            newStateHash: s.block.new_state_hash,
                            publicData: s.block.public_data.clone(),
                            timestamp: s.block.timestamp,
                            onchainOperations: vec![],
                            blockNumber: n,
                            feeAccount: s.block.fee_account,
                        }],
                    }
                    .abi_encode()
                } else {
                    let mut words = [U256::ZERO; 8];
                    for (w, c) in words.iter_mut().zip(s.proof.chunks_exact(32)) {
                        *w = U256::from_be_slice(c);
                    }
                    IZkBridge::proveBlocksCall { blocks: vec![abi(&s.stored[&self.id])], proofs: vec![words] }.abi_encode()
                };
                json!({ "hash": tx, "to": bridge(), "input": hex(&input) })
            }
            other => return Err(TransportError::Rpc { code: -32601, message: format!("{other} not found") }),
        })
    }
}

fn crate_b256(v: &Value) -> B256 {
    v.as_str().unwrap().parse().unwrap()
}

impl Transport for Chain {
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>> {
        ready(self.answer(method, &params))
    }
    fn sleep(&self, _ms: u64) -> impl Future<Output = ()> {
        ready(())
    }
}

fn setup() -> (Rc<RefCell<History>>, zkbridge_light::Groth16Verifier) {
    let pk = common::prover::setup(1, 11);
    let verifier = zkbridge_light::Groth16Verifier::new(pk.vk.clone()).unwrap();
    let empty = keccak256([]);
    let genesis = StoredBlockInfo {
        block_number: 0,
        priority_operations: 0,
        pending_onchain_operations_hash: empty,
        timestamp: U256::ZERO,
        state_hash: B256::repeat_byte(0x10),
        commitment: B256::ZERO,
        sync_hash: empty,
    };
    let mut h = History { genesis, blocks: vec![], pk, lying: false };
    h.reseal(0, &[0x11, 0x12, 0x13]);
    (Rc::new(RefCell::new(h)), verifier)
}

fn client(history: &Rc<RefCell<History>>, verifier: &zkbridge_light::Groth16Verifier, liar: bool) -> BridgeClient<Chain> {
    let chain = |id: u8, lies: &[Option<B256>]| {
        let cfg = ChainConfig { chain_id: id, evm_chain_id: 31_000 + u64::from(id), bridge: bridge(), deploy_block: 0 };
        let eps = lies
            .iter()
            .enumerate()
            .map(|(i, l)| Endpoint {
                name: format!("chain{id}-ep{i}"),
                transport: Chain { id, history: history.clone(), lie_about_2: *l },
            })
            .collect();
        (cfg, eps)
    };
    let first: Vec<Option<B256>> = if liar { vec![None, Some(B256::repeat_byte(0x66))] } else { vec![None] };
    let genesis = history.borrow().genesis.clone();
    BridgeClient::new(vec![chain(1, &first), chain(2, &[None])], verifier.clone(), genesis, Retry { retries: 0, backoff_ms: 1 })
        .unwrap()
}

fn codes(v: &zkbridge_light::client::ClientVerdict) -> Vec<String> {
    v.verdict.stages.iter().flat_map(|s| s.codes.iter().map(|f| f.code.as_str().to_owned())).collect()
}

#[test]
fn a_reorg_rolls_back_what_the_chains_no_longer_store_and_goes_on() {
    let (history, verifier) = setup();
    let c = client(&history, &verifier, false);
    let v = block_on(c.verify(2, None)).unwrap();
    assert!(v.verdict.approved, "{:?}", codes(&v));
    assert_eq!(c.verified_range(), (0, 2));
    let old_2 = c.checkpoint().unwrap().clone();
    // The chains revert to block 1 and re-seal blocks 2 and 3 with other roots.
    history.borrow_mut().reseal(1, &[0x22, 0x23]);
    let v = block_on(c.verify(3, None)).unwrap();
    assert!(v.verdict.approved, "{:?}", codes(&v));
    assert_eq!(v.warnings.iter().filter(|w| w.code == "REORG").count(), 1, "{:?}", v.warnings);
    assert_eq!(c.verified_range(), (0, 3));
    assert_eq!(c.checkpoint().unwrap(), history.borrow().stored(3, 1));
    assert_ne!(history.borrow().stored(2, 1), old_2);
    // No chain is blamed: nothing but the warning.
    assert!(codes(&v).is_empty(), "{:?}", codes(&v));
}

#[test]
fn one_lying_endpoint_never_makes_the_client_roll_back() {
    let (history, verifier) = setup();
    let c = client(&history, &verifier, true);
    assert!(block_on(c.verify(2, None)).unwrap().verdict.approved);
    assert_eq!(c.verified_range(), (0, 2));
    // Now one endpoint of chain 1 of two says block 2 is stored otherwise: its twin disagrees (RPC_DISAGREEMENT), so it is
    // no reorg: block 3 is not approved, nothing is rolled back, no REORG.
    history.borrow_mut().lying = true;
    let v = block_on(c.verify(3, None)).unwrap();
    assert!(!v.verdict.approved);
    assert!(codes(&v).contains(&"RPC_DISAGREEMENT".to_owned()), "{:?}", codes(&v));
    assert!(v.warnings.iter().all(|w| w.code != "REORG"));
    assert_eq!(c.verified_range(), (0, 2));
    // Its twin: the same endpoints, honest again, approve block 3 on the block 2 the client holds.
    history.borrow_mut().lying = false;
    assert!(block_on(c.verify(3, None)).unwrap().verdict.approved);
    assert_eq!(c.verified_range(), (0, 3));
}
