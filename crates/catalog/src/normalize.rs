//! Title normalization: the key under which differently written titles of one film meet.
//!
//! The key is built in one pass over the title: Unicode compatibility decomposition (NFKD, which
//! includes every NFKC mapping) with combining marks dropped, so `Amélie` meets `Amelie`; case
//! folding; apostrophes and quotes removed (`Devil's` → `devils`); `&` spelled `and`; every other
//! punctuation mark a word break. Leading articles are dropped (English by default, more where the
//! catalog lists them), and sequel markers are kept but spelled one way: `Vol. 2`, `Volume II`,
//! `Part 2` and a bare `2` all become the token `2`, so "Guardians of the Galaxy Vol. 2" never
//! meets "Guardians of the Galaxy".

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words dropped at the start of a title. English articles are always on; a catalog adds others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Articles {
    words: Vec<String>,
    /// Articles written with an apostrophe and joined to the next word (`L'Avventura`).
    elided: Vec<String>,
}

impl Default for Articles {
    fn default() -> Self {
        Articles {
            words: vec!["the".into(), "a".into(), "an".into()],
            elided: Vec::new(),
        }
    }
}

impl Articles {
    /// English articles plus `extra` (each folded like a title word, e.g. `"L'"` → `l`).
    pub fn with_extra<I, S>(extra: I) -> Articles
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut articles = Articles::default();
        for word in extra {
            let word = word.as_ref().trim();
            let elided = word.ends_with(['\'', '\u{2019}']);
            for token in tokens(word) {
                let list = if elided {
                    &mut articles.elided
                } else {
                    &mut articles.words
                };
                if !list.contains(&token) {
                    list.push(token);
                }
            }
        }
        articles
    }

    /// The article words, folded.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    fn contains(&self, token: &str) -> bool {
        self.words.iter().any(|w| w == token)
    }
}

/// Words that introduce a sequel number; dropped when a number follows, so the number alone
/// carries the meaning.
const SEQUEL_MARKERS: &[&str] = &["vol", "volume", "part", "pt", "chapter", "episode"];

/// Folds a title into the tokens its key is made of (no article or sequel handling).
fn tokens(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    // ASCII needs no Unicode decomposition; most titles are ASCII, and NFKD dominated the cost.
    let decomposed: Box<dyn Iterator<Item = char>> = if title.is_ascii() {
        Box::new(title.chars())
    } else {
        Box::new(title.nfkd().filter(|&c| !is_combining_mark(c)))
    };
    for c in decomposed {
        match c {
            // Apostrophes join the word they sit in: "Devil's" and "Devils" meet.
            '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => {}
            '&' => {
                flush(&mut current, &mut out);
                out.push("and".into());
            }
            // "Romeo + Juliet" (1996) is not "Romeo and Juliet" (1968): keep the plus as a word.
            '+' => {
                flush(&mut current, &mut out);
                out.push("+".into());
            }
            'ß' => current.push_str("ss"),
            c if c.is_alphanumeric() => {
                for lower in c.to_lowercase() {
                    current.push(lower);
                }
            }
            _ => flush(&mut current, &mut out),
        }
    }
    flush(&mut current, &mut out);
    out
}

/// The number a Roman numeral from 1 to 20 stands for.
fn roman(token: &str) -> Option<u32> {
    const NUMERALS: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    NUMERALS
        .iter()
        .position(|n| *n == token)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The digits a sequel token stands for: `2`, `ii` → `2`.
fn sequel_number(token: &str) -> Option<String> {
    if !token.is_empty() && token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit()) {
        return Some(token.trim_start_matches('0').to_string()).filter(|s| !s.is_empty());
    }
    roman(token)
        .or_else(|| number_word(token))
        .map(|n| n.to_string())
}

/// The number a spelled-out sequel number stands for ("Part Two").
fn number_word(token: &str) -> Option<u32> {
    const WORDS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .iter()
        .position(|w| *w == token)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The normalized key of a title.
///
/// ```
/// use needledrop_catalog::{normalize_title, Articles};
/// let en = Articles::default();
/// assert_eq!(normalize_title("Moulin Rouge!", &en), normalize_title("moulin rouge", &en));
/// assert_eq!(normalize_title("The Big Lebowski", &en), "big lebowski");
/// assert_eq!(normalize_title("Kill Bill: Volume 1", &en), normalize_title("Kill Bill Vol. I", &en));
/// assert_ne!(normalize_title("Guardians of the Galaxy Vol. 2", &en),
///            normalize_title("Guardians of the Galaxy", &en));
/// ```
pub fn normalize_title(title: &str, articles: &Articles) -> String {
    let raw = tokens(strip_elided_article(title, articles));
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let token = &raw[i];
        let is_last = i + 1 == raw.len();
        if SEQUEL_MARKERS.contains(&token.as_str()) {
            if let Some(number) = raw.get(i + 1).and_then(|t| sequel_number(t)) {
                out.push(number);
                i += 2;
                continue;
            }
        }
        // A trailing Roman numeral is a sequel number ("Rocky II"); "i" alone is too ambiguous
        // ("Me and You and I"), so only II and up.
        if is_last && i > 0 && token != "i" {
            if let Some(n) = roman(token) {
                out.push(n.to_string());
                i += 1;
                continue;
            }
        }
        out.push(token.clone());
        i += 1;
    }
    // Drop one leading article, unless it is the whole title ("A" or "The The").
    if out.len() > 1 && articles.contains(&out[0]) && !(out.len() == 2 && out[0] == out[1]) {
        out.remove(0);
    }
    out.join(" ")
}

