//! The store's story: one test, generic over the [`Store`] trait, that exercises every operation
//! the application layer relies on. Every backend must pass it unchanged.
//!
//! SQLite always runs. PostgreSQL runs when `NEEDLEDROP_TEST_PG` holds a connection URI (say
//! `postgres://postgres@127.0.0.1:5432/test`), each test in a fresh schema dropped at the end;
//! unset, those tests say on stderr that they were skipped, unless `NEEDLEDROP_REQUIRE_PG=1`
//! (CI), which makes a missing or unreachable server a failure.

use needledrop_model::{
    Document, Entry, Film, FilmId, ItemRef, List, MatchReason, Mention, Order, Rank, Resolution,
    SongCitation, Year,
};
use needledrop_store::{
    Decision, ErrorKind, FilmFact, ItemFilter, PgStore, SqliteStore, Store, StoreError,
};
use std::io::Write as _;

fn sample_list() -> List {
    let mut list = List::new(Order::Descending);
    list.title = Some("Best needle drops".into());
    list.outlet = Some("Example Weekly".into());
    list.declared_size = Some(2);
    let mut e = Entry::new(Rank::new(2).unwrap(), "Garden State");
    e.year = Some(Year::new(2004).unwrap());
    e.blurb = "Zach Braff's 2004 film.".into();
    e.songs.push(SongCitation {
        title: "New Slang".into(),
        artist: Some("The Shins".into()),
    });
    list.entries.push(e);
    list.entries
        .push(Entry::new(Rank::new(1).unwrap(), "Pulp Fiction"));
    list.mentions.push(Mention {
        title: "The Crow".into(),
        year: None,
    });
    list.songs.push(SongCitation {
        title: "Skyfall".into(),
        artist: Some("Adele".into()),
    });
    list.notes.push("Musicals were left out.".into());
    list.warnings.push("rank 3 is missing".into());
    list.reading = Some("heads read as `Film (Year)`; film = the head".into());
    list.confidence = Some(0.55);
    list
}

fn film(title: &str, year: Option<i32>) -> Film {
    Film {
        title: title.into(),
        year: year.map(|y| Year::new(y).unwrap()),
        directors: vec!["Someone".into()],
        genres: vec!["drama".into()],
        soundtrack_kind: None,
        imdb_id: None,
        aliases: Vec::new(),
    }
}

fn resolved(film: FilmId, reason: MatchReason) -> Resolution {
    Resolution {
        film: Some(film),
        confidence: 0.9,
        reason: Some(reason),
        candidates: Vec::new(),
    }
}

