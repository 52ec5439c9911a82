//! `needledrop ingest` on every format, through the real binary.

use crate::support::{array, assert_says, data_dir, Expect, Sandbox};
use serde_json::Value;
use std::path::PathBuf;

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
        let lists = match sb.dry_run_json(&file) {
            Value::Array(items) => items,
            one => vec![one],
        };
        for list in lists {
            assert!(list["title"].is_string() || list["title"].is_null());
            let order = list["order"].as_str().unwrap();
            assert!(["descending", "ascending", "unranked"].contains(&order));
            for e in array(&list["entries"]) {
                assert!(e["rank"].as_u64().unwrap() >= 1, "{}", file.display());
                assert!(e["tied"].is_boolean());
                assert!(!e["title"].as_str().unwrap().trim().is_empty());
                assert!(e["year"].is_null() || e["year"].is_i64());
                for s in array(&e["songs"]) {
                    assert!(s["title"].is_string());
                    assert!(s["artist"].is_string() || s["artist"].is_null());
                }
            }
            for m in array(&list["mentions"]) {
                assert!(m["title"].is_string());
                assert!(m["year"].is_null() || m["year"].is_i64());
            }
            assert!(list["songs"].is_array());
            assert!(list["notes"].is_array());
            assert!(list["warnings"].is_array());
        }
    }
}

#[test]
fn a_preflib_file_becomes_one_list_per_ballot() {
    let sb = Sandbox::new();
    let file = data_dir().join("lists/film-club-ballots.toi");
    let report = sb.ingest_json(&file);
    assert_eq!(report[0]["format"], "toi");
    assert_eq!(report[0]["status"], "stored");
    let text = std::fs::read_to_string(&file).unwrap();
    let voters: usize = text
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(':'))
        .filter_map(|l| l.split(':').next()?.trim().parse::<usize>().ok())
        .sum();
    assert_eq!(array(&report[0]["lists"]).len(), voters);
}

#[test]
fn the_same_bytes_twice_store_nothing_the_second_time() {
    let sb = Sandbox::new();
    let file = data_dir().join("lists/002-soundtracks.toml");
    let first = sb.ingest(&[&file]);
    assert_says(&first, &["stored"]);
    let second = sb.ingest(&[&file]);
    assert_says(&second, &["already stored", "nothing written"]);
    assert_eq!(array(&sb.lists_json()).len(), 1);
}

#[test]
fn stdin_is_read_with_a_format_and_overrides() {
    let sb = Sandbox::new();
    let v = sb
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
        .succeeds_json();
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
    let f = sb.write("ranks.txt", "Rank,Title\n1,Drive\n2,Juno\n");
    let v = sb
        .cmd()
        .args(["ingest", "--dry-run", "--json", "--format", "csv"])
        .arg(&f)
        .succeeds_json();
    assert_eq!(v["entries"][1]["title"], "Juno");
}

#[test]
fn one_bad_file_among_good_ones_stores_the_good_ones_and_exits_2() {
    let sb = Sandbox::new();
    let good = data_dir().join("lists/needle-drops-top12.csv");
    let bad = sb.write("empty.md", "");
    let stderr = sb.cmd().arg("ingest").arg(&good).arg(&bad).fails(2);
    assert_says(&stderr, &["empty.md", "1 of 2 files"]);
    assert_eq!(array(&sb.lists_json()).len(), 1);
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
            let f = sb.write(&format!("example{checked}.{ext}"), body);
            let v = sb.dry_run_json(&f);
            assert!(!array(&v["entries"]).is_empty(), "README {ext} example");
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
    let text = sb.write(
        "long.txt",
        format!("Best\n\n3. Heat (1995)\n\nA score.\n\n2. Drive (2011) {blurb}\n\n1. Jaws\n\nTwo notes.\n"),
    );
    let html = sb.write(
        "long.html",
        format!("<html><body><ol><li>Jaws</li><li>Drive (2011) {blurb}</li><li>Heat</li></ol></body></html>"),
    );
    for f in [text, html] {
        let v = sb.dry_run_json(&f);
        let drive = array(&v["entries"])
            .iter()
            .find(|e| e["rank"] == 2)
            .unwrap_or_else(|| panic!("{}: entry 2 dropped", f.display()));
        assert_eq!(drive["title"], "Drive");
        assert_eq!(drive["year"], 2011);
        assert_eq!(v["warnings"], serde_json::json!([]));
    }
}
