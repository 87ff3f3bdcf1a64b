//! The theme's words in the report's language: `language: cy` switches the
//! words the default theme writes to Welsh, a project theme changes single
//! strings, and a language the theme lacks is shown in British English with
//! one warning. Checked as an author meets them: `evident check` and
//! `evident build` typed inside the project.

use crate::common::{inline, page, run_in, texts};

fn project(language: &str, extra: &str) -> tempfile::TempDir {
    inline(&format!(
        r#"
-- content/report.yaml --
title: Adolygiad
organisation: Gwasanaeth cyfiawnder ieuenctid
language: {language}
{extra}
-- content/criteria/fw.yaml --
id: fw
title: Framework
domains:
  - id: "1"
    title: Gwaith
    standards:
      - id: "1.1"
        title: Asesu
        questions:
          - {{id: "1.1.1", text: Cyntaf?}}
-- content/cases/C01.yaml --
id: C01
domain: "1"
disposal: Gorchymyn atgyfeirio
audit: file-read
answers: {{"1.1.1": "yes"}}
-- content/cases/C02.yaml --
id: C02
domain: "1"
disposal: Gorchymyn atgyfeirio
audit: file-read
answers: {{"1.1.1": "yes"}}
-- content/cases/C03.yaml --
id: C03
domain: "1"
disposal: Gorchymyn atgyfeirio
audit: file-read
answers: {{"1.1.1": "no"}}
-- content/findings/one.md --
---
title: Cryfder
kind: strength
criteria: ["1.1"]
---
Testun.
"#
    ))
}

/// The keys of the default theme's British English file, sorted.
fn english_keys() -> Vec<String> {
    let file = crate::common::repo_root().join("themes/default/locales/en-GB.yaml");
    let mut keys: Vec<String> = std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(':'))
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    keys.sort();
    keys
}

#[test]
fn a_welsh_report_has_the_themes_words_in_welsh() {
    let dir = project("cy", "");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("missing-translation"), "{stderr}");
    let home = page(dir.path(), "index.html");
    assert_eq!(texts(&home, ".skip-link"), ["Neidio i'r prif gynnwys"]);
    assert_eq!(
        texts(&home, "label[for=site-search-q]"),
        ["Chwilio'r adroddiad hwn"]
    );
    assert_eq!(
        texts(&home, "#domains-heading"),
        ["Canfyddiadau yn ôl parth"]
    );
    // Three cases: Welsh's `few` form, the verb first.
    let cases = page(dir.path(), "cases/index.html");
    assert!(
        texts(&cases, "main p").contains(&"Archwiliwyd 3 achos.".to_string()),
        "{:?}",
        texts(&cases, "main p")
    );
    // The same project in English.
    let dir = project("en-GB", "");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let cases = page(dir.path(), "cases/index.html");
    assert!(texts(&cases, "main p").contains(&"3 cases were audited.".to_string()));
}

