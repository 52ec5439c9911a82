//! `needledrop ingest` killed at random moments, on SQLite and on PostgreSQL.
//!
//! Each round writes fresh documents (a many-list CSV and a long text article, titles drawn from
//! the bundled catalog plus made-up ones that go to review or become provisional films) and
//! starts one `needledrop ingest` over them. Round 0 runs to the end and gives the duration of a
//! round; every later round is killed (SIGKILL) after a seeded delay spread over that duration,
//! until at least [`KILLS`] processes died mid-run. Then the database must hold together:
//!
//! - SQLite's `PRAGMA integrity_check` says ok and no foreign key dangles;
//! - every stored document has every list a dry run of its file reads, each with every entry and
//!   mention (nothing half-stored);
//! - every stored entry and mention has a resolution (a film, or a place in the review queue);
//! - `rank` prints the same before and after an ingest that resolves any item left unresolved,
//!   so no list was ranked by raw printed title in between.
//!
//! PostgreSQL runs when `NEEDLEDROP_TEST_PG` is set (see `backends.rs`); otherwise it says on
//! stderr that it was skipped.

use crate::support::{args, array, data_dir, Expect, PgSchema, Sandbox};
use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Processes that must die mid-run.
const KILLS: usize = 30;
/// Rounds allowed to reach them (a kill can land after a process finished).
const MAX_ROUNDS: usize = 90;
/// Lists in each round's CSV document, and entries in each of its lists.
const CSV_LISTS: usize = 6;
const CSV_ENTRIES: usize = 30;
/// Entries in each round's text article.
const ARTICLE_ENTRIES: usize = 80;

/// A small seeded generator (SplitMix64): the same delays and titles on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A fraction in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The titles of the bundled catalog's films.
fn catalog_titles() -> Vec<String> {
    let text = std::fs::read_to_string(data_dir().join("catalog/films.toml")).unwrap();
    let mut titles = Vec::new();
    let mut in_film = false;
    for line in text.lines() {
        if line.trim() == "[[film]]" {
            in_film = true;
        } else if let Some(rest) = line.strip_prefix("title = \"").filter(|_| in_film) {
            titles.push(rest.trim_end_matches('"').replace("\\\"", "\""));
            in_film = false;
        }
    }
    assert!(titles.len() > 100, "the catalog lists its films");
    titles
}

/// A title for an entry: mostly catalog films, some made up (review or provisional films).
fn pick_title(rng: &mut SplitMix, titles: &[String], round: usize) -> String {
    if rng.below(5) == 0 {
        format!("The Unfilmed Project {round}-{}", rng.below(1000))
    } else {
        titles[rng.below(titles.len())].clone()
    }
}

/// Writes round `round`'s documents: a many-list CSV and a long text article.
fn round_files(sb: &Sandbox, round: usize, rng: &mut SplitMix, titles: &[String]) -> Vec<PathBuf> {
    let mut csv = String::from("list_id,rank,item\n");
    for list in 0..CSV_LISTS {
        for rank in 1..=CSV_ENTRIES {
            let title = pick_title(rng, titles, round).replace('"', "\"\"");
            csv.push_str(&format!("round{round}-list{list},{rank},\"{title}\"\n"));
        }
    }
    let mut article = format!("Round {round}: the soundtracks we keep coming back to\n\n");
    for rank in (1..=ARTICLE_ENTRIES).rev() {
        let title = pick_title(rng, titles, round);
        article.push_str(&format!(
            "{rank}. {title}\n\nA paragraph on why the music of {title} matters.\n\n"
        ));
    }
    vec![
        sb.write(&format!("round{round:03}.csv"), csv),
        sb.write(&format!("round{round:03}.txt"), article),
    ]
}

/// Per stored document (by file name): per list in position order, its entries and mentions.
type Stored = BTreeMap<String, Vec<(usize, usize)>>;

/// What the checks read back from a database.
struct Snapshot {
    stored: Stored,
    unresolved: i64,
}

const LIST_COUNTS: &str = "SELECT d.file_name, l.id IS NOT NULL,
        (SELECT count(*) FROM entries e WHERE e.list_id = l.id),
        (SELECT count(*) FROM mentions m WHERE m.list_id = l.id)
    FROM documents d LEFT JOIN lists l ON l.document_id = d.id
    ORDER BY d.file_name, l.position";

const UNRESOLVED: &str = "SELECT
        (SELECT count(*) FROM entries e
            WHERE NOT EXISTS (SELECT 1 FROM resolutions r WHERE r.entry_id = e.id))
      + (SELECT count(*) FROM mentions m
            WHERE NOT EXISTS (SELECT 1 FROM resolutions r WHERE r.mention_id = m.id))";

