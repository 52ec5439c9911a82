//! One published ranking and its parts.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A position as printed in a list: 1 is the best. Ties share a rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Rank(u32);

/// Why a number is not a rank.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rank must be a whole number from 1 to 100000, got {0}")]
pub struct RankOutOfRange(pub i64);

impl Rank {
    /// The largest rank we accept; longer "lists" are data errors, not rankings.
    pub const MAX: u32 = 100_000;

    /// A rank from 1 to [`Rank::MAX`].
    pub fn new(n: u32) -> Result<Rank, RankOutOfRange> {
        if (1..=Self::MAX).contains(&n) {
            Ok(Rank(n))
        } else {
            Err(RankOutOfRange(i64::from(n)))
        }
    }

    /// The rank as a number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Rank {
    type Error = RankOutOfRange;
    fn try_from(n: u32) -> Result<Self, Self::Error> {
        Rank::new(n)
    }
}

impl From<Rank> for u32 {
    fn from(r: Rank) -> u32 {
        r.0
    }
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A film's release year, within the years films have been made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct Year(i32);

/// Why a number is not a film year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("year must be between 1870 and 2100, got {0}")]
pub struct YearOutOfRange(pub i64);

impl Year {
    /// A year from 1870 (the first motion pictures) to 2100.
    pub fn new(y: i32) -> Result<Year, YearOutOfRange> {
        if (1870..=2100).contains(&y) {
            Ok(Year(y))
        } else {
            Err(YearOutOfRange(i64::from(y)))
        }
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        self.0
    }
}

impl TryFrom<i32> for Year {
    type Error = YearOutOfRange;
    fn try_from(y: i32) -> Result<Self, Self::Error> {
        Year::new(y)
    }
}

impl From<Year> for i32 {
    fn from(y: Year) -> i32 {
        y.0
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The direction in which a list was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Counting down: the first printed entry has the largest rank (10, 9, …, 1).
    #[default]
    Descending,
    /// Counting up: 1, 2, …, 10.
    Ascending,
    /// No ranks at all (a mentions-only list, an unordered set).
    Unranked,
}

impl Order {
    /// The lowercase name used in JSON and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Descending => "descending",
            Order::Ascending => "ascending",
            Order::Unranked => "unranked",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(s: &str) -> Option<Order> {
        match s {
            "descending" => Some(Order::Descending),
            "ascending" => Some(Order::Ascending),
            "unranked" => Some(Order::Unranked),
            _ => None,
        }
    }
}

/// A song named in a list's prose, with its artist when the prose names one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SongCitation {
    /// The song title as printed, without quotes.
    pub title: String,
    /// The performer as printed (`"New Slang" by The Shins` → `The Shins`).
    pub artist: Option<String>,
}

/// A ranked item of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The rank as printed.
    pub rank: Rank,
    /// True when another entry of the same list shares this rank, or a tie marker was printed.
    pub tied: bool,
    /// The title as printed (quotes and trailing year removed, punctuation kept).
    pub title: String,
    /// The release year, when the list prints it.
    pub year: Option<Year>,
    /// Director or composer names printed with the entry (`1. 'Title' - Composer`), if any.
    pub credit: Option<String>,
    /// The entry's prose, paragraphs joined by blank lines.
    pub blurb: String,
    /// Songs the blurb names.
    pub songs: Vec<SongCitation>,
    /// 1-based line of the source document where the entry starts, when known.
    pub line: Option<usize>,
}

impl Entry {
    /// An entry with a rank and a title and nothing else.
    pub fn new(rank: Rank, title: impl Into<String>) -> Entry {
        Entry {
            rank,
            tied: false,
            title: title.into(),
            year: None,
            credit: None,
            blurb: String::new(),
            songs: Vec::new(),
            line: None,
        }
    }
}

/// An unranked item of a list ("Honorable mentions: …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The title as printed.
    pub title: String,
    /// The year, when printed.
    pub year: Option<Year>,
}

/// One published ranking, exactly as printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct List {
    /// The headline of the article or the name of the list.
    pub title: Option<String>,
    /// Publication or site.
    pub outlet: Option<String>,
    /// Author or curator.
    pub author: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date as given (ISO 8601 when known).
    pub date: Option<String>,
    /// The direction the list was printed in.
    pub order: Order,
    /// The size the list announces ("ten of the best"), when it says.
    pub declared_size: Option<u32>,
    /// Ranked entries, in document order.
    pub entries: Vec<Entry>,
    /// Unranked mentions, in document order.
    pub mentions: Vec<Mention>,
    /// Songs named outside every entry (in the introduction, say).
    pub songs: Vec<SongCitation>,
    /// Sentences stating the list's criteria or eligibility rules.
    pub notes: Vec<String>,
    /// Things the reader noticed but kept as printed (gaps, duplicate ranks, lossy decoding), and
    /// doubts worth a review (a head template read with low confidence, a guessed field).
    pub warnings: Vec<String>,
    /// How an article was read, in words ("heads read as `Film (Year)`; film = the head"), when
    /// the list came from an article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// How sure the article reader is of its reading, from 0 (a guess) to 1 (certain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

impl List {
    /// An empty list printed in the given order.
    pub fn new(order: Order) -> List {
        List {
            order,
            ..List::default()
        }
    }

    /// Every song the list cites: inside entries first, in document order, then the rest.
    pub fn all_songs(&self) -> impl Iterator<Item = &SongCitation> {
        self.entries
            .iter()
            .flat_map(|e| e.songs.iter())
            .chain(self.songs.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_zero_is_rejected() {
        assert!(Rank::new(0).is_err());
    }

    #[test]
    fn rank_one_is_accepted() {
        assert_eq!(Rank::new(1).unwrap().get(), 1);
    }

    #[test]
    fn year_before_cinema_is_rejected() {
        assert!(Year::new(1200).is_err());
        assert!(Year::new(1999).is_ok());
    }

    #[test]
    fn order_names_round_trip() {
        for o in [Order::Descending, Order::Ascending, Order::Unranked] {
            assert_eq!(Order::parse(o.as_str()), Some(o));
        }
    }
}
