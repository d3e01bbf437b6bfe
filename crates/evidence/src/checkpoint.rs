//! Signed tree heads ("checkpoints") in the C2SP `tlog-checkpoint` text form inside a C2SP
//! `signed-note` with an Ed25519 signature.
//!
//! A checkpoint commits the log's size and Merkle root at one moment under the archive's key. A
//! standard format was chosen over a home-made one so that a third party can check it with
//! existing tools (Go's `golang.org/x/mod/sumdb/note`, Sigstore's and Trillian's verifiers) as well
//! as with `openssl`. Key files and the clock belong to the caller; this module only formats,
//! signs and checks text.

use crate::merkle::Hash;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use jiff::Timestamp;
use sha2::{Digest as _, Sha256};

/// The C2SP signature type byte for Ed25519 keys.
const ED25519_TYPE: u8 = 0x01;

/// What a checkpoint asserts: the log named `origin` had `size` entries with Merkle root `root`
/// at `time`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeHead {
    /// The log's name, which is also the key name, so that a verifier cannot mix up archives.
    pub origin: String,
    /// Number of entries covered.
    pub size: u64,
    /// RFC 9162 root hash of the first `size` entries.
    pub root: Hash,
    /// When the head was signed (an extension line `time RFC3339`).
    pub time: Timestamp,
}

/// Why a checkpoint text was not accepted.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CheckpointError {
    /// The text does not have the checkpoint's lines.
    #[error("malformed checkpoint: {0}")]
    Malformed(String),
    /// No signature line from the expected key was found.
    #[error("no signature by key {0:?}")]
    NoSignature(String),
    /// A signature line from the expected key is present but does not verify.
    #[error("signature by key {0:?} does not verify: the checkpoint text was altered or forged")]
    BadSignature(String),
}

/// The 4-byte key id of a C2SP note key: SHA-256(name || "\n" || type || public key)[..4].
pub fn key_id(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ED25519_TYPE]);
    h.update(key.as_bytes());
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// The verifier key string (`name+keyid+base64(type||key)`) that note tools accept.
pub fn verifier_key(name: &str, key: &VerifyingKey) -> String {
    let mut raw = vec![ED25519_TYPE];
    raw.extend_from_slice(key.as_bytes());
    format!(
        "{name}+{}+{}",
        hex::encode(key_id(name, key)),
        B64.encode(raw)
    )
}

/// The SHA-256 fingerprint of the raw 32-byte public key, printed for people to compare by phone
/// or on paper.
pub fn fingerprint(key: &VerifyingKey) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// The note body (the signed text) of a tree head.
fn body(head: &TreeHead) -> String {
    format!(
        "{}\n{}\n{}\ntime {}\n",
        head.origin,
        head.size,
        B64.encode(head.root),
        head.time
    )
}

/// Signs a tree head and returns the whole note text, ready to store, print or send.
pub fn sign(head: &TreeHead, key: &SigningKey) -> String {
    let text = body(head);
    let sig = key.sign(text.as_bytes());
    let mut blob = key_id(&head.origin, &key.verifying_key()).to_vec();
    blob.extend_from_slice(&sig.to_bytes());
    format!("{text}\n\u{2014} {} {}\n", head.origin, B64.encode(blob))
}

/// Checks a note against the archive's key and returns the head it asserts.
pub fn verify(note: &str, name: &str, key: &VerifyingKey) -> Result<TreeHead, CheckpointError> {
    let (text, sigs) = note
        .split_once("\n\n")
        .ok_or_else(|| CheckpointError::Malformed("no blank line before signatures".into()))?;
    let text = format!("{text}\n");
    let id = key_id(name, key);
    let mut found = false;
    for line in sigs.lines() {
        let Some(rest) = line.strip_prefix("\u{2014} ") else {
            continue;
        };
        let Some((who, b64)) = rest.split_once(' ') else {
            continue;
        };
        if who != name {
            continue;
        }
        let Ok(blob) = B64.decode(b64) else { continue };
        if blob.len() != 68 || blob[..4] != id {
            continue;
        }
        found = true;
        let sig = Signature::from_slice(&blob[4..])
            .map_err(|_| CheckpointError::BadSignature(name.into()))?;
        if key.verify(text.as_bytes(), &sig).is_ok() {
            return parse_body(&text);
        }
    }
    Err(if found {
        CheckpointError::BadSignature(name.into())
    } else {
        CheckpointError::NoSignature(name.into())
    })
}

/// Reads the lines of a note body into a head; only called on text whose signature verified.
fn parse_body(text: &str) -> Result<TreeHead, CheckpointError> {
    let bad = |what: &str| CheckpointError::Malformed(what.to_string());
    let mut lines = text.lines();
    let origin = lines.next().ok_or_else(|| bad("missing origin line"))?;
    let size = lines
        .next()
        .and_then(|l| l.parse::<u64>().ok())
        .ok_or_else(|| bad("tree size line is not a decimal number"))?;
    let root: Hash = lines
        .next()
        .and_then(|l| B64.decode(l).ok())
        .and_then(|v| v.try_into().ok())
        .ok_or_else(|| bad("root hash line is not 32 bytes of base64"))?;
    let time = lines
        .find_map(|l| l.strip_prefix("time "))
        .and_then(|t| t.parse::<Timestamp>().ok())
        .ok_or_else(|| bad("missing or invalid time line"))?;
    Ok(TreeHead {
        origin: origin.to_string(),
        size,
        root,
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(note: &str, key: &VerifyingKey) -> Result<TreeHead, CheckpointError> {
        verify(note, "mailward-test", key)
    }

    fn head() -> TreeHead {
        TreeHead {
            origin: "mailward-test".into(),
            size: 42,
            root: [7u8; 32],
            time: "2026-11-28T07:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn signed_note_round_trips_and_detects_changes() {
        let sk = SigningKey::from_bytes(&[1u8; 32]);
        let vk = sk.verifying_key();
        let note = sign(&head(), &sk);
        assert!(note.starts_with("mailward-test\n42\nBwcH"));
        assert_eq!(check(&note, &vk), Ok(head()));

        let forged = note.replacen("\n42\n", "\n41\n", 1);
        assert_eq!(
            check(&forged, &vk),
            Err(CheckpointError::BadSignature("mailward-test".into()))
        );
        let other = SigningKey::from_bytes(&[2u8; 32]).verifying_key();
        assert_eq!(
            check(&note, &other),
            Err(CheckpointError::NoSignature("mailward-test".into()))
        );
        assert!(matches!(
            check("garbage", &vk),
            Err(CheckpointError::Malformed(_))
        ));
    }

    #[test]
    fn verifier_key_has_the_note_shape() {
        let vk = SigningKey::from_bytes(&[1u8; 32]).verifying_key();
        let v = verifier_key("mailward-test", &vk);
        let parts: Vec<_> = v.split('+').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[1].len(), 8);
        assert_eq!(B64.decode(parts[2]).unwrap().len(), 33);
        assert_eq!(fingerprint(&vk).len(), 64);
    }
}
