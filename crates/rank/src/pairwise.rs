//! Pairwise-majority methods: Copeland, Schulze and Ranked Pairs, over a weighted majority
//! matrix.
//!
//! # The majority matrix and unlisted items
//!
//! `prefer(a, b)` is the total weight of the lists that put `a` above `b`. Inside a list, ranked
//! entries beat entries ranked lower, tied entries do not compare, and **unranked mentions form
//! one tier below the ranked entries** (so a ranked item beats a mention, two mentions tie).
//! Items a list does not name are handled by an [`Unlisted`] policy:
//!
//! - [`Unlisted::BelowListed`] (default): a named item beats every unnamed one; two unnamed items
//!   tie (are not compared). This is pref_voting's "extended strict preference" and FLAGR's
//!   Condorcet/Copeland treatment.
//! - [`Unlisted::Ignore`]: a list only compares pairs it names both of (pref_voting's "strict
//!   preference", corankco's "induced" scheme).
//!
//! The margin of `a` over `b` is `prefer(a, b) - prefer(b, a)`; `a` beats `b` in the majority
//! graph when the margin is positive (beyond a float tolerance of `1e-9` × total weight).

use crate::consensus::{Direction, Outcome};
use crate::explain::{Contribution, Explanation, Placement};
use crate::method::Method;
use crate::profile::{Ballot, ItemId, Profile};
pub use crate::sparse_pairwise::schulze_defeaters_without_matrix;
use crate::sparse_pairwise::CoNamed;
use crate::RankError;
use rayon::prelude::*;

/// How a list compares items it does not name (module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unlisted {
    /// A named item beats every unnamed one; two unnamed items are not compared.
    #[default]
    BelowListed,
    /// Only pairs of items the list names both are compared.
    Ignore,
}

impl Unlisted {
    /// The name used in parameters and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Unlisted::BelowListed => "below-listed",
            Unlisted::Ignore => "ignore",
        }
    }

    /// Parses `below-listed` or `ignore`.
    pub fn parse(s: &str) -> Result<Unlisted, RankError> {
        match s {
            "below-listed" | "below" | "extended" => Ok(Unlisted::BelowListed),
            "ignore" | "strict" => Ok(Unlisted::Ignore),
            other => Err(RankError::InvalidParameter {
                name: "unlisted".into(),
                message: format!("`{other}` is not `below-listed` or `ignore`"),
            }),
        }
    }
}

/// The weighted pairwise preference matrix of a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct PairwiseMatrix {
    n: usize,
    prefer: Vec<f64>,
    tolerance: f64,
    /// Row-major bit matrix of `beats(a, b)`, computed once: the graph algorithms ask it
    /// `O(n²)` times, and bits stay in cache where the `f64` column reads would not.
    beats_bits: Vec<u64>,
    words_per_row: usize,
}

impl PairwiseMatrix {
    /// Tallies every list's pairwise preferences under `policy`.
    ///
    /// Cost: `O(Σ named²)` over lists plus `O(n²)`: a list's "named beats unnamed" votes are
    /// counted as `listed_weight(a) - both_named_weight(a, b)` instead of list by list.
    pub fn new(profile: &Profile, policy: Unlisted) -> PairwiseMatrix {
        let n = profile.item_count();
        let mut prefer = vec![0.0; n * n];
        let mut both = if policy == Unlisted::BelowListed {
            vec![0.0; n * n]
        } else {
            Vec::new()
        };
        let mut listed = vec![0.0; n];
        let mut named: Vec<(usize, u32)> = Vec::new();
        for ballot in profile.ballots() {
            let w = ballot.weight();
            named.clear();
            named.extend(ballot.tiers().map(|(i, pos, _)| (i.index(), pos)));
            for (x, &(a, pa)) in named.iter().enumerate() {
                if let Some(l) = listed.get_mut(a) {
                    *l += w;
                }
                for &(b, pb) in named.iter().skip(x + 1) {
                    // `named` is sorted by position, so `pa <= pb`.
                    if pa < pb {
                        if let Some(c) = prefer.get_mut(a * n + b) {
                            *c += w;
                        }
                    }
                    if policy == Unlisted::BelowListed {
                        if let Some(c) = both.get_mut(a * n + b) {
                            *c += w;
                        }
                        if let Some(c) = both.get_mut(b * n + a) {
                            *c += w;
                        }
                    }
                }
            }
        }
        if policy == Unlisted::BelowListed {
            for a in 0..n {
                for b in 0..n {
                    if a != b {
                        let idx = a * n + b;
                        if let (Some(p), Some(&bo), Some(&la)) =
                            (prefer.get_mut(idx), both.get(idx), listed.get(a))
                        {
                            *p += la - bo;
                        }
                    }
                }
            }
        }
        let tolerance = 1e-9 * profile.total_weight().max(1.0);
        let words_per_row = n.div_ceil(64);
        let mut beats_bits = vec![0u64; n * words_per_row];
        for a in 0..n {
            for b in a + 1..n {
                let (ab, ba) = (
                    prefer.get(a * n + b).copied().unwrap_or(0.0),
                    prefer.get(b * n + a).copied().unwrap_or(0.0),
                );
                let (winner, loser) = if ab - ba > tolerance {
                    (a, b)
                } else if ba - ab > tolerance {
                    (b, a)
                } else {
                    continue;
                };
                if let Some(w) = beats_bits.get_mut(winner * words_per_row + loser / 64) {
                    *w |= 1 << (loser % 64);
                }
            }
        }
        PairwiseMatrix {
            n,
            prefer,
            tolerance,
            beats_bits,
            words_per_row,
        }
    }

