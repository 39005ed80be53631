//! Measures the URL engine on ../shared/data (issue 4): detection on the JPCERT/CC phishing feed, false
//! warnings on the popular-domain list, throughput. Prints a report; asserts nothing.
//!
//!   cargo run --release -p omamori --example eval -- [DATA_DIR] [--list-danger N] [--list-caution N] [--misses N]
//!
//! DATA_DIR defaults to $DATA_DIR, else ../shared/data. The feed's brand column is free text; it is mapped to
//! knowledge-base ids through the brands' own names (NFKC, case-folded), so no mapping table is kept by hand.
//!
//! Both data sets are split in two (issue 17): rules are decided on the feed's 2019–2022 rows and on the
//! popular domains of odd rank, and checked on 2023–2024 and on the even ranks, which stand in for a later
//! period and for popular domains nobody tuned on. Both halves are printed.
use flate2::read::GzDecoder;
use omamori::text::fold;
use omamori::{Engine, Level};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::time::Instant;

#[derive(Default)]
struct Tally {
    n: usize,
    danger_right: usize,
    warn: usize,
    /// phishing judged `safe`: an official domain of some brand
    safe: usize,
    with_trace: usize,
    trace_danger_right: usize,
}

impl Tally {
    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {} | {} | {} ({}) |",
            self.n,
            pct(self.danger_right, self.n),
            pct(self.warn, self.n),
            self.safe,
            self.with_trace,
            pct(self.trace_danger_right, self.with_trace)
        )
    }
}

/// The popular domains of one half.
#[derive(Default)]
struct PopTally {
    n: usize,
    danger: Vec<String>,
    caution: Vec<String>,
    safe: usize,
}

impl PopTally {
    fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} ({}) | {} ({}) | {} |",
            self.n,
            self.danger.len(),
            pct3(self.danger.len(), self.n),
            self.caution.len(),
            pct3(self.caution.len(), self.n),
            self.safe
        )
    }
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 { "-".into() } else { format!("{:.1} %", 100.0 * a as f64 / b as f64) }
}

fn pct3(a: usize, b: usize) -> String {
    if b == 0 { "-".into() } else { format!("{:.3} %", 100.0 * a as f64 / b as f64) }
}

