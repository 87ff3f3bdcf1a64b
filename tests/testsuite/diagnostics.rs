//! Every diagnostic Evident reports, each from a small inline project, with
//! the file, line and column it names. Bad input never panics, is reported
//! with where it is and what would be accepted, and exits with status 1.

use crate::common::{evident, inline, write_inline};
use serde_json::Value;
use std::path::Path;

/// A small valid project: domain 1 (in scope) with a case-assessed standard
/// of two questions and a judgement standard; domain 2 out of scope.
const BASE: &str = r#"
-- content/report.yaml --
title: Test review
organisation: Test service
scope: ["1"]
# One case: not a sample these tests are about.
small_sample: 1
-- content/criteria/fw.yaml --
id: fw
title: Test framework
dimensions:
  - {id: d1, title: First}
domains:
  - id: "1"
    title: Domain one
    standards:
      - id: "1.1"
        title: Assessment
        questions:
          - {id: "1.1.1", dimension: d1, text: Is it good?}
          - {id: "1.1.2", text: Is it safe?}
      - id: "1.2"
        title: Leadership
        assessed_by: judgement
  - id: "2"
    title: Domain two
    standards:
      - id: "2.1"
        title: Other
        questions:
          - {id: "2.1.1", text: Other question?}
-- content/cases/c.yaml --
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  answers: {"1.1.1": "yes", "1.1.2": "no"}
-- content/focus/theme.md --
---
title: A theme
---
Text.
-- content/pages/about.md --
---
title: About
---
## Method

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

/// Check a project made of BASE plus `extra` (files given again replace
/// BASE's) and return the JSON diagnostics and the exit status.
fn check_json(extra: &str) -> (Value, i32) {
    let dir = inline(BASE);
    write_inline(dir.path(), extra);
    check_dir(dir.path())
}

fn check_dir(dir: &Path) -> (Value, i32) {
    let out = evident()
        .args(["check", "--format", "json", "--root"])
        .arg(dir)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (json, out.status.code().unwrap())
}

