//! The statistics against tables worked out by hand: key-question results,
//! ratings under the `lowest-question` rule, and small-cell suppression of
//! case attributes.

use crate::common::{build_ok, inline, page, report_json, texts};

/// Four cases of one domain, two standards with two questions each, and a
/// judgement standard rated in its narrative.
const PROJECT: &str = r#"
-- content/report.yaml --
title: Ratings review
organisation: Test service
status: final
show_ratings: true
-- content/criteria/fw.yaml --
id: fw
title: Framework
ratings:
  rule: lowest-question
  levels:
    - {label: Outstanding, min: 80, score: 3}
    - {label: Good, min: 65, score: 2}
    - {label: Requires improvement, min: 50, score: 1}
    - {label: Inadequate, min: 0, score: 0}
domains:
  - id: "1"
    title: Work with people
    standards:
      - id: "1.1"
        title: Assessment
        questions:
          - {id: "1.1.1", text: First?}
          - {id: "1.1.2", text: Second?}
      - id: "1.2"
        title: Planning
        questions:
          - {id: "1.2.1", text: Third?}
          - {id: "1.2.2", text: Fourth?}
      - id: "1.3"
        title: Leadership
        assessed_by: judgement
-- content/standards/1.3.md --
---
rating: Good
---
Leaders know their service well.
-- content/cases/all.yaml --
- {id: P1, domain: "1", disposal: Order A, audit: file-read, attributes: {band: young}, answers: {"1.1.1": "yes", "1.1.2": "yes", "1.2.1": "yes", "1.2.2": "n/a"}}
- {id: P2, domain: "1", disposal: Order A, audit: file-read, attributes: {band: young}, answers: {"1.1.1": "yes", "1.1.2": "no", "1.2.1": "no", "1.2.2": "n/a"}}
- {id: P3, domain: "1", disposal: Order B, audit: with-case-manager, attributes: {band: young}, answers: {"1.1.1": "yes", "1.1.2": "yes", "1.2.1": "no", "1.2.2": "n/a"}}
- {id: P4, domain: "1", disposal: Order A, audit: with-case-manager, attributes: {band: old}, answers: {"1.1.1": "no", "1.1.2": "yes", "1.2.1": "yes", "1.2.2": "n/a"}}
"#;

