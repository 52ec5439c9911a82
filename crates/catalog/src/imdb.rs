//! Streaming reader for the IMDb non-commercial dataset files, in the layout IMDb publishes:
//! tab-separated, one header line, no quoting, `\N` for null, usually gzip-compressed.
//!
//! | file | columns used |
//! | --- | --- |
//! | `title.basics.tsv.gz` | tconst, titleType (only `movie` rows), primaryTitle, originalTitle, startYear, genres |
//! | `title.akas.tsv.gz` | titleId, title, region |
//! | `title.crew.tsv.gz` | tconst, directors |
//! | `name.basics.tsv.gz` | nconst, primaryName |

use crate::error::ImportError;
use crate::record::Record;
use flate2::read::MultiGzDecoder;
use needledrop_model::{Film, Year};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Which IMDb dataset file a reader is reading. The order of the variants is the order in which
/// files must be imported: films first, then what refers to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImdbFile {
    /// `title.basics.tsv.gz`: titles with type, year, genres.
    TitleBasics,
    /// `title.akas.tsv.gz`: other titles of a title.
    TitleAkas,
    /// `title.crew.tsv.gz`: directors and writers of a title.
    TitleCrew,
    /// `name.basics.tsv.gz`: people.
    NameBasics,
}

impl ImdbFile {
    const ALL: [ImdbFile; 4] = [
        ImdbFile::TitleBasics,
        ImdbFile::TitleAkas,
        ImdbFile::TitleCrew,
        ImdbFile::NameBasics,
    ];

    /// The header line IMDb publishes for this file.
    pub fn header(self) -> &'static str {
        match self {
            ImdbFile::TitleBasics => "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres",
            ImdbFile::TitleAkas => "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle",
            ImdbFile::TitleCrew => "tconst\tdirectors\twriters",
            ImdbFile::NameBasics => "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles",
        }
    }

    /// The file name IMDb publishes it under.
    pub fn file_name(self) -> &'static str {
        match self {
            ImdbFile::TitleBasics => "title.basics.tsv.gz",
            ImdbFile::TitleAkas => "title.akas.tsv.gz",
            ImdbFile::TitleCrew => "title.crew.tsv.gz",
            ImdbFile::NameBasics => "name.basics.tsv.gz",
        }
    }

    fn columns(self) -> usize {
        self.header().split('\t').count()
    }

    /// The kind a file name promises (`title.basics.tsv.gz`, `title.basics.tsv`).
    pub fn from_file_name(path: &Path) -> Option<ImdbFile> {
        let name = path.file_name()?.to_str()?;
        let stem = name
            .strip_suffix(".gz")
            .unwrap_or(name)
            .strip_suffix(".tsv")?;
        ImdbFile::ALL
            .into_iter()
            .find(|k| k.file_name().strip_suffix(".tsv.gz") == Some(stem))
    }

    fn from_header(header: &str) -> Option<ImdbFile> {
        ImdbFile::ALL.into_iter().find(|k| k.header() == header)
    }
}

/// Counts bytes read from the underlying file, for progress bars.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An iterator of the records of one IMDb dataset file.
pub struct ImdbReader {
    kind: ImdbFile,
    path: PathBuf,
    reader: csv::Reader<Box<dyn Read>>,
    row: csv::ByteRecord,
    /// Line number of the last row read (the header is line 1).
    line: u64,
    progress: Arc<AtomicU64>,
    done: bool,
}

impl std::fmt::Debug for ImdbReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImdbReader")
            .field("kind", &self.kind)
            .field("path", &self.path)
            .field("line", &self.line)
            .finish()
    }
}

impl ImdbReader {
    /// Opens a dataset file (gzip when its name ends in `.gz`) and checks its header. The kind is
    /// the one the file name promises, or else the one the header shows.
    pub fn open(path: &Path) -> Result<ImdbReader, ImportError> {
        let file = File::open(path).map_err(|source| ImportError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let gz = path.extension().is_some_and(|e| e == "gz");
        ImdbReader::from_reader(file, gz, path)
    }

    /// Reads a dataset from any byte source; `path` is only used in messages and for the kind.
    pub fn from_reader<R: Read + 'static>(
        source: R,
        gzip: bool,
        path: &Path,
    ) -> Result<ImdbReader, ImportError> {
        let progress = Arc::new(AtomicU64::new(0));
        let counted = Counting {
            inner: source,
            count: Arc::clone(&progress),
        };
        let bytes: Box<dyn Read> = if gzip {
            Box::new(MultiGzDecoder::new(BufReader::with_capacity(
                1 << 16,
                counted,
            )))
        } else {
            Box::new(counted)
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .quoting(false)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(bytes);
        let mut header = csv::ByteRecord::new();
        let path_buf = path.to_path_buf();
        let read = reader
            .read_byte_record(&mut header)
            .map_err(|e| read_error(&path_buf, 0, e))?;
        let found = if read {
            String::from_utf8_lossy(&header.iter().collect::<Vec<_>>().join(&b'\t')).into_owned()
        } else {
            String::new()
        };
        let by_name = ImdbFile::from_file_name(path);
        let kind = match (by_name, ImdbFile::from_header(&found)) {
            (Some(named), Some(seen)) if named == seen => named,
            (None, Some(seen)) => seen,
            (Some(named), _) => {
                return Err(ImportError::Header {
                    path: path_buf,
                    expected: named.header().to_string(),
                    found,
                })
            }
            (None, None) => {
                return Err(ImportError::Header {
                    path: path_buf,
                    expected: ImdbFile::ALL
                        .iter()
                        .map(|k| k.header())
                        .collect::<Vec<_>>()
                        .join(" | "),
                    found,
                })
            }
        };
        Ok(ImdbReader {
            kind,
            path: path_buf,
            reader,
            row: csv::ByteRecord::new(),
            line: 1,
            progress,
            done: false,
        })
    }

    /// Which dataset file this is.
    pub fn kind(&self) -> ImdbFile {
        self.kind
    }

    /// Bytes of the (compressed) file consumed so far, shared so a progress bar can poll it.
    pub fn progress(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.progress)
    }

