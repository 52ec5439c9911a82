//! `needledrop publish article` and `needledrop publish export`: the article for the bundled
//! sample data and for the two seeds (snapshots), its determinism and options, its errors, and
//! the exports (Letterboxd, playlists, PrefLib that reads back into the same consensus).

use crate::support::{args, array, assert_says, seed, Csv, Expect, Sandbox, SEEDS};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A sandbox holding the bundled sample data, as `needledrop demo` ingests it.
fn sample() -> Sandbox {
    let sb = Sandbox::new();
    sb.run(args!["demo", "--top", "1", "--save", sb.db()]);
    sb
}

fn article(sb: &Sandbox, extra: &[&str]) -> String {
    sb.cmd().args(["publish", "article"]).args(extra).succeeds()
}

/// The entry headings (`## 3. Film (Year)`) of a Markdown article, top of the page first.
fn entry_headings(md: &str) -> Vec<&str> {
    md.lines()
        .filter(|l| l.starts_with("## ") && l[3..].starts_with(|c: char| c.is_ascii_digit()))
        .collect()
}

/// The article with the words it quotes from the lists replaced by their length and digest:
/// the seeds' text stays out of the repository, and a change in what is quoted still shows.
fn without_quotations(md: &str) -> String {
    let mut out = String::new();
    for line in md.lines() {
        let quoted = line.starts_with("> \u{201c}") || line.starts_with("- ");
        match (quoted, line.find('\u{201c}'), line.rfind('\u{201d}')) {
            (true, Some(a), Some(b)) if a < b => {
                let words = &line[a + '\u{201c}'.len_utf8()..b];
                let digest = hex(&Sha256::digest(words.as_bytes())[..6]);
                out.push_str(&format!(
                    "{}\u{201c}[{} words, sha256 {digest}]\u{201d}{}",
                    &line[..a],
                    words.split_whitespace().count(),
                    &line[b + '\u{201d}'.len_utf8()..]
                ));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_sample_data_article_matches_its_snapshot() {
    let sb = sample();
    let md = article(&sb, &[]);
    assert!(md.starts_with("# The 25 best movie soundtracks of all time, according to "));
    assert_eq!(entry_headings(&md).len(), 25, "{md}");
    insta::assert_snapshot!("sample_article_md", md);
}

#[test]
fn the_two_seeds_article_matches_its_snapshot_and_quotes_them_faithfully() {
    let sb = Sandbox::new();
    sb.ingest_seeds();
    let md = article(&sb, &[]);
    assert!(
        md.starts_with("# The 25 best movie soundtracks of all time, according to 2 lists\n"),
        "{md}"
    );
    // Every quotation is the seed's own words (at most 25) and names its source.
    let seeds: String = SEEDS
        .iter()
        .map(|s| std::fs::read_to_string(seed(s)).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let folded = seeds.split_whitespace().collect::<Vec<_>>().join(" ");
    let quotes: Vec<&str> = md.lines().filter(|l| l.starts_with("> ")).collect();
    assert!(quotes.len() >= 10, "{md}");
    for q in quotes {
        let words = q
            .trim_start_matches("> \u{201c}")
            .split('\u{201d}')
            .next()
            .unwrap()
            .trim_end_matches('…');
        assert!(words.split_whitespace().count() <= 25, "{q}");
        let plain = words.replace('\\', "").replace("&amp;", "&");
        assert!(folded.contains(&plain), "not the seed's words: {q}");
        assert!(q.contains(" \u{2014} "), "no attribution: {q}");
    }
    insta::assert_snapshot!("seeds_article_md", without_quotations(&md));
}

#[test]
fn the_article_is_the_same_bytes_every_time_in_both_formats() {
    let sb = sample();
    for format in ["md", "html"] {
        let first = article(&sb, &["--format", format]);
        let second = article(&sb, &["--format", format]);
        assert_eq!(first, second, "{format}");
    }
}

#[test]
fn top_and_honorable_choose_how_many_films_are_shown() {
    let sb = sample();
    let md = article(&sb, &["--top", "5", "--honorable", "3"]);
    assert!(md.starts_with("# The 5 best movie soundtracks"), "{md}");
    let headings = entry_headings(&md);
    // Counting down: #5 first, #1 last.
    assert_eq!(headings.len(), 5);
    assert!(headings[0].starts_with("## 5"), "{headings:?}");
    assert!(headings[4].starts_with("## 1"), "{headings:?}");
    let honorable = md.split("## Honorable mentions\n\n").nth(1).unwrap();
    let names: Vec<&str> = honorable
        .lines()
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(names.len(), 3, "{md}");
    // The films shown are the consensus's, in its order.
    let ranked = sb.ranked_items();
    assert!(
        headings[4].ends_with(&ranked[0]),
        "{} vs {}",
        headings[4],
        ranked[0]
    );
    assert_eq!(names[0], format!("- {}", ranked[5]));
    sb.fails_with(["publish", "article", "--top", "0"], 2, "--top");
}

#[test]
fn the_article_follows_the_ranking_options() {
    let sb = sample();
    let md = article(
        &sb,
        &["--method", "schulze", "--top", "3", "--bootstrap", "0"],
    );
    assert_says(&md, &["schulze", "No bootstrap ran"]);
    let ranked = array(&sb.rank_json(["--method", "schulze"])["rows"])[0]["item"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(entry_headings(&md)[2].ends_with(&ranked), "{md}");
    sb.fails_with(["publish", "article", "--method", "nope"], 2, "nope");
    let policy = crate::support::data_dir().join("policies/no-musicals.toml");
    let md = sb.run(args![
        "publish", "article", "--policy", policy, "--top", "3"
    ]);
    assert_says(&md, &["Eligibility (", "films were excluded: "]);
    assert!(!md.contains("No eligibility rules were applied"), "{md}");
}

#[test]
fn an_empty_database_is_a_clear_error() {
    let sb = Sandbox::new();
    let err = sb.fails_with(["publish", "article"], 2, "no lists stored yet");
    assert_says(&err, &["needledrop ingest"]);
    sb.fails_with(
        ["publish", "export", "--format", "m3u"],
        2,
        "no lists stored yet",
    );
}

#[test]
fn out_writes_the_same_bytes_and_a_missing_folder_writes_nothing() {
    let sb = sample();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("article.html");
    sb.run(args![
        "publish", "article", "--format", "html", "--out", file
    ]);
    let stdout = article(&sb, &["--format", "html"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout);
    // Only the article: no temporary file left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    #[cfg(unix)]
    {
        // Readable by others, like any file the user writes, not a temporary file's 0600.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "{mode:o}");
    }

    let missing = dir.path().join("no-such-folder").join("article.md");
    sb.fails_with(
        args!["publish", "article", "--out", missing],
        2,
        "does not exist",
    );
    assert!(!missing.parent().unwrap().exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A list whose text tries to be markup in every place the article shows text.
const HOSTILE: &str = r#"{
  "title": "<script>alert('title')</script> *bold* [link](javascript:x)",
  "outlet": "Evil <b>Outlet</b> | pipe",
  "url": "javascript:alert(1)",
  "order": "ascending",
  "notes": ["Only films with <img src=x onerror=alert(1)> qualify."],
  "entries": [
    { "rank": 1, "title": "=HYPERLINK(\"http://x\")", "blurb": "A <script>bad()</script> blurb & more." },
    { "rank": 2, "title": "Pulp Fiction", "year": 1994, "blurb": "Surf rock [x](javascript:y)." }
  ]
}"#;

#[test]
fn text_from_documents_is_escaped_in_html_and_markdown() {
    let sb = Sandbox::new();
    sb.ingest(&[sb.write("hostile.json", HOSTILE)]);
    let html = article(&sb, &["--format", "html"]);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(
        !html.contains("javascript:alert"),
        "no link to a script: {html}"
    );
    assert_says(&html, &["&lt;script&gt;"]);
    let md = article(&sb, &[]);
    assert!(!md.contains("<script"), "{md}");
    // Escaped brackets make no link.
    assert!(!md.contains("link](javascript"), "{md}");
    assert!(!md.contains("[x](javascript"), "{md}");
    assert!(!md.contains(" *bold*"), "{md}");
    assert_says(&md, &["&lt;script&gt;", "\\*bold\\*"]);
    // The CSV exports neutralise the formula.
    for format in ["letterboxd", "csv"] {
        let csv = Csv::parse(&sb.run(["publish", "export", "--format", format]));
        let names = csv
            .rows
            .iter()
            .map(|r| r.join(","))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(names.contains("'=HYPERLINK"), "{format}: {names}");
    }
}

#[test]
fn letterboxd_export_is_the_chart_with_imdb_ids() {
    let sb = sample();
    let csv = Csv::parse(&sb.run(["publish", "export", "--format", "letterboxd", "--top", "10"]));
    assert_eq!(csv.header, ["Position", "Name", "Year", "imdbID"]);
    assert_eq!(csv.rows.len(), 10);
    let rows = sb.ranked_rows();
    for (got, want) in csv.rows.iter().zip(&rows) {
        assert_eq!(got[0], want["rank"].to_string());
        assert_eq!(got[1], want["title"].as_str().unwrap());
        assert_eq!(got[3], want["imdb_id"].as_str().unwrap_or(""));
    }
    assert!(
        csv.column(3).iter().any(|id| id.starts_with("tt")),
        "{csv:?}"
    );
}

#[test]
fn csv_and_json_exports_are_the_consensus() {
    let sb = sample();
    let json = sb.run_json(["publish", "export", "--format", "json"]);
    assert_eq!(json["rows"], sb.rank_json(["--top", "1000"])["rows"]);
    let csv = sb.run(["publish", "export", "--format", "csv"]);
    assert_eq!(csv, sb.run(["rank", "--format", "csv"]));
    // With a bootstrap, the intervals and P(top 10) too.
    let boot = ["--format", "csv", "--bootstrap", "20", "--seed", "3"];
    let exported = sb.cmd().args(["publish", "export"]).args(boot).succeeds();
    assert!(exported
        .lines()
        .next()
        .unwrap()
        .ends_with("rank_low,rank_high,prob_top_n"));
    assert_eq!(exported, sb.cmd().arg("rank").args(boot).succeeds());
}

#[test]
fn playlists_list_the_most_cited_songs() {
    let sb = sample();
    let songs = sb.run_json(["songs", "--json"]);
    let songs = array(&songs);
    let m3u = sb.run(["publish", "export", "--format", "m3u", "--top", "5"]);
    let lines: Vec<&str> = m3u.lines().collect();
    assert_eq!(lines[0], "#EXTM3U");
    let infos: Vec<&&str> = lines.iter().filter(|l| l.starts_with("#EXTINF:")).collect();
    assert_eq!(infos.len(), 5);
    let first = &songs[0];
    assert!(
        infos[0].ends_with(first["title"].as_str().unwrap()),
        "{m3u}"
    );
    // Every entry has a location line after its tags.
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("https://")).count(),
        5,
        "{m3u}"
    );
    let xspf = sb.run(["publish", "export", "--format", "xspf"]);
    assert!(xspf.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<playlist"));
    assert_eq!(xspf.matches("<track>").count(), songs.len());
    assert_eq!(xspf.matches("</track>").count(), songs.len());
    assert!(!xspf.contains("& "), "raw ampersand: {xspf}");
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// (item, rank, score) of every row, in a stable order.
fn chart(sb: &Sandbox) -> Vec<(String, i64, String)> {
    let mut rows: Vec<_> = sb
        .ranked_rows()
        .iter()
        .map(|r| {
            (
                r["item"].as_str().unwrap().to_string(),
                r["rank"].as_i64().unwrap(),
                format!("{:.6}", r["score"].as_f64().unwrap()),
            )
        })
        .collect();
    rows.sort();
    rows
}

fn assert_preflib_round_trip(sb: &Sandbox) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("preflib");
    sb.run(args![
        "publish", "export", "--format", "preflib", "--out", out
    ]);
    let files = files_in(&out);
    assert!(!files.is_empty());
    for f in &files {
        let ext = f.extension().unwrap().to_str().unwrap();
        assert!(ext == "soi" || ext == "toi", "{}", f.display());
    }
    let fresh = Sandbox::new();
    fresh.ingest(&files);
    assert_eq!(chart(&fresh), chart(sb));
    assert_eq!(
        array(&fresh.lists_json()).len(),
        array(&sb.lists_json()).len()
    );
    // The folder is new: exporting into it again is refused, not merged.
    sb.fails_with(
        args!["publish", "export", "--format", "preflib", "--out", out],
        2,
        "exists already",
    );
}

#[test]
fn preflib_export_of_the_sample_data_reads_back_into_the_same_consensus() {
    assert_preflib_round_trip(&sample());
}

#[test]
fn preflib_export_of_the_seeds_reads_back_into_the_same_consensus() {
    let sb = Sandbox::new();
    sb.ingest_seeds();
    assert_preflib_round_trip(&sb);
}

#[test]
fn preflib_export_needs_a_new_folder() {
    let sb = sample();
    sb.fails_with(["publish", "export", "--format", "preflib"], 2, "--out DIR");
}
