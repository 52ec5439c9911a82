//! Film resolution through the binary: the catalog, the review queue and a person's decisions.

mod common;

use common::{json, seeds_dir, Sandbox};
use predicates::prelude::*;
use std::io::Write;

const AMBIGUOUS: &str =
    "Best remakes\n\n2. Crash\n\nCars and bodies.\n\n1. A Star Is Born\n\nA torch song.\n";

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn the_two_seed_lists_resolve_to_28_films() {
    let sb = Sandbox::new();
    for name in ["000_2cc85a2d96c88ff9", "002_9d882693be0725bc"] {
        sb.cmd()
            .arg("ingest")
            .arg(seeds_dir().join(format!("{name}.txt")))
            .assert()
            .success();
    }
    let out = sb.cmd().args(["review", "--json"]).output().unwrap();
    assert_eq!(
        json(&out),
        serde_json::json!([]),
        "nothing waits for review"
    );
    let out = sb
        .cmd()
        .args(["rank", "--format", "json"])
        .output()
        .unwrap();
    let rows = json(&out)["rows"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 28);
    let gotg = rows
        .iter()
        .find(|r| {
            r["item"]
                .as_str()
                .unwrap()
                .starts_with("Guardians of the Galaxy")
        })
        .unwrap();
    assert_eq!(gotg["item"], "Guardians of the Galaxy (2014)");
}

