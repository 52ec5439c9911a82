//! Which film a printed title means, and how that was decided.

use crate::film::Film;
use crate::ids::FilmId;
use serde::{Deserialize, Serialize};

/// Why a title was matched to a film.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchReason {
    /// The title is the film's canonical title, character for character.
    Exact,
    /// The title is one of the film's aliases (as written or normalized).
    Alias,
    /// The title equals the canonical title once normalized (case, punctuation, articles).
    Normalized,
    /// The title is within a few typing errors of the film's title or an alias.
    Fuzzy,
    /// Several films share the title; the year hint picked one.
    YearDisambiguated,
    /// Several films share the title; the director hint picked one.
    DirectorDisambiguated,
    /// Nothing matched, so a provisional film was made for this title.
    Provisional,
    /// A person decided.
    Manual,
}

impl MatchReason {
    /// The kebab-case name used in the database and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchReason::Exact => "exact",
            MatchReason::Alias => "alias",
            MatchReason::Normalized => "normalized",
            MatchReason::Fuzzy => "fuzzy",
            MatchReason::YearDisambiguated => "year-disambiguated",
            MatchReason::DirectorDisambiguated => "director-disambiguated",
            MatchReason::Provisional => "provisional",
            MatchReason::Manual => "manual",
        }
    }

    /// Parses the kebab-case name.
    pub fn parse(s: &str) -> Option<MatchReason> {
        [
            MatchReason::Exact,
            MatchReason::Alias,
            MatchReason::Normalized,
            MatchReason::Fuzzy,
            MatchReason::YearDisambiguated,
            MatchReason::DirectorDisambiguated,
            MatchReason::Provisional,
            MatchReason::Manual,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// The film an entry or mention means, with a confidence and how it was decided; or, with no
/// film, a place in the review queue with the films considered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    /// The film, or `None` while a person has to decide.
    pub film: Option<FilmId>,
    /// How sure the decision is, 0 to 1.
    pub confidence: f64,
    /// How it was decided; `None` while it waits for review.
    pub reason: Option<MatchReason>,
    /// Films considered, best first (for the review queue).
    pub candidates: Vec<FilmId>,
}

impl Resolution {
    /// A person's decision: certain.
    pub fn manual(film: FilmId) -> Resolution {
        Resolution {
            film: Some(film),
            confidence: 1.0,
            reason: Some(MatchReason::Manual),
            candidates: Vec::new(),
        }
    }

    /// True when a person decided it.
    pub fn is_manual(&self) -> bool {
        self.reason == Some(MatchReason::Manual)
    }
}

/// A film as stored: its id, facts, and whether it was made up for a title no catalog knew.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredFilm {
    /// The store's id.
    pub id: FilmId,
    /// The film's facts.
    #[serde(flatten)]
    pub film: Film,
    /// True when made up for a title no catalog knew.
    pub provisional: bool,
    /// The film it was merged into, if any (look-ups follow it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<FilmId>,
}

impl StoredFilm {
    /// How the film is shown: its title and year.
    pub fn label(&self) -> String {
        match self.film.year {
            Some(y) => format!("{} ({y})", self.film.title),
            None => self.film.title.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_round_trip() {
        for r in [MatchReason::Exact, MatchReason::Fuzzy, MatchReason::Manual] {
            assert_eq!(MatchReason::parse(r.as_str()), Some(r));
        }
    }
}
