//! `GET /article`: the consensus article as a standalone HTML page, with the chart's parameters
//! (`method`, `weighting`, `bootstrap`, `top`, …) from the query string. The page is the one
//! `needledrop publish article --format html` writes; a bootstrap of 200 replicates gives the
//! rank intervals when none is asked for.

use crate::error::{PageError, WebError};
use crate::query::{self, ChartQuery};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use needledrop_app::{AppError, ArticleRequest};
use needledrop_store::Store;

/// Films named after the countdown.
const HONORABLE: usize = 10;

/// `GET /article`.
pub async fn article<S: Store + Send + 'static>(
    State(state): State<AppState<S>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let q: ChartQuery = query::parse(raw.as_deref())?;
    let (mut rank, top) = q.request()?;
    rank.bootstrap = rank.bootstrap.or(Some(200));
    let request = ArticleRequest {
        rank,
        top,
        honorable: HONORABLE,
    };
    let article = state
        .read(move |app| {
            app.article(&request).map_err(|e| match e {
                AppError::NoLists => WebError::NotFound("no lists are stored yet".into()),
                e => e.into(),
            })
        })
        .await?;
    let mut page = Vec::new();
    needledrop_publish::article::article_html(&mut page, &article)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let page = String::from_utf8(page).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(Html(page).into_response())
}
