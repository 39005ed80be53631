//! Where the engine's start-up time goes (native): `cargo run --release -p omamori --example coldstart`.
//! Each step runs once, cold, in a fresh process (as a woken service worker would); the wasm engine pays the
//! same steps several times slower (bench/wasm.mjs).
use omamori::host::SuffixList;
use omamori::kb::KnowledgeBase;
use omamori::lookalike::LookalikeIndex;
use omamori::{Engine, PageFacts};
use std::time::Instant;

fn ms(t: Instant) -> String {
    format!("{:.2} ms", t.elapsed().as_secs_f64() * 1e3)
}

fn main() {
    println!("parts (each built alone):");
    let t = Instant::now();
    let psl = SuffixList::new();
    let h = psl.host("www1.micard.co.jp.kwtqq.com");
    println!("  suffix list (static table) + one host: {} ({:?})", ms(t), h.registrable);
    let t = Instant::now();
    let kb = KnowledgeBase::new().unwrap();
    println!("  knowledge base ({} brands): {}", kb.brands.len(), ms(t));
    let t = Instant::now();
    let _ = omamori::lookalike::label_skeleton("a");
    println!("  skeleton table for ASCII: {}", ms(t));
    let t = Instant::now();
    let _ix = LookalikeIndex::new(&kb);
    println!("  look-alike indexes: {}", ms(t));
    let t = Instant::now();
    let _ = kb.name_set();
    println!("  page-name automaton ({} names folded at build time; lazy: first page with text): {}", kb.names().len(), ms(t));

    println!("the engine, as the extension starts it:");
    let t0 = Instant::now();
    let t = Instant::now();
    let e = Engine::new().unwrap();
    println!("  Engine::new(): {}", ms(t));
    let t = Instant::now();
    let v = e.check_page(PageFacts { url: "https://www.example.co.jp/".into(), ..Default::default() }).unwrap();
    println!("  first URL-only check_page (what document_start sends): {} ({})", ms(t), v.level.as_str());
    let t = Instant::now();
    let v = e.check_url("https://micard.co.jp.kwtqq.com/login").unwrap();
    println!("  first check_url: {} ({})", ms(t), v.level.as_str());
    println!("  start → first verdicts: {}", ms(t0));
    let t = Instant::now();
    let facts: PageFacts = serde_json::from_str(
        r#"{"url":"https://secure-verify-center.com/card","title":"エムアイカード | ご利用確認",
            "inputs":[{"tag":"input","type":"tel","label":"カード番号"}]}"#,
    )
    .unwrap();
    let v = e.check_page(facts).unwrap();
    println!("  first check_page with text and inputs (builds the lazy page vocabularies): {} ({})", ms(t), v.level.as_str());
}
