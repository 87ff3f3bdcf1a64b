//! The privacy lint as an author meets it: `evident check` run from inside a
//! small project (no `--root`), warning at the file, line and column of what
//! the author wrote — an identifier split by a line wrap, written with an
//! entity or in lower case, or in a file's name — and `--strict` turning
//! those warnings into a failed check. Ordinary review prose stays clear.

use crate::common::{evident, inline, write_inline};
use std::path::Path;

/// A small valid project with one finding, one page, one focus area and one
/// case file; each test writes over the files it needs.
const PROJECT: &str = r#"
-- content/report.yaml --
title: Test review
organisation: Test service
scope: ["1"]
small_sample: 1
-- content/criteria/fw.yaml --
id: fw
title: Test framework
domains:
  - id: "1"
    title: Domain one
    standards:
      - id: "1.1"
        title: Assessment
        questions:
          - {id: "1.1.1", text: Is it good?}
-- content/cases/c.yaml --
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  answers: {"1.1.1": "yes"}
-- content/focus/theme.md --
---
title: A theme
---
Text.
-- content/pages/about.md --
---
title: About
---
Text.
-- content/findings/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
focus: [theme]
cases: [C1]
---
Body.
"#;

/// Run `evident <args>` from inside `dir`, as an author does; returns the
/// exit status and what it printed on stderr.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = evident().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The `privacy` warnings of `evident check` run inside `dir`, as
/// `file:line:column message`, and the exit status.
fn privacy_warnings(dir: &Path) -> (Vec<String>, i32) {
    let out = evident()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "privacy")
        .map(|d| {
            let at = |k: &str| match &d[k] {
                serde_json::Value::Null => "-".to_string(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!(
                "{}:{}:{} {}",
                at("file"),
                at("line"),
                at("column"),
                at("message")
            )
        })
        .collect();
    (found, out.status.code().unwrap())
}

/// `PROJECT` with `files` written over it.
fn project(files: &str) -> tempfile::TempDir {
    let dir = inline(PROJECT);
    write_inline(dir.path(), files);
    dir
}

#[test]
fn a_national_insurance_number_split_by_a_line_wrap_is_found_where_it_starts() {
    let dir = project(
        r#"
-- content/findings/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
focus: [theme]
cases: [C1]
---
The worker checked the young person's number, AB 12 34
56 C, before the first appointment.
"#,
    );
    let (found, status) = privacy_warnings(dir.path());
    assert_eq!(
        found,
        [
            "content/findings/good.md:8:47 this looks like a National Insurance number, read as `AB 12 34 56 C`"
        ]
    );
    assert_eq!(status, 0, "a warning alone does not fail a check");
    // The text report shows the line the number starts on, and --strict
    // makes the warning fail the check.
    let (status, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("content/findings/good.md:8:47"), "{stderr}");
    assert!(stderr.contains("number, AB 12 34"), "{stderr}");
    let (status, stderr) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(status, 1, "{stderr}");
}

#[test]
fn an_e_mail_address_written_with_an_entity_is_found() {
    let dir = project(
        r#"
-- content/pages/about.md --
---
title: About
---
Questions about the method went to j.smith&#64;example.org at the time.
"#,
    );
    let (found, _) = privacy_warnings(dir.path());
    assert_eq!(
        found,
        [
            "content/pages/about.md:4:36 this looks like an e-mail address, read as `j.smith@example.org`"
        ]
    );
    let (status, _) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(status, 1);
}

#[test]
fn a_file_named_like_an_identifier_is_warned_about_at_the_file() {
    let dir = project(
        r#"
-- content/findings/ab-12-34-56-c.md --
---
title: A finding named after a person's number
kind: strength
criteria: ["1.1"]
---
Nothing personal in the text.
"#,
    );
    let (found, status) = privacy_warnings(dir.path());
    assert_eq!(
        found,
        [
            "content/findings/ab-12-34-56-c.md:-:- the file name looks like a National Insurance number"
        ]
    );
    assert_eq!(status, 0);
    let (_, stderr) = run_in(dir.path(), &["check"]);
    assert!(stderr.contains("rename the file"), "{stderr}");
    let (status, _) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(status, 1);
}

#[test]
fn a_case_note_with_a_postcode_in_lower_case_is_found() {
    let dir = project(
        r#"
-- content/cases/c.yaml --
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  answers: {"1.1.1": "yes"}
  notes: >
    The family moved to sw1a 1aa during the order, and the
    plan was not updated.
"#,
    );
    let (found, _) = privacy_warnings(dir.path());
    assert_eq!(
        found,
        ["content/cases/c.yaml:7:25 this looks like a full UK postcode"]
    );
    let (status, _) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(status, 1);
}

#[test]
fn emphasis_inside_a_number_and_a_wrapped_date_of_birth_are_found() {
    let dir = project(
        r#"
-- content/focus/theme.md --
---
title: A theme
---
One record gave the number as 943 *476* 5919, another gave a date of
birth, b. 01/02/2009, for the same child.
"#,
    );
    let (found, _) = privacy_warnings(dir.path());
    assert_eq!(
        found,
        [
            "content/focus/theme.md:4:31 this looks like an NHS number, read as `943 476 5919`",
            "content/focus/theme.md:5:11 this looks like a date of birth",
        ]
    );
}

#[test]
fn ordinary_review_prose_has_no_privacy_warning() {
    let dir = project(
        r#"
-- content/findings/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
focus: [theme]
cases: [C1]
---
Staff used the guidance (ISBN 978-0-14-103614-4, and the older edition
0-14-103614-X) and gave families the helpline number, 0808 800 5000, or
0300 123 4567 for the council. A born-again approach to planning took
effect in 2009; at 10.30am on 2nd May 2024 standard 2.1.3 was met in 14
of 18 cases (78%) in case C04, costing £1,250.50 over 2023/24.
-- content/cases/c.yaml --
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  answers: {"1.1.1": "yes"}
  notes: Born in 2009, seen at the 2nd and 3rd reviews; plan p4 2nd section.
"#,
    );
    let (found, status) = privacy_warnings(dir.path());
    assert_eq!(found, Vec::<String>::new());
    assert_eq!(status, 0);
    let (status, stderr) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(status, 0, "{stderr}");
}

#[test]
fn allow_accepts_a_match_as_written_or_as_read() {
    let dir = project(
        r#"
-- content/report.yaml --
title: Test review
organisation: Test service
scope: ["1"]
small_sample: 1
privacy:
  allow: ["yot@example.gov.uk", "ab-12-34-56-c"]
-- content/pages/about.md --
---
title: About
---
The service's public address is yot&#64;example.gov.uk.
-- content/findings/ab-12-34-56-c.md --
---
title: A finding
kind: strength
criteria: ["1.1"]
---
Text.
"#,
    );
    let (found, _) = privacy_warnings(dir.path());
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn the_worked_example_and_the_fixtures_have_no_privacy_warning() {
    let root = crate::common::repo_root();
    let example = crate::common::worked_example();
    let other = crate::common::fixture("other-framework");
    let edge = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&root.join("browser-tests/fixtures/edge-cases"), edge.path());
    for dir in [example.path(), other.path(), edge.path()] {
        let (found, _) = privacy_warnings(dir);
        assert_eq!(found, Vec::<String>::new(), "{}", dir.display());
    }
}
