//! Risk-signal vocabularies (`data/signals.toml`): abused TLDs, shared hosting not in the PSL, shorteners,
//! credential words for hostnames, urgency / verification / cash-out / fake-shop wording for pages.
use crate::vocab::StrList;
pub use crate::vocab::SignalWords;
use crate::text::fold;
use rustc_hash::FxHashSet as HashSet;

pub struct Signals {
    pub abused_tlds: HashSet<&'static str>,
    pub shared_hosting: HashSet<&'static str>,
    pub shorteners: HashSet<&'static str>,
    pub credential_words: HashSet<&'static str>,
    /// the credential words that name a service (`online`, `point`, `jp`), not an account action
    pub service_words: HashSet<&'static str>,
    pub credential_inside: StrList,
    /// page wording as written, folded into `page` at the first page with text
    raw: &'static SignalWords,
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
    /// words around a brand's name that make it the page's identity, or something the page only uses or names
    /// (confusable-folded, as the text brand names are found in)
    pub identity_after: Vec<String>,
    pub identity_before: Vec<String>,
    pub other_after: Vec<String>,
    pub other_before: Vec<String>,
    /// card-authentication (3-D Secure) service names, strong and needing a card context
    pub card_auth: Vec<String>,
    pub card_auth_weak: Vec<String>,
    pub card_context: Vec<String>,
    /// steps of a scam: lure wording, personal-information labels, what an upload asks a photo of
    pub lure: Vec<String>,
    pub personal_labels: Vec<String>,
    pub upload_words: Vec<String>,
    /// birth-date / telephone / postal-code labels: such a field is never a card field
    pub personal_veto: Vec<String>,
    /// personal-information name / id tokens (lower case, matched whole)
    pub personal_attrs: Vec<&'static str>,
}

impl Default for Signals {
    fn default() -> Self {
        Self::new()
    }
}

impl Signals {
    /// The vocabularies compiled into the crate: host words in sets, page wording folded at first use.
    pub fn new() -> Self {
        let raw = &crate::kb::embedded::SIGNALS;
        let set = |l: StrList| l.iter().collect::<HashSet<_>>();
        Signals {
            abused_tlds: set(raw.abused_tlds),
            shared_hosting: set(raw.shared_hosting),
            shorteners: set(raw.shorteners),
            credential_words: set(raw.credential_words),
            service_words: set(raw.service_words),
            credential_inside: raw.credential_inside,
            raw,
            page: std::sync::OnceLock::new(),
        }
    }

    /// The page wording, folded (built once, at the first page that has text).
    pub fn page(&self) -> &PageVocab {
        self.page.get_or_init(|| {
            let folded = |l: StrList| l.iter().map(fold).collect::<Vec<_>>();
            // compared with the confusable-folded text that brand names are found in
            let skeletons = |l: StrList| l.iter().map(crate::text::fold_confusable).collect::<Vec<_>>();
            let r = self.raw;
            PageVocab {
                urgency: folded(r.urgency),
                verification_page: folded(r.verification_page),
                cash_out: folded(r.cash_out),
                prepaid_by_message: folded(r.prepaid_by_message),
                prepaid_words: folded(r.prepaid_words),
                fake_shop: folded(r.fake_shop),
                shop_contact: folded(r.shop_contact),
                identity_after: skeletons(r.identity_after),
                identity_before: skeletons(r.identity_before),
                other_after: skeletons(r.other_after),
                other_before: skeletons(r.other_before),
                card_auth: folded(r.card_auth),
                card_auth_weak: folded(r.card_auth_weak),
                card_context: folded(r.card_context),
                lure: folded(r.lure),
                personal_labels: folded(r.personal_labels),
                upload_words: folded(r.upload_words),
                personal_veto: folded(r.personal_veto),
                personal_attrs: r.personal_attrs.iter().collect(),
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
