//! Views of figures: ratings and their rule, the overall rating, the
//! framework, the figures label, the edition, prompts and the sample's
//! tables under the disclosure rule.

use crate::analyse::{Analysis, Basis, Cell, OverallResult, Sample, StandardResult};
use crate::model::{AssessedBy, Edition, Framework, Prompt, Review};
use crate::model::{AuditMode, Figures, RatingRule, Ratings};
use crate::site::locale::Locale;
use crate::site::plural::Plurals;
use serde::Serialize;

/// A standard's indicative rating, as a page shows it.
#[derive(Debug, Serialize)]
pub struct RatingView<'a> {
    /// The level's label, e.g. "Good".
    pub label: &'a str,
    /// The level's score, when the framework gives one.
    pub score: Option<i64>,
    /// Always true: every rating Evident shows is indicative, never an
    /// inspectorate's grade. Templates say so beside the label.
    pub indicative: bool,
    /// How it was arrived at: `cases` (computed from the case audits by the
    /// framework's rule), `judgement` (a standard assessed by judgement) or
    /// `override` (the reviewers' rating in place of the computed one).
    pub by: &'static str,
    /// With `override`: the label the case audits gave, if any.
    pub computed: Option<&'a str>,
    /// The reviewers' reason (`rating_reason`), shown beside the rating:
    /// always there with `override`, sometimes with `judgement`.
    pub reason: Option<&'a str>,
}

impl<'a> RatingView<'a> {
    /// The rating of a standard's result, if it has one, its labels in the
    /// language `review` is shown in.
    pub fn of(result: &'a StandardResult, review: &'a Review) -> Option<RatingView<'a>> {
        let rating = result.rating.as_ref()?;
        let (by, computed, reason) = match result.basis.as_ref() {
            Some(Basis::Judgement { reason }) => ("judgement", None, reason.as_deref()),
            Some(Basis::Override { computed, reason }) => (
                "override",
                computed.as_ref().map(|c| review.rating_label(&c.label)),
                Some(reason.as_str()),
            ),
            Some(Basis::Cases) | None => ("cases", None, None),
        };
        Some(RatingView {
            label: review.rating_label(&rating.label),
            score: rating.score,
            indicative: true,
            by,
            computed,
            reason,
        })
    }
}

/// A prompt under a key question, as a page shows it (`prompts` of each
/// key question).
#[derive(Debug, Serialize)]
pub struct PromptView<'a> {
    /// Its id, when a case may answer it.
    pub id: Option<&'a str>,
    /// The prompt.
    pub text: &'a str,
    /// Whether cases may answer it; then its results follow.
    pub answerable: bool,
    /// Cases that met it.
    pub met: usize,
    /// Cases it applied to (met and not met).
    pub applicable: usize,
    /// Cases that answered it with an excluded answer (n/a).
    pub excluded: usize,
    /// Whether any case answered it: a theme lists only those, since a
    /// framework may offer more prompts than a review asks.
    pub answered: bool,
    /// `"62.5%"`, or `"–"` when no case answered it.
    pub percent_text: String,
    /// `"5/8"`: met of applicable, shown beside the percentage.
    pub share: String,
}

impl<'a> PromptView<'a> {
    /// The view of `prompt`, with its results from `analysis`.
    pub fn new(prompt: &'a Prompt, analysis: &Analysis) -> Self {
        let result = prompt
            .id()
            .and_then(|id| analysis.prompts.get(&id.value))
            .cloned()
            .unwrap_or_default();
        PromptView {
            id: prompt.id().map(|id| id.value.as_str()),
            text: prompt.text(),
            answerable: prompt.id().is_some(),
            met: result.met,
            applicable: result.applicable(),
            excluded: result.excluded,
            answered: result.applicable() + result.excluded > 0,
            percent_text: percent_text(result.percent),
            share: format!("{}/{}", result.met, result.applicable()),
        }
    }
}

/// A percentage as pages show it, one decimal (`"62.5%"`), or `"–"` when
/// there is none.
pub fn percent_text(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_string(), |p| format!("{p:.1}%"))
}

/// The framework the review was assessed against (`framework` in the
/// home page's and the report's context).
#[derive(Debug, Serialize)]
pub struct FrameworkView<'a> {
    /// The framework's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its version, e.g. `"2018"`, when given.
    pub version: Option<&'a str>,
    /// When its standards were in use, in words ("1 June 2018 to 14 July
    /// 2021", "from 15 July 2021"); null when no dates are given.
    pub in_use: Option<String>,
    /// What the review was assessed against, in one line: "{title},
    /// version {version} (in use …)".
    pub label: String,
    /// Where the standards are published: `{citation, url}`.
    pub sources: Vec<SourceView<'a>>,
}

/// A published source of the framework.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    /// How to cite it.
    pub citation: &'a str,
    /// Its address, or null.
    pub url: Option<&'a str>,
}

