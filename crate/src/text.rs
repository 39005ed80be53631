//! Text normalisation shared by every matcher: NFKC (full-width → ASCII, half-width kana → kana), lower case,
//! no zero-width or format characters, single spaces. Confusable folding (UTS #39 skeleton) on top for claims.

pub use crate::fold::{fold, fold_confusable, MAX_TEXT_CHARS};

/// True when `needle` occurs in `hay` with no ASCII letter or digit right before or after it (for ASCII
/// needles: `jcb` in `my jcb` but not in `ajcbx`). Non-ASCII needles match anywhere.
pub fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut start = 0;
    while let Some(pos) = hay[start..].find(needle) {
        let at = start + pos;
        if at_word_edges(hay, needle, at, at + needle.len()) {
            return true;
        }
        start = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// A match of `needle` at `start..end` of `hay` stands alone at its ASCII ends: where the needle begins (or
/// ends) with an ASCII letter or digit, the text must not continue with one there (`jcb` not in `ajcbx`,
/// `dカード` not in `IDカード`). Ends that are not ASCII (kanji, kana) match anywhere.
fn at_word_edges(hay: &str, needle: &str, start: usize, end: usize) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let first = needle.chars().next();
    let last = needle.chars().next_back();
    let glued_before = alnum(first) && alnum(hay[..start].chars().next_back());
    let glued_after = alnum(last) && alnum(hay[end..].chars().next());
    !(glued_before || glued_after)
}

/// Many phrases searched in one pass (Aho-Corasick), with `contains_word`'s rule for ASCII phrases: no
/// letter or digit right before or after. Phrases must already be folded like the text they are searched in.
pub struct PhraseSet {
    ac: aho_corasick::AhoCorasick,
    phrases: Vec<String>,
}

impl PhraseSet {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        let ac = aho_corasick::AhoCorasick::new(phrases.iter().map(|p| p.as_ref()))
            .expect("phrase automaton");
        PhraseSet { phrases: phrases.iter().map(|p| p.as_ref().to_string()).collect(), ac }
    }

    /// Indexes of the phrases found in `hay` (each at most once, in no particular order).
    pub fn find_in(&self, hay: &str) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        for i in self.occurrences(hay) {
            if !found.contains(&i) {
                found.push(i);
            }
        }
        found
    }

    /// Every occurrence at word edges as (phrase index, start, end) byte offsets in `hay`.
    pub fn spans<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        self.ac
            .find_overlapping_iter(hay)
            .filter(move |m| at_word_edges(hay, &self.phrases[m.pattern().as_usize()], m.start(), m.end()))
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
    }

    /// The least `key` of the phrases found in `hay` (what `find_in` finds), without collecting them.
    pub fn min_found<K: Ord>(&self, hay: &str, key: impl Fn(usize) -> K) -> Option<K> {
        self.occurrences(hay).map(key).min()
    }

    /// Every occurrence in `hay` of a phrase, by its index, that stands at word edges (a phrase found twice
    /// comes twice).
    fn occurrences<'a>(&'a self, hay: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.ac
            .find_overlapping_iter(hay)
            .filter(move |m| at_word_edges(hay, &self.phrases[m.pattern().as_usize()], m.start(), m.end()))
            .map(|m| m.pattern().as_usize())
    }
}

