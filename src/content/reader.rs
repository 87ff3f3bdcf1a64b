//! The text of a content file as a reader sees it, for the privacy lint
//! (`check::privacy`): what a browser shows of the file once it is
//! published, with, for every byte, the bytes of the file it was read from.
//!
//! 1. A Markdown body is read from pulldown-cmark's events, with the
//!    options the renderer uses, so that the text scanned is the text
//!    published: text and code kept, entities decoded (in raw HTML too),
//!    emphasis and link marks dropped, line breaks within a block read as a
//!    space, runs of white space as one space, invisible characters (soft
//!    hyphens, zero-width spaces) dropped and non-breaking hyphens read as
//!    hyphens. Each block ends with a line break.
//! 2. YAML (a YAML file, a Markdown file's front matter) is read the same
//!    way: its values are plain text or Markdown, and YAML folds a value's
//!    line breaks as Markdown does.
//! 3. `parse` reads each Markdown body from the very events it renders the
//!    body from (`markdown::render_read`) and leaves the file's
//!    reading on its [`SourceFile`](super::SourceFile), so no body is
//!    parsed twice; any other file is read when the lint first asks.
//!
//! Where the reading comes from is kept in spans, not byte by byte: text
//! copied as written (most of any file) is one span per run, so a reading
//! takes about the memory of its text.

use super::frontmatter;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The options `content::markdown` renders with, so that the text read is
/// the text published.
const MARKDOWN: Options = super::markdown::OPTIONS;

/// A file's text as a reader sees it, with, for every byte, the byte range
/// of the file it was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderText {
    /// The text: blocks (paragraphs, list items, cells, headings) end with
    /// a line break, and nothing else does.
    pub text: String,
    /// Where the text came from, in order of where each span starts in it.
    spans: Vec<Span>,
}

/// Bytes of the reading that came from the source in one way: from `at` in
/// the text up to the next span's `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// Where the span starts in the text.
    at: usize,
    /// The source range its first byte was read from.
    from: (usize, usize),
    /// Whether each next byte was read from the next byte of the source
    /// (text as written); otherwise every byte was read from `from` (a
    /// decoded entity, a character of several bytes, a line break).
    step: bool,
}

impl ReaderText {
    /// An empty reading of a source of `len` bytes.
    fn with_capacity(len: usize) -> Self {
        ReaderText {
            text: String::with_capacity(len),
            spans: Vec::new(),
        }
    }

    /// The range of the source that `range` of the text was read from.
    pub fn source_range(&self, range: Range<usize>) -> (usize, usize) {
        (self.from(range.start).0, self.from(range.end - 1).1)
    }

    /// The source range byte `i` of the text was read from.
    fn from(&self, i: usize) -> (usize, usize) {
        let span = self.spans[self.spans.partition_point(|s| s.at <= i) - 1];
        if span.step {
            let at = span.from.0 + (i - span.at);
            (at, at + 1)
        } else {
            span.from
        }
    }

    /// Note that the last `len` bytes of the text were read from `from`:
    /// byte by byte from there (`step`), or all from that range.
    fn mark(&mut self, len: usize, from: (usize, usize), step: bool) {
        let at = self.text.len() - len;
        if let Some(last) = self.spans.last() {
            let follows = if step {
                last.step && last.from.0 + (at - last.at) == from.0
            } else {
                !last.step && last.from == from
            };
            if follows {
                return;
            }
        }
        self.spans.push(Span { at, from, step });
    }

    /// Add `c`, read from `at` in the source.
    fn push_char(&mut self, c: char, at: (usize, usize)) {
        self.text.push(c);
        let len = c.len_utf8();
        self.mark(len, at, len == 1 && at.1 == at.0 + 1);
    }

