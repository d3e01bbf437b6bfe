-- Replies (`sending`, `sent`, `send_failed`) are few among many `received` entries; `show` and
-- `status` list them. A partial index keeps that a lookup instead of a scan of the whole log,
-- and costs nothing on the far more frequent mail entries.
CREATE INDEX IF NOT EXISTS entries_replies ON entries (seq)
    WHERE kind IN ('sending', 'sent', 'send_failed');
