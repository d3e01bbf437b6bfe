//! The operational state of IMAP sources (see migration 0004): folders' UIDVALIDITY, which
//! archived mail sits at which UID, and each source's status for `mailward status`.

use crate::{Result, Store, backend, unsigned};
use mailward_evidence::Sha256;
use sqlx::Row as _;

/// One archived mail at one place on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImapMail {
    /// The UID in the folder.
    pub uid: u32,
    /// The mail's id (its `received` entry).
    pub message: u64,
    /// Its raw bytes' address.
    pub sha256: Sha256,
    /// Keywords mailward already added, space-separated.
    pub keywords: String,
    /// The folder mailward moved or copied it to, if it did (a copy leaves it present here).
    pub placed: Option<String>,
}

/// New mails of one batch at their places in one IMAP folder: written in the same transaction as
/// the batch's entries, so that an archived mail is never without its place (or the reverse)
/// after a crash, and a batch costs one commit.
#[derive(Clone, Copy, Debug)]
pub struct ImapPlacement<'a> {
    /// `user@host:port`.
    pub account: &'a str,
    /// The folder's name.
    pub folder: &'a str,
    /// The folder's UIDVALIDITY when the mails were fetched.
    pub uidvalidity: u32,
    /// The mails, each at its UID (new ones and duplicates of archived bytes alike).
    pub mails: &'a [ImapMail],
}

