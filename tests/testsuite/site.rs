//! The built worked example, page by page, as a reader would check it:
//! every page kind of SPEC §3, the figures on it, links that resolve, ids
//! that are unique, relative URLs only, and the data exports.

use crate::common::{attrs, page, read, report_json, texts, worked_example};
use scraper::{Html, Selector};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// The worked example, built once for all tests in this file.
fn site() -> &'static Path {
    static SITE: OnceLock<TempDir> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = worked_example();
        crate::common::build_ok(dir.path());
        dir
    })
    .path()
}

fn html_files(root: &Path) -> Vec<String> {
    let out = root.join("output");
    let mut v: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_page_of_the_spec_is_built() {
    let files = html_files(site());
    for expected in [
        "index.html",
        "pages/background.html",
        "pages/approach.html",
        "pages/the-review.html",
        "pages/conclusion.html",
        "domains/2/index.html",
        "domains/2/2-1.html",
        "domains/2/2-2.html",
        "domains/2/2-3.html",
        "domains/2/2-4.html",
        "domains/3/index.html",
        "domains/3/3-1.html",
        "domains/3/3-4.html",
        "focus/exploitation.html",
        "focus/knife-crime-and-gangs.html",
        "focus/nrm-referrals.html",
        "cases/index.html",
        "findings.html",
        "report.html",
        "search.html",
        "404.html",
    ] {
        assert!(
            files.contains(&expected.to_string()),
            "missing {expected}: {files:?}"
        );
    }
    // Out-of-scope domains are listed, not paged; case pages are off.
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("domains/1/") || f.starts_with("domains/4/"))
    );
    assert!(!files.iter().any(|f| f.starts_with("cases/C")));
    for f in [
        "search-index.js",
        "data/report.json",
        "data/cases.csv",
        ".evident-output",
    ] {
        assert!(site().join("output").join(f).is_file(), "missing {f}");
    }
}

