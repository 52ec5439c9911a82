//! HTML pages → lines, with a real parser (`scraper`/html5ever).
//!
//! The article body (the largest `<article>`, else `<main>`, else `<body>`) is walked once,
//! iteratively (deeply nested pages cannot overflow the stack). Page furniture — `<nav>`,
//! `<aside>`, `<footer>`, scripts, styles, figures and captions, forms, and elements whose class
//! or id says ad, promo, related, recommended, newsletter, share or sidebar — is skipped.
//! Headings keep their level, `<ol>` items get their number (`start`, `reversed`, `value`),
//! `<ul>` items become bullets and `<strong>`/`<b>` stay as `**` so `<li><strong>Title</strong>
//! — prose</li>` can be split.

use super::layout::{clean_chars, set_text, Doc, Flavor, Line, Meta};
use ego_tree::iter::Edge;
use needledrop_model::List;
use scraper::{ElementRef, Html, Node, Selector};

/// Skipped with everything inside.
const SKIP_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "form",
    "button",
    "svg",
    "figcaption",
    "figure",
    "select",
    "textarea",
    "input",
    "dialog",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "map",
    "head",
    "menu",
    "title",
];

/// Class or id parts that mark furniture (`ad-slot`, `related_links`, `share-bar`).
const SKIP_CLASS_PARTS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "advert",
    "advertisement",
    "adsbygoogle",
    "sponsor",
    "sponsored",
    "promo",
    "promoted",
    "related",
    "recommended",
    "recommendations",
    "newsletter",
    "share",
    "sharing",
    "social",
    "sidebar",
    "cookie",
    "cookies",
    "comments",
    "comment",
    "subscribe",
    "outbrain",
    "taboola",
    "caption",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "popup",
    "modal",
    "signup",
    "trending",
    "paywall",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "main",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dd",
    "dt",
    "dl",
    "hr",
    "address",
    "details",
    "summary",
    "center",
];

fn is_furniture(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(
        el.attr("role"),
        Some("navigation" | "complementary" | "contentinfo" | "search" | "banner")
    ) {
        return true;
    }
    let tokens = el
        .attr("class")
        .unwrap_or("")
        .split_whitespace()
        .chain(el.attr("id").unwrap_or("").split_whitespace());
    for token in tokens {
        let lower = token.to_ascii_lowercase();
        if lower
            .split(['-', '_'])
            .any(|part| SKIP_CLASS_PARTS.contains(&part))
        {
            return true;
        }
    }
    false
}

/// Where entries sit in the HTML source, to give them line numbers.
pub(crate) struct Locator<'a> {
    src: &'a str,
}

/// How far ahead of the previous entry a title is looked for in the source.
const LOCATE_WINDOW: usize = 64 * 1024;
/// After this many titles not found verbatim (entities, markup inside titles), stop looking:
/// failed searches would otherwise rescan the window for every entry.
const LOCATE_MAX_MISSES: usize = 8;

impl Locator<'_> {
    /// Sets each entry's line to the source line where its title first appears after the
    /// previous entry's, when it can be found verbatim.
    pub fn locate(&self, list: &mut List) {
        let mut pos: usize = 0;
        let mut line: usize = 1;
        let mut misses = 0;
        for entry in &mut list.entries {
            if misses >= LOCATE_MAX_MISSES {
                entry.line = None;
                continue;
            }
            let end = super::layout::floor_boundary(self.src, pos.saturating_add(LOCATE_WINDOW));
            let window = self.src.get(pos..end).unwrap_or("");
            if entry.title.is_empty() {
                continue;
            }
            if let Some(found) = window.find(entry.title.as_str()) {
                line += window[..found].bytes().filter(|&b| b == b'\n').count();
                pos += found;
                entry.line = Some(line);
            } else {
                entry.line = None;
                misses += 1;
            }
        }
    }
}

struct OlState {
    next: i64,
    step: i64,
}

struct Walker {
    lines: Vec<Line>,
    buffer: String,
    heading: u8,
    /// The list-item marker waiting for the item's first line: `Some(Some(n))` numbered.
    pending_item: Option<Option<i64>>,
    /// An inline element just opened or closed: text that touches the previous text here is a
    /// separate field (`<a>Dune</a>Hans Zimmer`).
    boundary: bool,
    /// The cells of the table row being read, and whether all were header cells.
    row: Option<(Vec<String>, bool)>,
}

/// Inline elements whose edges separate fields when no whitespace does.
const INLINE_TAGS: &[&str] = &[
    "a", "span", "em", "i", "cite", "strong", "b", "u", "small", "font",
];

