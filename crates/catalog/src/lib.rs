//! Films, aliases and title resolution.
#![deny(missing_docs)]
