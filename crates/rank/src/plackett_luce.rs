//! Plackett–Luce maximum likelihood for top-k partial rankings, by Hunter's MM algorithm.
//!
//! # Model
//!
//! Each item `i` has a strength `w_i > 0`. A list is read as a sequence of choices: its first
//! tier is chosen from every item not yet placed, the next tier from what remains, and so on
//! (Plackett–Luce "universe" semantics for a top-k list: an item the list does not name was
//! available at every position and was not chosen; nothing is said about the order of the
//! unnamed items among themselves). The probability that `i` is chosen from a set `S` is
//! `w_i / Σ_{j∈S} w_j`. For a list without ties this is exactly the Plackett–Luce likelihood of
//! a top-k list, as fitted by choix's `ilsr_top1` on one choice per position.
//!
//! **Ties** ([`Ties`]): by default ([`Ties::ChosenOverLower`]) each item of a tied tier is a
//! choice out of itself and everything below the tier — tied items are not compared with one
//! another (a composite likelihood; for untied lists it is the exact one). [`Ties::BreakByLabel`]
//! breaks ties by item label instead, as the peer script does before calling choix.
//!
//! **Mentions** ([`Mentions`]): by default the unranked mentions are
//! one more tied tier below the ranked entries (chosen over every unnamed item); with
//! `Mentions::Drop` they are ignored, which is what the peer fixture does.
//!
//! **Weights**: a list's choices count with its weight (a weighted likelihood).
//!
//! **Items no list ever chooses** (named only in dropped mentions, or nowhere) have maximum
//! likelihood strength 0: they get strength 0 and P(first) = 0 and tie at the bottom. An item
//! chosen first in every list has no finite maximum; the iteration cap then ends the fit with
//! [`PlackettLuceFit::converged`] false (a small [`PlackettLuce::prior`] makes the problem
//! well-posed).
//!
//! # Algorithm
//!
//! Hunter (2004, "MM algorithms for generalized Bradley–Terry models", §5): for a collection of
//! choices, `w_i ← W_i / Σ_{choices c with i ∈ S_c} weight_c / Σ_{j∈S_c} w_j`, where `W_i` is
//! the weighted number of times `i` is chosen. Each iteration is linear in the number of named
//! entries plus the number of items: within one list the denominator sums are running totals,
//! and the share every unnamed item receives is the same, so it is added once for all items
//! and taken back from the named ones. Strengths are renormalized to sum to 1 after each step.
//! Convergence: the L1 change of the normalized strengths is below [`PlackettLuce::tolerance`].
//!
//! With a prior (`prior = a > 0`) the update is the MAP step for independent Gamma(1 + a, a)
//! priors on the strengths (Caron and Doucet 2012): `w_i ← (a + W_i) / (a + Σ …)`, which keeps
//! every strength positive and finite.

use crate::agreement::{ballot_tiers, Mentions};
use crate::consensus::{Consensus, Direction, Outcome};
use crate::explain::{Contribution, Explanation};
use crate::method::Method;
use crate::profile::{ItemId, Profile};
use crate::RankError;
use serde::Serialize;

/// How tied items in a list are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ties {
    /// Each tied item is chosen over everything below the tie, not over its tie-mates.
    #[default]
    ChosenOverLower,
    /// Ties are broken by item label (byte order), as choix is fed them by the peer script.
    BreakByLabel,
}

/// Plackett–Luce by Hunter's MM (module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct PlackettLuce {
    /// Stop when the L1 change of the normalized strengths is below this (default 1e-9).
    pub tolerance: f64,
    /// Iteration cap (default 10,000).
    pub max_iterations: usize,
    /// Tied items (default [`Ties::ChosenOverLower`]).
    pub ties: Ties,
    /// Unranked mentions (default: one tier below the ranked entries).
    pub mentions: Mentions,
    /// Gamma prior strength `a ≥ 0` (default 0: plain maximum likelihood).
    pub prior: f64,
}

impl Default for PlackettLuce {
    fn default() -> Self {
        PlackettLuce {
            tolerance: 1e-9,
            max_iterations: 10_000,
            ties: Ties::default(),
            mentions: Mentions::default(),
            prior: 0.0,
        }
    }
}

