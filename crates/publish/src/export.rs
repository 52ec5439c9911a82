//! Exports for other programs: a Letterboxd-importable chart, XSPF and M3U playlists of the
//! most-cited songs, and the stored lists as PrefLib election files.
//!
//! The consensus itself as CSV or JSON is [`crate::consensus_csv`] and [`crate::consensus_json`].

use crate::{csv_rows, csv_text, Result};
use needledrop_app::{Ballots, ConsensusReport, SongReport};
use std::collections::HashMap;
use std::io::Write;

/// The chart as a CSV Letterboxd's list importer reads: `Position,Name,Year,imdbID` (the IMDb
/// id lets it match the film exactly; without one it matches by name and year).
pub fn letterboxd_csv(out: &mut impl Write, c: &ConsensusReport, top: usize) -> Result<()> {
    let mut rows = vec![["Position", "Name", "Year", "imdbID"]
        .map(String::from)
        .to_vec()];
    for r in c.rows.iter().take(top) {
        rows.push(vec![
            r.rank.to_string(),
            csv_text(&r.title),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.imdb_id.clone().unwrap_or_default(),
        ]);
    }
    csv_rows(out, &rows)
}

/// Text for one line of a playlist or a metadata header: control characters (a line break would
/// start a new playlist line) become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Where to look a song up: a MusicBrainz recording search for its title and artist. We hold no
/// audio, only what the lists say about a song; a search address is the one location that is
/// true for every song and that a person (or a player that opens web addresses) can follow.
pub fn song_search_url(song: &SongReport) -> String {
    let query = match &song.artist {
        Some(a) => format!("recording:\"{}\" AND artist:\"{}\"", song.title, a),
        None => format!("recording:\"{}\"", song.title),
    };
    let encoded: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", &one_line(&query))
        .append_pair("type", "recording")
        .finish();
    format!("https://musicbrainz.org/search?{encoded}")
}

/// The most-cited songs as an extended M3U playlist: `#EXTM3U`, then per song an `#EXTINF`
/// line (`artist - title`), an `#EXTALB` line (the film) and its search address as the location
/// (players drop entries without a location line).
pub fn m3u(out: &mut impl Write, songs: &[SongReport], top: usize, name: &str) -> Result<()> {
    writeln!(out, "#EXTM3U")?;
    writeln!(out, "#PLAYLIST:{}", one_line(name))?;
    for s in songs.iter().take(top) {
        let title = one_line(&s.title);
        match &s.artist {
            Some(a) => writeln!(out, "#EXTINF:-1,{} - {title}", one_line(a))?,
            None => writeln!(out, "#EXTINF:-1,{title}")?,
        }
        if let Some(film) = s.films.first() {
            writeln!(out, "#EXTALB:{}", one_line(film))?;
        }
        writeln!(out, "{}", song_search_url(s))?;
    }
    Ok(())
}

/// The most-cited songs as an XSPF playlist: title, creator (the artist), album (the film it
/// was cited for), an annotation with how many lists cite it, and its search address as `info`
/// (XSPF's "more about this track"; `location` is for playable files, which we do not have).
pub fn xspf(out: &mut impl Write, songs: &[SongReport], top: usize, name: &str) -> Result<()> {
    use maud::html;
    let doc = html! {
        playlist version="1" xmlns="http://xspf.org/ns/0/" {
            title { (one_line(name)) }
            trackList {
                @for s in songs.iter().take(top) {
                    track {
                        title { (one_line(&s.title)) }
                        @if let Some(a) = &s.artist { creator { (one_line(a)) } }
                        @if let Some(f) = s.films.first() { album { (one_line(f)) } }
                        annotation { "cited by " (s.lists) (if s.lists == 1 { " list" } else { " lists" }) }
                        info { (song_search_url(s)) }
                    }
                }
            }
        }
    };
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "{}", doc.into_string())?;
    Ok(())
}

