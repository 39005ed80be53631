//! The page rules: a page's evidence (`evidence::PageEvidence`) in, a level, the brand to name, the rules that
//! fired and the step of a scam out. Nothing here looks at the facts again; each rule below is one paragraph.
use crate::evidence::PageEvidence;
use crate::fields::FieldKind;
use crate::kb::{BrandIdx, Category, KnowledgeBase};
use crate::verdict::{Level, Rule, Step};

pub struct Decision {
    pub level: Level,
    /// the brand the verdict names (None when nothing tied the page to one)
    pub brand: Option<BrandIdx>,
    /// the brand the page presents itself as, whatever the level
    pub claim: Option<BrandIdx>,
    pub rules: Vec<(Rule, String)>,
    pub step: Option<Step>,
}

fn official_of(kb: &KnowledgeBase, b: BrandIdx) -> String {
    kb.brands[b].domains.first().map(|d| d.name.to_string()).unwrap_or_default()
}

/// The card issuer or network a card-authentication page names, best ranked first (the merchant it names, an
/// online shop or a tech company, is not who authenticates the card).
fn card_authority(kb: &KnowledgeBase, ev: &PageEvidence) -> Option<BrandIdx> {
    let issuer = |b: BrandIdx| {
        let br = &kb.brands[b];
        br.card_network || matches!(br.category, Category::Card | Category::Bank)
    };
    ev.claims.ranked.iter().map(|(b, _)| *b).find(|&b| issuer(b))
}

