//! Agreement between lists, and between each list and a consensus.
//!
//! Every function here works on a [`TieredRanking`]: tiers of tied items, best first. A ballot
//! becomes one with [`ballot_tiers`] (its ranked entries grouped by position, then — unless
//! dropped — its unranked mentions as one last tier), a consensus with [`consensus_tiers`].
//!
//! # Metrics
//!
//! - [`kendall_tau_b`]: Kendall's tau-b, the tie-corrected rank correlation, in \[-1, 1\]. Over a
//!   [`Domain`]: by default the union of the items either list names, where an item a list does
//!   not name ties with the other items it does not name, below every item it names (the usual
//!   reading of a top-k list); or only the items both name.
//! - [`footrule_top_k`]: Spearman's footrule for top-k lists, the `F^(ℓ)` family of Fagin, Kumar
//!   and Sivakumar (2003, "Comparing top k lists") with location parameter `ℓ = k + 1`: an item
//!   missing from a list of length `k` is placed at position `k + 1` of that list (their `F*`).
//!   Lists may differ in length; each uses its own `k`. Tied items sit at the mean of the
//!   positions the tie occupies. [`Footrule::normalized`] divides by the value two disjoint lists
//!   of the same shapes would get (for two top-k lists that is `k(k+1)`, the metric's maximum),
//!   so 0 means identical and 1 means nothing in common.
//! - [`rbo_ext`]: rank-biased overlap with extrapolation (Webber, Moffat and Zobel 2010, eq. 32
//!   for lists of uneven length), persistence `p` in (0, 1). 1 means identical, 0 disjoint. RBO
//!   is defined on sequences: tied items are taken in tier order (item id inside a tier).
//! - [`kendall_distance_to_profile`]: the weighted number of (list, pair) disagreements between
//!   one ranking and every ballot of a profile — the Kemeny objective.
//!
//! [`agreement_matrix`] computes one metric for every pair of lists; [`distances_to_consensus`]
//! compares every list with a consensus.

use crate::consensus::Consensus;
use crate::pairwise::Unlisted;
use crate::profile::{Ballot, ItemId, Profile};
use crate::RankError;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A ranking with ties: tiers of tied items, best first. An item appears at most once.
pub type TieredRanking = Vec<Vec<ItemId>>;

/// Whether a ballot's unranked mentions take part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mentions {
    /// Mentions form one tier below the ranked entries (default).
    #[default]
    LastTier,
    /// Mentions are ignored.
    Drop,
}

/// A ballot as tiers: ranked entries grouped by position, then its mentions as one tier (unless
/// `mentions` is [`Mentions::Drop`]).
pub fn ballot_tiers(ballot: &Ballot, mentions: Mentions) -> TieredRanking {
    let mut tiers: TieredRanking = Vec::new();
    let mut last_position = None;
    for entry in ballot.ranked() {
        match tiers.last_mut() {
            Some(tier) if last_position == Some(entry.position) => tier.push(entry.item),
            _ => tiers.push(vec![entry.item]),
        }
        last_position = Some(entry.position);
    }
    if mentions == Mentions::LastTier && !ballot.mentions().is_empty() {
        tiers.push(ballot.mentions().to_vec());
    }
    tiers
}

/// A consensus as tiers: rows grouped by consensus rank.
pub fn consensus_tiers(consensus: &Consensus) -> TieredRanking {
    let mut tiers: TieredRanking = Vec::new();
    let mut last_rank = None;
    for row in &consensus.rows {
        match tiers.last_mut() {
            Some(tier) if last_rank == Some(row.rank) => tier.push(row.item),
            _ => tiers.push(vec![row.item]),
        }
        last_rank = Some(row.rank);
    }
    tiers
}

/// Tier index per item (the first occurrence wins if an item repeats).
fn tier_index(ranking: &[Vec<ItemId>]) -> HashMap<ItemId, usize> {
    let mut index = HashMap::new();
    for (t, tier) in ranking.iter().enumerate() {
        for &item in tier {
            index.entry(item).or_insert(t);
        }
    }
    index
}

