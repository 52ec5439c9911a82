//! Several servers over one database behave as one service: what one stores, the next read of
//! another shows, though each caches what it computed. On SQLite always; on PostgreSQL when
//! `NEEDLEDROP_TEST_PG` names a server (each run in a schema of its own, dropped at the end).

use crate::helpers::{article, data_dir, SEED};
use needledrop_app::{App, IngestRequest};
use needledrop_store::{PgStore, SqliteStore, Store};
use needledrop_web::{AppState, Settings, Token};
use reqwest::blocking::Client;
use std::io::Write as _;
use std::time::Duration;

/// A server over the database `open` opens (writes on one connection, reads on two more, as
/// `needledrop serve` runs), its base URL and its write token.
fn serve<S: Store + Send + 'static>(open: &impl Fn() -> S) -> (String, String) {
    let token = Token::generate();
    let state = AppState::new(App::new(open()), token.clone(), Settings::default())
        .with_readers(vec![App::new(open()), App::new(open())]);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || needledrop_web::serve_blocking(listener, state));
    (base, token.expose().to_string())
}

/// The chart through the API: its ETag and its titles.
fn chart(client: &Client, base: &str) -> (String, Vec<String>) {
    let r = client
        .get(format!("{base}/api/v1/chart?top=100"))
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let body: serde_json::Value = r.json().unwrap();
    let titles = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["title"].as_str().unwrap().to_string())
        .collect();
    (etag, titles)
}

fn chart_status_given(client: &Client, base: &str, etag: &str) -> u16 {
    client
        .get(format!("{base}/api/v1/chart?top=100"))
        .header("If-None-Match", etag)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

fn lists_total(client: &Client, base: &str) -> u64 {
    let r = client.get(format!("{base}/api/v1/lists")).send().unwrap();
    let body: serde_json::Value = r.json().unwrap();
    body["total"].as_u64().unwrap()
}

/// Two servers over the database `open` opens, seeded with the samples: each one's writes show
/// in the other's next reads, and so does a write made outside either (another process).
fn servers_share_their_writes<S: Store + Send + 'static>(open: impl Fn() -> S) {
    let mut seeding = App::new(open());
    for file in SEED {
        let path = data_dir().join(file);
        let bytes = std::fs::read(&path).unwrap();
        seeding
            .ingest(&IngestRequest::new(bytes, &path.to_string_lossy()))
            .unwrap();
    }
    let (first, token) = serve(&open);
    let (second, _) = serve(&open);
    let client = Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    // The second server computes the chart and keeps it: the same ETag, and 304 for it.
    let (etag, titles) = chart(&client, &second);
    assert!(!titles.iter().any(|t| t == "Koyaanisqatsi"), "{titles:?}");
    assert_eq!(chart(&client, &second).0, etag);
    assert_eq!(chart_status_given(&client, &second, &etag), 304);
    let lists = lists_total(&client, &second);
    // Both servers compute the same chart from the same data.
    assert_eq!(chart(&client, &first).0, etag);

    // A write through the first server...
    let r = client
        .post(format!("{first}/api/v1/lists?name=shared.txt"))
        .bearer_auth(&token)
        .body(article("Shared writes").into_bytes())
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 201, "{}", r.text().unwrap());

    // ...is in the second server's next reads: its cached chart and list count are dropped.
    assert_ne!(chart_status_given(&client, &second, &etag), 304);
    let (after, titles) = chart(&client, &second);
    assert_ne!(after, etag);
    assert!(titles.iter().any(|t| t == "Koyaanisqatsi"), "{titles:?}");
    assert_eq!(lists_total(&client, &second), lists + 1);

    // A write neither server made (the CLI, another process) is seen by both.
    let (before_first, before_second) =
        (lists_total(&client, &first), lists_total(&client, &second));
    let mut elsewhere = App::new(open());
    elsewhere
        .ingest(&IngestRequest::new(
            article("Written elsewhere").into_bytes(),
            "elsewhere.txt",
        ))
        .unwrap();
    assert_eq!(lists_total(&client, &first), before_first + 1);
    assert_eq!(lists_total(&client, &second), before_second + 1);
    assert_ne!(chart(&client, &first).0, after);
}

#[test]
fn two_sqlite_servers_on_one_file_see_each_others_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    servers_share_their_writes(move || SqliteStore::open(&db).unwrap());
}

/// A schema of its own on the test server, dropped at the end; `None` (said on stderr) when no
/// server is configured, unless `NEEDLEDROP_REQUIRE_PG=1`.
struct PgSchema {
    admin: postgres::Client,
    name: String,
    uri: String,
}

impl PgSchema {
    fn new(test: &str) -> Option<PgSchema> {
        let required = std::env::var("NEEDLEDROP_REQUIRE_PG").is_ok_and(|v| v == "1");
        let skip = |why: String| {
            assert!(!required, "NEEDLEDROP_REQUIRE_PG=1 but {why}");
            let _ = writeln!(std::io::stderr(), "{test}: PostgreSQL test SKIPPED: {why}");
            None
        };
        let base = match std::env::var("NEEDLEDROP_TEST_PG") {
            Ok(uri) if !uri.trim().is_empty() => uri,
            _ => return skip("NEEDLEDROP_TEST_PG is not set".into()),
        };
        let mut admin = match postgres::Client::connect(&base, postgres::NoTls) {
            Ok(client) => client,
            Err(e) => return skip(format!("the server does not answer: {e}")),
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!("nd_web_{test}_{}_{nanos}", std::process::id());
        admin
            .batch_execute(&format!("CREATE SCHEMA \"{name}\""))
            .unwrap();
        let separator = if base.contains('?') { '&' } else { '?' };
        let uri = format!("{base}{separator}options=-csearch_path%3D{name}");
        Some(PgSchema { admin, name, uri })
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        let _ = self
            .admin
            .batch_execute(&format!("DROP SCHEMA \"{}\" CASCADE", self.name));
    }
}

#[test]
fn two_postgres_servers_on_one_database_see_each_others_writes() {
    let Some(schema) = PgSchema::new("shared") else {
        return;
    };
    let uri = schema.uri.clone();
    servers_share_their_writes(move || PgStore::open(&uri).unwrap());
}
