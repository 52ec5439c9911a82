//! How often each method keeps three axioms on random partial lists.
//!
//! Profiles: 4 to 8 items, 3 to 12 lists, each list a top-k of a random order (k from 2 to all
//! items), 20% of the lists with a printed tie, 30% with one or two unranked mentions. Per
//! method:
//!
//! - **Condorcet**: among profiles with a Condorcet winner (it beats every other item by a
//!   weighted majority, a named item beating an unnamed one), the share where the method ranks
//!   it first and alone;
//! - **Pareto**: among pairs where every list places A at least as high as B and one strictly
//!   higher (unnamed lowest), the share where A does not rank below B;
//! - **monotonicity**: raising an item one place in one list (swapping it with the entry just
//!   above it) never worsens its consensus rank: the share of such raises that keep it.
//!
//! ```sh
//! cargo run --release -p needledrop-rank --example axioms [PROFILES]
//! ```

use needledrop_rank::method::{by_name, MethodOptions, METHODS};
use needledrop_rank::pairwise::{PairwiseMatrix, Unlisted};
use needledrop_rank::{ListInput, Profile};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A random profile as label lists.
fn draw(rng: &mut ChaCha8Rng) -> Vec<ListInput> {
    let n = rng.gen_range(4..=8usize);
    let lists = rng.gen_range(3..=12usize);
    (0..lists)
        .map(|l| {
            let mut order: Vec<usize> = (0..n).collect();
            order.shuffle(rng);
            let k = rng.gen_range(2..=n);
            let mentions = if rng.gen_bool(0.3) && k < n {
                rng.gen_range(1..=2usize).min(n - k)
            } else {
                0
            };
            let mut ranked: Vec<(u32, String)> = Vec::new();
            let tie_at = rng.gen_bool(0.2).then(|| rng.gen_range(1..k));
            for (pos, &item) in order.iter().take(k).enumerate() {
                let rank = match (tie_at, ranked.last()) {
                    (Some(t), Some(&(prev, _))) if t == pos => prev,
                    _ => pos as u32 + 1,
                };
                ranked.push((rank, format!("i{item}")));
            }
            ListInput {
                label: format!("l{l}"),
                ranked,
                mentions: order[k..k + mentions]
                    .iter()
                    .map(|i| format!("i{i}"))
                    .collect(),
                ..ListInput::default()
            }
        })
        .collect()
}

/// A list's tier for an item: its position, or `u32::MAX` when unnamed.
fn tier(p: &Profile, list: usize, item: usize) -> u32 {
    p.ballots()[list]
        .tiers()
        .find(|(i, _, _)| i.index() == item)
        .map_or(u32::MAX, |(_, pos, _)| pos)
}

#[derive(Default, Clone, Copy)]
struct Tally {
    kept: usize,
    cases: usize,
}

impl Tally {
    fn add(&mut self, kept: bool) {
        self.cases += 1;
        self.kept += usize::from(kept);
    }
    fn show(self) -> String {
        if self.cases == 0 {
            "-".into()
        } else {
            format!(
                "{:.1}% ({}/{})",
                100.0 * self.kept as f64 / self.cases as f64,
                self.kept,
                self.cases
            )
        }
    }
}

fn main() {
    let profiles: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let methods: Vec<&str> = METHODS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| by_name(name, &MethodOptions::default()).is_ok())
        .collect();
    let mut tallies = vec![[Tally::default(); 3]; methods.len()];
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    for _ in 0..profiles {
        let inputs = draw(&mut rng);
        let p = Profile::from_lists(inputs.clone()).expect("a valid profile");
        let n = p.item_count();
        let matrix = PairwiseMatrix::new(&p, Unlisted::BelowListed);
        let winner = (0..n).find(|&a| (0..n).all(|b| a == b || matrix.beats(a, b)));
        // One raise per profile: a ranked, untied entry below the top of a random list.
        let list = rng.gen_range(0..inputs.len());
        let raise = {
            let ranked = &inputs[list].ranked;
            let untied = |r: u32| ranked.iter().filter(|(x, _)| *x == r).count() == 1;
            let candidates: Vec<usize> = (1..ranked.len())
                .filter(|&i| untied(ranked[i].0) && untied(ranked[i - 1].0))
                .collect();
            candidates.choose(&mut rng).copied()
        };
        let raised = raise.map(|i| {
            let mut inputs = inputs.clone();
            let ranked = &mut inputs[list].ranked;
            let (upper, lower) = (ranked[i - 1].0, ranked[i].0);
            ranked[i].0 = upper;
            ranked[i - 1].0 = lower;
            let item = ranked[i].1.clone();
            (Profile::from_lists(inputs).expect("a valid profile"), item)
        });
        for (m, name) in methods.iter().enumerate() {
            let method = by_name(name, &MethodOptions::default()).expect("known method");
            let Ok(c) = method.aggregate(&p) else {
                continue;
            };
            let ranks = c.ranks(n);
            if let Some(w) = winner {
                let first = c
                    .rows
                    .first()
                    .is_some_and(|r| r.item.index() == w && !r.tied);
                tallies[m][0].add(first);
            }
            for a in 0..n {
                for b in 0..n {
                    let lists = 0..p.ballots().len();
                    let weakly = lists.clone().all(|l| tier(&p, l, a) <= tier(&p, l, b));
                    let strictly = lists.clone().any(|l| tier(&p, l, a) < tier(&p, l, b));
                    if a != b && weakly && strictly {
                        tallies[m][1].add(ranks[a] <= ranks[b]);
                    }
                }
            }
            if let Some((q, item)) = &raised {
                if let Ok(after) = method.aggregate(q) {
                    let rank_of = |c: &needledrop_rank::Consensus| {
                        c.rows.iter().find(|r| &r.label == item).map(|r| r.rank)
                    };
                    if let (Some(before), Some(now)) = (rank_of(&c), rank_of(&after)) {
                        tallies[m][2].add(now <= before);
                    }
                }
            }
        }
    }
    println!("{profiles} random profiles (seed 2026)\n");
    println!("| method | Condorcet winner first | Pareto kept | monotonicity kept |");
    println!("| --- | --- | --- | --- |");
    for (name, t) in methods.iter().zip(&tallies) {
        println!(
            "| {name} | {} | {} | {} |",
            t[0].show(),
            t[1].show(),
            t[2].show()
        );
    }
}
