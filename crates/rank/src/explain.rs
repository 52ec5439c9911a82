//! Explanations: for one item, what every list said about it and what that contributed.

use crate::profile::{ItemId, Profile};
use crate::RankError;
use serde::Serialize;

/// What one list contributed to one item's result under a method.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Contribution {
    /// Nothing numeric to report for this method.
    None,
    /// Points added to the item's score (weighted).
    Points {
        /// The points.
        points: f64,
    },
    /// A rank counted into a mean or median (weighted by the list's weight).
    Rank {
        /// The rank counted (a penalty rank when the list does not name the item).
        rank: f64,
    },
    /// Pairwise comparisons this list decided for the item.
    Pairwise {
        /// Items the list puts below it (weighted count).
        wins: f64,
        /// Items the list puts above it (weighted count).
        losses: f64,
    },
}

/// How a list placed the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "rank")]
pub enum Placement {
    /// Ranked at this printed rank.
    Ranked(u32),
    /// Mentioned without a rank.
    Mentioned,
    /// Not named.
    Unlisted,
}

/// One list's line of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListContribution {
    /// The list's label.
    pub list: String,
    /// The list's weight.
    pub weight: f64,
    /// How the list placed the item.
    pub placement: Placement,
    /// What that contributed.
    pub contribution: Contribution,
}

/// Why an item got its result: one line per list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The item.
    pub item: ItemId,
    /// Its label.
    pub label: String,
    /// The method.
    pub method: String,
    /// One line per list, in profile order.
    pub lists: Vec<ListContribution>,
    /// The item's score under the method, when the explanation knows it.
    pub score: Option<f64>,
    /// How the lines produce the score (e.g. "score = sum of the points"), empty when the
    /// method has nothing to add.
    pub rule: String,
}

impl Explanation {
    /// Builds an explanation with one line per ballot, asking `contribution` for each ballot
    /// (by index) and placement.
    pub fn per_list(
        profile: &Profile,
        method: &str,
        item: ItemId,
        mut contribution: impl FnMut(usize, Placement) -> Contribution,
    ) -> Result<Explanation, RankError> {
        if item.index() >= profile.item_count() {
            return Err(RankError::UnknownItem {
                item: item.0.to_string(),
            });
        }
        let lists = profile
            .ballots()
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let placement = placement(b, item);
                ListContribution {
                    list: b.label().to_string(),
                    weight: b.weight(),
                    placement,
                    contribution: contribution(i, placement),
                }
            })
            .collect();
        Ok(Explanation {
            item,
            label: profile.label(item).to_string(),
            method: method.to_string(),
            lists,
            score: None,
            rule: String::new(),
        })
    }

    /// Sets the score and the rule that produces it from the lines.
    pub fn with_score(mut self, score: f64, rule: impl Into<String>) -> Explanation {
        self.score = Some(score);
        self.rule = rule.into();
        self
    }

    /// The contributions combined: the sum of points (or of wins minus losses), plus, for
    /// lines that count a rank, the weighted mean of those ranks (`Σ weight·rank / Σ weight`, the
    /// mean-rank score).
    pub fn total(&self) -> f64 {
        let mut sum = 0.0;
        let (mut rank_sum, mut rank_weight) = (0.0, 0.0);
        for l in &self.lists {
            match l.contribution {
                Contribution::Points { points } => sum += points,
                Contribution::Pairwise { wins, losses } => sum += wins - losses,
                Contribution::Rank { rank } => {
                    rank_sum += rank * l.weight;
                    rank_weight += l.weight;
                }
                Contribution::None => {}
            }
        }
        if rank_weight > 0.0 {
            sum += rank_sum / rank_weight;
        }
        sum
    }
}

/// How ballot `b` places `item`.
pub fn placement(b: &crate::profile::Ballot, item: ItemId) -> Placement {
    if let Some(e) = b.ranked().iter().find(|e| e.item == item) {
        Placement::Ranked(e.printed_rank)
    } else if b.mentions().contains(&item) {
        Placement::Mentioned
    } else {
        Placement::Unlisted
    }
}
