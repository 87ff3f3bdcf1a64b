//! Sanitising, part of rendering a body in `parse`: ammonia's rules, then
//! our own escaping writer over the tokens of what ammonia returns.
//!
//! 1. [`clean`] runs ammonia (the maintained HTML sanitiser): scripts,
//!    event handlers, `javascript:` URLs, styles and unknown elements go;
//!    harmless tags stay.
//! 2. [`Writer`] reads ammonia's output with html5ever's tokenizer (the
//!    one ammonia parses with, so the two agree on every tag and
//!    attribute) and writes it again, escaping every text and attribute
//!    value itself. While it writes it can rename ids, wrap tables in their
//!    scrolling box, note the images, and leave *holes* where an id or an
//!    internal link will be filled in once the body is placed on a page
//!    ([`crate::model::BodyHtml`]).
//!
//! So after sanitising, HTML is only ever changed through this writer, on
//! tokens, never by searching the text: an author's text such as
//! `note id="<img …>"` stays text, because the tokenizer says it is text.
//! The writer is also a second line of defence: it drops any element or
//! attribute it does not expect ([`allowed_attribute`]), whatever ammonia
//! let through.

use crate::content::markdown::LINK_PLACEHOLDER;
use crate::model::{Alt, Hole, IdSet};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Sanitise an HTML fragment with the rules for bodies.
pub fn clean(html: &str) -> String {
    // Written straight into a buffer: `to_string` (ammonia's `Display`)
    // writes into one too, then copies it through the formatter.
    let mut out = Vec::with_capacity(html.len());
    match SANITISER.clean(html).write_to(&mut out) {
        // html5ever writes only UTF-8.
        Ok(()) => String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        // Writing into memory fails only when memory runs out.
        Err(_) => String::new(),
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
            aligned(element, value).then(|| value.into())
        })
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .link_rel(None);
    b
});

/// What the sanitiser's rules keep, read from them once, so that what it
/// removed can be told apart from why ([`super::removed`]).
struct Keeps {
    /// Attributes kept on every element.
    generic: HashSet<&'static str>,
    /// Attributes kept on one element, by element.
    by_element: HashMap<&'static str, HashSet<&'static str>>,
    /// URL schemes an address may have.
    schemes: HashSet<&'static str>,
}

static KEEPS: LazyLock<Keeps> = LazyLock::new(|| Keeps {
    generic: SANITISER.clone_generic_attributes(),
    by_element: SANITISER.clone_tag_attributes(),
    schemes: SANITISER.clone_url_schemes(),
});

/// Whether the sanitiser keeps an attribute named `attribute` on
/// `element`, for some value: when it removed one it keeps, it removed it
/// for its value.
pub(super) fn keeps_attribute(element: &str, attribute: &str) -> bool {
    KEEPS.generic.contains(attribute)
        || KEEPS
            .by_element
            .get(element)
            .is_some_and(|kept| kept.contains(attribute))
}

/// Whether the sanitiser keeps an address whose scheme is `scheme`
/// (lowercase, without its colon).
pub(super) fn keeps_scheme(scheme: &str) -> bool {
    KEEPS.schemes.contains(scheme)
}

/// Whether an attribute holds an address a browser would follow or load:
/// its value is checked for a script scheme (here) and for the schemes
/// the sanitiser allows (by ammonia).
pub(super) fn holds_address(attribute: &str) -> bool {
    matches!(
        attribute,
        "href"
            | "src"
            | "cite"
            | "action"
            | "formaction"
            | "poster"
            | "background"
            | "data"
            | "ping"
            | "xlink:href"
    )
}

/// Whether a `style` value is one of the table alignments Markdown writes.
fn aligned(element: &str, value: &str) -> bool {
    matches!(element, "th" | "td")
        && matches!(
            value.trim().trim_end_matches(';').trim(),
            "text-align: left" | "text-align: center" | "text-align: right"
        )
}

/// Whether the writer keeps `attribute` on `element`: what the sanitiser's
/// rules allow, checked again. Event handlers (`on…`), `style` other than a
/// table cell's alignment, and URLs with a script scheme never pass.
pub(super) fn allowed_attribute(element: &str, attribute: &str, value: &str) -> bool {
    if attribute.starts_with("on") {
        return false;
    }
    match attribute {
        "style" => aligned(element, value),
        a if holds_address(a) => !script_url(value),
        _ => true,
    }
}

