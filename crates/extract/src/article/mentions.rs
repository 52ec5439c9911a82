//! Honorable mentions, in many languages: "Honorable mentions: A, B and C", "Mentions
//! honorables : …", "Knapp verpasst", "Menciones", "Menzioni d'onore", "Menções honrosas",
//! "次点", a label inside a sentence ("here are the honorable mentions: …", "Ebenfalls in der
//! engeren Wahl waren „A“ und „B“"), a label line or heading followed by a lead-in and bullets,
//! and "Runner-Up: Title (Year)" lines inside entries.

use super::entries::clean_title;
use super::heads::quoted_spans;
use super::layout::{plain, Flavor, Line};
use regex::Regex;
use std::sync::LazyLock;

/// Labels that announce unranked picks, anywhere in a line.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
          \b(?:
            honou?rable\ mentions?(?:\s+(?:go(?:es)?\ to|include|are|this\ time))?
          | (?:the\ )?also[-\ ]rans?
          | (?:the\ )?runners?[-\ ]up
          | (?:the\ ones\ that\ )?(?:just\ |narrowly\ )?missed\ the\ cut
          | near[-\ ]misses
          | bubbling\ under
          | also\ worth\ (?:a\ listen|hearing|mentioning|noting|seeking\ out)
          | mentions?\ (?:sp[ée]ciales?|honorables?|d['’]honneur)
          | (?:ils|elles)\ ont\ failli
          | knapp\ verpasst
          | (?:lobende|ehrenvolle)\ erw[äa]hnungen?
          | (?:in\ die|in\ der)\ engere(?:n)?\ wahl
          | menci(?:ó|o)n(?:es)?\ (?:honor[íi]fica|especial)(?:s|es)?
          | menciones
          | se\ quedaron\ fuera
          | menzion(?:e|i)\ (?:d['’]onore|speciali?)
          | menzioni
          | men[çc](?:ão|ao|ões|oes)\ honrosas?
          | (?:we\ )?also\ (?:loved|liked|considered|enjoyed)
          | (?:nearly|almost|narrowly)\ made\ (?:the\ cut|it)
          | just\ missed\ out
          | aux\ portes\ du\ classement
          | außerdem\ hörenswert | (?:ganz\ )?nah\ dran
          | a\ las\ puertas
          | rimast[ie]\ (?:appena\ )?fuori
          | quase\ entraram | vale\ ouvir\ também | ficaram\ de\ fora
          )\b
          | 次点 | 選外 | 惜しくも | こちらもおすすめ
        ",
    )
    .expect("valid regex")
});

/// True when the text names a mentions label ("Honorable mentions", "Menciones", "次点").
pub(crate) fn has_label(text: &str) -> bool {
    LABEL.is_match(text)
}

/// A runner-up line label at the start of a line, followed by a colon (`Runner-up: Film`,
/// `Dauphin : Film`, `Nachrücker: Film`, `Finalista: Film`, `Vice: Film`).
static LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:dauphin|dauphine|nachrücker|finalista|secondo\ classificato|vice|vice-campeão|second\ place|runner-up)\s*:")
        .expect("valid regex")
});

/// `Other noteworthy soundtracks include: …` at the start of a line.
static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:other|more|further)\ (?:[\p{L}-]+\ ){0,3}?(?:soundtracks|scores|films|movies|picks|favou?rites|contenders|mentions)
              (?:\ (?:that|which|we)(?:\ [\p{L}'’-]+){0,4}?)?
              (?:\ (?:include|includes|worth\ [\p{L}]+|deserving\ [\p{L}]+|to\ consider|we\ love[d]?)|\s*:)",
    )
    .expect("valid regex")
});

/// Words between a label and its items: `include`, `are`, `go to`, `waren`, `sont`, `son`.
static CONNECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[:—–-]\s*)?(?:(?:include|includes|are|were|go\ to|goes\ to|this\ time|waren|sind|sont|étaient|son|fueron|sono|erano|são|foram|:)\s*)*[:—–-]?\s*")
        .expect("valid regex")
});