impl Walker {
    fn push_text(&mut self, text: &str) {
        let cleaned = clean_chars(text);
        if self.boundary {
            self.boundary = false;
            let last = self.buffer.trim_end_matches(['*', '“', '”']).chars().last();
            let first = cleaned.chars().next();
            let touching = self.buffer.ends_with(|c: char| !c.is_whitespace());
            if touching
                && last.is_some_and(|c| c.is_alphanumeric() || c == ')')
                && first.is_some_and(char::is_uppercase)
            {
                self.buffer.push_str(" — ");
            }
        }
        for c in cleaned.chars() {
            if c.is_whitespace() {
                if !self.buffer.ends_with(' ') && !self.buffer.is_empty() {
                    self.buffer.push(' ');
                }
            } else {
                self.buffer.push(c);
            }
        }
    }

    /// Ends the current cell of a table row.
    fn end_cell(&mut self, header: bool) {
        let text = self.buffer.replace("**", "");
        let text = text.trim().to_string();
        self.buffer.clear();
        if let Some((cells, all_header)) = self.row.as_mut() {
            cells.push(text);
            *all_header &= header;
        }
    }

    /// Ends a table row: one line holding its cells.
    fn end_row(&mut self) {
        if let Some((cells, header)) = self.row.take() {
            if cells.iter().any(|c| !c.is_empty()) {
                let line = Line {
                    text: cells.join(" | "),
                    header_row: header,
                    cells,
                    ..Line::default()
                };
                self.lines.push(line);
            }
        }
    }

    /// Ends the current line; `paragraph` adds a blank line after it.
    fn flush(&mut self, paragraph: bool) {
        if self.row.is_some() {
            // Inside a table row, blocks only add to the cell.
            if !self.buffer.ends_with(' ') && !self.buffer.is_empty() {
                self.buffer.push(' ');
            }
            return;
        }
        let mut text = self.buffer.trim().to_string();
        self.buffer.clear();
        // A whole block in italics is a caption or a credit line, not a quoted title.
        if let Some(inner) = text.strip_prefix('“').and_then(|t| t.strip_suffix('”')) {
            if !inner.contains(['“', '”']) {
                text = inner.trim().to_string();
            }
        }
        // Bold markers around nothing (`<b> </b>`) are noise.
        let visible = text.replace("**", "");
        if visible.trim().is_empty() {
            return;
        }
        let mut line = Line {
            heading: self.heading,
            ..Line::default()
        };
        match self.pending_item.take() {
            Some(Some(n)) => {
                let plain = text.trim_start_matches('*');
                // The item prints its own number only when it is this position's number.
                let numbered = plain
                    .split_once(['.', ')', ':'])
                    .is_some_and(|(num, _)| num.trim().parse::<i64>().is_ok_and(|v| v == n));
                if !numbered {
                    text = format!("{n}. {text}");
                }
                line.text = text;
            }
            Some(None) => {
                line.bullet = true;
                line.text = text;
            }
            None => set_text(&mut line, &text),
        }
        self.lines.push(line);
        if paragraph {
            self.lines.push(Line::default());
        }
    }
}

/// Deepest element nesting accepted. Real pages nest a few dozen levels; html5ever's tree
/// builder does work proportional to the depth for every tag, so absurd nesting would make
/// parsing quadratic.
pub(crate) const MAX_DEPTH: usize = 4096;

/// Most elements a page may have. The parsed tree costs about 300 bytes per element, so a
/// page of tiny tags (`<i>a</i>` is 8 bytes) would need 30–40 times its size in memory; a long
/// saved article has tens of thousands of elements.
pub(crate) const MAX_ELEMENTS: usize = 500_000;

/// How many start tags (`<` followed by a letter) the page has: an upper estimate of the
/// elements its tree would hold, counted without parsing.
pub(crate) fn start_tags(html: &str) -> usize {
    html.as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count()
}

