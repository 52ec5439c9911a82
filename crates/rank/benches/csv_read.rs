//! Reading `list_id,rank,item` CSV: 100,000 lists × top-50 over 20,000 items (5 M rows, about
//! 100 MB), the parallel allocation-free path against the general (sequential, per-row String)
//! reader. Set `NEEDLEDROP_BENCH_CSV=path.csv` to read that file instead of a generated one.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use needledrop_rank::csv_input;
use needledrop_rank::Profile;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

/// A gen.py-like file: Zipf-popular items, top-`k` lists, some ties and mentions.
fn generated(lists: usize, k: usize, items: usize) -> Vec<u8> {
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let cumulative: Vec<f64> = (0..items)
        .scan(0.0, |acc, i| {
            *acc += 1.0 / (i as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let total = cumulative.last().copied().unwrap_or(1.0);
    let mut out = String::from("list_id,rank,item\n");
    let mut seen = Vec::with_capacity(k);
    for l in 0..lists {
        seen.clear();
        while seen.len() < k {
            let u = rng.gen::<f64>() * total;
            let i = cumulative.partition_point(|&c| c <= u).min(items - 1);
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
        for (r, i) in seen.iter().enumerate() {
            let rank = if r + 1 == k && rng.gen_bool(0.3) {
                String::new()
            } else {
                (r + 1).to_string()
            };
            out.push_str(&format!("L{l:06},{rank},item{i:05}\n"));
        }
    }
    out.into_bytes()
}

fn read(c: &mut Criterion) {
    let (name, bytes) = match std::env::var("NEEDLEDROP_BENCH_CSV") {
        Ok(path) => {
            let bytes = std::fs::read(&path).expect("NEEDLEDROP_BENCH_CSV is readable");
            (path, bytes)
        }
        Err(_) => (
            "100k_top50_20k_items".to_string(),
            generated(100_000, 50, 20_000),
        ),
    };
    let mut group = c.benchmark_group("csv read");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function(format!("parallel/{name}"), |b| {
        b.iter(|| black_box(csv_input::read_csv_bytes(bytes.clone()).unwrap()))
    });
    group.bench_function(format!("general reader/{name}"), |b| {
        b.iter(|| {
            black_box(
                csv_input::read_lists(bytes.as_slice())
                    .and_then(Profile::from_lists)
                    .unwrap(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
