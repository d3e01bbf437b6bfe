//! Triage through the binary: results are derived data that `rebuild` recomputes identically,
//! lexicons and thresholds are the administrator's to change, and awkward mail never stops
//! ingest.

mod common;

use common::{json_lines, mailward};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

fn mail(from: &str, when: &str, subject: &str, body: &str, n: usize) -> String {
    format!(
        "From {from} {when}\nFrom: {from}\nTo: info@ku.example\nSubject: {subject}\n\
         Date: Sat, 28 Nov 2026 10:00:00 +0900\nMessage-ID: <m{n}.{from}>\nMIME-Version: 1.0\n\
         Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n\n"
    )
}

/// A flood, a repeater, a personal-contact mail and an ordinary resident.
fn scenario(dir: &Path) -> std::path::PathBuf {
    let mut mbox = String::new();
    for i in 0..120 {
        let when = format!("Sat Nov 28 {:02}:{:02}:00 2026", 9 + i / 60, i % 60);
        let body = format!("税金泥棒！回答しろ！{}", "！".repeat(i % 4));
        mbox.push_str(&mail("bomb@kougeki.example", &when, "税金泥棒", &body, i));
    }
    let demands = [
        "昨日の回答では納得できません。なぜあの決定になったのか、詳細な理由を文書で回答してください。",
        "昨日の回答には納得できない。なぜあのような決定になったのか詳細な理由を文書で回答してください。",
        "回答に納得できません。なぜあの決定になったのか、詳しい理由を文書で回答してください。",
        "昨日の回答では納得できません。なぜ決定になったのか、詳細な理由を文書で回答してください。",
    ];
    for (d, text) in demands.iter().enumerate() {
        let when = format!("Sat Nov {} 10:00:00 2026", 20 + d);
        mbox.push_str(&mail(
            "rep@example.net",
            &when,
            "Re: 回答を求めます",
            text,
            200 + d,
        ));
    }
    mbox.push_str(&mail(
        "fan@gmail.com",
        "Sat Nov 28 08:00:00 2026",
        "山田さんへ",
        "ヤマダさん、明日の18時に区役所の前で待っています。",
        300,
    ));
    mbox.push_str(&mail(
        "resident@example.jp",
        "Sat Nov 28 08:30:00 2026",
        "空き巣の件",
        "先日、泥棒に入られました。警察に相談したいのですが、区の窓口はありますか。",
        301,
    ));
    let path = dir.join("scenario.mbox");
    std::fs::write(&path, mbox).unwrap();
    path
}

fn data_with_staff(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("mailward.toml"),
        "[[staff]]\nname = \"山田 花子\"\nreading = \"やまだ はなこ\"\n",
    )
    .unwrap();
    data
}

fn by_address(data: &Path) -> std::collections::BTreeMap<String, Value> {
    json_lines(data, &["senders", "--json"])
        .into_iter()
        .map(|s| (s["address"].as_str().unwrap().to_string(), s))
        .collect()
}

fn flags(s: &Value) -> Vec<&str> {
    s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect()
}

#[test]
fn flags_evidence_and_grounds_and_an_identical_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_staff(dir.path());
    let input = scenario(dir.path());
    assert!(
        mailward(&data, &["import", input.to_str().unwrap()])
            .status
            .success()
    );

    let senders = by_address(&data);
    let bomb = &senders["bomb@kougeki.example"];
    assert_eq!(
        flags(bomb),
        vec![
            "mail_bomb",
            "repeated_same_purpose",
            "abusive",
            "excessive_demand"
        ]
    );
    assert_eq!(bomb["evidence"]["mail_bomb"]["count"], 120);
    assert_eq!(bomb["evidence"]["mail_bomb"]["threshold"], 100);
    let grounds = bomb["grounds"]["mail_bomb"].to_string();
    assert!(grounds.contains("刑法 第233条") && grounds.contains("may fall under"));
    assert!(!grounds.contains("is a crime"));
    let matched = &bomb["evidence"]["abusive"]["messages"][0]["matched"][0];
    assert_eq!(matched["phrase"], "税金泥棒");

    let rep = &senders["rep@example.net"];
    assert!(flags(rep).contains(&"repeated_same_purpose"), "{rep}");
    let topic = &rep["topics"][0];
    assert_eq!(topic["count"], 4, "{rep}");
    assert!(
        topic["summary"]
            .as_str()
            .unwrap()
            .starts_with("回答を求めます")
    );

    let fan = &senders["fan@gmail.com"];
    assert_eq!(flags(fan), vec!["personal_contact"]);
    let m = &fan["evidence"]["personal_contact"]["messages"][0];
    assert_eq!(m["targets"][0], "山田 花子");
    assert_eq!(m["time_bound"], true);
    assert!(flags(&senders["resident@example.jp"]).is_empty());

    // Domains: the flood's private domain is flagged only if spread over several addresses.
    let domains = json_lines(&data, &["domains", "--json"]);
    let gmail = domains.iter().find(|d| d["domain"] == "gmail.com").unwrap();
    assert_eq!(gmail["free_mail"], true);
    assert!(flags(gmail).is_empty());
    let kougeki = domains
        .iter()
        .find(|d| d["domain"] == "kougeki.example")
        .unwrap();
    assert!(
        flags(kougeki).is_empty(),
        "one address is the sender's flag"
    );

    let messages_before = json_lines(&data, &["messages", "--json"]);
    let senders_before = json_lines(&data, &["senders", "--json"]);
    assert!(mailward(&data, &["rebuild"]).status.success());
    assert_eq!(json_lines(&data, &["messages", "--json"]), messages_before);
    assert_eq!(json_lines(&data, &["senders", "--json"]), senders_before);
}

