//! A report without its rows' lists is the same report, only without them.

use needledrop_app::{rank, rank_rows, Ballots, RankRequest, RowLists};
use needledrop_rank::csv_input::read_csv;

fn ballots() -> Ballots {
    let text = "list_id,rank,item\na,1,x\na,2,y\nb,1,y\nb,,z\nc,1,x\nc,2,z\nc,3,w\n";
    Ballots::from_profile(read_csv(text.as_bytes()).unwrap())
}

#[test]
fn omitting_the_lists_changes_nothing_else() {
    let ballots = ballots();
    for method in ["borda", "rrf", "copeland"] {
        let request = RankRequest {
            method: method.into(),
            ..RankRequest::default()
        };
        let named = rank(&ballots, &request).unwrap();
        let omitted = rank_rows(&ballots, &request, RowLists::Omitted).unwrap();
        assert_eq!(named.rows.len(), omitted.rows.len());
        for (n, o) in named.rows.iter().zip(&omitted.rows) {
            assert!(o.lists.is_empty());
            assert!(!n.lists.is_empty());
            let mut n = n.clone();
            n.lists.clear();
            assert_eq!(
                serde_json::to_string(&n).unwrap(),
                serde_json::to_string(o).unwrap()
            );
        }
    }
}

#[test]
fn named_rows_list_every_list_naming_the_item_once() {
    let report = rank(&ballots(), &RankRequest::default()).unwrap();
    let lists = |item: &str| {
        let row = report.rows.iter().find(|r| r.item == item).unwrap();
        let mut l = row.lists.clone();
        l.sort();
        l
    };
    assert_eq!(lists("x"), ["a", "c"]);
    assert_eq!(lists("y"), ["a", "b"]);
    assert_eq!(lists("z"), ["b", "c"]);
    assert_eq!(lists("w"), ["c"]);
}
