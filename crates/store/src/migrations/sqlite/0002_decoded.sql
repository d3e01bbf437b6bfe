-- Derived: what each archived mail says, decoded from its raw bytes (rebuilt by `mailward rebuild`).
ALTER TABLE messages ADD COLUMN from_address TEXT;
ALTER TABLE messages ADD COLUMN from_name TEXT;
ALTER TABLE messages ADD COLUMN to_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN subject TEXT;
ALTER TABLE messages ADD COLUMN date TEXT;
ALTER TABLE messages ADD COLUMN message_id TEXT;
ALTER TABLE messages ADD COLUMN warnings_json TEXT NOT NULL DEFAULT '[]';
CREATE INDEX messages_from_address ON messages (from_address, event_at);
