//! Finding the ranked entries: numbered lines, grouped by layout, and the longest consistent
//! countdown (or count-up) among them.
//!
//! Every numbered line is a candidate (`10. Title`, `#10: Title`, `No. 10 — Title`, `T-5. Title`,
//! `5= Title`, `## 10. Title`, `**10. Title**`). Candidates are grouped by how they are marked up,
//! and in each group a dynamic programme picks the longest chain whose ranks step by one (ties
//! and gaps allowed at a cost). Numbered lines that break the chain — a tracklist `1. Misirlou`
//! inside an entry, a year at the start of a line — stay prose.

use super::layout::{plain, Flavor, Line};
use regex::Regex;
use std::sync::LazyLock;

/// How a rank is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Marker {
    Dot,
    Paren,
    Colon,
    Dash,
    Equals,
    Space,
    Bar,
    /// A rank alone in its element or line (`#1`, `50`, `Rang: 3`), attached to a head nearby.
    Alone,
    /// The first cell of a table row.
    Cell,
}

/// A candidate's layout: candidates of one list share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Style {
    heading: u8,
    bold: bool,
    prefix: u8,
    marker: Marker,
}

/// A numbered line that might be an entry.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Index into the document's lines: the line holding the head.
    pub line: usize,
    /// The printed rank.
    pub rank: u32,
    /// A tie marker was printed (`T-5`, `5=`, `=5`, `TIE:`).
    pub tie_marker: bool,
    style: Style,
    /// The text after the rank marker (the title region, maybe followed by more).
    pub rest: String,
    /// Where the bold span closing `**` sat within `rest`, for `**10. Title** blurb` lines.
    pub bold_end: Option<usize>,
    /// Text glued before the rank (`Caption4. Title`): read at a cost.
    pub glued: bool,
    /// A line that held only the rank and belongs to this entry (not prose).
    pub rank_line: Option<usize>,
    /// The cells of a table row after the rank cell.
    pub cells: Vec<String>,
}

static RANK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)^
        (?P<pre>(?i:no\.?|nr\.?|number|num\.|n[°º]\.?|platz|rang|rank|top)\s*|\#\s*)?
        (?P<tpre>T-?|=)?
        (?P<n>\d{1,5})
        (?P<tpost>=)?
        (?P<sep>\s*[.)]|\s*:|\s*[—–]|\s*-|\s*\||位|º|\s*/)?
        (?P<sp>\s*)
        (?P<rest>\S.*)$"#,
    )
    .expect("valid regex")
});

/// A line that is only a rank: `#1`, `50`, `No. 7`, `Rang: 3`, `3.`, `Platz 2`, `5位`.
static RANK_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<pre>(?i:no\.?|nr\.?|number|n[°º]\.?|platz|rang|rank|position|pos\.?|posizione|posición|posição|place)\s*:?\s*|\#\s*)?
        (?P<tpre>T-?|=)?(?P<n>\d{1,5})(?P<tpost>=)?\s*(?:[.):]|位)?$",
    )
    .expect("valid regex")
});

/// Text glued before a rank: `Caption4. Title`, `credit">2. 'Title'`.
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"^(?P<junk>.{1,80}?[\p{L}>"])(?P<n>\d{1,3})(?P<sep>[.)])\s*(?P<rest>["“‘'\p{Lu}].*)$"#,
    )
    .expect("valid regex")
});

/// Chart-movement tokens that stand between a rank and its head (`up4`, `new`, `re-entry`).
static MOVEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:up|down|new|neu|nuevo|nouveau|re-?entry|non-?mover|same|steady|[▲▼↑↓+=-])\s*\d{0,4}$")
        .expect("valid regex")
});

/// `TIE:` or `Tie -` opening the text after a rank.
static TIE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:tie|tied|ex aequo|ex-aequo)\s*[:—–-]?\s+").expect("valid regex")
});

/// The first 400 bytes of a line (a head with its blurb on the same line is still a head).
fn head_part(raw: &str) -> &str {
    if raw.len() > 400 {
        let mut cut = 400;
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        &raw[..cut]
    } else {
        raw
    }
}

/// `**10. Title** blurb` → the text without the first bold pair, whether it was bold, and where
/// the bold span closed.
fn strip_bold(raw: &str) -> (String, bool, Option<usize>) {
    match raw.strip_prefix("**") {
        Some(after) => match after.find("**") {
            Some(close) => {
                let inner = after.get(..close).unwrap_or("");
                let rest = after.get(close + 2..).unwrap_or("");
                (format!("{inner}{rest}"), true, Some(inner.len()))
            }
            None => (after.to_string(), true, None),
        },
        None => (raw.to_string(), false, None),
    }
}

