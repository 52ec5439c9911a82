//! `needledrop ingest`.

use crate::context::Context;

/// Arguments of `needledrop ingest`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop ingest`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop ingest` is not available yet")
}
