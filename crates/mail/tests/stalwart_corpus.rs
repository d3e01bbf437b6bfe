//! The mail-parser project's own test mails (../shared/corpora/stalwart-mail-parser) with their
//! expected results: our decoder, which redoes header text from the raw bytes, must agree with
//! them on every subject and sender address, except where it is documented here to do better.

use mailward_mail::decode::decode;
use std::path::Path;

fn expected_header<'a>(json: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    json["parts"][0]["headers"]
        .as_array()?
        .iter()
        .find(|h| h["name"].as_str() == Some(name))
        .map(|h| &h["value"])
}

#[test]
fn subjects_and_senders_agree_with_the_parsers_expected_results() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/stalwart-mail-parser/resources/eml");
    assert!(
        root.is_dir(),
        "the shared corpora are missing at {}",
        root.display()
    );
    let (mut checked, mut mismatches) = (0, Vec::new());
    for folder in ["rfc", "legacy", "thirdparty", "malformed"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        for eml in files {
            let Ok(text) = std::fs::read_to_string(eml.with_extension("json")) else {
                continue;
            };
            let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            let d = decode(&std::fs::read(&eml).unwrap());
            let name = format!("{folder}/{}", eml.file_name().unwrap().to_string_lossy());
            if let Some(subject) =
                expected_header(&expected, "subject").and_then(|v| v["Text"].as_str())
            {
                checked += 1;
                // Where the parser's expectation gave up (U+FFFD for raw 8-bit bytes), ours may
                // read the byte (we guess the charset and warn); every other character must agree.
                let got = d.subject.as_deref().map(str::trim).unwrap_or("");
                let agrees = got.chars().count() == subject.trim().chars().count()
                    && got
                        .chars()
                        .zip(subject.trim().chars())
                        .all(|(a, b)| a == b || b == '\u{FFFD}');
                if !agrees {
                    mismatches.push(format!("{name}: subject {:?} != {subject:?}", d.subject));
                }
            }
            let from = expected_header(&expected, "from")
                .and_then(|v| v["Address"]["List"][0]["address"].as_str());
            if let Some(from) = from {
                checked += 1;
                let got = d.from.as_ref().map(|m| m.address.as_str());
                if got != Some(from) {
                    mismatches.push(format!("{name}: from {got:?} != {from:?}"));
                }
            }
        }
    }
    eprintln!(
        "{checked} fields checked, {} differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    assert!(checked > 100);
    assert!(
        mismatches.is_empty(),
        "{} of {checked} differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