/// Whether a URL would run script: `javascript:`, `vbscript:` or a
/// `data:` URL, however it is spaced or cased (browsers ignore tabs and
/// newlines inside a URL and spaces before it).
pub fn script_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = squeezed
        .trim_start_matches(|c: char| c <= ' ')
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    squeezed.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// Elements whose content the tokenizer must read as raw text, as a tree
/// builder would tell it to. Ammonia never lets one through; should one
/// come, its content is read as the browser would read it, and dropped.
fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

/// Elements with no end tag.
fn void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// What the writer reads: tags, and text with every run of characters
/// between two tags joined into one (the tokenizer hands over each
/// character reference on its own). Comments, doctypes and NULs carry
/// nothing a body needs.
pub(super) enum Tok {
    Tag(Tag),
    Text(String),
}

/// The tokens of `html`, read as a browser reads a body's content.
pub(super) fn tokens(html: &str) -> Vec<Tok> {
    struct Sink(RefCell<Vec<Tok>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let mut toks = self.0.borrow_mut();
            match token {
                Token::TagToken(tag) => {
                    let next = if tag.kind != TagKind::StartTag {
                        TokenSinkResult::Continue
                    } else if &*tag.name == "plaintext" {
                        TokenSinkResult::Plaintext
                    } else {
                        raw_kind(&tag.name)
                            .map_or(TokenSinkResult::Continue, TokenSinkResult::RawData)
                    };
                    toks.push(Tok::Tag(tag));
                    next
                }
                Token::CharacterTokens(text) => {
                    match toks.last_mut() {
                        Some(Tok::Text(run)) => run.push_str(&text),
                        _ => toks.push(Tok::Text(text.to_string())),
                    }
                    TokenSinkResult::Continue
                }
                _ => TokenSinkResult::Continue,
            }
        }
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    // The sink never asks to stop for a script, so one feed reads it all.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// How deeply the elements of `html` nest, as a browser's tree builder
/// would nest them, near enough: elements whose end tag may be left out
/// (`<p>`, `<li>`, `<td>`…) close an open one of their kind. Linear in the
/// length of `html`; asked before the sanitiser, whose tree builder is not.
pub fn depth(html: &str) -> usize {
    let mut open: Vec<String> = Vec::new();
    let mut deepest = 0;
    for token in tokens(html) {
        let Tok::Tag(tag) = token else { continue };
        let name = tag.name.to_string();
        if void(&name) || tag.self_closing {
            continue;
        }
        match tag.kind {
            TagKind::StartTag => {
                let closes_own_kind = matches!(
                    name.as_str(),
                    "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option" | "rp" | "rt"
                );
                if closes_own_kind && open.last().is_some_and(|top| *top == name) {
                    open.pop();
                }
                open.push(name);
                deepest = deepest.max(open.len());
            }
            TagKind::EndTag => {
                // The nearest open element of that name, looking a little
                // way down only, so a stray end tag costs little.
                let from = open.len().saturating_sub(8);
                if let Some(at) = open[from..].iter().rposition(|n| *n == name) {
                    open.truncate(from + at);
                }
            }
        }
    }
    deepest
}

/// The box every table of a body sits in; the theme's `.table-wrap` rule
/// lets it scroll sideways on its own (WCAG 1.4.10 reflow, 2.1.1 keyboard).
pub const TABLE_WRAP: &str =
    r#"<div class="table-wrap" role="region" tabindex="0" aria-label="Table">"#;

/// Text escaped for an element's content.
pub fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

/// How long a run of text handed to the sanitiser may be before it is
/// broken by [`TEXT_BREAK`].
///
/// Why: html5ever 0.40's serializer (used by ammonia to write its result)
/// looks for the next `<`, `>` or quote from each `&` to the end of the
/// text (`write_escaped`, since servo/html5ever#740), so a paragraph of
/// many `&` costs the square of its length: 400,000 of them took seconds.
/// An empty comment ends a text node without changing what it says (the
/// sanitiser removes comments, and the text around it is written as it
/// was), so no text node it sees is longer than this.
pub const TEXT_RUN: usize = 1024;

/// What breaks a long text handed to the sanitiser: an empty comment.
pub const TEXT_BREAK: &str = "<!---->";

/// [`escape_text`] for text on its way to the sanitiser: broken by
/// [`TEXT_BREAK`] every [`TEXT_RUN`] bytes when it holds an `&`.
pub fn escape_text_for_sanitiser(out: &mut String, text: &str) {
    if text.len() <= TEXT_RUN || !text.contains('&') {
        escape_text(out, text);
        return;
    }
    let mut run = 0;
    for c in text.chars() {
        if run >= TEXT_RUN {
            out.push_str(TEXT_BREAK);
            run = 0;
        }
        run += c.len_utf8();
        let mut buf = [0u8; 4];
        escape_text(out, c.encode_utf8(&mut buf));
    }
}

/// Text escaped for a double-quoted attribute value.
pub fn escape_attribute(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

/// What the writer does with the ids and links it meets.
pub enum Ids<'a> {
    /// A fragment of raw HTML inside a body: each id is claimed in the
    /// body's set (renamed when another element of the body has it, or when
    /// the theme could make it), and `href="#id"` follows the renaming. Ids
    /// in `ours` were made by the renderer (a footnote reference in the
    /// same paragraph) and are kept.
    Rename {
        /// The body's ids so far.
        set: &'a mut IdSet,
        /// Ids the renderer made, kept as they are.
        ours: &'a HashSet<String>,
    },
    /// Raw HTML on its way to the sanitiser: written again as it is
    /// (ids and links untouched), long texts broken ([`TEXT_RUN`]).
    AsWritten,
    /// The whole body: every id and internal link becomes a hole, filled
    /// when the body is placed on a page.
    Holes {
        /// For each internal link of the body, whether it names a case
        /// (placeholders beyond are kept as written). Links to cases, and
        /// the brackets around a group of them that hold nothing else, are
        /// marked for the public edition to leave out.
        case_links: &'a [bool],
        /// Raw `<img src>` and `<a href>` whose value, as written, names a
        /// resource: the internal link it became.
        srcs: &'a HashMap<String, usize>,
    },
}

/// What the writer made.
#[derive(Debug, Default)]
pub struct Written {
    /// The markup, with holes left where [`Written::holes`] say.
    pub markup: String,
    /// Holes, in order (only with [`Ids::Holes`]).
    pub holes: Vec<(usize, Hole)>,
    /// Every id, in order, after renaming.
    pub ids: Vec<String>,
    /// The `src` of every image, in order.
    pub images: Vec<(String, Alt)>,
    /// The `href` of every link, in order.
    pub hrefs: Vec<String>,
    /// The length, in characters, of the longest attribute value.
    pub longest_attribute: usize,
    /// Byte ranges of the markup the public edition leaves out (only with
    /// [`Ids::Holes`]).
    pub public_drops: Vec<std::ops::Range<usize>>,
    /// Links to cases that stand in a sentence rather than in brackets of
    /// their own: the public edition leaves a gap where they were.
    pub loose_case_links: Vec<usize>,
    /// The text of each element a report with numbered paragraphs numbers
    /// (only with [`Ids::Holes`]), in order: see [`Numbering`].
    pub paragraphs: Vec<String>,
}

/// Which elements of a body get a paragraph number: each paragraph, list
/// item, block quote and alert that is not inside another numbered
/// element (a nested list belongs to its item, a quote's paragraphs to
/// the quote), a footnote, a table or a figure. Headings are never
/// numbered. The writer leaves holes in each numbered element (for its id
/// and its number) and keeps its text (for the response sheet's hashes).
#[derive(Default)]
struct Numbering {
    /// The elements open around the writer: their names, and whether each
    /// is numbered (`Some(number)`), shuts numbering out, or neither.
    open: Vec<(String, Opened)>,
}

/// What an open element is to [`Numbering`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Opened {
    /// Numbered: its number in the body.
    Numbered(usize),
    /// Nothing inside it is numbered: a footnote, a table, a figure.
    ShutOut,
    /// Neither.
    Plain,
}

