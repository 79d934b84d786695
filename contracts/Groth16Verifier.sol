// SPDX-License-Identifier: MIT OR Apache-2.0
pragma solidity ^0.8.20;

/// On-chain Groth16/BN254 verification with the precompiles 0x06 (add), 0x07 (mul), 0x08 (pairing), for circuits with one
/// public input. The verifying key is deployment data (constructor arguments), so the contract's ABI and bytecode do not
/// depend on any key. G2 words are EIP-197's order: x.c1, x.c0, y.c1, y.c0. Every failed precompile call **reverts**:
/// returning false there would let `eth_estimateGas` pick a gas limit at which the pairing runs out of gas and "fails".
contract Groth16Verifier {
    uint256 internal constant P = 21888242871839275222246405745257275088696311157297823662689037894645226208583;
    uint256 internal constant R = 21888242871839275222246405745257275088548364400416034343698204186575808495617;

    uint256[2] internal alpha;
    uint256[4] internal beta;
    uint256[4] internal gamma;
    uint256[4] internal delta;
    uint256[2][2] internal ic;

    constructor(uint256[2] memory alpha_, uint256[4] memory beta_, uint256[4] memory gamma_, uint256[4] memory delta_,
                uint256[2][2] memory ic_) {
        alpha = alpha_;
        beta = beta_;
        gamma = gamma_;
        delta = delta_;
        ic = ic_;
    }

    /// `proof = [A.x, A.y, B.x.c1, B.x.c0, B.y.c1, B.y.c0, C.x, C.y]`. Reverts on a word ≥ p, an input ≥ r, a point the
    /// precompiles refuse (off the curve, outside the subgroup) or a precompile that fails; returns whether the pairing
    /// equation holds.
    function verifyProof(uint256[8] calldata proof, uint256 input) public view returns (bool) {
        require(input < R, "input not in field");
        for (uint256 i = 0; i < 8; i++) require(proof[i] < P, "proof word not in field");
        // vk_x = IC0 + input · IC1
        uint256[3] memory mulIn = [ic[1][0], ic[1][1], input];
        uint256[2] memory prod;
        bool ok;
        assembly { ok := staticcall(gas(), 0x07, mulIn, 0x60, prod, 0x40) }
        require(ok, "ecMul failed");
        uint256[4] memory addIn = [ic[0][0], ic[0][1], prod[0], prod[1]];
        uint256[2] memory vkX;
        assembly { ok := staticcall(gas(), 0x06, addIn, 0x80, vkX, 0x40) }
        require(ok, "ecAdd failed");
        // e(−A, B) · e(α, β) · e(vk_x, γ) · e(C, δ) == 1
        uint256 negAy = proof[1] == 0 ? 0 : P - proof[1];
        uint256[24] memory input_ = [
            proof[0], negAy, proof[2], proof[3], proof[4], proof[5],
            alpha[0], alpha[1], beta[0], beta[1], beta[2], beta[3],
            vkX[0], vkX[1], gamma[0], gamma[1], gamma[2], gamma[3],
            proof[6], proof[7], delta[0], delta[1], delta[2], delta[3]
        ];
        uint256[1] memory out;
        assembly { ok := staticcall(gas(), 0x08, input_, 768, out, 0x20) }
        require(ok, "pairing failed");
        return out[0] == 1;
    }
}
