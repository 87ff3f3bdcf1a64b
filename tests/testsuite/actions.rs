//! Actions, as a review team and a service manager write them: each
//! action field of a finding checked where it is written, with what would
//! be accepted, typed inside the project as `evident check`.

use crate::common::{inline, run_in, write_inline};
use std::path::Path;

/// A small report: fieldwork in January 2026, the default finding kinds,
/// and `settings` as more lines of its `report.yaml`.
fn project(settings: &str) -> tempfile::TempDir {
    inline(&format!(
        r#"
-- content/report.yaml --
title: Review of the Northbrook youth justice service
organisation: Northbrook youth justice service
fieldwork:
  start: 2026-01-12
  end: 2026-01-16
{settings}
-- content/criteria/fw.yaml --
id: fw
title: Framework
domains:
  - id: "1"
    title: Work
    standards:
      - {{id: "1.1", title: Leadership, assessed_by: judgement}}
      - {{id: "1.2", title: Partnerships, assessed_by: judgement}}
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

/// A finding of `kind` with `fields` as more lines of its front matter,
/// written as `content/findings/<name>.md`.
fn finding(dir: &Path, name: &str, kind: &str, fields: &str) {
    write_inline(
        dir,
        &format!(
            "-- content/findings/{name}.md --\n---\ntitle: Information from the police arrives late\nkind: {kind}\ncriteria: [\"1.2\"]\n{fields}\n---\nNotifications of arrests reached case managers days after the event.\n"
        ),
    );
}

/// Every diagnostic `evident check` printed, each whole, typed inside the
/// project; and its exit status.
fn diagnostics(dir: &Path) -> (Vec<String>, i32) {
    let (code, _, stderr) = run_in(dir, &["check"]);
    let found = stderr
        .split("\n\n")
        .filter(|d| d.starts_with("error[") || d.starts_with("warning["))
        .map(str::to_string)
        .collect();
    (found, code)
}

/// The diagnostics with `code`.
fn only(dir: &Path, code: &str) -> Vec<String> {
    diagnostics(dir)
        .0
        .into_iter()
        .filter(|d| d.contains(&format!("[{code}]")))
        .collect()
}

#[test]
fn a_complete_action_is_accepted() {
    let dir = project("owners: [Youth justice service, Police]\nactions: {required: true}");
    finding(
        dir.path(),
        "police",
        "consideration",
        "owner: Police\npriority: high\ndue: 2026-09\nstatus: in-progress\nprogress:\n  date: 2026-05-01\n  note: A protocol is drafted",
    );
    finding(
        dir.path(),
        "handover",
        "recommendation",
        "owner: Youth justice service\nstatus: done",
    );
    assert_eq!(diagnostics(dir.path()), (Vec::<String>::new(), 0));
}

#[test]
fn an_action_field_on_a_kind_that_is_not_an_action_is_an_error_at_the_field() {
    let dir = project("");
    finding(
        dir.path(),
        "police",
        "strength",
        "owner: Police\nstatus: done",
    );
    assert_eq!(
        only(dir.path(), "not-an-action"),
        [
            "error[not-an-action]: `owner` belongs to an action, and findings of kind `strength` are not actions\n \
             --> content/findings/police.md:5:8\n  |\n5 | owner: Police\n  |        ^^^^^^\n  |\n\
             help: remove `owner`, or make the kind an action in report.yaml: `finding_kinds: - {id: strength, …, actionable: true}`",
            "error[not-an-action]: `status` belongs to an action, and findings of kind `strength` are not actions\n \
             --> content/findings/police.md:6:9\n  |\n6 | status: done\n  |         ^^^^\n  |\n\
             help: remove `status`, or make the kind an action in report.yaml: `finding_kinds: - {id: strength, …, actionable: true}`",
        ]
    );
    // A kind made an action takes them; one made not an action does not.
    let dir = project(
        "finding_kinds:\n  - {id: strength, label: Strengths, actionable: true}\n  - {id: consideration, label: Areas for consideration, actionable: false}",
    );
    finding(dir.path(), "police", "strength", "owner: Police");
    finding(dir.path(), "later", "consideration", "priority: low");
    assert_eq!(
        only(dir.path(), "not-an-action")
            .iter()
            .map(|d| d.lines().next().unwrap().to_string())
            .collect::<Vec<_>>(),
        [
            "error[not-an-action]: `priority` belongs to an action, and findings of kind `consideration` are not actions"
        ]
    );
}

#[test]
fn an_owner_outside_the_reports_list_is_an_error_with_the_nearest() {
    let dir = project("owners:\n  - Youth justice service\n  - Police\n  - Children's social care");
    finding(dir.path(), "police", "consideration", "owner: Polise");
    assert_eq!(
        only(dir.path(), "unknown-owner"),
        [
            "error[unknown-owner]: `Polise` is not one of the owners report.yaml lists\n \
          --> content/findings/police.md:5:8\n  |\n5 | owner: Polise\n  |        ^^^^^^\n  |\n\
          help: did you mean `Police`? known owners: `Youth justice service`, `Police`, `Children's social care`"
        ]
    );
    // Without a list, an owner is free text; an empty one is still wrong.
    let dir = project("");
    finding(
        dir.path(),
        "police",
        "consideration",
        "owner: The management board",
    );
    finding(dir.path(), "blank", "consideration", "owner: \"  \"");
    // `-` is the plan's mark for no owner: an owner so named would be
    // filtered with the unassigned.
    finding(dir.path(), "dash", "consideration", "owner: \"-\"");
    let (found, code) = diagnostics(dir.path());
    assert_eq!(code, 1);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0]
            .starts_with("error[bad-owner]: `owner` is empty\n --> content/findings/blank.md:5:8"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with(
            "error[bad-owner]: `-` is not an owner: the action plan uses it for an action with none\n --> content/findings/dash.md:5:8"
        ),
        "{found:?}"
    );
}

#[test]
fn a_priority_is_one_of_the_reports_priorities() {
    let dir = project("");
    finding(dir.path(), "police", "consideration", "priority: meduim");
    assert_eq!(
        only(dir.path(), "unknown-priority"),
        [
            "error[unknown-priority]: `meduim` is not a priority of this report\n \
          --> content/findings/police.md:5:11\n  |\n5 | priority: meduim\n  |           ^^^^^^\n  |\n\
          help: did you mean `medium`? known priorities: `high`, `medium`, `low`"
        ]
    );
    let dir = project("priorities: [urgent, routine]");
    finding(dir.path(), "police", "consideration", "priority: high");
    let found = only(dir.path(), "unknown-priority");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].ends_with("help: known priorities: `urgent`, `routine`"),
        "{found:?}"
    );
}

