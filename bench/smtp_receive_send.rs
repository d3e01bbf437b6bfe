//! Sender of bench/smtp-receive (built by it with `rustc -O`, std only; not meant to be run by
//! hand). Works like Postfix's `smtp-source -s SESSIONS -m MAILS` (SESSIONS parallel sessions,
//! one connection per mail unless --reuse, no pipelining), but sends Japanese office mail of
//! about --size bytes (UTF-8, 8bit, `BODY=8BITMIME`), every mail different (its own Message-ID,
//! Date, sender and a numbered line in the body), and times every mail from the end of DATA
//! (the moment the final `.` CRLF has been written to the socket) to the server's reply.
//!
//!   smtp_receive_send PORT SESSIONS MAILS SIZE TAG [--reuse] [--latencies FILE] [--sample FILE]
//!
//! Prints one line of `key=value` pairs: mails accepted, refused, wall seconds, and latency
//! percentiles in milliseconds (over every accepted mail). --sample writes mail number 0 to FILE
//! (for a look at the bytes); --latencies writes every latency in microseconds, one a line.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SENTENCES: &[&str] = &[
    "先日お送りした件について、まだ何の回答もいただいておりません。",
    "貴課の対応は市民を馬鹿にしているとしか思えません。",
    "担当者の名前と役職を明らかにし、文書で回答してください。",
    "期限までに誠意ある回答がない場合は、議員とマスコミに相談します。",
    "税金で給料をもらっている自覚があるのですか。",
    "窓口での職員の態度について、謝罪文を求めます。",
    "駐車場の件は三か月前から申し上げているはずです。",
    "ごみ収集の時間が守られていないことは写真で確認済みです。",
    "情報公開請求の手続きも検討しております。",
    "課長を出してください。電話では埒が明きません。",
    "前回の回答書には事実と異なる記載が三点ありました。",
    "近隣の騒音について、何度連絡しても改善されません。",
    "保育園の入園選考の基準を全て開示してください。",
    "録音した通話の内容をこちらで公開することもできます。",
    "本メールは証拠として保存しております。",
    "令和八年十一月二十八日までに書面でご回答ください。",
    "この件は弁護士にも相談しております。",
    "ｶﾀｶﾅで書いても読めるはずです。ﾏﾄﾓﾆ対応してください。",
    "Re: ご回答のお願い（第１２回）について、再度申し入れます。",
    "これ以上放置されるのであれば、しかるべき措置を取ります。",
];

const NAMES: &[&str] = &[
    "山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健", "伊藤直子", "渡辺誠", "中村由美",
];

const SUBJECTS: &[&str] = &[
    "至急ご回答ください",
    "再度の申し入れ",
    "職員の対応について",
    "【重要】謝罪を求めます",
    "駐車場の件",
    "情報公開請求",
];

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= c.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A small deterministic generator (xorshift), so that every run sends the same bytes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// Mail number `i`: headers and a body of about `size` bytes, CRLF line ends, dot-stuffed,
/// ending in the final `.` CRLF.
fn mail(i: u64, size: usize, tag: &str) -> Vec<u8> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (i.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1));
    let sender = i % 400;
    let name = NAMES[(sender % NAMES.len() as u64) as usize];
    let subject = format!("{}（No.{}）", rng.pick(SUBJECTS), i % 97 + 1);
    let secs = i % 86_400;
    let mut m = String::with_capacity(size + 1024);
    m.push_str(&format!(
        "From: =?UTF-8?B?{}?= <citizen{sender}@example.net>\r\n\
         To: =?UTF-8?B?{}?= <soumu@example.jp>\r\n\
         Subject: =?UTF-8?B?{}?=\r\n\
         Date: Sat, 28 Nov 2026 {:02}:{:02}:{:02} +0900\r\n\
         Message-ID: <{tag}.{i}@mail.example.net>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n",
        base64(name.as_bytes()),
        base64("総務課".as_bytes()),
        base64(subject.as_bytes()),
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
    ));
    m.push_str(&format!("総務課 ご担当者様\r\n\r\n{name}です。整理番号 {tag}-{i} の件です。\r\n\r\n"));
    let start = m.len();
    while m.len() - start < size {
        let mut line = String::new();
        for _ in 0..2 + rng.next() % 2 {
            line.push_str(rng.pick(SENTENCES));
        }
        if rng.next() % 7 == 0 {
            m.push_str("> ");
        }
        m.push_str(&line);
        m.push_str("\r\n");
        if rng.next() % 5 == 0 {
            m.push_str("\r\n");
        }
    }
    m.push_str(&format!("\r\n--\r\n{name}\r\n"));
    let mut out = Vec::with_capacity(m.len() + 8);
    for line in m.split_inclusive("\r\n") {
        if line.starts_with('.') {
            out.push(b'.');
        }
        out.extend_from_slice(line.as_bytes());
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// Reads one (possibly multi-line) reply; returns its code and last line.
fn reply(r: &mut BufReader<TcpStream>) -> std::io::Result<(u16, String)> {
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed"));
        }
        if line.len() < 4 || line.as_bytes()[3] != b'-' {
            let code = line.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
            return Ok((code, line.trim_end().to_string()));
        }
    }
}

fn expect(r: &mut BufReader<TcpStream>, want: u16, what: &str) -> Result<(), String> {
    let (code, line) = reply(r).map_err(|e| format!("{what}: {e}"))?;
    if code / 100 == want / 100 {
        Ok(())
    } else {
        Err(format!("{what}: {line}"))
    }
}

