//! Charts as SVG, drawn with `plotters`' SVG backend (text is escaped by the backend, so titles
//! from documents cannot inject markup).

use needledrop_app::ConsensusReport;
use plotters::prelude::*;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SvgError {
    /// The report has no bootstrap rank intervals to plot.
    #[error("the chart has no rank intervals; ask for a bootstrap")]
    NoIntervals,
    /// The drawing backend failed.
    #[error("drawing the chart failed: {0}")]
    Drawing(String),
}

fn drawing<E: std::fmt::Display>(e: E) -> SvgError {
    SvgError::Drawing(e.to_string())
}

/// The longest label drawn, in characters (longer titles are shortened with an ellipsis).
const LABEL_CHARS: usize = 40;

fn label(title: &str, year: Option<i32>) -> String {
    let full = match year {
        Some(y) => format!("{title} ({y})"),
        None => title.to_string(),
    };
    if full.chars().count() <= LABEL_CHARS {
        full
    } else {
        let mut s: String = full.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

/// The first `top` rows of a bootstrapped consensus as a rank-interval plot: one line per film
/// from the low to the high end of its bootstrap interval, a dot at its consensus rank, best
/// film at the top.
pub fn rank_intervals(c: &ConsensusReport, top: usize) -> Result<String, SvgError> {
    let rows: Vec<_> = c
        .rows
        .iter()
        .take(top)
        .filter_map(|r| r.rank_interval.map(|i| (r, i)))
        .collect();
    if rows.is_empty() || c.bootstrap.is_none() {
        return Err(SvgError::NoIntervals);
    }
    let n = rows.len() as i32;
    let max_rank = rows
        .iter()
        .map(|(r, [_, high])| (*high).max(r.rank))
        .max()
        .unwrap_or(1);
    let labels: Vec<String> = rows.iter().map(|(r, _)| label(&r.title, r.year)).collect();
    let height = 80 + 24 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (900, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Consensus rank with 90% bootstrap interval ({})", c.method),
                ("sans-serif", 16),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(300)
            .build_cartesian_2d(0.5f64..(max_rank as f64 + 0.5), -0.5f64..(n as f64 - 0.5))
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n as usize)
            .y_label_formatter(&|y: &f64| {
                let i = y.round();
                if (y - i).abs() > 0.01 || i < 0.0 || i >= n as f64 {
                    return String::new();
                }
                // Row 0 is drawn at the top.
                labels
                    .get((n - 1 - i as i32) as usize)
                    .cloned()
                    .unwrap_or_default()
            })
            .x_label_formatter(&|x: &f64| format!("{x:.0}"))
            .x_desc("rank")
            .draw()
            .map_err(drawing)?;
        let y_of = |i: usize| (n - 1 - i as i32) as f64;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, [low, high]))| {
                PathElement::new(
                    vec![(*low as f64, y_of(i)), (*high as f64, y_of(i))],
                    BLUE.stroke_width(3),
                )
            }))
            .map_err(drawing)?;
        chart
            .draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(i, (r, _))| Circle::new((r.rank as f64, y_of(i)), 4, BLACK.filled())),
            )
            .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use needledrop_app::{BootstrapInfo, ReportRow, Weighting};

    fn row(rank: u32, title: &str, interval: Option<[u32; 2]>) -> ReportRow {
        ReportRow {
            rank,
            tied: false,
            item: title.into(),
            film_id: None,
            imdb_id: None,
            title: title.into(),
            year: Some(2000),
            directors: vec![],
            score: 1.0,
            lists_ranking: 1,
            lists_mentioning: 0,
            sources: 1,
            weighted_sources: 1.0,
            best_rank: Some(1),
            median_rank: Some(1.0),
            first_places: 0,
            rank_interval: interval,
            prob_top_n: interval.map(|_| 0.5),
            lists: vec![],
            songs: vec![],
            artist: None,
            films: vec![],
        }
    }

    fn report(rows: Vec<ReportRow>, bootstrap: bool) -> ConsensusReport {
        ConsensusReport {
            method: "borda".into(),
            parameters: vec![],
            weighting: Weighting::PerList,
            eligibility: None,
            list_count: 3,
            bootstrap: bootstrap.then_some(BootstrapInfo {
                replicates: 100,
                skipped: 0,
                seed: 0,
                top_n: 10,
                level: 0.9,
            }),
            rows,
            warnings: vec![],
            aggregate_seconds: 0.0,
        }
    }

    #[test]
    fn an_interval_plot_is_svg_with_escaped_titles() {
        let c = report(
            vec![
                row(1, "<script>alert(1)</script>", Some([1, 2])),
                row(2, "Drive", Some([1, 3])),
            ],
            true,
        );
        let svg = rank_intervals(&c, 10).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("Drive (2000)"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
    }

    #[test]
    fn without_a_bootstrap_there_is_nothing_to_plot() {
        let c = report(vec![row(1, "Drive", None)], false);
        assert!(matches!(rank_intervals(&c, 10), Err(SvgError::NoIntervals)));
    }
}
