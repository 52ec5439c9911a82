//! Positional methods on 100,000 top-50 lists over 20,000 items (target: under 0.3 s each).

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::positional::{Borda, CombSum, MeanRank, Points, Rrf};
use needledrop_rank::Method;
use std::hint::black_box;
use std::time::Duration;

fn positional(c: &mut Criterion) {
    let profile = synth::zipf_top_k(100_000, 50, 20_000, 1.0, 3);
    let mut group = c.benchmark_group("positional 100k x top-50 / 20k items");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let methods: Vec<Box<dyn Method>> = vec![
        Box::new(Borda),
        Box::new(Rrf::default()),
        Box::new(CombSum::default()),
        Box::new(CombSum {
            mnz: true,
            ..CombSum::default()
        }),
        Box::new(MeanRank::default()),
        Box::new(Points::tiers()),
    ];
    for m in &methods {
        // The result must be a full ranking, so a broken method cannot look fast.
        assert_eq!(m.aggregate(&profile).unwrap().rows.len(), 20_000);
        group.bench_function(m.name(), |b| {
            b.iter(|| black_box(m.aggregate(&profile).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, positional);
criterion_main!(benches);
