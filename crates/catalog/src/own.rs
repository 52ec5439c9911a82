//! needledrop's own catalog format, in TOML or CSV (documented in `docs/catalog.md`).

use crate::error::ImportError;
use crate::imdb::ImdbReader;
use crate::record::Record;
use needledrop_model::{Film, SoundtrackKind, Year};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlCatalog {
    #[serde(default)]
    articles: Vec<String>,
    #[serde(default)]
    film: Vec<TomlFilm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFilm {
    title: String,
    year: Option<i32>,
    #[serde(default)]
    directors: Vec<String>,
    #[serde(default)]
    genres: Vec<String>,
    soundtrack: Option<String>,
    imdb: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// Checks the fields a film row shares between TOML and CSV. `at` says where, for messages.
#[allow(clippy::too_many_arguments)]
fn film(
    path: &Path,
    line: u64,
    title: String,
    year: Option<i32>,
    directors: Vec<String>,
    genres: Vec<String>,
    soundtrack: Option<&str>,
    imdb: Option<String>,
    aliases: Vec<String>,
) -> Result<Film, ImportError> {
    let bad = |reason: String| ImportError::Row {
        path: path.to_path_buf(),
        line,
        reason,
    };
    if title.trim().is_empty() {
        return Err(bad("a film needs a title".into()));
    }
    let year = year
        .map(|y| Year::new(y).map_err(|e| bad(format!("{title:?}: {e}"))))
        .transpose()?;
    let soundtrack_kind = soundtrack
        .filter(|s| !s.is_empty())
        .map(|s| {
            SoundtrackKind::parse(s).ok_or_else(|| {
                bad(format!(
                    "{title:?}: soundtrack {s:?} is not one of score, compilation, original_songs, covers, mixed"
                ))
            })
        })
        .transpose()?;
    if let Some(id) = &imdb {
        let digits = id.strip_prefix("tt").unwrap_or("");
        if digits.len() < 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(format!(
                "{title:?}: imdb id {id:?} is not tt followed by 7+ digits"
            )));
        }
    }
    Ok(Film {
        title: title.trim().to_string(),
        year,
        directors,
        genres,
        soundtrack_kind,
        imdb_id: imdb,
        aliases,
    })
}

/// Reads a TOML catalog from text. `path` is only used in messages.
pub fn parse_toml(text: &str, path: &Path) -> Result<Vec<Record>, ImportError> {
    let parsed: TomlCatalog = toml::from_str(text).map_err(|e| ImportError::Toml {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut records = Vec::with_capacity(parsed.film.len() + 1);
    if !parsed.articles.is_empty() {
        records.push(Record::Articles(parsed.articles));
    }
    for (i, f) in parsed.film.into_iter().enumerate() {
        // TOML films have no line of their own after parsing; number them instead.
        records.push(Record::Film(film(
            path,
            i as u64 + 1,
            f.title,
            f.year,
            f.directors,
            f.genres,
            f.soundtrack.as_deref(),
            f.imdb,
            f.aliases,
        )?));
    }
    Ok(records)
}

/// The CSV header of the own format.
pub const CSV_HEADER: &str = "title,year,directors,genres,soundtrack,imdb,aliases";

/// Reads a CSV catalog (header [`CSV_HEADER`]; list fields separated by `|`).
pub fn parse_csv(text: &str, path: &Path) -> Result<Vec<Record>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::Row {
            path: path.to_path_buf(),
            line: 1,
            reason: e.to_string(),
        })?
        .iter()
        .collect::<Vec<_>>()
        .join(",");
    if header != CSV_HEADER {
        return Err(ImportError::Header {
            path: path.to_path_buf(),
            expected: CSV_HEADER.into(),
            found: header,
        });
    }
    let mut records = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let row = row.map_err(|e| ImportError::Row {
            path: path.to_path_buf(),
            line,
            reason: e.to_string(),
        })?;
        if row.len() != 7 {
            return Err(ImportError::Row {
                path: path.to_path_buf(),
                line,
                reason: format!("expected 7 columns, found {}", row.len()),
            });
        }
        let col = |j: usize| row.get(j).unwrap_or("").trim();
        let list = |j: usize| -> Vec<String> {
            col(j)
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let year = match col(1) {
            "" => None,
            y => Some(y.parse::<i32>().map_err(|_| ImportError::Row {
                path: path.to_path_buf(),
                line,
                reason: format!("year {y:?} is not a number"),
            })?),
        };
        let imdb = Some(col(5)).filter(|s| !s.is_empty()).map(str::to_string);
        records.push(Record::Film(film(
            path,
            line,
            col(0).to_string(),
            year,
            list(2),
            list(3),
            Some(col(4)),
            imdb,
            list(6),
        )?));
    }
    Ok(records)
}

/// An opened catalog source: records read lazily from an IMDb file, or parsed from our own format.
pub enum Source {
    /// An IMDb dataset file.
    Imdb(ImdbReader),
    /// A TOML or CSV catalog of ours, already parsed (these are small).
    Own {
        /// The file.
        path: PathBuf,
        /// Its records.
        records: std::vec::IntoIter<Record>,
    },
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Imdb(r) => r.fmt(f),
            Source::Own { path, .. } => f.debug_struct("Own").field("path", path).finish(),
        }
    }
}

impl Iterator for Source {
    type Item = Result<Record, ImportError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Source::Imdb(r) => r.next(),
            Source::Own { records, .. } => records.next().map(Ok),
        }
    }
}

impl Source {
    /// Opens a file by its name: `.toml`, `.csv`, or IMDb `.tsv` / `.tsv.gz`.
    pub fn open(path: &Path) -> Result<Source, ImportError> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let read = || {
            std::fs::read_to_string(path).map_err(|source| ImportError::Open {
                path: path.to_path_buf(),
                source,
            })
        };
        let records = if name.ends_with(".toml") {
            parse_toml(&read()?, path)?
        } else if name.ends_with(".csv") {
            parse_csv(&read()?, path)?
        } else if name.ends_with(".tsv") || name.ends_with(".tsv.gz") {
            return ImdbReader::open(path).map(Source::Imdb);
        } else {
            return Err(ImportError::UnknownFormat {
                path: path.to_path_buf(),
            });
        };
        Ok(Source::Own {
            path: path.to_path_buf(),
            records: records.into_iter(),
        })
    }

    /// Opens several files in the order they must be imported: IMDb files first (titles, then
    /// akas, crew, names, so references meet known films), then our own files, whose curated
    /// facts win.
    pub fn open_all(paths: &[PathBuf]) -> Result<Vec<Source>, ImportError> {
        let mut sources = paths
            .iter()
            .map(|p| Source::open(p))
            .collect::<Result<Vec<_>, _>>()?;
        sources.sort_by_key(|s| match s {
            Source::Imdb(r) => (0, Some(r.kind())),
            Source::Own { .. } => (1, None),
        });
        Ok(sources)
    }
}
