//! Lookalike checks on a host, each a small named function returning typed matches (after Chromium's
//! lookalike heuristics): an official domain embedded in a foreign host, a homoglyph or one-typo version of a
//! brand's domain name, the same name under another suffix, brand tokens combined with other words, brand
//! names on shared hosting. Official domains are decided before any of these run.
use crate::host::{Host, HostKind};
use crate::kb::{BrandIdx, DomainParts, KnowledgeBase};
use crate::signals::Signals;
use crate::verdict::Rule;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

/// One lookalike finding: which rule, which brand, which official domain it imitates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlMatch {
    pub rule: Rule,
    pub brand: BrandIdx,
    pub official: String,
}

/// Indexes built once from the knowledge base.
pub struct LookalikeIndex {
    /// skeleton of an official label → its domains (`rnicard` → micard.co.jp)
    skeletons: HashMap<String, Vec<&'static DomainParts>>,
    /// official label → its skeleton
    /// skeleton of each official label, by `DomainParts::index`
    label_skeletons: Vec<String>,
    /// every single-deletion variant of official labels (≥ 6 letters) → the labels
    deletions: VariantIndex<&'static DomainParts>,
    /// concatenated suffixes (`cojp`, `com`, `nejp`) that can follow an official label with no dot
    suffix_concats: HashSet<String>,
    /// tokens of ≥ 4 letters, for search inside longer labels (`directsmbc`), keyed by their first 4 bytes
    token_prefixes: HashMap<[u8; 4], Vec<&'static str>>,
    /// single-deletion variants of strong tokens (≥ 6 letters) → the tokens, for one-typo brand words
    token_deletions: VariantIndex<&'static str>,
}

/// Labels at most this long are compared for typos and homoglyphs (bounded work).
const MAX_LABEL: usize = 63;
/// The shortest official label whose one-character typos are flagged.
const MIN_TYPO_LABEL: usize = 6;
/// The shortest strong token searched for inside longer labels.
const MIN_SUBSTRING_TOKEN: usize = 5;

/// The skeleton of each ASCII character, computed once (UTS #39 maps characters one by one, so an ASCII
/// label's skeleton is the concatenation of its characters' skeletons).
fn ascii_skeletons() -> &'static [String; 128] {
    static TABLE: std::sync::OnceLock<[String; 128]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = char::from(i as u8);
            skeleton(&c.to_string()).collect::<String>().to_lowercase()
        })
    })
}

/// A label with its borrowed letters replaced by the ASCII letters they imitate (`micаrd` with a Cyrillic а →
/// `micard`, `rakutën` → `rakuten`); ASCII stays as it is (unlike the skeleton, which also turns m into rn).
pub fn deconfuse(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let sk: String = skeleton(&c.to_string()).collect::<String>().to_lowercase();
        if sk.is_ascii() && !sk.is_empty() {
            out.push_str(&sk);
        } else {
            out.push(c);
        }
    }
    out
}

pub fn label_skeleton(label: &str) -> String {
    if label.is_ascii() {
        let table = ascii_skeletons();
        let mut out = String::with_capacity(label.len() + 4);
        for b in label.bytes() {
            out.push_str(&table[b.to_ascii_lowercase() as usize]);
        }
        return out;
    }
    // accents off (rakutën → rakuten), then UTS #39 skeleton (rn ~ m, 0 ~ o, Cyrillic а ~ a), lower case
    let stripped: String = label.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
    skeleton(&stripped).collect::<String>().to_lowercase()
}

/// A multimap from the single-deletion variants of static words (and the words themselves) to values, built
/// without a string or a vector per key: each entry names its word and the character cut out of it, and
/// entries with the same hash are chained in insertion order. `get` yields exactly what a
/// `HashMap<String, Vec<T>>` filled in the same order would hold for the key, in the same order.
struct VariantIndex<T> {
    /// bucket → first entry (`NONE` when empty)
    heads: Vec<u32>,
    /// the variant being inserted, spelt out to be hashed
    buf: Vec<u8>,
    /// last entry of each bucket, while building
    tails: Vec<u32>,
    entries: Vec<VariantEntry<T>>,
}

