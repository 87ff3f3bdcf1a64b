//! What an author reads when a file is wrong: each mistake made in a small
//! project (`tests/fixtures/messages/project/`, with the files of
//! `tests/fixtures/messages/mistakes/<mistake>/` laid over it), checked as an
//! author checks it, with `evident check` typed inside the project, and the
//! whole message compared, so a change to any word of it shows here.
//!
//! The YAML mistakes are those authors of front matter and of YAML files
//! most often make; `docs/authoring.md` ("YAML mistakes") lists them with
//! where each was found to be common.

use crate::common::{copy_dir, repo_root, run_in};
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

/// The small project with the files of `mistake` laid over it.
fn project_with(mistake: &str) -> TempDir {
    let fixtures = repo_root().join("tests/fixtures/messages");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures.join("project"), dir.path());
    if !mistake.is_empty() {
        copy_dir(&fixtures.join("mistakes").join(mistake), dir.path());
    }
    dir
}

/// `evident check`, typed inside `dir` with no `--root`: its exit status
/// and what it printed on standard error.
fn check_in(dir: &Path) -> (i32, String) {
    let (code, _, stderr) = run_in(dir, &["check"]);
    (code, stderr)
}

/// The diagnostics of `evident check --format json`, typed inside `dir`.
fn json_in(dir: &Path) -> Vec<Value> {
    let (_, stdout, _) = run_in(dir, &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    json["diagnostics"].as_array().unwrap().clone()
}

/// Check the project with `mistake` and compare what the author reads with
/// `expected`, whole.
fn assert_message(mistake: &str, expected: &str) {
    let dir = project_with(mistake);
    let (code, stderr) = check_in(dir.path());
    assert_eq!(
        stderr, expected,
        "\n--- printed:\n{stderr}\n--- expected:\n{expected}"
    );
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn the_small_project_is_clean() {
    let dir = project_with("");
    assert_eq!(check_in(dir.path()), (0, "no problems found\n".to_string()));
}

#[test]
fn an_unquoted_colon_in_a_value_asks_for_quotes() {
    assert_message(
        "colon-in-value",
        r#"error[yaml]: the value of `title` contains `: `, which YAML reads as the start of another key
 --> content/findings/views.md:2:21
  |
2 | title: Waiting times: what children said
  |                     ^
  |
help: put the value in quotes: `title: "Waiting times: what children said"`

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_tab_used_for_indentation_is_named_under_the_tab() {
    // The line is indented with two spaces and a tab: the tab is shown as
    // four spaces, with the caret under all of it.
    assert_message(
        "tab-indentation",
        r#"error[yaml]: line 7 is indented with a tab, and YAML indents with spaces only
 --> content/cases/c.yaml:7:3
  |
7 |       "2.1.2": "no"
  |   ^^^^
  |
help: replace the tab with spaces: line 6 is indented by 4

1 error, 0 warnings
"#,
    );
    // Editors and CI read character columns: the tab is the third character.
    let dir = project_with("tab-indentation");
    let found = json_in(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (&found[0]["line"], &found[0]["column"]),
        (&Value::from(7), &Value::from(3))
    );
}

#[test]
fn a_line_indented_one_space_too_far_names_the_key_it_belongs_to() {
    assert_message(
        "indented-too-far",
        r#"error[yaml]: line 6 is indented 1 space too far to be a key of `fieldwork`
 --> content/report.yaml:6:4
  |
6 |    end: 2026-01-14
  |    ^^^
  |
help: indent it by 2 spaces, as `start` is on line 5

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_line_indented_one_space_too_little_names_the_list_it_belongs_to() {
    assert_message(
        "indented-too-little",
        r#"error[yaml]: line 6 is indented 1 space too little to be an item of the list under `criteria`
 --> content/findings/views.md:6:2
  |
6 |  - "1.1"
  |  ^
  |
help: indent it by 2 spaces, as line 5 is

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_missing_space_after_a_colon_shows_the_line_with_it() {
    assert_message(
        "no-space-after-colon",
        r#"error[yaml]: `kind:strength` has no space after its colon, so YAML reads it as text, not as a key and its value
 --> content/findings/views.md:3:5
  |
3 | kind:strength
  |     ^
  |
help: add a space after the colon: `kind: strength`

1 error, 0 warnings
"#,
    );
}

#[test]
fn an_unclosed_quote_shows_where_to_close_it() {
    assert_message(
        "unclosed-quote",
        r#"error[yaml]: the quote that opens the value of `title` is never closed
 --> content/findings/views.md:2:8
  |
2 | title: "Assessments draw on the views of the child
  |        ^
  |
help: close it at the end of the value: `title: "Assessments draw on the views of the child"`

1 error, 0 warnings
"#,
    );
}

#[test]
fn an_apostrophe_inside_single_quotes_asks_for_double_quotes() {
    assert_message(
        "quote-inside-quotes",
        r#"error[yaml]: the apostrophe in the value of `title` closes its single quotes early
 --> content/focus/voice.md:2:18
  |
2 | title: 'The child's voice'
  |                  ^
  |
help: put the value in double quotes instead: `title: "The child's voice"`

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_value_starting_with_a_yaml_indicator_asks_for_quotes() {
    assert_message(
        "reserved-first-character",
        r#"error[yaml]: the value of `title` starts with `*`, which YAML reads as a reference to an anchor
 --> content/findings/views.md:2:8
  |
2 | title: *Most* assessments draw on the views of the child
  |        ^
  |
help: put the value in quotes: `title: "*Most* assessments draw on the views of the child"`

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_key_given_twice_names_the_line_of_the_first() {
    assert_message(
        "duplicate-key",
        r#"error[duplicate-key]: key `2.1.1` appears twice in the same mapping
 --> content/cases/c.yaml:8:5
  |
8 |     "2.1.1": "no"
  |     ^^^^^^^
  |
help: it is given on line 6 too; each key may appear once, so keep one of the two

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_list_written_without_brackets_is_shown_with_them() {
    assert_message(
        "list-without-brackets",
        r#"error[yaml]: `cases` takes a list, and `C01, C02` is written as one piece of text
 --> content/findings/views.md:4:8
  |
4 | cases: C01, C02
  |        ^^^^^^^^
  |
help: write the items in brackets: `cases: [C01, C02]`, or one `- item` per line below `cases:`

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_list_item_among_keys_is_added_to_the_list_before_it() {
    assert_message(
        "item-among-keys",
        r#"error[yaml]: the list item `- C02` stands among keys, where YAML expects `key: value`
 --> content/findings/views.md:5:1
  |
5 | - C02
  | ^
  |
help: `cases` has its value on line 4 already; add the item there: `cases: [C01, C02]`

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_key_among_list_items_is_moved_out_of_the_list() {
    assert_message(
        "key-among-items",
        r#"error[yaml]: `focus` is indented as an item of the list under `cases`, but it is a key
 --> content/findings/views.md:6:3
  |
6 |   focus: [voice]
  |   ^^^^^
  |
help: start it at the beginning of the line, as `cases` is on line 4

1 error, 0 warnings
"#,
    );
}

#[test]
fn an_unclosed_bracket_shows_where_to_close_it() {
    assert_message(
        "unclosed-bracket",
        r#"error[yaml]: the `[` on line 4 is never closed
 --> content/findings/views.md:4:8
  |
4 | cases: [C01, C02
  |        ^
  |
help: close the list at the end of line 4: `cases: [C01, C02]`

1 error, 0 warnings
"#,
    );
}

#[test]
fn front_matter_never_closed_says_where_the_closing_line_goes() {
    assert_message(
        "unclosed-front-matter",
        r#"error[unclosed-front-matter]: front matter opened with `---` is never closed
 --> content/findings/views.md:1:1
  |
1 | ---
  | ^^^
  |
help: add a line `---` after line 3 (`kind: strength`), the last line of the front matter

1 error, 0 warnings
"#,
    );
}

#[test]
fn yes_where_true_or_false_is_meant_says_which() {
    assert_message(
        "yes-for-true",
        r#"error[yaml]: `draft` is `true` or `false`, and `yes` is neither
 --> content/findings/views.md:4:8
  |
4 | draft: yes
  |        ^^^
  |
help: write `draft: true` or `draft: false`

1 error, 0 warnings
"#,
    );
}

#[test]
fn front_matter_without_its_opening_line_says_so() {
    assert_message(
        "no-opening-fence",
        r#"error[missing-front-matter]: the front matter has no opening `---`
 --> content/findings/views.md:1:1
  |
1 | title: Assessments draw on the views of the child
  | ^
  |
help: add a line `---` before line 1: front matter starts with a line `---` and ends with another

1 error, 0 warnings
"#,
    );
}

#[test]
fn a_date_that_does_not_exist_says_so_in_every_date_field() {
    // `published` and the fieldwork's `start` in report.yaml, a case's
    // `started`: all three in one run.
    assert_message(
        "impossible-dates",
        r#"error[yaml]: the month `2025-13` does not exist: a year has 12 months
 --> content/cases/c.yaml:5:12
  |
5 |   started: 2025-13
  |            ^^^^^^^

error[yaml]: the date `2026-02-30` does not exist: February 2026 has 28 days
 --> content/report.yaml:4:12
  |
4 | published: 2026-02-30
  |            ^^^^^^^^^^

error[yaml]: the date `2026-04-31` does not exist: April has 30 days
 --> content/report.yaml:6:10
  |
6 |   start: 2026-04-31
  |          ^^^^^^^^^^

3 errors, 0 warnings
"#,
    );
}

/// A page saved in Latin-1, as older Windows editors save it.
const LATIN1_PAGE: &[u8] = b"---\ntitle: Caf\xe9 society\n---\nCr\xe8me br\xfbl\xe9e.\n";

#[test]
fn a_latin1_file_gives_one_error_at_its_first_byte_that_is_not_utf8() {
    let dir = project_with("");
    std::fs::write(dir.path().join("content/pages/latin1.md"), LATIN1_PAGE).unwrap();
    let (code, stderr) = check_in(dir.path());
    let expected = "error[not-utf8]: the file is not UTF-8 text
 --> content/pages/latin1.md:2:11
  |
2 | title: Caf\u{fffd} society
  |           ^
  |
help: save it again as UTF-8; it was probably saved in another encoding, such as Latin-1 or Windows-1252

1 error, 0 warnings
";
    assert_eq!(stderr, expected, "\n--- printed:\n{stderr}");
    assert_eq!(code, 1);
    // The column counts the characters before the byte: here letters of
    // two bytes each come first, as in a file two editors have saved.
    std::fs::write(
        dir.path().join("content/pages/latin1.md"),
        b"---\ntitle: Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9e at the caf\xe9\n---\n",
    )
    .unwrap();
    let found = json_in(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (&found[0]["code"], &found[0]["line"], &found[0]["column"]),
        (&Value::from("not-utf8"), &Value::from(2), &Value::from(31))
    );
}

#[test]
fn a_link_to_a_latin1_file_is_not_reported_again() {
    // The page's own error says what is wrong; a link to it, or a focus
    // area named after it, adds nothing.
    let dir = project_with("");
    std::fs::write(dir.path().join("content/focus/voice.md"), LATIN1_PAGE).unwrap();
    std::fs::write(
        dir.path().join("content/pages/method.md"),
        "---\ntitle: How we reviewed\n---\nSee [the theme](../focus/voice.md) and [again](focus:voice).\n",
    )
    .unwrap();
    let found = json_in(dir.path());
    let codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["not-utf8"], "{found:?}");
}

#[test]
fn a_scope_naming_an_unknown_domain_lists_them_without_a_guess() {
    assert_message(
        "scope-unknown-domain",
        r#"error[unknown-domain]: scope names unknown domain `5`
 --> content/report.yaml:3:12
  |
3 | scope: [2, 5]
  |            ^
  |
help: known domains: `1`, `2`

1 error, 0 warnings
"#,
    );
}

#[test]
fn links_naming_nothing_suggest_what_they_probably_meant() {
    let line4 = "We read [the files](std:21) of [one case](case:C1) in [the domain](domain:3),";
    let line5 = "with [the theme](focus:voise) in mind, as [the method](page:methd) says.";
    assert_message(
        "bad-links",
        &format!(
            r#"error[broken-link]: link `std:21` points to standard `21`, which does not exist
 --> content/pages/method.md:4:21
  |
4 | {line4}
  |                     ^^^^^^
  |
help: did you mean `2.1`? known standards: `1.1`, `2.1`

error[broken-link]: link `case:C1` points to case `C1`, which does not exist
 --> content/pages/method.md:4:43
  |
4 | {line4}
  |                                           ^^^^^^^
  |
help: did you mean `C01`? known cases: `C01`, `C02`

error[broken-link]: link `domain:3` points to domain `3`, which does not exist
 --> content/pages/method.md:4:68
  |
4 | {line4}
  |                                                                    ^^^^^^^^
  |
help: known domains: `1`, `2`

error[broken-link]: link `focus:voise` points to focus area `voise`, which does not exist
 --> content/pages/method.md:5:18
  |
5 | {line5}
  |                  ^^^^^^^^^^^
  |
help: did you mean `voice`? known focus areas: `voice`

error[broken-link]: link `page:methd` points to page `methd`, which does not exist
 --> content/pages/method.md:5:56
  |
5 | {line5}
  |                                                        ^^^^^^^^^^
  |
help: did you mean `method`? known pages: `method`

5 errors, 0 warnings
"#
        ),
    );
}

#[test]
fn a_key_typo_and_a_wrong_case_id_are_both_reported_in_one_run() {
    assert_message(
        "key-typo-and-wrong-case",
        r#"error[unknown-key]: unknown key `critera`
 --> content/findings/views.md:4:1
  |
4 | critera: ["2.1"]
  | ^^^^^^^
  |
help: did you mean `criteria`? accepted keys here: `title`, `kind`, `criteria`, `focus`, `cases`, `order`, `draft`, `owner`, `priority`, `due`, `status`, `progress`

error[unknown-case]: no case audit has the id `C10`
 --> content/findings/views.md:5:14
  |
5 | cases: [C01, C10]
  |              ^^^
  |
help: did you mean `C01`? known cases: `C01`, `C02`

2 errors, 0 warnings
"#,
    );
}

#[test]
fn problems_of_every_kind_in_one_file_are_reported_in_one_run() {
    // A syntax mistake on one line, an unknown key, a value out of a fixed
    // list and a date that does not exist.
    let dir = project_with("every-kind-in-one-file");
    let found: Vec<String> = json_in(dir.path())
        .iter()
        .map(|d| format!("{}|{}|{}", d["code"], d["line"], d["column"]))
        .collect();
    assert_eq!(
        found,
        [
            "\"yaml\"|1|14",
            "\"unknown-key\"|3|1",
            "\"unknown-value\"|4|9",
            "\"yaml\"|5|12"
        ]
    );
}
