//! The server-rendered site: the chart, films, lists, songs, the review queue, the methodology
//! and the upload form. Every page works without JavaScript; the chart's parameters live in the
//! URL, so a chart can be shared by its link.

use crate::api::{self, authorize};
use crate::error::{PageError, WebError};
use crate::html::{layout, title_year, token_field};
use crate::query::{self, ChartQuery};
use crate::state::{AppState, PendingUpload};
use crate::views;
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Multipart, Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{html, Markup};
use needledrop_app::{ConsensusReport, IngestReport, IngestStatus, RankRequest};
use needledrop_model::{EntryId, FilmId, ItemRef, ListId};
use needledrop_publish::{rank_text, score_text};
use needledrop_rank::method::METHODS;
use needledrop_store::Store;
use serde::Deserialize;
use std::collections::HashMap;

type Page = Result<Html<String>, PageError>;

/// The chart's parameters, the API's ([`ChartQuery`]) with the eligibility policy chosen by
/// name among the bundled ones ([`views::POLICIES`]). All of them live in the URL.
struct ChartParams {
    query: ChartQuery,
}

impl ChartParams {
    fn parse(raw: Option<&str>) -> Result<ChartParams, WebError> {
        Ok(ChartParams {
            query: query::parse(raw)?,
        })
    }

    /// The rank request (with the policy's rules) and the number of rows to show.
    fn request(&self) -> Result<(RankRequest, usize), WebError> {
        self.query.request()
    }

    /// The query string that reproduces these parameters.
    fn query_string(&self) -> String {
        self.query.to_query_string()
    }

    /// The policy's name, if one was chosen.
    fn policy(&self) -> Option<&str> {
        self.query
            .policy
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }
}

fn chart_form(params: &ChartParams) -> Markup {
    let q = &params.query;
    let policy = params.policy().unwrap_or("");
    let method = q.method();
    let weighting = q.weighting.as_deref().unwrap_or("");
    html! {
        form method="get" action="/" {
            fieldset {
                legend { "Ranking" }
                label { "Method "
                    select name="method" {
                        @for (name, _) in METHODS {
                            option value=(name) selected[*name == method] { (name) }
                        }
                    }
                }
                label { "Weighting "
                    select name="weighting" {
                        option value="" selected[weighting.is_empty()] { "as stored" }
                        option value="per-source" selected[weighting == "per-source"] { "per source" }
                        option value="per-list" selected[weighting == "per-list"] { "per list" }
                    }
                }
                label { "Eligibility "
                    select name="policy" {
                        option value="" selected[policy.is_empty()] { "every film" }
                        @for (name, _) in views::POLICIES {
                            option value=(name) selected[*name == policy] { (name) }
                        }
                    }
                }
                label { "Rows " input type="number" name="top" min="1" value=(q.top.as_deref().unwrap_or("25")); }
                label { "Bootstrap replicates " input type="number" name="bootstrap" min="0" max=(query::MAX_BOOTSTRAP) value=(q.bootstrap.as_deref().unwrap_or("")); }
                label { "P(top N), N = " input type="number" name="top_n" min="1" value=(q.top_n.as_deref().unwrap_or("10")); }
                label { "Seed " input type="number" name="seed" min="0" value=(q.seed.as_deref().unwrap_or("0")); }
                button type="submit" { "Rank" }
            }
        }
    }
}

