//! A partial index (large catalogs: only the films a title could mean are fetched) resolves the
//! titles lists print the way the full index does.

use needledrop_app::{App, Resolver};
use needledrop_store::{SqliteStore, Store};

#[test]
fn a_partial_index_finds_what_the_full_index_finds() {
    let mut app = App::new(SqliteStore::open_in_memory().unwrap());
    app.ensure_catalog().unwrap();
    let store = app.store();
    let full = Resolver::load_with_limit(store, u64::MAX).unwrap();
    let queries = [
        "Pulp Fiction",
        "pulp fiction",
        "Guardians of the Galaxy Vol. 1",
        "guardians of the galaxy, vol 1",
        "Moulin Rouge",
        "Kill Bill Vol. 1",
        "Blade Runner 2049",
        "Romeo & Juliet",
        "The Devil’s Rejects",
        "Garden Stat",
        "Guardians of the Galxy",
        "Crash",
        "Crash (1996)",
        "Trainspotting",
        "Trainspoting",
        "The Royal Tenenbaum",
        "O Brother Where Art Thou",
        "2001: A Space Odyssey",
    ];
    for q in queries {
        let mut partial = Resolver::load_with_limit(store, 0).unwrap();
        partial.ensure_titles_for_test(store, q);
        let want: Vec<_> = full.search(q).into_iter().map(|(f, _, r)| (f, r)).collect();
        let got: Vec<_> = partial
            .search(q)
            .into_iter()
            .map(|(f, _, r)| (f, r))
            .collect();
        assert!(!want.is_empty(), "{q}: the full index finds nothing");
        assert_eq!(got, want, "{q}");
    }
    assert!(store.film_word_count().unwrap() > 0);
}
