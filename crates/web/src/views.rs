//! Use cases the application does not offer as one call yet, composed from [`App`] methods: a
//! film with its songs, a list with the film of each entry and its source document.

use crate::error::WebError;
use crate::state::AppState;
use needledrop_app::{
    AgreementReport, App, Ballots, ConsensusReport, EligibilityPolicy, EligibilityReport,
    FilmReport, MethodComparison, RankRequest, SongReport,
};
use needledrop_model::{
    Document, DocumentId, EntryId, FilmId, ItemRef, List, ListId, SongCitation,
};
use needledrop_store::Store;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// A film page: the film, every list naming it, and the songs cited for it.
#[derive(Debug, Clone, Serialize)]
pub struct FilmView {
    /// The film and its citations.
    #[serde(flatten)]
    pub report: FilmReport,
    /// The songs cited for it, most lists first.
    pub songs: Vec<SongReport>,
}

/// A film by id, with its songs.
pub fn film<S: Store>(app: &mut App<S>, id: FilmId) -> Result<FilmView, WebError> {
    let report = app.film_report(&id.to_string())?;
    let family: Vec<FilmId> = [id, report.film.id].into();
    let songs = app
        .songs()?
        .into_iter()
        .filter(|s| s.film_ids.iter().any(|f| family.contains(f)))
        .collect();
    Ok(FilmView { report, songs })
}

/// [`film`], computed once per data version (see [`AppState::cached`]).
pub async fn cached_film<S: Store + Send + 'static>(
    state: &AppState<S>,
    id: FilmId,
) -> Result<Arc<FilmView>, WebError> {
    state
        .cached(&format!("film:{id}"), {
            let state = state.clone();
            move || async move {
                let report = state
                    .read(move |app| Ok(app.film_report(&id.to_string())?))
                    .await?;
                // Every film page of one data version shares one reading of all the songs
                // (reading them per film held the store for most of a film page).
                let all = state
                    .cached_fresh("songs", || state.read(|app| Ok(app.songs()?)))
                    .await?;
                let family: Vec<FilmId> = [id, report.film.id].into();
                let songs = all
                    .iter()
                    .filter(|s| s.film_ids.iter().any(|f| family.contains(f)))
                    .cloned()
                    .collect();
                Ok(FilmView { report, songs })
            }
        })
        .await
}

/// One entry of a list with the film it resolved to.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// The entry's id (what `link` takes).
    pub id: EntryId,
    /// The film, when resolved.
    pub film_id: Option<FilmId>,
}

/// The source document in brief.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// The document's id.
    pub id: DocumentId,
    /// Its file name, if it had one.
    pub file_name: Option<String>,
    /// The format it was read as.
    pub format: String,
    /// Lowercase hex SHA-256 of its bytes.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: usize,
}

/// A list page: the list as read, its entries' films, and its source document.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// The list's id.
    pub id: ListId,
    /// The list as read (entries, mentions, songs, notes, warnings).
    pub list: List,
    /// One per entry of `list.entries`, in order.
    pub entries: Vec<EntryView>,
    /// The source document.
    pub source: SourceView,
    /// The source's bytes (not serialized; `/api/v1/lists/{id}/source` serves them).
    #[serde(skip)]
    pub document: Document,
}

/// A list by id, with its entries' films and its source.
pub fn list<S: Store>(app: &mut App<S>, id: ListId) -> Result<ListView, WebError> {
    let stored = app.list(id)?;
    let document = app.source(id)?;
    let films: HashMap<ItemRef, FilmId> = app
        .store()
        .resolutions()
        .map_err(needledrop_app::AppError::from)?
        .into_iter()
        .filter_map(|(item, r)| r.film.map(|f| (item, f)))
        .collect();
    let entries = stored
        .entry_ids
        .iter()
        .map(|e| EntryView {
            id: *e,
            film_id: films.get(&ItemRef::Entry(*e)).copied(),
        })
        .collect();
    Ok(ListView {
        id,
        list: stored.list,
        entries,
        source: SourceView {
            id: stored.document,
            file_name: document.file_name.clone(),
            format: document.format.clone(),
            sha256: document.sha256.clone(),
            bytes: document.bytes.len(),
        },
        document,
    })
}

/// A page of a collection, as the API answers it.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole collection holds.
    pub total: usize,
    /// The page size asked for.
    pub limit: usize,
    /// Items skipped.
    pub offset: usize,
}

impl<T> Page<T> {
    /// The page of `all` at `offset`, at most `limit` long.
    pub fn of(all: Vec<T>, limit: usize, offset: usize) -> Page<T> {
        let total = all.len();
        let items = all.into_iter().skip(offset).take(limit).collect();
        Page {
            items,
            total,
            limit,
            offset,
        }
    }
}

/// What a ranking needs from the store: the ballots and the songs cited under each film. Read
/// with the store locked; the ranking itself then runs without the lock, so a slow method or a
/// bootstrap does not hold up other requests.
pub struct RankInput {
    ballots: Ballots,
    eligibility: Option<EligibilityReport>,
    songs: HashMap<FilmId, Vec<SongCitation>>,
}

/// The ranking's input under the request's eligibility policy, or `None` when no list is stored
/// yet.
pub fn rank_input<S: Store>(
    app: &mut App<S>,
    request: &RankRequest,
) -> Result<Option<RankInput>, WebError> {
    if app.list_summaries()?.is_empty() {
        return Ok(None);
    }
    let (ballots, eligibility) = app.stored_ballots_for(request)?;
    let mut songs: HashMap<FilmId, Vec<SongCitation>> = HashMap::new();
    // Most-cited first: each film's songs keep that order.
    for s in app.songs()? {
        for film in &s.film_ids {
            songs.entry(*film).or_default().push(SongCitation {
                title: s.title.clone(),
                artist: s.artist.clone(),
            });
        }
    }
    Ok(Some(RankInput {
        ballots,
        eligibility,
        songs,
    }))
}

