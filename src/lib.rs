//! Evident turns the findings of a review into a navigable static website.
//!
//! The library is one pipeline, each stage in its own module with one job:
//!
//! 1. [`content::load`] walks `content/` and keeps every file's text
//!    ([`content::Sources`]) so any later stage can point at a line.
//! 2. [`content::parse`] turns YAML and front matter into the typed
//!    [`model::Review`] and renders Markdown bodies to sanitised HTML.
//! 3. [`check`] resolves every reference and returns all diagnostics.
//! 4. [`analyse`] computes the case statistics and ratings, once.
//! 5. [`site::plan`] decides the pages of the site and builds any page's
//!    context on request.
//! 6. [`site::render`] renders pages through the Tera theme
//!    ([`pipeline::Prepared::render`] plans and renders any of them).
//! 7. [`site::write`] swaps the finished site into `output/` atomically, or
//!    [`serve`] keeps it in memory, serves it and rebuilds on every save;
//!    [`publish`] swaps it into a folder on a share, keeping earlier
//!    versions beside it, and [`archive`] packs it into one zip file.
//!
//! The commands in [`cmd`] are thin layers over that pipeline; [`project`]
//! finds the project they work on.
#![warn(missing_docs, unreachable_pub)]

pub mod analyse;
pub mod archive;
pub mod check;
pub mod cmd;
pub mod compare;
pub mod content;
pub mod diagnostic;
pub mod embedded;
pub mod files;
pub mod model;
pub mod pipeline;
pub mod project;
pub mod publish;
pub mod respond;
pub mod serve;
pub mod sheet;
pub mod site;
pub mod tracker;
