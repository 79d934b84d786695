//! Rust bindings of the devnet's contracts: `sol!` interface declarations (the bridge's read from `contracts/IZkBridge.sol`;
//! all checked against the compiled ABIs by a test) and
//! the compiled bytecode read from `contracts/out/` (`node contracts/build.mjs`).

#![allow(clippy::too_many_arguments)] // `mappingToken` has seven arguments; its generated RPC builder takes the instance too.

use alloy::primitives::{Bytes, U256};
use std::path::PathBuf;
use zkbridge_light::protocol as core;

// The bridge's interface: the one declaration in contracts/IZkBridge.sol, which ZkBridge.sol implements and the light
// client reads too (without `rpc`).
alloy::sol!(
    #[sol(rpc)]
    "../contracts/IZkBridge.sol"
);

alloy::sol! {
    #[sol(rpc)]
    interface IGroth16Verifier {
        function verifyProof(uint256[8] calldata proof, uint256 input) external view returns (bool);
    }

    #[sol(rpc)]
    interface IMappingToken {
        event Transfer(address indexed from, address indexed to, uint256 value);
        function decimals() external view returns (uint8);
        function symbol() external view returns (string memory);
        function totalSupply() external view returns (uint256);
        function balanceOf(address owner) external view returns (uint256);
        function allowance(address owner, address spender) external view returns (uint256);
        function approve(address spender, uint256 amount) external returns (bool);
        function mint(address to, uint256 amount) external;
        function burn(address from, uint256 amount) external;
    }
}

// The constructor arguments of each contract (ABI-encoded after the bytecode).
alloy::sol! {
    struct Groth16VerifierArgs { uint256[2] alpha; uint256[4] beta; uint256[4] gamma; uint256[4] delta; uint256[2][2] ic; }
    struct ZkBridgeArgs { uint8 chainId; address verifier; uint8[] connected; bytes32 genesisRoot; }
    struct MappingTokenArgs { string name; string symbol; uint8 decimals; address bridge; address[] holders; uint256 each; }
}

/// The folder of the compiled contracts.
pub fn out_dir() -> PathBuf {
    crate::paths::root().join("contracts/out")
}

/// A compiled contract: its ABI (JSON) and creation bytecode.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// The ABI as solc wrote it.
    pub abi: serde_json::Value,
    /// The creation bytecode.
    pub bytecode: Bytes,
}

/// Reads `contracts/out/<name>.json`.
///
/// # Errors
/// When the file is missing (run `node contracts/build.mjs`) or malformed.
pub fn artifact(name: &str) -> Result<Artifact, crate::Error> {
    let path = out_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| crate::Error::Setup(format!("{}: {e} (compile the contracts: node contracts/build.mjs)", path.display())))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| crate::Error::Setup(format!("{}: {e}", path.display())))?;
    let code = v["bytecode"].as_str().and_then(|s| zkbridge_light::input::hex_bytes(s, "bytecode").ok());
    Ok(Artifact {
        abi: v["abi"].clone(),
        bytecode: code.ok_or_else(|| crate::Error::Setup(format!("{}: no bytecode", path.display())))?.into(),
    })
}

impl From<&core::StoredBlockInfo> for IZkBridge::StoredBlockInfo {
    fn from(s: &core::StoredBlockInfo) -> Self {
        Self {
            blockNumber: s.block_number,
            priorityOperations: s.priority_operations,
            pendingOnchainOperationsHash: s.pending_onchain_operations_hash,
            timestamp: s.timestamp,
            stateHash: s.state_hash,
            commitment: s.commitment,
            syncHash: s.sync_hash,
        }
    }
}

impl From<IZkBridge::StoredBlockInfo> for core::StoredBlockInfo {
    fn from(s: IZkBridge::StoredBlockInfo) -> Self {
        Self {
            block_number: s.blockNumber,
            priority_operations: s.priorityOperations,
            pending_onchain_operations_hash: s.pendingOnchainOperationsHash,
            timestamp: s.timestamp,
            state_hash: s.stateHash,
            commitment: s.commitment,
            sync_hash: s.syncHash,
        }
    }
}

impl From<&core::CommitBlockInfo> for IZkBridge::CommitBlockInfo {
    fn from(b: &core::CommitBlockInfo) -> Self {
        Self {
            newStateHash: b.new_state_hash,
            publicData: b.public_data.clone(),
            timestamp: b.timestamp,
            onchainOperations: b
                .onchain_operations
                .iter()
                .map(|o| IZkBridge::OnchainOperationData {
                    ethWitness: o.eth_witness.clone(),
                    publicDataOffset: o.public_data_offset,
                })
                .collect(),
            blockNumber: b.block_number,
            feeAccount: b.fee_account,
        }
    }
}

impl From<IZkBridge::CommitBlockInfo> for core::CommitBlockInfo {
    fn from(b: IZkBridge::CommitBlockInfo) -> Self {
        Self {
            new_state_hash: b.newStateHash,
            public_data: b.publicData,
            timestamp: b.timestamp,
            onchain_operations: b
                .onchainOperations
                .into_iter()
                .map(|o| core::OnchainOperationData { eth_witness: o.ethWitness, public_data_offset: o.publicDataOffset })
                .collect(),
            block_number: b.blockNumber,
            fee_account: b.feeAccount,
        }
    }
}

/// A proof in the EVM word order `[A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y]`.
pub fn proof_words(proof: &ark_groth16::Proof<ark_bn254::Bn254>) -> [U256; 8] {
    let bytes = zkbridge_light::groth16::encode_evm_proof(proof);
    let mut out = [U256::ZERO; 8];
    for (w, chunk) in out.iter_mut().zip(bytes.chunks_exact(32)) {
        *w = U256::from_be_slice(chunk);
    }
    out
}

/// The verifying key as the verifier contract's constructor arguments (G2 words in EIP-197 order: c1 before c0).
pub fn verifier_args(vk: &ark_groth16::VerifyingKey<ark_bn254::Bn254>) -> Groth16VerifierArgs {
    use zkbridge_light::field::field_to_be_bytes;
    let f = |x: &ark_bn254::Fq| U256::from_be_bytes(field_to_be_bytes(x));
    let g1 = |p: &ark_bn254::G1Affine| [f(&p.x), f(&p.y)];
    let g2 = |p: &ark_bn254::G2Affine| [f(&p.x.c1), f(&p.x.c0), f(&p.y.c1), f(&p.y.c0)];
    let ic0 = vk.gamma_abc_g1.first().map(g1).unwrap_or_default();
    let ic1 = vk.gamma_abc_g1.get(1).map(g1).unwrap_or_default();
    Groth16VerifierArgs {
        alpha: g1(&vk.alpha_g1),
        beta: g2(&vk.beta_g2),
        gamma: g2(&vk.gamma_g2),
        delta: g2(&vk.delta_g2),
        ic: [ic0, ic1],
    }
}
