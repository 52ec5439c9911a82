//! Schema migrations. Applied migrations are never edited: add a new file instead.

use crate::StoreError;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_lists.sql")),
    M::up(include_str!("migrations/0002_catalog.sql")),
    M::up(include_str!("migrations/0003_film_words.sql")),
    M::up(include_str!("migrations/0004_weights.sql")),
    M::up(include_str!("migrations/0005_list_reading.sql")),
    // 0006 is PostgreSQL's data-version counter; SQLite has `PRAGMA data_version` instead.
    M::up(include_str!("migrations/0007_content_hash.sql")),
];

/// The newest schema version this build knows (SQLite counts migrations in `user_version`).
pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the schema up to date.
///
/// Several processes may open a new file at once: each reads the schema version, then migrates
/// in a transaction, and all but the first then find the tables made ("table documents already
/// exists"). A failed attempt after which the version moved on was such a race, not a broken
/// migration: it is tried again from the new version (the busy timeout makes the next attempt
/// wait for the winner's transaction).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let migrations = Migrations::from_slice(MIGRATIONS);
    let version = |conn: &Connection| -> Result<i64, StoreError> {
        Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    };
    let mut attempts = 0;
    loop {
        let before = version(conn)?;
        match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(e) => {
                attempts += 1;
                if attempts >= 5 || version(conn)? == before {
                    return Err(StoreError::Migration(e.to_string()));
                }
            }
        }
    }
}

/// How many migrations the database lacks (negative: it is newer than this needledrop).
pub(crate) fn pending(conn: &Connection) -> Result<i32, StoreError> {
    Migrations::from_slice(MIGRATIONS)
        .pending_migrations(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_migration_that_no_one_else_advanced_is_reported() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE documents (id INTEGER)")
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
    }

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
