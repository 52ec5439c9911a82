//! `needledrop publish`: the consensus as an article for readers, and exports for other
//! programs (Letterboxd, playlists, PrefLib, CSV, JSON).
//!
//! The ranking options are `rank`'s own (its `Args` builds the request), so an article and a
//! `rank` with the same flags show the same order. Files are written whole or not at all: the
//! bytes go to a temporary file beside the target, which is then renamed over it.

use crate::context::Context;
use crate::exit::BadInput;
use anyhow::Context as _;
use needledrop_app::{ArticleRequest, RankRequest};
use needledrop_publish as publish;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `needledrop publish`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// The consensus as an article: headline, intro, the films counted down with why they
    /// rank there, honorable mentions, methodology and sources.
    Article(ArticleArgs),
    /// The consensus, its songs or the stored lists for other programs.
    Export(ExportArgs),
}

/// How to rank: the subset of `needledrop rank`'s options that make sense for publishing.
#[derive(Debug, clap::Args)]
struct Ranking {
    /// Aggregation method (`needledrop rank --help` lists them).
    #[arg(long, short, default_value = "borda", value_name = "M")]
    method: String,

    /// How lists share the vote, overriding the stored policy: `per-source` or `per-list`.
    #[arg(long, value_name = "POLICY")]
    weighting: Option<String>,

    /// List weights: a CSV `list_id,weight` multiplying the stored ones.
    #[arg(long, value_name = "FILE")]
    weights: Option<PathBuf>,

    /// Eligibility rules (TOML; see docs/eligibility.md).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,

    /// Only films at least N lists name.
    #[arg(long, value_name = "N")]
    min_sources: Option<usize>,

    /// Bootstrap seed (same seed → same intervals, same bytes).
    #[arg(long, default_value_t = 0, value_name = "S")]
    seed: u64,
}

impl Ranking {
    fn request(&self, bootstrap: Option<usize>, top_n: usize) -> anyhow::Result<RankRequest> {
        let rank = super::rank::Args {
            method: self.method.clone(),
            weighting: self.weighting.clone(),
            weights: self.weights.clone(),
            policy: self.policy.clone(),
            min_sources: self.min_sources,
            bootstrap: bootstrap.filter(|b| *b > 0),
            seed: self.seed,
            top_n: u32::try_from(top_n).unwrap_or(u32::MAX),
            ..super::rank::Args::default()
        };
        let request = rank.request()?;
        // Unknown methods and bad parameters are refused before anything is read.
        request.method()?;
        Ok(request)
    }
}

/// Article formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ArticleFormat {
    /// Markdown.
    Md,
    /// A standalone HTML page.
    Html,
}

#[derive(Debug, clap::Args)]
struct ArticleArgs {
    /// Films counted down.
    #[arg(long, default_value_t = 25, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    top: u32,

    /// Films named after them as honorable mentions.
    #[arg(long, default_value_t = 10, value_name = "N")]
    honorable: usize,

    /// Bootstrap replicates for the rank intervals (0: none).
    #[arg(long, default_value_t = 200, value_name = "B")]
    bootstrap: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ArticleFormat::Md)]
    format: ArticleFormat,

    /// Write to FILE (its folder must exist) instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,

    #[command(flatten)]
    ranking: Ranking,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// The chart as a CSV Letterboxd's list importer reads (Position, Name, Year, imdbID).
    Letterboxd,
    /// The most-cited songs as an XSPF playlist.
    Xspf,
    /// The most-cited songs as an extended M3U playlist.
    M3u,
    /// The stored lists as PrefLib files, one per source (needs --out DIR, a new folder).
    Preflib,
    /// The consensus as CSV with film ids and IMDb ids.
    Csv,
    /// The consensus as JSON with film ids and IMDb ids.
    Json,
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// What to export.
    #[arg(long, value_enum)]
    format: ExportFormat,

    /// Only the first N films (or songs) [default: all].
    #[arg(long, value_name = "N")]
    top: Option<usize>,

    /// Bootstrap replicates: rank intervals in the CSV and JSON.
    #[arg(long, value_name = "B")]
    bootstrap: Option<usize>,

    /// Write to FILE (for preflib: a new folder DIR) instead of stdout.
    #[arg(long, value_name = "FILE|DIR")]
    out: Option<PathBuf>,

    #[command(flatten)]
    ranking: Ranking,
}

/// Runs `needledrop publish`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    match args.command {
        Command::Article(a) => article(a, ctx),
        Command::Export(e) => export(e, ctx),
    }
}

fn article(args: ArticleArgs, ctx: &Context) -> anyhow::Result<()> {
    let top = args.top as usize;
    let request = ArticleRequest {
        rank: args.ranking.request(Some(args.bootstrap), top)?,
        top,
        honorable: args.honorable,
    };
    let target = args.out.as_deref().map(checked_target).transpose()?;
    let article = crate::exit::hint_when_empty(ctx.app()?.article(&request))?;
    for w in &article.consensus.warnings {
        eprintln!("warning: {w}");
    }
    let mut bytes = Vec::new();
    match args.format {
        ArticleFormat::Md => publish::article::article_markdown(&mut bytes, &article)?,
        ArticleFormat::Html => publish::article::article_html(&mut bytes, &article)?,
    }
    emit(target.as_deref(), &bytes)
}

