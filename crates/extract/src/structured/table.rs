//! Column-mapped CSV rows → entries and mentions, shared by the CSV, Letterboxd and IMDb readers.
//!
//! A header row names the columns; each name is matched case-insensitively against the words
//! the three formats use (`Position`/`Rank`/`#`, `Name`/`Title`/`Film`, `Year`, …). Unknown
//! columns are kept in the field count but otherwise ignored, so exports that grow new columns
//! still read.

use super::{at_line, infer_order, mark_shared_ranks_tied};
use crate::ExtractError;
use csv::{ReaderBuilder, StringRecord, StringRecordsIntoIter};
use needledrop_model::{Entry, List, Mention, Rank, SongCitation, Year};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    /// The printed rank; empty makes the row a mention.
    Rank,
    /// The film's title.
    Title,
    /// The release year.
    Year,
    /// Director or composer.
    Credit,
    /// The entry's prose.
    Blurb,
    /// Several songs: `Title — Artist; Title; …`.
    Songs,
    /// One song title.
    Song,
    /// The artist of the row's songs that name none.
    Artist,
    /// Which list of a multi-list file the row belongs to.
    ListId,
    /// A column we do not read (URL, rating, …).
    Ignored,
}

impl Column {
    fn from_name(name: &str) -> Column {
        match name.trim().to_lowercase().as_str() {
            "position" | "rank" | "#" | "no" | "no." | "pos" | "place" | "ranking" => Column::Rank,
            "name" | "title" | "film" | "movie" | "item" | "film title" | "movie title" => {
                Column::Title
            }
            "year" | "release year" => Column::Year,
            "director" | "directors" | "credit" | "composer" => Column::Credit,
            "notes" | "note" | "description" | "blurb" | "comment" | "comments" | "review" => {
                Column::Blurb
            }
            "songs" => Column::Songs,
            "song" => Column::Song,
            "artist" | "artists" => Column::Artist,
            "list_id" | "list id" | "list" => Column::ListId,
            _ => Column::Ignored,
        }
    }
}

/// The columns of a table, in order. When two columns mean the same thing, the first is read.
#[derive(Debug, Clone)]
pub(super) struct Header {
    columns: Vec<Column>,
    names: Vec<String>,
}

impl Header {
    /// Names each column of a header row.
    pub(super) fn from_record(record: &StringRecord) -> Header {
        let names: Vec<String> = record.iter().map(|n| n.trim().to_string()).collect();
        let mut columns: Vec<Column> = names.iter().map(|n| Column::from_name(n)).collect();
        for i in 0..columns.len() {
            if columns[..i].contains(&columns[i]) {
                columns[i] = Column::Ignored;
            }
        }
        Header { columns, names }
    }

    /// Columns given by position, for a headerless `rank,title[,year]` file.
    pub(super) fn positional(width: usize) -> Header {
        let all = [Column::Rank, Column::Title, Column::Year];
        let columns: Vec<Column> = all.iter().copied().take(width).collect();
        let names = ["rank", "title", "year"]
            .iter()
            .take(width)
            .map(|s| s.to_string())
            .collect();
        Header { columns, names }
    }

    /// Whether some column holds this.
    pub(super) fn has(&self, column: Column) -> bool {
        self.columns.contains(&column)
    }

    /// The columns' names, comma-separated, for messages.
    pub(super) fn describe(&self) -> String {
        self.names.join(",")
    }

    fn field<'r>(&self, record: &'r StringRecord, column: Column) -> Option<&'r str> {
        let index = self.columns.iter().position(|c| *c == column)?;
        record.get(index).map(str::trim)
    }
}

/// One data row, read and checked.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// The row's `list_id`, when the table has that column.
    pub(super) list_id: Option<String>,
    /// The rank and whether a tie marker was printed; `None` for a mention.
    pub(super) rank: Option<(Rank, bool)>,
    /// The film's title.
    pub(super) title: String,
    /// The release year.
    pub(super) year: Option<Year>,
    /// Director or composer.
    pub(super) credit: Option<String>,
    /// The entry's prose.
    pub(super) blurb: String,
    /// Songs the row names.
    pub(super) songs: Vec<SongCitation>,
    /// 1-based line where the row starts.
    pub(super) line: usize,
}

