//! The public façade: one `Engine` (knowledge base, suffix list and indexes compiled once) answering
//! `check_url` and `check_page` with a typed `Verdict`.
use crate::decide::decide;
use crate::evidence::{Gatherer, UrlEvidence};
use crate::facts::PageFacts;
use crate::fields::{FieldClassifier, FieldKind, SensitiveField};
use crate::host::{Host, HostKind, ParsedUrl, SuffixList, UrlError};
use crate::kb::{Brand, BrandIdx, KnowledgeBase};
use crate::lookalike::{Checker, HostContext, LookalikeIndex, UrlMatch};
use crate::platform::Platforms;
use crate::route::{Route, ViaKind};
use crate::signals::Signals;
use crate::verdict::{BrandName, ContentPlatform, FieldOut, GoInstead, Level, MsgCtx, PhoneOut, Reason, Rule, Severity, Verdict, Via};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// not a URL at all
    InvalidUrl,
    /// a URL without a host (`data:`, `about:blank`, `file:`)
    NoHost,
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::InvalidUrl => write!(f, "not a URL"),
            CheckError::NoHost => write!(f, "the URL has no host"),
        }
    }
}

impl std::error::Error for CheckError {}

pub struct Engine {
    kb: KnowledgeBase,
    psl: SuffixList,
    lookalike: LookalikeIndex,
    platforms: Platforms,
    fields: FieldClassifier,
    signals: Signals,
}

/// Everything the URL analysis found, before it becomes a verdict.
struct UrlAnalysis {
    parsed: ParsedUrl,
    /// how many ways the host looks like phishing apart from any brand: abused TLD, random name, shared
    /// hosting, plain http, credential words
    suspicion: u8,
    /// the TLD is one phishing favours (counted in `suspicion`)
    abused_tld: bool,
    /// the host's only credential words name a service (`online`, `point`, `jp`; counted in `suspicion`): how
    /// brands name their own other domains too, so they make a brand's name worth a caution, never a danger
    service_only: bool,
    official: Option<(BrandIdx, String)>,
    matches: Vec<UrlMatch>,
    signals: Vec<Rule>,
    /// how the address reached `parsed` (redirectors, proxies, userinfo) and whose content is there
    route: Route,
}

impl UrlAnalysis {
    fn top_match(&self) -> Option<&UrlMatch> {
        self.matches
            .iter()
            .filter(|m| m.brand != usize::MAX)
            .max_by_key(|m| (m.rule.severity(), std::cmp::Reverse(m.rule)))
    }
}

const URL_BLOCK_RULES: &[Rule] =
    &[Rule::EmbeddedOfficialDomain, Rule::EmbeddedLookalikeDomain, Rule::HomoglyphDomain, Rule::UserinfoOfficialDomain];
const RISKY_HOST_SIGNALS: &[Rule] = &[Rule::PlainHttp, Rule::IpHost, Rule::SharedHosting, Rule::NonDefaultPort];

impl Engine {
    /// Builds the engine from the data compiled into the crate.
    pub fn new() -> Result<Self, String> {
        let kb = KnowledgeBase::new()?;
        let psl = SuffixList::new();
        let lookalike = LookalikeIndex::new(&kb);
        let platforms = Platforms::new(&kb);
        Ok(Engine {
            fields: FieldClassifier::new(),
            signals: Signals::new(),
            kb,
            psl,
            lookalike,
            platforms,
        })
    }

    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    pub fn suffix_list(&self) -> &SuffixList {
        &self.psl
    }

    pub fn brands(&self) -> &[Brand] {
        self.kb.brands
    }

    /// The platforms whose official hosts carry others' content, redirect or proxy (data/platforms.toml).
    pub fn platforms(&self) -> &Platforms {
        &self.platforms
    }

    /// The address judged for `url` and how it got there (redirectors, proxies, userinfo: route.rs).
    fn route(&self, url: &str) -> Result<(ParsedUrl, Route), CheckError> {
        crate::route::resolve(&self.psl, &self.kb, &self.platforms, url).map_err(|e| match e {
            UrlError::Unparsable => CheckError::InvalidUrl,
            UrlError::NoHost => CheckError::NoHost,
        })
    }

