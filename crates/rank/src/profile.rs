//! Ballots and profiles: the input of every method.
//!
//! A [`Ballot`] is one published list over interned [`ItemId`]s: ranked entries with the rank as
//! printed (ties share a rank), then an optional tier of unranked mentions, an optional declared
//! length and a weight. A [`Profile`] holds the item labels and the ballots, and its constructors
//! are the only place input is validated, so methods never re-check it.

use crate::RankError;
use std::collections::HashMap;

/// An item: an index into [`Profile::labels`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct ItemId(pub u32);

impl ItemId {
    /// The index as `usize`, for indexing per-item vectors.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One ranked entry of a ballot after validation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankedEntry {
    /// The item.
    pub item: ItemId,
    /// The rank as printed (compared, and the first one sets where the list starts: 1,2,2,4
    /// and 1,2,2,3 mean the same order; 11..20 is a page starting at #11).
    pub printed_rank: u32,
    /// 1-based competition position: the list's first printed rank plus the number of entries
    /// ranked strictly better (so a page printed 11 to 20 occupies positions 11 to 20). Tied
    /// entries share it.
    pub position: u32,
    /// How many entries share this position (1 when not tied).
    pub tie_size: u32,
    /// 0-based index of the entry's tie group among the ballot's ranked tie groups.
    pub tier: u32,
}

/// One list: ranked entries, unranked mentions, declared length and weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Ballot {
    label: String,
    ranked: Vec<RankedEntry>,
    mentions: Vec<ItemId>,
    declared_len: Option<u32>,
    weight: f64,
    ranked_tiers: u32,
}

impl Ballot {
    /// A ballot named `label` from `(item, printed rank)` pairs (any order) and unranked mentions.
    /// Positions are computed when the ballot joins a [`Profile`].
    pub fn new(
        label: impl Into<String>,
        ranked: Vec<(ItemId, u32)>,
        mentions: Vec<ItemId>,
    ) -> Ballot {
        let ranked = ranked
            .into_iter()
            .map(|(item, printed_rank)| RankedEntry {
                item,
                printed_rank,
                position: 0,
                tie_size: 0,
                tier: 0,
            })
            .collect();
        Ballot {
            label: label.into(),
            ranked,
            mentions,
            declared_len: None,
            weight: 1.0,
            ranked_tiers: 0,
        }
    }

    /// Sets the weight (default 1).
    pub fn with_weight(mut self, weight: f64) -> Ballot {
        self.weight = weight;
        self
    }

    /// Sets the length the list declares ("top 50"), which may exceed what it prints.
    pub fn with_declared_len(mut self, len: Option<u32>) -> Ballot {
        self.declared_len = len;
        self
    }

    /// The list's name (its id in the input).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Ranked entries, best first (sorted by position, then item id).
    pub fn ranked(&self) -> &[RankedEntry] {
        &self.ranked
    }

    /// Unranked mentions: one tier below every ranked entry.
    pub fn mentions(&self) -> &[ItemId] {
        &self.mentions
    }

    /// The weight (default 1).
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// The declared length, if the list states one.
    pub fn declared_len(&self) -> Option<u32> {
        self.declared_len
    }

    /// The list's length for penalties and normalisation: the declared length or the last
    /// position its ranked entries occupy, whichever is larger.
    pub fn len(&self) -> u32 {
        let ranked = self.mention_position().saturating_sub(1);
        self.declared_len.unwrap_or(0).max(ranked)
    }

    /// The position of the unranked mentions: right after the last position the ranked entries
    /// occupy (1 when nothing is ranked).
    pub fn mention_position(&self) -> u32 {
        self.ranked
            .last()
            .map_or(1, |e| e.position.saturating_add(e.tie_size.max(1)))
    }

    /// Number of tie groups among the ranked entries (the ranked entries' count without ties).
    pub fn ranked_tiers(&self) -> u32 {
        self.ranked_tiers
    }

    /// True when the ballot names no item at all.
    pub fn is_empty(&self) -> bool {
        self.ranked.is_empty() && self.mentions.is_empty()
    }

    /// Number of items the ballot names (ranked + mentioned).
    pub fn named_count(&self) -> usize {
        self.ranked.len() + self.mentions.len()
    }

