//! Writes every verdict in full (JSON), to prove that a change leaves verdicts identical:
//!
//!   cargo run --release -p omamori --example dump < urls.txt > verdicts.jsonl
//!
//! For each input line: `check_url` and a URL-only `check_page` (what the content script sends at
//! document_start). Then `check_page` on every case of crate/tests/cases/pages.toml.
use omamori::{Engine, PageFacts};
use serde::Deserialize;
use std::io::{BufRead, BufWriter, Write};

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    facts: PageFacts,
}

fn main() {
    let engine = Engine::new().expect("engine");
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let json = |r: Result<omamori::Verdict, omamori::CheckError>| match r {
        Ok(v) => serde_json::to_string(&v).expect("json"),
        Err(e) => format!("error: {e}"),
    };
    for line in std::io::stdin().lock().lines() {
        let Ok(url) = line else { continue };
        let page = PageFacts { url: url.clone(), ..Default::default() };
        writeln!(out, "{url}\t{}\t{}", json(engine.check_url(&url)), json(engine.check_page(page))).expect("write");
    }
    let cases: Cases = toml::from_str(include_str!("../tests/cases/pages.toml")).expect("pages.toml");
    for c in cases.case {
        writeln!(out, "page {}\t{}", c.name, json(engine.check_page(c.facts))).expect("write");
    }
}