impl Numbering {
    /// A start tag: whether the element is numbered, and its number.
    fn open(&mut self, name: &str, class: Option<&str>, count: usize) -> Option<usize> {
        let inside = self.open.iter().any(|(_, o)| *o != Opened::Plain);
        let has = |c: &str| class.is_some_and(|v| v.split_whitespace().any(|x| x == c));
        let opened = if inside {
            Opened::Plain
        } else if matches!(name, "p" | "li" | "blockquote") || (name == "div" && has("alert")) {
            Opened::Numbered(count)
        } else if matches!(name, "table" | "figure") || (name == "div" && has("footnote")) {
            Opened::ShutOut
        } else {
            Opened::Plain
        };
        self.open.push((name.to_string(), opened));
        match opened {
            Opened::Numbered(n) => Some(n),
            _ => None,
        }
    }

    /// An end tag: the element it closes (and any left open inside it).
    fn close(&mut self, name: &str) {
        if let Some(at) = self.open.iter().rposition(|(n, _)| n == name) {
            self.open.truncate(at);
        }
    }

    /// The numbered element the writer is inside, if any.
    fn within(&self) -> Option<usize> {
        self.open.iter().find_map(|(_, o)| match o {
            Opened::Numbered(n) => Some(*n),
            _ => None,
        })
    }
}

