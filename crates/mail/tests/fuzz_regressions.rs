//! Inputs the fuzzer (`fuzz/`, target `decode`) found to crash the decoder, kept so that they
//! never come back. Each must decode to a result, with a warning where the structure is broken.

use std::path::Path;

#[test]
fn fuzzer_findings_decode_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let d = mailward_mail::decode::decode(&std::fs::read(&path).unwrap());
        assert!(
            d.text.len() <= mailward_mail::decode::limits::MAX_TEXT,
            "{}",
            path.display()
        );
        count += 1;
    }
    assert!(count >= 1);
}

/// mail-parser 0.11.9 panics with "Invalid part ID, could not find multipart" on this input; the
/// decoder catches it and says so.
#[test]
fn mail_parser_panic_becomes_a_warning() {
    let raw = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz_regressions/mail_parser_invalid_part_id.eml"),
    )
    .unwrap();
    let d = mailward_mail::decode::decode(&raw);
    assert!(
        d.warnings.iter().any(|w| w.contains("parser failure")),
        "{:?}",
        d.warnings
    );
}
