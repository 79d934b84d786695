//! `zkbridge-devnet`: start the devnet, burn, build a block, show the chains. Run as
//! `cargo run --release -p zkbridge-devnet -- <command>` (or `bash scripts/devnet.sh`).

use std::path::PathBuf;
use zkbridge_devnet::deployment::{self, Deployment};
use zkbridge_devnet::{keys, Devnet, Plan};

const USAGE: &str = "usage: zkbridge-devnet <command> [--deployment PATH]
  up                                   start two anvil chains, deploy, write the deployment file, run until Ctrl-C
  burn <from> <to> <symbol> <amount>   dev user 1 burns <amount> (token units) on chain <from> for itself on chain <to>
  block                                take the pending burns, build, prove, commit/prove/sync/execute on both chains
  status                               each chain's committed / proven / synchronized / executed blocks";

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = deployment::default_path();
    if let Some(i) = args.iter().position(|a| a == "--deployment") {
        args.remove(i);
        path = PathBuf::from(if i < args.len() { args.remove(i) } else { return Err(USAGE.into()) });
    }
    let mut log = |s: &str| println!("{s}");
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["up"] => {
            let d = Devnet::start(&Plan::default(), &keys::committed_vk()?, &mut log).await?;
            d.deployment.write(&path)?;
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
            println!("running; Ctrl-C (or SIGTERM) stops both chains");
            let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
            tokio::select! {
                r = tokio::signal::ctrl_c() => r?,
                _ = term.recv() => {}
            }
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
        _ => Err(USAGE.into()),
    }
}
