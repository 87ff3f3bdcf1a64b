//! A report in more than one language: `languages` in `report.yaml`, and
//! files written again in another language beside their originals
//! (`plans.cy.md` beside `plans.md`), checked as an author checks them.

use crate::common::{inline, run_in};

/// A small project; `languages` is the report.yaml line that sets them.
fn project(languages: &str, extra: &str) -> tempfile::TempDir {
    inline(&format!(
        r#"
-- content/report.yaml --
title: Review
organisation: Northbrook youth justice service
{languages}
-- content/criteria/fw.yaml --
id: fw
title: Framework
domains:
  - id: "1"
    title: Work
    standards:
      - {{id: "1.1", title: Leadership, assessed_by: judgement}}
-- content/findings/board.md --
---
title: The board challenges the service
kind: strength
criteria: ["1.1"]
---
Board members ask hard questions.
-- content/pages/background.md --
---
title: Background
---
Why the review took place.
{extra}"#
    ))
}

/// What `evident check`, typed inside the project, printed.
fn check(dir: &tempfile::TempDir) -> (i32, String) {
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    (code, stderr)
}

/// The one diagnostic with `code` in `stderr`, whole.
fn the(stderr: &str, code: &str) -> String {
    let found: Vec<&str> = stderr
        .split("\n\n")
        .filter(|d| d.contains(&format!("[{code}]")))
        .collect();
    assert_eq!(found.len(), 1, "{stderr}");
    found[0].to_string()
}

#[test]
fn language_and_languages_together_are_an_error_at_language() {
    let dir = project("language: cy\nlanguages: [en-GB, cy]", "");
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        the(&stderr, "language"),
        "error[language]: `language` and `languages` are both given; a report has one or the other\n --> content/report.yaml:3:11\n  |\n3 | language: cy\n  |           ^^\n  |\nhelp: for a report in one language keep `language: cy`; for one published in several, list them all in `languages: [en-GB, cy]`, its default language first, and remove `language`"
    );
}

#[test]
fn a_tag_that_is_not_a_language_and_one_given_twice_are_errors() {
    let dir = project("languages: [en_GB, cy, cy]", "");
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[language]: `en_GB` is not a language tag"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error[language]: `cy` is listed twice in `languages`"),
        "{stderr}"
    );
}

#[test]
fn a_translated_file_is_taken_as_its_originals_translation() {
    let dir = project(
        "languages: [en-GB, cy]",
        "-- content/findings/board.cy.md --\n---\ntitle: Mae'r bwrdd yn herio'r gwasanaeth\n---\nMae aelodau'r bwrdd yn gofyn cwestiynau anodd.\n-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam y cynhaliwyd yr adolygiad.\n-- content/criteria/fw.cy.yaml --\ntitle: Fframwaith\ndomains:\n  \"1\": {title: Gwaith}\nstandards:\n  \"1.1\": {title: Arweinyddiaeth}\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!((code, stderr.as_str()), (0, "no problems found\n"));
}

#[test]
fn a_file_left_untranslated_is_warned_once_for_each_language() {
    let dir = project(
        "languages: [en-GB, cy]",
        "-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam.\n-- content/criteria/fw.cy.yaml --\ntitle: Fframwaith\ndomains:\n  \"1\": {title: Gwaith}\nstandards:\n  \"1.1\": {title: Arweinyddiaeth}\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        the(&stderr, "untranslated"),
        "warning[untranslated]: `content/findings/board.md` has no translation into `cy`; the `cy` site shows it in `en-GB`, marked as such\n --> content/findings/board.md:1:1\n  |\n1 | ---\n  | ^\n  |\nhelp: write it in `content/findings/board.cy.md`: its `title` and its text"
    );
}

#[test]
fn a_translation_into_a_language_the_report_does_not_list_is_an_error() {
    let dir = project(
        "",
        "-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam.\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        the(&stderr, "translation").starts_with("error[translation]: `content/pages/background.cy.md` is named as a translation into `cy`, but the report is in one language"),
        "{stderr}"
    );
}

#[test]
fn a_translation_without_its_original_is_an_error() {
    let dir = project(
        "languages: [en-GB, cy]",
        "-- content/findings/board.cy.md --\n---\ntitle: Bwrdd\n---\nTestun.\n-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam.\n-- content/pages/method.cy.md --\n---\ntitle: Dull\n---\nSut.\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        the(&stderr, "translation").starts_with("error[translation]: `content/pages/method.cy.md` translates `content/pages/method.md`, which is not a finding, chapter, focus area, narrative or summary of the report"),
        "{stderr}"
    );
}

#[test]
fn a_translation_gives_only_text() {
    let dir = project(
        "languages: [en-GB, cy]",
        "-- content/findings/board.cy.md --\n---\ntitle: Bwrdd\nkind: strength\n---\nTestun.\n-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam.\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unknown key `kind`"), "{stderr}");
}