impl<'a> FrameworkView<'a> {
    /// The view of `fw`.
    pub fn new(fw: &'a Framework, locale: &Locale<'_>) -> Self {
        let date = |d: &Option<crate::model::Located<crate::model::Date>>| {
            d.as_ref().map(|d| locale.date(&d.value))
        };
        let in_use = match (date(&fw.applies_from), date(&fw.applies_until)) {
            (Some(from), Some(until)) => {
                Some(locale.with("in_use_from_until", &[("from", &from), ("until", &until)]))
            }
            (Some(from), None) => Some(locale.with("in_use_from", &[("from", &from)])),
            (None, Some(until)) => Some(locale.with("in_use_until", &[("until", &until)])),
            (None, None) => None,
        };
        let mut label = fw.title.clone();
        if let Some(v) = &fw.version {
            label = locale.with("framework_version", &[("title", &label), ("version", v)]);
        }
        if let Some(when) = &in_use {
            label = locale.with("framework_in_use", &[("label", &label), ("when", when)]);
        }
        FrameworkView {
            id: &fw.id,
            title: &fw.title,
            version: fw.version.as_deref(),
            in_use,
            label,
            sources: fw
                .source
                .iter()
                .map(|s| SourceView {
                    citation: &s.citation,
                    url: s.url.as_deref(),
                })
                .collect(),
        }
    }
}

/// The indicative overall rating (`overall` in the home page's and the
/// report's context; null unless ratings are shown and the framework says
/// how standards add up).
#[derive(Debug, Serialize)]
pub struct OverallView<'a> {
    /// Whether every counted standard is rated, so there is a total.
    pub rated: bool,
    /// The band's label, e.g. "Good", when rated.
    pub label: Option<&'a str>,
    /// The total, when rated.
    pub score: Option<u32>,
    /// The highest total possible (36 for HMIP).
    pub max: u32,
    /// The total written `N/36`, when rated.
    pub score_text: Option<String>,
    /// How many standards count.
    pub counted: usize,
    /// The CLDR plural category of `counted` in the report's language.
    pub counted_plural: &'static str,
    /// The CLDR plural category of the number of `missing` standards.
    pub missing_plural: &'static str,
    /// How the total is made and banded, in one sentence.
    pub rule: String,
    /// The counted standards with no rating (when not rated): `{id, title,
    /// url, reason}`, `url` null for a standard outside the scope.
    pub missing: Vec<MissingView<'a>>,
}

/// A counted standard the overall rating lacks.
#[derive(Debug, Serialize)]
pub struct MissingView<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page, or null when it is out of scope.
    pub url: Option<String>,
    /// Why it has no rating.
    pub reason: String,
}

