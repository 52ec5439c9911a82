//! PrefLib election files (`.soc`, `.soi`, `.toc`, `.toi`) → one list per ballot.
//!
//! PrefLib 2 files open with `# KEY: value` metadata (`# NUMBER VOTERS: 40`,
//! `# ALTERNATIVE NAME 3: Pulp Fiction`, …) and continue with vote lines `count: 1,3,{2,5},4`:
//! `count` voters cast this order, `{…}` is a tie. The older layout has the number of
//! alternatives on the first line, `i,Name` lines, a `voters,sum,unique` line and vote lines
//! `count,1,3,{2,5},4`. Both are read.
//!
//! Every vote line becomes `count` lists (ballots), ranked best first with ties sharing a rank
//! (competition ranking: `1, {2, 3}, 4` gives ranks 1, 2, 2, 4). Declared totals are checked
//! against the vote lines before any ballot is built, and the number of ballots is capped so
//! a count of 10^12 is an error, not an out-of-memory crash.

use super::{at_line, clip};
use crate::{ExtractError, PreflibKind};
use needledrop_model::{Entry, List, Order, Rank};
use std::collections::BTreeMap;

/// The most ballots one file may expand into. Every ballot is stored as a list of its own, so
/// the caps bound the work of an ingest: a file at both caps (50,000 ballots of 5) ingests in
/// about 2 s of CPU into a 36 MB database; a tenth of the former item cap (5,000,000) already
/// took 3.8 s and 66 MB, and a file at it 101 s and 731 MB.
pub const MAX_BALLOTS: u64 = 50_000;

/// The most ranked items all of a file's ballots may hold together (ballots × order length).
pub const MAX_BALLOT_ITEMS: u64 = 250_000;

/// A number declared in the header and the line that declares it.
type Declared<T> = Option<(T, usize)>;

/// One vote line: how many voters cast it and their order, best first, ties grouped.
struct Vote {
    line: usize,
    count: u64,
    order: Vec<Vec<u32>>,
}

/// What a file declares and holds, before ballots are built.
#[derive(Default)]
struct Election {
    title: Option<String>,
    names: BTreeMap<u32, String>,
    alternatives: Declared<u32>,
    voters: Declared<u64>,
    /// The old layout's `sum` field, which must equal the counts' sum too.
    vote_sum: Declared<u64>,
    unique_orders: Declared<u64>,
    votes: Vec<Vote>,
}

/// Reads a PrefLib file of the given kind.
pub(super) fn read(text: &str, kind: PreflibKind) -> Result<Vec<List>, ExtractError> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let election = if first.starts_with('#') {
        parse_preflib2(text)?
    } else if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) {
        parse_legacy(text)?
    } else {
        let line = 1 + text.lines().take_while(|l| l.trim().is_empty()).count();
        return Err(at_line(
            line,
            "expected a PrefLib file: `# ALTERNATIVE NAME 1: …` metadata and `count: 1,2,{3,4}` vote lines, or the older layout starting with the number of alternatives",
        ));
    };
    check(&election, kind)?;
    ballots(&election)
}

fn parse_number<T: std::str::FromStr>(
    value: &str,
    line: usize,
    what: &str,
) -> Result<T, ExtractError> {
    value.trim().parse().map_err(|_| {
        at_line(
            line,
            format!("expected {what} (a whole number), found `{}`", value.trim()),
        )
    })
}

