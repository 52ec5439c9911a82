//! What every handler shares: the application behind a lock, the write token, settings, the
//! uploads waiting for confirmation, and the results computed from the stored data.
//!
//! Computed results (the chart, film pages, collections) are cached in memory under the store's
//! data version ([`Store::data_version`]), read from the database on every request: any write,
//! by this server or by another process on the same database, moves the version, and the next
//! request computes afresh. Several servers over one database so behave as one service.

use crate::error::WebError;
use crate::token::Token;
use needledrop_app::{App, AppError};
use needledrop_store::Store;
use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::OnceCell;

/// The default limit on a request body: 5 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 5 * 1024 * 1024;

/// How many uploads may wait for confirmation at once (the oldest is forgotten first).
const PENDING_UPLOADS: usize = 8;

/// How many computed results are kept for one data version; past it the cache starts over, so
/// memory stays bounded whatever URLs clients make up.
const CACHED_RESULTS: usize = 512;

/// A computed result, of whatever type its key's handler stores.
type Cached = Arc<dyn Any + Send + Sync>;

/// Results computed from the data at one data version. Each key has one cell, so requests that
/// miss at once wait for one computation instead of each running their own.
#[derive(Default)]
struct Cache {
    version: Option<u64>,
    cells: HashMap<String, Arc<OnceCell<Cached>>>,
}

impl Cache {
    /// The cell for `key` at `version`, new (and empty) when the version moved.
    fn cell(&mut self, version: u64, key: &str) -> Arc<OnceCell<Cached>> {
        if self.version != Some(version) || self.cells.len() >= CACHED_RESULTS {
            self.version = Some(version);
            self.cells.clear();
        }
        Arc::clone(self.cells.entry(key.to_string()).or_default())
    }
}

/// The server's settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The largest request body accepted, in bytes; larger ones get 413.
    pub body_limit: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// An upload read but not stored yet.
#[derive(Debug, Clone)]
pub struct PendingUpload {
    /// The SHA-256 of the bytes, which names the upload in the confirmation form.
    pub sha256: String,
    /// What to ingest.
    pub request: needledrop_app::IngestRequest,
}

/// The state shared by all handlers. The store (SQLite's connection is not `Sync`) is used by one
/// request at a time, on a blocking thread, while the lock is held.
pub struct AppState<S: Store> {
    app: Arc<Mutex<App<S>>>,
    token: Arc<Token>,
    settings: Arc<Settings>,
    pending: Arc<Mutex<VecDeque<PendingUpload>>>,
    computing: Arc<tokio::sync::Semaphore>,
    cache: Arc<Mutex<Cache>>,
}

/// How many rankings may run at once (each may use a core for seconds with a bootstrap).
const RANKINGS_AT_ONCE: usize = 2;

impl<S: Store> Clone for AppState<S> {
    fn clone(&self) -> Self {
        AppState {
            app: Arc::clone(&self.app),
            token: Arc::clone(&self.token),
            settings: Arc::clone(&self.settings),
            pending: Arc::clone(&self.pending),
            computing: Arc::clone(&self.computing),
            cache: Arc::clone(&self.cache),
        }
    }
}

impl<S: Store + Send + 'static> AppState<S> {
    /// The state over an application, with the token writes must present.
    pub fn new(app: App<S>, token: Token, settings: Settings) -> AppState<S> {
        AppState {
            app: Arc::new(Mutex::new(app)),
            token: Arc::new(token),
            settings: Arc::new(settings),
            pending: Arc::new(Mutex::new(VecDeque::new())),
            computing: Arc::new(tokio::sync::Semaphore::new(RANKINGS_AT_ONCE)),
            cache: Arc::new(Mutex::new(Cache::default())),
        }
    }

    /// The server's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// True when `given` is the write token.
    pub fn token_matches(&self, given: &str) -> bool {
        self.token.matches(given)
    }

    /// Runs a use case on a blocking thread with the application locked.
    pub async fn run<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&mut App<S>) -> Result<T, WebError> + Send + 'static,
    {
        let app = Arc::clone(&self.app);
        tokio::task::spawn_blocking(move || {
            // A panic while the lock was held leaves a store whose transaction rolled back:
            // carry on with it rather than refusing every later request.
            let mut app = app.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut app)
        })
        .await
        .map_err(|e| WebError::Internal(format!("a request's task failed: {e}")))?
    }

    /// Runs work that needs no store (reading a document) on a blocking thread.
    pub async fn off_thread<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, WebError> + Send + 'static,
    {
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| WebError::Internal(format!("a request's task failed: {e}")))?
    }

    /// Runs a computation that needs no store (a ranking) on a blocking thread, at most a few at
    /// once; the others wait their turn.
    pub async fn compute<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, WebError> + Send + 'static,
    {
        let _permit = self
            .computing
            .acquire()
            .await
            .map_err(|e| WebError::Internal(format!("the ranking queue closed: {e}")))?;
        self.off_thread(work).await
    }

    /// The store's data version: it moves with every write to the database, from any process.
    pub async fn data_version(&self) -> Result<u64, WebError> {
        self.run(|app| Ok(app.store().data_version().map_err(AppError::from)?))
            .await
    }

    /// The value `compute` gives for `key` with the data as it is now: computed once per data
    /// version and kept in memory until the data changes (a write through any server over the
    /// same database). `key` must name everything the value depends on besides the data, and
    /// the same key must always hold the same type.
    pub async fn cached<T, F, Fut>(&self, key: &str, compute: F) -> Result<Arc<T>, WebError>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, WebError>>,
    {
        let version = self.data_version().await?;
        let cell = self
            .cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .cell(version, key);
        // A value computed from data newer than `version` (a write landed meanwhile) is kept
        // under the old version, which no later request asks for: never stale, at worst unused.
        let value = cell
            .get_or_try_init(|| async { Ok::<Cached, WebError>(Arc::new(compute().await?)) })
            .await?;
        Arc::clone(value)
            .downcast::<T>()
            .map_err(|_| WebError::Internal(format!("the cache holds another type under {key}")))
    }

    /// Keeps an upload until it is confirmed.
    pub fn hold(&self, upload: PendingUpload) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.retain(|p| p.sha256 != upload.sha256);
        if pending.len() >= PENDING_UPLOADS {
            pending.pop_front();
        }
        pending.push_back(upload);
    }

    /// Takes the upload with this SHA-256 out of the waiting ones.
    pub fn take(&self, sha256: &str) -> Option<PendingUpload> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let i = pending.iter().position(|p| p.sha256 == sha256)?;
        pending.remove(i)
    }
}
