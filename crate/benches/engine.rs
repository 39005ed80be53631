//! Native benchmarks of the engine (prints figures, asserts nothing; not run in CI).
//!
//!   cargo bench -p omamori --bench engine [-- DATA_DIR]
//!
//! - cold start: `Engine::new()` (knowledge base, suffix list, indexes) and the first page check (the name
//!   automaton is built then);
//! - check_url: URLs per second on one core over ../shared/data (the JPCERT/CC phishing feed and the Tranco
//!   popular list), URLs held in memory, verdicts built (reasons in two languages included); skipped when the
//!   data is absent;
//! - check_page: time per page over the page case table (tests/cases/pages.toml, typical facts), and for a huge
//!   page (5,000 inputs, 1 MB of text).
//!
//! Goals (issue 7): ≥ 300,000 URLs/s native one core; check_page p95 ≤ 1 ms typical, ≤ 20 ms huge.
use flate2::read::GzDecoder;
use omamori::{Engine, InputFacts, Level, PageFacts};
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn gunzip_lines(path: &Path) -> Option<Vec<String>> {
    let f = std::fs::File::open(path).ok()?;
    let mut s = String::new();
    GzDecoder::new(f).read_to_string(&mut s).ok()?;
    Some(s.lines().map(str::to_string).collect())
}

/// The URLs of the feed (`date,url,brand`) and the popular list (`https://DOMAIN/`), or None without data.
fn data_urls(dir: &Path) -> Option<(Vec<String>, Vec<String>)> {
    let feed: Vec<String> = gunzip_lines(&dir.join("jpcert-phish-2019-2024.csv.gz"))?
        .into_iter()
        .skip(1)
        .filter_map(|l| {
            let (_, rest) = l.split_once(',')?;
            let (url, _) = rest.rsplit_once(',')?;
            Some(url.to_string())
        })
        .collect();
    let popular: Vec<String> = gunzip_lines(&dir.join("tranco-top50k.txt.gz"))?
        .into_iter()
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .map(|d| format!("https://{d}/"))
        .collect();
    Some((feed, popular))
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p) as usize).min(sorted.len() - 1);
    sorted[i].as_secs_f64() * 1e3
}

/// Runs `f` over `urls` `rounds` times; the best round's URLs per second (the least disturbed by the machine).
fn url_rate(engine: &Engine, urls: &[String], rounds: usize) -> (f64, usize) {
    let mut best = 0f64;
    let mut danger = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut d = 0;
        for u in urls {
            if let Ok(v) = engine.check_url(black_box(u)) {
                d += (v.level == Level::Danger) as usize;
            }
        }
        let rate = urls.len() as f64 / t.elapsed().as_secs_f64();
        best = best.max(rate);
        danger = d;
    }
    (best, danger)
}

fn page_times(engine: &Engine, pages: &[PageFacts], runs: usize) -> Vec<Duration> {
    let mut times = Vec::with_capacity(runs * pages.len());
    for _ in 0..runs {
        for p in pages {
            let f = p.clone();
            let t = Instant::now();
            black_box(engine.check_page(black_box(f)).ok());
            times.push(t.elapsed());
        }
    }
    times.sort();
    times
}

#[derive(serde::Deserialize)]
struct Case {
    facts: PageFacts,
}
#[derive(serde::Deserialize)]
struct Table {
    case: Vec<Case>,
}

/// A page with 5,000 inputs and 1 MB of text (the same shape as bench/wasm.mjs's).
pub fn huge_page() -> PageFacts {
    let typical = typical_page();
    PageFacts {
        text: "あ".repeat(1_000_000),
        inputs: (0..5000)
            .map(|i| InputFacts {
                tag: "input".into(),
                input_type: "text".into(),
                name: format!("f{i}"),
                label: format!("項目{i}"),
                context: "x".repeat(300),
                ..Default::default()
            })
            .collect(),
        ..typical
    }
}

/// The typical phishing page of bench/wasm.mjs (MI Card card-information page).
pub fn typical_page() -> PageFacts {
    let input = |ty: &str, tag: &str, name: &str, label: &str, context: &str| InputFacts {
        tag: tag.into(),
        input_type: ty.into(),
        name: name.into(),
        label: label.into(),
        context: context.into(),
        ..Default::default()
    };
    PageFacts {
        url: "https://secure-verify-center.com/card".into(),
        title: "エムアイカード | ご利用確認".into(),
        headings: vec!["ご利用確認のお願い".into()],
        image_alts: vec!["MI CARD".into()],
        footer_text: "© MI Card Co., Ltd.".into(),
        text: "お客様のカードに不正利用の可能性があります。24時間以内にご本人様確認を行ってください。".repeat(20),
        inputs: vec![
            input("tel", "input", "cn", "カード番号", ""),
            input("", "select", "m", "", "有効期限"),
            input("", "select", "y", "", "有効期限"),
            input("tel", "input", "c", "セキュリティコード", ""),
            input("password", "input", "p", "暗証番号", ""),
        ],
        ..Default::default()
    }
}

