//! Songs cited in prose: quoted titles classified as songs or not, with their artists.
//!
//! Every quoted span (double quotes, curly or straight, and single quotes used as quotes) is
//! weighed on the words around it:
//!
//! - `"X" by Y` is a song by Y; so is `Y's song "X"`, `Y contributed the song "X"`,
//!   `Y (who sings a ditty called "X")`, and `Y's "X"`.
//! - A song noun just before (`ballad "X"`, `mashup titled the "X"`) makes it a song.
//! - A film cue (`films like "X"`, `heard in "X"`, `the "X" soundtrack`, `"X" almost made this
//!   list`), a title of the list itself, or an album word makes it not a song.
//! - Lowercase phrases ("flat feet"), long sentences (quoted speech) are not songs.
//! - Quotes listed together (`"A," "B," and "C"`) share their first item's verdict and artist.
//! - Anything else that reads as a title is a song.
//!
//! Each quote looks at most at the text since the previous quote (and at most a short window),
//! so the work stays linear in the length of the prose.

use super::layout::{ceil_boundary, floor_boundary};
use needledrop_model::SongCitation;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Titles the list itself is about (entries and mentions), normalised, to tell films from songs.
#[derive(Debug, Default)]
pub(crate) struct FilmTitles {
    exact: HashSet<String>,
    /// Word prefixes (three words or more) of the titles: "guardians of the galaxy".
    prefixes: HashSet<String>,
}

impl FilmTitles {
    /// Adds a title.
    pub fn add(&mut self, title: &str) {
        let words = words_of(title);
        if words.is_empty() {
            return;
        }
        for n in 3..words.len().min(16) {
            self.prefixes.insert(words[..n].join(" "));
        }
        self.exact.insert(words.join(" "));
    }

    fn is_exact(&self, q: &[String]) -> bool {
        self.exact.contains(&q.join(" "))
    }

    /// The quote starts with a whole title ("Barbie The Album") or is the start of one
    /// ("Guardians of the Galaxy" for "Guardians of the Galaxy Vol. 1").
    fn is_related(&self, q: &[String]) -> bool {
        // A cue may begin with its film's name (`Fargo, North Dakota`); a quote that is only
        // the start of a longer title is the film.
        q.len() >= 3 && self.prefixes.contains(&q.join(" "))
    }
}

/// Lowercase words without punctuation, for comparing titles.
fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A quoted span in the prose.
#[derive(Debug, Clone)]
struct Quote {
    /// Byte offset of the opening quote mark.
    start: usize,
    /// Byte offset just after the closing quote mark.
    end: usize,
    /// The text inside, with trailing `,` `.` `;` `:` (American punctuation) removed.
    content: String,
}

const MAX_QUOTE_CHARS: usize = 150;

