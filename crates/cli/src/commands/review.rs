//! `needledrop review`: entries and mentions no film was sure enough for, with the candidates,
//! and lists the article reader read with doubts, with its reasons.

use crate::context::Context;
use needledrop_app::DoubtfulList;
use needledrop_model::{ItemRef, ListId};

/// Arguments of `needledrop review`.
#[derive(Debug, Default, clap::Args)]
#[command(after_help = "Examples:
  needledrop review                  what waits for a person
  needledrop review --json           the same, for scripts
  needledrop review --checked 3      list 3 was read right: take it off the queue
  needledrop review --unchecked 3    put list 3 back on the queue")]
pub struct Args {
    /// Print JSON instead of text: {"items": [...], "lists": [...]}.
    #[arg(long)]
    pub json: bool,
    /// Mark a doubtfully read list as checked by you: it leaves the queue.
    #[arg(long, value_name = "LIST", conflicts_with = "unchecked")]
    pub checked: Option<i64>,
    /// Put a list you marked as checked back on the queue.
    #[arg(long, value_name = "LIST")]
    pub unchecked: Option<i64>,
}

/// Runs `needledrop review`. Without `--checked`/`--unchecked` it only reads: the queue is kept
/// up to date by ingest and the catalog commands.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let mut app = ctx.app()?;
    if let Some((id, checked)) = args
        .checked
        .map(|id| (id, true))
        .or(args.unchecked.map(|id| (id, false)))
    {
        app.set_list_checked(ListId(id), checked)?;
        if checked {
            println!("List {id} is marked as checked and left the review queue.");
        } else {
            println!("List {id} is back on the review queue.");
        }
        return Ok(());
    }
    let queue = app.review_queue()?;
    let lists = app.doubtful_lists()?;
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
        let lists: Vec<serde_json::Value> = lists
            .iter()
            .map(|l| {
                serde_json::json!({
                    "list": l.id,
                    "title": l.title,
                    "outlet": l.outlet,
                    "reading": l.reading,
                    "confidence": l.confidence,
                    "warnings": l.warnings,
                })
            })
            .collect();
        return Ok(needledrop_publish::json(
            &mut std::io::stdout().lock(),
            &serde_json::json!({ "items": items, "lists": lists }),
        )?);
    }
    print_lists(&lists);
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

/// The lists read with doubts, each with the reader's account and how to act on it.
fn print_lists(lists: &[DoubtfulList]) {
    if lists.is_empty() {
        return;
    }
    println!(
        "Lists to check ({}): the reader was unsure of its reading.",
        lists.len()
    );
    for l in lists {
        let title = l.title.as_deref().unwrap_or("(untitled)");
        let outlet = l
            .outlet
            .as_deref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default();
        let confidence = l
            .confidence
            .map(|c| format!(", confidence {c:.2}"))
            .unwrap_or_default();
        println!("list {}: {title:?}{outlet}{confidence}", l.id);
        if let Some(reading) = &l.reading {
            println!("  read as: {reading}");
        }
        for w in &l.warnings {
            println!("  - {w}");
        }
    }
    println!(
        "Compare with `needledrop show list ID`; correct with `needledrop delete list ID` and a \
         fixed file, or mark it right with `needledrop review --checked ID`.\n"
    );
}