#[test]
fn a_due_date_must_exist_and_should_follow_the_fieldwork() {
    let dir = project("");
    finding(dir.path(), "police", "consideration", "due: 2025-11");
    assert_eq!(
        only(dir.path(), "due-before-fieldwork"),
        [
            "warning[due-before-fieldwork]: the action is due 2025-11, before the fieldwork began (2026-01-12)\n \
          --> content/findings/police.md:5:6\n  |\n5 | due: 2025-11\n  |      ^^^^^^^\n  |\n\
          help: an action arises from the review, so it falls due after it: check the year"
        ]
    );
    // Due in the month the fieldwork began is due after it began.
    finding(dir.path(), "police", "consideration", "due: 2026-01");
    assert_eq!(diagnostics(dir.path()), (Vec::<String>::new(), 0));
    finding(dir.path(), "police", "consideration", "due: 2026-02-30");
    let (found, code) = diagnostics(dir.path());
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("2026-02-30") && found[0].contains("does not exist"),
        "{found:?}"
    );
    assert!(
        found[0].contains("content/findings/police.md:5:"),
        "{found:?}"
    );
}

#[test]
fn a_status_is_one_of_four_and_progress_has_a_date_and_a_note() {
    let dir = project("");
    finding(dir.path(), "police", "consideration", "status: finished");
    let (found, code) = diagnostics(dir.path());
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("content/findings/police.md:5:9"),
        "{found:?}"
    );
    for status in ["not-started", "in-progress", "done", "superseded"] {
        assert!(found[0].contains(&format!("`{status}`")), "{found:?}");
    }
    finding(
        dir.path(),
        "police",
        "consideration",
        "progress:\n  date: 2026-04-01\n  note: \"\"",
    );
    assert_eq!(
        only(dir.path(), "bad-progress"),
        ["error[bad-progress]: `progress.note` is empty\n \
          --> content/findings/police.md:6:3\n  |\n6 |   date: 2026-04-01\n  |   ^\n  |\n\
          help: say what has been done, e.g. `progress: {date: 2026-09-01, note: Protocol agreed with the police}`"]
    );
    finding(
        dir.path(),
        "police",
        "consideration",
        "progress:\n  date: 2026-04-01\n  notes: Drafted",
    );
    let (found, _) = diagnostics(dir.path());
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("error[unknown-key]") && d.contains("`note`")),
        "{found:?}"
    );
}

