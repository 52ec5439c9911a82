//! Articles (plain text, Markdown, HTML) → one ranked list.
//!
//! All three readers turn the document into lines (`layout`, `html`) and share the rest:
//!
//! 1. `entries`: every numbered line is a candidate; the longest consistent countdown (or
//!    count-up) among candidates of one layout is the list. Ties and gaps are kept as printed.
//!    A table of contents (numbered items printed again further down) gives way to the later
//!    lines; after a sentence disowning the order, headings or bare title lines are the picks.
//! 2. `mentions`: "Honorable mentions: …" and "Other noteworthy soundtracks include: …"
//!    wherever they stand; their lines leave the blurbs.
//! 3. Blurbs: the prose between one entry and the next, without page furniture ("Related:",
//!    "Recommended", "Advertisement", footers).
//! 4. `year`, `songs`, `notes`: the year printed in the blurb, the songs its quotes cite,
//!    the sentences that state the list's rules, and the size it announces.
//!
//! Every step is a single pass or a bounded look-around, with `regex` (no backtracking), so the
//! time is linear in the document's length.

mod artists;
mod entries;
mod heads;
mod html;
mod layout;
mod mentions;
mod notes;
mod songs;
mod year;

use crate::ExtractError;
use layout::{plain, Doc, Flavor, Line};
use needledrop_model::{Entry, List, Mention, Order, Rank, SongCitation, Year};
use regex::Regex;
use std::sync::LazyLock;

/// Reads a plain-text article.
pub fn read_text(text: &str) -> Result<List, ExtractError> {
    build(Doc::from_text(text, Flavor::Text))
}

/// Reads a Markdown article.
pub fn read_markdown(text: &str) -> Result<List, ExtractError> {
    build(Doc::from_text(text, Flavor::Markdown))
}

/// Reads an HTML page.
pub fn read_html(html: &str) -> Result<List, ExtractError> {
    let depth = html::nesting_depth(html);
    if depth > html::MAX_DEPTH {
        return Err(ExtractError::Invalid(format!(
            "the HTML nests elements {depth} levels deep (at most {} are read); expected an article page",
            html::MAX_DEPTH
        )));
    }
    let elements = html::start_tags(html);
    if elements > html::MAX_ELEMENTS {
        return Err(ExtractError::Invalid(format!(
            "the HTML page has about {elements} elements (at most {} are read); an article page has far fewer — save the part of the page with the list, or its text, and read that",
            html::MAX_ELEMENTS
        )));
    }
    let (doc, source_lines) = html::to_doc(html);
    let mut list = build(doc)?;
    source_lines.locate(&mut list);
    Ok(list)
}

/// What each line of the document is, once the entries are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Text,
    EntryHead(usize),
    Title,
    Furniture,
    Mention,
    Note,
}

