//! Generates the layout suite, runs the extractor on every article and prints a table per class.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use needledrop_layouts::suite::{self, GroupBy, Metric, Outcome};
use needledrop_layouts::{generate, Article, DocFormat, SuiteOptions};
use serde_json::json;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum By {
    Class,
    Family,
    Lang,
    Format,
    Chrome,
    Mentions,
    Variant,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum MetricArg {
    Entries,
    Mentions,
    Songs,
    Artists,
    Years,
    Order,
    Size,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Fmt {
    Text,
    Markdown,
    Html,
}

/// Scores the article reader on generated layouts (family × language × page chrome).
#[derive(Parser, Debug)]
#[command(name = "layout-suite")]
struct Args {
    /// Seed of the generator; the same seed gives the same articles.
    #[arg(long, default_value_t = 9)]
    seed: u64,
    /// Articles per (family, language) class.
    #[arg(long, default_value_t = 3)]
    per_class: usize,
    /// Only this family (repeatable).
    #[arg(long = "only")]
    only: Vec<String>,
    /// Only this language code (repeatable): en fr de es it pt ja.
    #[arg(long = "lang")]
    lang: Vec<String>,
    /// Only this format (repeatable): text, markdown, html.
    #[arg(long = "format", value_enum)]
    format: Vec<Fmt>,
    /// Give up on an article after this many milliseconds (a hanging reader is an error).
    #[arg(long, default_value_t = 10_000)]
    timeout_ms: u64,
    /// Group the table by this key.
    #[arg(long, value_enum, default_value_t = By::Class)]
    by: By,
    /// Write every article, its expected reading and what the reader returned to this folder.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Print JSON (rows per group, total, per-article outcomes) instead of the table.
    #[arg(long)]
    json: bool,
    /// Print family × language grids of these metrics instead of the table (repeatable).
    #[arg(long, value_enum)]
    matrix: Vec<MetricArg>,
    /// After the table, list the N worst-read articles (lowest entries F1, then songs F1).
    #[arg(long, default_value_t = 0)]
    worst: usize,
    /// Write one JSON line per article (id, format, class, text, expected) to this file.
    #[arg(long)]
    jsonl: Option<PathBuf>,
    /// List the families and exit.
    #[arg(long)]
    list: bool,
}

fn main() -> std::process::ExitCode {
    match run(Args::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            // Unknown filters are bad input (2); anything else (writing a dump) is a failure (1).
            let bad_input = e.to_string().starts_with("unknown ");
            std::process::ExitCode::from(if bad_input { 2 } else { 1 })
        }
    }
}

fn run(args: Args) -> Result<()> {
    if args.list {
        for f in needledrop_layouts::families::FAMILIES {
            println!("{:<20} {}", f.name, f.about);
        }
        return Ok(());
    }
    for f in &args.only {
        if needledrop_layouts::families::by_name(f).is_none() {
            anyhow::bail!("unknown family {f:?} (see --list)");
        }
    }
    for l in &args.lang {
        if needledrop_layouts::lang::by_code(l).is_none() {
            anyhow::bail!("unknown language {l:?} (en fr de es it pt ja)");
        }
    }
    let opts = SuiteOptions {
        seed: args.seed,
        per_class: args.per_class,
        families: args.only.clone(),
        langs: args.lang.clone(),
        formats: args
            .format
            .iter()
            .map(|f| match f {
                Fmt::Text => DocFormat::Text,
                Fmt::Markdown => DocFormat::Markdown,
                Fmt::Html => DocFormat::Html,
            })
            .collect(),
    };
    let articles = generate(&opts);
    // The reader may print diagnostics on panic; keep the table readable.
    std::panic::set_hook(Box::new(|_| {}));
    let limit = std::time::Duration::from_millis(args.timeout_ms);
    let outcomes: Vec<Outcome> = articles
        .iter()
        .map(|a| suite::run_one_with_timeout(a, limit))
        .collect();
    let _ = std::panic::take_hook();
    let by = match args.by {
        By::Class => GroupBy::Class,
        By::Family => GroupBy::Family,
        By::Lang => GroupBy::Lang,
        By::Format => GroupBy::Format,
        By::Chrome => GroupBy::Chrome,
        By::Mentions => GroupBy::Mentions,
        By::Variant => GroupBy::Variant,
    };
    if let Some(dir) = &args.dump {
        dump(dir, &articles, &outcomes)?;
    }
    if let Some(path) = &args.jsonl {
        let mut out = String::new();
        for a in &articles {
            let line = json!({"id": a.id, "format": a.format, "class": a.class, "text": a.text, "expected": a.expected});
            out.push_str(&serde_json::to_string(&line)?);
            out.push('\n');
        }
        fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    }
    let (groups, total) = suite::tally(&articles, &outcomes, by);
    if args.json {
        let rows: Vec<_> = groups.iter().map(|(k, c)| suite::row(k, c)).collect();
        let per: Vec<_> = articles
            .iter()
            .zip(&outcomes)
            .map(|(a, o)| json!({"id": a.id, "class": a.class, "format": a.format, "counts": o.counts, "error": o.error, "panicked": o.panicked}))
            .collect();
        let out = json!({
            "seed": args.seed,
            "per_class": args.per_class,
            "groups": rows,
            "total": suite::row("total", &total),
            "articles": per,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        if args.matrix.is_empty() {
            let label = format!("{:?}", args.by).to_lowercase();
            print!("{}", suite::table_text(&groups, &total, &label));
        }
        for (i, m) in args.matrix.iter().enumerate() {
            if i > 0 {
                println!();
            }
            let m = match m {
                MetricArg::Entries => Metric::Entries,
                MetricArg::Mentions => Metric::Mentions,
                MetricArg::Songs => Metric::Songs,
                MetricArg::Artists => Metric::Artists,
                MetricArg::Years => Metric::Years,
                MetricArg::Order => Metric::Order,
                MetricArg::Size => Metric::Size,
            };
            print!("{}", suite::matrix_text(&articles, &outcomes, m));
        }
        let panics = outcomes.iter().filter(|o| o.panicked).count();
        if panics > 0 {
            println!("{panics} article(s) made the reader panic");
        }
        if args.worst > 0 {
            let mut order: Vec<usize> = (0..outcomes.len()).collect();
            order.sort_by(|&i, &j| {
                let (a, b) = (&outcomes[i].counts, &outcomes[j].counts);
                (a.entries().2, a.songs().2)
                    .partial_cmp(&(b.entries().2, b.songs().2))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            println!();
            for &i in order.iter().take(args.worst) {
                let (a, o) = (&articles[i], &outcomes[i]);
                println!(
                    "{:<28} {:<8} entries {:.2} mentions {:.2} songs {:.2}  {}",
                    a.file_name(),
                    a.format.name(),
                    o.counts.entries().2,
                    o.counts.mentions().2,
                    o.counts.songs().2,
                    o.error.as_deref().unwrap_or("")
                );
            }
        }
        let timeouts = outcomes
            .iter()
            .filter(|o| {
                o.error
                    .as_deref()
                    .is_some_and(|e| e.starts_with("timed out"))
            })
            .count();
        if timeouts > 0 {
            println!("{timeouts} article(s) timed out");
        }
    }
    Ok(())
}

fn dump(dir: &PathBuf, articles: &[Article], outcomes: &[Outcome]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut index = String::from("id\tformat\tchrome\tentries_f1\tmentions_f1\tsongs_f1\terror\n");
    for (a, o) in articles.iter().zip(outcomes) {
        fs::write(dir.join(a.file_name()), &a.text)?;
        let expected = json!({"class": a.class, "format": a.format, "expected": a.expected});
        fs::write(
            dir.join(format!("{}.expected.json", a.id)),
            serde_json::to_string_pretty(&expected)? + "\n",
        )?;
        let got =
            json!({"list": o.list, "error": o.error, "panicked": o.panicked, "counts": o.counts});
        fs::write(
            dir.join(format!("{}.got.json", a.id)),
            serde_json::to_string_pretty(&got)? + "\n",
        )?;
        index.push_str(&format!(
            "{}\t{}\t{}\t{:.2}\t{:.2}\t{:.2}\t{}\n",
            a.id,
            a.format.name(),
            a.class.chrome.join(","),
            o.counts.entries().2,
            o.counts.mentions().2,
            o.counts.songs().2,
            o.error.as_deref().unwrap_or("")
        ));
    }
    fs::write(dir.join("index.tsv"), index)?;
    Ok(())
}