/// The half a feed row belongs to by its year: rules are decided on the older years, checked on the later.
const CHECK_FROM_YEAR: &str = "2023";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map(|(_, a)| a.clone())
        .or_else(|| std::env::var("DATA_DIR").ok())
        .unwrap_or_else(|| "../shared/data".into());
    let number_after = |flag: &str, default: usize| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(default)
    };
    let list_danger = number_after("--list-danger", usize::MAX);
    let list_caution = number_after("--list-caution", 0);
    let show_misses = number_after("--misses", 0);
    let mut misses: Vec<String> = Vec::new();
    let t0 = Instant::now();
    let engine = Engine::new().expect("engine");
    let cold = t0.elapsed();
    let kb = engine.kb();

    // feed label -> brand id, through the brands' names
    let mut name_to_id: HashMap<String, String> = HashMap::new();
    for b in engine.brands() {
        for n in b.names.iter().chain(b.weak_names).chain([b.name_ja, b.name_en]) {
            name_to_id.entry(fold(n)).or_insert_with(|| b.id.to_string());
        }
    }

    let feed = std::fs::File::open(format!("{dir}/jpcert-phish-2019-2024.csv.gz")).expect("feed");
    let mut per_brand: BTreeMap<String, Tally> = BTreeMap::new();
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    let (mut total, mut older, mut later) = (Tally::default(), Tally::default(), Tally::default());
    let mut urls = 0usize;
    let t = Instant::now();
    for line in BufReader::new(GzDecoder::new(feed)).lines().skip(1) {
        let Ok(line) = line else { continue };
        let mut cols = line.splitn(2, ',');
        let date = cols.next().unwrap_or_default();
        let Some(rest) = cols.next() else { continue };
        let Some((url, label)) = rest.rsplit_once(',') else { continue };
        urls += 1;
        // the label, or one of its parts (`TS CUBIC CARD_MY TS3`)
        let id = name_to_id.get(&fold(label)).cloned().or_else(|| {
            label.split(['_', '/', '・']).find_map(|part| name_to_id.get(&fold(part)).cloned())
        });
        let v = engine.check_url(url).ok();
        let level = v.as_ref().map_or(Level::None, |v| v.level);
        let got = v.as_ref().and_then(|v| v.brand.clone());
        let right = id.is_some() && got == id && level == Level::Danger;
        // does the host carry a trace of the labelled brand (an official label or a strong token)?
        let trace = id.as_ref().and_then(|id| kb.get(id)).is_some_and(|b| {
            let host = v.as_ref().map(|v| v.host.to_ascii_lowercase()).unwrap_or_default();
            b.tokens.iter().any(|t| host.contains(t))
                || b.domains.iter().any(|d| d.name.split('.').next().is_some_and(|l| l.len() >= 4 && host.contains(l)))
        });
        let half = if date >= CHECK_FROM_YEAR { &mut later } else { &mut older };
        for t in [&mut total, half, per_brand.entry(id.clone().unwrap_or_else(|| format!("?{label}"))).or_default()] {
            t.n += 1;
            t.danger_right += right as usize;
            t.warn += (level >= Level::Caution) as usize;
            t.safe += (level == Level::Safe) as usize;
            t.with_trace += trace as usize;
            t.trace_danger_right += (trace && right) as usize;
        }
        if trace && !right && misses.len() < 200_000 {
            let v = v.as_ref();
            misses.push(format!(
                "{}\t{}\t{}\t{}\t{}",
                id.as_deref().unwrap_or("-"),
                v.map_or("invalid", |v| v.level.as_str()),
                v.and_then(|v| v.brand.clone()).unwrap_or_else(|| "-".into()),
                v.map(|v| v.rule_codes()).unwrap_or_default(),
                v.map(|v| v.host.clone()).unwrap_or_default()
            ));
        }
        if id.is_none() {
            *unmapped.entry(label.to_string()).or_default() += 1;
        }
    }
    let feed_time = t.elapsed();

    println!("# Omamori URL engine on {dir}\n");
    println!("engine cold start (native, KB + suffix list): {:.1} ms; {} brands\n", cold.as_secs_f64() * 1e3, kb.brands.len());
    println!("## Phishing feed (JPCERT/CC 2019–2024): {urls} URLs\n");
    println!("| set | URLs | danger, right brand | any warning | judged safe | with a trace of the brand (danger, right brand) |");
    println!("|---|---:|---:|---:|---:|---:|");
    println!("{}", older.row("2019–2022 (rules decided here)"));
    println!("{}", later.row("2023–2024 (check)"));
    println!("{}", total.row("all URLs"));
    println!("\n### Per brand (feed labels with ≥ 100 URLs)\n");
    println!("| brand | URLs | with trace | danger+brand (trace) | danger+brand (all) | any warning |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut rows: Vec<_> = per_brand.iter().filter(|(_, t)| t.n >= 100).collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1.n));
    for (id, t) in rows {
        println!(
            "| {id} | {} | {} | {} | {} | {} |",
            t.n,
            t.with_trace,
            pct(t.trace_danger_right, t.with_trace),
            pct(t.danger_right, t.n),
            pct(t.warn, t.n)
        );
    }
    if !unmapped.is_empty() {
        let mut u: Vec<_> = unmapped.into_iter().collect();
        u.sort_by_key(|e| std::cmp::Reverse(e.1));
        let shown: Vec<String> = u.iter().take(15).map(|(l, n)| format!("{l} ({n})")).collect();
        println!("\nfeed labels not mapped to a brand (top): {}", shown.join(", "));
    }

    misses.sort();
    misses.dedup();
    if let Some(step) = misses.len().checked_div(show_misses) {
        let step = step.max(1);
        println!("\nmissed hosts that carry a trace of their brand ({} distinct; every {step}th shown):", misses.len());
        for m in misses.iter().step_by(step) {
            println!("    {m}");
        }
    }

    let pop = std::fs::File::open(format!("{dir}/tranco-top50k.txt.gz")).expect("tranco");
    let mut halves = [PopTally::default(), PopTally::default()];
    let mut n = 0usize;
    let t = Instant::now();
    for line in BufReader::new(GzDecoder::new(pop)).lines() {
        let Ok(d) = line else { continue };
        let d = d.trim();
        if d.is_empty() {
            continue;
        }
        n += 1;
        // rank 1, 3, 5… decide; rank 2, 4, 6… check
        let half = &mut halves[(n + 1) % 2];
        half.n += 1;
        match engine.check_url(&format!("https://{d}/")) {
            Ok(v) if v.level == Level::Danger => half.danger.push(format!("{d}\t{}\t{}", v.brand.as_deref().unwrap_or_default(), v.rule_codes())),
            Ok(v) if v.level == Level::Caution => half.caution.push(format!("{d}\t{}\t{}", v.brand.as_deref().unwrap_or("-"), v.rule_codes())),
            Ok(v) if v.level == Level::Safe => half.safe += 1,
            _ => {}
        }
    }
    let pop_time = t.elapsed();
    let all = PopTally {
        n,
        danger: halves.iter().flat_map(|h| h.danger.clone()).collect(),
        caution: halves.iter().flat_map(|h| h.caution.clone()).collect(),
        safe: halves.iter().map(|h| h.safe).sum(),
    };
    println!("\n## Popular domains (Tranco top 50k): {n}\n");
    println!("| set | domains | danger | caution | safe (a brand's official domain) |");
    println!("|---|---:|---:|---:|---:|");
    println!("{}", halves[0].row("odd ranks (rules decided here)"));
    println!("{}", halves[1].row("even ranks (check)"));
    println!("{}", all.row("all"));
    for (name, h) in [("odd ranks", &halves[0]), ("even ranks", &halves[1])] {
        if !h.danger.is_empty() && list_danger > 0 {
            println!("\ndanger on popular domains, {name} (domain, brand, rules):");
            for d in h.danger.iter().take(list_danger) {
                println!("    {d}");
            }
        }
        if !h.caution.is_empty() && list_caution > 0 {
            println!("\ncaution on popular domains, {name} (domain, brand, rules):");
            for d in h.caution.iter().take(list_caution) {
                println!("    {d}");
            }
        }
    }
    let checks = urls + n;
    let secs = (feed_time + pop_time).as_secs_f64();
    println!(
        "\nin-process throughput (one core, parse + check, incl. gzip): {:.0} URLs/s over {checks} URLs",
        checks as f64 / secs
    );
}
