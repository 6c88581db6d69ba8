//! A webhook receiver for tests and the benchmark: a small HTTP/1.1 server on loopback
//! that keeps every request, answers with scripted statuses (then 200), and checks
//! signatures with its own implementation of the Standard Webhooks scheme (HMAC written
//! out from SHA-256 here, not the `hmac` crate the sender uses), so a mistake in the
//! sender cannot hide behind the same mistake in the check.

use std::{
    collections::{HashMap, VecDeque},
    sync::{Arc, Mutex},
};

use base64::{Engine, engine::general_purpose::STANDARD};
use sha2::{Digest, Sha256};
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One request as received.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
    pub body: String,
    /// The status it was answered with.
    pub answered: u16,
}

#[derive(Default)]
struct Shared {
    hits: Vec<Hit>,
    script: VecDeque<u16>,
}

pub struct Receiver {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl Receiver {
    /// Starts on `127.0.0.1`, answering `script` in order and 200 afterwards.
    pub async fn start(script: &[u16]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind receiver");
        let port = listener.local_addr().expect("local addr").port();
        let shared = Arc::new(Mutex::new(Shared {
            hits: Vec::new(),
            script: script.iter().copied().collect(),
        }));
        let sink = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(connection(stream, sink.clone()));
            }
        });
        Self { port, shared }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.shared.lock().expect("receiver lock").hits.clone()
    }
}

/// Serves requests on one connection until the client closes it (keep-alive).
async fn connection(stream: TcpStream, shared: Arc<Mutex<Shared>>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let mut headers = HashMap::new();
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).await.unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
        }
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let answered = {
            let mut shared = shared.lock().expect("receiver lock");
            let status = shared.script.pop_front().unwrap_or(200);
            shared.hits.push(Hit {
                headers,
                body: String::from_utf8_lossy(&body).into_owned(),
                answered: status,
            });
            status
        };
        let text = if answered < 300 { "thanks" } else { "not now" };
        let response = format!(
            "HTTP/1.1 {answered} X\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{text}",
            text.len()
        );
        if write.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Whether `hit` carries a valid signature for `secret` (`whsec_<base64>`): the
/// `webhook-signature` header lists `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`.
pub fn verify(secret: &str, hit: &Hit) -> bool {
    let Some(key) = secret
        .strip_prefix("whsec_")
        .and_then(|k| STANDARD.decode(k).ok())
    else {
        return false;
    };
    let (Some(id), Some(timestamp), Some(signatures)) = (
        hit.headers.get("webhook-id"),
        hit.headers.get("webhook-timestamp"),
        hit.headers.get("webhook-signature"),
    ) else {
        return false;
    };
    let signed = format!("{id}.{timestamp}.{}", hit.body);
    let expected = format!(
        "v1,{}",
        STANDARD.encode(hmac_sha256(&key, signed.as_bytes()))
    );
    signatures.split(' ').any(|s| s == expected)
}

/// RFC 2104 HMAC over SHA-256 (64-byte blocks).
fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|b| b ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .to_vec()
}
