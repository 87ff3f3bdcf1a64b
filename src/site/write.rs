//! Write: put a built site on disk without ever leaving a half-written
//! `output/`.
//!
//! 1. Refuse an output folder that is, holds or lies inside the project's
//!    `content/` or `themes/` or holds the project itself, and one that
//!    exists, is not empty and lacks our marker file `.evident-output`
//!    with Evident's own words in it: it may be someone's work.
//! 2. Write every file into a temporary sibling folder `.<name>.tmp-<pid>`.
//! 3. Swap: exchange the two folders in one step where the system can
//!    ([`files::exchange`], Linux's `renameat2`), then delete the old.
//!    Elsewhere, move the old output aside, move the new one in and delete
//!    the old; if the second move fails the old output is moved back (the
//!    window between the two renames is a few microseconds).

use super::Site;
use crate::files::{self, FileError};
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a folder as Evident's to replace.
pub const MARKER: &str = ".evident-output";

/// What the marker file holds, exactly: a folder is Evident's only when its
/// marker says so in these words, so an empty or stray file of that name
/// (or a link to one) is not enough.
pub const MARKER_TEXT: &str = "This folder is built by Evident and is replaced on every build.\n";

/// Why the site was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder is not Evident's to replace, or would take the
    /// project with it; the message says why and what to do.
    Refused(String),
    /// A file or folder could not be written.
    Io(FileError),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Refused(why) => f.write_str(why),
            WriteError::Io(e) => e.fmt(f),
        }
    }
}

fn io(path: &Path, what: &'static str, e: std::io::Error) -> WriteError {
    WriteError::Io(FileError::new(what, path, e))
}

/// The folder a build of the project at `root` may write `requested` as,
/// or why it may not. The build asks before doing any work; [`write`]
/// asks again before it replaces anything.
///
/// - A link is followed on purpose: `output` linked to a web server's
///   folder builds into that folder and the link stays. A link to nothing
///   is refused.
/// - A folder that is, holds or lies inside the project's `content/` or
///   `themes/`, or that is or holds the project itself, is refused, marker
///   or not: replacing it would delete the review (all resolved through
///   links, so neither `-o content/..` nor a link to the project slips by).
/// - A folder that exists must be empty or carry Evident's marker.
pub fn output_folder(root: &Path, requested: &Path) -> Result<PathBuf, WriteError> {
    let dir = if files::is_link(requested) {
        requested.canonicalize().map_err(|_| {
            WriteError::Refused(format!(
                "the output folder `{}` is a link to something that does not exist; create the folder it points at, or choose another with -o",
                requested.display()
            ))
        })?
    } else {
        files::absolute(requested)
    };
    match clash(root, &dir) {
        Some(Clash::HoldsProject) => {
            return Err(WriteError::Refused(format!(
                "the output folder `{}` holds the project itself; replacing it would delete the review. Choose a folder outside the project, or the default `output/`",
                requested.display()
            )));
        }
        Some(Clash::Source(source)) => {
            return Err(WriteError::Refused(format!(
                "the output folder `{}` is, holds or lies inside the project's `{source}/`; Evident never writes there. Choose another folder with -o",
                requested.display()
            )));
        }
        None => {}
    }
    if !replaceable(&dir)? {
        return Err(foreign(&dir));
    }
    Ok(dir)
}

/// Why a folder may not be replaced whatever it holds: replacing it
/// would take the review with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clash {
    /// The folder is or holds the project.
    HoldsProject,
    /// The folder is, holds or lies inside the project's `content/` or
    /// `themes/` (named).
    Source(&'static str),
}

/// Whether replacing `dir` would take the project at `root` with it: all
/// resolved through links, so neither `content/..` nor a link to the
/// project slips by.
pub fn clash(root: &Path, dir: &Path) -> Option<Clash> {
    let out = files::resolve(dir);
    if files::resolve(root).starts_with(&out) {
        return Some(Clash::HoldsProject);
    }
    ["content", "themes"].into_iter().find_map(|source| {
        let folder = files::resolve(&root.join(source));
        (out.starts_with(&folder) || folder.starts_with(&out)).then_some(Clash::Source(source))
    })
}

fn foreign(dir: &Path) -> WriteError {
    WriteError::Refused(format!(
        "`{}` exists and was not created by Evident (it has no `{MARKER}` file written by Evident); refusing to replace it. Choose another folder with -o, or empty it first",
        dir.display()
    ))
}