struct VariantEntry<T> {
    hash: u32,
    word: &'static str,
    /// the byte range cut out of `word` (empty: the word itself)
    cut: (u8, u8),
    next: u32,
    value: T,
}

const NONE: u32 = u32::MAX;

/// FxHash-style hash of a variant's bytes, eight at a time.
fn variant_hash(bytes: &[u8]) -> u32 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h: u64 = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
    }
    (h >> 32) as u32
}

impl<T> VariantIndex<T> {
    fn with_capacity(n: usize) -> Self {
        let buckets = (n * 2).next_power_of_two().max(16);
        VariantIndex { heads: vec![NONE; buckets], buf: Vec::new(), tails: vec![NONE; buckets], entries: Vec::with_capacity(n) }
    }

    fn bucket(&self, hash: u32) -> usize {
        hash as usize & (self.heads.len() - 1)
    }

    /// Adds each single-deletion variant of `word` (one per character, in order), then `word` itself.
    fn insert_word(&mut self, word: &'static str, value: T)
    where
        T: Copy,
    {
        for (i, c) in word.char_indices() {
            self.insert(word, (i, i + c.len_utf8()), value);
        }
        self.insert(word, (0, 0), value);
    }

    fn insert(&mut self, word: &'static str, cut: (usize, usize), value: T) {
        // words longer than 255 bytes are not indexed (official labels and tokens are at most 63)
        let (Ok(a), Ok(b)) = (u8::try_from(cut.0), u8::try_from(cut.1)) else { return };
        let w = word.as_bytes();
        self.buf.clear();
        self.buf.extend_from_slice(&w[..cut.0]);
        self.buf.extend_from_slice(&w[cut.1..]);
        let hash = variant_hash(&self.buf);
        let idx = self.entries.len() as u32;
        self.entries.push(VariantEntry { hash, word, cut: (a, b), next: NONE, value });
        let bucket = self.bucket(hash);
        match self.tails[bucket] {
            NONE => self.heads[bucket] = idx,
            tail => self.entries[tail as usize].next = idx,
        }
        self.tails[bucket] = idx;
    }

    /// The values whose word, or one of its single-deletion variants, is `key`, in insertion order.
    fn get<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a T> + 'a {
        let k = key.as_bytes();
        let hash = variant_hash(k);
        let mut at = self.heads[self.bucket(hash)];
        std::iter::from_fn(move || {
            while at != NONE {
                let e = &self.entries[at as usize];
                at = e.next;
                let w = e.word.as_bytes();
                let (a, b) = (e.cut.0 as usize, e.cut.1 as usize);
                if e.hash == hash && w.len() - (b - a) == k.len() && w[..a] == k[..a] && w[b..] == k[a..] {
                    return Some(&e.value);
                }
            }
            None
        })
    }
}

/// Calls `f` with `s` itself, then with each of its single-deletion variants, in one reused buffer (the lookup
/// side of `deletions`, without an allocation per variant).
fn for_each_variant(s: &str, mut f: impl FnMut(&str)) {
    f(s);
    let mut key = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        key.clear();
        key.push_str(&s[..i]);
        key.push_str(&s[i + c.len_utf8()..]);
        f(&key);
    }
}

/// Optimal-string-alignment distance, bailing out above 1 (all we need).
fn within_one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        // ASCII (almost every host): the same comparison on bytes, without collecting characters
        return one_edit(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_edit(&a, &b)
}

fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let mut i = 0;
    while i < la.min(lb) && a[i] == b[i] {
        i += 1;
    }
    if la == lb {
        // one substitution or one transposition
        (a[i + 1..] == b[i + 1..]) || (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
    } else if la > lb {
        a[i + 1..] == b[i..]
    } else {
        a[i..] == b[i + 1..]
    }
}

