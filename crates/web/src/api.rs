//! The JSON API under `/api/v1/`: the chart, films, lists, songs, the review queue, and the
//! writes (a new list, a link, a merge) that need the token. Errors are
//! `{"error": …, "kind": …}` with the status of their kind.

use crate::error::{ApiError, WebError};
use crate::query::{self, ChartQuery, Pagination};
use crate::state::AppState;
use crate::views::{self, Page};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use needledrop_app::{AppError, IngestReport, IngestRequest, IngestStatus};
use needledrop_model::{EntryId, FilmId, List, ListId, Order};
use needledrop_store::Store;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The routes of the API, as (method, path template): the OpenAPI document lists each one.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/chart"),
    ("get", "/api/v1/films/{id}"),
    ("get", "/api/v1/lists"),
    ("post", "/api/v1/lists"),
    ("get", "/api/v1/lists/{id}"),
    ("get", "/api/v1/lists/{id}/source"),
    ("get", "/api/v1/songs"),
    ("get", "/api/v1/review"),
    ("post", "/api/v1/link"),
    ("post", "/api/v1/merge"),
    ("get", "/api/openapi.json"),
];

/// The OpenAPI document, maintained by hand next to the routes (a test checks they agree).
pub const OPENAPI: &str = include_str!("openapi.json");

/// Checks the write token of a request: the bearer header, or a form's `token` field.
pub fn authorize<S: Store + Send + 'static>(
    state: &AppState<S>,
    given: Option<&str>,
) -> Result<(), WebError> {
    match given {
        Some(t) if state.token_matches(t) => Ok(()),
        _ => Err(WebError::Unauthorized),
    }
}

/// A body read within the limit, or 413.
pub fn body_within_limit(
    limit: usize,
    body: Result<Bytes, BytesRejection>,
) -> Result<Bytes, WebError> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(limit)
        } else {
            WebError::BadRequest(rejection.body_text())
        }
    })
}

fn json_response(status: StatusCode, value: &impl Serialize) -> Result<Response, WebError> {
    let body =
        serde_json::to_vec(value).map_err(|e| WebError::Internal(format!("encoding JSON: {e}")))?;
    Ok((status, [(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// True when an `If-None-Match` header names `etag` (or `*`).
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// The `X-Data-Version` header: the store's data version a chart reflects (an older one than
/// the store's while a chart for newer data is being computed).
pub fn data_version_header(version: u64) -> (header::HeaderName, HeaderValue) {
    (
        header::HeaderName::from_static("x-data-version"),
        HeaderValue::from(version),
    )
}

/// A chart as the API sends it: the JSON body and its `ETag`, computed once per data version.
struct ChartJson {
    body: Bytes,
    etag: HeaderValue,
}

/// `GET /api/v1/chart`: the consensus, with the same parameters as the chart page. The body's
/// hash is its `ETag` (the same on every server over the same data); a matching
/// `If-None-Match` gets 304.
pub async fn chart<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let q: ChartQuery = query::parse(raw.as_deref())?;
    let (request, top) = q.request()?;
    let key = format!("api/chart?{}", q.to_query_string());
    let chart = state
        .cached_versioned(&key, {
            let state = state.clone();
            move || async move {
                let report = views::consensus_fresh(&state, request)
                    .await?
                    .ok_or_else(|| {
                        WebError::App(AppError::BadInput("no lists stored yet".into()))
                    })?;
                let mut body = Vec::new();
                needledrop_publish::consensus_json(&mut body, &report, top)
                    .map_err(|e| WebError::Internal(format!("encoding the chart: {e}")))?;
                let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
                let etag = HeaderValue::from_str(&etag)
                    .map_err(|e| WebError::Internal(format!("ETag: {e}")))?;
                Ok(ChartJson {
                    body: Bytes::from(body),
                    etag,
                })
            }
        })
        .await?;
    let version = data_version_header(chart.version);
    let chart = chart.value;
    let etag = chart.etag.to_str().unwrap_or_default();
    if not_modified(&headers, etag) {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, chart.etag.clone()), version],
        )
            .into_response());
    }
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, chart.etag.clone()),
            version,
        ],
        chart.body.clone(),
    )
        .into_response())
}

