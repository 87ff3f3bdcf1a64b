// A project written to SPEC by someone else — its own framework
// (`westmere-care-audit`), its own answer scale (`met` / `unmet` /
// `exception`), its own finding kinds, its cases listed several per file —
// builds without change and shows the right figures.
//
// The fixture is `tests/fixtures/other-framework/`: a made-up audit of a
// fictional hospital discharge and reablement service.
//
// Every expected figure below was worked out by hand from the case files:
//
// Domain A, `cases/ward-discharges.yaml` (5 cases):
//
// | case | A1.1  | A1.2  | A1.3      | A2.1  | A2.2      |
// |------|-------|-------|-----------|-------|-----------|
// | D01  | met   | met   | met       | met   | exception |
// | D02  | met   | unmet | met       | unmet | exception |
// | D03  | met   | unmet | exception | met   | exception |
// | D04  | unmet | met   | unmet     | met   | exception |
// | D05  | met   | met   | met       | unmet | exception |
//
// Domain B, `cases/reablement.yaml` (4 cases):
//
// | case | B1.1 | B1.2  | B1.3      | B2.1  | B2.2  |
// |------|------|-------|-----------|-------|-------|
// | R01  | met  | met   | met       | unmet | met   |
// | R02  | met  | met   | unmet     | unmet | met   |
// | R03  | met  | unmet | exception | met   | unmet |
// | R04  | met  | met   | met       | unmet | unmet |
//
// Domain C is out of scope and has no cases.
//
// Levels (best first): Strong ≥ 80 (4), Established ≥ 70 (3),
// Developing ≥ 50 (2), Weak ≥ 0 (1). Rule: `mean`.

use crate::common::*;
use serde_json::{Value, json};
use std::path::Path;
use tempfile::TempDir;

/// A built copy of the fixture.
fn built() -> TempDir {
    let dir = fixture("other-framework");
    build_ok(dir.path());
    dir
}

/// Expected per-question figures: (id, met, not_met, excluded, percent).
///
/// percent = 100 × met / (met + not_met), one decimal; None when met + not_met = 0.
const QUESTIONS: &[(&str, u64, u64, u64, Option<f64>)] = &[
    // A1.1: met D01 D02 D03 D05 = 4; unmet D04 = 1 → 100 × 4/5 = 80.0
    ("A1.1", 4, 1, 0, Some(80.0)),
    // A1.2: met D01 D04 D05 = 3; unmet D02 D03 = 2 → 100 × 3/5 = 60.0
    ("A1.2", 3, 2, 0, Some(60.0)),
    // A1.3: met D01 D02 D05 = 3; unmet D04 = 1; exception D03 = 1 → 100 × 3/4 = 75.0
    ("A1.3", 3, 1, 1, Some(75.0)),
    // A2.1: met D01 D03 D04 = 3; unmet D02 D05 = 2 → 100 × 3/5 = 60.0
    ("A2.1", 3, 2, 0, Some(60.0)),
    // A2.2: every case answered exception → 0 applicable → null
    ("A2.2", 0, 0, 5, None),
    // B1.1: met by all four → 100 × 4/4 = 100.0
    ("B1.1", 4, 0, 0, Some(100.0)),
    // B1.2: met R01 R02 R04 = 3; unmet R03 = 1 → 100 × 3/4 = 75.0
    ("B1.2", 3, 1, 0, Some(75.0)),
    // B1.3: met R01 R04 = 2; unmet R02 = 1; exception R03 = 1 → 100 × 2/3 = 66.67 → 66.7
    ("B1.3", 2, 1, 1, Some(66.7)),
    // B2.1: met R03 = 1; unmet R01 R02 R04 = 3 → 100 × 1/4 = 25.0
    ("B2.1", 1, 3, 0, Some(25.0)),
    // B2.2: met R01 R02 = 2; unmet R03 R04 = 2 → 100 × 2/4 = 50.0
    ("B2.2", 2, 2, 0, Some(50.0)),
    // C1.1, C1.2: out-of-scope domain, no cases → nothing applies → null
    ("C1.1", 0, 0, 0, None),
    ("C1.2", 0, 0, 0, None),
];

fn domain<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no domain {id} in report.json"))
}

fn standard<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["standards"].as_array().unwrap())
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no standard {id} in report.json"))
}

fn question<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["standards"].as_array().unwrap())
        .flat_map(|s| s["questions"].as_array().unwrap())
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id} in report.json"))
}

fn exists(dir: &Path, path: &str) -> bool {
    dir.join("output").join(path).is_file()
}

