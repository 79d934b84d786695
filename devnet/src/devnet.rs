//! The chains, the deployment and every step of a block: what the CLI and the tests drive.

use crate::circuit::{self, CommitmentWitness};
use crate::contracts::{self, IMappingToken, IZkBridge, MappingTokenArgs, ZkBridgeArgs};
use crate::deployment::{Account, ChainInfo, Deployment, TokenInfo};
use crate::Error;
use alloy::network::{EthereumWallet, TransactionBuilder};
use alloy::primitives::{Address, Bytes, TxHash, B256, U256};
use alloy::providers::{DynProvider, Provider, ProviderBuilder};
use alloy::rpc::types::{Filter, TransactionRequest};
use alloy::signers::local::PrivateKeySigner;
use alloy::sol_types::{SolEvent, SolValue};
use ark_bn254::Bn254;
use ark_groth16::{Proof, ProvingKey};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::time::Duration;
use zkbridge_light::calldata::{build_burn, BurnParams};
use zkbridge_light::protocol::{self as core, BlockBuilder, CommitBlockInfo, DerivedBlock, MappingOp, Op, StoredBlockInfo};

/// anvil's well-known development keys (mnemonic `test test … junk`): **devnet only, never use them elsewhere**.
pub const DEV_KEYS: [&str; 4] = [
    "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
];

/// The devnet's genesis root: `sha256("zkbridge devnet genesis")`.
pub fn genesis_root() -> B256 {
    B256::from(<[u8; 32]>::from(Sha256::digest(b"zkbridge devnet genesis")))
}

/// The genesis block every chain stores as block 0 (docs/PROTOCOL.md §1, §8).
pub fn genesis() -> StoredBlockInfo {
    StoredBlockInfo {
        block_number: 0,
        priority_operations: 0,
        pending_onchain_operations_hash: core::EMPTY_STRING_KECCAK,
        timestamp: U256::ZERO,
        state_hash: genesis_root(),
        commitment: B256::ZERO,
        sync_hash: core::EMPTY_STRING_KECCAK,
    }
}

/// A running anvil (killed when dropped).
#[derive(Debug)]
pub struct Anvil {
    /// Its JSON-RPC URL.
    pub url: String,
    child: tokio::process::Child,
}

impl Anvil {
    /// Starts `node_modules/.bin/anvil` on 127.0.0.1 with `evm_chain_id` (`port` 0: a free one) and waits until it answers.
    ///
    /// # Errors
    /// When anvil is missing (run the README's setup) or does not answer within 20 s.
    pub async fn start(evm_chain_id: u64, port: u16) -> Result<Self, Error> {
        // The platform binary itself, not `node_modules/.bin/anvil` (a node launcher: killing it would orphan the anvil it
        // started).
        let modules = crate::paths::root().join("node_modules");
        let bin = ["@foundry-rs/anvil-linux-amd64/bin/anvil", "@foundry-rs/anvil-linux-arm64/bin/anvil", ".bin/anvil"]
            .iter()
            .map(|p| modules.join(p))
            .find(|p| p.exists())
            .unwrap_or_else(|| modules.join(".bin/anvil"));
        let port = if port == 0 { free_port()? } else { port };
        let child = tokio::process::Command::new(&bin)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--chain-id", &evm_chain_id.to_string(), "--silent"])
            .kill_on_drop(true)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| Error::Setup(format!("{}: {e} (run the README's setup: npm ci)", bin.display())))?;
        let url = format!("http://127.0.0.1:{port}");
        let provider = ProviderBuilder::new().connect_http(url.parse().map_err(|e| Error::Setup(format!("{url}: {e}")))?);
        for _ in 0..200 {
            if provider.get_chain_id().await.is_ok() {
                return Ok(Self { url, child });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(Error::Setup(format!("anvil on {url} did not answer")))
    }

    /// Stops it and waits until it has exited.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

impl Drop for Anvil {
    fn drop(&mut self) {
        // Also on a panic's unwinding: no anvil outlives the value that started it.
        let _ = self.child.start_kill();
    }
}

fn free_port() -> Result<u16, Error> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| Error::Setup(e.to_string()))?;
    l.local_addr().map(|a| a.port()).map_err(|e| Error::Setup(e.to_string()))
}

