//! `needledrop rank`.

use crate::context::Context;

/// Arguments of `needledrop rank`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop rank`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop rank` is not available yet")
}
