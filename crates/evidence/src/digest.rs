//! The SHA-256 newtype that names raw mail bytes everywhere in mailward. A newtype (rather than a
//! bare `[u8; 32]`) keeps a content address from being confused with a tree hash or a key id.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Digest as _;
use std::fmt;

/// The SHA-256 of a mail's raw bytes: its content address in the blob store and the value that a
/// third party recomputes to see that the bytes were not changed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sha256(pub [u8; 32]);

impl Sha256 {
    /// Hashes a whole byte string; the one place where content addresses are computed.
    pub fn of(bytes: &[u8]) -> Self {
        Sha256(sha2::Sha256::digest(bytes).into())
    }

    /// Parses the 64-digit lowercase or uppercase hex form used in entries and on the command line.
    pub fn from_hex(text: &str) -> Option<Self> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(text, &mut out).ok()?;
        Some(Sha256(out))
    }

    /// The lowercase hex form written into entries, JSON output and reports.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The raw 32 bytes, as stored in the database.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Builds a digest from a database column; `None` when the column does not hold 32 bytes,
    /// which callers report as corruption rather than panicking.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        Some(Sha256(bytes.try_into().ok()?))
    }
}

impl fmt::Display for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256({})", self.to_hex())
    }
}

impl Serialize for Sha256 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Sha256 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Read from the input in place where it can be (no String per digest): verify decodes
        // one per entry.
        struct Hex;
        impl serde::de::Visitor<'_> for Hex {
            type Value = Sha256;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Sha256, E> {
                Sha256::from_hex(text)
                    .ok_or_else(|| E::custom(format!("not a SHA-256 hex digest: {text:?}")))
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Sha256, E> {
                // What `String` accepts: bytes that are UTF-8.
                match std::str::from_utf8(bytes) {
                    Ok(text) => self.visit_str(text),
                    Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(bytes), &self)),
                }
            }
        }
        d.deserialize_str(Hex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_answer_and_hex_round_trip() {
        let empty = Sha256::of(b"");
        assert_eq!(
            empty.to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(Sha256::from_hex(&empty.to_hex()), Some(empty));
        assert_eq!(Sha256::from_hex("zz"), None);
        assert_eq!(Sha256::from_slice(&[0u8; 31]), None);
    }

    #[test]
    fn reads_from_json_as_a_string_would() {
        let empty = Sha256::of(b"");
        let hex = empty.to_hex();
        let read = |json: &str| serde_json::from_str::<Sha256>(json).map_err(|e| e.to_string());
        assert_eq!(read(&format!("\"{hex}\"")), Ok(empty));
        // An escaped digit is read like any other string (not borrowed from the input).
        let escaped = format!("\"\\u00{:x}{}\"", hex.as_bytes()[0], &hex[1..]);
        assert_eq!(read(&escaped), Ok(empty));
        assert_eq!(
            read("\"abc\""),
            Err("not a SHA-256 hex digest: \"abc\" at line 1 column 5".into())
        );
        assert_eq!(
            read("5"),
            Err("invalid type: integer `5`, expected a string at line 1 column 1".into())
        );
    }
}
