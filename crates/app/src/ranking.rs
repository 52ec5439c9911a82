//! Ranking use cases: the consensus report, one item's explanation, every method side by side,
//! two lists compared, and the agreement between all lists.

use crate::ballots::{title_key, Ballots, ItemInfo};
use crate::{App, AppError, Result, Weighting};
use needledrop_model::{FilmId, ItemRef, ListId, SongCitation};
use needledrop_rank::agreement::{
    agreement_matrix, ballot_tiers, distances_to_consensus, flatten, footrule_top_k, kendall_tau_b,
    rbo_ext, AgreementMatrix, Domain, ListAgreement, Mentions, Metric,
};
use needledrop_rank::bootstrap::{Bootstrap, BootstrapReport};
use needledrop_rank::method::{by_name, MethodOptions, METHODS};
use needledrop_rank::pairwise::Unlisted;
use needledrop_rank::positional::{Normalization, Penalty, PointsTable};
use needledrop_rank::{Consensus, ConsensusRow, Explanation, ItemId, Method, Placement, Profile};
use needledrop_store::Store;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// How to rank: the method and its parameters, weights, and the bootstrap.
#[derive(Debug, Clone)]
pub struct RankRequest {
    /// The method's name (see [`METHODS`]).
    pub method: String,
    /// A points table for `points` (implies it when the method is left at `borda`).
    pub points: Option<String>,
    /// Pairwise methods and MC4: `below-listed` (the default) or `ignore`.
    pub unlisted: Option<String>,
    /// RRF's k (default 60).
    pub rrf_k: Option<f64>,
    /// CombSUM/CombMNZ normalisation (default `minmax`).
    pub norm: Option<String>,
    /// Mean/median rank penalty (default `length`).
    pub penalty: Option<String>,
    /// MC4's damping.
    pub damping: Option<f64>,
    /// Per-list weights by list label (lists not named keep 1).
    pub weights: HashMap<String, f64>,
    /// How lists share the vote; `None`: the policy stored with the lists.
    pub weighting: Option<Weighting>,
    /// Which films and lists count (stored lists only).
    pub eligibility: Option<crate::EligibilityPolicy>,
    /// Bootstrap replicates, if any.
    pub bootstrap: Option<usize>,
    /// The bootstrap's seed.
    pub seed: u64,
    /// N of P(in top N).
    pub top_n: u32,
    /// Which printed rank counts when one list names a film twice.
    pub duplicates: crate::Duplicates,
}

impl Default for RankRequest {
    fn default() -> Self {
        RankRequest {
            method: "borda".into(),
            points: None,
            unlisted: None,
            rrf_k: None,
            norm: None,
            penalty: None,
            damping: None,
            weights: HashMap::new(),
            weighting: None,
            eligibility: None,
            bootstrap: None,
            seed: 0,
            top_n: 10,
            duplicates: crate::Duplicates::Best,
        }
    }
}

impl RankRequest {
    fn options(&self) -> Result<MethodOptions> {
        Ok(MethodOptions {
            unlisted: Unlisted::parse(self.unlisted.as_deref().unwrap_or("below-listed"))?,
            points: self.points.as_deref().map(PointsTable::parse).transpose()?,
            rrf_k: Some(self.rrf_k.unwrap_or(60.0)),
            norm: Normalization::parse(self.norm.as_deref().unwrap_or("minmax"))?,
            penalty: Penalty::parse(self.penalty.as_deref().unwrap_or("length"))?,
            damping: self.damping,
        })
    }

    /// The options the user set, by the names the rank crate checks.
    fn given(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        for (set, name) in [
            (self.unlisted.is_some(), "unlisted"),
            (self.points.is_some(), "points"),
            (self.rrf_k.is_some(), "rrf-k"),
            (self.norm.is_some(), "norm"),
            (self.penalty.is_some(), "penalty"),
            (self.damping.is_some(), "damping"),
            (!self.weights.is_empty(), "weights"),
        ] {
            if set {
                given.push(name);
            }
        }
        given
    }

    fn method_name(&self) -> &str {
        if self.points.is_some() && self.method == "borda" {
            "points"
        } else {
            &self.method
        }
    }

    /// The method this request names. An option the method would ignore is an error, never
    /// silently dropped.
    pub fn method(&self) -> Result<Box<dyn Method>> {
        needledrop_rank::method::check_options(self.method_name(), &self.given())?;
        Ok(by_name(self.method_name(), &self.options()?)?)
    }

    /// The weighting in force for these ballots.
    fn weighting(&self, ballots: &Ballots) -> Weighting {
        self.weighting.unwrap_or(ballots.weighting)
    }

