//! Whose content is it? The hosts and paths of official domains that carry other people's pages (forms,
//! published documents, shared files, members' home pages), send the person on (open redirectors) or show
//! another site under their own address (translation proxies): `data/platforms.toml`, compiled in by build.rs.
//! This module knows where those are and reads where a redirector or a proxy really leads; the engine decides
//! what follows (engine.rs: the route of an address).
use crate::host::Host;
use crate::kb::{BrandIdx, KnowledgeBase};
use crate::vocab::StrList;
use percent_encoding::percent_decode_str;
use rustc_hash::FxHashMap as HashMap;
use url::Url;

/// A brand whose official domains host others' content.
#[derive(Debug)]
pub struct Platform {
    pub brand: &'static str,
    /// the short name a sentence uses (`Google`), not the directory's long one
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub content: &'static [ContentSpace],
    pub redirects: &'static [Redirector],
    pub proxies: &'static [Proxy],
}

/// A space for anyone's pages on an official host: Google Forms, Dropbox shared links, members' home pages.
#[derive(Debug)]
pub struct ContentSpace {
    pub service_ja: &'static str,
    pub service_en: &'static str,
    /// exact hosts, or `*.domain`
    pub hosts: StrList,
    /// path prefixes (`*` = one segment); empty = the whole host but its root page and `except`
    pub paths: StrList,
    pub except: StrList,
    /// query keys that mark a shared item on any path
    pub params: StrList,
    pub source: &'static str,
}

/// An open redirector: where the destination is written, if it is written at all.
#[derive(Debug)]
pub struct Redirector {
    pub service_ja: &'static str,
    pub service_en: &'static str,
    pub hosts: StrList,
    /// exact path, or a prefix when it ends with `/`
    pub path: &'static str,
    pub params: StrList,
    /// a path segment `KEY=value` holding the destination (Yahoo! JAPAN's `RU=`)
    pub segment: Option<&'static str>,
    /// the rest of the path is `host/path` of an https destination (Google's AMP viewer)
    pub rest_of_path: bool,
    pub source: &'static str,
}

impl Redirector {
    /// The destination is behind a code the address does not show (LinkedIn's `slink`, LINE's LIFF apps).
    pub fn hides_destination(&self) -> bool {
        self.params.is_empty() && self.segment.is_none() && !self.rest_of_path
    }
}

/// A proxy whose hosts spell the proxied site's host in their first label (`example-com.translate.goog`).
#[derive(Debug)]
pub struct Proxy {
    pub service_ja: &'static str,
    pub service_en: &'static str,
    pub suffix: &'static str,
    pub scheme_param: &'static str,
    /// prefix of the proxy's own query keys, left out of the proxied address
    pub own_params: &'static str,
    pub source: &'static str,
}

mod embedded {
    use super::{ContentSpace, Platform, Proxy, Redirector};
    use crate::vocab::StrList;
    include!(concat!(env!("OUT_DIR"), "/platforms.rs"));
}

/// The compiled-in platforms (for validation and documentation).
pub fn all() -> &'static [Platform] {
    embedded::PLATFORMS
}

/// One hop of an address towards where it really leads.
#[derive(Debug, Clone)]
pub enum Hop {
    /// a redirector: the destination as written (`None`: hidden behind a code, or not there to read)
    Redirect { platform: &'static Platform, service: &'static Redirector, to: Option<String> },
    /// a proxy: the proxied site's address
    Proxy { platform: &'static Platform, service: &'static Proxy, to: String },
}

/// A content space that an address falls in.
#[derive(Debug, Clone, Copy)]
pub struct Space {
    pub platform: &'static Platform,
    pub service: &'static ContentSpace,
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    Content(&'static Platform, &'static ContentSpace),
    Redirect(&'static Platform, &'static Redirector),
}

/// The platforms indexed by host: exact hosts, and `*.domain` entries by their domain.
pub struct Platforms {
    exact: HashMap<&'static str, Vec<Entry>>,
    wild: HashMap<&'static str, Vec<Entry>>,
    proxies: Vec<(&'static Platform, &'static Proxy)>,
    /// each platform's brand in the knowledge base (`None` for an id the knowledge base lacks: a test refuses it)
    brands: Vec<Option<BrandIdx>>,
}

/// How many times a destination is percent-decoded at most (`https%253A%252F%252F…` is encoded twice).
const MAX_DECODE: usize = 3;