#[test]
fn question_results_and_lowest_question_ratings() {
    let dir = inline(PROJECT);
    build_ok(dir.path());
    let json = report_json(dir.path());
    let standards = json["domains"][0]["standards"].as_array().unwrap();
    let q = |s: usize, i: usize| &standards[s]["questions"][i];
    // 1.1.1: yes yes yes no → 3 met, 1 not met → 75.0
    assert_eq!(
        (q(0, 0)["met"].as_u64(), q(0, 0)["not_met"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(q(0, 0)["percent"].as_f64(), Some(75.0));
    // 1.1.2: yes no yes yes → 75.0
    assert_eq!(q(0, 1)["percent"].as_f64(), Some(75.0));
    // 1.2.1: yes no no yes → 50.0
    assert_eq!(q(1, 0)["percent"].as_f64(), Some(50.0));
    // 1.2.2: all n/a → 4 excluded, no percent.
    assert_eq!(q(1, 1)["excluded"].as_u64(), Some(4));
    assert_eq!(q(1, 1)["percent"], serde_json::Value::Null);
    // 1.1: lowest of 75, 75 = 75 → Good (≥ 65), score 2.
    assert_eq!(
        standards[0]["rating"],
        serde_json::json!({"label": "Good", "score": 2})
    );
    // 1.2: lowest of 50 (1.2.2 has no applicable case, left out) → Requires improvement.
    assert_eq!(
        standards[1]["rating"],
        serde_json::json!({"label": "Requires improvement", "score": 1})
    );
    // 1.3: judgement, from its narrative.
    assert_eq!(
        standards[2]["rating"],
        serde_json::json!({"label": "Good", "score": 2})
    );
    // Shown on the standard page, labelled indicative.
    let p = page(dir.path(), "domains/1/1-2.html");
    let rating = texts(&p, ".rating").join(" ");
    assert!(
        rating.contains("Indicative rating: Requires improvement")
            && rating.contains("computed from the case audits"),
        "{rating}"
    );
    // The rule, stated once where ratings are shown.
    let rule = texts(&p, ".rating-rule");
    assert_eq!(rule.len(), 1, "{rule:?}");
    assert!(rule[0].starts_with("Ratings are indicative"), "{rule:?}");
}

#[test]
fn sample_counts_and_small_cells() {
    let dir = inline(PROJECT);
    build_ok(dir.path());
    let p = page(dir.path(), "cases/index.html");
    let tables = texts(&p, "table");
    let disposal = tables
        .iter()
        .find(|t| t.starts_with("Cases by disposal"))
        .unwrap();
    // Order A: P1, P2, P4 → 3; Order B: P3 → 1, withheld, and then Order
    // A too, or it would give Order B away from the total of 4: every
    // sample table follows the one rule.
    assert!(disposal.contains("Order A * Order B *"), "{disposal}");
    let audit = tables
        .iter()
        .find(|t| t.starts_with("Cases by audit mode"))
        .unwrap();
    // Two and two: both below 3.
    assert!(
        audit.contains("With the case manager * File read *"),
        "{audit}"
    );
    // band: old 1 (< 3, withheld), young 3 — withheld too, or it would give
    // the other away from the total of 4.
    let band = tables
        .iter()
        .find(|t| t.starts_with("Cases by band"))
        .unwrap();
    assert_eq!(band, "Cases by band Band Cases old * young *");
    let json = report_json(dir.path());
    assert!(
        json.to_string().find("\"band\"").is_none(),
        "attributes are not exported"
    );
}

/// A project of 2,500 cases and six standards of one question each, whose
/// results sit just below and exactly on each band's minimum: 79.96 %,
/// 80 %, 64.96 %, 65 %, 49.96 %, 50 %.
fn boundaries() -> tempfile::TempDir {
    let met = [1999, 2000, 1624, 1625, 1249, 1250];
    let mut cases = String::new();
    for i in 0..2500 {
        let answers: Vec<String> = met
            .iter()
            .enumerate()
            .map(|(s, m)| {
                let a = if i < *m { "yes" } else { "no" };
                format!("\"1.{}.1\": \"{a}\"", s + 1)
            })
            .collect();
        cases.push_str(&format!(
            "- {{id: B{i}, domain: \"1\", disposal: Order, audit: file-read, answers: {{{}}}}}\n",
            answers.join(", ")
        ));
    }
    let standards: String = (1..=6)
        .map(|s| {
            format!("      - id: \"1.{s}\"\n        title: S{s}\n        questions:\n          - {{id: \"1.{s}.1\", text: Q?}}\n")
        })
        .collect();
    let fw = PROJECT
        .split("-- content/criteria/fw.yaml --\n")
        .nth(1)
        .unwrap()
        .split("domains:")
        .next()
        .unwrap();
    inline(&format!(
        "-- content/report.yaml --\ntitle: Boundaries\norganisation: O\nstatus: final\nshow_ratings: true\n-- content/criteria/fw.yaml --\n{fw}domains:\n  - id: \"1\"\n    title: D\n    standards:\n{standards}-- content/cases/all.yaml --\n{cases}"
    ))
}

#[test]
fn bands_are_decided_on_unrounded_percentages_at_every_boundary() {
    let dir = boundaries();
    build_ok(dir.path());
    let json = report_json(dir.path());
    let standards = json["domains"][0]["standards"].as_array().unwrap();
    let shown: Vec<(f64, &str)> = standards
        .iter()
        .map(|s| {
            (
                s["questions"][0]["percent"].as_f64().unwrap(),
                s["rating"]["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            // 79.96 % prints as 80.0 % and is still Good.
            (80.0, "Good"),
            (80.0, "Outstanding"),
            (65.0, "Requires improvement"),
            (65.0, "Good"),
            (50.0, "Inadequate"),
            (50.0, "Requires improvement"),
        ]
    );
}

#[test]
fn a_computed_rating_is_overridden_only_with_its_reason_shown() {
    let project = PROJECT.replace(
        "-- content/cases/all.yaml --",
        "-- content/standards/1.2.md --\n---\nrating: Good\nrating_reason: The two cases that did not meet 1.2.1 were transferred in late.\n---\nPlanning.\n-- content/cases/all.yaml --",
    );
    let dir = inline(&project);
    build_ok(dir.path());
    let json = report_json(dir.path());
    assert_eq!(
        json["domains"][0]["standards"][1]["rating"],
        serde_json::json!({"label": "Good", "score": 2})
    );
    let p = page(dir.path(), "domains/1/1-2.html");
    let rating = texts(&p, ".rating").join(" ");
    assert!(
        rating.contains("Indicative rating: Good")
            && rating.contains("the case audits give Requires improvement")
            && rating.contains("transferred in late"),
        "{rating}"
    );
    let domain = page(dir.path(), "domains/1/index.html");
    assert!(
        texts(&domain, "table.domain-summary tbody tr")[1].contains("Good (reviewers' rating)")
    );
}

#[test]
fn with_ratings_off_nothing_names_or_implies_a_grade() {
    // The same review with ratings off, and a judgement standard's rating
    // still written in its narrative.
    let dir = inline(&PROJECT.replace("show_ratings: true", "show_ratings: false"));
    build_ok(dir.path());
    let out = dir.path().join("output");
    let mut files: Vec<(String, String)> = crate::common::pages(dir.path());
    for data in ["data/report.json", "data/cases.csv", "search-index.js"] {
        files.push((
            data.into(),
            std::fs::read_to_string(out.join(data)).unwrap(),
        ));
    }
    for (path, text) in &files {
        let visible = if path.ends_with(".html") {
            scraper::Html::parse_document(text)
                .root_element()
                .text()
                .collect::<String>()
        } else {
            text.clone()
        };
        for word in [
            "Lowest",
            "lowest",
            "Indicative",
            "Outstanding",
            "Requires improvement",
            "Inadequate",
            "\"score\"",
            "\"lowest\"",
            "\"mean\"",
        ] {
            assert!(!visible.contains(word), "{path} says {word:?}");
        }
        // "Good" is ordinary English; as a rating it would follow a label.
        assert!(!visible.contains("rating: Good"), "{path}");
    }
    let json = report_json(dir.path());
    for s in json["domains"][0]["standards"].as_array().unwrap() {
        assert!(s["rating"].is_null(), "{s}");
    }
}

#[test]
fn figures_that_are_not_final_say_so_beside_every_table_and_chart() {
    let dir = crate::common::worked_example();
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(
        text.contains("figures: illustrative"),
        "the worked example's figures are illustrative"
    );
    let report_text = text
        .replace("case_pages: false", "")
        .replace("show_ratings: false", "show_ratings: true");
    std::fs::write(&report, format!("{report_text}case_pages: true\n")).unwrap();
    build_ok(dir.path());
    let mut tables = 0;
    for (path, html) in crate::common::pages(dir.path()) {
        let doc = scraper::Html::parse_document(&html);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        // Every table of case figures: key questions, the sample, matrices,
        // a case's answers.
        for table in doc.select(&sel("table")) {
            let caption: String = table
                .select(&sel("caption"))
                .flat_map(|c| c.text())
                .collect();
            let of_cases = caption.starts_with("Key questions")
                || caption.starts_with("Cases by")
                || caption.starts_with("Answers");
            if of_cases {
                tables += 1;
                assert!(
                    caption.ends_with("(illustrative figures)"),
                    "{path}: {caption}"
                );
            }
        }
        for chart in doc.select(&sel("figure.chart svg title")) {
            let title: String = chart.text().collect();
            assert!(
                title.starts_with("Illustrative figures."),
                "{path}: {title}"
            );
        }
        // And in words beside them, before any of them.
        let has_cases = html.contains("class=\"questions\"")
            || html.contains("class=\"matrix\"")
            || html.contains("Cases by");
        if has_cases {
            let notes: Vec<String> = doc
                .select(&sel(".figures-note"))
                .map(|n| n.text().collect())
                .collect();
            assert!(
                notes.iter().all(|n| n.starts_with("Illustrative figures.")) && !notes.is_empty(),
                "{path}: {notes:?}"
            );
        }
    }
    assert!(tables > 20, "only {tables} tables of case figures");
    assert_eq!(report_json(dir.path())["figures"], "illustrative");
    let csv = std::fs::read_to_string(dir.path().join("output/data/cases.csv")).unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",figures"));
    for line in lines {
        assert!(line.ends_with(",illustrative"), "{line}");
    }
}

#[test]
fn final_figures_carry_no_label() {
    let dir = inline(PROJECT);
    build_ok(dir.path());
    for (path, html) in crate::common::pages(dir.path()) {
        assert!(!html.contains("class=\"figures-note\""), "{path}");
        assert!(!html.contains("(final figures)"), "{path}");
    }
    assert_eq!(report_json(dir.path())["figures"], "final");
    let csv = std::fs::read_to_string(dir.path().join("output/data/cases.csv")).unwrap();
    assert!(csv.lines().skip(1).all(|l| l.ends_with(",final")));
}

#[test]
fn small_counts_are_withheld_in_every_table_and_file_by_one_rule() {
    // The review's own threshold: counts below 4 are withheld.
    let dir = inline(&PROJECT.replace(
        "show_ratings: true",
        "show_ratings: true\nprivacy: {min_count: 4}",
    ));
    build_ok(dir.path());
    let p = page(dir.path(), "cases/index.html");
    let table = |name: &str| {
        texts(&p, "table")
            .into_iter()
            .find(|t| t.starts_with(name))
            .unwrap()
    };
    // Domain 1 has 4 cases: shown. Disposals 3 and 1, audit modes 2 and 2,
    // bands 3 and 1: all below 4.
    assert!(table("Cases by domain").ends_with("1. Work with people 4"));
    assert!(table("Cases by disposal").ends_with("Order A * Order B *"));
    assert!(table("Cases by audit mode").ends_with("With the case manager * File read *"));
    assert!(table("Cases by band").ends_with("old * young *"));
    assert_eq!(texts(&p, "p.hint").len(), 1, "the mark is explained");
    // The printable report and the data files follow the same rule.
    let report = page(dir.path(), "report.html");
    let disposal = texts(&report, "table")
        .into_iter()
        .find(|t| t.starts_with("Cases by disposal"))
        .unwrap();
    assert!(disposal.ends_with("Order A * Order B *"), "{disposal}");
    let json = report_json(dir.path());
    let sample = &json["sample"];
    assert_eq!(sample["min_count"], 4);
    assert_eq!(sample["by_domain"][0]["count"], 4);
    for table in ["by_disposal", "by_audit"] {
        for row in sample[table].as_array().unwrap() {
            assert!(row["count"].is_null() && row["suppressed"] == true, "{row}");
        }
    }
    // Key-question results are not withheld: met of applicable, n/N shown.
    let standard = page(dir.path(), "domains/1/1-1.html");
    let rows = texts(&standard, "table.questions tbody tr");
    assert!(rows[0].ends_with("3 4 0 75.0% (3/4)"), "{rows:?}");
}

#[test]
fn a_small_sample_is_said_on_its_page_and_in_check() {
    let dir = inline(PROJECT);
    let (code, _, stderr) = crate::common::run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning[small-sample]") && stderr.contains("content/criteria/fw.yaml:"),
        "{stderr}"
    );
    build_ok(dir.path());
    let p = page(dir.path(), "domains/1/1-1.html");
    let note = texts(&p, ".small-sample").join(" ");
    assert!(
        note.contains("applied to 4 cases at most, fewer than 10"),
        "{note}"
    );
    // A team that judged its sample enough says so, and the note goes.
    let dir = inline(&PROJECT.replace("show_ratings: true", "show_ratings: true\nsmall_sample: 4"));
    let (_, _, stderr) = crate::common::run_in(dir.path(), &["check"]);
    assert!(!stderr.contains("small-sample"), "{stderr}");
    build_ok(dir.path());
    assert!(texts(&page(dir.path(), "domains/1/1-1.html"), ".small-sample").is_empty());
}

/// A framework whose first question carries guidance and two prompts a
/// case may answer.
fn with_prompts(cases: &str) -> tempfile::TempDir {
    let fw = PROJECT.replace("show_ratings: true\n", "show_ratings: true\ncase_pages: true\n").replace(
        "          - {id: \"1.1.1\", text: First?}\n",
        "          - id: \"1.1.1\"\n            text: First?\n            prompts:\n              - Read the whole file.\n              - {id: \"1.1.1.a\", text: Were police records checked?}\n              - {id: \"1.1.1.b\", text: Was the victim identified?}\n",
    );
    let head = fw.split("-- content/cases/all.yaml --").next().unwrap();
    inline(&format!("{head}-- content/cases/all.yaml --\n{cases}"))
}

#[test]
fn answerable_prompts_are_counted_like_key_questions() {
    // 1.1.1.a: yes, no, yes, n/a → 2 of 3; 1.1.1.b: answered by no case.
    let cases = r#"- {id: P1, domain: "1", disposal: O, audit: file-read, answers: {"1.1.1": "yes", "1.1.1.a": "yes", "1.1.2": "yes", "1.2.1": "yes", "1.2.2": "yes"}}
- {id: P2, domain: "1", disposal: O, audit: file-read, answers: {"1.1.1": "yes", "1.1.1.a": "no", "1.1.2": "yes", "1.2.1": "yes", "1.2.2": "yes"}}
- {id: P3, domain: "1", disposal: O, audit: file-read, answers: {"1.1.1": "no", "1.1.1.a": "yes", "1.1.2": "yes", "1.2.1": "yes", "1.2.2": "yes"}}
- {id: P4, domain: "1", disposal: O, audit: file-read, answers: {"1.1.1": "yes", "1.1.1.a": "n/a", "1.1.2": "yes", "1.2.1": "yes", "1.2.2": "yes"}}
"#;
    let dir = with_prompts(cases);
    let (code, out) = crate::common::check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("incomplete-audit"),
        "prompts are optional: {out}"
    );
    build_ok(dir.path());
    let json = report_json(dir.path());
    // report.json lists the answerable prompts, shaped as questions are.
    let question = &json["domains"][0]["standards"][0]["questions"][0];
    assert_eq!(
        question["prompts"],
        serde_json::json!([
            {"id": "1.1.1.a", "text": "Were police records checked?", "met": 2, "not_met": 1,
                "excluded": 1, "percent": 66.7},
            {"id": "1.1.1.b", "text": "Was the victim identified?", "met": 0, "not_met": 0,
                "excluded": 0, "percent": null},
        ])
    );
    // The key question's own figures are untouched by its prompts: 3 of 4.
    assert_eq!(
        (question["met"].as_u64(), question["not_met"].as_u64()),
        (Some(3), Some(1))
    );
    // The page lists the answered prompt under its question, with n/N, and
    // leaves out the one no case answered.
    let p = page(dir.path(), "domains/1/1-1.html");
    let rows = texts(&p, "table.questions tr.prompt");
    assert_eq!(
        rows,
        ["Prompt under 1.1.1: 1.1.1.a Were police records checked? 2 3 1 66.7% (2/3)"]
    );
    // cases.csv gives each prompt a column after its question.
    let csv = crate::common::read(dir.path(), "data/cases.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,domain,disposal,audit,started,1.1.1,1.1.1.a,1.1.1.b,1.1.2,1.2.1,1.2.2,figures")
    );
    assert_eq!(
        lines.nth(1),
        Some("P2,1,O,file-read,,yes,no,,yes,yes,yes,final")
    );
    // A case page names the prompt it answered.
    let case = texts(&page(dir.path(), "cases/P2.html"), "main").join(" ");
    assert!(case.contains("Were police records checked?"), "{case}");
}

