//! The guarantees of building: nothing lost (atomic swap, foreign folders
//! refused, `check` writes nothing), identical output for identical input,
//! drafts, and a project from `init` that builds at once.

use crate::common::{build, build_ok, evident, read, run_in, worked_example, write_inline};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn a_failing_build_leaves_output_byte_identical() {
    let dir = worked_example();
    build_ok(dir.path());
    let before = snapshot(&dir.path().join("output"));
    assert!(before.contains_key(".evident-output"));
    write_inline(
        dir.path(),
        "-- content/findings/broken.md --\n---\ntitle: Broken\nkind: nonsense\n---\n",
    );
    let (code, stderr) = build(dir.path());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("build failed; "), "{stderr}");
    assert_eq!(snapshot(&dir.path().join("output")), before);
    // No temporary folders are left beside it.
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_failing_while_files_are_written_leaves_output_byte_identical() {
    // Files are rendered straight into the new output folder; one page's
    // template fails part of the way through, after others are written.
    let dir = worked_example();
    build_ok(dir.path());
    let before = snapshot(&dir.path().join("output"));
    write_inline(
        dir.path(),
        "-- themes/house/theme.yaml --\nextends: default\n-- themes/house/templates/page.html --\n{% extends \"default/page.html\" %}\n{% block content %}{{ page.no_such_thing.at_all }}{% endblock content %}\n",
    );
    let report = std::fs::read_to_string(dir.path().join("content/report.yaml")).unwrap();
    std::fs::write(
        dir.path().join("content/report.yaml"),
        format!("{report}theme: house\n"),
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[template]"), "{stderr}");
    assert!(
        stderr.contains("with template `page.html` failed"),
        "{stderr}"
    );
    assert!(stderr.contains("build failed; "), "{stderr}");
    assert_eq!(snapshot(&dir.path().join("output")), before);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_successful_build_replaces_everything_in_output() {
    let dir = worked_example();
    build_ok(dir.path());
    std::fs::write(dir.path().join("output/stale.html"), "old").unwrap();
    build_ok(dir.path());
    assert!(!dir.path().join("output/stale.html").exists());
    assert!(dir.path().join("output/index.html").is_file());
}

#[test]
fn a_folder_evident_did_not_create_is_never_replaced() {
    let dir = worked_example();
    let output = dir.path().join("output");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("precious.txt"), "someone's work").unwrap();
    let (code, stderr) = build(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("was not created by Evident"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(output.join("precious.txt")).unwrap(),
        "someone's work"
    );
    assert_eq!(snapshot(&output).len(), 1);
    // An empty folder is fine to fill.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = evident()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("-o")
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(empty.join("index.html").is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    let a = worked_example();
    let b = worked_example();
    build_ok(a.path());
    build_ok(b.path());
    let first = snapshot(&a.path().join("output"));
    build_ok(a.path());
    assert_eq!(first, snapshot(&a.path().join("output")), "rebuild differs");
    assert_eq!(
        first,
        snapshot(&b.path().join("output")),
        "second copy differs"
    );
}

#[test]
fn check_writes_nothing() {
    let dir = worked_example();
    let before = snapshot(dir.path());
    let (code, stderr) = crate::common::check(dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
    assert!(!dir.path().join("output").exists());
}

#[test]
fn build_never_writes_into_content() {
    let dir = worked_example();
    let before = snapshot(&dir.path().join("content"));
    build_ok(dir.path());
    assert_eq!(snapshot(&dir.path().join("content")), before);
}

#[test]
fn drafts_appear_only_when_asked() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/findings/draft-idea.md --\n---\ntitle: An idea still being discussed\nkind: consideration\ncriteria: [\"2.2\"]\ndraft: true\n---\nNot yet agreed.\n",
    );
    build_ok(dir.path());
    assert!(!read(dir.path(), "domains/2/2-2.html").contains("An idea still being discussed"));
    assert!(!read(dir.path(), "data/report.json").contains("draft-idea"));
    let out = evident()
        .args(["build", "--drafts", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = read(dir.path(), "domains/2/2-2.html");
    assert!(page.contains("An idea still being discussed"));
    assert!(page.contains("tag-draft"));
}

#[test]
fn draft_status_shows_a_banner_on_every_page() {
    let dir = worked_example();
    let report = std::fs::read_to_string(dir.path().join("content/report.yaml")).unwrap();
    std::fs::write(
        dir.path().join("content/report.yaml"),
        report.replace("status: final", "status: draft"),
    )
    .unwrap();
    build_ok(dir.path());
    for page in [
        "index.html",
        "domains/2/2-1.html",
        "report.html",
        "cases/index.html",
        "404.html",
    ] {
        assert!(
            read(dir.path(), page).contains("class=\"draft-banner\""),
            "{page}"
        );
    }
}

#[test]
fn init_then_build() {
    let parent = tempfile::tempdir().unwrap();
    let project = parent.path().join("new-review");
    let out = evident().arg("init").arg(&project).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [
        "content/report.yaml",
        "content/criteria/hmip-youth-2021.yaml",
        "content/summary.md",
        "content/pages/background.md",
        "content/findings/assessment/views-of-child.md",
        "content/cases/C01.yaml",
        "content/focus/example-focus.md",
        "content/standards/2.1.md",
        ".gitignore",
    ] {
        assert!(project.join(file).is_file(), "init did not write {file}");
    }
    // The written framework is the current built-in one.
    let framework =
        std::fs::read_to_string(project.join("content/criteria/hmip-youth-2021.yaml")).unwrap();
    assert_eq!(
        framework,
        std::fs::read_to_string(crate::common::repo_root().join("frameworks/hmip-youth-2021.yaml"))
            .unwrap()
    );
    // It checks with no error and builds; its only warnings are the
    // template's text, to replace before publishing.
    let out = evident()
        .args(["check", "--format", "json", "--root"])
        .arg(&project)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for d in json["diagnostics"].as_array().unwrap() {
        assert_eq!(d["code"], "placeholder", "{d}");
    }
    build_ok(&project);
    let standard = read(&project, "domains/2/2-1.html");
    assert!(standard.contains("Assessments draw on the views of the child and family"));
    assert!(standard.contains("Optional narrative shown at the top of standard 2.1"));
}

#[test]
fn init_refuses_a_non_empty_folder_and_force_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let out = evident().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
    assert!(!dir.path().join("content").exists());
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/report.yaml"),
        "title: Mine\norganisation: Mine\n",
    )
    .unwrap();
    // As a reviewer runs it, inside the folder.
    let (code, _, said) = run_in(dir.path(), &["init", "--force", "."]);
    assert_eq!(code, 0, "{said}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/report.yaml")).unwrap(),
        "title: Mine\norganisation: Mine\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(
        dir.path()
            .join("content/criteria/hmip-youth-2021.yaml")
            .is_file()
    );
    // Each file added to the folder is named.
    assert!(
        said.contains("kept existing `content/report.yaml`\n"),
        "{said}"
    );
    assert!(
        said.contains("added `content/criteria/hmip-youth-2021.yaml`\n"),
        "{said}"
    );

    // Again, asking for another framework: a review has one, so the one
    // there is kept and the other is not added beside it.
    let (code, _, said) = run_in(
        dir.path(),
        &["init", "--force", ".", "--framework", "hmip-youth-2018"],
    );
    assert_eq!(code, 0, "{said}");
    assert!(
        said.starts_with("kept the framework `content/criteria/hmip-youth-2021.yaml`; a review has one, so `hmip-youth-2018` was not added\n"),
        "{said}"
    );
    assert!(
        said.ends_with("has every file `evident init` makes\n"),
        "{said}"
    );
    assert!(
        !dir.path()
            .join("content/criteria/hmip-youth-2018.yaml")
            .exists()
    );
}

#[test]
fn a_project_theme_overrides_one_template() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- themes/house/theme.yaml --\nextends: default\n-- themes/house/templates/page.html --\n{% extends \"default/page.html\" %}\n{% block content %}<p class=\"house-style\">House style</p>{{ super() }}{% endblock content %}\n-- themes/house/static/extra.css --\nbody { color: black; }\n",
    );
    let report = std::fs::read_to_string(dir.path().join("content/report.yaml")).unwrap();
    std::fs::write(
        dir.path().join("content/report.yaml"),
        format!("{report}theme: house\n"),
    )
    .unwrap();
    build_ok(dir.path());
    let page = read(dir.path(), "pages/approach.html");
    assert!(page.contains("House style"), "override used");
    assert!(
        page.contains("class=\"skip-link\""),
        "base template still from default"
    );
    // Other templates fall back to the embedded default.
    assert!(read(dir.path(), "domains/2/2-1.html").contains("table class=\"questions\""));
    let assets: Vec<String> = std::fs::read_dir(dir.path().join("output/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        assets
            .iter()
            .any(|a| a.starts_with("extra.") && a.ends_with(".css")),
        "{assets:?}"
    );
}

#[test]
fn a_project_without_themes_uses_the_embedded_default() {
    let dir = worked_example();
    assert!(!dir.path().join("themes").exists());
    build_ok(dir.path());
    assert!(read(dir.path(), "index.html").contains("Skip to main content"));
}

#[test]
fn narrative_titles_and_relative_links_in_framework_texts() {
    let dir = worked_example();
    let framework =
        std::fs::read_to_string(dir.path().join("content/criteria/hmip-youth-2018.yaml")).unwrap();
    let framework = framework.replacen(
        "title: Court disposals\n",
        "title: Court disposals\n    summary: See [the approach](../pages/approach.md#the-sample).\n",
        1,
    );
    assert!(framework.contains("../pages/approach.md"));
    // Keep the framework valid: the replaced domain had a summary already.
    let framework = remove_second_summary(&framework);
    std::fs::write(
        dir.path().join("content/criteria/hmip-youth-2018.yaml"),
        framework,
    )
    .unwrap();
    write_inline(
        dir.path(),
        "-- content/standards/2.2.md --\n---\ntitle: How plans were made\n---\nPlanning meetings were held in every case.\n",
    );
    build_ok(dir.path());
    let domain = read(dir.path(), "domains/2/index.html");
    assert!(
        domain.contains("href=\"../../pages/approach.html#the-sample\""),
        "relative link from the framework file"
    );
    let standard = read(dir.path(), "domains/2/2-2.html");
    assert!(standard.contains("<h2 id=\"narrative\">How plans were made</h2>"));
}

/// The worked example's domain 2 has a `summary:`; after inserting ours
/// right below its title, drop the original so the key is not repeated.
fn remove_second_summary(text: &str) -> String {
    let mut out = Vec::new();
    let mut seen_ours = false;
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("    summary: See [the approach]") {
            seen_ours = true;
            out.push(line);
            continue;
        }
        if seen_ours && !skipping && line.starts_with("    summary:") {
            skipping = true;
            continue;
        }
        if skipping {
            if line.starts_with("      ") || line.trim().is_empty() {
                continue;
            }
            skipping = false;
            seen_ours = false;
        }
        out.push(line);
    }
    out.join("\n") + "\n"
}