/// A provider that signs with one dev key.
///
/// # Errors
/// A malformed URL or key.
pub fn provider(url: &str, key: &str) -> Result<DynProvider, Error> {
    let signer: PrivateKeySigner = key.parse().map_err(|e| Error::Setup(format!("key: {e}")))?;
    let url = url.parse().map_err(|e| Error::Setup(format!("{url}: {e}")))?;
    // The nonce is asked of the node for every transaction: a transaction refused at estimation (a revert) consumes none,
    // and a restarted operator continues where the chain is.
    Ok(ProviderBuilder::new()
        .disable_recommended_fillers()
        .with_gas_estimation()
        .with_simple_nonce_management()
        .fetch_chain_id()
        .wallet(EthereumWallet::from(signer))
        .connect_http(url)
        .erased())
}

/// Sends a transaction and waits for its receipt; a revert (at estimation or on chain) is [`Error::Reverted`] with the
/// reason the node gave.
async fn send(p: &DynProvider, tx: TransactionRequest, what: &str) -> Result<alloy::rpc::types::TransactionReceipt, Error> {
    let pending = p.send_transaction(tx).await.map_err(|e| Error::from_rpc(what, &e.to_string()))?;
    let hash = *pending.tx_hash();
    let receipt = pending
        .with_timeout(Some(Duration::from_secs(60)))
        .get_receipt()
        .await
        .map_err(|e| Error::Rpc(format!("{what}: {hash}: {e}")))?;
    if !receipt.status() {
        return Err(Error::Reverted { what: what.to_owned(), reason: format!("transaction {hash} reverted") });
    }
    Ok(receipt)
}

async fn deploy(p: &DynProvider, name: &str, args: Vec<u8>) -> Result<(Address, u64), Error> {
    let a = contracts::artifact(name)?;
    let code: Bytes = [a.bytecode.as_ref(), args.as_slice()].concat().into();
    let r = send(p, TransactionRequest::default().with_deploy_code(code), &format!("deploy {name}")).await?;
    let addr = r.contract_address.ok_or_else(|| Error::Rpc(format!("deploy {name}: no contract address")))?;
    Ok((addr, r.block_number.unwrap_or_default()))
}

/// What to start: the chains (zkLink id, EVM id, name) and the tokens (symbol, decimals, tokenId).
#[derive(Debug, Clone)]
pub struct Plan {
    /// `(zkLink chain id, EVM chain id, name, port or 0)`.
    pub chains: Vec<(u8, u64, String, u16)>,
    /// `(tokenId, symbol, decimals)`.
    pub tokens: Vec<(u16, String, u8)>,
    /// Raw units each dev user account holds of each token at deployment.
    pub initial_units: u64,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            chains: vec![(1, 31_001, "Chain A".into(), 0), (2, 31_002, "Chain B".into(), 0)],
            tokens: vec![(1, "USDX".into(), 6), (2, "WETX".into(), 18)],
            initial_units: 1_000,
        }
    }
}

impl Plan {
    /// The default plan with `n` chains (2 to 6): zkLink ids 1..=n, EVM ids 31001.., names "Chain A".."Chain F", every
    /// chain connected to every other.
    ///
    /// # Errors
    /// `Setup` outside 2..=6.
    pub fn with_chains(n: usize) -> Result<Self, Error> {
        if !(2..=6).contains(&n) {
            return Err(Error::Setup(format!("--chains {n}: between 2 and 6")));
        }
        let chains =
            (1..=n).zip("ABCDEF".chars()).map(|(i, letter)| (i as u8, 31_000 + i as u64, format!("Chain {letter}"), 0)).collect();
        Ok(Self { chains, ..Self::default() })
    }
}

/// One chain as the driver sees it.
#[derive(Debug, Clone)]
pub struct Chain {
    /// What the deployment file says of it.
    pub info: ChainInfo,
    /// Signs as the operator (dev account 0).
    pub operator: DynProvider,
    /// The bridge, called as the operator.
    pub bridge: IZkBridge::IZkBridgeInstance<DynProvider>,
}

