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
        rating.contains("Requires improvement") && rating.contains("indicative"),
        "{rating}"
    );
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
    // Order A: P1, P2, P4 → 3; Order B: P3 → 1 (disposals are not suppressed).
    assert!(disposal.contains("Order A 3 Order B 1"), "{disposal}");
    let audit = tables
        .iter()
        .find(|t| t.starts_with("Cases by audit mode"))
        .unwrap();
    assert!(
        audit.contains("With the case manager 2 File read 2"),
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
