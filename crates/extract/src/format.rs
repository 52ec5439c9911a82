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
    ///
    /// Content rules, in order: HTML tags; a JSON object or array; PrefLib metadata
    /// (`# DATA TYPE: toi`, `# ALTERNATIVE NAME 1: …`) or the older numeric PrefLib layout; a
    /// Letterboxd or IMDb export; a CSV header naming at least two known columns; TOML
    /// (`key = value` or `[[table]]` as the first line that is not a comment); Markdown
    /// headings; plain text otherwise.
    pub fn detect(file_name: Option<&str>, text: &str) -> Format {
        let ext = file_name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        let head: String = text.trim_start().chars().take(400).collect();
        let first_line = head.lines().next().unwrap_or("").trim_end();
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
        } else if head.starts_with('{') || is_json_array(&head) {
            Format::Json
        } else if let Some(kind) = preflib_kind(text) {
            Format::Preflib(kind)
        } else if first_line.starts_with("Letterboxd list export")
            || first_line.contains(',') && is_csv_header(first_line)
        {
            detect_csv_flavour(first_line)
        } else if looks_like_toml(text) {
            Format::Toml
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

/// `[` then `{` or `]`: an array of list objects (a Markdown link `[x](y)` is not one).
fn is_json_array(head: &str) -> bool {
    head.strip_prefix('[')
        .map(str::trim_start)
        .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(']'))
}

/// The kind of a PrefLib file, recognised by its metadata keys or by the older layout (a
/// number of alternatives, then `1,Name`); `None` when the text is not PrefLib.
fn preflib_kind(text: &str) -> Option<PreflibKind> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    if first.starts_with('#') {
        let mut is_preflib = false;
        let mut kind = None;
        for line in text
            .lines()
            .map(str::trim)
            .take_while(|l| l.is_empty() || l.starts_with('#'))
        {
            let Some((key, value)) = line.trim_start_matches('#').split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_uppercase();
            if key == "DATA TYPE" {
                kind = match value.trim().to_ascii_lowercase().as_str() {
                    "soc" => Some(PreflibKind::Soc),
                    "soi" => Some(PreflibKind::Soi),
                    "toc" => Some(PreflibKind::Toc),
                    "toi" => Some(PreflibKind::Toi),
                    _ => None,
                };
            }
            if matches!(
                key.as_str(),
                "DATA TYPE"
                    | "FILE NAME"
                    | "NUMBER ALTERNATIVES"
                    | "NUMBER VOTERS"
                    | "NUMBER UNIQUE ORDERS"
            ) || key.starts_with("ALTERNATIVE NAME")
            {
                is_preflib = true;
            }
        }
        // Incomplete orders with ties is the most permissive kind: it reads every file.
        return is_preflib.then_some(kind.unwrap_or(PreflibKind::Toi));
    }
    let second = lines.next()?;
    let numbered = |l: &str| l.split_once(',').is_some_and(|(n, _)| n.trim() == "1");
    (first.bytes().all(|b| b.is_ascii_digit()) && numbered(second)).then_some(PreflibKind::Toi)
}

/// The first line that is neither blank nor a comment is `key = value`, `[table]` or
/// `[[table]]`, with a bare key.
fn looks_like_toml(text: &str) -> bool {
    let Some(line) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    let bare = |k: &str| {
        !k.is_empty()
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    };
    if let Some(table) = line.strip_prefix('[') {
        // `[name]` or `[[name]]`, then nothing but a comment (a Markdown link is not a table).
        let (double, table) = match table.strip_prefix('[') {
            Some(inner) => (true, inner),
            None => (false, table),
        };
        let close = if double { "]]" } else { "]" };
        return table.split_once(close).is_some_and(|(name, rest)| {
            let rest = rest.trim();
            bare(name.trim()) && (rest.is_empty() || rest.starts_with('#'))
        });
    }
    line.split_once('=').is_some_and(|(key, value)| {
        let value = value.trim_start();
        bare(key.trim())
            && (value.starts_with(['"', '\'', '[', '{'])
                || value.starts_with(|c: char| c.is_ascii_digit())
                || value.starts_with("true")
                || value.starts_with("false"))
    })
}

/// A header line naming at least two columns the CSV readers know.
fn is_csv_header(line: &str) -> bool {
    const KNOWN: &[&str] = &[
        "rank",
        "position",
        "#",
        "no",
        "no.",
        "title",
        "name",
        "film",
        "movie",
        "item",
        "year",
        "list_id",
        "list",
        "director",
        "directors",
        "songs",
        "song",
        "artist",
        "notes",
        "description",
        "const",
    ];
    line.split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .filter(|c| KNOWN.contains(&c.as_str()))
        .count()
        >= 2
}

fn detect_csv_flavour(first_line: &str) -> Format {
    let is_imdb = first_line
        .split(',')
        .any(|c| c.trim().trim_matches('"').eq_ignore_ascii_case("const"));
    if first_line.starts_with("Letterboxd list export") {
        Format::Letterboxd
    } else if is_imdb {
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
    fn toml_is_recognised_after_comments_but_markdown_is_not_toml() {
        let toml = "# Seed list\n\ntitle = \"Best\"\n\n[[entries]]\nrank = 1\n";
        assert_eq!(Format::detect(None, toml), Format::Toml);
        assert_eq!(
            Format::detect(None, "[[lists]]\ntitle = \"x\""),
            Format::Toml
        );
        assert_eq!(
            Format::detect(None, "# Best\n\n1. A = B\n"),
            Format::Markdown
        );
        assert_eq!(Format::detect(None, "Score = great\n10. A"), Format::Text);
    }

    #[test]
    fn preflib_is_recognised_by_its_keys_or_its_older_layout() {
        let v2 = "# TITLE: Vote\n# DATA TYPE: soc\n# ALTERNATIVE NAME 1: A\n1: 1\n";
        assert_eq!(Format::detect(None, v2), Format::Preflib(PreflibKind::Soc));
        let untyped = "# ALTERNATIVE NAME 1: A\n1: 1\n";
        assert_eq!(
            Format::detect(None, untyped),
            Format::Preflib(PreflibKind::Toi)
        );
        let legacy = "2\n1,A\n2,B\n1,1,1\n1,2,1\n";
        assert_eq!(
            Format::detect(None, legacy),
            Format::Preflib(PreflibKind::Toi)
        );
        assert_eq!(Format::detect(None, "# Best of\n\n10. A"), Format::Markdown);
    }

    #[test]
    fn csv_flavours_are_told_apart_by_their_first_line() {
        let imdb = "Position,Const,Created,Modified,Description,Title,URL\n";
        assert_eq!(Format::detect(Some("x.csv"), imdb), Format::Imdb);
        assert_eq!(Format::detect(None, imdb), Format::Imdb);
        let letterboxd = "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n";
        assert_eq!(Format::detect(None, letterboxd), Format::Letterboxd);
        assert_eq!(
            Format::detect(None, "list_id,rank,item\na,1,B"),
            Format::Csv
        );
        assert_eq!(Format::detect(None, "#,Film,Year\n1,A,2000"), Format::Csv);
        assert_eq!(Format::detect(None, "[{\"entries\": []}]"), Format::Json);
        assert_eq!(Format::detect(None, "[link](x) and 10. A"), Format::Text);
    }

    #[test]
    fn unknown_format_names_the_choices() {
        let err = "docx".parse::<Format>().unwrap_err();
        assert!(err.to_string().contains("letterboxd"));
    }
}
