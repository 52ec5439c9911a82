//! Head-template induction: which field of an entry's head is the film.
//!
//! Every head of one list is printed from one template: `Title (Year)`, `Title – Composer`,
//! `Composer, Title`, `Artist: “Song” (Film, Year)`, `“Song,” Film`, a cue line over a
//! `Film (Year)` line, a table row. Read one head alone and the film is a guess; read all of them
//! together and the template shows: the separator most heads share, the side whose words are
//! people's names (short capitalised names whose surnames recur in the blurbs), the quoted field
//! when another field is the film, the `Film (Year)` line that stands beside every head.
//!
//! [`read`] splits the heads into fields, picks one template for the whole list, and reads each
//! head with it; it says which template it chose and how sure it is.

use super::entries::{clean_title, parse_head, Candidate, Head};
use super::layout::{plain, Flavor, Line};
use needledrop_model::SongCitation;
use regex::Regex;
use std::sync::LazyLock;

/// One entry read from a head (a `TIE:` head may give two).
#[derive(Debug, Clone, Default)]
pub(crate) struct Read {
    pub head: Head,
    /// Songs the head names (the ranked song or cue, tracklists under it).
    pub songs: Vec<SongCitation>,
}

/// How the heads of a list were read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reading {
    /// Per chain member, the entries its head gives (one, or more for a tie line).
    pub reads: Vec<Vec<Read>>,
    /// Lines used as parts of heads (a `Film (Year)` line beside a cue, a `by X` line).
    pub used_lines: Vec<usize>,
    /// The template, in words.
    pub description: String,
    /// How sure the reader is of the template, 0–1.
    pub confidence: f64,
    /// Doubts worth a review.
    pub warnings: Vec<String>,
}

const YEAR: &str = r"(?:18[89]|19\d|20\d)\d";

/// `Film (Year)` alone on a line, or followed by prose (`Kiki (1989) Hisaishi dresses…`).
static FILM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<title>[^()\n]{{1,100}}?)\s*\(\s*(?P<year>{YEAR})(?:\s*[-–/]\s*\d{{2,4}})?\s*\)\s*(?P<after>.*)$"
    ))
    .expect("valid regex")
});

/// A credit line under a head: `by Michael Nyman`, `Music: X`, `Komponist: X`.
static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|de|von|di|par|music by|score by|composed by|musique de|musik von|música de|musica di|composer\s*:|composers\s*:|compositor\s*:|komponist\s*:|compositeur\s*:|compositore\s*:)\s*(?P<name>\p{Lu}[^.!?]{0,80})$")
        .expect("valid regex")
});

/// `… from Film` / `(from Film)` after a song: the film.
static FROM_FILM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s|\()(?:from|aus|de la película|de la pel[ií]cula|du film|dal film|do filme|de)\s+(?-i:(?P<film>[\p{Lu}\d(¡¿'‘“\x22].*?))\s*\)?\s*$")
        .expect("valid regex")
});

/// `(X, 1986)` or `(X) (1986)` after a song: the film and its year.
static PAREN_FILM_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*[,:—–-]?\s*\(\s*(?P<film>[^()]*?)\s*[,;]\s*(?P<year>{YEAR})(?:\s*[-–/]\s*\d{{2,4}})?\s*\)\s*$"
    ))
    .expect("valid regex")
});

/// `（Filmより）`: Japanese `from` follows the film.
static JA_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[,:—–-]?\s*\(?\s*(?P<film>[^()]+?)\s*(?:より|から|の主題歌|の挿入歌)\s*\)?\s*$",
    )
    .expect("valid regex")
});

/// `Artist (Film, 1986)` after a song.
static NAMES_THEN_FILM_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:by\s+)?(?P<names>[^()]+?)\s*\(\s*(?P<film>[^()]*?)\s*[,;]\s*(?P<year>{YEAR})\s*\)\s*$"
    ))
    .expect("valid regex")
});

static TRAILING_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>.+?)\s*\((?P<inner>[^()]+)\)\s*$").expect("valid regex")
});

/// A quoted span: byte range of the whole quote and its content.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    /// The opening mark (`『` marks a work's title in Japanese, not a song).
    pub open: char,
    pub start: usize,
    pub end: usize,
    pub content: String,
}

