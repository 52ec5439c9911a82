//! Exit codes and error printing.

use needledrop_app::{AppError, ErrorKind};

/// An error caused by what the user gave us (a file, a flag), as opposed to a failure of ours
/// or of the machine. It makes the process exit with code 2.
#[derive(Debug)]
pub struct BadInput(pub String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Exit code for success.
pub const OK: i32 = 0;
/// Exit code for a failure that is not the input's fault.
pub const FAILURE: i32 = 1;
/// Exit code for bad input.
pub const BAD_INPUT: i32 = 2;

/// Prints an error chain for a person and picks the exit code.
pub fn report(result: anyhow::Result<()>) -> i32 {
    match result {
        Ok(()) => OK,
        Err(err) => {
            // A closed pipe (`needledrop songs | head`) is not an error.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return OK;
            }
            eprintln!("error: {err:#}");
            if is_bad_input(&err) {
                BAD_INPUT
            } else {
                FAILURE
            }
        }
    }
}

/// True when the error (or its cause) is the input's fault: the application's error kind says
/// so, or the command itself refused an argument.
pub fn is_bad_input(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.is::<BadInput>()
            || c.is::<needledrop_extract::UnknownFormat>()
            || c.is::<needledrop_rank::RankError>()
            // Opening a read-only database fails before the application wraps the store's errors.
            || matches!(
                c.downcast_ref::<needledrop_store::StoreError>(),
                Some(needledrop_store::StoreError::ReadOnly { .. })
            )
            || c.downcast_ref::<AppError>().is_some_and(|e| {
                matches!(
                    e.kind(),
                    ErrorKind::BadInput | ErrorKind::NotFound | ErrorKind::Conflict
                )
            })
    })
}

/// Adds what to do when nothing is stored yet; other errors pass unchanged.
pub fn hint_when_empty<T>(result: Result<T, AppError>) -> anyhow::Result<T> {
    result.map_err(|e| match e {
        AppError::NoLists => BadInput(format!(
            "{e}; add some with `needledrop ingest FILE…`, or pass --input FILE"
        ))
        .into(),
        e => e.into(),
    })
}

/// Adds what the user can do next to an application error about their request (the library
/// does not know the command names): `no list with id 42; `needledrop lists` shows the ids`.
pub fn hint<T>(result: Result<T, AppError>, hint: &str) -> anyhow::Result<T> {
    result.map_err(|e| match e.kind() {
        ErrorKind::BadInput | ErrorKind::NotFound => BadInput(format!("{e}; {hint}")).into(),
        _ => e.into(),
    })
}