impl LookalikeIndex {
    pub fn new(kb: &KnowledgeBase) -> Self {
        let mut skeletons: HashMap<String, Vec<&'static DomainParts>> = HashMap::default();
        let typo_labels = kb.by_label.values().flatten().filter(|p| p.label.len() >= MIN_TYPO_LABEL);
        let mut dels = VariantIndex::with_capacity(typo_labels.map(|p| p.label.len() + 1).sum());
        let mut suffix_concats = HashSet::default();
        let mut label_skeletons = vec![String::new(); kb.parts.len()];
        for &parts in kb.by_label.values().flatten() {
            let sk = label_skeleton(parts.label);
            if parts.label.len() >= 4 {
                skeletons.entry(sk.clone()).or_default().push(parts);
            }
            if let Some(slot) = label_skeletons.get_mut(parts.index) {
                *slot = sk;
            }
            if parts.label.len() >= MIN_TYPO_LABEL {
                dels.insert_word(parts.label, parts);
            }
            let concat = parts.suffix.concat();
            if concat.len() >= 3 {
                suffix_concats.insert(concat);
            }
        }
        let mut token_prefixes: HashMap<[u8; 4], Vec<&'static str>> = HashMap::default();
        for &t in kb.tokens.keys() {
            if t.len() >= 4 && !t.contains('-') {
                let b = t.as_bytes();
                token_prefixes.entry([b[0], b[1], b[2], b[3]]).or_default().push(t);
            }
        }
        let typo_tokens = || {
            kb.tokens.iter().filter(|(t, owners)| {
                t.len() >= MIN_TYPO_LABEL && !t.contains('-') && owners.iter().any(|(_, strong)| *strong)
            })
        };
        let mut token_deletions = VariantIndex::with_capacity(typo_tokens().map(|(t, _)| t.len() + 1).sum());
        for (&t, _) in typo_tokens() {
            token_deletions.insert_word(t, t);
        }
        LookalikeIndex { skeletons, label_skeletons, deletions: dels, suffix_concats, token_prefixes, token_deletions }
    }
}

impl LookalikeIndex {
    /// The skeleton of an official label, precomputed.
    fn skeleton_of(&self, parts: &DomainParts) -> &str {
        self.label_skeletons.get(parts.index).map_or("", String::as_str)
    }

    /// `word` with the brand tokens found inside it removed (`microsoftstream` → `stream`).
    pub fn strip_tokens(&self, word: &str) -> String {
        let mut out = String::with_capacity(word.len());
        self.strip_tokens_into(word, &mut out);
        out
    }

    /// `strip_tokens`, appended to `out` (each remaining byte pushed as a `char`, as it always was).
    pub fn strip_tokens_into(&self, word: &str, out: &mut String) {
        let b = word.as_bytes();
        // which bytes stay: on the stack for ordinary words
        let (mut small, mut big) = ([true; 64], Vec::new());
        let keep: &mut [bool] = if b.len() <= small.len() {
            &mut small[..b.len()]
        } else {
            big.resize(b.len(), true);
            &mut big
        };
        if b.len() >= 4 && word.is_ascii() {
            for i in 0..=b.len() - 4 {
                for t in self.token_prefixes.get(&[b[i], b[i + 1], b[i + 2], b[i + 3]]).into_iter().flatten() {
                    if word[i..].starts_with(t) {
                        keep[i..i + t.len()].iter_mut().for_each(|k| *k = false);
                    }
                }
            }
        }
        out.extend(b.iter().zip(keep.iter()).filter(|(_, k)| **k).map(|(c, _)| *c as char));
    }
}

