//! Verdicts (DESIGN.md CONTRACT: safe / none / caution / danger), the rules that produce them, and the
//! sentences a person reads for each rule, in Japanese and English.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Safe,
    None,
    Caution,
    Danger,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Safe => "safe",
            Level::None => "none",
            Level::Caution => "caution",
            Level::Danger => "danger",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Caution,
    Danger,
}

/// Every rule the engine can fire. `code()` is the stable identifier printed by the CLI and sent to the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    // URL rules
    OfficialDomain,
    EmbeddedOfficialDomain,
    EmbeddedLookalikeDomain,
    HomoglyphDomain,
    TypoDomain,
    TypoToken,
    TldSwap,
    TldSwapQuiet,
    BrandInSubdomain,
    BrandComboCredential,
    BrandCombo,
    BrandOnSharedHosting,
    WeakBrandWithCredentialWords,
    BrandOnSuspiciousHost,
    EmbeddedSuffix,
    // the route of an address and whose content it is (issue 17)
    UserinfoOfficialDomain,
    UserinfoDomain,
    ViaRedirect,
    ViaProxy,
    RedirectHidden,
    UserContentOnPlatform,
    // URL signals (never a warning alone)
    PlainHttp,
    IpHost,
    NonDefaultPort,
    SharedHosting,
    AbusedTld,
    UrlShortener,
    LongHost,
    RandomLabel,
    MixedScriptHost,
    // page rules
    BrandClaimWithCredentials,
    LookalikeUrlWithCredentials,
    PinWithCardNumber,
    NeverAskedField,
    CardVerificationPage,
    PrepaidByMessage,
    PrepaidOffIssuer,
    SensitiveFieldsRiskyHost,
    FormPostsElsewhere,
    UrgencyWording,
    CashOutService,
    FakeShopMarks,
    MailboxNumber,
    BrandClaim,
    CardAuthImpersonation,
    MixedScriptBrand,
    MixedScriptText,
    LurePage,
    PersonalInfoStep,
    DocumentUpload,
    DrawnField,
    ScamStep,
    OpaqueOrigin,
}

/// Which step of a scam a page looks like (the `step` of a verdict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Login,
    Card,
    CardAuth,
    PersonalInfo,
    DocumentUpload,
    BankAccount,
    Lure,
}

impl Step {
    pub const ALL: &'static [Step] =
        &[Step::Login, Step::Card, Step::CardAuth, Step::PersonalInfo, Step::DocumentUpload, Step::BankAccount, Step::Lure];

    pub fn code(self) -> &'static str {
        match self {
            Step::Login => "login",
            Step::Card => "card",
            Step::CardAuth => "card_auth",
            Step::PersonalInfo => "personal_info",
            Step::DocumentUpload => "document_upload",
            Step::BankAccount => "bank_account",
            Step::Lure => "lure",
        }
    }

    /// How a person names the step, (Japanese, English).
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Step::Login => ("IDとパスワードを盗む", "stealing your login"),
            Step::Card => ("カード情報を盗む", "stealing your card details"),
            Step::CardAuth => ("カードの本人認証(3Dセキュア)を装う", "faking your card's authentication (3-D Secure)"),
            Step::PersonalInfo => ("氏名・生年月日・住所などの個人情報を集める", "collecting your personal details (name, birth date, address)"),
            Step::DocumentUpload => ("身分証やカードの写真を集める", "collecting photos of your ID or card"),
            Step::BankAccount => ("銀行口座の情報を盗む", "stealing your bank account details"),
            Step::Lure => ("「アカウントがロックされた」などと告げて入力画面へ誘う", "luring you on with a \"your account is locked\" notice"),
        }
    }
}

