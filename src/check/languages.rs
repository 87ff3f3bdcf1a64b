//! Part of `check`: the report's languages. A report is in one language
//! (`language: cy`, default `en-GB`) or in several (`languages: [en-GB,
//! cy]`, the default first); each must be a language tag, given once, and
//! the two settings are not given together.

use crate::content::{FileId, Sources};
use crate::diagnostic::{Diagnostic, Pos, code_list};
use crate::model::{Report, Review, TextOf};
use icu_locale_core::LanguageIdentifier;
use std::collections::HashSet;

/// The diagnostics of `language` and `languages` in `report.yaml`.
pub(super) fn check(review: &Review, out: &mut Vec<Diagnostic>) {
    let report = &review.report;
    let file = review.report_file;
    if let (Some(one), Some(_)) = (&report.language, &report.languages) {
        out.push(
            super::at(
                Diagnostic::error(
                    "language",
                    "`language` and `languages` are both given; a report has one or the other",
                ),
                file,
                one,
            )
            .help("for a report in one language keep `language: cy`; for one published in several, list them all in `languages: [en-GB, cy]`, its default language first, and remove `language`"),
        );
    }
    if let Some(languages) = &report.languages
        && languages.is_empty()
    {
        out.push(
            Diagnostic::error("language", "`languages` lists no language")
                .at(file, None)
                .help("list the report's languages, its default first: `languages: [en-GB, cy]`"),
        );
    }
    // Texts given per language: in the report's languages, the default
    // among them.
    let languages = report.languages();
    for (key, text) in report.localized() {
        let tags: Vec<&str> = text.value.tags().collect();
        if tags.is_empty() {
            continue;
        }
        if report.languages.is_none() {
            out.push(
                super::at(
                    Diagnostic::error(
                        "language",
                        format!("`{key}` is given per language, but the report is in one language"),
                    ),
                    file,
                    text,
                )
                .help(format!(
                    "write `{key}` once, or list the report's languages in `languages: [en-GB, cy]`"
                )),
            );
            continue;
        }
        let (unlisted, no_default) = languages_of(&tags, report);
        for tag in unlisted {
            out.push(
                super::at(
                    Diagnostic::error(
                        "language",
                        format!("`{key}` is given in `{tag}`, which is not one of the report's languages ({})", code_list(&languages)),
                    ),
                    file,
                    text,
                )
                .help("give it in each language `languages` lists, and no other"),
            );
        }
        if no_default {
            out.push(
                super::at(
                    Diagnostic::error(
                        "language",
                        format!(
                            "`{key}` has no text in `{}`, the report's default language",
                            report.language()
                        ),
                    ),
                    file,
                    text,
                )
                .help(format!("add `{}: …` to it", report.language())),
            );
        }
    }
    // A finding kind's names, likewise (pointed at by its id).
    for k in &report.finding_kinds {
        for (what, text) in [("label", Some(&k.label)), ("singular", k.singular.as_ref())] {
            let Some(text) = text else { continue };
            let tags: Vec<&str> = text.tags().collect();
            let (unlisted, no_default) = languages_of(&tags, report);
            // In a report in one language, every tag is one it does not list.
            let wrong = if report.languages.is_none() {
                tags.first().copied()
            } else {
                unlisted.first().copied()
            };
            if let Some(tag) = wrong {
                out.push(
                    super::at(
                        Diagnostic::error(
                            "language",
                            format!("the {what} of finding kind `{}` is given in `{tag}`, which is not one of the report's languages ({})", k.id.value, code_list(&languages)),
                        ),
                        file,
                        &k.id,
                    )
                    .help("give it once, or in each language `languages` lists"),
                );
            } else if no_default {
                out.push(
                    super::at(
                        Diagnostic::error(
                            "language",
                            format!("the {what} of finding kind `{}` has no text in `{}`, the report's default language", k.id.value, report.language()),
                        ),
                        file,
                        &k.id,
                    )
                    .help(format!("add `{}: …` to it", report.language())),
                );
            }
        }
    }
    // Each tag once: `language` (alone, or beside `languages`, already an
    // error) is not counted with the list.
    let mut seen = HashSet::new();
    let given = report
        .language
        .iter()
        .map(|t| (t, false))
        .chain(report.languages.iter().flatten().map(|t| (t, true)));
    for (tag, listed) in given {
        if LanguageIdentifier::try_from_str(&tag.value).is_err() || tag.value.contains('_') {
            out.push(
                super::at(
                    Diagnostic::error(
                        "language",
                        format!("`{}` is not a language tag", tag.value),
                    ),
                    file,
                    tag,
                )
                .help("write a BCP 47 language tag: a language (`cy`, `en`) and, if it matters, a region (`en-GB`)"),
            );
        } else if listed && !seen.insert(tag.value.to_ascii_lowercase()) {
            out.push(
                super::at(
                    Diagnostic::error(
                        "language",
                        format!("`{}` is listed twice in `languages`", tag.value),
                    ),
                    file,
                    tag,
                )
                .help("list each language once"),
            );
        }
    }
}

