//! `evident check`: validate only; never writes anything.

use super::{CONTENT_ERRORS, OK, fail, report};
use crate::diagnostic;
use crate::pipeline::{self, Options};
use std::io::Write;
use std::path::Path;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Human-readable, with source lines and carets.
    #[default]
    Text,
    /// One JSON document on stdout.
    Json,
}

/// Run `check`.
pub fn run(root: &Path, format: Format, options: Options) -> u8 {
    let checked = match pipeline::check(root, options) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    match format {
        Format::Text => {
            report(&checked.diagnostics, &checked.sources);
            if checked.diagnostics.is_empty() {
                eprintln!("no problems found");
            }
        }
        Format::Json => {
            // A closed pipe (`… | head`) is not an error worth a panic.
            let json = diagnostic::render_json(&checked.diagnostics, &checked.sources);
            let _ = writeln!(std::io::stdout(), "{json}");
        }
    }
    if checked.ok(options.strict) {
        OK
    } else {
        CONTENT_ERRORS
    }
}