/// A bare rank line's number and tie mark, if the line is only a rank.
fn rank_alone(line: &Line) -> Option<(u32, bool, u8)> {
    if line.text.len() > 40 || !line.cells.is_empty() {
        return None;
    }
    let text = line.text.replace("**", "");
    let caps = RANK_ALONE.captures(text.trim())?;
    let rank: u32 = caps.name("n")?.as_str().parse().ok()?;
    if rank == 0 || rank > 10_000 {
        return None;
    }
    let tie = caps.name("tpre").is_some() || caps.name("tpost").is_some();
    let prefix = match caps.name("pre").map(|m| m.as_str().trim()) {
        Some(p) if p.starts_with('#') => 1,
        Some(_) => 2,
        None => 0,
    };
    Some((rank, tie, prefix))
}

/// Reads a table row whose first cell is a rank.
fn table_candidate(line: &Line, index: usize) -> Option<Candidate> {
    if line.header_row {
        return None;
    }
    let first = line.cells.first()?.trim();
    let first = first.strip_prefix('第').unwrap_or(first);
    // `No. 3`, `Nr. 3`, `Platz 3`: a rank word before the number.
    let first = match RANK_ALONE.captures(first) {
        Some(c) => c.name("n").map_or(first, |m| m.as_str()),
        None => first,
    };
    let digits = first
        .trim_end_matches(['.', '位', ')', ':'])
        .trim_start_matches('#');
    let (digits, tie) = match digits.strip_prefix(['T', '=']) {
        Some(d) => (d.trim_start_matches('-'), true),
        None => (digits, false),
    };
    let (digits, tie) = match digits.strip_suffix('=') {
        Some(d) => (d, true),
        None => (digits, tie),
    };
    if digits.is_empty() || digits.len() > 5 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let rank: u32 = digits.parse().ok()?;
    if rank == 0 || rank > 10_000 {
        return None;
    }
    let cells: Vec<String> = line.cells[1..].to_vec();
    if cells.iter().all(|c| c.trim().is_empty()) {
        return None;
    }
    Some(Candidate {
        line: index,
        rank,
        tie_marker: tie,
        style: Style {
            heading: 0,
            bold: false,
            prefix: 0,
            marker: Marker::Cell,
        },
        rest: cells.join(" | "),
        bold_end: None,
        glued: false,
        rank_line: None,
        cells,
    })
}

/// Reads one line as a candidate entry, if it is numbered like one.
fn candidate(line: &Line, index: usize) -> Option<Candidate> {
    let raw = line.text.as_str();
    if raw.is_empty() {
        return None;
    }
    if !line.cells.is_empty() {
        return table_candidate(line, index);
    }
    let raw = head_part(raw);
    let (text, bold, bold_close) = strip_bold(raw);
    let (caps, glued) = match RANK_LINE.captures(&text) {
        Some(c) => (c, false),
        None => (GLUED.captures(&text)?, true),
    };
    let pre = caps.name("pre").map(|m| m.as_str().trim());
    let sep = caps.name("sep").map(|m| m.as_str().trim());
    let mut tie_marker = caps.name("tpre").is_some() || caps.name("tpost").is_some();
    // A bare number followed by a space is only a rank with a prefix, a tie mark or a heading:
    // "1984 was a good year" is prose.
    let spaced = caps.name("sp").is_some_and(|m| !m.as_str().is_empty());
    let rest_first = caps
        .name("rest")
        .and_then(|m| m.as_str().chars().next())
        .unwrap_or(' ');
    let rest_second = caps
        .name("rest")
        .and_then(|m| m.as_str().chars().nth(1))
        .unwrap_or(' ');
    // `2001's`: an apostrophe before a lowercase letter is a possessive, not a quote.
    let quoted_rest = "\"“‘'«„「‹".contains(rest_first) && !rest_second.is_lowercase();
    if !glued {
        match (sep, spaced) {
            // `4K`, `1984's`: digits glued to a word are no rank.
            (None, false) if !quoted_rest => return None,
            // `3.5 stars`, `1/2`: a number, not a rank.
            (Some(_), false) if !(rest_first.is_alphabetic() || quoted_rest) => return None,
            // A bare number followed by a space is only a rank with a prefix, a tie mark, a
            // heading or a quoted title: "1984 was a good year" is prose.
            (None, true)
                if pre.is_none() && !tie_marker && line.heading == 0 && !bold && !quoted_rest =>
            {
                return None
            }
            _ => {}
        }
    }
    if glued {
        // Glued text must not be a sentence: "in 1999. The" is prose, "Caption4. Title" is not.
        let junk = caps.name("junk").map_or("", |m| m.as_str());
        if junk.ends_with(|c: char| c.is_ascii_digit()) || junk.split_whitespace().count() > 8 {
            return None;
        }
    }
    let rank: u32 = caps.name("n")?.as_str().parse().ok()?;
    if rank == 0 || rank > 10_000 {
        return None;
    }
    let rest_match = caps.name("rest")?;
    let mut rest_start = rest_match.start();
    let mut rest = text[rest_start..].trim_end().to_string();
    if let Some(end) = TIE_WORD.find(&rest).map(|m| m.end()) {
        tie_marker = true;
        rest = rest[end..].to_string();
        rest_start += end;
    }
    if rest.trim().is_empty() {
        return None;
    }
    let bold_end = bold_close.and_then(|close| close.checked_sub(rest_start));
    let marker = match sep {
        Some(")") => Marker::Paren,
        Some(".") | Some("º") => Marker::Dot,
        Some(":") => Marker::Colon,
        Some("—") | Some("–") | Some("-") => Marker::Dash,
        Some("|") | Some("/") => Marker::Bar,
        Some("位") => Marker::Dot,
        _ if caps.name("tpost").is_some() => Marker::Equals,
        _ => Marker::Space,
    };
    let prefix = match pre {
        Some(p) if p.starts_with('#') => 1,
        Some(_) => 2,
        None => 0,
    };
    Some(Candidate {
        line: index,
        rank,
        tie_marker,
        style: Style {
            heading: line.heading,
            bold,
            prefix,
            marker,
        },
        rest,
        bold_end,
        glued,
        rank_line: None,
        cells: Vec::new(),
    })
}

