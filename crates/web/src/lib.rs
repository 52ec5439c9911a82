//! needledrop's web site and JSON API, over the application layer.
//!
//! Pages are rendered on the server (they work without JavaScript) and the JSON API under
//! `/api/v1/` answers the same questions for programs. Both are thin shells over
//! [`needledrop_app::App`]: a handler parses the request, runs one use case on a blocking thread
//! with the application locked (see [`AppState::run`]), and renders the result. Failures carry a
//! kind, which picks the status: a JSON body `{"error", "kind"}` for the API
//! ([`error::ApiError`]), an HTML page for the site ([`error::PageError`]).
//!
//! Writes (uploading a document, linking an entry to a film, merging two films) need the write
//! [`Token`], sent as `Authorization: Bearer …` or as a form's `token` field.
//!
//! ```no_run
//! use needledrop_app::App;
//! use needledrop_store::SqliteStore;
//! use needledrop_web::{AppState, Settings, Token};
//!
//! let app = App::new(SqliteStore::open_in_memory().unwrap());
//! let state = AppState::new(app, Token::generate(), Settings::default());
//! let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
//! needledrop_web::serve_blocking(listener, state).unwrap();
//! ```
#![deny(missing_docs)]

pub mod api;
pub mod article;
pub mod error;
pub mod html;
pub mod pages;
pub mod query;
pub mod state;
pub mod token;
pub mod views;

pub use error::{ApiError, PageError, WebError};
pub use state::{AppState, Settings, Versioned, DEFAULT_BODY_LIMIT};
pub use token::Token;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post};
use axum::Router;
use needledrop_store::Store;

/// Every route of the site and the API, over this state.
pub fn router<S: Store + Send + 'static>(state: AppState<S>) -> Router {
    let limit = state.settings().body_limit;
    Router::new()
        .route("/", get(pages::chart::<S>))
        .route("/films/{id}", get(pages::film::<S>))
        .route("/films/{id}/merge", post(pages::merge::<S>))
        .route("/films/{id}/ranks.svg", get(pages::film_ranks_svg::<S>))
        .route("/compare", get(pages::compare::<S>))
        .route("/compare/methods.svg", get(pages::compare_methods_svg::<S>))
        .route("/compare/agreement.svg", get(pages::agreement_svg::<S>))
        .route("/favicon.svg", get(pages::favicon))
        .route("/lists", get(pages::lists::<S>))
        .route("/lists/{id}", get(pages::list::<S>))
        .route("/songs", get(pages::songs::<S>))
        .route("/review", get(pages::review::<S>))
        .route("/review/link", post(pages::link::<S>))
        .route("/methodology", get(pages::methodology::<S>))
        .route("/article", get(article::article::<S>))
        .route("/chart.svg", get(pages::chart_svg::<S>))
        .route("/upload", get(pages::upload_form).post(pages::upload::<S>))
        .route("/api/v1/chart", get(api::chart::<S>))
        .route("/api/v1/films/{id}", get(api::film::<S>))
        .route(
            "/api/v1/lists",
            get(api::lists::<S>).post(api::post_list::<S>),
        )
        .route("/api/v1/lists/{id}", get(api::list::<S>))
        .route("/api/v1/lists/{id}/source", get(api::source::<S>))
        .route("/api/v1/songs", get(api::songs::<S>))
        .route("/api/v1/review", get(api::review::<S>))
        .route("/api/v1/link", post(api::link::<S>))
        .route("/api/v1/merge", post(api::merge::<S>))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/{*rest}", any(api::not_found))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Headers on every response: no script runs on our pages (nothing needs one), nothing is
/// sniffed into another type, no other site frames us.
async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Serves the site on a listener until the process ends (or the server fails).
pub async fn serve<S: Store + Send + 'static>(
    listener: tokio::net::TcpListener,
    state: AppState<S>,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).await
}

/// Serves the site on a bound standard listener, on a runtime of its own; returns only on a
/// failure. For callers without an async runtime (tests).
pub fn serve_blocking<S: Store + Send + 'static>(
    listener: std::net::TcpListener,
    state: AppState<S>,
) -> std::io::Result<()> {
    serve_blocking_until(listener, state, std::future::pending())
}

/// [`serve_blocking`] until the process is interrupted (Ctrl-C): requests under way finish,
/// then it returns. For the CLI.
pub fn serve_until_interrupted<S: Store + Send + 'static>(
    listener: std::net::TcpListener,
    state: AppState<S>,
) -> std::io::Result<()> {
    serve_blocking_until(listener, state, async {
        // If no handler can be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
}

fn serve_blocking_until<S: Store + Send + 'static>(
    listener: std::net::TcpListener,
    state: AppState<S>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown)
            .await
    })
}
