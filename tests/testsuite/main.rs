//! Evident's integration tests, as one binary (one link step instead of
//! one per file, as mdBook's `tests/testsuite/` does). Each module drives
//! the real `evident` binary, or the library's pipeline, over fixture
//! projects: copies of `tests/fixtures/<name>/`, of the worked example, or
//! small projects written inline.

mod actions;
mod analysis;
mod build;
mod common;
mod contexts;
mod diagnostics;
mod editions;
mod files;
mod frameworks;
mod fuzzed;
mod golden;
mod languages;
mod limits;
mod locales;
mod messages;
mod names;
mod new;
mod not_found;
mod other_framework;
mod paragraphs;
mod plurals;
mod privacy;
mod project;
mod publish;
mod publishing;
mod release;
mod resources;
mod robustness;
mod sanitised;
mod sanitising;
mod schema;
mod serve;
mod site;
mod theme_reference;