/// `GET /api/v1/films/{id}`: the film, every list naming it, its songs.
pub async fn film<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = FilmId(query::id(&id, "film")?);
    let view = views::cached_film(&state, id).await?;
    Ok(json_response(StatusCode::OK, &*view)?)
}

/// A stored list in brief.
#[derive(Debug, Clone, Serialize)]
pub struct ListSummaryView {
    /// The list's id.
    pub id: ListId,
    /// Its title.
    pub title: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// The source file's name.
    pub file_name: Option<String>,
    /// The source format.
    pub format: String,
    /// How it was printed.
    pub order: Order,
    /// Ranked entries.
    pub entries: usize,
    /// Unranked mentions.
    pub mentions: usize,
    /// Songs cited.
    pub songs: usize,
}

/// Every stored list in brief, in ingest order.
pub fn summaries<S: Store>(
    app: &mut needledrop_app::App<S>,
) -> Result<Vec<ListSummaryView>, WebError> {
    Ok(app
        .list_summaries()?
        .into_iter()
        .map(|s| ListSummaryView {
            id: s.id,
            title: s.title,
            outlet: s.outlet,
            file_name: s.file_name,
            format: s.format,
            order: s.order,
            entries: s.entries,
            mentions: s.mentions,
            songs: s.songs,
        })
        .collect())
}

/// `GET /api/v1/lists`: the stored lists, paginated.
pub async fn lists<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (limit, offset) = query::parse::<Pagination>(raw.as_deref())?.bounds()?;
    let all = state
        .cached("lists", {
            let state = state.clone();
            move || async move { state.read(|app| summaries(app)).await }
        })
        .await?;
    Ok(json_response(
        StatusCode::OK,
        &Page::of(all.iter().collect(), limit, offset),
    )?)
}

/// `GET /api/v1/lists/{id}`: the list as read, its entries' films, its source in brief.
pub async fn list<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = ListId(query::id(&id, "list")?);
    let view = state.read(move |app| views::list(app, id)).await?;
    Ok(json_response(StatusCode::OK, &view)?)
}

/// `GET /api/v1/lists/{id}/source`: the source document verbatim, with its SHA-256 in the
/// `X-Content-SHA256` header.
pub async fn source<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = ListId(query::id(&id, "list")?);
    let doc = state.read(move |app| Ok(app.source(id)?)).await?;
    let sha = HeaderValue::from_str(&doc.sha256)
        .map_err(|e| WebError::Internal(format!("SHA-256 header: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/octet-stream"),
            ),
            (header::HeaderName::from_static("x-content-sha256"), sha),
        ],
        doc.bytes,
    )
        .into_response())
}

/// `GET /api/v1/songs`: the most-cited songs, paginated.
pub async fn songs<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (limit, offset) = query::parse::<Pagination>(raw.as_deref())?.bounds()?;
    let all = state
        .cached("songs", {
            let state = state.clone();
            move || async move { state.read(|app| Ok(app.songs()?)).await }
        })
        .await?;
    Ok(json_response(
        StatusCode::OK,
        &Page::of(all.iter().collect(), limit, offset),
    )?)
}

/// `GET /api/v1/review`: entries and mentions waiting for a person, paginated.
pub async fn review<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let (limit, offset) = query::parse::<Pagination>(raw.as_deref())?.bounds()?;
    let all = state.read(|app| Ok(app.review_queue()?)).await?;
    Ok(json_response(
        StatusCode::OK,
        &Page::of(all, limit, offset),
    )?)
}

/// What an upload says about its document, in the query string.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UploadQuery {
    /// The file name (its extension picks the reader; none: detect from the text).
    #[serde(default)]
    pub name: Option<String>,
    /// The list's title, overriding the one found.
    #[serde(default)]
    pub title: Option<String>,
    /// The publication.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// When (YYYY-MM-DD).
    #[serde(default)]
    pub date: Option<String>,
    /// `true`: read only, store nothing.
    #[serde(default)]
    pub dry_run: Option<String>,
}