/// A devnet: chains and contracts of a deployment, and the operator's steps.
#[derive(Debug)]
pub struct Devnet {
    /// The deployment file's content.
    pub deployment: Deployment,
    /// The chains, in ascending zkLink chain id.
    pub chains: Vec<Chain>,
    /// The anvils this value started (stopped when it is dropped).
    pub anvils: Vec<Anvil>,
}

/// A burn that was sent.
#[derive(Debug, Clone)]
pub struct SentBurn {
    /// The `mappingToken` transaction.
    pub tx_hash: TxHash,
    /// The op it requested.
    pub op: MappingOp,
    /// Its serial id on the source chain.
    pub serial_id: u64,
}

/// A block ready to be sent: the data, each chain's previous block, the proof.
#[derive(Debug, Clone)]
pub struct PreparedBlock {
    /// The commit input (the same on every chain).
    pub block: CommitBlockInfo,
    /// Each chain's previous `StoredBlockInfo` (its own per-chain values).
    pub prev: BTreeMap<u8, StoredBlockInfo>,
    /// What each chain must store for it (the light client's `storedBlockInfoFor`).
    pub stored: BTreeMap<u8, StoredBlockInfo>,
    /// The proof of its commitment.
    pub proof: Proof<Bn254>,
    /// The ops of the block.
    pub ops: Vec<MappingOp>,
}