    /// [`PairwiseMatrix::new`], refusing profiles whose matrix would not fit in memory (more
    /// than [`PairwiseMatrix::MAX_ITEMS`] items) with [`RankError::TooManyItems`] rather than
    /// failing to allocate.
    pub fn try_new(profile: &Profile, policy: Unlisted) -> Result<PairwiseMatrix, RankError> {
        let n = profile.item_count();
        if n > Self::MAX_ITEMS {
            return Err(RankError::TooManyItems {
                items: n,
                limit: Self::MAX_ITEMS,
            });
        }
        Ok(PairwiseMatrix::new(profile, policy))
    }

    /// The most items a matrix holds: two `n × n` tables of `f64` take 1.6 GB at 10,000.
    pub const MAX_ITEMS: usize = 10_000;

    /// Number of items.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when there are no items.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Weight of the lists preferring `a` to `b`.
    pub fn prefer(&self, a: usize, b: usize) -> f64 {
        self.prefer.get(a * self.n + b).copied().unwrap_or(0.0)
    }

    /// `prefer(a, b) - prefer(b, a)`.
    pub fn margin(&self, a: usize, b: usize) -> f64 {
        self.prefer(a, b) - self.prefer(b, a)
    }

    /// True when a majority (by weight) prefers `a` to `b`.
    pub fn beats(&self, a: usize, b: usize) -> bool {
        self.beats_bits
            .get(a * self.words_per_row + b / 64)
            .is_some_and(|w| w >> (b % 64) & 1 == 1)
    }

    /// True when neither beats the other.
    pub fn ties(&self, a: usize, b: usize) -> bool {
        a != b && !self.beats(a, b) && !self.beats(b, a)
    }

    /// Strongly connected components of the graph with an edge `a → b` when `edge(a, b)`, in
    /// topological order (a component's edges only lead to later components). Iterative Tarjan
    /// over the dense matrix, so deep graphs cannot overflow the stack.
    pub fn components(&self, edge: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
        let n = self.n;
        tarjan(n, |v, from| (from..n).find(|&w| w != v && edge(v, w)))
    }
}

/// The score an outcome gives one item.
pub(crate) fn outcome_score(outcome: &Outcome, item: ItemId) -> f64 {
    match outcome {
        Outcome::Scores { scores, .. } | Outcome::Tiers { scores, .. } => {
            scores.get(item.index()).copied().unwrap_or(f64::NAN)
        }
    }
}

/// Per list, the weighted number of items `item` beats and loses to under `policy`.
fn explain_pairwise(
    profile: &Profile,
    name: &str,
    item: ItemId,
    policy: Unlisted,
) -> Result<Explanation, RankError> {
    let n = profile.item_count() as f64;
    Explanation::per_list(profile, name, item, |i, placement| {
        let Some(b) = profile.ballots().get(i) else {
            return Contribution::None;
        };
        let (wins, losses) = pairwise_counts(b, item, placement, n, policy);
        Contribution::Pairwise {
            wins: wins * b.weight(),
            losses: losses * b.weight(),
        }
    })
}

fn pairwise_counts(
    b: &Ballot,
    item: ItemId,
    placement: Placement,
    n: f64,
    policy: Unlisted,
) -> (f64, f64) {
    let named = b.named_count() as f64;
    let unnamed = if policy == Unlisted::BelowListed {
        n - named
    } else {
        0.0
    };
    match placement {
        Placement::Unlisted => (
            0.0,
            if policy == Unlisted::BelowListed {
                named
            } else {
                0.0
            },
        ),
        Placement::Ranked(_) | Placement::Mentioned => {
            let pos = b
                .tiers()
                .find(|(i, _, _)| *i == item)
                .map_or(0, |(_, p, _)| p);
            let better = b.tiers().filter(|&(_, p, _)| p < pos).count() as f64;
            let worse = b.tiers().filter(|&(_, p, _)| p > pos).count() as f64;
            (worse + unnamed, better)
        }
    }
}

/// Copeland: an item scores 1 for every item it beats by majority and ½ for every majority tie
/// (the order equals pref_voting's wins − losses, and the fixtures match it exactly). Unlisted
/// items: see [`Unlisted`]. FLAGR's Copeland agrees on lists without ties but orders tied entries
/// (and mentions) by their position in its input, i.e. it breaks printed ties; we keep them tied.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Copeland {
    /// How lists compare items they do not name.
    pub unlisted: Unlisted,
}

impl Method for Copeland {
    fn name(&self) -> &'static str {
        "copeland"
    }
    fn parameters(&self) -> Vec<(String, String)> {
        vec![("unlisted".into(), self.unlisted.as_str().into())]
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let scores = if profile.item_count() > DENSE_COPELAND_ITEMS {
            copeland_without_matrix(profile, self.unlisted)
        } else {
            copeland_scores(&PairwiseMatrix::new(profile, self.unlisted))
        };
        Ok(Outcome::Scores {
            scores,
            direction: Direction::HigherIsBetter,
        })
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let e = explain_pairwise(profile, self.name(), item, self.unlisted)?;
        let score = outcome_score(&self.outcome(profile)?, item);
        Ok(e.with_score(
            score,
            "score = the number of items it beats by a majority of list weight, plus 1/2 for each majority tie; the lines are the pairwise votes each list casts for and against it",
        ))
    }
}

