//! A receiver on 127.0.0.1 with a test sink, and a small SMTP/LMTP client, for the receiver's
//! tests (over plain TCP here, and behind a real Postfix in `postfix.rs`).

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailward_connect::smtp::{self, Envelope, RcptOutcome, ReceiverConfig, Sink};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

/// What the test sink answers.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Stores and accepts.
    Accept,
    /// Refuses for now: 451 (the mail is not stored).
    Temporary,
    /// Waits this long, then stores and accepts.
    Slow(Duration),
}

/// Keeps received mail in memory.
pub struct TestSink {
    pub mode: Mutex<Mode>,
    pub mails: Mutex<Vec<(Envelope, Vec<u8>)>>,
    pub calls: Mutex<usize>,
    pub arrived: Notify,
}

impl TestSink {
    pub fn new(mode: Mode) -> Arc<TestSink> {
        Arc::new(TestSink {
            mode: Mutex::new(mode),
            mails: Mutex::new(Vec::new()),
            calls: Mutex::new(0),
            arrived: Notify::new(),
        })
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    pub fn stored(&self) -> Vec<(Envelope, Vec<u8>)> {
        self.mails.lock().unwrap().clone()
    }

    pub fn calls(&self) -> usize {
        *self.calls.lock().unwrap()
    }

    /// Waits until `n` mails are stored, at most `secs` seconds.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<(Envelope, Vec<u8>)> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            let notified = self.arrived.notified();
            let mails = self.stored();
            if mails.len() >= n {
                return mails;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "{} of {n} mails arrived within {secs} s",
                    self.stored().len()
                );
            }
        }
    }
}

impl Sink for TestSink {
    async fn deliver(&self, envelope: Envelope, message: Vec<u8>) -> Vec<RcptOutcome> {
        *self.calls.lock().unwrap() += 1;
        let mode = self.mode.lock().unwrap().clone();
        let n = envelope.recipients.len();
        match mode {
            Mode::Temporary => {
                self.arrived.notify_waiters();
                return vec![RcptOutcome::Temporary("archive unavailable (test)".into()); n];
            }
            Mode::Slow(wait) => tokio::time::sleep(wait).await,
            Mode::Accept => {}
        }
        let mut mails = self.mails.lock().unwrap();
        mails.push((envelope, message));
        let note = format!("stored as test-{}", mails.len());
        drop(mails);
        self.arrived.notify_waiters();
        vec![RcptOutcome::Accepted(note); n]
    }
}

/// A receiver running in the test's runtime; stopped (gracefully) when dropped or by `stop`.
pub struct Running {
    pub addr: SocketAddr,
    pub sink: Arc<TestSink>,
    stop: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<Result<(), smtp::ReceiverError>>>,
}

impl Running {
    /// Binds 127.0.0.1 on a free port (whatever `config.listen` says) and serves.
    pub async fn start(mut config: ReceiverConfig, sink: Arc<TestSink>) -> Running {
        config.listen = "127.0.0.1:0".parse().unwrap();
        let listener = smtp::bind(&config).await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = tokio::spawn(smtp::serve(listener, config, sink.clone(), async move {
            let _ = stopped.await;
        }));
        Running {
            addr,
            sink,
            stop: Some(stop),
            handle: Some(handle),
        }
    }

    /// Asks for shutdown and waits for `serve` to return.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(handle) = self.handle.take() {
            tokio::time::timeout(Duration::from_secs(30), handle)
                .await
                .expect("serve returns after shutdown")
                .expect("serve task")
                .expect("serve ok");
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A test configuration: short timeouts, small limits.
pub fn config(protocol: smtp::Dialect) -> ReceiverConfig {
    ReceiverConfig {
        protocol,
        hostname: "mx.mailward.test".into(),
        max_message_size: 1024 * 1024,
        max_recipients: 10,
        max_sessions: 20,
        max_errors: 10,
        command_timeout_secs: 10,
        data_timeout_secs: 10,
        shutdown_grace_secs: 5,
        ..ReceiverConfig::default()
    }
}

/// A minimal client: sends bytes, reads (multi-line) replies, every wait bounded.
pub struct Client<S> {
    pub io: BufReader<S>,
}

/// One reply: its code and all its lines as received.
#[derive(Debug, Clone)]
pub struct Answer {
    pub code: u16,
    pub text: String,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Client<S> {
    pub fn new(stream: S) -> Client<S> {
        Client {
            io: BufReader::new(stream),
        }
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        self.io.get_mut().write_all(bytes).await.expect("send");
        self.io.get_mut().flush().await.expect("flush");
    }

    /// Reads one reply; `None` when the connection closed first.
    pub async fn try_reply(&mut self) -> Option<Answer> {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            let n = tokio::time::timeout(Duration::from_secs(20), self.io.read_line(&mut line))
                .await
                .expect("a reply within 20 s")
                .ok()?;
            if n == 0 {
                return None;
            }
            text.push_str(&line);
            assert!(
                line.len() >= 4 && line.ends_with("\r\n"),
                "reply line {line:?}"
            );
            if line.as_bytes()[3] == b' ' {
                return Some(Answer {
                    code: line[..3].parse().expect("reply code"),
                    text,
                });
            }
        }
    }

    pub async fn reply(&mut self) -> Answer {
        self.try_reply()
            .await
            .expect("a reply before the connection closed")
    }

    /// Sends a command line (CRLF added) and reads its reply.
    pub async fn cmd(&mut self, line: &str) -> Answer {
        self.send(format!("{line}\r\n").as_bytes()).await;
        self.reply().await
    }

    /// Whether the server closed the connection (after reading what is left).
    pub async fn closed(&mut self) -> bool {
        let mut rest = String::new();
        matches!(
            tokio::time::timeout(Duration::from_secs(10), self.io.read_line(&mut rest)).await,
            Ok(Ok(0)) | Ok(Err(_))
        )
    }
}

/// Connects and reads the greeting.
pub async fn connect(addr: SocketAddr) -> (Client<tokio::net::TcpStream>, Answer) {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut client = Client::new(stream);
    let greeting = client.reply().await;
    (client, greeting)
}

/// Dot-stuffs a message and appends the terminator.
pub fn dot_stuffed(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 8);
    let mut line_start = true;
    for (i, &b) in message.iter().enumerate() {
        if line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        line_start = b == b'\n' && i > 0 && message[i - 1] == b'\r';
    }
    if !message.is_empty() && !message.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}
