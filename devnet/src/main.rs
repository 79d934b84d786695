//! `zkbridge-devnet`: start the devnet, burn, build a block, show the chains. Run as
//! `cargo run --release -p zkbridge-devnet -- <command>` (or `bash scripts/devnet.sh`).

use std::path::PathBuf;
use std::time::Duration;
use zkbridge_devnet::control;
use zkbridge_devnet::deployment::{self, Deployment};
use zkbridge_devnet::operator::{Config, Control, Operator};
use zkbridge_devnet::{keys, Devnet, Plan};

const USAGE: &str = "usage: zkbridge-devnet <command> [--deployment PATH] [--root CHECKOUT]
  (paths: the checkout is --root, else the nearest folder with a [workspace] Cargo.toml at or above the working directory;
   the key cache is ZKB_KEYS_DIR, else <checkout>/devnet/.keys)
  up [--chains N] [--ports A,B,…]      start N anvil chains (2 to 6, default 2; one port each, 0 for a free one), deploy,
                                       write the deployment file, run until Ctrl-C
  run [--chains N] [--ports A,B,…] [operator options]
                                       up, and the operator in the same process: the whole bridge; Ctrl-C stops it all
  burn <from> <to> <symbol> <amount>   dev user 1 burns <amount> (token units) on chain <from> for itself on chain <to>
  block                                take the pending burns, build, prove, commit/prove/sync/execute on every chain
  status                               each chain's committed / proven / synchronized / executed blocks
  operator [--interval-ms N] [--batch N] [--control-port P]
                                       run the operator daemon (default: a block 3 s after the first pending burn,
                                       or at 8 burns; control endpoint on 127.0.0.1:8547)
  seal | pause | resume | hold | release [--control-port P]
                                       tell a running operator to seal a block now, to pause or to resume, to hold
                                       executing (blocks are committed, proven, synchronized, not executed) or release it";

