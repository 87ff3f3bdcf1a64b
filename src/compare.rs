//! What changed since an earlier build (`evident build --compare OLD`):
//! the earlier build's `data/report.json` and this build's, compared as
//! the published data they are. Beside the analysis: it runs once per
//! language site, on data the build has already made, and gives plain data
//! (`Changes`) that the plan turns into `changes.html`.
//!
//! Comparing the two JSON documents, rather than this build's review with a
//! reading of the old content, means any earlier build can be compared
//! with, content or no content, and that the comparison sees exactly what
//! each version published.

use serde::Deserialize;
use std::collections::HashMap;

/// The parts of a `data/report.json` that are compared.
#[derive(Debug, Clone, Deserialize)]
pub struct Snapshot {
    /// `full` or `public`.
    #[serde(default)]
    pub edition: String,
    /// The report's facts.
    pub report: SnapshotReport,
    /// Every finding.
    pub findings: Vec<SnapshotFinding>,
    /// The framework's domains, with the standards' figures.
    pub domains: Vec<SnapshotDomain>,
    /// The indicative overall rating, when there was one.
    #[serde(default)]
    pub overall: Option<SnapshotOverall>,
    /// The action plan; absent in data from before actions were published.
    #[serde(default)]
    pub actions: Vec<SnapshotAction>,
}

/// An action as a build published it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnapshotAction {
    /// Its id (its finding's slug).
    pub id: String,
    /// Its finding's title.
    pub title: String,
    /// Its status then: `not-started`, `in-progress`, `done`, `superseded`.
    pub status: String,
    /// Who owned it.
    #[serde(default)]
    pub owner: Option<String>,
    /// The standards and domains its finding named.
    #[serde(default)]
    pub standards: Vec<String>,
}

/// One of the earlier build's actions, and the findings of this build that
/// name any of the same standards or domains.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousAction {
    /// The action, with its final status.
    pub action: SnapshotAction,
    /// The slugs of this build's findings on the same standards, in this
    /// build's order.
    pub related: Vec<String>,
}

/// The report's facts that name a version.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnapshotReport {
    /// The report's title.
    pub title: String,
    /// Its version, if it gave one.
    #[serde(default)]
    pub version: Option<String>,
    /// That version's date (`YYYY-MM-DD`).
    #[serde(default)]
    pub version_date: Option<String>,
}

/// A finding as a build published it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnapshotFinding {
    /// Its slug, which names it from build to build.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its kind's id.
    pub kind: String,
    /// The standards and domains it names.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Its text; absent in data from before texts were published.
    #[serde(default)]
    pub text: Option<String>,
    /// Where it was shown.
    pub url: String,
}

/// A domain and its standards.
#[derive(Debug, Clone, Deserialize)]
pub struct SnapshotDomain {
    /// Its id.
    pub id: String,
    /// Its standards.
    #[serde(default)]
    pub standards: Vec<SnapshotStandard>,
}

/// A standard's figures.
#[derive(Debug, Clone, Deserialize)]
pub struct SnapshotStandard {
    /// Its id.
    pub id: String,
    /// Its indicative rating, when one was shown.
    #[serde(default)]
    pub rating: Option<SnapshotRating>,
    /// Its key questions' results.
    #[serde(default)]
    pub questions: Vec<SnapshotQuestion>,
}

/// A rating: its label and score.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnapshotRating {
    /// e.g. "Good".
    pub label: String,
    /// Its score, when the framework gives one.
    #[serde(default)]
    pub score: Option<i64>,
}

/// A key question's result.
#[derive(Debug, Clone, Deserialize)]
pub struct SnapshotQuestion {
    /// Its id.
    pub id: String,
    /// Met as a percentage of the cases it applied to; null when none.
    #[serde(default)]
    pub percent: Option<f64>,
}

/// The indicative overall rating.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SnapshotOverall {
    /// The band's label.
    pub label: String,
    /// The total.
    pub score: u32,
    /// The highest total.
    pub max: u32,
}

/// Why an earlier build's data cannot be compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareError {
    /// 1-based line in the file (0: not about a place in it).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, and what would do.
    pub message: String,
}

impl Snapshot {
    /// Read a `data/report.json`.
    pub fn read(text: &str) -> Result<Snapshot, CompareError> {
        serde_json::from_str(text).map_err(|e| CompareError {
            line: e.line(),
            column: e.column(),
            message: format!("this is not the data/report.json of an Evident build: {e}"),
        })
    }
}

/// A piece of a word-level difference between two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Words in both.
    Same(String),
    /// Words only in the new text.
    Added(String),
    /// Words only in the old text.
    Removed(String),
}

/// A finding in both versions that names other standards or is of
/// another kind now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Its slug.
    pub slug: String,
    /// The criteria it named before.
    pub criteria_before: Vec<String>,
    /// Its kind before.
    pub kind_before: String,
}

/// A finding whose text changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Its slug.
    pub slug: String,
    /// The difference, word by word, old to new.
    pub pieces: Vec<Piece>,
}

