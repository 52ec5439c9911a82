//! `needledrop rank`: one consensus ranking from many lists.
//!
//! Lists come from the database, or with `--input FILE` straight from a CSV `list_id,rank,item`
//! (no database needed). The command turns flags into a [`needledrop_rank`] method, runs it
//! (optionally with a bootstrap), and prints the consensus, one item's explanation, or every
//! method side by side.

use crate::ballots;
use crate::context::Context;
use crate::exit::BadInput;
use anyhow::Context as _;
use needledrop_rank::bootstrap::{Bootstrap, BootstrapReport};
use needledrop_rank::method::{by_name, MethodOptions, METHODS};
use needledrop_rank::pairwise::Unlisted;
use needledrop_rank::positional::{Normalization, Penalty, PointsTable};
use needledrop_rank::{
    csv_input, Consensus, Contribution, Explanation, Method, Placement, Profile,
};
use needledrop_store::Store;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A terminal table.
    #[default]
    Table,
    /// JSON.
    Json,
    /// CSV starting with `rank,item,score`.
    Csv,
    /// A Markdown table.
    Md,
}

/// Arguments of `needledrop rank`.
#[derive(Debug, Default, clap::Args)]
#[command(after_help = method_help())]
pub struct Args {
    /// Aggregation method (see the list below).
    #[arg(long, short, default_value = "borda", value_name = "M")]
    pub method: String,

    /// Show the first N rows [default: 25 for table/md, all for csv/json]; also the N of
    /// P(in top N) with --bootstrap [default 10].
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// List weights: a CSV `list_id,weight` (lists not named keep weight 1).
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,

    /// Points per position for `--method points`, e.g. `10,8,6,5,4,3,2,1`, optionally
    /// followed by `;beyond=N` (positions past the table) and `;mention=N`. Implies
    /// `--method points` when no method is given.
    #[arg(long, value_name = "TABLE")]
    pub points: Option<String>,

    /// Pairwise methods, MC4: how a list compares items it does not name: `below-listed` (a
    /// named item beats every unnamed one, unnamed items tie) or `ignore` (only pairs it names
    /// both of).
    #[arg(long, default_value = "below-listed", value_name = "POLICY")]
    pub unlisted: String,

    /// RRF's constant k.
    #[arg(long, default_value_t = 60.0, value_name = "K")]
    pub rrf_k: f64,

    /// CombSUM/CombMNZ normalisation: `minmax`, `rank` or `borda`.
    #[arg(long, default_value = "minmax", value_name = "NORM")]
    pub norm: String,

    /// Mean/median rank: the rank of an unlisted item, `length` (list length + 1) or a number.
    #[arg(long, default_value = "length", value_name = "RANK")]
    pub penalty: String,

    /// MC4's damping (probability of a uniform jump).
    #[arg(long, value_name = "D")]
    pub damping: Option<f64>,

    /// Bootstrap over lists with B replicates: a 90% rank interval and P(in top N) per item.
    #[arg(long, value_name = "B")]
    pub bootstrap: Option<usize>,

    /// Bootstrap seed (same seed → same output).
    #[arg(long, default_value_t = 0, value_name = "S")]
    pub seed: u64,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Read lists from a CSV `list_id,rank,item` (empty rank = unranked mention, equal ranks =
    /// a tie) instead of the database.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Explain one item: per list, its rank and what it contributed.
    #[arg(long, value_name = "ITEM")]
    pub explain: Option<String>,

    /// The top N under every method side by side, with Kendall distances between methods.
    #[arg(long)]
    pub compare_methods: bool,

    /// Print `needledrop: load_s=… agg_s=…` on stderr (for benchmarks against the peers).
    #[arg(long, hide = true)]
    pub timings: bool,
}

fn method_help() -> String {
    let mut s = String::from("Methods (and how each treats items a list does not name):\n");
    for (name, what) in METHODS {
        s.push_str(&format!("  {name:<17} {what}\n"));
    }
    s.push_str(
        "\nTied items share a rank (shown as 3=). Inside a tie, rows are ordered by #1 count, \
         then lists naming the item, then best rank, then name.",
    );
    s
}

/// Lists as a profile, with list titles for display.
pub struct Loaded {
    /// The ballots.
    pub profile: Profile,
    /// List label → title.
    pub list_titles: HashMap<String, String>,
}

/// Reads the lists: from `input` when given, else from the database.
pub fn load(input: Option<&Path>, ctx: &Context) -> anyhow::Result<Loaded> {
    match input {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| {
                BadInput(format!(
                    "cannot read the input file {}: {e}",
                    path.display()
                ))
            })?;
            let profile = csv_input::read_csv(std::io::BufReader::new(file))
                .with_context(|| format!("reading {}", path.display()))?;
            Ok(Loaded {
                profile,
                list_titles: HashMap::new(),
            })
        }
        None => {
            let store = ctx.open_store()?;
            loaded_from_store(&store)
        }
    }
}

