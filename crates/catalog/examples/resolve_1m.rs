//! Builds a 1,000,000-film synthetic catalog, resolves 1,000,000 realistic title variants on one
//! core, and prints build time, throughput and how many landed on the intended film.
//! Run under `/usr/bin/time -v` for peak memory.
//!
//! `cargo run --release -p needledrop-catalog --example resolve_1m [FILMS] [QUERIES]`

use needledrop_catalog::{Catalog, CatalogId, Query, Resolution};
use std::time::Instant;

#[path = "../benches/synthetic.rs"]
mod synthetic;

/// CPU seconds this process has used (Linux `/proc/self/stat`, clock ticks of 1/100 s): on a
/// shared machine, wall time says more about the neighbours than about the code.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n_films: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let n_queries: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let start = Instant::now();
    let mut catalog = Catalog::new();
    catalog.begin_import(n_films);
    for f in synthetic::films_iter(n_films, 7) {
        if catalog.insert(f).is_err() {
            eprintln!("catalog full");
            return;
        }
    }
    catalog.finish_import();
    println!(
        "built: {} films, {} keys in {:.2?}",
        catalog.len(),
        catalog.key_count(),
        start.elapsed()
    );
    if n_queries == 0 {
        return;
    }
    let queries = synthetic::variants_by(
        n_films,
        |i| {
            let film = catalog.get(CatalogId(i as u32));
            (
                film.map(|f| f.title.clone()).unwrap_or_default(),
                film.and_then(|f| f.year).map(|y| y.get()),
            )
        },
        n_queries,
        11,
    );
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let (mut right, mut wrong, mut review, mut none) = (0u64, 0u64, 0u64, 0u64);
    for (title, expected) in &queries {
        match catalog.resolve(&Query::title(title)) {
            Resolution::Matched(c) => {
                let expected = CatalogId(*expected as u32);
                // Titles that repeat in the synthetic catalog count as right when the film
                // matched has the same title.
                let same = c.film == expected
                    || catalog.get(c.film).map(|f| &f.title)
                        == catalog.get(expected).map(|f| &f.title);
                if same {
                    right += 1;
                } else {
                    wrong += 1;
                }
            }
            Resolution::NeedsReview { .. } => review += 1,
            Resolution::NoMatch => {
                none += 1;
                if std::env::var_os("SHOW_MISSES").is_some() && none <= 15 {
                    let want = catalog
                        .get(CatalogId(*expected as u32))
                        .map(|f| f.title.as_str());
                    eprintln!("no match: {title:?} (meant {want:?})");
                }
            }
        }
    }
    let elapsed = start.elapsed();
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        println!(
            "cpu time {:.2}s: {:.0} resolutions per CPU-second",
            b - a,
            queries.len() as f64 / (b - a).max(0.01)
        );
    }
    println!(
        "resolved {} queries in {:.2?}: {:.0}/s; matched right {right}, matched wrong {wrong}, review {review}, no match {none}",
        queries.len(),
        elapsed,
        queries.len() as f64 / elapsed.as_secs_f64()
    );
}