/// The whole story, on any backend.
fn story<S: Store>(store: &mut S) {
    // Documents and lists: a round trip keeps everything as read.
    let doc = Document::new(
        b"2. Garden State\n1. Pulp Fiction".to_vec(),
        Some("a.txt".into()),
        "text",
    );
    let outcome = store.ingest(&doc, &[sample_list()]).unwrap();
    assert!(outcome.is_new());
    let list_id = outcome.list_ids()[0];
    let stored = store.list(list_id).unwrap();
    assert_eq!(stored.list, sample_list());
    assert_eq!(stored.entry_ids.len(), 2);
    assert_eq!(stored.mention_ids.len(), 1);

    // The same bytes again store nothing and name the earlier list.
    let again = store.ingest(&doc, &[sample_list()]).unwrap();
    assert!(!again.is_new());
    assert_eq!(again.list_ids(), &[list_id]);
    assert_eq!(store.list_summaries().unwrap().len(), 1);
    let conflict = store.insert_document(&doc).unwrap_err();
    assert_eq!(conflict.kind(), ErrorKind::Conflict);
    // The same text with CRLF line endings, trailing spaces and a blank line is the same
    // document: found by its normalised hash, nothing stored.
    let crlf = Document::new(
        b"2. Garden State  \r\n\r\n1. Pulp Fiction\r\n".to_vec(),
        Some("a-windows.txt".into()),
        "text",
    );
    assert_ne!(crlf.sha256, doc.sha256);
    assert_eq!(store.find_document(&crlf.sha256).unwrap(), None);
    let same_text = store.ingest(&crlf, &[sample_list()]).unwrap();
    assert!(!same_text.is_new());
    assert_eq!(same_text.list_ids(), &[list_id]);
    assert_eq!(store.list_summaries().unwrap().len(), 1);

    // A failing ingest keeps nothing of itself.
    let doc_b = Document::new(b"other bytes".to_vec(), None, "text");
    let failed: Result<(), StoreError> = store.write(|s| {
        let id = s.insert_document(&doc_b)?;
        s.insert_list(id, 0, &sample_list())?;
        Err(StoreError::Backend("stop half-way".into()))
    });
    assert!(failed.is_err());
    assert_eq!(store.find_document(&doc_b.sha256).unwrap(), None);
    assert_eq!(store.lists().unwrap().len(), 1);

    let summary = &store.list_summaries().unwrap()[0];
    assert_eq!(
        (summary.entries, summary.mentions, summary.songs),
        (2, 1, 2)
    );
    assert_eq!(summary.file_name.as_deref(), Some("a.txt"));
    let source = store.source_of(list_id).unwrap();
    assert_eq!(source.bytes, doc.bytes);
    assert_eq!(source.sha256, doc.sha256);
    let songs = store.song_rows().unwrap();
    assert_eq!(songs.len(), 2);
    assert_eq!(songs[0].entry_title.as_deref(), Some("Garden State"));
    assert_eq!(songs[1].entry, None);

    // Films and aliases.
    let mut garden = film("Garden State", Some(2004));
    garden.aliases.push("Garden State (soundtrack)".into());
    let garden_id = store.insert_film(&garden, false).unwrap();
    let pulp_id = store
        .insert_film(&film("Pulp Fiction", Some(1994)), false)
        .unwrap();
    let crow_id = store.insert_film(&film("The Crow", None), true).unwrap();
    assert_eq!(store.catalog_film_count().unwrap(), 2);
    assert_eq!(store.film(garden_id).unwrap().film, garden);
    garden.imdb_id = Some("tt0333766".into());
    garden.aliases = vec!["GS".into()];
    store.update_film(garden_id, &garden, false).unwrap();
    let read = store.film(garden_id).unwrap();
    assert_eq!(read.film.imdb_id.as_deref(), Some("tt0333766"));
    assert_eq!(read.film.aliases, ["GS", "Garden State (soundtrack)"]);
    store.remove_aliases(garden_id, &["GS".into()]).unwrap();
    assert_eq!(store.film(garden_id).unwrap().film.aliases.len(), 1);
    assert_eq!(store.films().unwrap().len(), 3);
    assert_eq!(store.film_count().unwrap(), 3);
    let found = store
        .films_by_id(&[pulp_id, FilmId(987_654), garden_id])
        .unwrap();
    assert_eq!(
        found.iter().map(|f| f.id).collect::<Vec<_>>(),
        [pulp_id, garden_id]
    );

    // Look-up words: a word filed under too many films says so by returning limit + 1.
    let pairs: Vec<(String, FilmId)> = [
        ("#garden state", garden_id),
        ("garden", garden_id),
        ("state", garden_id),
        ("state", pulp_id),
        ("state", pulp_id),
    ]
    .into_iter()
    .map(|(w, f)| (w.to_string(), f))
    .collect();
    store.add_film_words(&pairs).unwrap();
    assert_eq!(store.film_word_count().unwrap(), 4);
    assert_eq!(
        store.films_with_word("#garden state", 5).unwrap(),
        [garden_id]
    );
    assert_eq!(store.films_with_word("state", 5).unwrap().len(), 2);
    assert_eq!(store.films_with_word("state", 1).unwrap().len(), 2);
    assert!(store.films_with_word("nothing", 5).unwrap().is_empty());
    assert_eq!(
        store.film(FilmId(987_654)).unwrap_err().kind(),
        ErrorKind::NotFound
    );

    // Resolutions: every item starts unresolved; resolving is remembered; the queue holds the
    // items with no film.
    assert_eq!(store.items(ItemFilter::Unresolved).unwrap().len(), 3);
    assert_eq!(
        store
            .items(ItemFilter::UnresolvedOf(stored.document))
            .unwrap(),
        store.items(ItemFilter::Unresolved).unwrap(),
        "the one document holds every item"
    );
    assert!(store
        .items(ItemFilter::UnresolvedOf(needledrop_model::DocumentId(
            987_654
        )))
        .unwrap()
        .is_empty());
    let entries = stored.entry_ids.clone();
    let mention = ItemRef::Mention(stored.mention_ids[0]);
    store
        .set_resolution(
            ItemRef::Entry(entries[0]),
            &resolved(garden_id, MatchReason::Exact),
        )
        .unwrap();
    store
        .set_resolution(ItemRef::Entry(entries[1]), &Resolution::manual(pulp_id))
        .unwrap();
    store
        .set_resolution(
            mention,
            &Resolution {
                film: None,
                confidence: 0.4,
                reason: None,
                candidates: vec![crow_id],
            },
        )
        .unwrap();
    assert!(store.items(ItemFilter::Unresolved).unwrap().is_empty());
    assert_eq!(store.items(ItemFilter::NotManual).unwrap().len(), 2);
    assert_eq!(store.items(ItemFilter::All).unwrap().len(), 3);
    let queue = store.review_queue().unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(store.review_count().unwrap(), 1);
    store.refresh_statistics().unwrap();
    assert_eq!(
        store.review_count().unwrap(),
        1,
        "statistics change no data"
    );
    assert_eq!(queue[0].item, mention);
    assert_eq!(queue[0].candidates, [crow_id]);
    assert_eq!(
        store.resolution(ItemRef::Entry(entries[1])).unwrap(),
        Some(Resolution::manual(pulp_id))
    );
    assert_eq!(store.resolutions().unwrap().len(), 3);
    let printed = store.item(ItemRef::Entry(entries[0])).unwrap();
    assert_eq!(printed.title, "Garden State");
    assert_eq!(printed.year.map(Year::get), Some(2004));
    store
        .add_film_facts(
            entries[0],
            &[FilmFact {
                kind: "director",
                value: "Zach Braff".into(),
                phrase: "Zach Braff's".into(),
            }],
        )
        .unwrap();

    // Merge: the provisional film is merged into another; resolutions follow; decisions persist;
    // a split undoes it.
    store.set_merged_into(crow_id, Some(garden_id)).unwrap();
    store
        .add_decision(&Decision::Merge {
            into: garden_id,
            from: crow_id,
        })
        .unwrap();
    store
        .set_resolution(mention, &resolved(crow_id, MatchReason::Fuzzy))
        .unwrap();
    store.repoint_resolutions(crow_id, garden_id).unwrap();
    let cites = store.film_citations(&[garden_id]).unwrap();
    assert_eq!(cites.len(), 2);
    assert_eq!(cites[0].rank, Some(2), "entries first, best rank first");
    assert_eq!(cites[1].rank, None);
    assert_eq!(store.film(crow_id).unwrap().merged_into, Some(garden_id));
    store
        .add_decision(&Decision::Alias {
            film: garden_id,
            title: "GS".into(),
        })
        .unwrap();
    store
        .add_decision(&Decision::Link {
            title_key: "pulp fiction".into(),
            year: None,
            film: pulp_id,
        })
        .unwrap();
    assert_eq!(store.decisions().unwrap().len(), 3);
    store.remove_merge(garden_id, crow_id).unwrap();
    store.set_merged_into(crow_id, None).unwrap();
    store.clear_automatic_resolutions(garden_id).unwrap();
    assert_eq!(store.decisions().unwrap().len(), 2);
    assert_eq!(store.items(ItemFilter::Unresolved).unwrap().len(), 2);
    assert_eq!(
        store
            .items(ItemFilter::UnresolvedOf(stored.document))
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        store.resolution(ItemRef::Entry(entries[1])).unwrap(),
        Some(Resolution::manual(pulp_id)),
        "a person's link is never cleared automatically"
    );

    // Settings and weights.
    assert_eq!(store.setting("weighting").unwrap(), None);
    store.set_setting("weighting", "per-list").unwrap();
    store.set_setting("weighting", "per-source").unwrap();
    assert_eq!(
        store.setting("weighting").unwrap().as_deref(),
        Some("per-source")
    );
    store.set_list_weight(list_id, Some(2.5)).unwrap();
    assert_eq!(store.list_weights().unwrap(), [(list_id, 2.5)]);
    store.set_list_weight(list_id, None).unwrap();
    assert!(store.list_weights().unwrap().is_empty());
    store.set_list_weight(list_id, Some(0.5)).unwrap();

    // A doubtful reading waits for a person until they say they checked it, and can come back.
    let doubtful = store.doubtful_lists(0.6).unwrap();
    assert_eq!(doubtful.len(), 1);
    assert_eq!(doubtful[0].id, list_id);
    assert_eq!(doubtful[0].confidence, Some(0.55));
    assert_eq!(doubtful[0].warnings, vec!["rank 3 is missing".to_string()]);
    store.write(|s| s.set_list_checked(list_id, true)).unwrap();
    assert!(store.doubtful_lists(0.6).unwrap().is_empty());
    store.write(|s| s.set_list_checked(list_id, false)).unwrap();
    assert_eq!(store.doubtful_lists(0.6).unwrap().len(), 1);
    assert_eq!(
        store
            .set_list_checked(needledrop_model::ListId(999), true)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        store
            .set_list_weight(needledrop_model::ListId(999), Some(1.0))
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );

    // Replace: a corrected list takes the old one's place, id, document and weight kept.
    let mut corrected = sample_list();
    corrected.entries[0].title = "Garden State (corrected)".into();
    corrected.mentions.clear();
    store
        .write(|s| s.replace_list(list_id, &corrected))
        .unwrap();
    let stored = store.list(list_id).unwrap();
    assert_eq!(stored.list.entries[0].title, "Garden State (corrected)");
    assert!(stored.list.mentions.is_empty());
    assert_eq!(stored.list.all_songs().count(), 2);
    assert!(store.find_document(&doc.sha256).unwrap().is_some());
    assert_eq!(store.list_weights().unwrap(), [(list_id, 0.5)]);
    assert_eq!(
        store
            .replace_list(needledrop_model::ListId(999), &corrected)
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );

    // Delete: the list, its items and resolutions go, and the document with it.
    store.delete_list(list_id).unwrap();
    assert!(store.lists().unwrap().is_empty());
    assert!(store.resolutions().unwrap().is_empty());
    assert!(
        store.list_weights().unwrap().is_empty(),
        "its weight goes with it"
    );
    assert_eq!(store.find_document(&doc.sha256).unwrap(), None);
    assert_eq!(store.list(list_id).unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(
        store.delete_list(list_id).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    // Films and decisions outlive the lists that named them.
    assert_eq!(store.films().unwrap().len(), 3);
}

/// A statement that fails inside a transaction (a unique value taken) rolls the whole
/// transaction back, and the store goes on working (PostgreSQL refuses every statement of a
/// transaction after a failed one until it is rolled back).
fn a_failed_statement_rolls_back<S: Store>(store: &mut S) {
    let doc = Document::new(b"once".to_vec(), None, "text");
    let failed = store.write(|s| {
        let id = s.insert_document(&doc)?;
        s.insert_list(id, 0, &sample_list())?;
        s.insert_document(&doc)
    });
    assert_eq!(failed.unwrap_err().kind(), ErrorKind::Conflict);
    assert_eq!(store.find_document(&doc.sha256).unwrap(), None);
    assert!(store.ingest(&doc, &[sample_list()]).unwrap().is_new());
    assert_eq!(store.lists().unwrap().len(), 1);
}

/// What ranking reads: every list in ingest order with its items in document order, each with
/// the film it resolved to as stored, the printed title only when no film stands for it. A list
/// replaced after later lists were stored keeps its place and its new items' order.
fn ranking_lists_story<S: Store>(store: &mut S) {
    assert!(store.ranking_lists().unwrap().is_empty());
    let doc_a = Document::new(b"list a".to_vec(), Some("a.txt".into()), "text");
    let doc_b = Document::new(b"list b".to_vec(), Some("b.txt".into()), "text");
    let first = store.ingest(&doc_a, &[sample_list()]).unwrap().list_ids()[0];
    let mut other = List::new(Order::Ascending);
    other
        .entries
        .push(Entry::new(Rank::new(1).unwrap(), "Drive"));
    let mut tied = Entry::new(Rank::new(2).unwrap(), "Heat");
    tied.tied = true;
    other.entries.push(tied);
    let second = store.ingest(&doc_b, &[other]).unwrap().list_ids()[0];
    let pulp = store
        .insert_film(&film("Pulp Fiction", Some(1994)), false)
        .unwrap();
    let crow = store
        .insert_film(&film("The Crow", Some(1994)), false)
        .unwrap();
    let items = store.items(ItemFilter::All).unwrap();
    let item = |title: &str| items.iter().find(|i| i.title == title).unwrap().item;
    store
        .set_resolution(item("Pulp Fiction"), &resolved(pulp, MatchReason::Exact))
        .unwrap();
    store
        .set_resolution(item("The Crow"), &resolved(crow, MatchReason::Exact))
        .unwrap();
    // In the review queue: no film, so its title is its identity.
    store
        .set_resolution(
            item("Drive"),
            &Resolution {
                film: None,
                confidence: 0.0,
                reason: None,
                candidates: vec![pulp],
            },
        )
        .unwrap();

    let lists = store.ranking_lists().unwrap();
    assert_eq!(lists.len(), 2);
    let (a, b) = (&lists[0], &lists[1]);
    assert_eq!((a.id, b.id), (first, second));
    assert_eq!(a.document, store.list(first).unwrap().document);
    assert_eq!(a.title.as_deref(), Some("Best needle drops"));
    assert_eq!(a.outlet.as_deref(), Some("Example Weekly"));
    assert_eq!((a.declared_size, b.declared_size), (Some(2), None));
    let shape = |items: &[needledrop_store::RankingItem]| -> Vec<_> {
        items
            .iter()
            .map(|i| (i.rank.map(|r| r.get()), i.tied, i.film, i.title.clone()))
            .collect()
    };
    assert_eq!(
        shape(&a.entries),
        [
            (Some(2), false, None, Some("Garden State".to_string())),
            (Some(1), false, Some(pulp), None),
        ]
    );
    assert_eq!(shape(&a.mentions), [(None, false, Some(crow), None)]);
    assert_eq!(
        shape(&b.entries),
        [
            (Some(1), false, None, Some("Drive".to_string())),
            (Some(2), true, None, Some("Heat".to_string())),
        ]
    );
    assert!(b.mentions.is_empty());

    // Replacing the first list stores its new items after the second list's.
    let mut corrected = sample_list();
    corrected.entries.reverse();
    corrected.entries[1].title = "Garden State (corrected)".into();
    corrected.mentions.push(Mention {
        title: "Juno".into(),
        year: None,
    });
    store.write(|s| s.replace_list(first, &corrected)).unwrap();
    let lists = store.ranking_lists().unwrap();
    assert_eq!((lists[0].id, lists[1].id), (first, second));
    assert_eq!(
        shape(&lists[0].entries),
        [
            (Some(1), false, None, Some("Pulp Fiction".to_string())),
            (
                Some(2),
                false,
                None,
                Some("Garden State (corrected)".to_string())
            ),
        ]
    );
    assert_eq!(
        shape(&lists[0].mentions),
        [
            (None, false, None, Some("The Crow".to_string())),
            (None, false, None, Some("Juno".to_string())),
        ]
    );
    assert_eq!(shape(&lists[1].entries).len(), 2);

    store.delete_list(first).unwrap();
    let lists = store.ranking_lists().unwrap();
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].id, second);
}