#[test]
fn the_review_in_another_language_has_the_translations_and_knows_what_is_not() {
    use evident::content::Memos;
    use evident::pipeline::{self, Options, Prepare};
    let dir = project(
        "languages: [en-GB, cy]",
        "-- content/findings/board.cy.md --\n---\ntitle: Mae'r bwrdd yn herio'r gwasanaeth\n---\nMae aelodau'r bwrdd yn gofyn cwestiynau anodd.\n",
    );
    let Prepare::Ready(prepared) =
        pipeline::prepare(dir.path(), Options::default(), None, &Memos::off()).unwrap()
    else {
        panic!("the project prepares");
    };
    let review = &prepared.review;
    assert_eq!(review.language(), "en-GB");
    assert_eq!(
        review.findings[0].meta.title,
        "The board challenges the service"
    );
    let welsh = review.in_language("cy");
    assert_eq!(welsh.language(), "cy");
    assert_eq!(
        welsh.findings[0].meta.title,
        "Mae'r bwrdd yn herio'r gwasanaeth"
    );
    assert!(
        welsh.findings[0]
            .body
            .text
            .contains("gofyn cwestiynau anodd")
    );
    // The chapter has no translation: shown in English, and known to be.
    assert_eq!(welsh.pages[0].meta.title, "Background");
    assert_eq!(
        welsh.untranslated.iter().copied().collect::<Vec<_>>(),
        [welsh.pages[0].file]
    );
    // What the original sets stays: the finding's kind and standards.
    assert_eq!(welsh.findings[0].meta.kind.value, "strength");
}

/// The bilingual fixture, built once, as an author builds it (inside the
/// project).
fn bilingual() -> &'static std::path::Path {
    static SITE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        crate::common::copy_dir(
            &crate::common::repo_root().join("tests/fixtures/bilingual"),
            dir.path(),
        );
        let (code, _, stderr) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 0, "{stderr}");
        dir
    })
    .path()
}

#[test]
fn every_page_has_its_counterpart_in_the_other_language_and_leads_there_and_back() {
    let root = bilingual();
    let pages: Vec<String> = crate::common::pages(root)
        .into_iter()
        .map(|(p, _)| p.replace('\\', "/"))
        .collect();
    // (The 404 page has no counterpart to lead to: a server shows it at
    // any address.)
    let english: Vec<&String> = pages
        .iter()
        .filter(|p| !p.starts_with("cy/") && !p.ends_with("404.html"))
        .collect();
    let welsh: Vec<&String> = pages
        .iter()
        .filter(|p| p.starts_with("cy/") && !p.ends_with("404.html"))
        .collect();
    assert!(english.len() > 10);
    assert_eq!(english.len(), welsh.len());
    for page in &english {
        let counterpart = format!("cy/{page}");
        assert!(welsh.contains(&&counterpart), "{counterpart}");
        // The switcher of each leads to the other, and `hreflang` says so.
        for (from, to, tag) in [
            (page.as_str(), counterpart.as_str(), "cy"),
            (counterpart.as_str(), page.as_str(), "en-GB"),
        ] {
            let doc = crate::common::page(root, from);
            let link = crate::common::attrs(
                &doc,
                &format!(".language-switcher a[hreflang=\"{tag}\"]"),
                "href",
            );
            // (`report.html` names the others in its tools, the rest in
            // the header.)
            let alternate = crate::common::attrs(
                &doc,
                &format!("link[rel=alternate][hreflang=\"{tag}\"]"),
                "href",
            );
            assert_eq!(link.len(), 1, "{from}");
            assert_eq!(link, alternate, "{from}");
            let base = std::path::Path::new(from).parent().unwrap();
            let target = normalise(&base.join(&link[0]));
            assert_eq!(target, to, "{from}");
        }
    }
}