    /// Line number of the last row read.
    pub fn line(&self) -> u64 {
        self.line
    }

    fn row_error(&self, reason: impl Into<String>) -> ImportError {
        ImportError::Row {
            path: self.path.clone(),
            line: self.line,
            reason: reason.into(),
        }
    }

    fn field(&self, i: usize) -> Result<Option<&str>, ImportError> {
        let raw = self.row.get(i).unwrap_or(b"\\N");
        if raw == b"\\N" {
            return Ok(None);
        }
        std::str::from_utf8(raw)
            .map(Some)
            .map_err(|_| self.row_error(format!("column {} is not UTF-8", i + 1)))
    }

    fn required(&self, i: usize, name: &str) -> Result<String, ImportError> {
        match self.field(i)? {
            Some(s) if !s.is_empty() => Ok(s.to_string()),
            _ => Err(self.row_error(format!("{name} is missing"))),
        }
    }

    /// Turns the current row into a record; `None` for rows this importer skips (non-movies).
    fn record(&self) -> Result<Option<Record>, ImportError> {
        let expected = self.kind.columns();
        if self.row.len() != expected {
            return Err(self.row_error(format!(
                "expected {expected} tab-separated columns, found {}",
                self.row.len()
            )));
        }
        Ok(match self.kind {
            ImdbFile::TitleBasics => {
                if self.row.get(1) != Some(b"movie".as_slice()) {
                    return Ok(None);
                }
                let imdb_id = self.required(0, "tconst")?;
                let title = self.required(2, "primaryTitle")?;
                let year = match self.field(5)? {
                    None => None,
                    Some(y) => {
                        let n: i32 = y.parse().map_err(|_| {
                            self.row_error(format!("startYear {y:?} is not a year"))
                        })?;
                        Some(Year::new(n).map_err(|e| self.row_error(e.to_string()))?)
                    }
                };
                let genres = self
                    .field(8)?
                    .map(|g| g.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                let aliases = match self.field(3)? {
                    Some(original) if original != title => vec![original.to_string()],
                    _ => Vec::new(),
                };
                Some(Record::Film(Film {
                    title,
                    year,
                    directors: Vec::new(),
                    genres,
                    soundtrack_kind: None,
                    imdb_id: Some(imdb_id),
                    aliases,
                }))
            }
            ImdbFile::TitleAkas => Some(Record::Alias {
                imdb_id: self.required(0, "titleId")?,
                title: self.required(2, "title")?,
                region: self.field(3)?.map(str::to_string),
            }),
            ImdbFile::TitleCrew => {
                let people: Vec<String> = self
                    .field(1)?
                    .map(|d| d.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                if people.is_empty() {
                    return Ok(None);
                }
                Some(Record::Directors {
                    imdb_id: self.required(0, "tconst")?,
                    people,
                })
            }
            ImdbFile::NameBasics => Some(Record::Person {
                imdb_id: self.required(0, "nconst")?,
                name: self.required(1, "primaryName")?,
            }),
        })
    }
}

fn read_error(path: &Path, line: u64, e: csv::Error) -> ImportError {
    let source = match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    };
    ImportError::Read {
        path: path.to_path_buf(),
        line,
        source,
    }
}

impl Iterator for ImdbReader {
    type Item = Result<Record, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.reader.read_byte_record(&mut self.row) {
                Ok(false) => self.done = true,
                Ok(true) => {
                    self.line += 1;
                    // A blank line (a trailing newline) is not a row.
                    if self.row.len() == 1 && self.row.get(0).is_some_and(<[u8]>::is_empty) {
                        continue;
                    }
                    match self.record() {
                        Ok(Some(record)) => return Some(Ok(record)),
                        Ok(None) => continue,
                        Err(e) => {
                            self.done = true;
                            return Some(Err(e));
                        }
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(read_error(&self.path, self.line, e)));
                }
            }
        }
        None
    }
}