pub fn decide(kb: &KnowledgeBase, ev: &PageEvidence) -> Decision {
    let u = &ev.url;
    let asks = ev.asks();
    let has = |k: FieldKind| ev.has(k);
    let w = &ev.wording;
    let mut rules: Vec<(Rule, String)> = Vec::new();
    let mut level = u.level;
    let mut brand = u.brand;

    // the brand the page presents itself as: its own claim, a name disguised with mixed alphabets, or (for a
    // frame) the claim of the tab's top page
    let disguised = ev.claims.disguised.first().copied();
    let claim: Option<BrandIdx> =
        disguised.or(ev.claims.claim.as_ref().map(|c| c.brand)).or(ev.top_claim);
    // a brand named in an identity role without reaching a claim ("your Apple ID"): enough to name the brand
    // of a lure or a personal-information step, never to raise a level alone
    let presented = claim.or_else(|| ev.claims.ranked.first().map(|(b, _)| *b));

    // the brand the page claims, unless its URL already clearly imitates one
    if let Some(c) = claim {
        if brand.is_none() || u.level < Level::Danger {
            brand = Some(c);
        }
    }

    if let Some(d) = disguised {
        rules.push((Rule::MixedScriptBrand, official_of(kb, d)));
        level = level.max(if asks { Level::Danger } else { Level::Caution });
    } else if ev.mixed_script && asks && claim.is_none() {
        rules.push((Rule::MixedScriptText, String::new()));
        level = level.max(Level::Caution);
    }

    // card authentication (3-D Secure) asked off the issuer's site for what it never asks: a fixed password,
    // the card number again, the PIN (a real EMV 3-D Secure challenge asks only for a one-time code)
    let card_auth = w.card_auth
        && (has(FieldKind::Password) || has(FieldKind::CardNumber) || has(FieldKind::CardPin) || has(FieldKind::LoginId));
    if card_auth {
        let authority = card_authority(kb, ev);
        rules.push((Rule::CardAuthImpersonation, authority.map(|b| official_of(kb, b)).unwrap_or_default()));
        level = Level::Danger;
        // the issuer or network it names, not the merchant; none named: "a card company's service"
        brand = authority.or(if u.level == Level::Danger { u.brand } else { None });
    }

    if asks {
        if let Some(c) = claim.filter(|_| !card_auth) {
            rules.push((Rule::BrandClaimWithCredentials, official_of(kb, c)));
            level = Level::Danger;
            if ev.kinds.iter().any(|k| kb.brands[c].never_asks.contains(k)) {
                rules.push((Rule::NeverAskedField, official_of(kb, c)));
            }
        } else if card_auth {
            // said above
        } else if u.level >= Level::Caution && u.brand.is_some() {
            rules.push((Rule::LookalikeUrlWithCredentials, String::new()));
            level = Level::Danger;
        } else if let Some((b, rule, official)) = &u.hint {
            // a weak lookalike that said nothing alone: with a form asking for credentials, a caution
            brand = Some(*b);
            rules.push((*rule, official.clone()));
            level = level.max(Level::Caution);
        }
        if has(FieldKind::CardPin) && has(FieldKind::CardNumber) {
            rules.push((Rule::PinWithCardNumber, String::new()));
            level = Level::Danger;
        }
        if ev.kinds.iter().any(|k| k.is_card()) && w.verification {
            if let Some(b) = brand {
                if kb.brands[b].never_asks.contains(&FieldKind::CardNumber) || claim.is_some() || u.level == Level::Danger
                {
                    rules.push((Rule::CardVerificationPage, official_of(kb, b)));
                    level = Level::Danger;
                }
            }
        }
        if has(FieldKind::MailboxNumber) {
            rules.push((Rule::MailboxNumber, String::new()));
            level = level.max(Level::Caution);
            if brand.is_some() {
                level = Level::Danger;
            }
        }
        if level < Level::Danger {
            if u.risky_host {
                rules.push((Rule::SensitiveFieldsRiskyHost, String::new()));
                level = level.max(Level::Caution);
            }
            if let Some(other) = &u.form_elsewhere {
                rules.push((Rule::FormPostsElsewhere, other.clone()));
                level = level.max(Level::Caution);
            }
            if w.urgency {
                rules.push((Rule::UrgencyWording, String::new()));
                level = level.max(Level::Caution);
            }
        }
    }

    // "send us the number" is about a prepaid number only where the page talks about prepaid cards
    // (「認証番号を送信しました」 on a login page is not)
    let prepaid_context = has(FieldKind::PrepaidNumber)
        || ev.claims.mentioned.iter().any(|&b| kb.brands[b].category == Category::Prepaid)
        || w.prepaid_words;
    if prepaid_context && w.prepaid_by_message {
        rules.push((Rule::PrepaidByMessage, String::new()));
        level = Level::Danger;
    }
    // a prepaid number is typed only on the issuer's own payment pages (WebMoney seed): a box for one on a site
    // that names a prepaid brand it does not belong to is a theft of the balance
    if has(FieldKind::PrepaidNumber) && !rules.iter().any(|(r, _)| *r == Rule::BrandClaimWithCredentials) {
        if let Some(&p) = ev.claims.mentioned.iter().find(|&&b| kb.brands[b].category == Category::Prepaid) {
            rules.push((Rule::PrepaidOffIssuer, official_of(kb, p)));
            brand = brand.or(Some(p));
            level = Level::Danger;
        }
    }
    if w.cash_out {
        rules.push((Rule::CashOutService, String::new()));
        level = level.max(Level::Caution);
    }
    if asks && ev.kinds.iter().any(|k| k.is_card()) && w.fake_shop && !w.shop_contact {
        rules.push((Rule::FakeShopMarks, String::new()));
        level = level.max(Level::Caution);
    }

    // the other steps of a kit's flow, under a brand the page presents itself as
    let upload_step = ev.uploads > 0 && w.upload_photo;
    if upload_step {
        if let Some(b) = presented {
            rules.push((Rule::DocumentUpload, official_of(kb, b)));
            level = Level::Danger;
            brand = brand.or(Some(b));
        }
    }
    // a field drawn on a canvas, under a brand's name: the page hides what it asks for from anything that reads it
    // (a game or an editor drawn on a canvas claims no card issuer)
    if ev.drawn_fields > 0 {
        if let Some(c) = claim {
            rules.push((Rule::DrawnField, official_of(kb, c)));
            level = Level::Danger;
        } else if let Some(b) = presented {
            rules.push((Rule::DrawnField, official_of(kb, b)));
            level = level.max(Level::Caution);
            brand = brand.or(Some(b));
        }
    }
    let personal_step = ev.personal_fields >= 2 && !asks && !upload_step;
    if personal_step {
        if let Some(b) = presented {
            rules.push((Rule::PersonalInfoStep, official_of(kb, b)));
            level = level.max(Level::Caution);
            brand = brand.or(Some(b));
        }
    }
    // a lure: the account said to be locked or in need of a check, on a short page with a button and nothing
    // to type (the next page asks)
    let lure_step = w.lure && !asks && ev.personal_fields == 0 && ev.uploads == 0 && ev.short_page && ev.buttons > 0;
    if lure_step {
        rules.push((Rule::LurePage, String::new()));
        level = level.max(Level::Caution);
        brand = brand.or(presented);
    }

    // a page that only names a brand (a mail quoting it, an article) is not worth a word; one that asks for
    // something under that name is
    if let (Some(c), None, true) = (claim, rules.first(), asks) {
        rules.push((Rule::BrandClaim, official_of(kb, c)));
    }

    let step = if level < Level::Caution {
        None
    } else if card_auth {
        Some(Step::CardAuth)
    } else if upload_step {
        Some(Step::DocumentUpload)
    } else if has(FieldKind::BankAccount) {
        Some(Step::BankAccount)
    } else if ev.kinds.iter().any(|k| k.is_card()) {
        Some(Step::Card)
    } else if has(FieldKind::Password) || has(FieldKind::LoginId) || has(FieldKind::Otp) {
        Some(Step::Login)
    } else if personal_step {
        Some(Step::PersonalInfo)
    } else if lure_step {
        Some(Step::Lure)
    } else {
        None
    };
    if step.is_some() {
        rules.push((Rule::ScamStep, String::new()));
    }
    if u.opaque {
        rules.push((Rule::OpaqueOrigin, String::new()));
    }

    // the URL's own findings come after the page's, then the signals; those that name the brand the address
    // imitates only when the verdict names that brand (the page may name none: the address then says which)
    let other_brand = u.brand.is_some() && brand.is_some() && brand != u.brand;
    if brand.is_none() && u.rules.iter().any(|r| r.names_url_brand()) {
        brand = u.brand;
    }
    for r in &u.rules {
        if other_brand && r.names_url_brand() {
            continue;
        }
        if !rules.iter().any(|(x, _)| x == r) {
            rules.push((*r, brand.map(|b| official_of(kb, b)).unwrap_or_default()));
        }
    }
    // a brand is named only when something tied the page to it
    let named = if level >= Level::Caution || (claim.is_some() && asks) { brand } else { None };
    Decision { level, brand: named, claim, rules, step }
}