/// PrefLib 2: `# KEY: value` metadata, then `count: order` lines.
fn parse_preflib2(text: &str) -> Result<Election, ExtractError> {
    let mut election = Election::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        if let Some(meta) = l.strip_prefix('#') {
            let Some((key, value)) = meta.split_once(':') else {
                continue; // a comment without a key
            };
            let key = key.trim().to_ascii_uppercase();
            let value = value.trim();
            match key.as_str() {
                "TITLE" if !value.is_empty() => election.title = Some(value.to_string()),
                "NUMBER ALTERNATIVES" => {
                    election.alternatives = Some((
                        parse_number(value, line, "the number of alternatives")?,
                        line,
                    ));
                }
                "NUMBER VOTERS" => {
                    election.voters =
                        Some((parse_number(value, line, "the number of voters")?, line));
                }
                "NUMBER UNIQUE ORDERS" => {
                    election.unique_orders = Some((
                        parse_number(value, line, "the number of unique orders")?,
                        line,
                    ));
                }
                _ => {
                    if let Some(index) = key.strip_prefix("ALTERNATIVE NAME") {
                        let index: u32 = parse_number(index, line, "an alternative's number")?;
                        name_alternative(&mut election, index, value, line)?;
                    }
                }
            }
            continue;
        }
        let Some((count, order)) = l.split_once(':') else {
            return Err(at_line(
                line,
                format!(
                    "expected a vote line `count: 1,2,{{3,4}}`, found `{}`",
                    clip(l)
                ),
            ));
        };
        push_vote(&mut election, count, order, line)?;
    }
    Ok(election)
}

/// The older layout: `n`, n lines `i,Name`, `voters,sum,unique`, then `count,order` lines.
fn parse_legacy(text: &str) -> Result<Election, ExtractError> {
    let mut election = Election::default();
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty());
    let Some((line, first)) = lines.next() else {
        return Err(ExtractError::Invalid("the PrefLib file is empty".into()));
    };
    let n: u32 = parse_number(first, line, "the number of alternatives")?;
    election.alternatives = Some((n, line));
    let mut named = 0u32;
    let mut totals = None;
    for (line, l) in lines.by_ref() {
        if named < n {
            let Some((index, name)) = l.split_once(',') else {
                return Err(at_line(
                    line,
                    format!(
                        "expected an alternative `{},Name`, found `{}`",
                        named + 1,
                        clip(l)
                    ),
                ));
            };
            let index: u32 = parse_number(index, line, "an alternative's number")?;
            name_alternative(&mut election, index, name.trim(), line)?;
            named += 1;
            continue;
        }
        let fields: Vec<&str> = l.split(',').collect();
        let [voters, sum, unique] = fields.as_slice() else {
            return Err(at_line(
                line,
                format!(
                    "expected `voters,sum of counts,unique orders`, found `{}`",
                    clip(l)
                ),
            ));
        };
        election.voters = Some((parse_number(voters, line, "the number of voters")?, line));
        election.vote_sum = Some((parse_number(sum, line, "the sum of the counts")?, line));
        election.unique_orders = Some((
            parse_number(unique, line, "the number of unique orders")?,
            line,
        ));
        totals = Some(line);
        break;
    }
    if totals.is_none() {
        return Err(ExtractError::Invalid(format!(
            "the PrefLib file ends before its `voters,sum,unique` line: expected {n} alternative lines and then that line"
        )));
    }
    for (line, l) in lines {
        let Some((count, order)) = l.split_once(',') else {
            return Err(at_line(
                line,
                format!(
                    "expected a vote line `count,1,2,{{3,4}}`, found `{}`",
                    clip(l)
                ),
            ));
        };
        push_vote(&mut election, count, order, line)?;
    }
    Ok(election)
}

fn name_alternative(
    election: &mut Election,
    index: u32,
    name: &str,
    line: usize,
) -> Result<(), ExtractError> {
    if index == 0 {
        return Err(at_line(
            line,
            "expected alternatives numbered from 1, found 0",
        ));
    }
    if name.is_empty() {
        return Err(at_line(
            line,
            format!("alternative {index} has an empty name"),
        ));
    }
    if election.names.insert(index, name.to_string()).is_some() {
        return Err(at_line(line, format!("alternative {index} is named twice")));
    }
    Ok(())
}

