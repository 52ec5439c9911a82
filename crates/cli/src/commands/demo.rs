//! `needledrop demo` (also the bare `needledrop`): the main job on the bundled sample data.

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::{bail, Context as _};
use needledrop_app::{App, IngestRequest, RankRequest};
use needledrop_store::SqliteStore;
use std::path::{Path, PathBuf};

/// Arguments of `needledrop demo`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The demo reads every article and list file under data/ (except data/catalog/), stores them in a
fresh database and prints their consensus. Nothing is written to your own database; pass
--save PATH to keep the demo's database and explore it with `needledrop --db PATH lists`.")]
pub struct Args {
    /// The sample data folder [default: the repository's data/, or NEEDLEDROP_DATA].
    #[arg(long, value_name = "DIR", env = "NEEDLEDROP_DATA")]
    pub data: Option<PathBuf>,

    /// Keep the demo database at PATH (it must not exist yet) instead of in memory.
    #[arg(long, value_name = "PATH")]
    pub save: Option<PathBuf>,

    /// How many films to show.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
}

/// The data folder compiled into the binary: the repository's `data/`.
fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Sample files under `dir`, sorted, skipping the catalog and documentation.
fn sample_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).with_context(|| format!("reading the folder {}", d.display()))?;
        for entry in entries {
            let path = entry?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") {
                continue;
            }
            if path.is_dir() {
                // The catalog and eligibility policies are not lists.
                if name != "catalog" && name != "policies" {
                    stack.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Runs `needledrop demo`.
pub fn run(args: Args, _ctx: &Context) -> anyhow::Result<()> {
    let data = args.data.clone().unwrap_or_else(default_data_dir);
    // Shown to the user: `/repo/data`, not `/repo/crates/cli/../../data`.
    let data = data.canonicalize().unwrap_or(data);
    if !data.is_dir() {
        bail!(BadInput(format!(
            "the sample data folder {} does not exist; pass --data DIR or set NEEDLEDROP_DATA",
            data.display()
        )));
    }
    let store = match &args.save {
        Some(path) if path.exists() => bail!(BadInput(format!(
            "{} exists already; the demo starts from a fresh database",
            path.display()
        ))),
        Some(path) => SqliteStore::open(path)?,
        None => SqliteStore::open_in_memory()?,
    };
    let mut app = App::new(store);
    let files = sample_files(&data)?;
    let progress = crate::progress::bar(files.len() as u64, "loading");
    let (mut lists, mut entries, mut review) = (0usize, 0usize, 0usize);
    for path in &files {
        progress.set_message(path.display().to_string());
        let request = IngestRequest::new(
            super::ingest::read_bytes(path)?,
            &path.display().to_string(),
        );
        let report = app
            .ingest(&request)
            .with_context(|| format!("storing {}", path.display()))?;
        lists += report.read.len();
        entries += report.entries;
        review = report.review;
        progress.inc(1);
    }
    progress.finish_and_clear();
    println!(
        "Loaded {lists} lists ({entries} ranked entries) from {} files in {}.",
        files.len(),
        data.display()
    );
    if review > 0 {
        println!("{review} entries or mentions wait for review (`needledrop review`).");
    }
    // The stored policy (by default each source file counts once: the 40 ballots of a film
    // club's PrefLib file share one critic's weight), so `rank` on a saved demo database prints
    // the same table.
    let consensus = app.consensus(&RankRequest::default())?;
    println!();
    super::rank::print_consensus(
        &consensus,
        args.top,
        super::rank::Format::Table,
        &mut std::io::stdout().lock(),
    )?;
    if let Some(path) = &args.save {
        println!(
            "\nThe demo database is at {0}; try `needledrop --db {0} lists`.",
            path.display()
        );
    }
    Ok(())
}
