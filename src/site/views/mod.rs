//! Typed page contexts, made by `plan`: what a template receives, as
//! `#[derive(Serialize)]` structs that borrow from the review and the
//! analysis. Each field's doc comment is the theme's contract for it:
//! the context reference in `docs/themes.md` is made from these files
//! by `tests/testsuite/theme_reference.rs`, which fails when the two
//! differ (`EVIDENT_BLESS=1` rewrites the reference).
//!
//! - [`chrome`]: what every page has (`root`, `site`, `page`, …).
//! - [`pages`]: each page kind's own variables.
//! - [`parts`]: shapes several pages share (a finding, a standard, a key
//!   question, a case matrix).
//! - [`figures`]: ratings, the overall rating, the framework, labels,
//!   the edition and the sample's tables.

pub mod chrome;
pub mod figures;
pub mod pages;
pub mod parts;

pub use chrome::*;
pub use figures::*;
pub use pages::*;
pub use parts::*;

use serde::Serialize;

/// A page's whole context: the variables every page has, and its own.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// What every page has.
    #[serde(flatten)]
    pub chrome: Chrome<'a>,
    /// The page's own variables.
    #[serde(flatten)]
    pub own: PageOwn<'a>,
}

/// A page kind's own variables.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum PageOwn<'a> {
    /// `index.html`.
    Home(Box<HomePage<'a>>),
    /// `page.html`.
    Chapter(ChapterPage<'a>),
    /// `domain.html`.
    Domain(DomainPage<'a>),
    /// `standard.html`.
    Standard(Box<StandardPage<'a>>),
    /// `focus.html`.
    Focus(FocusPage<'a>),
    /// `cases.html`.
    Cases(CasesPage<'a>),
    /// `case.html`.
    Case(CasePage<'a>),
    /// `findings.html`.
    Findings(FindingsPage<'a>),
    /// `report.html`.
    Report(Box<ReportPage<'a>>),
    /// `404.html`.
    NotFound(NotFoundPage<'a>),
    /// `changes.html`.
    Changes(Box<ChangesPage<'a>>),
    /// `actions.html`.
    Actions(Box<ActionsPage<'a>>),
    /// `search.html`: only what every page has.
    Nothing {},
}
