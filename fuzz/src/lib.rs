//! The bodies of needledrop's fuzz targets, one function per target, each taking arbitrary
//! bytes. Any input may fail; none may panic, hang or grow memory without bound.
//!
//! `fuzz_targets/*.rs` hand them to libFuzzer (`cargo fuzz run NAME`, coverage-guided); the
//! `replay` example runs them over files (a crash's input, a corpus) without libFuzzer.

use needledrop_app::{App, AppError, IngestRequest};
use needledrop_extract::{extract, structured, ExtractOptions, Format, PreflibKind};
use needledrop_rank::Method as _;
use needledrop_store::SqliteStore;
use std::cell::RefCell;

/// Every target, by name.
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("extract", extract_any),
    ("structured", structured_readers),
    ("rank_csv", rank_csv),
    ("ingest", ingest),
];

/// The first byte picks a format (0: detect it), as `needledrop ingest --format` would.
fn split_format(data: &[u8]) -> Option<(Option<Format>, &[u8])> {
    let (&selector, rest) = data.split_first()?;
    let names = Format::NAMES;
    let format = match usize::from(selector) % (names.len() + 1) {
        0 => None,
        k => names
            .get(k - 1)
            .and_then(|name| name.parse::<Format>().ok()),
    };
    Some((format, rest))
}

/// `needledrop_extract::extract` in every format.
pub fn extract_any(data: &[u8]) {
    let Some((format, document)) = split_format(data) else {
        return;
    };
    let options = ExtractOptions {
        format,
        file_name: None,
    };
    let _ = extract(document, &options);
}

/// The structured readers (CSV, Letterboxd, IMDb, JSON, TOML, PrefLib) on text, without the
/// decoding and format detection in front of them; the first byte picks the reader.
pub fn structured_readers(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let _ = match selector % 9 {
        0 => structured::read_csv(&text),
        1 => structured::read_letterboxd(&text),
        2 => structured::read_imdb(&text),
        3 => structured::read_json(&text),
        4 => structured::read_toml(&text),
        5 => structured::read_preflib(&text, PreflibKind::Soc),
        6 => structured::read_preflib(&text, PreflibKind::Soi),
        7 => structured::read_preflib(&text, PreflibKind::Toc),
        _ => structured::read_preflib(&text, PreflibKind::Toi),
    };
}

/// `needledrop rank --input FILE.csv`'s reader, then a Borda count over what it read.
pub fn rank_csv(data: &[u8]) {
    if let Ok(profile) = needledrop_rank::csv_input::read_csv_bytes(data.to_vec()) {
        let _ = needledrop_rank::positional::Borda::default().aggregate(&profile);
    }
}

/// Ingests before a fresh store: the store grows with every stored input, so it is replaced
/// now and then to keep an hour-long run's memory flat.
const INGESTS_PER_STORE: u32 = 500;

thread_local! {
    static APP: RefCell<Option<(App<SqliteStore>, u32)>> = const { RefCell::new(None) };
}

/// The whole ingest use case (read, store, resolve against the bundled catalog) into an
/// in-memory SQLite store; after a successful ingest the stored lists must read back as ballots.
pub fn ingest(data: &[u8]) {
    let Some((format, document)) = split_format(data) else {
        return;
    };
    APP.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(_, n)| *n >= INGESTS_PER_STORE) {
            let store = SqliteStore::open_in_memory().expect("an in-memory store opens");
            let mut app = App::new(store);
            app.ensure_catalog().expect("the bundled catalog imports");
            *slot = Some((app, 0));
        }
        let (app, count) = slot.as_mut().expect("set above");
        *count += 1;
        let mut request = IngestRequest::new(document.to_vec(), "fuzz-input");
        request.format = format;
        if app.ingest(&request).is_ok() {
            match app.ballots() {
                Ok(_) | Err(AppError::NoLists) => {}
                Err(e) => panic!("stored lists do not read back as ballots: {e}"),
            }
        }
    });
}
