//! The route of an address: from what a person sees to the site it really reaches. Open redirectors of official
//! domains are followed to the destination written in them, translation proxies to the site they show, nested
//! ones to a bound; a domain written before an `@` (userinfo) is noted as what it is, decoration. The hosts and
//! paths come from `data/platforms.toml` (platform.rs); what the verdict says about them is the engine's.
use crate::host::{Host, HostKind, ParsedUrl, SuffixList, UrlError};
use crate::kb::{BrandIdx, KnowledgeBase};
use crate::platform::{Hop, Platform, Platforms, Space};
use percent_encoding::percent_decode_str;
use serde::Serialize;

/// How many redirectors and proxies are followed at most; a longer chain is judged where it stops.
pub const MAX_HOPS: usize = 5;

/// What kind of step (docs/engine-api.md `via[].kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ViaKind {
    Redirect,
    Proxy,
    Userinfo,
}

/// One step of the route.
#[derive(Debug, Clone)]
pub struct Step {
    pub kind: ViaKind,
    /// the redirector's or proxy's brand; for userinfo the brand whose official domain is written there
    pub brand: Option<BrandIdx>,
    /// the redirector's or proxy's host; for userinfo the domain written before the `@`
    pub host: String,
    /// the platform and the service's name, for the sentences (none for userinfo)
    pub platform: Option<&'static Platform>,
    pub service: (&'static str, &'static str),
}

/// Where an address leads and how.
#[derive(Debug, Clone, Default)]
pub struct Route {
    /// outermost first
    pub steps: Vec<Step>,
    /// the address judged, when it is not the one given
    pub destination: Option<String>,
    /// the judged address is in a platform's space for others' content
    pub space: Option<Space>,
    /// the last redirector's destination cannot be read (hidden behind a code, not a URL, or the chain too long)
    pub unresolved: bool,
    /// the brand whose official domain the judged host is on, and that domain
    pub owner: Option<(BrandIdx, String)>,
}

impl Route {
    /// The userinfo step, if the address has a domain before its `@`.
    pub fn userinfo(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.kind == ViaKind::Userinfo)
    }

    /// The judged host is an official one only by address: what is there is someone else's, or a way on.
    pub fn on_platform(&self) -> bool {
        self.space.is_some() || self.unresolved
    }
}

/// Follows `input` through the redirectors and proxies of official domains to the address that is judged.
/// The hosts of redirectors are trusted only on official domains (a look-alike host with a `q=` is not Google's:
/// it is judged itself, never the address it names).
pub fn resolve(psl: &SuffixList, kb: &KnowledgeBase, platforms: &Platforms, input: &str) -> Result<(ParsedUrl, Route), UrlError> {
    let mut parsed = psl.parse_url(input)?;
    let mut route = Route::default();
    loop {
        route.owner = kb.owner_of_host(&parsed.host);
        // a proxy's hosts are on a shared suffix (never official); a redirector only counts on an official host
        let hop = platforms.proxy(&parsed.url, &parsed.host).or_else(|| {
            route.owner.as_ref().and_then(|_| platforms.redirect(&parsed.url, &parsed.host))
        });
        let Some(hop) = hop else { break };
        let hops = route.steps.len();
        let (kind, platform, service, to) = match hop {
            Hop::Redirect { platform, service, to } => (ViaKind::Redirect, platform, (service.service_ja, service.service_en), to),
            Hop::Proxy { platform, service, to } => (ViaKind::Proxy, platform, (service.service_ja, service.service_en), Some(to)),
        };
        if hops >= MAX_HOPS {
            route.unresolved = true;
            break;
        }
        route.steps.push(Step { kind, brand: platforms.brand_of(platform), host: parsed.host.unicode.clone(), platform: Some(platform), service });
        match to.as_deref().map(|t| psl.parse_url(t)) {
            Some(Ok(next)) => {
                route.destination = to;
                parsed = next;
            }
            // hidden behind a code, or not an address: judged where it stands (`owner` stays the redirector's), as a
            // way on to somewhere unknown
            _ => {
                route.unresolved = true;
                break;
            }
        }
    }
    if !route.unresolved && route.owner.is_some() {
        route.space = platforms.content(&parsed.url, &parsed.host);
    }
    if let Some(shown) = userinfo_domain(psl, &parsed) {
        let brand = kb.owner_of_host(&shown).map(|(b, _)| b);
        route.steps.push(Step { kind: ViaKind::Userinfo, brand, host: shown.unicode, platform: None, service: ("", "") });
    }
    Ok((parsed, route))
}

/// The domain written before the `@` of an address (`https://www.smbc-card.com@evil.example/`), when it is one:
/// a name under a known suffix, other than the real host's own registrable domain. Percent-encoding is undone
/// (`yahoo%2Eco%2Ejp@…`) and the name ends where a character that cannot be in a host name begins (a look-alike
/// slash such as `∕`).
fn userinfo_domain(psl: &SuffixList, parsed: &ParsedUrl) -> Option<Host> {
    let url = &parsed.url;
    [url.username(), url.password().unwrap_or("")].into_iter().filter(|s| !s.is_empty()).find_map(|part| {
        let decoded = percent_decode_str(part).decode_utf8_lossy();
        let end = decoded.find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-')).unwrap_or(decoded.len());
        let name = decoded[..end].trim_matches('.');
        if !name.contains('.') || name.len() > crate::host::MAX_HOST_LEN {
            return None;
        }
        let shown = psl.host(name);
        let domain = shown.kind == HostKind::Domain && shown.suffix_known && shown.registrable.is_some();
        (domain && shown.registrable != parsed.host.registrable).then_some(shown)
    })
}
