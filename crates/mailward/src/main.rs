//! The `mailward` command: the command-line edge of the archive. It parses arguments, sets up
//! logging, calls the use cases in `mailward-app`, prints results for people (Japanese first,
//! English second) or as JSON for scripts, and maps outcomes to exit codes:
//! 0 success, 1 findings (verify found a problem, an import could not archive a path),
//! 2 errors (bad arguments, an unusable data directory, I/O failure).

#![forbid(unsafe_code)]

mod progress;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use mailward_app::Archive;
use mailward_app::clock::SystemClock;
use mailward_app::import::{ImportOptions, NoProgress, Progress, Quoting};
use mailward_app::settings::Settings;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Keep every harassing mail as evidence, byte for byte, and prove it.
#[derive(Parser)]
#[command(name = "mailward", version, about, long_about = None)]
struct Cli {
    /// Data directory (created on first use; SQLite and blob segments inside).
    #[arg(
        long,
        global = true,
        env = "MAILWARD_DATA",
        default_value = "./mailward-data"
    )]
    data: PathBuf,
    /// Office time zone for showing times and reading dates without an offset.
    #[arg(long, global = true, env = "MAILWARD_TZ", default_value = "Asia/Tokyo")]
    tz: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum MboxQuoting {
    /// Remove one `>` from lines matching `^>+From ` (mboxrd).
    Mboxrd,
    /// Keep lines as written (for mboxo files).
    Keep,
}

