//! Load: walk `content/` and read every file Evident knows how to use.

use super::memo::Memos;
use super::{SourceFile, Sources};
use crate::diagnostic::{Diagnostic, Pos};
use crate::files::{Boundary, Refusal};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use walkdir::WalkDir;

/// What a content file is, decided by where it lives (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContentKind {
    /// `content/report.yaml`
    Report,
    /// `content/summary.md`
    Summary,
    /// `content/criteria/*.yaml`
    Framework,
    /// `content/pages/*.md`
    Page,
    /// `content/findings/**/*.md`
    Finding,
    /// `content/cases/*.yaml`
    Cases,
    /// `content/cases/index.md`: introduction to the case sample page
    CasesIntro,
    /// `content/focus/*.md`
    Focus,
    /// `content/standards/*.md`
    Narrative,
    /// A Markdown file of those kinds (or `summary.md`, `cases/index.md`)
    /// named `<name>.<language tag>.md`: the same content in another of
    /// the report's languages ([`crate::model::Translation`]).
    Translation,
    /// `content/criteria/<name>.<tag>.yaml`: the framework's texts in
    /// another of the report's languages ([`crate::model::FrameworkTexts`]).
    FrameworkTranslation,
    /// A Markdown or YAML file in a place no content type lives.
    Stray,
    /// Any other file: an image or a download ([`crate::model::Resource`]).
    /// Its bytes are in [`Sources::resources`]; its text is empty.
    Resource,
    /// A path that was not read: a link leading outside the project or
    /// looping back on itself. Its diagnostic was given when loading;
    /// later stages pass over it.
    Unread,
}

fn classify(rel: &str) -> Option<ContentKind> {
    let parts: Vec<&str> = rel.split('/').collect();
    let name = *parts.last()?;
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    let md = ext == "md";
    let yaml = ext == "yaml" || ext == "yml";
    if !md && !yaml {
        return (!is_dropping(name)).then_some(ContentKind::Resource);
    }
    if md
        && translation_of(rel).is_some()
        && matches!(
            parts.as_slice(),
            ["content", _]
                | ["content", "pages" | "focus" | "standards" | "cases", _]
                | ["content", "findings", .., _]
        )
    {
        return Some(ContentKind::Translation);
    }
    if yaml
        && translation_of(rel).is_some()
        && matches!(parts.as_slice(), ["content", "criteria", _])
    {
        return Some(ContentKind::FrameworkTranslation);
    }
    let kind = match (parts.as_slice(), md) {
        (["content", "report.yaml" | "report.yml"], _) => ContentKind::Report,
        (["content", "summary.md"], _) => ContentKind::Summary,
        (["content", "criteria", _], false) => ContentKind::Framework,
        (["content", "pages", _], true) => ContentKind::Page,
        (["content", "findings", .., _], true) => ContentKind::Finding,
        (["content", "cases", _], false) => ContentKind::Cases,
        (["content", "cases", "index.md"], true) => ContentKind::CasesIntro,
        (["content", "focus", _], true) => ContentKind::Focus,
        (["content", "standards", _], true) => ContentKind::Narrative,
        _ => ContentKind::Stray,
    };
    Some(kind)
}

/// For a file named `<name>.<tag>.md` (or `.yaml`) where `<tag>` is a
/// language tag (`cy`, `en-GB`): the original's path (`<name>.md` beside
/// it) and the tag. A name whose last part is not a language tag
/// (`plans.v2.md`) is not a translation.
pub(crate) fn translation_of(rel: &str) -> Option<(String, &str)> {
    let ext = [".md", ".yaml", ".yml"]
        .into_iter()
        .find(|e| rel.ends_with(e))?;
    let without = rel.strip_suffix(ext)?;
    let (dir, name) = without.rsplit_once('/').unwrap_or(("", without));
    let (stem, tag) = name.rsplit_once('.')?;
    // A tag's first part is a language: two or three letters.
    let language = tag.split('-').next().unwrap_or(tag);
    let letters =
        (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_alphabetic());
    if stem.is_empty()
        || !letters
        || icu_locale_core::LanguageIdentifier::try_from_str(tag).is_err()
    {
        return None;
    }
    let original = if dir.is_empty() {
        format!("{stem}{ext}")
    } else {
        format!("{dir}/{stem}{ext}")
    };
    Some((original, tag))
}

