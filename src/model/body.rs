use std::ops::Range;

/// A Markdown body rendered to sanitised HTML, with what later stages need
/// to know about it. Internal links and ids are left as holes in the HTML
/// ([`BodyHtml`]) until the plan knows every page's URL and which other
/// bodies share the page, so a body renders once per file and is reused on
/// every page that shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Sanitised HTML with holes for internal links and ids.
    pub html: BodyHtml,
    /// Every id the body gives an element, in order; [`Hole::Id`] and
    /// [`Hole::IdRef`] index this list. Unique within the body.
    pub ids: Vec<String>,
    /// Images the body loads, in order, where they were written.
    pub images: Vec<ImageRef>,
    /// Plain text, for the search index and excerpts.
    pub text: String,
    /// The plain text without the links to cases, when that differs: the
    /// public edition's search index reads it.
    pub public_text: Option<String>,
    /// Byte ranges, in the file, of the text a reader sees outside links to
    /// cases: the public edition checks that none names a case. Empty for
    /// Markdown held in a YAML string.
    pub prose: Vec<Range<usize>>,
    /// Links to cases (numbers in [`Body::links`]) that stand in a sentence
    /// rather than in brackets: the public edition leaves a gap there.
    pub loose_case_links: Vec<usize>,
    /// Headings, in order, for a contents list.
    pub toc: Vec<TocEntry>,
    /// The plain text of each element numbered when the report numbers
    /// its paragraphs (paragraphs, list items, block quotes and alerts
    /// outside one another, footnotes, tables and figures), in order.
    pub paragraphs: Vec<String>,
    /// Internal links, in order of appearance.
    pub links: Vec<LinkRef>,
    /// A limit the body went past; then it was not rendered (its HTML,
    /// text, links and images are empty) and `check` reports where.
    pub overrun: Option<Overrun>,
    /// Raw HTML the sanitiser took something out of, in order: `check`
    /// reports each as a warning.
    pub sanitised: Vec<super::Sanitised>,
}

/// Where a body went past one of the limits on what one body may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overrun {
    /// Which limit.
    pub limit: Limit,
    /// 1-based line in the whole file (0 when the body is not a slice of
    /// its file).
    pub line: usize,
    /// Column (characters).
    pub column: usize,
}

/// The limits on one Markdown body. Each keeps the cost of rendering a
/// body in proportion to its size, however it is written: past them, the
/// HTML parser behind the sanitiser slows down with the square of the
/// depth. No real report comes near them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Elements inside elements: block quotes, lists and raw HTML.
    Nesting,
    /// Headings, footnotes and raw HTML ids.
    Ids,
    /// Columns of one table.
    TableColumns,
    /// Characters of one attribute: a link's address or title, an image's
    /// address or description, a heading's id, a raw HTML attribute.
    Attribute,
}

impl Limit {
    /// How many are allowed.
    pub fn max(self) -> usize {
        match self {
            Limit::Nesting => 100,
            Limit::Ids => 5_000,
            Limit::TableColumns => 200,
            Limit::Attribute => 4_096,
        }
    }

    /// What is counted, for messages.
    pub fn counts(self) -> &'static str {
        match self {
            Limit::Nesting => {
                "levels of nesting (block quotes, lists and HTML elements inside one another)"
            }
            Limit::Ids => "headings, footnotes and HTML ids",
            Limit::TableColumns => "table columns",
            Limit::Attribute => {
                "characters in one link address, title, image description or HTML attribute"
            }
        }
    }
}

impl Body {
    /// The plain text the given edition shows: without the links to cases
    /// in the public edition.
    pub fn shown_text(&self, public: bool) -> &str {
        match (&self.public_text, public) {
            (Some(text), true) => text,
            _ => &self.text,
        }
    }
}

/// A heading of a body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TocEntry {
    /// 1–6.
    pub level: u8,
    /// The HTML id given to the heading.
    pub id: String,
    /// Heading text.
    pub title: String,
    /// The language the heading is in, when not the page's (a heading of
    /// an untranslated text); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// An internal link written in Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRef {
    /// What it names.
    pub target: LinkTarget,
    /// `#anchor` part, if any.
    pub anchor: Option<String>,
    /// Where it was written: 1-based line and column in the whole file.
    pub line: usize,
    /// Column (characters).
    pub column: usize,
    /// Characters of the link destination, for the underline.
    pub len: usize,
    /// The destination as written.
    pub written: String,
}

/// What an internal link points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another content file, as a path relative to the project root with `/`
    /// separators (`content/findings/plans.md`).
    File(String),
    /// `std:2.1`
    Standard(String),
    /// `domain:2`
    Domain(String),
    /// `case:C04`
    Case(String),
    /// `focus:exploitation`: a focus area by its name.
    Focus(String),
    /// `page:approach`: a page by its name.
    Page(String),
    /// A resource: any other file, by its path relative to the project
    /// (`content/findings/chart.png`), named by a path relative to the
    /// file that shows or links to it.
    Resource(String),
}

/// Sanitised HTML with holes: the values of some attributes are left out of
/// the markup and filled in when the body is placed on a page, through an
/// escaping writer. The markup itself is never searched or spliced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyHtml {
    markup: String,
    /// Byte offsets in `markup` (each between an attribute's quotes, in
    /// order) and what fills them.
    holes: Vec<(usize, Hole)>,
    /// Byte ranges of `markup` the public edition leaves out: each link to
    /// a case, with the brackets around a group of them when the group is
    /// all they hold (`(C01, C05)`). Made by the writer from the tokens.
    public_drops: Vec<Range<usize>>,
}

