//! `mailward import` end to end: the shared corpora archived byte for byte, every kind of bad
//! input answered with a clear message (or the mail archived as it is), duplicates counted and
//! not stored again, and the JSON contract of `import --json` and `messages --json`.

mod common;

use common::{corpora, json, json_lines, mailward, sha256_hex, small_maildir, verified};
use std::collections::{HashMap, HashSet};
use std::path::Path;

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every .eml file and every mbox message of ../shared/corpora comes back byte for byte.
#[test]
fn corpora_are_archived_byte_for_byte() {
    let corpora = corpora();
    assert!(
        corpora.is_dir(),
        "the shared corpora are missing at {}",
        corpora.display()
    );
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let (code, summary) = json(
        &data,
        &[
            "import",
            "--json",
            "--mbox-quoting",
            "keep",
            path_str(&corpora),
        ],
    );
    assert_eq!(code, 0, "{summary}");
    assert!(
        summary["failed"].as_array().unwrap().is_empty(),
        "{summary}"
    );

    let listed = json_lines(&data, &["messages", "--json"]);
    let by_sha: HashMap<String, u64> = listed
        .iter()
        .map(|m| {
            (
                m["sha256"].as_str().unwrap().to_string(),
                m["id"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(by_sha.len(), listed.len(), "no bytes are stored twice");

    let mut files = Vec::new();
    let mut stack = vec![corpora.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "eml") {
                files.push(p);
            }
        }
    }
    assert!(
        files.len() > 800,
        "expected the corpora's .eml files, found {}",
        files.len()
    );
    let mut checked = 0;
    for (i, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).unwrap();
        if bytes.is_empty() {
            continue;
        }
        let sha = sha256_hex(&bytes);
        let id = by_sha
            .get(&sha)
            .unwrap_or_else(|| panic!("{} was not archived", file.display()));
        // Reading every mail back through the binary is slow in debug builds; every 7th is enough
        // since the hash check above already covers every file.
        if i % 7 == 0 {
            let raw = mailward(&data, &["raw", &id.to_string()]);
            assert!(raw.status.success());
            assert_eq!(raw.stdout, bytes, "{}", file.display());
            checked += 1;
        }
    }
    assert!(checked > 100);

    // Each mbox, rebuilt from the archived messages and their recorded separators, is the file.
    for name in ["mbox-0", "mbox-1"] {
        let path = corpora.join("sisimai/mailbox").join(name);
        let original = std::fs::read(&path).unwrap();
        let canonical = std::fs::canonicalize(&path).unwrap();
        let mut parts: Vec<(u64, Vec<u8>)> = listed
            .iter()
            .filter(|m| m["source"]["path"].as_str() == canonical.to_str())
            .map(|m| {
                let id = m["id"].as_u64().unwrap();
                let raw = mailward(&data, &["raw", &id.to_string()]).stdout;
                (id, raw)
            })
            .collect();
        parts.sort();
        assert!(!parts.is_empty(), "{name} produced no messages");
        // Separator lines: "From " at the start of the file or after an empty line.
        let mut separators = Vec::new();
        let mut at = 0;
        let mut previous_blank = true;
        while at < original.len() {
            let end = original[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(original.len(), |p| at + p + 1);
            let line = &original[at..end];
            if previous_blank && line.starts_with(b"From ") {
                separators.push((at, end));
            }
            previous_blank = line == b"\n" || line == b"\r\n";
            at = end;
        }
        assert_eq!(
            parts.len(),
            separators.len(),
            "{name}: one archived mail per separator"
        );
        // Each archived message is exactly the bytes after its separator, followed only by the
        // one empty line that belongs to the mbox (none after the last).
        for (k, (_, raw)) in parts.iter().enumerate() {
            let start = separators[k].1;
            let next = separators.get(k + 1).map_or(original.len(), |s| s.0);
            assert_eq!(
                &original[start..start + raw.len()],
                raw.as_slice(),
                "{name} message {k}"
            );
            let gap = &original[start + raw.len()..next];
            assert!(
                gap.is_empty() || gap == b"\n" || gap == b"\r\n",
                "{name} message {k}: {gap:?} left between messages"
            );
        }
    }
    verified(&data);
}

#[test]
fn duplicates_are_counted_not_stored() {
    let root = tempfile::tempdir().unwrap();
    let md = small_maildir(root.path(), 20);
    let data = root.path().join("data");
    let (code, first) = json(&data, &["import", "--json", path_str(&md)]);
    assert_eq!(code, 0);
    assert_eq!(first["imported"], 20);
    assert_eq!(first["duplicates"], 0);
    // The same bytes under another name, and the same folder again.
    let copy = root.path().join("copy.eml");
    let one = std::fs::read_dir(md.join("cur"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::copy(one, &copy).unwrap();
    let (code, second) = json(&data, &["import", "--json", path_str(&md), path_str(&copy)]);
    assert_eq!(code, 0);
    assert_eq!(second["imported"], 0);
    assert_eq!(second["duplicates"], 21);
    assert!(
        second["checkpoint"].is_null(),
        "nothing added, nothing to sign"
    );
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 20);
}

#[test]
fn json_contract_fields() {
    let root = tempfile::tempdir().unwrap();
    let md = small_maildir(root.path(), 3);
    let data = root.path().join("data");
    let (_, summary) = json(&data, &["import", "--json", path_str(&md)]);
    for key in ["imported", "duplicates", "warnings", "failed"] {
        assert!(
            summary.get(key).is_some(),
            "import --json lacks {key}: {summary}"
        );
    }
    let listed = json_lines(&data, &["messages", "--json"]);
    assert_eq!(listed.len(), 3);
    for m in &listed {
        for key in [
            "id",
            "sha256",
            "size",
            "received_at",
            "server_received_at",
            "source",
        ] {
            assert!(m.get(key).is_some(), "messages --json lacks {key}: {m}");
        }
        // RFC 3339 with the office's offset; the Maildir name gives the server's receipt time.
        assert!(
            m["received_at"].as_str().unwrap().ends_with("+09:00"),
            "{m}"
        );
        assert!(
            m["server_received_at"]
                .as_str()
                .unwrap()
                .starts_with("2026-11-18T"),
            "{m}"
        );
        assert_eq!(m["source"]["type"], "import");
        assert_eq!(m["source"]["format"], "maildir");
    }
    // --since/--until use the server's receipt time.
    let none = json_lines(
        &data,
        &["messages", "--json", "--until", "2026-11-18T05:00:00+09:00"],
    );
    assert!(none.is_empty());
    let all = json_lines(&data, &["messages", "--json", "--since", "2026-11-18"]);
    assert_eq!(all.len(), 3);
    let bad = mailward(&data, &["messages", "--since", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("yesterday"));
}

#[test]
fn bad_inputs_get_clear_messages_and_odd_mail_is_kept_as_is() {
    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    let data = r.join("data");
    std::fs::create_dir_all(r.join("not-a-maildir/sub")).unwrap();
    std::fs::write(r.join("not-a-maildir/notes.txt"), "shopping list\n").unwrap();
    std::fs::write(r.join("empty.eml"), b"").unwrap();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(r.join("garbage.bin"), &garbage).unwrap();
    let nul = b"Subject: nul\r\n\r\nbefore\0after\0\0\r\n".to_vec();
    std::fs::write(r.join("nul.eml"), &nul).unwrap();
    let bare_lf = b"Subject: lf\n\nline one\nline two\n".to_vec();
    std::fs::write(r.join("lf.eml"), &bare_lf).unwrap();
    let bare_cr = b"Subject: cr\r\rline one\rline two\r".to_vec();
    std::fs::write(r.join("cr.eml"), &bare_cr).unwrap();
    let mut big = b"Subject: big\r\nContent-Type: text/plain\r\n\r\n".to_vec();
    while big.len() < 50 << 20 {
        big.extend_from_slice(b"0123456789abcdefghijklmnopqrstuvwxyz 50 MB of body text\r\n");
    }
    std::fs::write(r.join("big.eml"), &big).unwrap();

    let mut args = vec!["import", "--json"];
    let names = [
        "missing.eml",
        "not-a-maildir",
        "empty.eml",
        "garbage.bin",
        "nul.eml",
        "lf.eml",
        "cr.eml",
        "big.eml",
    ];
    let paths: Vec<String> = names
        .iter()
        .map(|n| r.join(n).display().to_string())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    // A file that exists but cannot be read, even by root: the kernel refuses reads at offset 0.
    if Path::new("/proc/self/mem").exists() {
        args.push("/proc/self/mem");
    }
    let (code, summary) = json(&data, &args);
    assert_eq!(code, 1, "some paths failed: {summary}");
    let failed: HashMap<String, String> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reason = |name: &str| failed.get(&r.join(name).display().to_string()).cloned();
    assert!(
        reason("missing.eml").unwrap().contains("no such file"),
        "{failed:?}"
    );
    assert!(
        reason("not-a-maildir").unwrap().contains("not a Maildir"),
        "{failed:?}"
    );
    assert!(
        reason("empty.eml").unwrap().contains("empty file"),
        "{failed:?}"
    );
    if Path::new("/proc/self/mem").exists() {
        assert!(
            failed
                .get("/proc/self/mem")
                .unwrap()
                .contains("cannot read"),
            "{failed:?}"
        );
    }
    assert_eq!(summary["imported"], 5, "{summary}");
    let warnings = summary["warning_details"].to_string();
    assert!(
        warnings.contains("garbage.bin") && warnings.contains("does not look like a mail"),
        "{warnings}"
    );
    assert!(warnings.contains("notes.txt"), "{warnings}");

    let listed = json_lines(&data, &["messages", "--json"]);
    let shas: HashSet<&str> = listed
        .iter()
        .map(|m| m["sha256"].as_str().unwrap())
        .collect();
    for bytes in [&garbage, &nul, &bare_lf, &bare_cr, &big] {
        assert!(shas.contains(sha256_hex(bytes).as_str()));
    }
    let big_id = listed
        .iter()
        .find(|m| m["size"].as_u64() == Some(big.len() as u64))
        .unwrap()["id"]
        .to_string();
    assert_eq!(mailward(&data, &["raw", &big_id]).stdout, big);
    verified(&data);

    // Bad arguments and unknown ids are errors (exit 2) that say what was wrong.
    let out = mailward(&data, &["raw", "999999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no message with id 999999"));
    let out = mailward(&data, &["--tz", "Mars/Base", "messages"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Mars/Base"));
}

#[test]
fn mbox_messages_are_unquoted_and_keep_their_separator() {
    let root = tempfile::tempdir().unwrap();
    let mbox = root.path().join("inbox.mbox");
    std::fs::write(
        &mbox,
        "From a@example.jp Sat Nov 28 07:00:00 2026\nSubject: one\n\n>From the start\n>>From kept once\n\nFrom b@example.jp Sat Nov 28 08:30:00 2026\nSubject: two\n\nbody\n",
    )
    .unwrap();
    let data = root.path().join("data");
    let (code, summary) = json(&data, &["import", "--json", path_str(&mbox)]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(summary["imported"], 2);
    let listed = json_lines(&data, &["messages", "--json"]);
    assert_eq!(
        mailward(&data, &["raw", "1"]).stdout,
        b"Subject: one\n\nFrom the start\n>From kept once\n".to_vec()
    );
    assert_eq!(
        mailward(&data, &["raw", "2"]).stdout,
        b"Subject: two\n\nbody\n".to_vec()
    );
    // The From_ line's time is read in the office zone (Asia/Tokyo).
    assert_eq!(listed[1]["server_received_at"], "2026-11-28T08:30:00+09:00");
    assert_eq!(listed[1]["source"]["format"], "mbox");
}

#[test]
fn commands_never_create_a_delete_path() {
    // There is no delete command: the evidence must outlive every mistake (docs/CLI.md).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mailward"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout).to_lowercase();
    for word in ["delete", "remove", "purge", "expunge"] {
        assert!(!help.contains(&format!("\n  {word}")), "{help}");
    }
}

#[test]
fn concurrent_imports_into_a_new_archive_serialise_cleanly() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let a = small_maildir(&root.path().join("a"), 200);
    let b = root.path().join("b");
    std::fs::create_dir_all(b.join("cur")).unwrap();
    for i in 0..200 {
        std::fs::write(
            b.join(format!("cur/{i}.y")),
            format!("Subject: b{i}\n\nother {i}\n"),
        )
        .unwrap();
    }
    let spawn = |dir: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mailward"))
            .arg("--data")
            .arg(&data)
            .args(["import", "--json", "--batch", "7"])
            .arg(dir)
            .output()
    };
    let (ra, rb) = std::thread::scope(|s| {
        let ha = s.spawn(|| spawn(&a).unwrap());
        let hb = s.spawn(|| spawn(&b).unwrap());
        (ha.join().unwrap(), hb.join().unwrap())
    });
    assert!(
        ra.status.success(),
        "{}",
        String::from_utf8_lossy(&ra.stderr)
    );
    assert!(
        rb.status.success(),
        "{}",
        String::from_utf8_lossy(&rb.stderr)
    );
    assert_eq!(json_lines(&data, &["messages", "--json"]).len(), 400);
    let report = verified(&data);
    assert_eq!(report["checkpoints"], 2);
}

#[test]
fn receipts_follow_a_cut_off_line_on_a_line_of_their_own() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let md = small_maildir(root.path(), 4);
    let receipts = root.path().join("receipts.jsonl");
    // What a killed earlier run can leave behind.
    std::fs::write(&receipts, "{\"status\":\"impor").unwrap();
    let (code, _) = json(
        &data,
        &[
            "import",
            "--json",
            "--receipts",
            receipts.to_str().unwrap(),
            md.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&receipts).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(lines[0], "{\"status\":\"impor");
    for line in &lines[1..] {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(r["status"], "imported");
        assert_eq!(r["sha256"].as_str().unwrap().len(), 64);
    }
}

/// Issue 3's fields: decoded sender, recipients, subject, date and Message-ID in the listing,
/// `--sender`, and `show` with the decoded text.
#[test]
fn decoded_fields_sender_filter_and_show() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let md = small_maildir(root.path(), 3);
    let other = root.path().join("other.eml");
    std::fs::write(
        &other,
        "From: Someone <Other@Example.ORG>\r\nSubject: hello\r\n\r\nhi\r\n",
    )
    .unwrap();
    let (code, _) = json(
        &data,
        &[
            "import",
            "--json",
            md.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    let listed = json_lines(&data, &["messages", "--json"]);
    assert_eq!(listed.len(), 4);
    let first = &listed[0];
    assert_eq!(first["from"]["address"], "taro0@example.jp");
    assert_eq!(first["from"]["name"], "太郎");
    assert_eq!(first["to"][0]["address"], "soudan@city.example.lg.jp");
    assert_eq!(first["subject"], "test 0");
    assert_eq!(first["message_id"], "0@example.jp");
    assert!(
        first["date"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-28T07:00:00")
    );
    assert_eq!(first["warnings"], serde_json::json!([]));

    let only = json_lines(
        &data,
        &["messages", "--json", "--sender", "OTHER@example.org"],
    );
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["subject"], "hello");

    let (code, shown) = json(&data, &["show", "1", "--json"]);
    assert_eq!(code, 0);
    assert!(
        shown["text"]
            .as_str()
            .unwrap()
            .contains("税金泥棒！回答しろ！ 0"),
        "{shown}"
    );
    assert_eq!(shown["attachments"], serde_json::json!([]));
    let human = mailward(&data, &["show", "1"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("件名 / Subject: test 0"), "{text}");
    assert!(
        text.contains("差出人 / From:  太郎 <taro0@example.jp>"),
        "{text}"
    );

    // Rebuild recomputes the same derived rows from the log and the raw bytes.
    let out = mailward(&data, &["rebuild"]);
    assert!(out.status.success());
    assert_eq!(json_lines(&data, &["messages", "--json"]), listed);
}

/// Hostile mail is archived whole while its derived fields stop at the decoding limits.
#[test]
fn hostile_mail_is_archived_whole_and_decoded_within_limits() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let mut many =
        String::from("Subject: many\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n");
    for i in 0..60_000 {
        many.push_str(&format!(
            "--x\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n"
        ));
    }
    let mut subject = b"Subject: ".to_vec();
    subject.extend(std::iter::repeat_n(b'a', 2 << 20));
    subject.extend_from_slice(b"\r\n\r\nbody\r\n");
    let files = [("many.eml", many.into_bytes()), ("subject.eml", subject)];
    for (name, bytes) in &files {
        std::fs::write(root.path().join(name), bytes).unwrap();
    }
    let (code, summary) = json(
        &data,
        &[
            "import",
            "--json",
            root.path().join("many.eml").to_str().unwrap(),
            root.path().join("subject.eml").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{summary}");
    let listed = json_lines(&data, &["messages", "--json"]);
    for (m, (_, bytes)) in listed.iter().zip(&files) {
        assert_eq!(
            mailward(&data, &["raw", &m["id"].to_string()]).stdout,
            *bytes
        );
        assert!(
            m["warnings"].to_string().contains("limit: "),
            "{}",
            m["warnings"]
        );
    }
}

/// `mailward senders`: per-sender counts, names, first and last seen, and per-day counts in the
/// office's zone (server receipt times from the Maildir names).
#[test]
fn senders_summarise_per_sender_and_day() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let md = root.path().join("Maildir");
    std::fs::create_dir_all(md.join("cur")).unwrap();
    // 2026-11-27T14:59:59Z is 23:59:59 in Tokyo; 15:00:00Z is the next day there.
    let mails = [
        (1_795_791_599, "Angry <A@x.jp>", "one"),
        (1_795_791_600, "怒れる区民 <a@x.jp>", "two"),
        (1_795_791_700, "a@x.jp", "three"),
        (1_795_791_800, "B <b@y.jp>", "four"),
    ];
    for (i, (t, from, subject)) in mails.iter().enumerate() {
        std::fs::write(
            md.join(format!("cur/{t}.M0P{i}Q{i}.host:2,S")),
            format!("From: {from}\r\nSubject: {subject}\r\n\r\nbody {i}\r\n"),
        )
        .unwrap();
    }
    let (code, _) = json(&data, &["import", "--json", md.to_str().unwrap()]);
    assert_eq!(code, 0);
    let senders = json_lines(&data, &["senders", "--json"]);
    assert_eq!(senders.len(), 2);
    assert_eq!(senders[0]["address"], "a@x.jp");
    assert_eq!(senders[0]["message_count"], 3);
    assert_eq!(
        senders[0]["display_names"],
        serde_json::json!(["Angry", "怒れる区民"])
    );
    assert_eq!(senders[0]["first_seen"], "2026-11-27T23:59:59+09:00");
    assert_eq!(senders[0]["last_seen"], "2026-11-28T00:01:40+09:00");
    assert_eq!(
        senders[0]["per_day"],
        serde_json::json!({"2026-11-27": 1, "2026-11-28": 2})
    );
    assert_eq!(senders[1]["address"], "b@y.jp");
    let human = mailward(&data, &["senders"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("a@x.jp Angry / 怒れる区民"));
}
