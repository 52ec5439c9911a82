-- Settings of the whole database (the weighting policy, say), as text.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A weight a person gave one list; lists without a row weigh what the policy says.
CREATE TABLE list_weights (
    list_id BIGINT PRIMARY KEY REFERENCES lists(id) ON DELETE CASCADE,
    weight  DOUBLE PRECISION NOT NULL CHECK (weight >= 0)
);