#[test]
fn with_actions_required_an_action_without_an_owner_is_warned() {
    let dir = project("actions:\n  required: true");
    finding(dir.path(), "police", "consideration", "priority: high");
    assert_eq!(
        only(dir.path(), "missing-owner"),
        [
            "warning[missing-owner]: this area for consideration is an action without an owner\n \
          --> content/findings/police.md:3:7\n  |\n3 | kind: consideration\n  |       ^^^^^^^^^^^^^\n  |\n\
          help: add `owner:` to its front matter (report.yaml sets `actions.required: true`, so every action needs one)"
        ]
    );
    let (code, _, _) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(code, 1);
    // Not required: an action may wait for its owner.
    let dir = project("");
    finding(dir.path(), "police", "consideration", "priority: high");
    assert_eq!(diagnostics(dir.path()), (Vec::<String>::new(), 0));
}

#[test]
fn the_lists_of_owners_and_priorities_are_checked() {
    let dir = project("owners: [Police, Police]\npriorities: []");
    let (found, code) = diagnostics(dir.path());
    assert_eq!(code, 1);
    let firsts: Vec<&str> = found.iter().map(|d| d.lines().next().unwrap()).collect();
    assert_eq!(
        firsts,
        [
            "error[empty-list]: `priorities` is empty, so an action can have no priority",
            "error[duplicate-id]: owner `Police` is listed twice in `owners`",
        ]
    );
}

/// A report with a plan of four actions and a strength, published
/// 2026-03-01, and the folder it builds into.
fn plan() -> tempfile::TempDir {
    let dir = project(
        "published: 2026-03-01\nowners: [Police, Youth justice service, \"=HYPERLINK(\\\"x\\\")\"]",
    );
    finding(
        dir.path(),
        "late",
        "consideration",
        "owner: Police\npriority: medium\ndue: 2026-02\nstatus: in-progress\nprogress:\n  date: 2026-02-10\n  note: \"Protocol drafted, awaiting sign-off, \\\"soon\\\"\"",
    );
    finding(
        dir.path(),
        "urgent",
        "recommendation",
        "owner: Youth justice service\npriority: high\ndue: 2026-06-30",
    );
    finding(
        dir.path(),
        "done",
        "consideration",
        "owner: Police\npriority: high\ndue: 2026-01-31\nstatus: done",
    );
    finding(
        dir.path(),
        "formula",
        "consideration",
        "owner: \"=HYPERLINK(\\\"x\\\")\"",
    );
    dir
}

#[test]
fn the_tracker_file_lists_every_action_in_the_plans_order_ready_for_a_spreadsheet() {
    let dir = plan();
    let (code, _, err) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(dir.path().join("output/data/actions.csv")).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte order mark first"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    // By priority, then due date (none last); the strength is no action.
    assert_eq!(
        text,
        "id,title,standards,owner,priority,due,status,progress_date,progress_note,url\r\n\
         done,Information from the police arrives late,1.2,Police,high,2026-01-31,done,,,domains/1/1-2.html#finding-done\r\n\
         urgent,Information from the police arrives late,1.2,Youth justice service,high,2026-06-30,not-started,,,domains/1/1-2.html#finding-urgent\r\n\
         late,Information from the police arrives late,1.2,Police,medium,2026-02,in-progress,2026-02-10,\"Protocol drafted, awaiting sign-off, \"\"soon\"\"\",domains/1/1-2.html#finding-late\r\n\
         formula,Information from the police arrives late,1.2,\"'=HYPERLINK(\"\"x\"\")\",,,not-started,,,domains/1/1-2.html#finding-formula\r\n"
    );
}

