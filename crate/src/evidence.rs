//! Everything a page check knows before it decides, gathered in one pass: what the URL analysis found, which
//! fields the page asks for, which brand it presents itself as (with the roles of its names), and the signals
//! of its wording and structure (card authentication, lure, personal-information and upload steps). The
//! decision (`decide`) reads this and nothing else.
use crate::claims::{claimed_brand, Claims, PageText};
use crate::facts::PageFacts;
use crate::fields::{FieldClassifier, FieldKind, SensitiveField};
use crate::host::SuffixList;
use crate::kb::{BrandIdx, KnowledgeBase};
use crate::signals::{any_phrase, PageVocab, Signals};
use crate::text::{contains_word, fold, fold_confusable};
use crate::verdict::{Level, Rule};

/// What the URL analysis says, as evidence for the page rules.
#[derive(Debug, Clone)]
pub struct UrlEvidence {
    pub level: Level,
    pub brand: Option<BrandIdx>,
    /// the URL verdict's rules, in order
    pub rules: Vec<Rule>,
    pub url_block: bool,
    /// a weak look-alike that said nothing alone: (brand, rule, official domain)
    pub hint: Option<(BrandIdx, Rule, String)>,
    /// plain http, an IP address, shared hosting or an unusual port
    pub risky_host: bool,
    /// the document has no address of its own (blob:null, a sandboxed frame) and no usable top frame's
    pub opaque: bool,
    /// the registrable domain of a form target on another site, if any
    pub form_elsewhere: Option<String>,
}

/// Phrases found in the page's text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wording {
    pub urgency: bool,
    pub verification: bool,
    pub cash_out: bool,
    pub prepaid_by_message: bool,
    pub prepaid_words: bool,
    pub fake_shop: bool,
    pub shop_contact: bool,
    /// "your account is locked / limited / needs a check"
    pub lure: bool,
    /// photos of an ID document, a card or a selfie
    pub upload_photo: bool,
    /// 3-D Secure / 本人認証サービス…, or a weaker card-authentication word on a page about a card
    pub card_auth: bool,
}

/// A page's evidence (see the module doc).
pub struct PageEvidence {
    pub url: UrlEvidence,
    pub sensitive: Vec<SensitiveField>,
    /// the kinds of `sensitive`, sorted, each once
    pub kinds: Vec<FieldKind>,
    pub claims: Claims,
    /// for a frame: the brand the tab's top page presents itself as, when this frame's host is not that brand's
    pub top_claim: Option<BrandIdx>,
    pub wording: Wording,
    /// fields asking for a name, a birth date, an address or a telephone number
    pub personal_fields: usize,
    /// file inputs
    pub uploads: usize,
    /// fields drawn on a `<canvas>` that takes keys (facts `tag: "canvas"`): what is typed goes to the page unseen
    pub drawn_fields: usize,
    /// buttons (texts of buttons, submit inputs, role=button) and forms
    pub buttons: usize,
    /// the page's visible text is short (a notice, not an article)
    pub short_page: bool,
    /// a word of the title, headings, alts or text mixes Latin with Cyrillic or Greek letters
    pub mixed_script: bool,
}

impl PageEvidence {
    pub fn asks(&self) -> bool {
        !self.kinds.is_empty()
    }

    pub fn has(&self, k: FieldKind) -> bool {
        self.kinds.contains(&k)
    }
}

/// The longest visible text a lure notice has (an article is longer).
const SHORT_PAGE_CHARS: usize = 1_500;
/// Inputs looked at for personal information (bounded work on huge pages).
const PERSONAL_SCAN: usize = 100;

pub struct Gatherer<'a> {
    pub kb: &'a KnowledgeBase,
    pub psl: &'a SuffixList,
    pub fields: &'a FieldClassifier,
    pub signals: &'a Signals,
}

