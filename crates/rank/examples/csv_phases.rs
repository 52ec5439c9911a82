//! Where `needledrop rank --input FILE` spends its time inside the rank crate: reading the CSV
//! into a profile, then each positional method, each the median of `RUNS` (default 5) runs.
//!
//!     cargo run --release -p needledrop-rank --example csv_phases -- FILE.csv [RUNS]

use needledrop_rank::{csv_input, method};
use std::io::Write;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    // A closed pipe (`| head -1`) ends the program quietly instead of panicking in `println!`.
    let _ = run();
}

fn run() -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: csv_phases FILE.csv [RUNS]");
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("RUNS"));
    let mut read = Vec::new();
    let mut profile = None;
    for _ in 0..runs {
        let t = Instant::now();
        profile = Some(csv_input::read_csv_file(&path).expect("read"));
        read.push(t.elapsed().as_secs_f64());
    }
    let profile = profile.expect("at least one run");
    writeln!(out, "read {:.3} s", median(read))?;
    for name in [
        "borda",
        "rrf",
        "combsum",
        "combmnz",
        "mean-rank",
        "median-rank",
        "share",
        "metacritic",
        "tiers",
    ] {
        let m = method::by_name(name, &method::MethodOptions::default()).expect("method");
        let mut outcome = Vec::new();
        let mut aggregate = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let _ = m.outcome(&profile).expect("outcome");
            outcome.push(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let _ = m.aggregate(&profile).expect("aggregate");
            aggregate.push(t.elapsed().as_secs_f64());
        }
        writeln!(
            out,
            "{name:12} outcome {:.3} s  aggregate {:.3} s",
            median(outcome),
            median(aggregate)
        )?;
    }
    Ok(())
}
