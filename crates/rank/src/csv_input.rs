//! Reading lists from CSV: header `list_id,rank,item`, one row per named item.
//!
//! An empty `rank` is an unranked mention; equal ranks inside one list are a tie, and a rank may
//! also be written as a tie the way lists print one (`T-5`, `T5` or `5=`, all meaning rank 5).
//! Fields are trimmed of surrounding whitespace. Rows of one list need not be contiguous; lists
//! keep the order in which their first row appears, and items are numbered list by list (a
//! list's ranked rows in file order, then its mentions), the order [`Profile::from_lists`] gives.
//!
//! # How large files are read
//!
//! [`read_csv`] reads the bytes once ([`read_file`] maps a large file rather than copying it)
//! and, when the file has no quoted fields (the usual case), splits them at line boundaries into
//! chunks that are parsed in parallel (rayon): each line is scanned once for its two commas and
//! its end, fields are borrowed slices of the buffer, trimmed without copying, ranks parsed as
//! small integers, and list ids and items interned per chunk into dense ids (keys of up to 16
//! bytes packed into two words, hashed with a full-width mix, in a table whose slots are
//! prefetched a few rows ahead), so no row allocates. The chunks' keys are merged in file order,
//! lists and items side by side. When each list's rows are contiguous (how files are
//! written) every list is built straight from its run of rows, in parallel; otherwise the rows
//! are first grouped per list with a counting sort. A file with quotes (or a lone carriage
//! return, invalid UTF-8, or an unexpected header) is read by the general CSV reader instead;
//! all paths accept the same files, give the same profile and report the same errors with the
//! same line numbers.

use crate::profile::{Ballot, ItemId, ListInput, Profile, RankedEntry};
use crate::RankError;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::io::Read;

/// Reads a profile from CSV text (see the module docs).
///
/// Errors: a missing or wrong header, a row without three fields, a rank that is not a whole
/// number from 1 up, or an empty item — each with its 1-based line number; plus everything
/// [`Profile::from_lists`] rejects.
pub fn read_csv<R: Read>(mut reader: R) -> Result<Profile, RankError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| RankError::Csv {
        line: 1,
        message: format!("cannot read the input: {e}"),
    })?;
    read_csv_bytes(bytes)
}

/// [`read_csv`] over a file, read with [`read_file`].
pub fn read_csv_file(path: impl AsRef<std::path::Path>) -> Result<Profile, RankError> {
    let bytes = read_file(path.as_ref()).map_err(|e| RankError::Csv {
        line: 1,
        message: format!("cannot read {}: {e}", path.as_ref().display()),
    })?;
    read_csv_bytes(bytes)
}

/// Files from this size up are mapped rather than copied.
const MAP_BYTES: u64 = 8 << 20;

/// A file's bytes: mapped when it is a large regular file, else read into memory.
pub enum FileBytes {
    /// Read into memory.
    Read(Vec<u8>),
    /// Mapped from the page cache.
    Mapped(memmap2::Mmap),
}

impl From<Vec<u8>> for FileBytes {
    fn from(bytes: Vec<u8>) -> FileBytes {
        FileBytes::Read(bytes)
    }
}

impl FileBytes {
    /// Lets go of the pages of `part` (a slice of these bytes) that a mapped file holds in this
    /// process, once they are read: with 1,000,000 lists the file is 431 MB, and it would
    /// otherwise stay resident beside the rows parsed out of it. Bytes read into memory stay.
    fn release(&self, part: &[u8]) {
        #[cfg(unix)]
        if let FileBytes::Mapped(map) = self {
            let offset = (part.as_ptr() as usize).wrapping_sub(map.as_ptr() as usize);
            if offset
                .checked_add(part.len())
                .is_some_and(|end| end <= map.len())
            {
                // SAFETY: the map is private and only ever read. MADV_DONTNEED drops its page
                // table entries; a later read (a key, or the general reader re-reading the
                // file) faults the same bytes back in from the page cache, so nothing that
                // borrows the map sees a change.
                let _ = unsafe {
                    map.unchecked_advise_range(
                        memmap2::UncheckedAdvice::DontNeed,
                        offset,
                        part.len(),
                    )
                };
            }
        }
        #[cfg(not(unix))]
        let _ = part;
    }
}

impl AsRef<[u8]> for FileBytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            FileBytes::Read(bytes) => bytes,
            FileBytes::Mapped(map) => map,
        }
    }
}

/// Reads a whole file, as `std::fs::read` does, except that a regular file of 8 MB or more is
/// mapped with its pages populated up front: copying a large CSV into fresh memory costs more
/// than parsing it (every new page is a fault), while the mapped pages are already cached.
pub fn read_file(path: &std::path::Path) -> std::io::Result<FileBytes> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() >= MAP_BYTES {
        // SAFETY: the map is only read, and dropped once the file is parsed. Like every
        // program that maps its input (ripgrep, for one), it relies on the file not being
        // truncated or rewritten during that time; a change would show up as garbled rows.
        let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) };
        if let Ok(map) = map {
            return Ok(FileBytes::Mapped(map));
        }
    }
    std::fs::read(path).map(FileBytes::Read)
}

/// [`read_csv`] over bytes already in memory or mapped (dropped, or unmapped, as soon as they
/// are parsed).
pub fn read_csv_bytes(bytes: impl Into<FileBytes>) -> Result<Profile, RankError> {
    let bytes: FileBytes = bytes.into();
    match fast::parse(bytes.as_ref(), &|part| bytes.release(part)) {
        Some(parsed) => {
            let parsed = parsed?;
            drop(bytes);
            parsed.into_profile()
        }
        None => read_lists(std::io::Cursor::new(bytes.as_ref())).and_then(Profile::from_lists),
    }
}

