//! `needledrop catalog import FILE…` and `needledrop catalog search QUERY`, plus the film view
//! behind `needledrop show film TITLE`.

use crate::context::Context;
use crate::exit::BadInput;
use needledrop_catalog::{ImportError, Record, Source};
use std::path::PathBuf;

/// Arguments of `needledrop catalog`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do with the catalog.
    #[command(subcommand)]
    pub command: Command,
}

/// `needledrop catalog` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Import films: IMDb dataset files (title.basics/akas/crew, name.basics .tsv.gz) and
    /// needledrop catalogs (.toml, .csv; see docs/catalog.md). One transaction: an error keeps
    /// nothing. With no FILE, imports the bundled catalog.
    Import {
        /// Files to import, in any order.
        files: Vec<PathBuf>,
    },
    /// The films a title could mean, best first.
    Search {
        /// A title, as a list would print it.
        query: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Runs `needledrop catalog …`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    match args.command {
        Command::Import { files } => import(&files, ctx),
        Command::Search { query, json } => search(&query, json, ctx),
    }
}

fn import(files: &[PathBuf], ctx: &Context) -> anyhow::Result<()> {
    let mut app = ctx.app()?;
    let records: Box<dyn Iterator<Item = Result<Record, ImportError>>> = if files.is_empty() {
        let bundled = needledrop_catalog::parse_toml(
            needledrop_catalog::BUNDLED_TOML,
            std::path::Path::new(needledrop_app::BUNDLED_CATALOG_PATH),
        )?;
        Box::new(bundled.into_iter().map(Ok))
    } else {
        let sources = Source::open_all(files).map_err(|e| BadInput(e.to_string()))?;
        Box::new(sources.into_iter().flatten())
    };
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message("importing films");
    let mut seen = 0u64;
    let counted = records.inspect(|_| {
        seen += 1;
        if seen.is_multiple_of(50_000) {
            bar.set_message(format!("importing films: {seen} records"));
            bar.tick();
        }
    });
    let outcome = app.import_catalog(counted);
    bar.finish_and_clear();
    let (records, films, review) = outcome?;
    println!(
        "Imported {records} records; {films} films in the catalog. {review} entries or mentions wait in `needledrop review`."
    );
    Ok(())
}

fn search(query: &str, json: bool, ctx: &Context) -> anyhow::Result<()> {
    let hits = ctx.app()?.search_films(query)?;
    if json {
        return Ok(needledrop_publish::json(
            &mut std::io::stdout().lock(),
            &hits,
        )?);
    }
    if hits.is_empty() {
        println!("No film resembles {query:?}. Import a catalog with `needledrop catalog import`.");
        return Ok(());
    }
    let mut table = crate::table::new(&[
        "id",
        "title",
        "year",
        "directors",
        "imdb",
        "confidence",
        "reason",
    ]);
    for h in &hits {
        let f = &h.film.film;
        table.add_row(vec![
            h.film.id.to_string(),
            f.title.clone(),
            f.year.map(|y| y.to_string()).unwrap_or_default(),
            f.directors.join(", "),
            f.imdb_id.clone().unwrap_or_default(),
            format!("{:.2}", h.confidence),
            h.reason.as_str().to_string(),
        ]);
    }
    println!("{table}");
    Ok(())
}

/// Prints one film in full: `needledrop show film TITLE` (TITLE may also be a film id).
pub fn show_film(title: &str, json: bool, ctx: &Context) -> anyhow::Result<()> {
    let report = ctx.app()?.film_report(title)?;
    if json {
        return Ok(needledrop_publish::json(
            &mut std::io::stdout().lock(),
            &report,
        )?);
    }
    let film = &report.film;
    let f = &film.film;
    println!(
        "{} ({})",
        f.title,
        f.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "year unknown".into())
    );
    println!(
        "  id:         {}{}",
        film.id,
        if film.provisional {
            " (provisional)"
        } else {
            ""
        }
    );
    if !f.directors.is_empty() {
        println!("  directed by {}", f.directors.join(", "));
    }
    if !f.genres.is_empty() {
        println!("  genres:     {}", f.genres.join(", "));
    }
    if let Some(kind) = f.soundtrack_kind {
        println!("  soundtrack: {}", kind.as_str());
    }
    if let Some(imdb) = &f.imdb_id {
        println!("  imdb:       {imdb}");
    }
    if !f.aliases.is_empty() {
        println!("  also:       {}", f.aliases.join(" · "));
    }
    if report.citations.is_empty() {
        println!("No stored list names it.");
        return Ok(());
    }
    println!(
        "Cited by {} list entries and mentions:",
        report.citations.len()
    );
    for c in &report.citations {
        let place = c
            .rank
            .map(|r| format!("#{r}"))
            .unwrap_or_else(|| "mention".into());
        println!(
            "  list {} ({}): {place} as “{}” [{}, {:.2}]",
            c.list,
            c.list_title.as_deref().unwrap_or("untitled"),
            c.printed_title,
            c.reason,
            c.confidence
        );
    }
    Ok(())
}
