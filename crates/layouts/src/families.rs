//! Layout families: each renders one real-world shape of list article, with its answer.
//!
//! A family builds a [`Body`] (headline, intro, one block chunk per entry, mentions, outro) and
//! the [`Expected`] reading at the same time, from the same choices, so the two cannot drift.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::doc::{t, Block, DocFormat, Inline, Span};
use crate::facts::{localized, FilmFacts, FILMS};
use crate::lang::{fill, Lang};
use crate::truth::{Expected, ExpectedEntry, ExpectedOrder, ExpectedSong};

/// The article body a family produces, before chrome is added around it.
#[derive(Debug, Clone)]
pub struct Body {
    /// The headline.
    pub title: String,
    /// Blocks between the headline and the first entry (intro).
    pub top: Vec<Block>,
    /// One chunk of blocks per entry (or one chunk for a table or list).
    pub entries: Vec<Vec<Block>>,
    /// Blocks after the entries (mentions, outro, own pager).
    pub bottom: Vec<Block>,
    /// The entry heads as printed (a table of contents repeats them).
    pub heads: Vec<String>,
    /// The film of each chunk, for captions and comments.
    pub films: Vec<String>,
    /// The films named as mentions (chrome must not name them elsewhere as decoys).
    pub mention_films: Vec<String>,
    /// Chrome variants that would break this family's shape.
    pub no_chrome: Vec<&'static str>,
    /// How mentions were printed, if any.
    pub mentions_style: Option<&'static str>,
    /// The expected reading.
    pub expected: Expected,
}

/// What a family function receives.
pub struct Ctx<'a> {
    /// The article's random source.
    pub rng: &'a mut ChaCha8Rng,
    /// The language.
    pub lang: &'static Lang,
    /// The output format.
    pub format: DocFormat,
    /// The quote pair used for song titles in this article.
    pub quote: (&'static str, &'static str),
    /// How likely a film with a release title in the article's market is printed under it.
    pub p_local: f64,
    /// The house style leaves song titles in prose unquoted.
    pub bare_songs: bool,
    /// How years are printed after titles (Japanese pages: `（1999）`, `（1999年）`, ` (1999)`).
    pub year_style: u8,
}

impl Ctx<'_> {
    fn q(&self, s: &str) -> String {
        format!("{}{}{}", self.quote.0, s, self.quote.1)
    }

    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items.choose(self.rng).copied().unwrap_or("")
    }

    fn ja(&self) -> bool {
        self.lang.code == "ja"
    }
}

/// A layout family.
pub struct Family {
    /// Its name (the class label).
    pub name: &'static str,
    /// The formats it is rendered in.
    pub formats: &'static [DocFormat],
    /// What it reproduces.
    pub about: &'static str,
    /// The generator.
    pub build: fn(&mut Ctx) -> Body,
}

const ALL: &[DocFormat] = &[DocFormat::Text, DocFormat::Markdown, DocFormat::Html];
const HTML_MD: &[DocFormat] = &[DocFormat::Markdown, DocFormat::Html];
const TEXT_HTML: &[DocFormat] = &[DocFormat::Text, DocFormat::Html];

/// Every family.
pub const FAMILIES: &[Family] = &[
    Family { name: "dot-heading", formats: ALL, about: "`N. Title (Year)` heading (or line), credit variants, blurb with songs", build: dot_heading },
    Family { name: "hash-alone", formats: ALL, about: "`#N` alone in its own element, then a `Title – Composer` heading", build: hash_alone },
    Family { name: "rank-after", formats: ALL, about: "`Title (Year)` heading, then `Rang: N` after it, then a field block", build: rank_after },
    Family { name: "ol-digits", formats: ALL, about: "an `<ol>` (HTML prints no numbers) whose items start with digits (`2001: …`, `8 Mile`)", build: ol_digits },
    Family { name: "table", formats: ALL, about: "a table with a rank column (films, or songs with artist and film)", build: table },
    Family { name: "artist-colon-song", formats: ALL, about: "`N. Artist: “Song” from Film`", build: artist_colon_song },
    Family { name: "song-comma-film", formats: ALL, about: "`N. “Song,” Film` heading, the song quoted before its film", build: song_comma_film },
    Family { name: "pipe-artist-song", formats: TEXT_HTML, about: "`N|Artist Song (from Film)`, no delimiter between artist and song", build: pipe_artist_song },
    Family { name: "cue-then-film", formats: ALL, about: "`N ‘Cue’` then `Film (Year)` on the next line", build: cue_then_film },
    Family { name: "composer-first", formats: ALL, about: "`N. Composer, Film` heading", build: composer_first },
    Family { name: "dash-composer", formats: ALL, about: "`N- Title (Composer)`", build: dash_composer },
    Family { name: "colon-rank", formats: ALL, about: "`N: Title` lines with commentary", build: colon_rank },
    Family { name: "caption-above", formats: HTML_MD, about: "caption line `Film (Year)` above `### N. “Song”`", build: caption_above },
    Family { name: "chart-moves", formats: ALL, about: "chart rows with movement tokens (`up3`, `new`, `re-entry`), one line or split over three", build: chart_moves },
    Family { name: "paged", formats: ALL, about: "page 2 or 3 of a longer list (ranks 11–30, announced top 30) with a pager", build: paged },
    Family { name: "ties", formats: ALL, about: "ties printed as `T-5`, `5=`, `=5` or `TIE: A and B` on one line", build: ties },
    Family { name: "unranked-heads", formats: ALL, about: "unnumbered headings, intro says no particular order: every film a mention", build: unranked_heads },
    Family { name: "unranked-numbered", formats: ALL, about: "numbered alphabetical list whose intro says the numbers are not positions", build: unranked_numbered },
    Family { name: "tracklist-inside", formats: ALL, about: "entries with numbered tracklists inside (sub-lists, not entries)", build: tracklist_inside },
    Family { name: "forum-posts", formats: TEXT_HTML, about: "forum thread: the list split over two posts, then a reply quoting numbers", build: forum_posts },
    Family { name: "period-prose", formats: ALL, about: "`N. Title. Prose…` on one line: the title ends only at a period", build: period_prose },
    Family { name: "glued-marker", formats: ALL, about: "the rank glued to a photo credit before it (`…handout12. Title`), no space or element gap", build: glued_marker },
    Family { name: "composer-then-title", formats: ALL, about: "the numbered line holds the composer, the next line `Title (Year)`", build: composer_then_title },
    Family { name: "quoted-film-title", formats: ALL, about: "film titles in quotes (`4.\"Title\" (Year)`), composer line, prose with quoted songs", build: quoted_film_title },
    Family { name: "listing-meta", formats: ALL, about: "database-style listing: `N. Title (Year)`, rating/runtime/votes lines full of numbers, a song note", build: listing_meta },
    Family { name: "song-subheads", formats: HTML_MD, about: "entry heading, then sub-headings naming songs (`“Song” – Artist`) before the prose", build: song_subheads },
    Family { name: "ul-numbered", formats: ALL, about: "a bulleted list whose items carry their own numbers: `• 3. Title (Year) – blurb`", build: ul_numbered },
    Family { name: "original-in-parens", formats: ALL, about: "release title then original title then year: `N. Local (Original) (Year)`", build: original_in_parens },
];