/// Finds quoted spans: `"…"`, `“…”`, `‘…’`, and `'…'` when the marks stand as quotes rather than
/// apostrophes (`rock 'n roll`, `'80s`, `Nichols'` are not quotes).
fn quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut double_open: Option<usize> = None;
    let mut single_open: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '\n' {
            double_open = None;
            single_open = None;
        }
        if let Some(start) = double_open {
            if i - start > MAX_QUOTE_CHARS * 4 {
                double_open = None;
            }
        }
        if let Some(start) = single_open {
            if i - start > MAX_QUOTE_CHARS * 4 {
                single_open = None;
            }
        }
        match c {
            '"' | '“' | '”' => {
                let closes = c == '”' || (c == '"' && double_open.is_some());
                match double_open {
                    Some(start) if closes => {
                        push_quote(text, start, i, c, &mut out);
                        double_open = None;
                    }
                    _ if c != '”' => {
                        double_open = Some(i);
                        single_open = None;
                    }
                    _ => {}
                }
            }
            '‘' if double_open.is_none() => single_open = Some(i),
            '\'' | '’' if double_open.is_none() => {
                let opens_here = c == '\''
                    && prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p))
                    && next.is_some_and(|n| {
                        // `'16 Candles'` opens a title; `'80s` is an abbreviated decade.
                        let word_digits = || {
                            text[i + c.len_utf8()..]
                                .chars()
                                .take_while(|ch| ch.is_alphanumeric())
                                .all(|ch| ch.is_ascii_digit())
                        };
                        n.is_uppercase() || n == '(' || (n.is_ascii_digit() && word_digits())
                    });
                // `'Talkin''`: a mark right before another closes nothing; `'Surfin' Safari'`:
                // a capitalised word after the mark continues the title.
                let after_next = text[i + c.len_utf8()..].chars().nth(1);
                let continues = next == Some(' ')
                    && after_next.is_some_and(char::is_uppercase)
                    && single_open.is_some_and(|st| {
                        text[i..].find(['\'', '’']).is_some() && i > st && {
                            let tail = &text[i + c.len_utf8()..];
                            let line_end = tail.find('\n').unwrap_or(tail.len());
                            let limit = floor_boundary(tail, line_end.min(80));
                            tail[..limit].contains(['\'', '’'])
                        }
                    });
                let closes_here = prev.is_some_and(|p| !p.is_whitespace())
                    && next.is_none_or(|n| !n.is_alphanumeric())
                    && next != Some(c)
                    && !continues;
                match single_open {
                    Some(start) if closes_here => {
                        push_quote(text, start, i, c, &mut out);
                        single_open = None;
                    }
                    None if opens_here => single_open = Some(i),
                    _ => {}
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

fn push_quote(text: &str, start: usize, close: usize, close_char: char, out: &mut Vec<Quote>) {
    let open_len = text[start..].chars().next().map_or(1, char::len_utf8);
    let inner = text.get(start + open_len..close).unwrap_or("");
    let content = inner.trim().trim_end_matches([',', '.', ';', ':']).trim();
    if content.is_empty() || content.chars().count() > MAX_QUOTE_CHARS {
        return;
    }
    out.push(Quote {
        start,
        end: close + close_char.len_utf8(),
        content: content.to_string(),
    });
}

/// Quote marks of other scripts as curly English ones (`« X »`, `„X“`, `「X」`, `‹X›`), and
/// no-break spaces inside them as spaces, so one reader handles them all.
fn unify_quotes(text: &str) -> String {
    if !text.contains(['«', '»', '„', '「', '」', '‹', '›', '『', '』']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut low_open = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' | '「' | '『' => {
                out.push('“');
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
            }
            '»' | '」' | '』' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('”');
            }
            '„' => {
                low_open = true;
                out.push('“');
            }
            '“' if low_open => {
                low_open = false;
                out.push('”');
            }
            '‹' => out.push('‘'),
            '›' => out.push('’'),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One word of a name: `Dua`, `XCX`, `T.Rex`, `7`, `J.`, `Dr.`
const NAME_WORD: &str = r"(?:\p{Lu}\p{Ll}?\.(?:\p{Lu}\.)*(?:['’]s)?|\p{Lu}(?:[\p{L}\p{M}\d&!$+]|[.'’-][\p{L}\d]|\.['’]s)*|\d+[\p{L}\d]*)";

fn name_pattern() -> String {
    format!(
        r"(?:[Tt]he +)?{w}(?: +(?:(?:&|and|of|the|de|la|le|del|van|von|der|da|di|y|for|in) +)*{w})*",
        w = NAME_WORD
    )
}

static SONG_NOUNS: &str = r"songs?|singles?|tracks?|tunes?|ballads?|numbers?|anthems?|hits?|ditty|ditties|covers?|renditions?|versions?|interpretations?|performances?|duets?|medley|mash-?ups?|opus|theme|arias?|lullaby|earworm|b-side|showstopper|love song";
static FILM_NOUNS: &str = r"films?|movies?|shows?|series|franchise|sitcoms?|musicals?|albums?|LPs?|EPs?|records?|soundtracks?|scores?|operas?|plays?|novels?|books?|documentar(?:y|ies)|biopics?|sequels?|remakes?|TV|television|cartoons?|games?|pictures?|flicks?|trilogy|saga|episodes?|podcasts?|magazine|band|brand|role|character|trend|phrase|catchphrase|line|nickname";

/// Nouns that, right after a quote, make it a film or an album (`the "X" soundtrack`).
static FILM_AFTER_NOUNS: &str = r"films?|movies?|shows?|series|franchise|sitcom|musical|albums?|LP|EP|soundtracks?|scores?|opera|novel|book|documentary|biopic|sequels?|remake|TV|television|trilogy|saga|universe|cast|star|director|era|OST|episode|podcast";

/// `"X" by Y`, `"X," also by Y`.
static BY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*,?\s*(?:(?:also|both|all|originally|first|famously|performed|sung|recorded|written|interprétée?|gesungen|cantada|cantata)\s+)*(?:by|de|d['’]|von|di|par|dei|degli|do|da)\s*(?P<name>{})",
        name_pattern()
    ))
    .expect("valid regex")
});

/// `songs by Y such as "X"`, `tracks from Y: "X"` — a list of songs by one artist.
static BY_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:\b(?:{SONG_NOUNS})\s+(?:by|from)\s+)(?P<name>{})\s*[:,—–-]?\s*(?i:(?:like|such as|including|namely)\s+)?(?:the\s+)?$",
        name_pattern()
    ))
    .expect("valid regex")
});

/// A song noun right before the quote: `ballad "X"`, `mashup titled the "X"`.
static SONG_NOUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{SONG_NOUNS})\s+(?:(?:called|titled|named|of|like|such as|including|is|was)\s+)?(?:the\s+)?$"
    ))
    .expect("valid regex")
});

/// A film cue right before the quote: `films like "X"`, `heard in "X"`, `the soundtrack for "X"`.
static FILM_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\b(?:{FILM_NOUNS}|music|theme)\s+(?:(?:like|such as|including|called|titled|named|for|to|of|from|in|on)\s+)?|\b(?:in|from|as|on|about|into|onto|starring|watch|watched|watching|see|saw|seen|read|dubbed|nicknamed)\s+)(?:the\s+)?$"
    ))
    .expect("valid regex")
});

