//! Any bytes through the mbox splitter: it must end, and never produce more message bytes than
//! it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailward_mail::mbox::{MboxReader, Quoting};

fuzz_target!(|data: &[u8]| {
    let mut total = 0;
    for message in MboxReader::new(data, Quoting::Mboxrd).flatten() {
        total += message.bytes.len();
    }
    assert!(total <= data.len());
});