/// Do these tokens begin like a Japanese second-level domain ending (`co jp`, `ne jp`, `or jp`)?
fn starts_like_suffix(after: &[&str]) -> bool {
    match after {
        [second, "jp", ..] => matches!(*second, "co" | "ne" | "or" | "go" | "ac" | "ad" | "ed" | "gr" | "lg"),
        _ => false,
    }
}

/// A token of a host: a piece of a label between dots, hyphens or underscores.
#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    /// part of the registrable label (as opposed to the subdomain)
    registrable: bool,
}

fn tokenize<'a>(sub: &'a str, reg_label: &'a str) -> Vec<Tok<'a>> {
    let mut out = Vec::new();
    for (part, registrable) in [(sub, false), (reg_label, true)] {
        for t in part.split(['.', '-', '_']).filter(|t| !t.is_empty()) {
            out.push(Tok { text: t, registrable });
        }
    }
    out
}

/// What is known about a host besides brand names: the context short brand tokens need.
#[derive(Debug, Clone, Copy, Default)]
pub struct HostContext {
    pub shared: bool,
    pub abused_tld: bool,
    pub random: bool,
    /// a word such as login, secure, verify, online, point as a token of its own (`Checker::has_credential_words`)
    pub credential: bool,
    /// one of those words that names an account action (login, verify, update), not only a service (online,
    /// point, jp): what makes a distinctive brand name next to it a phishing address (`Checker::has_account_words`)
    pub account: bool,
}

impl HostContext {
    /// How many signs of phishing the host shows apart from any brand.
    fn signs(&self) -> u8 {
        self.credential as u8 + self.abused_tld as u8 + self.random as u8 + self.shared as u8
    }
}

pub struct Checker<'a> {
    pub kb: &'a KnowledgeBase,
    pub index: &'a LookalikeIndex,
    pub signals: &'a Signals,
}

impl<'a> Checker<'a> {
    fn is_namesake(&self, host: &Host, brand: BrandIdx) -> bool {
        host.registrable
            .as_deref()
            .and_then(|r| self.kb.namesakes.get(r))
            .is_some_and(|owners| owners.contains(&brand))
    }

    fn push(&self, host: &Host, out: &mut Vec<UrlMatch>, rule: Rule, parts: &DomainParts) {
        if self.is_namesake(host, parts.brand) {
            return;
        }
        if !out.iter().any(|m| m.rule == rule && m.brand == parts.brand) {
            out.push(UrlMatch { rule, brand: parts.brand, official: parts.domain.to_string() });
        }
    }

    /// `micard.co.jp.kwtqq.com`, `www2-micard-co-jp.x.ltd`, `aplus.co.ygboy.org` (suffix cut short),
    /// `eposcardcojp.com` (no separator), `apius.co.jp.yhty6.com` (typo inside), punycode homoglyphs.
    pub fn embedded_official_domain(&self, host: &Host, out: &mut Vec<UrlMatch>) {
        let sub = host.subdomain();
        let reg = host.registrable_label();
        self.embedded_in(host, &tokenize(sub, reg), false, out);
        // the same on the de-confused Unicode form: rakutën.cô.jp.x.xyz → rakuten.co.jp.x.xyz
        if host.unicode != host.ascii {
            let decon: Vec<String> = host.unicode.split('.').map(deconfuse).collect();
            let n_suffix = if host.suffix.is_empty() { 0 } else { host.suffix.split('.').count() };
            let keep = decon.len().saturating_sub(n_suffix);
            let joined = decon[..keep].join(".");
            let toks: Vec<Tok> = joined
                .split(['.', '-', '_'])
                .filter(|t| !t.is_empty())
                .map(|t| Tok { text: t, registrable: false })
                .collect();
            self.embedded_in(host, &toks, true, out);
        }
    }

