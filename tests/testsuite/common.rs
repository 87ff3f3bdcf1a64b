//! Shared helpers for the integration tests: copy a fixture project into a
//! temporary folder, run the real `evident` binary on it, read what it built.

use assert_cmd::Command;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The repository root (the worked example lives in its `content/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copy a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary project holding a copy of `tests/fixtures/<name>/`.
pub fn fixture(name: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
    dir
}

/// A temporary project holding a copy of the worked example's `content/`.
pub fn worked_example() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_root().join("content"), &dir.path().join("content"));
    dir
}

/// A temporary project written from an inline description: sections
/// `-- path --` followed by the file's text (as Hugo's tests do).
pub fn inline(spec: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_inline(dir.path(), spec);
    dir
}

/// Write the files of an inline description into `root`.
pub fn write_inline(root: &Path, spec: &str) {
    let mut current: Option<(String, String)> = None;
    let flush = |file: Option<(String, String)>| {
        if let Some((path, text)) = file {
            let target = root.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
    };
    for line in spec.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("-- ") && trimmed.ends_with(" --") && trimmed.len() > 6 {
            flush(current.take());
            current = Some((trimmed[3..trimmed.len() - 3].to_string(), String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    flush(current);
}

/// The `evident` command.
pub fn evident() -> Command {
    let mut cmd = Command::cargo_bin("evident").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Run `evident <command> --root <dir>`; returns (exit code, stderr).
pub fn run(command: &str, dir: &Path) -> (i32, String) {
    let out = evident()
        .arg(command)
        .arg("--root")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run `evident build --root <dir>`.
pub fn build(dir: &Path) -> (i32, String) {
    run("build", dir)
}

/// Run `evident check --root <dir>`.
pub fn check(dir: &Path) -> (i32, String) {
    run("check", dir)
}

/// Build and panic with the diagnostics if it fails.
pub fn build_ok(dir: &Path) {
    let (code, stderr) = build(dir);
    assert_eq!(code, 0, "build failed:\n{stderr}");
}

/// Read a built file as text.
pub fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join("output").join(path))
        .unwrap_or_else(|e| panic!("cannot read output/{path}: {e}"))
}

/// Parse a built page.
pub fn page(dir: &Path, path: &str) -> Html {
    Html::parse_document(&read(dir, path))
}

/// The texts of every element matching `selector`: text nodes joined by a
/// space (so table cells read "a b c"), whitespace collapsed.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The values of an attribute on every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The built `data/report.json`.
pub fn report_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&read(dir, "data/report.json")).unwrap()
}

/// The `evident` command run from inside `dir` (no `--root`), as a user
/// in that folder types it.
pub fn evident_in(dir: &Path) -> Command {
    let mut cmd = evident();
    cmd.current_dir(dir);
    cmd
}

/// Run `evident ARGS...` from inside `dir`; returns (exit code, stdout,
/// stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = evident_in(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every HTML page of the built site, as (path, text).
pub fn pages(dir: &Path) -> Vec<(String, String)> {
    let out = dir.join("output");
    walkdir::WalkDir::new(&out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// Ids a page carries more than once.
pub fn repeated_ids(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut seen = std::collections::HashSet::new();
    doc.select(&Selector::parse("[id]").unwrap())
        .filter_map(|e| e.value().attr("id"))
        .filter(|id| !seen.insert(id.to_string()))
        .map(str::to_string)
        .collect()
}

/// Where a kept text and a newly made one first differ: the line number
/// and both lines (cut at 400 characters), for snapshot tests' messages.
pub fn first_difference(kept: &str, made: &str) -> String {
    let mut kept_lines = kept.lines();
    let mut made_lines = made.lines();
    let mut line = 1;
    loop {
        match (kept_lines.next(), made_lines.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (None, None) => return "they differ only in line endings".into(),
            (a, b) => {
                let cut = |s: Option<&str>| {
                    s.map_or("(end of file)".to_string(), |s| {
                        s.chars().take(400).collect::<String>()
                    })
                };
                return format!("line {line}:\n  kept:  {}\n  built: {}", cut(a), cut(b));
            }
        }
    }
}

/// How many pages `evident build` makes of the project in `dir` (built
/// into a folder of its own, so `dir` is left as it was).
pub fn pages_of_a_build(dir: &Path) -> usize {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = evident()
        .args(["build", "--root"])
        .arg(dir)
        .arg("-o")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}
