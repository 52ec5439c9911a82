//! Documents as lines: plain text and Markdown normalisation, line roles (junk, footer, notes).

use regex::Regex;
use std::sync::LazyLock;

/// How a line was marked up in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// Plain text: lines are taken literally.
    Text,
    /// Markdown (and HTML rendered as Markdown-like lines): emphasis markers and links are
    /// markup, not text.
    Markdown,
}

/// One line of a document, after markup was turned into structure.
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    /// The text, trimmed, with headings' `#` and list bullets removed. Markdown emphasis is kept
    /// (entry detection reads `**10. Title**`); use [`plain`] for prose.
    pub text: String,
    /// 1-based line in the source document, when known.
    pub number: Option<usize>,
    /// Heading level (1–6), or 0 for body text.
    pub heading: u8,
    /// True for an unordered list item (`- x`, `* x`, `• x`, `<ul><li>`).
    pub bullet: bool,
    /// The cells of a table row (HTML `<tr>` or a Markdown `| a | b |` line); empty otherwise.
    pub cells: Vec<String>,
    /// True for a table row of header cells (`<th>`, or the Markdown row above `|---|`).
    pub header_row: bool,
}

impl Line {
    /// True for a line with no text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Facts about the document found outside its body (front matter, HTML `<meta>`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    /// The title came from `<title>`/`og:title`: a headline in the body is better.
    pub title_is_fallback: bool,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// A document ready for entry finding.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub lines: Vec<Line>,
    pub meta: Meta,
    pub flavor: Flavor,
}

/// Characters that only disturb matching: NBSP and friends become spaces, invisible ones go.
pub(crate) fn clean_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' | '\u{2009}' | '\u{200a}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            // Full-width brackets and colons read as their ASCII forms (as NFKC has them).
            '（' => out.push('('),
            '）' => out.push(')'),
            '：' => out.push(':'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*+•·▪◦]|&bull;)\s+(\S.*)$").expect("valid regex"));
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$").expect("valid regex"));
static MD_IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)").expect("valid regex"));
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\]\n]{0,500})\](?:\([^)\n]{0,2000}\)|\[[^\]\n]{0,200}\])")
        .expect("valid regex")
});
static MD_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>\n]{0,300}>").expect("valid regex"));
static FRONT_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(title|author|date|outlet|site|publication|url)\s*:\s*["']?(.*?)["']?\s*$"#)
        .expect("valid regex")
});

