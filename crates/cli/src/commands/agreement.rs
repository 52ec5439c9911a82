//! `needledrop agreement`: how much every pair of lists agrees, and each list with the
//! consensus.

use super::rank::{load, Format};
use crate::context::Context;
use needledrop_rank::agreement::Metric;
use std::path::PathBuf;

/// The metric of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MetricName {
    /// Kendall tau-b over the items either list names (−1..1).
    #[default]
    TauB,
    /// Top-k Spearman footrule, normalised (0 = same, 1 = disjoint).
    Footrule,
    /// Rank-biased overlap with extrapolation (0..1).
    Rbo,
}

/// Arguments of `needledrop agreement`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Read the lists from a CSV `list_id,rank,item` instead of the database.
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,

    /// The metric of the list-by-list matrix.
    #[arg(long, value_enum, default_value_t = MetricName::TauB)]
    pub metric: MetricName,

    /// RBO persistence p in (0, 1).
    #[arg(long, default_value_t = 0.9, value_name = "P")]
    pub rbo_p: f64,

    /// The consensus each list is compared with.
    #[arg(long, default_value = "borda", value_name = "M")]
    pub method: String,

    /// Output format (table, json, csv, md).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Runs `needledrop agreement`.
pub fn run(args: Args, ctx: &Context) -> anyhow::Result<()> {
    let ballots = load(args.input.as_deref(), ctx)?;
    let metric = match args.metric {
        MetricName::TauB => Metric::KendallTauB,
        MetricName::Footrule => Metric::Footrule,
        MetricName::Rbo => Metric::Rbo { p: args.rbo_p },
    };
    let report = needledrop_app::agreement(&ballots, metric, &args.method, args.rbo_p)?;
    let (matrix, to_consensus) = (&report.matrix, &report.to_consensus);
    let fmt = |v: Option<f64>| v.map_or("-".into(), |x| format!("{x:.3}"));
    match args.format {
        Format::Json => {
            needledrop_publish::json(&mut std::io::stdout().lock(), &report)?;
        }
        Format::Csv => {
            let mut header = vec!["list".to_string()];
            header.extend(matrix.lists.iter().map(|l| needledrop_publish::csv_text(l)));
            let mut rows = vec![header];
            for (list, row) in matrix.lists.iter().zip(&matrix.values) {
                let mut record = vec![needledrop_publish::csv_text(list)];
                record.extend(
                    row.iter()
                        .map(|v| v.map(|x| x.to_string()).unwrap_or_default()),
                );
                rows.push(record);
            }
            needledrop_publish::csv_rows(&mut std::io::stdout().lock(), &rows)?;
        }
        Format::Table | Format::Md => {
            let mut header: Vec<&str> = vec!["list"];
            header.extend(matrix.lists.iter().map(String::as_str));
            let mut table = crate::table::new(&header);
            for (list, row) in matrix.lists.iter().zip(&matrix.values) {
                let mut cells = vec![list.clone()];
                cells.extend(row.iter().map(|v| fmt(*v)));
                table.add_row(cells);
            }
            let name = match args.metric {
                MetricName::TauB => "Kendall tau-b",
                MetricName::Footrule => "top-k footrule (0 = same)",
                MetricName::Rbo => "rank-biased overlap",
            };
            println!("{name} between every pair of lists:\n{table}");
            let mut table = crate::table::new(&[
                "list",
                "title",
                "tau-b",
                "footrule",
                "RBO",
                "pairs against consensus",
            ]);
            for a in to_consensus {
                table.add_row(vec![
                    a.list.clone(),
                    report.list_titles.get(&a.list).cloned().unwrap_or_default(),
                    fmt(a.kendall_tau_b),
                    fmt(a.footrule),
                    fmt(a.rbo),
                    a.discordant_pairs.to_string(),
                ]);
            }
            println!(
                "Each list against the {} consensus:\n{table}",
                report.consensus_method
            );
        }
    }
    Ok(())
}
