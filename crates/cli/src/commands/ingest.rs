//! `needledrop ingest`: documents → stored lists.

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{bail, Context as _};
use needledrop_app::{dry_run, IngestReport, IngestRequest, IngestStatus};
use needledrop_extract::Format;
use needledrop_model::{List, ListId};
use std::io::{IsTerminal, Read};
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
  needledrop show list 3 --json > l3.json            # correct a misread list:
  needledrop ingest --replace 3 l3.json              #   edit l3.json, read it back
  curl -s URL | needledrop ingest --format html --url URL -")]
pub struct Args {
    /// Files to read; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Read and print, but store nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Replace stored list ID with the one list FILE holds (say, its corrected
    /// `show list ID --json`): the list keeps its id, source document and weight.
    #[arg(long, value_name = "ID", conflicts_with = "dry_run")]
    pub replace: Option<i64>,

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

    /// Refuse a file (or standard input) larger than this many megabytes.
    #[arg(long, default_value_t = DEFAULT_MAX_MB, value_name = "MB")]
    pub max_size: u64,
}

/// The largest document read by default: far above any real article, far below memory trouble.
pub const DEFAULT_MAX_MB: u64 = 64;

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

/// Reads a file, or stdin for `-`, refusing more than `max_mb` megabytes (an endless stdin
/// stops there instead of filling the memory).
pub fn read_bytes(path: &Path, max_mb: u64) -> anyhow::Result<Vec<u8>> {
    let limit = max_mb.saturating_mul(1 << 20);
    let name = if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(path)
                .map_err(|e| anyhow::Error::new(BadInput(format!("cannot read {name}: {e}"))))?,
        )
    };
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow::Error::new(BadInput(format!("cannot read {name}: {e}"))))?;
    if bytes.len() as u64 > limit {
        anyhow::bail!(BadInput(format!(
            "{name} is larger than {max_mb} MB; nothing was read (raise the limit with --max-size)"
        )));
    }
    Ok(bytes)
}

impl Args {
    fn request(&self, path: &Path) -> anyhow::Result<IngestRequest> {
        Ok(IngestRequest {
            bytes: read_bytes(path, self.max_size)?,
            name: path.display().to_string(),
            format: self.format,
            title: self.title.clone(),
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            date: self.date.clone(),
        })
    }
}

/// Lists stored in one run from which on the database's planner statistics are refreshed.
const BULK_LISTS: usize = 200;

