//! `needledrop review`: entries and mentions no film was sure enough for, with the candidates.

use crate::context::Context;
use needledrop_model::ItemRef;

/// Arguments of `needledrop review`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `needledrop review`. It only reads: the queue is kept up to date by ingest and the
/// catalog commands.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let queue = ctx.app()?.review_queue()?;
    if args.json {
        // One object per item: `entry` or `mention` id, the printed title and year, and the
        // candidates as [id, title, year].
        let items: Vec<serde_json::Value> = queue
            .iter()
            .map(|q| {
                let (entry, mention) = match q.item {
                    ItemRef::Entry(e) => (Some(e.get()), None),
                    ItemRef::Mention(m) => (None, Some(m.get())),
                };
                serde_json::json!({
                    "entry": entry,
                    "mention": mention,
                    "list": q.list,
                    "title": q.title,
                    "year": q.year,
                    "candidates": q.candidates.iter()
                        .map(|c| serde_json::json!([c.id, c.film.title, c.film.year]))
                        .collect::<Vec<_>>(),
                })
            })
            .collect();
        return Ok(needledrop_publish::json(
            &mut std::io::stdout().lock(),
            &items,
        )?);
    }
    if queue.is_empty() {
        println!("Nothing to review: every entry and mention resolved to a film.");
        return Ok(());
    }
    for item in &queue {
        let year = item.year.map(|y| format!(" ({y})")).unwrap_or_default();
        println!("{}: {:?}{year}", item.item, item.title);
        if item.candidates.is_empty() {
            println!("  no candidate; `needledrop catalog search` to find the film");
        }
        for c in &item.candidates {
            let year = c.film.year.map(|y| format!(" ({y})")).unwrap_or_default();
            println!("  film {}: {}{year}", c.id, c.film.title);
        }
    }
    println!("\nDecide with `needledrop link ENTRY FILM`.");
    Ok(())
}
