//! No script gets through: raw HTML a hostile contributor writes into a
//! finding, page or case note reaches no page with an event handler, a
//! script or a `javascript:` URL, cannot swallow the Markdown after it, and
//! no page carries an id twice. Each test is the attack as it was made.

use crate::common::{build_ok, pages, read, repeated_ids, run_in, worked_example, write_inline};
use scraper::{Html, Selector};
use std::collections::HashSet;

/// What a browser would run that the theme did not write: event-handler
/// attributes, `javascript:` URLs, and `<script>` elements with a body
/// other than the theme's own (the theme's scripts are loaded by `src`).
fn scripts_from_content(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    for element in doc.select(&Selector::parse("*").unwrap()) {
        let el = element.value();
        for (name, value) in el.attrs() {
            if name.starts_with("on") {
                found.push(format!("<{} {name}=\"{value}\">", el.name()));
            }
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                name,
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) && (v.starts_with("javascript:") || v.starts_with("vbscript:"))
            {
                found.push(format!("<{} {name}=\"{value}\">", el.name()));
            }
        }
        if el.name() == "script" && el.attr("src").is_none() {
            let text: String = element.text().collect();
            // The theme's inline scripts are its own; content has none.
            if text.contains("alert") || text.contains("pwned") {
                found.push(format!("<script>{text}</script>"));
            }
        }
    }
    found
}

/// The paragraph that beat the old id rewriter, which searched pages for
/// ` id="`: written twice in one finding, it came out as
/// `<img title=-2" onerror=alert(…) …>` and ran.
const ID_REWRITER_ATTACK: &str =
    "note id=\"<img title=\" onerror=alert(document.domain) \" src=\"#x\">";

#[test]
fn text_that_looks_like_an_id_never_becomes_a_handler() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        &format!(
            "-- content/findings/attack.md --\n---\ntitle: Attack\nkind: strength\ncriteria: [\"2.1\", \"3.1\"]\nfocus: [exploitation]\n---\n{ID_REWRITER_ATTACK}\n\n{ID_REWRITER_ATTACK}\n\n## Detail {{#main}}\n\n<div id=\"main\">x</div> <p id=\"finding-diverse-needs\">y</p>\n"
        ),
    );
    build_ok(dir.path());
    let all = pages(dir.path());
    assert!(all.len() > 10);
    for (path, html) in &all {
        assert_eq!(scripts_from_content(html), Vec::<String>::new(), "{path}");
        assert_eq!(repeated_ids(html), Vec::<String>::new(), "{path}");
    }
    // The text is still there, as text, on every page that shows it.
    for path in [
        "domains/2/2-1.html",
        "domains/2/index.html",
        "focus/exploitation.html",
        "findings.html",
        "report.html",
    ] {
        let doc = Html::parse_document(&read(dir.path(), path));
        let text: String = doc.root_element().text().collect();
        assert!(text.contains("note id=\""), "{path}");
    }
    // The finding's anchor is the finding's, not the author's paragraph.
    let standard = Html::parse_document(&read(dir.path(), "domains/2/2-1.html"));
    let anchor = standard
        .select(&Selector::parse("#finding-diverse-needs").unwrap())
        .next()
        .unwrap();
    assert_ne!(anchor.value().name(), "p");
    // The skip link still lands on the page's <main>.
    let main = standard
        .select(&Selector::parse("#main").unwrap())
        .next()
        .unwrap();
    assert_eq!(main.value().name(), "main");
}