/// Whether `dir` may be replaced: missing, empty, or marked as ours by a
/// marker file (not a link) holding exactly [`MARKER_TEXT`].
pub fn replaceable(dir: &Path) -> Result<bool, WriteError> {
    let meta = match dir.symlink_metadata() {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(io(dir, "read", e)),
    };
    if !meta.is_dir() {
        return Ok(false);
    }
    let marker = dir.join(MARKER);
    let ours = marker.symlink_metadata().is_ok_and(|m| m.is_file())
        && fs::read(&marker).is_ok_and(|text| text == MARKER_TEXT.as_bytes());
    if ours {
        return Ok(true);
    }
    let mut entries = fs::read_dir(dir).map_err(|e| io(dir, "read", e))?;
    Ok(entries.next().is_none())
}

/// Write `site` to `dir`, atomically replacing what was there. `dir` is
/// what [`output_folder`] returned.
pub fn write(site: &Site, dir: &Path) -> Result<(), WriteError> {
    write_with(dir, |tmp| {
        write_tree(site, tmp).map_err(Stop::<std::convert::Infallible>::Write)
    })
    .map_err(|e| match e {
        Stop::Write(e) => e,
        Stop::Other(never) => match never {},
    })
}

/// Why [`write_with`] stopped: writing failed, or the caller's `fill`
/// gave up for its own reason (the build's templates failed).
#[derive(Debug)]
pub enum Stop<E> {
    /// The folder or a file could not be written.
    Write(WriteError),
    /// `fill` stopped for a reason of its own.
    Other(E),
}

/// Replace `dir` with what `fill` writes into a new temporary folder
/// beside it: nothing is replaced unless `fill` finishes, so a failed
/// build leaves the old output as it was. `dir` is what [`output_folder`]
/// returned. The build streams each file straight into the temporary
/// folder, so the site is never held whole in memory.
pub fn write_with<T, E>(
    dir: &Path,
    fill: impl FnOnce(&Path) -> Result<T, Stop<E>>,
) -> Result<T, Stop<E>> {
    let w = Stop::Write;
    if !replaceable(dir).map_err(w)? {
        return Err(w(foreign(dir)));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    fs::create_dir_all(&parent).map_err(|e| w(io(&parent, "create", e)))?;
    let name = dir
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    // Left by a killed build of the same id, or planted: removed (a link
    // is removed, not followed), then made afresh by this build alone.
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir(&tmp).map_err(|e| w(io(&tmp, "create", e)))?;
    let filled = fill(&tmp).and_then(|value| {
        let marker = tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| w(io(&marker, "write", e)))?;
        Ok(value)
    });
    let value = match filled {
        Ok(value) => value,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let had_old = dir.exists();
    if had_old {
        match files::exchange(&tmp, dir) {
            // The old output is now where the new one was built.
            Ok(true) => {
                let _ = fs::remove_dir_all(&tmp);
                return Ok(value);
            }
            Ok(false) => {}
            Err(e) => {
                let _ = fs::remove_dir_all(&tmp);
                return Err(w(io(dir, "replace", e)));
            }
        }
    }
    if had_old {
        fs::rename(dir, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            w(io(dir, "move aside", e))
        })?;
    }
    if let Err(e) = fs::rename(&tmp, dir) {
        if had_old {
            let _ = fs::rename(&old, dir);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(w(io(dir, "replace", e)));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(value)
}

fn write_tree(site: &Site, tmp: &Path) -> Result<(), WriteError> {
    for (path, bytes) in &site.files {
        let mut file = create_file(tmp, path)?;
        std::io::Write::write_all(&mut file, bytes).map_err(|e| io(&tmp.join(path), "write", e))?;
    }
    Ok(())
}

/// Create the file at `path` (with `/`, relative to the new output folder
/// `tmp`) and the folders it needs.
pub fn create_file(tmp: &Path, path: &str) -> Result<fs::File, WriteError> {
    let target = tmp.join(path);
    if let Some(p) = target.parent() {
        fs::create_dir_all(p).map_err(|e| io(p, "create", e))?;
    }
    fs::File::create(&target).map_err(|e| io(&target, "write", e))
}

/// A failure to write `path` in the new output folder `tmp`.
pub fn write_failed(tmp: &Path, path: &str, e: std::io::Error) -> WriteError {
    io(&tmp.join(path), "write", e)
}
