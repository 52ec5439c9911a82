//! The consensus article's facts, gathered from the store: the ranking (with its rank intervals
//! when a bootstrap ran), and for every film shown the lists that name it and where, its
//! soundtrack kind and one excerpt from a list's prose; every list that went in with the weight
//! it carried; the criteria the lists state. `needledrop-publish` turns this into prose.

use crate::ballots::title_key;
use crate::{App, ConsensusReport, RankRequest, Result};
use needledrop_model::{FilmId, ItemRef, ListId, SoundtrackKind};
use needledrop_store::{Store, StoredList};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The most words an excerpt quotes from a list's prose.
pub const EXCERPT_WORDS: usize = 25;

/// What the article shows.
#[derive(Debug, Clone)]
pub struct ArticleRequest {
    /// How to rank (set a bootstrap for rank intervals).
    pub rank: RankRequest,
    /// Films counted down.
    pub top: usize,
    /// Films named after them as honorable mentions.
    pub honorable: usize,
}

/// Everything an article says, deterministic for the same store and request.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// The consensus, its rows cut to the films the article shows (`featured` + mentions).
    pub consensus: ConsensusReport,
    /// What the method does, in words.
    pub method_description: Option<String>,
    /// How many rows are counted down (the rest are honorable mentions).
    pub featured: usize,
    /// Per consensus row, what the lists say about it.
    pub films: Vec<ArticleFilm>,
    /// Every list that went into the ranking, in the order they were stored.
    pub sources: Vec<SourceList>,
    /// How many source documents those lists were read from.
    pub source_documents: usize,
}

/// What the lists say about one film of the article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleFilm {
    /// The film's soundtrack kind, when the catalog knows it.
    pub soundtrack_kind: Option<SoundtrackKind>,
    /// The film's genres, when the catalog knows them.
    pub genres: Vec<String>,
    /// Every list naming it: ranked ones best rank first, then mentions.
    pub citations: Vec<ArticleCitation>,
    /// One short quotation from a list's prose about it.
    pub excerpt: Option<Excerpt>,
}

/// One list naming a film.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCitation {
    /// The list.
    pub list: ListId,
    /// Its outlet, or its title when it names none.
    pub source: String,
    /// The printed rank (`None` for a mention).
    pub rank: Option<u32>,
}

/// A quotation of at most [`EXCERPT_WORDS`] words from a list's prose.
#[derive(Debug, Clone, Serialize)]
pub struct Excerpt {
    /// The words quoted.
    pub text: String,
    /// True when the quotation stops inside a sentence.
    pub shortened: bool,
    /// The list quoted.
    pub list: ListId,
    /// Its outlet, or its title.
    pub source: String,
    /// Where the list was published.
    pub url: Option<String>,
}

/// One list that went into the ranking.
#[derive(Debug, Clone, Serialize)]
pub struct SourceList {
    /// The list's id.
    pub id: ListId,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its author.
    pub author: Option<String>,
    /// The name of the file it was read from, when known.
    pub file_name: Option<String>,
    /// Its publication date as printed.
    pub date: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The weight it carried in this ranking (weighting share × stored × asked).
    pub weight: f64,
    /// Ranked entries.
    pub entries: usize,
    /// Unranked mentions.
    pub mentions: usize,
    /// The criteria or eligibility rules it states.
    pub notes: Vec<String>,
}

impl SourceList {
    /// The name a reader knows the list by: its outlet, else its title, else the file it was
    /// read from, else its id.
    pub fn name(&self) -> String {
        source_name(
            self.outlet.as_deref(),
            self.title.as_deref().or(self.file_name.as_deref()),
            self.id,
        )
    }
}

fn source_name(outlet: Option<&str>, title: Option<&str>, id: ListId) -> String {
    outlet
        .or(title)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(|| format!("list {id}"), str::to_string)
}

/// The opening sentences of `prose` up to `limit` words; a first sentence longer than that is
/// cut (and marked shortened). `None` when there is no prose.
pub fn excerpt_of(prose: &str, limit: usize) -> Option<(String, bool)> {
    let paragraph = prose.split("\n\n").map(str::trim).find(|p| !p.is_empty())?;
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let ends_sentence = |w: &str| {
        let w = w.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
        w.ends_with(['.', '!', '?'])
    };
    let mut end = 0;
    for (i, w) in words.iter().enumerate().take(limit) {
        if ends_sentence(w) {
            end = i + 1;
        }
    }
    if end > 0 {
        Some((words[..end].join(" "), false))
    } else {
        let n = words.len().min(limit);
        Some((words[..n].join(" "), n < words.len()))
    }
}

/// One printed item of a list, for the citations.
struct Printed<'a> {
    list: &'a StoredList,
    name: &'a str,
    rank: Option<u32>,
    blurb: &'a str,
}

