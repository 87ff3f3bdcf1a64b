//! The theme contract: the context one page of each kind is rendered
//! with, for a small review that has something of everything, kept as
//! JSON in `tests/snapshots/contexts/`. A change to what templates
//! receive shows here as a difference; when it is meant (and
//! `docs/themes.md` says so), rewrite the snapshots with
//!
//! ```sh
//! EVIDENT_BLESS=1 cargo test --test testsuite contexts
//! ```

use crate::common::{inline, repo_root};
use evident::content::Memos;
use evident::pipeline::{Options, Prepare, prepare};

/// A review with a chapter before and after, a summary, a case
/// introduction, two domains (one out of scope), standards assessed by
/// cases and by judgement with a narrative, prompts, findings of each kind
/// with criteria, focus areas, cases and links, and case pages.
const REVIEW: &str = r#"
-- content/report.yaml --
title: Contract review
subtitle: Feedback
organisation: Test service
commissioned_by: The board
review_type: Peer review
review_team:
  - {role: Team Manager, organisation: Elsewhere}
fieldwork: {start: 2024-03-04, end: 2024-03-06}
published: 2024-04-01
status: draft
classification: OFFICIAL-SENSITIVE
scope: ["1"]
show_ratings: true
case_pages: true
figures: provisional
small_sample: 3
privacy: {min_count: 2}
-- content/criteria/fw.yaml --
id: fw
title: Framework
version: "1"
source:
  - {citation: "A public source", url: "https://example.org/source"}
ratings:
  rule: lowest-question
  levels:
    - {label: Good, min: 50, score: 1}
    - {label: Poor, min: 0, score: 0}
domains:
  - id: "1"
    title: Work with people
    summary: How the service works with people.
    standards:
      - id: "1.1"
        title: Assessment
        statement: Assessment is **good** enough.
        questions:
          - id: "1.1.1"
            text: Does it analyse enough?
            prompts:
              - {id: "1.1.1.a", text: Were records checked?}
              - Guidance only.
      - id: "1.2"
        title: Leadership
        assessed_by: judgement
  - id: "2"
    title: Elsewhere
    standards:
      - id: "2.1"
        title: Out of scope
        assessed_by: judgement
-- content/summary.md --
---
title: In short
---
The service knows its cases. See [the assessment](findings/strong-assessment.md).
-- content/pages/approach.md --
---
title: Approach
position: before
---
## How we worked
We read the cases.
-- content/pages/next-steps.md --
---
title: Next steps
position: after
---
The service will reply.
-- content/focus/exploitation.md --
---
title: Exploitation
---
## Context
Some cases involved exploitation.
-- content/standards/1.2.md --
---
title: What we saw
rating: Good
---
## Leaders
Leaders know the service.
-- content/cases/index.md --
---
title: About the cases
---
Two cases were read.
-- content/cases/all.yaml --
- id: C1
  domain: "1"
  disposal: Order A
  audit: file-read
  started: 2023-11
  focus: [exploitation]
  answers: {"1.1.1": "yes", "1.1.1.a": "no"}
  notes: Read in full.
- id: C2
  domain: "1"
  disposal: Order A
  audit: with-case-manager
  answers: {"1.1.1": {answer: "no", note: Too brief.}}
-- content/findings/strong-assessment.md --
---
title: Assessments were thorough
kind: strength
criteria: ["1.1"]
focus: [exploitation]
cases: [C1]
---
Both assessments drew on [leadership](../standards/1.2.md) ([C1](case:C1)).
-- content/findings/plans.md --
---
title: Plans could say more
kind: consideration
criteria: ["1", "1.2"]
owner: The management board
priority: high
due: 2026-09
status: in-progress
progress: {date: 2026-05-01, note: A template is drafted}
---
## Detail
Plans were short.
-- content/findings/general.md --
---
title: A general point
kind: consideration
---
Nothing names a standard here.
"#;

