//! Reading a folder: SELECT (with UIDVALIDITY, the key that says whether UIDs still mean the same
//! mails), UID SEARCH ALL, and UID FETCH of the exact raw bytes with the server's receipt time.
//!
//! Nothing here changes the server: bodies are fetched with `BODY.PEEK[]`, so not even the
//! `\Seen` flag moves. Sorting (which does change the server) is in `sorting`.

use std::collections::{HashMap, HashSet};

use imap_proto::{AttributeValue, MailboxDatum, Response, ResponseCode, Status};

use crate::error::ImapError;
use crate::folder_name::encode_folder;
use crate::internaldate::parse_internaldate;
use crate::session::{Completion, Connection, Pace, quote};
use crate::uid_set::uid_sets;

/// What SELECT says about a folder: enough to decide whether the archive's idea of its UIDs
/// still holds (UIDVALIDITY) and where new mail will start (UIDNEXT).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderStatus {
    /// When this changes, every UID in the folder may now name a different mail.
    pub uidvalidity: u32,
    /// The UID the next arriving mail will get, if the server said.
    pub uidnext: Option<u32>,
    /// How many mails the folder holds.
    pub exists: u32,
}

/// One mail as the server holds it: the evidence itself.
#[derive(Clone, PartialEq, Eq)]
pub struct FetchedMail {
    /// The mail's UID in the selected folder (under the current UIDVALIDITY).
    pub uid: u32,
    /// When the server received the mail (INTERNALDATE), if it sent a readable one.
    pub internaldate: Option<jiff::Timestamp>,
    /// The message exactly as the server returned it for `BODY[]`, byte for byte.
    pub bytes: Vec<u8>,
}

