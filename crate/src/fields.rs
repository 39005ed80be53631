//! Sensitive-field classification: which inputs of a page ask for a card number, PIN, security code, OTP,
//! prepaid number, login… The vocabulary is data (`data/fields.toml`); this module only applies it, then
//! adds what structure says (split card-number boxes, an e-mail box beside a password box).
use crate::facts::InputFacts;
use crate::fold::fold_parts_into;
use crate::text::fold;
pub use crate::vocab::{FieldKind, KindWords};
use serde::Serialize;
use std::borrow::Cow;

/// The words of one field kind, folded for matching.
#[derive(Debug, Clone)]
struct KindVocab {
    kind: FieldKind,
    labels: Vec<String>,
    attrs: Vec<String>,
    autocomplete: Vec<String>,
}


/// A sensitive input found on the page: its index in `PageFacts::inputs` and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SensitiveField {
    pub index: usize,
    pub kind: FieldKind,
}

pub struct FieldClassifier {
    /// the vocabulary as written (kept to build `vocab` when the first input is classified)
    raw: &'static [KindWords],
    /// folded vocabulary and label automaton, built at the first input classified (URL checks never need it)
    built: std::sync::OnceLock<Vocab>,
}

struct Vocab {
    vocab: Vec<KindVocab>,
    /// every label of every kind in one automaton, and for each its kind's rank in `vocab`
    labels: crate::text::PhraseSet,
    label_rank: Vec<usize>,
    /// every attr word → the rank of the first kind that has it (a name / id token equal to it)
    attr_exact: rustc_hash::FxHashMap<String, usize>,
    /// the attr words of five or more letters in one automaton (found inside the compact name / id), and for
    /// each its kind's rank
    attr_inner: aho_corasick::AhoCorasick,
    attr_inner_rank: Vec<usize>,
    /// the labels read with tolerance (`tolerant`), and as readings (`reading`), each with its kind's rank
    tolerant: crate::text::PhraseSet,
    tolerant_labels: Vec<(String, usize)>,
    reading: crate::text::PhraseSet,
    readings: rustc_hash::FxHashMap<char, &'static str>,
}

/// Labels longer than this are not compared one character off (bounded work).
const FUZZY_MAX_CHARS: usize = 12;
/// … nor shorter than this (one character off a short word is another word).
const FUZZY_MIN_CHARS: usize = 4;

/// A folded label as the tolerant match compares it: look-alike characters folded to their UTS #39 skeleton
/// (カ一ド → カード's skeleton) and the particle の between two non-ASCII characters dropped (カードの番号).
fn tolerant_form(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut kept = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        let between = i > 0 && i + 1 < chars.len() && !chars[i - 1].is_ascii() && !chars[i + 1].is_ascii();
        if (c == 'の' || c == 'ノ') && between {
            continue;
        }
        kept.push(c);
    }
    unicode_security::confusable_detection::skeleton(&kept).collect()
}