#[test]
fn a_mistyped_prompt_id_is_an_error_that_suggests_the_prompt() {
    let cases = r#"- {id: P1, domain: "1", disposal: O, audit: file-read, answers: {"1.1.1": "yes", "1.1.1.c": "yes", "1.1.2": "yes", "1.2.1": "yes", "1.2.2": "yes"}}
"#;
    let dir = with_prompts(cases);
    let (code, out) = crate::common::check(dir.path());
    assert_ne!(code, 0, "{out}");
    assert!(
        out.contains(
            "error[unknown-question]: no key question or answerable prompt has the id `1.1.1.c`"
        ),
        "{out}"
    );
    assert!(out.contains("content/cases/all.yaml:1:"), "{out}");
    assert!(
        out.contains("1.1.1.a"),
        "the nearest ids are suggested: {out}"
    );
}

#[test]
fn a_prompt_id_that_repeats_another_id_is_an_error() {
    let dir = with_prompts("[]\n");
    let fw = dir.path().join("content/criteria/fw.yaml");
    let text = std::fs::read_to_string(&fw).unwrap();
    std::fs::write(&fw, text.replace("\"1.1.1.b\"", "\"1.1.2\"")).unwrap();
    let (code, out) = crate::common::check(dir.path());
    assert_ne!(code, 0, "{out}");
    assert!(
        out.contains("error[duplicate-id]: id `1.1.2` is already used by a key question prompt"),
        "{out}"
    );
    // A prompt with a key the framework does not know is named, with the
    // keys it accepts.
    std::fs::write(
        &fw,
        text.replace("{id: \"1.1.1.b\", text:", "{id: \"1.1.1.b\", txt:"),
    )
    .unwrap();
    let (code, out) = crate::common::check(dir.path());
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("content/criteria/fw.yaml:"), "{out}");
    assert!(out.contains("txt"), "{out}");
}