#[derive(Subcommand)]
enum Command {
    /// Archive Maildir folders, mbox files, .eml files and folders holding them.
    Import {
        /// Files and folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object instead of the summary.
        #[arg(long)]
        json: bool,
        /// Append one JSON line per mail to this file once the mail is durable.
        #[arg(long)]
        receipts: Option<PathBuf>,
        /// How mbox `>From ` lines are treated.
        #[arg(long, value_enum, default_value = "mboxrd")]
        mbox_quoting: MboxQuoting,
        /// Most mails per durable batch.
        #[arg(long, default_value_t = 1000)]
        batch: usize,
        /// Do not sign a checkpoint at the end.
        #[arg(long)]
        no_checkpoint: bool,
    },
    /// Recompute every hash, the tree and every checkpoint; exit 1 if anything is wrong.
    Verify {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// A checkpoint note kept outside the archive to check against (repeatable).
        #[arg(long = "checkpoint")]
        checkpoints: Vec<PathBuf>,
    },
    /// Sign the current tree head and print the checkpoint note.
    Checkpoint {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Print the archive's public key and its fingerprint.
    Key {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// List archived mail.
    Messages {
        /// Only mail received at or after this time (RFC 3339, or a date in the office zone).
        #[arg(long)]
        since: Option<String>,
        /// Only mail received before this time.
        #[arg(long)]
        until: Option<String>,
        /// Only mail from this address (From header, case-insensitive).
        #[arg(long)]
        sender: Option<String>,
        /// Print JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Summarise mail per sender: count, first and last seen, names, mails per day, and the
    /// triage flags with evidence, legal grounds and same-purpose topics.
    Senders {
        /// Print JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Archive, triage and sort one IMAP mailbox folder: `imap://USER@HOST[:PORT]/FOLDER`, the
    /// password in MAILWARD_IMAP_PASSWORD. With --once it exits when caught up; without, it keeps
    /// watching (IDLE, or polling).
    Sync {
        /// imap://USER@HOST[:PORT]/FOLDER (the folder may be Japanese, percent-encoded or not).
        url: String,
        /// Implicit TLS (the default; port 993).
        #[arg(long, conflicts_with_all = ["starttls", "insecure_plain"])]
        tls: bool,
        /// STARTTLS on the plain port (143).
        #[arg(long, conflicts_with = "insecure_plain")]
        starttls: bool,
        /// No encryption at all: for a server on this machine only.
        #[arg(long)]
        insecure_plain: bool,
        /// An extra CA certificate (PEM) to trust, for a server with a private CA.
        #[arg(long)]
        ca_file: Option<PathBuf>,
        /// Log in with SASL XOAUTH2, the access token read from this file (first line).
        #[arg(long)]
        oauth2_token_file: Option<PathBuf>,
        /// Sync once and exit when caught up (for cron and scripts).
        #[arg(long)]
        once: bool,
        /// Print one JSON object (with --once).
        #[arg(long)]
        json: bool,
    },
    /// Run the sources configured in mailward.toml ([[imap]] mailboxes, [[listen]] SMTP/LMTP
    /// listeners) and those given here, until stopped (Ctrl-C, SIGTERM).
    Serve {
        /// Also receive SMTP on this address (e.g. 127.0.0.1:10025 for a Postfix content_filter);
        /// may be repeated.
        #[arg(long, value_name = "ADDR")]
        smtp_listen: Vec<std::net::SocketAddr>,
        /// Also receive LMTP on this address (e.g. 127.0.0.1:24 for a Postfix lmtp: transport);
        /// may be repeated.
        #[arg(long, value_name = "ADDR")]
        lmtp_listen: Vec<std::net::SocketAddr>,
        /// Pass mail received by --smtp-listen on to this SMTP server after archiving it (the
        /// content_filter's reinjection smtpd, e.g. 127.0.0.1:10026).
        #[arg(long, value_name = "HOST:PORT")]
        next_hop: Option<String>,
    },
    /// Show each configured source: connected or not, last sync, backlog, last error.
    Status {
        /// Print JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// The same per sender domain (shared free-mail domains never carry a domain flag).
    Domains {
        /// Print JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Show one mail decoded: headers, text and attachments.
    Show {
        /// Message id (see `mailward messages`).
        id: u64,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Reply to an archived mail through the [submission] server; the reply's exact bytes are
    /// in the evidence log before it is sent (sending), and the outcome after (sent or
    /// send_failed). Exit 0 sent, 1 not sent (recorded), 2 error.
    Reply {
        /// Message id of the mail answered (see `mailward messages`).
        id: u64,
        /// A template (see `mailward templates`).
        #[arg(
            long,
            required_unless_present = "body_file",
            conflicts_with = "body_file"
        )]
        template: Option<String>,
        /// A text file (UTF-8) to send instead of a template.
        #[arg(long)]
        body_file: Option<PathBuf>,
        /// A template value for this reply, over [reply.vars] (repeatable): --var manager_name=山田
        #[arg(long = "var", value_name = "KEY=VALUE")]
        vars: Vec<String>,
        /// Print the composed mail; do not send or record anything.
        #[arg(long)]
        dry_run: bool,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// List the reply templates: built-in and the office's ([reply] templates_dir).
    Templates {
        /// Print JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Write the exact raw bytes of a mail (or of a reply: its `sending` entry) to standard
    /// output.
    Raw {
        /// Message id (see `mailward messages`), or a reply's `sending` entry.
        id: u64,
    },
    /// Drop and recompute all derived data from the evidence log.
    Rebuild,
    /// Print a Merkle proof (RFC 9162) that a third party can check.
    Proof {
        #[command(subcommand)]
        kind: ProofKind,
    },
}

#[derive(Subcommand)]
enum ProofKind {
    /// Prove that an entry (a message id) is in the signed log.
    Inclusion {
        /// Entry sequence number (the message id).
        id: u64,
        /// Tree size to prove against (default: the newest checkpoint covering the entry).
        #[arg(long)]
        tree_size: Option<u64>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Prove that the log of OLD entries is a prefix of the log of NEW entries.
    Consistency {
        /// The older tree size.
        old: u64,
        /// The newer tree size.
        new: u64,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MAILWARD_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("エラー / error: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("エラー / error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Prints one decoded mail for people, Japanese labels first.
fn print_shown(s: &mailward_app::archive::Shown) {
    let m = &s.listing;
    let mailbox = |v: &serde_json::Value| {
        let address = v.get("address").and_then(|a| a.as_str()).unwrap_or("");
        match v.get("name").and_then(|n| n.as_str()) {
            Some(name) => format!("{name} <{address}>"),
            None => address.to_string(),
        }
    };
    println!("ID:             {}", m.id);
    println!("受信 / received: {}", m.received_at);
    if let Some(t) = &m.server_received_at {
        println!("サーバー受信 / server received: {t}");
    }
    println!(
        "差出人 / From:  {}",
        m.from.as_ref().map(&mailbox).unwrap_or_default()
    );
    let to: Vec<String> =
        m.to.as_array()
            .map(|a| a.iter().map(&mailbox).collect())
            .unwrap_or_default();
    println!("宛先 / To:      {}", to.join(", "));
    println!("件名 / Subject: {}", m.subject.as_deref().unwrap_or(""));
    println!("日付 / Date:    {}", m.date.as_deref().unwrap_or(""));
    println!("Message-ID:     {}", m.message_id.as_deref().unwrap_or(""));
    println!("SHA-256:        {}", m.sha256);
    if let Some(w) = m.warnings.as_array().filter(|w| !w.is_empty()) {
        for w in w {
            println!("警告 / warning: {}", w.as_str().unwrap_or(""));
        }
    }
    for c in m.categories.as_array().into_iter().flatten() {
        let id = c["id"].as_str().unwrap_or("");
        let label = mailward_triage::flags::Flag::from_id(id).map_or(id, |f| f.label().0);
        let words: Vec<String> = c["matched"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| format!("「{}」", m["text"].as_str().unwrap_or("")))
            .collect();
        let mut line = format!("分類 / category: {label} ({id}): {}", words.join(" "));
        if let Some(t) = c["targets"].as_array().filter(|t| !t.is_empty()) {
            let names: Vec<&str> = t.iter().filter_map(|n| n.as_str()).collect();
            line.push_str(&format!(" 対象 / target: {}", names.join(", ")));
        }
        if c["time_bound"] == true {
            line.push_str(" 日時の指定あり / names a time");
        }
        println!("{line}");
    }
    if let Some(t) = m.topic {
        println!("話題 / topic:   {t}");
    }
    for a in &s.attachments {
        println!(
            "添付 / attachment: {} ({}, {} bytes, sha256 {})",
            a["name"].as_str().unwrap_or("(no name)"),
            a["content_type"].as_str().unwrap_or(""),
            a["size"],
            a["sha256"].as_str().unwrap_or("")
        );
    }
    for r in &s.replies {
        let outcome = match r.outcome {
            "sent" => format!(
                "送信済み / sent: {}",
                r.server_reply.as_deref().unwrap_or("")
            ),
            "failed" => format!(
                "未送信 / not sent ({}): {}",
                r.failure.as_deref().unwrap_or(""),
                r.error.as_deref().unwrap_or("")
            ),
            _ => "結果不明 / outcome unknown (送信された可能性があります / it may have been sent)"
                .to_string(),
        };
        println!(
            "返信 / reply:   {} (entry {}) -> {} [{}] {}",
            r.started_at,
            r.sending,
            r.to.join(", "),
            r.template.as_deref().unwrap_or("-"),
            outcome
        );
    }
    println!();
    println!("{}", s.text);
}

/// A reader that stopped early (`mailward messages | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

async fn open(cli: &Cli) -> Result<Archive> {
    let settings = Settings::with_zone(&cli.tz)?;
    Archive::open(&cli.data, settings, Arc::new(SystemClock))
        .await
        .with_context(|| format!("opening the data directory {}", cli.data.display()))
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

use mailward_app::config::ImapSource;
use mailward_connect::ImapTarget;

async fn run(cli: Cli) -> Result<ExitCode> {
    let archive = open(&cli).await?;
    match &cli.command {
        Command::Import {
            paths,
            json,
            receipts,
            mbox_quoting,
            batch,
            no_checkpoint,
        } => {
            let options = ImportOptions {
                quoting: match mbox_quoting {
                    MboxQuoting::Mboxrd => Quoting::Mboxrd,
                    MboxQuoting::Keep => Quoting::Keep,
                },
                receipts: receipts.clone(),
                batch_mails: (*batch).max(1),
                checkpoint: !no_checkpoint,
                ..ImportOptions::default()
            };
            let started = std::time::Instant::now();
            let bar: Arc<dyn Progress> = if std::io::stderr().is_terminal() {
                Arc::new(progress::Bar::new())
            } else {
                Arc::new(NoProgress)
            };
            let summary = archive.import(paths, &options, bar.clone()).await?;
            drop(bar);
            let seconds = started.elapsed().as_secs_f64();
            if *json {
                print_json(&summary)?;
            } else {
                progress::print_summary(&summary, seconds);
            }
            Ok(if summary.failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Verify { json, checkpoints } => {
            let mut extra = Vec::new();
            for path in checkpoints {
                let note = std::fs::read_to_string(path)
                    .with_context(|| format!("reading checkpoint file {}", path.display()))?;
                extra.push((path.display().to_string(), note));
            }
            let started = std::time::Instant::now();
            let report = archive.verify(&extra).await?;
            let seconds = started.elapsed().as_secs_f64();
            if *json {
                print_json(&report)?;
            } else if report.ok {
                println!(
                    "検証OK / Verified: {} entries, {} blobs ({:.1} MB), {} checkpoints, {} entries under a valid signature; root {} ({:.1} s)",
                    report.entries,
                    report.blobs,
                    report.bytes as f64 / 1e6,
                    report.checkpoints,
                    report.checkpointed_size,
                    report.root,
                    seconds
                );
            } else {
                println!(
                    "改ざん・欠損を検出 / Problems found: {} (entries {}, blobs {}, checkpoints {})",
                    report.problems.len(),
                    report.entries,
                    report.blobs,
                    report.checkpoints
                );
                for p in report.problems.iter().take(200) {
                    println!("  [{}] {}", p.kind, p.message);
                }
                if report.problems.len() > 200 {
                    println!(
                        "  ... 他 {} 件 / {} more (use --json for all)",
                        report.problems.len() - 200,
                        report.problems.len() - 200
                    );
                }
            }
            Ok(if report.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Checkpoint { json } => {
            let made = archive.checkpoint().await?;
            if *json {
                print_json(&made)?;
            } else {
                print!("{}", made.note);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Key { json } => {
            let key = archive.key()?;
            let info = serde_json::json!({
                "name": key.name,
                "fingerprint": key.fingerprint(),
                "verifier_key": key.verifier_key(),
                "public_key_pem": key.public_pem()?,
            });
            if *json {
                print_json(&info)?;
            } else {
                println!("鍵の名前 / key name:      {}", key.name);
                println!(
                    "指紋 / fingerprint (SHA-256 of the raw public key): {}",
                    key.fingerprint()
                );
                println!("検証鍵 / verifier key:    {}", key.verifier_key());
                print!("{}", key.public_pem()?);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Senders { json } => {
            let senders = archive.senders().await?;
            print_summaries(&senders, *json, "差出人 / sender")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Domains { json } => {
            let domains = archive.domains().await?;
            print_summaries(&domains, *json, "ドメイン / domain")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let shown = archive.show(*id).await?;
            if *json {
                print_json(&shown)?;
            } else {
                print_shown(&shown);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Messages {
            since,
            until,
            sender,
            json,
        } => {
            let since = since
                .as_deref()
                .map(|s| archive.settings.parse_instant(s))
                .transpose()?;
            let until = until
                .as_deref()
                .map(|s| archive.settings.parse_instant(s))
                .transpose()?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let json = *json;
            archive
                .messages(since, until, sender.as_deref(), |m| {
                    let written = if json {
                        serde_json::to_vec(&m)
                            .map_err(std::io::Error::other)
                            .and_then(|mut line| {
                                line.push(b'\n');
                                out.write_all(&line)
                            })
                    } else {
                        let from = m
                            .from
                            .as_ref()
                            .and_then(|f| f.get("address"))
                            .and_then(|a| a.as_str())
                            .unwrap_or("-");
                        let categories: Vec<&str> = m
                            .categories
                            .as_array()
                            .map(|a| a.iter().filter_map(|c| c["id"].as_str()).collect())
                            .unwrap_or_default();
                        writeln!(
                            out,
                            "{:>8}  {}  {:>9}  {}  {}  {}{}",
                            m.id,
                            m.server_received_at.as_deref().unwrap_or(&m.received_at),
                            m.size,
                            &m.sha256[..16],
                            from,
                            m.subject.as_deref().unwrap_or(""),
                            if categories.is_empty() {
                                String::new()
                            } else {
                                format!("  [{}]", categories.join(","))
                            }
                        )
                    };
                    written.map_err(|e| mailward_app::AppError::Io {
                        what: "writing to standard output".into(),
                        source: e,
                    })
                })
                .await?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Raw { id } => {
            let bytes = archive.raw_of_entry(*id).await?;
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Proof { kind } => {
            match kind {
                ProofKind::Inclusion {
                    id,
                    tree_size,
                    json,
                } => {
                    let proof = archive.prove_inclusion(*id, *tree_size).await?;
                    if *json {
                        print_json(&proof)?;
                    } else {
                        println!(
                            "包含証明 / Inclusion proof: entry {} (leaf {}) in a tree of {} entries",
                            proof.entry, proof.leaf_index, proof.tree_size
                        );
                        println!("leaf hash: {}", proof.leaf_hash);
                        for (i, h) in proof.path.iter().enumerate() {
                            println!("path[{i}]:  {h}");
                        }
                        println!("root:      {}", proof.root);
                        match &proof.checkpoint {
                            Some(note) => print!("signed checkpoint:\n{note}"),
                            None => println!(
                                "(no signed checkpoint of this size yet: run `mailward checkpoint`)"
                            ),
                        }
                    }
                }
                ProofKind::Consistency { old, new, json } => {
                    let proof = archive.prove_consistency(*old, *new).await?;
                    if *json {
                        print_json(&proof)?;
                    } else {
                        println!(
                            "整合性証明 / Consistency proof: {} entries -> {} entries",
                            proof.old_size, proof.new_size
                        );
                        println!("old root: {}", proof.old_root);
                        println!("new root: {}", proof.new_root);
                        for (i, h) in proof.path.iter().enumerate() {
                            println!("path[{i}]: {h}");
                        }
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sync {
            url,
            tls: _,
            starttls,
            insecure_plain,
            ca_file,
            oauth2_token_file,
            once,
            json,
        } => {
            let mailbox = mailward_app::imap::MailboxUrl::parse(url)?;
            // The command line describes one [[imap]] source; the config path builds the target.
            let source = ImapSource {
                name: format!("sync {url}"),
                host: mailbox.host.clone(),
                port: mailbox.port,
                security: if *insecure_plain {
                    "plain"
                } else if *starttls {
                    "starttls"
                } else {
                    "tls"
                }
                .into(),
                user: mailbox.user.clone(),
                password_env: oauth2_token_file
                    .is_none()
                    .then(|| "MAILWARD_IMAP_PASSWORD".to_string()),
                password_file: None,
                oauth2_token_file: oauth2_token_file.clone(),
                oauth2_token_command: None,
                ca_file: ca_file.clone(),
                folders: vec![mailbox.folder.clone()],
                poll_seconds: 60,
                timeout_seconds: ImapTarget::DEFAULT_TIMEOUT.as_secs(),
            };
            let folders = source.folders.clone();
            if *once {
                let target = source.target()?;
                // Transient failures (server restarting, network) are retried a few times with
                // backoff; a wrong password or a missing folder is reported at once.
                let mut attempt = 0;
                let report = loop {
                    match archive.sync_imap(&target, &folders).await {
                        Ok(r) => break r,
                        Err(mailward_app::AppError::Imap(e)) if e.retryable() && attempt < 4 => {
                            attempt += 1;
                            let wait = mailward_app::imap::backoff(attempt);
                            eprintln!("再試行 / retrying in {wait:?}: {e}");
                            tokio::time::sleep(wait).await;
                        }
                        Err(e) => {
                            archive
                                .record_status(
                                    &source.name,
                                    &target.account(),
                                    false,
                                    Some(e.to_string()),
                                    false,
                                    None,
                                )
                                .await;
                            return Err(e.into());
                        }
                    }
                };
                // What is left on the server is the mails it could not hand over.
                let unreadable: usize = report.folders.iter().map(|f| f.unreadable.len()).sum();
                archive
                    .record_status(
                        &source.name,
                        &report.account,
                        false,
                        (unreadable > 0).then(|| {
                            format!("{unreadable} mail(s) the server could not hand over")
                        }),
                        true,
                        Some(unreadable as u64),
                    )
                    .await;
                if *json {
                    print_json(&report)?;
                } else {
                    for f in &report.folders {
                        println!(
                            "同期完了 / Synced {} {}: {} on server, {} archived, {} duplicates, {} removed by others, {} moved, {} copied, {} with keywords{}",
                            report.account,
                            f.folder,
                            f.on_server,
                            f.archived,
                            f.duplicates,
                            f.removed,
                            f.moved,
                            f.copied,
                            f.keyworded,
                            if f.unreadable.is_empty() {
                                String::new()
                            } else {
                                format!("; unreadable: {}", f.unreadable.join(", "))
                            }
                        );
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            let watch = mailward_app::imap::Watch::of(source);
            let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                shutdown_signal().await;
                let _ = stop_tx.send(true);
            });
            archive.watch(&watch, &stop_rx).await;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            smtp_listen,
            lmtp_listen,
            next_hop,
        } => {
            use mailward_app::config::Listener;
            use mailward_connect::smtp::{self, Dialect, ReceiverConfig};
            let config = archive.triage()?.config.clone();
            let sources = config.imap.clone();
            let mut listeners = config.listen.clone();
            for (addrs, protocol, hop) in [
                (smtp_listen, Dialect::Smtp, next_hop.clone()),
                (lmtp_listen, Dialect::Lmtp, None),
            ] {
                for listen in addrs {
                    listeners.push(Listener {
                        receiver: ReceiverConfig {
                            listen: *listen,
                            protocol,
                            // The MTA in front runs on this host: believe its XFORWARD.
                            xforward_hosts: vec![
                                std::net::Ipv4Addr::LOCALHOST.into(),
                                std::net::Ipv6Addr::LOCALHOST.into(),
                            ],
                            ..ReceiverConfig::default()
                        },
                        next_hop: hop.clone(),
                    });
                }
            }
            if sources.is_empty() && listeners.is_empty() {
                anyhow::bail!(
                    "no [[imap]] source and no [[listen]] listener in {} and no --smtp-listen/--lmtp-listen (see mailward.example.toml)",
                    mailward_app::config::Config::path(&cli.data).display()
                );
            }
            let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
            tokio::spawn(async move {
                shutdown_signal().await;
                let _ = stop_tx.send(true);
            });
            let archive = Arc::new(archive);
            let mut tasks = Vec::new();
            for source in sources {
                let archive = archive.clone();
                let stop = stop_rx.clone();
                tasks.push(tokio::spawn(async move {
                    let watch = mailward_app::imap::Watch::of(source);
                    archive.watch(&watch, &stop).await;
                }));
            }
            if !listeners.is_empty() {
                // The archive's key exists before the first mail is accepted, so that nothing
                // later (verify, a checkpoint) has to write it when the disk may be full.
                archive.key()?;
            }
            let (committer, committing) = mailward_app::receive::Committer::start(archive.clone());
            for l in &listeners {
                let sink = Arc::new(committer.sink(&l.receiver, l.next_hop.as_deref())?);
                let socket = smtp::bind(&l.receiver).await?;
                let bound = socket.local_addr()?;
                eprintln!(
                    "受信待ち / listening: {} {bound}{}",
                    match l.receiver.protocol {
                        Dialect::Smtp => "smtp",
                        Dialect::Lmtp => "lmtp",
                    },
                    l.next_hop
                        .as_deref()
                        .map(|h| format!(" -> {h}"))
                        .unwrap_or_default()
                );
                let mut stop = stop_rx.clone();
                let receiver = l.receiver.clone();
                tasks.push(tokio::spawn(async move {
                    let shutdown = async move {
                        let _ = stop.wait_for(|stopping| *stopping).await;
                    };
                    if let Err(e) = smtp::serve(socket, receiver, sink, shutdown).await {
                        tracing::error!("{e}");
                    }
                }));
            }
            // The committer ends once the last listener's sink is gone.
            drop(committer);
            eprintln!("起動 / serving {} source(s); Ctrl-C to stop", tasks.len());
            for t in tasks {
                let _ = t.await;
            }
            let _ = committing.await;
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { json } => {
            let configured = archive.triage()?.config.imap.clone();
            let rows = archive.store.source_statuses().await?;
            // The configured sources first (also before their first connection), then mailboxes
            // synced from the command line (`sync --once`, from cron), by the names they recorded.
            let mut sources: Vec<(String, String)> = configured
                .iter()
                .map(|s| (s.name.clone(), format!("{}@{}", s.user, s.host)))
                .collect();
            for r in &rows {
                if !sources.iter().any(|(name, _)| *name == r.name) {
                    sources.push((r.name.clone(), r.account.clone()));
                }
            }
            for (name, fallback) in &sources {
                let row = rows.iter().find(|r| r.name == *name);
                let show = |n: Option<i64>| n.map(|n| archive.settings.show_nanos(n));
                let value = serde_json::json!({
                    "name": name,
                    "account": row.map(|r| r.account.clone()).unwrap_or_else(|| fallback.clone()),
                    "connected": row.is_some_and(|r| r.connected),
                    "last_sync": row.and_then(|r| show(r.last_sync_at)),
                    "backlog": row.and_then(|r| r.backlog),
                    "last_error": row.and_then(|r| r.last_error.clone()),
                    "updated_at": row.and_then(|r| show(Some(r.updated_at))),
                });
                if *json {
                    print_json(&value)?;
                } else {
                    println!(
                        "{}  {}  {}  最終同期 / last sync: {}  未取得 / backlog: {}  エラー / last error: {}",
                        name,
                        value["account"].as_str().unwrap_or(""),
                        if value["connected"] == true {
                            "接続中 / connected"
                        } else {
                            "未接続 / not connected"
                        },
                        value["last_sync"].as_str().unwrap_or("-"),
                        value["backlog"],
                        value["last_error"].as_str().unwrap_or("-"),
                    );
                }
            }
            let unknown = archive.replies_with_unknown_outcome().await?;
            for (answers, r) in &unknown {
                if *json {
                    print_json(&serde_json::json!({
                        "reply_outcome_unknown": r.sending,
                        "answers": answers,
                        "to": r.to,
                        "started_at": r.started_at,
                        "message_id": r.message_id,
                    }))?;
                } else {
                    println!(
                        "返信の結果不明 / reply outcome unknown: entry {} (reply to {}, {} -> {}); 相手に届いたか確認してください / check whether it arrived",
                        r.sending,
                        answers,
                        r.started_at,
                        r.to.join(", ")
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Reply {
            id,
            template,
            body_file,
            vars,
            dry_run,
            json,
        } => {
            use mailward_app::reply::{ReplyRequest, ReplyText};
            let text = match (template, body_file) {
                (Some(name), _) => ReplyText::Template(name.clone()),
                (None, Some(path)) => ReplyText::Body(
                    std::fs::read_to_string(path)
                        .with_context(|| format!("reading the body file {}", path.display()))?,
                ),
                (None, None) => anyhow::bail!(
                    "--template か --body-file を指定してください / give --template or --body-file"
                ),
            };
            let mut values = std::collections::BTreeMap::new();
            for v in vars {
                let Some((key, value)) = v.split_once('=') else {
                    anyhow::bail!("--var {v:?}: key=value の形で指定してください / use key=value");
                };
                values.insert(key.trim().to_string(), value.to_string());
            }
            let request = ReplyRequest {
                id: *id,
                text,
                vars: values,
            };
            if *dry_run {
                let draft = archive.draft_reply(&request).await?;
                let c = &draft.composed;
                if let Some(why) = &c.fallback {
                    eprintln!("注意 / note: {why}");
                }
                if *json {
                    print_json(&serde_json::json!({
                        "dry_run": true,
                        "answers": draft.answers,
                        "template": draft.template,
                        "message_id": c.message_id,
                        "to": c.to,
                        "subject": c.subject,
                        "charset": c.charset.label(),
                        "fallback": c.fallback,
                        "raw": String::from_utf8_lossy(&c.raw),
                    }))?;
                } else {
                    let mut out = std::io::stdout().lock();
                    out.write_all(&c.raw)?;
                    out.flush()?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            let submitter = archive.submitter()?;
            let outcome = archive.send_reply(&request, &submitter).await?;
            if let Some(why) = &outcome.fallback {
                eprintln!("注意 / note: {why}");
            }
            if *json {
                print_json(&outcome)?;
            } else if let Some(sent) = outcome.sent {
                println!(
                    "送信しました / Sent: reply to {} -> {} (entries {} sending, {} sent), Message-ID <{}>, server: {}",
                    outcome.answers,
                    outcome.to.join(", "),
                    outcome.sending,
                    sent,
                    outcome.message_id,
                    outcome.server_reply.as_deref().unwrap_or("")
                );
            } else {
                let what = match outcome.failure.as_deref() {
                    Some("unknown") => {
                        "送信結果不明 (送信された可能性があります) / Outcome unknown (it may have been sent)"
                    }
                    Some("temporary") => {
                        "送信できませんでした (一時的な失敗) / Not sent (temporary failure)"
                    }
                    _ => "送信できませんでした / Not sent (permanent failure)",
                };
                println!(
                    "{what}: reply to {} -> {} (entries {} sending, {} send_failed): {}",
                    outcome.answers,
                    outcome.to.join(", "),
                    outcome.sending,
                    outcome.send_failed.unwrap_or(0),
                    outcome.error.as_deref().unwrap_or("")
                );
            }
            Ok(if outcome.sent.is_some() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Templates { json } => {
            let templates = archive.templates()?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for t in templates.list() {
                if *json {
                    let mut line = serde_json::to_vec(&t)?;
                    line.push(b'\n');
                    out.write_all(&line)?;
                } else {
                    writeln!(out, "{}  {}", t.name, t.description)?;
                    writeln!(
                        out,
                        "    値 / values: {}  ({})",
                        t.variables.join(", "),
                        t.source
                    )?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rebuild => {
            let n = archive.rebuild().await?;
            println!("再構築完了 / Rebuilt derived data from {n} entries");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints sender or domain summaries: JSON Lines, or a table with the flags in Japanese.
fn print_summaries(
    list: &[mailward_app::senders::SenderSummary],
    json: bool,
    heading: &str,
) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !json {
        writeln!(
            out,
            "{:>6}  {:<25}  {:<25}  {:>7}  {heading}  フラグ / flags",
            "件数", "最初 / first", "最後 / last", "最多/日"
        )?;
    }
    for s in list {
        if json {
            let mut line = serde_json::to_vec(s)?;
            line.push(b'\n');
            out.write_all(&line)?;
        } else {
            let peak = s.per_day.values().max().copied().unwrap_or(0);
            let who = match (&s.address, &s.domain) {
                (Some(a), _) => format!(
                    "{a} {}",
                    s.display_names.as_deref().unwrap_or_default().join(" / ")
                ),
                (None, Some(d)) if s.free_mail == Some(true) => {
                    format!("{d} (フリーメール / free mail)")
                }
                (None, Some(d)) => d.clone(),
                (None, None) => "-".into(),
            };
            let flags: Vec<&str> = s.flags.iter().map(|f| f.label().0).collect();
            writeln!(
                out,
                "{:>6}  {:<25}  {:<25}  {:>7}  {}  {}",
                s.message_count,
                s.first_seen,
                s.last_seen,
                peak,
                who.trim_end(),
                flags.join("・")
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so that `serve` logs out of its servers and stops cleanly.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
