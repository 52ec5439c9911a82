//! The Letterboxd list export.
//!
//! Layout (v7): a `Letterboxd list export v7` line; a `Date,Name,Tags,URL,Description` header
//! and one row about the list; a blank line; then a `Position,Name,Year,URL,Description` header
//! and one row per film. Descriptions may be quoted and span several lines. The list's name
//! becomes its title, its description a note; a film's description becomes its blurb.

use super::at_line;
use super::table::{self, Column, Header, Row};
use crate::ExtractError;
use needledrop_model::List;

const MAGIC: &str = "Letterboxd list export";

/// Reads a Letterboxd list export.
pub(super) fn read(text: &str) -> Result<Vec<List>, ExtractError> {
    let mut records = table::Records::new(text);
    let expected_magic =
        || format!("expected the first line of a Letterboxd list export (`{MAGIC} v7`)");
    let Some((magic, line)) = records.next_record()? else {
        return Err(ExtractError::Invalid(expected_magic()));
    };
    if !magic.get(0).unwrap_or("").trim().starts_with(MAGIC) {
        return Err(at_line(line, expected_magic()));
    }

    let Some((meta_header, meta_header_line)) = records.next_record()? else {
        return Err(ExtractError::Invalid(
            "the Letterboxd export ends after its first line: expected a `Date,Name,Tags,URL,Description` header".into(),
        ));
    };
    let meta_names: Vec<String> = meta_header
        .iter()
        .map(|n| n.trim().to_lowercase())
        .collect();
    if !meta_names.iter().any(|n| n == "name") {
        return Err(at_line(
            meta_header_line,
            "expected the list header `Date,Name,Tags,URL,Description`",
        ));
    }
    let Some((meta, meta_line)) = records.next_record()? else {
        return Err(ExtractError::Invalid(
            "the Letterboxd export has no row about the list: expected one after `Date,Name,Tags,URL,Description`".into(),
        ));
    };
    if meta.len() != meta_names.len() {
        return Err(at_line(
            meta_line,
            format!(
                "expected {} fields ({}), found {}",
                meta_names.len(),
                meta_header.iter().collect::<Vec<_>>().join(","),
                meta.len()
            ),
        ));
    }
    let meta_field = |name: &str| {
        meta_names
            .iter()
            .position(|n| n == name)
            .and_then(|i| meta.get(i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };

    let Some((films_header, films_header_line)) = records.next_record()? else {
        return Err(ExtractError::Invalid(
            "the Letterboxd export lists no films: expected a `Position,Name,Year,URL,Description` header and rows".into(),
        ));
    };
    let header = Header::from_record(&films_header);
    if !header.has(Column::Title) {
        return Err(at_line(
            films_header_line,
            format!(
                "expected the films header `Position,Name,Year,URL,Description`, found `{}`",
                header.describe()
            ),
        ));
    }
    let mut rows: Vec<Row> = Vec::new();
    while let Some((record, line)) = records.next_record()? {
        rows.push(table::read_row(&header, &record, line)?);
    }
    if rows.is_empty() {
        return Err(ExtractError::Invalid(
            "the Letterboxd export lists no films: expected rows after the `Position,Name,Year,URL,Description` header".into(),
        ));
    }
    let mut list = table::build_list(rows);
    list.title = meta_field("name");
    list.url = meta_field("url");
    list.date = meta_field("date");
    list.notes.extend(meta_field("description"));
    Ok(vec![list])
}
