//! Markdown: render a body to sanitised HTML in one pass of our own over
//! pulldown-cmark's events, part of `parse`.
//!
//! 1. Parse with CommonMark + GFM tables, footnotes, strikethrough, task
//!    lists, alerts (`> [!NOTE]`) and `{#id}` heading attributes, keeping each
//!    event's byte range so links and images can be traced to a line.
//! 2. Give every heading an id (the author's `{#id}`, else a slug of its text
//!    behind the caller's prefix), unique within the body and never one the
//!    theme uses ([`crate::model::ids`]), and collect the contents list.
//! 3. Replace internal links (`std:2.1`, `case:C04`, `../findings/x.md#a`…)
//!    with placeholders and record them; the plan resolves them to relative
//!    URLs once the site map is known. Record every image with its place.
//! 4. Give footnotes and alerts our own markup, with ids behind the prefix so
//!    two findings on one page never share an id.
//! 5. Sanitise raw HTML where it stands: each raw HTML block alone, and a
//!    paragraph (heading, table cell, list item text) holding inline HTML
//!    with the rest of that paragraph, so a malformed fragment cannot reach
//!    the Markdown after it. Ids in raw HTML are renamed there, like
//!    headings' ids. Whatever the sanitiser takes out of a fragment is
//!    noted, at the place the raw HTML starts ([`super::removed`]), for
//!    `check` to warn of.
//! 6. Write the whole body as HTML with pulldown-cmark and sanitise it once
//!    more as a safety net ([`super::sanitise`]), then write it again
//!    through the tokenizer-driven writer, which wraps every table in a
//!    labelled, focusable box that scrolls sideways on its own and leaves
//!    holes for ids and internal links ([`crate::model::BodyHtml`]).

use super::reader::{self, ReaderText};
use super::removed;
use super::sanitise::{self, Ids};
use crate::content::SourceFile;
use crate::model::{
    Alt, Body, BodyHtml, IdSet, ImageRef, Limit, LinkRef, LinkTarget, Overrun, Removed, Sanitised,
    TocEntry,
};
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use crate::model::ids::{RESERVED_IDS, RESERVED_PREFIXES};

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

/// Where an event of the rendered stream came from: raw HTML the author
/// wrote (with its place in the text), or Markdown and our own markup.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Raw,
    Ours,
}

/// The Markdown Evident reads: CommonMark with GFM tables, footnotes,
/// strikethrough, task lists, alerts and `{#id}` heading attributes. The
/// privacy lint reads bodies with the same options, so that the text it
/// scans is the text published.
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Render Markdown `text` (found at `source`) with heading and footnote ids
/// behind `id_prefix`.
pub fn render(text: &str, source: Option<BodySource<'_>>, id_prefix: &str) -> Body {
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(text, OPTIONS).into_offset_iter().collect();
    render_events(text, source, id_prefix, events)
}

/// Render the body of `file` (its text from `offset` on) with ids behind
/// `id_prefix`, and read it as a reader sees it (see [`super::reader`])
/// from the same parse.
pub(crate) fn render_read(file: &SourceFile, offset: usize, id_prefix: &str) -> (Body, ReaderText) {
    let text = &file.text[offset..];
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(text, OPTIONS).into_offset_iter().collect();
    let reading = reader::read_body(&file.text, offset, &events);
    let source = BodySource {
        file,
        offset: Some(offset),
    };
    (
        render_events(text, Some(source), id_prefix, events),
        reading,
    )
}

