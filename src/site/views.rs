//! Typed page-context views, part of `plan`: what a template receives,
//! as `#[derive(Serialize)]` structs that borrow from the review and the
//! analysis. Each field's doc is the theme's contract for it
//! (docs/themes.md repeats them). New context fields go here, not into
//! `json!`; the rest of the context follows them in time.

use crate::analyse::{Basis, StandardResult};
use crate::model::{Figures, RatingRule, Ratings};
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
    /// The rating of a standard's result, if it has one.
    pub fn of(result: &'a StandardResult) -> Option<RatingView<'a>> {
        let rating = result.rating.as_ref()?;
        let (by, computed, reason) = match result.basis.as_ref() {
            Some(Basis::Judgement { reason }) => ("judgement", None, reason.as_deref()),
            Some(Basis::Override { computed, reason }) => (
                "override",
                computed.as_ref().map(|c| c.label.as_str()),
                Some(reason.as_str()),
            ),
            Some(Basis::Cases) | None => ("cases", None, None),
        };
        Some(RatingView {
            label: &rating.label,
            score: rating.score,
            indicative: true,
            by,
            computed,
            reason,
        })
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
    pub fn new(ratings: Option<&Ratings>) -> RatingRuleView {
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
                        parts.push(format!("{} below that", level.label));
                    } else {
                        parts.push(format!("{} from {}", level.label, percent(level.min.value)));
                    }
                }
                parts.join(", ")
            })
            .unwrap_or_default();
        let rule = ratings.map_or(RatingRule::LowestQuestion, |r| r.rule);
        let cases = match rule {
            RatingRule::LowestQuestion if !bands.is_empty() => format!(
                " A standard assessed from the case audits takes the band its lowest key question reaches ({bands}), on the unrounded percentage of applicable cases that met it."
            ),
            RatingRule::Mean if !bands.is_empty() => format!(
                " A standard assessed from the case audits takes the band the mean of its key questions reaches ({bands}), on unrounded percentages."
            ),
            _ => " Standards assessed from the case audits are not rated.".to_string(),
        };
        RatingRuleView {
            text: format!(
                "Ratings are indicative: they are the review's, not an inspectorate's grade.{cases} A standard assessed by judgement carries the reviewers' rating, and where the reviewers rate a case-assessed standard otherwise, their reason is given beside it."
            ),
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
    /// "Provisional figures" or "Illustrative figures", for captions.
    pub label: &'static str,
    /// One sentence saying what that means for the reader.
    pub text: &'static str,
}

impl FiguresView {
    /// The view of `figures`; `None` when they are final.
    pub fn new(figures: Figures) -> Option<FiguresView> {
        match figures {
            Figures::Final => None,
            Figures::Provisional => Some(FiguresView {
                kind: "provisional",
                label: "Provisional figures",
                text: "These case results may still change before the report is final.",
            }),
            Figures::Illustrative => Some(FiguresView {
                kind: "illustrative",
                label: "Illustrative figures",
                text: "These case results were made up to show how the report works: they are not audit results and describe no real cases.",
            }),
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
        let text = RatingRuleView::new(Some(&ratings)).text;
        assert!(
            text.contains("lowest key question reaches (Outstanding from 80 %, Good from 65 %, Inadequate below that)"),
            "{text}"
        );
        assert!(text.starts_with("Ratings are indicative"));
    }
}