impl Platforms {
    pub fn new(kb: &KnowledgeBase) -> Self {
        let mut p = Platforms { exact: HashMap::default(), wild: HashMap::default(), proxies: Vec::new(), brands: Vec::new() };
        for platform in all() {
            p.brands.push(kb.index_of(platform.brand));
            let entries = platform
                .content
                .iter()
                .map(|c| (c.hosts, Entry::Content(platform, c)))
                .chain(platform.redirects.iter().map(|r| (r.hosts, Entry::Redirect(platform, r))));
            for (hosts, entry) in entries {
                for h in hosts {
                    match h.strip_prefix("*.") {
                        Some(domain) => p.wild.entry(domain).or_default().push(entry),
                        None => p.exact.entry(h).or_default().push(entry),
                    }
                }
            }
            p.proxies.extend(platform.proxies.iter().map(|x| (platform, x)));
        }
        p
    }

    /// The knowledge-base brand of a platform.
    pub fn brand_of(&self, platform: &Platform) -> Option<BrandIdx> {
        all().iter().position(|p| std::ptr::eq(p, platform)).and_then(|i| self.brands.get(i).copied().flatten())
    }

    /// The entries for a host: its own, then those of `*.` parents.
    fn entries<'a>(&'a self, host: &'a str) -> impl Iterator<Item = Entry> + 'a {
        let parents = std::iter::successors(Some(host), |h| h.find('.').map(|i| &h[i + 1..])).skip(1);
        let exact = self.exact.get(host).into_iter().flatten();
        exact.chain(parents.filter_map(|d| self.wild.get(d)).flatten()).copied()
    }

    /// The site this address shows through a proxy, if its host is a proxy's.
    pub fn proxy(&self, url: &Url, host: &Host) -> Option<Hop> {
        self.proxies.iter().find_map(|&(platform, service)| {
            proxied_url(url, host, service).map(|to| Hop::Proxy { platform, service, to })
        })
    }

    /// The redirector this address goes through, if any: to be asked only of official hosts (the caller checks).
    pub fn redirect(&self, url: &Url, host: &Host) -> Option<Hop> {
        let path = url.path();
        for e in self.entries(&host.ascii) {
            let Entry::Redirect(platform, service) = e else { continue };
            let on_path = match service.path.ends_with('/') {
                true => starts_with_ignore_case(path, service.path),
                false => path.eq_ignore_ascii_case(service.path),
            };
            if !on_path {
                continue;
            }
            if service.hides_destination() {
                return Some(Hop::Redirect { platform, service, to: None });
            }
            let written = if service.rest_of_path {
                let rest = &path[service.path.len()..];
                Some(match url.query() {
                    Some(q) => format!("https://{rest}?{q}"),
                    None => format!("https://{rest}"),
                })
            } else if let Some(key) = service.segment {
                match path.split('/').find_map(|s| s.strip_prefix(key)) {
                    Some(v) => Some(v.to_string()),
                    None => continue,
                }
            } else {
                // the first of the keys that the query has, decoded once as a form value
                let Some(v) = service.params.iter().find_map(|k| url.query_pairs().find(|(key, _)| key == k)) else { continue };
                Some(v.1.into_owned())
            };
            return Some(Hop::Redirect { platform, service, to: written.map(|w| decode_destination(&w)).filter(|w| !w.is_empty()) });
        }
        None
    }

