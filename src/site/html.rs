//! HTML after rendering: the ids on a page and the links between pages.
//!
//! - [`unique_ids`] renames an id a page carries twice, so no page ever
//!   does, whatever the theme and the content produce.
//! - [`prefix_ids`] puts a prefix on every id of a fragment (and on the
//!   in-fragment links to them), so a page's headings keep their own names
//!   when the page is included in `report.html`.
//! - [`single_page`] makes `report.html` one page: every link to a page of
//!   the site becomes a link to the place in the report that shows it.

use super::urls;
use std::collections::HashSet;

/// Where a page of the site lives inside `report.html`.
pub(crate) fn report_anchor(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let strip = |s: &str| s.trim_end_matches(".html").to_string();
    Some(match parts.as_slice() {
        ["index.html"] | ["findings.html"] | ["report.html"] => "top".to_string(),
        ["pages", p] => format!("page-{}", strip(p)),
        ["focus", f] => format!("focus-{}", strip(f)),
        ["cases", "index.html"] => "cases".to_string(),
        ["cases", c] => urls::case_anchor(&strip(c)),
        ["domains", d, "index.html"] => format!("domain-{d}"),
        ["domains", _, s] => format!("std-{}", strip(s)),
        _ => return None,
    })
}

/// Rename repeated ids (`x`, `x-2`, `x-3`…) so no page carries an id twice,
/// whatever the templates and the authors' `{#id}`s produce; the first keeps
/// its name, so links to it still land. Returns the page and its ids.
pub fn unique_ids(html: &str) -> (String, HashSet<String>) {
    let mut ids: HashSet<String> = HashSet::new();
    let out = rewrite_values(html, &[ID], |id| {
        if ids.insert(id.to_string()) {
            return id.to_string();
        }
        let renamed = (2..)
            .map(|n| format!("{id}-{n}"))
            .find(|c| !ids.contains(c) && !html.contains(&format!("{ID}{c}\"")))
            .unwrap_or_default();
        ids.insert(renamed.clone());
        renamed
    });
    (out, ids)
}

/// Make the report one page: ids made unique, then every link to a page of
/// the site rewritten to the place in the report that holds it — the exact
/// `#anchor` when the report has it, else the section of that page.
pub fn single_page(html: &str) -> String {
    let (html, ids) = unique_ids(html);
    rewrite_values(&html, &[HREF], |value| {
        let internal = !value.starts_with('#') && !value.contains(':') && !value.starts_with('/');
        let mapped = internal.then(|| {
            let (page, fragment) = value
                .split_once('#')
                .map_or((value, None), |(p, f)| (p, Some(f)));
            let section = report_anchor(page.trim_start_matches("./"));
            // A chapter's or focus area's headings carry its section's name
            // in the report (see `prefix_ids`); other ids keep their own.
            let prefixed = section
                .as_deref()
                .filter(|s| s.starts_with("page-") || s.starts_with("focus-"))
                .zip(fragment)
                .map(|(s, f)| format!("{s}--{f}"));
            prefixed
                .filter(|p| ids.contains(p))
                .or_else(|| fragment.filter(|f| ids.contains(*f)).map(str::to_string))
                .or(section)
                .map(|a| format!("#{a}"))
        });
        mapped.flatten().unwrap_or_else(|| value.to_string())
    })
}

/// Every id of a fragment, and every `href="#id"` pointing at one of them,
/// with `prefix` in front. Links to ids elsewhere are left alone.
pub fn prefix_ids(fragment: &str, prefix: &str) -> String {
    let mut ids = HashSet::new();
    rewrite_values(fragment, &[ID], |id| {
        ids.insert(id.to_string());
        id.to_string()
    });
    rewrite_values(fragment, &[ID, LOCAL_HREF], |value| {
        if ids.contains(value) {
            format!("{prefix}{value}")
        } else {
            value.to_string()
        }
    })
}

/// The start of an `id` attribute.
const ID: &str = " id=\"";
/// The start of an `href` attribute.
const HREF: &str = "href=\"";
/// The start of an `href` to an id on the same page (the `#` is kept).
const LOCAL_HREF: &str = "href=\"#";

/// `html` with the value of every attribute that starts with one of
/// `markers` (up to its closing quote) replaced by `map(value)`, in
/// document order. The one scan behind every rewrite in this module.
fn rewrite_values(html: &str, markers: &[&str], mut map: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some((at, marker)) = markers
        .iter()
        .filter_map(|m| rest.find(m).map(|i| (i, *m)))
        .min_by_key(|(i, _)| *i)
    {
        out.push_str(&rest[..at + marker.len()]);
        let after = &rest[at + marker.len()..];
        let Some(end) = after.find('"') else {
            rest = after;
            break;
        };
        out.push_str(&map(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_links_become_anchors_and_ids_stay_unique() {
        let html = r#"<a href="domains/2/2-1.html#finding-x">x</a> <a href="pages/approach.html">a</a>
<div id="finding-x"></div><div id="finding-x"></div><a href="https://example.org/a.html">e</a>"#;
        let out = single_page(html);
        assert!(out.contains(r##"href="#finding-x""##), "{out}");
        assert!(out.contains(r##"href="#page-approach""##));
        assert!(out.contains(r#"id="finding-x-2""#));
        assert!(out.contains("https://example.org/a.html"));
    }

    #[test]
    fn report_links_to_missing_anchors_land_on_the_section() {
        let html =
            r#"<section id="std-2-1"></section><a href="domains/2/2-1.html#questions">q</a>"#;
        assert!(single_page(html).contains(r##"href="#std-2-1""##));
    }

    #[test]
    fn report_links_to_chapter_headings_use_the_chapter_prefix() {
        let html = r#"<section id="page-a"><h3 id="page-a--context">C</h3></section><section id="focus-b"><h3 id="focus-b--context">C</h3></section><a href="focus/b.html#context">x</a><a href="pages/a.html#context">y</a>"#;
        let out = single_page(html);
        assert!(out.contains(r##"href="#focus-b--context""##), "{out}");
        assert!(out.contains(r##"href="#page-a--context""##), "{out}");
    }

    #[test]
    fn prefix_ids_touches_only_the_fragments_own_ids() {
        let html =
            r##"<h2 id="context">C</h2><a href="#context">here</a><a href="#finding-x">there</a>"##;
        assert_eq!(
            prefix_ids(html, "page-a--"),
            r##"<h2 id="page-a--context">C</h2><a href="#page-a--context">here</a><a href="#finding-x">there</a>"##
        );
    }

    #[test]
    fn repeated_ids_are_renamed_on_every_page() {
        let (html, ids) =
            unique_ids(r#"<main id="main"></main><h2 id="main">x</h2><p id="main-2"></p>"#);
        assert_eq!(
            html,
            r#"<main id="main"></main><h2 id="main-3">x</h2><p id="main-2"></p>"#
        );
        assert_eq!(ids.len(), 3);
    }
}
