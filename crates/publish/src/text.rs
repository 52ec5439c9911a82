//! Reports as tables of text: lines before, a header, rows, lines after. The terminal draws them
//! with borders, Markdown as pipe tables; the cells are the same.

use crate::{rank_text, score_text};
use needledrop_app::{ExplainReport, MethodComparison, WhyReport};
use needledrop_rank::{Contribution, Placement};

/// A table with the sentences around it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextTable {
    /// Lines printed before the table.
    pub before: Vec<String>,
    /// The column names.
    pub header: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
    /// Lines printed after the table.
    pub after: Vec<String>,
}

impl TextTable {
    /// The header as string slices, for table drawers.
    pub fn header_refs(&self) -> Vec<&str> {
        self.header.iter().map(String::as_str).collect()
    }
}

fn list_name(label: &str, titles: &std::collections::HashMap<String, String>) -> String {
    match titles.get(label) {
        Some(title) => format!("{label} ({title})"),
        None => label.to_string(),
    }
}

/// One item explained: its row in a sentence, then one line per list.
pub fn explanation(report: &ExplainReport) -> TextTable {
    let mut t = TextTable {
        header: ["list", "weight", "placement", "contribution"]
            .map(String::from)
            .to_vec(),
        ..TextTable::default()
    };
    if let Some(r) = &report.row {
        t.before.push(format!(
            "{} is #{}{} by {} with score {} ({} lists rank it, {} mention it).",
            r.label,
            r.rank,
            if r.tied { " (tied)" } else { "" },
            report.method,
            score_text(r.score),
            r.lists_ranking,
            r.lists_mentioning
        ));
    }
    for l in &report.explanation.lists {
        let placement = match l.placement {
            Placement::Ranked(r) => format!("ranked {r}"),
            Placement::Mentioned => "mentioned".into(),
            Placement::Unlisted => "not listed".into(),
        };
        let contribution = match &l.contribution {
            Contribution::None => String::new(),
            Contribution::Points { points } => format!("{} points", score_text(*points)),
            Contribution::Rank { rank } => format!("rank {}", score_text(*rank)),
            Contribution::Pairwise { wins, losses } => format!(
                "beats {}, loses to {}",
                score_text(*wins),
                score_text(*losses)
            ),
        };
        t.rows.push(vec![
            list_name(&l.list, &report.list_titles),
            score_text(l.weight),
            placement,
            contribution,
        ]);
    }
    if !report.explanation.rule.is_empty() {
        t.after.push(report.explanation.rule.clone());
    }
    t
}

fn placement_text(p: Placement) -> String {
    match p {
        Placement::Ranked(r) => format!("#{r}"),
        Placement::Mentioned => "mentioned".into(),
        Placement::Unlisted => "-".into(),
    }
}

/// Why one item stands above another: a sentence, then the lists that place either.
pub fn why(report: &WhyReport) -> TextTable {
    let mut t = TextTable {
        header: ["list", "weight", "A", "B", "to A", "to B", "favours"]
            .map(String::from)
            .to_vec(),
        ..TextTable::default()
    };
    let (Some(a), Some(b)) = (&report.a, &report.b) else {
        return t;
    };
    t.before.push(format!(
        "By {}, {} is #{} ({}) and {} is #{} ({}). {} weighted lists put {} higher, {} put {} higher.",
        report.method,
        a.label,
        a.rank,
        score_text(a.score),
        b.label,
        b.rank,
        score_text(b.score),
        score_text(report.lists_for_a),
        a.label,
        score_text(report.lists_for_b),
        b.label
    ));
    if a.rank == b.rank {
        t.before.push("They are tied.".into());
    }
    t.before.push(format!("A = {}, B = {}", a.label, b.label));
    let value = |v: Option<f64>| v.map(score_text).unwrap_or_default();
    for l in &report.lists {
        t.rows.push(vec![
            list_name(&l.list, &report.list_titles),
            score_text(l.weight),
            placement_text(l.a),
            placement_text(l.b),
            value(l.a_contribution),
            value(l.b_contribution),
            match l.prefers {
                1 => "A".to_string(),
                -1 => "B".to_string(),
                _ => String::new(),
            },
        ]);
    }
    t
}

/// Every method's top side by side, and the distances between methods.
pub fn method_comparison(c: &MethodComparison, top: usize) -> (TextTable, TextTable) {
    let longest = c.top.iter().map(Vec::len).max().unwrap_or(0).min(top);
    let mut tops = TextTable {
        before: vec![format!("Top {top} under every method (3= marks a tie):")],
        header: std::iter::once("method".to_string())
            .chain((1..=longest).map(|i| i.to_string()))
            .collect(),
        ..TextTable::default()
    };
    for (m, rows) in c.methods.iter().zip(&c.top) {
        let mut row = vec![m.clone()];
        row.extend(
            rows.iter()
                .map(|(r, tied, l)| format!("{} {l}", rank_text(*r, *tied))),
        );
        tops.rows.push(row);
    }
    tops.after = c.skipped.iter().map(|s| format!("skipped {s}")).collect();
    let mut distances = TextTable {
        before: vec![
            "Share of item pairs two methods order oppositely (normalised Kendall distance):"
                .into(),
        ],
        header: std::iter::once("Kendall distance".to_string())
            .chain(c.methods.iter().cloned())
            .collect(),
        ..TextTable::default()
    };
    for (m, row) in c.methods.iter().zip(&c.kendall_distance) {
        let mut cells = vec![m.clone()];
        cells.extend(row.iter().map(|d| format!("{d:.3}")));
        distances.rows.push(cells);
    }
    (tops, distances)
}