/// `a/b/../c` as `a/c`.
fn normalise(path: &std::path::Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn the_404_page_leads_to_each_languages_home_page_from_the_base_path() {
    use crate::common::{attrs, page};
    let dir = crate::common::fixture("bilingual");
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}base_path: /reports/2026/\n")).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    for (path, other, other_url) in [
        ("404.html", "cy", "/reports/2026/cy/index.html"),
        ("cy/404.html", "en-GB", "/reports/2026/index.html"),
    ] {
        let doc = page(dir.path(), path);
        assert_eq!(
            attrs(&doc, ".language-switcher a", "href"),
            [other_url],
            "{path}"
        );
        assert_eq!(
            attrs(&doc, ".language-switcher a", "hreflang"),
            [other],
            "{path}"
        );
        assert_eq!(
            attrs(&doc, ".language-switcher [aria-current]", "lang").len(),
            1,
            "{path}"
        );
        // A home page is not the 404 page in another language: no
        // `hreflang` alternates here.
        assert!(
            attrs(&doc, "link[rel=alternate]", "href").is_empty(),
            "{path}"
        );
    }
}

#[test]
fn each_page_names_itself_and_every_counterpart_with_valid_hreflang_pairs() {
    let root = bilingual();
    for (path, lang) in [("index.html", "en-GB"), ("cy/index.html", "cy")] {
        let doc = crate::common::page(root, path);
        assert_eq!(crate::common::attrs(&doc, "html", "lang"), [lang]);
        // One alternate per language, this page's own among them.
        assert_eq!(
            crate::common::attrs(&doc, "link[rel=alternate]", "hreflang"),
            ["en-GB", "cy"]
        );
        assert_eq!(
            crate::common::attrs(&doc, ".language-switcher [aria-current]", "lang"),
            [lang]
        );
    }
}

#[test]
fn an_untranslated_finding_is_shown_in_the_default_language_and_marked() {
    let root = bilingual();
    let doc = crate::common::page(root, "cy/domains/2/2-1.html");
    assert_eq!(
        crate::common::attrs(&doc, "article#finding-views", "lang"),
        ["en-GB"]
    );
    assert_eq!(
        crate::common::texts(&doc, "article#finding-views .untranslated"),
        ["Nid yw'r rhan hon wedi'i chyfieithu eto."]
    );
    assert_eq!(
        crate::common::texts(&doc, "article#finding-views .finding-title"),
        ["Record the child's views every time"]
    );
    // A translated one is in Welsh, and not marked.
    assert_eq!(
        crate::common::texts(&doc, "article#finding-thorough .finding-title"),
        ["Mae'r asesiadau'n drylwyr"]
    );
    assert!(crate::common::attrs(&doc, "article#finding-thorough", "lang").is_empty());
    // In the English site nothing is marked.
    let doc = crate::common::page(root, "domains/2/2-1.html");
    assert!(crate::common::texts(&doc, ".untranslated").is_empty());
}