#[test]
fn a_project_theme_changes_one_welsh_string_and_keeps_the_rest() {
    let dir = project("cy", "theme: ours");
    std::fs::create_dir_all(dir.path().join("themes/ours/locales")).unwrap();
    std::fs::write(
        dir.path().join("themes/ours/locales/cy.yaml"),
        "search_this_report: Chwilio'r adolygiad\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let home = page(dir.path(), "index.html");
    assert_eq!(
        texts(&home, "label[for=site-search-q]"),
        ["Chwilio'r adolygiad"]
    );
    assert_eq!(texts(&home, ".skip-link"), ["Neidio i'r prif gynnwys"]);
}

#[test]
fn a_language_the_theme_lacks_is_shown_in_english_with_one_warning() {
    let dir = project("fr", "");
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let warning = stderr
        .split("\n\n")
        .find(|d| d.contains("missing-translation"))
        .unwrap_or_else(|| panic!("no warning:\n{stderr}"));
    let keys = english_keys().len();
    assert_eq!(
        warning,
        format!(
            "warning[missing-translation]: the theme has no words in `fr`; its {keys} strings are shown in British English\n --> content/report.yaml:3:11\n  |\n3 | language: fr\n  |           ^^\n  |\nhelp: add them to `themes/default/locales/fr.yaml` (the default theme's `en-GB.yaml` lists every key), or use a language the theme has: cy, en-GB"
        )
    );
    assert_eq!(stderr.matches("missing-translation").count(), 1, "{stderr}");
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let home = page(dir.path(), "index.html");
    assert_eq!(texts(&home, ".skip-link"), ["Skip to main content"]);
}

#[test]
fn a_language_a_project_theme_speaks_in_part_is_warned_once_naming_what_it_lacks() {
    // The project's theme has a file for a language the default theme does
    // not speak, with one string in it: the others are in British English.
    let dir = project("cy-x-test", "theme: ours");
    std::fs::create_dir_all(dir.path().join("themes/ours/locales")).unwrap();
    std::fs::write(
        dir.path().join("themes/ours/locales/cy-x-test.yaml"),
        "all_findings: Pob canfyddiad\n",
    )
    .unwrap();
    let (_, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(stderr.matches("missing-translation").count(), 1, "{stderr}");
    let missing: Vec<String> = english_keys()
        .into_iter()
        .filter(|k| k != "all_findings")
        .collect();
    let named: Vec<String> = missing[..5].iter().map(|k| format!("`{k}`")).collect();
    let expected = format!(
        "warning[missing-translation]: the theme has no words in `cy-x-test` for {} of its strings ({}, and {} more); they are shown in British English",
        missing.len(),
        named.join(", "),
        missing.len() - 5
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_locale_file_with_plural_forms_but_no_other_is_an_error_naming_it() {
    let dir = project("cy", "theme: ours");
    std::fs::create_dir_all(dir.path().join("themes/ours/locales")).unwrap();
    std::fs::write(
        dir.path().join("themes/ours/locales/cy.yaml"),
        "n_cases:\n  one: \"{n} achos\"\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[locale]: themes/ours/locales/cy.yaml: `n_cases`: plural forms need `other`, used for any count no other form covers"),
        "{stderr}"
    );
}

#[test]
fn welsh_counts_take_six_forms_from_the_default_themes_file() {
    let locales = evident::site::locale::default_locales().unwrap();
    let cy = locales.locale("cy");
    let forms: Vec<String> = [0, 1, 2, 3, 6, 7]
        .iter()
        .map(|n| cy.count("n_findings", *n))
        .collect();
    assert_eq!(
        forms,
        [
            "0 canfyddiad",
            "1 canfyddiad",
            "2 ganfyddiad",
            "3 chanfyddiad",
            "6 chanfyddiad",
            "7 o ganfyddiadau"
        ]
    );
}

#[test]
fn the_welsh_file_has_every_string_of_the_british_english_one() {
    let locales = evident::site::locale::default_locales().unwrap();
    assert_eq!(locales.missing("cy"), Vec::<&str>::new());
}

#[test]
fn every_key_the_default_templates_use_is_in_the_british_english_file() {
    let keys = english_keys();
    let dir = crate::common::repo_root().join("themes/default/templates");
    let mut unknown = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for part in text.split("key=\"").skip(1) {
            let key = part.split('"').next().unwrap();
            if !keys.iter().any(|k| k == key) {
                unknown.push(format!("{}: {key}", entry.path().display()));
            }
        }
    }
    assert_eq!(unknown, Vec::<String>::new());
}

/// The pieces of British English text the theme's messages are made of:
/// each message and plural form split at its `{places}`, each piece with
/// a letter in it, trimmed; pieces the Welsh file also has (a name such as
/// "PDF") are left out.
fn english_pieces() -> Vec<String> {
    let read = |tag: &str| -> Vec<String> {
        let locales = evident::site::locale::default_locales().unwrap();
        let locale = locales.locale(tag);
        english_keys()
            .iter()
            .flat_map(|key| {
                [0usize, 1, 2, 3, 6, 7]
                    .iter()
                    .filter_map(|n| locale.get(key, Some(*n), &[]))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let welsh = read("cy").join("\n");
    let mut pieces: Vec<String> = read("en-GB")
        .iter()
        .flat_map(|text| {
            text.split(['{', '}'])
                .step_by(2)
                .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|p| !welsh.contains(p.as_str()))
        .collect();
    pieces.sort();
    pieces.dedup();
    pieces
}

#[test]
fn no_english_word_of_the_theme_is_left_in_a_welsh_report() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(
        &crate::common::repo_root().join("tests/fixtures/welsh"),
        dir.path(),
    );
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(english_left(dir.path(), |_| true), Vec::<String>::new());
}

/// The English pieces of the theme found on the built pages of `root`
/// that `pages` names, as `path: piece`. What a reader reads or hears is
/// looked at: text outside scripts and styles (and outside a part marked
/// as in another language than the page, such as a finding not yet
/// translated), and the attributes a browser shows or speaks.
pub(crate) fn english_left(root: &std::path::Path, pages: impl Fn(&str) -> bool) -> Vec<String> {
    let pieces = english_pieces();
    assert!(pieces.len() > 50, "{pieces:?}");
    let words = |text: &str, piece: &str| {
        // The piece as whole words: not "Case" inside "Cases".
        text.match_indices(piece).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + piece.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    let mut left = Vec::new();
    for (path, html) in crate::common::pages(root) {
        if !pages(&path) {
            continue;
        }
        let doc = scraper::Html::parse_document(&html);
        let lang = doc
            .root_element()
            .value()
            .attr("lang")
            .unwrap_or("")
            .to_string();
        let mut said: Vec<String> = doc
            .root_element()
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| (n, t.to_string())))
            // Marked as in another language (the nearest `lang` is not the
            // page's), or not read at all.
            .filter(|(n, _)| {
                let unread = n.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| matches!(e.name(), "script" | "style"))
                });
                let nearest = n
                    .ancestors()
                    .find_map(|a| a.value().as_element().and_then(|e| e.attr("lang")));
                !unread && nearest.is_none_or(|l| l == lang)
            })
            .map(|(_, t)| t)
            .collect();
        for node in doc.root_element().descendants() {
            let Some(element) = node.value().as_element() else {
                continue;
            };
            for (name, value) in element.attrs() {
                // The `data-` texts a script shows; not the ids the filters
                // match on (`data-kind="strength"`).
                let words_for_a_script = name.starts_with("data-")
                    && !matches!(
                        name,
                        "data-kind" | "data-criteria" | "data-focus" | "data-filter"
                    );
                if matches!(name, "aria-label" | "title" | "alt" | "placeholder")
                    || words_for_a_script
                {
                    said.push(value.to_string());
                }
            }
        }
        let text = said.join("\n");
        for piece in &pieces {
            if words(&text, piece) {
                left.push(format!("{path}: {piece}"));
            }
        }
    }
    left
}

#[test]
fn a_misspelt_key_in_a_project_themes_locale_is_warned_with_the_key_meant() {
    let dir = project("cy", "theme: ours");
    std::fs::create_dir_all(dir.path().join("themes/ours/locales")).unwrap();
    std::fs::write(
        dir.path().join("themes/ours/locales/cy.yaml"),
        "# Ours\nsearch: Chwilio\nsearch_this_reprot: Chwilio'r adolygiad\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let warning = stderr
        .split("\n\n")
        .find(|d| d.contains("unknown-locale-key"))
        .unwrap_or_else(|| panic!("no warning:\n{stderr}"));
    assert_eq!(
        warning,
        "warning[unknown-locale-key]: themes/ours/locales/cy.yaml:3: `search_this_reprot` is not a string the theme writes, so its text is never shown\n |\nhelp: did you mean `search_this_report`? The default theme's `en-GB.yaml` lists every key"
    );
    assert_eq!(stderr.matches("unknown-locale-key").count(), 1, "{stderr}");
}
