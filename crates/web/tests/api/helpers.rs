//! `spawn_app()`: a server over a fresh database, and a client for it.

use needledrop_app::{App, IngestRequest};
use needledrop_store::SqliteStore;
use needledrop_web::{AppState, Settings, Token};
use reqwest::blocking::{Client, Response};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The sample articles every test database holds.
pub const SEED: &[&str] = &[
    "articles/deep-cuts.md",
    "articles/liner-notes.md",
    "articles/backlot-radio.txt",
    "articles/cue-sheet.txt",
    "articles/orchestra-pit.txt",
    "articles/reel-notes-countdown.txt",
    "articles/spindle-weekly.txt",
    "articles/scoreboard.html",
    "articles/the-fade-out.html",
];

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The write token.
    pub token: String,
    /// A client that does not follow redirects, with a timeout.
    pub client: Client,
    /// The database file (a test may open a second connection to it).
    pub db: PathBuf,
    _dir: tempfile::TempDir,
}

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A server on port 0 over a temporary SQLite database seeded with the sample articles.
pub fn spawn_app() -> TestApp {
    spawn_app_with(Settings::default())
}

/// [`spawn_app`] with these settings.
pub fn spawn_app_with(settings: Settings) -> TestApp {
    spawn_app_seeded(SEED, settings)
}

/// A server over a temporary database holding these sample files.
pub fn spawn_app_seeded(seed: &[&str], settings: Settings) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.db");
    let mut app = App::new(SqliteStore::open(&db).unwrap());
    for file in seed {
        let path = data_dir().join(file);
        let bytes = std::fs::read(&path).unwrap();
        app.ingest(&IngestRequest::new(bytes, &path.to_string_lossy()))
            .unwrap();
    }
    let token = Token::generate();
    let state = AppState::new(app, token.clone(), settings);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || needledrop_web::serve_blocking(listener, state));
    let client = Client::builder()
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        base,
        token: token.expose().to_string(),
        client,
        db,
        _dir: dir,
    }
}

impl TestApp {
    pub fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .unwrap()
    }

    pub fn get_text(&self, path: &str) -> (u16, String) {
        let r = self.get(path);
        (r.status().as_u16(), r.text().unwrap())
    }

    pub fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let r = self.get(path);
        let status = r.status().as_u16();
        (status, r.json().unwrap())
    }

    /// The chart's rows as (title, film id) through the API.
    pub fn chart_titles(&self, query: &str) -> Vec<String> {
        let (status, body) = self.get_json(&format!("/api/v1/chart?{query}"));
        assert_eq!(status, 200, "{body}");
        body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    }

    /// POSTs a document to the API with this bearer token (none: no header).
    pub fn post_list(&self, query: &str, body: Vec<u8>, token: Option<&str>) -> Response {
        let mut req = self
            .client
            .post(format!("{}/api/v1/lists?{query}", self.base))
            .body(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().unwrap()
    }
}

/// A small article of our own whose first entry no sample names.
pub fn article(title: &str) -> String {
    format!(
        "{title}\n\n3. Garden State (2004)\n\nA mixtape.\n\n2. Drive (2011)\n\nSynths.\n\n\
         1. Koyaanisqatsi (1982)\n\nGlass.\n"
    )
}