    /// Add `c`, read from `at` in the source. In code (`lines`), a line
    /// break ends a line; elsewhere it is a space.
    fn push(&mut self, c: char, at: (usize, usize), lines: bool) {
        match c {
            // Invisible: soft hyphen, zero-width space and joiners, word
            // joiner, byte-order mark.
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\n' | '\r' if lines => self.line_break(at.0),
            // A browser shows any run of white space (non-breaking and
            // thin spaces too) as one space.
            c if c.is_whitespace() => {
                if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
                    self.push_char(' ', at);
                }
            }
            // Hyphen and non-breaking hyphen.
            '\u{2010}' | '\u{2011}' => self.push_char('-', at),
            c => self.push_char(c, at),
        }
    }

    /// End a block: no match runs on past it.
    fn line_break(&mut self, at: usize) {
        if self.text.ends_with(' ') {
            self.text.pop();
            if self.spans.last().is_some_and(|s| s.at >= self.text.len()) {
                self.spans.pop();
            }
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push_char('\n', (at, at));
        }
    }

    /// Add `text`, which pulldown-cmark read from `range` of `source`. It is
    /// most often the very bytes there; otherwise it was decoded (an entity,
    /// a backslash escape) or had indentation taken out, and each of its
    /// characters is looked for a few bytes on, else maps to the place
    /// reached.
    fn push_read(&mut self, text: &str, source: &str, range: Range<usize>, lines: bool) {
        if source.get(range.clone()) == Some(text) {
            let mut rest = text;
            let mut at = range.start;
            while !rest.is_empty() {
                // Most of any text, and nothing to read differently: a run
                // of visible ASCII, copied whole.
                let run = rest
                    .bytes()
                    .position(|b| !b.is_ascii_graphic())
                    .unwrap_or(rest.len());
                if run > 0 {
                    self.text.push_str(&rest[..run]);
                    self.mark(run, (at, at + 1), true);
                    at += run;
                    rest = &rest[run..];
                    continue;
                }
                let c = rest.chars().next().unwrap_or(' ');
                let len = c.len_utf8();
                self.push(c, (at, at + len), lines);
                at += len;
                rest = &rest[len..];
            }
            return;
        }
        // pulldown-cmark gives each character reference an event of its
        // own: all it decodes to comes from the whole reference.
        let written = &source[range.clone()];
        if written.starts_with('&') && written.ends_with(';') {
            for c in text.chars() {
                self.push(c, (range.start, range.end), lines);
            }
            return;
        }
        let mut j = range.start;
        for c in text.chars() {
            let window = &source[j..floor_boundary(source, range.end.min(j + 16).max(j))];
            match window.find(c) {
                Some(k) => {
                    let at = j + k;
                    j = at + c.len_utf8();
                    self.push(c, (at, j), lines);
                }
                None => self.push(c, (j, range.end.max(j)), lines),
            }
        }
    }

    /// Add `other`, read after this text, as if read on from here. Only
    /// right when this text is empty or ends a block (`line_break`): then
    /// nothing in `other` depends on what came before it.
    fn append(&mut self, other: ReaderText) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.spans.extend(other.spans.into_iter().map(|s| Span {
            at: s.at + shift,
            ..s
        }));
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `source` as a reader sees it: a Markdown file's front matter read as
/// YAML and its body as Markdown when `markdown`, else the whole as YAML.
pub fn reader_text(source: &str, markdown: bool) -> ReaderText {
    let mut reader = ReaderText::with_capacity(source.len());
    if !markdown {
        read_markdown(&mut reader, source, 0..source.len(), true);
        return reader;
    }
    match frontmatter::split(source) {
        Ok(split) if split.yaml.is_some() => {
            read_markdown(&mut reader, source, 0..split.body_offset, true);
            reader.line_break(split.body_offset);
            read_markdown(&mut reader, source, split.body_offset..source.len(), false);
        }
        _ => read_markdown(&mut reader, source, 0..source.len(), false),
    }
    reader
}

/// A Markdown file as a reader sees it, from `body`, the reading of its
/// body (from `body_offset` on) made as it was rendered: the same as
/// [`reader_text`] of the whole file, without parsing the body again.
/// `body_offset` is 0 for a file without front matter, and otherwise where
/// the body starts after it.
pub(crate) fn with_body(source: &str, body_offset: usize, body: ReaderText) -> ReaderText {
    if body_offset == 0 {
        return body;
    }
    let mut reader = ReaderText::with_capacity(source.len());
    read_markdown(&mut reader, source, 0..body_offset, true);
    // Now empty or at the end of a block, as `append` needs.
    reader.line_break(body_offset);
    reader.append(body);
    reader
}

