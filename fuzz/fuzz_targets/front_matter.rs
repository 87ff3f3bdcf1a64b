//! Front matter and YAML: any text, as every kind of content file, parses
//! to a value or to diagnostics that point inside the file; never a panic.
//! A Markdown file's reading made as its body is rendered is the reading
//! of the whole file.
#![no_main]

use evident::check::privacy::reader_text;
use evident::content::{ContentKind, SourceFile, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let kinds = [
        ("content/report.yaml", ContentKind::Report),
        ("content/criteria/x.yaml", ContentKind::Framework),
        ("content/cases/x.yaml", ContentKind::Cases),
        ("content/findings/x.md", ContentKind::Finding),
        ("content/pages/x.md", ContentKind::Page),
        ("content/focus/x.md", ContentKind::Focus),
        ("content/standards/2.1.md", ContentKind::Narrative),
        ("content/summary.md", ContentKind::Summary),
    ];
    for (path, kind) in kinds {
        let file = SourceFile::new(path, kind, text.to_string());
        let diagnostics = match kind {
            ContentKind::Report => parse::parse_report(0, &file).diagnostics,
            ContentKind::Framework => parse::parse_framework(0, &file).diagnostics,
            ContentKind::Cases => parse::parse_cases(0, &file).diagnostics,
            ContentKind::Finding => parse::parse_finding(0, &file).diagnostics,
            ContentKind::Page => parse::parse_page(0, &file).diagnostics,
            ContentKind::Focus => parse::parse_focus(0, &file).diagnostics,
            ContentKind::Narrative => parse::parse_narrative(0, &file).diagnostics,
            _ => parse::parse_summary(0, &file, "summary-").diagnostics,
        };
        for d in diagnostics {
            // Every position is a line of the file, which the error
            // can show.
            if let Some(pos) = d.pos {
                assert!(
                    pos.column >= 1 && file.line(pos.line).is_some(),
                    "{path}: {pos:?} is not a line of the file: {}",
                    d.message
                );
            }
        }
        // A Markdown file's reading, left by parse from the events it
        // rendered the body from, is the one the file read whole gives.
        if path.ends_with(".md") {
            assert_eq!(file.reading(), &reader_text(&file.text, true), "{path}");
        }
    }
});
