//! The ingest use case (read, store, resolve) into an in-memory SQLite store; the first byte
//! picks the format (0: detect it).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| needledrop_fuzz::ingest(data));