/// Chosen fields of every diagnostic, joined by `|` (`"broken-anchor|5"`).
fn pick(json: &Value, keys: &[&str]) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            keys.iter()
                .map(|k| match &d[*k] {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

/// Assert that exactly the diagnostic `code` is reported at file:line:column
/// (line/column `None` when the diagnostic is about the whole file), with
/// a message containing `message` and help containing `help`.
fn expect(
    extra: &str,
    code: &str,
    at: (&str, Option<u64>, Option<u64>),
    message: &str,
    help: &str,
) {
    let (json, status) = check_json(extra);
    let list = json["diagnostics"].as_array().unwrap();
    let found = list.iter().find(|d| d["code"] == code).unwrap_or_else(|| {
        panic!(
            "no `{code}` diagnostic; got {}",
            serde_json::to_string_pretty(&json).unwrap()
        )
    });
    assert_eq!(found["file"], at.0, "{found}");
    assert_eq!(found["line"].as_u64(), at.1, "{found}");
    assert_eq!(found["column"].as_u64(), at.2, "{found}");
    assert!(
        found["message"].as_str().unwrap().contains(message),
        "{found}"
    );
    assert!(
        found["help"].as_str().unwrap_or("").contains(help),
        "{found}"
    );
    let any_error = list.iter().any(|d| d["severity"] == "error");
    let expected_status = if any_error { 1 } else { 0 };
    assert_eq!(status, expected_status, "{json}");
}

#[test]
fn the_base_project_is_clean() {
    let (json, status) = check_json("");
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    assert_eq!(status, 0);
}

#[test]
fn unknown_key_in_front_matter_names_the_file_line_and_suggests() {
    expect(
        "-- content/findings/good.md --\n---\ntitle: Good work\nknid: strength\n---\nBody.\n",
        "unknown-key",
        ("content/findings/good.md", Some(3), Some(1)),
        "`knid`",
        "did you mean `kind`?",
    );
}

#[test]
fn an_id_named_twice_in_a_findings_list_is_warned_at_the_second() {
    let (json, status) = check_json(
        "-- content/findings/good.md --\n---\ntitle: Good work\nkind: strength\ncriteria: [\"1.1\", \"1.1\"]\nfocus: [theme]\ncases:\n  - C1\n  - C1\n---\nBody.\n",
    );
    assert_eq!(status, 0, "a warning: {json}");
    assert_eq!(
        pick(&json, &["code", "line", "column", "message", "help"]),
        [
            "repeated-id|4|19|`1.1` is named twice in `criteria`|remove this one: `1.1` is named already (line 4), and each is listed once",
            "repeated-id|8|5|`C1` is named twice in `cases`|remove this one: `C1` is named already (line 7), and each is listed once",
        ]
    );
}

#[test]
fn unknown_key_in_report_yaml() {
    expect(
        "-- content/report.yaml --\ntitle: T\norganisation: O\nclasification: OFFICIAL\n",
        "unknown-key",
        ("content/report.yaml", Some(3), Some(1)),
        "`clasification`",
        "did you mean `classification`?",
    );
}

#[test]
fn unknown_key_in_a_case_of_a_list() {
    expect(
        "-- content/cases/c.yaml --\n- id: C1\n  domain: \"1\"\n  disposal: Order\n  audit: file-read\n  answer: {}\n",
        "unknown-key",
        ("content/cases/c.yaml", Some(5), Some(3)),
        "`answer`",
        "did you mean `answers`?",
    );
}

#[test]
fn every_unknown_key_in_a_file_is_reported() {
    let (json, _) = check_json(
        "-- content/report.yaml --\ntitle: T\norganisaton: O\nclasification: OFFICIAL\nscope: [\"1\"]\nshow_rating: true\n",
    );
    assert_eq!(
        pick(&json, &["message", "line"]),
        [
            "unknown key `organisaton`|2",
            "unknown key `clasification`|3",
            "unknown key `show_rating`|5"
        ],
        "{json}"
    );
}

#[test]
fn missing_required_key() {
    expect(
        "-- content/findings/good.md --\n---\nkind: strength\n---\nBody.\n",
        "missing-key",
        ("content/findings/good.md", Some(2), Some(1)),
        "`title`",
        "add `title: …`",
    );
}

#[test]
fn unknown_enum_value_lists_what_is_accepted() {
    expect(
        "-- content/cases/c.yaml --\nid: C1\ndomain: \"1\"\ndisposal: Order\naudit: file-reed\nanswers: {\"1.1.1\": \"yes\", \"1.1.2\": \"no\"}\n",
        "unknown-value",
        ("content/cases/c.yaml", Some(4), Some(8)),
        "`file-reed`",
        "did you mean `file-read`?",
    );
}

#[test]
fn duplicate_yaml_key() {
    expect(
        "-- content/report.yaml --\ntitle: T\norganisation: O\ntitle: Again\n",
        "duplicate-key",
        ("content/report.yaml", Some(3), Some(1)),
        "title",
        "each key may appear once",
    );
}

#[test]
fn malformed_yaml() {
    let (json, status) =
        check_json("-- content/report.yaml --\ntitle: [unclosed\norganisation: O\n");
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "yaml", "{json}");
    assert_eq!(d["file"], "content/report.yaml");
    assert!(d["line"].as_u64().is_some());
    assert_eq!(status, 1);
}

#[test]
fn bad_date() {
    expect(
        "-- content/report.yaml --\ntitle: T\norganisation: O\npublished: 2020-02-30\n",
        "yaml",
        ("content/report.yaml", Some(3), Some(12)),
        "the date `2020-02-30` does not exist: February 2020 has 29 days",
        "",
    );
}

#[test]
fn unclosed_front_matter() {
    expect(
        "-- content/pages/about.md --\n---\ntitle: About\n",
        "unclosed-front-matter",
        ("content/pages/about.md", Some(1), Some(1)),
        "never closed",
        "add a line `---`",
    );
}

#[test]
fn missing_front_matter() {
    expect(
        "-- content/focus/theme.md --\nJust text.\n",
        "missing-front-matter",
        ("content/focus/theme.md", Some(1), Some(1)),
        "no front matter",
        "title:",
    );
}

#[test]
fn empty_case_file() {
    expect(
        "-- content/cases/empty.yaml --\n\n",
        "empty-file",
        ("content/cases/empty.yaml", Some(1), Some(1)),
        "empty",
        "id:",
    );
}

#[test]
fn not_utf8() {
    let dir = inline(BASE);
    std::fs::write(
        dir.path().join("content/pages/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    let (json, status) = check_dir(dir.path());
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "not-utf8")
        .unwrap()
        .clone();
    assert_eq!(d["file"], "content/pages/latin1.md");
    // At the first byte that is not UTF-8 (`messages` shows the whole
    // message).
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(11))
    );
    assert!(d["help"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(status, 1);
}

#[test]
fn missing_report_and_framework() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let (json, status) = check_dir(dir.path());
    let codes = pick(&json, &["code"]);
    assert_eq!(codes, ["missing-report", "missing-framework"]);
    assert_eq!(status, 1);
}

#[test]
fn a_broken_report_does_not_hide_the_other_problems() {
    let (json, status) = check_json(
        "-- content/report.yaml --\ntitle: T\norganisaton: O\n-- content/findings/good.md --\n---\ntitle: Good work\nkind: strength\ncases: [C9]\n---\nBody [x](std:9.9).\n",
    );
    let codes = pick(&json, &["code"]);
    assert_eq!(
        codes,
        ["unknown-case", "broken-link", "unknown-key"],
        "{json}"
    );
    assert_eq!(status, 1);
    // Nor does a missing one; and nothing is built.
    let dir = inline(BASE);
    std::fs::remove_file(dir.path().join("content/report.yaml")).unwrap();
    write_inline(
        dir.path(),
        "-- content/findings/good.md --\n---\ntitle: Good work\nkind: custom-kind\ncases: [C9]\n---\nBody.\n",
    );
    let (json, status) = check_dir(dir.path());
    let codes = pick(&json, &["code"]);
    assert_eq!(
        codes,
        ["missing-report", "unknown-case"],
        "kinds are not judged without report.yaml: {json}"
    );
    assert_eq!(status, 1);
    let out = evident()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("output").exists());
}