/// Every record of a CSV document, whatever its length (the readers check field counts
/// themselves, to say which columns were expected), each with the 1-based line it starts on.
///
/// Lines are counted here from the records' byte offsets rather than taken from the csv
/// crate's line counter, which does not count skipped blank lines consistently.
pub(super) struct Records<'t> {
    text: &'t str,
    inner: StringRecordsIntoIter<&'t [u8]>,
    /// A byte offset already counted up to, and the line it is on.
    counted: (usize, usize),
}

impl<'t> Records<'t> {
    /// A reader over the whole document.
    pub(super) fn new(text: &'t str) -> Records<'t> {
        let inner = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .into_records();
        Records {
            text,
            inner,
            counted: (0, 1),
        }
    }

    /// The line of a byte offset; offsets only grow, so the whole document is scanned once.
    fn line_at(&mut self, byte: Option<u64>) -> usize {
        let bytes = self.text.as_bytes();
        let mut offset = byte
            .and_then(|b| usize::try_from(b).ok())
            .unwrap_or(self.counted.0)
            .clamp(self.counted.0, bytes.len());
        // A record's offset may point at the blank lines skipped before it.
        while matches!(bytes.get(offset), Some(b'\n' | b'\r')) {
            offset += 1;
        }
        let (from, line) = self.counted;
        let newlines = bytes
            .get(from..offset)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        self.counted = (offset, line + newlines);
        self.counted.1
    }

    /// The next record and its line, or `None` at the end of the document.
    ///
    /// Spreadsheets save rows of empty cells (`,,,`) and lines of spaces; those are skipped
    /// as blank lines, not reported as malformed rows.
    pub(super) fn next_record(&mut self) -> Result<Option<(StringRecord, usize)>, ExtractError> {
        loop {
            match self.inner.next() {
                None => return Ok(None),
                Some(Ok(record)) => {
                    let line = self.line_at(record.position().map(|p| p.byte()));
                    if record.iter().all(|field| field.trim().is_empty()) {
                        continue;
                    }
                    return Ok(Some((record, line)));
                }
                Some(Err(err)) => {
                    let line = self.line_at(err.position().map(|p| p.byte()));
                    return Err(at_line(line, format!("unreadable CSV: {err}")));
                }
            }
        }
    }
}

/// Reads one data row against the header.
pub(super) fn read_row(
    header: &Header,
    record: &StringRecord,
    line: usize,
) -> Result<Row, ExtractError> {
    if record.len() != header.columns.len() {
        return Err(at_line(
            line,
            format!(
                "expected {} fields ({}), found {}",
                header.columns.len(),
                header.describe(),
                record.len()
            ),
        ));
    }
    let title = header.field(record, Column::Title).unwrap_or("");
    if title.is_empty() {
        return Err(at_line(line, "expected a title, found an empty field"));
    }
    let rank = match header.field(record, Column::Rank) {
        Some(cell) => parse_rank(cell).map_err(|m| at_line(line, m))?,
        None => None,
    };
    let year = match header.field(record, Column::Year) {
        Some(cell) => parse_year(cell).map_err(|m| at_line(line, m))?,
        None => None,
    };
    let list_id = match header.field(record, Column::ListId) {
        Some("") => return Err(at_line(line, "expected a list id, found an empty field")),
        Some(id) => Some(id.to_string()),
        None => None,
    };
    let non_empty = |column| {
        header
            .field(record, column)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let artist = non_empty(Column::Artist);
    let mut songs = Vec::new();
    if let Some(cell) = non_empty(Column::Songs) {
        songs.extend(parse_songs(&cell, artist.as_deref()));
    }
    if let Some(song) = non_empty(Column::Song) {
        songs.push(SongCitation {
            title: song,
            artist: artist.clone(),
        });
    }
    Ok(Row {
        list_id,
        rank,
        title: title.to_string(),
        year,
        credit: non_empty(Column::Credit),
        blurb: non_empty(Column::Blurb).unwrap_or_default(),
        songs,
        line,
    })
}

/// A rank cell: a whole number, `T-5`/`T5`/`5=` for a printed tie, `#5` or `5.` as printed,
/// or empty for an unranked mention.
pub(super) fn parse_rank(cell: &str) -> Result<Option<(Rank, bool)>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let mut digits = cell.trim_start_matches('#').trim_end_matches('.');
    let mut tie = false;
    if let Some(rest) = digits.strip_prefix(['T', 't']) {
        digits = rest.strip_prefix('-').unwrap_or(rest);
        tie = true;
    }
    if let Some(rest) = digits.strip_suffix('=') {
        digits = rest;
        tie = true;
    }
    let expected = || {
        format!("expected a rank (a whole number from 1, `T-5` or `5=` for a tie, or nothing for an unranked mention), found `{}`", super::clip(cell))
    };
    let n: u32 = digits.trim().parse().map_err(|_| expected())?;
    let rank = Rank::new(n).map_err(|e| format!("{}: {e}", expected()))?;
    Ok(Some((rank, tie)))
}

/// A year cell: a year such as 1994, or empty.
pub(super) fn parse_year(cell: &str) -> Result<Option<Year>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let expected = || {
        format!(
            "expected a year such as 1994 (or nothing), found `{}`",
            super::clip(cell)
        )
    };
    let y: i32 = cell.parse().map_err(|_| expected())?;
    Year::new(y)
        .map(Some)
        .map_err(|e| format!("{}: {e}", expected()))
}

