//! End-to-end tests of the `needledrop` binary: one test binary, one module per command (or
//! family of commands), all on the [`support::Sandbox`] harness (a temp dir with its own
//! database). Tests that need the seed articles read them from `../shared/seeds/` at run time.

mod support;

mod backends;
mod catalog;
mod compare_agreement;
mod demo;
mod faults;
mod ingest;
mod ingest_bad_input;
mod lists_show;
mod publish;
mod rank;
mod review_link;
mod seeds;