fn build(doc: Doc) -> Result<List, ExtractError> {
    let flavor = doc.flavor;
    let lines = &doc.lines;
    let all_cands = entries::candidates(lines);
    // The first sentence that disowns the order governs the list that follows it.
    let disclaimer = lines
        .iter()
        .position(|l| disowns_ranks(&plain(&l.text, flavor)));
    // A table of contents prints the heads again further down: the later lines are the list
    // when they carry their own numbers, or when the order is disowned after the contents.
    let contents = entries::contents_items(&all_cands, lines);
    let disowned_after_contents = disclaimer.is_some_and(|d| d > contents.last_line);
    let mut contents_dropped =
        contents.items.contains(&true) && (contents.renumbered || disowned_after_contents);
    let mut cands: Vec<entries::Candidate> = all_cands
        .iter()
        .zip(&contents.items)
        .filter(|(_, &in_contents)| !(contents_dropped && in_contents))
        .map(|(c, _)| c.clone())
        .collect();
    let mut chain = entries::best_chain(&cands, lines).filter(|c| c.members.len() >= 2);
    if contents_dropped && !disowned_after_contents {
        // The renumbered lines must then be the list; else the contents stay in the running.
        let items = contents.items.iter().filter(|&&t| t).count();
        let covered = chain.as_ref().map_or(0, |c| {
            c.members
                .iter()
                .filter(|&&m| contents.repeats.contains(&cands[m].line))
                .count()
        });
        if covered * 5 < items * 4 {
            contents_dropped = false;
            cands = all_cands.clone();
            chain = entries::best_chain(&cands, lines).filter(|c| c.members.len() >= 2);
        }
    }
    // No printed ranks: headings of one level that each introduce prose may be an unranked
    // list, if the article says so or announces exactly that many picks. When the article
    // says its picks are in no order, a longer run of such headings also beats a short
    // numbered list (related links, a poll) found elsewhere on the page.
    let mut from_headings = false;
    let short_chain = chain.as_ref().map_or(0, |c| c.members.len());
    if chain.is_none() || short_chain < 8 || disclaimer.is_some() {
        let skip = |t: &str| {
            let t = plain(t, flavor);
            layout::is_junk(&t) || mentions::has_label(&t)
        };
        let mut run = entries::heading_run(lines, skip);
        // Plain text has no headings: after the sentence that disowns the order, bare title
        // lines open the picks.
        if run.is_empty() {
            if let Some(from) = disclaimer {
                run = entries::bare_title_run(lines, from, flavor, skip);
            }
        }
        if !run.is_empty() {
            let first = run[0].line;
            let before: Vec<String> = lines[..first]
                .iter()
                .map(|l| plain(&l.text, flavor))
                .collect();
            let before = before.join("\n");
            let title = doc.meta.title.clone().unwrap_or_default();
            let announced = notes::declared_size(&before)
                .or_else(|| notes::declared_size(&title))
                .is_some_and(|n| usize::try_from(n).is_ok_and(|n| n == run.len()));
            let disowned = disowns_ranks(&before);
            // Numbered heads are the chain itself, read already.
            let same_list = chain.as_ref().is_some_and(|c| {
                c.members
                    .iter()
                    .any(|&m| run.iter().any(|r| r.line == cands[m].line))
            });
            let beats_chain =
                chain.is_none() || (disowned && run.len() > short_chain && !same_list);
            // Heads a table of contents numbered are ranked by it unless the order is disowned.
            let announced = announced && !contents_dropped;
            if beats_chain && (announced || disowned) {
                chain = Some(entries::Chain {
                    members: (0..run.len()).collect(),
                    descending: false,
                });
                cands = run;
                from_headings = true;
            }
        }
    }
    if chain.is_none() && contents_dropped {
        // Nothing else is numbered: the contents' numbers are the only ranks printed.
        cands = all_cands;
        chain = entries::best_chain(&cands, lines).filter(|c| c.members.len() >= 2);
    }
    let chain = chain.ok_or(ExtractError::NoEntries)?;
    let mut roles = vec![Role::Text; lines.len()];
    let mut is_entry = vec![false; lines.len()];
    for (k, &ci) in chain.members.iter().enumerate() {
        let li = cands[ci].line;
        roles[li] = Role::EntryHead(k);
        is_entry[li] = true;
        if let Some(r) = cands[ci].rank_line {
            roles[r] = Role::Furniture;
            is_entry[r] = true;
        }
    }
    let first_entry_line = cands[chain.members[0]].line;
    let last_entry_line = cands[chain.members[chain.members.len() - 1]].line;

    let mut list = List::new(if chain.descending {
        Order::Descending
    } else {
        Order::Ascending
    });
    list.outlet = doc.meta.outlet.clone();
    list.author = doc.meta.author.clone();
    list.date = doc.meta.date.clone();
    list.url = doc.meta.url.clone();

    // Title: from metadata, else the first heading or short first line of the introduction.
    list.title = doc
        .meta
        .title
        .clone()
        .filter(|_| !doc.meta.title_is_fallback);
    if let Some(ti) = title_line(lines, first_entry_line, flavor) {
        if list.title.is_none() {
            list.title = Some(plain(&lines[ti].text, flavor));
        }
        roles[ti] = Role::Title;
    }
    if list.title.is_none() {
        list.title = doc.meta.title.clone();
    }

    // Furniture, footers and notes.
    let mut notes: Vec<String> = Vec::new();
    let mut in_footer = false;
    for (i, line) in lines.iter().enumerate() {
        if roles[i] != Role::Text || line.is_blank() {
            continue;
        }
        let text = plain(&line.text, flavor);
        if i > last_entry_line && layout::is_footer(&text) {
            in_footer = true;
        }
        if in_footer || layout::is_junk(&text) {
            roles[i] = Role::Furniture;
        } else if let Some(note) = layout::note_line(&text) {
            notes.push(note);
            roles[i] = Role::Note;
        } else if i < first_entry_line && list.author.is_none() {
            if let Some(author) = layout::byline(&text) {
                list.author = Some(author);
                roles[i] = Role::Furniture;
            }
        }
    }

    // Mentions, wherever they stand.
    let blocked: Vec<bool> = roles.iter().map(|r| *r != Role::Text).collect();
    let (found, used) = mentions::find(lines, &blocked, flavor);
    for (i, u) in used.iter().enumerate() {
        if *u {
            roles[i] = Role::Mention;
        }
    }
    list.mentions = found
        .into_iter()
        .map(|f| Mention {
            title: f.title,
            year: f.year.and_then(|y| Year::new(y).ok()),
        })
        .collect();

    // Entries with their blurbs: the heads read with one template for the whole list.
    let reading = heads::read(&cands, &chain.members, lines, flavor);
    for &j in &reading.used_lines {
        if roles[j] == Role::Text {
            roles[j] = Role::Furniture;
        }
    }
    let mut films = songs::FilmTitles::default();
    for reads in &reading.reads {
        for r in reads {
            films.add(&r.head.title);
        }
    }
    for m in &list.mentions {
        films.add(&m.title);
    }
    // House style: when the entries' prose quotes (almost) nothing, songs are printed bare.
    let quoted_in_prose: usize = chain
        .members
        .iter()
        .enumerate()
        .map(|(k, &ci)| {
            let start = cands[ci].line + 1;
            let end = chain
                .members
                .get(k + 1)
                .map_or(lines.len(), |&n| cands[n].line);
            (start.saturating_sub(1)..end.min(lines.len()))
                .filter(|&i| matches!(roles[i], Role::Text | Role::EntryHead(_)))
                .map(|i| heads::quoted_spans(&lines[i].text).len())
                .sum::<usize>()
        })
        .sum();
    let unquoted_style = quoted_in_prose * 4 < chain.members.len();
    // Entries whose text ran past BLURB_LIMIT (said once, after the entries).
    let mut long_blurbs: Vec<u32> = Vec::new();
    for (k, &ci) in chain.members.iter().enumerate() {
        let cand = &cands[ci];
        let start = cand.line + 1;
        let end = chain
            .members
            .get(k + 1)
            .map_or(lines.len(), |&n| cands[n].line);
        let reads = reading.reads.get(k).cloned().unwrap_or_default();
        let tie_line = reads.len() > 1;
        for (ri, read) in reads.into_iter().enumerate() {
            let head = read.head;
            let mut paragraphs = if ri == 0 {
                let (paragraphs, cut) = paragraphs(lines, &roles, start, end, flavor);
                if cut {
                    long_blurbs.push(cand.rank);
                }
                paragraphs
            } else {
                Vec::new()
            };
            if let Some(inline) = &head.inline_blurb {
                paragraphs.insert(0, inline.clone());
            }
            let blurb = paragraphs.join("\n\n");
            let year = head.year.or_else(|| {
                paragraphs
                    .first()
                    .and_then(|p| year::year_in_blurb(p, &head.title))
            });
            let rank = Rank::new(cand.rank).map_err(|_| ExtractError::NoEntries)?;
            let mut entry = Entry::new(rank, head.title.clone());
            entry.tied = cand.tie_marker || tie_line;
            entry.year = year.and_then(|y| Year::new(y).ok());
            entry.credit = head.credit.clone();
            let mut songs = read.songs;
            // The ranked song's performer, named in the entry's prose.
            if songs.iter().any(|s| s.artist.is_none()) {
                let mut titles: Vec<&str> = songs.iter().map(|s| s.title.as_str()).collect();
                titles.push(&head.title);
                if let Some(artist) = songs::artist_in_prose(&blurb, &titles) {
                    for s in songs.iter_mut().filter(|s| s.artist.is_none()) {
                        s.artist = Some(artist.clone());
                    }
                }
            }
            if ri == 0 {
                songs.extend(tracklist_songs(lines, &roles, start, end, flavor));
                let mut prose_songs = songs::songs_in(&blurb, &films);
                if unquoted_style {
                    prose_songs.extend(songs::unquoted_songs(&blurb, &films));
                }
                let mut keys: std::collections::HashSet<String> =
                    songs.iter().map(|x| title_key(&x.title)).collect();
                for s in prose_songs {
                    if keys.insert(title_key(&s.title)) {
                        songs.push(s);
                    }
                }
            }
            // An instrumental cue credited in the entry (its head, else its prose) takes the
            // credit as its artist; a surname alone (`Myers’ piece`) is the credited
            // composer's full name.
            let prose_credit = if entry.credit.is_none() && songs.iter().any(|s| s.artist.is_none())
            {
                let titles: Vec<&str> = songs.iter().map(|s| s.title.as_str()).collect();
                songs::composer_in_prose(&blurb, &titles)
            } else {
                None
            };
            if let Some(credit) = entry.credit.as_ref().or(prose_credit.as_ref()) {
                for s in songs.iter_mut() {
                    match &s.artist {
                        None => s.artist = Some(credit.clone()),
                        Some(a)
                            if !a.contains(' ')
                                && credit.split_whitespace().last() == Some(a.as_str()) =>
                        {
                            s.artist = Some(credit.clone());
                        }
                        _ => {}
                    }
                }
            }
            entry.songs = songs;
            entry.blurb = blurb;
            entry.line = lines[cand.line].number;
            list.entries.push(entry);
        }
    }
    if let Some(first) = long_blurbs.first() {
        list.warnings.push(format!(
            "the text after entry #{first}{more} runs past {} KB; its blurb keeps the first {} KB (the document is stored whole)",
            BLURB_LIMIT / 1024,
            BLURB_LIMIT / 1024,
            more = match long_blurbs.len() {
                1 => String::new(),
                n => format!(" and {} other entries", n - 1),
            },
        ));
    }
    artists::complete(&mut list.entries, || {
        lines
            .iter()
            .map(|l| plain(&l.text, flavor))
            .collect::<Vec<_>>()
            .join("\n")
    });
    // Doubtful entries go to review: a title that reads like prose, or none at all.
    let mut confidence = reading.confidence;
    list.warnings.extend(reading.warnings.iter().cloned());
    let mut doubtful = 0usize;
    for e in &list.entries {
        let words = e.title.split_whitespace().count();
        if words == 0 {
            doubtful += 1;
            list.warnings.push(format!(
                "entry {}: no title could be read from its head",
                e.rank
            ));
        } else if words > 12 || e.title.ends_with(['.', '!', '?']) && words > 6 {
            doubtful += 1;
            list.warnings.push(format!(
                "entry {}: the title \"{}\" reads like prose ({} words); the head may hold more than the film",
                e.rank, e.title, words
            ));
        }
    }
    if !list.entries.is_empty() {
        confidence *= 1.0 - 0.5 * doubtful as f64 / list.entries.len() as f64;
    }
    if confidence < 0.6 {
        list.warnings.push(format!(
            "the article was read with low confidence ({confidence:.2}): {}",
            reading.description
        ));
    }
    list.reading = Some(reading.description.clone());
    list.confidence = Some((confidence * 100.0).round() / 100.0);

    // The introduction: rules, announced size, songs named before the first entry.
    let intro = paragraphs(lines, &roles, 0, first_entry_line, flavor)
        .0
        .join("\n\n");
    let mut intro_notes = notes::criteria(&intro);
    intro_notes.append(&mut notes);
    list.notes = intro_notes;
    list.declared_size = list
        .title
        .as_deref()
        .and_then(notes::declared_size)
        .or_else(|| notes::declared_size(&intro));
    // Quoted titles in an introduction sentence about films ("concert films are excluded, so
    // 'A' and 'B' …") are films, not songs.
    let mut top_songs: Vec<SongCitation> = Vec::new();
    let mut seen_titles: std::collections::HashSet<String> = std::collections::HashSet::new();
    for sentence in notes::sentences(&intro) {
        let about_films = FILM_WORDS.is_match(sentence) && !SONG_WORDS.is_match(sentence);
        for s in songs::songs_in(sentence, &films) {
            let film_in_film_talk = about_films && s.artist.is_none();
            if !film_in_film_talk && seen_titles.insert(title_key(&s.title)) {
                top_songs.push(s);
            }
        }
    }
    let mention_text: Vec<String> = lines
        .iter()
        .zip(&roles)
        .filter(|(_, r)| **r == Role::Mention)
        .map(|(l, _)| plain(&l.text, flavor))
        .collect();
    if !mention_text.is_empty() {
        top_songs.extend(songs::songs_in(&mention_text.join("\n"), &films));
    }
    list.songs = top_songs;

    // Numbers the article disowns ("in alphabetical order; the number is not a position"), or
    // no numbers at all: every pick is a mention and nothing is ranked.
    if from_headings || disowns_ranks(&intro) {
        list.order = Order::Unranked;
        let entries = std::mem::take(&mut list.entries);
        let mut mentions: Vec<Mention> = Vec::with_capacity(entries.len() + list.mentions.len());
        let mut songs: Vec<SongCitation> = Vec::new();
        for e in entries {
            songs.extend(e.songs);
            mentions.push(Mention {
                title: e.title,
                year: e.year,
            });
        }
        mentions.append(&mut list.mentions);
        list.mentions = mentions;
        songs.append(&mut list.songs);
        list.songs = songs;
        let how = if from_headings {
            "no printed ranks; each heading read as an unranked pick"
        } else {
            "the article says its numbers are not ranks; every item read as an unranked pick"
        };
        list.reading = Some(format!(
            "{how}; {}",
            list.reading.as_deref().unwrap_or_default()
        ));
        list.confidence = list.confidence.map(|c| (c * 0.9 * 100.0).round() / 100.0);
        return Ok(list);
    }

    mark_ties_and_gaps(&mut list);
    Ok(list)
}

