//! Every command on PostgreSQL as on SQLite, and many `needledrop ingest` processes at once on
//! either backend.
//!
//! The PostgreSQL tests run when `NEEDLEDROP_TEST_PG` holds a connection URI (say
//! `postgres://postgres@127.0.0.1:5432/test`): each test gets a fresh schema, named in the URI
//! the binary is given (`?options=-csearch_path%3D<schema>`), dropped at the end. Unset, they say
//! on stderr that they were skipped; with `NEEDLEDROP_REQUIRE_PG=1` (CI) a missing or unreachable
//! server fails them instead.

use crate::support::{args, array, data_dir, seed, Expect, PgSchema, Sandbox, SEEDS};
use serde_json::Value;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where a test's database is: the sandbox's SQLite file, or a PostgreSQL schema.
enum Db {
    Sqlite,
    Postgres(Box<PgSchema>),
}

/// A sandbox (for input files and the working directory) with the database of a backend.
struct Backend {
    sb: Sandbox,
    db: Db,
}

impl Backend {
    fn sqlite() -> Backend {
        Backend {
            sb: Sandbox::new(),
            db: Db::Sqlite,
        }
    }

    /// A fresh PostgreSQL schema, or `None` when the tests have no server (said on stderr).
    fn postgres(test: &str) -> Option<Backend> {
        Some(Backend {
            sb: Sandbox::new(),
            db: Db::Postgres(Box::new(PgSchema::new(test)?)),
        })
    }

    /// What `--db` / `NEEDLEDROP_DB` is set to.
    fn location(&self) -> OsString {
        match &self.db {
            Db::Sqlite => self.sb.db().into(),
            Db::Postgres(schema) => schema.uri.clone().into(),
        }
    }

    /// `needledrop` on this backend's database.
    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.sb.cmd();
        cmd.env("NEEDLEDROP_DB", self.location());
        cmd
    }

    /// The same, as a plain process to run beside others.
    fn process(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("needledrop"));
        cmd.env("NEEDLEDROP_DB", self.location())
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn run(&self, args: Vec<OsString>) -> String {
        self.cmd().args(args).succeeds()
    }

    fn run_json(&self, args: Vec<OsString>) -> Value {
        self.cmd().args(args).succeeds_json()
    }
}