/// A film cue right after the quote: `the "X" soundtrack`, `"X" (2004)`, `"X" almost made this list`.
static FILM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[\s,]*(?:\(\s*(?:\d{{4}}|dir\.)|(?:{FILM_AFTER_NOUNS})\b|(?:[\p{{L}}-]+\s+){{0,2}}(?:made|makes|tops|topped|ranks|ranked|landed|lands|cracked|missed)\s+(?:on\s+)?(?:this|the|our)\s+list)"
    ))
    .expect("valid regex")
});

/// `Y's "X"`, `Y's classic song "X"`, `The Shins' song "X"`.
static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{})(?:['’]s|['’])\s+(?P<gap>(?:[\p{{L}}\d-]+,?\s+){{0,4}}?)$",
        name_pattern()
    ))
    .expect("valid regex")
});

/// `Y contributed the song "X"`, `Y (who sings a ditty called "X"`.
static SUBJECT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{})\s*,?\s*\(?(?:who\s+|qui\s+|der\s+|die\s+|que\s+|che\s+)?(?:also\s+)?(?:sings|sing|sang|chante|chantent|chantait|singt|singen|canta|cantan|cantava|interpreta|interprète|interprètent|leads|led|performs|performed|contributed|contributes|covers|covered|recorded|records|wrote|writes|delivers|delivered|belts|belted|croons|crooned|lends|lent|offers|offered|provides|provided|gave us|gives us)\s+(?P<gap>(?:[\p{{L}}\d-]+,?\s+){{0,4}}?)$",
        name_pattern()
    ))
    .expect("valid regex")
});

static SONG_NOUN_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{SONG_NOUNS})$")).expect("valid regex"));
static FILM_NOUN_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{FILM_NOUNS})$")).expect("valid regex"));

/// Separators that keep quotes in one list: `", "`, `" and "`, `", and, of course, "`.
static LIST_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:(?:and|or|&|plus)\s*)?,?\s*(?:(?:of course|also|even|finally|then|not to mention)\s*,?\s*)?$")
        .expect("valid regex")
});

/// Words that begin sentences, not names: "Before Charli XCX contributed …".
const NOT_NAME_START: &[&str] = &[
    "before",
    "after",
    "while",
    "when",
    "and",
    "but",
    "with",
    "like",
    "as",
    "also",
    "even",
    "between",
    "from",
    "including",
    "plus",
    "then",
    "here",
    "there",
    "this",
    "that",
    "in",
    "on",
    "at",
    "of",
    "for",
    "unlike",
    "since",
    "though",
    "although",
    "featuring",
    "obviously",
    "yes",
    "no",
    "so",
    "if",
    "its",
    "it",
    "his",
    "her",
    "their",
    "our",
    "we",
    "you",
    "he",
    "she",
    "they",
    "i",
    "a",
    "an",
    "every",
    "each",
    "both",
    "all",
    "sure",
    "still",
    "later",
    "meanwhile",
    "somehow",
    "naturally",
    "finally",
    "besides",
    "where",
    "what",
    "why",
    "how",
    "who",
    "whose",
    "not",
];

/// Words inside titles that mark an album or a soundtrack rather than a song.
const ALBUM_WORDS: &[&str] = &["album", "soundtrack", "ost", "vol", "volume", "lp"];

/// Small words that may be lowercase inside a title.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "but", "at", "by", "with",
    "from", "is", "are", "as", "de", "la", "le", "les", "el", "y", "vs", "n", "o", "into", "up",
    "off", "out", "over", "it", "me", "my", "you", "be", "am", "i",
];

/// Trims a name: drops sentence-opening words; refuses pronouns and lone articles.
fn clean_name(name: &str) -> Option<String> {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while let Some(first) = words.first() {
        if NOT_NAME_START.contains(&first.to_lowercase().as_str()) {
            words.remove(0);
        } else {
            break;
        }
    }
    while let Some(last) = words.last() {
        if ["&", "and", "of", "the", "The"].contains(last) {
            words.pop();
        } else {
            break;
        }
    }
    if words.is_empty() || (words.len() == 1 && words[0].eq_ignore_ascii_case("the")) {
        return None;
    }
    Some(words.join(" "))
}

#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Song(Option<String>),
    NotSong,
    /// No cue either way: decided by the list the quote stands in, else by default.
    Open(Option<String>),
}

