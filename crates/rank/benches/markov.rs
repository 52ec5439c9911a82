//! Markov chain MC4 with damping, to convergence, and Robust Rank Aggregation, on 1,000 top-20
//! lists over 300 items and on 10,000 top-20 lists over 1,000 items.
//!
//! Profiles are synthetic (Plackett–Luce lists with Zipf worths, the model of
//! `../shared/anchors/gen.py`), generated from fixed seeds. Set `NEEDLEDROP_BENCH_CSV=path.csv`
//! to bench on one `list_id,rank,item` file instead.

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::markov::Mc4;
use needledrop_rank::rra::Rra;
use needledrop_rank::Profile;
use std::hint::black_box;

fn profiles() -> Vec<(String, Profile)> {
    match synth::from_env() {
        Some(p) => vec![p],
        None => vec![
            (
                "1k_top20_300_items".into(),
                synth::gumbel_top_k(1_000, 20, 300, 1.0, 23),
            ),
            (
                "10k_top20_1k_items".into(),
                synth::gumbel_top_k(10_000, 20, 1_000, 1.0, 21),
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
