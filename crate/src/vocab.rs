//! The vocabulary types shared by the knowledge base, the field classifier and the signal lists: the compact
//! string list the compiled-in data is made of, the kinds of sensitive field, and the word lists of
//! `data/fields.toml` and `data/signals.toml` as build.rs writes them. Nothing here depends on another module of
//! the crate, so `kb`, `fields` and `signals` all depend on this one and not on each other.
use serde::{Deserialize, Serialize};

/// A list of strings stored as one static string (items joined by U+001F): one pointer per list instead of one
/// per item keeps the compiled-in knowledge base small in the wasm module.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct StrList {
    joined: &'static str,
    len: usize,
}

/// The separator of `StrList` items (build.rs refuses data that contains it).
pub const STR_LIST_SEP: char = '\u{1f}';

impl StrList {
    pub const EMPTY: StrList = StrList { joined: "", len: 0 };

    /// `joined`: `len` items joined by `STR_LIST_SEP` (as build.rs writes them).
    pub const fn new(joined: &'static str, len: usize) -> Self {
        StrList { joined, len }
    }

    pub fn iter(&self) -> std::iter::Take<std::str::Split<'static, char>> {
        // `take` makes an empty list yield nothing (splitting "" gives one empty item)
        self.joined.split(STR_LIST_SEP).take(self.len)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn first(&self) -> Option<&'static str> {
        self.iter().next()
    }

    pub fn contains(&self, item: &str) -> bool {
        self.iter().any(|x| x == item)
    }
}

impl IntoIterator for StrList {
    type Item = &'static str;
    type IntoIter = std::iter::Take<std::str::Split<'static, char>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for &StrList {
    type Item = &'static str;
    type IntoIter = std::iter::Take<std::str::Split<'static, char>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for StrList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for StrList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

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

/// The vocabularies as `data/signals.toml` writes them (compiled in by build.rs; host words lower-cased).
#[derive(Debug, Clone, Copy)]
pub struct SignalWords {
    pub abused_tlds: StrList,
    pub shared_hosting: StrList,
    pub shorteners: StrList,
    pub credential_words: StrList,
    /// those of `credential_words` that name a service, not an account action
    pub service_words: StrList,
    pub credential_inside: StrList,
    pub urgency: StrList,
    pub verification_page: StrList,
    pub cash_out: StrList,
    pub prepaid_by_message: StrList,
    pub prepaid_words: StrList,
    pub fake_shop: StrList,
    pub shop_contact: StrList,
    pub identity_after: StrList,
    pub identity_before: StrList,
    pub other_after: StrList,
    pub other_before: StrList,
    pub card_auth: StrList,
    pub card_auth_weak: StrList,
    pub card_context: StrList,
    pub lure: StrList,
    pub personal_labels: StrList,
    pub personal_attrs: StrList,
    pub upload_words: StrList,
    pub personal_veto: StrList,
}
