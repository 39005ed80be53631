//! Which brand a page presents itself as, ranked by the ROLE each name holds on the page, not by the word alone.
//!
//! A page names itself in its title ("X：…", "… | X", "X ログイン"), `og:site_name`, its logo (alt, image file
//! name, a class or id saying logo), its favicon, its headings, its © line, the labels of the fields it asks for,
//! and in "sign in to X" / "X アカウント" phrasing: those are IDENTITY roles, where even a short or common name
//! (PayPal, JCB, Apple, au) counts. A merchant names brands as payment options ("PayPalで支払う", a row of card
//! networks) and an article as subjects ("PayPayを騙る…"): those count for nothing. Names are matched after NFKC,
//! case and confusable (UTS #39 skeleton) folding, with text written one letter per element joined; a name found
//! only in a word that mixes Latin with Cyrillic or Greek letters is a disguise, noted as such.
use crate::facts::PageFacts;
use crate::host::SuffixList;
use crate::kb::{BrandIdx, KnowledgeBase};
use crate::signals::PageVocab;
use crate::text::{ascii_words, fold, fold_confusable, join_spaced_letters, mixed_script_words};
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

/// The role a name holds where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// the page names itself: a title or heading segment that is the name, "sign in to X", "© X", `og:site_name`
    Identity,
    /// a logo: an image or mark whose file name, class, id or alt says logo and names the brand
    Logo,
    /// the label of a field the page asks for ("Apple ID", "PayPalのパスワード")
    FieldLabel,
    /// a title, heading, alt text or © line that names the brand among other words
    Headline,
    /// running text
    Mention,
    /// something the page uses or talks about: a payment option, a sign-in-with button, an article's subject
    Other,
}

/// The score a brand needs before the page counts as claiming it.
pub const CLAIM_THRESHOLD: u32 = 3;
/// Plain text mentions add at most this much (a page that merely mentions a brand many times is not that brand).
const TEXT_CAP: u32 = 2;
/// … and with an identity phrase among them ("your Apple ID", "Amazonアカウント") at most this much.
const TEXT_PHRASE_CAP: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub brand: BrandIdx,
    pub score: u32,
    /// the brand was named in an identity role (title, site name, logo, © line, field label, sign-in phrase)
    pub identity: bool,
}

/// Sections of a page, built once per check: confusable-folded for brand names, NFKC-folded for phrases.
pub struct PageText {
    sections: Vec<(Source, String)>,
    plain: Vec<String>,
    /// words that mix Latin with Cyrillic or Greek letters, from the title, headings, alt texts and text
    pub mixed_words: Vec<String>,
}

impl PageText {
    pub fn new(f: &PageFacts) -> Self {
        let conf = |s: &str| fold_confusable(&join_spaced_letters(s));
        // separators the skeleton would turn into letters (`|` → `l`, `—` → `ー`) are written as `:` first, so
        // that a title's segments stay apart
        let headline = |s: &str| conf(&s.replace(['|', '｜', '—', '―', '。'], ":"));
        let mut sections = vec![
            (Source::Title, headline(&f.title)),
            (Source::SiteName, conf(&f.site_name)),
            (Source::Footer, conf(&f.footer_text)),
            (Source::Text, conf(&f.text)),
        ];
        sections.extend(f.image_alts.iter().map(|a| (Source::ImageAlt, conf(a))));
        sections.extend(f.headings.iter().map(|h| (Source::Heading, headline(h))));
        sections.retain(|(_, s)| !s.is_empty());
        let plain_of = |s: &str| fold(&join_spaced_letters(s));
        let mut plain = vec![plain_of(&f.title), plain_of(&f.footer_text), plain_of(&f.text)];
        plain.extend(f.headings.iter().map(|h| plain_of(h)));
        plain.retain(|s| !s.is_empty());
        let mut mixed_words = Vec::new();
        for t in std::iter::once(&f.title).chain(&f.headings).chain(&f.image_alts).chain([&f.site_name, &f.text]) {
            for w in mixed_script_words(t, 8) {
                if mixed_words.len() < 8 && !mixed_words.iter().any(|x| x == w) {
                    mixed_words.push(w.to_string());
                }
            }
        }
        PageText { sections, plain, mixed_words }
    }

