//! Corpus tests: the behaviour of the engine pinned by case tables (data files under tests/cases/), in the
//! manner of rust-url's test vectors. One test per table; every failing row is listed, not only the first.
use omamori::{Engine, Level, PageFacts};
use serde::Deserialize;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new().expect("engine"))
}

/// `expect` is a level (`safe`, `none`, `caution`, `danger`, `invalid`), `warn` (caution or danger), or
/// `quiet` (safe or none: no warning).
fn level_matches(expect: &str, got: Option<Level>) -> bool {
    match (expect, got) {
        ("invalid", None) => true,
        (_, None) => false,
        ("warn", Some(l)) => l >= Level::Caution,
        ("quiet", Some(l)) => l <= Level::None,
        (e, Some(l)) => e == l.as_str(),
    }
}

/// URL tables: `expect<TAB>brand<TAB>url<TAB>…` (brand `-` = none expected, `*` = any): urls.tsv, and the first
/// three columns of routes.tsv.
#[test]
fn url_cases() {
    let tables = [("urls.tsv", include_str!("cases/urls.tsv")), ("routes.tsv", include_str!("cases/routes.tsv"))];
    let mut failures = Vec::new();
    let mut fired = std::collections::HashSet::new();
    let mut n = 0;
    for (name, table) in tables {
        for (lineno, line) in table.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 3, "{name}:{}: needs expect<TAB>brand<TAB>url", lineno + 1);
            let (expect, brand, url) = (cols[0], cols[1], cols[2]);
            n += 1;
            let v = engine().check_url(url).ok();
            if let Some(v) = &v {
                fired.extend(v.rules.iter().copied());
            }
            let got_level = v.as_ref().map(|v| v.level);
            let got_brand = v.as_ref().and_then(|v| v.brand.clone()).unwrap_or_else(|| "-".into());
            let brand_ok = brand == "*" || brand == got_brand;
            if !level_matches(expect, got_level) || !brand_ok {
                failures.push(format!(
                    "{name}:{}: {url}: expected {expect}/{brand}, got {}/{got_brand} ({})",
                    lineno + 1,
                    got_level.map_or("invalid", |l| l.as_str()),
                    v.map(|v| v.rule_codes()).unwrap_or_default()
                ));
            }
        }
    }
    assert!(n >= 50, "the URL tables have only {n} cases");
    // every URL rule has at least one positive case in the tables
    let unexercised: Vec<&str> =
        omamori::Rule::ALL.iter().filter(|r| r.is_url_rule() && !fired.contains(*r)).map(|r| r.code()).collect();
    assert!(unexercised.is_empty(), "URL rules with no case in urls.tsv or routes.tsv: {unexercised:?}");
    assert!(failures.is_empty(), "{} of {n} URL cases fail:\n{}", failures.len(), failures.join("\n"));
}

/// Route table (routes.tsv): beyond level and brand, the verdict's `via` (kind:brand:host, outermost first),
/// `destination` and `user_content` (issue 17).
#[test]
fn route_cases() {
    let table = include_str!("cases/routes.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for (lineno, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 6, "routes.tsv:{}: needs expect, brand, url, via, destination, user_content", lineno + 1);
        let (url, via, destination, user_content) = (cols[2], cols[3], cols[4], cols[5]);
        assert!(["yes", "no"].contains(&user_content), "routes.tsv:{}: user_content is yes or no", lineno + 1);
        n += 1;
        let Ok(v) = engine().check_url(url) else {
            failures.push(format!("routes.tsv:{}: {url}: no verdict", lineno + 1));
            continue;
        };
        let got_via = match v.via.is_empty() {
            true => "-".to_string(),
            false => v
                .via
                .iter()
                .map(|s| {
                    let kind = serde_json::to_value(s.kind).ok().and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default();
                    format!("{kind}:{}:{}", s.brand.as_deref().unwrap_or("-"), s.host)
                })
                .collect::<Vec<_>>()
                .join(","),
        };
        let got_destination = v.destination.as_deref().unwrap_or("-");
        let got_user_content = if v.user_content { "yes" } else { "no" };
        let mut why = Vec::new();
        if got_via != via {
            why.push(format!("via {got_via} (expected {via})"));
        }
        if got_destination != destination {
            why.push(format!("destination {got_destination} (expected {destination})"));
        }
        if got_user_content != user_content {
            why.push(format!("user_content {got_user_content} (expected {user_content})"));
        }
        // what the verdict says of a user-content page and of a route is said in words too, in both languages
        for (flag, code) in [(v.user_content, "user-content-on-platform"), (!v.via.is_empty() && v.via[0].kind != omamori::route::ViaKind::Userinfo, "via-")] {
            if flag && !v.reasons.iter().any(|r| r.code.starts_with(code) || r.code == "redirect-destination-hidden") {
                why.push(format!("no {code} reason ({})", v.rule_codes()));
            }
        }
        if !why.is_empty() {
            failures.push(format!("routes.tsv:{}: {url}: {}", lineno + 1, why.join("; ")));
        }
    }
    assert!(n >= 40, "the route table has only {n} cases");
    assert!(failures.is_empty(), "{} of {n} route cases fail:\n{}", failures.len(), failures.join("\n"));
}

