//! `needledrop`: the command-line shell over the needledrop libraries.
//!
//! Each subcommand lives in its own module under `commands/` with an `Args` struct (what clap
//! parses) and a `run` function (what it does). This file only parses, dispatches, and turns the
//! outcome into an exit code: 0 success, 1 failure, 2 bad input.

mod commands;
mod context;
mod exit;
mod progress;
mod table;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Turns published "best movie soundtracks" lists into one consensus ranking.
///
/// Start with `needledrop demo`: it loads the bundled sample lists into a fresh database and
/// prints their consensus. Then `needledrop ingest ARTICLE…` your own saved articles and list
/// exports, and `needledrop rank` them.
#[derive(Debug, Parser)]
#[command(name = "needledrop", version, propagate_version = true)]
struct Cli {
    /// The database: a SQLite file, or a PostgreSQL URI (`postgres://user@host/db`)
    /// [default: needledrop.db in the user's data directory].
    #[arg(long, global = true, env = "NEEDLEDROP_DB", value_name = "PATH|URI")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load the bundled sample lists into a fresh database and print their consensus.
    Demo(commands::demo::Args),
    /// Read articles and list files into the database.
    Ingest(commands::ingest::Args),
    /// List the stored lists.
    Lists(commands::lists::Args),
    /// Show one stored thing in full.
    Show(commands::show::Args),
    /// Delete a stored list.
    Delete(commands::delete::Args),
    /// Every song the lists cite, with its artist and how many lists cite it.
    Songs(commands::songs::Args),
    /// Aggregate lists into one consensus ranking.
    Rank(Box<commands::rank::Args>),
    /// How lists share the vote: the policy, and weights for single lists.
    Weight(commands::weight::Args),
    /// Compare two lists: overlap and rank correlations.
    Compare(commands::compare::Args),
    /// How much every pair of lists agrees.
    Agreement(commands::agreement::Args),
    /// Import films and search the catalog.
    Catalog(commands::catalog::Args),
    /// Entries and mentions waiting for a person to say which film they mean.
    Review(commands::review::Args),
    /// Say which film an entry means (kept across re-ingests and re-imports).
    Link(commands::link::LinkArgs),
    /// Merge two films that are one (the second's titles become aliases of the first).
    Merge(commands::link::MergeArgs),
    /// Undo the merges into a film.
    Split(commands::link::SplitArgs),
    /// Give a film another title.
    Alias(commands::link::AliasArgs),
    /// Serve the web site and the JSON API over the database.
    Serve(commands::serve::Args),
    /// The consensus as an article, and exports for other programs.
    Publish(commands::publish::Args),
}

/// `needledrop` with no command runs the demo: its arguments parsed from nothing, so clap's
/// defaults and environment variables apply exactly as for `needledrop demo`.
#[derive(Debug, Parser)]
struct DemoDefaults {
    #[command(flatten)]
    args: commands::demo::Args,
}

/// `needledrop songs | head` closes the pipe early. Rust ignores SIGPIPE, so the next
/// `println!` would panic; restoring the default action ends the process quietly, as `cat` does.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    // SAFETY: called first thing in `main`, before any thread exists; it only resets a signal
    // disposition to the system default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

/// mimalloc rather than the system allocator. Reading 100,000 lists (5 million entries) on
/// both cores allocates 100,000 ballots and faults in about 200 MB; glibc grows each thread's
/// heap in small `mprotect` steps that stall the other thread's page faults, and a third of
/// building the profile went there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Lets mimalloc ask for transparent huge pages (2 MiB) where the system gives them on
/// request (`madvise`): one fault then maps 512 pages, and on a virtual machine a fault is
/// costly (about 2.5 µs). Where huge pages are off, the request is refused and nothing changes.
fn allow_huge_pages() {
    // SAFETY: an option setter with a valid option and value; called first thing in `main`.
    unsafe {
        libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 1);
    }
}

fn main() {
    quiet_on_closed_pipe();
    allow_huge_pages();
    let cli = Cli::parse();
    let ctx = context::Context::new(cli.db);
    let result = match cli.command {
        None => commands::demo::run(DemoDefaults::parse_from(["needledrop"]).args, &ctx),
        Some(Command::Demo(args)) => commands::demo::run(args, &ctx),
        Some(Command::Ingest(args)) => commands::ingest::run(args, &ctx),
        Some(Command::Lists(args)) => commands::lists::run(args, &ctx),
        Some(Command::Show(args)) => commands::show::run(args, &ctx),
        Some(Command::Delete(args)) => commands::delete::run(args, &ctx),
        Some(Command::Songs(args)) => commands::songs::run(args, &ctx),
        Some(Command::Rank(args)) => commands::rank::run(*args, &ctx),
        Some(Command::Weight(args)) => commands::weight::run(args, &ctx),
        Some(Command::Compare(args)) => commands::compare::run(args, &ctx),
        Some(Command::Agreement(args)) => commands::agreement::run(args, &ctx),
        Some(Command::Catalog(args)) => commands::catalog::run(args, &ctx),
        Some(Command::Review(args)) => commands::review::run(args, &ctx),
        Some(Command::Link(args)) => commands::link::link(args, &ctx),
        Some(Command::Merge(args)) => commands::link::merge(args, &ctx),
        Some(Command::Split(args)) => commands::link::split(args, &ctx),
        Some(Command::Alias(args)) => commands::link::alias(args, &ctx),
        Some(Command::Serve(args)) => commands::serve::run(args, &ctx),
        Some(Command::Publish(args)) => commands::publish::run(args, &ctx),
    };
    std::process::exit(exit::report(result));
}
