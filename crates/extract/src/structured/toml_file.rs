//! needledrop's list schema in TOML: one list, or several as `[[lists]]` tables.

use super::at_line;
use super::schema::ListDoc;
use crate::ExtractError;
use needledrop_model::List;

/// Reads a TOML list file.
pub(super) fn read(text: &str) -> Result<Vec<List>, ExtractError> {
    let doc: ListDoc = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
    doc.into_lists()
}

/// A toml error as a line error: the span's start byte gives the line.
fn toml_error(text: &str, err: &toml::de::Error) -> ExtractError {
    let message = format!(
        "{}; expected needledrop's list schema (see docs/formats.md)",
        err.message().trim()
    );
    match err.span() {
        Some(span) => {
            let start = span.start.min(text.len());
            let line = 1 + text
                .as_bytes()
                .get(..start)
                .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
            at_line(line, message)
        }
        None => ExtractError::Invalid(message),
    }
}
