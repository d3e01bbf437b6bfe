//! The rules of mailward's evidence: what an entry of the log is, how entries become the leaves of
//! an RFC 9162 Merkle tree, and how a tree head is signed and checked.
//!
//! This crate is pure: it does no I/O, reads no clock and holds no state beyond the values handed
//! to it, so that an independent verifier (or a fuzzer) can use it as it is. Storage lives in
//! `mailward-store`; the use cases that drive it live in `mailward-app`.

#![forbid(unsafe_code)]

pub mod checkpoint;
pub mod digest;
pub mod entry;
pub mod merkle;

pub use digest::Sha256;
