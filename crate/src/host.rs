//! Hosts as the public suffix list sees them: registrable domain, suffix (ICANN or PRIVATE = shared hosting),
//! labels, IDN in both forms, IP literals. Parsing URLs is the `url` crate's job (userinfo, ports, IDNA).
use publicsuffix::{List, Psl, Type};
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

/// The public suffix list, parsed once.
pub struct SuffixList {
    list: List,
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
    pub fn parse(text: &str) -> Result<Self, String> {
        text.parse::<List>().map(|list| Self { list }).map_err(|e| format!("public suffix list: {e:?}"))
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
        let (suffix, shared_hosting, suffix_known) = match self.list.suffix(ascii.as_bytes()) {
            Some(s) => (
                String::from_utf8_lossy(s.as_bytes()).into_owned(),
                s.typ() == Some(Type::Private),
                s.is_known(),
            ),
            None => (String::new(), false, false),
        };
        let registrable = self
            .list
            .domain(ascii.as_bytes())
            .map(|d| String::from_utf8_lossy(d.as_bytes()).into_owned());
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
