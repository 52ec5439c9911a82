//! What importers produce, and the seam through which a store consumes it.
//!
//! Every importer is an iterator of `Result<Record, ImportError>`, read lazily from its file: a
//! 12-million-row IMDb file is never held in memory. A consumer implements [`RecordSink`] and calls
//! [`import_into`], which stops at the first error. The store opens one transaction, feeds the
//! records to a sink that writes rows, and commits only when `import_into` returns `Ok`, so a
//! truncated file leaves nothing half-imported; the error says which file and line it stopped at.
//! [`crate::Catalog`] is itself a sink, for in-memory use and tests.

use crate::catalog::{Catalog, CatalogError};
use crate::error::ImportError;
use needledrop_model::Film;

/// One fact read from a catalog source.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// Extra leading articles the source says its titles use (`["le", "la", "l'"]`).
    Articles(Vec<String>),
    /// A film with whatever facts the source has. Sources with IMDb ids set `imdb_id`; a film
    /// already known (same IMDb id, or same normalized title and year) is updated, not duplicated.
    Film(Film),
    /// Another title of the film with this IMDb id (`title.akas`). Ids not seen as films (TV
    /// episodes, video games) are ignored by the consumer.
    Alias {
        /// The film's IMDb id (`tt…`).
        imdb_id: String,
        /// The other title.
        title: String,
        /// Region code where that title is used (`FR`), when given.
        region: Option<String>,
    },
    /// The directors of a film, as IMDb person ids in credit order (`title.crew`).
    Directors {
        /// The film's IMDb id.
        imdb_id: String,
        /// Person ids (`nm…`).
        people: Vec<String>,
    },
    /// A person's name (`name.basics`), to turn director ids into names.
    Person {
        /// The person's IMDb id (`nm…`).
        imdb_id: String,
        /// The name as credited.
        name: String,
    },
}

/// Something that takes imported records: the in-memory [`Catalog`], or a store transaction.
pub trait RecordSink {
    /// Why the sink refused a record.
    type Error;
    /// Takes one record.
    fn accept(&mut self, record: Record) -> Result<(), Self::Error>;
}

impl RecordSink for Catalog {
    type Error = CatalogError;
    fn accept(&mut self, record: Record) -> Result<(), CatalogError> {
        self.apply(record)
    }
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure<E: std::error::Error + 'static> {
    /// The source could not be read (bad header, bad row, truncated gzip …).
    #[error(transparent)]
    Source(#[from] ImportError),
    /// The sink refused a record.
    #[error("record {record} could not be stored: {source}")]
    Sink {
        /// 1-based number of the record among those fed.
        record: u64,
        /// The sink's error.
        #[source]
        source: E,
    },
}

/// Feeds every record of `source` to `sink`, stopping at the first error. Returns the number of
/// records fed.
pub fn import_into<S, I>(source: I, sink: &mut S) -> Result<u64, ImportFailure<S::Error>>
where
    S: RecordSink,
    S::Error: std::error::Error + 'static,
    I: IntoIterator<Item = Result<Record, ImportError>>,
{
    let mut fed = 0u64;
    for record in source {
        let record = record?;
        fed += 1;
        sink.accept(record).map_err(|source| ImportFailure::Sink {
            record: fed,
            source,
        })?;
    }
    Ok(fed)
}
