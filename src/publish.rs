//! Publishing to a folder on a share (`evident publish DEST`): the
//! destination, the versions kept beside it, and the switch from one
//! publication to the next. Part of the write stage: the command builds
//! the site into a staging folder beside `DEST` with the pipeline, and this
//! module decides whether `DEST` may be replaced and replaces it.
//!
//! - `DEST` is Evident's only when it holds the marker file
//!   `.evident-published`, which names the version, the edition, the
//!   publication's number (1, 2, 3… across the versions kept) and every
//!   version published there before it. Any other
//!   folder, even an empty one, is refused: publishing replaces the folder
//!   as a whole, so one made by someone else (with permissions of its own)
//!   would be lost.
//! - The new site is built into `.DEST.publish-<pid>` beside `DEST`, its
//!   marker written last, and then swapped for `DEST` in one step where the
//!   system can ([`files::exchange`]), else with two renames a few
//!   microseconds apart. The previous publication becomes
//!   `DEST.v<version>`; the oldest beyond `--keep` are removed (renamed
//!   out of the way first, so a half-deleted one is never left under a
//!   version's name).
//! - A publish that is killed leaves `DEST` as it was or as it became,
//!   never a mix, and may leave a staging folder: the next publish reads
//!   each one's marker, keeps a finished earlier publication as its
//!   version, and removes the rest ([`Destination::lock`]).
//! - One publish at a time: each holds the system's lock on the file
//!   `.DEST.lock` beside `DEST` (kept there, as Cargo keeps its lock
//!   files, since removing a lock file lets two publishes each lock a
//!   different one) from before it tidies what an earlier publish left to
//!   after the versions are pruned. A second publish to the same `DEST`,
//!   from this machine or another on the share, is refused before it
//!   touches anything; the lock goes with the process, so one killed
//!   leaves none behind to clear by hand. Where the file system offers no
//!   locks the publish goes ahead with a warning ([`Lock::Unavailable`]).
//! - A version is published once: a version already at `DEST`, kept
//!   beside it, or published there before (the marker's `earlier:` lines)
//!   is refused, so a number in a response sheet or an archive always
//!   names one text. The edition at `DEST` cannot change (the full
//!   edition never lands where the public one was read).

use crate::files::{self, FileError};
use crate::model::Edition;
use crate::site::write::{self, Clash};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a publication of Evident's.
pub const MARKER: &str = ".evident-published";

/// The marker's first line; the rest is `key: value` lines.
const MARKER_HEAD: &str = "This folder was published by Evident; `evident publish` replaces it and keeps it beside it as its version.";

/// What a publication's marker records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    /// The report's `version`.
    pub version: String,
    /// The edition published.
    pub edition: Edition,
    /// Its place in the order of publications to this destination, from 1.
    pub number: u64,
    /// Every version published to this destination before it, oldest
    /// first: kept copies are pruned (`--keep`), and a version is still
    /// published once after its copy is gone.
    pub earlier: Vec<String>,
}

impl Publication {
    /// The marker file's text.
    pub fn marker_text(&self) -> String {
        let mut text = format!(
            "{MARKER_HEAD}\nversion: {}\nedition: {}\npublication: {}\n",
            self.version,
            edition_name(self.edition),
            self.number
        );
        for version in &self.earlier {
            text.push_str(&format!("earlier: {version}\n"));
        }
        text
    }

    /// The publication `dir` holds: its marker (a file, not a link) read,
    /// or `None` when it has none or one Evident did not write.
    pub fn read(dir: &Path) -> Option<Publication> {
        let marker = dir.join(MARKER);
        if !marker.symlink_metadata().is_ok_and(|m| m.is_file()) {
            return None;
        }
        let text = fs::read_to_string(&marker).ok()?;
        let mut lines = text.lines();
        if lines.next() != Some(MARKER_HEAD) {
            return None;
        }
        let (mut version, mut edition, mut number) = (None, None, None);
        let mut earlier = Vec::new();
        for line in lines {
            match line.split_once(": ") {
                Some(("version", v)) if !v.is_empty() => version = Some(v.to_string()),
                Some(("earlier", v)) if !v.is_empty() => earlier.push(v.to_string()),
                Some(("edition", "full")) => edition = Some(Edition::Full),
                Some(("edition", "public")) => edition = Some(Edition::Public),
                Some(("publication", n)) => number = n.parse().ok(),
                _ => return None,
            }
        }
        Some(Publication {
            version: version?,
            edition: edition?,
            number: number?,
            earlier,
        })
    }
}

