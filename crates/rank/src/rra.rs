//! Robust Rank Aggregation (Kolde, Laur, Adler and Vilo 2012, "Robust rank aggregation for gene
//! list integration and meta-analysis").
//!
//! Each item gets a vector of **normalized ranks**, one per list: `position / N`, where `N` is
//! the number of items in the profile and `position` the item's 1-based competition position in
//! that list (tied items share the best position of their tie; mentions share the position just
//! after the last ranked entry, unless dropped). An item a list does not name gets 1.0, the worst
//! normalized rank — the treatment of the authors' `rankMatrix(…, full = FALSE)`.
//!
//! Under the null hypothesis (the lists are unrelated) the normalized ranks are uniform on
//! (0, 1], so the `k`-th smallest of `m` of them follows Beta(k, m − k + 1). The item's
//! **rho score** is the smallest of these order-statistic p-values,
//! `ρ = min_k I_{r_(k)}(k, m − k + 1)` (regularized incomplete beta), and its reported score is
//! the Bonferroni-corrected `min(1, m · ρ)`, as the paper's fast approximation and its R
//! package's default (`exact = FALSE`); the exact Stuart–Aerts correction is not implemented.
//! Lower is better. `m` is the number of lists with positive weight.
//!
//! **Weights**: RRA is a test over unweighted samples; lists of weight 0 are left out, and any
//! weight other than 0 or 1 is an error ([`RankError::InvalidParameter`]) rather than being
//! silently ignored. **Ties between items** of equal score (every item no list names
//! scores exactly 1) are reported as ties.
//!
//! Cross-check: FLAGR's `RRA(exact=False)` computes the same normalized ranks (competition
//! positions over `N`, unnamed = 1) and the same Bonferroni bound, and its scores match ours for
//! all but a few items of the peer fixtures (1 of 29 in `small`, 2 of 150 in `medium`). For those,
//! FLAGR reports the p-value of a later order statistic than the smallest one: its incomplete
//! beta routine misses the minimum, which scipy's `beta.cdf` and statrs agree on. We report the
//! minimum, as the paper defines ρ (`tests/peers_probabilistic.rs` checks both facts).

use crate::agreement::Mentions;
use crate::consensus::{Direction, Outcome};
use crate::explain::{Contribution, Explanation, Placement};
use crate::method::Method;
use crate::profile::{ItemId, Profile};
use crate::RankError;
use serde::Serialize;

/// Robust Rank Aggregation (module docs).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rra {
    /// Unranked mentions (default: a tier after the ranked entries).
    pub mentions: Mentions,
}

/// Per-item RRA results, indexed by [`ItemId`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RraResult {
    /// Bonferroni-corrected score `min(1, m·ρ)`; lower is better.
    pub scores: Vec<f64>,
    /// Uncorrected `ρ`: the smallest order-statistic p-value.
    pub rho: Vec<f64>,
    /// The order statistic `k` (1-based) that gave `ρ`; 0 when no list names the item.
    pub best_k: Vec<usize>,
    /// Number of lists `m`.
    pub lists: usize,
}

impl Rra {
    /// Per list, the normalized rank it gives the item (`position / N`; 1 when unnamed, or
    /// mentioned with mentions dropped). Lists of weight 0 are shown but not counted. This is
    /// what [`Method::explain`] returns, with the score and how ρ comes from these ranks.
    pub fn explain_normalized_ranks(
        &self,
        profile: &Profile,
        item: ItemId,
    ) -> Result<Explanation, RankError> {
        let n = profile.item_count() as f64;
        Explanation::per_list(profile, "rra", item, |i, placement| {
            let Some(ballot) = profile.ballots().get(i) else {
                return Contribution::None;
            };
            let position = match placement {
                Placement::Ranked(_) => ballot
                    .ranked()
                    .iter()
                    .find(|e| e.item == item)
                    .map(|e| f64::from(e.position).min(n)),
                Placement::Mentioned if self.mentions == Mentions::LastTier => {
                    Some(f64::from(ballot.mention_position()).min(n))
                }
                _ => None,
            };
            Contribution::Rank {
                rank: position.map_or(1.0, |p| p / n),
            }
        })
    }

