//! Nothing lost, nothing read or written outside the project: each test is
//! an attack or a slip as a contributor or a careless author would make
//! it (a planted link, a stray marker file, `-o` pointed at the project),
//! run from inside the project the way users type the commands.
#![cfg(unix)]

use crate::common::{run_in, worked_example, write_inline};
use std::os::unix::fs::symlink;
use std::path::Path;

/// Every file under `dir`, as path → bytes, links not followed.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The words Evident writes into its marker file.
const MARKER_TEXT: &str = "This folder is built by Evident and is replaced on every build.\n";

#[test]
fn an_output_folder_holding_the_project_is_refused_whatever_its_marker() {
    let parent = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_in(parent.path(), &["init", "m1"]);
    assert_eq!(code, 0, "{stderr}");
    let project = parent.path().join("m1");
    let before = tree(&project);
    // A stray empty marker, then one with Evident's own words: neither may
    // make the project itself (or its parent) a folder to replace.
    for marker in ["", MARKER_TEXT] {
        std::fs::write(project.join(".evident-output"), marker).unwrap();
        std::fs::write(parent.path().join(".evident-output"), marker).unwrap();
        for (cwd, args) in [
            (parent.path(), ["build", "--root", "m1", "-o", "m1"]),
            (&project, ["build", "--root", ".", "-o", "."]),
            (&project, ["build", "--root", ".", "-o", ".."]),
            (&project, ["build", "--root", ".", "-o", "content/.."]),
        ] {
            let (code, _, stderr) = run_in(cwd, &args);
            assert_eq!(code, 2, "{args:?} with marker {marker:?}: {stderr}");
            assert!(
                stderr.contains("holds the project itself"),
                "{args:?}: {stderr}"
            );
        }
    }
    std::fs::remove_file(project.join(".evident-output")).unwrap();
    assert_eq!(tree(&project), before, "the project is untouched");
}

#[test]
fn output_that_is_or_holds_content_or_themes_is_refused() {
    let dir = worked_example();
    std::fs::create_dir_all(dir.path().join("themes/mine/templates")).unwrap();
    for out in ["content", "themes", "themes/mine", "content/findings"] {
        std::fs::write(dir.path().join(out).join(".evident-output"), MARKER_TEXT).unwrap();
        let (code, _, stderr) = run_in(dir.path(), &["build", "-o", out]);
        assert_eq!(code, 2, "{out}: {stderr}");
        assert!(
            stderr.contains("Evident never writes there"),
            "{out}: {stderr}"
        );
        std::fs::remove_file(dir.path().join(out).join(".evident-output")).unwrap();
    }
    assert!(dir.path().join("content/report.yaml").is_file());
    // `content/` linked to a folder elsewhere: an output folder holding that
    // folder is refused too (resolved through the link).
    let outer = tempfile::tempdir().unwrap();
    let synced = outer.path().join("sync/content");
    std::fs::create_dir_all(outer.path().join("sync")).unwrap();
    crate::common::copy_dir(&dir.path().join("content"), &synced);
    std::fs::remove_dir_all(dir.path().join("content")).unwrap();
    symlink(&synced, dir.path().join("content")).unwrap();
    let sync = outer.path().join("sync");
    std::fs::write(sync.join(".evident-output"), MARKER_TEXT).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", sync.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("Evident never writes there"), "{stderr}");
    assert!(synced.join("report.yaml").is_file());
    // And the project builds from the synced folder.
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_stray_or_linked_marker_does_not_make_a_folder_replaceable() {
    let dir = worked_example();
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("thesis.docx"), "years of work").unwrap();
    // An empty marker (`touch`), a marker with other words, and a link to a
    // real marker: none is Evident's.
    let real = dir.path().join("real-marker");
    std::fs::write(&real, MARKER_TEXT).unwrap();
    for plant in ["empty", "other", "link"] {
        let marker = work.join(".evident-output");
        let _ = std::fs::remove_file(&marker);
        match plant {
            "empty" => std::fs::write(&marker, "").unwrap(),
            "other" => std::fs::write(&marker, "mine\n").unwrap(),
            _ => symlink(&real, &marker).unwrap(),
        }
        let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "work"]);
        assert_eq!(code, 2, "{plant}: {stderr}");
        assert!(stderr.contains("was not created by Evident"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(work.join("thesis.docx")).unwrap(),
            "years of work"
        );
    }
    // What Evident built, it may replace again.
    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "site"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn an_output_link_is_followed_and_kept() {
    let dir = worked_example();
    let published = tempfile::tempdir().unwrap();
    let www = published.path().join("www");
    std::fs::create_dir(&www).unwrap();
    symlink(&www, dir.path().join("output")).unwrap();
    for _ in 0..2 {
        let (code, _, stderr) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            std::fs::symlink_metadata(dir.path().join("output"))
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link stays a link"
        );
        assert!(www.join("index.html").is_file(), "built where it leads");
    }
    // A link to nothing is refused, and nothing is created where it leads.
    let gone = published.path().join("gone");
    symlink(&gone, dir.path().join("dangling")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "dangling"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!gone.exists());
}