/// Words for films, in several languages.
static FILM_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:films?|movies?|pel[íi]culas?|filmes?|película)\b").expect("valid regex")
});
/// Words for songs and pieces, in several languages.
static SONG_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:songs?|tracks?|singles?|tunes?|ballads?|themes?|cues?|canci[óo]n(?:es)?|chansons?|lieder|lied|canzon[ei]|can[çc][õo]es|can[çc][ãa]o)\b")
        .expect("valid regex")
});

/// Phrases that say a list's order or numbers are no ranking, in several languages.
static UNRANKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bin\ no\ (?:particular\ )?order\b | \bin\ alphabetical\ order\b | \blisted\ alphabetically\b
      | \bnot\ (?:a\ )?ranking\b | \bnot\ ranked\b | \bunranked\b | \bin\ random\ order\b
      | \bnumbers?\ (?:are|is)\ not\ (?:a\ )?(?:ranks?|positions?)\b
      | sans\ ordre\ particulier | par\ ordre\ alphab[ée]tique | dans\ le\ d[ée]sordre | pas\ un\ classement
      | ohne\ (?:bestimmte\ )?reihenfolge | alphabetisch | keine\ rangfolge | kein\ ranking
      | sin\ orden\ particular | en\ orden\ alfab[ée]tico | por\ orden\ alfab[ée]tico | no\ es\ un\ ranking | sin\ ning[úu]n\ orden
      | in\ ordine\ alfabetico | senza\ un\ ordine | non\ [èe]\ una\ (?:posizione|classifica) | in\ nessun\ ordine | in\ ordine\ sparso
      | sem\ ordem | (?:em|por)\ ordem\ alfab[ée]tica | n[ãa]o\ [ée]\ um\ ranking | n[ãa]o\ (?:[ée]|s[ãa]o)\ (?:uma\ )?posi[çc]
      | \balphabetical(?:ly)?\b | \bnumbers?\b[^.;:]{0,30}\bnot\b[^.;:]{0,15}\b(?:ranks?|rankings?|positions?)\b
      | ordre\ alphab[ée]tique | ne\ sont\ pas\ un\ classement
      | in\ keiner\ (?:bestimmten\ )?reihenfolge | keine\ rangliste | \bungeordnet\b | keine\ platzierungen
      | orden\ alfab[ée]tico | no\ indican?\ posici | ning[úu]n\ orden
      | ordine\ alfabetico | non\ indica\ una\ posizione
      | nenhuma\ ordem | ordem\ aleat[óo]ria | ordem\ alfab[ée]tica
      | 順不同 | 五十音順 | アルファベット順 | ランキングではありません | 順位ではありません
        ",
    )
    .expect("valid regex")
});