fn loaded_from_store(store: &Store) -> anyhow::Result<Loaded> {
    if store.list_summaries()?.is_empty() {
        anyhow::bail!(BadInput(
            "no lists stored yet; add some with `needledrop ingest FILE…`, or pass --input FILE"
                .into()
        ));
    }
    let stored = ballots::profile_from_store(store)?;
    Ok(Loaded {
        profile: stored.profile,
        list_titles: stored.list_titles,
    })
}

fn read_weights(path: &Path) -> anyhow::Result<HashMap<String, f64>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| {
            BadInput(format!(
                "cannot read the weights file {}: {e}",
                path.display()
            ))
        })?;
    let mut weights = HashMap::new();
    for (i, record) in rdr.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
        let (Some(list), Some(w)) = (record.get(0), record.get(1)) else {
            anyhow::bail!(BadInput(format!(
                "{} line {line}: expected `list_id,weight`",
                path.display()
            )));
        };
        let w: f64 = w.parse().map_err(|_| {
            BadInput(format!(
                "{} line {line}: `{w}` is not a number",
                path.display()
            ))
        })?;
        weights.insert(list.to_string(), w);
    }
    Ok(weights)
}

fn options(args: &Args) -> anyhow::Result<MethodOptions> {
    Ok(MethodOptions {
        unlisted: Unlisted::parse(&args.unlisted)?,
        points: args.points.as_deref().map(PointsTable::parse).transpose()?,
        rrf_k: Some(args.rrf_k),
        norm: Normalization::parse(&args.norm)?,
        penalty: Penalty::parse(&args.penalty)?,
        damping: args.damping,
    })
}

/// Runs `needledrop rank`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let mut loaded = load(args.input.as_deref(), ctx)?;
    if let Some(path) = &args.weights {
        let weights = read_weights(path)?;
        loaded.profile = loaded.profile.with_weights(&weights)?;
    }
    let opts = options(&args)?;
    let method_name = if args.points.is_some() && args.method == "borda" {
        "points"
    } else {
        args.method.as_str()
    };
    let method = by_name(method_name, &opts)?;
    let mut out = std::io::stdout().lock();
    if args.compare_methods {
        return compare_methods(&loaded.profile, &opts, &args, &mut out);
    }
    if let Some(item) = &args.explain {
        return explain(&loaded, &*method, item, args.format, &mut out);
    }
    let loaded_at = std::time::Instant::now();
    let consensus = method.aggregate(&loaded.profile)?;
    if args.timings {
        eprintln!(
            "needledrop: load_s={:.4} agg_s={:.4}",
            (loaded_at - started).as_secs_f64(),
            loaded_at.elapsed().as_secs_f64()
        );
    }
    let report = match args.bootstrap {
        Some(b) => Some(
            Bootstrap {
                replicates: b,
                seed: args.seed,
                top_n: u32::try_from(args.top.unwrap_or(10)).unwrap_or(u32::MAX),
                ..Bootstrap::default()
            }
            .run(&loaded.profile, &*method)?,
        ),
        None => None,
    };
    let top = args.top.unwrap_or(match args.format {
        Format::Table | Format::Md => 25,
        Format::Json | Format::Csv => usize::MAX,
    });
    print_consensus(&consensus, report.as_ref(), top, args.format, &mut out)?;
    Ok(())
}

