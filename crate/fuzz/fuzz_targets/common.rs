//! Shared by the fuzz targets: one engine, the invariants every verdict must keep, and generators of the
//! inputs the content script and the browser produce (weird URLs, long and mixed-script text, many inputs).
#![allow(dead_code)]
use arbitrary::{Arbitrary, Result, Unstructured};
use omamori::{Engine, InputFacts, Level, PageFacts, Verdict};
use std::sync::OnceLock;

pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new().expect("engine"))
}

/// What every verdict must satisfy, whatever the input.
pub fn check_verdict(v: &Verdict, n_inputs: usize) {
    for r in &v.reasons {
        assert!(!r.ja.trim().is_empty() && !r.en.trim().is_empty(), "reason {} without text", r.code);
    }
    if v.level == Level::Danger {
        assert!(v.brand.is_some() || !v.reasons.is_empty(), "danger with neither brand nor reason");
    }
    if v.level == Level::Safe {
        assert!(v.brand.is_some(), "safe without the brand that owns the site");
    }
    assert!(v.brand.is_some() == v.brand_name.is_some());
    let bound = n_inputs.min(omamori::facts::MAX_INPUTS);
    for f in &v.fields {
        assert!(f.index < bound, "field index {} out of {bound}", f.index);
    }
    assert!(v.reasons.len() <= omamori::Rule::ALL.len());
}

/// The page verdict, with the invariants checked; also checks that the same facts give the same verdict.
pub fn run_page(facts: PageFacts) {
    let n = facts.inputs.len();
    let again = facts.clone();
    let a = engine().check_page(facts);
    if let Ok(v) = &a {
        check_verdict(v, n);
    }
    let b = engine().check_page(again);
    assert_eq!(a.ok(), b.ok(), "check_page is not deterministic");
}

/// The URL verdict, with the invariants checked, twice (deterministic). `OMAMORI_FUZZ_SHOW=1` prints each URL
/// (to see what a crashing input was turned into: `OMAMORI_FUZZ_SHOW=1 target/.../check_url crash-…`).
pub fn run_url(url: &str) {
    if std::env::var_os("OMAMORI_FUZZ_SHOW").is_some() {
        eprintln!("URL {url:?}");
    }
    let a = engine().check_url(url);
    if let Ok(v) = &a {
        check_verdict(v, 0);
        assert!(v.fields.is_empty());
    }
    let b = engine().check_url(url);
    assert_eq!(a.ok(), b.ok(), "check_url is not deterministic");
}

