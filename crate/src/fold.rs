//! The folding of text that every matcher compares on (NFKC, lower case, no invisible characters, single
//! spaces; the UTS #39 skeleton on top for brand names). Its own file so that build.rs folds the brands' page
//! names at build time with exactly this code (`#[path]` module there).
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
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
    let mut out = String::new();
    fold_parts_into(&[s], &mut out);
    out
}

/// `fold` of the parts joined with single spaces (`fold(&parts.join(" "))`, exactly), written into `out`
/// (cleared first), so that a caller folding many texts builds neither the joined text nor a new string.
///
/// Two fast paths give the same output as the full pipeline by construction: text that is all ASCII is
/// already NFKC (every ASCII character is a starter that nothing composes into, alone), so it only needs ASCII
/// lower case; other text that the Unicode quick check (UAX #15) says is NFKC already skips the normaliser.
pub fn fold_parts_into(parts: &[&str], out: &mut String) {
    out.clear();
    let joined_len = parts.iter().map(|p| p.len()).sum::<usize>() + parts.len().saturating_sub(1);
    out.reserve(joined_len.min(MAX_TEXT_CHARS * 3));
    if parts.iter().all(|p| p.is_ascii()) {
        fold_ascii(parts, out);
        return;
    }
    // the joined text's characters, bounded, without the invisible ones: what NFKC is applied to
    let chars = || {
        parts
            .iter()
            .enumerate()
            .flat_map(|(i, p)| (i > 0).then_some(' ').into_iter().chain(p.chars()))
            .take(MAX_TEXT_CHARS)
            .filter(|c| !is_invisible(*c))
    };
    if is_nfkc_quick(chars()) == IsNormalized::Yes {
        fold_normalized(chars(), out);
    } else {
        fold_normalized(chars().nfkc(), out);
    }
}

