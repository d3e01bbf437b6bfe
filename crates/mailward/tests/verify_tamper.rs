//! `mailward verify` against every kind of tampering the evidence archive must catch: a blob
//! byte flipped, a blob missing, an entry edited (naively and with its hashes recomputed),
//! deleted, inserted or reordered, a checkpoint forged, and the log rolled back below a
//! checkpoint. Each case starts from a freshly imported archive, changes the files behind
//! mailward's back, and checks that verify exits 1 and locates the problem.

mod common;

use common::{json, mailward, small_maildir, tamper};
use std::path::{Path, PathBuf};

const MAILS: usize = 12;

/// A fresh archive of twelve mails with one checkpoint (signed at the end of the import).
fn archive() -> (tempfile::TempDir, PathBuf) {
    archive_of(MAILS)
}

fn archive_of(mails: usize) -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let md = small_maildir(root.path(), mails);
    let data = root.path().join("data");
    let (code, summary) = json(&data, &["import", "--json", md.to_str().unwrap()]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(summary["imported"], mails as u64);
    (root, data)
}

/// Runs verify and returns the problems as (kind, entry) pairs, asserting exit 1.
fn problems(data: &Path) -> Vec<(String, Option<u64>)> {
    let (code, report) = json(data, &["verify", "--json"]);
    assert_eq!(code, 1, "verify must fail: {report}");
    assert_eq!(report["ok"], false);
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["kind"].as_str().unwrap().to_string(), p["entry"].as_u64()))
        .collect()
}

fn has(problems: &[(String, Option<u64>)], kind: &str, entry: Option<u64>) -> bool {
    problems
        .iter()
        .any(|(k, e)| k == kind && (entry.is_none() || *e == entry))
}