#[derive(Serialize)]
struct JsonRow<'a> {
    rank: u32,
    tied: bool,
    item: &'a str,
    score: f64,
    lists_ranking: u32,
    lists_mentioning: u32,
    best_rank: Option<u32>,
    median_rank: Option<f64>,
    first_places: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank_interval: Option<[u32; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prob_top_n: Option<f64>,
}

#[derive(Serialize)]
struct JsonConsensus<'a> {
    method: &'a str,
    parameters: &'a [(String, String)],
    #[serde(skip_serializing_if = "Option::is_none")]
    bootstrap: Option<JsonBootstrap>,
    rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct JsonBootstrap {
    replicates: usize,
    skipped: usize,
    seed: u64,
    top_n: u32,
    level: f64,
}

fn score_text(score: f64) -> String {
    if score.fract() == 0.0 && score.abs() < 1e15 {
        format!("{score:.0}")
    } else {
        // Four decimals at most, without trailing zeros: 2889.5, not 2889.5000.
        let text = format!("{score:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn rank_text(rank: u32, tied: bool) -> String {
    if tied {
        format!("{rank}=")
    } else {
        rank.to_string()
    }
}

/// Prints a consensus in `format`, first `top` rows.
pub fn print_consensus(
    c: &Consensus,
    report: Option<&BootstrapReport>,
    top: usize,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let rows = c.rows.iter().take(top);
    let uncertainty = |item: needledrop_rank::ItemId| report.and_then(|r| r.item(item));
    match format {
        Format::Json => {
            let json = JsonConsensus {
                method: &c.method,
                parameters: &c.parameters,
                bootstrap: report.map(|r| JsonBootstrap {
                    replicates: r.replicates,
                    skipped: r.skipped,
                    seed: r.seed,
                    top_n: r.top_n,
                    level: r.level,
                }),
                rows: rows
                    .map(|r| JsonRow {
                        rank: r.rank,
                        tied: r.tied,
                        item: &r.label,
                        score: r.score,
                        lists_ranking: r.lists_ranking,
                        lists_mentioning: r.lists_mentioning,
                        best_rank: r.best_rank,
                        median_rank: r.median_rank,
                        first_places: r.first_places,
                        rank_interval: uncertainty(r.item).map(|u| [u.rank_low, u.rank_high]),
                        prob_top_n: uncertainty(r.item).map(|u| u.prob_top_n),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            let mut header = vec![
                "rank",
                "item",
                "score",
                "tied",
                "lists_ranking",
                "lists_mentioning",
                "best_rank",
                "median_rank",
                "first_places",
            ];
            if report.is_some() {
                header.extend(["rank_low", "rank_high", "prob_top_n"]);
            }
            w.write_record(&header)?;
            for r in rows {
                let mut record = vec![
                    r.rank.to_string(),
                    r.label.clone(),
                    r.score.to_string(),
                    r.tied.to_string(),
                    r.lists_ranking.to_string(),
                    r.lists_mentioning.to_string(),
                    r.best_rank.map(|b| b.to_string()).unwrap_or_default(),
                    r.median_rank.map(|m| m.to_string()).unwrap_or_default(),
                    r.first_places.to_string(),
                ];
                if let Some(u) = uncertainty(r.item) {
                    record.extend([
                        u.rank_low.to_string(),
                        u.rank_high.to_string(),
                        u.prob_top_n.to_string(),
                    ]);
                }
                w.write_record(&record)?;
            }
            w.flush()?;
        }
        Format::Table | Format::Md => {
            let mut header = vec![
                "rank", "item", "score", "lists", "mentions", "best", "median", "#1",
            ];
            let top_n_header = report.map(|r| format!("P(top {})", r.top_n));
            if let Some(h) = &top_n_header {
                header.push("90% interval");
                header.push(h);
            }
            let body: Vec<Vec<String>> = rows
                .map(|r| {
                    let mut cells = vec![
                        rank_text(r.rank, r.tied),
                        r.label.clone(),
                        score_text(r.score),
                        r.lists_ranking.to_string(),
                        r.lists_mentioning.to_string(),
                        r.best_rank.map_or("-".into(), |b| b.to_string()),
                        r.median_rank.map_or("-".into(), |m| m.to_string()),
                        r.first_places.to_string(),
                    ];
                    if let Some(u) = uncertainty(r.item) {
                        cells.push(format!("{}–{}", u.rank_low, u.rank_high));
                        cells.push(format!("{:.2}", u.prob_top_n));
                    }
                    cells
                })
                .collect();
            let params: Vec<String> = c
                .parameters
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            let title = format!("Consensus by {} ({})", c.method, params.join(", "));
            if format == Format::Md {
                writeln!(out, "**{title}**\n")?;
                write_markdown(out, &header, &body)?;
            } else {
                writeln!(out, "{title}")?;
                let mut table = crate::table::new(&header);
                for row in body {
                    table.add_row(row);
                }
                writeln!(out, "{table}")?;
            }
            if let Some(r) = report {
                writeln!(
                    out,
                    "Bootstrap: {} replicates over lists (seed {}){}.",
                    r.replicates,
                    r.seed,
                    if r.skipped > 0 {
                        format!(", {} skipped", r.skipped)
                    } else {
                        String::new()
                    }
                )?;
            }
        }
    }
    Ok(())
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn write_markdown(
    out: &mut impl Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    writeln!(
        out,
        "| {} |",
        header
            .iter()
            .map(|h| md_cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    writeln!(
        out,
        "|{}",
        header.iter().map(|_| " --- |").collect::<String>()
    )?;
    for row in rows {
        writeln!(
            out,
            "| {} |",
            row.iter()
                .map(|c| md_cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )?;
    }
    Ok(())
}

/// Finds an item by its label, or by the normalised title when no label matches exactly (a
/// film's label carries its year: "Pulp Fiction" finds "Pulp Fiction (1994)").
fn find_item(profile: &Profile, query: &str) -> Option<needledrop_rank::ItemId> {
    fn without_year(label: &str) -> &str {
        match label.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
            Some((title, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
                title
            }
            _ => label,
        }
    }
    profile.item(query).or_else(|| {
        let key = ballots::item_key(query);
        profile
            .items()
            .find(|&i| ballots::item_key(profile.label(i)) == key)
            .or_else(|| {
                profile
                    .items()
                    .find(|&i| ballots::item_key(without_year(profile.label(i))) == key)
            })
    })
}

fn explain(
    loaded: &Loaded,
    method: &dyn Method,
    query: &str,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let profile = &loaded.profile;
    let item = find_item(profile, query).ok_or_else(|| {
        BadInput(format!(
            "no list names {query:?}; `needledrop rank` prints the items' names"
        ))
    })?;
    let consensus = method.aggregate(profile)?;
    let explanation = method.explain(profile, item)?;
    let row = consensus.row(item);
    if format == Format::Json {
        #[derive(Serialize)]
        struct J<'a> {
            row: Option<&'a needledrop_rank::ConsensusRow>,
            explanation: &'a Explanation,
        }
        serde_json::to_writer_pretty(
            &mut *out,
            &J {
                row,
                explanation: &explanation,
            },
        )?;
        writeln!(out)?;
        return Ok(());
    }
    if let Some(r) = row {
        writeln!(
            out,
            "{} is #{}{} by {} with score {} ({} lists rank it, {} mention it).",
            r.label,
            r.rank,
            if r.tied { " (tied)" } else { "" },
            consensus.method,
            score_text(r.score),
            r.lists_ranking,
            r.lists_mentioning
        )?;
    }
    let mut table = crate::table::new(&["list", "weight", "placement", "contribution"]);
    for l in &explanation.lists {
        let list = match loaded.list_titles.get(&l.list) {
            Some(title) => format!("{} ({title})", l.list),
            None => l.list.clone(),
        };
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
        table.add_row(vec![list, score_text(l.weight), placement, contribution]);
    }
    writeln!(out, "{table}")?;
    Ok(())
}

/// Normalised Kendall distance between two consensus rankings: the share of item pairs that one
/// orders strictly one way and the other strictly the other way.
fn ranking_distance(a: &Consensus, b: &Consensus, n: usize) -> f64 {
    let (ra, rb) = (a.ranks(n), b.ranks(n));
    let mut discordant = 0u64;
    let mut pairs = 0u64;
    for i in 0..n {
        for j in i + 1..n {
            pairs += 1;
            let x = i64::from(ra[i]) - i64::from(ra[j]);
            let y = i64::from(rb[i]) - i64::from(rb[j]);
            if x * y < 0 {
                discordant += 1;
            }
        }
    }
    if pairs == 0 {
        0.0
    } else {
        discordant as f64 / pairs as f64
    }
}

fn compare_methods(
    profile: &Profile,
    opts: &MethodOptions,
    args: &Args,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let top = args.top.unwrap_or(10);
    let mut results: Vec<Consensus> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    for (name, _) in METHODS {
        if *name == "points" && opts.points.is_none() {
            continue;
        }
        let method = by_name(name, opts)?;
        match method.aggregate(profile) {
            Ok(c) => results.push(c),
            Err(e) => skipped.push(format!("{name}: {e}")),
        }
    }
    let n = profile.item_count();
    let distances: Vec<Vec<f64>> = results
        .iter()
        .map(|a| results.iter().map(|b| ranking_distance(a, b, n)).collect())
        .collect();
    if args.format == Format::Json {
        #[derive(Serialize)]
        struct J<'a> {
            methods: Vec<&'a str>,
            top: Vec<Vec<(u32, &'a str)>>,
            kendall_distance: &'a [Vec<f64>],
            skipped: &'a [String],
        }
        let j = J {
            methods: results.iter().map(|c| c.method.as_str()).collect(),
            top: results
                .iter()
                .map(|c| {
                    c.rows
                        .iter()
                        .take(top)
                        .map(|r| (r.rank, r.label.as_str()))
                        .collect()
                })
                .collect(),
            kendall_distance: &distances,
            skipped: &skipped,
        };
        serde_json::to_writer_pretty(&mut *out, &j)?;
        writeln!(out)?;
        return Ok(());
    }
    let positions: Vec<String> = (1..=top.min(n)).map(|i| i.to_string()).collect();
    let mut header: Vec<&str> = vec!["method"];
    header.extend(positions.iter().map(String::as_str));
    let body: Vec<Vec<String>> = results
        .iter()
        .map(|c| {
            let mut row = vec![c.method.clone()];
            row.extend(
                c.rows
                    .iter()
                    .take(top)
                    .map(|r| format!("{} {}", rank_text(r.rank, r.tied), r.label)),
            );
            row
        })
        .collect();
    let dist_body: Vec<Vec<String>> = results
        .iter()
        .zip(&distances)
        .map(|(c, row)| {
            let mut cells = vec![c.method.clone()];
            cells.extend(row.iter().map(|d| format!("{d:.3}")));
            cells
        })
        .collect();
    let mut dist_header: Vec<&str> = vec!["Kendall distance"];
    dist_header.extend(results.iter().map(|c| c.method.as_str()));
    if args.format == Format::Md {
        write_markdown(out, &header, &body)?;
        writeln!(out)?;
        write_markdown(out, &dist_header, &dist_body)?;
    } else if args.format == Format::Csv {
        let mut w = csv::Writer::from_writer(&mut *out);
        w.write_record(&header)?;
        for row in &body {
            w.write_record(row)?;
        }
        w.flush()?;
    } else {
        let mut table = crate::table::new(&header);
        for row in body {
            table.add_row(row);
        }
        writeln!(
            out,
            "Top {top} under every method (3= marks a tie):\n{table}"
        )?;
        let mut table = crate::table::new(&dist_header);
        for row in dist_body {
            table.add_row(row);
        }
        writeln!(
            out,
            "Share of item pairs two methods order oppositely (normalised Kendall distance):\n{table}"
        )?;
    }
    for s in &skipped {
        writeln!(out, "skipped {s}")?;
    }
    Ok(())
}