#[test]
fn a_malformed_fragment_cannot_swallow_the_markdown_after_it() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/findings/swallow.md --\n---\ntitle: Swallow\nkind: strength\ncriteria: [\"2.1\"]\n---\nFirst <math><mtext><table><mglyph><style><img src=#x onerror=alert(1)> inline.\n\nThe paragraph after the fragment.\n\n<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">\n\n## A heading after the block\n\n- a list item with <b>unclosed bold\n- the next item\n\nThe last paragraph.\n",
    );
    build_ok(dir.path());
    let html = read(dir.path(), "domains/2/2-1.html");
    let doc = Html::parse_document(&html);
    let text: String = doc.root_element().text().collect();
    for kept in [
        "The paragraph after the fragment.",
        "A heading after the block",
        "the next item",
        "The last paragraph.",
    ] {
        assert!(text.contains(kept), "{kept:?} was swallowed");
    }
    // The unclosed bold stays inside its own list item.
    let bold: Vec<String> = doc
        .select(&Selector::parse("b").unwrap())
        .map(|b| b.text().collect())
        .collect();
    assert!(
        bold.iter().all(|b| !b.contains("the next item")),
        "{bold:?}"
    );
    for (path, html) in pages(dir.path()) {
        assert_eq!(scripts_from_content(&html), Vec::<String>::new(), "{path}");
    }
}

#[test]
fn ids_stay_unique_where_bodies_share_a_page() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/findings/same-a.md --\n---\ntitle: Same A\nkind: strength\ncriteria: [\"2.1\"]\nfocus: [exploitation]\n---\n## Detail {#detail}\n\nSee [the detail](#detail).\n\n<div id=\"raw\">a</div>\n-- content/findings/same-b.md --\n---\ntitle: Same B\nkind: strength\ncriteria: [\"2.1\"]\nfocus: [exploitation]\n---\n## Detail {#detail}\n\nSee [the detail](#detail) and the [footnote][^n].\n\n<div id=\"raw\">b</div> <a href=\"#raw\">raw</a>\n\n[^n]: A note.\n",
    );
    build_ok(dir.path());
    for (path, html) in pages(dir.path()) {
        assert_eq!(repeated_ids(&html), Vec::<String>::new(), "{path}");
        // Every in-page link lands on an id the page has.
        let doc = Html::parse_document(&html);
        let ids: HashSet<String> = doc
            .select(&Selector::parse("[id]").unwrap())
            .filter_map(|e| e.value().attr("id").map(str::to_string))
            .collect();
        for a in doc.select(&Selector::parse("a[href^='#']").unwrap()) {
            let target = &a.value().attr("href").unwrap()[1..];
            assert!(ids.contains(target), "{path}: #{target} has no target");
        }
    }
    // Each body's own links follow its own renamed ids.
    let page = Html::parse_document(&read(dir.path(), "domains/2/2-1.html"));
    let b = page
        .select(&Selector::parse("#finding-same-b").unwrap())
        .next()
        .unwrap();
    let inner = b.html();
    assert!(inner.contains("href=\"#detail-1\""), "{inner}");
    assert!(inner.contains("id=\"detail-1\""), "{inner}");
    assert!(
        inner.contains("href=\"#raw-1\"") && inner.contains("id=\"raw-1\""),
        "{inner}"
    );
}

#[test]
fn a_contents_list_follows_renamed_headings() {
    let dir = worked_example();
    // A focus area whose heading id a finding shown on it takes first in
    // the page's order would lose it; the focus area's own text is placed
    // first, and its contents list names the ids it got.
    write_inline(
        dir.path(),
        "-- content/focus/exploitation.md --\n---\ntitle: Exploitation\n---\n## Context {#context}\n\nText.\n-- content/findings/context.md --\n---\ntitle: Context finding\nkind: strength\ncriteria: [\"2.1\"]\nfocus: [exploitation]\n---\n## Context {#context}\n\nText.\n",
    );
    build_ok(dir.path());
    let html = read(dir.path(), "focus/exploitation.html");
    let doc = Html::parse_document(&html);
    let toc: Vec<String> = doc
        .select(&Selector::parse("nav a[href^='#']").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(toc.contains(&"#context".to_string()), "{toc:?}");
    let heading = doc
        .select(&Selector::parse("#context").unwrap())
        .next()
        .unwrap();
    assert_eq!(heading.text().collect::<String>(), "Context");
    assert!(repeated_ids(&html).is_empty());
}

#[test]
fn case_notes_and_pages_are_sanitised_too() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/pages/hostile.md --\n---\ntitle: Hostile\n---\n<script>window.pwned = 1</script>\n\n<a href=\"jav&#x09;ascript:alert(1)\">tab</a> <a href=\" javascript:alert(1)\">space</a> <img src=#x onerror=alert(1)> <svg onload=alert(1)></svg> <details open ontoggle=alert(1)>x</details> <iframe src=\"javascript:alert(1)\"></iframe> <form action=\"javascript:alert(1)\"><button>b</button></form> <a href=\"data:text/html,<script>alert(1)</script>\">d</a>\n",
    );
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}case_pages: true\n")).unwrap();
    let cases = dir.path().join("content/cases/court-orders.yaml");
    let text = std::fs::read_to_string(&cases).unwrap();
    let hostile = text.replacen(
        "notes: ",
        "notes: \"<img src=#x onerror=alert(1)> <a href='javascript:alert(1)'>x</a> \" # ",
        1,
    );
    assert_ne!(hostile, text, "the fixture has notes to attack");
    std::fs::write(&cases, hostile).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    for (path, html) in pages(dir.path()) {
        assert_eq!(scripts_from_content(&html), Vec::<String>::new(), "{path}");
        assert!(!html.contains("pwned"), "{path}");
    }
}

