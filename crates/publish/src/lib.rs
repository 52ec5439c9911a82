//! Renders needledrop's reports for people and programs: JSON, CSV and Markdown.
//!
//! The application layer computes reports (a consensus, a comparison, the songs); this crate
//! only turns them into text. Every renderer writes to any [`std::io::Write`], so the CLI prints
//! to stdout and the web server answers with the same bytes. Text that came from a document is
//! made safe for where it goes: CSV cells cannot start a spreadsheet formula, Markdown cells
//! cannot break the table or carry HTML.
//!
//! ```
//! use needledrop_publish::{markdown_table, score_text};
//!
//! let mut out = Vec::new();
//! markdown_table(&mut out, &["rank", "film"], &[vec!["1".into(), "Drive | 2011".into()]]).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains("Drive \\| 2011"));
//! assert_eq!(score_text(2889.5), "2889.5");
//! ```
#![deny(missing_docs)]

pub mod article;
pub mod export;
pub mod svg;
pub mod text;

use needledrop_app::ConsensusReport;
use serde::Serialize;
use std::io::Write;

/// Why rendering failed: the output could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PublishError {
    /// Writing failed (a closed pipe, a full disk).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A report could not be serialized.
    #[error("cannot serialize the report: {0}")]
    Json(#[from] serde_json::Error),
    /// A CSV writer failed.
    #[error(transparent)]
    Csv(#[from] csv::Error),
}

/// A result of rendering.
pub type Result<T> = std::result::Result<T, PublishError>;

/// Writes any report as pretty JSON and a newline.
pub fn json(out: &mut impl Write, report: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)?;
    Ok(())
}

