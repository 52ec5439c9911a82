//! Article extraction throughput, in bytes of article per second on one core.
//!
//! `cargo bench -p needledrop-extract --bench extract_throughput`
//!
//! - `corpus`: every seed article (`../shared/seeds/*.txt`) and sample article
//!   (`data/articles/*`), each read by `extract` as its format, per iteration.
//! - `synthetic_50mb`: one generated 50 MB plain-text countdown with blurbs, quotes and songs —
//!   the linear-time check at the size the spec names.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use needledrop_extract::{extract, ExtractOptions};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("../../../shared/seeds"),
        root.join("../../data/articles"),
    ];
    let mut files = Vec::new();
    for dir in dirs {
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let is_article = matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "md" | "html")
            );
            if is_article {
                if let Ok(bytes) = std::fs::read(&path) {
                    files.push((file_name(&path), bytes));
                }
            }
        }
    }
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string()
}

/// A countdown of plain-text entries with quoted songs, repeated to `size` bytes.
fn synthetic(size: usize) -> String {
    let mut out = String::with_capacity(size + 4096);
    out.push_str(
        "The Best Soundtracks Ever, Ranked\n\nFor this list, only feature films were eligible.\n\n",
    );
    let entries = size / 600 + 1;
    for i in 0..entries {
        let rank = entries - i;
        out.push_str(&format!(
            "{rank}. Film Number {rank} ({})\n\nIts 1999 film score matters. \"Song {rank}\" by The Band plays over \"Another Tune\" and Mara Holt's \"Third One.\" Critics in \"Some Film\" loved \"flat feet\" too, and the 2001 sequel was fine. \"Fourth\" by Someone Else closes it.\n\n",
            1900 + rank % 120
        ));
        if out.len() >= size {
            break;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let files = corpus();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            for (name, bytes) in &files {
                let options = ExtractOptions {
                    format: None,
                    file_name: Some(name.clone()),
                };
                let _ = black_box(extract(black_box(bytes), &options));
            }
        })
    });
    let big = synthetic(50 * 1024 * 1024);
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("synthetic_50mb", |b| {
        b.iter(|| {
            let options = ExtractOptions {
                format: None,
                file_name: Some("big.txt".to_string()),
            };
            black_box(extract(black_box(big.as_bytes()), &options)).ok()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
