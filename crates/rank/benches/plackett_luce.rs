//! Plackett–Luce by Hunter's MM on 10,000 top-20 lists over 1,000 items, to convergence
//! (target: under 2 s).
//!
//! The profile is synthetic (Plackett–Luce lists with Zipf worths, the model of
//! `../shared/anchors/gen.py`), generated here from a fixed seed so the bench needs no file. Set
//! `NEEDLEDROP_BENCH_CSV=path.csv` to bench on a `list_id,rank,item` file instead (to time us and
//! a peer on the same input).

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::agreement::Mentions;
use needledrop_rank::plackett_luce::{PlackettLuce, Ties};
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
            "10k_top20_1k_items".into(),
            synthetic(10_000, 20, 1_000, 1.0, 21),
        ),
    }
}

fn bench(c: &mut Criterion) {
    let (name, profile) = profile();
    let mut group = c.benchmark_group("plackett_luce");
    group.sample_size(10);
    // Default settings (ties chosen over lower tiers, mentions a last tier), and the settings
    // that match the choix peer (mentions dropped, ties broken by label).
    for (label, pl) in [
        ("default", PlackettLuce::default()),
        (
            "choix_like",
            PlackettLuce {
                ties: Ties::BreakByLabel,
                mentions: Mentions::Drop,
                ..PlackettLuce::default()
            },
        ),
    ] {
        let fit = pl.fit(&profile).expect("fit");
        // A fit that stops early must not pass for a fast one.
        assert!(fit.converged, "{label}: {} iterations", fit.iterations);
        eprintln!(
            "plackett_luce {label} on {name}: {} iterations",
            fit.iterations
        );
        group.bench_function(format!("{label}/{name}"), |b| {
            b.iter(|| black_box(pl.fit(black_box(&profile)).expect("fit")))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
