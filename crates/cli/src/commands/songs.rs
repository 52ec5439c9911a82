//! `needledrop songs`: every cited song, most-cited first.

use crate::context::Context;
use serde::Serialize;

/// Arguments of `needledrop songs`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,

    /// Show only the first N songs.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

#[derive(Serialize)]
struct Row<'a> {
    title: &'a str,
    artist: Option<&'a str>,
    lists: usize,
    films: &'a [String],
}

/// Runs `needledrop songs`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let songs = store.song_counts()?;
    let shown = &songs[..args.top.unwrap_or(songs.len()).min(songs.len())];
    if args.json {
        let rows: Vec<Row> = shown
            .iter()
            .map(|s| Row {
                title: &s.title,
                artist: s.artist.as_deref(),
                lists: s.lists,
                films: &s.films,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if shown.is_empty() {
        println!("No songs cited in the stored lists.");
        return Ok(());
    }
    let mut table = crate::table::new(&["song", "artist", "lists", "cited under"]);
    for s in shown {
        table.add_row(vec![
            s.title.clone(),
            s.artist.clone().unwrap_or_default(),
            s.lists.to_string(),
            s.films.join("; "),
        ]);
    }
    println!("{table}");
    Ok(())
}
