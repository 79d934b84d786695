//! The operator's control endpoint on 127.0.0.1: `POST /seal` (seal a block of the pending burns now), `POST /pause`,
//! `POST /resume`, `POST /hold` (commit, prove and synchronize, but execute nothing), `POST /release`, `GET /status`
//! (`{"paused":false,"held":false,"lastBlock":3}`). It answers CORS preflights, so a page may call it.

use crate::operator::Control;
use crate::Error;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Serves `control` on `127.0.0.1:port` (0: a free port); returns the bound port.
///
/// # Errors
/// When the port cannot be bound.
pub async fn serve(control: Control, port: u16) -> Result<u16, Error> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| Error::Setup(format!("control port {port}: {e}")))?;
    let port = listener.local_addr().map_err(|e| Error::Setup(e.to_string()))?.port();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let control = control.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 2048];
                let n = s.read(&mut buf).await.unwrap_or(0);
                let req = String::from_utf8_lossy(buf.get(..n).unwrap_or_default()).to_string();
                let line = req.lines().next().unwrap_or_default().to_owned();
                let (code, body) = match line.split_whitespace().take(2).collect::<Vec<_>>().as_slice() {
                    ["OPTIONS", _] => ("204 No Content", String::new()),
                    ["POST", "/seal"] => {
                        control.seal();
                        ("200 OK", "{\"sealing\":true}".to_owned())
                    }
                    ["POST", "/pause"] => {
                        control.pause();
                        ("200 OK", "{\"paused\":true}".to_owned())
                    }
                    ["POST", "/resume"] => {
                        control.resume();
                        ("200 OK", "{\"paused\":false}".to_owned())
                    }
                    ["POST", "/hold"] => {
                        control.hold();
                        ("200 OK", "{\"held\":true}".to_owned())
                    }
                    ["POST", "/release"] => {
                        control.release();
                        ("200 OK", "{\"held\":false}".to_owned())
                    }
                    ["GET", "/status"] => (
                        "200 OK",
                        format!(
                            "{{\"paused\":{},\"held\":{},\"lastBlock\":{}}}",
                            control.is_paused(),
                            control.is_held(),
                            control.last_block()
                        ),
                    ),
                    _ => (
                        "404 Not Found",
                        "{\"error\":\"POST /seal, /pause, /resume, /hold, /release or GET /status\"}".to_owned(),
                    ),
                };
                let resp = format!(
                    "HTTP/1.1 {code}\r\ncontent-type: application/json\r\naccess-control-allow-origin: *\r\naccess-control-allow-methods: GET, POST, OPTIONS\r\naccess-control-allow-headers: content-type\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = s.write_all(resp.as_bytes()).await;
            });
        }
    });
    Ok(port)
}

/// Calls a running operator's control endpoint: `method path` on `http://127.0.0.1:port`; returns the body.
///
/// # Errors
/// When nothing answers (the operator is not running) or it answers with an error status.
pub async fn call(port: u16, method: &str, path: &str) -> Result<String, Error> {
    let mut s =
        TcpStream::connect(("127.0.0.1", port)).await.map_err(|e| Error::Rpc(format!("operator control on port {port}: {e}")))?;
    let req = format!("{method} {path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.map_err(|e| Error::Rpc(e.to_string()))?;
    let mut out = String::new();
    s.read_to_string(&mut out).await.map_err(|e| Error::Rpc(e.to_string()))?;
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    if !head.starts_with("HTTP/1.1 2") {
        return Err(Error::Rpc(format!("operator control: {}", head.lines().next().unwrap_or_default())));
    }
    Ok(body.to_owned())
}
