//! Counts written in words agree in number, by CLDR's plural rules for
//! the report's `language`, and finding kinds keep the author's case.
//!
//! The fixture is `tests/fixtures/other-framework/`: its domain B has one
//! finding of each kind, and its kinds are labelled by the author.

use crate::common::*;
use std::path::Path;

fn set_kinds(root: &Path, kinds: &str) {
    let path = root.join("content/report.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("finding_kinds:").unwrap();
    let end = text[start..].find("\n  - {id: action").unwrap() + start;
    let end = text[end + 1..].find('\n').unwrap() + end + 2;
    let text = format!("{}{kinds}{}", &text[..start], &text[end..]);
    std::fs::write(path, text).unwrap();
}

#[test]
fn one_finding_of_a_kind_is_counted_in_the_singular_and_abbreviations_keep_their_case() {
    let dir = fixture("other-framework");
    set_kinds(
        dir.path(),
        "finding_kinds:\n  - {id: good-practice, label: Good practice}\n  - {id: concern, label: Concerns, singular: Concern}\n  - {id: action, label: NHS actions, singular: NHS action}\n",
    );
    build_ok(dir.path());
    let home = page(dir.path(), "index.html");
    let cards: Vec<String> = texts(&home, ".card .counts");
    assert_eq!(
        cards,
        [
            "2 good practice 1 concern 1 NHS action 5 cases audited",
            "1 good practice 1 concern 1 NHS action 4 cases audited",
        ],
    );
    let findings = page(dir.path(), "findings.html");
    assert_eq!(texts(&findings, "#filter-status"), ["9 findings"]);
}

#[test]
fn a_theme_gets_each_counts_plural_category_in_the_report_language() {
    // Welsh has six plural categories (CLDR): a theme written in Welsh
    // chooses its word by them.
    let dir = fixture("other-framework");
    let path = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}language: cy\ntheme: cymraeg\n")).unwrap();
    write_inline(
        dir.path(),
        "-- themes/cymraeg/templates/index.html --\n{% for d in domains %}<p class=\"d\">{% for c in d.counts %}{{ c.count }}={{ c.plural }} {% endfor %}{{ d.cases.count }}={{ d.cases.plural }}</p>{% endfor %}\n-- themes/cymraeg/templates/findings.html --\n<p class=\"t\">{{ total }}={{ total_plural }}</p>\n-- themes/cymraeg/templates/cases.html --\n<p class=\"t\">{{ sample.total }}={{ sample.total_plural }}</p>\n",
    );
    build_ok(dir.path());
    let home = page(dir.path(), "index.html");
    assert_eq!(
        texts(&home, ".d"),
        ["2=two 1=one 1=one 5=other", "1=one 1=one 1=one 4=other"]
    );
    assert_eq!(texts(&page(dir.path(), "findings.html"), ".t"), ["9=other"]);
    assert_eq!(
        texts(&page(dir.path(), "cases/index.html"), ".t"),
        ["9=other"]
    );
}