    fn embedded_in(&self, host: &Host, toks: &[Tok], deconfused: bool, out: &mut Vec<UrlMatch>) {
        let exact_rule = if deconfused { Rule::EmbeddedLookalikeDomain } else { Rule::EmbeddedOfficialDomain };
        // the token texts once, and one buffer for joined labels and suffixes (no allocation per token)
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        let mut joined = String::new();
        for (i, tok) in toks.iter().enumerate() {
            let rest = &texts[i + 1..];
            // the label (possibly hyphenated: paypay-bank) followed by the whole suffix, or the suffix cut
            // short (co.jp → co)
            for k in 1..=3.min(toks.len() - i) {
                let label = match k {
                    1 => tok.text,
                    _ => {
                        joined.clear();
                        for (j, t) in texts[i..i + k].iter().enumerate() {
                            if j > 0 {
                                joined.push('-');
                            }
                            joined.push_str(t);
                        }
                        joined.as_str()
                    }
                };
                let Some(cands) = self.kb.by_label.get(label) else { continue };
                let after = &texts[i + k..];
                // `aeon.jp…` imitates aeon.co.jp rather than aeon.com: with a Japanese ending, prefer .jp domains
                let jp_like = starts_like_suffix(after) || after.first() == Some(&"jp");
                let jp_cands: Vec<&DomainParts> = cands.iter().copied().filter(|p| p.suffix.last() == Some(&"jp")).collect();
                let cands: Vec<&DomainParts> = if jp_like && !jp_cands.is_empty() { jp_cands } else { cands.clone() };
                for p in cands {
                    let n = p.suffix.len();
                    let full = after.len() >= n && after[..n].iter().zip(p.suffix).all(|(a, b)| a == b);
                    let cut = n >= 2 && !after.is_empty() && after[0] == p.suffix[0];
                    if full || cut {
                        self.push(host, out, exact_rule, p);
                    } else if label.len() >= 4
                        && (starts_like_suffix(after)
                            || (after.first() == Some(&"jp") && !toks[i + k].registrable && i + k < toks.len()))
                    {
                        // the official name with another Japanese ending written after it: aeon-ne-jp, micard.or.jp
                        self.push(host, out, Rule::EmbeddedLookalikeDomain, p);
                    }
                }
            }
            // a typo'd or look-alike label followed by a suffix of official domains: apius.co.jp
            for n in (1..=rest.len().min(3)).rev() {
                joined.clear();
                for (j, t) in rest[..n].iter().enumerate() {
                    if j > 0 {
                        joined.push('.');
                    }
                    joined.push_str(t);
                }
                let suffix = joined.as_str();
                let Some(cands) = self.kb.by_suffix.get(suffix) else { continue };
                if n == 1 && !(suffix == "com" || suffix == "jp") {
                    continue;
                }
                let sk = label_skeleton(tok.text);
                let tok_ascii = tok.text.is_ascii();
                let mut found = false;
                for p in cands {
                    if p.label == tok.text {
                        found = true;
                        continue;
                    }
                    // (two ASCII words whose lengths differ by more than one are not one edit apart: most
                    // candidates are ruled out without a look at their letters)
                    let typo = p.label.len() >= 5
                        && (!tok_ascii || p.label.len().abs_diff(tok.text.len()) <= 1 || !p.label.is_ascii())
                        && within_one_edit(p.label, tok.text);
                    if typo || (p.label.len() >= 4 && self.index.skeleton_of(p) == sk) {
                        self.push(host, out, Rule::EmbeddedLookalikeDomain, p);
                        found = true;
                    }
                }
                if !found && n >= 2 && !deconfused && tok.text.len() >= 2 {
                    // `.co.jp.` inside a foreign host with a name we do not know
                    if !out.iter().any(|m| m.rule == Rule::EmbeddedSuffix) {
                        out.push(UrlMatch { rule: Rule::EmbeddedSuffix, brand: usize::MAX, official: suffix.to_string() });
                    }
                }
                break;
            }
            // no separator: eposcardcojp, wwwmicardcojp
            if tok.text.len() > 6 && tok.text.len() <= MAX_LABEL {
                for sc in &self.index.suffix_concats {
                    // a plain byte scan: the label is short, and str::find's setup per pattern cost more
                    let sb = sc.as_bytes();
                    let Some(pos) = tok.text.as_bytes().windows(sb.len()).position(|w| w[0] == sb[0] && w == sb) else { continue };
                    let head = &tok.text[..pos];
                    for start in 0..head.len() {
                        if !head.is_char_boundary(start) {
                            continue;
                        }
                        let Some(cands) = self.kb.by_label.get(&head[start..]) else { continue };
                        for p in cands.iter().filter(|p| p.suffix.concat() == *sc && p.label.len() >= 4) {
                            self.push(host, out, exact_rule, p);
                        }
                    }
                }
            }
        }
    }

