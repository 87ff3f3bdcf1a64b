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
    /// Headings, in order, for a contents list.
    pub toc: Vec<TocEntry>,
    /// Internal links, in order of appearance.
    pub links: Vec<LinkRef>,
    /// A limit the body went past; then it was not rendered (its HTML,
    /// text, links and images are empty) and `check` reports where.
    pub overrun: Option<Overrun>,
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

/// A heading of a body.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TocEntry {
    /// 1–6.
    pub level: u8,
    /// The HTML id given to the heading.
    pub id: String,
    /// Heading text.
    pub title: String,
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
    /// `focus:exploitation`
    Focus(String),
    /// `page:approach`
    Page(String),
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
}

/// What fills a hole in a [`BodyHtml`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hole {
    /// An `id`: the body's id number N ([`Body::ids`]), as placed.
    Id(usize),
    /// An `href="#…"` to the body's id number N, as placed.
    IdRef(usize),
    /// An `href` of internal link number N ([`Body::links`]), resolved for
    /// the page.
    Link(usize),
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
    /// Build from markup and holes (offsets in order, on char boundaries).
    pub fn new(markup: String, holes: Vec<(usize, Hole)>) -> Self {
        debug_assert!(holes.windows(2).all(|w| w[0].0 <= w[1].0));
        debug_assert!(holes.iter().all(|(at, _)| markup.is_char_boundary(*at)));
        BodyHtml { markup, holes }
    }

    /// Whether the body has no markup at all.
    pub fn is_empty(&self) -> bool {
        self.markup.is_empty()
    }

    /// The markup's length in bytes, without what fills the holes.
    pub fn len(&self) -> usize {
        self.markup.len()
    }

    /// The markup and the holes, in order.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        let mut at = 0;
        let mut holes = self.holes.iter();
        let mut pending: Option<Hole> = None;
        std::iter::from_fn(move || {
            if let Some(hole) = pending.take() {
                return Some(Part::Hole(hole));
            }
            match holes.next() {
                Some((offset, hole)) => {
                    let markup = &self.markup[at..*offset];
                    at = *offset;
                    pending = Some(*hole);
                    Some(Part::Markup(markup))
                }
                None if at < self.markup.len() => {
                    let markup = &self.markup[at..];
                    at = self.markup.len();
                    Some(Part::Markup(markup))
                }
                None => None,
            }
        })
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
}