#[test]
fn every_page_kind_gets_the_context_kept() {
    let dir = inline(REVIEW);
    let Prepare::Ready(prepared) =
        prepare(dir.path(), Options::default(), None, &Memos::off()).unwrap()
    else {
        panic!("the review does not build");
    };
    let kept = repo_root().join("tests/snapshots/contexts");
    let bless = std::env::var_os("EVIDENT_BLESS").is_some();
    let mut problems = Vec::new();
    for (kind, path) in [
        ("home", "index.html"),
        ("page", "pages/approach.html"),
        ("domain", "domains/1/index.html"),
        ("standard", "domains/1/1-1.html"),
        ("standard-judgement", "domains/1/1-2.html"),
        ("focus", "focus/exploitation.html"),
        ("cases", "cases/index.html"),
        ("case", "cases/C1.html"),
        ("findings", "findings.html"),
        ("report", "report.html"),
        ("search", "search.html"),
        ("404", "404.html"),
        ("actions", "actions.html"),
    ] {
        let mut context = prepared
            .context(path)
            .unwrap_or_else(|| panic!("no page at {path}"));
        // The inlined stylesheet is the theme's file, not the contract.
        if let Some(css) = context.get_mut("report_css") {
            *css = serde_json::json!("(the theme's style.css)");
        }
        let text = serde_json::to_string_pretty(&context).unwrap() + "\n";
        let file = kept.join(format!("{kind}.json"));
        if bless {
            std::fs::create_dir_all(&kept).unwrap();
            std::fs::write(&file, &text).unwrap();
            continue;
        }
        let old = std::fs::read_to_string(&file).unwrap_or_default();
        if old != text {
            problems.push(format!(
                "{kind} ({path}) differs at {}",
                crate::common::first_difference(&old, &text)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "page contexts differ from tests/snapshots/contexts (if meant: EVIDENT_BLESS=1 cargo test --test testsuite contexts):\n{}",
        problems.join("\n")
    );
}

/// The slugs of the findings at these positions.
fn slugs(review: &evident::model::Review, at: &[usize]) -> Vec<String> {
    at.iter()
        .map(|&i| review.findings[i].slug.clone())
        .collect()
}

#[test]
fn the_index_lists_each_criterions_findings_in_display_order() {
    // Display order is `order`, then title, then slug: written here out of
    // file order on purpose.
    let dir = inline(&format!(
        "{REVIEW}
-- content/findings/aa-last.md --
---
title: Zebra comes last by title
kind: strength
criteria: [\"1.1\", \"1.1\"]
cases: [C1]
---
Named twice, listed once.
-- content/findings/zz-first.md --
---
title: Ordered first
kind: strength
order: 1
criteria: [\"1.2\"]
focus: [exploitation]
---
First by its order.
"
    ));
    let checked = evident::pipeline::check(dir.path(), Options::default()).unwrap();
    let review = checked.review.expect("the review parses");
    let index = evident::model::ReviewIndex::new(&review);
    assert_eq!(
        slugs(&review, index.all()),
        [
            "zz-first",
            "general",
            "strong-assessment",
            "plans",
            "aa-last"
        ]
    );
    assert_eq!(
        slugs(&review, index.naming("1.1")),
        ["strong-assessment", "aa-last"]
    );
    assert_eq!(slugs(&review, index.naming("1.2")), ["zz-first", "plans"]);
    // The domain itself, and everything under it, each once.
    assert_eq!(slugs(&review, index.naming("1")), ["plans"]);
    assert_eq!(
        slugs(&review, index.in_domain("1")),
        ["zz-first", "strong-assessment", "plans", "aa-last"]
    );
    assert!(index.in_domain("2").is_empty());
    assert_eq!(
        slugs(&review, index.in_focus("exploitation")),
        ["zz-first", "strong-assessment"]
    );
    assert_eq!(
        slugs(&review, index.drawing_on("C1")),
        ["strong-assessment", "aa-last"]
    );
    assert_eq!(slugs(&review, index.unplaced()), ["general"]);
    assert!(index.naming("9.9").is_empty());
}

#[test]
fn a_finding_shown_twice_on_a_page_carries_its_id_and_body_once() {
    let dir = inline(REVIEW);
    let Prepare::Ready(prepared) =
        prepare(dir.path(), Options::default(), None, &Memos::off()).unwrap()
    else {
        panic!("the review does not build");
    };
    // `plans` names the domain and its standard 1.2: on the domain's page
    // it is in the domain's own group and under 1.2.
    let domain = prepared.context("domains/1/index.html").unwrap();
    let own = &domain["domain"]["groups"][0]["findings"][0];
    let again = &domain["domain"]["standards"][1]["groups"][0]["findings"][0];
    assert_eq!(
        (&own["slug"], &again["slug"]),
        (&"plans".into(), &"plans".into())
    );
    assert_eq!(
        (&own["id"], &own["first"]),
        (&"finding-plans".into(), &true.into())
    );
    assert!(own["html"].as_str().unwrap().contains("Plans were short."));
    assert_eq!(
        (&again["id"], &again["first"], &again["html"]),
        (&serde_json::Value::Null, &false.into(), &"".into())
    );
    // Its heading's id (behind the finding's slug) is on the page once.
    assert_eq!(domain.to_string().matches("plans-detail").count(), 1);
}

#[test]
fn the_public_edition_context_names_no_case() {
    let dir = inline(REVIEW);
    let options = Options {
        edition: evident::model::Edition::Public,
        ..Options::default()
    };
    let Prepare::Ready(prepared) = prepare(dir.path(), options, None, &Memos::off()).unwrap()
    else {
        panic!("the public edition does not build");
    };
    for path in prepared.paths() {
        let Some(context) = prepared.context(&path) else {
            continue;
        };
        let text = context.to_string();
        assert!(!text.contains("C1"), "{path} names case C1");
        assert!(!text.contains("C2"), "{path} names case C2");
        assert!(!text.contains("Too brief"), "{path} has a case's note");
    }
}

#[test]
fn kinds_whose_ids_are_not_path_safe_still_give_one_valid_id_each_that_the_contents_lead_to() {
    // A careless author: kind ids with spaces and dots, two of which make
    // the same path-safe form.
    let spec = REVIEW.replace(
        "privacy: {min_count: 2}\n",
        "privacy: {min_count: 2}\nfinding_kinds:\n  - {id: strength, label: Strengths}\n  - {id: consideration, label: Considerations}\n  - {id: area for work, label: Areas for work}\n  - {id: area.for.work, label: More areas}\n",
    ) + "-- content/findings/a1.md --\n---\ntitle: First area\nkind: area for work\ncriteria: [\"1.1\"]\n---\nOne.\n-- content/findings/a2.md --\n---\ntitle: Second area\nkind: area.for.work\ncriteria: [\"1.1\"]\n---\nTwo.\n";
    let dir = inline(&spec);
    crate::common::build_ok(dir.path());
    for path in ["domains/1/1-1.html", "findings.html"] {
        let html = crate::common::read(dir.path(), path);
        assert_eq!(
            crate::common::repeated_ids(&html),
            Vec::<String>::new(),
            "{path}"
        );
        let doc = scraper::Html::parse_document(&html);
        let ids: Vec<&str> = doc
            .select(&scraper::Selector::parse("[id]").unwrap())
            .filter_map(|e| e.value().attr("id"))
            .collect();
        for id in &ids {
            assert!(!id.contains(char::is_whitespace), "{path}: id {id:?}");
        }
        for id in ["kind-area-for-work", "kind-area-for-work-1"] {
            assert!(ids.contains(&id), "{path} has no {id}: {ids:?}");
        }
        // Every entry of the contents list leads to an element of the page.
        for a in doc.select(&scraper::Selector::parse(".page-toc a").unwrap()) {
            let target = a.value().attr("href").unwrap().trim_start_matches('#');
            assert!(ids.contains(&target), "{path}: contents link to #{target}");
        }
    }
}
