//! Property tests (proptest): what must hold for every input, not only for the rows of the case tables.
//!
//! - every official domain of every brand is `safe` for that brand, whatever the subdomain, path, query,
//!   fragment, letter case, default port (443 / 80) or trailing dot;
//! - adding harmless text (neutral news paragraphs in Japanese or English, neutral headings, a search box) to a
//!   page's facts never raises its level;
//! - every `danger` names a brand or carries a danger rule whose reason a person can read (ja and en non-empty,
//!   no empty quotes where a brand or domain should be);
//! - check_url never panics and is deterministic (also across two engines); check_page never panics on
//!   arbitrary facts;
//! - very long inputs are cut to the engine's documented bounds (facts.rs, host.rs, text.rs).
use omamori::facts::{MAX_FIELD_CHARS, MAX_INPUTS, MAX_LIST, MAX_TEXT_CHARS};
use omamori::host::MAX_HOST_LEN;
use omamori::verdict::Severity;
use omamori::{Engine, InputFacts, Level, PageFacts, Rule, Verdict};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde::Deserialize;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new().expect("engine"))
}

/// A second engine, to show that verdicts do not depend on one instance's hash seeds or caches.
fn engine2() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new().expect("engine"))
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
        ..Config::default()
    }
}

#[derive(Deserialize)]
struct PageCase {
    facts: PageFacts,
}

#[derive(Deserialize)]
struct PageTable {
    case: Vec<PageCase>,
}

/// The page facts of the case table (tests/cases/pages.toml): real shapes to start from.
fn case_pages() -> &'static [PageFacts] {
    static P: OnceLock<Vec<PageFacts>> = OnceLock::new();
    P.get_or_init(|| {
        let t: PageTable = toml::from_str(include_str!("cases/pages.toml")).expect("pages.toml");
        t.case.into_iter().map(|c| c.facts).collect()
    })
}

/// The URLs of the case table (tests/cases/urls.tsv).
fn case_urls() -> &'static [String] {
    static U: OnceLock<Vec<String>> = OnceLock::new();
    U.get_or_init(|| {
        include_str!("cases/urls.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(2).map(str::to_string))
            .collect()
    })
}

/// Every official domain with its brand id.
fn official_domains() -> &'static [(String, String)] {
    static D: OnceLock<Vec<(String, String)>> = OnceLock::new();
    D.get_or_init(|| {
        engine()
            .brands()
            .iter()
            .flat_map(|b| b.domains.iter().map(move |d| (b.id.to_string(), d.name.to_string())))
            .collect()
    })
}

