//! The checks to run before publishing, as a reviewer meets them: text
//! left from the templates of `init` and `new` keeps `build --strict`
//! failing until it is replaced, and a setting's error points at the
//! setting.

use crate::common::{repo_root, run_in, worked_example};
use serde_json::Value;
use std::path::Path;

/// `check --format json` run inside `dir`: the placeholder warnings as
/// `file|line|column|message`, sorted.
fn placeholders(dir: &Path) -> Vec<String> {
    let (_, out, err) = run_in(dir, &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    let mut found: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "placeholder")
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            format!(
                "{}|{}|{}|{}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    found.sort();
    found
}

fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let file = root.join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    std::fs::write(file, text.replace(from, to)).unwrap();
}

#[test]
fn text_left_from_init_fails_a_strict_build_until_it_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (code, _, err) = run_in(root, &["init"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        placeholders(root),
        [
            "content/cases/C01.yaml|21|8|the placeholder for case notes from `evident init` or `evident new` is still here",
            "content/findings/assessment/views-of-child.md|9|1|the example finding's text from `evident init` is still here",
            "content/focus/example-focus.md|2|8|the example focus area's title from `evident init` is still here",
            "content/focus/example-focus.md|5|1|the example focus area's text from `evident init` is still here",
            "content/pages/background.md|10|1|the example chapter's text from `evident init` is still here",
            "content/pages/background.md|6|1|the example chapter's text from `evident init` is still here",
            "content/report.yaml|2|8|the example title from `evident init` is still here",
            "content/report.yaml|4|15|the example organisation from `evident init` is still here",
            "content/report.yaml|8|19|the example reviewing organisation from `evident init` is still here",
            "content/standards/2.1.md|4|1|the example narrative from `evident init` is still here",
            "content/summary.md|4|1|the example summary from `evident init` is still here",
        ]
    );
    // Warnings: the project still builds, for a look at it, but not under
    // --strict, the check to run before publishing.
    let (code, _, err) = run_in(root, &["build"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_in(root, &["build", "--strict"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "warning[placeholder]: the example summary from `evident init` is still here\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with(
            "build failed: --strict treats the warnings above as errors; `output` is unchanged\n"
        ),
        "{err}"
    );

    // Replaced one by one (a sentence kept is still found, in any wrapping).
    edit(
        root,
        "content/summary.md",
        "Write the overall summary of the review here. ",
        "The service works well.\n",
    );
    assert!(
        placeholders(root)
            .iter()
            .any(|p| p.starts_with("content/summary.md|5|1|"))
    );
    edit(
        root,
        "content/summary.md",
        "It is shown on the home page and at the start of the printed report.",
        "Most plans were sound.",
    );
    edit(
        root,
        "content/report.yaml",
        "Review of the service",
        "Review of Eastfield youth justice service",
    );
    edit(
        root,
        "content/report.yaml",
        "The service reviewed",
        "Eastfield youth justice service",
    );
    edit(
        root,
        "content/report.yaml",
        "The reviewing organisation",
        "Westbury youth justice service",
    );
    edit(
        root,
        "content/cases/C01.yaml",
        "A short, anonymised note on the case.",
        "Sound work throughout.",
    );
    edit(
        root,
        "content/findings/assessment/views-of-child.md",
        "Describe what the reviewers saw, and in which cases.",
        "The child's views shaped the assessment ([C01](case:C01)).",
    );
    // The rest of the example finding's text, rewrapped, is still the
    // template's.
    edit(
        root,
        "content/findings/assessment/views-of-child.md",
        " Link to other content with\n",
        " Link to other\ncontent with ",
    );
    assert_eq!(
        placeholders(root)
            .iter()
            .filter(|p| p.contains("views-of-child"))
            .collect::<Vec<_>>(),
        [
            "content/findings/assessment/views-of-child.md|9|60|the example finding's text from `evident init` is still here"
        ]
    );
    let finding = root.join("content/findings/assessment/views-of-child.md");
    let text = std::fs::read_to_string(&finding).unwrap();
    let body_at = text.find("The child's").unwrap();
    std::fs::write(
        &finding,
        format!(
            "{}The child's views shaped the assessment ([C01](case:C01)).\n",
            &text[..body_at]
        ),
    )
    .unwrap();
    std::fs::remove_file(root.join("content/focus/example-focus.md")).unwrap();
    edit(
        root,
        "content/findings/assessment/views-of-child.md",
        "focus: [example-focus]",
        "focus: []",
    );
    edit(
        root,
        "content/cases/C01.yaml",
        "focus: [example-focus]",
        "focus: []",
    );
    edit(
        root,
        "content/pages/background.md",
        "Why the review took place, who asked for it and which domains it covered.",
        "The partnership asked for the review.",
    );
    edit(
        root,
        "content/pages/background.md",
        "The review looked at [court disposals](domain:2) and out-of-court disposals.",
        "We read [court cases](domain:2).",
    );
    std::fs::remove_file(root.join("content/standards/2.1.md")).unwrap();
    assert_eq!(placeholders(root), Vec::<String>::new());
    let (code, _, err) = run_in(root, &["build", "--strict"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn text_left_from_new_is_a_placeholder_warning_too() {
    let dir = worked_example();
    let root = dir.path();
    for args in [
        &["new", "finding", "planning/goals-agreed"][..],
        &["new", "page", "method"],
        &["new", "focus", "housing"],
        &["new", "case", "C19"],
    ] {
        let (code, _, err) = run_in(root, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    assert_eq!(
        placeholders(root),
        [
            "content/cases/C19.yaml|23|8|the placeholder for case notes from `evident init` or `evident new` is still here",
            "content/cases/C19.yaml|5|11|the placeholder disposal from `evident new` is still here",
            "content/findings/planning/goals-agreed.md|8|1|the placeholder text of a new finding from `evident new` is still here",
            "content/focus/housing.md|4|1|the placeholder text of a new focus area from `evident new` is still here",
            "content/pages/method.md|5|1|the placeholder text of a new page from `evident new` is still here",
        ]
    );
    let (code, _, _) = run_in(root, &["build", "--strict"]);
    assert_eq!(code, 1);
}

#[test]
fn a_draft_keeps_its_placeholders_until_it_is_published() {
    let dir = worked_example();
    let root = dir.path();
    let (code, _, err) = run_in(root, &["new", "page", "method"]);
    assert_eq!(code, 0, "{err}");
    edit(
        root,
        "content/pages/method.md",
        "title: Method\n",
        "title: Method\ndraft: true\n",
    );
    assert_eq!(placeholders(root), Vec::<String>::new());
    let (_, out, _) = run_in(root, &["check", "--format", "json", "--drafts"]);
    assert!(out.contains("\"placeholder\""), "{out}");
}

#[test]
fn the_worked_example_has_no_placeholder_and_builds_strictly() {
    assert_eq!(placeholders(&repo_root()), Vec::<String>::new());
    let dir = worked_example();
    let (code, _, err) = run_in(dir.path(), &["build", "--strict"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_deny_terms_file_that_cannot_be_read_is_an_error_at_the_settings_value() {
    let dir = worked_example();
    let root = dir.path();
    let report = std::fs::read_to_string(root.join("content/report.yaml")).unwrap();
    // The words of the setting come first in a comment, as reviewers note
    // what a setting is for.
    std::fs::write(
        root.join("content/report.yaml"),
        format!(
            "# privacy: deny_terms_file names our list of local place names.\n{report}privacy:\n  deny_terms_file:   private/terms.txt  # kept off the shared drive\n"
        ),
    )
    .unwrap();
    let line = report.lines().count() + 3;
    let (code, out, _) = run_in(root, &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{json}");
    let d = errors[0];
    assert_eq!(
        (
            d["code"].as_str().unwrap(),
            d["file"].as_str().unwrap(),
            d["line"].as_u64().unwrap() as usize,
            d["column"].as_u64().unwrap(),
        ),
        ("privacy-terms", "content/report.yaml", line, 22)
    );
    // The caret is under the path, not under the key or the comment.
    let (_, _, err) = run_in(root, &["check"]);
    let shown: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.contains("privacy-terms"))
        .take(5)
        .collect();
    let caret = format!(
        "|{}{}",
        " ".repeat(22),
        "^".repeat("private/terms.txt".len())
    );
    assert!(shown.iter().any(|l| l.ends_with(&caret)), "{err}");
}