impl Doc {
    /// Splits plain text or Markdown into lines.
    pub fn from_text(text: &str, flavor: Flavor) -> Doc {
        let mut meta = Meta::default();
        let mut lines = Vec::new();
        let mut in_front_matter = false;
        let mut in_fence = false;
        for (i, raw) in text.split('\n').enumerate() {
            let number = Some(i + 1);
            // A tab-separated row is a table row.
            if raw.matches('\t').count() >= 1 && !in_fence && !in_front_matter {
                let cells: Vec<String> = raw
                    .split('\t')
                    .map(|c| clean_chars(c).trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect();
                if cells.len() >= 2 {
                    let mut line = Line {
                        number,
                        text: cells.join(" | "),
                        header_row: !cells
                            .iter()
                            .any(|c| c.chars().any(|ch| ch.is_ascii_digit())),
                        cells,
                        ..Line::default()
                    };
                    if flavor == Flavor::Markdown {
                        line.cells = line.cells.iter().map(|c| plain(c, flavor)).collect();
                    }
                    lines.push(line);
                    continue;
                }
            }
            let cleaned = clean_chars(raw);
            let mut t = cleaned.trim();
            let mut line = Line {
                number,
                ..Line::default()
            };
            if flavor == Flavor::Markdown {
                if i == 0 && t == "---" {
                    in_front_matter = true;
                    lines.push(line);
                    continue;
                }
                if in_front_matter {
                    if t == "---" || t == "..." {
                        in_front_matter = false;
                    } else if let Some(c) = FRONT_KEY.captures(t) {
                        let value = c.get(2).map_or("", |m| m.as_str()).trim().to_string();
                        if !value.is_empty() {
                            match c.get(1).map_or("", |m| m.as_str()) {
                                "title" => meta.title = Some(value),
                                "author" => meta.author = Some(value),
                                "date" => meta.date = Some(value),
                                "url" => meta.url = Some(value),
                                _ => meta.outlet = Some(value),
                            }
                        }
                    }
                    lines.push(line);
                    continue;
                }
                if t.starts_with("```") || t.starts_with("~~~") {
                    in_fence = !in_fence;
                    lines.push(line);
                    continue;
                }
                if in_fence {
                    lines.push(line);
                    continue;
                }
                while let Some(rest) = t.strip_prefix('>') {
                    t = rest.trim_start();
                }
                // Setext underlines and horizontal rules carry no text.
                if !t.is_empty() && t.chars().all(|c| matches!(c, '=' | '-' | '*' | '_' | ' ')) {
                    lines.push(line);
                    continue;
                }
                if t.starts_with('|') && t.len() > 1 {
                    let cells = table_cells(t);
                    if cells
                        .iter()
                        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
                    {
                        // `|---|---|`: the row above was the header.
                        if let Some(prev) =
                            lines.iter_mut().rev().find(|l: &&mut Line| !l.is_blank())
                        {
                            if !prev.cells.is_empty() {
                                prev.header_row = true;
                            }
                        }
                        lines.push(line);
                        continue;
                    }
                    if cells.len() >= 2 {
                        line.text = cells.join(" | ");
                        line.cells = cells;
                        lines.push(line);
                        continue;
                    }
                }
                let mut owned = t.to_string();
                if let Some(c) = MD_HEADING.captures(&owned) {
                    line.heading = c.get(1).map_or(0, |m| m.as_str().len()) as u8;
                    owned = c.get(2).map_or("", |m| m.as_str()).to_string();
                }
                if owned.contains('[') {
                    owned = MD_IMAGE.replace_all(&owned, "").into_owned();
                    owned = MD_LINK.replace_all(&owned, "$1").into_owned();
                }
                if owned.contains('<') {
                    owned = MD_TAG.replace_all(&owned, "").into_owned();
                }
                if owned.contains('&') {
                    owned = decode_common_entities(&owned);
                }
                set_text(&mut line, owned.trim());
            } else {
                set_text(&mut line, t);
            }
            lines.push(line);
        }
        Doc {
            lines,
            meta,
            flavor,
        }
    }
}

/// The cells of a Markdown table row `| a | b |`, without markup.
fn table_cells(t: &str) -> Vec<String> {
    let inner = t.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|c| {
            let c = c.trim();
            let c = if c.contains('[') {
                MD_LINK.replace_all(c, "$1").into_owned()
            } else {
                c.to_string()
            };
            plain(&c, Flavor::Markdown)
        })
        .collect()
}

/// Stores a line's text, taking off a list bullet first.
pub(crate) fn set_text(line: &mut Line, t: &str) {
    if line.heading == 0 {
        if let Some(c) = BULLET.captures(t) {
            // `**bold**` at line start is emphasis, not a `*` bullet.
            if !t.starts_with("**") {
                line.bullet = true;
                line.text = c.get(1).map_or("", |m| m.as_str()).trim().to_string();
                return;
            }
        }
    }
    line.text = t.to_string();
}

/// The few entities that survive in hand-written Markdown.
fn decode_common_entities(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&rsquo;", "’")
        .replace("&lsquo;", "‘")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Prose without Markdown emphasis markers (`**`, `*`, `_` around words) or backslash escapes.
pub(crate) fn plain(s: &str, flavor: Flavor) -> String {
    if flavor == Flavor::Text || !(s.contains('*') || s.contains('_') || s.contains('\\')) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '*' => {}
            '_' => {
                let prev_word = i > 0 && chars[i - 1].is_alphanumeric();
                let next_word = i + 1 < chars.len() && chars[i + 1].is_alphanumeric();
                // snake_case keeps its underscores; `_emphasis_` loses them.
                if prev_word && next_word {
                    out.push('_');
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    out.trim().to_string()
}

static JUNK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:related|recommended|read\ (?:more|next|also)|see\ also|more\ from|also\ read|you\ (?:may|might)\ also\ like
              |advertisement|sponsored|promoted|ad|trending|most\ popular|editor['’]?s\ picks?|up\ next|watch\ next)
              (?:\b\s*$|\s*[:|>»—–-])
          | (?:share\ (?:this|on)|subscribe|sign\ up|follow\ us|tags?:|filed\ under|photo(?:graph)?\s*(?:by|:|credit)
              |image(?:\ credit)?\s*:|credit\s*:|source\s*:|getty\ images|click\ here|skip\ to|jump\ to|back\ to\ top
              |table\ of\ contents)
        )",
    )
    .expect("valid regex")
});

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:©|\(c\)\s*\d|copyright\b|all rights reserved|terms of (?:use|service)|privacy policy|about us\s*$|contact us\s*$)")
        .expect("valid regex")
});

