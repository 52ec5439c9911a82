//! A small harness for end-to-end tests: a temp dir with its own database, and the real binary.
#![allow(dead_code)] // each test binary uses a different part of the harness

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A temp dir holding a database and input files.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Writes a file into the sandbox and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }

    /// `needledrop` with this sandbox's database, run from the sandbox.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("needledrop").expect("binary built");
        cmd.current_dir(self.dir.path())
            .env("NEEDLEDROP_DB", self.db())
            .env_remove("RUST_LOG");
        cmd
    }
}

/// The repository's `data/` folder.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// The shared seeds folder beside the repository.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

/// Parses stdout as JSON.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}