/// Looks at one quote in its context.
fn judge(q: &Quote, before: &str, after: &str, films: &FilmTitles) -> Verdict {
    let content = q.content.as_str();
    let first = content.chars().next().unwrap_or(' ');
    // Cheap checks first: capture groups cost far more than a yes/no scan.
    let by = Some(after)
        .filter(|a| BY_AFTER.is_match(a))
        .and_then(|a| BY_AFTER.captures(a))
        .and_then(|c| c.name("name"))
        .and_then(|m| clean_name(m.as_str()));
    let qwords = words_of(content);
    if qwords.is_empty() || qwords.len() > 14 {
        return Verdict::NotSong;
    }
    let on_line = || {
        // A quoted film (`“Heat” – Elliot Goldenthal`) keeps its composer out of the songs.
        (!films.is_exact(&qwords) && !films.is_related(&qwords))
            .then(|| artist_on_line(before, after, films))
            .flatten()
    };
    if let Some(artist) = by.or_else(on_line) {
        // `'Title' by X` is a song even when it shares its film's name; so is a line that
        // holds only the quote and a name (`X: “Title”`, `“Title” – X`).
        if qwords.len() <= 14 {
            return Verdict::Song(Some(artist));
        }
    }
    if first.is_lowercase()
        || !(first.is_alphanumeric() || first == '(' || first == '¿' || first == '¡')
    {
        return Verdict::NotSong;
    }
    let possessive = Some(before)
        .filter(|b| b.contains(['\'', '’']) && POSSESSIVE.is_match(b))
        .and_then(|b| POSSESSIVE.captures(b))
        .and_then(|c| {
            let name = clean_name(c.name("name")?.as_str())?;
            let gap: Vec<String> = c
                .name("gap")
                .map_or("", |m| m.as_str())
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            Some((name, gap))
        });
    let subject = Some(before)
        .filter(|b| SUBJECT_VERB.is_match(b))
        .and_then(|b| SUBJECT_VERB.captures(b))
        .and_then(|c| {
            let name = clean_name(c.name("name")?.as_str())?;
            let gap = c.name("gap").map_or("", |m| m.as_str()).to_string();
            Some((name, gap))
        });
    let gap_has = |gap: &[String], re: &Regex| gap.iter().any(|w| re.is_match(w));
    if let Some((name, gap)) = &possessive {
        if gap_has(gap, &SONG_NOUN_WORD) && !gap_has(gap, &FILM_NOUN_WORD) {
            return Verdict::Song(Some(name.clone()));
        }
    }
    if let Some((name, gap)) = &subject {
        let gap_words: Vec<String> = gap.split_whitespace().map(str::to_string).collect();
        if !gap_has(&gap_words, &FILM_NOUN_WORD) {
            return Verdict::Song(Some(name.clone()));
        }
    }
    if let Some(name) = Some(before)
        .filter(|b| BY_BEFORE.is_match(b))
        .and_then(|b| BY_BEFORE.captures(b))
        .and_then(|c| c.name("name"))
        .and_then(|m| clean_name(m.as_str()))
    {
        return Verdict::Song(Some(name));
    }
    if SONG_NOUN_BEFORE.is_match(before) {
        let artist = possessive
            .as_ref()
            .filter(|(_, gap)| !gap_has(gap, &FILM_NOUN_WORD))
            .map(|(n, _)| n.clone());
        return Verdict::Song(artist);
    }
    let album_word = qwords.iter().any(|w| ALBUM_WORDS.contains(&w.as_str()));
    if films.is_exact(&qwords)
        || FILM_BEFORE.is_match(before)
        || FILM_AFTER.is_match(after)
        || album_word
    {
        return Verdict::NotSong;
    }
    if let Some((name, gap)) = &possessive {
        if gap_has(gap, &FILM_NOUN_WORD) {
            return Verdict::NotSong;
        }
        if gap.is_empty() {
            return Verdict::Song(Some(name.clone()));
        }
    }
    if films.is_related(&qwords) {
        return Verdict::NotSong;
    }
    // Quoted speech, not a title: several lowercase words that titles would capitalise.
    let lowercase_content = content
        .split_whitespace()
        .filter(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !SMALL_WORDS.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                        .as_str(),
                )
        })
        .count();
    if lowercase_content >= 2 || qwords.len() > 10 {
        return Verdict::NotSong;
    }
    let weak_artist = possessive.filter(|(_, gap)| gap.len() <= 3).map(|(n, _)| n);
    Verdict::Open(weak_artist)
}

/// `Name’s … ballad`: a performer named by a possessive before a music word.
static PROSE_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{})(?:['’]s|['’]) +(?:[\p{{L}}-]+ +){{0,3}}?(?i:ballad|song|tune|performance|vocals?|voice|falsettos?|version|cover|hit|anthem|riff|single|track|recording|rendition|croon|duet|chorus|canción|chanson|canzone|interpretación|interprétation)\b",
        name_pattern()
    ))
    .expect("valid regex")
});

/// `Name croons …` at the start of a sentence: the performer.
static PROSE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[.!?;]\s+|,? and +)(?P<name>{}) +(?:(?:also|even|famously|finally|then) +)?(?i:sings|sing|sang|half-sings|croons|croon|crooned|performs|performed|purrs|belts|belted|delivers|delivered|records|recorded|kick|kicks|asks|chante|singt|canta|interpreta)\b",
        name_pattern()
    ))
    .expect("valid regex")
});

/// `the Name cover`: a band named before a music word.
static PROSE_THE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Tt]he +(?P<name>{}) +(?:cover|version|song|recording|single|hit)\b",
        NAME_WORD
    ))
    .expect("valid regex")
});

/// `Name: ` or `Name – ` from the start of a line up to a quote.
static LINE_NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|\n)[ \t]*(?P<name>{}) *(?:: |[–—-] )[ \t]*$",
        name_pattern()
    ))
    .expect("valid regex")
});

/// ` – Name` or ` (Name)` from a quote to the end of its line.
static LINE_NAME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^,? *(?:[–—-] +(?P<a>{n})|\((?P<b>{n})\))[ \t]*(?:\n|$)",
        n = name_pattern()
    ))
    .expect("valid regex")
});