/// True for page furniture inside an article's text: "Related: …", "Recommended",
/// "Advertisement", photo credits, share buttons.
pub(crate) fn is_junk(text: &str) -> bool {
    text.chars().count() <= 200 && JUNK.is_match(text)
}

/// True for the first line of a page footer: everything after it is furniture too.
pub(crate) fn is_footer(text: &str) -> bool {
    text.chars().count() <= 200 && FOOTER.is_match(text)
}

static NOTE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:editor['’]?s note|note|methodology|criteria|eligibility|rules|how we (?:ranked|chose|picked)(?: (?:them|these|this list))?)\s*[:—–-]\s*(\S.*)$",
    )
    .expect("valid regex")
});

/// The note of a line such as "Note: only feature films were eligible."
pub(crate) fn note_line(text: &str) -> Option<String> {
    NOTE_LINE
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string())
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){0,4})\s*(?:$|[,|·—–-])")
        .expect("valid regex")
});

/// The author named by a byline such as "By Jane Doe | March 3".
pub(crate) fn byline(text: &str) -> Option<String> {
    if text.chars().count() > 120 {
        return None;
    }
    BYLINE
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string())
}

static ITEM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,3}\s*[.)]\s+(?P<body>\S.*)$").expect("valid regex"));

/// The text of a numbered (`3. x`) or bulleted list item, if the line is one.
pub(crate) fn list_item_body(text: &str, bullet: bool) -> Option<&str> {
    if bullet {
        return Some(text);
    }
    ITEM_NUMBER
        .captures(text)
        .and_then(|c| c.name("body"))
        .map(|m| m.as_str())
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `i`.
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_headings_links_and_bullets_become_structure() {
        let doc = Doc::from_text(
            "# Best\n## 10. [Drive](https://x.example) (2011)\n- Juno\n**5. Once**",
            Flavor::Markdown,
        );
        assert_eq!(doc.lines[0].heading, 1);
        assert_eq!(doc.lines[1].text, "10. Drive (2011)");
        assert_eq!(doc.lines[1].heading, 2);
        assert!(doc.lines[2].bullet);
        assert_eq!(doc.lines[2].text, "Juno");
        assert!(!doc.lines[3].bullet);
    }

    #[test]
    fn front_matter_sets_meta() {
        let doc = Doc::from_text(
            "---\ntitle: \"Top 5\"\nauthor: A. B\n---\n1. X\n",
            Flavor::Markdown,
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Top 5"));
        assert!(doc.lines[1].text.is_empty());
    }

    #[test]
    fn plain_drops_emphasis_but_keeps_snake_case() {
        assert_eq!(
            plain("**Bold** and _it_ a_b \\*", Flavor::Markdown),
            "Bold and it a_b *"
        );
    }

    #[test]
    fn junk_lines_are_recognised() {
        assert!(is_junk("Recommended"));
        assert!(is_junk("Related: The 50 best scores"));
        assert!(is_junk("ADVERTISEMENT"));
        assert!(!is_junk(
            "Related songs appear throughout the film, and they matter."
        ));
        assert!(is_footer("© 2025 Example Media"));
    }

    #[test]
    fn boundaries_respect_multibyte_chars() {
        let s = "aé";
        assert_eq!(floor_boundary(s, 2), 1);
        assert_eq!(ceil_boundary(s, 2), 3);
    }
}
