//! The folding of text that every matcher compares on (NFKC, lower case, no invisible characters, single
//! spaces; the UTS #39 skeleton on top for brand names). Its own file so that build.rs folds the brands' page
//! names at build time with exactly this code (`#[path]` module there).
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// Upper bound on the characters of one text that any matcher looks at: bounds the work on huge inputs.
pub const MAX_TEXT_CHARS: usize = 20_000;

fn is_invisible(c: char) -> bool {
    // none below U+00AD, between U+2070 and U+3163, nor between U+3165 and U+FDFF (ASCII, kana, CJK):
    // answered before the list
    if c < '\u{AD}' || ('\u{2070}'..='\u{3163}').contains(&c) || ('\u{3165}'..='\u{FDFF}').contains(&c) {
        return false;
    }
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
/// lower case; other text made only of characters the Unicode quick check (UAX #15) passes alone, with
/// combining class 0 (`plain_nfkc`: kana, CJK…), is NFKC already and skips the normaliser.
pub fn fold_parts_into(parts: &[&str], out: &mut String) {
    out.clear();
    let joined_len = parts.iter().map(|p| p.len()).sum::<usize>() + parts.len().saturating_sub(1);
    out.reserve(joined_len.min(MAX_TEXT_CHARS * 3));
    if parts.iter().all(|p| p.is_ascii()) {
        fold_ascii(parts, out);
        return;
    }
    // folded as if already NFKC while the characters are checked; redone through the normaliser if not
    let mut space = true;
    if quick_nfkc(parts, |c| fold_char(c, &mut space, out)) {
        if out.ends_with(' ') {
            out.pop();
        }
        return;
    }
    out.clear();
    fold_nfkc(parts, out);
}

/// `fold_parts_into` through the normaliser (the slow path, kept out of line).
#[inline(never)]
fn fold_nfkc(parts: &[&str], out: &mut String) {
    // the joined text's characters, bounded, without the invisible ones: what NFKC is applied to
    let chars = parts
        .iter()
        .enumerate()
        .flat_map(|(i, p)| (i > 0).then_some(' ').into_iter().chain(p.chars()))
        .take(MAX_TEXT_CHARS)
        .filter(|c| !is_invisible(*c));
    let mut space = true;
    for c in chars.nfkc() {
        fold_char(c, &mut space, out);
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Calls `f` on each character of the parts joined with spaces, the first `MAX_TEXT_CHARS` only, invisible
/// ones left out (the characters `fold` normalises), until `f` returns false.
#[inline(always)]
fn visit(parts: &[&str], mut f: impl FnMut(char) -> bool) {
    let mut left = MAX_TEXT_CHARS;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            if left == 0 {
                return;
            }
            left -= 1;
            if !f(' ') {
                return;
            }
        }
        for c in p.chars() {
            if left == 0 {
                return;
            }
            left -= 1;
            if !is_invisible(c) && !f(c) {
                return;
            }
        }
    }
}

/// True when the characters `visit` gives are all ASCII or `plain_nfkc`: then the UAX #15 quick check says
/// the text is NFKC already (every character NFKC_QC=Yes with combining class 0), so NFKC leaves it as it is.
/// `each` sees every character checked, until the check fails.
#[inline(always)]
fn quick_nfkc(parts: &[&str], mut each: impl FnMut(char)) -> bool {
    let mut yes = true;
    visit(parts, |c| {
        if c.is_ascii() || plain_nfkc(c) {
            each(c);
            true
        } else {
            yes = false;
            false
        }
    });
    yes
}

/// Characters whose NFKC_QC is Yes and whose canonical combining class is 0, as a short list of ranges
/// common in Japanese pages (the tables of unicode-normalization would add to the wasm module): Latin-1 and
/// Latin Extended-A letters, dashes, quotes and bullets, arrows, box drawing, shapes and dingbats, CJK
/// punctuation, kana, CJK unified ideographs. The test `plain_nfkc_is_exact` checks every one against the
/// tables. A character outside the list only takes the slower path.
fn plain_nfkc(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{131}' | '\u{2010}' | '\u{2012}'..='\u{2016}' | '\u{2018}'..='\u{2023}'
        | '\u{2190}'..='\u{21FF}' | '\u{2500}'..='\u{27FF}' | '\u{3001}'..='\u{3029}' | '\u{3030}'..='\u{3035}'
        | '\u{303B}'..='\u{3096}' | '\u{309D}'..='\u{309E}' | '\u{30A0}'..='\u{30FE}' | '\u{4E00}'..='\u{9FFF}')
}