static ITEM_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>.*?)\s*[(\[][^()\[\]]*?(?P<year>(?:18[89]|19\d|20\d)\d)\s*[)\]]\s*(?P<after>.*)$")
        .expect("valid regex")
});

static PAGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page|pagina|página|seite|pág\.?)\s*\d+(?:\s*(?:of|di|de|von|/)\s*\d+)?\b")
        .expect("valid regex")
});

/// One mention as printed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub title: String,
    pub year: Option<i32>,
}

/// The first sentence of `text`: up to a `.`, `!` or `?` outside parentheses that a capital
/// letter follows.
fn first_sentence(text: &str) -> &str {
    let mut depth = 0i32;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '.' | '!' | '?' if depth <= 0 => {
                let next = chars.get(k + 1).map(|x| x.1);
                let after = chars.get(k + 2).map(|x| x.1);
                // `Inc.`, `E.T.`: a period inside a short word is no sentence end.
                let word: String = chars[..k]
                    .iter()
                    .rev()
                    .take_while(|x| x.1.is_alphanumeric() || x.1 == '.')
                    .map(|x| x.1)
                    .collect();
                let abbreviation =
                    word.chars().count() <= 3 && word.chars().any(char::is_uppercase);
                if next.is_none()
                    || (next == Some(' ') && after.is_some_and(char::is_uppercase) && !abbreviation)
                {
                    return &text[..i];
                }
            }
            _ => {}
        }
    }
    text
}

/// Items printed after a label on the same line, if any.
fn inline_items(after: &str) -> Vec<Found> {
    let sentence = first_sentence(after);
    // A colon opens the items when one follows the label within the sentence.
    let items = match sentence.find(':') {
        Some(p) if sentence[..p].split_whitespace().count() <= 8 => &sentence[p + 1..],
        _ => {
            let m = CONNECTOR.find(sentence).map_or(0, |m| m.end());
            &sentence[m..]
        }
    };
    let items = items.trim();
    if items.is_empty() {
        return Vec::new();
    }
    let quoted = quoted_spans(items);
    if quoted.len() >= 2 {
        return quoted
            .into_iter()
            .map(|q| parse_item(&q.content))
            .filter(|f| !f.title.is_empty())
            .collect();
    }
    split_items(items)
}