/// Pairs of quote marks of every script.
const PAIRS: &[(char, &[char])] = &[
    ('“', &['”', '“']),
    ('"', &['"', '”']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('»', &['«']),
    ('‹', &['›']),
    ('「', &['」']),
    ('『', &['』']),
    ('‘', &['’']),
    ('\'', &['\'', '’']),
];

/// The quoted spans of a head, of any script; single quotes only where they stand as quotes.
pub(crate) fn quoted_spans(s: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let Some((_, closers)) = PAIRS.iter().find(|(o, _)| *o == c) else {
            i += 1;
            continue;
        };
        let single = c == '\'' || c == '‘';
        if single {
            let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
            if prev.is_some_and(char::is_alphanumeric) {
                i += 1;
                continue;
            }
        }
        let mut found = None;
        for (j, &(p2, c2)) in chars.iter().enumerate().skip(i + 1) {
            if j - i > 200 {
                break;
            }
            if !closers.contains(&c2) {
                continue;
            }
            if single {
                // An apostrophe inside the title (`One Summer’s Day`) is followed by a letter.
                let next = chars.get(j + 1).map(|x| x.1);
                if next.is_some_and(char::is_alphanumeric) {
                    continue;
                }
            }
            found = Some((j, p2, c2));
            break;
        }
        match found {
            Some((j, p2, c2)) => {
                let inner = &s[pos + c.len_utf8()..p2];
                let content = inner
                    .trim_matches(|ch: char| ch.is_whitespace() || ch == '\u{a0}')
                    .trim_end_matches([',', ';'])
                    .trim();
                if !content.is_empty() {
                    out.push(Span {
                        open: c,
                        start: pos,
                        end: p2 + c2.len_utf8(),
                        content: content.to_string(),
                    });
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

const ARTICLES: &[&str] = &[
    "the", "a", "an", "el", "la", "los", "las", "le", "les", "il", "lo", "gli", "i", "der", "die",
    "das", "o", "os", "as", "un", "una", "une", "ein", "eine", "uno", "l", "it", "this", "my",
];
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "da", "di", "del", "la", "le", "du", "dos", "das", "y", "bin", "al",
    "ben", "st.", "mc",
];

/// How much a field reads as people's names (0–1): short capitalised names, joined by `,`,
/// `and`, `&`, `y`, `und`, `et`, `e`, `/`; no articles, digits or colons.
pub(crate) fn person_score(s: &str) -> f64 {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 90 || s.contains([':', '!', '?', '(', '"', '“']) {
        return 0.0;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        return 0.0;
    }
    let mut parts: Vec<&str> = Vec::new();
    for a in s.split([',', '/', '&', ';']) {
        for b in a.split(" and ") {
            for c in b.split(" y ") {
                for d in c.split(" und ") {
                    for e in d.split(" et ") {
                        for f in e.split(" e ") {
                            let f = f.trim();
                            let f = f.strip_prefix("and ").unwrap_or(f);
                            if !f.is_empty() {
                                parts.push(f);
                            }
                        }
                    }
                }
            }
        }
    }
    if parts.is_empty() {
        return 0.0;
    }
    let mut ok = 0usize;
    for p in &parts {
        let words: Vec<&str> = p.split_whitespace().collect();
        if words.is_empty() || words.len() > 4 {
            continue;
        }
        let first = words[0].to_lowercase();
        if ARTICLES.contains(&first.as_str()) && words.len() > 1 {
            continue;
        }
        let all_caps_or_particle = words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || PARTICLES.contains(&w.to_lowercase().as_str())
        });
        if all_caps_or_particle {
            ok += 1;
        }
    }
    let mut base = ok as f64 / parts.len() as f64;
    if parts.len() == 1 && parts[0].split_whitespace().count() == 1 {
        // One capitalised word is a name as often as a title.
        base *= 0.6;
    }
    // Several names joined are people, not a title.
    if parts.len() >= 2 && base == 1.0 {
        1.0
    } else {
        base * 0.8
    }
}

/// True when one of the name's surnames (last word of a part, 3+ letters) is a word of `text`.
fn surname_in(name: &str, text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    name.split([',', '&', '/'])
        .flat_map(|p| p.split(" and "))
        .filter_map(|p| p.split_whitespace().last())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .any(|w| {
            text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .any(|t| t == w)
        })
}

/// How much a field reads as a film title (0–1): articles, digits, colons, many words.
fn title_score(s: &str) -> f64 {
    let s = s.trim();
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() {
        return 0.0;
    }
    let mut score: f64 = 0.0;
    if ARTICLES.contains(&words[0].to_lowercase().as_str()) && words.len() > 1 {
        score += 0.6;
    }
    if s.contains(':') || s.chars().any(|c| c.is_ascii_digit()) {
        score += 0.4;
    }
    if words.len() >= 5 {
        score += 0.3;
    }
    if words
        .iter()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_lowercase) && !PARTICLES.contains(w))
    {
        score += 0.2;
    }
    score.min(1.0)
}

/// The separators that split a head into two fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// ` – `, ` — `, ` - `, or an unspaced `—` (`Title—Composer`).
    Dash,
    /// `, ` outside parentheses.
    Comma,
}

/// Byte ranges of every dash separator outside parentheses and quotes.
fn dash_positions(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let b: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in b.iter().enumerate() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            '—' | '–' if depth <= 0 => {
                let mut start = i;
                let mut end = i + c.len_utf8();
                if k > 0 && b[k - 1].1 == ' ' {
                    start = b[k - 1].0;
                }
                if let Some(&(j, ' ')) = b.get(k + 1) {
                    end = j + 1;
                }
                // `–` unspaced between digits is a range, not a separator.
                let spaced = start < i || end > i + c.len_utf8();
                if c == '—' || spaced {
                    out.push((start, end));
                }
            }
            '-' if depth <= 0 => {
                let spaced_before = k > 0 && b[k - 1].1 == ' ';
                let spaced_after = b.get(k + 1).is_some_and(|x| x.1 == ' ');
                if spaced_before && spaced_after {
                    out.push((b[k - 1].0, i + 2));
                }
            }
            _ => {}
        }
    }
    out
}

/// Byte positions of `, ` outside parentheses.
fn comma_positions(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let bytes = s.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b',' if depth <= 0 && bytes.get(i + 1) == Some(&b' ') => out.push(i),
            _ => {}
        }
    }
    out
}

/// The two fields of a head split at its first (or last) separator of a kind.
fn split_at(s: &str, sep: Sep, last: bool) -> Option<(String, String)> {
    match sep {
        Sep::Dash => {
            let ds = dash_positions(s);
            let &(a, b) = if last { ds.last()? } else { ds.first()? };
            Some((s[..a].trim().to_string(), s[b..].trim().to_string()))
        }
        Sep::Comma => {
            let cs = comma_positions(s);
            let &p = if last { cs.last()? } else { cs.first()? };
            Some((s[..p].trim().to_string(), s[p + 1..].trim().to_string()))
        }
    }
}

/// A credit without chatter: `Hans Zimmer (see my review here)` → `Hans Zimmer`.
fn clean_credit(c: &str) -> String {
    let mut c = c.trim().to_string();
    if let Some(caps) = TRAILING_PAREN.captures(&c) {
        let inner = caps.name("inner").map_or("", |m| m.as_str());
        if inner
            .split_whitespace()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
        {
            c = caps
                .name("title")
                .map_or("", |m| m.as_str())
                .trim()
                .to_string();
        }
    }
    c.trim_end_matches(['.', ',', ';', ':']).trim().to_string()
}

/// Text of the lines of an entry's span (for surname evidence), bounded.
fn span_text(lines: &[Line], from: usize, to: usize, flavor: Flavor) -> String {
    let mut out = String::new();
    for l in lines.iter().take(to.min(lines.len())).skip(from) {
        if out.len() > 4000 {
            break;
        }
        out.push_str(&plain(&l.text, flavor));
        out.push('\n');
    }
    out
}