/// A line that can hold an entry's head: not blank, not a rank, not a movement token.
fn head_line(lines: &[Line], i: usize) -> bool {
    let l = &lines[i];
    !l.is_blank() && rank_alone(l).is_none() && !MOVEMENT.is_match(l.text.trim())
}

/// Every numbered line of the document, plus ranks standing alone attached to their heads: the
/// next heading or line (`#1` above `<h3>Title</h3>`, skipping chart movement like `up4`), or
/// the heading just above for a label after the title (`<h3>Title</h3>` then `Rang: 3`).
pub(crate) fn candidates(lines: &[Line]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut taken = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let Some((rank, tie, prefix)) = rank_alone(l) else {
            if let Some(c) = candidate(l, i) {
                taken[i] = true;
                out.push(c);
            }
            continue;
        };
        let labelled = prefix == 2;
        // The head before: a label after the title, right under a heading.
        let prev = (i.saturating_sub(3)..i)
            .rev()
            .find(|&j| !lines[j].is_blank());
        let next = (i + 1..lines.len().min(i + 8)).find(|&j| head_line(lines, j));
        let before_is_head = prev.is_some_and(|j| {
            lines[j].heading > 0 && !taken[j] && candidate(&lines[j], j).is_none()
        });
        let target = if labelled && before_is_head {
            prev
        } else {
            next.filter(|&j| !taken[j] && candidate(&lines[j], j).is_none())
        };
        let Some(t) = target else { continue };
        let (text, bold, bold_close) = strip_bold(head_part(&lines[t].text));
        taken[t] = true;
        taken[i] = true;
        out.push(Candidate {
            line: t,
            rank,
            tie_marker: tie,
            style: Style {
                heading: lines[t].heading,
                bold,
                prefix,
                marker: Marker::Alone,
            },
            rest: text.trim().to_string(),
            bold_end: bold_close,
            glued: false,
            rank_line: Some(i),
            cells: lines[t].cells.clone(),
        });
    }
    out.sort_by_key(|c| c.line);
    out
}

/// Headings of one level that each introduce prose, in document order: the items of a list
/// that prints no ranks. Each gets its position as a provisional rank.
pub(crate) fn heading_run(lines: &[Line], skip: impl Fn(&str) -> bool) -> Vec<Candidate> {
    let mut best: Vec<usize> = Vec::new();
    for level in 2..=4u8 {
        let run: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let l = &lines[i];
                if l.heading != level || l.text.is_empty() {
                    return false;
                }
                let words = l.text.split_whitespace().count();
                let next = (i + 1..lines.len().min(i + 6)).find(|&j| !lines[j].is_blank());
                words <= 15
                    && !skip(&l.text)
                    && next.is_some_and(|j| lines[j].heading == 0 || lines[j].heading > level)
            })
            .collect();
        if run.len() > best.len() {
            best = run;
        }
    }
    if best.len() < 3 {
        return Vec::new();
    }
    best.iter()
        .enumerate()
        .map(|(k, &i)| {
            let (text, bold, bold_close) = strip_bold(head_part(&lines[i].text));
            Candidate {
                line: i,
                rank: u32::try_from(k + 1).unwrap_or(u32::MAX),
                tie_marker: false,
                style: Style {
                    heading: lines[i].heading,
                    bold,
                    prefix: 0,
                    marker: Marker::Alone,
                },
                rest: text.trim().to_string(),
                bold_end: bold_close,
                glued: false,
                rank_line: None,
                cells: Vec::new(),
            }
        })
        .collect()
}

/// Comparable form of a line: letters and digits, lowercase, without Markdown link targets
/// (`[Title, 2001](#top)` and `**Title, 2001**` compare equal).
fn repeat_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        push_key(&mut out, &rest[..at]);
        rest = &rest[at + 2..];
        rest = rest.find(')').map_or("", |close| &rest[close + 1..]);
    }
    push_key(&mut out, rest);
    out
}