    fn analyse_url(&self, url: &str) -> Result<UrlAnalysis, CheckError> {
        let (parsed, route) = self.route(url)?;
        let host = &parsed.host;
        // an official host counts as the brand's own only outside its spaces for others' content, and where it is
        // not a way on to an address that could not be read
        let official = route.owner.clone().filter(|_| !route.on_platform());
        let mut matches = Vec::new();
        let mut signals = Vec::new();
        let shared_parent = self.signals.shared_parent(&host.ascii);
        let shared = host.shared_hosting || shared_parent.is_some();
        let tld = host.suffix.rsplit('.').next().unwrap_or("");
        let checker = Checker { kb: &self.kb, index: &self.lookalike, signals: &self.signals };
        let (credential, account) = match host.kind {
            HostKind::Domain => checker.credential_words(host),
            HostKind::Ip => (false, false),
        };
        let ctx = HostContext {
            shared,
            abused_tld: self.signals.abused_tlds.contains(tld),
            random: {
                let label = host.registrable_label();
                let rest = self.without_brand_tokens(label);
                // `smbczs`, `docomozz`: a brand name padded with a few letters that make no word
                let padded = rest.len() != label.len()
                    && !label.contains('-')
                    && ((1..=2).contains(&rest.len()) && !rest.bytes().any(|c| b"aeiouy".contains(&c))
                        || (2..=5).contains(&rest.len()) && rest.bytes().all(|c| c.is_ascii_digit()));
                looks_random(&rest) || padded
            },
            credential,
            account,
        };
        if let Some(step) = route.userinfo() {
            // a domain before the `@`: decoration that the person reads as the address
            let shown = self.psl.host(&step.host);
            let written = shown.registrable.clone().unwrap_or_else(|| shown.ascii.clone());
            match step.brand {
                Some(brand) => matches.push(UrlMatch { rule: Rule::UserinfoOfficialDomain, brand, official: written }),
                None => matches.push(UrlMatch { rule: Rule::UserinfoDomain, brand: usize::MAX, official: written }),
            }
        }
        // (a platform's own host imitates nobody: its content is for the page engine to judge)
        if official.is_none() && !route.on_platform() && host.kind == HostKind::Domain {
            checker.embedded_official_domain(host, &mut matches);
            checker.registrable_lookalike(host, &ctx, &mut matches);
            checker.brand_tokens(host, &ctx, &mut matches);
            // an IDN read with its look-alike characters folded (micаrd with a Cyrillic а → micard): a brand
            // found only that way was written with borrowed letters on purpose
            if host.unicode != host.ascii {
                let folded: Vec<String> = host.unicode.split('.').map(crate::lookalike::deconfuse).collect();
                let folded = self.psl.host(&folded.join("."));
                if folded.ascii != host.ascii && folded.ascii.is_ascii() {
                    let mut found = Vec::new();
                    let (credential, account) = checker.credential_words(&folded);
                    let folded_ctx = HostContext { credential, account, ..ctx };
                    checker.brand_tokens(&folded, &folded_ctx, &mut found);
                    checker.registrable_lookalike(&folded, &folded_ctx, &mut found);
                    for m in found.into_iter().filter(|m| m.rule != Rule::TypoToken && m.rule != Rule::TypoDomain) {
                        if !matches.iter().any(|x| x.rule == Rule::HomoglyphDomain && x.brand == m.brand) {
                            matches.push(UrlMatch { rule: Rule::HomoglyphDomain, ..m });
                        }
                    }
                }
            }
        }
        if official.is_none() {
            if parsed.url.scheme() == "http" {
                signals.push(Rule::PlainHttp);
            }
            if host.kind == HostKind::Ip {
                signals.push(Rule::IpHost);
            }
            if parsed.url.port().is_some() {
                signals.push(Rule::NonDefaultPort);
            }
            if shared {
                signals.push(Rule::SharedHosting);
            }
            if ctx.abused_tld {
                signals.push(Rule::AbusedTld);
            }
            if host.registrable.as_deref().is_some_and(|r| self.signals.shorteners.contains(r)) {
                signals.push(Rule::UrlShortener);
            }
            if host.ascii.len() > 60 || host.ascii.split('.').count() > 6 {
                signals.push(Rule::LongHost);
            }
            if ctx.random {
                signals.push(Rule::RandomLabel);
            }
            if host.unicode != host.ascii && !host.unicode.split('.').all(single_script) {
                signals.push(Rule::MixedScriptHost);
            }
        }
        let suspicion = ctx.abused_tld as u8
            + ctx.random as u8
            + ctx.shared as u8
            + ctx.credential as u8
            + (parsed.url.scheme() == "http") as u8;
        let service_only = ctx.credential && !ctx.account;
        Ok(UrlAnalysis { parsed, suspicion, abused_tld: ctx.abused_tld, service_only, official, matches, signals, route })
    }

