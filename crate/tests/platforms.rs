//! The content platforms, redirectors and proxies of `data/platforms.toml` (issue 17), validated as data: every
//! host on its brand's official domains (a proxy's suffix on the suffix list's PRIVATE section), every path and
//! key well-formed, a source for each entry; then each entry through the engine: an address in the space is
//! user content, the host's own root page stays official.
use omamori::platform::{self, Platform};
use omamori::{Engine, Level};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new().expect("engine"))
}

/// `known: …` (long-established public behaviour) or an https URL.
fn source_ok(s: &str) -> bool {
    s.strip_prefix("known: ").is_some_and(|rest| rest.len() >= 10)
        || engine().suffix_list().parse_url(s).is_ok_and(|p| p.url.scheme() == "https" && s.starts_with("https://"))
}

/// A path pattern: starts with `/`, `*` only as a whole segment, no empty segment inside.
fn pattern_ok(p: &str) -> bool {
    let inner: Vec<&str> = p.split('/').skip(1).collect();
    p.starts_with('/')
        && p.is_ascii()
        && !p.contains(['?', '#', ' '])
        && inner.iter().enumerate().all(|(i, seg)| {
            (!seg.contains('*') || *seg == "*") && (!seg.is_empty() || i + 1 == inner.len())
        })
}

/// Every host a platform names, with what names it.
fn hosts(p: &Platform) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for c in p.content {
        out.extend(c.hosts.iter().map(|h| (h, format!("content {}", c.service_en))));
    }
    for r in p.redirects {
        out.extend(r.hosts.iter().map(|h| (h, format!("redirect {}", r.service_en))));
    }
    out
}

