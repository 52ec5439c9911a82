//! `needledrop rank`: one consensus ranking from many lists.
//!
//! Lists come from the database, or with `--input FILE` straight from a CSV `list_id,rank,item`
//! (no database needed). The command turns flags into a rank request, lets the application rank,
//! and prints the consensus, one item's explanation, or every method side by side.

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::Context as _;
use needledrop_app::{
    Ballots, ConsensusReport, EligibilityPolicy, ExplainReport, MethodComparison, RankRequest,
};
use needledrop_publish as publish;
use needledrop_rank::csv_input;
use needledrop_rank::method::METHODS;
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

/// What a ranking ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Items {
    /// The films the lists name.
    #[default]
    Films,
    /// The songs the lists cite (the best movie songs): a song takes the printed rank of the
    /// entry citing it, songs outside the entries are unranked mentions.
    Songs,
}

/// Arguments of `needledrop rank`.
#[derive(Debug, Default, clap::Args)]
#[command(after_help = method_help())]
pub struct Args {
    /// Aggregation method (see the list below).
    #[arg(long, short, default_value = "borda", value_name = "M")]
    pub method: String,

    /// Show the first N rows [default: 25 for table/md, all for csv/json].
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// With --bootstrap: the N of P(in top N).
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top_n: u32,

    /// How lists share the vote, overriding the stored policy (`needledrop weight`):
    /// `per-source` (the lists of one file share its vote) or `per-list`.
    #[arg(long, value_name = "POLICY")]
    pub weighting: Option<String>,

    /// List weights: a CSV `list_id,weight` multiplying the stored ones (lists not named keep
    /// theirs).
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,

    /// Points per position for `--method points`, e.g. `10,8,6,5,4,3,2,1`, optionally
    /// followed by `;beyond=N` (positions past the table) and `;mention=N`. Implies
    /// `--method points` when no method is given.
    #[arg(long, value_name = "TABLE")]
    pub points: Option<String>,

    /// Pairwise methods, MC4: how a list compares items it does not name: `below-listed` (a
    /// named item beats every unnamed one, unnamed items tie) or `ignore` (only pairs it names
    /// both of) [default: below-listed]. An error with a method that does not use it.
    #[arg(long, value_name = "POLICY")]
    pub unlisted: Option<String>,

    /// RRF's constant k [default: 60].
    #[arg(long, value_name = "K")]
    pub rrf_k: Option<f64>,

    /// CombSUM/CombMNZ normalisation: `minmax`, `rank` or `borda` [default: minmax].
    #[arg(long, value_name = "NORM")]
    pub norm: Option<String>,

    /// Mean/median rank: the rank of an unlisted item, `length` (list length + 1) or a number
    /// [default: length].
    #[arg(long, value_name = "RANK")]
    pub penalty: Option<String>,

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

    /// When one list names a film twice (a song list, two titles of one film): count it at its
    /// `best` printed rank or its `worst` [default: best].
    #[arg(long, value_name = "POLICY")]
    pub duplicates: Option<String>,

    /// What to rank: the films, or the songs the lists cite (stored lists only).
    #[arg(long, value_enum, default_value_t = Items::Films)]
    pub items: Items,

    /// Eligibility rules (TOML: excluded genre tags or soundtrack kinds with exceptions, years,
    /// kinds, minimum sources, outlets; see docs/eligibility.md). Stored lists only.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// Only films at least N lists name.
    #[arg(long, value_name = "N")]
    pub min_sources: Option<usize>,

    /// Only films of one decade, e.g. 1990.
    #[arg(long, value_name = "YEAR")]
    pub decade: Option<i32>,

    /// Only soundtracks of this kind (score, compilation, original_songs, covers, mixed); may
    /// repeat.
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,

    /// Only lists from this outlet; may repeat.
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,

    /// Read lists from a CSV `list_id,rank,item` (empty rank = unranked mention, equal ranks =
    /// a tie) instead of the database.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// Explain one item: per list, its rank and what it contributed.
    #[arg(long, value_name = "ITEM")]
    pub explain: Option<String>,

