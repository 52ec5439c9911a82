//! Cross-checks against the reference libraries' outputs in `../shared/fixtures/peers/`.
//!
//! Each fixture `INPUT__PEER__METHOD.txt` is what a peer printed for `INPUT.csv`
//! (`position<TAB>item<TAB>score`, tied items sharing a position). Where a method is defined the
//! same way as ours — including the treatment of items a list does not name, described in
//! `../shared/anchors/peers.py` — the tests require the same position for every item. Where we
//! deliberately differ, a test shows the difference and the reason is in the method's docs.

use needledrop_rank::kemeny::{kendall_cost, KemenyExact};
use needledrop_rank::pairwise::{Copeland, PairwiseMatrix, RankedPairs, Schulze, Unlisted};
use needledrop_rank::positional::{Borda, CombSum, Normalization, Rrf};
use needledrop_rank::{Consensus, Direction, Method, Outcome, Profile};
use std::collections::HashMap;

#[path = "support/peer_fixtures.rs"]
mod peer_fixtures;
use peer_fixtures::{peer_rows, profile};
const INPUTS: [&str; 4] = ["seeds", "small", "medium", "kemeny"];

/// item → position, as the peer printed it.
fn peer(input: &str, peer_name: &str, method: &str) -> HashMap<String, u32> {
    peer_rows(input, peer_name, method)
        .into_iter()
        .map(|(p, i, _)| (i, p))
        .collect()
}

/// item → position from the peer's scores, with scores equal up to 1e-9 (relative) tied — as
/// our consensus ties them.
fn peer_by_score(input: &str, peer_name: &str, method: &str) -> HashMap<String, u32> {
    let rows = peer_rows(input, peer_name, method);
    let mut out = HashMap::new();
    let mut position = 0;
    let mut prev: Option<f64> = None;
    for (i, (_, item, score)) in rows.into_iter().enumerate() {
        if !prev.is_some_and(|p| needledrop_rank::consensus::scores_tie(p, score)) {
            position = i as u32 + 1;
        }
        prev = Some(score);
        out.insert(item, position);
    }
    out
}

/// item → our consensus rank.
fn ours(c: &Consensus) -> HashMap<String, u32> {
    c.rows.iter().map(|r| (r.label.clone(), r.rank)).collect()
}

/// Items whose positions differ.
fn differences(a: &HashMap<String, u32>, b: &HashMap<String, u32>) -> Vec<String> {
    let mut d: Vec<String> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, v)| format!("{k}: ours {v}, peer {:?}", b.get(k)))
        .collect();
    d.extend(
        b.keys()
            .filter(|k| !a.contains_key(*k))
            .map(|k| format!("{k}: peer only")),
    );
    d.sort();
    d
}

fn compare(input: &str, peer_name: &str, method_name: &str, method: &dyn Method) -> Vec<String> {
    let c = method.aggregate(&profile(input)).unwrap();
    differences(&ours(&c), &peer(input, peer_name, method_name))
}

fn assert_same(inputs: &[&str], peer_name: &str, method_name: &str, method: &dyn Method) {
    for input in inputs {
        let d = compare(input, peer_name, method_name, method);
        assert!(d.is_empty(), "{input} {peer_name} {method_name}: {d:#?}");
    }
}

#[test]
fn pref_voting_copeland_and_schulze_are_reproduced_on_every_input() {
    // pref_voting's extended strict preference is our default `Unlisted::BelowListed`.
    assert_same(&INPUTS, "pref_voting", "copeland", &Copeland::default());
    assert_same(&INPUTS, "pref_voting", "schulze", &Schulze::default());
}

#[test]
fn ranked_pairs_matches_pref_voting_when_zero_margins_are_locked() {
    let locked = RankedPairs {
        unlisted: Unlisted::BelowListed,
        lock_zero_margins: true,
    };
    assert_same(&INPUTS, "pref_voting", "ranked_pairs", &locked);
}

#[test]
fn ranked_pairs_by_default_reports_zero_margin_pairs_as_ties() {
    // The two seed lists disagree on most pairs: many margins are 0. Locking them in name
    // order (the peer) invents an order; we report the tie instead, so the peer's strict order
    // differs from ours, and our ranking has ties where the peer has none.
    let p = profile("seeds");
    let ours_default = RankedPairs::default().aggregate(&p).unwrap();
    assert!(ours_default.rows.iter().any(|r| r.tied));
    let peer_positions = peer("seeds", "pref_voting", "ranked_pairs");
    let mut positions: Vec<u32> = peer_positions.values().copied().collect();
    positions.sort_unstable();
    positions.dedup();
    assert_eq!(
        positions.len(),
        peer_positions.len(),
        "the peer's order is strict"
    );
    assert!(!compare(
        "seeds",
        "pref_voting",
        "ranked_pairs",
        &RankedPairs::default()
    )
    .is_empty());
}

#[test]
fn ranx_combsum_and_combmnz_with_min_max_are_reproduced() {
    let sum = CombSum::default();
    let mnz = CombSum {
        norm: Normalization::MinMax,
        mnz: true,
    };
    for input in INPUTS {
        // ranx sums in float32-ish order: on `kemeny` two scores differ only in the 16th digit
        // (1.6666666666666667 vs …665); we tie them, so compare against the peer's scores with
        // the same tolerance.
        let c = sum.aggregate(&profile(input)).unwrap();
        let d = differences(&ours(&c), &peer_by_score(input, "ranx", "sum"));
        assert!(d.is_empty(), "{input} ranx sum: {d:#?}");
        let c = mnz.aggregate(&profile(input)).unwrap();
        let d = differences(&ours(&c), &peer_by_score(input, "ranx", "mnz"));
        assert!(d.is_empty(), "{input} ranx mnz: {d:#?}");
    }
    // …and without the tolerance that one near-tie is the only difference.
    assert_eq!(compare("kemeny", "ranx", "sum", &sum).len(), 1);
}