/// A folded label read aloud: each kanji of the readings table by its reading, katakana as hiragana
/// (暗しょう番号 and 暗証番号 both → あんしょうばんごう).
fn reading_form(folded: &str, readings: &rustc_hash::FxHashMap<char, &'static str>) -> String {
    let mut out = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        if c == 'の' {
            continue;
        }
        if let Some(r) = readings.get(&c) {
            out.push_str(r);
        } else if ('\u{30A1}'..='\u{30F6}').contains(&c) {
            out.push(char::from_u32(c as u32 - 0x60).unwrap_or(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `a` and `b` differ by at most one character (one changed, added or removed).
fn one_char_off(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    if short.len() == long.len() {
        short[i + 1.min(short.len() - i)..] == long[i + 1.min(long.len() - i)..]
    } else {
        short[i..] == long[i + 1..]
    }
}

/// The tokens of an input's name and id (`attr_tokens`), kept as one string: `compact` is every token
/// concatenated, `ends` where each ends in it.
#[derive(Debug, Default)]
struct AttrTokens {
    compact: String,
    ends: Vec<usize>,
}

impl AttrTokens {
    /// Splits `parts` (name, id) as `attr_tokens` splits them joined with spaces, into the buffers it has.
    fn split(&mut self, parts: &[&str]) {
        self.compact.clear();
        self.ends.clear();
        let mut start = 0;
        for p in parts {
            let mut prev_lower = false;
            for c in p.chars() {
                if c.is_ascii_alphanumeric() {
                    if c.is_ascii_uppercase() && prev_lower && self.compact.len() > start {
                        self.end_token(&mut start);
                    }
                    prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                    self.compact.push(c.to_ascii_lowercase());
                } else {
                    prev_lower = false;
                    if self.compact.len() > start {
                        self.end_token(&mut start);
                    }
                }
            }
            // the space between two parts ends a token as any other separator does
            if self.compact.len() > start {
                self.end_token(&mut start);
            }
        }
    }

    /// Ends the token that begins at `start`: digits at its end are numbering (`card1`, `pin2`), not meaning,
    /// unless it is only digits.
    fn end_token(&mut self, start: &mut usize) {
        let trimmed = self.compact[*start..].trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if trimmed > 0 {
            self.compact.truncate(*start + trimmed);
        }
        self.ends.push(self.compact.len());
        *start = self.compact.len();
    }

    fn tokens(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(self.ends.iter().copied()).map(|(a, b)| &self.compact[a..b])
    }
}

/// Buffers reused from one input to the next.
#[derive(Debug, Default)]
struct Scratch {
    attrs: AttrTokens,
    text: String,
    shape: String,
}

const NON_TEXT_TYPES: &[&str] =
    &["hidden", "submit", "button", "reset", "image", "checkbox", "radio", "file", "range", "color", "search"];

/// The tokens of a name / id and their concatenation, as strings (what `AttrTokens::split` computes in place;
/// kept to test it against).
#[cfg(test)]
fn attr_tokens(s: &str) -> (Vec<String>, String) {
    let tokens = crate::text::ascii_words(s, usize::MAX);
    // digits at the end of a token are numbering (`card1`, `pin2`), not meaning
    let tokens: Vec<String> = tokens
        .into_iter()
        .map(|t| {
            let trimmed = t.trim_end_matches(|c: char| c.is_ascii_digit());
            if trimmed.is_empty() { t } else { trimmed.to_string() }
        })
        .collect();
    let compact = tokens.concat();
    (tokens, compact)
}

impl Default for FieldClassifier {
    fn default() -> Self {
        Self::new()
    }
}

impl FieldClassifier {
    /// The vocabulary compiled into the crate; folded at the first input classified.
    pub fn new() -> Self {
        Self { raw: crate::kb::embedded::FIELD_KINDS, built: std::sync::OnceLock::new() }
    }

    fn vocab(&self) -> &Vocab {
        self.built.get_or_init(|| {
            let vocab: Vec<KindVocab> = self
                .raw
                .iter()
                .map(|k| KindVocab {
                    kind: k.kind,
                    labels: k.labels.iter().map(fold).collect(),
                    attrs: k.attrs.iter().map(|a| a.replace(['_', '-'], "").to_ascii_lowercase()).collect(),
                    autocomplete: k.autocomplete.iter().map(str::to_string).collect(),
                })
                .collect();
            let mut all = Vec::new();
            let mut label_rank = Vec::new();
            for (rank, k) in vocab.iter().enumerate() {
                for l in &k.labels {
                    all.push(l.clone());
                    label_rank.push(rank);
                }
            }
            let mut attr_exact = rustc_hash::FxHashMap::default();
            let mut inner = Vec::new();
            let mut attr_inner_rank = Vec::new();
            for (rank, k) in vocab.iter().enumerate() {
                for a in &k.attrs {
                    attr_exact.entry(a.clone()).or_insert(rank);
                    if a.len() >= 5 {
                        inner.push(a.as_str());
                        attr_inner_rank.push(rank);
                    }
                }
            }
            let attr_inner = aho_corasick::AhoCorasick::new(&inner).expect("attr automaton");
            let readings: rustc_hash::FxHashMap<char, &'static str> = crate::kb::embedded::FIELD_READINGS
                .iter()
                .filter_map(|r| r.split_once(':'))
                .filter_map(|(k, v)| k.chars().next().map(|c| (c, v)))
                .collect();
            let mut tolerant_labels = Vec::new();
            let mut read = Vec::new();
            for (l, &rank) in all.iter().zip(&label_rank) {
                tolerant_labels.push((tolerant_form(l), rank));
                read.push(reading_form(l, &readings));
            }
            Vocab {
                tolerant: crate::text::PhraseSet::new(&tolerant_labels.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>()),
                reading: crate::text::PhraseSet::new(&read),
                tolerant_labels,
                readings,
                labels: crate::text::PhraseSet::new(&all),
                label_rank,
                attr_exact,
                attr_inner,
                attr_inner_rank,
                vocab,
            }
        })
    }

    fn by_text(&self, text: &str) -> Option<FieldKind> {
        if text.is_empty() {
            return None;
        }
        // the first kind in vocabulary order whose label occurs wins
        let v = self.vocab();
        v.labels.min_found(text, |i| v.label_rank[i]).map(|r| v.vocab[r].kind)
    }

    /// A label no word matched, read with tolerance (look-alike characters, particles, kana spellings, and for
    /// a short label one character off): the kind of the first label in vocabulary order it matches.
    fn by_text_tolerant(&self, text: &str) -> Option<FieldKind> {
        if text.is_empty() || text.is_ascii() {
            return None;
        }
        let v = self.vocab();
        let t = tolerant_form(text);
        if let Some(r) = v.tolerant.min_found(&t, |i| v.tolerant_labels[i].1) {
            return Some(v.vocab[r].kind);
        }
        if let Some(r) = v.reading.min_found(&reading_form(text, &v.readings), |i| v.label_rank[i]) {
            return Some(v.vocab[r].kind);
        }
        let chars: Vec<char> = t.chars().collect();
        if !(FUZZY_MIN_CHARS..=FUZZY_MAX_CHARS).contains(&chars.len()) {
            return None;
        }
        v.tolerant_labels
            .iter()
            .filter(|(l, _)| !l.is_ascii())
            .filter(|(l, _)| {
                let n = l.chars().count();
                n >= FUZZY_MIN_CHARS && n.abs_diff(chars.len()) <= 1
            })
            .filter(|(l, _)| one_char_off(&chars, &l.chars().collect::<Vec<_>>()))
            .map(|(_, r)| *r)
            .min()
            .map(|r| v.vocab[r].kind)
    }

    /// The first kind in vocabulary order with an attr word equal to a token, or (five letters or more) inside
    /// the compact name / id.
    fn by_attrs(&self, t: &AttrTokens) -> Option<FieldKind> {
        if t.ends.is_empty() {
            return None;
        }
        let v = self.vocab();
        let exact = t.tokens().filter_map(|tok| v.attr_exact.get(tok).copied());
        let inner = v.attr_inner.find_overlapping_iter(t.compact.as_str()).map(|m| v.attr_inner_rank[m.pattern()]);
        exact.chain(inner).min().map(|rank| v.vocab[rank].kind)
    }

    fn by_autocomplete(&self, autocomplete: &str) -> Option<FieldKind> {
        if autocomplete.is_empty() {
            return None;
        }
        let ac = autocomplete.to_ascii_lowercase();
        ac.split_ascii_whitespace()
            .find_map(|tok| self.vocab().vocab.iter().find(|k| k.autocomplete.iter().any(|a| a == tok)).map(|k| k.kind))
    }

    /// The kind of one input, from its own attributes and texts alone.
    pub fn classify(&self, input: &InputFacts) -> Option<FieldKind> {
        self.classify_in(input, &mut Scratch::default())
    }

    fn classify_in(&self, input: &InputFacts, s: &mut Scratch) -> Option<FieldKind> {
        let ty = ascii_lower(&input.input_type);
        if NON_TEXT_TYPES.contains(&&*ty) {
            return None;
        }
        s.attrs.split(&[&input.name, &input.id]);
        if ty == "search" || s.attrs.tokens().any(|t| t == "search" || t == "q" || t == "query" || t == "keyword") {
            return None;
        }
        // texts are folded only when the words before them said nothing (the same answer, less work)
        let found = self
            .by_autocomplete(&input.autocomplete)
            .or_else(|| {
                fold_parts_into(&[&input.label, &input.aria_label, &input.placeholder], &mut s.text);
                self.by_text(&s.text)
            })
            .or_else(|| self.by_attrs(&s.attrs))
            .or_else(|| {
                if context_repeats_a_text(input) {
                    return None;
                }
                fold_parts_into(&[&input.context], &mut s.text);
                self.by_text(&s.text)
            })
            .or_else(|| {
                // the label, then the context, once more with tolerance
                fold_parts_into(&[&input.label, &input.aria_label, &input.placeholder], &mut s.text);
                self.by_text_tolerant(&s.text).or_else(|| {
                    fold_parts_into(&[&input.context], &mut s.text);
                    self.by_text_tolerant(&s.text)
                })
            })
            .or_else(|| by_shape(input, &ty, s));
        let found = match (found, &*ty) {
            // a password box is a password unless its words say it is a PIN, OTP, security code…
            (None, "password") => Some(FieldKind::Password),
            (Some(FieldKind::LoginId), "password") => Some(FieldKind::Password),
            (f, _) => f,
        };
        // a <select> only carries expiry months/years among the sensitive kinds
        if input.tag.eq_ignore_ascii_case("select") {
            return match found {
                Some(FieldKind::CardExpiry) => found,
                _ => None,
            };
        }
        found
    }

    /// Every sensitive input of a page, in order, with what structure adds to the single-input view.
    pub fn classify_all(&self, inputs: &[InputFacts]) -> Vec<SensitiveField> {
        let mut scratch = Scratch::default();
        let mut kinds: Vec<Option<FieldKind>> = inputs.iter().map(|i| self.classify_in(i, &mut scratch)).collect();
        // split card-number boxes: 4 + 4 + 4 + 4 (or 4 + 6 + 5) after a box that is a card number
        for i in 1..inputs.len() {
            if kinds[i].is_none()
                && kinds[i - 1] == Some(FieldKind::CardNumber)
                && short_numeric_box(&inputs[i - 1])
                && short_numeric_box(&inputs[i])
            {
                kinds[i] = Some(FieldKind::CardNumber);
            }
        }
        // a short unlabelled numeric box right after the card number or expiry is the security code
        for i in 1..inputs.len() {
            if kinds[i].is_none()
                && matches!(kinds[i - 1], Some(FieldKind::CardNumber | FieldKind::CardExpiry))
                && matches!(inputs[i].maxlength, Some(3..=4))
                && short_numeric_box(&inputs[i])
                && !matches!(kinds.get(i + 1), Some(Some(FieldKind::CardNumber)))
            {
                kinds[i] = Some(FieldKind::CardCvc);
            }
        }
        // month / year selects right after a card field, or named like it, are the expiry
        let any_card = kinds.iter().any(|k| matches!(k, Some(FieldKind::CardNumber)));
        if any_card {
            for (i, inp) in inputs.iter().enumerate() {
                if kinds[i].is_none() {
                    scratch.attrs.split(&[&inp.name, &inp.id]);
                    let near_card = i > 0 && kinds[i - 1].is_some_and(FieldKind::is_card);
                    let monthish =
                        scratch.attrs.tokens().any(|t| matches!(t, "month" | "year" | "mm" | "yy" | "yyyy"));
                    if monthish && near_card {
                        kinds[i] = Some(FieldKind::CardExpiry);
                    }
                }
            }
        }
        // an e-mail or telephone box in a form that also asks for a password is the login ID
        if kinds.contains(&Some(FieldKind::Password)) {
            for (i, inp) in inputs.iter().enumerate() {
                let ty = &inp.input_type;
                if kinds[i].is_none()
                    && (ty.eq_ignore_ascii_case("email")
                        || ty.eq_ignore_ascii_case("tel")
                        || ascii_lower(&inp.autocomplete).contains("email"))
                {
                    kinds[i] = Some(FieldKind::LoginId);
                }
            }
        }
        kinds
            .into_iter()
            .enumerate()
            .filter_map(|(index, k)| k.map(|kind| SensitiveField { index, kind }))
            .collect()
    }
}

/// The context is the label, aria label or placeholder again (a `<label>` just before its field is read as both),
/// and all three were searched together, with nothing found: folding works character by character and the texts
/// are joined by a space (nothing composes across it), so the context's folded text lies inside the texts' folded
/// text, and a phrase in it would have been found there. (The texts' length is checked so that none of them fell
/// beyond the fold's bound.)
fn context_repeats_a_text(input: &InputFacts) -> bool {
    let texts = [&input.label, &input.aria_label, &input.placeholder];
    !input.context.is_empty()
        && texts.iter().map(|t| t.len() + 1).sum::<usize>() <= crate::fold::MAX_TEXT_CHARS
        && texts.iter().any(|t| **t == input.context)
}

/// What an input with no telling words still says by its shape: a placeholder written like a card number
/// (`0000 0000 0000 0000`, `xxxx-xxxx-…`) or an expiry (`MM/YY`, `12/28`), or a numeric box of card-number length.
fn by_shape(input: &InputFacts, ty: &str, s: &mut Scratch) -> Option<FieldKind> {
    let ph = if input.placeholder.is_empty() {
        ""
    } else {
        s.shape.clear();
        s.shape.extend(input.placeholder.chars().filter(|c| !c.is_whitespace() && *c != '-'));
        fold_parts_into(&[&s.shape], &mut s.text);
        s.text.as_str()
    };
    let cardish = |c: char| c.is_ascii_digit() || matches!(c, 'x' | '*' | '•' | '●' | '・');
    if (15..=19).contains(&ph.chars().count()) && ph.chars().all(cardish) {
        return Some(FieldKind::CardNumber);
    }
    let b = ph.as_bytes();
    if b.len() == 5 && b[2] == b'/' && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit() || b"mmyy".contains(c)) {
        return Some(FieldKind::CardExpiry);
    }
    let numeric = matches!(ty, "tel" | "number") || input.inputmode.eq_ignore_ascii_case("numeric");
    if numeric && matches!(input.maxlength, Some(15..=19)) {
        return Some(FieldKind::CardNumber);
    }
    None
}

/// `s` in ASCII lower case, copied only when it has upper-case letters.
fn ascii_lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn short_numeric_box(i: &InputFacts) -> bool {
    let ty = i.input_type.to_ascii_lowercase();
    matches!(i.maxlength, Some(3..=6))
        && (matches!(ty.as_str(), "text" | "tel" | "number" | "password" | "")
            || i.inputmode.eq_ignore_ascii_case("numeric"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier() -> FieldClassifier {
        FieldClassifier::new()
    }

    fn input(ty: &str, name: &str, label: &str) -> InputFacts {
        InputFacts { tag: "input".into(), input_type: ty.into(), name: name.into(), label: label.into(), ..Default::default() }
    }

    #[test]
    fn attr_tokens_split_camel_and_numbers() {
        assert_eq!(attr_tokens("cardNumber1 cc_exp").0, vec!["card", "number", "cc", "exp"]);
        assert_eq!(attr_tokens("cardNumber1").1, "cardnumber");
    }

    /// `by_attrs` as it was written before its automaton: every attr word of every kind, in order.
    fn by_attrs_linear(c: &FieldClassifier, tokens: &[String], compact: &str) -> Option<FieldKind> {
        if tokens.is_empty() {
            return None;
        }
        c.vocab()
            .vocab
            .iter()
            .find(|k| {
                k.attrs.iter().any(|a| tokens.iter().any(|t| t == a) || (a.len() >= 5 && compact.contains(a.as_str())))
            })
            .map(|k| k.kind)
    }

    /// Names and ids: every attr word of the vocabulary alone, in camelCase, numbered, inside longer words and
    /// next to others, and names that mean nothing.
    fn attr_table(c: &FieldClassifier) -> Vec<(String, String)> {
        let mut words: Vec<String> = c.raw.iter().flat_map(|k| k.attrs.iter().map(str::to_string)).collect();
        words.extend(["", " ", "f1", "q", "Search", "userName", "e-mail", "x_Y-z", "ABC", "cardNumberXYZ", "00", "1a2b3"].map(String::from));
        words.extend(["項目1", "ｃａｒｄ", "pin２", "cc\u{301}num", "CardPIN", "creditCardNo", "CVV2Code"].map(String::from));
        let camel = |w: &str| {
            let mut out = String::new();
            let mut up = false;
            for ch in w.chars() {
                if ch == '_' || ch == '-' {
                    up = true;
                } else {
                    out.push(if up { ch.to_ascii_uppercase() } else { ch });
                    up = false;
                }
            }
            out
        };
        let mut table = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let other = &words[(i * 7 + 3) % words.len()];
            table.push((w.clone(), String::new()));
            table.push((String::new(), w.to_uppercase()));
            table.push((camel(w), format!("{w}{i}")));
            table.push((format!("billing_{w}"), format!("x{w}y")));
            table.push((format!("{w}{other}"), camel(other)));
            let half: String = w.chars().take(w.chars().count() / 2).collect();
            table.push((format!("form[{w}]"), format!("{half}-{i}")));
            table.push((format!("my{}", camel(&format!("_{w}"))), other.clone()));
        }
        table
    }

    #[test]
    fn attr_tokens_split_in_place_as_attr_tokens() {
        let c = classifier();
        let mut t = AttrTokens::default();
        for (name, id) in attr_table(&c) {
            t.split(&[&name, &id]);
            let (tokens, compact) = attr_tokens(&format!("{name} {id}"));
            assert_eq!(t.tokens().collect::<Vec<_>>(), tokens, "{name:?} {id:?}");
            assert_eq!(t.compact, compact, "{name:?} {id:?}");
        }
    }

    #[test]
    fn attr_matcher_agrees_with_the_linear_search() {
        let c = classifier();
        let mut t = AttrTokens::default();
        let mut found = 0;
        for (name, id) in attr_table(&c) {
            t.split(&[&name, &id]);
            let (tokens, compact) = attr_tokens(&format!("{name} {id}"));
            let want = by_attrs_linear(&c, &tokens, &compact);
            assert_eq!(c.by_attrs(&t), want, "{name:?} {id:?}");
            found += want.is_some() as usize;
        }
        assert!(found > 500, "the table finds too few kinds ({found}) to test anything");
    }

    /// The context search skipped when the context repeats the label, aria label or placeholder could never have
    /// found a kind: whenever the three texts together say nothing, the repeated one alone says nothing either.
    #[test]
    fn a_repeated_context_says_nothing_new() {
        let c = classifier();
        let mut texts: Vec<String> = c.raw.iter().flat_map(|k| k.labels.iter().map(str::to_string)).collect();
        texts.extend(
            ["", " ", "お名前", "項目12", "ｶｰﾄﾞ番号", "カ\u{3099}ード", "\u{3099}番号", "card  number", "ΣΑΣ", "İD", "pin\u{200b}code"]
                .map(String::from),
        );
        let n = texts.len();
        let (mut skipped, mut searched) = (0, 0);
        for i in 0..n * 3 {
            let half = |t: &str| t.chars().take(t.chars().count() / 2).collect::<String>();
            let (a, b, p) = (half(&texts[i % n]), half(&texts[(i * 7 + 1) % n]), format!(" {} ", half(&texts[(i * 13 + 5) % n])));
            for context in [&a, &b, &p] {
                let inp = InputFacts { label: a.clone(), aria_label: b.clone(), placeholder: p.clone(), context: context.clone(), ..Default::default() };
                assert!(context_repeats_a_text(&inp) || context.is_empty());
                if c.by_text(&fold(&format!("{a} {b} {p}"))).is_none() {
                    searched += 1;
                    assert_eq!(c.by_text(&fold(context)), None, "{a:?} / {b:?} / {p:?}: context {context:?}");
                } else {
                    skipped += 1;
                }
            }
        }
        assert!(searched > 100 && skipped > 100, "the table tests too little ({searched} / {skipped})");
        // not a repeat: searched as before
        let other = InputFacts { label: "お名前".into(), context: "カード番号".into(), ..Default::default() };
        assert!(!context_repeats_a_text(&other));
        assert_eq!(c.classify(&other), Some(FieldKind::CardNumber));
    }

    #[test]
    fn japanese_labels() {
        let c = classifier();
        assert_eq!(c.classify(&input("text", "f1", "カード番号")), Some(FieldKind::CardNumber));
        assert_eq!(c.classify(&input("password", "f2", "暗証番号(4桁)")), Some(FieldKind::CardPin));
        assert_eq!(c.classify(&input("tel", "f3", "セキュリティコード")), Some(FieldKind::CardCvc));
        assert_eq!(c.classify(&input("text", "f4", "ワンタイムパスワード")), Some(FieldKind::Otp));
        assert_eq!(c.classify(&input("text", "x", "メールボックス番号")), Some(FieldKind::MailboxNumber));
        assert_eq!(c.classify(&input("password", "x", "")), Some(FieldKind::Password));
        assert_eq!(c.classify(&input("text", "q", "検索")), None);
        assert_eq!(c.classify(&input("search", "s", "カード番号")), None);
    }

    #[test]
    fn reworded_and_disguised_labels() {
        let c = classifier();
        for (label, kind) in [
            ("カードの番号", FieldKind::CardNumber),
            ("カ一ド番号", FieldKind::CardNumber),
            ("暗しょう番号", FieldKind::CardPin),
            ("暗証畨号", FieldKind::CardPin),
            ("ｶｰﾄﾞの番号", FieldKind::CardNumber),
            ("あんしょうバンゴウ", FieldKind::CardPin),
        ] {
            assert_eq!(c.classify(&input("text", "f", label)), Some(kind), "{label}");
        }
        // one character off a short word is another word; nothing is read into names and addresses
        for label in ["お名前", "ご住所", "番号", "カード名義", "メールアドレス"] {
            assert_eq!(c.classify(&input("text", "f", label)), None, "{label}");
        }
    }

    #[test]
    fn one_char_off_is_exact() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_char_off(&c("暗証畨号"), &c("暗証番号")));
        assert!(one_char_off(&c("暗証番"), &c("暗証番号")));
        assert!(one_char_off(&c("暗証x番号"), &c("暗証番号")));
        assert!(!one_char_off(&c("暗号番号x"), &c("暗証番号")));
        assert!(one_char_off(&c(""), &c("a")));
        assert!(one_char_off(&c("ab"), &c("ab")));
    }

    #[test]
    fn split_card_number_boxes() {
        let c = classifier();
        let mut boxes = vec![input("tel", "c1", "カード番号")];
        boxes.extend((2..=4).map(|n| input("tel", &format!("c{n}"), "")));
        for b in &mut boxes {
            b.maxlength = Some(4);
        }
        let found = c.classify_all(&boxes);
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|f| f.kind == FieldKind::CardNumber));
    }
}