    /// Why one item stands above another: per list, how each placed the two and what that gave
    /// each, largest difference first.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub why: Option<Vec<String>>,

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

/// Reads the ballots: from `input` when given, else from the database.
pub fn load(input: Option<&Path>, ctx: &Context) -> anyhow::Result<Ballots> {
    match input {
        Some(path) => {
            let bytes = csv_input::read_file(path).map_err(|e| {
                BadInput(format!(
                    "cannot read the input file {}: {e}",
                    path.display()
                ))
            })?;
            // The reader splits the bytes across cores and interns items as it goes.
            let profile = csv_input::read_csv_bytes(bytes)
                .with_context(|| format!("reading {}", path.display()))?;
            Ok(Ballots::from_profile(profile))
        }
        None => crate::exit::hint_when_empty(ctx.app()?.stored_ballots()),
    }
}

fn read_weights(path: &Path) -> anyhow::Result<HashMap<String, f64>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        BadInput(format!(
            "cannot read the weights file {}: {e}",
            path.display()
        ))
    })?;
    needledrop_app::parse_weights(&text).with_context(|| path.display().to_string())
}

impl Args {
    /// The eligibility policy: the file's, with the filter flags added.
    fn eligibility(&self) -> anyhow::Result<Option<EligibilityPolicy>> {
        let policy = match &self.policy {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    BadInput(format!("cannot read the policy {}: {e}", path.display()))
                })?;
                EligibilityPolicy::from_toml(&text)
                    .with_context(|| format!("reading {}", path.display()))?
            }
            None => EligibilityPolicy::default(),
        };
        let policy = policy
            .with_filters(self.min_sources, self.decade, &self.kind, &self.outlet)
            .context("the filter flags")?;
        if policy.is_empty() && policy.except.is_empty() {
            return Ok(None);
        }
        if self.input.is_some() {
            anyhow::bail!(BadInput(
                "eligibility rules apply to the stored lists' films; they cannot be used with --input"
                    .into()
            ));
        }
        Ok(Some(policy))
    }

    pub(crate) fn request(&self) -> anyhow::Result<RankRequest> {
        Ok(RankRequest {
            method: self.method.clone(),
            points: self.points.clone(),
            unlisted: self.unlisted.clone(),
            rrf_k: self.rrf_k,
            norm: self.norm.clone(),
            penalty: self.penalty.clone(),
            damping: self.damping,
            weights: match &self.weights {
                Some(path) => read_weights(path)?,
                None => HashMap::new(),
            },
            weighting: self
                .weighting
                .as_deref()
                .map(needledrop_app::Weighting::parse)
                .transpose()?,
            eligibility: self.eligibility()?,
            bootstrap: self.bootstrap,
            seed: self.seed,
            top_n: self.top_n,
            duplicates: self
                .duplicates
                .as_deref()
                .map(needledrop_app::Duplicates::parse)
                .transpose()?
                .unwrap_or_default(),
        })
    }
}

/// Runs `needledrop rank`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let request = args.request()?;
    // Unknown methods and bad parameters are refused before anything is read.
    request.method()?;
    let mut out = std::io::stdout().lock();
    let plain = !args.compare_methods && args.why.is_none() && args.explain.is_none();
    // Only JSON shows which lists name each item.
    let lists = match args.format {
        Format::Json => needledrop_app::RowLists::Named,
        Format::Table | Format::Csv | Format::Md => needledrop_app::RowLists::Omitted,
    };
    if args.duplicates.is_some() && (args.input.is_some() || args.items == Items::Songs) {
        anyhow::bail!(BadInput(
            "--duplicates applies to the films of the stored lists; a CSV input refuses a list \
             naming an item twice, and songs always count at their best rank"
                .into()
        ));
    }
    if args.items == Items::Songs {
        if !plain || args.input.is_some() {
            anyhow::bail!(BadInput(
                "--items songs ranks the stored lists' songs; it does not combine with --input, \
                 --explain, --why or --compare-methods"
                    .into()
            ));
        }
        let consensus = crate::exit::hint_when_empty(ctx.app()?.song_consensus(&request))?;
        return finish(&args, &consensus, started, &mut out);
    }
    if plain && args.input.is_none() {
        // The consensus of the stored lists, joined to films and songs: one read of the store.
        let consensus = crate::exit::hint_when_empty(ctx.app()?.consensus_rows(&request, lists))?;
        return finish(&args, &consensus, started, &mut out);
    }
    let ballots = load(args.input.as_deref(), ctx)?;
    if args.compare_methods {
        let comparison =
            needledrop_app::compare_methods(&ballots, &request, args.top.unwrap_or(10))?;
        return print_comparison(&comparison, args.top.unwrap_or(10), args.format, &mut out);
    }
    if let Some(pair) = &args.why {
        let (a, b) = (&pair[0], &pair[1]);
        let report = crate::exit::hint(
            needledrop_app::why(&ballots, &request, a, b),
            "`needledrop rank` prints the items' names",
        )?;
        return print_why(&report, args.format, &mut out);
    }
    if let Some(item) = &args.explain {
        let report = crate::exit::hint(
            needledrop_app::explain(&ballots, &request, item),
            "`needledrop rank` prints the items' names",
        )?;
        return print_explanation(&report, args.format, &mut out);
    }
    let consensus = needledrop_app::rank_rows(&ballots, &request, lists)?;
    let printed = finish(&args, &consensus, started, &mut out);
    // `main` ends right after this: the system takes the memory back at once, where freeing
    // every list one by one costs about a twentieth of ranking 100,000 of them.
    std::mem::forget(ballots);
    printed
}

