//! The brand knowledge base: data (`data/brands.toml`, compiled to JSON by build.rs), loaded once and indexed
//! for the matchers: official domains, hostname tokens, page names.
use crate::fields::FieldKind;
use crate::host::SuffixList;
use crate::text;
use serde::{Deserialize, Serialize};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OfficialDomain {
    pub name: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phone {
    pub number: String,
    pub ja: String,
    pub en: String,
    #[serde(default, skip_serializing)]
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Brand {
    pub id: String,
    pub name_ja: String,
    pub name_en: String,
    pub category: Category,
    pub names: Vec<String>,
    #[serde(default)]
    pub weak_names: Vec<String>,
    /// readings and spellings for finding the brand in the directory only (kana readings, romaji): never
    /// matched against page text, so a reading that is also an ordinary word or a person's name is harmless
    #[serde(default)]
    pub aliases: Vec<String>,
    pub domains: Vec<OfficialDomain>,
    #[serde(default)]
    pub input_hosts: Vec<String>,
    #[serde(default)]
    pub tokens: Vec<String>,
    #[serde(default)]
    pub weak_tokens: Vec<String>,
    #[serde(default)]
    pub claims: Vec<String>,
    pub asks: Vec<FieldKind>,
    pub never_asks: Vec<FieldKind>,
    #[serde(default)]
    pub never_asks_source: Option<String>,
    pub top: String,
    #[serde(default)]
    pub login: Option<String>,
    #[serde(default)]
    pub phishing_info: Option<String>,
    #[serde(default)]
    pub phones: Vec<Phone>,
    #[serde(default)]
    pub namesakes: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
    /// operates worldwide under many country domains (a TLD swap or a combo alone says less)
    #[serde(default)]
    pub global: bool,
    /// a payment network whose logo merchants show as an accepted card (VISA, Mastercard, JCB, AMEX…)
    #[serde(default)]
    pub card_network: bool,
}

#[derive(Deserialize)]
struct BrandFile {
    brand: Vec<Brand>,
}

pub type BrandIdx = usize;

/// One official registrable domain split for the embedding matcher: `micard` + [`co`, `jp`].
#[derive(Debug, Clone)]
pub struct DomainParts {
    pub brand: BrandIdx,
    pub domain: String,
    pub label: String,
    pub suffix: Vec<String>,
}

/// A page name of a brand, folded and confusable-skeletonised, ready for substring search.
#[derive(Debug, Clone)]
pub struct NamePattern {
    pub brand: BrandIdx,
    pub pattern: String,
    pub strong: bool,
}

pub struct KnowledgeBase {
    pub brands: Vec<Brand>,
    by_id: HashMap<String, BrandIdx>,
    by_domain: HashMap<String, BrandIdx>,
    /// official domains keyed by their label (`micard` → micard.co.jp)
    pub by_label: HashMap<String, Vec<DomainParts>>,
    /// official domains keyed by their suffix (`co.jp` → [micard.co.jp, …]) for typo'd embeddings
    pub by_suffix: HashMap<String, Vec<DomainParts>>,
    /// hostname tokens: token → (brand, strong)
    pub tokens: HashMap<String, Vec<(BrandIdx, bool)>>,
    /// namesake registrable domains of other organisations → the brands they must not be confused with
    pub namesakes: HashMap<String, Vec<BrandIdx>>,
    /// the page names folded and as one automaton, built at the first page with text (URL checks never
    /// need them)
    names: std::sync::OnceLock<(Vec<NamePattern>, text::PhraseSet)>,
}

impl KnowledgeBase {
    pub fn from_json(json: &str) -> Result<Self, String> {
        let file: BrandFile = serde_json::from_str(json).map_err(|e| format!("brands: {e}"))?;
        Self::from_brands(file.brand)
    }

    pub fn from_brands(brands: Vec<Brand>) -> Result<Self, String> {
        let mut kb = KnowledgeBase {
            by_id: HashMap::default(),
            by_domain: HashMap::default(),
            by_label: HashMap::default(),
            by_suffix: HashMap::default(),
            tokens: HashMap::default(),
            namesakes: HashMap::default(),
            names: std::sync::OnceLock::new(),
            brands,
        };
        for (i, b) in kb.brands.iter().enumerate() {
            if kb.by_id.insert(b.id.clone(), i).is_some() {
                return Err(format!("brand id `{}` appears twice", b.id));
            }
            for d in &b.domains {
                let name = d.name.to_ascii_lowercase();
                if let Some(other) = kb.by_domain.insert(name.clone(), i) {
                    return Err(format!("domain `{name}` belongs to `{}` and `{}`", kb.brands[other].id, b.id));
                }
                let mut labels = name.split('.');
                let label = labels.next().unwrap_or_default().to_string();
                let suffix: Vec<String> = labels.map(str::to_string).collect();
                let parts = DomainParts { brand: i, domain: name.clone(), label: label.clone(), suffix: suffix.clone() };
                // `smbc-card` is also written `smbccard` inside hosts
                if label.contains('-') {
                    let joined = label.replace('-', "");
                    let alias = DomainParts { label: joined.clone(), ..parts.clone() };
                    kb.by_label.entry(joined).or_default().push(alias.clone());
                    kb.by_suffix.entry(suffix.join(".")).or_default().push(alias);
                }
                kb.by_label.entry(label).or_default().push(parts.clone());
                kb.by_suffix.entry(suffix.join(".")).or_default().push(parts);
            }
            for t in &b.tokens {
                kb.tokens.entry(t.to_ascii_lowercase()).or_default().push((i, true));
            }
            for t in &b.weak_tokens {
                kb.tokens.entry(t.to_ascii_lowercase()).or_default().push((i, false));
            }
            for n in &b.namesakes {
                kb.namesakes.entry(n.to_ascii_lowercase()).or_default().push(i);
            }
        }
        Ok(kb)
    }

    /// The page names of every brand, folded and confusable-skeletonised (built once, at first use).
    pub fn names(&self) -> &[NamePattern] {
        &self.page_names().0
    }

    /// All page names in one automaton; `find_in` returns indexes into `names()`.
    pub fn name_set(&self) -> &text::PhraseSet {
        &self.page_names().1
    }

    fn page_names(&self) -> &(Vec<NamePattern>, text::PhraseSet) {
        self.names.get_or_init(|| {
            let mut names = Vec::new();
            for (i, b) in self.brands.iter().enumerate() {
                let mut seen = HashSet::default();
                for (n, strong) in b
                    .names
                    .iter()
                    .map(|n| (n, true))
                    .chain(b.claims.iter().map(|n| (n, true)))
                    .chain(b.weak_names.iter().map(|n| (n, false)))
                {
                    let pattern = text::fold_confusable(n);
                    if pattern.chars().count() >= 2 && seen.insert(pattern.clone()) {
                        names.push(NamePattern { brand: i, pattern, strong });
                    }
                }
            }
            let set = text::PhraseSet::new(&names.iter().map(|n| n.pattern.as_str()).collect::<Vec<_>>());
            (names, set)
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

    /// Problems with the data that the tests refuse: every official domain registrable and not on shared
    /// hosting, every URL on the brand's own domains, tokens well-formed, namesakes not official.
    pub fn problems(&self, psl: &SuffixList) -> Vec<String> {
        let mut out = Vec::new();
        for b in &self.brands {
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
            for d in &b.domains {
                let h = psl.host(&d.name);
                if h.registrable.as_deref() != Some(d.name.as_str()) {
                    out.push(p(format!("`{}` is not a registrable domain (registrable: {:?})", d.name, h.registrable)));
                }
                if h.shared_hosting {
                    out.push(p(format!("`{}` is on a shared-hosting suffix `{}`", d.name, h.suffix)));
                }
                if !h.suffix_known {
                    out.push(p(format!("`{}` has an unknown suffix", d.name)));
                }
                if !["seed", "tranco", "reference", "known"].contains(&d.source.as_str()) {
                    out.push(p(format!("`{}` has no valid source (`{}`)", d.name, d.source)));
                }
            }
            for t in b.tokens.iter().chain(&b.weak_tokens) {
                if t.is_empty() || !t.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-') {
                    out.push(p(format!("token `{t}` is not [a-z0-9-]+")));
                }
            }
            for t in &b.tokens {
                if t.len() < 4 {
                    out.push(p(format!("token `{t}` is too short to stand alone: move it to weak_tokens")));
                }
            }
            let mut urls = vec![("top", Some(&b.top))];
            urls.push(("login", b.login.as_ref()));
            urls.push(("phishing_info", b.phishing_info.as_ref()));
            for (what, u) in urls {
                let Some(u) = u else { continue };
                match psl.parse_url(u) {
                    Ok(parsed) if parsed.url.scheme() == "https"
                        && b.domains.iter().any(|d| parsed.host.is_within(&d.name)) => {}
                    _ => out.push(p(format!("{what} `{u}` is not an https URL on the brand's own domains"))),
                }
            }
            for h in &b.input_hosts {
                if !b.domains.iter().any(|d| psl.host(h).is_within(&d.name)) {
                    out.push(p(format!("input host `{h}` is not on the brand's domains")));
                }
            }
            for n in &b.namesakes {
                if self.by_domain.contains_key(n.as_str()) {
                    out.push(p(format!("namesake `{n}` is an official domain of a brand")));
                }
            }
            if let Some(parent) = &b.parent {
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
    pub const BRANDS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/brands.json"));
    pub const FIELDS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/fields.json"));
    pub const SIGNALS_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/signals.json"));
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
        KB.get_or_init(|| super::KnowledgeBase::from_json(super::embedded::BRANDS_JSON).expect("kb"))
    }
}
