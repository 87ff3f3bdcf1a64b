//! Analyse: the arithmetic of the review, computed once and read by every
//! page, the JSON export and the search index alike.
//!
//! - For every key question of a case-assessed standard: how many cases met
//!   it, did not, were excluded, and the percent met of those it applied to
//!   (`100 × met / (met + not_met)`, one decimal; none when no case applies).
//! - For every standard: the lowest and mean question percent and, when the
//!   report shows ratings, the level the framework's rule gives it.
//! - The sample: cases by domain, disposal, audit mode and attribute, every
//!   table under one disclosure rule: counts below `privacy.min_count` are
//!   withheld, with one more where a withheld count could be worked out
//!   from the total. Key-question results are not withheld: they are
//!   published as met of applicable, and a standard whose questions apply
//!   to fewer than `small_sample` cases is marked as a small sample.
//! - When the report shows ratings and the framework says how they add up
//!   (`overall:`): the indicative overall rating, or the counted standards
//!   that have no rating yet.

use crate::model::{AssessedBy, AuditMode, Counts, RatingRule, Review};
use serde::Serialize;
use std::collections::BTreeMap;

/// Results of one key question over the sample.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuestionResult {
    /// Cases meeting it.
    pub met: usize,
    /// Cases not meeting it.
    pub not_met: usize,
    /// Cases it did not apply to.
    pub excluded: usize,
    /// Cases of the domain with no answer.
    pub unanswered: usize,
    /// Met as a percent of applicable, one decimal; `None` when none apply.
    pub percent: Option<f64>,
    /// The same, not rounded: ratings are decided on it, so 79.96 % is not
    /// taken for the 80 % it prints as.
    #[serde(skip)]
    pub exact: Option<f64>,
}

impl QuestionResult {
    /// Cases it applied to: met + not met.
    pub fn applicable(&self) -> usize {
        self.met + self.not_met
    }
}

/// An indicative rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rating {
    /// The level's label.
    pub label: String,
    /// The level's score.
    pub score: Option<i64>,
}

/// The indicative overall rating (`overall:` of the framework).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OverallResult {
    /// Every counted standard is rated: the total and its band.
    Rated {
        /// The sum of the counted standards' scores.
        score: u32,
        /// The framework's stated maximum (36 for HMIP).
        max: u32,
        /// The band the score falls in.
        label: String,
    },
    /// Some counted standards have no rating, so no total is given.
    Incomplete {
        /// Their ids, in framework order.
        missing: Vec<String>,
    },
}

/// Results of one standard.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StandardResult {
    /// Lowest question percent, not rounded (questions with no applicable
    /// case left out).
    pub lowest: Option<f64>,
    /// Mean of question percents, not rounded.
    pub mean: Option<f64>,
    /// The rating, when shown and computable (or given).
    pub rating: Option<Rating>,
    /// How the rating was arrived at.
    pub basis: Option<Basis>,
    /// The most cases any of its key questions applied to.
    pub sample: usize,
    /// Whether that is below the report's `small_sample` (case-assessed
    /// standards with key questions only).
    pub small: bool,
}

/// How a standard's rating was arrived at.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "by")]
pub enum Basis {
    /// Computed from the case audits by the framework's rule.
    Cases,
    /// The reviewers' judgement, for a standard assessed by judgement.
    Judgement {
        /// Their reason, when given.
        reason: Option<String>,
    },
    /// The reviewers' rating in place of the computed one.
    Override {
        /// What the case audits gave.
        computed: Option<Rating>,
        /// Why the reviewers rate it otherwise.
        reason: String,
    },
}

/// One cell of an attribute table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "count")]
pub enum Cell {
    /// A count that is safe to show.
    Count(usize),
    /// A count too small to show.
    Suppressed,
}

/// Counts of one attribute's values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeTable {
    /// Attribute name, e.g. `age_band`.
    pub name: String,
    /// Value → count, sorted by value.
    pub rows: Vec<(String, Cell)>,
}

/// The case sample. Every table follows the one disclosure rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sample {
    /// Number of cases.
    pub total: usize,
    /// Counts below this are withheld (`privacy.min_count`).
    pub min_count: usize,
    /// Domain id → cases, in framework order.
    pub by_domain: Vec<(String, Cell)>,
    /// Disposal → cases, most first then by name.
    pub by_disposal: Vec<(String, Cell)>,
    /// Audit mode → cases.
    pub by_audit: Vec<(AuditMode, Cell)>,
    /// Attribute tables, by attribute name.
    pub attributes: Vec<AttributeTable>,
}

impl Sample {
    /// The cell for the cases of domain `id` (nothing when none).
    pub fn of_domain(&self, id: &str) -> Option<Cell> {
        self.by_domain
            .iter()
            .find(|(d, _)| d == id)
            .map(|(_, c)| *c)
    }
}

