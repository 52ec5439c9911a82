//! `needledrop songs`.

use crate::context::Context;

/// Arguments of `needledrop songs`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop songs`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop songs` is not available yet")
}
