//! Schema migrations for PostgreSQL: SQL files embedded in the binary, applied in order, each
//! recorded in `schema_migrations`. Applied migrations are never edited: add a new file instead.
//!
//! All of it runs in one transaction that first takes an advisory lock keyed on the schema, so
//! two processes opening a new database at once do not race: the second waits, then finds every
//! migration applied.

use super::LOCK_CLASS;
use crate::StoreError;
use ::postgres::Client;

/// The migrations, oldest first: (version, name, SQL).
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "lists", include_str!("migrations/0001_lists.sql")),
    (2, "catalog", include_str!("migrations/0002_catalog.sql")),
    (
        3,
        "film_words",
        include_str!("migrations/0003_film_words.sql"),
    ),
    (4, "weights", include_str!("migrations/0004_weights.sql")),
    (
        5,
        "list_reading",
        include_str!("migrations/0005_list_reading.sql"),
    ),
    (
        6,
        "data_version",
        include_str!("migrations/0006_data_version.sql"),
    ),
    (
        7,
        "content_hash",
        include_str!("migrations/0007_content_hash.sql"),
    ),
];

/// The second key of the migration lock (the first is [`LOCK_CLASS`]; the write lock uses the
/// schema's hash instead).
const MIGRATION_LOCK: &str = "pg_advisory_xact_lock($1, hashtext('migrate:' || current_schema()))";

/// The newest schema version this build knows.
pub(crate) fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Brings the schema in the connection's `search_path` up to date.
pub(crate) fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let fail = |e: ::postgres::Error| StoreError::Migration(super::describe(&e));
    let mut tx = client.transaction().map_err(fail)?;
    let schema: Option<String> = tx
        .query_one("SELECT current_schema()", &[])
        .and_then(|r| r.try_get(0))
        .map_err(fail)?;
    if schema.is_none() {
        return Err(StoreError::Migration(
            "no schema of the search_path exists to create the tables in".into(),
        ));
    }
    tx.execute(&format!("SELECT {MIGRATION_LOCK}"), &[&LOCK_CLASS])
        .map_err(fail)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
         )",
    )
    .map_err(fail)?;
    let applied: Vec<i64> = tx
        .query("SELECT version FROM schema_migrations", &[])
        .map_err(fail)?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    let current = applied.iter().copied().max().unwrap_or(0);
    if current > latest() {
        return Err(StoreError::Migration(format!(
            "the database is at schema version {current}, newer than this build knows ({})",
            latest()
        )));
    }
    // Every migration not applied yet, not only those above the newest applied: numbers are
    // taken by branches that merge in either order, so a lower one may arrive later.
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| !applied.contains(&m.0)) {
        tx.batch_execute(sql).map_err(|e| {
            StoreError::Migration(format!(
                "migration {version} ({name}): {}",
                super::describe(&e)
            ))
        })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
            &[version, name],
        )
        .map_err(fail)?;
    }
    tx.commit().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_increasing_order_from_one() {
        assert_eq!(MIGRATIONS[0].0, 1);
        for pair in MIGRATIONS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} then {}", pair[0].0, pair[1].0);
        }
        assert!(MIGRATIONS.iter().all(|m| !m.2.trim().is_empty()));
    }
}
