use super::FileId;
use super::{ActionStatus, Body, Date, Located, Progress};
use serde::Deserialize;

/// Front matter of a finding file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingMeta {
    /// Headline of the finding.
    pub title: String,
    /// One of the report's finding kinds.
    pub kind: Located<String>,
    /// Standard or domain ids; empty means "Other findings".
    #[serde(default)]
    pub criteria: Vec<Located<String>>,
    /// The names of the focus areas it contributes to.
    #[serde(default)]
    pub focus: Vec<Located<String>>,
    /// Case ids this finding draws on.
    #[serde(default)]
    pub cases: Vec<Located<String>>,
    /// Sort key within its group (then title).
    #[serde(default)]
    pub order: Option<Located<f64>>,
    /// Drafts appear only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Who owns the action (an actionable kind only): free text, or one
    /// of `owners:` when the report lists them.
    #[serde(default)]
    pub owner: Option<Located<String>>,
    /// How urgent the action is: one of the report's `priorities:`.
    #[serde(default)]
    pub priority: Option<Located<String>>,
    /// When the action is due (`YYYY-MM-DD` or `YYYY-MM`).
    #[serde(default)]
    pub due: Option<Located<Date>>,
    /// How far the action has got (default `not-started`).
    #[serde(default)]
    pub status: Option<Located<ActionStatus>>,
    /// The latest word on the action.
    #[serde(default)]
    pub progress: Option<Located<Progress>>,
}

impl FindingMeta {
    /// The action's status: as written, else `not-started`.
    pub fn action_status(&self) -> ActionStatus {
        self.status.as_ref().map(|s| s.value).unwrap_or_default()
    }
}

/// A finding: one file in `content/findings/`.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Its name: the file stem as written (composed), which other files
    /// use to refer to it.
    pub name: String,
    /// What its anchors and ids are made of: the name, in ASCII when it
    /// is not ([`crate::model::file_slug`]); unique.
    pub slug: String,
    /// The file it came from.
    pub file: FileId,
    /// Its front matter (positions are whole-file lines).
    pub meta: FindingMeta,
    /// The rendered body.
    pub body: Body,
}
