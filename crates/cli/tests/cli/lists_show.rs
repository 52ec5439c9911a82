//! What is stored, read back: `needledrop lists`, `show list`, `songs` and `show film`.

use crate::support::{args, array, assert_says, data_dir, Sandbox};

#[test]
fn stored_lists_show_and_songs_report_what_was_read() {
    let sb = Sandbox::new();
    sb.ingest(&[data_dir().join("lists/000-looper.json")]);
    let list = sb.run_json(["show", "list", "1", "--json"]);
    assert_eq!(array(&list["entries"]).len(), 10);
    assert_eq!(list["entries"][9]["title"], "Pulp Fiction");
    assert_says(&sb.run(["show", "list", "1"]), &["Garden State"]);
    let songs = sb.run_json(["songs", "--json"]);
    let slang = array(&songs)
        .iter()
        .find(|s| s["title"] == "New Slang")
        .expect("New Slang is cited");
    assert_eq!(slang["artist"], "The Shins");
    assert_eq!(slang["lists"], 1);
}

#[test]
fn show_list_of_an_unknown_id_is_bad_input() {
    let sb = Sandbox::new();
    sb.fails_with(["show", "list", "42"], 2, "needledrop lists");
}

#[test]
fn show_film_prints_the_facts() {
    let sb = Sandbox::new();
    sb.import_catalog();
    assert_says(
        &sb.run(["show", "film", "GOTG"]),
        &["Guardians of the Galaxy (2014)", "James Gunn"],
    );
}

#[test]
fn show_film_traces_every_list_that_names_it() {
    let sb = Sandbox::new();
    sb.ingest_seeds();
    let film = sb.run_json(["show", "film", "Pulp Fiction", "--json"]);
    let citations = array(&film["citations"]);
    assert_eq!(citations.len(), 2);
    assert_eq!(citations[0]["rank"], 1);
    assert_eq!(
        citations[1]["rank"],
        serde_json::Value::Null,
        "the mention of list 2"
    );
    assert_says(
        &sb.run(["show", "film", "GOTG"]),
        &["#8 as “Guardians of the Galaxy Vol. 1”"],
    );
}

#[test]
fn delete_list_removes_it_and_an_unknown_id_is_bad_input() {
    let sb = Sandbox::new();
    let a = sb.write("a.txt", "Two\n\n2. Drive (2011)\n\n1. Juno (2007)\n");
    let b = sb.write("b.txt", "Two more\n\n2. Heat (1995)\n\n1. Juno (2007)\n");
    sb.ingest(&[&a, &b]);
    assert_eq!(array(&sb.lists_json()).len(), 2);
    let out = sb.run(["delete", "list", "1"]);
    assert_says(&out, &["Deleted list 1"]);
    let lists = sb.lists_json();
    assert_eq!(array(&lists).len(), 1);
    assert_eq!(lists[0]["id"], 2);
    sb.fails_with(["delete", "list", "1"], 2, "needledrop lists");
    // The same bytes can come back: the document went with its only list.
    assert_says(&sb.ingest(&[&a]), &["stored"]);
}