#[test]
fn images_from_elsewhere_are_errors_where_they_are_written() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/findings/beacons.md --\n---\ntitle: Beacons\nkind: strength\ncriteria: [\"2.1\"]\n---\nA tracker ![](https://tracker.example/p.gif) here.\n\n<img src=\"//host.example/x.png\" alt=\"x\">\n\nText <img alt=\"y\" src=\"\\\\host\\share\\x.png\"> inline.\n\nA [link a reader clicks](https://example.org/report.pdf) is fine, and so is ![a chart](chart.png).\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    for at in [
        "content/findings/beacons.md:6:15",
        "content/findings/beacons.md:8:11",
        "content/findings/beacons.md:10:24",
    ] {
        assert!(stderr.contains(at), "no error at {at}:\n{stderr}");
    }
    assert_eq!(
        stderr.matches("error[external-resource]").count(),
        3,
        "{stderr}"
    );
    // In a case note (Markdown inside YAML), at the note's value.
    let dir = worked_example();
    let cases = dir.path().join("content/cases/court-orders.yaml");
    let text = std::fs::read_to_string(&cases).unwrap();
    std::fs::write(
        &cases,
        text.replacen("notes: ", "notes: \"![](https://t.example/p.gif)\" # ", 1),
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("content/cases/court-orders.yaml:21:10"),
        "{stderr}"
    );
}

#[test]
fn a_findings_headings_never_take_the_themes_ids_whatever_its_name() {
    let dir = worked_example();
    // Findings named like the theme's id prefixes, with headings that make
    // the ids of a standard's section and of another finding.
    write_inline(
        dir.path(),
        "-- content/findings/std.md --\n---\ntitle: Named std\nkind: strength\ncriteria: [\"2\"]\n---\n## 2.1\n\nText.\n-- content/findings/finding.md --\n---\ntitle: Named finding\nkind: strength\ncriteria: [\"2.1\"]\n---\n## Diverse needs\n\nText.\n",
    );
    build_ok(dir.path());
    for (path, html) in pages(dir.path()) {
        assert_eq!(repeated_ids(&html), Vec::<String>::new(), "{path}");
    }
    let domain = Html::parse_document(&read(dir.path(), "domains/2/index.html"));
    let section = domain
        .select(&Selector::parse("#std-2-1").unwrap())
        .next()
        .unwrap();
    let title: String = section.text().collect();
    assert!(
        title.contains("Assessment"),
        "the standard's heading keeps its id: {title}"
    );
    let standard = Html::parse_document(&read(dir.path(), "domains/2/2-1.html"));
    let finding = standard
        .select(&Selector::parse("#finding-diverse-needs").unwrap())
        .next()
        .unwrap();
    let title: String = finding.text().collect();
    assert!(
        title.contains("Diverse needs are"),
        "the finding keeps its anchor: {title}"
    );
}
