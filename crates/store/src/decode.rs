//! Reading stored values back into the model, the same way for every backend: a value that does
//! not fit is [`StoreError::Corrupt`], never a panic.

use crate::{Result, StoreError};
use needledrop_model::{FilmId, MatchReason, Order, Rank, Resolution, Year};

/// A printed year as stored.
pub(crate) fn year_of(v: Option<i64>) -> Result<Option<Year>> {
    v.map(|y| {
        i32::try_from(y)
            .ok()
            .and_then(|y| Year::new(y).ok())
            .ok_or_else(|| StoreError::Corrupt(format!("year {y}")))
    })
    .transpose()
}

/// A film's year as stored: one that does not fit is dropped (catalog data, not a printed list).
pub(crate) fn film_year(v: Option<i64>) -> Option<Year> {
    v.and_then(|y| i32::try_from(y).ok())
        .and_then(|y| Year::new(y).ok())
}

/// A printed rank as stored.
pub(crate) fn rank_of(rank: i64) -> Result<Rank> {
    u32::try_from(rank)
        .ok()
        .and_then(|n| Rank::new(n).ok())
        .ok_or_else(|| StoreError::Corrupt(format!("rank {rank}")))
}

/// A list's print order as stored.
pub(crate) fn parse_order(s: &str) -> Result<Order> {
    Order::parse(s).ok_or_else(|| StoreError::Corrupt(format!("list order `{s}`")))
}

/// A JSON array of strings that must be readable.
pub(crate) fn json_strings(s: &str, what: &str) -> Result<Vec<String>> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// A JSON array of strings where an unreadable one reads as empty (film directors, genres).
pub(crate) fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// A value as JSON text.
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Backend(e.to_string()))
}

/// A resolution row: the film, the confidence, the reason (`review` for none) and the candidates
/// as a JSON array of film ids.
pub(crate) fn read_resolution(
    film: Option<i64>,
    confidence: f64,
    reason: &str,
    candidates: &str,
) -> Result<Resolution> {
    let reason = match reason {
        "review" => None,
        other => Some(
            MatchReason::parse(other)
                .ok_or_else(|| StoreError::Corrupt(format!("resolution reason `{other}`")))?,
        ),
    };
    Ok(Resolution {
        film: film.map(FilmId),
        confidence,
        reason,
        candidates: film_ids(candidates, "resolution candidates")?,
    })
}

/// A JSON array of film ids.
pub(crate) fn film_ids(s: &str, what: &str) -> Result<Vec<FilmId>> {
    let ids: Vec<i64> =
        serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))?;
    Ok(ids.into_iter().map(FilmId).collect())
}

/// The reason stored for a resolution (`review` for none).
pub(crate) fn reason_text(resolution: &Resolution) -> &'static str {
    resolution.reason.map_or("review", MatchReason::as_str)
}