/// Prints a consensus with its warnings (and timings when asked).
fn finish(
    args: &Args,
    consensus: &ConsensusReport,
    started: std::time::Instant,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if args.timings {
        let total = started.elapsed().as_secs_f64();
        eprintln!(
            "needledrop: load_s={:.4} agg_s={:.4}",
            total - consensus.aggregate_seconds,
            consensus.aggregate_seconds
        );
    }
    for w in &consensus.warnings {
        eprintln!("warning: {w}");
    }
    let top = args.top.unwrap_or(match args.format {
        Format::Table | Format::Md => 25,
        Format::Json | Format::Csv => usize::MAX,
    });
    print_consensus(consensus, top, args.format, out)
}

/// Prints a consensus in `format`, first `top` rows.
pub fn print_consensus(
    c: &ConsensusReport,
    top: usize,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match format {
        Format::Json => publish::consensus_json(out, c, top)?,
        Format::Csv => publish::consensus_csv(out, c, top)?,
        Format::Md => publish::consensus_markdown(out, c, top)?,
        Format::Table => {
            let (header, rows) = publish::consensus_cells(c, top);
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            writeln!(out, "{}", publish::consensus_title(c))?;
            let mut table = crate::table::new(&header);
            for row in rows {
                table.add_row(row);
            }
            writeln!(out, "{table}")?;
            if let Some(line) = publish::bootstrap_line(c) {
                writeln!(out, "{line}")?;
            }
            if let Some(e) = &c.eligibility {
                write!(out, "{}", publish::eligibility_text(e))?;
            }
        }
    }
    Ok(())
}

fn print_explanation(
    report: &ExplainReport,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if format == Format::Json {
        return Ok(publish::json(out, report)?);
    }
    crate::table::print(&publish::text::explanation(report), format, out)
}

fn print_why(
    report: &needledrop_app::WhyReport,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if format == Format::Json {
        return Ok(publish::json(out, report)?);
    }
    crate::table::print(&publish::text::why(report), format, out)
}

fn print_comparison(
    c: &MethodComparison,
    top: usize,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if format == Format::Json {
        #[derive(serde::Serialize)]
        struct J<'a> {
            methods: &'a [String],
            top: Vec<Vec<(u32, &'a str)>>,
            kendall_distance: &'a [Vec<f64>],
            skipped: &'a [String],
        }
        let j = J {
            methods: &c.methods,
            top: c
                .top
                .iter()
                .map(|rows| rows.iter().map(|(r, _, l)| (*r, l.as_str())).collect())
                .collect(),
            kendall_distance: &c.kendall_distance,
            skipped: &c.skipped,
        };
        return Ok(publish::json(out, &j)?);
    }
    let (tops, distances) = publish::text::method_comparison(c, top);
    crate::table::print(&tops, format, out)?;
    if format != Format::Csv {
        writeln!(out)?;
        crate::table::print(&distances, format, out)?;
    }
    Ok(())
}
