//! Markov chain MC4 (Dwork, Kumar, Naor and Sivakumar 2001, "Rank aggregation methods for the
//! Web").
//!
//! A random walk over the items: standing on item `P`, pick an item `Q` uniformly from all `n`
//! items; move to `Q` if a majority prefers `Q` to `P`, otherwise stay. With probability
//! `damping` the walk instead jumps to a uniformly random item (as in PageRank), which makes the
//! chain ergodic so its stationary distribution is unique. Items are ranked by their stationary
//! probability, higher first; equal probabilities tie.
//!
//! **Majority**: `Q` beats `P` when strictly more list weight puts `Q` above `P` than `P` above
//! `Q`; lists that tie the two, or that do not decide the pair, abstain.
//!
//! **Unlisted items** ([`Unlisted`]): by default ([`Unlisted::BelowListed`]) a list
//! puts every item it names above every item it does not name, and decides nothing between two
//! unnamed items. [`Unlisted::Ignore`] is Dwork et al.'s original reading: a list decides
//! only pairs it names both of. **Mentions** are a tier below the ranked entries (or dropped,
//! [`Mentions::Drop`]); tied items are not compared.
//!
//! **Stationary distribution**: power iteration from the uniform distribution until the L1
//! change is below `tolerance`, or `max_iterations` (the result then says it did not converge).
//! Each step costs `O(n + pairs)` where `pairs` is the number of item pairs some list names
//! together: under `BelowListed` two items no list names together are decided by how
//! much list weight names each (`Q` beats `P` iff more weight names `Q`), so those pairs are
//! handled by one sort of the items and prefix sums instead of an `n × n` matrix.
//!
//! **Difference from FLAGR's MC4** (the `pyflagr` peer fixture): FLAGR moves from `P` to `Q`
//! unless `P` beats `Q` in more than half of *all* lists (not of the lists that rank both), and
//! with probability `1/(2n)` when no list ranks both. On sparse top-k data almost no pair reaches
//! a majority of all lists, so its walk is close to uniform and most items tie at `1/n`; ours
//! follows the paper and separates them (see `tests/peers_probabilistic.rs`).

use crate::agreement::{ballot_tiers, Mentions};
use crate::consensus::{Consensus, Direction, Outcome};
use crate::explain::{Contribution, Explanation};
use crate::method::Method;
use crate::pairwise::Unlisted;
use crate::profile::{ItemId, Profile};
use crate::RankError;
use serde::Serialize;

/// MC4 (module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mc4 {
    /// Probability of a uniform jump at each step, in \[0, 1) (default 0.15).
    pub damping: f64,
    /// Stop when the L1 change of the distribution is below this (default 1e-12).
    pub tolerance: f64,
    /// Iteration cap (default 10,000).
    pub max_iterations: usize,
    /// Which pairs a list decides (default: a named item beats every unnamed one).
    pub unlisted: Unlisted,
    /// Unranked mentions (default: a tier below the ranked entries).
    pub mentions: Mentions,
}

impl Default for Mc4 {
    fn default() -> Self {
        Mc4 {
            damping: 0.15,
            tolerance: 1e-12,
            max_iterations: 10_000,
            unlisted: Unlisted::default(),
            mentions: Mentions::default(),
        }
    }
}

/// The stationary distribution of the MC4 chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mc4Result {
    /// Stationary probability per item (indexed by [`ItemId`]); sums to 1.
    pub stationary: Vec<f64>,
    /// Iterations run.
    pub iterations: usize,
    /// True when the tolerance was met before the cap.
    pub converged: bool,
}

/// A pair relation that differs from the default one (see [`Chain`]).
#[derive(Debug, Clone, Copy)]
struct Correction {
    /// The winner under the default relation, and the loser.
    default_edge: Option<(u32, u32)>,
    /// The winner under the real relation, and the loser.
    actual_edge: Option<(u32, u32)>,
}

/// The "beats" relation, stored as a default relation plus corrections for the pairs some list
/// names together.
struct Chain {
    n: usize,
    /// Under `BelowListed`: the items sorted by named weight, with group boundaries, so
    /// that "beats every item named by less weight" is a prefix sum.
    by_named_weight: Vec<(f64, u32)>,
    default_by_weight: bool,
    corrections: Vec<Correction>,
    /// Number of items that beat each item.
    beaten_by: Vec<f64>,
}

fn strictly_more(a: f64, b: f64) -> bool {
    a - b > 1e-12 * a.abs().max(b.abs()).max(1.0)
}

impl Mc4 {
    fn validate(&self) -> Result<(), RankError> {
        if !(0.0..1.0).contains(&self.damping) {
            return Err(RankError::InvalidParameter {
                name: "damping".into(),
                message: format!("must be in [0, 1), got {}", self.damping),
            });
        }
        crate::check_iterations(self.tolerance, self.max_iterations)?;
        Ok(())
    }

