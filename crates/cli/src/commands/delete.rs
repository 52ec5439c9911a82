//! `needledrop delete list ID`: removes a stored list.

use crate::context::Context;
use needledrop_model::ListId;

/// Arguments of `needledrop delete`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  needledrop delete list 7      # list 7, its entries, mentions, songs and resolutions
The source document goes too when no other list was read from it; ingesting the file again
brings the list back. Films and decisions about films stay.")]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// A list (ids from `needledrop lists`).
    List {
        /// The list's id.
        id: i64,
    },
}

/// Runs `needledrop delete`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    match args.what {
        What::List { id } => {
            let id = ListId(id);
            crate::exit::hint(
                ctx.app()?.delete_list(id),
                "`needledrop lists` shows the ids",
            )?;
            println!("Deleted list {id}.");
        }
    }
    Ok(())
}