/// Reads the lists of a CSV file without building a profile (so the caller can adjust
/// weights or labels first). This is the general (sequential) reader.
pub fn read_lists<R: Read>(reader: R) -> Result<Vec<ListInput>, RankError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header = rdr.headers().map_err(|e| csv_error(&e, 1))?.clone();
    let names: Vec<&str> = header.iter().collect();
    if names != ["list_id", "rank", "item"] {
        return Err(RankError::Csv {
            line: 1,
            message: format!(
                "expected the header `list_id,rank,item`, found `{}`",
                names.join(",")
            ),
        });
    }
    let mut lists: Vec<ListInput> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line_guess = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&e, line_guess)),
        }
        let line = record.position().map_or(line_guess, |p| p.line());
        if record.len() != 3 {
            return Err(RankError::Csv {
                line,
                message: field_count_message(record.len()),
            });
        }
        let (list_id, rank, item) = (&record[0], &record[1], &record[2]);
        if let Some(message) = empty_field_message(list_id.is_empty(), item.is_empty()) {
            return Err(RankError::Csv { line, message });
        }
        let rank = parse_rank(rank.as_bytes()).map_err(|()| RankError::Csv {
            line,
            message: rank_message(rank),
        })?;
        let slot = *index.entry(list_id.to_string()).or_insert_with(|| {
            lists.push(ListInput {
                label: list_id.to_string(),
                ..ListInput::default()
            });
            lists.len() - 1
        });
        if let Some(list) = lists.get_mut(slot) {
            match rank {
                Some(r) => list.ranked.push((r, item.to_string())),
                None => list.mentions.push(item.to_string()),
            }
        }
    }
    if lists.is_empty() {
        return Err(RankError::NoLists);
    }
    Ok(lists)
}

fn field_count_message(found: usize) -> String {
    format!("expected 3 fields (list_id,rank,item), found {found}")
}

fn empty_field_message(list_empty: bool, item_empty: bool) -> Option<String> {
    if list_empty {
        Some("empty list_id".into())
    } else if item_empty {
        Some("empty item".into())
    } else {
        None
    }
}

fn rank_message(rank: &str) -> String {
    format!("rank `{rank}` is not a whole number from 1 up")
}

/// A trimmed rank field: empty is a mention (`None`); otherwise a whole number from 1 up, in
/// the forms `5`, `+5`, `T-5`, `T5`, `5=` (a printed tie; the tie itself comes from the equal
/// ranks).
fn parse_rank(field: &[u8]) -> Result<Option<u32>, ()> {
    if field.is_empty() {
        return Ok(None);
    }
    let digits = match field {
        [b'T' | b't', b'-', rest @ ..] | [b'T' | b't', rest @ ..] => rest,
        [rest @ .., b'='] => rest,
        [b'+', rest @ ..] => rest,
        _ => field,
    };
    if digits.is_empty() {
        return Err(());
    }
    let mut value: u32 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return Err(());
        }
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u32::from(d - b'0')))
            .ok_or(())?;
    }
    if value == 0 {
        return Err(());
    }
    Ok(Some(value))
}

fn csv_error(e: &csv::Error, fallback_line: u64) -> RankError {
    let line = e.position().map_or(fallback_line, |p| p.line());
    RankError::Csv {
        line,
        message: e.to_string(),
    }
}

/// The parallel, allocation-free path for unquoted files (module docs).
mod fast {
    use super::*;

    /// A row: list (chunk-local, then global), rank (0 = mention), item (chunk-local, then
    /// global key index).
    type Row = [u32; 3];

    /// What one chunk of lines holds.
    struct Chunk {
        rows: Vec<Row>,
        /// Where the list changes: (chunk-local list id, row index), one per run of rows;
        /// dropped once a list comes back.
        runs: Vec<(u32, usize)>,
        /// A list comes back after another one: the chunk's lists are not grouped.
        scattered: bool,
        /// Some row is a mention.
        mentions: bool,
        lists: Keys,
        items: Keys,
        /// Newlines in the chunk.
        newlines: u64,
        /// The first bad row: 0-based line within the chunk, and the message.
        error: Option<(u64, String)>,
        /// The chunk needs the general reader ([`needs_general_reader`]).
        general: bool,
    }

    /// A chunk's distinct keys in first-seen order, copied out of the input so that the input's
    /// pages can be let go as soon as the chunk is parsed (see [`parse`]).
    #[derive(Default)]
    struct Keys {
        bytes: Vec<u8>,
        /// Where each key ends in `bytes`.
        ends: Vec<usize>,
    }

    impl Keys {
        fn copied(keys: &[&[u8]]) -> Keys {
            let mut bytes = Vec::with_capacity(keys.iter().map(|k| k.len()).sum());
            let ends = keys
                .iter()
                .map(|k| {
                    bytes.extend_from_slice(k);
                    bytes.len()
                })
                .collect();
            Keys { bytes, ends }
        }

        fn iter(&self) -> impl Iterator<Item = &[u8]> {
            let starts = std::iter::once(0).chain(self.ends.iter().copied());
            starts
                .zip(&self.ends)
                .map(|(a, &b)| self.bytes.get(a..b).unwrap_or(&[]))
        }
    }

    /// The file parsed: distinct item labels (in first-seen order of the key index), list
    /// labels in first-row order, and each chunk's rows.
    pub(super) struct Parsed {
        item_keys: Vec<String>,
        list_labels: Vec<String>,
        parts: Vec<Part>,
    }

    /// One chunk's rows, with its ids still its own, and the maps from them to the global
    /// list ids and item keys.
    struct Part {
        rows: Vec<Row>,
        runs: Vec<(u32, usize)>,
        scattered: bool,
        mentions: bool,
        lists: Vec<u32>,
        items: Vec<u32>,
    }

    /// Whitespace as `str::trim` sees it, for ASCII bytes.
    fn is_space(b: u8) -> bool {
        matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
    }

    /// Trims like `str::trim` (Unicode whitespace) without allocating.
    fn trim(field: &[u8]) -> &[u8] {
        let mut f = field;
        while let [first, rest @ ..] = f {
            if is_space(*first) {
                f = rest;
            } else {
                break;
            }
        }
        while let [rest @ .., last] = f {
            if is_space(*last) {
                f = rest;
            } else {
                break;
            }
        }
        let non_ascii_edge =
            f.first().is_some_and(|b| *b >= 0x80) || f.last().is_some_and(|b| *b >= 0x80);
        if non_ascii_edge {
            // The buffer is valid UTF-8 and fields end at ASCII bytes, so this cannot fail.
            if let Ok(s) = std::str::from_utf8(f) {
                return s.trim().as_bytes();
            }
        }
        f
    }

