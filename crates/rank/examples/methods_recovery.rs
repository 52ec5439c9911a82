//! Which method recovers a known truth best from critic-like lists, and which keeps "A vs B"
//! when lists that name neither are added?
//!
//! Lists are drawn with a known true order (`support/critics.rs`: top-10 lists, 30% with one to
//! three unranked mentions, 10% printed ties; Plackett–Luce with Zipf worths and Mallows). Per
//! method, averaged over the datasets:
//!
//! - Kendall tau-b between the consensus and the truth over the items the lists name;
//! - top-10 overlap: how many of the true top 10 (among the named items) the consensus top 10
//!   holds, out of 10;
//! - "A vs B kept": for the consensus #1 and #2, #2 and #3, … #9 and #10, the share of pairs
//!   whose order (or tie) is unchanged after adding 20% more lists drawn from the same model that
//!   name neither item of the pair (independence of irrelevant lists).
//!
//! ```sh
//! cargo run --release -p needledrop-rank --example methods_recovery [DATASETS]
//! ```

#[path = "support/critics.rs"]
mod critics;

use critics::{Critics, Model};
use needledrop_rank::agreement::{consensus_tiers, kendall_tau_b, Domain};
use needledrop_rank::method::{by_name, MethodOptions, METHODS};
use needledrop_rank::{ItemId, ListInput, Profile};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

/// The profile's lists as label lists, to add more.
fn inputs(p: &Profile) -> Vec<ListInput> {
    p.ballots()
        .iter()
        .map(|b| ListInput {
            label: b.label().to_string(),
            ranked: b
                .ranked()
                .iter()
                .map(|e| (e.printed_rank, p.label(e.item).to_string()))
                .collect(),
            mentions: b
                .mentions()
                .iter()
                .map(|&m| p.label(m).to_string())
                .collect(),
            ..ListInput::default()
        })
        .collect()
}

/// Extra lists from the same model that name neither `a` nor `b` (entries naming them are
/// dropped, the rest keep their printed ranks).
fn extra_lists(c: &Critics, seed: u64, count: usize, a: &str, b: &str) -> Vec<ListInput> {
    let extra = Critics { lists: count, ..*c };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let p = critics::draw(&extra, &mut rng);
    inputs(&p)
        .into_iter()
        .enumerate()
        .map(|(i, mut l)| {
            l.label = format!("extra{i:04}");
            l.ranked.retain(|(_, s)| s != a && s != b);
            l.mentions.retain(|s| s != a && s != b);
            l
        })
        .filter(|l| !l.ranked.is_empty() || !l.mentions.is_empty())
        .collect()
}

#[derive(Default, Clone)]
struct Tally {
    tau: f64,
    overlap: f64,
    runs: usize,
    kept: usize,
    pairs: usize,
    refused: usize,
}

fn main() {
    let datasets: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let scenarios = [
        (
            "PL zipf 1.0, 40 lists",
            Model::PlackettLuce { zipf: 1.0 },
            40,
        ),
        (
            "PL zipf 0.7, 40 lists",
            Model::PlackettLuce { zipf: 0.7 },
            40,
        ),
        ("Mallows 0.85, 40 lists", Model::Mallows { phi: 0.85 }, 40),
    ];
    let names: Vec<&str> = METHODS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| *n != "points")
        .collect();
    println!(
        "{datasets} datasets per scenario; 120 candidate items, top-10 lists, 30% with 1-3 \
         mentions, 10% ties\n"
    );
    for (scenario, model, lists) in scenarios {
        let c = Critics {
            model,
            lists,
            items: 120,
            k: 10,
            mention_prob: 0.3,
            tie_prob: 0.1,
        };
        let mut tallies = vec![Tally::default(); names.len()];
        for d in 0..datasets {
            let mut rng = ChaCha8Rng::seed_from_u64(7000 + d as u64);
            let p = critics::draw(&c, &mut rng);
            let truth = critics::true_ranks(&p);
            let mut by_truth: Vec<ItemId> = p.items().collect();
            by_truth.sort_by_key(|i| truth[i.index()]);
            let truth_tiers: Vec<Vec<ItemId>> = by_truth.iter().map(|&i| vec![i]).collect();
            let true_top: HashSet<ItemId> = by_truth.iter().take(10).copied().collect();
            for (t, name) in tallies.iter_mut().zip(&names) {
                let method = by_name(name, &MethodOptions::default()).expect("known method");
                let Ok(consensus) = method.aggregate(&p) else {
                    t.refused += 1;
                    continue;
                };
                let tiers = consensus_tiers(&consensus);
                t.tau += kendall_tau_b(&tiers, &truth_tiers, Domain::Common).unwrap_or(0.0);
                t.overlap += consensus
                    .rows
                    .iter()
                    .take(10)
                    .filter(|r| true_top.contains(&r.item))
                    .count() as f64;
                t.runs += 1;
                // Independence of lists that name neither item of a pair.
                for k in 0..9 {
                    let (Some(ra), Some(rb)) = (consensus.rows.get(k), consensus.rows.get(k + 1))
                    else {
                        continue;
                    };
                    let before = ra.rank.cmp(&rb.rank);
                    let mut more = inputs(&p);
                    more.extend(extra_lists(
                        &c,
                        90_000 + (d * 10 + k) as u64,
                        lists / 5,
                        &ra.label,
                        &rb.label,
                    ));
                    let q = Profile::from_lists(more).expect("valid lists");
                    let Ok(after) = method.aggregate(&q) else {
                        continue;
                    };
                    let rank = |label: &str| {
                        after
                            .rows
                            .iter()
                            .find(|r| r.label == label)
                            .map_or(u32::MAX, |r| r.rank)
                    };
                    t.pairs += 1;
                    if rank(&ra.label).cmp(&rank(&rb.label)) == before {
                        t.kept += 1;
                    }
                }
            }
        }
        println!("### {scenario}\n");
        println!("| method | tau-b vs truth | top-10 overlap | A vs B kept | refused |");
        println!("| --- | --- | --- | --- | --- |");
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| {
            let key = |t: &Tally| t.tau / t.runs.max(1) as f64;
            key(&tallies[b]).total_cmp(&key(&tallies[a]))
        });
        for i in order {
            let t = &tallies[i];
            let runs = t.runs.max(1) as f64;
            println!(
                "| {} | {:.3} | {:.1} / 10 | {:.0}% | {} |",
                names[i],
                t.tau / runs,
                t.overlap / runs,
                100.0 * t.kept as f64 / t.pairs.max(1) as f64,
                if t.refused > 0 {
                    format!("{} of {datasets}", t.refused)
                } else {
                    "-".into()
                }
            );
        }
        println!();
    }
}
