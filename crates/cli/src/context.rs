//! What every command may need: where the database is, and the application over it.

use anyhow::Context as _;
use needledrop_app::App;
use needledrop_store::SqliteStore;
use std::path::PathBuf;

/// Settings shared by all commands.
pub struct Context {
    db: Option<PathBuf>,
}

impl Context {
    /// A context for the database given by `--db` / `NEEDLEDROP_DB`, or the default one.
    pub fn new(db: Option<PathBuf>) -> Context {
        Context { db }
    }

    /// The database file in use.
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        let dirs = directories::ProjectDirs::from("", "", "needledrop").context(
            "cannot find a home directory for the default database; pass --db PATH or set NEEDLEDROP_DB",
        )?;
        Ok(dirs.data_dir().join("needledrop.db"))
    }

    /// The application over the database, created if needed.
    pub fn app(&self) -> anyhow::Result<App<SqliteStore>> {
        let path = self.db_path()?;
        let store = SqliteStore::open(&path)
            .with_context(|| format!("opening the database {}", path.display()))?;
        Ok(App::new(store))
    }
}