/// What a message may mention.
#[derive(Default)]
pub struct MsgCtx<'a> {
    pub brand_ja: &'a str,
    pub brand_en: &'a str,
    pub domain: &'a str,
    pub official: &'a str,
    pub fields_ja: &'a str,
    pub fields_en: &'a str,
    /// the host as a person reads it (the route's rules name it whole)
    pub host: &'a str,
    /// the platform an address goes through or a page is made on (`Google`), and its service (`Google フォーム`)
    pub platform_ja: &'a str,
    pub platform_en: &'a str,
    pub service_ja: &'a str,
    pub service_en: &'a str,
    /// the domain written before an `@`
    pub shown: &'a str,
    /// the step of a scam the page looks like, if any (for `ScamStep`)
    pub step: Option<Step>,
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::OfficialDomain, Rule::EmbeddedOfficialDomain, Rule::EmbeddedLookalikeDomain, Rule::HomoglyphDomain,
        Rule::TypoDomain, Rule::TypoToken, Rule::TldSwap, Rule::TldSwapQuiet, Rule::BrandInSubdomain, Rule::BrandComboCredential, Rule::BrandCombo,
        Rule::BrandOnSharedHosting, Rule::WeakBrandWithCredentialWords, Rule::BrandOnSuspiciousHost, Rule::EmbeddedSuffix,
        Rule::UserinfoOfficialDomain, Rule::UserinfoDomain, Rule::ViaRedirect, Rule::ViaProxy, Rule::RedirectHidden,
        Rule::UserContentOnPlatform, Rule::PlainHttp,
        Rule::IpHost, Rule::NonDefaultPort, Rule::SharedHosting, Rule::AbusedTld, Rule::UrlShortener,
        Rule::LongHost, Rule::RandomLabel, Rule::MixedScriptHost, Rule::BrandClaimWithCredentials,
        Rule::LookalikeUrlWithCredentials, Rule::PinWithCardNumber, Rule::NeverAskedField,
        Rule::CardVerificationPage, Rule::PrepaidByMessage, Rule::PrepaidOffIssuer, Rule::SensitiveFieldsRiskyHost,
        Rule::FormPostsElsewhere, Rule::UrgencyWording, Rule::CashOutService, Rule::FakeShopMarks,
        Rule::MailboxNumber, Rule::BrandClaim, Rule::CardAuthImpersonation, Rule::MixedScriptBrand,
        Rule::MixedScriptText, Rule::LurePage, Rule::PersonalInfoStep, Rule::DocumentUpload, Rule::DrawnField, Rule::ScamStep,
        Rule::OpaqueOrigin,
    ];

    /// Rules decided from the address alone (the rest need the page).
    pub fn is_url_rule(self) -> bool {
        self < Rule::BrandClaimWithCredentials
    }

    /// URL rules whose sentence names the brand the address imitates (a verdict naming another brand must not
    /// carry them: they would say the address imitates that one).
    pub fn names_url_brand(self) -> bool {
        matches!(
            self,
            Rule::EmbeddedOfficialDomain
                | Rule::EmbeddedLookalikeDomain
                | Rule::HomoglyphDomain
                | Rule::TypoDomain
                | Rule::TldSwap
                | Rule::TypoToken
                | Rule::TldSwapQuiet
                | Rule::BrandOnSuspiciousHost
                | Rule::BrandInSubdomain
                | Rule::BrandComboCredential
                | Rule::BrandCombo
                | Rule::BrandOnSharedHosting
                | Rule::WeakBrandWithCredentialWords
                | Rule::UserinfoOfficialDomain
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            Rule::OfficialDomain => "official-domain",
            Rule::EmbeddedOfficialDomain => "embedded-official-domain",
            Rule::EmbeddedLookalikeDomain => "embedded-lookalike-domain",
            Rule::HomoglyphDomain => "homoglyph-domain",
            Rule::TypoDomain => "typo-domain",
            Rule::TypoToken => "typo-brand-word",
            Rule::TldSwap => "tld-swap",
            Rule::TldSwapQuiet => "tld-swap-unknown",
            Rule::BrandInSubdomain => "brand-in-subdomain",
            Rule::BrandComboCredential => "brand-combo-credential",
            Rule::BrandCombo => "brand-combo",
            Rule::BrandOnSharedHosting => "brand-on-shared-hosting",
            Rule::WeakBrandWithCredentialWords => "weak-brand-credential-words",
            Rule::BrandOnSuspiciousHost => "brand-suspicious-host",
            Rule::EmbeddedSuffix => "embedded-suffix",
            Rule::UserinfoOfficialDomain => "userinfo-official-domain",
            Rule::UserinfoDomain => "userinfo-domain",
            Rule::ViaRedirect => "via-redirect",
            Rule::ViaProxy => "via-proxy",
            Rule::RedirectHidden => "redirect-destination-hidden",
            Rule::UserContentOnPlatform => "user-content-on-platform",
            Rule::PlainHttp => "plain-http",
            Rule::IpHost => "ip-host",
            Rule::NonDefaultPort => "non-default-port",
            Rule::SharedHosting => "shared-hosting",
            Rule::AbusedTld => "abused-tld",
            Rule::UrlShortener => "url-shortener",
            Rule::LongHost => "long-host",
            Rule::RandomLabel => "random-label",
            Rule::MixedScriptHost => "mixed-script-host",
            Rule::BrandClaimWithCredentials => "brand-claim-credentials",
            Rule::LookalikeUrlWithCredentials => "lookalike-url-credentials",
            Rule::PinWithCardNumber => "pin-with-card-number",
            Rule::NeverAskedField => "never-asked-field",
            Rule::CardVerificationPage => "card-verification-page",
            Rule::PrepaidByMessage => "prepaid-by-message",
            Rule::PrepaidOffIssuer => "prepaid-off-issuer",
            Rule::SensitiveFieldsRiskyHost => "sensitive-fields-risky-host",
            Rule::FormPostsElsewhere => "form-posts-elsewhere",
            Rule::UrgencyWording => "urgency-wording",
            Rule::CashOutService => "cash-out-service",
            Rule::FakeShopMarks => "fake-shop-marks",
            Rule::MailboxNumber => "mailbox-number",
            Rule::BrandClaim => "brand-claim",
            Rule::CardAuthImpersonation => "card-auth-impersonation",
            Rule::MixedScriptBrand => "mixed-script-brand",
            Rule::MixedScriptText => "mixed-script-text",
            Rule::LurePage => "lure-page",
            Rule::PersonalInfoStep => "personal-info-step",
            Rule::DocumentUpload => "document-upload",
            Rule::DrawnField => "drawn-field",
            Rule::ScamStep => "scam-step",
            Rule::OpaqueOrigin => "opaque-origin",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::EmbeddedOfficialDomain
            | Rule::EmbeddedLookalikeDomain
            | Rule::HomoglyphDomain
            | Rule::TldSwap
            | Rule::BrandInSubdomain
            | Rule::BrandComboCredential
            | Rule::BrandOnSharedHosting
            | Rule::BrandOnSuspiciousHost
            | Rule::UserinfoOfficialDomain
            | Rule::BrandClaimWithCredentials
            | Rule::LookalikeUrlWithCredentials
            | Rule::PinWithCardNumber
            | Rule::NeverAskedField
            | Rule::CardVerificationPage
            | Rule::PrepaidByMessage
            | Rule::PrepaidOffIssuer
            | Rule::CardAuthImpersonation
            | Rule::MixedScriptBrand
            | Rule::DocumentUpload
            | Rule::DrawnField => Severity::Danger,
            Rule::TypoDomain
            | Rule::TypoToken
            | Rule::TldSwapQuiet
            | Rule::BrandCombo
            | Rule::WeakBrandWithCredentialWords
            | Rule::EmbeddedSuffix
            | Rule::UserinfoDomain
            | Rule::SensitiveFieldsRiskyHost
            | Rule::FormPostsElsewhere
            | Rule::UrgencyWording
            | Rule::CashOutService
            | Rule::FakeShopMarks
            | Rule::MailboxNumber
            | Rule::MixedScriptText
            | Rule::LurePage
            | Rule::PersonalInfoStep => Severity::Caution,
            Rule::OfficialDomain
            | Rule::ViaRedirect
            | Rule::ViaProxy
            | Rule::RedirectHidden
            | Rule::UserContentOnPlatform
            | Rule::PlainHttp
            | Rule::IpHost
            | Rule::NonDefaultPort
            | Rule::SharedHosting
            | Rule::AbusedTld
            | Rule::UrlShortener
            | Rule::LongHost
            | Rule::RandomLabel
            | Rule::MixedScriptHost
            | Rule::BrandClaim
            | Rule::ScamStep
            | Rule::OpaqueOrigin => Severity::Info,
        }
    }

    /// The sentence a person reads, (Japanese, English).
    pub fn message(self, c: &MsgCtx) -> (String, String) {
        let (b, be, d, o) = (c.brand_ja, c.brand_en, c.domain, c.official);
        match self {
            Rule::OfficialDomain => (
                format!("{b}の公式ドメイン({o})です。"),
                format!("This is {be}'s official domain ({o})."),
            ),
            Rule::EmbeddedOfficialDomain => (
                format!("アドレスに{b}の公式ドメイン「{o}」が含まれていますが、実際のサイトは「{d}」です。公式サイトのアドレスは {o} で終わります。"),
                format!("The address contains {be}'s official domain \"{o}\", but the site is really \"{d}\". {be}'s addresses end in {o}."),
            ),
            Rule::EmbeddedLookalikeDomain => (
                format!("アドレスに{b}の公式ドメイン「{o}」に似せた文字列が含まれていますが、実際のサイトは「{d}」です。"),
                format!("The address contains an imitation of {be}'s official domain \"{o}\"; the site is really \"{d}\"."),
            ),
            Rule::HomoglyphDomain => (
                format!("「{d}」は、見た目の似た文字を使って{b}の公式ドメイン「{o}」に見せかけたアドレスです。"),
                format!("\"{d}\" uses look-alike characters to pass for {be}'s official domain \"{o}\"."),
            ),
            Rule::TypoDomain => (
                format!("「{d}」は{b}の公式ドメイン「{o}」と一文字違いです。"),
                format!("\"{d}\" differs from {be}'s official domain \"{o}\" by one character."),
            ),
            Rule::TldSwap => (
                format!("「{d}」は{b}の公式ドメイン「{o}」と同じ名前ですが、末尾が違う別のサイトです。"),
                format!("\"{d}\" has the name of {be}'s official domain \"{o}\" under another ending: it is a different site."),
            ),
            Rule::TypoToken => (
                format!("「{d}」のアドレスには{b}の名前を一文字変えた語が入っています。{b}の公式ドメインではありません。"),
                format!("The address \"{d}\" contains {be}'s name with one letter changed; it is not {be}'s official domain."),
            ),
            Rule::TldSwapQuiet => (
                format!("「{d}」は{b}の公式ドメイン「{o}」と同じ名前ですが、Omamoriが知っている{b}の公式ドメインではありません。"),
                format!("\"{d}\" has the name of {be}'s official domain \"{o}\" but is not one of {be}'s official domains that Omamori knows."),
            ),
            Rule::BrandOnSuspiciousHost => (
                format!("「{d}」は{b}を思わせる語を、詐欺サイトによく見られる形のアドレスで使っています。{b}の公式ドメインではありません。"),
                format!("\"{d}\" uses a word suggesting {be} in an address shaped like a phishing site's; it is not {be}'s official domain."),
            ),
            Rule::BrandInSubdomain => (
                format!("アドレスの前の部分に「{b}」の名前がありますが、実際のサイトは「{d}」で、{b}のものではありません。"),
                format!("The front of the address names {be}, but the site is really \"{d}\", which is not {be}'s."),
            ),
            Rule::BrandComboCredential => (
                format!("「{d}」は{b}の名前にログインや確認を思わせる語を組み合わせたアドレスで、{b}の公式ドメインではありません。"),
                format!("\"{d}\" combines {be}'s name with login or verification words; it is not {be}'s official domain."),
            ),
            Rule::BrandCombo => (
                format!("「{d}」は{b}の名前を含みますが、{b}の公式ドメインではありません。"),
                format!("\"{d}\" contains {be}'s name but is not {be}'s official domain."),
            ),
            Rule::BrandOnSharedHosting => (
                format!("{b}の名前を、誰でも作れる無料・共用サービス上のサイト「{d}」が使っています。"),
                format!("A site on a free or shared hosting service (\"{d}\") uses {be}'s name."),
            ),
            Rule::WeakBrandWithCredentialWords => (
                format!("「{d}」は{b}を思わせる語とログイン・確認を思わせる語を含みますが、{b}の公式ドメインではありません。"),
                format!("\"{d}\" suggests {be} together with login or verification words, but is not {be}'s official domain."),
            ),
            Rule::EmbeddedSuffix => (
                format!("アドレスの途中に「.co.jp」のような日本の企業ドメインの形が入っていますが、実際のサイトは「{d}」です。"),
                format!("The address contains a Japanese company-domain ending such as \".co.jp\" in the middle; the site is really \"{d}\"."),
            ),
            Rule::UserinfoOfficialDomain => (
                format!("アドレスは{b}の公式ドメイン「{}」で始まるように見えますが、それは「@」より前の飾りです。本当の行き先は「@」の後ろの「{}」で、{b}のサイトではありません。", c.shown, c.host),
                format!("The address seems to start with {be}'s official domain \"{}\", but that is decoration before an \"@\": the real host is what follows it, \"{}\", which is not {be}'s.", c.shown, c.host),
            ),
            Rule::UserinfoDomain => (
                format!("アドレスの「@」より前に「{}」と書かれていますが、それは飾りです。本当の行き先は「@」の後ろの「{}」です。", c.shown, c.host),
                format!("The address shows \"{}\" before an \"@\", but that is decoration: the real host is what follows it, \"{}\".", c.shown, c.host),
            ),
            Rule::ViaRedirect => (
                format!("このリンクは{}を経由して「{}」へ移動します。判定しているのは移動先です。", c.platform_ja, c.host),
                format!("This link goes through {} to \"{}\"; the destination is what is judged here.", c.platform_en, c.host),
            ),
            Rule::ViaProxy => (
                format!("{}を経由して「{}」を表示しています。表示されているのは「{}」の内容で、{}のものではありません。", c.service_ja, c.host, c.host, c.platform_ja),
                format!("This shows \"{}\" through {}: the content is \"{}\"'s, not {}'s.", c.host, c.service_en, c.host, c.platform_en),
            ),
            Rule::RedirectHidden => (
                format!("このリンクは{}を経由しますが、本当の行き先はアドレスからは読み取れません。", c.service_ja),
                format!("This link goes through {}, and where it really leads cannot be read from the address.", c.service_en),
            ),
            Rule::UserContentOnPlatform => (
                format!("このページは{}で誰かが作ったもので、{}が作ったものではありません。{}のドメインにあっても、公式のページではありません。", c.service_ja, c.platform_ja, c.platform_ja),
                format!("This page is made by someone on {}, not by {}: being on {}'s domain does not make it official.", c.service_en, c.platform_en, c.platform_en),
            ),
            Rule::PlainHttp => (
                "通信が暗号化されていません(http)。".into(),
                "The connection is not encrypted (http).".into(),
            ),
            Rule::IpHost => (
                "ドメイン名ではなく数字のアドレス(IPアドレス)で開かれたサイトです。".into(),
                "The site is opened by a numeric (IP) address instead of a domain name.".into(),
            ),
            Rule::NonDefaultPort => (
                "通常とは違うポート番号が使われています。".into(),
                "The address uses an unusual port number.".into(),
            ),
            Rule::SharedHosting => (
                format!("「{d}」は誰でも作れる無料・共用サービス上のサイトです。"),
                format!("\"{d}\" is a site on a free or shared hosting service that anyone can use."),
            ),
            Rule::AbusedTld => (
                format!("「{d}」の末尾は、詐欺サイトによく使われるものです。"),
                format!("The ending of \"{d}\" is one that phishing sites often use."),
            ),
            Rule::UrlShortener => (
                "短縮URLです。本当の行き先が隠されています。".into(),
                "This is a shortened link: the real destination is hidden.".into(),
            ),
            Rule::LongHost => (
                "ドメイン名が異常に長く、本当のサイト名が見えにくくなっています。".into(),
                "The domain name is unusually long, which hides the real site name.".into(),
            ),
            Rule::RandomLabel => (
                format!("「{d}」は無作為な文字の並びに見えます。"),
                format!("\"{d}\" looks like a random string of letters."),
            ),
            Rule::MixedScriptHost => (
                format!("「{d}」には複数の文字種が混ざっていて、見た目をまねている可能性があります。"),
                format!("\"{d}\" mixes alphabets, which can imitate another name."),
            ),
            Rule::BrandClaimWithCredentials => (
                format!("このページは{b}を名乗って{}の入力を求めていますが、{b}の公式サイト({o})ではありません。", c.fields_ja),
                format!("This page presents itself as {be} and asks for your {}, but it is not on {be}'s official site ({o}).", c.fields_en),
            ),
            Rule::LookalikeUrlWithCredentials => (
                format!("{b}に似せたアドレスのページが{}の入力を求めています。", c.fields_ja),
                format!("A page at an address imitating {be} asks for your {}.", c.fields_en),
            ),
            Rule::PinWithCardNumber => (
                "カード番号と一緒にカードの暗証番号を求めています。カード会社や公的機関がWebサイトで暗証番号を尋ねることはありません。".into(),
                "The page asks for your card PIN together with the card number. Card issuers and public bodies never ask for the PIN on a website.".into(),
            ),
            Rule::NeverAskedField => (
                format!("{b}はWebページで{}を尋ねることはありません。", c.fields_ja),
                format!("{be} never asks for your {} on a web page.", c.fields_en),
            ),
            Rule::CardVerificationPage => (
                format!("「利用確認」「本人確認」と称してカード情報を求めるページです。{b}は利用確認のためにカード情報を入力させる画面を用意していません。"),
                format!("The page asks for card details as a \"usage/identity check\". {be} has no such screen on the web."),
            ),
            Rule::PrepaidByMessage => (
                "プリペイド番号(ギフトコード)をメールやチャットで送らせようとしています。プリペイド番号を送って支払う方法はありません。".into(),
                "The page asks you to send a prepaid number (gift code) by mail or chat. No real payment works that way.".into(),
            ),
            Rule::PrepaidOffIssuer => (
                format!("{b}のプリペイド番号を、{b}の公式サイト({o})ではないページが入力させようとしています。プリペイド番号を入力するのは公式の決済画面だけです。"),
                format!("A page that is not {be}'s official site ({o}) asks for a {be} prepaid number. Prepaid numbers are entered only on the official payment screens."),
            ),
            Rule::SensitiveFieldsRiskyHost => (
                format!("{}の入力欄がありますが、このサイト「{d}」は安全な接続や身元が確かでない場所にあります。", c.fields_ja),
                format!("The page asks for your {}, but \"{d}\" lacks a secure connection or a clear owner.", c.fields_en),
            ),
            Rule::FormPostsElsewhere => (
                format!("入力した内容はこのサイトではなく別のサイト「{o}」に送られます。"),
                format!("What you type here is sent to another site (\"{o}\")."),
            ),
            Rule::UrgencyWording => (
                "「緊急」「利用停止」「24時間以内」など、急がせる言葉が使われています。慌てて入力しないでください。".into(),
                "The page uses pressure words (urgent, suspension, within 24 hours). Do not hurry to type anything.".into(),
            ),
            Rule::CashOutService => (
                "キャリア決済やギフト券の「現金化」をうたうページです。規約違反で、詐欺やトラブルの危険があります。".into(),
                "The page offers to \"cash out\" carrier billing or gift cards: against the terms and a common fraud.".into(),
            ),
            Rule::FakeShopMarks => (
                "極端な値引きなど、偽の通販サイトによく見られる特徴があります。販売元の住所と連絡先を確かめてください。".into(),
                "The page shows marks of fake shops (extreme discounts). Check the seller's address and contact details.".into(),
            ),
            Rule::MailboxNumber => (
                "メールボックス番号の入力を求めています。カード会社などがメールボックス番号を入力させることはありません。".into(),
                "The page asks for a mailbox number. Card issuers never ask for one.".into(),
            ),
            Rule::BrandClaim => (
                format!("このページは{b}を名乗っています。"),
                format!("This page presents itself as {be}."),
            ),
            Rule::CardAuthImpersonation => {
                let (who_ja, who_en) = if b.is_empty() {
                    ("カード会社の本人認証サービス".to_string(), "a card company's authentication service".to_string())
                } else {
                    (format!("{b}の本人認証サービス"), format!("{be}'s authentication service"))
                };
                (
                    format!("このページは{who_ja}(3Dセキュア)を装って{}を求めています。本物の本人認証はカード会社の画面でワンタイムパスワードを尋ねるもので、カード番号や固定のパスワード、暗証番号を入力させることはありません。", c.fields_ja),
                    format!("This page poses as {who_en} (3-D Secure) and asks for your {}. Real card authentication happens on the card company's screen with a one-time code; it never asks for the card number again, a fixed password or the PIN.", c.fields_en),
                )
            }
            Rule::MixedScriptBrand => (
                format!("{b}の名前が、ラテン文字にキリル文字やギリシャ文字を混ぜた見せかけの綴りで書かれています。本物の{b}が自分の名前をこう書くことはありません。"),
                format!("{be}'s name is spelled with Cyrillic or Greek letters mixed into the Latin ones to look the same. The real {be} never writes its name that way."),
            ),
            Rule::MixedScriptText => (
                "ラテン文字とキリル文字・ギリシャ文字を混ぜて書いた語があります。見た目をまねて検出を逃れる手口です。".into(),
                "A word mixes Latin letters with Cyrillic or Greek ones: a trick to look like something while escaping detection.".into(),
            ),
            Rule::LurePage => (
                "「アカウントがロックされました」「確認が必要です」などと告げ、ボタンで次の画面へ進ませようとしています。本物のお知らせかどうかは、ブックマークや公式アプリから確かめてください。".into(),
                "The page says your account is locked or needs a check and offers only a button to go on. Check any such notice through your bookmark or the official app.".into(),
            ),
            Rule::PersonalInfoStep => (
                format!("このページは{b}を名乗って、氏名・生年月日・住所・電話番号などの個人情報を求めていますが、{b}の公式サイト({o})ではありません。"),
                format!("This page presents itself as {be} and asks for personal details (name, birth date, address, phone), but it is not {be}'s official site ({o})."),
            ),
            Rule::DrawnField => (
                format!("このページは{b}を名乗っていますが、{b}の公式サイト({o})ではありません。入力欄が絵(canvas)として描かれていて、打った文字はページが見えないところで受け取ります。"),
                format!("This page presents itself as {be} but is not {be}'s official site ({o}). One of its input fields is drawn as a picture (canvas): what you type there goes to the page unseen."),
            ),
            Rule::DocumentUpload => (
                format!("このページは{b}を名乗って、身分証やカードの写真のアップロードを求めていますが、{b}の公式サイト({o})ではありません。"),
                format!("This page presents itself as {be} and asks you to upload photos of your ID or card, but it is not {be}'s official site ({o})."),
            ),
            Rule::ScamStep => {
                let (ja, en) = c.step.map_or(("", ""), Step::label);
                (
                    format!("このページは、詐欺の「{ja}」段階の画面によく似ています。"),
                    format!("This page looks like the step of a scam that is {en}."),
                )
            }
            Rule::OpaqueOrigin => (
                "このページには元のサイトのアドレスがありません(サンドボックス化された枠や blob: の文書)。どのサイトのものか確かめられません。".into(),
                "This page has no address of its own (a sandboxed frame or a blob: document): which site it belongs to cannot be checked.".into(),
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub severity: Severity,
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrandName {
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhoneOut {
    pub number: String,
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoInstead {
    pub top: String,
    pub login: Option<String>,
    pub phishing_info: Option<String>,
    pub phones: Vec<PhoneOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldOut {
    pub index: usize,
    pub kind: crate::fields::FieldKind,
}

/// The engine's answer (docs/engine-api.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub level: Level,
    pub brand: Option<String>,
    pub brand_name: Option<BrandName>,
    pub host: String,
    pub registrable_domain: Option<String>,
    pub reasons: Vec<Reason>,
    pub go_instead: Option<GoInstead>,
    pub fields: Vec<FieldOut>,
    pub url_block: bool,
    /// how the address reached the place judged, outermost first (empty when direct)
    pub via: Vec<Via>,
    /// the address judged, when it is not the one given (a redirector's destination, a proxied site): the one a
    /// report carries
    pub destination: Option<String>,
    /// the host and path are a platform's space for other people's content: never to be called official
    pub user_content: bool,
    /// whose space that is and which service, for the sentences of the shell (set exactly when `user_content`)
    pub platform: Option<ContentPlatform>,
    /// the brand id the page presents itself as, at any level (the background passes it to the tab's frames as
    /// `top_claim`)
    pub claim: Option<String>,
    /// which step of a scam the page looks like
    pub step: Option<Step>,
    #[serde(skip)]
    pub rules: Vec<Rule>,
}

/// One step of an address's route (docs/engine-api.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Via {
    pub kind: crate::route::ViaKind,
    /// the redirector's or proxy's brand; for `userinfo` the brand whose official domain is written before the `@`
    pub brand: Option<String>,
    /// the redirector's or proxy's host; for `userinfo` the domain written before the `@`
    pub host: String,
    /// how a sentence names the redirector's or proxy's platform (`Google`, not the directory's long name); for
    /// `userinfo` the name of the brand whose official domain is written there
    pub name: Option<BrandName>,
    /// the service (`Google 翻訳`, `Google のリンク転送`); null for `userinfo`
    pub service: Option<BrandName>,
}

/// The platform whose space for others' content a page is in (`Google`, `Google フォーム`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContentPlatform {
    pub brand: String,
    pub name: BrandName,
    pub service: BrandName,
}

impl Verdict {
    /// Rule codes, comma-separated, `-` when none (the CLI's `rules` column).
    pub fn rule_codes(&self) -> String {
        if self.rules.is_empty() {
            "-".into()
        } else {
            self.rules.iter().map(|r| r.code()).collect::<Vec<_>>().join(",")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = HashSet::new();
        for r in Rule::ALL {
            assert!(seen.insert(r.code()), "{}", r.code());
            assert!(r.code().bytes().all(|c| c.is_ascii_lowercase() || c == b'-'));
        }
    }

    #[test]
    fn every_rule_has_both_languages() {
        let c = MsgCtx {
            brand_ja: "エムアイカード",
            brand_en: "MI Card",
            domain: "kwtqq.com",
            official: "micard.co.jp",
            fields_ja: "カード番号",
            fields_en: "card number",
            host: "www.micard.co.jp.kwtqq.com",
            platform_ja: "Google",
            platform_en: "Google",
            service_ja: "Google フォーム",
            service_en: "Google Forms",
            shown: "www.micard.co.jp",
            step: Some(Step::CardAuth),
        };
        for r in Rule::ALL {
            let (ja, en) = r.message(&c);
            assert!(!ja.is_empty() && !en.is_empty(), "{}", r.code());
            assert!(!ja.is_ascii(), "{} ja must be Japanese", r.code());
        }
        for s in Step::ALL {
            let c = MsgCtx { step: Some(*s), ..c };
            let (ja, en) = Rule::ScamStep.message(&c);
            assert!(ja.contains(s.label().0) && en.contains(s.label().1), "{}", s.code());
        }
    }
}
