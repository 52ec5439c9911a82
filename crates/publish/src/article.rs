//! The consensus article: a headline, an intro stating how the ranking was made, the films
//! counted down with a paragraph each composed from the data, honorable mentions, the
//! methodology and every source list.
//!
//! The words are composed once ([`compose`]) and then written as Markdown or as an HTML page;
//! every piece of text that came from a document is escaped for where it goes. Sentences vary
//! with each film's position and numbers, never with chance: the same data gives the same bytes.

use crate::{md_cell, score_text, Result};
use needledrop_app::{Article, ArticleFilm, ReportRow, EXCERPT_WORDS};
use needledrop_model::SoundtrackKind;
use std::io::Write;

/// The words of an article, before they are written in a format.
#[derive(Debug, Clone, PartialEq)]
pub struct Composed {
    /// The headline.
    pub headline: String,
    /// The intro's paragraphs.
    pub intro: Vec<String>,
    /// The criteria the lists state: (list name, quoted words).
    pub criteria: Vec<(String, String)>,
    /// The films counted down, the last-placed first.
    pub entries: Vec<ComposedEntry>,
    /// The next films, best first: "Title (Year)".
    pub honorable: Vec<String>,
    /// The methodology's paragraphs.
    pub methodology: Vec<String>,
    /// Every source list.
    pub sources: Vec<ComposedSource>,
}

/// One film of the countdown.
#[derive(Debug, Clone, PartialEq)]
pub struct ComposedEntry {
    /// "3." or "3=." with the film's title and year.
    pub heading: String,
    /// The paragraph composed from the data.
    pub paragraph: String,
    /// The most-cited songs: (title, artist).
    pub songs: Vec<(String, Option<String>)>,
    /// One quotation from a list: (words, list name, link).
    pub excerpt: Option<(String, String, Option<String>)>,
}

/// One source list as the sources section shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ComposedSource {
    /// The outlet, if the list names one.
    pub outlet: String,
    /// The list's title.
    pub title: String,
    /// Its author.
    pub author: String,
    /// Its date as printed.
    pub date: String,
    /// Its address, when it gave one.
    pub url: Option<String>,
    /// The weight it carried.
    pub weight: String,
}

/// Songs shown per film.
const SONGS_SHOWN: usize = 3;

/// Films excluded by eligibility rules named in the intro (the rest are counted).
const EXCLUSIONS_NAMED: usize = 10;

