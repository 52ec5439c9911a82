//! Synthetic profiles for the benchmarks, reproducible from a seed.
//!
//! - [`zipf_top_k`]: lists of the `k` items drawn without replacement with probability
//!   proportional to `1 / (rank + 1)^s` of a hidden true order (Plackett–Luce with Zipf
//!   strengths), the shape of critics' top-k lists over a long tail.
//! - [`mallows`]: complete rankings from a Mallows model by repeated insertion with
//!   dispersion `phi` (0 = all identical, 1 = uniform), truncated to `k`.
#![allow(dead_code)] // each bench uses part of it

use needledrop_rank::{csv_input, Ballot, ItemId, ListInput, Profile};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn labels(items: usize) -> Vec<String> {
    (0..items).map(|i| format!("item{i:05}")).collect()
}

pub fn zipf_top_k(lists: usize, k: usize, items: usize, s: f64, seed: u64) -> Profile {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut cumulative = Vec::with_capacity(items);
    let mut total = 0.0;
    for i in 0..items {
        total += 1.0 / ((i + 1) as f64).powf(s);
        cumulative.push(total);
    }
    let k = k.min(items);
    let mut seen = vec![usize::MAX; items];
    let ballots = (0..lists)
        .map(|l| {
            let mut ranked = Vec::with_capacity(k);
            while ranked.len() < k {
                let x = rng.gen::<f64>() * total;
                let i = cumulative.partition_point(|&c| c < x).min(items - 1);
                if seen[i] != l {
                    seen[i] = l;
                    ranked.push((ItemId(i as u32), ranked.len() as u32 + 1));
                }
            }
            Ballot::new(format!("L{l}"), ranked, Vec::new())
        })
        .collect();
    Profile::new(labels(items), ballots).expect("valid synthetic profile")
}

pub fn mallows(lists: usize, items: usize, k: usize, phi: f64, seed: u64) -> Profile {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let ballots = (0..lists)
        .map(|l| {
            let mut order: Vec<usize> = Vec::with_capacity(items);
            for i in 0..items {
                // Insert item i at position j (0..=i) with weight phi^(i - j).
                let weights: Vec<f64> = (0..=i).map(|j| phi.powi((i - j) as i32)).collect();
                let sum: f64 = weights.iter().sum();
                let mut x = rng.gen::<f64>() * sum;
                let mut j = i;
                for (p, w) in weights.iter().enumerate() {
                    if x < *w {
                        j = p;
                        break;
                    }
                    x -= w;
                }
                order.insert(j, i);
            }
            let ranked = order
                .iter()
                .take(k)
                .enumerate()
                .map(|(r, &i)| (ItemId(i as u32), r as u32 + 1))
                .collect();
            Ballot::new(format!("L{l}"), ranked, Vec::new())
        })
        .collect();
    Profile::new(labels(items), ballots).expect("valid synthetic profile")
}

/// `lists` Plackett–Luce top-`k` lists over `items` items with worths `1/(i+1)^zipf`, drawn by
/// the Gumbel-top-k trick.
pub fn gumbel_top_k(lists: usize, k: usize, items: usize, zipf: f64, seed: u64) -> Profile {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let log_worth: Vec<f64> = (0..items).map(|i| -zipf * ((i + 1) as f64).ln()).collect();
    let labels: Vec<String> = (0..items).map(|i| format!("item{i:05}")).collect();
    let mut keys = vec![(0.0f64, 0usize); items];
    let inputs = (0..lists)
        .map(|l| {
            for (i, slot) in keys.iter_mut().enumerate() {
                let u: f64 = rng.gen_range(f64::MIN_POSITIVE..1.0);
                *slot = (log_worth[i] - (-u.ln()).ln(), i);
            }
            keys.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0));
            let mut top = keys[..k].to_vec();
            top.sort_by(|a, b| b.0.total_cmp(&a.0));
            ListInput {
                label: format!("L{l}"),
                ranked: top
                    .iter()
                    .enumerate()
                    .map(|(r, &(_, i))| (r as u32 + 1, labels[i].clone()))
                    .collect(),
                ..ListInput::default()
            }
        })
        .collect();
    Profile::from_lists(inputs).expect("synthetic profile")
}

/// The profile in the `list_id,rank,item` file named by `NEEDLEDROP_BENCH_CSV`, if set: how a
/// bench times us on the very file a peer is timed on.
pub fn from_env() -> Option<(String, Profile)> {
    let path = std::env::var("NEEDLEDROP_BENCH_CSV").ok()?;
    let file = std::fs::File::open(&path).expect("NEEDLEDROP_BENCH_CSV names a readable file");
    Some((
        path,
        csv_input::read_csv(file).expect("NEEDLEDROP_BENCH_CSV is list_id,rank,item"),
    ))
}