impl<S: Store> App<S> {
    /// The article's facts: the consensus under `request.rank`, its first `top` films counted
    /// down and the next `honorable` named, with what every list says about them.
    pub fn article(&mut self, request: &ArticleRequest) -> Result<Article> {
        let mut consensus = self.consensus(&request.rank)?;
        consensus
            .rows
            .truncate(request.top.saturating_add(request.honorable));
        let featured = request.top.min(consensus.rows.len());
        let (ballots, _) = self.stored_ballots_for(&request.rank)?;
        let profile = request.rank.weighted(&ballots)?;
        let weights: HashMap<&str, f64> = profile
            .ballots()
            .iter()
            .map(|b| (b.label(), b.weight()))
            .collect();
        let lookup = self.film_lookup()?;
        let catalog: HashMap<FilmId, &needledrop_model::StoredFilm> = ballots
            .items
            .iter()
            .filter_map(|i| i.film.as_ref().map(|f| (f.id, f)))
            .collect();
        let lists: Vec<StoredList> = self
            .store
            .lists()?
            .into_iter()
            .filter(|l| weights.contains_key(l.id.to_string().as_str()))
            .collect();

        let file_names: HashMap<ListId, String> = self
            .store
            .list_summaries()?
            .into_iter()
            .filter_map(|s| s.file_name.map(|f| (s.id, f)))
            .collect();
        let names: HashMap<ListId, String> = lists
            .iter()
            .map(|l| {
                let title = l.list.title.as_deref();
                let title = title.or(file_names.get(&l.id).map(String::as_str));
                (l.id, source_name(l.list.outlet.as_deref(), title, l.id))
            })
            .collect();

        // Every printed item of the lists that went in, by the identity ballots give it.
        let mut by_film: HashMap<FilmId, Vec<Printed>> = HashMap::new();
        let mut by_title: HashMap<String, Vec<Printed>> = HashMap::new();
        for list in &lists {
            let entries = list
                .list
                .entries
                .iter()
                .zip(&list.entry_ids)
                .map(|(e, id)| {
                    (
                        ItemRef::Entry(*id),
                        &e.title,
                        Some(e.rank.get()),
                        e.blurb.as_str(),
                    )
                });
            let mentions = list
                .list
                .mentions
                .iter()
                .zip(&list.mention_ids)
                .map(|(m, id)| (ItemRef::Mention(*id), &m.title, None, ""));
            for (item, title, rank, blurb) in entries.chain(mentions) {
                let printed = Printed {
                    list,
                    name: &names[&list.id],
                    rank,
                    blurb,
                };
                match lookup.get(&item) {
                    Some(film) => by_film.entry(film.id).or_default().push(printed),
                    None => by_title.entry(title_key(title)).or_default().push(printed),
                }
            }
        }

        let mut quoted: HashMap<ListId, usize> = HashMap::new();
        let mut films = Vec::with_capacity(consensus.rows.len());
        for row in &consensus.rows {
            let printed = match row.film_id {
                Some(f) => by_film.get(&f),
                None => by_title.get(&title_key(&row.title)),
            }
            .map(Vec::as_slice)
            .unwrap_or_default();
            let film = row.film_id.and_then(|f| catalog.get(&f));
            films.push(ArticleFilm {
                soundtrack_kind: film.and_then(|f| f.film.soundtrack_kind),
                genres: film.map(|f| f.film.genres.clone()).unwrap_or_default(),
                citations: citations(printed),
                excerpt: pick_excerpt(printed, &mut quoted),
            });
        }

        let mut documents = HashSet::new();
        let sources = lists
            .iter()
            .map(|l| {
                documents.insert(l.document);
                SourceList {
                    id: l.id,
                    title: l.list.title.clone(),
                    outlet: l.list.outlet.clone(),
                    author: l.list.author.clone(),
                    file_name: file_names.get(&l.id).cloned(),
                    date: l.list.date.clone(),
                    url: l.list.url.clone(),
                    weight: weights
                        .get(l.id.to_string().as_str())
                        .copied()
                        .unwrap_or(1.0),
                    entries: l.list.entries.len(),
                    mentions: l.list.mentions.len(),
                    notes: l.list.notes.clone(),
                }
            })
            .collect();
        Ok(Article {
            method_description: needledrop_rank::method::METHODS
                .iter()
                .find(|(name, _)| *name == consensus.method)
                .map(|(_, what)| what.to_string()),
            consensus,
            featured,
            films,
            sources,
            source_documents: documents.len(),
        })
    }
}