/// Which items Kendall's tau-b compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    /// Every item either ranking names; an item a ranking does not name ties with its other
    /// unnamed items, below all its named ones (default).
    #[default]
    Union,
    /// Only items both rankings name.
    Common,
}

/// Kendall's tau-b between two rankings with ties over `domain`.
///
/// `(concordant − discordant) / sqrt((n0 − ties_a)(n0 − ties_b))` with `n0 = n(n−1)/2`.
/// `None` when it is undefined: fewer than two items, one ranking ties every pair, or the two
/// rankings name no item in common — then every pair is ordered only by the "unnamed below
/// named" convention, and two lists with nothing in common are incomparable rather than
/// (anti)correlated, so the value is undefined (shown as n/a), as RBO's 0 says.
/// Quadratic in the number of items compared.
pub fn kendall_tau_b(a: &[Vec<ItemId>], b: &[Vec<ItemId>], domain: Domain) -> Option<f64> {
    let ia = tier_index(a);
    let ib = tier_index(b);
    if !ia.keys().any(|k| ib.contains_key(k)) {
        return None;
    }
    let mut items: Vec<ItemId> = match domain {
        Domain::Union => ia
            .keys()
            .chain(ib.keys())
            .copied()
            .collect::<HashSet<_>>()
            .into_iter()
            .collect(),
        Domain::Common => ia.keys().filter(|k| ib.contains_key(k)).copied().collect(),
    };
    items.sort_unstable();
    // Unnamed items share the tier just below the ranking's last one.
    let pos = |index: &HashMap<ItemId, usize>, len: usize, item: &ItemId| {
        index.get(item).copied().unwrap_or(len)
    };
    let pairs: Vec<(usize, usize)> = items
        .iter()
        .map(|it| (pos(&ia, a.len(), it), pos(&ib, b.len(), it)))
        .collect();
    let (mut concordant, mut discordant, mut tied_a, mut tied_b) = (0u64, 0u64, 0u64, 0u64);
    for (i, &(xa, xb)) in pairs.iter().enumerate() {
        for &(ya, yb) in pairs.iter().skip(i + 1) {
            match (xa.cmp(&ya), xb.cmp(&yb)) {
                (std::cmp::Ordering::Equal, std::cmp::Ordering::Equal) => {
                    tied_a += 1;
                    tied_b += 1;
                }
                (std::cmp::Ordering::Equal, _) => tied_a += 1,
                (_, std::cmp::Ordering::Equal) => tied_b += 1,
                (x, y) if x == y => concordant += 1,
                _ => discordant += 1,
            }
        }
    }
    let n = items.len() as u64;
    let n0 = n * n.saturating_sub(1) / 2;
    let denominator = (((n0 - tied_a) as f64) * ((n0 - tied_b) as f64)).sqrt();
    if denominator == 0.0 {
        return None;
    }
    Some((concordant as f64 - discordant as f64) / denominator)
}

/// Spearman's footrule between two top-k lists (module docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Footrule {
    /// `Σ |pos_a(i) − pos_b(i)|` over the union, a missing item at its list's `k + 1`.
    pub distance: f64,
    /// `distance` divided by the value for two disjoint lists of the same shapes; 0 = identical,
    /// 1 = disjoint. `None` when both lists are empty.
    pub normalized: Option<f64>,
}

/// Mean position of each item: a tie over positions `s..s+m-1` puts each at `s + (m−1)/2`.
fn mean_positions(ranking: &[Vec<ItemId>]) -> (HashMap<ItemId, f64>, usize) {
    let mut out = HashMap::new();
    let mut start = 1usize;
    for tier in ranking {
        let mid = start as f64 + (tier.len() as f64 - 1.0) / 2.0;
        for &item in tier {
            out.entry(item).or_insert(mid);
        }
        start += tier.len();
    }
    (out, start - 1)
}

