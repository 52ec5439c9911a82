//! A small document model (blocks and inline spans) rendered to plain text, Markdown or HTML.
//!
//! Families and chrome build [`Block`]s once; [`render`] turns them into the bytes of one format,
//! so one layout family yields articles in all three formats with the same structure.

use serde::Serialize;

/// The article format a generated document is rendered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    /// Plain text (`.txt`).
    Text,
    /// Markdown (`.md`).
    Markdown,
    /// An HTML page (`.html`).
    Html,
}

impl DocFormat {
    /// All formats.
    pub const ALL: [DocFormat; 3] = [DocFormat::Text, DocFormat::Markdown, DocFormat::Html];

    /// The file extension, without a dot.
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Text => "txt",
            DocFormat::Markdown => "md",
            DocFormat::Html => "html",
        }
    }

    /// The extractor's format for this document format.
    pub fn extract_format(self) -> needledrop_extract::Format {
        match self {
            DocFormat::Text => needledrop_extract::Format::Text,
            DocFormat::Markdown => needledrop_extract::Format::Markdown,
            DocFormat::Html => needledrop_extract::Format::Html,
        }
    }

    /// The short name (`text`, `markdown`, `html`).
    pub fn name(self) -> &'static str {
        match self {
            DocFormat::Text => "text",
            DocFormat::Markdown => "markdown",
            DocFormat::Html => "html",
        }
    }
}

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Emphasised text (`<em>`, `*x*`).
    Em(String),
    /// Strong text (`<strong>`, `**x**`).
    Strong(String),
    /// A link with its text (the target is a placeholder).
    Link(String),
}

/// A run of inline spans.
pub type Inline = Vec<Span>;

/// Plain text as an inline run.
pub fn t(s: impl Into<String>) -> Inline {
    vec![Span::Text(s.into())]
}

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1–6.
    Heading(u8, Inline),
    /// A paragraph.
    Para(Inline),
    /// Lines kept together (`<br>` in HTML, one line each in text and Markdown).
    Lines(Vec<Inline>),
    /// A bulleted list.
    Bullets(Vec<Inline>),
    /// An ordered list. `start` is the first number; `reversed` counts down. In HTML the numbers
    /// are not printed (the browser adds them); in text and Markdown they are.
    Ordered {
        /// The first number.
        start: u32,
        /// Counting down from `start`.
        reversed: bool,
        /// The items.
        items: Vec<Inline>,
    },
    /// A table with a header row.
    Table {
        /// Header cells.
        header: Vec<String>,
        /// Body rows.
        rows: Vec<Vec<String>>,
    },
    /// A wrapper: `<div class=…>` (or `<aside>`, `<nav>`, `<footer>`, … when the class names
    /// one of those tags); transparent in text and Markdown.
    Div(String, Vec<Block>),
    /// A horizontal rule / post separator.
    Rule,
    /// An image with a caption (`<figure>` in HTML, `![alt](…)` then the caption elsewhere).
    Figure(String),
    /// Markup that only exists in HTML (scripts, styles, data blobs); absent from text and
    /// Markdown.
    RawHtml(String),
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn inline_html(spans: &Inline) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Text(x) => out.push_str(&esc(x)),
            Span::Em(x) => out.push_str(&format!("<em>{}</em>", esc(x))),
            Span::Strong(x) => out.push_str(&format!("<strong>{}</strong>", esc(x))),
            Span::Link(x) => out.push_str(&format!("<a href=\"#\">{}</a>", esc(x))),
        }
    }
    out
}

fn inline_md(spans: &Inline) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Text(x) => out.push_str(x),
            Span::Em(x) => out.push_str(&format!("*{x}*")),
            Span::Strong(x) => out.push_str(&format!("**{x}**")),
            Span::Link(x) => out.push_str(&format!("[{x}](#)")),
        }
    }
    out
}

/// The text of an inline run without markup.
pub fn inline_text(spans: &Inline) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Text(x) | Span::Em(x) | Span::Strong(x) | Span::Link(x) => out.push_str(x),
        }
    }
    out
}

/// Renders a page: a document title (used by HTML's `<title>`) and its blocks.
pub fn render(format: DocFormat, page_title: &str, lang: &str, blocks: &[Block]) -> String {
    match format {
        DocFormat::Html => {
            let mut body = String::new();
            for b in blocks {
                html_block(b, &mut body, 1);
            }
            format!(
                "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{body}</body>\n</html>\n",
                esc(page_title)
            )
        }
        DocFormat::Markdown => {
            let mut parts = Vec::new();
            for b in blocks {
                md_block(b, &mut parts);
            }
            parts.join("\n\n") + "\n"
        }
        DocFormat::Text => {
            let mut parts = Vec::new();
            for b in blocks {
                text_block(b, &mut parts);
            }
            parts.join("\n\n") + "\n"
        }
    }
}