/// Elements that never have a closing tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A quick upper estimate of how deeply the page nests elements (one pass over the bytes).
pub(crate) fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    // Where the last search for `>` started, and what it found.
    let (mut gt_from, mut next_gt) = (usize::MAX, None::<usize>);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let closing = bytes.get(i + 1) == Some(&b'/');
            let name_start = if closing { i + 2 } else { i + 1 };
            let mut j = name_start;
            while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                j += 1;
            }
            if j > name_start && bytes[name_start].is_ascii_alphabetic() {
                let name = html.get(name_start..j).unwrap_or("").to_ascii_lowercase();
                if closing {
                    depth = depth.saturating_sub(1);
                } else if !VOID_TAGS.contains(&name.as_str()) {
                    // The next `>` is searched for again only once `j` has passed it, so a page
                    // of unclosed `<a<a<a…` stays linear.
                    if next_gt.is_some_and(|g| g < j) || gt_from > j {
                        next_gt = None;
                        gt_from = usize::MAX;
                    }
                    if gt_from == usize::MAX {
                        next_gt = bytes[j..].iter().position(|&b| b == b'>').map(|p| j + p);
                        gt_from = j;
                    }
                    let end = next_gt;
                    let self_closing = end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
                    if !self_closing {
                        depth += 1;
                        max = max.max(depth);
                    }
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    max
}

/// Reads a page into lines plus its metadata, and a locator for entry line numbers.
pub(crate) fn to_doc(html: &str) -> (Doc, Locator<'_>) {
    let page = Html::parse_document(html);
    let meta = page_meta(&page);
    let root = content_root(&page);
    let mut w = Walker {
        lines: Vec::new(),
        buffer: String::new(),
        heading: 0,
        pending_item: None,
        boundary: false,
        row: None,
    };
    let mut skip_depth = 0usize;
    let mut lists: Vec<Option<OlState>> = Vec::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    if skip_depth > 0 || is_furniture(el) {
                        skip_depth += 1;
                        continue;
                    }
                    let name = el.name();
                    match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            w.flush(true);
                            w.heading = name[1..].parse().unwrap_or(2);
                        }
                        "ol" => {
                            w.flush(false);
                            let count = node
                                .children()
                                .filter(|c| {
                                    c.value().as_element().is_some_and(|e| e.name() == "li")
                                })
                                .count();
                            let reversed = el.attr("reversed").is_some();
                            let start = el
                                .attr("start")
                                .and_then(|s| s.trim().parse::<i64>().ok())
                                .unwrap_or(if reversed { count as i64 } else { 1 });
                            lists.push(Some(OlState {
                                next: start,
                                step: if reversed { -1 } else { 1 },
                            }));
                        }
                        "ul" => {
                            w.flush(false);
                            lists.push(None);
                        }
                        "li" => {
                            w.flush(false);
                            let marker = match lists.last_mut() {
                                Some(Some(ol)) => {
                                    let n = el
                                        .attr("value")
                                        .and_then(|v| v.trim().parse::<i64>().ok())
                                        .unwrap_or(ol.next);
                                    ol.next = n + ol.step;
                                    Some(n)
                                }
                                _ => None,
                            };
                            w.pending_item = Some(marker.filter(|n| *n > 0));
                        }
                        "br" => w.flush(false),
                        "tr" => {
                            w.flush(true);
                            w.row = Some((Vec::new(), true));
                        }
                        "td" | "th" if w.row.is_some() => w.buffer.clear(),
                        "strong" | "b" => {
                            w.buffer.push_str("**");
                            w.boundary = true;
                        }
                        "em" | "i" | "cite" => {
                            if w.row.is_none() && w.heading == 0 {
                                w.buffer.push('“');
                            }
                            w.boundary = true;
                        }
                        _ if INLINE_TAGS.contains(&name) => w.boundary = true,
                        _ if BLOCK_TAGS.contains(&name) => w.flush(true),
                        _ => {}
                    }
                }
                Node::Text(t) if skip_depth == 0 => w.push_text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let name = el.name();
                    match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            w.flush(true);
                            w.heading = 0;
                        }
                        "ol" | "ul" => {
                            w.flush(true);
                            lists.pop();
                        }
                        "li" => {
                            w.flush(false);
                            w.pending_item = None;
                        }
                        "td" | "th" => w.end_cell(name == "th"),
                        "tr" => w.end_row(),
                        "table" => {
                            w.end_row();
                            w.flush(true);
                        }
                        "strong" | "b" => {
                            w.buffer.push_str("**");
                            w.boundary = true;
                        }
                        "em" | "i" | "cite" => {
                            if w.row.is_none() && w.heading == 0 {
                                if w.buffer.ends_with('“') {
                                    w.buffer.pop();
                                } else {
                                    w.buffer.push('”');
                                }
                            }
                            w.boundary = true;
                        }
                        _ if INLINE_TAGS.contains(&name) => w.boundary = true,
                        _ if BLOCK_TAGS.contains(&name) => w.flush(true),
                        _ => {}
                    }
                }
            }
        }
    }
    w.end_row();
    w.flush(true);
    let doc = Doc {
        lines: w.lines,
        meta,
        flavor: Flavor::Markdown,
    };
    (doc, Locator { src: html })
}

