//! Data: the report's data for reuse (`data/report.json`, `data/cases.csv`)
//! and the search index (`search-index.js`), all read from the same review
//! and analysis as the pages.
//!
//! Case attributes are tabulated with small-cell suppression on the cases
//! page and are deliberately left out of every per-case export.

use super::urls;
use crate::analyse::{Analysis, Cell, OverallResult};
use crate::model::{AssessedBy, Finding, Review, ReviewIndex};
use serde_json::{Value, json};

/// `data/report.json` in the SPEC §3 shape (with a few more keys).
pub fn report_json(review: &Review, analysis: &Analysis, index: &ReviewIndex) -> String {
    let slugs = |at: &[usize]| -> Vec<&str> {
        at.iter()
            .map(|&i| review.findings[i].slug.as_str())
            .collect()
    };
    let r = &review.report;
    let fw = &review.framework;
    let domains: Vec<Value> = fw
        .domains
        .iter()
        .map(|d| {
            // Out-of-scope domains are listed, not paged: no URL to follow.
            let in_scope = review.in_scope(&d.id.value);
            let standards: Vec<Value> = d
                .standards
                .iter()
                .map(|s| {
                    let result = analysis.standards.get(&s.id.value);
                    let findings = slugs(index.naming(&s.id.value));
                    let questions: Vec<Value> = s
                        .questions
                        .iter()
                        .map(|q| {
                            let r = analysis.questions.get(&q.id.value).cloned().unwrap_or_default();
                            // Answerable prompts, shaped as questions are;
                            // guidance is not data.
                            let prompts: Vec<Value> = q
                                .prompts
                                .iter()
                                .filter_map(|p| p.id().map(|id| (id, p.text())))
                                .map(|(id, text)| {
                                    let r = analysis.prompts.get(&id.value).cloned().unwrap_or_default();
                                    json!({"id": id.value, "text": text, "met": r.met, "not_met": r.not_met,
                                        "excluded": r.excluded, "percent": r.percent})
                                })
                                .collect();
                            json!({"id": q.id.value, "dimension": q.dimension.as_ref().map(|d| &d.value),
                                "text": q.text, "met": r.met, "not_met": r.not_met, "excluded": r.excluded,
                                "percent": r.percent, "prompts": prompts})
                        })
                        .collect();
                    json!({"id": s.id.value, "title": s.title, "assessed_by": s.assessed_by.as_str(),
                        "rating": result.and_then(|r| r.rating.as_ref()),
                        "findings": findings, "questions": questions,
                        "url": in_scope.then(|| urls::standard(&d.id.value, &s.id.value))})
                })
                .collect();
            // Findings that name the domain itself rather than one of its standards.
            let own = slugs(index.naming(&d.id.value));
            json!({"id": d.id.value, "title": d.title, "in_scope": in_scope, "findings": own,
                "url": if in_scope { Some(urls::domain(&d.id.value)) } else { None },
                "standards": standards})
        })
        .collect();
    // The public edition names no case: no case list, no case ids.
    let public = review.edition == crate::model::Edition::Public;
    let findings: Vec<Value> = index
        .all()
        .iter()
        .map(|&i| {
            let f: &Finding = &review.findings[i];
            json!({"slug": f.slug, "title": f.meta.title, "kind": f.meta.kind.value,
                "criteria": f.meta.criteria.iter().map(|c| &c.value).collect::<Vec<_>>(),
                "focus": f.meta.focus.iter().map(|c| &c.value).collect::<Vec<_>>(),
                "cases": f.meta.cases.iter().filter(|_| !public).map(|c| &c.value).collect::<Vec<_>>(),
                "url": urls::finding(review, f)})
        })
        .collect();
    let cases: Vec<Value> = review
        .cases
        .iter()
        .filter(|_| !public)
        .map(|c| {
            let answers: serde_json::Map<String, Value> = c
                .answers
                .iter()
                .map(|(q, a)| (q.value.clone(), json!(a.value.answer)))
                .collect();
            json!({"id": c.id.value, "domain": c.domain.value, "disposal": c.disposal,
                "audit": c.audit.as_str(), "started": c.started.as_ref().map(|d| d.iso()),
                "focus": c.focus.iter().map(|s| &s.value).collect::<Vec<_>>(),
                "answers": answers})
        })
        .collect();
    let focus: Vec<Value> = review
        .focus_areas
        .iter()
        .map(|fa| {
            json!({"slug": fa.slug, "title": fa.meta.title, "url": urls::focus(&fa.slug),
                "findings": slugs(index.in_focus(&fa.slug))})
        })
        .collect();
    let doc = json!({
        // What the case figures are: `final`, `provisional` or
        // `illustrative`; anything but final is said on every page too.
        "figures": r.figures.as_str(),
        "edition": review.edition.as_str(),
        "report": {"title": r.title, "subtitle": r.subtitle, "organisation": r.organisation,
            "commissioned_by": r.commissioned_by, "review_type": r.review_type,
            "status": r.status.as_str(), "classification": r.classification,
            "published": r.published.as_ref().map(|d| d.iso()),
            "fieldwork": r.fieldwork.as_ref().map(|f| json!({"start": f.start.value.iso(), "end": f.end.value.iso()})),
            "show_ratings": r.show_ratings,
            "finding_kinds": r.finding_kinds.iter().map(|k| json!({"id": k.id.value, "label": k.label})).collect::<Vec<_>>()},
        "framework": {"id": fw.id, "title": fw.title, "version": fw.version,
            "applies_from": fw.applies_from.as_ref().map(|d| d.value.iso()),
            "applies_until": fw.applies_until.as_ref().map(|d| d.value.iso()),
            "source": fw.source.iter().map(|s| json!({"citation": s.citation, "url": s.url})).collect::<Vec<_>>()},
        // The indicative overall rating, when ratings are shown and every
        // counted standard is rated; else null, and with ratings shown
        // `overall_missing` names the counted standards without a rating.
        "overall": match &analysis.overall {
            Some(OverallResult::Rated { score, max, label }) => json!({"score": score, "max": max, "label": label}),
            _ => Value::Null,
        },
        "overall_missing": match &analysis.overall {
            Some(OverallResult::Incomplete { missing }) => json!(missing),
            _ => Value::Null,
        },
        "domains": domains,
        "findings": findings,
        "cases": cases,
        "focus": focus,
        // Aggregates under the one disclosure rule: a withheld count is
        // null, with `suppressed: true`.
        "sample": {"total": analysis.sample.total,
            "min_count": analysis.sample.min_count,
            "by_domain": analysis.sample.by_domain.iter().map(|(d, c)| count_json("domain", d, *c)).collect::<Vec<_>>(),
            "by_disposal": analysis.sample.by_disposal.iter().map(|(d, c)| count_json("disposal", d, *c)).collect::<Vec<_>>(),
            "by_audit": analysis.sample.by_audit.iter().map(|(a, c)| count_json("audit", a.as_str(), *c)).collect::<Vec<_>>()},
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// One count of a sample table, withheld or not: `{key: value, count,
/// suppressed}`.
fn count_json(key: &str, value: &str, cell: Cell) -> Value {
    let (count, suppressed) = match cell {
        Cell::Count(n) => (Some(n), false),
        Cell::Suppressed => (None, true),
    };
    let mut row = serde_json::Map::new();
    row.insert(key.to_string(), json!(value));
    row.insert("count".into(), json!(count));
    row.insert("suppressed".into(), json!(suppressed));
    Value::Object(row)
}

/// Quote a CSV field when it needs it (RFC 4180). A field that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first)
/// is prefixed with `'`, as OWASP advises against CSV injection.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `data/cases.csv`: one row per case, one column per case-assessed key
/// question (each followed by its answerable prompts), and last a `figures` column saying on every row what the
/// figures are (`final`, `provisional`, `illustrative`): a comment line
/// would break CSV readers, and a row copied elsewhere keeps its label.
pub fn cases_csv(review: &Review) -> String {
    let figures = review.report.figures.as_str();
    let questions: Vec<&str> = review
        .framework
        .standards()
        .filter(|(d, s)| s.assessed_by == AssessedBy::Cases && review.in_scope(&d.id.value))
        .flat_map(|(_, s)| {
            s.questions.iter().flat_map(|q| {
                std::iter::once(q.id.value.as_str()).chain(
                    q.prompts
                        .iter()
                        .filter_map(|p| p.id())
                        .map(|id| id.value.as_str()),
                )
            })
        })
        .collect();
    let mut out = String::from("id,domain,disposal,audit,started");
    for q in &questions {
        out.push(',');
        out.push_str(&csv_field(q));
    }
    out.push_str(",figures\r\n");
    for c in &review.cases {
        let mut row = vec![
            csv_field(&c.id.value),
            csv_field(&c.domain.value),
            csv_field(&c.disposal),
            c.audit.as_str().to_string(),
            c.started.as_ref().map(|d| d.iso()).unwrap_or_default(),
        ];
        for q in &questions {
            row.push(
                c.answer(q)
                    .map(|a| csv_field(&a.answer))
                    .unwrap_or_default(),
            );
        }
        row.push(figures.to_string());
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `search-index.js`: a script that sets `window.EVIDENT_SEARCH`, so search
/// works from `file://` where fetching JSON is refused (Quarto #3028).
pub fn search_index(review: &Review, index: &ReviewIndex) -> String {
    let public = review.edition == crate::model::Edition::Public;
    let mut entries: Vec<Value> = Vec::new();
    for f in index.all().iter().map(|&i| &review.findings[i]) {
        entries.push(json!({"t": f.meta.title, "k": review.kind_tag(&f.meta.kind.value), "u": urls::finding(review, f), "x": f.body.shown_text(public)}));
    }
    for (d, s) in review.framework.standards() {
        if review.in_scope(&d.id.value) {
            let text = format!(
                "{} {}",
                s.statement_body.shown_text(public),
                s.questions
                    .iter()
                    .map(|q| q.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            entries.push(
                json!({"t": format!("{} {}", s.id.value, s.title), "k": "Standard",
                "u": urls::standard(&d.id.value, &s.id.value), "x": text.trim()}),
            );
        }
    }
    for d in &review.framework.domains {
        if review.in_scope(&d.id.value) {
            entries.push(
                json!({"t": format!("Domain {}: {}", d.id.value, d.title), "k": "Domain",
                "u": urls::domain(&d.id.value), "x": d.summary_body.shown_text(public)}),
            );
        }
    }
    for p in &review.pages {
        entries.push(
            json!({"t": p.meta.title, "k": "Page", "u": urls::page(&p.slug), "x": p.body.shown_text(public)}),
        );
    }
    for f in &review.focus_areas {
        entries.push(json!({"t": f.meta.title, "k": "Focus area", "u": urls::focus(&f.slug), "x": f.body.shown_text(public)}));
    }
    // The public edition's search finds no case.
    let cases = review
        .cases
        .iter()
        .filter(|_| review.edition != crate::model::Edition::Public);
    for c in cases {
        entries.push(json!({"t": format!("Case {}", c.id.value), "k": "Case", "u": urls::case(review, &c.id.value),
            "x": format!("{} {}", c.disposal, c.notes_body.text)}));
    }
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into());
    // `</script>` inside a string must not end an inline script early, and
    // U+2028/U+2029 end a line in older JavaScript parsers.
    let json = json
        .replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("window.EVIDENT_SEARCH = {json};\n")
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Referral order"), "Referral order");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@cmd"), "'@cmd");
    }
}
