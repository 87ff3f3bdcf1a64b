//! The site: from the checked, analysed review to the files of `output/`.
//!
//! - [`urls`] says where everything lives (SPEC §3) and the relative URL
//!   of every link target.
//! - [`plan`] decides every page once — its path, template and context —
//!   so templates never compute URLs or statistics themselves.
//! - [`plural`] says which plural category a count takes in the report's
//!   language.
//! - [`render`] owns the Tera instance and theme resolution and renders the
//!   planned pages in parallel.
//! - [`html`] places bodies on a page: links resolved for that page (in
//!   `report.html`, to its own sections), ids kept apart.
//! - [`data`] writes `data/report.json`, `data/cases.csv` and the search index.
//! - [`write`] swaps the finished site into `output/` atomically.

pub mod data;
pub mod html;
pub mod locale;
pub mod plan;
pub mod plural;
pub mod render;
pub mod urls;
pub mod views;
pub mod write;

use std::collections::BTreeMap;

/// A built site held in memory: output path (with `/`) → bytes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Site {
    /// Every file of the site.
    pub files: BTreeMap<String, Vec<u8>>,
}

/// FNV-1a, 64 bits: stable across builds, versions and machines, which is
/// all a name for a file's or a paragraph's content needs (nothing here
/// guards against a forger).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A short, stable content hash (FNV-1a, 64 bits, hex) for asset names.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes))[..10].to_string()
}

/// The hash of a paragraph's text the response sheet carries and `respond`
/// compares: `h` and 16 hex digits of FNV-1a over its words joined by
/// single spaces. The letter keeps a spreadsheet from reading an all-digit
/// hash as a number.
pub fn paragraph_hash(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("h{:016x}", fnv1a(words.as_bytes()))
}