/// An edition as the marker and messages name it.
pub fn edition_name(edition: Edition) -> &'static str {
    match edition {
        Edition::Full => "full",
        Edition::Public => "public",
    }
}

/// Why a publish stopped before anything was replaced, or failed.
#[derive(Debug)]
pub enum PublishError {
    /// The destination is not Evident's to replace; the message says why
    /// and what to do.
    Refused(String),
    /// A file or folder could not be read, written or moved.
    Io(FileError),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::Refused(why) => f.write_str(why),
            PublishError::Io(e) => e.fmt(f),
        }
    }
}

fn io_err(action: &'static str, path: &Path, e: io::Error) -> PublishError {
    PublishError::Io(FileError::new(action, path, e))
}

/// A destination folder, what it holds and the versions kept beside it.
#[derive(Debug)]
pub struct Destination {
    /// `DEST`, absolute.
    pub dir: PathBuf,
    /// `DEST` as the reviewer typed it, for messages.
    pub shown: String,
    /// The folder that holds `DEST`, its versions and the archive.
    pub parent: PathBuf,
    /// `DEST`'s own name.
    name: String,
    /// The publication at `DEST`, if there is one.
    pub current: Option<Publication>,
    /// The earlier publications kept beside it, newest first.
    pub kept: Vec<(PathBuf, Publication)>,
    /// What was put right that an interrupted publish left, for the
    /// reviewer to read.
    pub recovered: Vec<String>,
    /// This publish's hold on `.DEST.lock`, from [`Destination::lock`]
    /// until the destination is dropped.
    pub lock: Option<Lock>,
}

/// A publish's hold on the lock file beside its destination.
#[derive(Debug)]
pub enum Lock {
    /// The lock is held (released when the file is closed).
    Held(fs::File),
    /// The file system would not lock the file (some network shares):
    /// nothing stops a second publish, and the reviewer is told so.
    Unavailable(io::Error),
}

impl Lock {
    /// The text written into a new lock file, for whoever finds it.
    const TEXT: &'static str = "`evident publish` locks this file while it publishes to the folder beside it, so that two publishes never run at once. It holds nothing else; it may be deleted while no publish is running.\n";

    /// Take the lock on `path` for the destination shown as `shown`, or
    /// refuse: another publish holds it, or `path` is not a plain file
    /// (a link planted there is never followed or written through).
    fn take(path: &Path, shown: &str) -> Result<Lock, PublishError> {
        let not_ours = || {
            PublishError::Refused(format!(
                "`{}` beside `{shown}` is not a plain file; `evident publish` keeps its lock there. Move it away and publish again",
                path.file_name().unwrap_or_default().to_string_lossy()
            ))
        };
        // A new file is created with create_new, which never follows a
        // link; an existing one is only read, never written.
        let file = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
        {
            Ok(mut file) => {
                use std::io::Write;
                file.write_all(Self::TEXT.as_bytes())
                    .map_err(|e| io_err("write", path, e))?;
                file
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if !path.symlink_metadata().is_ok_and(|m| m.is_file()) {
                    return Err(not_ours());
                }
                fs::File::open(path).map_err(|e| io_err("open", path, e))?
            }
            Err(e) => return Err(io_err("create", path, e)),
        };
        match file.try_lock() {
            Ok(()) => Ok(Lock::Held(file)),
            Err(fs::TryLockError::WouldBlock) => Err(PublishError::Refused(format!(
                "another `evident publish` to `{shown}` is under way (it holds the lock on `{}` beside it); nothing was changed. Publish again once it has finished",
                path.file_name().unwrap_or_default().to_string_lossy()
            ))),
            Err(fs::TryLockError::Error(e)) => Ok(Lock::Unavailable(e)),
        }
    }
}

