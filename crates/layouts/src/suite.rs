//! Generating the suite and running the extractor over it.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use needledrop_extract::{extract, ExtractOptions};
use needledrop_model::List;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::chrome;
use crate::doc::{render, DocFormat};
use crate::families::{Ctx, Family, FAMILIES};
use crate::lang::{Lang, LANGS};
use crate::score::{score, Counts};
use crate::truth::{Article, Class};

/// What to generate.
#[derive(Debug, Clone)]
pub struct SuiteOptions {
    /// The seed; the same seed gives the same articles byte for byte.
    pub seed: u64,
    /// Articles per (family, language) class.
    pub per_class: usize,
    /// Only these families (all when empty).
    pub families: Vec<String>,
    /// Only these languages (all when empty).
    pub langs: Vec<String>,
    /// Only these formats (all when empty).
    pub formats: Vec<DocFormat>,
}

impl Default for SuiteOptions {
    fn default() -> Self {
        SuiteOptions {
            seed: 9,
            per_class: 3,
            families: Vec::new(),
            langs: Vec::new(),
            formats: Vec::new(),
        }
    }
}

fn mix(seed: u64, a: u64, b: u64, c: u64) -> u64 {
    // splitmix64 over the combined key, so every article has its own stream and filtering the
    // suite does not change the articles that remain.
    let mut z = seed
        .wrapping_add(a.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(b.wrapping_mul(0xBF58_476D_1CE4_E5B9))
        .wrapping_add(c.wrapping_mul(0x94D0_49BB_1331_11EB));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Generates one article of a family in a language; `k` numbers articles within the class.
pub fn generate_one(seed: u64, family: &Family, lang: &'static Lang, k: usize) -> Article {
    let fi = FAMILIES
        .iter()
        .position(|f| f.name == family.name)
        .unwrap_or(0) as u64;
    let li = LANGS.iter().position(|l| l.code == lang.code).unwrap_or(0) as u64;
    let mut rng = ChaCha8Rng::seed_from_u64(mix(seed, fi + 1, li + 1, k as u64 + 1));
    let format =
        family.formats[(k + rng_index(&mut rng, family.formats.len())) % family.formats.len()];
    let quote = *lang.quotes.choose(&mut rng).unwrap_or(&("\"", "\""));
    let mut ctx = Ctx {
        rng: &mut rng,
        lang,
        format,
        quote,
        p_local: 0.85,
        bare_songs: false,
        year_style: 0,
    };
    ctx.year_style = ctx.rng.gen_range(0..3);
    ctx.bare_songs = lang.code == "en" && ctx.rng.gen_bool(0.15);
    let body = (family.build)(&mut ctx);
    let mut variants = Vec::new();
    if body.expected.entries.iter().any(|e| !e.aliases.is_empty()) {
        variants.push("release-titles");
    }
    if ctx.bare_songs {
        variants.push("bare-songs");
    }
    let chrome = chrome::pick(&mut rng, &body, format);
    let blocks = chrome::assemble(&mut rng, lang, &body, &chrome);
    let text = render(format, &body.title, lang.code, &blocks);
    Article {
        id: format!("{}-{}-{k:02}", family.name, lang.code),
        format,
        class: Class {
            family: family.name,
            lang: lang.code,
            chrome,
            mentions: body.mentions_style,
            variants,
        },
        text,
        expected: body.expected,
    }
}

fn rng_index(rng: &mut ChaCha8Rng, n: usize) -> usize {
    rng.gen_range(0..n.max(1))
}

/// Generates the suite: every selected family × language, `per_class` articles each.
pub fn generate(opts: &SuiteOptions) -> Vec<Article> {
    let mut out = Vec::new();
    for fam in FAMILIES {
        if !opts.families.is_empty() && !opts.families.iter().any(|f| f == fam.name) {
            continue;
        }
        for lang in LANGS {
            if !opts.langs.is_empty() && !opts.langs.iter().any(|l| l == lang.code) {
                continue;
            }
            for k in 0..opts.per_class {
                let a = generate_one(opts.seed, fam, lang, k);
                if opts.formats.is_empty() || opts.formats.contains(&a.format) {
                    out.push(a);
                }
            }
        }
    }
    out
}

/// The outcome of running the extractor on one article.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The article id.
    pub id: String,
    /// The counts for this article.
    pub counts: Counts,
    /// The extractor's error message, or the panic message.
    pub error: Option<String>,
    /// True when the extractor panicked.
    pub panicked: bool,
    /// The first list read, if any.
    #[serde(skip)]
    pub list: Option<List>,
}

/// Runs the extractor on one article in a worker thread, giving up after `limit` (the worker is
/// then left running; a reader that hangs shows up as an error instead of stopping the suite).
pub fn run_one_with_timeout(article: &Article, limit: std::time::Duration) -> Outcome {
    let (tx, rx) = std::sync::mpsc::channel();
    let a = article.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("extract {}", article.id))
        .spawn(move || {
            let _ = tx.send(run_one(&a));
        });
    if spawned.is_err() {
        return run_one(article);
    }
    match rx.recv_timeout(limit) {
        Ok(o) => o,
        Err(_) => Outcome {
            id: article.id.clone(),
            counts: score(&article.expected, None),
            error: Some(format!("timed out after {} ms", limit.as_millis())),
            panicked: false,
            list: None,
        },
    }
}

