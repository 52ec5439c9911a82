//! Films, aliases and title resolution.
//!
//! Lists name one film many ways ("Guardians of the Galaxy Vol. 1", "Guardians of the Galaxy:
//! Awesome Mix Vol. 1", "GOTG") and different films alike ("Crash" 1996 and 2004). This crate
//! decides which film a printed title means:
//!
//! - [`normalize_title`] folds a title to a key (Unicode, case, punctuation, articles, sequel
//!   markers kept significant);
//! - [`Catalog`] holds films and aliases behind an index (hash of keys for exact look-ups,
//!   trigram postings for fuzzy candidates — never a scan of the catalog) and
//!   [`Catalog::resolve`]s a [`Query`] (title + year and director hints) to a [`Resolution`]:
//!   a film with a confidence and a [`MatchReason`], or candidates for a person to review;
//! - [`facts`] reads year and director hints, awards and soundtrack-kind evidence from prose;
//! - importers ([`ImdbReader`] for the IMDb dataset files, [`Source`] for our TOML/CSV format)
//!   stream [`Record`]s into any [`RecordSink`] (see [`record`] for the seam a store uses).
//!
//! ```
//! use needledrop_catalog::{Catalog, FilmExt, MatchReason, Query};
//! use needledrop_model::Film;
//!
//! let mut catalog = Catalog::new();
//! let mut gotg = Film::titled("Guardians of the Galaxy");
//! gotg.aliases = vec!["Guardians of the Galaxy Vol. 1".into(), "GOTG".into()];
//! let id = catalog.insert(gotg).unwrap();
//! catalog.insert(Film::titled("Guardians of the Galaxy Vol. 2")).unwrap();
//!
//! let r = catalog.resolve(&Query::title("guardians of the galaxy vol 1"));
//! assert_eq!(r.film(), Some(id));
//! let r = catalog.resolve(&Query::title("Guardians of the Galaxy Vol. 3"));
//! assert_eq!(r.film(), None);
//! ```
#![deny(missing_docs)]

mod catalog;
mod error;
pub mod facts;
mod imdb;
mod index;
mod normalize;
mod own;
pub mod record;

pub use catalog::{
    Candidate, Catalog, CatalogError, CatalogId, FilmExt, Query, Resolution, AUTO_MERGE_CONFIDENCE,
};
pub use error::ImportError;
pub use facts::{awards, film_facts, hints, kind_evidence, Award, FilmFacts, Hints, KindEvidence};
pub use imdb::{ImdbFile, ImdbReader};
pub use needledrop_model::MatchReason;
pub use normalize::{normalize_title, split_printed_year, Articles};
pub use own::{parse_csv, parse_toml, Source, CSV_HEADER};
pub use record::{import_into, ImportFailure, Record, RecordSink};

/// The catalog bundled with needledrop (`data/catalog/films.toml`), compiled in.
pub const BUNDLED_TOML: &str = include_str!("../../../data/catalog/films.toml");

/// The bundled catalog, parsed and indexed.
pub fn bundled() -> Result<Catalog, ImportError> {
    let path = std::path::Path::new("data/catalog/films.toml");
    let mut catalog = Catalog::new();
    for record in parse_toml(BUNDLED_TOML, path)? {
        // Records of the bundled file are films and articles only; neither can be refused.
        let _ = catalog.apply(record);
    }
    Ok(catalog)
}
