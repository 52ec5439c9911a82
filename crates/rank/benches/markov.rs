//! Markov chain MC4 with damping, to convergence, and Robust Rank Aggregation, on 1,000 top-20
//! lists over 300 items and on 10,000 top-20 lists over 1,000 items.
//!
//! Profiles are synthetic (Plackett–Luce lists with Zipf worths, the model of
//! `../shared/anchors/gen.py`), generated from fixed seeds. Set `NEEDLEDROP_BENCH_CSV=path.csv`
//! to bench on one `list_id,rank,item` file instead.

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::markov::Mc4;
use needledrop_rank::rra::Rra;
use needledrop_rank::{csv_input, ListInput, Profile};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;

/// `lists` Plackett–Luce top-`k` lists over `items` items with worths `1/(i+1)^zipf`, drawn by
/// the Gumbel-top-k trick.
fn synthetic(lists: usize, k: usize, items: usize, zipf: f64, seed: u64) -> Profile {
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

fn profiles() -> Vec<(String, Profile)> {
    match std::env::var("NEEDLEDROP_BENCH_CSV") {
        Ok(path) => {
            let file = std::fs::File::open(&path).expect("NEEDLEDROP_BENCH_CSV");
            vec![(path, csv_input::read_csv(file).expect("csv"))]
        }
        Err(_) => vec![
            (
                "1k_top20_300_items".into(),
                synthetic(1_000, 20, 300, 1.0, 23),
            ),
            (
                "10k_top20_1k_items".into(),
                synthetic(10_000, 20, 1_000, 1.0, 21),
            ),
        ],
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("mc4");
    group.sample_size(10);
    let mc4 = Mc4::default();
    let profiles = profiles();
    for (name, profile) in &profiles {
        let result = mc4.compute(profile).expect("mc4");
        // A walk that stops early must not pass for a fast one.
        assert!(result.converged, "{name}: {} iterations", result.iterations);
        group.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(mc4.compute(black_box(profile)).expect("mc4")))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("rra");
    group.sample_size(10);
    for (name, profile) in &profiles {
        let result = Rra::default().compute(profile).expect("rra");
        assert!(result.scores.iter().all(|s| (0.0..=1.0).contains(s)));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| black_box(Rra::default().compute(black_box(profile)).expect("rra")))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
