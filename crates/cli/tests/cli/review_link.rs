//! `needledrop review` (the entries that wait for a person) and `needledrop link` (a person's
//! decision), which outlive re-imports and later lists.

use crate::support::{array, Sandbox};

const AMBIGUOUS: &str =
    "Best remakes\n\n2. Crash\n\nCars and bodies.\n\n1. A Star Is Born\n\nA torch song.\n";

/// The stored lists' consensus as (film, how many lists rank it), best first.
fn ranked(sb: &Sandbox) -> Vec<(String, i64)> {
    sb.ranked_rows()
        .iter()
        .map(|r| {
            (
                r["item"].as_str().unwrap().to_string(),
                r["lists_ranking"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn same_titled_films_wait_for_review_and_a_link_decides() {
    let sb = Sandbox::new();
    let f = sb.write("remakes.txt", AMBIGUOUS);
    sb.cmd()
        .arg("ingest")
        .arg(&f)
        .assert()
        .success()
        .stderr(predicates::str::contains("needledrop review"));
    let queue = sb.review_json();
    let crash = array(&queue)
        .iter()
        .find(|i| i["title"] == "Crash")
        .expect("Crash waits for review");
    let candidates = array(&crash["candidates"]);
    assert_eq!(candidates.len(), 2);
    let cronenberg = candidates.iter().find(|c| c[2] == 1996).unwrap()[0]
        .as_i64()
        .unwrap();
    let entry = crash["entry"].as_i64().unwrap();
    sb.run(["link", &entry.to_string(), &cronenberg.to_string()]);
    assert!(!array(&sb.review_json())
        .iter()
        .any(|i| i["title"] == "Crash"));
    // The decision outlives a re-import of the catalog.
    sb.import_catalog();
    let items = sb.ranked_items();
    assert!(items.contains(&"Crash (1996)".to_string()), "{items:?}");
}

#[test]
fn a_link_to_a_missing_film_is_bad_input() {
    let sb = Sandbox::new();
    sb.ingest(&[sb.write("r.txt", AMBIGUOUS)]);
    sb.fails_with(["link", "1", "999999"], 2, "999999");
}

/// Review finding: a link made for a yearless title captured the same title printed with
/// another year in other lists.
#[test]
fn a_link_for_a_yearless_title_leaves_other_years_alone() {
    let sb = Sandbox::new();
    sb.ingest(&[sb.write("a.csv", "Rank,Title\n1,Crash\n")]);
    sb.ingest(&[sb.write("b.csv", "Rank,Title,Year\n1,Crash,1996\n")]);
    let haggis = sb.film_id("Crash", 2004);
    sb.run(["link", "1", &haggis.to_string()]);
    sb.ingest(&[sb.write("c.csv", "Rank,Title\n1,Drive\n")]);
    let rows = ranked(&sb);
    assert!(rows.contains(&("Crash (2004)".to_string(), 1)), "{rows:?}");
    assert!(rows.contains(&("Crash (1996)".to_string(), 1)), "{rows:?}");
}

/// Review finding: two links for two same-titled entries of one list overwrote each other.
#[test]
fn links_for_two_same_titled_entries_both_hold() {
    let sb = Sandbox::new();
    sb.ingest(&[sb.write("d.csv", "Rank,Title\n1,Halloween\n2,Drive\n3,Halloween\n")]);
    let carpenter = sb.film_id("Halloween", 1978);
    let green = sb.film_id("Halloween", 2018);
    sb.run(["link", "1", &carpenter.to_string()]);
    sb.run(["link", "3", &green.to_string()]);
    sb.ingest(&[sb.write("e.csv", "Rank,Title\n1,Jaws\n")]);
    let rows = ranked(&sb);
    for film in ["Halloween (1978)", "Halloween (2018)"] {
        assert!(rows.iter().any(|(t, _)| t == film), "{rows:?}");
    }
}

/// A list the reader doubted waits in `review` with the reader's reasons until a person marks
/// it as checked; the mark can be taken back, and an unknown list is a clear error.
#[test]
fn doubtful_readings_wait_in_review_until_checked() {
    let sb = Sandbox::new();
    let f = sb.write(
        "gap.txt",
        "My favourite scores\n\n4. Jaws\n\nShark.\n\n2. Vertigo\n\nSpiral.\n\n1. Psycho\n\nStrings.\n",
    );
    sb.run(["ingest", f.to_str().unwrap()]);
    let lists = sb.review_lists_json();
    let lists = array(&lists);
    assert_eq!(lists.len(), 1, "{lists:?}");
    let id = lists[0]["list"].as_i64().unwrap().to_string();
    let warnings = array(&lists[0]["warnings"]);
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("ranked 3")),
        "{warnings:?}"
    );
    assert!(lists[0]["reading"].as_str().is_some());
    assert!(lists[0]["confidence"].as_f64().is_some());
    let text = sb.run(["review"]);
    assert!(text.contains("Lists to check (1)"), "{text}");

    sb.run(["review", "--checked", &id]);
    assert!(array(&sb.review_lists_json()).is_empty());
    sb.run(["review", "--unchecked", &id]);
    assert_eq!(array(&sb.review_lists_json()).len(), 1);

    sb.cmd()
        .args(["review", "--checked", "999"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no list with id 999"));
}
