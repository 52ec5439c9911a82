//! The IMDb list export.
//!
//! One header row, then one row per title. Newer exports read
//! `Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,
//! Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated`; older
//! ones lack `Original Title` and the rating columns. Columns are found by name, so both read.
//! `Position` is the rank, `Description` the blurb, `Directors` the credit.

use super::at_line;
use super::table::{self, Column, Header, Row};
use crate::ExtractError;
use needledrop_model::List;

/// Reads an IMDb list export.
pub(super) fn read(text: &str) -> Result<Vec<List>, ExtractError> {
    let mut records = table::Records::new(text);
    let Some((first, first_line)) = records.next_record()? else {
        return Err(ExtractError::Invalid(
            "the IMDb export is empty: expected a `Position,Const,…,Title,…` header".into(),
        ));
    };
    let header = Header::from_record(&first);
    let has_const = first.iter().any(|n| n.trim().eq_ignore_ascii_case("const"));
    if !(has_const && header.has(Column::Rank) && header.has(Column::Title)) {
        return Err(at_line(
            first_line,
            format!(
                "expected an IMDb list export header with `Position`, `Const` and `Title` columns, found `{}`",
                header.describe()
            ),
        ));
    }
    let mut rows: Vec<Row> = Vec::new();
    while let Some((record, line)) = records.next_record()? {
        let row = table::read_row(&header, &record, line)?;
        // IMDb numbers every item of a list; a missing position means a damaged file.
        if row.rank.is_none() {
            return Err(at_line(
                line,
                "expected a position (IMDb numbers every title), found an empty field",
            ));
        }
        rows.push(row);
    }
    if rows.is_empty() {
        return Err(ExtractError::Invalid(
            "the IMDb export has a header but no titles: expected one row per title".into(),
        ));
    }
    Ok(vec![table::build_list(rows)])
}
