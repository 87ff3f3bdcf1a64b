//! The sanitiser reports what it removed: whatever sanitising takes out of
//! a raw HTML block, or out of a paragraph holding inline HTML (an element,
//! an attribute, an address with a refused scheme), is one
//! `sanitised-html` warning at the place the raw HTML starts, naming what
//! went. What Evident rewrites on purpose (ids made unique, its own markup)
//! is not a removal, and safe raw HTML says nothing.

use crate::common::{copy_dir, evident, repo_root, run_in, worked_example, write_inline};
use evident::content::{Memos, markdown};
use evident::pipeline::{self, Options};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::Value;
use std::path::Path;

/// A finding of the worked example whose body is `body`: the front matter
/// takes five lines, so the body starts on line 6.
fn finding(name: &str, body: &str) -> String {
    format!(
        "-- content/findings/{name}.md --\n---\ntitle: {name}\nkind: strength\ncriteria: [\"2.1\"]\n---\n{body}"
    )
}

/// A diagnostic as `check --format json` gives it.
#[derive(Debug)]
struct Reported {
    severity: String,
    code: String,
    message: String,
    file: String,
    line: u64,
    column: u64,
}

/// `check --format json`, run from inside the project: the exit status and
/// every diagnostic.
fn check_json(dir: &Path, extra: &[&str]) -> (i32, Vec<Reported>) {
    let out = evident()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    let text = |d: &Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    let list = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Reported {
            severity: text(d, "severity"),
            code: text(d, "code"),
            message: text(d, "message"),
            file: text(d, "file"),
            line: d["line"].as_u64().unwrap_or(0),
            column: d["column"].as_u64().unwrap_or(0),
        })
        .collect();
    (out.status.code().unwrap_or(-1), list)
}

/// The `sanitised-html` diagnostics of `check` on the worked example with
/// `spec` written in.
fn sanitised(spec: &str) -> Vec<Reported> {
    let dir = worked_example();
    write_inline(dir.path(), spec);
    let (_, all) = check_json(dir.path(), &[]);
    all.into_iter()
        .filter(|d| d.code == "sanitised-html")
        .collect()
}

#[test]
fn a_script_block_is_one_warning_at_its_line() {
    let found = sanitised(&finding(
        "scripted",
        "Some text first.\n\n<script>\nalert(document.cookie)\n</script>\n\nMore text.\n",
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d.severity, "warning");
    assert_eq!(d.file, "content/findings/scripted.md");
    assert_eq!((d.line, d.column), (8, 1), "{d:?}");
    assert!(d.message.contains("element `script`"), "{}", d.message);
    // Its body went with it, as part of the one removal.
    assert!(d.message.contains("with its content"), "{}", d.message);
    assert!(!d.message.contains("alert"), "{}", d.message);
}

#[test]
fn an_onclick_attribute_is_named_with_its_element() {
    let found = sanitised(&finding(
        "clicky",
        "<p onclick=\"steal()\">Press here.</p>\n",
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].line, found[0].column), (6, 1));
    assert!(
        found[0].message.contains("attribute `onclick` on `p`"),
        "{}",
        found[0].message
    );
    // The element stayed: it is not named as removed.
    assert!(!found[0].message.contains("element `p`"));
}

