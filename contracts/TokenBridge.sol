// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.20;

interface IERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// The source side of the Token Bridge (docs/PROTOCOL.md §3): zkLink v1's `mappingToken` ABI, emitting zkLink `main`'s
/// `NewPriorityRequest` with the 83-byte Mapping op (fee 0). Tokens are held by the bridge until the block executes.
contract TokenBridge {
    uint8 public constant OP_MAPPING = 14;
    uint128 public constant MAX_DEPOSIT_AMOUNT = 2 ** 104 - 1;
    uint16 public constant MAX_WITHDRAW_FEE = 10000;

    struct RegisteredToken { bool registered; uint16 tokenId; uint8 decimals; }

    uint8 public immutable CHAIN_ID;
    address public immutable governor;
    uint64 public totalOpenPriorityRequests;
    mapping(address => RegisteredToken) public tokens;

    event NewPriorityRequest(address sender, uint64 serialId, uint8 opType, bytes pubData, uint256 expirationBlock);

    constructor(uint8 chainId) { CHAIN_ID = chainId; governor = msg.sender; }

    function addToken(uint16 tokenId, address token, uint8 decimals) external {
        require(msg.sender == governor, "governor only");
        require(decimals <= 18, "decimals > 18");
        tokens[token] = RegisteredToken(true, tokenId, decimals);
    }

    function mappingToken(address _zkLinkAddress, address _to, uint104 _amount, address _token, uint8 _toChainId,
                          uint32 _nonce, uint16 _withdrawFee) external {
        require(_to != address(0) && _zkLinkAddress != address(0), "zero recipient");
        require(_toChainId != CHAIN_ID, "same chain");
        require(_withdrawFee < MAX_WITHDRAW_FEE, "withdraw fee");
        RegisteredToken memory t = tokens[_token];
        require(t.registered, "token not registered");
        uint256 l2 = uint256(_amount) * 10 ** (18 - t.decimals);
        require(l2 > 0 && l2 <= MAX_DEPOSIT_AMOUNT, "amount");
        require(IERC20(_token).transferFrom(msg.sender, address(this), _amount), "transferFrom");
        bytes memory pubData = abi.encodePacked(OP_MAPPING, CHAIN_ID, _toChainId, _zkLinkAddress, _to, t.tokenId,
            uint128(l2), uint128(0), _nonce, _withdrawFee);
        emit NewPriorityRequest(msg.sender, totalOpenPriorityRequests++, OP_MAPPING, pubData, block.number + 40320);
    }
}