    /// `None` when the file needs the general reader; otherwise the parse (or its first error).
    /// `release` is given each chunk of `bytes` once it is parsed (nothing borrows it after).
    pub(super) fn parse(
        bytes: &[u8],
        release: &(dyn Fn(&[u8]) + Sync),
    ) -> Option<Result<Parsed, RankError>> {
        let header_end = memchr::memchr(b'\n', bytes).map_or(bytes.len(), |e| e + 1);
        let header = bytes.get(..header_end)?;
        if strip_eol(header).iter().any(|&b| b == b'"' || b == b'\r') {
            return None;
        }
        let names: Vec<&[u8]> = strip_eol(header).split(|&b| b == b',').map(trim).collect();
        if names != [&b"list_id"[..], b"rank", b"item"] {
            return None;
        }
        let body = bytes.get(header_end..)?;
        let chunks = split_lines(body, rayon::current_num_threads().max(1) * 4);
        let parsed: Vec<Chunk> = chunks
            .into_par_iter()
            .map(|chunk| {
                let parsed = parse_chunk(chunk);
                release(chunk);
                parsed
            })
            .collect();
        if parsed.iter().any(|c| c.general) {
            return None;
        }
        Some(merge(parsed))
    }

    /// True when a chunk needs the general reader: invalid UTF-8, a quote, or a carriage
    /// return that does not end a line (CSV reads a lone one as a line break).
    fn needs_general_reader(chunk: &[u8]) -> bool {
        if std::str::from_utf8(chunk).is_err() {
            return true;
        }
        memchr::memchr2_iter(b'"', b'\r', chunk)
            .any(|at| chunk.get(at) == Some(&b'"') || chunk.get(at + 1) != Some(&b'\n'))
    }

    fn strip_eol(line: &[u8]) -> &[u8] {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        line.strip_suffix(b"\r").unwrap_or(line)
    }

    /// Splits `body` into about `parts` slices, each ending right after a newline (the last
    /// one at the end).
    fn split_lines(body: &[u8], parts: usize) -> Vec<&[u8]> {
        let target = (body.len() / parts).max(1 << 16);
        let mut out = Vec::with_capacity(parts + 1);
        let mut rest = body;
        while !rest.is_empty() {
            if rest.len() <= target {
                out.push(rest);
                break;
            }
            let cut = memchr::memchr(b'\n', rest.get(target..).unwrap_or(&[]))
                .map_or(rest.len(), |i| target + i + 1);
            let (head, tail) = rest.split_at(cut);
            out.push(head);
            rest = tail;
        }
        out
    }

    /// A key of 1 to 16 bytes as two integers without copying byte by byte: two overlapping
    /// 8-byte (or 4-byte, or single-byte) reads from its two ends. For a given length the value
    /// determines the key, so keys are told apart by (length, value).
    fn pack(key: &[u8]) -> Option<(u64, u64)> {
        let len = key.len();
        let word = |at: usize| -> Option<u64> {
            Some(u64::from_le_bytes(key.get(at..at + 8)?.try_into().ok()?))
        };
        let half = |at: usize| -> Option<u64> {
            Some(u64::from(u32::from_le_bytes(
                key.get(at..at + 4)?.try_into().ok()?,
            )))
        };
        let (lo, hi) = match len {
            8..=16 => (word(0)?, word(len - 8)?),
            4..=7 => (half(0)?, half(len - 4)?),
            1..=3 => (
                u64::from(*key.first()?),
                u64::from(*key.get(len / 2)?) | u64::from(*key.last()?) << 8,
            ),
            _ => return None,
        };
        Some((lo, hi))
    }

    /// A folded multiply: every bit of `x` reaches every bit of the result.
    fn fold(x: u64) -> u64 {
        let product = u128::from(x) * u128::from(0x9e37_79b9_7f4a_7c15_u64);
        (product as u64) ^ ((product >> 64) as u64)
    }

    /// Asks the CPU to start loading the cache line at `at` (a hint: it never faults).
    #[inline]
    fn prefetch<T>(at: *const T) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: a prefetch reads nothing into the program and never faults, whatever the
        // address.
        unsafe {
            std::arch::x86_64::_mm_prefetch(at.cast::<i8>(), std::arch::x86_64::_MM_HINT_T0);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = at;
    }

    /// A key hashed ahead of its lookup (the slot where its search starts is already being
    /// fetched): its packed value and hash.
    #[derive(Clone, Copy)]
    struct Probe {
        packed: Option<(u64, u64)>,
        hash: u64,
    }

    /// `a == b`, without a call into `memcmp` for keys of up to 16 bytes (a row's list id is
    /// compared with the previous row's on every row).
    fn same_key(a: &[u8], b: &[u8]) -> bool {
        a.len() == b.len()
            && match (pack(a), pack(b)) {
                (Some(x), Some(y)) => x == y,
                _ => a == b,
            }
    }