impl Destination {
    /// Look at `requested` (from the current folder) as the destination of
    /// a publication of the project at `root`: refuse it if it would take
    /// the project with it, is a link, lies in a folder that does not
    /// exist, or exists without Evident's marker. Nothing is written:
    /// [`Destination::lock`] comes next, once the site is known to build.
    pub fn open(root: &Path, requested: &Path) -> Result<Destination, PublishError> {
        let shown = requested
            .strip_prefix(".")
            .unwrap_or(requested)
            .display()
            .to_string();
        let dir = files::absolute(requested);
        let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(PublishError::Refused(format!(
                "`{shown}` does not name a folder to publish to; give one such as `/srv/share/review-report`"
            )));
        };
        match write::clash(root, &dir) {
            Some(Clash::HoldsProject) => {
                return Err(PublishError::Refused(format!(
                    "the destination `{shown}` holds the project itself; publishing would replace the review. Choose a folder outside the project"
                )));
            }
            Some(Clash::Source(source)) => {
                return Err(PublishError::Refused(format!(
                    "the destination `{shown}` is, holds or lies inside the project's `{source}/`; Evident never writes there. Choose a folder outside the project"
                )));
            }
            None => {}
        }
        // Inside a site that is replaced whole (a publication, or a
        // build's output folder), a publication would be lost with it.
        if let Some(within) = dir.ancestors().skip(1).find(|a| {
            [MARKER, write::MARKER]
                .iter()
                .any(|m| a.join(m).symlink_metadata().is_ok_and(|m| m.is_file()))
        }) {
            // Named as the reviewer typed it where it can be.
            let depth = dir.components().count() - within.components().count();
            let typed = Path::new(&shown)
                .ancestors()
                .nth(depth)
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(within);
            return Err(PublishError::Refused(format!(
                "the destination `{shown}` lies inside `{}`, a site Evident replaces whole when it publishes or builds there again, and this publication would go with it. Choose a folder beside it instead",
                typed.display()
            )));
        }
        let parent = dir.parent().map(Path::to_path_buf).unwrap_or_default();
        if !parent.is_dir() {
            return Err(PublishError::Refused(format!(
                "the folder `{}` that would hold `{shown}` does not exist; check the path, or create that folder first (Evident creates `{name}` itself)",
                parent.display()
            )));
        }
        let current = read_current(&dir, &shown, &name)?;
        Ok(Destination {
            dir,
            shown,
            parent,
            name,
            current,
            kept: Vec::new(),
            recovered: Vec::new(),
            lock: None,
        })
    }

    /// Take the lock on `.DEST.lock` (refused while another publish holds
    /// it), then read `DEST` again (another publish may have replaced it
    /// since [`Destination::open`]), read the versions kept, and tidy what
    /// an interrupted publish left beside it. Locked first, so a staging
    /// folder found here is never one a running publish is writing.
    pub fn lock(&mut self) -> Result<(), PublishError> {
        let lock = Lock::take(
            &self.parent.join(format!(".{}.lock", self.name)),
            &self.shown,
        )?;
        self.lock = Some(lock);
        self.current = read_current(&self.dir, &self.shown, &self.name)?;
        self.read_kept()?;
        self.recover()
    }

    /// The name of a kept version: `DEST.v<version>`.
    pub fn kept_path(&self, version: &str) -> PathBuf {
        self.parent.join(format!("{}.v{version}", self.name))
    }

    /// A path in `DEST`'s folder as messages show it: beside `DEST` as the
    /// reviewer typed it.
    pub fn show(&self, path: &Path) -> String {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        match Path::new(&self.shown).parent() {
            Some(p) if !p.as_os_str().is_empty() => p.join(&*file).display().to_string(),
            _ => file.into_owned(),
        }
    }

    /// The staging folder this process builds into.
    pub fn staging(&self) -> PathBuf {
        self.parent
            .join(format!(".{}.publish-{}", self.name, std::process::id()))
    }

    /// The versions published here before the next publication, oldest
    /// first: those the publication at `DEST` records, and itself.
    pub fn earlier_versions(&self) -> Vec<String> {
        match &self.current {
            Some(current) => {
                let mut earlier = current.earlier.clone();
                earlier.push(current.version.clone());
                earlier
            }
            None => Vec::new(),
        }
    }

    /// The next publication's number.
    pub fn next_number(&self) -> u64 {
        self.current
            .iter()
            .chain(self.kept.iter().map(|(_, p)| p))
            .map(|p| p.number)
            .max()
            .unwrap_or(0)
            + 1
    }

    /// Why `version` of `edition` may not be published here, if it may not:
    /// the version is published already (at `DEST` or kept), the edition
    /// at `DEST` is the other one, or a folder not Evident's sits where the
    /// publication at `DEST` would be kept.
    pub fn refusal(&self, version: &str, edition: Edition) -> Option<Refusal> {
        if let Some(current) = &self.current {
            if current.edition != edition {
                return Some(Refusal::OtherEdition(current.edition));
            }
            if current.version == version {
                return Some(Refusal::Published(self.shown.clone()));
            }
            let aside = self.kept_path(&current.version);
            if aside.symlink_metadata().is_ok() && Publication::read(&aside).is_none() {
                return Some(Refusal::Occupied(self.show(&aside)));
            }
        }
        if let Some(at) = self
            .kept
            .iter()
            .find(|(_, p)| p.version == version)
            .map(|(path, _)| Refusal::Published(self.show(path)))
        {
            return Some(at);
        }
        self.current
            .as_ref()
            .is_some_and(|c| c.earlier.iter().any(|v| v == version))
            .then(|| Refusal::PublishedBefore(self.shown.clone()))
    }

    /// Swap the finished site in `staged` (its marker written) for `DEST`,
    /// keeping the publication that was there as its version. Returns the
    /// path it was kept at, if there was one.
    pub fn switch(&mut self, staged: &Path) -> Result<Option<PathBuf>, PublishError> {
        let Some(current) = self.current.clone() else {
            fs::rename(staged, &self.dir).map_err(|e| io_err("move into place", &self.dir, e))?;
            return Ok(None);
        };
        let aside = self.kept_path(&current.version);
        // Only an earlier copy of the same version can be there (a
        // publication put right after an interruption): the newer wins.
        if aside.symlink_metadata().is_ok() {
            self.remove(&aside)?;
        }
        if files::exchange(staged, &self.dir).map_err(|e| io_err("replace", &self.dir, e))? {
            // `DEST` is the new site; the old one is where it was built.
            fs::rename(staged, &aside).map_err(|e| io_err("keep", &aside, e))?;
        } else {
            fs::rename(&self.dir, &aside).map_err(|e| io_err("keep", &self.dir, e))?;
            if let Err(e) = fs::rename(staged, &self.dir) {
                let _ = fs::rename(&aside, &self.dir);
                return Err(io_err("move into place", &self.dir, e));
            }
        }
        self.kept.insert(0, (aside.clone(), current));
        Ok(Some(aside))
    }

    /// Remove the kept versions beyond the newest `keep`; returns the
    /// paths removed.
    pub fn prune(&mut self, keep: usize) -> Result<Vec<PathBuf>, PublishError> {
        let mut removed = Vec::new();
        while self.kept.len() > keep {
            let (path, _) = self.kept.pop().expect("more than `keep` kept");
            self.remove(&path)?;
            removed.push(path);
        }
        Ok(removed)
    }

    /// Remove a folder of ours: renamed out of the way first, so that if
    /// the removal is cut short what is left has a staging name the next
    /// publish removes, not a version's name.
    fn remove(&self, path: &Path) -> Result<(), PublishError> {
        let doomed = self
            .parent
            .join(format!(".{}.remove-{}", self.name, std::process::id()));
        let _ = fs::remove_dir_all(&doomed);
        fs::rename(path, &doomed).map_err(|e| io_err("remove", path, e))?;
        fs::remove_dir_all(&doomed).map_err(|e| io_err("remove", &doomed, e))
    }

    /// Read the versions kept beside `DEST`: folders named `DEST.v…` that
    /// hold Evident's marker, newest first.
    fn read_kept(&mut self) -> Result<(), PublishError> {
        let prefix = format!("{}.v", self.name);
        let entries = fs::read_dir(&self.parent).map_err(|e| io_err("read", &self.parent, e))?;
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if !file_name.starts_with(&prefix) || entry.file_type().is_ok_and(|t| t.is_symlink()) {
                continue;
            }
            if let Some(publication) = Publication::read(&entry.path())
                && file_name[prefix.len()..] == publication.version
            {
                self.kept.push((entry.path(), publication));
            }
        }
        self.kept.sort_by_key(|k| std::cmp::Reverse(k.1.number));
        Ok(())
    }

    /// Put right what an interrupted publish left beside `DEST`: a staging
    /// folder holding a finished publication older than the one at `DEST`
    /// (cut off after the swap, before it was renamed) is kept as its
    /// version; every other staging or removal folder, and any half-written
    /// archive, is removed.
    fn recover(&mut self) -> Result<(), PublishError> {
        let staging = format!(".{}.publish-", self.name);
        let removing = format!(".{}.remove-", self.name);
        let entries = fs::read_dir(&self.parent).map_err(|e| io_err("read", &self.parent, e))?;
        let mut left: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with(&staging)
                    || n.starts_with(&removing)
                    || (n.starts_with(".report-") && n.contains(".zip.tmp-"))
            })
            .map(|e| e.path())
            .collect();
        left.sort();
        for path in left {
            let is_link_or_file = path.symlink_metadata().is_ok_and(|m| !m.is_dir());
            if is_link_or_file {
                fs::remove_file(&path).map_err(|e| io_err("remove", &path, e))?;
                continue;
            }
            let is_staging = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&staging));
            let earlier = Publication::read(&path).filter(|p| {
                is_staging
                    && self
                        .current
                        .as_ref()
                        .is_some_and(|c| p.number < c.number && p.version != c.version)
                    && !self.kept.iter().any(|(_, k)| k.version == p.version)
            });
            if let Some(publication) = earlier {
                let aside = self.kept_path(&publication.version);
                if aside.symlink_metadata().is_err() {
                    fs::rename(&path, &aside).map_err(|e| io_err("keep", &aside, e))?;
                    self.recovered.push(format!(
                        "kept version {} as `{}`: an interrupted publish had left it as `{}`",
                        publication.version,
                        self.show(&aside),
                        self.show(&path)
                    ));
                    self.kept.push((aside, publication));
                    self.kept.sort_by_key(|k| std::cmp::Reverse(k.1.number));
                    continue;
                }
            }
            fs::remove_dir_all(&path).map_err(|e| io_err("remove", &path, e))?;
            self.recovered.push(format!(
                "removed `{}`, left by an interrupted publish",
                self.show(&path)
            ));
        }
        Ok(())
    }
}

