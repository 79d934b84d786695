// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.20;

/// The devnet's bridged token: an ERC-20 whose supply only the bridge changes after deployment (it burns what it escrowed
/// on the source chain and mints on the destination). The deployer's initial holders are devnet accounts.
contract MappingToken {
    string public name;
    string public symbol;
    uint8 public immutable decimals;
    address public immutable bridge;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(string memory n, string memory s, uint8 d, address bridge_, address[] memory holders, uint256 each) {
        name = n;
        symbol = s;
        decimals = d;
        bridge = bridge_;
        for (uint256 i = 0; i < holders.length; i++) _mint(holders[i], each);
    }

    modifier onlyBridge() {
        require(msg.sender == bridge, "bridge only");
        _;
    }

    function _mint(address to, uint256 v) internal {
        totalSupply += v;
        balanceOf[to] += v;
        emit Transfer(address(0), to, v);
    }

    function mint(address to, uint256 v) external onlyBridge { _mint(to, v); }

    function burn(address from, uint256 v) external onlyBridge {
        balanceOf[from] -= v;
        totalSupply -= v;
        emit Transfer(from, address(0), v);
    }

    function approve(address spender, uint256 v) external returns (bool) {
        allowance[msg.sender][spender] = v;
        emit Approval(msg.sender, spender, v);
        return true;
    }

    function transfer(address to, uint256 v) external returns (bool) { return transferFrom(msg.sender, to, v); }

    function transferFrom(address from, address to, uint256 v) public returns (bool) {
        if (from != msg.sender) allowance[from][msg.sender] -= v;
        balanceOf[from] -= v;
        balanceOf[to] += v;
        emit Transfer(from, to, v);
        return true;
    }
}