/// A secret outside the project, as `/etc/passwd` or a home folder's
/// files would be.
fn secret(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("secret.md");
    std::fs::write(
        &path,
        "---\ntitle: SECRET-TITLE\n---\nroot:x:0:0:SECRET-LINE\n",
    )
    .unwrap();
    path
}

/// Everything a build showed or wrote, as one text.
fn everything(dir: &Path, stdout: &str, stderr: &str) -> String {
    let mut all = format!("{stdout}{stderr}");
    if dir.join("output").is_dir() {
        for (_, bytes) in tree(&dir.join("output")) {
            all.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    all
}

#[test]
fn content_linked_to_a_file_outside_the_project_is_never_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = secret(outside.path());
    for planted in [
        "content/standards/2.1.md",
        "content/findings/leak.md",
        "content/pages/leak.md",
        "content/cases/leak.yaml",
    ] {
        let dir = worked_example();
        let path = dir.path().join(planted);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        symlink(&secret, &path).unwrap();
        for command in ["check", "build"] {
            let (code, stdout, stderr) = run_in(dir.path(), &[command]);
            assert_eq!(code, 1, "{planted}: {stderr}");
            assert!(
                stderr.contains(planted) && stderr.contains("outside the project"),
                "{planted}: {stderr}"
            );
            let all = everything(dir.path(), &stdout, &stderr);
            assert!(!all.contains("SECRET"), "{planted}: the target leaked");
        }
    }
}

#[test]
fn the_builds_own_environment_is_never_published() {
    let dir = worked_example();
    let planted = dir.path().join("content/standards/2.1.md");
    std::fs::create_dir_all(planted.parent().unwrap()).unwrap();
    symlink("/proc/self/environ", &planted).unwrap();
    let out = crate::common::evident_in(dir.path())
        .arg("build")
        .env("EVIDENT_TEST_SECRET", "ENVIRONMENT-SECRET")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let all = everything(dir.path(), &String::from_utf8_lossy(&out.stdout), &stderr);
    assert!(!all.contains("ENVIRONMENT-SECRET"));
}

#[test]
fn a_folder_linked_from_outside_is_not_walked_but_one_inside_is() {
    let dir = worked_example();
    let outside = tempfile::tempdir().unwrap();
    secret(outside.path());
    symlink(
        outside.path(),
        dir.path().join("content/findings/elsewhere"),
    )
    .unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("content/findings/elsewhere"),
        "the link is named: {stderr}"
    );
    assert!(!everything(dir.path(), &stdout, &stderr).contains("SECRET"));
    // The same folder inside the project is read.
    std::fs::remove_file(dir.path().join("content/findings/elsewhere")).unwrap();
    write_inline(
        dir.path(),
        "-- shared/kept.md --\n---\ntitle: Kept in a shared folder\nkind: strength\ncriteria: [\"2.1\"]\n---\nText.\n",
    );
    symlink(
        "../../shared",
        dir.path().join("content/findings/elsewhere"),
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(dir.path().join("output/domains/2/2-1.html"))
            .unwrap()
            .contains("Kept in a shared folder")
    );
}

