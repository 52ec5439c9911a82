-- Source documents, verbatim: the SHA-256 makes re-ingesting the same bytes a no-op, and its
-- UNIQUE index makes two sessions ingesting the same bytes at once store them once.
CREATE TABLE documents (
    id          BIGSERIAL PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    file_name   TEXT,
    format      TEXT NOT NULL,
    bytes       BYTEA NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One published ranking. A document usually holds one; a PrefLib file holds many.
CREATE TABLE lists (
    id            BIGSERIAL PRIMARY KEY,
    document_id   BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position      BIGINT NOT NULL,
    title         TEXT,
    outlet        TEXT,
    author        TEXT,
    url           TEXT,
    date          TEXT,
    print_order   TEXT NOT NULL CHECK (print_order IN ('descending', 'ascending', 'unranked')),
    declared_size BIGINT,
    notes         TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    warnings      TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    UNIQUE (document_id, position)
);

CREATE TABLE entries (
    id       BIGSERIAL PRIMARY KEY,
    list_id  BIGINT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,                -- document order
    rank     BIGINT NOT NULL CHECK (rank >= 1),
    tied     BOOLEAN NOT NULL DEFAULT FALSE,
    title    TEXT NOT NULL,
    year     BIGINT,
    credit   TEXT,
    blurb    TEXT NOT NULL DEFAULT '',
    line     BIGINT,
    UNIQUE (list_id, position)
);

CREATE TABLE mentions (
    id       BIGSERIAL PRIMARY KEY,
    list_id  BIGINT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title    TEXT NOT NULL,
    year     BIGINT,
    UNIQUE (list_id, position)
);

-- A song cited in a list; entry_id is NULL for songs named outside every entry.
CREATE TABLE songs (
    id       BIGSERIAL PRIMARY KEY,
    list_id  BIGINT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    entry_id BIGINT REFERENCES entries(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title    TEXT NOT NULL,
    artist   TEXT
);

CREATE INDEX entries_by_list ON entries(list_id);
CREATE INDEX mentions_by_list ON mentions(list_id);
CREATE INDEX songs_by_list ON songs(list_id);
CREATE INDEX songs_by_entry ON songs(entry_id);
