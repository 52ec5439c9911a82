//! The seam every aggregation method plugs into.
//!
//! A [`Method`] computes an [`Outcome`] — per-item scores or a tiered order — from a
//! [`Profile`]; [`Method::aggregate`] turns it into a [`Consensus`] through the one shared
//! assembly of [`Consensus::from_outcome`] (the per-item stats counted while the method runs),
//! so ties and the tie-break are the same everywhere (the shape of tantivy's `Collector`: the
//! method finds, the shared code assembles). A method can also explain one item: per list, what
//! that list contributed.

use crate::consensus::{Consensus, Direction, Outcome};
use crate::explain::{Contribution, Explanation};
use crate::profile::{ItemId, Profile};
use crate::RankError;

/// A rank-aggregation method.
pub trait Method: Send + Sync {
    /// Short machine name (`borda`, `schulze`, …).
    fn name(&self) -> &'static str;

    /// The parameters this instance runs with, as `(name, value)` pairs, for the report.
    fn parameters(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Computes per-item scores or a tiered order.
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError>;

    /// Runs the method and assembles the consensus.
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        // The per-item stats read the same lists as the method: counted alongside it, they
        // keep the other core busy while a method that sums in list order runs on one.
        let (outcome, stats) = rayon::join(
            || self.outcome(profile),
            || crate::consensus::item_stats(profile),
        );
        Ok(Consensus::with_stats(
            profile,
            self.name(),
            self.parameters(),
            outcome?,
            stats,
        ))
    }

    /// What each list contributed to `item`. The default gives each list's rank and no numeric
    /// contribution; positional methods report points, pairwise methods wins and losses.
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        Explanation::per_list(profile, self.name(), item, |_, _| Contribution::None)
    }

    /// For a method whose scores are weighted sums of per-list points (the positional
    /// methods), those points, so that a bootstrap re-weights lists over the one shared profile
    /// instead of building a profile per replicate. `None` (the default): the method must run on
    /// a resampled profile.
    fn linear_scores(&self, _profile: &Profile) -> Result<Option<LinearScores>, RankError> {
        Ok(None)
    }
}

/// Per-list points of a method whose score is `Σ_lists weight · points` (module docs of
/// [`crate::positional`]), in one flat array: list `l` gives every item `base[l]` points and
/// the items it names `base[l] + delta` ([`Method::linear_scores`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LinearScores {
    /// Which way is better.
    pub direction: Direction,
    /// Points every item gets from each list (what an unnamed item gets).
    pub base: Vec<f64>,
    /// `start[l]..start[l + 1]` are list `l`'s entries in `items` and `delta`.
    pub start: Vec<usize>,
    /// Named items.
    pub items: Vec<ItemId>,
    /// Their points above the list's base.
    pub delta: Vec<f64>,
    /// Divide the sums by the total weight (a weighted mean, as mean rank).
    pub per_weight: bool,
    /// Multiply each item's sum by the weight of the lists naming it (CombMNZ).
    pub by_named_weight: bool,
}

impl LinearScores {
    /// The scores when list `l` counts with weight `weights[l]` (its weight in the profile,
    /// times how often a resample drew it); `n` items.
    pub fn scores(&self, weights: &[f64], n: usize) -> Vec<f64> {
        let mut scores = vec![0.0; n];
        let mut named = if self.by_named_weight {
            vec![0.0; n]
        } else {
            Vec::new()
        };
        let mut base = 0.0;
        let mut total = 0.0;
        for (l, &w) in weights.iter().enumerate() {
            if w == 0.0 {
                continue;
            }
            total += w;
            base += w * self.base.get(l).copied().unwrap_or(0.0);
            let (a, b) = (
                self.start.get(l).copied().unwrap_or(0),
                self.start.get(l + 1).copied().unwrap_or(0),
            );
            let items = self.items.get(a..b).unwrap_or(&[]);
            let delta = self.delta.get(a..b).unwrap_or(&[]);
            for (item, d) in items.iter().zip(delta) {
                if let Some(s) = scores.get_mut(item.index()) {
                    *s += w * d;
                }
                if let Some(c) = named.get_mut(item.index()) {
                    *c += w;
                }
            }
        }
        for s in &mut scores {
            *s += base;
            if self.per_weight && total > 0.0 {
                *s /= total;
            }
        }
        if self.by_named_weight {
            for (s, c) in scores.iter_mut().zip(named) {
                *s *= c;
            }
        }
        scores
    }
}

