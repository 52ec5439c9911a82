//! Schulze and Copeland over 2,000 items from 10,000 top-20 lists (target: under 2 s each).

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::pairwise::{Copeland, RankedPairs, Schulze};
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

criterion_group!(benches, pairwise);
criterion_main!(benches);