fn film_name(row: &ReportRow) -> String {
    match row.year {
        Some(y) => format!("{} ({y})", row.title),
        None => row.title.clone(),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn kind_phrase(kind: SoundtrackKind) -> &'static str {
    match kind {
        SoundtrackKind::Score => "an original score",
        SoundtrackKind::Compilation => "a compilation of existing songs",
        SoundtrackKind::OriginalSongs => "songs written for the film",
        SoundtrackKind::Covers => "cover versions",
        SoundtrackKind::Mixed => "a mix of score and songs",
    }
}

/// The paragraph for the film at `index` (0 = the top film). Which sentence shapes are used
/// depends on the index and the numbers, so neighbouring entries read differently.
fn paragraph(index: usize, row: &ReportRow, film: &ArticleFilm, lists: usize) -> String {
    let mut s: Vec<String> = Vec::new();
    let named = film.citations.len();
    let ranked: Vec<_> = film.citations.iter().filter(|c| c.rank.is_some()).collect();
    let mentioned = named - ranked.len();
    // How many lists name it.
    if named == 0 {
        s.push(format!(
            "It is named by {} of the {lists} lists.",
            row.lists_ranking + row.lists_mentioning
        ));
    } else if named == 1 {
        let c = &film.citations[0];
        s.push(match c.rank {
            Some(r) => format!("Only one list names it: {} puts it at #{r}.", c.source),
            None => format!("Only {} names it, as a mention without a rank.", c.source),
        });
    } else if named == lists {
        s.push(format!("Every one of the {lists} lists names it."));
    } else {
        let mention_note = if mentioned > 0 {
            format!(
                " ({} ranked, {})",
                ranked.len(),
                count(mentioned, "as an unranked mention", "as unranked mentions")
            )
        } else {
            String::new()
        };
        s.push(match index % 3 {
            0 => format!("{named} of the {lists} lists name it{mention_note}."),
            1 => format!("It appears on {named} of {lists} lists{mention_note}."),
            _ => format!("{named} lists out of {lists} make room for it{mention_note}."),
        });
    }
    // Its best placing, and where it was #1.
    let firsts: Vec<String> = ranked
        .iter()
        .filter(|c| c.rank == Some(1))
        .map(|c| c.source.clone())
        .collect();
    if !firsts.is_empty() && named > 1 {
        s.push(if firsts.len() > 3 {
            format!(
                "{} lists put it at #1, among them {}.",
                firsts.len(),
                and_list(&firsts[..2])
            )
        } else {
            format!("{} put it at #1.", and_list(&firsts))
        });
    } else if let (Some(best), true) = (ranked.first(), ranked.len() > 1) {
        let rank = best.rank.unwrap_or_default();
        let ties: Vec<String> = ranked
            .iter()
            .filter(|c| c.rank == best.rank)
            .map(|c| c.source.clone())
            .collect();
        let median = row
            .median_rank
            .filter(|m| *m != f64::from(rank))
            .map(|m| format!(", and its median placing is #{}", score_text(m)))
            .unwrap_or_default();
        s.push(match index % 2 {
            0 => format!(
                "Its best placing is #{rank}, from {}{median}.",
                and_list(&ties)
            ),
            _ => format!(
                "{} {} it highest, at #{rank}{median}.",
                and_list(&ties),
                if ties.len() == 1 { "ranks" } else { "rank" }
            ),
        });
    }
    // How settled its place is.
    if let Some([low, high]) = row.rank_interval {
        let spread = high - low;
        s.push(if spread == 0 {
            format!("Resampling the lists never moves it from #{low}.")
        } else if spread <= 2 {
            format!(
                "Its place is settled: resampling the lists keeps it between #{low} and #{high}."
            )
        } else if index.is_multiple_of(2) {
            format!(
                "Its place is less certain: resampled, the lists put it anywhere from #{low} to #{high}."
            )
        } else {
            format!("Resampled, the lists place it anywhere between #{low} and #{high}.")
        });
    }
    // The film itself.
    let directors = and_list(&row.directors);
    s.push(match (directors.is_empty(), film.soundtrack_kind) {
        (false, Some(kind)) => match index % 3 {
            0 => format!(
                "Directed by {directors}, its soundtrack is {}.",
                kind_phrase(kind)
            ),
            1 => format!(
                "{directors} directed it; the music is {}.",
                kind_phrase(kind)
            ),
            _ => format!("The music of {directors}'s film is {}.", kind_phrase(kind)),
        },
        (false, None) => format!("{directors} directed it."),
        (true, Some(kind)) => format!("Its soundtrack is {}.", kind_phrase(kind)),
        (true, None) => String::new(),
    });
    s.retain(|x| !x.is_empty());
    s.join(" ")
}

/// The article's words.
pub fn compose(article: &Article) -> Composed {
    let c = &article.consensus;
    let lists = article.sources.len();
    let featured = article.featured;
    let according = if article.source_documents != lists {
        format!(
            "according to {} from {}",
            count(lists, "list", "lists"),
            count(article.source_documents, "source", "sources")
        )
    } else {
        format!("according to {}", count(lists, "list", "lists"))
    };
    let headline = if featured == 1 {
        format!("The best movie soundtrack of all time, {according}")
    } else {
        format!("The {featured} best movie soundtracks of all time, {according}")
    };

    let mut intro = Vec::new();
    // "the borda method (Borda count; …; parameters: unlisted = …)"
    let mut about: Vec<String> = article.method_description.iter().cloned().collect();
    if !c.parameters.is_empty() {
        let params: Vec<String> = c
            .parameters
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect();
        about.push(format!("parameters: {}", params.join(", ")));
    }
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" ({})", about.join("; "))
    };
    intro.push(format!(
        "This ranking combines {} read from {}. Films are ordered by the {} method{about}. \
         Weighting: {}.",
        count(lists, "list", "lists"),
        count(
            article.source_documents,
            "source document",
            "source documents"
        ),
        c.method,
        c.weighting.describe()
    ));
    intro.push(match &c.eligibility {
        Some(e) => {
            let name = e.name.as_deref().unwrap_or("eligibility rules");
            let mut p = format!("Eligibility ({name}): {}.", e.rules.join("; "));
            if !e.excluded.is_empty() {
                let mut names: Vec<String> = e
                    .excluded
                    .iter()
                    .take(EXCLUSIONS_NAMED)
                    .map(|x| match x.year {
                        Some(y) => format!("{} ({y})", x.title),
                        None => x.title.clone(),
                    })
                    .collect();
                if e.excluded.len() > EXCLUSIONS_NAMED {
                    names.push(format!("{} more", e.excluded.len() - EXCLUSIONS_NAMED));
                }
                p.push_str(&format!(
                    " {} excluded: {}.",
                    count(e.excluded.len(), "film was", "films were"),
                    and_list(&names)
                ));
            }
            if e.lists_left_out > 0 {
                p.push_str(&format!(
                    " {} left out by outlet.",
                    count(e.lists_left_out, "list was", "lists were")
                ));
            }
            p
        }
        None => "No eligibility rules were applied: every film the lists name can rank.".into(),
    });
    let criteria: Vec<(String, String)> = article
        .sources
        .iter()
        .flat_map(|s| {
            s.notes.iter().filter_map(move |n| {
                needledrop_app::excerpt_of(n, EXCERPT_WORDS)
                    .map(|(text, cut)| (s.name(), if cut { format!("{text}…") } else { text }))
            })
        })
        .collect();
    intro.push(if criteria.is_empty() {
        "None of the lists states its criteria.".into()
    } else {
        "The lists state their own criteria:".into()
    });

    let entries = c
        .rows
        .iter()
        .zip(&article.films)
        .take(featured)
        .enumerate()
        .rev()
        .map(|(i, (row, film))| ComposedEntry {
            heading: format!(
                "{}{}. {}",
                row.rank,
                if row.tied { "=" } else { "" },
                film_name(row)
            ),
            paragraph: paragraph(i, row, film, lists),
            songs: row
                .songs
                .iter()
                .take(SONGS_SHOWN)
                .map(|s| (s.title.clone(), s.artist.clone()))
                .collect(),
            excerpt: film.excerpt.as_ref().map(|e| {
                let text = if e.shortened {
                    format!("{}…", e.text)
                } else {
                    e.text.clone()
                };
                (text, e.source.clone(), e.url.clone())
            }),
        })
        .collect();
    let honorable = c.rows.iter().skip(featured).map(film_name).collect();

    let cut_tie = match (
        featured.checked_sub(1).map(|i| &c.rows[i]),
        c.rows.get(featured),
    ) {
        (Some(last), Some(next)) if last.rank == next.rank => c.rows[featured..]
            .iter()
            .take_while(|r| r.rank == last.rank)
            .count(),
        _ => 0,
    };
    let mut methodology = vec![format!(
        "{}. Tied films share a rank (shown as 3=); inside a tie, films are ordered by #1 count, \
         then lists naming them, then best rank, then name.",
        crate::consensus_title(c)
    )];
    if cut_tie > 0 {
        methodology.push(format!(
            "The countdown stops inside a tie: {} the last film counted down at \
             #{}= and {} the honorable mentions.",
            count(cut_tie, "more film shares", "more films share"),
            c.rows[featured].rank,
            if cut_tie == 1 { "opens" } else { "open" }
        ));
    }
    if let Some(b) = &c.bootstrap {
        methodology.push(format!(
            "Rank intervals come from a bootstrap: the lists were resampled with replacement {} \
             times (seed {}), each sample ranked by the same method; a film's interval holds {}% \
             of the ranks it took{}.",
            b.replicates,
            b.seed,
            score_text(b.level * 100.0),
            if b.skipped > 0 {
                format!(" ({} samples could not be ranked)", b.skipped)
            } else {
                String::new()
            }
        ));
    } else {
        methodology.push("No bootstrap ran, so no rank intervals are given.".into());
    }
    methodology.push(format!(
        "Excerpts quote at most {EXCERPT_WORDS} words of a list's own text about the film, \
         preferring lists quoted less often so far. Songs are the ones the lists cite most for \
         the film."
    ));
    let sources = article
        .sources
        .iter()
        .map(|s| ComposedSource {
            outlet: s.outlet.clone().unwrap_or_default(),
            title: s.title.clone().unwrap_or_else(|| s.name()),
            author: s.author.clone().unwrap_or_default(),
            date: s.date.clone().unwrap_or_default(),
            url: s.url.clone(),
            weight: score_text(s.weight),
        })
        .collect();
    Composed {
        headline,
        intro,
        criteria,
        entries,
        honorable,
        methodology,
        sources,
    }
}