/// Above this many items Copeland runs without a pairwise matrix ([`copeland_without_matrix`]):
/// an `n × n` matrix of 20,000 items would take gigabytes.
pub const DENSE_COPELAND_ITEMS: usize = 4096;

/// Copeland scores without an `n × n` matrix, in `O(Σ named² + n log n)` time and `O(n)` memory
/// per thread.
///
/// With `L(a)` the weight of the lists naming `a` and `D(a, b)` the weight of the lists naming
/// both that put `a` above `b` minus those putting `b` above `a`, the margin of `a` over `b` is
/// `D(a, b) + L(a) − L(b)` when unnamed items rank below named ones (a list naming only `a`
/// prefers it), and `D(a, b)` when lists compare only what they name. For the pairs no list
/// names together `D` is 0, so `a`'s wins, ties and losses among them follow from the sorted
/// `L` alone; the pairs some list names together are then corrected one by one, found through
/// the lists naming `a`. Same scores as [`copeland_scores`] on [`PairwiseMatrix`] (up to float
/// rounding at the tie tolerance with fractional weights).
pub fn copeland_without_matrix(profile: &Profile, policy: Unlisted) -> Vec<f64> {
    let n = profile.item_count();
    let ballots = profile.ballots();
    let CoNamed {
        start,
        named,
        per_item,
        inverted,
        listed,
    } = CoNamed::new(profile);
    let tolerance = 1e-9 * profile.total_weight().max(1.0);
    let outcome = |margin: f64| -> f64 {
        if margin > tolerance {
            1.0
        } else if margin < -tolerance {
            0.0
        } else {
            0.5
        }
    };
    let mut sorted = listed.clone();
    sorted.sort_by(f64::total_cmp);
    let below_listed = policy == Unlisted::BelowListed;
    // Pairs no list names together, from the sorted listed weights.
    let mut scores: Vec<f64> = (0..n)
        .map(|a| {
            if below_listed {
                let la = listed[a];
                let wins = sorted.partition_point(|&x| x < la - tolerance);
                let losses = n - sorted.partition_point(|&x| x <= la + tolerance);
                let ties = n - wins - losses - 1;
                wins as f64 + 0.5 * ties as f64
            } else {
                0.5 * (n - 1) as f64
            }
        })
        .collect();
    // Each co-named pair a < b once (a ballot's items are sorted, so its items after `a` are the
    // larger ones); per thread, the corrections it finds for both items, summed at the end.
    let corrections = (0..n)
        .into_par_iter()
        .fold(
            || {
                (
                    vec![0.0f64; n],
                    vec![false; n],
                    Vec::<u32>::new(),
                    vec![0.0f64; n],
                )
            },
            |(mut d, mut touched, mut list, mut acc), a| {
                for &(l, k) in inverted.get(per_item[a]..per_item[a + 1]).unwrap_or(&[]) {
                    let l = l as usize;
                    let w = ballots.get(l).map_or(0.0, Ballot::weight);
                    let slice = named.get(start[l]..start[l + 1]).unwrap_or(&[]);
                    let pa = slice.get(k as usize).map_or(0, |e| e.1);
                    for &(b, pb) in slice.get(k as usize + 1..).unwrap_or(&[]) {
                        let b = b as usize;
                        if !touched[b] {
                            touched[b] = true;
                            list.push(b as u32);
                        }
                        if pa < pb {
                            d[b] += w;
                        } else if pb < pa {
                            d[b] -= w;
                        }
                    }
                }
                for &b in list.iter() {
                    let b = b as usize;
                    let default = if below_listed {
                        listed[a] - listed[b]
                    } else {
                        0.0
                    };
                    let m = d[b] + default;
                    acc[a] += outcome(m) - outcome(default);
                    acc[b] += outcome(-m) - outcome(-default);
                    d[b] = 0.0;
                    touched[b] = false;
                }
                list.clear();
                (d, touched, list, acc)
            },
        )
        .map(|(_, _, _, acc)| acc)
        .reduce(
            || vec![0.0f64; n],
            |mut x, y| {
                for (a, b) in x.iter_mut().zip(y) {
                    *a += b;
                }
                x
            },
        );
    for (s, c) in scores.iter_mut().zip(corrections) {
        *s += c;
    }
    scores
}

/// Copeland scores (wins + ½ ties) from a matrix.
pub fn copeland_scores(m: &PairwiseMatrix) -> Vec<f64> {
    let n = m.len();
    (0..n)
        .map(|a| {
            (0..n)
                .filter(|&b| b != a)
                .map(|b| {
                    if m.beats(a, b) {
                        1.0
                    } else if m.beats(b, a) {
                        0.0
                    } else {
                        0.5
                    }
                })
                .sum()
        })
        .collect()
}