/// The consensus of the stored lists with each film's songs (what [`App::consensus`] answers),
/// or `None` when no list is stored yet. Computed once per request and data version, then kept
/// (see [`AppState::cached`]): while a newer one is computed, the last one.
pub async fn consensus<S: Store + Send + 'static>(
    state: &AppState<S>,
    request: RankRequest,
) -> Result<Option<Arc<ConsensusReport>>, WebError> {
    Ok(consensus_versioned(state, request).await?.0)
}

/// [`consensus`] with the data version it reflects.
pub async fn consensus_versioned<S: Store + Send + 'static>(
    state: &AppState<S>,
    request: RankRequest,
) -> Result<(Option<Arc<ConsensusReport>>, u64), WebError> {
    let key = consensus_key(&request);
    let report = state
        .cached_versioned(&key, {
            let state = state.clone();
            move || async move { compute_consensus(&state, request).await }
        })
        .await?;
    Ok(((*report.value).clone(), report.version))
}

/// [`consensus`] at the current data version, never a stale one: for use inside another cached
/// computation, which is filed under the current version.
pub async fn consensus_fresh<S: Store + Send + 'static>(
    state: &AppState<S>,
    request: RankRequest,
) -> Result<Option<Arc<ConsensusReport>>, WebError> {
    let key = consensus_key(&request);
    let report = state
        .cached_fresh(&key, || compute_consensus(state, request))
        .await?;
    Ok((*report).clone())
}

/// The cache key of a rank request: every parameter, the weights in a fixed order.
fn consensus_key(request: &RankRequest) -> String {
    let mut weights: Vec<_> = request.weights.iter().collect();
    weights.sort_by(|a, b| a.0.cmp(b.0));
    let rest = RankRequest {
        weights: HashMap::new(),
        ..request.clone()
    };
    format!("consensus:{rest:?}:{weights:?}")
}

async fn compute_consensus<S: Store + Send + 'static>(
    state: &AppState<S>,
    request: RankRequest,
) -> Result<Option<Arc<ConsensusReport>>, WebError> {
    let read = request.clone();
    let Some(input) = state.read(move |app| rank_input(app, &read)).await? else {
        return Ok(None);
    };
    let report = state
        .compute(move || {
            let mut report = needledrop_app::rank(&input.ballots, &request)?;
            report.eligibility = input.eligibility;
            for row in &mut report.rows {
                if let Some(s) = row.film_id.and_then(|f| input.songs.get(&f)) {
                    row.songs = s.clone();
                }
            }
            Ok(report)
        })
        .await?;
    Ok(Some(Arc::new(report)))
}

/// The eligibility policies the site offers by name: the sample data's `data/policies/`, compiled
/// in so that the server needs no files beside it.
pub const POLICIES: &[(&str, &str)] = &[(
    "no-musicals",
    include_str!("../../../data/policies/no-musicals.toml"),
)];

/// The bundled policy called `name`; a name the site does not offer is bad input.
pub fn policy(name: &str) -> Result<EligibilityPolicy, WebError> {
    let (_, toml) = POLICIES.iter().find(|(n, _)| *n == name).ok_or_else(|| {
        let known: Vec<&str> = POLICIES.iter().map(|(n, _)| *n).collect();
        WebError::BadRequest(format!(
            "no eligibility policy is called {name:?}; the site offers {}",
            known.join(", ")
        ))
    })?;
    Ok(EligibilityPolicy::from_toml(toml)?)
}

/// The ballots the request's policy keeps, or `None` when no list is stored yet.
async fn ballots<S: Store + Send + 'static>(
    state: &AppState<S>,
    request: &RankRequest,
) -> Result<Option<Ballots>, WebError> {
    let read = request.clone();
    state
        .read(move |app| {
            if app.list_summaries()?.is_empty() {
                return Ok(None);
            }
            Ok(Some(app.stored_ballots_for(&read)?.0))
        })
        .await
}

/// The top `top` under every method, with each item's title by its label, or `None` when no
/// list is stored yet.
pub async fn method_comparison<S: Store + Send + 'static>(
    state: &AppState<S>,
    request: RankRequest,
    top: usize,
) -> Result<Option<(MethodComparison, HashMap<String, String>)>, WebError> {
    let Some(ballots) = ballots(state, &request).await? else {
        return Ok(None);
    };
    let comparison = state
        .compute(move || {
            let comparison = needledrop_app::compare_methods(&ballots, &request, top)?;
            let titles = ballots
                .items
                .iter()
                .map(|i| (i.label.clone(), i.title.clone()))
                .collect();
            Ok((comparison, titles))
        })
        .await?;
    Ok(Some(comparison))
}

/// How much every pair of lists agrees (Kendall tau-b), with each list against the request's
/// method, or `None` when no list is stored yet.
pub async fn agreement<S: Store + Send + 'static>(
    state: &AppState<S>,
    request: RankRequest,
) -> Result<Option<AgreementReport>, WebError> {
    let Some(ballots) = ballots(state, &request).await? else {
        return Ok(None);
    };
    let report = state
        .compute(move || {
            Ok(needledrop_app::agreement(
                &ballots,
                needledrop_rank::agreement::Metric::KendallTauB,
                &request.method,
                0.9,
            )?)
        })
        .await?;
    Ok(Some(report))
}