/// A songs cell: songs separated by `;`, each `Title` or `Title — Artist` (an em dash, an en
/// dash or a spaced hyphen); songs that name no artist get the row's `Artist`, if any.
fn parse_songs(cell: &str, default_artist: Option<&str>) -> Vec<SongCitation> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|song| {
            let split = [" — ", " – ", " - "]
                .iter()
                .filter_map(|sep| song.split_once(sep))
                .min_by_key(|(title, _)| title.len());
            match split {
                Some((title, artist)) if !title.trim().is_empty() && !artist.trim().is_empty() => {
                    SongCitation {
                        title: title.trim().to_string(),
                        artist: Some(artist.trim().to_string()),
                    }
                }
                _ => SongCitation {
                    title: song.to_string(),
                    artist: default_artist.map(str::to_string),
                },
            }
        })
        .collect()
}

/// Rows → one list: ranked rows become entries, the rest mentions (their songs go to the list).
pub(super) fn build_list(rows: Vec<Row>) -> List {
    let mut list = List::default();
    for row in rows {
        match row.rank {
            Some((rank, tied)) => list.entries.push(Entry {
                rank,
                tied,
                title: row.title,
                year: row.year,
                credit: row.credit,
                blurb: row.blurb,
                songs: row.songs,
                line: Some(row.line),
            }),
            None => {
                list.mentions.push(Mention {
                    title: row.title,
                    year: row.year,
                });
                list.songs.extend(row.songs);
            }
        }
    }
    mark_shared_ranks_tied(&mut list.entries);
    list.order = infer_order(&list.entries);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tie_markers_are_read_as_ties() {
        for cell in ["T-5", "t5", "5=", "T5"] {
            let (rank, tie) = parse_rank(cell).unwrap().unwrap();
            assert_eq!((rank.get(), tie), (5, true), "{cell}");
        }
        assert_eq!(
            parse_rank("#7").unwrap().map(|(r, t)| (r.get(), t)),
            Some((7, false))
        );
        assert_eq!(parse_rank(" ").unwrap(), None);
    }

    #[test]
    fn rank_zero_and_words_are_rejected() {
        assert!(parse_rank("0").is_err());
        assert!(parse_rank("first").is_err());
        assert!(parse_rank("-3").is_err());
    }

    #[test]
    fn song_cells_split_title_and_artist() {
        let songs = parse_songs(
            "New Slang — The Shins; Let Go; In the Waiting Line - Zero 7",
            Some("X"),
        );
        assert_eq!(songs.len(), 3);
        assert_eq!(songs[0].artist.as_deref(), Some("The Shins"));
        assert_eq!(songs[1].artist.as_deref(), Some("X"));
        assert_eq!(songs[2].title, "In the Waiting Line");
    }

    #[test]
    fn duplicate_column_names_read_the_first() {
        let header =
            Header::from_record(&StringRecord::from(vec!["Title", "Original Title", "Name"]));
        assert_eq!(
            header.columns,
            vec![Column::Title, Column::Ignored, Column::Ignored]
        );
    }
}