    /// The profile with its weights: each list's share under the weighting policy, times the
    /// weight a person stored for it, times this request's weight for it.
    pub(crate) fn weighted<'b>(&self, ballots: &'b Ballots) -> Result<Cow<'b, Profile>> {
        let profile = &ballots.profile;
        // Nothing re-weights the lists: rank the profile as it is (cloning 100,000 ballots
        // costs more than ranking them).
        let by_source =
            self.weighting(ballots) == Weighting::PerSource && !ballots.documents.is_empty();
        if self.weights.is_empty() && ballots.list_weights.is_empty() && !by_source {
            return Ok(Cow::Borrowed(profile));
        }
        for list in self.weights.keys() {
            if !profile.ballots().iter().any(|b| b.label() == list) {
                return Err(needledrop_rank::RankError::UnknownList { list: list.clone() }.into());
            }
        }
        for w in self.weights.values() {
            crate::weights::check_weight(*w)?;
        }
        let mut per_document: HashMap<i64, usize> = HashMap::new();
        if self.weighting(ballots) == Weighting::PerSource {
            for doc in ballots.documents.values() {
                *per_document.entry(*doc).or_default() += 1;
            }
        }
        let weights: HashMap<String, f64> = profile
            .ballots()
            .iter()
            .map(|b| {
                let label = b.label();
                let share = ballots
                    .documents
                    .get(label)
                    .and_then(|d| per_document.get(d))
                    .map_or(1.0, |n| 1.0 / *n as f64);
                let stored = ballots.list_weights.get(label).copied().unwrap_or(1.0);
                let asked = self.weights.get(label).copied().unwrap_or(1.0);
                (label.to_string(), share * stored * asked)
            })
            .collect();
        if weights.values().all(|w| *w == 1.0) {
            return Ok(Cow::Borrowed(profile));
        }
        Ok(Cow::Owned(profile.clone().with_weights(&weights)?))
    }
}

/// The bootstrap's settings, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct BootstrapInfo {
    /// Replicates asked for.
    pub replicates: usize,
    /// Replicates that could not be aggregated.
    pub skipped: usize,
    /// The seed.
    pub seed: u64,
    /// N of P(in top N).
    pub top_n: u32,
    /// The interval's coverage.
    pub level: f64,
}

/// One row of a consensus report: the rank crate's row joined to the film behind it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    /// Consensus rank (tied items share it).
    pub rank: u32,
    /// True when another item shares the rank.
    pub tied: bool,
    /// The item's label (unique in the report).
    pub item: String,
    /// The film's id, when the item resolved to a film.
    pub film_id: Option<FilmId>,
    /// The film's IMDb id, when known.
    pub imdb_id: Option<String>,
    /// The film's title (or the printed title of an unresolved item).
    pub title: String,
    /// The film's year, when known.
    pub year: Option<i32>,
    /// The film's directors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub directors: Vec<String>,
    /// The method's score.
    pub score: f64,
    /// Lists ranking the item.
    pub lists_ranking: u32,
    /// Lists mentioning it without a rank.
    pub lists_mentioning: u32,
    /// Sources naming it (ranked or mentioned): the lists read from one source document (a
    /// poll's ballots, pages of one article) count as one source.
    pub sources: u32,
    /// The weight of the lists naming it, under the weighting in force (each source counting
    /// at most 1 under `per-source`, times the weights people gave).
    pub weighted_sources: f64,
    /// Its best printed rank.
    pub best_rank: Option<u32>,
    /// Its median printed rank.
    pub median_rank: Option<f64>,
    /// How many lists put it first.
    pub first_places: u32,
    /// The bootstrap's rank interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank_interval: Option<[u32; 2]>,
    /// The bootstrap's P(in top N).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prob_top_n: Option<f64>,
    /// The lists that name it (list labels: store ids, or a CSV's list ids).
    pub lists: Vec<String>,
    /// The songs its entries cite, most lists first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub songs: Vec<SongCitation>,
    /// When the items are songs: the song's artist, when a list names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    /// When the items are songs: the films it was cited for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub films: Vec<String>,
}

/// A consensus: the method, its parameters, and the rows.
#[derive(Debug, Clone, Serialize)]
pub struct ConsensusReport {
    /// The method.
    pub method: String,
    /// Its parameters as name/value pairs.
    pub parameters: Vec<(String, String)>,
    /// How the lists shared the vote.
    pub weighting: Weighting,
    /// The eligibility rules applied, and what they excluded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<crate::EligibilityReport>,
    /// How many lists went in.
    pub list_count: usize,
    /// The bootstrap, if one ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bootstrap: Option<BootstrapInfo>,
    /// The rows, best first.
    pub rows: Vec<ReportRow>,
    /// What was decided on the lists' behalf while building the ballots, and what the method
    /// warns about.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Seconds spent aggregating (for benchmarks; not serialized).
    #[serde(skip)]
    pub aggregate_seconds: f64,
}