/// A family by name.
pub fn by_name(name: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.name == name)
}

// ---------------------------------------------------------------------------------------------
// shared helpers

/// The film pool as printed in this article: a film with a release title in the article's
/// market is printed under it most of the time (the catalog title becomes an alias).
fn pool(ctx: &mut Ctx, filter: impl Fn(&FilmFacts) -> bool) -> Vec<&'static FilmFacts> {
    let local = localized(ctx.lang.code);
    let p_local = ctx.p_local;
    let mut out = Vec::new();
    for (i, f) in FILMS.iter().enumerate() {
        let l = &local[i];
        let f = if l.original.is_some() && ctx.rng.gen_bool(p_local) {
            l
        } else {
            f
        };
        if filter(f) {
            out.push(f);
        }
    }
    out
}

fn choose_films(
    ctx: &mut Ctx,
    n: usize,
    filter: impl Fn(&FilmFacts) -> bool,
) -> Vec<&'static FilmFacts> {
    let p = pool(ctx, filter);
    p.choose_multiple(ctx.rng, n.min(p.len()))
        .copied()
        .collect()
}

fn others(ctx: &mut Ctx, taken: &[&'static FilmFacts], n: usize) -> Vec<&'static FilmFacts> {
    let p = pool(ctx, |f| !taken.iter().any(|g| g.key() == f.key()));
    p.choose_multiple(ctx.rng, n).copied().collect()
}

/// Films with one song each for a song list; sometimes one film holds two ranks with two of
/// its songs (a song list may rank the same film twice).
fn song_picks(ctx: &mut Ctx, n: usize) -> Vec<(&'static FilmFacts, (&'static str, &'static str))> {
    let films = choose_films(ctx, n, has_songs);
    let mut picks: Vec<_> = films
        .iter()
        .map(|f| (*f, *f.songs.choose(ctx.rng).unwrap()))
        .collect();
    if picks.len() >= 5 && ctx.rng.gen_bool(0.35) {
        if let Some(i) = picks.iter().position(|(f, _)| f.songs.len() >= 2) {
            let f = picks[i].0;
            let first = picks[i].1;
            let second = *f.songs.iter().find(|s| s.0 != first.0).unwrap();
            let j = ctx.rng.gen_range(0..picks.len());
            if j != i {
                picks[j] = (f, second);
            }
        }
    }
    picks
}

fn has_songs(f: &FilmFacts) -> bool {
    !f.songs.is_empty()
}

fn has_cues(f: &FilmFacts) -> bool {
    !f.cues.is_empty()
}

/// Ranks in print order for `n` entries from `lo`, counting up or down.
fn ranks(n: usize, lo: u32, descending: bool) -> Vec<u32> {
    let mut r: Vec<u32> = (0..n as u32).map(|i| lo + i).collect();
    if descending {
        r.reverse();
    }
    r
}

fn order_of(descending: bool) -> ExpectedOrder {
    if descending {
        ExpectedOrder::Descending
    } else {
        ExpectedOrder::Ascending
    }
}

fn headline(ctx: &mut Ctx, n: u32) -> String {
    let h = ctx.pick(ctx.lang.headlines);
    fill(h, &[("n", &n.to_string())])
}

fn intro(ctx: &mut Ctx, n: u32) -> Vec<Block> {
    let mut out = Vec::new();
    let k = ctx.rng.gen_range(1..=2);
    let mut used = Vec::new();
    for _ in 0..k {
        let s = ctx.pick(ctx.lang.intros);
        if used.contains(&s) {
            continue;
        }
        used.push(s);
        out.push(Block::Para(t(fill(s, &[("n", &n.to_string())]))));
    }
    out
}

fn blurb_sentence(ctx: &mut Ctx, film: &FilmFacts, need_composer: bool) -> String {
    let pool: Vec<&'static str> = ctx
        .lang
        .blurbs
        .iter()
        .copied()
        .filter(|b| !need_composer || b.contains("{composer}"))
        .collect();
    let b = pool.choose(ctx.rng).copied().unwrap_or("");
    fill(
        b,
        &[
            ("film", film.title),
            ("composer", film.composer),
            ("year", &film.year.to_string()),
        ],
    )
}

/// A song sentence for the film (and the expected song), or a cue sentence.
fn song_sentence(ctx: &mut Ctx, film: &'static FilmFacts, exp: &mut Expected) -> Option<String> {
    let use_cue = has_cues(film) && (!has_songs(film) || ctx.rng.gen_bool(0.3));
    if use_cue {
        let cue = *film.cues.choose(ctx.rng)?;
        let tpl = ctx.pick(ctx.lang.cue_lines);
        let s = fill(tpl, &[("song", &ctx.q(cue)), ("composer", film.composer)]);
        add_song(exp, cue, Some(film.composer), Some(film.title));
        return Some(s);
    }
    let &(song, artist) = film.songs.choose(ctx.rng)?;
    // A house style without quotes prints song titles bare in prose.
    let quoted = if ctx.bare_songs {
        song.to_string()
    } else {
        ctx.q(song)
    };
    if ctx.rng.gen_bool(0.2) {
        let tpl = ctx.pick(ctx.lang.song_lines_split);
        let s = fill(tpl, &[("song", &quoted), ("artist", artist)]);
        add_song(exp, song, Some(artist), Some(film.title));
        return Some(s);
    }
    if ctx.rng.gen_bool(0.7) {
        let tpl = ctx.pick(ctx.lang.song_lines);
        let s = fill(tpl, &[("song", &quoted), ("artist", artist)]);
        add_song(exp, song, Some(artist), Some(film.title));
        Some(s)
    } else {
        let tpl = ctx.pick(ctx.lang.song_lines_bare);
        let s = fill(tpl, &[("song", &quoted)]);
        add_song(exp, song, None, Some(film.title));
        Some(s)
    }
}

fn add_song(exp: &mut Expected, title: &str, artist: Option<&str>, film: Option<&str>) {
    if exp.songs.iter().any(|s| s.title == title) {
        // The same song named twice: the first citation with an artist wins.
        if let Some(s) = exp.songs.iter_mut().find(|s| s.title == title) {
            if s.artist.is_none() {
                s.artist = artist.map(str::to_string);
            }
        }
        return;
    }
    exp.songs.push(ExpectedSong {
        title: title.to_string(),
        artist: artist.map(str::to_string),
        film: film.map(str::to_string),
    });
}

/// One or two blurb paragraphs; with probability `p_song` one names a song.
fn blurb(ctx: &mut Ctx, film: &'static FilmFacts, p_song: f64, exp: &mut Expected) -> Vec<Block> {
    let mut first = blurb_sentence(ctx, film, false);
    if ctx.rng.gen_bool(p_song) {
        if let Some(s) = song_sentence(ctx, film, exp) {
            first.push(' ');
            first.push_str(&s);
        }
    }
    let mut out = vec![Block::Para(t(first.clone()))];
    if ctx.rng.gen_bool(0.3) {
        let second = blurb_sentence(ctx, film, false);
        if !first.starts_with(&second) {
            out.push(Block::Para(t(second)));
        }
    }
    out
}

fn entry(rank: u32, film: &FilmFacts, year: Option<i32>, tied: bool) -> ExpectedEntry {
    ExpectedEntry {
        rank,
        title: film.title.to_string(),
        aliases: film.original.iter().map(|o| o.to_string()).collect(),
        year,
        tied,
    }
}

fn join_list(lang: &Lang, items: &[String]) -> String {
    if lang.code == "ja" {
        return items.join("、");
    }
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!(
            "{} {} {}",
            items[..n - 1].join(", "),
            lang.and,
            items[n - 1]
        ),
    }
}

fn mention_text(ctx: &mut Ctx, f: &FilmFacts) -> String {
    let base = if ctx.ja() {
        format!("『{}』", f.title)
    } else {
        f.title.to_string()
    };
    match ctx.rng.gen_range(0..3) {
        0 => base,
        1 => format!("{base} ({})", f.year),
        _ if ctx.ja() => format!("{base}（{}）", f.composer),
        _ => format!("{base} ({})", f.composer),
    }
}

/// Adds honorable mentions in one of four styles (probability `p`).
fn mentions(ctx: &mut Ctx, body: &mut Body, taken: &[&'static FilmFacts], p: f64) {
    if !ctx.rng.gen_bool(p) {
        return;
    }
    let style = *[
        "heading-bullets",
        "run-on",
        "leadin-bullets",
        "runner-up",
        "same-shape-heads",
    ]
    .choose(ctx.rng)
    .unwrap();
    let n = if style == "runner-up" {
        ctx.rng.gen_range(1..=2)
    } else {
        ctx.rng.gen_range(3..=6)
    };
    let films = others(ctx, taken, n);
    let texts: Vec<String> = films.iter().map(|f| mention_text(ctx, f)).collect();
    match style {
        "heading-bullets" => {
            let label = ctx.pick(ctx.lang.hm_labels);
            body.bottom.push(Block::Heading(2, t(label)));
            body.bottom
                .push(Block::Bullets(texts.iter().map(|s| t(s.clone())).collect()));
        }
        "run-on" => {
            let tpl = ctx.pick(ctx.lang.hm_runon);
            let s = fill(tpl, &[("list", &join_list(ctx.lang, &texts))]);
            if ctx.rng.gen_bool(0.3) {
                // Announced in the introduction, before the list starts.
                body.top.push(Block::Para(t(s)));
            } else {
                body.bottom.push(Block::Para(t(s)));
            }
        }
        "leadin-bullets" => {
            let label = ctx.pick(ctx.lang.hm_labels);
            body.bottom.push(Block::Heading(2, t(label)));
            let lead = ctx.pick(ctx.lang.hm_leadin);
            body.bottom.push(Block::Para(t(lead)));
            body.bottom
                .push(Block::Bullets(texts.iter().map(|s| t(s.clone())).collect()));
        }
        "same-shape-heads" => {
            // Unnumbered heads shaped like the entries' heads, each with a line of prose.
            let label = ctx.pick(ctx.lang.hm_labels);
            body.bottom.push(Block::Heading(2, t(label)));
            for f in &films {
                let head = format!("{}{}", f.title, year_paren(ctx, f.year));
                body.bottom.push(Block::Heading(3, t(head)));
                body.bottom
                    .push(Block::Para(t(blurb_sentence(ctx, f, false))));
            }
        }
        _ => {
            for s in &texts {
                body.bottom.push(Block::Para(vec![
                    Span::Strong(format!("{}:", ctx.lang.runner_up)),
                    Span::Text(format!(" {s}")),
                ]));
            }
        }
    }
    body.expected
        .mentions
        .extend(films.iter().map(|f| f.title.to_string()));
    body.mention_films
        .extend(films.iter().map(|f| f.title.to_string()));
    body.mentions_style = Some(style);
}

fn new_body(title: String, order: ExpectedOrder) -> Body {
    Body {
        title,
        top: Vec::new(),
        entries: Vec::new(),
        bottom: Vec::new(),
        heads: Vec::new(),
        films: Vec::new(),
        mention_films: Vec::new(),
        no_chrome: Vec::new(),
        mentions_style: None,
        expected: Expected::new(order),
    }
}

/// The rank marker before a title: `10.` mostly, with language-specific variants.
fn marker(ctx: &mut Ctx, n: u32, style: u8) -> String {
    match (ctx.lang.code, style) {
        ("ja", 1) => format!("{n}位"),
        ("ja", 2) => format!("第{n}位"),
        ("de", 1) => format!("Platz {n}:"),
        ("fr" | "pt", 1) => format!("N°{n} –"),
        ("es", 1) => format!("{n}º."),
        (_, 1) => format!("No. {n}:"),
        (_, 2) => format!("#{n}"),
        (_, 3) => format!("{n})"),
        _ => format!("{n}."),
    }
}

/// "by {composer}" in the article's language (a credit line).
fn credit_line(lang: &Lang, composer: &str) -> String {
    match lang.code {
        "fr" => format!("par {composer}"),
        "de" => format!("von {composer}"),
        "es" | "pt" => format!("de {composer}"),
        "it" => format!("di {composer}"),
        "ja" => format!("作曲：{composer}"),
        _ => format!("by {composer}"),
    }
}

/// The year after a title, in the article's house style (Japanese pages vary).
fn year_paren(ctx: &Ctx, y: i32) -> String {
    match (ctx.ja(), ctx.year_style) {
        (true, 0) => format!("（{y}）"),
        (true, 1) => format!("（{y}年）"),
        _ => format!(" ({y})"),
    }
}

fn heading_level(ctx: &mut Ctx) -> u8 {
    *[2u8, 3].choose(ctx.rng).unwrap()
}

fn count(ctx: &mut Ctx) -> usize {
    *[5usize, 7, 8, 10, 10, 10, 12, 15].choose(ctx.rng).unwrap()
}

/// A head block: a heading, a bold paragraph, or a plain paragraph.
fn head_block(text: String, level: u8, style: u8) -> Block {
    match style {
        0 => Block::Heading(level, t(text)),
        1 => Block::Para(vec![Span::Strong(text)]),
        _ => Block::Para(t(text)),
    }
}

// ---------------------------------------------------------------------------------------------
// families

fn dot_heading(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let mstyle = ctx.rng.gen_range(0..4u8);
    let credit = ctx.rng.gen_range(0..5u8);
    let level = heading_level(ctx);
    let linked = ctx.format != DocFormat::Text && ctx.rng.gen_bool(0.3);
    let hstyle = if ctx.format == DocFormat::Text {
        2
    } else {
        ctx.rng.gen_range(0..2u8)
    };
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let m = marker(ctx, rank, mstyle);
        let sep = if ctx.ja() && mstyle > 0 { "　" } else { " " };
        let (text, year) = match credit {
            0 => (
                format!("{m}{sep}{}{}", film.title, year_paren(ctx, film.year)),
                Some(film.year),
            ),
            1 => (format!("{m}{sep}{} – {}", film.title, film.composer), None),
            2 => (
                format!(
                    "{m}{sep}{}{} – {}",
                    film.title,
                    year_paren(ctx, film.year),
                    film.composer
                ),
                Some(film.year),
            ),
            3 => (format!("{m}{sep}{}", film.title), None),
            _ => (
                format!("{m}{sep}{}{}", film.title, year_paren(ctx, film.year)),
                Some(film.year),
            ),
        };
        let head = if linked && hstyle == 0 {
            // The title is a link inside the heading; marker and credit are plain text.
            let prefix = format!("{m}{sep}");
            let rest = text[prefix.len() + film.title.len()..].to_string();
            Block::Heading(
                level,
                vec![
                    Span::Text(prefix),
                    Span::Link(film.title.to_string()),
                    Span::Text(rest),
                ],
            )
        } else {
            head_block(text.clone(), level, hstyle)
        };
        let mut chunk = vec![head];
        if credit == 4 {
            // A `by Composer` line under the head: a credit, not a performer.
            chunk.push(Block::Para(vec![Span::Em(credit_line(
                ctx.lang,
                film.composer,
            ))]));
        }
        chunk.extend(blurb(ctx, film, 0.7, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(text);
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, year, false));
    }
    mentions(ctx, &mut body, &films, 0.5);
    body
}

fn hash_alone(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let dash = *[" – ", " - ", " — ", "—"].choose(ctx.rng).unwrap();
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let num = if ctx.ja() {
            format!("{rank}位")
        } else {
            format!("#{rank}")
        };
        let head = format!("{}{dash}{}", film.title, film.composer);
        let mut chunk = vec![
            Block::Div("rank-number".into(), vec![Block::Para(t(num))]),
            Block::Heading(3, t(head.clone())),
        ];
        chunk.extend(blurb(ctx, film, 0.7, &mut body.expected));
        body.entries.push(vec![Block::Div("entry".into(), chunk)]);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, None, false));
    }
    mentions(ctx, &mut body, &films, 0.5);
    body
}