#[test]
fn json_output_survives_a_closed_pipe() {
    use std::process::{Command, Stdio};
    let dir = worked_example();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("evident"))
        .args(["check", "--format", "json", "--root"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    assert_ne!(status.code(), Some(101), "panicked on a closed pipe");
}

#[test]
fn no_field_can_inject_markup() {
    let dir = crate::common::inline(
        r#"
-- content/report.yaml --
title: "Review <script>alert('title')</script>"
organisation: "Org \" onmouseover=\"alert(1)"
classification: "OFFICIAL\"; } </style><script>alert('css')</script>"
status: draft
-- content/criteria/fw.yaml --
id: fw
title: "<img src=x onerror=alert(1)>"
domains:
  - id: "1"
    title: "<b>Domain</b>"
    summary: "Text <script>alert('summary')</script>"
    standards:
      - id: "1.1"
        title: "<i>Std</i>"
        statement: "<a href=\"javascript:alert(1)\">x</a>"
        questions:
          - {id: "1.1.1", text: "<script>alert('q')</script>?"}
-- content/cases/c.yaml --
id: "C<1>"
domain: "1"
disposal: "<script>alert('disposal')</script>"
audit: file-read
attributes: {"<b>attr</b>": "<i>value</i>"}
answers: {"1.1.1": {answer: "yes", note: "<script>alert('note')</script>"}}
notes: "<script>alert('notes')</script>"
-- content/findings/f.md --
---
title: "<script>alert('finding')</script>"
kind: strength
criteria: ["1.1"]
cases: ["C<1>"]
---
<script>alert('body')</script> <a href="javascript:alert(1)" onclick="x()">link</a>
"#,
    );
    build_ok(dir.path());
    let out = dir.path().join("output");
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let rel = path.strip_prefix(&out).unwrap().display().to_string();
        let doc = scraper::Html::parse_document(&text);
        // A script is one of the theme's files, or (the printable report's
        // Print button) exactly the text of one.
        let shipped = include_str!("../../themes/default/static/report.js").trim();
        for script in doc.select(&scraper::Selector::parse("script").unwrap()) {
            let text: String = script.text().collect();
            assert!(
                (script.value().attr("src").is_some() && text.is_empty())
                    || (script.value().attr("src").is_none() && text.trim() == shipped),
                "{rel}: inline script {text}"
            );
        }
        for element in doc.select(&scraper::Selector::parse("*").unwrap()) {
            let tag = element.value().name();
            assert!(
                !["img", "iframe", "object", "embed"].contains(&tag),
                "{rel}: <{tag}> survived"
            );
            for (name, value) in element.value().attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{rel}: event handler {name} on <{tag}>"
                );
                assert!(
                    !value.trim_start().to_lowercase().starts_with("javascript:"),
                    "{rel}: {name}={value}"
                );
            }
        }
        // The classification sits in a CSS string in report.html's one
        // <style>; escaped, it can end neither the string nor the element.
        if rel == "report.html" {
            let styles: Vec<String> = doc
                .select(&scraper::Selector::parse("style").unwrap())
                .map(|s| s.inner_html())
                .collect();
            assert_eq!(styles.len(), 1, "{rel}");
            assert!(
                styles[0].contains("\\22 ; } \\3c /style\\3e \\3c script\\3e"),
                "{}",
                &styles[0][styles[0].len().saturating_sub(400)..]
            );
        }
    }
    let index = read(dir.path(), "index.html");
    assert!(
        index.contains("Review &lt;script&gt;"),
        "titles are escaped, not dropped"
    );
}