/// Records the placement's mails as present (a row seen before under the same UID is marked
/// present again).
pub(crate) async fn insert_imap_mails(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    placement: &ImapPlacement<'_>,
) -> Result<()> {
    // Eight parameters a row; well under every backend's parameter limit.
    for chunk in placement.mails.chunks(100) {
        let mut sql = crate::writer::insert_sql(
            "imap_mails (account, folder, uidvalidity, uid, message, sha256, state, keywords)",
            8,
            chunk.len(),
        );
        sql.push_str(
            " ON CONFLICT (account, folder, uidvalidity, uid) DO UPDATE SET state = 'present'",
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for m in chunk {
            q = q
                .bind(placement.account.to_string())
                .bind(placement.folder.to_string())
                .bind(i64::from(placement.uidvalidity))
                .bind(i64::from(m.uid))
                .bind(m.message as i64)
                .bind(m.sha256.as_bytes().to_vec())
                .bind("present")
                .bind(m.keywords.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// A source's status row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceStatus {
    /// The source's name (from the config, or the account for `mailward sync`).
    pub name: String,
    /// `user@host:port`.
    pub account: String,
    /// Whether it is connected now.
    pub connected: bool,
    /// When its last complete sync pass ended (Unix nanoseconds).
    pub last_sync_at: Option<i64>,
    /// Mails on the server not yet archived, as last seen.
    pub backlog: Option<u64>,
    /// The last error, in words for an administrator (never a secret).
    pub last_error: Option<String>,
    /// When the row was written.
    pub updated_at: i64,
}

impl Store {
    /// The UIDVALIDITY last seen for a folder.
    pub async fn imap_uidvalidity(&self, account: &str, folder: &str) -> Result<Option<u32>> {
        let row =
            sqlx::query("SELECT uidvalidity FROM imap_folders WHERE account = $1 AND folder = $2")
                .bind(account.to_string())
                .bind(folder.to_string())
                .fetch_optional(self.pool())
                .await?;
        row.map(|r| Ok(unsigned(&r, "uidvalidity")? as u32))
            .transpose()
    }

    /// Records a folder's UIDVALIDITY and the end of a sync pass; mails recorded under an older
    /// UIDVALIDITY as present become `superseded` (they are found again under their new UIDs).
    pub async fn set_imap_folder(
        &self,
        account: &str,
        folder: &str,
        uidvalidity: u32,
        synced_at: Option<i64>,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "UPDATE imap_mails SET state = 'superseded' WHERE account = $1 AND folder = $2 \
             AND uidvalidity <> $3 AND state = 'present'",
        )
        .bind(account.to_string())
        .bind(folder.to_string())
        .bind(i64::from(uidvalidity))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO imap_folders (account, folder, uidvalidity, last_sync_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (account, folder) DO UPDATE SET uidvalidity = $3, \
             last_sync_at = COALESCE($4, imap_folders.last_sync_at)",
        )
        .bind(account.to_string())
        .bind(folder.to_string())
        .bind(i64::from(uidvalidity))
        .bind(synced_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The archived mails present at a folder under a UIDVALIDITY, by UID.
    pub async fn imap_present(
        &self,
        account: &str,
        folder: &str,
        uidvalidity: u32,
    ) -> Result<Vec<ImapMail>> {
        let rows = sqlx::query(
            "SELECT uid, message, sha256, keywords, placed FROM imap_mails WHERE account = $1 AND folder = $2 \
             AND uidvalidity = $3 AND state = 'present' ORDER BY uid",
        )
        .bind(account.to_string())
        .bind(folder.to_string())
        .bind(i64::from(uidvalidity))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ImapMail {
                    uid: unsigned(r, "uid")? as u32,
                    message: unsigned(r, "message")?,
                    sha256: crate::sha_column(r, "sha256")?,
                    keywords: r.try_get("keywords")?,
                    placed: r.try_get("placed")?,
                })
            })
            .collect()
    }

    /// Sets the state (`moved`, `removed`), the keywords or the placement of mails at UIDs of a
    /// folder (None leaves a column as it is).
    #[allow(clippy::too_many_arguments)]
    pub async fn update_imap_mails(
        &self,
        account: &str,
        folder: &str,
        uidvalidity: u32,
        uids: &[u32],
        state: Option<&str>,
        keywords: Option<&str>,
        placed: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for chunk in uids.chunks(400) {
            let sql = format!(
                "UPDATE imap_mails SET state = COALESCE(?, state), keywords = COALESCE(?, keywords), \
                 placed = COALESCE(?, placed) \
                 WHERE account = ? AND folder = ? AND uidvalidity = ? AND uid IN ({})",
                backend::placeholder_list(chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(state.map(str::to_string))
                .bind(keywords.map(str::to_string))
                .bind(placed.map(str::to_string))
                .bind(account.to_string())
                .bind(folder.to_string())
                .bind(i64::from(uidvalidity));
            for uid in chunk {
                q = q.bind(i64::from(*uid));
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Writes a source's status row.
    pub async fn set_source_status(&self, s: &SourceStatus) -> Result<()> {
        sqlx::query(
            "INSERT INTO source_status (name, account, connected, last_sync_at, backlog, last_error, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO UPDATE SET account = $2, \
             connected = $3, last_sync_at = COALESCE($4, source_status.last_sync_at), \
             backlog = COALESCE($5, source_status.backlog), last_error = $6, updated_at = $7",
        )
        .bind(s.name.clone())
        .bind(s.account.clone())
        .bind(i64::from(s.connected))
        .bind(s.last_sync_at)
        .bind(s.backlog.map(|b| b as i64))
        .bind(s.last_error.clone())
        .bind(s.updated_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Every source's status row, by name.
    pub async fn source_statuses(&self) -> Result<Vec<SourceStatus>> {
        let rows = sqlx::query(
            "SELECT name, account, connected, last_sync_at, backlog, last_error, updated_at \
             FROM source_status ORDER BY name",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SourceStatus {
                    name: r.try_get("name")?,
                    account: r.try_get("account")?,
                    connected: r.try_get::<i64, _>("connected")? != 0,
                    last_sync_at: r.try_get("last_sync_at")?,
                    backlog: r.try_get::<Option<i64>, _>("backlog")?.map(|b| b as u64),
                    last_error: r.try_get("last_error")?,
                    updated_at: r.try_get("updated_at")?,
                })
            })
            .collect()
    }
}