fn chart_table(report: &ConsensusReport, top: usize) -> Markup {
    let top_n = report.bootstrap.as_ref().map(|b| b.top_n);
    html! {
        p { (needledrop_publish::consensus_title(report)) }
        table.chart {
            thead { tr {
                th.num { "Rank" } th { "Film" } th.num { "Score" } th.num { "Lists" }
                th.num { "Mentions" } th.num { "Best" } th.num { "#1" }
                @if let Some(n) = top_n { th { "90% interval" } th.num { "P(top " (n) ")" } }
                th { "Songs cited" }
            } }
            tbody {
                @for row in report.rows.iter().take(top) {
                    tr {
                        td.num { (rank_text(row.rank, row.tied)) }
                        td {
                            @match row.film_id {
                                Some(id) => a href={ "/films/" (id) } { (title_year(&row.title, row.year)) },
                                None => span { (title_year(&row.title, row.year)) },
                            }
                            @if !row.directors.is_empty() { br; span.muted { (row.directors.join(", ")) } }
                        }
                        td.num { (score_text(row.score)) }
                        td.num { (row.lists_ranking) }
                        td.num { (row.lists_mentioning) }
                        td.num { (row.best_rank.map_or("-".to_string(), |b| b.to_string())) }
                        td.num { (row.first_places) }
                        @if top_n.is_some() {
                            td { @if let Some([low, high]) = row.rank_interval { (low) "–" (high) } }
                            td.num { @if let Some(p) = row.prob_top_n { (format!("{p:.2}")) } }
                        }
                        td { (row.songs.iter().take(3).map(|s| format!("“{}”", s.title)).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
        }
        @if let Some(line) = needledrop_publish::bootstrap_line(report) { p.muted { (line) } }
        @if let Some(e) = &report.eligibility {
            p.eligibility {
                "Eligibility: " (e.name.as_deref().unwrap_or("custom rules")) ". "
                (e.rules.join("; ")) ". "
                (e.excluded.len()) " film" @if e.excluded.len() != 1 { "s" } " excluded"
                @if e.lists_left_out > 0 { ", " (e.lists_left_out) " lists left out" } "."
            }
        }
        @for w in &report.warnings { p.warning { "Warning: " (w) } }
    }
}

/// `GET /`: the chart.
pub async fn chart<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = match ChartParams::parse(raw.as_deref()) {
        Ok(p) => p,
        Err(e) => return PageError(e).into_response(),
    };
    let qs = params.query_string();
    let mut version = None;
    let outcome = match params.request() {
        Ok((request, top)) => views::consensus_versioned(&state, request)
            .await
            .map(|(r, v)| {
                version = Some(v);
                (r, top)
            }),
        Err(e) => Err(e),
    };
    let (status, content) = match outcome {
        Ok((Some(report), top)) => (
            StatusCode::OK,
            html! {
                (chart_table(&report, top))
                @if report.bootstrap.is_some() {
                    h2 { "Rank intervals" }
                    img src={ "/chart.svg?" (qs) } alt="Each film's consensus rank with its 90% bootstrap interval";
                }
            },
        ),
        Ok((None, _)) => (
            StatusCode::OK,
            html! { p { "No lists are stored yet. " a href="/upload" { "Upload one" } "." } },
        ),
        Err(e) if e.status().is_client_error() => {
            (e.status(), html! { p.error { (e.to_string()) } })
        }
        Err(e) => return PageError(e).into_response(),
    };
    let body = html! {
        h1 { "Best movie soundtracks: the consensus" }
        (chart_form(&params))
        (content)
        p.muted {
            a href={ "/methodology?" (qs) } { "How this chart is made" } " · "
            a href={ "/compare?" (qs) } { "Every method and every list compared" } " · "
            a href={ "/api/v1/chart?" (qs) } { "This chart as JSON" }
        }
    };
    let mut response = (status, layout("Chart", body)).into_response();
    if let Some(v) = version {
        let (name, value) = crate::api::data_version_header(v);
        response.headers_mut().insert(name, value);
    }
    response
}

/// `GET /films/{id}`: a film, every list naming it, its songs.
pub async fn film<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
) -> Page {
    let id = FilmId(query::id(&id, "film")?);
    let v = views::cached_film(&state, id).await?;
    let f = &v.report.film;
    let year = f.film.year.map(|y| y.get());
    let body = html! {
        h1 { (title_year(&f.film.title, year)) }
        @if !f.film.directors.is_empty() { p { "Directed by " (f.film.directors.join(", ")) } }
        @if let Some(imdb) = &f.film.imdb_id { p.muted { "IMDb " (imdb) } }
        @if !f.film.aliases.is_empty() { p.muted { "Also known as " (f.film.aliases.join("; ")) } }
        @if f.provisional { p.muted { "Not in the catalog: known only from the lists." } }
        h2 { "Lists that name it (" (v.report.citations.len()) ")" }
        table {
            thead { tr { th { "List" } th { "Outlet" } th.num { "Printed rank" } th { "Printed as" } th { "Matched by" } } }
            tbody {
                @for c in &v.report.citations {
                    tr {
                        td { a href={ "/lists/" (c.list) } { (c.list_title.as_deref().unwrap_or("(untitled)")) } }
                        td { (c.outlet.as_deref().unwrap_or("")) }
                        td.num { @match c.rank { Some(r) => (r), None => "mention" } }
                        td { (c.printed_title) }
                        td.muted { (c.reason) " " (format!("{:.2}", c.confidence)) }
                    }
                }
            }
        }
        @if v.report.citations.iter().any(|c| c.rank.is_some()) {
            img src={ "/films/" (f.id) "/ranks.svg" } alt={ "The rank each list gives " (f.film.title) };
        }
        h2 { "Songs cited for it" }
        @if v.songs.is_empty() { p.muted { "No list names a song for it." } }
        ul {
            @for s in &v.songs {
                li { "“" (s.title) "”" @if let Some(a) = &s.artist { " — " (a) } " "
                    span.muted { "(" (s.lists) " list" @if s.lists != 1 { "s" } ")" } }
            }
        }
        h2 { "Merge a duplicate into this film" }
        form method="post" action={ "/films/" (f.id) "/merge" } {
            label { "Film id to merge in " input type="number" name="from" required; }
            (token_field())
            button type="submit" { "Merge" }
        }
    };
    Ok(layout(&f.film.title, body))
}

/// `GET /lists`: the stored lists.
pub async fn lists<S: Store + Send + 'static>(State(state): State<AppState<S>>) -> Page {
    let all = state.read(|app| api::summaries(app)).await?;
    let body = html! {
        h1 { "Stored lists (" (all.len()) ")" }
        table {
            thead { tr { th.num { "Id" } th { "Title" } th { "Outlet" } th { "File" } th { "Format" }
                th.num { "Entries" } th.num { "Mentions" } th.num { "Songs" } } }
            tbody {
                @for l in &all {
                    tr {
                        td.num { (l.id) }
                        td { a href={ "/lists/" (l.id) } { (l.title.as_deref().unwrap_or("(untitled)")) } }
                        td { (l.outlet.as_deref().unwrap_or("")) }
                        td { (l.file_name.as_deref().unwrap_or("")) }
                        td { (l.format) }
                        td.num { (l.entries) } td.num { (l.mentions) } td.num { (l.songs) }
                    }
                }
            }
        }
    };
    Ok(layout("Lists", body))
}

/// An `http(s)` address can be a link; anything else (`javascript:`…) stays text.
fn safe_href(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// `GET /lists/{id}`: a list as read, with its films, notes, warnings and source verbatim.
pub async fn list<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
) -> Page {
    let id = ListId(query::id(&id, "list")?);
    let v = state.read(move |app| views::list(app, id)).await?;
    let l = &v.list;
    let title = l.title.clone().unwrap_or_else(|| "(untitled)".into());
    let body = html! {
        h1 { (title) }
        dl {
            @if let Some(o) = &l.outlet { dt { "Outlet" } dd { (o) } }
            @if let Some(a) = &l.author { dt { "Author" } dd { (a) } }
            @if let Some(u) = &l.url { dt { "Address" } dd { @if safe_href(u) { a href=(u) rel="nofollow noopener" { (u) } } @else { (u) } } }
            @if let Some(d) = &l.date { dt { "Date" } dd { (d) } }
            dt { "Printed" } dd { (l.order.as_str()) }
        }
        h2 { "Entries (" (l.entries.len()) ")" }
        table {
            thead { tr { th.num { "Rank" } th { "Title" } th { "Credit" } th { "Songs cited" } } }
            tbody {
                @for (e, ev) in l.entries.iter().zip(&v.entries) {
                    tr {
                        td.num { (rank_text(e.rank.get(), e.tied)) }
                        td {
                            @let t = title_year(&e.title, e.year.map(|y| y.get()));
                            @match ev.film_id {
                                Some(f) => a href={ "/films/" (f) } { (t) },
                                None => span { (t) " " span.muted { "(unresolved)" } },
                            }
                        }
                        td { (e.credit.as_deref().unwrap_or("")) }
                        td { (e.songs.iter().map(|s| match &s.artist {
                            Some(a) => format!("“{}” ({a})", s.title),
                            None => format!("“{}”", s.title),
                        }).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
        }
        @if !l.mentions.is_empty() {
            h2 { "Mentions" }
            ul { @for m in &l.mentions { li { (title_year(&m.title, m.year.map(|y| y.get()))) } } }
        }
        @if !l.songs.is_empty() {
            h2 { "Songs outside the entries" }
            ul { @for s in &l.songs { li { "“" (s.title) "”" @if let Some(a) = &s.artist { " — " (a) } } } }
        }
        @if !l.notes.is_empty() {
            h2 { "Criteria and notes" }
            ul { @for n in &l.notes { li { (n) } } }
        }
        @if !l.warnings.is_empty() {
            h2 { "Warnings" }
            ul { @for w in &l.warnings { li.warning { (w) } } }
        }
        h2 { "Source document" }
        p {
            (v.source.file_name.as_deref().unwrap_or("(no file name)")) ", read as " (v.source.format)
            ", " (v.source.bytes) " bytes. SHA-256: " code.sha256 { (v.source.sha256) }
            " · " a href={ "/api/v1/lists/" (v.id) "/source" } { "download verbatim" }
        }
        pre.source { (String::from_utf8_lossy(&v.document.bytes)) }
    };
    Ok(layout(&title, body))
}

/// `GET /songs`: the most-cited songs.
pub async fn songs<S: Store + Send + 'static>(State(state): State<AppState<S>>) -> Page {
    let all = state.read(|app| Ok(app.songs()?)).await?;
    let body = html! {
        h1 { "Most-cited songs" }
        table {
            thead { tr { th { "Song" } th { "Artist" } th.num { "Lists" } th { "Films" } } }
            tbody {
                @for s in &all {
                    tr {
                        td { (s.title) }
                        td { (s.artist.as_deref().unwrap_or("")) }
                        td.num { (s.lists) }
                        td {
                            (s.films.join("; "))
                            @for f in &s.film_ids { " " a href={ "/films/" (f) } { "#" (f) } }
                        }
                    }
                }
            }
        }
    };
    Ok(layout("Songs", body))
}

/// `GET /review`: entries and mentions waiting for a person, with a form to link each entry.
pub async fn review<S: Store + Send + 'static>(State(state): State<AppState<S>>) -> Page {
    let (all, doubtful) = state
        .read(|app| Ok((app.review_queue()?, app.doubtful_lists()?)))
        .await?;
    let body = html! {
        @if !doubtful.is_empty() {
            h1 { "Lists to check (" (doubtful.len()) ")" }
            p.muted { "Lists the article reader was unsure of, with its reasons. Compare each with its source; mark it checked with "
                code { "needledrop review --checked ID" } "." }
            table {
                thead { tr { th { "List" } th { "Read as" } th { "Confidence" } th { "Reasons" } } }
                tbody {
                    @for l in &doubtful {
                        tr {
                            td { a href={ "/lists/" (l.id) } { (l.title.as_deref().unwrap_or("(untitled)")) }
                                @if let Some(o) = &l.outlet { br; span.muted { (o) } } }
                            td { (l.reading.as_deref().unwrap_or("")) }
                            td { @if let Some(c) = l.confidence { (format!("{c:.2}")) } }
                            td { ul { @for w in &l.warnings { li { (w) } } } }
                        }
                    }
                }
            }
        }
        h1 { "Review queue (" (all.len()) ")" }
        p.muted { "Entries whose film is uncertain. Linking one needs the write token." }
        table {
            thead { tr { th { "Printed" } th { "List" } th { "Candidates" } th { "Link" } } }
            tbody {
                @for r in &all {
                    tr {
                        td { (title_year(&r.title, r.year)) br; span.muted { (r.item) } }
                        td { a href={ "/lists/" (r.list) } { "list " (r.list) } }
                        td { ul { @for c in &r.candidates {
                            li { a href={ "/films/" (c.id) } { (title_year(&c.film.title, c.film.year.map(|y| y.get()))) } " #" (c.id) }
                        } } }
                        td {
                            @if let ItemRef::Entry(entry) = r.item {
                                form method="post" action="/review/link" {
                                    input type="hidden" name="entry" value=(entry);
                                    label { "Film id " input type="number" name="film" required
                                        value=(r.candidates.first().map(|c| c.id.to_string()).unwrap_or_default()); }
                                    (token_field())
                                    button type="submit" { "Link" }
                                }
                            } @else { span.muted { "mentions cannot be linked here" } }
                        }
                    }
                }
            }
        }
    };
    Ok(layout("Review", body))
}

#[derive(Debug, Deserialize)]
struct LinkForm {
    entry: String,
    film: String,
    #[serde(default)]
    token: Option<String>,
}

#[derive(Debug, Deserialize)]
struct MergeForm {
    from: String,
    #[serde(default)]
    token: Option<String>,
}

fn form<T: serde::de::DeserializeOwned>(
    limit: usize,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, WebError> {
    let body = api::body_within_limit(limit, body)?;
    serde_urlencoded::from_bytes(&body)
        .map_err(|e| WebError::BadRequest(format!("malformed form: {e}")))
}

fn number(v: &str, what: &str) -> Result<i64, WebError> {
    v.trim()
        .parse()
        .map_err(|_| WebError::BadRequest(format!("{what} must be a number, not {v:?}")))
}

/// `POST /review/link` (token): links an entry to a film, then shows the film.
pub async fn link<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Redirect, PageError> {
    let f: LinkForm = form(state.settings().body_limit, body)?;
    authorize(&state, f.token.as_deref())?;
    let (entry, film) = (
        EntryId(number(&f.entry, "the entry")?),
        FilmId(number(&f.film, "the film")?),
    );
    let film = state.run(move |app| Ok(app.link(entry, film)?)).await?;
    Ok(Redirect::to(&format!("/films/{film}")))
}

/// `POST /films/{id}/merge` (token): merges another film into this one, then shows it.
pub async fn merge<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Redirect, PageError> {
    let into = FilmId(query::id(&id, "film")?);
    let f: MergeForm = form(state.settings().body_limit, body)?;
    authorize(&state, f.token.as_deref())?;
    let from = FilmId(number(&f.from, "the film to merge")?);
    state.run(move |app| Ok(app.merge(into, from)?)).await?;
    Ok(Redirect::to(&format!("/films/{into}")))
}

/// `GET /methodology`: how the chart with these parameters is made.
pub async fn methodology<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Page {
    let params = ChartParams::parse(raw.as_deref())?;
    let q = &params.query;
    let (request, _) = params.request()?;
    let summary = views::consensus(&state, request).await?;
    let method = q.method().to_string();
    let described = METHODS
        .iter()
        .find(|(name, _)| *name == method)
        .map_or("", |(_, what)| *what);
    let qs = params.query_string();
    let body = html! {
        h1 { "Methodology" }
        p { "needledrop reads published “best movie soundtracks” lists, resolves every entry to a film of
            its catalog (people settle the uncertain ones in the " a href="/review" { "review queue" } "),
            and aggregates the lists into one consensus." }
        h2 { "This chart" }
        dl {
            dt { "Method" } dd { (method) ": " (described) }
            @if let Some(r) = &summary {
                dt { "Parameters" } dd { @if r.parameters.is_empty() { "none" } @else {
                    (r.parameters.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", ")) } }
                dt { "Lists" } dd { (r.list_count) }
                dt { "Weighting" } dd { (r.weighting.as_str()) ": " (r.weighting.describe()) }
                dt { "Eligibility" } dd { @match &r.eligibility {
                    Some(e) => { (e.name.as_deref().unwrap_or("custom rules")) ": " (e.rules.join("; ")) "." }
                    None => "every film named by a list",
                } }
                @if let Some(b) = &r.bootstrap {
                    dt { "Bootstrap" } dd { (b.replicates) " replicates over lists (seed " (b.seed) "): each replicate
                        draws as many lists as there are, with replacement, and ranks them again. A row's interval
                        holds " (format!("{:.0}%", b.level * 100.0)) " of its replicate ranks; P(top " (b.top_n) ") is the share
                        of replicates that put it in the top " (b.top_n) "."
                        @if b.skipped > 0 { " " (b.skipped) " replicates could not be aggregated." } }
                }
            } @else { dt { "Lists" } dd { "none stored yet" } }
        }
        p { "Tied items share a rank (shown as 3=). Inside a tie, rows are ordered by the number of first
            places, then the lists naming the item, then the best rank, then the name." }
        h2 { "Every method" }
        table { tbody { @for (name, what) in METHODS { tr { td { code { (name) } } td { (what) } } } } }
        p { a href={ "/?" (qs) } { "Back to this chart" } }
    };
    Ok(layout("Methodology", body))
}

/// `GET /upload`: the upload form.
pub async fn upload_form() -> Html<String> {
    layout(
        "Upload",
        html! {
            h1 { "Upload an article or a list file" }
            p { "The file is read first and nothing is stored until you confirm the reading." }
            form method="post" action="/upload" enctype="multipart/form-data" {
                fieldset {
                    legend { "Document" }
                    p { label { "File " input type="file" name="file"; } }
                    p { label { "…or paste the text " br; textarea name="text" rows="10" cols="80" {} } }
                }
                fieldset {
                    legend { "About it (optional)" }
                    label { "Title " input type="text" name="title"; }
                    label { "Outlet " input type="text" name="outlet"; }
                    label { "Address " input type="url" name="url"; }
                    label { "Date " input type="date" name="date"; }
                }
                p { (token_field()) button type="submit" { "Read it" } }
            }
        },
    )
}

async fn multipart_fields(
    multipart: Result<Multipart, MultipartRejection>,
    limit: usize,
) -> Result<(HashMap<String, Vec<u8>>, Option<String>), WebError> {
    let too_large_or = |status: StatusCode, text: String| {
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(limit)
        } else {
            WebError::BadRequest(text)
        }
    };
    let mut multipart = multipart.map_err(|r| too_large_or(r.status(), r.body_text()))?;
    let mut fields = HashMap::new();
    let mut file_name = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(too_large_or(e.status(), e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            file_name = field.file_name().map(str::to_string);
        }
        let data = field
            .bytes()
            .await
            .map_err(|e| too_large_or(e.status(), e.body_text()))?;
        fields.insert(name, data.to_vec());
    }
    Ok((fields, file_name))
}

fn reading(report: &IngestReport) -> Markup {
    html! {
        p { "Read as " strong { (report.format) } ": " (report.read.len()) " list(s), "
            (report.entries) " entries, " (report.mentions) " mentions, " (report.songs) " songs." }
        @for w in &report.warnings { p.warning { "Warning: " (w) } }
        @for l in &report.read {
            h3 { (l.title.as_deref().unwrap_or("(untitled)")) @if let Some(o) = &l.outlet { " — " (o) } }
            ol {
                @for e in l.entries.iter().take(200) {
                    li { (rank_text(e.rank.get(), e.tied)) ". " (title_year(&e.title, e.year.map(|y| y.get()))) }
                }
            }
            @for n in &l.notes { p.muted { "Note: " (n) } }
        }
    }
}

/// `POST /upload` (token): reads the document and shows the reading with a confirmation form;
/// with `confirm` (the SHA-256 of a reading shown before), stores it.
pub async fn upload<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    let limit = state.settings().body_limit;
    let (fields, file_name) = multipart_fields(multipart, limit).await?;
    let text = |k: &str| {
        fields
            .get(k)
            .map(|v| String::from_utf8_lossy(v).into_owned())
    };
    let token = text("token");
    authorize(&state, token.as_deref())?;
    if let Some(sha) = text("confirm") {
        let pending = state.take(sha.trim()).ok_or_else(|| {
            WebError::NotFound("that reading is no longer waiting; upload the file again".into())
        })?;
        let report = state
            .run(move |app| Ok(app.ingest(&pending.request)?))
            .await?;
        let body = html! {
            h1 { @if report.status == IngestStatus::Stored { "Stored" } @else { "Already stored" } }
            p { @if report.status == IngestStatus::Stored { "The document was stored." }
                @else { "These exact bytes were stored before; nothing changed." } }
            ul { @for id in &report.lists { li { a href={ "/lists/" (id) } { "List " (id) } } } }
            p { (report.review) " entries and mentions of the whole store wait in the "
                a href="/review" { "review queue" } "." }
            p { a href="/" { "See the chart" } }
        };
        let status = if report.status == IngestStatus::Stored {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        return Ok((status, layout("Stored", body)).into_response());
    }
    let file = fields.get("file").filter(|b| !b.is_empty()).cloned();
    let (bytes, name) = match file {
        Some(b) => (b, file_name),
        None => (
            fields.get("text").cloned().unwrap_or_default(),
            Some("pasted.txt".to_string()),
        ),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(WebError::BadRequest("choose a file or paste some text".into()).into());
    }
    let request = api::ingest_request(
        bytes,
        name,
        text("title"),
        text("outlet"),
        text("url"),
        text("date"),
    );
    let (request, report) = state
        .off_thread(move || {
            let report = needledrop_app::dry_run(&request)?;
            Ok((request, report))
        })
        .await?;
    let sha256 = needledrop_model::Document::new(request.bytes.clone(), None, "").sha256;
    state.hold(PendingUpload {
        sha256: sha256.clone(),
        request,
    });
    let body = html! {
        h1 { "The reading" }
        p.muted { "Nothing is stored yet. SHA-256 " code { (sha256) } }
        (reading(&report))
        form method="post" action="/upload" enctype="multipart/form-data" {
            input type="hidden" name="confirm" value=(sha256);
            input type="hidden" name="token" value=(token.unwrap_or_default());
            button type="submit" { "Store it" }
        }
        p { a href="/upload" { "Start again" } }
    };
    Ok(layout("Upload", body).into_response())
}

/// Any other path: an HTML 404.
pub async fn not_found() -> PageError {
    PageError(WebError::NotFound(
        "there is no page at this address".into(),
    ))
}

/// `GET /chart.svg`: the chart's rank intervals as an SVG plot (the chart's parameters; a
/// bootstrap of 200 replicates when none is given).
pub async fn chart_svg<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let (mut request, top) = ChartParams::parse(raw.as_deref())?.request()?;
    request.bootstrap = request.bootstrap.or(Some(200));
    let report = views::consensus(&state, request)
        .await?
        .ok_or_else(|| WebError::NotFound("no lists are stored yet".into()))?;
    let svg = needledrop_publish::svg::rank_intervals(&report, top.min(50))
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(svg_response(svg))
}

fn svg_response(svg: String) -> Response {
    ([(axum::http::header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}

/// A chart that could not be drawn: nothing to draw is a 404, anything else our failure.
fn svg_failure(e: needledrop_publish::svg::SvgError) -> WebError {
    match e {
        needledrop_publish::svg::SvgError::Empty(what) => WebError::NotFound(what.to_string()),
        other => WebError::Internal(other.to_string()),
    }
}

/// `GET /films/{id}/ranks.svg`: the film's printed rank in each list that ranks it.
pub async fn film_ranks_svg<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = FilmId(query::id(&id, "film")?);
    let v = state.read(move |app| views::film(app, id)).await?;
    let svg = needledrop_publish::svg::film_ranks(&v.report).map_err(svg_failure)?;
    Ok(svg_response(svg))
}

/// The top shown per method on the compare page (a bump chart of more is unreadable).
const COMPARE_TOP: usize = 10;

/// `GET /compare`: the chart's top under every method, and how much the lists agree.
pub async fn compare<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Page {
    let params = ChartParams::parse(raw.as_deref())?;
    let (request, _) = params.request()?;
    let qs = params.query_string();
    let lists = state.read(|app| api::summaries(app)).await?;
    let body = html! {
        h1 { "Every method, every list" }
        @if lists.is_empty() {
            p { "No lists are stored yet. " a href="/upload" { "Upload one" } "." }
        } @else {
            h2 { "The top " (COMPARE_TOP) " under every method" }
            p.muted { "One line per film, from method to method; a gap where a method leaves it out of its top. "
                "The side names the films of the first method." }
            // Wider than the page: it scrolls rather than shrinking its labels.
            div.wide { img src={ "/compare/methods.svg?" (qs) } alt="The top of the chart under every ranking method"; }
            h2 { "How much the lists agree" }
            p.muted { "Kendall tau-b between every two lists over the films either names: blue where they agree, "
                "red where they disagree, grey where it is undefined. Method for the consensus: " (request.method) "." }
            img src={ "/compare/agreement.svg?" (qs) } alt="Agreement between every pair of lists";
        }
        p { a href={ "/?" (qs) } { "Back to the chart" } }
    };
    Ok(layout("Compare", body))
}

/// `GET /compare/methods.svg`: the bump chart of every method's top.
pub async fn compare_methods_svg<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let (request, _) = ChartParams::parse(raw.as_deref())?.request()?;
    let (comparison, titles) = views::method_comparison(&state, request, COMPARE_TOP)
        .await?
        .ok_or_else(|| WebError::NotFound("no lists are stored yet".into()))?;
    let svg = needledrop_publish::svg::method_bump(&comparison, &titles).map_err(svg_failure)?;
    Ok(svg_response(svg))
}

/// `GET /compare/agreement.svg`: the heatmap of agreement between lists.
pub async fn agreement_svg<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let (request, _) = ChartParams::parse(raw.as_deref())?.request()?;
    let report = views::agreement(&state, request)
        .await?
        .ok_or_else(|| WebError::NotFound("no lists are stored yet".into()))?;
    let svg = needledrop_publish::svg::agreement_heatmap(&report).map_err(svg_failure)?;
    Ok(svg_response(svg))
}

/// `GET /favicon.svg`: the site's icon (browsers ask for one on every page; without it each page
/// logs a failed request).
pub async fn favicon() -> Response {
    svg_response(crate::html::FAVICON.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_read_from_the_query_and_kept_in_links() {
        let p = ChartParams::parse(Some("method=schulze&policy=no-musicals")).unwrap();
        let (request, _) = p.request().unwrap();
        let policy = request.eligibility.expect("the policy's rules");
        assert!(!policy.is_empty());
        let again = ChartParams::parse(Some(&p.query_string())).unwrap();
        assert_eq!(again.policy(), Some("no-musicals"));
        assert_eq!(again.query.method(), "schulze");
    }

    #[test]
    fn no_policy_means_every_film_and_an_unknown_one_is_bad_input() {
        let p = ChartParams::parse(Some("policy=")).unwrap();
        assert!(p.request().unwrap().0.eligibility.is_none());
        assert_eq!(p.query_string(), "");
        let p = ChartParams::parse(Some("policy=..%2Fsecrets")).unwrap();
        assert!(matches!(p.request(), Err(WebError::BadRequest(_))));
    }

    #[test]
    fn every_bundled_policy_reads() {
        for (name, _) in views::POLICIES {
            assert!(views::policy(name).is_ok(), "{name}");
        }
    }

    /// The site over three sample articles, on a loopback port; its address.
    fn site() -> String {
        use needledrop_app::{App, IngestRequest};
        let mut app = App::new(needledrop_store::SqliteStore::open_in_memory().unwrap());
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/articles");
        for name in ["deep-cuts.md", "liner-notes.md", "cue-sheet.txt"] {
            let path = data.join(name);
            let bytes = std::fs::read(&path).unwrap();
            app.ingest(&IngestRequest::new(bytes, &path.to_string_lossy()))
                .unwrap();
        }
        let state = AppState::new(app, crate::Token::generate(), crate::Settings::default());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || crate::serve_blocking(listener, state));
        base
    }

    fn get(url: &str) -> (u16, String, String) {
        let r = reqwest::blocking::get(url).unwrap();
        let status = r.status().as_u16();
        let kind = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        (status, kind, r.text().unwrap())
    }

    #[test]
    fn the_compare_page_and_every_chart_are_served() {
        let base = site();
        let (status, _, page) = get(&format!("{base}/compare?policy=no-musicals"));
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("/compare/methods.svg?policy=no-musicals"));
        assert!(page.contains("/compare/agreement.svg?policy=no-musicals"));
        let film = page_film_id(&get(&format!("{base}/")).2);
        for path in [
            "/compare/methods.svg".to_string(),
            "/compare/agreement.svg?method=schulze".to_string(),
            "/chart.svg?policy=no-musicals".to_string(),
            format!("/films/{film}/ranks.svg"),
            "/favicon.svg".to_string(),
        ] {
            let (status, kind, body) = get(&format!("{base}{path}"));
            assert_eq!((status, kind.as_str()), (200, "image/svg+xml"), "{path}");
            assert!(body.contains("<svg"), "{path}");
        }
        let (status, _, page) = get(&format!("{base}/compare/methods.svg?policy=nope"));
        assert_eq!(status, 400, "{page}");
        let (status, _, page) = get(&format!("{base}/?policy=nope"));
        assert_eq!(status, 400);
        assert!(
            page.contains("no-musicals"),
            "the error names the policies offered"
        );
        let (status, _, _) = get(&format!("{base}/films/999999/ranks.svg"));
        assert_eq!(status, 404);
    }

    /// The id of the first film the chart links to.
    fn page_film_id(chart: &str) -> i64 {
        let at = chart
            .find("href=\"/films/")
            .expect("the chart links a film")
            + 13;
        chart[at..]
            .split('"')
            .next()
            .and_then(|id| id.parse().ok())
            .expect("a film id")
    }
}
