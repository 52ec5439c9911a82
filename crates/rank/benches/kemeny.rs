//! Exact Kemeny on 50 Mallows lists over 40 items (target: under 1 s), and the heuristic.

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::kemeny::{KemenyExact, KemenyHeuristic};
use needledrop_rank::Method;
use std::hint::black_box;
use std::time::Duration;

fn kemeny(c: &mut Criterion) {
    let mut group = c.benchmark_group("kemeny 50 Mallows lists / 40 items");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for phi in [0.8, 0.9, 0.95] {
        let profile = synth::mallows(50, 40, 40, phi, 13);
        let exact = KemenyExact::default();
        assert_eq!(exact.aggregate(&profile).unwrap().rows.len(), 40);
        group.bench_function(format!("exact phi={phi}"), |b| {
            b.iter(|| black_box(exact.aggregate(&profile).unwrap()))
        });
        let heuristic = KemenyHeuristic::default();
        group.bench_function(format!("heuristic phi={phi}"), |b| {
            b.iter(|| black_box(heuristic.aggregate(&profile).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, kemeny);
criterion_main!(benches);
