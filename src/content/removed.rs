//! What sanitising removed from a fragment of raw HTML, part of rendering a
//! body in `parse` (step 5 of [`super::markdown`]): the author is told
//! (`check` warns, `sanitised-html`), never left to find the gap.
//!
//! 1. The fragment is parsed as the sanitiser parses it: html5ever's tree
//!    builder, as the content of a `<div>`, with the same options, into a
//!    small tree of our own ([`parse`]).
//! 2. The sanitiser's result is read back as a tree from its tokens
//!    ([`read_back`]): ammonia writes every element whole, end tag
//!    included (void elements aside), so the nesting read is the nesting it
//!    left. Attributes the writer drops again after it
//!    ([`super::sanitise::allowed_attribute`]) are left out, so what is
//!    compared is what a reader gets.
//! 3. The two are walked side by side in document order ([`compare`]).
//!    The sanitiser only takes away: an element goes alone (what it held
//!    taking its place) or with what it held (`script`, `style`, foreign
//!    content), and a kept element loses attributes. So each element of
//!    the input is either the next element of the result, or gone; each
//!    attribute of a kept element is on its counterpart, or gone. Why an
//!    attribute went is read from the sanitiser's rules
//!    ([`super::sanitise::keeps_attribute`]), never from any text.
//!
//! Ids renamed, tables' boxes, footnotes' markup and every other change
//! Evident makes come after the sanitiser, so none is a removal. Only
//! fragments of raw HTML come here: a body without raw HTML pays nothing.

use super::sanitise::{self, Tok};
use crate::model::{Content, Limit, Removed};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TagKind;
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, ParseOpts, QualName, local_name, ns};
use std::borrow::Cow;
use std::cell::RefCell;

/// What sanitising `input` into `sanitised` took out, in document order.
pub(super) fn removed(input: &str, sanitised: &str) -> Vec<Removed> {
    compare(&parse(input), &read_back(sanitised))
}

/// One node of a fragment.
#[derive(Debug)]
enum Node {
    /// The document, or the element the fragment is parsed into.
    Root,
    /// An element.
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        /// A MathML `annotation-xml` that holds HTML (the tree builder
        /// asks).
        annotation_xml: bool,
    },
    /// Text, with adjacent texts joined as a browser joins them.
    Text(String),
    /// A comment, doctype or processing instruction: nothing a reader sees
    /// (the sanitiser drops comments, and so does Evident's writer).
    Other,
}

/// A node with its place in the tree.
#[derive(Debug)]
struct Slot {
    node: Node,
    parent: Option<usize>,
    children: Vec<usize>,
}

impl Slot {
    fn new(node: Node) -> Self {
        Slot {
            node,
            parent: None,
            children: Vec::new(),
        }
    }
}

/// A fragment as a tree: its nodes, and the one whose children are the
/// fragment's content.
#[derive(Debug)]
struct Tree {
    slots: Vec<Slot>,
    top: Option<usize>,
}

impl Tree {
    fn children(&self, node: usize) -> &[usize] {
        &self.slots[node].children
    }
}

/// The name the tree builder asks of an element, owned: the slots sit in a
/// `RefCell`, so nothing borrowed from them may outlive the call.
#[derive(Debug)]
struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }

    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

/// html5ever's tree builder writes into this: the slots, handles being
/// their indexes, the document at 0.
struct Sink(RefCell<Vec<Slot>>);

impl Sink {
    fn push(&self, node: Node) -> usize {
        let mut slots = self.0.borrow_mut();
        slots.push(Slot::new(node));
        slots.len() - 1
    }
}

