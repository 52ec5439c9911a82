//! `needledrop lists`.

use crate::context::Context;

/// Arguments of `needledrop lists`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop lists`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop lists` is not available yet")
}