    fn chain(&self, profile: &Profile) -> Chain {
        let n = profile.item_count();
        let mut named_weight = vec![0.0; n];
        // (lo, hi, weight lo above hi, weight hi above lo, weight naming both)
        let mut pairs: Vec<(u64, f64, f64, f64)> = Vec::new();
        for ballot in profile.ballots() {
            let w = ballot.weight();
            if w <= 0.0 {
                continue;
            }
            let tiers = ballot_tiers(ballot, self.mentions);
            let named: Vec<(usize, u32)> = tiers
                .iter()
                .enumerate()
                .flat_map(|(t, tier)| tier.iter().map(move |it| (t, it.0)))
                .collect();
            for &(_, x) in &named {
                if let Some(v) = named_weight.get_mut(x as usize) {
                    *v += w;
                }
            }
            for (i, &(tx, x)) in named.iter().enumerate() {
                for &(ty, y) in named.iter().skip(i + 1) {
                    let (lo, hi, lo_tier, hi_tier) = if x < y {
                        (x, y, tx, ty)
                    } else {
                        (y, x, ty, tx)
                    };
                    let key = (u64::from(lo) << 32) | u64::from(hi);
                    let lo_above = if lo_tier < hi_tier { w } else { 0.0 };
                    let hi_above = if hi_tier < lo_tier { w } else { 0.0 };
                    pairs.push((key, lo_above, hi_above, w));
                }
            }
        }
        pairs.sort_unstable_by_key(|p| p.0);
        let default_by_weight = self.unlisted == Unlisted::BelowListed;
        let default_winner = |a: u32, b: u32| -> Option<(u32, u32)> {
            if !default_by_weight {
                return None;
            }
            let (wa, wb) = (named_weight[a as usize], named_weight[b as usize]);
            if strictly_more(wa, wb) {
                Some((a, b))
            } else if strictly_more(wb, wa) {
                Some((b, a))
            } else {
                None
            }
        };
        let mut corrections = Vec::new();
        let mut start = 0;
        while start < pairs.len() {
            let key = pairs[start].0;
            let mut end = start;
            let (mut lo_above, mut hi_above, mut both) = (0.0, 0.0, 0.0);
            while end < pairs.len() && pairs[end].0 == key {
                lo_above += pairs[end].1;
                hi_above += pairs[end].2;
                both += pairs[end].3;
                end += 1;
            }
            start = end;
            let (lo, hi) = ((key >> 32) as u32, key as u32);
            let (mut pref_lo, mut pref_hi) = (lo_above, hi_above);
            if default_by_weight {
                // Lists naming one of the two but not the other.
                pref_lo += named_weight[lo as usize] - both;
                pref_hi += named_weight[hi as usize] - both;
            }
            let actual = if strictly_more(pref_lo, pref_hi) {
                Some((lo, hi))
            } else if strictly_more(pref_hi, pref_lo) {
                Some((hi, lo))
            } else {
                None
            };
            let default_edge = default_winner(lo, hi);
            if actual != default_edge {
                corrections.push(Correction {
                    default_edge,
                    actual_edge: actual,
                });
            }
        }
        let mut by_named_weight: Vec<(f64, u32)> = named_weight
            .iter()
            .enumerate()
            .map(|(i, &w)| (w, i as u32))
            .collect();
        by_named_weight.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut chain = Chain {
            n,
            by_named_weight,
            default_by_weight,
            corrections,
            beaten_by: vec![0.0; n],
        };
        let mut beaten_by = vec![0.0; n];
        chain.outflow_count(&mut beaten_by);
        chain.beaten_by = beaten_by;
        chain
    }

    /// Per list, the pairwise wins and losses it gives the item — the majorities that steer the
    /// walk — counted as the pairwise methods count them (same unlisted policy, mentions a tier
    /// below). With mentions dropped, only the list's rank is shown.
    ///
    /// Not yet what [`Method::explain`] returns for MC4 (that still shows only each list's rank,
    /// which the seed snapshot records); the CLI can switch to this.
    pub fn explain_pairwise(
        &self,
        profile: &Profile,
        item: ItemId,
    ) -> Result<Explanation, RankError> {
        if self.mentions == Mentions::Drop {
            return Explanation::per_list(profile, "mc4", item, |_, _| Contribution::None);
        }
        let mut e = crate::pairwise::Copeland {
            unlisted: self.unlisted,
        }
        .explain(profile, item)?;
        e.method = "mc4".into();
        Ok(e)
    }