/// Take `node` out of its parent's children.
fn detach(slots: &mut [Slot], node: usize) {
    if let Some(parent) = slots[node].parent.take() {
        slots[parent].children.retain(|c| *c != node);
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Vec<Slot>;
    type ElemName<'a> = Name;

    fn finish(self) -> Vec<Slot> {
        self.0.into_inner()
    }

    // The parse's complaints are the author's HTML being loose, which the
    // browser forgives as the parser does; what matters is what it built.
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> Name {
        match &self.0.borrow()[*target].node {
            Node::Element { name, .. } => Name(name.clone()),
            // The tree builder asks only of elements.
            _ => Name(QualName::new(None, ns!(), local_name!(""))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        self.push(Node::Element {
            name,
            attrs,
            annotation_xml: flags.mathml_annotation_xml_integration_point,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> usize {
        self.push(Node::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.push(Node::Other)
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        let node = match child {
            NodeOrText::AppendText(text) => {
                let mut slots = self.0.borrow_mut();
                if let Some(&last) = slots[*parent].children.last()
                    && let Node::Text(there) = &mut slots[last].node
                {
                    there.push_str(&text);
                    return;
                }
                drop(slots);
                self.push(Node::Text(text.to_string()))
            }
            NodeOrText::AppendNode(node) => node,
        };
        let mut slots = self.0.borrow_mut();
        detach(&mut slots, node);
        slots[node].parent = Some(*parent);
        slots[*parent].children.push(node);
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self.0.borrow()[*element].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    // A template's content is read as its children: the sanitiser, which
    // keeps it apart, removes it with the template, and so it is reported.
    fn get_template_contents(&self, target: &usize) -> usize {
        *target
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        let node = match new_node {
            NodeOrText::AppendText(text) => {
                let mut slots = self.0.borrow_mut();
                let Some(parent) = slots[*sibling].parent else {
                    return;
                };
                let at = slots[parent].children.iter().position(|c| c == sibling);
                if let Some(before) = at.and_then(|at| at.checked_sub(1)) {
                    let previous = slots[parent].children[before];
                    if let Node::Text(there) = &mut slots[previous].node {
                        there.push_str(&text);
                        return;
                    }
                }
                drop(slots);
                self.push(Node::Text(text.to_string()))
            }
            NodeOrText::AppendNode(node) => node,
        };
        let mut slots = self.0.borrow_mut();
        detach(&mut slots, node);
        let Some(parent) = slots[*sibling].parent else {
            return;
        };
        let at = slots[parent]
            .children
            .iter()
            .position(|c| c == sibling)
            .unwrap_or(slots[parent].children.len());
        slots[node].parent = Some(parent);
        slots[parent].children.insert(at, node);
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        if let Node::Element { attrs: there, .. } = &mut self.0.borrow_mut()[*target].node {
            for attr in attrs {
                if !there.iter().any(|a| a.name == attr.name) {
                    there.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        detach(&mut self.0.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut slots = self.0.borrow_mut();
        let children = std::mem::take(&mut slots[*node].children);
        for &child in &children {
            slots[child].parent = Some(*new_parent);
        }
        slots[*new_parent].children.extend(children);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &usize) -> bool {
        matches!(
            self.0.borrow()[*handle].node,
            Node::Element {
                annotation_xml: true,
                ..
            }
        )
    }
}

/// `html` parsed as ammonia parses what it sanitises: a fragment in a
/// `<div>`, with html5ever's default options, scripting off for the
/// context (`ammonia::Builder::clean`, ammonia 4.2). The fragment's
/// content is the children of the `html` element the parser makes.
fn parse(html: &str) -> Tree {
    let sink = Sink(RefCell::new(vec![Slot::new(Node::Root)]));
    let context = QualName::new(None, ns!(html), local_name!("div"));
    let slots =
        html5ever::parse_fragment(sink, ParseOpts::default(), context, Vec::new(), false).one(html);
    let top = slots[0].children.first().copied();
    Tree { slots, top }
}

/// Elements the HTML serializer writes without an end tag (the void
/// elements of the HTML standard's serialisation algorithm, as html5ever
/// 0.40 lists them: <https://html.spec.whatwg.org/multipage/parsing.html#serialising-html-fragments>).
fn written_without_end(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The sanitiser's output read back as the tree it was written from: each
/// start tag opens an element (but a void one), each end tag closes the
/// element it names. Every element is HTML: the sanitiser keeps no SVG or
/// MathML (its tags list has none, and it removes foreign content that is
/// not under an `<svg>` or `<math>` it kept).
fn read_back(sanitised: &str) -> Tree {
    /// Add `node` as the last child of the innermost open element.
    fn add(slots: &mut Vec<Slot>, open: &[usize], node: Node) -> usize {
        let parent = open.last().copied().unwrap_or(0);
        slots.push(Slot {
            node,
            parent: Some(parent),
            children: Vec::new(),
        });
        let id = slots.len() - 1;
        slots[parent].children.push(id);
        id
    }
    let mut slots = vec![Slot::new(Node::Root)];
    let mut open = vec![0usize];
    for token in sanitise::tokens(sanitised) {
        match token {
            Tok::Text(text) => {
                add(&mut slots, &open, Node::Text(text));
            }
            Tok::Tag(tag) if tag.kind == TagKind::StartTag => {
                let attrs = tag
                    .attrs
                    .into_iter()
                    .filter(|a| {
                        a.name.prefix.is_none()
                            && sanitise::allowed_attribute(&tag.name, &a.name.local, &a.value)
                    })
                    .collect();
                let void = written_without_end(&tag.name);
                let name = QualName::new(None, ns!(html), tag.name);
                let id = add(
                    &mut slots,
                    &open,
                    Node::Element {
                        name,
                        attrs,
                        annotation_xml: false,
                    },
                );
                if !void {
                    open.push(id);
                }
            }
            Tok::Tag(tag) => {
                let at = open.iter().rposition(|n| {
                    matches!(&slots[*n].node, Node::Element { name, .. } if name.local == tag.name)
                });
                if let Some(at) = at.filter(|at| *at > 0) {
                    open.truncate(at);
                }
            }
        }
    }
    Tree {
        slots,
        top: Some(0),
    }
}

/// How deep the walk goes. The body's nesting limit (checked before the
/// sanitiser runs) keeps every fragment that gets here well above it; this
/// only bounds the stack whatever comes.
fn deepest() -> usize {
    4 * Limit::Nesting.max()
}

/// Where the walk stands among the result's children at one level: the
/// child it is at, and how much of that child's text is accounted for.
#[derive(Default)]
struct Cursor {
    index: usize,
    offset: usize,
}

/// What a run of the input's nodes came to: whether something a reader
/// would see stayed, and whether something went.
#[derive(Default, Clone, Copy)]
struct Seen {
    kept: bool,
    dropped: bool,
}

/// The input and the sanitiser's result, walked side by side.
struct Walk<'t> {
    before: &'t Tree,
    after: &'t Tree,
}

/// Everything present in `before` and not in `after`, in document order.
fn compare(before: &Tree, after: &Tree) -> Vec<Removed> {
    let mut out = Vec::new();
    if let (Some(top), Some(kept)) = (before.top, after.top) {
        let walk = Walk { before, after };
        walk.nodes(
            before.children(top),
            after.children(kept),
            &mut Cursor::default(),
            &mut out,
            0,
        );
    }
    out
}

impl Walk<'_> {
    /// Walk `nodes` of the input against `kept`, the result's children at
    /// the same place, from `at` on.
    fn nodes(
        &self,
        nodes: &[usize],
        kept: &[usize],
        at: &mut Cursor,
        out: &mut Vec<Removed>,
        depth: usize,
    ) -> Seen {
        let mut seen = Seen::default();
        if depth > deepest() {
            return seen;
        }
        for &node in nodes {
            match &self.before.slots[node].node {
                Node::Text(text) => {
                    let stayed = self.take_text(text, kept, at);
                    // White space between tags is no one's content.
                    if !text.trim().is_empty() {
                        seen.kept |= stayed;
                        seen.dropped |= !stayed;
                    }
                }
                Node::Element { name, attrs, .. } => match self.counterpart(name, kept, at) {
                    Some(there) => {
                        seen.kept = true;
                        self.attributes(name, attrs, there, out);
                        self.nodes(
                            self.before.children(node),
                            self.after.children(there),
                            &mut Cursor::default(),
                            out,
                            depth + 1,
                        );
                    }
                    None => {
                        // Gone: what it held, if kept, took its place.
                        let mut within = Vec::new();
                        let inside = self.nodes(
                            self.before.children(node),
                            kept,
                            at,
                            &mut within,
                            depth + 1,
                        );
                        let content = if inside.kept {
                            Content::Kept
                        } else if inside.dropped {
                            Content::Dropped
                        } else {
                            Content::Empty
                        };
                        out.push(Removed::Element {
                            name: name.local.to_string(),
                            content,
                        });
                        // What went with the element is part of its one
                        // removal; what stayed is looked at on its own.
                        if content == Content::Kept {
                            out.append(&mut within);
                        }
                        seen.kept |= inside.kept;
                        seen.dropped = true;
                    }
                },
                Node::Root | Node::Other => {}
            }
        }
        seen
    }

    /// Whether `text` is next in the result; if so the cursor moves past
    /// it. Texts the input holds apart (around a removed element) are one
    /// text in the result, so a text may be a part of one.
    fn take_text(&self, text: &str, kept: &[usize], at: &mut Cursor) -> bool {
        let Some(&there) = kept.get(at.index) else {
            return false;
        };
        let Node::Text(result) = &self.after.slots[there].node else {
            return false;
        };
        let rest = result.get(at.offset..).unwrap_or_default();
        if !rest.starts_with(text) {
            return false;
        }
        at.offset += text.len();
        if at.offset >= result.len() {
            at.index += 1;
            at.offset = 0;
        }
        true
    }

    /// The result's element for an input element named `name`: the next
    /// element at this level, if it has that name. Text of the result not
    /// accounted for before it is passed over.
    ///
    /// Taking the next element of the same name is right because the
    /// sanitiser decides by name: an element it keeps is never removed
    /// elsewhere, except inside one removed with its content. There, an
    /// HTML element inside foreign content (`<math><mi><b>1</b>…`) may be
    /// taken for a like-named one after it, and the warning then lists the
    /// foreign elements one by one rather than as one; it is still one
    /// warning, at its place.
    fn counterpart(&self, name: &QualName, kept: &[usize], at: &mut Cursor) -> Option<usize> {
        if name.ns != ns!(html) {
            return None;
        }
        let mut index = at.index;
        while let Some(&there) = kept.get(index) {
            match &self.after.slots[there].node {
                Node::Element { name: result, .. } => {
                    if result.local != name.local {
                        return None;
                    }
                    at.index = index + 1;
                    at.offset = 0;
                    return Some(there);
                }
                _ => index += 1,
            }
        }
        None
    }

    /// The attributes of a kept element that its counterpart lacks.
    fn attributes(
        &self,
        element: &QualName,
        attrs: &[Attribute],
        there: usize,
        out: &mut Vec<Removed>,
    ) {
        let Node::Element { attrs: kept, .. } = &self.after.slots[there].node else {
            return;
        };
        for attr in attrs {
            if kept.iter().any(|k| k.name == attr.name) {
                continue;
            }
            let attribute = match &attr.name.prefix {
                Some(prefix) => format!("{prefix}:{}", attr.name.local),
                None => attr.name.local.to_string(),
            };
            out.push(why(&element.local, attribute, &attr.value));
        }
    }
}

/// Why an attribute of a kept element went: its name is never kept there,
/// or its address has a scheme that is not (or cannot be read), or its
/// value is not one that is kept.
fn why(element: &str, attribute: String, value: &str) -> Removed {
    let element = element.to_string();
    if !sanitise::keeps_attribute(&element, &attribute) {
        return Removed::Attribute { element, attribute };
    }
    if sanitise::holds_address(&attribute) {
        let scheme = scheme(value).filter(|s| !sanitise::keeps_scheme(s));
        return Removed::Address {
            element,
            attribute,
            scheme,
        };
    }
    Removed::Value { element, attribute }
}

/// The scheme of a URL as a browser reads it, lowercase: leading and
/// trailing C0 controls and spaces are dropped and tabs and newlines
/// ignored anywhere, then a scheme is an ASCII letter followed by letters,
/// digits, `+`, `-` or `.`, up to a colon (the URL Standard's basic URL
/// parser, <https://url.spec.whatwg.org/#concept-basic-url-parser>, as the
/// `url` crate behind the sanitiser applies it). `None` when there is none.
fn scheme(value: &str) -> Option<String> {
    let mut scheme = String::new();
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c)
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What sanitising `html` removed.
    fn gone(html: &str) -> Vec<Removed> {
        removed(html, &sanitise::clean(html))
    }

    fn element(name: &str, content: Content) -> Removed {
        Removed::Element {
            name: name.into(),
            content,
        }
    }

    fn attribute(element: &str, attribute: &str) -> Removed {
        Removed::Attribute {
            element: element.into(),
            attribute: attribute.into(),
        }
    }

    #[test]
    fn harmless_html_loses_nothing() {
        for html in [
            "<p>Plain <em>text</em> &amp; <kbd>Ctrl</kbd></p>",
            "<details><summary>More</summary>\n<p>Text</p>\n</details>",
            "<abbr title=\"Youth Offending Team\">YOT</abbr>",
            "<table><tr><td style=\"text-align: right\">1</td></tr></table>",
            "<div id=\"main\" class=\"x\"><a href=\"#main\">self</a></div>",
            "<p>a<!-- a comment -->b</p>",
            "<ul><li>one<li>two</ul>",
            "<pre>\n\nindented</pre>",
            "<img src=\"chart.png\" alt=\"A chart\">",
            "<a href=\"https://example.org/?a=1&amp;b=2\">x</a>",
            "text with a < and a > and &nbsp;",
            // Repaired by the parser the same way before and after.
            "<b><i>x</b>y</i>",
            "<table>stray<tr><td>1</table>",
            "<p>one<p>two<div>three</div>",
            "<div><p>unclosed",
            "<dl><dt>t<dd>d</dl>",
            "a\r\nb <b>c</b>\r\n",
        ] {
            assert_eq!(gone(html), [], "{html}");
        }
    }

    #[test]
    fn elements_go_with_or_without_what_they_held() {
        assert_eq!(
            gone("<script>alert(1)</script>"),
            [element("script", Content::Dropped)]
        );
        assert_eq!(
            gone("<form><p>Kept</p></form>"),
            [element("form", Content::Kept)]
        );
        assert_eq!(
            gone("<iframe src=\"https://x.example/\"></iframe>"),
            [element("iframe", Content::Empty)]
        );
        // Text around a removed element is joined in the result.
        assert_eq!(
            gone("a<span>b</span><font>c</font>d<style>x{}</style>e"),
            [
                element("font", Content::Kept),
                element("style", Content::Dropped)
            ]
        );
        // Foreign content goes whole, as one removal.
        assert_eq!(
            gone("<svg><script>1</script><a xlink:href=\"javascript:x\"><text>t</text></a></svg>"),
            [element("svg", Content::Dropped)]
        );
        // Rows kept, their box not.
        assert_eq!(
            gone("<table><tfoot><tr><td>f</td></tr></tfoot></table>"),
            [element("tfoot", Content::Kept)]
        );
        // A template's content went with it.
        assert_eq!(
            gone("<template><b>x</b></template>"),
            [element("template", Content::Dropped)]
        );
    }

    #[test]
    fn attributes_say_why_they_went() {
        assert_eq!(
            gone("<p onclick=\"x()\" style=\"color:red\">a</p>"),
            [attribute("p", "onclick"), attribute("p", "style")]
        );
        assert_eq!(
            gone("<a href=\" Java\tScript:alert(1)\">l</a>"),
            [Removed::Address {
                element: "a".into(),
                attribute: "href".into(),
                scheme: Some("javascript".into()),
            }]
        );
        assert_eq!(
            gone("<img src=\"data:image/png;base64,AAAA\" alt=\"x\">"),
            [Removed::Address {
                element: "img".into(),
                attribute: "src".into(),
                scheme: Some("data".into()),
            }]
        );
        // Kept by the sanitiser, dropped by the writer after it.
        assert_eq!(
            gone("<q cite=\"vbscript:x\">q</q>"),
            [Removed::Address {
                element: "q".into(),
                attribute: "cite".into(),
                scheme: Some("vbscript".into()),
            }]
        );
        assert_eq!(
            gone("<table><tr><td style=\"color: red\">1</td></tr></table>"),
            [Removed::Value {
                element: "td".into(),
                attribute: "style".into(),
            }]
        );
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        for (value, want) in [
            ("javascript:x", Some("javascript")),
            ("  JaVa\nScRiPt:x", Some("javascript")),
            ("\u{1}data:x", Some("data")),
            ("web+cal.x-y:z", Some("web+cal.x-y")),
            ("chart.png", None),
            ("/a:b", None),
            ("1http:x", None),
            ("", None),
        ] {
            assert_eq!(scheme(value).as_deref(), want, "{value:?}");
        }
    }
}
