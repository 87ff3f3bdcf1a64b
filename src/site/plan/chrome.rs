//! The variables every page shares: the site's header and navigation,
//! and the page's breadcrumbs, previous and next pages and sidebar
//! section.

use super::Planner;
use crate::model::{ResourceKind, TocEntry};
use crate::site::views::{
    Chrome, EditionView, FiguresView, KindView, LanguageLink, LinkView, LogoView, NavItem,
    PageView, RatingRuleView, SectionIds, SectionItem, SectionView, SiteView, VersionView,
};
use crate::site::{html, urls};

impl<'a> Planner<'a> {
    /// The logo as a page shows it: by its published path, or carried in
    /// the page itself (`inline`, for the printable report).
    fn logo(&'a self, inline: bool) -> Option<LogoView<'a>> {
        let logo = self.review.report.logo.as_ref()?;
        let resource = self.links.resource(&logo.path())?;
        let size = match resource.kind {
            ResourceKind::Image { size, .. } => size,
            ResourceKind::Download => return None,
        };
        Some(LogoView {
            url: if inline {
                html::data_url(resource)
            } else {
                urls::encode_path(&resource.published)
            },
            alt: &logo.alt.value,
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
        })
    }

    /// The chrome of the page at `path`: `crumbs` are the breadcrumbs after
    /// Home.
    pub(super) fn chrome(
        &'a self,
        path: &str,
        title: String,
        kind: &'static str,
        crumbs: Vec<LinkView>,
        toc: Vec<TocEntry>,
    ) -> Chrome<'a> {
        let r = &self.review.report;
        let at = self.positions.get(path).copied();
        let link = |i: Option<usize>| i.and_then(|i| self.sequence.get(i)).cloned();
        let prev = link(at.and_then(|i| i.checked_sub(1)));
        // Pages outside the reading order (search, 404) lead back to the start.
        let next = link(at.map_or(Some(0), |i| Some(i + 1)));
        let nav = self
            .domains_in_scope()
            .map(|d| {
                let url = urls::domain(&d.id.value);
                let current = path.starts_with(url.trim_end_matches("index.html"));
                NavItem {
                    id: &d.id.value,
                    title: &d.title,
                    url,
                    current,
                }
            })
            .collect();
        let mut breadcrumbs = vec![LinkView::new(self.locale.text("home"), "index.html".into())];
        breadcrumbs.extend(crumbs);
        Chrome {
            root: urls::root_of(path),
            lang: self.review.language(),
            ratings: r
                .show_ratings
                .then(|| RatingRuleView::new(self.review.framework.ratings.as_ref(), &self.locale)),
            figures: FiguresView::new(r.figures, &self.locale),
            edition: EditionView::new(self.review.edition, &self.locale),
            site: SiteView {
                title: r.title.value.text(),
                subtitle: r.subtitle.as_ref().map(|t| t.value.text()),
                header_title: r
                    .short_title
                    .as_ref()
                    .map_or(r.title.value.text(), |t| t.value.text()),
                organisation: r.organisation.value.text(),
                review_type: r
                    .review_type
                    .clone()
                    .unwrap_or_else(|| self.locale.text("review")),
                classification: r.classification.as_deref(),
                status: r.status.as_str(),
                is_draft: r.status == crate::model::Status::Draft,
                language: self.review.language(),
                languages: self.language_links(path),
                nav,
                assets: self.assets,
                has_focus: !self.review.focus_areas.is_empty(),
                kinds: self.kinds(),
                // The printable report carries its logo in itself, and so
                // does the 404 page, shown at addresses its folder is not.
                logo: self.logo(matches!(kind, "report" | "404")),
                version: self.version(),
                numbered_paragraphs: r.numbered_paragraphs,
            },
            page: PageView {
                path: path.to_string(),
                title,
                kind,
                breadcrumbs,
                prev,
                next,
                toc,
                section: self.section(path),
                ids: SectionIds::new(),
            },
        }
    }