impl<'a> OverallView<'a> {
    /// The view of the analysis's overall rating, if it has one.
    pub fn new(
        review: &'a Review,
        analysis: &'a Analysis,
        plurals: &Plurals,
        locale: &Locale<'_>,
    ) -> Option<Self> {
        let overall = review.framework.overall.as_ref()?;
        let result = analysis.overall.as_ref()?;
        let levels = review
            .framework
            .ratings
            .as_ref()
            .map(|r| r.levels.as_slice())
            .unwrap_or(&[]);
        let scores = levels
            .iter()
            .filter_map(|l| {
                l.score.map(|s| {
                    locale.with(
                        "level_score",
                        &[("level", &l.label), ("score", &s.to_string())],
                    )
                })
            })
            .collect::<Vec<_>>()
            .join(", ");
        let bands = overall
            .bands
            .iter()
            .map(|b| {
                locale.with(
                    "band_from",
                    &[("band", &b.label), ("min", &b.min.value.to_string())],
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let counted = overall.counts.len();
        let mut rule = locale
            .get(
                "overall_rule",
                Some(counted),
                &[
                    ("scores", &scores),
                    ("max", &overall.max.value.to_string()),
                    ("bands", &bands),
                ],
            )
            .unwrap_or_default();
        if let Some(note) = &overall.note {
            rule.push(' ');
            rule.push_str(note.trim());
        }
        let mut view = OverallView {
            rated: false,
            label: None,
            score: None,
            max: overall.max.value,
            score_text: None,
            counted,
            counted_plural: plurals.category(counted),
            missing_plural: plurals.category(0),
            rule,
            missing: Vec::new(),
        };
        match result {
            OverallResult::Rated { score, max, label } => {
                view.rated = true;
                view.label = Some(review.rating_label(label));
                view.score = Some(*score);
                view.score_text = Some(format!("{score}/{max}"));
            }
            OverallResult::Incomplete { missing } => {
                for id in missing {
                    let Some((d, s)) = review.framework.standard(id) else {
                        continue;
                    };
                    let in_scope = review.in_scope(&d.id.value);
                    let reason = locale.text(if !in_scope {
                        "missing_out_of_scope"
                    } else if s.assessed_by == AssessedBy::Judgement {
                        "missing_no_rating_given"
                    } else {
                        "missing_no_case"
                    });
                    view.missing.push(MissingView {
                        id: &s.id.value,
                        title: &s.title,
                        url: in_scope
                            .then(|| crate::site::urls::standard(&d.id.value, &s.id.value)),
                        reason,
                    });
                }
            }
        }
        view.missing_plural = plurals.category(view.missing.len());
        Some(view)
    }
}

/// How ratings are arrived at, stated once on every page that shows one
/// (`ratings` in every page's context; absent when the report shows no
/// ratings).
#[derive(Debug, Serialize)]
pub struct RatingRuleView {
    /// One or two sentences a reader can check the ratings against, e.g.
    /// "Ratings are indicative. A standard assessed from the case audits
    /// takes the band its lowest key question reaches: …".
    pub text: String,
}

impl RatingRuleView {
    /// The statement of `ratings`' rule.
    pub fn new(ratings: Option<&Ratings>, locale: &Locale<'_>) -> RatingRuleView {
        let percent = |x: f64| {
            if x.fract() == 0.0 {
                format!("{x:.0} %")
            } else {
                format!("{x} %")
            }
        };
        let bands = ratings
            .map(|r| {
                let mut parts: Vec<String> = Vec::new();
                for (i, level) in r.levels.iter().enumerate() {
                    let last = i + 1 == r.levels.len();
                    if last && level.min.value <= 0.0 {
                        parts.push(locale.with("band_below", &[("band", &level.label)]));
                    } else {
                        parts.push(locale.with(
                            "band_from",
                            &[("band", &level.label), ("min", &percent(level.min.value))],
                        ));
                    }
                }
                parts.join(", ")
            })
            .unwrap_or_default();
        let rule = ratings.map_or(RatingRule::LowestQuestion, |r| r.rule);
        let cases = match rule {
            RatingRule::LowestQuestion if !bands.is_empty() => {
                locale.with("rule_lowest_question", &[("bands", &bands)])
            }
            RatingRule::Mean if !bands.is_empty() => locale.with("rule_mean", &[("bands", &bands)]),
            _ => locale.text("rule_not_rated"),
        };
        RatingRuleView {
            text: locale.with("ratings_rule", &[("cases", &cases)]),
        }
    }
}

/// What the case figures are, when they are not final (`figures` in every
/// page's context; absent when they are final). Every table and chart of
/// case figures says so beside it (`partials/figures.html`) and in its
/// caption.
#[derive(Debug, Serialize)]
pub struct FiguresView {
    /// `provisional` or `illustrative`.
    pub kind: &'static str,
    /// "Provisional figures" or "Illustrative figures" (in the report's
    /// language), for captions.
    pub label: String,
    /// One sentence saying what that means for the reader.
    pub text: String,
}

impl FiguresView {
    /// The view of `figures`; `None` when they are final.
    pub fn new(figures: Figures, locale: &Locale<'_>) -> Option<FiguresView> {
        let (kind, label, text) = match figures {
            Figures::Final => return None,
            Figures::Provisional => (
                "provisional",
                "figures_provisional",
                "figures_provisional_text",
            ),
            Figures::Illustrative => (
                "illustrative",
                "figures_illustrative",
                "figures_illustrative_text",
            ),
        };
        Some(FiguresView {
            kind,
            label: locale.text(label),
            text: locale.text(text),
        })
    }
}

/// Which edition a page belongs to, when it is not the full one
/// (`edition` in every page's context; absent for the full edition).
#[derive(Debug, Serialize)]
pub struct EditionView {
    /// `public`.
    pub kind: &'static str,
    /// "Public edition" (in the report's language), for the banner of
    /// every page and of print.
    pub label: String,
    /// What the edition leaves out, in one sentence.
    pub text: String,
}

impl EditionView {
    /// The view of `edition`; `None` for the full edition.
    pub fn new(edition: Edition, locale: &Locale<'_>) -> Option<EditionView> {
        match edition {
            Edition::Full => None,
            Edition::Public => Some(EditionView {
                kind: "public",
                label: locale.text("edition_public"),
                text: locale.text("edition_public_text"),
            }),
        }
    }
}

/// One count of cases in a sample table, under the disclosure rule.
#[derive(Debug, Serialize)]
pub struct CountView<'a> {
    /// The domain's id, in the table of cases by domain.
    pub id: Option<&'a str>,
    /// What is counted: a domain's title, a disposal, an audit mode, an
    /// attribute's value.
    pub label: &'a str,
    /// The same as `label`, in the table of cases by domain.
    pub title: Option<&'a str>,
    /// The count, or null when it is withheld.
    pub count: Option<usize>,
    /// Whether it is withheld: below the report's `privacy.min_count`, or
    /// withheld too so that a withheld count cannot be worked out from the
    /// total. Show a mark (`*`) and say why.
    pub suppressed: bool,
    /// The CLDR plural category of `count` in the report's language
    /// (`one`, `other`…), where a sentence writes it in words ("1 case
    /// audited"); null in the sample's tables and when withheld.
    pub plural: Option<&'static str>,
}

impl<'a> CountView<'a> {
    /// A count of `label` under the rule.
    pub fn new(label: &'a str, cell: Cell) -> Self {
        let (count, suppressed) = match cell {
            Cell::Count(n) => (Some(n), false),
            Cell::Suppressed => (None, true),
        };
        CountView {
            id: None,
            label,
            title: None,
            count,
            suppressed,
            plural: None,
        }
    }
}

/// An attribute's table of the sample.
#[derive(Debug, Serialize)]
pub struct AttributeView<'a> {
    /// The attribute's name, with `_` as spaces (`age band`).
    pub name: String,
    /// Each value's count.
    pub rows: Vec<CountView<'a>>,
}

/// The case sample's tables (`sample` on the case sample page and in the
/// printable report), every count under the one disclosure rule.
#[derive(Debug, Serialize)]
pub struct SampleView<'a> {
    /// How many cases were audited.
    pub total: usize,
    /// The CLDR plural category `total` takes in the report's language
    /// (`one`, `other`…): "1 case was audited", "9 cases were audited".
    pub total_plural: &'static str,
    /// Counts below this are withheld (`privacy.min_count`).
    pub suppress_below: usize,
    /// Whether any count of any table is withheld, to explain the mark.
    pub any_suppressed: bool,
    /// Cases by domain: `id`, `title`, `count`, `suppressed`.
    pub by_domain: Vec<CountView<'a>>,
    /// Cases by disposal, most first.
    pub by_disposal: Vec<CountView<'a>>,
    /// Cases by audit mode.
    pub by_audit: Vec<CountView<'a>>,
    /// One table per case attribute.
    pub attributes: Vec<AttributeView<'a>>,
}

