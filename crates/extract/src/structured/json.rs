//! needledrop's list schema in JSON: one list object, an array of them, or `{"lists": […]}`.

use super::at_line;
use super::schema::{self, ListDoc};
use crate::ExtractError;
use needledrop_model::List;

/// Reads a JSON list file.
pub(super) fn read(text: &str) -> Result<Vec<List>, ExtractError> {
    let parsed = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<ListDoc>>(text).map(schema::several_into_lists)
    } else {
        serde_json::from_str::<ListDoc>(text).map(ListDoc::into_lists)
    };
    parsed.map_err(|e| json_error(&e))?
}

/// A serde_json error as a line error: serde_json appends " at line L column C" to its
/// message, which we drop in favour of the line field and a pointer to the schema.
fn json_error(err: &serde_json::Error) -> ExtractError {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let message = format!(
        "{message} (column {}); expected needledrop's list schema (see docs/formats.md)",
        err.column()
    );
    if err.line() == 0 {
        ExtractError::Invalid(message)
    } else {
        at_line(err.line(), message)
    }
}
