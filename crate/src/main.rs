//! `omamori`: the engine on the command line (DESIGN.md CONTRACT).
//!   omamori check-urls [FILE...]        TSV `level<TAB>brand<TAB>rules<TAB>url`, one line per input line, streaming
//!   omamori check-url URL [--lang ja|en] the verdict explained for a person
//!   omamori check-page FILE.json [--lang ja|en]  the verdict on page facts (docs/engine-api.md) as JSON
//!   omamori brands                      `id<TAB>names<TAB>official domains`
use omamori::{Engine, PageFacts, Verdict};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

/// Input lines longer than this are judged on their first this-many bytes (the rest is skipped, not stored).
const MAX_LINE: usize = 16 * 1024;

const USAGE: &str = "usage:
  omamori check-urls [FILE...]           one URL a line (stdin when no file) -> level<TAB>brand<TAB>rules<TAB>url
  omamori check-url URL [--lang ja|en]   the verdict on one URL, explained
  omamori check-page FILE.json [--lang ja|en]   the verdict on page facts (JSON, see docs/engine-api.md)
  omamori brands                         id<TAB>names<TAB>official domains";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let engine = match Engine::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("omamori: cannot load the knowledge base: {e}");
            return ExitCode::from(1);
        }
    };
    let result = match args.first().map(String::as_str) {
        Some("check-urls") => check_urls(&engine, &args[1..]),
        Some("check-url") => check_url(&engine, &args[1..]),
        Some("check-page") => check_page(&engine, &args[1..]),
        Some("brands") => brands(&engine),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("omamori: {e}");
            ExitCode::from(if e.kind() == io::ErrorKind::InvalidInput { 2 } else { 1 })
        }
    }
}

/// Reads one line into `buf` (without the newline), keeping at most MAX_LINE bytes. Ok(false) at the end.
fn read_bounded_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> io::Result<bool> {
    buf.clear();
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any);
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(p) => (p, true),
            None => (chunk.len(), false),
        };
        let room = MAX_LINE.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(true);
        }
    }
}

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn check_stream<R: Read, W: Write>(engine: &Engine, input: R, out: &mut W) -> io::Result<()> {
    let mut r = BufReader::with_capacity(64 * 1024, input);
    let mut buf = Vec::with_capacity(1024);
    while read_bounded_line(&mut r, &mut buf)? {
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches('\r');
        let url = line.trim();
        match engine.check_url(url) {
            Ok(v) if !url.is_empty() => writeln!(
                out,
                "{}\t{}\t{}\t{}",
                v.level.as_str(),
                v.brand.as_deref().unwrap_or("-"),
                v.rule_codes(),
                tsv_field(line)
            )?,
            _ => writeln!(out, "invalid\t-\t-\t{}", tsv_field(line))?,
        }
    }
    Ok(())
}

fn check_urls(engine: &Engine, files: &[String]) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    if files.is_empty() {
        check_stream(engine, io::stdin().lock(), &mut out)?;
    }
    for f in files {
        let file = std::fs::File::open(f).map_err(|e| io::Error::new(e.kind(), format!("{f}: {e}")))?;
        check_stream(engine, file, &mut out)?;
    }
    out.flush()
}

fn lang_of(args: &[String]) -> io::Result<(&str, Vec<&String>)> {
    let mut lang = "ja";
    let mut rest = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--lang" {
            lang = match args.get(i + 1).map(String::as_str) {
                Some(l @ ("ja" | "en")) => l,
                _ => return Err(io::Error::new(io::ErrorKind::InvalidInput, "--lang takes ja or en")),
            };
            i += 2;
        } else if let Some(l) = args[i].strip_prefix("--lang=") {
            lang = if l == "en" { "en" } else { "ja" };
            i += 1;
        } else {
            rest.push(&args[i]);
            i += 1;
        }
    }
    Ok((lang, rest))
}

