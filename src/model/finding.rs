use super::FileId;
use super::{Body, Located};
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
