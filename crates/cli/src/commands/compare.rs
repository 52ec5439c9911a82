//! `needledrop compare LIST LIST`: how far two lists agree.

use super::rank::{load, Format};
use crate::context::Context;
use crate::exit::BadInput;
use needledrop_rank::agreement::{
    ballot_tiers, flatten, footrule_top_k, kendall_tau_b, rbo_ext, Domain, Mentions,
};
use needledrop_rank::Profile;
use serde::Serialize;
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

#[derive(Serialize)]
struct Comparison {
    first: String,
    second: String,
    first_items: usize,
    second_items: usize,
    common_items: usize,
    kendall_tau_b_union: Option<f64>,
    kendall_tau_b_common: Option<f64>,
    footrule: Option<f64>,
    rbo: Option<f64>,
    common: Vec<(String, String, String)>,
}

fn ballot_index(profile: &Profile, label: &str) -> anyhow::Result<usize> {
    profile
        .ballots()
        .iter()
        .position(|b| b.label() == label)
        .ok_or_else(|| {
            BadInput(format!(
                "there is no list {label:?}; `needledrop lists` shows the ids"
            ))
            .into()
        })
}

/// Runs `needledrop compare`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let loaded = load(args.input.as_deref(), ctx)?;
    let p = &loaded.profile;
    let (ia, ib) = (
        ballot_index(p, &args.first)?,
        ballot_index(p, &args.second)?,
    );
    let (ba, bb) = (&p.ballots()[ia], &p.ballots()[ib]);
    let (ta, tb) = (
        ballot_tiers(ba, Mentions::LastTier),
        ballot_tiers(bb, Mentions::LastTier),
    );
    let rbo = rbo_ext(&flatten(&ta), &flatten(&tb), args.rbo_p);
    if !(args.rbo_p > 0.0 && args.rbo_p < 1.0) {
        anyhow::bail!(BadInput(format!(
            "--rbo-p must be strictly between 0 and 1, got {}",
            args.rbo_p
        )));
    }
    let placement =
        |b: &needledrop_rank::Ballot, item| match needledrop_rank::explain::placement(b, item) {
            needledrop_rank::Placement::Ranked(r) => r.to_string(),
            needledrop_rank::Placement::Mentioned => "mentioned".into(),
            needledrop_rank::Placement::Unlisted => "-".into(),
        };
    let common: Vec<(String, String, String)> = flatten(&ta)
        .into_iter()
        .filter(|i| flatten(&tb).contains(i))
        .map(|i| (p.label(i).to_string(), placement(ba, i), placement(bb, i)))
        .collect();
    let c = Comparison {
        first: args.first.clone(),
        second: args.second.clone(),
        first_items: ba.named_count(),
        second_items: bb.named_count(),
        common_items: common.len(),
        kendall_tau_b_union: kendall_tau_b(&ta, &tb, Domain::Union),
        kendall_tau_b_common: kendall_tau_b(&ta, &tb, Domain::Common),
        footrule: footrule_top_k(&ta, &tb).normalized,
        rbo,
        common,
    };
    if args.format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&c)?);
        return Ok(());
    }
    let title = |label: &str| {
        loaded
            .list_titles
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