/// One item explained: its row and what every list contributed.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainReport {
    /// The item's consensus row.
    pub row: Option<ConsensusRow>,
    /// The method.
    pub method: String,
    /// One line per list.
    pub explanation: Explanation,
    /// List label → title, for display.
    #[serde(skip)]
    pub list_titles: HashMap<String, String>,
}

/// The top of every method side by side.
#[derive(Debug, Clone, Serialize)]
pub struct MethodComparison {
    /// The methods that ran.
    pub methods: Vec<String>,
    /// Per method, the top rows as (rank, tied, label).
    pub top: Vec<Vec<(u32, bool, String)>>,
    /// Share of item pairs two methods order oppositely.
    pub kendall_distance: Vec<Vec<f64>>,
    /// Methods that could not run, with why.
    pub skipped: Vec<String>,
}

/// Two lists compared.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonReport {
    /// The first list's label.
    pub first: String,
    /// The second list's label.
    pub second: String,
    /// Items the first names.
    pub first_items: usize,
    /// Items the second names.
    pub second_items: usize,
    /// Items both name.
    pub common_items: usize,
    /// Kendall tau-b over the items either names.
    pub kendall_tau_b_union: Option<f64>,
    /// Kendall tau-b over the items both name.
    pub kendall_tau_b_common: Option<f64>,
    /// Normalised top-k footrule.
    pub footrule: Option<f64>,
    /// Rank-biased overlap.
    pub rbo: Option<f64>,
    /// Items both name: (label, placement in the first, in the second).
    pub common: Vec<(String, String, String)>,
    /// List label → title, for display.
    #[serde(skip)]
    pub list_titles: HashMap<String, String>,
}

/// Every pair of lists, and each list against the consensus.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementReport {
    /// The list-by-list matrix.
    pub matrix: AgreementMatrix,
    /// The consensus method.
    pub consensus_method: String,
    /// Each list against the consensus.
    pub to_consensus: Vec<ListAgreement>,
    /// List label → title, for display.
    #[serde(skip)]
    pub list_titles: HashMap<String, String>,
}

impl Ballots {
    /// Ballots over a profile read from a file: items are labels, no films.
    pub fn from_profile(profile: Profile) -> Ballots {
        let items = profile
            .labels()
            .iter()
            .map(|l| ItemInfo {
                label: l.clone(),
                film: None,
                title: l.clone(),
            })
            .collect();
        Ballots {
            profile,
            items,
            list_titles: HashMap::new(),
            documents: HashMap::new(),
            warnings: Vec::new(),
            weighting: Weighting::PerList,
            list_weights: HashMap::new(),
        }
    }

    /// Finds an item by its label, or by its title when no label matches exactly (a film's
    /// label carries its year: "Pulp Fiction" finds "Pulp Fiction (1994)").
    pub fn find_item(&self, query: &str) -> Option<ItemId> {
        let profile = &self.profile;
        profile.item(query).or_else(|| {
            let key = title_key(query);
            profile
                .items()
                .find(|&i| title_key(profile.label(i)) == key)
                .or_else(|| {
                    profile
                        .items()
                        .find(|&i| title_key(&self.item(i).title) == key)
                })
        })
    }

    fn ballot_index(&self, label: &str) -> Result<usize> {
        self.profile
            .ballots()
            .iter()
            .position(|b| b.label() == label)
            .ok_or_else(|| AppError::NotFound(format!("there is no list {label:?}")))
    }

    /// The labels of the lists naming each item, indexed by item.
    fn lists_naming(&self) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new(); self.items.len()];
        for b in self.profile.ballots() {
            for e in b.ranked() {
                out[e.item.index()].push(b.label().to_string());
            }
            for m in b.mentions() {
                out[m.index()].push(b.label().to_string());
            }
        }
        out
    }
}

/// Ranks ballots as the request says.
pub fn rank(ballots: &Ballots, request: &RankRequest) -> Result<ConsensusReport> {
    rank_rows(ballots, request, RowLists::Named)
}

/// Whether a report's rows carry the labels of the lists naming their item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLists {
    /// Every row names its lists (JSON shows them).
    Named,
    /// Rows leave [`ReportRow::lists`] empty: the tables and CSV never show it, and over
    /// 100,000 lists it is millions of strings.
    Omitted,
}

