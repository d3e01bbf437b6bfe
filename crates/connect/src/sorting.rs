//! Changing the server, within what mailward allows itself: creating the quarantine folder,
//! moving (or, without MOVE, copying) mail into it, and adding keywords.
//!
//! mailward never removes anything: there is deliberately no way here to flag a mail for
//! removal, to purge flagged mail, or to drop a folder, and a unit test in `lib.rs` checks that
//! the crate's source holds none of those commands. UID MOVE (RFC 6851) is the one operation
//! that takes a mail out of a folder, and it puts it into another one atomically.

use imap_proto::{MailboxDatum, NameAttribute, Response};

use crate::error::ImapError;
use crate::folder_name::{decode_folder, encode_folder};
use crate::session::{Completion, Connection, Done, Pace, quote};
use crate::uid_set::uid_sets;

/// How mails reached the target folder, because without MOVE the original stays in the inbox
/// and the caller must know that it is still there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// UID MOVE: the mails are now only in the target folder.
    Moved,
    /// UID COPY, as the server has no MOVE: the originals are still in the selected folder.
    Copied,
}

impl Connection {
    /// Makes sure the folder (UTF-8, e.g. `確認用(迷惑メール)`) exists: CREATE (and SUBSCRIBE,
    /// so that mail programs show it) when LIST does not show it.
    pub async fn ensure_folder(&mut self, folder: &str) -> Result<(), ImapError> {
        let encoded = encode_folder(folder);
        if encoded.eq_ignore_ascii_case("INBOX") {
            return Ok(());
        }
        let wire = quoted_folder(folder, &encoded)?;
        let mut found = false;
        let done = self
            .run(
                "the reply to LIST",
                &format!("LIST \"\" {wire}"),
                Pace::PerResponse,
                |response| {
                    if let Response::MailboxData(MailboxDatum::List(data)) = response {
                        let same = data.name == encoded
                            || decode_folder(&data.name).as_deref() == Some(folder);
                        let selectable = !data.name_attributes.iter().any(|a| match a {
                            NameAttribute::NoSelect => true,
                            NameAttribute::Extension(e) => e.eq_ignore_ascii_case("\\NonExistent"),
                            _ => false,
                        });
                        found |= same && selectable;
                    }
                },
            )
            .await?;
        if done.status != Completion::Ok {
            return Err(done.into_error("LIST"));
        }
        if found {
            return Ok(());
        }
        let done = self
            .run(
                "the reply to CREATE",
                &format!("CREATE {wire}"),
                Pace::Whole,
                |_| {},
            )
            .await?;
        match done.status {
            Completion::Ok => {}
            Completion::No if done.code.as_deref() == Some("ALREADYEXISTS") => return Ok(()),
            Completion::No if done.is_temporary() => {
                return Err(ImapError::Refused("CREATE", done.text));
            }
            _ => return Err(ImapError::CannotCreate(folder.to_owned(), done.text)),
        }
        // Only for people's mail programs; a refusal does not make the folder less usable.
        let done = self
            .run(
                "the reply to SUBSCRIBE",
                &format!("SUBSCRIBE {wire}"),
                Pace::Whole,
                |_| {},
            )
            .await?;
        if done.status != Completion::Ok {
            tracing::debug!(folder, reply = %done.text, "SUBSCRIBE refused; folder created anyway");
        }
        Ok(())
    }

