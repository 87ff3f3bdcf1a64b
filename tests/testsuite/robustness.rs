//! Bad input never panics. Every content file of the worked example is
//! damaged in several ways (cut short at many points, lines swapped,
//! bytes that are not UTF-8, stray punctuation) and the whole pipeline is
//! run in-process: it must come back with diagnostics, never a panic, and a
//! build either succeeds or reports at least one error.

use evident::pipeline::{self, Options};
use std::path::Path;

fn content_files(root: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// Damaged versions of a file's text.
fn damage(text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let cuts = 6;
    for i in 1..cuts {
        let mut at = text.len() * i / cuts;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        out.push(text.as_bytes()[..at].to_vec());
    }
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() > 3 {
        let mut swapped = lines.clone();
        swapped.swap(1, lines.len() - 2);
        out.push(swapped.join("\n").into_bytes());
    }
    out.push(text.replace(':', "").into_bytes());
    out.push(text.replace('"', "").into_bytes());
    out.push(text.replace("---", "--").into_bytes());
    out.push(text.replace("- ", "-").into_bytes());
    out.push(format!("{text}\n  : [\n{{{{").into_bytes());
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(bytes.len() / 2, 0xff);
    out.push(bytes);
    out.push(Vec::new());
    out
}

#[test]
fn damaged_content_gives_diagnostics_never_a_panic() {
    let dir = crate::common::worked_example();
    let files = content_files(dir.path());
    assert!(files.len() > 40);
    let mut runs = 0;
    for file in &files {
        let original = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&original).into_owned();
        for damaged in damage(&text) {
            std::fs::write(file, &damaged).unwrap();
            let checked = pipeline::check(dir.path(), Options::default())
                .unwrap_or_else(|e| panic!("I/O failure on {}: {e}", file.display()));
            for d in &checked.diagnostics {
                assert!(!d.message.is_empty());
            }
            runs += 1;
        }
        std::fs::write(file, &original).unwrap();
    }
    assert!(runs > 400, "{runs}");
}

#[test]
fn damaged_content_never_half_builds() {
    let dir = crate::common::worked_example();
    for file in content_files(dir.path()).iter().step_by(5) {
        let original = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&original).into_owned();
        for damaged in damage(&text).into_iter().step_by(3) {
            std::fs::write(file, &damaged).unwrap();
            let built = pipeline::build(dir.path(), Options::default()).unwrap();
            let errors = built.checked.diagnostics.iter().any(|d| d.is_error());
            assert_eq!(built.site.is_some(), !errors, "{}", file.display());
        }
        std::fs::write(file, &original).unwrap();
    }
}
