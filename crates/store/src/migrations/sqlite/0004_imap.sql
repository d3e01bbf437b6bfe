-- Operational state of mail-server sources: where each watched IMAP folder stands and which
-- archived mail sits at which UID. Not evidence (the log holds what was received, removed and
-- sorted) and not derived data (`rebuild` leaves it alone): it is how mailward knows what it has
-- already fetched and what disappeared.
CREATE TABLE imap_folders (
    account TEXT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    last_sync_at INTEGER,
    PRIMARY KEY (account, folder)
);
-- state: present (at this UID now), moved (mailward moved it away), removed (gone, recorded in a
-- `removed` entry), superseded (the folder's UIDVALIDITY changed; the mail is found again under
-- its new UID). keywords: those mailward added; placed: the folder mailward moved or copied it to.
CREATE TABLE imap_mails (
    account TEXT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    message INTEGER NOT NULL,
    sha256 BLOB NOT NULL,
    state TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '',
    placed TEXT,
    PRIMARY KEY (account, folder, uidvalidity, uid)
);
CREATE INDEX imap_mails_place ON imap_mails (account, folder, state);
CREATE TABLE source_status (
    name TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    connected INTEGER NOT NULL,
    last_sync_at INTEGER,
    backlog INTEGER,
    last_error TEXT,
    updated_at INTEGER NOT NULL
);