    /// The label with brand tokens taken out, so that `microsoftstream` is judged on `stream`.
    fn without_brand_tokens(&self, label: &str) -> String {
        let mut out = String::with_capacity(label.len());
        for part in label.split(['-', '_']) {
            if !self.kb.tokens.contains_key(part) {
                self.lookalike.strip_tokens_into(part, &mut out);
            }
        }
        out
    }

    /// The verdict on a URL alone (before a page loads; the CLI).
    pub fn check_url(&self, url: &str) -> Result<Verdict, CheckError> {
        // the same bound as a page's URL (PageFacts::bounded): a 2 MB address costs no more than a 4 KB one
        let url = match (url.len() > 4096).then(|| url.char_indices().nth(4096)).flatten() {
            Some((end, _)) => &url[..end],
            None => url,
        };
        let a = self.analyse_url(url)?;
        Ok(self.url_verdict(&a))
    }

    fn url_verdict(&self, a: &UrlAnalysis) -> Verdict {
        if let Some((brand, domain)) = &a.official {
            let mut rules = vec![(Rule::OfficialDomain, domain.clone())];
            rules.extend(route_rules(&a.route));
            return self.build(a, Level::Safe, Some(*brand), rules, &[], false);
        }
        let mut rules: Vec<(Rule, String)> = Vec::new();
        // a weak lookalike (a typo, a brand word among others) warns only on a host that looks like phishing
        // in some other way too; on its own it stays a hint for the page engine
        let top = a.top_match().filter(|m| {
            // a global brand's exact name under another ending is its country site or a defensive registration
            // (`google.cn`, `amazon.work`): there the ending, however often phishing uses it, is no sign
            let own_name_abroad = m.rule == Rule::TldSwapQuiet && self.kb.brands[m.brand].global && a.abused_tld;
            m.rule.severity() == Severity::Danger || a.suspicion > own_name_abroad as u8
        });
        let mut level = Level::None;
        if let Some(m) = top {
            level = match m.rule.severity() {
                Severity::Danger => Level::Danger,
                Severity::Caution => Level::Caution,
                Severity::Info => Level::None,
            };
            // the brand's own name (or one typo of it) on a host that looks like phishing twice over
            // (global brands own domains under many TLDs, so for them one sign is not enough)
            let japan_only = !self.kb.brands[m.brand].global;
            let signs = a.suspicion - a.service_only as u8;
            let escalate = match m.rule {
                // a distinctive name of a brand that lives only in Japan, inside someone else's domain name
                Rule::BrandCombo => signs >= if japan_only { 1 } else { 2 },
                Rule::TypoToken | Rule::TypoDomain => signs >= if japan_only { 1 } else { 2 },
                Rule::WeakBrandWithCredentialWords => a.suspicion >= 2,
                _ => false,
            };
            if level == Level::Caution && escalate {
                level = Level::Danger;
                rules.push((Rule::BrandOnSuspiciousHost, m.official.clone()));
            }
            rules.push((m.rule, m.official.clone()));
            // once the address is shown to embed or imitate the official domain, that the brand's name also
            // appears in it says nothing more to a person
            let says_it_all = matches!(
                m.rule,
                Rule::EmbeddedOfficialDomain | Rule::EmbeddedLookalikeDomain | Rule::HomoglyphDomain
            );
            for other in a.matches.iter().filter(|o| o.brand == m.brand && o.rule != m.rule) {
                let name_only = matches!(
                    other.rule,
                    Rule::BrandInSubdomain | Rule::BrandCombo | Rule::BrandComboCredential | Rule::TypoToken
                        | Rule::WeakBrandWithCredentialWords | Rule::BrandOnSuspiciousHost
                );
                if !(says_it_all && name_only) {
                    rules.push((other.rule, other.official.clone()));
                }
            }
        }
        for e in a.matches.iter().filter(|m| m.brand == usize::MAX) {
            if level == Level::None {
                level = Level::Caution;
            }
            rules.push((e.rule, e.official.clone()));
        }
        rules.extend(route_rules(&a.route));
        for s in &a.signals {
            rules.push((*s, String::new()));
        }
        let url_block = level == Level::Danger && top.is_some_and(|m| URL_BLOCK_RULES.contains(&m.rule));
        self.build(a, level, top.map(|m| m.brand), rules, &[], url_block)
    }