/// True when the text says the list's order or numbers are no ranking (sentences that
/// introduce honorable mentions do not count: they speak of the mentions).
fn disowns_ranks(text: &str) -> bool {
    if !UNRANKED.is_match(text) {
        return false;
    }
    notes::sentences(text)
        .into_iter()
        .any(|s| UNRANKED.is_match(s) && !mentions::has_label(s))
}

/// Comparable form of a song title: letters and digits, lowercase.
fn title_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Songs of a tracklist inside an entry: numbered or bulleted `Artist – Song` lines.
fn tracklist_songs(
    lines: &[Line],
    roles: &[Role],
    start: usize,
    end: usize,
    flavor: Flavor,
) -> Vec<SongCitation> {
    let mut out = Vec::new();
    for i in start.min(end)..end.min(lines.len()) {
        if roles[i] != Role::Text || lines[i].heading > 0 {
            continue;
        }
        let text = plain(&lines[i].text, flavor);
        let Some(item) = layout::list_item_body(&text, lines[i].bullet) else {
            continue;
        };
        if let Some((artist, song)) = item
            .split_once(" – ")
            .or_else(|| item.split_once(" — "))
            .or_else(|| item.split_once(" - "))
        {
            let (artist, song) = (artist.trim(), song.trim());
            let words = song.split_whitespace().count();
            if !artist.is_empty()
                && (1..=12).contains(&words)
                && artist.split_whitespace().count() <= 8
            {
                out.push(SongCitation {
                    title: song
                        .trim_matches(['"', '“', '”', '„', '‘', '’'])
                        .to_string(),
                    artist: Some(artist.to_string()),
                });
            }
        }
    }
    out
}