    /// Every named item with its tier position (mentions share position `ranked.len() + 1`) and
    /// its tie size, best first.
    pub fn tiers(&self) -> impl Iterator<Item = (ItemId, u32, u32)> + '_ {
        let mention_pos = self.mention_position();
        let mention_size = u32::try_from(self.mentions.len()).unwrap_or(u32::MAX);
        self.ranked
            .iter()
            .map(|e| (e.item, e.position, e.tie_size))
            .chain(
                self.mentions
                    .iter()
                    .map(move |&m| (m, mention_pos, mention_size)),
            )
    }

    /// The first problem of this ballot, checking its entries in order (ranked, then
    /// mentions): a negative, NaN or infinite weight; an item id without a label; a rank of 0;
    /// an item named a second time. `seen[item]` holds the index of the last ballot that named
    /// the item (this thread's scratch; `index` is this ballot's).
    fn problem(&self, labels: &[String], seen: &mut [usize], index: usize) -> Option<RankError> {
        if !self.weight.is_finite() || self.weight < 0.0 {
            return Some(RankError::InvalidWeight {
                list: self.label.clone(),
                weight: self.weight,
            });
        }
        let n = labels.len();
        let entries = self
            .ranked
            .iter()
            .map(|e| (e.item, Some(e.printed_rank)))
            .chain(self.mentions.iter().map(|&m| (m, None)));
        let mut first_bad = usize::MAX;
        for (pos, (item, printed)) in entries.enumerate() {
            let Some(slot) = seen.get_mut(item.index()) else {
                first_bad = pos;
                break;
            };
            if printed == Some(0) || *slot == index {
                first_bad = pos;
                break;
            }
            *slot = index;
        }
        if first_bad == usize::MAX {
            return None;
        }
        let (item, printed) = self
            .ranked
            .iter()
            .map(|e| (e.item, Some(e.printed_rank)))
            .chain(self.mentions.iter().map(|&m| (m, None)))
            .nth(first_bad)?;
        let label = labels.get(item.index()).cloned().unwrap_or_default();
        Some(if item.index() >= n {
            RankError::UnknownItemId {
                list: self.label.clone(),
                item: item.0,
            }
        } else if printed == Some(0) {
            RankError::InvalidRank {
                list: self.label.clone(),
                item: label,
            }
        } else {
            RankError::DuplicateItem {
                list: self.label.clone(),
                item: label,
            }
        })
    }

    /// Checks and finishes this ballot as [`Profile::new`] does (for a reader that builds
    /// ballots in parallel and would otherwise pass over them a second time); the result goes
    /// to [`Profile::from_checked`].
    pub(crate) fn checked(
        mut self,
        labels: &[String],
        seen: &mut [usize],
        index: usize,
    ) -> Result<Ballot, RankError> {
        match self.problem(labels, seen, index) {
            Some(e) => Err(e),
            None => {
                self.finish();
                Ok(self)
            }
        }
    }

    /// A ballot from entries already made, for readers in this crate (positions are computed
    /// when it joins a [`Profile`]).
    pub(crate) fn from_entries(
        label: String,
        ranked: Vec<RankedEntry>,
        mentions: Vec<ItemId>,
    ) -> Ballot {
        Ballot {
            label,
            ranked,
            mentions,
            declared_len: None,
            weight: 1.0,
            ranked_tiers: 0,
        }
    }

    /// Sorts entries and computes competition positions and tie sizes.
    fn finish(&mut self) {
        self.ranked_tiers = 0;
        self.ranked.sort_by(|a, b| {
            a.printed_rank
                .cmp(&b.printed_rank)
                .then(a.item.cmp(&b.item))
        });
        // A page of a longer list (printed 11 to 20, or 30 down to 11) starts at its first
        // printed rank, not at 1: its best entry is #11, and no entry of it counts as a #1.
        let offset = self
            .ranked
            .first()
            .map_or(0, |e| e.printed_rank.saturating_sub(1));
        let mut start = 0;
        while start < self.ranked.len() {
            let printed = self.ranked[start].printed_rank;
            let end = self.ranked[start..]
                .iter()
                .position(|e| e.printed_rank != printed)
                .map_or(self.ranked.len(), |off| start + off);
            let position = u32::try_from(start + 1)
                .unwrap_or(u32::MAX)
                .saturating_add(offset);
            let tie = u32::try_from(end - start).unwrap_or(u32::MAX);
            let tier = self.ranked_tiers;
            for e in &mut self.ranked[start..end] {
                e.position = position;
                e.tie_size = tie;
                e.tier = tier;
            }
            self.ranked_tiers += 1;
            start = end;
        }
        self.mentions.sort_unstable();
    }
}

/// Items with their labels, and the ballots over them.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    labels: Vec<String>,
    ballots: Vec<Ballot>,
}