/// Runs the extractor in process on one article (catching panics) and scores it.
pub fn run_one(article: &Article) -> Outcome {
    let opts = ExtractOptions {
        format: Some(article.format.extract_format()),
        file_name: Some(article.file_name()),
    };
    let bytes = article.text.as_bytes();
    let result = catch_unwind(AssertUnwindSafe(|| extract(bytes, &opts)));
    let (list, error, panicked) = match result {
        Ok(Ok(x)) => (x.lists.into_iter().next(), None, false),
        Ok(Err(e)) => (None, Some(e.to_string()), false),
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".to_string());
            (None, Some(msg), true)
        }
    };
    let counts = score(&article.expected, list.as_ref());
    Outcome {
        id: article.id.clone(),
        counts,
        error,
        panicked,
        list,
    }
}

/// How to group the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// family × language.
    Class,
    /// family only.
    Family,
    /// language only.
    Lang,
    /// format only.
    Format,
    /// each chrome variant (an article counts under every variant it carries).
    Chrome,
    /// mention style.
    Mentions,
    /// each other trait (an article counts under every trait it has, or `plain`).
    Variant,
}

/// The group keys an article falls under.
pub fn keys(article: &Article, by: GroupBy) -> Vec<String> {
    match by {
        GroupBy::Class => vec![format!("{} {}", article.class.family, article.class.lang)],
        GroupBy::Family => vec![article.class.family.to_string()],
        GroupBy::Lang => vec![article.class.lang.to_string()],
        GroupBy::Format => vec![article.format.name().to_string()],
        GroupBy::Chrome => article.class.chrome.iter().map(|c| c.to_string()).collect(),
        GroupBy::Mentions => vec![article.class.mentions.unwrap_or("none").to_string()],
        GroupBy::Variant if article.class.variants.is_empty() => vec!["plain".to_string()],
        GroupBy::Variant => article
            .class
            .variants
            .iter()
            .map(|v| v.to_string())
            .collect(),
    }
}

/// Sums outcomes per group key, plus the total.
pub fn tally(
    articles: &[Article],
    outcomes: &[Outcome],
    by: GroupBy,
) -> (BTreeMap<String, Counts>, Counts) {
    let mut groups: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (a, o) in articles.iter().zip(outcomes) {
        for k in keys(a, by) {
            groups.entry(k).or_default().add(&o.counts);
        }
        total.add(&o.counts);
    }
    (groups, total)
}

fn cell(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}"))
        .unwrap_or_else(|| "-".to_string())
}

/// One table row of rates.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The group key (or `total`).
    pub key: String,
    /// Articles.
    pub articles: usize,
    /// Extractor errors and panics.
    pub errors: usize,
    /// Entries F1.
    pub entries_f1: f64,
    /// Entries precision.
    pub entries_p: f64,
    /// Entries recall.
    pub entries_r: f64,
    /// Year accuracy over matched entries with a year.
    pub years: Option<f64>,
    /// Mentions F1 (`None` when the group expects and predicts none).
    pub mentions_f1: Option<f64>,
    /// Songs F1 (`None` when the group expects and predicts none).
    pub songs_f1: Option<f64>,
    /// Artist accuracy over matched songs.
    pub artists: Option<f64>,
    /// Share of articles whose order was read right.
    pub order: f64,
    /// Share of articles announcing a size whose size was read right.
    pub size: Option<f64>,
}

/// A row of rates from counts.
pub fn row(key: &str, c: &Counts) -> Row {
    let (ep, er, ef) = c.entries();
    Row {
        key: key.to_string(),
        articles: c.articles,
        errors: c.errors,
        entries_f1: ef,
        entries_p: ep,
        entries_r: er,
        years: c.years(),
        mentions_f1: (c.m_gold + c.m_pred > 0).then(|| c.mentions().2),
        songs_f1: (c.s_gold + c.s_pred > 0).then(|| c.songs().2),
        artists: c.artists(),
        order: if c.articles > 0 {
            c.order_ok as f64 / c.articles as f64
        } else {
            0.0
        },
        size: c.sizes(),
    }
}

