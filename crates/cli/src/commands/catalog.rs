//! `needledrop catalog import FILE…` and `needledrop catalog search QUERY`, plus the film view
//! behind `needledrop show film TITLE`.

use crate::context::Context;
use crate::exit::BadInput;
use needledrop_catalog::{ImportError, Record, Source};
use needledrop_store::{FilmError, Store, StoredFilm};
use serde::Serialize;
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

/// Turns the user's mistakes into exit code 2, with the store's message.
pub(crate) fn film_error(e: FilmError) -> anyhow::Error {
    match e {
        FilmError::Store(e) => anyhow::Error::new(e),
        other => anyhow::Error::new(BadInput(other.to_string())),
    }
}

/// The catalog compiled into the binary (`data/catalog/films.toml`).
fn bundled_records() -> anyhow::Result<Vec<Record>> {
    let path = std::path::Path::new("data/catalog/films.toml");
    Ok(needledrop_catalog::parse_toml(
        needledrop_catalog::BUNDLED_TOML,
        path,
    )?)
}

/// Resolves every stored entry and mention to a film, first importing the bundled catalog if
/// the store has none. Returns how many items wait in `needledrop review`.
pub fn resolve_stored(store: &mut Store) -> anyhow::Result<usize> {
    if store.catalog_is_empty().map_err(film_error)? {
        store
            .import_catalog(bundled_records()?.into_iter().map(Ok))
            .map_err(film_error)?;
    }
    store.resolve_all().map_err(film_error)
}

/// Runs `needledrop catalog …`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    match args.command {
        Command::Import { files } => import(&files, ctx),
        Command::Search { query, json } => search(&query, json, ctx),
    }
}

fn import(files: &[PathBuf], ctx: &Context) -> anyhow::Result<()> {
    let mut store = ctx.open_store()?;
    let records: Box<dyn Iterator<Item = Result<Record, ImportError>>> = if files.is_empty() {
        Box::new(bundled_records()?.into_iter().map(Ok))
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
    let outcome = store.import_catalog(counted).map_err(film_error);
    bar.finish_and_clear();
    let outcome = outcome?;
    let review = store.resolve_all().map_err(film_error)?;
    println!(
        "Imported {} records; {} films in the catalog. {review} entries or mentions wait in `needledrop review`.",
        outcome.records, outcome.films
    );
    Ok(())
}

#[derive(Serialize)]
struct Hit<'a> {
    id: i64,
    title: &'a str,
    year: Option<i32>,
    directors: &'a [String],
    imdb: Option<&'a str>,
    provisional: bool,
    confidence: f32,
    reason: &'static str,
}

fn search(query: &str, json: bool, ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let hits = store.search_films(query).map_err(film_error)?;
    let rows: Vec<Hit> = hits
        .iter()
        .map(|(f, confidence, reason)| Hit {
            id: f.id,
            title: &f.film.title,
            year: f.film.year.map(|y| y.get()),
            directors: &f.film.directors,
            imdb: f.film.imdb_id.as_deref(),
            provisional: f.provisional,
            confidence: *confidence,
            reason: reason.as_str(),
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if rows.is_empty() {
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
    for r in &rows {
        table.add_row(vec![
            r.id.to_string(),
            r.title.to_string(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.directors.join(", "),
            r.imdb.unwrap_or("").to_string(),
            format!("{:.2}", r.confidence),
            r.reason.to_string(),
        ]);
    }
    println!("{table}");
    Ok(())
}

/// Prints one film in full: `needledrop show film TITLE` (TITLE may also be a film id).
pub fn show_film(title: &str, json: bool, ctx: &Context) -> anyhow::Result<()> {
    let store = ctx.open_store()?;
    let film: StoredFilm = match title.parse::<i64>() {
        Ok(id) => store.film(id).map_err(film_error)?,
        Err(_) => {
            let hits = store.search_films(title).map_err(film_error)?;
            match hits.into_iter().next() {
                Some((f, _, _)) => f,
                None => return Err(BadInput(format!("no film resembles {title:?}")).into()),
            }
        }
    };
    let citations = store.film_citations(film.id).map_err(film_error)?;
    if json {
        #[derive(Serialize)]
        struct Citation<'a> {
            list: i64,
            list_title: Option<&'a str>,
            rank: Option<u32>,
            printed_title: &'a str,
            reason: &'a str,
            confidence: f64,
        }
        #[derive(Serialize)]
        struct Full<'a> {
            id: i64,
            provisional: bool,
            #[serde(flatten)]
            film: &'a needledrop_model::Film,
            citations: Vec<Citation<'a>>,
        }
        let full = Full {
            id: film.id,
            provisional: film.provisional,
            film: &film.film,
            citations: citations
                .iter()
                .map(|c| Citation {
                    list: c.list.0,
                    list_title: c.list_title.as_deref(),
                    rank: c.rank,
                    printed_title: &c.printed_title,
                    reason: &c.reason,
                    confidence: c.confidence,
                })
                .collect(),
        };
        println!("{}", serde_json::to_string_pretty(&full)?);
        return Ok(());
    }
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
    if citations.is_empty() {
        println!("No stored list names it.");
    } else {
        println!("Cited by {} list entries and mentions:", citations.len());
        for c in &citations {
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
    }
    Ok(())
}