/// Why a version may not be published to a destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The version is already published: at `DEST` or kept (as shown).
    Published(String),
    /// The version was published to `DEST` (as shown) before, and its kept
    /// copy has since been removed.
    PublishedBefore(String),
    /// `DEST` holds the other edition.
    OtherEdition(Edition),
    /// A folder that is not Evident's sits where the publication at `DEST`
    /// would be kept (as shown).
    Occupied(String),
}

/// The publication at `dir` (the destination shown as `shown`, named
/// `name`), `None` if there is nothing there; refused if it is a link or
/// not Evident's.
fn read_current(dir: &Path, shown: &str, name: &str) -> Result<Option<Publication>, PublishError> {
    match dir.symlink_metadata() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err("read", dir, e)),
        Ok(meta) if meta.file_type().is_symlink() => Err(PublishError::Refused(format!(
            "the destination `{shown}` is a link; publishing replaces the folder itself, so give the folder the link leads to"
        ))),
        Ok(meta) => match Publication::read(dir).filter(|_| meta.is_dir()) {
            Some(publication) => Ok(Some(publication)),
            None => Err(foreign(shown, name)),
        },
    }
}

fn foreign(shown: &str, name: &str) -> PublishError {
    PublishError::Refused(format!(
        "`{shown}` exists and was not published by Evident (it has no `{MARKER}` file written by `evident publish`); refusing to replace it. Give a destination that does not exist yet (Evident creates it), such as `{name}-report`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_reads_back_and_nothing_else_passes_for_one() {
        let dir = tempfile::tempdir().unwrap();
        let publication = Publication {
            version: "1.0-rc.2".into(),
            edition: Edition::Public,
            number: 12,
            earlier: vec!["0.9".into(), "1.0-rc.1".into()],
        };
        fs::write(dir.path().join(MARKER), publication.marker_text()).unwrap();
        assert_eq!(Publication::read(dir.path()), Some(publication.clone()));
        for text in [
            String::new(),
            "version: 1.0\nedition: full\npublication: 1\n".to_string(),
            publication
                .marker_text()
                .replace("publication: 12", "publication: x"),
            publication.marker_text() + "owner: someone\n",
        ] {
            fs::write(dir.path().join(MARKER), text).unwrap();
            assert_eq!(Publication::read(dir.path()), None);
        }
    }
}