/// Editor droppings and hidden files are never content: vim's `4913` probe
/// and swap files, Emacs lock and backup files, `*~`, `*.tmp`.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with("___jb_tmp___")
}

/// Files an operating system or an office suite leaves beside the files a
/// person saved: never content, never published. Hidden files (`.DS_Store`)
/// are passed over with the editors' droppings ([`is_ignored_name`]).
fn is_dropping(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), "thumbs.db" | "ehthumbs.db" | "desktop.ini")
        // Word and Excel's lock file beside an open document.
        || name.starts_with("~$")
}

/// `path` relative to `base`, with `/` separators on every OS, as paths are
/// shown in diagnostics and written in links.
pub fn relative_path(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file as read before (see [`super::memo`]; kept by its path), with the
/// length and modification time it had then. The whole [`SourceFile`] is
/// kept, so its line index and text hash are not worked out again either.
pub(crate) type Read = (u64, Option<SystemTime>, ReadFile);

/// A file read, or why its text cannot be content.
type ReadFile = Result<SourceFile, Unreadable>;

/// Why a file's text cannot be content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// It is not UTF-8.
    NotUtf8 {
        /// The offset of its first byte that is not UTF-8.
        offset: usize,
        /// Its text, each byte that is not UTF-8 shown as U+FFFD: what
        /// comes before `offset` is the file's own.
        shown: String,
    },
    /// It is larger than [`MAX_FILE_BYTES`].
    TooLarge,
}

/// The largest content file Evident reads: 1 MiB, ten times the longest
/// chapter a review is likely to hold and room for a thousand case audits
/// in one file. Larger files are refused before they are read whole, so a
/// mistake (a video saved as `.md`, a log pasted into a finding) cannot
/// fill the memory, and the worst a file written to be slow can cost
/// stays within a second or two (docs/robustness.md).
pub(crate) const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Read a file as UTF-8 text without a byte-order mark, as the source file
/// `rel` of `kind`. With the memo on, a file whose length and modification
/// time are unchanged is not read again.
fn read(path: &Path, rel: &str, kind: ContentKind, memos: &Memos) -> Result<ReadFile, String> {
    let failed = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    let stamp = if memos.read.is_on() {
        let meta = std::fs::metadata(path).map_err(failed)?;
        let stamp = (meta.len(), meta.modified().ok());
        if let Some((len, modified, file)) = memos.read.get(&path.to_path_buf())
            && (len, modified) == stamp
            && modified.is_some()
        {
            return Ok(file);
        }
        Some(stamp)
    } else {
        None
    };
    // Read at most one byte past the limit, whatever the file claims its
    // size is (files in /proc claim none). The size it claims, within the
    // limit, is room made beforehand: a reader behind `take` gives no hint,
    // and the buffer would otherwise grow from nothing, a read at a time.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            let claimed = f.metadata().map_or(0, |m| m.len());
            bytes.reserve_exact(usize::try_from(claimed.min(MAX_FILE_BYTES)).unwrap_or(0) + 1);
            std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_FILE_BYTES + 1), &mut bytes)
        })
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(Unreadable::TooLarge));
    }
    let text = match String::from_utf8(bytes) {
        Ok(mut text) => {
            // A UTF-8 byte-order mark is not part of the content.
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(SourceFile::new(rel, kind, text))
        }
        Err(e) => {
            let mut offset = e.utf8_error().valid_up_to();
            let mut shown = String::from_utf8_lossy(e.as_bytes()).into_owned();
            if shown.starts_with('\u{feff}') {
                shown.drain(..3);
                offset -= 3;
            }
            Err(Unreadable::NotUtf8 { offset, shown })
        }
    };
    if let Some((len, modified)) = stamp {
        if let Ok(file) = &text {
            // Hashed now, so that every later copy carries the hash.
            file.text_hash();
        }
        memos
            .read
            .put(path.to_path_buf(), (len, modified, text.clone()));
    }
    Ok(text)
}