/// Schulze's beatpath method with its full ranking.
///
/// The strength of a path is its weakest margin; `a` defeats `b` when the strongest path from
/// `a` to `b` is stronger than the strongest from `b` to `a` (only positive margins are edges).
/// The ranking orders items by **how many items defeat them** (fewer is better), which is a
/// linear extension of Schulze's strict order; items defeated by equally many tie — exactly as
/// pref_voting's `beat_path_defeat` is ranked in the peer fixtures. Unlisted items: see
/// [`Unlisted`].
///
/// Strongest paths between two items of one strongly connected component of the majority graph
/// never leave it, and between components only reachability matters, so the cubic
/// Floyd–Warshall step runs per component. Above [`DENSE_SCHULZE_ITEMS`] items the graph is
/// never stored whole ([`schulze_defeaters_without_matrix`]): only a component of more than
/// [`PairwiseMatrix::MAX_ITEMS`] items is refused.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Schulze {
    /// How lists compare items they do not name.
    pub unlisted: Unlisted,
}

impl Method for Schulze {
    fn name(&self) -> &'static str {
        "schulze"
    }
    fn parameters(&self) -> Vec<(String, String)> {
        vec![
            ("unlisted".into(), self.unlisted.as_str().into()),
            ("strength".into(), "margin".into()),
        ]
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let defeaters = if profile.item_count() > DENSE_SCHULZE_ITEMS {
            schulze_defeaters_without_matrix(profile, self.unlisted)?
        } else {
            schulze_defeaters(&PairwiseMatrix::try_new(profile, self.unlisted)?)
        };
        Ok(Outcome::Scores {
            scores: defeaters.into_iter().map(f64::from).collect(),
            direction: Direction::LowerIsBetter,
        })
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let e = explain_pairwise(profile, self.name(), item, self.unlisted)?;
        let score = outcome_score(&self.outcome(profile)?, item);
        Ok(e.with_score(
            score,
            "score = the number of items that defeat it by beatpath (fewer is better); beatpaths are chains of majority margins, built from the pairwise votes in the lines",
        ))
    }
}

/// Above this many items Schulze runs without a pairwise matrix
/// ([`schulze_defeaters_without_matrix`]): same counts, and the matrix of 20,000 items would
/// take gigabytes.
pub const DENSE_SCHULZE_ITEMS: usize = 4096;

/// A fixed-size bitset over item indices.
#[derive(Debug, Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }
    fn set(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
    fn and_not(&self, other: &Bits) -> Bits {
        Bits(self.0.iter().zip(&other.0).map(|(a, b)| a & !b).collect())
    }
    fn or(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
    fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        Bits::ones_of(&self.0)
    }
    fn ones_of(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
        words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let t = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + t)
            })
        })
    }
}

/// Strongly connected components of a dense graph on `s` local nodes given as bit rows
/// (`adj[v * words + w / 64]` bit `w % 64` is the edge `v → w`), in topological order (a
/// component's edges only lead to later components). Iterative Tarjan that finds each next
/// neighbour by scanning the row's words, so a sparse row costs `s / 64` words, not `s` tests.
fn dense_components(s: usize, words: usize, adj: &[u64]) -> Vec<Vec<usize>> {
    let next_neighbour = |v: usize, from: usize| -> Option<usize> {
        let row = adj.get(v * words..(v + 1) * words)?;
        let mut wi = from / 64;
        let mut word = row.get(wi)? & (!0u64).checked_shl((from % 64) as u32).unwrap_or(0);
        loop {
            if word != 0 {
                let w = wi * 64 + word.trailing_zeros() as usize;
                return (w < s).then_some(w);
            }
            wi += 1;
            word = *row.get(wi)?;
        }
    };
    tarjan(s, next_neighbour)
}

/// Strongly connected components of a graph on `n` nodes, in topological order (a component's
/// edges only lead to later components), each sorted. `next_neighbour(v, from)` is the first
/// `w >= from` with an edge `v → w`. Iterative Tarjan, so deep graphs cannot overflow the stack.
fn tarjan(n: usize, next_neighbour: impl Fn(usize, usize) -> Option<usize>) -> Vec<Vec<usize>> {
    let unvisited = usize::MAX;
    let mut index = vec![unvisited; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut comps: Vec<Vec<usize>> = Vec::new();
    let mut next_index = 0usize;
    // (node, next neighbour to look at)
    let mut call: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != unvisited {
            continue;
        }
        call.push((root, 0));
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut next)) = call.last_mut() {
            let mut descended = false;
            while let Some(w) = next_neighbour(v, *next) {
                *next = w + 1;
                if index[w] == unvisited {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                    descended = true;
                    break;
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            }
            if descended {
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                comp.sort_unstable();
                comps.push(comp);
            }
        }
    }
    // Tarjan emits sinks first.
    comps.reverse();
    comps
}

/// For components in topological order of a graph, how many items of *other* components reach
/// each component (the sizes of all components with a path to it). `edge(c, d)` says whether
/// some edge leads from component `c` to the later component `d`.
fn reached_by(sizes: &[usize], edges: &[(usize, usize)]) -> Vec<u32> {
    let k = sizes.len();
    let mut reach: Vec<Bits> = vec![Bits::new(k); k];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); k];
    for &(c, d) in edges {
        if let Some(o) = out.get_mut(c) {
            o.push(d);
        }
    }
    for c in (0..k).rev() {
        let mut r = Bits::new(k);
        for &d in &out[c] {
            if !r.get(d) {
                r.or(&reach[d]);
                r.set(d);
            }
        }
        reach[c] = r;
    }
    let mut by = vec![0u32; k];
    for (c, r) in reach.iter().enumerate() {
        for d in r.ones() {
            if let Some(x) = by.get_mut(d) {
                *x += u32::try_from(sizes[c]).unwrap_or(u32::MAX);
            }
        }
    }
    by
}

