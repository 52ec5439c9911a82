//! Writes a synthetic film catalog in needledrop's CSV catalog format, and optionally a file of
//! ranked lists over its films, for whole-process benchmarks of the store and the CLI.
//!
//! `cargo run --release -p needledrop-catalog --example synthetic_catalog -- FILMS OUT.csv [LISTS LISTS.csv]`
//!
//! The lists file is `list_id,rank,item` with top-10 lists whose items are catalog titles,
//! popular films more often (Zipf-like), deterministic from a fixed seed.

use needledrop_catalog::CSV_HEADER;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;

#[path = "../benches/synthetic.rs"]
mod synthetic;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: synthetic_catalog FILMS OUT.csv [LISTS LISTS.csv]");
        std::process::exit(2);
    };
    let n: usize = n.parse()?;
    let films = synthetic::films(n, 7);
    let mut w = csv::Writer::from_path(out)?;
    w.write_record(CSV_HEADER.split(','))?;
    for f in &films {
        w.write_record([
            f.title.as_str(),
            &f.year.map(|y| y.to_string()).unwrap_or_default(),
            &f.directors.join("|"),
            &f.genres.join("|"),
            "",
            "",
            &f.aliases.join("|"),
        ])?;
    }
    w.flush()?;
    if let (Some(lists), Some(path)) = (args.get(2), args.get(3)) {
        let lists: usize = lists.parse()?;
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        writeln!(out, "list_id,rank,item")?;
        let popular = films.len().min(2_000);
        for l in 0..lists {
            let mut chosen: Vec<usize> = Vec::new();
            while chosen.len() < 10.min(popular) {
                // Zipf-like: the square of a uniform draw favours the first films.
                let u: f64 = rng.gen();
                let i = ((u * u) * popular as f64) as usize;
                if !chosen.contains(&i) {
                    chosen.push(i);
                }
            }
            for (r, i) in chosen.iter().enumerate() {
                let f = &films[*i];
                let title = match f.year {
                    Some(y) => format!("{} ({y})", f.title),
                    None => f.title.clone(),
                };
                writeln!(
                    out,
                    "critic-{l},{},\"{}\"",
                    r + 1,
                    title.replace('"', "\"\"")
                )?;
            }
        }
        out.flush()?;
    }
    Ok(())
}