/// Read every content file under `root/content`. I/O failures are returned as
/// `Err` (exit status 2); a file that is not UTF-8, a link that leads
/// outside the project and a link that loops are content diagnostics.
///
/// Links are followed, so content shared from elsewhere is read, but only
/// where they lead inside the project or inside what `content/` itself
/// resolves to (a synced folder): a link to `/etc/passwd` or
/// `/proc/self/environ` is an error naming the link, and the file it
/// points at is never opened.
///
/// With `memos` on, a file whose length and modification time are those it
/// had when last read is taken from the memo.
pub fn load(root: &Path, memos: &Memos) -> Result<(Sources, Vec<Diagnostic>), String> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(format!(
            "`{}` has no `content/` folder: run `evident init` to start a review project, or pass --root",
            root.display()
        ));
    }
    let boundary = Boundary::new(root, "content");
    // The walk decides what each path is, in order; the files are then read
    // on every core, and taken in that order.
    let mut found: Vec<Found> = Vec::new();
    let mut walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a folder it sits in would be walked for ever:
            // walkdir stops at it, and so does Evident, with a warning.
            Err(e) if e.loop_ancestor().is_some() => {
                let rel = e
                    .path()
                    .map_or_else(String::new, |p| relative_path(p, root));
                found.push(Found::Unread(
                    rel,
                    Diagnostic::warning(
                        "link-loop",
                        "this link leads back to a folder it is in; it is not followed",
                    )
                    .help("remove the link, or point it at a folder outside the one holding it"),
                ));
                continue;
            }
            // A link to nothing: walkdir cannot follow it.
            Err(e) if e.path().is_some_and(crate::files::is_link) => {
                let rel = e
                    .path()
                    .map_or_else(String::new, |p| relative_path(p, root));
                found.push(Found::Unread(rel, refused(Refusal::Dangling)));
                continue;
            }
            Err(e) => {
                let path = e.path().unwrap_or(&content).display().to_string();
                found.push(Found::Failed(format!("cannot read `{path}`: {e}")));
                break;
            }
        };
        if entry.path_is_symlink()
            && let Err(refusal) = boundary.admits(entry.path())
        {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            let rel = relative_path(entry.path(), root);
            found.push(Found::Unread(rel, refused(refusal)));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative_path(entry.path(), root);
        let Some(kind) = classify(&rel) else { continue };
        found.push(Found::File(entry.into_path(), rel, kind));
    }
    let walked: Vec<Walked> = found
        .into_par_iter()
        .map(|found| match found {
            Found::File(path, rel, ContentKind::Resource) => {
                let read = read_resource(&path);
                Walked::Resource(rel, read)
            }
            Found::File(path, rel, kind) => {
                let read = read(&path, &rel, kind, memos);
                Walked::Read(rel, kind, read)
            }
            Found::Unread(rel, diagnostic) => Walked::Unread(rel, diagnostic),
            Found::Failed(e) => Walked::Failed(e),
        })
        .collect();

    let mut sources = Sources::new(root);
    let mut diagnostics = Vec::new();
    let mut resources = Vec::new();
    for walked in walked {
        let (rel, kind, read) = match walked {
            Walked::Failed(e) => return Err(e),
            Walked::Unread(rel, diagnostic) => {
                let id = sources.add(SourceFile::new(rel, ContentKind::Unread, String::new()));
                diagnostics.push(diagnostic.at(id, Some(Pos::file_start())));
                continue;
            }
            Walked::Read(rel, kind, read) => (rel, kind, read),
            Walked::Resource(rel, read) => {
                let id = sources.add(SourceFile::new(
                    rel.clone(),
                    ContentKind::Resource,
                    String::new(),
                ));
                match read? {
                    Some(bytes) => resources.push((id, rel, bytes)),
                    None => diagnostics.push(
                        Diagnostic::error(
                            "too-large",
                            format!(
                                "this file is larger than {} MiB, the most Evident publishes; it is not read",
                                MAX_RESOURCE_BYTES / 1024 / 1024
                            ),
                        )
                        .at(id, Some(Pos::file_start()))
                        .help("make the image smaller, or publish the document elsewhere and link to its address"),
                    ),
                }
                continue;
            }
        };
        match read? {
            Ok(file) => {
                sources.add(file);
            }
            Err(Unreadable::TooLarge) => {
                let id = sources.add(SourceFile::new(rel, ContentKind::Unread, String::new()));
                diagnostics.push(
                    Diagnostic::error(
                        "too-large",
                        format!(
                            "this file is larger than {} MiB, the most Evident reads; it is not read",
                            MAX_FILE_BYTES / 1024 / 1024
                        ),
                    )
                    .at(id, Some(Pos::file_start()))
                    .help("split it into several files; a file this large is rarely text written for a report"),
                );
            }
            Err(Unreadable::NotUtf8 { offset, shown }) => {
                // Kept as what it is (a finding stays a finding, so no
                // `missing-…` error follows) with its text there to show
                // the line; no stage parses or scans it.
                let mut file = SourceFile::new(rel, kind, shown);
                file.unreadable = true;
                // The text before the byte is the file's own, so its line
                // and column are those of the bytes before it.
                let (line, column) = file.position(offset);
                let id = sources.add(file);
                diagnostics.push(
                    Diagnostic::error("not-utf8", "the file is not UTF-8 text")
                        .at(id, Some(Pos::new(line, column, 1)))
                        .help("save it again as UTF-8; it was probably saved in another encoding, such as Latin-1 or Windows-1252"),
                );
            }
        }
    }
    sources.resources = super::resources::publish(resources);
    Ok((sources, diagnostics))
}

