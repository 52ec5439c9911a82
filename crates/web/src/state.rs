//! What every handler shares: the application behind a lock, the write token, settings, the
//! uploads waiting for confirmation, and the results computed from the stored data.
//!
//! Computed results (the chart, film pages, collections) are cached in memory under the store's
//! data version ([`Store::data_version`]), read from the database on every request: any write,
//! by this server or by another process on the same database, moves the version, and the next
//! request computes afresh. Several servers over one database so behave as one service.
//!
//! Stale while revalidating, when the server is busy: a request that finds the data moved while
//! other readers are in flight gets the last value computed, with the data version it reflects,
//! and one background task computes the new one; requests arriving during that computation get
//! the last value too, instead of queuing behind it. Writes arriving faster than a chart computes
//! so cost readers nothing, and the chart is at most one computation behind. A lone request
//! (nothing else in flight) computes the new value and waits for it, so a client that wrote and
//! then reads sees its write. A request also does not wait for the store to read the data
//! version while another request holds it: it takes the last version read.

use crate::error::WebError;
use crate::token::Token;
use needledrop_app::{App, AppError};
use needledrop_store::Store;
use std::any::Any;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, TryLockError};
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
    /// The last value computed for each key, whatever the version: (its data version, the
    /// number of the computation that made it, the value).
    last: HashMap<String, (u64, u64, Cached)>,
    /// How many computations of each key are under way.
    computing: HashMap<String, usize>,
    /// Numbers computations in the order they start, so an older one finishing late does not
    /// replace a newer value in `last` (data versions need not grow).
    started: u64,
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

    /// The last value of `key` when a newer one is being computed.
    fn stale(&self, key: &str) -> Option<(u64, Cached)> {
        if self.computing.get(key).copied().unwrap_or(0) == 0 {
            return None;
        }
        self.last
            .get(key)
            .map(|(v, _, value)| (*v, Arc::clone(value)))
    }

    /// Counts a computation of `key` as started; returns its number.
    fn start(&mut self, key: &str) -> u64 {
        *self.computing.entry(key.to_string()).or_default() += 1;
        self.started += 1;
        self.started
    }

    /// Counts a computation of `key` as over (done or abandoned).
    fn end(&mut self, key: &str) {
        if let Some(n) = self.computing.get_mut(key) {
            *n -= 1;
            if *n == 0 {
                self.computing.remove(key);
            }
        }
    }

    /// Keeps `value`, computed by computation `number` at `version`, as the last of `key`.
    fn remember(&mut self, key: &str, version: u64, number: u64, value: &Cached) {
        if self.last.get(key).is_some_and(|(_, n, _)| *n > number) {
            return;
        }
        if self.last.len() >= CACHED_RESULTS && !self.last.contains_key(key) {
            self.last.clear();
        }
        self.last
            .insert(key.to_string(), (version, number, Arc::clone(value)));
    }
}

/// Counts a computation as over when dropped, so an abandoned request does not leave its key
/// marked as being computed (which would make readers take a stale value for ever).
struct Computing {
    cache: Arc<Mutex<Cache>>,
    key: String,
}

impl Drop for Computing {
    fn drop(&mut self) {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .end(&self.key);
    }
}

/// A cached value with the data version it was computed from.
pub struct Versioned<T> {
    /// The value.
    pub value: Arc<T>,
    /// The data version it reflects: older than the store's when it was served stale.
    pub version: u64,
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
    /// The data version last read from the store (0 before the first read).
    seen: Arc<AtomicU64>,
    /// How many requests are reading cached values now.
    readers: Arc<AtomicUsize>,
    /// Applications over connections of their own for read-only use cases (see
    /// [`AppState::read`]); empty when the store cannot be opened twice.
    read_apps: Arc<Vec<Mutex<App<S>>>>,
    /// Which read application the next read tries first.
    next_read_app: Arc<AtomicUsize>,
}

/// Counts a request among the readers while it lives.
struct Reading(Arc<AtomicUsize>);

