//! `evident init [DIR] [--framework NAME]`: scaffold a review project that
//! builds at once: `report.yaml`, a built-in framework (the current one
//! unless named), one example of each content type,
//! a `.gitignore`, and the content files' JSON Schemas with the editor
//! settings that use them.

use super::{FAILURE, OK, fail, frameworks, schema};
use crate::check::placeholders;
use crate::diagnostic::{code_list, nearest};
use crate::embedded;
use crate::files::{self, Boundary, FileError};
use crate::model::Framework;
use std::fs;
use std::path::Path;

/// `report.yaml`, with the example fieldwork dates. The texts to replace
/// come from [`placeholders`], which `check` looks for.
fn report(start: &str, end: &str) -> String {
    format!(
        r#"# Review metadata and site settings. Every key is described in docs/authoring.md.
title: {title}
subtitle: Feedback report
organisation: {organisation}
review_type: Peer review
review_team:
  - role: Lead reviewer
    organisation: {reviewing}
fieldwork: {{start: {start}, end: {end}}}
status: draft
classification: OFFICIAL
scope: ["2", "3"]
show_ratings: false
# What the case figures are: final, provisional or illustrative.
figures: illustrative
# Percentages of fewer cases than this carry a small-sample note. One
# example case is no sample: remove this line once the audits are in (the
# default is 10).
small_sample: 1
"#,
        title = placeholders::TITLE,
        organisation = placeholders::ORGANISATION,
        reviewing = placeholders::REVIEWING_ORGANISATION,
    )
}

fn summary() -> String {
    format!("---\ntitle: Summary\n---\n{}\n", placeholders::SUMMARY)
}

fn page() -> String {
    format!(
        "---\ntitle: Background and scope\norder: 1\nposition: before\n---\n{}\n\n## Scope\n\n{}\n",
        placeholders::BACKGROUND,
        placeholders::BACKGROUND_SCOPE
    )
}

fn finding() -> String {
    format!(
        "---\ntitle: Assessments draw on the views of the child and family\nkind: strength\ncriteria: [\"2.1\"]\nfocus: [example-focus]\ncases: [C01]\norder: 10\n---\n{}\n",
        placeholders::EXAMPLE_FINDING
    )
}

fn focus() -> String {
    format!(
        "---\ntitle: {}\norder: 1\n---\n{}\n",
        placeholders::EXAMPLE_FOCUS_TITLE,
        placeholders::EXAMPLE_FOCUS
    )
}

fn narrative() -> String {
    format!("---\ntitle: Assessment\n---\n{}\n", placeholders::NARRATIVE)
}

const GITIGNORE: &str =
    "# Built by `evident build`; never edit by hand.\n/output/\n/output-public/\n";

/// Example fieldwork dates, and a start month for the example case some
/// months before them, that fall within the years the framework was in
/// use: a project started on older standards checks clean too.
fn example_dates(fw: &Framework) -> (String, String, String) {
    match fw.applies_until.as_ref().map(|d| &d.value) {
        // The first days of the framework's last month in use.
        Some(until) => (
            format!("{:04}-{:02}-01", until.year, until.month),
            format!("{:04}-{:02}-03", until.year, until.month),
            format!("{:04}-09", until.year - 1),
        ),
        None => (
            "2026-01-12".to_string(),
            "2026-01-14".to_string(),
            "2025-09".to_string(),
        ),
    }
}

fn case_file(started: &str) -> String {
    let mut s = format!(
        "# One case audit (a file may also hold a list of them). Ids are pseudonymous.\nid: C01\ndomain: \"2\"\ndisposal: Referral order\naudit: file-read\nstarted: {started}\nfocus: [example-focus]\nanswers:\n",
    );
    for standard in 1..=4 {
        for question in 1..=3 {
            s.push_str(&format!("  \"2.{standard}.{question}\": \"yes\"\n"));
        }
    }
    s.push_str(&format!("notes: {}\n", placeholders::CASE_NOTES));
    s
}

