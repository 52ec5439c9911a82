//! Any text, however odd, is resolved or refused, never a panic; normalization is idempotent.

use needledrop_catalog::{
    bundled, film_facts, normalize_title, split_printed_year, Articles, Catalog, Query,
};
use proptest::prelude::*;

proptest! {
    #[test]
    fn resolution_never_panics(title in "\\PC{0,60}", year in proptest::option::of(-5000i32..5000)) {
        let catalog = bundled().unwrap();
        let _ = catalog.resolve(&Query::title(&title).with_year(year).with_director(Some(&title)));
        let mut empty = Catalog::new();
        let _ = empty.resolve_or_add(&Query::title(&title).with_year(year));
        let _ = split_printed_year(&title);
        let _ = film_facts(&title);
    }

    #[test]
    fn keys_ignore_case_and_trailing_punctuation(title in "[ -~]{0,40}") {
        let articles = Articles::with_extra(["le", "la", "l'"]);
        let key = normalize_title(&title, &articles);
        prop_assert_eq!(&key, &normalize_title(&title.to_uppercase(), &articles));
        prop_assert_eq!(&key, &normalize_title(&format!("{title}!?"), &articles));
        prop_assert!(!key.contains("  "));
        prop_assert_eq!(key.trim(), key.as_str());
    }
}