/// The fitted model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlackettLuceFit {
    /// Strength per item (indexed by [`ItemId`]), normalized to sum to 1. Because they sum to
    /// 1, `strengths[i]` is also the probability that item `i` ranks first among all items.
    pub strengths: Vec<f64>,
    /// Iterations run.
    pub iterations: usize,
    /// True when the tolerance was met before the cap.
    pub converged: bool,
    /// Weighted log-likelihood of the data at the fitted strengths.
    pub log_likelihood: f64,
}

impl PlackettLuceFit {
    /// P(item ranks first) per item: the normalized strength.
    pub fn prob_first(&self) -> &[f64] {
        &self.strengths
    }
}

/// One list as choice groups: `(group start, group end)` ranges into `items`, best first.
struct ChoiceList {
    /// Index of the ballot in the profile.
    ballot: usize,
    weight: f64,
    items: Vec<u32>,
    groups: Vec<(usize, usize)>,
}

impl PlackettLuce {
    fn validate(&self) -> Result<(), RankError> {
        crate::check_iterations(self.tolerance, self.max_iterations)?;
        if !(self.prior >= 0.0 && self.prior.is_finite()) {
            return Err(RankError::InvalidParameter {
                name: "prior".into(),
                message: format!("must be finite and not negative, got {}", self.prior),
            });
        }
        Ok(())
    }

    fn choice_lists(&self, profile: &Profile) -> Vec<ChoiceList> {
        profile
            .ballots()
            .iter()
            .enumerate()
            .filter(|(_, b)| b.weight() > 0.0)
            .map(|(index, ballot)| {
                let mut tiers = ballot_tiers(ballot, self.mentions);
                if self.ties == Ties::BreakByLabel {
                    tiers = tiers
                        .into_iter()
                        .flat_map(|mut t| {
                            t.sort_by(|a, b| {
                                profile.label(*a).cmp(profile.label(*b)).then(a.cmp(b))
                            });
                            t.into_iter().map(|i| vec![i])
                        })
                        .collect();
                }
                let mut items = Vec::new();
                let mut groups = Vec::with_capacity(tiers.len());
                for tier in tiers {
                    let start = items.len();
                    items.extend(tier.iter().map(|i| i.0));
                    groups.push((start, items.len()));
                }
                ChoiceList {
                    ballot: index,
                    weight: ballot.weight(),
                    items,
                    groups,
                }
            })
            .collect()
    }

    /// Fits the model. Errors: invalid parameters. Not converging is reported in the fit.
    pub fn fit(&self, profile: &Profile) -> Result<PlackettLuceFit, RankError> {
        self.validate()?;
        let n = profile.item_count();
        let lists = self.choice_lists(profile);
        let n_f = n as f64;
        // W_i: weighted number of times i is chosen (choices from a set of one are skipped: they
        // carry no information and only slow the iteration).
        let mut wins = vec![0.0; n];
        for list in &lists {
            for &(start, end) in &list.groups {
                // Choice set of each member: itself + everything after the tier (named or not).
                let below = n - end;
                if below == 0 {
                    continue;
                }
                for &it in list.items.get(start..end).unwrap_or(&[]) {
                    if let Some(w) = wins.get_mut(it as usize) {
                        *w += list.weight;
                    }
                }
            }
        }
        let mut strength = vec![1.0 / n_f; n];
        let mut next = vec![0.0; n];
        let mut denominators = vec![0.0; n];
        let mut iterations = 0;
        let mut converged = false;
        let prior = self.prior;
        while iterations < self.max_iterations {
            iterations += 1;
            let total: f64 = strength.iter().sum();
            denominators.iter_mut().for_each(|d| *d = 0.0);
            // The share of every item that no list names is added once, for all items.
            let mut common = 0.0;
            for list in &lists {
                let mut placed = 0.0; // strength of the tiers already chosen
                let mut running = 0.0; // Σ over earlier choices of weight / choice-set total
                for &(start, end) in &list.groups {
                    let group = list.items.get(start..end).unwrap_or(&[]);
                    let below = n - end;
                    let tier_sum: f64 = group.iter().map(|&i| strength[i as usize]).sum();
                    let rest = total - placed - tier_sum; // strength of everything below
                    let mut tier_share = 0.0;
                    for &i in group {
                        let own = list.weight / (rest + strength[i as usize]);
                        if below > 0 {
                            // i is in the choice sets of every earlier choice and of its own.
                            denominators[i as usize] += running + own;
                            tier_share += own;
                        } else {
                            denominators[i as usize] += running;
                        }
                    }
                    running += tier_share;
                    placed += tier_sum;
                }
                // Unnamed items were in every choice set of this list.
                common += running;
                for &i in &list.items {
                    denominators[i as usize] -= running;
                }
            }
            for i in 0..n {
                let d = denominators[i] + common;
                next[i] = if prior > 0.0 {
                    (prior + wins[i]) / (prior + d)
                } else if d > 0.0 {
                    wins[i] / d
                } else {
                    0.0
                };
            }
            let sum: f64 = next.iter().sum();
            if !(sum > 0.0 && sum.is_finite()) {
                break;
            }
            let mut change = 0.0;
            for i in 0..n {
                next[i] /= sum;
                change += (next[i] - strength[i]).abs();
            }
            std::mem::swap(&mut strength, &mut next);
            if change < self.tolerance {
                converged = true;
                break;
            }
        }
        let log_likelihood = log_likelihood(&lists, &strength, n);
        Ok(PlackettLuceFit {
            strengths: strength,
            iterations,
            converged,
            log_likelihood,
        })
    }
}