#[test]
fn sqlite_reads_lists_as_ranking_needs_them() {
    ranking_lists_story(&mut SqliteStore::open_in_memory().unwrap());
}

#[test]
fn postgres_reads_lists_as_ranking_needs_them() {
    let Some(schema) = PgSchema::new("ranking_lists") else {
        return;
    };
    ranking_lists_story(&mut schema.open());
}

#[test]
fn sqlite_rolls_back_a_failed_statement() {
    a_failed_statement_rolls_back(&mut SqliteStore::open_in_memory().unwrap());
}

#[test]
fn postgres_rolls_back_a_failed_statement() {
    let Some(schema) = PgSchema::new("rollback") else {
        return;
    };
    a_failed_statement_rolls_back(&mut schema.open());
}

#[test]
fn sqlite_in_memory_tells_the_story() {
    story(&mut SqliteStore::open_in_memory().unwrap());
}

#[test]
fn sqlite_file_tells_the_story_and_keeps_it_across_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/story.db");
    story(&mut SqliteStore::open(&path).unwrap());
    let mut reopened = SqliteStore::open(&path).unwrap();
    assert_eq!(reopened.films().unwrap().len(), 3);
    assert_eq!(reopened.decisions().unwrap().len(), 2);
}

#[test]
fn open_picks_the_backend_from_the_location() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("any.db");
    let mut store = needledrop_store::open(&format!("sqlite:{}", path.display())).unwrap();
    story(&mut store);
    assert!(path.exists());
    let mut plain = needledrop_store::open(path.to_str().unwrap()).unwrap();
    assert_eq!(plain.films().unwrap().len(), 3);
    let err = needledrop_store::open("mysql://ann:hunter2@127.0.0.1/db").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadInput);
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

