//! The built-in frameworks: each file against the standards of its
//! version, `evident frameworks` and `init --framework`, the
//! `framework-dates` warning, and the indicative overall rating against
//! published HMIP results (`tests/fixtures/hmip-overall-results.csv`,
//! sources in `docs/frameworks-sources.md`).

use crate::common::{build_ok, page, read, repo_root, report_json, run_in, texts};
use serde_json::Value;
use std::path::Path;

fn framework(name: &str) -> Value {
    let text =
        std::fs::read_to_string(repo_root().join(format!("frameworks/{name}.yaml"))).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// (id, title) of every standard, in order.
fn standards(fw: &Value) -> Vec<(String, String)> {
    fw["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["standards"].as_array().unwrap().iter())
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn standard<'a>(fw: &'a Value, id: &str) -> &'a Value {
    fw["domains"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["standards"].as_array().unwrap().iter())
        .find(|s| s["id"] == id)
        .unwrap()
}

/// The 12 standards both versions share, in order; the 2018 set ends with
/// 3.4 Joint working, the 2021 set with 3.4 out-of-court disposal policy
/// and 4.1 resettlement.
const SHARED: [(&str, &str); 11] = [
    ("1.1", "Governance and leadership"),
    ("1.2", "Staff"),
    ("1.3", "Partnerships and services"),
    ("1.4", "Information and facilities"),
    ("2.1", "Assessment"),
    ("2.2", "Planning"),
    ("2.3", "Implementation and delivery"),
    ("2.4", "Reviewing"),
    ("3.1", "Assessment"),
    ("3.2", "Planning"),
    ("3.3", "Implementation and delivery"),
];

fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn the_2018_framework_has_its_twelve_standards_and_dates() {
    let fw = framework("hmip-youth-2018");
    assert_eq!(fw["id"], "hmip-youth-2018");
    assert_eq!(fw["version"], "2018");
    assert_eq!(fw["applies_from"], "2018-06-01");
    assert_eq!(fw["applies_until"], "2021-07-14");
    let mut expected = owned(&SHARED);
    expected.push(("3.4".into(), "Joint working".into()));
    assert_eq!(standards(&fw), expected);
    // No resettlement domain: three domains.
    let domains: Vec<&str> = fw["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["1", "2", "3"]);
    // All twelve count, out of 36.
    let counts: Vec<&str> = fw["overall"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        counts,
        expected
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(fw["overall"]["max"], 36);
}

#[test]
fn the_2021_framework_has_thirteen_standards_and_resettlement_does_not_count() {
    let fw = framework("hmip-youth-2021");
    assert_eq!(fw["id"], "hmip-youth-2021");
    assert_eq!(fw["version"], "2021");
    assert_eq!(fw["applies_from"], "2021-07-15");
    assert!(fw.get("applies_until").is_none(), "the current standards");
    let mut expected = owned(&SHARED);
    expected.push((
        "3.4".into(),
        "Out-of-court disposal policy and provision".into(),
    ));
    expected.push(("4.1".into(), "Resettlement policy and provision".into()));
    assert_eq!(standards(&fw), expected);
    let counts: Vec<&str> = fw["overall"]["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(counts.len(), 12);
    assert!(
        !counts.contains(&"4.1"),
        "resettlement is rated, not counted"
    );
    assert_eq!(fw["overall"]["max"], 36);
}

#[test]
fn both_frameworks_cite_sources_and_keep_hmips_tests_in_their_questions() {
    for name in ["hmip-youth-2018", "hmip-youth-2021"] {
        let fw = framework(name);
        let sources = fw["source"].as_array().unwrap();
        assert!(sources.len() >= 3, "{name}");
        for s in sources {
            assert!(!s["citation"].as_str().unwrap().is_empty(), "{name}");
            assert!(s["url"].as_str().unwrap().starts_with("https://"), "{name}");
        }
        // Ratings: four levels scored 3 to 0; bands on the overall total.
        let levels: Vec<(String, i64)> = fw["ratings"]["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["label"].as_str().unwrap().to_string(),
                    l["score"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            levels,
            [
                ("Outstanding".to_string(), 3),
                ("Good".to_string(), 2),
                ("Requires improvement".to_string(), 1),
                ("Inadequate".to_string(), 0)
            ]
        );
        // The test each key question applies: assessment analyses in
        // enough depth, planning gives enough focus, delivery gives
        // effective support; never the weaker "identifies", never an
        // outcome.
        for (id, verb) in [
            ("2.1", "analyse"),
            ("3.1", "analyse"),
            ("2.2", "focus"),
            ("3.2", "focus"),
            ("2.3", "support"),
            ("3.3", "support"),
        ] {
            let s = standard(&fw, id);
            assert_eq!(s["assessed_by"], "cases", "{name} {id}");
            let questions = s["questions"].as_array().unwrap();
            assert_eq!(questions.len(), 3, "{name} {id}");
            for q in questions {
                let text = q["text"].as_str().unwrap();
                assert!(text.contains(verb), "{name} {id}: {text}");
                assert!(!text.contains("identif"), "{name} {id}: {text}");
                assert!(!text.contains("stop offending"), "{name} {id}: {text}");
                // Every key question has prompts a case may answer.
                let answerable = q["prompts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|p| p.is_object())
                    .count();
                assert!(answerable >= 2, "{name} {}", q["id"]);
            }
        }
    }
}

#[test]
fn frameworks_lists_each_with_version_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run_in(dir.path(), &["frameworks"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "hmip-youth-2018
  Youth offending services inspection standards (HMIP, 2018)
  version 2018, in use 1 June 2018 to 14 July 2021
hmip-youth-2021
  Youth justice inspection standards (HMIP, 2021)
  version 2021, in use from 15 July 2021
  (the default; also `hmip-youth`)

Start a review with one: evident init --framework NAME
Sources and what could not be confirmed: the comments in each file, written into content/criteria/ by init
"
    );
}

/// `evident init ARGS` run in a new folder, then `check` there: no
/// errors, and no warning but the template's placeholders.
fn init(args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut full = vec!["init"];
    full.extend_from_slice(args);
    let (code, _, err) = run_in(dir.path(), &full);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 0, "{args:?}: {err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for d in json["diagnostics"].as_array().unwrap() {
        assert_eq!(d["code"], "placeholder", "{args:?}: {d}");
    }
    dir
}

#[test]
fn init_writes_the_named_framework_and_its_project_checks_clean() {
    for (args, file) in [
        (&[][..], "hmip-youth-2021"),
        (&["--framework", "hmip-youth-2018"][..], "hmip-youth-2018"),
        (&["--framework", "hmip-youth"][..], "hmip-youth-2021"),
    ] {
        let dir = init(args);
        let written =
            std::fs::read_to_string(dir.path().join(format!("content/criteria/{file}.yaml")))
                .unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert_eq!(
            written,
            std::fs::read_to_string(repo_root().join(format!("frameworks/{file}.yaml"))).unwrap()
        );
        // The only framework there.
        assert_eq!(
            std::fs::read_dir(dir.path().join("content/criteria"))
                .unwrap()
                .count(),
            1
        );
        // The fieldwork of the example falls within the standards' years.
        let (code, _, err) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 0, "{err}");
        let json = report_json(dir.path());
        assert_eq!(json["framework"]["id"], file);
    }
}

#[test]
fn init_with_an_unknown_framework_names_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(dir.path(), &["init", "--framework", "hmip-youth-2019"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: there is no built-in framework `hmip-youth-2019`; did you mean `hmip-youth-2018`? the built-in ones are `hmip-youth-2018`, `hmip-youth-2021` (`evident frameworks` lists them with their dates)\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn the_worked_example_is_assessed_against_the_2018_standards() {
    let example = repo_root().join("content/criteria");
    let files: Vec<String> = std::fs::read_dir(&example)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["hmip-youth-2018.yaml"]);
    assert_eq!(
        std::fs::read_to_string(example.join("hmip-youth-2018.yaml")).unwrap(),
        std::fs::read_to_string(repo_root().join("frameworks/hmip-youth-2018.yaml")).unwrap()
    );
}

fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file}: {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn fieldwork_outside_the_frameworks_years_is_warned_of() {
    // The worked example's fieldwork (March 2020) against the 2021
    // standards: before they came into use.
    let dir = crate::common::worked_example();
    let criteria = dir.path().join("content/criteria");
    std::fs::remove_file(criteria.join("hmip-youth-2018.yaml")).unwrap();
    std::fs::write(
        criteria.join("hmip-youth-2021.yaml"),
        std::fs::read_to_string(repo_root().join("frameworks/hmip-youth-2021.yaml")).unwrap(),
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 0, "a warning: {err}");
    assert!(
        err.contains("warning[framework-dates]: the fieldwork began on 10 March 2020, before the framework `hmip-youth-2021` (version 2021) came into use on 15 July 2021\n  --> content/report.yaml:14:10"),
        "{err}"
    );
    assert!(err.contains("`evident frameworks` lists"), "{err}");
    let (code, _, _) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(code, 1, "--strict refuses it");

    // Fieldwork after the 2018 standards were last used.
    let dir = crate::common::worked_example();
    replace(
        dir.path(),
        "content/report.yaml",
        "  end: 2020-03-12",
        "  end: 2021-08-02",
    );
    let (_, _, err) = run_in(dir.path(), &["check"]);
    assert!(
        err.contains("warning[framework-dates]: the fieldwork ended on 2 August 2021, after the framework `hmip-youth-2018` (version 2018) was last used on 14 July 2021\n  --> content/report.yaml:15:8"),
        "{err}"
    );
    // Within them: no warning (the worked example as it is).
    let (code, _, err) = run_in(&repo_root(), &["check", "--strict"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("framework-dates"));
}

/// A project on a built-in framework with every domain in scope, ratings
/// on, and each counted standard rated in a narrative so their scores add
/// up to `score` (3s first, then what is left). Case-assessed standards are
/// rated by the reviewers, with the reason an override needs.
fn rated(name: &str, score: u32) -> tempfile::TempDir {
    let dir = init(&["--framework", name]);
    replace(
        dir.path(),
        "content/report.yaml",
        "scope: [\"2\", \"3\"]\n",
        "",
    );
    replace(
        dir.path(),
        "content/report.yaml",
        "show_ratings: false",
        "show_ratings: true",
    );
    std::fs::remove_file(dir.path().join("content/standards/2.1.md")).unwrap();
    let fw = framework(name);
    let labels = ["Inadequate", "Requires improvement", "Good", "Outstanding"];
    let mut left = score;
    for id in fw["overall"]["counts"].as_array().unwrap() {
        let id = id.as_str().unwrap();
        let points = left.min(3);
        left -= points;
        let reason = if standard(&fw, id)["assessed_by"] == "cases" {
            "rating_reason: The reviewers weighed more than the one case audited.\n"
        } else {
            ""
        };
        std::fs::write(
            dir.path().join(format!("content/standards/{id}.md")),
            format!(
                "---\nrating: {}\n{reason}---\nWhat the reviewers found.\n",
                labels[points as usize]
            ),
        )
        .unwrap();
    }
    dir
}

#[test]
fn the_overall_rule_reproduces_published_hmip_results() {
    // Each row: a service's published total out of 36 and its label, with
    // the address it was read from (see docs/frameworks-sources.md).
    let csv = std::fs::read_to_string(repo_root().join("tests/fixtures/hmip-overall-results.csv"))
        .unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("service,published,score,max,label,source_url")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.len() >= 10, "at least ten published results");
    let mut labels_seen = std::collections::BTreeSet::new();
    for row in &rows {
        let [service, published, score, max, label, source] = row[..] else {
            panic!("{row:?}");
        };
        assert!(source.starts_with("https://"), "{service}");
        assert_eq!(max, "36");
        // Reports published before the 2021 standards applied were
        // inspected against the 2018 ones.
        let name = if published < "2021-07-15" {
            "hmip-youth-2018"
        } else {
            "hmip-youth-2021"
        };
        let score: u32 = score.parse().unwrap();
        let dir = rated(name, score);
        build_ok(dir.path());
        let json = report_json(dir.path());
        assert_eq!(
            json["overall"],
            serde_json::json!({"score": score, "max": 36, "label": label}),
            "{service} ({published})"
        );
        let home = texts(&page(dir.path(), "index.html"), ".overall .rating").join(" ");
        assert_eq!(
            home,
            format!("Indicative overall rating: {label} (score {score}/36)"),
            "{service}"
        );
        labels_seen.insert(label.to_string());
    }
    assert_eq!(labels_seen.len(), 4, "every band is tried: {labels_seen:?}");
}

#[test]
fn the_bands_meet_where_published_results_put_them() {
    // 18 is Requires improvement and 19 Good in published results; the
    // other edges (6/7, 30/31) are inferred, as the framework file says.
    for (score, label) in [
        (0, "Inadequate"),
        (6, "Inadequate"),
        (7, "Requires improvement"),
        (18, "Requires improvement"),
        (19, "Good"),
        (30, "Good"),
        (31, "Outstanding"),
        (36, "Outstanding"),
    ] {
        let dir = rated("hmip-youth-2021", score);
        build_ok(dir.path());
        assert_eq!(
            report_json(dir.path())["overall"],
            serde_json::json!({"score": score, "max": 36, "label": label}),
        );
    }
}

#[test]
fn without_every_counted_standard_rated_the_page_says_which_are_missing() {
    let dir = rated("hmip-youth-2021", 20);
    // 1.3 (judgement) loses its rating; domain 1 stays in scope.
    std::fs::remove_file(dir.path().join("content/standards/1.3.md")).unwrap();
    // And resettlement, rated or not, never counts.
    build_ok(dir.path());
    let json = report_json(dir.path());
    assert_eq!(json["overall"], Value::Null);
    assert_eq!(json["overall_missing"], serde_json::json!(["1.3"]));
    let home = page(dir.path(), "index.html");
    let text = texts(&home, ".overall").join(" ");
    assert!(
        text.contains("No overall rating is given: it needs a rating for each of the 12 standards that count, and 1 has none."),
        "{text}"
    );
    assert_eq!(
        texts(&home, ".missing-standards li"),
        ["1.3 Partnerships and services : no rating given in its narrative"]
    );
    // Out of scope: named, not linked.
    replace(
        dir.path(),
        "content/report.yaml",
        "show_ratings: true",
        "show_ratings: true\nscope: [\"2\", \"3\", \"4\"]",
    );
    build_ok(dir.path());
    let home = page(dir.path(), "index.html");
    let missing = texts(&home, ".missing-standards li");
    assert_eq!(missing.len(), 4, "{missing:?}");
    assert_eq!(
        missing[0],
        "1.1 Governance and leadership: outside the review's scope"
    );
    assert_eq!(
        missing[3],
        "1.4 Information and facilities: outside the review's scope"
    );
    assert!(read(dir.path(), "index.html").contains("<li>1.1 Governance and leadership: outside"));
    // With ratings off there is no overall rating, and nothing says why.
    replace(
        dir.path(),
        "content/report.yaml",
        "show_ratings: true",
        "show_ratings: false",
    );
    build_ok(dir.path());
    let json = report_json(dir.path());
    assert_eq!(
        (&json["overall"], &json["overall_missing"]),
        (&Value::Null, &Value::Null)
    );
    assert!(texts(&page(dir.path(), "index.html"), ".overall").is_empty());
}

#[test]
fn a_wrong_overall_rule_is_an_error_at_its_place() {
    let dir = init(&[]);
    let file = "content/criteria/hmip-youth-2021.yaml";
    replace(dir.path(), file, "  max: 36", "  max: 39");
    replace(dir.path(), file, "\"3.3\", \"3.4\"]", "\"3.3\", \"3.5\"]");
    replace(
        dir.path(),
        file,
        "    - {label: Inadequate, min: 0}",
        "    - {label: Inadequate, min: 2}",
    );
    replace(
        dir.path(),
        file,
        "applies_from: 2021-07-15",
        "applies_from: 2021-07-15\napplies_until: 2020-01-01",
    );
    let (code, _, err) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{err}");
    for expected in [
        "error[bad-overall]: `overall.max` is 39, but 12 counted standards at a best score of 3 add up to 36",
        "error[unknown-standard]: `overall.counts` names unknown standard `3.5`",
        "error[bad-overall]: the last overall band, `Inadequate`, starts at 2, so a total below it has no label",
        "error[bad-dates]: `applies_until` (2020-01-01) comes before `applies_from` (2021-07-15)",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(err.contains(&format!("--> {file}:")), "{err}");
    assert!(err.contains("known standards: `1.1`, `1.2`"), "{err}");
}

#[test]
fn with_ratings_off_no_page_or_data_file_gives_an_overall_rating() {
    // Every counted standard still carries a rating in its narrative; the
    // reviewers then agree not to grade.
    let dir = rated("hmip-youth-2018", 20);
    build_ok(dir.path());
    assert!(read(dir.path(), "index.html").contains("20/36"));
    replace(
        dir.path(),
        "content/report.yaml",
        "show_ratings: true",
        "show_ratings: false",
    );
    build_ok(dir.path());
    let out = dir.path().join("output");
    let mut files = crate::common::pages(dir.path());
    for data in ["data/report.json", "data/cases.csv", "search-index.js"] {
        files.push((
            data.into(),
            std::fs::read_to_string(out.join(data)).unwrap(),
        ));
    }
    for (path, text) in &files {
        let text = if path.ends_with(".html") {
            visible_outside_sources(text)
        } else if path.ends_with(".json") {
            let mut json: Value = serde_json::from_str(text).unwrap();
            json["framework"]["source"] = Value::Null;
            json.to_string()
        } else {
            text.clone()
        };
        for word in [
            "20/36",
            "Indicative",
            "overall rating",
            "Requires improvement",
        ] {
            assert!(!text.contains(word), "{path} says {word:?}");
        }
    }
    assert_eq!(report_json(dir.path())["overall"], Value::Null);
}

/// A page's text, leaving out the framework's sources: they cite other
/// services' published results ("scored 26/36", "plus an overall rating").
fn visible_outside_sources(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    doc.root_element()
        .descendants()
        .filter_map(|node| {
            let text = node.value().as_text()?;
            let cited = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.id() == Some("framework-sources"))
            });
            (!cited).then(|| text.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}