#[test]
fn a_javascript_link_in_a_paragraph_is_reported_where_its_inline_html_starts() {
    let found = sanitised(&finding(
        "linked",
        "A first paragraph.\n\nThe team read <a href=\"javascript:alert(1)\">the plan</a> twice.\n",
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    // Line 8 is the paragraph's; `<a` is its 15th character.
    assert_eq!((found[0].line, found[0].column), (8, 15), "{:?}", found[0]);
    assert!(
        found[0].message.contains("a `javascript:` link"),
        "{}",
        found[0].message
    );
}

#[test]
fn two_removals_in_one_block_are_one_warning_naming_both() {
    let found = sanitised(&finding(
        "both",
        "<div onmouseover=\"x()\">\n<script>y()</script>\nKept words.\n</div>\n",
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    let message = &found[0].message;
    assert!(
        message.contains("attribute `onmouseover` on `div`"),
        "{message}"
    );
    assert!(message.contains("element `script`"), "{message}");
    assert_eq!(found[0].line, 6);
}

#[test]
fn a_wrapper_removed_around_kept_text_says_the_text_stayed() {
    let found = sanitised(&finding(
        "wrapped",
        "<form action=\"/send\">\n<p>Words a reader still sees.</p>\n</form>\n",
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    let message = &found[0].message;
    assert!(message.contains("element `form`"), "{message}");
    assert!(message.contains("its content kept"), "{message}");
    // The form's attribute went with the form: not a removal of its own.
    assert!(!message.contains("attribute `action`"), "{message}");
}

#[test]
fn a_fragment_full_of_entities_is_compared_as_it_was_written() {
    // Past 64 `&`, a fragment is written again before the sanitiser reads
    // it (its long texts broken up): a table there is still the author's
    // table, and a script is still a removal.
    let amps = "&amp; ".repeat(80);
    let found = sanitised(&finding(
        "entities",
        &format!(
            "<table><tr><td>{amps}</td></tr></table>\n\n<div>{amps}<script>x()</script></div>\n"
        ),
    ));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].line, 8);
    assert!(
        found[0]
            .message
            .contains("element `script` with its content"),
        "{}",
        found[0].message
    );
}

#[test]
fn safe_raw_html_is_not_reported() {
    let found = sanitised(&finding(
        "safe",
        "Press <kbd>Ctrl</kbd> and <abbr title=\"Youth Offending Team\">YOT</abbr>.\n\n<details>\n<summary>The method</summary>\n\nCases were read in full.\n\n</details>\n\n<p class=\"note\" title=\"x\">A <em>plain</em> <a href=\"https://example.org/\">link</a>.</p>\n",
    ));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn ids_tables_and_footnotes_evident_rewrites_are_not_removals() {
    // `main` is the theme's id: Evident renames it, and the link follows.
    // Two headings alike get distinct ids; the tables get their scrolling
    // box; the footnote gets Evident's markup. None of it is a removal.
    let found = sanitised(&finding(
        "rewritten",
        "## Detail\n\n## Detail\n\n<div id=\"main\">Moved.</div>\n\nSee <a href=\"#main\">the box</a> and a note[^n].\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n<table><tr><td>raw</td></tr></table>\n\n[^n]: The note.\n",
    ));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn strict_makes_the_warning_fail_check_and_build() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        &finding("strict", "<iframe src=\"https://example.org/\"></iframe>\n"),
    );
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "a warning alone passes: {stderr}");
    assert!(stderr.contains("warning[sanitised-html]"), "{stderr}");
    assert!(
        stderr.contains("content/findings/strict.md:6:1"),
        "{stderr}"
    );
    let (code, _, stderr) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, _, stderr) = run_in(dir.path(), &["build", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!dir.path().join("output").exists(), "nothing was written");
}

#[test]
fn check_json_carries_the_code() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        &finding("styled", "Plain.\n\n<p style=\"color: red\">Red.</p>\n"),
    );
    let (code, all) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
    let d = all
        .iter()
        .find(|d| d.code == "sanitised-html")
        .unwrap_or_else(|| panic!("no sanitised-html in {all:?}"));
    assert_eq!(d.severity, "warning");
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        ("content/findings/styled.md", 8, 1)
    );
    assert!(
        d.message.contains("attribute `style` on `p`"),
        "{}",
        d.message
    );
}

