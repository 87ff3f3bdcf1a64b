//! Paragraph numbers (`numbered_paragraphs: true` in `report.yaml`), part
//! of the plan stage: made once per language site from the review in
//! reading order, read by every page that places a numbered body, by the
//! response sheet and by the search index.
//!
//! A number is the part of the report a paragraph first appears in, a
//! hyphen, and its place in that part: `2.1-4` is the fourth numbered
//! element of standard 2.1 (its narrative's, then its findings' in the
//! order the page shows them); `D2-1` the first of domain 2's own
//! narrative and findings; `S-2` the summary's second; `P1-3` the third
//! of the first chapter in reading order; `F2-1` the first of the second
//! focus area; `O-1` the first of the findings that name no criterion;
//! `CS-1` the first of the case sample's introduction. The hyphen keeps
//! the numbers apart from key questions' ids (`2.1.4`), and the letter
//! before a domain's keeps a spreadsheet from reading `2-1` as a date.
//!
//! A part's numbers depend only on what that part shows, so a finding
//! added under one standard renumbers nothing under any other; within a
//! part, the paragraphs after it move on. Chapters and focus areas are
//! counted in reading order, so adding one renumbers those after it. A
//! finding shown in several parts is numbered where it first appears and
//! keeps those numbers wherever it is shown.

use crate::content::FileId;
use crate::model::{Body, Finding, Position, Review, ReviewIndex};
use crate::site::urls;
use std::collections::HashMap;

/// One numbered element, in reading order.
#[derive(Debug, Clone)]
pub struct NumberedParagraph {
    /// Its number (`2.1-4`).
    pub number: String,
    /// The file whose body holds it.
    pub file: FileId,
    /// Its place among the body's numbered elements.
    pub index: usize,
    /// The page it first appears on, root-relative.
    pub page: String,
}

/// Every numbered element of a review's site.
#[derive(Debug, Default)]
pub struct ParagraphNumbers {
    /// Each numbered body's numbers, in the body's order, by file.
    by_file: HashMap<FileId, Vec<String>>,
    /// Every numbered element, in reading order.
    pub all: Vec<NumberedParagraph>,
}

impl ParagraphNumbers {
    /// The numbers of `review`'s paragraphs (none when the report does
    /// not number them).
    pub fn new(review: &Review, index: &ReviewIndex) -> ParagraphNumbers {
        let mut numbers = ParagraphNumbers::default();
        if !review.report.numbered_paragraphs {
            return numbers;
        }
        let part = |numbers: &mut ParagraphNumbers,
                    label: &str,
                    page: &str,
                    bodies: &[(FileId, &Body)]| {
            let mut n = 0;
            for (file, body) in bodies {
                // A body already numbered (a finding shown again) keeps
                // the numbers of its first place.
                if numbers.by_file.contains_key(file) {
                    continue;
                }
                let mut own = Vec::with_capacity(body.paragraphs.len());
                for index in 0..body.paragraphs.len() {
                    n += 1;
                    let number = format!("{label}-{n}");
                    numbers.all.push(NumberedParagraph {
                        number: number.clone(),
                        file: *file,
                        index,
                        page: page.to_string(),
                    });
                    own.push(number);
                }
                numbers.by_file.insert(*file, own);
            }
        };
        // Findings as pages show them: grouped by kind, in the report's
        // kind order, each group in display order.
        let by_kind = |at: &[usize]| -> Vec<(FileId, &Body)> {
            let found: Vec<&Finding> = at.iter().map(|&i| &review.findings[i]).collect();
            review
                .kinds()
                .iter()
                .flat_map(|k| {
                    found
                        .iter()
                        .filter(move |f| f.meta.kind.value == k.id.value)
                        .map(|f| (f.file, &f.body))
                })
                .collect()
        };
        let narrative = |id: &str| -> Vec<(FileId, &Body)> {
            review
                .narratives
                .iter()
                .filter(|n| n.id == id)
                .map(|n| (n.file, &n.body))
                .collect()
        };
        if let Some(s) = &review.summary {
            part(&mut numbers, "S", "index.html", &[(s.file, &s.body)]);
        }
        let chapters: Vec<_> = review
            .pages
            .iter()
            .filter(|p| p.meta.position == Position::Before)
            .chain(
                review
                    .pages
                    .iter()
                    .filter(|p| p.meta.position == Position::After),
            )
            .collect();
        let chapter_number = |slug: &str| {
            chapters
                .iter()
                .position(|p| p.slug == slug)
                .map_or(0, |i| i + 1)
        };
        for p in chapters
            .iter()
            .filter(|p| p.meta.position == Position::Before)
        {
            let label = format!("P{}", chapter_number(&p.slug));
            part(
                &mut numbers,
                &label,
                &urls::page(&p.slug),
                &[(p.file, &p.body)],
            );
        }
        for d in review.domains_in_scope() {
            let mut bodies = narrative(&d.id.value);
            bodies.extend(by_kind(index.naming(&d.id.value)));
            let label = format!("D{}", d.id.value);
            part(&mut numbers, &label, &urls::domain(&d.id.value), &bodies);
            for s in &d.standards {
                let mut bodies = narrative(&s.id.value);
                bodies.extend(by_kind(index.naming(&s.id.value)));
                let page = urls::standard(&d.id.value, &s.id.value);
                part(&mut numbers, &s.id.value, &page, &bodies);
            }
        }
        part(&mut numbers, "O", "index.html", &by_kind(index.unplaced()));
        for (i, f) in review.focus_areas.iter().enumerate() {
            let label = format!("F{}", i + 1);
            part(
                &mut numbers,
                &label,
                &urls::focus(&f.slug),
                &[(f.file, &f.body)],
            );
        }
        if let Some(intro) = &review.cases_intro {
            part(
                &mut numbers,
                "CS",
                "cases/index.html",
                &[(intro.file, &intro.body)],
            );
        }
        for p in chapters
            .iter()
            .filter(|p| p.meta.position == Position::After)
        {
            let label = format!("P{}", chapter_number(&p.slug));
            part(
                &mut numbers,
                &label,
                &urls::page(&p.slug),
                &[(p.file, &p.body)],
            );
        }
        numbers
    }

    /// Each numbered paragraph with its text, read from `review` (the
    /// review the numbers were made from), in reading order.
    pub fn with_texts<'s, 'r>(
        &'s self,
        review: &'r Review,
    ) -> Vec<(&'s NumberedParagraph, &'r str)> {
        if self.all.is_empty() {
            return Vec::new();
        }
        let bodies: HashMap<FileId, &Body> = review.bodies().into_iter().collect();
        self.all
            .iter()
            .map(|p| {
                let text = bodies
                    .get(&p.file)
                    .and_then(|b| b.paragraphs.get(p.index))
                    .map_or("", String::as_str);
                (p, text)
            })
            .collect()
    }

    /// The numbers of the body of `file`, when the report numbers its
    /// paragraphs.
    pub fn of(&self, file: FileId) -> Option<&[String]> {
        self.by_file.get(&file).map(Vec::as_slice)
    }
}