fn segment(data: &Path) -> PathBuf {
    std::fs::read_dir(data.join("blobs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "mwseg"))
        .unwrap()
}

#[test]
fn intact_archive_verifies() {
    let (_root, data) = archive();
    let report = common::verified(&data);
    assert_eq!(report["ok"], true);
    assert_eq!(report["entries"], MAILS as u64);
    assert_eq!(report["blobs"], MAILS as u64);
    assert_eq!(report["checkpointed_size"], MAILS as u64);
    assert!(report["problems"].as_array().unwrap().is_empty());
}

#[test]
fn blob_byte_flipped() {
    let (_root, data) = archive();
    let seg = segment(&data);
    let mut bytes = std::fs::read(&seg).unwrap();
    let at = bytes.len() - 5; // inside the last mail's body
    bytes[at] ^= 0x01;
    std::fs::write(&seg, bytes).unwrap();
    let p = problems(&data);
    assert!(has(&p, "blob_altered", Some(MAILS as u64)), "{p:?}");
    // The raw command refuses to hand out altered bytes as if they were the evidence.
    let out = mailward(&data, &["raw", &MAILS.to_string()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("altered"));
}

#[test]
fn blob_segment_missing() {
    let (_root, data) = archive();
    std::fs::remove_file(segment(&data)).unwrap();
    let p = problems(&data);
    assert!(has(&p, "blob_missing", Some(1)), "{p:?}");
    assert_eq!(p.iter().filter(|(k, _)| k == "blob_missing").count(), MAILS);
}

#[test]
fn blob_index_row_missing() {
    let (_root, data) = archive();
    tamper(
        &data,
        &["DELETE FROM blobs WHERE sha256 = (SELECT blob FROM entries WHERE seq = 4)"],
    );
    let p = problems(&data);
    assert!(has(&p, "blob_missing", Some(4)), "{p:?}");
}

#[test]
fn entry_edited() {
    let (_root, data) = archive();
    tamper(
        &data,
        &[
            "UPDATE entries SET body = CAST(replace(CAST(body AS TEXT), 'maildir_name', 'maildir_nam3') AS BLOB) WHERE seq = 5",
        ],
    );
    let p = problems(&data);
    assert!(has(&p, "entry_altered", Some(5)), "{p:?}");
    assert!(has(&p, "checkpoint_mismatch", None), "{p:?}");
}

#[test]
fn entry_edited_with_its_hashes_recomputed() {
    // Forty mails, so that stored subtree nodes (16 leaves and up) exist over the forged entry.
    let (_root, data) = archive_of(40);
    // A careful tamperer also rewrites the stored leaf hash; the tree and the signed checkpoint
    // still give it away.
    let bodies = read_bodies(&data);
    let forged = String::from_utf8(bodies[4].clone())
        .unwrap()
        .replace("maildir_name", "maildir_nam3");
    let mut leaf_input = vec![0u8];
    leaf_input.extend_from_slice(forged.as_bytes());
    let leaf = common::sha256_hex(&leaf_input);
    tamper(
        &data,
        &[&format!(
            "UPDATE entries SET body = CAST('{}' AS BLOB), leaf_hash = X'{leaf}' WHERE seq = 5",
            forged.replace('\'', "''")
        )],
    );
    let p = problems(&data);
    assert!(!has(&p, "entry_altered", Some(5)), "{p:?}");
    assert!(
        has(&p, "tree_mismatch", Some(1)),
        "the node over entries 1 to 16: {p:?}"
    );
    assert!(has(&p, "checkpoint_mismatch", None), "{p:?}");
}

#[test]
fn entry_deleted() {
    let (_root, data) = archive();
    tamper(&data, &["DELETE FROM entries WHERE seq = 7"]);
    let p = problems(&data);
    assert!(has(&p, "entry_missing", Some(7)), "{p:?}");
    assert!(has(&p, "blob_unreferenced", None), "{p:?}");
}

#[test]
fn entry_inserted() {
    let (_root, data) = archive();
    tamper(
        &data,
        &[
            "UPDATE entries SET seq = seq + 100 WHERE seq >= 4",
            "UPDATE entries SET seq = seq - 99 WHERE seq >= 104",
            "INSERT INTO entries (seq, kind, body, leaf_hash, blob) SELECT 4, kind, body, leaf_hash, blob FROM entries WHERE seq = 3",
        ],
    );
    let p = problems(&data);
    assert!(has(&p, "entry_out_of_order", Some(4)), "{p:?}");
    assert!(has(&p, "entry_out_of_order", Some(5)), "{p:?}");
    assert!(has(&p, "checkpoint_mismatch", None), "{p:?}");
}

#[test]
fn entries_reordered() {
    let (_root, data) = archive();
    tamper(
        &data,
        &[
            "UPDATE entries SET seq = -2 WHERE seq = 2",
            "UPDATE entries SET seq = 2 WHERE seq = 3",
            "UPDATE entries SET seq = 3 WHERE seq = -2",
        ],
    );
    let p = problems(&data);
    assert!(has(&p, "entry_out_of_order", Some(2)), "{p:?}");
    assert!(has(&p, "entry_out_of_order", Some(3)), "{p:?}");
}

#[test]
fn log_rolled_back_below_a_checkpoint() {
    let (_root, data) = archive();
    tamper(
        &data,
        &[
            "DELETE FROM entries WHERE seq > 9",
            "DELETE FROM tree_nodes WHERE ((idx + 1) * (1 << level)) > 9",
        ],
    );
    let p = problems(&data);
    assert!(has(&p, "log_rolled_back", None), "{p:?}");
}

#[test]
fn rollback_caught_by_a_checkpoint_kept_outside() {
    let (root, data) = archive();
    // The legal department kept a copy of the checkpoint note; the tamperer removes the
    // archive's own checkpoints as well as the newest entries.
    let kept = root.path().join("kept-checkpoint.txt");
    std::fs::copy(data.join("checkpoints/checkpoint-000001.txt"), &kept).unwrap();
    tamper(
        &data,
        &[
            "DELETE FROM entries WHERE seq > 9",
            "DELETE FROM tree_nodes WHERE ((idx + 1) * (1 << level)) > 9",
            "DELETE FROM checkpoints",
        ],
    );
    // Without the outside copy only the orphaned blobs hint at it.
    let p = problems(&data);
    assert!(!has(&p, "log_rolled_back", None), "{p:?}");
    assert!(has(&p, "blob_unreferenced", None), "{p:?}");
    let out = mailward(
        &data,
        &["verify", "--json", "--checkpoint", kept.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("log_rolled_back"));
}

#[test]
fn checkpoint_forged() {
    let (_root, data) = archive();
    tamper(
        &data,
        &[&format!(
            "UPDATE checkpoints SET note = replace(note, char(10) || '{MAILS}' || char(10), char(10) || '{}' || char(10))",
            MAILS + 1
        )],
    );
    let p = problems(&data);
    assert!(has(&p, "checkpoint_bad_signature", None), "{p:?}");
}

#[test]
fn human_report_names_the_problem() {
    let (_root, data) = archive();
    tamper(&data, &["DELETE FROM entries WHERE seq = 2"]);
    let out = mailward(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[entry_missing]"), "{text}");
    assert!(text.contains("entry 2"), "{text}");
}

fn read_bodies(data: &Path) -> Vec<Vec<u8>> {
    let url = format!("sqlite://{}", data.join("mailward.sqlite").display());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            use sqlx::Connection as _;
            use sqlx::Row as _;
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            sqlx::query("SELECT body FROM entries ORDER BY seq")
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .iter()
                .map(|r| r.get::<Vec<u8>, _>("body"))
                .collect()
        })
}

/// An archive of one complaint and one reply to it through the scripted submission server:
/// entries 1 received, 2 sending, 3 sent (or send_failed when the server refuses).
fn archive_with_reply(script: common::SmtpScript) -> (tempfile::TempDir, PathBuf, String) {
    let server = common::fake_submission(script);
    let archive = common::ComplaintArchive::replying_to(server.port, "iso-2022-jp");
    let (code, out) = archive.reply_json(&["--template", "refuse-private"]);
    assert_eq!(
        code,
        if script == common::SmtpScript::Accept {
            0
        } else {
            1
        },
        "{out}"
    );
    assert_eq!(out["sending"], 2);
    common::verified(&archive.data);
    (
        archive.root,
        archive.data,
        out["sha256"].as_str().unwrap().to_string(),
    )
}

/// The segment written last (a reply's bytes go to the segment of the process that sent it).
fn newest_segment(data: &Path) -> PathBuf {
    let mut segments: Vec<PathBuf> = std::fs::read_dir(data.join("blobs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "mwseg"))
        .collect();
    segments.sort();
    segments.pop().unwrap()
}

#[test]
fn reply_blob_byte_flipped() {
    let (_root, data, _) = archive_with_reply(common::SmtpScript::Accept);
    let seg = newest_segment(&data);
    let mut bytes = std::fs::read(&seg).unwrap();
    let at = bytes.len() - 10; // inside the reply's body
    bytes[at] ^= 0x01;
    std::fs::write(&seg, bytes).unwrap();
    let p = problems(&data);
    assert!(has(&p, "blob_altered", Some(2)), "{p:?}");
    assert_eq!(p.len(), 1, "only the reply is damaged: {p:?}");
}

#[test]
fn reply_blob_replaced_with_other_bytes_of_the_same_length() {
    // A tamperer rewrites the reply's text in place (same length, so the segment still parses)
    // to make the office seem to have said something else: the hash gives it away.
    let (_root, data, _) = archive_with_reply(common::SmtpScript::Accept);
    let seg = newest_segment(&data);
    let mut bytes = std::fs::read(&seg).unwrap();
    let text = b"Content-Transfer-Encoding: 7bit";
    let at = bytes
        .windows(text.len())
        .position(|w| w == text)
        .expect("the reply's header in its segment");
    bytes[at..at + text.len()].copy_from_slice(b"Content-Transfer-Encoding: 8bit");
    std::fs::write(&seg, bytes).unwrap();
    let p = problems(&data);
    assert!(has(&p, "blob_altered", Some(2)), "{p:?}");
}

#[test]
fn reply_blob_index_row_missing() {
    let (_root, data, sha) = archive_with_reply(common::SmtpScript::Accept);
    tamper(
        &data,
        &[&format!("DELETE FROM blobs WHERE sha256 = X'{sha}'")],
    );
    let p = problems(&data);
    assert!(has(&p, "blob_missing", Some(2)), "{p:?}");
    assert!(
        has(&p, "blob_missing", Some(3)),
        "the sent entry names it too: {p:?}"
    );
}

/// Appends a forged entry at the end of the log with a correct leaf hash and blob column (a
/// careful tamperer); no checkpoint covers it, so only the reply links can catch it.
fn append_forged(data: &Path, seq: u64, body: &str, sha: &str) {
    let mut leaf_input = vec![0u8];
    leaf_input.extend_from_slice(body.as_bytes());
    let leaf = common::sha256_hex(&leaf_input);
    let kind = body
        .split("\"kind\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    tamper(
        data,
        &[&format!(
            "INSERT INTO entries (seq, kind, body, leaf_hash, blob) VALUES ({seq}, '{kind}', CAST('{}' AS BLOB), X'{leaf}', X'{sha}')",
            body.replace('\'', "''")
        )],
    );
}

#[test]
fn forged_sent_for_a_refused_reply() {
    // The server refused the reply (send_failed, entry 3); someone adds a `sent` to claim it went.
    let (_root, data, sha) = archive_with_reply(common::SmtpScript::RefuseRecipient);
    let forged = format!(
        r#"{{"format":"mailward-evidence/1","kind":"sent","seq":4,"sent_at":"2026-11-28T08:00:00Z","sending":2,"sha256":"{sha}","server_reply":"250 2.0.0 Ok: queued as FORGED"}}"#
    );
    append_forged(&data, 4, &forged, &sha);
    let p = problems(&data);
    assert!(has(&p, "link_broken", Some(4)), "a second outcome: {p:?}");
}

#[test]
fn forged_sent_for_other_bytes_or_a_missing_sending() {
    let (_root, data, sha) = archive_with_reply(common::SmtpScript::Accept);
    let other = common::sha256_hex(b"what the office never wrote");
    // A `sent` whose bytes differ from those of the sending entry it names; and one naming an
    // entry that is not a sending entry.
    let body = format!(
        r#"{{"format":"mailward-evidence/1","kind":"sent","seq":4,"sent_at":"2026-11-28T08:00:00Z","sending":2,"sha256":"{other}","server_reply":"250 ok"}}"#
    );
    append_forged(&data, 4, &body, &other);
    let body = format!(
        r#"{{"format":"mailward-evidence/1","kind":"sent","seq":5,"sent_at":"2026-11-28T08:00:00Z","sending":1,"sha256":"{sha}","server_reply":"250 ok"}}"#
    );
    append_forged(&data, 5, &body, &sha);
    // A `sending` that claims to answer entry 3, which is not a received mail.
    let body = format!(
        r#"{{"format":"mailward-evidence/1","kind":"sending","seq":6,"started_at":"2026-11-28T08:00:00Z","answers":3,"template":null,"envelope_from":"soudan@city.example.lg.jp","envelope_to":["a@example.jp"],"server":"127.0.0.1:25","security":"plain","message_id":"x@city.example.lg.jp","sha256":"{sha}","size":1}}"#
    );
    append_forged(&data, 6, &body, &sha);
    let p = problems(&data);
    assert!(has(&p, "link_broken", Some(4)), "{p:?}");
    assert!(has(&p, "link_broken", Some(5)), "{p:?}");
    assert!(has(&p, "link_broken", Some(6)), "{p:?}");
}