/// One list given by labels, for [`Profile::from_lists`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListInput {
    /// The list's name.
    pub label: String,
    /// `(printed rank, item label)` pairs.
    pub ranked: Vec<(u32, String)>,
    /// Unranked mentions.
    pub mentions: Vec<String>,
    /// The declared length, if any.
    pub declared_len: Option<u32>,
    /// The weight; `None` means 1.
    pub weight: Option<f64>,
}

impl Profile {
    /// A profile over `labels` (item `i` is `labels[i]`) and `ballots`.
    ///
    /// Errors: no ballots; an item id out of range; a rank of 0; the same item twice in one
    /// ballot (the error names the list and the item); a negative, NaN or infinite weight; a total
    /// weight of zero.
    pub fn new(labels: Vec<String>, ballots: Vec<Ballot>) -> Result<Profile, RankError> {
        use rayon::prelude::*;
        if ballots.is_empty() {
            return Err(RankError::NoLists);
        }
        // Each ballot is checked and finished on its own, in parallel; the first problem in
        // list order (and, inside a list, in entry order) is the one reported.
        let n = labels.len();
        let checked: Vec<Result<Ballot, RankError>> = ballots
            .into_par_iter()
            .enumerate()
            .map_init(
                || vec![usize::MAX; n],
                |seen, (index, ballot)| ballot.checked(&labels, seen, index),
            )
            .collect();
        let ballots = checked
            .into_iter()
            .collect::<Result<Vec<Ballot>, RankError>>()?;
        Profile::from_checked(labels, ballots)
    }

    /// A profile of ballots each passed through [`Ballot::checked`] (in list order, the first
    /// problem already reported).
    pub(crate) fn from_checked(
        labels: Vec<String>,
        ballots: Vec<Ballot>,
    ) -> Result<Profile, RankError> {
        if ballots.is_empty() {
            return Err(RankError::NoLists);
        }
        let total: f64 = ballots.iter().map(|b| b.weight).sum();
        // A total of zero would make every weighted share 0/0.
        if total <= 0.0 {
            return Err(RankError::ZeroTotalWeight);
        }
        Ok(Profile { labels, ballots })
    }

    /// A profile from lists given by labels; items are interned in first-seen order.
    pub fn from_lists(lists: Vec<ListInput>) -> Result<Profile, RankError> {
        let mut index: HashMap<String, ItemId> = HashMap::new();
        let mut labels: Vec<String> = Vec::new();
        let mut intern = |label: String| -> ItemId {
            if let Some(&id) = index.get(&label) {
                return id;
            }
            let id = ItemId(u32::try_from(labels.len()).unwrap_or(u32::MAX));
            labels.push(label.clone());
            index.insert(label, id);
            id
        };
        let mut ballots = Vec::with_capacity(lists.len());
        for list in lists {
            let ranked = list
                .ranked
                .into_iter()
                .map(|(rank, label)| (intern(label), rank))
                .collect();
            let mentions = list.mentions.into_iter().map(&mut intern).collect();
            ballots.push(
                Ballot::new(list.label, ranked, mentions)
                    .with_declared_len(list.declared_len)
                    .with_weight(list.weight.unwrap_or(1.0)),
            );
        }
        Profile::new(labels, ballots)
    }

    /// Replaces ballot weights by list label. Lists not named keep their weight.
    ///
    /// Errors: a label that names no list; an invalid weight; a zero total.
    pub fn with_weights(mut self, weights: &HashMap<String, f64>) -> Result<Profile, RankError> {
        // One set of labels, so checking W weights against B ballots is O(W + B), not O(W·B).
        let labels: std::collections::HashSet<&str> =
            self.ballots.iter().map(|b| b.label.as_str()).collect();
        for label in weights.keys() {
            if !labels.contains(label.as_str()) {
                return Err(RankError::UnknownList {
                    list: label.clone(),
                });
            }
        }
        let mut total = 0.0;
        for b in &mut self.ballots {
            if let Some(&w) = weights.get(&b.label) {
                if !w.is_finite() || w < 0.0 {
                    return Err(RankError::InvalidWeight {
                        list: b.label.clone(),
                        weight: w,
                    });
                }
                b.weight = w;
            }
            total += b.weight;
        }
        if total <= 0.0 {
            return Err(RankError::ZeroTotalWeight);
        }
        Ok(self)
    }

    /// Number of items.
    pub fn item_count(&self) -> usize {
        self.labels.len()
    }

    /// Item labels; item `i` is `labels()[i]`.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The label of one item.
    pub fn label(&self, item: ItemId) -> &str {
        self.labels.get(item.index()).map_or("", String::as_str)
    }

    /// The item with this label, if any.
    pub fn item(&self, label: &str) -> Option<ItemId> {
        self.labels
            .iter()
            .position(|l| l == label)
            .and_then(|i| u32::try_from(i).ok())
            .map(ItemId)
    }

