//! Sensitive-field classification: which inputs of a page ask for a card number, PIN, security code, OTP,
//! prepaid number, login… The vocabulary is data (`data/fields.toml`); this module only applies it, then
//! adds what structure says (split card-number boxes, an e-mail box beside a password box).
use crate::facts::InputFacts;
use crate::text::fold;
use crate::kb::StrList;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    CardNumber,
    CardExpiry,
    CardCvc,
    CardPin,
    LoginId,
    Password,
    Otp,
    PrepaidNumber,
    BankAccount,
    SecretAnswer,
    MailboxNumber,
    PersonalId,
}

impl FieldKind {
    pub fn code(self) -> &'static str {
        match self {
            FieldKind::CardNumber => "card_number",
            FieldKind::CardExpiry => "card_expiry",
            FieldKind::CardCvc => "card_cvc",
            FieldKind::CardPin => "card_pin",
            FieldKind::LoginId => "login_id",
            FieldKind::Password => "password",
            FieldKind::Otp => "otp",
            FieldKind::PrepaidNumber => "prepaid_number",
            FieldKind::BankAccount => "bank_account",
            FieldKind::SecretAnswer => "secret_answer",
            FieldKind::MailboxNumber => "mailbox_number",
            FieldKind::PersonalId => "personal_id",
        }
    }

    /// How a person names it, for reasons.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            FieldKind::CardNumber => ("カード番号", "card number"),
            FieldKind::CardExpiry => ("有効期限", "expiry date"),
            FieldKind::CardCvc => ("セキュリティコード", "security code"),
            FieldKind::CardPin => ("暗証番号", "PIN"),
            FieldKind::LoginId => ("ログインID", "login ID"),
            FieldKind::Password => ("パスワード", "password"),
            FieldKind::Otp => ("ワンタイムパスワード・認証コード", "one-time code"),
            FieldKind::PrepaidNumber => ("プリペイド番号・ギフトコード", "prepaid number or gift code"),
            FieldKind::BankAccount => ("口座情報", "bank account details"),
            FieldKind::SecretAnswer => ("合言葉・秘密の質問の答え", "secret answer"),
            FieldKind::MailboxNumber => ("メールボックス番号", "mailbox number"),
            FieldKind::PersonalId => ("マイナンバー・身分証の番号", "personal ID number"),
        }
    }

    pub fn is_card(self) -> bool {
        matches!(self, FieldKind::CardNumber | FieldKind::CardExpiry | FieldKind::CardCvc | FieldKind::CardPin)
    }
}

/// The words of one field kind as `data/fields.toml` writes them (compiled in by build.rs).
#[derive(Debug, Clone, Copy)]
pub struct KindWords {
    pub kind: FieldKind,
    pub labels: StrList,
    pub attrs: StrList,
    pub autocomplete: StrList,
}

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
}

const NON_TEXT_TYPES: &[&str] =
    &["hidden", "submit", "button", "reset", "image", "checkbox", "radio", "file", "range", "color", "search"];

fn attr_tokens(s: &str) -> (Vec<String>, String) {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            cur.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }
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
            Vocab { labels: crate::text::PhraseSet::new(&all), label_rank, vocab }
        })
    }

    fn by_text(&self, text: &str) -> Option<FieldKind> {
        if text.is_empty() {
            return None;
        }
        // the first kind in vocabulary order whose label occurs wins
        let v = self.vocab();
        v.labels.find_in(text).into_iter().map(|i| v.label_rank[i]).min().map(|r| v.vocab[r].kind)
    }

    fn by_attrs(&self, tokens: &[String], compact: &str) -> Option<FieldKind> {
        if tokens.is_empty() {
            return None;
        }
        self.vocab()
            .vocab
            .iter()
            .find(|k| {
                k.attrs.iter().any(|a| tokens.iter().any(|t| t == a) || (a.len() >= 5 && compact.contains(a.as_str())))
            })
            .map(|k| k.kind)
    }

    fn by_autocomplete(&self, autocomplete: &str) -> Option<FieldKind> {
        let ac = autocomplete.to_ascii_lowercase();
        ac.split_ascii_whitespace()
            .find_map(|tok| self.vocab().vocab.iter().find(|k| k.autocomplete.iter().any(|a| a == tok)).map(|k| k.kind))
    }

    /// The kind of one input, from its own attributes and texts alone.
    pub fn classify(&self, input: &InputFacts) -> Option<FieldKind> {
        let ty = input.input_type.to_ascii_lowercase();
        let tag = input.tag.to_ascii_lowercase();
        if NON_TEXT_TYPES.contains(&ty.as_str()) {
            return None;
        }
        let (tokens, compact) = attr_tokens(&format!("{} {}", input.name, input.id));
        if ty == "search" || tokens.iter().any(|t| t == "search" || t == "q" || t == "query" || t == "keyword") {
            return None;
        }
        let primary = fold(&format!("{} {} {}", input.label, input.aria_label, input.placeholder));
        let context = fold(&input.context);
        let found = self
            .by_autocomplete(&input.autocomplete)
            .or_else(|| self.by_text(&primary))
            .or_else(|| self.by_attrs(&tokens, &compact))
            .or_else(|| self.by_text(&context))
            .or_else(|| by_shape(input, &ty));
        let found = match (found, ty.as_str()) {
            // a password box is a password unless its words say it is a PIN, OTP, security code…
            (None, "password") => Some(FieldKind::Password),
            (Some(FieldKind::LoginId), "password") => Some(FieldKind::Password),
            (f, _) => f,
        };
        // a <select> only carries expiry months/years among the sensitive kinds
        if tag == "select" {
            return match found {
                Some(FieldKind::CardExpiry) => found,
                _ => None,
            };
        }
        found
    }

    /// Every sensitive input of a page, in order, with what structure adds to the single-input view.
    pub fn classify_all(&self, inputs: &[InputFacts]) -> Vec<SensitiveField> {
        let mut kinds: Vec<Option<FieldKind>> = inputs.iter().map(|i| self.classify(i)).collect();
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
                    let (tokens, _) = attr_tokens(&format!("{} {}", inp.name, inp.id));
                    let near_card = i > 0 && kinds[i - 1].is_some_and(FieldKind::is_card);
                    let monthish = tokens.iter().any(|t| matches!(t.as_str(), "month" | "year" | "mm" | "yy" | "yyyy"));
                    if monthish && near_card {
                        kinds[i] = Some(FieldKind::CardExpiry);
                    }
                }
            }
        }
        // an e-mail or telephone box in a form that also asks for a password is the login ID
        if kinds.iter().any(|k| *k == Some(FieldKind::Password)) {
            for (i, inp) in inputs.iter().enumerate() {
                let ty = inp.input_type.to_ascii_lowercase();
                let ac = inp.autocomplete.to_ascii_lowercase();
                if kinds[i].is_none() && (ty == "email" || ty == "tel" || ac.contains("email")) {
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

/// What an input with no telling words still says by its shape: a placeholder written like a card number
/// (`0000 0000 0000 0000`, `xxxx-xxxx-…`) or an expiry (`MM/YY`, `12/28`), or a numeric box of card-number length.
fn by_shape(input: &InputFacts, ty: &str) -> Option<FieldKind> {
    let ph: String = input.placeholder.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let ph = fold(&ph);
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
