//! The result of a method: a [`Consensus`], and the one function that builds it from what a
//! method computes (an [`Outcome`]), so every method reports ties and breaks them the same way.
//!
//! # Ties and the tie-break
//!
//! Items whose scores are equal (within a relative tolerance of 1e-9, so that summing the same
//! numbers in another order cannot split a tie) — or that a method puts in one tier — **share a
//! consensus rank** and are flagged `tied`. Inside a tie the rows are listed in a deterministic
//! order: more #1 places first, then more lists naming the item, then the better best rank, then
//! the label in byte order. That order is for display only; it never splits a tie.

use crate::profile::{ItemId, Profile};
use serde::Serialize;

/// Whether larger or smaller scores are better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Larger is better (points, wins).
    HigherIsBetter,
    /// Smaller is better (mean rank, p-values).
    LowerIsBetter,
}

/// What a method computes.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// One score per item (indexed by [`ItemId`]); equal scores tie.
    Scores {
        /// Per-item scores.
        scores: Vec<f64>,
        /// Which way is better.
        direction: Direction,
    },
    /// An explicit order in tiers (best first, items of a tier tie), with a display score per
    /// item. Items missing from every tier are appended as one last tier.
    Tiers {
        /// Tiers of tied items, best first.
        tiers: Vec<Vec<ItemId>>,
        /// Per-item display scores.
        scores: Vec<f64>,
    },
}

/// One row of a consensus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsensusRow {
    /// The item.
    pub item: ItemId,
    /// Its label.
    pub label: String,
    /// Consensus rank (1 is best; tied items share the rank, the next rank skips).
    pub rank: u32,
    /// True when another item shares this rank.
    pub tied: bool,
    /// The method's score (its own scale; see the method's docs).
    pub score: f64,
    /// Number of lists that rank the item.
    pub lists_ranking: u32,
    /// Number of lists that mention it without a rank.
    pub lists_mentioning: u32,
    /// Its best printed rank, if any list ranks it.
    pub best_rank: Option<u32>,
    /// The median of its printed ranks over the lists that rank it.
    pub median_rank: Option<f64>,
    /// Number of lists that rank it first (position 1, ties included).
    pub first_places: u32,
}

/// The result of one method over one profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consensus {
    /// The method's name (`borda`, `schulze`, …).
    pub method: String,
    /// The parameters it ran with, as `(name, value)`.
    pub parameters: Vec<(String, String)>,
    /// One row per item, best first.
    pub rows: Vec<ConsensusRow>,
    /// What the reader should know about this result (an iterative method that stopped before
    /// converging, say); empty when all is well.
    pub warnings: Vec<String>,
}

impl Consensus {
    /// Builds the consensus rows from a method's outcome (see the module docs for ties).
    pub fn from_outcome(
        profile: &Profile,
        method: impl Into<String>,
        parameters: Vec<(String, String)>,
        outcome: Outcome,
    ) -> Consensus {
        Consensus::with_stats(profile, method, parameters, outcome, item_stats(profile))
    }

    /// [`Consensus::from_outcome`] with the per-item stats already counted (so that a method
    /// can count them while it runs).
    pub(crate) fn with_stats(
        profile: &Profile,
        method: impl Into<String>,
        parameters: Vec<(String, String)>,
        outcome: Outcome,
        stats: Vec<ItemStats>,
    ) -> Consensus {
        let n = profile.item_count();
        let (tiers, scores) = match outcome {
            Outcome::Scores { scores, direction } => {
                (tiers_from_scores(&scores, direction), scores)
            }
            Outcome::Tiers { tiers, scores } => (complete_tiers(tiers, n), scores),
        };
        let mut rows = Vec::with_capacity(n);
        for tier in tiers {
            let rank = u32::try_from(rows.len() + 1).unwrap_or(u32::MAX);
            let tied = tier.len() > 1;
            let mut tier_rows: Vec<ConsensusRow> = tier
                .into_iter()
                .map(|item| {
                    let s = stats.get(item.index()).cloned().unwrap_or_default();
                    ConsensusRow {
                        item,
                        label: profile.label(item).to_string(),
                        rank,
                        tied,
                        score: scores.get(item.index()).copied().unwrap_or(f64::NAN),
                        lists_ranking: s.ranked,
                        lists_mentioning: s.mentioned,
                        best_rank: s.best,
                        median_rank: s.median,
                        first_places: s.firsts,
                    }
                })
                .collect();
            tier_rows.sort_by(display_order);
            rows.extend(tier_rows);
        }
        Consensus {
            method: method.into(),
            parameters,
            rows,
            warnings: Vec::new(),
        }
    }

