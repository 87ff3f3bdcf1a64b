//! The shapes several pages show, planned for one page: a finding, the
//! findings of a criterion grouped by kind, a standard with its key
//! questions, and a domain's case matrix.

use super::Planner;
use crate::analyse::one_decimal;
use crate::model::{
    AssessedBy, Counts, Domain, Finding, FocusArea, KeyQuestion, Review, Standard, TocEntry,
    answer_note_anchor, case_notes_anchor, finding_anchor, kind_anchor, matrix_anchor,
    matrix_notes_anchor,
};
use crate::site::html::Placement;
use crate::site::locale::Locale;
use crate::site::plural::in_sentence;
use crate::site::urls;
use crate::site::views::{
    AnswerCell, AnswerNote, CaseLink, CaseNotes, CriterionLink, FindingView, FocusLink, KindCount,
    KindGroup, MatrixRow, MatrixTotal, MatrixView, PromptView, QuestionRef, QuestionView,
    RatingView, StandardView, percent_text,
};
use std::collections::HashMap;

/// The findings a page shows in full, with the id each carries there.
pub(super) type Shown<'a> = HashMap<&'a str, String>;

/// What a finding's view holds whatever page shows it: the URLs (root
/// relative) and titles of its home, criteria, focus areas and cases.
/// Made once per build for every finding ([`FindingFacts::of`]), since
/// each finding is shown on about eight pages.
pub(super) struct FindingFacts<'a> {
    /// Its home: the page of its first criterion, with its anchor.
    url: String,
    /// Each criterion: id, title ("2.1 Assessment"), page.
    criteria: Vec<(&'a str, String, String)>,
    /// Each focus area it is tagged with, and its page.
    focus: Vec<(&'a FocusArea, String)>,
    /// Each case it draws on, and where the case is shown.
    cases: Vec<(&'a str, String)>,
}

impl<'a> FindingFacts<'a> {
    /// The facts of every finding of `review`, by slug.
    pub(super) fn of(
        review: &'a Review,
        locale: &Locale<'_>,
    ) -> HashMap<&'a str, FindingFacts<'a>> {
        let title = |id: &str| -> String {
            if let Some((_, s)) = review.framework.standard(id) {
                return format!("{} {}", s.id.value, s.title);
            }
            review.framework.domain(id).map_or_else(
                || id.to_string(),
                |d| locale.with("domain_title", &[("id", &d.id.value), ("title", &d.title)]),
            )
        };
        review
            .findings
            .iter()
            .map(|f| {
                let facts = FindingFacts {
                    url: urls::finding(review, f),
                    criteria: f
                        .meta
                        .criteria
                        .iter()
                        .map(|c| {
                            let url = urls::criterion(review, &c.value).unwrap_or_default();
                            (c.value.as_str(), title(&c.value), url)
                        })
                        .collect(),
                    focus: f
                        .meta
                        .focus
                        .iter()
                        .filter_map(|s| review.focus_areas.iter().find(|fa| fa.name == s.value))
                        .map(|fa| (fa, urls::focus(&fa.slug)))
                        .collect(),
                    cases: f
                        .meta
                        .cases
                        .iter()
                        .map(|c| (c.value.as_str(), urls::case(review, &c.value)))
                        .collect(),
                };
                (f.slug.as_str(), facts)
            })
            .collect()
    }
}

impl<'a> Planner<'a> {
    /// The findings at these positions of the review.
    pub(super) fn findings(&'a self, at: &[usize]) -> Vec<&'a Finding> {
        at.iter().map(|&i| &self.review.findings[i]).collect()
    }

    /// A finding as shown on a page; only the first time the page shows it
    /// (tracked in `seen`) does it carry its id and body, and later places
    /// link to that id. What does not depend on the page comes from the
    /// finding's facts, made once per build.
    pub(super) fn finding(
        &'a self,
        f: &'a Finding,
        place: &Placement<'_>,
        seen: &mut Shown<'a>,
    ) -> FindingView<'a> {
        let (first, anchor) = match seen.get(f.slug.as_str()) {
            Some(anchor) => (false, anchor.clone()),
            None => {
                let anchor = place.anchor(&finding_anchor(&f.slug));
                seen.insert(&f.slug, anchor.clone());
                (true, anchor)
            }
        };
        let facts = &self.facts[f.slug.as_str()];
        let criteria = facts
            .criteria
            .iter()
            .map(|(id, title, url)| CriterionLink {
                id,
                title,
                url: place.link(url),
            })
            .collect();
        let focus = facts
            .focus
            .iter()
            .map(|(fa, url)| FocusLink {
                slug: &fa.slug,
                title: &fa.meta.title,
                url: place.link(url),
            })
            .collect();
        // The public edition names no case.
        let cases = if self.public() {
            Vec::new()
        } else {
            facts
                .cases
                .iter()
                .map(|(id, url)| CaseLink {
                    id,
                    url: place.link(url),
                })
                .collect()
        };
        FindingView {
            slug: &f.slug,
            id: first.then(|| anchor.clone()),
            anchor,
            first,
            title: &f.meta.title,
            kind: &f.meta.kind.value,
            kind_tag: self.kind_tag(&f.meta.kind.value),
            html: if first {
                self.place(place, f.file, &f.body, "").html
            } else {
                String::new()
            },
            url: place.link(&facts.url),
            criteria,
            focus,
            cases,
            draft: f.meta.draft,
            untranslated: self.untranslated(f.file),
        }
    }

    /// Findings (in display order) grouped by kind, in the report's kind
    /// order; empty groups left out. With `anchor`, each group gets the id
    /// it makes from the kind.
    pub(super) fn by_kind(
        &'a self,
        findings: &[&'a Finding],
        place: &Placement<'_>,
        seen: &mut Shown<'a>,
        anchor: Option<fn(&str) -> String>,
    ) -> Vec<KindGroup<'a>> {
        self.review
            .kinds()
            .iter()
            .filter_map(|k| {
                let items: Vec<FindingView<'a>> = findings
                    .iter()
                    .filter(|f| f.meta.kind.value == k.id.value)
                    .map(|f| self.finding(f, place, seen))
                    .collect();
                (!items.is_empty()).then(|| KindGroup {
                    kind: &k.id.value,
                    anchor: anchor.map(|make| place.anchor(&make(&k.id.value))),
                    label: self.kind_label(&k.id.value),
                    findings: items,
                })
            })
            .collect()
    }

    /// How many of `findings` there are of each kind, zeros included.
    pub(super) fn kind_counts(&'a self, findings: &[&'a Finding]) -> Vec<KindCount<'a>> {
        self.review
            .kinds()
            .iter()
            .map(|k| {
                let count = findings
                    .iter()
                    .filter(|f| f.meta.kind.value == k.id.value)
                    .count();
                let plural = self.plurals.category(count);
                let noun = match self.kind_words.get(&k.id.value) {
                    Some(words) => self.locale.kind_after_count(words, count),
                    None => in_sentence(if plural == "one" {
                        k.tag()
                    } else {
                        k.label.text()
                    }),
                };
                KindCount {
                    kind: &k.id.value,
                    label: self.kind_label(&k.id.value),
                    singular: self.kind_tag(&k.id.value),
                    count,
                    plural,
                    text: format!("{count} {noun}"),
                    noun,
                }
            })
            .collect()
    }

    /// The narrative of a standard or domain placed on the page: its HTML,
    /// and its headings as the page's contents list needs them.
    pub(super) fn narrative(
        &'a self,
        id: &str,
        place: &Placement<'_>,
    ) -> (Option<String>, Vec<TocEntry>) {
        match self.review.narratives.iter().find(|n| n.id == id) {
            Some(n) => {
                let placed = self.place(place, n.file, &n.body, "");
                let toc = placed.toc(&n.body, self.untranslated(n.file));
                (Some(placed.html), toc)
            }
            None => (None, Vec::new()),
        }
    }

    /// The `title:` of a standard's or domain's narrative.
    pub(super) fn narrative_title(&'a self, id: &str) -> Option<&'a str> {
        self.review
            .narratives
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| n.meta.title.as_deref())
    }

    /// For a standard's or domain's narrative with no translation into this
    /// site's language, the language it is shown in.
    pub(super) fn narrative_untranslated(&'a self, id: &str) -> Option<&'a str> {
        self.review
            .narratives
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| self.untranslated(n.file))
    }

    fn questions(&'a self, s: &'a Standard) -> Vec<QuestionView<'a>> {
        let dims = &self.review.framework.dimensions;
        s.questions
            .iter()
            .map(|q| {
                let r = self
                    .analysis
                    .questions
                    .get(&q.id.value)
                    .cloned()
                    .unwrap_or_default();
                let dimension = q.dimension.as_ref().map(|d| {
                    dims.iter()
                        .find(|x| x.id.value == d.value)
                        .map_or(d.value.as_str(), |x| x.title.as_str())
                });
                QuestionView {
                    id: &q.id.value,
                    text: &q.text,
                    prompts: q
                        .prompts
                        .iter()
                        .map(|p| PromptView::new(p, self.analysis))
                        .collect(),
                    dimension,
                    met: r.met,
                    not_met: r.not_met,
                    excluded: r.excluded,
                    unanswered: r.unanswered,
                    applicable: r.applicable(),
                    percent: r.percent,
                    percent_text: percent_text(r.percent),
                    // n/N beside every percentage: met of applicable.
                    share: format!("{}/{}", r.met, r.applicable()),
                }
            })
            .collect()
    }

    /// A standard as shown on a page (its own page, its domain's page, the
    /// report). On its own page (`own`) its groups of findings get ids.
    pub(super) fn standard_view(
        &'a self,
        d: &'a Domain,
        s: &'a Standard,
        place: &Placement<'_>,
        seen: &mut Shown<'a>,
        own: bool,
    ) -> StandardView<'a> {
        let findings = self.findings(self.index.naming(&s.id.value));
        let result = self.analysis.standards.get(&s.id.value);
        let show_ratings = self.review.report.show_ratings;
        let lowest = result.and_then(|r| r.lowest);
        let (narrative_html, narrative_toc) = self.narrative(&s.id.value, place);
        StandardView {
            id: &s.id.value,
            anchor: place.anchor(&urls::standard_anchor(&s.id.value)),
            title: &s.title,
            url: place
                .link(&urls::standard(&d.id.value, &s.id.value))
                .into_owned(),
            statement_html: place.body(&s.statement_body).html,
            narrative_html,
            narrative_toc,
            narrative_title: self.narrative_title(&s.id.value),
            narrative_untranslated: self.narrative_untranslated(&s.id.value),
            assessed_by: s.assessed_by.as_str(),
            by_cases: s.assessed_by == AssessedBy::Cases,
            groups: self.by_kind(
                &findings,
                place,
                seen,
                own.then_some(kind_anchor as fn(&str) -> String),
            ),
            counts: self.kind_counts(&findings),
            finding_count: findings.len(),
            questions: self.questions(s),
            // The figure that decides a grade: only where ratings are shown.
            lowest: if show_ratings {
                lowest.map(one_decimal)
            } else {
                None
            },
            lowest_text: show_ratings.then(|| percent_text(lowest)),
            rating: result.and_then(|r| RatingView::of(r, self.review)),
            // The most cases any key question applied to, and whether that
            // is a small sample (below the report's `small_sample`).
            sample: result.map_or(0, |r| r.sample),
            small_sample: result.is_some_and(|r| r.small),
            small_sample_below: self.review.report.small_sample.value,
        }
    }

    /// Each domain's case matrix (none in the public edition).
    pub(super) fn matrices(&'a self, place: &Placement<'_>) -> Vec<MatrixView<'a>> {
        // Case by case: not in the public edition.
        if self.public() {
            return Vec::new();
        }
        self.domains_in_scope()
            .filter_map(|d| self.matrix(d, place))
            .collect()
    }

    fn matrix(&'a self, d: &'a Domain, place: &Placement<'_>) -> Option<MatrixView<'a>> {
        let review = self.review;
        let fw = &review.framework;
        let cases: Vec<_> = review
            .cases
            .iter()
            .filter(|c| c.domain.value == d.id.value)
            .collect();
        if cases.is_empty() {
            return None;
        }
        let questions: Vec<&'a KeyQuestion> = d
            .standards
            .iter()
            .filter(|s| s.assessed_by == AssessedBy::Cases)
            .flat_map(|s| s.questions.iter())
            .collect();
        // Each case's notes placed once, shown in its row and below.
        let notes: HashMap<&str, String> = cases
            .iter()
            .map(|c| (c.id.value.as_str(), place.body(&c.notes_body).html))
            .collect();
        let mut answer_notes: Vec<AnswerNote<'a>> = Vec::new();
        let rows = cases
            .iter()
            .map(|c| {
                let answers = questions
                    .iter()
                    .map(|q| {
                        match c.answer(&q.id.value) {
                            Some(a) => {
                                let mut anchor = answer_note_anchor(&c.id.value, &q.id.value);
                                let note_no = a.note.as_deref().map(|note| {
                                    // Only a note is given the id.
                                    anchor = place.anchor(&anchor);
                                    answer_notes.push(AnswerNote {
                                        no: answer_notes.len() + 1,
                                        case: &c.id.value,
                                        question: &q.id.value,
                                        note,
                                        anchor: anchor.clone(),
                                    });
                                    answer_notes.len()
                                });
                                let counts = fw.answer(&a.answer).map(|o| match o.counts {
                                    Counts::Met => "met",
                                    Counts::NotMet => "not-met",
                                    Counts::Excluded => "excluded",
                                });
                                AnswerCell {
                                    answer: Some(self.answer_label(&a.answer)),
                                    note: a.note.as_deref(),
                                    note_no,
                                    note_anchor: Some(anchor),
                                    counts,
                                }
                            }
                            None => AnswerCell {
                                answer: None,
                                note: None,
                                note_no: None,
                                note_anchor: None,
                                counts: Some("missing"),
                            },
                        }
                    })
                    .collect();
                MatrixRow {
                    id: &c.id.value,
                    anchor: place.anchor(&urls::case_anchor(&c.id.value)),
                    url: urls::case(review, &c.id.value),
                    disposal: &c.disposal,
                    audit: self.audit_label(c.audit),
                    started: c.started.as_ref().map(|s| self.locale.date(s)),
                    notes_html: notes.get(c.id.value.as_str()).cloned(),
                    answers,
                }
            })
            .collect();
        let totals = questions
            .iter()
            .map(|q| {
                let r = self
                    .analysis
                    .questions
                    .get(&q.id.value)
                    .cloned()
                    .unwrap_or_default();
                MatrixTotal {
                    id: &q.id.value,
                    met: r.met,
                    applicable: r.applicable(),
                    percent_text: percent_text(r.percent),
                }
            })
            .collect();
        Some(MatrixView {
            id: &d.id.value,
            anchor: place.anchor(&matrix_anchor(&d.id.value)),
            notes_anchor: place.anchor(&matrix_notes_anchor(&d.id.value)),
            case_notes_anchor: place.anchor(&case_notes_anchor(&d.id.value)),
            title: &d.title,
            questions: questions
                .iter()
                .map(|q| QuestionRef {
                    id: &q.id.value,
                    text: &q.text,
                })
                .collect(),
            case_notes: cases
                .iter()
                .filter(|c| !c.notes_body.html.is_empty())
                .map(|c| CaseNotes {
                    id: &c.id.value,
                    notes_html: notes.get(c.id.value.as_str()).cloned(),
                })
                .collect(),
            rows,
            totals,
            notes: answer_notes,
        })
    }
}

