//! `needledrop ingest` on every format, through the real binary.

mod common;

use common::{data_dir, json, Sandbox};
use predicates::prelude::*;
use std::path::PathBuf;

fn fixture(rel: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../extract/tests/fixtures")
        .join(rel)
}

/// Every bundled sample file reads, in dry-run, into the documented JSON shape.
#[test]
fn every_sample_file_reads_into_the_documented_shape() {
    let sb = Sandbox::new();
    let mut files: Vec<PathBuf> = ["articles", "lists"]
        .iter()
        .flat_map(|d| std::fs::read_dir(data_dir().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "expected the bundled samples, found {files:?}"
    );
    for file in files {
        let out = sb
            .cmd()
            .args(["ingest", "--dry-run", "--json"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out);
        let lists = match v {
            serde_json::Value::Array(items) => items,
            one => vec![one],
        };
        for list in lists {
            assert!(list["title"].is_string() || list["title"].is_null());
            let order = list["order"].as_str().unwrap();
            assert!(["descending", "ascending", "unranked"].contains(&order));
            for e in list["entries"].as_array().unwrap() {
                assert!(e["rank"].as_u64().unwrap() >= 1, "{}", file.display());
                assert!(e["tied"].is_boolean());
                assert!(!e["title"].as_str().unwrap().trim().is_empty());
                assert!(e["year"].is_null() || e["year"].is_i64());
                for s in e["songs"].as_array().unwrap() {
                    assert!(s["title"].is_string());
                    assert!(s["artist"].is_string() || s["artist"].is_null());
                }
            }
            for m in list["mentions"].as_array().unwrap() {
                assert!(m["title"].is_string());
                assert!(m["year"].is_null() || m["year"].is_i64());
            }
            assert!(list["songs"].is_array());
            assert!(list["notes"].is_array());
            assert!(list["warnings"].is_array());
        }
    }
}

/// A malformed row stops the file with its line number, exit code 2, and nothing is stored.
#[test]
fn malformed_rows_report_their_line_and_store_nothing() {
    let cases = [
        ("structured/bad-field-count.csv", 3),
        ("structured/bad-rank.csv", 5),
        ("structured/bad-year.csv", 3),
        ("structured/bad-letterboxd.csv", 7),
        ("structured/bad-imdb.csv", 3),
        ("structured/bad-unknown-field.json", 5),
        ("structured/bad-year.toml", 6),
        ("structured/bad-counts.toi", 4),
        ("structured/huge-count.toi", 7),
        ("structured/tie-in-strict.soc", 7),
    ];
    for (file, line) in cases {
        let sb = Sandbox::new();
        sb.cmd()
            .arg("ingest")
            .arg(fixture(file))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("line {line}")));
        let out = sb.cmd().args(["lists", "--json"]).output().unwrap();
        assert_eq!(
            json(&out),
            serde_json::json!([]),
            "{file} left something behind"
        );
    }
}

#[test]
fn a_preflib_file_becomes_one_list_per_ballot() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["ingest", "--json"])
        .arg(data_dir().join("lists/film-club-ballots.toi"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = json(&out);
    assert_eq!(report[0]["format"], "toi");
    assert_eq!(report[0]["status"], "stored");
    let text = std::fs::read_to_string(data_dir().join("lists/film-club-ballots.toi")).unwrap();
    let voters: usize = text
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(':'))
        .filter_map(|l| l.split(':').next()?.trim().parse::<usize>().ok())
        .sum();
    assert_eq!(report[0]["lists"].as_array().unwrap().len(), voters);
}

#[test]
fn the_same_bytes_twice_store_nothing_the_second_time() {
    let sb = Sandbox::new();
    let file = data_dir().join("lists/002-soundtracks.toml");
    sb.cmd()
        .arg("ingest")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("stored"));
    sb.cmd().arg("ingest").arg(&file).assert().success().stdout(
        predicate::str::contains("already stored").and(predicate::str::contains("nothing written")),
    );
    let out = sb.cmd().args(["lists", "--json"]).output().unwrap();
    assert_eq!(json(&out).as_array().unwrap().len(), 1);
}

