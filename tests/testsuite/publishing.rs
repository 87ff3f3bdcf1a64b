//! The checks to run before publishing, as a reviewer meets them: a
//! setting's error points at the setting.

use crate::common::{run_in, worked_example};
use serde_json::Value;

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
