//! The devnet's `sol!` bindings are the compiled contracts' ABIs: every function and event the bindings declare exists in
//! the solc output with the same selector, and the other way round for the bridge's functions the spec names.

use alloy::json_abi::JsonAbi;
use zkbridge_devnet::contracts::{artifact, IGroth16Verifier, IMappingToken, IZkBridge};

fn abi(name: &str) -> JsonAbi {
    serde_json::from_value(artifact(name).unwrap().abi).unwrap()
}

fn check(name: &str, calls: &[[u8; 4]], events: &[[u8; 32]]) {
    let a = abi(name);
    let fns: Vec<[u8; 4]> = a.functions().map(|f| f.selector().0).collect();
    let evs: Vec<[u8; 32]> = a.events().map(|e| e.selector().0).collect();
    for s in calls {
        assert!(fns.contains(s), "{name}: the binding's function {s:02x?} is not in the compiled ABI");
    }
    for s in events {
        assert!(evs.contains(s), "{name}: the binding's event {s:02x?} is not in the compiled ABI");
    }
}

#[test]
fn bindings_match_the_compiled_abis() {
    check("ZkBridge", IZkBridge::IZkBridgeCalls::SELECTORS, IZkBridge::IZkBridgeEvents::SELECTORS);
    check("Groth16Verifier", IGroth16Verifier::IGroth16VerifierCalls::SELECTORS, &[]);
    check("MappingToken", IMappingToken::IMappingTokenCalls::SELECTORS, IMappingToken::IMappingTokenEvents::SELECTORS);
    // Negative twin: a selector that is not there is noticed.
    let a = abi("ZkBridge");
    assert!(!a.functions().any(|f| f.selector().0 == [0, 0, 0, 0]));
    // The spec's lifecycle functions and getters are all bound.
    let bound: Vec<&str> = IZkBridge::IZkBridgeCalls::SIGNATURES.to_vec();
    for f in [
        "commitBlocks(",
        "proveBlocks(",
        "syncBlocks(",
        "executeBlocks(",
        "mappingToken(",
        "storedBlockHashes(uint32)",
        "storedBlockInfo(uint32)",
        "totalBlocksCommitted()",
        "totalBlocksProven()",
        "totalBlocksSynchronized()",
        "totalBlocksExecuted()",
    ] {
        assert!(bound.iter().any(|s| s.starts_with(f)), "{f} is not bound");
    }
}