/// Spearman's footrule `F^(k+1)` for top-k lists (Fagin, Kumar and Sivakumar 2003).
pub fn footrule_top_k(a: &[Vec<ItemId>], b: &[Vec<ItemId>]) -> Footrule {
    let (pa, ka) = mean_positions(a);
    let (pb, kb) = mean_positions(b);
    let (la, lb) = (ka as f64 + 1.0, kb as f64 + 1.0);
    let mut distance = 0.0;
    let mut disjoint = 0.0;
    for (item, &x) in &pa {
        distance += (x - pb.get(item).copied().unwrap_or(lb)).abs();
        disjoint += (x - lb).abs();
    }
    for (item, &y) in &pb {
        if !pa.contains_key(item) {
            distance += (la - y).abs();
        }
        disjoint += (la - y).abs();
    }
    Footrule {
        distance,
        normalized: (disjoint > 0.0).then(|| distance / disjoint),
    }
}

/// Rank-biased overlap with extrapolation, RBO_ext (Webber, Moffat and Zobel 2010, eq. 32).
///
/// `a` and `b` are sequences, best first (flatten tiers first; see the module docs for ties).
/// A repeated item counts once. `None` when `p` is not in (0, 1) or a sequence is empty.
pub fn rbo_ext(a: &[ItemId], b: &[ItemId], p: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0) {
        return None;
    }
    let dedup = |s: &[ItemId]| {
        let mut seen = HashSet::new();
        s.iter()
            .copied()
            .filter(|x| seen.insert(*x))
            .collect::<Vec<_>>()
    };
    let (a, b) = (dedup(a), dedup(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (s, l) = (short.len(), long.len());
    if s == 0 {
        return None;
    }
    let mut seen_short = HashSet::with_capacity(s);
    let mut seen_long = HashSet::with_capacity(l);
    let mut overlap = 0usize;
    let mut overlap_at_s = 0usize;
    let mut sum = 0.0;
    let mut p_d = 1.0;
    for d in 1..=l {
        p_d *= p;
        // The short list contributes nothing new past its end (X_d then counts all of it).
        let x_long = long.get(d - 1).copied();
        let x_short = if d <= s {
            short.get(d - 1).copied()
        } else {
            None
        };
        match (x_short, x_long) {
            (Some(u), Some(v)) if u == v => overlap += 1,
            (xs, xl) => {
                if let Some(u) = xs {
                    if seen_long.contains(&u) {
                        overlap += 1;
                    }
                }
                if let Some(v) = xl {
                    if seen_short.contains(&v) {
                        overlap += 1;
                    }
                }
            }
        }
        if let Some(u) = x_short {
            seen_short.insert(u);
        }
        if let Some(v) = x_long {
            seen_long.insert(v);
        }
        if d == s {
            overlap_at_s = overlap;
        }
        let (x_d, d_f) = (overlap as f64, d as f64);
        sum += x_d / d_f * p_d;
        if d > s {
            let (x_s, s_f) = (overlap_at_s as f64, s as f64);
            sum += x_s * (d_f - s_f) / (s_f * d_f) * p_d;
        }
    }
    let (x_l, x_s, l_f, s_f) = (overlap as f64, overlap_at_s as f64, l as f64, s as f64);
    Some((1.0 - p) / p * sum + ((x_l - x_s) / l_f + x_s / s_f) * p_d)
}

/// Tiers flattened to a sequence (tier order, then the order inside each tier).
pub fn flatten(ranking: &[Vec<ItemId>]) -> Vec<ItemId> {
    ranking.iter().flatten().copied().collect()
}

/// The weighted Kendall distance of `ranking` to every ballot of `profile`: for each ballot,
/// its weight times the number of pairs the ballot orders one way and `ranking` strictly the
/// other. Pairs tied in either count 0. Mentions are a tier below a ballot's ranked entries.
/// Items missing from `ranking` tie below all of its items. `unlisted` says which pairs a
/// ballot decides ([`Unlisted::BelowListed`]: a named item beats every unnamed one).
pub fn kendall_distance_to_profile(
    ranking: &[Vec<ItemId>],
    profile: &Profile,
    unlisted: Unlisted,
) -> f64 {
    let n = profile.item_count();
    let bottom = ranking.len();
    let mut tier_of = vec![bottom; n];
    for (t, tier) in ranking.iter().enumerate() {
        for item in tier {
            if let Some(slot) = tier_of.get_mut(item.index()) {
                if *slot == bottom {
                    *slot = t;
                }
            }
        }
    }
    // items_above[t] = number of items in tiers strictly better than t.
    let mut per_tier = vec![0usize; bottom + 1];
    for &t in &tier_of {
        if let Some(c) = per_tier.get_mut(t) {
            *c += 1;
        }
    }
    let mut items_above = vec![0usize; bottom + 2];
    for t in 0..=bottom {
        items_above[t + 1] = items_above[t] + per_tier[t];
    }
    profile
        .ballots()
        .par_iter()
        .map(|ballot| {
            let tiers = ballot_tiers(ballot, Mentions::LastTier);
            let named: Vec<(usize, usize)> = tiers
                .iter()
                .enumerate()
                .flat_map(|(bt, tier)| tier.iter().map(move |it| (bt, it.index())))
                .filter_map(|(bt, i)| tier_of.get(i).map(|&ct| (bt, ct)))
                .collect();
            let mut disagreements = 0usize;
            for (i, &(bt_x, ct_x)) in named.iter().enumerate() {
                for &(bt_y, ct_y) in named.iter().skip(i + 1) {
                    if (bt_x < bt_y && ct_y < ct_x) || (bt_y < bt_x && ct_x < ct_y) {
                        disagreements += 1;
                    }
                }
            }
            if unlisted == Unlisted::BelowListed {
                // For a named x: unnamed items the ranking puts above x = all above − named above.
                for &(_, ct_x) in &named {
                    let named_above = named.iter().filter(|&&(_, ct)| ct < ct_x).count();
                    disagreements += items_above[ct_x].saturating_sub(named_above);
                }
            }
            ballot.weight() * disagreements as f64
        })
        .sum()
}

/// An agreement metric between two lists.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "metric")]
pub enum Metric {
    /// Kendall's tau-b over the union domain.
    KendallTauB,
    /// Normalized top-k footrule (0 identical, 1 disjoint).
    Footrule,
    /// RBO_ext with persistence `p`.
    Rbo {
        /// Persistence in (0, 1).
        p: f64,
    },
}

impl Metric {
    /// The metric between two rankings; `None` when undefined for them.
    pub fn between(self, a: &[Vec<ItemId>], b: &[Vec<ItemId>]) -> Option<f64> {
        match self {
            Metric::KendallTauB => kendall_tau_b(a, b, Domain::Union),
            Metric::Footrule => footrule_top_k(a, b).normalized,
            Metric::Rbo { p } => rbo_ext(&flatten(a), &flatten(b), p),
        }
    }

    fn validate(self) -> Result<Self, RankError> {
        match self {
            Metric::Rbo { p } if !(p > 0.0 && p < 1.0) => Err(RankError::InvalidParameter {
                name: "rbo p".into(),
                message: format!("must be strictly between 0 and 1, got {p}"),
            }),
            _ => Ok(self),
        }
    }
}

/// One metric for every pair of lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementMatrix {
    /// The metric.
    pub metric: Metric,
    /// List labels, in profile order.
    pub lists: Vec<String>,
    /// `values[i][j]`: the metric between list `i` and list `j` (`None` where undefined).
    pub values: Vec<Vec<Option<f64>>>,
}

