//! The whole process from the rank crate alone: read a CSV `list_id,rank,item`, aggregate it
//! with one method, write `rank,item,score` CSV to stdout, and report the phases on stderr.
//!
//! ```sh
//! cargo build --release -p needledrop-rank --example rank_csv
//! /usr/bin/time -v target/release/examples/rank_csv /tmp/c.csv borda > /tmp/ours.csv
//! ```
//!
//! Arguments: `FILE [METHOD [B]]` (method default `borda`, any name of
//! `needledrop_rank::method::METHODS`; with `B`, a bootstrap of `B` replicates, seed 1, adds
//! `rank_low,rank_high,prob_top_10` columns).

use needledrop_rank::bootstrap::Bootstrap;
use needledrop_rank::method::{by_name, MethodOptions};
use needledrop_rank::{csv_input, Method};
use std::io::Write;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("rank_csv: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: rank_csv FILE [METHOD]")?;
    let method_name = args.next().unwrap_or_else(|| "borda".into());
    let replicates: Option<usize> = match args.next() {
        Some(b) => Some(b.parse()?),
        None => None,
    };
    let started = Instant::now();
    let method = by_name(&method_name, &MethodOptions::default())?;
    let profile = csv_input::read_csv_file(&path)?;
    let read = started.elapsed();
    let consensus = method.aggregate(&profile)?;
    let aggregated = started.elapsed();
    let report = match replicates {
        Some(replicates) => Some(
            Bootstrap {
                replicates,
                seed: 1,
                top_n: 10,
                level: 0.9,
            }
            .run(&profile, &*method)?,
        ),
        None => None,
    };
    let bootstrapped = started.elapsed();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match &report {
        Some(_) => writeln!(out, "rank,item,score,rank_low,rank_high,prob_top_10")?,
        None => writeln!(out, "rank,item,score")?,
    }
    for row in &consensus.rows {
        write!(out, "{},{},{}", row.rank, csv_field(&row.label), row.score)?;
        if let Some(u) = report.as_ref().and_then(|r| r.item(row.item)) {
            write!(out, ",{},{},{}", u.rank_low, u.rank_high, u.prob_top_n)?;
        }
        writeln!(out)?;
    }
    for w in &consensus.warnings {
        eprintln!("rank_csv: warning: {w}");
    }
    out.flush()?;
    eprintln!(
        "rank_csv: method={} lists={} items={} read_s={:.4} agg_s={:.4} bootstrap_s={:.4} \
         total_s={:.4}",
        method.name(),
        profile.ballots().len(),
        profile.item_count(),
        read.as_secs_f64(),
        (aggregated - read).as_secs_f64(),
        (bootstrapped - aggregated).as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    // The process ends here: leave the memory to the operating system rather than freeing a
    // million small allocations one by one.
    std::mem::forget(profile);
    std::mem::forget(consensus);
    Ok(())
}

/// Quotes a field when CSV needs it.
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}