fn push_vote(
    election: &mut Election,
    count: &str,
    order: &str,
    line: usize,
) -> Result<(), ExtractError> {
    let count: u64 = parse_number(count, line, "a vote count")?;
    if count == 0 {
        return Err(at_line(
            line,
            "expected a vote count of at least 1, found 0",
        ));
    }
    let order = parse_order(order).map_err(|m| at_line(line, m))?;
    election.votes.push(Vote { line, count, order });
    Ok(())
}

/// `1,3,{2,5},4` → [[1], [3], [2, 5], [4]].
fn parse_order(text: &str) -> Result<Vec<Vec<u32>>, String> {
    let parse_alternative = |s: &str| -> Result<u32, String> {
        let s = s.trim();
        s.parse::<u32>()
            .map_err(|_| format!("expected an alternative's number, found `{}`", clip(s)))
    };
    let mut groups = Vec::new();
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err("expected an order of alternatives after the count, found nothing".into());
    }
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{') {
            let (inside, tail) = after
                .split_once('}')
                .ok_or_else(|| "expected `}` to close a tie `{…}`".to_string())?;
            let group = inside
                .split(',')
                .map(parse_alternative)
                .collect::<Result<Vec<u32>, String>>()?;
            groups.push(group);
            rest = tail.trim_start();
        } else {
            let (item, tail) = rest.split_at(rest.find(',').unwrap_or(rest.len()));
            groups.push(vec![parse_alternative(item)?]);
            rest = tail;
        }
        if let Some(tail) = rest.strip_prefix(',') {
            rest = tail.trim_start();
            if rest.is_empty() {
                return Err("expected an alternative after the last `,`".into());
            }
        } else if !rest.is_empty() {
            return Err(format!(
                "expected `,` between alternatives, found `{}`",
                clip(rest)
            ));
        }
    }
    Ok(groups)
}

/// Checks every vote against the header and the kind, then the declared totals.
fn check(election: &Election, kind: PreflibKind) -> Result<(), ExtractError> {
    if election.votes.is_empty() {
        return Err(ExtractError::Invalid(
            "the PrefLib file has no vote lines: expected lines such as `3: 1,2,{3,4}`".into(),
        ));
    }
    let strict = matches!(kind, PreflibKind::Soc | PreflibKind::Soi);
    let complete = matches!(kind, PreflibKind::Soc | PreflibKind::Toc);
    let declared_n = election.alternatives.map(|(n, _)| n);
    let mut ballots: u64 = 0;
    let mut items: u64 = 0;
    for vote in &election.votes {
        let line = vote.line;
        let mut seen = std::collections::HashSet::new();
        for group in &vote.order {
            if strict && group.len() > 1 {
                return Err(at_line(line, format!(
                    "a tie `{{…}}` in a strict-order file ({}): expected one alternative at each position, or read it as .toc/.toi",
                    kind_name(kind)
                )));
            }
            for &alternative in group {
                if declared_n.is_some_and(|n| alternative > n) || alternative == 0 {
                    return Err(at_line(line, format!(
                        "alternative {alternative} is out of range: the header declares alternatives 1 to {}",
                        declared_n.unwrap_or(0)
                    )));
                }
                if !election.names.contains_key(&alternative) {
                    return Err(at_line(line, format!(
                        "alternative {alternative} has no name: expected a `# ALTERNATIVE NAME {alternative}: …` line in the header"
                    )));
                }
                if !seen.insert(alternative) {
                    return Err(at_line(
                        line,
                        format!("alternative {alternative} appears twice in one order"),
                    ));
                }
            }
        }
        let total = declared_n.map_or(election.names.len() as u64, u64::from);
        if complete && (seen.len() as u64) < total {
            return Err(at_line(
                line,
                format!(
                    "expected a complete order of all {total} alternatives in a {} file, found {}",
                    kind_name(kind),
                    seen.len()
                ),
            ));
        }
        ballots = ballots.saturating_add(vote.count);
        items = items.saturating_add(vote.count.saturating_mul(seen.len() as u64));
        if ballots > MAX_BALLOTS || items > MAX_BALLOT_ITEMS {
            return Err(at_line(line, format!(
                "too many ballots: by this line the file expands to more than {MAX_BALLOTS} ballots or {MAX_BALLOT_ITEMS} ranked items, the most needledrop reads from one file"
            )));
        }
    }
    if let Some((voters, line)) = election.voters {
        if voters != ballots {
            return Err(at_line(
                line,
                format!(
                "the header declares {voters} voters but the vote lines' counts add up to {ballots}"
            ),
            ));
        }
    }
    if let Some((sum, line)) = election.vote_sum {
        if sum != ballots {
            return Err(at_line(line, format!(
                "the header declares a sum of counts of {sum} but the vote lines' counts add up to {ballots}"
            )));
        }
    }
    if let Some((unique, line)) = election.unique_orders {
        let lines = election.votes.len() as u64;
        if unique != lines {
            return Err(at_line(
                line,
                format!(
                "the header declares {unique} unique orders but the file has {lines} vote lines"
            ),
            ));
        }
    }
    Ok(())
}