/// Read a Markdown body from the events it was parsed into (`events`, with
/// ranges from `base` in `source`), as [`reader_text`] reads it.
pub(crate) fn read_body<'e, 'a: 'e>(
    source: &str,
    base: usize,
    events: impl IntoIterator<Item = &'e (Event<'a>, Range<usize>)>,
) -> ReaderText {
    let mut reader = ReaderText::with_capacity(source.len() - base);
    let mut state = ReadState::default();
    for (event, range) in events {
        let range = base + range.start..base + range.end;
        read_event(&mut reader, &mut state, event, source, range, false);
    }
    reader
}

/// Read `source[part]` with pulldown-cmark into `reader`. YAML (`yaml`) is
/// read the same way: its values are plain text or Markdown, and its line
/// breaks within a value fold to spaces; so do its lines that Markdown
/// would take for indented code.
fn read_markdown(reader: &mut ReaderText, source: &str, part: Range<usize>, yaml: bool) {
    let base = part.start;
    let mut state = ReadState::default();
    for (event, range) in Parser::new_ext(&source[part], MARKDOWN).into_offset_iter() {
        let range = base + range.start..base + range.end;
        read_event(reader, &mut state, &event, source, range, yaml);
    }
}

/// Where reading has got to across the events of one part of a file.
#[derive(Debug, Default)]
struct ReadState {
    /// Inside a code block.
    in_code: bool,
    /// Inside raw HTML.
    html: HtmlState,
}

/// Read one event, found at `range` of `source`.
fn read_event(
    reader: &mut ReaderText,
    state: &mut ReadState,
    event: &Event<'_>,
    source: &str,
    range: Range<usize>,
    yaml: bool,
) {
    match event {
        Event::Text(t) => reader.push_read(t, source, range, state.in_code && !yaml),
        Event::Code(t) => reader.push_read(t, source, range, false),
        Event::SoftBreak | Event::HardBreak => reader.push(' ', (range.start, range.end), false),
        Event::Html(h) | Event::InlineHtml(h) => {
            read_html(reader, h, source, range, &mut state.html)
        }
        Event::Start(tag) => {
            state.in_code |= matches!(tag, Tag::CodeBlock(_));
            if matches!(tag, Tag::HtmlBlock) {
                state.html = HtmlState::default();
            }
            // Inline marks are dropped: the text on either side reads
            // as one run.
            if !super::markdown::inline_tag(tag) {
                reader.line_break(range.start);
            }
        }
        Event::End(tag) => {
            if matches!(tag, TagEnd::CodeBlock) {
                state.in_code = false;
            }
            if !super::markdown::inline_tag_end(tag) {
                reader.line_break(range.end);
            }
        }
        Event::Rule => reader.line_break(range.start),
        _ => {}
    }
}

/// Where reading raw HTML has got to across pulldown-cmark's events (an
/// HTML block comes one line at a time).
#[derive(Debug, Default)]
struct HtmlState {
    /// Inside `<!-- … -->`, which no reader sees.
    comment: bool,
    /// Inside a tag, with its name so far.
    tag: Option<String>,
}

/// HTML elements that sit within a line of text, like emphasis.
const INLINE_HTML: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];

