//! Property tests of the aggregation axioms on small random profiles (partial lists with ties
//! and mentions): Condorcet consistency, Pareto, neutrality, anonymity, Kemeny optimality, and
//! agreement of Schulze, Ranked Pairs and exact Kemeny with brute force.

use needledrop_rank::kemeny::{kendall_cost, KemenyExact, KemenyHeuristic};
use needledrop_rank::pairwise::{Copeland, PairwiseMatrix, RankedPairs, Schulze, Unlisted};
use needledrop_rank::positional::{Borda, CombSum, MeanRank, Rrf};
use needledrop_rank::{Ballot, ItemId, Method, Profile};
use proptest::prelude::*;
use std::collections::HashMap;

/// One list: an order of all items, how many are ranked, how many of the rest are mentioned,
/// and which ranked entries tie with the one before.
type RawList = (Vec<u32>, usize, usize, Vec<bool>);

fn raw_list(n: u32) -> impl Strategy<Value = RawList> {
    let order: Vec<u32> = (0..n).collect();
    (
        Just(order).prop_shuffle(),
        0..=n as usize,
        0..=n as usize,
        proptest::collection::vec(proptest::bool::weighted(0.2), n as usize),
    )
}

fn raw_profile(max_items: u32) -> impl Strategy<Value = (u32, Vec<RawList>)> {
    (2..=max_items).prop_flat_map(|n| (Just(n), proptest::collection::vec(raw_list(n), 1..7)))
}

fn build(n: u32, lists: &[RawList]) -> Profile {
    let labels: Vec<String> = (0..n).map(|i| format!("i{i}")).collect();
    let ballots = lists
        .iter()
        .enumerate()
        .map(|(li, (order, k, m, ties))| {
            let k = (*k).min(order.len());
            let mut rank = 0u32;
            let ranked: Vec<(ItemId, u32)> = order[..k]
                .iter()
                .enumerate()
                .map(|(i, &item)| {
                    if i == 0 || !ties[i] {
                        rank = i as u32 + 1;
                    }
                    (ItemId(item), rank)
                })
                .collect();
            let m = (*m).min(order.len() - k);
            let mentions = order[k..k + m].iter().map(|&i| ItemId(i)).collect();
            Ballot::new(format!("l{li}"), ranked, mentions)
        })
        .collect();
    Profile::new(labels, ballots).unwrap()
}

fn condorcet_methods() -> Vec<Box<dyn Method>> {
    vec![
        Box::new(Copeland::default()),
        Box::new(Schulze::default()),
        Box::new(RankedPairs::default()),
        Box::new(KemenyExact::default()),
        Box::new(KemenyHeuristic::default()),
    ]
}

fn all_methods() -> Vec<Box<dyn Method>> {
    let mut v = condorcet_methods();
    v.push(Box::new(Borda));
    v.push(Box::new(Rrf::default()));
    v.push(Box::new(CombSum::default()));
    v.push(Box::new(MeanRank::default()));
    v
}

fn ranks_by_label(m: &dyn Method, p: &Profile) -> HashMap<String, u32> {
    m.aggregate(p)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.label, r.rank))
        .collect()
}

