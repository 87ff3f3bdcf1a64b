//! What the sanitiser took out of the raw HTML of a body: found while the
//! body is rendered (`content::removed`), kept on the [`super::Body`] so
//! that `check` reports it on every run, also when the parse was kept
//! from an earlier one.

/// One piece of raw HTML the sanitiser changed: an HTML block, or a
/// paragraph (heading, table cell, list item text) holding inline HTML,
/// and everything that went from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitised {
    /// 1-based line in the whole file where the raw HTML starts (0 when the
    /// body is not a slice of its file; the parse then puts it at the
    /// value holding the body).
    pub line: usize,
    /// Column (characters).
    pub column: usize,
    /// Characters to underline: the first tag of inline HTML, or the
    /// first line of a block.
    pub len: usize,
    /// What went, in the order it was written; never empty.
    pub removed: Vec<Removed>,
}

/// Something the sanitiser took out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Removed {
    /// An element, and what became of what it held.
    Element {
        /// Its name, as the HTML parser read it (`script`).
        name: String,
        /// What it held.
        content: Content,
    },
    /// An attribute the sanitiser never keeps on this element (`onclick`,
    /// `style` on a `p`, `formaction`).
    Attribute {
        /// The element that kept its place.
        element: String,
        /// The attribute's name.
        attribute: String,
    },
    /// An address the element may carry, refused for its scheme
    /// (`javascript:`, `vbscript:`, `data:`) or because it could not be
    /// read as an address at all (`scheme` is then `None`).
    Address {
        /// The element (`a`, `img`).
        element: String,
        /// The attribute holding the address (`href`, `src`).
        attribute: String,
        /// The scheme, lowercase and without its colon.
        scheme: Option<String>,
    },
    /// An attribute the element may carry, but not with this value (a
    /// table cell's `style` other than an alignment).
    Value {
        /// The element.
        element: String,
        /// The attribute.
        attribute: String,
    },
}

/// What became of the content of a removed element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Content {
    /// It held nothing a reader would see (nothing, or white space).
    Empty,
    /// Its text or elements stayed where the element was.
    Kept,
    /// It went with the element (a script's body).
    Dropped,
}
