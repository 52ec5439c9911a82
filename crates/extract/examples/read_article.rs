//! Reads one document and prints its first list as JSON, like `needledrop ingest --dry-run
//! --json FILE` (a quick loop for working on the reader without building the CLI).
//!
//! usage: cargo run -p needledrop-extract --example read_article -- FILE

use needledrop_extract::{extract, ExtractOptions};

fn main() {
    let Some(path) = std::env::args().next_back() else {
        return;
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            std::process::exit(1);
        }
    };
    let options = ExtractOptions {
        format: None,
        file_name: std::path::Path::new(&path)
            .file_name()
            .and_then(|n| n.to_str())
            .map(String::from),
    };
    match extract(&bytes, &options) {
        Ok(x) => {
            if let Some(list) = x.lists.first() {
                println!("{}", serde_json::to_string_pretty(list).unwrap_or_default());
            }
        }
        Err(e) => {
            eprintln!("error: {path}: {e}");
            std::process::exit(2);
        }
    }
}
