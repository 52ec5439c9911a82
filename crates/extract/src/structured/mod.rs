//! Structured list files → lists, read strictly (errors carry line numbers).

use crate::{ExtractError, PreflibKind};
use needledrop_model::List;

fn not_yet(what: &str) -> ExtractError {
    ExtractError::Invalid(format!("{what} files are not readable yet"))
}

/// Reads a CSV list.
pub fn read_csv(_text: &str) -> Result<Vec<List>, ExtractError> {
    Err(not_yet("CSV"))
}

/// Reads a Letterboxd list export.
pub fn read_letterboxd(_text: &str) -> Result<Vec<List>, ExtractError> {
    Err(not_yet("Letterboxd"))
}

/// Reads an IMDb list export.
pub fn read_imdb(_text: &str) -> Result<Vec<List>, ExtractError> {
    Err(not_yet("IMDb"))
}

/// Reads needledrop's JSON list schema.
pub fn read_json(_text: &str) -> Result<Vec<List>, ExtractError> {
    Err(not_yet("JSON"))
}

/// Reads needledrop's TOML list schema.
pub fn read_toml(_text: &str) -> Result<Vec<List>, ExtractError> {
    Err(not_yet("TOML"))
}

/// Reads a PrefLib election file.
pub fn read_preflib(_text: &str, _kind: PreflibKind) -> Result<Vec<List>, ExtractError> {
    Err(not_yet("PrefLib"))
}