    /// The ballots, in input order.
    pub fn ballots(&self) -> &[Ballot] {
        &self.ballots
    }

    /// Sum of ballot weights (positive).
    pub fn total_weight(&self) -> f64 {
        self.ballots.iter().map(|b| b.weight).sum()
    }

    /// All item ids.
    pub fn items(&self) -> impl Iterator<Item = ItemId> {
        (0..u32::try_from(self.labels.len()).unwrap_or(u32::MAX)).map(ItemId)
    }

    /// The ballots drawn by a resample, each with the weight it counts with (a multiset, in
    /// draw order). The caller checks the result is not empty nor weightless.
    pub(crate) fn reweighted(&self, drawn: &[(usize, f64)]) -> Profile {
        let ballots = drawn
            .iter()
            .filter_map(|&(i, w)| {
                let mut b = self.ballots.get(i)?.clone();
                b.weight = w;
                Some(b)
            })
            .collect();
        Profile {
            labels: self.labels.clone(),
            ballots,
        }
    }

    /// A profile with the same items over a subset (or multiset) of ballots, by index; used by
    /// resampling. Errors like [`Profile::new`] when the selection is empty or weighs nothing.
    pub fn resampled(&self, ballot_indices: &[usize]) -> Result<Profile, RankError> {
        let ballots: Vec<Ballot> = ballot_indices
            .iter()
            .filter_map(|&i| self.ballots.get(i).cloned())
            .collect();
        if ballots.is_empty() {
            return Err(RankError::NoLists);
        }
        if ballots.iter().map(|b| b.weight).sum::<f64>() <= 0.0 {
            return Err(RankError::ZeroTotalWeight);
        }
        Ok(Profile {
            labels: self.labels.clone(),
            ballots,
        })
    }
}

/// A profile of unweighted lists given best first, one rank each (`L0`, `L1`, … as labels):
/// the shape most unit tests need.
#[cfg(test)]
pub(crate) fn test_profile(lists: &[&[&str]]) -> Profile {
    Profile::from_lists(
        lists
            .iter()
            .enumerate()
            .map(|(i, l)| ListInput {
                label: format!("L{i}"),
                ranked: l
                    .iter()
                    .enumerate()
                    .map(|(r, s)| (r as u32 + 1, s.to_string()))
                    .collect(),
                ..ListInput::default()
            })
            .collect(),
    )
    .expect("test lists are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(label: &str, ranked: &[(u32, &str)], mentions: &[&str]) -> ListInput {
        ListInput {
            label: label.into(),
            ranked: ranked.iter().map(|&(r, s)| (r, s.to_string())).collect(),
            mentions: mentions.iter().map(|s| s.to_string()).collect(),
            ..ListInput::default()
        }
    }

    #[test]
    fn ties_share_a_competition_position() {
        let p = Profile::from_lists(vec![list(
            "a",
            &[(1, "x"), (2, "y"), (2, "z"), (3, "w")],
            &[],
        )])
        .unwrap();
        let pos: Vec<(u32, u32)> = p.ballots()[0]
            .ranked()
            .iter()
            .map(|e| (e.position, e.tie_size))
            .collect();
        assert_eq!(pos, vec![(1, 1), (2, 2), (2, 2), (4, 1)]);
    }

    #[test]
    fn no_lists_is_an_error() {
        assert!(matches!(
            Profile::from_lists(vec![]),
            Err(RankError::NoLists)
        ));
    }

    #[test]
    fn duplicate_item_names_list_and_item() {
        let err = Profile::from_lists(vec![list("mag", &[(1, "x")], &["x"])]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("mag") && msg.contains("\"x\""), "{msg}");
    }

    #[test]
    fn bad_weights_are_rejected() {
        let mut l = list("a", &[(1, "x")], &[]);
        for w in [-1.0, f64::NAN, f64::INFINITY] {
            l.weight = Some(w);
            assert!(matches!(
                Profile::from_lists(vec![l.clone()]),
                Err(RankError::InvalidWeight { .. })
            ));
        }
        l.weight = Some(0.0);
        assert!(matches!(
            Profile::from_lists(vec![l]),
            Err(RankError::ZeroTotalWeight)
        ));
    }

    #[test]
    fn weights_for_unknown_lists_are_rejected() {
        let p = Profile::from_lists(vec![list("a", &[(1, "x")], &[])]).unwrap();
        let w = HashMap::from([("b".to_string(), 2.0)]);
        assert!(matches!(
            p.with_weights(&w),
            Err(RankError::UnknownList { .. })
        ));
    }
}
