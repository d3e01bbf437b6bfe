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
        let text = String::deserialize(d)?;
        Sha256::from_hex(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a SHA-256 hex digest: {text:?}")))
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
}
