//! The list's stated rules (criteria and eligibility sentences) and its announced size.

use regex::Regex;
use std::sync::LazyLock;

static CRITERIA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
            exclud(?:e|ed|es|ing)|excluded|inclu(?:ded|des)\ only|only\ (?:considered|included|counted|looked\ at|picked|chose)|(?:considered|counted|included|picked)\ only|one\ rule|single\ criterion
          | eligib\w*|ineligib\w*|criteri(?:on|a)|disqualif\w*|(?:one\ )?major\ factor|factors?\ (?:among|in|we)|deciding\ factor
          | we\ (?:judged|considered|looked\ at|weighed|counted|favou?red|prioriti[sz]ed|focused|limited|ruled)
          | ranked\ (?:[\p{L}]+\ )?(?:by|on|according)|judged\ (?:by|on)|based\ (?:on|solely)|limited\ (?:to|ourselves|this)|restricted\ to
          | must\ (?:have|be|feature)|(?:doesn't|don't|didn't|does\ not|do\ not|did\ not)\ count|not\ (?:count|considered|included)
          | left\ (?:off|out)|for\ (?:this|the\ purposes\ of\ this|our)\ list|one\ (?:per|film\ per|entry\ per)\ (?:director|franchise|artist)
          | (?:what|which)\ (?:makes|made)\ the\ cut|rules?\ (?:out|were|are|is|was|for)|we\ define|defined\ as|how\ important
          | (?:best|greatest|most\ exceptional|finest|ideal)\ soundtracks?\ (?:feature|are|have|do|blend|need|must)
        )",
    )
    .expect("valid regex")
});

static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?]["”’)]*\s+"#).expect("valid regex"));

/// Sentences of a passage, split at `.`, `!`, `?` followed by space.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in SENTENCE_END.find_iter(text) {
        // "Vol. 1", "Mrs. Robinson": a short word before the period is an abbreviation.
        let before = &text[start..m.start()];
        let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        if text[m.start()..].starts_with('.')
            && last_word.chars().count() <= 3
            && last_word.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let s = text[start..m.end()].trim();
        if !s.is_empty() {
            out.push(s);
        }
        start = m.end();
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// Sentences that state how the list was made or what was eligible.
pub(crate) fn criteria(text: &str) -> Vec<String> {
    sentences(text)
        .into_iter()
        .filter(|s| s.chars().count() <= 600 && CRITERIA.is_match(s))
        .map(str::to_string)
        .collect()
}

const NUMBER: &str = r"\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-five|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|one hundred";

static DECLARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\btop[\s-]+(?P<a>{NUMBER})\b|\b(?P<b>{NUMBER})\s+of\s+the\s+(?:very\s+)?(?:best|greatest|finest|most|top)\b|\b(?P<c>{NUMBER})\s+(?:best|greatest|finest|essential|great|iconic|most|favou?rite|all-time|perfect|defining|unforgettable)\b|\bbest\s+(?P<d>{NUMBER})\b|\b(?P<e>{NUMBER})\s+(?:[\p{{L}}-]+\s+)?(?:soundtracks|scores|films|movies|picks|entries)\b"
    ))
    .expect("valid regex")
});

fn number_value(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let words = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let lower = s.to_lowercase();
    if let Some(i) = words.iter().position(|w| *w == lower) {
        return u32::try_from(i).ok();
    }
    match lower.as_str() {
        "twenty-five" => Some(25),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "seventy" => Some(70),
        "eighty" => Some(80),
        "ninety" => Some(90),
        "hundred" | "a hundred" | "one hundred" => Some(100),
        _ => None,
    }
}

/// The size a passage announces: "ten of the best", "top 25", "The 10 Best …".
pub(crate) fn declared_size(text: &str) -> Option<u32> {
    for c in DECLARED.captures_iter(text) {
        let m = ["a", "b", "c", "d", "e"].iter().find_map(|n| c.name(n))?;
        if let Some(n) = number_value(m.as_str()) {
            // Years are not sizes ("the 1994 best picture race").
            if (2..=1000).contains(&n) {
                return Some(n);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_criteria_are_found() {
        let text = "Scores are great. For this list, documentaries were excluded. We looked at how much each album shaped its film. Enjoy.";
        assert_eq!(
            criteria(text),
            [
                "For this list, documentaries were excluded.",
                "We looked at how much each album shaped its film."
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Vol. 1 is fun. Next."),
            ["Vol. 1 is fun.", "Next."]
        );
    }

    #[test]
    fn sizes() {
        assert_eq!(declared_size("The 10 Best Movie Soundtracks"), Some(10));
        assert_eq!(declared_size("here are ten of the best"), Some(10));
        assert_eq!(declared_size("Our top 25, ranked"), Some(25));
        assert_eq!(declared_size("Soundtracks we love"), None);
    }
}
