//! Markdown: render a body to sanitised HTML in one pass of our own over
//! pulldown-cmark's events.
//!
//! 1. Parse with CommonMark + GFM tables, footnotes, strikethrough, task
//!    lists, alerts (`> [!NOTE]`) and `{#id}` heading attributes, keeping each
//!    event's byte range so links can be traced to a line.
//! 2. Give every heading an id (the author's `{#id}`, else a slug of its text
//!    behind the caller's prefix, made unique) and collect the contents list.
//! 3. Replace internal links (`std:2.1`, `case:C04`, `../findings/x.md#a`…)
//!    with placeholders and record them; the plan resolves them to relative
//!    URLs once the site map is known.
//! 4. Give footnotes and alerts our own markup, with ids behind the prefix so
//!    two findings on one page never share an id.
//! 5. Write HTML with pulldown-cmark, then sanitise it with ammonia: raw HTML
//!    keeps its harmless tags, loses scripts, event handlers and
//!    `javascript:` URLs.
//! 6. Wrap every table in a labelled, focusable box that scrolls sideways on
//!    its own, so a wide table never widens the page and keyboard users can
//!    still scroll it (WCAG 1.4.10 reflow, 2.1.1 keyboard).

use super::memo::Memo;
use crate::content::SourceFile;
use crate::model::{Body, LinkRef, LinkTarget, TocEntry};
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Ids the default theme gives its own elements. A heading whose slug would
/// be one of these gets a `-1` suffix instead, so `## Cases` on a focus page
/// does not take the id of the page's own "Cases" section. (Every page is
/// also made free of repeated ids after rendering, whatever the theme.)
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "contents",
    "contents-heading",
    "toc-heading",
    "summary",
    "summary-heading",
    "chapters-heading",
    "domains-heading",
    "focus-heading",
    "other-heading",
    "other-findings",
    "domain-wide",
    "narrative",
    "intro",
    "findings",
    "cases",
    "sample",
    "questions",
    "chart-title",
    "site-search-q",
    "search-q",
    "search-status",
    "search-results",
    "finding-filters",
    "filter-kind",
    "filter-standard",
    "filter-focus",
    "filter-status",
];

/// Beginnings of ids the default theme makes from names (`case-C04`,
/// `std-2-1`, `finding-<slug>`…). A heading of a page, focus area or the
/// case sample's introduction whose slug would start like one gets `h-` in
/// front, so `## Case C04` cannot take the id of case C04's row.
pub const RESERVED_PREFIXES: &[&str] = &[
    "case-", "matrix-", "notes-", "page-", "focus-", "std-", "domain-", "kind-", "finding-", "fn-",
    "fnref-", "other-", "filter-", "site-", "search-", "toc-", "chart-",
];

/// The placeholder written for internal link number N: `#evident-link-N`.
pub const LINK_PLACEHOLDER: &str = "#evident-link-";

/// Where a body sits, so links and positions can be traced to the file.
#[derive(Debug, Clone, Copy)]
pub struct BodySource<'a> {
    /// The file holding the body; relative links resolve from its folder.
    pub file: &'a SourceFile,
    /// Byte offset of the body in the file's text, when the body is a slice
    /// of it. Markdown held in a YAML string is not (quoting and folding
    /// change it): then links get no position here and the caller places
    /// them.
    pub offset: Option<usize>,
}

/// What a body's rendering depends on: its text, where it sits (the file's
/// path and whole text decide relative links and line numbers) and the id
/// prefix. Equal keys render to equal bodies.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct MemoKey {
    path: String,
    file_hash: u64,
    offset: Option<usize>,
    prefix: String,
    text: String,
}

/// Bodies rendered before (see [`super::memo`]).
pub(crate) static BODIES: Memo<MemoKey, Body> = Memo::new();

/// Render Markdown `text` (found at `source`) with heading and footnote ids
/// behind `id_prefix`.
pub fn render(text: &str, source: Option<BodySource<'_>>, id_prefix: &str) -> Body {
    if !BODIES.is_on() {
        return render_fresh(text, source, id_prefix);
    }
    let key = MemoKey {
        path: source.map_or(String::new(), |s| s.file.path.clone()),
        file_hash: source.map_or(0, |s| s.file.text_hash()),
        offset: source.and_then(|s| s.offset),
        prefix: id_prefix.to_string(),
        text: text.to_string(),
    };
    BODIES.get_or(key, || render_fresh(text, source, id_prefix))
}

