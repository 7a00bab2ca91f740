-- Each city's garbage catalog as last imported: replaced whole in one statement, so residents never see half of one.
CREATE TABLE garbage_catalogs (
    city        TEXT    PRIMARY KEY,
    format      TEXT    NOT NULL,             -- the importer that read it: tokyo-std, 5374, tsu, madoguchi
    source      TEXT    NOT NULL,             -- the path it was read from
    rows        INTEGER NOT NULL,             -- data rows in the source
    items       INTEGER NOT NULL,             -- items taken
    skipped     TEXT    NOT NULL,             -- JSON: [{entry, reason}] of rows not taken
    catalog     TEXT    NOT NULL,             -- JSON: the catalog (categories, items, collection days)
    imported_at INTEGER NOT NULL,             -- unix ms
    generation  INTEGER NOT NULL              -- grows with every import, so a running server sees a new catalog
);