/// Render a body from the events pulldown-cmark parsed `text` into.
fn render_events<'a>(
    text: &'a str,
    source: Option<BodySource<'_>>,
    id_prefix: &str,
    events: Vec<(Event<'a>, Range<usize>)>,
) -> Body {
    let dir = source.map_or(String::new(), |s| {
        s.file
            .path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| d.to_string())
    });
    // Line and column in the whole file of a byte offset in `text`.
    let place = |at: usize| match source {
        Some(BodySource {
            file,
            offset: Some(offset),
        }) => file.position(offset + at),
        _ => (0, 0),
    };
    let mut out: Vec<(Event<'_>, Range<usize>, Origin)> = Vec::with_capacity(events.len());
    let mut toc = Vec::new();
    let mut links = Vec::new();
    let mut images = Vec::new();
    let mut plain = String::new();
    let mut public_plain = String::new();
    let mut prose: Vec<Range<usize>> = Vec::new();
    let mut in_case_link = false;
    let mut used_ids = IdSet::with_theme_ids();
    // The ids this pass gives elements inside a paragraph (footnote
    // references): raw HTML sanitised with that paragraph keeps them.
    let mut ours: HashSet<String> = HashSet::new();
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
    // A body past a limit is not rendered: the check reports where.
    let overrun = |limit: Limit, at: usize| {
        let (line, column) = place(at);
        Body {
            overrun: Some(Overrun {
                limit,
                line,
                column,
            }),
            ..Body::default()
        }
    };
    // The figure being written: where its image and its paragraph's end are.
    let mut figure: Option<Figure> = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        // Each start is an element inside the ones open around it.
        match event {
            Event::Start(Tag::Table(columns)) if columns.len() > Limit::TableColumns.max() => {
                return overrun(Limit::TableColumns, range.start);
            }
            Event::Start(_) => {
                depth += 1;
                if depth > Limit::Nesting.max() {
                    return overrun(Limit::Nesting, range.start);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if used_ids.len() > Limit::Ids.max() + RESERVED_IDS.len() {
            return overrun(Limit::Ids, range.start);
        }
        if longest_attribute(event, &events[i + 1..]) > Limit::Attribute.max() {
            return overrun(Limit::Attribute, range.start);
        }
        let mut push = |e: Event<'static>| out.push((e, range.clone(), Origin::Ours));
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let title = heading_text(&events[i + 1..]);
                let id = match id {
                    Some(id) => used_ids.claim_for_body(id),
                    // Behind the body's prefix too: a finding named `std`
                    // with a heading "2.1" would otherwise be `std-2-1`, the
                    // id of standard 2.1's section.
                    None => used_ids.claim_for_body(&format!("{id_prefix}{}", slug(&title))),
                };
                toc.push(TocEntry {
                    level: *level as u8,
                    id: id.clone(),
                    title,
                    lang: None,
                });
                out.push((
                    Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(id)),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }),
                    range.clone(),
                    Origin::Ours,
                ));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = match classify_link(dest_url, &dir) {
                    Some((target, anchor)) => {
                        in_case_link = matches!(target, LinkTarget::Case(_));
                        let at = text[range.clone()]
                            .rfind(dest_url.as_ref())
                            .map_or(range.start, |p| range.start + p);
                        let (line, column) = place(at);
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
                out.push((
                    Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }),
                    range.clone(),
                    Origin::Ours,
                ));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let at = text[range.clone()]
                    .rfind(dest_url.as_ref())
                    .map_or(range.start, |p| range.start + p);
                let (line, column) = place(at);
                let len = dest_url.chars().count().max(1);
                let alt = if alt_text(&events[i + 1..]).trim().is_empty() {
                    Alt::Missing
                } else {
                    Alt::Text
                };
                images.push(ImageRef {
                    src: dest_url.to_string(),
                    line,
                    column,
                    len,
                    alt,
                });
                // An image of the project's own: its `src` becomes a hole,
                // filled with where the site publishes the file.
                let dest = match classify_link(dest_url, &dir) {
                    Some((target @ LinkTarget::Resource(_), _)) => {
                        links.push(LinkRef {
                            target,
                            anchor: None,
                            line,
                            column,
                            len,
                            written: dest_url.to_string(),
                        });
                        CowStr::from(format!("{LINK_PLACEHOLDER}{}", links.len() - 1))
                    }
                    _ => dest_url.clone(),
                };
                // A figure's title is its caption, not also a tooltip.
                let title = if figure.as_ref().is_some_and(|f| f.image == i) {
                    CowStr::from("")
                } else {
                    title.clone()
                };
                out.push((
                    Event::Start(Tag::Image {
                        link_type: *link_type,
                        dest_url: dest,
                        title,
                        id: id.clone(),
                    }),
                    range.clone(),
                    Origin::Ours,
                ));
            }
            // A paragraph holding nothing but an image with a title is a
            // figure, the title its caption.
            Event::Start(Tag::Paragraph) if figure_at(&events, i).is_some() => {
                figure = figure_at(&events, i);
                push(Event::Html(CowStr::from("<figure>")));
            }
            Event::End(TagEnd::Paragraph) if figure.as_ref().is_some_and(|f| f.end == i) => {
                let caption = figure.take().map(|f| f.caption).unwrap_or_default();
                let mut html = String::from("<figcaption>");
                sanitise::escape_text(&mut html, &caption);
                html.push_str("</figcaption></figure>\n");
                plain.push(' ');
                push(Event::Html(CowStr::from(html)));
            }
            Event::FootnoteReference(name) => {
                let next = footnote_numbers.len() + 1;
                let n = *footnote_numbers.entry(name.to_string()).or_insert(next);
                let name = footnote_ids.id(name, id_prefix, &mut used_ids);
                // The note links back to the first reference; later ones
                // get ids of their own so none is repeated.
                let seen = footnote_refs.entry(name.clone()).or_insert(0);
                *seen += 1;
                let id = if *seen == 1 {
                    format!("fnref-{name}")
                } else {
                    format!("fnref-{name}-{seen}")
                };
                let id = used_ids.claim(&id);
                ours.insert(id.clone());
                push(Event::Html(CowStr::from(format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{name}\" id=\"{id}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(raw)) => {
                let next = footnote_numbers.len() + 1;
                let n = *footnote_numbers.entry(raw.to_string()).or_insert(next);
                let name = footnote_ids.id(raw, id_prefix, &mut used_ids);
                // Link back only to a reference that exists.
                let label = if referenced.contains(raw.as_ref()) {
                    format!("<a href=\"#fnref-{name}\">{n}</a>")
                } else {
                    n.to_string()
                };
                push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote\" id=\"fn-{name}\"><p class=\"footnote-label\">{label}</p>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = alert(*kind);
                push(Event::Html(CowStr::from(format!(
                    "<div class=\"alert alert-{class}\"><p class=\"alert-title\">{label}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                out.push((event.clone(), range.clone(), Origin::Raw));
            }
            Event::Text(t) | Event::Code(t) => {
                plain.push_str(t);
                // What the public edition shows: text outside case links.
                if !in_case_link {
                    public_plain.push_str(t);
                    prose.push(range.clone());
                }
                out.push((event.clone(), range.clone(), Origin::Ours));
            }
            Event::End(TagEnd::Link) => {
                in_case_link = false;
                out.push((event.clone(), range.clone(), Origin::Ours));
            }
            Event::SoftBreak | Event::HardBreak => {
                plain.push(' ');
                out.push((event.clone(), range.clone(), Origin::Ours));
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                plain.push(' ');
                out.push((event.clone(), range.clone(), Origin::Ours));
            }
            _ => out.push((event.clone(), range.clone(), Origin::Ours)),
        }
        i += 1;
    }

    // Raw HTML is sanitised where it stands, with its paragraph; its images
    // are recorded where the author wrote them, and what the sanitiser
    // removed where the raw HTML starts. A raw `<img>` naming a file of the
    // project gets an internal link, found by its `src` as written when the
    // body is written.
    let mut removals = Vec::new();
    let mut raw_srcs: HashMap<String, usize> = HashMap::new();
    let sanitised = sanitise_raw(
        out,
        &mut used_ids,
        &ours,
        &mut removals,
        |raw, srcs, hrefs| {
            // Each `src` is looked for in the raw HTML, in order, and not in
            // the Markdown around it (which may name the same file).
            let (mut part, mut from) = (0, raw.first().map_or(0, |r| r.start));
            for (src, alt) in srcs {
                let mut found = None;
                for (i, range) in raw.iter().enumerate().skip(part) {
                    let start = if i == part {
                        from.max(range.start)
                    } else {
                        range.start
                    };
                    if let Some(p) = text[start..range.end].find(src.as_str()) {
                        found = Some(start + p);
                        part = i;
                        break;
                    }
                }
                // Not in the raw HTML: a Markdown image of the same paragraph,
                // recorded already (or a `src` written with entities, which
                // is left as written).
                let Some(at) = found else {
                    continue;
                };
                from = at + src.len();
                let (line, column) = place(at);
                let len = src.chars().count().max(1);
                images.push(ImageRef {
                    src: src.clone(),
                    line,
                    column,
                    len,
                    alt: *alt,
                });
                // An image carries no anchor.
                link_to_resource(&mut links, &mut raw_srcs, src, &dir, (line, column), false);
            }
            // Raw links to a file of the project, as Markdown links to one.
            for href in hrefs {
                let Some(at) = raw
                    .iter()
                    .find_map(|r| text[r.clone()].find(href.as_str()).map(|p| r.start + p))
                else {
                    continue;
                };
                link_to_resource(&mut links, &mut raw_srcs, href, &dir, place(at), true);
            }
        },
    );
    let sanitised = match sanitised {
        Ok(events) => events,
        Err((limit, at)) => return overrun(limit, at),
    };
    images.sort_by_key(|i| (i.line, i.column));
    let removals: Vec<Sanitised> = removals
        .into_iter()
        .map(|(at, removed)| {
            let (line, column) = place(at.start);
            Sanitised {
                line,
                column,
                len: text.get(at).map_or(1, |s| s.chars().count().max(1)),
                removed,
            }
        })
        .collect();

    let mut raw = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut raw, break_long_texts(sanitised).into_iter());
    // The whole body sanitised once more, then written through the
    // tokenizer with holes for ids and links.
    let case_links: Vec<bool> = links
        .iter()
        .map(|l| matches!(l.target, LinkTarget::Case(_)))
        .collect();
    let written = sanitise::write(
        &sanitise::clean(&raw),
        Ids::Holes {
            case_links: &case_links,
            srcs: &raw_srcs,
        },
    );
    let text = squeeze(&plain);
    // Most bodies link to no case: then the public text is the same.
    let public_text = (public_plain != plain)
        .then(|| squeeze(&public_plain))
        .filter(|t| *t != text);
    // Where the prose is in the file, for the public edition's check that
    // it names no case.
    let offset = source.and_then(|s| s.offset);
    let prose = match offset {
        Some(at) => prose
            .into_iter()
            .map(|r| r.start + at..r.end + at)
            .collect(),
        None => Vec::new(),
    };
    Body {
        html: BodyHtml::new(written.markup, written.holes, written.public_drops),
        ids: written.ids,
        images,
        text,
        public_text,
        prose,
        loose_case_links: written.loose_case_links,
        toc,
        paragraphs: written.paragraphs.iter().map(|t| squeeze(t)).collect(),
        links,
        overrun: None,
        sanitised: removals,
    }
}

/// `s` with each run of white space (as `char::is_whitespace` has it) made
/// one space and none at either end: the words of `split_whitespace`
/// joined by spaces, without collecting them first. It runs over every
/// body's text, so the usual ASCII text is read a byte at a time.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = |part: &str| {
        if !part.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(part);
        }
    };
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let (white, len) = match bytes[i] {
            // The ASCII white space of `char::is_whitespace`.
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => (true, 1),
            b if b.is_ascii() => (false, 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or('x');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if white {
            word(&s[start..i]);
            start = i + len;
        }
        i += len;
    }
    word(&s[start..]);
    out
}

/// The length in characters of the longest attribute value `event` gives
/// its element (`rest` follows it: an image's description is the text up
/// to its end).
fn longest_attribute(event: &Event<'_>, rest: &[(Event<'_>, Range<usize>)]) -> usize {
    let chars = |s: &str| s.chars().count();
    match event {
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => chars(dest_url).max(chars(title)),
        Event::Start(Tag::Image {
            dest_url, title, ..
        }) => {
            let mut alt = 0;
            for (e, _) in rest {
                match e {
                    Event::End(TagEnd::Image) => break,
                    Event::Text(t) | Event::Code(t) => alt += chars(t),
                    _ => {}
                }
            }
            chars(dest_url).max(chars(title)).max(alt)
        }
        Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) => {
            let values = attrs
                .iter()
                .flat_map(|(k, v)| [Some(k), v.as_ref()])
                .flatten();
            id.iter()
                .chain(classes)
                .chain(values)
                .map(|s| chars(s))
                .max()
                .unwrap_or(0)
        }
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info))) => chars(info),
        Event::Start(Tag::FootnoteDefinition(name)) | Event::FootnoteReference(name) => chars(name),
        _ => 0,
    }
}