    /// All NFKC-folded text, for phrase rules (urgency, verification, cash-out…).
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.plain.iter().map(String::as_str)
    }

    /// The folded title and headings (where a page says what it is).
    pub fn headlines(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().filter(|(s, _)| matches!(s, Source::Title | Source::Heading)).map(|(_, t)| t.as_str())
    }
}

/// What the page says about brands: the one it presents itself as (if any), and every brand it names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Claims {
    pub claim: Option<Claim>,
    /// every brand named anywhere, in id order
    pub mentioned: Vec<BrandIdx>,
    /// brands by score, best first (score > 0), whether or not they reach the threshold
    pub ranked: Vec<(BrandIdx, u32)>,
    /// brands whose name was written with mixed alphabets (a disguise)
    pub disguised: Vec<BrandIdx>,
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
    text_phrase: bool,
    /// logos, favicon, field labels
    marks: u32,
    identity: bool,
}

/// Characters that end a segment of a title or heading ("PayPal：アカウントの確認", "ログイン | Amazon").
fn is_separator(c: char) -> bool {
    matches!(c, '|' | '｜' | ':' | '·' | '˳' | '：' | '-' | '–' | '—' | '/' | '・' | '【' | '】' | '「' | '」' | '(' | ')' | '（'
        | '）' | '[' | ']' | '<' | '>' | '‹' | '›' | '«' | '»' | ',' | '、' | '。' | '!' | '?' | '~' | '〜' | '　')
}

fn starts_with_any(s: &str, words: &[String]) -> bool {
    let s = s.trim_start();
    words.iter().any(|w| {
        s.starts_with(w.as_str())
            && !(w.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
                && s[w.len()..].bytes().next().is_some_and(|b| b.is_ascii_alphanumeric()))
    })
}

fn ends_with_any(s: &str, words: &[String]) -> bool {
    let s = s.trim_end();
    words.iter().any(|w| {
        s.ends_with(w.as_str())
            && !(w.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
                && s[..s.len() - w.len()].bytes().next_back().is_some_and(|b| b.is_ascii_alphanumeric()))
    })
}

/// The role of a name found at `start..end` of a folded section.
fn role_at(v: &PageVocab, source: Source, hay: &str, start: usize, end: usize) -> Role {
    let before = &hay[..start];
    let after = &hay[end..];
    if starts_with_any(after, &v.other_after) || ends_with_any(before, &v.other_before) {
        return Role::Other;
    }
    // "© 1996-2020, Amazon.com": years and punctuation between the mark and the name
    let before_words = before.trim_end_matches(|c: char| c.is_ascii_digit() || " ,.-–".contains(c));
    if ends_with_any(before_words, &v.identity_before) {
        return Role::Identity;
    }
    // (an image's alt that is only a name is as often a payment option's logo as the page's own: logos say which)
    let segmented = matches!(source, Source::Title | Source::Heading);
    if segmented {
        // the name's segment: what lies between it and the nearest separators
        let seg_before = before.rsplit(is_separator).next().unwrap_or("").trim();
        let seg_after = after.split(is_separator).next().unwrap_or("").trim();
        let alone = seg_before.is_empty() || ends_with_any(seg_before, &v.identity_before);
        if alone && (seg_after.is_empty() || starts_with_any(seg_after, &v.identity_after)) {
            return Role::Identity;
        }
    }
    if starts_with_any(after, &v.identity_after) && !matches!(source, Source::Text) {
        return Role::Identity;
    }
    match source {
        Source::Text => Role::Mention,
        _ => Role::Headline,
    }
}

/// The ASCII words read of one logo entry or file name, at most.
const LOGO_TOKENS: usize = 40;