    /// Interns keys into dense ids in first-seen order. Keys of 1 to 16 bytes live packed in an
    /// open-addressing table of `[low word, high word, id << 8 | length]` slots,
    /// searched linearly; longer ones (and the empty key) in a map by their bytes. The table is
    /// ours rather than a general map's so that a row's slot can be prefetched while earlier
    /// rows are interned: with 20,000 items, waiting for the slot was a third of reading a row.
    struct Interner<'a> {
        slots: Vec<[u64; 3]>,
        used: usize,
        long: FxHashMap<&'a [u8], u32>,
        keys: Vec<&'a [u8]>,
    }

    impl Default for Interner<'_> {
        fn default() -> Self {
            Interner {
                slots: vec![Interner::EMPTY; 1024],
                used: 0,
                long: FxHashMap::default(),
                keys: Vec::new(),
            }
        }
    }

    impl<'a> Interner<'a> {
        /// An empty slot. Not zero: a table allocated zeroed would have its pages mapped on
        /// the first read and copied again on the first write (a fault and a TLB flush each).
        const EMPTY: [u64; 3] = [0, 0, Interner::FREE];
        /// The tag of an empty slot.
        const FREE: u64 = u64::MAX;

        /// The hash of a packed key of `len` bytes.
        fn hash(lo: u64, hi: u64, len: u64) -> u64 {
            fold(fold(lo ^ len) ^ hi)
        }

        fn slot_of(&self, hash: u64) -> usize {
            hash as usize & (self.slots.len() - 1)
        }

        /// Hashes `key` and prefetches the slot where its search starts.
        fn probe(&self, key: &[u8]) -> Probe {
            let packed = pack(key);
            let hash = packed.map_or(0, |(lo, hi)| Interner::hash(lo, hi, key.len() as u64));
            if packed.is_some() {
                prefetch(self.slots.as_ptr().wrapping_add(self.slot_of(hash)));
            }
            Probe { packed, hash }
        }

        fn get(&mut self, key: &'a [u8]) -> u32 {
            let probe = self.probe(key);
            self.get_probed(key, probe)
        }

        /// The id of `key`, given its [`Interner::probe`].
        fn get_probed(&mut self, key: &'a [u8], probe: Probe) -> u32 {
            let next = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
            let Some((lo, hi)) = probe.packed else {
                let id = *self.long.entry(key).or_insert(next);
                if id == next {
                    self.keys.push(key);
                }
                return id;
            };
            let len = key.len() as u64;
            let mask = self.slots.len() - 1;
            let mut at = self.slot_of(probe.hash);
            loop {
                // `at` is always masked to the table's length, so this `else` is never taken.
                let Some(slot) = self.slots.get_mut(at) else {
                    return next;
                };
                if slot[2] == Interner::FREE {
                    *slot = [lo, hi, u64::from(next) << 8 | len];
                    self.keys.push(key);
                    self.used += 1;
                    if self.used * 4 >= self.slots.len() * 3 {
                        self.grow();
                    }
                    return next;
                }
                if slot[0] == lo && slot[1] == hi && slot[2] & 0xff == len {
                    return (slot[2] >> 8) as u32;
                }
                at = (at + 1) & mask;
            }
        }

        /// Doubles the table (kept at most three quarters full).
        fn grow(&mut self) {
            let doubled = vec![Interner::EMPTY; self.slots.len() * 2];
            let old = std::mem::replace(&mut self.slots, doubled);
            let mask = self.slots.len() - 1;
            for slot in old.into_iter().filter(|s| s[2] != Interner::FREE) {
                let [lo, hi, tag] = slot;
                let mut at = self.slot_of(Interner::hash(lo, hi, tag & 0xff));
                while let Some(s) = self.slots.get_mut(at) {
                    if s[2] == Interner::FREE {
                        *s = slot;
                        break;
                    }
                    at = (at + 1) & mask;
                }
            }
        }
    }

    /// Lines split ahead of their item lookups ([`parse_chunk`]).
    const AHEAD: usize = 16;

    fn parse_chunk(chunk: &[u8]) -> Chunk {
        let mut out = Chunk {
            // About 20 bytes a row: room for every row of a typical file without regrowing
            // (pages never written are never touched).
            rows: Vec::with_capacity(chunk.len() / 12 + 1),
            runs: Vec::new(),
            scattered: false,
            mentions: false,
            lists: Keys::default(),
            items: Keys::default(),
            newlines: 0,
            error: None,
            general: needs_general_reader(chunk),
        };
        if out.general {
            return out;
        }
        let mut items = Interner::default();
        let mut lists = Interner::default();
        let mut last_list: Option<(&[u8], u32)> = None;
        let mut rest = chunk;
        let mut this_line = 0u64;
        // Lines are split a batch ahead of their item lookups, so that the table slots of a
        // batch are on their way from memory while its first rows are interned.
        let mut batch: Vec<(&[u8], u32, &[u8], Probe)> = Vec::with_capacity(AHEAD);
        while !rest.is_empty() && out.error.is_none() {
            batch.clear();
            while batch.len() < AHEAD && !rest.is_empty() {
                let line = next_line(&mut rest);
                if line.newline {
                    out.newlines += 1;
                }
                let at = this_line;
                this_line += 1;
                let Some((list, rank, item)) = line.fields else {
                    if !line.blank {
                        out.error = Some((at, field_count_message(line.field_count)));
                        break;
                    }
                    continue;
                };
                let (list, rank, item) = (trim(list), trim(rank), trim(item));
                if let Some(message) = empty_field_message(list.is_empty(), item.is_empty()) {
                    out.error = Some((at, message));
                    break;
                }
                let rank = match parse_rank(rank) {
                    Ok(r) => r.unwrap_or(0),
                    Err(()) => {
                        let text = String::from_utf8_lossy(rank);
                        out.error = Some((at, rank_message(&text)));
                        break;
                    }
                };
                batch.push((list, rank, item, items.probe(item)));
            }
            for &(list, rank, item, probe) in &batch {
                let list_id = match last_list {
                    Some((key, id)) if same_key(key, list) => id,
                    _ => {
                        let id = lists.get(list);
                        last_list = Some((list, id));
                        if id as usize + 1 == lists.keys.len() {
                            out.runs.push((id, out.rows.len()));
                        } else if !out.scattered {
                            out.scattered = true;
                            out.runs = Vec::new();
                        }
                        id
                    }
                };
                out.mentions |= rank == 0;
                out.rows
                    .push([list_id, rank, items.get_probed(item, probe)]);
            }
        }
        out.lists = Keys::copied(&lists.keys);
        out.items = Keys::copied(&items.keys);
        out
    }

    /// One line of a chunk, split into its fields in a single pass.
    struct Line<'a> {
        /// The three fields, when the line has exactly three.
        fields: Option<(&'a [u8], &'a [u8], &'a [u8])>,
        /// Empty once a final carriage return is dropped (skipped, like the CSV reader does).
        blank: bool,
        /// Commas plus one.
        field_count: usize,
        /// The line ended with a newline (the chunk's last line may not).
        newline: bool,
    }

    /// Takes the next line off `rest`: one scan finds its two commas and its end, so a row's
    /// bytes are read once.
    fn next_line<'a>(rest: &mut &'a [u8]) -> Line<'a> {
        let bytes: &'a [u8] = rest;
        let mut commas = [0usize; 2];
        let mut count = 0usize;
        let mut end = bytes.len();
        for (at, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                end = at;
                break;
            }
            if b == b',' {
                if let Some(slot) = commas.get_mut(count) {
                    *slot = at;
                }
                count += 1;
            }
        }
        let newline = end < bytes.len();
        *rest = bytes.get(end + 1..).unwrap_or(&[]);
        let raw = bytes.get(..end).unwrap_or(&[]);
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let fields = if count == 2 {
            let [a, b] = commas;
            // A carriage return ends the line, not the item: the item stops before it.
            match (line.get(..a), line.get(a + 1..b), line.get(b + 1..)) {
                (Some(list), Some(rank), Some(item)) => Some((list, rank, item)),
                _ => None,
            }
        } else {
            None
        };
        Line {
            fields,
            blank: line.is_empty(),
            field_count: count + 1,
            newline,
        }
    }

    fn to_string(key: &[u8]) -> String {
        String::from_utf8_lossy(key).into_owned()
    }

    /// Merges chunk results in file order: global list ids in first-row order and global item
    /// keys, with each chunk's map from its own ids to them (rows keep their chunk's ids).
    fn merge(chunks: Vec<Chunk>) -> Result<Parsed, RankError> {
        // The first bad row in file order wins; the header is line 1.
        let mut line = 2u64;
        for c in &chunks {
            if let Some((local, message)) = &c.error {
                return Err(RankError::Csv {
                    line: line + local,
                    message: message.clone(),
                });
            }
            line += c.newlines;
        }
        // Lists and items are numbered apart, so the two run side by side.
        let global = |keys: Vec<&Keys>| {
            let mut all = Interner::default();
            let maps: Vec<Vec<u32>> = keys
                .into_iter()
                .map(|k| k.iter().map(|key| all.get(key)).collect())
                .collect();
            let labels: Vec<String> = all.keys.iter().map(|k| to_string(k)).collect();
            (maps, labels)
        };
        let ((list_maps, list_labels), (item_maps, item_keys)) = rayon::join(
            || global(chunks.iter().map(|c| &c.lists).collect()),
            || global(chunks.iter().map(|c| &c.items).collect()),
        );
        let parts = chunks
            .into_iter()
            .zip(list_maps.into_iter().zip(item_maps))
            .map(|(c, (lists, items))| Part {
                rows: c.rows,
                runs: c.runs,
                scattered: c.scattered,
                mentions: c.mentions,
                lists,
                items,
            })
            .collect();
        Ok(Parsed {
            item_keys,
            list_labels,
            parts,
        })
    }

    /// Items are numbered as `Profile::from_lists` numbers them: list by list, a list's ranked
    /// rows before its mentions, each item when first seen.
    struct Numbering {
        id_of: Vec<u32>,
        order: Vec<u32>,
    }

    impl Numbering {
        const UNSET: u32 = u32::MAX;

        fn new(keys: usize) -> Numbering {
            Numbering {
                id_of: vec![Self::UNSET; keys],
                order: Vec::with_capacity(keys),
            }
        }

        fn see(&mut self, key: u32) {
            if let Some(id) = self.id_of.get_mut(key as usize) {
                if *id == Self::UNSET {
                    *id = u32::try_from(self.order.len()).unwrap_or(Self::UNSET);
                    self.order.push(key);
                }
            }
        }

        fn id(&self, key: u32) -> u32 {
            self.id_of.get(key as usize).copied().unwrap_or(0)
        }

        /// The item labels in id order.
        fn labels(&self, item_keys: Vec<String>) -> Vec<String> {
            let mut keys: Vec<Option<String>> = item_keys.into_iter().map(Some).collect();
            self.order
                .iter()
                .map(|&k| {
                    keys.get_mut(k as usize)
                        .and_then(Option::take)
                        .unwrap_or_default()
                })
                .collect()
        }
    }

    fn entry(item: u32, printed_rank: u32) -> RankedEntry {
        RankedEntry {
            item: ItemId(item),
            printed_rank,
            position: 0,
            tie_size: 0,
            tier: 0,
        }
    }

    impl Parsed {
        /// Builds the profile: straight from the rows when each list's rows are contiguous
        /// (how files are written), else after grouping the rows per list.
        pub(super) fn into_profile(self) -> Result<Profile, RankError> {
            if self.parts.iter().all(|p| p.rows.is_empty()) {
                return Err(RankError::NoLists);
            }
            match self.grouped() {
                Some((starts, numbering)) => self.contiguous_profile(&starts, &numbering),
                None => self.sorted_profile(),
            }
        }

        /// When every list's rows are contiguous: where each list starts (a global row index,
        /// one past the end last) and the items numbered. Read off the chunks' runs and keys
        /// when no row is a mention: each chunk numbered its keys in the order its rows name
        /// them, which is then the profile's order too.
        fn grouped(&self) -> Option<(Vec<usize>, Numbering)> {
            if self.parts.iter().any(|p| p.scattered) {
                return None;
            }
            if self.parts.iter().any(|p| p.mentions) {
                return self.grouped_by_rows();
            }
            let mut starts = Vec::with_capacity(self.list_labels.len() + 1);
            let mut offset = 0usize;
            let mut current = None;
            for part in &self.parts {
                for &(l, at) in &part.runs {
                    let list = part.lists.get(l as usize).copied();
                    // Only a chunk's first run can continue the list before it.
                    if list == current {
                        continue;
                    }
                    // A list seen before that comes back: not grouped.
                    if list.map(|l| l as usize) != Some(starts.len()) {
                        return None;
                    }
                    starts.push(offset + at);
                    current = list;
                }
                offset += part.rows.len();
            }
            starts.push(offset);
            let mut numbering = Numbering::new(self.item_keys.len());
            for part in &self.parts {
                for &key in &part.items {
                    numbering.see(key);
                }
            }
            Some((starts, numbering))
        }

        /// [`Parsed::grouped`] row by row, for files with mentions (a list's mentions are
        /// numbered after its ranked rows, wherever they stand).
        fn grouped_by_rows(&self) -> Option<(Vec<usize>, Numbering)> {
            let mut numbering = Numbering::new(self.item_keys.len());
            let mut starts = Vec::with_capacity(self.list_labels.len() + 1);
            let mut mentions: Vec<u32> = Vec::new();
            let mut current = None;
            let mut at = 0usize;
            for part in &self.parts {
                for &[l, rank, i] in &part.rows {
                    let list = part.lists.get(l as usize).copied();
                    if list != current {
                        // A list seen before that comes back: not grouped.
                        if list.map(|l| l as usize) != Some(starts.len()) {
                            return None;
                        }
                        for key in mentions.drain(..) {
                            numbering.see(key);
                        }
                        starts.push(at);
                        current = list;
                    }
                    let key = part.items.get(i as usize).copied().unwrap_or(0);
                    if rank == 0 {
                        mentions.push(key);
                    } else {
                        numbering.see(key);
                    }
                    at += 1;
                }
            }
            for key in mentions.drain(..) {
                numbering.see(key);
            }
            starts.push(at);
            Some((starts, numbering))
        }

        /// The profile of a grouped file: each list built in parallel from its run of rows.
        /// Lists are built a part at a time (those whose first row is in it), and a part's rows
        /// are dropped as soon as its lists are built: a list reads its own part and the ones
        /// after it, never one before. So the rows are not all held beside all the ballots
        /// (with 1,000,000 lists the rows are 240 MB).
        fn contiguous_profile(
            self,
            starts: &[usize],
            numbering: &Numbering,
        ) -> Result<Profile, RankError> {
            let Parsed {
                item_keys,
                list_labels,
                parts,
            } = self;
            // Per part, its item ids mapped straight to the final ids.
            let final_ids: Vec<Vec<u32>> = parts
                .iter()
                .map(|p| p.items.iter().map(|&k| numbering.id(k)).collect())
                .collect();
            // Global row index where each part begins.
            let mut offsets = Vec::with_capacity(parts.len());
            let mut total = 0usize;
            for p in &parts {
                offsets.push(total);
                total += p.rows.len();
            }
            let mut rows: Vec<Vec<Row>> = parts.into_iter().map(|p| p.rows).collect();
            let labels = numbering.labels(item_keys);
            let list_count = list_labels.len();
            let mut names = list_labels.into_iter();
            let mut ballots: Vec<Result<Ballot, RankError>> = Vec::with_capacity(list_count);
            for part in 0..rows.len() {
                let first_list = ballots.len();
                let part_end = offsets.get(part + 1).copied().unwrap_or(total);
                let end_list = starts
                    .get(..list_count)
                    .unwrap_or(&[])
                    .partition_point(|&s| s < part_end);
                let these: Vec<String> = names
                    .by_ref()
                    .take(end_list.saturating_sub(first_list))
                    .collect();
                let held = &rows;
                // Each list is checked and finished as it is built, while its entries are in
                // cache.
                ballots.par_extend(these.into_par_iter().enumerate().map_init(
                    || vec![usize::MAX; labels.len()],
                    |seen, (k, label)| {
                        let l = first_list + k;
                        let (a, b) = (starts[l], starts[l + 1]);
                        let mut ranked = Vec::with_capacity(b - a);
                        let mut mentions = Vec::new();
                        for (p, part_rows) in held.iter().enumerate().skip(part) {
                            let begin = offsets[p];
                            if begin >= b {
                                break;
                            }
                            let from = a.saturating_sub(begin);
                            let to = (b - begin).min(part_rows.len());
                            let ids = &final_ids[p];
                            for &[_, rank, i] in part_rows.get(from..to).unwrap_or(&[]) {
                                let item = ids.get(i as usize).copied().unwrap_or(0);
                                if rank == 0 {
                                    mentions.push(ItemId(item));
                                } else {
                                    ranked.push(entry(item, rank));
                                }
                            }
                        }
                        Ballot::from_entries(label, ranked, mentions).checked(&labels, seen, l)
                    },
                ));
                if let Some(done) = rows.get_mut(part) {
                    *done = Vec::new();
                }
            }
            let ballots = ballots
                .into_iter()
                .collect::<Result<Vec<Ballot>, RankError>>()?;
            Profile::from_checked(labels, ballots)
        }

        /// The profile of a file whose lists' rows are interleaved: rows grouped per list
        /// (ranked rows, then mentions, each in file order) with a counting sort.
        fn sorted_profile(self) -> Result<Profile, RankError> {
            let Parsed {
                item_keys,
                list_labels,
                parts,
            } = self;
            // Every row with its global list id and item key, read twice (to count, then to
            // place) rather than copied into one more array of all rows.
            let global_rows = || {
                parts.iter().flat_map(|p| {
                    p.rows.iter().map(move |&[l, r, i]| {
                        [
                            p.lists.get(l as usize).copied().unwrap_or(0),
                            r,
                            p.items.get(i as usize).copied().unwrap_or(0),
                        ]
                    })
                })
            };
            let total: usize = parts.iter().map(|p| p.rows.len()).sum();
            let lists = list_labels.len();
            let bucket = |l: u32, r: u32| 2 * l as usize + usize::from(r == 0);
            let mut start = vec![0usize; 2 * lists + 1];
            for [l, r, _] in global_rows() {
                if let Some(s) = start.get_mut(bucket(l, r) + 1) {
                    *s += 1;
                }
            }
            for b in 1..start.len() {
                start[b] += start[b - 1];
            }
            let mut fill = start.clone();
            let mut flat: Vec<(u32, u32)> = vec![(0, 0); total];
            for [l, r, i] in global_rows() {
                if let Some(slot) = fill.get_mut(bucket(l, r)) {
                    if let Some(x) = flat.get_mut(*slot) {
                        *x = (i, r);
                    }
                    *slot += 1;
                }
            }
            drop(parts);
            let mut numbering = Numbering::new(item_keys.len());
            for &(key, _) in &flat {
                numbering.see(key);
            }
            let ballots: Vec<Ballot> = list_labels
                .into_par_iter()
                .enumerate()
                .map(|(l, label)| {
                    let (a, b, c) = (start[2 * l], start[2 * l + 1], start[2 * l + 2]);
                    let ranked = flat
                        .get(a..b)
                        .unwrap_or(&[])
                        .iter()
                        .map(|&(k, r)| entry(numbering.id(k), r))
                        .collect();
                    let mentions = flat
                        .get(b..c)
                        .unwrap_or(&[])
                        .iter()
                        .map(|&(k, _)| ItemId(numbering.id(k)))
                        .collect();
                    Ballot::from_entries(label, ranked, mentions)
                })
                .collect();
            drop(flat);
            Profile::new(numbering.labels(item_keys), ballots)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ranks_ties_and_mentions() {
        let p =
            read_csv("list_id,rank,item\na,1,x\na,2,y\na,2,z\nb,,x\nb,1,w\n".as_bytes()).unwrap();
        assert_eq!(p.ballots().len(), 2);
        assert_eq!(p.ballots()[0].ranked()[2].position, 2);
        assert_eq!(p.ballots()[1].mentions().len(), 1);
        assert_eq!(p.labels(), ["x", "y", "z", "w"]);
    }

    #[test]
    fn a_malformed_row_names_its_line() {
        let err = read_csv("list_id,rank,item\na,1,x\na,two,y\n".as_bytes()).unwrap_err();
        assert!(matches!(err, RankError::Csv { line: 3, .. }), "{err}");
        let err = read_csv("list_id,rank,item\na,1,x\na,2\n".as_bytes()).unwrap_err();
        assert!(matches!(err, RankError::Csv { line: 3, .. }), "{err}");
    }

    #[test]
    fn duplicate_item_in_a_list_is_an_error() {
        let err = read_csv("list_id,rank,item\na,1,x\na,2,x\n".as_bytes()).unwrap_err();
        assert!(matches!(err, RankError::DuplicateItem { .. }));
    }

    #[test]
    fn an_empty_file_has_no_lists() {
        assert!(matches!(
            read_csv("list_id,rank,item\n".as_bytes()),
            Err(RankError::NoLists)
        ));
    }

    #[test]
    fn printed_ties_are_ranks() {
        let p = read_csv("list_id,rank,item\na,1,x\na,T-2,y\na,2=,z\na,T4,w\n".as_bytes()).unwrap();
        let ranks: Vec<(u32, u32)> = p.ballots()[0]
            .ranked()
            .iter()
            .map(|e| (e.printed_rank, e.position))
            .collect();
        assert_eq!(ranks, vec![(1, 1), (2, 2), (2, 2), (4, 4)]);
        for bad in ["T-", "=", "0", "T0", "-3", "2.5", "T-2=", "99999999999"] {
            let csv = format!("list_id,rank,item\na,{bad},x\n");
            assert!(
                matches!(
                    read_csv(csv.as_bytes()),
                    Err(RankError::Csv { line: 2, .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn keys_of_every_length_intern_apart() {
        let mut csv = String::from("list_id,rank,item\n");
        let mut labels = Vec::new();
        for len in 1..=20usize {
            for at in 0..len {
                let mut key = vec![b'a'; len];
                key[at] = b'b';
                labels.push(String::from_utf8(key).unwrap());
            }
            labels.push("a".repeat(len));
        }
        for (i, l) in labels.iter().enumerate() {
            csv.push_str(&format!("list{},1,{l}\n", i));
        }
        let p = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(p.item_count(), labels.len());
        assert_eq!(p.labels(), labels.as_slice());
    }

    #[test]
    fn many_keys_of_every_length_survive_the_table_growing() {
        // Thousands of items of 1 to 20 bytes, differing only in their last characters: the
        // interning table doubles several times and must keep every key apart.
        let mut csv = String::from("list_id,rank,item\n");
        let mut labels = Vec::new();
        for i in 0..6000usize {
            let len = 1 + i % 20;
            let digits = format!("{i:04}");
            let label: String = if len < digits.len() {
                // Short keys: distinct one- to three-byte strings.
                let alphabet: Vec<char> = ('a'..='z').chain('0'..='9').collect();
                let mut k = i;
                (0..len)
                    .map(|_| {
                        let c = alphabet[k % alphabet.len()];
                        k /= alphabet.len();
                        c
                    })
                    .collect()
            } else {
                format!("{}{digits}", "x".repeat(len - digits.len()))
            };
            labels.push(label);
        }
        labels.sort();
        labels.dedup();
        // Each item twice, the second time after the table has grown past it.
        for (i, l) in labels.iter().enumerate() {
            csv.push_str(&format!("L{},{},{l}\n", i / 50, i % 50 + 1));
        }
        for (i, l) in labels.iter().rev().enumerate() {
            csv.push_str(&format!("M{},{},{l}\n", i / 50, i % 50 + 1));
        }
        let p = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(p.labels(), labels.as_slice());
        same(&csv);
    }

    #[test]
    fn a_large_file_is_mapped_and_read_like_bytes_in_memory() {
        read_mapped(&large_csv(""), false);
    }

    #[test]
    fn a_mapped_file_reads_the_same_after_its_pages_are_let_go() {
        // The last row needs the general reader, so the whole file is read again after every
        // chunk's pages were let go.
        let p = read_mapped(&large_csv("\"last list\",1,\"an item, quoted\"\n"), true);
        let last = p.ballots().last().unwrap();
        assert_eq!(last.label(), "last list");
        assert_eq!(p.label(last.ranked()[0].item), "an item, quoted");
    }

    /// `csv` written to a file, mapped (its pages let go first when `release`) and read; checked
    /// against the same bytes read in memory.
    fn read_mapped(csv: &str, release: bool) -> Profile {
        let path = std::env::temp_dir().join(format!(
            "needledrop-mapped-{release}-{}.csv",
            std::process::id()
        ));
        std::fs::write(&path, csv).unwrap();
        let bytes = read_file(&path).unwrap();
        assert!(matches!(bytes, FileBytes::Mapped(_)));
        if release {
            bytes.release(bytes.as_ref());
        }
        assert_eq!(bytes.as_ref(), csv.as_bytes());
        let from_file = read_csv_bytes(bytes);
        std::fs::remove_file(&path).unwrap();
        let from_file = from_file.unwrap();
        assert_eq!(from_file, read_csv(csv.as_bytes()).unwrap());
        from_file
    }

    /// A CSV larger than [`MAP_BYTES`], ending with `tail`.
    fn large_csv(tail: &str) -> String {
        let mut csv = String::from("list_id,rank,item\n");
        let mut l = 0u32;
        while csv.len() <= MAP_BYTES as usize {
            for r in 1..=20u32 {
                csv.push_str(&format!("list{l},{r},item{}\n", (l * 31 + r * 17) % 4001));
            }
            l += 1;
        }
        csv.push_str(tail);
        csv
    }

    /// The general reader, for comparison with the fast path.
    fn slow(csv: &str) -> Result<Profile, RankError> {
        read_lists(csv.as_bytes()).and_then(Profile::from_lists)
    }

    fn same(csv: &str) {
        let fast = read_csv(csv.as_bytes());
        let slow = slow(csv);
        assert_eq!(fast, slow, "input: {csv:?}");
    }

    #[test]
    fn the_fast_path_agrees_with_the_general_reader() {
        let cases = [
            "list_id,rank,item\na,1,x\na,2,y\nb,,x\nb,1,w\na,,v\n",
            "list_id,rank,item\r\na,1,x\r\n\r\nb,2,y\r\nb,1,x",
            "list_id , rank , item\n  a , 1 , x \n\n\na,\t2\t,y\n",
            "list_id,rank,item\na,1,x\n   \n",
            "list_id,rank,item\na,1,x\na,1,y,z\n",
            "list_id,rank,item\na,1,x\n,1,y\n",
            "list_id,rank,item\na,1,x\na,1, \n",
            "list_id,rank,item\na,1,x\na,+3,y\na,x3,z\n",
            "list_id,rank,item\na,1,\u{a0}x\u{3000}\nb,2,\u{e9}t\u{e9}\n",
            "list_id,rank,item\na,1,\"x, y\"\n",
            "list_id,rank,item\na,1,x\ra,2,y\n",
            "list_id\r,rank,item\na,1,x\n",
            "list_id,rank,item\na,1,x\na,two,y\na,3,\"z\"\n",
            "list_id,rank,item\na,1,x\na,two,y\na,3,\u{e9}\n",
            "list_id,rank\na,1\n",
            "",
            "\nlist_id,rank,item\na,1,x\n",
            "list_id,rank,item\n\n",
            "list_id,rank,item\nb,,z\na,1,x\nb,2,y\na,,y\nb,1,x\n",
        ];
        for csv in cases {
            same(csv);
        }
    }

    #[test]
    fn invalid_utf8_is_read_by_the_general_reader() {
        for bytes in [
            &b"list_id,rank,item\na,1,x\na,2,\xff\n"[..],
            &b"list_id,rank,item\na,1,\xffx\na,two,y\n"[..],
            &b"list_id,rank,item\na,two,x\na,2,\xff\n"[..],
        ] {
            let fast = read_csv(bytes);
            let slow = read_lists(bytes).and_then(Profile::from_lists);
            assert_eq!(fast, slow);
        }
    }

    #[test]
    fn large_inputs_split_into_chunks_agree_with_the_general_reader() {
        let mut csv = String::from("list_id,rank,item\n");
        for l in 0..3000u32 {
            for r in 1..=12u32 {
                let item = (l * 7 + r * 13) % 500;
                let rank = if r % 5 == 0 {
                    String::new()
                } else {
                    (r - r % 3).max(1).to_string()
                };
                csv.push_str(&format!("list{},{rank},it{item}\n", l % 1700));
            }
        }
        // Duplicates are possible in this construction; either way both readers must agree.
        same(&csv);
        let bad = format!("{csv}x,zero,y\n");
        let err = read_csv(bad.as_bytes()).unwrap_err();
        assert_eq!(err, slow(&bad).unwrap_err());
        assert!(matches!(err, RankError::Csv { line, .. } if line == 36002));
    }

    #[test]
    fn grouped_lists_spanning_chunks_agree_with_the_general_reader() {
        // Each list's rows together (the path that builds lists straight from the rows), with
        // mentions between ranked rows and lists crossing the chunks' boundaries.
        let mut csv = String::from("list_id,rank,item\n");
        for l in 0..6000u32 {
            for r in 1..=(5 + l % 11) {
                let item = (l * 31 + r * 17) % 700 + 1000 * u32::from(r % 4 == 0);
                let rank = if r % 4 == 0 {
                    String::new()
                } else {
                    r.to_string()
                };
                csv.push_str(&format!("list{l},{rank},it{item}\n"));
            }
        }
        assert!(csv.len() > 4 << 16, "spans several chunks");
        same(&csv);
        // The same rows with one list coming back at the end: grouped per list instead.
        same(&format!("{csv}list7,99,late\n"));
    }

    #[test]
    fn a_list_longer_than_several_chunks_agrees_with_the_general_reader() {
        // Lists are built a chunk at a time and each chunk's rows dropped after: a list that
        // starts in one chunk and runs on through the next ones must still find all its rows.
        let mut csv = String::from("list_id,rank,item\nshort,1,a\nshort,2,b\n");
        for r in 1..=40_000u32 {
            csv.push_str(&format!("long,{r},item{r}\n"));
        }
        csv.push_str("after,1,item7\nafter,2,a\n");
        assert!(csv.len() > 8 << 16, "the long list spans several chunks");
        same(&csv);
        let p = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(p.ballots()[1].ranked().len(), 40_000);
        // A repeat far into the long list is still caught, as the general reader catches it.
        let repeat = csv.replace("long,39999,item39999", "long,39999,item3");
        assert_eq!(
            read_csv(repeat.as_bytes()).unwrap_err(),
            slow(&repeat).unwrap_err()
        );
    }

    #[test]
    fn grouped_lists_without_mentions_agree_with_the_general_reader() {
        // No mentions: lists' starts and the items' numbering come from the chunks' runs and
        // keys. Lists cross the chunks' boundaries and share items across chunks.
        let mut csv = String::from("list_id,rank,item\n");
        for l in 0..6000u32 {
            for r in 1..=(5 + l % 11) {
                let item = (l * 31 + r * 17) % 700;
                let rank = if r % 6 == 0 { r - 1 } else { r };
                csv.push_str(&format!("list{l},{rank},it{item}\n"));
            }
        }
        assert!(csv.len() > 4 << 16, "spans several chunks");
        same(&csv);
        assert_eq!(
            read_csv(csv.as_bytes()).unwrap().labels(),
            slow(&csv).unwrap().labels()
        );
        // A list coming back, early or late: not grouped.
        same(&format!("{csv}list7,99,late\n"));
        same(&format!("{csv}list5999,99,late\nlist0,99,later\n"));
    }
}
