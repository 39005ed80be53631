//! Omamori's core: decides whether a page impersonates a known issuer and asks for what must not be typed
//! there. One façade, [`Engine`], over data compiled in at build time (brands, field vocabulary, risk
//! signals, the public suffix list).
pub mod claims;
pub mod decide;
pub mod engine;
pub mod evidence;
pub mod facts;
pub mod fields;
mod fold;
pub mod host;
pub mod kb;
pub mod lookalike;
pub mod platform;
pub mod route;
pub mod signals;
pub mod text;
pub mod verdict;
pub mod vocab;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{CheckError, Engine};
pub use facts::{InputFacts, PageFacts};
pub use fields::FieldKind;
pub use verdict::{Level, Reason, Rule, Step, Verdict};
