//! Resources, part of `load`: what each non-text file under `content/` is
//! (an image of a known type, with its size, or a download), and the path
//! the site publishes it at. Also reads an SVG's tags for what `check`
//! refuses in one (script, event handlers, links out of the file).
//!
//! Image sizes come from the `imagesize` crate, which reads only a file's
//! first bytes; an SVG's from its root element's `width`, `height` and
//! `viewBox`, read with html5ever's tokenizer (already used to sanitise),
//! as no crate in the tree reads them.

use crate::model::{FileId, ImageFormat, Resource, ResourceKind, Resources};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// Decide what each resource is and where it is published. `read` holds
/// each resource's file id, project-relative path and bytes, in the order
/// of the walk (sorted by path), so the names given are the same on every
/// run.
pub fn publish(read: Vec<(FileId, String, Vec<u8>)>) -> Resources {
    // Downloads keep their names; on a file share a second file of the
    // same name in any case would overwrite the first, so it is numbered.
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Resources::new();
    for (file, path, bytes) in read {
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let kind = match ImageFormat::of(&name) {
            Some(format) => ResourceKind::Image {
                format,
                size: size(format, &bytes),
            },
            None => ResourceKind::Download,
        };
        let published = match kind {
            ResourceKind::Image { .. } => hashed_name(&name, &bytes),
            ResourceKind::Download => {
                let mut candidate = name.clone();
                let mut n = 1;
                while !taken.insert(candidate.to_lowercase()) {
                    n += 1;
                    candidate = match name.rsplit_once('.') {
                        Some((stem, ext)) if !stem.is_empty() => format!("{stem}-{n}.{ext}"),
                        _ => format!("{name}-{n}"),
                    };
                }
                format!("files/{candidate}")
            }
        };
        out.insert(
            path.clone(),
            Resource {
                file,
                path,
                bytes: Arc::from(bytes),
                kind,
                published,
            },
        );
    }
    out
}

/// `assets/<stem>.<hash>.<ext>`: the stem kept readable in ASCII letters,
/// digits, `-` and `_` (anything else becomes `-`), the extension in lower
/// case, and a hash of the bytes, so that a changed image gets a new name.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut readable = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            readable.push(c.to_ascii_lowercase());
        } else if !readable.ends_with('-') {
            readable.push('-');
        }
    }
    let readable = readable.trim_matches('-');
    let readable = if readable.is_empty() {
        "image"
    } else {
        readable
    };
    format!(
        "assets/{readable}.{}.{}",
        crate::site::content_hash(bytes),
        ext.to_ascii_lowercase()
    )
}

/// An image's width and height in CSS pixels, when its file gives them.
fn size(format: ImageFormat, bytes: &[u8]) -> Option<(u32, u32)> {
    if format == ImageFormat::Svg {
        return svg_size(bytes);
    }
    let size = imagesize::blob_size(bytes).ok()?;
    let width = u32::try_from(size.width).ok().filter(|w| *w > 0)?;
    let height = u32::try_from(size.height).ok().filter(|h| *h > 0)?;
    Some((width, height))
}

/// An SVG's size: its root's `width` and `height` when both are lengths in
/// pixels (or unitless), else the width and height of its `viewBox`.
fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let root = tags(text).into_iter().find(|t| t.name == "svg")?;
    let attr = |name: &str| {
        root.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
    };
    let pixels = |v: &str| -> Option<u32> {
        let number = v.strip_suffix("px").unwrap_or(v).trim();
        let n: f64 = number.parse().ok()?;
        (1.0..=100_000.0).contains(&n).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (
        attr("width").and_then(pixels),
        attr("height").and_then(pixels),
    ) {
        return Some((w, h));
    }
    let view_box: Vec<f64> = attr("viewbox")?
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match view_box.as_slice() {
        [_, _, w, h] => Some((pixels(&w.to_string())?, pixels(&h.to_string())?)),
        _ => None,
    }
}