#[test]
fn report_json_carries_the_actions_overdue_on_the_day_asked_else_on_publication() {
    let dir = plan();
    let overdue = |args: &[&str]| -> (serde_json::Value, Vec<(String, serde_json::Value)>) {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let (code, _, err) = run_in(dir.path(), &all);
        assert_eq!(code, 0, "{err}");
        let json = crate::common::report_json(dir.path());
        let marks = json["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["id"].as_str().unwrap().to_string(), a["overdue"].clone()))
            .collect();
        (json["as_of"].clone(), marks)
    };
    let t = serde_json::Value::Bool(true);
    let f = serde_json::Value::Bool(false);
    let n = serde_json::Value::Null;
    // Published 2026-03-01: the February action, still open, is overdue;
    // the done one is not, whatever its date.
    assert_eq!(
        overdue(&[]),
        (
            "2026-03-01".into(),
            vec![
                ("done".into(), f.clone()),
                ("urgent".into(), f.clone()),
                ("late".into(), t.clone()),
                ("formula".into(), f.clone()),
            ]
        )
    );
    // A month is due by its last day.
    assert_eq!(
        overdue(&["--as-of", "2026-02-28"]).1[2],
        ("late".into(), f.clone())
    );
    assert_eq!(
        overdue(&["--as-of", "2026-07-01"]).1,
        vec![
            ("done".into(), f.clone()),
            ("urgent".into(), t.clone()),
            ("late".into(), t.clone()),
            ("formula".into(), f.clone()),
        ]
    );
    // No date to judge by: nothing marked, never the clock.
    let yaml = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replace("published: 2026-03-01\n", "")).unwrap();
    let (as_of, marks) = overdue(&[]);
    assert_eq!(as_of, n);
    assert!(marks.iter().all(|(_, o)| o.is_null()), "{marks:?}");
    // A date that does not exist is refused as content dates are.
    let (code, _, err) = run_in(dir.path(), &["build", "--as-of", "2026-02-30"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the date `2026-02-30` does not exist: February 2026 has 28 days"),
        "{err}"
    );
}

#[test]
fn actions_html_lists_the_plan_with_its_counts_and_overdue_marks() {
    let dir = plan();
    let (code, _, err) = run_in(dir.path(), &["build", "--as-of", "2026-07-01"]);
    assert_eq!(code, 0, "{err}");
    let page = crate::common::page(dir.path(), "actions.html");
    let texts = |s: &str| crate::common::texts(&page, s);
    assert_eq!(texts("h1"), ["Action plan"]);
    assert_eq!(
        texts("main h1 + p"),
        ["The plan has 4 actions. 2 were overdue on 1 July 2026."]
    );
    assert_eq!(
        texts(".action-counts table:first-child tbody tr"),
        ["Not started 2", "In progress 1", "Done 1", "Superseded 0"]
    );
    assert_eq!(
        texts(".action-counts table:last-child tbody tr"),
        ["Police 2", "Youth justice service 1", "=HYPERLINK(\"x\") 1"]
    );
    // In the plan's order; the overdue ones marked in words, and the done
    // one not, though its date is past.
    assert_eq!(
        texts("table.action-plan tbody tr"),
        [
            "Information from the police arrives late Area for consideration 1.2 Police High 31 January 2026 Done",
            "Information from the police arrives late Recommendation 1.2 Youth justice service High 30 June 2026 Overdue Not started",
            "Information from the police arrives late Area for consideration 1.2 Police Medium February 2026 Overdue In progress 10 February 2026 : Protocol drafted, awaiting sign-off, \"soon\"",
            "Information from the police arrives late Area for consideration 1.2 =HYPERLINK(\"x\") Not started",
        ]
    );
    assert_eq!(
        crate::common::attrs(&page, "table.action-plan tbody th a", "href"),
        [
            "domains/1/1-2.html#finding-done",
            "domains/1/1-2.html#finding-urgent",
            "domains/1/1-2.html#finding-late",
            "domains/1/1-2.html#finding-formula",
        ]
    );
    assert_eq!(
        crate::common::attrs(
            &crate::common::page(dir.path(), "index.html"),
            ".actions-link a",
            "href"
        ),
        ["actions.html"]
    );
    // The printable report carries the plan, its links to the findings in
    // the report itself.
    let report = crate::common::page(dir.path(), "report.html");
    assert_eq!(
        crate::common::texts(&report, "#actions h2"),
        ["Action plan"]
    );
    assert_eq!(
        crate::common::attrs(&report, "#actions table.action-plan tbody th a", "href"),
        [
            "#finding-done",
            "#finding-urgent",
            "#finding-late",
            "#finding-formula"
        ]
    );
    assert_eq!(
        crate::common::attrs(&report, "nav a[href='#actions']", "href"),
        ["#actions"]
    );
}

#[test]
fn a_report_without_actions_has_no_plan() {
    let dir = project("");
    let (code, _, err) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(!dir.path().join("output/actions.html").exists());
    assert!(
        crate::common::texts(
            &crate::common::page(dir.path(), "index.html"),
            ".actions-link"
        )
        .is_empty()
    );
    assert!(
        crate::common::texts(&crate::common::page(dir.path(), "report.html"), "#actions")
            .is_empty()
    );
    // No kind is an action: no tracker file either.
    let dir = project("finding_kinds:\n  - {id: strength, label: Strengths}");
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    assert!(!dir.path().join("output/data/actions.csv").exists());
}

/// Every file under `content/`, with its bytes.
fn content_of(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

/// The tracker the build wrote, as the service kept it: its rows edited
/// by `edit`, saved as a spreadsheet saves "CSV UTF-8" (a byte order mark,
/// CRLF), into `tracker.csv` beside the project's content.
fn kept_tracker(dir: &Path, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let written = std::fs::read_to_string(dir.join("output/data/actions.csv")).unwrap();
    let sheet = dir.join("tracker.csv");
    std::fs::write(&sheet, edit(&written)).unwrap();
    sheet
}

#[test]
fn the_trackers_status_and_progress_come_back_into_the_findings_and_nothing_else_changes() {
    let dir = plan();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    let before = content_of(dir.path());
    // The service marks one action done and reports progress on another,
    // adds a column of its own, and keeps a row for an action since
    // removed and one for a strength.
    kept_tracker(dir.path(), |csv| {
        csv.replace(",url\r\n", ",url,lead officer\r\n")
            .replace(
                "urgent,Information from the police arrives late,1.2,Youth justice service,high,2026-06-30,not-started,,,domains/1/1-2.html#finding-urgent\r\n",
                "urgent,Information from the police arrives late,1.2,Youth justice service,high,2026-06-30,done,2026-06-20,\"Handover protocol signed: see minutes, item 4\",domains/1/1-2.html#finding-urgent,J. Bloggs\r\n",
            )
            .replace(",in-progress,2026-02-10,", ",in-progress,2026-04-02,")
            + "retired,An old action,1.1,Police,low,,not-started,,,,\r\nboard,The board challenges the service,1.1,,,,done,,,,\r\nformula.md,,,,,,done,,,,\r\n"
    });
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(
        err,
        "updated `content/findings/urgent.md`: status done, progress 2026-06-20\n\
         updated `content/findings/late.md`: status in-progress, progress 2026-04-02\n\
         2 findings updated, 2 already as the sheet says\n\
         refused 3 rows of `tracker.csv`:\n  \
         line 6: no action has the id `retired`; known actions: `done`, `formula`, `late`, `urgent`\n  \
         line 7: the finding `board` is not an action (its kind is not actionable)\n  \
         line 8: no action has the id `formula.md`; an id is its finding's file name without `.md`: `formula`\n"
    );
    assert_eq!(code, 1);
    let after = content_of(dir.path());
    // Only the two findings changed, and in them only those lines.
    let changed: Vec<&String> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert_eq!(
        changed,
        ["content/findings/late.md", "content/findings/urgent.md"]
    );
    assert_eq!(
        String::from_utf8(after["content/findings/urgent.md"].clone()).unwrap(),
        "---\ntitle: Information from the police arrives late\nkind: recommendation\ncriteria: [\"1.2\"]\nowner: Youth justice service\npriority: high\ndue: 2026-06-30\nstatus: done\nprogress:\n  date: 2026-06-20\n  note: \"Handover protocol signed: see minutes, item 4\"\n---\nNotifications of arrests reached case managers days after the event.\n"
    );
    assert_eq!(
        String::from_utf8(after["content/findings/late.md"].clone()).unwrap(),
        "---\ntitle: Information from the police arrives late\nkind: consideration\ncriteria: [\"1.2\"]\nowner: Police\npriority: medium\ndue: 2026-02\nstatus: in-progress\nprogress:\n  date: 2026-04-02\n  note: \"Protocol drafted, awaiting sign-off, \\\"soon\\\"\"\n---\nNotifications of arrests reached case managers days after the event.\n"
    );
    // Round trip: the next build's tracker, imported, changes nothing.
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    let settled = content_of(dir.path());
    kept_tracker(dir.path(), str::to_string);
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(
        (code, err.as_str()),
        (0, "0 findings updated, 4 already as the sheet says\n")
    );
    assert_eq!(content_of(dir.path()), settled);
}

#[test]
fn a_tracker_with_a_bad_cell_changes_nothing_and_says_where() {
    let dir = plan();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    let before = content_of(dir.path());
    kept_tracker(dir.path(), |csv| {
        csv.replace(",done,,,domains", ",finished,,,domains")
            .replace(",in-progress,2026-02-10,", ",in-progress,2026-02-30,")
    });
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `tracker.csv`:2:74: `finished` is not a status: write one of `not-started`, `in-progress`, `done`, `superseded`\n\
         error: `tracker.csv`:4:85: the date `2026-02-30` does not exist: February 2026 has 28 days\n\
         nothing was changed: put the sheet right, then import it again\n"
    );
    assert_eq!(content_of(dir.path()), before);

    // The sheet saved by a spreadsheet that wrote the date its own way.
    kept_tracker(dir.path(), |csv| {
        csv.replace(",in-progress,2026-02-10,", ",in-progress,10/02/2026,")
    });
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `tracker.csv`:4:85: `10/02/2026` is not a date: write YYYY-MM-DD (e.g. 2020-03-10) or YYYY-MM; a spreadsheet saves dates in its own form: format the column as text (or with the custom format yyyy-mm-dd) and save the sheet again\n\
         nothing was changed: put the sheet right, then import it again\n"
    );
    assert_eq!(content_of(dir.path()), before);
}

