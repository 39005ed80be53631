//! check_url on anything: raw bytes as a string, the same after `https://`, and generated URLs (schemes,
//! userinfo, IDN, IP literals, long hosts). No panic, bounded work, deterministic, and every verdict keeps the
//! invariants of common::check_verdict.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    common::run_url(&raw);
    if data.len() <= 4096 {
        common::run_url(&format!("https://{raw}"));
        let mut u = Unstructured::new(data);
        if let Ok(url) = common::url(&mut u) {
            common::run_url(&url);
        }
    }
});
