//! A plain CSV list (`Position,Title,Year,…`), or many lists in `list_id,rank,item` rows.

use super::at_line;
use super::table::{self, Column, Header, Row};
use crate::ExtractError;
use needledrop_model::List;
use std::collections::HashMap;

/// Reads a CSV list or a multi-list CSV.
pub(super) fn read(text: &str) -> Result<Vec<List>, ExtractError> {
    let mut records = table::Records::new(text);
    let Some((first, first_line)) = records.next_record()? else {
        return Err(ExtractError::Invalid(
            "the CSV file has no rows: expected a header such as `Position,Title,Year` and one row per film".into(),
        ));
    };
    let named = Header::from_record(&first);
    // A first row that names a title column is a header; one that starts with a rank is data
    // of a headerless `rank,title[,year]` file; anything else we cannot place.
    let (header, pending) = if named.has(Column::Title) {
        (named, None)
    } else if (2..=3).contains(&first.len())
        && matches!(first.get(0).map(table::parse_rank), Some(Ok(Some(_))))
    {
        (Header::positional(first.len()), Some((first, first_line)))
    } else {
        return Err(at_line(
            first_line,
            format!(
                "expected a header naming a title column (such as `Position,Title,Year` or `list_id,rank,item`), found `{}`",
                named.describe()
            ),
        ));
    };

    let mut rows: Vec<Row> = Vec::new();
    if let Some((record, line)) = pending {
        rows.push(table::read_row(&header, &record, line)?);
    }
    while let Some((record, line)) = records.next_record()? {
        rows.push(table::read_row(&header, &record, line)?);
    }
    if rows.is_empty() {
        return Err(ExtractError::Invalid(format!(
            "the CSV file has a header (`{}`) but no rows: expected one row per film",
            header.describe()
        )));
    }

    if !header.has(Column::ListId) {
        return Ok(vec![table::build_list(rows)]);
    }
    // One list per id, in order of first appearance; rows of a list need not be contiguous.
    let mut ids: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<Row>> = HashMap::new();
    for row in rows {
        let id = row.list_id.clone().unwrap_or_default();
        if !groups.contains_key(&id) {
            ids.push(id.clone());
        }
        groups.entry(id).or_default().push(row);
    }
    Ok(ids
        .into_iter()
        .map(|id| {
            let mut list = table::build_list(groups.remove(&id).unwrap_or_default());
            list.title = Some(id);
            list
        })
        .collect())
}
