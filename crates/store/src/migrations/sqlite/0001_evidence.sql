-- The evidence log and the blob index: append-only. Triggers refuse UPDATE and DELETE so that a
-- bug in mailward cannot rewrite evidence; `verify` catches anyone who bypasses them.
CREATE TABLE entries (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    body BLOB NOT NULL,
    leaf_hash BLOB NOT NULL,
    blob BLOB
);
CREATE INDEX entries_blob ON entries (blob);
CREATE TABLE tree_nodes (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
);
CREATE TABLE blobs (
    sha256 BLOB PRIMARY KEY,
    size INTEGER NOT NULL,
    segment INTEGER NOT NULL,
    record_offset INTEGER NOT NULL
);
CREATE TABLE checkpoints (
    id INTEGER PRIMARY KEY,
    tree_size INTEGER NOT NULL,
    root BLOB NOT NULL,
    signed_at TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'evidence entries are append-only'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'evidence entries are append-only'); END;
CREATE TRIGGER tree_nodes_no_update BEFORE UPDATE ON tree_nodes BEGIN SELECT RAISE(ABORT, 'tree nodes are append-only'); END;
CREATE TRIGGER tree_nodes_no_delete BEFORE DELETE ON tree_nodes BEGIN SELECT RAISE(ABORT, 'tree nodes are append-only'); END;
CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs BEGIN SELECT RAISE(ABORT, 'blobs are append-only'); END;
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs BEGIN SELECT RAISE(ABORT, 'blobs are append-only'); END;
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;

-- Derived data: rebuilt from the entries by `mailward rebuild`; never evidence.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    sha256 BLOB NOT NULL,
    size INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    server_received_at INTEGER,
    event_at INTEGER NOT NULL,
    source TEXT NOT NULL
);
CREATE INDEX messages_event_at ON messages (event_at);
CREATE INDEX messages_sha256 ON messages (sha256);