fn rank_after(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let label = ctx.pick(ctx.lang.rank_labels);
    let fields = ctx.rng.gen_bool(0.6);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = format!("{}{}", film.title, year_paren(ctx, film.year));
        let mut chunk = vec![
            Block::Heading(3, t(head.clone())),
            Block::Para(vec![Span::Strong(fill(label, &[("n", &rank.to_string())]))]),
        ];
        if fields {
            let c = ctx.lang.columns;
            let other_year = film.year + ctx.rng.gen_range(1..=3);
            chunk.push(Block::Lines(vec![
                t(format!("{}: {}", c[3], film.composer)),
                t(format!("{}: {}", c[2], other_year)),
            ]));
        }
        chunk.extend(blurb(ctx, film, 0.6, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    mentions(ctx, &mut body, &films, 0.5);
    body
}

fn digit_title(f: &FilmFacts) -> bool {
    f.title.starts_with(|c: char| c.is_ascii_digit()) || f.title.starts_with("(5")
}

fn ol_digits(ctx: &mut Ctx) -> Body {
    let n = count(ctx).max(7);
    let desc = ctx.rng.gen_bool(0.35);
    let k = ctx.rng.gen_range(2..=4);
    let mut films = choose_films(ctx, k, digit_title);
    let rest = choose_films(ctx, n - films.len(), |f| !digit_title(f));
    films.extend(rest);
    films.shuffle(ctx.rng);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let with_year = ctx.rng.gen_bool(0.6);
    let mut items: Vec<Inline> = Vec::new();
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let mut item = vec![Span::Strong(if with_year {
            format!("{}{}", film.title, year_paren(ctx, film.year))
        } else {
            film.title.to_string()
        })];
        if ctx.rng.gen_bool(0.6) {
            item.push(Span::Text(format!(
                " — {}",
                blurb_sentence(ctx, film, false)
            )));
        }
        items.push(item);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, with_year.then_some(film.year), false));
    }
    body.entries.push(vec![Block::Ordered {
        start: if desc { n as u32 } else { 1 },
        reversed: desc,
        items,
    }]);
    body.no_chrome = vec!["captions", "toc"];
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn table(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.3);
    let songs = ctx.rng.gen_bool(0.5);
    let films = if songs {
        choose_films(ctx, n, has_songs)
    } else {
        choose_films(ctx, n, |_| true)
    };
    let n = films.len();
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let c = ctx.lang.columns;
    let mut rows = Vec::new();
    let header: Vec<String> = if songs {
        vec![c[0].into(), c[4].into(), c[5].into(), c[1].into()]
    } else {
        vec![c[0].into(), c[1].into(), c[2].into(), c[3].into()]
    };
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        if songs {
            let &(song, artist) = film.songs.choose(ctx.rng).unwrap();
            let film_cell = format!("{}{}", film.title, year_paren(ctx, film.year));
            rows.push(vec![
                rank.to_string(),
                song.into(),
                artist.into(),
                film_cell,
            ]);
            add_song(&mut body.expected, song, Some(artist), Some(film.title));
        } else {
            rows.push(vec![
                rank.to_string(),
                film.title.into(),
                film.year.to_string(),
                film.composer.into(),
            ]);
        }
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    body.entries.push(vec![Block::Table { header, rows }]);
    body.no_chrome = vec!["captions", "toc"];
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn artist_colon_song(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.4);
    let picks = song_picks(ctx, n);
    let films: Vec<_> = picks.iter().map(|p| p.0).collect();
    let n = picks.len();
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let lines = ctx.rng.gen_bool(0.5);
    let mut all = Vec::new();
    for (&(film, (song, artist)), rank) in picks.iter().zip(ranks(n, 1, desc)) {
        let from = fill(ctx.lang.from_film, &[("film", film.title)]);
        let sp = if ctx.ja() { "" } else { " " };
        let text = format!("{rank}. {artist}: {}{sp}{from}", ctx.q(song));
        add_song(&mut body.expected, song, Some(artist), Some(film.title));
        body.expected.entries.push(entry(rank, film, None, false));
        body.films.push(film.title.to_string());
        body.heads.push(text.clone());
        if lines {
            all.push(t(text));
        } else {
            let mut chunk = vec![Block::Para(t(text))];
            if ctx.rng.gen_bool(0.4) {
                chunk.push(Block::Para(t(blurb_sentence(ctx, film, false))));
            }
            body.entries.push(chunk);
        }
    }
    if lines {
        body.entries.push(vec![Block::Lines(all)]);
        body.no_chrome = vec!["captions"];
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn song_comma_film(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.4);
    let picks = song_picks(ctx, n);
    let films: Vec<_> = picks.iter().map(|p| p.0).collect();
    let n = picks.len();
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let level = heading_level(ctx);
    for (&(film, (song, artist)), rank) in picks.iter().zip(ranks(n, 1, desc)) {
        // English house style puts the comma inside the closing quote.
        let text = if ctx.lang.code == "en" {
            format!(
                "{rank}. {}{},{} {}",
                ctx.quote.0, song, ctx.quote.1, film.title
            )
        } else if ctx.ja() {
            format!("{rank}. {}『{}』", ctx.q(song), film.title)
        } else {
            format!("{rank}. {}, {}", ctx.q(song), film.title)
        };
        let mut chunk = vec![Block::Heading(level, t(text.clone()))];
        let tpl = ctx.pick(ctx.lang.song_lines);
        let sentence = fill(tpl, &[("song", &ctx.q(song)), ("artist", artist)]);
        chunk.push(Block::Para(t(format!(
            "{} {}",
            blurb_sentence(ctx, film, false),
            sentence
        ))));
        add_song(&mut body.expected, song, Some(artist), Some(film.title));
        body.entries.push(chunk);
        body.heads.push(text);
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, None, false));
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn pipe_artist_song(ctx: &mut Ctx) -> Body {
    let n = count(ctx).max(8);
    let lo = *[1u32, 1, 17, 33].choose(ctx.rng).unwrap();
    let films = choose_films(ctx, n, has_songs);
    let n = films.len();
    let total = lo + n as u32 - 1 + if lo > 1 { 29 } else { 0 };
    let mut body = new_body(headline(ctx, total), ExpectedOrder::Ascending);
    body.expected.declared_size = Some(total);
    body.top = intro(ctx, total);
    let mut lines = Vec::new();
    for (film, rank) in films.iter().zip(ranks(n, lo, false)) {
        let &(song, artist) = film.songs.choose(ctx.rng).unwrap();
        let from = fill(ctx.lang.from_film, &[("film", film.title)]);
        let text = if ctx.ja() {
            format!("{rank}|{artist} {song}{from}")
        } else {
            format!("{rank}|{artist} {song} ({from})")
        };
        lines.push(t(text));
        add_song(&mut body.expected, song, Some(artist), Some(film.title));
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, None, false));
    }
    body.entries.push(vec![Block::Lines(lines)]);
    if lo > 1 {
        let k = (lo + n as u32).to_string();
        body.bottom.push(Block::Para(t(fill(
            ctx.lang.continued,
            &[("i", "2"), ("k", &k)],
        ))));
    }
    body.no_chrome = vec!["captions", "toc"];
    body
}

