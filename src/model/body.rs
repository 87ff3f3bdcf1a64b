/// A Markdown body rendered to sanitised HTML, with what later stages need
/// to know about it. Internal links are left as placeholders
/// (`href="#evident-link-N"`, N indexing [`Body::links`]) until the plan
/// knows every page's URL, so a body renders once per file and is reused on
/// every page that shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// Sanitised HTML with link placeholders.
    pub html: String,
    /// Plain text, for the search index and excerpts.
    pub text: String,
    /// Headings, in order, for a contents list.
    pub toc: Vec<TocEntry>,
    /// Internal links, in order of appearance.
    pub links: Vec<LinkRef>,
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