fn render_fresh(text: &str, source: Option<BodySource<'_>>, id_prefix: &str) -> Body {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(text, options).into_offset_iter().collect();

    let dir = source.map_or(String::new(), |s| {
        s.file
            .path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    });
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut toc = Vec::new();
    let mut links = Vec::new();
    let mut plain = String::new();
    let mut used_ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut footnote_numbers: HashMap<String, usize> = HashMap::new();
    let mut footnote_refs: HashMap<String, usize> = HashMap::new();
    let mut footnote_ids = FootnoteIds::default();
    let referenced: HashSet<String> = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::FootnoteReference(name) => Some(name.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let title = heading_text(&events[i + 1..]);
                let id = match id {
                    Some(id) => id.to_string(),
                    None => {
                        let mut base = format!("{id_prefix}{}", slug(&title));
                        if id_prefix.is_empty()
                            && RESERVED_PREFIXES.iter().any(|p| base.starts_with(p))
                        {
                            base.insert_str(0, "h-");
                        }
                        unique(&base, &mut used_ids)
                    }
                };
                used_ids.insert(id.clone());
                toc.push(TocEntry {
                    level: *level as u8,
                    id: id.clone(),
                    title,
                });
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = match classify_link(dest_url, &dir) {
                    Some((target, anchor)) => {
                        let (line, column) = match source {
                            Some(BodySource {
                                file,
                                offset: Some(offset),
                            }) => {
                                let at = text[range.clone()]
                                    .rfind(dest_url.as_ref())
                                    .map_or(range.start, |p| range.start + p);
                                file.position(offset + at)
                            }
                            _ => (0, 0),
                        };
                        links.push(LinkRef {
                            target,
                            anchor,
                            line,
                            column,
                            len: dest_url.chars().count(),
                            written: dest_url.to_string(),
                        });
                        CowStr::from(format!("{LINK_PLACEHOLDER}{}", links.len() - 1))
                    }
                    None => dest_url.clone(),
                };
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::FootnoteReference(name) => {
                let next = footnote_numbers.len() + 1;
                let n = *footnote_numbers.entry(name.to_string()).or_insert(next);
                let name = footnote_ids.id(name, id_prefix);
                // The note links back to the first reference; later ones
                // get ids of their own so none is repeated.
                let seen = footnote_refs.entry(name.clone()).or_insert(0);
                *seen += 1;
                let id = if *seen == 1 {
                    format!("fnref-{name}")
                } else {
                    format!("fnref-{name}-{seen}")
                };
                out.push(Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{name}\" id=\"{id}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(raw)) => {
                let next = footnote_numbers.len() + 1;
                let n = *footnote_numbers.entry(raw.to_string()).or_insert(next);
                let name = footnote_ids.id(raw, id_prefix);
                // Link back only to a reference that exists.
                let label = if referenced.contains(raw.as_ref()) {
                    format!("<a href=\"#fnref-{name}\">{n}</a>")
                } else {
                    n.to_string()
                };
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{name}\"><p class=\"footnote-label\">{label}</p>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = alert(*kind);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"alert alert-{class}\"><p class=\"alert-title\">{label}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Text(t) | Event::Code(t) => {
                plain.push_str(t);
                out.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                out.push(event.clone());
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                plain.push(' ');
                out.push(event.clone());
            }
            _ => out.push(event.clone()),
        }
        i += 1;
    }

    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, out.into_iter());
    Body {
        html: wrap_tables(&SANITISER.clean(&raw).to_string()),
        text: plain.split_whitespace().collect::<Vec<_>>().join(" "),
        toc,
        links,
    }
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class"])
        .add_tag_attributes("th", ["scope", "style"])
        .add_tag_attributes("td", ["style"])
        // Table cells keep the alignment Markdown gives them, and no other
        // style: `style` is allowed only as `text-align: left|center|right`.
        .attribute_filter(|element, attribute, value| {
            if attribute != "style" {
                return Some(value.into());
            }
            let aligned = matches!(element, "th" | "td")
                && matches!(
                    value.trim().trim_end_matches(';').trim(),
                    "text-align: left" | "text-align: center" | "text-align: right"
                );
            aligned.then(|| value.into())
        })
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .link_rel(None);
    b
});

/// The box every table of a body sits in; the theme's `.table-wrap` rule
/// lets it scroll.
const TABLE_WRAP: &str =
    r#"<div class="table-wrap" role="region" tabindex="0" aria-label="Table">"#;

