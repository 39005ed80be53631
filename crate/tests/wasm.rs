//! The wasm façade as JavaScript sees it, run by wasm-bindgen-test-runner under Node:
//! `cargo test -p omamori --target wasm32-unknown-unknown` (runner set in .cargo/config.toml).
#![cfg(target_arch = "wasm32")]
use js_sys::{Array, Object, Reflect};
use omamori::wasm::WasmEngine;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn set(o: &Object, key: &str, v: JsValue) {
    Reflect::set(o, &JsValue::from_str(key), &v).expect("set");
}

fn input(label: &str, ty: &str) -> JsValue {
    let o = Object::new();
    set(&o, "tag", "input".into());
    set(&o, "type", ty.into());
    set(&o, "label", label.into());
    o.into()
}

#[wasm_bindgen_test]
fn check_url_gives_plain_objects() {
    let e = WasmEngine::new().expect("engine");
    let v = e.check_url("https://micard.co.jp.kwtqq.com/").expect("verdict");
    assert_eq!(get(&v, "level").as_string().as_deref(), Some("danger"));
    assert_eq!(get(&v, "brand").as_string().as_deref(), Some("micard"));
    assert_eq!(get(&v, "registrable_domain").as_string().as_deref(), Some("kwtqq.com"));
    assert_eq!(get(&v, "url_block").as_bool(), Some(true));
    let reasons = Array::from(&get(&v, "reasons"));
    assert!(reasons.length() > 0);
    let first = reasons.get(0);
    assert_eq!(get(&first, "code").as_string().as_deref(), Some("embedded-official-domain"));
    assert!(get(&first, "ja").as_string().unwrap().contains("micard.co.jp"));
    let go = get(&v, "go_instead");
    assert_eq!(get(&go, "top").as_string().as_deref(), Some("https://www.micard.co.jp/"));

    let v = e.check_url("https://www1.micard.co.jp/app/login").expect("verdict");
    assert_eq!(get(&v, "level").as_string().as_deref(), Some("safe"));
    assert!(get(&v, "go_instead").is_null());
}

/// Issue 17: the route of an address and whose content it is reach JavaScript as `via`, `destination` and
/// `user_content` (docs/engine-api.md).
#[wasm_bindgen_test]
fn check_url_says_how_the_address_got_there() {
    let e = WasmEngine::new().expect("engine");
    let v = e.check_url("https://www.google.com/url?q=https://smbc-card.com.kjsd.cn/").expect("verdict");
    assert_eq!(get(&v, "level").as_string().as_deref(), Some("danger"));
    assert_eq!(get(&v, "destination").as_string().as_deref(), Some("https://smbc-card.com.kjsd.cn/"));
    assert_eq!(get(&v, "host").as_string().as_deref(), Some("smbc-card.com.kjsd.cn"));
    let via = Array::from(&get(&v, "via"));
    assert_eq!(via.length(), 1);
    assert_eq!(get(&via.get(0), "kind").as_string().as_deref(), Some("redirect"));
    assert_eq!(get(&via.get(0), "brand").as_string().as_deref(), Some("google"));
    assert_eq!(get(&via.get(0), "host").as_string().as_deref(), Some("www.google.com"));
    // the names the shell's sentences use: the platform's short name and the service
    assert_eq!(get(&get(&via.get(0), "name"), "ja").as_string().as_deref(), Some("Google"));
    assert_eq!(get(&get(&via.get(0), "service"), "en").as_string().as_deref(), Some("Google's link redirect"));
    assert_eq!(get(&v, "user_content").as_bool(), Some(false));
    assert!(get(&v, "platform").is_null());

    let v = e.check_url("https://docs.google.com/forms/d/e/1FAIpQLSc0/viewform").expect("verdict");
    assert_eq!(get(&v, "level").as_string().as_deref(), Some("none"));
    assert_eq!(get(&v, "user_content").as_bool(), Some(true));
    let platform = get(&v, "platform");
    assert_eq!(get(&platform, "brand").as_string().as_deref(), Some("google"));
    assert_eq!(get(&get(&platform, "name"), "en").as_string().as_deref(), Some("Google"));
    assert_eq!(get(&get(&platform, "service"), "ja").as_string().as_deref(), Some("Google フォーム"));
    assert!(get(&v, "destination").is_null());
    assert_eq!(Array::from(&get(&v, "via")).length(), 0);

    // a proxy names its service; a domain before an `@` names the brand whose domain it is, and no service
    let v = e.check_url("https://kjhsdfq-cn.translate.goog/?_x_tr_sl=auto").expect("verdict");
    let via = Array::from(&get(&v, "via"));
    assert_eq!(get(&via.get(0), "kind").as_string().as_deref(), Some("proxy"));
    assert_eq!(get(&get(&via.get(0), "service"), "ja").as_string().as_deref(), Some("Google 翻訳"));
    let v = e.check_url("https://www.smbc-card.com@evil-login.cn/").expect("verdict");
    let via = Array::from(&get(&v, "via"));
    assert_eq!(get(&via.get(0), "kind").as_string().as_deref(), Some("userinfo"));
    assert_eq!(get(&get(&via.get(0), "name"), "ja").as_string().as_deref(), Some("三井住友カード"));
    assert!(get(&via.get(0), "service").is_null());

    for u in ["about:blank", "%%%"] {
        let v = e.check_url(u).expect("verdict");
        assert_eq!(get(&v, "user_content").as_bool(), Some(false), "{u}");
        assert!(get(&v, "platform").is_null(), "{u}");
        assert_eq!(Array::from(&get(&v, "via")).length(), 0, "{u}");
    }
}