impl Devnet {
    /// Starts the chains of `plan`, deploys the contracts with `vk` and writes nothing (see [`Deployment::write`]).
    ///
    /// # Errors
    /// Setup, RPC or revert errors.
    pub async fn start(plan: &Plan, vk: &ark_groth16::VerifyingKey<Bn254>, log: &mut dyn FnMut(&str)) -> Result<Self, Error> {
        let mut anvils = Vec::new();
        for (id, evm, name, port) in &plan.chains {
            let a = Anvil::start(*evm, *port).await?;
            log(&format!("chain {id} ({name}): anvil on {}, EVM chain id {evm}", a.url));
            anvils.push(a);
        }
        let connected: Vec<u8> = plan.chains.iter().map(|c| c.0).collect();
        let accounts: Vec<Account> = DEV_KEYS
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let address = k.parse::<PrivateKeySigner>().map(|s| s.address()).unwrap_or_default();
                let label = if i == 0 { "operator (devnet only)".into() } else { format!("user {i} (devnet only)") };
                Account { label, address, private_key: (*k).to_owned() }
            })
            .collect();
        let holders: Vec<Address> = accounts.iter().skip(1).map(|a| a.address).collect();
        let mut chains_info = Vec::new();
        let mut token_addresses: BTreeMap<u16, BTreeMap<String, Address>> = BTreeMap::new();
        for ((id, evm, name, _), anvil) in plan.chains.iter().zip(&anvils) {
            let p = provider(&anvil.url, DEV_KEYS[0])?;
            let (verifier, deploy_block) =
                deploy(&p, "Groth16Verifier", contracts::verifier_args(vk).abi_encode_params()).await?;
            let (bridge, _) = deploy(
                &p,
                "ZkBridge",
                ZkBridgeArgs { chainId: *id, verifier, connected: connected.clone(), genesisRoot: genesis_root() }
                    .abi_encode_params(),
            )
            .await?;
            let b = IZkBridge::new(bridge, p.clone());
            for (token_id, symbol, decimals) in &plan.tokens {
                let each = U256::from(plan.initial_units) * U256::from(10u8).pow(U256::from(*decimals));
                let args = MappingTokenArgs {
                    name: format!("{symbol} (devnet)"),
                    symbol: symbol.clone(),
                    decimals: *decimals,
                    bridge,
                    holders: holders.clone(),
                    each,
                };
                let (token, _) = deploy(&p, "MappingToken", args.abi_encode_params()).await?;
                let tx = b.addToken(*token_id, token, *decimals).into_transaction_request();
                send(&p, tx, "addToken").await?;
                token_addresses.entry(*token_id).or_default().insert(id.to_string(), token);
            }
            log(&format!("chain {id}: bridge {bridge}, verifier {verifier}"));
            chains_info.push(ChainInfo {
                chain_id: *id,
                name: name.clone(),
                evm_chain_id: *evm,
                rpc_url: anvil.url.clone(),
                bridge,
                verifier,
                deploy_block,
            });
        }
        let tokens = plan
            .tokens
            .iter()
            .map(|(token_id, symbol, decimals)| TokenInfo {
                token_id: *token_id,
                symbol: symbol.clone(),
                decimals: *decimals,
                addresses: token_addresses.remove(token_id).unwrap_or_default(),
            })
            .collect();
        let deployment = Deployment::new(chains_info, connected, tokens, genesis(), vk, accounts);
        let mut d = Self::connect(deployment)?;
        d.anvils = anvils;
        Ok(d)
    }

    /// Connects to the chains of a deployment (started elsewhere).
    ///
    /// # Errors
    /// A malformed URL.
    pub fn connect(deployment: Deployment) -> Result<Self, Error> {
        let chains = deployment
            .chains
            .iter()
            .map(|info| {
                let operator = provider(&info.rpc_url, DEV_KEYS[0])?;
                Ok(Chain { bridge: IZkBridge::new(info.bridge, operator.clone()), operator, info: info.clone() })
            })
            .collect::<Result<_, Error>>()?;
        Ok(Self { deployment, chains, anvils: Vec::new() })
    }

    /// The chain with zkLink id `id`.
    ///
    /// # Errors
    /// `UnknownChain`.
    pub fn chain(&self, id: u8) -> Result<&Chain, Error> {
        self.chains.iter().find(|c| c.info.chain_id == id).ok_or(Error::UnknownChain(id))
    }

    /// The token with `symbol`.
    ///
    /// # Errors
    /// `UnknownToken`.
    pub fn token(&self, symbol: &str) -> Result<&TokenInfo, Error> {
        self.deployment.tokens.iter().find(|t| t.symbol == symbol).ok_or_else(|| Error::UnknownToken(symbol.to_owned()))
    }

    /// Token `symbol`'s balance of `owner` on chain `chain`, in raw units.
    ///
    /// # Errors
    /// RPC errors, unknown chain or token.
    pub async fn balance(&self, chain: u8, symbol: &str, owner: Address) -> Result<U256, Error> {
        let token = self.token(symbol)?.address(chain)?;
        let t = IMappingToken::new(token, self.chain(chain)?.operator.clone());
        t.balanceOf(owner).call().await.map_err(|e| Error::Rpc(e.to_string()))
    }

    /// Token `symbol`'s total supply on chain `chain`.
    ///
    /// # Errors
    /// RPC errors, unknown chain or token.
    pub async fn total_supply(&self, chain: u8, symbol: &str) -> Result<U256, Error> {
        let token = self.token(symbol)?.address(chain)?;
        let t = IMappingToken::new(token, self.chain(chain)?.operator.clone());
        t.totalSupply().call().await.map_err(|e| Error::Rpc(e.to_string()))
    }

    /// Dev account `account` burns `amount` (token units, e.g. `"12.5"`) of `symbol` on `from`, to `to` on chain `to_chain`:
    /// an exact `approve`, then `mappingToken`, both built by the light client's `build_burn`.
    ///
    /// # Errors
    /// Amount or parameter errors of the light client, RPC errors, reverts.
    pub async fn burn(
        &self,
        account: usize,
        from: u8,
        symbol: &str,
        amount: &str,
        to_chain: u8,
        to: Address,
    ) -> Result<SentBurn, Error> {
        let key = DEV_KEYS.get(account).ok_or_else(|| Error::Setup(format!("no dev account {account}")))?;
        let chain = self.chain(from)?;
        let p = provider(&chain.info.rpc_url, key)?;
        let sender = key.parse::<PrivateKeySigner>().map_err(|e| Error::Setup(e.to_string()))?.address();
        let token = self.token(symbol)?;
        // The op's nonce: the request's serial id to be, so that no two burns of one chain are the same op (the op hash is
        // how a burn and its mint are matched).
        let serial = chain.bridge.totalOpenPriorityRequests().call().await.map_err(|e| Error::Rpc(e.to_string()))?;
        let params = BurnParams {
            chain_id: U256::from(chain.info.evm_chain_id),
            from_chain_id: from,
            to_chain_id: to_chain,
            bridge: chain.info.bridge,
            from: sender,
            token: token.address(from)?,
            decimals: token.decimals,
            amount: amount.to_owned(),
            to,
            nonce: u32::try_from(serial).unwrap_or(u32::MAX),
            withdraw_fee: 0,
            allowance: Some(U256::ZERO),
            zklink_address: None,
            // The destination's bridge and token: a recipient there would leave the tokens stuck (CONTRACT_RECIPIENT).
            not_to: self.chain(to_chain).ok().map(|c| c.info.bridge).into_iter().chain(token.address(to_chain).ok()).collect(),
        };
        let txs = build_burn(&params)?;
        for (what, tx) in txs.approve.iter().map(|t| ("approve", t)).chain([("mappingToken", &txs.burn)]) {
            let req = TransactionRequest::default().with_to(tx.to).with_input(tx.data.clone()).with_from(sender);
            let r = send(&p, req, what).await?;
            if what == "mappingToken" {
                for log in r.inner.logs() {
                    if let Ok(ev) = IZkBridge::NewPriorityRequest::decode_log(&log.inner) {
                        let op = core::decode_mapping_op(&ev.pubData).map_err(|e| Error::Rpc(e.to_string()))?;
                        return Ok(SentBurn { tx_hash: r.transaction_hash, op, serial_id: ev.serialId });
                    }
                }
                return Err(Error::Rpc("mappingToken: no NewPriorityRequest in the receipt".into()));
            }
        }
        Err(Error::Rpc("no burn sent".into()))
    }

    /// The burns requested on every chain and not yet committed, in chain order then serial order.
    ///
    /// # Errors
    /// RPC errors.
    pub async fn pending_burns(&self) -> Result<Vec<(u8, u64, MappingOp)>, Error> {
        let mut out = Vec::new();
        for c in &self.chains {
            let committed = c.bridge.totalCommittedPriorityRequests().call().await.map_err(|e| Error::Rpc(e.to_string()))?;
            let filter = Filter::new()
                .address(c.info.bridge)
                .event_signature(IZkBridge::NewPriorityRequest::SIGNATURE_HASH)
                .from_block(c.info.deploy_block);
            let logs = c.operator.get_logs(&filter).await.map_err(|e| Error::Rpc(e.to_string()))?;
            let mut found: Vec<(u64, MappingOp)> = Vec::new();
            for log in logs {
                let ev = IZkBridge::NewPriorityRequest::decode_log(&log.inner).map_err(|e| Error::Rpc(e.to_string()))?;
                if ev.serialId >= committed {
                    found.push((ev.serialId, core::decode_mapping_op(&ev.pubData).map_err(|e| Error::Rpc(e.to_string()))?));
                }
            }
            found.sort_by_key(|(s, _)| *s);
            out.extend(found.into_iter().map(|(s, op)| (c.info.chain_id, s, op)));
        }
        Ok(out)
    }

    /// Chain `chain`'s stored block `n`.
    ///
    /// # Errors
    /// RPC errors.
    pub async fn stored_block(&self, chain: u8, n: u32) -> Result<StoredBlockInfo, Error> {
        let c = self.chain(chain)?;
        Ok(c.bridge.storedBlockInfo(n).call().await.map_err(|e| Error::Rpc(e.to_string()))?.into())
    }

    /// Builds and proves the next block from `ops`.
    ///
    /// # Errors
    /// RPC errors; `Prove` when the prover fails.
    pub async fn prepare_block(&self, pk: &ProvingKey<Bn254>, ops: Vec<MappingOp>) -> Result<PreparedBlock, Error> {
        let first = self.chains.first().ok_or(Error::UnknownChain(0))?;
        let n = first.bridge.totalBlocksCommitted().call().await.map_err(|e| Error::Rpc(e.to_string()))?.saturating_add(1);
        let mut prev = BTreeMap::new();
        for c in &self.chains {
            prev.insert(c.info.chain_id, self.stored_block(c.info.chain_id, n - 1).await?);
        }
        let any_prev = prev.values().next().cloned().unwrap_or_else(genesis);
        let now =
            U256::from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0));
        let timestamp = now.max(any_prev.timestamp);
        let mut data = Vec::new();
        for op in &ops {
            data.extend(core::encode_mapping_op(op));
        }
        let pubdata_hash: [u8; 32] = Sha256::digest(&data).into();
        let root = B256::from(circuit::state_rule(&any_prev.state_hash.0, &pubdata_hash));
        let block = ops
            .iter()
            .fold(BlockBuilder::new(n, 0, timestamp, root), |b, op| b.op(&Op::Mapping { offset: 0, op: op.clone() }, &[]))
            .build();
        let proof = self.prove(pk, &any_prev, &block)?;
        let connected = &self.deployment.connected_chains;
        let mut stored = BTreeMap::new();
        for (c, p) in &prev {
            stored.insert(*c, core::stored_block_info_for(p, &block, *c, connected)?);
        }
        Ok(PreparedBlock { block, prev, stored, proof, ops })
    }

    /// Proves `block` on top of `prev` (its commitment, recomputed by the light client's core).
    ///
    /// # Errors
    /// `Prove`.
    pub fn prove(&self, pk: &ProvingKey<Bn254>, prev: &StoredBlockInfo, block: &CommitBlockInfo) -> Result<Proof<Bn254>, Error> {
        let w = witness(prev, block)?;
        let d = DerivedBlock::compute(prev, block, &self.deployment.connected_chains);
        if d.commitment != Some(B256::from(w.commitment())) {
            return Err(Error::Prove("the circuit's commitment differs from the core's".into()));
        }
        circuit::prove(pk, w, u64::from(block.block_number)).map_err(|e| Error::Prove(e.to_string()))
    }

    /// `commitBlocks(prev, [block])` on one chain.
    ///
    /// # Errors
    /// `Reverted` with the contract's reason, RPC errors.
    pub async fn commit(&self, chain: u8, prev: &StoredBlockInfo, block: &CommitBlockInfo) -> Result<TxHash, Error> {
        let c = self.chain(chain)?;
        let tx = c.bridge.commitBlocks(prev.into(), vec![block.into()]).into_transaction_request();
        Ok(send(&c.operator, tx, "commitBlocks").await?.transaction_hash)
    }

    /// `proveBlocks([stored], [proof])` on one chain.
    ///
    /// # Errors
    /// `Reverted` with the contract's reason, RPC errors.
    pub async fn prove_on(&self, chain: u8, stored: &StoredBlockInfo, proof: [U256; 8]) -> Result<TxHash, Error> {
        let c = self.chain(chain)?;
        let tx = c.bridge.proveBlocks(vec![stored.into()], vec![proof]).into_transaction_request();
        Ok(send(&c.operator, tx, "proveBlocks").await?.transaction_hash)
    }

    /// `syncBlocks(stored, chains, syncHashes)` on one chain: the relayer brings every connected chain's sync hash.
    ///
    /// # Errors
    /// `Reverted` with the contract's reason, RPC errors.
    pub async fn sync(&self, chain: u8, stored: &StoredBlockInfo, sync_hashes: &BTreeMap<u8, B256>) -> Result<TxHash, Error> {
        let c = self.chain(chain)?;
        let (ids, hashes): (Vec<u8>, Vec<B256>) = sync_hashes.iter().map(|(k, v)| (*k, *v)).unzip();
        let tx = c.bridge.syncBlocks(stored.into(), ids, hashes).into_transaction_request();
        Ok(send(&c.operator, tx, "syncBlocks").await?.transaction_hash)
    }

    /// `executeBlocks(stored, pendingOps)` on one chain.
    ///
    /// # Errors
    /// `Reverted` with the contract's reason, RPC errors.
    pub async fn execute(&self, chain: u8, stored: &StoredBlockInfo, pending: &[MappingOp]) -> Result<TxHash, Error> {
        let c = self.chain(chain)?;
        let ops: Vec<Bytes> = pending.iter().map(|op| Bytes::copy_from_slice(&core::encode_mapping_op(op))).collect();
        let tx = c.bridge.executeBlocks(stored.into(), ops).into_transaction_request();
        Ok(send(&c.operator, tx, "executeBlocks").await?.transaction_hash)
    }

    /// Sends a prepared block through every step on every chain, logging each transaction: commit → prove → sync → execute.
    ///
    /// # Errors
    /// The first step that fails.
    pub async fn send_block(&self, b: &PreparedBlock, log: &mut dyn FnMut(&str)) -> Result<(), Error> {
        let n = b.block.block_number;
        let words = contracts::proof_words(&b.proof);
        for c in &self.chains {
            let id = c.info.chain_id;
            let prev = b.prev.get(&id).ok_or(Error::UnknownChain(id))?;
            log(&format!("block {n}: commit on chain {id}: {}", self.commit(id, prev, &b.block).await?));
        }
        for c in &self.chains {
            let id = c.info.chain_id;
            let stored = self.stored_block(id, n).await?;
            if Some(&stored) != b.stored.get(&id) {
                return Err(Error::Rpc(format!(
                    "chain {id} stored another StoredBlockInfo for block {n} than the core computes"
                )));
            }
            log(&format!("block {n}: prove on chain {id}: {}", self.prove_on(id, &stored, words).await?));
        }
        let sync_hashes: BTreeMap<u8, B256> = b.stored.iter().map(|(c, s)| (*c, s.sync_hash)).collect();
        for (id, stored) in &b.stored {
            log(&format!("block {n}: sync on chain {id}: {}", self.sync(*id, stored, &sync_hashes).await?));
        }
        for (id, stored) in &b.stored {
            let pending: Vec<MappingOp> =
                b.ops.iter().filter(|o| o.from_chain_id == *id || o.to_chain_id == *id).cloned().collect();
            log(&format!("block {n}: execute on chain {id}: {}", self.execute(*id, stored, &pending).await?));
        }
        Ok(())
    }

    /// Takes the pending burns of every chain into the next block, proves it and sends it through every step. `None` when
    /// nothing is pending.
    ///
    /// # Errors
    /// The first step that fails.
    pub async fn run_block(&self, pk: &ProvingKey<Bn254>, log: &mut dyn FnMut(&str)) -> Result<Option<PreparedBlock>, Error> {
        let pending = self.pending_burns().await?;
        if pending.is_empty() {
            log("no pending burns: no block");
            return Ok(None);
        }
        let t = std::time::Instant::now();
        let b = self.prepare_block(pk, pending.into_iter().map(|(_, _, op)| op).collect()).await?;
        let cm = b.stored.values().next().map(|s| s.commitment).unwrap_or_default();
        log(&format!(
            "block {}: {} op(s), commitment {cm}, proved in {:.1} s",
            b.block.block_number,
            b.ops.len(),
            t.elapsed().as_secs_f64()
        ));
        self.send_block(&b, log).await?;
        Ok(Some(b))
    }

    /// Each chain's counters: `(chain, committed, proven, synchronized, executed)`.
    ///
    /// # Errors
    /// RPC errors.
    pub async fn status(&self) -> Result<Vec<(u8, [u32; 4])>, Error> {
        let mut out = Vec::new();
        for c in &self.chains {
            let e = |e: alloy::contract::Error| Error::Rpc(e.to_string());
            let b = &c.bridge;
            out.push((
                c.info.chain_id,
                [
                    b.totalBlocksCommitted().call().await.map_err(e)?,
                    b.totalBlocksProven().call().await.map_err(e)?,
                    b.totalBlocksSynchronized().call().await.map_err(e)?,
                    b.totalBlocksExecuted().call().await.map_err(e)?,
                ],
            ));
        }
        Ok(out)
    }
}

/// The circuit's witnesses for `block` on top of `prev`.
///
/// # Errors
/// `BAD_PUBDATA` when the offsets are not chunk boundaries.
pub fn witness(prev: &StoredBlockInfo, block: &CommitBlockInfo) -> Result<CommitmentWitness, Error> {
    let u = |x: U256| x.to_be_bytes::<32>();
    Ok(CommitmentWitness {
        block_number: u(U256::from(block.block_number)),
        fee_account: u(U256::from(block.fee_account)),
        prev_state_hash: prev.state_hash.0,
        new_state_hash: block.new_state_hash.0,
        timestamp: u(block.timestamp),
        pubdata_hash: Sha256::digest(&block.public_data).into(),
        offsets_hash: Sha256::digest(block.offsets_commitment()?).into(),
    })
}