#[test]
fn a_column_of_the_services_own_named_like_ours_is_refused_not_read() {
    let dir = plan();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    let before = content_of(dir.path());
    // The service adds an empty "Status" column of its own at the end:
    // read instead of Evident's, it would set every action not started.
    kept_tracker(dir.path(), |csv| {
        csv.replace(",url\r\n", ",url,Status\r\n")
            .replace("\r\n", ",\r\n")
            .replacen(",url,Status,\r\n", ",url,Status\r\n", 1)
    });
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `tracker.csv`:1:78: two columns are named `status` (column 7 and column 11): Evident would not know which to read. Rename or remove one\n\
         nothing was changed: put the sheet right, then import it again\n"
    );
    assert_eq!(content_of(dir.path()), before);
}

#[test]
fn import_reads_the_sheet_as_a_person_typed_it_and_keeps_each_files_own_form() {
    let dir = plan();
    let urgent = dir.path().join("content/findings/urgent.md");
    let late = dir.path().join("content/findings/late.md");
    // A finding saved with a byte order mark, kept private to its owner;
    // another whose note is a YAML block, with a comment after a tab.
    let text = std::fs::read_to_string(&urgent).unwrap();
    std::fs::write(&urgent, format!("\u{feff}{text}")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&urgent, std::fs::Permissions::from_mode(0o600)).unwrap();
    let text = std::fs::read_to_string(&late).unwrap();
    let block = "status: in-progress\t# agreed at the board\nprogress:\n  date: 2026-02-10\n  note: |\n    Protocol drafted,\n    awaiting sign-off\n---\n";
    std::fs::write(
        &late,
        text.replacen(
            "status: in-progress\nprogress:\n  date: 2026-02-10\n  note: \"Protocol drafted, awaiting sign-off, \\\"soon\\\"\"\n---\n",
            block,
            1,
        ),
    )
    .unwrap();
    assert!(std::fs::read_to_string(&late).unwrap().contains(block));
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);

    // The sheet as it comes back: unchanged, it changes nothing (the
    // block's note is the same note without its last line break).
    kept_tracker(dir.path(), str::to_string);
    let before = content_of(dir.path());
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(
        (code, err.as_str()),
        (0, "0 findings updated, 4 already as the sheet says\n")
    );
    assert_eq!(content_of(dir.path()), before);

    // Statuses typed as a person would, under headings typed so too.
    kept_tracker(dir.path(), |csv| {
        csv.replacen(
            "progress_date,progress_note",
            "Progress Date,Progress note",
            1,
        )
        .replace(
            ",high,2026-06-30,not-started,",
            ",high,2026-06-30, In Progress ,",
        )
        .replace(",medium,2026-02,in-progress,", ",medium,2026-02,DONE,")
    });
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "updated `content/findings/urgent.md`: status in-progress\n\
         updated `content/findings/late.md`: status done, progress 2026-02-10\n\
         2 findings updated, 2 already as the sheet says\n"
    );
    let urgent_now = std::fs::read_to_string(&urgent).unwrap();
    assert!(urgent_now.starts_with("\u{feff}---\n"), "{urgent_now:?}");
    assert!(urgent_now.contains("\nstatus: in-progress\n"));
    assert_eq!(
        std::fs::metadata(&urgent).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let late_now = std::fs::read_to_string(&late).unwrap();
    assert!(
        late_now.contains(&block.replace("status: in-progress\t", "status: done\t")),
        "{late_now}"
    );
}