/// Every sample file of `data/`, sorted.
fn sample_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["articles", "lists"]
        .iter()
        .flat_map(|d| std::fs::read_dir(data_dir().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// A film's catalog id, by title.
fn film_id(b: &Backend, title: &str) -> String {
    array(&b.run_json(args!["catalog", "search", title, "--json"]))[0]["id"]
        .as_i64()
        .unwrap()
        .to_string()
}

const AMBIGUOUS: &str =
    "Best remakes\n\n2. Crash\n\nCars and bodies.\n\n1. A Star Is Born\n\nA torch song.\n";

/// A session of every command that reads or writes the database; returns what each printed
/// (paths of the sandbox written as `<dir>`), to be compared across backends.
fn session(b: &Backend) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let remakes = b.sb.write("remakes.txt", AMBIGUOUS);
    let dir = remakes.parent().unwrap().display().to_string();
    let mut step = |what: &str, printed: String| {
        out.push((what.to_string(), printed.replace(&dir, "<dir>")));
    };
    for name in SEEDS {
        step("ingest seed", b.run(args!["ingest", seed(name)]));
    }
    let mut ingest_all = args!["ingest"];
    ingest_all.extend(sample_files().into_iter().map(OsString::from));
    step("ingest samples", b.run(ingest_all));
    step("ingest again", b.run(args!["ingest", seed(SEEDS[0])]));
    step("ingest remakes", b.run(args!["ingest", &remakes]));
    for (what, a) in [
        ("lists", args!["lists", "--json"]),
        ("show list", args!["show", "list", "1", "--json"]),
        ("show source", args!["show", "list", "2", "--source"]),
        ("songs", args!["songs", "--json"]),
        ("rank", args!["rank", "--format", "json"]),
        ("agreement", args!["agreement", "--format", "json"]),
        ("compare", args!["compare", "1", "2", "--format", "json"]),
        (
            "catalog search",
            args!["catalog", "search", "Pulp Fiction", "--json"],
        ),
        ("show film", args!["show", "film", "Pulp Fiction", "--json"]),
    ] {
        step(what, b.run(a));
    }

    // Review, then a person's link.
    let queue = b.run_json(args!["review", "--json"])["items"].clone();
    step("review", queue.to_string());
    let crash = array(&queue)
        .iter()
        .find(|i| i["title"] == "Crash")
        .expect("Crash waits for review");
    let entry = crash["entry"].as_i64().unwrap().to_string();
    let film = array(&crash["candidates"])[0][0]
        .as_i64()
        .unwrap()
        .to_string();
    step("link", b.run(args!["link", entry, film]));
    step("review after link", b.run(args!["review", "--json"]));

    // Curating films.
    let rushmore = film_id(b, "Rushmore");
    let pulp = film_id(b, "Pulp Fiction");
    step(
        "alias",
        b.run(args!["alias", &rushmore, "Max Fischer Players"]),
    );
    step("merge", b.run(args!["merge", &pulp, &rushmore]));
    step("rank merged", b.run(args!["rank", "--format", "json"]));
    step("split", b.run(args!["split", &pulp]));
    step(
        "search alias",
        b.run(args!["catalog", "search", "Max Fischer Players", "--json"]),
    );

    // Weights.
    for (what, a) in [
        ("weight list", args!["weight", "list", "1", "2"]),
        ("weight policy", args!["weight", "policy", "per-list"]),
        ("weights", args!["weight", "--json"]),
        ("rank weighted", args!["rank", "--format", "json"]),
        ("weight clear", args!["weight", "list", "1", "--clear"]),
    ] {
        step(what, b.run(a));
    }

    // Deleting a list, then asking for it.
    step("delete", b.run(args!["delete", "list", "1"]));
    step("lists after delete", b.run(args!["lists", "--json"]));
    step(
        "delete again",
        b.cmd().args(["delete", "list", "1"]).fails(2),
    );
    step(
        "weight of a deleted list",
        b.cmd().args(["weight", "list", "1", "3"]).fails(2),
    );
    out
}

/// Every command prints the same on PostgreSQL as on SQLite.
#[test]
fn every_command_prints_the_same_on_postgres_as_on_sqlite() {
    let Some(pg) = Backend::postgres("session") else {
        return;
    };
    let lite = session(&Backend::sqlite());
    let post = session(&pg);
    assert_eq!(lite.len(), post.len());
    for ((what, l), (_, p)) in lite.iter().zip(&post) {
        assert_eq!(l, p, "`{what}` printed differently on PostgreSQL");
    }
}

#[test]
fn a_postgres_password_is_never_printed() {
    let sb = Sandbox::new();
    // Nothing listens on port 1.
    let err = sb
        .cmd()
        .args([
            "--db",
            "postgres://ann:hunter2@127.0.0.1:1/db?connect_timeout=2",
            "lists",
        ])
        .fails(1);
    assert!(!err.contains("hunter2"), "{err}");
    assert!(err.contains("postgres://ann:***@127.0.0.1:1/db"), "{err}");
}

#[test]
fn an_unknown_database_scheme_is_refused() {
    let sb = Sandbox::new();
    let err = sb
        .cmd()
        .args(["--db", "mysql://ann:hunter2@127.0.0.1/db", "lists"])
        .fails(1);
    assert!(err.contains("unknown database scheme"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

// --- many processes at once ---

const PROCESSES: usize = 8;
const FILES_EACH: usize = 25;

/// A small list, different for every (process, file).
fn small_list(process: usize, file: usize) -> String {
    format!(
        "Needle drops {process}-{file}\n\n2. Rushmore\n\nNumber {file} of process {process}.\n\n\
         1. Pulp Fiction\n\nA classic.\n"
    )
}

/// Runs the processes at once; returns (exit ok, stdout, stderr) of each.
fn run_all(commands: Vec<Command>) -> Vec<(bool, String, String)> {
    let children: Vec<_> = commands
        .into_iter()
        .map(|mut c| c.spawn().expect("start needledrop"))
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().expect("needledrop ran");
            (
                out.status.success(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

/// 8 processes ingest 25 distinct files each into a new database: every file is stored exactly
/// once and no process fails. Then 8 processes ingest the same file: it is stored once, and each
/// either stored it or was told it was stored already.
fn concurrent_ingests(b: &Backend, backend: &str) {
    let started = std::time::Instant::now();
    let batches: Vec<Vec<PathBuf>> = (0..PROCESSES)
        .map(|p| {
            (0..FILES_EACH)
                .map(|f| b.sb.write(&format!("p{p}-f{f}.txt"), small_list(p, f)))
                .collect()
        })
        .collect();
    let results = run_all(
        batches
            .iter()
            .map(|files| {
                let mut c = b.process();
                c.arg("ingest").args(files);
                c
            })
            .collect(),
    );
    for (ok, stdout, stderr) in &results {
        assert!(ok, "an ingest failed:\n{stdout}\n{stderr}");
    }
    let lists = b.run_json(args!["lists", "--json"]);
    let mut names: Vec<String> = array(&lists)
        .iter()
        .map(|l| {
            Path::new(l["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut expected: Vec<String> = batches
        .iter()
        .flatten()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    expected.sort();
    assert_eq!(names, expected, "every file stored exactly once");
    let distinct_took = started.elapsed();

    let same = b.sb.write("same.txt", small_list(99, 99));
    let results = run_all(
        (0..PROCESSES)
            .map(|_| {
                let mut c = b.process();
                c.arg("ingest").arg(&same);
                c
            })
            .collect(),
    );
    let mut stored = 0;
    for (ok, stdout, stderr) in &results {
        assert!(ok, "an ingest of the same file failed:\n{stdout}\n{stderr}");
        if !stdout.contains("already stored") {
            stored += 1;
        }
    }
    assert_eq!(stored, 1, "one process stores it, the others find it");
    let lists = b.run_json(args!["lists", "--json"]);
    assert_eq!(array(&lists).len(), PROCESSES * FILES_EACH + 1);
    let _ = writeln!(
        std::io::stderr(),
        "{backend}: {PROCESSES} processes x {FILES_EACH} files ingested at once in {:.1} s, each \
         file stored once; then {PROCESSES} x the same file: stored once",
        distinct_took.as_secs_f64()
    );
}

#[test]
fn parallel_ingests_store_every_file_once_on_sqlite() {
    concurrent_ingests(&Backend::sqlite(), "SQLite");
}

#[test]
fn parallel_ingests_store_every_file_once_on_postgres() {
    let Some(pg) = Backend::postgres("parallel") else {
        return;
    };
    concurrent_ingests(&pg, "PostgreSQL");
}