#[test]
fn second_report_is_a_warning() {
    expect(
        "-- content/report.yml --\ntitle: Other\norganisation: O\n",
        "second-report",
        ("content/report.yml", Some(1), Some(1)),
        "ignored",
        "keep one",
    );
}

#[test]
fn second_framework() {
    expect(
        "-- content/criteria/zz.yaml --\nid: other\ntitle: Other\ndomains: []\n",
        "second-framework",
        ("content/criteria/zz.yaml", Some(1), Some(1)),
        "exactly one criteria framework",
        "keep one file",
    );
}

#[test]
fn stray_file_is_a_warning() {
    expect(
        "-- content/finding/lost.md --\n---\ntitle: Lost\n---\n",
        "stray-file",
        ("content/finding/lost.md", Some(1), Some(1)),
        "ignored",
        "findings go in content/findings/",
    );
}

#[test]
fn duplicate_framework_id() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace("{id: \"1.1.2\", text", "{id: \"1.1.1\", text");
    expect(
        &format!("-- content/criteria/fw.yaml --\n{fw}"),
        "duplicate-id",
        ("content/criteria/fw.yaml", Some(13), Some(18)),
        "`1.1.1` is already used by a key question",
        "unique across the whole framework",
    );
}

#[test]
fn duplicate_answer_id() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace(
        "domains:\n",
        "answers:\n  - {id: \"yes\", counts: met}\n  - {id: \"yes\", counts: not-met}\ndomains:\n",
    );
    expect(
        &format!("-- content/criteria/fw.yaml --\n{fw}"),
        "duplicate-id",
        ("content/criteria/fw.yaml", Some(7), Some(10)),
        "answer `yes` is listed twice",
        "",
    );
}

#[test]
fn unknown_dimension() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace("dimension: d1", "dimension: d2");
    expect(
        &format!("-- content/criteria/fw.yaml --\n{fw}"),
        "unknown-dimension",
        ("content/criteria/fw.yaml", Some(12), Some(38)),
        "`d2`",
        "known dimensions: `d1`",
    );
}

#[test]
fn case_standard_without_questions_is_a_warning() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace("        assessed_by: judgement\n", "");
    expect(
        &format!("-- content/criteria/fw.yaml --\n{fw}"),
        "no-questions",
        ("content/criteria/fw.yaml", Some(14), Some(13)),
        "`1.2`",
        "assessed_by: judgement",
    );
}

#[test]
fn rating_levels_must_be_best_first() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace(
        "domains:\n",
        "ratings:\n  levels:\n    - {label: Low, min: 0}\n    - {label: High, min: 80}\ndomains:\n",
    );
    expect(
        &format!("-- content/criteria/fw.yaml --\n{fw}"),
        "levels-order",
        ("content/criteria/fw.yaml", Some(8), Some(26)),
        "level `High` (min 80) comes after `Low` (min 0)",
        "reorder",
    );
}

#[test]
fn scope_names_unknown_domain() {
    expect(
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\", \"3\"]\n",
        "unknown-domain",
        ("content/report.yaml", Some(3), Some(14)),
        "`3`",
        "known domains: `1`, `2`",
    );
}