/// [`rank`], with the rows' lists named or left out.
pub fn rank_rows(
    ballots: &Ballots,
    request: &RankRequest,
    lists: RowLists,
) -> Result<ConsensusReport> {
    let method = request.method()?;
    let profile = request.weighted(ballots)?;
    let started = std::time::Instant::now();
    let consensus = method.aggregate(&profile)?;
    let aggregate_seconds = started.elapsed().as_secs_f64();
    if let Some(b) = request.bootstrap {
        check_bootstrap_cost(b, started.elapsed(), BOOTSTRAP_BUDGET)?;
    }
    let report = match request.bootstrap {
        Some(b) => Some(
            Bootstrap {
                replicates: b,
                seed: request.seed,
                top_n: request.top_n,
                ..Bootstrap::default()
            }
            .run(&profile, &*method)?,
        ),
        None => None,
    };
    let mut out = report_of(
        ballots,
        &consensus,
        report.as_ref(),
        aggregate_seconds,
        lists,
    );
    let (sources, weighted) = sources_naming(ballots, &profile, &consensus);
    // The report's rows are the consensus rows, in order.
    for (row, c) in out.rows.iter_mut().zip(&consensus.rows) {
        row.sources = sources[c.item.index()];
        row.weighted_sources = weighted[c.item.index()];
    }
    Ok(out)
}

/// Per item: how many distinct sources name it (a list without a known document is its own
/// source), and the summed weight of the lists naming it in the weighted `profile`.
fn sources_naming(
    ballots: &Ballots,
    profile: &Profile,
    consensus: &Consensus,
) -> (Vec<u32>, Vec<f64>) {
    let n = profile.item_count();
    let all = profile.ballots();
    if ballots.documents.is_empty() {
        // Every list is its own source, so an item's sources are the lists ranking or
        // mentioning it, which its consensus row already counts; with every weight 1 (a CSV
        // read as it is) their weight is that count.
        let mut counts = vec![0u32; n];
        for r in &consensus.rows {
            if let Some(c) = counts.get_mut(r.item.index()) {
                *c = r.lists_ranking.saturating_add(r.lists_mentioning);
            }
        }
        let weighted = if all.iter().all(|b| b.weight() == 1.0) {
            counts.iter().map(|&c| f64::from(c)).collect()
        } else {
            weight_naming(profile)
        };
        return (counts, weighted);
    }
    let weighted = weight_naming(profile);
    // Each ballot's source as a number: its stored document, or the ballot itself (a list read
    // from a CSV). Visiting ballots source by source, an item's count goes up when the source
    // differs from the last one that named it: distinct sources without a set per item (a set
    // of labels cost more than the ranking on 5 M rows).
    let mut documents: HashMap<i64, usize> = HashMap::new();
    let source: Vec<usize> = all
        .iter()
        .enumerate()
        .map(|(i, b)| match ballots.documents.get(b.label()) {
            Some(doc) => {
                let next = all.len() + documents.len();
                *documents.entry(*doc).or_insert(next)
            }
            None => i,
        })
        .collect();
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| source[i]);
    let mut counts = vec![0u32; n];
    let mut last = vec![usize::MAX; n];
    for i in order {
        for (item, _, _) in all[i].tiers() {
            let k = item.index();
            if last[k] != source[i] {
                last[k] = source[i];
                counts[k] = counts[k].saturating_add(1);
            }
        }
    }
    (counts, weighted)
}

/// Per item: the summed weight of the lists naming it.
fn weight_naming(profile: &Profile) -> Vec<f64> {
    let mut weighted = vec![0.0; profile.item_count()];
    for b in profile.ballots() {
        for (item, _, _) in b.tiers() {
            weighted[item.index()] += b.weight();
        }
    }
    weighted
}

/// The longest a bootstrap may be expected to run.
pub(crate) const BOOTSTRAP_BUDGET: std::time::Duration = std::time::Duration::from_secs(60);

/// The longest `compare_methods` keeps starting methods; the rest are skipped, said so.
pub(crate) const COMPARE_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);

/// Refuses a bootstrap expected to run past `budget`: `replicates` rankings, each as long as
/// the one just timed (`one`), shared between the cores. The error says how many fit.
fn check_bootstrap_cost(
    replicates: usize,
    one: std::time::Duration,
    budget: std::time::Duration,
) -> Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let one = one.as_secs_f64().max(1e-9);
    let expected = one * replicates as f64 / cores;
    if expected <= budget.as_secs_f64() {
        return Ok(());
    }
    let fit = (budget.as_secs_f64() * cores / one).floor();
    Err(AppError::BadInput(format!(
        "a bootstrap of {replicates} replicates would run about {expected:.0} s here (one ranking \
         takes {:.3} s), past the {} s limit: ask for at most {fit:.0} replicates, or rank with a \
         faster method such as borda",
        one,
        budget.as_secs()
    )))
}

