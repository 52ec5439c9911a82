//! The harness: a temp dir with its own database, the real binary, and typed helpers so that a
//! test reads as the commands it runs and what it expects of them.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Arguments of mixed types (strings and paths) for one command line, as `Vec<OsString>`.
macro_rules! args {
    ($($arg:expr),* $(,)?) => {
        vec![$(::std::ffi::OsString::from(::std::convert::AsRef::<::std::ffi::OsStr>::as_ref(&$arg))),*]
    };
}
pub(crate) use args;

/// The file stems of the two seed articles in `../shared/seeds/`.
pub const SEEDS: [&str; 2] = ["000_2cc85a2d96c88ff9", "002_9d882693be0725bc"];

/// What a test expects of one run of the binary.
pub trait Expect {
    /// Asserts success; returns stdout.
    fn succeeds(&mut self) -> String;
    /// Asserts success; returns stdout parsed as JSON.
    fn succeeds_json(&mut self) -> Value;
    /// Asserts the exit code; returns stderr.
    fn fails(&mut self, code: i32) -> String;
    /// Asserts the exit code and that stderr contains `needle`; returns stderr.
    fn fails_with(&mut self, code: i32, needle: &str) -> String;
}

impl Expect for Command {
    fn succeeds(&mut self) -> String {
        let out = self.assert().success().get_output().stdout.clone();
        String::from_utf8(out).expect("stdout is UTF-8")
    }

    fn succeeds_json(&mut self) -> Value {
        let out = self.succeeds();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{out}"))
    }

    fn fails(&mut self, code: i32) -> String {
        let out = self.assert().code(code).get_output().stderr.clone();
        String::from_utf8_lossy(&out).into_owned()
    }

    fn fails_with(&mut self, code: i32, needle: &str) -> String {
        let out = self
            .assert()
            .code(code)
            .stderr(predicate::str::contains(needle))
            .get_output()
            .stderr
            .clone();
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// A temp dir holding a database and input files.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Writes a file into the sandbox and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    /// The sandbox's database (`NEEDLEDROP_DB`); it exists once a command has written to it.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }

    /// `needledrop` with this sandbox's database, run from the sandbox.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("needledrop").expect("binary built");
        cmd.current_dir(self.dir.path())
            .env("NEEDLEDROP_DB", self.db())
            .env_remove("RUST_LOG");
        cmd
    }

    /// `needledrop ARGS`, which must succeed; returns stdout.
    pub fn run<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> String {
        self.cmd().args(args).succeeds()
    }

    /// `needledrop ARGS`, which must succeed and print JSON.
    pub fn run_json<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Value {
        self.cmd().args(args).succeeds_json()
    }

    /// `needledrop ARGS`, which must exit with `code` and say `needle` on stderr; returns stderr.
    pub fn fails_with<S: AsRef<OsStr>>(
        &self,
        args: impl IntoIterator<Item = S>,
        code: i32,
        needle: &str,
    ) -> String {
        self.cmd().args(args).fails_with(code, needle)
    }

    /// `needledrop ingest PATHS`, which must succeed; returns stdout.
    pub fn ingest<P: AsRef<Path>>(&self, paths: &[P]) -> String {
        self.cmd()
            .arg("ingest")
            .args(paths.iter().map(|p| p.as_ref()))
            .succeeds()
    }

    /// `needledrop ingest --json PATH`: the report of what was stored.
    pub fn ingest_json(&self, path: &Path) -> Value {
        self.run_json(args!["ingest", "--json", path])
    }

    /// `needledrop ingest --dry-run --json PATH`: what the file reads as, storing nothing.
    pub fn dry_run_json(&self, path: &Path) -> Value {
        self.run_json(args!["ingest", "--dry-run", "--json", path])
    }

    /// Ingests the two seed articles, one `needledrop ingest` each.
    pub fn ingest_seeds(&self) {
        for name in SEEDS {
            self.ingest(&[seed(name)]);
        }
    }

    /// `needledrop lists --json`.
    pub fn lists_json(&self) -> Value {
        self.run_json(["lists", "--json"])
    }

    /// `needledrop review --json`'s `items`: the entries waiting for a person's decision.
    pub fn review_json(&self) -> Value {
        self.run_json(["review", "--json"])["items"].clone()
    }

    /// `needledrop review --json`'s `lists`: the lists read with doubts.
    pub fn review_lists_json(&self) -> Value {
        self.run_json(["review", "--json"])["lists"].clone()
    }

    /// `needledrop catalog import` of the bundled catalog; returns stdout.
    pub fn import_catalog(&self) -> String {
        self.run(["catalog", "import"])
    }

    /// `needledrop catalog search QUERY --json`.
    pub fn search_json(&self, query: &str) -> Value {
        self.run_json(["catalog", "search", query, "--json"])
    }

    /// The catalog id of the film `title` released in `year`.
    pub fn film_id(&self, title: &str, year: i64) -> i64 {
        array(&self.search_json(title))
            .iter()
            .find(|f| f["year"] == year)
            .unwrap_or_else(|| panic!("{title} ({year}) is in the bundled catalog"))["id"]
            .as_i64()
            .unwrap()
    }