/// A figure that moved.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// A key question's percentage (`None`: no case applied).
    Question {
        /// The question's id.
        id: String,
        /// Before.
        before: Option<f64>,
        /// Now.
        now: Option<f64>,
    },
    /// A standard's indicative rating.
    Rating {
        /// The standard's id.
        standard: String,
        /// Before.
        before: Option<SnapshotRating>,
        /// Now.
        now: Option<SnapshotRating>,
    },
    /// The indicative overall rating.
    Overall {
        /// Before.
        before: Option<SnapshotOverall>,
        /// Now.
        now: Option<SnapshotOverall>,
    },
}

/// What changed from one build to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// The earlier build's report facts.
    pub before: SnapshotReport,
    /// Findings new in this build, by slug, in this build's order.
    pub added: Vec<String>,
    /// Findings of the earlier build this one does not have.
    pub removed: Vec<SnapshotFinding>,
    /// Findings that name other criteria, or are of another kind, now.
    pub moved: Vec<Moved>,
    /// Findings whose text changed.
    pub changed: Vec<Changed>,
    /// Whether the earlier build published its findings' texts (data from
    /// before it did cannot show what changed in them).
    pub texts_known: bool,
    /// Every figure that moved.
    pub figures: Vec<Figure>,
    /// The earlier build's action plan, each action beside this build's
    /// findings on the same standards: at the next review, where the
    /// reviewers look first. Empty when it had none.
    pub previous_actions: Vec<PreviousAction>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.moved.is_empty()
            && self.changed.is_empty()
            && self.figures.is_empty()
    }
}

/// What changed from `before` to `now`. Both must be of the same edition:
/// a public edition compared with a full one would show what the public
/// edition leaves out.
pub fn compare(before: &Snapshot, now: &Snapshot) -> Result<Changes, CompareError> {
    if before.edition != now.edition {
        return Err(CompareError {
            line: 0,
            column: 0,
            message: format!(
                "it is a build of the {} edition, and this is the {} edition: compare each edition with an earlier build of the same edition",
                edition_name(&before.edition),
                edition_name(&now.edition)
            ),
        });
    }
    let old: HashMap<&str, &SnapshotFinding> = before
        .findings
        .iter()
        .map(|f| (f.slug.as_str(), f))
        .collect();
    let new: HashMap<&str, &SnapshotFinding> =
        now.findings.iter().map(|f| (f.slug.as_str(), f)).collect();
    let added = now
        .findings
        .iter()
        .filter(|f| !old.contains_key(f.slug.as_str()))
        .map(|f| f.slug.clone())
        .collect();
    let removed = before
        .findings
        .iter()
        .filter(|f| !new.contains_key(f.slug.as_str()))
        .cloned()
        .collect();
    let mut moved = Vec::new();
    let mut changed = Vec::new();
    for f in &now.findings {
        let Some(was) = old.get(f.slug.as_str()) else {
            continue;
        };
        if was.criteria != f.criteria || was.kind != f.kind {
            moved.push(Moved {
                slug: f.slug.clone(),
                criteria_before: was.criteria.clone(),
                kind_before: was.kind.clone(),
            });
        }
        if let (Some(a), Some(b)) = (&was.text, &f.text)
            && words(a) != words(b)
        {
            changed.push(Changed {
                slug: f.slug.clone(),
                pieces: diff(a, b),
            });
        }
    }
    Ok(Changes {
        before: before.report.clone(),
        added,
        removed,
        moved,
        changed,
        texts_known: before.findings.iter().all(|f| f.text.is_some()),
        figures: figures(before, now),
        previous_actions: before
            .actions
            .iter()
            .map(|a| PreviousAction {
                action: a.clone(),
                related: now
                    .findings
                    .iter()
                    .filter(|f| f.criteria.iter().any(|c| a.standards.contains(c)))
                    .map(|f| f.slug.clone())
                    .collect(),
            })
            .collect(),
    })
}

/// A name for an edition in a message.
fn edition_name(edition: &str) -> &str {
    if edition.is_empty() { "full" } else { edition }
}

/// Every figure of `now` that is not what it was in `before`: key
/// questions' percentages and standards' ratings in framework order, then
/// the overall rating.
fn figures(before: &Snapshot, now: &Snapshot) -> Vec<Figure> {
    let standards = |s: &Snapshot| -> HashMap<String, SnapshotStandard> {
        s.domains
            .iter()
            .flat_map(|d| d.standards.iter().cloned())
            .map(|st| (st.id.clone(), st))
            .collect()
    };
    let was = standards(before);
    let mut out = Vec::new();
    for s in now.domains.iter().flat_map(|d| &d.standards) {
        let old = was.get(&s.id);
        for q in &s.questions {
            let before = old
                .and_then(|o| o.questions.iter().find(|x| x.id == q.id))
                .and_then(|x| x.percent);
            if before != q.percent {
                out.push(Figure::Question {
                    id: q.id.clone(),
                    before,
                    now: q.percent,
                });
            }
        }
        let before = old.and_then(|o| o.rating.clone());
        if before != s.rating {
            out.push(Figure::Rating {
                standard: s.id.clone(),
                before,
                now: s.rating.clone(),
            });
        }
    }
    if before.overall != now.overall {
        out.push(Figure::Overall {
            before: before.overall.clone(),
            now: now.overall.clone(),
        });
    }
    out
}

