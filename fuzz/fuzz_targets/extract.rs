//! Arbitrary bytes through `needledrop_extract::extract`, in every format: it may fail, never
//! panic. The first byte picks the format (0: detect from the content), the rest is the document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use needledrop_extract::{extract, ExtractOptions, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, document)) = data.split_first() else {
        return;
    };
    let names = Format::NAMES;
    let format = match usize::from(selector) % (names.len() + 1) {
        0 => None,
        k => names.get(k - 1).and_then(|name| name.parse::<Format>().ok()),
    };
    let options = ExtractOptions {
        format,
        file_name: None,
    };
    let _ = extract(document, &options);
});
