//! Ingest: a document's bytes → lists read, stored, and resolved to films, as one unit.

use crate::{App, AppError, Result};
use needledrop_extract::{extract, ExtractOptions, Extraction, Format};
use needledrop_model::{Document, List, ListId};
use needledrop_store::{IngestOutcome, ItemFilter, Store};
use serde::Serialize;

/// A document to ingest, with what the user says about it.
#[derive(Debug, Clone, Default)]
pub struct IngestRequest {
    /// The bytes exactly as read.
    pub bytes: Vec<u8>,
    /// Where they came from: a path, or `-` for standard input. Used to detect the format.
    pub name: String,
    /// Read as this format instead of detecting one.
    pub format: Option<Format>,
    /// The list's title, overriding the one found.
    pub title: Option<String>,
    /// The publication or site.
    pub outlet: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// When (YYYY-MM-DD).
    pub date: Option<String>,
}

impl IngestRequest {
    /// A request for these bytes from `name`, with nothing overridden.
    pub fn new(bytes: Vec<u8>, name: &str) -> IngestRequest {
        IngestRequest {
            bytes,
            name: name.to_string(),
            ..IngestRequest::default()
        }
    }

    /// The file name stored with the document (none for standard input).
    fn file_name(&self) -> Option<String> {
        (self.name != "-")
            .then(|| {
                std::path::Path::new(&self.name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
            .flatten()
    }

    /// Checks what the user set.
    fn validate(&self) -> Result<()> {
        if let Some(d) = &self.date {
            if !is_calendar_date(d) {
                return Err(AppError::BadInput(format!(
                    "the date `{d}` is not a calendar date; expected YYYY-MM-DD"
                )));
            }
        }
        Ok(())
    }

    fn apply_overrides(&self, list: &mut List) {
        for (field, value) in [
            (&mut list.title, &self.title),
            (&mut list.outlet, &self.outlet),
            (&mut list.url, &self.url),
            (&mut list.date, &self.date),
        ] {
            if let Some(v) = value {
                *field = Some(v.clone());
            }
        }
    }
}

/// What happened to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IngestStatus {
    /// Read only (a dry run).
    Read,
    /// Stored now.
    Stored,
    /// The same bytes, or the same text up to whitespace and line endings, were stored
    /// before; nothing was written.
    Unchanged,
    /// Stored in place of an earlier list, which kept its id, document and weight.
    Replaced,
}

/// What an ingest read and did.
#[derive(Debug, Clone, Serialize)]
pub struct IngestReport {
    /// The document's name.
    pub file: String,
    /// The format it was read as.
    pub format: String,
    /// What happened.
    pub status: IngestStatus,
    /// The stored lists (new or earlier).
    pub lists: Vec<ListId>,
    /// Ranked entries read.
    pub entries: usize,
    /// Mentions read.
    pub mentions: usize,
    /// Songs read.
    pub songs: usize,
    /// What the reader noticed.
    pub warnings: Vec<String>,
    /// Entries and mentions of the whole store that wait for a person afterwards.
    pub review: usize,
    /// The lists as read.
    #[serde(skip)]
    pub read: Vec<List>,
}

/// Drops control characters (ESC, BEL, …; and tabs and line breaks too unless `multiline`) and
/// the invisible bidirectional overrides, so no field can steer a terminal or hide text.
fn strip_controls(s: &mut String, multiline: bool) {
    let bad = |c: char| {
        (c.is_control() && !(multiline && matches!(c, '\n' | '\t')))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if s.chars().any(bad) {
        s.retain(|c| !bad(c));
    }
}

/// Every text field of a list without control characters, whatever format it came from.
fn sanitize(list: &mut List) {
    for field in [
        &mut list.title,
        &mut list.outlet,
        &mut list.author,
        &mut list.url,
        &mut list.date,
    ]
    .into_iter()
    .flatten()
    {
        strip_controls(field, false);
    }
    for n in list.notes.iter_mut().chain(list.warnings.iter_mut()) {
        strip_controls(n, false);
    }
    for e in &mut list.entries {
        strip_controls(&mut e.title, false);
        if let Some(c) = &mut e.credit {
            strip_controls(c, false);
        }
        strip_controls(&mut e.blurb, true);
    }
    for m in &mut list.mentions {
        strip_controls(&mut m.title, false);
    }
    for s in list
        .entries
        .iter_mut()
        .flat_map(|e| e.songs.iter_mut())
        .chain(list.songs.iter_mut())
    {
        strip_controls(&mut s.title, false);
        if let Some(a) = &mut s.artist {
            strip_controls(a, false);
        }
    }
}

/// Reads a document into lists without storing anything, applying the request's overrides.
pub fn read_document(request: &IngestRequest) -> Result<Extraction> {
    request.validate()?;
    let options = ExtractOptions {
        format: request.format,
        file_name: (request.name != "-").then(|| request.name.clone()),
    };
    let mut extraction = extract(&request.bytes, &options)?;
    for list in &mut extraction.lists {
        request.apply_overrides(list);
        sanitize(list);
    }
    Ok(extraction)
}

fn report(request: &IngestRequest, extraction: &Extraction, status: IngestStatus) -> IngestReport {
    let lists = &extraction.lists;
    IngestReport {
        file: request.name.clone(),
        format: extraction.format.name().to_string(),
        status,
        lists: Vec::new(),
        entries: lists.iter().map(|l| l.entries.len()).sum(),
        mentions: lists.iter().map(|l| l.mentions.len()).sum(),
        songs: lists.iter().map(|l| l.all_songs().count()).sum(),
        warnings: lists
            .iter()
            .flat_map(|l| l.warnings.iter().cloned())
            .chain(extraction.warnings.iter().cloned())
            .collect(),
        review: 0,
        read: lists.clone(),
    }
}

/// What a dry run reports: the lists as read, nothing stored.
pub fn dry_run(request: &IngestRequest) -> Result<IngestReport> {
    let extraction = read_document(request)?;
    Ok(report(request, &extraction, IngestStatus::Read))
}

impl<S: Store> App<S> {
    /// Reads a document, stores it with its lists and resolves every new entry and mention to
    /// a film, all in one transaction: after any failure nothing of it is stored, and no list is
    /// ever stored without its resolutions. The same bytes again store nothing.
    pub fn ingest(&mut self, request: &IngestRequest) -> Result<IngestReport> {
        let extraction = read_document(request)?;
        self.store_reading(request, extraction, request.bytes.clone())
    }

    /// [`App::ingest`] for a request the caller is done with: its bytes move into the stored
    /// document instead of being copied, so a huge article is held once, not twice.
    pub fn ingest_owned(&mut self, mut request: IngestRequest) -> Result<IngestReport> {
        let extraction = read_document(&request)?;
        let bytes = std::mem::take(&mut request.bytes);
        self.store_reading(&request, extraction, bytes)
    }

    /// Stores `bytes` (the request's document) with the lists read from it, and resolves them.
    fn store_reading(
        &mut self,
        request: &IngestRequest,
        extraction: Extraction,
        bytes: Vec<u8>,
    ) -> Result<IngestReport> {
        self.ensure_catalog()?;
        let document = Document::new(bytes, request.file_name(), extraction.format.name());
        let (store, resolver) = self.resolving()?;
        let mut same_text = false;
        let outcome = store.write(|s| -> Result<(IngestOutcome, usize)> {
            let stored = match s.find_document(&document.sha256)? {
                Some(doc) => Some(doc),
                None => {
                    let by_content = s.find_document_by_content(&document.content_sha256)?;
                    same_text = by_content.is_some();
                    by_content
                }
            };
            let (outcome, doc) = match stored {
                Some(doc) => (IngestOutcome::AlreadyStored(s.document_lists(doc)?), doc),
                None => {
                    let doc = s.insert_document(&document)?;
                    let ids = extraction
                        .lists
                        .iter()
                        .enumerate()
                        .map(|(position, list)| s.insert_list(doc, position, list))
                        .collect::<needledrop_store::Result<Vec<_>>>()?;
                    (IngestOutcome::Stored(ids), doc)
                }
            };
            // Only this document's items: storing and resolving are one transaction, so no
            // other list can be waiting (a scan of every stored item cost most of an ingest
            // into a large database). A document stored before is checked again all the same.
            let items = s.items(ItemFilter::UnresolvedOf(doc))?;
            resolver.resolve_items(s, &items)?;
            Ok((outcome, s.review_count()?))
        });
        let (outcome, review) = match outcome {
            Ok(v) => v,
            Err(e) => {
                // The index may hold provisional films the rolled-back transaction never stored.
                self.reload_resolver();
                return Err(e);
            }
        };
        let status = if outcome.is_new() {
            IngestStatus::Stored
        } else {
            IngestStatus::Unchanged
        };
        let mut report = report(request, &extraction, status);
        report.lists = outcome.list_ids().to_vec();
        report.review = review;
        if same_text {
            report.warnings.push(
                "the same text as a stored document, apart from whitespace and line endings".into(),
            );
        }
        Ok(report)
    }

    /// Replaces stored list `id` with the one list the request reads (typically a corrected
    /// copy of that list's JSON), in one transaction: the list keeps its id, its source
    /// document and its weight; its entries and mentions are resolved again, and people's
    /// decisions (links by title, merges) apply to them as before. Errors: the request reads as
    /// anything but one list (bad input), no list `id` (not found); nothing changes then.
    pub fn replace_list(&mut self, id: ListId, request: &IngestRequest) -> Result<IngestReport> {
        let extraction = read_document(request)?;
        let [list] = extraction.lists.as_slice() else {
            return Err(AppError::BadInput(format!(
                "{} holds {} lists; a replacement is exactly one list",
                request.name,
                extraction.lists.len()
            )));
        };
        self.ensure_catalog()?;
        let (store, resolver) = self.resolving()?;
        let review = store.write(|s| -> Result<usize> {
            s.replace_list(id, list)?;
            let items = s.items(ItemFilter::Unresolved)?;
            resolver.resolve_items(s, &items)?;
            Ok(s.review_count()?)
        });
        let review = match review {
            Ok(v) => v,
            Err(e) => {
                self.reload_resolver();
                return Err(e);
            }
        };
        let mut report = report(request, &extraction, IngestStatus::Replaced);
        report.lists = vec![id];
        report.review = review;
        Ok(report)
    }
}

/// True for a real calendar date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 and 2024-02-31
/// no).
pub(crate) fn is_calendar_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::is_calendar_date;

    #[test]
    fn control_characters_never_reach_a_stored_field() {
        use needledrop_model::{Entry, List, Order, Rank};
        let mut list = List::new(Order::Descending);
        list.title = Some("Best\u{1b}]0;pwned\u{7} soundtracks".into());
        let mut e = Entry::new(Rank::new(1).unwrap(), "Drive\u{1b}[2J\u{202E}");
        e.blurb = "Line one.\nLine\ttwo.\u{7}".into();
        list.entries.push(e);
        super::sanitize(&mut list);
        assert_eq!(list.title.as_deref(), Some("Best]0;pwned soundtracks"));
        assert_eq!(list.entries[0].title, "Drive[2J");
        assert_eq!(list.entries[0].blurb, "Line one.\nLine\ttwo.");
    }

    #[test]
    fn dates_must_be_calendar_dates() {
        assert!(is_calendar_date("2024-07-01"));
        assert!(is_calendar_date("2024-02-29"));
        assert!(!is_calendar_date("2023-02-29"));
        assert!(!is_calendar_date("2024-02-31"));
        assert!(!is_calendar_date("July 2024"));
        assert!(!is_calendar_date("2024-13-01"));
        assert!(!is_calendar_date("+024-01-01"));
    }
}
