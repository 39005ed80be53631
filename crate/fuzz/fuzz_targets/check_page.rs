//! check_page on facts built with structure (arbitrary): a page of the case table (tests/cases/pages.toml)
//! with some of its facts replaced, or a page made up whole: many inputs, long strings, unicode, weird URLs.
//! No panic, bounded work, deterministic, invariants of common::check_verdict.
#![no_main]
use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use omamori::PageFacts;
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

#[derive(serde::Deserialize)]
struct Case {
    facts: PageFacts,
}
#[derive(serde::Deserialize)]
struct Table {
    case: Vec<Case>,
}

fn cases() -> &'static [PageFacts] {
    static C: OnceLock<Vec<PageFacts>> = OnceLock::new();
    C.get_or_init(|| {
        let t: Table = toml::from_str(include_str!("../../tests/cases/pages.toml")).expect("pages.toml");
        t.case.into_iter().map(|c| c.facts).collect()
    })
}

fn facts(u: &mut Unstructured) -> Result<PageFacts> {
    let cases = cases();
    let pick = u.choose_index(cases.len() + 1)?;
    if pick == cases.len() {
        return common::page_facts(u);
    }
    // a real page, then a few of its facts replaced by generated ones
    let mut f = cases[pick].clone();
    let other = common::page_facts(u)?;
    let mask: u16 = u.arbitrary()?;
    let bit = |i: u32| mask & (1 << i) != 0;
    if bit(0) {
        f.url = other.url;
    }
    if bit(1) {
        f.top_url = other.top_url;
    }
    if bit(2) {
        f.title = other.title;
    }
    if bit(3) {
        f.text = other.text;
    }
    if bit(4) {
        f.headings = other.headings;
    }
    if bit(5) {
        f.image_alts = other.image_alts;
    }
    if bit(6) {
        f.footer_text = other.footer_text;
    }
    if bit(7) {
        f.form_actions = other.form_actions;
    }
    if bit(8) {
        f.resource_urls = other.resource_urls;
    }
    if bit(9) {
        f.inputs.extend(other.inputs);
    } else if bit(10) {
        f.inputs = other.inputs;
    }
    if bit(11) {
        f.site_name = other.site_name;
    }
    Ok(f)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(f) = facts(&mut u) {
        common::run_page(f);
    }
});
