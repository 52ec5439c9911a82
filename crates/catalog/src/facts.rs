//! Film facts stated in an entry's prose: year and director hints for resolution, awards, and
//! evidence of what kind of soundtrack it is.
//!
//! Every pattern is a `regex` (linear time on any input) and every finding keeps the phrase it
//! came from, so the store can show where a fact was read.

use needledrop_model::SoundtrackKind;
use regex::Regex;
use std::sync::LazyLock;

/// A year and director stated about the entry's film.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// Release years stated, in order of appearance.
    pub years: Vec<i32>,
    /// Directors named as such, in order of appearance.
    pub directors: Vec<String>,
}

impl Hints {
    /// The first year stated, the best guess for the film's own year.
    pub fn year(&self) -> Option<i32> {
        self.years.first().copied()
    }

    /// The first director named.
    pub fn director(&self) -> Option<&str> {
        self.directors.first().map(String::as_str)
    }
}

/// An award the prose says the film or its soundtrack won.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Award {
    /// The award body, spelled one way: `Grammy`, `Oscar`, `Golden Globe`, `BAFTA`.
    pub body: String,
    /// The category as printed (`best compilation soundtrack album`).
    pub category: String,
    /// The words it was read from.
    pub phrase: String,
}

/// A phrase suggesting what kind of soundtrack the film has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindEvidence {
    /// The kind the phrase points to.
    pub kind: SoundtrackKind,
    /// The phrase as printed.
    pub phrase: String,
}

/// Everything read from one blurb.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilmFacts {
    /// Year and director hints.
    pub hints: Hints,
    /// Awards named.
    pub awards: Vec<Award>,
    /// Soundtrack-kind evidence.
    pub kind_evidence: Vec<KindEvidence>,
}

const NAME: &str = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|del|da)){1,3}";

static POSSESSIVE_YEAR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"({NAME})['’]s\s+(\d{{4}})\s+(?:film|movie|picture|feature|classic|comedy|drama|musical)\b"
    ))
    .ok()
});
static DIRECTED_BY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[Dd]irected(?:\s+and\s+(?:co-)?written)?\s+by\s+(?:the\s+)?({NAME})"
    ))
    .ok()
});
static YEAR_PHRASE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:released|premiered|came out|debuted)\s+in\s+(\d{4})\b|\b(?:this|the|a|his|her|their)\s+(\d{4})\s+(?:film|movie|picture|feature)\b|\b(\d{4})['’]s\s+[“”‘'\x22A-Z]",
    )
    .ok()
});
static AWARD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(grammy|oscar|academy award|golden globe|bafta)s?\b[^.;!?]{0,40}?\bfor\s+(best(?:\s+[\w'’-]+){1,7})",
    )
    .ok()
});
static KIND: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(original songs?|songs written for|(?:cover versions?|covers|covered)|(?:orchestral\s+)?scores?|classical (?:pieces|music|works|compositions)|compilation|mixtape|needle[- ]drops?|licensed songs)\b",
    )
    .ok()
});

fn plausible_year(s: &str) -> Option<i32> {
    s.parse::<i32>().ok().filter(|y| (1870..=2100).contains(y))
}

/// Year and director hints in a blurb ("Zach Braff's 2004 film", "directed by Stephen Frears",
/// "released in 2014").
///
/// ```
/// let h = needledrop_catalog::hints("Zach Braff's 2004 film \"Garden State\" ...");
/// assert_eq!(h.year(), Some(2004));
/// assert_eq!(h.director(), Some("Zach Braff"));
/// ```
pub fn hints(blurb: &str) -> Hints {
    // Positions keep the years in the order the reader meets them.
    let mut years: Vec<(usize, i32)> = Vec::new();
    let mut directors: Vec<(usize, String)> = Vec::new();
    if let Some(re) = POSSESSIVE_YEAR.as_ref() {
        for c in re.captures_iter(blurb) {
            if let (Some(name), Some(year)) = (c.get(1), c.get(2)) {
                directors.push((name.start(), name.as_str().to_string()));
                if let Some(y) = plausible_year(year.as_str()) {
                    years.push((year.start(), y));
                }
            }
        }
    }
    if let Some(re) = DIRECTED_BY.as_ref() {
        for c in re.captures_iter(blurb) {
            if let Some(name) = c.get(1) {
                directors.push((name.start(), name.as_str().to_string()));
            }
        }
    }
    if let Some(re) = YEAR_PHRASE.as_ref() {
        for c in re.captures_iter(blurb) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)) {
                if let Some(y) = plausible_year(m.as_str()) {
                    years.push((m.start(), y));
                }
            }
        }
    }
    years.sort_unstable();
    directors.sort();
    let mut out = Hints::default();
    for (_, y) in years {
        if !out.years.contains(&y) {
            out.years.push(y);
        }
    }
    for (_, d) in directors {
        let d = d.trim_end_matches(['.', '\'', '’']).to_string();
        if !out.directors.contains(&d) {
            out.directors.push(d);
        }
    }
    out
}

/// Words that end an award category ("best original song *at* the Academy Awards").
const CATEGORY_STOP: &[&str] = &[
    "at", "in", "and", "with", "that", "which", "the", "from", "by", "while", "but", "for", "on",
    "this", "it", "its", "was", "is", "as",
];

