//! Risk-signal vocabularies (`data/signals.toml`): abused TLDs, shared hosting not in the PSL, shorteners,
//! credential words for hostnames, urgency / verification / cash-out / fake-shop wording for pages.
use crate::text::fold;
use serde::Deserialize;
use rustc_hash::FxHashSet as HashSet;

#[derive(Deserialize)]
struct SignalsFile {
    abused_tlds: Vec<String>,
    shared_hosting: Vec<String>,
    shorteners: Vec<String>,
    credential_words: Vec<String>,
    credential_inside: Vec<String>,
    urgency: Vec<String>,
    verification_page: Vec<String>,
    cash_out: Vec<String>,
    prepaid_by_message: Vec<String>,
    prepaid_words: Vec<String>,
    fake_shop: Vec<String>,
    shop_contact: Vec<String>,
}

pub struct Signals {
    pub abused_tlds: HashSet<String>,
    pub shared_hosting: HashSet<String>,
    pub shorteners: HashSet<String>,
    pub credential_words: HashSet<String>,
    pub credential_inside: Vec<String>,
    /// page wording as written, folded into `page` at the first page with text
    raw: PageVocab,
    page: std::sync::OnceLock<PageVocab>,
}

/// Phrases searched in page text (NFKC-folded): only pages with text need them.
#[derive(Default)]
pub struct PageVocab {
    pub urgency: Vec<String>,
    pub verification_page: Vec<String>,
    pub cash_out: Vec<String>,
    pub prepaid_by_message: Vec<String>,
    pub prepaid_words: Vec<String>,
    pub fake_shop: Vec<String>,
    pub shop_contact: Vec<String>,
}

impl Signals {
    pub fn from_json(json: &str) -> Result<Self, String> {
        let f: SignalsFile = serde_json::from_str(json).map_err(|e| format!("signals: {e}"))?;
        let set = |v: Vec<String>| v.into_iter().map(|s| s.to_ascii_lowercase()).collect::<HashSet<_>>();
        Ok(Signals {
            abused_tlds: set(f.abused_tlds),
            shared_hosting: set(f.shared_hosting),
            shorteners: set(f.shorteners),
            credential_words: set(f.credential_words),
            credential_inside: f.credential_inside.into_iter().map(|s| s.to_ascii_lowercase()).collect(),
            raw: PageVocab {
                urgency: f.urgency,
                verification_page: f.verification_page,
                cash_out: f.cash_out,
                prepaid_by_message: f.prepaid_by_message,
                prepaid_words: f.prepaid_words,
                fake_shop: f.fake_shop,
                shop_contact: f.shop_contact,
            },
            page: std::sync::OnceLock::new(),
        })
    }

    /// The page wording, folded (built once, at the first page that has text).
    pub fn page(&self) -> &PageVocab {
        self.page.get_or_init(|| {
            let folded = |v: &[String]| v.iter().map(|s| fold(s)).collect::<Vec<_>>();
            let r = &self.raw;
            PageVocab {
                urgency: folded(&r.urgency),
                verification_page: folded(&r.verification_page),
                cash_out: folded(&r.cash_out),
                prepaid_by_message: folded(&r.prepaid_by_message),
                prepaid_words: folded(&r.prepaid_words),
                fake_shop: folded(&r.fake_shop),
                shop_contact: folded(&r.shop_contact),
            }
        })
    }

    /// The registrable domain of a host on a shared-hosting service that the PSL does not list
    /// (`x.weebly.com` → `weebly.com`), if any.
    pub fn shared_parent<'a>(&self, ascii_host: &'a str) -> Option<&'a str> {
        let mut rest = ascii_host;
        while let Some(p) = rest.find('.') {
            rest = &rest[p + 1..];
            if self.shared_hosting.contains(rest) {
                return Some(rest);
            }
        }
        None
    }
}

/// Does the folded text contain any of the folded phrases?
pub fn any_phrase<'a>(text: &str, phrases: &'a [String]) -> Option<&'a str> {
    phrases.iter().find(|p| crate::text::contains_word(text, p)).map(String::as_str)
}
