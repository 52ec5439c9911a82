//! Plackett–Luce by Hunter's MM on 10,000 top-20 lists over 1,000 items, to convergence
//! (target: under 2 s).
//!
//! The profile is synthetic (Plackett–Luce lists with Zipf worths, the model of
//! `../shared/anchors/gen.py`), generated here from a fixed seed so the bench needs no file. Set
//! `NEEDLEDROP_BENCH_CSV=path.csv` to bench on a `list_id,rank,item` file instead (to time us and
//! a peer on the same input).

#[path = "support/synth.rs"]
mod synth;

use criterion::{criterion_group, criterion_main, Criterion};
use needledrop_rank::agreement::Mentions;
use needledrop_rank::plackett_luce::{PlackettLuce, Ties};
use needledrop_rank::Profile;
use std::hint::black_box;

fn profile() -> (String, Profile) {
    match synth::from_env() {
        Some(p) => p,
        None => (
            "10k_top20_1k_items".into(),
            synth::gumbel_top_k(10_000, 20, 1_000, 1.0, 21),
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
