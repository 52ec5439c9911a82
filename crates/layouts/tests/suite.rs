//! The generator is deterministic, its answers are consistent with the bytes, the scorer agrees
//! with itself, and the reader survives the whole suite.

use std::collections::BTreeSet;
use std::time::Duration;

use needledrop_layouts::facts::FILMS;
use needledrop_layouts::families::FAMILIES;
use needledrop_layouts::lang::LANGS;
use needledrop_layouts::score::{as_list, score};
use needledrop_layouts::suite::run_one_with_timeout;
use needledrop_layouts::{generate, norm, Article, ExpectedOrder, SuiteOptions};

fn small(seed: u64) -> Vec<Article> {
    generate(&SuiteOptions {
        seed,
        per_class: 2,
        ..SuiteOptions::default()
    })
}

/// The article's text as a reader would see it (HTML entities decoded).
fn visible(a: &Article) -> String {
    a.text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = small(7);
    let b = small(7);
    assert_eq!(a.len(), FAMILIES.len() * LANGS.len() * 2);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.id, y.id);
        assert_eq!(x.text, y.text, "{}", x.id);
        assert_eq!(x.expected, y.expected, "{}", x.id);
    }
    let c = small(8);
    let differ = a.iter().zip(&c).filter(|(x, y)| x.text != y.text).count();
    assert!(
        differ > a.len() / 2,
        "only {differ} articles changed with the seed"
    );
}

#[test]
fn filtering_does_not_change_the_remaining_articles() {
    let all = small(3);
    let some = generate(&SuiteOptions {
        seed: 3,
        per_class: 2,
        families: vec!["ties".into()],
        langs: vec!["de".into()],
        formats: Vec::new(),
    });
    assert_eq!(some.len(), 2);
    for a in &some {
        let same = all
            .iter()
            .find(|b| b.id == a.id)
            .expect("article in full suite");
        assert_eq!(same.text, a.text);
    }
}

#[test]
fn every_expected_string_is_printed() {
    for a in small(11) {
        let text = visible(&a);
        for e in &a.expected.entries {
            assert!(
                text.contains(&e.title),
                "{}: entry {:?} not printed",
                a.id,
                e.title
            );
            if let Some(y) = e.year {
                assert!(
                    text.contains(&y.to_string()),
                    "{}: year {y} not printed",
                    a.id
                );
            }
        }
        for m in &a.expected.mentions {
            assert!(
                text.contains(m.as_str()),
                "{}: mention {m:?} not printed",
                a.id
            );
        }
        for s in &a.expected.songs {
            assert!(
                text.contains(&s.title),
                "{}: song {:?} not printed",
                a.id,
                s.title
            );
            if let Some(artist) = &s.artist {
                assert!(
                    text.contains(artist.as_str()),
                    "{}: artist {artist:?} not printed",
                    a.id
                );
            }
        }
    }
}

#[test]
fn expectations_are_well_formed() {
    for a in small(5) {
        let e = &a.expected;
        match e.order {
            ExpectedOrder::Unranked => {
                assert!(e.entries.is_empty(), "{}", a.id);
                assert!(!e.mentions.is_empty(), "{}", a.id);
            }
            _ => assert!(
                e.entries.len() >= 5,
                "{}: {} entries",
                a.id,
                e.entries.len()
            ),
        }
        // No normalized song title twice, no entry film also a mention.
        let songs: BTreeSet<String> = e.songs.iter().map(|s| norm(&s.title, false)).collect();
        assert_eq!(songs.len(), e.songs.len(), "{}", a.id);
        for m in &e.mentions {
            assert!(
                !e.entries.iter().any(|x| &x.title == m),
                "{}: {m} both",
                a.id
            );
        }
        // Ties are flagged on every entry that shares a rank, and only there.
        for x in &e.entries {
            let shared = e.entries.iter().filter(|y| y.rank == x.rank).count() > 1;
            assert_eq!(shared, x.tied, "{}: rank {}", a.id, x.rank);
        }
        // Counting up or down as labelled (ties and gaps allowed).
        let ranks: Vec<u32> = e.entries.iter().map(|x| x.rank).collect();
        match e.order {
            ExpectedOrder::Ascending => assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{}", a.id),
            ExpectedOrder::Descending => {
                assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{}", a.id)
            }
            ExpectedOrder::Unranked => {}
        }
    }
}

#[test]
fn every_family_and_language_and_format_is_covered() {
    let a = generate(&SuiteOptions {
        seed: 1,
        per_class: 3,
        ..SuiteOptions::default()
    });
    let fams: BTreeSet<&str> = a.iter().map(|x| x.class.family).collect();
    let langs: BTreeSet<&str> = a.iter().map(|x| x.class.lang).collect();
    let formats: BTreeSet<_> = a.iter().map(|x| x.format).collect();
    assert_eq!(fams.len(), FAMILIES.len());
    assert!(fams.len() >= 15);
    assert_eq!(langs.len(), 7);
    assert_eq!(formats.len(), 3);
    let chrome: BTreeSet<&str> = a
        .iter()
        .flat_map(|x| x.class.chrome.iter().copied())
        .collect();
    assert!(chrome.len() >= 10, "{chrome:?}");
    let styles: BTreeSet<&str> = a.iter().filter_map(|x| x.class.mentions).collect();
    assert_eq!(styles.len(), 5, "{styles:?}");
}