fn set(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// An ingest request for uploaded bytes.
pub fn ingest_request(
    bytes: Vec<u8>,
    name: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    date: Option<String>,
) -> IngestRequest {
    let name = set(name)
        .and_then(|n| {
            // Only the file name: never a path the client made up.
            std::path::Path::new(&n)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "-".to_string());
    IngestRequest {
        bytes,
        name,
        title: set(title),
        outlet: set(outlet),
        url: set(url),
        date: set(date),
        ..IngestRequest::default()
    }
}

/// An upload's report, with the lists as read.
#[derive(Debug, Clone, Serialize)]
pub struct UploadView {
    /// What was read and done.
    #[serde(flatten)]
    pub report: IngestReport,
    /// The lists as read.
    pub read: Vec<List>,
}

/// `POST /api/v1/lists` (token): the body is an article or list file; `?dry_run=true` reads it
/// without storing. 201 when stored, 200 when the same bytes were stored before or for a dry
/// run.
pub async fn post_list<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body_within_limit(state.settings().body_limit, body)?;
    authorize(&state, query::bearer(&headers))?;
    let q: UploadQuery = query::parse(raw.as_deref())?;
    if body.is_empty() {
        return Err(WebError::BadRequest("the request body is empty".into()).into());
    }
    let dry = matches!(q.dry_run.as_deref(), Some("true" | "1" | "yes"));
    let request = ingest_request(body.to_vec(), q.name, q.title, q.outlet, q.url, q.date);
    let report = if dry {
        state
            .off_thread(move || Ok(needledrop_app::dry_run(&request)?))
            .await?
    } else {
        state.run(move |app| Ok(app.ingest(&request)?)).await?
    };
    let status = match report.status {
        IngestStatus::Stored => StatusCode::CREATED,
        _ => StatusCode::OK,
    };
    let read = report.read.clone();
    Ok(json_response(status, &UploadView { report, read })?)
}

/// The body of `POST /api/v1/link`.
#[derive(Debug, Deserialize)]
pub struct LinkBody {
    /// The entry.
    pub entry: i64,
    /// The film it means.
    pub film: i64,
}

/// The body of `POST /api/v1/merge`.
#[derive(Debug, Deserialize)]
pub struct MergeBody {
    /// The film that stays.
    pub into: i64,
    /// The film merged into it.
    pub from: i64,
}

fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WebError> {
    serde_json::from_slice(body).map_err(|e| WebError::BadRequest(format!("malformed JSON: {e}")))
}

/// `POST /api/v1/link` (token): `{"entry": …, "film": …}` says which film an entry means.
pub async fn link<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body_within_limit(state.settings().body_limit, body)?;
    authorize(&state, query::bearer(&headers))?;
    let b: LinkBody = json_body(&body)?;
    let film = state
        .run(move |app| Ok(app.link(EntryId(b.entry), FilmId(b.film))?))
        .await?;
    Ok(json_response(
        StatusCode::OK,
        &serde_json::json!({ "entry": b.entry, "film": film }),
    )?)
}

/// `POST /api/v1/merge` (token): `{"into": …, "from": …}` merges two films that are one.
pub async fn merge<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body_within_limit(state.settings().body_limit, body)?;
    authorize(&state, query::bearer(&headers))?;
    let b: MergeBody = json_body(&body)?;
    state
        .run(move |app| Ok(app.merge(FilmId(b.into), FilmId(b.from))?))
        .await?;
    Ok(json_response(
        StatusCode::OK,
        &serde_json::json!({ "into": b.into, "from": b.from }),
    )?)
}

/// `GET /api/openapi.json`: the OpenAPI document.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Any other path under `/api/`: a JSON 404.
pub async fn not_found() -> ApiError {
    ApiError(WebError::NotFound("no such API route".into()))
}
