//! Arbitrary bytes through `needledrop_extract::extract`, in every format: it may fail, never
//! panic. The first byte picks the format (0: detect from the content), the rest is the document.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| needledrop_fuzz::extract_any(data));
