//! Bytes of a document → ranked lists.
//!
//! This crate owns the first stage of the pipeline: it detects a document's format, decodes it,
//! and reads it into [`needledrop_model::List`]s — entries with their printed ranks and ties,
//! honorable mentions, the songs and artists the prose cites, and the list's stated rules. It
//! knows nothing of the catalog or the database.
//!
//! Articles (plain text, Markdown, HTML) are read leniently: the best list that can be found is
//! returned with warnings for what was kept as printed. Structured files (CSV, Letterboxd and
//! IMDb exports, our JSON/TOML schema, PrefLib) are read strictly: a malformed row is an error
//! with its line number.
//!
//! ```
//! use needledrop_extract::{extract, ExtractOptions};
//!
//! let doc = "Best soundtracks\n\n2. Garden State (2004)\n\nA mixtape.\n\n1. Pulp Fiction\n\nSurf rock.\n";
//! let lists = extract(doc.as_bytes(), &ExtractOptions::default()).unwrap();
//! assert_eq!(lists.lists[0].entries[1].title, "Pulp Fiction");
//! ```
#![deny(missing_docs)]

pub mod article;
mod decode;
mod error;
mod format;
pub mod structured;

pub use decode::decode;
pub use error::ExtractError;
pub use format::{Format, PreflibKind, UnknownFormat};

use needledrop_model::List;

/// What the caller knows about a document before reading it.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Read as this format instead of detecting one.
    pub format: Option<Format>,
    /// The file name, used for detection by extension (`lists.csv`, `page.html`).
    pub file_name: Option<String>,
}

/// What one document yielded.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The format the document was read as.
    pub format: Format,
    /// The lists found: one for an article, several for a PrefLib file or a multi-list CSV.
    pub lists: Vec<List>,
    /// Document-level warnings (lossy decoding, for instance); list-level ones live on the lists.
    pub warnings: Vec<String>,
}

/// Reads a document into lists.
///
/// Fails on empty or binary input, on a structured file with a malformed row, and on an article
/// in which no ranked entry can be found.
pub fn extract(bytes: &[u8], options: &ExtractOptions) -> Result<Extraction, ExtractError> {
    let decoded = decode(bytes)?;
    let text: &str = &decoded.text;
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let format = match options.format {
        Some(f) => f,
        None => Format::detect(options.file_name.as_deref(), text),
    };
    let mut lists = match format {
        Format::Text => vec![article::read_text(text)?],
        Format::Markdown => vec![article::read_markdown(text)?],
        Format::Html => vec![article::read_html(text)?],
        Format::Csv => structured::read_csv(text)?,
        Format::Letterboxd => structured::read_letterboxd(text)?,
        Format::Imdb => structured::read_imdb(text)?,
        Format::Json => structured::read_json(text)?,
        Format::Toml => structured::read_toml(text)?,
        Format::Preflib(kind) => structured::read_preflib(text, kind)?,
    };
    let mut warnings = Vec::new();
    if let Some(warning) = decoded.warning {
        for list in &mut lists {
            list.warnings.push(warning.clone());
        }
        warnings.push(warning);
    }
    Ok(Extraction {
        format,
        lists,
        warnings,
    })
}