const SCHEMES: &[&str] = &[
    "https://", "http://", "HTTPS://", "hTtP://", "", "//", "data:text/html,", "blob:https://", "about:blank",
    "about:srcdoc", "file:///", "javascript:", "ftp://", "ws://", "chrome-extension://", "view-source:https://",
    "https:", "https:/", "https:\\\\", " https://", "\thttps://", "mailto:",
];
const LABELS: &[&str] = &[
    "www", "www1", "www2", "micard", "smbc", "rakuten", "amazon", "aplus", "apius", "eposcard", "mufg", "jcb",
    "paypay-bank", "japannetbank", "webmoney", "vandle", "aeon", "au", "docomo", "sagawa-exp", "kuronekoyamato",
    "login", "secure", "verify", "account", "update", "kwtqq", "x7k2p9", "bcdfghk", "co", "jp", "ne", "or", "com",
    "xn--", "xn--zz", "xn--80ak6aa92e", "xn--rakutn-tva", "xn--c-xga", "rnicard", "arnazon", "ｍｉｃａｒｄ",
    "аmazon", "rakutën", "楽天", "三井住友", "ドコモ", "エムアイカード", "\u{200b}", "\u{202e}", "-", "_", "a-",
    "-a", "0", "127", "255", "999", "0x7f", "%41", "%2e", "%00", "..", "*", "@", ":", "localhost", "workers",
    "dev", "pages", "github", "io", "duckdns", "org", "xyz", "top", "cn", "ltd", "example", "co.jp", "ne.jp",
];
const SUFFIXES: &[&str] = &[
    ".co.jp", ".com", ".jp", ".ne.jp", ".or.jp", ".xyz", ".top", ".cn", ".workers.dev", ".pages.dev",
    ".github.io", ".duckdns.org", ".ltd", ".co", ".", "..", "", ".com.", ".ｃｏｍ", ".みんな", ".xn--zckzah",
];
const HOSTS: &[&str] = &[
    "[::1]", "[fe80::1]", "[2001:db8::1]", "[::ffff:192.168.0.1]", "[::1%25eth0]", "192.168.0.1", "203.0.113.5",
    "0x7f.0.0.1", "2130706433", "0177.0.0.1", "1.2.3", "256.256.256.256", "[", "]", "[::1", "xn--",
    "xn--ls8h", "a..b", ".", "", "localhost",
];
const PATHS: &[&str] = &[
    "/", "/login", "/app/login", "/card", "/?q=1", "#frag", "/a/b?c=d#e", "/%E3%83%AD", "/..%2f..",
    "/index.php?id=micard.co.jp", "?", "#", "/\u{3000}", "\\", "/?url=https://www.micard.co.jp/",
];
const WORDS: &[&str] = &[
    "カード番号", "暗証番号", "セキュリティコード", "有効期限", "ログインID", "パスワード", "ワンタイムパスワード",
    "メールボックス番号", "プリペイド番号", "口座番号", "合言葉", "マイナンバー", "ご利用確認", "本人確認",
    "24時間以内", "利用停止", "緊急", "現金化", "90%OFF", "エムアイカード", "MI CARD", "三井住友カード",
    "楽天カード", "Amazon", "ａｍａｚｏｎ", "Аmazon", "JCB", "VISA", "Mastercard", "AMEX", "WebMoney", "PayPay",
    "ゆうちょ", "佐川急便", "ヤマト運輸", "NTTドコモ", "au", "© MI Card Co., Ltd.", "Copyright", "card number",
    "PIN", "CVV", "cvc", "exp", "password", "login", "verify", "search", "検索", "お問い合わせ", "ニュース",
    "天気", "\u{200b}", "\u{feff}", "\u{202e}", "\u{0301}", "\u{e0001}", "ｶｰﾄﾞ番号", "ﾊﾟｽﾜｰﾄﾞ", "　", " ", "\n",
    "\t", "\u{10ffff}", "\u{fffd}", "ǅ", "ß", "İ", "ﬃ", "ẞ", "🎌", "👨‍👩‍👧", "𠮷", "",
];
const ATTRS: &[&str] = &[
    "cardNumber", "card_no", "cc-number", "cc-exp", "cc-csc", "ccnum", "cvc", "pin", "pin1", "otp", "password",
    "pass", "email", "tel", "loginId", "user", "q", "query", "search", "keyword", "month", "year", "mm", "yy",
    "yyyy", "numeric", "one-time-code", "current-password", "username", "cc-exp-month", "",
];
const TAGS: &[&str] = &["input", "select", "textarea", "INPUT", "Select", "button", "contenteditable", ""];
const TYPES: &[&str] = &[
    "text", "tel", "number", "password", "email", "hidden", "submit", "search", "select-one", "checkbox", "file", "",
    "PASSWORD", "Text",
];

fn pick<'a>(u: &mut Unstructured, from: &[&'a str]) -> Result<&'a str> {
    Ok(from[u.choose_index(from.len())?])
}

/// A string: a dictionary word, arbitrary text, a mix, or a repetition of either up to `max` bytes.
pub fn text(u: &mut Unstructured, dict: &[&str], max: usize) -> Result<String> {
    Ok(match u.int_in_range(0u8..=5)? {
        0 => pick(u, dict)?.to_string(),
        1 => String::arbitrary(u)?,
        2 => {
            let n = u.int_in_range(1..=6)?;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(pick(u, dict)?);
                if u.ratio(1, 3)? {
                    s.push_str(&String::arbitrary(u)?);
                }
            }
            s
        }
        3 => {
            // long (up to `max` bytes: 1 MB for the page text), to check that the work stays bounded
            let piece = if u.arbitrary()? { pick(u, dict)?.to_string() } else { String::arbitrary(u)? };
            let times = u.int_in_range(1usize..=max)?;
            piece.repeat(times.min(max / piece.len().max(1)))
        }
        4 => String::new(),
        _ => {
            let c: char = u.arbitrary()?;
            let times = u.int_in_range(1usize..=max / 4)?;
            std::iter::repeat(c).take(times).collect()
        }
    })
}

