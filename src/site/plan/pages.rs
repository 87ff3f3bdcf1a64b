//! One builder per page kind: each places its bodies on the page, picks
//! its findings from the index and fills its typed view.

use super::parts::{Shown, css_string};
use super::{PagePlan, Planner};
use crate::analyse::Cell;
use crate::model::{
    AssessedBy, CaseAudit, Domain, Finding, FocusArea, Page, Position, Standard, TocEntry,
    chapter_anchor, domain_anchor, finding_anchor, focus_anchor, kind_anchor, other_kind_anchor,
    section,
};
use crate::site::html::{Placement, ReportIds};
use crate::site::urls;
use crate::site::views::percent_text;
use crate::site::views::{
    AttachmentView, CaseAnswer, CasePage, CaseView, CasesPage, ChapterLink, ChapterPage, Choice,
    CountView, DataFileView, DomainCard, DomainLinks, DomainPage, DomainRef, DomainView,
    FieldworkView, Filters, FindingAnchor, FindingLink, FindingsPage, FocusCase, FocusGroup,
    FocusPage, FocusView, FrameworkView, HomePage, LinkView, NotFoundPage, OverallView,
    PageContext, PageOwn, ReportChapter, ReportFacts, ReportFocus, ReportPage, SampleView,
    StandardLink, StandardPage, SummaryView, TeamMemberView, TitledLink,
};
use std::collections::HashMap;

/// A contents-list entry at level 2.
fn toc2(id: String, title: String) -> TocEntry {
    TocEntry {
        level: 2,
        id,
        title,
        lang: None,
    }
}

impl<'a> Planner<'a> {
    pub(super) fn home(&'a self) -> PagePlan<'a> {
        let place = Placement::page(self.review, &self.links, "index.html");
        let chrome = self.chrome(
            "index.html",
            self.review.report.title.value.to_string(),
            "home",
            Vec::new(),
            Vec::new(),
        );
        PagePlan {
            path: "index.html".into(),
            template: "index.html",
            context: PageContext {
                chrome,
                own: PageOwn::Home(Box::new(self.home_view(&place, true))),
            },
        }
    }

    /// The home page's variables, with its bodies placed by `place`. Without
    /// `with_bodies` the summary's body and the other findings are left
    /// empty: the report places them itself, in its own order.
    fn home_view(&'a self, place: &Placement<'_>, with_bodies: bool) -> HomePage<'a> {
        let review = self.review;
        let r = &review.report;
        let mut seen = Shown::new();
        let domains = self
            .domains_in_scope()
            .map(|d| {
                let in_domain = self.findings(self.index.in_domain(&d.id.value));
                DomainCard {
                    id: &d.id.value,
                    title: &d.title,
                    url: urls::domain(&d.id.value),
                    summary_html: place.body(&d.summary_body).html,
                    counts: self.kind_counts(&in_domain),
                    // Under the same disclosure rule as the sample's tables.
                    cases: self
                        .analysis
                        .sample
                        .of_domain(&d.id.value)
                        .map(|cell| CountView {
                            plural: match cell {
                                Cell::Count(n) => Some(self.plurals.category(n)),
                                Cell::Suppressed => None,
                            },
                            ..CountView::new(&d.title, cell)
                        }),
                    standards: d
                        .standards
                        .iter()
                        .map(|s| StandardLink {
                            id: &s.id.value,
                            title: &s.title,
                            url: urls::standard(&d.id.value, &s.id.value),
                            current: None,
                        })
                        .collect(),
                }
            })
            .collect();
        let out_of_scope = review
            .framework
            .domains
            .iter()
            .filter(|d| !review.in_scope(&d.id.value))
            .map(|d| DomainRef {
                id: &d.id.value,
                title: &d.title,
            })
            .collect();
        let other = self.findings(self.index.unplaced());
        HomePage {
            report: ReportFacts {
                title: r.title.value.text(),
                subtitle: r.subtitle.as_ref().map(|t| t.value.text()),
                organisation: r.organisation.value.text(),
                commissioned_by: r.commissioned_by.as_deref(),
                review_type: r
                    .review_type
                    .clone()
                    .unwrap_or_else(|| self.locale.text("review")),
                fieldwork: r.fieldwork.as_ref().map(|f| FieldworkView {
                    start: self.locale.date(&f.start.value),
                    end: self.locale.date(&f.end.value),
                    start_iso: f.start.value.iso(),
                    end_iso: f.end.value.iso(),
                }),
                published: r.published.as_ref().map(|d| self.locale.date(d)),
                published_iso: r.published.as_ref().map(|d| d.iso()),
                team: r
                    .review_team
                    .iter()
                    .map(|m| TeamMemberView {
                        name: m.name.as_deref(),
                        role: m.role.as_ref().map(|t| t.value.text()),
                        organisation: m.organisation.as_ref().map(|t| t.value.text()),
                    })
                    .collect(),
                status: r.status.as_str(),
                classification: r.classification.as_deref(),
            },
            framework: FrameworkView::new(&review.framework, &self.locale),
            overall: OverallView::new(review, self.analysis, &self.plurals, &self.locale),
            summary: SummaryView {
                title: review
                    .summary
                    .as_ref()
                    .and_then(|s| s.meta.title.clone())
                    .unwrap_or_else(|| self.locale.text("summary")),
                html: review
                    .summary
                    .as_ref()
                    .filter(|_| with_bodies)
                    .map(|s| self.place(place, s.file, &s.body, "").html),
                untranslated: review
                    .summary
                    .as_ref()
                    .and_then(|s| self.untranslated(s.file)),
                title_lang: review
                    .summary
                    .as_ref()
                    .filter(|s| s.meta.title.is_some())
                    .and_then(|s| self.untranslated(s.file)),
            },
            domains,
            out_of_scope,
            other_findings: if with_bodies {
                self.by_kind(&other, place, &mut seen, Some(other_kind_anchor))
            } else {
                Vec::new()
            },
            sample_size: self.analysis.sample.total,
            min_count: self.analysis.sample.min_count,
            pages: review
                .pages
                .iter()
                .map(|p| ChapterLink {
                    title: &p.meta.title,
                    url: urls::page(&p.slug),
                    position: if p.meta.position == Position::Before {
                        "before"
                    } else {
                        "after"
                    },
                    untranslated: self.untranslated(p.file),
                })
                .collect(),
            focus_areas: review
                .focus_areas
                .iter()
                .map(|f| TitledLink {
                    title: &f.meta.title,
                    url: urls::focus(&f.slug),
                    untranslated: self.untranslated(f.file),
                })
                .collect(),
            changes_url: self.changes.map(|_| "changes.html"),
            actions_url: (!self.index.actions().is_empty()).then_some("actions.html"),
        }
    }