    /// Computes ρ and the corrected scores. Errors: no list with positive weight.
    pub fn compute(&self, profile: &Profile) -> Result<RraResult, RankError> {
        let n = profile.item_count();
        let n_f = n as f64;
        let mut normalized: Vec<Vec<f64>> = vec![Vec::new(); n];
        let mut lists = 0usize;
        for ballot in profile.ballots().iter().filter(|b| b.weight() > 0.0) {
            lists += 1;
            for e in ballot.ranked() {
                if let Some(v) = normalized.get_mut(e.item.index()) {
                    // A page printed past the pool's size still reads as a rank within it.
                    v.push(f64::from(e.position).min(n_f) / n_f);
                }
            }
            if self.mentions == Mentions::LastTier {
                let position = f64::from(ballot.mention_position()).min(n_f);
                for m in ballot.mentions() {
                    if let Some(v) = normalized.get_mut(m.index()) {
                        v.push(position / n_f);
                    }
                }
            }
        }
        if lists == 0 {
            return Err(RankError::ZeroTotalWeight);
        }
        check_unit_weights(profile)?;
        let m = lists as f64;
        let mut scores = Vec::with_capacity(n);
        let mut rho = Vec::with_capacity(n);
        let mut best_k = Vec::with_capacity(n);
        for mut ranks in normalized {
            ranks.sort_by(f64::total_cmp);
            let p_values = order_statistic_p_values(&ranks, lists);
            // Order statistics past the named ones are 1.0 and have p-value 1.
            let best = p_values
                .iter()
                .enumerate()
                .fold(
                    (1.0, 0usize),
                    |best, (idx, &p)| if p < best.0 { (p, idx + 1) } else { best },
                );
            rho.push(best.0);
            best_k.push(best.1);
            scores.push((best.0 * m).min(1.0));
        }
        Ok(RraResult {
            scores,
            rho,
            best_k,
            lists,
        })
    }
}

/// RRA is a test over unweighted lists: a list counts fully (weight 1) or not at all (weight
/// 0). Any other weight would be silently ignored, so it is an error.
fn check_unit_weights(profile: &Profile) -> Result<(), RankError> {
    if let Some(b) = profile
        .ballots()
        .iter()
        .find(|b| b.weight() != 0.0 && b.weight() != 1.0)
    {
        return Err(RankError::InvalidParameter {
            name: "weights".into(),
            message: format!(
                "rra cannot use list weights: list {:?} has weight {}; RRA counts a list fully \
                 (weight 1) or leaves it out (weight 0)",
                b.label(),
                b.weight()
            ),
        });
    }
    Ok(())
}

/// The order-statistic p-values of one item: for its `k`-th smallest normalized rank `r_(k)`
/// (`sorted` ascending, only the lists that name it), `P(Beta(k, m − k + 1) ≤ r_(k))` — the
/// chance that `k` of `m` uniform ranks fall at or below `r_(k)`. ρ is their minimum.
pub fn order_statistic_p_values(sorted: &[f64], lists: usize) -> Vec<f64> {
    let m = lists as f64;
    sorted
        .iter()
        .enumerate()
        .map(|(idx, &r)| {
            let k = idx as f64 + 1.0;
            beta_cdf(r, k, m - k + 1.0)
        })
        .collect()
}

/// `P(Beta(a, b) ≤ x)`, the regularized incomplete beta function, clamped to \[0, 1\]. Its
/// arguments here are always valid (`a, b ≥ 1`, `0 < x ≤ 1`); should that ever fail, the
/// neutral p-value 1 is returned rather than a panic.
fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x >= 1.0 {
        return 1.0;
    }
    statrs::function::beta::checked_beta_reg(a, b, x.max(0.0))
        .map(|p| p.clamp(0.0, 1.0))
        .unwrap_or(1.0)
}

