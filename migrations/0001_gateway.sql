-- The gateway's durable state: every webhook event as LINE sent it, each resident's remembered state,
-- and the messages decided for an event, kept until LINE has accepted them.

CREATE TABLE inbox_events (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_event_id TEXT    NOT NULL UNIQUE,   -- LINE's ULID, or a hash of the raw event for old bodies without one
    chat_key         TEXT    NOT NULL,          -- whose events must be handled one at a time, in order
    event_type       TEXT    NOT NULL,
    destination      TEXT,
    body             TEXT    NOT NULL,          -- the event's JSON exactly as received
    is_redelivery    INTEGER NOT NULL DEFAULT 0,
    received_at      INTEGER NOT NULL,          -- unix ms
    state            TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'done', 'ignored', 'failed')),
    note             TEXT,                      -- why it was ignored or failed
    finished_at      INTEGER
);
CREATE INDEX inbox_events_pending ON inbox_events (id) WHERE state = 'pending';

CREATE TABLE residents (
    user_id          TEXT    PRIMARY KEY,
    profile_language TEXT,
    language         TEXT,
    session          TEXT,                      -- the conversation layer's JSON
    first_seen_at    INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

CREATE TABLE outbox (
    event_id    INTEGER PRIMARY KEY REFERENCES inbox_events (id),
    chat_id     TEXT,                           -- where a push goes
    reply_token TEXT,
    messages    TEXT    NOT NULL,               -- JSON array of message objects
    retry_key   TEXT    NOT NULL,               -- X-Line-Retry-Key for every push attempt of these messages
    created_at  INTEGER NOT NULL,
    sent_via    TEXT CHECK (sent_via IN ('reply', 'push', 'reply-presumed')),
    sent_at     INTEGER
);