fn add_row(stored: &mut Stored, file: Option<String>, has_list: bool, entries: i64, mentions: i64) {
    let lists = stored.entry(file.expect("a file name")).or_default();
    if has_list {
        lists.push((entries as usize, mentions as usize));
    }
}

/// The database a round writes to.
enum Db {
    Sqlite(PathBuf),
    Postgres(Box<PgSchema>),
}

impl Db {
    fn location(&self) -> OsString {
        match self {
            Db::Sqlite(path) => path.into(),
            Db::Postgres(schema) => schema.uri.clone().into(),
        }
    }

    fn snapshot(&mut self) -> Snapshot {
        let mut stored = Stored::new();
        match self {
            Db::Sqlite(path) => {
                let conn = rusqlite::Connection::open(&*path).unwrap();
                let integrity: String = conn
                    .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(integrity, "ok", "PRAGMA integrity_check");
                let dangling: i64 = conn
                    .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })
                    .unwrap();
                assert_eq!(dangling, 0, "rows whose foreign key points nowhere");
                let mut stmt = conn.prepare(LIST_COUNTS).unwrap();
                let mut rows = stmt.query([]).unwrap();
                while let Some(r) = rows.next().unwrap() {
                    let has_list: bool = r.get(1).unwrap();
                    add_row(
                        &mut stored,
                        r.get(0).unwrap(),
                        has_list,
                        r.get(2).unwrap(),
                        r.get(3).unwrap(),
                    );
                }
                let unresolved = conn.query_row(UNRESOLVED, [], |r| r.get(0)).unwrap();
                Snapshot { stored, unresolved }
            }
            Db::Postgres(schema) => {
                let client = schema.client();
                for r in client.query(LIST_COUNTS, &[]).unwrap() {
                    add_row(&mut stored, r.get(0), r.get(1), r.get(2), r.get(3));
                }
                let unresolved = client.query_one(UNRESOLVED, &[]).unwrap().get(0);
                Snapshot { stored, unresolved }
            }
        }
    }
}

/// `needledrop ingest FILES` on `db`, as a process to kill.
fn ingest_process(sb: &Sandbox, db: &Db, files: &[PathBuf]) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("needledrop"))
        .current_dir(sb.db().parent().unwrap())
        .env("NEEDLEDROP_DB", db.location())
        .env_remove("RUST_LOG")
        .arg("ingest")
        .args(files)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("needledrop runs")
}

/// The (entries, mentions) of each list a dry run reads from `file`.
fn dry_run_counts(sb: &Sandbox, file: &Path) -> Vec<(usize, usize)> {
    let read = sb.dry_run_json(file);
    let lists = match read {
        Value::Array(lists) => lists,
        list => vec![list],
    };
    lists
        .iter()
        .map(|l| (array(&l["entries"]).len(), array(&l["mentions"]).len()))
        .collect()
}

fn ranked_items(sb: &Sandbox, db: &Db) -> Vec<Value> {
    sb.cmd()
        .env("NEEDLEDROP_DB", db.location())
        .args(["rank", "--format", "json", "--top", "40"])
        .succeeds_json()["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["item"].clone())
        .collect()
}

fn kill_ingests_then_check(mut db: Db, sb: Sandbox, seed: u64) {
    let titles = catalog_titles();
    let mut rng = SplitMix(seed);
    sb.cmd()
        .env("NEEDLEDROP_DB", db.location())
        .args(["catalog", "import"])
        .succeeds();

    // Round 0 runs to the end: how long one round takes.
    let mut files: Vec<PathBuf> = round_files(&sb, 0, &mut rng, &titles);
    let started = Instant::now();
    let status = ingest_process(&sb, &db, &files).wait().unwrap();
    assert!(status.success(), "an ingest left alone succeeds");
    let round = started.elapsed();

    let mut kills = 0;
    let mut rounds = 0;
    let mut landed = Vec::new();
    while kills < KILLS && rounds < MAX_ROUNDS {
        rounds += 1;
        let batch = round_files(&sb, rounds, &mut rng, &titles);
        files.extend(batch.iter().cloned());
        let delay = round.mul_f64(rng.unit());
        let mut child = ingest_process(&sb, &db, &batch);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
            landed.push(delay.as_millis());
        }
        child.wait().unwrap();
    }
    assert!(
        kills >= KILLS,
        "only {kills} of {rounds} ingests were still running when killed (a round takes {round:?})"
    );

    let snapshot = db.snapshot();
    assert_eq!(
        snapshot.unresolved, 0,
        "entries or mentions stored without a resolution"
    );
    let by_name: BTreeMap<String, &PathBuf> = files
        .iter()
        .map(|f| (f.file_name().unwrap().to_string_lossy().into_owned(), f))
        .collect();
    for (name, lists) in &snapshot.stored {
        let expected = dry_run_counts(&sb, by_name[name]);
        assert_eq!(
            lists, &expected,
            "{name}: stored (entries, mentions) per list differ from a dry run"
        );
    }
    // Some documents made it, some did not: the kills landed on both sides of a commit.
    assert!(
        snapshot.stored.len() > 2 && snapshot.stored.len() < files.len(),
        "{} of {} documents stored",
        snapshot.stored.len(),
        files.len()
    );

    // An ingest of a stored document stores nothing and resolves anything left unresolved: the
    // ranking must not move, or it was built on unresolved items.
    let before = ranked_items(&sb, &db);
    sb.cmd()
        .env("NEEDLEDROP_DB", db.location())
        .args(args!["ingest", &files[0]])
        .succeeds();
    assert_eq!(
        before,
        ranked_items(&sb, &db),
        "rank changed after re-resolving"
    );
    let _ = writeln!(
        std::io::stderr(),
        "{kills} kills in {rounds} rounds (a round takes {round:?}, kills after {landed:?} ms); \
         {} of {} documents stored",
        snapshot.stored.len(),
        files.len()
    );
}