    /// The verdict on a page: its URL, the brand it claims, and what it asks for. The evidence is gathered
    /// first (`evidence`), then decided from that alone (`decide`).
    pub fn check_page(&self, facts: PageFacts) -> Result<Verdict, CheckError> {
        let facts = facts.bounded();
        // a frame without a host of its own (about:blank, srcdoc) is judged by its top frame's address; a
        // document with no address at all (blob:null, a sandboxed frame) as a page of unknown origin
        let (a, opaque) = match self.analyse_url(&facts.url) {
            Ok(a) => (a, false),
            Err(e) => match facts.top_url.as_deref().map(|t| self.analyse_url(t)) {
                Some(Ok(a)) => (a, false),
                _ if e == CheckError::NoHost => (opaque_analysis(&facts.url), true),
                _ => return Err(e),
            },
        };
        let host = &a.parsed.host;
        let url_v = if opaque { self.build(&a, Level::None, None, Vec::new(), &[], false) } else { self.url_verdict(&a) };
        if url_v.level == Level::Safe {
            let sensitive = self.fields.classify_all(&facts.inputs);
            return Ok(Verdict { fields: field_out(&sensitive), ..url_v });
        }
        let url = UrlEvidence {
            level: url_v.level,
            brand: url_v.brand.as_deref().and_then(|id| self.kb.index_of(id)),
            rules: url_v.rules.clone(),
            url_block: url_v.url_block,
            hint: a.top_match().map(|m| (m.brand, m.rule, m.official.clone())),
            risky_host: a.signals.iter().any(|s| RISKY_HOST_SIGNALS.contains(s)),
            opaque,
            form_elsewhere: if opaque { None } else { self.form_target_elsewhere(&facts, host) },
        };
        let mut facts = facts;
        if a.route.space.is_some() {
            // on a platform's space for others' content, the platform's own logos and style sheets are the frame
            // it puts around every page there, not a claim of the page
            let platform = host.registrable.clone();
            facts.resource_urls.retain(|u| self.psl.parse_url(u).map_or(true, |p| p.host.registrable != platform));
        }
        let gatherer = Gatherer { kb: &self.kb, psl: &self.psl, fields: &self.fields, signals: &self.signals };
        let ev = gatherer.gather(&facts, url, host.registrable.as_deref());
        let d = decide(&self.kb, &ev);
        let mut v = self.build(&a, d.level, d.brand, d.rules, &ev.sensitive, ev.url.url_block);
        v.claim = d.claim.map(|b| self.kb.brands[b].id.to_string());
        v.step = d.step;
        if let Some(step) = d.step {
            // the step's sentence (built with the step known)
            if let Some(r) = v.reasons.iter_mut().find(|r| r.code == Rule::ScamStep.code()) {
                let ctx = MsgCtx {
                    brand_ja: "",
                    brand_en: "",
                    domain: "",
                    official: "",
                    fields_ja: "",
                    fields_en: "",
                    host: "",
                    platform_ja: "",
                    platform_en: "",
                    service_ja: "",
                    service_en: "",
                    shown: "",
                    step: Some(step),
                };
                (r.ja, r.en) = Rule::ScamStep.message(&ctx);
            }
        }
        Ok(v)
    }

    fn form_target_elsewhere(&self, facts: &PageFacts, host: &Host) -> Option<String> {
        let mine = host.registrable.as_deref().unwrap_or(&host.ascii);
        facts
            .form_actions
            .iter()
            .chain(facts.inputs.iter().map(|i| &i.form_action))
            .filter(|a| a.starts_with("http"))
            // (a form on a proxied page posts through the proxy: where it really goes is the proxied site)
            .filter_map(|a| self.route(a).ok())
            .map(|(p, _)| p.host.registrable.unwrap_or(p.host.ascii))
            .find(|r| r != mine && self.kb.owner_of(r).is_none())
    }