fn log_likelihood(lists: &[ChoiceList], strength: &[f64], n: usize) -> f64 {
    let total: f64 = strength.iter().sum();
    let mut ll = 0.0;
    for list in lists {
        let mut placed = 0.0;
        for &(start, end) in &list.groups {
            let group = list.items.get(start..end).unwrap_or(&[]);
            let tier_sum: f64 = group.iter().map(|&i| strength[i as usize]).sum();
            if n > end {
                let rest = total - placed - tier_sum;
                for &i in group {
                    let w = strength[i as usize];
                    ll += list.weight * (w / (rest + w)).ln();
                }
            }
            placed += tier_sum;
        }
    }
    ll
}

impl Method for PlackettLuce {
    fn name(&self) -> &'static str {
        "plackett-luce"
    }

    fn parameters(&self) -> Vec<(String, String)> {
        vec![
            ("tolerance".into(), self.tolerance.to_string()),
            ("max_iterations".into(), self.max_iterations.to_string()),
            ("ties".into(), format!("{:?}", self.ties)),
            ("mentions".into(), format!("{:?}", self.mentions)),
            ("prior".into(), self.prior.to_string()),
        ]
    }

    /// Scores are the normalized strengths (= P(ranks first)), higher is better.
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        let fit = self.fit(profile)?;
        Ok(Outcome::Scores {
            scores: fit.strengths,
            direction: Direction::HigherIsBetter,
        })
    }

    /// As [`Method::aggregate`], with a warning in [`Consensus::warnings`] when the fit stopped
    /// at the iteration cap before converging.
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        let fit = self.fit(profile)?;
        let warning = (!fit.converged).then(|| self.not_converged(&fit));
        let mut c = Consensus::from_outcome(
            profile,
            self.name(),
            self.parameters(),
            Outcome::Scores {
                scores: fit.strengths,
                direction: Direction::HigherIsBetter,
            },
        );
        c.warnings.extend(warning);
        Ok(c)
    }

    /// Per list, its share of the item's strength at the fit: Hunter's update makes the strength
    /// `(a + W) / (a + D)`, with `W` the weighted number of times lists choose the item and `D`
    /// the weighted sum, over every choice the item was available for, of one over the strength
    /// of that choice set. A list's line is its weight times the times it chose the item, over
    /// `a + D`, so the lines (plus the prior's `a / (a + D)`) add up to the strength.
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let fit = self.fit(profile)?;
        let lists = self.choice_lists(profile);
        let n = profile.item_count();
        let d = denominators(&lists, &fit.strengths, n)
            .get(item.index())
            .copied()
            .unwrap_or(0.0);
        let denominator = self.prior + d;
        let mut chosen = vec![0.0; profile.ballots().len()];
        for list in &lists {
            for &(start, end) in &list.groups {
                if end < n
                    && list
                        .items
                        .get(start..end)
                        .is_some_and(|g| g.contains(&item.0))
                {
                    if let Some(c) = chosen.get_mut(list.ballot) {
                        *c += list.weight;
                    }
                }
            }
        }
        let e = Explanation::per_list(profile, self.name(), item, |i, _| Contribution::Points {
            points: if denominator > 0.0 {
                chosen.get(i).copied().unwrap_or(0.0) / denominator
            } else {
                0.0
            },
        })?;
        let score = fit.strengths.get(item.index()).copied().unwrap_or(f64::NAN);
        let prior_part = if denominator > 0.0 {
            self.prior / denominator
        } else {
            0.0
        };
        let mut rule = format!(
            "score = strength = P(ranked first) = (prior + sum of the lines' choices) / (prior + \
             D), D = {d:.6} (each choice the item was available for, weighted, over the \
             strength of its choice set); each line is its weighted choices of the item / \
             (prior + D); prior share {prior_part:.6}"
        );
        if !fit.converged {
            rule.push_str("; ");
            rule.push_str(&self.not_converged(&fit));
        }
        Ok(e.with_score(score, rule))
    }
}

