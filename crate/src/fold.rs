//! The folding of text that every matcher compares on (NFKC, lower case, no invisible characters, single
//! spaces; the UTS #39 skeleton on top for brand names). Its own file so that build.rs folds the brands' page
//! names at build time with exactly this code (`#[path]` module there).
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// Upper bound on the characters of one text that any matcher looks at: bounds the work on huge inputs.
pub const MAX_TEXT_CHARS: usize = 20_000;

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// NFKC + lower case + invisible characters dropped + whitespace runs folded to one space, trimmed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(MAX_TEXT_CHARS * 3));
    let mut space = true;
    for c in s.chars().take(MAX_TEXT_CHARS).filter(|c| !is_invisible(*c)).nfkc() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `fold`, then the UTS #39 skeleton, so that `Аmazon` (Cyrillic А) and `amazon` compare equal.
/// The skeleton is applied to both sides of every comparison, never shown to anyone.
pub fn fold_confusable(s: &str) -> String {
    skeleton(&fold(s)).collect::<String>().to_lowercase()
}

