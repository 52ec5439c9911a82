//! Honorable mentions: "Other noteworthy soundtracks include: A, B, and C", "Honorable
//! mentions:" paragraphs or lists, wherever they stand in the article.

use super::entries::clean_title;
use super::layout::{plain, Flavor, Line};
use regex::Regex;
use std::sync::LazyLock;

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            honou?rable\ mentions?(?:\s+(?:go(?:es)?\ to|include|are|this\ time))?
          | (?:the\ )?also[-\ ]rans?
          | (?:the\ )?runners?[-\ ]up
          | (?:the\ ones\ that\ )?(?:just\ )?missed\ the\ cut
          | also\ worth\ (?:a\ listen|hearing|mentioning|noting|seeking\ out)
          | (?:other|more|further)\ (?:[\p{L}-]+\ ){0,3}?(?:soundtracks|scores|films|movies|picks|favou?rites|contenders|mentions)
              (?:\ (?:that|which|we)(?:\ [\p{L}'’-]+){0,4}?)?
              (?:\ (?:include|includes|worth\ [\p{L}]+|deserving\ [\p{L}]+|to\ consider|we\ love[d]?)|\s*:)
        )\s*(?:[:—–-]\s*|\s+|$)(?P<items>.*)$",
    )
    .expect("valid regex")
});

static ITEM_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>.*?)\s*[(\[][^()\[\]]*?(?P<year>(?:18[89]|19\d|20\d)\d)\s*[)\]]\s*(?P<after>.*)$")
        .expect("valid regex")
});

/// One mention as printed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub title: String,
    pub year: Option<i32>,
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
        if text.chars().count() > 2000 {
            i += 1;
            continue;
        }
        let Some(caps) = TRIGGER.captures(&text) else {
            i += 1;
            continue;
        };
        let items = caps.name("items").map_or("", |m| m.as_str()).trim();
        used[i] = true;
        if !items.is_empty() {
            found.extend(split_items(items));
            i += 1;
            continue;
        }
        // A heading or a lead-in line: the items follow, as a list or one paragraph.
        let mut j = i + 1;
        let mut taken_any = false;
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
            if line.bullet || words <= 10 && !t.ends_with('.') {
                found.push(parse_item(&t));
                used[j] = true;
                taken_any = true;
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

/// "A, B, and C." / "A; B; C" → items.
fn split_items(text: &str) -> Vec<Found> {
    let text = text.trim().trim_end_matches(['.', ';']);
    let text = text
        .strip_suffix(", etc")
        .or_else(|| text.strip_suffix(" etc"))
        .unwrap_or(text);
    let mut parts: Vec<String> = if text.contains(';') {
        text.split(';').map(|p| p.trim().to_string()).collect()
    } else {
        text.split(", ").map(|p| p.trim().to_string()).collect()
    };
    if parts.len() >= 2 {
        // "A, B and C" without the serial comma: the last part holds two titles.
        if let Some(last) = parts.last().cloned() {
            let had_serial = last.starts_with("and ") || last.starts_with("or ");
            if !had_serial {
                if let Some(pos) = last.rfind(" and ") {
                    parts.pop();
                    parts.push(last[..pos].to_string());
                    parts.push(last[pos + 5..].to_string());
                }
            }
        }
    }
    parts
        .iter()
        .map(|p| {
            let p = p.trim();
            let p = p
                .strip_prefix("and ")
                .or_else(|| p.strip_prefix("or "))
                .unwrap_or(p);
            parse_item(p)
        })
        .filter(|f| !f.title.is_empty() && f.title.chars().count() <= 120)
        .collect()
}

/// One item: "Drive (2011) — synth pulses" → Drive, 2011.
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
            match cut {
                Some(pos) => (text[..pos].to_string(), None),
                None => (text.to_string(), None),
            }
        }
    };
    Found {
        title: clean_title(&title),
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