    /// The stationary distribution. Errors: invalid parameters.
    pub fn compute(&self, profile: &Profile) -> Result<Mc4Result, RankError> {
        self.validate()?;
        let chain = self.chain(profile);
        let n = chain.n;
        if n == 0 {
            return Ok(Mc4Result {
                stationary: Vec::new(),
                iterations: 0,
                converged: true,
            });
        }
        let n_f = n as f64;
        let keep = 1.0 - self.damping;
        let jump = self.damping / n_f;
        let mut pi = vec![1.0 / n_f; n];
        let mut inflow = vec![0.0; n];
        let mut next = vec![0.0; n];
        let mut iterations = 0;
        let mut converged = false;
        while iterations < self.max_iterations {
            iterations += 1;
            chain.inflow(&pi, &mut inflow);
            let mut total = 0.0;
            for q in 0..n {
                let stay = 1.0 - chain.beaten_by[q] / n_f;
                next[q] = keep * (inflow[q] / n_f + pi[q] * stay) + jump;
                total += next[q];
            }
            let mut change = 0.0;
            for q in 0..n {
                // Renormalizing only removes rounding drift; the chain preserves mass.
                next[q] /= total;
                change += (next[q] - pi[q]).abs();
            }
            std::mem::swap(&mut pi, &mut next);
            if change < self.tolerance {
                converged = true;
                break;
            }
        }
        Ok(Mc4Result {
            stationary: pi,
            iterations,
            converged,
        })
    }
}

impl Chain {
    /// `out[q] = Σ_{p : q beats p} mass[p]`.
    fn inflow(&self, mass: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|o| *o = 0.0);
        if self.default_by_weight {
            // q beats every p named by strictly less weight.
            let mut below = 0.0;
            let mut i = 0;
            let sorted = &self.by_named_weight;
            while i < sorted.len() {
                let w = sorted[i].0;
                let mut j = i;
                let mut group_mass = 0.0;
                while j < sorted.len() && !strictly_more(sorted[j].0, w) {
                    group_mass += mass[sorted[j].1 as usize];
                    j += 1;
                }
                for &(_, q) in &sorted[i..j] {
                    out[q as usize] = below;
                }
                below += group_mass;
                i = j;
            }
        }
        for c in &self.corrections {
            if let Some((winner, loser)) = c.default_edge {
                out[winner as usize] -= mass[loser as usize];
            }
            if let Some((winner, loser)) = c.actual_edge {
                out[winner as usize] += mass[loser as usize];
            }
        }
    }

    /// `out[p] = #{q : q beats p}`.
    fn outflow_count(&self, out: &mut [f64]) {
        out.iter_mut().for_each(|o| *o = 0.0);
        if self.default_by_weight {
            // p is beaten by every q named by strictly more weight.
            let sorted = &self.by_named_weight;
            let mut i = sorted.len();
            let mut above = 0.0;
            while i > 0 {
                let w = sorted[i - 1].0;
                let mut j = i;
                while j > 0 && !strictly_more(w, sorted[j - 1].0) {
                    j -= 1;
                }
                for &(_, p) in &sorted[j..i] {
                    out[p as usize] = above;
                }
                above += (i - j) as f64;
                i = j;
            }
        }
        for c in &self.corrections {
            if let Some((_, loser)) = c.default_edge {
                out[loser as usize] -= 1.0;
            }
            if let Some((_, loser)) = c.actual_edge {
                out[loser as usize] += 1.0;
            }
        }
    }
}