fn html_block(b: &Block, out: &mut String, depth: usize) {
    let pad = "  ".repeat(depth.saturating_sub(1));
    match b {
        Block::Heading(l, x) => out.push_str(&format!("{pad}<h{l}>{}</h{l}>\n", inline_html(x))),
        Block::Para(x) => out.push_str(&format!("{pad}<p>{}</p>\n", inline_html(x))),
        Block::Lines(ls) => {
            let joined: Vec<String> = ls.iter().map(inline_html).collect();
            out.push_str(&format!("{pad}<p>{}</p>\n", joined.join("<br>\n")));
        }
        Block::Bullets(items) => {
            out.push_str(&format!("{pad}<ul>\n"));
            for i in items {
                out.push_str(&format!("{pad}  <li>{}</li>\n", inline_html(i)));
            }
            out.push_str(&format!("{pad}</ul>\n"));
        }
        Block::Ordered {
            start,
            reversed,
            items,
        } => {
            let mut attrs = String::new();
            if *start != 1 {
                attrs.push_str(&format!(" start=\"{start}\""));
            }
            if *reversed {
                attrs.push_str(" reversed");
            }
            out.push_str(&format!("{pad}<ol{attrs}>\n"));
            for i in items {
                out.push_str(&format!("{pad}  <li>{}</li>\n", inline_html(i)));
            }
            out.push_str(&format!("{pad}</ol>\n"));
        }
        Block::Table { header, rows } => {
            out.push_str(&format!("{pad}<table>\n{pad}  <thead><tr>"));
            for h in header {
                out.push_str(&format!("<th>{}</th>", esc(h)));
            }
            out.push_str(&format!("</tr></thead>\n{pad}  <tbody>\n"));
            for r in rows {
                out.push_str(&format!("{pad}    <tr>"));
                for c in r {
                    out.push_str(&format!("<td>{}</td>", esc(c)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str(&format!("{pad}  </tbody>\n{pad}</table>\n"));
        }
        Block::Div(class, inner) => {
            let tag = match class.as_str() {
                "nav" | "aside" | "footer" | "header" | "article" | "section" | "main" => {
                    class.as_str()
                }
                _ => "div",
            };
            if tag == "div" {
                out.push_str(&format!("{pad}<div class=\"{}\">\n", esc(class)));
            } else {
                out.push_str(&format!("{pad}<{tag}>\n"));
            }
            for b in inner {
                html_block(b, out, depth + 1);
            }
            out.push_str(&format!("{pad}</{tag}>\n"));
        }
        Block::Rule => out.push_str(&format!("{pad}<hr>\n")),
        Block::Figure(cap) => out.push_str(&format!(
            "{pad}<figure><img src=\"img.jpg\" alt=\"\"><figcaption>{}</figcaption></figure>\n",
            esc(cap)
        )),
        Block::RawHtml(x) => {
            out.push_str(&pad);
            out.push_str(x);
            out.push('\n');
        }
    }
}

fn md_block(b: &Block, out: &mut Vec<String>) {
    match b {
        Block::Heading(l, x) => out.push(format!("{} {}", "#".repeat(*l as usize), inline_md(x))),
        Block::Para(x) => out.push(inline_md(x)),
        Block::Lines(ls) => {
            let joined: Vec<String> = ls.iter().map(inline_md).collect();
            out.push(joined.join("  \n"));
        }
        Block::Bullets(items) => out.push(
            items
                .iter()
                .map(|i| format!("- {}", inline_md(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Block::Ordered {
            start,
            reversed,
            items,
        } => out.push(
            items
                .iter()
                .enumerate()
                .map(|(k, i)| format!("{}. {}", number_at(*start, *reversed, k), inline_md(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Block::Table { header, rows } => {
            let mut s = format!("| {} |\n", header.join(" | "));
            s.push_str(&format!(
                "|{}\n",
                header.iter().map(|_| "---|").collect::<String>()
            ));
            for r in rows {
                s.push_str(&format!("| {} |\n", r.join(" | ")));
            }
            out.push(s.trim_end().to_string());
        }
        Block::Div(_, inner) => {
            for b in inner {
                md_block(b, out);
            }
        }
        Block::Rule => out.push("---".to_string()),
        Block::Figure(cap) => {
            out.push("![](img.jpg)".to_string());
            out.push(cap.clone());
        }
        Block::RawHtml(_) => {}
    }
}

fn number_at(start: u32, reversed: bool, k: usize) -> u32 {
    if reversed {
        start.saturating_sub(k as u32)
    } else {
        start + k as u32
    }
}

fn text_block(b: &Block, out: &mut Vec<String>) {
    match b {
        Block::Heading(_, x) | Block::Para(x) => out.push(inline_text(x)),
        Block::Lines(ls) => out.push(ls.iter().map(inline_text).collect::<Vec<_>>().join("\n")),
        Block::Bullets(items) => out.push(
            items
                .iter()
                .map(|i| format!("* {}", inline_text(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Block::Ordered {
            start,
            reversed,
            items,
        } => out.push(
            items
                .iter()
                .enumerate()
                .map(|(k, i)| format!("{}. {}", number_at(*start, *reversed, k), inline_text(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        Block::Table { header, rows } => {
            let mut s = header.join("\t");
            for r in rows {
                s.push('\n');
                s.push_str(&r.join("\t"));
            }
            out.push(s);
        }
        Block::Div(_, inner) => {
            for b in inner {
                text_block(b, out);
            }
        }
        Block::Rule => out.push("----------".to_string()),
        Block::Figure(cap) => out.push(cap.clone()),
        Block::RawHtml(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_numbers_print_in_text_but_not_html() {
        let b = vec![Block::Ordered {
            start: 3,
            reversed: true,
            items: vec![t("A"), t("B")],
        }];
        assert_eq!(render(DocFormat::Text, "x", "en", &b), "3. A\n2. B\n");
        let h = render(DocFormat::Html, "x", "en", &b);
        assert!(h.contains("<ol start=\"3\" reversed>"));
        assert!(!h.contains("3."));
    }
}