/// The internal link number a placeholder `href` names, if any.
fn link_number(href: &str) -> Option<usize> {
    href.strip_prefix(LINK_PLACEHOLDER)?.parse().ok()
}

/// Whether a text between two links to cases only separates them
/// (`, `, ` and `, `; `, `&`, spaces).
fn separator(text: &str) -> bool {
    text.split(|c: char| c == ',' || c == ';' || c == '&' || c.is_whitespace())
        .all(|word| word.is_empty() || word.eq_ignore_ascii_case("and"))
}

/// The token ranges (inclusive) the public edition leaves out: every link
/// to a case, and a group of them joined by separators as one range; when
/// a group is all a pair of brackets holds (`cases (C01, C05).`), the
/// brackets and the space before them go too. Texts are split at the
/// brackets so that each range is whole tokens.
fn case_link_drops(
    tokens: &mut Vec<Tok>,
    case_links: &[bool],
    loose: &mut Vec<usize>,
) -> Vec<(usize, usize)> {
    // Each link to a case: its start tag to its end tag.
    let mut elements: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let is_case = match &tokens[i] {
            Tok::Tag(tag) if tag.kind == TagKind::StartTag && &*tag.name == "a" => tag
                .attrs
                .iter()
                .find(|a| &*a.name.local == "href")
                .and_then(|a| link_number(&a.value))
                .is_some_and(|n| case_links.get(n).copied().unwrap_or(false)),
            _ => false,
        };
        if is_case {
            let end = (i + 1..tokens.len()).find(|j| {
                matches!(&tokens[*j], Tok::Tag(t) if t.kind == TagKind::EndTag && &*t.name == "a")
            });
            if let Some(j) = end {
                elements.push((i, j));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    // Links joined only by separators make one group.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (s, e) in elements {
        if let Some(last) = groups.last_mut() {
            let between = &tokens[last.1 + 1..s];
            if between
                .iter()
                .all(|t| matches!(t, Tok::Text(text) if separator(text)))
            {
                last.1 = e;
                continue;
            }
        }
        groups.push((s, e));
    }
    // From the last group back, so that splitting a text does not move
    // the groups still to come.
    let mut drops = Vec::new();
    for (s, e) in groups.into_iter().rev() {
        let opens = s.checked_sub(1).and_then(|b| match &tokens[b] {
            Tok::Text(t) => t
                .trim_end()
                .strip_suffix('(')
                .map(|kept| (b, kept.trim_end().len())),
            _ => None,
        });
        let closes = match tokens.get(e + 1) {
            Some(Tok::Text(t)) if t.trim_start().starts_with(')') => {
                Some(t.len() - t.trim_start().len() + 1)
            }
            _ => None,
        };
        match (opens, closes) {
            (Some((b, keep)), Some(close)) => {
                // `…cases (` → `…cases` + ` (`; `).` → `)` + `.`.
                let Tok::Text(after) = &tokens[e + 1] else {
                    unreachable!()
                };
                let (bracket, rest) = after.split_at(close);
                let (bracket, rest) = (bracket.to_string(), rest.to_string());
                tokens[e + 1] = Tok::Text(bracket);
                tokens.insert(e + 2, Tok::Text(rest));
                let Tok::Text(before) = &tokens[b] else {
                    unreachable!()
                };
                let (kept, opening) = before.split_at(keep);
                let (kept, opening) = (kept.to_string(), opening.to_string());
                tokens[b] = Tok::Text(kept);
                tokens.insert(b + 1, Tok::Text(opening));
                // The text split before the group moved it one on.
                drops.push((b + 1, e + 2, true));
            }
            _ => {
                // In a sentence: the link numbers, for a warning.
                for t in &tokens[s..=e] {
                    if let Tok::Tag(tag) = t
                        && tag.kind == TagKind::StartTag
                        && let Some(n) = tag
                            .attrs
                            .iter()
                            .find(|a| &*a.name.local == "href")
                            .and_then(|a| link_number(&a.value))
                    {
                        loose.push(n);
                    }
                }
                drops.push((s, e, false));
            }
        }
    }
    loose.sort_unstable();
    // In document order, each bracketed group's two new tokens move the
    // groups after it two on.
    drops.reverse();
    let mut shift = 0;
    let mut settled = Vec::with_capacity(drops.len());
    for (s, e, bracketed) in drops {
        settled.push((s + shift, e + shift));
        if bracketed {
            shift += 2;
        }
    }
    settled
}

/// Write sanitised `html` again through the tokenizer, escaping every
/// value, with ids and links handled as `ids` says.
pub fn write(html: &str, mut ids: Ids<'_>) -> Written {
    let mut tokens = tokens(html);
    let mut loose = Vec::new();
    let drops = match &ids {
        Ids::Holes { case_links, .. } => case_link_drops(&mut tokens, case_links, &mut loose),
        _ => Vec::new(),
    };
    let mut out = Written {
        markup: String::with_capacity(html.len() + 64),
        ..Written::default()
    };
    // Every id first, so that a link written before its target (a footnote
    // reference) still finds it: the id as written → its number.
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    for token in &tokens {
        let Tok::Tag(tag) = token else {
            continue;
        };
        if tag.kind != TagKind::StartTag || skipped(&tag.name) {
            continue;
        }
        let ids_here = tag
            .attrs
            .iter()
            .filter(|a| a.name.prefix.is_none() && &*a.name.local == "id");
        for attr in ids_here {
            let written = attr.value.to_string();
            let id = match &mut ids {
                Ids::Rename { set, ours } => {
                    let id = if ours.contains(&written) {
                        written.clone()
                    } else {
                        set.claim_for_body(&written)
                    };
                    renamed.entry(written.clone()).or_insert_with(|| id.clone());
                    id
                }
                // The body's ids are unique already; a repeat (which
                // ammonia cannot make) would keep its value.
                Ids::Holes { .. } | Ids::AsWritten => written.clone(),
            };
            numbers.entry(written).or_insert(out.ids.len());
            out.ids.push(id);
        }
    }
    let mut next_id = 0;
    // Inside a raw-text element that should never have come through: its
    // content is dropped.
    let mut dropping: Option<String> = None;
    out.loose_case_links = loose;
    let mut open_drop: Option<usize> = None;
    let mut numbering = matches!(ids, Ids::Holes { .. }).then(Numbering::default);
    for (index, token) in tokens.into_iter().enumerate() {
        // The markup of a token range the public edition leaves out.
        if drops.iter().any(|(s, _)| *s == index) {
            open_drop = Some(out.markup.len());
        }
        let ends_drop = drops.iter().any(|(_, e)| *e == index);
        write_token(
            token,
            &mut out,
            &mut ids,
            &mut dropping,
            &mut next_id,
            &renamed,
            &numbers,
            numbering.as_mut(),
        );
        if ends_drop && let Some(start) = open_drop.take() {
            out.public_drops.push(start..out.markup.len());
        }
    }
    out
}

/// Write one token (see [`write`]).
#[allow(clippy::too_many_arguments)]
fn write_token(
    token: Tok,
    out: &mut Written,
    ids: &mut Ids<'_>,
    dropping: &mut Option<String>,
    next_id: &mut usize,
    renamed: &HashMap<String, String>,
    numbers: &HashMap<String, usize>,
    numbering: Option<&mut Numbering>,
) {
    {
        match token {
            Tok::Tag(tag) => {
                let name = tag.name.to_string();
                if let Some(raw) = dropping.as_ref() {
                    if tag.kind == TagKind::EndTag && *raw == name {
                        *dropping = None;
                    }
                    return;
                }
                if skipped(&name) {
                    if tag.kind == TagKind::StartTag && raw_kind(&name).is_some() {
                        *dropping = Some(name);
                    }
                    return;
                }
                match tag.kind {
                    TagKind::EndTag => {
                        if void(&name) {
                            return;
                        }
                        if let Some(numbering) = numbering {
                            numbering.close(&name);
                        }
                        out.markup.push_str("</");
                        out.markup.push_str(&name);
                        out.markup.push('>');
                        if name == "table" && wraps_tables(ids) {
                            out.markup.push_str("</div>");
                        }
                    }
                    TagKind::StartTag => {
                        if name == "table" && wraps_tables(ids) {
                            out.markup.push_str(TABLE_WRAP);
                        }
                        out.markup.push('<');
                        out.markup.push_str(&name);
                        // A numbered element: a hole for its id (unless it
                        // has one of its own, which the number then
                        // carries) and, after the tag, one for its number.
                        let numbered = match numbering {
                            Some(numbering) if !void(&name) => {
                                let class = tag
                                    .attrs
                                    .iter()
                                    .find(|a| &*a.name.local == "class")
                                    .map(|a| &*a.value);
                                numbering.open(&name, class, out.paragraphs.len())
                            }
                            _ => None,
                        };
                        let own_id = tag.attrs.iter().any(|a| &*a.name.local == "id");
                        if let Some(n) = numbered {
                            out.paragraphs.push(String::new());
                            if !own_id {
                                out.holes.push((out.markup.len(), Hole::ParagraphId(n)));
                            }
                        }
                        let mut image_size = None;
                        for attr in &tag.attrs {
                            let attribute = &*attr.name.local;
                            let value = &*attr.value;
                            if attr.name.prefix.is_some()
                                || !allowed_attribute(&name, attribute, value)
                            {
                                continue;
                            }
                            if name == "img" && attribute == "src" {
                                let alt = match tag.attrs.iter().find(|a| &*a.name.local == "alt") {
                                    None => Alt::Missing,
                                    Some(a) if a.value.trim().is_empty() => Alt::Decorative,
                                    Some(_) => Alt::Text,
                                };
                                out.images.push((value.to_string(), alt));
                            }
                            out.longest_attribute =
                                out.longest_attribute.max(value.chars().count());
                            out.markup.push(' ');
                            out.markup.push_str(attribute);
                            out.markup.push_str("=\"");
                            match (attribute, &mut *ids) {
                                ("id", Ids::Rename { .. }) => {
                                    let id = out.ids[*next_id].clone();
                                    escape_attribute(&mut out.markup, &id);
                                    *next_id += 1;
                                }
                                ("id", Ids::Holes { .. }) => {
                                    out.holes.push((out.markup.len(), Hole::Id(*next_id)));
                                    *next_id += 1;
                                }
                                ("href", Ids::Rename { .. }) => {
                                    if name == "a" {
                                        out.hrefs.push(value.to_string());
                                    }
                                    let local =
                                        value.strip_prefix('#').and_then(|v| renamed.get(v));
                                    match local {
                                        Some(id) => {
                                            out.markup.push('#');
                                            escape_attribute(&mut out.markup, id);
                                        }
                                        None => escape_attribute(&mut out.markup, value),
                                    }
                                }
                                ("src", Ids::Holes { case_links, srcs }) if name == "img" => {
                                    let link = link_number(value)
                                        .filter(|n| *n < case_links.len())
                                        .or_else(|| srcs.get(value).copied());
                                    match link {
                                        Some(n) => {
                                            out.holes.push((out.markup.len(), Hole::Link(n)));
                                            let sized = tag.attrs.iter().any(|a| {
                                                matches!(&*a.name.local, "width" | "height")
                                            });
                                            if !sized {
                                                image_size = Some(n);
                                            }
                                        }
                                        None => escape_attribute(&mut out.markup, value),
                                    }
                                }
                                ("href", Ids::Holes { case_links, srcs }) => {
                                    let link = link_number(value)
                                        .filter(|n| *n < case_links.len())
                                        .or_else(|| srcs.get(value).copied());
                                    let local =
                                        value.strip_prefix('#').and_then(|v| numbers.get(v));
                                    match (link, local) {
                                        (Some(n), _) => {
                                            out.holes.push((out.markup.len(), Hole::Link(n)))
                                        }
                                        (None, Some(n)) => {
                                            out.holes.push((out.markup.len(), Hole::IdRef(*n)))
                                        }
                                        (None, None) => escape_attribute(&mut out.markup, value),
                                    }
                                }
                                _ => escape_attribute(&mut out.markup, value),
                            }
                            out.markup.push('"');
                        }
                        if name == "img" && matches!(ids, Ids::Holes { .. }) {
                            // Images load as the reader scrolls to them.
                            if !tag.attrs.iter().any(|a| &*a.name.local == "loading") {
                                out.markup.push_str(" loading=\"lazy\"");
                            }
                            if let Some(n) = image_size {
                                out.holes.push((out.markup.len(), Hole::ImageSize(n)));
                            }
                        }
                        out.markup.push('>');
                        if let Some(n) = numbered {
                            out.holes.push((
                                out.markup.len(),
                                Hole::ParagraphNumber {
                                    paragraph: n,
                                    with_id: own_id,
                                },
                            ));
                        }
                    }
                }
            }
            Tok::Text(text) if dropping.is_none() => match *ids {
                // On its way to the sanitiser again.
                Ids::Rename { .. } | Ids::AsWritten => {
                    escape_text_for_sanitiser(&mut out.markup, &text)
                }
                Ids::Holes { .. } => {
                    if let Some(n) = numbering.and_then(|n| n.within()) {
                        out.paragraphs[n].push_str(&text);
                    }
                    escape_text(&mut out.markup, &text)
                }
            },
            Tok::Text(_) => {}
        }
    }
}

/// Whether the writer puts tables in their scrolling box: not on raw HTML
/// on its way to the sanitiser, which is written again as it is (the box
/// would be markup the author never wrote, and the sanitiser would strip
/// its attributes).
fn wraps_tables(ids: &Ids<'_>) -> bool {
    !matches!(ids, Ids::AsWritten)
}

/// Elements the writer never writes, whatever comes: anything that runs
/// script, loads a page or a style, or takes over the document.
fn skipped(name: &str) -> bool {
    raw_kind(name).is_some()
        || matches!(
            name,
            "plaintext"
                | "object"
                | "embed"
                | "applet"
                | "base"
                | "link"
                | "meta"
                | "form"
                | "frame"
                | "frameset"
                | "svg"
                | "math"
                | "template"
                | "html"
                | "head"
                | "body"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rename(html: &str, set: &mut IdSet) -> Written {
        write(
            html,
            Ids::Rename {
                set,
                ours: &HashSet::new(),
            },
        )
    }

    /// Every `on…` attribute in `html`, as a browser's tokenizer reads it.
    fn handlers(html: &str) -> Vec<String> {
        tokens(html)
            .into_iter()
            .filter_map(|t| match t {
                Tok::Tag(tag) => Some(tag.attrs),
                _ => None,
            })
            .flatten()
            .map(|a| a.name.local.to_string())
            .filter(|name| name.starts_with("on"))
            .collect()
    }

    fn rewrite(html: &str) -> String {
        rename(&clean(html), &mut IdSet::new()).markup
    }

    #[test]
    fn text_that_looks_like_an_attribute_stays_text() {
        // The attack that beat a writer which searched the text for ` id="`.
        let html = clean(
            "<p>note id=\"<img title=\" onerror=alert(document.domain) \" src=\"x\"></p><p>note id=\"<img title=\" onerror=alert(document.domain) \" src=\"x\"></p>",
        );
        let written = rename(&html, &mut IdSet::new());
        assert!(handlers(&written.markup).is_empty(), "{}", written.markup);
        assert!(written.ids.is_empty());
        let holes = write(
            &html,
            Ids::Holes {
                case_links: &[],
                srcs: &HashMap::new(),
            },
        );
        // No id or link came of the text: the only holes are the two
        // paragraphs' places for their numbers.
        assert!(
            holes
                .holes
                .iter()
                .all(|(_, h)| matches!(h, Hole::ParagraphId(_) | Hole::ParagraphNumber { .. })),
            "{:?}",
            holes.holes
        );
        assert_eq!(holes.paragraphs.len(), 2);
        assert!(handlers(&holes.markup).is_empty(), "{}", holes.markup);
        // The image keeps its title, whole, as one attribute.
        assert!(
            holes
                .markup
                .contains("title=\" onerror=alert(document.domain) \"")
        );
    }

    #[test]
    fn the_writer_gives_back_what_ammonia_wrote() {
        for html in [
            "<p>a &amp; b &lt;c&gt; \u{a0}d</p>",
            "<p><a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\" title=\"x &quot; y\">l</a></p>",
            "<ul><li>x<br>y</li></ul><img src=\"a.png\" alt=\"A\"><hr>",
            "<td style=\"text-align: right\">1</td>",
        ] {
            let cleaned = clean(html);
            assert_eq!(rewrite(&cleaned), cleaned, "{html}");
        }
    }

    #[test]
    fn ids_are_renamed_in_fragments_and_links_follow() {
        let mut set = IdSet::new();
        set.claim("taken");
        let w = rename(
            &clean(
                "<a href=\"#taken\">x</a><div id=\"taken\">t</div><div id=\"main\"></div><p id=\"std-2-1\"></p>",
            ),
            &mut set,
        );
        assert_eq!(w.ids, ["taken-1", "main", "h-std-2-1"]);
        assert!(w.markup.contains("href=\"#taken-1\""), "{}", w.markup);
    }

    #[test]
    fn ids_and_links_become_holes() {
        let w = write(
            &clean(&format!(
                "<sup><a href=\"#fn-1\" id=\"r\">1</a></sup><a href=\"{LINK_PLACEHOLDER}0\">l</a><a href=\"{LINK_PLACEHOLDER}7\">bad</a><div id=\"fn-1\"></div>"
            )),
            Ids::Holes {
                case_links: &[false],
                srcs: &HashMap::new(),
            },
        );
        let kinds: Vec<Hole> = w.holes.iter().map(|(_, h)| *h).collect();
        assert_eq!(
            kinds,
            [Hole::IdRef(1), Hole::Id(0), Hole::Link(0), Hole::Id(1)]
        );
        assert_eq!(w.ids, ["r", "fn-1"]);
        // A placeholder no link has is an ordinary fragment, kept as written.
        assert!(w.markup.contains("href=\"#evident-link-7\""));
    }

    #[test]
    fn tables_are_wrapped_by_tag_not_by_text() {
        let out = rewrite(
            "<table class=\"x\"><tr><td>1</td></tr></table><p>Not &lt;table&gt; and not &lt;/table&gt;</p>",
        );
        assert_eq!(out.matches(TABLE_WRAP).count(), 1, "{out}");
        assert_eq!(out.matches("</table></div>").count(), 1, "{out}");
    }

    #[test]
    fn raw_html_on_its_way_to_the_sanitiser_gets_no_table_box() {
        let html = "<table><tr><td>1</td></tr></table>";
        let before = write(html, Ids::AsWritten).markup;
        assert!(!before.contains("table-wrap"), "{before}");
        assert_eq!(before.matches("</table>").count(), 1, "{before}");
        // After it, the box is put round the table.
        assert!(rewrite(html).contains(TABLE_WRAP));
    }

    #[test]
    fn whatever_comes_the_writer_drops_script_and_handlers() {
        // Straight to the writer, as if the sanitiser had let it through.
        let w = rename(
            "<p onclick=\"x()\" style=\"color:red\">a<script>alert(1)</script><a href=\" java\tscript:alert(1)\">l</a><img src=\"data:image/svg+xml,x\"><style>p{}</style>b</p><svg><script>1</script></svg>",
            &mut IdSet::new(),
        );
        for bad in ["onclick", "script", "style", "alert", "data:", "<svg"] {
            assert!(!w.markup.contains(bad), "{bad} in {}", w.markup);
        }
        assert!(w.markup.contains('a') && w.markup.contains('b'));
    }
}
