//! Stale while revalidating: while one request computes a value for newer data, the others get
//! the last value computed (with the data version it reflects) instead of waiting; once the
//! computation is done, everyone gets the new value.

use crate::helpers::{article, spawn_app};
use needledrop_app::App;
use needledrop_store::{SqliteStore, Store};
use needledrop_web::{AppState, Settings, Token, WebError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Moves the data version with a write through another connection (another process, say).
fn write_elsewhere(db: &std::path::Path, value: &str) {
    let mut other = SqliteStore::open(db).unwrap();
    other.write(|s| s.set_setting("cache-test", value)).unwrap();
}

/// A state over a new SQLite database at `db`, and a two-thread runtime to drive it.
fn state_over(db: &std::path::Path) -> (AppState<SqliteStore>, tokio::runtime::Runtime) {
    let state = AppState::new(
        App::new(SqliteStore::open(db).unwrap()),
        Token::generate(),
        Settings::default(),
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    (state, rt)
}

#[test]
fn a_stale_value_is_served_while_the_new_one_is_computed_then_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.db");
    let (state, rt) = state_over(&db);
    rt.block_on(async move {
        let first = state
            .cached_versioned("value", || async { Ok("first".to_string()) })
            .await
            .unwrap();
        assert_eq!(*first.value, "first");
        assert_eq!(first.version, state.data_version().await.unwrap());

        write_elsewhere(&db, "1");
        let moved = state.data_version().await.unwrap();
        assert_ne!(moved, first.version);

        // A request computes the value for the new data, held at a gate until the test opens it.
        let gate = Arc::new(Semaphore::new(0));
        let started = Arc::new(AtomicBool::new(false));
        let computing = {
            let (state, gate, started) = (state.clone(), Arc::clone(&gate), Arc::clone(&started));
            tokio::spawn(async move {
                state
                    .cached_versioned("value", || async move {
                        started.store(true, Ordering::SeqCst);
                        let _open = gate.acquire().await.unwrap();
                        Ok("second".to_string())
                    })
                    .await
            })
        };
        // Polled with a bound, not timed: the computation starts on another task.
        for _ in 0..1000 {
            if started.load(Ordering::SeqCst) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(
            started.load(Ordering::SeqCst),
            "the computation never started"
        );

        // Another reader meanwhile gets the last value, marked with the older version, at once
        // (were it waiting for the computation, the gate would keep it waiting: the timeout
        // turns that into a failure instead of a hang).
        let stale = tokio::time::timeout(
            Duration::from_secs(30),
            state.cached_versioned("value", || async {
                Err::<String, _>(WebError::Internal("a second computation started".into()))
            }),
        )
        .await
        .expect("the reader waited for the computation")
        .unwrap();
        assert_eq!(*stale.value, "first");
        assert_eq!(stale.version, first.version);

        gate.add_permits(1);
        let second = computing.await.unwrap().unwrap();
        assert_eq!(*second.value, "second");
        assert_eq!(second.version, moved);

        // Fresh now, for everyone, without computing again.
        let after = state
            .cached_versioned("value", || async {
                Err::<String, _>(WebError::Internal("computed again".into()))
            })
            .await
            .unwrap();
        assert_eq!(*after.value, "second");
        assert_eq!(after.version, moved);
    });
}

/// The chart says which data version it reflects, and a client that wrote sees its write in the
/// next chart (the request that finds the data moved computes it afresh).
#[test]
fn the_chart_names_its_data_version_and_shows_the_clients_own_write() {
    let app = spawn_app();
    let version_of = |path: &str| -> u64 {
        let r = app.get(path);
        assert_eq!(r.status().as_u16(), 200);
        r.headers()["x-data-version"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let before = version_of("/api/v1/chart?top=100");
    assert_eq!(version_of("/"), before);
    assert!(!app
        .chart_titles("top=100")
        .iter()
        .any(|t| t == "Koyaanisqatsi"));

    let r = app.post_list(
        "name=own.txt",
        article("My own write").into_bytes(),
        Some(&app.token),
    );
    assert_eq!(r.status().as_u16(), 201);

    let after = version_of("/api/v1/chart?top=100");
    assert_ne!(after, before);
    assert!(app
        .chart_titles("top=100")
        .iter()
        .any(|t| t == "Koyaanisqatsi"));
    assert_eq!(version_of("/"), after);
}

/// A busy server (another reader in flight) answers a reader that finds the data moved with the
/// last value at once and computes the new one in the background; it is served once ready.
#[test]
fn a_busy_server_recomputes_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    let (state, rt) = state_over(&db);
    rt.block_on(async move {
        let first = state
            .cached_versioned("value", || async { Ok(1u32) })
            .await
            .unwrap();
        assert_eq!(*first.value, 1);

        // Another reader stays in flight on another key until the gate opens.
        let gate = Arc::new(Semaphore::new(0));
        let started = Arc::new(AtomicBool::new(false));
        let busy = {
            let (state, gate, started) = (state.clone(), Arc::clone(&gate), Arc::clone(&started));
            tokio::spawn(async move {
                state
                    .cached_versioned("other", || async move {
                        started.store(true, Ordering::SeqCst);
                        let _open = gate.acquire().await.unwrap();
                        Ok(0u32)
                    })
                    .await
            })
        };
        for _ in 0..1000 {
            if started.load(Ordering::SeqCst) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(
            started.load(Ordering::SeqCst),
            "the other reader never started"
        );

        write_elsewhere(&db, "busy");
        let moved = state.data_version().await.unwrap();
        assert_ne!(moved, first.version);
        // The new value is held at a second gate: this reader cannot be waiting for it.
        let compute_gate = Arc::new(Semaphore::new(0));
        let stale = tokio::time::timeout(
            Duration::from_secs(30),
            state.cached_versioned("value", {
                let compute_gate = Arc::clone(&compute_gate);
                move || async move {
                    let _open = compute_gate.acquire().await.unwrap();
                    Ok(2u32)
                }
            }),
        )
        .await
        .expect("the reader waited for the computation")
        .unwrap();
        assert_eq!((*stale.value, stale.version), (1, first.version));

        // Once the background computation may finish, readers get its value (polled with a
        // bound; every poll would be served the stale value, never compute).
        compute_gate.add_permits(1);
        let mut fresh = None;
        for _ in 0..1000 {
            let now = state
                .cached_versioned("value", || async {
                    Err::<u32, _>(WebError::Internal("computed by a reader".into()))
                })
                .await
                .unwrap();
            if now.version == moved {
                fresh = Some(*now.value);
                break;
            }
            assert_eq!(*now.value, 1);
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(fresh, Some(2), "the background computation never landed");
        gate.add_permits(1);
        busy.await.unwrap().unwrap();
    });
}
