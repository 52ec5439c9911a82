//! Articles (plain text, Markdown, HTML) → one ranked list.
//!
//! Owned by the article reader; see the functions below.

use crate::ExtractError;
use needledrop_model::List;

/// Reads a plain-text article.
pub fn read_text(_text: &str) -> Result<List, ExtractError> {
    Err(ExtractError::NoEntries)
}

/// Reads a Markdown article.
pub fn read_markdown(text: &str) -> Result<List, ExtractError> {
    read_text(text)
}

/// Reads an HTML page.
pub fn read_html(_html: &str) -> Result<List, ExtractError> {
    Err(ExtractError::NoEntries)
}
