//! needledrop's own list schema, shared by the JSON and TOML readers (see `docs/formats.md`).
//!
//! It mirrors [`needledrop_model::List`]: the same field names, ranks and years checked by the
//! model's own rules, and unknown fields refused so that a typo (`mentons`) is an error, not a
//! silently empty list. Every field the model serialises is accepted (`line`, `warnings`,
//! `reading`, `confidence`), so what `show list --json` or `ingest --dry-run --json` prints can
//! be edited and read back. A file holds one list, or several under `lists`.

use super::{infer_order, mark_shared_ranks_tied};
use crate::ExtractError;
use needledrop_model::{Entry, List, Mention, Order, Rank, SongCitation, Year};
use serde::Deserialize;

/// One list as written in a file; at the top level, `lists` may hold several instead.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListDoc {
    /// Several lists in one file (top level only).
    #[serde(default)]
    lists: Option<Vec<ListDoc>>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    order: Option<Order>,
    #[serde(default)]
    declared_size: Option<u32>,
    #[serde(default)]
    entries: Vec<EntryDoc>,
    #[serde(default)]
    mentions: Vec<MentionDoc>,
    #[serde(default)]
    songs: Vec<SongDoc>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    reading: Option<String>,
    #[serde(default)]
    confidence: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryDoc {
    rank: Rank,
    #[serde(default)]
    tied: bool,
    title: String,
    #[serde(default)]
    year: Option<Year>,
    #[serde(default)]
    credit: Option<String>,
    #[serde(default)]
    blurb: String,
    #[serde(default)]
    songs: Vec<SongDoc>,
    /// The line of the source document the entry was read from.
    #[serde(default)]
    line: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MentionDoc {
    title: String,
    #[serde(default)]
    year: Option<Year>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SongDoc {
    title: String,
    #[serde(default)]
    artist: Option<String>,
}

impl ListDoc {
    /// The lists a top-level document holds, checked.
    pub(super) fn into_lists(mut self) -> Result<Vec<List>, ExtractError> {
        match self.lists.take() {
            None => Ok(vec![self.into_list("the list")?]),
            Some(lists) => {
                if !self.is_blank() {
                    return Err(ExtractError::Invalid(
                        "a file with `lists` holds only lists: move `title`, `entries` and the other fields into one of them".into(),
                    ));
                }
                if lists.is_empty() {
                    return Err(ExtractError::Invalid(
                        "`lists` is empty: expected at least one list".into(),
                    ));
                }
                several_into_lists(lists)
            }
        }
    }

    fn is_blank(&self) -> bool {
        self.title.is_none()
            && self.outlet.is_none()
            && self.author.is_none()
            && self.url.is_none()
            && self.date.is_none()
            && self.order.is_none()
            && self.declared_size.is_none()
            && self.entries.is_empty()
            && self.mentions.is_empty()
            && self.songs.is_empty()
            && self.notes.is_empty()
            && self.warnings.is_empty()
            && self.reading.is_none()
            && self.confidence.is_none()
    }

    /// One list, checked; `which` names it in messages ("list 2").
    fn into_list(self, which: &str) -> Result<List, ExtractError> {
        let invalid = |what: String| ExtractError::Invalid(format!("{which}: {what}"));
        if self.lists.is_some() {
            return Err(invalid(
                "`lists` may only stand at the top of the file, not inside a list".into(),
            ));
        }
        if self.entries.is_empty() && self.mentions.is_empty() {
            return Err(invalid(
                "expected at least one entry (`entries`) or mention (`mentions`)".into(),
            ));
        }
        if self.order == Some(Order::Unranked) && !self.entries.is_empty() {
            return Err(invalid(
                "`order` is \"unranked\" but the list has ranked entries: use \"descending\" or \"ascending\", or move them to `mentions`".into(),
            ));
        }
        let mut entries = Vec::with_capacity(self.entries.len());
        for (i, e) in self.entries.into_iter().enumerate() {
            let title = non_blank(e.title).ok_or_else(|| {
                invalid(format!(
                    "entry {} (rank {}) has an empty title",
                    i + 1,
                    e.rank
                ))
            })?;
            let songs = songs(e.songs).map_err(|n| {
                invalid(format!(
                    "song {n} of entry {} ({title}) has an empty title",
                    i + 1
                ))
            })?;
            entries.push(Entry {
                rank: e.rank,
                tied: e.tied,
                title,
                year: e.year,
                credit: e.credit.and_then(non_blank),
                blurb: e.blurb.trim().to_string(),
                songs,
                line: e.line,
            });
        }
        let mut mentions = Vec::with_capacity(self.mentions.len());
        for (i, m) in self.mentions.into_iter().enumerate() {
            let title = non_blank(m.title)
                .ok_or_else(|| invalid(format!("mention {} has an empty title", i + 1)))?;
            mentions.push(Mention {
                title,
                year: m.year,
            });
        }
        let list_songs =
            songs(self.songs).map_err(|n| invalid(format!("song {n} has an empty title")))?;
        mark_shared_ranks_tied(&mut entries);
        let order = self.order.unwrap_or_else(|| infer_order(&entries));
        Ok(List {
            title: self.title.and_then(non_blank),
            outlet: self.outlet.and_then(non_blank),
            author: self.author.and_then(non_blank),
            url: self.url.and_then(non_blank),
            date: self.date.and_then(non_blank),
            order,
            declared_size: self.declared_size,
            entries,
            mentions,
            songs: list_songs,
            notes: self.notes.into_iter().filter_map(non_blank).collect(),
            warnings: self.warnings.into_iter().filter_map(non_blank).collect(),
            reading: self.reading.and_then(non_blank),
            confidence: self.confidence.filter(|c| (0.0..=1.0).contains(c)),
        })
    }
}

/// Several lists (a top-level array, or `lists`), each checked and named by position.
pub(super) fn several_into_lists(docs: Vec<ListDoc>) -> Result<Vec<List>, ExtractError> {
    if docs.is_empty() {
        return Err(ExtractError::Invalid(
            "the file holds no lists: expected at least one".into(),
        ));
    }
    docs.into_iter()
        .enumerate()
        .map(|(i, doc)| doc.into_list(&format!("list {}", i + 1)))
        .collect()
}

fn non_blank(s: String) -> Option<String> {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == s.len() {
        Some(s)
    } else {
        Some(trimmed.to_string())
    }
}

/// Songs, checked; the error is the 1-based number of the first song without a title.
fn songs(docs: Vec<SongDoc>) -> Result<Vec<SongCitation>, usize> {
    docs.into_iter()
        .enumerate()
        .map(|(i, s)| {
            Ok(SongCitation {
                title: non_blank(s.title).ok_or(i + 1)?,
                artist: s.artist.and_then(non_blank),
            })
        })
        .collect()
}