/// The title without a leading elided article (`L'Avventura` → `Avventura`), which tokenizing
/// would otherwise glue to the next word.
fn strip_elided_article<'t>(title: &'t str, articles: &Articles) -> &'t str {
    let t = title.trim_start();
    for e in &articles.elided {
        let head = t.get(..e.len()).filter(|h| h.eq_ignore_ascii_case(e));
        let rest = t.get(e.len()..).unwrap_or("");
        let mut rest_chars = rest.chars();
        if head.is_some() && matches!(rest_chars.next(), Some('\'' | '\u{2019}')) {
            let rest = rest_chars.as_str();
            if !rest.trim().is_empty() {
                return rest;
            }
        }
    }
    t
}

/// Splits a printed year off a title: `"Boogie Nights (1997)"` → `("Boogie Nights", Some(1997))`.
/// Only a parenthesized or bracketed four-digit year at the very end counts, so
/// "2001: A Space Odyssey" keeps its number.
pub fn split_printed_year(title: &str) -> (&str, Option<i32>) {
    let trimmed = title.trim_end();
    let bytes = trimmed.as_bytes();
    let n = bytes.len();
    if n >= 6 {
        let matched = matches!((bytes[n - 6], bytes[n - 1]), (b'(', b')') | (b'[', b']'));
        // Both brackets are ASCII, so the slices below fall on character boundaries.
        if let (true, Some(digits), Some(head)) =
            (matched, trimmed.get(n - 5..n - 1), trimmed.get(..n - 6))
        {
            if digits.bytes().all(|b| b.is_ascii_digit()) {
                if let Ok(year) = digits.parse::<i32>() {
                    return (head.trim_end(), Some(year));
                }
            }
        }
    }
    (trimmed, None)
}

/// The numbers in a key (sequel numbers, "2001", "500"): two titles with different numbers are
/// never the same film, however close the rest of the text is.
pub(crate) fn key_numbers(key: &str) -> impl Iterator<Item = &str> {
    key.split(' ')
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
}

/// Folds a person's name for comparison: `"Paul Thomas Anderson"` → `["paul", "thomas", "anderson"]`.
pub(crate) fn name_tokens(name: &str) -> Vec<String> {
    tokens(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        normalize_title(s, &Articles::default())
    }

    #[test]
    fn folds_case_punctuation_quotes_and_accents() {
        assert_eq!(key("Moulin Rouge!"), "moulin rouge");
        assert_eq!(key("The Devil’s Rejects"), "devils rejects");
        assert_eq!(key("the devils rejects"), "devils rejects");
        assert_eq!(key("Amélie"), key("AMELIE"));
        assert_eq!(
            key("O Brother, Where Art Thou?"),
            "o brother where art thou"
        );
        assert_eq!(key("Ｐｕｌｐ Ｆｉｃｔｉｏｎ"), "pulp fiction");
        assert_eq!(key("Straße"), "strasse");
    }

    #[test]
    fn ampersand_is_and_but_plus_is_kept() {
        assert_eq!(key("Dazed & Confused"), key("Dazed and Confused"));
        assert_ne!(key("Romeo + Juliet"), key("Romeo and Juliet"));
    }

    #[test]
    fn sequel_markers_are_significant_and_spelled_one_way() {
        assert_eq!(key("Part II"), "2");
        assert_eq!(key("The Godfather Part II"), key("Godfather 2"));
        assert_eq!(key("Rocky II"), "rocky 2");
        assert_eq!(key("The Godfather Part Two"), key("The Godfather Part II"));
        assert_eq!(key("Two for the Road"), "two for the road");
        assert_ne!(key("Rocky II"), key("Rocky"));
        assert_eq!(key("Kill Bill: Vol. 1"), key("Kill Bill Volume 1"));
        assert_eq!(
            key("Guardians of the Galaxy Vol. 2"),
            "guardians of the galaxy 2"
        );
        assert_eq!(key("2001: A Space Odyssey"), "2001 a space odyssey");
        assert_eq!(key("(500) Days of Summer"), "500 days of summer");
    }

    #[test]
    fn leading_articles_go_foreign_ones_only_when_listed() {
        assert_eq!(key("A Star Is Born"), "star is born");
        assert_eq!(key("The"), "the");
        assert_eq!(key("La La Land"), "la la land");
        let fr = Articles::with_extra(["le", "la", "les", "l'"]);
        assert_eq!(
            normalize_title("Le Fabuleux Destin d'Amélie Poulain", &fr),
            "fabuleux destin damelie poulain"
        );
        assert_eq!(normalize_title("L'Avventura", &fr), "avventura");
        assert_eq!(normalize_title("Lost Highway", &fr), "lost highway");
    }

    #[test]
    fn printed_years_split_off_the_end_only() {
        assert_eq!(
            split_printed_year("Boogie Nights (1997)"),
            ("Boogie Nights", Some(1997))
        );
        assert_eq!(split_printed_year("Crash [2004]"), ("Crash", Some(2004)));
        assert_eq!(
            split_printed_year("2001: A Space Odyssey"),
            ("2001: A Space Odyssey", None)
        );
        assert_eq!(split_printed_year("(1997)"), ("", Some(1997)));
        assert_eq!(split_printed_year("é(199)"), ("é(199)", None));
    }
}
