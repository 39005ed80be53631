//! Hosts as the public suffix list sees them: registrable domain, suffix (ICANN or PRIVATE = shared hosting),
//! labels, IDN in both forms, IP literals. Parsing URLs is the `url` crate's job (userinfo, ports, IDNA).
use psl_types::{Info, List as Psl, Type};
use std::net::IpAddr;
use url::Url;

/// Hosts longer than this are analysed only up to this many bytes (DNS allows 253).
pub const MAX_HOST_LEN: usize = 253;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostKind {
    Domain,
    Ip,
}

#[derive(Debug, Clone)]
pub struct Host {
    /// lower-case ASCII (punycode) form, no trailing dot
    pub ascii: String,
    /// the Unicode form a person reads (IDN decoded); equals `ascii` for plain hosts
    pub unicode: String,
    pub kind: HostKind,
    /// registrable domain (eTLD+1, private suffixes included): `kwtqq.com`, `foo.workers.dev`
    pub registrable: Option<String>,
    /// the public suffix: `com`, `co.jp`, `workers.dev`
    pub suffix: String,
    /// the suffix comes from the PRIVATE section (shared hosting, dynamic DNS)
    pub shared_hosting: bool,
    /// the suffix is in the list (not only the implicit `*` rule)
    pub suffix_known: bool,
}

impl Host {
    /// Labels of the part in front of the registrable domain (`www1.micard.co.jp` of
    /// `www1.micard.co.jp.kwtqq.com`), empty when there is none.
    pub fn subdomain(&self) -> &str {
        match &self.registrable {
            Some(r) if self.ascii.len() > r.len() => &self.ascii[..self.ascii.len() - r.len() - 1],
            _ => "",
        }
    }

    /// The registrable domain without its suffix (`kwtqq` of `kwtqq.com`, `foo` of `foo.workers.dev`).
    pub fn registrable_label(&self) -> &str {
        match &self.registrable {
            Some(r) if r.len() > self.suffix.len() => &r[..r.len() - self.suffix.len() - 1],
            _ => "",
        }
    }

    /// `true` when this host is `domain` or a subdomain of it.
    pub fn is_within(&self, domain: &str) -> bool {
        self.ascii == domain
            || (self.ascii.len() > domain.len()
                && self.ascii.ends_with(domain)
                && self.ascii.as_bytes()[self.ascii.len() - domain.len() - 1] == b'.')
    }
}

/// The public suffix list, compiled into a static trie by build.rs: nothing to parse or allocate at start-up.
#[derive(Debug, Clone, Copy, Default)]
pub struct SuffixList;

mod table {
    include!(concat!(env!("OUT_DIR"), "/psl_table.rs"));
}