#[test]
fn checks_clean_and_builds_without_change() {
    let dir = fixture("other-framework");
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 0, "check failed:\n{stderr}");
    assert!(
        !stderr.to_lowercase().contains("warning"),
        "the fixture should check without warnings:\n{stderr}"
    );
    build_ok(dir.path());
    let report = report_json(dir.path());
    assert_eq!(report["framework"]["id"], "westmere-care-audit");
    assert_eq!(report["report"]["status"], "draft");
    assert_eq!(report["report"]["classification"], "OFFICIAL-SENSITIVE");
}

#[test]
fn question_figures_in_report_json() {
    let dir = built();
    let report = report_json(dir.path());
    for (id, met, not_met, excluded, percent) in QUESTIONS {
        let q = question(&report, id);
        assert_eq!(q["met"], json!(met), "{id} met");
        assert_eq!(q["not_met"], json!(not_met), "{id} not_met");
        assert_eq!(q["excluded"], json!(excluded), "{id} excluded");
        match percent {
            Some(p) => assert_eq!(q["percent"].as_f64(), Some(*p), "{id} percent"),
            None => assert!(q["percent"].is_null(), "{id} percent should be null"),
        }
    }
    // Dimensions are the framework's own ids.
    assert_eq!(question(&report, "A1.1")["dimension"], "voice");
    assert_eq!(question(&report, "B2.2")["dimension"], "joined-up");
}

#[test]
fn case_assessed_ratings_follow_the_mean_rule() {
    let dir = built();
    let report = report_json(dir.path());
    // A1: mean(80.0, 60.0, 75.0) = 215 / 3 = 71.67 → first level reached is
    //     Established (≥ 70), score 3. (The lowest-question rule would give
    //     60.0 → Developing, so this tells the rules apart.)
    assert_eq!(
        standard(&report, "A1")["rating"],
        json!({"label": "Established", "score": 3})
    );
    // A2: A2.2 has no applicable case and is left out: mean(60.0) = 60.0 →
    //     Developing (≥ 50), score 2. (Counting A2.2 as 0 would give 30 → Weak.)
    assert_eq!(
        standard(&report, "A2")["rating"],
        json!({"label": "Developing", "score": 2})
    );
    // B1: mean(100.0, 75.0, 66.7) = 241.7 / 3 = 80.57 → Strong (≥ 80), score 4.
    //     (Lowest question 66.7 would give Developing.)
    assert_eq!(
        standard(&report, "B1")["rating"],
        json!({"label": "Strong", "score": 4})
    );
    // B2: mean(25.0, 50.0) = 37.5 → Weak (≥ 0), score 1.
    assert_eq!(
        standard(&report, "B2")["rating"],
        json!({"label": "Weak", "score": 1})
    );
    // C1: no applicable case at all → no rating.
    assert!(standard(&report, "C1")["rating"].is_null());
}

#[test]
fn judgement_standard_takes_its_rating_from_its_narrative() {
    let dir = built();
    let report = report_json(dir.path());
    let a3 = standard(&report, "A3");
    assert_eq!(a3["assessed_by"], "judgement");
    // content/standards/A3.md says `rating: Developing`; Developing scores 2.
    assert_eq!(a3["rating"], json!({"label": "Developing", "score": 2}));
    assert_eq!(a3["questions"], json!([]));

    let html = page(dir.path(), "domains/A/A3.html");
    assert!(
        texts(&html, ".rating strong").contains(&"Developing".to_string()),
        "A3 page should show its rating: {:?}",
        texts(&html, ".rating")
    );
    assert!(
        texts(&html, "main")[0].contains("the improvement plan is new"),
        "A3 page should carry its narrative"
    );
    // A judgement standard has no key-question table.
    assert!(texts(&html, "table.questions").is_empty());
}

#[test]
fn out_of_scope_domain_is_listed_not_paged() {
    let dir = built();
    let report = report_json(dir.path());
    assert_eq!(domain(&report, "A")["in_scope"], true);
    assert_eq!(domain(&report, "B")["in_scope"], true);
    assert_eq!(domain(&report, "C")["in_scope"], false);

    assert!(exists(dir.path(), "domains/A/index.html"));
    assert!(exists(dir.path(), "domains/B/index.html"));
    assert!(
        !dir.path().join("output/domains/C").exists(),
        "no page should be built for out-of-scope domain C"
    );

    // No built page links to a page of domain C.
    for entry in walkdir::WalkDir::new(dir.path().join("output")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains("domains/C/"),
                "{} links to out-of-scope domain C",
                entry.path().display()
            );
        }
    }

    let index = page(dir.path(), "index.html");
    assert_eq!(
        texts(&index, ".card h3"),
        ["Domain A: Leaving hospital", "Domain B: Reablement at home"]
    );
    let out = texts(&index, ".out-of-scope").join(" ");
    assert!(
        out.contains("Long-term care commissioning"),
        "domain C should be listed as out of scope: {out:?}"
    );
}