#[test]
fn every_untranslated_text_is_shown_in_the_default_language_and_marked_wherever_it_appears() {
    use crate::common::{attrs, page, texts};
    // The bilingual fixture leaves a chapter (`method`) and a narrative
    // (2.1) in English; here the focus area, the summary and the case
    // sample's introduction are too.
    let dir = crate::common::fixture("bilingual");
    for gone in ["content/summary.cy.md", "content/focus/voice.cy.md"] {
        std::fs::remove_file(dir.path().join(gone)).unwrap();
    }
    crate::common::write_inline(
        dir.path(),
        "-- content/cases/index.md --\n---\ntitle: Choosing the cases\n---\nThe cases were chosen at random.\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let root = dir.path();
    let note = "Nid yw'r rhan hon wedi'i chyfieithu eto.";

    // The chapter's own page: its title and text in English, said so in
    // Welsh; its headings in the contents list, its breadcrumb and the
    // chapter list beside it carry their language too.
    let doc = page(root, "cy/pages/method.html");
    assert_eq!(attrs(&doc, "main h1", "lang"), ["en-GB"]);
    assert_eq!(texts(&doc, "main h1"), ["How we worked"]);
    assert_eq!(attrs(&doc, "main .untranslated", "lang"), ["cy"]);
    assert_eq!(texts(&doc, "main .untranslated"), [note]);
    assert_eq!(attrs(&doc, "main .prose", "lang"), ["en-GB"]);
    assert_eq!(attrs(&doc, ".page-toc a", "lang"), ["en-GB"]);
    assert_eq!(
        attrs(&doc, ".breadcrumbs a[aria-current]", "lang"),
        ["en-GB"]
    );
    assert_eq!(
        attrs(&doc, ".section-nav a[aria-current]", "lang"),
        ["en-GB"]
    );
    // The translated chapter beside it is not marked.
    let doc = page(root, "cy/pages/background.html");
    assert!(texts(&doc, ".untranslated").is_empty());
    assert!(attrs(&doc, "main [lang]", "lang").is_empty());
    assert!(attrs(&doc, ".section-nav a[href$='background.html']", "lang").is_empty());
    assert_eq!(
        attrs(&doc, ".section-nav a[href$='method.html']", "lang"),
        ["en-GB"]
    );

    // The focus area's page, and the page before it in reading order
    // naming it in the pager.
    let doc = page(root, "cy/focus/voice.html");
    assert_eq!(attrs(&doc, "main h1", "lang"), ["en-GB"]);
    assert_eq!(texts(&doc, "main .untranslated"), [note]);
    assert_eq!(attrs(&doc, "main .prose", "lang"), ["en-GB"]);

    // The narrative on the standard's page and on its domain's page.
    for (path, narrative) in [
        ("cy/domains/2/2-1.html", "main > .narrative"),
        ("cy/domains/2/index.html", ".standard .narrative"),
    ] {
        let doc = page(root, path);
        assert_eq!(attrs(&doc, narrative, "lang"), ["en-GB"], "{path}");
        assert_eq!(
            texts(&doc, &format!("{narrative} .untranslated")),
            [note],
            "{path}"
        );
    }

    // The case sample's introduction.
    let doc = page(root, "cy/cases/index.html");
    assert_eq!(attrs(&doc, "main .intro", "lang"), ["en-GB"]);
    assert_eq!(texts(&doc, "main .intro .untranslated"), [note]);
    assert_eq!(attrs(&doc, ".page-toc a[href='#intro']", "lang"), ["en-GB"]);

    // The home page: the summary (its own title too) and the lists.
    let doc = page(root, "cy/index.html");
    assert_eq!(attrs(&doc, ".summary h2", "lang"), ["en-GB"]);
    assert_eq!(texts(&doc, ".summary .untranslated"), [note]);
    assert_eq!(attrs(&doc, ".summary div", "lang"), ["en-GB"]);
    assert_eq!(
        attrs(&doc, ".chapter-list a[href$='method.html']", "lang"),
        ["en-GB"]
    );
    assert!(attrs(&doc, ".chapter-list a[href$='background.html']", "lang").is_empty());
    assert_eq!(
        attrs(&doc, ".chapter-list a[href$='voice.html']", "lang"),
        ["en-GB"]
    );

    // The printable report: each part in its language, and its contents.
    let doc = page(root, "cy/report.html");
    assert_eq!(attrs(&doc, "section[id^='page-method']", "lang"), ["en-GB"]);
    assert!(attrs(&doc, "section[id^='page-background']", "lang").is_empty());
    assert_eq!(
        attrs(&doc, "section[id^='focus-voice'] > div", "lang"),
        ["en-GB"]
    );
    assert_eq!(
        attrs(&doc, ".report-standard .narrative", "lang"),
        ["en-GB"]
    );
    // Five notes in the report's parts (summary, chapter, focus area,
    // narrative, the case sample's introduction) and one on the
    // untranslated finding.
    assert_eq!(texts(&doc, ".untranslated").len(), 6);
    assert_eq!(attrs(&doc, "#cases .intro", "lang"), ["en-GB"]);
    assert_eq!(
        attrs(&doc, ".report-contents a[href^='#page-method']", "lang"),
        ["en-GB"]
    );

    // The English site marks nothing.
    for path in [
        "pages/method.html",
        "index.html",
        "report.html",
        "cases/index.html",
    ] {
        let doc = page(root, path);
        assert!(texts(&doc, ".untranslated").is_empty(), "{path}");
        assert!(
            attrs(&doc, "body [lang]:not(.language-switcher *)", "lang").is_empty(),
            "{path}"
        );
    }
}

#[test]
fn each_language_has_its_own_search_index_and_printable_report() {
    let root = bilingual();
    let read = |p: &str| std::fs::read_to_string(root.join("output").join(p)).unwrap();
    assert!(read("search-index.js").contains("Assessments are thorough"));
    assert!(read("cy/search-index.js").contains("Mae'r asesiadau'n drylwyr"));
    assert!(!read("cy/search-index.js").contains("Assessments are thorough"));
    assert!(read("cy/report.html").contains("<html lang=\"cy\">"));
    assert!(read("cy/report.html").contains("asesiadau&#39;n drylwyr"));
}

#[test]
fn no_english_word_of_the_theme_is_left_in_the_welsh_site_of_a_bilingual_report() {
    let left = crate::locales::english_left(bilingual(), |p| p.starts_with("cy/"));
    assert_eq!(left, Vec::<String>::new());
    // The English site is in English: the check finds its words there.
    assert!(!crate::locales::english_left(bilingual(), |p| p == "index.html").is_empty());
}

#[test]
fn texts_given_per_language_are_checked_against_the_languages() {
    let dir = project(
        "languages: [en-GB, cy]\nsubtitle: {cy: Adroddiad, fr: Rapport}",
        "",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[language]: `subtitle` is given in `fr`, which is not one of the report's languages (`en-GB`, `cy`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "error[language]: `subtitle` has no text in `en-GB`, the report's default language"
        ),
        "{stderr}"
    );
}

