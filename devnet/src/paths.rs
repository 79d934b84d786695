//! Where the devnet reads and writes at run time: the checkout given by `--root`, else the nearest folder at or above the
//! working directory whose `Cargo.toml` declares a `[workspace]` — never the path the binary was built from, so a copied
//! or moved checkout uses its own keys, contracts and anvil and writes its own deployment file. The key cache (the 92 MB
//! proving key) may live elsewhere: `ZKB_KEYS_DIR`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// Sets the checkout (`--root`); the first call wins.
pub fn set_root(root: PathBuf) {
    let _ = ROOT.set(root);
}

/// The checkout: `--root`, else the nearest workspace at or above the working directory, else the working directory.
pub fn root() -> PathBuf {
    ROOT.get_or_init(|| {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        find_workspace(&cwd).unwrap_or(cwd)
    })
    .clone()
}

/// The nearest folder at or above `from` whose `Cargo.toml` has a `[workspace]` table.
pub fn find_workspace(from: &Path) -> Option<PathBuf> {
    from.ancestors()
        .find(|d| std::fs::read_to_string(d.join("Cargo.toml")).is_ok_and(|t| t.lines().any(|l| l.trim() == "[workspace]")))
        .map(Path::to_path_buf)
}

/// `devnet/` of the checkout.
pub fn devnet_dir() -> PathBuf {
    root().join("devnet")
}

/// The key cache: `ZKB_KEYS_DIR`, else `devnet/.keys/` of the checkout.
pub fn keys_dir() -> PathBuf {
    std::env::var_os("ZKB_KEYS_DIR").filter(|d| !d.is_empty()).map_or_else(|| devnet_dir().join(".keys"), PathBuf::from)
}