#[test]
fn import_replaces_a_linked_finding_and_never_writes_through_the_link() {
    let dir = plan();
    // A finding kept elsewhere in the project and linked into content/.
    let outside = dir.path().join("kept/urgent.md");
    std::fs::create_dir_all(outside.parent().unwrap()).unwrap();
    let finding = dir.path().join("content/findings/urgent.md");
    std::fs::rename(&finding, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &finding).unwrap();
    let kept = std::fs::read(&outside).unwrap();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    kept_tracker(dir.path(), |csv| {
        csv.replace(
            ",high,2026-06-30,not-started,",
            ",high,2026-06-30,in-progress,",
        )
    });
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(code, 0, "{err}");
    // The link was replaced by the edited file; what it led to is as it was.
    assert!(
        !std::fs::symlink_metadata(&finding)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&finding)
            .unwrap()
            .contains("status: in-progress\n")
    );
    assert_eq!(std::fs::read(&outside).unwrap(), kept);

    // A finding in a linked folder inside the project is replaced where
    // the folder leads (the link stays a link).
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::rename(
        dir.path().join("content/findings/late.md"),
        shared.join("late.md"),
    )
    .unwrap();
    let folder = dir.path().join("content/findings/partners");
    std::os::unix::fs::symlink(&shared, &folder).unwrap();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    kept_tracker(dir.path(), |csv| {
        csv.replace(",medium,2026-02,in-progress,", ",medium,2026-02,done,")
    });
    let (code, _, err) = run_in(dir.path(), &["actions", "import", "tracker.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("updated `content/findings/partners/late.md`: status done"),
        "{err}"
    );
    assert!(
        std::fs::symlink_metadata(&folder)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(shared.join("late.md"))
            .unwrap()
            .contains("\nstatus: done\n")
    );
}