/// Long texts holding an `&`, broken by an empty comment every so often
/// before the sanitiser reads them ([`sanitise::TEXT_RUN`] says why). A
/// run of text may come as many events (each character reference is one),
/// so the run is counted across them. An image's description is an
/// attribute, not a text, and is left whole (its length is limited
/// instead).
fn break_long_texts(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    /// Text since the last element or break: its bytes, and whether it
    /// holds an `&`.
    struct Run {
        bytes: usize,
        amp: bool,
    }
    impl Run {
        /// `text` split where a break is due, in order.
        fn pieces<'t>(&mut self, text: &'t str) -> Vec<&'t str> {
            let mut pieces = Vec::new();
            let mut from = 0;
            for (at, c) in text.char_indices() {
                if self.bytes >= sanitise::TEXT_RUN && self.amp {
                    pieces.push(&text[from..at]);
                    from = at;
                    self.bytes = 0;
                    self.amp = false;
                }
                self.bytes += c.len_utf8();
                self.amp |= c == '&';
            }
            pieces.push(&text[from..]);
            pieces
        }
    }
    let mut out = Vec::with_capacity(events.len());
    let mut in_image = 0usize;
    let mut run = Run {
        bytes: 0,
        amp: false,
    };
    let push_pieces = |out: &mut Vec<Event<'_>>, run: &mut Run, text: &str| {
        for (n, piece) in run.pieces(text).into_iter().enumerate() {
            if n > 0 {
                out.push(Event::Html(CowStr::from(sanitise::TEXT_BREAK)));
            }
            out.push(Event::Text(CowStr::from(piece.to_string())));
        }
    };
    for event in events {
        match &event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ => {}
        }
        match &event {
            Event::Text(t) if in_image == 0 => {
                if run.bytes + t.len() < sanitise::TEXT_RUN {
                    run.bytes += t.len();
                    run.amp |= t.contains('&');
                    out.push(event);
                } else {
                    let text = t.to_string();
                    push_pieces(&mut out, &mut run, &text);
                }
            }
            // Inline code is an element of its own: a run of its own.
            Event::Code(t) if in_image == 0 && t.len() > sanitise::TEXT_RUN && t.contains('&') => {
                let text = t.to_string();
                let mut own = Run {
                    bytes: 0,
                    amp: false,
                };
                out.push(Event::Html(CowStr::from("<code>")));
                push_pieces(&mut out, &mut own, &text);
                out.push(Event::Html(CowStr::from("</code>")));
                run = Run {
                    bytes: 0,
                    amp: false,
                };
            }
            Event::SoftBreak | Event::HardBreak if in_image == 0 => {
                run.bytes += 1;
                out.push(event);
            }
            _ => {
                run = Run {
                    bytes: 0,
                    amp: false,
                };
                out.push(event);
            }
        }
    }
    out
}