/// What an SVG holds that could act when the file is opened on its own
/// (a reader can open any image in a tab of its own, where its scripts
/// run with the site's origin) or that would load something from
/// elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SvgHazard {
    /// A `<script>` element.
    Script,
    /// A `<foreignObject>`, which can carry HTML.
    ForeignObject,
    /// An event handler attribute (`onload`…), named.
    Handler(String),
    /// A link (`href`, `xlink:href`) or CSS `url()` leading out of the
    /// file or running script, with what it leads to.
    Link(String),
    /// Text that is not UTF-8, so not an SVG Evident can read.
    NotText,
}

impl SvgHazard {
    /// The hazard in words, for a diagnostic.
    pub fn describe(&self) -> String {
        match self {
            SvgHazard::Script => "a <script> element".to_string(),
            SvgHazard::ForeignObject => "a <foreignObject> element".to_string(),
            SvgHazard::Handler(name) => format!("an event handler `{name}`"),
            SvgHazard::Link(to) => format!("a link to `{to}`"),
            SvgHazard::NotText => "bytes that are not UTF-8 text".to_string(),
        }
    }
}

/// Every hazard in an SVG file, in order (see [`SvgHazard`]).
pub fn svg_hazards(bytes: &[u8]) -> Vec<SvgHazard> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![SvgHazard::NotText];
    };
    let mut out = Vec::new();
    let mut in_style = false;
    for tag in tags(text) {
        if tag.kind == Kind::Text {
            if in_style {
                out.extend(css_urls(&tag.name).map(SvgHazard::Link));
            }
            continue;
        }
        if tag.kind == Kind::End {
            in_style &= tag.name != "style";
            continue;
        }
        match tag.name.as_str() {
            "script" => out.push(SvgHazard::Script),
            "foreignobject" => out.push(SvgHazard::ForeignObject),
            "style" => in_style = true,
            _ => {}
        }
        for (name, value) in &tag.attrs {
            let local = name.rsplit(':').next().unwrap_or(name);
            if local.starts_with("on") {
                out.push(SvgHazard::Handler(name.clone()));
            } else if local == "href" && !value.trim_start().starts_with('#') {
                out.push(SvgHazard::Link(value.clone()));
            } else {
                // `style`, and presentation attributes such as `fill`.
                out.extend(css_urls(value).map(SvgHazard::Link));
            }
        }
    }
    out
}

/// The targets of CSS `url(…)` and `@import` in `css` that leave the file
/// (anything but `url(#id)`).
fn css_urls(css: &str) -> impl Iterator<Item = String> + '_ {
    let lower = css.to_ascii_lowercase();
    let mut found = Vec::new();
    for (at, _) in lower.match_indices("url(") {
        let rest = &css[at + 4..];
        let target = rest.split(')').next().unwrap_or(rest);
        let target = target.trim().trim_matches(|c| c == '"' || c == '\'');
        if !target.starts_with('#') {
            found.push(target.to_string());
        }
    }
    if lower.contains("@import") {
        found.push("@import".to_string());
    }
    found.into_iter()
}

/// A token of an SVG as html5ever's tokenizer reads it: start tags with
/// their attributes (names in lower case, a prefix kept as `xlink:href`),
/// end tags, and text (in `name`).
#[derive(Debug)]
struct SvgTag {
    kind: Kind,
    name: String,
    attrs: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Start,
    End,
    Text,
}