fn kind_name(kind: PreflibKind) -> &'static str {
    match kind {
        PreflibKind::Soc => ".soc",
        PreflibKind::Soi => ".soi",
        PreflibKind::Toc => ".toc",
        PreflibKind::Toi => ".toi",
    }
}

/// Builds the ballots of a checked election.
fn ballots(election: &Election) -> Result<Vec<List>, ExtractError> {
    let base = election.title.as_deref().unwrap_or("PrefLib election");
    let mut lists = Vec::new();
    for vote in &election.votes {
        let mut template = List::new(Order::Ascending);
        let mut position: u32 = 1;
        for group in &vote.order {
            let rank = Rank::new(position)
                .map_err(|e| at_line(vote.line, format!("the order is too long to rank: {e}")))?;
            for &alternative in group {
                let title = election
                    .names
                    .get(&alternative)
                    .cloned()
                    .unwrap_or_default();
                let mut entry = Entry::new(rank, title);
                entry.tied = group.len() > 1;
                entry.line = Some(vote.line);
                template.entries.push(entry);
            }
            position = position.saturating_add(u32::try_from(group.len()).unwrap_or(u32::MAX));
        }
        for _ in 0..vote.count {
            let mut ballot = template.clone();
            ballot.title = Some(format!("{base}, ballot {}", lists.len() + 1));
            lists.push(ballot);
        }
    }
    Ok(lists)
}

#[cfg(test)]
mod caps {
    use super::*;

    fn election(alternatives: usize, count: u64) -> String {
        let mut text = String::from("# DATA TYPE: soi\n");
        for i in 1..=alternatives {
            text.push_str(&format!("# ALTERNATIVE NAME {i}: Film {i}\n"));
        }
        let order: Vec<String> = (1..=alternatives).map(|i| i.to_string()).collect();
        text.push_str(&format!("{count}: {}\n", order.join(",")));
        text
    }

    #[test]
    fn a_file_at_both_caps_is_read_and_one_ballot_or_item_more_is_refused() {
        let per_ballot = MAX_BALLOT_ITEMS / MAX_BALLOTS;
        let lists = read(
            &election(per_ballot as usize, MAX_BALLOTS),
            PreflibKind::Soi,
        )
        .unwrap();
        assert_eq!(lists.len() as u64, MAX_BALLOTS);
        assert_eq!(
            lists.iter().map(|l| l.entries.len() as u64).sum::<u64>(),
            MAX_BALLOT_ITEMS
        );
        let over_ballots = election(1, MAX_BALLOTS + 1);
        assert!(read(&over_ballots, PreflibKind::Soi).is_err());
        let over_items = election(per_ballot as usize + 1, MAX_BALLOTS);
        assert!(read(&over_items, PreflibKind::Soi).is_err());
    }
}