/// Run `init` with the built-in framework `framework` (a name or alias).
pub fn run(dir: &Path, framework: &str, force: bool) -> u8 {
    let Some(embedded) = embedded::framework(framework) else {
        let names: Vec<&str> = embedded::FRAMEWORKS
            .iter()
            .map(|f| f.name)
            .chain(embedded::FRAMEWORK_ALIASES.iter().map(|(alias, _)| *alias))
            .collect();
        let hint = nearest(framework, &names)
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        return fail(&format!(
            "there is no built-in framework `{framework}`; {hint}the built-in ones are {} (`evident frameworks` lists them with their dates)",
            code_list(embedded::FRAMEWORKS.iter().map(|f| f.name))
        ));
    };
    // A project inside another's sources would be read as part of that
    // one (its files as the outer review's content, or as a theme's), and
    // `--force` would add the example files to it: refused either way.
    if let Some((outer, folder)) = crate::project::enclosing(dir) {
        return fail(&format!(
            "`{}` is inside the `{folder}/` folder of the review project in `{}`; a project there would be read as part of that one. Run `evident init` outside its `content/` and `themes/` folders",
            dir.display(),
            outer.display()
        ));
    }
    let (start, end, started) = example_dates(&frameworks::load(embedded));
    let report = report(&start, &end);
    let mut non_empty = false;
    if dir.exists() {
        non_empty = match fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_some(),
            Err(e) => return fail(&format!("cannot read `{}`: {e}", dir.display())),
        };
        if non_empty && !force {
            return fail(&format!(
                "`{}` is not empty; run `evident init` in an empty folder, or pass --force to add the missing files (existing files are never overwritten)",
                dir.display()
            ));
        }
    }
    let files: Vec<(String, String)> = vec![
        ("content/report.yaml".into(), report),
        (
            format!("content/criteria/{}.yaml", embedded.name),
            embedded.yaml.into(),
        ),
        ("content/summary.md".into(), summary()),
        ("content/pages/background.md".into(), page()),
        (
            "content/findings/assessment/views-of-child.md".into(),
            finding(),
        ),
        ("content/cases/C01.yaml".into(), case_file(&started)),
        ("content/focus/example-focus.md".into(), focus()),
        ("content/standards/2.1.md".into(), narrative()),
        (".gitignore".into(), GITIGNORE.into()),
        (
            ".vscode/settings.json".into(),
            schema::VSCODE_SETTINGS.into(),
        ),
    ];
    let schemas = embedded::SCHEMAS
        .iter()
        .map(|(name, text)| (format!("{}/{name}", schema::DIR), text.to_string()));
    let mut files: Vec<(String, String)> = files.into_iter().chain(schemas).collect();
    // A review has one framework: one already in the project is kept, and
    // the one asked for is not added beside it.
    let framework_file = format!("content/criteria/{}.yaml", embedded.name);
    let other_framework = fs::read_dir(dir.join("content/criteria"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") && format!("content/criteria/{n}") != framework_file)
        .min();
    if let Some(other) = &other_framework {
        files.retain(|(rel, _)| *rel != framework_file);
        eprintln!(
            "kept the framework `content/criteria/{other}`; a review has one, so `{}` was not added",
            embedded.name
        );
    }
    let mut added = 0;
    // Files go inside the new project only (or inside what its `content/`
    // leads to): a folder linked out of it is not written through.
    let boundary = Boundary::new(dir, "content");
    for (rel, text) in &files {
        let path = dir.join(rel);
        let Some(parent) = path.parent() else {
            continue;
        };
        if !boundary.contains(parent) {
            return fail(&format!(
                "`{}` leads outside the project (a folder on the way is a link); Evident never writes there. Remove the link, or run `evident init` in another folder",
                parent.display()
            ));
        }
        if let Err(e) = fs::create_dir_all(parent) {
            return fail(&FileError::new("create", parent, e).to_string());
        }
        match files::create_new(&path, text.as_bytes()) {
            // Into a folder that had files, each one added is named.
            Ok(()) => {
                added += 1;
                if non_empty {
                    eprintln!("added `{rel}`");
                }
            }
            // Whatever is there (a file, a folder, a link, even a link to
            // nothing) is kept, never written through.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                if files::is_link(&path) {
                    eprintln!("left the link `{rel}` alone (Evident never writes through links)");
                } else {
                    eprintln!("kept existing `{rel}`");
                }
            }
            Err(e) => {
                eprintln!("error: {}", FileError::new("write", &path, e));
                return FAILURE;
            }
        }
    }
    if non_empty && added == 0 {
        eprintln!(
            "nothing to add: `{}` has every file `evident init` makes",
            dir.display()
        );
        return OK;
    }
    eprintln!(
        "created a review project in `{}`; next: `evident build --root {}`",
        dir.display(),
        dir.display()
    );
    OK
}