    /// The row of an item, if present.
    pub fn row(&self, item: ItemId) -> Option<&ConsensusRow> {
        self.rows.iter().find(|r| r.item == item)
    }

    /// Items best first (ties in display order).
    pub fn order(&self) -> Vec<ItemId> {
        self.rows.iter().map(|r| r.item).collect()
    }

    /// Consensus rank per item, indexed by [`ItemId`] (0 for an item without a row).
    pub fn ranks(&self, item_count: usize) -> Vec<u32> {
        let mut ranks = vec![0; item_count];
        for r in &self.rows {
            if let Some(slot) = ranks.get_mut(r.item.index()) {
                *slot = r.rank;
            }
        }
        ranks
    }
}

/// The display order inside a tie (module docs).
fn display_order(a: &ConsensusRow, b: &ConsensusRow) -> std::cmp::Ordering {
    b.first_places
        .cmp(&a.first_places)
        .then((b.lists_ranking + b.lists_mentioning).cmp(&(a.lists_ranking + a.lists_mentioning)))
        .then(
            a.best_rank
                .unwrap_or(u32::MAX)
                .cmp(&b.best_rank.unwrap_or(u32::MAX)),
        )
        .then(a.label.cmp(&b.label))
        .then(a.item.cmp(&b.item))
}

/// True when two scores are equal up to float summation noise: within a **relative** tolerance
/// of 1e-9 of the larger magnitude, whatever the scale (p-values of 1e-12 and 2e-12, or
/// strengths of 0.001 and 0.0011, are different scores).
pub fn scores_tie(a: f64, b: f64) -> bool {
    if a == b {
        return true;
    }
    let scale = a.abs().max(b.abs());
    (a - b).abs() <= 1e-9 * scale
}

/// Groups items into tiers by score: sorted best first, and an item joins the current tier when
/// its score ties ([`scores_tie`]) the score of the tier's **first** item — ties do not chain, so
/// `a ≈ b ≈ c` with `a` and `c` apart splits rather than merging distinct scores. NaN scores
/// sort last and tie with each other.
pub fn tiers_from_scores(scores: &[f64], direction: Direction) -> Vec<Vec<ItemId>> {
    let key = |s: f64| -> f64 {
        if s.is_nan() {
            f64::NEG_INFINITY
        } else if direction == Direction::HigherIsBetter {
            s
        } else {
            -s
        }
    };
    let mut ids: Vec<ItemId> = (0..scores.len())
        .filter_map(|i| u32::try_from(i).ok().map(ItemId))
        .collect();
    ids.sort_by(|a, b| {
        let (ka, kb) = (key(scores[a.index()]), key(scores[b.index()]));
        kb.total_cmp(&ka).then(a.cmp(b))
    });
    let mut tiers: Vec<Vec<ItemId>> = Vec::new();
    let mut anchor: Option<f64> = None;
    for id in ids {
        let k = key(scores[id.index()]);
        match (anchor, tiers.last_mut()) {
            (Some(p), Some(last)) if scores_tie(p, k) || (p.is_infinite() && p == k) => {
                last.push(id)
            }
            _ => {
                tiers.push(vec![id]);
                anchor = Some(k);
            }
        }
    }
    tiers
}

/// Drops out-of-range and repeated ids and appends items missing from every tier as one tier.
fn complete_tiers(tiers: Vec<Vec<ItemId>>, n: usize) -> Vec<Vec<ItemId>> {
    let mut placed = vec![false; n];
    let mut out: Vec<Vec<ItemId>> = Vec::with_capacity(tiers.len());
    for tier in tiers {
        let kept: Vec<ItemId> = tier
            .into_iter()
            .filter(|id| match placed.get_mut(id.index()) {
                Some(p) if !*p => {
                    *p = true;
                    true
                }
                _ => false,
            })
            .collect();
        if !kept.is_empty() {
            out.push(kept);
        }
    }
    let rest: Vec<ItemId> = placed
        .iter()
        .enumerate()
        .filter(|(_, &p)| !p)
        .filter_map(|(i, _)| u32::try_from(i).ok().map(ItemId))
        .collect();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// What the consensus rows report of an item beside its score: lists ranking and mentioning
/// it, its best and median printed rank, its #1s.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ItemStats {
    ranked: u32,
    mentioned: u32,
    best: Option<u32>,
    firsts: u32,
    median: Option<f64>,
}

