//! Uncertainty by bootstrap over lists.
//!
//! Each replicate draws as many lists as the profile has, uniformly **with replacement** (a list
//! drawn twice counts twice, with its own weight each time), re-runs the method on that sample
//! and records every item's consensus rank (tied items share the best rank of their tie, as in
//! the consensus table). From the `B` replicates each item gets:
//!
//! - a rank interval at `level` (default 90%): the `(1 − level)/2` and `(1 + level)/2` empirical
//!   quantiles of its ranks, by the inverse of the empirical distribution function (the smallest
//!   rank whose cumulative share reaches the quantile; no interpolation, so the bounds are ranks
//!   that occurred);
//! - the median rank (same rule, quantile 0.5);
//! - `P(in top N)`: the share of replicates in which its rank is at most `N`.
//!
//! **Determinism**: replicate `r` draws from a ChaCha8 generator seeded with `seed` on stream
//! `r`, so each replicate's sample depends only on `(seed, r)`. Replicates run in parallel with
//! rayon and are collected in replicate order, so the result is the same for every thread
//! count.
//!
//! A replicate whose sample cannot be aggregated (say every drawn list has weight 0) is skipped
//! and counted in [`BootstrapReport::skipped`]; the statistics are over the others.

use crate::consensus::{tiers_from_scores, Consensus, Outcome};
use crate::method::Method;
use crate::profile::{ItemId, Profile};
use crate::RankError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

/// Bootstrap settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bootstrap {
    /// Number of replicates `B` (at least 1).
    pub replicates: usize,
    /// Seed; the same seed gives the same report.
    pub seed: u64,
    /// `N` in `P(in top N)` (default 10).
    pub top_n: u32,
    /// Coverage of the rank interval, in (0, 1) (default 0.9).
    pub level: f64,
}

impl Default for Bootstrap {
    fn default() -> Self {
        Bootstrap {
            replicates: 1000,
            seed: 0,
            top_n: 10,
            level: 0.9,
        }
    }
}

/// One item's bootstrap statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemUncertainty {
    /// The item.
    pub item: ItemId,
    /// Its label.
    pub label: String,
    /// Lower end of the rank interval (best rank).
    pub rank_low: u32,
    /// Upper end of the rank interval (worst rank).
    pub rank_high: u32,
    /// Median rank over the replicates.
    pub rank_median: u32,
    /// Share of replicates with rank at most `top_n`.
    pub prob_top_n: f64,
}

/// The bootstrap result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapReport {
    /// Replicates asked for.
    pub replicates: usize,
    /// Replicates skipped because their sample could not be aggregated.
    pub skipped: usize,
    /// The seed.
    pub seed: u64,
    /// `N` of `P(in top N)`.
    pub top_n: u32,
    /// Interval coverage.
    pub level: f64,
    /// Per item, indexed by [`ItemId`].
    pub items: Vec<ItemUncertainty>,
}

impl BootstrapReport {
    /// The statistics of one item.
    pub fn item(&self, item: ItemId) -> Option<&ItemUncertainty> {
        self.items.get(item.index())
    }
}

impl Bootstrap {
    /// The most replicates a run accepts.
    pub const MAX_REPLICATES: usize = 100_000;

    fn validate(&self) -> Result<(), RankError> {
        if self.replicates == 0 {
            return Err(RankError::InvalidParameter {
                name: "bootstrap".into(),
                message: "the number of replicates must be at least 1".into(),
            });
        }
        // Every replicate's ranks are kept for the intervals: cap the count before allocating.
        if self.replicates > Self::MAX_REPLICATES {
            return Err(RankError::InvalidParameter {
                name: "bootstrap".into(),
                message: format!(
                    "at most {} replicates, got {}; 1,000 to 10,000 is the usual range",
                    Self::MAX_REPLICATES,
                    self.replicates
                ),
            });
        }
        if !(self.level > 0.0 && self.level < 1.0) {
            return Err(RankError::InvalidParameter {
                name: "bootstrap level".into(),
                message: format!("must be strictly between 0 and 1, got {}", self.level),
            });
        }
        Ok(())
    }

