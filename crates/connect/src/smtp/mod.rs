//! The SMTP and LMTP receiver: Postfix (or any MTA) hands mail to mailward over an `lmtp:`
//! transport or as an SMTP `content_filter`, and gets `250` only once the mail is durable.
//!
//! One code path serves both protocols: `session` is the sans-IO command state machine,
//! [`data`] finds the end of a message and removes dot-stuffing, `listener` holds the accept
//! loop, limits, deadlines and STARTTLS, [`envelope`] what the session observed.
//!
//! # The durability contract
//! A received mail (its [`Envelope`] and exact bytes) goes to the application's [`Sink`]. The
//! receiver answers the end of DATA only after [`Sink::deliver`] returned, and only with what it
//! returned: `250` for [`RcptOutcome::Accepted`], `451 4.3.0` for [`RcptOutcome::Temporary`]
//! (disk full, database down: the client keeps the mail and retries), `554 5.3.0` for
//! [`RcptOutcome::Permanent`]. LMTP gets one reply per accepted recipient, SMTP one reply (250
//! only if all recipients were accepted). If the connection is lost during DATA, or the client is
//! gone by the time the sink returns, nothing is answered; if the service stops while the sink
//! works, the grace period ends and the sink's future is dropped, so again nothing is answered.
//! In no case does a client see `250` for a mail the sink did not accept. The price is that a
//! mail can be stored twice (stored, then the reply was lost and the client sent it again);
//! never zero times.
//!
//! # What is refused, and how
//! Malformed commands get 500/501 (555 for unknown parameters), commands out of order 503, an
//! overlong line (over 4096 octets) 500 5.5.2, a command ending in a bare LF 500 5.5.2, too many
//! recipients 452 4.5.3, a declared SIZE over the limit 552 5.3.4 at MAIL FROM, a message over
//! the limit 552 5.3.4 after it was read to its end (and dropped as it came), too many failed
//! commands 421 4.7.0 and close, a stalled client 421 4.4.2 and close, sessions beyond the limit
//! 421 4.7.0 at the greeting. Bytes inside a message are never refused or changed: bare LF, bare
//! CR, NUL and undeclared 8-bit data are kept and flagged in the envelope; only `<CRLF>.<CRLF>`
//! ends a message.
//!
//! What does not live here: storing (the sink), relaying mail onward, authentication, sending.

mod command;
mod config;
pub mod data;
pub mod envelope;
mod error;
mod listener;
mod reply;
mod session;
mod sink;

pub use config::{Dialect, ReceiverConfig, TlsFiles};
pub use envelope::{BodyType, Envelope, Protocol, Recipient, TlsInfo};
pub use error::ReceiverError;
pub use listener::{bind, serve};
pub use sink::{RcptOutcome, Sink};