/// Everything computed from the review.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// By key question id.
    pub questions: BTreeMap<String, QuestionResult>,
    /// By answerable prompt id: counted as key questions are, from the
    /// cases that answered it (a prompt need not be answered).
    pub prompts: BTreeMap<String, QuestionResult>,
    /// By standard id.
    pub standards: BTreeMap<String, StandardResult>,
    /// The overall rating: none unless ratings are shown and the framework
    /// has `overall:`.
    pub overall: Option<OverallResult>,
    /// The sample.
    pub sample: Sample,
}

/// Round to one decimal place.
pub fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Compute the analysis of a checked review.
pub fn analyse(review: &Review) -> Analysis {
    let fw = &review.framework;
    // Met / not met / excluded of one question or prompt id over the
    // cases of its domain.
    let result = |domain: &str, id: &str| {
        let mut r = QuestionResult::default();
        for case in review.cases.iter().filter(|c| c.domain.value == domain) {
            match case
                .answer(id)
                .and_then(|a| fw.answer(&a.answer))
                .map(|o| o.counts)
            {
                Some(Counts::Met) => r.met += 1,
                Some(Counts::NotMet) => r.not_met += 1,
                Some(Counts::Excluded) => r.excluded += 1,
                None => r.unanswered += 1,
            }
        }
        r.exact = (r.applicable() > 0).then(|| 100.0 * r.met as f64 / r.applicable() as f64);
        r.percent = r.exact.map(one_decimal);
        r
    };
    let mut questions = BTreeMap::new();
    for (domain, standard, question) in fw.questions() {
        if standard.assessed_by == AssessedBy::Cases {
            let r = result(&domain.id.value, &question.id.value);
            questions.insert(question.id.value.clone(), r);
        }
    }
    let mut prompts = BTreeMap::new();
    for (domain, standard, _, id, _) in fw.answerable_prompts() {
        if standard.assessed_by == AssessedBy::Cases {
            prompts.insert(id.value.clone(), result(&domain.id.value, &id.value));
        }
    }

    let levels = fw
        .ratings
        .as_ref()
        .map(|r| r.levels.as_slice())
        .unwrap_or(&[]);
    let rule = fw
        .ratings
        .as_ref()
        .map_or(RatingRule::LowestQuestion, |r| r.rule);
    let level_for = |value: f64| {
        levels
            .iter()
            .find(|l| value >= l.min.value)
            .map(|l| Rating {
                label: l.label.clone(),
                score: l.score,
            })
    };
    let mut standards = BTreeMap::new();
    for (domain, standard) in fw.standards() {
        // Bands are decided on the exact percentages, never the rounded.
        let percents: Vec<f64> = standard
            .questions
            .iter()
            .filter_map(|q| {
                questions
                    .get(&q.id.value)
                    .and_then(|r: &QuestionResult| r.exact)
            })
            .collect();
        let lowest = percents.iter().copied().reduce(f64::min);
        let sample_size = standard
            .questions
            .iter()
            .filter_map(|q| questions.get(&q.id.value).map(QuestionResult::applicable))
            .max()
            .unwrap_or(0);
        // No case at all is no sample: its percentages are blank anyway.
        let small = standard.assessed_by == AssessedBy::Cases
            && sample_size > 0
            && sample_size < review.report.small_sample.value;
        let mean =
            (!percents.is_empty()).then(|| percents.iter().sum::<f64>() / percents.len() as f64);
        let narrative = review.narratives.iter().find(|n| n.id == standard.id.value);
        let given = narrative
            .and_then(|n| n.meta.rating.as_ref())
            .and_then(|label| levels.iter().find(|l| l.label == label.value))
            .map(|l| Rating {
                label: l.label.clone(),
                score: l.score,
            });
        let reason = narrative
            .and_then(|n| n.meta.rating_reason.as_ref())
            .map(|r| r.value.clone());
        // A standard outside the scope was not reviewed: no rating, even
        // from a narrative left in content/ (check warns of that).
        let (rating, basis) = if !review.report.show_ratings || !review.in_scope(&domain.id.value) {
            (None, None)
        } else if standard.assessed_by == AssessedBy::Judgement {
            let basis = given.is_some().then_some(Basis::Judgement { reason });
            (given, basis)
        } else {
            let computed = match rule {
                RatingRule::LowestQuestion => lowest.and_then(level_for),
                RatingRule::Mean => mean.and_then(level_for),
                RatingRule::None => None,
            };
            match (given, reason) {
                // `check` insists on a reason for an override.
                (Some(given), Some(reason)) => {
                    (Some(given), Some(Basis::Override { computed, reason }))
                }
                _ => {
                    let basis = computed.is_some().then_some(Basis::Cases);
                    (computed, basis)
                }
            }
        };
        standards.insert(
            standard.id.value.clone(),
            StandardResult {
                lowest,
                mean,
                rating,
                basis,
                sample: sample_size,
                small,
            },
        );
    }

    let overall = overall(review, &standards);
    Analysis {
        questions,
        prompts,
        standards,
        overall,
        sample: sample(review),
    }
}