/// One citation per list (a list naming a film twice keeps its best rank), ranked ones best
/// rank first, then mentions, each group in list order.
fn citations(printed: &[Printed]) -> Vec<ArticleCitation> {
    let mut best: HashMap<ListId, &Printed> = HashMap::new();
    for p in printed {
        let keep = best
            .get(&p.list.id)
            .is_some_and(|b| match (b.rank, p.rank) {
                (Some(x), Some(y)) => x <= y,
                (Some(_), None) => true,
                _ => false,
            });
        if !keep {
            best.insert(p.list.id, p);
        }
    }
    let mut out: Vec<ArticleCitation> = best
        .into_values()
        .map(|p| ArticleCitation {
            list: p.list.id,
            source: p.name.to_string(),
            rank: p.rank,
        })
        .collect();
    out.sort_by_key(|c| (c.rank.is_none(), c.rank, c.list));
    out
}

/// The excerpt from the list quoted least so far in the article, then the best-ranked entry,
/// so that one prolific list does not speak for every film.
fn pick_excerpt(printed: &[Printed], quoted: &mut HashMap<ListId, usize>) -> Option<Excerpt> {
    let chosen = printed
        .iter()
        .filter_map(|p| excerpt_of(p.blurb, EXCERPT_WORDS).map(|e| (p, e)))
        .min_by_key(|(p, _)| {
            (
                quoted.get(&p.list.id).copied().unwrap_or(0),
                p.rank.unwrap_or(u32::MAX),
                p.list.id,
            )
        })?;
    let (p, (text, shortened)) = chosen;
    *quoted.entry(p.list.id).or_default() += 1;
    Some(Excerpt {
        text,
        shortened,
        list: p.list.id,
        source: p.name.to_string(),
        url: p.list.list.url.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestRequest;
    use needledrop_store::SqliteStore;

    fn list_json(outlet: &str) -> String {
        format!(
            r#"{{"title": "{outlet} picks", "outlet": "{outlet}", "url": "https://{outlet}.test/",
              "order": "ascending", "notes": ["{outlet} only counted songs."],
              "entries": [
                {{"rank": 1, "title": "Pulp Fiction", "year": 1994, "blurb": "{outlet} on Pulp Fiction. Second sentence."}},
                {{"rank": 2, "title": "Drive", "year": 2011, "blurb": "{outlet} on Drive."}}
              ]}}"#
        )
    }

    #[test]
    fn the_article_cites_every_list_and_spreads_its_quotations() {
        let mut app = App::new(SqliteStore::open_in_memory().unwrap());
        for outlet in ["Alpha", "Beta"] {
            let request = IngestRequest::new(list_json(outlet).into_bytes(), "list.json");
            app.ingest(&request).unwrap();
        }
        let article = app
            .article(&ArticleRequest {
                rank: RankRequest::default(),
                top: 1,
                honorable: 5,
            })
            .unwrap();
        assert_eq!(article.featured, 1);
        assert_eq!(article.consensus.rows.len(), 2);
        assert_eq!(article.consensus.rows[0].title, "Pulp Fiction");
        let ranks: Vec<_> = article.films[0]
            .citations
            .iter()
            .map(|c| (c.source.as_str(), c.rank))
            .collect();
        assert_eq!(ranks, [("Alpha", Some(1)), ("Beta", Some(1))]);
        // Pulp Fiction quotes the first list; Drive, tied in rank, the one not quoted yet.
        let quoted = |i: usize| article.films[i].excerpt.clone().unwrap();
        assert_eq!(quoted(0).source, "Alpha");
        assert_eq!(quoted(0).text, "Alpha on Pulp Fiction. Second sentence.");
        assert_eq!(quoted(0).url.as_deref(), Some("https://Alpha.test/"));
        assert_eq!(quoted(1).source, "Beta");
        assert_eq!(article.sources.len(), 2);
        assert_eq!(article.source_documents, 2);
        assert!(article.sources.iter().all(|s| s.weight == 1.0));
        assert_eq!(article.sources[0].notes, ["Alpha only counted songs."]);
    }

    #[test]
    fn an_excerpt_keeps_whole_sentences_within_the_limit() {
        let prose = "Short one. Then a second sentence here. And a third that is long.";
        let (text, shortened) = excerpt_of(prose, 8).unwrap();
        assert_eq!(text, "Short one. Then a second sentence here.");
        assert!(!shortened);
    }

    #[test]
    fn a_long_first_sentence_is_cut_at_the_limit() {
        let prose = "one two three four five six seven eight nine ten.";
        let (text, shortened) = excerpt_of(prose, 4).unwrap();
        assert_eq!(text, "one two three four");
        assert!(shortened);
    }

    #[test]
    fn only_the_first_paragraph_is_quoted_and_empty_prose_gives_none() {
        let (text, _) = excerpt_of("\n\nFirst para.\n\nSecond para.", 25).unwrap();
        assert_eq!(text, "First para.");
        assert!(excerpt_of("  \n ", 25).is_none());
    }
}