/// The tokens of `text`.
fn tags(text: &str) -> Vec<SvgTag> {
    struct Sink(RefCell<Vec<SvgTag>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let mut out = self.0.borrow_mut();
            match token {
                Token::TagToken(tag) => out.push(SvgTag {
                    kind: if tag.kind == TagKind::StartTag {
                        Kind::Start
                    } else {
                        Kind::End
                    },
                    name: tag.name.to_string().to_ascii_lowercase(),
                    attrs: tag
                        .attrs
                        .iter()
                        .map(|a| {
                            let local = a.name.local.to_string().to_ascii_lowercase();
                            let name = match &a.name.prefix {
                                Some(p) => format!("{p}:{local}"),
                                None => local,
                            };
                            (name, a.value.to_string())
                        })
                        .collect(),
                }),
                Token::CharacterTokens(t) => match out.last_mut() {
                    Some(last) if last.kind == Kind::Text => last.name.push_str(&t),
                    _ => out.push(SvgTag {
                        kind: Kind::Text,
                        name: t.to_string(),
                        attrs: Vec::new(),
                    }),
                },
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let sink = Sink(RefCell::new(Vec::new()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(text));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(path: &str, bytes: &[u8]) -> Resource {
        publish(vec![(0, path.to_string(), bytes.to_vec())])
            .into_values()
            .next()
            .unwrap()
    }

    #[test]
    fn images_are_named_by_their_content_and_downloads_keep_their_names() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"></svg>"#;
        let chart = one("content/findings/Sample Chart.svg", svg);
        assert!(chart.published.starts_with("assets/sample-chart."));
        assert!(chart.published.ends_with(".svg"));
        assert_eq!(
            chart.kind,
            ResourceKind::Image {
                format: ImageFormat::Svg,
                size: Some((640, 360))
            }
        );
        let changed = one(
            "content/findings/Sample Chart.svg",
            b"<svg width='10' height='20px'/>",
        );
        assert_ne!(chart.published, changed.published);
        assert_eq!(
            changed.kind,
            ResourceKind::Image {
                format: ImageFormat::Svg,
                size: Some((10, 20))
            }
        );

        let all = publish(vec![
            (0, "content/files/Audit tool.xlsx".into(), b"a".to_vec()),
            (1, "content/findings/audit tool.XLSX".into(), b"b".to_vec()),
            (2, "content/pages/notes".into(), b"c".to_vec()),
        ]);
        let names: Vec<&str> = all.values().map(|r| r.published.as_str()).collect();
        assert_eq!(
            names,
            [
                "files/Audit tool.xlsx",
                "files/audit tool-2.XLSX",
                "files/notes"
            ]
        );
    }

    #[test]
    fn a_png_gives_its_size() {
        // The smallest PNG header: signature, then IHDR of 3 × 2 pixels.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            one("content/a.png", &png).kind,
            ResourceKind::Image {
                format: ImageFormat::Png,
                size: Some((3, 2))
            }
        );
        // Not an image after all: shown, with no size.
        assert_eq!(
            one("content/b.png", b"not a png").kind,
            ResourceKind::Image {
                format: ImageFormat::Png,
                size: None
            }
        );
    }

    #[test]
    fn svg_hazards_are_found() {
        let bad = br##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)">
<script>alert(2)</script>
<foreignObject><p>x</p></foreignObject>
<image xlink:href="https://tracker.example/p.png"/>
<a href="javascript:alert(3)"><text>t</text></a>
<rect style="fill: url(https://x.example/f.svg#a)"/>
<style>@import url("https://x.example/s.css");</style>
<use href="#shape"/><rect fill="url(#grad)"/>
</svg>"##;
        let found = svg_hazards(bad);
        assert_eq!(
            found,
            vec![
                SvgHazard::Handler("onload".into()),
                SvgHazard::Script,
                SvgHazard::ForeignObject,
                SvgHazard::Link("https://tracker.example/p.png".into()),
                SvgHazard::Link("javascript:alert(3)".into()),
                SvgHazard::Link("https://x.example/f.svg#a".into()),
                SvgHazard::Link("https://x.example/s.css".into()),
                SvgHazard::Link("@import".into()),
            ]
        );
        let fine =
            br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Chart</title>
<style>.bar { fill: #1d70b8; }</style><use href="#bar"/><rect class="bar" fill="url(#g)"/></svg>"##;
        assert_eq!(svg_hazards(fine), vec![]);
        assert_eq!(svg_hazards(b"\xff\xfe"), vec![SvgHazard::NotText]);
    }
}