#[test]
fn assets_are_content_hashed_and_linked() {
    let assets: Vec<String> = std::fs::read_dir(site().join("output/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let css = assets
        .iter()
        .find(|a| a.starts_with("style.") && a.ends_with(".css"))
        .unwrap();
    assert_eq!(css.len(), "style..css".len() + 10, "{css}");
    let standard = page(site(), "domains/2/2-1.html");
    assert_eq!(
        attrs(&standard, "link[rel=stylesheet]", "href"),
        [format!("../../assets/{css}")]
    );
}

#[test]
fn home_page_shows_the_review() {
    let home = page(site(), "index.html");
    assert_eq!(
        texts(&home, "h1"),
        ["Peer review of Northbrook Youth Justice Service"]
    );
    let facts = texts(&home, ".facts dd").join(" | ");
    assert!(
        facts.contains("Northbrook Youth Justice Service"),
        "{facts}"
    );
    assert!(facts.contains("10 March 2020 to 12 March 2020"), "{facts}");
    assert!(facts.contains("1 April 2020"), "{facts}");
    assert!(facts.contains("18 cases"), "{facts}");
    assert!(facts.contains("Head of Service"), "{facts}");
    assert!(!texts(&home, ".summary p").is_empty());
    // A card per domain in scope, with counts matching the findings data.
    let cards = texts(&home, ".card h3");
    assert_eq!(
        cards,
        [
            "Domain 2: Court disposals",
            "Domain 3: Out-of-court disposals"
        ]
    );
    let json = report_json(site());
    for (i, domain) in ["2", "3"].iter().enumerate() {
        let prefix = format!("{domain}.");
        let strengths = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "strength")
            .filter(|f| {
                f["criteria"].as_array().unwrap().iter().any(|c| {
                    let c = c.as_str().unwrap();
                    c == *domain || c.starts_with(&prefix)
                })
            })
            .count();
        let card_counts = texts(&home, ".card")[i].clone();
        assert!(
            card_counts.contains(&format!("{strengths} strengths")),
            "{card_counts}"
        );
    }
    assert!(texts(&home, ".card").join(" ").contains("10 cases audited"));
    assert!(texts(&home, ".card").join(" ").contains("8 cases audited"));
    let out = texts(&home, ".out-of-scope").join(" ");
    // The 2018 standards had no resettlement domain.
    assert_eq!(
        out,
        "Out of scope for this review: domain 1 (Organisational delivery)."
    );
    let facts = texts(&home, ".facts").join(" ");
    assert!(
        facts.contains("Assessed against Youth offending services inspection standards (HMIP, 2018), version 2018 (in use 1 June 2018 to 14 July 2021)"),
        "{facts}"
    );
    // Findings with no criteria are shown as "Other findings".
    assert_eq!(texts(&home, "#other-heading"), ["Other findings"]);
    assert_eq!(attrs(&home, "#finding-performance-data", "id").len(), 1);
}

#[test]
fn standard_page_has_statement_findings_by_kind_and_question_results() {
    let p = page(site(), "domains/2/2-1.html");
    assert_eq!(texts(&p, "h1"), ["2.1 Assessment"]);
    assert!(!texts(&p, ".statement p").is_empty());
    assert_eq!(
        texts(&p, "main h2")[..2],
        ["Strengths", "Areas for consideration"]
    );
    assert_eq!(
        attrs(&p, "#finding-diverse-needs", "class"),
        ["finding kind-strength"]
    );
    // Groups are headed by the plural label; each finding's tag is singular.
    assert_eq!(
        texts(&p, "#finding-diverse-needs .finding-kind .tag"),
        ["Strength"]
    );
    // 2.1.3 (keeping other people safe): 5 of 10 court cases met it.
    let rows = texts(&p, "table.questions tbody tr");
    let row = rows.iter().find(|r| r.starts_with("2.1.3")).unwrap();
    // Beside the percentage, the cases it is of.
    assert!(row.ends_with("5 10 0 50.0% (5/10)"), "{row}");
    // The chart draws the same numbers and says them in text.
    let title = texts(&p, "svg title").join(" ");
    assert!(title.contains("2.1.3 50.0% (5/10)"), "{title}");
    assert_eq!(attrs(&p, "svg rect.chart-bar", "width").len(), 3);
    assert!(
        attrs(&p, "svg rect.chart-bar", "width").contains(&"150".to_string())
            || attrs(&p, "svg rect.chart-bar", "width").contains(&"150.0".to_string())
    );
    // Ratings are off in the example: none shown.
    assert!(texts(&p, ".rating").is_empty());
    // Breadcrumbs and previous/next follow the reading order.
    assert_eq!(
        texts(&p, ".breadcrumbs li"),
        ["Home", "Domain 2: Court disposals", "2.1 Assessment"]
    );
    assert_eq!(
        attrs(&p, "a[rel=prev]", "href"),
        ["../../domains/2/index.html"]
    );
    assert_eq!(
        attrs(&p, "a[rel=next]", "href"),
        ["../../domains/2/2-2.html"]
    );
}

#[test]
fn excluded_answers_leave_the_percent_of_applicable_cases() {
    // 2.4.3: 7 met, 2 not met, 1 excluded → 7 / 9 = 77.8%.
    let p = page(site(), "domains/2/2-4.html");
    let rows = texts(&p, "table.questions tbody tr");
    let row = rows.iter().find(|r| r.starts_with("2.4.3")).unwrap();
    assert!(row.ends_with("7 9 1 77.8% (7/9)"), "{row}");
}

#[test]
fn judgement_standard_has_no_question_table() {
    let p = page(site(), "domains/3/3-4.html");
    assert!(texts(&p, "table.questions").is_empty());
    assert!(texts(&p, "svg").is_empty());
}

#[test]
fn domain_page_lists_each_standard_with_findings_and_results() {
    let p = page(site(), "domains/2/index.html");
    assert_eq!(texts(&p, "h1"), ["Domain 2: Court disposals"]);
    let headings = texts(&p, "section.standard > h2");
    assert_eq!(
        headings,
        [
            "2.1 Assessment",
            "2.2 Planning",
            "2.3 Implementation and delivery",
            "2.4 Reviewing"
        ]
    );
    let summary = texts(&p, "table.domain-summary tbody tr");
    assert!(summary[0].starts_with("2.1 Assessment"), "{summary:?}");
    // The worked example shows no ratings, so not the figure that decides
    // one either: no lowest key question column.
    assert!(!summary[0].contains('%'), "{summary:?}");
    let head = texts(&p, "table.domain-summary thead").join(" ");
    assert!(!head.contains("Lowest"), "{head}");
    assert_eq!(texts(&p, "table.questions").len(), 4);
    // A finding naming several standards of the domain is shown in full once.
    assert_eq!(attrs(&p, "#finding-diverse-needs", "id").len(), 1);
}

#[test]
fn focus_page_groups_findings_by_standard_and_lists_flagged_cases() {
    let p = page(site(), "focus/exploitation.html");
    assert_eq!(texts(&p, "h1"), ["Exploitation"]);
    let groups = texts(&p, "#findings ~ h3");
    assert!(!groups.is_empty());
    assert!(
        groups
            .iter()
            .all(|g| g.chars().next().unwrap().is_ascii_digit() || g == "Other findings"),
        "{groups:?}"
    );
    let json = report_json(site());
    let flagged: Vec<String> = json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            c["focus"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "exploitation")
        })
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let listed: Vec<String> = texts(&p, ".case-list a");
    assert_eq!(listed, flagged);
    assert!(!listed.is_empty());
}