/// Mail content stays out of logs: only the UID, date and size are shown.
impl std::fmt::Debug for FetchedMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FetchedMail")
            .field("uid", &self.uid)
            .field("internaldate", &self.internaldate)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Connection {
    /// Opens a folder (given in UTF-8; sent in modified UTF-7) for reading and sorting, and
    /// reports its UIDVALIDITY, UIDNEXT and size. A folder the server does not have gives
    /// [`ImapError::NoFolder`].
    pub async fn select(&mut self, folder: &str) -> Result<FolderStatus, ImapError> {
        let wire = quote(&encode_folder(folder))
            .ok_or_else(|| ImapError::Config(format!("folder name {folder:?} cannot be sent")))?;
        let (mut uidvalidity, mut uidnext, mut exists) = (None, None, None);
        self.mailbox.selected = None;
        let done = self
            .run(
                "the reply to SELECT",
                &format!("SELECT {wire}"),
                Pace::Whole,
                |response| match response {
                    Response::MailboxData(MailboxDatum::Exists(n)) => exists = Some(*n),
                    Response::Data {
                        status: Status::Ok,
                        outcome,
                    } => match outcome.code {
                        Some(ResponseCode::UidValidity(v)) => uidvalidity = Some(v),
                        Some(ResponseCode::UidNext(n)) => uidnext = Some(n),
                        _ => {}
                    },
                    _ => {}
                },
            )
            .await?;
        match done.status {
            Completion::Ok => {}
            Completion::No if done.is_temporary() => {
                return Err(ImapError::Refused("SELECT", done.text));
            }
            Completion::No => return Err(ImapError::NoFolder(folder.to_owned())),
            Completion::Bad => return Err(done.into_error("SELECT")),
        }
        let uidvalidity = uidvalidity.ok_or_else(|| {
            ImapError::Protocol(format!("the server gave no UIDVALIDITY for {folder:?}"))
        })?;
        let exists = exists.unwrap_or(0);
        self.mailbox.selected = Some(folder.to_owned());
        self.mailbox.exists = exists;
        self.mailbox.changed = false;
        self.mailbox.own_expunges = 0;
        Ok(FolderStatus {
            uidvalidity,
            uidnext,
            exists,
        })
    }

    /// The UIDs in the selected folder now, sorted: the list a sync compares with what it has
    /// archived, to find new mail and mail that others removed.
    pub async fn uid_search_all(&mut self) -> Result<Vec<u32>, ImapError> {
        self.require_selected()?;
        let mut uids = Vec::new();
        let done = self
            .run(
                "the reply to UID SEARCH",
                "UID SEARCH ALL",
                Pace::PerResponse,
                |response| {
                    if let Response::MailboxData(MailboxDatum::Search(found)) = response {
                        uids.extend_from_slice(found);
                    }
                },
            )
            .await?;
        if done.status != Completion::Ok {
            return Err(done.into_error("UID SEARCH"));
        }
        uids.sort_unstable();
        uids.dedup();
        Ok(uids)
    }

    /// Fetches these mails' exact bytes and INTERNALDATE without marking them read. Pass small
    /// chunks (about 100): all returned mails are held in memory at once. A UID the server no
    /// longer has is simply missing from the result, which is sorted by UID.
    ///
    /// A NO from the server (other than "already expunged") fails the whole call with
    /// [`ImapError::Refused`]; fetching the UIDs one by one then finds the mail it cannot read.
    pub async fn fetch(&mut self, uids: &[u32]) -> Result<Vec<FetchedMail>, ImapError> {
        let sets = uid_sets(uids);
        if sets.is_empty() {
            return Ok(Vec::new());
        }
        self.require_selected()?;
        let wanted: HashSet<u32> = uids.iter().copied().collect();
        let mut mails = Vec::new();
        for set in sets {
            let mut parts: HashMap<u32, Part> = HashMap::new();
            let done = self
                .run(
                    "the reply to UID FETCH",
                    &format!("UID FETCH {set} (UID INTERNALDATE BODY.PEEK[])"),
                    Pace::PerResponse,
                    |response| collect(&mut parts, response),
                )
                .await?;
            match done.status {
                Completion::Ok => {}
                Completion::No if done.code.as_deref() == Some("EXPUNGEISSUED") => {}
                _ => return Err(done.into_error("UID FETCH")),
            }
            for part in parts.into_values() {
                let Some(uid) = part.uid.filter(|u| wanted.contains(u)) else {
                    continue;
                };
                match part.bytes {
                    Some(bytes) => mails.push(FetchedMail {
                        uid,
                        internaldate: part.internaldate,
                        bytes,
                    }),
                    None if part.nil => {
                        return Err(ImapError::Refused(
                            "UID FETCH",
                            format!("the server returned no content (NIL) for UID {uid}"),
                        ));
                    }
                    // A flag update without the body: the mail is gone (a UID FETCH must
                    // answer for every mail still there).
                    None => {}
                }
            }
        }
        mails.sort_unstable_by_key(|m| m.uid);
        mails.dedup_by_key(|m| m.uid);
        Ok(mails)
    }

    /// The flags and keywords of these mails (e.g. to see whether a keyword is already set,
    /// or to show a clerk's own flags), sorted by UID; missing UIDs are absent.
    pub async fn fetch_flags(
        &mut self,
        uids: &[u32],
    ) -> Result<Vec<(u32, Vec<String>)>, ImapError> {
        let sets = uid_sets(uids);
        if sets.is_empty() {
            return Ok(Vec::new());
        }
        self.require_selected()?;
        let wanted: HashSet<u32> = uids.iter().copied().collect();
        let mut found = std::collections::BTreeMap::new();
        for set in sets {
            let done = self
                .run(
                    "the reply to UID FETCH",
                    &format!("UID FETCH {set} (UID FLAGS)"),
                    Pace::PerResponse,
                    |response| {
                        let Response::Fetch(_, attributes) = response else {
                            return;
                        };
                        let uid = attributes.iter().find_map(|a| match a {
                            AttributeValue::Uid(u) => Some(*u),
                            _ => None,
                        });
                        let flags = attributes.iter().find_map(|a| match a {
                            AttributeValue::Flags(f) => Some(f),
                            _ => None,
                        });
                        if let (Some(uid), Some(flags)) = (uid, flags)
                            && wanted.contains(&uid)
                        {
                            found.insert(uid, flags.iter().map(|f| f.to_string()).collect());
                        }
                    },
                )
                .await?;
            match done.status {
                Completion::Ok => {}
                Completion::No if done.code.as_deref() == Some("EXPUNGEISSUED") => {}
                _ => return Err(done.into_error("UID FETCH")),
            }
        }
        Ok(found.into_iter().collect())
    }

    /// Commands that act on "the selected folder" need one.
    pub(crate) fn require_selected(&self) -> Result<(), ImapError> {
        match self.mailbox.selected {
            Some(_) => Ok(()),
            None => Err(ImapError::Protocol(
                "no folder is selected; call select first".into(),
            )),
        }
    }
}

