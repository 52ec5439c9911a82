//! `needledrop demo`.

use crate::context::Context;

/// Arguments of `needledrop demo`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `needledrop demo`.
pub fn run(_args: Args, _ctx: &Context) -> anyhow::Result<()> {
    anyhow::bail!("`needledrop demo` is not available yet")
}
