//! Properties of the agreement metrics and of the bootstrap, on random inputs (proptest), plus
//! cross-checks of RBO_ext against the `rbo` Python package.

use needledrop_rank::agreement::{
    agreement_matrix, ballot_tiers, distances_to_consensus, footrule_top_k,
    kendall_distance_to_profile, kendall_tau_b, rbo_ext, Domain, Mentions, Metric, TieredRanking,
};
use needledrop_rank::bootstrap::Bootstrap;
use needledrop_rank::pairwise::Unlisted;
use needledrop_rank::positional::Borda;
use needledrop_rank::{ItemId, ListInput, Method, Profile};
use proptest::prelude::*;

/// A random tiered ranking over a subset of `0..pool`: a shuffled subset cut into tiers.
fn tiered(pool: u32) -> impl Strategy<Value = TieredRanking> {
    (
        Just((0..pool).collect::<Vec<u32>>()).prop_shuffle(),
        1..=pool as usize,
        proptest::collection::vec(any::<bool>(), pool as usize),
    )
        .prop_map(|(items, len, breaks)| {
            let mut tiers: TieredRanking = Vec::new();
            for (i, &it) in items.iter().take(len).enumerate() {
                if i == 0 || breaks[i] {
                    tiers.push(vec![ItemId(it)]);
                } else if let Some(t) = tiers.last_mut() {
                    t.push(ItemId(it));
                }
            }
            tiers
        })
}

/// A random strict (untied) ranking over a subset of `0..pool`.
fn strict(pool: u32) -> impl Strategy<Value = Vec<ItemId>> {
    (
        Just((0..pool).collect::<Vec<u32>>()).prop_shuffle(),
        1..=pool as usize,
    )
        .prop_map(|(items, len)| items.into_iter().take(len).map(ItemId).collect())
}

fn singletons(seq: &[ItemId]) -> TieredRanking {
    seq.iter().map(|&i| vec![i]).collect()
}

fn profile_of(lists: &[TieredRanking]) -> Profile {
    // Labels are interned in first-seen order, so ids in the profile may differ from the
    // `ItemId`s here; tests go through labels.
    Profile::from_lists(
        lists
            .iter()
            .enumerate()
            .map(|(l, tiers)| ListInput {
                label: format!("L{l}"),
                ranked: tiers
                    .iter()
                    .enumerate()
                    .flat_map(|(t, tier)| tier.iter().map(move |it| (t as u32 + 1, labels_of(it))))
                    .collect(),
                ..ListInput::default()
            })
            .collect(),
    )
    .unwrap()
}

fn labels_of(item: &ItemId) -> String {
    format!("i{}", item.0)
}