/// The artist of a tracklist-shaped line: the line holds only the quote and a name before it
/// (`Iggy Pop: “Lust for Life”`) or after it (`“Lust for Life” – Iggy Pop`). A name that is
/// one of the list's films is the film, not the artist.
fn artist_on_line(before: &str, after: &str, films: &FilmTitles) -> Option<String> {
    let name = LINE_NAME_BEFORE
        .captures(before)
        .and_then(|c| c.name("name"))
        .or_else(|| {
            LINE_NAME_AFTER
                .captures(after)
                .and_then(|c| c.name("a").or_else(|| c.name("b")))
        })?;
    clean_name(name.as_str()).filter(|n| !films.is_exact(&words_of(n)))
}

/// A composer credited in an entry's prose (`the music, credited to X`, `score by X`, `signée
/// X`, `komponiert von X`, `firmada por X`, `firmata da X`, `assinada por X`, `Xが手がけた`).
static PROSE_COMPOSER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:\b(?:credited to|composed by|scored by|score by|music by|the credit goes to|written and performed by)|\b(?:sign[ée]e?s?|compos[ée]e?s? par|musique de)|\b(?:verantwortet von|komponiert von|Musik von|Verdienst von)|\b(?:firmad[ao] por|compuest[ao] por|m[úu]sica de|el m[ée]rito es de)|\b(?:firmat[ao] da|compost[ao] da|musica di|merito di)|\b(?:assinad[ao] por|compost[ao] por)) +(?P<name>{})|(?P<ja>[\p{{Han}}\p{{Katakana}}ー・]{{2,20}})(?:が手がけ|が作曲|の作曲)",
        name_pattern()
    ))
    .expect("valid regex")
});

/// The composer an entry's prose credits, if any: the artist of its instrumental cues.
pub(crate) fn composer_in_prose(text: &str, titles: &[&str]) -> Option<String> {
    PROSE_COMPOSER.captures_iter(text).find_map(|c| {
        if let Some(ja) = c.name("ja") {
            return Some(ja.as_str().to_string());
        }
        c.name("name")
            .and_then(|m| clean_name(m.as_str()))
            .filter(|n| !names_a_title(n, titles))
    })
}

/// `sung by Name`, in the seven languages: the performer, named outright.
static PROSE_SUNG_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:\b(?:sung|performed|voiced|crooned|recorded|interpreted) +by|\b(?:chant[ée]e?s?|interpr[ée]t[ée]e?s?) +par|\b(?:gesungen|interpretiert) +von|\b(?:cantad[ao]s?|interpretad[ao]s?) +por|\b(?:cantat[ao]|interpretat[ao]) +da) +(?P<name>{})",
        name_pattern()
    ))
    .expect("valid regex")
});

/// `Name and Name trade …`: a name of two words or more opening a clause of the entry's first
/// sentence, followed by a lowercase word. Writer and director verbs are refused; otherwise the verb is not checked, so this is a weak cue.
static CLAUSE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|;\s+)(?P<name>{w}(?: +(?:{w}|Jr\.|Sr\.))+(?: +(?:and|&|y|et|und|e) +{w}(?: +{w})+)?) +\p{{Ll}}",
        w = NAME_WORD
    ))
    .expect("valid regex")
});

/// Verbs that make a clause's subject the writer, director or actor, not the performer.
const NOT_PERFORMER_VERBS: &[&str] = &[
    "wrote", "writes", "composed", "composes", "penned", "pens", "directed", "directs", "produced",
    "produces", "made", "makes", "wanted", "put", "puts", "scored", "scores", "used", "uses",
    "plays", "played", "stars", "starred", "shot", "cut", "cuts", "edited",
];

/// `… and The Doors, …`: a band whose name keeps a capital `The` in mid-sentence.
static PROSE_MID_THE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:,| and) +(?P<name>The +{w}(?: +{w})*)\b",
        w = NAME_WORD
    ))
    .expect("valid regex")
});

/// Whether `name` is (part of) one of `titles` (the entry's film and songs), compared on words.
fn names_a_title(name: &str, titles: &[&str]) -> bool {
    let n = words_of(name).join(" ");
    !n.is_empty()
        && titles.iter().any(|t| {
            let t = words_of(t).join(" ");
            t == n || format!(" {t} ").contains(&format!(" {n} "))
        })
}

