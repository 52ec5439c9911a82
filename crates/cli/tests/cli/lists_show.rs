//! What is stored, read back: `needledrop lists`, `show list`, `songs` and `show film`.

use crate::support::{array, assert_says, data_dir, Sandbox};

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