/// The agreement matrix over all lists of `profile` (mentions as a last tier). Parallel over
/// rows. Errors: an invalid metric parameter.
pub fn agreement_matrix(profile: &Profile, metric: Metric) -> Result<AgreementMatrix, RankError> {
    let metric = metric.validate()?;
    let tiers: Vec<TieredRanking> = profile
        .ballots()
        .iter()
        .map(|b| ballot_tiers(b, Mentions::LastTier))
        .collect();
    let values = tiers
        .par_iter()
        .map(|a| tiers.iter().map(|b| metric.between(a, b)).collect())
        .collect();
    Ok(AgreementMatrix {
        metric,
        lists: profile
            .ballots()
            .iter()
            .map(|b| b.label().to_string())
            .collect(),
        values,
    })
}

/// How one list compares with a consensus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListAgreement {
    /// The list's label.
    pub list: String,
    /// Kendall tau-b between the list and the consensus over the items the list names.
    pub kendall_tau_b: Option<f64>,
    /// Normalized footrule between the list and the consensus's top `k` (k = items the list
    /// names; the consensus is cut after the tier that reaches `k`).
    pub footrule: Option<f64>,
    /// RBO_ext between the list and the whole consensus order.
    pub rbo: Option<f64>,
    /// Pairs of items the list names that it orders against the consensus.
    pub discordant_pairs: u64,
}

