//! `needledrop agreement`.

use crate::context::Context;

/// Arguments of `needledrop agreement`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop agreement`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop agreement` is not available yet")
}
