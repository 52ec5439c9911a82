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