#[test]
fn no_page_carries_an_id_twice_whatever_the_authors_write() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/pages/extra.md --\n---\ntitle: Extra\n---\n## Main\n\n## Summary\n\nSee [the cases](page:extra#cases-1).\n\n## Cases\n\nNote[^a] and again[^a].\n\n[^a]: A note.\n-- content/findings/same-a.md --\n---\ntitle: Same A\nkind: strength\ncriteria: [\"2.1\"]\n---\n## Detail {#detail}\n\nText.\n-- content/findings/same-b.md --\n---\ntitle: Same B\nkind: strength\ncriteria: [\"2.1\"]\n---\n## Detail {#detail}\n\nText.\n",
    );
    build_ok(dir.path());
    for (path, html) in crate::common::pages(dir.path()) {
        assert_eq!(
            crate::common::repeated_ids(&html),
            Vec::<String>::new(),
            "{path}"
        );
    }
    // The skip link still lands on <main>.
    let extra = read(dir.path(), "pages/extra.html");
    assert!(extra.contains("<main id=\"main\""));
    assert!(extra.contains("<h2 id=\"main-1\">Main</h2>"));
}

#[test]
fn a_domain_wide_finding_appears_once_on_a_focus_page() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/findings/whole-domain.md --\n---\ntitle: Across all court work\nkind: strength\ncriteria: [\"2\"]\nfocus: [exploitation]\n---\nText.\n",
    );
    build_ok(dir.path());
    let page = crate::common::page(dir.path(), "focus/exploitation.html");
    let groups = crate::common::texts(&page, "#findings ~ h3");
    assert!(
        groups.contains(&"Domain 2: Court disposals".to_string()),
        "{groups:?}"
    );
    let text = read(dir.path(), "focus/exploitation.html");
    assert_eq!(
        text.matches("Across all court work").count(),
        1,
        "shown once, not under every standard"
    );
}

