//! The archive's Ed25519 checkpoint key: made at first use, kept in `keys/` of the data
//! directory with owner-only permissions, and named after its own fingerprint so that the log's
//! name (the checkpoint origin) is unique and cannot be confused with another archive's.

use crate::{AppError, Result, io_error};
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use ed25519_dalek::{SigningKey, VerifyingKey};
use mailward_evidence::checkpoint;
use std::fs;
use std::io::Write as _;
use std::path::Path;

/// The archive's signing identity.
pub struct ArchiveKey {
    /// The private key (never printed).
    pub signing: SigningKey,
    /// The log's name, `mailward-` plus the first 16 hex digits of the key fingerprint.
    pub name: String,
}

impl ArchiveKey {
    /// The public half.
    pub fn public(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The public key as PEM (SubjectPublicKeyInfo), for `openssl pkeyutl -verify`.
    pub fn public_pem(&self) -> Result<String> {
        self.public()
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| AppError::Key(e.to_string()))
    }

    /// The fingerprint people compare on paper.
    pub fn fingerprint(&self) -> String {
        checkpoint::fingerprint(&self.public())
    }

    /// The C2SP verifier key string.
    pub fn verifier_key(&self) -> String {
        checkpoint::verifier_key(&self.name, &self.public())
    }
}

fn name_for(key: &VerifyingKey) -> String {
    format!("mailward-{}", &checkpoint::fingerprint(key)[..16])
}

/// Loads the key of a data directory, making it first if there is none yet.
pub fn load_or_create(data_dir: &Path) -> Result<ArchiveKey> {
    let dir = data_dir.join("keys");
    let path = dir.join("checkpoint.key");
    if !path.exists() {
        fs::create_dir_all(&dir).map_err(io_error(format!("creating {}", dir.display())))?;
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| AppError::Key(format!("no randomness: {e}")))?;
        let key = SigningKey::from_bytes(&secret);
        let pem = key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| AppError::Key(e.to_string()))?;
        let tmp = dir.join("checkpoint.key.tmp");
        let mut file = open_private(&tmp)?;
        file.write_all(pem.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(io_error(format!("writing {}", tmp.display())))?;
        fs::rename(&tmp, &path).map_err(io_error(format!("saving {}", path.display())))?;
        let archive_key = ArchiveKey {
            name: name_for(&key.verifying_key()),
            signing: key,
        };
        let public = dir.join("checkpoint.pub");
        fs::write(&public, archive_key.public_pem()?)
            .map_err(io_error(format!("writing {}", public.display())))?;
        return Ok(archive_key);
    }
    let pem = fs::read_to_string(&path).map_err(io_error(format!("reading {}", path.display())))?;
    let signing = SigningKey::from_pkcs8_pem(&pem).map_err(|e| {
        AppError::Key(format!(
            "{} is not an Ed25519 PKCS#8 key: {e}",
            path.display()
        ))
    })?;
    Ok(ArchiveKey {
        name: name_for(&signing.verifying_key()),
        signing,
    })
}

#[cfg(unix)]
fn open_private(path: &Path) -> Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(io_error(format!("creating {}", path.display())))
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> Result<fs::File> {
    fs::File::create(path).map_err(io_error(format!("creating {}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_then_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        let a = load_or_create(dir.path()).unwrap();
        let b = load_or_create(dir.path()).unwrap();
        assert_eq!(a.public(), b.public());
        assert!(a.name.starts_with("mailward-"));
        assert!(
            a.public_pem()
                .unwrap()
                .starts_with("-----BEGIN PUBLIC KEY-----")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(dir.path().join("keys/checkpoint.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