    /// The registrable name itself imitates an official one: `rnicard.com`, `arnazon.co.jp` (homoglyph),
    /// `micrad.co.jp` (one typo), `smbc.cn` (another suffix).
    pub fn registrable_lookalike(&self, host: &Host, ctx: &HostContext, out: &mut Vec<UrlMatch>) {
        let label = host.registrable_label();
        if label.is_empty() || label.len() > MAX_LABEL || host.kind == HostKind::Ip {
            return;
        }
        if let Some(cands) = self.kb.by_label.get(label) {
            for p in cands {
                let strong = self.kb.brands[p.brand].tokens.contains(label);
                if strong && p.suffix.join(".") != host.suffix {
                    // a brand that lives only in Japan has no business under a phishing-heavy TLD; global
                    // brands own many country domains, so for them the swap alone says little
                    let rule = if ctx.abused_tld && self.japan_only(p.brand) { Rule::TldSwap } else { Rule::TldSwapQuiet };
                    self.push(host, out, rule, p);
                }
            }
            return;
        }
        let unicode_label = host.unicode.split('.').nth(host.subdomain().split('.').filter(|s| !s.is_empty()).count());
        let sk = label_skeleton(unicode_label.unwrap_or(label));
        if let Some(cands) = self.index.skeletons.get(&sk) {
            for p in cands {
                self.push(host, out, Rule::HomoglyphDomain, p);
            }
            return;
        }
        if label.len() + 1 >= MIN_TYPO_LABEL {
            let mut seen = HashSet::default();
            for_each_variant(label, |key| {
                for p in self.index.deletions.get(key) {
                    if seen.insert(&p.domain) && within_one_edit(p.label, label) {
                        self.push(host, out, Rule::TypoDomain, p);
                    }
                }
            });
        }
    }