/// A score as people read it: whole numbers without decimals, others with at most four,
/// trailing zeros dropped (2889.5, not 2889.5000); tiny ones (p-values) in scientific notation
/// rather than as a misleading 0.
pub fn score_text(score: f64) -> String {
    if score.fract() == 0.0 && score.abs() < 1e15 {
        format!("{score:.0}")
    } else if score.abs() < 5e-5 {
        format!("{score:.2e}")
    } else {
        let text = format!("{score:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A rank as printed: `3`, or `3=` when tied.
pub fn rank_text(rank: u32, tied: bool) -> String {
    if tied {
        format!("{rank}=")
    } else {
        rank.to_string()
    }
}

/// A text cell made safe for a spreadsheet: a cell starting with `=`, `+`, `-`, `@` (or a tab
/// or carriage return) would be read as a formula, so it gets a leading apostrophe.
pub fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A Markdown table cell: pipes escaped, line breaks folded into spaces, HTML made inert.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            // Markdown's own punctuation is escaped too, so a title cannot become a link
            // (`[x](javascript:…)`), code or emphasis.
            '|' | '\\' | '[' | ']' | '`' | '*' | '_' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a Markdown table.
pub fn markdown_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let line = |cells: &mut dyn Iterator<Item = String>| {
        format!("| {} |", cells.collect::<Vec<_>>().join(" | "))
    };
    writeln!(out, "{}", line(&mut header.iter().map(|h| md_cell(h))))?;
    writeln!(
        out,
        "|{}",
        header.iter().map(|_| " --- |").collect::<String>()
    )?;
    for row in rows {
        writeln!(out, "{}", line(&mut row.iter().map(|c| md_cell(c))))?;
    }
    Ok(())
}

/// Writes CSV rows (the first is the header) as given: pass text that came from documents
/// through [`csv_text`] first.
pub fn csv_rows(out: &mut impl Write, rows: &[Vec<String>]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for row in rows {
        w.write_record(row)?;
    }
    w.flush()?;
    Ok(())
}

/// The header and cells of a consensus as a table (the terminal, Markdown): the first `top` rows.
pub fn consensus_cells(c: &ConsensusReport, top: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = [
        "rank", "item", "score", "sources", "weighted", "mentions", "best", "median", "#1",
    ]
    .map(String::from)
    .to_vec();
    if let Some(b) = &c.bootstrap {
        header.push("90% interval".into());
        header.push(format!("P(top {})", b.top_n));
    }
    let rows = c
        .rows
        .iter()
        .take(top)
        .map(|r| {
            let mut cells = vec![
                rank_text(r.rank, r.tied),
                r.item.clone(),
                score_text(r.score),
                r.sources.to_string(),
                format!("{:.2}", r.weighted_sources),
                r.lists_mentioning.to_string(),
                r.best_rank.map_or("-".into(), |b| b.to_string()),
                r.median_rank.map_or("-".into(), |m| m.to_string()),
                r.first_places.to_string(),
            ];
            if let (Some([low, high]), Some(p)) = (r.rank_interval, r.prob_top_n) {
                cells.push(format!("{low}–{high}"));
                cells.push(format!("{p:.2}"));
            }
            cells
        })
        .collect();
    (header, rows)
}

/// A consensus's title line: the method, its parameters, the lists and the weighting.
pub fn consensus_title(c: &ConsensusReport) -> String {
    let params: Vec<String> = c
        .parameters
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!(
        "Consensus by {} ({}) of {} {}; {}",
        c.method,
        params.join(", "),
        c.list_count,
        if c.list_count == 1 { "list" } else { "lists" },
        c.weighting.describe()
    )
}

/// The bootstrap's closing line, if one ran.
pub fn bootstrap_line(c: &ConsensusReport) -> Option<String> {
    c.bootstrap.as_ref().map(|b| {
        format!(
            "Bootstrap: {} replicates over lists (seed {}){}.",
            b.replicates,
            b.seed,
            if b.skipped > 0 {
                format!(", {} skipped", b.skipped)
            } else {
                String::new()
            }
        )
    })
}

/// What eligibility rules did, in lines of text: the rules, then every film excluded and why.
pub fn eligibility_text(e: &needledrop_app::EligibilityReport) -> String {
    let mut s = String::new();
    let name = e.name.as_deref().unwrap_or("Eligibility rules");
    s.push_str(&format!("{name}:\n"));
    for r in &e.rules {
        s.push_str(&format!("  - {r}\n"));
    }
    if e.lists_left_out > 0 {
        s.push_str(&format!(
            "  {} lists left out by outlet\n",
            e.lists_left_out
        ));
    }
    if e.excluded.is_empty() {
        s.push_str("  nothing was excluded\n");
    }
    for x in &e.excluded {
        let year = x.year.map(|y| format!(" ({y})")).unwrap_or_default();
        s.push_str(&format!("  excluded {}{year}: {}\n", x.title, x.reason));
    }
    s
}

/// A consensus as Markdown: a bold title line and the table.
pub fn consensus_markdown(out: &mut impl Write, c: &ConsensusReport, top: usize) -> Result<()> {
    writeln!(out, "**{}**\n", md_cell(&consensus_title(c)))?;
    let (header, rows) = consensus_cells(c, top);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    markdown_table(out, &header, &rows)?;
    if let Some(line) = bootstrap_line(c) {
        writeln!(out, "{line}")?;
    }
    if let Some(e) = &c.eligibility {
        writeln!(out)?;
        for line in eligibility_text(e).lines() {
            writeln!(out, "{}", md_cell(line))?;
        }
    }
    Ok(())
}

/// A consensus as CSV: `rank,item,score,…` with the film's id, IMDb id, title and year, and
/// the bootstrap's columns when one ran.
pub fn consensus_csv(out: &mut impl Write, c: &ConsensusReport, top: usize) -> Result<()> {
    let mut header: Vec<String> = [
        "rank",
        "item",
        "score",
        "tied",
        "lists_ranking",
        "lists_mentioning",
        "best_rank",
        "median_rank",
        "first_places",
        "film_id",
        "imdb_id",
        "title",
        "year",
        "sources",
        "weighted_sources",
    ]
    .map(String::from)
    .to_vec();
    if c.bootstrap.is_some() {
        header.extend(["rank_low", "rank_high", "prob_top_n"].map(String::from));
    }
    // Streamed field by field through one buffer: a consensus can have 20,000 rows, and a
    // `String` per cell cost more than the ranking of the smaller methods.
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&header)?;
    let mut cell = String::new();
    for r in c.rows.iter().take(top) {
        let mut field = |value: std::fmt::Arguments<'_>| -> Result<()> {
            cell.clear();
            std::fmt::Write::write_fmt(&mut cell, value).map_err(std::io::Error::other)?;
            w.write_field(&cell)?;
            Ok(())
        };
        field(format_args!("{}", r.rank))?;
        field(format_args!("{}", csv_text(&r.item)))?;
        field(format_args!("{}", r.score))?;
        field(format_args!("{}", r.tied))?;
        field(format_args!("{}", r.lists_ranking))?;
        field(format_args!("{}", r.lists_mentioning))?;
        field(format_args!("{}", Shown(r.best_rank)))?;
        field(format_args!("{}", Shown(r.median_rank)))?;
        field(format_args!("{}", r.first_places))?;
        field(format_args!("{}", Shown(r.film_id)))?;
        field(format_args!("{}", Shown(r.imdb_id.as_deref())))?;
        field(format_args!("{}", csv_text(&r.title)))?;
        field(format_args!("{}", Shown(r.year)))?;
        field(format_args!("{}", r.sources))?;
        field(format_args!("{}", r.weighted_sources))?;
        if let (Some([low, high]), Some(p)) = (r.rank_interval, r.prob_top_n) {
            field(format_args!("{low}"))?;
            field(format_args!("{high}"))?;
            field(format_args!("{p}"))?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    w.flush()?;
    Ok(())
}

/// An optional value as a CSV cell: empty when absent.
struct Shown<T>(Option<T>);

impl<T: std::fmt::Display> std::fmt::Display for Shown<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some(v) => v.fmt(f),
            None => Ok(()),
        }
    }
}

/// A consensus as JSON: the report with its first `top` rows.
pub fn consensus_json(out: &mut impl Write, c: &ConsensusReport, top: usize) -> Result<()> {
    if top >= c.rows.len() {
        return json(out, c);
    }
    let mut shown = c.clone();
    shown.rows.truncate(top);
    json(out, &shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("Drive"), "Drive");
    }

    #[test]
    fn markdown_cells_cannot_break_the_table_or_carry_html() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
        assert_eq!(md_cell("<script>"), "&lt;script&gt;");
        assert_eq!(
            md_cell("[x](javascript:alert(1)) *b* `c`"),
            "\\[x\\](javascript:alert(1)) \\*b\\* \\`c\\`"
        );
    }

    #[test]
    fn scores_print_without_trailing_zeros() {
        assert_eq!(score_text(10.0), "10");
        assert_eq!(score_text(2.5), "2.5");
        assert_eq!(score_text(1.0 / 3.0), "0.3333");
        assert_eq!(score_text(1.5e-12), "1.50e-12");
    }
}