    /// The report's version, when it has one.
    pub(super) fn version(&'a self) -> Option<VersionView<'a>> {
        let r = &self.review.report;
        let number = r.version.as_ref()?.value.as_str();
        let date = r.version_date.as_ref().map(|d| self.locale.date(&d.value));
        let line = match &date {
            Some(date) => self
                .locale
                .with("version_line_dated", &[("version", number), ("date", date)]),
            None => self.locale.with("version_line", &[("version", number)]),
        };
        Some(VersionView {
            number,
            date_iso: r.version_date.as_ref().map(|d| d.value.iso()),
            date,
            line,
        })
    }

    /// The page at `path` in each of the report's languages, for the
    /// switcher and the `hreflang` links: relative, so they work from disk.
    /// Empty for a report in one language. The 404 page is shown at any
    /// address and has no counterpart: it leads to each language's home
    /// page, from the base path as its other links do.
    pub(super) fn language_links(&'a self, path: &str) -> Vec<LanguageLink<'a>> {
        let all = self.languages.all;
        if all.len() < 2 {
            return Vec::new();
        }
        let (up, path) = if path == "404.html" {
            // This language's base path, less its own folder: the site's.
            let own = all[self.languages.current].1.as_str();
            let base = self.base_path.as_str();
            let site = base.strip_suffix(own).unwrap_or(base);
            (urls::encode_path(site), "index.html")
        } else {
            // Up to this language's site, then up out of its folder.
            let mut up = urls::root_of(path);
            if !all[self.languages.current].1.is_empty() {
                up.push_str("../");
            }
            (up, path)
        };
        all.iter()
            .enumerate()
            .map(|(i, (tag, folder))| LanguageLink {
                tag,
                name: &self.language_names[i],
                url: format!("{up}{folder}{path}"),
                current: i == self.languages.current,
            })
            .collect()
    }

    /// The finding kinds, in order.
    pub(super) fn kinds(&'a self) -> Vec<KindView<'a>> {
        self.review
            .kinds()
            .iter()
            .map(|k| KindView {
                id: &k.id.value,
                label: self.kind_label(&k.id.value),
            })
            .collect()
    }

    /// The group of pages `path` belongs to, for the sidebar: a domain and
    /// its standards, the focus areas, or the chapters. `None` elsewhere,
    /// and on a domain's own page, whose contents list already names each
    /// standard (as a section of that page).
    fn section(&'a self, path: &str) -> Option<SectionView> {
        let item = |url: String, title: String, lang: Option<&str>| SectionItem {
            current: url == path,
            url,
            title,
            lang: lang.map(str::to_string),
        };
        if let Some(d) = self
            .domains_in_scope()
            .find(|d| path.starts_with(urls::domain(&d.id.value).trim_end_matches("index.html")))
        {
            let url = urls::domain(&d.id.value);
            if url == path {
                return None;
            }
            let items = d
                .standards
                .iter()
                .map(|s| {
                    item(
                        urls::standard(&d.id.value, &s.id.value),
                        format!("{} {}", s.id.value, s.title),
                        None,
                    )
                })
                .collect();
            return Some(SectionView {
                title: self
                    .locale
                    .with("domain_title", &[("id", &d.id.value), ("title", &d.title)]),
                url: Some(url),
                current: false,
                items,
            });
        }
        let (title, items): (String, Vec<SectionItem>) = if path.starts_with("focus/") {
            let items = self
                .review
                .focus_areas
                .iter()
                .map(|f| {
                    item(
                        urls::focus(&f.slug),
                        f.meta.title.clone(),
                        self.untranslated(f.file),
                    )
                })
                .collect();
            (self.locale.text("focus_areas"), items)
        } else if path.starts_with("pages/") {
            let items = self
                .sequence
                .iter()
                .filter(|link| link.url.starts_with("pages/"))
                .map(|link| item(link.url.clone(), link.title.clone(), link.lang.as_deref()))
                .collect();
            (self.locale.text("chapters"), items)
        } else {
            return None;
        };
        Some(SectionView {
            title,
            url: None,
            current: false,
            items,
        })
    }
}