#[derive(Deserialize)]
struct PageCase {
    name: String,
    expect: String,
    #[serde(default)]
    brand: Option<String>,
    /// rule codes that must be among the verdict's
    #[serde(default)]
    rules: Vec<String>,
    /// field kinds that must be found, in input order
    #[serde(default)]
    fields: Option<Vec<String>>,
    /// the step of a scam the verdict must name (`-` for none)
    #[serde(default)]
    step: Option<String>,
    /// the brand the verdict's `claim` must be (`-` for none)
    #[serde(default)]
    claim: Option<String>,
    facts: PageFacts,
}

#[derive(Deserialize)]
struct PageTable {
    case: Vec<PageCase>,
}

#[test]
fn page_cases() {
    check_page_table("pages.toml", include_str!("cases/pages.toml"), 20);
}

/// Pages on a platform's space for others' content and behind a proxy (issue 17).
#[test]
fn platform_page_cases() {
    check_page_table("platform-pages.toml", include_str!("cases/platform-pages.toml"), 5);
}

/// Every case of a page table (schema of pages.toml) must give its level, brand, rules and fields.
fn check_page_table(name: &str, text: &str, min: usize) {
    let table: PageTable = toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut failures = Vec::new();
    let n = table.case.len();
    for c in table.case {
        let v = engine().check_page(c.facts).ok();
        let level = v.as_ref().map(|v| v.level);
        let brand = v.as_ref().and_then(|v| v.brand.clone());
        let mut why = Vec::new();
        if !level_matches(&c.expect, level) {
            why.push(format!("level {} (expected {})", level.map_or("invalid", |l| l.as_str()), c.expect));
        }
        if let Some(b) = &c.brand {
            if brand.as_deref().unwrap_or("-") != b {
                why.push(format!("brand {:?} (expected {b})", brand));
            }
        }
        if let Some(v) = &v {
            let codes = v.rule_codes();
            for r in &c.rules {
                if !v.rules.iter().any(|x| x.code() == r) {
                    why.push(format!("rule {r} missing ({codes})"));
                }
            }
            if let Some(expected) = &c.step {
                let got = v.step.map_or("-", |s| s.code());
                if got != expected {
                    why.push(format!("step {got} (expected {expected})"));
                }
            }
            if let Some(expected) = &c.claim {
                let got = v.claim.as_deref().unwrap_or("-");
                if got != expected {
                    why.push(format!("claim {got} (expected {expected})"));
                }
            }
            if let Some(expected) = &c.fields {
                let got: Vec<&str> = v.fields.iter().map(|f| f.kind.code()).collect();
                if got != expected.iter().map(String::as_str).collect::<Vec<_>>() {
                    why.push(format!("fields {got:?} (expected {expected:?})"));
                }
            }
        }
        if !why.is_empty() {
            failures.push(format!("{}: {}", c.name, why.join("; ")));
        }
    }
    assert!(n >= min, "{name} has only {n} cases");
    assert!(failures.is_empty(), "{} of {n} cases of {name} fail:\n{}", failures.len(), failures.join("\n"));
}

/// Field table: one input per row and the kind expected (`-` for not sensitive). Every row must classify
/// right; the count is the accuracy reported in the README.
#[test]
fn field_cases() {
    let table = include_str!("cases/fields.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for (lineno, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let col = |i: usize| c.get(i).copied().unwrap_or("").to_string();
        n += 1;
        let input = omamori::InputFacts {
            tag: col(1),
            input_type: col(2),
            name: col(3),
            label: col(4),
            placeholder: col(5),
            autocomplete: col(6),
            maxlength: col(7).trim().parse().ok(),
            ..Default::default()
        };
        let facts = PageFacts { url: "https://forms.example/".into(), inputs: vec![input], ..Default::default() };
        let v = engine().check_page(facts).expect("verdict");
        let got = v.fields.first().map_or("-", |f| f.kind.code());
        if got != c[0] {
            failures.push(format!("fields.tsv:{}: {:?} expected {}, got {got}", lineno + 1, &c[1..], c[0]));
        }
    }
    assert!(n >= 60, "only {n} field cases");
    assert!(failures.is_empty(), "{} of {n} field cases fail:\n{}", failures.len(), failures.join("\n"));
}