fn push_key(out: &mut String, text: &str) {
    out.extend(
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
}

/// A table of contents among the candidates.
#[derive(Debug, Default)]
pub(crate) struct Contents {
    /// Per candidate: it is an item of a table of contents.
    pub items: Vec<bool>,
    /// The last line of the contents.
    pub last_line: usize,
    /// Nearly every item is printed again as a numbered line: the later lines carry the ranks.
    pub renumbered: bool,
    /// The numbered lines that print an item again.
    pub repeats: std::collections::HashSet<usize>,
}

/// Finds the candidates that form a table of contents: a block of three or more numbered lines
/// standing back to back whose items (nearly all of them) are printed again further down as
/// lines of their own.
pub(crate) fn contents_items(cands: &[Candidate], lines: &[Line]) -> Contents {
    let mut found = Contents {
        items: vec![false; cands.len()],
        last_line: 0,
        renumbered: true,
        repeats: std::collections::HashSet::new(),
    };
    if cands.len() < 3 {
        return found;
    }
    // The last line where each text is printed, as a line or as a numbered line's item.
    let mut last_seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.is_blank() {
            last_seen.insert(repeat_key(&l.text), i);
        }
    }
    // The last numbered line printing each item.
    let mut last_numbered: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for c in cands {
        let key = repeat_key(&c.rest);
        let seen = last_seen.entry(key.clone()).or_insert(c.line);
        *seen = (*seen).max(c.line);
        let numbered = last_numbered.entry(key).or_insert(c.line);
        *numbered = (*numbered).max(c.line);
    }
    let mut start = 0;
    while start < cands.len() {
        // Items back to back, marked up alike; an item printed again ends the block.
        let mut end = start + 1;
        let mut keys = std::collections::HashSet::from([repeat_key(&cands[start].rest)]);
        while end < cands.len() {
            let (prev, next) = (&lines[cands[end - 1].line], &lines[cands[end].line]);
            let alike = prev.bullet == next.bullet && prev.heading == next.heading;
            if cands[end].line - cands[end - 1].line > 2
                || !alike
                || !keys.insert(repeat_key(&cands[end].rest))
            {
                break;
            }
            end += 1;
        }
        let block_end = cands[end - 1].line;
        let repeated: Vec<bool> = cands[start..end]
            .iter()
            .map(|c| {
                let key = repeat_key(&c.rest);
                !key.is_empty() && last_seen.get(&key).is_some_and(|&at| at > block_end)
            })
            .collect();
        let hits = repeated.iter().filter(|&&r| r).count();
        if end - start >= 3 && hits >= 3 && hits * 5 >= (end - start) * 4 {
            let renumbered: Vec<usize> = cands[start..end]
                .iter()
                .filter_map(|c| {
                    last_numbered
                        .get(&repeat_key(&c.rest))
                        .copied()
                        .filter(|&at| at > block_end)
                })
                .collect();
            found.renumbered &= renumbered.len() * 5 >= (end - start) * 4;
            found.repeats.extend(renumbered);
            found.last_line = block_end;
            for m in &mut found.items[start..end] {
                *m = true;
            }
        }
        start = end;
    }
    found
}

