//! The backend-specific corner: connecting and migrating. Everything else in the crate is plain
//! SQL that SQLite and PostgreSQL both accept.

use crate::{Result, StoreError, io_error};
use sqlx::AnyPool;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{ConnectOptions as _, Executor as _};
use std::path::Path;
use std::str::FromStr as _;

/// The SQLite schema steps, applied in order and recorded in `schema_migrations`.
const SQLITE_MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/sqlite/0001_evidence.sql")),
    (2, include_str!("migrations/sqlite/0002_decoded.sql")),
    (3, include_str!("migrations/sqlite/0003_triage.sql")),
    (4, include_str!("migrations/sqlite/0004_imap.sql")),
    (5, include_str!("migrations/sqlite/0005_reply_index.sql")),
];

/// Opens the embedded database with the settings evidence needs: WAL for concurrent readers,
/// `synchronous = FULL` so that a commit is on disk when it returns.
pub(crate) async fn connect_sqlite(path: &Path) -> Result<AnyPool> {
    sqlx::any::install_default_drivers();
    let url = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .to_url_lossy();
    let options = AnyConnectOptions::from_str(url.as_str())?;
    let pool = AnyPoolOptions::new()
        .max_connections(4)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                conn.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;",
                )
                .await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| match e {
            sqlx::Error::Io(source) => {
                io_error(format!("opening database {}", path.display()))(source)
            }
            other => StoreError::Database(other),
        })?;
    Ok(pool)
}

/// Applies the schema steps this database has not seen yet, each in its own transaction.
pub(crate) async fn migrate(pool: &AnyPool) -> Result<()> {
    pool.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    )
    .await?;
    for (version, sql) in SQLITE_MIGRATIONS {
        let mut tx = pool.begin().await?;
        let done = sqlx::query("SELECT version FROM schema_migrations WHERE version = $1")
            .bind(*version)
            .fetch_optional(&mut *tx)
            .await?;
        if done.is_none() {
            tx.execute(*sql).await?;
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, CURRENT_TIMESTAMP)")
                .bind(*version)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// The placeholder for the `n`-th parameter of a statement built at run time. SQLite gets
/// anonymous `?`: its lookup of a numbered parameter's name is linear in the number of
/// parameters, which made a 2,000-parameter multi-row INSERT quadratic (a third of import time).
/// PostgreSQL, when it arrives, gets `$n` here.
pub(crate) fn placeholder(_n: usize) -> String {
    "?".to_string()
}

/// A comma-separated list of `n` placeholders, for `IN (...)` lists built at run time.
pub(crate) fn placeholder_list(n: usize) -> String {
    (1..=n).map(placeholder).collect::<Vec<_>>().join(",")
}
