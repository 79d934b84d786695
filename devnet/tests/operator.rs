//! The operator daemon on fresh chains: burns are minted with no manual step, in both directions; `seal` puts two burns in one
//! block, and does nothing while paused; a stop after commit or after prove, then a restart, mints every burn exactly once; and a chain whose RPC fails for a
//! few seconds (a failing proxy in front of it) delays the bridge without losing anything.

use alloy::primitives::{Address, U256};
use alloy::providers::Provider;
use alloy::rpc::types::Filter;
use alloy::sol_types::SolEvent;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};
use zkbridge_devnet::contracts::IZkBridge;
use zkbridge_devnet::operator::{Config, Control, Operator, StopAfter};
use zkbridge_devnet::{keys, Devnet, Plan};
use zkbridge_light::client::mapping_op_hash;
use zkbridge_light::protocol::MappingOp;

fn units(s: &str, decimals: u8) -> U256 {
    zkbridge_light::calldata::parse_amount(s, decimals).unwrap()
}

fn log(s: &str) {
    eprintln!("{s}");
}

/// Waits (at most 90 s) until `f` holds.
async fn until<F: std::future::Future<Output = bool>>(what: &str, mut f: impl FnMut() -> F) {
    let t = Instant::now();
    while !f().await {
        assert!(t.elapsed() < Duration::from_secs(90), "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// How many `MappingMinted` events chain `chain` has for `op`.
async fn mints(d: &Devnet, chain: u8, op: &MappingOp) -> usize {
    let c = d.chain(chain).unwrap();
    let f = Filter::new()
        .address(c.info.bridge)
        .event_signature(IZkBridge::MappingMinted::SIGNATURE_HASH)
        .topic1(mapping_op_hash(op))
        .from_block(0);
    c.operator.get_logs(&f).await.unwrap().len()
}

/// Runs an operator until `script` finishes, then stops it; returns what `script` returned.
async fn with_operator<T>(
    d: &Devnet,
    pk: &ark_groth16::ProvingKey<ark_bn254::Bn254>,
    config: Config,
    control: Control,
    script: impl std::future::Future<Output = T>,
) -> T {
    let mut op = Operator::new(d, pk, config, control.clone());
    let mut out = |s: &str| log(s);
    let run = op.run(&mut out);
    tokio::pin!(run);
    tokio::pin!(script);
    tokio::select! {
        r = &mut run => {
            r.unwrap();
            panic!("the operator stopped before the script finished")
        }
        v = &mut script => {
            control.stop();
            v
        }
    }
}

/// A TCP proxy to `target` that, while `down`, closes every connection at once (the chain's RPC fails).
async fn proxy(target: String, down: Arc<AtomicBool>) -> String {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = l.accept().await {
            if down.load(Ordering::SeqCst) {
                drop(inbound);
                continue;
            }
            let target = target.clone();
            tokio::spawn(async move {
                if let Ok(mut outbound) = TcpStream::connect(target.trim_start_matches("http://")).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operator_bridges_burns_and_survives_restarts_and_rpc_errors() {
    let pk = keys::load_or_build(&mut log).unwrap();
    let d = Devnet::start(&Plan::default(), &pk.vk, &mut log).await.unwrap();
    let user: Address = d.deployment.accounts[1].address;
    let quick = Config { interval: Duration::from_millis(500), poll: Duration::from_millis(200), ..Config::default() };

    // 1. A burn on A is minted on B with no manual step; then one in each direction.
    with_operator(&d, &pk, quick.clone(), Control::default(), async {
        let b0 = d.balance(2, "USDX", user).await.unwrap();
        let sent = d.burn(1, 1, "USDX", "12.5", 2, user).await.unwrap();
        until("the mint on B", || async { d.balance(2, "USDX", user).await.unwrap() == b0 + units("12.5", 6) }).await;
        let (a0, b1) = (d.balance(1, "WETX", user).await.unwrap(), d.balance(2, "USDX", user).await.unwrap());
        let x = d.burn(1, 2, "WETX", "2", 1, user).await.unwrap();
        let y = d.burn(1, 1, "USDX", "1", 2, user).await.unwrap();
        until("both mints", || async {
            d.balance(1, "WETX", user).await.unwrap() == a0 + units("2", 18)
                && d.balance(2, "USDX", user).await.unwrap() == b1 + units("1", 6)
        })
        .await;
        assert_eq!(mints(&d, 2, &sent.op).await, 1);
        assert_eq!(mints(&d, 1, &x.op).await, 1);
        assert_eq!(mints(&d, 2, &y.op).await, 1);
    })
    .await;

    // 2. Two burns sealed into one block (a long interval: only `seal` seals).
    let slow =
        Config { interval: Duration::from_secs(3600), batch_size: 100, poll: Duration::from_millis(200), ..Config::default() };
    let control = Control::default();
    with_operator(&d, &pk, slow.clone(), control.clone(), async {
        let before = d.status().await.unwrap()[0].1[0];
        d.burn(2, 1, "USDX", "3", 2, user).await.unwrap();
        d.burn(3, 2, "USDX", "4", 1, user).await.unwrap();
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(d.status().await.unwrap()[0].1[0], before, "nothing is sealed before `seal`");
        control.seal();
        until("the sealed block", || async { control.last_block() == before + 1 }).await;
        let stored = d.stored_block(1, before + 1).await.unwrap();
        assert_eq!(stored.priority_operations, 1, "one burn from chain 1 in the block");
        assert_eq!(d.stored_block(2, before + 1).await.unwrap().priority_operations, 1, "and one from chain 2");
        assert!(d.pending_burns().await.unwrap().is_empty());
        // Paused, `seal` seals nothing; resumed, it does.
        control.pause();
        d.burn(2, 1, "USDX", "0.5", 2, user).await.unwrap();
        control.seal();
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(d.status().await.unwrap()[0].1[0], before + 1, "paused: nothing sealed");
        control.resume();
        control.seal();
        until("the block after resume", || async { control.last_block() == before + 2 }).await;
    })
    .await;

    // 3. Stopped after commit, then after prove: a restarted operator finishes, each burn minted exactly once.
    for (stop, amount) in [(StopAfter::Commit, "5"), (StopAfter::Prove, "5.5")] {
        let b0 = d.balance(2, "USDX", user).await.unwrap();
        let sent = d.burn(1, 1, "USDX", amount, 2, user).await.unwrap();
        let hooked = Config { stop_after: Some(stop), ..quick.clone() };
        let mut op = Operator::new(&d, &pk, hooked, Control::default());
        let mut out = |s: &str| log(s);
        op.run(&mut out).await.unwrap();
        let st = d.status().await.unwrap();
        let n = st[0].1[0];
        assert!(st.iter().all(|(_, k)| k[0] == n && k[3] == n - 1), "{stop:?}: {st:?}");
        assert_eq!(d.balance(2, "USDX", user).await.unwrap(), b0, "{stop:?}: nothing minted yet");
        let control = Control::default();
        with_operator(&d, &pk, quick.clone(), control.clone(), async {
            until("the restarted operator", || async { control.last_block() == n }).await;
        })
        .await;
        assert_eq!(d.balance(2, "USDX", user).await.unwrap(), b0 + units(amount, 6), "{stop:?}");
        assert_eq!(mints(&d, 2, &sent.op).await, 1, "{stop:?}");
        assert!(d.status().await.unwrap().iter().all(|(_, k)| *k == [n; 4]));
    }

    // 4. Chain B's RPC fails for a few seconds while a block is under way: the operator retries and nothing is lost.
    let down = Arc::new(AtomicBool::new(false));
    let mut dep = d.deployment.clone();
    dep.chains[1].rpc_url = proxy(dep.chains[1].rpc_url.trim_start_matches("http://").to_owned(), down.clone()).await;
    let via_proxy = Devnet::connect(dep).unwrap();
    let b0 = d.balance(2, "USDX", user).await.unwrap();
    let sent = d.burn(1, 1, "USDX", "6", 2, user).await.unwrap();
    down.store(true, Ordering::SeqCst);
    let flaky = Config { max_retries: 30, ..quick.clone() };
    with_operator(&via_proxy, &pk, flaky, Control::default(), async {
        tokio::time::sleep(Duration::from_secs(4)).await;
        assert_eq!(d.balance(2, "USDX", user).await.unwrap(), b0, "B is unreachable: nothing minted yet");
        down.store(false, Ordering::SeqCst);
        until("the mint after B came back", || async { d.balance(2, "USDX", user).await.unwrap() == b0 + units("6", 6) }).await;
    })
    .await;
    assert_eq!(mints(&d, 2, &sent.op).await, 1);
}