impl PlackettLuce {
    fn not_converged(&self, fit: &PlackettLuceFit) -> String {
        format!(
            "plackett-luce did not converge within {} iterations (tolerance {}): the strengths \
             are the last iterate; an item that every list naming it ranks first has no finite \
             strength, and a small prior makes the fit converge",
            fit.iterations, self.tolerance
        )
    }
}

/// Per item, Hunter's denominator at `strength`: the weighted sum over the choices the item
/// was available for of one over the choice set's strength.
fn denominators(lists: &[ChoiceList], strength: &[f64], n: usize) -> Vec<f64> {
    let total: f64 = strength.iter().sum();
    let mut denominators = vec![0.0; n];
    let mut common = 0.0;
    for list in lists {
        let mut placed = 0.0;
        let mut running = 0.0;
        for &(start, end) in &list.groups {
            let group = list.items.get(start..end).unwrap_or(&[]);
            let below = n - end;
            let tier_sum: f64 = group.iter().map(|&i| strength[i as usize]).sum();
            let rest = total - placed - tier_sum;
            let mut tier_share = 0.0;
            for &i in group {
                let own = list.weight / (rest + strength[i as usize]);
                if below > 0 {
                    denominators[i as usize] += running + own;
                    tier_share += own;
                } else {
                    denominators[i as usize] += running;
                }
            }
            running += tier_share;
            placed += tier_sum;
        }
        common += running;
        for &i in &list.items {
            denominators[i as usize] -= running;
        }
    }
    for d in &mut denominators {
        *d += common;
    }
    denominators
}

