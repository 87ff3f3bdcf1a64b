//! The review's findings indexed once per build: which findings name a
//! criterion, fall under a domain, are tagged with a focus area or draw
//! on a case, each list in display order. Planning, the data files and
//! link checking read these lists instead of filtering every finding for
//! every page.
//!
//! Positions are indices into [`Review::findings`], so the index is plain
//! data that can sit beside the review it was made from. It is made after
//! drafts are left out (the pipeline does this once), and is valid for
//! that review only.

use super::Review;
use std::collections::HashMap;

/// The findings of one review, indexed.
#[derive(Debug, Clone, Default)]
pub struct ReviewIndex {
    /// Every finding, in display order.
    all: Vec<usize>,
    /// By the criterion (standard or domain) they name.
    by_criterion: HashMap<String, Vec<usize>>,
    /// By domain: naming the domain or any of its standards, each once.
    by_domain: HashMap<String, Vec<usize>>,
    /// By the focus area's name, as findings name it.
    by_focus: HashMap<String, Vec<usize>>,
    /// By case id.
    by_case: HashMap<String, Vec<usize>>,
    /// Naming no criterion.
    unplaced: Vec<usize>,
    /// The actions (findings of actionable kinds), in the plan's order.
    actions: Vec<usize>,
}

impl ReviewIndex {
    /// Index the findings of `review`.
    pub fn new(review: &Review) -> ReviewIndex {
        let mut all: Vec<usize> = (0..review.findings.len()).collect();
        all.sort_by(|&a, &b| display_order(&review.findings[a], &review.findings[b]));
        let mut index = ReviewIndex::default();
        // Each finding is pushed in display order, so every list is too.
        for &i in &all {
            let f = &review.findings[i];
            if f.meta.criteria.is_empty() {
                index.unplaced.push(i);
            }
            let mut domains: Vec<&str> = Vec::new();
            for c in &f.meta.criteria {
                push_once(&mut index.by_criterion, &c.value, i);
                let domain = match review.framework.standard(&c.value) {
                    Some((d, _)) => Some(d.id.value.as_str()),
                    None => review
                        .framework
                        .domain(&c.value)
                        .map(|d| d.id.value.as_str()),
                };
                if let Some(d) = domain.filter(|d| !domains.contains(d)) {
                    domains.push(d);
                    push_once(&mut index.by_domain, d, i);
                }
            }
            for s in &f.meta.focus {
                push_once(&mut index.by_focus, &s.value, i);
            }
            for c in &f.meta.cases {
                push_once(&mut index.by_case, &c.value, i);
            }
        }
        // The plan's order: by priority (most urgent first, none last),
        // then by due date (none last), then as the site lists findings.
        let priorities = review.report.priorities();
        index.actions = all
            .iter()
            .copied()
            .filter(|&i| {
                review
                    .kind(&review.findings[i].meta.kind.value)
                    .is_some_and(|k| k.is_actionable())
            })
            .collect();
        index.actions.sort_by_key(|&i| {
            let meta = &review.findings[i].meta;
            let rank = meta
                .priority
                .as_ref()
                .and_then(|p| priorities.iter().position(|known| *known == p.value))
                .unwrap_or(priorities.len());
            let due = meta.due.as_ref().map(|d| d.value.last_day());
            (rank, due.is_none(), due)
        });
        index.all = all;
        index
    }

    /// The actions: findings of the kinds the report marks actionable, by
    /// priority (most urgent first), then due date (soonest first; none
    /// last), then in the order the site lists findings.
    pub fn actions(&self) -> &[usize] {
        &self.actions
    }

    /// Every finding, in display order.
    pub fn all(&self) -> &[usize] {
        &self.all
    }

    /// The findings that name the criterion `id` (a standard or a domain
    /// itself).
    pub fn naming(&self, id: &str) -> &[usize] {
        self.by_criterion.get(id).map_or(&[], Vec::as_slice)
    }

    /// The findings under the domain `id`: naming it or any of its
    /// standards, each once.
    pub fn in_domain(&self, id: &str) -> &[usize] {
        self.by_domain.get(id).map_or(&[], Vec::as_slice)
    }

    /// The findings tagged with the focus area named `name`.
    pub fn in_focus(&self, name: &str) -> &[usize] {
        self.by_focus.get(name).map_or(&[], Vec::as_slice)
    }

    /// The findings that draw on the case `id`.
    pub fn drawing_on(&self, id: &str) -> &[usize] {
        self.by_case.get(id).map_or(&[], Vec::as_slice)
    }

    /// The findings that name no criterion.
    pub fn unplaced(&self) -> &[usize] {
        &self.unplaced
    }
}

/// Add `i` to the list under `key`, unless a finding names the same key
/// twice.
fn push_once(map: &mut HashMap<String, Vec<usize>>, key: &str, i: usize) {
    let list = map.entry(key.to_string()).or_default();
    if list.last() != Some(&i) {
        list.push(i);
    }
}

/// Display order: `order`, then title, then slug (unique, so the order is
/// total).
pub fn display_order(a: &super::Finding, b: &super::Finding) -> std::cmp::Ordering {
    by_order(a.meta.order.as_ref(), b.meta.order.as_ref())
        .then_with(|| a.meta.title.cmp(&b.meta.title))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Compare two optional `order` values: items without one go last. A total
/// order even for values `check` rejects (`.nan`, `.inf`), so sorting never
/// panics on them. Kept here, with the data, because parsing (which sorts
/// pages and focus areas) and the index (which sorts findings) both use it.
pub fn by_order(
    a: Option<&super::Located<f64>>,
    b: Option<&super::Located<f64>>,
) -> std::cmp::Ordering {
    let key = |o: Option<&super::Located<f64>>| o.map_or(f64::INFINITY, |o| o.value);
    key(a).total_cmp(&key(b))
}