fn explain(v: &Verdict, lang: &str) -> String {
    let ja = lang == "ja";
    let mut s = String::new();
    let level = match (v.level, ja) {
        (omamori::Level::Safe, true) => "安全(公式サイト)",
        (omamori::Level::None, true) => "特記事項なし",
        (omamori::Level::Caution, true) => "注意",
        (omamori::Level::Danger, true) => "危険",
        (omamori::Level::Safe, false) => "safe (official site)",
        (omamori::Level::None, false) => "nothing notable",
        (omamori::Level::Caution, false) => "caution",
        (omamori::Level::Danger, false) => "danger",
    };
    s.push_str(&format!("{}: {} [{}]\n", if ja { "判定" } else { "Verdict" }, level, v.level.as_str()));
    if let Some(b) = &v.brand_name {
        let label = match (v.level, ja) {
            (omamori::Level::Safe, true) => "公式サイト",
            (omamori::Level::Safe, false) => "Official site of",
            (_, true) => "なりすまし先",
            (_, false) => "Pretends to be",
        };
        s.push_str(&format!("{label}: {} ({})\n", if ja { &b.ja } else { &b.en }, v.brand.as_deref().unwrap_or("")));
    }
    // how the address got there: each redirector, proxy and `@` decoration, outermost first
    for step in &v.via {
        let kind = match (step.kind, ja) {
            (omamori::route::ViaKind::Redirect, true) => "リンク転送",
            (omamori::route::ViaKind::Proxy, true) => "表示の中継(プロキシ)",
            (omamori::route::ViaKind::Userinfo, true) => "「@」より前の飾り",
            (omamori::route::ViaKind::Redirect, false) => "redirect",
            (omamori::route::ViaKind::Proxy, false) => "proxy",
            (omamori::route::ViaKind::Userinfo, false) => "decoration before \"@\"",
        };
        let brand = step.brand.as_deref().map(|b| format!(" ({b})")).unwrap_or_default();
        s.push_str(&format!("{}: {kind}: {}{brand}\n", if ja { "経由" } else { "Via" }, step.host));
    }
    if let Some(d) = &v.destination {
        s.push_str(&format!("{}: {d}\n", if ja { "実際の行き先" } else { "Really goes to" }));
    }
    if v.user_content {
        s.push_str(if ja {
            "誰でも作れるページ: はい(サービスの公式ページではありません)\n"
        } else {
            "Anyone's page on a platform: yes (not the platform's own page)\n"
        });
    }
    s.push_str(&format!("{}: {}\n", if ja { "ホスト" } else { "Host" }, v.host));
    if let Some(r) = &v.registrable_domain {
        s.push_str(&format!("{}: {}\n", if ja { "実際のドメイン" } else { "Real domain" }, r));
    }
    if !v.reasons.is_empty() {
        s.push_str(if ja { "理由:\n" } else { "Reasons:\n" });
        for r in &v.reasons {
            s.push_str(&format!("  - [{}] {}\n", r.code, if ja { &r.ja } else { &r.en }));
        }
    }
    if let Some(g) = &v.go_instead {
        s.push_str(&format!("{}: {}\n", if ja { "公式サイト" } else { "Official site" }, g.top));
        if let Some(l) = &g.login {
            s.push_str(&format!("{}: {}\n", if ja { "公式ログインページ" } else { "Official login page" }, l));
        }
        for p in &g.phones {
            s.push_str(&format!("{}: {} ({})\n", if ja { "電話" } else { "Phone" }, p.number, if ja { &p.ja } else { &p.en }));
        }
    }
    s
}

fn check_url(engine: &Engine, args: &[String]) -> io::Result<()> {
    let (lang, rest) = lang_of(args)?;
    let [url] = rest.as_slice() else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "check-url takes one URL"));
    };
    match engine.check_url(url) {
        Ok(v) => print!("{}", explain(&v, lang)),
        Err(e) => {
            let msg = if lang == "ja" { "URLとして読めません" } else { "not a URL that can be checked" };
            println!("{}: invalid ({msg}: {e})", if lang == "ja" { "判定" } else { "Verdict" });
        }
    }
    Ok(())
}

fn check_page(engine: &Engine, args: &[String]) -> io::Result<()> {
    let (lang, rest) = lang_of(args)?;
    let [file] = rest.as_slice() else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "check-page takes one JSON file"));
    };
    let text = std::fs::read_to_string(file)?;
    let facts: PageFacts = serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
    match engine.check_page(facts) {
        Ok(v) => {
            print!("{}", explain(&v, lang));
            for f in &v.fields {
                println!("field #{}: {}", f.index, f.kind.code());
            }
        }
        Err(e) => println!("invalid: {e}"),
    }
    Ok(())
}

fn brands(engine: &Engine) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for b in engine.brands() {
        let mut names = vec![b.name_ja, b.name_en];
        for n in b.names.iter().chain(b.weak_names) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let domains: Vec<&str> = b.domains.iter().map(|d| d.name).collect();
        writeln!(out, "{}\t{}\t{}", b.id, tsv_field(&names.join("|")), domains.join("|"))?;
    }
    out.flush()
}