/// What fills a hole in a [`BodyHtml`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hole {
    /// An `id`: the body's id number N ([`Body::ids`]), as placed.
    Id(usize),
    /// An `href="#…"` to the body's id number N, as placed.
    IdRef(usize),
    /// An `href` of internal link number N ([`Body::links`]), resolved for
    /// the page; or an image's `src` naming a resource.
    Link(usize),
    /// Inside an `<img>` tag whose `src` is internal link number N, after
    /// its attributes: the image's ` width="…" height="…"` when the
    /// resource gives its size (nothing otherwise), so the page keeps its
    /// room before it loads.
    ImageSize(usize),
    /// Inside the start tag of numbered element N ([`Body::paragraphs`]),
    /// after its name: ` id="p-…"` when the report numbers its paragraphs
    /// (nothing otherwise).
    ParagraphId(usize),
    /// Just inside numbered element N: its number, as a link to itself,
    /// when the report numbers its paragraphs (nothing otherwise);
    /// `with_id` when the element has an id of its own, so the number
    /// carries the `p-…` id instead.
    ParagraphNumber {
        /// Which numbered element.
        paragraph: usize,
        /// Whether the number carries the element's `p-…` id.
        with_id: bool,
    },
}

/// A piece of a [`BodyHtml`], in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Sanitised markup, written as it is.
    Markup(&'a str),
    /// A value to write, escaped, in its place.
    Hole(Hole),
}

impl BodyHtml {
    /// Build from markup, holes (offsets in order, on char boundaries) and
    /// the ranges the public edition leaves out (in order, not
    /// overlapping, each a whole number of elements and texts).
    pub fn new(markup: String, holes: Vec<(usize, Hole)>, public_drops: Vec<Range<usize>>) -> Self {
        debug_assert!(holes.windows(2).all(|w| w[0].0 <= w[1].0));
        debug_assert!(holes.iter().all(|(at, _)| markup.is_char_boundary(*at)));
        debug_assert!(public_drops.windows(2).all(|w| w[0].end <= w[1].start));
        BodyHtml {
            markup,
            holes,
            public_drops,
        }
    }

    /// Whether the body has no markup at all.
    pub fn is_empty(&self) -> bool {
        self.markup.is_empty()
    }

    /// The markup's length in bytes, without what fills the holes.
    pub fn len(&self) -> usize {
        self.markup.len()
    }

    /// Whether the public edition leaves anything out of this body.
    pub fn names_cases(&self) -> bool {
        !self.public_drops.is_empty()
    }

    /// The markup and the holes, in order: all of them, or (for the public
    /// edition) without the links to cases.
    pub fn parts(&self, public: bool) -> Vec<Part<'_>> {
        let drops: &[Range<usize>] = if public { &self.public_drops } else { &[] };
        let mut out = Vec::with_capacity(self.holes.len() * 2 + 1);
        if drops.is_empty() {
            // Nothing left out (every body of the full edition): the markup
            // between holes as it is.
            let mut at = 0;
            for (offset, hole) in &self.holes {
                if *offset > at {
                    out.push(Part::Markup(&self.markup[at..*offset]));
                }
                out.push(Part::Hole(*hole));
                at = *offset;
            }
            if at < self.markup.len() {
                out.push(Part::Markup(&self.markup[at..]));
            }
            return out;
        }
        let mut at = 0;
        let mut holes = self.holes.iter().peekable();
        // The pieces of markup from `from` to `to` that no drop covers.
        let kept = |from: usize, to: usize| -> Vec<(usize, usize)> {
            let mut pieces = Vec::new();
            let mut start = from;
            for d in drops.iter().filter(|d| d.end > from && d.start < to) {
                if d.start > start {
                    pieces.push((start, d.start));
                }
                start = start.max(d.end);
            }
            if start < to {
                pieces.push((start, to));
            }
            pieces
        };
        let dropped = |offset: usize| drops.iter().any(|d| d.start <= offset && offset < d.end);
        loop {
            let to = holes
                .peek()
                .map_or(self.markup.len(), |(offset, _)| *offset);
            for (a, b) in kept(at, to) {
                out.push(Part::Markup(&self.markup[a..b]));
            }
            at = to;
            match holes.next() {
                Some((offset, hole)) => {
                    if !dropped(*offset) {
                        out.push(Part::Hole(*hole));
                    }
                }
                None => break,
            }
        }
        out
    }
}

/// An image a body shows, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRef {
    /// The address as the browser will read it.
    pub src: String,
    /// Where it was written: 1-based line and column in the whole file
    /// (0 when the body is not a slice of its file).
    pub line: usize,
    /// Column (characters).
    pub column: usize,
    /// Characters to underline.
    pub len: usize,
    /// Its alternative text.
    pub alt: Alt,
}

/// An image's alternative text, as the author wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alt {
    /// None: Markdown `![](x.png)`, or `<img>` without `alt`. Screen
    /// readers then read the file name, or nothing useful.
    Missing,
    /// `<img alt="">`: the author marked the image as decoration.
    Decorative,
    /// Words.
    Text,
}