#[test]
fn domain_cards_count_the_custom_kinds() {
    let dir = built();
    let index = page(dir.path(), "index.html");
    // Every count is non-zero here, so each card has four items.
    let items = texts(&index, ".card .counts li");
    assert_eq!(items.len(), 8, "{items:?}");
    // Domain A: good-practice = early-conversations (A1) + flow-board (A3) = 2;
    //   concern = assessments-late (A1, A2; counted once) = 1;
    //   action = share-plans (A2) = 1; cases D01–D05 = 5.
    assert_eq!(
        items[..4],
        [
            "2 good practice",
            "1 concern",
            "1 required actions",
            "5 cases audited"
        ]
    );
    // `action` has no `singular`, so one reads as its label.
    // Domain B: good-practice = goals-own-words = 1; concern = reviews-slip = 1;
    //   action = handover-protocol (B2 and B; counted once) = 1; cases R01–R04 = 4.
    assert_eq!(
        items[4..],
        [
            "1 good practice",
            "1 concern",
            "1 required actions",
            "4 cases audited"
        ]
    );
}

#[test]
fn custom_kind_tags_head_the_groups_on_standard_pages() {
    let dir = built();
    let a1 = page(dir.path(), "domains/A/A1.html");
    assert_eq!(
        texts(&a1, "h2[id^='kind-']"),
        ["Good practice", "Concerns"],
        "A1 has one good-practice and one concern finding"
    );
    let b2 = page(dir.path(), "domains/B/B2.html");
    assert_eq!(
        texts(&b2, "h2[id^='kind-']"),
        ["Concerns", "Required actions"],
        "B2 has one concern and one action finding"
    );
    assert_eq!(
        attrs(&b2, "article.finding", "id"),
        ["finding-reviews-slip", "finding-handover-protocol"]
    );
    // A tag names one finding: the kind's `singular`, else its label.
    assert_eq!(
        texts(&a1, "article.finding .finding-kind .tag"),
        ["Good practice", "Concern"]
    );
    assert_eq!(
        texts(&b2, "article.finding .finding-kind .tag"),
        ["Concern", "Required actions"]
    );
    // The default kinds' labels appear nowhere.
    for html in [&a1, &b2] {
        let main = texts(html, "main").join(" ");
        for label in ["Strengths", "Areas for consideration", "Recommendations"] {
            assert!(!main.contains(label), "default label {label:?} shown");
        }
    }
}

/// The cells of the key-question table of a standard page, row by row.
fn question_rows(dir: &Path, path: &str) -> Vec<(String, Vec<String>)> {
    let html = page(dir, path);
    let ids = texts(&html, "table.questions tbody tr .qid");
    let cells = texts(&html, "table.questions tbody tr td");
    assert_eq!(cells.len(), ids.len() * 4, "4 cells a row on {path}");
    ids.into_iter()
        .zip(cells.chunks(4).map(<[String]>::to_vec))
        .collect()
}