/// The performer the prose of an entry names for its ranked song, if it names one, from the
/// strongest cue: `sung by X` (and its six other languages); then a singing subject (`X
/// croons`), a possessive before a music word (`X’s ballad`) or `the X cover`, the earliest
/// of these; then a name opening a clause of the first sentence (`X and Y trade the lines`);
/// then a band with a mid-sentence capital `The` (`… and The Doors, …`). Names that are the
/// entry's own titles (`titles`) are skipped.
pub(crate) fn artist_in_prose(text: &str, titles: &[&str]) -> Option<String> {
    let text = unify_quotes(text);
    let clean = |m: regex::Match<'_>| clean_name(m.as_str()).filter(|n| !names_a_title(n, titles));
    if let Some(name) = PROSE_SUNG_BY
        .captures_iter(&text)
        .find_map(|c| c.name("name").and_then(clean))
    {
        return Some(name);
    }
    let mut best: Option<(usize, String)> = None;
    for re in [&*PROSE_POSSESSIVE, &*PROSE_SUBJECT, &*PROSE_THE] {
        if let Some(c) = re.captures(&text) {
            if let Some(m) = c.name("name") {
                if let Some(name) = clean(m) {
                    if best.as_ref().is_none_or(|(p, _)| m.start() < *p) {
                        best = Some((m.start(), name));
                    }
                }
            }
        }
    }
    if let Some((_, name)) = best {
        return Some(name);
    }
    let first_sentence = first_sentence(&text);
    for c in CLAUSE_SUBJECT.captures_iter(first_sentence) {
        // A possessive (`Kitano’s road movie`) names someone else's work.
        let Some(m) = c
            .name("name")
            .filter(|m| !(m.as_str().ends_with("’s") || m.as_str().ends_with("'s")))
        else {
            continue;
        };
        let verb = first_sentence[m.end()..]
            .split_whitespace()
            .next()
            .unwrap_or("");
        if NOT_PERFORMER_VERBS.contains(&verb) {
            continue;
        }
        if let Some(name) = clean(m).filter(|n| n.split_whitespace().count() >= 2) {
            return Some(name);
        }
    }
    PROSE_MID_THE
        .captures_iter(&text)
        .find_map(|c| c.name("name").and_then(clean))
}

/// The text up to the first sentence end (`. ` after a lowercase letter or digit), or all of it.
fn first_sentence(text: &str) -> &str {
    static END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\p{Ll}\d)][.!?](?:\s|$)").expect("valid regex"));
    END.find(text).map_or(text, |m| &text[..m.end()])
}

/// A title-case run: capitalised words (small words only between them), maybe opening with a
/// parenthesis: `Take My Breath Away`, `(Everything I Do) I Do It for You`.
const TITLE_RUN: &str = r"(?:\([^()\n]{1,40}\) +)?\p{Lu}[\p{L}\d'’.!-]*(?: +(?:(?:of|the|a|an|in|on|to|for|my|me|you|it|at|by|is|de|la|le|el|di|du) +)*(?:\p{Lu}[\p{L}\d'’.!-]*|\d+))*";

/// `Name’s Title Case` in a house style without quotes: a song by Name.
static UNQUOTED_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>{})(?:['’]s|['’]) +(?P<t>{TITLE_RUN})",
        name_pattern()
    ))
    .expect("valid regex")
});

/// `Name singing Title`, `the Name ballad Title`, `Name’s guitar piece Title`.
static UNQUOTED_AFTER_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<name>{})(?:['’]s|['’])? +)?(?:[\p{{Ll}}-]+ +){{0,2}}?(?:singing|sings|sang|playing|plays|song|single|ballad|anthem|track|tune|piece|cue|hit|number|chip in with|chips in with)\b +(?P<t>{TITLE_RUN})",
        name_pattern()
    ))
    .expect("valid regex")
});

/// `Title is the piece every learner attempts.` at the start of a sentence.
static UNQUOTED_IS_THE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[.!?]\s+)(?P<t>{TITLE_RUN}) +(?:is|was) +(?:the|a|an) +(?:[\p{{Ll}}-]+ +){{0,2}}?(?:piece|song|cue|track|tune|theme|anthem|ballad|single)\b"
    ))
    .expect("valid regex")
});

/// Songs named without quotes, for articles whose house style prints none: a title-case run
/// after a possessive (`Aretha’s Think`), after a music word or a singing verb (`the Bryan Adams
/// ballad (Everything I Do) I Do It for You`), or before `is the piece`.
pub(crate) fn unquoted_songs(text: &str, films: &FilmTitles) -> Vec<SongCitation> {
    let mut found: Vec<(usize, SongCitation)> = Vec::new();
    for (re, possessive) in [
        (&*UNQUOTED_AFTER_NOUN, false),
        (&*UNQUOTED_POSSESSIVE, true),
        (&*UNQUOTED_IS_THE, false),
    ] {
        for c in re.captures_iter(text) {
            let Some(t) = c.name("t") else { continue };
            let mut title = t.as_str().trim();
            // `Gerard McMann’s Cry Little Sister is the…`: the song follows the possessive.
            let mut artist = c.name("name").and_then(|m| clean_name(m.as_str()));
            if let Some(p) = title.rfind("’s ").or_else(|| title.rfind("'s ")) {
                let name = &title[..p];
                artist = artist.or_else(|| clean_name(name));
                title = title[p..].trim_start_matches(['’', '\'', 's']).trim();
            }
            let last = title.split_whitespace().last().unwrap_or("");
            if title.ends_with('.') && last.chars().count() > 2 {
                title = &title[..title.len() - 1];
            }
            let words = words_of(title);
            // `Flash’s Theme`: a generic piece word after a possessive names the piece.
            let generic = [
                "theme", "march", "song", "suite", "waltz", "overture", "lullaby",
            ];
            if possessive && words.len() == 1 && generic.contains(&words[0].as_str()) {
                if let Some(name) = c.name("name") {
                    let whole = format!("{}’s {}", name.as_str().trim(), title);
                    if !found
                        .iter()
                        .any(|(_, s)| words_of(&s.title) == words_of(&whole))
                    {
                        found.push((
                            name.start(),
                            SongCitation {
                                title: whole,
                                artist: None,
                            },
                        ));
                    }
                }
                continue;
            }
            if words.is_empty() || words.len() > 10 || films.is_exact(&words) {
                continue;
            }
            // A possessive before a single capitalised word is often a name (`Spielberg’s
            // Jaws`): only a known song word or a multi-word run counts.
            if possessive && words.len() == 1 && title.chars().count() < 4 {
                continue;
            }
            if found.iter().any(|(_, s)| words_of(&s.title) == words) {
                continue;
            }
            found.push((
                t.start(),
                SongCitation {
                    title: title.to_string(),
                    artist,
                },
            ));
        }
    }
    found.sort_by_key(|(p, _)| *p);
    found.into_iter().map(|(_, s)| s).collect()
}