/// One PrefLib file: its name (with the `.soi` or `.toi` extension its orders need) and text.
#[derive(Debug, Clone, PartialEq)]
pub struct PreflibFile {
    /// The file name.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// The lists as PrefLib election files, one per source document, so that reading them back
/// keeps which lists share a source (and so the per-source weighting). Each list is one vote
/// line; identical orders are counted together. Alternatives are named by the item's label
/// (`Title (Year)` for a film), which reads back as the same film.
///
/// PrefLib has no unranked mention: a list's mentions are written as one tied group right
/// below its ranked entries, which is the place the positional and pairwise methods give
/// mentions anyway. Weights people stored for single lists are not part of the format. A list
/// with no items is left out (it names nothing to rank).
pub fn preflib(ballots: &Ballots) -> Vec<PreflibFile> {
    let profile = &ballots.profile;
    // Source document → its ballots, in profile order; documents in id order.
    let mut by_document: Vec<(i64, Vec<usize>)> = Vec::new();
    for (i, b) in profile.ballots().iter().enumerate() {
        if b.ranked().is_empty() && b.mentions().is_empty() {
            continue;
        }
        let doc = ballots
            .documents
            .get(b.label())
            .copied()
            .unwrap_or(-(i as i64) - 1);
        match by_document.iter_mut().find(|(d, _)| *d == doc) {
            Some((_, v)) => v.push(i),
            None => by_document.push((doc, vec![i])),
        }
    }
    by_document.sort_by_key(|(d, _)| *d);
    by_document
        .into_iter()
        .map(|(doc, indices)| preflib_file(ballots, doc, &indices))
        .collect()
}

fn preflib_file(ballots: &Ballots, doc: i64, indices: &[usize]) -> PreflibFile {
    let profile = &ballots.profile;
    let mut alternatives: Vec<String> = Vec::new();
    let mut number: HashMap<usize, usize> = HashMap::new();
    let mut orders: Vec<(Vec<Vec<usize>>, u64)> = Vec::new();
    let mut ties = false;
    for &i in indices {
        let b = &profile.ballots()[i];
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut last_position = None;
        for e in b.ranked() {
            let n = *number.entry(e.item.index()).or_insert_with(|| {
                alternatives.push(one_line(profile.label(e.item)));
                alternatives.len()
            });
            if last_position == Some(e.position) {
                if let Some(g) = groups.last_mut() {
                    g.push(n);
                }
            } else {
                groups.push(vec![n]);
                last_position = Some(e.position);
            }
        }
        if !b.mentions().is_empty() {
            let tier = b
                .mentions()
                .iter()
                .map(|m| {
                    *number.entry(m.index()).or_insert_with(|| {
                        alternatives.push(one_line(profile.label(*m)));
                        alternatives.len()
                    })
                })
                .collect();
            groups.push(tier);
        }
        ties |= groups.iter().any(|g| g.len() > 1);
        match orders.iter_mut().find(|(o, _)| *o == groups) {
            Some((_, n)) => *n += 1,
            None => orders.push((groups, 1)),
        }
    }
    let kind = if ties { "toi" } else { "soi" };
    let first = profile.ballots()[indices[0]].label();
    let title = ballots
        .list_titles
        .get(first)
        .map(|t| one_line(t))
        .unwrap_or_else(|| format!("list {first}"));
    let name = if doc >= 0 {
        format!("source-{doc:05}.{kind}")
    } else {
        format!("list-{first}.{kind}")
    };
    let mut text = String::new();
    let voters: u64 = orders.iter().map(|(_, n)| n).sum();
    for (key, value) in [
        ("FILE NAME", name.clone()),
        ("TITLE", title),
        ("DATA TYPE", kind.to_string()),
        ("MODIFICATION TYPE", "original".to_string()),
        ("NUMBER ALTERNATIVES", alternatives.len().to_string()),
        ("NUMBER VOTERS", voters.to_string()),
        ("NUMBER UNIQUE ORDERS", orders.len().to_string()),
    ] {
        text.push_str(&format!("# {key}: {value}\n"));
    }
    for (i, a) in alternatives.iter().enumerate() {
        text.push_str(&format!("# ALTERNATIVE NAME {}: {a}\n", i + 1));
    }
    for (groups, n) in &orders {
        let cells: Vec<String> = groups
            .iter()
            .map(|g| match g.as_slice() {
                [one] => one.to_string(),
                many => format!(
                    "{{{}}}",
                    many.iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            })
            .collect();
        text.push_str(&format!("{n}: {}\n", cells.join(",")));
    }
    PreflibFile { name, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playlist_lines_cannot_be_split_by_a_title() {
        assert_eq!(one_line("a\nb\r"), "a b");
    }

    #[test]
    fn a_search_address_encodes_the_song() {
        let song = SongReport {
            title: "Son of a Preacher Man".into(),
            artist: Some("Dusty & Co".into()),
            lists: 2,
            films: vec!["Pulp Fiction".into()],
            film_ids: vec![],
        };
        let url = song_search_url(&song);
        assert!(url.starts_with("https://musicbrainz.org/search?query="));
        assert!(url.contains("Dusty+%26+Co"), "{url}");
        assert!(!url.contains(' '));
    }
}
