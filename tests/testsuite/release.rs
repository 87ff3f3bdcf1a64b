//! The publishing cycle, as the authors of a report go through it: each
//! version numbered and dated by them (never by the clock), shown on every
//! page, printed in the running footer and kept in `report.json`.

use crate::common::{inline, page, read, report_json, run_in, texts};
use std::path::Path;

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

/// The worked example, numbered, built as its authors build it.
fn numbered_example() -> tempfile::TempDir {
    let dir = crate::common::worked_example();
    let path = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nnumbered_paragraphs: true\n")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    dir
}

#[test]
fn the_response_sheet_lists_every_numbered_paragraph_ready_for_a_spreadsheet() {
    let dir = numbered_example();
    let bytes = std::fs::read(dir.path().join("output/data/response.csv")).unwrap();
    // UTF-8 with a byte order mark, CRLF line ends, a header row.
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "paragraph,page,link,first_words,text_hash,comment,evidence,decision"
    );
    // A row for each number the printable report shows, in reading order.
    let printed = texts(&page(dir.path(), "report.html"), ".paragraph-number");
    let listed: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(listed, printed);
    // Its page, a link to it, its first words and the hash of its text
    // (`h` and 16 hex digits), then the three empty columns.
    let row = lines.iter().find(|l| l.starts_with("2.1-2,")).unwrap();
    let (start, rest) = row.split_at(row.rfind("\",").unwrap() + 2);
    assert_eq!(
        start,
        "2.1-2,2.1 Assessment,domains/2/2-1.html#p-2.1-2,\"One assessment, for instance, considered how becoming a young father might affect …\","
    );
    let (hash, empty) = rest.split_at(17);
    assert!(
        hash.starts_with('h') && hash[1..].chars().all(|c| c.is_ascii_hexdigit()),
        "{hash}"
    );
    assert_eq!(empty, ",,,");
    // The data files are listed on the case sample page.
    assert!(
        crate::common::attrs(
            &page(dir.path(), "cases/index.html"),
            ".data-files a",
            "href"
        )
        .iter()
        .any(|h| h.ends_with("data/response.csv"))
    );
    // Without numbers there is no sheet.
    let plain = crate::common::worked_example();
    let (code, _, _) = run_in(plain.path(), &["build"]);
    assert_eq!(code, 0);
    assert!(!plain.path().join("output/data/response.csv").exists());
}

