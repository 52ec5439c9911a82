//! Terminal tables, styled once for every command.

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

/// A table with the given header, wrapped to the terminal width when there is one.
pub fn new(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    table
}

/// Prints a text table: the lines around it, and the table drawn for the terminal, as Markdown
/// or as CSV.
pub fn print(
    t: &needledrop_publish::text::TextTable,
    format: crate::commands::rank::Format,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    use crate::commands::rank::Format;
    let rows = |out: &mut dyn std::io::Write, lines: &[String]| -> std::io::Result<()> {
        for l in lines {
            writeln!(out, "{l}")?;
        }
        Ok(())
    };
    match format {
        Format::Csv => {
            let mut all = vec![t.header.clone()];
            all.extend(t.rows.iter().map(|r| {
                r.iter()
                    .map(|c| needledrop_publish::csv_text(c))
                    .collect::<Vec<_>>()
            }));
            needledrop_publish::csv_rows(out, &all)?;
        }
        Format::Md => {
            rows(out, &t.before)?;
            needledrop_publish::markdown_table(out, &t.header_refs(), &t.rows)?;
            rows(out, &t.after)?;
        }
        Format::Table | Format::Json => {
            rows(out, &t.before)?;
            let mut table = new(&t.header_refs());
            for row in &t.rows {
                table.add_row(row.clone());
            }
            writeln!(out, "{table}")?;
            rows(out, &t.after)?;
        }
    }
    Ok(())
}