    /// The verdict on the address of `a` (its judged host and its route) with these findings.
    fn build(
        &self,
        a: &UrlAnalysis,
        level: Level,
        brand: Option<BrandIdx>,
        rules: Vec<(Rule, String)>,
        sensitive: &[SensitiveField],
        url_block: bool,
    ) -> Verdict {
        let (host, route) = (&a.parsed.host, &a.route);
        let b = brand.map(|i| &self.kb.brands[i]);
        let (fields_ja, fields_en) = field_names(sensitive);
        let domain = host.registrable.clone().unwrap_or_else(|| host.ascii.clone());
        let display_domain = host.registrable.as_deref().map(|r| {
            if !r.contains("xn--") {
                return r.to_string(); // the host is lower-case ASCII already: nothing to decode
            }
            let (u, _) = idna::domain_to_unicode(r);
            u
        });
        let mut reasons = Vec::new();
        let mut codes = Vec::new();
        for (rule, official) in &rules {
            if codes.contains(rule) {
                continue;
            }
            codes.push(*rule);
            let official = if official.is_empty() {
                b.and_then(|b| b.domains.first()).map(|d| d.name).unwrap_or("")
            } else {
                official.as_str()
            };
            // "X never asks for …" names only what X never asks for, not every field of the page
            let (never_ja, never_en);
            let (fields_ja, fields_en) = match (rule, b) {
                (Rule::NeverAskedField, Some(b)) => {
                    let never: Vec<SensitiveField> =
                        sensitive.iter().copied().filter(|f| b.never_asks.contains(&f.kind)).collect();
                    (never_ja, never_en) = field_names(&never);
                    (never_ja.as_str(), never_en.as_str())
                }
                _ => (fields_ja.as_str(), fields_en.as_str()),
            };
            let (platform, service, shown) = route_words(route, *rule);
            let ctx = MsgCtx {
                brand_ja: b.map_or("", |b| b.name_ja),
                brand_en: b.map_or("", |b| b.name_en),
                domain: display_domain.as_deref().unwrap_or(&domain),
                official,
                fields_ja,
                fields_en,
                host: &host.unicode,
                platform_ja: &platform.0,
                platform_en: &platform.1,
                service_ja: service.0,
                service_en: service.1,
                shown,
                step: None,
            };
            let (ja, en) = rule.message(&ctx);
            reasons.push(Reason { code: rule.code(), severity: rule.severity(), ja, en });
        }
        Verdict {
            level,
            brand: b.map(|b| b.id.to_string()),
            brand_name: b.map(|b| BrandName { ja: b.name_ja.to_string(), en: b.name_en.to_string() }),
            host: host.unicode.clone(),
            registrable_domain: display_domain,
            reasons,
            go_instead: b.filter(|_| level != Level::Safe).map(|b| GoInstead {
                top: b.top.to_string(),
                login: b.login.map(str::to_string),
                phishing_info: b.phishing_info.map(str::to_string),
                phones: b.phones.iter().map(|p| PhoneOut { number: p.number.to_string(), ja: p.ja.to_string(), en: p.en.to_string() }).collect(),
            }),
            fields: field_out(sensitive),
            url_block,
            via: route
                .steps
                .iter()
                .map(|s| Via {
                    kind: s.kind,
                    brand: s.brand.map(|i| self.kb.brands[i].id.to_string()),
                    host: s.host.clone(),
                    name: match s.platform {
                        Some(p) => Some(names(p.name_ja, p.name_en)),
                        None => s.brand.map(|i| names(self.kb.brands[i].name_ja, self.kb.brands[i].name_en)),
                    },
                    service: s.platform.map(|_| names(s.service.0, s.service.1)),
                })
                .collect(),
            destination: route.destination.clone(),
            user_content: route.space.is_some(),
            platform: route.space.map(|space| ContentPlatform {
                brand: space.platform.brand.to_string(),
                name: names(space.platform.name_ja, space.platform.name_en),
                service: names(space.service.service_ja, space.service.service_en),
            }),
            claim: None,
            step: None,
            rules: codes,
        }
    }
}

/// The rules that say how an address got where it is judged and whose content is there.
fn route_rules(route: &Route) -> Vec<(Rule, String)> {
    let mut out = Vec::new();
    for (kind, rule) in [(ViaKind::Redirect, Rule::ViaRedirect), (ViaKind::Proxy, Rule::ViaProxy)] {
        // a redirector whose destination could not be read has its own sentence
        let led_on = route.steps.iter().filter(|s| s.kind == kind).count() > (kind == ViaKind::Redirect && route.unresolved) as usize;
        if led_on {
            out.push((rule, String::new()));
        }
    }
    if route.unresolved {
        out.push((Rule::RedirectHidden, String::new()));
    }
    if route.space.is_some() {
        out.push((Rule::UserContentOnPlatform, String::new()));
    }
    out
}