#[test]
fn sqlite_first_opens_of_a_new_file_do_not_race_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || SqliteStore::open(&path).map(|_| ()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    assert_eq!(
        SqliteStore::open(&path).unwrap().schema_version().unwrap(),
        SqliteStore::latest_schema_version()
    );
}

#[test]
fn sqlite_concurrent_ingests_of_the_same_bytes_store_them_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("same.db");
    same_bytes_stored_once(move || SqliteStore::open(&path).unwrap());
}

/// Eight writers ingest the same document at once, each on its own connection: it is stored
/// once, and every writer either stored it or was told it was stored already.
fn same_bytes_stored_once<S: Store>(open: impl Fn() -> S + Send + Sync + 'static) {
    let open = std::sync::Arc::new(open);
    let doc = Document::new(b"1. Same Bytes".to_vec(), Some("same.txt".into()), "text");
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (open, doc) = (open.clone(), doc.clone());
            std::thread::spawn(move || {
                let mut store = open();
                store
                    .ingest(&doc, &[sample_list()])
                    .map(|outcome| outcome.is_new())
            })
        })
        .collect();
    let stored = handles
        .into_iter()
        .map(|h| h.join().unwrap().expect("no writer fails"))
        .filter(|new| *new)
        .count();
    assert_eq!(stored, 1, "exactly one writer stores the document");
    let mut store = open();
    assert_eq!(store.list_summaries().unwrap().len(), 1);
}

