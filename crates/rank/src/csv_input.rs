//! Reading lists from CSV: header `list_id,rank,item`, one row per named item.
//!
//! An empty `rank` is an unranked mention; equal ranks inside one list are a tie. Rows of one
//! list need not be contiguous; lists keep the order in which their first row appears, and items
//! are interned in first-seen order.

use crate::profile::{ListInput, Profile};
use crate::RankError;
use std::collections::HashMap;
use std::io::Read;

/// Reads a profile from CSV text (see the module docs).
///
/// Errors: a missing or wrong header, a row without three fields, a rank that is not a whole
/// number from 1 up, or an empty item — each with its 1-based line number; plus everything
/// [`Profile::from_lists`] rejects.
pub fn read_csv<R: Read>(reader: R) -> Result<Profile, RankError> {
    read_lists(reader).and_then(Profile::from_lists)
}

/// Reads the lists of a CSV file without building a profile (so the caller can adjust
/// weights or labels first).
pub fn read_lists<R: Read>(reader: R) -> Result<Vec<ListInput>, RankError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header = rdr.headers().map_err(|e| csv_error(&e, 1))?.clone();
    let names: Vec<&str> = header.iter().collect();
    if names != ["list_id", "rank", "item"] {
        return Err(RankError::Csv {
            line: 1,
            message: format!(
                "expected the header `list_id,rank,item`, found `{}`",
                names.join(",")
            ),
        });
    }
    let mut lists: Vec<ListInput> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line_guess = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&e, line_guess)),
        }
        let line = record.position().map_or(line_guess, |p| p.line());
        if record.len() != 3 {
            return Err(RankError::Csv {
                line,
                message: format!(
                    "expected 3 fields (list_id,rank,item), found {}",
                    record.len()
                ),
            });
        }
        let (list_id, rank, item) = (&record[0], &record[1], &record[2]);
        if list_id.is_empty() {
            return Err(RankError::Csv {
                line,
                message: "empty list_id".into(),
            });
        }
        if item.is_empty() {
            return Err(RankError::Csv {
                line,
                message: "empty item".into(),
            });
        }
        let rank = if rank.is_empty() {
            None
        } else {
            match rank.parse::<u32>() {
                Ok(r) if r >= 1 => Some(r),
                _ => {
                    return Err(RankError::Csv {
                        line,
                        message: format!("rank `{rank}` is not a whole number from 1 up"),
                    })
                }
            }
        };
        let slot = *index.entry(list_id.to_string()).or_insert_with(|| {
            lists.push(ListInput {
                label: list_id.to_string(),
                ..ListInput::default()
            });
            lists.len() - 1
        });
        if let Some(list) = lists.get_mut(slot) {
            match rank {
                Some(r) => list.ranked.push((r, item.to_string())),
                None => list.mentions.push(item.to_string()),
            }
        }
    }
    if lists.is_empty() {
        return Err(RankError::NoLists);
    }
    Ok(lists)
}

fn csv_error(e: &csv::Error, fallback_line: u64) -> RankError {
    let line = e.position().map_or(fallback_line, |p| p.line());
    RankError::Csv {
        line,
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ranks_ties_and_mentions() {
        let p =
            read_csv("list_id,rank,item\na,1,x\na,2,y\na,2,z\nb,,x\nb,1,w\n".as_bytes()).unwrap();
        assert_eq!(p.ballots().len(), 2);
        assert_eq!(p.ballots()[0].ranked()[2].position, 2);
        assert_eq!(p.ballots()[1].mentions().len(), 1);
        assert_eq!(p.labels(), ["x", "y", "z", "w"]);
    }

    #[test]
    fn a_malformed_row_names_its_line() {
        let err = read_csv("list_id,rank,item\na,1,x\na,two,y\n".as_bytes()).unwrap_err();
        assert!(matches!(err, RankError::Csv { line: 3, .. }), "{err}");
        let err = read_csv("list_id,rank,item\na,1,x\na,2\n".as_bytes()).unwrap_err();
        assert!(matches!(err, RankError::Csv { line: 3, .. }), "{err}");
    }

    #[test]
    fn duplicate_item_in_a_list_is_an_error() {
        let err = read_csv("list_id,rank,item\na,1,x\na,2,x\n".as_bytes()).unwrap_err();
        assert!(matches!(err, RankError::DuplicateItem { .. }));
    }

    #[test]
    fn an_empty_file_has_no_lists() {
        assert!(matches!(
            read_csv("list_id,rank,item\n".as_bytes()),
            Err(RankError::NoLists)
        ));
    }
}
