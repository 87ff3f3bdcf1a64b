//! Finding the review project a command works on, before the pipeline
//! starts: the folder `--root` names, or else the nearest folder, from the
//! current one upwards, that holds `content/report.yaml`, as Cargo looks
//! for `Cargo.toml` (`util::important_paths::find_root_manifest_for_wd`
//! tries every ancestor of the working folder in turn) and Git for `.git`.
//! So `evident check` typed in `content/findings/` checks the review it is
//! in. The walk goes up to the root of the file system: Git stops at a
//! change of file system unless told not to (libgit2's
//! `git_repository_discover`, `across_fs`), but a review's folders are
//! one project wherever they are mounted, and a folder with no project
//! above it costs one look per level.
//!
//! The root found above is kept as a path relative to the current folder
//! (`..`, `../..`), so every message names paths the way the reviewer
//! would type them from where they are (`built … into ../../output`).

use crate::files;
use std::fmt;
use std::path::{Path, PathBuf};

/// What marks a folder as a review project's root.
pub const MARKER: &str = "content/report.yaml";

/// The folders of a project that hold what a build reads, and that no
/// other project may be made in.
pub const SOURCE_FOLDERS: [&str; 2] = ["content", "themes"];

/// Where the project a command works on was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// `--root` named it: used as given.
    Given(PathBuf),
    /// The current folder is the project's root.
    Here,
    /// A folder above the current one.
    Above {
        /// The project's folder, absolute.
        at: PathBuf,
        /// The root as the commands use it: `..` once for each level up,
        /// or `at` when the current folder was reached through a link
        /// (where `..` leads elsewhere).
        root: PathBuf,
    },
}

impl Found {
    /// The root as the commands use it: as given, `.`, or `..` once for
    /// each level up.
    pub fn root(&self) -> PathBuf {
        match self {
            Found::Given(root) => root.clone(),
            Found::Here => PathBuf::from("."),
            Found::Above { root, .. } => root.clone(),
        }
    }

    /// What to say on standard error about the root: only when it is not
    /// the current folder and was not given, as that is the one a
    /// reviewer may not expect.
    pub fn note(&self) -> Option<String> {
        match self {
            Found::Above { at, .. } => Some(format!(
                "note: using the review project in `{}`",
                at.display()
            )),
            Found::Given(_) | Found::Here => None,
        }
    }
}

/// No folder from the current one upwards holds a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFound {
    /// None of `from` and the folders above it holds [`MARKER`].
    Nowhere {
        /// The folder the search started in, absolute.
        from: PathBuf,
    },
    /// The current folder cannot be known (it was deleted, say).
    NoCurrentFolder(String),
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotFound::Nowhere { from } => write!(
                f,
                "no review project here: looked for `{MARKER}` in `{}` and in every folder above it. Run `evident init` to start a project, or pass --root with the folder that holds `content/`",
                from.display()
            ),
            NotFound::NoCurrentFolder(e) => write!(
                f,
                "cannot read the current folder ({e}); pass --root with the folder that holds `content/`"
            ),
        }
    }
}

/// The project a command works on: `given` (from `--root`) if any, else
/// the nearest folder from the current one upwards that holds
/// [`MARKER`].
pub fn find(given: Option<PathBuf>) -> Result<Found, NotFound> {
    if let Some(root) = given {
        return Ok(Found::Given(root));
    }
    let physical = std::env::current_dir().map_err(|e| NotFound::NoCurrentFolder(e.to_string()))?;
    // The folder as the reviewer reached it first, then as the system
    // names it.
    if let Some(logical) = logical(&physical)
        && let Some(found) = find_from(&logical, false)
    {
        return Ok(found);
    }
    find_from(&physical, true).ok_or(NotFound::Nowhere { from: physical })
}

/// The current folder as the reviewer reached it: the shell's `PWD`, when
/// it names the current folder (through a link, perhaps), else the
/// system's name for it, with every link resolved. The project's
/// `content/` may be a link to a synced folder, and `cd content` through
/// it leaves the system's name for the folder outside the project. POSIX
/// `pwd -L` trusts `PWD` on the same terms: an absolute path without `..`
/// that leads to the current folder.
pub fn current_folder() -> std::io::Result<PathBuf> {
    let physical = std::env::current_dir()?;
    Ok(logical(&physical).unwrap_or(physical))
}

/// `PWD`, when it names the folder `physical` and differs from it.
fn logical(physical: &Path) -> Option<PathBuf> {
    let pwd = PathBuf::from(std::env::var_os("PWD")?);
    let plain = pwd.is_absolute()
        && !pwd
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if !plain || pwd == physical {
        return None;
    }
    let same = pwd.canonicalize().ok()? == physical.canonicalize().ok()?;
    same.then_some(pwd)
}

/// The nearest folder from `start` (absolute) upwards that holds
/// [`MARKER`]. `up_by_parents`: `start` is the system's own name for the
/// current folder, so `..` from it leads up the same way.
pub fn find_from(start: &Path, up_by_parents: bool) -> Option<Found> {
    start
        .ancestors()
        .enumerate()
        .find(|(_, folder)| folder.join(MARKER).is_file())
        .map(|(up, at)| match up {
            0 => Found::Here,
            _ => Found::Above {
                at: at.to_path_buf(),
                root: if up_by_parents {
                    (0..up).map(|_| "..").collect()
                } else {
                    at.to_path_buf()
                },
            },
        })
}