/// The words of a text.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// The word-level difference from `a` to `b`: a longest common
/// subsequence of their words, runs of each kind joined by spaces.
pub fn diff(a: &str, b: &str) -> Vec<Piece> {
    let (a, b) = (words(a), words(b));
    // Common words at either end need no table.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (x, y) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    let width = y.len() + 1;
    let mut lcs = vec![0u32; (x.len() + 1) * width];
    for i in (0..x.len()).rev() {
        for j in (0..y.len()).rev() {
            lcs[i * width + j] = if x[i] == y[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut steps: Vec<Piece> = a[..head]
        .iter()
        .map(|w| Piece::Same(w.to_string()))
        .collect();
    let (mut i, mut j) = (0, 0);
    while i < x.len() || j < y.len() {
        if i < x.len() && j < y.len() && x[i] == y[j] {
            steps.push(Piece::Same(x[i].to_string()));
            i += 1;
            j += 1;
        } else if j < y.len() && (i == x.len() || lcs[i * width + j + 1] > lcs[(i + 1) * width + j])
        {
            steps.push(Piece::Added(y[j].to_string()));
            j += 1;
        } else {
            steps.push(Piece::Removed(x[i].to_string()));
            i += 1;
        }
    }
    steps.extend(
        a[a.len() - tail..]
            .iter()
            .map(|w| Piece::Same(w.to_string())),
    );
    // One piece per run: removed words before added ones.
    let mut pieces: Vec<Piece> = Vec::new();
    for step in steps {
        match (pieces.last_mut(), step) {
            (Some(Piece::Same(run)), Piece::Same(w))
            | (Some(Piece::Added(run)), Piece::Added(w))
            | (Some(Piece::Removed(run)), Piece::Removed(w)) => {
                run.push(' ');
                run.push_str(&w);
            }
            (_, step) => pieces.push(step),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_difference_of_two_texts_is_word_by_word() {
        assert_eq!(
            diff("the cat sat on the mat", "the cat lay on the red mat"),
            [
                Piece::Same("the cat".into()),
                Piece::Removed("sat".into()),
                Piece::Added("lay".into()),
                Piece::Same("on the".into()),
                Piece::Added("red".into()),
                Piece::Same("mat".into()),
            ]
        );
        assert_eq!(diff("same", "same"), [Piece::Same("same".into())]);
        assert_eq!(diff("", "new words"), [Piece::Added("new words".into())]);
        assert_eq!(diff("old words", ""), [Piece::Removed("old words".into())]);
    }

    fn finding(slug: &str, kind: &str, criteria: &[&str], text: &str) -> SnapshotFinding {
        SnapshotFinding {
            slug: slug.into(),
            title: slug.into(),
            kind: kind.into(),
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
            text: Some(text.into()),
            url: String::new(),
        }
    }

    fn snapshot(findings: Vec<SnapshotFinding>, percent: Option<f64>) -> Snapshot {
        Snapshot {
            edition: "full".into(),
            report: SnapshotReport {
                title: "T".into(),
                version: None,
                version_date: None,
            },
            findings,
            domains: vec![SnapshotDomain {
                id: "1".into(),
                standards: vec![SnapshotStandard {
                    id: "1.1".into(),
                    rating: None,
                    questions: vec![SnapshotQuestion {
                        id: "1.1.1".into(),
                        percent,
                    }],
                }],
            }],
            overall: None,
            actions: Vec::new(),
        }
    }

    #[test]
    fn findings_are_added_removed_moved_and_changed_and_figures_moved() {
        let before = snapshot(
            vec![
                finding("kept", "strength", &["1.1"], "Same words."),
                finding("gone", "strength", &["1.1"], "Old."),
                finding("moved", "strength", &["1.1"], "Words."),
                finding("reworded", "strength", &["1.1"], "We saw this."),
            ],
            Some(50.0),
        );
        let now = snapshot(
            vec![
                finding("kept", "strength", &["1.1"], "Same   words."),
                finding("moved", "consideration", &["1.2"], "Words."),
                finding("reworded", "strength", &["1.1"], "We saw that."),
                finding("new", "strength", &["1.1"], "New."),
            ],
            Some(62.5),
        );
        let c = compare(&before, &now).unwrap();
        assert_eq!(c.added, ["new"]);
        assert_eq!(
            c.removed
                .iter()
                .map(|f| f.slug.as_str())
                .collect::<Vec<_>>(),
            ["gone"]
        );
        assert_eq!(
            c.moved,
            [Moved {
                slug: "moved".into(),
                criteria_before: vec!["1.1".into()],
                kind_before: "strength".into()
            }]
        );
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].slug, "reworded");
        assert_eq!(
            c.figures,
            [Figure::Question {
                id: "1.1.1".into(),
                before: Some(50.0),
                now: Some(62.5)
            }]
        );
        // Another edition is refused.
        let public = Snapshot {
            edition: "public".into(),
            ..now.clone()
        };
        assert!(
            compare(&before, &public)
                .unwrap_err()
                .message
                .contains("same edition")
        );
    }
}