fn report_of(
    ballots: &Ballots,
    consensus: &Consensus,
    bootstrap: Option<&BootstrapReport>,
    aggregate_seconds: f64,
    lists: RowLists,
) -> ConsensusReport {
    let mut naming = match lists {
        RowLists::Named => ballots.lists_naming(),
        RowLists::Omitted => Vec::new(),
    };
    let rows = consensus
        .rows
        .iter()
        .map(|r| {
            let info = ballots.item(r.item);
            let film = info.film.as_ref();
            let u = bootstrap.and_then(|b| b.item(r.item));
            ReportRow {
                rank: r.rank,
                tied: r.tied,
                item: r.label.clone(),
                film_id: film.map(|f| f.id),
                imdb_id: film.and_then(|f| f.film.imdb_id.clone()),
                title: info.title.clone(),
                year: info.year(),
                directors: film.map(|f| f.film.directors.clone()).unwrap_or_default(),
                score: r.score,
                lists_ranking: r.lists_ranking,
                lists_mentioning: r.lists_mentioning,
                sources: 0,
                weighted_sources: 0.0,
                best_rank: r.best_rank,
                median_rank: r.median_rank,
                first_places: r.first_places,
                rank_interval: u.map(|u| [u.rank_low, u.rank_high]),
                prob_top_n: u.map(|u| u.prob_top_n),
                // Each item has one row: its lists move into it.
                lists: naming
                    .get_mut(r.item.index())
                    .map(std::mem::take)
                    .unwrap_or_default(),
                songs: Vec::new(),
                artist: None,
                films: Vec::new(),
            }
        })
        .collect();
    ConsensusReport {
        method: consensus.method.clone(),
        parameters: consensus.parameters.clone(),
        weighting: ballots.weighting,
        eligibility: None,
        list_count: ballots.profile.ballots().len(),
        bootstrap: bootstrap.map(|b| BootstrapInfo {
            replicates: b.replicates,
            skipped: b.skipped,
            seed: b.seed,
            top_n: b.top_n,
            level: b.level,
        }),
        rows,
        warnings: ballots
            .warnings
            .iter()
            .chain(&consensus.warnings)
            .cloned()
            .collect(),
        aggregate_seconds,
    }
}

/// Explains one item under the request's method.
pub fn explain(ballots: &Ballots, request: &RankRequest, query: &str) -> Result<ExplainReport> {
    let item = ballots
        .find_item(query)
        .ok_or_else(|| AppError::NotFound(format!("no list names {query:?}")))?;
    let method = request.method()?;
    let profile = request.weighted(ballots)?;
    let consensus = method.aggregate(&profile)?;
    let explanation = method.explain(&profile, item)?;
    Ok(ExplainReport {
        row: consensus.row(item).cloned(),
        method: consensus.method,
        explanation,
        list_titles: ballots.list_titles.clone(),
    })
}

/// Why one item stands above another: per list, how each placed them and what that gave each.
#[derive(Debug, Clone, Serialize)]
pub struct WhyReport {
    /// The method.
    pub method: String,
    /// The first item's row.
    pub a: Option<ConsensusRow>,
    /// The second item's row.
    pub b: Option<ConsensusRow>,
    /// One line per list that places either item, largest difference first.
    pub lists: Vec<WhyLine>,
    /// Lists placing A above B, weighted.
    pub lists_for_a: f64,
    /// Lists placing B above A, weighted.
    pub lists_for_b: f64,
    /// List label → title, for display.
    #[serde(skip)]
    pub list_titles: HashMap<String, String>,
}

/// One list's part in A versus B.
#[derive(Debug, Clone, Serialize)]
pub struct WhyLine {
    /// The list's label.
    pub list: String,
    /// Its weight.
    pub weight: f64,
    /// How it placed A.
    pub a: Placement,
    /// How it placed B.
    pub b: Placement,
    /// What it gave A (points, a rank, or pairwise wins minus losses).
    pub a_contribution: Option<f64>,
    /// What it gave B.
    pub b_contribution: Option<f64>,
    /// Which one it puts higher: 1 for A, -1 for B, 0 for neither.
    pub prefers: i8,
}

fn contribution_value(c: &needledrop_rank::Contribution) -> Option<f64> {
    use needledrop_rank::Contribution;
    match c {
        Contribution::None => None,
        Contribution::Points { points } => Some(*points),
        Contribution::Rank { rank } => Some(*rank),
        Contribution::Pairwise { wins, losses } => Some(wins - losses),
    }
}

