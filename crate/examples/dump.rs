//! Writes every verdict in full (JSON), to prove that a change leaves verdicts identical:
//!
//!   cargo run --release -p omamori --example dump < urls.txt > verdicts.jsonl
//!
//! For each input line: `check_url` and a URL-only `check_page` (what the content script sends at
//! document_start). Then `check_page` on every case of crate/tests/cases/pages.toml.
//!
//!   cargo run --release -p omamori --example dump -- --pages DIR... > verdicts.jsonl
//!
//! Instead: `check_page` on every file of each DIR (sorted by name) that parses as JSON `PageFacts` (the
//! fuzz corpus crate/fuzz/corpus/check_page_json/, say); files that do not parse are skipped and counted on
//! stderr. This is what proves that a change to field classification keeps verdicts: pages.toml has far
//! fewer input shapes than the corpus.
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

fn json(r: Result<omamori::Verdict, omamori::CheckError>) -> String {
    match r {
        Ok(v) => serde_json::to_string(&v).expect("json"),
        Err(e) => format!("error: {e}"),
    }
}

/// `--pages DIR...`: one line per file that parses as `PageFacts`: `NAME\tVERDICT`.
fn dump_pages(engine: &Engine, dirs: &[String], out: &mut impl Write) {
    let (mut checked, mut skipped) = (0usize, 0usize);
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for path in files {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let Ok(facts) = serde_json::from_slice::<PageFacts>(&bytes) else {
                skipped += 1;
                continue;
            };
            checked += 1;
            writeln!(out, "{}\t{}", path.display(), json(engine.check_page(facts))).expect("write");
        }
    }
    eprintln!("dump --pages: {checked} pages checked, {skipped} files skipped (not PageFacts JSON)");
}

fn main() {
    let engine = Engine::new().expect("engine");
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(("--pages", dirs)) = args.split_first().map(|(a, rest)| (a.as_str(), rest)) {
        dump_pages(&engine, dirs, &mut out);
        return;
    }
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