    /// The list indices drawn for replicate `replicate`: a function of `(seed, replicate)` only.
    pub fn sample(&self, lists: usize, replicate: usize) -> Vec<usize> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(replicate as u64);
        (0..lists).map(|_| rng.gen_range(0..lists)).collect()
    }

    /// Runs `method` on every replicate.
    pub fn run(
        &self,
        profile: &Profile,
        method: &dyn Method,
    ) -> Result<BootstrapReport, RankError> {
        let n = profile.item_count();
        self.run_with(profile, |p| method.aggregate(p).map(|c| c.ranks(n)))
    }

    /// Runs any ranking function on every replicate. `rank_items` returns the consensus rank of
    /// every item (indexed by [`ItemId`], 1 = best, ties sharing a rank), e.g.
    /// `|p| method.aggregate(p).map(|c| c.ranks(n))`.
    ///
    /// Errors: invalid settings; every replicate failing (the first replicate's error).
    pub fn run_with<F>(
        &self,
        profile: &Profile,
        rank_items: F,
    ) -> Result<BootstrapReport, RankError>
    where
        F: Fn(&Profile) -> Result<Vec<u32>, RankError> + Sync,
    {
        self.validate()?;
        let n = profile.item_count();
        let lists = profile.ballots().len();
        if lists == 0 {
            return Err(RankError::NoLists);
        }
        let outcomes: Vec<Result<Vec<u32>, RankError>> = (0..self.replicates)
            .into_par_iter()
            .map(|r| {
                let sample = profile.resampled(&self.sample(lists, r))?;
                rank_items(&sample)
            })
            .collect();
        let mut first_error = None;
        let mut ranks: Vec<Vec<u32>> = Vec::with_capacity(self.replicates);
        for outcome in outcomes {
            match outcome {
                Ok(r) => ranks.push(r),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        let done = ranks.len();
        if done == 0 {
            return Err(first_error.unwrap_or(RankError::NoLists));
        }
        let tail = (1.0 - self.level) / 2.0;
        let items = (0..n)
            .into_par_iter()
            .map(|i| {
                // An item missing from a replicate's ranking counts as last.
                let mut item_ranks: Vec<u32> = ranks
                    .iter()
                    .map(|r| r.get(i).copied().filter(|&x| x > 0).unwrap_or(n as u32))
                    .collect();
                item_ranks.sort_unstable();
                let in_top = item_ranks.iter().filter(|&&x| x <= self.top_n).count();
                let id = ItemId(i as u32);
                ItemUncertainty {
                    item: id,
                    label: profile.label(id).to_string(),
                    rank_low: quantile(&item_ranks, tail),
                    rank_high: quantile(&item_ranks, 1.0 - tail),
                    rank_median: quantile(&item_ranks, 0.5),
                    prob_top_n: in_top as f64 / done as f64,
                }
            })
            .collect();
        Ok(BootstrapReport {
            replicates: self.replicates,
            skipped: self.replicates - done,
            seed: self.seed,
            top_n: self.top_n,
            level: self.level,
            items,
        })
    }
}

/// Consensus rank per item (1 = best, tied items share the best rank of their tier, items the
/// outcome leaves out share the last rank), as [`Consensus::from_outcome`] assigns them.
pub fn ranks_of(outcome: Outcome, n: usize) -> Vec<u32> {
    let tiers = match outcome {
        Outcome::Scores { scores, direction } => tiers_from_scores(&scores, direction),
        Outcome::Tiers { tiers, .. } => tiers,
    };
    let mut ranks = vec![0u32; n];
    let mut placed = 0u32;
    for tier in tiers {
        let rank = placed + 1;
        for item in tier {
            if let Some(r) = ranks.get_mut(item.index()) {
                if *r == 0 {
                    *r = rank;
                    placed += 1;
                }
            }
        }
    }
    let rest = placed + 1;
    ranks
        .iter_mut()
        .filter(|r| **r == 0)
        .for_each(|r| *r = rest);
    ranks
}

/// The empirical quantile `q` of sorted values: the smallest value whose cumulative share is at
/// least `q` (index `ceil(q·len) − 1`, clamped).
fn quantile(sorted: &[u32], q: f64) -> u32 {
    let len = sorted.len();
    let idx = ((q * len as f64).ceil() as usize).clamp(1, len.max(1)) - 1;
    sorted.get(idx).copied().unwrap_or(0)
}

/// Convenience: a consensus and its bootstrap in one call.
pub fn with_uncertainty(
    profile: &Profile,
    method: &dyn Method,
    settings: &Bootstrap,
) -> Result<(Consensus, BootstrapReport), RankError> {
    let consensus = method.aggregate(profile)?;
    let report = settings.run(profile, method)?;
    Ok((consensus, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_match_the_consensus_table() {
        use crate::positional::Borda;
        use crate::profile::ListInput;
        let list = |label: &str, items: &[&str]| ListInput {
            label: label.into(),
            ranked: items
                .iter()
                .enumerate()
                .map(|(r, s)| (r as u32 + 1, s.to_string()))
                .collect(),
            ..ListInput::default()
        };
        let p = Profile::from_lists(vec![
            list("a", &["x", "y", "z"]),
            list("b", &["y", "x", "w"]),
            list("c", &["z"]),
        ])
        .unwrap();
        let n = p.item_count();
        let consensus = Borda.aggregate(&p).unwrap();
        assert_eq!(ranks_of(Borda.outcome(&p).unwrap(), n), consensus.ranks(n));
        let tiers = Outcome::Tiers {
            tiers: vec![vec![ItemId(2)], vec![ItemId(0), ItemId(2), ItemId(1)]],
            scores: vec![0.0; n],
        };
        assert_eq!(ranks_of(tiers, n), vec![2, 2, 1, 4]);
    }

    #[test]
    fn quantiles_follow_the_inverse_distribution_function() {
        let v: Vec<u32> = (1..=20).collect();
        assert_eq!(quantile(&v, 0.05), 1);
        assert_eq!(quantile(&v, 0.95), 19);
        assert_eq!(quantile(&v, 0.5), 10);
        assert_eq!(quantile(&[7], 0.05), 7);
        assert_eq!(quantile(&[], 0.5), 0);
    }

    #[test]
    fn samples_depend_only_on_seed_and_replicate() {
        let b = Bootstrap {
            seed: 42,
            ..Bootstrap::default()
        };
        assert_eq!(b.sample(50, 3), b.sample(50, 3));
        assert_ne!(b.sample(50, 3), b.sample(50, 4));
        assert!(b.sample(50, 3).iter().all(|&i| i < 50));
        let other = Bootstrap { seed: 43, ..b };
        assert_ne!(b.sample(50, 3), other.sample(50, 3));
    }
}
