-- Films, their other titles, and which film every entry and mention means.
CREATE TABLE films (
    id              BIGSERIAL PRIMARY KEY,
    title           TEXT NOT NULL,
    year            BIGINT,
    directors       TEXT NOT NULL DEFAULT '[]',   -- JSON array of names, credit order
    genres          TEXT NOT NULL DEFAULT '[]',   -- JSON array
    soundtrack_kind TEXT CHECK (soundtrack_kind IN ('score', 'compilation', 'original_songs', 'covers', 'mixed')),
    imdb_id         TEXT UNIQUE,
    provisional     BOOLEAN NOT NULL DEFAULT FALSE, -- made up for a title no catalog knew
    merged_into     BIGINT REFERENCES films(id),    -- merged away: look-ups follow this
    CHECK (merged_into IS NULL OR merged_into <> id)
);

CREATE TABLE film_aliases (
    film_id BIGINT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    title   TEXT NOT NULL,
    PRIMARY KEY (film_id, title)
);

-- One row per entry or mention: the film it means, or (film_id NULL) a place in the review queue
-- with the candidates considered.
CREATE TABLE resolutions (
    id         BIGSERIAL PRIMARY KEY,
    entry_id   BIGINT UNIQUE REFERENCES entries(id) ON DELETE CASCADE,
    mention_id BIGINT UNIQUE REFERENCES mentions(id) ON DELETE CASCADE,
    film_id    BIGINT REFERENCES films(id),
    confidence DOUBLE PRECISION NOT NULL,
    reason     TEXT NOT NULL,
    candidates TEXT NOT NULL DEFAULT '[]',        -- JSON array of film ids, best first
    CHECK ((entry_id IS NULL) <> (mention_id IS NULL))
);

-- Decisions a person made. They outlive re-imports and re-ingests: links are keyed by the
-- printed title's normalized key and year, and are applied before any automatic resolution.
CREATE TABLE decisions (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('link', 'merge', 'alias')),
    title_key  TEXT,      -- link: the normalized printed title
    year       BIGINT,    -- link: the printed year, if any
    film_id    BIGINT NOT NULL REFERENCES films(id),
    other_id   BIGINT REFERENCES films(id),    -- merge: the film merged away
    title      TEXT,                           -- alias: the other title
    made_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Facts an entry's prose states about its film, with the words they were read from.
CREATE TABLE film_facts (
    id       BIGSERIAL PRIMARY KEY,
    entry_id BIGINT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('year', 'director', 'award', 'soundtrack_kind')),
    value    TEXT NOT NULL,
    phrase   TEXT NOT NULL,
    UNIQUE (entry_id, kind, value)
);

CREATE INDEX films_title ON films(title);
CREATE INDEX resolutions_film ON resolutions(film_id);
