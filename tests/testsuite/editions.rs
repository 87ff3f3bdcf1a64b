//! The public edition: a copy for wider circulation that names no case and
//! shows nothing case by case, checked by reading every file it writes; and
//! the full edition, unchanged by the option.

use crate::common::{run_in, worked_example, write_inline};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir`, as path → text.
fn files(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (
                rel,
                String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned(),
            )
        })
        .collect()
}

/// Whether `text` holds `word` with no letter or digit either side.
fn holds_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        !letter(before) && !letter(after)
    })
}

#[test]
fn the_public_edition_names_no_case_and_shows_nothing_case_by_case() {
    let dir = worked_example();
    // The worked example marks its public edition OFFICIAL, its full one
    // OFFICIAL-SENSITIVE.
    let (code, _, stderr) = run_in(dir.path(), &["build", "--edition", "public", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("output-public");
    assert!(
        !dir.path().join("output").exists(),
        "the full edition is not touched"
    );
    let site = files(&out);
    assert!(site.len() > 20);
    assert!(!site.contains_key("data/cases.csv"));
    assert!(
        !site
            .keys()
            .any(|p| p.starts_with("cases/") && p != "cases/index.html")
    );
    // What the cases are: their ids, notes and start months.
    let cases: Vec<serde_json::Value> = {
        let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "full"]);
        assert_eq!(code, 0, "{stderr}");
        let json = std::fs::read_to_string(dir.path().join("full/data/report.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        json["cases"].as_array().unwrap().clone()
    };
    assert!(cases.len() >= 18);
    let mut notes: Vec<String> = Vec::new();
    for file in ["court-orders.yaml", "out-of-court.yaml"] {
        let yaml = std::fs::read_to_string(dir.path().join("content/cases").join(file)).unwrap();
        for line in yaml.lines() {
            if let Some(note) = line.trim_start().strip_prefix("notes: ") {
                // A distinctive stretch of each note.
                notes.push(note.chars().take(40).collect());
            }
        }
    }
    assert!(notes.len() >= 10, "{notes:?}");
    for (path, text) in &site {
        for case in &cases {
            let id = case["id"].as_str().unwrap();
            assert!(!holds_word(text, id), "{path} names case {id}");
        }
        for note in &notes {
            assert!(
                !text.contains(note.as_str()),
                "{path} has a case note: {note}"
            );
        }
        for month in [
            "September 2019",
            "October 2019",
            "November 2019",
            "December 2019",
            "2019-09",
            "2019-10",
            "2019-11",
        ] {
            assert!(!text.contains(month), "{path} has a start month, {month}");
        }
    }
    // Every page says which edition it is, in its banner, and in print.
    for (path, text) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(text.contains("edition-banner"), "{path}");
        assert!(text.contains("Public edition"), "{path}");
        assert!(text.contains(">OFFICIAL<"), "{path}: its own marking");
    }
    assert!(site["report.html"].contains("@top-right { content: \"Public edition\""));
    let json: serde_json::Value = serde_json::from_str(&site["data/report.json"]).unwrap();
    assert_eq!(json["edition"], "public");
    assert_eq!(json["cases"], serde_json::json!([]));
    assert_eq!(json["report"]["classification"], "OFFICIAL");
    // The aggregates stay, under the disclosure rule.
    assert_eq!(json["sample"]["total"], 18);
    assert!(site["cases/index.html"].contains("Cases by disposal"));
}

#[test]
fn case_links_go_with_their_brackets_and_case_ids_in_prose_are_errors() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        "-- content/findings/public-test.md --\n---\ntitle: Brackets\nkind: strength\ncriteria: [\"2.1\"]\n---\nSeen in two cases ([C01](case:C01), [C02](case:C02)). Also once ([C03](case:C03) and [C04](case:C04)); then (see [C05](case:C05) for more).\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["build", "--edition", "public", "-o", "pub"]);
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(dir.path().join("pub/domains/2/2-1.html")).unwrap();
    let doc = scraper::Html::parse_document(&page);
    let finding = doc
        .select(&scraper::Selector::parse("#finding-public-test").unwrap())
        .next()
        .unwrap();
    let text: String = finding.text().collect::<String>();
    assert!(
        text.contains("Seen in two cases. Also once; then (see  for more)."),
        "{text}"
    );
    // A bracket holding more than cases stays, and `check` says the link
    // leaves a gap.
    let (code, _, stderr) = run_in(dir.path(), &["check", "--edition", "public"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("case-link-in-sentence")
            && stderr.contains("content/findings/public-test.md:6:"),
        "{stderr}"
    );
    // A case id written as plain text: an error of the public edition
    // only, in the body and in the title.
    write_inline(
        dir.path(),
        "-- content/findings/plain-id.md --\n---\ntitle: What C07 showed\nkind: strength\ncriteria: [\"2.1\"]\n---\nThe work in C04 was good.\n",
    );
    let (code, _, stderr) = run_in(dir.path(), &["check", "--edition", "public"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("content/findings/plain-id.md:6:13"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/findings/plain-id.md:2:13"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("error[case-in-public]").count(),
        2,
        "{stderr}"
    );
    let (code, _, stderr) = run_in(dir.path(), &["build", "--edition", "public", "-o", "pub"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "the full edition may name cases: {stderr}");
}

#[test]
fn the_full_edition_is_the_default_and_unchanged_by_the_option() {
    let dir = worked_example();
    let (code, _, stderr) = run_in(dir.path(), &["build", "-o", "a"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run_in(dir.path(), &["build", "--edition", "full", "-o", "b"]);
    assert_eq!(code, 0, "{stderr}");
    let (a, b) = (files(&dir.path().join("a")), files(&dir.path().join("b")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a == b, "the two full builds differ");
    assert!(a.contains_key("data/cases.csv"));
    assert!(!a["index.html"].contains("edition-banner"));
    // A folder named for the public edition in report.yaml.
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    let public = "  public:\n    classification: OFFICIAL\n";
    assert!(text.contains(public));
    std::fs::write(
        &report,
        text.replace(public, &format!("{public}    output: shared\n")),
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build", "--edition", "public"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("shared/index.html").is_file());
}

#[test]
fn the_public_case_sample_page_links_only_the_data_it_publishes() {
    let dir = worked_example();
    let (code, _, stderr) = run_in(dir.path(), &["build", "--edition", "public"]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(dir.path().join("output-public/cases/index.html")).unwrap();
    let p = scraper::Html::parse_document(&html);
    let links: Vec<String> = p
        .select(&scraper::Selector::parse(".data-files a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(links, ["../data/report.json"]);
}