/// The largest resource Evident reads and publishes: 20 MiB, room for a
/// photograph or a long report to download; larger files are refused
/// before they are read whole.
pub(crate) const MAX_RESOURCE_BYTES: u64 = 20 * 1024 * 1024;

/// Read a resource's bytes, or `None` when it is larger than
/// [`MAX_RESOURCE_BYTES`]. Resources are read on every run: the preview
/// keeps no memo of them, since reading one costs about what checking its
/// length and time would.
fn read_resource(path: &Path) -> Result<Option<Vec<u8>>, String> {
    let failed = |e: std::io::Error| format!("cannot read `{}`: {e}", path.display());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            std::io::Read::read_to_end(
                &mut std::io::Read::take(f, MAX_RESOURCE_BYTES + 1),
                &mut bytes,
            )
        })
        .map_err(failed)?;
    Ok((bytes.len() as u64 <= MAX_RESOURCE_BYTES).then_some(bytes))
}

/// What the walk found at a path, in the order it found it.
enum Found {
    /// A content file to read: where it is, its project-relative path and
    /// what it is.
    File(PathBuf, String, ContentKind),
    /// A path that is not read, and why (a diagnostic to place at it).
    Unread(String, Diagnostic),
    /// The walk could not go on: an I/O failure.
    Failed(String),
}

/// What was found at a path, with the file read.
enum Walked {
    /// A content file (its project-relative path and what it is), read.
    Read(String, ContentKind, Result<ReadFile, String>),
    /// A resource (its project-relative path), read unless too large.
    Resource(String, Result<Option<Vec<u8>>, String>),
    /// A path that is not read, and why.
    Unread(String, Diagnostic),
    /// The walk could not go on.
    Failed(String),
}