impl Reading {
    /// Counts a reader in; returns the guard and how many others are reading.
    fn enter(readers: &Arc<AtomicUsize>) -> (Reading, usize) {
        let others = readers.fetch_add(1, Ordering::SeqCst);
        (Reading(Arc::clone(readers)), others)
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
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
            seen: Arc::clone(&self.seen),
            readers: Arc::clone(&self.readers),
            read_apps: Arc::clone(&self.read_apps),
            next_read_app: Arc::clone(&self.next_read_app),
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
            seen: Arc::new(AtomicU64::new(0)),
            readers: Arc::new(AtomicUsize::new(0)),
            read_apps: Arc::new(Vec::new()),
            next_read_app: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// The same state, with applications over further connections to the same database for
    /// read-only use cases: pages and rankings then read while an ingest writes, instead of
    /// queueing behind it on the one connection.
    pub fn with_readers(mut self, apps: Vec<App<S>>) -> AppState<S> {
        self.read_apps = Arc::new(apps.into_iter().map(Mutex::new).collect());
        self
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

    /// Runs a read-only use case on a blocking thread: on a free read connection when the state
    /// has some ([`AppState::with_readers`]), else on the next one in turn, else as
    /// [`AppState::run`]. Work that writes must use `run`: each application keeps its own
    /// resolver, and only the writer's sees what it provisionally created.
    pub async fn read<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&mut App<S>) -> Result<T, WebError> + Send + 'static,
    {
        if self.read_apps.is_empty() {
            return self.run(work).await;
        }
        let apps = Arc::clone(&self.read_apps);
        let first = self.next_read_app.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || {
            let n = apps.len();
            let free = (0..n).find_map(|k| match apps.get((first + k) % n)?.try_lock() {
                Ok(app) => Some(app),
                Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
                Err(TryLockError::WouldBlock) => None,
            });
            let mut app = match free {
                Some(app) => app,
                None => apps
                    .get(first % n)
                    .ok_or_else(|| WebError::Internal("no read connection".into()))?
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner),
            };
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
        let version = self
            .run(|app| Ok(app.store().data_version().map_err(AppError::from)?))
            .await?;
        self.seen.store(version, Ordering::Relaxed);
        Ok(version)
    }

    /// The store's data version if the store is free now, else the last one read: a reader that
    /// may be served a stale value does not queue behind a write or a long read for it.
    async fn data_version_now_or_last(&self) -> Result<u64, WebError> {
        let app = Arc::clone(&self.app);
        let now = tokio::task::spawn_blocking(move || {
            let mut app = match app.try_lock() {
                Ok(app) => app,
                Err(TryLockError::Poisoned(p)) => p.into_inner(),
                Err(TryLockError::WouldBlock) => return Ok(None),
            };
            app.store().data_version().map(Some)
        })
        .await
        .map_err(|e| WebError::Internal(format!("a request's task failed: {e}")))?
        .map_err(AppError::from)?;
        match now {
            Some(version) => {
                self.seen.store(version, Ordering::Relaxed);
                Ok(version)
            }
            None => match self.seen.load(Ordering::Relaxed) {
                0 => self.data_version().await,
                seen => Ok(seen),
            },
        }
    }

    /// The value `compute` gives for `key` with the data as it is now: computed once per data
    /// version and kept in memory until the data changes (a write through any server over the
    /// same database). `key` must name everything the value depends on besides the data, and
    /// the same key must always hold the same type.
    ///
    /// While the server is busy, or another request computes `key` for newer data, this one
    /// gets the last value computed instead of waiting (see the module's documentation); use
    /// [`AppState::cached_fresh`] inside a computation, whose result must reflect the version
    /// it is filed under.
    pub async fn cached<T, F, Fut>(&self, key: &str, compute: F) -> Result<Arc<T>, WebError>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, WebError>> + Send + 'static,
    {
        Ok(self.cached_versioned(key, compute).await?.value)
    }

    /// [`AppState::cached`] with the data version the value reflects.
    pub async fn cached_versioned<T, F, Fut>(
        &self,
        key: &str,
        compute: F,
    ) -> Result<Versioned<T>, WebError>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, WebError>> + Send + 'static,
    {
        let (_reading, others) = Reading::enter(&self.readers);
        let version = self.data_version_now_or_last().await?;
        let background = {
            let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(value) = cache.cell(version, key).get() {
                return versioned(key, version, Arc::clone(value));
            }
            if let Some((old, value)) = cache.stale(key) {
                return versioned(key, old, value);
            }
            match cache.last.get(key) {
                // Busy: the last value now, the new one computed behind this request's back.
                Some((old, _, value)) if others > 0 => {
                    let stale = (*old, Arc::clone(value));
                    Some((stale, self.start(&mut cache, key)))
                }
                _ => None,
            }
        };
        match background {
            Some(((old, value), started)) => {
                let (state, owned_key) = (self.clone(), key.to_string());
                tokio::spawn(async move {
                    // A failure is not this reader's: the next reader tries again.
                    let _ = state.compute_at_current(&owned_key, compute, started).await;
                });
                versioned(key, old, value)
            }
            None => {
                let started = {
                    let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
                    self.start(&mut cache, key)
                };
                self.compute_at_current(key, compute, started).await
            }
        }
    }

    /// Counts a computation of `key` as under way until the guard it returns is dropped.
    fn start(&self, cache: &mut Cache, key: &str) -> (u64, Computing) {
        let number = cache.start(key);
        let computing = Computing {
            cache: Arc::clone(&self.cache),
            key: key.to_string(),
        };
        (number, computing)
    }

    /// The value `compute` gives for `key` with the data as it is now, never a stale one: waits
    /// for a computation under way.
    pub async fn cached_fresh<T, F, Fut>(&self, key: &str, compute: F) -> Result<Arc<T>, WebError>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, WebError>>,
    {
        let started = {
            let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            self.start(&mut cache, key)
        };
        Ok(self.compute_at_current(key, compute, started).await?.value)
    }

    /// The value of `key` at the store's current data version, computed unless cached, by a
    /// computation counted by `started` (its number and guard).
    async fn compute_at_current<T, F, Fut>(
        &self,
        key: &str,
        compute: F,
        started: (u64, Computing),
    ) -> Result<Versioned<T>, WebError>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, WebError>>,
    {
        let (number, _computing) = started;
        // The exact version (waiting for the store if need be): the value is filed under it.
        let version = self.data_version().await?;
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            let cell = cache.cell(version, key);
            if let Some(value) = cell.get() {
                return versioned(key, version, Arc::clone(value));
            }
            cell
        };
        // A value computed from data newer than `version` (a write landed meanwhile) is kept
        // under the old version, which no later request asks for: never stale, at worst unused.
        let value = cell
            .get_or_try_init(|| async { Ok::<Cached, WebError>(Arc::new(compute().await?)) })
            .await?;
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remember(key, version, number, value);
        versioned(key, version, Arc::clone(value))
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

/// A cached value as `T`, with its version.
fn versioned<T: Send + Sync + 'static>(
    key: &str,
    version: u64,
    value: Cached,
) -> Result<Versioned<T>, WebError> {
    let value = value
        .downcast::<T>()
        .map_err(|_| WebError::Internal(format!("the cache holds another type under {key}")))?;
    Ok(Versioned { value, version })
}
