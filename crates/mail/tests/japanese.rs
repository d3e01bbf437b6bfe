//! Snapshot tests over the Japanese corpus in `tests/japanese/`: mails written with the encoders
//! of several mailers (see its README and generate.py), each with the decoded subject, sender,
//! text and attachments a correct decoder must produce.

use mailward_mail::decode::decode;
use std::path::Path;

#[test]
fn every_japanese_sample_decodes_to_the_expected_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/japanese");
    let mut samples: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    samples.sort();
    assert!(
        samples.len() >= 20,
        "the corpus is missing: {}",
        samples.len()
    );
    let mut failures = Vec::new();
    for eml in &samples {
        let name = eml.file_stem().unwrap().to_string_lossy().into_owned();
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(eml.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let d = decode(&std::fs::read(eml).unwrap());
        let mut problems = Vec::new();
        if d.subject.as_deref() != expected["subject"].as_str() {
            problems.push(format!(
                "subject {:?} != {:?}",
                d.subject, expected["subject"]
            ));
        }
        let from = d.from.clone().unwrap_or_default();
        if from.address != expected["from_address"].as_str().unwrap_or("") {
            problems.push(format!(
                "from address {:?} != {}",
                from.address, expected["from_address"]
            ));
        }
        if from.name.as_deref() != expected["from_name"].as_str() {
            problems.push(format!(
                "from name {:?} != {}",
                from.name, expected["from_name"]
            ));
        }
        for want in expected["text_contains"].as_array().unwrap() {
            let want = want.as_str().unwrap();
            if !d.text.contains(want) {
                problems.push(format!("text lacks {want:?}: {:?}", d.text));
            }
        }
        let want_attachments = expected["attachments"].as_array().unwrap();
        if want_attachments.len() != d.attachments.len() {
            problems.push(format!(
                "{} attachments, expected {}",
                d.attachments.len(),
                want_attachments.len()
            ));
        }
        for (got, want) in d.attachments.iter().zip(want_attachments) {
            if got.name.as_deref() != want["name"].as_str()
                || got.content_type != want["content_type"].as_str().unwrap_or("")
                || got.size != want["size"].as_u64().unwrap_or(0)
            {
                problems.push(format!("attachment {got:?} != {want}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} samples wrong:\n{}",
        failures.len(),
        samples.len(),
        failures.join("\n")
    );
}