static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{L}*)[.!?]\s+\p{Lu}|[。！？]\s*\S").expect("valid regex"));
static FIELD_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\p{L}[\p{L}'’ ]{0,24}?)\s*[:：]\s*\S").expect("valid regex"));

/// True when the line holds two sentences (`A scene from Heat. Photo: studio`,
/// `…の一場面。写真提供：…`); an abbreviation (`Mr. Lawrence`) is no break.
fn holds_two_sentences(text: &str) -> bool {
    SENTENCE_BREAK.captures_iter(text).any(|c| {
        c.get(1).is_none_or(|w| {
            w.as_str().chars().count() > 3 || w.as_str().chars().all(char::is_lowercase)
        })
    })
}

/// A line that may be a bare title: short, its own paragraph, no sentence ending.
fn bare_line(lines: &[Line], i: usize, flavor: Flavor) -> bool {
    let l = &lines[i];
    if l.is_blank() || l.heading > 0 || l.bullet || !l.cells.is_empty() {
        return false;
    }
    let alone_before = i == 0 || lines[i - 1].is_blank();
    let alone_after = lines.get(i + 1).is_none_or(Line::is_blank);
    let text = plain(&l.text, flavor);
    let words = text.split_whitespace().count();
    alone_before
        && alone_after
        && words <= 15
        && text.chars().count() <= 120
        && !text.ends_with(['.', ',', ';', ':', '。', '、', '…', '：'])
        && super::layout::list_item_body(&text, false).is_none()
}

/// Plain-text titles: after the line `from` (the sentence that disowns the order), the bare
/// lines that open each entry. Consecutive bare lines form a stack (a caption, the title, a
/// `Composer: X` field); a stack followed by prose is an entry, and its title is its last line
/// that is neither a field repeated across stacks nor two sentences. Stacks followed by a list
/// (a poll, related links) or by nothing (a pager, the footer) are no entries.
pub(crate) fn bare_title_run(
    lines: &[Line],
    from: usize,
    flavor: Flavor,
    skip: impl Fn(&str) -> bool,
) -> Vec<Candidate> {
    let mut stacks: Vec<Vec<usize>> = Vec::new();
    let mut i = from + 1;
    while i < lines.len() {
        if !bare_line(lines, i, flavor) {
            i += 1;
            continue;
        }
        let mut stack = vec![i];
        let mut j = i + 1;
        let next = loop {
            match (j..lines.len()).find(|&k| !lines[k].is_blank()) {
                Some(k) if bare_line(lines, k, flavor) => {
                    stack.push(k);
                    j = k + 1;
                }
                other => break other,
            }
        };
        let prose_follows = next.is_some_and(|k| {
            let l = &lines[k];
            l.heading == 0
                && !l.bullet
                && l.cells.is_empty()
                && super::layout::list_item_body(&plain(&l.text, flavor), false).is_none()
        });
        if prose_follows {
            stacks.push(stack);
        }
        i = j;
    }
    // Field labels: the same `Label:` opening a line in three stacks or more.
    let label = |i: usize| {
        FIELD_LABEL
            .captures(&plain(&lines[i].text, flavor))
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().trim().to_lowercase())
    };
    let mut label_counts: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for stack in &stacks {
        let labels: std::collections::HashSet<String> =
            stack.iter().filter_map(|&i| label(i)).collect();
        for l in labels {
            *label_counts.entry(l).or_default() += 1;
        }
    }
    let is_field =
        |i: usize| label(i).is_some_and(|l| label_counts.get(&l).is_some_and(|&n| n >= 3));
    let titles: Vec<usize> = stacks
        .iter()
        .filter_map(|stack| {
            stack.iter().rev().copied().find(|&i| {
                let text = plain(&lines[i].text, flavor);
                !is_field(i) && !holds_two_sentences(&text) && !skip(&text)
            })
        })
        .collect();
    if titles.len() < 3 {
        return Vec::new();
    }
    titles
        .iter()
        .enumerate()
        .map(|(k, &i)| Candidate {
            line: i,
            rank: u32::try_from(k + 1).unwrap_or(u32::MAX),
            tie_marker: false,
            style: Style {
                heading: 0,
                bold: false,
                prefix: 0,
                marker: Marker::Alone,
            },
            rest: plain(&lines[i].text, flavor),
            bold_end: None,
            glued: false,
            rank_line: None,
            cells: Vec::new(),
        })
        .collect()
}

/// How far back the chain search looks for a predecessor; keeps it linear in the document.
const WINDOW: usize = 64;
/// The largest jump between consecutive ranks still read as one list with a gap.
const MAX_GAP: u32 = 25;

/// The chosen entries (indices into `cands`, in document order) and whether they count down.
pub(crate) struct Chain {
    pub members: Vec<usize>,
    pub descending: bool,
}

/// Picks the list: the best-scoring chain over all layouts and both directions.
pub(crate) fn best_chain(cands: &[Candidate], lines: &[Line]) -> Option<Chain> {
    if cands.is_empty() {
        return None;
    }
    let prose_after = prose_after(cands, lines);
    let run_dir = run_directions(cands);
    // Candidates standing back to back with a neighbour, no prose after them.
    let dense: Vec<bool> = (0..cands.len())
        .map(|k| {
            let adjacent = |o: usize| cands[o].line.abs_diff(cands[k].line) == 1;
            !prose_after[k]
                && ((k > 0 && adjacent(k - 1)) || (k + 1 < cands.len() && adjacent(k + 1)))
        })
        .collect();
    let mut styles: Vec<Style> = Vec::new();
    for c in cands {
        if !styles.contains(&c.style) {
            styles.push(c.style);
            if styles.len() > 64 {
                break;
            }
        }
    }
    let mut best: Option<(f64, Chain)> = None;
    for style in styles {
        // `5= Title` carries no separator of its own: it joins any list it stands in.
        let group: Vec<usize> = (0..cands.len())
            .filter(|&i| {
                let s = cands[i].style;
                s == style
                    || (s.marker == Marker::Equals
                        && s.heading == style.heading
                        && s.bold == style.bold
                        && s.prefix == style.prefix)
            })
            .collect();
        for descending in [true, false] {
            let usable: Vec<usize> = group
                .iter()
                .copied()
                .filter(|&i| match run_dir.get(i).copied().flatten() {
                    // A run of numbered lines going the other way is a tracklist or a sub-list.
                    Some(run_descending) => run_descending == descending,
                    None => true,
                })
                .collect();
            if let Some((score, members)) =
                chain_in(cands, &usable, &prose_after, &dense, descending)
            {
                let better = match &best {
                    None => true,
                    Some((s, _)) => score > *s + 1e-9,
                };
                if better {
                    best = Some((
                        score,
                        Chain {
                            members,
                            descending,
                        },
                    ));
                }
            }
        }
    }
    best.map(|(_, chain)| chain)
}