    /// Brand tokens in the host: in front of someone else's domain, combined with other words in the
    /// registrable name, on shared hosting. Short or common tokens (`au`, `aeon`) count only with context:
    /// credential words, an abused TLD, a random-looking or shared-hosting registrable domain.
    pub fn brand_tokens(&self, host: &Host, ctx: &HostContext, out: &mut Vec<UrlMatch>) {
        let sub = host.subdomain();
        let reg = host.registrable_label();
        let toks = tokenize(sub, reg);
        let (credential, account) = (ctx.credential, ctx.account);
        let reg_toks = toks.iter().filter(|t| t.registrable).count();
        let context = ctx.signs();
        let (mut hyphenated, mut concatenated) = (String::new(), String::new());
        for i in 0..toks.len() {
            let mut matched = false;
            // single tokens and hyphenated runs (eki-net, jre-point), also written without the hyphen
            for k in 1..=3.min(toks.len() - i) {
                let run = &toks[i..i + k];
                if k > 1 && run.iter().any(|t| t.registrable != run[0].registrable) {
                    break;
                }
                // one token is looked up as it is (no copies); a run both with and without its hyphens (in
                // two buffers reused across runs)
                let variants: [&str; 2] = if k == 1 {
                    [run[0].text, ""]
                } else {
                    hyphenated.clear();
                    concatenated.clear();
                    for (j, t) in run.iter().enumerate() {
                        if j > 0 {
                            hyphenated.push('-');
                        }
                        hyphenated.push_str(t.text);
                        concatenated.push_str(t.text);
                    }
                    [hyphenated.as_str(), concatenated.as_str()]
                };
                for &cand in variants.iter().filter(|c| !c.is_empty()) {
                    let Some(owners) = self.kb.tokens.get(cand) else { continue };
                    let owners = self.preferred_owners(cand, owners);
                    matched = true;
                    let whole_label = run[0].registrable && k == reg_toks;
                    for &(brand, strong) in &owners {
                        let parts = self.brand_parts(brand);
                        let weak_in_sub = !strong && !run[0].registrable && cand.len() >= 4;
                        let rule = if strong {
                            Some(self.strong_rule(ctx, run[0].registrable, whole_label, account))
                        } else if (credential && context >= 2)
                            || (weak_in_sub && (credential || ctx.abused_tld || ctx.random || ctx.shared))
                            || (cand.len() >= 4 && (ctx.abused_tld as u8 + ctx.random as u8 + ctx.shared as u8) >= 2)
                        {
                            Some(Rule::BrandOnSuspiciousHost)
                        } else if (credential || (!run[0].registrable && context >= 1)) && toks.len() > 1 {
                            Some(Rule::WeakBrandWithCredentialWords)
                        } else {
                            None
                        };
                        if let Some(rule) = rule {
                            self.push(host, out, rule, &parts);
                        }
                    }
                }
            }
            if !matched {
                self.token_inside(host, &toks[i], ctx, out);
                self.token_typo(host, &toks[i], out);
            }
        }
    }

    /// Does the host contain a word such as login, secure, verify, online (as a token of its own), and is one of
    /// them a word of account action (login, verify, update: not only a service's name such as online, jp)?
    pub fn credential_words(&self, host: &Host) -> (bool, bool) {
        let toks = tokenize(host.subdomain(), host.registrable_label());
        // a domain name that is itself one such word (`mobile.de`, `login.gov`) says nothing
        if toks.len() == 1 {
            return (false, false);
        }
        let mut words = toks.iter().filter(|t| self.signals.credential_words.contains(t.text)).peekable();
        let any = words.peek().is_some();
        (any, words.any(|t| !self.signals.service_words.contains(t.text)))
    }

    /// The rule for a distinctive brand name in the host; `account`: next to a word of account action.
    fn strong_rule(&self, ctx: &HostContext, registrable: bool, whole_label: bool, account: bool) -> Rule {
        if ctx.shared {
            Rule::BrandOnSharedHosting
        } else if !registrable {
            Rule::BrandInSubdomain
        } else if whole_label {
            // the whole registrable name is the brand under another suffix: a brand's own foreign
            // domains look like this too, so it is danger only where phishing lives
            Rule::TldSwapQuiet
        } else if account {
            Rule::BrandComboCredential
        } else {
            Rule::BrandCombo
        }
    }