/// Mentions of the document, and which lines they used (so those lines leave the blurbs).
pub(crate) fn find(lines: &[Line], is_entry: &[bool], flavor: Flavor) -> (Vec<Found>, Vec<bool>) {
    let mut found = Vec::new();
    let mut used = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if is_entry.get(i).copied().unwrap_or(false) || lines[i].is_blank() {
            i += 1;
            continue;
        }
        let text = plain(&lines[i].text, flavor);
        if text.chars().count() > 3000 {
            i += 1;
            continue;
        }
        let (label_end, at_start) = match LABEL.find(&text) {
            Some(m) => (m.end(), text[..m.start()].trim().is_empty()),
            None => match OTHERS.find(&text).or_else(|| LINE_LABEL.find(&text)) {
                Some(m) => (m.end(), true),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        let after = &text[label_end..];
        let items = inline_items(after);
        if !items.is_empty() && (at_start || after.contains(':') || !quoted_spans(after).is_empty())
        {
            used[i] = at_start;
            found.extend(items);
            i += 1;
            continue;
        }
        // A label line or heading: the items follow, after at most one lead-in sentence.
        let rest = after.trim().trim_start_matches([':', '—', '–', '-']).trim();
        if !(at_start && rest.split_whitespace().count() <= 4) {
            i += 1;
            continue;
        }
        used[i] = true;
        // A label heading over sub-headings: each sub-heading is a mention.
        let level = lines[i].heading;
        if level > 0 {
            let mut j = i + 1;
            let mut subs = Vec::new();
            while j < lines.len() && !is_entry.get(j).copied().unwrap_or(false) {
                let h = lines[j].heading;
                if h > 0 && h <= level {
                    break;
                }
                if h > level {
                    subs.push(j);
                }
                j += 1;
            }
            if !subs.is_empty() {
                for &k in &subs {
                    found.push(parse_item(&plain(&lines[k].text, flavor)));
                    used[k] = true;
                }
                i = j;
                continue;
            }
        }
        let mut j = i + 1;
        let mut taken_any = false;
        let mut lead_in = false;
        while j < lines.len() {
            let line = &lines[j];
            if is_entry.get(j).copied().unwrap_or(false) || line.heading > 0 {
                break;
            }
            if line.is_blank() {
                if taken_any && !lines.get(j + 1).is_some_and(|n| n.bullet) {
                    break;
                }
                j += 1;
                continue;
            }
            let t = plain(&line.text, flavor);
            let words = t.split_whitespace().count();
            if line.bullet || words <= 10 && !t.ends_with(['.', ':', '：', '。']) {
                found.push(parse_item(&t));
                used[j] = true;
                taken_any = true;
            } else if !taken_any && !lead_in && t.ends_with([':', '：', '。']) {
                // "A few more we argued about:" — the lead-in, not a mention.
                lead_in = true;
                used[j] = true;
            } else if !taken_any && (t.contains(", ") || t.contains("; ")) {
                found.extend(split_items(&t));
                used[j] = true;
                j += 1;
                break;
            } else {
                break;
            }
            j += 1;
        }
        i = j.max(i + 1);
    }
    found.retain(|f| !f.title.is_empty());
    (found, used)
}

/// Splits at `, ` and `; ` outside parentheses.
fn split_top(text: &str) -> Vec<String> {
    let semicolons = text.contains("; ");
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        let sep = if semicolons { ';' } else { ',' };
        if c == sep && depth <= 0 && chars.get(k + 1).is_some_and(|n| *n == ' ') {
            out.push(std::mem::take(&mut cur));
            k += 2;
            continue;
        }
        cur.push(c);
        k += 1;
    }
    out.push(cur);
    out.into_iter().map(|p| p.trim().to_string()).collect()
}

/// Joiners of the last two items, in several languages.
const LAST_JOINERS: &[&str] = &[
    " and ", " or ", " y ", " o ", " et ", " ou ", " und ", " oder ", " e ", " и ",
];

/// "A, B, and C." / "A; B; C" → items.
fn split_items(text: &str) -> Vec<Found> {
    let text = text.trim().trim_end_matches(['.', ';']);
    let text = text
        .strip_suffix(", etc")
        .or_else(|| text.strip_suffix(" etc"))
        .unwrap_or(text);
    let mut parts = split_top(text);
    // A clause ("with its organ", "whose strings…") is no title.
    parts.retain(|p| {
        !p.trim().chars().next().is_some_and(char::is_lowercase)
            || LAST_JOINERS
                .iter()
                .any(|j| p.trim_start().starts_with(j.trim_start()))
    });
    // "A, B and C" without the serial comma: the last part holds two titles.
    if let Some(last) = parts.pop() {
        let mut split = None;
        for j in LAST_JOINERS {
            if let Some(rest) = last.strip_prefix(j.trim_start()) {
                split = Some((String::new(), rest.to_string()));
                break;
            }
            if let Some(pos) = last.rfind(j) {
                let (a, b) = (&last[..pos], &last[pos + j.len()..]);
                let starts_upper =
                    |s: &str| s.trim().chars().next().is_some_and(|c| !c.is_lowercase());
                if !parts.is_empty() && starts_upper(a) && starts_upper(b) {
                    split = Some((a.to_string(), b.to_string()));
                    break;
                }
            }
        }
        match split {
            Some((a, b)) => {
                if !a.trim().is_empty() {
                    parts.push(a);
                }
                parts.push(b);
            }
            None => parts.push(last),
        }
    }
    parts
        .iter()
        .filter_map(|p| {
            let p = p.trim();
            let p = LAST_JOINERS
                .iter()
                .find_map(|j| p.strip_prefix(j.trim_start()))
                .unwrap_or(p);
            // A clause ("with its organ", "whose strings…") is no title.
            if p.chars().next().is_some_and(char::is_lowercase) {
                return None;
            }
            let f = parse_item(p);
            (f.title.split_whitespace().count() <= 12).then_some(f)
        })
        .filter(|f| !f.title.is_empty() && f.title.chars().count() <= 120)
        .collect()
}