/// The brands a logo entry or a file name names by hostname token (`amazon`, `paypal`, `apple`): exact tokens,
/// and distinctive ones (five letters or more) at the start or end of a longer token (`paypallogo`).
fn brands_in_tokens(kb: &KnowledgeBase, tokens: &[String]) -> Vec<BrandIdx> {
    let mut out = Vec::new();
    for t in tokens {
        let t = t.trim_end_matches(|c: char| c.is_ascii_digit());
        if t.len() < 2 {
            continue;
        }
        if let Some(list) = kb.tokens.get(t) {
            out.extend(list.iter().map(|(b, _)| *b));
            continue;
        }
        for cut in 5..t.len().saturating_sub(2) {
            for part in [&t[..cut], &t[t.len() - cut..]] {
                if let Some(list) = kb.tokens.get(part) {
                    out.extend(list.iter().map(|(b, _)| *b));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn says_logo(entry: &str) -> bool {
    let e = entry.to_ascii_lowercase();
    e.contains("logo") || e.contains("brand") || e.contains("header") || e.contains("site-title") || entry.contains("ロゴ")
}

pub fn claimed_brand(
    kb: &KnowledgeBase,
    psl: &SuffixList,
    vocab: &PageVocab,
    facts: &PageFacts,
    page: &PageText,
    field_texts: &[String],
) -> Claims {
    let mut scores: HashMap<BrandIdx, Evidence> = HashMap::new();
    let names = kb.names();
    for (source, text) in &page.sections {
        for (i, start, end) in kb.name_set().spans(text) {
            let Some(name) = names.get(i) else { continue };
            let role = role_at(vocab, *source, text, start, end);
            let e = scores.entry(name.brand).or_default();
            let strong = name.strong;
            match (role, source) {
                (Role::Other, _) => {
                    // named, but as something else: it still counts as a mention of the brand
                }
                (Role::Identity, Source::Text) => {
                    e.text += 2;
                    e.text_phrase = true;
                }
                (Role::Identity, Source::Footer) => {
                    e.footer = e.footer.max(3);
                    e.identity = true;
                }
                (Role::Identity, Source::Heading) => {
                    e.headline += 3;
                    e.identity = true;
                }
                (Role::Identity, Source::ImageAlt) => {
                    e.alt += 3;
                    e.identity = true;
                }
                (Role::Identity, _) => {
                    // the title or og:site_name is the name: the page's own identity
                    let w = if strong { 4 } else { 3 };
                    if *source == Source::SiteName {
                        e.site_name += w;
                    } else {
                        e.headline += w;
                    }
                    e.identity = true;
                }
                (_, Source::Text) => e.text += strong as u32,
                (_, Source::ImageAlt) => e.alt += if strong { 3 } else { 2 },
                (_, Source::SiteName) => e.site_name += if strong { 4 } else { 2 },
                (_, Source::Footer | Source::Resource) => e.footer += if strong { 3 } else { 2 },
                (_, Source::Title) => e.headline += if strong { 4 } else { 2 },
                (_, Source::Heading) => e.headline += if strong { 2 } else { 1 },
            }
        }
    }
    // logos and marks: file names, classes and ids (brand tokens), alt texts (names) of logo-like images
    for entry in facts.logos.iter().take(crate::facts::MAX_LOGOS) {
        let logo = says_logo(entry);
        let mut found = brands_in_tokens(kb, &ascii_words(entry, LOGO_TOKENS));
        let folded = fold_confusable(entry);
        for (i, s, e) in kb.name_set().spans(&folded) {
            if let Some(n) = names.get(i) {
                if role_at(vocab, Source::ImageAlt, &folded, s, e) != Role::Other {
                    found.push(n.brand);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        for b in found {
            let e = scores.entry(b).or_default();
            if logo {
                e.marks = e.marks.max(3);
                e.identity = true;
            } else {
                e.alt = e.alt.max(1);
            }
        }
    }
    // the favicon's file name
    if let Some(name) = facts.favicon.rsplit('/').next().filter(|n| !n.is_empty()) {
        let name = name.split(['?', '#']).next().unwrap_or("");
        for b in brands_in_tokens(kb, &ascii_words(name, LOGO_TOKENS)) {
            let e = scores.entry(b).or_default();
            e.marks = e.marks.max(2);
        }
    }
    // the labels of the sensitive fields: "Apple ID", "PayPalパスワード"
    for t in field_texts.iter().take(20) {
        for (i, s, e) in kb.name_set().spans(t) {
            if let Some(n) = names.get(i) {
                if role_at(vocab, Source::Text, t, s, e) != Role::Other {
                    let ev = scores.entry(n.brand).or_default();
                    ev.marks = ev.marks.max(3);
                    ev.identity = true;
                }
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
                    scores.entry(owner).or_default().footer += 3;
                }
            }
        }
    }
    // names written with mixed alphabets: a disguise, and the page's identity
    let mut disguised = Vec::new();
    for w in &page.mixed_words {
        let folded = fold_confusable(w);
        for i in kb.name_set().find_in(&folded) {
            if let Some(n) = names.get(i) {
                if !disguised.contains(&n.brand) {
                    disguised.push(n.brand);
                    let e = scores.entry(n.brand).or_default();
                    e.headline += 4;
                    e.identity = true;
                }
            }
        }
    }
    let has_site_name = !facts.site_name.trim().is_empty();
    // several card networks named side by side are the accepted-cards row of a checkout
    let networks = scores.keys().filter(|b| kb.brands[**b].card_network).count();
    let mut best: Option<Claim> = None;
    let mut ranked = Vec::new();
    for (&brand, e) in &scores {
        let network_row = kb.brands[brand].card_network && networks >= 2;
        // a page that names itself something else in og:site_name is that something else: a headline or
        // text naming the brand is then news about it, not a claim (its © line and logos still count)
        let other_site = has_site_name && e.site_name == 0;
        let headline = if other_site { 0 } else { e.headline };
        let cap = if e.text_phrase { TEXT_PHRASE_CAP } else { TEXT_CAP };
        let text = if other_site || network_row { 0 } else { e.text.min(cap) };
        let alt = if network_row { 0 } else { e.alt };
        let marks = if network_row { 0 } else { e.marks };
        let score = headline + e.site_name + e.footer + alt + text + marks;
        let identity = e.identity && !network_row && !other_site;
        if score > 0 {
            ranked.push((brand, score));
        }
        if score >= CLAIM_THRESHOLD
            && best.as_ref().is_none_or(|b| score > b.score || (score == b.score && brand < b.brand))
        {
            best = Some(Claim { brand, score, identity });
        }
    }
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut mentioned: Vec<BrandIdx> = scores.keys().copied().collect();
    mentioned.sort_unstable();
    Claims { claim: best, mentioned, ranked, disguised }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_segments_survive_the_skeleton() {
        let kb = KnowledgeBase::new().expect("kb");
        let psl = SuffixList::new();
        let signals = crate::signals::Signals::new();
        for title in ["ログイン | Amazon", "Amazon — アカウント", "PayPal：ログイン", "Apple ID・サインイン"] {
            let f = PageFacts { title: title.into(), ..Default::default() };
            let page = PageText::new(&f);
            let c = claimed_brand(&kb, &psl, signals.page(), &f, &page, &[]);
            assert!(c.claim.is_some_and(|c| c.identity), "{title}");
        }
        for title in ["PayPalで支払う | 例示ストア", "Amazon Payでのお支払い", "PayPayを騙るメールに注意"] {
            let f = PageFacts { title: title.into(), ..Default::default() };
            let page = PageText::new(&f);
            let c = claimed_brand(&kb, &psl, signals.page(), &f, &page, &[]);
            assert!(c.claim.is_none(), "{title}: {:?}", c.claim);
        }
    }

    #[test]
    fn tokens_split_file_names() {
        assert_eq!(ascii_words("paypal-logo@2x.svg", LOGO_TOKENS), vec!["paypal", "logo", "2x", "svg"]);
        assert_eq!(ascii_words("amazonLogo_RGB", LOGO_TOKENS), vec!["amazon", "logo", "rgb"]);
    }
}