#[test]
fn killed_ingests_leave_no_half_stored_or_unresolved_list_on_sqlite() {
    let sb = Sandbox::new();
    let db = Db::Sqlite(sb.db());
    kill_ingests_then_check(db, sb, 0x5EED_0001);
}

#[test]
fn killed_ingests_leave_no_half_stored_or_unresolved_list_on_postgres() {
    let Some(schema) = PgSchema::new("faults") else {
        return;
    };
    kill_ingests_then_check(Db::Postgres(Box::new(schema)), Sandbox::new(), 0x5EED_0002);
}

/// `needledrop` run by a user who may read the sandbox's database but not write it: the test's
/// own user when it is not root (the file's mode is enough), else `nobody` through `setpriv`
/// (root writes whatever the mode says).
fn reader_cmd(sb: &Sandbox) -> assert_cmd::Command {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("needledrop"));
        cmd
    } else {
        assert_cmd::Command::cargo_bin("needledrop").unwrap()
    };
    cmd.current_dir(sb.db().parent().unwrap())
        .env("NEEDLEDROP_DB", sb.db())
        .env_remove("RUST_LOG");
    cmd
}

#[cfg(unix)]
fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// What the read commands print.
fn read_outputs(mut cmd: impl FnMut() -> assert_cmd::Command) -> Vec<String> {
    [
        &["lists", "--json"][..],
        &["rank", "--format", "json"],
        &["show", "list", "1", "--json"],
        &["show", "film", "Pulp Fiction", "--json"],
    ]
    .iter()
    .map(|a| cmd().args(*a).succeeds())
    .collect()
}

#[cfg(unix)]
#[test]
fn a_read_only_database_is_read_without_migrating_and_writes_are_refused() {
    let sb = Sandbox::new();
    sb.ingest_seeds();
    let writable = read_outputs(|| sb.cmd());
    let folder = sb.db().parent().unwrap().to_path_buf();
    let new_file = sb.write("new.csv", "Position,Title,Year\n1,Drive,2011\n");
    set_mode(&new_file, 0o644);
    set_mode(&sb.db(), 0o444);
    // A writable folder (journal files can be made), then a read-only one (they cannot).
    for folder_mode in [0o777, 0o555] {
        set_mode(&folder, folder_mode);
        assert_eq!(
            read_outputs(|| reader_cmd(&sb)),
            writable,
            "folder mode {folder_mode:o}"
        );
        let stderr = reader_cmd(&sb)
            .args(args!["ingest", &new_file])
            .fails_with(2, "read-only");
        assert!(stderr.contains("test.db"), "{stderr}");
        reader_cmd(&sb)
            .args(["weight", "list", "1", "2"])
            .fails_with(2, "read-only");
    }
    set_mode(&folder, 0o700);
    set_mode(&sb.db(), 0o600);
    assert_eq!(read_outputs(|| sb.cmd()), writable, "nothing was written");

    // A read-only database at an older schema version cannot be migrated: a clear error.
    rusqlite::Connection::open(sb.db())
        .unwrap()
        .pragma_update(None, "user_version", 3)
        .unwrap();
    set_mode(&folder, 0o755);
    set_mode(&sb.db(), 0o444);
    let stderr = reader_cmd(&sb).args(["lists"]).fails_with(2, "read-only");
    assert!(stderr.contains("schema"), "{stderr}");
    set_mode(&folder, 0o700);
}
