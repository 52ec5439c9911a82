//! The development corpus and the synthetic cases of `../shared/corpus/` (read from there, never
//! copied), scored the way `score.py` and `cases/check.py` score them, with floors on the
//! figures reached so that a regression fails. Run with `--nocapture` to see every line.
//!
//! Normalization as in the corpus README ("How to score"): NFKC, accents removed, case folded,
//! curly quotes straightened, apostrophes deleted, other punctuation replaced by a space,
//! whitespace collapsed, and for artists a leading "the" dropped.

use needledrop_extract::{extract, ExtractOptions};
use needledrop_model::List;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
}

fn norm(s: &str, artist: bool) -> String {
    let s: String = s.nfkc().collect();
    let s: String = s.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    let s = s.to_lowercase();
    let s = s
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    let s = s.replace('\'', "");
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.strip_prefix("the ") {
        Some(rest) if artist => rest.to_string(),
        _ => s,
    }
}

fn read(path: &Path) -> Option<List> {
    let bytes = std::fs::read(path).ok()?;
    let options = ExtractOptions {
        format: None,
        file_name: path.file_name().and_then(|n| n.to_str()).map(String::from),
    };
    extract(&bytes, &options)
        .ok()
        .map(|mut x| x.lists.remove(0))
}

fn gold_of(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("gold readable")).expect("gold is JSON")
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Per-document counts, summed over a folder.
#[derive(Default, Debug)]
struct Tally {
    e_tp: usize,
    e_pred: usize,
    e_gold: usize,
    m_tp: usize,
    m_pred: usize,
    m_gold: usize,
    s_tp: usize,
    s_pred: usize,
    s_gold: usize,
    a_ok: usize,
    a_n: usize,
    y_ok: usize,
    y_n: usize,
    passed: usize,
    docs: usize,
}

fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    let p = if pred > 0 {
        tp as f64 / pred as f64
    } else if gold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if gold > 0 {
        tp as f64 / gold as f64
    } else {
        1.0
    };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Scores one document against its gold; returns the problems found (empty: a pass).
fn score_one(list: Option<&List>, gold: &Value, t: &mut Tally) -> Vec<String> {
    let mut problems = Vec::new();
    let empty = Vec::new();
    let gold_entries = gold
        .get("entries")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let entries = list.map(|l| l.entries.as_slice()).unwrap_or(&[]);
    let mut used = HashSet::new();
    let mut tp = 0;
    for ge in gold_entries {
        let mut names: HashSet<String> = HashSet::from([norm(s(ge, "title"), false)]);
        for a in ge
            .get("aliases")
            .and_then(Value::as_array)
            .unwrap_or(&empty)
        {
            names.insert(norm(a.as_str().unwrap_or(""), false));
        }
        let rank = ge.get("rank").and_then(Value::as_u64).unwrap_or(0);
        let hit = entries.iter().enumerate().position(|(i, e)| {
            !used.contains(&i)
                && u64::from(e.rank.get()) == rank
                && names.contains(&norm(&e.title, false))
        });
        match hit {
            None => problems.push(format!("entry {rank} {:?} missed", s(ge, "title"))),
            Some(i) => {
                used.insert(i);
                tp += 1;
                let gy = ge.get("year").and_then(Value::as_i64);
                let py = entries[i].year.map(|y| i64::from(y.get()));
                if let Some(gy) = gy {
                    t.y_n += 1;
                    t.y_ok += usize::from(py == Some(gy));
                }
                if py != gy && gold.get("format_notes").is_none() {
                    problems.push(format!("entry {rank} year {py:?}, want {gy:?}"));
                }
                if let Some(gc) = ge.get("credit").and_then(Value::as_str) {
                    let pc = entries[i].credit.as_deref().unwrap_or("");
                    if norm(pc, false) != norm(gc, false) {
                        problems.push(format!("entry {rank} credit {pc:?}, want {gc:?}"));
                    }
                }
            }
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if !used.contains(&i) {
            problems.push(format!("extra entry {} {:?}", e.rank, e.title));
        }
    }
    t.e_tp += tp;
    t.e_pred += entries.len();
    t.e_gold += gold_entries.len();

    let mut gs: HashMap<String, &Value> = HashMap::new();
    for e in gold_entries {
        for song in e.get("songs").and_then(Value::as_array).unwrap_or(&empty) {
            gs.entry(norm(s(song, "title"), false)).or_insert(song);
        }
    }
    for song in gold
        .get("songs")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
    {
        gs.entry(norm(s(song, "title"), false)).or_insert(song);
    }
    let mut ps: HashMap<String, Option<String>> = HashMap::new();
    if let Some(l) = list {
        for song in l.all_songs() {
            ps.entry(norm(&song.title, false))
                .or_insert_with(|| song.artist.clone());
        }
    }
    for (k, g) in &gs {
        match ps.get(k) {
            None => problems.push(format!("song {k:?} missed")),
            Some(artist) => {
                t.s_tp += 1;
                if let Some(ga) = g.get("artist").and_then(Value::as_str) {
                    t.a_n += 1;
                    let ok = norm(artist.as_deref().unwrap_or(""), true) == norm(ga, true);
                    t.a_ok += usize::from(ok);
                    if !ok {
                        problems.push(format!("artist of {k:?}: {artist:?}, want {ga:?}"));
                    }
                }
            }
        }
    }
    for k in ps.keys().filter(|k| !gs.contains_key(*k)) {
        problems.push(format!("extra song {k:?}"));
    }
    t.s_pred += ps.len();
    t.s_gold += gs.len();

    let gm: HashSet<String> = gold
        .get("mentions")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .map(|m| norm(m.as_str().unwrap_or_else(|| s(m, "title")), false))
        .collect();
    let pm: HashSet<String> = list
        .map(|l| l.mentions.iter().map(|m| norm(&m.title, false)).collect())
        .unwrap_or_default();
    for m in gm.difference(&pm) {
        problems.push(format!("mention {m:?} missed"));
    }
    for m in pm.difference(&gm) {
        problems.push(format!("extra mention {m:?}"));
    }
    t.m_tp += gm.intersection(&pm).count();
    t.m_pred += pm.len();
    t.m_gold += gm.len();
    t.docs += 1;
    t.passed += usize::from(problems.is_empty());
    problems
}

fn run(dir: &Path, gold_dir: &Path) -> Option<Tally> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "md" | "html")
            )
        })
        .collect();
    names.sort();
    let mut t = Tally::default();
    for path in names {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let gold_path = gold_dir.join(format!("{stem}.json"));
        if !gold_path.exists() {
            continue;
        }
        let gold = gold_of(&gold_path);
        let list = read(&path);
        let problems = score_one(list.as_ref(), &gold, &mut t);
        println!(
            "{} {stem}: {} problems",
            if problems.is_empty() { "PASS" } else { "FAIL" },
            problems.len()
        );
        for p in problems.iter().take(12) {
            println!("    - {p}");
        }
    }
    Some(t)
}