#[test]
fn at_the_next_review_changes_html_lists_the_previous_actions_beside_the_new_findings() {
    let dir = plan();
    // The first review's last build: one action done by then.
    let urgent = dir.path().join("content/findings/urgent.md");
    let text = std::fs::read_to_string(&urgent).unwrap();
    std::fs::write(
        &urgent,
        text.replace("due: 2026-06-30\n", "due: 2026-06-30\nstatus: done\n"),
    )
    .unwrap();
    assert_eq!(run_in(dir.path(), &["build", "-o", "first"]).0, 0);
    // The re-review: the old findings as they were, a new one on 1.2 and
    // one on 1.1 only.
    write_inline(
        dir.path(),
        "-- content/findings/handover.md --\n---\ntitle: Arrest notifications now arrive the next day\nkind: strength\ncriteria: [\"1.2\"]\n---\nThe protocol works.\n\
         -- content/findings/elsewhere.md --\n---\ntitle: The board meets monthly\nkind: strength\ncriteria: [\"1.1\"]\n---\nIt does.\n",
    );
    let (code, _, err) = run_in(dir.path(), &["build", "--compare", "first"]);
    assert_eq!(code, 0, "{err}");
    let page = crate::common::page(dir.path(), "changes.html");
    let rows = crate::common::texts(&page, "section[aria-labelledby=changes-actions] tbody tr");
    assert_eq!(rows.len(), 4, "{rows:?}");
    // The urgent action, done by the end of the first review, beside every
    // finding on 1.2 now (the new one among them), and not the one on 1.1.
    let urgent_row = rows
        .iter()
        .find(|r| r.contains("Youth justice service"))
        .unwrap();
    assert!(urgent_row.contains(" Done "), "{urgent_row}");
    assert!(
        urgent_row.contains("Arrest notifications now arrive the next day Strength"),
        "{urgent_row}"
    );
    assert!(
        !urgent_row.contains("The board meets monthly"),
        "{urgent_row}"
    );
    assert_eq!(
        crate::common::texts(&page, "#changes-actions"),
        ["The previous review's actions"]
    );
    // Data from before actions were published has no such section.
    let json = dir.path().join("first/data/report.json");
    let mut data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    data.as_object_mut().unwrap().remove("actions");
    std::fs::write(&json, serde_json::to_vec(&data).unwrap()).unwrap();
    let (code, _, err) = run_in(dir.path(), &["build", "--compare", "first"]);
    assert_eq!(code, 0, "{err}");
    let page = crate::common::page(dir.path(), "changes.html");
    assert!(crate::common::texts(&page, "#changes-actions").is_empty());
}

