//! A small SMTP server for tests: it speaks enough of RFC 5321 for lettre to deliver to
//! it, keeps every accepted message, and refuses recipients whose address contains
//! `reject` (with a permanent 550), so failure paths are real network failures too.

use std::sync::{Arc, Mutex};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The raw DATA section (headers and MIME body).
    pub data: String,
}

pub struct FakeSmtp {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl FakeSmtp {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake smtp");
        let port = listener.local_addr().expect("local addr").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let sink = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, sink.clone()));
            }
        });
        Self { port, received }
    }

    /// `smtp://127.0.0.1:PORT`, plain text (loopback only).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("fake smtp lock").clone()
    }
}

async fn session(stream: TcpStream, sink: Arc<Mutex<Vec<Received>>>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    let mut reply = async |text: &str| write.write_all(format!("{text}\r\n").as_bytes()).await;
    if reply("220 fake.test ESMTP ready").await.is_err() {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    while let Ok(Some(line)) = lines.next_line().await {
        let upper = line.to_ascii_uppercase();
        let answer = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            "250 fake.test"
        } else if upper.starts_with("MAIL FROM:") {
            from = line[10..].trim().to_owned();
            to.clear();
            "250 sender ok"
        } else if upper.starts_with("RCPT TO:") {
            let rcpt = line[8..].trim().to_owned();
            if rcpt.contains("reject") {
                "550 no such mailbox here"
            } else {
                to.push(rcpt);
                "250 recipient ok"
            }
        } else if upper == "DATA" {
            if reply("354 end with <CRLF>.<CRLF>").await.is_err() {
                return;
            }
            let mut data = String::new();
            while let Ok(Some(l)) = lines.next_line().await {
                if l == "." {
                    break;
                }
                data.push_str(&l);
                data.push('\n');
            }
            sink.lock().expect("fake smtp lock").push(Received {
                from: from.clone(),
                to: to.clone(),
                data,
            });
            "250 queued"
        } else if upper == "QUIT" {
            let _ = reply("221 bye").await;
            return;
        } else {
            // RSET, NOOP and anything else lettre may say between messages.
            "250 ok"
        };
        if reply(answer).await.is_err() {
            return;
        }
    }
}
