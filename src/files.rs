//! Files: where Evident may read and how it writes, decided in one place.
//!
//! A review project is written by several people and often synced from a
//! shared drive, so neither its links nor its folders can be trusted to
//! stay inside it. Every stage that touches the file system goes through
//! this module:
//!
//! - [`resolve`] says where a path really leads (links followed, `..`
//!   applied), even when its last parts do not exist yet;
//! - a [`Boundary`] holds the folders a stage may read from (the project,
//!   and `content/` or `themes/` wherever they lead, so a synced folder
//!   linked in is fine) and refuses a path that leads anywhere else,
//!   before the file is opened, so no byte of it reaches a page or a
//!   message;
//! - [`replace_file`] writes a file by writing a new one beside it and
//!   renaming it over the old, so a link planted at the path is replaced,
//!   never written through, and a reader never sees half a file;
//! - [`FileError`] keeps the path and the [`std::io::Error`] (and so its
//!   kind) of every failure, for messages that name the file.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// An I/O failure about one path: what was being done, where, and why.
#[derive(Debug)]
pub struct FileError {
    /// What was being done: `read`, `write`, `create`…
    pub action: &'static str,
    /// The path it was done to.
    pub path: PathBuf,
    /// The operating system's error (its `kind()` says which).
    pub source: io::Error,
}

impl FileError {
    /// A failure to `action` the file at `path`.
    pub fn new(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        FileError {
            action,
            path: path.into(),
            source,
        }
    }

    /// The kind of the underlying I/O error.
    pub fn kind(&self) -> io::ErrorKind {
        self.source.kind()
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} `{}`: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// `path` made absolute against the current folder, without touching the
/// file system beyond asking for that folder.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Where `path` really leads: the longest part of it that exists is
/// canonicalised (links followed), and the rest added with `.` and `..`
/// applied. So neither `content/../content/x` nor a link pointing into
/// `content/` hides where a path goes, even before it is created.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = absolute(path);
    let parts: Vec<std::path::Component<'_>> = absolute.components().collect();
    // The longest leading part that exists, canonicalised; then the rest.
    for split in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..split].iter().collect();
        let Ok(mut out) = head.canonicalize() else {
            continue;
        };
        for part in &parts[split..] {
            match part {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::Normal(name) => out.push(name),
                _ => {}
            }
        }
        return out;
    }
    absolute
}

/// Whether `path` is `dir` or lies inside it, both as they resolve.
pub fn inside(path: &Path, dir: &Path) -> bool {
    resolve(path).starts_with(resolve(dir))
}

/// Why a path was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It leads outside every folder the boundary admits.
    Outside,
    /// It is a link whose target does not exist.
    Dangling,
}

/// The folders one stage may read from. A path is admitted when it
/// resolves inside one of them.
#[derive(Debug, Clone)]
pub struct Boundary {
    roots: Vec<PathBuf>,
}

impl Boundary {
    /// The project at `root` and its folder `folder` (`content` or
    /// `themes`), each where it really is: a `content/` that is a link to a
    /// synced folder admits what lies in that folder.
    pub fn new(root: &Path, folder: &str) -> Self {
        let mut roots = vec![resolve(root)];
        let linked = resolve(&root.join(folder));
        if !roots.iter().any(|r| linked.starts_with(r)) {
            roots.push(linked);
        }
        Boundary { roots }
    }

    /// Whether the file or folder at `path`, which exists, may be read.
    /// Only links need this question asked: a path without links inside
    /// an admitted folder stays there.
    pub fn admits(&self, path: &Path) -> Result<(), Refusal> {
        let real = path.canonicalize().map_err(|_| Refusal::Dangling)?;
        if self.roots.iter().any(|r| real.starts_with(r)) {
            Ok(())
        } else {
            Err(Refusal::Outside)
        }
    }
}

impl Boundary {
    /// Whether `path`, which need not exist yet, lies inside an admitted
    /// folder once resolved: asked before creating files and folders.
    pub fn contains(&self, path: &Path) -> bool {
        let real = resolve(path);
        self.roots.iter().any(|r| real.starts_with(r))
    }
}

/// Create the file `path` holding `bytes`, failing with
/// [`io::ErrorKind::AlreadyExists`] when anything is there already: a
/// file, a folder or a link, even one that leads nowhere (`O_EXCL` never
/// follows a link). For `init` and `new`, which never overwrite.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