#[test]
fn finding_kinds_can_be_named_in_each_language() {
    let dir = project(
        "languages: [en-GB, cy]\nfinding_kinds:\n  - {id: strength, label: {en-GB: Strengths, cy: Cryfderau}, singular: {en-GB: Strength, cy: Cryfder}}\n  - {id: consideration, label: {en-GB: Areas to consider, fr: Points}}",
        "-- content/findings/board.cy.md --\n---\ntitle: Bwrdd\n---\nTestun.\n-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam.\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[language]: the label of finding kind `consideration` is given in `fr`, which is not one of the report's languages (`en-GB`, `cy`)"),
        "{stderr}"
    );
    // Put right, each site names the kinds in its language.
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        text.replace("fr: Points", "cy: Meysydd i'w hystyried"),
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let english = crate::common::page(dir.path(), "findings.html");
    let welsh = crate::common::page(dir.path(), "cy/findings.html");
    assert_eq!(
        crate::common::texts(&english, "h2#kind-strength"),
        ["Strengths"]
    );
    assert_eq!(
        crate::common::texts(&welsh, "h2#kind-strength"),
        ["Cryfderau"]
    );
    assert_eq!(crate::common::texts(&welsh, ".tag-strength"), ["Cryfder"]);
}

#[test]
fn the_frameworks_texts_come_in_each_language_from_their_own_file() {
    let root = bilingual();
    let welsh = crate::common::page(root, "cy/domains/2/2-1.html");
    assert_eq!(crate::common::texts(&welsh, "h1"), ["2.1 Asesu"]);
    assert!(
        crate::common::texts(&welsh, "table.questions tbody th")
            .iter()
            .any(|t| t.contains("A yw'r asesiad yn gadarn?")),
        "{:?}",
        crate::common::texts(&welsh, "table.questions tbody th")
    );
    let english = crate::common::page(root, "domains/2/2-1.html");
    assert_eq!(crate::common::texts(&english, "h1"), ["2.1 Assessment"]);
}