/// ASCII words of a name, a logo entry or a file name (`paypal-logo@2x.svg`, `amazonLogo`, `cardNumber1`): lower
/// case, split at anything that is not an ASCII letter or digit and where camelCase goes from lower to upper case;
/// at most `max` of them.
pub fn ascii_words(s: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            cur.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        if out.len() >= max {
            return out;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Text written one element per character (`<span>A</span><span>m</span>…`, read as `A m a z o n`) joined
/// as a person reads it: a run of three or more single characters, each separated by one space, loses the
/// spaces. Everything else is left as it is.
pub fn join_spaced_letters(s: &str) -> std::borrow::Cow<'_, str> {
    // the common case: no single character stands between spaces
    let singles = s.split(' ').filter(|w| w.chars().count() == 1).take(3).count();
    if singles < 3 {
        return std::borrow::Cow::Borrowed(s);
    }
    let words: Vec<&str> = s.split(' ').collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < words.len() {
        let single = |w: &str| w.chars().count() == 1 && w.chars().all(|c| c.is_alphanumeric());
        let mut j = i;
        while j < words.len() && single(words[j]) {
            j += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if j - i >= 3 {
            for w in &words[i..j] {
                out.push_str(w);
            }
            i = j;
        } else {
            out.push_str(words[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Latin, Cyrillic or Greek, for the mixed-script test.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Alphabet {
    Latin,
    Other,
}

fn alphabet(c: char) -> Option<Alphabet> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' => Some(Alphabet::Latin),
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' | '\u{400}'..='\u{52F}' | '\u{1C80}'..='\u{1C8F}' => {
            Some(Alphabet::Other)
        }
        _ => None,
    }
}

/// The words of `s` (runs of letters and digits) that mix Latin letters with Cyrillic or Greek ones
/// (`Amаzоn` with a Cyrillic а and о): no one writes a real name that way. At most `max` words, from the first
/// `MAX_TEXT_CHARS` characters.
pub fn mixed_script_words(s: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    if s.is_ascii() {
        return out;
    }
    for w in s.split(|c: char| !c.is_alphanumeric()).take(crate::fold::MAX_TEXT_CHARS) {
        if out.len() >= max {
            break;
        }
        let (mut latin, mut other) = (false, false);
        for c in w.chars() {
            match alphabet(c) {
                Some(Alphabet::Latin) => latin = true,
                Some(Alphabet::Other) => other = true,
                None => {}
            }
        }
        if latin && other {
            out.push(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_full_width_and_invisible() {
        assert_eq!(fold("ＭＩ\u{200B}ＣＡＲＤ　カード番号"), "micard カード番号");
        assert_eq!(fold("  a \n\t b  "), "a b");
        assert_eq!(fold("ｶｰﾄﾞ番号"), "カード番号");
    }

    #[test]
    fn confusables_fold_to_the_same_skeleton() {
        assert_eq!(fold_confusable("Аmazon"), fold_confusable("аmаzоn"));
        assert_eq!(fold_confusable("Аmazon"), fold_confusable("amazon"));
        assert_eq!(fold_confusable("ｍｉｃａｒｄ"), fold_confusable("micard"));
    }

    #[test]
    fn phrase_set_respects_word_edges() {
        let set = PhraseSet::new(&["jcb", "三井住友カード", "card"]);
        let mut f = set.find_in("my jcb と三井住友カード");
        f.sort();
        assert_eq!(f, vec![0, 1]);
        assert!(set.find_in("ajcbx cards").is_empty());
        let set = PhraseSet::new(&["dカード"]);
        assert!(set.find_in("idカード").is_empty());
        assert_eq!(set.find_in("dカード"), vec![0]);
    }

    #[test]
    fn min_found_is_the_least_of_find_in() {
        let set = PhraseSet::new(&["jcb", "三井住友カード", "card", "住友カード", "d"]);
        for hay in ["", "my jcb と三井住友カード", "ajcbx cards", "card d", "住友カード jcb", "xdx", "d jcb"] {
            for key in [|i: usize| i, |i: usize| 10 - i] {
                assert_eq!(set.min_found(hay, key), set.find_in(hay).into_iter().map(key).min(), "{hay}");
            }
        }
    }

    #[test]
    fn spaced_letters_join() {
        assert_eq!(join_spaced_letters("A m a z o n ログイン"), "Amazon ログイン");
        assert_eq!(join_spaced_letters("カ ー ド 番 号"), "カード番号");
        assert_eq!(join_spaced_letters("a b ok c d"), "a b ok c d");
        assert_eq!(join_spaced_letters("plain text here"), "plain text here");
    }

    #[test]
    fn mixed_script() {
        assert_eq!(mixed_script_words("Amаzоn ログイン", 4), vec!["Amаzоn"]);
        assert!(mixed_script_words("Amazonアカウント Москва αβγ", 4).is_empty());
        assert_eq!(mixed_script_words("PаyPal", 4), vec!["PаyPal"]);
    }

    #[test]
    fn words() {
        assert!(contains_word("my jcb login", "jcb"));
        assert!(!contains_word("ajcbx", "jcb"));
        assert!(contains_word("三井住友カード", "住友カード"));
        assert!(contains_word("x-jcb", "jcb"));
        assert!(!contains_word("idカード", "dカード"));
        assert!(contains_word("dカードのご案内", "dカード"));
        assert!(!contains_word("xboxアカウント", "xアカウント"));
    }
}
