-- Films, their other titles, and which film every entry and mention means.
CREATE TABLE films (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    year            INTEGER,
    directors       TEXT NOT NULL DEFAULT '[]',   -- JSON array of names, credit order
    genres          TEXT NOT NULL DEFAULT '[]',   -- JSON array
    soundtrack_kind TEXT CHECK (soundtrack_kind IN ('score', 'compilation', 'original_songs', 'covers', 'mixed')),
    imdb_id         TEXT UNIQUE,
    provisional     INTEGER NOT NULL DEFAULT 0,   -- made up for a title no catalog knew
    merged_into     INTEGER REFERENCES films(id), -- merged away: look-ups follow this
    CHECK (merged_into IS NULL OR merged_into <> id)
);

CREATE TABLE film_aliases (
    film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    title   TEXT NOT NULL,
    PRIMARY KEY (film_id, title)
);

-- One row per entry or mention: the film it means, or (film_id NULL) a place in the review queue
-- with the candidates considered.
CREATE TABLE resolutions (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER UNIQUE REFERENCES entries(id) ON DELETE CASCADE,
    mention_id INTEGER UNIQUE REFERENCES mentions(id) ON DELETE CASCADE,
    film_id    INTEGER REFERENCES films(id),
    confidence REAL NOT NULL,
    reason     TEXT NOT NULL,
    candidates TEXT NOT NULL DEFAULT '[]',        -- JSON array of film ids, best first
    CHECK ((entry_id IS NULL) <> (mention_id IS NULL))
);

-- Decisions a person made. They outlive re-imports and re-ingests: links are keyed by the
-- printed title's normalized key and year, and are applied before any automatic resolution.
CREATE TABLE decisions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('link', 'merge', 'alias')),
    title_key  TEXT,      -- link: the normalized printed title
    year       INTEGER,   -- link: the printed year, if any
    film_id    INTEGER NOT NULL REFERENCES films(id),
    other_id   INTEGER REFERENCES films(id),   -- merge: the film merged away
    title      TEXT,                           -- alias: the other title
    made_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Facts an entry's prose states about its film, with the words they were read from.
CREATE TABLE film_facts (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('year', 'director', 'award', 'soundtrack_kind')),
    value    TEXT NOT NULL,
    phrase   TEXT NOT NULL,
    UNIQUE (entry_id, kind, value)
);

CREATE INDEX films_title ON films(title);
CREATE INDEX resolutions_film ON resolutions(film_id);