/// A song title from a table cell or a head field: a translation gloss in another script
/// (`Over the Rainbow(虹の彼方に)`) is dropped.
fn strip_gloss(s: &str) -> String {
    if let Some(caps) = TRAILING_PAREN.captures(s) {
        let inner = caps.name("inner").map_or("", |m| m.as_str());
        let title = caps.name("title").map_or("", |m| m.as_str());
        let foreign = |t: &str| t.chars().any(|c| (c as u32) >= 0x3000);
        if foreign(inner) && !foreign(title) {
            return title.trim().to_string();
        }
    }
    s.trim().to_string()
}

/// Column roles from table header words, in several languages.
fn header_role(h: &str) -> Option<&'static str> {
    let h = h.to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| h.contains(w));
    if has(&[
        "compos",
        "komponist",
        "作曲",
        "music by",
        "musique",
        "musik",
        "música",
        "score",
    ]) {
        Some("composer")
    } else if has(&[
        "曲", "song", "canción", "cancion", "chanson", "lied", "canzone", "canção", "cancao",
        "track", "titre",
    ]) {
        Some("song")
    } else if has(&["year", "jahr", "año", "anno", "ano", "année", "annee", "年"]) {
        Some("year")
    } else if has(&[
        "映画",
        "film",
        "movie",
        "película",
        "pelicula",
        "filme",
        "作品",
        "title",
        "titel",
        "titolo",
        "título",
    ]) {
        Some("film")
    } else if has(&[
        "artist",
        "interpr",
        "歌手",
        "performer",
        "sänger",
        "cantante",
        "perform",
        "歌",
    ]) {
        Some("artist")
    } else {
        None
    }
}

/// A `Film (Year)` line beside a head: its line, title, year and any prose after it.
type Satellite = (usize, String, Option<i32>, String);