/// A list's tier for an item: its position, or `u32::MAX` when unnamed.
fn tier(b: &Ballot, item: ItemId) -> u32 {
    b.tiers()
        .find(|(i, _, _)| *i == item)
        .map_or(u32::MAX, |(_, p, _)| p)
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for i in 0..=p.len() {
            let mut q = p.clone();
            q.insert(i, n - 1);
            out.push(q);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_condorcet_winner_wins_every_condorcet_method((n, lists) in raw_profile(7)) {
        let p = build(n, &lists);
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let winner = (0..n as usize).find(|&a| (0..n as usize).all(|b| a == b || m.beats(a, b)));
        if let Some(w) = winner {
            for method in condorcet_methods() {
                let c = method.aggregate(&p).unwrap();
                prop_assert_eq!(c.rows[0].item.index(), w, "{}", method.name());
                prop_assert!(!c.rows[0].tied, "{}", method.name());
            }
        }
    }

    #[test]
    fn pareto_dominated_items_never_rank_above((n, lists) in raw_profile(6)) {
        let p = build(n, &lists);
        for method in all_methods() {
            let c = method.aggregate(&p).unwrap();
            let ranks = c.ranks(p.item_count());
            for a in p.items() {
                for b in p.items() {
                    let weakly = p.ballots().iter().all(|bl| tier(bl, a) <= tier(bl, b));
                    let strictly = p.ballots().iter().any(|bl| tier(bl, a) < tier(bl, b));
                    if a != b && weakly && strictly {
                        prop_assert!(
                            ranks[a.index()] <= ranks[b.index()],
                            "{}: {} ranks below {}", method.name(), p.label(a), p.label(b)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn relabelling_items_changes_nothing_but_labels(
        (n, lists) in raw_profile(6),
        seed in any::<u64>(),
    ) {
        let p = build(n, &lists);
        // A permutation of item ids from the seed; labels travel with their items.
        let mut perm: Vec<u32> = (0..n).collect();
        let mut s = seed;
        for i in (1..perm.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            perm.swap(i, (s >> 33) as usize % (i + 1));
        }
        let mut labels = vec![String::new(); n as usize];
        for (old, &new) in perm.iter().enumerate() {
            labels[new as usize] = p.labels()[old].clone();
        }
        let map = |i: ItemId| ItemId(perm[i.index()]);
        let ballots = p
            .ballots()
            .iter()
            .map(|b| {
                Ballot::new(
                    b.label(),
                    b.ranked().iter().map(|e| (map(e.item), e.printed_rank)).collect(),
                    b.mentions().iter().map(|&i| map(i)).collect(),
                )
            })
            .collect();
        let q = Profile::new(labels, ballots).unwrap();
        for method in all_methods() {
            if method.name().starts_with("kemeny") {
                // Equally good Kemeny rankings may be chosen differently; the distance may not.
                continue;
            }
            prop_assert_eq!(ranks_by_label(&*method, &p), ranks_by_label(&*method, &q), "{}", method.name());
        }
        let (mp, mq) = (PairwiseMatrix::new(&p, Unlisted::BelowListed), PairwiseMatrix::new(&q, Unlisted::BelowListed));
        let order = |m: &PairwiseMatrix, prof: &Profile| -> f64 {
            let c = KemenyExact::default().aggregate(prof).unwrap();
            kendall_cost(m, &c.order().iter().map(|i| i.index()).collect::<Vec<_>>())
        };
        prop_assert!((order(&mp, &p) - order(&mq, &q)).abs() < 1e-9);
    }

    #[test]
    fn reordering_lists_changes_nothing((n, lists) in raw_profile(6)) {
        let p = build(n, &lists);
        let mut reversed = lists.clone();
        reversed.reverse();
        let q = build(n, &reversed);
        for method in all_methods() {
            prop_assert_eq!(ranks_by_label(&*method, &p), ranks_by_label(&*method, &q), "{}", method.name());
        }
    }

    #[test]
    fn kemeny_is_no_farther_from_the_lists_than_any_method((n, lists) in raw_profile(7)) {
        let p = build(n, &lists);
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let cost = |c: &needledrop_rank::Consensus| {
            kendall_cost(&m, &c.order().iter().map(|i| i.index()).collect::<Vec<_>>())
        };
        let kemeny = cost(&KemenyExact::default().aggregate(&p).unwrap());
        for method in all_methods() {
            let other = cost(&method.aggregate(&p).unwrap());
            prop_assert!(kemeny <= other + 1e-9, "{}: {} < {}", method.name(), other, kemeny);
        }
    }

    #[test]
    fn exact_kemeny_equals_brute_force_up_to_eight_items((n, lists) in raw_profile(8)) {
        let p = build(n, &lists);
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let best = permutations(n as usize)
            .iter()
            .map(|o| kendall_cost(&m, o))
            .fold(f64::INFINITY, f64::min);
        let c = KemenyExact::default().aggregate(&p).unwrap();
        let ours = kendall_cost(&m, &c.order().iter().map(|i| i.index()).collect::<Vec<_>>());
        prop_assert!((ours - best).abs() < 1e-9, "{} vs {}", ours, best);
        let h = KemenyHeuristic::default().aggregate(&p).unwrap();
        let hc = kendall_cost(&m, &h.order().iter().map(|i| i.index()).collect::<Vec<_>>());
        prop_assert!(hc + 1e-9 >= best);
    }

    #[test]
    fn schulze_equals_brute_force_beatpaths((n, lists) in raw_profile(7)) {
        let p = build(n, &lists);
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let n = n as usize;
        // Plain Floyd–Warshall over every item, no decomposition.
        let mut s = vec![vec![0.0f64; n]; n];
        for (a, row) in s.iter_mut().enumerate() {
            for (b, cell) in row.iter_mut().enumerate() {
                if a != b && m.margin(a, b) > 0.0 {
                    *cell = m.margin(a, b);
                }
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    if i != j && i != k && j != k {
                        s[i][j] = s[i][j].max(s[i][k].min(s[k][j]));
                    }
                }
            }
        }
        let defeaters: Vec<f64> = (0..n)
            .map(|b| (0..n).filter(|&a| s[a][b] > s[b][a]).count() as f64)
            .collect();
        let expected = needledrop_rank::Consensus::from_outcome(
            &p,
            "schulze",
            vec![],
            needledrop_rank::Outcome::Scores { scores: defeaters, direction: needledrop_rank::Direction::LowerIsBetter },
        );
        let ours = Schulze::default().aggregate(&p).unwrap();
        prop_assert_eq!(ours.ranks(n), expected.ranks(n));
    }

    #[test]
    fn ranked_pairs_equals_brute_force_locking((n, lists) in raw_profile(7)) {
        let p = build(n, &lists);
        let m = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let n = n as usize;
        let labels = p.labels();
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for a in 0..n {
            for b in 0..n {
                if m.beats(a, b) {
                    pairs.push((m.margin(a, b), a, b));
                }
            }
        }
        pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(labels[x.1].cmp(&labels[y.1])).then(labels[x.2].cmp(&labels[y.2])));
        // Lock with a plain depth-first cycle check on the locked edges.
        let mut locked = vec![vec![false; n]; n];
        fn reaches(locked: &[Vec<bool>], from: usize, to: usize, seen: &mut Vec<bool>) -> bool {
            if from == to {
                return true;
            }
            seen[from] = true;
            (0..locked.len()).any(|x| locked[from][x] && !seen[x] && reaches(locked, x, to, seen))
        }
        for (_, a, b) in pairs {
            if !reaches(&locked, b, a, &mut vec![false; n]) {
                locked[a][b] = true;
            }
        }
        let above: Vec<f64> = (0..n)
            .map(|b| (0..n).filter(|&a| a != b && reaches(&locked, a, b, &mut vec![false; n])).count() as f64)
            .collect();
        let expected = needledrop_rank::Consensus::from_outcome(
            &p,
            "ranked-pairs",
            vec![],
            needledrop_rank::Outcome::Scores { scores: above, direction: needledrop_rank::Direction::LowerIsBetter },
        );
        let ours = RankedPairs::default().aggregate(&p).unwrap();
        prop_assert_eq!(ours.ranks(n), expected.ranks(n));
    }
}