struct Conn {
    r: BufReader<TcpStream>,
    w: TcpStream,
}

fn connect(port: u16) -> Result<Conn, String> {
    let s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    s.set_nodelay(true).ok();
    s.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let w = s.try_clone().map_err(|e| e.to_string())?;
    let mut c = Conn { r: BufReader::with_capacity(4096, s), w };
    expect(&mut c.r, 220, "greeting")?;
    c.w.write_all(b"EHLO sender.example.net\r\n").map_err(|e| e.to_string())?;
    expect(&mut c.r, 250, "EHLO")?;
    Ok(c)
}

/// Sends one mail; returns the time from the end of DATA to the reply, and whether it was a 250.
fn send(c: &mut Conn, bytes: &[u8], i: u64) -> Result<(Duration, bool), String> {
    let io = |e: std::io::Error| e.to_string();
    c.w.write_all(format!("MAIL FROM:<citizen{}@example.net> BODY=8BITMIME\r\n", i % 400).as_bytes())
        .map_err(io)?;
    expect(&mut c.r, 250, "MAIL")?;
    c.w.write_all(b"RCPT TO:<soumu@example.jp>\r\n").map_err(io)?;
    expect(&mut c.r, 250, "RCPT")?;
    c.w.write_all(b"DATA\r\n").map_err(io)?;
    expect(&mut c.r, 354, "DATA")?;
    c.w.write_all(bytes).map_err(io)?;
    let end_of_data = Instant::now();
    let (code, line) = reply(&mut c.r).map_err(io)?;
    let took = end_of_data.elapsed();
    if code != 250 {
        eprintln!("mail {i}: {line}");
    }
    Ok((took, code == 250))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        eprintln!("usage: {} PORT SESSIONS MAILS SIZE TAG [--reuse] [--latencies FILE] [--sample FILE]", args[0]);
        std::process::exit(2);
    }
    let port: u16 = args[1].parse().expect("PORT");
    let sessions: u64 = args[2].parse().expect("SESSIONS");
    let mails: u64 = args[3].parse().expect("MAILS");
    let size: usize = args[4].parse().expect("SIZE");
    let tag = args[5].clone();
    let mut reuse = false;
    let mut latencies_file = None;
    let mut rest = args[6..].iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "--reuse" => reuse = true,
            "--latencies" => latencies_file = rest.next().cloned(),
            "--sample" => {
                let f = rest.next().expect("--sample FILE");
                std::fs::write(f, mail(0, size, &tag)).expect("write sample");
            }
            other => panic!("unknown option {other}"),
        }
    }
    let next = Arc::new(AtomicU64::new(0));
    let bytes_sent = Arc::new(AtomicU64::new(0));
    let all = Arc::new(Mutex::new(Vec::<u32>::with_capacity(mails as usize)));
    let refused = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let threads: Vec<_> = (0..sessions)
        .map(|_| {
            let (next, all, refused, tag, bytes_sent) =
                (next.clone(), all.clone(), refused.clone(), tag.clone(), bytes_sent.clone());
            std::thread::spawn(move || -> Result<(), String> {
                let mut mine = Vec::new();
                let mut conn: Option<Conn> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= mails {
                        break;
                    }
                    let m = mail(i, size, &tag);
                    bytes_sent.fetch_add(m.len() as u64, Ordering::Relaxed);
                    if conn.is_none() {
                        conn = Some(connect(port)?);
                    }
                    let c = conn.as_mut().expect("connected");
                    let (took, ok) = send(c, &m, i)?;
                    if ok {
                        mine.push(took.as_micros().min(u32::MAX as u128) as u32);
                    } else {
                        refused.fetch_add(1, Ordering::Relaxed);
                    }
                    if !reuse {
                        let mut c = conn.take().expect("connected");
                        let _ = c.w.write_all(b"QUIT\r\n");
                        let _ = reply(&mut c.r);
                    }
                }
                if let Some(mut c) = conn {
                    let _ = c.w.write_all(b"QUIT\r\n");
                    let _ = reply(&mut c.r);
                }
                all.lock().unwrap().extend(mine);
                Ok(())
            })
        })
        .collect();
    let mut errors = 0;
    for t in threads {
        if let Err(e) = t.join().expect("sender thread panicked") {
            eprintln!("session failed: {e}");
            errors += 1;
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let mut lat = std::mem::take(&mut *all.lock().unwrap());
    lat.sort_unstable();
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        let k = ((p / 100.0) * lat.len() as f64).ceil() as usize;
        f64::from(lat[k.clamp(1, lat.len()) - 1]) / 1000.0
    };
    if let Some(f) = latencies_file {
        let text: String = lat.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(f, text).expect("write latencies");
    }
    println!(
        "accepted={} refused={} failed_sessions={errors} bytes={} wall_s={wall:.3} p50_ms={:.2} p90_ms={:.2} p99_ms={:.2} p999_ms={:.2} max_ms={:.2}",
        lat.len(),
        refused.load(Ordering::Relaxed),
        bytes_sent.load(Ordering::Relaxed),
        pct(50.0),
        pct(90.0),
        pct(99.0),
        pct(99.9),
        pct(100.0),
    );
    if errors > 0 {
        std::process::exit(1);
    }
}
