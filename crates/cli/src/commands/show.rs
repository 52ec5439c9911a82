//! `needledrop show`: one stored thing in full.

use crate::context::Context;
use needledrop_model::ListId;

/// Arguments of `needledrop show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// A list: its entries, mentions, songs, notes and warnings (ids from `needledrop lists`).
    List {
        /// The list's id.
        id: i64,
        /// Print JSON (the same shape as `ingest --dry-run --json`).
        #[arg(long)]
        json: bool,
        /// Also print the source document verbatim.
        #[arg(long)]
        source: bool,
    },
    /// A film: its facts, aliases, and every list entry that resolves to it.
    Film {
        /// The film's title (any alias; `Title (1999)` picks a year).
        title: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `needledrop show`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    match args.what {
        What::List { id, json, source } => show_list(ctx, ListId(id), json, source),
        What::Film { title, json } => crate::commands::catalog::show_film(&title, json, ctx),
    }
}

fn show_list(ctx: &Context, id: ListId, json: bool, source: bool) -> anyhow::Result<()> {
    let mut app = ctx.app()?;
    let list = crate::exit::hint(app.list(id), "`needledrop lists` shows the ids")?.list;
    if json {
        needledrop_publish::json(&mut std::io::stdout().lock(), &list)?;
        return Ok(());
    }
    println!(
        "List {id}: {}",
        list.title.as_deref().unwrap_or("(untitled)")
    );
    for (label, value) in [
        ("outlet", &list.outlet),
        ("author", &list.author),
        ("url", &list.url),
        ("date", &list.date),
    ] {
        if let Some(v) = value {
            println!("  {label}: {v}");
        }
    }
    println!("  printed {}", list.order.as_str());
    let mut table = crate::table::new(&["rank", "title", "year", "songs cited"]);
    for e in &list.entries {
        let songs = e
            .songs
            .iter()
            .map(|s| match &s.artist {
                Some(a) => format!("“{}” ({a})", s.title),
                None => format!("“{}”", s.title),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let rank = if e.tied {
            format!("T-{}", e.rank)
        } else {
            e.rank.to_string()
        };
        table.add_row(vec![
            rank,
            e.title.clone(),
            e.year.map(|y| y.to_string()).unwrap_or_default(),
            songs,
        ]);
    }
    println!("{table}");
    if !list.mentions.is_empty() {
        let names: Vec<String> = list
            .mentions
            .iter()
            .map(|m| match m.year {
                Some(y) => format!("{} ({y})", m.title),
                None => m.title.clone(),
            })
            .collect();
        println!("Mentions: {}", names.join(", "));
    }
    if !list.songs.is_empty() {
        let names: Vec<String> = list
            .songs
            .iter()
            .map(|s| format!("“{}”", s.title))
            .collect();
        println!("Songs outside the entries: {}", names.join(", "));
    }
    for n in &list.notes {
        println!("Note: {n}");
    }
    for w in &list.warnings {
        println!("Warning: {w}");
    }
    if source {
        let doc = app.source(id)?;
        println!("\n--- source ({}, sha256 {}) ---", doc.format, doc.sha256);
        println!("{}", String::from_utf8_lossy(&doc.bytes));
    }
    Ok(())
}