/// Whether an event can stand inside a paragraph (or a tight list item's
/// text): what a raw HTML fragment there is sanitised together with.
fn inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(tag) => inline_tag(tag),
        Event::End(tag) => inline_tag_end(tag),
        _ => false,
    }
}

/// Tags that sit within a line of text (emphasis, links, images…), not
/// blocks. The privacy lint reads across them too.
pub(crate) fn inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// The ends of [`inline_tag`]s.
pub(crate) fn inline_tag_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The rendered stream with raw HTML sanitised where it stands: a raw HTML
/// block alone, inline HTML together with the run of inline content it
/// sits in (a paragraph's, a heading's, a table cell's, a tight list
/// item's), each as its own fragment. Ids in them are claimed in `ids`
/// (except `ours`, made by the renderer); `images` hears the `src` of the
/// images each fragment keeps, with the byte range the fragment was
/// written in; `removals` gets what sanitising took out of a fragment, with
/// the bytes where its raw HTML starts (the block's first line, or the
/// first tag of inline HTML). A fragment nested too deeply, or bringing
/// too many ids, is a limit passed at the byte where it starts.
fn sanitise_raw<'a>(
    events: Vec<(Event<'a>, Range<usize>, Origin)>,
    ids: &mut IdSet,
    ours: &HashSet<String>,
    removals: &mut Vec<(Range<usize>, Vec<Removed>)>,
    mut images: impl FnMut(&[Range<usize>], &[(String, Alt)], &[String]),
) -> Result<Vec<Event<'a>>, (Limit, usize)> {
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    // `raw`: where the author's raw HTML is in the text, for its images;
    // `at`: where it starts, for what the sanitiser removed.
    let mut clean = |html: &str,
                     range: Range<usize>,
                     raw: &[Range<usize>],
                     at: Range<usize>,
                     ids: &mut IdSet| {
        // Measured before the sanitiser, whose tree builder slows down
        // with the square of the depth.
        if sanitise::depth(html) > Limit::Nesting.max() {
            return Err((Limit::Nesting, range.start));
        }
        // Many `&`: long texts broken and attributes measured before the
        // sanitiser writes them ([`sanitise::TEXT_RUN`] says why).
        let prepared;
        let as_written = html;
        let html = if html.bytes().filter(|b| *b == b'&').count() > 64 {
            prepared = sanitise::write(html, Ids::AsWritten);
            if prepared.longest_attribute > Limit::Attribute.max() {
                return Err((Limit::Attribute, range.start));
            }
            prepared.markup.as_str()
        } else {
            html
        };
        let cleaned = sanitise::clean(html);
        // Compared with the fragment as written, before any preparing.
        let gone = removed::removed(as_written, &cleaned);
        if !gone.is_empty() {
            removals.push((at, gone));
        }
        let written = sanitise::write(&cleaned, Ids::Rename { set: ids, ours });
        if ids.len() > Limit::Ids.max() + RESERVED_IDS.len() {
            return Err((Limit::Ids, range.start));
        }
        images(raw, &written.images, &written.hrefs);
        Ok(Event::Html(CowStr::from(written.markup)))
    };
    let mut i = 0;
    while i < events.len() {
        let (event, range, _) = &events[i];
        if matches!(event, Event::Start(Tag::HtmlBlock)) {
            // A raw HTML block: its lines, sanitised as one fragment.
            let mut html = String::new();
            let mut span = range.clone();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::HtmlBlock)) {
                if let Event::Html(t) = &events[j].0 {
                    html.push_str(t);
                }
                span.end = span.end.max(events[j].1.end);
                j += 1;
            }
            let first_line = span.start..span.start + html.find('\n').unwrap_or(html.len());
            out.push(clean(&html, span.clone(), &[span], first_line, ids)?);
            i = j + 1;
            continue;
        }
        if inline(event) {
            // A run of inline content: as it is, unless it holds raw HTML.
            let mut j = i;
            while j < events.len() && inline(&events[j].0) {
                j += 1;
            }
            let run = &events[i..j];
            if run.iter().any(|(_, _, o)| *o == Origin::Raw) {
                let mut html = String::new();
                html::push_html(&mut html, run.iter().map(|(e, _, _)| e.clone()));
                let span = run[0].1.start..run[run.len() - 1].1.end;
                let raw: Vec<Range<usize>> = run
                    .iter()
                    .filter(|(_, _, o)| *o == Origin::Raw)
                    .map(|(_, r, _)| r.clone())
                    .collect();
                // The first tag of inline HTML, on its first line.
                let at = run
                    .iter()
                    .find_map(|(e, r, o)| match (e, o) {
                        (Event::InlineHtml(t), Origin::Raw) => {
                            Some(r.start..r.start + t.find('\n').unwrap_or(t.len()))
                        }
                        _ => None,
                    })
                    .unwrap_or(span.start..span.start + 1);
                out.push(clean(&html, span, &raw, at, ids)?);
            } else {
                out.extend(run.iter().map(|(e, _, _)| e.clone()));
            }
            i = j;
            continue;
        }
        out.push(event.clone());
        i += 1;
    }
    Ok(out)
}

