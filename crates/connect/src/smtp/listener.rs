//! The network side: the accept loop with its session limit, one task per session that reads
//! commands and message data with deadlines, STARTTLS, and the orderly shutdown.
//!
//! Everything a client can make us hold is bounded: sessions by `max_sessions` (a client beyond
//! it gets `421 4.7.0` at once, written without a task, and is closed), the input buffer by the
//! line limit plus one read, the message by `max_message_size` (the rest is read and dropped),
//! the time per command line by `command_timeout`, the time for a message by `data_timeout`, the
//! time a reply may take to be read by `command_timeout`. Replies are written when no complete
//! command is left in the input, so pipelined commands get their replies together and in order.

use std::future::Future;
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::{self, ServerConfig};

use super::config::{ReceiverConfig, TlsFiles};
use super::envelope::TlsInfo;
use super::error::ReceiverError;
use super::reply::Reply;
use super::session::{DataEnd, MAX_LINE, Next, Session, Settings};
use super::sink::Sink;

/// How much is read from the socket at once.
const READ_CHUNK: usize = 16 * 1024;

/// Opens the listening socket named in the configuration.
pub async fn bind(config: &ReceiverConfig) -> Result<TcpListener, ReceiverError> {
    TcpListener::bind(config.listen)
        .await
        .map_err(|e| ReceiverError::Bind(config.listen, e))
}

/// What every session task shares.
struct Shared<S> {
    sink: Arc<S>,
    settings: Arc<Settings>,
    tls: Option<TlsAcceptor>,
    command_timeout: Duration,
    data_timeout: Duration,
    id_prefix: String,
}

/// Session numbers, shared by every listener of the process, so that a session id names one
/// session however many listeners run.
static NEXT_SESSION: AtomicU64 = AtomicU64::new(1);

/// Accepts SMTP or LMTP sessions on `listener` and hands every received mail to `sink`, until
/// `shutdown` completes. Then it stops accepting, tells idle sessions `421 4.3.2`, lets sessions
/// in the middle of a mail finish for `shutdown_grace_secs`, and ends the rest (their clients get
/// no reply, so they keep the mail and retry). Fails only at start: bad settings or TLS files.
pub async fn serve<S, F>(
    listener: TcpListener,
    config: ReceiverConfig,
    sink: Arc<S>,
    shutdown: F,
) -> Result<(), ReceiverError>
where
    S: Sink,
    F: Future<Output = ()> + Send,
{
    let shared = Arc::new(shared(&config, sink)?);
    let permits = Arc::new(Semaphore::new(config.max_sessions));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut sessions = JoinSet::new();
    let busy = format!(
        "421 4.7.0 {} Too many sessions, try again later\r\n",
        config.hostname
    );
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
            accepted = listener.accept() => {
                let (stream, client) = match accepted {
                    Ok(pair) => pair,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a little instead of
                        // spinning; sessions that end free what is missing.
                        tracing::warn!("smtp accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                match permits.clone().try_acquire_owned() {
                    Ok(permit) => {
                        let shared = shared.clone();
                        let stop = stop_rx.clone();
                        sessions.spawn(async move {
                            session_task(stream, client, &shared, stop).await;
                            drop(permit);
                        });
                    }
                    Err(_) => {
                        // No task, no wait: a fresh socket's send buffer takes the line at once
                        // (a plain non-blocking write, without waiting for the reactor to report
                        // the socket writable), or the client gets a plain close.
                        if let Ok(std_stream) = stream.into_std() {
                            let _ = (&std_stream).write(busy.as_bytes());
                        }
                        tracing::debug!("smtp session from {client} refused: max_sessions reached");
                    }
                }
            }
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let grace = config.shutdown_grace();
    let drained = timeout(grace, async {
        while sessions.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            "smtp shutdown: {} sessions still busy after {grace:?}, ending them",
            sessions.len()
        );
        sessions.shutdown().await;
    }
    Ok(())
}

fn shared<S: Sink>(config: &ReceiverConfig, sink: Arc<S>) -> Result<Shared<S>, ReceiverError> {
    let host = &config.hostname;
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(ReceiverError::Config(format!(
            "hostname {host:?} must be one word"
        )));
    }
    if config.max_sessions == 0 || config.max_recipients == 0 || config.max_errors == 0 {
        return Err(ReceiverError::Config(
            "max_sessions, max_recipients and max_errors must be at least 1".into(),
        ));
    }
    let tls = config.tls.as_ref().map(acceptor).transpose()?;
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    Ok(Shared {
        sink,
        settings: Arc::new(Settings {
            dialect: config.protocol,
            hostname: config.hostname.clone(),
            max_message_size: config.max_message_size,
            max_recipients: config.max_recipients,
            max_errors: config.max_errors,
            tls_available: tls.is_some(),
            xforward_hosts: config.xforward_hosts.clone(),
        }),
        tls,
        command_timeout: config.command_timeout(),
        data_timeout: config.data_timeout(),
        id_prefix: format!("{started:x}.{:x}", std::process::id()),
    })
}