#[test]
fn a_framework_without_texts_in_a_language_is_warned_once() {
    let dir = project(
        "languages: [en-GB, cy]",
        "-- content/findings/board.cy.md --\n---\ntitle: Bwrdd\n---\nTestun.\n-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam.\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        the(&stderr, "untranslated"),
        "warning[untranslated]: the framework has no texts in `cy`; the `cy` site shows its titles and key questions in `en-GB`\n --> content/criteria/fw.yaml:1:1\n  |\n1 | id: fw\n  | ^\n  |\nhelp: write them in `content/criteria/fw.cy.yaml`: `title`; `domains`, `standards`, `questions`, `dimensions` and `answers` by id; `ratings` by label (see docs/authoring.md, A report in two languages)"
    );
}

#[test]
fn framework_texts_for_an_id_the_framework_lacks_are_an_error_with_the_id_meant() {
    let dir = project(
        "languages: [en-GB, cy]",
        "-- content/findings/board.cy.md --\n---\ntitle: Bwrdd\n---\nTestun.\n-- content/pages/background.cy.md --\n---\ntitle: Cefndir\n---\nPam.\n-- content/criteria/fw.cy.yaml --\ntitle: Fframwaith\ndomains:\n  \"1\": {title: Gwaith}\nstandards:\n  \"1.2\": {title: Arweinyddiaeth}\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        the(&stderr, "translation"),
        "error[translation]: the framework has no standard `1.2`\n --> content/criteria/fw.cy.yaml:5:3\n  |\n5 |   \"1.2\": {title: Arweinyddiaeth}\n  |   ^^^^^\n  |\nhelp: did you mean `1.1`?"
    );
}

/// A framework with scales of its own (dimensions, answers, ratings and an
/// overall rating), and its texts in Welsh (`with_texts`, appended to
/// `fw.cy.yaml`).
fn scales(with_texts: &str) -> tempfile::TempDir {
    project(
        "languages: [en-GB, cy]\nshow_ratings: true\nsmall_sample: 2\ncase_pages: true",
        &format!(
            r#"-- content/findings/board.cy.md --
---
title: Mae'r bwrdd yn herio'r gwasanaeth
---
Mae aelodau'r bwrdd yn holi.
-- content/pages/background.cy.md --
---
title: Cefndir
---
Pam.
-- content/criteria/fw.yaml --
id: fw
title: Framework
dimensions:
  - {{id: safety, title: Keeping the child safe}}
answers:
  - {{id: "y", label: "Yes", counts: met}}
  - {{id: "n", label: "No", counts: not-met}}
ratings:
  rule: lowest-question
  levels:
    - {{label: Good, min: 50, score: 1}}
    - {{label: Inadequate, min: 0, score: 0}}
overall:
  counts: ["2.1"]
  max: 1
  bands:
    - {{label: Good, min: 1}}
    - {{label: Inadequate, min: 0}}
  note: The bands are our own.
domains:
  - id: "1"
    title: Work
    standards:
      - {{id: "1.1", title: Leadership, assessed_by: judgement}}
  - id: "2"
    title: Court
    standards:
      - id: "2.1"
        title: Assessment
        questions:
          - {{id: "2.1.1", text: Is the assessment sound?, dimension: safety}}
-- content/criteria/fw.cy.yaml --
title: Fframwaith
domains:
  "1": {{title: Gwaith}}
  "2": {{title: Llys}}
standards:
  "1.1": {{title: Arweinyddiaeth}}
  "2.1": {{title: Asesu}}
questions:
  "2.1.1": A yw'r asesiad yn gadarn?
{with_texts}
-- content/cases/cases.yaml --
- id: C01
  domain: "2"
  disposal: Referral order
  audit: file-read
  answers: {{"2.1.1": "y"}}
- id: C02
  domain: "2"
  disposal: Referral order
  audit: file-read
  answers: {{"2.1.1": "n"}}
"#
        ),
    )
}

