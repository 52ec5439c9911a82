-- A counter that moves with every committed change to the database, so that a server caching
-- what it computed from the data (the chart) can tell, with one cheap query per request, whether
-- any process has written since. Bumped by a statement-level trigger on every table, at most
-- once per transaction (the transaction id is kept beside it), so a big ingest costs one row
-- version, not one per statement. Readers see the new value exactly when they see the data.
CREATE TABLE data_version (
    id      BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    version BIGINT NOT NULL,
    xact    BIGINT NOT NULL
);
INSERT INTO data_version (version, xact) VALUES (1, 0);

-- The search_path of the migration, so the function finds this schema's table whatever the
-- writing session's path is.
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE data_version SET version = version + 1, xact = txid_current()
     WHERE xact <> txid_current();
    RETURN NULL;
END
$$;

-- Every table that holds data (a table added later needs the same trigger in its migration).
DO $$
DECLARE t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['documents', 'lists', 'entries', 'mentions', 'songs', 'films',
                             'film_aliases', 'resolutions', 'decisions', 'film_facts',
                             'film_words', 'settings', 'list_weights']
    LOOP
        EXECUTE format(
            'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
             FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version()',
            t || '_bump_data_version', t);
    END LOOP;
END
$$;