/// Of the languages a text is given in (`tags`), those the report does not
/// list, and whether the report's default language is missing among them
/// (never for a text given once).
fn languages_of<'t>(tags: &[&'t str], report: &Report) -> (Vec<&'t str>, bool) {
    let languages = report.languages();
    let unlisted = tags
        .iter()
        .copied()
        .filter(|t| !languages.iter().any(|l| l.eq_ignore_ascii_case(t)))
        .collect();
    let no_default = !tags.is_empty()
        && !tags
            .iter()
            .any(|t| t.eq_ignore_ascii_case(report.language()));
    (unlisted, no_default)
}

/// Each translation against the report's languages and its original, and
/// each file left untranslated into a language the report is published in
/// (`untranslated`: it is shown there in the default language).
pub(super) fn translations(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let report = &review.report;
    let others: Vec<&str> = report.languages().into_iter().skip(1).collect();
    // The files that can be translated, by path.
    let mut originals: Vec<(FileId, &str)> = Vec::new();
    let mut add = |file: FileId| originals.push((file, sources.get(file).path.as_str()));
    review
        .summary
        .iter()
        .chain(&review.cases_intro)
        .for_each(|s| add(s.file));
    review.pages.iter().for_each(|p| add(p.file));
    review.findings.iter().for_each(|f| add(f.file));
    review.focus_areas.iter().for_each(|f| add(f.file));
    review.narratives.iter().for_each(|n| add(n.file));
    let known: HashSet<&str> = originals.iter().map(|(_, p)| *p).collect();
    let mut done: HashSet<(&str, &str)> = HashSet::new();
    for t in &review.translations {
        let start = Some(Pos::file_start());
        if !others.iter().any(|l| l.eq_ignore_ascii_case(&t.tag)) {
            let message = if others.is_empty() {
                format!(
                    "`{}` is named as a translation into `{}`, but the report is in one language",
                    sources.get(t.file).path,
                    t.tag
                )
            } else {
                format!(
                    "`{}` is named as a translation into `{}`, which is not one of the report's other languages ({})",
                    sources.get(t.file).path,
                    t.tag,
                    code_list(&others)
                )
            };
            out.push(
                Diagnostic::error("translation", message)
                    .at(t.file, start)
                    .help(format!(
                        "list the language in report.yaml (`languages: [{}, {}]`), or rename the file without `.{}` before `.md`",
                        report.language(),
                        t.tag,
                        t.tag
                    )),
            );
            continue;
        }
        if !known.contains(t.of.as_str()) {
            out.push(
                Diagnostic::error(
                    "translation",
                    format!(
                        "`{}` translates `{}`, which is not a finding, chapter, focus area, narrative or summary of the report",
                        sources.get(t.file).path, t.of
                    ),
                )
                .at(t.file, start)
                .help("a translation sits beside its original with the same name and the language before `.md`: `plans.md` and `plans.cy.md`"),
            );
            continue;
        }
        done.insert((t.of.as_str(), t.tag.as_str()));
    }
    for language in &others {
        for (file, path) in &originals {
            if done.contains(&(*path, *language)) {
                continue;
            }
            let translation = match path.strip_suffix(".md") {
                Some(stem) => format!("{stem}.{language}.md"),
                None => continue,
            };
            out.push(
                Diagnostic::warning(
                    "untranslated",
                    format!(
                        "`{path}` has no translation into `{language}`; the `{language}` site shows it in `{}`, marked as such",
                        report.language()
                    ),
                )
                .at(*file, Some(Pos::file_start()))
                .help(format!("write it in `{translation}`: its `title` and its text")),
            );
        }
    }
}

