//! `needledrop weight`: how lists share the vote, stored with them.

use crate::context::Context;
use needledrop_app::Weighting;
use needledrop_model::ListId;

/// Arguments of `needledrop weight`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Every ranking of the stored lists (`rank`, `agreement`, the demo) uses the stored weights: each
list's share under the policy times the weight given to it.

Examples:
  needledrop weight                         # the policy and every list's weight
  needledrop weight policy per-list         # every list counts once
  needledrop weight policy per-source       # the lists of one file share its vote (default)
  needledrop weight list 12 2               # list 12 counts double
  needledrop weight list 12 0               # list 12 is left out of the ranking
  needledrop weight list 12 --clear         # back to 1")]
pub struct Args {
    #[command(subcommand)]
    what: Option<What>,

    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Set the weighting policy: `per-source` or `per-list`.
    Policy {
        /// The policy.
        policy: String,
    },
    /// Give one list a weight (0 leaves it out).
    List {
        /// The list's id.
        id: i64,
        /// Its weight, 0 to 1000000.
        weight: Option<f64>,
        /// Take the weight back to 1.
        #[arg(long, conflicts_with = "weight")]
        clear: bool,
    },
}

/// Runs `needledrop weight`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let mut app = ctx.app()?;
    match args.what {
        Some(What::Policy { policy }) => {
            let w = Weighting::parse(&policy)?;
            app.set_weighting(w)?;
            println!("Weighting: {}.", w.describe());
            return Ok(());
        }
        Some(What::List { id, weight, clear }) => {
            if weight.is_none() && !clear {
                anyhow::bail!(crate::exit::BadInput(
                    "give a weight, or --clear to take it back to 1".into()
                ));
            }
            crate::exit::hint(
                app.set_list_weight(ListId(id), weight),
                "`needledrop lists` shows the ids",
            )?;
            match weight {
                Some(w) => println!("List {id} now weighs {w}."),
                None => println!("List {id} weighs 1 again."),
            }
            return Ok(());
        }
        None => {}
    }
    let report = app.weights()?;
    if args.json {
        return Ok(needledrop_publish::json(
            &mut std::io::stdout().lock(),
            &report,
        )?);
    }
    println!("Weighting: {}.", report.weighting.describe());
    let mut table = crate::table::new(&["list", "title", "file", "share", "weight", "counts for"]);
    for r in &report.lists {
        table.add_row(vec![
            r.list.to_string(),
            r.title.clone().unwrap_or_default(),
            r.file.clone().unwrap_or_default(),
            needledrop_publish::score_text(r.share),
            needledrop_publish::score_text(r.weight),
            needledrop_publish::score_text(r.effective),
        ]);
    }
    println!("{table}");
    Ok(())
}