/// Splits `items` (global indices) into the components of the graph with an edge `a → b` when
/// `edge(a, b)`, and adds to `counts[b]` the number of items of other components that reach
/// `b`'s component. Returns the components, in topological order.
fn split_and_count(
    items: &[usize],
    edge: impl Fn(usize, usize) -> bool + Sync,
    counts: &mut [u32],
) -> Vec<Vec<usize>> {
    let s = items.len();
    let words = s.div_ceil(64);
    let mut adj = vec![0u64; s * words];
    adj.par_chunks_mut(words.max(1))
        .enumerate()
        .for_each(|(i, row)| {
            let Some(&a) = items.get(i) else { return };
            for (j, &b) in items.iter().enumerate() {
                if i != j && edge(a, b) {
                    if let Some(w) = row.get_mut(j / 64) {
                        *w |= 1 << (j % 64);
                    }
                }
            }
        });
    let comps = dense_components(s, words, &adj);
    let mut comp_of = vec![0usize; s];
    for (c, members) in comps.iter().enumerate() {
        for &v in members {
            comp_of[v] = c;
        }
    }
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut seen = vec![usize::MAX; comps.len()];
    for (c, members) in comps.iter().enumerate() {
        for &v in members {
            let row = adj.get(v * words..(v + 1) * words).unwrap_or(&[]);
            for w in Bits::ones_of(row) {
                let d = comp_of.get(w).copied().unwrap_or(c);
                if d != c && seen[d] != c {
                    seen[d] = c;
                    edges.push((c, d));
                }
            }
        }
    }
    let sizes: Vec<usize> = comps.iter().map(Vec::len).collect();
    let by = reached_by(&sizes, &edges);
    for (c, members) in comps.iter().enumerate() {
        for &v in members {
            if let Some(x) = items.get(v).and_then(|&g| counts.get_mut(g)) {
                *x += by[c];
            }
        }
    }
    comps
        .into_iter()
        .map(|c| {
            c.into_iter()
                .filter_map(|v| items.get(v).copied())
                .collect()
        })
        .collect()
}

/// For each item, how many items defeat it under Schulze.
///
/// `a` defeats `b` when the widest path from `a` to `b` (its weakest margin) is wider than the
/// widest path back. Instead of all-pairs widest paths (cubic), the defeats come from strongly
/// connected components at rising thresholds: at threshold `t` (edges with margin above `t`),
/// if `a`'s component reaches `b`'s but not the other way, then the widest path from `a` to `b`
/// is above `t` and every path back is at most `t`, so `a` defeats `b`; items of one component
/// are then separated, if at all, at a higher threshold inside that component. So: split the
/// majority graph into components and count the defeats between them; inside each component
/// drop its weakest edges (margins within the matrix tolerance of its minimum) and repeat.
pub fn schulze_defeaters(m: &PairwiseMatrix) -> Vec<u32> {
    let n = m.len();
    let mut defeaters = vec![0u32; n];
    let all: Vec<usize> = (0..n).collect();
    let mut work: Vec<(Vec<usize>, f64)> = Vec::new();
    for comp in split_and_count(&all, |a, b| m.beats(a, b), &mut defeaters) {
        if comp.len() > 1 {
            work.push((comp, f64::NEG_INFINITY));
        }
    }
    refine_schulze(
        work,
        |a, b| m.beats(a, b),
        |a, b| m.margin(a, b),
        m.tolerance,
        &mut defeaters,
    );
    defeaters
}

/// The refinement step of [`schulze_defeaters`]: each `(component, above)` of `work` holds
/// the items of one component of the graph of majority edges with margin above `above`; its
/// weakest such edges are dropped, the defeats between the parts it splits into are counted in
/// `defeaters`, and the parts are refined in turn. `beats` and `margin` take the indices the
/// components hold.
pub(crate) fn refine_schulze(
    mut work: Vec<(Vec<usize>, f64)>,
    beats: impl Fn(usize, usize) -> bool + Sync,
    margin: impl Fn(usize, usize) -> f64 + Sync,
    tolerance: f64,
    defeaters: &mut [u32],
) {
    while let Some((comp, above)) = work.pop() {
        // The component stays strongly connected while the edges kept include its bottleneck:
        // the weakest link of the widest paths from one item to all and from all to it. Every
        // level below that splits nothing, so go straight to it.
        let s = comp.len();
        let strength = |i: usize, j: usize| -> f64 {
            let (a, b) = (comp[i], comp[j]);
            if a != b && beats(a, b) {
                let m = margin(a, b);
                if m > above {
                    return m;
                }
            }
            f64::NEG_INFINITY
        };
        let bottleneck =
            widest_from_first(s, strength).min(widest_from_first(s, |i, j| strength(j, i)));
        if !bottleneck.is_finite() {
            continue;
        }
        let level = bottleneck + tolerance;
        let parts = split_and_count(&comp, |a, b| beats(a, b) && margin(a, b) > level, defeaters);
        for part in parts {
            if part.len() > 1 {
                work.push((part, level));
            }
        }
    }
}

