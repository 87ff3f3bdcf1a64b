//! Numbered paragraphs (`numbered_paragraphs: true`): which elements are
//! numbered, that each number is an id its element can be linked by, that
//! a finding keeps the numbers of its first place, and that numbers stay
//! put when an unrelated finding is added.

use crate::common::{attrs, inline, page, read, run_in, texts, worked_example};
use std::collections::BTreeMap;
use std::path::Path;

/// Build the project at `dir` as its authors do, inside it.
fn build(dir: &Path) {
    let (code, _, stderr) = run_in(dir, &["build"]);
    assert_eq!(code, 0, "{stderr}");
}

/// Append lines to the project's `report.yaml`.
fn with_report_lines(dir: &Path, lines: &str) {
    let path = dir.join("content/report.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{lines}")).unwrap();
}

/// Every paragraph number shown on the built site's pages (not the
/// printable report), with the text of its element: the same number must
/// mean the same text wherever it is shown.
fn numbers(dir: &Path) -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    for (path, html) in crate::common::pages(dir) {
        if path == "report.html" {
            continue;
        }
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse(".paragraph-number").unwrap();
        for number in doc.select(&sel) {
            let element = scraper::ElementRef::wrap(number.parent().unwrap()).unwrap();
            let n = number.text().collect::<String>();
            let text: String = element.text().collect::<Vec<_>>().join(" ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.strip_prefix(&n).unwrap_or(&text).trim().to_string();
            if let Some(seen) = all.insert(n.clone(), text.clone()) {
                assert_eq!(seen, text, "{n} on {path}");
            }
        }
    }
    all
}

#[test]
fn each_paragraph_list_item_and_quote_is_numbered_once_and_nothing_inside_them() {
    let dir = inline(
        r#"
-- content/report.yaml --
title: Review
organisation: Northbrook youth justice service
numbered_paragraphs: true
-- content/criteria/fw.yaml --
id: fw
title: Framework
domains:
  - id: "1"
    title: Work
    standards:
      - {id: "1.1", title: Leadership, assessed_by: judgement}
-- content/findings/board.md --
---
title: The board challenges the service
kind: strength
criteria: ["1.1"]
---
Board members ask hard questions.
-- content/pages/method.md --
---
title: How we worked
---
## Reading the files

We read every file.[^1]

- one item
- another, with a list of its own:
  - inside it

> A quote of two paragraphs.
>
> Its second.

> [!NOTE]
> An alert.

| a | b |
|---|---|
| c | d |

<p id="own">Raw HTML with an id of its own.</p>

1. A numbered list's item.

[^1]: A footnote is not numbered.
"#,
    );
    build(dir.path());
    let doc = page(dir.path(), "pages/method.html");
    assert_eq!(
        texts(&doc, "main .paragraph-number"),
        ["P1-1", "P1-2", "P1-3", "P1-4", "P1-5", "P1-6", "P1-7"]
    );
    // What each is: the element the number starts.
    let sel = scraper::Selector::parse("main .paragraph-number").unwrap();
    let numbered: Vec<String> = doc
        .select(&sel)
        .map(|n| {
            let parent = scraper::ElementRef::wrap(n.parent().unwrap()).unwrap();
            parent.value().name().to_string()
        })
        .collect();
    assert_eq!(numbered, ["p", "li", "li", "blockquote", "div", "p", "li"]);
    // Each is linked by its own id: the element's, or, where the author
    // gave it one, the number's.
    assert_eq!(
        attrs(&doc, "main [id^='p-P1']", "id"),
        [
            "p-P1-1", "p-P1-2", "p-P1-3", "p-P1-4", "p-P1-5", "p-P1-6", "p-P1-7"
        ]
    );
    assert_eq!(attrs(&doc, "#own > .paragraph-number", "id"), ["p-P1-6"]);
    for (href, id) in attrs(&doc, "main .paragraph-number", "href")
        .iter()
        .zip(attrs(&doc, "main [id^='p-P1']", "id"))
    {
        assert_eq!(href, &format!("#{id}"));
    }
    // Headings, footnotes, table cells and what is inside a numbered
    // element are not numbered.
    for inside in [
        "h2 .paragraph-number",
        ".footnote .paragraph-number",
        "table .paragraph-number",
        "li li .paragraph-number",
        "blockquote p .paragraph-number",
    ] {
        assert!(texts(&doc, inside).is_empty(), "{inside}");
    }
    // The finding, under its standard.
    let doc = page(dir.path(), "domains/1/1-1.html");
    assert_eq!(texts(&doc, "main .paragraph-number"), ["1.1-1"]);
}