#[test]
fn duplicate_finding_kind() {
    expect(
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\nfinding_kinds:\n  - {id: strength, label: Strengths}\n  - {id: strength, label: Good}\n",
        "duplicate-id",
        ("content/report.yaml", Some(6), Some(10)),
        "`strength` is listed twice",
        "its own id",
    );
}

#[test]
fn empty_finding_kinds() {
    expect(
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\nfinding_kinds: []\n",
        "no-kinds",
        ("content/report.yaml", Some(1), Some(1)),
        "empty",
        "defaults",
    );
}

#[test]
fn finding_references_are_checked() {
    let finding = "-- content/findings/good.md --\n---\ntitle: Good work\nkind: strenght\ncriteria: [\"1.3\"]\nfocus: [thme]\ncases: [C2]\n---\nBody.\n";
    expect(
        finding,
        "unknown-kind",
        ("content/findings/good.md", Some(3), Some(7)),
        "`strenght`",
        "did you mean `strength`?",
    );
    expect(
        finding,
        "unknown-criterion",
        ("content/findings/good.md", Some(4), Some(12)),
        "`1.3`",
        "did you mean `1.1`?",
    );
    expect(
        finding,
        "unknown-focus",
        ("content/findings/good.md", Some(5), Some(9)),
        "`thme`",
        "did you mean `theme`?",
    );
    expect(
        finding,
        "unknown-case",
        ("content/findings/good.md", Some(6), Some(9)),
        "`C2`",
        "did you mean `C1`?",
    );
}

#[test]
fn finding_naming_an_out_of_scope_standard() {
    expect(
        "-- content/findings/good.md --\n---\ntitle: Good work\nkind: strength\ncriteria: [\"1.1\", \"2.1\"]\n---\nBody.\n",
        "out-of-scope",
        ("content/findings/good.md", Some(4), Some(19)),
        "domain 2",
        "scope",
    );
}

#[test]
fn order_must_be_a_number() {
    expect(
        "-- content/findings/good.md --\n---\ntitle: Good work\nkind: strength\norder: .nan\n---\nBody.\n",
        "bad-order",
        ("content/findings/good.md", Some(4), Some(8)),
        "`order` must be a number",
        "order: 10",
    );
}

#[test]
fn unquoted_yes_and_no_are_answers() {
    let (json, status) = check_json(
        "-- content/cases/c.yaml --\nid: C1\ndomain: \"1\"\ndisposal: Order\naudit: file-read\nanswers: {\"1.1.1\": yes, \"1.1.2\": no}\n",
    );
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    assert_eq!(status, 0);
}

#[test]
fn friendly_messages_for_wrong_shapes() {
    expect(
        "-- content/findings/good.md --\n---\ntitle: Good work\nkind: strength\ncriteria: 1.1\n---\nBody.\n",
        "yaml",
        ("content/findings/good.md", Some(4), Some(11)),
        "`criteria` takes a list",
        "`criteria: [\"1.1\"]`",
    );
    expect(
        "-- content/cases/c.yaml --\nid: C1\ndomain: \"1\"\ndisposal: Order\naudit: file-read\nattributes: {band: null}\nanswers: {\"1.1.1\": yes, \"1.1.2\": no}\n",
        "yaml",
        ("content/cases/c.yaml", Some(5), Some(20)),
        "a value is missing here",
        "quote it",
    );
    expect(
        "-- content/findings/good.md --\n---\n---\nBody.\n",
        "missing-key",
        ("content/findings/good.md", Some(2), Some(1)),
        "`title`",
        "add `title: …`",
    );
}

#[test]
fn ids_that_would_share_a_path_are_refused() {
    let cases = "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\ncase_pages: true\n-- content/cases/c.yaml --\n- {id: \"C.1\", domain: \"1\", disposal: O, audit: file-read, answers: {\"1.1.1\": yes, \"1.1.2\": no}}\n- {id: \"C-1\", domain: \"1\", disposal: O, audit: file-read, answers: {\"1.1.1\": yes, \"1.1.2\": no}}\n- {id: index, domain: \"1\", disposal: O, audit: file-read, answers: {\"1.1.1\": yes, \"1.1.2\": no}}\n- {id: \"\", domain: \"1\", disposal: O, audit: file-read, answers: {\"1.1.1\": yes, \"1.1.2\": no}}\n";
    expect(
        cases,
        "path-clash",
        ("content/cases/c.yaml", Some(2), Some(8)),
        "`C.1` and `C-1` would both be published as `C-1`",
        "letters, digits",
    );
    let (json, _) = check_json(cases);
    let list = json["diagnostics"].as_array().unwrap();
    assert!(
        list.iter().any(|d| d["code"] == "path-clash"
            && d["line"] == 3
            && d["message"].as_str().unwrap().contains("`index`")),
        "{json}"
    );
    assert!(
        list.iter()
            .any(|d| d["code"] == "empty-id" && d["line"] == 4),
        "{json}"
    );
}

