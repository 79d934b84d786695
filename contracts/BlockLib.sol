// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.20;

import "./IZkBridge.sol";

/// The block model of docs/PROTOCOL.md in Solidity, written from the spec alone: the commitment, the stored-block hash,
/// the per-chain op hashes and the sync hash. The light client's tests compare it with the Rust core through eth_call.
contract BlockLib {
    uint256 internal constant CHUNK_BYTES = 23;
    uint8 internal constant OP_NOOP = 0;
    uint8 internal constant OP_DEPOSIT = 1;
    uint8 internal constant OP_WITHDRAW = 3;
    uint8 internal constant OP_FULL_EXIT = 5;
    uint8 internal constant OP_MAPPING = 14;
    bytes32 internal constant EMPTY_STRING_KECCAK = keccak256("");

    function storedBlockHash(IZkBridge.StoredBlockInfo memory info) public pure returns (bytes32) {
        return keccak256(abi.encode(info));
    }

    function commitment(IZkBridge.StoredBlockInfo memory prev, IZkBridge.CommitBlockInfo memory b) public pure returns (bytes32) {
        require(b.publicData.length % CHUNK_BYTES == 0, "pubdata not whole chunks");
        bytes memory offsets = new bytes(b.publicData.length / CHUNK_BYTES);
        for (uint256 i = 0; i < b.onchainOperations.length; i++) {
            uint256 off = b.onchainOperations[i].publicDataOffset;
            require(off % CHUNK_BYTES == 0 && off < b.publicData.length, "bad offset");
            offsets[off / CHUNK_BYTES] = 0x01;
        }
        return sha256(abi.encodePacked(uint256(b.blockNumber), uint256(b.feeAccount), prev.stateHash, b.newStateHash,
            uint256(b.timestamp), sha256(b.publicData), sha256(offsets)));
    }

    function publicInput(IZkBridge.StoredBlockInfo memory prev, IZkBridge.CommitBlockInfo memory b) external pure returns (uint256) {
        return uint256(commitment(prev, b)) & (type(uint256).max >> 3);
    }

    function opSize(uint8 opType) internal pure returns (uint256) {
        if (opType == OP_NOOP) return CHUNK_BYTES;
        if (opType == OP_DEPOSIT || opType == OP_FULL_EXIT) return 3 * CHUNK_BYTES;
        if (opType == OP_WITHDRAW) return 5 * CHUNK_BYTES;
        if (opType == OP_MAPPING) return 4 * CHUNK_BYTES;
        revert("unknown op");
    }

    function slice(bytes memory data, uint256 start, uint256 len) internal pure returns (bytes memory out) {
        out = new bytes(len);
        for (uint256 i = 0; i < len; i++) out[i] = data[start + i];
    }

    /// Folds keccak(h ‖ padded op) over the ops picked by `mode`: 0 touches c, 1 pending on c; also counts priority ops.
    function perChain(bytes memory data, uint8 c) public pure returns (bytes32 touch, bytes32 pending, uint64 priority) {
        touch = EMPTY_STRING_KECCAK;
        pending = EMPTY_STRING_KECCAK;
        uint256 at = 0;
        while (at < data.length) {
            uint8 t = uint8(data[at]);
            uint256 size = opSize(t);
            require(at + size <= data.length, "op cut short");
            if (t != OP_NOOP) {
                uint8 chain = uint8(data[at + 1]);
                uint8 to = t == OP_MAPPING ? uint8(data[at + 2]) : chain;
                bytes memory op = slice(data, at, size);
                bool touches = chain == c || to == c;
                if (touches) touch = keccak256(abi.encodePacked(touch, op));
                bool isPending = ((t == OP_WITHDRAW || t == OP_FULL_EXIT) && chain == c) || (t == OP_MAPPING && touches);
                if (isPending) pending = keccak256(abi.encodePacked(pending, op));
                if ((t == OP_DEPOSIT || t == OP_FULL_EXIT || t == OP_MAPPING) && chain == c) priority++;
            }
            at += size;
        }
    }

    function nextSyncHash(bytes32 prevSyncHash, bytes32 commitment_, bytes32[] memory opHashesAscending)
        public pure returns (bytes32 acc)
    {
        acc = keccak256(abi.encodePacked(prevSyncHash, commitment_));
        for (uint256 i = 0; i < opHashesAscending.length; i++) acc = keccak256(abi.encodePacked(acc, opHashesAscending[i]));
    }

    /// `chains` must be ascending.
    function storedBlockInfoFor(IZkBridge.StoredBlockInfo memory prev, IZkBridge.CommitBlockInfo memory b, uint8 chainId, uint8[] memory chains)
        external pure returns (IZkBridge.StoredBlockInfo memory info)
    {
        bytes32 cm = commitment(prev, b);
        bytes32[] memory hashes = new bytes32[](chains.length);
        for (uint256 i = 0; i < chains.length; i++) {
            if (i > 0) require(chains[i] > chains[i - 1], "chains not ascending");
            (hashes[i],,) = perChain(b.publicData, chains[i]);
        }
        (, bytes32 pending, uint64 priority) = perChain(b.publicData, chainId);
        info = IZkBridge.StoredBlockInfo(b.blockNumber, priority, pending, b.timestamp, b.newStateHash, cm,
            nextSyncHash(prev.syncHash, cm, hashes));
    }
}
