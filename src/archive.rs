//! The published site as one zip archive (`evident publish --archive`),
//! for e-mail or a document library: every file of a finished site folder
//! under one top folder (`report-1.0/index.html`…), so unpacking it makes
//! one folder whose `index.html` opens from disk.
//!
//! Part of the write stage: it reads a site folder the build has finished
//! and writes a file beside it.
//!
//! The container is written here rather than with the `zip` crate because
//! writing is the only thing needed and the format's writing side is a few
//! fixed records (PKWARE's APPNOTE 6.3.10: the local file header, 4.3.7;
//! the central directory header, 4.3.12; the end of central directory
//! record, 4.3.16), while the crate brings a dozen crates more to a two-core
//! build (its deflate back ends, hashing and zeroising crates). The
//! compression is `miniz_oxide`'s deflate and the checksum `crc32fast`'s,
//! both small and without dependencies of their own beyond `adler2` and
//! `cfg-if`.
//!
//! - Every entry is dated the report's `version_date` (midnight), never
//!   the clock, so the same site archives to the same bytes; without a date
//!   the format's first day, 1980-01-01.
//! - Names are UTF-8 and flagged so (bit 11), with `/` between parts, in
//!   byte order, so the archive does not depend on the order a folder is
//!   read in.
//! - A file that deflate does not make smaller is stored as it is.
//! - The archive's comment names Evident and the version, so that a later
//!   publish knows the file is its own to replace ([`is_ours`]).
//! - Zip64 is not written: an archive of more than 65,535 files or of
//!   4 GiB or more is refused with a message, long before a report gets
//!   there.

use crate::files::FileError;
use crate::model::Date;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// The start of the comment every archive Evident writes carries.
pub const COMMENT_START: &str = "Published by Evident";

/// Deflate's effort: the default of zlib and of most zip tools.
const LEVEL: u8 = 6;

/// Why an archive was not written.
#[derive(Debug)]
pub enum ArchiveError {
    /// A file could not be read, or the archive written.
    Io(FileError),
    /// The site is too big for an archive without Zip64.
    TooLarge(String),
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArchiveError::Io(e) => e.fmt(f),
            ArchiveError::TooLarge(why) => f.write_str(why),
        }
    }
}

/// One file's entry, as the central directory repeats it.
struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// Write every file under `site` (but the names in `skip`, at its top)
/// into `out` as a zip archive, each under `top/`, dated `date`, with
/// `comment`. Files are read one at a time, so the site is never held
/// whole in memory.
pub fn write_zip(
    site: &Path,
    top: &str,
    skip: &[&str],
    date: Option<&Date>,
    comment: &str,
    out: &mut impl Write,
) -> Result<(), ArchiveError> {
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(site).follow_links(false) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(site).to_path_buf();
            ArchiveError::Io(FileError::new("read", path, e.into()))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.len() == 1 && skip.contains(&parts[0].as_str()) {
            continue;
        }
        files.push((format!("{top}/{}", parts.join("/")), entry.into_path()));
    }
    files.sort();
    if files.len() > usize::from(u16::MAX) {
        return Err(ArchiveError::TooLarge(format!(
            "the site has {} files, more than a zip archive without Zip64 holds (65,535)",
            files.len()
        )));
    }
    let (time, day) = dos_date(date);
    let mut written: u64 = 0;
    let mut entries = Vec::with_capacity(files.len());
    let write_err = |e: io::Error| ArchiveError::Io(FileError::new("write", "the archive", e));
    for (name, path) in files {
        let bytes =
            fs::read(&path).map_err(|e| ArchiveError::Io(FileError::new("read", &path, e)))?;
        let crc = crc32fast::hash(&bytes);
        let deflated = miniz_oxide::deflate::compress_to_vec(&bytes, LEVEL);
        let (method, data) = if deflated.len() < bytes.len() {
            (8u16, deflated.as_slice())
        } else {
            (0u16, bytes.as_slice())
        };
        let entry = Entry {
            method,
            crc,
            compressed: small(data.len() as u64, &name)?,
            size: small(bytes.len() as u64, &name)?,
            offset: small(written, &name)?,
            name,
        };
        let mut header = Vec::with_capacity(30 + entry.name.len());
        header.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
        header.extend_from_slice(&FLAGS.to_le_bytes());
        header.extend_from_slice(&entry.method.to_le_bytes());
        header.extend_from_slice(&time.to_le_bytes());
        header.extend_from_slice(&day.to_le_bytes());
        header.extend_from_slice(&entry.crc.to_le_bytes());
        header.extend_from_slice(&entry.compressed.to_le_bytes());
        header.extend_from_slice(&entry.size.to_le_bytes());
        header.extend_from_slice(&name_len(&entry.name)?.to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        header.extend_from_slice(entry.name.as_bytes());
        out.write_all(&header).map_err(write_err)?;
        out.write_all(data).map_err(write_err)?;
        written += (header.len() + data.len()) as u64;
        entries.push(entry);
    }
    let directory_start = small(written, "the central directory")?;
    let mut directory = Vec::new();
    for entry in &entries {
        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        // Made by: Unix (3), so the permissions below are read; 2.0.
        directory.extend_from_slice(&((3u16 << 8) | 20).to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes());
        directory.extend_from_slice(&FLAGS.to_le_bytes());
        directory.extend_from_slice(&entry.method.to_le_bytes());
        directory.extend_from_slice(&time.to_le_bytes());
        directory.extend_from_slice(&day.to_le_bytes());
        directory.extend_from_slice(&entry.crc.to_le_bytes());
        directory.extend_from_slice(&entry.compressed.to_le_bytes());
        directory.extend_from_slice(&entry.size.to_le_bytes());
        directory.extend_from_slice(&name_len(&entry.name)?.to_le_bytes());
        directory.extend_from_slice(&0u16.to_le_bytes()); // extra field
        directory.extend_from_slice(&0u16.to_le_bytes()); // comment
        directory.extend_from_slice(&0u16.to_le_bytes()); // disk number
        directory.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        // External attributes: a regular file, readable by all (0o100644).
        directory.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
        directory.extend_from_slice(&entry.offset.to_le_bytes());
        directory.extend_from_slice(entry.name.as_bytes());
    }
    let directory_size = small(directory.len() as u64, "the central directory")?;
    small(written + u64::from(directory_size), "the archive")?;
    let count = entries.len() as u16;
    let comment_len = u16::try_from(comment.len())
        .map_err(|_| ArchiveError::TooLarge("the archive's comment is too long".into()))?;
    directory.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    directory.extend_from_slice(&0u16.to_le_bytes()); // this disk
    directory.extend_from_slice(&0u16.to_le_bytes()); // the directory's disk
    directory.extend_from_slice(&count.to_le_bytes());
    directory.extend_from_slice(&count.to_le_bytes());
    directory.extend_from_slice(&directory_size.to_le_bytes());
    directory.extend_from_slice(&directory_start.to_le_bytes());
    directory.extend_from_slice(&comment_len.to_le_bytes());
    directory.extend_from_slice(comment.as_bytes());
    out.write_all(&directory).map_err(write_err)?;
    out.flush().map_err(write_err)
}