#[test]
fn cases_page_has_the_sample_and_the_matrix() {
    let p = page(site(), "cases/index.html");
    // The contents list starts with the introduction's title, as the page does.
    assert_eq!(
        texts(&p, ".page-toc li"),
        [
            "About these figures",
            "The sample",
            "Domain 2: Court disposals",
            "Domain 3: Out-of-court disposals",
            "The data",
        ]
    );
    assert_eq!(attrs(&p, "h2#intro", "id").len(), 1);
    let intro = texts(&p, ".intro").join(" ");
    assert!(intro.contains("illustrative"), "{intro}");
    let by_audit = texts(&p, "table")
        .into_iter()
        .find(|t| t.starts_with("Cases by audit mode"))
        .unwrap();
    assert!(by_audit.contains("With the case manager 9"), "{by_audit}");
    assert!(by_audit.contains("File read 9"), "{by_audit}");
    let by_disposal = texts(&p, "table")
        .into_iter()
        .find(|t| t.starts_with("Cases by disposal"))
        .unwrap();
    // Two custody cases: fewer than 3, withheld like every small count.
    assert!(
        by_disposal.contains("Detention and training order *"),
        "{by_disposal}"
    );
    let matrices = Selector::parse("table.matrix").unwrap();
    let rows: Vec<usize> = p
        .select(&matrices)
        .map(|t| t.select(&Selector::parse("tbody tr").unwrap()).count())
        .collect();
    assert_eq!(rows, [10, 8]);
    assert_eq!(attrs(&p, "tr#case-C01", "id").len(), 1);
    let totals = texts(&p, "table.matrix tfoot tr");
    assert!(totals[0].contains("5/10 (50.0%)"), "{totals:?}");
    // Notes on answers are numbered and listed under the table.
    assert!(!texts(&p, ".answer-notes li").is_empty());
}

#[test]
fn the_matrix_notes_are_numbered_in_reading_order_and_listed_in_that_order() {
    let p = page(site(), "cases/index.html");
    let matrices = Selector::parse("section:has(table.matrix)").unwrap();
    let marks = Selector::parse("table.matrix tbody sup a").unwrap();
    let items = Selector::parse(".answer-notes li").unwrap();
    let mut seen = 0;
    for m in p.select(&matrices) {
        // Row by row, left to right: 1, 2, 3… with no gap or repeat.
        let numbers: Vec<String> = m.select(&marks).map(|a| a.text().collect()).collect();
        let expected: Vec<String> = (1..=numbers.len()).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected);
        // Each mark leads to the item of its number in the list below.
        let targets: Vec<String> = m
            .select(&marks)
            .map(|a| {
                a.value()
                    .attr("href")
                    .unwrap()
                    .trim_start_matches('#')
                    .to_string()
            })
            .collect();
        let listed: Vec<String> = m
            .select(&items)
            .map(|li| li.value().attr("id").unwrap().to_string())
            .collect();
        assert_eq!(targets, listed);
        seen += numbers.len();
    }
    assert!(seen >= 4, "the worked example has notes on answers");
}

