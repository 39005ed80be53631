//! The brand knowledge base: data (`data/brands.toml`, compiled to JSON by build.rs), loaded once and indexed
//! for the matchers: official domains, hostname tokens, page names.
use crate::vocab::FieldKind;
pub use crate::vocab::{StrList, STR_LIST_SEP};
use crate::host::SuffixList;
use crate::text;
use serde::{Deserialize, Serialize};

use rustc_hash::FxHashMap as HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Bank,
    Card,
    Securities,
    Payment,
    Prepaid,
    Carrier,
    Isp,
    Ecommerce,
    Logistics,
    Utility,
    Transport,
    Government,
    Tech,
    Entertainment,
    Insurance,
    Crypto,
    Other,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct OfficialDomain {
    pub name: &'static str,
    pub source: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Phone {
    pub number: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    #[serde(skip_serializing)]
    pub source: &'static str,
}

/// One brand of `data/brands.toml` (schema: data/README.md), compiled into the crate by build.rs.
#[derive(Debug, Clone, Serialize)]
pub struct Brand {
    pub id: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub category: Category,
    pub names: StrList,
    pub weak_names: StrList,
    /// readings and spellings for finding the brand in the directory only (kana readings, romaji): never
    /// matched against page text, so a reading that is also an ordinary word or a person's name is harmless
    pub aliases: StrList,
    pub domains: &'static [OfficialDomain],
    pub input_hosts: StrList,
    pub tokens: StrList,
    pub weak_tokens: StrList,
    pub claims: StrList,
    pub asks: &'static [FieldKind],
    pub never_asks: &'static [FieldKind],
    pub never_asks_source: Option<&'static str>,
    pub top: &'static str,
    pub login: Option<&'static str>,
    pub phishing_info: Option<&'static str>,
    pub phones: &'static [Phone],
    pub namesakes: StrList,
    pub parent: Option<&'static str>,
    /// operates worldwide under many country domains (a TLD swap or a combo alone says less)
    pub global: bool,
    /// a payment network whose logo merchants show as an accepted card (VISA, Mastercard, JCB, AMEX…)
    pub card_network: bool,
}

pub type BrandIdx = usize;

/// One official registrable domain split for the embedding matcher: `micard` + [`co`, `jp`]. A hyphenated
/// label has a second entry without its hyphens (`smbc-card` is also written `smbccard` inside hosts).
/// Compiled by build.rs in knowledge-base order (`DOMAIN_PARTS`); `tests::domain_parts_are_the_brands_domains`
/// derives them again from the brands.
#[derive(Debug, Clone, Copy)]
pub struct DomainParts {
    /// its place in `KnowledgeBase::parts`
    pub index: usize,
    pub brand: BrandIdx,
    pub domain: &'static str,
    pub label: &'static str,
    pub suffix: &'static [&'static str],
    /// `suffix` joined with dots
    pub suffix_str: &'static str,
}

/// A page name of a brand, folded and confusable-skeletonised (by build.rs, with src/fold.rs), ready for
/// substring search.
#[derive(Debug, Clone, Copy)]
pub struct NamePattern {
    pub brand: BrandIdx,
    pub pattern: &'static str,
    pub strong: bool,
}

pub struct KnowledgeBase {
    pub brands: &'static [Brand],
    /// every official domain split (`DomainParts::index` is the place in this list)
    pub parts: &'static [DomainParts],
    by_id: HashMap<&'static str, BrandIdx>,
    by_domain: HashMap<&'static str, BrandIdx>,
    /// official domains keyed by their label (`micard` → micard.co.jp)
    pub by_label: HashMap<&'static str, Vec<&'static DomainParts>>,
    /// official domains keyed by their suffix (`co.jp` → [micard.co.jp, …]) for typo'd embeddings
    pub by_suffix: HashMap<&'static str, Vec<&'static DomainParts>>,
    /// hostname tokens: token → (brand, strong)
    pub tokens: HashMap<&'static str, Vec<(BrandIdx, bool)>>,
    /// namesake registrable domains of other organisations → the brands they must not be confused with
    pub namesakes: HashMap<&'static str, Vec<BrandIdx>>,
    /// the page names (folded at build time) as one automaton, built at the first page with text (URL checks
    /// never need it)
    names: std::sync::OnceLock<text::PhraseSet>,
}

impl KnowledgeBase {
    /// The knowledge base compiled into the crate, indexed. Nothing is parsed or copied: the indexes point
    /// into static data (build.rs lower-cases domains, tokens and namesakes, and splits the domains).
    pub fn new() -> Result<Self, String> {
        Self::from_static(embedded::BRANDS, embedded::DOMAIN_PARTS)
    }