/// General-purpose flags: bit 11, names are UTF-8.
const FLAGS: u16 = 1 << 11;

fn small(n: u64, what: &str) -> Result<u32, ArchiveError> {
    u32::try_from(n)
        .ok()
        .filter(|n| *n < u32::MAX)
        .ok_or_else(|| {
            ArchiveError::TooLarge(format!(
                "`{what}` takes the archive past 4 GiB, more than a zip archive without Zip64 holds"
            ))
        })
}

fn name_len(name: &str) -> Result<u16, ArchiveError> {
    u16::try_from(name.len()).map_err(|_| {
        ArchiveError::TooLarge(format!("the name `{name}` is too long for a zip archive"))
    })
}

/// An MS-DOS time and date, as zip records them: midnight of `date` (its
/// first day when it names a month), or 1980-01-01, the earliest a zip
/// can hold, when there is none or it is earlier.
fn dos_date(date: Option<&Date>) -> (u16, u16) {
    let day = date
        .filter(|d| (1980..=2107).contains(&d.year))
        .map_or(0x21, |d| {
            ((d.year - 1980) << 9) | (u16::from(d.month) << 5) | u16::from(d.day.unwrap_or(1))
        });
    (0, day)
}

/// Whether the file at `path` is an archive Evident wrote: its end of
/// central directory record ends with a comment that starts with
/// [`COMMENT_START`]. Any other file, or one that cannot be read, is not.
pub fn is_ours(path: &Path) -> bool {
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let Ok(len) = file.seek(SeekFrom::End(0)) else {
        return false;
    };
    // The record is 22 bytes and its comment at most 65,535.
    let tail = len.min(22 + 65_535);
    let mut bytes = Vec::new();
    if file.seek(SeekFrom::Start(len - tail)).is_err()
        || file.take(tail).read_to_end(&mut bytes).is_err()
    {
        return false;
    }
    (0..bytes.len().saturating_sub(21)).rev().any(|at| {
        bytes[at..at + 4] == 0x0605_4b50u32.to_le_bytes() && {
            let comment_len = usize::from(u16::from_le_bytes([bytes[at + 20], bytes[at + 21]]));
            at + 22 + comment_len == bytes.len()
                && bytes[at + 22..].starts_with(COMMENT_START.as_bytes())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_the_versions_day_at_midnight() {
        let date = Date {
            year: 2026,
            month: 12,
            day: Some(4),
        };
        assert_eq!(dos_date(Some(&date)), (0, (46 << 9) | (12 << 5) | 4));
        let month = Date { day: None, ..date };
        assert_eq!(dos_date(Some(&month)).1 & 0x1f, 1);
        assert_eq!(dos_date(None), (0, 0x21));
        let early = Date { year: 1970, ..date };
        assert_eq!(dos_date(Some(&early)), (0, 0x21));
    }

    #[test]
    fn only_an_archive_with_our_comment_is_ours() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "hello hello hello hello").unwrap();
        let mut bytes = Vec::new();
        write_zip(
            dir.path(),
            "top",
            &[],
            None,
            "Published by Evident: 1.0",
            &mut bytes,
        )
        .unwrap();
        let ours = dir.path().join("ours.zip");
        fs::write(&ours, &bytes).unwrap();
        assert!(is_ours(&ours));
        let mut theirs = Vec::new();
        write_zip(dir.path(), "top", &[], None, "made by hand", &mut theirs).unwrap();
        let theirs_path = dir.path().join("theirs.zip");
        fs::write(&theirs_path, &theirs).unwrap();
        assert!(!is_ours(&theirs_path));
        let text = dir.path().join("notes.zip");
        fs::write(&text, "Published by Evident").unwrap();
        assert!(!is_ours(&text));
        assert!(!is_ours(&dir.path().join("missing.zip")));
    }
}
