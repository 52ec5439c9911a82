//! Runs a fuzz target over files without libFuzzer: `replay TARGET FILE|DIR…` feeds each file
//! (each file of a folder) to the target once, so a crash found by `cargo fuzz` can be replayed
//! under a debugger or on a stable toolchain.

use std::path::{Path, PathBuf};

fn files(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            files(&entry, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let names: Vec<&str> = needledrop_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    let usage = format!(
        "usage: replay TARGET FILE|DIR…  (targets: {})",
        names.join(", ")
    );
    let name = args.next().ok_or_else(|| usage.clone())?;
    let target = needledrop_fuzz::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| format!("no target {name:?}; {usage}"))?
        .1;
    let mut inputs = Vec::new();
    for arg in args {
        files(Path::new(&arg), &mut inputs)?;
    }
    for input in &inputs {
        target(&std::fs::read(input)?);
    }
    println!("{name}: {} inputs, no crash", inputs.len());
    Ok(())
}