    fn from_static(brands: &'static [Brand], parts: &'static [DomainParts]) -> Result<Self, String> {
        let mut kb = KnowledgeBase {
            by_id: HashMap::default(),
            by_domain: HashMap::default(),
            by_label: HashMap::default(),
            by_suffix: HashMap::default(),
            tokens: HashMap::default(),
            namesakes: HashMap::default(),
            names: std::sync::OnceLock::new(),
            brands,
            parts,
        };
        // the same insertions, in the same order, as when these maps were built from the JSON data: their
        // iteration order (which the look-alike indexes inherit) stays the same
        let mut parts = parts.iter().enumerate().peekable();
        for (i, b) in brands.iter().enumerate() {
            if kb.by_id.insert(b.id, i).is_some() {
                return Err(format!("brand id `{}` appears twice", b.id));
            }
            for d in b.domains {
                if let Some(other) = kb.by_domain.insert(d.name, i) {
                    return Err(format!("domain `{}` belongs to `{}` and `{}`", d.name, brands[other].id, b.id));
                }
                while let Some((_, p)) = parts.next_if(|(n, p)| p.index == *n && p.brand == i && p.domain == d.name) {
                    kb.by_label.entry(p.label).or_default().push(p);
                    kb.by_suffix.entry(p.suffix_str).or_default().push(p);
                }
            }
            for t in b.tokens {
                kb.tokens.entry(t).or_default().push((i, true));
            }
            for t in b.weak_tokens {
                kb.tokens.entry(t).or_default().push((i, false));
            }
            for n in b.namesakes {
                kb.namesakes.entry(n).or_default().push(i);
            }
        }
        if parts.next().is_some() {
            return Err("domain parts out of step with the brands".into());
        }
        Ok(kb)
    }

    /// The page names of every brand, folded and confusable-skeletonised (compiled in).
    pub fn names(&self) -> &'static [NamePattern] {
        embedded::NAME_PATTERNS
    }

    /// All page names in one automaton (built once, at first use); `find_in` returns indexes into `names()`.
    pub fn name_set(&self) -> &text::PhraseSet {
        self.names.get_or_init(|| {
            text::PhraseSet::new(&embedded::NAME_PATTERNS.iter().map(|n| n.pattern).collect::<Vec<_>>())
        })
    }

    pub fn get(&self, id: &str) -> Option<&Brand> {
        self.by_id.get(id).map(|&i| &self.brands[i])
    }

    pub fn index_of(&self, id: &str) -> Option<BrandIdx> {
        self.by_id.get(id).copied()
    }

    /// The brand that owns this registrable domain, if any.
    pub fn owner_of(&self, registrable: &str) -> Option<BrandIdx> {
        self.by_domain.get(registrable).copied()
    }

    /// The brand whose official domain this host is on, and that domain (`www1.micard.co.jp` → micard.co.jp).
    pub fn owner_of_host(&self, host: &crate::host::Host) -> Option<(BrandIdx, String)> {
        if host.kind != crate::host::HostKind::Domain {
            return None;
        }
        let mut rest = host.ascii.as_str();
        loop {
            if let Some(b) = self.owner_of(rest) {
                return Some((b, rest.to_string()));
            }
            match rest.find('.') {
                Some(p) => rest = &rest[p + 1..],
                None => return None,
            }
        }
    }

    /// Problems with the data that the tests refuse: every official domain registrable and not on shared
    /// hosting, every URL on the brand's own domains, tokens well-formed, namesakes not official.
    pub fn problems(&self, psl: &SuffixList) -> Vec<String> {
        let mut out = Vec::new();
        for b in self.brands {
            let p = |m: String| format!("{}: {m}", b.id);
            if b.id.is_empty() || !b.id.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_') {
                out.push(p(format!("id `{}` is not [a-z0-9_]+", b.id)));
            }
            if b.name_ja.trim().is_empty() || b.name_en.trim().is_empty() || b.names.is_empty() {
                out.push(p("display names missing".into()));
            }
            if b.domains.is_empty() {
                out.push(p("no official domain".into()));
            }
            for d in b.domains {
                let h = psl.host(d.name);
                if h.registrable.as_deref() != Some(d.name) {
                    out.push(p(format!("`{}` is not a registrable domain (registrable: {:?})", d.name, h.registrable)));
                }
                if h.shared_hosting {
                    out.push(p(format!("`{}` is on a shared-hosting suffix `{}`", d.name, h.suffix)));
                }
                if !h.suffix_known {
                    out.push(p(format!("`{}` has an unknown suffix", d.name)));
                }
                if !["seed", "tranco", "reference", "known"].contains(&d.source) {
                    out.push(p(format!("`{}` has no valid source (`{}`)", d.name, d.source)));
                }
            }
            for t in b.tokens.iter().chain(b.weak_tokens) {
                if t.is_empty() || !t.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-') {
                    out.push(p(format!("token `{t}` is not [a-z0-9-]+")));
                }
            }
            for t in b.tokens {
                if t.len() < 4 {
                    out.push(p(format!("token `{t}` is too short to stand alone: move it to weak_tokens")));
                }
            }
            let urls = [("top", Some(b.top)), ("login", b.login), ("phishing_info", b.phishing_info)];
            for (what, u) in urls {
                let Some(u) = u else { continue };
                match psl.parse_url(u) {
                    Ok(parsed) if parsed.url.scheme() == "https"
                        && b.domains.iter().any(|d| parsed.host.is_within(d.name)) => {}
                    _ => out.push(p(format!("{what} `{u}` is not an https URL on the brand's own domains"))),
                }
            }
            for h in b.input_hosts {
                if !b.domains.iter().any(|d| psl.host(h).is_within(d.name)) {
                    out.push(p(format!("input host `{h}` is not on the brand's domains")));
                }
            }
            for n in b.namesakes {
                if self.by_domain.contains_key(n) {
                    out.push(p(format!("namesake `{n}` is an official domain of a brand")));
                }
            }
            if let Some(parent) = b.parent {
                if self.get(parent).is_none() {
                    out.push(p(format!("parent `{parent}` is not a brand")));
                }
            }
        }
        out
    }
}

