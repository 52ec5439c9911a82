//! `needledrop compare`.

use crate::context::Context;

/// Arguments of `needledrop compare`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop compare`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop compare` is not available yet")
}
