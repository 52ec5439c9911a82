//! Resolution throughput against a 1,000,000-film synthetic catalog (one core).
//!
//! `cargo bench -p needledrop-catalog --bench resolve`. The full 1,000,000-query run with an
//! accuracy count is `cargo run --release -p needledrop-catalog --example resolve_1m`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use needledrop_catalog::{Catalog, CatalogId, Query};
use std::hint::black_box;

mod synthetic;

fn resolve(c: &mut Criterion) {
    const FILMS: usize = 1_000_000;
    let mut catalog = Catalog::new();
    catalog.begin_import(FILMS);
    for f in synthetic::films_iter(FILMS, 7) {
        catalog.insert(f).ok();
    }
    catalog.finish_import();
    let queries = synthetic::variants_by(
        FILMS,
        |i| {
            let film = catalog.get(CatalogId(i as u32));
            (
                film.map(|f| f.title.clone()).unwrap_or_default(),
                film.and_then(|f| f.year).map(|y| y.get()),
            )
        },
        100_000,
        11,
    );
    let mut group = c.benchmark_group("resolve");
    group.sample_size(10);
    group.throughput(Throughput::Elements(queries.len() as u64));
    group.bench_function("100k variants vs 1M films", |b| {
        b.iter(|| {
            for (q, _) in &queries {
                black_box(catalog.resolve(&Query::title(q)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, resolve);
criterion_main!(benches);
