//! `needledrop compare LIST LIST`: how far two lists agree.

use super::rank::{load, Format};
use crate::context::Context;
use std::path::PathBuf;

/// Arguments of `needledrop compare`.
#[derive(Debug, Default, clap::Args)]
#[command(after_help = "\
Kendall tau-b (−1..1) is computed over the items either list names (an item a list does not name \
ties below everything it names) and over the items both name; the top-k footrule (0 = same, 1 = \
nothing in common) places an item a list misses just past that list's end (Fagin, Kumar and \
Sivakumar 2003); rank-biased overlap (0..1) weighs the top more, with persistence --rbo-p (Webber, \
Moffat and Zobel 2010). Unranked mentions count as one tier below a list's ranked entries.")]
pub struct Args {
    /// The first list: its id (see `needledrop lists`, or the CSV's list_id with --input).
    #[arg(value_name = "LIST")]
    pub first: String,

    /// The second list.
    #[arg(value_name = "LIST")]
    pub second: String,

    /// Read the lists from a CSV `list_id,rank,item` instead of the database.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// RBO persistence p in (0, 1).
    #[arg(long, default_value_t = 0.9, value_name = "P")]
    pub rbo_p: f64,

    /// Output format (table, json).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `needledrop compare`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let ballots = load(args.input.as_deref(), ctx)?;
    let c = crate::exit::hint(
        needledrop_app::compare(&ballots, &args.first, &args.second, args.rbo_p),
        "`needledrop lists` shows the ids",
    )?;
    if args.format == Format::Json {
        needledrop_publish::json(&mut std::io::stdout().lock(), &c)?;
        return Ok(());
    }
    let title = |label: &str| {
        c.list_titles
            .get(label)
            .map_or(label.to_string(), |t| format!("{label} ({t})"))
    };
    let fmt = |v: Option<f64>| v.map_or("undefined".into(), |x| format!("{x:.3}"));
    println!(
        "{} — {} items\n{} — {} items\n{} items in common",
        title(&c.first),
        c.first_items,
        title(&c.second),
        c.second_items,
        c.common_items
    );
    let mut table = crate::table::new(&["measure", "value"]);
    table.add_row(vec![
        "Kendall tau-b (union)".to_string(),
        fmt(c.kendall_tau_b_union),
    ]);
    table.add_row(vec![
        "Kendall tau-b (common items)".to_string(),
        fmt(c.kendall_tau_b_common),
    ]);
    table.add_row(vec![
        "top-k footrule (0 = same)".to_string(),
        fmt(c.footrule),
    ]);
    table.add_row(vec![format!("RBO (p = {})", args.rbo_p), fmt(c.rbo)]);
    println!("{table}");
    if !c.common.is_empty() {
        let mut table = crate::table::new(&["item", &c.first, &c.second]);
        for (item, a, b) in &c.common {
            table.add_row(vec![item.clone(), a.clone(), b.clone()]);
        }
        println!("{table}");
    }
    Ok(())
}