/// Dynamic programme over one group: the highest-scoring chain in one direction.
fn chain_in(
    cands: &[Candidate],
    group: &[usize],
    prose_after: &[bool],
    dense: &[bool],
    descending: bool,
) -> Option<(f64, Vec<usize>)> {
    if group.is_empty() {
        return None;
    }
    let mut score = vec![0.0f64; group.len()];
    let mut parent: Vec<Option<usize>> = vec![None; group.len()];
    for (gi, &ci) in group.iter().enumerate() {
        let c = &cands[ci];
        let mut weight = if prose_after.get(ci).copied().unwrap_or(false) {
            1.25
        } else {
            1.0
        };
        // Prominence: a heading or a bold head is a list's entry more often than a plain line.
        if c.style.heading > 0 {
            weight += 0.4;
        } else if c.style.bold || c.style.marker == Marker::Alone {
            weight += 0.15;
        }
        if c.glued {
            weight -= 0.3;
        }
        // A dense run (numbered lines back to back, no prose) is a tracklist more often than
        // a list's entries; alone it still wins, against a spread-out chain it loses.
        if dense.get(ci).copied().unwrap_or(false) {
            weight *= 0.6;
        }
        let mut best = weight;
        let mut best_parent = None;
        for gj in gi.saturating_sub(WINDOW)..gi {
            let p = &cands[group[gj]];
            let step = if descending {
                i64::from(p.rank) - i64::from(c.rank)
            } else {
                i64::from(c.rank) - i64::from(p.rank)
            };
            let cost = match step {
                1 => 0.0,
                0 if p.tie_marker || c.tie_marker => 0.0,
                0 => 0.5,
                s if s > 1 && s <= i64::from(MAX_GAP) => (0.3 * (s - 1) as f64).min(0.8),
                _ => continue,
            };
            let total = score[gj] + weight - cost;
            if total > best {
                best = total;
                best_parent = Some(gj);
            }
        }
        score[gi] = best;
        parent[gi] = best_parent;
    }
    let (mut gi, &top) = score
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.partial_cmp(b.1).unwrap_or(std::cmp::Ordering::Equal))?;
    let mut members = vec![group[gi]];
    while let Some(p) = parent[gi] {
        members.push(group[p]);
        gi = p;
    }
    members.reverse();
    Some((top, members))
}

/// For each candidate, whether prose follows it before the next numbered line.
fn prose_after(cands: &[Candidate], lines: &[Line]) -> Vec<bool> {
    let mut out = Vec::with_capacity(cands.len());
    for (k, c) in cands.iter().enumerate() {
        let end = cands.get(k + 1).map_or(lines.len(), |n| n.line);
        let inline = c.bold_end.is_some_and(|b| c.rest.len() > b + 20);
        let has = inline
            || lines
                .get(c.line + 1..end)
                .is_some_and(|ls| ls.iter().any(|l| !l.is_blank()));
        out.push(has);
    }
    out
}

/// For each candidate in a run of numbered lines on adjacent lines, the run's direction
/// (`Some(true)` counting down); `None` for lines standing alone or runs of one rank.
fn run_directions(cands: &[Candidate]) -> Vec<Option<bool>> {
    let mut out = vec![None; cands.len()];
    let mut start = 0;
    while start < cands.len() {
        let mut end = start + 1;
        while end < cands.len()
            && cands[end].line == cands[end - 1].line + 1
            && cands[end].style == cands[start].style
        {
            end += 1;
        }
        if end - start >= 2 {
            let first = cands[start].rank;
            let last = cands[end - 1].rank;
            if first != last {
                for slot in out.iter_mut().take(end).skip(start) {
                    *slot = Some(first > last);
                }
            }
        }
        start = end;
    }
    out
}

/// An entry's head line read into its parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Head {
    pub title: String,
    pub year: Option<i32>,
    pub credit: Option<String>,
    /// Prose printed on the head line after the title.
    pub inline_blurb: Option<String>,
}

static TRAILING_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<title>.*?)\s*[(\[]\s*(?:(?P<credit>[^()\[\]]*?)\s*[,;]\s*)?(?P<year>(?:18[89]|19\d|20\d)\d)(?:\s*[-–/]\s*\d{2,4})?\s*[)\]]\s*(?P<after>.*)$",
    )
    .expect("valid regex")
});
static COMMA_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>.*?),\s*(?P<year>(?:18[89]|19\d|20\d)\d)\s*$").expect("valid regex")
});
static LEADING_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[—–:|,]|-\s|by\s)\s*").expect("valid regex"));
static SPACED_DASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[—–]\s+|\s+-\s+").expect("valid regex"));
static CREDIT_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:dir\.|directed by|director:|composer:|music by|score by)\s*")
        .expect("valid regex")
});

