//! The release year printed in an entry's prose: "Zach Braff's 2004 film", "2006's biopic",
//! "released in 2014", "this 1984 movie", "Title (1999)".

use regex::Regex;
use std::sync::LazyLock;

const YEAR: &str = r"(?:18[89]|19\d|20\d)\d";

/// Phrasings that tie a year to the film being discussed. Years of other things ("Hulu's 2020
/// TV adaptation", "the 1970s") match none of them.
static FILM_YEAR: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let film_nouns = r"(?:film|movie|picture|feature|flick|masterpiece|classic|biopic|drama|comedy|musical|thriller|epic|documentary|debut|release|romp|satire|western|fable|odyssey|adaptation of|cult classic|hit|opus|sequel|remake|original)";
    [
        // "2006's candy-colored costume drama", "2001's "Moulin Rouge!"" — but not "the 1980's".
        format!(r"(?:^|[^\w'’])(?P<pre>the\s+)?(?P<year>{YEAR})['’]s\b"),
        format!(r"(?i)\b(?:released|came out|premiered|debuted|opened|arrived|hit (?:theaters|cinemas))\s+(?:back\s+)?(?:in\s+)?(?:(?:early|late|mid-?|the summer of|the fall of|the spring of|January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:of\s+)?(?P<year>{YEAR})\b"),
        format!(r"(?i)\b(?P<year>{YEAR})\s+(?:[\p{{L}}-]+\s+){{0,2}}?{film_nouns}\b"),
        format!(r"(?i)\bin\s+(?P<year>{YEAR}),\s+(?:the\s+)?(?:film|movie)\b"),
    ]
    .into_iter()
    .filter_map(|p| Regex::new(&p).ok())
    .collect()
});

static PAREN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"[\s(\[]*(?P<year>{YEAR})\s*[)\]]")).expect("valid regex")
});

/// The film's year as printed in the first paragraph of its blurb, if any.
pub(crate) fn year_in_blurb(first_paragraph: &str, title: &str) -> Option<i32> {
    let mut best: Option<(usize, i32)> = None;
    for re in FILM_YEAR.iter() {
        for c in re.captures_iter(first_paragraph) {
            if c.name("pre").is_some() {
                continue;
            }
            if let Some(m) = c.name("year") {
                if let Ok(y) = m.as_str().parse::<i32>() {
                    if best.is_none_or(|(pos, _)| m.start() < pos) {
                        best = Some((m.start(), y));
                    }
                    break;
                }
            }
        }
    }
    best.map(|(_, y)| y)
        .or_else(|| year_after_title(first_paragraph, title))
}

/// `Title (1999)` or `"Title" (1999)` inside the prose.
fn year_after_title(text: &str, title: &str) -> Option<i32> {
    if title.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(title)) {
        let end = from + pos + title.len();
        let after = text.get(end..)?;
        let after = after.trim_start_matches(['"', '”', '’', '\'', '*', '_']);
        if after.starts_with([' ', '(', '[']) {
            if let Some(c) = PAREN_YEAR.captures(after) {
                if c.get(0).is_some_and(|m| m.start() == 0) {
                    return c.name("year").and_then(|m| m.as_str().parse().ok());
                }
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrasings_that_print_a_year() {
        for (text, year) in [
            (
                "Zach Braff's 2004 film \"Garden State\" wears its heart openly.",
                2004,
            ),
            (
                "the soundtrack for \"Guardians,\" released in 2014, wins",
                2014,
            ),
            ("her score for 2006's candy-colored costume drama", 2006),
            ("Mike Nichols' 1967 classic follows", 1967),
            ("thanks to this 1984 movie directed by", 1984),
            ("2001's \"Moulin Rouge!\" — a take", 2001),
        ] {
            assert_eq!(year_in_blurb(text, "X"), Some(year), "{text}");
        }
    }

    #[test]
    fn other_years_are_not_the_films() {
        for text in [
            "A 2020 streaming series remade it and was dropped.",
            "Less daring than 2001: A Space Odyssey, it still lasts.",
            "the spirit of 1970s England",
            "the 1980's synth revival",
        ] {
            assert_eq!(year_in_blurb(text, "Barry Lyndon"), None, "{text}");
        }
    }

    #[test]
    fn year_in_parentheses_after_the_title() {
        assert_eq!(
            year_in_blurb("We love \"Drive\" (2011) a lot.", "Drive"),
            Some(2011)
        );
        assert_eq!(year_in_blurb("We love Juno (2007).", "Drive"), None);
    }
}