/// The STARTTLS server configuration from the PEM files.
fn acceptor(files: &TlsFiles) -> Result<TlsAcceptor, ReceiverError> {
    let bad = |path: &std::path::Path, reason: String| ReceiverError::Tls {
        path: path.to_owned(),
        reason,
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&files.cert)
        .map_err(|e| bad(&files.cert, e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| bad(&files.cert, e.to_string()))?;
    if certs.is_empty() {
        return Err(bad(&files.cert, "no certificate in the file".into()));
    }
    let key =
        PrivateKeyDer::from_pem_file(&files.key).map_err(|e| bad(&files.key, e.to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(&files.cert, e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| bad(&files.key, e.to_string()))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// The TLS version as people write it (`TLSv1.3`), as in Postfix's and OpenSSL's logs.
fn version_name(version: rustls::ProtocolVersion) -> String {
    match version {
        rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2".into(),
        rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3".into(),
        other => format!("{other:?}"),
    }
}

/// How a stretch of the session on one stream ended.
enum Ending {
    Closed,
    StartTls,
}

async fn session_task<S: Sink>(
    mut stream: TcpStream,
    client: SocketAddr,
    shared: &Shared<S>,
    mut stop: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let local = match stream.local_addr() {
        Ok(a) => a,
        Err(_) => return,
    };
    let n = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
    let id = format!("{}.{n:x}", shared.id_prefix);
    let mut session = Session::new(shared.settings.clone(), id.clone(), client, local);
    let mut io = Io::new();
    let result = match io
        .drive(&mut stream, &mut session, shared, &mut stop, true)
        .await
    {
        Ok(Ending::StartTls) => {
            let Some(acceptor) = shared.tls.as_ref() else {
                return;
            };
            match timeout(shared.command_timeout, acceptor.accept(stream)).await {
                Ok(Ok(mut tls)) => {
                    let (_, conn) = tls.get_ref();
                    let info = TlsInfo {
                        version: conn
                            .protocol_version()
                            .map(version_name)
                            .unwrap_or_default(),
                        cipher: conn
                            .negotiated_cipher_suite()
                            .map(|c| {
                                let s = c.suite();
                                s.as_str().map(str::to_owned).unwrap_or(format!("{s:?}"))
                            })
                            .unwrap_or_default(),
                    };
                    session.tls_started(info);
                    let mut io = Io::new();
                    io.drive(&mut tls, &mut session, shared, &mut stop, false)
                        .await
                        .map(|_| ())
                }
                Ok(Err(e)) => Err(e),
                Err(_) => Err(io::Error::new(io::ErrorKind::TimedOut, "TLS handshake")),
            }
        }
        Ok(Ending::Closed) => Ok(()),
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        tracing::debug!("smtp session {id} from {client} ended: {e}");
    }
}

/// A line taken from the input.
enum Line {
    Command(Vec<u8>),
    TooLong,
    BareLf,
}

/// The buffers of one stream.
struct Io {
    input: Vec<u8>,
    chunk: Vec<u8>,
    out: Vec<u8>,
    /// Discarding the rest of an overlong line.
    overflow: bool,
}

impl Io {
    fn new() -> Io {
        Io {
            input: Vec::with_capacity(1024),
            chunk: vec![0; READ_CHUNK],
            out: Vec::with_capacity(1024),
            overflow: false,
        }
    }

    /// The next complete line of the input, if there is one.
    fn take_line(&mut self) -> Option<Line> {
        match self.input.iter().position(|&b| b == b'\n') {
            Some(at) => {
                let overflow = std::mem::replace(&mut self.overflow, false);
                let line: Vec<u8> = self.input.drain(..=at).collect();
                if overflow || line.len() > MAX_LINE + 2 {
                    Some(Line::TooLong)
                } else if line.len() >= 2 && line[line.len() - 2] == b'\r' {
                    Some(Line::Command(line[..line.len() - 2].to_vec()))
                } else {
                    Some(Line::BareLf)
                }
            }
            None => {
                if self.input.len() > MAX_LINE + 1 {
                    self.overflow = true;
                    self.input.clear();
                }
                None
            }
        }
    }

    async fn flush<IO: AsyncWrite + Unpin>(
        &mut self,
        io: &mut IO,
        limit: Duration,
    ) -> io::Result<()> {
        if self.out.is_empty() {
            return Ok(());
        }
        let result = timeout(limit, async {
            io.write_all(&self.out).await?;
            io.flush().await
        })
        .await;
        self.out.clear();
        match result {
            Ok(r) => r,
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "client does not read replies",
            )),
        }
    }

    /// Writes `reply` and closes.
    async fn close_with<IO: AsyncWrite + Unpin>(
        &mut self,
        io: &mut IO,
        reply: Reply,
        limit: Duration,
    ) -> io::Result<Ending> {
        reply.write_to(&mut self.out);
        self.flush(io, limit).await?;
        let _ = timeout(limit, io.shutdown()).await;
        Ok(Ending::Closed)
    }

    /// Runs the session on one stream until it ends or asks for TLS.
    async fn drive<IO, S>(
        &mut self,
        io: &mut IO,
        session: &mut Session,
        shared: &Shared<S>,
        stop: &mut watch::Receiver<bool>,
        greet: bool,
    ) -> io::Result<Ending>
    where
        IO: AsyncRead + AsyncWrite + Unpin,
        S: Sink,
    {
        let limit = shared.command_timeout;
        if greet {
            session.greeting().write_to(&mut self.out);
        }
        let mut deadline = Instant::now() + limit;
        loop {
            while let Some(line) = self.take_line() {
                deadline = Instant::now() + limit;
                let step = match line {
                    Line::Command(line) => session.command(&line),
                    Line::TooLong => session.line_too_long(),
                    Line::BareLf => session.bare_lf(),
                };
                for reply in &step.replies {
                    reply.write_to(&mut self.out);
                }
                match step.next {
                    Next::Command => {}
                    Next::Close => {
                        self.flush(io, limit).await?;
                        let _ = timeout(limit, io.shutdown()).await;
                        return Ok(Ending::Closed);
                    }
                    Next::StartTls => {
                        // Plaintext sent after STARTTLS must not count as encrypted input
                        // (command injection, CVE-2011-0411): dropped.
                        self.input.clear();
                        self.flush(io, limit).await?;
                        return Ok(Ending::StartTls);
                    }
                    Next::Data => {
                        self.flush(io, limit).await?;
                        let Some(reader) = self.read_data(io, session, shared).await? else {
                            return self.close_with(io, session.timeout_reply(), limit).await;
                        };
                        let replies = match session.data_end(reader) {
                            DataEnd::Refused(replies) => replies,
                            DataEnd::Deliver(envelope, message) => {
                                let outcomes = shared.sink.deliver(*envelope, message).await;
                                session.delivered(outcomes)
                            }
                        };
                        for reply in &replies {
                            reply.write_to(&mut self.out);
                        }
                        deadline = Instant::now() + limit;
                    }
                }
            }
            self.flush(io, limit).await?;
            if *stop.borrow() {
                return self.close_with(io, session.shutdown_reply(), limit).await;
            }
            tokio::select! {
                read = timeout_at(deadline, io.read(&mut self.chunk)) => match read {
                    Err(_) => return self.close_with(io, session.timeout_reply(), limit).await,
                    Ok(Ok(0)) => return Ok(Ending::Closed),
                    Ok(Ok(n)) => self.input.extend_from_slice(&self.chunk[..n]),
                    Ok(Err(e)) => return Err(e),
                },
                _ = stop.changed() => {
                    return self.close_with(io, session.shutdown_reply(), limit).await;
                }
            }
        }
    }

    /// Reads the message after a 354. `None` when the DATA deadline passed; an error (such as
    /// end of stream) when the connection is lost, in which case nothing is answered.
    async fn read_data<IO, S>(
        &mut self,
        io: &mut IO,
        session: &Session,
        shared: &Shared<S>,
    ) -> io::Result<Option<super::data::DataReader>>
    where
        IO: AsyncRead + Unpin,
    {
        let mut reader = session.data_reader();
        let used = reader.feed(&self.input);
        self.input.drain(..used);
        let deadline = Instant::now() + shared.data_timeout;
        while !reader.is_done() {
            let n = match timeout_at(deadline, io.read(&mut self.chunk)).await {
                Err(_) => return Ok(None),
                Ok(r) => r?,
            };
            if n == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "connection lost during DATA",
                ));
            }
            let used = reader.feed(&self.chunk[..n]);
            self.input.extend_from_slice(&self.chunk[used..n]);
        }
        Ok(Some(reader))
    }
}