#[test]
fn standard_ids_that_would_share_a_page_are_refused() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace("      - id: \"1.2\"\n", "      - id: \"1-1\"\n");
    expect(
        &format!("-- content/criteria/fw.yaml --\n{fw}"),
        "path-clash",
        ("content/criteria/fw.yaml", Some(14), Some(13)),
        "`1.1` and `1-1`",
        "",
    );
}

#[test]
fn file_names_must_be_usable_in_addresses() {
    expect(
        "-- content/focus/gangs & knives.md --\n---\ntitle: Gangs\n---\nText.\n",
        "bad-file-name",
        ("content/focus/gangs & knives.md", Some(1), Some(1)),
        "`gangs & knives`",
        "e.g. `gangs-knives`",
    );
}

#[test]
fn duplicate_finding_slugs() {
    expect(
        "-- content/findings/sub/good.md --\n---\ntitle: Again\nkind: strength\n---\nBody.\n",
        "duplicate-slug",
        ("content/findings/sub/good.md", Some(1), Some(1)),
        "`good`: `content/findings/good.md`",
        "rename",
    );
}

#[test]
fn case_audit_rules() {
    let cases = r#"-- content/cases/c.yaml --
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  answers: {"1.1.1": "yes", "1.1.2": "no"}
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  focus: [them]
  answers:
    "1.1.1": "maybe"
    "1.1.9": "yes"
    "2.1.1": "yes"
- id: C3
  domain: "4"
  disposal: Order
  audit: file-read
- id: C4
  domain: "2"
  disposal: Order
  audit: file-read
"#;
    expect(
        cases,
        "duplicate-case",
        ("content/cases/c.yaml", Some(6), Some(7)),
        "case id `C1` is used twice: first in `content/cases/c.yaml`, line 1",
        "pseudonymous",
    );
    expect(
        cases,
        "unknown-focus",
        ("content/cases/c.yaml", Some(10), Some(11)),
        "`them`",
        "did you mean `theme`?",
    );
    expect(
        cases,
        "unknown-answer",
        ("content/cases/c.yaml", Some(12), Some(14)),
        "`maybe`",
        "known answers: `yes`, `no`, `n/a`",
    );
    expect(
        cases,
        "unknown-question",
        ("content/cases/c.yaml", Some(13), Some(5)),
        "`1.1.9`",
        "did you mean `1.1.1`?",
    );
    expect(
        cases,
        "wrong-domain",
        ("content/cases/c.yaml", Some(14), Some(5)),
        "belongs to domain 2",
        "domain 1",
    );
    expect(
        cases,
        "incomplete-audit",
        ("content/cases/c.yaml", Some(6), Some(7)),
        "no answer for 1.1.2",
        "n/a",
    );
    expect(
        cases,
        "unknown-domain",
        ("content/cases/c.yaml", Some(16), Some(11)),
        "`4`",
        "known domains",
    );
    expect(
        cases,
        "out-of-scope",
        ("content/cases/c.yaml", Some(20), Some(11)),
        "domain 2",
        "scope",
    );
}

#[test]
fn answers_to_judgement_standards_are_refused() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace("        assessed_by: judgement\n", "        assessed_by: judgement\n        questions:\n          - {id: \"1.2.1\", text: Led?}\n");
    expect(
        &format!(
            "-- content/criteria/fw.yaml --\n{fw}-- content/cases/c.yaml --\nid: C1\ndomain: \"1\"\ndisposal: O\naudit: file-read\nanswers: {{\"1.1.1\": \"yes\", \"1.1.2\": \"no\", \"1.2.1\": \"yes\"}}\n"
        ),
        "judgement-standard",
        ("content/cases/c.yaml", Some(5), Some(42)),
        "assessed by judgement",
        "",
    );
}

