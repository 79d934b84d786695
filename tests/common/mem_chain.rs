//! An in-memory bridge of any length for the soak (tests/soak.rs): `n` blocks built by the core's `BlockBuilder`, each with
//! Mapping ops between chains 1 and 2, what each chain stores for it, and a real Groth16 proof of its public input from the
//! tests' own prover (a matching key). Its endpoints answer the client's reads as the devnet's contracts would, for the
//! blocks the shared `height` makes visible, so a test can let the chain grow while a client follows it.
#![allow(dead_code)]

use crate::common::prover;
use alloy_primitives::{Address, B256, U256};
use alloy_sol_types::{SolCall, SolEvent};
use ark_bn254::Fr;
use serde_json::{json, Value};
use std::cell::Cell;
use std::future::{ready, Future};
use std::rc::Rc;
use zkbridge_light::client::{BridgeClient, ChainConfig, Endpoint, IBridgeView, Retry, Transport, TransportError};
use zkbridge_light::groth16::{encode_evm_proof, Groth16Verifier};
use zkbridge_light::protocol::{
    public_input, stored_block_info_for, BlockBuilder, CommitBlockInfo, MappingOp, Op, StoredBlockInfo, EMPTY_STRING_KECCAK,
};

/// The connected chains.
pub const CHAINS: [u8; 2] = [1, 2];

/// One block: its data, what chain 1 and chain 2 store for it, its proof (EVM form).
pub struct MemBlock {
    pub block: CommitBlockInfo,
    pub stored: [StoredBlockInfo; 2],
    pub proof: [u8; 256],
}

/// The bridge's history: genesis, then blocks 1..=n; `height` blocks are visible (committed, proven, synchronized).
pub struct World {
    pub genesis: StoredBlockInfo,
    pub blocks: Vec<MemBlock>,
    pub verifier: Groth16Verifier,
    pub height: Cell<u32>,
    /// Requests answered, by every endpoint.
    pub requests: Cell<u64>,
}

pub fn bridge() -> Address {
    Address::repeat_byte(0xb2)
}

/// `n` blocks with `burns` Mapping ops each (alternating 1 → 2 and 2 → 1), proved with a key from `seed`.
pub fn world(n: u32, burns: u32, seed: u64) -> World {
    let pk = prover::setup(1, seed);
    let genesis = StoredBlockInfo {
        block_number: 0,
        priority_operations: 0,
        pending_onchain_operations_hash: EMPTY_STRING_KECCAK,
        timestamp: U256::from(1_700_000_000u64),
        state_hash: B256::repeat_byte(0x11),
        commitment: B256::ZERO,
        sync_hash: B256::ZERO,
    };
    let mut blocks: Vec<MemBlock> = Vec::with_capacity(n as usize);
    for k in 1..=n {
        let mut b = BlockBuilder::new(k, 3, U256::from(1_700_000_000u64 + u64::from(k) * 12), B256::from(U256::from(k)));
        for i in 0..burns {
            let from = 1 + ((k + i) % 2) as u8;
            let op = MappingOp {
                from_chain_id: from,
                to_chain_id: 3 - from,
                owner: Address::repeat_byte(0x0a),
                to: Address::repeat_byte(0x0b),
                token_id: 1,
                amount: 1_000_000_000_000_000_000 + u128::from(k) * 1_000 + u128::from(i),
                fee: 0,
                nonce: k * 16 + i,
                withdraw_fee: 0,
            };
            b = b.op(&Op::Mapping { offset: 0, op }, &[]).noop();
        }
        let block = b.build();
        let prev = blocks.last().map_or(&genesis, |m| &m.stored[0]);
        let stored =
            [stored_block_info_for(prev, &block, 1, &CHAINS).unwrap(), stored_block_info_for(prev, &block, 2, &CHAINS).unwrap()];
        let x = Fr::from(ark_ff::BigInt::new(*public_input(&stored[0].commitment).as_limbs()));
        let proof = encode_evm_proof(&prover::prove(&pk, &[x], seed.wrapping_add(u64::from(k))));
        blocks.push(MemBlock { block, stored, proof });
    }
    World { genesis, blocks, verifier: Groth16Verifier::new(pk.vk).unwrap(), height: Cell::new(n), requests: Cell::new(0) }
}

/// One endpoint of chain `chain` on the shared world.
pub struct MemEndpoint {
    pub chain: u8,
    pub world: Rc<World>,
}

fn word(n: u32) -> Value {
    json!(format!("0x{}", alloy_primitives::hex::encode(U256::from(n).to_be_bytes::<32>())))
}

fn hex(b: &[u8]) -> Value {
    json!(format!("0x{}", alloy_primitives::hex::encode(b)))
}

/// The transaction that committed (`0xc0`) or proved (`0xd0`) block `n`.
fn tx_hash(kind: u8, n: u32) -> B256 {
    let mut h = [kind; 32];
    h[28..].copy_from_slice(&n.to_be_bytes());
    B256::from(h)
}

impl MemEndpoint {
    fn index(&self) -> usize {
        usize::from(self.chain - 1)
    }

