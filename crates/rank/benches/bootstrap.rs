//! Bootstrap over lists: B = 1,000 replicates of Borda over 1,000 top-20 lists (1,000 items),
//! on 2 threads (target: under 3 s).
//!
//! The profile is synthetic (Plackett–Luce lists with Zipf worths, the model of
//! `../shared/anchors/gen.py`), generated from a fixed seed. Set `NEEDLEDROP_BENCH_CSV=path.csv`
//! to bench on a `list_id,rank,item` file instead.

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::bootstrap::Bootstrap;
use needledrop_rank::positional::Borda;
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

fn profile() -> (String, Profile) {
    match std::env::var("NEEDLEDROP_BENCH_CSV") {
        Ok(path) => {
            let file = std::fs::File::open(&path).expect("NEEDLEDROP_BENCH_CSV");
            (path, csv_input::read_csv(file).expect("csv"))
        }
        Err(_) => (
            "1k_top20_1k_items".into(),
            synthetic(1_000, 20, 1_000, 1.0, 22),
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