    /// `needledrop rank --format json ARGS`, which must succeed.
    pub fn rank_json<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Value {
        self.cmd()
            .args(["rank", "--format", "json"])
            .args(args)
            .succeeds_json()
    }

    /// The `rows` of `needledrop rank --format json` on the stored lists.
    pub fn ranked_rows(&self) -> Vec<Value> {
        array(&self.rank_json(NO_ARGS)["rows"]).to_vec()
    }

    /// The items of `needledrop rank --format json` on the stored lists, best first.
    pub fn ranked_items(&self) -> Vec<String> {
        self.ranked_rows()
            .iter()
            .map(|r| r["item"].as_str().unwrap().to_string())
            .collect()
    }

    /// `needledrop rank --format csv ARGS`, which must succeed, read as CSV.
    pub fn rank_csv<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Csv {
        Csv::parse(
            &self
                .cmd()
                .args(["rank", "--format", "csv"])
                .args(args)
                .succeeds(),
        )
    }
}

/// No arguments, for the helpers that take some.
pub const NO_ARGS: [&str; 0] = [];

/// A CSV table as printed by the binary.
#[derive(Debug, PartialEq)]
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    pub fn parse(text: &str) -> Csv {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader
            .headers()
            .unwrap_or_else(|e| panic!("no CSV header ({e}):\n{text}"))
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                r.unwrap_or_else(|e| panic!("not CSV ({e}):\n{text}"))
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        Csv { header, rows }
    }

    /// The values of column `i`, top to bottom.
    pub fn column(&self, i: usize) -> Vec<&str> {
        self.rows.iter().map(|r| r[i].as_str()).collect()
    }
}

/// Asserts that `text` contains every one of `needles`.
#[track_caller]
pub fn assert_says(text: &str, needles: &[&str]) {
    for needle in needles {
        assert!(text.contains(needle), "no {needle:?} in:\n{text}");
    }
}

/// A JSON array's items.
pub fn array(v: &Value) -> &[Value] {
    v.as_array()
        .unwrap_or_else(|| panic!("not a JSON array: {v}"))
}

/// The repository's `data/` folder.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A file of the extract crate's test fixtures.
pub fn extract_fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../extract/tests/fixtures")
        .join(rel)
}

/// The shared seeds folder beside the repository.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

/// The seed article `name` (a stem of [`SEEDS`]).
pub fn seed(name: &str) -> PathBuf {
    seeds_dir().join(format!("{name}.txt"))
}

/// The gold reading of the seed article `name`.
pub fn gold(name: &str) -> Value {
    let text = std::fs::read_to_string(seeds_dir().join("gold").join(format!("{name}.json")))
        .expect("gold file beside the repository");
    serde_json::from_str(&text).expect("gold is JSON")
}

/// The two seed lists as `list_id,rank,item` rows, from the shared peer fixtures.
pub fn peer_seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/peers/seeds.csv")
}

/// A schema of its own on the test PostgreSQL server (`NEEDLEDROP_TEST_PG`), dropped when the
/// test ends. `None`, with the reason on stderr, when no server is configured or answers;
/// with `NEEDLEDROP_REQUIRE_PG=1` that is a failure instead.
pub struct PgSchema {
    admin: ::postgres::Client,
    name: String,
    /// The server's URI with this schema as the search path.
    pub uri: String,
    reader: Option<::postgres::Client>,
}

impl PgSchema {
    pub fn new(test: &str) -> Option<PgSchema> {
        use std::io::Write;
        let required = std::env::var("NEEDLEDROP_REQUIRE_PG").is_ok_and(|v| v == "1");
        let skip = |why: String| {
            assert!(!required, "NEEDLEDROP_REQUIRE_PG=1 but {why}");
            // Straight to stderr: the test harness captures only print macros.
            let _ = writeln!(std::io::stderr(), "{test}: PostgreSQL run SKIPPED: {why}");
            None
        };
        let base = match std::env::var("NEEDLEDROP_TEST_PG") {
            Ok(uri) if !uri.trim().is_empty() => uri,
            _ => {
                return skip(
                    "NEEDLEDROP_TEST_PG is not set (set it to a URI such as \
                     postgres://postgres@127.0.0.1:5432/test to run it)"
                        .into(),
                )
            }
        };
        let mut admin = match ::postgres::Client::connect(&base, ::postgres::NoTls) {
            Ok(client) => client,
            Err(e) => return skip(format!("the server does not answer: {e}")),
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!("nd_cli_{test}_{}_{nanos}", std::process::id());
        admin
            .batch_execute(&format!("CREATE SCHEMA \"{name}\""))
            .unwrap();
        let separator = if base.contains('?') { '&' } else { '?' };
        let uri = format!("{base}{separator}options=-csearch_path%3D{name}");
        Some(PgSchema {
            admin,
            name,
            uri,
            reader: None,
        })
    }

    /// A connection to the schema, opened on first use, for checks a test makes itself.
    pub fn client(&mut self) -> &mut ::postgres::Client {
        let uri = &self.uri;
        self.reader
            .get_or_insert_with(|| ::postgres::Client::connect(uri, ::postgres::NoTls).unwrap())
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        self.reader = None;
        let _ = self
            .admin
            .batch_execute(&format!("DROP SCHEMA \"{}\" CASCADE", self.name));
    }
}
