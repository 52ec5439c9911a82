//! `needledrop ingest`: documents → stored lists.

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{bail, Context as _};
use needledrop_extract::{extract, ExtractOptions, Extraction, Format};
use needledrop_model::List;
use needledrop_store::{Document, IngestOutcome, Store};
use serde::Serialize;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Arguments of `needledrop ingest`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Formats are detected from the file extension, then the content:
  articles  .txt .md .html    (`10. Title`, `## 10. Title (1999)`, <h2> entries, <ol> lists)
  lists     .csv .json .toml  (Position,Title,Year…; list_id,rank,item; needledrop's schema)
  exports   Letterboxd and IMDb list exports (.csv), PrefLib .soc .soi .toc .toi

Examples:
  needledrop ingest saved/best-soundtracks.html
  needledrop ingest --dry-run --json article.txt     # print what would be stored
  curl -s URL | needledrop ingest --format html --url URL -")]
pub struct Args {
    /// Files to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Read and print, but store nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Print JSON (with --dry-run: the lists as read; otherwise: what was stored).
    #[arg(long)]
    pub json: bool,

    /// Read every file as this format instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<Format>,

    /// Set the list's title (overrides the one found in the document).
    #[arg(long)]
    pub title: Option<String>,

    /// Set the publication or site.
    #[arg(long)]
    pub outlet: Option<String>,

    /// Set the URL the list was published at.
    #[arg(long)]
    pub url: Option<String>,

    /// Set the publication date (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

/// What happened to one input file, for `--json`.
#[derive(Debug, Serialize)]
struct FileReport {
    file: String,
    format: Option<String>,
    status: &'static str,
    lists: Vec<i64>,
    entries: usize,
    mentions: usize,
    songs: usize,
    warnings: Vec<String>,
    error: Option<String>,
}

/// A document read from disk or stdin, before extraction.
pub struct Source {
    /// The name to show and to detect the format by.
    pub name: String,
    /// The bytes as read.
    pub bytes: Vec<u8>,
}

/// Reads a file, or stdin for `-`.
pub fn read_source(path: &Path) -> anyhow::Result<Source> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        return Ok(Source {
            name: "-".into(),
            bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow::Error::new(BadInput(format!("cannot read {}: {e}", path.display())))
    })?;
    Ok(Source {
        name: path.display().to_string(),
        bytes,
    })
}

/// Reads a document into lists, applying the command-line overrides.
pub fn read_lists(source: &Source, args_format: Option<Format>) -> anyhow::Result<Extraction> {
    let options = ExtractOptions {
        format: args_format,
        file_name: (source.name != "-").then(|| source.name.clone()),
    };
    extract(&source.bytes, &options).with_context(|| source.name.clone())
}

impl Args {
    fn apply_overrides(&self, list: &mut List) {
        if let Some(t) = &self.title {
            list.title = Some(t.clone());
        }
        if let Some(o) = &self.outlet {
            list.outlet = Some(o.clone());
        }
        if let Some(u) = &self.url {
            list.url = Some(u.clone());
        }
        if let Some(d) = &self.date {
            list.date = Some(d.clone());
        }
    }
}

/// Runs `needledrop ingest`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        bail!(BadInput(
            "standard input (`-`) can be read only once".into()
        ));
    }
    if let Some(d) = &args.date {
        if !is_iso_date(d) {
            bail!(BadInput(format!(
                "--date `{d}` is not a date; expected YYYY-MM-DD"
            )));
        }
    }
    let mut store = if args.dry_run {
        None
    } else {
        Some(ctx.open_store()?)
    };
    let progress = crate::progress::bar(args.files.len() as u64, "ingesting");
    let mut reports = Vec::new();
    let mut dry_lists: Vec<List> = Vec::new();
    let mut failures = Vec::new();
    for path in &args.files {
        progress.set_message(path.display().to_string());
        match ingest_one(&args, path, store.as_mut()) {
            Ok((report, lists)) => {
                if !args.json {
                    progress.suspend(|| print_human(&report, args.dry_run, &lists));
                }
                dry_lists.extend(lists);
                reports.push(report);
            }
            Err(err) => {
                // With one file the error is the command's error, printed once by main.
                if args.files.len() > 1 {
                    progress.suspend(|| eprintln!("error: {err:#}"));
                }
                reports.push(FileReport {
                    file: path.display().to_string(),
                    format: None,
                    status: "error",
                    lists: Vec::new(),
                    entries: 0,
                    mentions: 0,
                    songs: 0,
                    warnings: Vec::new(),
                    error: Some(format!("{err:#}")),
                });
                failures.push(err);
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();

    // Resolution looks at every stored item against the whole catalog, so it runs once per
    // batch, not once per file.
    if let Some(store) = store.as_mut() {
        // Also after "unchanged": an earlier run may have stored a file and then failed to
        // resolve it, and re-running the ingest is how a person retries.
        if reports.iter().any(|r| r.status != "error") {
            let review = super::catalog::resolve_stored(store)?;
            if review > 0 && !args.json {
                eprintln!(
                    "{review} entries or mentions could not be matched to a film with confidence; \
                     see `needledrop review`"
                );
            }
        }
    }

    if args.json {
        let mut out = std::io::stdout().lock();
        if args.dry_run {
            if dry_lists.len() == 1 && args.files.len() == 1 {
                serde_json::to_writer_pretty(&mut out, &dry_lists[0])?;
            } else {
                serde_json::to_writer_pretty(&mut out, &dry_lists)?;
            }
        } else {
            serde_json::to_writer_pretty(&mut out, &reports)?;
        }
        writeln!(out)?;
    }

    match failures.len() {
        0 => Ok(()),
        1 if args.files.len() == 1 => Err(failures.remove(0)),
        n => {
            // Each failure was printed as it happened; the exit code says bad input if any was.
            let any_bad = failures.iter().any(crate::exit::is_bad_input);
            let summary = format!("{n} of {} files could not be ingested", args.files.len());
            if any_bad {
                bail!(BadInput(summary))
            } else {
                bail!(summary)
            }
        }
    }
}

fn ingest_one(
    args: &Args,
    path: &Path,
    store: Option<&mut Store>,
) -> anyhow::Result<(FileReport, Vec<List>)> {
    let source = read_source(path)?;
    let mut extraction = read_lists(&source, args.format)?;
    for list in &mut extraction.lists {
        args.apply_overrides(list);
    }
    let lists = extraction.lists;
    let mut report = FileReport {
        file: source.name.clone(),
        format: Some(extraction.format.name().to_string()),
        status: "read",
        lists: Vec::new(),
        entries: lists.iter().map(|l| l.entries.len()).sum(),
        mentions: lists.iter().map(|l| l.mentions.len()).sum(),
        songs: lists.iter().map(|l| l.all_songs().count()).sum(),
        warnings: lists
            .iter()
            .flat_map(|l| l.warnings.iter().cloned())
            .collect(),
        error: None,
    };
    if let Some(store) = store {
        let file_name = Path::new(&source.name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|_| source.name != "-");
        let document = Document::new(source.bytes, file_name, extraction.format.name());
        let outcome = store
            .ingest(&document, &lists)
            .with_context(|| format!("storing {}", source.name))?;
        report.status = match outcome {
            IngestOutcome::Stored(_) => "stored",
            IngestOutcome::AlreadyStored(_) => "unchanged",
        };
        report.lists = outcome.list_ids().iter().map(|id| id.0).collect();
    }
    Ok((report, lists))
}

fn print_human(report: &FileReport, dry_run: bool, lists: &[List]) {
    let what = format!(
        "{} list{}, {} entries, {} mentions, {} songs",
        lists.len(),
        if lists.len() == 1 { "" } else { "s" },
        report.entries,
        report.mentions,
        report.songs
    );
    let ids = report
        .lists
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let line = match (dry_run, report.status) {
        (true, _) => format!(
            "{}: would store {what} (read as {})",
            report.file,
            report.format.as_deref().unwrap_or("?")
        ),
        (false, "unchanged") => format!(
            "{}: already stored (list {ids}); nothing written",
            report.file
        ),
        _ => format!("{}: stored {what} as list {ids}", report.file),
    };
    println!("{line}");
    for w in &report.warnings {
        eprintln!("  warning: {w}");
    }
    if dry_run && !std::io::stdout().is_terminal() {
        return;
    }
    if dry_run {
        for list in lists {
            for e in &list.entries {
                let year = e.year.map(|y| format!(" ({y})")).unwrap_or_default();
                let tie = if e.tied { "T" } else { "" };
                println!("  {tie}{:>3}. {}{year}", e.rank, e.title);
            }
            for m in &list.mentions {
                println!("    · {}", m.title);
            }
        }
    }
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
        && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn dates_must_be_iso() {
        assert!(is_iso_date("2024-07-01"));
        assert!(!is_iso_date("July 2024"));
        assert!(!is_iso_date("2024-13-01"));
    }
}
