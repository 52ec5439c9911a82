//! Page chrome: the furniture around a list (menus, banners, related links, comments, pagers).
//!
//! Nothing added here is part of the expected reading; much of it is numbered on purpose, so
//! that a reader must tell the list from competing sequences.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::doc::{t, Block, DocFormat, Span};
use crate::facts::{localized, FILMS};
use crate::families::Body;
use crate::lang::{fill, Lang, AUTHORS};

/// Every chrome variant, by name.
pub const CHROME: &[&str] = &[
    "nav",
    "breadcrumbs",
    "byline",
    "cookie",
    "toc",
    "captions",
    "ads",
    "related-ol",
    "sidebar",
    "comments",
    "pager",
    "newsletter",
    "inline-related",
    "poll",
    "item-wrappers",
    "scripts",
    "site-skeleton",
];

/// Picks 2–6 chrome variants (sorted in [`CHROME`] order) that the body and format allow.
pub fn pick(rng: &mut ChaCha8Rng, body: &Body, format: DocFormat) -> Vec<&'static str> {
    let k = rng.gen_range(2..=6);
    let allowed: Vec<&'static str> = CHROME
        .iter()
        .copied()
        .filter(|c| !body.no_chrome.contains(c))
        .filter(|c| {
            format == DocFormat::Html
                || !matches!(*c, "scripts" | "item-wrappers" | "site-skeleton")
        })
        .collect();
    let mut chosen: Vec<&'static str> = allowed.choose_multiple(rng, k).copied().collect();
    chosen.sort_by_key(|c| CHROME.iter().position(|x| x == c));
    chosen
}

fn related_items(rng: &mut ChaCha8Rng, lang: &Lang, k: usize) -> Vec<String> {
    (0..k)
        .map(|_| {
            let n = rng.gen_range(5..=50).to_string();
            fill(lang.related_items.choose(rng).unwrap(), &[("n", &n)])
        })
        .collect()
}