#[wasm_bindgen_test]
fn hostless_urls_are_quiet() {
    let e = WasmEngine::new().expect("engine");
    for u in ["about:blank", "data:text/html,<p>x", "blob:https://a.example/1", "file:///etc/passwd", "%%%", ""] {
        let v = e.check_url(u).expect("verdict");
        assert_eq!(get(&v, "level").as_string().as_deref(), Some("none"), "{u}");
    }
}

#[wasm_bindgen_test]
fn check_page_reads_facts_and_names_fields() {
    let e = WasmEngine::new().expect("engine");
    let facts = Object::new();
    set(&facts, "url", "https://secure-verify-center.com/card".into());
    set(&facts, "title", "エムアイカード | ご利用確認".into());
    let inputs = Array::new();
    inputs.push(&input("カード番号", "tel"));
    inputs.push(&input("暗証番号", "password"));
    set(&facts, "inputs", inputs.into());
    let v = e.check_page(facts.into()).expect("verdict");
    assert_eq!(get(&v, "level").as_string().as_deref(), Some("danger"));
    assert_eq!(get(&v, "brand").as_string().as_deref(), Some("micard"));
    let fields = Array::from(&get(&v, "fields"));
    assert_eq!(fields.length(), 2);
    assert_eq!(get(&fields.get(1), "kind").as_string().as_deref(), Some("card_pin"));
}

#[wasm_bindgen_test]
fn bad_facts_throw_instead_of_panicking() {
    let e = WasmEngine::new().expect("engine");
    assert!(e.check_page(JsValue::from_str("not an object")).is_err());
    assert!(e.check_page(JsValue::from_f64(1.0)).is_err());
    // an empty object is fine: every fact is optional
    let v = e.check_page(Object::new().into()).expect("verdict");
    assert_eq!(get(&v, "level").as_string().as_deref(), Some("none"));
}

#[wasm_bindgen_test]
fn brands_directory() {
    let e = WasmEngine::new().expect("engine");
    let list = Array::from(&e.brands().expect("brands"));
    assert!(list.length() >= 5);
    let m = e.brand("micard").expect("brand");
    assert_eq!(get(&m, "name_ja").as_string().as_deref(), Some("エムアイカード"));
    assert!(e.brand("no-such-brand").expect("ok").is_undefined());
}