/// Text made safe inside Markdown prose: the table-cell escaping ([`md_cell`]: emphasis, code,
/// links and HTML made inert, lines whole), and a `#` that would start a heading.
pub fn md_text(s: &str) -> String {
    let cell = md_cell(s);
    match cell.starts_with('#') {
        true => format!("\\{cell}"),
        false => cell,
    }
}

/// An address fit for a link: only `http` and `https`, with characters that would end a
/// Markdown link or an HTML attribute percent-encoded.
pub fn safe_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for ch in url.chars() {
        match ch {
            ' ' | '(' | ')' | '<' | '>' | '"' | '\'' | '`' | '\\' | '[' | ']' => {
                out.push_str(&format!("%{:02X}", ch as u32));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

fn song_text(title: &str, artist: Option<&str>) -> String {
    match artist {
        Some(a) => format!("\u{201c}{title}\u{201d} by {a}"),
        None => format!("\u{201c}{title}\u{201d}"),
    }
}

/// Writes the article as Markdown.
pub fn article_markdown(out: &mut impl Write, article: &Article) -> Result<()> {
    let d = compose(article);
    writeln!(out, "# {}\n", md_text(&d.headline))?;
    for p in &d.intro {
        writeln!(out, "{}\n", md_text(p))?;
    }
    for (source, words) in &d.criteria {
        writeln!(
            out,
            "- {}: \u{201c}{}\u{201d}",
            md_text(source),
            md_text(words)
        )?;
    }
    if !d.criteria.is_empty() {
        writeln!(out)?;
    }
    for e in &d.entries {
        writeln!(out, "## {}\n", md_text(&e.heading))?;
        writeln!(out, "{}\n", md_text(&e.paragraph))?;
        if !e.songs.is_empty() {
            let songs: Vec<String> = e
                .songs
                .iter()
                .map(|(t, a)| md_text(&song_text(t, a.as_deref())))
                .collect();
            writeln!(out, "Most-cited songs: {}.\n", songs.join("; "))?;
        }
        if let Some((text, source, url)) = &e.excerpt {
            let by = match url.as_deref().and_then(safe_url) {
                Some(u) => format!("[{}]({u})", md_text(source)),
                None => md_text(source),
            };
            writeln!(out, "> \u{201c}{}\u{201d} \u{2014} {by}\n", md_text(text))?;
        }
    }
    if !d.honorable.is_empty() {
        writeln!(out, "## Honorable mentions\n")?;
        for h in &d.honorable {
            writeln!(out, "- {}", md_text(h))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Methodology\n")?;
    for p in &d.methodology {
        writeln!(out, "{}\n", md_text(p))?;
    }
    writeln!(out, "## Sources\n")?;
    let rows: Vec<Vec<String>> = d
        .sources
        .iter()
        .map(|s| {
            // The table escapes its cells, emphasis and links included.
            vec![
                s.outlet.clone(),
                s.title.clone(),
                s.author.clone(),
                s.date.clone(),
                s.url.as_deref().and_then(safe_url).unwrap_or_default(),
                s.weight.clone(),
            ]
        })
        .collect();
    crate::markdown_table(
        out,
        &["outlet", "title", "author", "date", "address", "weight"],
        &rows,
    )
}

/// Writes the article as a standalone HTML page; every text is escaped by `maud`.
pub fn article_html(out: &mut impl Write, article: &Article) -> Result<()> {
    use maud::{html, DOCTYPE};
    let d = compose(article);
    let link = |text: &str, url: Option<&str>| match url.and_then(safe_url) {
        Some(u) => html! { a href=(u) rel="nofollow noopener" { (text) } },
        None => html! { (text) },
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (d.headline) }
            }
            body {
                article {
                    h1 { (d.headline) }
                    @for p in &d.intro { p { (p) } }
                    @if !d.criteria.is_empty() {
                        ul.criteria {
                            @for (source, words) in &d.criteria {
                                li { (source) ": " q { (words) } }
                            }
                        }
                    }
                    @for e in &d.entries {
                        section.entry {
                            h2 { (e.heading) }
                            p { (e.paragraph) }
                            @if !e.songs.is_empty() {
                                p.songs {
                                    "Most-cited songs: "
                                    @for (i, (t, a)) in e.songs.iter().enumerate() {
                                        @if i > 0 { "; " }
                                        (song_text(t, a.as_deref()))
                                    }
                                    "."
                                }
                            }
                            @if let Some((text, source, url)) = &e.excerpt {
                                blockquote {
                                    p { "\u{201c}" (text) "\u{201d}" }
                                    footer { "\u{2014} " (link(source, url.as_deref())) }
                                }
                            }
                        }
                    }
                    @if !d.honorable.is_empty() {
                        section.honorable {
                            h2 { "Honorable mentions" }
                            ul { @for h in &d.honorable { li { (h) } } }
                        }
                    }
                    section.methodology {
                        h2 { "Methodology" }
                        @for p in &d.methodology { p { (p) } }
                    }
                    section.sources {
                        h2 { "Sources" }
                        table {
                            thead { tr { th { "outlet" } th { "title" } th { "author" } th { "date" } th { "weight" } } }
                            tbody {
                                @for s in &d.sources {
                                    tr {
                                        td { (s.outlet) }
                                        td { (link(&s.title, s.url.as_deref())) }
                                        td { (s.author) }
                                        td { (s.date) }
                                        td { (s.weight) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    out.write_all(page.into_string().as_bytes())?;
    writeln!(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_prose_cannot_carry_markup_or_links() {
        assert_eq!(
            md_text("*bold* [x](y) <b>"),
            "\\*bold\\* \\[x\\](y) &lt;b&gt;"
        );
        assert_eq!(md_text("a|b"), "a\\|b");
    }

    #[test]
    fn only_web_addresses_become_links_and_cannot_break_out() {
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(
            safe_url("https://x.test/a b)\"").as_deref(),
            Some("https://x.test/a%20b%29%22")
        );
    }

    #[test]
    fn lists_of_names_read_as_prose() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&names(&["A"])), "A");
        assert_eq!(and_list(&names(&["A", "B", "C"])), "A, B and C");
    }
}