/// The weakest link of the widest paths from local item 0 to every other of `s` items, where
/// `strength(i, j)` is the width of the edge `i → j` (`-inf` for none): Prim's order over a
/// dense graph, `O(s²)`.
fn widest_from_first(s: usize, strength: impl Fn(usize, usize) -> f64) -> f64 {
    if s < 2 {
        return f64::INFINITY;
    }
    let mut best = vec![f64::NEG_INFINITY; s];
    let mut done = vec![false; s];
    best[0] = f64::INFINITY;
    let mut weakest = f64::INFINITY;
    for _ in 0..s {
        let mut pick: Option<(usize, f64)> = None;
        for (v, &b) in best.iter().enumerate() {
            if !done[v] && pick.is_none_or(|(_, pb)| b > pb) {
                pick = Some((v, b));
            }
        }
        let Some((u, width)) = pick else { break };
        if width == f64::NEG_INFINITY {
            return width;
        }
        done[u] = true;
        weakest = weakest.min(width);
        for (v, b) in best.iter_mut().enumerate() {
            if !done[v] {
                let through = width.min(strength(u, v));
                if through > *b {
                    *b = through;
                }
            }
        }
    }
    weakest
}

/// Ranked Pairs (Tideman): lock majority pairs from the largest margin down, skipping any that
/// would close a cycle.
///
/// Equal margins are taken in the order of (winner's label, loser's label), so the result does
/// not depend on input order. By default pairs with margin 0 are **not** locked, so items the
/// majority cannot separate stay tied: a tie between two lists is reported, not decided by the
/// alphabet. With `lock_zero_margins`, zero-margin pairs are locked last, in label order, which
/// yields a strict order — exactly the completion that the pref_voting driver in the peer
/// fixtures uses (`tests/peers.rs` checks both). Items are ranked by how many items are locked
/// above them (fewer is better), a linear extension of the locked order. Unlisted items: see
/// [`Unlisted`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RankedPairs {
    /// How lists compare items they do not name.
    pub unlisted: Unlisted,
    /// Also lock zero margins (in label order) to force a strict order.
    pub lock_zero_margins: bool,
}

