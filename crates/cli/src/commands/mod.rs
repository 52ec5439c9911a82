//! One module per subcommand.

pub mod agreement;
pub mod catalog;
pub mod compare;
pub mod delete;
pub mod demo;
pub mod ingest;
pub mod link;
pub mod lists;
pub mod publish;
pub mod rank;
pub mod review;
pub mod serve;
pub mod show;
pub mod songs;
pub mod weight;
