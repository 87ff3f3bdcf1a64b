//! Resources: the files under `content/` that are neither Markdown nor
//! YAML — images a finding shows, documents a reader downloads, the logo.
//! `load` reads them, the text that uses them names them by a path relative
//! to itself, `check` finds the missing and the unused, and the build
//! copies the ones in use to where [`Resource::published`] says.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::FileId;

/// The image types a page shows with `<img>`, by file extension. Anything
/// else is a download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// `.png`
    Png,
    /// `.jpg`, `.jpeg`
    Jpeg,
    /// `.gif`
    Gif,
    /// `.webp`
    Webp,
    /// `.avif`
    Avif,
    /// `.svg`: shown only through `<img>`, which runs no script in it, and
    /// refused when it holds any (`check`).
    Svg,
}

impl ImageFormat {
    /// The format a file name's extension says, if it is an image's.
    pub fn of(name: &str) -> Option<ImageFormat> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "png" => ImageFormat::Png,
            "jpg" | "jpeg" => ImageFormat::Jpeg,
            "gif" => ImageFormat::Gif,
            "webp" => ImageFormat::Webp,
            "avif" => ImageFormat::Avif,
            "svg" => ImageFormat::Svg,
            _ => return None,
        })
    }

    /// Its media type, for a `data:` URL.
    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Gif => "image/gif",
            ImageFormat::Webp => "image/webp",
            ImageFormat::Avif => "image/avif",
            ImageFormat::Svg => "image/svg+xml",
        }
    }
}

/// What a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// An image, with its size in CSS pixels when the file gives it.
    Image {
        /// Its type.
        format: ImageFormat,
        /// Width and height, when they could be read.
        size: Option<(u32, u32)>,
    },
    /// A file to download.
    Download,
}

/// One resource file.
#[derive(Debug, Clone)]
pub struct Resource {
    /// The file in the loaded sources (with no text), so diagnostics can
    /// name it.
    pub file: FileId,
    /// Its path relative to the project (`content/findings/chart.png`).
    pub path: String,
    /// Its bytes.
    pub bytes: Arc<[u8]>,
    /// Image or download.
    pub kind: ResourceKind,
    /// Where the site publishes it, root-relative and not yet
    /// percent-encoded: `assets/chart.3f2a1b9c0d.png` for an image (named
    /// by its content, so a changed chart is never served stale from a
    /// cache), `files/audit-tool.xlsx` for a download (its readable name;
    /// `files/audit-tool-2.xlsx` for a second file of the same name).
    pub published: String,
}

impl Resource {
    /// The file's name, without its folders.
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// Whether it is shown as an image.
    pub fn is_image(&self) -> bool {
        matches!(self.kind, ResourceKind::Image { .. })
    }
}

/// Every resource, by its project-relative path.
pub type Resources = BTreeMap<String, Resource>;
