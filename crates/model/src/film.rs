//! Films: what list entries resolve to.

use crate::list::Year;
use serde::{Deserialize, Serialize};

/// What a soundtrack mostly consists of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SoundtrackKind {
    /// An original orchestral or electronic score.
    Score,
    /// Existing recordings chosen for the film (a mixtape).
    Compilation,
    /// Songs written for the film.
    OriginalSongs,
    /// Existing songs re-recorded or reworked.
    Covers,
    /// A mix of the above.
    Mixed,
}

impl SoundtrackKind {
    /// The snake_case name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            SoundtrackKind::Score => "score",
            SoundtrackKind::Compilation => "compilation",
            SoundtrackKind::OriginalSongs => "original_songs",
            SoundtrackKind::Covers => "covers",
            SoundtrackKind::Mixed => "mixed",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<SoundtrackKind> {
        [
            SoundtrackKind::Score,
            SoundtrackKind::Compilation,
            SoundtrackKind::OriginalSongs,
            SoundtrackKind::Covers,
            SoundtrackKind::Mixed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A film as the catalog knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Film {
    /// Canonical title.
    pub title: String,
    /// Release year.
    pub year: Option<Year>,
    /// Directors, in credit order.
    pub directors: Vec<String>,
    /// Genres.
    pub genres: Vec<String>,
    /// What the soundtrack mostly is.
    pub soundtrack_kind: Option<SoundtrackKind>,
    /// IMDb id (`tt0110912`).
    pub imdb_id: Option<String>,
    /// Other titles: translations, short forms, soundtrack album titles.
    pub aliases: Vec<String>,
}