/// Runs `needledrop ingest`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        bail!(BadInput(
            "standard input (`-`) can be read only once".into()
        ));
    }
    if let Some(id) = args.replace {
        return replace(&args, ListId(id), ctx);
    }
    let mut app = if args.dry_run { None } else { Some(ctx.app()?) };
    let progress = crate::progress::bar(args.files.len() as u64, "ingesting");
    let mut reports: Vec<serde_json::Value> = Vec::new();
    let mut dry_lists: Vec<List> = Vec::new();
    let mut failures = Vec::new();
    let mut review = 0;
    let mut doubtful = 0;
    let mut stored_lists = 0;
    for path in &args.files {
        progress.set_message(path.display().to_string());
        let outcome = args.request(path).and_then(|request| {
            let name = request.name.clone();
            let report = match app.as_mut() {
                Some(app) => app.ingest_owned(request),
                None => dry_run(&request),
            };
            report.with_context(|| name)
        });
        match outcome {
            Ok(report) => {
                if !args.json {
                    progress.suspend(|| print_human(&report));
                }
                review = report.review;
                if report.status == needledrop_app::IngestStatus::Stored {
                    stored_lists += report.lists.len();
                }
                doubtful += report
                    .read
                    .iter()
                    .filter(|_| report.status == needledrop_app::IngestStatus::Stored)
                    .filter(|l| {
                        !l.warnings.is_empty()
                            || l.confidence
                                .is_some_and(|c| c < needledrop_app::DOUBTFUL_BELOW)
                    })
                    .count();
                reports.push(serde_json::to_value(&report)?);
                dry_lists.extend(report.read);
            }
            Err(err) => {
                // With one file the error is the command's error, printed once by main.
                if args.files.len() > 1 {
                    progress.suspend(|| eprintln!("error: {err:#}"));
                }
                reports.push(serde_json::json!({
                    "file": path.display().to_string(),
                    "status": "error",
                    "error": format!("{err:#}"),
                }));
                failures.push(err);
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    // A bulk load changes the tables' sizes by orders of magnitude: refresh the planner's
    // statistics now rather than leave the next queries to plan for the old sizes.
    if stored_lists >= BULK_LISTS {
        if let Some(app) = app.as_mut() {
            if let Err(e) = app.refresh_statistics() {
                eprintln!("warning: refreshing the database's statistics failed: {e}");
            }
        }
    }
    if review > 0 && !args.json && !args.dry_run {
        eprintln!(
            "{review} entries or mentions could not be matched to a film with confidence; \
             see `needledrop review`"
        );
    }
    if doubtful > 0 && !args.json && !args.dry_run {
        eprintln!(
            "{doubtful} list(s) were read with doubts (the warnings above); they wait in \
             `needledrop review` until you check them"
        );
    }

    if args.json {
        let mut out = std::io::stdout().lock();
        if args.dry_run {
            if dry_lists.len() == 1 && args.files.len() == 1 {
                needledrop_publish::json(&mut out, &dry_lists[0])?;
            } else {
                needledrop_publish::json(&mut out, &dry_lists)?;
            }
        } else {
            needledrop_publish::json(&mut out, &reports)?;
        }
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

/// `ingest --replace ID FILE`: one file, one list, stored in place of list ID.
fn replace(args: &Args, id: ListId, ctx: &Context) -> anyhow::Result<()> {
    let [path] = args.files.as_slice() else {
        bail!(BadInput(format!(
            "--replace takes exactly one file, got {}",
            args.files.len()
        )));
    };
    let request = args.request(path)?;
    let mut app = ctx.app()?;
    let report = match app.replace_list(id, &request) {
        Err(e) if e.kind() == needledrop_app::ErrorKind::NotFound => {
            crate::exit::hint(Err(e), "`needledrop lists` shows the ids")
        }
        other => other.map_err(anyhow::Error::from),
    }
    .with_context(|| request.name.clone())?;
    if args.json {
        needledrop_publish::json(&mut std::io::stdout().lock(), &[&report])?;
    } else {
        print_human(&report);
    }
    Ok(())
}

fn print_human(report: &IngestReport) {
    let lists = &report.read;
    let what = format!(
        "{} list{}, {} entries, {} mentions, {} songs",
        lists.len(),
        if lists.len() == 1 { "" } else { "s" },
        report.entries,
        report.mentions,
        report.songs
    );
    let ids = id_ranges(report.lists.iter().map(|l| l.get()));
    let line = match report.status {
        IngestStatus::Read => format!(
            "{}: would store {what} (read as {})",
            report.file, report.format
        ),
        IngestStatus::Unchanged => format!(
            "{}: already stored (list {ids}); nothing written",
            report.file
        ),
        IngestStatus::Stored => format!("{}: stored {what} as list {ids}", report.file),
        IngestStatus::Replaced => format!(
            "{}: replaced list {ids} with {what}; its source document and weight are kept",
            report.file
        ),
    };
    println!("{line}");
    for w in &report.warnings {
        eprintln!("  warning: {w}");
    }
    if report.status != IngestStatus::Read || !std::io::stdout().is_terminal() {
        return;
    }
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

/// List ids as people read them: `1, 4–9, 12` (a poll file stores hundreds of lists).
fn id_ranges(ids: impl Iterator<Item = i64>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(i64, i64)> = None;
    let flush = |run: (i64, i64), parts: &mut Vec<String>| {
        parts.push(if run.0 == run.1 {
            run.0.to_string()
        } else {
            format!("{}–{}", run.0, run.1)
        });
    };
    for id in ids {
        run = match run {
            Some((a, b)) if id == b + 1 => Some((a, id)),
            Some(r) => {
                flush(r, &mut parts);
                Some((id, id))
            }
            None => Some((id, id)),
        };
    }
    if let Some(r) = run {
        flush(r, &mut parts);
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::id_ranges;

    #[test]
    fn consecutive_ids_print_as_a_range() {
        assert_eq!(id_ranges([1, 2, 3, 7, 9, 10].into_iter()), "1–3, 7, 9–10");
        assert_eq!(id_ranges([5].into_iter()), "5");
        assert_eq!(id_ranges(std::iter::empty()), "");
    }
}
