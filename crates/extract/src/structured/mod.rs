//! Structured list files → lists, read strictly (errors carry line numbers).
//!
//! One module per format: [`read_csv`] (a plain list or many `list_id,rank,item` lists),
//! [`read_letterboxd`] and [`read_imdb`] (the sites' list exports), [`read_json`] and
//! [`read_toml`] (needledrop's own schema, documented in `docs/formats.md`), and
//! [`read_preflib`] (PrefLib election files, one list per ballot). A row that cannot be read is
//! an [`ExtractError::AtLine`] with the 1-based line of the document and what was expected;
//! a problem with the file as a whole is an [`ExtractError::Invalid`].

use crate::{ExtractError, PreflibKind};
use needledrop_model::{Entry, List, Order, Rank};
use std::collections::HashMap;

mod csv_file;
mod imdb;
mod json;
mod letterboxd;
mod preflib;
mod schema;
mod table;
mod toml_file;

pub use preflib::{MAX_BALLOTS, MAX_BALLOT_ITEMS};

/// Reads a CSV list: a header naming its columns (`Position,Title,Year`, …) and one row per
/// film; an empty rank makes the row an unranked mention. A `list_id` column splits the rows
/// into one list per id, in order of first appearance.
pub fn read_csv(text: &str) -> Result<Vec<List>, ExtractError> {
    csv_file::read(text)
}

/// Reads a Letterboxd list export: the `Letterboxd list export v7` preamble with the list's
/// name, URL and description, then `Position,Name,Year,URL,Description` rows.
pub fn read_letterboxd(text: &str) -> Result<Vec<List>, ExtractError> {
    letterboxd::read(text)
}

/// Reads an IMDb list export (`Position,Const,…,Title,…,Year,…`), older and newer column sets.
pub fn read_imdb(text: &str) -> Result<Vec<List>, ExtractError> {
    imdb::read(text)
}

/// Reads needledrop's JSON list schema: one list object, an array of them, or `{"lists": […]}`.
pub fn read_json(text: &str) -> Result<Vec<List>, ExtractError> {
    json::read(text)
}

/// Reads needledrop's TOML list schema: one list, or several as `[[lists]]` tables.
pub fn read_toml(text: &str) -> Result<Vec<List>, ExtractError> {
    toml_file::read(text)
}

/// Reads a PrefLib election file; every vote line becomes as many lists (ballots) as its count.
pub fn read_preflib(text: &str, kind: PreflibKind) -> Result<Vec<List>, ExtractError> {
    preflib::read(text, kind)
}

/// An error about one line of the document.
fn at_line(line: usize, message: impl Into<String>) -> ExtractError {
    ExtractError::AtLine {
        line,
        message: message.into(),
    }
}

/// Marks every entry whose rank another entry of the list shares as tied; a tie marker that
/// was printed (`T-5`, `"tied": true`) is kept even when no other entry shares the rank.
fn mark_shared_ranks_tied(entries: &mut [Entry]) {
    let mut counts: HashMap<Rank, usize> = HashMap::new();
    for entry in entries.iter() {
        *counts.entry(entry.rank).or_default() += 1;
    }
    for entry in entries.iter_mut() {
        if counts.get(&entry.rank).copied().unwrap_or(0) > 1 {
            entry.tied = true;
        }
    }
}

/// The direction of a list whose file does not say: counting down when the first entry has a
/// larger rank than the last, up otherwise, unranked without entries.
fn infer_order(entries: &[Entry]) -> Order {
    match (entries.first(), entries.last()) {
        (Some(first), Some(last)) if first.rank > last.rank => Order::Descending,
        (Some(_), Some(_)) => Order::Ascending,
        _ => Order::Unranked,
    }
}

/// At most the first 60 characters of a piece of input, for error messages: a malformed
/// 10 MB line should not be echoed whole.
fn clip(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