/// Assembles the page: chrome before, the headline, the body, chrome after.
pub fn assemble(
    rng: &mut ChaCha8Rng,
    lang: &Lang,
    body: &Body,
    chrome: &[&'static str],
) -> Vec<Block> {
    let has = |c: &str| chrome.contains(&c);
    let mut out = Vec::new();
    if has("scripts") {
        let words = rng.gen_range(800..=4000);
        out.push(Block::RawHtml(format!(
            "<script type=\"application/ld+json\">{{\"@type\":\"Article\",\"headline\":\"{}\",\"wordCount\":{words},\"position\":[1,2,3,4,5]}}</script>",
            body.title.replace('"', "'")
        )));
        out.push(Block::RawHtml(
            "<style>.listicle-item h2{margin:0 0 12px} ol li{padding:2px 4px}</style>".into(),
        ));
    }
    if has("cookie") {
        out.push(Block::Div(
            "cookie-banner".into(),
            vec![Block::Para(t(lang.cookie))],
        ));
    }
    if has("nav") {
        let mut spans = Vec::new();
        for (i, item) in lang.nav.iter().enumerate() {
            if i > 0 {
                spans.push(Span::Text(" | ".into()));
            }
            spans.push(Span::Link(item.to_string()));
        }
        out.push(Block::Div("nav".into(), vec![Block::Para(spans)]));
    }
    if has("breadcrumbs") {
        out.push(Block::Para(vec![
            Span::Link(lang.nav[0].to_string()),
            Span::Text(" › ".into()),
            Span::Link(lang.nav[2].to_string()),
            Span::Text(" › ".into()),
            Span::Link(lang.nav[3].to_string()),
        ]));
    }
    let mut main = Vec::new();
    main.push(Block::Heading(1, t(body.title.clone())));
    if has("byline") {
        let author = AUTHORS.choose(rng).unwrap();
        let day = rng.gen_range(1..=28);
        let month = rng.gen_range(1..=12);
        let year = rng.gen_range(2012..=2025);
        main.push(Block::Para(t(format!(
            "{} · {year}-{month:02}-{day:02} · {} min",
            fill(lang.byline, &[("author", author)]),
            rng.gen_range(3..=15)
        ))));
    }
    if has("toc") && !body.heads.is_empty() {
        let items: Vec<_> = body
            .heads
            .iter()
            .map(|h| vec![Span::Link(h.clone())])
            .collect();
        let numbered_heads = body.heads[0].starts_with(|c: char| c.is_ascii_digit());
        let list = if numbered_heads || rng.gen_bool(0.5) {
            Block::Bullets(items)
        } else {
            Block::Ordered {
                start: 1,
                reversed: false,
                items,
            }
        };
        main.push(Block::Div(
            "toc".into(),
            vec![Block::Para(t(lang.toc)), list],
        ));
    }
    main.extend(body.top.iter().cloned());
    for (i, chunk) in body.entries.iter().enumerate() {
        if has("captions") {
            if let Some(film) = body.films.get(i) {
                main.push(Block::Figure(fill(lang.caption, &[("film", film)])));
            }
        }
        if has("item-wrappers") {
            main.push(Block::Div("listicle-item".into(), chunk.clone()));
        } else {
            main.extend(chunk.iter().cloned());
        }
        if has("ads") && i % 4 == 2 && i + 1 < body.entries.len() {
            main.push(Block::Div("ad-slot".into(), vec![Block::Para(t(lang.ad))]));
        }
        if has("inline-related") && i == 1 && body.entries.len() > 3 {
            let items = related_items(rng, lang, 3)
                .into_iter()
                .map(|s| vec![Span::Link(s)])
                .collect();
            main.push(Block::Div(
                "read-also".into(),
                vec![
                    Block::Para(vec![Span::Strong(lang.related[0].to_string())]),
                    Block::Ordered {
                        start: 1,
                        reversed: false,
                        items,
                    },
                ],
            ));
        }
    }
    main.extend(body.bottom.iter().cloned());
    if has("pager") {
        let pages = rng.gen_range(2..=5);
        main.push(Block::Para(t(fill(
            lang.page_of,
            &[("i", "1"), ("n", &pages.to_string())],
        ))));
        let mut spans = Vec::new();
        for p in 1..=pages {
            spans.push(Span::Link(p.to_string()));
            spans.push(Span::Text(" ".into()));
        }
        spans.push(Span::Link(lang.next_page.to_string()));
        main.push(Block::Para(spans));
    }
    if has("site-skeleton") {
        // A blog theme's nesting: header, main > article > entry content, with class names.
        let head = main.remove(0);
        let header = Block::Div(
            "header".into(),
            vec![Block::Para(vec![Span::Link(
                "needledrop test press".into(),
            )])],
        );
        out.insert(0, header);
        let entry = Block::Div(
            "article".into(),
            vec![
                Block::Div("entry-header".into(), vec![head]),
                Block::Div("entry-content".into(), main),
            ],
        );
        out.push(Block::Div("main".into(), vec![entry]));
    } else {
        out.push(Block::Div("article".into(), main));
    }
    if has("related-ol") {
        let k = rng.gen_range(5..=20);
        let items = related_items(rng, lang, k)
            .into_iter()
            .map(|s| vec![Span::Link(s)])
            .collect();
        out.push(Block::Div(
            "section".into(),
            vec![
                Block::Heading(3, t(*lang.related.choose(rng).unwrap())),
                Block::Ordered {
                    start: 1,
                    reversed: false,
                    items,
                },
            ],
        ));
    }
    if has("sidebar") {
        let k = rng.gen_range(3..=6);
        let items = related_items(rng, lang, k)
            .into_iter()
            .map(|s| vec![Span::Link(s)])
            .collect();
        out.push(Block::Div(
            "aside".into(),
            vec![Block::Heading(4, t(lang.sidebar)), Block::Bullets(items)],
        ));
    }
    if has("comments") {
        let k = rng.gen_range(2..=5);
        let mut items = Vec::new();
        for _ in 0..k {
            let n = rng.gen_range(1..=40).to_string();
            let film = body
                .films
                .choose(rng)
                .map(|f| f.to_string())
                .unwrap_or_default();
            let text = fill(
                lang.comment_texts.choose(rng).unwrap(),
                &[("n", &n), ("film", &film)],
            );
            let author = AUTHORS.choose(rng).unwrap();
            items.push(vec![
                Span::Strong(author.to_string()),
                Span::Text(format!(": {text}")),
            ]);
        }
        let mut blocks = vec![
            Block::Heading(2, t(format!("{} ({k})", lang.comments))),
            Block::Ordered {
                start: 1,
                reversed: false,
                items,
            },
        ];
        // One commenter posts a numbered ranking of films that are on neither the list nor the
        // mentions: a competing sequence that names real films.
        if rng.gen_bool(0.5) {
            let local = localized(lang.code);
            let named = |t: &str| {
                body.films.iter().any(|x| x == t) || body.mention_films.iter().any(|x| x == t)
            };
            let pool: Vec<&str> = FILMS
                .iter()
                .zip(local)
                .filter(|(f, l)| !named(f.title) && !named(l.title))
                .map(|(f, _)| f.title)
                .collect();
            let k = rng.gen_range(3..=5);
            let picks: Vec<&str> = pool.choose_multiple(rng, k).copied().collect();
            let mut lines = vec![t(fill(lang.my_top, &[("n", &k.to_string())]))];
            for (i, f) in picks.iter().enumerate() {
                lines.push(t(format!("{}. {f}", i + 1)));
            }
            blocks.push(Block::Lines(lines));
        }
        out.push(Block::Div("comments".into(), blocks));
    }
    if has("poll") && body.films.len() >= 3 {
        let mut opts: Vec<&String> = body.films.iter().collect();
        opts.shuffle(rng);
        opts.truncate(4);
        let mut left = 100u32;
        let mut items = Vec::new();
        for (k, f) in opts.iter().enumerate() {
            let share = if k + 1 == opts.len() {
                left
            } else {
                rng.gen_range(0..=left)
            };
            left -= share;
            items.push(t(format!("{f} — {share}%")));
        }
        out.push(Block::Div(
            "poll".into(),
            vec![Block::Para(t(lang.poll)), Block::Bullets(items)],
        ));
    }
    if has("newsletter") {
        out.push(Block::Div(
            "newsletter".into(),
            vec![Block::Para(t(lang.newsletter))],
        ));
    }
    if has("scripts") {
        out.push(Block::RawHtml(format!(
            "<script>var adSlots = [{}, {}, {}]; window.lazy && lazy.init(10);</script>",
            rng.gen_range(1..=9),
            rng.gen_range(10..=30),
            rng.gen_range(31..=99)
        )));
    }
    out.push(Block::Div(
        "footer".into(),
        vec![Block::Para(t(format!(
            "© {} needledrop test press",
            rng.gen_range(2015..=2026)
        )))],
    ));
    out
}