/// Reads every member's head with one template for the whole list.
pub(crate) fn read(
    cands: &[Candidate],
    members: &[usize],
    lines: &[Line],
    flavor: Flavor,
) -> Reading {
    let n = members.len();
    let mut reading = Reading {
        reads: Vec::with_capacity(n),
        confidence: 0.8,
        ..Reading::default()
    };
    if n == 0 {
        return reading;
    }
    let bases: Vec<Head> = members
        .iter()
        .map(|&ci| parse_head(&cands[ci], flavor))
        .collect();
    let raws: Vec<String> = members
        .iter()
        .zip(&bases)
        .map(|(&ci, base)| {
            let c = &cands[ci];
            let mut rest = c.rest.as_str();
            // The head region: up to the bold end when the line carries prose after it.
            let inner_bold = rest
                .strip_prefix("**")
                .and_then(|r| r.find("**").map(|e| e + 2))
                .filter(|&e| e > 2);
            if let Some(b) = c.bold_end.or(inner_bold) {
                if b > 0 && b < rest.len() && rest.is_char_boundary(b) {
                    rest = &rest[..b];
                }
            }
            let mut t = plain(rest, flavor);
            // Prose printed after the head on the same line is not a field of it.
            if let Some(ib) = &base.inline_blurb {
                let prose = ib.chars().next().is_some_and(char::is_uppercase);
                if let Some(pos) = t.find(ib.as_str()).filter(|_| prose) {
                    t.truncate(pos);
                }
            }
            // `La Haine. Trois copains…`: a title ended by a period, prose after it.
            if let Some((title, _)) = period_title(&t) {
                let first_quote = quoted_spans(&t).first().map_or(t.len(), |q| q.start);
                if title.len() < first_quote {
                    t = title;
                }
            }
            t.trim().to_string()
        })
        .collect();
    // Line spans: from the head to the next member's head.
    let head_lines: Vec<usize> = members.iter().map(|&ci| cands[ci].line).collect();
    let span_end = |k: usize| head_lines.get(k + 1).copied().unwrap_or(lines.len());
    let texts: Vec<String> = (0..n)
        .map(|k| {
            span_text(
                lines,
                head_lines[k] + 1,
                span_end(k).min(head_lines[k] + 40),
                flavor,
            )
        })
        .collect();
    let rank_lines: std::collections::HashSet<usize> = members
        .iter()
        .filter_map(|&ci| cands[ci].rank_line)
        .collect();
    let skip = |j: usize| -> bool { rank_lines.contains(&j) };
    let next_line = |k: usize| -> Option<usize> {
        (head_lines[k] + 1..span_end(k)).find(|&j| !lines[j].is_blank() && !skip(j))
    };
    let prev_line = |k: usize| -> Option<usize> {
        let floor = if k > 0 { head_lines[k - 1] + 1 } else { 0 };
        (floor..head_lines[k])
            .rev()
            .find(|&j| !lines[j].is_blank() && !skip(j))
    };

    // Tables: columns by header words, else by features.
    if members.iter().all(|&ci| !cands[ci].cells.is_empty()) {
        return read_table(cands, members, lines, &bases, reading);
    }

    let film_line = |j: usize| -> Option<(String, Option<i32>, String)> {
        let l = &lines[j];
        if !l.cells.is_empty() {
            return None;
        }
        let t = plain(&l.text, flavor);
        let c = FILM_LINE.captures(&t)?;
        let title = c.name("title")?.as_str().trim();
        // A sentence is no title line; `Monsters, Inc.` ends in an abbreviation.
        let last_word = title.split_whitespace().last().unwrap_or("");
        let sentence_end = title.ends_with('.') && last_word.chars().count() > 4;
        if title.split_whitespace().count() > 12 || title.ends_with(':') || sentence_end {
            return None;
        }
        let year = c.name("year").and_then(|m| m.as_str().parse().ok());
        Some((
            title.to_string(),
            year,
            c.name("after")
                .map_or("", |m| m.as_str())
                .trim()
                .to_string(),
        ))
    };

    // Satellites: a `Film (Year)` line right under (or right above) heads that print no year.
    let without_year = bases.iter().filter(|h| h.year.is_none()).count();
    let below: Vec<Option<Satellite>> = (0..n)
        .map(|k| {
            let j = next_line(k)?;
            if lines[j].heading > 0 && lines[head_lines[k]].heading == 0 {
                return None;
            }
            film_line(j).map(|(t, y, a)| (j, t, y, a))
        })
        .collect();
    let above: Vec<Option<(usize, String, Option<i32>)>> = (0..n)
        .map(|k| {
            let j = prev_line(k)?;
            let (t, y, a) = film_line(j)?;
            a.is_empty().then_some((j, t, y))
        })
        .collect();
    let n_below = (0..n)
        .filter(|&k| bases[k].year.is_none() && below[k].is_some())
        .count();
    let n_above = (0..n)
        .filter(|&k| bases[k].year.is_none() && above[k].is_some())
        .count();
    let majority = |count: usize| count * 2 >= n.max(2) && count >= 2;
    if without_year * 2 >= n && (majority(n_below) || majority(n_above)) {
        let use_below = n_below >= n_above;
        let mut people = 0usize;
        for k in 0..n {
            let raw = raws[k].trim();
            let quotes = quoted_spans(raw);
            let sat = if use_below {
                below[k]
                    .as_ref()
                    .map(|(j, t, y, a)| (*j, t.clone(), *y, a.clone()))
            } else {
                above[k]
                    .as_ref()
                    .map(|(j, t, y)| (*j, t.clone(), *y, String::new()))
            };
            let mut read = Read::default();
            match sat {
                Some((j, title, year, after)) if bases[k].year.is_none() => {
                    reading.used_lines.push(j);
                    read.head.title = clean_title(&title);
                    read.head.year = year;
                    if !after.is_empty() {
                        read.head.inline_blurb = Some(after);
                    }
                    if quotes.is_empty() {
                        let credit = clean_credit(raw);
                        if person_score(&credit) > 0.5 {
                            people += 1;
                        }
                        read.head.credit = Some(credit).filter(|c| !c.is_empty());
                    } else {
                        for q in &quotes {
                            read.songs.push(SongCitation {
                                title: q.content.clone(),
                                artist: None,
                            });
                        }
                    }
                }
                _ => read.head = bases[k].clone(),
            }
            reading.reads.push(vec![read]);
        }
        let what = if people * 2 >= n {
            "the credit"
        } else {
            "the song or cue"
        };
        reading.description = format!(
            "heads read as {} over a `Film (Year)` line {}; film = that line",
            what,
            if use_below { "below" } else { "above" }
        );
        let used = if use_below { n_below } else { n_above };
        reading.confidence = 0.6 + 0.35 * used as f64 / n as f64;
        return reading;
    }

    // Quoted field plus another field: the quote is the song, the other field the film.
    let quote_info: Vec<Vec<Span>> = raws.iter().map(|r| quoted_spans(r)).collect();
    let outside: Vec<String> = (0..n)
        .map(|k| {
            let mut s = raws[k].clone();
            for q in quote_info[k].iter().rev() {
                s.replace_range(q.start..q.end, " ");
            }
            s
        })
        .collect();
    let has_other = |k: usize| -> bool {
        let o = outside[k].trim();
        let o = FILM_LINE_YEAR_ONLY.replace_all(o, "");
        // `「Song」『Film』`: the work's title is the other field, in its own brackets.
        let work_and_song = quote_info[k].iter().any(|q| q.open == '『')
            && quote_info[k].iter().any(|q| q.open != '『');
        work_and_song || o.chars().filter(|c| c.is_alphanumeric()).count() >= 2
    };
    let quoted_with_other = (0..n)
        .filter(|&k| !quote_info[k].is_empty() && has_other(k))
        .count();
    // `“Film” – Composer`: the quote opens the head and names follow a dash.
    let mut quote_first = 0usize;
    let mut names_after = 0.0;
    for k in 0..n {
        let Some(q) = quote_info[k].first() else {
            continue;
        };
        let post = raws[k][q.end..].trim_start();
        if raws[k][..q.start].trim().is_empty() && post.starts_with(['-', '–', '—']) {
            quote_first += 1;
            let (post, _) = strip_year(post.trim_start_matches(['-', '–', '—', ' ']));
            names_after += person_score(&clean_credit(&post))
                + if surname_in(&post, &texts[k]) {
                    0.3
                } else {
                    0.0
                };
        }
    }
    let quoted_films = quote_first * 2 > n && names_after / quote_first.max(1) as f64 >= 0.5;
    if quoted_with_other * 2 > n && !quoted_films {
        for k in 0..n {
            if quote_info[k].is_empty() || !has_other(k) {
                reading.reads.push(vec![Read {
                    head: bases[k].clone(),
                    ..Read::default()
                }]);
                continue;
            }
            reading
                .reads
                .push(read_quoted(&raws[k], &quote_info[k], &bases[k]));
        }
        reading.description =
            "heads read as a quoted song with its film in another field (artist before a colon, film after `from` or a comma, or in parentheses with the year)".to_string();
        reading.confidence = 0.6 + 0.35 * quoted_with_other as f64 / n as f64;
        return reading;
    }

    // `Artist Song (from Film)`: a film linker at the end, no quotes.
    let from_count = (0..n)
        .filter(|&k| quote_info[k].is_empty() && FROM_PAREN.is_match(&raws[k]))
        .count();
    if majority(from_count) {
        for k in 0..n {
            match FROM_PAREN.captures(&raws[k]) {
                Some(c) if quote_info[k].is_empty() => {
                    let film = c
                        .name("film")
                        .or_else(|| c.name("jafilm"))
                        .map_or("", |m| m.as_str())
                        .trim();
                    let pre = c.name("pre").map_or("", |m| m.as_str()).trim();
                    let mut read = Read::default();
                    read.head.title = clean_title(film);
                    let (artist, song) = split_artist_song(pre, film);
                    if !song.is_empty() {
                        read.songs.push(SongCitation {
                            title: song,
                            artist,
                        });
                    }
                    reading.reads.push(vec![read]);
                }
                _ => reading.reads.push(vec![Read {
                    head: bases[k].clone(),
                    ..Read::default()
                }]),
            }
        }
        reading.description =
            "heads read as `Artist Song (from Film)`; film = the `from` field".to_string();
        reading.confidence = 0.55;
        reading
            .warnings
            .push("artist and song are printed without a separator; the split is a guess".into());
        return reading;
    }

    // Two fields split by a dash or a comma: which side is the film?
    for sep in [Sep::Dash, Sep::Comma] {
        let split: Vec<Option<(String, String, String)>> = (0..n)
            .map(|k| {
                if !quote_info[k].is_empty() {
                    return None;
                }
                // The fields, with a year in parentheses set aside.
                let (region, _) = strip_year(&raws[k]);
                let (a1, b1) = split_at(&region, sep, false)?;
                let (a2, b2) = split_at(&region, sep, true)?;
                // Person first: split at the last separator; film first: at the first one.
                let _ = (&a1, &b2);
                Some((a2, b1, region))
            })
            .collect();
        let count = split.iter().filter(|s| s.is_some()).count();
        let needed = match sep {
            Sep::Dash => count * 10 >= n * 6,
            Sep::Comma => count * 10 >= n * 8,
        };
        if !needed || count < 2 {
            continue;
        }
        // Person-first evidence versus film-first evidence, over all heads.
        let mut first_person = 0.0;
        let mut second_person = 0.0;
        for (k, s) in split.iter().enumerate() {
            let Some((a_last, b_first, region)) = s else {
                continue;
            };
            let b_last = region[a_last.len()..]
                .trim_start_matches(|c: char| {
                    c == ',' || c == '—' || c == '–' || c == '-' || c.is_whitespace()
                })
                .to_string();
            let a_first = region[..region.len() - b_first.len()]
                .trim_end_matches(|c: char| {
                    c == ',' || c == '—' || c == '–' || c == '-' || c.is_whitespace()
                })
                .to_string();
            let text = &texts[k];
            let a_last = &clean_credit(a_last);
            let b_first = &clean_credit(b_first);
            first_person += person_score(a_last) - title_score(a_last) * 0.5
                + if surname_in(a_last, text) { 0.6 } else { 0.0 }
                + title_score(&b_last) * 0.3;
            second_person += person_score(b_first) - title_score(b_first) * 0.5
                + if surname_in(b_first, text) { 0.6 } else { 0.0 }
                + title_score(&a_first) * 0.3;
        }
        let margin = (first_person - second_person) / count as f64;
        let person_first = margin > 0.15;
        let film_first = margin < -0.15;
        if sep == Sep::Comma && !person_first {
            // `Title, Composer` is too rare to risk against titles with commas.
            continue;
        }
        for k in 0..n {
            let mut read = Read {
                head: bases[k].clone(),
                ..Read::default()
            };
            if let Some((a_last, b_first, region)) = &split[k] {
                let (_, year) = strip_year(&raws[k]);
                if person_first {
                    let film = region[a_last.len()..]
                        .trim_start_matches(|c: char| {
                            c == ',' || c == '—' || c == '–' || c == '-' || c.is_whitespace()
                        })
                        .to_string();
                    read.head.title = clean_title(&film);
                    read.head.credit = Some(clean_credit(a_last)).filter(|c| !c.is_empty());
                    read.head.year = year.or(bases[k].year);
                } else if sep == Sep::Dash {
                    let film = region[..region.len() - b_first.len()]
                        .trim_end_matches(|c: char| {
                            c == ',' || c == '—' || c == '–' || c == '-' || c.is_whitespace()
                        })
                        .to_string();
                    read.head.title = clean_title(&film);
                    read.head.credit = Some(clean_credit(b_first)).filter(|c| !c.is_empty());
                    read.head.year = year.or(bases[k].year);
                    read.head.inline_blurb = None;
                }
            }
            reading.reads.push(vec![read]);
        }
        let sep_name = if sep == Sep::Dash {
            "a dash"
        } else {
            "a comma"
        };
        reading.description = if person_first {
            format!("heads read as `Credit {sep_name} Film`; film = the second field")
        } else {
            format!("heads read as `Film {sep_name} Credit`; film = the first field")
        };
        reading.confidence = 0.55 + 0.4 * margin.abs().min(1.0);
        if !person_first && !film_first {
            reading.confidence = 0.5;
            reading.warnings.push(format!(
                "heads have two fields split by {sep_name}; which one is the film is unclear (read the first)"
            ));
        }
        return reading;
    }

    // `Title (Composer)`: a parenthesis of names after most titles.
    let paren_people = (0..n)
        .filter(|&k| {
            bases[k].year.is_none()
                && TRAILING_PAREN
                    .captures(raws[k].trim())
                    .and_then(|c| c.name("inner"))
                    .is_some_and(|m| person_score(m.as_str()) >= 0.8)
        })
        .count();
    if majority(paren_people) {
        for k in 0..n {
            let mut read = Read {
                head: bases[k].clone(),
                ..Read::default()
            };
            if let Some(c) = TRAILING_PAREN.captures(raws[k].trim()) {
                let inner = c.name("inner").map_or("", |m| m.as_str());
                if bases[k].year.is_none() && person_score(inner) >= 0.8 {
                    read.head.title = clean_title(c.name("title").map_or("", |m| m.as_str()));
                    read.head.credit = Some(inner.trim().to_string());
                }
            }
            reading.reads.push(vec![read]);
        }
        reading.description = "heads read as `Film (Credit)`; film = the first field".to_string();
        reading.confidence = 0.8;
        return reading;
    }

    // The plain template: `Title (Year)`, with a credit line under the head when there is one,
    // and a title ended by a period when prose follows on the same line.
    let mut credits = 0usize;
    // A line of names alone right under most heads is their credit.
    let name_line = |k: usize| -> Option<(usize, String)> {
        let j = next_line(k)?;
        let t = plain(&lines[j].text, flavor);
        let t = t.trim();
        (lines[j].heading == 0
            && t.split_whitespace().count() <= 8
            && !t.ends_with([':', '!', '?']))
        .then(|| (j, t.to_string()))
    };
    let name_lines = (0..n)
        .filter(|&k| {
            bases[k].credit.is_none() && name_line(k).is_some_and(|(_, t)| person_score(&t) >= 0.8)
        })
        .count();
    let use_name_lines = majority(name_lines);
    for k in 0..n {
        let mut read = Read {
            head: bases[k].clone(),
            ..Read::default()
        };
        if read.head.credit.is_none() && use_name_lines {
            if let Some((j, t)) = name_line(k) {
                if person_score(&t) >= 0.3 {
                    let t = t.trim_end_matches(['.', ',']);
                    let t = t
                        .strip_suffix(", et al")
                        .or_else(|| t.strip_suffix(" et al"))
                        .unwrap_or(t);
                    read.head.credit = Some(clean_credit(t));
                    reading.used_lines.push(j);
                    credits += 1;
                }
            }
        }
        if read.head.credit.is_none() {
            // A field block in the entry: `Composer` then the name, or `Composer: name`.
            let end = span_end(k).min(head_lines[k] + 40);
            for j in head_lines[k] + 1..end {
                let t = plain(&lines[j].text, flavor);
                if FIELD_LABEL.is_match(t.trim()) {
                    if let Some(v) = (j + 1..end).find(|&v| !lines[v].is_blank()) {
                        let name = plain(&lines[v].text, flavor);
                        if person_score(&name) >= 0.5 {
                            read.head.credit = Some(clean_credit(&name));
                            credits += 1;
                        }
                    }
                    break;
                }
            }
        }
        if read.head.credit.is_none() {
            if let Some(j) = next_line(k) {
                let t = plain(&lines[j].text, flavor);
                if let Some(c) = CREDIT_LINE.captures(t.trim()) {
                    let name = c.name("name").map_or("", |m| m.as_str()).trim();
                    if person_score(name) > 0.5 || name.split_whitespace().count() <= 4 {
                        read.head.credit = Some(clean_credit(name));
                        reading.used_lines.push(j);
                        credits += 1;
                    }
                }
            }
        }
        if quote_info[k].is_empty() && read.head.year.is_none() && read.head.credit.is_none() {
            if let Some((title, prose)) = period_title(&read.head.title) {
                read.head.title = title;
                read.head.inline_blurb = Some(prose);
            }
        }
        reading.reads.push(vec![read]);
    }
    reading.description = if credits * 2 >= n {
        "heads read as `Film` with a credit line under each; film = the head".to_string()
    } else {
        "heads read as `Film (Year)`; film = the head".to_string()
    };
    reading.confidence = 0.85;
    reading
}