/// A URL as a browser or a content script may report it: any scheme, userinfo, IDN, IP literals, long hosts.
pub fn url(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 8)? {
        return String::arbitrary(u);
    }
    let mut s = pick(u, SCHEMES)?.to_string();
    if u.ratio(1, 6)? {
        s.push_str(&text(u, LABELS, 300)?);
        s.push('@');
    }
    if u.ratio(1, 6)? {
        s.push_str(pick(u, HOSTS)?);
    } else {
        let n = u.int_in_range(1..=8)?;
        for i in 0..n {
            if i > 0 {
                s.push(*u.choose(&['.', '-', '_', '.', '.'])?);
            }
            if u.ratio(1, 10)? {
                s.push_str(&text(u, LABELS, 300)?);
            } else {
                s.push_str(pick(u, LABELS)?);
            }
        }
        s.push_str(pick(u, SUFFIXES)?);
    }
    if u.ratio(1, 5)? {
        let port: u32 = u.int_in_range(0..=70_000)?;
        s.push(':');
        s.push_str(&port.to_string());
    }
    s.push_str(pick(u, PATHS)?);
    if u.ratio(1, 6)? {
        s.push_str(&String::arbitrary(u)?);
    }
    Ok(s)
}

fn list(u: &mut Unstructured, dict: &[&str], max: usize) -> Result<Vec<String>> {
    let n = if u.ratio(1, 20)? { u.int_in_range(0..=max * 4)? } else { u.int_in_range(0..=max.min(8))? };
    (0..n).map(|_| text(u, dict, 2_000)).collect()
}

fn urls(u: &mut Unstructured, max: usize) -> Result<Vec<String>> {
    let n = if u.ratio(1, 20)? { u.int_in_range(0..=max * 4)? } else { u.int_in_range(0..=max.min(6))? };
    (0..n).map(|_| url(u)).collect()
}

pub fn input(u: &mut Unstructured) -> Result<InputFacts> {
    Ok(InputFacts {
        tag: pick(u, TAGS)?.to_string(),
        input_type: if u.ratio(1, 10)? { text(u, TYPES, 1_000)? } else { pick(u, TYPES)?.to_string() },
        name: text(u, ATTRS, 1_000)?,
        id: text(u, ATTRS, 1_000)?,
        autocomplete: text(u, ATTRS, 1_000)?,
        inputmode: pick(u, &["numeric", "tel", "text", "", "NUMERIC"])?.to_string(),
        maxlength: if u.arbitrary()? { Some(u.arbitrary()?) } else { None },
        placeholder: text(u, WORDS, 1_000)?,
        aria_label: text(u, WORDS, 1_000)?,
        label: text(u, WORDS, 1_000)?,
        context: text(u, WORDS, 1_000)?,
        form_action: if u.arbitrary()? { url(u)? } else { String::new() },
    })
}

/// Facts as the content script reports them, with every field possibly huge, empty or strange.
pub fn page_facts(u: &mut Unstructured) -> Result<PageFacts> {
    let n_inputs = match u.int_in_range(0u8..=9)? {
        0 => u.int_in_range(0..=6_000)?,
        _ => u.int_in_range(0..=12)?,
    };
    let mut inputs = Vec::with_capacity(n_inputs.min(64));
    let mut last: Option<InputFacts> = None;
    for _ in 0..n_inputs {
        // many inputs are copies of one another on real pages (and that keeps big pages cheap to describe)
        let next = match &last {
            Some(l) if u.ratio(3, 4).unwrap_or(true) => l.clone(),
            _ => input(u)?,
        };
        last = Some(next.clone());
        inputs.push(next);
    }
    Ok(PageFacts {
        url: url(u)?,
        top_url: if u.ratio(1, 4)? { Some(url(u)?) } else { None },
        is_top: u.arbitrary()?,
        title: text(u, WORDS, 100_000)?,
        site_name: text(u, WORDS, 10_000)?,
        headings: list(u, WORDS, 20)?,
        image_alts: list(u, WORDS, 30)?,
        footer_text: text(u, WORDS, 100_000)?,
        text: text(u, WORDS, 1_000_000)?,
        form_actions: urls(u, 20)?,
        resource_urls: urls(u, 50)?,
        logos: list(u, ATTRS, 40)?,
        favicon: if u.arbitrary()? { url(u)? } else { String::new() },
        buttons: list(u, WORDS, 30)?,
        top_claim: if u.ratio(1, 8)? { Some(pick(u, &["micard", "paypal", "amazon", "", "nope", "jcb"])?.to_string()) } else { None },
        inputs,
    })
}
