//! `evident new`: each kind of content file starts from its template in
//! its place, builds at once, and nothing is ever overwritten.

use crate::common::{check, evident, evident_in, run_in, worked_example};
use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `evident new ARGS` from inside the project, as a reviewer runs it.
fn new(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = evident_in(root).arg("new").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_kind_of_file_starts_in_its_place_and_checks_clean() {
    let dir = worked_example();
    let root = dir.path();
    let (code, out, err) = new(
        root,
        &[
            "finding",
            "planning/goals-agreed",
            "--kind",
            "consideration",
            "--criteria",
            "2.2,3",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "created content/findings/planning/goals-agreed.md\n");
    let finding = read(&root.join("content/findings/planning/goals-agreed.md"));
    assert!(
        finding.starts_with(
            "---\ntitle: Goals agreed\nkind: consideration\ncriteria: [\"2.2\", \"3\"]"
        ),
        "{finding}"
    );
    let (code, out, _) = new(root, &["case", "C19", "--domain", "2"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "created content/cases/C19.yaml\n")
    );
    let case = read(&root.join("content/cases/C19.yaml"));
    assert!(case.contains("id: C19\ndomain: \"2\"\n"), "{case}");
    // The questions to answer are listed, with the scale.
    assert!(case.contains("#   \"2.4.3\": \"\""), "{case}");
    assert!(case.contains("\"yes\", \"no\""), "{case}");
    let (code, _, _) = new(
        root,
        &["page", "method", "--title", "Method: how we worked"],
    );
    assert_eq!(code, 0);
    assert!(
        read(&root.join("content/pages/method.md")).contains("title: \"Method: how we worked\"")
    );
    let (code, _, _) = new(root, &["focus", "housing", "education-needs"]);
    assert_eq!(code, 0);
    assert!(
        read(&root.join("content/focus/education-needs.md")).contains("title: Education needs")
    );
    // Everything checks: no errors; the warnings are what the templates
    // say to fill in: the new case's missing answers, and the text to
    // replace in each new file.
    let (code, stderr) = check(root);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning[incomplete-audit]"), "{stderr}");
    assert_eq!(
        stderr.matches("warning[placeholder]").count(),
        6,
        "{stderr}"
    );
    assert!(stderr.contains("0 errors, 7 warnings"), "{stderr}");
    // And the new finding is on its standard's page.
    let out = tempfile::tempdir().unwrap();
    let status = evident()
        .args(["build", "--root"])
        .arg(root)
        .arg("-o")
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(read(&out.path().join("site/domains/2/2-2.html")).contains("finding-goals-agreed"));
}

#[test]
fn nothing_is_overwritten_and_bad_requests_say_what_would_do() {
    let dir = worked_example();
    let root = dir.path();
    let existing = root.join("content/findings/assessment/diverse-needs.md");
    let before = read(&existing);
    for (args, says) in [
        (
            vec!["finding", "assessment/diverse-needs"],
            "exists already",
        ),
        // The same id in another folder would clash too.
        (vec!["finding", "elsewhere/diverse-needs"], "must be unique"),
        (vec!["case", "C04"], "case ids must be unique"),
        (
            vec!["finding", "x", "--kind", "strenth"],
            "did you mean `strength`? known kinds: `strength`, `consideration`",
        ),
        (
            vec!["finding", "x", "--criteria", "9.9"],
            "not a standard or domain",
        ),
        (
            vec!["finding", "x", "--criteria", "2.l"],
            "did you mean `2.1`?",
        ),
        (
            vec!["case", "C20", "--domain", "1"],
            "not a domain in scope",
        ),
        (vec!["page", "a/b"], "no folders"),
        (vec!["focus", "bad name!"], "letters, digits"),
        (
            vec!["page", "one", "two", "--title", "T"],
            "one file at a time",
        ),
        (
            vec!["finding", "x", "--title", "First line\nsecond line"],
            "a title is one line of text",
        ),
    ] {
        let (code, out, err) = new(root, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(read(&existing), before);
    assert!(!root.join("content/findings/x.md").exists());
    assert!(!root.join("content/cases/C20.yaml").exists());
    // A page whose file exists is refused even when the review does not
    // know it (a file `check` skips).
    std::fs::write(root.join("content/pages/notes.md"), "mine").unwrap();
    let (code, _, err) = new(root, &["page", "notes"]);
    assert_eq!(code, 2);
    assert!(err.contains("never overwrites"), "{err}");
    assert_eq!(read(&root.join("content/pages/notes.md")), "mine");
    // Not a project.
    let empty = tempfile::tempdir().unwrap();
    let (code, _, err) = new(empty.path(), &["page", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("evident init"), "{err}");
}

#[test]
fn a_project_that_does_not_parse_yet_still_gets_its_file() {
    let dir = worked_example();
    let root = dir.path();
    std::fs::write(root.join("content/report.yaml"), "title: [unclosed\n").unwrap();
    let (code, out, err) = new(root, &["finding", "first-thoughts"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "created content/findings/first-thoughts.md\n");
    let text = read(&root.join("content/findings/first-thoughts.md"));
    assert!(
        text.contains("title: First thoughts\nkind: strength\n"),
        "{text}"
    );
}

#[test]
fn a_finding_names_its_cases_and_focus_areas_checked_against_the_review() {
    let dir = worked_example();
    let root = dir.path();
    let (code, out, err) = run_in(
        root,
        &[
            "new",
            "finding",
            "planning/goals-agreed",
            "--criteria",
            "2.2",
            "--cases",
            "C04,C11",
            "--focus",
            "exploitation",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "created content/findings/planning/goals-agreed.md\n");
    let finding = read(&root.join("content/findings/planning/goals-agreed.md"));
    assert!(
        finding.contains(
            "\ncriteria: [\"2.2\"]   # standard or domain ids; none: \"Other findings\"\nfocus: [exploitation]        # focus-area names\ncases: [C04, C11]        # the case ids this finding draws on\n"
        ),
        "{finding}"
    );
    // It checks: the cases and the focus area are known, and the finding
    // is listed on them.
    let (_, json, _) = run_in(root, &["check", "--format", "json"]);
    assert!(!json.contains("\"error\""), "{json}");

    // A name the review does not know is refused before anything is
    // written, with the nearest known one.
    for (args, message) in [
        (
            &["--cases", "C04,c11"][..],
            "error: no case audit has the id `c11`; did you mean `C11`? known cases: `C01`, `C02`, `C03`, `C04`, `C05`, `C06`, `C07`, `C08`, `C09`, `C10`, `C11`, `C12` (and 6 more)\n",
        ),
        (
            &["--focus", "exploitaton"][..],
            "error: no focus area is named `exploitaton`; did you mean `exploitation`? known focus areas (files in content/focus/): `exploitation`, `knife-crime-and-gangs`, `nrm-referrals`\n",
        ),
        (
            &["--focus", "housing"][..],
            "error: no focus area is named `housing`; known focus areas (files in content/focus/): `exploitation`, `knife-crime-and-gangs`, `nrm-referrals`\n",
        ),
    ] {
        let mut all = vec!["new", "finding", "refused"];
        all.extend_from_slice(args);
        let (code, out, err) = run_in(root, &all);
        assert_eq!((code, out.as_str(), err.as_str()), (2, "", message));
    }
    assert!(!root.join("content/findings/refused.md").exists());
}

/// A finding of an actionable kind starts with the action's fields as
/// comments, saying what each takes from the report's own lists; a
/// strength starts without them. Filled in, they check clean and the
/// finding joins the action plan.
#[test]
fn an_actionable_finding_starts_with_its_action_fields_to_fill_in() {
    let dir = worked_example();
    let root = dir.path();
    let report = root.join("content/report.yaml");
    let settings = read(&report);
    std::fs::write(
        &report,
        format!("{settings}owners: [Northbrook Youth Justice Service, Police, \"Early help: team #1\"]\npriorities: [urgent, soon]\n"),
    )
    .unwrap();
    let (code, _, err) = new(root, &["finding", "handover", "--kind", "consideration"]);
    assert_eq!(code, 0, "{err}");
    let path = root.join("content/findings/handover.md");
    let text = read(&path);
    assert!(
        text.contains(
            "cases: []        # the case ids this finding draws on\n\
             # The action, once agreed (uncomment what is known):\n\
             # owner:         # one of: Northbrook Youth Justice Service, Police, \"Early help: team #1\"\n\
             # priority:      # one of: urgent, soon\n\
             # due:           # YYYY-MM-DD or YYYY-MM\n---\n"
        ),
        "{text}"
    );
    let (code, _, err) = new(root, &["finding", "praise", "--kind", "strength"]);
    assert_eq!(code, 0, "{err}");
    assert!(!read(&root.join("content/findings/praise.md")).contains("# owner:"));

    // Uncommented and filled in, the fields are the action's: an owner
    // copied from the list as it is written there reads back whole.
    std::fs::write(
        &path,
        text.replace("# owner:         #", "owner: \"Early help: team #1\"   #")
            .replace("# priority:      #", "priority: soon  #")
            .replace("# due:           #", "due: 2027-03    #"),
    )
    .unwrap();
    let (code, _, err) = run_in(root, &["build"]);
    assert_eq!(code, 0, "{err}");
    let json = crate::common::report_json(root);
    let action = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "handover")
        .unwrap();
    assert_eq!(
        (&action["owner"], &action["priority"], &action["due"]),
        (
            &serde_json::json!("Early help: team #1"),
            &serde_json::json!("soon"),
            &serde_json::json!("2027-03")
        )
    );
}