/// Put each `<table>` of sanitised HTML inside [`TABLE_WRAP`]. Sanitised
/// output escapes `<` in text, so every `<table` here is a real tag.
fn wrap_tables(html: &str) -> String {
    if !html.contains("<table") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let opens =
            rest.starts_with("<table") && matches!(rest.as_bytes().get(6), Some(b' ' | b'>'));
        if opens {
            out.push_str(TABLE_WRAP);
            out.push('<');
        } else if let Some(after) = rest.strip_prefix("</table>") {
            out.push_str("</table></div>");
            rest = after;
            continue;
        } else {
            out.push('<');
        }
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// Sanitise an HTML fragment with the same rules as Markdown bodies.
pub fn sanitise(html: &str) -> String {
    SANITISER.clean(html).to_string()
}

/// One id per footnote name, distinct even when two names slug alike
/// (`[^a b]` and `[^a-b]`).
#[derive(Default)]
struct FootnoteIds {
    by_name: HashMap<String, String>,
    used: HashSet<String>,
}

impl FootnoteIds {
    fn id(&mut self, name: &str, prefix: &str) -> String {
        if let Some(id) = self.by_name.get(name) {
            return id.clone();
        }
        let id = unique(&format!("{prefix}{}", slug(name)), &mut self.used);
        self.used.insert(id.clone());
        self.by_name.insert(name.to_string(), id.clone());
        id
    }
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

fn heading_text(rest: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    let mut title = String::new();
    for (e, _) in rest {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            _ => {}
        }
    }
    title.trim().to_string()
}

fn unique(base: &str, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    if !used.contains(base) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !used.contains(c))
        .unwrap_or_default()
}

/// A URL- and id-safe slug: lowercase letters and digits, other runs
/// collapsed to `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Decide whether a link destination names content, and what.
pub fn classify_link(dest: &str, dir: &str) -> Option<(LinkTarget, Option<String>)> {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let typed = [
        ("std:", LinkTarget::Standard as fn(String) -> LinkTarget),
        ("domain:", LinkTarget::Domain),
        ("case:", LinkTarget::Case),
        ("focus:", LinkTarget::Focus),
        ("page:", LinkTarget::Page),
    ];
    for (prefix, make) in typed {
        if let Some(id) = path.strip_prefix(prefix) {
            return Some((make(id.to_string()), anchor));
        }
    }
    let has_scheme = path.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
    if path.is_empty() || has_scheme || path.starts_with('/') || !path.ends_with(".md") {
        return None;
    }
    Some((LinkTarget::File(join(dir, path)), anchor))
}