    pub(super) fn chapter(&'a self, p: &'a Page) -> PagePlan<'a> {
        let path = urls::page(&p.slug);
        let place = Placement::page(self.review, &self.links, &path);
        let placed = self.place(&place, p.file, &p.body, "");
        let untranslated = self.untranslated(p.file);
        let chrome = self.chrome(
            &path,
            p.meta.title.clone(),
            "page",
            vec![LinkView::new(p.meta.title.clone(), path.clone()).in_lang(untranslated)],
            placed.toc(&p.body, untranslated),
        );
        PagePlan {
            path,
            template: "page.html",
            context: PageContext {
                chrome,
                own: PageOwn::Chapter(ChapterPage {
                    html: placed.html,
                    untranslated,
                }),
            },
        }
    }

    pub(super) fn domain(&'a self, d: &'a Domain) -> PagePlan<'a> {
        let path = urls::domain(&d.id.value);
        let place = Placement::page(self.review, &self.links, &path);
        let title = self
            .locale
            .with("domain_title", &[("id", &d.id.value), ("title", &d.title)]);
        let mut seen = Shown::new();
        let own = self.findings(self.index.naming(&d.id.value));
        let (narrative_html, narrative_toc) = self.narrative(&d.id.value, &place);
        let summary_html = place.body(&d.summary_body).html;
        let groups = self.by_kind(&own, &place, &mut seen, None);
        let standards: Vec<_> = d
            .standards
            .iter()
            .map(|s| self.standard_view(d, s, &place, &mut seen, false))
            .collect();
        let mut toc = narrative_toc;
        toc.extend(
            standards
                .iter()
                .map(|s| toc2(s.anchor.clone(), format!("{} {}", s.id, s.title))),
        );
        let chrome = self.chrome(
            &path,
            title.clone(),
            "domain",
            vec![LinkView::new(title, path.clone())],
            toc,
        );
        PagePlan {
            path,
            template: "domain.html",
            context: PageContext {
                chrome,
                own: PageOwn::Domain(DomainPage {
                    domain: DomainView {
                        id: &d.id.value,
                        title: &d.title,
                        anchor: None,
                        summary_html,
                        narrative_html,
                        narrative_title: self.narrative_title(&d.id.value),
                        narrative_untranslated: self.narrative_untranslated(&d.id.value),
                        groups,
                        standards,
                        show_ratings: Some(self.review.report.show_ratings),
                    },
                }),
            },
        }
    }

    pub(super) fn standard(&'a self, d: &'a Domain, s: &'a Standard) -> PagePlan<'a> {
        let path = urls::standard(&d.id.value, &s.id.value);
        let place = Placement::page(self.review, &self.links, &path);
        let title = format!("{} {}", s.id.value, s.title);
        let domain_title = self
            .locale
            .with("domain_title", &[("id", &d.id.value), ("title", &d.title)]);
        let mut seen = Shown::new();
        let view = self.standard_view(d, s, &place, &mut seen, true);
        let mut toc = view.narrative_toc.clone();
        for g in &view.groups {
            if let Some(anchor) = &g.anchor {
                toc.push(toc2(anchor.clone(), g.label.to_string()));
            }
        }
        if s.assessed_by == AssessedBy::Cases {
            toc.push(toc2(
                section::QUESTIONS.into(),
                self.locale.text("key_questions"),
            ));
        }
        let chrome = self.chrome(
            &path,
            title.clone(),
            "standard",
            vec![
                LinkView::new(domain_title, urls::domain(&d.id.value)),
                LinkView::new(title, path.clone()),
            ],
            toc,
        );
        let domain = DomainLinks {
            id: &d.id.value,
            title: &d.title,
            url: urls::domain(&d.id.value),
            standards: d
                .standards
                .iter()
                .map(|x| StandardLink {
                    id: &x.id.value,
                    title: &x.title,
                    url: urls::standard(&d.id.value, &x.id.value),
                    current: Some(x.id.value == s.id.value),
                })
                .collect(),
        };
        PagePlan {
            path,
            template: "standard.html",
            context: PageContext {
                chrome,
                own: PageOwn::Standard(Box::new(StandardPage {
                    standard: view,
                    domain,
                    show_ratings: self.review.report.show_ratings,
                })),
            },
        }
    }

    pub(super) fn focus(&'a self, f: &'a FocusArea) -> PagePlan<'a> {
        let review = self.review;
        let path = urls::focus(&f.slug);
        let place = Placement::page(review, &self.links, &path);
        // The focus area's own text first: its headings keep their ids.
        let own = self.place(&place, f.file, &f.body, "");
        let mut seen = Shown::new();
        let tagged = self.findings(self.index.in_focus(&f.name));
        // Grouped by what each finding names: a domain's own findings under
        // the domain, then each of its standards; a finding naming several
        // is shown in full once and linked from its other groups.
        let mut groups = Vec::new();
        let mut group = |title: String, url: String, id: &str, seen: &mut Shown<'a>| {
            let items: Vec<_> = tagged
                .iter()
                .filter(|x| x.meta.criteria.iter().any(|c| c.value == id))
                .map(|x| self.finding(x, &place, seen))
                .collect();
            if !items.is_empty() {
                groups.push(FocusGroup {
                    title,
                    url: Some(url),
                    findings: items,
                });
            }
        };
        for d in self.domains_in_scope() {
            group(
                self.locale
                    .with("domain_title", &[("id", &d.id.value), ("title", &d.title)]),
                urls::domain(&d.id.value),
                &d.id.value,
                &mut seen,
            );
            for s in &d.standards {
                group(
                    format!("{} {}", s.id.value, s.title),
                    urls::standard(&d.id.value, &s.id.value),
                    &s.id.value,
                    &mut seen,
                );
            }
        }
        let other: Vec<_> = tagged
            .iter()
            .filter(|x| x.meta.criteria.is_empty())
            .map(|x| self.finding(x, &place, &mut seen))
            .collect();
        if !other.is_empty() {
            groups.push(FocusGroup {
                title: self.locale.text("other_findings"),
                url: None,
                findings: other,
            });
        }
        let cases = if self.public() {
            Vec::new()
        } else {
            review
                .cases
                .iter()
                .filter(|c| c.focus.iter().any(|s| s.value == f.name))
                .map(|c| FocusCase {
                    id: &c.id.value,
                    url: urls::case(review, &c.id.value),
                    disposal: &c.disposal,
                    domain: &c.domain.value,
                })
                .collect()
        };
        let mut toc = own.toc(&f.body, self.untranslated(f.file));
        toc.push(toc2(section::FINDINGS.into(), self.locale.text("findings")));
        toc.push(toc2(section::CASES.into(), self.locale.text("cases")));
        let chrome = self.chrome(
            &path,
            f.meta.title.clone(),
            "focus",
            vec![
                LinkView::new(f.meta.title.clone(), path.clone())
                    .in_lang(self.untranslated(f.file)),
            ],
            toc,
        );
        PagePlan {
            path,
            template: "focus.html",
            context: PageContext {
                chrome,
                own: PageOwn::Focus(FocusPage {
                    focus: FocusView {
                        slug: &f.slug,
                        title: &f.meta.title,
                        html: own.html,
                        untranslated: self.untranslated(f.file),
                        groups,
                        cases,
                        finding_count: tagged.len(),
                    },
                }),
            },
        }
    }

    pub(super) fn cases(&'a self) -> PagePlan<'a> {
        let path = "cases/index.html".to_string();
        let place = Placement::page(self.review, &self.links, &path);
        let intro = self.review.cases_intro.as_ref();
        // The introduction first: its headings keep their ids.
        let placed = intro.map(|s| self.place(&place, s.file, &s.body, ""));
        let intro_title = intro.and_then(|s| s.meta.title.as_deref());
        let matrices = self.matrices(&place);
        // The introduction's own title and headings come first, as on the page.
        let mut toc = Vec::new();
        if let (Some(s), Some(placed)) = (intro, &placed) {
            let lang = self.untranslated(s.file);
            if let Some(title) = intro_title {
                toc.push(TocEntry {
                    lang: lang.map(str::to_string),
                    ..toc2(section::INTRO.into(), title.to_string())
                });
            }
            toc.extend(placed.toc(&s.body, lang));
        }
        toc.push(toc2(section::SAMPLE.into(), self.locale.text("the_sample")));
        toc.extend(matrices.iter().map(|m| {
            toc2(
                m.anchor.clone(),
                self.locale
                    .with("domain_title", &[("id", m.id), ("title", m.title)]),
            )
        }));
        toc.push(toc2(section::DATA.into(), self.locale.text("the_data")));
        let chrome = self.chrome(
            &path,
            self.locale.text("case_sample"),
            "cases",
            vec![LinkView::new(self.locale.text("case_sample"), path.clone())],
            toc,
        );
        PagePlan {
            path,
            template: "cases.html",
            context: PageContext {
                chrome,
                own: PageOwn::Cases(CasesPage {
                    sample: SampleView::new(
                        &self.analysis.sample,
                        &self.review.framework,
                        &self.plurals,
                        |m| self.audit_label(m),
                    ),
                    matrices,
                    intro_html: placed.map(|p| p.html),
                    intro_title,
                    intro_untranslated: intro.and_then(|s| self.untranslated(s.file)),
                    case_pages: self.review.report.case_pages,
                    data_files: self.data_files(),
                }),
            },
        }
    }

    pub(super) fn case(&'a self, c: &'a CaseAudit) -> PagePlan<'a> {
        let review = self.review;
        let path = format!("cases/{}.html", urls::path_id(&c.id.value));
        let place = Placement::page(review, &self.links, &path);
        let title = self.locale.with("case_title", &[("id", &c.id.value)]);
        let chrome = self.chrome(
            &path,
            title.clone(),
            "case",
            vec![
                LinkView::new(self.locale.text("case_sample"), "cases/index.html".into()),
                LinkView::new(title, path.clone()),
            ],
            Vec::new(),
        );
        let answers = c
            .answers
            .iter()
            .map(|(q, a)| CaseAnswer {
                id: &q.value,
                text: review.framework.answerable_text(&q.value),
                answer: self.answer_label(&a.value.answer),
                note: a.value.note.as_deref(),
            })
            .collect();
        let findings = self
            .findings(self.index.drawing_on(&c.id.value))
            .into_iter()
            .map(|f| FindingLink {
                title: &f.meta.title,
                url: urls::finding(review, f),
                kind_tag: self.kind_tag(&f.meta.kind.value),
            })
            .collect();
        PagePlan {
            path,
            template: "case.html",
            context: PageContext {
                chrome,
                own: PageOwn::Case(CasePage {
                    case: CaseView {
                        id: &c.id.value,
                        domain: &c.domain.value,
                        disposal: &c.disposal,
                        audit: self.audit_label(c.audit),
                        started: c.started.as_ref().map(|s| self.locale.date(s)),
                        notes_html: place.body(&c.notes_body).html,
                        answers,
                        findings,
                    },
                }),
            },
        }
    }

    pub(super) fn findings_page(&'a self) -> PagePlan<'a> {
        let review = self.review;
        let path = "findings.html".to_string();
        let place = Placement::page(review, &self.links, &path);
        let mut seen = Shown::new();
        let all = self.findings(self.index.all());
        let chrome = self.chrome(
            &path,
            self.locale.text("all_findings"),
            "findings",
            vec![LinkView::new(
                self.locale.text("all_findings"),
                path.clone(),
            )],
            Vec::new(),
        );
        let filters = Filters {
            kinds: self.kinds(),
            standards: review
                .framework
                .standards()
                .filter(|(d, _)| review.in_scope(&d.id.value))
                .map(|(_, s)| Choice {
                    id: &s.id.value,
                    title: format!("{} {}", s.id.value, s.title),
                })
                .collect(),
            focus: review
                .focus_areas
                .iter()
                .map(|f| Choice {
                    id: &f.slug,
                    title: f.meta.title.clone(),
                })
                .collect(),
        };
        PagePlan {
            path,
            template: "findings.html",
            context: PageContext {
                chrome,
                own: PageOwn::Findings(FindingsPage {
                    groups: self.by_kind(&all, &place, &mut seen, Some(kind_anchor)),
                    filters,
                    total: review.findings.len(),
                    total_plural: self.plurals.category(review.findings.len()),
                }),
            },
        }
    }

    pub(super) fn report(&'a self) -> PagePlan<'a> {
        // The report is one page at the root: links go to the place in the
        // report that shows their target, and ids are made unique as the
        // parts are placed, in reading order.
        let review = self.review;
        let report_ids = ReportIds::new(review);
        let place = Placement::report(review, &self.links, &report_ids);
        // The home page's facts, their links sent to the report's own
        // sections; their ids are kept apart (the default theme shows none
        // of these bodies in the report).
        let facts = Placement::report(review, &self.links, &report_ids);
        let mut home = self.home_view(&facts, false);
        home.summary.html = review
            .summary
            .as_ref()
            .map(|s| self.place(&place, s.file, &s.body, "").html);
        let mut seen = Shown::new();
        // Chapters and focus areas bring their headings into one page: each
        // id gets its section's name in front (`page-approach--the-sample`).
        let chapter = |p: &'a Page| {
            let anchor = place.anchor(&chapter_anchor(&p.slug));
            ReportChapter {
                slug: &p.slug,
                title: &p.meta.title,
                html: self
                    .place(&place, p.file, &p.body, &format!("{anchor}--"))
                    .html,
                untranslated: self.untranslated(p.file),
                anchor,
            }
        };
        let before = review
            .pages
            .iter()
            .filter(|p| p.meta.position == Position::Before)
            .map(chapter)
            .collect();
        let report_domains = self
            .domains_in_scope()
            .map(|d| {
                let own = self.findings(self.index.naming(&d.id.value));
                let summary_html = place.body(&d.summary_body).html;
                let (narrative_html, _) = self.narrative(&d.id.value, &place);
                let groups = self.by_kind(&own, &place, &mut seen, None);
                let standards = d
                    .standards
                    .iter()
                    .map(|s| self.standard_view(d, s, &place, &mut seen, false))
                    .collect();
                DomainView {
                    id: &d.id.value,
                    title: &d.title,
                    anchor: Some(place.anchor(&domain_anchor(&d.id.value))),
                    summary_html,
                    narrative_html,
                    narrative_title: self.narrative_title(&d.id.value),
                    narrative_untranslated: self.narrative_untranslated(&d.id.value),
                    groups,
                    standards,
                    show_ratings: None,
                }
            })
            .collect();
        let other = self.findings(self.index.unplaced());
        home.other_findings = self.by_kind(&other, &place, &mut seen, None);
        let report_focus = review
            .focus_areas
            .iter()
            .map(|f| {
                let anchor = place.anchor(&focus_anchor(&f.slug));
                ReportFocus {
                    slug: &f.slug,
                    title: &f.meta.title,
                    html: self
                        .place(&place, f.file, &f.body, &format!("{anchor}--"))
                        .html,
                    untranslated: self.untranslated(f.file),
                    anchor,
                    findings: self
                        .findings(self.index.in_focus(&f.name))
                        .into_iter()
                        .map(|x| FindingAnchor {
                            title: &x.meta.title,
                            id: finding_anchor(&x.slug),
                        })
                        .collect(),
                }
            })
            .collect();
        // The case sample's introduction, before its tables, as on its page.
        let intro = review.cases_intro.as_ref();
        let intro_html = intro.map(|s| {
            self.place(&place, s.file, &s.body, &format!("{}--", section::CASES))
                .html
        });
        let matrices = self.matrices(&place);
        let after = review
            .pages
            .iter()
            .filter(|p| p.meta.position == Position::After)
            .map(chapter)
            .collect();
        let chrome = self.chrome(
            "index.html",
            review.report.title.value.to_string(),
            "report",
            Vec::new(),
            Vec::new(),
        );
        let mut chrome = crate::site::views::Chrome {
            page: crate::site::views::PageView {
                path: "report.html".into(),
                ..chrome.page
            },
            ..chrome
        };
        // Planned with the home page's chrome; its counterparts are the
        // other languages' reports.
        chrome.site.languages = self.language_links("report.html");
        PagePlan {
            path: "report.html".into(),
            template: "report.html",
            context: PageContext {
                chrome,
                own: PageOwn::Report(Box::new(ReportPage {
                    home,
                    report_css: self.report_css,
                    report_js: self.report_js,
                    page_counter_css: super::parts::page_counter_css(&self.locale.text("page_of")),
                    classification_css: css_string(
                        review.report.classification.as_deref().unwrap_or(""),
                    ),
                    version_css: css_string(&self.version().map(|v| v.line).unwrap_or_default()),
                    before,
                    after,
                    report_domains,
                    report_focus,
                    actions: (!self.index.actions().is_empty())
                        .then(|| self.action_plan(Some(&report_ids))),
                    sample: SampleView::new(
                        &self.analysis.sample,
                        &review.framework,
                        &self.plurals,
                        |m| self.audit_label(m),
                    ),
                    matrices,
                    intro_html,
                    intro_title: intro.and_then(|s| s.meta.title.as_deref()),
                    intro_untranslated: intro.and_then(|s| self.untranslated(s.file)),
                    show_ratings: review.report.show_ratings,
                    case_pages: false,
                    attachments: self.attachments(),
                })),
            },
        }
    }

    /// The data files this edition publishes (the public edition has no
    /// case-by-case table).
    fn data_files(&self) -> Vec<DataFileView> {
        let mut files = vec![DataFileView {
            url: "data/report.json",
            name: "report.json",
            what: self.locale.text("data_report_json"),
        }];
        if self.review.edition != crate::model::Edition::Public {
            files.push(DataFileView {
                url: "data/cases.csv",
                name: "cases.csv",
                what: self.locale.text("data_cases_csv"),
            });
        }
        if self.review.report.numbered_paragraphs {
            files.push(DataFileView {
                url: "data/response.csv",
                name: "response.csv",
                what: self.locale.text("data_response_csv"),
            });
        }
        files
    }

    /// The downloads the site offers, by name.
    fn attachments(&self) -> Vec<AttachmentView> {
        let mut all: Vec<AttachmentView> = self
            .review
            .resources_in_use()
            .iter()
            .filter_map(|path| self.links.resource(path))
            .filter(|r| !r.is_image())
            .map(|r| AttachmentView {
                name: r.name().to_string(),
                url: crate::site::urls::encode_path(&r.published),
            })
            .collect();
        all.sort_by_key(|a| a.name.to_lowercase());
        all
    }

    /// `404.html`. A web server shows it in place of any missing page, at
    /// that page's address (`/reports/2026/a/b/gone.html`): a link relative
    /// to the 404 page's own folder would lead nowhere from there. So its
    /// links start from the base path and it carries its styles and logo.
    pub(super) fn not_found(&'a self) -> PagePlan<'a> {
        let mut plan = self.simple("404.html", "404.html", &self.locale.text("page_not_found"));
        plan.context.chrome.root = urls::encode_path(self.base_path.as_str());
        plan.context.own = PageOwn::NotFound(NotFoundPage {
            inline_css: self.report_css,
        });
        plan
    }

    pub(super) fn simple(
        &'a self,
        path: &str,
        template: &'static str,
        title: &str,
    ) -> PagePlan<'a> {
        let kind = match template {
            "search.html" => "search",
            _ => "404",
        };
        let chrome = self.chrome(
            path,
            title.to_string(),
            kind,
            vec![LinkView::new(title.to_string(), path.to_string())],
            Vec::new(),
        );
        PagePlan {
            path: path.into(),
            template,
            context: PageContext {
                chrome,
                own: PageOwn::Nothing {},
            },
        }
    }

    /// `changes.html`: what changed since the build compared with.
    pub(super) fn changes(&'a self, changes: &'a crate::compare::Changes) -> PagePlan<'a> {
        use crate::compare::{Figure, Piece};
        use crate::site::views::{
            ChangedFinding, ChangesPage, EarlierBuild, FigureChange, MovedFinding, PieceView,
            PreviousActionView, RemovedFinding,
        };
        let review = self.review;
        let path = "changes.html".to_string();
        let title = self.locale.text("changes");
        let chrome = self.chrome(
            &path,
            title.clone(),
            "changes",
            vec![LinkView::new(title, path.clone())],
            Vec::new(),
        );
        let by_slug: HashMap<&str, &Finding> = review
            .findings
            .iter()
            .map(|f| (f.slug.as_str(), f))
            .collect();
        // A finding's kind and criteria in words: "Strength: 2.1, 3.1".
        let placed = |kind: &str, criteria: &[String]| -> String {
            let kind = self.kind_tag_of(kind);
            if criteria.is_empty() {
                kind.to_string()
            } else {
                format!("{kind}: {}", criteria.join(", "))
            }
        };
        let rating = |r: &Option<crate::compare::SnapshotRating>| -> String {
            r.as_ref().map_or_else(
                || "–".to_string(),
                |r| review.rating_label(&r.label).to_string(),
            )
        };
        let figures = changes
            .figures
            .iter()
            .map(|f| match f {
                Figure::Question { id, before, now } => {
                    let (what, url) = match review
                        .framework
                        .standards()
                        .find(|(_, s)| s.questions.iter().any(|q| q.id.value == *id))
                    {
                        Some((d, s)) => (
                            format!(
                                "{id} {}",
                                review.framework.answerable_text(id).unwrap_or_default()
                            ),
                            Some(urls::standard(&d.id.value, &s.id.value)),
                        ),
                        None => (id.clone(), None),
                    };
                    FigureChange {
                        what,
                        url,
                        before: percent_text(*before),
                        now: percent_text(*now),
                    }
                }
                Figure::Rating {
                    standard,
                    before,
                    now,
                } => {
                    let found = review.framework.standard(standard);
                    let name = found.map_or(standard.clone(), |(_, s)| {
                        format!("{} {}", s.id.value, s.title)
                    });
                    FigureChange {
                        what: self
                            .locale
                            .with("indicative_rating_of", &[("standard", &name)]),
                        url: found.map(|(d, s)| urls::standard(&d.id.value, &s.id.value)),
                        before: rating(before),
                        now: rating(now),
                    }
                }
                Figure::Overall { before, now } => {
                    let overall = |o: &Option<crate::compare::SnapshotOverall>| {
                        o.as_ref().map_or_else(
                            || "–".to_string(),
                            |o| {
                                format!("{} ({}/{})", review.rating_label(&o.label), o.score, o.max)
                            },
                        )
                    };
                    FigureChange {
                        what: self.locale.text("indicative_overall_rating"),
                        url: Some("index.html".to_string()),
                        before: overall(before),
                        now: overall(now),
                    }
                }
            })
            .collect();
        let page = ChangesPage {
            before: EarlierBuild {
                title: &changes.before.title,
                version: changes.before.version.as_deref(),
                date: changes
                    .before
                    .version_date
                    .as_deref()
                    .and_then(crate::model::Date::parse)
                    .map(|d| self.locale.date(&d)),
            },
            nothing: changes.is_empty(),
            added: changes
                .added
                .iter()
                .filter_map(|slug| by_slug.get(slug.as_str()))
                .map(|f| FindingLink {
                    title: &f.meta.title,
                    url: urls::finding(review, f),
                    kind_tag: self.kind_tag(&f.meta.kind.value),
                })
                .collect(),
            removed: changes
                .removed
                .iter()
                .map(|f| RemovedFinding {
                    title: &f.title,
                    kind_tag: self.kind_tag_of(&f.kind),
                })
                .collect(),
            moved: changes
                .moved
                .iter()
                .filter_map(|m| by_slug.get(m.slug.as_str()).map(|f| (m, f)))
                .map(|(m, f)| MovedFinding {
                    title: &f.meta.title,
                    url: urls::finding(review, f),
                    before: placed(&m.kind_before, &m.criteria_before),
                    now: placed(
                        &f.meta.kind.value,
                        &f.meta
                            .criteria
                            .iter()
                            .map(|c| c.value.clone())
                            .collect::<Vec<_>>(),
                    ),
                })
                .collect(),
            changed: changes
                .changed
                .iter()
                .filter_map(|c| by_slug.get(c.slug.as_str()).map(|f| (c, f)))
                .map(|(c, f)| ChangedFinding {
                    title: &f.meta.title,
                    url: urls::finding(review, f),
                    pieces: c
                        .pieces
                        .iter()
                        .enumerate()
                        .map(|(i, p)| match p {
                            Piece::Same(t) => PieceView {
                                kind: "same",
                                text: context(t, i == 0, i + 1 == c.pieces.len()),
                            },
                            Piece::Added(t) => PieceView {
                                kind: "added",
                                text: t.clone(),
                            },
                            Piece::Removed(t) => PieceView {
                                kind: "removed",
                                text: t.clone(),
                            },
                        })
                        .collect(),
                })
                .collect(),
            texts_known: changes.texts_known,
            figures,
            previous_actions: changes
                .previous_actions
                .iter()
                .map(|p| PreviousActionView {
                    title: &p.action.title,
                    owner: p.action.owner.as_deref(),
                    standards: &p.action.standards,
                    status: &p.action.status,
                    status_label: crate::model::ActionStatus::parse(&p.action.status).map_or_else(
                        || p.action.status.clone(),
                        |s| self.locale.text(super::actions::status_key(s)),
                    ),
                    related: p
                        .related
                        .iter()
                        .filter_map(|slug| by_slug.get(slug.as_str()))
                        .map(|f| FindingLink {
                            title: &f.meta.title,
                            url: urls::finding(review, f),
                            kind_tag: self.kind_tag(&f.meta.kind.value),
                        })
                        .collect(),
                })
                .collect(),
        };
        PagePlan {
            path,
            template: "changes.html",
            context: PageContext {
                chrome,
                own: PageOwn::Changes(Box::new(page)),
            },
        }
    }
}

/// A run of unchanged words shown around a change: a long one keeps eight
/// words on the side of each change it touches, with "…" for the rest.
fn context(words: &str, first: bool, last: bool) -> String {
    const KEEP: usize = 8;
    let all: Vec<&str> = words.split(' ').collect();
    let sides = usize::from(!first) + usize::from(!last);
    if all.len() <= KEEP * sides.max(1) + 4 {
        return words.to_string();
    }
    let head = if first { &[][..] } else { &all[..KEEP] };
    let tail = if last {
        &[][..]
    } else {
        &all[all.len() - KEEP..]
    };
    let mut out = head.join(" ");
    if !out.is_empty() {
        out.push(' ');
    }
    out.push('…');
    if !tail.is_empty() {
        out.push(' ');
        out.push_str(&tail.join(" "));
    }
    out
}
