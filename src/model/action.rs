//! Actions: what a reviewed service does about a finding. A finding of a
//! kind the report marks actionable (`finding_kinds: … actionable: true`;
//! by default areas for consideration and recommendations) may carry an
//! owner, a priority, a due date, a status and its latest progress, and
//! `report.yaml` may list the owners and priorities allowed. Plain data,
//! read by the checks, the action plan page and the tracker's files.

use super::{Date, Located};
use serde::Deserialize;

/// How far an action has got: `status:` in a finding's front matter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    /// Nothing done yet (the default).
    #[default]
    NotStarted,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Replaced by another action, or overtaken by events.
    Superseded,
}

impl ActionStatus {
    /// Every status, in the order a plan lists them.
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Superseded,
    ];

    /// The status as front matter and the tracker's file write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not-started",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::Superseded => "superseded",
        }
    }

    /// The status written as `text`, if it is one.
    pub fn parse(text: &str) -> Option<ActionStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the action is still open: not done and not superseded, so
    /// a due date past can make it overdue.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::NotStarted | ActionStatus::InProgress)
    }
}

/// `progress:` in a finding's front matter: the latest word on the action.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// When it was written (`YYYY-MM-DD` or `YYYY-MM`).
    pub date: Located<Date>,
    /// What has been done.
    pub note: String,
}

/// `actions:` in `report.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSettings {
    /// Every actionable finding must name an owner (a warning for each
    /// that does not).
    #[serde(default)]
    pub required: bool,
}

/// Whether an action due `due`, at `status`, is overdue on `as_of`: `None`
/// when there is no date to judge by (nothing is marked, rather than
/// judged by the clock), else whether it is still open and its due date
/// is past.
pub fn overdue(due: Option<&Date>, status: ActionStatus, as_of: Option<&Date>) -> Option<bool> {
    let as_of = as_of?;
    Some(status.is_open() && due.is_some_and(|due| due.last_day() < as_of.first_day()))
}

/// The priorities a report that names none offers, most urgent first.
pub const DEFAULT_PRIORITIES: [&str; 3] = ["high", "medium", "low"];