#[test]
fn the_words_of_the_frameworks_scales_come_in_each_language() {
    use crate::common::{page, texts};
    let dir = scales(
        "dimensions:\n  safety: Cadw'r plentyn yn ddiogel\nanswers:\n  \"y\": Ie\n  \"n\": Na\nratings:\n  Good: Da\n  Inadequate: Annigonol\noverall_note: Ein bandiau ni yw'r rhain.\n",
    );
    let (code, stderr) = check(&dir);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning[untranslated]"), "{stderr}");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let root = dir.path();
    // One case of two meets the question: 50 %, the lower edge of Good.
    let welsh = page(root, "cy/domains/2/2-1.html");
    assert_eq!(texts(&welsh, ".rating strong"), ["Da"]);
    assert_eq!(
        texts(&welsh, "table.questions .dimension"),
        ["Cadw'r plentyn yn ddiogel"]
    );
    let rule = texts(&welsh, ".rating-rule").join(" ");
    assert!(rule.contains("Da") && rule.contains("Annigonol"), "{rule}");
    assert!(!rule.contains("Good"), "{rule}");
    let cases = page(root, "cy/cases/index.html");
    assert_eq!(texts(&cases, "table.matrix td.answer"), ["Ie", "Na"]);
    let case = page(root, "cy/cases/C01.html");
    assert_eq!(texts(&case, "main table td"), ["Ie"]);
    let home = page(root, "cy/index.html");
    let overall = texts(&home, ".overall").join(" ");
    assert!(
        overall.contains("Da") && overall.contains("Ein bandiau ni yw'r rhain."),
        "{overall}"
    );
    assert!(
        !overall.contains("Good") && !overall.contains("our own"),
        "{overall}"
    );
    // The English site keeps the framework's own words.
    let english = page(root, "domains/2/2-1.html");
    assert_eq!(texts(&english, ".rating strong"), ["Good"]);
    assert_eq!(
        texts(&english, "table.questions .dimension"),
        ["Keeping the child safe"]
    );
    assert_eq!(
        texts(&page(root, "cases/index.html"), "table.matrix td.answer"),
        ["Yes", "No"]
    );
}

#[test]
fn scale_words_for_what_the_framework_lacks_are_errors_with_the_word_meant() {
    let dir =
        scales("dimensions:\n  safty: Diogelwch\nanswers:\n  \"yes\": Ie\nratings:\n  Goood: Da\n");
    let (code, stderr) = check(&dir);
    assert_eq!(code, 1, "{stderr}");
    for (message, help) in [
        (
            "the framework has no dimension `safty`",
            "did you mean `safety`?",
        ),
        (
            "the framework has no answer `yes`",
            "give texts for these only: `y`, `n`",
        ),
        (
            "the framework has no rating level or band labelled `Goood`",
            "did you mean `Good`?",
        ),
    ] {
        let found = stderr
            .split("\n\n")
            .find(|d| d.contains(message))
            .unwrap_or_else(|| panic!("{message}: {stderr}"));
        assert!(found.starts_with("error[translation]"), "{found}");
        assert!(found.ends_with(&format!("help: {help}")), "{found}");
    }
}

#[test]
fn scale_words_left_untranslated_are_in_the_frameworks_one_warning() {
    let dir = scales("");
    let (code, stderr) = check(&dir);
    assert_eq!(code, 0, "{stderr}");
    let warning = the(&stderr, "untranslated");
    assert!(
        warning.starts_with("warning[untranslated]: `content/criteria/fw.cy.yaml` has no text for 5 of the framework's titles and key questions (`safety`, `y`, `n`, `Good`, `Inadequate`)"),
        "{warning}"
    );
}