/// An action on no standard (a finding about the service as a whole) is
/// offered by the standard filter as "No standard", and its row says so to
/// the script that filters and groups it; with every action on a standard,
/// the choice is not offered.
#[test]
fn actions_on_no_standard_have_a_filter_choice_of_their_own() {
    let dir = plan();
    let choices = |dir: &Path| {
        let (code, _, err) = run_in(dir, &["build"]);
        assert_eq!(code, 0, "{err}");
        let page = crate::common::page(dir, "actions.html");
        (
            crate::common::attrs(&page, "#filter-action-standard option", "value"),
            crate::common::texts(&page, "#filter-action-standard option"),
            crate::common::attrs(&page, "tr.action-row", "data-criteria"),
        )
    };
    let (values, _, rows) = choices(dir.path());
    assert_eq!(values, ["", "1.2"]);
    assert!(rows.iter().all(|r| r == "1.2 "), "{rows:?}");
    write_inline(
        dir.path(),
        "-- content/findings/data.md --\n---\ntitle: Using performance information\nkind: consideration\ncriteria: []\n---\nThe board sees few figures.\n",
    );
    let (values, texts, rows) = choices(dir.path());
    assert_eq!(values, ["", "1.2", "-"]);
    assert_eq!(texts, ["Any standard", "1.2 Partnerships", "No standard"]);
    assert_eq!(rows.iter().filter(|r| *r == "-").count(), 1, "{rows:?}");
}