/// The names from the input itself that a reason may quote: the host of `what` when it is a URL, and its labels,
/// as written in the URL, in ASCII and in Unicode, longest first. Their characters are the input's, not the
/// reason's template: a host may hold `(`, `)` or `"` (`xn--()d}-nfa143…`).
fn input_names(what: &str) -> Vec<String> {
    // (an address without a scheme is read as https, as the engine reads it)
    let parsed = url::Url::parse(what).ok().filter(|u| u.host_str().is_some());
    let parsed = parsed.or_else(|| url::Url::parse(&format!("https://{what}")).ok());
    let Some(host) = parsed.and_then(|u| u.host_str().map(str::to_string)) else {
        return Vec::new();
    };
    let (unicode, _) = idna::domain_to_unicode(&host);
    let mut names: Vec<String> = [host.as_str(), unicode.as_str()]
        .iter()
        .flat_map(|h| std::iter::once(h.to_string()).chain(h.split('.').map(str::to_string)))
        .filter(|n| !n.is_empty())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// What a person must be able to read in every verdict; and a danger must name a brand or a danger rule.
fn assert_readable(v: &Verdict, what: &str) {
    // the input's names, and those the verdict itself names (its host and domain: for a page, they may come from
    // another address of its facts)
    let mut names = input_names(what);
    for own in [Some(v.host.as_str()), v.registrable_domain.as_deref()].into_iter().flatten() {
        names.extend(input_names(own));
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    // the reason's own text, the input's names in it each replaced by one character
    let template = |text: &str| names.iter().fold(text.to_string(), |t, n| t.replace(n.as_str(), "x"));
    for r in &v.reasons {
        assert!(!r.ja.trim().is_empty() && !r.en.trim().is_empty(), "{what}: reason {} without text", r.code);
        // an empty name where a brand, domain or field list belongs (a host may itself hold quotes: `co."`)
        let (ja, en) = (template(&r.ja), template(&r.en));
        for (text, empty) in [(&ja, "「」"), (&ja, "()"), (&en, " \"\" "), (&en, "()"), (&en, " 's")] {
            assert!(
                !text.contains(empty),
                "{what}: reason {} has an empty {empty}: {} / {}",
                r.code,
                r.ja,
                r.en
            );
        }
    }
    if v.level == Level::Danger {
        let named = v.brand.is_some() && v.brand_name.as_ref().is_some_and(|n| !n.ja.is_empty() && !n.en.is_empty());
        let rule = v.reasons.iter().any(|r| r.severity == Severity::Danger);
        assert!(named || rule, "{what}: danger with no brand and no danger rule: {v:?}");
    }
}

// ------------------------------------------------------------------------------------------- strategies
fn url_tail() -> impl Strategy<Value = String> {
    (
        prop::option::of("[a-zA-Z0-9._~%/-]{0,40}"),
        prop::option::of("\\PC{0,30}"),
        prop::option::of("\\PC{0,20}"),
    )
        .prop_map(|(path, query, frag)| {
            let mut s = String::from("/");
            if let Some(p) = path {
                s.push_str(p.trim_start_matches('/'));
            }
            if let Some(q) = query {
                s.push('?');
                s.push_str(&q.replace('#', "%23"));
            }
            if let Some(f) = frag {
                s.push('#');
                s.push_str(&f);
            }
            s
        })
}

fn recase(s: &str, mask: u64) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| if mask >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
        .collect()
}

/// A URL string: one of the case table's, a mutation of one, a host made of brand-ish pieces, or any text.
fn any_url() -> impl Strategy<Value = String> {
    let n = case_urls().len();
    prop_oneof![
        (0..n).prop_map(|i| case_urls()[i].clone()),
        ((0..n), "\\PC{0,12}", 0usize..64).prop_map(|(i, ins, at)| {
            let u = &case_urls()[i];
            let at = (0..=at.min(u.len())).rev().find(|&k| u.is_char_boundary(k)).unwrap_or(0);
            format!("{}{}{}", &u[..at], ins, &u[at..])
        }),
        (
            prop::sample::select(vec!["https://", "http://", "", "//", "data:", "blob:https://", "file:///", "about:"]),
            prop::collection::vec(
                prop::sample::select(vec![
                    "micard", "co", "jp", "com", "smbc", "login", "secure", "xn--", "rnicard", "amazon", "аmazon",
                    "楽天", "ｍｉｃａｒｄ", "kwtqq", "workers", "dev", "[::1]", "127.0.0.1", "-", "x7k2p9", "", "%2e",
                ]),
                1..8,
            ),
            prop::sample::select(vec![".", "-", "_"]),
            url_tail(),
        )
            .prop_map(|(scheme, labels, sep, tail)| format!("{scheme}{}{tail}", labels.join(sep))),
        "\\PC{0,200}",
        any::<Vec<u8>>().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

const NEUTRAL_JA: &[&str] = &[
    "今日は全国的に晴れて、日中は気温が上がる見込みです。",
    "週末は各地で紅葉が見ごろを迎え、多くの人が公園を訪れました。",
    "鍋に水と昆布を入れて、弱火でゆっくり温めます。",
    "図書館では子ども向けの読み聞かせ会が毎週開かれています。",
    "新しい広場には、季節の花が植えられました。",
    "大根と人参を薄く切り、塩をふって少し置きます。",
    "地域の祭りは三年ぶりに通常の形で行われました。",
    "朝晩は冷え込むので、上着があると安心です。",
];
const NEUTRAL_EN: &[&str] = &[
    "The weather will be mild this weekend, with light rain in the north.",
    "Slice the onions thinly and cook them slowly until golden.",
    "The city library has opened a new reading room for children.",
    "Local farmers expect a good rice harvest this year.",
    "The museum will extend its opening hours during the summer festival.",
];
const NEUTRAL_HEADINGS: &[&str] = &["今日の天気", "季節のレシピ", "地域のできごと", "Weather", "Recipes", "お知らせ一覧"];

fn neutral_paragraphs() -> impl Strategy<Value = String> {
    let all: Vec<&'static str> = NEUTRAL_JA.iter().chain(NEUTRAL_EN).copied().collect();
    prop::collection::vec(prop::sample::select(all), 1..12).prop_map(|v| v.join("\n"))
}

#[derive(Debug, Clone)]
enum Harmless {
    /// paragraphs appended to the visible text
    AppendText(String),
    /// paragraphs put before the visible text (the text is then cut to its bound: a page may only lose words)
    PrependText(String),
    Headings(Vec<&'static str>),
    SearchBox,
    SiteSearch,
}

fn harmless() -> impl Strategy<Value = Harmless> {
    prop_oneof![
        neutral_paragraphs().prop_map(Harmless::AppendText),
        neutral_paragraphs().prop_map(Harmless::PrependText),
        prop::collection::vec(prop::sample::select(NEUTRAL_HEADINGS.to_vec()), 1..4).prop_map(Harmless::Headings),
        Just(Harmless::SearchBox),
        Just(Harmless::SiteSearch),
    ]
}

fn apply(f: &mut PageFacts, h: &Harmless) {
    match h {
        Harmless::AppendText(t) => {
            if !f.text.is_empty() {
                f.text.push('\n');
            }
            f.text.push_str(t);
        }
        Harmless::PrependText(t) => f.text = format!("{t}\n{}", f.text),
        Harmless::Headings(hs) => f.headings.extend(hs.iter().map(|h| h.to_string())),
        Harmless::SearchBox => f.inputs.push(InputFacts {
            tag: "input".into(),
            input_type: "search".into(),
            name: "q".into(),
            placeholder: "サイト内検索".into(),
            ..Default::default()
        }),
        Harmless::SiteSearch => f.inputs.push(InputFacts {
            tag: "input".into(),
            input_type: "text".into(),
            name: "keyword".into(),
            aria_label: "Search this site".into(),
            ..Default::default()
        }),
    }
}

fn any_input() -> impl Strategy<Value = InputFacts> {
    let s = || "\\PC{0,40}";
    (
        (prop::sample::select(vec!["input", "select", "textarea", ""]), prop::sample::select(vec!["text", "tel", "password", "email", "search", "hidden", ""])),
        (s(), s(), s(), prop::option::of(any::<i64>())),
        (
            prop::sample::select(vec!["カード番号", "暗証番号", "パスワード", "セキュリティコード", "ログインID", "有効期限", "メールボックス番号", ""]),
            s(),
            s(),
        ),
    )
        .prop_map(|((tag, ty), (name, id, autocomplete, maxlength), (label, context, form_action))| InputFacts {
            tag: tag.into(),
            input_type: ty.into(),
            name,
            id,
            autocomplete,
            maxlength,
            label: label.into(),
            context,
            form_action,
            ..Default::default()
        })
}

fn any_facts() -> impl Strategy<Value = PageFacts> {
    (
        (any_url(), prop::option::of(any_url()), "\\PC{0,60}", "\\PC{0,300}"),
        (
            prop::collection::vec("\\PC{0,30}", 0..6),
            prop::collection::vec(prop::sample::select(vec!["MI CARD", "VISA", "JCB", "楽天カード", "Amazon", "logo"]), 0..6),
        ),
        (prop::collection::vec(any_url(), 0..4), prop::collection::vec(any_url(), 0..4)),
        prop::collection::vec(any_input(), 0..12),
    )
        .prop_map(|((url, top_url, title, text), (headings, alts), (form_actions, resource_urls), inputs)| PageFacts {
            url,
            top_url,
            title,
            text,
            headings,
            image_alts: alts.into_iter().map(String::from).collect(),
            form_actions,
            resource_urls,
            inputs,
            ..Default::default()
        })
}

// ----------------------------------------------------------------------------------------------- tests
proptest! {
    #![proptest_config(config(768))]

    #[test]
    fn official_hosts_are_safe(
        i in 0..official_domains().len(),
        sub in prop::option::of("[a-z0-9]([a-z0-9-]{0,12}[a-z0-9])?".prop_filter("no xn-- label", |s| s.get(2..4) != Some("--"))),
        www in any::<bool>(),
        https in any::<bool>(),
        port in any::<bool>(),
        dot in any::<bool>(),
        case_mask in any::<u64>(),
        tail in url_tail(),
    ) {
        let (id, domain) = &official_domains()[i];
        let mut host = domain.clone();
        if www {
            host = format!("www.{host}");
        }
        if let Some(s) = sub {
            host = format!("{s}.{host}");
        }
        if dot {
            host.push('.');
        }
        let host = recase(&host, case_mask);
        let scheme = recase(if https { "https" } else { "http" }, case_mask.rotate_left(7));
        let port = match (port, https) { (false, _) => "", (true, true) => ":443", (true, false) => ":80" };
        let url = format!("{scheme}://{host}{port}{tail}");
        let v = engine().check_url(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
        if v.user_content || v.via.iter().any(|s| s.kind != omamori::route::ViaKind::Userinfo) {
            // a platform's space for others' pages, or a way on to another address (data/platforms.toml): never
            // the platform's own page, and said so
            prop_assert!(v.level != Level::Safe || v.destination.is_some(), "{}: {}", url, v.rule_codes());
            prop_assert!(v.rules.iter().any(|r| matches!(r, Rule::UserContentOnPlatform | Rule::ViaRedirect | Rule::ViaProxy | Rule::RedirectHidden)));
            return Ok(());
        }
        prop_assert_eq!(v.level, Level::Safe, "{}: {}", url, v.rule_codes());
        // the brand that owns the host (a more specific official domain of another brand may own a subdomain)
        let b = engine().kb().get(v.brand.as_deref().unwrap_or("")).expect("brand");
        let owned = b.id == *id || b.domains.iter().any(|d| host.to_ascii_lowercase().trim_end_matches('.').ends_with(&d.name));
        prop_assert!(owned, "{}: safe for {} instead of {}", url, b.id, id);
        assert_readable(&v, &url);
        // the page on an official host is safe too, whatever it shows
        let p = engine().check_page(PageFacts { url: url.clone(), ..case_pages()[i % case_pages().len()].clone() }).unwrap();
        prop_assert_eq!(p.level, Level::Safe, "page at {}", url);
    }
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn harmless_text_never_raises_the_level(
        i in 0..case_pages().len(),
        changes in prop::collection::vec(harmless(), 1..5),
    ) {
        let base = &case_pages()[i];
        let before = engine().check_page(base.clone()).map(|v| v.level).ok();
        let mut f = base.clone();
        for h in &changes {
            apply(&mut f, h);
        }
        let after = engine().check_page(f).map(|v| v.level).ok();
        prop_assert!(after <= before, "page {} ({}): {:?} -> {:?} after {:?}", i, base.url, before, after, changes);
    }

    #[test]
    fn harmless_text_never_raises_the_level_of_any_page(
        f in any_facts(),
        changes in prop::collection::vec(harmless(), 1..4),
    ) {
        let before = engine().check_page(f.clone()).map(|v| v.level).ok();
        let mut g = f.clone();
        for h in &changes {
            apply(&mut g, h);
        }
        let after = engine().check_page(g).map(|v| v.level).ok();
        prop_assert!(after <= before, "{:?} -> {:?} after {:?} on {:?}", before, after, changes, f);
    }

    #[test]
    fn check_url_is_total_deterministic_and_readable(url in any_url()) {
        let a = engine().check_url(&url);
        let b = engine().check_url(&url);
        let c = engine2().check_url(&url);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &c);
        if let Ok(v) = &a {
            assert_readable(v, &url);
            prop_assert!(v.fields.is_empty());
            prop_assert!(v.host.chars().count() <= MAX_HOST_LEN, "host of {} chars", v.host.chars().count());
        }
    }

    #[test]
    fn check_page_is_total_deterministic_and_readable(f in any_facts()) {
        let n = f.inputs.len();
        let a = engine().check_page(f.clone());
        let b = engine2().check_page(f.clone());
        prop_assert_eq!(&a, &b);
        if let Ok(v) = &a {
            assert_readable(v, &f.url);
            prop_assert!(v.fields.iter().all(|x| x.index < n));
        }
    }

    #[test]
    fn case_pages_with_any_url_are_readable(i in 0..case_pages().len(), url in any_url()) {
        let f = PageFacts { url: url.clone(), ..case_pages()[i].clone() };
        if let Ok(v) = engine().check_page(f) {
            assert_readable(&v, &url);
        }
    }
}

// ------------------------------------------------------------------------------------------- bounds
fn huge_page() -> PageFacts {
    let card = InputFacts { tag: "input".into(), input_type: "tel".into(), name: "cn".into(), label: "カード番号".into(), ..Default::default() };
    let filler = InputFacts {
        tag: "input".into(),
        input_type: "text".into(),
        name: "f".into(),
        label: "項目".repeat(400),
        context: "x".repeat(5_000),
        ..Default::default()
    };
    let mut inputs = vec![filler; 5_000];
    // a card-number box beyond the bound: never looked at
    inputs[MAX_INPUTS + 100] = card.clone();
    PageFacts {
        url: format!("https://{}.example.com/{}", "a".repeat(2_000), "p".repeat(100_000)),
        title: "タイトル".repeat(10_000),
        text: "あ".repeat(1_000_000),
        footer_text: "©".repeat(50_000),
        headings: vec!["見出し".repeat(1_000); 1_000],
        image_alts: vec!["alt".repeat(1_000); 1_000],
        form_actions: vec![format!("https://{}.example/", "b".repeat(300)); 1_000],
        resource_urls: vec![format!("https://{}.example/x.png", "c".repeat(300)); 1_000],
        inputs,
        ..Default::default()
    }
}

#[test]
fn facts_are_cut_to_their_documented_bounds() {
    let f = huge_page().bounded();
    assert!(f.inputs.len() <= MAX_INPUTS);
    for list in [&f.headings, &f.image_alts, &f.form_actions, &f.resource_urls] {
        assert!(list.len() <= MAX_LIST);
        assert!(list.iter().all(|s| s.chars().count() <= MAX_FIELD_CHARS));
    }
    assert!(f.text.chars().count() <= MAX_TEXT_CHARS);
    assert!(f.title.chars().count() <= MAX_FIELD_CHARS);
    assert!(f.footer_text.chars().count() <= 1_000);
    assert!(f.url.chars().count() <= 4_096);
    for i in &f.inputs {
        for s in [&i.label, &i.context, &i.name, &i.placeholder, &i.form_action] {
            assert!(s.chars().count() <= MAX_FIELD_CHARS);
        }
    }
}

#[test]
fn a_huge_page_is_judged_within_the_bounds() {
    let v = engine().check_page(huge_page()).expect("verdict");
    assert!(v.fields.iter().all(|f| f.index < MAX_INPUTS), "a field beyond the input bound was classified");
    assert!(v.host.chars().count() <= MAX_HOST_LEN);
    assert_readable(&v, "huge page");
}

#[test]
fn text_folding_is_bounded() {
    // fold looks at the first text::MAX_TEXT_CHARS characters of any text (NFKC may then expand a character)
    let bound = omamori::text::MAX_TEXT_CHARS;
    let long = "Ａ".repeat(bound * 5);
    assert_eq!(omamori::text::fold(&long).chars().count(), bound);
    assert!(omamori::text::fold_confusable(&long).chars().count() <= bound * 2);
    let expanding = "\u{FDFA}".repeat(bound * 2); // NFKC: 18 characters each
    assert!(omamori::text::fold(&expanding).chars().count() <= bound * 18);
}

#[test]
fn long_hosts_are_cut_to_the_dns_bound() {
    for url in [
        format!("https://{}.example.com/", "a".repeat(2_000)),
        format!("https://{}micard.co.jp.kwtqq.com/", "ab.".repeat(700)),
        format!("https://{}.com/", "x".repeat(70_000)),
    ] {
        if let Ok(v) = engine().check_url(&url) {
            assert!(v.host.chars().count() <= MAX_HOST_LEN, "{} chars", v.host.chars().count());
            assert_readable(&v, "long host");
        }
    }
}

// ------------------------------------------------------------------------------------- fuzz regressions
/// Found by `cargo fuzz` (check_url): a long opaque host (non-special scheme, so percent-encoded, with an
/// invalid punycode label that IDNA refuses) was cut to MAX_HOST_LEN inside a multi-byte character: panic.
#[test]
fn regression_long_host_cut_inside_a_character() {
    let url = format!(
        "chrome-extension://com-{}.docomo.xn--zz_ne.エムアイカード_xn--c-xga.ｍｉｃａｒｄ.cn/",
        "\u{e7400}".repeat(38)
    );
    let _ = engine().check_url(&url);
    let _ = engine().check_page(PageFacts { url: url.clone(), ..Default::default() });
    // the same through the host analysis directly, for hosts IDNA refuses
    for host in [format!("xn--zz.{}.com", "é".repeat(200)), format!("{}.xn--zz.com", "日本".repeat(100))] {
        let h = engine().suffix_list().host(&host);
        assert!(h.ascii.len() <= MAX_HOST_LEN);
    }
}

/// Found by the property test above: a host that holds `(` and `)` (`https:/…}/micard.weebly.com/` has the host
/// `xn--()d}-nfa143…`), quoted by the mixed-script reason, read as an empty name. The reason is right: the check
/// now leaves the input's own names out, and still looks at the rest of the text.
#[test]
fn regression_host_with_parentheses_is_not_an_empty_name() {
    let url = "https:/\u{18c9}\u{138e}\u{11310}\u{1f574}\u{23a}\u{1f574}\u{320d}\u{16fe1}\u{1d53b}\u{a5}\u{12470}}/micard.weebly.com/";
    let v = engine().check_url(url).expect("a verdict");
    let quoted = v.reasons.iter().find(|r| r.code == "mixed-script-host").expect("the mixed-script reason");
    assert!(quoted.ja.contains("()") && quoted.en.contains("()"), "{quoted:?}");
    assert!(input_names(url).iter().any(|n| n.contains("()")));
    assert_readable(&v, url);
}

/// The same without a scheme (proptest found `㈀A..`: ㈀ folds to `(ᄀ)`, the host is `xn--()a-11n`): the engine reads
/// it as https, and so must the check of its names.
#[test]
fn regression_schemeless_host_with_parentheses() {
    let v = engine().check_url("㈀A..").expect("a verdict");
    assert!(v.reasons.iter().any(|r| r.code == "mixed-script-host" && r.ja.contains("()")), "{v:?}");
    assert_readable(&v, "㈀A..");
}

/// Found at random: a page whose own address has no usable host is judged by its top page's, and the reason names
/// that host, which may hold parentheses (`xn--z()-…`): not an empty pair in the template.
#[test]
fn regression_page_named_by_its_top_pages_host_with_parentheses() {
    let card = InputFacts { tag: "input".into(), input_type: "tel".into(), name: "cn".into(), label: "カード番号".into(), ..Default::default() };
    let f = PageFacts {
        url: "dev-workers/_g.~T%D5/".into(),
        top_url: Some("http://\u{3200}z/".into()),
        inputs: vec![card],
        ..Default::default()
    };
    let v = engine().check_page(f.clone()).expect("a verdict");
    assert_readable(&v, &f.url);
}

/// The inputs issue 7 names: each gives a verdict a person can read or a clear "cannot judge" (an error the
/// façade turns into level `none`), never a panic.
#[test]
fn bad_inputs_give_a_clear_answer() {
    use omamori::CheckError;
    let long_host = format!("https://{}.example.com/", "a".repeat(2_000));
    let cases: Vec<(&str, Option<CheckError>)> = vec![
        ("", Some(CheckError::InvalidUrl)),
        ("not a url", Some(CheckError::InvalidUrl)),
        ("http://", Some(CheckError::InvalidUrl)),
        ("https://[::1", Some(CheckError::InvalidUrl)),
        ("data:text/html,<h1>hi</h1>", Some(CheckError::NoHost)),
        ("about:blank", Some(CheckError::NoHost)),
        ("about:srcdoc", Some(CheckError::NoHost)),
        ("javascript:alert(1)", Some(CheckError::NoHost)),
        ("file:///etc/passwd", Some(CheckError::NoHost)),
        ("blob:https://example.com/3f2a", None),
        ("https://[2001:db8::1]/login", None),
        ("http://[::ffff:192.168.0.1]:8080/", None),
        ("https://xn--zz.example.com/", None),
        ("https://xn--80ak6aa92e.com/", None),
        (long_host.as_str(), None),
    ];
    for (url, expected) in cases {
        match (engine().check_url(url), &expected) {
            (Err(e), Some(want)) => assert_eq!(&e, want, "{url}"),
            (Err(e), None) => assert!(matches!(e, CheckError::InvalidUrl | CheckError::NoHost), "{url}: {e}"),
            (Ok(v), Some(want)) => panic!("{url}: expected {want:?}, got a verdict {}", v.rule_codes()),
            (Ok(v), None) => {
                assert_readable(&v, url);
                assert!(v.host.chars().count() <= MAX_HOST_LEN);
            }
        }
        // a frame without a host of its own is judged by its top frame's address
        let f = PageFacts { url: url.to_string(), top_url: Some("https://micard.co.jp.kwtqq.com/".into()), ..Default::default() };
        let v = engine().check_page(f).unwrap_or_else(|e| panic!("{url} in a phishing top frame: {e}"));
        assert_readable(&v, url);
    }
}

/// check_url looks at the first 4,096 characters of an address, as check_page does with a page's URL: the time
/// per call is bounded, and both give the same answer on the same long address.
#[test]
fn long_urls_are_cut_like_page_urls() {
    for url in [
        format!("https://micard.co.jp.kwtqq.com/{}", "a".repeat(2_000_000)),
        format!("https://www.micard.co.jp/?q={}", "日本".repeat(100_000)),
        format!("https://{}kwtqq.com/", "ab.".repeat(700_000)),
    ] {
        let cut: String = url.chars().take(4096).collect();
        assert_eq!(engine().check_url(&url), engine().check_url(&cut));
        let page = engine().check_page(PageFacts { url: url.clone(), ..Default::default() }).map(|v| v.level);
        assert_eq!(page, engine().check_url(&url).map(|v| v.level));
    }
}