#[test]
fn markdown_in_yaml_is_reported_at_its_value() {
    let dir = worked_example();
    let cases = dir.path().join("content/cases/court-orders.yaml");
    let text = std::fs::read_to_string(&cases).unwrap();
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("notes: "))
        .expect("the fixture has case notes")
        + 1;
    std::fs::write(
        &cases,
        text.replacen("notes: ", "notes: \"<img src=x onerror=alert(1)>\" # ", 1),
    )
    .unwrap();
    let (_, all) = check_json(dir.path(), &[]);
    let found: Vec<&Reported> = all.iter().filter(|d| d.code == "sanitised-html").collect();
    assert_eq!(found.len(), 1, "{all:?}");
    assert_eq!(found[0].file, "content/cases/court-orders.yaml");
    assert_eq!(found[0].line as usize, line);
    assert!(
        found[0].message.contains("attribute `onerror` on `img`"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_rebuild_that_reuses_the_parse_still_warns() {
    // The preview keeps each file's parse between rebuilds; the warning
    // must come again from the kept body, not only from a fresh parse.
    let dir = worked_example();
    write_inline(
        dir.path(),
        &finding("kept", "<p onclick=\"x()\">Kept.</p>\n"),
    );
    let memos = Memos::on();
    for run in 0..2 {
        let checked =
            pipeline::check_reusing(dir.path(), Options::default(), None, &memos).unwrap();
        let found = checked
            .diagnostics
            .iter()
            .filter(|d| d.code == "sanitised-html")
            .count();
        assert_eq!(found, 1, "run {run}");
    }
    assert!(
        !format!("{memos:?}").contains("parsed: 0"),
        "the memo kept the parses: {memos:?}"
    );
}

/// Where each raw HTML construct of the hostile corpus stands, and what the
/// warning there names; `&[]` where nothing is removed (no warning).
const CORPUS: &[(&str, usize, &[&str])] = &[
    ("pages/approach.md", 29, &["attribute `onerror` on `img`"]),
    (
        "pages/approach.md",
        33,
        &["element `script` with its content"],
    ),
    ("pages/approach.md", 35, &["element `iframe`"]),
    (
        "pages/approach.md",
        37,
        &["element `object`", "element `embed`"],
    ),
    ("pages/approach.md", 39, &["element `meta`"]),
    ("pages/approach.md", 41, &["element `base`"]),
    (
        "pages/approach.md",
        43,
        &["element `form` (its content kept)", "element `button`"],
    ),
    ("pages/approach.md", 45, &["a `javascript:` link"]),
    ("pages/approach.md", 47, &["element `svg` with its content"]),
    (
        "pages/approach.md",
        49,
        &["element `math` with its content"],
    ),
    (
        "pages/approach.md",
        51,
        &["element `form` with its content"],
    ),
    (
        "pages/approach.md",
        53,
        &["element `style` with its content"],
    ),
    (
        "pages/approach.md",
        55,
        &["element `xmp` (its content kept)"],
    ),
    (
        "pages/approach.md",
        57,
        &["element `textarea` (its content kept)"],
    ),
    (
        "pages/approach.md",
        59,
        &["element `template` with its content"],
    ),
    ("pages/approach.md", 61, &["attribute `style` on `p`"]),
    ("pages/approach.md", 63, &[]),
    ("pages/approach.md", 65, &[]),
    ("pages/approach.md", 67, &[]),
    ("pages/approach.md", 69, &[]),
    (
        "focus/exploitation.md",
        6,
        &[
            "attribute `autofocus` on `input`",
            "attribute `onfocus` on `input`",
        ],
    ),
    (
        "focus/exploitation.md",
        8,
        &[
            "element `noscript` (its content kept)",
            "attribute `onerror` on `img`",
        ],
    ),
    (
        "standards/H2.md",
        4,
        &[
            "attribute `open` on `details`",
            "attribute `ontoggle` on `details`",
        ],
    ),
    ("findings/attack.md", 8, &[]),
    ("findings/attack.md", 10, &[]),
    (
        "findings/attack.md",
        14,
        &["attribute `onmouseover` on `div`"],
    ),
    // Markdown held in YAML: at the value.
    (
        "cases/cases.yaml",
        10,
        &[
            "attribute `onerror` on `img`",
            "element `math` with its content",
        ],
    ),
    (
        "criteria/hostile.yaml",
        9,
        &["attribute `onerror` on `img`", "a `javascript:` link"],
    ),
    ("criteria/hostile.yaml", 14, &["a `javascript:` link"]),
];

#[test]
fn every_removal_in_the_hostile_corpus_is_one_warning_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo_root().join("browser-tests/fixtures/hostile"),
        dir.path(),
    );
    let content = dir.path().join("content");
    // Walk the corpus: every HTML block of a Markdown body, and every
    // paragraph (heading, cell, item) holding inline HTML, read as Evident
    // reads it, is listed above by the line its raw HTML starts on, so a
    // construct added to the corpus is not missed.
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let body = 4 + text[4..].find("\n---\n").unwrap() + 5;
        let line_of = |at: usize| text[..body + at].matches('\n').count() + 1;
        let mut starts = Vec::new();
        let mut inline_seen = false;
        let parser = Parser::new_ext(&text[body..], markdown::OPTIONS).into_offset_iter();
        for (event, range) in parser {
            match event {
                Event::Start(Tag::HtmlBlock) => starts.push(line_of(range.start)),
                Event::InlineHtml(_) if !inline_seen => {
                    inline_seen = true;
                    starts.push(line_of(range.start));
                }
                // A new run of inline content starts with each block.
                Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell | Tag::Item)
                | Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item,
                ) => inline_seen = false,
                _ => {}
            }
        }
        for line in starts {
            assert!(
                CORPUS.iter().any(|(f, l, _)| *f == rel && *l == line),
                "{rel}:{line} holds raw HTML the table does not list"
            );
        }
    }
    let (_, all) = check_json(dir.path(), &[]);
    let found: Vec<&Reported> = all.iter().filter(|d| d.code == "sanitised-html").collect();
    for (file, line, names) in CORPUS {
        let path = format!("content/{file}");
        let here: Vec<&&Reported> = found
            .iter()
            .filter(|d| d.file == path && d.line as usize == *line)
            .collect();
        if names.is_empty() {
            assert!(here.is_empty(), "{path}:{line} warned: {here:?}");
            continue;
        }
        assert_eq!(here.len(), 1, "{path}:{line}: {here:?}");
        for name in *names {
            assert!(
                here[0].message.contains(name),
                "{path}:{line} does not name {name}: {}",
                here[0].message
            );
        }
    }
    // And nothing else warns.
    let listed = CORPUS.iter().filter(|(_, _, n)| !n.is_empty()).count();
    assert_eq!(found.len(), listed, "{found:#?}");
}
