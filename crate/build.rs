//! Compiles the knowledge data (`data/*.toml`: brands, content platforms, field vocabulary, risk signals) into Rust
//! statics; strips comments
//! from the vendored public suffix list (and punycodes its Unicode rules), then compiles the list into a static
//! trie (`psl_table.rs`). TOML and JSON stay out of the wasm module: the engine parses nothing at start-up.
use std::collections::{BTreeMap, HashSet};

/// The engine's own text folding (NFKC, case, confusables), so that names are folded here exactly as at run time.
#[allow(dead_code)]
#[path = "src/fold.rs"]
mod fold;
use std::{env, fs, path::{Path, PathBuf}};

fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    vocab_rs(&out);
    println!("cargo:rerun-if-changed=data/brands.toml");
    brands_rs(&out);
    println!("cargo:rerun-if-changed=data/platforms.toml");
    platforms_rs(&out);
    println!("cargo:rerun-if-changed=data/public_suffix_list.dat");
    let psl = fs::read_to_string("data/public_suffix_list.dat").expect("public suffix list");
    let mut compact = String::with_capacity(psl.len() / 2);
    for line in psl.lines() {
        let line = line.trim();
        // keep the section markers: the parser uses them to tell ICANN from PRIVATE suffixes
        if line.is_empty() || (line.starts_with("//") && !line.contains("===BEGIN") && !line.contains("===END")) {
            continue;
        }
        // rules arrive punycoded, so the list needs no IDNA work when the engine starts
        if line.is_ascii() {
            compact.push_str(line);
        } else {
            let (prefix, name) = match line.strip_prefix('!') {
                Some(rest) => ("!", rest),
                None => match line.strip_prefix("*.") {
                    Some(rest) => ("*.", rest),
                    None => ("", line),
                },
            };
            let ascii = idna::domain_to_ascii(name).unwrap_or_else(|e| panic!("suffix `{line}`: {e:?}"));
            compact.push_str(prefix);
            compact.push_str(&ascii);
        }
        compact.push('\n');
    }
    psl_table(&compact, &out);
    fs::write(out.join("psl.dat"), compact).expect("write psl");
}

/// The public suffix list as a static trie (`psl_table.rs`), so that nothing is parsed when the engine starts.
/// Nodes are numbered breadth-first with each node's children sorted by label, so the children of node `i` are
/// the nodes `FIRST_CHILD[i]..FIRST_CHILD[i + 1]`, found by binary search. Semantics are the `publicsuffix`
/// crate's (`List::from_str` + `List::find`): a rule's leaf is the last one written for it, the first label is
/// matched exactly, deeper ones exactly or else by a `*` child; src/host.rs's tests check every rule against it.
fn psl_table(compact: &str, out: &Path) {
    #[derive(Default)]
    struct Node {
        children: BTreeMap<Vec<u8>, usize>,
        leaf: u8,
    }
    let mut nodes = vec![Node::default()];
    let mut typ = 0u8;
    for line in compact.lines() {
        if line.contains("BEGIN ICANN DOMAINS") {
            typ = LEAF_ICANN;
            continue;
        }
        if line.contains("BEGIN PRIVATE DOMAINS") {
            typ = LEAF_PRIVATE;
            continue;
        }
        if line.starts_with("//") || typ == 0 {
            continue;
        }
        let Some(mut rule) = line.split_whitespace().next() else { continue };
        let mut leaf = typ;
        if let Some(rest) = rule.strip_prefix('!') {
            assert!(rest.contains('.'), "exception rule at the first label: {line}");
            leaf |= LEAF_EXCEPTION;
            rule = rest;
        }
        let mut cur = 0;
        for label in rule.rsplit('.') {
            assert!(!label.is_empty(), "empty label in rule {line}");
            cur = match nodes[cur].children.get(label.as_bytes()) {
                Some(&n) => n,
                None => {
                    nodes.push(Node::default());
                    let n = nodes.len() - 1;
                    nodes[cur].children.insert(label.as_bytes().to_vec(), n);
                    n
                }
            };
        }
        nodes[cur].leaf = leaf;
    }
    // breadth-first renumbering: (old index, label)
    let mut order: Vec<(usize, Vec<u8>)> = vec![(0, Vec::new())];
    let mut first_child = Vec::new();
    let mut i = 0;
    while i < order.len() {
        first_child.push(order.len());
        let kids: Vec<(usize, Vec<u8>)> = nodes[order[i].0].children.iter().map(|(l, &n)| (n, l.clone())).collect();
        order.extend(kids);
        i += 1;
    }
    first_child.push(order.len());
    assert!(order.len() < u16::MAX as usize, "too many suffix nodes for u16 indexes");
    let mut labels = String::new();
    let mut label_end = Vec::new();
    for (_, l) in &order {
        labels.push_str(std::str::from_utf8(l).expect("ascii rule"));
        label_end.push(labels.len());
    }
    let list = |v: &mut dyn Iterator<Item = String>| v.collect::<Vec<_>>().join(",");
    let n = order.len();
    let code = format!(
        "pub const LEAF_ICANN: u8 = {LEAF_ICANN};\npub const LEAF_PRIVATE: u8 = {LEAF_PRIVATE};\npub const LEAF_EXCEPTION: u8 = {LEAF_EXCEPTION};\n\
         pub static LABELS: &str = {labels:?};\n\
         pub static LABEL_END: [u32; {n}] = [{}];\n\
         pub static FIRST_CHILD: [u16; {}] = [{}];\n\
         pub static LEAF: [u8; {n}] = [{}];\n",
        list(&mut label_end.iter().map(|e| e.to_string())),
        n + 1,
        list(&mut first_child.iter().map(|e| e.to_string())),
        list(&mut order.iter().map(|(o, _)| nodes[*o].leaf.to_string())),
    );
    fs::write(out.join("psl_table.rs"), code).expect("write psl table");
}