#[test]
fn lexicons_and_thresholds_belong_to_the_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_staff(dir.path());
    let input = scenario(dir.path());
    assert!(
        mailward(&data, &["import", input.to_str().unwrap()])
            .status
            .success()
    );

    // A threshold change applies at once, without a rebuild.
    let mut config = std::fs::read_to_string(data.join("mailward.toml")).unwrap();
    config.insert_str(
        0,
        "[triage]\nmail_bomb_per_day = 500\nmail_bomb_per_hour = 500\n\n",
    );
    std::fs::write(data.join("mailward.toml"), &config).unwrap();
    let bomb = by_address(&data)["bomb@kougeki.example"].clone();
    assert_eq!(
        flags(&bomb),
        vec![
            "high_volume",
            "repeated_same_purpose",
            "abusive",
            "excessive_demand"
        ]
    );

    // A lexicon of the office's own: a new word, effective after `rebuild`.
    std::fs::create_dir_all(data.join("lexicons")).unwrap();
    std::fs::write(
        data.join("lexicons/office.toml"),
        "[[entry]]\ncategory = \"abusive\"\nphrases = [\"空き巣\"]\n",
    )
    .unwrap();
    assert!(mailward(&data, &["rebuild"]).status.success());
    assert_eq!(
        flags(&by_address(&data)["resident@example.jp"]),
        vec!["abusive"]
    );

    // A broken lexicon or config stops the command with the file named, exit 2.
    std::fs::write(
        data.join("lexicons/office.toml"),
        "[[entry]]\ncategory = \"rude\"\nphrases = [\"x\"]\n",
    )
    .unwrap();
    let out = mailward(&data, &["senders"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("office.toml") && err.contains("rude"), "{err}");
    // Proving the evidence never depends on the office's triage files.
    assert_eq!(mailward(&data, &["verify"]).status.code(), Some(0));
    std::fs::remove_file(data.join("lexicons/office.toml")).unwrap();
    std::fs::write(
        data.join("mailward.toml"),
        "[triage]\nmail_bomb_per_dya = 3\n",
    )
    .unwrap();
    let out = mailward(&data, &["senders"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mailward.toml") && err.contains("mail_bomb_per_dya"),
        "{err}"
    );
}

#[test]
fn awkward_mail_gets_a_result_and_never_stops_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_staff(dir.path());
    let mut mbox = String::new();
    let head = |n: usize, ct: &str| {
        format!(
            "From a{n}@example.jp Sat Nov 28 10:00:00 2026\nFrom: a{n}@example.jp\nSubject: x\n\
             Message-ID: <w{n}@x>\nMIME-Version: 1.0\nContent-Type: {ct}\n\n"
        )
    };
    mbox.push_str(&head(1, "text/plain"));
    mbox.push('\n');
    mbox.push_str(&head(2, "application/pdf; name=a.pdf"));
    mbox.push_str("JVBERi0xLjQKJcfsj6IK\n\n");
    mbox.push_str(&head(3, "text/html; charset=utf-8"));
    mbox.push_str("<p>税金泥棒&#xff01;<br>辞めちまえ</p>\n\n");
    mbox.push_str(&head(4, "text/plain; charset=utf-8"));
    mbox.push_str(&"死".repeat(350_000));
    mbox.push_str("\n\n");
    mbox.push_str(&head(5, "text/plain; charset=utf-8"));
    mbox.push_str("Hello 🙂 こんにちは 🙏 mixed English と日本語 🔥🔥🔥\n\n");
    let mut big = String::new();
    for _ in 0..1000 {
        let _ = write!(big, "{}", "ａ".repeat(330));
    }
    mbox.push_str(&head(6, "text/plain; charset=utf-8"));
    mbox.push_str(&big);
    mbox.push_str("\n\n");
    let path = dir.path().join("awkward.mbox");
    std::fs::write(&path, mbox).unwrap();

    let out = mailward(&data, &["import", "--json", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["imported"], 6);
    let messages = json_lines(&data, &["messages", "--json"]);
    assert_eq!(messages.len(), 6);
    let html = messages
        .iter()
        .find(|m| m["from"]["address"] == "a3@example.jp")
        .unwrap();
    let ids: Vec<&str> = html["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["abusive"]);
    for m in &messages {
        assert!(m["categories"].is_array());
    }
    assert!(mailward(&data, &["verify"]).status.success());
}
