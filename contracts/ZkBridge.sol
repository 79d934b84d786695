// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.20;

import "./IZkBridge.sol";
import "./BlockLib.sol";

interface IGroth16Verifier {
    function verifyProof(uint256[8] calldata proof, uint256 input) external view returns (bool);
}

interface IMappingToken {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function mint(address to, uint256 amount) external;
    function burn(address from, uint256 amount) external;
}

/// The devnet's Token Bridge on one chain (docs/PROTOCOL.md §8): the user's `mappingToken` burn request (zkLink v1 ABI), and
/// the block lifecycle commit → prove (on-chain Groth16) → synchronize (relayed sync hashes) → execute (burn the escrow on
/// the source, mint on the destination). Every hash is the one of BlockLib, written from the spec.
contract ZkBridge is IZkBridge, BlockLib {
    uint128 public constant MAX_DEPOSIT_AMOUNT = 2 ** 104 - 1;
    uint16 public constant MAX_WITHDRAW_FEE = 10000;
    uint256 internal constant INPUT_MASK = type(uint256).max >> 3;

    struct RegisteredToken { bool registered; uint16 tokenId; uint8 decimals; }

    uint8 public immutable CHAIN_ID;
    address public immutable governor;
    IGroth16Verifier public immutable verifier;
    uint8[] internal connected;

    mapping(address => RegisteredToken) public tokens;
    mapping(uint16 => address) public tokenAddress;

    /// Priority requests: the hash of each request's Mapping op with its fee bytes zeroed, by serial id.
    mapping(uint64 => bytes32) public priorityRequestHash;
    uint64 public totalOpenPriorityRequests;
    uint64 public totalCommittedPriorityRequests;

    mapping(uint32 => bytes32) public storedBlockHashes;
    mapping(uint32 => StoredBlockInfo) internal storedInfo;
    uint32 public totalBlocksCommitted;
    uint32 public totalBlocksProven;
    uint32 public totalBlocksSynchronized;
    uint32 public totalBlocksExecuted;

    // Events: declared in IZkBridge.

    /// `connected_` ascending, containing `chainId`; the genesis block is `StoredBlockInfo(0, 0, keccak(""), 0, genesisRoot,
    /// 0, keccak(""))` (docs/PROTOCOL.md §1).
    constructor(uint8 chainId, IGroth16Verifier verifier_, uint8[] memory connected_, bytes32 genesisRoot) {
        bool self = false;
        for (uint256 i = 0; i < connected_.length; i++) {
            if (i > 0) require(connected_[i] > connected_[i - 1], "chains not ascending");
            if (connected_[i] == chainId) self = true;
        }
        require(self, "chain not connected");
        CHAIN_ID = chainId;
        governor = msg.sender;
        verifier = verifier_;
        connected = connected_;
        StoredBlockInfo memory genesis = StoredBlockInfo(0, 0, EMPTY_STRING_KECCAK, 0, genesisRoot, bytes32(0), EMPTY_STRING_KECCAK);
        storedInfo[0] = genesis;
        storedBlockHashes[0] = keccak256(abi.encode(genesis));
    }

    modifier onlyGovernor() {
        require(msg.sender == governor, "governor only");
        _;
    }

    function connectedChains() external view returns (uint8[] memory) { return connected; }

    function storedBlockInfo(uint32 n) external view returns (StoredBlockInfo memory) {
        require(n <= totalBlocksCommitted, "block not committed");
        return storedInfo[n];
    }

    function addToken(uint16 tokenId, address token, uint8 decimals) external onlyGovernor {
        require(decimals <= 18, "decimals > 18");
        tokens[token] = RegisteredToken(true, tokenId, decimals);
        tokenAddress[tokenId] = token;
    }

    /// The hash that identifies a Mapping op across chains: keccak256 of its 83 significant bytes with the fee zeroed.
    function mappingOpHash(bytes memory op) public pure returns (bytes32) {
        bytes memory o = slice(op, 0, 83);
        for (uint256 i = 61; i < 77; i++) o[i] = 0;
        return keccak256(o);
    }

    function mappingToken(address _zkLinkAddress, address _to, uint104 _amount, address _token, uint8 _toChainId,
                          uint32 _nonce, uint16 _withdrawFee) external {
        // Tokens minted to the zero address could never be moved: refused before anything is taken.
        require(_to != address(0) && _zkLinkAddress != address(0), "zero recipient");
        require(_toChainId != CHAIN_ID, "same chain");
        require(_withdrawFee < MAX_WITHDRAW_FEE, "withdraw fee");
        bool known = false;
        for (uint256 i = 0; i < connected.length; i++) if (connected[i] == _toChainId) known = true;
        require(known, "destination not connected");
        RegisteredToken memory t = tokens[_token];
        require(t.registered, "token not registered");
        uint256 l2 = uint256(_amount) * 10 ** (18 - t.decimals);
        require(l2 > 0 && l2 <= MAX_DEPOSIT_AMOUNT, "amount");
        require(IMappingToken(_token).transferFrom(msg.sender, address(this), _amount), "transferFrom");
        bytes memory pubData = abi.encodePacked(OP_MAPPING, CHAIN_ID, _toChainId, _zkLinkAddress, _to, t.tokenId,
            uint128(l2), uint128(0), _nonce, _withdrawFee);
        uint64 serialId = totalOpenPriorityRequests++;
        priorityRequestHash[serialId] = mappingOpHash(pubData);
        emit NewPriorityRequest(msg.sender, serialId, OP_MAPPING, pubData, block.number + 40320);
    }

    /// The devnet's blocks carry Mapping and Noop ops only; the listed offsets must be exactly the Mapping ops. Every Mapping
    /// op from this chain must be the next committed priority request of this chain, in order (fee excluded).
    function checkOps(CommitBlockInfo memory b) internal returns (uint64 fromHere) {
        bytes memory data = b.publicData;
        require(data.length % CHUNK_BYTES == 0, "pubdata not whole chunks");
        uint256 listed = 0;
        uint256 at = 0;
        while (at < data.length) {
            uint8 t = uint8(data[at]);
            if (t == OP_NOOP) { at += CHUNK_BYTES; continue; }
            require(t == OP_MAPPING, "unsupported op");
            require(at + 4 * CHUNK_BYTES <= data.length, "op cut short");
            require(listed < b.onchainOperations.length && b.onchainOperations[listed].publicDataOffset == at, "offsets differ");
            listed++;
            bytes memory op = slice(data, at, 4 * CHUNK_BYTES);
            if (uint8(op[1]) == CHAIN_ID) {
                uint64 id = totalCommittedPriorityRequests + fromHere;
                require(id < totalOpenPriorityRequests && priorityRequestHash[id] == mappingOpHash(op), "not a priority request");
                fromHere++;
            }
            at += 4 * CHUNK_BYTES;
        }
        require(listed == b.onchainOperations.length, "offsets differ");
    }

    function commitBlocks(StoredBlockInfo memory lastCommitted, CommitBlockInfo[] memory newBlocks) external onlyGovernor {
        require(keccak256(abi.encode(lastCommitted)) == storedBlockHashes[totalBlocksCommitted], "last committed block differs");
        for (uint256 i = 0; i < newBlocks.length; i++) {
            CommitBlockInfo memory b = newBlocks[i];
            require(b.blockNumber == lastCommitted.blockNumber + 1, "block number");
            require(b.timestamp >= lastCommitted.timestamp, "timestamp");
            uint64 fromHere = checkOps(b);
            bytes32 cm = commitment(lastCommitted, b);
            bytes32[] memory hashes = new bytes32[](connected.length);
            for (uint256 c = 0; c < connected.length; c++) (hashes[c],,) = perChain(b.publicData, connected[c]);
            (, bytes32 pending, uint64 priority) = perChain(b.publicData, CHAIN_ID);
            require(priority == fromHere, "priority ops");
            StoredBlockInfo memory info = StoredBlockInfo(b.blockNumber, priority, pending, b.timestamp, b.newStateHash, cm,
                nextSyncHash(lastCommitted.syncHash, cm, hashes));
            storedInfo[b.blockNumber] = info;
            storedBlockHashes[b.blockNumber] = keccak256(abi.encode(info));
            totalCommittedPriorityRequests += priority;
            totalBlocksCommitted = b.blockNumber;
            emit BlockCommitted(b.blockNumber, cm);
            lastCommitted = info;
        }
    }

    /// `proofs[i]` is the EVM form `[A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y]` of `blocks[i]`, whose public input is
    /// `commitment & INPUT_MASK`.
    function proveBlocks(StoredBlockInfo[] memory blocks, uint256[8][] memory proofs) external {
        require(blocks.length == proofs.length, "lengths");
        for (uint256 i = 0; i < blocks.length; i++) {
            StoredBlockInfo memory b = blocks[i];
            require(b.blockNumber == totalBlocksProven + 1, "block number");
            require(b.blockNumber <= totalBlocksCommitted && keccak256(abi.encode(b)) == storedBlockHashes[b.blockNumber],
                "block not committed");
            require(verifier.verifyProof(proofs[i], uint256(b.commitment) & INPUT_MASK), "invalid proof");
            totalBlocksProven = b.blockNumber;
            emit BlockProven(b.blockNumber);
        }
    }

    /// The relayer brings every connected chain's sync hash of block n (`chainIds` = the connected chains, ascending). The
    /// block is synchronized here only when each equals the sync hash this chain computed itself.
    function syncBlocks(StoredBlockInfo memory b, uint8[] memory chainIds, bytes32[] memory syncHashes) external onlyGovernor {
        require(b.blockNumber == totalBlocksSynchronized + 1, "block number");
        require(b.blockNumber <= totalBlocksProven && keccak256(abi.encode(b)) == storedBlockHashes[b.blockNumber], "block not proven");
        require(chainIds.length == connected.length && syncHashes.length == connected.length, "chains");
        for (uint256 i = 0; i < connected.length; i++) {
            require(chainIds[i] == connected[i], "chains");
            require(syncHashes[i] == b.syncHash, "sync hash differs");
        }
        totalBlocksSynchronized = b.blockNumber;
        emit BlockSynchronized(b.blockNumber, b.syncHash);
    }

    /// `pendingOps` are the block's pending ops of this chain (the Mapping ops from or to it), in order, as 92-byte ops.
    function executeBlocks(StoredBlockInfo memory b, bytes[] memory pendingOps) external onlyGovernor {
        require(b.blockNumber == totalBlocksExecuted + 1, "block number");
        require(b.blockNumber <= totalBlocksSynchronized, "not synchronized");
        require(keccak256(abi.encode(b)) == storedBlockHashes[b.blockNumber], "block differs");
        bytes32 h = EMPTY_STRING_KECCAK;
        for (uint256 i = 0; i < pendingOps.length; i++) {
            bytes memory op = pendingOps[i];
            require(op.length == 4 * CHUNK_BYTES && uint8(op[0]) == OP_MAPPING, "not a Mapping op");
            h = keccak256(abi.encodePacked(h, op));
            (uint8 from, uint8 to, address owner, address recipient, uint16 tokenId, uint128 amount) = decodeMapping(op);
            address token = tokenAddress[tokenId];
            require(token != address(0), "token not registered");
            uint256 raw = uint256(amount) / 10 ** (18 - tokens[token].decimals);
            bytes32 opHash = mappingOpHash(op);
            if (from == CHAIN_ID) {
                IMappingToken(token).burn(address(this), raw);
                emit MappingBurned(opHash, owner, tokenId, raw);
            }
            if (to == CHAIN_ID) {
                IMappingToken(token).mint(recipient, raw);
                emit MappingMinted(opHash, recipient, tokenId, raw);
            }
        }
        require(h == b.pendingOnchainOperationsHash, "pending ops differ");
        totalBlocksExecuted = b.blockNumber;
        emit BlockExecuted(b.blockNumber);
    }

    function decodeMapping(bytes memory op) internal pure
        returns (uint8 from, uint8 to, address owner, address recipient, uint16 tokenId, uint128 amount)
    {
        assembly {
            let p := add(op, 32)
            from := byte(0, mload(add(p, 1)))
            to := byte(0, mload(add(p, 2)))
            owner := shr(96, mload(add(p, 3)))
            recipient := shr(96, mload(add(p, 23)))
            tokenId := shr(240, mload(add(p, 43)))
            amount := shr(128, mload(add(p, 45)))
        }
    }
}