/// A field label for the composer, alone on its line (`<dt>Komponist</dt>`).
static FIELD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:composer|composers|music|score|komponist|komponisten|musik|compositor|compositores|música|musique|compositeur|compositore|musica|作曲)\s*:?$")
        .expect("valid regex")
});

static FILM_LINE_YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[(\[]\s*{YEAR}(?:\s*[-–/]\s*\d{{2,4}})?\s*[)\]]|[,:;—–\-|/&]|\b(?i:and|y|und|et|e|from|tie)\b"
    ))
    .expect("valid regex")
});

static FROM_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    // Japanese puts `from` after the film: `(Filmより)`.
    Regex::new(r"^(?P<pre>.+?)\s*[(（]\s*(?:(?i:from|aus|de|del film|dal film|du film|do filme)\s+(?P<film>[^()（）]+)|(?P<jafilm>[^()（）]+?)\s*(?:より|から))[)）]\s*$")
        .expect("valid regex")
});

static YEAR_PAREN_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\s*(?:[(\[]\s*(?P<year>{YEAR})(?:\s*[-–/]\s*\d{{2,4}})?\s*[)\]]|,\s*(?P<cyear>{YEAR}))\s*$"
    ))
    .expect("valid regex")
});

/// A head without its trailing `(Year)`, and the year.
fn strip_year(raw: &str) -> (String, Option<i32>) {
    match YEAR_PAREN_END.captures(raw) {
        Some(c) => {
            let start = c.get(0).map_or(raw.len(), |m| m.start());
            (
                raw[..start].trim().to_string(),
                c.name("year")
                    .or_else(|| c.name("cyear"))
                    .and_then(|m| m.as_str().parse().ok()),
            )
        }
        None => (raw.trim().to_string(), None),
    }
}

