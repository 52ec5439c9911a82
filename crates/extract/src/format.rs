//! Which reader a document goes to.

use std::fmt;
use std::str::FromStr;

/// The kinds of PrefLib election files we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PreflibKind {
    /// Strict orders, complete.
    Soc,
    /// Strict orders, incomplete.
    Soi,
    /// Orders with ties, complete.
    Toc,
    /// Orders with ties, incomplete.
    Toi,
}

/// A document format needledrop can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A plain-text article.
    Text,
    /// A Markdown article.
    Markdown,
    /// An HTML page.
    Html,
    /// A CSV list (`Rank,Title,Year,…`), or many lists (`list_id,rank,item`).
    Csv,
    /// A Letterboxd list export (CSV with a `Letterboxd list export` preamble).
    Letterboxd,
    /// An IMDb list export (CSV with `Const`, `Position`, `Title`, … columns).
    Imdb,
    /// needledrop's JSON list schema.
    Json,
    /// needledrop's TOML list schema.
    Toml,
    /// A PrefLib election file.
    Preflib(PreflibKind),
}

impl Format {
    /// Every name accepted by `--format`, for help and error messages.
    pub const NAMES: &'static [&'static str] = &[
        "text",
        "markdown",
        "html",
        "csv",
        "letterboxd",
        "imdb",
        "json",
        "toml",
        "soc",
        "soi",
        "toc",
        "toi",
    ];

    /// The format's `--format` name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Letterboxd => "letterboxd",
            Format::Imdb => "imdb",
            Format::Json => "json",
            Format::Toml => "toml",
            Format::Preflib(PreflibKind::Soc) => "soc",
            Format::Preflib(PreflibKind::Soi) => "soi",
            Format::Preflib(PreflibKind::Toc) => "toc",
            Format::Preflib(PreflibKind::Toi) => "toi",
        }
    }

    /// Picks a format from the file name's extension, then from the content.
    pub fn detect(file_name: Option<&str>, text: &str) -> Format {
        let ext = file_name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        let head: String = text.trim_start().chars().take(400).collect();
        let first_line = head.lines().next().unwrap_or("");
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml") => return Format::Html,
            Some("md" | "markdown") => return Format::Markdown,
            Some("json") => return Format::Json,
            Some("toml") => return Format::Toml,
            Some("soc") => return Format::Preflib(PreflibKind::Soc),
            Some("soi") => return Format::Preflib(PreflibKind::Soi),
            Some("toc") => return Format::Preflib(PreflibKind::Toc),
            Some("toi") => return Format::Preflib(PreflibKind::Toi),
            Some("csv") => return detect_csv_flavour(first_line),
            _ => {}
        }
        let lower = head.to_ascii_lowercase();
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.contains("<body")
            || lower.starts_with("<ol")
            || lower.starts_with("<h1")
            || lower.starts_with("<article")
        {
            Format::Html
        } else if head.starts_with('{')
            || head.starts_with('[') && head.trim_start_matches('[').trim_start().starts_with('{')
        {
            Format::Json
        } else if lower.starts_with("# file name:") || lower.starts_with("# data type:") {
            // PrefLib 2 metadata header; the DATA TYPE line says which kind.
            let kind = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("# data type:")
                        .map(|v| v.trim().to_string())
                });
            match kind.as_deref() {
                Some("soc") => Format::Preflib(PreflibKind::Soc),
                Some("toc") => Format::Preflib(PreflibKind::Toc),
                Some("soi") => Format::Preflib(PreflibKind::Soi),
                _ => Format::Preflib(PreflibKind::Toi),
            }
        } else if first_line.starts_with("Letterboxd list export")
            || first_line.to_ascii_lowercase().starts_with("const,")
            || first_line.contains(',') && is_csv_header(first_line)
        {
            detect_csv_flavour(first_line)
        } else if head
            .lines()
            .any(|l| l.starts_with("# ") || l.starts_with("## "))
        {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

fn is_csv_header(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    ["rank", "position", "title", "name", "list_id", "item"]
        .iter()
        .filter(|w| l.split(',').any(|c| c.trim().trim_matches('"') == **w))
        .count()
        >= 2
}

fn detect_csv_flavour(first_line: &str) -> Format {
    if first_line.starts_with("Letterboxd list export") {
        Format::Letterboxd
    } else if first_line
        .to_ascii_lowercase()
        .starts_with("position,const")
        || first_line.to_ascii_lowercase().starts_with("const,")
        || first_line.contains("Const,")
    {
        Format::Imdb
    } else {
        Format::Csv
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A `--format` name that is not one of [`Format::NAMES`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format `{0}`; expected one of: text, markdown, html, csv, letterboxd, imdb, json, toml, soc, soi, toc, toi")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "csv" => Format::Csv,
            "letterboxd" => Format::Letterboxd,
            "imdb" => Format::Imdb,
            "json" => Format::Json,
            "toml" => Format::Toml,
            "soc" => Format::Preflib(PreflibKind::Soc),
            "soi" => Format::Preflib(PreflibKind::Soi),
            "toc" => Format::Preflib(PreflibKind::Toc),
            "toi" => Format::Preflib(PreflibKind::Toi),
            _ => return Err(UnknownFormat(s.to_string())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_decides_first() {
        assert_eq!(Format::detect(Some("a.html"), "10. Barbie"), Format::Html);
        assert_eq!(
            Format::detect(Some("a.toi"), "x"),
            Format::Preflib(PreflibKind::Toi)
        );
    }

    #[test]
    fn content_decides_without_extension() {
        assert_eq!(Format::detect(None, "<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::detect(None, "{\"entries\": []}"), Format::Json);
        assert_eq!(
            Format::detect(None, "Rank,Title,Year\n1,A,2000"),
            Format::Csv
        );
        assert_eq!(Format::detect(None, "# Best\n\n## 10. A"), Format::Markdown);
        assert_eq!(Format::detect(None, "Best\n\n10. A"), Format::Text);
    }

    #[test]
    fn unknown_format_names_the_choices() {
        let err = "docx".parse::<Format>().unwrap_err();
        assert!(err.to_string().contains("letterboxd"));
    }
}
