//! The sample articles under `data/articles/` against their expected lists in
//! `tests/expected/`, plus edge-case fixtures under `tests/fixtures/articles/`.
//!
//! Expected files hold the `--dry-run --json` shape plus `credit`, `declared_size`, `outlet` and
//! `author`. After a deliberate change to the reader, regenerate them with
//! `NEEDLEDROP_BLESS=1 cargo test -p needledrop-extract --test articles` and review the diff.

use needledrop_extract::{extract, ExtractError, ExtractOptions};
use needledrop_model::{List, SongCitation};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Result<List, ExtractError> {
    let bytes = std::fs::read(path).expect("readable fixture");
    let options = ExtractOptions {
        format: None,
        file_name: path.file_name().and_then(|n| n.to_str()).map(String::from),
    };
    let mut extraction = extract(&bytes, &options)?;
    Ok(extraction.lists.remove(0))
}

fn songs_json(songs: &[SongCitation]) -> Value {
    Value::Array(
        songs
            .iter()
            .map(|s| json!({"title": s.title, "artist": s.artist}))
            .collect(),
    )
}

/// The comparable view of a list.
fn view(list: &List) -> Value {
    json!({
        "title": list.title,
        "outlet": list.outlet,
        "author": list.author,
        "order": list.order.as_str(),
        "declared_size": list.declared_size,
        "entries": list.entries.iter().map(|e| json!({
            "rank": e.rank.get(),
            "tied": e.tied,
            "title": e.title,
            "year": e.year.map(|y| y.get()),
            "credit": e.credit,
            "songs": songs_json(&e.songs),
        })).collect::<Vec<_>>(),
        "mentions": list.mentions.iter().map(|m| json!({"title": m.title, "year": m.year.map(|y| y.get())})).collect::<Vec<_>>(),
        "songs": songs_json(&list.songs),
        "notes": list.notes,
        "warnings": list.warnings,
    })
}

fn sample_articles() -> Vec<PathBuf> {
    let dir = manifest().join("../../data/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("data/articles exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "md" | "html")
            )
        })
        .collect();
    paths.sort();
    paths
}

