//! The action plan: `actions.html`, and the same plan as a section of
//! `report.html`. Every action (a finding of an actionable kind) in the
//! plan's order, which the review's index settled once; counts by status
//! and owner; overdue marks judged on the build's `as_of` day, never on
//! the clock.

use super::{PagePlan, Planner};
use crate::model::{ActionStatus, DEFAULT_PRIORITIES, overdue};
use crate::site::html::ReportIds;
use crate::site::urls;
use crate::site::views::{
    ActionFilters, ActionPlan, ActionView, ActionsPage, Choice, CountOf, LinkView, PageContext,
    PageOwn, ProgressView,
};

/// The value the filters and counts give actions without an owner, and the
/// filter by standard those that name no standard (a finding on a focus
/// area or the service as a whole). The template writes the same value.
const NO_OWNER: &str = "-";
const NO_STANDARD: &str = "-";

impl<'a> Planner<'a> {
    /// `actions.html`.
    pub(super) fn actions_page(&'a self) -> PagePlan<'a> {
        let path = "actions.html".to_string();
        let title = self.locale.text("action_plan");
        let chrome = self.chrome(
            &path,
            title.clone(),
            "actions",
            vec![LinkView::new(title, path.clone())],
            Vec::new(),
        );
        PagePlan {
            path,
            template: "actions.html",
            context: PageContext {
                chrome,
                own: PageOwn::Actions(Box::new(ActionsPage {
                    plan: self.action_plan(None),
                })),
            },
        }
    }

    /// The action plan; its links lead to each finding's page, or with
    /// `report` to its place in `report.html`.
    pub(super) fn action_plan(&'a self, report: Option<&ReportIds>) -> ActionPlan<'a> {
        let review = self.review;
        let as_of = self.as_of;
        let status_label = |s: ActionStatus| self.locale.text(status_key(s));
        let actions: Vec<ActionView<'a>> = self
            .index
            .actions()
            .iter()
            .map(|&i| {
                let f = &review.findings[i];
                let m = &f.meta;
                let status = m.action_status();
                let url = urls::finding(review, f);
                ActionView {
                    id: &f.slug,
                    title: &m.title,
                    url: match report {
                        Some(ids) => ids.anchor(&url),
                        None => url,
                    },
                    kind: self.kind_tag_of(&m.kind.value),
                    criteria: m.criteria.iter().map(|c| c.value.as_str()).collect(),
                    owner: m.owner.as_ref().map(|o| o.value.trim()),
                    priority_id: m.priority.as_ref().map(|p| p.value.as_str()),
                    priority: m.priority.as_ref().map(|p| self.priority_label(&p.value)),
                    due: m.due.as_ref().map(|d| self.locale.date(&d.value)),
                    due_iso: m.due.as_ref().map(|d| d.value.iso()),
                    status: status.as_str(),
                    status_label: status_label(status),
                    overdue: overdue(m.due.as_ref().map(|d| &d.value), status, as_of)
                        .unwrap_or(false),
                    progress: m.progress.as_ref().map(|p| ProgressView {
                        date: self.locale.date(&p.value.date.value),
                        date_iso: p.value.date.value.iso(),
                        note: &p.value.note,
                    }),
                }
            })
            .collect();
        let by_status = ActionStatus::ALL
            .into_iter()
            .map(|s| CountOf {
                id: s.as_str(),
                label: status_label(s),
                count: actions.iter().filter(|a| a.status == s.as_str()).count(),
            })
            .collect();
        // The owners as the report lists them, else as actions name them.
        let mut owners: Vec<&'a str> = match &review.report.owners {
            Some(listed) => listed.iter().map(|o| o.value.trim()).collect(),
            None => Vec::new(),
        };
        for owner in actions.iter().filter_map(|a| a.owner) {
            if !owners.contains(&owner) {
                owners.push(owner);
            }
        }
        let unowned = actions.iter().filter(|a| a.owner.is_none()).count();
        let mut by_owner: Vec<CountOf<'a>> = owners
            .iter()
            .map(|&o| CountOf {
                id: o,
                label: o.to_string(),
                count: actions.iter().filter(|a| a.owner == Some(o)).count(),
            })
            .collect();
        if unowned > 0 {
            by_owner.push(CountOf {
                id: NO_OWNER,
                label: self.locale.text("no_owner"),
                count: unowned,
            });
        }
        let named: Vec<&str> = actions
            .iter()
            .flat_map(|a| a.criteria.iter().copied())
            .collect();
        let standards = review
            .framework
            .domains
            .iter()
            .flat_map(|d| {
                std::iter::once((&d.id.value, &d.title))
                    .chain(d.standards.iter().map(|s| (&s.id.value, &s.title)))
            })
            .filter(|(id, _)| named.contains(&id.as_str()))
            .map(|(id, title)| Choice {
                id,
                title: format!("{id} {title}"),
            })
            .chain(
                actions
                    .iter()
                    .any(|a| a.criteria.is_empty())
                    .then(|| Choice {
                        id: NO_STANDARD,
                        title: self.locale.text("no_standard"),
                    }),
            )
            .collect();
        let filters = ActionFilters {
            owners: by_owner
                .iter()
                .map(|c| Choice {
                    id: c.id,
                    title: c.label.clone(),
                })
                .collect(),
            statuses: ActionStatus::ALL
                .into_iter()
                .map(|s| Choice {
                    id: s.as_str(),
                    title: status_label(s),
                })
                .collect(),
            standards,
        };
        ActionPlan {
            overdue: actions.iter().filter(|a| a.overdue).count(),
            total: actions.len(),
            as_of: as_of.map(|d| self.locale.date(d)),
            actions,
            by_status,
            by_owner,
            filters,
        }
    }

    /// A priority as the page says it: the theme's word for the default
    /// priorities (`high`, `medium`, `low`), else as the author wrote it.
    fn priority_label(&self, priority: &str) -> String {
        match DEFAULT_PRIORITIES.iter().position(|p| *p == priority) {
            Some(i) => self
                .locale
                .text(["priority_high", "priority_medium", "priority_low"][i]),
            None => priority.to_string(),
        }
    }
}

/// The locale key of a status's name.
pub(super) fn status_key(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::NotStarted => "status_not_started",
        ActionStatus::InProgress => "status_in_progress",
        ActionStatus::Done => "status_done",
        ActionStatus::Superseded => "status_superseded",
    }
}
