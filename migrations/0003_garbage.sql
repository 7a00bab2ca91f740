-- Every garbage lookup, for the usage report and for staff to see what residents could not find.
CREATE TABLE garbage_lookups (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id  TEXT    UNIQUE,              -- the webhook event that asked; a lookup replayed after a crash is logged once
    at        INTEGER NOT NULL,            -- unix ms
    city      TEXT    NOT NULL,
    language  TEXT    NOT NULL,
    method    TEXT    NOT NULL CHECK (method IN ('text', 'choice', 'photo')),
    query     TEXT    NOT NULL,
    item      TEXT,                        -- the official name (with its qualifier) answered; NULL when none was found
    outcome   TEXT    NOT NULL CHECK (outcome IN ('found', 'choose', 'none'))
);
CREATE INDEX garbage_lookups_at ON garbage_lookups (at);