#[test]
fn key_question_tables_on_standard_pages() {
    let dir = built();
    // Columns: Met, Applicable (met + not_met), Excluded, Met (%).
    let a1 = question_rows(dir.path(), "domains/A/A1.html");
    assert_eq!(
        a1,
        [
            (
                "A1.1".into(),
                vec!["4".into(), "5".into(), "0".into(), "80.0% (4/5)".into()]
            ),
            (
                "A1.2".into(),
                vec!["3".into(), "5".into(), "0".into(), "60.0% (3/5)".into()]
            ),
            (
                "A1.3".into(),
                vec!["3".into(), "4".into(), "1".into(), "75.0% (3/4)".into()]
            ),
        ]
    );
    let a2 = question_rows(dir.path(), "domains/A/A2.html");
    assert_eq!(
        a2[0],
        (
            "A2.1".into(),
            vec!["3".into(), "5".into(), "0".into(), "60.0% (3/5)".into()]
        )
    );
    // A2.2: every case an exception → 0 applicable, 5 excluded, no percent.
    assert_eq!(a2[1].0, "A2.2");
    assert_eq!(a2[1].1[..3], ["0", "0", "5"]);
    let none = &a2[1].1[3];
    assert!(
        !none.contains('%') && !none.chars().any(|c| c.is_ascii_digit()),
        "A2.2 should show no percent, got {none:?}"
    );
    let b1 = question_rows(dir.path(), "domains/B/B1.html");
    assert_eq!(
        b1,
        [
            (
                "B1.1".into(),
                vec!["4".into(), "4".into(), "0".into(), "100.0% (4/4)".into()]
            ),
            (
                "B1.2".into(),
                vec!["3".into(), "4".into(), "0".into(), "75.0% (3/4)".into()]
            ),
            (
                "B1.3".into(),
                vec!["2".into(), "3".into(), "1".into(), "66.7% (2/3)".into()]
            ),
        ]
    );
    // The dimension is shown by its title, from the framework's own dimensions.
    let html = page(dir.path(), "domains/B/B1.html");
    assert_eq!(
        texts(&html, "table.questions .dimension"),
        [
            "The person's voice",
            "Safe transfer of care",
            "The person's voice"
        ]
    );
    // The rating (mean rule) is shown on the page: B1 → Strong.
    assert!(texts(&html, ".rating strong").contains(&"Strong".to_string()));
}

#[test]
fn case_matrix_on_the_cases_page() {
    let dir = built();
    let html = page(dir.path(), "cases/index.html");
    // One matrix per in-scope domain with cases; none for C.
    assert_eq!(texts(&html, "table.matrix").len(), 2);
    assert_eq!(
        texts(
            &html,
            "section[aria-labelledby='matrix-A'] table.matrix thead abbr"
        ),
        ["A1.1", "A1.2", "A1.3", "A2.1", "A2.2"]
    );
    // Each case's answers, as written in the list files.
    let rows: &[(&str, [&str; 5])] = &[
        ("D01", ["met", "met", "met", "met", "exception"]),
        ("D02", ["met", "unmet", "met", "unmet", "exception"]),
        ("D03", ["met", "unmet", "exception", "met", "exception"]),
        ("D04", ["unmet", "met", "unmet", "met", "exception"]),
        ("D05", ["met", "met", "met", "unmet", "exception"]),
        ("R01", ["met", "met", "met", "unmet", "met"]),
        ("R02", ["met", "met", "unmet", "unmet", "met"]),
        ("R03", ["met", "unmet", "exception", "met", "unmet"]),
        ("R04", ["met", "met", "met", "unmet", "unmet"]),
    ];
    for (id, answers) in rows {
        let cells = texts(&html, &format!("tr#case-{id} td.answer"));
        assert_eq!(cells.len(), 5, "{id} has 5 answer cells");
        for (cell, want) in cells.iter().zip(answers) {
            assert!(
                cell.starts_with(want),
                "{id}: cell {cell:?} should show {want:?}"
            );
        }
        // The custom answers are classed by how they count.
        let classes = attrs(&html, &format!("tr#case-{id} td.answer"), "class");
        for (class, want) in classes.iter().zip(answers) {
            let counts = match *want {
                "met" => "answer-met",
                "unmet" => "answer-not-met",
                _ => "answer-excluded",
            };
            assert!(
                class.split_whitespace().any(|c| c == counts),
                "{id}: {class}"
            );
        }
        // With case_pages, the row links to the case's own page.
        assert_eq!(
            attrs(&html, &format!("tr#case-{id} th a"), "href"),
            [format!("../cases/{id}.html")]
        );
    }
    // Totals row: met / applicable (percent), same figures as report.json.
    let a = texts(&html, "section[aria-labelledby='matrix-A'] tfoot td");
    let want_a = [
        ("4/5", "80.0%"),
        ("3/5", "60.0%"),
        ("3/4", "75.0%"),
        ("3/5", "60.0%"),
        ("0/0", ""),
    ];
    let b = texts(&html, "section[aria-labelledby='matrix-B'] tfoot td");
    let want_b = [
        ("4/4", "100.0%"),
        ("3/4", "75.0%"),
        ("2/3", "66.7%"),
        ("1/4", "25.0%"),
        ("2/4", "50.0%"),
    ];
    for (cells, want) in [(a, want_a), (b, want_b)] {
        assert_eq!(cells.len(), 5);
        for (cell, (frac, pct)) in cells.iter().zip(want) {
            assert!(cell.starts_with(frac), "total {cell:?} should start {frac}");
            assert!(cell.contains(pct), "total {cell:?} should contain {pct}");
        }
    }
    // Sample counts: 5 in A, 4 in B.
    assert!(
        texts(&html, "main")
            .join(" ")
            .contains("9 cases were audited")
    );
}

