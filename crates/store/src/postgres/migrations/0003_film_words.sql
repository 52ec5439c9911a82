-- The normalised words of every film's titles (and, prefixed with '#', each whole normalised
-- title), so the application can fetch the films a printed title could mean without loading the
-- whole catalog. The application computes them: the store does not normalise.
CREATE TABLE film_words (
    word    TEXT NOT NULL,
    film_id BIGINT NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    PRIMARY KEY (word, film_id)
);
CREATE INDEX film_words_by_film ON film_words(film_id);
