//! The answer a correct reader gives for a generated article, known by construction.

use serde::Serialize;

use crate::doc::DocFormat;

/// The printed order of an expected list (same names as the corpus gold's `order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpectedOrder {
    /// Counting up: 1, 2, 3, …
    Ascending,
    /// Counting down: 10, 9, 8, …
    Descending,
    /// No ranks (or numbers the text disowns): no entries, every film a mention.
    Unranked,
}

/// One expected ranked entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedEntry {
    /// The rank as printed.
    pub rank: u32,
    /// The film title as printed.
    pub title: String,
    /// Other acceptable forms of the title.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The year printed in the entry's head, if any.
    pub year: Option<i32>,
    /// True when another entry shares the rank.
    pub tied: bool,
}

/// One expected song.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedSong {
    /// The song or cue title as printed, without quotes.
    pub title: String,
    /// The performer as printed (the composer for an instrumental cue), when the text names one.
    pub artist: Option<String>,
    /// The film the song belongs to, when the text names one.
    pub film: Option<String>,
}

/// The whole expected reading of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expected {
    /// The printed order.
    pub order: ExpectedOrder,
    /// The size the article announces, when it does.
    pub declared_size: Option<u32>,
    /// Ranked entries in article order.
    pub entries: Vec<ExpectedEntry>,
    /// Honorable mentions (and, for unranked lists, every listed film).
    pub mentions: Vec<String>,
    /// Songs and cues named in the list.
    pub songs: Vec<ExpectedSong>,
}

impl Expected {
    /// An empty expectation in the given order.
    pub fn new(order: ExpectedOrder) -> Expected {
        Expected {
            order,
            declared_size: None,
            entries: Vec::new(),
            mentions: Vec::new(),
            songs: Vec::new(),
        }
    }
}

/// What kind of article this is: the unit the runner scores by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Class {
    /// The layout family (`dot-heading`, `rank-after`, …).
    pub family: &'static str,
    /// The language code (`en`, `fr`, `de`, `es`, `it`, `pt`, `ja`).
    pub lang: &'static str,
    /// The page chrome added around the list (`nav`, `related-ol`, `comments`, …).
    pub chrome: Vec<&'static str>,
    /// How honorable mentions are printed, when there are any (`heading-bullets`, `run-on`, …).
    pub mentions: Option<&'static str>,
    /// Other traits of the article (`release-titles`: some films printed under a market's
    /// release title; `bare-songs`: song titles unquoted in prose).
    pub variants: Vec<&'static str>,
}

/// One generated article: the bytes, their format, the class and the answer.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// A stable id (`0042-rank-after-de`), also the dump file stem.
    pub id: String,
    /// The format the bytes are in.
    pub format: DocFormat,
    /// The class label.
    pub class: Class,
    /// The rendered article.
    #[serde(skip)]
    pub text: String,
    /// The expected reading.
    pub expected: Expected,
}

impl Article {
    /// The file name the article would have on disk (`<id>.<ext>`).
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.id, self.format.extension())
    }
}