/// How far back (in bytes) a quote looks for its cue, at most.
const LOOK_BACK: usize = 160;
/// How far ahead a quote looks for `by Y` or a film noun.
const LOOK_AHEAD: usize = 100;

/// The songs a passage of prose cites, in order of first mention, without repeats.
pub(crate) fn songs_in(text: &str, films: &FilmTitles) -> Vec<SongCitation> {
    let converted = unify_quotes(text);
    let text = converted.as_str();
    let qs = quotes(text);
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(qs.len());
    // Index of the first quote of the list each quote belongs to.
    let mut list_head: Vec<usize> = Vec::with_capacity(qs.len());
    for (k, q) in qs.iter().enumerate() {
        let prev_end = if k > 0 { qs[k - 1].end } else { 0 };
        let from = floor_boundary(text, q.start.saturating_sub(LOOK_BACK)).max(prev_end);
        let before = text.get(from..q.start).unwrap_or("");
        let next_start = qs.get(k + 1).map_or(text.len(), |n| n.start);
        let to = ceil_boundary(text, (q.end + LOOK_AHEAD).min(next_start)).min(text.len());
        let after = text.get(q.end..to.max(q.end)).unwrap_or("");
        verdicts.push(judge(q, before, after, films));
        let in_list = k > 0 && LIST_SEP.is_match(before) && before.len() < 40;
        list_head.push(if in_list { list_head[k - 1] } else { k });
    }
    // Open quotes follow their list's head; a list whose last item has "by Y" lends Y back.
    let mut resolved: Vec<Option<SongCitation>> = Vec::with_capacity(qs.len());
    for k in 0..qs.len() {
        let head = list_head[k];
        let verdict = match &verdicts[k] {
            Verdict::Open(artist) if head != k => match &verdicts[head] {
                Verdict::NotSong => Verdict::NotSong,
                Verdict::Song(a) | Verdict::Open(a) => Verdict::Song(artist.clone().or(a.clone())),
            },
            Verdict::Open(artist) => Verdict::Song(artist.clone()),
            v => v.clone(),
        };
        resolved.push(match verdict {
            Verdict::Song(artist) => Some(SongCitation {
                title: qs[k].content.clone(),
                artist,
            }),
            _ => None,
        });
    }
    backfill_list_artists(&qs, &list_head, &verdicts, &mut resolved);
    let mut out: Vec<SongCitation> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for song in resolved.into_iter().flatten() {
        let key = words_of(&song.title).join(" ");
        match seen.get(&key) {
            Some(&i) => {
                if out[i].artist.is_none() {
                    out[i].artist = song.artist;
                }
            }
            None => {
                seen.insert(key, out.len());
                out.push(song);
            }
        }
    }
    out
}