#[test]
fn lists_without_ties_or_mentions_reproduce_flagr_and_ranx_rank_methods() {
    // `kemeny.csv` has no ties and no mentions, so tie handling cannot matter.
    let tie_free = ["kemeny"];
    assert_same(&tie_free, "pyflagr", "borda", &Borda);
    assert_same(&tie_free, "pyflagr", "copeland", &Copeland::default());
    let flagr_sum = CombSum {
        norm: Normalization::Borda,
        mnz: false,
    };
    let flagr_mnz = CombSum {
        norm: Normalization::Borda,
        mnz: true,
    };
    assert_same(&tie_free, "pyflagr", "combsum", &flagr_sum);
    assert_same(&tie_free, "pyflagr", "combmnz", &flagr_mnz);
    assert_same(&tie_free, "ranx", "bordafuse", &Borda);
    assert_same(&tie_free, "ranx", "rrf", &Rrf::default());
}

/// FLAGR's Borda as it behaves on the fixtures: a list is read in its file order (peers.py
/// writes tied items in name order) and the item at 1-based place `r` gets `(n - r + 1) / n`
/// whatever its printed rank — so ties are broken by name — and an unnamed item gets
/// `(n - |list| + 1) / (2n)`.
fn flagr_borda(p: &Profile) -> Vec<f64> {
    let n = p.item_count() as f64;
    let mut scores = vec![0.0; p.item_count()];
    for b in p.ballots() {
        let len = b.named_count() as f64;
        let mut named = vec![false; p.item_count()];
        let mut places: Vec<(u32, &str, usize)> = b
            .tiers()
            .map(|(item, position, _)| (position, p.label(item), item.index()))
            .collect();
        places.sort();
        for (place, (_, _, item)) in places.into_iter().enumerate() {
            scores[item] += (n - place as f64) / n;
            named[item] = true;
        }
        for (s, _) in scores.iter_mut().zip(named).filter(|(_, named)| !named) {
            *s += (n - len + 1.0) / (2.0 * n);
        }
    }
    scores
}

fn by_scores(p: &Profile, scores: Vec<f64>) -> HashMap<String, u32> {
    let c = Consensus::from_outcome(
        p,
        "flagr-borda",
        vec![],
        Outcome::Scores {
            scores,
            direction: Direction::HigherIsBetter,
        },
    );
    ours(&c)
}

#[test]
fn borda_differs_from_flagr_only_in_how_ties_share_points() {
    for input in INPUTS {
        let p = profile(input);
        // FLAGR's tie rule, written out, reproduces the peer on every input…
        let flagr = by_scores(&p, flagr_borda(&p));
        let d = differences(&flagr, &peer(input, "pyflagr", "borda"));
        assert!(d.is_empty(), "{input}: {d:#?}");
        // …and it is the only difference: where a list has no ties and no mentions, our points
        // are FLAGR's times n.
        let has_ties = p
            .ballots()
            .iter()
            .any(|b| !b.mentions().is_empty() || b.ranked().iter().any(|e| e.tie_size > 1));
        let d = compare(input, "pyflagr", "borda", &Borda);
        assert_eq!(d.is_empty(), !has_ties, "{input}: {d:#?}");
    }
    // On the seeds, FLAGR ranks list002's ten unranked mentions 11th to 20th in alphabetical
    // order, so "Into the Wild" outscores "There Will Be Blood" by nine places' points; we give
    // the mention tier one shared mean, and the ten mentions tie.
    let c = Borda.aggregate(&profile("seeds")).unwrap();
    let rank = |label: &str| c.rows.iter().find(|r| r.label == label).unwrap().rank;
    assert_eq!(rank("Into the Wild"), rank("There Will Be Blood"));
    let flagr = peer("seeds", "pyflagr", "borda");
    assert!(flagr["Into the Wild"] < flagr["There Will Be Blood"]);
}

#[test]
fn our_exact_kemeny_is_no_worse_than_corankcos_under_our_pairwise_model() {
    // corankco completes each list with a last bucket of its unnamed items and may return ties;
    // our model leaves two unnamed items uncompared. Under our model our order must cost no more
    // than corankco's (ties broken by its print order), and on the seeds it is strictly better.
    let mut strictly_better = false;
    for input in ["seeds", "small", "kemeny"] {
        let p = profile(input);
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let c = KemenyExact::default().aggregate(&p).unwrap();
        let index: HashMap<&str, usize> = p
            .labels()
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i))
            .collect();
        let our_order: Vec<usize> = c.rows.iter().map(|r| r.item.index()).collect();
        let their_order: Vec<usize> = peer_rows(input, "corankco", "exact")
            .iter()
            .map(|(_, item, _)| index[item.as_str()])
            .collect();
        let (ours_cost, theirs_cost) =
            (kendall_cost(&m, &our_order), kendall_cost(&m, &their_order));
        assert!(
            ours_cost <= theirs_cost + 1e-9,
            "{input}: {ours_cost} > {theirs_cost}"
        );
        strictly_better |= ours_cost < theirs_cost - 1e-9;
    }
    assert!(strictly_better);
}