/// Each list's agreement with `consensus` (mentions as a last tier). Errors: `rbo_p` not in
/// (0, 1).
pub fn distances_to_consensus(
    profile: &Profile,
    consensus: &Consensus,
    rbo_p: f64,
) -> Result<Vec<ListAgreement>, RankError> {
    Metric::Rbo { p: rbo_p }.validate()?;
    let full = consensus_tiers(consensus);
    let full_sequence = flatten(&full);
    let consensus_tier = tier_index(&full);
    Ok(profile
        .ballots()
        .par_iter()
        .map(|ballot| {
            let list = ballot_tiers(ballot, Mentions::LastTier);
            let k = list.iter().map(Vec::len).sum::<usize>();
            let mut top: TieredRanking = Vec::new();
            let mut taken = 0;
            for tier in &full {
                if taken >= k {
                    break;
                }
                taken += tier.len();
                top.push(tier.clone());
            }
            let list_tier = tier_index(&list);
            let named: Vec<(usize, usize)> = list_tier
                .iter()
                .map(|(item, &t)| (t, consensus_tier.get(item).copied().unwrap_or(full.len())))
                .collect();
            let mut discordant_pairs = 0u64;
            for (i, &(lx, cx)) in named.iter().enumerate() {
                for &(ly, cy) in named.iter().skip(i + 1) {
                    if (lx < ly && cy < cx) || (ly < lx && cx < cy) {
                        discordant_pairs += 1;
                    }
                }
            }
            ListAgreement {
                list: ballot.label().to_string(),
                kendall_tau_b: kendall_tau_b(&list, &full, Domain::Common),
                footrule: footrule_top_k(&list, &top).normalized,
                rbo: rbo_ext(&flatten(&list), &full_sequence, rbo_p),
                discordant_pairs,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(tiers: &[&[u32]]) -> TieredRanking {
        tiers
            .iter()
            .map(|t| t.iter().map(|&i| ItemId(i)).collect())
            .collect()
    }

    fn seq(items: &[u32]) -> Vec<ItemId> {
        items.iter().map(|&i| ItemId(i)).collect()
    }

    #[test]
    fn tau_b_is_one_for_identical_and_minus_one_for_reversed() {
        let a = ids(&[&[0], &[1], &[2], &[3]]);
        let r = ids(&[&[3], &[2], &[1], &[0]]);
        assert_eq!(kendall_tau_b(&a, &a, Domain::Union), Some(1.0));
        assert_eq!(kendall_tau_b(&a, &r, Domain::Union), Some(-1.0));
    }

    #[test]
    fn tau_b_is_undefined_for_lists_with_nothing_in_common() {
        let (x, y, z, w) = (ItemId(0), ItemId(1), ItemId(2), ItemId(3));
        let a = vec![vec![x], vec![y]];
        let b = vec![vec![z], vec![w]];
        assert_eq!(kendall_tau_b(&a, &b, Domain::Union), None);
        assert_eq!(kendall_tau_b(&a, &b, Domain::Common), None);
        assert_eq!(Metric::KendallTauB.between(&a, &b), None);
        let mentions_only = vec![vec![z, w]];
        assert_eq!(kendall_tau_b(&a, &mentions_only, Domain::Union), None);
    }

    #[test]
    fn tau_b_with_ties_matches_hand_computation() {
        // a: 0 > 1 = 2 > 3 ; b: 0 > 1 > 2 > 3. Pairs: 6; a ties (1,2): 1; b ties: 0.
        // Concordant: the 5 untied pairs all agree; discordant 0 → 5 / sqrt(5 · 6).
        let a = ids(&[&[0], &[1, 2], &[3]]);
        let b = ids(&[&[0], &[1], &[2], &[3]]);
        let tau = kendall_tau_b(&a, &b, Domain::Union).unwrap();
        assert!((tau - 5.0 / 30f64.sqrt()).abs() < 1e-12, "{tau}");
    }

    #[test]
    fn tau_b_union_puts_unnamed_items_at_the_bottom() {
        // a: 0 > 1 (2 unnamed); b: 2 > 0 (1 unnamed). Union {0,1,2}: a = 0,1,2 ranks (0,1,2);
        // b ranks 2 first, 0 second, 1 third. Pairs: (0,1) conc, (0,2) disc, (1,2) disc.
        let a = ids(&[&[0], &[1]]);
        let b = ids(&[&[2], &[0]]);
        let tau = kendall_tau_b(&a, &b, Domain::Union).unwrap();
        assert!((tau - (1.0 - 2.0) / 3.0).abs() < 1e-12);
        // Common domain: only item 0 → undefined.
        assert_eq!(kendall_tau_b(&a, &b, Domain::Common), None);
    }

    #[test]
    fn footrule_hand_values() {
        let a = ids(&[&[0], &[1], &[2]]);
        assert_eq!(footrule_top_k(&a, &a).distance, 0.0);
        // Disjoint top-3 lists: k(k+1) = 12, normalized 1.
        let d = ids(&[&[3], &[4], &[5]]);
        let f = footrule_top_k(&a, &d);
        assert_eq!(f.distance, 12.0);
        assert_eq!(f.normalized, Some(1.0));
        // a = 0,1,2 ; b = 1,0,3: |1-2|+|2-1|+|3-4|+|4-3| = 4.
        let b = ids(&[&[1], &[0], &[3]]);
        assert_eq!(footrule_top_k(&a, &b).distance, 4.0);
        // A tie at positions 1-2 sits at 1.5: a' = {0,1},2 vs a: 0.5 + 0.5 = 1.
        let t = ids(&[&[0, 1], &[2]]);
        assert_eq!(footrule_top_k(&t, &a).distance, 1.0);
    }

    #[test]
    fn rbo_identical_is_one_and_disjoint_is_zero() {
        let a = seq(&[0, 1, 2, 3, 4]);
        assert!((rbo_ext(&a, &a, 0.9).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(rbo_ext(&a, &seq(&[5, 6, 7]), 0.9), Some(0.0));
        assert_eq!(rbo_ext(&a, &[], 0.9), None);
        assert_eq!(rbo_ext(&a, &a, 1.0), None);
    }

    #[test]
    fn rbo_hand_value_for_even_lists() {
        // a = 0,1 ; b = 1,0 ; p = 0.5: X1 = 0, X2 = 2.
        // (1-p)/p · (0/1·p + 2/2·p²) + X2/2 · p² = 1 · 0.25 + 0.25 = 0.5.
        let v = rbo_ext(&seq(&[0, 1]), &seq(&[1, 0]), 0.5).unwrap();
        assert!((v - 0.5).abs() < 1e-12, "{v}");
    }

    #[test]
    fn rbo_hand_value_for_uneven_lists() {
        // S = [0] (s = 1), L = [0, 1] (l = 2), p = 0.5. X1 = 1, X2 = 1, Xs = 1.
        // sum1 = 1·0.5 + 1/2·0.25 = 0.625; sum2 (d = 2) = 1·(2−1)/(1·2)·0.25 = 0.125.
        // (1−p)/p · 0.75 + ((1−1)/2 + 1/1)·0.25 = 0.75 + 0.25 = 1.0: S is a prefix of L.
        let v = rbo_ext(&seq(&[0]), &seq(&[0, 1]), 0.5).unwrap();
        assert!((v - 1.0).abs() < 1e-12, "{v}");
        // S = [2], L = [0, 1]: nothing in common → 0.
        assert_eq!(rbo_ext(&seq(&[2]), &seq(&[0, 1]), 0.5), Some(0.0));
    }

    #[test]
    fn rbo_is_within_bounds_and_symmetric() {
        let a = seq(&[0, 1, 2, 3, 4, 5]);
        let b = seq(&[2, 0, 7, 3]);
        let x = rbo_ext(&a, &b, 0.8).unwrap();
        let y = rbo_ext(&b, &a, 0.8).unwrap();
        assert!((0.0..=1.0).contains(&x));
        assert!((x - y).abs() < 1e-12);
    }
}