    /// A strong brand word with one letter changed, as a token of its own: `amazom`, `rakutten`.
    fn token_typo(&self, host: &Host, tok: &Tok, out: &mut Vec<UrlMatch>) {
        let t = tok.text;
        if t.len() + 1 < MIN_TYPO_LABEL || t.len() > MAX_LABEL || self.kb.tokens.contains_key(t) {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        for_each_variant(t, |key| {
            for cand in self.index.token_deletions.get(key) {
                if seen.contains(cand) || !within_one_edit(cand, t) {
                    continue;
                }
                seen.push(cand);
                for &(brand, strong) in self.kb.tokens.get(cand).into_iter().flatten() {
                    if strong {
                        let parts = self.brand_parts(brand);
                        self.push(host, out, Rule::TypoToken, &parts);
                    }
                }
            }
        });
    }

    /// A brand token inside a longer word: anywhere for distinctive tokens of five letters or more
    /// (`amazonsecure`), only at the start or end for shorter or weak ones (`smbcxz`, `webaeon`).
    fn token_inside(&self, host: &Host, tok: &Tok, ctx: &HostContext, out: &mut Vec<UrlMatch>) {
        let credential = ctx.credential;
        let b = tok.text.as_bytes();
        if b.len() <= 4 || b.len() > MAX_LABEL || !tok.text.is_ascii() {
            return;
        }
        let context = ctx.signs();
        for i in 0..=b.len() - 4 {
            let key = [b[i], b[i + 1], b[i + 2], b[i + 3]];
            let Some(cands) = self.index.token_prefixes.get(&key) else { continue };
            for t in cands {
                if !tok.text[i..].starts_with(t) {
                    continue;
                }
                let at_edge = (i == 0 || i + t.len() == b.len())
                    && !self.signals.credential_words.contains(tok.text);
                let rest = format!("{}{}", &tok.text[..i], &tok.text[i + t.len()..]);
                let cred_inside = self.signals.credential_inside.iter().any(|w| rest.contains(w));
                let owners = self.kb.tokens.get(t).map(|o| self.preferred_owners(t, o)).unwrap_or_default();
                for &(brand, strong) in &owners {
                    let rule = if strong && (t.len() >= MIN_SUBSTRING_TOKEN || at_edge) {
                        self.strong_rule(ctx, tok.registrable, false, ctx.account || cred_inside)
                    } else if !strong
                        && at_edge
                        && (((credential || cred_inside) && context >= 2)
                            || (!tok.registrable && (ctx.abused_tld || ctx.random || ctx.shared)))
                    {
                        Rule::BrandOnSuspiciousHost
                    } else if !strong && at_edge && (credential || cred_inside || (!tok.registrable && context >= 1)) {
                        Rule::WeakBrandWithCredentialWords
                    } else {
                        continue;
                    };
                    let parts = self.brand_parts(brand);
                    self.push(host, out, rule, &parts);
                }
            }
        }
    }

    /// A token several brands share (`aeon`: AEON retail and AEON Card) names the one whose official domain
    /// it is, when there is such a brand.
    fn preferred_owners(&self, token: &str, owners: &[(BrandIdx, bool)]) -> Vec<(BrandIdx, bool)> {
        if owners.len() > 1 {
            let by_domain: Vec<(BrandIdx, bool)> = owners
                .iter()
                .copied()
                .filter(|(b, _)| self.kb.by_label.get(token).is_some_and(|ps| ps.iter().any(|p| p.brand == *b)))
                .collect();
            if !by_domain.is_empty() {
                return by_domain;
            }
        }
        owners.to_vec()
    }

    fn japan_only(&self, brand: BrandIdx) -> bool {
        !self.kb.brands[brand].global
    }

    fn brand_parts(&self, brand: BrandIdx) -> DomainParts {
        let b = &self.kb.brands[brand];
        let domain = b.domains.first().map(|d| d.name).unwrap_or_default();
        DomainParts { index: usize::MAX, brand, domain, label: "", suffix: &[], suffix_str: "" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit() {
        assert!(within_one_edit("aplus", "apius"));
        assert!(within_one_edit("micard", "micrad"));
        assert!(within_one_edit("micard", "miccard"));
        assert!(within_one_edit("micard", "mcard"));
        assert!(!within_one_edit("micard", "mcadr"));
        assert!(!within_one_edit("amazon", "amazing"));
    }

    #[test]
    fn skeletons() {
        assert_eq!(label_skeleton("rnicard"), label_skeleton("micard"));
        assert_eq!(label_skeleton("rakutën"), label_skeleton("rakuten"));
        assert_eq!(label_skeleton("arnaz0n"), label_skeleton("amazon"));
        assert_ne!(label_skeleton("micard"), label_skeleton("mlcard"));
    }
}
