//! The thin `#[wasm_bindgen]` façade (no logic): JS objects in, JS objects out (docs/engine-api.md).
use crate::facts::PageFacts;
use crate::verdict::{Level, Verdict};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    inner: crate::Engine,
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    // one JSON string and one JSON.parse: far cheaper than building the object field by field across the
    // wasm boundary (checkUrl ~2× faster); the same plain object (None → null, maps → objects)
    let json = serde_json::to_string(v).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("JSON.parse failed"))
}

/// Facts cut to their biggest bounds before they cross into wasm: a page with thousands of inputs or megabytes
/// of text would otherwise be copied whole, then cut by `PageFacts::bounded` (a 5,000-input page: ~2× faster).
/// The text keeps twice its bound in UTF-16 units, so that `bounded` still sees every character it keeps.
fn pre_bound(facts: JsValue) -> JsValue {
    use crate::facts::{MAX_INPUTS, MAX_TEXT_CHARS};
    use js_sys::{Array, JsString, Object, Reflect};
    if !facts.is_object() {
        return facts;
    }
    let inputs = Reflect::get(&facts, &JsValue::from_str("inputs")).unwrap_or(JsValue::UNDEFINED);
    let text = Reflect::get(&facts, &JsValue::from_str("text")).unwrap_or(JsValue::UNDEFINED);
    // (Array::from would copy the array: is_array, then a plain cast)
    let long_inputs = Array::is_array(&inputs) && inputs.unchecked_ref::<Array>().length() as usize > MAX_INPUTS;
    let long_text = text.dyn_ref::<JsString>().is_some_and(|t| t.length() as usize > 2 * MAX_TEXT_CHARS);
    if !long_inputs && !long_text {
        return facts;
    }
    let copy = Object::assign(&Object::new(), &Object::from(facts));
    if long_inputs {
        let first = inputs.unchecked_ref::<Array>().slice(0, MAX_INPUTS as u32);
        let _ = Reflect::set(&copy, &JsValue::from_str("inputs"), &first);
    }
    if long_text {
        if let Some(t) = text.dyn_ref::<JsString>() {
            let _ = Reflect::set(&copy, &JsValue::from_str("text"), &t.slice(0, 2 * MAX_TEXT_CHARS as u32));
        }
    }
    copy.into()
}

/// A verdict for an address that cannot be judged (no host, not a URL): level `none`, nothing to say.
fn empty_verdict() -> Verdict {
    Verdict {
        level: Level::None,
        brand: None,
        brand_name: None,
        host: String::new(),
        registrable_domain: None,
        reasons: Vec::new(),
        go_instead: None,
        fields: Vec::new(),
        url_block: false,
        via: Vec::new(),
        destination: None,
        user_content: false,
        platform: None,
        claim: None,
        step: None,
        rules: Vec::new(),
    }
}

#[derive(Serialize)]
struct BrandSummary<'a> {
    id: &'a str,
    name_ja: &'a str,
    name_en: &'a str,
    category: crate::kb::Category,
    names: crate::vocab::StrList,
    weak_names: crate::vocab::StrList,
    aliases: crate::vocab::StrList,
    domains: Vec<&'a str>,
    top: &'a str,
    login: Option<&'a str>,
    /// the brand group it belongs to (`smbc_card` → `smbc_group`), for "same organisation" checks
    parent: Option<&'a str>,
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Builds the engine from the data compiled into the module.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<WasmEngine, JsError> {
        crate::Engine::new().map(|inner| WasmEngine { inner }).map_err(|e| JsError::new(&e))
    }

    /// Verdict on a URL alone. Addresses without a host (`about:blank`, `data:`) give level `none`.
    #[wasm_bindgen(js_name = checkUrl)]
    pub fn check_url(&self, url: &str) -> Result<JsValue, JsError> {
        match self.inner.check_url(url) {
            Ok(v) => to_js(&v),
            Err(_) => to_js(&empty_verdict()),
        }
    }

    /// Verdict on a page from its facts. Throws only when `facts` is not an object of the documented shape.
    #[wasm_bindgen(js_name = checkPage)]
    pub fn check_page(&self, facts: JsValue) -> Result<JsValue, JsError> {
        let facts: PageFacts =
            serde_wasm_bindgen::from_value(pre_bound(facts)).map_err(|e| JsError::new(&e.to_string()))?;
        match self.inner.check_page(facts) {
            Ok(v) => to_js(&v),
            Err(_) => to_js(&empty_verdict()),
        }
    }

    /// Every brand, for the popup's directory and the options page.
    pub fn brands(&self) -> Result<JsValue, JsError> {
        let list: Vec<BrandSummary> = self.inner.brands().iter().map(summary).collect();
        to_js(&list)
    }

    /// One brand by id, or `undefined`.
    pub fn brand(&self, id: &str) -> Result<JsValue, JsError> {
        match self.inner.kb().get(id) {
            Some(b) => to_js(&summary(b)),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}

fn summary(b: &crate::kb::Brand) -> BrandSummary<'_> {
    BrandSummary {
        id: b.id,
        name_ja: b.name_ja,
        name_en: b.name_en,
        category: b.category,
        names: b.names,
        weak_names: b.weak_names,
        aliases: b.aliases,
        domains: b.domains.iter().map(|d| d.name).collect(),
        top: b.top,
        login: b.login,
        parent: b.parent,
    }
}
