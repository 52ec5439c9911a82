//! `needledrop lists`: the stored lists, one row each.

use crate::context::Context;
use serde::Serialize;

/// Arguments of `needledrop lists`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    id: i64,
    title: Option<&'a str>,
    outlet: Option<&'a str>,
    file: Option<&'a str>,
    format: &'a str,
    order: &'a str,
    entries: usize,
    mentions: usize,
    songs: usize,
}

/// Runs `needledrop lists`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let lists = ctx.app()?.list_summaries()?;
    let rows: Vec<Row> = lists
        .iter()
        .map(|l| Row {
            id: l.id.get(),
            title: l.title.as_deref(),
            outlet: l.outlet.as_deref(),
            file: l.file_name.as_deref(),
            format: &l.format,
            order: l.order.as_str(),
            entries: l.entries,
            mentions: l.mentions,
            songs: l.songs,
        })
        .collect();
    if args.json {
        needledrop_publish::json(&mut std::io::stdout().lock(), &rows)?;
        return Ok(());
    }
    if rows.is_empty() {
        println!("No lists stored yet. Add some with `needledrop ingest FILE…`, or try `needledrop demo`.");
        return Ok(());
    }
    let mut table = crate::table::new(&[
        "id", "title", "outlet", "file", "format", "order", "entries", "mentions", "songs",
    ]);
    for r in &rows {
        table.add_row(vec![
            r.id.to_string(),
            r.title.unwrap_or("(untitled)").to_string(),
            r.outlet.unwrap_or("").to_string(),
            r.file.unwrap_or("").to_string(),
            r.format.to_string(),
            r.order.to_string(),
            r.entries.to_string(),
            r.mentions.to_string(),
            r.songs.to_string(),
        ]);
    }
    println!("{table}");
    Ok(())
}
