//! `needledrop songs`: every cited song, most-cited first.

use crate::context::Context;

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

/// Runs `needledrop songs`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let songs = ctx.app()?.songs()?;
    let shown = &songs[..args.top.unwrap_or(songs.len()).min(songs.len())];
    if args.json {
        needledrop_publish::json(&mut std::io::stdout().lock(), &shown)?;
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