#[test]
fn the_printable_report_has_every_table_of_the_case_sample_page() {
    let cases = page(site(), "cases/index.html");
    let report = page(site(), "report.html");
    let captions = texts(&cases, "main table caption");
    let printed = texts(&report, "main table caption");
    assert!(captions.len() >= 6, "{captions:?}");
    let missing: Vec<&String> = captions.iter().filter(|c| !printed.contains(c)).collect();
    assert!(missing.is_empty(), "not in the report: {missing:?}");
    // With the notes under each matrix.
    assert_eq!(
        texts(&cases, ".answer-notes li"),
        texts(&report, ".answer-notes li")
    );
}

#[test]
fn findings_page_lists_every_finding_once_with_filter_data() {
    let p = page(site(), "findings.html");
    let json = report_json(site());
    let all = json["findings"].as_array().unwrap().len();
    assert_eq!(attrs(&p, ".finding-item", "data-kind").len(), all);
    assert_eq!(attrs(&p, "article.finding", "id").len(), all);
    // The filter form is hidden until the script shows it.
    assert_eq!(attrs(&p, "#finding-filters", "hidden").len(), 1);
    let criteria = attrs(&p, ".finding-item", "data-criteria");
    assert!(
        criteria
            .iter()
            .any(|c| c.split_whitespace().any(|x| x == "2.1"))
    );
}

#[test]
fn report_is_one_self_contained_page() {
    let text = read(site(), "report.html");
    let p = Html::parse_document(&text);
    assert!(attrs(&p, "link", "href").is_empty(), "no stylesheet link");
    // No script file; the one script in it is the theme's Print button,
    // carried in the page, which nothing needs.
    assert!(attrs(&p, "script", "src").is_empty(), "no script file");
    let scripts: Vec<String> = p
        .select(&Selector::parse("script").unwrap())
        .map(|s| s.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(
        scripts,
        [include_str!("../../themes/default/static/report.js").trim()]
    );
    assert_eq!(attrs(&p, "#print-report", "hidden").len(), 1);
    // Its images (the logo, and the chart in the case sample's
    // introduction) are carried in the page.
    let images = attrs(&p, "img", "src");
    assert_eq!(images.len(), 2, "{images:?}");
    assert!(
        images
            .iter()
            .all(|src| src.starts_with("data:image/svg+xml;base64,"))
    );
    assert!(!texts(&p, "style").is_empty(), "CSS is inlined");
    // Every in-page link lands on an id of the page.
    let ids: HashSet<String> = attrs(&p, "[id]", "id").into_iter().collect();
    for href in attrs(&p, "a", "href") {
        if let Some(anchor) = href.strip_prefix('#') {
            assert!(ids.contains(anchor), "dangling #{anchor}");
        } else {
            // The one link into the site: the way back, on screen only.
            assert!(
                href.starts_with("http") || href.starts_with("mailto:") || href == "index.html",
                "non-anchor link {href}"
            );
        }
    }
    let contents = texts(&p, ".report-contents li");
    assert!(
        contents
            .iter()
            .any(|c| c.starts_with("Domain 2: Court disposals"))
    );
    assert_eq!(
        texts(&p, "h1"),
        ["Peer review of Northbrook Youth Justice Service"]
    );
}

#[test]
fn every_page_carries_the_banners_skip_link_header_and_print_link() {
    for file in html_files(site()) {
        let p = page(site(), &file);
        assert_eq!(
            texts(&p, ".classification").first().map(String::as_str),
            Some("OFFICIAL-SENSITIVE"),
            "{file}"
        );
        assert!(
            texts(&p, ".draft-banner").is_empty(),
            "final report has no DRAFT banner: {file}"
        );
        let skip = attrs(&p, "a.skip-link", "href");
        assert_eq!(skip.len(), 1, "{file}");
        if file != "report.html" {
            assert!(
                !texts(&p, "nav.breadcrumbs li").is_empty(),
                "{file} has breadcrumbs"
            );
            assert_eq!(
                texts(&p, ".site-nav a").len(),
                4,
                "{file}: both domains, the sample and all findings in the header"
            );
            assert_eq!(
                texts(&p, ".site-title"),
                ["Peer review of Northbrook Youth Justice Service"],
                "{file}"
            );
            assert_eq!(
                texts(&p, ".print-link"),
                ["Print or save the whole report"],
                "{file}"
            );
            assert_eq!(attrs(&p, "html", "lang"), ["en-GB"], "{file}");
        }
    }
}

#[test]
fn ids_are_unique_on_every_page() {
    for file in html_files(site()) {
        let ids = attrs(&page(site(), &file), "[id]", "id");
        let mut seen = HashSet::new();
        for id in &ids {
            assert!(seen.insert(id), "{file}: id `{id}` twice");
        }
    }
}

#[test]
fn every_internal_link_resolves_to_a_file_and_an_id() {
    let out: PathBuf = site().join("output");
    for file in html_files(site()) {
        let p = page(site(), &file);
        for href in attrs(&p, "a", "href")
            .into_iter()
            .chain(attrs(&p, "link", "href"))
            .chain(attrs(&p, "script", "src"))
        {
            // The 404 page is shown at any address, so it links from the
            // site's base path (`/` here); every other page is relative.
            let href = if file == "404.html" && !href.starts_with('#') {
                href.strip_prefix('/')
                    .unwrap_or_else(|| panic!("{file}: relative URL {href}"))
                    .to_string()
            } else {
                assert!(!href.starts_with('/'), "{file}: absolute URL {href}");
                href
            };
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            assert!(
                !href.contains("evident-link"),
                "{file}: unresolved placeholder {href}"
            );
            let (path, fragment) = href
                .split_once('#')
                .map_or((href.as_str(), None), |(p, f)| (p, Some(f)));
            let target = if path.is_empty() {
                file.clone()
            } else if file == "404.html" {
                path.to_string()
            } else {
                let base = Path::new(&file).parent().unwrap().join(path);
                normalise(&base)
            };
            assert!(
                out.join(&target).is_file(),
                "{file}: link {href} → missing {target}"
            );
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let ids = attrs(&page(site(), &target), "[id]", "id");
                assert!(
                    ids.iter().any(|i| i == fragment),
                    "{file}: link {href} → no id {fragment} in {target}"
                );
            }
        }
    }
}

