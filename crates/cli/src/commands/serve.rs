//! `needledrop serve`: the web site and the JSON API over the database.

use crate::context::Context;
use anyhow::Context as _;
use needledrop_web::{AppState, Settings, Token};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Arguments of `needledrop serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    addr: SocketAddr,

    /// The file holding the write token; created with a new random token (readable by you only)
    /// when missing [default: the database's path with `.token` appended; for PostgreSQL,
    /// serve.token in the user's data directory].
    #[arg(long, value_name = "PATH")]
    token_file: Option<PathBuf>,

    /// The largest request body accepted, in bytes (larger uploads get 413).
    #[arg(long, default_value_t = needledrop_web::DEFAULT_BODY_LIMIT, value_name = "BYTES")]
    body_limit: usize,
}

/// Next to a SQLite database: its path with `.token` appended. For a PostgreSQL database:
/// `serve.token` in the user's data directory.
fn default_token_file(ctx: &Context) -> anyhow::Result<PathBuf> {
    let db = ctx.db_path()?;
    let location = db.to_string_lossy();
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        let dirs = directories::ProjectDirs::from("", "", "needledrop")
            .context("cannot find a home directory for the token file; pass --token-file PATH")?;
        return Ok(dirs.data_dir().join("serve.token"));
    }
    let mut file = match location.strip_prefix("sqlite:") {
        Some(path) => PathBuf::from(path),
        None => db.clone(),
    }
    .into_os_string();
    file.push(".token");
    Ok(PathBuf::from(file))
}

/// `main` restores the default SIGPIPE action so that `needledrop songs | head` ends quietly; a
/// server must not die when a client hangs up while its response is being written (under load
/// it did, exit status 141): ignored again, a write to a closed socket is an error the server
/// handles for that connection alone.
#[cfg(unix)]
fn survive_closed_connections() {
    // SAFETY: only sets a signal disposition, process-wide, before the server starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn survive_closed_connections() {}

/// Connections the server reads on, beside the one it writes on: one per core of the machine
/// this was tuned on; a ranking holds one for as long as it reads its lists.
const READ_CONNECTIONS: usize = 2;

/// Runs `needledrop serve` until interrupted (Ctrl-C lets requests under way finish).
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    survive_closed_connections();
    let app = ctx.app()?;
    let token_file = match args.token_file {
        Some(p) => p,
        None => default_token_file(ctx)?,
    };
    let (token, created) = Token::load_or_create(&token_file)
        .with_context(|| format!("reading the token file {}", token_file.display()))?;
    if created {
        eprintln!(
            "needledrop: a new write token (uploads, links, merges), saved to {}:\n{}",
            token_file.display(),
            token.expose()
        );
    } else {
        eprintln!("needledrop: the write token is in {}", token_file.display());
    }
    let listener = std::net::TcpListener::bind(args.addr)
        .with_context(|| format!("listening on {}", args.addr))?;
    let addr = listener.local_addr()?;
    eprintln!("needledrop: serving on http://{addr}/ (API under /api/v1/; Ctrl-C stops)");
    // Pages and rankings read on connections of their own, so they never queue behind an
    // ingest (or one another) on the writer's connection.
    // (A database in memory is private to its connection: it is read where it is written.)
    let in_memory = ctx.db_path()?.to_string_lossy().ends_with(":memory:");
    let readers = (0..if in_memory { 0 } else { READ_CONNECTIONS })
        .map(|_| ctx.app())
        .collect::<anyhow::Result<Vec<_>>>()?;
    let state = AppState::new(
        app,
        token,
        Settings {
            body_limit: args.body_limit,
        },
    )
    .with_readers(readers);
    needledrop_web::serve_until_interrupted(listener, state).context("serving")?;
    Ok(())
}
