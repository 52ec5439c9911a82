//! needledrop's use cases, generic over the store.
//!
//! The CLI and the web server are shells over this crate: they parse a request, call one method
//! of [`App`], and render what it returns with `needledrop-publish`. Everything in between —
//! reading a document, storing it, resolving its titles to films with the [`Resolver`],
//! building ballots that keep each item's film, ranking, explaining, comparing — happens here,
//! against any [`needledrop_store::Store`].
//!
//! ```
//! use needledrop_app::{App, IngestRequest};
//! use needledrop_store::SqliteStore;
//!
//! let mut app = App::new(SqliteStore::open_in_memory().unwrap());
//! let article = "Best soundtracks\n\n2. Garden State (2004)\n\nA mixtape.\n\n1. Pulp Fiction\n\nSurf rock.\n";
//! let report = app.ingest(&IngestRequest::new(article.as_bytes().to_vec(), "best.txt")).unwrap();
//! assert_eq!(report.entries, 2);
//! let consensus = app.consensus(&needledrop_app::RankRequest::default()).unwrap();
//! assert_eq!(consensus.rows[0].title, "Pulp Fiction");
//! assert!(consensus.rows[0].film_id.is_some());
//! ```
#![deny(missing_docs)]

mod article;
mod ballots;
mod eligibility;
mod error;
mod films;
mod ingest;
mod lists;
mod ranking;
mod resolver;
mod song_ballots;
mod weights;

pub use article::{
    excerpt_of, Article, ArticleCitation, ArticleFilm, ArticleRequest, Excerpt, SourceList,
    EXCERPT_WORDS,
};
pub use ballots::{Ballots, Duplicates, ItemInfo};
pub use eligibility::{EligibilityPolicy, EligibilityReport, ExcludeRule, Exclusion};
pub use error::{AppError, ErrorKind, Result};
pub use films::{Citation, FilmReport, ReviewItem, SearchHit};
pub use ingest::{dry_run, read_document, IngestReport, IngestRequest, IngestStatus};
pub use lists::{SongReport, BUNDLED_CATALOG_PATH, DOUBTFUL_BELOW};
pub use needledrop_store::DoubtfulList;
pub use ranking::{
    agreement, compare, compare_methods, explain, rank, rank_rows, why, AgreementReport,
    BootstrapInfo, ComparisonReport, ConsensusReport, ExplainReport, MethodComparison, RankRequest,
    ReportRow, RowLists, WhyLine, WhyReport,
};
pub use resolver::{Resolver, FULL_LOAD_LIMIT};
pub use weights::{parse_weights, WeightRow, Weighting, WeightsReport};

use needledrop_store::Store;

/// The application: a store, and the catalog index once it is needed.
pub struct App<S: Store> {
    store: S,
    resolver: Option<Resolver>,
    /// Set once the store was seen holding a catalog: no command removes one, so a server
    /// need not count the films again on every ingest.
    catalog_seen: bool,
}

impl<S: Store> App<S> {
    /// The application over a store.
    pub fn new(store: S) -> App<S> {
        App {
            store,
            resolver: None,
            catalog_seen: false,
        }
    }

    /// The store, for what no use case covers yet.
    pub fn store(&mut self) -> &mut S {
        &mut self.store
    }

    /// The store and the resolver, built on first use and kept for the rest of the process.
    fn resolving(&mut self) -> Result<(&mut S, &mut Resolver)> {
        let resolver = match self.resolver.take() {
            Some(r) => r,
            None => Resolver::load(&mut self.store)?,
        };
        Ok((&mut self.store, self.resolver.insert(resolver)))
    }

    /// Forgets the catalog index: the next use reloads it from the store.
    fn reload_resolver(&mut self) {
        self.resolver = None;
    }
}
