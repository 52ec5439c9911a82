//! Layout generator for needledrop's article reader (test support, not published).
//!
//! Renders the project's own facts (films, years, composers, songs and performers) into many
//! layout families × languages × page chrome, with the expected reading known by construction,
//! and scores `needledrop_extract::extract` on them per class.
//!
//! - [`facts`]: the film pool.
//! - [`lang`]: wording per language (labels, quotes, linkers, rank words, disclaimers).
//! - [`families`]: the layout families; each builds a body and its [`truth::Expected`] together.
//! - [`chrome`]: page furniture around the list (menus, related lists, comments, pagers, …).
//! - [`doc`]: blocks rendered to text, Markdown or HTML.
//! - [`score`](mod@score): the corpus scorer's normalization and counts.
//! - [`suite`]: deterministic generation from a seed, the in-process runner and the tables.
#![deny(missing_docs)]

pub mod chrome;
pub mod doc;
pub mod facts;
pub mod families;
pub mod lang;
pub mod score;
pub mod suite;
pub mod truth;

pub use doc::DocFormat;
pub use score::{norm, score, Counts};
pub use suite::{generate, generate_one, run_one, SuiteOptions};
pub use truth::{Article, Class, Expected, ExpectedEntry, ExpectedOrder, ExpectedSong};