/// The framework's texts in other languages: each file against the
/// report's languages and the framework's ids; and, once per framework and
/// language, the texts it lacks (`untranslated`).
pub(super) fn framework_texts(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let report = &review.report;
    let others: Vec<&str> = report.languages().into_iter().skip(1).collect();
    let fw = &review.framework;
    let fw_path = sources.get(review.framework_file).path.as_str();
    // Every id the framework gives a text to, by kind.
    let domains: Vec<&str> = fw.domains.iter().map(|d| d.id.value.as_str()).collect();
    let standards: Vec<&str> = fw
        .domains
        .iter()
        .flat_map(|d| &d.standards)
        .map(|s| s.id.value.as_str())
        .collect();
    let questions: Vec<&str> = fw
        .domains
        .iter()
        .flat_map(|d| &d.standards)
        .flat_map(|s| &s.questions)
        .flat_map(|q| {
            std::iter::once(q.id.value.as_str()).chain(
                q.prompts
                    .iter()
                    .filter_map(|p| p.id().map(|id| id.value.as_str())),
            )
        })
        .collect();
    let dimensions: Vec<&str> = fw.dimensions.iter().map(|d| d.id.value.as_str()).collect();
    // The default scale's answers are named by the theme's locale; a
    // scale of the framework's own is named by the framework.
    let answers: Vec<&str> = fw.answers.iter().map(|a| a.id.value.as_str()).collect();
    let own_answers: Vec<&str> = fw
        .answers
        .iter()
        .filter(|a| a.locale_key.is_none())
        .map(|a| a.id.value.as_str())
        .collect();
    // The levels' labels and the bands' (often the same words), once each.
    let mut ratings: Vec<&str> = Vec::new();
    let levels = fw
        .ratings
        .iter()
        .flat_map(|r| &r.levels)
        .map(|l| l.label.as_str());
    let bands = fw
        .overall
        .iter()
        .flat_map(|o| &o.bands)
        .map(|b| b.label.as_str());
    for label in levels.chain(bands) {
        if !ratings.contains(&label) {
            ratings.push(label);
        }
    }
    for texts in &review.framework_texts {
        let path = sources.get(texts.file).path.as_str();
        let start = Some(Pos::file_start());
        if !others.iter().any(|l| l.eq_ignore_ascii_case(&texts.tag)) {
            out.push(
                Diagnostic::error(
                    "translation",
                    format!(
                        "`{path}` is named as the framework's texts in `{}`, which is not one of the report's other languages",
                        texts.tag
                    ),
                )
                .at(texts.file, start)
                .help("list the language in report.yaml's `languages`, or rename the file"),
            );
            continue;
        }
        if texts.of != fw_path {
            out.push(
                Diagnostic::error(
                    "translation",
                    format!("`{path}` gives texts for `{}`, which is not the report's framework (`{fw_path}`)", texts.of),
                )
                .at(texts.file, start)
                .help("name it after the framework's file, with the language before `.yaml`"),
            );
            continue;
        }
        for (what, id) in texts.ids() {
            let known = match what {
                TextOf::Domain => &domains,
                TextOf::Standard => &standards,
                TextOf::Question => &questions,
                TextOf::Dimension => &dimensions,
                TextOf::Answer => &answers,
                TextOf::Rating => &ratings,
            };
            if !known.contains(&id.value.as_str()) {
                let what = what.name();
                let mut d = Diagnostic::error(
                    "translation",
                    format!("the framework has no {what} `{}`", id.value),
                )
                .at(texts.file, crate::content::yaml::pos_of(id));
                d = match crate::diagnostic::nearest(&id.value, known) {
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    None if known.is_empty() => {
                        d.help(format!("the framework has no {what}s: leave this out"))
                    }
                    None => d.help(format!(
                        "give texts for these only: {}",
                        code_list(known.iter())
                    )),
                };
                out.push(d);
            }
        }
    }
    for language in &others {
        let Some(texts) = review.framework_texts.iter().find(|t| t.tag == *language) else {
            let file = fw_path
                .rsplit_once('.')
                .map_or(fw_path.to_string(), |(stem, ext)| {
                    format!("{stem}.{language}.{ext}")
                });
            out.push(
                Diagnostic::warning(
                    "untranslated",
                    format!(
                        "the framework has no texts in `{language}`; the `{language}` site shows its titles and key questions in `{}`",
                        report.language()
                    ),
                )
                .at(review.framework_file, Some(Pos::file_start()))
                .help(format!("write them in `{file}`: `title`; `domains`, `standards`, `questions`, `dimensions` and `answers` by id; `ratings` by label (see docs/authoring.md, A report in two languages)")),
            );
            continue;
        };
        let mut missing: Vec<&str> = Vec::new();
        missing.extend(
            domains
                .iter()
                .filter(|d| texts.domain(d).and_then(|t| t.title.as_ref()).is_none()),
        );
        missing.extend(
            standards
                .iter()
                .filter(|s| texts.standard(s).and_then(|t| t.title.as_ref()).is_none()),
        );
        missing.extend(questions.iter().filter(|q| texts.question(q).is_none()));
        missing.extend(dimensions.iter().filter(|d| texts.dimension(d).is_none()));
        missing.extend(own_answers.iter().filter(|a| texts.answer(a).is_none()));
        if report.show_ratings {
            missing.extend(ratings.iter().filter(|l| texts.rating(l).is_none()));
        }
        if !missing.is_empty() {
            let path = sources.get(texts.file).path.as_str();
            out.push(
                Diagnostic::warning(
                    "untranslated",
                    format!(
                        "`{path}` has no text for {} of the framework's titles and key questions ({}{}); the `{language}` site shows them in `{}`",
                        missing.len(),
                        code_list(missing.iter().take(5)),
                        if missing.len() > 5 { ", …" } else { "" },
                        report.language()
                    ),
                )
                .at(texts.file, Some(Pos::file_start()))
                .help("give each domain and standard a `title`, each key question its text, and the words of the scales (`dimensions`, `answers`, `ratings`)"),
            );
        }
    }
}