fn cue_then_film(ctx: &mut Ctx) -> Body {
    let n = count(ctx).min(10);
    let desc = ctx.rng.gen_bool(0.3);
    let films = choose_films(ctx, n, has_cues);
    let n = films.len();
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    // English print style quotes cues in single curly quotes; other languages use their own.
    let (qo, qc) = match ctx.lang.code {
        "en" => ("\u{2018}", "\u{2019}"),
        _ => ctx.quote,
    };
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let cue = *film.cues.choose(ctx.rng).unwrap();
        let printed = cue.replace('\'', "\u{2019}");
        let head = format!("{rank} {qo}{printed}{qc}");
        let film_line = format!("{}{}", film.title, year_paren(ctx, film.year));
        let chunk = vec![
            Block::Lines(vec![vec![Span::Strong(head.clone())], t(film_line)]),
            Block::Para(t(blurb_sentence(ctx, film, true))),
        ];
        add_song(
            &mut body.expected,
            &printed,
            Some(film.composer),
            Some(film.title),
        );
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    mentions(ctx, &mut body, &films, 0.3);
    body
}

fn composer_first(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.6);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let level = heading_level(ctx);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = if ctx.ja() {
            format!("{rank}. {}『{}』", film.composer, film.title)
        } else {
            format!("{rank}. {}, {}", film.composer, film.title)
        };
        let mut chunk = vec![Block::Heading(level, t(head.clone()))];
        chunk.extend(blurb(ctx, film, 0.5, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, None, false));
    }
    mentions(ctx, &mut body, &films, 0.5);
    body
}

