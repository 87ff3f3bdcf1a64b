//! Write: put a built site on disk without ever leaving a half-written
//! `output/`.
//!
//! 1. Refuse an output folder that exists, is not empty and lacks our marker
//!    file `.evident-output`: it may be someone's work.
//! 2. Write every file into a temporary sibling folder `.<name>.tmp-<pid>`.
//! 3. Swap: move the old output aside, move the new one in, delete the old.
//!    If the second move fails the old output is moved back. (A true atomic
//!    exchange needs `renameat2`, which std does not expose; the window
//!    between the two renames is a few microseconds and recoverable.)

use super::Site;
use std::fs;
use std::path::{Path, PathBuf};

/// The file that marks a folder as Evident's to replace.
pub const MARKER: &str = ".evident-output";

/// Errors from writing: always about a path.
#[derive(Debug)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn io(path: &Path, what: &str, e: std::io::Error) -> WriteError {
    WriteError(format!("cannot {what} `{}`: {e}", path.display()))
}

/// Whether `dir` may be replaced: missing, empty, or marked as ours.
pub fn replaceable(dir: &Path) -> Result<bool, WriteError> {
    if !dir.exists() {
        return Ok(true);
    }
    if !dir.is_dir() {
        return Ok(false);
    }
    if dir.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(dir).map_err(|e| io(dir, "read", e))?;
    Ok(entries.next().is_none())
}

/// Write `site` to `dir`, atomically replacing what was there.
pub fn write(site: &Site, dir: &Path) -> Result<(), WriteError> {
    if !replaceable(dir)? {
        return Err(WriteError(format!(
            "`{}` exists and was not created by Evident (it has no `{MARKER}` file); refusing to replace it. Choose another folder with -o, or empty it first",
            dir.display()
        )));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    fs::create_dir_all(&parent).map_err(|e| io(&parent, "create", e))?;
    let name = dir
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&tmp);
    if let Err(e) = write_tree(site, &tmp) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let had_old = dir.exists();
    if had_old {
        fs::rename(dir, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            io(dir, "move aside", e)
        })?;
    }
    if let Err(e) = fs::rename(&tmp, dir) {
        if had_old {
            let _ = fs::rename(&old, dir);
        }
        let _ = fs::remove_dir_all(&tmp);
        return Err(io(dir, "replace", e));
    }
    if had_old {
        let _ = fs::remove_dir_all(&old);
    }
    Ok(())
}

fn write_tree(site: &Site, tmp: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(tmp).map_err(|e| io(tmp, "create", e))?;
    for (path, bytes) in &site.files {
        let target = tmp.join(path);
        if let Some(p) = target.parent() {
            fs::create_dir_all(p).map_err(|e| io(p, "create", e))?;
        }
        fs::write(&target, bytes).map_err(|e| io(&target, "write", e))?;
    }
    let marker = tmp.join(MARKER);
    fs::write(
        &marker,
        "This folder is built by Evident and is replaced on every build.\n",
    )
    .map_err(|e| io(&marker, "write", e))
}