/// The end of `fold` on NFKC text: lower case, whitespace runs to one space, trimmed.
fn fold_normalized(chars: impl Iterator<Item = char>, out: &mut String) {
    let mut space = true;
    for c in chars {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if no_lower_case(c) {
            out.push(c);
        } else {
            for l in c.to_lowercase() {
                out.push(l);
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// `fold_normalized` on the joined parts when they are all ASCII: byte by byte.
fn fold_ascii(parts: &[&str], out: &mut String) {
    let mut space = true;
    let mut left = MAX_TEXT_CHARS;
    let mut push = |b: u8, out: &mut String| {
        // char::is_whitespace on ASCII: tab, line feed, vertical tab, form feed, carriage return, space
        if matches!(b, b'\t'..=b'\r' | b' ') {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            space = false;
            out.push(b.to_ascii_lowercase() as char);
        }
    };
    'parts: for (i, p) in parts.iter().enumerate() {
        for b in (i > 0).then_some(b' ').into_iter().chain(p.bytes()) {
            if left == 0 {
                break 'parts;
            }
            left -= 1;
            push(b, out);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Characters that are their own lower case, found without the case tables: CJK symbols and punctuation,
/// kana, CJK unified ideographs (U+3000–U+9FFF; the test `no_lower_case_is_exact` checks every one).
fn no_lower_case(c: char) -> bool {
    ('\u{3000}'..='\u{9FFF}').contains(&c)
}

/// `fold`, then the UTS #39 skeleton, so that `Аmazon` (Cyrillic А) and `amazon` compare equal.
/// The skeleton is applied to both sides of every comparison, never shown to anyone.
pub fn fold_confusable(s: &str) -> String {
    skeleton(&fold(s)).collect::<String>().to_lowercase()
}


#[cfg(test)]
mod tests {
    use super::*;

    /// `fold` as it was written before its fast paths: the reference the fast paths must agree with.
    fn fold_reference(s: &str) -> String {
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

    #[test]
    fn no_lower_case_is_exact() {
        for c in ('\u{3000}'..='\u{9FFF}').filter(|c| no_lower_case(*c)) {
            assert!(c.to_lowercase().eq([c]), "{c:?} has a lower case");
        }
    }

    #[test]
    fn fast_paths_agree_with_the_reference() {
        let texts = [
            "", " ", "  a \n\t b  ", "\x0b\x0c\r", "CardNumber", "ＭＩ\u{200B}ＣＡＲＤ　カード番号", "ｶｰﾄﾞ番号",
            "e\u{301}", "\u{301}e", "カ\u{3099}", "か\u{309a}", "ﾊﾟｽﾜｰﾄﾞ", "Ⅸ㍻ﬁ", "İΣσς", "ǅ ẞ ß", "\u{e0001}x",
            "\u{200b}\u{301}", "a\u{200b}\u{301}", "항목", "ᄀ\u{1161}", "𠮷🎌", "\u{85}\u{a0}x\u{2028}",
            "\u{3000}項目1\u{3000}", "Ａ\u{0308}", "\u{0344}", "\u{FB2C}", "\u{1E9E}",
        ];
        for a in texts {
            assert_eq!(fold(a), fold_reference(a), "{a:?}");
            for b in texts {
                for c in ["", " ", "x", "\u{301}", "カード番号", "0000 0000"] {
                    let mut out = String::from("junk");
                    fold_parts_into(&[a, b, c], &mut out);
                    assert_eq!(out, fold_reference(&format!("{a} {b} {c}")), "{a:?} {b:?} {c:?}");
                }
            }
        }
        let long = "x".repeat(MAX_TEXT_CHARS + 7);
        assert_eq!(fold(&long), fold_reference(&long));
        let mut out = String::new();
        fold_parts_into(&[&long[..MAX_TEXT_CHARS - 1], "AB", "C"], &mut out);
        assert_eq!(out, fold_reference(&format!("{} AB C", &long[..MAX_TEXT_CHARS - 1])));
        fold_parts_into(&[&long[..MAX_TEXT_CHARS - 1], "\u{301}B", "C"], &mut out);
        assert_eq!(out, fold_reference(&format!("{} \u{301}B C", &long[..MAX_TEXT_CHARS - 1])));
    }

    /// Characters where the fast paths could go wrong: ASCII (whitespace and controls included), combining
    /// marks and kana voicing marks, compatibility characters, cased letters outside ASCII, invisible ones.
    #[cfg(not(target_arch = "wasm32"))]
    fn tricky_char() -> impl proptest::strategy::Strategy<Value = char> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::char::range('\0', '\x7f'),
            proptest::char::range('\u{300}', '\u{36f}'),
            proptest::sample::select(vec![
                '\u{3099}', '\u{309a}', '\u{ff9e}', '\u{ff9f}', '\u{200b}', '\u{feff}', '\u{ad}', '\u{85}', '\u{a0}',
                '\u{3000}', '\u{2028}', 'İ', 'Σ', 'ǅ', 'ẞ', 'ß', 'ﬁ', '㍻', 'Ⅸ', '①', 'カ', 'か', 'ｶ', 'ﾊ', 'ｰ', '項',
                'Ａ', 'ａ', '\u{1100}', '\u{1161}', '\u{11a8}', '가', '\u{e0001}', '\u{0344}', '\u{0f73}', '\u{1d15e}',
            ]),
            proptest::char::range('\u{80}', '\u{3000}'),
            proptest::char::range('\u{3000}', '\u{a000}'),
            proptest::char::range('\u{f900}', '\u{ffff}'),
            any::<char>(),
        ]
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 4096, failure_persistence: None, ..Default::default() })]

        #[test]
        fn fold_parts_agrees_with_the_reference(
            parts in proptest::collection::vec(proptest::collection::vec(tricky_char(), 0..12), 0..4)
        ) {
            let parts: Vec<String> = parts.into_iter().map(|p| p.into_iter().collect()).collect();
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            let mut out = String::new();
            fold_parts_into(&refs, &mut out);
            proptest::prop_assert_eq!(&out, &fold_reference(&refs.join(" ")));
            if let [one] = refs.as_slice() {
                proptest::prop_assert_eq!(fold(one), fold_reference(one));
            }
        }
    }
}