/// Text made safe inside a CSS string in a `<style>` element: quotes,
/// backslashes, line breaks and `<` become CSS escapes, so no value can close
/// the string or the element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                out.push_str(&format!("\\{:x} ", c as u32))
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The printed page number as a CSS `content` value, from a text with
/// `{page}` and `{pages}` places ("Page {page} of {pages}"): each piece of
/// text a CSS string, each place a counter. Empty pieces are left out.
pub(super) fn page_counter_css(text: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        let next = [("{page}", "counter(page)"), ("{pages}", "counter(pages)")]
            .into_iter()
            .filter_map(|(place, counter)| rest.find(place).map(|at| (at, place, counter)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, place, counter)) = next else {
            break;
        };
        if at > 0 {
            parts.push(format!("\"{}\"", css_string(&rest[..at])));
        }
        parts.push(counter.to_string());
        rest = &rest[at + place.len()..];
    }
    if !rest.is_empty() {
        parts.push(format!("\"{}\"", css_string(rest)));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::{css_string, page_counter_css};

    #[test]
    fn the_page_counter_is_made_from_the_languages_words() {
        assert_eq!(
            page_counter_css("Page {page} of {pages}"),
            "\"Page \" counter(page) \" of \" counter(pages)"
        );
        assert_eq!(
            page_counter_css("Tudalen {page} o {pages}"),
            "\"Tudalen \" counter(page) \" o \" counter(pages)"
        );
        assert_eq!(
            page_counter_css("{page}/{pages}"),
            "counter(page) \"/\" counter(pages)"
        );
        assert_eq!(page_counter_css("\"</style>"), "\"\\22 \\3c /style\\3e \"");
    }

    #[test]
    fn css_strings_cannot_close_the_string_or_the_style_element() {
        assert_eq!(css_string("OFFICIAL-SENSITIVE"), "OFFICIAL-SENSITIVE");
        assert_eq!(css_string("a\"b"), "a\\22 b");
        assert_eq!(css_string("</style>"), "\\3c /style\\3e ");
        assert_eq!(css_string("x\\y\nz"), "x\\5c y\\a z");
    }
}