/// Awards a blurb says were won ("won a Grammy for best compilation soundtrack album").
pub fn awards(blurb: &str) -> Vec<Award> {
    let Some(re) = AWARD.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<Award> = Vec::new();
    for c in re.captures_iter(blurb) {
        let (Some(whole), Some(body), Some(category)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let body = match body.as_str().to_ascii_lowercase().as_str() {
            "grammy" => "Grammy",
            "oscar" | "academy award" => "Oscar",
            "golden globe" => "Golden Globe",
            _ => "BAFTA",
        };
        let mut words: Vec<&str> = Vec::new();
        for (i, w) in category.as_str().split_whitespace().enumerate() {
            if i > 0 && CATEGORY_STOP.contains(&w.to_ascii_lowercase().as_str()) {
                break;
            }
            words.push(w);
        }
        if words.len() < 2 {
            continue;
        }
        let category = words.join(" ");
        let award = Award {
            body: body.to_string(),
            phrase: whole.as_str().to_string(),
            category,
        };
        if !out
            .iter()
            .any(|a| a.body == award.body && a.category.eq_ignore_ascii_case(&award.category))
        {
            out.push(award);
        }
    }
    out
}

/// Phrases in a blurb that say what the soundtrack is made of.
pub fn kind_evidence(blurb: &str) -> Vec<KindEvidence> {
    let Some(re) = KIND.as_ref() else {
        return Vec::new();
    };
    let mut out: Vec<KindEvidence> = Vec::new();
    for m in re.find_iter(blurb) {
        let phrase = m.as_str();
        let lower = phrase.to_lowercase();
        let kind = if lower.starts_with("original song") || lower.starts_with("songs written") {
            SoundtrackKind::OriginalSongs
        } else if lower.starts_with("cover") {
            SoundtrackKind::Covers
        } else if lower.contains("score") {
            SoundtrackKind::Score
        } else {
            // Classical pieces, compilations, needle drops: existing recordings chosen for the film.
            SoundtrackKind::Compilation
        };
        if !out
            .iter()
            .any(|e| e.kind == kind && e.phrase.eq_ignore_ascii_case(phrase))
        {
            out.push(KindEvidence {
                kind,
                phrase: phrase.to_string(),
            });
        }
    }
    out
}

/// Hints, awards and soundtrack-kind evidence of one blurb.
pub fn film_facts(blurb: &str) -> FilmFacts {
    FilmFacts {
        hints: hints(blurb),
        awards: awards(blurb),
        kind_evidence: kind_evidence(blurb),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_and_director_hints() {
        let h = hints(
            "Like the others, and directed by Stephen Frears, \"High Fidelity\" is about records.",
        );
        assert_eq!(h.director(), Some("Stephen Frears"));
        assert_eq!(h.year(), None);
        let h = hints(
            "Our pick is \"Guardians of the Galaxy,\" released in 2014, for its cassette mix.",
        );
        assert_eq!(h.year(), Some(2014));
        let h = hints(
            "A road movie directed by Cameron Crowe and released in 2000 about a young writer.",
        );
        assert_eq!(h.director(), Some("Cameron Crowe"));
        assert_eq!(h.year(), Some(2000));
        let h = hints("This 1984 movie directed by Albert Magnoli made a film star of Prince.");
        assert_eq!(h.year(), Some(1984));
        assert_eq!(h.director(), Some("Albert Magnoli"));
        let h = hints("2001's \"Moulin Rouge!\" is Baz Luhrmann's take.");
        assert_eq!(h.year(), Some(2001));
        assert!(hints("the 1970s were loud, 12345 people").years.is_empty());
    }

    #[test]
    fn awards_with_their_category() {
        let a = awards(
            "its album won a Grammy for best compilation soundtrack album in its year. Then more.",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].body, "Grammy");
        assert_eq!(a[0].category, "best compilation soundtrack album");
        let a =
            awards("the film took an Oscar for Best Adapted Score that spring. The rest followed");
        assert_eq!(a[0].body, "Oscar");
        assert_eq!(a[0].category, "Best Adapted Score");
        let a = awards("One more Grammy winner for best compilation soundtrack album, this one");
        assert_eq!(a[0].category, "best compilation soundtrack album");
        assert!(
            awards("credit songs that take best original song at the Academy Awards").is_empty()
        );
    }

    #[test]
    fn soundtrack_kind_evidence() {
        let kinds = |s: &str| -> Vec<SoundtrackKind> {
            kind_evidence(s).into_iter().map(|e| e.kind).collect()
        };
        assert_eq!(
            kinds("the original songs on the soundtrack"),
            vec![SoundtrackKind::OriginalSongs]
        );
        assert_eq!(
            kinds("mostly covers performed by the actors"),
            vec![SoundtrackKind::Covers]
        );
        assert_eq!(
            kinds("Mothersbaugh's enchanting score"),
            vec![SoundtrackKind::Score]
        );
        assert_eq!(
            kinds("adapted classical pieces from the era"),
            vec![SoundtrackKind::Compilation]
        );
        assert!(kinds("helps underscore her days").is_empty());
    }
}
