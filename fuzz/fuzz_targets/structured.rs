//! The structured readers (CSV, Letterboxd, IMDb, JSON, TOML, PrefLib); the first byte picks one.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| needledrop_fuzz::structured_readers(data));
