//! check_page on raw JSON bytes, as they could arrive from a content script: serde_json into PageFacts
//! (whatever does not parse is rejected, as the wasm façade does), then the engine. No panic, bounded work.
#![no_main]
use libfuzzer_sys::fuzz_target;
use omamori::PageFacts;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(f) = serde_json::from_slice::<PageFacts>(data) {
        common::run_page(f);
    }
});
