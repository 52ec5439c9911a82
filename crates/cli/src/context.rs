//! What every command may need: where the database is, and the application over it.

use anyhow::Context as _;
use needledrop_app::App;
use needledrop_store::{redact_location, AnyStore, SqliteStore};
use std::path::PathBuf;

/// Settings shared by all commands.
pub struct Context {
    db: Option<PathBuf>,
}

impl Context {
    /// A context for the database given by `--db` / `NEEDLEDROP_DB` (a file path, `sqlite:PATH`,
    /// or a `postgres://` URI), or the default one.
    pub fn new(db: Option<PathBuf>) -> Context {
        Context { db }
    }

    /// The database location in use: what `--db` / `NEEDLEDROP_DB` gave, or the default file.
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        let dirs = directories::ProjectDirs::from("", "", "needledrop").context(
            "cannot find a home directory for the default database; pass --db PATH or set NEEDLEDROP_DB",
        )?;
        Ok(dirs.data_dir().join("needledrop.db"))
    }

    /// The application over the database, created if needed. The location's scheme picks the
    /// backend: `postgres://…` or `postgresql://…` a PostgreSQL server, anything else a SQLite
    /// file. A password in the location is never shown.
    pub fn app(&self) -> anyhow::Result<App<AnyStore>> {
        let path = self.db_path()?;
        let store = match path.to_str() {
            Some(location) => needledrop_store::open(location)
                .with_context(|| format!("opening the database {}", redact_location(location)))?,
            // Not UTF-8, so not a URI: a file.
            None => AnyStore::Sqlite(
                SqliteStore::open(&path)
                    .with_context(|| format!("opening the database {}", path.display()))?,
            ),
        };
        Ok(App::new(store))
    }
}
