//! The worked example's whole output, file by file and byte by byte,
//! against the copy kept in `tests/golden/worked-example/` (its full and
//! public editions). A change to any page, data file or asset shows here
//! as a difference to look at; when the change is meant, write the new
//! output over the old with
//!
//! ```sh
//! EVIDENT_BLESS=1 cargo test --test testsuite golden
//! ```
//!
//! and the difference is then reviewed in the commit.

use crate::common::{first_difference, repo_root, run_in, worked_example};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, by its path with `/` separators.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn compare(edition: &str, built: &Path) {
    let golden = repo_root()
        .join("tests/golden/worked-example")
        .join(edition);
    let new = tree(built);
    if std::env::var_os("EVIDENT_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        for (path, bytes) in &new {
            let to = golden.join(path);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, bytes).unwrap();
        }
        return;
    }
    let old = tree(&golden);
    let mut problems = Vec::new();
    for path in old.keys().filter(|p| !new.contains_key(*p)) {
        problems.push(format!("{path}: no longer built"));
    }
    for (path, bytes) in &new {
        match old.get(path) {
            None => problems.push(format!("{path}: newly built")),
            Some(kept) if kept != bytes => problems.push(format!(
                "{path}: {}",
                first_difference(
                    &String::from_utf8_lossy(kept),
                    &String::from_utf8_lossy(bytes)
                )
            )),
            Some(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "the worked example's {edition} edition differs from tests/golden/worked-example/{edition} \
         (if the change is meant: EVIDENT_BLESS=1 cargo test --test testsuite golden):\n{}",
        problems.join("\n")
    );
    assert!(
        old.len() > 20,
        "{edition}: the kept copy has {} files",
        old.len()
    );
}

#[test]
fn the_worked_example_builds_exactly_as_kept() {
    let dir = worked_example();
    // As a user runs it: from inside the project, no --root.
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    compare("full", &dir.path().join("output"));
    let (code, _, stderr) = run_in(dir.path(), &["build", "--edition", "public"]);
    assert_eq!(code, 0, "{stderr}");
    compare("public", &dir.path().join("output-public"));
}
