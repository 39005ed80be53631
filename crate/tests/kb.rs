//! The knowledge base as data: validated against the vendored public suffix list, and checked through the
//! engine: every official domain is `safe` for its own brand, every namesake is not.
use omamori::{Engine, Level};
use std::collections::HashSet;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new().expect("engine"))
}

#[test]
fn data_has_no_problems() {
    let problems = engine().kb().problems(engine().suffix_list());
    assert!(problems.is_empty(), "{} problems in brands.toml:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn coverage() {
    let brands = engine().brands();
    assert!(brands.len() >= 150, "only {} brands", brands.len());
    // the seeds' organisations (../shared/seeds) must be there, with the domains the seeds print
    for (id, domain) in [
        ("micard", "micard.co.jp"),
        ("webmoney", "webmoney.jp"),
        ("webmoney", "webmoney.ne.jp"),
        ("aplus", "aplus.co.jp"),
        ("paypay_bank", "japannetbank.co.jp"),
        ("paypay_bank", "paypay-bank.co.jp"),
        ("vandle", "vandle.jp"),
    ] {
        let b = engine().kb().get(id).unwrap_or_else(|| panic!("brand {id} missing"));
        assert!(b.domains.iter().any(|d| d.name == domain), "{id} lacks {domain}");
    }
    let micard = engine().kb().get("micard").unwrap();
    for h in ["www1.micard.co.jp", "www2.micard.co.jp"] {
        assert!(micard.input_hosts.contains(h), "micard input host {h}");
    }
    assert!(micard.phones.iter().any(|p| p.number == "0570-05-2211"));
    assert!(engine().kb().get("aplus").unwrap().phones.iter().any(|p| p.number == "0570-008-789"));
}

#[test]
fn official_domains_are_safe_for_their_brand_whatever_the_path() {
    let mut failures = Vec::new();
    for b in engine().brands() {
        for d in b.domains {
            for url in [
                format!("https://{}/", d.name),
                format!("https://www.{}/login?next=/card#top", d.name),
                format!("http://WWW.{}./", d.name.to_uppercase()),
                format!("https://a.b.{}:443/x/y", d.name),
            ] {
                match engine().check_url(&url) {
                    Ok(v) if v.level == Level::Safe && v.brand.as_deref() == Some(b.id) => {}
                    other => failures.push(format!("{url}: {:?}", other.map(|v| (v.level, v.brand)))),
                }
            }
        }
        for u in std::iter::once(&b.top).chain(b.login.iter()).chain(b.phishing_info.iter()) {
            match engine().check_url(u) {
                Ok(v) if v.level == Level::Safe && v.brand.as_deref() == Some(b.id) => {}
                other => failures.push(format!("{u}: {:?}", other.map(|v| (v.level, v.brand)))),
            }
        }
    }
    assert!(failures.is_empty(), "{} official URLs not safe:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn namesakes_are_not_safe_for_the_brand() {
    let mut failures = Vec::new();
    let mut n = 0;
    for b in engine().brands() {
        for ns in b.namesakes {
            n += 1;
            let v = engine().check_url(&format!("https://{ns}/")).expect("namesake parses");
            if v.level == Level::Safe && v.brand.as_deref() == Some(b.id) {
                failures.push(format!("{ns} is safe for {}", b.id));
            }
            if v.level == Level::Danger {
                failures.push(format!("{ns} (a namesake of {}) is flagged danger: {}", b.id, v.rule_codes()));
            }
        }
    }
    assert!(n >= 3, "only {n} namesakes recorded");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn names_and_tokens_are_not_shared_between_unrelated_brands() {
    // a strong hostname token names exactly one brand, or the URL engine could not say which one is faked
    let mut seen = std::collections::HashMap::new();
    let mut clashes = Vec::new();
    for b in engine().brands() {
        for t in b.tokens {
            if let Some(other) = seen.insert(t, b.id) {
                clashes.push(format!("token `{t}`: {other} and {}", b.id));
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
    let ids: HashSet<&str> = engine().brands().iter().map(|b| b.id).collect();
    assert_eq!(ids.len(), engine().brands().len());
}

#[test]
fn aliases_find_brands() {
    // the popup's directory search: a reading or spelling a person types finds the brand through its aliases
    // (or its names), whatever the case and the spaces
    let engine = omamori::Engine::new().unwrap();
    let brands = engine.brands();
    let key = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let mut failures = Vec::new();
    for (query, id) in [
        ("みずほ", "mizuho_bank"),
        ("ミズホ", "mizuho_bank"),
        ("mizuho", "mizuho_bank"),
        ("mizuho ginkou", "mizuho_bank"),
        ("らくてん", "rakuten"),
        ("ラクテン", "rakuten"),
        ("rakuten ichiba", "rakuten"),
        ("みついすみともかーど", "smbc_card"),
        ("mitsui sumitomo", "smbc_card"),
        ("mitsui sumitomo ginko", "smbc_bank"),
        ("みつびしゆーえふじぇー", "mufg"),
        ("UFJ", "mufg"),
        ("しちじゅうしちぎんこう", "bank77"),
        ("こくぜいちょう", "nta"),
        ("kokuzeicho", "nta"),
        ("そうむしょう", "soumu"),
        ("にほんねんきんきこう", "nenkin"),
        ("やまとうんゆ", "yamato"),
        ("kuroneko yamato", "yamato"),
        ("さがわきゅうびん", "sagawa"),
        ("にっぽんゆうびん", "japanpost"),
        ("にほんゆうびん", "japanpost"),
        ("ゆうちょ", "japanpost"),
        ("えきねっと", "ekinet"),
        ("ekinet", "ekinet"),
        ("eki-net", "ekinet"),
        ("とうきょうでんりょく", "tepco"),
        ("いおん", "aeon"),
        ("アマゾン", "amazon"),
        ("アップル", "apple"),
        ("グーグル", "google"),
        ("マイクロソフト", "microsoft"),
        ("ペイパル", "paypal"),
        ("ネットフリックス", "netflix"),
        ("smbc", "smbc_bank"),
        ("jcb", "jcb"),
        ("amex", "amex"),
        ("jal", "jal"),
        ("ぜんにっくう", "ana"),
        ("ドコモ", "docomo"),
    ] {
        let Some(b) = brands.iter().find(|b| b.id == id) else {
            failures.push(format!("no brand {id}"));
            continue;
        };
        let q = key(query);
        if !b.aliases.iter().chain(b.names).chain(b.weak_names).any(|a| key(a) == q) {
            failures.push(format!("`{query}` does not find {id}"));
        }
    }
    let kana = |s: &str| s.chars().any(|c| ('\u{3041}'..='\u{3096}').contains(&c) || ('\u{30A1}'..='\u{30FA}').contains(&c));
    for b in brands {
        if !b.aliases.iter().any(&kana) {
            failures.push(format!("{} has no alias in kana", b.id));
        }
        if !b.aliases.iter().any(|a| a.is_ascii()) {
            failures.push(format!("{} has no alias in ASCII", b.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
