//! The most-cited songs: one song per title and artist, counted by lists.

use needledrop_app::App;
use needledrop_model::{Document, Entry, List, Order, Rank, SongCitation};
use needledrop_store::{SqliteStore, Store};

fn citing(film: &str, song: &str, artist: Option<&str>) -> List {
    let mut list = List::new(Order::Descending);
    let mut e = Entry::new(Rank::new(1).unwrap(), film);
    e.songs.push(SongCitation {
        title: song.into(),
        artist: artist.map(String::from),
    });
    list.entries.push(e);
    list
}

fn ingest(app: &mut App<SqliteStore>, bytes: &[u8], list: List) {
    let doc = Document::new(bytes.to_vec(), None, "text");
    app.store().ingest(&doc, &[list]).unwrap();
}

#[test]
fn songs_are_counted_across_lists_and_split_by_artist() {
    let mut app = App::new(SqliteStore::open_in_memory().unwrap());
    ingest(
        &mut app,
        b"1",
        citing("Garden State", "New Slang", Some("The Shins")),
    );
    ingest(&mut app, b"2", citing("Garden State", "new slang", None));
    ingest(
        &mut app,
        b"3",
        citing("Labyrinth", "Heroes", Some("David Bowie")),
    );
    ingest(
        &mut app,
        b"4",
        citing("Some Film", "Heroes", Some("Motorhead")),
    );
    // Two artists are known for "Heroes": a citation without one is a song of its own.
    ingest(&mut app, b"5", citing("Other Film", "Heroes", None));
    app.resolve_pending().unwrap();
    let songs = app.songs().unwrap();
    let slang = songs.iter().find(|s| s.title == "New Slang").unwrap();
    assert_eq!(
        slang.lists, 2,
        "the artist-less citation joins the only known artist"
    );
    assert_eq!(slang.artist.as_deref(), Some("The Shins"));
    assert_eq!(slang.films, ["Garden State"]);
    assert_eq!(
        slang.film_ids.len(),
        1,
        "both citations resolved to one film"
    );
    assert_eq!(songs.iter().filter(|s| s.title == "Heroes").count(), 3);
    assert_eq!(songs[0].title, "New Slang", "most-cited first");
}