#[test]
fn stdin_is_read_with_a_format_and_overrides() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "ingest",
            "--dry-run",
            "--json",
            "--format",
            "csv",
            "--title",
            "Piped",
            "--outlet",
            "Zine",
            "--date",
            "2025-01-31",
            "-",
        ])
        .write_stdin("Rank,Title,Year\n1,Drive,2011\n2,Juno,2007\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["title"], "Piped");
    assert_eq!(v["outlet"], "Zine");
    assert_eq!(v["date"], "2025-01-31");
    assert_eq!(v["entries"][0]["title"], "Drive");
    assert_eq!(v["entries"][1]["year"], 2007);
}

#[test]
fn format_overrides_detection() {
    let sb = Sandbox::new();
    // A .txt file that is really CSV: read as text it has no entries; --format csv reads it.
    let f = sb.file("ranks.txt", "Rank,Title\n1,Drive\n2,Juno\n");
    let out = sb
        .cmd()
        .args(["ingest", "--dry-run", "--json", "--format", "csv"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(json(&out)["entries"][1]["title"], "Juno");
}

#[test]
fn one_bad_file_among_good_ones_stores_the_good_ones_and_exits_2() {
    let sb = Sandbox::new();
    let good = data_dir().join("lists/needle-drops-top12.csv");
    let bad = sb.file("empty.md", "");
    sb.cmd()
        .arg("ingest")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.md").and(predicate::str::contains("1 of 2 files")));
    let out = sb.cmd().args(["lists", "--json"]).output().unwrap();
    assert_eq!(json(&out).as_array().unwrap().len(), 1);
}

#[test]
fn stored_lists_show_and_songs_report_what_was_read() {
    let sb = Sandbox::new();
    sb.cmd()
        .arg("ingest")
        .arg(data_dir().join("lists/000-looper.json"))
        .assert()
        .success();
    let out = sb
        .cmd()
        .args(["show", "list", "1", "--json"])
        .output()
        .unwrap();
    let list = json(&out);
    assert_eq!(list["entries"].as_array().unwrap().len(), 10);
    assert_eq!(list["entries"][9]["title"], "Pulp Fiction");
    sb.cmd()
        .args(["show", "list", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Garden State"));
    let out = sb.cmd().args(["songs", "--json"]).output().unwrap();
    let songs = json(&out);
    let slang = songs
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "New Slang")
        .expect("New Slang is cited");
    assert_eq!(slang["artist"], "The Shins");
    assert_eq!(slang["lists"], 1);
}

/// The TOML and CSV examples in the README read as documented.
#[test]
fn the_readme_examples_read() {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"),
    )
    .unwrap();
    let sb = Sandbox::new();
    let mut checked = 0;
    for (fence, ext) in [("```toml\n", "toml"), ("```csv\n", "csv")] {
        for block in readme.split(fence).skip(1) {
            let body = block.split("```").next().unwrap();
            let f = sb.file(&format!("example{checked}.{ext}"), body);
            let out = sb
                .cmd()
                .args(["ingest", "--dry-run", "--json"])
                .arg(&f)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "README {ext} example: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(!json(&out)["entries"].as_array().unwrap().is_empty());
            checked += 1;
        }
    }
    assert!(checked >= 2);
}

/// An entry whose blurb runs on the same line as its head is still an entry (text and HTML).
#[test]
fn an_entry_with_its_blurb_on_the_same_long_line_is_kept() {
    let sb = Sandbox::new();
    let blurb =
        "A slow-burning score and a run of synth songs that carry the night drives. ".repeat(7);
    let text = sb.file(
        "long.txt",
        format!("Best\n\n3. Heat (1995)\n\nA score.\n\n2. Drive (2011) {blurb}\n\n1. Jaws\n\nTwo notes.\n"),
    );
    let html = sb.file(
        "long.html",
        format!("<html><body><ol><li>Jaws</li><li>Drive (2011) {blurb}</li><li>Heat</li></ol></body></html>"),
    );
    for f in [text, html] {
        let out = sb
            .cmd()
            .args(["ingest", "--dry-run", "--json"])
            .arg(&f)
            .output()
            .unwrap();
        assert!(out.status.success());
        let v = json(&out);
        let drive = v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["rank"] == 2)
            .unwrap_or_else(|| panic!("{}: entry 2 dropped", f.display()))
            .clone();
        assert_eq!(drive["title"], "Drive");
        assert_eq!(drive["year"], 2011);
        assert_eq!(v["warnings"], serde_json::json!([]));
    }
}
