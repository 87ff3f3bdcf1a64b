//! File names beyond ASCII: a finding, page or focus area may be named in
//! the review's own language (`asesiad-ŵyr.md`, `évaluation.md`). Authors
//! refer to it by that name; only its address (paths, anchors, HTML ids)
//! is written in ASCII (`asesiad-wyr`). Two names whose addresses would be
//! the same are refused, naming both files, and a name that cannot be
//! used at all gets a suggestion that can.

use crate::common::{
    attrs, build_ok, check, evident, page, read, report_json, worked_example, write_inline,
};
use serde_json::Value;
use std::path::Path;

/// A finding, a focus area and a page with names beyond ASCII, added to
/// the worked example, each linking to the others by name and by path.
const NAMED: &str = r#"
-- content/findings/évaluation-ünïcödé.md --
---
title: Evaluation reached every child
kind: strength
criteria: ["2.1"]
focus: [asesiad-ŵyr]
---
## What we saw

See [the method](page:méthode), [the same by path](../pages/méthode.md),
[the area](focus:asesiad-ŵyr) and [its findings](../focus/asesiad-ŵyr.md#findings).
-- content/focus/asesiad-ŵyr.md --
---
title: Grandchildren's assessments
---
See [the finding](../findings/évaluation-ünïcödé.md) and [the method](page:méthode#how).
-- content/pages/méthode.md --
---
title: How we worked
---
## How

Back to [the finding](../findings/évaluation-ünïcödé.md#finding-evaluation-unicode).
"#;

/// `evident check --format json` on `dir`: the diagnostics and the status.
fn check_json(dir: &Path) -> (Vec<Value>, i32) {
    let out = evident()
        .args(["check", "--format", "json", "--root"])
        .arg(dir)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    let list = json["diagnostics"].as_array().unwrap().clone();
    (list, out.status.code().unwrap())
}

fn with_code<'a>(list: &'a [Value], code: &str) -> Vec<&'a Value> {
    list.iter().filter(|d| d["code"] == code).collect()
}

fn text(d: &Value, key: &str) -> String {
    d[key].as_str().unwrap_or_default().to_string()
}

#[test]
fn names_beyond_ascii_are_published_under_ascii_addresses() {
    let dir = worked_example();
    let root = dir.path();
    write_inline(root, NAMED);
    build_ok(root);

    // The pages are at the transliterated addresses, and nothing in the
    // output is named outside ASCII.
    for path in ["pages/methode.html", "focus/asesiad-wyr.html"] {
        assert!(root.join("output").join(path).is_file(), "{path}");
    }
    for entry in walkdir::WalkDir::new(root.join("output")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        assert!(name.is_ascii(), "{}", entry.path().display());
    }

    // The finding's anchor and its headings' ids are made from the slug.
    let standard = page(root, "domains/2/2-1.html");
    let ids = attrs(&standard, "[id]", "id");
    assert!(
        ids.contains(&"finding-evaluation-unicode".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.contains(&"evaluation-unicode-what-we-saw".to_string()),
        "{ids:?}"
    );
    // Its links lead to the pages where they are.
    let hrefs = attrs(&standard, "a[href]", "href");
    for href in [
        "../../pages/methode.html",
        "../../focus/asesiad-wyr.html",
        "../../focus/asesiad-wyr.html#findings",
    ] {
        assert!(hrefs.contains(&href.to_string()), "{href}: {hrefs:?}");
    }
    let focus = page(root, "focus/asesiad-wyr.html");
    let hrefs = attrs(&focus, "a[href]", "href");
    assert!(
        hrefs.contains(&"../domains/2/2-1.html#finding-evaluation-unicode".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"../pages/methode.html#how".to_string()),
        "{hrefs:?}"
    );
    // The focus area lists the finding that names it.
    assert!(
        read(root, "focus/asesiad-wyr.html").contains("Evaluation reached every child"),
        "the finding is listed on its focus area"
    );
    let method = page(root, "pages/methode.html");
    assert!(
        attrs(&method, "a[href]", "href")
            .contains(&"../domains/2/2-1.html#finding-evaluation-unicode".to_string())
    );

    // The printable report's sections take the slugs too.
    let report = page(root, "report.html");
    let ids = attrs(&report, "[id]", "id");
    for id in ["page-methode", "focus-asesiad-wyr"] {
        assert!(ids.contains(&id.to_string()), "{id}: {ids:?}");
    }

    // No address or id anywhere carries a name as written.
    for (path, html) in crate::common::pages(root) {
        let doc = scraper::Html::parse_document(&html);
        for attr in ["href", "id", "src", "value", "data-focus"] {
            for value in attrs(&doc, &format!("[{attr}]"), attr) {
                assert!(
                    !["évaluation", "ŵ", "méthode", "%C3", "%C5"]
                        .iter()
                        .any(|n| value.contains(n)),
                    "{path}: {attr}=\"{value}\""
                );
            }
        }
    }

    // The data and the search index point at the same addresses.
    let json = report_json(root);
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["title"] == "Evaluation reached every child")
        .unwrap();
    assert_eq!(finding["slug"], "evaluation-unicode");
    assert_eq!(
        finding["url"],
        "domains/2/2-1.html#finding-evaluation-unicode"
    );
    assert_eq!(finding["focus"], serde_json::json!(["asesiad-wyr"]));
    let area = json["focus"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["title"] == "Grandchildren's assessments")
        .unwrap();
    assert_eq!(area["slug"], "asesiad-wyr");
    assert_eq!(area["url"], "focus/asesiad-wyr.html");
    assert_eq!(area["findings"], serde_json::json!(["evaluation-unicode"]));
    let search = read(root, "search-index.js");
    for url in [
        "\"u\":\"pages/methode.html\"",
        "\"u\":\"focus/asesiad-wyr.html\"",
        "\"u\":\"domains/2/2-1.html#finding-evaluation-unicode\"",
    ] {
        assert!(search.contains(url), "{url}");
    }
}

#[test]
fn the_name_as_written_is_what_authors_refer_to() {
    let dir = worked_example();
    let root = dir.path();
    write_inline(root, NAMED);
    // The address is not a name: a reference by it is reported with the
    // name as written as the suggestion.
    write_inline(
        root,
        "-- content/findings/by-address.md --\n---\ntitle: By address\nkind: strength\ncriteria: [\"2.1\"]\nfocus: [asesiad-wyr]\n---\nSee [the method](page:methode).\n",
    );
    let (list, status) = check_json(root);
    assert_eq!(status, 1);
    assert!(with_code(&list, "bad-file-name").is_empty(), "{list:?}");
    let unknown = with_code(&list, "unknown-focus");
    assert_eq!(unknown.len(), 1, "{list:?}");
    assert!(text(unknown[0], "message").contains("`asesiad-wyr`"));
    assert!(
        text(unknown[0], "help").contains("did you mean `asesiad-ŵyr`?"),
        "{}",
        unknown[0]
    );
    let broken = with_code(&list, "broken-link");
    assert_eq!(broken.len(), 1, "{list:?}");
    assert!(text(broken[0], "message").contains("page `methode`"));
    assert_eq!(broken[0]["file"], "content/findings/by-address.md");
}

#[test]
fn a_name_saved_decomposed_is_the_name_typed_composed() {
    // Files saved on macOS are often named in decomposed form (`w` and a
    // combining circumflex), while a keyboard types `ŵ` as one character.
    let dir = worked_example();
    let root = dir.path();
    write_inline(
        root,
        "-- content/findings/wyrion.md --\n---\ntitle: Grandchildren\nkind: strength\ncriteria: [\"2.1\"]\nfocus: [asesiad-ŵyr]\n---\nSee [the area](focus:asesiad-ŵyr).\n",
    );
    std::fs::write(
        root.join("content/focus/asesiad-w\u{302}yr.md"),
        "---\ntitle: Decomposed\n---\nText.\n",
    )
    .unwrap();
    build_ok(root);
    assert!(
        read(root, "focus/asesiad-wyr.html").contains("Grandchildren"),
        "the finding is listed on its focus area"
    );
}

#[test]
fn names_whose_addresses_would_be_the_same_are_refused_naming_both_files() {
    let dir = worked_example();
    let root = dir.path();
    write_inline(
        root,
        r#"
-- content/findings/review/évaluation.md --
---
title: Accented
kind: strength
---
Text.
-- content/findings/other/evaluation.md --
---
title: Plain
kind: strength
---
Text.
-- content/pages/méthode.md --
---
title: Accented
---
Text.
-- content/pages/Methode.md --
---
title: Plain
---
Text.
-- content/focus/ŵyr.md --
---
title: Accented
---
Text.
-- content/focus/wyr.md --
---
title: Plain
---
Text.
"#,
    );
    let (list, status) = check_json(root);
    assert_eq!(status, 1, "{list:?}");
    assert!(with_code(&list, "bad-file-name").is_empty(), "{list:?}");
    let clashes = with_code(&list, "duplicate-slug");
    assert_eq!(clashes.len(), 3, "{clashes:?}");
    for (a, b, slug) in [
        (
            "content/findings/review/évaluation.md",
            "content/findings/other/evaluation.md",
            "evaluation",
        ),
        (
            "content/pages/méthode.md",
            "content/pages/Methode.md",
            "methode",
        ),
        ("content/focus/ŵyr.md", "content/focus/wyr.md", "wyr"),
    ] {
        let found = clashes
            .iter()
            .find(|d| {
                let said = format!("{} {}", d["file"], text(d, "message"));
                said.contains(a) && said.contains(b)
            })
            .unwrap_or_else(|| panic!("no clash naming {a} and {b}: {clashes:?}"));
        assert!(
            text(found, "message")
                .to_lowercase()
                .contains(&format!("`{slug}`")),
            "{found}"
        );
    }
}

/// The name `e.g. \`…\`` in a help line suggests.
fn suggested(help: &str) -> String {
    let after = help
        .split("e.g. `")
        .nth(1)
        .unwrap_or_else(|| panic!("no suggestion in {help:?}"));
    after.split('`').next().unwrap().to_string()
}

#[test]
fn a_name_that_cannot_be_used_gets_a_different_name_that_can() {
    for (folder, name) in [
        ("focus", "gangs & knives"),
        ("focus", "l'évaluation"),
        // Only a symbol: no letter to keep.
        ("pages", "😀"),
        // A letter with no ASCII form.
        ("pages", "\u{1900}"),
        ("findings", "cynllun-\u{1900}"),
        ("findings", "évaluation 2024"),
    ] {
        let dir = worked_example();
        let root = dir.path();
        let file = format!("content/{folder}/{name}.md");
        let front = if folder == "findings" {
            "---\ntitle: T\nkind: strength\n---\nText.\n"
        } else {
            "---\ntitle: T\n---\nText.\n"
        };
        std::fs::write(root.join(&file), front).unwrap();
        let (list, status) = check_json(root);
        assert_eq!(status, 1, "{name}: {list:?}");
        let bad = with_code(&list, "bad-file-name");
        assert_eq!(bad.len(), 1, "{name}: {list:?}");
        assert_eq!(bad[0]["file"], file.as_str());
        assert!(text(bad[0], "message").contains(&format!("`{name}`")));
        let suggestion = suggested(&text(bad[0], "help"));
        assert_ne!(suggestion, name, "{}", bad[0]);
        assert!(!suggestion.is_empty(), "{}", bad[0]);

        // Renamed as suggested, the file is accepted.
        std::fs::rename(
            root.join(&file),
            root.join(format!("content/{folder}/{suggestion}.md")),
        )
        .unwrap();
        let (list, status) = check_json(root);
        assert!(
            with_code(&list, "bad-file-name").is_empty(),
            "{name} → {suggestion}: {list:?}"
        );
        assert_eq!(status, 0, "{name} → {suggestion}: {list:?}");
    }
}

#[test]
fn new_starts_files_named_beyond_ascii() {
    let dir = worked_example();
    let root = dir.path();
    // From inside the project, as a reviewer runs it.
    let new = |args: &[&str]| {
        let out = crate::common::evident_in(root)
            .arg("new")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = new(&["focus", "asesiad-ŵyr"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "created content/focus/asesiad-ŵyr.md\n");
    let text = std::fs::read_to_string(root.join("content/focus/asesiad-ŵyr.md")).unwrap();
    assert!(text.starts_with("---\ntitle: Asesiad ŵyr\n"), "{text}");
    let (code, _, err) = new(&["finding", "review/évaluation", "--criteria", "2.1"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = new(&["page", "méthode"]);
    assert_eq!(code, 0, "{err}");
    let (code, stderr) = check(root);
    assert_eq!(code, 0, "{stderr}");
    // A name whose address another file already has is refused.
    for (args, other) in [
        (vec!["finding", "evaluation"], "évaluation"),
        (vec!["page", "Methode"], "méthode"),
        (vec!["focus", "asesiad-wyr"], "asesiad-ŵyr"),
    ] {
        let (code, out, err) = new(&args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(err.contains(other), "{args:?}: {err}");
    }
    assert!(!root.join("content/findings/evaluation.md").exists());
    assert!(!root.join("content/pages/Methode.md").exists());
    // A name that cannot be used is refused with one that can.
    let (code, _, err) = new(&["focus", "gangs & knives"]);
    assert_eq!(code, 2);
    assert!(err.contains("`gangs-knives`"), "{err}");
}

#[test]
fn a_link_to_a_name_beyond_ascii_may_be_written_percent_encoded() {
    let project = worked_example();
    write_inline(project.path(), NAMED);
    write_inline(
        project.path(),
        "-- content/pages/m\u{e9}thode.md --\n---\ntitle: How we worked\n---\n## How\n\nBack to [the finding](../findings/%C3%A9valuation-%C3%BCn%C3%AFc%C3%B6d%C3%A9.md).\n",
    );
    build_ok(project.path());
    let links = attrs(
        &page(project.path(), "pages/methode.html"),
        "main a",
        "href",
    );
    assert!(
        links
            .iter()
            .any(|l| l.ends_with("#finding-evaluation-unicode")),
        "{links:?}"
    );
}
