//! Schema migrations. Applied migrations are never edited: add a new file instead.

use crate::StoreError;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_lists.sql")),
    M::up(include_str!("migrations/0002_catalog.sql")),
    M::up(include_str!("migrations/0003_film_words.sql")),
    M::up(include_str!("migrations/0004_weights.sql")),
];

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    Migrations::from_slice(MIGRATIONS)
        .to_latest(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok());
    }
}