/// Whether a path names a symbolic link (not followed).
pub fn is_link(path: &Path) -> bool {
    path.symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
}

/// Write `bytes` to `path` by writing a new file beside it and renaming it
/// over `path`. A link at `path` is replaced by the file, never written
/// through; a file keeps its mode; a reader sees the old file or the new
/// one, never half of one.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    // A name of our own beside the target: `create_new` refuses anything
    // already there (a planted link included), so try the next one.
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.evident-{}-{attempt}", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(FileError::new("write", path, e)),
        }
    };
    // The replacement keeps the mode of the file it replaces (a finding
    // kept readable by its owner alone stays so), set before a byte is
    // written. A link replaced, or a new file, gets the usual mode. Not on
    // Windows, where the one flag (read-only) would stop the rename and
    // access is inherited from the folder.
    #[cfg(unix)]
    let written = match path.symlink_metadata() {
        Ok(meta) if meta.is_file() => file.set_permissions(meta.permissions()),
        _ => Ok(()),
    };
    #[cfg(not(unix))]
    let written = Ok(());
    let written = written
        .and_then(|()| file.write_all(bytes))
        .and_then(|()| file.flush());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(FileError::new("write", path, e));
    }
    Ok(())
}

/// Swap the folders `a` and `b` (both existing) in one step, where the
/// system can: on Linux with `renameat2(RENAME_EXCHANGE)` (Linux 3.15 and
/// later, on the local file systems that support it), so a reader of
/// either path sees the old folder or the new, never neither. `Ok(false)`
/// when the system or the file system cannot (another OS; a network file
/// system such as CIFS or NFS answers `EINVAL`): nothing has moved, and
/// the caller falls back to two renames.
pub fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| {
            CString::new(p.as_os_str().as_bytes())
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path holds a NUL byte"))
        };
        let (a, b) = (c(a)?, c(b)?);
        // SAFETY: both arguments are NUL-terminated paths that live to the
        // end of the call; the directory descriptors are AT_FDCWD. The
        // system call is made directly because glibc added its wrapper
        // only in 2.28 and musl later still.
        let done = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if done == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
            _ => Err(e),
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_path_is_replaced_and_its_target_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "keep me").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        replace_file(&link, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        assert!(!is_link(&link));
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "new");
        // A dangling link: replaced too, nothing created where it pointed.
        let nowhere = dir.path().join("nowhere.txt");
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
        replace_file(&dangling, b"x").unwrap();
        assert!(!nowhere.exists());
        // No temporary file is left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains(".evident-")), "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn the_boundary_admits_the_project_and_a_linked_content_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        let synced = dir.path().join("synced");
        std::fs::create_dir_all(project.join("themes")).unwrap();
        std::fs::create_dir_all(&synced).unwrap();
        std::fs::write(synced.join("a.md"), "x").unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        std::os::unix::fs::symlink(&synced, project.join("content")).unwrap();
        let content = Boundary::new(&project, "content");
        assert_eq!(content.admits(&project.join("content/a.md")), Ok(()));
        assert_eq!(
            content.admits(&dir.path().join("secret")),
            Err(Refusal::Outside)
        );
        assert_eq!(
            content.admits(&project.join("content/missing")),
            Err(Refusal::Dangling)
        );
        // The themes' boundary does not admit the content's synced folder.
        let themes = Boundary::new(&project, "themes");
        assert_eq!(themes.admits(&synced.join("a.md")), Err(Refusal::Outside));
    }

    #[test]
    fn exchange_swaps_two_folders_or_moves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("from-a"), "a").unwrap();
        std::fs::write(b.join("from-b"), "b").unwrap();
        if exchange(&a, &b).unwrap() {
            assert!(a.join("from-b").exists() && b.join("from-a").exists());
        } else {
            assert!(a.join("from-a").exists() && b.join("from-b").exists());
        }
        // Where the system can exchange, a missing folder is its error.
        #[cfg(target_os = "linux")]
        assert!(exchange(&a, &dir.path().join("missing")).is_err());
    }

    #[test]
    fn resolve_applies_dots_past_what_exists() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(resolve(&dir.path().join("a/../b/./c")), real.join("b/c"));
        assert!(inside(&dir.path().join("x/y"), dir.path()));
        assert!(!inside(&dir.path().join("../elsewhere"), dir.path()));
    }
}
