//! Where the engine's start-up time goes (native): `cargo run --release --example coldstart`.
use omamori::host::SuffixList;
use omamori::kb::{embedded, KnowledgeBase};
use omamori::lookalike::LookalikeIndex;
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let psl = SuffixList::new();
    println!("suffix list: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let kb = KnowledgeBase::from_json(embedded::BRANDS_JSON).unwrap();
    println!("knowledge base: {:.1} ms ({} names)", t.elapsed().as_secs_f64() * 1e3, kb.names.len());
    let t = Instant::now();
    let _ix = LookalikeIndex::new(&kb);
    println!("lookalike index: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let e = omamori::Engine::new().unwrap();
    println!("whole engine: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    drop((psl, e));
}