fn main() {
    // `cargo bench` passes `--bench`; anything else not starting with `-` is the data directory
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../shared/data"));

    println!("# Omamori engine, native (one core)\n");
    let t = Instant::now();
    let engine = Engine::new().expect("engine");
    let cold = t.elapsed();
    let t = Instant::now();
    black_box(engine.check_page(PageFacts { url: "https://www.example.co.jp/".into(), ..Default::default() }).ok());
    let first_url_page = t.elapsed();
    let t = Instant::now();
    black_box(engine.check_page(typical_page()).ok());
    let first_page = t.elapsed();
    let mut news = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        black_box(Engine::new().expect("engine"));
        news.push(t.elapsed());
    }
    news.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "cold start: Engine::new() {:.2} ms (first), median of 10 more {:.2} ms; first URL-only check_page {:.2} ms; \
         first check_page with text {:.2} ms (page-name automaton, field and page vocabularies built)",
        ms(cold),
        ms(news[5]),
        ms(first_url_page),
        ms(first_page)
    );

    // where start-up goes (the wasm engine pays the same, several times slower on cold code)
    {
        use omamori::host::SuffixList;
        use omamori::kb::KnowledgeBase;
        use omamori::lookalike::LookalikeIndex;
        let t = Instant::now();
        black_box(SuffixList::new().host("www1.micard.co.jp.kwtqq.com"));
        let psl = t.elapsed();
        let t = Instant::now();
        let kb = KnowledgeBase::new().expect("kb");
        let kb_t = t.elapsed();
        let t = Instant::now();
        black_box(LookalikeIndex::new(&kb));
        let ix = t.elapsed();
        let t = Instant::now();
        black_box(kb.name_set());
        let names = t.elapsed();
        println!(
            "start-up parts: suffix list (static) + one host {:.2} ms, knowledge base indexes {:.2} ms, look-alike indexes {:.2} ms; \
             lazy: page-name automaton ({} names folded at build time) {:.2} ms",
            ms(psl),
            ms(kb_t),
            ms(ix),
            kb.names().len(),
            ms(names)
        );
    }

    match data_urls(&dir) {
        Some((feed, popular)) => {
            let all: Vec<String> = feed.iter().chain(&popular).cloned().collect();
            url_rate(&engine, &all[..all.len().min(20_000)], 1); // warm-up
            let (r_feed, d_feed) = url_rate(&engine, &feed, 3);
            let (r_pop, d_pop) = url_rate(&engine, &popular, 3);
            let (r_all, _) = url_rate(&engine, &all, 3);
            println!(
                "check_url: {:.0} URLs/s over {} URLs (feed {:.0}/s, {} URLs, {} danger; popular {:.0}/s, {} URLs, {} danger) — goal ≥ 300,000",
                r_all,
                all.len(),
                r_feed,
                feed.len(),
                d_feed,
                r_pop,
                popular.len(),
                d_pop
            );
        }
        None => println!("check_url: skipped (no data at {}: jpcert-phish-2019-2024.csv.gz, tranco-top50k.txt.gz)", dir.display()),
    }

    if std::env::var("OMAMORI_BENCH_ONLY").is_ok_and(|v| v == "url") {
        return;
    }
    let table: Table = toml::from_str(include_str!("../tests/cases/pages.toml")).expect("pages.toml");
    let cases: Vec<PageFacts> = table.case.into_iter().map(|c| c.facts).collect();
    page_times(&engine, &cases, 20); // warm-up
    let t = page_times(&engine, &cases, 200);
    println!(
        "check_page, case-table pages ({} pages × 200): p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms — goal p95 ≤ 1 ms",
        cases.len(),
        pct(&t, 0.5),
        pct(&t, 0.95),
        pct(&t, 1.0)
    );
    let t = page_times(&engine, &[typical_page()], 2000);
    println!("check_page, typical phishing page (bench/wasm.mjs's): p50 {:.3} ms, p95 {:.3} ms", pct(&t, 0.5), pct(&t, 0.95));
    let huge = huge_page();
    let t = page_times(&engine, &[huge], 30);
    println!(
        "check_page, huge page (5,000 inputs, 1 MB text): p50 {:.2} ms, p95 {:.2} ms — goal p95 ≤ 20 ms",
        pct(&t, 0.5),
        pct(&t, 0.95)
    );
}