#[test]
fn output_inside_content_or_themes_is_refused() {
    let dir = worked_example();
    for inside in ["content/site", "content/../content/x", "themes/out"] {
        let out = evident()
            .args(["build", "--root"])
            .arg(dir.path())
            .arg("-o")
            .arg(dir.path().join(inside))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{inside}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("Evident never writes there"),
            "{inside}"
        );
    }
    assert!(!dir.path().join("content/site").exists());
    assert!(!dir.path().join("content/x").exists());
}

#[cfg(unix)]
#[test]
fn symbolic_links_inside_the_project_are_followed() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- shared/shared-finding.md --\n---\ntitle: A finding kept elsewhere\nkind: strength\ncriteria: [\"2.1\"]\n---\nText.\n",
    );
    std::os::unix::fs::symlink(
        "../../shared/shared-finding.md",
        dir.path().join("content/findings/shared-finding.md"),
    )
    .unwrap();
    build_ok(dir.path());
    assert!(read(dir.path(), "domains/2/2-1.html").contains("A finding kept elsewhere"));
}

#[test]
fn same_headings_in_chapters_and_focus_areas_stay_apart_in_the_report() {
    let dir = crate::common::inline(
        r#"
-- content/report.yaml --
title: T
organisation: O
-- content/criteria/fw.yaml --
id: fw
title: F
domains:
  - id: "A.1"
    title: First
    standards:
      - id: "A.1.1"
        title: S
        questions:
          - {id: "q1", text: Q?}
-- content/cases/c.yaml --
- {id: C1, domain: "A.1", disposal: O, audit: file-read, answers: {q1: {answer: "no", note: Late}}, notes: Seen late.}
-- content/pages/a.md --
---
title: Chapter
---
## Context

See [the focus area's context](focus:f#context).
-- content/focus/f.md --
---
title: Focus
---
## Context

Text.
-- content/findings/x.md --
---
title: X
kind: strength
criteria: ["A.1.1"]
focus: [f]
---
Text.
"#,
    );
    build_ok(dir.path());
    let report = crate::common::page(dir.path(), "report.html");
    let ids: std::collections::HashSet<String> = crate::common::attrs(&report, "[id]", "id")
        .into_iter()
        .collect();
    assert!(
        ids.contains("page-a--context") && ids.contains("focus-f--context"),
        "{ids:?}"
    );
    let hrefs = crate::common::attrs(&report, "#page-a a", "href");
    assert!(
        hrefs.contains(&"#focus-f--context".to_string()),
        "{hrefs:?}"
    );
    // Every in-page link of the report and of the cases page has its target.
    for page in ["report.html", "cases/index.html"] {
        let doc = crate::common::page(dir.path(), page);
        let ids: std::collections::HashSet<String> = crate::common::attrs(&doc, "[id]", "id")
            .into_iter()
            .collect();
        for href in crate::common::attrs(&doc, "a", "href") {
            if let Some(anchor) = href.strip_prefix('#') {
                assert!(ids.contains(anchor), "{page}: #{anchor} has no target");
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn output_through_a_link_into_content_is_refused() {
    let dir = worked_example();
    std::os::unix::fs::symlink(dir.path().join("content"), dir.path().join("lnk")).unwrap();
    let out = evident()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("lnk/out"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dir.path().join("content/out").exists());
}

/// The live preview renders a few files first and the rest later: each
/// file rendered on its own must be the file a whole build makes, and the
/// prepared review must know exactly the files of the site.
#[test]
fn any_file_rendered_alone_is_the_file_the_whole_build_makes() {
    use evident::content::Memos;
    use evident::pipeline::{self, Options, Prepare};
    // The second project has a page per case.
    for (dir, case_pages) in [
        (worked_example(), false),
        (crate::common::fixture("other-framework"), true),
    ] {
        let built = pipeline::build(dir.path(), Options::default()).unwrap();
        let site = built.site.expect("the project builds");
        let Prepare::Ready(prepared) =
            pipeline::prepare(dir.path(), Options::default(), None, &Memos::off()).unwrap()
        else {
            panic!("the project prepares");
        };
        let mut paths = prepared.paths();
        paths.sort();
        assert_eq!(paths, site.files.keys().cloned().collect::<Vec<_>>());
        assert_eq!(
            paths
                .iter()
                .any(|p| p.starts_with("cases/") && p != "cases/index.html"),
            case_pages
        );
        for path in &paths {
            let alone = prepared.render(std::slice::from_ref(path)).unwrap();
            assert_eq!(alone.len(), 1);
            assert_eq!(&alone[0].0, path);
            assert!(
                alone[0].1 == site.files[path],
                "{path} differs when rendered alone"
            );
        }
        let errors = prepared
            .render(&["domains/none.html".to_string()])
            .unwrap_err();
        assert!(errors[0].message.contains("domains/none.html"));
    }
}

/// The preview stops rendering the rest of a site when an edit arrives:
/// with the flag raised nothing more is started, and what was not started
/// is handed back in order.
#[test]
fn rendering_stops_starting_files_once_asked_to() {
    use evident::content::Memos;
    use evident::pipeline::{self, Options, Prepare};
    use std::sync::atomic::AtomicBool;
    let dir = worked_example();
    let Prepare::Ready(prepared) =
        pipeline::prepare(dir.path(), Options::default(), None, &Memos::off()).unwrap()
    else {
        panic!("the worked example prepares");
    };
    let paths = prepared.paths();
    let (rendered, skipped) = prepared.render_until(&paths, &AtomicBool::new(true));
    assert!(rendered.unwrap().is_empty());
    assert_eq!(skipped, paths);
    let (rendered, skipped) = prepared.render_until(&paths, &AtomicBool::new(false));
    assert_eq!(rendered.unwrap().len(), paths.len());
    assert!(skipped.is_empty());
}
