//! `needledrop show`.

use crate::context::Context;

/// Arguments of `needledrop show`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop show`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop show` is not available yet")
}