impl Method for RankedPairs {
    fn name(&self) -> &'static str {
        "ranked-pairs"
    }
    fn parameters(&self) -> Vec<(String, String)> {
        vec![
            ("unlisted".into(), self.unlisted.as_str().into()),
            ("equal margins".into(), "label order".into()),
            (
                "zero margins".into(),
                if self.lock_zero_margins {
                    "locked"
                } else {
                    "tie"
                }
                .into(),
            ),
        ]
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let m = PairwiseMatrix::try_new(profile, self.unlisted)?;
        let n = m.len();
        let labels = profile.labels();
        // Equal margins are taken in label order: compare ranks of the labels, not strings.
        let mut by_label: Vec<usize> = (0..n).collect();
        by_label.sort_by(|&a, &b| labels[a].cmp(&labels[b]).then(a.cmp(&b)));
        let mut label_rank = vec![0usize; n];
        for (r, &i) in by_label.iter().enumerate() {
            label_rank[i] = r;
        }
        // Locked pairs are majority pairs (plus, when locked, zero margins), so a cycle of locked
        // pairs stays inside one strongly connected component of that graph: every pair between
        // components is locked, forward, and each component is decided on its own.
        let lock_zero = self.lock_zero_margins;
        let all: Vec<usize> = (0..n).collect();
        let mut unused = vec![0u32; n];
        let comps = split_and_count(
            &all,
            |a, b| m.beats(a, b) || (lock_zero && m.ties(a, b)),
            &mut unused,
        );
        let mut comp_of = vec![0usize; n];
        for (c, members) in comps.iter().enumerate() {
            for &v in members {
                comp_of[v] = c;
            }
        }
        // Items in a topological order of the locked graph, and each one's locked successors
        // inside its component (already transitively closed).
        let mut topo: Vec<usize> = Vec::with_capacity(n);
        let mut inside: Vec<Vec<usize>> = vec![Vec::new(); n];
        for comp in &comps {
            if comp.len() == 1 {
                topo.extend(comp);
                continue;
            }
            let s = comp.len();
            // Sort keys: larger margin first, then the winner's and the loser's label order.
            // Every key is distinct, so an unstable sort is deterministic.
            let key = |margin: f64, a: usize, b: usize| -> u128 {
                let bits = margin.to_bits();
                let ascending = if bits >> 63 == 1 {
                    !bits
                } else {
                    bits | 1 << 63
                };
                (u128::from(!ascending) << 64)
                    | ((label_rank[a] as u128) << 32)
                    | (label_rank[b] as u128)
            };
            let mut pairs: Vec<(u128, u32, u32)> = Vec::new();
            for (i, &a) in comp.iter().enumerate() {
                for (j, &b) in comp.iter().enumerate() {
                    let margin = if m.beats(a, b) {
                        m.margin(a, b)
                    } else if lock_zero && m.ties(a, b) {
                        0.0
                    } else {
                        continue;
                    };
                    pairs.push((key(margin, a, b), i as u32, j as u32));
                }
            }
            pairs.sort_unstable_by_key(|p| p.0);
            // below[x] / above[x]: items locked below / above x, transitively closed. Locking
            // a → b adds b and everything below it to a and everything above a; an item that
            // already reaches b already holds all of it (closure), so it is skipped.
            let mut below: Vec<Bits> = vec![Bits::new(s); s];
            let mut above_sets: Vec<Bits> = vec![Bits::new(s); s];
            for (_, a, b) in pairs {
                let (a, b) = (a as usize, b as usize);
                if below[a].get(b) || below[b].get(a) {
                    continue;
                }
                let mut desc = below[b].clone();
                desc.set(b);
                let mut anc = above_sets[a].clone();
                anc.set(a);
                // Only items that do not reach b yet gain anything (Italiano's incremental
                // closure): cubic over 64 in all, whatever the order of the pairs.
                let gaining_above = anc.and_not(&above_sets[b]);
                let gaining_below = desc.and_not(&below[a]);
                for x in gaining_above.ones() {
                    below[x].or(&desc);
                }
                for y in gaining_below.ones() {
                    above_sets[y].or(&anc);
                }
            }
            // Fewer items above comes first: a topological order of the closed locked order.
            let mut local: Vec<usize> = (0..s).collect();
            local.sort_by_key(|&i| (above_sets[i].ones().count(), i));
            for i in local {
                topo.push(comp[i]);
                inside[comp[i]] = below[i].ones().map(|j| comp[j]).collect();
            }
        }
        let mut position = vec![0usize; n];
        for (p, &x) in topo.iter().enumerate() {
            position[x] = p;
        }
        // Everything locked below each item: its locked successors inside its component and
        // every majority pair to a later component, closed from the last item back.
        let mut desc: Vec<Bits> = vec![Bits::new(n); n];
        let mut succ: Vec<usize> = Vec::new();
        for &x in topo.iter().rev() {
            succ.clear();
            succ.extend(inside[x].iter().copied());
            succ.extend((0..n).filter(|&y| comp_of[y] != comp_of[x] && m.beats(x, y)));
            succ.sort_unstable_by_key(|&y| position[y]);
            let mut d = Bits::new(n);
            for &y in &succ {
                if !d.get(y) {
                    d.or(&desc[y]);
                    d.set(y);
                }
            }
            desc[x] = d;
        }
        let mut above = vec![0u32; n];
        for set in &desc {
            for y in set.ones() {
                if let Some(c) = above.get_mut(y) {
                    *c += 1;
                }
            }
        }
        Ok(Outcome::Scores {
            scores: above.into_iter().map(f64::from).collect(),
            direction: Direction::LowerIsBetter,
        })
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let e = explain_pairwise(profile, self.name(), item, self.unlisted)?;
        let score = outcome_score(&self.outcome(profile)?, item);
        Ok(e.with_score(
            score,
            "score = the number of items locked above it (fewer is better); pairs are locked by majority margin, built from the pairwise votes in the lines",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::read_csv;

    fn profile(csv: &str) -> Profile {
        read_csv(format!("list_id,rank,item\n{csv}").as_bytes()).unwrap()
    }

    #[test]
    fn listed_beats_unlisted_and_mentions_rank_below_entries() {
        let p = profile("a,1,x\na,,y\nb,1,z\n");
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        // x over y (ranked over mention) in a; x over z in a; z over x, y in b.
        assert_eq!(m.prefer(0, 1), 1.0);
        assert_eq!(m.prefer(0, 2), 1.0);
        assert_eq!(m.prefer(2, 0), 1.0);
        assert_eq!(m.prefer(1, 2), 1.0);
        assert_eq!(m.prefer(2, 1), 1.0);
        let ig = PairwiseMatrix::new(&p, Unlisted::Ignore);
        assert_eq!(ig.prefer(0, 2), 0.0);
        assert_eq!(ig.prefer(0, 1), 1.0);
    }

    #[test]
    fn condorcet_cycle_ties_under_copeland_and_schulze_breaks_by_margin() {
        // x>y>z (3), y>z>x (2), z>x>y (2): x beats y 5-2, y beats z 5-2, z beats x 4-3.
        let mut csv = String::new();
        for (i, order) in [["x", "y", "z"]; 3]
            .iter()
            .chain(&[["y", "z", "x"]; 2])
            .chain(&[["z", "x", "y"]; 2])
            .enumerate()
        {
            for (r, item) in order.iter().enumerate() {
                csv.push_str(&format!("l{i},{},{item}\n", r + 1));
            }
        }
        let p = profile(&csv);
        let c = Copeland::default().aggregate(&p).unwrap();
        assert!(c.rows.iter().all(|r| r.rank == 1 && r.tied));
        // Schulze: weakest link z>x (1) is dropped: x > y > z.
        let s = Schulze::default().aggregate(&p).unwrap();
        let order: Vec<&str> = s.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(order, ["x", "y", "z"]);
        let rp = RankedPairs::default().aggregate(&p).unwrap();
        let order: Vec<&str> = rp.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(order, ["x", "y", "z"]);
    }

    /// Schulze by Floyd–Warshall over all pairs: the definition, for comparison.
    fn schulze_reference(m: &PairwiseMatrix) -> Vec<u32> {
        let n = m.len();
        let mut p = vec![0.0f64; n * n];
        for a in 0..n {
            for b in 0..n {
                if a != b && m.beats(a, b) {
                    p[a * n + b] = m.margin(a, b);
                }
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    if i != j && i != k && j != k {
                        let via = p[i * n + k].min(p[k * n + j]);
                        if via > p[i * n + j] {
                            p[i * n + j] = via;
                        }
                    }
                }
            }
        }
        let mut d = vec![0u32; n];
        for i in 0..n {
            for j in 0..n {
                if i != j && p[i * n + j] > p[j * n + i] + m.tolerance {
                    d[j] += 1;
                }
            }
        }
        d
    }

    /// Ranked Pairs over all pairs with a full closure, for comparison.
    fn ranked_pairs_reference(p: &Profile, m: &PairwiseMatrix, lock_zero: bool) -> Vec<u32> {
        let n = m.len();
        let labels = p.labels();
        let mut pairs = Vec::new();
        for a in 0..n {
            for b in 0..n {
                if m.beats(a, b) {
                    pairs.push((m.margin(a, b), a, b));
                } else if lock_zero && m.ties(a, b) {
                    pairs.push((0.0, a, b));
                }
            }
        }
        pairs.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then_with(|| labels[x.1].cmp(&labels[y.1]))
                .then_with(|| labels[x.2].cmp(&labels[y.2]))
        });
        let mut reach = vec![vec![false; n]; n];
        for (_, a, b) in pairs {
            if reach[a][b] || reach[b][a] {
                continue;
            }
            let from: Vec<usize> = (0..n).filter(|&x| x == a || reach[x][a]).collect();
            let to: Vec<usize> = (0..n).filter(|&y| y == b || reach[b][y]).collect();
            for &x in &from {
                for &y in &to {
                    reach[x][y] = true;
                }
            }
        }
        (0..n)
            .map(|y| (0..n).filter(|&x| reach[x][y]).count() as u32)
            .collect()
    }

    #[test]
    fn component_algorithms_match_the_definitions_on_random_profiles() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for case in 0..120 {
            let items = rng.gen_range(3..14);
            let lists = rng.gen_range(1..9);
            let mut csv = String::new();
            for l in 0..lists {
                let k = rng.gen_range(1..=items);
                let mut pool: Vec<usize> = (0..items).collect();
                for r in 0..k {
                    let i = pool.swap_remove(rng.gen_range(0..pool.len()));
                    let rank = if rng.gen_bool(0.15) {
                        String::new()
                    } else {
                        (r + 1 - usize::from(r > 0 && rng.gen_bool(0.2))).to_string()
                    };
                    csv.push_str(&format!("l{l},{rank},i{i}\n"));
                }
            }
            let p = profile(&csv);
            for policy in [Unlisted::BelowListed, Unlisted::Ignore] {
                let m = PairwiseMatrix::new(&p, policy);
                assert_eq!(schulze_defeaters(&m), schulze_reference(&m), "case {case}");
                for lock_zero in [false, true] {
                    let rp = RankedPairs {
                        unlisted: policy,
                        lock_zero_margins: lock_zero,
                    };
                    let got: Vec<u32> = match rp.outcome(&p).unwrap() {
                        Outcome::Scores { scores, .. } => {
                            scores.iter().map(|&s| s as u32).collect()
                        }
                        Outcome::Tiers { .. } => unreachable!(),
                    };
                    assert_eq!(
                        got,
                        ranked_pairs_reference(&p, &m, lock_zero),
                        "case {case}"
                    );
                }
            }
        }
    }

    #[test]
    fn copeland_without_a_matrix_equals_the_matrix() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        for _ in 0..60 {
            let items = rng.gen_range(2..30);
            let mut csv = String::new();
            for l in 0..rng.gen_range(1..12) {
                let mut pool: Vec<usize> = (0..items).collect();
                for r in 0..rng.gen_range(1..=items.min(8)) {
                    let i = pool.swap_remove(rng.gen_range(0..pool.len()));
                    let rank = if rng.gen_bool(0.2) {
                        String::new()
                    } else {
                        (r + 1).to_string()
                    };
                    csv.push_str(&format!("l{l},{rank},i{i}\n"));
                }
            }
            let p = profile(&csv);
            for policy in [Unlisted::BelowListed, Unlisted::Ignore] {
                let m = PairwiseMatrix::new(&p, policy);
                assert_eq!(copeland_without_matrix(&p, policy), copeland_scores(&m));
            }
        }
    }

    #[test]
    fn components_come_in_topological_order() {
        let p = profile("a,1,x\na,2,y\na,3,z\n");
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        assert_eq!(
            m.components(|a, b| m.beats(a, b)),
            vec![vec![0], vec![1], vec![2]]
        );
    }

    #[test]
    fn pairwise_explanation_counts_wins_and_losses() {
        let p = profile("a,1,x\na,2,y\nb,1,z\n");
        let e = Copeland::default().explain(&p, ItemId(1)).unwrap();
        // In a, y loses to x and beats unlisted z; in b, y is unlisted and loses to z.
        assert_eq!(
            e.lists[0].contribution,
            Contribution::Pairwise {
                wins: 1.0,
                losses: 1.0
            }
        );
        assert_eq!(
            e.lists[1].contribution,
            Contribution::Pairwise {
                wins: 0.0,
                losses: 1.0
            }
        );
    }
}
