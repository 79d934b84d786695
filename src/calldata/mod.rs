//! The user's side of the bridge: burn calldata (zkLink's `mappingToken` and an exact ERC-20 `approve`, via alloy `sol!`),
//! strict amounts and decimals, EIP-55 addresses, the allowance call, and the burn read back from its receipt.

mod amount;
mod burn;
mod receipt;

pub use amount::{format_amount, parse_amount, to_l2_amount, L2_DECIMALS, MAX_L2_AMOUNT};
pub use burn::{
    allowance_call, approveCall, balance_of_call, build_burn, calldata_difference, check_recipient, checksum_address,
    decode_allowance, mappingTokenCall, BurnParams, BurnTxs, Call, Tx, ValidBurn,
};
pub use receipt::{decode_burn_receipt, BurnReceipt, Log, NewPriorityRequest, Receipt};