/// Splits the text after a rank marker into title, year, credit and same-line prose.
pub(crate) fn parse_head(cand: &Candidate, flavor: Flavor) -> Head {
    let rest = cand.rest.as_str();
    // `10. **Title** (1999) — prose`: the bold span is the title.
    let inner_bold = rest
        .strip_prefix("**")
        .and_then(|r| r.find("**").map(|e| e + 2))
        .filter(|&e| e > 2);
    let (region, tail) = match cand.bold_end.or(inner_bold) {
        Some(b) if b > 0 && b < rest.len() && rest.is_char_boundary(b) => {
            (&rest[..b], rest[b..].trim())
        }
        _ => (rest, ""),
    };
    let region = plain(region, flavor);
    let mut head = split_title(&region);
    if !tail.is_empty() {
        let tail = plain(tail, flavor);
        let mut tail_head = Head::default();
        let mut remaining = tail.as_str();
        if head.year.is_none() {
            if let Some(c) = TRAILING_YEAR.captures(&format!("x {remaining}")) {
                if c.name("title").map_or("", |m| m.as_str()) == "x" {
                    tail_head.year = c.name("year").and_then(|m| m.as_str().parse().ok());
                    tail_head.credit = c.name("credit").map(|m| m.as_str().to_string());
                    let after = c.name("after").map_or(0, |m| m.as_str().len());
                    remaining = remaining
                        .get(remaining.len().saturating_sub(after)..)
                        .unwrap_or("");
                }
            }
        }
        head.year = head.year.or(tail_head.year);
        head.credit = head.credit.or(tail_head.credit.filter(|c| !c.is_empty()));
        let remaining = LEADING_SEP.replace(remaining, "");
        let remaining = remaining.trim();
        if !remaining.is_empty() {
            assign_after(&mut head, remaining);
        }
    }
    head.credit = head
        .credit
        .map(|c| CREDIT_PREFIX.replace(c.trim(), "").trim().to_string())
        .filter(|c| !c.is_empty());
    head
}

/// Splits a title region: quoted title, `(year)`, `— credit`, or prose after a dash.
fn split_title(region: &str) -> Head {
    let region = region.trim();
    let mut head = Head::default();
    let (title, after) = match quoted_prefix(region) {
        Some((inner, after)) => (inner.to_string(), after.to_string()),
        None => {
            if let Some(c) = TRAILING_YEAR.captures(region) {
                let title = c.name("title").map_or("", |m| m.as_str()).to_string();
                if !title.is_empty() {
                    head.year = c.name("year").and_then(|m| m.as_str().parse().ok());
                    head.credit = c
                        .name("credit")
                        .map(|m| m.as_str().to_string())
                        .filter(|s| !s.trim().is_empty());
                    let after = c.name("after").map_or("", |m| m.as_str()).to_string();
                    (title, after)
                } else {
                    (region.to_string(), String::new())
                }
            } else if let Some(c) = COMMA_YEAR.captures(region) {
                head.year = c.name("year").and_then(|m| m.as_str().parse().ok());
                (
                    c.name("title").map_or("", |m| m.as_str()).to_string(),
                    String::new(),
                )
            } else {
                // `Title — a long sentence of prose`: the dash ends the title.
                match SPACED_DASH.find(region) {
                    Some(m) if word_count(&region[m.end()..]) > 8 => (
                        region[..m.start()].to_string(),
                        region[m.start()..].to_string(),
                    ),
                    _ => (region.to_string(), String::new()),
                }
            }
        }
    };
    head.title = clean_title(&title);
    // `'Title' (1999) - Composer`: a year may still follow a quoted title.
    let mut after = after.trim().to_string();
    if head.year.is_none() {
        if let Some(c) = TRAILING_YEAR.captures(&format!("x {after}")) {
            if c.name("title").map_or("", |m| m.as_str()) == "x" {
                head.year = c.name("year").and_then(|m| m.as_str().parse().ok());
                if head.credit.is_none() {
                    head.credit = c
                        .name("credit")
                        .map(|m| m.as_str().to_string())
                        .filter(|s| !s.trim().is_empty());
                }
                after = c.name("after").map_or("", |m| m.as_str()).to_string();
            }
        }
    }
    let after = LEADING_SEP.replace(after.trim(), "");
    let after = after.trim();
    if !after.is_empty() {
        assign_after(&mut head, after);
    }
    head
}

