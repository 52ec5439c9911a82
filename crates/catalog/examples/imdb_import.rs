//! Generates a 12,000,000-row file shaped like IMDb's `title.basics.tsv.gz` (once, cached under
//! the temp directory) and times importing it: gzip, TSV parsing, and building the catalog of its
//! movie rows (one in ten, about IMDb's share).
//!
//! `cargo run --release -p needledrop-catalog --example imdb_import [ROWS]`

use flate2::write::GzEncoder;
use flate2::Compression;
use needledrop_catalog::{import_into, Catalog, ImdbFile, ImdbReader};
use std::io::{BufWriter, Write};
use std::time::Instant;

/// CPU seconds used so far (Linux `/proc/self/stat`); the machine is shared, so wall time alone
/// measures the neighbours too.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(12_000_000);
    let path = std::env::temp_dir().join(format!("needledrop-{rows}.title.basics.tsv.gz"));
    if !path.exists() {
        let start = Instant::now();
        let file = std::fs::File::create(&path)?;
        let mut out = BufWriter::new(GzEncoder::new(file, Compression::fast()));
        writeln!(out, "{}", ImdbFile::TitleBasics.header())?;
        const TYPES: [&str; 10] = [
            "movie",
            "tvEpisode",
            "short",
            "tvEpisode",
            "video",
            "tvSeries",
            "tvEpisode",
            "tvMovie",
            "tvEpisode",
            "videoGame",
        ];
        for i in 0..rows {
            let kind = TYPES[i % TYPES.len()];
            let year = 1900 + (i * 7919) % 125;
            writeln!(
                out,
                "tt{:08}\t{kind}\tTitle {i} of the Night\tTitle {i} of the Night\t0\t{year}\t\\N\t{}\tDrama,Music",
                i + 1,
                60 + i % 120
            )?;
        }
        out.into_inner()?.finish()?;
        println!("generated {} in {:.2?}", path.display(), start.elapsed());
    }
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let reader = ImdbReader::open(&path)?;
    let mut catalog = Catalog::new();
    catalog.begin_import(rows / 10);
    let fed = import_into(reader, &mut catalog)?;
    catalog.finish_import();
    let elapsed = start.elapsed();
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        println!("cpu time {:.2}s", b - a);
    }
    println!(
        "imported {rows} rows ({fed} movies, {} films) in {:.2?}: {:.0} rows/s",
        catalog.len(),
        elapsed,
        rows as f64 / elapsed.as_secs_f64()
    );
    Ok(())
}
