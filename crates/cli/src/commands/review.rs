//! `needledrop review`: entries and mentions no film was sure enough for, with the candidates.

use crate::commands::catalog::film_error;
use crate::context::Context;
use serde::Serialize;

/// Arguments of `needledrop review`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Item<'a> {
    entry: Option<i64>,
    mention: Option<i64>,
    title: &'a str,
    year: Option<i32>,
    candidates: Vec<(i64, &'a str, Option<i32>)>,
}

/// Runs `needledrop review`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let mut store = ctx.open_store()?;
    // Resolve whatever was ingested since the last run; a person's links are kept.
    store.resolve_all().map_err(film_error)?;
    let queue = store.review_queue().map_err(film_error)?;
    let items: Vec<Item> = queue
        .iter()
        .map(|q| Item {
            entry: q.entry_id,
            mention: q.mention_id,
            title: &q.title,
            year: q.year,
            candidates: q
                .candidates
                .iter()
                .map(|c| (c.id, c.film.title.as_str(), c.film.year.map(|y| y.get())))
                .collect(),
        })
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(());
    }
    if items.is_empty() {
        println!("Nothing to review: every entry and mention resolved to a film.");
        return Ok(());
    }
    for item in &items {
        let what = match (item.entry, item.mention) {
            (Some(e), _) => format!("entry {e}"),
            (_, Some(m)) => format!("mention {m}"),
            _ => String::new(),
        };
        let year = item.year.map(|y| format!(" ({y})")).unwrap_or_default();
        println!("{what}: {:?}{year}", item.title);
        if item.candidates.is_empty() {
            println!("  no candidate; `needledrop catalog search` to find the film");
        }
        for (id, title, year) in &item.candidates {
            let year = year.map(|y| format!(" ({y})")).unwrap_or_default();
            println!("  film {id}: {title}{year}");
        }
    }
    println!("\nDecide with `needledrop link ENTRY FILM`.");
    Ok(())
}
