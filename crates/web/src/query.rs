//! Query strings: the chart's parameters (shared by the page and the API, kept in the URL so a
//! chart can be shared), pagination, and the token a write presents.

use crate::error::WebError;
use axum::http::HeaderMap;
use needledrop_app::{RankRequest, Weighting};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The most bootstrap replicates one request may ask for.
pub const MAX_BOOTSTRAP: usize = 2000;
/// The largest page of a collection.
pub const MAX_LIMIT: usize = 1000;
/// The page size when none is given.
pub const DEFAULT_LIMIT: usize = 100;
/// Chart rows shown when `top` is not given.
pub const DEFAULT_TOP: usize = 25;

/// Parses a query string into `T`; a malformed one is bad input (400), never a panic.
pub fn parse<T: DeserializeOwned>(raw: Option<&str>) -> Result<T, WebError> {
    serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| WebError::BadRequest(format!("malformed query string: {e}")))
}

/// The chart's parameters as given. Every field is text so that an empty form field means
/// "not set" and a malformed number is reported by name.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ChartQuery {
    /// The method's name.
    #[serde(default)]
    pub method: Option<String>,
    /// `per-source` or `per-list`; none: the stored policy.
    #[serde(default)]
    pub weighting: Option<String>,
    /// Rows to show.
    #[serde(default)]
    pub top: Option<String>,
    /// N of P(in top N), with the bootstrap.
    #[serde(default)]
    pub top_n: Option<String>,
    /// Bootstrap replicates.
    #[serde(default)]
    pub bootstrap: Option<String>,
    /// The bootstrap's seed.
    #[serde(default)]
    pub seed: Option<String>,
    /// A points table for `points`.
    #[serde(default)]
    pub points: Option<String>,
    /// Pairwise methods: `below-listed` or `ignore`.
    #[serde(default)]
    pub unlisted: Option<String>,
    /// RRF's k.
    #[serde(default)]
    pub rrf_k: Option<String>,
    /// CombSUM/CombMNZ normalisation.
    #[serde(default)]
    pub norm: Option<String>,
    /// Mean/median rank penalty.
    #[serde(default)]
    pub penalty: Option<String>,
    /// MC4's damping.
    #[serde(default)]
    pub damping: Option<String>,
    /// An eligibility policy by name, among the bundled ones; none: every film.
    #[serde(default)]
    pub policy: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn number<T: std::str::FromStr>(name: &str, v: &Option<String>) -> Result<Option<T>, WebError> {
    given(v)
        .map(|s| {
            s.parse::<T>()
                .map_err(|_| WebError::BadRequest(format!("`{name}` must be a number, not {s:?}")))
        })
        .transpose()
}

impl ChartQuery {
    /// The method asked for, `borda` by default.
    pub fn method(&self) -> &str {
        given(&self.method).unwrap_or("borda")
    }

    /// The rank request and the number of rows to show.
    pub fn request(&self) -> Result<(RankRequest, usize), WebError> {
        let bootstrap: Option<usize> = number("bootstrap", &self.bootstrap)?.filter(|b| *b > 0);
        if bootstrap.is_some_and(|b| b > MAX_BOOTSTRAP) {
            return Err(WebError::BadRequest(format!(
                "`bootstrap` is at most {MAX_BOOTSTRAP} replicates here"
            )));
        }
        if self.method() == "kemeny" && bootstrap.is_some() {
            return Err(WebError::BadRequest(
                "the exact Kemeny method is too slow to bootstrap here; use kemeny-heuristic"
                    .into(),
            ));
        }
        let top = number("top", &self.top)?.unwrap_or(DEFAULT_TOP);
        let request = RankRequest {
            method: self.method().to_string(),
            points: given(&self.points).map(String::from),
            unlisted: given(&self.unlisted).map(String::from),
            rrf_k: number("rrf_k", &self.rrf_k)?,
            norm: given(&self.norm).map(String::from),
            penalty: given(&self.penalty).map(String::from),
            damping: number("damping", &self.damping)?,
            weighting: given(&self.weighting)
                .map(Weighting::parse)
                .transpose()
                .map_err(|e| WebError::BadRequest(e.to_string()))?,
            bootstrap,
            seed: number("seed", &self.seed)?.unwrap_or(0),
            top_n: number("top_n", &self.top_n)?.unwrap_or(10),
            eligibility: given(&self.policy).map(crate::views::policy).transpose()?,
            ..RankRequest::default()
        };
        Ok((request, top))
    }

    /// The query string for these parameters, without empty fields (for links that keep them).
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("method", &self.method),
            ("weighting", &self.weighting),
            ("top", &self.top),
            ("top_n", &self.top_n),
            ("bootstrap", &self.bootstrap),
            ("seed", &self.seed),
            ("points", &self.points),
            ("unlisted", &self.unlisted),
            ("rrf_k", &self.rrf_k),
            ("norm", &self.norm),
            ("penalty", &self.penalty),
            ("damping", &self.damping),
            ("policy", &self.policy),
        ]
        .into_iter()
        .filter_map(|(k, v)| given(v).map(|v| (k, v)))
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// `?limit=&offset=` on collections.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Pagination {
    /// Items per page.
    #[serde(default)]
    pub limit: Option<String>,
    /// Items to skip.
    #[serde(default)]
    pub offset: Option<String>,
}

impl Pagination {
    /// (limit, offset), checked.
    pub fn bounds(&self) -> Result<(usize, usize), WebError> {
        let limit = number("limit", &self.limit)?.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(WebError::BadRequest(format!(
                "`limit` must be between 1 and {MAX_LIMIT}"
            )));
        }
        Ok((limit, number("offset", &self.offset)?.unwrap_or(0)))
    }
}

/// The token of an `Authorization: Bearer …` header, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

/// Parses an id from a path segment; anything else names nothing (404).
pub fn id(segment: &str, what: &str) -> Result<i64, WebError> {
    segment
        .trim()
        .parse()
        .map_err(|_| WebError::NotFound(format!("no {what} with id {segment:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_form_fields_mean_not_set() {
        let q: ChartQuery = parse(Some("method=&bootstrap=&top=&weighting=")).unwrap();
        let (request, top) = q.request().unwrap();
        assert_eq!(request.method, "borda");
        assert_eq!(request.bootstrap, None);
        assert_eq!(top, DEFAULT_TOP);
        assert_eq!(q.to_query_string(), "");
    }

    #[test]
    fn malformed_numbers_are_bad_requests() {
        let q: ChartQuery = parse(Some("top=ten")).unwrap();
        assert!(matches!(q.request(), Err(WebError::BadRequest(_))));
        let q: ChartQuery = parse(Some("bootstrap=999999")).unwrap();
        assert!(matches!(q.request(), Err(WebError::BadRequest(_))));
        let p: Pagination = parse(Some("limit=0")).unwrap();
        assert!(p.bounds().is_err());
    }

    #[test]
    fn the_query_string_round_trips() {
        let q: ChartQuery = parse(Some("method=schulze&top=5&weighting=per-list")).unwrap();
        let again: ChartQuery = parse(Some(&q.to_query_string())).unwrap();
        assert_eq!(again.method(), "schulze");
        assert_eq!(again.top.as_deref(), Some("5"));
    }

    #[test]
    fn bearer_tokens_are_read_from_the_header() {
        let mut h = HeaderMap::new();
        h.insert("authorization", "Bearer abc".parse().unwrap());
        assert_eq!(bearer(&h), Some("abc"));
        h.insert("authorization", "Basic abc".parse().unwrap());
        assert_eq!(bearer(&h), None);
    }
}
