//! The deployment file (docs/PROTOCOL.md §10): what the operator, the page, the light client and the tests read to find the
//! devnet. Written by `zkbridge-devnet up` to `devnet/deployment.json` by default.

use crate::Error;
use alloy::primitives::{Address, B256};
use ark_bn254::Bn254;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zkbridge_light::protocol::StoredBlockInfo;

/// The default path, `devnet/deployment.json` (git-ignored).
pub fn default_path() -> PathBuf {
    crate::paths::devnet_dir().join("deployment.json")
}

/// One chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainInfo {
    /// zkLink chain id.
    pub chain_id: u8,
    /// A name for people.
    pub name: String,
    /// EVM chain id.
    pub evm_chain_id: u64,
    /// JSON-RPC URL.
    pub rpc_url: String,
    /// The bridge (`ZkBridge`).
    pub bridge: Address,
    /// The Groth16 verifier.
    pub verifier: Address,
    /// The EVM block of the first deployment transaction (logs are searched from there).
    pub deploy_block: u64,
}

/// One token, the same tokenId and decimals on every chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    /// Global token id.
    pub token_id: u16,
    /// Symbol.
    pub symbol: String,
    /// Decimals (≤ 18, the same on every chain).
    pub decimals: u8,
    /// Its address per zkLink chain id (keys are decimal chain ids).
    pub addresses: BTreeMap<String, Address>,
}

impl TokenInfo {
    /// Its address on chain `chain`.
    ///
    /// # Errors
    /// `UnknownChain`.
    pub fn address(&self, chain: u8) -> Result<Address, Error> {
        self.addresses.get(&chain.to_string()).copied().ok_or(Error::UnknownChain(chain))
    }
}

/// A funded development account. **Devnet only**: these are anvil's public test keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    /// What it is for.
    pub label: String,
    /// Its address.
    pub address: Address,
    /// Its private key (public knowledge: never use it outside a devnet).
    pub private_key: String,
}

/// The deployment file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    /// Schema version, 1.
    pub format: u32,
    /// The chains, ascending zkLink id.
    pub chains: Vec<ChainInfo>,
    /// The connected chains (ascending).
    pub connected_chains: Vec<u8>,
    /// The tokens.
    pub tokens: Vec<TokenInfo>,
    /// The genesis block every chain stores as block 0 (its `stateHash` is the genesis root).
    pub genesis: serde_json::Value,
    /// The verifying key (snarkjs JSON).
    pub vk: serde_json::Value,
    /// `keccak256` of the verifying key's JSON text as written here (compact, members in the order above).
    pub vk_hash: B256,
    /// Development accounts.
    pub accounts: Vec<Account>,
    /// How many EVM blocks behind each chain's head the light client reads (0 on the devnet, whose chains never reorg on
    /// their own; a real deployment sets what its chains need).
    #[serde(default)]
    pub confirmations: u64,
    /// The devnet's operator, when one runs (devnet only; docs/PROTOCOL.md §10): its control endpoint, which the page reads
    /// to say "the operator is paused". Other deployments have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<OperatorInfo>,
}

/// The devnet operator's control endpoint (`GET /status` → `{ paused, lastBlock }`; `POST /seal`, `/pause`, `/resume`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatorInfo {
    /// `http://127.0.0.1:<port>`.
    pub control_url: String,
}

impl Deployment {
    /// Assembles a deployment.
    pub fn new(
        chains: Vec<ChainInfo>,
        connected_chains: Vec<u8>,
        tokens: Vec<TokenInfo>,
        genesis: StoredBlockInfo,
        vk: &ark_groth16::VerifyingKey<Bn254>,
        accounts: Vec<Account>,
    ) -> Self {
        let vk = zkbridge_light::groth16::snarkjs::vk_to_json(vk);
        let vk_hash = alloy::primitives::keccak256(vk.to_string());
        Self {
            format: 1,
            chains,
            connected_chains,
            tokens,
            genesis: serde_json::to_value(genesis).unwrap_or_default(),
            vk,
            vk_hash,
            accounts,
            confirmations: 0,
            operator: None,
        }
    }

    /// The genesis block, read back with the light client's strict reader.
    ///
    /// # Errors
    /// A malformed `genesis`.
    pub fn genesis(&self) -> Result<StoredBlockInfo, Error> {
        StoredBlockInfo::try_from(&self.genesis).map_err(|e| Error::Setup(format!("genesis: {e}")))
    }

    /// Writes the file (pretty JSON).
    ///
    /// # Errors
    /// I/O errors.
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        let text = serde_json::to_string_pretty(self).map_err(|e| Error::Setup(e.to_string()))? + "\n";
        std::fs::write(path, text).map_err(|e| Error::Setup(format!("{}: {e}", path.display())))
    }

    /// Reads a file.
    ///
    /// # Errors
    /// I/O or format errors.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Setup(format!("{}: {e} (start the devnet: zkbridge-devnet up)", path.display())))?;
        serde_json::from_str(&text).map_err(|e| Error::Setup(format!("{}: {e}", path.display())))
    }
}