/// `La Haine. Trois copains, une nuit…` → the title and the prose after it.
fn period_title(t: &str) -> Option<(String, String)> {
    if t.split_whitespace().count() < 6 {
        return None;
    }
    let bytes = t.as_bytes();
    for (i, _) in t.match_indices(". ") {
        let before = &t[..i];
        let last = before.split_whitespace().last().unwrap_or("");
        // Abbreviations and initials: `St. Elmo`, `E.T. The`, `Mr. Smith`.
        let initial =
            last.chars().count() <= 2 && last.chars().next().is_some_and(char::is_uppercase);
        if initial || last.contains('.') || ["Mr", "Mrs", "Dr", "St", "Vol", "Jr"].contains(&last) {
            continue;
        }
        let after = t[i + 2..].trim_start();
        if !after.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let _ = bytes;
        if before.split_whitespace().count() <= 10 {
            return Some((before.trim().to_string(), after.to_string()));
        }
        return None;
    }
    None
}

/// Small words that stay lowercase inside English titles.
const TITLE_SMALL: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or",
    "but", "nor", "as", "vs", "vs.", "n'", "o'", "is", "it",
];

/// `Pretty In Pink Still gives me chills :D` → `Pretty In Pink`: a comment glued after a
/// title-case film name starts at the capital before the first lowercase word.
fn cut_glued_prose(film: &str) -> &str {
    let words: Vec<(usize, &str)> = film
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - film.as_ptr() as usize, w))
        .collect();
    let first_lower = words.iter().position(|(_, w)| {
        w.chars().next().is_some_and(char::is_lowercase)
            && !TITLE_SMALL.contains(&w.to_lowercase().as_str())
    });
    match first_lower {
        Some(p) if p >= 3 && words.len() - p >= 2 => {
            let cut = words[p - 1].0;
            film[..cut].trim_end()
        }
        _ => film,
    }
}