/// One item: "Drive (2011) — synth pulses" → Drive, 2011; an aside in parentheses goes.
fn parse_item(text: &str) -> Found {
    let text = text.trim().trim_end_matches(['.', ',', ';']);
    let (title, year) = match ITEM_YEAR.captures(text) {
        Some(c) if !c.name("title").map_or("", |m| m.as_str()).is_empty() => (
            c.name("title").map_or("", |m| m.as_str()).to_string(),
            c.name("year").and_then(|m| m.as_str().parse().ok()),
        ),
        _ => {
            // "Title — why it nearly made it": the description goes.
            let cut = [" — ", " – ", " - "]
                .iter()
                .filter_map(|sep| text.find(sep))
                .min();
            let t = match cut {
                Some(pos) => &text[..pos],
                None => text,
            };
            // "Title (yes, really)": a lowercase aside in parentheses goes.
            let t = match (t.rfind(" ("), t.ends_with(')')) {
                (Some(p), true) if t[p + 2..].chars().next().is_some_and(char::is_lowercase) => {
                    &t[..p]
                }
                _ => t,
            };
            (t.to_string(), None)
        }
    };
    let title = title
        .trim()
        .trim_matches(['„', '“', '”', '«', '»', '"', '‹', '›', '「', '」']);
    // `Title (Composer)`: a credit or an aside in parentheses is no part of the title.
    let title = match (title.rfind(" ("), title.ends_with(')')) {
        (Some(p), true) if p > 0 => &title[..p],
        _ => title,
    };
    // Pagers and counters (`Page 1 of 3`, `1 2 3`) are no titles.
    if !title.chars().any(char::is_alphabetic) || PAGER.is_match(title) {
        return Found {
            title: String::new(),
            year,
        };
    }
    Found {
        title: clean_title(title.trim()),
        year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        text.split('\n')
            .map(|t| {
                let mut l = Line::default();
                super::super::layout::set_text(&mut l, t.trim());
                l
            })
            .collect()
    }

    #[test]
    fn inline_paragraph_with_curly_apostrophe() {
        let ls = lines("Also worth a listen: Into the Wild, The Matrix, The Devil’s Rejects, There Will Be Blood.");
        let (found, used) = find(&ls, &[false], Flavor::Text);
        let titles: Vec<&str> = found.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Into the Wild",
                "The Matrix",
                "The Devil’s Rejects",
                "There Will Be Blood"
            ]
        );
        assert!(used[0]);
    }

    #[test]
    fn heading_then_bullets_with_years() {
        let ls =
            lines("Honorable Mentions\n\n- Drive (2011) — synths\n- Juno (2007)\n\nThat is all.");
        let (found, _) = find(&ls, &[false; 6], Flavor::Markdown);
        assert_eq!(
            found,
            vec![
                Found {
                    title: "Drive".into(),
                    year: Some(2011)
                },
                Found {
                    title: "Juno".into(),
                    year: Some(2007)
                }
            ]
        );
    }

    #[test]
    fn serial_and_plain_and() {
        let titles =
            |t: &str| -> Vec<String> { split_items(t).into_iter().map(|f| f.title).collect() };
        assert_eq!(
            titles("Once, Sing Street and Juno"),
            ["Once", "Sing Street", "Juno"]
        );
        assert_eq!(
            titles("Once, Sing Street, and Juno."),
            ["Once", "Sing Street", "Juno"]
        );
        assert_eq!(
            titles("O Brother, Where Art Thou?; Drive"),
            ["O Brother, Where Art Thou?", "Drive"]
        );
    }

    #[test]
    fn ordinary_prose_is_not_a_mention() {
        let ls = lines("Other people like this film more than we do.");
        assert!(find(&ls, &[false], Flavor::Text).0.is_empty());
    }
}