/// Read raw HTML `h` (from `range` of `source`): the text between tags,
/// entities decoded; a block element's tag ends a block, `<br>` is a space.
fn read_html(
    reader: &mut ReaderText,
    h: &str,
    source: &str,
    range: Range<usize>,
    state: &mut HtmlState,
) {
    let same = source.get(range.clone()) == Some(h);
    let at = |k: usize, len: usize| {
        if same {
            (range.start + k, range.start + k + len)
        } else {
            (range.start, range.end)
        }
    };
    let b = h.as_bytes();
    let mut k = 0;
    while k < b.len() {
        // Inside a comment or a tag the bytes are read one at a time (none
        // of those looked for is outside ASCII); the ASCII `>` that ends
        // either leaves `k` on a character boundary.
        if state.comment {
            if b[k..].starts_with(b"-->") {
                state.comment = false;
                k += 3;
            } else {
                k += 1;
            }
            continue;
        }
        if let Some(name) = state.tag.as_mut() {
            let c = b[k];
            k += 1;
            if c == b'>' {
                let name = state.tag.take().unwrap_or_default().to_ascii_lowercase();
                let name = name.trim_end();
                if name == "br" {
                    reader.push(' ', at(k - 1, 1), false);
                } else if !INLINE_HTML.contains(&name) {
                    reader.line_break(at(k - 1, 1).0);
                }
            } else if (c.is_ascii_alphanumeric() || c == b'-') && !name.ends_with(' ') {
                name.push(c as char);
            } else if !(name.is_empty() && c == b'/') {
                // The name has ended (a closing tag's `/` comes before it);
                // the rest of the tag is attributes.
                name.push(' ');
            }
            continue;
        }
        if h[k..].starts_with("<!--") {
            state.comment = true;
            k += 4;
            continue;
        }
        if b[k] == b'<'
            && b.get(k + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
        {
            state.tag = Some(String::new());
            k += 1;
            continue;
        }
        if b[k] == b'&'
            && let Some((decoded, len)) = entity(&h[k..])
        {
            let span = (at(k, 1).0, at(k + len - 1, 1).1);
            for c in decoded.chars() {
                reader.push(c, span, false);
            }
            k += len;
            continue;
        }
        let c = h[k..].chars().next().unwrap_or(' ');
        reader.push(c, at(k, c.len_utf8()), false);
        k += c.len_utf8();
    }
    // The name of a tag cut by the end of a line goes on in the next event;
    // a trailing space marks that its name is complete.
    if let Some(name) = state.tag.as_mut()
        && !name.is_empty()
        && !name.ends_with(' ')
    {
        name.push(' ');
    }
}

/// The character reference at the start of `s` (`&#64;`, `&#x40;`,
/// `&nbsp;`) decoded, and its length. Named references are decoded by
/// pulldown-cmark, which knows all of HTML's.
fn entity(s: &str) -> Option<(String, usize)> {
    let semi = s.bytes().take(40).position(|c| c == b';')?;
    let body = &s[1..semi];
    if body.is_empty() || !body.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'#') {
        return None;
    }
    let whole = &s[..=semi];
    let decoded: String = Parser::new(whole)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect();
    (decoded != whole && !decoded.is_empty()).then_some((decoded, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source range of every byte of a reading.
    fn map(reader: &ReaderText) -> Vec<(usize, usize)> {
        (0..reader.text.len())
            .map(|i| reader.source_range(i..i + 1))
            .collect()
    }

    #[test]
    fn each_byte_knows_where_it_was_read_from() {
        let source = "A *b*\u{a0} c\u{2011}d &amp; e\n\n- f\n";
        let reader = reader_text(source, true);
        assert_eq!(reader.text, "A b c-d & e\nf\n");
        let at = |s: &str| source.find(s).unwrap();
        let b = at("b*");
        let c = at("c");
        let hyphen = at("\u{2011}");
        let amp = at("&amp;");
        assert_eq!(
            map(&reader),
            [
                (0, 1),
                (1, 2),
                (b, b + 1),
                // The non-breaking space, a space of two bytes.
                (b + 2, b + 4),
                (c, c + 1),
                (hyphen, hyphen + 3),
                (hyphen + 3, hyphen + 4),
                (hyphen + 4, hyphen + 5),
                (amp, amp + 5),
                (amp + 5, amp + 6),
                (amp + 6, amp + 7),
                // The paragraph's end.
                (amp + 8, amp + 8),
                (at("f"), at("f") + 1),
                (source.len(), source.len()),
            ]
        );
        // Text copied as written is one span, however long (and the
        // paragraph's end another).
        let long = "word ".repeat(1000);
        assert_eq!(reader_text(&long, true).spans.len(), 2);
    }

    #[test]
    fn a_body_read_as_it_is_rendered_reads_as_the_whole_file() {
        for source in [
            "---\ntitle: T\n---\nA *b*\nc &amp; d&nbsp; e\n\n    code\n    more\n\n- f\n- g\n",
            "---\ntitle: T\n---\n  lead\n",
            "---\n---\n<div>x &#64; y</div>\n",
            "---\ntitle: \"x \"\n---\n\n\n",
            "No front matter, *one* line.\n",
            "",
        ] {
            let offset = match frontmatter::split(source) {
                Ok(split) if split.yaml.is_some() => split.body_offset,
                _ => 0,
            };
            let events: Vec<_> = Parser::new_ext(&source[offset..], MARKDOWN)
                .into_offset_iter()
                .collect();
            let read = with_body(source, offset, read_body(source, offset, &events));
            let whole = reader_text(source, true);
            assert_eq!(read.text, whole.text, "{source:?}");
            assert_eq!(map(&read), map(&whole), "{source:?}");
        }
    }
}
