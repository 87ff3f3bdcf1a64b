//! The publishing cycle, as the authors of a report go through it: each
//! version numbered and dated by them (never by the clock), shown on every
//! page, printed in the running footer and kept in `report.json`.

use crate::common::{inline, page, read, report_json, run_in, texts};

/// A small report; `settings` are more lines of its `report.yaml`.
fn project(settings: &str) -> tempfile::TempDir {
    inline(&format!(
        r#"
-- content/report.yaml --
title: Review of the Northbrook youth justice service
organisation: Northbrook youth justice service
{settings}
-- content/criteria/fw.yaml --
id: fw
title: Framework
domains:
  - id: "1"
    title: Work
    standards:
      - {{id: "1.1", title: Leadership, assessed_by: judgement}}
-- content/findings/board.md --
---
title: The board challenges the service
kind: strength
criteria: ["1.1"]
---
Board members ask hard questions.
"#
    ))
}

/// The one diagnostic with `code` that `evident check`, typed inside the
/// project, printed, whole.
fn the(dir: &tempfile::TempDir, code: &str) -> String {
    let (_, _, stderr) = run_in(dir.path(), &["check"]);
    let found: Vec<&str> = stderr
        .split("\n\n")
        .filter(|d| d.contains(&format!("[{code}]")))
        .collect();
    assert_eq!(found.len(), 1, "{stderr}");
    found[0].to_string()
}

#[test]
fn the_version_is_on_every_page_in_the_printed_footer_and_in_the_data() {
    let dir = project("version: \"0.3\"\nversion_date: 2026-05-12");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let root = dir.path();
    for (path, _) in crate::common::pages(root) {
        if path == "report.html" {
            // The printable report prints it in its running footer.
            let html = read(root, "report.html");
            assert!(
                html.contains("@bottom-left { content: \"Version 0.3, 12 May 2026\";"),
                "{path}"
            );
            continue;
        }
        let doc = page(root, &path);
        assert_eq!(
            texts(&doc, ".site-footer .version"),
            ["Version 0.3, 12 May 2026"],
            "{path}"
        );
    }
    // A fact on the home page and on the report's cover.
    let home = page(root, "index.html");
    // (Text nodes are joined by a space: the date is a `<time>`.)
    assert_eq!(
        texts(&home, ".facts div:has(time[datetime='2026-05-12']) dd"),
        ["0.3 ( 12 May 2026 )"]
    );
    let report = page(root, "report.html");
    assert!(
        texts(&report, ".cover .facts dd").contains(&"0.3 (12 May 2026)".to_string()),
        "{:?}",
        texts(&report, ".cover .facts dd")
    );
    let json = report_json(root);
    assert_eq!(json["report"]["version"], "0.3");
    assert_eq!(json["report"]["version_date"], "2026-05-12");
    // Without them: no line, and nulls in the data.
    let dir = project("");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(texts(&page(dir.path(), "index.html"), ".version").is_empty());
    assert!(!read(dir.path(), "report.html").contains("@bottom-left"));
    assert!(report_json(dir.path())["report"]["version"].is_null());
}

#[test]
fn a_version_without_a_date_and_an_unquoted_one_are_written_as_given() {
    // YAML would read 1.10 as a number; the version keeps the text.
    let dir = project("version: 1.10");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        texts(&page(dir.path(), "index.html"), ".site-footer .version"),
        ["Version 1.10"]
    );
    assert_eq!(report_json(dir.path())["report"]["version"], "1.10");
}

#[test]
fn a_welsh_report_names_its_version_in_welsh() {
    let dir = project("language: cy\nversion: \"1.0\"\nversion_date: 2026-05-04");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        texts(&page(dir.path(), "index.html"), ".site-footer .version"),
        ["Fersiwn 1.0, 4 Mai 2026"]
    );
}

#[test]
fn a_version_no_folder_or_archive_could_be_named_after_is_an_error_at_the_setting() {
    let dir = project("version: \"0.3/final\"");
    assert_eq!(
        the(&dir, "bad-version"),
        "error[bad-version]: `version` has `/`, which a folder or archive name cannot safely hold\n --> content/report.yaml:3:10\n  |\n3 | version: \"0.3/final\"\n  |          ^^^^^^^^^^^\n  |\nhelp: number the version with letters, digits, `.`, `-`, `_` or `+`, e.g. `version: \"0.3\"` or `version: \"1.0-draft\"`"
    );
    for (value, problem) in [
        ("\"\"", "`version` is empty"),
        ("\"draft 2\"", "`version` has a space"),
        ("\"..\"", "`version` starts with `.`"),
        ("\"0.3\\\\x\"", "`version` has `\\`"),
        ("\"über\"", "`version` has `ü`"),
        (
            "\"1234567890123456789012345678901234567890a\"",
            "`version` is longer than 40 characters",
        ),
    ] {
        let dir = project(&format!("version: {value}"));
        let d = the(&dir, "bad-version");
        assert!(
            d.starts_with(&format!("error[bad-version]: {problem}")),
            "{value}: {d}"
        );
        let (code, _, _) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 1, "{value}");
    }
}

#[test]
fn a_version_date_without_a_version_is_warned_and_a_bad_one_is_an_error() {
    let dir = project("version_date: 2026-05-12");
    assert_eq!(
        the(&dir, "missing-version"),
        "warning[missing-version]: `version_date` is given, but not `version`\n --> content/report.yaml:3:15\n  |\n3 | version_date: 2026-05-12\n  |               ^^^^^^^^^^\n  |\nhelp: add the version it dates, e.g. `version: \"0.3\"`, or remove `version_date`"
    );
    let dir = project("version: \"0.3\"\nversion_date: 2026-02-30");
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/report.yaml:4:15"), "{stderr}");
    assert!(stderr.contains("2026-02-30"), "{stderr}");
}

#[test]
fn building_the_same_version_twice_gives_the_same_site() {
    let dir = project("version: \"0.3\"\nversion_date: 2026-05-12");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let first = crate::common::pages(dir.path());
    let json = read(dir.path(), "data/report.json");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(crate::common::pages(dir.path()), first);
    assert_eq!(read(dir.path(), "data/report.json"), json);
}