#[test]
fn without_the_setting_nothing_is_numbered() {
    let dir = worked_example();
    build(dir.path());
    for (path, html) in crate::common::pages(dir.path()) {
        let doc = scraper::Html::parse_document(&html);
        assert!(texts(&doc, ".paragraph-number").is_empty(), "{path}");
        assert!(attrs(&doc, "[id^='p-']", "id").is_empty(), "{path}");
        assert!(!html.contains("numbered-paragraphs\""), "{path}");
    }
}

#[test]
fn a_finding_keeps_the_numbers_of_its_first_place_wherever_it_is_shown() {
    let dir = worked_example();
    with_report_lines(dir.path(), "numbered_paragraphs: true\n");
    build(dir.path());
    // Shown under 2.1 first, then under 3.1.
    for path in ["domains/2/2-1.html", "domains/3/3-1.html"] {
        let doc = page(dir.path(), path);
        assert_eq!(
            texts(&doc, "#finding-diverse-needs .paragraph-number"),
            ["2.1-1", "2.1-2"],
            "{path}"
        );
    }
    // Standard 3.1's own numbers start with its first finding not shown
    // under 2.1 before it.
    let doc = page(dir.path(), "domains/3/3-1.html");
    let all = texts(&doc, "main .paragraph-number");
    assert!(all.iter().any(|n| n == "3.1-1"), "{all:?}");
    // Every number means one text across the site (checked as read), and
    // the printable report shows the same numbers.
    let site = numbers(dir.path());
    assert!(site.len() > 40, "{}", site.len());
    let report = page(dir.path(), "report.html");
    let mut printed = texts(&report, ".paragraph-number");
    printed.sort();
    let mut shown: Vec<String> = site.keys().cloned().collect();
    shown.sort();
    assert_eq!(printed, shown);
    // And the search finds a paragraph by its number.
    let index = read(dir.path(), "search-index.js");
    assert!(
        index.contains(r##"{"k":"Paragraph","t":"2.1-2","u":"domains/2/2-1.html#p-2.1-2","x":"One assessment, for instance,"##),
        "{}",
        &index[..400]
    );
}

#[test]
fn a_finding_added_under_one_standard_renumbers_nothing_under_any_other() {
    let dir = worked_example();
    with_report_lines(dir.path(), "numbered_paragraphs: true\n");
    build(dir.path());
    let before = numbers(dir.path());
    std::fs::write(
        dir.path().join("content/findings/delivery/new-finding.md"),
        "---\ntitle: A finding added late\nkind: strength\ncriteria: [\"2.3\"]\norder: 5\n---\nIts first paragraph.\n\nIts second.\n",
    )
    .unwrap();
    build(dir.path());
    let after = numbers(dir.path());
    // Everything outside 2.3 is as it was.
    let outside = |m: &BTreeMap<String, String>| -> BTreeMap<String, String> {
        m.iter()
            .filter(|(n, _)| !n.starts_with("2.3-"))
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect()
    };
    assert_eq!(outside(&before), outside(&after));
    // Inside 2.3 the new finding (first by its order) takes 2.3-1 and
    // 2.3-2, and what was there moves on by two.
    assert!(after["2.3-1"].contains("Its first paragraph."));
    for (n, text) in before.iter().filter(|(n, _)| n.starts_with("2.3-")) {
        let k: usize = n["2.3-".len()..].parse().unwrap();
        assert_eq!(&after[&format!("2.3-{}", k + 2)], text, "{n}");
    }
}

#[test]
fn each_language_numbers_its_own_text() {
    let dir = crate::common::fixture("bilingual");
    with_report_lines(dir.path(), "numbered_paragraphs: true\n");
    build(dir.path());
    let english = page(dir.path(), "domains/2/2-1.html");
    let welsh = page(dir.path(), "cy/domains/2/2-1.html");
    assert!(!texts(&english, ".paragraph-number").is_empty());
    assert_eq!(
        texts(&english, ".paragraph-number").len(),
        texts(&welsh, ".paragraph-number").len()
    );
    assert!(read(dir.path(), "cy/search-index.js").contains(r#""k":"Paragraff""#));
}