#[test]
fn sample_articles_match_their_expected_lists() {
    let articles = sample_articles();
    assert!(articles.len() >= 6, "six to nine sample articles");
    let bless = std::env::var_os("NEEDLEDROP_BLESS").is_some();
    let mut failures = Vec::new();
    for path in articles {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let list = read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            (8..=15).contains(&list.entries.len()),
            "{name}: 8 to 15 entries"
        );
        let got = view(&list);
        let expected_path = manifest()
            .join("tests/expected")
            .join(format!("{name}.json"));
        if bless {
            let text = serde_json::to_string_pretty(&got).expect("serialises") + "\n";
            std::fs::write(&expected_path, text).expect("expected file writable");
            continue;
        }
        let expected: Value = serde_json::from_slice(
            &std::fs::read(&expected_path)
                .unwrap_or_else(|_| panic!("{name}: no {}", expected_path.display())),
        )
        .expect("expected file is JSON");
        if got != expected {
            failures.push(format!(
                "{name}:\n got: {}\n",
                serde_json::to_string_pretty(&got).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fixture(name: &str) -> PathBuf {
    manifest().join("tests/fixtures/articles").join(name)
}

fn titles(list: &List) -> Vec<(u32, bool, String)> {
    list.entries
        .iter()
        .map(|e| (e.rank.get(), e.tied, e.title.clone()))
        .collect()
}

#[test]
fn gaps_and_duplicates_are_kept_with_warnings() {
    let list = read(&fixture("gaps-and-duplicates.txt")).expect("reads");
    assert_eq!(
        titles(&list),
        [
            (6, false, "Juno".to_string()),
            (4, false, "Once".to_string()),
            (3, true, "Drive".to_string()),
            (3, true, "Shaft".to_string()),
            (2, false, "Superfly".to_string()),
        ]
    );
    assert_eq!(list.warnings.len(), 2, "{:?}", list.warnings);
    assert!(list.warnings[0].contains("ranked 5"));
    assert!(list.warnings[1].contains("rank 3 is printed twice"));
}

#[test]
fn counting_up_is_detected() {
    let list = read(&fixture("ascending.md")).expect("reads");
    assert_eq!(list.order.as_str(), "ascending");
    let ranks: Vec<u32> = list.entries.iter().map(|e| e.rank.get()).collect();
    assert_eq!(ranks, [1, 2, 3]);
}

#[test]
fn unicode_crlf_bom_and_nbsp() {
    let list = read(&fixture("unicode-crlf.txt")).expect("reads");
    let got: Vec<String> = list.entries.iter().map(|e| e.title.clone()).collect();
    assert_eq!(
        got,
        ["Amélie", "O Brother, Where Art Thou?", "Romeo + Juliet"]
    );
    assert_eq!(list.entries[0].songs[0].title, "Comptine d’un autre été");
    assert_eq!(list.entries[0].line, Some(3));
}

#[test]
fn prose_without_a_list_is_no_entries() {
    for name in ["no-entries.txt", "no-entries.html"] {
        match read(&fixture(name)) {
            Err(ExtractError::NoEntries) => {}
            other => panic!("{name}: expected NoEntries, got {other:?}"),
        }
    }
}

#[test]
fn html_ordered_list_inside_nav_is_ignored() {
    let list = read(&fixture("nav-list.html")).expect("reads");
    let got: Vec<String> = list.entries.iter().map(|e| e.title.clone()).collect();
    assert_eq!(got, ["Shaft", "Superfly", "Drive"]);
    assert!(list.entries.iter().all(|e| !e.blurb.contains("Sponsored")));
}

/// ~5 MB in the test (debug build, so it is slow on purpose only in size); the 50 MB case is in
/// the `extract_throughput` benchmark.
#[test]
fn a_five_megabyte_article_is_read() {
    let mut text = String::from("A Very Long List\n\n");
    let n = 10_000;
    for i in 0..n {
        let rank = n - i;
        text.push_str(&format!(
            "{rank}. Film {rank} ({})\n\nA 1999 film. \"Song {rank}\" by The Band and \"Other\" too; it was heard in \"Some Film\" and {}.\n\n",
            1900 + rank % 100,
            "more prose about the music ".repeat(15)
        ));
    }
    assert!(text.len() > 5_000_000);
    let list = needledrop_extract::article::read_text(&text).expect("reads");
    assert_eq!(list.entries.len(), n as usize);
    assert_eq!(list.entries[0].songs.len(), 2);
}

mod never_panics {
    use needledrop_extract::article::{read_html, read_markdown, read_text};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any text, heavy in the characters the readers look at, reads or fails cleanly.
        #[test]
        fn on_arbitrary_text(s in "(?s)[\\PC\"'“”‘’#*_\\-\\n0-9. ()<>/=T:—é\u{a0}\\[\\]!]{0,400}") {
            let _ = read_text(&s);
            let _ = read_markdown(&s);
            let _ = read_html(&s);
        }

        /// Lists with random titles and ranks, quotes and years inside, still never panic.
        #[test]
        fn on_list_shaped_text(
            rows in proptest::collection::vec(("[0-9]{1,3}", "[=T-]?", "[.):—]", "\\PC{0,30}", "\\PC{0,80}"), 0..20)
        ) {
            let mut doc = String::new();
            for (rank, tie, sep, title, blurb) in rows {
                doc.push_str(&format!("{tie}{rank}{sep} {title}\n\n{blurb}\n\n"));
            }
            let _ = read_text(&doc);
            let _ = read_markdown(&doc);
            let _ = read_html(&format!("<ol><li>{doc}</li></ol>"));
        }

        /// The layouts the reader now understands (ranks alone, labels after titles, table
        /// rows, quotes of every script, mention labels, credits), shuffled, never panic.
        #[test]
        fn on_layout_shaped_text(
            rows in proptest::collection::vec((
                "(#|Rang: |No\\. |)[0-9]{1,3}(位|\\||-|\\.|)",
                "[«„「‹“‘'\"]?\\PC{0,20}[»“」›”’'\"]?",
                "( – | — |, |: | \\(from |\\|)",
                "\\PC{0,24}\\)?( \\([0-9]{4}\\))?",
                "(Honorable mentions: |Mentions honorables : |by |in no particular order |)\\PC{0,40}",
            ), 0..16)
        ) {
            let mut text = String::new();
            let mut html = String::from("<table>");
            for (rank, a, sep, b, tail) in &rows {
                text.push_str(&format!("{rank} {a}{sep}{b}\n{tail}\n\n"));
                html.push_str(&format!("<tr><td>{rank}</td><td>{a}</td><td>{b}</td></tr>"));
            }
            html.push_str("</table>");
            for (rank, a, sep, b, tail) in &rows {
                html.push_str(&format!("<div>{rank}</div><h3>{a}{sep}<em>{b}</em></h3><p>{tail}</p>"));
            }
            let _ = read_text(&text);
            let _ = read_markdown(&text);
            let _ = read_html(&html);
        }
    }
}

#[test]
fn absurdly_nested_html_is_refused_quickly() {
    let html = "<div>".repeat(200_000) + "<ol><li>A</li><li>B</li></ol>";
    match needledrop_extract::article::read_html(&html) {
        Err(ExtractError::Invalid(message)) => assert!(message.contains("levels deep")),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn unnumbered_headings_beat_a_numbered_related_list_when_the_order_is_disowned() {
    let html = r#"<html><body><article><h1>Six scores we keep coming back to</h1>
<p>This is not a ranking: the films are listed in no particular order.</p>
<h2>Aurora Line (1991)</h2><p>Composer: Mara Holt</p><p>Strings over a night train.</p>
<h2>Glass Harbor (2004)</h2><p>Composer: Ivo Brandt</p><p>A harbour in fog, scored for celesta.</p>
<div class="related"><p><strong>Read also</strong></p><ol>
<li><a href="x">12 songs that saved a film</a></li><li><a href="y">7 horror scores</a></li>
<li><a href="z">5 sequels that beat the original</a></li></ol></div>
<h2>Paper Comets (2012)</h2><p>Composer: Lena Ortiz</p><p>Synths that never sit still.</p>
<h2>Salt Road (1979)</h2><p>Composer: Tom Reyes</p><p>A desert, a harmonica, a long wait.</p>
</article></body></html>"#;
    let options = ExtractOptions {
        format: None,
        file_name: Some("unranked.html".to_string()),
    };
    let list = extract(html.as_bytes(), &options)
        .expect("readable")
        .lists
        .remove(0);
    assert_eq!(list.order, needledrop_model::Order::Unranked);
    assert!(list.entries.is_empty());
    let mentions: Vec<&str> = list.mentions.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        mentions,
        vec!["Aurora Line", "Glass Harbor", "Paper Comets", "Salt Road"]
    );
}