#[test]
fn narrative_rules() {
    expect(
        "-- content/standards/9.9.md --\nText.\n",
        "unknown-criterion",
        ("content/standards/9.9.md", Some(1), Some(1)),
        "`content/standards/9.9.md`",
        "known standards and domains",
    );
    // A computed rating is overridden only with a reason.
    expect(
        "-- content/standards/1.1.md --\n---\nrating: Good\n---\nText.\n",
        "rating-reason",
        ("content/standards/1.1.md", Some(2), Some(9)),
        "rated from the case audits",
        "add `rating_reason:`",
    );
    expect(
        "-- content/standards/1.1.md --\n---\nrating_reason: Because.\n---\nText.\n",
        "rating-reason",
        ("content/standards/1.1.md", Some(2), Some(16)),
        "there is none here",
        "add `rating:`",
    );
    expect(
        "-- content/standards/1.md --\n---\nrating: Good\n---\nText.\n",
        "rating-not-judgement",
        ("content/standards/1.md", Some(2), Some(9)),
        "is a domain",
        "rate its standards",
    );
    expect(
        "-- content/standards/1.2.md --\n---\nrating: Gud\n---\nText.\n",
        "unknown-level",
        ("content/standards/1.2.md", Some(2), Some(9)),
        "`Gud`",
        "",
    );
}

#[test]
fn links_are_checked_with_their_position() {
    let page = "-- content/pages/about.md --\n---\ntitle: About\n---\n## Method\n\nSee [x](std:9.9), [y](../findings/nope.md) and\n[z](page:about#methd), [w](case:C1), [v](focus:theme).\n";
    expect(
        page,
        "broken-link",
        ("content/pages/about.md", Some(6), Some(9)),
        "standard `9.9`",
        "known standards: `1.1`, `1.2`",
    );
    let (json, _) = check_json(page);
    let links: Vec<String> = pick(&json, &["code", "line", "column"])
        .into_iter()
        .filter(|d| d.starts_with("broken-link|"))
        .collect();
    assert_eq!(links, ["broken-link|6|9", "broken-link|6|23"]);
    expect(
        page,
        "broken-anchor",
        ("content/pages/about.md", Some(7), Some(5)),
        "`#methd`",
        "did you mean `#method`?",
    );
}

#[test]
fn links_in_framework_texts_point_at_the_text() {
    let fw = BASE
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("-- content/cases")
        .next()
        .unwrap();
    let fw = fw.replace(
        "        title: Assessment\n",
        "        title: Assessment\n        statement: See [the method](page:methods).\n",
    );
    expect(
        &format!("-- content/criteria/fw.yaml --\n{fw}"),
        "broken-link",
        ("content/criteria/fw.yaml", Some(11), Some(20)),
        "page `methods`",
        "known pages: `about`",
    );
}

#[test]
fn yaml_bombs_are_refused_not_expanded() {
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    bomb.push_str("title: T\norganisation: O\n");
    let (json, status) = check_json(&format!("-- content/report.yaml --\n{bomb}"));
    assert_eq!(status, 1);
    assert_eq!(
        json["diagnostics"][0]["file"], "content/report.yaml",
        "{json}"
    );
}

#[test]
fn links_and_references_to_drafts_say_so() {
    let extra = "-- content/findings/idea.md --\n---\ntitle: Idea\nkind: strength\ndraft: true\n---\nText.\n-- content/focus/later.md --\n---\ntitle: Later\ndraft: true\n---\nText.\n-- content/pages/about.md --\n---\ntitle: About\n---\nSee [the idea](../findings/idea.md).\n-- content/findings/good.md --\n---\ntitle: Good work\nkind: strength\nfocus: [later]\n---\nBody.\n";
    expect(
        extra,
        "link-to-draft",
        ("content/pages/about.md", Some(4), Some(16)),
        "points to a draft",
        "--drafts",
    );
    expect(
        extra,
        "unknown-focus",
        ("content/findings/good.md", Some(4), Some(9)),
        "`later` is a draft",
        "--drafts",
    );
}

#[test]
fn a_link_to_a_stray_file_is_broken() {
    expect(
        "-- content/stray.md --\nText.\n-- content/pages/about.md --\n---\ntitle: About\n---\nSee [it](../stray.md).\n",
        "broken-link",
        ("content/pages/about.md", Some(4), Some(10)),
        "`content/stray.md`",
        "",
    );
}

#[test]
fn a_broken_case_file_does_not_make_every_case_unknown() {
    let (json, _) = check_json(
        "-- content/cases/c.yaml --\n- id: C1\n  domain: \"1\"\n  disposal: O\n  audti: file-read\n",
    );
    let codes = pick(&json, &["code"]);
    assert_eq!(codes, ["unknown-key"], "{json}");
}

