//! The network edges of mailward: the IMAP client that a mailbox sync stands on, and the SMTP
//! submission client that sends the office's replies ([`submit_mail`], see `submit`).
//!
//! [`Connection`] opens a session ([`ImapTarget`]: TLS, STARTTLS or, for tests, plain; password
//! or XOAUTH2), reads folders ([`Connection::select`], [`Connection::uid_search_all`],
//! [`Connection::fetch`] of the exact raw bytes), sorts mail ([`Connection::ensure_folder`],
//! [`Connection::place`] with MOVE or COPY, [`Connection::add_keywords`]) and waits for news
//! ([`Connection::idle`], or [`Connection::noop`] where IDLE is missing). Folder names are given
//! in UTF-8 and travel in modified UTF-7 ([`encode_folder`], [`decode_folder`]).
//!
//! What does not live here: sync state, archiving, sorting rules and retry policy (the caller
//! decides, guided by [`ImapError::retryable`]), and any SQL. What the client never does: remove
//! anything from the server. There is no command in this crate that flags mail for removal,
//! purges a folder or drops one, and a test below keeps it so.
//!
//! Every wait on the network is bounded by [`ImapTarget::timeout`], IDLE by its `max_wait`.
//! No server input can panic the process: parse failures become [`ImapError::Protocol`].
//!
//! The protocol layer is imap-proto's response parser under a small framing and command loop
//! of our own, not async-imap (tried first, see shared/STACK.md): async-imap 0.12 ends a FETCH
//! stream quietly when the server says BYE or the connection drops, and drops the tagged NO or
//! BAD, so a cut-off sync would look complete and absent mails would look removed by others;
//! its IDLE code unwraps server text, and it has no deadline per wait. Those are exactly the
//! cases a long-running archive meets.

mod error;
mod folder_name;
mod idle;
mod internaldate;
mod mailbox;
mod session;
pub mod smtp;
mod sorting;
mod submit;
mod target;
mod tls;
mod uid_set;
mod wire;

pub use error::ImapError;
pub use folder_name::{decode_folder, encode_folder};
pub use idle::Woken;
pub use mailbox::{FetchedMail, FolderStatus};
pub use session::Connection;
pub use sorting::Placed;
pub use submit::{
    Accepted, Failure, Stage, SubmitError, SubmitTarget, dot_stuffed, submit as submit_mail,
};
pub use target::{Auth, ImapTarget, Security};

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Collects the text of every `.rs` file under `dir`.
    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("crate directory readable")
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source readable");
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// The string and byte-string literals of a Rust source (where command lines are built),
    /// skipping line comments and char literals. Enough for this crate's style; no raw strings.
    fn string_literals(source: &str) -> Vec<String> {
        let chars: Vec<char> = source.chars().collect();
        let mut literals = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '/' if chars.get(i + 1) == Some(&'/') => {
                    while i < chars.len() && chars[i] != '\n' {
                        i += 1;
                    }
                }
                '\'' if chars.get(i + 1) == Some(&'\\') => {
                    i += 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                }
                '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
                '"' => {
                    let mut literal = String::new();
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' {
                            literal.push('\\');
                            i += 1;
                        }
                        if let Some(&c) = chars.get(i) {
                            literal.push(c);
                        }
                        i += 1;
                    }
                    literals.push(literal);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        literals
    }

    /// Whether `word` occurs in `text` as a whole word, ignoring case.
    fn has_word(text: &str, word: &str) -> bool {
        let text = text.to_ascii_lowercase();
        text.match_indices(word).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric())
                && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        })
    }

    /// mailward never removes mail from a server. This guard fails if anybody puts into a string
    /// (where command lines are built) the removal flag, the purge command, or the command that
    /// drops a folder. The words are assembled here so that this file passes its own check.
    #[test]
    fn source_holds_no_removing_command() {
        let flag = ["\\", "deleted"].concat();
        let purge = ["exp", "unge"].concat();
        let drop = ["del", "ete"].concat();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        sources(&root.join("src"), &mut files);
        sources(&root.join("tests"), &mut files);
        assert!(files.len() >= 10, "found the crate's sources");
        for (path, text) in &files {
            for literal in string_literals(text) {
                let lower = literal.to_ascii_lowercase();
                assert!(
                    !lower.contains(&flag) && !has_word(&lower, &purge) && !has_word(&lower, &drop),
                    "{path}: {literal:?} looks like a removing IMAP command; mailward never removes mail"
                );
            }
        }
    }

    #[test]
    fn the_guard_sees_what_it_guards_against() {
        let source = ["let c = format!(\"UID ", "EXP", "UNGE {set}\"); // ok: 'x'"].concat();
        let literals = string_literals(&source);
        assert_eq!(literals.len(), 1);
        assert!(has_word(&literals[0], &["exp", "unge"].concat()));
        assert!(!has_word("[EXPUNGEISSUED] gone", &["exp", "unge"].concat()));
        let flagged = string_literals(&["s(\"+FLAGS (\\\\", "Deleted)\")"].concat());
        assert!(
            flagged[0]
                .to_ascii_lowercase()
                .contains(&["\\", "deleted"].concat())
        );
    }
}