/// Splits `Artist Song` printed without a separator; the film's name ending it is the song.
fn split_artist_song(pre: &str, film: &str) -> (Option<String>, String) {
    let words: Vec<&str> = pre.split_whitespace().collect();
    if words.len() < 2 {
        return (None, pre.to_string());
    }
    // The film's name at the end is a title song: `Kenny Loggins Footloose (from Footloose)`.
    for f in film.split(" & ").chain(std::iter::once(film)) {
        let f = f.trim();
        let cut = pre.len().saturating_sub(f.len());
        let (Some(head), Some(tail)) = (pre.get(..cut), pre.get(cut..)) else {
            continue;
        };
        if !f.is_empty() && cut > 0 && tail.to_lowercase() == f.to_lowercase() {
            let artist = head.trim();
            // `Isaac Hayes Theme from Shaft`: a name does not end in a lowercase word, so the
            // film's name ends a longer song title there.
            let ends_lower = artist
                .split_whitespace()
                .last()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
            if !artist.is_empty() && !ends_lower {
                return (Some(artist.to_string()), tail.to_string());
            }
        }
    }
    let mut k = 2usize;
    if words[0].eq_ignore_ascii_case("the") {
        k = 2;
    } else if words.len() > 2 && is_initial(words[1]) {
        k = 3;
    } else if is_initial(words[0]) {
        k = 2;
    } else if words[1].contains(['\'', '’'])
        || words[1].chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        k = 1;
    }
    // `Huey Lewis & the News Song`: a joiner carries the name on.
    while k < words.len() && ["&", "and", "y", "und"].contains(&words[k]) {
        k += 1;
        if k < words.len() && words[k].eq_ignore_ascii_case("the") {
            k += 1;
        }
        k += 1;
    }
    if k >= words.len() {
        return (None, pre.to_string());
    }
    (Some(words[..k].join(" ")), words[k..].join(" "))
}

fn is_initial(w: &str) -> bool {
    let t = w.trim_end_matches('.');
    w.ends_with('.') && t.chars().count() <= 2 && t.chars().all(char::is_uppercase)
}

/// Reads a head with a quoted song and another field.
fn read_quoted(raw: &str, quotes: &[Span], base: &Head) -> Vec<Read> {
    // `「Song」『Film』`: Japanese marks a work's title with double corner brackets.
    if let Some(film) = quotes.iter().find(|q| q.open == '『') {
        let songs: Vec<SongCitation> = quotes
            .iter()
            .filter(|q| q.open != '『')
            .map(|q| SongCitation {
                title: q.content.clone(),
                artist: None,
            })
            .collect();
        let (_, year) = strip_year(raw);
        return vec![Read {
            head: Head {
                title: clean_title(&film.content),
                year: year.or(base.year),
                credit: None,
                inline_blurb: None,
            },
            songs,
        }];
    }
    let first = &quotes[0];
    let last = &quotes[quotes.len() - 1];
    let pre = raw[..first.start].trim();
    let post = raw[last.end..].trim();
    let mut artist: Option<String> = None;
    let mut films: Vec<String> = Vec::new();
    let mut year: Option<i32>;
    // Artist before a colon (`Berlin: “Song”`), or a credit before a dash.
    let pre_clean = pre.trim_end_matches([':', '—', '–', '-', ',', '|']).trim();
    let pre_is_artist = pre.ends_with(':') && !pre_clean.is_empty();
    if pre_is_artist {
        artist = Some(pre_clean.to_string());
    }
    if let Some(c) = JA_FROM.captures(post) {
        films.push(c.name("film").map_or("", |m| m.as_str()).trim().to_string());
        year = None;
    } else if let Some(c) = PAREN_FILM_YEAR.captures(post) {
        films.push(c.name("film").map_or("", |m| m.as_str()).to_string());
        year = c.name("year").and_then(|m| m.as_str().parse().ok());
    } else if let Some(c) = FROM_FILM.captures(post) {
        let film = c.name("film").map_or("", |m| m.as_str());
        let film = cut_glued_prose(film);
        let (film, y) = strip_year(film);
        year = y;
        films.push(film);
    } else {
        let (post_clean, y) = strip_year(post);
        year = y;
        let post_clean = post_clean
            .trim_start_matches([',', ':', '—', '–', '-', '|', ' '])
            .trim();
        // `“Song” – Artist (Film, Year)`: names, then the film with its year.
        if let Some(c) = NAMES_THEN_FILM_YEAR.captures(post_clean) {
            let names = c.name("names").map_or("", |m| m.as_str()).trim();
            if person_score(names) >= 0.5 && artist.is_none() {
                artist = Some(names.to_string());
                films.push(c.name("film").map_or("", |m| m.as_str()).to_string());
                year = c.name("year").and_then(|m| m.as_str().parse().ok());
            }
        }
        if !films.is_empty() {
        } else if let Some(rest) = post_clean
            .strip_prefix("by ")
            .or_else(|| post_clean.strip_prefix("von "))
        {
            artist = Some(rest.trim().to_string());
            if !pre_clean.is_empty() && !pre_is_artist {
                films.push(pre_clean.to_string());
            }
        } else if !post_clean.is_empty() && post_clean.chars().any(char::is_alphanumeric) {
            films.push(post_clean.to_string());
        } else if !pre_clean.is_empty() && !pre_is_artist {
            films.push(pre_clean.to_string());
        }
    }
    // `TIE: “A” and “B” from X and Y`: two entries at one rank.
    if quotes.len() >= 2 && films.len() == 1 {
        let parts: Vec<&str> = films[0].split(" and ").collect();
        if parts.len() == quotes.len() {
            films = parts.iter().map(|p| p.trim().to_string()).collect();
        }
    }
    let songs: Vec<SongCitation> = quotes
        .iter()
        .map(|q| SongCitation {
            title: q.content.trim_end_matches(['.', ',']).to_string(),
            artist: artist.clone(),
        })
        .collect();
    if films.is_empty() {
        return vec![Read {
            head: base.clone(),
            songs,
        }];
    }
    let n_films = films.len();
    films
        .into_iter()
        .enumerate()
        .map(|(i, film)| {
            let mut head = Head {
                title: clean_title(&film),
                year: year.or(base.year),
                credit: artist.clone(),
                inline_blurb: None,
            };
            if head.title.is_empty() {
                head = base.clone();
            }
            let songs = if n_films > 1 && songs.len() == n_films {
                vec![songs[i].clone()]
            } else if i == 0 {
                songs.clone()
            } else {
                Vec::new()
            };
            Read { head, songs }
        })
        .collect()
}