impl Method for Mc4 {
    fn name(&self) -> &'static str {
        "mc4"
    }

    fn parameters(&self) -> Vec<(String, String)> {
        vec![
            ("damping".into(), self.damping.to_string()),
            ("tolerance".into(), self.tolerance.to_string()),
            ("max_iterations".into(), self.max_iterations.to_string()),
            ("unlisted".into(), self.unlisted.as_str().to_string()),
            ("mentions".into(), format!("{:?}", self.mentions)),
        ]
    }

    /// Scores are stationary probabilities; higher is better.
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        Ok(Outcome::Scores {
            scores: self.compute(profile)?.stationary,
            direction: Direction::HigherIsBetter,
        })
    }

    /// As [`Method::aggregate`], with a warning when the power iteration stopped at the cap.
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        let r = self.compute(profile)?;
        let warning = (!r.converged).then(|| {
            format!(
                "mc4 did not converge within {} iterations (tolerance {}); the probabilities \
                 are the last iterate",
                r.iterations, self.tolerance
            )
        });
        let mut c = Consensus::from_outcome(
            profile,
            self.name(),
            self.parameters(),
            Outcome::Scores {
                scores: r.stationary,
                direction: Direction::HigherIsBetter,
            },
        );
        c.warnings.extend(warning);
        Ok(c)
    }

    /// Per list, the pairwise wins and losses it gives the item ([`Mc4::explain_pairwise`]):
    /// the majorities that steer the walk. The score is the stationary probability, which these
    /// lines produce only through the walk; the rule says how.
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let e = self.explain_pairwise(profile, item)?;
        let r = self.compute(profile)?;
        let score = r.stationary.get(item.index()).copied().unwrap_or(f64::NAN);
        let n = profile.item_count().max(1) as f64;
        Ok(e.with_score(
            score,
            format!(
                "score = the walk's stationary probability: from any item the walk moves to a \
                 uniformly drawn item that beats it by list-weight majority (the lines' wins and \
                 losses add up to those majorities), and with probability {} jumps anywhere; an \
                 item nobody beats keeps its mass, so an item above 1/{n} = {:.6} draws walks in",
                self.damping,
                1.0 / n
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::test_profile as profile;

    /// The chain built naively as an n × n matrix, for comparison.
    fn dense_stationary(profile: &Profile, mc: &Mc4) -> Vec<f64> {
        let n = profile.item_count();
        let mut above = vec![vec![0.0; n]; n];
        for b in profile.ballots() {
            let tiers = ballot_tiers(b, mc.mentions);
            let mut tier_of = vec![usize::MAX; n];
            for (t, tier) in tiers.iter().enumerate() {
                for it in tier {
                    tier_of[it.index()] = t;
                }
            }
            for x in 0..n {
                for y in 0..n {
                    let (tx, ty) = (tier_of[x], tier_of[y]);
                    let decides = match mc.unlisted {
                        Unlisted::Ignore => tx != usize::MAX && ty != usize::MAX,
                        Unlisted::BelowListed => tx != usize::MAX || ty != usize::MAX,
                    };
                    if decides && tx < ty {
                        above[x][y] += b.weight();
                    }
                }
            }
        }
        let mut t = vec![vec![0.0; n]; n];
        for p in 0..n {
            let mut stay = 1.0;
            for q in 0..n {
                if q != p && above[q][p] > above[p][q] {
                    t[p][q] = 1.0 / n as f64;
                    stay -= 1.0 / n as f64;
                }
            }
            t[p][p] = stay;
        }
        let mut pi = vec![1.0 / n as f64; n];
        for _ in 0..20_000 {
            let mut next = vec![mc.damping / n as f64; n];
            for p in 0..n {
                for q in 0..n {
                    next[q] += (1.0 - mc.damping) * pi[p] * t[p][q];
                }
            }
            pi = next;
        }
        pi
    }

    #[test]
    fn sparse_chain_matches_the_dense_definition() {
        let p = profile(&[
            &["a", "b", "c"],
            &["b", "d"],
            &["c", "a", "e"],
            &["e"],
            &["d", "b", "a", "f"],
        ]);
        for unlisted in [Unlisted::BelowListed, Unlisted::Ignore] {
            let mc = Mc4 {
                unlisted,
                ..Mc4::default()
            };
            let fast = mc.compute(&p).unwrap();
            assert!(fast.converged);
            let slow = dense_stationary(&p, &mc);
            for (a, b) in fast.stationary.iter().zip(&slow) {
                assert!(
                    (a - b).abs() < 1e-9,
                    "{unlisted:?}: {:?} vs {slow:?}",
                    fast.stationary
                );
            }
        }
    }

    #[test]
    fn a_condorcet_winner_gets_the_most_mass() {
        let p = profile(&[&["a", "b", "c"], &["a", "c", "b"], &["b", "a", "c"]]);
        let r = Mc4::default().compute(&p).unwrap();
        let best = r
            .stationary
            .iter()
            .enumerate()
            .max_by(|x, y| x.1.total_cmp(y.1))
            .map(|(i, _)| i);
        assert_eq!(best, Some(0));
        assert!((r.stationary.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn explanation_counts_pairwise_wins_and_losses() {
        let p = profile(&[&["a", "b", "c"], &["b", "a"]]);
        let a = p.item("a").unwrap();
        let e = Mc4::default().explain_pairwise(&p, a).unwrap();
        assert_eq!(e.method, "mc4");
        // List 0: a above b and c → 2 wins; list 1: a below b, above the unnamed c → 1-1.
        let lines: Vec<_> = e.lists.iter().map(|l| l.contribution.clone()).collect();
        assert_eq!(
            lines,
            vec![
                Contribution::Pairwise {
                    wins: 2.0,
                    losses: 0.0
                },
                Contribution::Pairwise {
                    wins: 1.0,
                    losses: 1.0
                },
            ]
        );
    }

    #[test]
    fn damping_out_of_range_is_rejected() {
        let p = profile(&[&["a", "b"]]);
        for d in [-0.1, 1.0, f64::NAN] {
            let mc = Mc4 {
                damping: d,
                ..Mc4::default()
            };
            assert!(matches!(
                mc.compute(&p),
                Err(RankError::InvalidParameter { .. })
            ));
        }
    }
}