fn export(args: ExportArgs, ctx: &Context) -> anyhow::Result<()> {
    let top = args.top.unwrap_or(usize::MAX);
    // P(top 10), as `rank` computes it, so the CSV and JSON match `rank --bootstrap`.
    let request = args.ranking.request(args.bootstrap, 10)?;
    if args.format == ExportFormat::Preflib {
        let dir = args.out.as_deref().ok_or_else(|| {
            BadInput(
                "PrefLib export writes one file per source: pass --out DIR (a new folder)".into(),
            )
        })?;
        return export_preflib(dir, &request, ctx);
    }
    let target = args.out.as_deref().map(checked_target).transpose()?;
    let mut app = ctx.app()?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Xspf | ExportFormat::M3u => {
            // Checked first: with nothing stored, an empty playlist would hide the mistake.
            crate::exit::hint_when_empty(app.stored_ballots())?;
            let songs = app.songs()?;
            let name = "The most-cited songs of the best movie soundtracks";
            if args.format == ExportFormat::Xspf {
                publish::export::xspf(&mut bytes, &songs, top, name)?;
            } else {
                publish::export::m3u(&mut bytes, &songs, top, name)?;
            }
        }
        _ => {
            let consensus = crate::exit::hint_when_empty(app.consensus(&request))?;
            for w in &consensus.warnings {
                eprintln!("warning: {w}");
            }
            match args.format {
                ExportFormat::Letterboxd => {
                    publish::export::letterboxd_csv(&mut bytes, &consensus, top)?
                }
                ExportFormat::Csv => publish::consensus_csv(&mut bytes, &consensus, top)?,
                _ => publish::consensus_json(&mut bytes, &consensus, top)?,
            }
        }
    }
    emit(target.as_deref(), &bytes)
}

/// Writes the PrefLib files into a new folder: built whole in a temporary folder beside it,
/// then renamed, so a failure leaves nothing behind.
fn export_preflib(dir: &Path, request: &RankRequest, ctx: &Context) -> anyhow::Result<()> {
    if dir.exists() {
        anyhow::bail!(BadInput(format!(
            "{} exists already; PrefLib export writes a new folder",
            dir.display()
        )));
    }
    let parent = existing_parent(dir)?;
    let (ballots, _) = crate::exit::hint_when_empty(ctx.app()?.stored_ballots_for(request))?;
    let files = publish::export::preflib(&ballots);
    let staging = tempfile::Builder::new()
        .prefix(".needledrop-preflib-")
        .tempdir_in(&parent)
        .with_context(|| format!("creating a temporary folder in {}", parent.display()))?;
    for f in &files {
        std::fs::write(staging.path().join(&f.name), &f.text)
            .with_context(|| format!("writing {}", f.name))?;
    }
    readable(staging.path(), 0o755)?;
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, dir) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e).with_context(|| format!("creating {}", dir.display()));
    }
    eprintln!(
        "wrote {} PrefLib files ({} lists) to {}",
        files.len(),
        ballots.profile.ballots().len(),
        dir.display()
    );
    Ok(())
}

/// The folder a file goes into, which must exist (a typo should not create folders).
fn existing_parent(path: &Path) -> anyhow::Result<PathBuf> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        anyhow::bail!(BadInput(format!(
            "the folder {} does not exist; create it first or fix --out",
            parent.display()
        )));
    }
    Ok(parent)
}

/// An output file's path, refused before any work when its folder is missing or it is a folder.
fn checked_target(path: &Path) -> anyhow::Result<PathBuf> {
    existing_parent(path)?;
    if path.is_dir() {
        anyhow::bail!(BadInput(format!(
            "{} is a folder; --out takes a file name",
            path.display()
        )));
    }
    Ok(path.to_path_buf())
}

/// Writes `bytes` to stdout, or whole to `target` through a temporary file renamed over it.
fn emit(target: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    let Some(path) = target else {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return Ok(out.flush()?);
    };
    let parent = existing_parent(path)?;
    let mut file = tempfile::NamedTempFile::new_in(&parent)
        .with_context(|| format!("creating a temporary file in {}", parent.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    readable(file.path(), 0o644)?;
    file.persist(path)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Temporary files and folders are private to their owner (0600, 0700); what we publish is
/// meant to be read, so it gets the usual modes before it takes its name.
#[cfg(unix)]
fn readable(path: &Path, mode: u32) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("setting the permissions of {}", path.display()))
}

#[cfg(not(unix))]
fn readable(_path: &Path, _mode: u32) -> anyhow::Result<()> {
    Ok(())
}