#[test]
fn anchors_follow_what_the_pages_carry() {
    let ok = "-- content/standards/1.1.md --\n---\ntitle: Our view\n---\nText.\n-- content/pages/about.md --\n---\ntitle: About\n---\n[a](std:1.1#questions) [b](std:1.1#kind-strength) [c](std:1.1#narrative) [d](domain:1#std-1-1)\n";
    let (json, status) = check_json(ok);
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    assert_eq!(status, 0);
    let bad = "-- content/pages/about.md --\n---\ntitle: About\n---\n[a](domain:1#questions) [b](std:1.2#questions) [c](case:C1#row)\n";
    let (json, _) = check_json(bad);
    assert_eq!(
        pick(&json, &["code", "column"]),
        ["broken-anchor|5", "broken-anchor|29", "broken-anchor|52"],
        "{json}"
    );
}

#[test]
fn links_to_out_of_scope_criteria_are_broken() {
    let extra = "-- content/standards/2.1.md --\nText.\n-- content/pages/about.md --\n---\ntitle: About\n---\n[a](std:2.1) [b](domain:2) [c](../standards/2.1.md)\n";
    let (json, _) = check_json(extra);
    assert_eq!(
        pick(&json, &["code", "file", "column"]),
        [
            "broken-link|content/pages/about.md|5",
            "broken-link|content/pages/about.md|18",
            "broken-link|content/pages/about.md|32",
            "out-of-scope|content/standards/2.1.md|1",
        ],
        "{json}"
    );
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("out of the review's scope")
    );
}

#[test]
fn anchors_on_focus_and_domain_pages() {
    let (json, status) = check_json(
        "-- content/standards/1.1.md --\n## Our view\n\nText.\n-- content/pages/about.md --\n---\ntitle: About\n---\n[a](focus:theme#findings) [b](focus:theme#cases) [c](focus:theme#finding-good) [d](domain:1#n1-1-our-view) [e](domain:1#finding-good)\n",
    );
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    assert_eq!(status, 0);
}

#[test]
fn links_to_files_and_anchors_that_exist_pass() {
    let (json, status) = check_json(
        "-- content/pages/about.md --\n---\ntitle: About\n---\n## Method\n\n[a](../findings/good.md#finding-good), [b](std:1.1#finding-good), [c](domain:1), [d](page:about#method), [e](../focus/theme.md)\n",
    );
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
    assert_eq!(status, 0);
}

#[test]
fn unknown_theme_points_at_report_yaml() {
    let dir = inline(BASE);
    write_inline(
        dir.path(),
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\ntheme: fancy\n",
    );
    let out = evident()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("error[unknown-theme]: theme `fancy` is not in `themes/`"),
        "{stderr}"
    );
    assert!(stderr.contains("--> content/report.yaml:4:8"), "{stderr}");
}

#[test]
fn check_resolves_the_theme_too() {
    expect(
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\ntheme: fancy\n",
        "unknown-theme",
        ("content/report.yaml", Some(4), Some(8)),
        "theme `fancy` is not in `themes/`",
        "theme: default",
    );
    let (json, status) = check_json(
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\ntheme: mine\n-- themes/mine/templates/page.html --\n{% if %}\n",
    );
    assert_eq!(status, 1);
    assert_eq!(json["diagnostics"][0]["code"], "template", "{json}");
}

