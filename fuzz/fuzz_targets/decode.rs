//! Any bytes through the mail decoder: it must return (never panic, never hang) and keep its
//! output within the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mailward_mail::decode::{decode, limits};

fuzz_target!(|data: &[u8]| {
    // mail-parser 0.11.9 panics on some malformed structures. `decode` catches that (and says so
    // in a warning), but libFuzzer's panic hook aborts on every panic, caught or not; inputs on
    // which mail-parser alone panics are skipped so that the fuzzer keeps testing our code.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let upstream = std::panic::catch_unwind(|| {
        mail_parser::MessageParser::new()
            .with_minimal_headers()
            .with_message_ids()
            .default_header_raw()
            .parse(data)
            .is_some()
    });
    std::panic::set_hook(hook);
    if upstream.is_err() {
        return;
    }
    let d = decode(data);
    assert!(d.text.len() <= limits::MAX_TEXT);
});