/// What the sentence of a route rule names: the platforms (`Google`, several joined), the service, the domain
/// written before an `@`.
fn route_words(route: &Route, rule: Rule) -> ((String, String), (&'static str, &'static str), &str) {
    let none = ((String::new(), String::new()), ("", ""), "");
    let of_kind = |kind: ViaKind| route.steps.iter().filter(move |s| s.kind == kind);
    let names = |steps: Vec<&crate::route::Step>| {
        let mut ja: Vec<&str> = Vec::new();
        let mut en: Vec<&str> = Vec::new();
        for p in steps.iter().filter_map(|s| s.platform) {
            if !ja.contains(&p.name_ja) {
                ja.push(p.name_ja);
                en.push(p.name_en);
            }
        }
        (ja.join("、"), en.join(", "))
    };
    match rule {
        Rule::ViaRedirect | Rule::ViaProxy | Rule::RedirectHidden => {
            let kind = if rule == Rule::ViaProxy { ViaKind::Proxy } else { ViaKind::Redirect };
            let steps: Vec<_> = of_kind(kind).collect();
            let service = steps.last().map_or(("", ""), |s| s.service);
            (names(steps), service, "")
        }
        Rule::UserContentOnPlatform => match route.space {
            Some(space) => (
                (space.platform.name_ja.to_string(), space.platform.name_en.to_string()),
                (space.service.service_ja, space.service.service_en),
                "",
            ),
            None => none,
        },
        Rule::UserinfoOfficialDomain | Rule::UserinfoDomain => {
            (none.0, none.1, route.userinfo().map_or("", |s| s.host.as_str()))
        }
        _ => none,
    }
}

/// The analysis of an address with no host (`blob:null/…`, a sandboxed frame's): a page of unknown origin,
/// never official, with no URL finding.
fn opaque_analysis(url: &str) -> UrlAnalysis {
    let parsed_url = url::Url::parse(url).unwrap_or_else(|_| url::Url::parse("about:blank").expect("about:blank"));
    let host = Host {
        ascii: String::new(),
        unicode: String::new(),
        kind: HostKind::Domain,
        registrable: None,
        suffix: String::new(),
        shared_hosting: false,
        suffix_known: false,
    };
    UrlAnalysis {
        parsed: ParsedUrl { url: parsed_url, host },
        suspicion: 0,
        official: None,
        abused_tld: false,
        service_only: false,
        matches: Vec::new(),
        signals: Vec::new(),
        route: Route::default(),
    }
}

fn field_out(sensitive: &[SensitiveField]) -> Vec<FieldOut> {
    sensitive.iter().map(|f| FieldOut { index: f.index, kind: f.kind }).collect()
}

/// A name in both languages, as the verdict carries it.
fn names(ja: &str, en: &str) -> BrandName {
    BrandName { ja: ja.to_string(), en: en.to_string() }
}

fn field_names(sensitive: &[SensitiveField]) -> (String, String) {
    let mut kinds: Vec<FieldKind> = sensitive.iter().map(|f| f.kind).collect();
    kinds.sort();
    kinds.dedup();
    let ja: Vec<&str> = kinds.iter().map(|k| k.label().0).collect();
    let en: Vec<&str> = kinds.iter().map(|k| k.label().1).collect();
    (ja.join("・"), en.join(", "))
}

/// A label that looks machine-made (`kwtqq`, `x7k2p9`, `bcdfghk`): almost no vowels, a long consonant run,
/// or letters and digits shuffled together. Ordinary words and names stay out (`wallstreet`, `rundschau`).
fn looks_random(label: &str) -> bool {
    let l = label.as_bytes();
    if l.len() < 5 || l.len() > 63 {
        return false;
    }
    let letters = l.iter().filter(|c| c.is_ascii_lowercase()).count();
    let vowels = l.iter().filter(|c| b"aeiouy".contains(c)).count();
    let (mut run, mut max_run, mut switches) = (0, 0, 0);
    for w in l.windows(2) {
        if w[0].is_ascii_digit() != w[1].is_ascii_digit() {
            switches += 1;
        }
    }
    for c in l {
        if c.is_ascii_lowercase() && !b"aeiouy".contains(c) {
            run += 1;
            max_run = max_run.max(run);
        } else {
            run = 0;
        }
    }
    let max_digits = l.split(|c| !c.is_ascii_digit()).map(<[u8]>::len).max().unwrap_or(0);
    (letters >= 5 && vowels * 5 < letters) || max_run >= 6 || switches >= 3 || max_digits >= 6
}

fn single_script(label: &str) -> bool {
    use unicode_security::MixedScript;
    label.is_single_script()
}