fn dash_composer(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let bold = ctx.format != DocFormat::Text && ctx.rng.gen_bool(0.5);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = if ctx.ja() {
            format!("{rank}- {}（{}）", film.title, film.composer)
        } else {
            format!("{rank}- {} ({})", film.title, film.composer)
        };
        let hb = if bold {
            Block::Para(vec![Span::Strong(head.clone())])
        } else {
            Block::Para(t(head.clone()))
        };
        let mut chunk = vec![hb];
        chunk.extend(blurb(ctx, film, 0.6, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, None, false));
    }
    mentions(ctx, &mut body, &films, 0.5);
    body
}

fn colon_rank(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let gaps = ctx.rng.gen_bool(0.3);
    let mut r = ranks(n, 1, desc);
    if gaps {
        // Chart positions kept as printed: a list with gaps.
        let mut acc = 0;
        for x in r.iter_mut() {
            acc += ctx.rng.gen_range(1..=6);
            *x = acc;
        }
        if desc {
            r.reverse();
        }
    }
    for (film, rank) in films.iter().zip(r) {
        let head = format!("{rank}: {}", film.title);
        let mut chunk = vec![Block::Para(t(head.clone()))];
        chunk.extend(blurb(ctx, film, 0.6, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, None, false));
    }
    if gaps {
        body.expected.declared_size = None;
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn caption_above(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.7);
    let lo = if ctx.rng.gen_bool(0.3) {
        ctx.rng.gen_range(20..60)
    } else {
        1
    };
    let films = choose_films(ctx, n, has_songs);
    let n = films.len();
    let mut body = new_body(headline(ctx, lo + n as u32 - 1), order_of(desc));
    body.expected.declared_size = Some(lo + n as u32 - 1);
    body.top = intro(ctx, lo + n as u32 - 1);
    for (film, rank) in films.iter().zip(ranks(n, lo, desc)) {
        let &(song, artist) = film.songs.choose(ctx.rng).unwrap();
        let caption = format!("{}{}", film.title, year_paren(ctx, film.year));
        let head = format!("{rank}. {}", ctx.q(song));
        let tpl = ctx.pick(ctx.lang.song_lines);
        let sentence = fill(tpl, &[("song", &ctx.q(song)), ("artist", artist)]);
        let chunk = vec![
            Block::Para(vec![Span::Em(caption)]),
            Block::Heading(3, t(head.clone())),
            Block::Para(t(format!(
                "{} {}",
                sentence,
                blurb_sentence(ctx, film, false)
            ))),
        ];
        add_song(&mut body.expected, song, Some(artist), Some(film.title));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    body.no_chrome = vec!["captions"];
    mentions(ctx, &mut body, &films, 0.3);
    body
}

fn chart_moves(ctx: &mut Ctx) -> Body {
    let n = count(ctx).max(8);
    let films = choose_films(ctx, n, |_| true);
    let desc = ctx.rng.gen_bool(0.3);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let split = ctx.rng.gen_bool(0.5);
    let mut lines = Vec::new();
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let mv = match ctx.rng.gen_range(0..6) {
            0 => "new".to_string(),
            1 => "re-entry".to_string(),
            2 | 3 => format!("up{}", ctx.rng.gen_range(1..=9)),
            4 => format!("down{}", ctx.rng.gen_range(1..=9)),
            _ => "-".to_string(),
        };
        let title = format!("{}{}", film.title, year_paren(ctx, film.year));
        if split {
            body.entries.push(vec![Block::Lines(vec![
                vec![Span::Strong(rank.to_string())],
                t(mv),
                t(title.clone()),
            ])]);
        } else {
            lines.push(t(format!("{rank} {mv} {title}")));
        }
        body.films.push(film.title.to_string());
        body.heads.push(title);
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    if !split {
        body.entries.push(vec![Block::Lines(lines)]);
        body.no_chrome = vec!["captions"];
    }
    mentions(ctx, &mut body, &films, 0.2);
    body
}

fn paged(ctx: &mut Ctx) -> Body {
    let page = ctx.rng.gen_range(2..=3u32);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, 10, |_| true);
    // Page 1 holds the first ten printed; counting down, that is 30…21.
    let lo = if desc {
        31 - 10 * page
    } else {
        10 * (page - 1) + 1
    };
    let mut body = new_body(headline(ctx, 30), order_of(desc));
    body.expected.declared_size = Some(30);
    let (a, b) = if desc { (lo + 9, lo) } else { (lo, lo + 9) };
    body.top = vec![Block::Para(t(format!(
        "{} · {a}–{b}",
        fill(ctx.lang.page_of, &[("i", &page.to_string()), ("n", "3")])
    )))];
    let level = heading_level(ctx);
    for (film, rank) in films.iter().zip(ranks(10, lo, desc)) {
        let head = format!("{rank}. {}{}", film.title, year_paren(ctx, film.year));
        let mut chunk = vec![Block::Heading(level, t(head.clone()))];
        chunk.extend(blurb(ctx, film, 0.6, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    if page == 3 {
        // Honorable mentions close the last page.
        mentions(ctx, &mut body, &films, 0.6);
    }
    let mut pager = Vec::new();
    for p in 1..=3 {
        pager.push(Span::Link(p.to_string()));
        pager.push(Span::Text(" ".into()));
    }
    body.bottom.push(Block::Para(pager));
    if page < 3 {
        let k = if desc { lo - 1 } else { lo + 10 };
        body.bottom.push(Block::Para(t(fill(
            ctx.lang.continued,
            &[("i", &(page + 1).to_string()), ("k", &k.to_string())],
        ))));
    }
    body.no_chrome = vec!["pager"];
    body
}

fn ties(ctx: &mut Ctx) -> Body {
    let n = count(ctx).max(7);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let style = ctx.rng.gen_range(0..4u8);
    // Tie two neighbours at one rank; one-line `TIE:` ties resume dense, the others skip.
    let at = ctx.rng.gen_range(1..n - 2);
    let mut printed: Vec<(u32, bool)> = Vec::new();
    if style == 3 {
        let mut r = 1;
        for i in 0..n {
            if i == at + 1 {
                printed.push((r - 1, true));
                printed[i - 1].1 = true;
                continue;
            }
            printed.push((r, false));
            r += 1;
        }
    } else {
        for i in 0..n {
            let r = if i == at + 1 {
                at as u32 + 1
            } else {
                i as u32 + 1
            };
            printed.push((r, i == at || i == at + 1));
        }
    }
    let top_rank = printed.iter().map(|p| p.0).max().unwrap_or(1);
    if desc {
        // Count down: mirror ranks so the tie keeps its shape.
        let mut rev: Vec<(u32, bool)> = Vec::new();
        let mut items: Vec<usize> = (0..n).collect();
        items.reverse();
        for i in items {
            rev.push(printed[i]);
        }
        printed = rev;
    }
    let mut body = new_body(headline(ctx, top_rank), order_of(desc));
    body.expected.declared_size = Some(top_rank);
    body.top = intro(ctx, top_rank);
    let level = heading_level(ctx);
    let mut i = 0;
    while i < n {
        let (rank, tied) = printed[i];
        let film = films[i];
        if style == 3 && tied && i + 1 < n && printed[i + 1].0 == rank {
            let other = films[i + 1];
            let head = format!(
                "{rank}. {}: {} {} {}",
                ctx.lang.tie_word, film.title, ctx.lang.and, other.title
            );
            let mut chunk = vec![Block::Heading(level, t(head.clone()))];
            chunk.extend(blurb(ctx, film, 0.5, &mut body.expected));
            body.entries.push(chunk);
            body.heads.push(head);
            body.films.push(film.title.to_string());
            body.expected.entries.push(entry(rank, film, None, true));
            body.expected.entries.push(entry(rank, other, None, true));
            i += 2;
            continue;
        }
        let m = match (style, tied) {
            (0, true) => format!("T-{rank}."),
            (1, true) => format!("{rank}=."),
            (2, true) => format!("={rank}."),
            _ => format!("{rank}."),
        };
        let head = format!("{m} {}{}", film.title, year_paren(ctx, film.year));
        let mut chunk = vec![Block::Heading(level, t(head.clone()))];
        chunk.extend(blurb(ctx, film, 0.5, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), tied));
        i += 1;
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn unranked_heads(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), ExpectedOrder::Unranked);
    body.top = intro(ctx, n as u32);
    let disclaimer = ctx.pick(ctx.lang.unranked_intros);
    body.top.push(Block::Para(t(disclaimer)));
    let with_year = ctx.rng.gen_bool(0.5);
    let field = ctx.rng.gen_bool(0.5);
    for film in &films {
        let head = if with_year {
            format!("{}{}", film.title, year_paren(ctx, film.year))
        } else {
            film.title.to_string()
        };
        let mut chunk = vec![Block::Heading(2, t(head.clone()))];
        if field {
            chunk.push(Block::Para(t(format!(
                "{}: {}",
                ctx.lang.columns[3], film.composer
            ))));
        }
        chunk.extend(blurb(ctx, film, 0.6, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected.mentions.push(film.title.to_string());
    }
    body
}

fn unranked_numbered(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let mut films = choose_films(ctx, n, |_| true);
    films.sort_by_key(|f| f.title.to_lowercase());
    let mut body = new_body(headline(ctx, n as u32), ExpectedOrder::Unranked);
    body.top = intro(ctx, n as u32);
    let disclaimer = ctx.pick(ctx.lang.not_positions_intros);
    body.top.push(Block::Para(t(disclaimer)));
    let as_ol = ctx.rng.gen_bool(0.5);
    let mut items = Vec::new();
    for (i, film) in films.iter().enumerate() {
        let head = if ctx.ja() {
            format!("{}（{}）", film.title, film.year)
        } else {
            format!("{}, {}", film.title, film.year)
        };
        if as_ol {
            items.push(vec![Span::Strong(head.clone())]);
        } else {
            let mut chunk = vec![Block::Heading(3, t(format!("{}. {head}", i + 1)))];
            chunk.extend(blurb(ctx, film, 0.5, &mut body.expected));
            body.entries.push(chunk);
        }
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected.mentions.push(film.title.to_string());
    }
    if as_ol {
        body.entries.push(vec![Block::Ordered {
            start: 1,
            reversed: false,
            items,
        }]);
        body.no_chrome = vec!["captions"];
    }
    body
}

fn tracklist_inside(ctx: &mut Ctx) -> Body {
    let n = count(ctx).min(8);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |f| f.songs.len() + f.cues.len() >= 2);
    let n = films.len();
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let level = heading_level(ctx);
    let artist_first = ctx.rng.gen_bool(0.5);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = format!("{rank}. {}{}", film.title, year_paren(ctx, film.year));
        let mut chunk = vec![Block::Heading(level, t(head.clone()))];
        chunk.push(Block::Para(t(blurb_sentence(ctx, film, false))));
        chunk.push(Block::Para(vec![Span::Strong(format!(
            "{}:",
            ctx.lang.tracklist
        ))]));
        let mut items = Vec::new();
        for &(song, artist) in film.songs {
            items.push(t(if artist_first {
                format!("{artist} – {song}")
            } else {
                format!("{} – {artist}", ctx.q(song))
            }));
            add_song(&mut body.expected, song, Some(artist), Some(film.title));
        }
        for &cue in film.cues {
            items.push(t(if artist_first {
                format!("{} – {cue}", film.composer)
            } else {
                format!("{} – {}", ctx.q(cue), film.composer)
            }));
            add_song(
                &mut body.expected,
                cue,
                Some(film.composer),
                Some(film.title),
            );
        }
        chunk.push(Block::Ordered {
            start: 1,
            reversed: false,
            items,
        });
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn forum_posts(ctx: &mut Ctx) -> Body {
    let n = ctx.rng.gen_range(10..=20);
    let songs = ctx.rng.gen_bool(0.5);
    let films = if songs {
        choose_films(ctx, n, has_songs)
    } else {
        choose_films(ctx, n, |_| true)
    };
    let n = films.len();
    let mut body = new_body(headline(ctx, n as u32), ExpectedOrder::Ascending);
    body.expected.declared_size = Some(n as u32);
    let author = *crate::lang::AUTHORS.choose(ctx.rng).unwrap();
    let msgs = ctx.rng.gen_range(40..=9_000);
    body.top.push(Block::Lines(vec![
        t(fill(
            ctx.lang.post_header,
            &[("author", author), ("n", "1")],
        )),
        t(format!("#1 · ✉ {},{:03}", msgs / 1000, msgs % 1000).replace("✉ 0,", "✉ ")),
    ]));
    body.top.extend(intro(ctx, n as u32));
    let split = ctx.rng.gen_range(n / 3..=2 * n / 3);
    let mut post = Vec::new();
    let mut printed: Vec<String> = Vec::new();
    for (i, film) in films.iter().enumerate() {
        let rank = i as u32 + 1;
        if i == split {
            post.push(t(ctx.lang.forum_more));
            body.entries
                .push(vec![Block::Lines(std::mem::take(&mut post))]);
            body.entries.push(vec![
                Block::Rule,
                Block::Lines(vec![
                    t(fill(
                        ctx.lang.post_header,
                        &[("author", author), ("n", "2")],
                    )),
                    t(format!("#2 · ✉ {}", msgs + 1)),
                ]),
            ]);
        }
        let line = if songs {
            let &(song, artist) = film.songs.choose(ctx.rng).unwrap();
            add_song(&mut body.expected, song, Some(artist), Some(film.title));
            let from = fill(ctx.lang.from_film, &[("film", film.title)]);
            format!("{rank}. {artist}: {} {from}", ctx.q(song))
        } else {
            format!("{rank}. {}{}", film.title, year_paren(ctx, film.year))
        };
        post.push(t(line.clone()));
        printed.push(line);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, (!songs).then_some(film.year), false));
    }
    body.entries.push(vec![Block::Lines(post)]);
    // A reply that quotes numbers and names a listed film.
    let other = *crate::lang::AUTHORS.choose(ctx.rng).unwrap();
    let k = ctx.rng.gen_range(1..=n).to_string();
    let film = films.choose(ctx.rng).unwrap().title;
    let c = ctx.pick(ctx.lang.comment_texts);
    body.bottom.push(Block::Rule);
    body.bottom.push(Block::Para(t(fill(
        ctx.lang.post_header,
        &[("author", other), ("n", "3")],
    ))));
    if ctx.rng.gen_bool(0.6) {
        // The reply quotes one line of the list: the same rank again, inside a quote.
        let quoted = printed.choose(ctx.rng).cloned().unwrap_or_default();
        body.bottom
            .push(Block::Para(t(format!("\u{275d} {author}:"))));
        body.bottom
            .push(Block::Div("quote".into(), vec![Block::Para(t(quoted))]));
    }
    body.bottom.push(Block::Para(t(format!(
        "#{k} {}",
        fill(c, &[("n", &k), ("film", film)])
    ))));
    body.no_chrome = vec!["captions", "toc", "ads"];
    body
}

fn period_prose(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |f| !f.title.contains(['.', '!', '?', ':']));
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let mut text = format!(
            "{rank}. {}. {}",
            film.title,
            blurb_sentence(ctx, film, false)
        );
        if ctx.rng.gen_bool(0.5) {
            if let Some(s) = song_sentence(ctx, film, &mut body.expected) {
                text.push(' ');
                text.push_str(&s);
            }
        }
        body.entries.push(vec![Block::Para(t(text))]);
        body.heads.push(format!("{rank}. {}", film.title));
        body.films.push(film.title.to_string());
        body.expected.entries.push(entry(rank, film, None, false));
    }
    mentions(ctx, &mut body, &films, 0.5);
    body
}

fn glued_marker(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.6);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let mut prev = None;
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = format!("{rank}. {}{}", film.title, year_paren(ctx, film.year));
        let credit = match prev {
            Some(p) => fill(ctx.lang.caption, &[("film", p)]),
            None => ctx.lang.ad.to_string(),
        };
        let mut chunk = vec![Block::Para(vec![
            Span::Em(credit),
            Span::Strong(head.clone()),
        ])];
        chunk.extend(blurb(ctx, film, 0.6, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
        prev = Some(film.title);
    }
    body.no_chrome = vec!["captions"];
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn composer_then_title(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = format!("{rank}. {}", film.composer);
        let title = format!("{}{}", film.title, year_paren(ctx, film.year));
        let mut chunk = vec![Block::Lines(vec![
            vec![Span::Strong(head.clone())],
            vec![Span::Em(title)],
        ])];
        chunk.extend(blurb(ctx, film, 0.6, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn quoted_film_title(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.3);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let gap = if ctx.rng.gen_bool(0.2) { "" } else { " " };
        let head = format!(
            "{rank}.{gap}{}{}",
            ctx.q(film.title),
            year_paren(ctx, film.year)
        );
        let mut chunk = vec![Block::Lines(vec![t(head.clone()), t(film.composer)])];
        chunk.extend(blurb(ctx, film, 0.5, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    mentions(ctx, &mut body, &films, 0.4);
    body
}

fn listing_meta(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let films = choose_films(ctx, n, has_songs);
    let n = films.len();
    let total = if ctx.rng.gen_bool(0.5) { 50 } else { n as u32 };
    let mut body = new_body(headline(ctx, total), ExpectedOrder::Ascending);
    body.expected.declared_size = Some(total);
    body.top = intro(ctx, total);
    body.top.push(Block::Para(t(format!("1-{n} / {total}"))));
    let certs = ["PG", "PG-13", "R", "12", "FSK 16", "G"];
    let genres = [
        "Drama", "Comedy", "Musical", "Thriller", "Romance", "Sci-Fi",
    ];
    for (film, rank) in films.iter().zip(ranks(n, 1, false)) {
        let head = format!("{rank}. {}{}", film.title, year_paren(ctx, film.year));
        let cert = certs.choose(ctx.rng).unwrap();
        let genre = genres.choose(ctx.rng).unwrap();
        let mins = ctx.rng.gen_range(85..=175);
        let rating = ctx.rng.gen_range(55..=89) as f64 / 10.0;
        let votes = ctx.rng.gen_range(1_000..=900_000);
        let gross = ctx.rng.gen_range(10..=4_000) as f64 / 10.0;
        let meta = vec![
            t(format!("{cert} | {mins} min | {genre}")),
            t(format!(
                "{rating:.1} | Votes: {},{:03} | Gross: ${gross:.1}M",
                votes / 1000,
                votes % 1000
            )),
        ];
        let &(song, artist) = film.songs.choose(ctx.rng).unwrap();
        let linker = match ctx.lang.code {
            "en" => "by",
            "fr" => "par",
            "de" => "von",
            "it" => "di",
            "ja" => "/",
            _ => "de",
        };
        let note = format!("{} {linker} {artist}", ctx.q(song));
        add_song(&mut body.expected, song, Some(artist), Some(film.title));
        let chunk = vec![
            Block::Heading(3, vec![Span::Link(head.clone())]),
            Block::Lines(meta),
            Block::Para(t(note)),
        ];
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    body
}

fn original_in_parens(ctx: &mut Ctx) -> Body {
    ctx.p_local = 1.0;
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.6);
    let films = choose_films(ctx, n, |f| f.original.is_some());
    let n = films.len();
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let level = heading_level(ctx);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let original = film.original.unwrap_or(film.title);
        let head = format!(
            "{rank}. {} ({original}){}",
            film.title,
            year_paren(ctx, film.year)
        );
        let mut chunk = vec![Block::Heading(level, t(head.clone()))];
        chunk.extend(blurb(ctx, film, 0.5, &mut body.expected));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        let mut e = entry(rank, film, Some(film.year), false);
        e.aliases.push(format!("{} ({original})", film.title));
        body.expected.entries.push(e);
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn song_subheads(ctx: &mut Ctx) -> Body {
    let n = count(ctx).min(10);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, has_songs);
    let n = films.len();
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let artist_first = ctx.rng.gen_bool(0.3);
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = format!("{rank}. {}{}", film.title, year_paren(ctx, film.year));
        let mut chunk = vec![Block::Heading(2, t(head.clone()))];
        let k = ctx.rng.gen_range(1..=film.songs.len().min(2));
        for &(song, artist) in film.songs.iter().take(k) {
            let sub = if artist_first {
                format!("{artist}: {}", ctx.q(song))
            } else {
                format!("{} – {artist}", ctx.q(song))
            };
            chunk.push(Block::Heading(4, t(sub)));
            add_song(&mut body.expected, song, Some(artist), Some(film.title));
        }
        chunk.push(Block::Para(t(blurb_sentence(ctx, film, false))));
        body.entries.push(chunk);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, Some(film.year), false));
    }
    mentions(ctx, &mut body, &films, 0.45);
    body
}

fn ul_numbered(ctx: &mut Ctx) -> Body {
    let n = count(ctx);
    let desc = ctx.rng.gen_bool(0.5);
    let films = choose_films(ctx, n, |_| true);
    let mut body = new_body(headline(ctx, n as u32), order_of(desc));
    body.expected.declared_size = Some(n as u32);
    body.top = intro(ctx, n as u32);
    let with_year = ctx.rng.gen_bool(0.6);
    let mut items = Vec::new();
    for (film, rank) in films.iter().zip(ranks(n, 1, desc)) {
        let head = if with_year {
            format!("{rank}. {}{}", film.title, year_paren(ctx, film.year))
        } else {
            format!("{rank}. {}", film.title)
        };
        let mut item = vec![Span::Strong(head.clone())];
        let mut tail = format!(" – {}", blurb_sentence(ctx, film, false));
        if ctx.rng.gen_bool(0.4) {
            if let Some(sng) = song_sentence(ctx, film, &mut body.expected) {
                tail.push(' ');
                tail.push_str(&sng);
            }
        }
        item.push(Span::Text(tail));
        items.push(item);
        body.heads.push(head);
        body.films.push(film.title.to_string());
        body.expected
            .entries
            .push(entry(rank, film, with_year.then_some(film.year), false));
    }
    body.entries.push(vec![Block::Bullets(items)]);
    body.no_chrome = vec!["captions"];
    mentions(ctx, &mut body, &films, 0.45);
    body
}
