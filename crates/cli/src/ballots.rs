//! Stored lists → rank ballots.
//!
//! This is the seam where film identity enters ranking. Until the catalog resolves entries to
//! films, an item is a normalised title ([`item_key`]): two entries are the same item when their
//! titles normalise alike. When resolution lands, only [`item_key`] (and its callers here) change
//! — to a film id — and the rank crate stays as it is. The label shown for an item is the first
//! printed title seen for it.

use needledrop_model::List;
use needledrop_rank::{ListInput, Profile, RankError};
use needledrop_store::ListId;
use std::collections::HashMap;

/// The identity of an item: the title lowercased, quotes and apostrophes dropped, every other
/// run of punctuation or whitespace turned into one space, trimmed. `"Guardians of the Galaxy,
/// Vol. 1"` and `"guardians of the galaxy vol 1"` are the same item; `"Devil's"` is `"devils"`.
pub fn item_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    let mut pending_space = false;
    for c in title.chars() {
        if matches!(
            c,
            '\'' | '\u{2018}' | '\u{2019}' | '`' | '"' | '\u{201C}' | '\u{201D}'
        ) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    key
}

/// A profile built from stored lists, with what the CLI needs to print it.
pub struct StoredProfile {
    /// The ballots; list labels are the store's list ids.
    pub profile: Profile,
    /// List label → the list's title (or file name), for display.
    pub list_titles: HashMap<String, String>,
}

/// Builds ballots from stored lists: ranked entries keep their printed rank, mentions become
/// unranked mentions, the declared size becomes the ballot's declared length. Items are
/// [`item_key`]s shown by their first printed title.
///
/// Errors: no lists; one list naming the same item twice (after normalisation).
pub fn profile_from_lists(lists: &[(ListId, List)]) -> Result<StoredProfile, RankError> {
    let mut display: HashMap<String, String> = HashMap::new();
    let mut shown = |title: &str| -> String {
        display
            .entry(item_key(title))
            .or_insert_with(|| title.trim().to_string())
            .clone()
    };
    let mut inputs = Vec::with_capacity(lists.len());
    let mut list_titles = HashMap::new();
    for (id, list) in lists {
        let label = id.to_string();
        let title = list
            .title
            .clone()
            .or_else(|| list.outlet.clone())
            .unwrap_or_else(|| format!("list {id}"));
        list_titles.insert(label.clone(), title);
        inputs.push(ListInput {
            label,
            ranked: list
                .entries
                .iter()
                .map(|e| (e.rank.get(), shown(&e.title)))
                .collect(),
            mentions: list.mentions.iter().map(|m| shown(&m.title)).collect(),
            declared_len: list.declared_size,
            weight: None,
        });
    }
    Ok(StoredProfile {
        profile: Profile::from_lists(inputs)?,
        list_titles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use needledrop_model::{Entry, Mention, Order, Rank};

    #[test]
    fn titles_that_differ_in_case_and_punctuation_are_one_item() {
        assert_eq!(
            item_key("Guardians of the Galaxy, Vol. 1"),
            "guardians of the galaxy vol 1"
        );
        assert_eq!(item_key("  The Devil’s Rejects "), "the devils rejects");
        assert_eq!(item_key("Moulin Rouge!"), item_key("moulin rouge"));
        assert_eq!(item_key("2001: A Space Odyssey"), "2001 a space odyssey");
    }

    #[test]
    fn stored_lists_become_ballots_labelled_by_first_printed_title() {
        let mut a = List::new(Order::Descending);
        a.entries
            .push(Entry::new(Rank::new(1).unwrap(), "Moulin Rouge!"));
        a.mentions.push(Mention {
            title: "Juno".into(),
            year: None,
        });
        let mut b = List::new(Order::Ascending);
        b.entries
            .push(Entry::new(Rank::new(1).unwrap(), "moulin rouge"));
        let p = profile_from_lists(&[(ListId(1), a), (ListId(2), b)]).unwrap();
        assert_eq!(p.profile.labels(), ["Moulin Rouge!", "Juno"]);
        assert_eq!(p.profile.ballots()[1].ranked()[0].item.index(), 0);
        assert_eq!(p.profile.ballots()[0].mentions().len(), 1);
    }
}
