//! Hostile mail: inputs built to exhaust a decoder's memory or time. Each must decode without a
//! panic, with bounded output. (The archive keeps such a mail whole whatever the decoder does;
//! this tests only the derived side.)

use mailward_mail::decode::decode;
use std::time::Instant;

fn nested_parts(depth: usize) -> Vec<u8> {
    let mut raw = String::from("Subject: nested\r\n");
    for i in 0..depth {
        raw.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    raw.push_str("Content-Type: text/plain\r\n\r\ndeep\r\n");
    raw.into_bytes()
}

fn many_parts(n: usize) -> Vec<u8> {
    let mut raw =
        String::from("Subject: many\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n");
    for i in 0..n {
        raw.push_str(&format!(
            "--x\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n"
        ));
    }
    raw.push_str("--x--\r\n");
    raw.into_bytes()
}

fn check(name: &str, raw: Vec<u8>) {
    let started = Instant::now();
    let d = decode(&raw);
    let took = started.elapsed();
    eprintln!(
        "{name}: {} bytes decoded in {took:?}, text {} bytes, {} attachments, {} warnings",
        raw.len(),
        d.text.len(),
        d.attachments.len(),
        d.warnings.len()
    );
    assert!(
        d.text.len() <= raw.len() * 4 + 1024,
        "{name}: text grew beyond the input"
    );
}

#[test]
fn hostile_set_decodes_without_panic() {
    check("10,000 nested parts", nested_parts(10_000));
    check("60,000 parts", many_parts(60_000));
    let d = decode(&many_parts(60_000));
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("limit: 60001 MIME parts")),
        "{:?}",
        d.warnings
    );
    let mut header = b"Subject: ".to_vec();
    header.extend(std::iter::repeat_n(b'a', 2 << 20));
    header.extend_from_slice(b"\r\n\r\nbody\r\n");
    check("2 MB header", header.clone());
    let d = decode(&header);
    assert!(
        d.warnings.iter().any(|w| w.starts_with("limit: Subject")),
        "{:?}",
        d.warnings
    );
    let mut line = b"Subject: long line\r\n\r\n".to_vec();
    line.extend(std::iter::repeat_n(b'x', 8 << 20));
    check("8 MB line", line.clone());
    let d = decode(&line);
    assert!(
        d.warnings.iter().any(|w| w.starts_with("limit: text cut")),
        "{:?}",
        d.warnings
    );
    let mut lines = Vec::new();
    for i in 0..200_000 {
        lines.extend_from_slice(format!("X-H{i}: v\r\n").as_bytes());
    }
    lines.extend_from_slice(b"Subject: after many\r\n\r\nbody\r\n");
    check("200,000 header lines", lines);
    let mut html = b"Subject: html\r\nContent-Type: text/html\r\n\r\n".to_vec();
    html.extend(std::iter::repeat_n(&b"<div>"[..], 200_000).flatten());
    html.extend_from_slice(b"text");
    check("200,000 nested tags", html);
    check("NUL bytes", b"Subject: a\0b\r\n\r\nbody\0\0\0\r\n".to_vec());
    check(
        "bare CR",
        b"Subject: cr\rFrom: a@b\r\rbody\rmore\r".to_vec(),
    );
}