/// What the FETCH responses for one message said. A server may split one message's data over
/// several responses, so they are joined by sequence number within one command.
#[derive(Debug, Default)]
struct Part {
    uid: Option<u32>,
    internaldate: Option<jiff::Timestamp>,
    /// The whole body (`BODY[]`, not a section or a range).
    bytes: Option<Vec<u8>>,
    /// `BODY[] NIL`: the server has the mail but would not give its content.
    nil: bool,
}

/// Adds a FETCH response to the parts; other responses are not ours to take.
fn collect(parts: &mut HashMap<u32, Part>, response: &Response<'_>) {
    let Response::Fetch(seq, attributes) = response else {
        return;
    };
    let part = parts.entry(*seq).or_default();
    for attribute in attributes {
        match attribute {
            AttributeValue::Uid(u) => part.uid = Some(*u),
            AttributeValue::InternalDate(d) => part.internaldate = parse_internaldate(d),
            AttributeValue::BodySection {
                section: None,
                index: None,
                data,
            } => match data {
                Some(data) => part.bytes = Some(data.to_vec()),
                None => part.nil = true,
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(responses: &[&[u8]]) -> Vec<(u32, Part)> {
        let mut parts = HashMap::new();
        for raw in responses {
            let (_, response) = Response::parse(raw).expect("test input parses");
            collect(&mut parts, &response);
        }
        let mut parts: Vec<(u32, Part)> = parts.into_iter().collect();
        parts.sort_by_key(|(seq, _)| *seq);
        parts
    }

    #[test]
    fn whole_body_with_uid_and_date() {
        let parts = check(&[
            b"* 3 FETCH (UID 42 INTERNALDATE \"28-Nov-2026 19:30:00 +0900\" BODY[] {8}\r\nA\r\n\r\nb\r\n)\r\n",
        ]);
        let part = &parts[0].1;
        assert_eq!(part.uid, Some(42));
        assert_eq!(part.bytes.as_deref(), Some(&b"A\r\n\r\nb\r\n"[..]));
        assert_eq!(
            part.internaldate.map(|t| t.to_string()).as_deref(),
            Some("2026-11-28T10:30:00Z")
        );
    }

    #[test]
    fn split_responses_are_joined_by_sequence_number() {
        let parts = check(&[
            b"* 3 FETCH (UID 42)\r\n",
            b"* 4 FETCH (UID 43 BODY[] {1}\r\ny)\r\n",
            b"* 3 FETCH (BODY[] {1}\r\nx)\r\n",
        ]);
        assert_eq!(parts[0].1.uid, Some(42));
        assert_eq!(parts[0].1.bytes.as_deref(), Some(&b"x"[..]));
        assert_eq!(parts[1].1.bytes.as_deref(), Some(&b"y"[..]));
    }

    #[test]
    fn flag_updates_ranges_sections_and_nil_are_no_body() {
        for raw in [
            &b"* 3 FETCH (UID 42 FLAGS (\\Seen))\r\n"[..],
            b"* 3 FETCH (UID 42 BODY[]<0> {1}\r\nx)\r\n",
            b"* 3 FETCH (UID 42 BODY[HEADER] {1}\r\nx)\r\n",
        ] {
            let parts = check(&[raw]);
            assert!(parts[0].1.bytes.is_none() && !parts[0].1.nil, "{raw:?}");
        }
        let parts = check(&[b"* 3 FETCH (UID 42 BODY[] NIL)\r\n"]);
        assert!(parts[0].1.nil);
    }
}