proptest! {
    #[test]
    fn tau_b_is_bounded_and_symmetric(a in tiered(10), b in tiered(10)) {
        let x = kendall_tau_b(&a, &b, Domain::Union);
        let y = kendall_tau_b(&b, &a, Domain::Union);
        prop_assert_eq!(x.is_some(), y.is_some());
        if let (Some(x), Some(y)) = (x, y) {
            prop_assert!((-1.0 - 1e-12..=1.0 + 1e-12).contains(&x));
            prop_assert!((x - y).abs() < 1e-12);
        }
        if let Some(s) = kendall_tau_b(&a, &a, Domain::Union) {
            prop_assert!((s - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn tau_b_of_a_strict_ranking_and_its_reverse_is_minus_one(a in strict(10)) {
        prop_assume!(a.len() >= 2);
        let mut r = a.clone();
        r.reverse();
        let tau = kendall_tau_b(&singletons(&a), &singletons(&r), Domain::Common).unwrap();
        prop_assert!((tau + 1.0).abs() < 1e-12);
    }

    #[test]
    fn rbo_is_bounded_symmetric_and_one_on_identity(a in strict(12), b in strict(12), p in 0.05f64..0.95) {
        let x = rbo_ext(&a, &b, p).unwrap();
        let y = rbo_ext(&b, &a, p).unwrap();
        prop_assert!((-1e-12..=1.0 + 1e-12).contains(&x), "{}", x);
        prop_assert!((x - y).abs() < 1e-12);
        prop_assert!((rbo_ext(&a, &a, p).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn footrule_is_a_metric_on_top_k_lists(
        a in strict(12), b in strict(12), c in strict(12), k in 1usize..6
    ) {
        // Fagin et al.: F^(k+1) is a metric on top-k lists of one length k.
        prop_assume!(a.len() >= k && b.len() >= k && c.len() >= k);
        let (a, b, c) = (singletons(&a[..k]), singletons(&b[..k]), singletons(&c[..k]));
        let ab = footrule_top_k(&a, &b);
        let bc = footrule_top_k(&b, &c).distance;
        let ac = footrule_top_k(&a, &c).distance;
        prop_assert!(ac <= ab.distance + bc + 1e-9);
        prop_assert_eq!(ab.distance, footrule_top_k(&b, &a).distance);
        prop_assert_eq!(footrule_top_k(&a, &a).distance, 0.0);
        let norm = ab.normalized.unwrap();
        prop_assert!((0.0..=1.0).contains(&norm));
        prop_assert_eq!(norm == 0.0, a == b);
    }

    #[test]
    fn kendall_distance_to_a_profile_matches_brute_force(
        lists in proptest::collection::vec(tiered(7), 1..5), order in strict(7)
    ) {
        let p = profile_of(&lists);
        // The ranking over the profile's items (labels intern in first-seen order).
        let ranking: TieredRanking = order
            .iter()
            .filter_map(|it| p.item(&labels_of(it)))
            .map(|id| vec![id])
            .collect();
        for unlisted in [Unlisted::BelowListed, Unlisted::Ignore] {
            let fast = kendall_distance_to_profile(&ranking, &p, unlisted);
            let mut slow = 0.0;
            let n = p.item_count();
            let pos_r = |x: ItemId| ranking.iter().position(|t| t.contains(&x)).unwrap_or(ranking.len());
            for b in p.ballots() {
                let tiers = ballot_tiers(b, Mentions::LastTier);
                let pos_b = |x: ItemId| tiers.iter().position(|t| t.contains(&x));
                for x in 0..n as u32 {
                    for y in 0..n as u32 {
                        let (x, y) = (ItemId(x), ItemId(y));
                        let prefers_x = match (pos_b(x), pos_b(y)) {
                            (Some(a), Some(b)) => a < b,
                            (Some(_), None) => unlisted == Unlisted::BelowListed,
                            _ => false,
                        };
                        if prefers_x && pos_r(y) < pos_r(x) {
                            slow += b.weight();
                        }
                    }
                }
            }
            prop_assert!((fast - slow).abs() < 1e-9, "{:?}: {} vs {}", unlisted, fast, slow);
        }
    }
}

#[test]
fn rbo_ext_matches_the_rbo_package() {
    // Values printed by the `rbo` package (RankingSimilarity(S, T).rbo_ext(p)), which implements
    // the same extrapolated formula for lists of uneven length.
    let ids = |v: &[u32]| v.iter().map(|&i| ItemId(i)).collect::<Vec<_>>();
    let x = rbo_ext(&ids(&[0, 1, 2, 3, 4, 5]), &ids(&[2, 0, 7, 3]), 0.8).unwrap();
    assert!((x - 0.549_333_333_333_333_5).abs() < 1e-12, "{x}");
    // a..g = 0..6, x = 7, y = 8.
    let y = rbo_ext(&ids(&[0, 1, 2, 3, 4, 5, 6]), &ids(&[1, 0, 7, 2, 4, 8]), 0.9).unwrap();
    assert!((y - 0.644_823).abs() < 1e-6, "{y}");
}

fn sample_profile() -> Profile {
    let lists: Vec<TieredRanking> = vec![
        singletons(&[ItemId(0), ItemId(1), ItemId(2), ItemId(3)]),
        singletons(&[ItemId(1), ItemId(0), ItemId(2)]),
        singletons(&[ItemId(0), ItemId(2), ItemId(4)]),
        singletons(&[ItemId(0), ItemId(1), ItemId(3), ItemId(5)]),
        singletons(&[ItemId(2), ItemId(0), ItemId(1)]),
    ];
    profile_of(&lists)
}

#[test]
fn the_agreement_matrix_is_symmetric_with_a_unit_diagonal() {
    let p = sample_profile();
    for metric in [Metric::KendallTauB, Metric::Rbo { p: 0.9 }] {
        let m = agreement_matrix(&p, metric).unwrap();
        for i in 0..m.values.len() {
            assert!((m.values[i][i].unwrap() - 1.0).abs() < 1e-12);
            for j in 0..m.values.len() {
                let (a, b) = (m.values[i][j].unwrap(), m.values[j][i].unwrap());
                assert!((a - b).abs() < 1e-12);
            }
        }
    }
    let f = agreement_matrix(&p, Metric::Footrule).unwrap();
    assert_eq!(f.values[0][0], Some(0.0));
    assert!(agreement_matrix(&p, Metric::Rbo { p: 1.5 }).is_err());
}

#[test]
fn a_list_equal_to_the_consensus_agrees_perfectly() {
    // Every list is the same: the consensus is that list.
    let same = singletons(&[ItemId(0), ItemId(1), ItemId(2)]);
    let p = profile_of(&[same.clone(), same.clone(), same]);
    let c = Borda.aggregate(&p).unwrap();
    for d in distances_to_consensus(&p, &c, 0.9).unwrap() {
        assert_eq!(d.kendall_tau_b, Some(1.0));
        assert_eq!(d.footrule, Some(0.0));
        assert!((d.rbo.unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(d.discordant_pairs, 0);
    }
}

#[test]
fn bootstrap_is_deterministic_for_a_seed_whatever_the_thread_count() {
    let p = sample_profile();
    let settings = Bootstrap {
        replicates: 200,
        seed: 7,
        top_n: 2,
        level: 0.9,
    };
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| settings.run(&p, &Borda).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
    let other = Bootstrap {
        seed: 8,
        ..settings
    }
    .run(&p, &Borda)
    .unwrap();
    assert_ne!(one, other);
    for item in &one.items {
        assert!(item.rank_low <= item.rank_median && item.rank_median <= item.rank_high);
        assert!((0.0..=1.0).contains(&item.prob_top_n));
    }
}

#[test]
fn a_unanimous_profile_has_no_uncertainty() {
    let same = singletons(&[ItemId(0), ItemId(1), ItemId(2)]);
    let p = profile_of(&[same.clone(), same.clone(), same.clone(), same]);
    let report = Bootstrap {
        replicates: 50,
        seed: 1,
        top_n: 1,
        level: 0.9,
    }
    .run(&p, &Borda)
    .unwrap();
    let winner = report.item(p.item("i0").unwrap()).unwrap();
    assert_eq!((winner.rank_low, winner.rank_high), (1, 1));
    assert_eq!(winner.prob_top_n, 1.0);
    let last = report.item(p.item("i2").unwrap()).unwrap();
    assert_eq!(
        (last.rank_low, last.rank_high, last.prob_top_n),
        (3, 3, 0.0)
    );
}

#[test]
fn bootstrap_intervals_widen_when_lists_disagree() {
    let p = sample_profile();
    let report = Bootstrap {
        replicates: 300,
        seed: 3,
        top_n: 1,
        level: 0.9,
    }
    .run(&p, &Borda)
    .unwrap();
    // Item 0 leads most lists but not all: it is usually, not always, first.
    let lead = report.item(p.item("i0").unwrap()).unwrap();
    assert_eq!(lead.rank_low, 1);
    assert!(
        lead.prob_top_n > 0.5 && lead.prob_top_n < 1.0,
        "{}",
        lead.prob_top_n
    );
    assert!(report.items.iter().any(|i| i.rank_high > i.rank_low));
    assert!(Bootstrap {
        replicates: 0,
        ..Bootstrap::default()
    }
    .run(&p, &Borda)
    .is_err());
}
