//! Which brand a page says it is: names in the title, og:site_name, logo alt texts, © line, headings and
//! visible text (after NFKC, case and confusable folding), and logos or style sheets hot-linked from a brand's
//! official domain. Card-network logos on a checkout (VISA / Mastercard / JCB / AMEX side by side) are
//! payment options, not a claim.
use crate::facts::PageFacts;
use crate::host::SuffixList;
use crate::kb::{BrandIdx, KnowledgeBase};
use crate::text::{fold, fold_confusable};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Title,
    SiteName,
    ImageAlt,
    Footer,
    Heading,
    Text,
    Resource,
}

impl Source {
    fn weight(self, strong: bool) -> u32 {
        match (self, strong) {
            (Source::Title | Source::SiteName, true) => 4,
            // a short or common name (au, PayPay, JCB) in a title is often a payment option or a sign-in
            // button, so it needs a second sign
            (Source::Title | Source::SiteName, false) => 2,
            (Source::ImageAlt | Source::Footer, true) => 3,
            (Source::ImageAlt | Source::Footer, false) => 2,
            (Source::Heading, true) => 2,
            (Source::Heading, false) => 1,
            (Source::Text, true) => 1,
            (Source::Text, false) => 0,
            (Source::Resource, _) => 3,
        }
    }
}

/// The score a brand needs before the page counts as claiming it.
pub const CLAIM_THRESHOLD: u32 = 3;
/// Text mentions add at most this much (a page that merely mentions a brand many times is not that brand).
const TEXT_CAP: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub brand: BrandIdx,
    pub score: u32,
}

/// Sections of a page, built once per check: confusable-folded for brand names, NFKC-folded for phrases.
pub struct PageText {
    sections: Vec<(Source, String)>,
    plain: Vec<String>,
}

impl PageText {
    pub fn new(f: &PageFacts) -> Self {
        let mut sections = vec![
            (Source::Title, fold_confusable(&f.title)),
            (Source::SiteName, fold_confusable(&f.site_name)),
            (Source::Footer, fold_confusable(&f.footer_text)),
            (Source::Text, fold_confusable(&f.text)),
        ];
        sections.extend(f.image_alts.iter().map(|a| (Source::ImageAlt, fold_confusable(a))));
        sections.extend(f.headings.iter().map(|h| (Source::Heading, fold_confusable(h))));
        sections.retain(|(_, s)| !s.is_empty());
        let mut plain = vec![fold(&f.title), fold(&f.footer_text), fold(&f.text)];
        plain.extend(f.headings.iter().map(|h| fold(h)));
        plain.retain(|s| !s.is_empty());
        PageText { sections, plain }
    }

    /// All NFKC-folded text, for phrase rules (urgency, verification, cash-out…).
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.plain.iter().map(String::as_str)
    }
}

/// What the page says about brands: the one it presents itself as (if any), and every brand it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claims {
    pub claim: Option<Claim>,
    pub mentioned: Vec<BrandIdx>,
}

/// Evidence for one brand, by where it was found.
#[derive(Debug, Clone, Copy, Default)]
struct Evidence {
    /// title and headings
    headline: u32,
    site_name: u32,
    /// © line and hot-linked logos / style sheets
    footer: u32,
    alt: u32,
    text: u32,
}

pub fn claimed_brand(kb: &KnowledgeBase, psl: &SuffixList, facts: &PageFacts, page: &PageText) -> Claims {
    let mut scores: HashMap<BrandIdx, Evidence> = HashMap::new();
    for (source, text) in &page.sections {
        for i in kb.name_set().find_in(text) {
            let Some(name) = kb.names().get(i) else { continue };
            let w = source.weight(name.strong);
            let e = scores.entry(name.brand).or_default();
            match source {
                Source::Text => e.text = (e.text + w).min(TEXT_CAP),
                Source::ImageAlt => e.alt += w,
                Source::SiteName => e.site_name += w,
                Source::Footer | Source::Resource => e.footer += w,
                Source::Title | Source::Heading => e.headline += w,
            }
        }
    }
    // logos, icons and style sheets loaded from a brand's official domain
    let mut counted = Vec::new();
    for u in facts.resource_urls.iter().take(50) {
        if let Ok(p) = psl.parse_url(u) {
            if let Some(owner) = p.host.registrable.as_deref().and_then(|r| kb.owner_of(r)) {
                if !counted.contains(&owner) {
                    counted.push(owner);
                    scores.entry(owner).or_default().footer += Source::Resource.weight(true);
                }
            }
        }
    }
    let has_site_name = !facts.site_name.trim().is_empty();
    // several card networks named side by side are the accepted-cards row of a checkout
    let networks = scores.keys().filter(|b| kb.brands[**b].card_network).count();
    let mut best: Option<Claim> = None;
    for (&brand, e) in &scores {
        let network_row = kb.brands[brand].card_network && networks >= 2;
        // a page that names itself something else in og:site_name is that something else: a headline or
        // text naming the brand is then news about it, not a claim (its © line and logos still count)
        let other_site = has_site_name && e.site_name == 0;
        let headline = if other_site { 0 } else { e.headline };
        let text = if other_site || network_row { 0 } else { e.text };
        let alt = if network_row { 0 } else { e.alt };
        let score = headline + e.site_name + e.footer + alt + text;
        if score >= CLAIM_THRESHOLD && best.as_ref().is_none_or(|b| score > b.score || (score == b.score && brand < b.brand)) {
            best = Some(Claim { brand, score });
        }
    }
    let mut mentioned: Vec<BrandIdx> = scores.keys().copied().collect();
    mentioned.sort_unstable();
    Claims { claim: best, mentioned }
}