fn summary(t: &Tally) -> (f64, f64, f64, f64) {
    let a = if t.a_n > 0 {
        t.a_ok as f64 / t.a_n as f64
    } else {
        0.0
    };
    (
        f1(t.e_tp, t.e_pred, t.e_gold),
        f1(t.m_tp, t.m_pred, t.m_gold),
        f1(t.s_tp, t.s_pred, t.s_gold),
        a,
    )
}

#[test]
fn corpus_scores_hold() {
    let dir = corpus_dir();
    if !dir.join("articles").is_dir() {
        println!(
            "skipped: {} is missing (the shared corpus sits beside the repository)",
            dir.display()
        );
        return;
    }
    let t = run(&dir.join("articles"), &dir.join("gold")).expect("corpus readable");
    let (e, m, s, a) = summary(&t);
    let y = if t.y_n > 0 {
        t.y_ok as f64 / t.y_n as f64
    } else {
        0.0
    };
    println!("corpus: entries F1 {e:.3}, years {y:.2}, mentions F1 {m:.3}, songs F1 {s:.3}, artists {a:.2}");
    assert!(e >= 0.99, "entries F1 {e:.3} fell below 0.99");
    assert!(m >= 0.95, "mentions F1 {m:.3} fell below 0.95");
    assert!(s >= 0.94, "songs F1 {s:.3} fell below 0.94");
    assert!(a >= 0.90, "artist accuracy {a:.2} fell below 0.90");
    assert!(y >= 0.95, "year accuracy {y:.2} fell below 0.95");
}

#[test]
fn synthetic_cases_hold() {
    let dir = corpus_dir().join("cases");
    if !dir.is_dir() {
        println!(
            "skipped: {} is missing (the shared corpus sits beside the repository)",
            dir.display()
        );
        return;
    }
    let t = run(&dir, &dir).expect("cases readable");
    let (e, m, s, a) = summary(&t);
    println!(
        "cases: {} of {} pass; entries F1 {e:.3}, mentions F1 {m:.3}, songs F1 {s:.3}, artists {a:.2}",
        t.passed, t.docs
    );
    assert!(t.passed >= 10, "only {} of {} cases pass", t.passed, t.docs);
    assert!(e >= 0.99, "entries F1 {e:.3} fell below 0.99");
    assert!(m >= 0.95, "mentions F1 {m:.3} fell below 0.95");
}
