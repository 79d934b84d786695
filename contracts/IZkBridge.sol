// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.20;

/// The Token Bridge's external interface (docs/PROTOCOL.md §8): the one declaration of its structs, events and functions.
/// `ZkBridge.sol` implements it; the light client (`src/client/abi.rs`) and the devnet (`devnet/src/contracts.rs`) read
/// this file with alloy's `sol!`, so the three cannot drift apart. Self-contained (no imports): `sol!` reads one file.
interface IZkBridge {
    struct StoredBlockInfo {
        uint32 blockNumber;
        uint64 priorityOperations;
        bytes32 pendingOnchainOperationsHash;
        uint256 timestamp;
        bytes32 stateHash;
        bytes32 commitment;
        bytes32 syncHash;
    }

    struct OnchainOperationData {
        bytes ethWitness;
        uint32 publicDataOffset;
    }

    struct CommitBlockInfo {
        bytes32 newStateHash;
        bytes publicData;
        uint256 timestamp;
        OnchainOperationData[] onchainOperations;
        uint32 blockNumber;
        uint32 feeAccount;
    }

    event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock);
    event BlockCommitted(uint32 indexed blockNumber, bytes32 commitment);
    event BlockProven(uint32 indexed blockNumber);
    event BlockSynchronized(uint32 indexed blockNumber, bytes32 syncHash);
    event BlockExecuted(uint32 indexed blockNumber);
    /// The escrow of an executed Mapping op was burnt on its source chain.
    event MappingBurned(bytes32 indexed opHash, address indexed owner, uint16 tokenId, uint256 amount);
    /// An executed Mapping op was minted on its destination chain.
    event MappingMinted(bytes32 indexed opHash, address indexed to, uint16 tokenId, uint256 amount);

    function CHAIN_ID() external view returns (uint8);
    function addToken(uint16 tokenId, address token, uint8 decimals) external;
    function mappingToken(address _zkLinkAddress, address _to, uint104 _amount, address _token, uint8 _toChainId,
                          uint32 _nonce, uint16 _withdrawFee) external;
    function mappingOpHash(bytes memory op) external pure returns (bytes32);
    function commitBlocks(StoredBlockInfo memory lastCommitted, CommitBlockInfo[] memory newBlocks) external;
    function proveBlocks(StoredBlockInfo[] memory blocks, uint256[8][] memory proofs) external;
    function syncBlocks(StoredBlockInfo memory b, uint8[] memory chainIds, bytes32[] memory syncHashes) external;
    function executeBlocks(StoredBlockInfo memory b, bytes[] memory pendingOps) external;
    function storedBlockHashes(uint32 n) external view returns (bytes32);
    function storedBlockInfo(uint32 n) external view returns (StoredBlockInfo memory);
    function connectedChains() external view returns (uint8[] memory);
    function totalBlocksCommitted() external view returns (uint32);
    function totalBlocksProven() external view returns (uint32);
    function totalBlocksSynchronized() external view returns (uint32);
    function totalBlocksExecuted() external view returns (uint32);
    function totalOpenPriorityRequests() external view returns (uint64);
    function totalCommittedPriorityRequests() external view returns (uint64);
}