/// The error for a link that is not followed. It never names where the
/// link leads: that is not the project's to publish, not even in a message.
pub(crate) fn refused(refusal: Refusal) -> Diagnostic {
    match refusal {
        Refusal::Outside => Diagnostic::error(
            "outside-project",
            "this is a link to a file or folder outside the project; Evident does not read it",
        )
        .help(
            "copy what it points at into the project, or link `content/` itself to a shared folder",
        ),
        Refusal::Dangling => Diagnostic::error(
            "dangling-link",
            "this is a link to something that does not exist",
        )
        .help("remove the link, or point it at a file inside the project"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_files_are_read_again_when_their_length_or_time_changes() {
        let memos = Memos::on();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.md");
        let at = |secs: u64| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        let write = |text: &str, time: SystemTime| {
            std::fs::write(&path, text).unwrap();
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(time)
                .unwrap();
        };
        let read = |path: &Path| {
            read(path, "content/x.md", ContentKind::Stray, &memos).map(|r| r.map(|f| f.text))
        };
        write("\u{feff}first", at(1_000_000));
        assert_eq!(read(&path).unwrap(), Ok("first".to_string()));
        // A new modification time: read again.
        write("second", at(1_000_001));
        assert_eq!(read(&path).unwrap(), Ok("second".to_string()));
        // Same time, new length: read again.
        write("third", at(1_000_001));
        assert_eq!(read(&path).unwrap(), Ok("third".to_string()));
        // Same length and time: the remembered text (the file is not read).
        write("THIRD", at(1_000_001));
        assert_eq!(read(&path).unwrap(), Ok("third".to_string()));
        // Other memos, on or off, have not read it: they read what is there.
        for other in [Memos::on(), Memos::off()] {
            let text = super::read(&path, "content/x.md", ContentKind::Stray, &other).unwrap();
            assert_eq!(text.map(|f| f.text), Ok("THIRD".to_string()));
        }
        // Not UTF-8: the offset of the first bad byte, and the text shown.
        std::fs::write(&path, b"ab\xffcd").unwrap();
        assert_eq!(
            read(&path).unwrap(),
            Err(Unreadable::NotUtf8 {
                offset: 2,
                shown: "ab\u{fffd}cd".to_string()
            })
        );
        // Larger than the limit: refused, however it came to be that size.
        let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        std::fs::write(&path, &big).unwrap();
        assert_eq!(read(&path).unwrap(), Err(Unreadable::TooLarge));
    }

    #[test]
    fn files_read_side_by_side_are_taken_in_the_order_of_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let findings = dir.path().join("content/findings");
        std::fs::create_dir_all(&findings).unwrap();
        let mut expected = Vec::new();
        for n in 0..200 {
            let name = format!("f{n:03}.md");
            if n == 117 {
                std::fs::write(findings.join(&name), b"ab\xffcd").unwrap();
            } else {
                std::fs::write(findings.join(&name), format!("text {n}")).unwrap();
            }
            expected.push(format!("content/findings/{name}"));
        }
        let (sources, diagnostics) = load(dir.path(), &Memos::off()).unwrap();
        let paths: Vec<&str> = sources.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, expected);
        assert_eq!(sources.files[5].text, "text 5");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "not-utf8");
        assert_eq!(diagnostics[0].file, Some(117));
        assert!(sources.files[117].unreadable);
    }

    #[test]
    fn the_first_byte_that_is_not_utf8_is_placed_by_the_characters_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let pages = dir.path().join("content/pages");
        std::fs::create_dir_all(&pages).unwrap();
        // A byte-order mark, then UTF-8 with letters of two bytes, then a
        // byte of Latin-1: it is the 16th character of line 2.
        std::fs::write(
            pages.join("p.md"),
            b"\xef\xbb\xbf---\r\ntitle: Cr\xc3\xa8me br\xfbl\xe9e\n---\n",
        )
        .unwrap();
        let (sources, diagnostics) = load(dir.path(), &Memos::off()).unwrap();
        let d = &diagnostics[0];
        assert_eq!((d.code, d.pos), ("not-utf8", Some(Pos::new(2, 16, 1))));
        assert_eq!(
            sources.files[0].line(2),
            Some("title: Crème br\u{fffd}l\u{fffd}e")
        );
    }

    #[test]
    fn files_are_classified_by_place() {
        assert_eq!(classify("content/report.yaml"), Some(ContentKind::Report));
        assert_eq!(
            classify("content/findings/a/b/x.md"),
            Some(ContentKind::Finding)
        );
        assert_eq!(
            classify("content/findings/x.md"),
            Some(ContentKind::Finding)
        );
        assert_eq!(classify("content/cases/c.yml"), Some(ContentKind::Cases));
        assert_eq!(classify("content/finding/x.md"), Some(ContentKind::Stray));
        assert_eq!(classify("content/pages/x.png"), Some(ContentKind::Resource));
        assert_eq!(
            classify("content/files/Audit tool"),
            Some(ContentKind::Resource)
        );
        assert_eq!(classify("content/findings/Thumbs.db"), None);
        assert_eq!(classify("content/files/desktop.ini"), None);
        assert_eq!(classify("content/files/~$Audit tool.xlsx"), None);
        assert!(is_ignored_name(".x.md.swp"));
        assert!(is_ignored_name("4913"));
        assert!(!is_ignored_name("plans.md"));
    }
}