/// The line that holds the article's headline, if one stands before the first entry.
fn title_line(lines: &[Line], first_entry_line: usize, flavor: Flavor) -> Option<usize> {
    let intro = lines.get(..first_entry_line)?;
    if let Some(i) = intro.iter().position(|l| l.heading == 1) {
        return Some(i);
    }
    let first = intro.iter().position(|l| !l.is_blank())?;
    let line = &intro[first];
    let text = plain(&line.text, flavor);
    let words = text.split_whitespace().count();
    let ends_like_prose = text.ends_with(['.', ',', ';', ':']);
    let next_blank = intro.get(first + 1).is_none_or(Line::is_blank);
    let short = text.chars().count() <= 150 && words <= 25;
    if short && !ends_like_prose && !line.bullet && (next_blank || line.heading > 0) {
        if layout::is_junk(&text) || layout::byline(&text).is_some() {
            return None;
        }
        return Some(first);
    }
    None
}

/// The prose paragraphs of lines `start..end` that are plain text.
/// The most prose one blurb (or the intro) keeps. A real entry's text is a few paragraphs; past
/// the last entry of a huge page, or past a cap on entries, "the text until the next entry" can
/// be the rest of the document, and every later step (songs, artists, storage) would copy it.
const BLURB_LIMIT: usize = 32 * 1024;

