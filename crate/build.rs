//! Compiles the knowledge data (`data/*.toml`) into compact JSON embedded in the binary, and strips comments
//! from the vendored public suffix list (and punycodes its Unicode rules). TOML stays out of the wasm module; the engine only parses JSON.
use std::{env, fs, path::PathBuf};

fn toml_to_json(name: &str, out: &PathBuf) {
    let src = format!("data/{name}.toml");
    println!("cargo:rerun-if-changed={src}");
    let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{src}: {e}"));
    let json = serde_json::to_string(&value).expect("json");
    fs::write(out.join(format!("{name}.json")), json).expect("write json");
}

fn main() {
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    for name in ["brands", "fields", "signals"] {
        toml_to_json(name, &out);
    }
    println!("cargo:rerun-if-changed=data/public_suffix_list.dat");
    let psl = fs::read_to_string("data/public_suffix_list.dat").expect("public suffix list");
    let mut compact = String::with_capacity(psl.len() / 2);
    for line in psl.lines() {
        let line = line.trim();
        // keep the section markers: the parser uses them to tell ICANN from PRIVATE suffixes
        if line.is_empty() || (line.starts_with("//") && !line.contains("===BEGIN") && !line.contains("===END")) {
            continue;
        }
        // rules arrive punycoded, so the list needs no IDNA work when the engine starts
        if line.is_ascii() {
            compact.push_str(line);
        } else {
            let (prefix, name) = match line.strip_prefix('!') {
                Some(rest) => ("!", rest),
                None => match line.strip_prefix("*.") {
                    Some(rest) => ("*.", rest),
                    None => ("", line),
                },
            };
            let ascii = idna::domain_to_ascii(name).unwrap_or_else(|e| panic!("suffix `{line}`: {e:?}"));
            compact.push_str(prefix);
            compact.push_str(&ascii);
        }
        compact.push('\n');
    }
    fs::write(out.join("psl.dat"), compact).expect("write psl");
}