/// The JSON round trip that corrects a misread list: `show list ID --json`, edited, read back
/// with `ingest --replace ID`. The list keeps its id, its source document and the links people
/// made; other lists are untouched; a bad replacement changes nothing.
#[test]
fn a_list_corrected_by_json_round_trip_replaces_the_stored_one() {
    let sb = Sandbox::new();
    let remakes = sb.write(
        "remakes.txt",
        "Best remakes\n\n2. Crash\n\nCars and bodies.\n\n1. A Star Is Bron\n\nA torch song.\n",
    );
    let other = sb.write(
        "other.txt",
        "Two more\n\n2. Drive (2011)\n\n1. Juno (2007)\n",
    );
    sb.ingest(&[&remakes, &other]);
    // A person's decision: this Crash is Cronenberg's.
    let queue = sb.review_json();
    let crash = array(&queue)
        .iter()
        .find(|i| i["title"] == "Crash")
        .expect("Crash waits for review");
    let cronenberg = array(&crash["candidates"])
        .iter()
        .find(|c| c[2] == 1996)
        .unwrap()[0]
        .as_i64()
        .unwrap();
    sb.run([
        "link",
        &crash["entry"].as_i64().unwrap().to_string(),
        &cronenberg.to_string(),
    ]);
    let other_before = sb.run_json(["show", "list", "2", "--json"]);

    // The misread title corrected in the JSON `show` prints, every other field as printed.
    let mut list = sb.run_json(["show", "list", "1", "--json"]);
    assert!(list["entries"][1].get("line").is_some(), "{list}");
    list["entries"][1]["title"] = "A Star Is Born".into();
    list["entries"][1]["year"] = 2018.into();
    let edited = sb.write("list-1.json", serde_json::to_string_pretty(&list).unwrap());

    // Bad replacements exit 2 and change nothing.
    sb.fails_with(
        args!["ingest", "--replace", "42", &edited],
        2,
        "needledrop lists",
    );
    let broken = sb.write("broken.json", "{\"entries\": [");
    sb.fails_with(args!["ingest", "--replace", "1", &broken], 2, "broken.json");
    let two = sb.write(
        "two.json",
        serde_json::to_string(&serde_json::json!([list, list])).unwrap(),
    );
    sb.fails_with(
        args!["ingest", "--replace", "1", &two],
        2,
        "exactly one list",
    );
    assert_eq!(
        sb.run_json(["show", "list", "1", "--json"])["entries"][1]["title"],
        "A Star Is Bron"
    );

    let out = sb.run(args!["ingest", "--replace", "1", &edited]);
    assert_says(&out, &["replaced list 1"]);
    let shown = sb.run_json(["show", "list", "1", "--json"]);
    assert_eq!(shown["entries"][1]["title"], "A Star Is Born");
    assert_eq!(shown["entries"][0]["blurb"], "Cars and bodies.");
    assert_eq!(array(&sb.lists_json()).len(), 2);
    assert_says(
        &sb.run(["show", "list", "1", "--source"]),
        &["A Star Is Bron", "Cars and bodies."],
    );
    assert_eq!(sb.run_json(["show", "list", "2", "--json"]), other_before);
    // The corrected title resolves, and the person's link still holds for Crash.
    let items = sb.ranked_items();
    assert!(
        items.contains(&"A Star Is Born (2018)".to_string()),
        "{items:?}"
    );
    assert!(items.contains(&"Crash (1996)".to_string()), "{items:?}");

    // What a dry run prints reads back the same way.
    let dry = sb.write(
        "dry.json",
        sb.run(args!["ingest", "--dry-run", "--json", &other]),
    );
    assert_says(
        &sb.run(args!["ingest", "--replace", "2", &dry]),
        &["replaced list 2"],
    );
    assert_eq!(sb.run_json(["show", "list", "2", "--json"]), other_before);
}

/// The same article saved with Windows line endings, trailing spaces and extra blank lines is
/// the document already stored.
#[test]
fn an_article_differing_only_in_whitespace_is_already_stored() {
    let sb = Sandbox::new();
    let unix = sb.write(
        "best.txt",
        "Best scores\n\n2. Drive (2011)\n\n1. Juno (2007)\n",
    );
    let windows = sb.write(
        "best-windows.txt",
        "Best scores  \r\n\r\n\r\n2. Drive (2011)\t\r\n\r\n1. Juno (2007)\r\n\r\n",
    );
    assert_says(&sb.ingest(&[&unix]), &["stored"]);
    let out = sb
        .cmd()
        .args(args!["ingest", &windows])
        .assert()
        .success()
        .stderr(predicates::str::contains("apart from whitespace"));
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert_says(&stdout, &["already stored (list 1)"]);
    assert_eq!(array(&sb.lists_json()).len(), 1);
    // A changed word is another document.
    let changed = sb.write(
        "best-2.txt",
        "Best scores\n\n2. Heat (1995)\n\n1. Juno (2007)\n",
    );
    assert_says(&sb.ingest(&[&changed]), &["stored"]);
    assert_eq!(array(&sb.lists_json()).len(), 2);
}
