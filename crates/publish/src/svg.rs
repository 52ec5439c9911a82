//! Charts as SVG, drawn with `plotters`' SVG backend (text is escaped by the backend, so titles
//! from documents cannot inject markup): the chart's rank intervals, the agreement between lists,
//! one film's ranks across the lists, and the top of every method side by side.

use needledrop_app::{AgreementReport, ConsensusReport, FilmReport, MethodComparison};
use plotters::prelude::*;
use std::collections::HashMap;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SvgError {
    /// The report has no bootstrap rank intervals to plot.
    #[error("the chart has no rank intervals; ask for a bootstrap")]
    NoIntervals,
    /// There is nothing to draw (no list, no ranked citation, no method).
    #[error("there is nothing to chart: {0}")]
    Empty(&'static str),
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
    shorten(&full, LABEL_CHARS)
}

/// `text` cut to `chars` characters, with an ellipsis when cut.
fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(chars - 1).collect();
        s.push('…');
        s
    }
}

/// The label of row `i` of `n` on an axis whose row 0 is drawn at the top, or nothing between
/// rows (the axis asks for labels at fractional positions too).
fn row_label(labels: &[String], y: f64) -> String {
    let n = labels.len() as f64;
    let i = y.round();
    if (y - i).abs() > 0.01 || i < 0.0 || i >= n {
        return String::new();
    }
    labels
        .get((n - 1.0 - i) as usize)
        .cloned()
        .unwrap_or_default()
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
            .label_style(("sans-serif", 12))
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

/// The colour of an agreement in −1..1: blue for agreement, red for disagreement, white for
/// none; grey where it is undefined.
fn agreement_colour(value: Option<f64>) -> RGBColor {
    match value {
        None => RGBColor(220, 220, 220),
        Some(v) if v >= 0.0 => {
            let v = v.min(1.0);
            RGBColor(
                (255.0 - 215.0 * v) as u8,
                (255.0 - 140.0 * v) as u8,
                (255.0 - 20.0 * v) as u8,
            )
        }
        Some(v) => {
            let v = (-v).min(1.0);
            RGBColor(
                (255.0 - 20.0 * v) as u8,
                (255.0 - 190.0 * v) as u8,
                (255.0 - 190.0 * v) as u8,
            )
        }
    }
}

/// The agreement between every pair of lists as a heatmap: one square per pair, blue where two
/// lists agree (Kendall tau-b near 1), red where they disagree, grey where it is undefined. The
/// lists are numbered along the bottom and named down the side.
pub fn agreement_heatmap(report: &AgreementReport) -> Result<String, SvgError> {
    let m = &report.matrix;
    let n = m.lists.len();
    if n == 0 {
        return Err(SvgError::Empty("no lists"));
    }
    let names: Vec<String> = m
        .lists
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let title = report.list_titles.get(l).map_or(l.as_str(), |t| t.as_str());
            format!("{}. {}", i + 1, shorten(title, LABEL_CHARS - 5))
        })
        .collect();
    let numbers: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    let side = (22 * n as u32).max(200);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (side + 330, side + 90)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let extent = n as f64 - 0.5;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("Agreement between lists ({:?})", m.metric),
                ("sans-serif", 16),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(300)
            .build_cartesian_2d(-0.5f64..extent, -0.5f64..extent)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", 12))
            .disable_mesh()
            .x_labels(n)
            .y_labels(n)
            .x_label_formatter(&|x: &f64| {
                // Columns count from the left: column 0 is list 1.
                row_label(&numbers, n as f64 - 1.0 - x)
            })
            .y_label_formatter(&|y: &f64| row_label(&names, *y))
            .draw()
            .map_err(drawing)?;
        let top = n as f64 - 1.0;
        chart
            .draw_series(m.values.iter().enumerate().flat_map(|(i, row)| {
                row.iter().enumerate().map(move |(j, v)| {
                    let (x, y) = (j as f64, top - i as f64);
                    Rectangle::new(
                        [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                        agreement_colour(*v).filled(),
                    )
                })
            }))
            .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// A film's printed rank in every list that ranks it, one dot per list, best rank on the left.
/// Lists that only mention it have no rank to draw.
pub fn film_ranks(film: &FilmReport) -> Result<String, SvgError> {
    let ranked: Vec<(String, u32)> = film
        .citations
        .iter()
        .filter_map(|c| {
            let name = match (&c.list_title, &c.outlet) {
                (Some(t), _) => t.clone(),
                (None, Some(o)) => o.clone(),
                (None, None) => format!("list {}", c.list),
            };
            c.rank.map(|r| (shorten(&name, LABEL_CHARS), r))
        })
        .collect();
    if ranked.is_empty() {
        return Err(SvgError::Empty("no list ranks this film"));
    }
    let n = ranked.len();
    let names: Vec<String> = ranked.iter().map(|(name, _)| name.clone()).collect();
    let max_rank = ranked.iter().map(|(_, r)| *r).max().unwrap_or(1).max(10);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (800, 80 + 26 * n as u32)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let year = film.film.film.year.map(|y| y.get());
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!(
                    "{}: printed rank in each list",
                    label(&film.film.film.title, year)
                ),
                ("sans-serif", 16),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(300)
            .build_cartesian_2d(0.5f64..(max_rank as f64 + 0.5), -0.5f64..(n as f64 - 0.5))
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", 12))
            .disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&|y: &f64| row_label(&names, *y))
            .x_label_formatter(&|x: &f64| format!("{x:.0}"))
            .x_desc("printed rank")
            .draw()
            .map_err(drawing)?;
        let y_of = |i: usize| (n - 1 - i) as f64;
        chart
            .draw_series(
                ranked
                    .iter()
                    .enumerate()
                    .map(|(i, (_, r))| Circle::new((*r as f64, y_of(i)), 5, BLUE.filled())),
            )
            .map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// The top of every method side by side as a bump chart: methods along the bottom, rank down
/// the side (1 at the top), one coloured line per film joining its ranks under neighbouring
/// methods, a dot wherever a method puts it in its top. `titles` maps an item's label to what to
/// show for it; the side names the first method's top.
pub fn method_bump(
    comparison: &MethodComparison,
    titles: &HashMap<String, String>,
) -> Result<String, SvgError> {
    let methods = &comparison.methods;
    if methods.is_empty() || comparison.top.iter().all(|t| t.is_empty()) {
        return Err(SvgError::Empty("no method ranked anything"));
    }
    let title_of =
        |label: &str| shorten(titles.get(label).map_or(label, |t| t.as_str()), LABEL_CHARS);
    // Each item once, in the order it first appears (the first method's top first).
    let mut items: Vec<&str> = vec![];
    for top in &comparison.top {
        for (_, _, label) in top {
            if !items.contains(&label.as_str()) {
                items.push(label);
            }
        }
    }
    let max_rank = comparison
        .top
        .iter()
        .flatten()
        .map(|(r, _, _)| *r)
        .max()
        .unwrap_or(1);
    // The side's labels: the first method's films at their ranks (tied films share a line).
    let mut side: Vec<String> = vec![String::new(); max_rank as usize];
    for (rank, _, label) in comparison.top.first().into_iter().flatten() {
        let slot = &mut side[*rank as usize - 1];
        if !slot.is_empty() {
            slot.push_str(" / ");
        }
        slot.push_str(&title_of(label));
    }
    let m = methods.len();
    let mut svg = String::new();
    {
        // Room for the longest method name (kemeny-heuristic) under each column.
        let width = 340 + 105 * m as u32;
        let root =
            SVGBackend::with_string(&mut svg, (width, 110 + 28 * max_rank)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let mut chart = ChartBuilder::on(&root)
            .caption("The top under every method", ("sans-serif", 16))
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(300)
            .build_cartesian_2d(-0.5f64..(m as f64 - 0.5), -(max_rank as f64 + 0.5)..-0.5f64)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .label_style(("sans-serif", 12))
            .disable_mesh()
            .x_labels(m)
            .y_labels(max_rank as usize)
            .x_label_formatter(&|x: &f64| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                methods.get(i as usize).cloned().unwrap_or_default()
            })
            .y_label_formatter(&|y: &f64| {
                let r = (-y).round();
                if (-y - r).abs() > 0.01 || r < 1.0 {
                    return String::new();
                }
                let name = side.get(r as usize - 1).cloned().unwrap_or_default();
                format!("{r:.0}. {name}")
            })
            .draw()
            .map_err(drawing)?;
        for (k, item) in items.iter().enumerate() {
            let colour = Palette99::pick(k).to_rgba();
            let at: Vec<Option<f64>> = comparison
                .top
                .iter()
                .map(|top| {
                    top.iter()
                        .find(|(_, _, l)| l == item)
                        .map(|(r, _, _)| -(*r as f64))
                })
                .collect();
            chart
                .draw_series(at.windows(2).enumerate().filter_map(|(i, w)| match w {
                    [Some(a), Some(b)] => Some(PathElement::new(
                        vec![(i as f64, *a), (i as f64 + 1.0, *b)],
                        colour.stroke_width(2),
                    )),
                    _ => None,
                }))
                .map_err(drawing)?;
            chart
                .draw_series(
                    at.iter().enumerate().filter_map(|(i, y)| {
                        y.map(|y| Circle::new((i as f64, y), 4, colour.filled()))
                    }),
                )
                .map_err(drawing)?;
        }
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

    /// The SVG parsed as XML (fails the test when it is not), and how many elements of each
    /// name it holds.
    fn elements(svg: &str) -> HashMap<String, usize> {
        let doc = roxmltree::Document::parse(svg).expect("the chart is well-formed XML");
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let mut counts = HashMap::new();
        for node in doc.descendants().filter(|n| n.is_element()) {
            *counts
                .entry(node.tag_name().name().to_string())
                .or_default() += 1;
        }
        counts
    }

    /// The text of every `<text>` element, unescaped.
    fn texts(svg: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or_default().trim().to_string())
            .collect()
    }

    /// The lines drawn as marks: polylines thicker than the axes and ticks (1 px).
    fn thick_lines(svg: &str) -> usize {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .filter(|n| n.attribute("stroke-width").is_some_and(|w| w != "1"))
            .count()
    }

    const HOSTILE: &str = "<script>alert(1)</script> & \"friends\"";

    #[test]
    fn the_interval_plot_has_a_dot_and_a_line_per_film() {
        let c = report(
            vec![
                row(1, "Drive", Some([1, 2])),
                row(2, HOSTILE, Some([1, 3])),
                row(3, "Jaws", Some([2, 3])),
            ],
            true,
        );
        let svg = rank_intervals(&c, 10).unwrap();
        let counts = elements(&svg);
        assert_eq!(counts.get("circle"), Some(&3));
        assert_eq!(thick_lines(&svg), 3);
        assert!(texts(&svg)
            .iter()
            .any(|t| t.starts_with("<script>alert(1)")));
        // Only the first `top` rows are drawn.
        assert_eq!(
            elements(&rank_intervals(&c, 2).unwrap()).get("circle"),
            Some(&2)
        );
    }

    fn agreement(n: usize, titles: &[&str]) -> AgreementReport {
        let lists: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let values = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| match (i + j) % 3 {
                        0 => Some(1.0),
                        1 => Some(-0.5),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        AgreementReport {
            matrix: needledrop_rank::agreement::AgreementMatrix {
                metric: needledrop_rank::agreement::Metric::KendallTauB,
                lists: lists.clone(),
                values,
            },
            consensus_method: "borda".into(),
            to_consensus: vec![],
            list_titles: lists
                .iter()
                .zip(titles)
                .map(|(l, t)| (l.clone(), t.to_string()))
                .collect(),
        }
    }

    /// The cells of a heatmap: its rectangles but the white background.
    fn cells(svg: &str) -> usize {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter(|n| n.attribute("fill") != Some("#FFFFFF"))
            .count()
    }

    #[test]
    fn the_heatmap_has_a_cell_per_pair_of_lists() {
        let svg = agreement_heatmap(&agreement(4, &["A", HOSTILE, "C", "D"])).unwrap();
        elements(&svg);
        assert_eq!(cells(&svg), 16);
        assert!(texts(&svg).iter().any(|t| t.contains("<script>alert(1)")));
        assert!(!svg.contains("<script>"));
        // Blue for agreement, red for disagreement, grey where undefined: three colours.
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let mut fills: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter_map(|n| n.attribute("fill"))
            .filter(|f| *f != "#FFFFFF")
            .collect();
        fills.sort();
        fills.dedup();
        assert_eq!(fills.len(), 3, "{fills:?}");
        assert_eq!(
            cells(&agreement_heatmap(&agreement(2, &["A", "B"])).unwrap()),
            4
        );
        assert!(matches!(
            agreement_heatmap(&agreement(0, &[])),
            Err(SvgError::Empty(_))
        ));
    }

    fn film(ranks: &[Option<u32>]) -> FilmReport {
        use needledrop_model::{Film, FilmId, ListId, StoredFilm, Year};
        FilmReport {
            film: StoredFilm {
                id: FilmId(7),
                film: Film {
                    title: HOSTILE.into(),
                    year: Some(Year::new(1999).unwrap()),
                    directors: vec![],
                    genres: vec![],
                    soundtrack_kind: None,
                    imdb_id: None,
                    aliases: vec![],
                },
                provisional: false,
                merged_into: None,
            },
            citations: ranks
                .iter()
                .enumerate()
                .map(|(i, rank)| needledrop_app::Citation {
                    list: ListId(i as i64 + 1),
                    list_title: Some(format!("List <{i}>")),
                    outlet: None,
                    rank: *rank,
                    printed_title: "x".into(),
                    reason: "exact",
                    confidence: 1.0,
                })
                .collect(),
        }
    }

    #[test]
    fn a_films_ranks_have_a_dot_per_list_that_ranks_it() {
        let svg = film_ranks(&film(&[Some(1), None, Some(12), Some(3)])).unwrap();
        assert_eq!(elements(&svg).get("circle"), Some(&3));
        let texts = texts(&svg);
        assert!(texts.iter().any(|t| t.starts_with("<script>")));
        assert!(texts.iter().any(|t| t == "List <2>"));
        assert!(
            !texts.iter().any(|t| t == "List <1>"),
            "a mention has no rank"
        );
        assert!(matches!(
            film_ranks(&film(&[None])),
            Err(SvgError::Empty(_))
        ));
    }

    fn comparison() -> (MethodComparison, HashMap<String, String>) {
        let top = |order: &[&str]| -> Vec<(u32, bool, String)> {
            order
                .iter()
                .enumerate()
                .map(|(i, l)| (i as u32 + 1, false, l.to_string()))
                .collect()
        };
        let comparison = MethodComparison {
            methods: vec!["borda".into(), "schulze".into(), "rrf".into()],
            top: vec![
                top(&["a", "b", "c"]),
                top(&["b", "a", "c"]),
                top(&["b", "d", "a"]),
            ],
            kendall_distance: vec![],
            skipped: vec![],
        };
        let titles = [
            ("a", HOSTILE),
            ("b", "Drive"),
            ("c", "Jaws"),
            ("d", "Psycho"),
        ]
        .into_iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect();
        (comparison, titles)
    }

    #[test]
    fn the_bump_chart_has_a_dot_per_placing_and_a_line_per_step() {
        let (comparison, titles) = comparison();
        let svg = method_bump(&comparison, &titles).unwrap();
        let counts = elements(&svg);
        // Nine placings; lines join a film's neighbouring placings: a 2, b 2, c 1 (it leaves the
        // third method's top), d none.
        assert_eq!(counts.get("circle"), Some(&9));
        assert_eq!(thick_lines(&svg), 5);
        let texts = texts(&svg);
        assert!(texts.iter().any(|t| t.contains("<script>alert(1)")));
        assert!(texts.iter().any(|t| t == "schulze"));
        assert!(!svg.contains("<script>"));
        let empty = MethodComparison {
            methods: vec![],
            top: vec![],
            kendall_distance: vec![],
            skipped: vec![],
        };
        assert!(matches!(
            method_bump(&empty, &titles),
            Err(SvgError::Empty(_))
        ));
    }
}