/// The sum of the counted standards' scores and its band, or the counted
/// standards without a rating (out of scope, no cases, no judgement given).
/// A total over some standards only would understate the service, so none
/// is given then.
fn overall(review: &Review, standards: &BTreeMap<String, StandardResult>) -> Option<OverallResult> {
    let overall = review.framework.overall.as_ref()?;
    if !review.report.show_ratings {
        return None;
    }
    let mut score = 0u32;
    let mut missing = Vec::new();
    for id in &overall.counts {
        let points = standards
            .get(&id.value)
            .and_then(|r| r.rating.as_ref())
            .and_then(|r| r.score)
            .and_then(|s| u32::try_from(s).ok());
        match points {
            Some(p) => score += p,
            None => missing.push(id.value.clone()),
        }
    }
    if !missing.is_empty() {
        return Some(OverallResult::Incomplete { missing });
    }
    let label = overall.band(score)?.label.clone();
    Some(OverallResult::Rated {
        score,
        max: overall.max.value,
        label,
    })
}

fn sample(review: &Review) -> Sample {
    let cases = &review.cases;
    let min = review.report.privacy.min_count.value;
    let by_domain = review
        .framework
        .domains
        .iter()
        .map(|d| {
            let n = cases
                .iter()
                .filter(|c| c.domain.value == d.id.value)
                .count();
            (d.id.value.clone(), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut disposals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut audits: BTreeMap<AuditMode, usize> = BTreeMap::new();
    let mut attributes: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for c in cases {
        *disposals.entry(c.disposal.as_str()).or_default() += 1;
        *audits.entry(c.audit).or_default() += 1;
        for (k, v) in &c.attributes {
            *attributes.entry(k).or_default().entry(v).or_default() += 1;
        }
    }
    let mut by_disposal: Vec<(String, usize)> = disposals
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    by_disposal.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Sample {
        total: cases.len(),
        min_count: min,
        by_domain: suppress(by_domain, min),
        by_disposal: suppress(by_disposal, min),
        by_audit: suppress(audits.into_iter().collect(), min),
        attributes: attributes
            .into_iter()
            .map(|(name, values)| AttributeTable {
                name: name.to_string(),
                rows: suppress(
                    values
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect(),
                    min,
                ),
            })
            .collect(),
    }
}

/// The one disclosure rule: counts below `min` are withheld. When exactly
/// one cell of a table is withheld its value could be worked out from the
/// total, so the next smallest is withheld too.
fn suppress<K>(rows: Vec<(K, usize)>, min: usize) -> Vec<(K, Cell)> {
    let small = |n: usize| n > 0 && n < min;
    let mut hidden: Vec<bool> = rows.iter().map(|(_, n)| small(*n)).collect();
    if hidden.iter().filter(|h| **h).count() == 1
        && let Some(i) = (0..rows.len())
            .filter(|i| !hidden[*i])
            .min_by_key(|i| rows[*i].1)
    {
        hidden[i] = true;
    }
    rows.into_iter()
        .zip(hidden)
        .map(|((k, n), h)| (k, if h { Cell::Suppressed } else { Cell::Count(n) }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppression_hides_small_cells_and_one_more() {
        let rows = vec![("a".to_string(), 10), ("b".into(), 2), ("c".into(), 6)];
        let s = suppress(rows, 3);
        assert_eq!(s[0].1, Cell::Count(10));
        assert_eq!(s[1].1, Cell::Suppressed);
        // Alone, b could be worked out from the total: c goes too.
        assert_eq!(s[2].1, Cell::Suppressed);
        let s = suppress(
            vec![("a".to_string(), 1), ("b".into(), 2), ("c".into(), 6)],
            3,
        );
        assert_eq!(s[2].1, Cell::Count(6));
        let s = suppress(vec![("a".to_string(), 4), ("b".into(), 5)], 3);
        assert!(s.iter().all(|(_, c)| matches!(c, Cell::Count(_))));
    }

    #[test]
    fn rounding_is_one_decimal() {
        assert_eq!(one_decimal(100.0 * 2.0 / 3.0), 66.7);
        assert_eq!(one_decimal(100.0 * 1.0 / 8.0), 12.5);
    }
}