fn normalise(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c.as_os_str().to_str().unwrap() {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s.to_string()),
        }
    }
    parts.join("/")
}

#[test]
fn markdown_links_are_rewritten_to_relative_urls() {
    // content/cases/index.md links `page:approach`.
    let p = page(site(), "cases/index.html");
    assert!(attrs(&p, ".intro a", "href").contains(&"../pages/approach.html".to_string()));
    // A finding links another finding by relative path; on a standard page
    // two folders deep the URL climbs to the root first.
    let json = report_json(site());
    let url = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["slug"] == "diverse-needs")
        .unwrap()["url"]
        .clone();
    assert_eq!(url, "domains/2/2-1.html#finding-diverse-needs");
    let golden = page(site(), "domains/2/index.html");
    let hrefs = attrs(&golden, "#finding-child-first-golden-thread a", "href");
    assert!(
        hrefs.contains(&"../../domains/2/2-1.html#finding-diverse-needs".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn report_json_has_the_spec_shape() {
    let json = report_json(site());
    assert_eq!(
        json["report"]["title"],
        "Peer review of Northbrook Youth Justice Service"
    );
    assert_eq!(json["report"]["status"], "final");
    assert_eq!(json["report"]["classification"], "OFFICIAL-SENSITIVE");
    assert_eq!(json["framework"]["id"], "hmip-youth-2018");
    assert_eq!(json["framework"]["version"], "2018");
    let domains = json["domains"].as_array().unwrap();
    assert_eq!(
        domains
            .iter()
            .map(|d| d["in_scope"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        [false, true, true]
    );
    // Findings naming a domain itself are listed on the domain.
    assert!(
        domains[1]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "staff-a-credit"),
        "{}",
        domains[1]["findings"]
    );
    let s21 = &domains[1]["standards"][0];
    assert_eq!(s21["id"], "2.1");
    assert_eq!(s21["assessed_by"], "cases");
    assert_eq!(s21["rating"], serde_json::Value::Null);
    assert!(
        s21["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "diverse-needs")
    );
    let q = &s21["questions"][2];
    assert_eq!(q["id"], "2.1.3");
    assert_eq!(q["dimension"], "others");
    assert_eq!(
        (
            q["met"].as_u64(),
            q["not_met"].as_u64(),
            q["excluded"].as_u64()
        ),
        (Some(5), Some(5), Some(0))
    );
    assert_eq!(q["percent"].as_f64(), Some(50.0));
    let judgement = &domains[2]["standards"][3];
    assert_eq!(judgement["assessed_by"], "judgement");
    assert_eq!(json["cases"].as_array().unwrap().len(), 18);
    let c1 = &json["cases"][0];
    assert_eq!(c1["id"], "C01");
    assert_eq!(c1["answers"]["2.1.1"], "yes");
    assert!(
        c1.get("attributes").is_none(),
        "attributes are never exported per case"
    );
    assert_eq!(json["focus"].as_array().unwrap().len(), 3);
}

#[test]
fn cases_csv_has_a_row_per_case() {
    let csv = read(site(), "data/cases.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 19);
    assert!(lines[0].starts_with("id,domain,disposal,audit,started,2.1.1,"));
    assert!(lines[1].starts_with("C01,2,Referral order,with-case-manager,"));
    assert!(!lines[0].contains("age_band"));
}

#[test]
fn search_index_is_a_script_with_every_finding() {
    let js = read(site(), "search-index.js");
    assert!(js.starts_with("window.EVIDENT_SEARCH = ["));
    let json: serde_json::Value = serde_json::from_str(
        js.trim_start_matches("window.EVIDENT_SEARCH = ")
            .trim_end()
            .trim_end_matches(';'),
    )
    .unwrap();
    let entries = json.as_array().unwrap();
    assert!(entries.iter().any(
        |e| e["t"] == "Diverse needs are identified and followed through"
            && e["u"] == "domains/2/2-1.html#finding-diverse-needs"
    ));
    assert!(entries.iter().any(|e| e["k"] == "Case"));
    let p = page(site(), "search.html");
    assert_eq!(attrs(&p, "script", "src")[0], "search-index.js");
}

#[test]
fn every_page_has_previous_or_next_links() {
    for file in html_files(site()) {
        if file == "report.html" {
            continue;
        }
        let p = page(site(), &file);
        let links = attrs(&p, "a[rel=prev]", "href").len() + attrs(&p, "a[rel=next]", "href").len();
        assert!(links > 0, "{file} has no previous/next link");
    }
    // Pages outside the reading order lead back to the start.
    assert_eq!(
        attrs(&page(site(), "search.html"), "a[rel=next]", "href"),
        ["index.html"]
    );
    // The list of all findings, then the action plan, close the reading
    // order.
    let findings = page(site(), "findings.html");
    assert_eq!(
        attrs(&findings, "a[rel=prev]", "href"),
        ["pages/conclusion.html"]
    );
    assert_eq!(attrs(&findings, "a[rel=next]", "href"), ["actions.html"]);
    let actions = page(site(), "actions.html");
    assert_eq!(attrs(&actions, "a[rel=prev]", "href"), ["findings.html"]);
    assert!(attrs(&actions, "a[rel=next]", "href").is_empty());
}

#[test]
fn case_notes_are_shown_on_the_sample_page() {
    let p = page(site(), "cases/index.html");
    let notes = texts(&p, ".case-notes div");
    assert_eq!(notes.len(), 18, "every worked-example case has a note");
    assert!(notes[0].starts_with("C01 "), "{notes:?}");
}

#[test]
fn not_found_page_offers_a_way_back() {
    let p = page(site(), "404.html");
    assert_eq!(texts(&p, "h1"), ["Page not found"]);
    // From the server's root: the site's `base_path` is `/` unless set.
    let links = attrs(&p, "main a", "href");
    assert!(links.contains(&"/index.html".to_string()), "{links:?}");
    assert!(links.contains(&"/search.html".to_string()), "{links:?}");
}

#[test]
fn search_index_survives_hostile_text() {
    let dir = crate::common::inline(
        "-- content/report.yaml --\ntitle: T\norganisation: O\n-- content/criteria/fw.yaml --\nid: fw\ntitle: F\ndomains:\n  - id: \"1\"\n    title: D\n    standards:\n      - {id: \"1.1\", title: S, assessed_by: judgement}\n-- content/findings/odd.md --\n---\ntitle: \"Ends </script> here\u{2028}and\"\nkind: strength\ncriteria: [\"1.1\"]\n---\nText \u{2029} more.\n",
    );
    crate::common::build_ok(dir.path());
    let js = read(dir.path(), "search-index.js");
    assert!(!js.contains("</script"), "{js}");
    assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'));
    let json: serde_json::Value = serde_json::from_str(
        js.trim_start_matches("window.EVIDENT_SEARCH = ")
            .trim_end()
            .trim_end_matches(';'),
    )
    .unwrap();
    assert!(
        json[0]["t"].as_str().unwrap().contains("</script>"),
        "the text itself is kept"
    );
}

#[test]
fn sidebar_lists_the_pages_beside_this_one_and_marks_the_current() {
    let std = page(site(), "domains/2/2-1.html");
    assert_eq!(
        texts(&std, ".section-nav h2"),
        ["Domain 2: Court disposals"]
    );
    assert_eq!(
        texts(&std, ".section-nav li"),
        [
            "2.1 Assessment",
            "2.2 Planning",
            "2.3 Implementation and delivery",
            "2.4 Reviewing"
        ]
    );
    assert_eq!(
        texts(&std, ".section-nav [aria-current=page]"),
        ["2.1 Assessment"]
    );
    assert_eq!(
        texts(&std, ".page-toc li"),
        ["Strengths", "Areas for consideration", "Key questions"]
    );
    // A domain's own page lists its standards once, as its contents.
    let domain = page(site(), "domains/3/index.html");
    assert!(texts(&domain, ".section-nav").is_empty());
    assert_eq!(
        texts(&domain, ".page-toc li"),
        [
            "3.1 Assessment",
            "3.2 Planning",
            "3.3 Implementation and delivery",
            "3.4 Joint working"
        ]
    );
    let focus = page(site(), "focus/exploitation.html");
    assert_eq!(texts(&focus, ".section-nav h2"), ["Focus areas"]);
    assert_eq!(texts(&focus, ".section-nav li").len(), 3);
    assert_eq!(texts(&focus, ".section-nav [aria-current=page]").len(), 1);
    let chapter = page(site(), "pages/approach.html");
    assert_eq!(texts(&chapter, ".section-nav h2"), ["Chapters"]);
    assert_eq!(texts(&chapter, ".section-nav li").len(), 4);
    // Pages outside a group have no sidebar list.
    for path in ["index.html", "findings.html", "cases/index.html"] {
        assert!(
            texts(&page(site(), path), ".section-nav").is_empty(),
            "{path}"
        );
    }
}

#[test]
fn the_case_sample_page_links_the_data_files_and_says_what_each_holds() {
    let p = page(site(), "cases/index.html");
    let links = attrs(&p, ".data-files a", "href");
    assert_eq!(links, ["../data/report.json", "../data/cases.csv"]);
    for link in &links {
        assert!(
            site().join("output/cases").join(link).is_file(),
            "{link} is not published"
        );
    }
    let items = texts(&p, ".data-files li");
    assert!(
        items[0].starts_with("report.json : the whole report as data"),
        "{items:?}"
    );
    assert!(
        items[1].starts_with("cases.csv : one row per audited case"),
        "{items:?}"
    );
    // "On this page" leads to it.
    assert_eq!(attrs(&p, "a[href='#data']", "href").len(), 1);
}

#[test]
fn a_short_title_heads_every_page_and_the_full_title_stays_in_the_tab_and_on_the_cover() {
    let dir = worked_example();
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        format!("{text}short_title: Northbrook peer review\n"),
    )
    .unwrap();
    let (code, _, stderr) = crate::common::run_in(dir.path(), &["build", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    for file in ["index.html", "domains/2/2-1.html", "cases/index.html"] {
        let p = page(dir.path(), file);
        assert_eq!(
            texts(&p, ".site-title"),
            ["Northbrook peer review"],
            "{file}"
        );
        assert!(
            texts(&p, "title")[0].ends_with("Peer review of Northbrook Youth Justice Service"),
            "{file}"
        );
    }
    let report = page(dir.path(), "report.html");
    assert_eq!(
        texts(&report, "h1"),
        ["Peer review of Northbrook Youth Justice Service"]
    );
}