#[test]
fn same_titled_films_wait_for_review_and_a_link_decides() {
    let sb = Sandbox::new();
    let f = sb.file("remakes.txt", AMBIGUOUS);
    sb.cmd()
        .arg("ingest")
        .arg(&f)
        .assert()
        .success()
        .stderr(predicate::str::contains("needledrop review"));
    let out = sb.cmd().args(["review", "--json"]).output().unwrap();
    let queue = json(&out);
    let crash = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Crash")
        .expect("Crash waits for review")
        .clone();
    assert_eq!(crash["candidates"].as_array().unwrap().len(), 2);
    let cronenberg = crash["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c[2] == 1996)
        .unwrap()[0]
        .as_i64()
        .unwrap();
    let entry = crash["entry"].as_i64().unwrap();
    sb.cmd()
        .args(["link", &entry.to_string(), &cronenberg.to_string()])
        .assert()
        .success();
    let out = sb.cmd().args(["review", "--json"]).output().unwrap();
    assert!(!json(&out)
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["title"] == "Crash"));
    // The decision outlives a re-import of the catalog.
    sb.cmd().args(["catalog", "import"]).assert().success();
    let out = sb
        .cmd()
        .args(["rank", "--format", "json"])
        .output()
        .unwrap();
    let items: Vec<String> = json(&out)["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["item"].as_str().unwrap().to_string())
        .collect();
    assert!(items.contains(&"Crash (1996)".to_string()), "{items:?}");
}

#[test]
fn a_link_to_a_missing_film_is_bad_input() {
    let sb = Sandbox::new();
    sb.cmd()
        .arg("ingest")
        .arg(sb.file("r.txt", AMBIGUOUS))
        .assert()
        .success();
    sb.cmd()
        .args(["link", "1", "999999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("999999"));
}

#[test]
fn merging_a_film_with_itself_is_bad_input() {
    let sb = Sandbox::new();
    sb.cmd().args(["catalog", "import"]).assert().success();
    sb.cmd()
        .args(["merge", "3", "3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("itself"));
}

#[test]
fn an_alias_that_is_another_films_title_is_refused() {
    let sb = Sandbox::new();
    sb.cmd().args(["catalog", "import"]).assert().success();
    let search = |q: &str| {
        let out = sb
            .cmd()
            .args(["catalog", "search", q, "--json"])
            .output()
            .unwrap();
        json(&out)[0]["id"].as_i64().unwrap()
    };
    let rushmore = search("Rushmore");
    sb.cmd()
        .args(["alias", &rushmore.to_string(), "Pulp Fiction"])
        .assert()
        .code(2);
}

#[test]
fn a_truncated_gzip_imports_nothing() {
    let sb = Sandbox::new();
    let tsv = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
               tt9000001\tmovie\tSome Film\tSome Film\t0\t1999\t\\N\t100\tDrama\n"
        .repeat(200);
    let bytes = gz(tsv.as_bytes());
    let f = sb.file("title.basics.tsv.gz", &bytes[..bytes.len() / 2]);
    sb.cmd()
        .args(["catalog", "import"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("title.basics.tsv.gz"));
    let out = sb
        .cmd()
        .args(["catalog", "search", "Some Film", "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&out), serde_json::json!([]));
}

#[test]
fn a_tsv_with_a_wrong_header_is_refused() {
    let sb = Sandbox::new();
    let f = sb.file("title.basics.tsv", "id\ttype\ttitle\nx\tmovie\tA Film\n");
    sb.cmd()
        .args(["catalog", "import"])
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("header"));
}

#[test]
fn importing_the_same_catalog_twice_changes_nothing() {
    let sb = Sandbox::new();
    let first = sb.cmd().args(["catalog", "import"]).output().unwrap();
    let second = sb.cmd().args(["catalog", "import"]).output().unwrap();
    assert!(first.status.success() && second.status.success());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn show_film_prints_the_facts() {
    let sb = Sandbox::new();
    sb.cmd().args(["catalog", "import"]).assert().success();
    sb.cmd()
        .args(["show", "film", "GOTG"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Guardians of the Galaxy (2014)")
                .and(predicate::str::contains("James Gunn")),
        );
}

fn film_id(sb: &Sandbox, title: &str, year: i64) -> i64 {
    let out = sb
        .cmd()
        .args(["catalog", "search", title, "--json"])
        .output()
        .unwrap();
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["year"] == year)
        .unwrap_or_else(|| panic!("{title} ({year}) is in the bundled catalog"))["id"]
        .as_i64()
        .unwrap()
}

fn ranked(sb: &Sandbox) -> Vec<(String, i64)> {
    let out = sb
        .cmd()
        .args(["rank", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["item"].as_str().unwrap().to_string(),
                r["lists_ranking"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// Review finding: a link made for a yearless title captured the same title printed with
/// another year in other lists.
#[test]
fn a_link_for_a_yearless_title_leaves_other_years_alone() {
    let sb = Sandbox::new();
    sb.cmd()
        .arg("ingest")
        .arg(sb.file("a.csv", "Rank,Title\n1,Crash\n"))
        .assert()
        .success();
    sb.cmd()
        .arg("ingest")
        .arg(sb.file("b.csv", "Rank,Title,Year\n1,Crash,1996\n"))
        .assert()
        .success();
    let haggis = film_id(&sb, "Crash", 2004);
    sb.cmd()
        .args(["link", "1", &haggis.to_string()])
        .assert()
        .success();
    sb.cmd()
        .arg("ingest")
        .arg(sb.file("c.csv", "Rank,Title\n1,Drive\n"))
        .assert()
        .success();
    let rows = ranked(&sb);
    assert!(rows.contains(&("Crash (2004)".to_string(), 1)), "{rows:?}");
    assert!(rows.contains(&("Crash (1996)".to_string(), 1)), "{rows:?}");
}

/// Review finding: two links for two same-titled entries of one list overwrote each other.
#[test]
fn links_for_two_same_titled_entries_both_hold() {
    let sb = Sandbox::new();
    sb.cmd()
        .arg("ingest")
        .arg(sb.file("d.csv", "Rank,Title\n1,Halloween\n2,Drive\n3,Halloween\n"))
        .assert()
        .success();
    let carpenter = film_id(&sb, "Halloween", 1978);
    let green = film_id(&sb, "Halloween", 2018);
    sb.cmd()
        .args(["link", "1", &carpenter.to_string()])
        .assert()
        .success();
    sb.cmd()
        .args(["link", "3", &green.to_string()])
        .assert()
        .success();
    sb.cmd()
        .arg("ingest")
        .arg(sb.file("e.csv", "Rank,Title\n1,Jaws\n"))
        .assert()
        .success();
    let rows = ranked(&sb);
    assert!(
        rows.iter().any(|(t, _)| t == "Halloween (1978)"),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|(t, _)| t == "Halloween (2018)"),
        "{rows:?}"
    );
}

#[test]
fn show_film_traces_every_list_that_names_it() {
    let sb = Sandbox::new();
    for name in ["000_2cc85a2d96c88ff9", "002_9d882693be0725bc"] {
        sb.cmd()
            .arg("ingest")
            .arg(seeds_dir().join(format!("{name}.txt")))
            .assert()
            .success();
    }
    let out = sb
        .cmd()
        .args(["show", "film", "Pulp Fiction", "--json"])
        .output()
        .unwrap();
    let film = json(&out);
    let citations = film["citations"].as_array().unwrap();
    assert_eq!(citations.len(), 2);
    assert_eq!(citations[0]["rank"], 1);
    assert_eq!(
        citations[1]["rank"],
        serde_json::Value::Null,
        "the mention of list 2"
    );
    sb.cmd()
        .args(["show", "film", "GOTG"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "#8 as “Guardians of the Galaxy Vol. 1”",
        ));
}