// --- PostgreSQL ---

/// A schema of its own on the test server, dropped when the test ends.
struct PgSchema {
    admin: postgres::Client,
    name: String,
    uri: String,
}

impl PgSchema {
    /// A fresh schema, or `None` (with the reason on stderr) when no server is configured.
    fn new(test: &str) -> Option<PgSchema> {
        let required = std::env::var("NEEDLEDROP_REQUIRE_PG").is_ok_and(|v| v == "1");
        let skip = |why: String| {
            assert!(!required, "NEEDLEDROP_REQUIRE_PG=1 but {why}");
            // Straight to stderr: the test harness captures only print macros.
            let _ = writeln!(std::io::stderr(), "{test}: PostgreSQL story SKIPPED: {why}");
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
        let mut admin = match postgres::Client::connect(&base, postgres::NoTls) {
            Ok(client) => client,
            Err(e) => {
                return skip(format!(
                    "the server at {} does not answer: {e}",
                    needledrop_store::redact_location(&base)
                ))
            }
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let name = format!("nd_story_{}_{}_{nanos}", test, std::process::id());
        admin
            .batch_execute(&format!("CREATE SCHEMA \"{name}\""))
            .unwrap();
        let separator = if base.contains('?') { '&' } else { '?' };
        let uri = format!("{base}{separator}options=-csearch_path%3D{name}");
        Some(PgSchema { admin, name, uri })
    }

    fn open(&self) -> PgStore {
        PgStore::open(&self.uri).unwrap()
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        let _ = self
            .admin
            .batch_execute(&format!("DROP SCHEMA \"{}\" CASCADE", self.name));
    }
}

#[test]
fn postgres_tells_the_story_and_keeps_it_across_opens() {
    let Some(schema) = PgSchema::new("story") else {
        return;
    };
    let mut store = schema.open();
    assert_eq!(
        store.schema_version().unwrap(),
        PgStore::latest_schema_version()
    );
    story(&mut store);
    drop(store);
    let mut reopened = needledrop_store::open(&schema.uri).unwrap();
    assert!(matches!(reopened, needledrop_store::AnyStore::Postgres(_)));
    assert_eq!(reopened.films().unwrap().len(), 3);
    assert_eq!(reopened.decisions().unwrap().len(), 2);
}

#[test]
fn postgres_first_opens_of_a_new_schema_do_not_race() {
    let Some(schema) = PgSchema::new("first_open") else {
        return;
    };
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let uri = schema.uri.clone();
            std::thread::spawn(move || PgStore::open(&uri).map(|_| ()))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    assert_eq!(
        schema.open().schema_version().unwrap(),
        PgStore::latest_schema_version()
    );
}

#[test]
fn postgres_concurrent_ingests_of_the_same_bytes_store_them_once() {
    let Some(schema) = PgSchema::new("same_bytes") else {
        return;
    };
    let uri = schema.uri.clone();
    same_bytes_stored_once(move || PgStore::open(&uri).unwrap());
}

#[test]
fn postgres_errors_never_show_the_password() {
    // Nothing listens on port 1: the connection fails, and the message must mask the password.
    let err = PgStore::open("postgres://ann:hunter2@127.0.0.1:1/db?connect_timeout=2").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadInput);
    let text = err.to_string();
    assert!(!text.contains("hunter2"), "{text}");
    assert!(text.contains("ann:***@127.0.0.1:1"), "{text}");
}

/// The data version stays put while only reading, and moves with every write, whether made
/// through the connection that reads it or through another one (another server process).
fn data_version_follows_every_write<S: Store>(open: impl Fn() -> S) {
    let mut reader = open();
    let mut writer = open();
    let v0 = reader.data_version().unwrap();
    reader.lists().unwrap();
    reader.list_summaries().unwrap();
    assert_eq!(
        reader.data_version().unwrap(),
        v0,
        "reading changes nothing"
    );

    let doc = Document::new(b"1. Versioned".to_vec(), None, "text");
    assert!(writer.ingest(&doc, &[sample_list()]).unwrap().is_new());
    let v1 = reader.data_version().unwrap();
    assert_ne!(v1, v0, "another connection's ingest is seen");
    assert_eq!(reader.data_version().unwrap(), v1);

    // A write outside any explicit transaction counts too.
    writer.set_setting("k", "v").unwrap();
    let v2 = reader.data_version().unwrap();
    assert_ne!(v2, v1);

    // The reader's own writes move its version as well.
    reader.set_setting("k", "w").unwrap();
    assert_ne!(reader.data_version().unwrap(), v2);

    // A rolled-back write leaves what the other connection sees as it was.
    let before = reader.data_version().unwrap();
    let failed: Result<(), StoreError> = writer.write(|s| {
        s.set_setting("k", "x")?;
        Err(StoreError::NotFound("on purpose".into()))
    });
    assert!(failed.is_err());
    assert_eq!(reader.setting("k").unwrap().as_deref(), Some("w"));
    assert_eq!(reader.data_version().unwrap(), before);
}

#[test]
fn sqlite_data_version_follows_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("version.db");
    data_version_follows_every_write(move || SqliteStore::open(&path).unwrap());
}

#[test]
fn postgres_data_version_follows_every_write() {
    let Some(schema) = PgSchema::new("data_version") else {
        return;
    };
    let uri = schema.uri.clone();
    data_version_follows_every_write(move || PgStore::open(&uri).unwrap());
}
