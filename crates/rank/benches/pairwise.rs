//! Schulze and Copeland over 2,000 items from 10,000 top-20 lists (target: under 2 s each);
//! Schulze and Ranked Pairs on wide input, 2,000 top-50 lists over 3,000 items (target: under
//! 5 s); Copeland without a matrix over 100,000 top-50 lists and 20,000 items (target: under
//! 10 s); Schulze without a matrix on the same (target: under 10 s).

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::pairwise::{
    copeland_without_matrix, schulze_defeaters_without_matrix, Copeland, RankedPairs, Schulze,
    Unlisted,
};
use needledrop_rank::Method;
use std::hint::black_box;
use std::time::Duration;

fn pairwise(c: &mut Criterion) {
    let profile = synth::zipf_top_k(10_000, 20, 2_000, 1.0, 5);
    let mut group = c.benchmark_group("pairwise 10k x top-20 / 2k items");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    let methods: Vec<Box<dyn Method>> = vec![
        Box::new(Copeland::default()),
        Box::new(Schulze::default()),
        Box::new(RankedPairs::default()),
    ];
    for m in &methods {
        assert_eq!(m.aggregate(&profile).unwrap().rows.len(), 2_000);
        group.bench_function(m.name(), |b| {
            b.iter(|| black_box(m.aggregate(&profile).unwrap()))
        });
    }
    group.finish();
}

fn wide(c: &mut Criterion) {
    let profile = synth::gumbel_top_k(2_000, 50, 3_000, 1.0, 5);
    let mut group = c.benchmark_group("pairwise 2k x top-50 / 3k items");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let methods: Vec<Box<dyn Method>> = vec![
        Box::new(Copeland::default()),
        Box::new(Schulze::default()),
        Box::new(RankedPairs::default()),
    ];
    for m in &methods {
        group.bench_function(m.name(), |b| {
            b.iter(|| black_box(m.aggregate(&profile).unwrap()))
        });
    }
    group.finish();
}

fn copeland_large(c: &mut Criterion) {
    let profile = synth::zipf_top_k(100_000, 50, 20_000, 1.0, 3);
    let mut group = c.benchmark_group("copeland 100k x top-50 / 20k items");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("without matrix", |b| {
        b.iter(|| black_box(copeland_without_matrix(&profile, Unlisted::BelowListed)))
    });
    group.finish();
}

fn schulze_large(c: &mut Criterion) {
    let profile = synth::zipf_top_k(100_000, 50, 20_000, 1.0, 3);
    let mut group = c.benchmark_group("schulze 100k x top-50 / 20k items");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function("without matrix", |b| {
        b.iter(|| {
            black_box(schulze_defeaters_without_matrix(&profile, Unlisted::BelowListed).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, pairwise, wide, copeland_large, schulze_large);
criterion_main!(benches);