/// Reads table rows: column roles from the header row, else from the cells.
fn read_table(
    cands: &[Candidate],
    members: &[usize],
    lines: &[Line],
    bases: &[Head],
    mut reading: Reading,
) -> Reading {
    let first_line = cands[members[0]].line;
    let width = cands[members[0]].cells.len();
    let header: Option<&Line> = lines[..first_line]
        .iter()
        .rev()
        .take(12)
        .find(|l| l.header_row && l.cells.len() == width + 1);
    let mut roles: Vec<Option<&'static str>> = vec![None; width];
    if let Some(h) = header {
        for (i, cell) in h.cells.iter().skip(1).enumerate() {
            if i < width {
                roles[i] = header_role(cell);
            }
        }
    }
    // Without a header: the column with years is the film; a column of names is a credit.
    if !roles.contains(&Some("film")) {
        let mut best = (0usize, -1.0f64);
        #[allow(clippy::needless_range_loop)]
        for col in 0..width {
            let mut score = 0.0;
            for &ci in members {
                if let Some(cell) = cands[ci].cells.get(col) {
                    if YEAR_PAREN_END.is_match(cell) {
                        score += 1.0;
                    }
                    score -= person_score(cell) * 0.5;
                    score += title_score(cell) * 0.3;
                }
            }
            if score > best.1 && roles[col].is_none() {
                best = (col, score);
            }
        }
        roles[best.0] = Some("film");
    }
    let film_col = roles.iter().position(|r| *r == Some("film")).unwrap_or(0);
    for (k, &ci) in members.iter().enumerate() {
        let cells = &cands[ci].cells;
        let mut read = Read::default();
        let film_cell = cells.get(film_col).map_or("", String::as_str);
        let (title, year) = strip_year(film_cell);
        read.head.title = clean_title(&title);
        read.head.year = year.or(bases[k].year);
        if read.head.year.is_none() {
            if let Some(col) = roles.iter().position(|r| *r == Some("year")) {
                read.head.year = cells
                    .get(col)
                    .and_then(|c| c.trim().get(..4))
                    .and_then(|c| c.parse().ok())
                    .filter(|y| (1870..=2100).contains(y));
            }
        }
        let mut artist = None;
        for (col, role) in roles.iter().enumerate() {
            let cell = cells.get(col).map_or("", |c| c.trim());
            match role {
                Some("artist") if !cell.is_empty() => artist = Some(cell.to_string()),
                Some("composer") if !cell.is_empty() => read.head.credit = Some(cell.to_string()),
                _ => {}
            }
        }
        for (col, role) in roles.iter().enumerate() {
            if *role == Some("song") {
                let cell = cells.get(col).map_or("", |c| c.trim());
                let q = quoted_spans(cell);
                let title = match q.first() {
                    Some(s) if s.start == 0 => s.content.clone(),
                    _ => strip_gloss(cell),
                };
                if !title.is_empty() {
                    read.songs.push(SongCitation {
                        title,
                        artist: artist.clone(),
                    });
                }
            }
        }
        reading.reads.push(vec![read]);
    }
    reading.description = format!(
        "table rows read by column{}; film = column {}",
        if header.is_some() { " headers" } else { "" },
        film_col + 2
    );
    reading.confidence = if header.is_some() { 0.9 } else { 0.65 };
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_from_follows_the_film() {
        let c = FROM_PAREN
            .captures("Eddie Vedder Society（Into the Wildより）")
            .expect("matches");
        assert_eq!(c.name("jafilm").map(|m| m.as_str()), Some("Into the Wild"));
        assert_eq!(
            c.name("pre").map(|m| m.as_str()),
            Some("Eddie Vedder Society")
        );
        assert!(FROM_PAREN
            .captures("Eddie Vedder Society (Into the Wild)")
            .is_none());
    }

    #[test]
    fn quotes_of_every_script() {
        let q = quoted_spans("«\u{a0}Sans toi\u{a0}» und „Lola“ and 「Ponyo」 ‘One Man’s Way’");
        let c: Vec<&str> = q.iter().map(|s| s.content.as_str()).collect();
        assert_eq!(c, ["Sans toi", "Lola", "Ponyo", "One Man’s Way"]);
    }

    #[test]
    fn names_read_as_people() {
        assert!(person_score("Ben Salisbury & Geoff Barrow") > 0.9);
        assert!(person_score("Ann Smith, Bo Lee, and Cy Ray") > 0.9);
        assert!(person_score("The Last Day On Mars") < 0.5);
        assert!(person_score("2046") < 0.1);
    }

    #[test]
    fn period_ends_a_title_before_prose() {
        let (t, p) = period_title("Le Voyage. Deux amis partent en mer sans carte.").unwrap();
        assert_eq!(t, "Le Voyage");
        assert!(p.starts_with("Deux"));
        assert!(period_title("Short one. Two").is_none());
    }

    #[test]
    fn artist_and_song_without_separator() {
        assert_eq!(
            split_artist_song("Jo Bloggs Summer Rain", "Rain Film"),
            (Some("Jo Bloggs".to_string()), "Summer Rain".to_string())
        );
        assert_eq!(
            split_artist_song("Kay Dee Night Drive", "Night Drive"),
            (Some("Kay Dee".to_string()), "Night Drive".to_string())
        );
        assert_eq!(
            split_artist_song("Kay Dee Theme from Rain", "Rain"),
            (Some("Kay Dee".to_string()), "Theme from Rain".to_string())
        );
    }

    #[test]
    fn glosses_in_another_script_are_dropped() {
        assert_eq!(strip_gloss("Blue Moon(青い月)"), "Blue Moon");
        assert_eq!(strip_gloss("Song (Reprise)"), "Song (Reprise)");
    }
}