#[test]
fn a_cell_that_starts_like_a_formula_is_kept_from_running() {
    let dir = project("numbered_paragraphs: true");
    std::fs::write(
        dir.path().join("content/findings/board.md"),
        "---\ntitle: The board challenges the service\nkind: strength\ncriteria: [\"1.1\"]\n---\n=HYPERLINK(\"https://example.org\", \"Click\") was written by a careless hand.\n\n-5 is not a paragraph's number.\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let text = read(dir.path(), "data/response.csv");
    let rows: Vec<&str> = text.lines().collect();
    assert!(
        rows[1].starts_with("1.1-1,1.1 Leadership,domains/1/1-1.html#p-1.1-1,\"'=HYPERLINK(\"\"https://example.org\"\", \"\"Click\"\") was written by a careless hand.\","),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with("1.1-2,1.1 Leadership,domains/1/1-1.html#p-1.1-2,'-5 is not"),
        "{}",
        rows[2]
    );
}

/// The sheet of `dir`'s build as a spreadsheet saves it once the service
/// has commented on the paragraphs `comments` names: the comment in its
/// cell (quoted, with a line break and quotes in it), semicolons between
/// cells, LF line ends, no byte order mark, and a column of its own added.
fn filled(dir: &Path, comments: &[&str]) -> std::path::PathBuf {
    let text = read(dir, "data/response.csv");
    let text = text.trim_start_matches('\u{feff}');
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        // Re-quoted as a spreadsheet in a semicolon locale writes it: the
        // cells of our sheet hold no semicolons, so only the commas
        // between cells change.
        let cells = split_csv(line);
        let mut cells: Vec<String> = cells
            .into_iter()
            .map(|c| {
                if c.contains([';', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        if i == 0 {
            cells.push("owner".into());
        } else {
            cells.push("Head of service".into());
            if comments.contains(&cells[0].as_str()) {
                cells[5] = "\"We disagree; see \"\"the file\"\".\nIt says otherwise.\"".into();
            }
        }
        out.push_str(&cells.join(";"));
        out.push('\n');
    }
    let path = dir.join("filled.csv");
    std::fs::write(&path, out).unwrap();
    path
}

/// The cells of one line of the sheet Evident wrote (RFC 4180, no line
/// breaks inside cells).
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => cells.push(String::new()),
            (_, c) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

/// Replace `from` with `to` in the project's file at `path`.
fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let path = dir.join(path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_filled_sheet_says_which_commented_paragraphs_stayed_moved_changed_or_went() {
    let dir = numbered_example();
    let sheet = filled(dir.path(), &["S-1", "2.1-2", "2.3-1", "2.4-4"]);
    // Nothing changed yet: every comment's paragraph is as it was.
    let (code, out, stderr) = run_in(dir.path(), &["respond", "filled.csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        out.ends_with("4 unchanged, 0 moved, 0 changed, 0 gone\n"),
        "{out}"
    );
    // The reviewers amend the report: reword 2.1-2, put a finding before
    // 2.3-1, and move (and reword) the finding that was 2.4-4 to 3.3.
    edit(
        dir.path(),
        "content/findings/assessment/diverse-needs.md",
        "for instance",
        "for example",
    );
    std::fs::write(
        dir.path().join("content/findings/delivery/added.md"),
        "---\ntitle: A finding added after the comments\nkind: strength\ncriteria: [\"2.3\"]\norder: 1\n---\nIts first paragraph.\n\nIts second.\n",
    )
    .unwrap();
    edit(
        dir.path(),
        "content/findings/review/closure-notification.md",
        "criteria: [\"2.4\", \"3.3\"]",
        "criteria: [\"3.3\"]",
    );
    edit(
        dir.path(),
        "content/findings/review/closure-notification.md",
        "we could not see",
        "we did not see",
    );
    let (code, out, stderr) = run_in(dir.path(), &["respond", sheet.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        out,
        format!(
            "`{}`: 4 comments\n  S-1     unchanged\n  2.1-2   changed: its text is not what it was when the sheet was made\n  2.3-1   moved: its text, unchanged, is now paragraph 2.3-3\n  2.4-4   gone: the report has no paragraph 2.4-4 now, and its text is nowhere in it\n1 unchanged, 1 moved, 1 changed, 1 gone\n",
            sheet.display()
        )
    );
}

#[test]
fn a_sheet_respond_cannot_read_is_named_with_its_line_and_column() {
    let dir = numbered_example();
    std::fs::write(
        dir.path().join("latin1.csv"),
        b"paragraph,text_hash,comment\nS-1,h0,Caf\xe9\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["respond", "latin1.csv"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: `latin1.csv`:2:11: the sheet is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\" (comma delimited)\n"
    );
    std::fs::write(dir.path().join("cut.csv"), "paragraph,comment\nS-1,Yes\n").unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["respond", "cut.csv"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: `cut.csv`:1:1: the sheet has no `text_hash` column"),
        "{stderr}"
    );
    let (code, _, stderr) = run_in(dir.path(), &["respond", "missing.csv"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: cannot read `missing.csv`"),
        "{stderr}"
    );
    // A report that does not number its paragraphs has nothing to match.
    let plain = crate::common::worked_example();
    std::fs::write(
        plain.path().join("s.csv"),
        "paragraph,text_hash,comment\nS-1,h0,Yes\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(plain.path(), &["respond", "s.csv"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("set `numbered_paragraphs: true`"),
        "{stderr}"
    );
}

/// The worked example built once, its output kept as `old/` (as an
/// earlier version's published folder), then amended with one change of
/// each kind `changes.html` lists.
fn amended_example() -> tempfile::TempDir {
    let dir = crate::common::worked_example();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    crate::common::copy_dir(&dir.path().join("output"), &dir.path().join("old"));
    let root = dir.path();
    // Reworded; moved between standards; another kind; removed; added.
    edit(
        root,
        "content/findings/assessment/diverse-needs.md",
        "for instance",
        "for example",
    );
    edit(
        root,
        "content/findings/review/closure-notification.md",
        "criteria: [\"2.4\", \"3.3\"]",
        "criteria: [\"3.3\"]",
    );
    edit(
        root,
        "content/findings/assessment/substance-misuse.md",
        "kind: consideration",
        "kind: strength",
    );
    std::fs::remove_file(root.join("content/findings/delivery/purpose-of-reparation.md")).unwrap();
    std::fs::write(
        root.join("content/findings/delivery/added-later.md"),
        "---\ntitle: Reparation is explained to victims\nkind: strength\ncriteria: [\"2.3\"]\n---\nVictims were told what reparation the child would do.\n",
    )
    .unwrap();
    // One case's answer to 2.1.1 changes, and with it the question's figure.
    edit(
        root,
        "content/cases/court-orders.yaml",
        "\"2.1.1\": \"yes\"",
        "\"2.1.1\": \"no\"",
    );
    dir
}

#[test]
fn changes_html_lists_exactly_the_changes_made_since_the_earlier_build() {
    let dir = amended_example();
    let root = dir.path();
    let (code, _, stderr) = run_in(root, &["build", "--compare", "old"]);
    assert_eq!(code, 0, "{stderr}");
    let doc = page(root, "changes.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["What changed since version 1.0 (1 April 2020)"]
    );
    assert_eq!(
        texts(&doc, "#changes-added + ul li"),
        ["Reparation is explained to victims Strength"]
    );
    assert_eq!(
        texts(&doc, "#changes-removed + ul li"),
        ["Be clear about the purpose of reparation Area for consideration"]
    );
    assert_eq!(
        texts(&doc, "section[aria-labelledby=changes-moved] tbody tr"),
        // In the order the site lists findings.
        [
            "How partners learn that a case has closed Area for consideration: 2.4, 3.3 Area for consideration: 3.3",
            "Explore substance misuse, including cannabis, more fully Area for consideration: 2.1, 3.1 Strength: 2.1, 3.1",
        ]
    );
    assert_eq!(
        texts(&doc, ".change h3"),
        ["Diverse needs are identified and followed through"]
    );
    // Word by word, with the words around the change.
    assert_eq!(texts(&doc, ".change del"), ["removed: instance,"]);
    assert_eq!(texts(&doc, ".change ins"), ["added: example,"]);
    assert_eq!(
        texts(&doc, ".change .diff"),
        [
            "… a child learns and health. One assessment, for removed: instance, added: example, considered how becoming a young father might affect …"
        ]
    );
    // The one figure that moved, as the two builds' data give it.
    let percent = |json: serde_json::Value| -> String {
        let q = json["domains"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["standards"].as_array().unwrap())
            .flat_map(|s| s["questions"].as_array().unwrap())
            .find(|q| q["id"] == "2.1.1")
            .unwrap();
        format!("{:.1}%", q["percent"].as_f64().unwrap())
    };
    let before = percent(
        serde_json::from_str(&std::fs::read_to_string(root.join("old/data/report.json")).unwrap())
            .unwrap(),
    );
    let now = percent(report_json(root));
    assert_ne!(before, now);
    assert_eq!(
        texts(&doc, "section[aria-labelledby=changes-figures] tbody tr"),
        [format!(
            "2.1.1 Does the assessment analyse, in enough depth, what will help the child move away from offending? {before} {now}"
        )]
    );
    // The home page leads there.
    assert_eq!(
        crate::common::attrs(&page(root, "index.html"), ".changes-link a", "href"),
        ["changes.html"]
    );
    // A build that compares with nothing has no such page.
    let (code, _, _) = run_in(root, &["build"]);
    assert_eq!(code, 0);
    assert!(!root.join("output/changes.html").exists());
    assert!(crate::common::attrs(&page(root, "index.html"), ".changes-link a", "href").is_empty());
}

#[test]
fn a_build_compared_with_itself_says_nothing_changed() {
    let dir = crate::common::worked_example();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    // The earlier build is the output folder this build replaces.
    let (code, _, stderr) = run_in(dir.path(), &["build", "--compare", "output"]);
    assert_eq!(code, 0, "{stderr}");
    let doc = page(dir.path(), "changes.html");
    assert_eq!(
        texts(&doc, "main p:nth-of-type(2)"),
        ["Nothing has changed."]
    );
    // Only the earlier build's action plan, which is always shown beside
    // the findings now.
    assert_eq!(texts(&doc, "h2"), ["The previous review's actions"]);
}

#[test]
fn the_public_edition_compares_with_a_public_build_and_names_no_case() {
    let dir = amended_example();
    let root = dir.path();
    // A full build is not a public one.
    let (code, _, stderr) = run_in(root, &["build", "--edition", "public", "--compare", "old"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.lines().last().unwrap(),
        "error: cannot compare with `old/data/report.json`: it is a build of the full edition, and this is the public edition: compare each edition with an earlier build of the same edition"
    );
    // The earlier public edition, from the content before the changes.
    let before = crate::common::worked_example();
    let (code, _, stderr) = run_in(before.path(), &["build", "--edition", "public"]);
    assert_eq!(code, 0, "{stderr}");
    crate::common::copy_dir(
        &before.path().join("output-public"),
        &root.join("old-public"),
    );
    let (code, _, stderr) = run_in(
        root,
        &["build", "--edition", "public", "--compare", "old-public"],
    );
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(root.join("output-public/changes.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(
        texts(&doc, ".change h3"),
        ["Diverse needs are identified and followed through"]
    );
    // The full text names case C01; the public one does not, before or now.
    let main = texts(&doc, "main").join(" ");
    assert!(!main.contains("C01"), "{main}");
}

#[test]
fn an_earlier_build_that_cannot_be_compared_with_is_named_and_nothing_is_written() {
    let dir = crate::common::worked_example();
    let root = dir.path();
    let (code, _, stderr) = run_in(root, &["build", "--compare", "nowhere"]);
    assert_eq!(code, 2);
    assert!(
        stderr.ends_with("error: cannot compare with `nowhere`: there is no such folder; give the output folder of an earlier build of this report\n"),
        "{stderr}"
    );
    assert!(!root.join("output").exists());
    // A folder that is not a build; the archive publish wrote, unopened.
    std::fs::create_dir(root.join("empty")).unwrap();
    std::fs::write(root.join("report-1.0.zip"), "PK").unwrap();
    for (old, says) in [
        (
            "empty",
            "it has no `data/report.json`; give the output folder of an earlier build of this report",
        ),
        (
            "report-1.0.zip",
            "it is an archive; unpack it and give the folder it holds (`report-<version>/`)",
        ),
    ] {
        let (code, _, stderr) = run_in(root, &["build", "--compare", old]);
        assert_eq!(code, 2);
        assert!(
            stderr.ends_with(&format!("error: cannot compare with `{old}`: {says}\n")),
            "{stderr}"
        );
    }
    assert!(!root.join("output").exists());
    std::fs::create_dir_all(root.join("broken/data")).unwrap();
    std::fs::write(
        root.join("broken/data/report.json"),
        "{\n  \"report\": {\n    \"title\": 3\n  }\n}\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(root, &["build", "--compare", "broken"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error: `broken/data/report.json`:3:14: this is not the data/report.json of an Evident build: invalid type: integer `3`, expected a string"),
        "{stderr}"
    );
    assert!(!root.join("output").exists());
}

#[test]
fn each_language_is_compared_with_its_own_earlier_site() {
    let dir = crate::common::fixture("bilingual");
    let root = dir.path();
    let (code, _, stderr) = run_in(root, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    crate::common::copy_dir(&root.join("output"), &root.join("old"));
    edit(
        root,
        "content/findings/thorough.cy.md",
        "eraill.",
        "eraill bob tro.",
    );
    let (code, _, stderr) = run_in(root, &["build", "--compare", "old"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        texts(&page(root, "changes.html"), ".change h3"),
        Vec::<String>::new()
    );
    assert_eq!(
        texts(&page(root, "cy/changes.html"), ".change ins"),
        ["ychwanegwyd: eraill bob tro."]
    );
    // Every page has its counterpart: the switcher on each leads there.
    assert_eq!(
        crate::common::attrs(&page(root, "changes.html"), ".language-switcher a", "href"),
        ["cy/changes.html"]
    );
}
