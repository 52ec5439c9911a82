//! Bootstrap over lists: B = 1,000 replicates of Borda over 1,000 top-20 lists (1,000 items),
//! on 2 threads (target: under 3 s).
//!
//! The profile is synthetic (Plackett–Luce lists with Zipf worths, the model of
//! `../shared/anchors/gen.py`), generated from a fixed seed. Set `NEEDLEDROP_BENCH_CSV=path.csv`
//! to bench on a `list_id,rank,item` file instead.

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::bootstrap::Bootstrap;
use needledrop_rank::positional::Borda;
use needledrop_rank::Profile;
use std::hint::black_box;

fn profile() -> (String, Profile) {
    match synth::from_env() {
        Some(p) => p,
        None => (
            "1k_top20_1k_items".into(),
            synth::gumbel_top_k(1_000, 20, 1_000, 1.0, 22),
        ),
    }
}

fn bench(c: &mut Criterion) {
    let (name, profile) = profile();
    let settings = Bootstrap {
        replicates: 1_000,
        seed: 1,
        top_n: 10,
        level: 0.9,
    };
    let mut group = c.benchmark_group("bootstrap");
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        let report = pool
            .install(|| settings.run(&profile, &Borda))
            .expect("bootstrap");
        assert_eq!(report.skipped, 0);
        group.bench_function(format!("borda_b1000_{threads}threads/{name}"), |b| {
            b.iter(|| {
                pool.install(|| {
                    black_box(
                        settings
                            .run(black_box(&profile), &Borda)
                            .expect("bootstrap"),
                    )
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