impl<M: Method + ?Sized> Method for Box<M> {
    fn name(&self) -> &'static str {
        (**self).name()
    }
    fn parameters(&self) -> Vec<(String, String)> {
        (**self).parameters()
    }
    fn outcome(&self, profile: &Profile) -> Result<Outcome, RankError> {
        (**self).outcome(profile)
    }
    fn aggregate(&self, profile: &Profile) -> Result<Consensus, RankError> {
        (**self).aggregate(profile)
    }
    fn explain(&self, profile: &Profile, item: ItemId) -> Result<Explanation, RankError> {
        (**self).explain(profile, item)
    }
    fn linear_scores(&self, profile: &Profile) -> Result<Option<LinearScores>, RankError> {
        (**self).linear_scores(profile)
    }
}

/// Options shared by the methods that have them, for [`by_name`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MethodOptions {
    /// Pairwise methods: how lists compare items they do not name.
    pub unlisted: crate::pairwise::Unlisted,
    /// `points`: the table (required for that method).
    pub points: Option<crate::positional::PointsTable>,
    /// `rrf`: the constant k (default 60).
    pub rrf_k: Option<f64>,
    /// `combsum`/`combmnz`: the normalisation (default min-max).
    pub norm: crate::positional::Normalization,
    /// `mean-rank`/`median-rank`: the rank of unlisted items.
    pub penalty: crate::positional::Penalty,
    /// `mc4`: the damping (probability of a uniform jump; default 0.15).
    pub damping: Option<f64>,
}

/// The default method, chosen by the experiment in `docs/methods.md`
/// (`examples/methods_recovery.rs`) among the methods that meet the three requirements of a
/// defensible chart: it scores printed ranks and declared sizes, adding lists that name
/// neither of two items never changes their order, and it recovers a known truth from
/// critic-like top-10 lists about as well as the best method. `share` recovers the truth a
/// little better on Plackett–Luce lists but ignores every rank but #1 and leaves most items
/// tied with few lists; the pairwise methods let unrelated lists flip pairs. Among the
/// rank-scoring methods that keep every pair, `borda` recovers the truth best or within 0.01
/// of the best in every scenario. The CLI, the demo and the web site use it by default.
pub const RECOMMENDED: &str = "borda";

/// Every method [`by_name`] knows: name, and one line on what it does and how it treats items a
/// list does not name.
pub const METHODS: &[(&str, &str)] = &[
    (
        "borda",
        "Borda count; unlisted items share the remaining points",
    ),
    (
        "points",
        "custom points table (--points); unlisted 0, longer lists are an error",
    ),
    (
        "metacritic",
        "3/2/1 points, 1 per other entry or mention; unlisted 0",
    ),
    (
        "tiers",
        "banded points 10/8/6/4/2, 1 for the rest and mentions; unlisted 0",
    ),
    ("rrf", "reciprocal rank fusion 1/(k+rank); unlisted 0"),
    (
        "combsum",
        "sum of normalised scores; unlisted 0 (borda norm: Borda share)",
    ),
    ("combmnz", "CombSUM x number of lists naming the item"),
    (
        "mean-rank",
        "mean rank; unlisted get a penalty rank (list length + 1)",
    ),
    (
        "median-rank",
        "median rank; unlisted get a penalty rank (list length + 1)",
    ),
    (
        "share",
        "share of lists naming the item, #1 count breaks ties",
    ),
    (
        "copeland",
        "pairwise wins + half ties; listed beats unlisted, unlisted tie",
    ),
    (
        "schulze",
        "beatpath (margins); listed beats unlisted, unlisted tie",
    ),
    (
        "ranked-pairs",
        "Tideman; listed beats unlisted, unlisted tie",
    ),
    (
        "kemeny",
        "exact Kemeny-Young; listed beats unlisted, unlisted tie",
    ),
    (
        "kemeny-heuristic",
        "Kemeny by local search, with distance and lower bound",
    ),
    (
        "mc4",
        "Markov chain MC4 (Dwork et al.) with damping; listed beats unlisted",
    ),
    (
        "plackett-luce",
        "Plackett-Luce maximum likelihood (MM); says nothing of unlisted order",
    ),
    (
        "rra",
        "Robust Rank Aggregation (Kolde et al.); unlisted get the worst normalised rank",
    ),
];

