//! Resolution quality: the labelled title pairs and both seed lists.

use needledrop_catalog::{bundled, Catalog, CatalogId, Query, Resolution};
use std::collections::{BTreeMap, BTreeSet};

/// The film a title lands on in `catalog`, making a provisional film when nothing resembles it
/// (as ingest does). `None` when it went to review.
fn land(catalog: &mut Catalog, title: &str) -> Option<CatalogId> {
    match catalog.resolve_or_add(&Query::title(title)) {
        Ok(Resolution::Matched(c)) => catalog.canonical(c.film),
        _ => None,
    }
}

#[test]
fn labelled_pairs_precision_and_recall() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/title_pairs.tsv"
    ))
    .unwrap();
    let base = bundled().unwrap();
    let (mut tp, mut fp, mut fn_, mut tn) = (0u32, 0u32, 0u32, 0u32);
    let mut wrong = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "bad pair line {line:?}");
        let same = match cols[2] {
            "same" => true,
            "different" => false,
            other => panic!("bad label {other:?}"),
        };
        // Each pair on a fresh copy, so provisional films of one pair do not leak into another.
        let mut catalog = base.clone();
        let left = land(&mut catalog, cols[0]);
        let right = land(&mut catalog, cols[1]);
        let merged = left.is_some() && left == right;
        match (same, merged) {
            (true, true) => tp += 1,
            (false, true) => {
                fp += 1;
                wrong.push(format!("WRONG MERGE {} = {}", cols[0], cols[1]));
            }
            (true, false) => {
                fn_ += 1;
                wrong.push(format!("missed {} = {}", cols[0], cols[1]));
            }
            (false, false) => tn += 1,
        }
    }
    let total = tp + fp + fn_ + tn;
    let precision = f64::from(tp) / f64::from((tp + fp).max(1));
    let recall = f64::from(tp) / f64::from((tp + fn_).max(1));
    for w in &wrong {
        eprintln!("{w}");
    }
    eprintln!(
        "title pairs: {total} ({} same, {} different); precision {:.2}% recall {:.2}% (tp {tp} fp {fp} fn {fn_} tn {tn})",
        tp + fn_,
        fp + tn,
        precision * 100.0,
        recall * 100.0
    );
    assert!(total >= 300, "the labelled set needs at least 300 pairs");
    assert!(precision >= 0.995, "precision {precision}");
    assert!(recall >= 0.97, "recall {recall}");
}

struct GoldTitle {
    title: String,
    /// Year hint: printed years only.
    hint: Option<i32>,
    /// The true year, when the gold file says.
    year: Option<i32>,
}

fn gold_titles() -> Vec<GoldTitle> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/gold");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "both seed lists");
    let mut out = Vec::new();
    for path in files {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for e in gold["entries"].as_array().unwrap() {
            let year = e["year"].as_i64().map(|y| y as i32);
            let printed = e["year_printed"].as_bool().unwrap_or(false);
            out.push(GoldTitle {
                title: e["title"].as_str().unwrap().to_string(),
                hint: year.filter(|_| printed),
                year,
            });
        }
        for m in gold["mentions"].as_array().unwrap() {
            let title = m
                .as_str()
                .or_else(|| m["title"].as_str())
                .unwrap()
                .to_string();
            out.push(GoldTitle {
                title,
                hint: None,
                year: None,
            });
        }
    }
    out
}

/// Checks that the seed titles land on 28 films, one per distinct gold title, with the gold year.
fn check_seeds(catalog: &mut Catalog, expect_years: bool) {
    let titles = gold_titles();
    assert_eq!(titles.len(), 30);
    let mut film_of: BTreeMap<String, CatalogId> = BTreeMap::new();
    for t in &titles {
        let r = catalog
            .resolve_or_add(&Query::title(&t.title).with_year(t.hint))
            .unwrap();
        let Resolution::Matched(c) = r else {
            panic!("{} did not resolve: {r:?}", t.title)
        };
        let film = catalog.get(c.film).unwrap();
        if let (true, Some(year)) = (expect_years, t.year) {
            assert_eq!(
                film.year.map(|y| y.get()),
                Some(year),
                "{} resolved to {film:?}",
                t.title
            );
        }
        if let Some(prev) = film_of.insert(t.title.clone(), c.film) {
            assert_eq!(prev, c.film, "{} landed on two films", t.title);
        }
    }
    let distinct: BTreeSet<CatalogId> = film_of.values().copied().collect();
    // One film per distinct title: no two different films merged.
    assert_eq!(distinct.len(), film_of.len());
    assert_eq!(distinct.len(), 28);
}

#[test]
fn seed_lists_resolve_to_28_films_with_their_years() {
    let mut catalog = bundled().unwrap();
    check_seeds(&mut catalog, true);
}

#[test]
fn seed_lists_merge_shared_titles_without_any_catalog() {
    let mut catalog = Catalog::new();
    check_seeds(&mut catalog, false);
    assert!(catalog.iter().all(|(id, _)| catalog.is_provisional(id)));
    assert_eq!(catalog.len(), 28);
}

#[test]
fn hints_decide_between_same_titled_films() {
    let catalog = bundled().unwrap();
    let star = |year: Option<i32>, director: Option<&str>| {
        let r = catalog.resolve(
            &Query::title("A Star Is Born")
                .with_year(year)
                .with_director(director),
        );
        r.film()
            .and_then(|f| catalog.get(f))
            .and_then(|f| f.year)
            .map(|y| y.get())
    };
    assert_eq!(star(None, None), None, "four films share the title: review");
    assert_eq!(star(Some(1976), None), Some(1976));
    assert_eq!(star(None, Some("Bradley Cooper")), Some(2018));
    assert_eq!(star(None, Some("George Cukor")), Some(1954));
    // A year no "A Star Is Born" has: nobody is merged.
    assert!(matches!(
        catalog.resolve(&Query::title("A Star Is Born (1990)")),
        Resolution::NeedsReview { .. }
    ));
}
