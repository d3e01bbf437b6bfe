//! `mailward.toml` in the data directory: the office's own settings. Optional: without it every
//! setting has its documented default. Read once when the archive opens; a file that cannot be
//! used stops the command with a message naming the file and the key.
//!
//! ```toml
//! [triage]
//! mail_bomb_per_day = 100
//!
//! [[staff]]
//! name = "山田 花子"
//! reading = "やまだ はなこ"
//! ```
//! `docs/CONFIG.md` lists every key; `mailward.example.toml` in the repository is a commented
//! example.

use crate::{AppError, Result};
use mailward_triage::config::TriageConfig;
use mailward_triage::content::StaffMember;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The configuration file's name inside the data directory.
pub const FILE_NAME: &str = "mailward.toml";

/// The office's settings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Triage thresholds and domain lists.
    pub triage: TriageConfig,
    /// The staff directory: clerks whose names personal contact may target.
    pub staff: Vec<StaffMember>,
}

impl Config {
    /// The config file of a data directory.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(FILE_NAME)
    }

    /// Reads the data directory's config file, or the defaults when there is none.
    pub fn load(dir: &Path) -> Result<Config> {
        let path = Config::path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(AppError::Io {
                    what: format!("reading {}", path.display()),
                    source,
                });
            }
        };
        Config::parse(&text).map_err(|e| AppError::Invalid(format!("{}: {e}", path.display())))
    }

    /// Parses config text.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        config.triage.validate()?;
        for (i, s) in config.staff.iter().enumerate() {
            if s.name.trim().is_empty() {
                return Err(format!("[[staff]] entry {}: name is empty", i + 1));
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_in_the_repository_parses() {
        let text = include_str!("../../../mailward.example.toml");
        let c = Config::parse(text).unwrap();
        assert_eq!(c.staff.len(), 2);
        let expected = TriageConfig {
            extra_free_mail_domains: vec!["example-isp.ne.jp".into()],
            ..TriageConfig::default()
        };
        assert_eq!(c.triage, expected);
    }

    #[test]
    fn missing_file_gives_defaults_and_errors_name_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(c.triage.thresholds.mail_bomb_per_day, 100);
        std::fs::write(
            Config::path(dir.path()),
            "[triage]\nmail_bomb_per_dya = 5\n",
        )
        .unwrap();
        let e = Config::load(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("mailward.toml") && e.contains("mail_bomb_per_dya"),
            "{e}"
        );
        let c = Config::parse(
            "[triage]\nmail_bomb_per_day = 300\n[[staff]]\nname = \"山田 花子\"\nreading = \"やまだ はなこ\"\n",
        )
        .unwrap();
        assert_eq!(c.staff.len(), 1);
        assert_eq!(c.triage.thresholds.mail_bomb_per_day, 300);
    }
}
