//! Reading mail as it is stored by others: splitting mbox files, reading Maildir delivery names,
//! telling a message file from something else, decoding MIME and Japanese charsets; and
//! composing the office's replies (`compose`).
//!
//! This crate is pure: it works on byte slices and on readers that the caller opens, keeps no
//! state of its own and reads no clock, so that it is easy to test and to fuzz. Walking folders
//! and opening files is `mailward-app`'s job.

#![forbid(unsafe_code)]

pub mod compose;
pub mod decode;
pub mod maildir;
pub mod mbox;
pub mod sniff;
