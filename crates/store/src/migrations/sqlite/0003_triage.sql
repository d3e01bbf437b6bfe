-- Derived: triage of each archived mail (rebuilt by `mailward rebuild`; an archive made before
-- this step gets its triage by running `mailward rebuild` once).
ALTER TABLE messages ADD COLUMN from_domain TEXT;
ALTER TABLE messages ADD COLUMN categories_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN findings_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN topic INTEGER;
ALTER TABLE messages ADD COLUMN list_mail INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN request INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_from_domain ON messages (from_domain, id);
CREATE INDEX messages_topic ON messages (topic);
-- Same-purpose topics: one row per representative mail (a topic's first mail, whose id is the
-- topic's id, and its extra representatives), with the mail's MinHash signature and the topic it
-- currently belongs to, so that a later import restores the index exactly and continues it.
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    topic INTEGER NOT NULL,
    sender TEXT NOT NULL,
    signature BLOB NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX topics_sender ON topics (sender, id);
CREATE INDEX topics_topic ON topics (topic);