/// Join a relative path onto a folder, resolving `.` and `..`.
fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return format!("../{rel}");
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ContentKind;

    #[test]
    fn remembered_bodies_equal_fresh_ones_and_depend_on_where_they_sit() {
        crate::content::remember();
        let text = "# Heading\n\nSee [the other](../b/y.md) and [std](std:2.1).\n";
        let at = |path: &str, front: &str| {
            let file = SourceFile::new(path, ContentKind::Finding, format!("{front}{text}"));
            let source = BodySource {
                file: &file,
                offset: Some(front.len()),
            };
            (
                render(text, Some(source), "x-"),
                render_fresh(text, Some(source), "x-"),
            )
        };
        let (first, fresh) = at("content/findings/a/x.md", "---\ntitle: x\n---\n");
        assert_eq!(first, fresh);
        let (again, _) = at("content/findings/a/x.md", "---\ntitle: x\n---\n");
        assert_eq!(again, first);
        // Another folder: the relative link names another file.
        let (moved, fresh) = at("content/findings/a/deeper/x.md", "---\ntitle: x\n---\n");
        assert_eq!(moved, fresh);
        assert_ne!(moved.links[0].target, first.links[0].target);
        // More front matter: the same body starts on a later line.
        let (lower, fresh) = at("content/findings/a/x.md", "---\ntitle: x\norder: 2\n---\n");
        assert_eq!(lower, fresh);
        assert_eq!(lower.links[0].line, first.links[0].line + 1);
        assert!(crate::content::forget_unused() >= 3);
    }

    fn body(text: &str) -> Body {
        let file = SourceFile::new(
            "content/findings/a/x.md",
            ContentKind::Finding,
            format!("---\ntitle: x\n---\n{text}"),
        );
        let offset = file.text.len() - text.len();
        let source = BodySource {
            file: &file,
            offset: Some(offset),
        };
        render(text, Some(source), "x-")
    }

    #[test]
    fn headings_get_unique_prefixed_ids_and_a_toc() {
        let b = body("## Evidence seen\n\ntext\n\n## Evidence seen\n\n### Custom {#mine}\n");
        let ids: Vec<_> = b.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["x-evidence-seen", "x-evidence-seen-1", "mine"]);
        assert!(
            b.html
                .contains("<h2 id=\"x-evidence-seen\">Evidence seen</h2>"),
            "{}",
            b.html
        );
        assert_eq!(b.toc[2].level, 3);
    }

    #[test]
    fn internal_links_become_placeholders_with_positions() {
        let b = body(
            "See [plans](../plans.md#top) and\n[the case](case:C04), [web](https://example.org).\n",
        );
        assert_eq!(b.links.len(), 2);
        assert_eq!(
            b.links[0].target,
            LinkTarget::File("content/findings/plans.md".into())
        );
        assert_eq!(b.links[0].anchor.as_deref(), Some("top"));
        // Line 4 of the file (after three lines of front matter); the
        // destination starts after `See [plans](`, at column 13.
        assert_eq!((b.links[0].line, b.links[0].column), (4, 13));
        assert_eq!(b.links[1].target, LinkTarget::Case("C04".into()));
        assert_eq!((b.links[1].line, b.links[1].column), (5, 12));
        assert!(b.html.contains("href=\"#evident-link-0\""));
        assert!(b.html.contains("href=\"#evident-link-1\""));
        assert!(b.html.contains("href=\"https://example.org\""));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let b = body(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">link</a></p>\n\n<img src=x onerror=alert(1)>\n",
        );
        assert!(!b.html.contains("<script"), "{}", b.html);
        assert!(!b.html.contains("onclick"));
        assert!(!b.html.contains("onerror"));
        assert!(!b.html.contains("javascript:"));
        assert!(b.html.contains("Hi"));
    }

    #[test]
    fn tables_footnotes_and_alerts() {
        let b = body(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: The note.\n\n> [!WARNING]\n> Careful.\n",
        );
        assert!(
            b.html.contains(&format!("{TABLE_WRAP}<table>")),
            "{}",
            b.html
        );
        assert!(b.html.contains("</table></div>"), "{}", b.html);
        let raw = body("<table class=\"x\"><tr><td>1</td></tr></table>\n\nNot <tablet>.\n");
        assert_eq!(raw.html.matches(TABLE_WRAP).count(), 1, "{}", raw.html);
        assert_eq!(
            raw.html.matches("</table></div>").count(),
            1,
            "{}",
            raw.html
        );
        let aligned = body(
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<p style=\"position:fixed\">x</p><td style=\"color:red\">y</td>\n",
        );
        assert!(
            aligned.html.contains("style=\"text-align: right\""),
            "{}",
            aligned.html
        );
        assert!(!aligned.html.contains("position:fixed"));
        assert!(!aligned.html.contains("color:red"));
        assert!(b.html.contains("id=\"fnref-x-n\""));
        assert!(b.html.contains("id=\"fn-x-n\""));
        assert!(b.html.contains("class=\"alert alert-warning\""));
        assert!(b.html.contains("Warning"));
        assert!(b.text.contains("Careful."));
    }

    #[test]
    fn headings_never_take_the_themes_ids_and_footnotes_are_unique() {
        let b = body("## Main\n\n## Cases\n\nA[^n] and again[^n].\n\n[^n]: Note.\n");
        let ids: Vec<_> = b.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["x-main", "x-cases"]);
        let plain = render("## Main\n\n## Cases\n\n## Case C04\n", None, "");
        let ids: Vec<_> = plain.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["main-1", "cases-1", "h-case-c04"]);
        assert!(b.html.contains("id=\"fnref-x-n\""));
        assert!(b.html.contains("id=\"fnref-x-n-2\""));
        let orphan = body(
            "Text.\n\n[^lone]: Never referenced.\n\nA[^a b] and B[^a-b].\n\n[^a b]: one\n\n[^a-b]: two\n",
        );
        assert!(
            !orphan.html.contains("href=\"#fnref-x-lone\""),
            "{}",
            orphan.html
        );
        assert!(orphan.html.contains("id=\"fn-x-a-b\""));
        assert!(orphan.html.contains("id=\"fn-x-a-b-1\""));
    }

    #[test]
    fn classify_link_kinds() {
        assert_eq!(
            classify_link("std:2.1", "content/pages"),
            Some((LinkTarget::Standard("2.1".into()), None))
        );
        assert_eq!(classify_link("https://x.org/a.md", "content"), None);
        assert_eq!(classify_link("#local", "content"), None);
        assert_eq!(classify_link("mailto:a@b", "content"), None);
        assert_eq!(
            classify_link("../../pages/a.md", "content/findings/x"),
            Some((LinkTarget::File("content/pages/a.md".into()), None))
        );
        assert_eq!(
            slug("Keeping the child safe: 2.1"),
            "keeping-the-child-safe-2-1"
        );
    }
}
