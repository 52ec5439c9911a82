//! Weights as data: how lists share the vote (the policy), and the weight a person gives a list.

use crate::{App, AppError, Result};
use needledrop_model::ListId;
use needledrop_store::Store;
use serde::Serialize;
use std::collections::HashMap;

/// How the lists of the store share the vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Weighting {
    /// Each source document has one vote, shared by the lists read from it: the 40 ballots of a
    /// poll file weigh as much as one critic's article.
    #[default]
    PerSource,
    /// Each list has one vote.
    PerList,
}

impl Weighting {
    /// The name used in settings and flags.
    pub fn as_str(self) -> &'static str {
        match self {
            Weighting::PerSource => "per-source",
            Weighting::PerList => "per-list",
        }
    }

    /// Parses `per-source` or `per-list`.
    pub fn parse(s: &str) -> Result<Weighting> {
        match s {
            "per-source" => Ok(Weighting::PerSource),
            "per-list" => Ok(Weighting::PerList),
            other => Err(AppError::BadInput(format!(
                "unknown weighting {other:?}; use per-source or per-list"
            ))),
        }
    }

    /// What it means, in a sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Weighting::PerSource => {
                "each source document counts once; lists read from one file share its vote"
            }
            Weighting::PerList => "each list counts once",
        }
    }
}

const WEIGHTING_KEY: &str = "weighting";

/// Reads a weights file: CSV with a header, `list_id,weight` per row. A row that is not a list
/// id and a number is bad input naming its line.
pub fn parse_weights(text: &str) -> Result<HashMap<String, f64>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut weights = HashMap::new();
    for (i, record) in rdr.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| AppError::BadInput(format!("line {line}: {e}")))?;
        let (Some(list), Some(w)) = (record.get(0), record.get(1)) else {
            return Err(AppError::BadInput(format!(
                "line {line}: expected `list_id,weight`"
            )));
        };
        let w: f64 = w
            .parse()
            .map_err(|_| AppError::BadInput(format!("line {line}: `{w}` is not a number")))?;
        weights.insert(list.to_string(), w);
    }
    Ok(weights)
}

/// One list's weight, and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct WeightRow {
    /// The list.
    pub list: ListId,
    /// Its title or outlet.
    pub title: Option<String>,
    /// Its source file.
    pub file: Option<String>,
    /// Its share of its source's vote under the policy (1 per list, 1/n for n lists of a file).
    pub share: f64,
    /// The weight a person gave it (1 when none).
    pub weight: f64,
    /// What it counts for: share × weight.
    pub effective: f64,
}

/// The policy and every list's weight.
#[derive(Debug, Clone, Serialize)]
pub struct WeightsReport {
    /// The policy in force.
    pub weighting: Weighting,
    /// One row per list.
    pub lists: Vec<WeightRow>,
}

/// A weight a person can give: finite, not negative, not absurd.
pub(crate) fn check_weight(w: f64) -> Result<f64> {
    if w.is_finite() && (0.0..=1e6).contains(&w) {
        Ok(w)
    } else {
        Err(AppError::BadInput(format!(
            "a weight must be a number from 0 to 1000000, got {w}"
        )))
    }
}

impl<S: Store> App<S> {
    /// The weighting policy stored with the lists (per source unless set).
    pub fn weighting(&mut self) -> Result<Weighting> {
        match self.store.setting(WEIGHTING_KEY)? {
            Some(v) => Weighting::parse(&v),
            None => Ok(Weighting::default()),
        }
    }

    /// Stores the weighting policy: every ranking of these lists uses it.
    pub fn set_weighting(&mut self, weighting: Weighting) -> Result<()> {
        Ok(self
            .store
            .write(|s| s.set_setting(WEIGHTING_KEY, weighting.as_str()))?)
    }

    /// Gives a list a weight (or, with `None`, takes it back to 1).
    pub fn set_list_weight(&mut self, list: ListId, weight: Option<f64>) -> Result<()> {
        let weight = weight.map(check_weight).transpose()?;
        self.store
            .write(|s| s.set_list_weight(list, weight))
            .map_err(|e| match e.kind() {
                needledrop_store::ErrorKind::NotFound => {
                    AppError::NotFound(format!("no list with id {list}"))
                }
                _ => e.into(),
            })
    }

    /// The policy and every list's weight.
    pub fn weights(&mut self) -> Result<WeightsReport> {
        let weighting = self.weighting()?;
        let summaries = self.store.list_summaries()?;
        let given: HashMap<ListId, f64> = self.store.list_weights()?.into_iter().collect();
        let mut per_document: HashMap<i64, usize> = HashMap::new();
        for s in &summaries {
            *per_document.entry(s.document.get()).or_default() += 1;
        }
        let lists = summaries
            .into_iter()
            .map(|s| {
                let share = match weighting {
                    Weighting::PerSource => 1.0 / per_document[&s.document.get()] as f64,
                    Weighting::PerList => 1.0,
                };
                let weight = given.get(&s.id).copied().unwrap_or(1.0);
                WeightRow {
                    list: s.id,
                    title: s.title.or(s.outlet),
                    file: s.file_name,
                    share,
                    weight,
                    effective: share * weight,
                }
            })
            .collect();
        Ok(WeightsReport { weighting, lists })
    }
}