#[test]
fn broken_template_names_its_line() {
    let dir = inline(BASE);
    write_inline(
        dir.path(),
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\ntheme: mine\n-- themes/mine/theme.yaml --\nextends: default\n-- themes/mine/templates/page.html --\n{% extends \"base.html\" %}\n{% block content %}{{ page.title | nosuchfilter }}{% endblock content %}\n",
    );
    let out = evident()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[template]"), "{stderr}");
    assert!(stderr.contains("page.html:2:"), "{stderr}");
    assert!(stderr.contains("nosuchfilter"), "{stderr}");
    assert!(!dir.path().join("output").exists());
}

#[test]
fn theme_config_errors() {
    let dir = inline(BASE);
    write_inline(
        dir.path(),
        "-- content/report.yaml --\ntitle: T\norganisation: O\nscope: [\"1\"]\ntheme: a\n-- themes/a/theme.yaml --\nextends: b\n-- themes/b/theme.yaml --\nextends: a\n",
    );
    let out = evident()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[theme-cycle]"), "{stderr}");
    write_inline(dir.path(), "-- themes/b/theme.yaml --\nextend: default\n");
    let out = evident()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[theme-config]: themes/b/theme.yaml:1:1: unknown key `extend`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `extends`?"), "{stderr}");
}

#[test]
fn text_output_shows_the_line_a_caret_and_a_count() {
    let dir = inline(BASE);
    write_inline(
        dir.path(),
        "-- content/findings/good.md --\n---\ntitle: Good work\nkind: strenght\n---\nBody.\n",
    );
    let out = evident()
        .args(["check", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = "error[unknown-kind]: unknown finding kind `strenght`
 --> content/findings/good.md:3:7
  |
3 | kind: strenght
  |       ^^^^^^^^
  |
help: did you mean `strength`? known kinds: `strength`, `consideration`, `recommendation`
";
    assert!(stderr.starts_with(expected), "{stderr}");
    assert!(
        stderr.trim_end().ends_with("1 error, 0 warnings"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let (json, status) = check_json(
        "-- content/findings/a.md --\n---\ntitle: A\nkind: nope\n---\n-- content/findings/b.md --\n---\ntitle: B\nkind: strength\ncases: [C9]\n---\n-- content/pages/x.md --\n---\ntitel: X\n---\n",
    );
    assert_eq!(json["errors"], 3, "{json}");
    assert_eq!(status, 1);
}

#[test]
fn usage_errors_exit_2() {
    let out = evident()
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = evident()
        .args(["check", "--root", "/nonexistent/evident-test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `content/` folder"));
}

#[test]
fn strict_makes_warnings_fail() {
    let dir = inline(BASE);
    write_inline(
        dir.path(),
        "-- content/cases/c.yaml --\nid: C1\ndomain: \"1\"\ndisposal: O\naudit: file-read\nanswers: {\"1.1.1\": \"yes\"}\n",
    );
    crate::common::build_ok(dir.path());
    let out = evident()
        .args(["build", "--strict", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict"));
}

#[test]
fn personal_identifiers_in_content_are_warned_about_where_they_are() {
    let extra = r#"
-- content/findings/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
cases: [C1]
---
The worker rang 07700 900123 and wrote to j.smith@example.org.
-- content/cases/c.yaml --
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  answers: {"1.1.1": "yes", "1.1.2": "no"}
  notes: NI number AB 12 34 56 C, lives at SW1A 1AA, DOB 03/05/2009
"#;
    let (json, status) = check_json(extra);
    // Warnings only: the check passes unless --strict.
    assert_eq!(status, 0, "{json}");
    let found = pick(&json, &["severity", "code", "file", "line", "column"]);
    let privacy: Vec<&String> = found.iter().filter(|d| d.contains("|privacy|")).collect();
    assert_eq!(
        privacy,
        [
            "warning|privacy|content/cases/c.yaml|6|20",
            "warning|privacy|content/cases/c.yaml|6|44",
            "warning|privacy|content/cases/c.yaml|6|58",
            "warning|privacy|content/findings/good.md|7|17",
            "warning|privacy|content/findings/good.md|7|43",
        ],
        "{json}"
    );
    let messages = pick(&json, &["message"]).join("\n");
    for what in [
        "a National Insurance number",
        "a full UK postcode",
        "a date of birth",
        "a phone number",
        "an e-mail address",
    ] {
        assert!(
            messages.contains(&format!("this looks like {what}")),
            "{messages}"
        );
    }
    let help = pick(&json, &["help"]).join("\n");
    assert!(help.contains("privacy: allow:"), "{help}");
}

#[test]
fn allowed_text_is_accepted_and_denied_terms_are_warned_about() {
    let dir = inline(BASE);
    write_inline(
        dir.path(),
        r#"
-- content/report.yaml --
title: Test review
organisation: Test service
scope: ["1"]
small_sample: 1
privacy:
  allow: ["yot@example.gov.uk"]
  deny_terms_file: content/private-terms.txt
-- content/private-terms.txt --
# Names that must never appear
Riverside Estate

-- content/focus/theme.md --
---
title: A theme
---
Write to yot@example.gov.uk. Young people from riverside estate said so.
"#,
    );
    let (json, status) = check_dir(dir.path());
    assert_eq!(status, 0, "{json}");
    let found = pick(&json, &["code", "file", "line", "column", "message"]);
    assert_eq!(
        found,
        [
            "privacy|content/focus/theme.md|4|48|this looks like `Riverside Estate`, a term from the deny-terms file"
        ],
        "{json}"
    );
    // --strict makes the warning stop a build.
    let out = evident()
        .args(["build", "--strict", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // A deny-terms file that cannot be read is an error at its setting's
    // value.
    std::fs::remove_file(dir.path().join("content/private-terms.txt")).unwrap();
    let (json, status) = check_dir(dir.path());
    assert_eq!(status, 1, "{json}");
    assert_eq!(
        pick(&json, &["code", "file", "line", "column"]),
        ["privacy-terms|content/report.yaml|7|20"],
        "{json}"
    );
}