impl Method for Rra {
    fn name(&self) -> &'static str {
        "rra"
    }

    fn parameters(&self) -> Vec<(String, String)> {
        vec![
            ("correction".into(), "bonferroni".into()),
            ("mentions".into(), format!("{:?}", self.mentions)),
        ]
    }

    /// Scores are the corrected p-values; lower is better.
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        Ok(Outcome::Scores {
            scores: self.compute(profile)?.scores,
            direction: Direction::LowerIsBetter,
        })
    }

    /// Per list, the normalized rank ([`Rra::explain_normalized_ranks`]), with the score and
    /// the order statistic that gave ρ.
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        let e = self.explain_normalized_ranks(profile, item)?;
        let r = self.compute(profile)?;
        let i = item.index();
        let (score, rho, k) = (
            r.scores.get(i).copied().unwrap_or(f64::NAN),
            r.rho.get(i).copied().unwrap_or(f64::NAN),
            r.best_k.get(i).copied().unwrap_or(0),
        );
        let m = r.lists;
        let rule = if k == 0 {
            format!("no list ranks the item better than last: rho = 1, score = 1 (m = {m} lists)")
        } else {
            format!(
                "sort the normalized ranks below (m = {m} lists, unnamed = 1); rho = the smallest \
                 P(Beta(k, m-k+1) <= k-th smallest rank) over k, here at k = {k}: rho = {rho:.6}; \
                 score = min(1, m x rho) = {score:.6}"
            )
        };
        Ok(e.with_score(score, rule))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::test_profile as profile;

    #[test]
    fn explanation_shows_normalized_ranks() {
        let p = profile(&[&["a", "b"], &["b", "c", "d"]]);
        let b = p.item("b").unwrap();
        let e = Rra::default().explain_normalized_ranks(&p, b).unwrap();
        let ranks: Vec<_> = e.lists.iter().map(|l| l.contribution.clone()).collect();
        assert_eq!(
            ranks,
            vec![
                Contribution::Rank { rank: 0.5 },
                Contribution::Rank { rank: 0.25 }
            ]
        );
        let a = p.item("a").unwrap();
        let e = Rra::default().explain_normalized_ranks(&p, a).unwrap();
        assert_eq!(e.lists[1].contribution, Contribution::Rank { rank: 1.0 });
    }

    #[test]
    fn weights_other_than_zero_or_one_are_an_error() {
        let p = profile(&[&["a", "b"], &["b", "a"]])
            .with_weights(&[("L0".to_string(), 2.0)].into_iter().collect())
            .unwrap();
        assert!(matches!(
            Rra::default().aggregate(&p),
            Err(RankError::InvalidParameter { .. })
        ));
        let p = profile(&[&["a", "b"], &["b", "a"], &["a"]])
            .with_weights(&[("L1".to_string(), 0.0)].into_iter().collect())
            .unwrap();
        let c = Rra::default().aggregate(&p).unwrap();
        let e = Rra::default().explain(&p, c.rows[0].item).unwrap();
        assert_eq!(e.score, Some(c.rows[0].score));
        assert!(e.rule.contains("rho"), "{}", e.rule);
    }

    #[test]
    fn beta_cdf_matches_closed_forms() {
        // Beta(1, m): 1 − (1 − x)^m ; Beta(m, 1): x^m.
        let x: f64 = 0.3;
        assert!((beta_cdf(x, 1.0, 4.0) - (1.0 - 0.7f64.powi(4))).abs() < 1e-12);
        assert!((beta_cdf(x, 4.0, 1.0) - x.powi(4)).abs() < 1e-12);
        assert_eq!(beta_cdf(1.0, 2.0, 3.0), 1.0);
    }

    #[test]
    fn rho_matches_a_hand_computation() {
        // Items a, b, c, d (N = 4), two lists: [a, b] and [b, c].
        // a: ranks (1/4, 1) → k=1: 1 − (3/4)² = 7/16; k=2: 1 → ρ = 7/16, score min(1, 2·7/16).
        // b: ranks (1/4, 2/4) → k=1: 7/16; k=2: (1/2)² = 1/4 → ρ = 1/4, score 1/2.
        let p = profile(&[&["a", "b"], &["b", "c", "d"]]);
        let r = Rra::default().compute(&p).unwrap();
        assert!((r.rho[0] - 7.0 / 16.0).abs() < 1e-12, "{:?}", r.rho);
        assert!((r.scores[0] - 7.0 / 8.0).abs() < 1e-12);
        assert!((r.rho[1] - 0.25).abs() < 1e-12);
        assert_eq!(r.best_k[1], 2);
        assert!((r.scores[1] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn equal_evidence_ties() {
        let p = profile(&[&["a", "b"], &["b", "a"], &["c"]]);
        let r = Rra {
            mentions: Mentions::Drop,
        }
        .compute(&p)
        .unwrap();
        assert!(r.scores.iter().all(|s| (0.0..=1.0).contains(s)));
        // a, b and c each have 1/3 as their best normalized rank, in one of three lists, and
        // nothing better at k = 2 (a: I_{2/3}(2, 2) = 20/27 > 1 − (2/3)³ = 19/27): all tie.
        for i in 0..3 {
            assert!((r.rho[i] - 19.0 / 27.0).abs() < 1e-12, "{:?}", r.rho);
        }
        let consensus = Rra::default().aggregate(&p).unwrap();
        assert!(consensus.rows.iter().all(|row| row.rank == 1 && row.tied));
    }
}
