//! Finding the project as a reviewer meets it: commands typed in a
//! sub-folder of the review with no `--root`, relative paths as typed,
//! and `init` kept out of another project's sources.

use crate::common::{repo_root, run_in};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A copy of the worked example in `review/`, with a folder of the
/// reviewer's own notes beside `content/`.
fn review() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(
        &repo_root().join("content"),
        &dir.path().join("review/content"),
    );
    std::fs::create_dir_all(dir.path().join("review/notes")).unwrap();
    dir
}

/// The project folder as the system names it (what `note:` shows).
fn real(path: &Path) -> PathBuf {
    path.canonicalize().unwrap()
}

fn note(dir: &tempfile::TempDir) -> String {
    format!(
        "note: using the review project in `{}`\n",
        real(&dir.path().join("review")).display()
    )
}

#[test]
fn check_in_a_sub_folder_finds_the_project_and_says_which() {
    let dir = review();
    let deep = dir.path().join("review/content/findings/assessment");
    let (code, out, err) = run_in(&deep, &["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err, format!("{}no problems found\n", note(&dir)));
    // At the project's root, nothing is said about where it is.
    let (code, _, err) = run_in(&dir.path().join("review"), &["check"]);
    assert_eq!((code, err.as_str()), (0, "no problems found\n"));
}

#[test]
fn check_json_in_a_sub_folder_keeps_standard_output_clean() {
    let dir = review();
    std::fs::write(
        dir.path().join("review/content/pages/extra.md"),
        "---\ntitle: Extra\nknid: x\n---\nText.\n",
    )
    .unwrap();
    let (code, out, err) = run_in(
        &dir.path().join("review/content/pages"),
        &["check", "--format", "json"],
    );
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(json["diagnostics"][0]["file"], "content/pages/extra.md");
    assert_eq!(err, note(&dir));
}

#[test]
fn build_in_a_sub_folder_writes_the_projects_output() {
    let dir = review();
    let notes = dir.path().join("review/notes");
    let (code, _, err) = run_in(&notes, &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("review/output/index.html").is_file());
    assert!(!notes.join("output").exists());
    assert!(err.starts_with(&note(&dir)), "{err}");
    assert!(err.contains(" into `../output` in "), "{err}");
}

#[test]
fn an_output_folder_is_taken_from_the_current_folder_as_typed() {
    let dir = review();
    let notes = dir.path().join("review/notes");
    let (code, _, err) = run_in(&notes, &["build", "-o", "site"]);
    assert_eq!(code, 0, "{err}");
    assert!(notes.join("site/index.html").is_file());
    assert!(!dir.path().join("review/site").exists());
    assert!(err.contains(" into `site` in "), "{err}");
    // In `content/`, the same words would write into the review: refused.
    let (code, _, err) = run_in(&dir.path().join("review/content"), &["build", "-o", "site"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.ends_with("error: the output folder `site` is, holds or lies inside the project's `content/`; Evident never writes there. Choose another folder with -o\n"),
        "{err}"
    );
    assert!(!dir.path().join("review/content/site").exists());
}

#[test]
fn new_in_a_sub_folder_writes_into_the_project_and_shows_the_path_from_there() {
    let dir = review();
    let findings = dir.path().join("review/content/findings");
    let (code, out, err) = run_in(&findings, &["new", "finding", "planning/goals-agreed"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "created planning/goals-agreed.md\n");
    assert_eq!(err, note(&dir));
    assert!(findings.join("planning/goals-agreed.md").is_file());
    let (code, out, _) = run_in(&findings, &["new", "case", "C19"]);
    assert_eq!((code, out.as_str()), (0, "created ../cases/C19.yaml\n"));
    let (code, out, _) = run_in(&dir.path().join("review"), &["new", "focus", "housing"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "created content/focus/housing.md\n")
    );
    // From beside the project, with --root as typed.
    let (code, out, err) = run_in(dir.path(), &["new", "page", "method", "--root", "review"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "created review/content/pages/method.md\n", "")
    );
}

#[test]
fn schema_in_a_sub_folder_writes_beside_the_projects_editor_settings() {
    let dir = review();
    let (code, out, err) = run_in(&dir.path().join("review/content/cases"), &["schema"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, note(&dir));
    assert!(
        dir.path()
            .join("review/schemas/report.schema.json")
            .is_file()
    );
    assert!(out.starts_with("wrote ../../schemas/"), "{out}");
    assert!(!dir.path().join("review/content/cases/schemas").exists());
    // `-o` is a folder from here, and needs no project.
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(elsewhere.path(), &["schema", "-o", "mine"]);
    assert_eq!(code, 0, "{err}");
    assert!(elsewhere.path().join("mine/case.schema.json").is_file());
}

#[test]
fn outside_any_project_each_command_says_what_it_looked_for_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let expected = format!(
        "error: no review project here: looked for `content/report.yaml` in `{}` and in every folder above it. Run `evident init` to start a project, or pass --root with the folder that holds `content/`\n",
        real(dir.path()).display()
    );
    for args in [
        &["check"][..],
        &["build"],
        &["serve", "--port", "0"],
        &["new", "page", "x"],
        &["schema"],
    ] {
        let (code, out, err) = run_in(dir.path(), args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert_eq!(err, expected, "{args:?}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn init_refuses_a_project_inside_another_projects_sources() {
    let dir = review();
    let review_at = real(&dir.path().join("review"));
    std::fs::create_dir_all(dir.path().join("review/themes/house")).unwrap();
    for (from, target, force, folder) in [
        ("review/content", "inner", false, "content"),
        ("review/content/findings", ".", true, "content"),
        ("review", "content", true, "content"),
        ("review/themes/house", ".", true, "themes"),
        ("review", "themes/new", false, "themes"),
    ] {
        let mut args = vec!["init", target];
        if force {
            args.push("--force");
        }
        let (code, out, err) = run_in(&dir.path().join(from), &args);
        assert_eq!((code, out.as_str()), (2, ""), "{from} {args:?}");
        assert_eq!(
            err,
            format!(
                "error: `{target}` is inside the `{folder}/` folder of the review project in `{}`; a project there would be read as part of that one. Run `evident init` outside its `content/` and `themes/` folders\n",
                review_at.display()
            ),
            "{from} {args:?}"
        );
    }
    assert!(!dir.path().join("review/content/inner").exists());
    assert!(!dir.path().join("review/content/findings/content").exists());
    assert!(!dir.path().join("review/content/content").exists());
    assert!(!dir.path().join("review/themes/new").exists());
    assert!(!dir.path().join("review/themes/house/content").exists());
    // Beside `content/` in the same folder, a project of its own is fine.
    let (code, _, err) = run_in(&dir.path().join("review/notes"), &["init", "second"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        dir.path()
            .join("review/notes/second/content/report.yaml")
            .is_file()
    );
}

#[cfg(unix)]
#[test]
fn a_content_folder_linked_to_a_shared_one_is_found_from_inside_it() {
    // A team keeps `content/` in a synced folder and links it into the
    // project; a reviewer `cd`s into it through the link. The shell's
    // PWD says where they are; the system's own idea of the current
    // folder is the synced one.
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared/northbrook-content");
    crate::common::copy_dir(&repo_root().join("content"), &shared);
    std::fs::create_dir(dir.path().join("review")).unwrap();
    std::os::unix::fs::symlink(&shared, dir.path().join("review/content")).unwrap();
    let logical = dir.path().join("review/content/findings");
    let out = crate::common::evident_in(&logical)
        .env("PWD", &logical)
        .args(["new", "finding", "linked"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        err,
        format!(
            "note: using the review project in `{}`\n",
            dir.path().join("review").display()
        )
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "created linked.md\n");
    assert!(shared.join("findings/linked.md").is_file());
    // Nor is a project made there: it is inside the review's content.
    let out = crate::common::evident_in(&logical)
        .env("PWD", &logical)
        .args(["init", "inner"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(
            "error: `inner` is inside the `content/` folder of the review project in `"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!shared.join("findings/inner").exists());
    // A PWD that names another folder (left over from elsewhere) is not
    // believed.
    let empty = tempfile::tempdir().unwrap();
    let out = crate::common::evident_in(empty.path())
        .env("PWD", dir.path().join("review"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!(
            "looked for `content/report.yaml` in `{}`",
            real(empty.path()).display()
        )),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