/// The element holding the article: the `<article>` with the most text, else `<main>`, else
/// `<body>`, else the whole document.
fn content_root(page: &Html) -> ElementRef<'_> {
    let pick = |sel: &str| -> Option<ElementRef<'_>> {
        let selector = Selector::parse(sel).ok()?;
        page.select(&selector)
            .filter(|e| !is_furniture(e.value()))
            .max_by_key(|e| e.text().map(str::len).sum::<usize>())
    };
    pick("article")
        .or_else(|| pick("main"))
        .or_else(|| pick("body"))
        .unwrap_or_else(|| page.root_element())
}

fn page_meta(page: &Html) -> Meta {
    let first_attr = |sel: &str, attr: &str| -> Option<String> {
        let selector = Selector::parse(sel).ok()?;
        page.select(&selector)
            .find_map(|e| e.value().attr(attr))
            .map(|v| clean_chars(v).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let first_text = |sel: &str| -> Option<String> {
        let selector = Selector::parse(sel).ok()?;
        page.select(&selector)
            .next()
            .map(|e| {
                let t: String = e.text().collect();
                clean_chars(&t)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|v| !v.is_empty())
    };
    let title = first_attr("meta[property='og:title']", "content")
        .or_else(|| first_text("title"))
        .map(|t| {
            // "Best Scores | The Outlet": the part after the last bar or dash is the site.
            match t.rsplit_once(" | ").or_else(|| t.rsplit_once(" - ")) {
                Some((head, _)) if !head.trim().is_empty() => head.trim().to_string(),
                _ => t,
            }
        });
    Meta {
        title,
        title_is_fallback: true,
        outlet: first_attr("meta[property='og:site_name']", "content")
            .or_else(|| first_attr("meta[name='application-name']", "content")),
        author: first_attr("meta[name='author']", "content")
            .or_else(|| first_attr("meta[property='article:author']", "content")),
        date: first_attr("meta[property='article:published_time']", "content")
            .or_else(|| first_attr("time[datetime]", "datetime")),
        url: first_attr("link[rel='canonical']", "href")
            .or_else(|| first_attr("meta[property='og:url']", "content")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        to_doc(html)
            .0
            .lines
            .into_iter()
            .filter(|l| !l.is_blank())
            .map(|l| {
                format!(
                    "{}{}{}",
                    "#".repeat(l.heading as usize),
                    if l.bullet { "- " } else { "" },
                    l.text
                )
            })
            .collect()
    }

    #[test]
    fn furniture_is_skipped_and_lists_are_numbered() {
        let html = r#"<html><body><nav><ol><li>Home</li></ol></nav>
            <article><h1>Best</h1><div class="ad-slot">Buy!</div>
            <ol reversed><li><strong>Drive</strong> (2011) — synths</li><li>Juno</li></ol>
            <ul><li>Once</li></ul><figure><figcaption>Photo</figcaption></figure>
            <aside>Related</aside></article><footer>© 2025</footer></body></html>"#;
        assert_eq!(
            texts(html),
            ["#Best", "2. **Drive** (2011) — synths", "1. Juno", "- Once"]
        );
    }

    #[test]
    fn ol_start_and_value_attributes() {
        let html = "<ol start='10' reversed><li>A</li><li value='7'>B</li><li>C</li></ol>";
        assert_eq!(texts(html), ["10. A", "7. B", "6. C"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // html5ever's tree builder is quadratic in nesting depth, so the depth stays modest here;
        // the walk itself is iterative and would take any depth.
        let html = "<div>".repeat(3_000) + "1. A<br>2. B" + &"</div>".repeat(3_000);
        let (doc, _) = to_doc(&html);
        assert!(doc.lines.iter().any(|l| l.text == "2. B"));
    }

    #[test]
    fn nesting_depth_is_estimated() {
        assert_eq!(nesting_depth("<div><p>a<br>b<img src=x/></p><hr></div>"), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth("a < b, c <3 </"), 0);
        assert_eq!(nesting_depth("<a<b>"), 2);
    }

    #[test]
    fn start_tags_are_counted() {
        assert_eq!(start_tags("<p>a < b</p><br/><i>x</i>"), 3);
        assert_eq!(start_tags(&"<i>a</i>".repeat(1000)), 1000);
    }

    #[test]
    fn nesting_depth_of_unclosed_tags_is_linear() {
        // 200,000 unclosed `<a` with no `>`: each must not rescan the rest of the page.
        let page = "<a".repeat(200_000);
        assert_eq!(nesting_depth(&page), 200_000);
        let page = "<a</a".repeat(200_000);
        assert_eq!(nesting_depth(&page), 1);
    }

    #[test]
    fn meta_fallbacks() {
        let html = "<html><head><title>Top 5 | Site</title><meta property='og:site_name' content='Site'></head><body></body></html>";
        let (doc, _) = to_doc(html);
        assert_eq!(doc.meta.title.as_deref(), Some("Top 5"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("Site"));
    }
}