#[test]
fn gold_against_itself_scores_one_and_perturbations_drop() {
    for a in small(13) {
        let gold = as_list(&a.expected);
        let c = score(&a.expected, Some(&gold));
        assert_eq!(c.entries().2, 1.0, "{}", a.id);
        assert_eq!(c.mentions().2, 1.0, "{}", a.id);
        assert_eq!(c.songs().2, 1.0, "{}", a.id);
        assert_eq!(c.order_ok, 1);
        if c.a_n > 0 {
            assert_eq!(c.artists(), Some(1.0));
        }
        if let Some(y) = c.years() {
            assert_eq!(y, 1.0);
        }
        if let Some(z) = c.sizes() {
            assert_eq!(z, 1.0);
        }

        let mut worse = gold.clone();
        if let Some(e) = worse.entries.first_mut() {
            e.rank = needledrop_model::Rank::new(e.rank.get() + 100).unwrap();
            assert!(
                score(&a.expected, Some(&worse)).entries().2 < 1.0,
                "{}",
                a.id
            );
        }
        let mut worse = gold.clone();
        if !worse.songs.is_empty() {
            worse.songs.pop();
            assert!(score(&a.expected, Some(&worse)).songs().2 < 1.0, "{}", a.id);
        }
        let mut worse = gold.clone();
        if let Some(s) = worse.songs.iter_mut().find(|s| s.artist.is_some()) {
            s.artist = Some("Nobody In Particular".into());
            assert!(
                score(&a.expected, Some(&worse)).artists().unwrap() < 1.0,
                "{}",
                a.id
            );
        }
        let mut worse = gold.clone();
        worse.mentions.push(needledrop_model::Mention {
            title: "A Film Nobody Made".into(),
            year: None,
        });
        assert!(
            score(&a.expected, Some(&worse)).mentions().2 < 1.0,
            "{}",
            a.id
        );
        let none = score(&a.expected, None);
        assert_eq!(none.errors, 1);
    }
}

#[test]
fn case_and_punctuation_do_not_matter_when_scoring() {
    let a = &small(2)[0];
    let mut gold = as_list(&a.expected);
    for e in &mut gold.entries {
        e.title = format!("  {}. ", e.title.to_uppercase());
    }
    assert_eq!(score(&a.expected, Some(&gold)).entries().2, 1.0);
}

#[test]
fn song_titles_are_unique_across_the_pool() {
    let mut seen = BTreeSet::new();
    for f in FILMS {
        for (s, _) in f.songs {
            assert!(seen.insert(norm(s, false)), "song {s:?} twice");
        }
        for c in f.cues {
            assert!(seen.insert(norm(c, false)), "cue {c:?} twice");
        }
    }
    let titles: BTreeSet<String> = FILMS.iter().map(|f| norm(f.title, false)).collect();
    assert_eq!(titles.len(), FILMS.len(), "a film title twice");
}

/// Runs the current reader over one article per class. Scores are printed, not asserted: the
/// reader is being rewritten; this only guards against panics.
#[test]
fn the_reader_does_not_panic_on_the_suite() {
    let articles = generate(&SuiteOptions {
        seed: 21,
        per_class: 1,
        ..SuiteOptions::default()
    });
    let mut panics = Vec::new();
    let mut total = needledrop_layouts::Counts::default();
    for a in &articles {
        let o = run_one_with_timeout(a, Duration::from_secs(60));
        let error = o.error.clone().unwrap_or_default();
        if o.panicked || error.starts_with("timed out") {
            panics.push(format!("{}: {error}", a.id));
        }
        total.add(&o.counts);
    }
    eprintln!(
        "layout suite sample: {} articles, entries F1 {:.2}, mentions F1 {:.2}, songs F1 {:.2}",
        total.articles,
        total.entries().2,
        total.mentions().2,
        total.songs().2
    );
    assert!(
        panics.is_empty(),
        "the reader panicked or hung on: {panics:#?}"
    );
}

/// Every expected rank is printed as digits, except where the page leaves numbering to an HTML
/// `<ol>` (then the position is the rank).
#[test]
fn ranks_are_printed_unless_an_html_list_numbers_them() {
    for a in small(17) {
        if a.class.family == "ol-digits" && a.format == needledrop_layouts::DocFormat::Html {
            assert!(a.text.contains("<ol"), "{}", a.id);
            continue;
        }
        for e in &a.expected.entries {
            assert!(
                a.text.contains(&e.rank.to_string()),
                "{}: rank {} not printed",
                a.id,
                e.rank
            );
        }
    }
}