/// Which methods each option of [`MethodOptions`] (and the list weights) applies to, by the
/// option's command-line name. An option not listed for a method would be silently ignored by
/// it; [`check_options`] makes that an error.
pub const OPTION_METHODS: &[(&str, &[&str])] = &[
    (
        "unlisted",
        &[
            "copeland",
            "schulze",
            "ranked-pairs",
            "kemeny",
            "kemeny-heuristic",
            "mc4",
        ],
    ),
    ("points", &["points"]),
    ("rrf-k", &["rrf"]),
    ("norm", &["combsum", "combmnz"]),
    ("penalty", &["mean-rank", "median-rank"]),
    ("damping", &["mc4"]),
    (
        "weights",
        &[
            "borda",
            "points",
            "metacritic",
            "tiers",
            "rrf",
            "combsum",
            "combmnz",
            "mean-rank",
            "median-rank",
            "share",
            "copeland",
            "schulze",
            "ranked-pairs",
            "kemeny",
            "kemeny-heuristic",
            "mc4",
            "plackett-luce",
            // RRA takes weights 0 (leave the list out) and 1 only; others fail when it runs.
            "rra",
        ],
    ),
];

/// Checks that every option the user gave explicitly (`given`, by the names of
/// [`OPTION_METHODS`]: `unlisted`, `points`, `rrf-k`, `norm`, `penalty`, `damping`, `weights`)
/// is used by `method`, so that nothing is silently ignored: `--unlisted ignore` with `borda`, or
/// `--penalty` with `schulze`, is an error naming the methods that do use it.
///
/// Errors: an unknown method ([`RankError::UnknownMethod`]); an unknown option or one the
/// method does not use ([`RankError::InvalidParameter`]).
pub fn check_options(method: &str, given: &[&str]) -> Result<(), RankError> {
    if !METHODS.iter().any(|(n, _)| *n == method) {
        return Err(RankError::UnknownMethod {
            name: method.to_string(),
            known: METHODS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    for &option in given {
        let Some((_, methods)) = OPTION_METHODS.iter().find(|(o, _)| *o == option) else {
            return Err(RankError::InvalidParameter {
                name: option.to_string(),
                message: format!(
                    "unknown option; known: {}",
                    OPTION_METHODS
                        .iter()
                        .map(|(o, _)| *o)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        };
        if !methods.contains(&method) {
            return Err(RankError::InvalidParameter {
                name: option.to_string(),
                message: format!(
                    "`{method}` does not use it, so it would be ignored; it applies to: {}",
                    methods.join(", ")
                ),
            });
        }
    }
    Ok(())
}

/// Builds a method by name with `options` (see [`METHODS`]).
pub fn by_name(name: &str, options: &MethodOptions) -> Result<Box<dyn Method>, RankError> {
    use crate::kemeny::{KemenyExact, KemenyHeuristic};
    use crate::pairwise::{Copeland, RankedPairs, Schulze};
    use crate::positional::{Borda, CombSum, MeanRank, MedianRank, Points, Rrf, ShareOfLists};
    let unlisted = options.unlisted;
    Ok(match name {
        "borda" => Box::new(Borda),
        "points" => match &options.points {
            Some(table) => Box::new(Points::new(table.clone())),
            None => {
                return Err(RankError::InvalidParameter {
                    name: "points".into(),
                    message: "the `points` method needs a table, e.g. `10,8,6,5,4,3,2,1`".into(),
                })
            }
        },
        "metacritic" => Box::new(Points::metacritic()),
        "tiers" => Box::new(Points::tiers()),
        "rrf" => {
            let k = options.rrf_k.unwrap_or(60.0);
            if !k.is_finite() || k < 0.0 {
                return Err(RankError::InvalidParameter {
                    name: "k".into(),
                    message: format!("{k} is not a finite number of at least 0"),
                });
            }
            Box::new(Rrf { k })
        }
        "combsum" => Box::new(CombSum {
            norm: options.norm,
            mnz: false,
        }),
        "combmnz" => Box::new(CombSum {
            norm: options.norm,
            mnz: true,
        }),
        "mean-rank" => Box::new(MeanRank {
            penalty: options.penalty,
        }),
        "median-rank" => Box::new(MedianRank {
            penalty: options.penalty,
        }),
        "share" => Box::new(ShareOfLists),
        "copeland" => Box::new(Copeland { unlisted }),
        "schulze" => Box::new(Schulze { unlisted }),
        "ranked-pairs" => Box::new(RankedPairs {
            unlisted,
            lock_zero_margins: false,
        }),
        "kemeny" => Box::new(KemenyExact {
            unlisted,
            ..KemenyExact::default()
        }),
        "kemeny-heuristic" => Box::new(KemenyHeuristic { unlisted }),
        "mc4" => {
            let mut mc4 = crate::markov::Mc4 {
                unlisted,
                ..crate::markov::Mc4::default()
            };
            if let Some(d) = options.damping {
                if !(0.0..1.0).contains(&d) {
                    return Err(RankError::InvalidParameter {
                        name: "damping".into(),
                        message: format!("{d} is not in [0, 1)"),
                    });
                }
                mc4.damping = d;
            }
            Box::new(mc4)
        }
        "plackett-luce" => Box::new(crate::plackett_luce::PlackettLuce::default()),
        "rra" => Box::new(crate::rra::Rra::default()),
        other => {
            return Err(RankError::UnknownMethod {
                name: other.to_string(),
                known: METHODS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_explains_with_its_score() {
        let csv = "list_id,rank,item\na,1,x\na,2,y\na,3,z\nb,1,y\nb,2,x\nb,,w\nc,1,z\nc,2,y\n";
        let p = crate::csv_input::read_csv(csv.as_bytes()).unwrap();
        let options = MethodOptions {
            points: Some(crate::positional::PointsTable::parse("3,2,1").unwrap()),
            ..MethodOptions::default()
        };
        for (name, _) in METHODS {
            let m = by_name(name, &options).unwrap();
            let c = m.aggregate(&p).unwrap();
            for row in &c.rows {
                let e = m.explain(&p, row.item).unwrap();
                let score = e.score.unwrap_or_else(|| panic!("{name}: no score"));
                assert!(
                    (score - row.score).abs() <= 1e-9 * row.score.abs().max(1.0),
                    "{name} {}: {score} vs {}",
                    row.label,
                    row.score
                );
                assert!(!e.rule.is_empty(), "{name}");
            }
        }
    }

    #[test]
    fn options_a_method_does_not_use_are_errors() {
        assert!(check_options("schulze", &["unlisted", "weights"]).is_ok());
        assert!(check_options("borda", &[]).is_ok());
        for (method, option) in [
            ("borda", "unlisted"),
            ("schulze", "penalty"),
            ("rrf", "norm"),
            ("copeland", "damping"),
            ("borda", "rrf-k"),
        ] {
            let err = check_options(method, &[option]).unwrap_err();
            assert!(
                matches!(&err, RankError::InvalidParameter { name, .. } if name == option),
                "{err}"
            );
            assert!(err.to_string().contains(method), "{err}");
        }
        assert!(matches!(
            check_options("nope", &[]),
            Err(RankError::UnknownMethod { .. })
        ));
        assert!(check_options("borda", &["colour"]).is_err());
        // Every method and option named in the table exists.
        for (option, methods) in OPTION_METHODS {
            for m in *methods {
                assert!(METHODS.iter().any(|(n, _)| n == m), "{option}: {m}");
            }
        }
    }
}
