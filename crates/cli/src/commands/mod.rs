//! One module per subcommand.

pub mod agreement;
pub mod compare;
pub mod demo;
pub mod ingest;
pub mod lists;
pub mod rank;
pub mod show;
pub mod songs;
