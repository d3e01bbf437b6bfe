//! Any bytes through the mail decoder: it must return (never panic, never hang) and keep its
//! output within the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailward_mail::decode::{decode, limits};

fuzz_target!(|data: &[u8]| {
    let d = decode(data);
    assert!(d.text.len() <= limits::MAX_TEXT);
});