    /// The content space this official address falls in, if any.
    pub fn content(&self, url: &Url, host: &Host) -> Option<Space> {
        let path = url.path();
        for e in self.entries(&host.ascii) {
            let Entry::Content(platform, service) = e else { continue };
            let shared_item = !service.params.is_empty()
                && url.query_pairs().any(|(k, _)| service.params.iter().any(|p| p.eq_ignore_ascii_case(&k)));
            let inside = if service.paths.is_empty() {
                path != "/" && !path.is_empty() && !service.except.iter().any(|x| starts_with_ignore_case(path, x))
            } else {
                service.paths.iter().any(|p| path_matches(p, path))
            };
            if inside || shared_item {
                return Some(Space { platform, service });
            }
        }
        None
    }
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Does the path start like the pattern? `*` stands for one non-empty segment; ASCII case is ignored.
fn path_matches(pattern: &str, path: &str) -> bool {
    let (mut pat, mut rest) = (pattern, path);
    loop {
        let Some(star) = pat.find('*') else { return starts_with_ignore_case(rest, pat) };
        let literal = &pat[..star];
        if !starts_with_ignore_case(rest, literal) {
            return false;
        }
        rest = &rest[literal.len()..];
        let segment = rest.find('/').unwrap_or(rest.len());
        if segment == 0 {
            return false;
        }
        rest = &rest[segment..];
        pat = &pat[star + 1..];
    }
}

/// A destination as a redirector wrote it, percent-decoded again while it still looks encoded
/// (`https%3A%2F%2F…`: encoded twice by a sender who wanted to hide it), at most `MAX_DECODE` times.
fn decode_destination(written: &str) -> String {
    let mut s = written.trim().to_string();
    for _ in 0..MAX_DECODE {
        // a scheme followed by an escape (`https%3A`, `https%253A`), or the scheme itself escaped (`%68ttps`)
        let lower = s.get(..8).unwrap_or(&s).to_ascii_lowercase();
        let encoded = lower.starts_with("http%") || lower.starts_with("https%") || lower.starts_with("%68");
        if !encoded {
            break;
        }
        s = percent_decode_str(&s).decode_utf8_lossy().trim().to_string();
    }
    s
}

/// The proxied site's address, when the host is `<encoded host>.<suffix>` and the label decodes to a host with
/// a dot (`kjhsdfq-cn.translate.goog` → `kjhsdfq.cn`; `--` stands for `-`).
fn proxied_url(url: &Url, host: &Host, proxy: &Proxy) -> Option<String> {
    let label = host.ascii.strip_suffix(proxy.suffix)?.strip_suffix('.')?;
    if label.is_empty() || label.contains('.') {
        return None;
    }
    let decoded: Vec<String> = label.split("--").map(|part| part.replace('-', ".")).collect();
    let real = decoded.join("-");
    if !real.contains('.') || real.starts_with('.') || real.ends_with('.') || real.contains("..") {
        return None;
    }
    let scheme = match url.query_pairs().find(|(k, _)| k == proxy.scheme_param) {
        Some((_, v)) if v == "http" => "http",
        _ => "https",
    };
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.starts_with(proxy.own_params))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut out = format!("{scheme}://{real}{}", url.path());
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&url::form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_by_prefix_and_segment() {
        assert!(path_matches("/forms/d/", "/forms/d/e/1FAIpQ/viewform"));
        assert!(path_matches("/forms/u/*/d/", "/forms/u/1/d/e/x/viewform"));
        assert!(path_matches("/a/*/forms/d/", "/a/example.jp/forms/d/x"));
        assert!(path_matches("/Pages/ResponsePage.aspx", "/pages/responsepage.aspx"));
        assert!(!path_matches("/forms/u/*/d/", "/forms/u//d/x"));
        assert!(!path_matches("/forms/d/", "/forms/"));
        assert!(!path_matches("/a/*/forms/d/", "/a/x"));
    }

    #[test]
    fn destinations_are_decoded_while_they_look_encoded() {
        assert_eq!(decode_destination("https://x.cn/"), "https://x.cn/");
        assert_eq!(decode_destination("https%3A%2F%2Fx.cn%2F"), "https://x.cn/");
        assert_eq!(decode_destination("https%253A%252F%252Fx.cn%252F"), "https://x.cn/");
        assert_eq!(decode_destination("%68ttps%3A%2F%2Fx.cn"), "https://x.cn");
        // bounded: decoded three times and no more
        assert_eq!(decode_destination("https%2525252525253A"), "https%2525253A");
        assert_eq!(decode_destination("  "), "");
    }

    #[test]
    fn translate_goog_hosts_decode() {
        let psl = crate::host::SuffixList::new();
        let proxy = &all().iter().find_map(|p| p.proxies.first()).expect("a proxy");
        let decode = |u: &str| {
            let p = psl.parse_url(u).expect("url");
            proxied_url(&p.url, &p.host, proxy)
        };
        assert_eq!(decode("https://kjhsdfq-cn.translate.goog/").as_deref(), Some("https://kjhsdfq.cn/"));
        assert_eq!(
            decode("https://smbc--card-com-x-cn.translate.goog/a?_x_tr_sch=http&_x_tr_sl=auto&id=3").as_deref(),
            Some("http://smbc-card.com.x.cn/a?id=3")
        );
        assert_eq!(decode("https://nodot.translate.goog/"), None);
        assert_eq!(decode("https://a.b-c.translate.goog/"), None);
        assert_eq!(decode("https://translate.goog/"), None);
        assert_eq!(decode("https://-x-.translate.goog/"), None);
    }
}
