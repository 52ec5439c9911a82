//! Typed ids of stored things, so no crate passes a bare `i64` where a film or a list is meant.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The number the store gave it.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.trim().parse().map($name)
            }
        }
    };
}

id_type!(
    /// A film in the store (a catalog film or a provisional one).
    FilmId
);
id_type!(
    /// A stored list.
    ListId
);
id_type!(
    /// A ranked entry of a stored list.
    EntryId
);
id_type!(
    /// An unranked mention of a stored list.
    MentionId
);
id_type!(
    /// A stored source document.
    DocumentId
);

/// A printed item of a list: a ranked entry or an unranked mention. Both resolve to films.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "id")]
pub enum ItemRef {
    /// A ranked entry.
    Entry(EntryId),
    /// An unranked mention.
    Mention(MentionId),
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemRef::Entry(id) => write!(f, "entry {id}"),
            ItemRef::Mention(id) => write!(f, "mention {id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_as_plain_numbers() {
        assert_eq!(FilmId(7).to_string(), "7");
        assert_eq!(" 12 ".parse::<ListId>().unwrap(), ListId(12));
        assert!("x".parse::<EntryId>().is_err());
    }

    #[test]
    fn ids_serialize_as_numbers() {
        assert_eq!(serde_json::to_string(&FilmId(3)).unwrap(), "3");
    }
}