impl<'a> SampleView<'a> {
    /// The view of `sample`, with domain titles from `framework`.
    pub fn new(
        sample: &'a Sample,
        framework: &'a Framework,
        plurals: &Plurals,
        audit_label: impl Fn(AuditMode) -> &'a str,
    ) -> Self {
        let by_domain: Vec<CountView<'a>> = sample
            .by_domain
            .iter()
            .map(|(id, cell)| {
                let title = framework
                    .domain(id)
                    .map_or(id.as_str(), |d| d.title.as_str());
                CountView {
                    id: Some(id.as_str()),
                    title: Some(title),
                    ..CountView::new(title, *cell)
                }
            })
            .collect();
        let by_disposal: Vec<CountView<'a>> = sample
            .by_disposal
            .iter()
            .map(|(k, c)| CountView::new(k, *c))
            .collect();
        let by_audit: Vec<CountView<'a>> = sample
            .by_audit
            .iter()
            .map(|(k, c)| CountView::new(audit_label(*k), *c))
            .collect();
        let attributes: Vec<AttributeView<'a>> = sample
            .attributes
            .iter()
            .map(|t| AttributeView {
                name: t.name.replace('_', " "),
                rows: t.rows.iter().map(|(v, c)| CountView::new(v, *c)).collect(),
            })
            .collect();
        let any_suppressed = by_domain
            .iter()
            .chain(&by_disposal)
            .chain(&by_audit)
            .chain(attributes.iter().flat_map(|t| &t.rows))
            .any(|c| c.suppressed);
        SampleView {
            total: sample.total,
            total_plural: plurals.category(sample.total),
            suppress_below: sample.min_count,
            any_suppressed,
            by_domain,
            by_disposal,
            by_audit,
            attributes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Located, RatingLevel};

    #[test]
    fn the_rule_names_every_band() {
        let unknown = serde_saphyr::Location::UNKNOWN;
        let level = |label: &str, min: f64| RatingLevel {
            label: label.into(),
            min: Located::new(min, unknown, unknown),
            score: None,
        };
        let ratings = Ratings {
            rule: RatingRule::LowestQuestion,
            levels: vec![
                level("Outstanding", 80.0),
                level("Good", 65.0),
                level("Inadequate", 0.0),
            ],
        };
        let locales = crate::site::locale::default_locales().unwrap();
        let text = RatingRuleView::new(Some(&ratings), &locales.locale("en-GB")).text;
        assert!(
            text.contains("lowest key question reaches (Outstanding from 80 %, Good from 65 %, Inadequate below that)"),
            "{text}"
        );
        assert!(text.starts_with("Ratings are indicative"));
    }
}