#[test]
fn case_pages_are_built() {
    let dir = built();
    for id in [
        "D01", "D02", "D03", "D04", "D05", "R01", "R02", "R03", "R04",
    ] {
        assert!(
            exists(dir.path(), &format!("cases/{id}.html")),
            "cases/{id}.html"
        );
    }
    let d03 = page(dir.path(), "cases/D03.html");
    assert_eq!(texts(&d03, "h1"), ["Case D03"]);
    let body = texts(&d03, "main").join(" ");
    assert!(
        body.contains("Capacity not in doubt"),
        "the answer's note is shown"
    );
    assert!(body.contains("Assessments are often finished after the person is ready to leave"));
}

#[test]
fn cases_from_list_files_reach_report_json() {
    let dir = built();
    let report = report_json(dir.path());
    let cases = report["cases"].as_array().unwrap();
    let mut ids: Vec<&str> = cases.iter().map(|c| c["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "D01", "D02", "D03", "D04", "D05", "R01", "R02", "R03", "R04"
        ]
    );
    let r03 = cases.iter().find(|c| c["id"] == "R03").unwrap();
    assert_eq!(r03["domain"], "B");
    assert_eq!(r03["audit"], "file-read");
    assert_eq!(
        r03["answers"],
        json!({"B1.1": "met", "B1.2": "unmet", "B1.3": "exception", "B2.1": "met", "B2.2": "unmet"})
    );
}

#[test]
fn findings_without_criteria_are_other_findings_on_the_home_page() {
    let dir = built();
    let report = report_json(dir.path());
    let findings = report["findings"].as_array().unwrap();
    for slug in ["workforce-turnover", "data-agreement"] {
        let f = findings.iter().find(|f| f["slug"] == slug).unwrap();
        assert_eq!(f["criteria"], json!([]));
        assert_eq!(f["url"], format!("index.html#finding-{slug}"));
    }
    assert_eq!(
        findings
            .iter()
            .find(|f| f["slug"] == "handover-protocol")
            .unwrap()["kind"],
        "action"
    );

    let index = page(dir.path(), "index.html");
    let other = "section[aria-labelledby='other-heading']";
    assert_eq!(texts(&index, &format!("{other} h2")), ["Other findings"]);
    // Grouped under the custom kind labels, in finding_kinds order.
    assert_eq!(
        texts(&index, &format!("{other} h3")),
        ["Concerns", "Required actions"]
    );
    assert_eq!(
        attrs(&index, &format!("{other} article.finding"), "id"),
        ["finding-workforce-turnover", "finding-data-agreement"]
    );
    // Findings with criteria are not among them.
    assert!(
        !texts(&index, other)
            .join(" ")
            .contains("Conversations about going home start early")
    );
}

#[test]
fn focus_area_lists_its_findings_and_cases() {
    let dir = built();
    let report = report_json(dir.path());
    let carers = report["focus"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["slug"] == "carers")
        .unwrap();
    assert_eq!(
        carers["findings"],
        json!(["early-conversations", "goals-own-words"])
    );
    let html = page(dir.path(), "focus/carers.html");
    let main = texts(&html, "main").join(" ");
    for s in [
        "Unpaid carers",
        "Conversations about going home start early",
        "R01",
        "R04",
    ] {
        assert!(main.contains(s), "focus page should mention {s:?}");
    }
}

/// SPEC §3: out-of-scope domains "are listed, not paged", and every internal
/// URL must lead somewhere. Evident gives the out-of-scope domain a null
/// `url` but still gives its standards a `url` (`domains/C/C1.html`) for a
/// page that is never built.
#[test]
fn every_url_in_report_json_leads_to_a_built_page() {
    let dir = built();
    let report = report_json(dir.path());
    let mut urls = Vec::new();
    for d in report["domains"].as_array().unwrap() {
        urls.push(d["url"].clone());
        for s in d["standards"].as_array().unwrap() {
            urls.push(s["url"].clone());
        }
    }
    for f in report["findings"].as_array().unwrap() {
        urls.push(f["url"].clone());
    }
    for url in urls.iter().filter_map(Value::as_str) {
        let path = url.split('#').next().unwrap();
        assert!(
            exists(dir.path(), path),
            "report.json names {url}, which is not built"
        );
    }
}