/// A tier number where smaller is better; unlisted items come last.
fn placement_order(p: Placement) -> (u8, u32) {
    match p {
        Placement::Ranked(r) => (0, r),
        Placement::Mentioned => (1, 0),
        Placement::Unlisted => (2, 0),
    }
}

/// The per-list difference that puts one item above another under the request's method.
pub fn why(ballots: &Ballots, request: &RankRequest, a: &str, b: &str) -> Result<WhyReport> {
    let find = |q: &str| {
        ballots
            .find_item(q)
            .ok_or_else(|| AppError::NotFound(format!("no list names {q:?}")))
    };
    let (ia, ib) = (find(a)?, find(b)?);
    if ia == ib {
        return Err(AppError::BadInput(format!(
            "{a:?} and {b:?} are the same item"
        )));
    }
    let method = request.method()?;
    let profile = request.weighted(ballots)?;
    let consensus = method.aggregate(&profile)?;
    let (ea, eb) = (method.explain(&profile, ia)?, method.explain(&profile, ib)?);
    let mut lists = Vec::new();
    let (mut for_a, mut for_b) = (0.0, 0.0);
    for (la, lb) in ea.lists.iter().zip(&eb.lists) {
        if la.placement == Placement::Unlisted && lb.placement == Placement::Unlisted {
            continue;
        }
        let prefers = match placement_order(la.placement).cmp(&placement_order(lb.placement)) {
            std::cmp::Ordering::Less => 1,
            std::cmp::Ordering::Greater => -1,
            std::cmp::Ordering::Equal => 0,
        };
        match prefers {
            1 => for_a += la.weight,
            -1 => for_b += la.weight,
            _ => {}
        }
        lists.push(WhyLine {
            list: la.list.clone(),
            weight: la.weight,
            a: la.placement,
            b: lb.placement,
            a_contribution: contribution_value(&la.contribution),
            b_contribution: contribution_value(&lb.contribution),
            prefers,
        });
    }
    let gap = |l: &WhyLine| match (l.a_contribution, l.b_contribution) {
        (Some(x), Some(y)) => (x - y).abs(),
        _ => 0.0,
    };
    lists.sort_by(|x, y| gap(y).total_cmp(&gap(x)).then_with(|| x.list.cmp(&y.list)));
    Ok(WhyReport {
        method: consensus.method.clone(),
        a: consensus.row(ia).cloned(),
        b: consensus.row(ib).cloned(),
        lists,
        lists_for_a: for_a,
        lists_for_b: for_b,
        list_titles: ballots.list_titles.clone(),
    })
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

/// The top `top` of every method side by side, with the distances between methods. No method
/// starts after 30 s: those left are listed as skipped.
pub fn compare_methods(
    ballots: &Ballots,
    request: &RankRequest,
    top: usize,
) -> Result<MethodComparison> {
    compare_methods_within(ballots, request, top, COMPARE_BUDGET)
}

/// [`compare_methods`], starting no method once `budget` has passed (the methods not run are
/// listed as skipped, with the way to run them).
pub(crate) fn compare_methods_within(
    ballots: &Ballots,
    request: &RankRequest,
    top: usize,
    budget: std::time::Duration,
) -> Result<MethodComparison> {
    let opts = request.options()?;
    let profile = request.weighted(ballots)?;
    let mut results: Vec<Consensus> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let started = std::time::Instant::now();
    for (name, _) in METHODS {
        if *name == "points" && opts.points.is_none() {
            continue;
        }
        if !results.is_empty() && started.elapsed() > budget {
            skipped.push(format!(
                "{name}: not run, the comparison used up its {} s budget; rank with this method \
                 alone",
                budget.as_secs()
            ));
            continue;
        }
        let method = by_name(name, &opts)?;
        match method.aggregate(&profile) {
            Ok(c) => results.push(c),
            Err(e) => skipped.push(format!("{name}: {e}")),
        }
    }
    let n = profile.item_count();
    let kendall_distance = results
        .iter()
        .map(|a| results.iter().map(|b| ranking_distance(a, b, n)).collect())
        .collect();
    Ok(MethodComparison {
        methods: results.iter().map(|c| c.method.clone()).collect(),
        top: results
            .iter()
            .map(|c| {
                c.rows
                    .iter()
                    .take(top)
                    .map(|r| (r.rank, r.tied, r.label.clone()))
                    .collect()
            })
            .collect(),
        kendall_distance,
        skipped,
    })
}

/// Two lists compared: overlap, Kendall tau-b, top-k footrule, RBO with persistence `rbo_p`.
pub fn compare(
    ballots: &Ballots,
    first: &str,
    second: &str,
    rbo_p: f64,
) -> Result<ComparisonReport> {
    check_rbo_p(rbo_p)?;
    let p = &ballots.profile;
    let (ia, ib) = (ballots.ballot_index(first)?, ballots.ballot_index(second)?);
    let (ba, bb) = (&p.ballots()[ia], &p.ballots()[ib]);
    let (ta, tb) = (
        ballot_tiers(ba, Mentions::LastTier),
        ballot_tiers(bb, Mentions::LastTier),
    );
    let placement =
        |b: &needledrop_rank::Ballot, item| match needledrop_rank::explain::placement(b, item) {
            Placement::Ranked(r) => r.to_string(),
            Placement::Mentioned => "mentioned".into(),
            Placement::Unlisted => "-".into(),
        };
    let in_b = flatten(&tb);
    let common: Vec<(String, String, String)> = flatten(&ta)
        .into_iter()
        .filter(|i| in_b.contains(i))
        .map(|i| (p.label(i).to_string(), placement(ba, i), placement(bb, i)))
        .collect();
    Ok(ComparisonReport {
        first: first.to_string(),
        second: second.to_string(),
        first_items: ba.named_count(),
        second_items: bb.named_count(),
        common_items: common.len(),
        kendall_tau_b_union: kendall_tau_b(&ta, &tb, Domain::Union),
        kendall_tau_b_common: kendall_tau_b(&ta, &tb, Domain::Common),
        footrule: footrule_top_k(&ta, &tb).normalized,
        rbo: rbo_ext(&flatten(&ta), &in_b, rbo_p),
        common,
        list_titles: ballots.list_titles.clone(),
    })
}

fn check_rbo_p(rbo_p: f64) -> Result<()> {
    if !(rbo_p > 0.0 && rbo_p < 1.0) {
        return Err(AppError::BadInput(format!(
            "the RBO persistence p must be strictly between 0 and 1, got {rbo_p}"
        )));
    }
    Ok(())
}

/// How much every pair of lists agrees under `metric`, and each list against the consensus of
/// `method`.
pub fn agreement(
    ballots: &Ballots,
    metric: Metric,
    method: &str,
    rbo_p: f64,
) -> Result<AgreementReport> {
    check_rbo_p(rbo_p)?;
    let profile = &ballots.profile;
    let matrix = agreement_matrix(profile, metric)?;
    let method = by_name(method, &MethodOptions::default())?;
    let consensus = method.aggregate(profile)?;
    let to_consensus = distances_to_consensus(profile, &consensus, rbo_p)?;
    Ok(AgreementReport {
        matrix,
        consensus_method: consensus.method,
        to_consensus,
        list_titles: ballots.list_titles.clone(),
    })
}

impl<S: Store> App<S> {
    /// The consensus of the stored lists, each row joined to its film and the songs cited for it.
    pub fn consensus(&mut self, request: &RankRequest) -> Result<ConsensusReport> {
        self.consensus_rows(request, RowLists::Named)
    }

    /// [`App::consensus`], with the rows' lists named or left out.
    pub fn consensus_rows(
        &mut self,
        request: &RankRequest,
        lists: RowLists,
    ) -> Result<ConsensusReport> {
        let (ballots, eligibility) = self.stored_ballots_for(request)?;
        let mut report = rank_rows(&ballots, request, lists)?;
        report.eligibility = eligibility;
        let songs = self.songs_by_film()?;
        for row in &mut report.rows {
            if let Some(s) = row.film_id.and_then(|f| songs.get(&f)) {
                row.songs = s.clone();
            }
        }
        Ok(report)
    }

    /// The consensus of the songs the stored lists cite (the best movie songs), each row with
    /// its artist and films. A song takes the printed rank of the entry citing it (songs of one
    /// entry tie there), songs outside the entries are unranked mentions, a song is its title
    /// and artist, and a list naming a song twice counts it once at its best rank. The
    /// request's method, weights, bootstrap and eligibility rules (on the citing films) apply
    /// as for films.
    pub fn song_consensus(&mut self, request: &RankRequest) -> Result<ConsensusReport> {
        let lists = self.store.lists()?;
        if lists.is_empty() {
            return Err(AppError::NoLists);
        }
        let films = self.film_lookup()?;
        let (lists, eligibility) = match request.eligibility.as_ref() {
            Some(p) => {
                let (lists, report) = p.apply(lists, &films);
                (lists, Some(report))
            }
            None => (lists, None),
        };
        let built = crate::song_ballots::build(lists, &films)?;
        let mut ballots = built.ballots;
        ballots.weighting = self.weighting()?;
        ballots.list_weights = self
            .store
            .list_weights()?
            .into_iter()
            .map(|(list, w)| (list.to_string(), w))
            .collect();
        let mut report = rank(&ballots, request)?;
        report.eligibility = eligibility;
        let index: HashMap<&str, usize> = ballots
            .profile
            .labels()
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        for row in &mut report.rows {
            if let Some(song) = index
                .get(row.item.as_str())
                .and_then(|&i| built.songs.get(i))
            {
                row.artist.clone_from(&song.artist);
                row.films.clone_from(&song.films);
            }
        }
        Ok(report)
    }

    /// Ballots over the stored lists; an empty store is bad input with what to do.
    pub fn stored_ballots(&mut self) -> Result<Ballots> {
        Ok(self.stored_ballots_for(&RankRequest::default())?.0)
    }

    /// Ballots over the stored lists the request's eligibility policy keeps.
    pub fn stored_ballots_for(
        &mut self,
        request: &RankRequest,
    ) -> Result<(Ballots, Option<crate::EligibilityReport>)> {
        let (ballots, report) =
            self.ballots_with(request.eligibility.as_ref(), request.duplicates)?;
        if ballots.profile.ballots().is_empty() {
            return Err(AppError::BadInput(
                "the eligibility rules leave no list to rank".into(),
            ));
        }
        Ok((ballots, report))
    }

    /// The songs cited under each film, most-cited first, each once.
    fn songs_by_film(&mut self) -> Result<HashMap<FilmId, Vec<SongCitation>>> {
        let rows = self.store.song_rows()?;
        // Every resolution is a million rows on a large store: read them only when a song is
        // cited under an entry.
        if rows.iter().all(|r| r.entry.is_none()) {
            return Ok(HashMap::new());
        }
        let films = self.resolved_films()?;
        let mut counts: HashMap<FilmId, Vec<(SongCitation, Vec<ListId>)>> = HashMap::new();
        for row in rows {
            let Some(film) = row.entry.and_then(|e| films.get(&ItemRef::Entry(e))) else {
                continue;
            };
            let songs = counts.entry(*film).or_default();
            let key = title_key(&row.title);
            match songs.iter_mut().find(|(s, _)| title_key(&s.title) == key) {
                Some((song, lists)) => {
                    if song.artist.is_none() {
                        song.artist = row.artist;
                    }
                    if !lists.contains(&row.list) {
                        lists.push(row.list);
                    }
                }
                None => songs.push((
                    SongCitation {
                        title: row.title,
                        artist: row.artist,
                    },
                    vec![row.list],
                )),
            }
        }
        Ok(counts
            .into_iter()
            .map(|(film, mut songs)| {
                // Stable: equal counts keep first-cited order.
                songs.sort_by_key(|s| std::cmp::Reverse(s.1.len()));
                (film, songs.into_iter().map(|(s, _)| s).collect())
            })
            .collect())
    }
}

#[cfg(test)]
mod time_guards {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bootstrap_expected_to_run_past_its_budget_is_refused_with_what_fits() {
        let one = Duration::from_millis(50);
        assert!(check_bootstrap_cost(10, one, Duration::from_secs(60)).is_ok());
        let err = check_bootstrap_cost(100_000, one, Duration::from_secs(60)).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::BadInput);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let fit = 1200 * cores;
        let message = err.to_string();
        assert!(
            message.contains(&format!("at most {fit} replicates")),
            "{message}"
        );
        assert!(message.contains("borda"), "{message}");
    }

    #[test]
    fn compare_methods_skips_the_methods_left_when_its_budget_is_spent() {
        let csv = "list_id,rank,item\na,1,X\na,2,Y\nb,1,Y\nb,2,X\nc,1,X\n";
        let profile = needledrop_rank::csv_input::read_csv(csv.as_bytes()).unwrap();
        let ballots = Ballots::from_profile(profile);
        let request = RankRequest::default();
        let all = compare_methods(&ballots, &request, 5).unwrap();
        assert!(all.methods.len() > 3, "{:?}", all.skipped);
        let spent = compare_methods_within(&ballots, &request, 5, Duration::ZERO).unwrap();
        assert_eq!(spent.methods.len(), 1, "the first method always runs");
        assert_eq!(
            spent.skipped.len(),
            all.methods.len() + all.skipped.len() - 1
        );
        assert!(
            spent.skipped.iter().all(|s| s.contains("budget")),
            "{:?}",
            spent.skipped
        );
    }
}
