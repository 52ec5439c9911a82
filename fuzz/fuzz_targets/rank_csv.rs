//! The rank CSV input (`list_id,rank,item`), then a Borda count over what it read.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| needledrop_fuzz::rank_csv(data));