/// Takes `--name VALUE` out of `args`.
fn option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, Box<dyn std::error::Error>> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) if i + 1 < args.len() => {
            args.remove(i);
            Ok(Some(args.remove(i)))
        }
        Some(_) => Err(USAGE.into()),
    }
}

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // The checkout first: every other path is under it.
    if let Some(root) = option(&mut args, "--root")? {
        zkbridge_devnet::paths::set_root(std::fs::canonicalize(&root).map_err(|e| format!("--root {root}: {e}"))?);
    }
    let path = option(&mut args, "--deployment")?.map_or_else(deployment::default_path, PathBuf::from);
    let control_port: u16 = option(&mut args, "--control-port")?.map_or(Ok(8547), |p| p.parse())?;
    let interval_ms: u64 = option(&mut args, "--interval-ms")?.map_or(Ok(3000), |p| p.parse())?;
    let batch: usize = option(&mut args, "--batch")?.map_or(Ok(8), |p| p.parse())?;
    let ports = option(&mut args, "--ports")?;
    let n: usize = option(&mut args, "--chains")?.map_or(Ok(2), |p| p.parse())?;
    let mut plan = Plan::with_chains(n)?;
    if let Some(p) = ports {
        let p: Vec<u16> = p.split(',').map(str::parse).collect::<Result<_, _>>()?;
        if p.len() != n {
            return Err(format!("--ports has {} entries for {n} chains (one port per chain, 0 for a free one)", p.len()).into());
        }
        for (chain, port) in plan.chains.iter_mut().zip(p) {
            chain.3 = port;
        }
    }
    let config = Config { interval: Duration::from_millis(interval_ms), batch_size: batch, ..Config::default() };
    let mut log = |s: &str| println!("{s}");
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [cmd @ ("up" | "run")] => {
            // The proving key first (the first start runs the setup, printed as it goes): the operator needs it.
            let pk = if *cmd == "run" { Some(keys::proving_key_for(&snarkjs_vk()?, &mut log)?) } else { None };
            let d = Devnet::start(&plan, &keys::committed_vk()?, &mut log).await?;
            // The operator's control endpoint first: the deployment file names it (devnet only), and is written last, once
            // everything it names answers.
            let control = Control::default();
            let control_at = if pk.is_some() { Some(control::serve(control.clone(), control_port).await?) } else { None };
            let mut deployment = d.deployment.clone();
            deployment.operator =
                control_at.map(|p| zkbridge_devnet::deployment::OperatorInfo { control_url: format!("http://127.0.0.1:{p}") });
            deployment.write(&path)?;
            println!("deployment: {}", path.display());
            for c in &d.deployment.chains {
                println!("chain {} ({}): {} (EVM chain id {})", c.chain_id, c.name, c.rpc_url, c.evm_chain_id);
            }
            for a in &d.deployment.accounts {
                let mut balances = Vec::new();
                for t in &d.deployment.tokens {
                    for c in &d.deployment.chains {
                        let raw = d.balance(c.chain_id, &t.symbol, a.address).await?;
                        balances.push(format!(
                            "{} {} on {}",
                            zkbridge_light::calldata::format_amount(raw, t.decimals)?,
                            t.symbol,
                            c.chain_id
                        ));
                    }
                }
                println!("{} {} key {}: {}", a.label, a.address, a.private_key, balances.join(", "));
            }
            let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
            if let (Some(pk), Some(port)) = (pk, control_at) {
                println!(
                    "operator: control on http://127.0.0.1:{port} (POST /seal, /pause, /resume, /hold, /release; GET /status)"
                );
                println!("running; Ctrl-C (or SIGTERM) stops the operator and every chain");
                let mut op = Operator::new(&d, &pk, config, control);
                let mut out = |s: &str| println!("{s}");
                tokio::select! {
                    r = op.run(&mut out) => if let Err(e) = r { eprintln!("operator: {e}") },
                    r = tokio::signal::ctrl_c() => r?,
                    _ = term.recv() => {}
                }
            } else {
                println!("running; Ctrl-C (or SIGTERM) stops every chain");
                tokio::select! {
                    r = tokio::signal::ctrl_c() => r?,
                    _ = term.recv() => {}
                }
            }
            println!("stopping");
            for a in d.anvils {
                a.stop().await;
            }
            Ok(())
        }
        ["burn", from, to, symbol, amount] => {
            let d = Devnet::connect(Deployment::read(&path)?)?;
            let user = d.deployment.accounts.get(1).map(|a| a.address).ok_or("no dev user")?;
            let b = d.burn(1, from.parse()?, symbol, amount, to.parse()?, user).await?;
            println!(
                "burn sent: {} (serial id {}), {} {symbol} from chain {from} to {user} on chain {to}",
                b.tx_hash, b.serial_id, amount
            );
            Ok(())
        }
        ["block"] => {
            let d = Devnet::connect(Deployment::read(&path)?)?;
            let pk = keys::proving_key_for(&d.deployment.vk, &mut log)?;
            d.run_block(&pk, &mut log).await?;
            Ok(())
        }
        ["status"] => {
            let d = Devnet::connect(Deployment::read(&path)?)?;
            for (c, [com, pro, syn, exe]) in d.status().await? {
                println!("chain {c}: committed {com}, proven {pro}, synchronized {syn}, executed {exe}");
            }
            Ok(())
        }
        ["operator"] => {
            let d = Devnet::connect(Deployment::read(&path)?)?;
            let pk = keys::proving_key_for(&d.deployment.vk, &mut log)?;
            let control = Control::default();
            let port = control::serve(control.clone(), control_port).await?;
            println!("operator: control on http://127.0.0.1:{port} (POST /seal, /pause, /resume, /hold, /release; GET /status)");
            let mut op = Operator::new(&d, &pk, config, control.clone());
            let mut out = |s: &str| println!("{s}");
            tokio::select! {
                r = op.run(&mut out) => r?,
                _ = tokio::signal::ctrl_c() => println!("operator: stopped"),
            }
            Ok(())
        }
        [cmd @ ("seal" | "pause" | "resume" | "hold" | "release")] => {
            println!("{}", control::call(control_port, "POST", &format!("/{cmd}")).await?);
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}

/// The committed verifying key as snarkjs JSON (what `up` deploys).
fn snarkjs_vk() -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    Ok(zkbridge_light::groth16::snarkjs::vk_to_json(&keys::committed_vk()?))
}
