-- Source documents, verbatim: the SHA-256 makes re-ingesting the same bytes a no-op.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    file_name   TEXT,
    format      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One published ranking. A document usually holds one; a PrefLib file holds many.
CREATE TABLE lists (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT,
    outlet        TEXT,
    author        TEXT,
    url           TEXT,
    date          TEXT,
    print_order   TEXT NOT NULL CHECK (print_order IN ('descending', 'ascending', 'unranked')),
    declared_size INTEGER,
    notes         TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    warnings      TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    UNIQUE (document_id, position)
);

CREATE TABLE entries (
    id       INTEGER PRIMARY KEY,
    list_id  INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,               -- document order
    rank     INTEGER NOT NULL CHECK (rank >= 1),
    tied     INTEGER NOT NULL DEFAULT 0,
    title    TEXT NOT NULL,
    year     INTEGER,
    credit   TEXT,
    blurb    TEXT NOT NULL DEFAULT '',
    line     INTEGER,
    UNIQUE (list_id, position)
);

CREATE TABLE mentions (
    id       INTEGER PRIMARY KEY,
    list_id  INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    year     INTEGER,
    UNIQUE (list_id, position)
);

-- A song cited in a list; entry_id is NULL for songs named outside every entry.
CREATE TABLE songs (
    id       INTEGER PRIMARY KEY,
    list_id  INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    entry_id INTEGER REFERENCES entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    artist   TEXT
);

CREATE INDEX entries_by_list ON entries(list_id);
CREATE INDEX mentions_by_list ON mentions(list_id);
CREATE INDEX songs_by_list ON songs(list_id);