#[test]
fn a_link_loop_is_a_warning_at_the_link_and_the_build_goes_on() {
    let dir = worked_example();
    symlink("..", dir.path().join("content/findings/loop")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("content/findings/loop") && stderr.contains("link-loop"),
        "{stderr}"
    );
    // A link to nothing is an error naming it, not an I/O failure.
    symlink("missing.md", dir.path().join("content/findings/nothing.md")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/findings/nothing.md"), "{stderr}");
}

#[test]
fn theme_files_linked_outside_the_project_are_never_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = secret(outside.path());
    for planted in ["static/leak.css", "templates/leak.html", "theme.yaml"] {
        let dir = worked_example();
        let theme = dir.path().join("themes/mine");
        std::fs::create_dir_all(theme.join("static")).unwrap();
        std::fs::create_dir_all(theme.join("templates")).unwrap();
        symlink(&secret, theme.join(planted)).unwrap();
        let report = dir.path().join("content/report.yaml");
        let text = std::fs::read_to_string(&report).unwrap();
        std::fs::write(&report, format!("{text}theme: mine\n")).unwrap();
        let (code, stdout, stderr) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 1, "{planted}: {stderr}");
        assert!(
            stderr.contains("outside the project"),
            "{planted}: {stderr}"
        );
        assert!(!everything(dir.path(), &stdout, &stderr).contains("SECRET"));
    }
}

#[test]
fn a_theme_is_named_by_a_folder_of_themes_only() {
    let dir = worked_example();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("evil/templates")).unwrap();
    std::fs::write(
        outside.path().join("evil/templates/base.html"),
        "EVIL-THEME",
    )
    .unwrap();
    let escape = format!(
        "../..{}",
        outside.path().join("evil").display() // an absolute path behind `../..`
    );
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    for name in [escape.as_str(), "../../evil", "/etc", "a/b", ".hidden"] {
        std::fs::write(&report, format!("{text}theme: \"{name}\"\n")).unwrap();
        let (code, stdout, stderr) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(
            stderr.contains("content/report.yaml:") && stderr.contains("unknown-theme"),
            "{name}: points at `theme:` in report.yaml: {stderr}"
        );
        assert!(!everything(dir.path(), &stdout, &stderr).contains("EVIL-THEME"));
    }
    // `extends:` is held to the same rule.
    std::fs::create_dir_all(dir.path().join("themes/mine/templates")).unwrap();
    std::fs::write(
        dir.path().join("themes/mine/theme.yaml"),
        "extends: ../../evil\n",
    )
    .unwrap();
    std::fs::write(&report, format!("{text}theme: mine\n")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not the name of a folder"), "{stderr}");
}

#[test]
fn schema_replaces_a_planted_link_and_never_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me").unwrap();
    // A project, whose `schemas/` the command writes.
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/report.yaml"), "title: T\n").unwrap();
    std::fs::create_dir(dir.path().join("schemas")).unwrap();
    symlink(&precious, dir.path().join("schemas/report.schema.json")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["schema"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
    let written = std::fs::read_to_string(dir.path().join("schemas/report.schema.json")).unwrap();
    assert!(written.contains("\"$schema\""), "{written}");
}

#[test]
fn init_force_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    std::fs::create_dir_all(project.join("content")).unwrap();
    // A dangling link where init writes report.yaml, and `.vscode` linked
    // to a folder outside the project.
    let nowhere = dir.path().join("created-through-link.yaml");
    symlink(&nowhere, project.join("content/report.yaml")).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    symlink(&elsewhere, project.join(".vscode")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["init", "--force", "p"]);
    assert!(!nowhere.exists(), "written through a dangling link");
    assert!(
        std::fs::read_dir(&elsewhere).unwrap().next().is_none(),
        "written through a linked folder"
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("leads outside the project"), "{stderr}");
}