#[test]
fn every_entry_is_well_formed_and_sourced() {
    let kb = engine().kb();
    let psl = engine().suffix_list();
    let mut problems = Vec::new();
    assert!(platform::all().len() >= 8, "only {} platforms", platform::all().len());
    for p in platform::all() {
        let Some(brand) = kb.get(p.brand) else {
            problems.push(format!("{}: not a brand of brands.toml", p.brand));
            continue;
        };
        if p.name_ja.trim().is_empty() || p.name_en.trim().is_empty() {
            problems.push(format!("{}: short names missing", p.brand));
        }
        for (host, what) in hosts(p) {
            let bare = host.strip_prefix("*.").unwrap_or(host);
            let h = psl.host(bare);
            let official = brand.domains.iter().any(|d| h.is_within(d.name));
            if !official || h.ascii != bare {
                problems.push(format!("{} {what}: host `{host}` is not on {}'s official domains", p.brand, p.brand));
            }
        }
        for c in p.content {
            for pat in c.paths.iter().chain(c.except) {
                if !pattern_ok(pat) {
                    problems.push(format!("{} {}: path `{pat}` is not a well-formed pattern", p.brand, c.service_en));
                }
            }
            if c.params.iter().any(|k| k.is_empty() || k.contains(['=', '&'])) {
                problems.push(format!("{} {}: a query key is malformed", p.brand, c.service_en));
            }
            if !source_ok(c.source) || c.service_ja.is_empty() || c.service_en.is_empty() {
                problems.push(format!("{} {}: no source or no service name", p.brand, c.service_en));
            }
        }
        for r in p.redirects {
            if !pattern_ok(r.path) || r.path.contains('*') {
                problems.push(format!("{} {}: path `{}` is not a plain path", p.brand, r.service_en, r.path));
            }
            if r.rest_of_path && !r.path.ends_with('/') {
                problems.push(format!("{} {}: rest_of_path needs a path prefix ending in /", p.brand, r.service_en));
            }
            if r.params.iter().any(|k| k.is_empty() || k.contains(['=', '&'])) || r.segment.is_some_and(|s| !s.ends_with('=')) {
                problems.push(format!("{} {}: a key is malformed", p.brand, r.service_en));
            }
            if !source_ok(r.source) || r.service_ja.is_empty() || r.service_en.is_empty() {
                problems.push(format!("{} {}: no source or no service name", p.brand, r.service_en));
            }
        }
        for x in p.proxies {
            // a proxy's hosts are everyone's: its suffix is a shared-hosting suffix, never an official domain
            let h = psl.host(&format!("x.{}", x.suffix));
            if !h.shared_hosting || h.suffix != x.suffix {
                problems.push(format!("{} {}: `{}` is not a PRIVATE suffix of the list", p.brand, x.service_en, x.suffix));
            }
            if x.scheme_param.is_empty() || x.own_params.is_empty() || !source_ok(x.source) {
                problems.push(format!("{} {}: keys or source missing", p.brand, x.service_en));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems in platforms.toml:\n{}", problems.len(), problems.join("\n"));
}

/// Each content space through the engine: an address in it (its first pattern, `*` filled) is user content and
/// not safe; the root page of each of its hosts (a `*.` host: `www.` under it) stays official.
#[test]
fn spaces_are_user_content_and_roots_stay_official() {
    let mut failures = Vec::new();
    for p in platform::all() {
        for c in p.content {
            for host in c.hosts {
                let host = match host.strip_prefix("*.") {
                    Some(d) => format!("www.{d}"),
                    None => host.to_string(),
                };
                let inside = match c.paths.first() {
                    Some(pat) => format!("https://{host}{}someone", pat.replace('*', "x1")),
                    None => format!("https://{host}/someone/page"),
                };
                match engine().check_url(&inside) {
                    Ok(v) if v.user_content && v.level != Level::Safe && v.rules.iter().any(|r| r.code() == "user-content-on-platform") => {}
                    other => failures.push(format!("{inside}: {:?}", other.map(|v| (v.level, v.user_content, v.rule_codes())))),
                }
                let root = format!("https://{host}/");
                match engine().check_url(&root) {
                    Ok(v) if v.level == Level::Safe && !v.user_content && v.brand.as_deref() == Some(p.brand) => {}
                    other => failures.push(format!("{root}: {:?}", other.map(|v| (v.level, v.user_content, v.rule_codes(), v.brand)))),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Each redirector through the engine: a link to an imitation of an official domain written where the entry
/// says is judged at that destination, named as the destination, and said to go through the platform.
#[test]
fn redirectors_lead_to_their_destination() {
    let target = "https://micard.co.jp.kwtqq.com/login";
    let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
    let mut failures = Vec::new();
    for p in platform::all() {
        for r in p.redirects {
            let host = r.hosts.first().map(|h| h.replace("*.", "r.")).unwrap_or_default();
            let link = if let Some(key) = r.params.first() {
                format!("https://{host}{}?{key}={encoded}&x=1", r.path)
            } else if let Some(seg) = r.segment {
                format!("https://{host}{}a/{seg}{encoded}/RK=2", r.path)
            } else if r.rest_of_path {
                format!("https://{host}{}micard.co.jp.kwtqq.com/login", r.path)
            } else {
                // hidden behind a code: never safe, never judged as somewhere else
                let code = if r.path.ends_with('/') { "AbC0" } else { "?code=AbC0" };
                let link = format!("https://{host}{}{code}", r.path);
                match engine().check_url(&link) {
                    Ok(v) if v.level == Level::None && v.destination.is_none() && v.rules.iter().any(|r| r.code() == "redirect-destination-hidden") => {}
                    other => failures.push(format!("{link}: {:?}", other.map(|v| (v.level, v.rule_codes())))),
                }
                continue;
            };
            match engine().check_url(&link) {
                Ok(v) if v.level == Level::Danger
                    && v.brand.as_deref() == Some("micard")
                    && v.destination.as_deref() == Some(target)
                    && v.host == "micard.co.jp.kwtqq.com"
                    && v.via.first().is_some_and(|s| s.brand.as_deref() == Some(p.brand))
                    && v.reasons.iter().any(|x| x.code == "via-redirect" && x.ja.contains(p.name_ja) && x.en.contains(p.name_en)) => {}
                other => failures.push(format!("{link}: {:?}", other.map(|v| (v.level, v.rule_codes(), v.brand, v.destination)))),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