/// A list of strings as a `vocab::StrList` expression: the items joined by U+001F (refused inside an item).
fn str_list(v: &[String]) -> String {
    assert!(v.iter().all(|s| !s.contains('\u{1f}')), "U+001F in {v:?}");
    match v.len() {
        0 => "StrList::EMPTY".to_string(),
        n => format!("StrList::new({:?}, {n})", v.join("\u{1f}")),
    }
}

const LEAF_ICANN: u8 = 1;
const LEAF_PRIVATE: u8 = 2;
const LEAF_EXCEPTION: u8 = 4;


/// The brands as Rust statics (`brands.rs`): `&'static str` and slices, so that the engine starts with its
/// knowledge base already in memory (no JSON to parse, no string to allocate). The schema is crate/data/README.md;
/// an unknown key, category or field kind fails the build.
fn brands_rs(out: &Path) {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Domain {
        name: String,
        source: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Phone {
        number: String,
        ja: String,
        en: String,
        #[serde(default)]
        source: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Brand {
        id: String,
        name_ja: String,
        name_en: String,
        category: String,
        names: Vec<String>,
        #[serde(default)]
        weak_names: Vec<String>,
        #[serde(default)]
        aliases: Vec<String>,
        domains: Vec<Domain>,
        #[serde(default)]
        input_hosts: Vec<String>,
        #[serde(default)]
        tokens: Vec<String>,
        #[serde(default)]
        weak_tokens: Vec<String>,
        #[serde(default)]
        claims: Vec<String>,
        asks: Vec<String>,
        never_asks: Vec<String>,
        #[serde(default)]
        never_asks_source: Option<String>,
        top: String,
        #[serde(default)]
        login: Option<String>,
        #[serde(default)]
        phishing_info: Option<String>,
        #[serde(default)]
        phones: Vec<Phone>,
        #[serde(default)]
        namesakes: Vec<String>,
        #[serde(default)]
        parent: Option<String>,
        #[serde(default)]
        global: bool,
        #[serde(default)]
        card_network: bool,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        brand: Vec<Brand>,
    }
    let text = fs::read_to_string("data/brands.toml").expect("data/brands.toml");
    let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("data/brands.toml: {e}"));
    // snake_case → CamelCase: `card_number` → `CardNumber`
    let camel = |s: &str| -> String {
        assert!(!s.is_empty() && s.bytes().all(|c| c.is_ascii_lowercase() || c == b'_'), "bad enum value `{s}`");
        s.split('_').map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect()
    };
    // string lists as one string each (vocab::StrList): items joined by U+001F
    let strs = str_list;
    let opt = |o: &Option<String>| match o {
        Some(s) => format!("Some({s:?})"),
        None => "None".into(),
    };
    let kinds = |v: &[String]| {
        format!("&[{}]", v.iter().map(|k| format!("FieldKind::{}", camel(k))).collect::<Vec<_>>().join(", "))
    };
    let mut code = String::from("pub static BRANDS: &[Brand] = &[\n");
    for b in &file.brand {
        let domains: Vec<String> =
            b.domains.iter().map(|d| format!("OfficialDomain {{ name: {:?}, source: {:?} }}", d.name, d.source)).collect();
        let phones: Vec<String> = b
            .phones
            .iter()
            .map(|p| format!("Phone {{ number: {:?}, ja: {:?}, en: {:?}, source: {:?} }}", p.number, p.ja, p.en, p.source))
            .collect();
        code += &format!(
            "Brand {{ id: {:?}, name_ja: {:?}, name_en: {:?}, category: Category::{}, names: {}, weak_names: {}, \
             aliases: {}, domains: &[{}], input_hosts: {}, tokens: {}, weak_tokens: {}, claims: {}, asks: {}, \
             never_asks: {}, never_asks_source: {}, top: {:?}, login: {}, phishing_info: {}, phones: &[{}], \
             namesakes: {}, parent: {}, global: {}, card_network: {} }},\n",
            b.id,
            b.name_ja,
            b.name_en,
            camel(&b.category),
            strs(&b.names),
            strs(&b.weak_names),
            strs(&b.aliases),
            domains.join(", "),
            strs(&b.input_hosts),
            strs(&b.tokens),
            strs(&b.weak_tokens),
            strs(&b.claims),
            kinds(&b.asks),
            kinds(&b.never_asks),
            opt(&b.never_asks_source),
            b.top,
            opt(&b.login),
            opt(&b.phishing_info),
            phones.join(", "),
            strs(&b.namesakes),
            opt(&b.parent),
            b.global,
            b.card_network,
        );
    }
    code += "];\n";
    // the page names of every brand folded and confusable-skeletonised for the claim matcher (names and claims
    // strong, weak names weak), each once per brand, two characters or more
    code += "pub static NAME_PATTERNS: &[NamePattern] = &[\n";
    for (i, b) in file.brand.iter().enumerate() {
        let mut seen = HashSet::new();
        let strong = b.names.iter().chain(&b.claims).map(|n| (n, true));
        for (n, strong) in strong.chain(b.weak_names.iter().map(|n| (n, false))) {
            let pattern = fold::fold_confusable(n);
            if pattern.chars().count() >= 2 && seen.insert(pattern.clone()) {
                code += &format!("NamePattern {{ brand: {i}, pattern: {pattern:?}, strong: {strong} }},\n");
            }
        }
    }
    code += "];\n";
    // official domains split for the matchers, in knowledge-base order; a hyphenated label also without its
    // hyphens, listed first (`smbc-card` → `smbccard`)
    code += "pub static DOMAIN_PARTS: &[DomainParts] = &[\n";
    let lower = |what: &str, s: &str| assert!(!s.bytes().any(|c| c.is_ascii_uppercase()), "{what} `{s}` is not lower-case");
    let mut index = 0;
    for (i, b) in file.brand.iter().enumerate() {
        b.tokens.iter().chain(&b.weak_tokens).for_each(|t| lower("token", t));
        b.namesakes.iter().for_each(|n| lower("namesake", n));
        for d in &b.domains {
            lower("domain", &d.name);
            let mut labels = d.name.split('.');
            let label = labels.next().unwrap_or_default();
            let suffix: Vec<&str> = labels.collect();
            let mut part = |label: &str| {
                code += &format!(
                    "DomainParts {{ index: {index}, brand: {i}, domain: {:?}, label: {label:?}, suffix: &{suffix:?}, suffix_str: {:?} }},\n",
                    d.name,
                    suffix.join(".")
                );
                index += 1;
            };
            if label.contains('-') {
                part(&label.replace('-', ""));
            }
            part(label);
        }
    }
    code += "];\n";
    fs::write(out.join("brands.rs"), code).expect("write brands.rs");
}

/// The content platforms, redirectors and proxies of official domains (`platforms.rs`, types in src/platform.rs;
/// schema in data/README.md). An unknown key, an upper-case host or a path that does not start with `/` fails
/// the build; crate/tests/platforms.rs holds the hosts to the brands' official domains.
fn platforms_rs(out: &Path) {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Content {
        service_ja: String,
        service_en: String,
        hosts: Vec<String>,
        #[serde(default)]
        paths: Vec<String>,
        #[serde(default)]
        except: Vec<String>,
        #[serde(default)]
        params: Vec<String>,
        source: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Redirect {
        service_ja: String,
        service_en: String,
        hosts: Vec<String>,
        path: String,
        #[serde(default)]
        params: Vec<String>,
        #[serde(default)]
        segment: Option<String>,
        #[serde(default)]
        rest_of_path: bool,
        source: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Proxy {
        service_ja: String,
        service_en: String,
        suffix: String,
        scheme_param: String,
        own_params: String,
        source: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Platform {
        brand: String,
        name_ja: String,
        name_en: String,
        #[serde(default)]
        content: Vec<Content>,
        #[serde(default)]
        redirect: Vec<Redirect>,
        #[serde(default)]
        proxy: Vec<Proxy>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        platform: Vec<Platform>,
    }
    let text = fs::read_to_string("data/platforms.toml").expect("data/platforms.toml");
    let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("data/platforms.toml: {e}"));
    let list = str_list;
    let host_ok = |h: &str| {
        let bare = h.strip_prefix("*.").unwrap_or(h);
        assert!(
            !bare.is_empty() && bare.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-'),
            "platforms.toml: host `{h}` is not a lower-case host name (or `*.` and one)"
        );
    };
    let path_ok = |p: &str| assert!(p.starts_with('/') && !p.contains(['?', '#', ' ']), "platforms.toml: path `{p}` must start with / and hold no query");
    let mut code = String::from("pub static PLATFORMS: &[Platform] = &[\n");
    for p in &file.platform {
        let mut content = Vec::new();
        for c in &p.content {
            c.hosts.iter().for_each(|h| host_ok(h));
            c.paths.iter().chain(&c.except).for_each(|p| path_ok(p));
            content.push(format!(
                "ContentSpace {{ service_ja: {:?}, service_en: {:?}, hosts: {}, paths: {}, except: {}, params: {}, source: {:?} }}",
                c.service_ja, c.service_en, list(&c.hosts), list(&c.paths), list(&c.except), list(&c.params), c.source
            ));
        }
        let mut redirects = Vec::new();
        for r in &p.redirect {
            r.hosts.iter().for_each(|h| host_ok(h));
            path_ok(&r.path);
            let ways = !r.params.is_empty() as u8 + r.segment.is_some() as u8 + r.rest_of_path as u8;
            assert!(ways <= 1, "platforms.toml: redirect {} says where the destination is in more than one way", r.service_en);
            redirects.push(format!(
                "Redirector {{ service_ja: {:?}, service_en: {:?}, hosts: {}, path: {:?}, params: {}, segment: {}, rest_of_path: {}, source: {:?} }}",
                r.service_ja,
                r.service_en,
                list(&r.hosts),
                r.path,
                list(&r.params),
                match &r.segment { Some(s) => format!("Some({s:?})"), None => "None".into() },
                r.rest_of_path,
                r.source
            ));
        }
        let mut proxies = Vec::new();
        for x in &p.proxy {
            host_ok(&x.suffix);
            proxies.push(format!(
                "Proxy {{ service_ja: {:?}, service_en: {:?}, suffix: {:?}, scheme_param: {:?}, own_params: {:?}, source: {:?} }}",
                x.service_ja, x.service_en, x.suffix, x.scheme_param, x.own_params, x.source
            ));
        }
        code += &format!(
            "Platform {{ brand: {:?}, name_ja: {:?}, name_en: {:?}, content: &[{}], redirects: &[{}], proxies: &[{}] }},\n",
            p.brand,
            p.name_ja,
            p.name_en,
            content.join(", "),
            redirects.join(", "),
            proxies.join(", ")
        );
    }
    code += "];\n";
    fs::write(out.join("platforms.rs"), code).expect("write platforms.rs");
}

/// The field vocabulary and the risk signals as Rust statics (`vocab.rs`), like the brands: nothing to parse
/// at start-up. Host vocabularies are lower-cased here (the engine compares lower-case hosts).
fn vocab_rs(out: &Path) {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Kind {
        kind: String,
        labels: Vec<String>,
        attrs: Vec<String>,
        autocomplete: Vec<String>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Fields {
        readings: Vec<String>,
        kind: Vec<Kind>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Signals {
        abused_tlds: Vec<String>,
        shared_hosting: Vec<String>,
        shorteners: Vec<String>,
        credential_words: Vec<String>,
        service_words: Vec<String>,
        credential_inside: Vec<String>,
        urgency: Vec<String>,
        verification_page: Vec<String>,
        cash_out: Vec<String>,
        prepaid_by_message: Vec<String>,
        prepaid_words: Vec<String>,
        fake_shop: Vec<String>,
        shop_contact: Vec<String>,
        identity_after: Vec<String>,
        identity_before: Vec<String>,
        other_after: Vec<String>,
        other_before: Vec<String>,
        card_auth: Vec<String>,
        card_auth_weak: Vec<String>,
        card_context: Vec<String>,
        lure: Vec<String>,
        personal_labels: Vec<String>,
        personal_attrs: Vec<String>,
        upload_words: Vec<String>,
        personal_veto: Vec<String>,
    }
    let read = |name: &str| {
        let src = format!("data/{name}.toml");
        println!("cargo:rerun-if-changed={src}");
        fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"))
    };
    let fields: Fields = toml::from_str(&read("fields")).unwrap_or_else(|e| panic!("data/fields.toml: {e}"));
    let signals: Signals = toml::from_str(&read("signals")).unwrap_or_else(|e| panic!("data/signals.toml: {e}"));
    let list = str_list;
    let lower = |v: &[String]| list(&v.iter().map(|s| s.to_ascii_lowercase()).collect::<Vec<_>>());
    let camel = |s: &str| -> String {
        assert!(!s.is_empty() && s.bytes().all(|c| c.is_ascii_lowercase() || c == b'_'), "bad field kind `{s}`");
        s.split('_').map(|w| w[..1].to_ascii_uppercase() + &w[1..]).collect()
    };
    let mut code = String::from("pub static FIELD_KINDS: &[KindWords] = &[\n");
    for k in &fields.kind {
        code += &format!(
            "KindWords {{ kind: FieldKind::{}, labels: {}, attrs: {}, autocomplete: {} }},\n",
            camel(&k.kind),
            list(&k.labels),
            list(&k.attrs),
            list(&k.autocomplete)
        );
    }
    code += "];\n";
    for r in &fields.readings {
        assert!(r.split_once(':').is_some_and(|(k, v)| k.chars().count() == 1 && !v.is_empty()), "bad reading `{r}`");
    }
    code += &format!("pub static FIELD_READINGS: StrList = {};\n", list(&fields.readings));
    let s = &signals;
    code += &format!(
        "pub static SIGNALS: SignalWords = SignalWords {{ abused_tlds: {}, shared_hosting: {}, shorteners: {}, \
         credential_words: {}, service_words: {}, credential_inside: {}, urgency: {}, verification_page: {}, cash_out: {}, \
         prepaid_by_message: {}, prepaid_words: {}, fake_shop: {}, shop_contact: {}, \
         identity_after: {}, identity_before: {}, other_after: {}, other_before: {}, card_auth: {}, card_auth_weak: {}, card_context: {}, lure: {}, personal_labels: {}, personal_attrs: {}, upload_words: {}, personal_veto: {} }};\n",
        lower(&s.abused_tlds),
        lower(&s.shared_hosting),
        lower(&s.shorteners),
        lower(&s.credential_words),
        lower(&s.service_words),
        lower(&s.credential_inside),
        list(&s.urgency),
        list(&s.verification_page),
        list(&s.cash_out),
        list(&s.prepaid_by_message),
        list(&s.prepaid_words),
        list(&s.fake_shop),
        list(&s.shop_contact),
        list(&s.identity_after),
        list(&s.identity_before),
        list(&s.other_after),
        list(&s.other_before),
        list(&s.card_auth),
        list(&s.card_auth_weak),
        list(&s.card_context),
        list(&s.lure),
        list(&s.personal_labels),
        lower(&s.personal_attrs),
        list(&s.upload_words),
        list(&s.personal_veto),
    );
    fs::write(out.join("vocab.rs"), code).expect("write vocab.rs");
}