    fn stored(&self, n: u32) -> Option<&StoredBlockInfo> {
        match n {
            0 => Some(&self.world.genesis),
            n if n <= self.world.height.get() => self.world.blocks.get(n as usize - 1).map(|b| &b.stored[self.index()]),
            _ => None,
        }
    }

    pub fn answer(&self, method: &str, params: &Value) -> Result<Value, TransportError> {
        let height = self.world.height.get();
        Ok(match method {
            "eth_chainId" => json!(format!("{:#x}", 31_000 + u64::from(self.chain))),
            "eth_blockNumber" => json!(format!("{:#x}", 0x100 + u64::from(height))),
            "eth_getBlockByNumber" => json!({ "number": params[0], "hash": B256::repeat_byte(self.chain) }),
            "eth_call" => {
                let data = alloy_primitives::hex::decode(params[0]["data"].as_str().unwrap().trim_start_matches("0x")).unwrap();
                let sel: [u8; 4] = data[..4].try_into().unwrap();
                match sel {
                    IBridgeView::totalBlocksCommittedCall::SELECTOR
                    | IBridgeView::totalBlocksProvenCall::SELECTOR
                    | IBridgeView::totalBlocksExecutedCall::SELECTOR
                    | IBridgeView::totalBlocksSynchronizedCall::SELECTOR => word(height),
                    IBridgeView::storedBlockHashesCall::SELECTOR => {
                        let n = IBridgeView::storedBlockHashesCall::abi_decode(&data).unwrap().n;
                        hex(self.stored(n).map_or(B256::ZERO, StoredBlockInfo::hash).as_slice())
                    }
                    IBridgeView::storedBlockInfoCall::SELECTOR => {
                        let n = IBridgeView::storedBlockInfoCall::abi_decode(&data).unwrap().n;
                        let s = self.stored(n).cloned().unwrap_or_default();
                        hex(&IBridgeView::storedBlockInfoCall::abi_encode_returns(&IBridgeView::StoredBlockInfo::from(&s)))
                    }
                    _ => return Err(TransportError::Rpc { code: 3, message: "execution reverted".into() }),
                }
            }
            "eth_getLogs" => {
                let topics = &params[0]["topics"];
                let Some(n) = topics[1].as_str().map(|t| u32::from_str_radix(&t[t.len() - 8..], 16).unwrap()) else {
                    return Ok(json!([]));
                };
                if n == 0 || n > height {
                    return Ok(json!([]));
                }
                let kind = if topics[0] == json!(IBridgeView::BlockCommitted::SIGNATURE_HASH) { 0xc0 } else { 0xd0 };
                json!([{ "address": bridge(), "topics": [topics[0], topics[1]], "transactionHash": tx_hash(kind, n) }])
            }
            "eth_getTransactionByHash" => {
                let h: B256 = serde_json::from_value(params[0].clone()).unwrap();
                let n = u32::from_be_bytes(h[28..].try_into().unwrap());
                let Some(m) = self.world.blocks.get(n as usize - 1).filter(|_| n <= height) else { return Ok(Value::Null) };
                let input = if h[0] == 0xc0 {
                    let b = &m.block;
                    IBridgeView::commitBlocksCall {
                        lastCommitted: IBridgeView::StoredBlockInfo::from(self.stored(n - 1).unwrap()),
                        newBlocks: vec![IBridgeView::CommitBlockInfo::from(b)],
                    }
                    .abi_encode()
                } else {
                    let mut words = [U256::ZERO; 8];
                    for (w, c) in words.iter_mut().zip(m.proof.chunks_exact(32)) {
                        *w = U256::from_be_slice(c);
                    }
                    IBridgeView::proveBlocksCall {
                        blocks: vec![IBridgeView::StoredBlockInfo::from(&m.stored[self.index()])],
                        proofs: vec![words],
                    }
                    .abi_encode()
                };
                json!({ "hash": h, "to": bridge(), "input": hex(&input) })
            }
            other => return Err(TransportError::Rpc { code: -32601, message: format!("{other} not found") }),
        })
    }
}

impl Transport for MemEndpoint {
    fn request(&self, method: &str, params: Value) -> impl Future<Output = Result<Value, TransportError>> {
        self.world.requests.set(self.world.requests.get() + 1);
        ready(self.answer(method, &params))
    }
    fn sleep(&self, _ms: u64) -> impl Future<Output = ()> {
        ready(())
    }
}

/// A client of the world's two chains, `endpoints` endpoints each, anchored at genesis.
pub fn client(world: &Rc<World>, endpoints: usize) -> BridgeClient<MemEndpoint> {
    let chain = |id: u8| {
        let cfg = ChainConfig { chain_id: id, evm_chain_id: 31_000 + u64::from(id), bridge: bridge(), deploy_block: 0 };
        let eps = (0..endpoints)
            .map(|i| Endpoint { name: format!("chain{id}-ep{i}"), transport: MemEndpoint { chain: id, world: world.clone() } })
            .collect();
        (cfg, eps)
    };
    BridgeClient::new(
        vec![chain(1), chain(2)],
        world.verifier.clone(),
        world.genesis.clone(),
        Retry { retries: 0, backoff_ms: 1 },
    )
    .unwrap()
}
