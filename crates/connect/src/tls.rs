//! TLS for IMAPS and STARTTLS: which certificates to trust and the handshake itself.
//!
//! Trust is the built-in Mozilla root set (webpki-roots, so the result is the same on every
//! machine) plus, where configured, one extra CA file for servers with a private CA. There is no
//! switch to skip verification: a mailbox holding evidence must not be readable by whoever sits
//! on the network path.

use std::io;
use std::path::Path;
use std::sync::Arc;

use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};

use crate::error::ImapError;

/// Builds the client configuration: web roots, plus the certificates in `ca_file`.
pub(crate) fn client_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>, ImapError> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let pem = std::fs::read(path).map_err(|e| {
            ImapError::Config(format!("cannot read CA file {}: {e}", path.display()))
        })?;
        let mut added = 0usize;
        for cert in CertificateDer::pem_slice_iter(&pem) {
            let cert = cert.map_err(|e| {
                ImapError::Config(format!("CA file {} is not PEM: {e}", path.display()))
            })?;
            roots.add(cert).map_err(|e| {
                ImapError::Config(format!(
                    "CA file {} holds a bad certificate: {e}",
                    path.display()
                ))
            })?;
            added += 1;
        }
        if added == 0 {
            return Err(ImapError::Config(format!(
                "CA file {} holds no certificate",
                path.display()
            )));
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ImapError::Config(format!("TLS setup: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// Runs the TLS handshake over an open TCP connection, checking the certificate against `host`.
/// Certificate and handshake problems become [`ImapError::Tls`]; a connection that breaks
/// during the handshake stays an I/O error, since that is the network, not TLS.
pub(crate) async fn handshake(
    config: Arc<ClientConfig>,
    host: &str,
    account: &str,
    tcp: TcpStream,
) -> Result<TlsStream<TcpStream>, ImapError> {
    let name = ServerName::try_from(host)
        .map_err(|e| ImapError::Config(format!("{host:?} is not a valid TLS server name: {e}")))?
        .to_owned();
    TlsConnector::from(config)
        .connect(name, tcp)
        .await
        .map_err(|e| classify(e, account))
}

/// Tells certificate and protocol failures (TLS) from the network failing underneath (I/O).
fn classify(error: io::Error, account: &str) -> ImapError {
    let is_tls = error
        .get_ref()
        .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some())
        || error.kind() == io::ErrorKind::InvalidData;
    if is_tls {
        ImapError::Tls(account.to_owned(), error.to_string())
    } else {
        ImapError::Io(error)
    }
}