/// The item with the largest strength, for tests and quick looks.
pub fn strongest(fit: &PlackettLuceFit) -> Option<ItemId> {
    fit.strengths
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .and_then(|(i, _)| u32::try_from(i).ok())
        .map(ItemId)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::test_profile as profile;

    #[test]
    fn two_items_match_the_closed_form() {
        // Pairwise: a beats b 3 times, b beats a once → MLE w_a / w_b = 3.
        let p = profile(&[&["a", "b"], &["a", "b"], &["a", "b"], &["b", "a"]]);
        let fit = PlackettLuce::default().fit(&p).unwrap();
        assert!(fit.converged);
        let (a, b) = (fit.strengths[0], fit.strengths[1]);
        assert!((a / b - 3.0).abs() < 1e-6, "{a} {b}");
        assert!((a + b - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_fixed_point_satisfies_the_likelihood_equations() {
        // At the MLE, W_i = Σ_c [i ∈ S_c] w_i / Σ_{S_c} w (expected = observed wins).
        let p = profile(&[
            &["a", "b", "c"],
            &["b", "a"],
            &["c", "a", "d"],
            &["a", "d"],
            &["d", "b", "c"],
            &["b"],
        ]);
        let pl = PlackettLuce::default();
        let fit = pl.fit(&p).unwrap();
        assert!(fit.converged);
        let lists = pl.choice_lists(&p);
        let n = p.item_count();
        let mut expected = vec![0.0; n];
        let mut observed = vec![0.0; n];
        for list in &lists {
            let mut remaining: Vec<u32> = (0..n as u32).collect();
            for &(s, e) in &list.groups {
                let group = &list.items[s..e];
                remaining.retain(|x| !group.contains(x));
                if remaining.is_empty() {
                    continue;
                }
                for &i in group {
                    let set: Vec<u32> = remaining.iter().copied().chain([i]).collect();
                    let tot: f64 = set.iter().map(|&j| fit.strengths[j as usize]).sum();
                    observed[i as usize] += 1.0;
                    for &j in &set {
                        expected[j as usize] += fit.strengths[j as usize] / tot;
                    }
                }
            }
        }
        for i in 0..n {
            assert!(
                (expected[i] - observed[i]).abs() < 1e-5,
                "{i}: {expected:?} {observed:?}"
            );
        }
    }

    #[test]
    fn the_likelihood_does_not_decrease_with_more_iterations() {
        let p = profile(&[&["a", "b", "c"], &["b", "c"], &["c", "a"], &["a", "c", "b"]]);
        let mut last = f64::NEG_INFINITY;
        for it in [1, 2, 5, 20, 100] {
            let fit = PlackettLuce {
                max_iterations: it,
                ..PlackettLuce::default()
            }
            .fit(&p)
            .unwrap();
            assert!(
                fit.log_likelihood >= last - 1e-12,
                "{it}: {} < {last}",
                fit.log_likelihood
            );
            last = fit.log_likelihood;
        }
    }

    #[test]
    fn an_undefeated_item_does_not_converge_without_a_prior_but_does_with_one() {
        let p = profile(&[&["a", "b"], &["a", "c"], &["a", "b", "c"]]);
        let fit = PlackettLuce {
            max_iterations: 200,
            ..PlackettLuce::default()
        }
        .fit(&p)
        .unwrap();
        assert!(!fit.converged);
        let fit = PlackettLuce {
            prior: 0.5,
            ..PlackettLuce::default()
        }
        .fit(&p)
        .unwrap();
        assert!(fit.converged);
        assert_eq!(strongest(&fit), Some(ItemId(0)));
    }

    #[test]
    fn a_fit_that_does_not_converge_warns() {
        let p = profile(&[&["a", "b"], &["a", "c"], &["a", "b", "c"]]);
        let pl = PlackettLuce {
            max_iterations: 200,
            ..PlackettLuce::default()
        };
        let c = pl.aggregate(&p).unwrap();
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(c.warnings[0].contains("did not converge"));
        assert!(PlackettLuce::default()
            .aggregate(&profile(&[
                &["a", "b"],
                &["b", "a"],
                &["a", "c"],
                &["c", "b"]
            ]))
            .unwrap()
            .warnings
            .is_empty());
    }

    #[test]
    fn the_explanation_adds_up_to_the_strength() {
        let p = profile(&[&["a", "b", "c"], &["b", "a"], &["c", "a", "d"], &["d", "b"]]);
        let pl = PlackettLuce::default();
        let c = pl.aggregate(&p).unwrap();
        for row in &c.rows {
            let e = pl.explain(&p, row.item).unwrap();
            assert!(
                (e.total() - row.score).abs() < 1e-6,
                "{} {} {}",
                row.label,
                e.total(),
                row.score
            );
            assert_eq!(e.score, Some(row.score));
        }
    }

    #[test]
    fn bad_parameters_are_rejected() {
        let p = profile(&[&["a", "b"]]);
        for pl in [
            PlackettLuce {
                tolerance: 0.0,
                ..PlackettLuce::default()
            },
            PlackettLuce {
                max_iterations: 0,
                ..PlackettLuce::default()
            },
            PlackettLuce {
                prior: f64::NAN,
                ..PlackettLuce::default()
            },
        ] {
            assert!(matches!(
                pl.fit(&p),
                Err(RankError::InvalidParameter { .. })
            ));
        }
    }
}