/// The project whose `content/` or `themes/` holds `path` (or is it), if
/// any: its root and which of the two folders. The path need not exist.
/// It is looked at as the system resolves it (links followed, as
/// [`files::resolve`] does) and as the reviewer reached it from
/// [`current_folder`]: inside a `content/` linked to a synced folder, the
/// first leads outside the project.
pub fn enclosing(path: &Path) -> Option<(PathBuf, &'static str)> {
    let written = current_folder().ok().map(|here| lexical(&here.join(path)));
    [Some(files::resolve(path)), written]
        .into_iter()
        .flatten()
        .find_map(|path| {
            path.ancestors().skip(1).find_map(|folder| {
                if !folder.join(MARKER).is_file() {
                    return None;
                }
                SOURCE_FOLDERS
                    .into_iter()
                    .find(|source| {
                        let inside = folder.join(source);
                        path.starts_with(&inside) || path.starts_with(files::resolve(&inside))
                    })
                    .map(|source| (folder.to_path_buf(), source))
            })
        })
}

/// `path` as a reviewer in `cwd` would type it: relative to `cwd` when
/// `cwd` is inside the project at `root` (`../cases/C19.yaml` from
/// `content/findings/`), else as `root` was written, joined to the path
/// (`../review/content/…`, or absolute if the root was), without a
/// leading `./`.
pub fn shown(root: &Path, rel: &str, cwd: &Path) -> String {
    // Compared as written, `..` taken off lexically: `cwd` is the folder
    // as the reviewer reached it ([`current_folder`]), and a root found
    // above it is written from it. A relative root is from `cwd` (`join`
    // keeps an absolute one).
    let project = lexical(&cwd.join(root));
    let here = lexical(cwd);
    if here.starts_with(&project) {
        // Up to the folder `cwd` shares with the file, then down: never
        // above the project, which holds both.
        let target = project.join(rel);
        let common = here
            .components()
            .zip(target.components())
            .take_while(|(a, b)| a == b)
            .count();
        let mut path: PathBuf = (common..here.components().count()).map(|_| "..").collect();
        path.extend(target.components().skip(common));
        return generic(&path);
    }
    let joined = root.join(rel);
    joined
        .strip_prefix(".")
        .unwrap_or(&joined)
        .display()
        .to_string()
}

/// `path` with `.` dropped and each `..` taking off the part before it.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A relative path with `/` between its parts on every system, as
/// messages and tests write them.
fn generic(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("review/content/findings/assessment")).unwrap();
        std::fs::create_dir_all(dir.path().join("review/themes/house")).unwrap();
        std::fs::write(dir.path().join("review/content/report.yaml"), "title: T\n").unwrap();
        dir
    }

    #[test]
    fn the_nearest_folder_holding_the_marker_is_found() {
        let dir = project();
        let review = dir.path().join("review");
        assert_eq!(find_from(&review, true), Some(Found::Here));
        let deep = review.join("content/findings/assessment");
        let found = find_from(&deep, true).unwrap();
        assert_eq!(
            found,
            Found::Above {
                at: review.clone(),
                root: PathBuf::from("../../.."),
            }
        );
        assert_eq!(found.root(), PathBuf::from("../../.."));
        // Reached through a link, `..` would lead elsewhere: the root is
        // named whole.
        assert_eq!(find_from(&deep, false).unwrap().root(), review);
        assert_eq!(find_from(dir.path(), true), None);
    }

    #[test]
    fn a_folder_with_content_but_no_report_is_passed_over() {
        let dir = project();
        let inner = dir.path().join("review/drafts");
        std::fs::create_dir_all(inner.join("content")).unwrap();
        assert_eq!(
            find_from(&inner, true),
            Some(Found::Above {
                at: dir.path().join("review"),
                root: PathBuf::from(".."),
            })
        );
    }

    #[test]
    fn only_content_and_themes_are_another_projects() {
        let dir = project();
        let review = files::resolve(&dir.path().join("review"));
        assert_eq!(
            enclosing(&dir.path().join("review/content/findings/new")),
            Some((review.clone(), "content"))
        );
        assert_eq!(
            enclosing(&dir.path().join("review/content")),
            Some((review.clone(), "content"))
        );
        assert_eq!(
            enclosing(&dir.path().join("review/themes/house")),
            Some((review.clone(), "themes"))
        );
        assert_eq!(enclosing(&dir.path().join("review/content/../other")), None);
        assert_eq!(enclosing(&dir.path().join("review/notes")), None);
        assert_eq!(enclosing(&dir.path().join("review")), None);
    }

    #[test]
    fn paths_are_shown_from_where_the_reviewer_is() {
        let dir = project();
        let review = dir.path().join("review");
        let findings = review.join("content/findings");
        let rel = "content/findings/x.md";
        assert_eq!(shown(Path::new("."), rel, &review), "content/findings/x.md");
        assert_eq!(
            shown(Path::new(".."), rel, &review.join("content")),
            "findings/x.md"
        );
        assert_eq!(shown(Path::new("../.."), rel, &findings), "x.md");
        assert_eq!(
            shown(Path::new("../.."), "content/cases/C1.yaml", &findings),
            "../cases/C1.yaml"
        );
        // From outside the project: as the root was written.
        assert_eq!(
            shown(Path::new("review"), rel, dir.path()),
            "review/content/findings/x.md"
        );
    }
}