/// `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
#[inline(always)]
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// One character of NFKC text into `out`: lower case, whitespace runs to one space (`space`: the last
/// character written was a space, or nothing was).
#[inline(always)]
fn fold_char(c: char, space: &mut bool, out: &mut String) {
    if c.is_ascii() {
        if ascii_space(c as u8) {
            if !*space {
                out.push(' ');
                *space = true;
            }
        } else {
            *space = false;
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    if plain_cjk(c) {
        *space = false;
        out.push(c);
        return;
    }
    if c.is_whitespace() {
        if !*space {
            out.push(' ');
            *space = true;
        }
        return;
    }
    *space = false;
    for l in c.to_lowercase() {
        out.push(l);
    }
}

/// `fold` of the joined parts when they are all ASCII (NFKC already): lower case, whitespace runs to one
/// space, trimmed, the first `MAX_TEXT_CHARS` characters only.
fn fold_ascii(parts: &[&str], out: &mut String) {
    let mut space = true;
    let mut left = MAX_TEXT_CHARS;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            if left == 0 {
                break;
            }
            left -= 1;
            if !space {
                out.push(' ');
                space = true;
            }
        }
        let p = &p[..p.len().min(left)]; // ASCII: every byte is a character
        left -= p.len();
        if p.is_empty() {
            continue;
        }
        if !p.bytes().any(ascii_space) {
            // a run without whitespace: copied whole, then lower-cased in place
            let start = out.len();
            out.push_str(p);
            out[start..].make_ascii_lowercase();
            space = false;
            continue;
        }
        for b in p.bytes() {
            fold_char(b as char, &mut space, out);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Characters that are neither whitespace nor have a lower case other than themselves, found without the
/// tables: CJK symbols and punctuation after the ideographic space, kana, CJK unified ideographs
/// (U+3001–U+9FFF; the test `plain_cjk_is_exact` checks every one).
fn plain_cjk(c: char) -> bool {
    ('\u{3001}'..='\u{9FFF}').contains(&c)
}

/// `fold`, then the UTS #39 skeleton, so that `Аmazon` (Cyrillic А) and `amazon` compare equal.
/// The skeleton is applied to both sides of every comparison, never shown to anyone.
pub fn fold_confusable(s: &str) -> String {
    skeleton(&fold(s)).collect::<String>().to_lowercase()
}


#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfkc_quick, IsNormalized};

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
    fn plain_nfkc_is_exact() {
        for c in (char::MIN..=char::MAX).filter(|c| plain_nfkc(*c)) {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn ascii_space_is_exact() {
        for b in 0..=127u8 {
            assert_eq!(ascii_space(b), (b as char).is_whitespace(), "{b:#04x}");
        }
    }

    #[test]
    fn plain_cjk_is_exact() {
        for c in (char::MIN..=char::MAX).filter(|c| plain_cjk(*c)) {
            assert!(c.to_lowercase().eq([c]), "{c:?} has a lower case");
            assert!(!c.is_whitespace(), "{c:?} is whitespace");
        }
    }

    #[test]
    fn invisible_shortcut_is_exact() {
        // the ranges `is_invisible` answers before its list hold no invisible character of the list
        let listed = |c: char| {
            matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
                | '\u{E0000}'..='\u{E0FFF}')
        };
        for c in char::MIN..=char::MAX {
            assert_eq!(is_invisible(c), listed(c), "{c:?}");
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