    /// Puts mails of the selected folder into `folder`: UID MOVE where the server has it, else
    /// UID COPY, leaving the original in place. Nothing is ever flagged for removal or purged.
    /// A server that advertises MOVE but rejects the command as unknown gets COPY instead.
    pub async fn place(&mut self, uids: &[u32], folder: &str) -> Result<Placed, ImapError> {
        let mut moving = self.has_move();
        let sets = uid_sets(uids);
        if sets.is_empty() {
            return Ok(if moving {
                Placed::Moved
            } else {
                Placed::Copied
            });
        }
        self.require_selected()?;
        let wire = quoted_folder(folder, &encode_folder(folder))?;
        for (i, set) in sets.iter().enumerate() {
            if moving {
                // The server reports each moved mail as gone from this folder: that is our
                // own doing, not news for `idle`.
                self.mailbox.own_expunges = set_size(set);
                let done = self
                    .run(
                        "the reply to UID MOVE",
                        &format!("UID MOVE {set} {wire}"),
                        Pace::PerResponse,
                        |_| {},
                    )
                    .await;
                self.mailbox.own_expunges = 0;
                let done = done?;
                match done.status {
                    Completion::Ok => continue,
                    Completion::Bad if i == 0 => {
                        tracing::debug!(reply = %done.text, "UID MOVE rejected; using UID COPY");
                        moving = false;
                    }
                    _ => return Err(placing_error("UID MOVE", folder, done)),
                }
            }
            let done = self
                .run(
                    "the reply to UID COPY",
                    &format!("UID COPY {set} {wire}"),
                    Pace::PerResponse,
                    |_| {},
                )
                .await?;
            if done.status != Completion::Ok {
                return Err(placing_error("UID COPY", folder, done));
            }
        }
        Ok(if moving {
            Placed::Moved
        } else {
            Placed::Copied
        })
    }

    /// Adds keywords (e.g. `$mailward_threat`) to mails of the selected folder, so that clerks
    /// see mailward's findings in their own mail program. Only adds; never touches system
    /// flags, which is why a keyword starting with a backslash is refused.
    pub async fn add_keywords(&mut self, uids: &[u32], keywords: &[&str]) -> Result<(), ImapError> {
        if let Some(bad) = keywords.iter().find(|k| !is_keyword(k)) {
            return Err(ImapError::Config(format!(
                "{bad:?} is not an IMAP keyword (letters, digits and $_-. only, no backslash)"
            )));
        }
        let sets = uid_sets(uids);
        if sets.is_empty() || keywords.is_empty() {
            return Ok(());
        }
        self.require_selected()?;
        let list = keywords.join(" ");
        for set in sets {
            let done = self
                .run(
                    "the reply to UID STORE",
                    &format!("UID STORE {set} +FLAGS.SILENT ({list})"),
                    Pace::PerResponse,
                    |_| {},
                )
                .await?;
            if done.status != Completion::Ok {
                return Err(done.into_error("UID STORE"));
            }
        }
        Ok(())
    }
}

/// The folder as a quoted string for a command line.
fn quoted_folder(folder: &str, encoded: &str) -> Result<String, ImapError> {
    quote(encoded)
        .ok_or_else(|| ImapError::Config(format!("folder name {folder:?} cannot be sent")))
}

/// A missing target folder is a configuration matter; other refusals may pass.
fn placing_error(command: &'static str, folder: &str, done: Done) -> ImapError {
    match (done.status, done.code.as_deref()) {
        (Completion::No, Some("TRYCREATE" | "NONEXISTENT")) => {
            ImapError::NoFolder(folder.to_owned())
        }
        _ => done.into_error(command),
    }
}

/// How many UIDs a set names (as an upper bound of the EXPUNGE responses to expect).
fn set_size(set: &str) -> u32 {
    set.split(',')
        .map(|part| match part.split_once(':') {
            Some((a, b)) => match (a.parse::<u32>(), b.parse::<u32>()) {
                (Ok(a), Ok(b)) => b.abs_diff(a).saturating_add(1),
                _ => 1,
            },
            None => 1,
        })
        .fold(0u32, u32::saturating_add)
}

/// A keyword we are willing to send: a non-empty IMAP atom made of conservative characters.
/// Everything else (spaces, parentheses, wildcards, quotes, backslashes, 8-bit) is refused.
fn is_keyword(keyword: &str) -> bool {
    !keyword.is_empty()
        && keyword
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'$' | b'_' | b'-' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_plain_atoms_never_system_flags() {
        for good in ["$mailward_threat", "$mailward_mail_bomb", "Junk", "$Label1"] {
            assert!(is_keyword(good), "{good}");
        }
        let backslash = ["\\", "Seen"].concat();
        for bad in ["", "a b", "(x)", "\"q\"", "a*", "迷惑", backslash.as_str()] {
            assert!(!is_keyword(bad), "{bad}");
        }
    }

    #[test]
    fn set_sizes() {
        assert_eq!(set_size("7"), 1);
        assert_eq!(set_size("1:5,7,9:12"), 10);
        assert_eq!(set_size("1:4294967295"), u32::MAX);
    }
}