/// Formats the table as fixed-width text.
pub fn table_text(groups: &BTreeMap<String, Counts>, total: &Counts, by_label: &str) -> String {
    let width = groups
        .keys()
        .map(|k| k.len())
        .max()
        .unwrap_or(5)
        .max(by_label.len())
        .max(5);
    let mut s = format!(
        "{:<width$} {:>4} {:>4} {:>6} {:>5} {:>5} {:>5} {:>7} {:>6} {:>6} {:>5} {:>5}\n",
        by_label,
        "n",
        "err",
        "ent.F1",
        "P",
        "R",
        "years",
        "ment.F1",
        "songF1",
        "artist",
        "order",
        "size"
    );
    let mut line = |k: &str, c: &Counts| {
        let r = row(k, c);
        s.push_str(&format!(
            "{:<width$} {:>4} {:>4} {:>6.2} {:>5.2} {:>5.2} {:>5} {:>7} {:>6} {:>6} {:>5.2} {:>5}\n",
            k,
            r.articles,
            r.errors,
            r.entries_f1,
            r.entries_p,
            r.entries_r,
            cell(r.years),
            cell(r.mentions_f1),
            cell(r.songs_f1),
            cell(r.artists),
            r.order,
            cell(r.size)
        ));
    };
    for (k, c) in groups {
        line(k, c);
    }
    line("TOTAL", total);
    s
}

/// The formats the suite covers, for reports.
pub fn formats_of(articles: &[Article]) -> BTreeMap<DocFormat, usize> {
    let mut m = BTreeMap::new();
    for a in articles {
        *m.entry(a.format).or_insert(0) += 1;
    }
    m
}

/// The metric shown in a [`matrix_text`] grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Entries F1.
    Entries,
    /// Mentions F1.
    Mentions,
    /// Songs F1.
    Songs,
    /// Artist accuracy over matched songs.
    Artists,
    /// Year accuracy over matched entries.
    Years,
    /// Share of articles with the order read right.
    Order,
    /// Share of articles announcing a size with the size read right.
    Size,
}

fn metric(c: &Counts, m: Metric) -> Option<f64> {
    match m {
        Metric::Entries => (c.e_gold + c.e_pred > 0).then(|| c.entries().2),
        Metric::Mentions => (c.m_gold + c.m_pred > 0).then(|| c.mentions().2),
        Metric::Songs => (c.s_gold + c.s_pred > 0).then(|| c.songs().2),
        Metric::Artists => c.artists(),
        Metric::Years => c.years(),
        Metric::Order => (c.articles > 0).then(|| c.order_ok as f64 / c.articles as f64),
        Metric::Size => c.sizes(),
    }
}

/// A family × language grid of one metric, with row and column totals.
pub fn matrix_text(articles: &[Article], outcomes: &[Outcome], m: Metric) -> String {
    let mut cells: BTreeMap<(&str, &str), Counts> = BTreeMap::new();
    let mut rows: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut cols: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (a, o) in articles.iter().zip(outcomes) {
        cells
            .entry((a.class.family, a.class.lang))
            .or_default()
            .add(&o.counts);
        rows.entry(a.class.family).or_default().add(&o.counts);
        cols.entry(a.class.lang).or_default().add(&o.counts);
        total.add(&o.counts);
    }
    let langs: Vec<&str> = LANGS
        .iter()
        .map(|l| l.code)
        .filter(|l| cols.contains_key(l))
        .collect();
    let width = rows.keys().map(|k| k.len()).max().unwrap_or(6).max(6);
    let mut s = format!("{:<width$}", format!("{m:?}").to_lowercase());
    for l in &langs {
        s.push_str(&format!(" {l:>5}"));
    }
    s.push_str("   all\n");
    for fam in FAMILIES
        .iter()
        .map(|f| f.name)
        .filter(|f| rows.contains_key(f))
    {
        s.push_str(&format!("{fam:<width$}"));
        for l in &langs {
            let v = cells.get(&(fam, *l)).and_then(|c| metric(c, m));
            s.push_str(&format!(" {:>5}", cell(v)));
        }
        s.push_str(&format!(" {:>5}\n", cell(metric(&rows[fam], m))));
    }
    s.push_str(&format!("{:<width$}", "all"));
    for l in &langs {
        s.push_str(&format!(" {:>5}", cell(metric(&cols[l], m))));
    }
    s.push_str(&format!(" {:>5}\n", cell(metric(&total, m))));
    s
}
