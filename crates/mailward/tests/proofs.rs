//! Proofs served by `mailward proof` check out with the RFC 9162 verification algorithms, cost
//! O(log n) node reads, and are tied to a signed checkpoint.

mod common;

use base64::Engine as _;
use common::{json, small_maildir};
use mailward_evidence::merkle;

fn hash(hex_text: &serde_json::Value) -> merkle::Hash {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_text.as_str().unwrap(), &mut out).unwrap();
    out
}

fn path(v: &serde_json::Value) -> Vec<merkle::Hash> {
    v.as_array().unwrap().iter().map(hash).collect()
}

#[test]
fn inclusion_and_consistency_proofs_verify_with_logarithmic_reads() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let first = small_maildir(&root.path().join("a"), 300);
    let (code, _) = json(&data, &["import", "--json", first.to_str().unwrap()]);
    assert_eq!(code, 0);
    let second = root.path().join("b");
    std::fs::create_dir_all(second.join("cur")).unwrap();
    for i in 0..700 {
        std::fs::write(
            second.join(format!("cur/{i}.x")),
            format!("Subject: b{i}\n\nbody {i}\n"),
        )
        .unwrap();
    }
    let (code, _) = json(&data, &["import", "--json", second.to_str().unwrap()]);
    assert_eq!(code, 0);

    let cases = [
        (1u64, None),
        (2, Some(300)),
        (150, Some(300)),
        (300, None),
        (301, None),
        (777, None),
        (1000, None),
    ];
    for (id, at) in cases {
        let mut args = vec![
            "proof".to_string(),
            "inclusion".into(),
            id.to_string(),
            "--json".into(),
        ];
        if let Some(size) = at {
            args.extend(["--tree-size".into(), size.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, p) = json(&data, &args);
        assert_eq!(code, 0, "{p}");
        let size = p["tree_size"].as_u64().unwrap();
        assert_eq!(
            size,
            at.unwrap_or(1000),
            "the newest checkpoint unless asked"
        );
        let entry = base64::engine::general_purpose::STANDARD
            .decode(p["entry_base64"].as_str().unwrap())
            .unwrap();
        let leaf = merkle::leaf_hash(&entry);
        assert_eq!(hex::encode(leaf), p["leaf_hash"].as_str().unwrap());
        let root_hash = hash(&p["root"]);
        assert!(merkle::verify_inclusion(
            &leaf,
            id - 1,
            size,
            &path(&p["path"]),
            &root_hash
        ));
        // The root is the one the archive signed.
        let note = p["checkpoint"].as_str().unwrap();
        let root_b64 = base64::engine::general_purpose::STANDARD.encode(root_hash);
        assert!(note.contains(&format!("\n{size}\n{root_b64}\n")), "{note}");
        let bound = 2 * (64 - (size - 1).leading_zeros() as usize) + 2;
        assert!(p["node_reads"].as_u64().unwrap() as usize <= bound, "{p}");
    }

    let (code, c) = json(&data, &["proof", "consistency", "300", "1000", "--json"]);
    assert_eq!(code, 0, "{c}");
    assert!(merkle::verify_consistency(
        300,
        1000,
        &hash(&c["old_root"]),
        &hash(&c["new_root"]),
        &path(&c["path"])
    ));
    assert!(c["node_reads"].as_u64().unwrap() <= 2 * 10 + 4, "{c}");

    let bad = common::mailward(&data, &["proof", "consistency", "1001", "5"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// A checkpoint verifies with OpenSSL alone, following docs/EVIDENCE-FORMAT.md section 3.
#[test]
fn checkpoint_verifies_with_openssl() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let md = small_maildir(root.path(), 5);
    let (code, summary) = json(&data, &["import", "--json", md.to_str().unwrap()]);
    assert_eq!(code, 0);
    let note = summary["checkpoint"]["note"].as_str().unwrap();
    let body: String = note.lines().take(4).map(|l| format!("{l}\n")).collect();
    let sig_line = note.lines().last().unwrap();
    let blob = base64::engine::general_purpose::STANDARD
        .decode(sig_line.split(' ').nth(2).unwrap())
        .unwrap();
    std::fs::write(root.path().join("body.txt"), body).unwrap();
    std::fs::write(root.path().join("sig.bin"), &blob[4..]).unwrap();
    let check = |body: &str| {
        std::process::Command::new("openssl")
            .args(["pkeyutl", "-verify", "-pubin", "-rawin", "-inkey"])
            .arg(data.join("keys/checkpoint.pub"))
            .arg("-in")
            .arg(root.path().join(body))
            .arg("-sigfile")
            .arg(root.path().join("sig.bin"))
            .output()
            .expect("openssl is installed (Debian package openssl)")
    };
    let ok = check("body.txt");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    let forged = std::fs::read_to_string(root.path().join("body.txt"))
        .unwrap()
        .replacen("\n5\n", "\n6\n", 1);
    std::fs::write(root.path().join("forged.txt"), forged).unwrap();
    assert!(!check("forged.txt").status.success());
}
