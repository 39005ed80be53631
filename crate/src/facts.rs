//! Page facts: what the content script reports about a frame (docs/engine-api.md). Every field is optional and
//! every list is bounded here again, whatever the sender did.
use serde::{Deserialize, Serialize};

pub const MAX_INPUTS: usize = 500;
pub const MAX_LIST: usize = 50;
pub const MAX_FIELD_CHARS: usize = 300;
pub const MAX_TEXT_CHARS: usize = 4_000;
pub const MAX_LOGOS: usize = 30;
pub const MAX_BUTTONS: usize = 20;
pub const MAX_BUTTON_CHARS: usize = 100;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InputFacts {
    pub tag: String,
    #[serde(rename = "type")]
    pub input_type: String,
    pub name: String,
    pub id: String,
    pub autocomplete: String,
    pub inputmode: String,
    pub maxlength: Option<i64>,
    pub placeholder: String,
    pub aria_label: String,
    pub label: String,
    pub context: String,
    pub form_action: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PageFacts {
    pub url: String,
    pub top_url: Option<String>,
    pub is_top: Option<bool>,
    pub title: String,
    pub site_name: String,
    pub headings: Vec<String>,
    pub image_alts: Vec<String>,
    pub footer_text: String,
    pub text: String,
    pub form_actions: Vec<String>,
    pub resource_urls: Vec<String>,
    pub inputs: Vec<InputFacts>,
    /// one entry per logo-like image or mark: its image file name, then its class, id and alt, space-separated;
    /// entries that say logo / brand / header / ロゴ first (≤ 30, each ≤ 300 chars)
    pub logos: Vec<String>,
    /// the absolute URL of `link[rel~=icon]`, or ""
    pub favicon: String,
    /// texts of buttons, submit / button inputs and `[role=button]` (≤ 20, each ≤ 100 chars)
    pub buttons: Vec<String>,
    /// for a subframe: the brand id the tab's top frame presents itself as (set by the background only)
    pub top_claim: Option<String>,
}

fn cut(s: &mut String, max_chars: usize) {
    // a string of at most `max_chars` bytes has at most that many characters: nothing to look for
    if s.len() <= max_chars {
        return;
    }
    if let Some((i, _)) = s.char_indices().nth(max_chars) {
        s.truncate(i);
    }
}

impl InputFacts {
    fn bound(&mut self) {
        for s in [
            &mut self.tag, &mut self.input_type, &mut self.name, &mut self.id, &mut self.autocomplete,
            &mut self.inputmode, &mut self.placeholder, &mut self.aria_label, &mut self.label,
            &mut self.context, &mut self.form_action,
        ] {
            cut(s, MAX_FIELD_CHARS);
        }
    }
}

impl PageFacts {
    /// Cuts every list and string to the documented bounds, so that the work on any input is bounded.
    pub fn bounded(mut self) -> Self {
        cut(&mut self.url, 4096);
        if let Some(t) = self.top_url.as_mut() {
            cut(t, 4096);
        }
        cut(&mut self.title, MAX_FIELD_CHARS);
        cut(&mut self.site_name, MAX_FIELD_CHARS);
        cut(&mut self.footer_text, 1_000);
        cut(&mut self.text, MAX_TEXT_CHARS);
        for list in [&mut self.headings, &mut self.image_alts, &mut self.form_actions, &mut self.resource_urls] {
            list.truncate(MAX_LIST);
            for s in list.iter_mut() {
                cut(s, MAX_FIELD_CHARS);
            }
        }
        cut(&mut self.favicon, 4096);
        self.logos.truncate(MAX_LOGOS);
        for s in self.logos.iter_mut() {
            cut(s, MAX_FIELD_CHARS);
        }
        self.buttons.truncate(MAX_BUTTONS);
        for s in self.buttons.iter_mut() {
            cut(s, MAX_BUTTON_CHARS);
        }
        if let Some(c) = self.top_claim.as_mut() {
            cut(c, 64);
        }
        self.inputs.truncate(MAX_INPUTS);
        for i in &mut self.inputs {
            i.bound();
        }
        self
    }
}