/// Text after the title: a short name is a credit, anything longer is prose.
fn assign_after(head: &mut Head, after: &str) {
    let ends_sentence = after.ends_with('.') && word_count(after) > 3;
    if head.credit.is_none() && word_count(after) <= 6 && !ends_sentence {
        head.credit = Some(after.trim_end_matches(['.', ',', ';']).to_string());
    } else {
        head.inline_blurb = Some(after.to_string());
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// `'Title' rest` / `"Title" rest` / `“Title” rest` → (Title, rest).
pub(crate) fn quoted_prefix(s: &str) -> Option<(&str, &str)> {
    let first = s.chars().next()?;
    let close: &[char] = match first {
        '"' => &['"'],
        '“' => &['”', '"'],
        '‘' => &['’'],
        '\'' => &['\''],
        _ => return None,
    };
    let body = &s[first.len_utf8()..];
    // Apostrophes can sit inside a title (`'Singin' in the Rain'`): prefer the closing quote
    // after which the line ends or a separator follows, else the first one before a non-letter.
    let mut loose = None;
    for (i, c) in body.char_indices() {
        if i == 0 || !close.contains(&c) {
            continue;
        }
        let after = &body[i + c.len_utf8()..];
        let next = after.chars().next();
        if next.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let trimmed = after.trim_start();
        if trimmed.is_empty()
            || trimmed.starts_with(['-', '—', '–', '(', '[', ':', ',', '.', ';', '|'])
        {
            return Some((&body[..i], after));
        }
        if loose.is_none() {
            loose = Some((&body[..i], after));
        }
    }
    loose
}

/// A title as printed, without wrapping quotes or dangling separators.
pub(crate) fn clean_title(t: &str) -> String {
    let mut t = t.trim();
    loop {
        let before = t;
        t = t.trim_end_matches([':', ',', ';', '—', '–', '|']).trim();
        if let Some((inner, after)) = quoted_prefix(t) {
            if after.trim().is_empty() {
                t = inner.trim();
            }
        }
        if t == before {
            break;
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            text: text.to_string(),
            ..Line::default()
        }
    }

    fn head_of(text: &str) -> Head {
        let c = candidate(&line(text), 0).expect("a candidate");
        parse_head(&c, Flavor::Markdown)
    }

    #[test]
    fn layouts_are_recognised() {
        for (text, rank, title) in [
            ("10. Barbie", 10, "Barbie"),
            ("#10: Drive (2011)", 10, "Drive"),
            ("10) Juno", 10, "Juno"),
            ("No. 10 — Once", 10, "Once"),
            ("3. 2001: A Space Odyssey", 3, "2001: A Space Odyssey"),
            ("4. (500) Days of Summer (2009)", 4, "(500) Days of Summer"),
            ("T-5. Moulin Rouge!", 5, "Moulin Rouge!"),
            (
                "5= O Brother, Where Art Thou?",
                5,
                "O Brother, Where Art Thou?",
            ),
        ] {
            let c = candidate(&line(text), 0).expect(text);
            assert_eq!(c.rank, rank, "{text}");
            assert_eq!(parse_head(&c, Flavor::Text).title, title, "{text}");
        }
    }

    #[test]
    fn prose_starting_with_a_year_is_not_a_candidate() {
        assert!(candidate(&line("1984 was a strange year for pop."), 0).is_none());
        assert!(candidate(&line("2001's odd entry"), 0).is_none());
    }

    #[test]
    fn quoted_title_with_composer_gives_a_credit() {
        let h = head_of("1. 'Barry Lyndon' - Leonard Rosenman");
        assert_eq!(h.title, "Barry Lyndon");
        assert_eq!(h.credit.as_deref(), Some("Leonard Rosenman"));
    }

    #[test]
    fn year_and_director_in_parentheses() {
        let h = head_of("2. Rushmore (Wes Anderson, 1998)");
        assert_eq!(h.title, "Rushmore");
        assert_eq!(h.year, Some(1998));
        assert_eq!(h.credit.as_deref(), Some("Wes Anderson"));
    }

    #[test]
    fn bold_head_with_prose_after() {
        let h = head_of(
            "**7. Drive** (2011) — Cliff Martinez's pulsing synths carry every night drive here.",
        );
        assert_eq!(h.title, "Drive");
        assert_eq!(h.year, Some(2011));
        assert!(h.inline_blurb.unwrap().starts_with("Cliff Martinez"));
    }

    #[test]
    fn tracklist_inside_an_entry_is_not_chosen() {
        let text = "3. Juno\n\nTwee.\n\n2. Pulp Fiction\n\nSurf.\n1. Misirlou\n2. Jungle Boogie\n3. Surf Rider\n\n1. Drive\n\nNight.";
        let lines: Vec<Line> = text.split('\n').map(line).collect();
        let cands = candidates(&lines);
        let chain = best_chain(&cands, &lines).unwrap();
        let titles: Vec<&str> = chain
            .members
            .iter()
            .map(|&i| cands[i].rest.as_str())
            .collect();
        assert_eq!(titles, ["Juno", "Pulp Fiction", "Drive"]);
        assert!(chain.descending);
    }

    #[test]
    fn quoted_prefix_handles_curly_and_apostrophes() {
        assert_eq!(
            quoted_prefix("‘Singin’ in the Rain’ - x"),
            Some(("Singin’ in the Rain", " - x"))
        );
        assert_eq!(quoted_prefix("\"A\" - B"), Some(("A", " - B")));
    }
}