impl Gatherer<'_> {
    pub fn gather(&self, facts: &PageFacts, url: UrlEvidence, host_registrable: Option<&str>) -> PageEvidence {
        let mut sensitive = self.fields.classify_all(&facts.inputs);
        let has_text = !facts.text.is_empty() || !facts.title.is_empty() || !facts.inputs.is_empty() || !facts.logos.is_empty();
        // page wording is folded (the first time) only when the page has something to read
        let empty = PageVocab::default();
        let vocab = if has_text { self.signals.page() } else { &empty };
        // a field labelled as a birth date, a telephone number or a postal code is not a card field, whatever
        // its shape or a word of its label says
        sensitive.retain(|f| {
            !f.kind.is_card()
                || facts.inputs.get(f.index).is_none_or(|i| {
                    let t = fold(&format!("{} {} {} {} {}", i.label, i.aria_label, i.placeholder, i.name, i.id));
                    !vocab.personal_veto.iter().any(|w| contains_word(&t, w))
                })
        });
        let mut kinds: Vec<FieldKind> = sensitive.iter().map(|f| f.kind).collect();
        kinds.sort();
        kinds.dedup();
        let page = PageText::new(facts);
        let field_texts: Vec<String> = sensitive
            .iter()
            .take(20)
            .filter_map(|f| facts.inputs.get(f.index))
            .map(|i| fold_confusable(&format!("{} {} {} {}", i.label, i.aria_label, i.placeholder, i.context)))
            .collect();
        let claims = claimed_brand(self.kb, self.psl, vocab, facts, &page, &field_texts);
        let top_claim = facts
            .top_claim
            .as_deref()
            .and_then(|id| self.kb.index_of(id))
            .filter(|&b| host_registrable.is_none_or(|r| self.kb.owner_of(r) != Some(b)));
        let hit = |phrases: &[String]| page.all().any(|t| any_phrase(t, phrases).is_some());
        let text_len: usize = facts.text.chars().count();
        let card_context = kinds.iter().any(|k| k.is_card()) || hit(&vocab.card_context);
        let wording = Wording {
            urgency: hit(&vocab.urgency),
            verification: hit(&vocab.verification_page),
            cash_out: hit(&vocab.cash_out),
            prepaid_by_message: hit(&vocab.prepaid_by_message),
            prepaid_words: hit(&vocab.prepaid_words),
            fake_shop: hit(&vocab.fake_shop),
            shop_contact: hit(&vocab.shop_contact),
            lure: hit(&vocab.lure),
            upload_photo: hit(&vocab.upload_words),
            card_auth: hit(&vocab.card_auth) || (card_context && hit(&vocab.card_auth_weak)),
        };
        let personal_fields = self.personal_fields(facts, &sensitive, vocab);
        let uploads = facts.inputs.iter().filter(|i| i.input_type.eq_ignore_ascii_case("file")).count();
        let drawn_fields = facts.inputs.iter().filter(|i| i.tag.eq_ignore_ascii_case("canvas")).count();
        let buttons = facts.buttons.iter().filter(|b| !b.trim().is_empty()).count() + facts.form_actions.len();
        PageEvidence {
            url,
            sensitive,
            kinds,
            mixed_script: !page.mixed_words.is_empty(),
            claims,
            top_claim,
            wording,
            personal_fields,
            uploads,
            drawn_fields,
            buttons,
            short_page: text_len <= SHORT_PAGE_CHARS,
        }
    }

    /// Inputs that are not sensitive but ask for a name, birth date, address or telephone number.
    fn personal_fields(&self, facts: &PageFacts, sensitive: &[SensitiveField], vocab: &PageVocab) -> usize {
        let mut n = 0;
        for (i, input) in facts.inputs.iter().enumerate().take(PERSONAL_SCAN) {
            if sensitive.iter().any(|f| f.index == i) {
                continue;
            }
            let ty = input.input_type.to_ascii_lowercase();
            if matches!(ty.as_str(), "hidden" | "submit" | "button" | "reset" | "image" | "checkbox" | "radio" | "file" | "search" | "email" | "password") {
                continue;
            }
            let text = fold(&format!("{} {} {}", input.label, input.aria_label, input.placeholder));
            let text = if text.is_empty() { fold(&input.context) } else { text };
            if text.contains("mail") || text.contains("メール") {
                continue;
            }
            let by_text = vocab.personal_labels.iter().any(|l| contains_word(&text, l));
            let by_attr = || {
                let attrs = format!("{} {}", input.name, input.id).to_ascii_lowercase();
                attrs
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .map(|t| t.trim_end_matches(|c: char| c.is_ascii_digit()))
                    .any(|t| vocab.personal_attrs.contains(&t))
            };
            if by_text || by_attr() {
                n += 1;
            }
        }
        n
    }
}