/// The prose paragraphs of lines `start..end`, and whether they stop early, at the first line
/// after [`BLURB_LIMIT`] bytes of prose.
fn paragraphs(
    lines: &[Line],
    roles: &[Role],
    start: usize,
    end: usize,
    flavor: Flavor,
) -> (Vec<String>, bool) {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut kept = 0usize;
    let end = end.min(lines.len());
    for i in start.min(end)..end {
        if kept + current.len() > BLURB_LIMIT {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.retain(|p| !p.is_empty());
            return (out, true);
        }
        let line = &lines[i];
        let prose = roles[i] == Role::Text && !line.is_blank();
        if !prose || line.heading > 0 || line.bullet {
            if !current.is_empty() {
                kept += current.len();
                out.push(std::mem::take(&mut current));
            }
            if prose {
                let p = plain(&line.text, flavor);
                kept += p.len();
                out.push(p);
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&plain(&line.text, flavor));
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.retain(|p| !p.is_empty());
    (out, false)
}

/// Ties (a marker or a repeated rank) and gaps, kept as printed; unusual ones get a warning.
fn mark_ties_and_gaps(list: &mut List) {
    let n = list.entries.len();
    // Size of the run of equal ranks each entry stands in.
    let mut group = vec![1u32; n];
    let mut k = 0;
    while k < n {
        let mut end = k + 1;
        while end < n && list.entries[end].rank == list.entries[k].rank {
            end += 1;
        }
        let size = u32::try_from(end - k).unwrap_or(u32::MAX);
        for g in group.iter_mut().take(end).skip(k) {
            *g = size;
        }
        k = end;
    }
    for k in 1..n {
        let (prev, cur) = (list.entries[k - 1].rank.get(), list.entries[k].rank.get());
        if prev == cur {
            let marked = list.entries[k - 1].tied || list.entries[k].tied;
            if !marked {
                let (a, b) = (list.entries[k - 1].line, list.entries[k].line);
                list.warnings.push(match (a, b) {
                    (Some(a), Some(b)) => format!(
                        "rank {cur} is printed twice without a tie marker (lines {a} and {b}); kept as a tie"
                    ),
                    _ => format!("rank {cur} is printed twice without a tie marker; kept as a tie"),
                });
            }
            list.entries[k - 1].tied = true;
            list.entries[k].tied = true;
            continue;
        }
        // Next to a tie of t entries, a jump of up to t places is how ties are printed.
        let allowed = group[k - 1].max(group[k]);
        if prev.abs_diff(cur) > allowed {
            let (lo, hi) = (prev.min(cur) + 1, prev.max(cur) - 1);
            list.warnings.push(if lo == hi {
                format!("no entry is ranked {lo}; the ranks are kept as printed")
            } else {
                format!("no entries are ranked {lo} to {hi}; the ranks are kept as printed")
            });
        }
    }
    if let Some(size) = list.declared_size {
        if usize::try_from(size).is_ok_and(|s| s != n) {
            list.warnings.push(format!(
                "the article announces {size} entries but {n} were found"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_with_title_intro_and_mentions() {
        let text = "The Five Best Road Trip Albums\n\nFor this list, only films released before 2000 were eligible.\n\n2. Easy Rider (1969)\n\nBikes and \"Born to Be Wild\" by Steppenwolf.\n\nHonorable mentions: Juno, Drive\n\n1. Pulp Fiction\n\nSurf.\n";
        let list = read_text(text).unwrap();
        assert_eq!(
            list.title.as_deref(),
            Some("The Five Best Road Trip Albums")
        );
        assert_eq!(list.order, Order::Descending);
        assert_eq!(list.entries.len(), 2);
        assert_eq!(list.entries[0].year.map(|y| y.get()), Some(1969));
        assert_eq!(
            list.entries[0].songs[0].artist.as_deref(),
            Some("Steppenwolf")
        );
        assert_eq!(
            list.entries[0].blurb,
            "Bikes and \"Born to Be Wild\" by Steppenwolf."
        );
        assert_eq!(list.mentions.len(), 2);
        assert_eq!(list.notes.len(), 1);
        assert_eq!(list.entries[1].line, Some(11));
    }

    #[test]
    fn a_blurb_stops_at_its_limit_and_says_so() {
        let paragraph = "The strings come back in every reel and nobody forgets them. ".repeat(20);
        let mut text = String::from("Best scores\n\n2. Drive\n\nSynths at night.\n\n1. Juno\n\n");
        for _ in 0..200 {
            text.push_str(&paragraph);
            text.push_str("\n\n");
        }
        let list = read_text(&text).unwrap();
        assert_eq!(list.entries.len(), 2);
        assert_eq!(list.entries[0].blurb, "Synths at night.");
        let long = &list.entries[1].blurb;
        assert!(long.starts_with("The strings come back"));
        assert!(
            long.len() <= BLURB_LIMIT + paragraph.len(),
            "{}",
            long.len()
        );
        assert!(long.len() >= BLURB_LIMIT / 2, "{}", long.len());
        assert!(
            list.warnings
                .iter()
                .any(|w| w.contains("after entry #1 runs past 32 KB")),
            "{:?}",
            list.warnings
        );
    }

    #[test]
    fn ties_and_gaps_are_kept_with_warnings() {
        let list =
            read_text("6. A\n\nx\n\nT-3. B\n\nx\n\nT-3. C\n\nx\n\n1. D\n\nx\n\n1. E\n").unwrap();
        let ranks: Vec<u32> = list.entries.iter().map(|e| e.rank.get()).collect();
        assert_eq!(ranks, [6, 3, 3, 1, 1]);
        assert!(list.entries[1].tied && list.entries[2].tied);
        assert!(list.entries[3].tied && list.entries[4].tied);
        assert!(!list.entries[0].tied);
        assert!(list
            .warnings
            .iter()
            .any(|w| w.contains("no entries are ranked 4 to 5")));
        assert!(list
            .warnings
            .iter()
            .any(|w| w.contains("rank 1 is printed twice")));
    }

    fn mention_titles(list: &List) -> Vec<&str> {
        list.mentions.iter().map(|m| m.title.as_str()).collect()
    }

    #[test]
    fn contents_before_a_disclaimer_is_not_the_list() {
        let text = "# Six scores we keep\n\nContents\n\n1. [Alpha Road, 2001](#)\n2. [Beta Lake, 1990](#)\n3. [Gamma Hill, 1984](#)\n\nThe numbers below are not a ranking: the list is alphabetical.\n\n1. **Alpha Road, 2001**\n2. **Beta Lake, 1990**\n3. **Gamma Hill, 1984**\n";
        let list = read_markdown(text).unwrap();
        assert_eq!(list.order, Order::Unranked);
        assert!(list.entries.is_empty());
        assert_eq!(
            mention_titles(&list),
            ["Alpha Road", "Beta Lake", "Gamma Hill"]
        );
    }

    #[test]
    fn contents_repeated_by_numbered_heads_gives_way_to_them() {
        let text = "Three scores\n\n* 3. Alpha Road\n* 2. Beta Lake\n* 1. Gamma Hill\n\n3. Alpha Road\n\nStrings everywhere.\n\n2. Beta Lake\n\nA choir.\n\n1. Gamma Hill\n\nSynths.\n";
        let list = read_text(text).unwrap();
        assert_eq!(list.order, Order::Descending);
        let blurbs: Vec<&str> = list.entries.iter().map(|e| e.blurb.as_str()).collect();
        assert_eq!(blurbs, ["Strings everywhere.", "A choir.", "Synths."]);
    }

    #[test]
    fn numbered_contents_of_plain_heads_still_ranks_them() {
        // The contents' numbers are the only ranks printed, and nothing disowns them.
        let text = "# Three scores\n\n1. [Alpha Road](#)\n2. [Beta Lake](#)\n3. [Gamma Hill](#)\n\n## Alpha Road\n\nStrings.\n\n## Beta Lake\n\nA choir.\n\n## Gamma Hill\n\nSynths.\n";
        let list = read_markdown(text).unwrap();
        assert_eq!(list.order, Order::Ascending);
        assert_eq!(list.entries.len(), 3);
    }

    #[test]
    fn bare_title_lines_after_a_disclaimer_are_the_picks() {
        let text = "Five scores for a long night\n\nContents\n\n* Alpha Road (2001)\n* Mr. Beta (1990)\n\nWe argued for weeks.\n\nThese come in no particular order.\n\nA still from Alpha Road. Photo: the studio\n\nAlpha Road (2001)\n\nComposer: Ann Vale\n\nThe strings carry it.\n\nMr. Beta (1990)\n\nComposer: Bo Lind\n\nA choir, then silence.\n\nAdvertisement\n\nGamma, Hill!\n\nComposer: Cy Moor\n\nStart with \u{201c}Dawn\u{201d}, all synths.\n\nWhich one would you pick?\n\n* Alpha Road \u{2014} 60%\n* Mr. Beta \u{2014} 40%\n\nPage 1 of 2\n\n\u{a9} 2026 Example Press\n";
        let list = read_text(text).unwrap();
        assert_eq!(list.order, Order::Unranked);
        assert_eq!(
            mention_titles(&list),
            ["Alpha Road", "Mr. Beta", "Gamma, Hill!"]
        );
        assert!(list.songs.iter().any(|s| s.title == "Dawn"));
    }

    #[test]
    fn disowned_headings_outnumber_a_long_related_list() {
        let mut text = String::from("# Nine scores\n\nThese come in no particular order.\n\n");
        for film in ["A", "B", "C", "D", "E", "F", "G", "H", "I"] {
            text.push_str(&format!("## Film {film}\n\nThe music of {film} stays.\n\n"));
        }
        text.push_str("### Related\n\n");
        for k in 1..=8 {
            text.push_str(&format!("{k}. [Other list {k}](#)\n"));
        }
        let list = read_markdown(&text).unwrap();
        assert_eq!(list.order, Order::Unranked);
        assert_eq!(list.mentions.len(), 9);
        assert_eq!(list.mentions[8].title, "Film I");
    }

    #[test]
    fn bare_lines_need_a_disclaimer() {
        let text = "Three scores\n\nWe argued for weeks.\n\nAlpha Road\n\nThe strings carry it.\n\nBeta Lake\n\nA choir.\n\nGamma Hill\n\nSynths.\n";
        assert!(matches!(read_text(text), Err(ExtractError::NoEntries)));
    }

    #[test]
    fn no_entries_is_an_error() {
        assert!(matches!(
            read_text("Just some prose.\n\nNothing ranked."),
            Err(ExtractError::NoEntries)
        ));
        assert!(matches!(
            read_html("<p>nothing</p>"),
            Err(ExtractError::NoEntries)
        ));
    }
}