/// The child of `node` labelled `label`, by binary search among its (sorted) children.
fn child(node: usize, label: &[u8]) -> Option<usize> {
    let (mut lo, mut hi) = (
        *table::FIRST_CHILD.get(node)? as usize,
        *table::FIRST_CHILD.get(node + 1)? as usize,
    );
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = if mid == 0 { 0 } else { table::LABEL_END[mid - 1] as usize };
        let name = table::LABELS.as_bytes().get(start..table::LABEL_END[mid] as usize)?;
        match name.cmp(label) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// The rule ending at `node`: its section, and whether it is an exception.
fn leaf(node: usize) -> Option<(Type, bool)> {
    let l = *table::LEAF.get(node)?;
    let typ = match l & (table::LEAF_ICANN | table::LEAF_PRIVATE) {
        table::LEAF_ICANN => Type::Icann,
        table::LEAF_PRIVATE => Type::Private,
        _ => return None,
    };
    Some((typ, l & table::LEAF_EXCEPTION != 0))
}

impl Psl for SuffixList {
    /// The `publicsuffix` crate's `List::find`, step for step, on the static trie (labels right to left).
    fn find<'a, T>(&self, mut labels: T) -> Info
    where
        T: Iterator<Item = &'a [u8]>,
    {
        let Some(first) = labels.next() else { return Info { len: 0, typ: None } };
        let mut info = Info { len: first.len(), typ: None };
        let Some(mut node) = child(0, first) else { return info };
        info.typ = leaf(node).map(|(typ, _)| typ);
        let mut len_so_far = info.len;
        for label in labels {
            match child(node, label).or_else(|| child(node, b"*")) {
                Some(n) => node = n,
                None => break,
            }
            let label_plus_dot = label.len() + 1;
            if let Some((typ, exception)) = leaf(node) {
                info.typ = Some(typ);
                if exception {
                    info.len = len_so_far;
                    break;
                }
                info.len = len_so_far + label_plus_dot;
            }
            len_so_far += label_plus_dot;
        }
        info
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    Unparsable,
    NoHost,
}

#[derive(Debug, Clone)]
pub struct ParsedUrl {
    pub url: Url,
    pub host: Host,
}

impl SuffixList {
    /// The list compiled into the crate (free: a static table).
    pub const fn new() -> Self {
        SuffixList
    }

    /// Analyses a host given in ASCII or Unicode form (lower-cased, trailing dot dropped).
    pub fn host(&self, raw: &str) -> Host {
        let trimmed = raw.trim().trim_end_matches('.');
        let bracketless = trimmed.trim_start_matches('[').trim_end_matches(']');
        if bracketless.parse::<IpAddr>().is_ok() {
            return Host {
                ascii: bracketless.to_ascii_lowercase(),
                unicode: bracketless.to_ascii_lowercase(),
                kind: HostKind::Ip,
                registrable: None,
                suffix: String::new(),
                shared_hosting: false,
                suffix_known: false,
            };
        }
        // an ASCII host with no punycode label (what the URL parser gives for almost every address) is its own
        // ASCII and Unicode form: IDNA would only lower-case it
        let plain = trimmed.is_ascii() && !trimmed.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"xn--"));
        let mut ascii = match plain {
            true => trimmed.to_ascii_lowercase(),
            false => match idna::domain_to_ascii(trimmed) {
                Ok(a) => a,
                Err(_) => trimmed.to_ascii_lowercase(),
            },
        };
        if ascii.len() > MAX_HOST_LEN {
            // keep the right-hand end: that is where the registrable domain is
            let mut cut = ascii.len() - MAX_HOST_LEN;
            // a host IDNA refused may hold non-ASCII characters: never cut inside one
            while !ascii.is_char_boundary(cut) {
                cut += 1;
            }
            let start = ascii[cut..].find('.').map_or(cut, |p| cut + p + 1);
            ascii = ascii[start..].to_string();
        }
        let unicode = match plain {
            true => ascii.clone(),
            false => idna::domain_to_unicode(&ascii).0,
        };
        // one walk of the trie for both: the registrable domain carries its suffix
        let domain = self.domain(ascii.as_bytes());
        let suffix = match &domain {
            Some(d) => Some(d.suffix()),
            None => self.suffix(ascii.as_bytes()),
        };
        let (suffix, shared_hosting, suffix_known) = match suffix {
            Some(s) => (
                String::from_utf8_lossy(s.as_bytes()).into_owned(),
                s.typ() == Some(Type::Private),
                s.is_known(),
            ),
            None => (String::new(), false, false),
        };
        let registrable = domain.map(|d| String::from_utf8_lossy(d.as_bytes()).into_owned());
        Host { ascii, unicode, kind: HostKind::Domain, registrable, suffix, shared_hosting, suffix_known }
    }

    /// Parses a URL as a browser would (adding `http://` to a bare host) and analyses its host.
    pub fn parse_url(&self, input: &str) -> Result<ParsedUrl, UrlError> {
        let input = input.trim();
        let url = match Url::parse(input) {
            Ok(u) => u,
            // a bare host as people paste it (`micard.co.jp.kwtqq.com/login`): it must at least have a dot
            Err(url::ParseError::RelativeUrlWithoutBase)
                if !input.contains(char::is_whitespace)
                    && input.split(['/', '?', '#']).next().is_some_and(|h| h.contains('.') || h.starts_with('[')) =>
            {
                Url::parse(&format!("http://{input}")).map_err(|_| UrlError::Unparsable)?
            }
            Err(_) => return Err(UrlError::Unparsable),
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) => self.host(d),
            Some(url::Host::Ipv4(ip)) => self.host(&ip.to_string()),
            Some(url::Host::Ipv6(ip)) => self.host(&ip.to_string()),
            None => return Err(UrlError::NoHost),
        };
        if host.ascii.is_empty() {
            return Err(UrlError::NoHost);
        }
        Ok(ParsedUrl { url, host })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> SuffixList {
        crate::kb::test_support::suffix_list()
    }

    /// A list's suffix of a host (bytes, section, known, fully qualified) and registrable domain.
    type Answer = (Option<(Vec<u8>, Option<Type>, bool, bool)>, Option<Vec<u8>>);

    /// What a list answers for a host: suffix (bytes, section, known) and registrable domain.
    fn answer<L: Psl>(l: &L, host: &[u8]) -> Answer {
        (
            l.suffix(host).map(|s| (s.as_bytes().to_vec(), s.typ(), s.is_known(), s.is_fqdn())),
            l.domain(host).map(|d| d.as_bytes().to_vec()),
        )
    }

    /// The static table answers exactly as the `publicsuffix` crate parsing the same list.
    fn assert_agrees(oracle: &publicsuffix::List, hosts: impl IntoIterator<Item = String>) -> usize {
        let mine = SuffixList::new();
        let mut n = 0;
        for h in hosts {
            n += 1;
            assert_eq!(answer(&mine, h.as_bytes()), answer(oracle, h.as_bytes()), "host {h:?}");
        }
        n
    }

    fn oracle() -> publicsuffix::List {
        crate::kb::embedded::PSL.parse().expect("publicsuffix parses the vendored list")
    }

    #[test]
    fn static_table_agrees_with_publicsuffix_on_every_rule() {
        let oracle = oracle();
        let mut hosts = Vec::new();
        for line in crate::kb::embedded::PSL.lines().filter(|l| !l.starts_with("//")) {
            let base = line.trim_start_matches('!').trim_start_matches("*.");
            for h in [
                base.to_string(),
                format!("{base}."),
                format!("x.{base}"),
                format!("y.x.{base}"),
                format!("y.x.{base}."),
                format!("Z.{base}"),
                format!("{}.{base}", base.split('.').next().unwrap_or("")),
            ] {
                hosts.push(h);
            }
            if let Some(parent) = base.split_once('.').map(|(_, p)| p) {
                hosts.push(format!("a.{parent}"));
                hosts.push(format!("b.a.{parent}"));
            }
        }
        assert!(assert_agrees(&oracle, hosts) > 50_000);
    }

    #[test]
    fn static_table_agrees_with_publicsuffix_on_odd_and_real_hosts() {
        let oracle = oracle();
        let mut hosts: Vec<String> = [
            "", ".", "..", "...", "a..b", "com", "com.", ".com", "a.com..", "*", "*.jp", "!city.kawasaki.jp",
            "city.kawasaki.jp", "x.city.kawasaki.jp", "kawasaki.jp", "foo.kawasaki.jp", "a.foo.kawasaki.jp",
            "www.ck", "x.www.ck", "foo.ck", "a.b.foo.ck", "unknowntld", "a.unknowntld", "b.a.unknowntld",
            "example.xn--p1ai", "xn--80ak6aa92e.com", "ドメイン.テスト", "a.b.c.d.e.f.g.h.co.jp", "COM", "Co.Jp",
            "micard.co.jp.kwtqq.com", "a.b.duckdns.org", "x.workers.dev", "user.github.io", "github.io",
            "192.168.0.1", "[::1]", "a b.com", "a\u{0}.com", "é.jp", "a.é", "-.jp", "_x.co.uk",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let kb = crate::kb::test_support::kb();
        for b in kb.brands {
            for d in b.domains {
                hosts.push(d.name.to_string());
                hosts.push(format!("www.{}", d.name));
                hosts.push(format!("{}.kwtqq.com", d.name));
            }
            hosts.extend(b.namesakes.iter().map(|n| n.to_string()));
        }
        // every TLD and second level under hosts made of labels from the list itself
        let labels: Vec<&str> = crate::kb::embedded::PSL
            .lines()
            .filter(|l| !l.starts_with("//"))
            .flat_map(|l| l.trim_start_matches('!').split('.'))
            .collect();
        for (i, w) in labels.windows(3).enumerate().step_by(3) {
            hosts.push(format!("{}.{}.{}", w[0], w[1], w[2]));
            hosts.push(format!("{}.{}", w[2], labels[(i * 7919) % labels.len()]));
        }
        // the measurement data, when this checkout has it beside it
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data");
        let generated = hosts.len();
        if let Ok(f) = std::fs::File::open(format!("{dir}/jpcert-phish-2019-2024.csv.gz")) {
            use std::io::BufRead;
            for line in std::io::BufReader::new(flate2::read::GzDecoder::new(f)).lines().skip(1).map_while(Result::ok) {
                let url = line.split(',').nth(1).unwrap_or("");
                let host = url.split("://").nth(1).unwrap_or(url).split(['/', '?', '#', ':', '@']).next().unwrap_or("");
                hosts.push(host.to_ascii_lowercase());
            }
        }
        // (a clone without the measurement data beside it checks the generated hosts only)
        let expected = if hosts.len() > generated { 20_000 } else { generated / 2 };
        assert!(generated > 5_000, "{generated} generated hosts");
        assert!(assert_agrees(&oracle, hosts) > expected);
    }

    #[test]
    fn registrable_and_subdomain() {
        let l = list();
        let h = l.host("www1.micard.co.jp.kwtqq.com.");
        assert_eq!(h.registrable.as_deref(), Some("kwtqq.com"));
        assert_eq!(h.subdomain(), "www1.micard.co.jp");
        assert_eq!(h.registrable_label(), "kwtqq");
        assert!(!h.shared_hosting);
        let h = l.host("WWW1.MICARD.CO.JP");
        assert_eq!(h.registrable.as_deref(), Some("micard.co.jp"));
        assert!(h.is_within("micard.co.jp"));
        assert!(!l.host("xmicard.co.jp").is_within("micard.co.jp"));
    }

    #[test]
    fn private_suffixes_are_shared_hosting() {
        let l = list();
        for (host, reg) in [
            ("micard-login.workers.dev", "micard-login.workers.dev"),
            ("a.b.duckdns.org", "b.duckdns.org"),
            ("x.pages.dev", "x.pages.dev"),
            ("user.github.io", "user.github.io"),
        ] {
            let h = l.host(host);
            assert!(h.shared_hosting, "{host}");
            assert_eq!(h.registrable.as_deref(), Some(reg), "{host}");
        }
        assert!(!l.host("www.smbc.co.jp").shared_hosting);
    }

    #[test]
    fn userinfo_and_ports_do_not_fool_it() {
        let l = list();
        let p = l.parse_url("https://www.smbc.co.jp@evil.example:8443/x").unwrap();
        assert_eq!(p.host.ascii, "evil.example");
        let p = l.parse_url("micard.co.jp.kwtqq.com/login").unwrap();
        assert_eq!(p.host.registrable.as_deref(), Some("kwtqq.com"));
        assert!(l.parse_url("not a url").is_err());
        assert!(l.parse_url("notaurl").is_err());
        assert!(l.parse_url("data:text/html,hi").is_err());
    }

    #[test]
    fn idn_and_ip() {
        let l = list();
        let h = l.host("xn--rakutn-tva.xn--c-xga.jp.x.xyz");
        assert!(h.unicode.starts_with("rakutën.cô.jp"));
        let h = l.host("[::1]");
        assert_eq!(h.kind, HostKind::Ip);
        assert!(h.registrable.is_none());
        let p = l.parse_url("http://192.168.0.1/login").unwrap();
        assert_eq!(p.host.kind, HostKind::Ip);
        let long = format!("{}.example.com", "a".repeat(2000));
        assert!(l.host(&long).ascii.len() <= MAX_HOST_LEN);
    }
}
