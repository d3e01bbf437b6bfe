//! Triage: recognising the kinds of harassing mail the source document describes (the same demand
//! again and again, personal contact, mail bombs; threats, abuse and excessive demands), each with
//! the evidence that raised it and the legal grounds it may fall under.
//!
//! Pure: no I/O, no clock, no SQL. The application feeds it decoded mail and stored state and
//! keeps every result as derived data, rebuilt from the evidence log when the rules change.

pub mod assess;
pub mod cluster;
pub mod config;
pub mod content;
mod fixed_hash;
pub mod flags;
pub mod lexicon;
pub mod lsh;
pub mod minhash;
pub mod model;
pub mod normalize;
pub mod text;
mod thesaurus;