/// `"A," "B," and "C" by Y`: when only the last item names an artist, it is everyone's.
fn backfill_list_artists(
    qs: &[Quote],
    list_head: &[usize],
    verdicts: &[Verdict],
    resolved: &mut [Option<SongCitation>],
) {
    let mut k = 0;
    while k < qs.len() {
        let head = list_head[k];
        let mut end = k + 1;
        while end < qs.len() && list_head[end] == head {
            end += 1;
        }
        if end - k >= 2 {
            let last_artist = match &verdicts[end - 1] {
                Verdict::Song(Some(a)) => Some(a.clone()),
                _ => None,
            };
            let others_bare = (k..end - 1)
                .all(|i| matches!(verdicts[i], Verdict::Open(None) | Verdict::Song(None)));
            if let (Some(artist), true) = (last_artist, others_bare) {
                for song in resolved[k..end - 1].iter_mut().flatten() {
                    song.artist = Some(artist.clone());
                }
            }
        }
        k = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn songs(text: &str, films: &[&str]) -> Vec<(String, Option<String>)> {
        let mut f = FilmTitles::default();
        for t in films {
            f.add(t);
        }
        songs_in(text, &f)
            .into_iter()
            .map(|s| (s.title, s.artist))
            .collect()
    }

    fn s(t: &str, a: Option<&str>) -> (String, Option<String>) {
        (t.to_string(), a.map(str::to_string))
    }

    #[test]
    fn by_possessive_and_song_nouns() {
        let got = songs(
            "Ella Vane's \"Paper Moons\" opens it. \"Tin Roof\" by The Quiet Hours follows, and Mara Holt contributed the song \"Low Tide.\" Jonas Reed's wistful ballad \"Salt\" closes.",
            &[],
        );
        assert_eq!(
            got,
            vec![
                s("Paper Moons", Some("Ella Vane")),
                s("Tin Roof", Some("The Quiet Hours")),
                s("Low Tide", Some("Mara Holt")),
                s("Salt", Some("Jonas Reed")),
            ]
        );
    }

    #[test]
    fn films_phrases_and_albums_are_not_songs() {
        let got = songs(
            "Like \"Juno,\" it was heard in \"Drive\" and classic films like \"Once\" and \"Sing Street.\" The \"Juno\" soundtrack, \"Juno The Album,\" and symptoms like \"cold feet\" — plus \"Shaft\" almost made this list.",
            &["Juno"],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_list_shares_its_heads_verdict_and_last_artist() {
        let got = songs(
            "songs including \"North,\" \"South,\" and, of course, \"West\" by The Compass.",
            &[],
        );
        assert_eq!(
            got,
            vec![
                s("North", Some("The Compass")),
                s("South", Some("The Compass")),
                s("West", Some("The Compass")),
            ]
        );
    }

    #[test]
    fn songs_by_one_artist_listed_after_the_name() {
        let got = songs(
            "It borrows songs by Simon & Garfunkel such as \"Cloud Nine\" and \"Fog.\"",
            &[],
        );
        assert_eq!(
            got,
            vec![
                s("Cloud Nine", Some("Simon & Garfunkel")),
                s("Fog", Some("Simon & Garfunkel"))
            ]
        );
    }

    #[test]
    fn single_quotes_but_not_apostrophes() {
        let got = songs(
            "The iconic 'Also Sprach Zarathustra' endures, unlike rock 'n roll or '80s fads and Nichols' work.",
            &[],
        );
        assert_eq!(got, vec![s("Also Sprach Zarathustra", None)]);
    }

    #[test]
    fn artist_names_with_joiners() {
        let got = songs(
            "\"Jungle Boogie\" by Kool & the Gang. \"Surf Rider\" by The Lively Ones. All of it.",
            &[],
        );
        assert_eq!(
            got,
            vec![
                s("Jungle Boogie", Some("Kool & the Gang")),
                s("Surf Rider", Some("The Lively Ones")),
            ]
        );
    }

    #[test]
    fn prose_artists_by_strength() {
        let a = |text: &str| artist_in_prose(text, &["Wonder Boys", "Things"]);
        assert_eq!(
            a("Mara Velloso’s duet, sung by Jon Pell opposite a puppet.").as_deref(),
            Some("Jon Pell")
        );
        assert_eq!(
            a("Una canción interpretada por Ana Roth y nadie más.").as_deref(),
            Some("Ana Roth")
        );
        assert_eq!(
            a("Ana Roth and Jon Pell trade the lines. Kai Moor directs.").as_deref(),
            Some("Ana Roth and Jon Pell")
        );
        assert_eq!(
            a("Kai Moor wrote it in 1973; Ana Roth took it elsewhere.").as_deref(),
            Some("Ana Roth")
        );
        assert_eq!(a("Wonder Boys is a campus comedy.").as_deref(), None);
        assert_eq!(
            a("Isao Takahata’s last film, and nothing more.").as_deref(),
            None
        );
        assert_eq!(
            a("Helicopters, palms and The Doors, eleven minutes of dread.").as_deref(),
            Some("The Doors")
        );
    }

    #[test]
    fn tracklist_lines_name_their_artist_unless_the_quote_is_a_film() {
        assert_eq!(
            songs(
                "Intro.\nIggy Pop: “Lust for Life”\n“Born Slippy” – Underworld\n",
                &[]
            ),
            vec![
                s("Lust for Life", Some("Iggy Pop")),
                s("Born Slippy", Some("Underworld"))
            ]
        );
        assert_eq!(
            songs("“Heat” – Elliot Goldenthal\n", &["Heat"]),
            Vec::<(String, Option<String>)>::new()
        );
    }

    #[test]
    fn composers_credited_in_prose() {
        let c = |t: &str| composer_in_prose(t, &["Cue"]);
        assert_eq!(
            c("The music, credited to Mara Velloso, is never background.").as_deref(),
            Some("Mara Velloso")
        );
        assert_eq!(
            c("Die Musik, komponiert von Ana Roth, trägt alles.").as_deref(),
            Some("Ana Roth")
        );
        assert_eq!(
            c("ハンス・ジマーが手がけた音楽。").as_deref(),
            Some("ハンス・ジマー")
        );
        assert_eq!(c("Nobody is credited here.").as_deref(), None);
    }

    #[test]
    fn never_panics_on_odd_quotes() {
        for t in [
            "\"",
            "'",
            "“",
            "”’‘",
            "\"é\"",
            "a'b'c",
            "\"\"\"\"",
            "é\"ü\" by Ñ",
        ] {
            let _ = songs(t, &["é"]);
        }
    }
}