/// A paragraph that is a figure (see [`figure_at`]).
struct Figure {
    /// The image's event.
    image: usize,
    /// The paragraph's end event.
    end: usize,
    /// The image's title.
    caption: String,
}

/// The figure the paragraph starting at event `i` is: one image with a
/// title and nothing else (white space aside).
fn figure_at(events: &[(Event<'_>, Range<usize>)], i: usize) -> Option<Figure> {
    let Some((Event::Start(Tag::Image { title, .. }), _)) = events.get(i + 1) else {
        return None;
    };
    if title.trim().is_empty() {
        return None;
    }
    let mut depth = 0usize;
    let mut j = i + 1;
    loop {
        match &events.get(j)?.0 {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    let mut k = j + 1;
    while let Some((Event::Text(t), _)) = events.get(k) {
        if !t.trim().is_empty() {
            return None;
        }
        k += 1;
    }
    matches!(events.get(k)?.0, Event::End(TagEnd::Paragraph)).then(|| Figure {
        image: i + 1,
        end: k,
        caption: title.to_string(),
    })
}

/// One id per footnote name, distinct even when two names slug alike
/// (`[^a b]` and `[^a-b]`).
#[derive(Default)]
struct FootnoteIds {
    by_name: HashMap<String, String>,
    used: IdSet,
}

impl FootnoteIds {
    /// The id part for footnote `name`; `fn-<id>` is claimed in `ids`.
    fn id(&mut self, name: &str, prefix: &str, ids: &mut IdSet) -> String {
        if let Some(id) = self.by_name.get(name) {
            return id.clone();
        }
        let id = self.used.claim(&format!("{prefix}{}", slug(name)));
        ids.claim(&format!("fn-{id}"));
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

/// An image's alternative text: the text up to the image's end (nested
/// images included, as pulldown-cmark writes them into `alt`).
fn alt_text(rest: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    let mut alt = String::new();
    let mut depth = 0usize;
    for (e, _) in rest {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            _ => {}
        }
    }
    alt
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

/// A raw `<img src>` or `<a href>` that names a file of the project, as
/// the link the body keeps (checked, then written as the file's published
/// address), remembered in `by_value` by the value as written so the
/// writer finds it. Any other value is left alone.
fn link_to_resource(
    links: &mut Vec<LinkRef>,
    by_value: &mut HashMap<String, usize>,
    written: &str,
    dir: &str,
    (line, column): (usize, usize),
    keep_anchor: bool,
) {
    let Some((target @ LinkTarget::Resource(_), anchor)) = classify_link(written, dir) else {
        return;
    };
    links.push(LinkRef {
        target,
        anchor: anchor.filter(|_| keep_anchor),
        line,
        column,
        len: written.chars().count().max(1),
        written: written.to_string(),
    });
    by_value
        .entry(written.to_string())
        .or_insert(links.len() - 1);
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
    if path.is_empty() || has_scheme || path.starts_with('/') || path.starts_with('\\') {
        return None;
    }
    // A query (`chart.png?v=2`) names the same file.
    let path = path.split('?').next().unwrap_or(path);
    // Written as an address: `Audit%20tool.xlsx` is the file `Audit tool.xlsx`.
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if path.ends_with(".md") {
        Some((LinkTarget::File(join(dir, &path)), anchor))
    } else {
        Some((LinkTarget::Resource(join(dir, &path)), anchor))
    }
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
    use crate::content::sanitise::TABLE_WRAP;
    use crate::model::{Hole, Part};

    /// A body's HTML with its holes filled as written: ids as they are,
    /// links as their placeholders.
    fn html(b: &Body) -> String {
        b.html
            .parts(false)
            .into_iter()
            .map(|part| match part {
                Part::Markup(m) => m.to_string(),
                Part::Hole(Hole::Id(n)) => b.ids[n].clone(),
                Part::Hole(Hole::IdRef(n)) => format!("#{}", b.ids[n]),
                Part::Hole(Hole::Link(n)) => format!("{LINK_PLACEHOLDER}{n}"),
                Part::Hole(Hole::ImageSize(n)) => format!(" size-of-{n}"),
                // Unnumbered, as a report that does not number them.
                Part::Hole(Hole::ParagraphId(_) | Hole::ParagraphNumber { .. }) => String::new(),
            })
            .collect()
    }

    #[test]
    fn squeezing_is_joining_the_words() {
        for s in [
            "",
            " ",
            "a",
            "  a  b\t\tc\n",
            "\u{a0}é\u{2003}x\u{b}y\u{85}z\u{3000}",
            "a\r\n\r\nb ",
        ] {
            assert_eq!(
                squeeze(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
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
            html(&b).contains("<h2 id=\"x-evidence-seen\">Evidence seen</h2>"),
            "{}",
            html(&b)
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
        assert!(html(&b).contains("href=\"#evident-link-0\""));
        assert!(html(&b).contains("href=\"#evident-link-1\""));
        assert!(html(&b).contains("href=\"https://example.org\""));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let b = body(
            "<script>alert(1)</script>\n\n<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">link</a></p>\n\n<img src=x onerror=alert(1)>\n",
        );
        assert!(!html(&b).contains("<script"), "{}", html(&b));
        assert!(!html(&b).contains("onclick"));
        assert!(!html(&b).contains("onerror"));
        assert!(!html(&b).contains("javascript:"));
        assert!(html(&b).contains("Hi"));
    }

    #[test]
    fn tables_footnotes_and_alerts() {
        let b = body(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: The note.\n\n> [!WARNING]\n> Careful.\n",
        );
        assert!(
            html(&b).contains(&format!("{TABLE_WRAP}<table>")),
            "{}",
            html(&b)
        );
        assert!(html(&b).contains("</table></div>"), "{}", html(&b));
        let raw = body("<table class=\"x\"><tr><td>1</td></tr></table>\n\nNot <tablet>.\n");
        assert_eq!(html(&raw).matches(TABLE_WRAP).count(), 1, "{}", html(&raw));
        assert_eq!(
            html(&raw).matches("</table></div>").count(),
            1,
            "{}",
            html(&raw)
        );
        let aligned = body(
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n<p style=\"position:fixed\">x</p><td style=\"color:red\">y</td>\n",
        );
        assert!(
            html(&aligned).contains("style=\"text-align: right\""),
            "{}",
            html(&aligned)
        );
        assert!(!html(&aligned).contains("position:fixed"));
        assert!(!html(&aligned).contains("color:red"));
        assert!(html(&b).contains("id=\"fnref-x-n\""));
        assert!(html(&b).contains("id=\"fn-x-n\""));
        assert!(html(&b).contains("class=\"alert alert-warning\""));
        assert!(html(&b).contains("Warning"));
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
        assert!(html(&b).contains("id=\"fnref-x-n\""));
        assert!(html(&b).contains("id=\"fnref-x-n-2\""));
        let orphan = body(
            "Text.\n\n[^lone]: Never referenced.\n\nA[^a b] and B[^a-b].\n\n[^a b]: one\n\n[^a-b]: two\n",
        );
        assert!(
            !html(&orphan).contains("href=\"#fnref-x-lone\""),
            "{}",
            html(&orphan)
        );
        assert!(html(&orphan).contains("id=\"fn-x-a-b\""));
        assert!(html(&orphan).contains("id=\"fn-x-a-b-1\""));
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