/// Data compiled into the crate by build.rs.
pub mod embedded {
    use super::{Brand, Category, DomainParts, NamePattern, OfficialDomain, Phone};
    use crate::vocab::{FieldKind, KindWords, SignalWords, StrList};
    include!(concat!(env!("OUT_DIR"), "/brands.rs"));
    include!(concat!(env!("OUT_DIR"), "/vocab.rs"));
    /// the list as text (comments stripped, rules punycoded): the oracle that tests hold the static table to
    pub const PSL: &str = include_str!(concat!(env!("OUT_DIR"), "/psl.dat"));
}

#[cfg(test)]
pub mod test_support {
    use crate::host::SuffixList;
    use std::sync::OnceLock;

    pub fn suffix_list() -> SuffixList {
        SuffixList::new()
    }

    pub fn kb() -> &'static super::KnowledgeBase {
        static KB: OnceLock<super::KnowledgeBase> = OnceLock::new();
        KB.get_or_init(|| super::KnowledgeBase::new().expect("kb"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashSet as HashSet;

    /// build.rs's split of the official domains is the one the matchers were written for: each domain
    /// lower-cased and cut after its first label, a hyphenated label also without its hyphens (first).
    #[test]
    fn domain_parts_are_the_brands_domains() {
        let mut expected = Vec::new();
        for (i, b) in embedded::BRANDS.iter().enumerate() {
            for d in b.domains {
                let name = d.name.to_ascii_lowercase();
                let mut labels = name.split('.');
                let label = labels.next().unwrap_or_default().to_string();
                let suffix: Vec<String> = labels.map(str::to_string).collect();
                if label.contains('-') {
                    expected.push((i, name.clone(), label.replace('-', ""), suffix.clone()));
                }
                expected.push((i, name, label, suffix));
            }
        }
        let got: Vec<(usize, String, String, Vec<String>)> = embedded::DOMAIN_PARTS
            .iter()
            .map(|p| {
                assert_eq!(p.suffix.join("."), p.suffix_str);
                (p.brand, p.domain.to_string(), p.label.to_string(), p.suffix.iter().map(|s| s.to_string()).collect())
            })
            .collect();
        assert_eq!(got, expected);
        let kb = KnowledgeBase::new().expect("kb");
        assert_eq!(kb.by_label.values().map(Vec::len).sum::<usize>(), embedded::DOMAIN_PARTS.len());
        assert_eq!(kb.owner_of("micard.co.jp"), kb.index_of("micard"));
        assert!(kb.by_label.get("smbccard").is_some_and(|p| p[0].domain == "smbc-card.com"));
    }

    /// The names folded by build.rs are the ones the engine folds at run time, in the same order.
    #[test]
    fn name_patterns_are_the_brands_names_folded() {
        let mut expected = Vec::new();
        for (i, b) in embedded::BRANDS.iter().enumerate() {
            let mut seen = HashSet::default();
            let strong = b.names.iter().chain(b.claims).map(|n| (n, true));
            for (n, strong) in strong.chain(b.weak_names.iter().map(|n| (n, false))) {
                let pattern = text::fold_confusable(n);
                if pattern.chars().count() >= 2 && seen.insert(pattern.clone()) {
                    expected.push((i, pattern, strong));
                }
            }
        }
        let got: Vec<(usize, String, bool)> =
            embedded::NAME_PATTERNS.iter().map(|n| (n.brand, n.pattern.to_string(), n.strong)).collect();
        assert_eq!(got, expected);
    }
}
