//! The floor of `scripts/bench.sh`: the least any generator must do with a
//! project. It reads every file under the project's `content/` once and
//! turns each Markdown file into HTML once with pulldown-cmark, on one
//! thread, and writes nothing. A build that takes a small multiple of this
//! spends little beyond reading and rendering the authors' text.
//!
//! ```text
//! cargo run --release --example floor -- [PROJECT]   # default: .
//! ```
//!
//! It prints what it read and a checksum of the HTML it made, so that no
//! work can be optimised away.

use pulldown_cmark::{Options, Parser, html};
use std::path::PathBuf;
use std::process::ExitCode;

/// The Markdown extensions Evident reads bodies with (see
/// `content::markdown::OPTIONS`), plus front matter read as a metadata
/// block, which the HTML writer skips: Evident cuts the front matter off
/// before it renders a body.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

fn main() -> ExitCode {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let content = root.join("content");
    let mut files = 0usize;
    let mut bytes = 0usize;
    let mut markdown = 0usize;
    let mut checksum = 0u64;
    let mut out = String::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                eprintln!("floor: {e}");
                return ExitCode::FAILURE;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let text = match std::fs::read_to_string(entry.path()) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("floor: {}: {e}", entry.path().display());
                return ExitCode::FAILURE;
            }
        };
        files += 1;
        bytes += text.len();
        if entry.path().extension().is_some_and(|x| x == "md") {
            markdown += 1;
            out.clear();
            html::push_html(&mut out, Parser::new_ext(&text, OPTIONS));
            // The length and last byte of each page's HTML: enough to keep
            // the rendering, without adding a pass over its bytes.
            let html = std::hint::black_box(&out);
            checksum = checksum
                .rotate_left(5)
                .wrapping_add(html.len() as u64 ^ u64::from(html.bytes().last().unwrap_or(0)));
        }
    }
    if files == 0 {
        eprintln!("floor: no files under {}", content.display());
        return ExitCode::FAILURE;
    }
    println!(
        "read {files} files ({bytes} bytes), rendered {markdown} Markdown files; checksum {checksum:016x}"
    );
    ExitCode::SUCCESS
}