/// Per-item counts and the median printed rank. When printed ranks are small (top-10s to
/// top-100s: the usual case) they are counted per item and rank, the ballots split across
/// threads; otherwise [`item_stats_by_selection`].
pub(crate) fn item_stats(profile: &Profile) -> Vec<ItemStats> {
    use rayon::prelude::*;
    let max_rank = profile
        .ballots()
        .par_iter()
        .filter_map(|b| b.ranked().iter().map(|e| e.printed_rank).max())
        .max()
        .unwrap_or(0);
    let width = max_rank as usize + 1;
    if max_rank <= HISTOGRAM_MAX_RANK && profile.item_count() * width <= HISTOGRAM_CELLS {
        item_stats_by_counting(profile, width)
    } else {
        item_stats_by_selection(profile)
    }
}

/// The largest printed rank, and the most (item, rank) cells, for which ranks are counted.
const HISTOGRAM_MAX_RANK: u32 = 1024;
const HISTOGRAM_CELLS: usize = 1 << 22;

/// Cells before an item's counts per printed rank in [`item_stats_by_counting`]'s rows.
const MENTIONED: usize = 0;
const FIRSTS: usize = 1;
const AT_RANK: usize = 2;

/// Each thread tallies its share of the lists into one row per item — mentions, #1s, then how
/// often the item was printed at each rank (its ranked count is their sum) — so an entry
/// touches one place; the rows are summed and each item's row gives its stats.
fn item_stats_by_counting(profile: &Profile, width: usize) -> Vec<ItemStats> {
    use rayon::prelude::*;
    let n = profile.item_count();
    let row = AT_RANK + width;
    let ballots = profile.ballots();
    let threads = rayon::current_num_threads().max(1);
    let per_thread = ballots.len().div_ceil(threads).max(1);
    let tally = ballots
        .par_chunks(per_thread)
        .map(|chunk| {
            let mut t = vec![0u32; n * row];
            for ballot in chunk {
                for e in ballot.ranked() {
                    let at = e.item.index() * row;
                    if let Some(c) = t.get_mut(at + AT_RANK + e.printed_rank as usize) {
                        *c += 1;
                    }
                    if e.position == 1 {
                        if let Some(c) = t.get_mut(at + FIRSTS) {
                            *c += 1;
                        }
                    }
                }
                for m in ballot.mentions() {
                    if let Some(c) = t.get_mut(m.index() * row + MENTIONED) {
                        *c += 1;
                    }
                }
            }
            t
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_else(|| vec![0u32; n * row]);
    tally
        .chunks(row)
        .map(|cells| {
            let at_rank = cells.get(AT_RANK..).unwrap_or(&[]);
            let ranked = at_rank.iter().sum();
            ItemStats {
                ranked,
                mentioned: cells.get(MENTIONED).copied().unwrap_or(0),
                best: at_rank
                    .iter()
                    .position(|&c| c > 0)
                    .and_then(|r| u32::try_from(r).ok()),
                firsts: cells.get(FIRSTS).copied().unwrap_or(0),
                median: median_of_counts(at_rank, ranked),
            }
        })
        .collect()
}

/// The median of `total` values given as counts per value (`counts[v]` values equal to `v`);
/// the mean of the two middle values when `total` is even, as [`median`].
fn median_of_counts(counts: &[u32], total: u32) -> Option<f64> {
    if total == 0 {
        return None;
    }
    // 0-based places of the middle values in sorted order.
    let (low, high) = ((total - 1) / 2, total / 2);
    let mut seen = 0u32;
    let mut low_value = None;
    for (value, &c) in counts.iter().enumerate() {
        seen += c;
        let value = f64::from(u32::try_from(value).unwrap_or(u32::MAX));
        if low_value.is_none() && seen > low {
            low_value = Some(value);
        }
        if seen > high {
            return low_value.map(|l| (l + value) / 2.0);
        }
    }
    None
}

/// [`item_stats`] for large printed ranks: the printed ranks gathered into one flat array
/// grouped by item (a counting sort) and each median found by selection, so the cost is linear
/// in the number of entries with no per-item allocation.
fn item_stats_by_selection(profile: &Profile) -> Vec<ItemStats> {
    let n = profile.item_count();
    let mut stats = vec![ItemStats::default(); n];
    for ballot in profile.ballots() {
        for e in ballot.ranked() {
            if let Some(s) = stats.get_mut(e.item.index()) {
                s.ranked += 1;
                s.best = Some(s.best.map_or(e.printed_rank, |b| b.min(e.printed_rank)));
                if e.position == 1 {
                    s.firsts += 1;
                }
            }
        }
        for m in ballot.mentions() {
            if let Some(s) = stats.get_mut(m.index()) {
                s.mentioned += 1;
            }
        }
    }
    let mut start = Vec::with_capacity(n + 1);
    let mut total = 0usize;
    for s in &stats {
        start.push(total);
        total += s.ranked as usize;
    }
    start.push(total);
    let mut fill = start.clone();
    let mut flat = vec![0u32; total];
    for ballot in profile.ballots() {
        for e in ballot.ranked() {
            if let Some(slot) = fill.get_mut(e.item.index()) {
                if let Some(x) = flat.get_mut(*slot) {
                    *x = e.printed_rank;
                }
                *slot += 1;
            }
        }
    }
    for (i, s) in stats.iter_mut().enumerate() {
        if let (Some(&a), Some(&b)) = (start.get(i), start.get(i + 1)) {
            if let Some(values) = flat.get_mut(a..b) {
                s.median = median(values);
            }
        }
    }
    stats
}

/// The median of `values` (reordered in place); the mean of the two middle values when even.
fn median(values: &mut [u32]) -> Option<f64> {
    let len = values.len();
    if len == 0 {
        return None;
    }
    let mid = len / 2;
    let (lower, &mut upper, _) = values.select_nth_unstable(mid);
    if len % 2 == 1 {
        Some(f64::from(upper))
    } else {
        let below = lower.iter().copied().max().unwrap_or(upper);
        Some((f64::from(below) + f64::from(upper)) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ListInput;
    use proptest::prelude::*;

    proptest! {
        /// Counting printed ranks gives the same counts, best ranks and medians as gathering
        /// and selecting them (ties, pages starting past #1, mentions, items never ranked).
        #[test]
        fn item_stats_by_counting_agree_with_selection(
            lists in prop::collection::vec(
                (prop::collection::vec((1u32..40, 0usize..30), 0..12),
                 prop::collection::vec(0usize..30, 0..4)),
                1..25,
            )
        ) {
            let lists: Vec<ListInput> = lists
                .into_iter()
                .enumerate()
                .map(|(l, (ranked, mentions))| {
                    let mut seen = std::collections::HashSet::new();
                    let ranked: Vec<(u32, String)> = ranked
                        .into_iter()
                        .filter(|(_, i)| seen.insert(*i))
                        .map(|(r, i)| (r, format!("i{i}")))
                        .collect();
                    let mentions = mentions
                        .into_iter()
                        .filter(|i| seen.insert(*i))
                        .map(|i| format!("i{i}"))
                        .collect();
                    ListInput { label: format!("l{l}"), ranked, mentions, ..ListInput::default() }
                })
                .collect();
            let Ok(p) = Profile::from_lists(lists) else { return Ok(()) };
            let width = p
                .ballots()
                .iter()
                .flat_map(|b| b.ranked().iter().map(|e| e.printed_rank as usize))
                .max()
                .unwrap_or(0)
                + 1;
            prop_assert_eq!(item_stats_by_counting(&p, width), item_stats_by_selection(&p));
        }
    }

    #[test]
    fn small_distinct_scores_do_not_tie_and_ties_do_not_chain() {
        let id = |i: u32| ItemId(i);
        // p-values far below 1 are different scores (they tied under an absolute tolerance).
        let tiers = tiers_from_scores(&[1e-12, 2e-12, 3e-12], Direction::LowerIsBetter);
        assert_eq!(tiers, vec![vec![id(0)], vec![id(1)], vec![id(2)]]);
        // a ≈ b and b ≈ c but a and c apart: a and b tie, c does not join through b.
        let step = 0.6e-9;
        let tiers = tiers_from_scores(
            &[1.0, 1.0 - step, 1.0 - 2.0 * step],
            Direction::HigherIsBetter,
        );
        assert_eq!(tiers, vec![vec![id(0), id(1)], vec![id(2)]]);
        // Summation noise still ties.
        let tiers = tiers_from_scores(&[0.1 + 0.2, 0.3], Direction::HigherIsBetter);
        assert_eq!(tiers.len(), 1);
    }

    #[test]
    fn equal_scores_share_a_rank_and_the_next_rank_skips() {
        let p = Profile::from_lists(vec![ListInput {
            label: "a".into(),
            ranked: vec![(1, "x".into()), (2, "y".into()), (3, "z".into())],
            ..ListInput::default()
        }])
        .unwrap();
        let c = Consensus::from_outcome(
            &p,
            "test",
            vec![],
            Outcome::Scores {
                scores: vec![2.0, 2.0 + 1e-12, 1.0],
                direction: Direction::HigherIsBetter,
            },
        );
        let ranks: Vec<(String, u32, bool)> = c
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.rank, r.tied))
            .collect();
        assert_eq!(
            ranks,
            vec![
                ("x".into(), 1, true),
                ("y".into(), 1, true),
                ("z".into(), 3, false)
            ]
        );
        assert_eq!(c.rows[0].first_places, 1);
        assert_eq!(c.rows[1].median_rank, Some(2.0));
    }
}
