//! Watching the project for edits: `content/` and `themes/`, recursively,
//! through notify's debouncer, so that a save by "write a temporary file,
//! rename it over the original" arrives as one batch (Zola #2266, #1069).
//!
//! Event kinds are not interpreted: any batch that touches a file Evident
//! reads means "rebuild". Editor temporaries are ignored, the output folder
//! is never watched, and a `content/` or `themes/` folder that is deleted
//! and made again is watched again. When the system runs out of inotify
//! watches, the watcher says how to raise the limit and polls instead.

use notify_debouncer_full::notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{
    self, ErrorKind, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode,
};
use notify_debouncer_full::{
    DebounceEventHandler, DebounceEventResult, DebouncedEvent, Debouncer, FileIdMap, NoCache,
    new_debouncer_opt,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// How long the debouncer waits for more events before reporting a batch:
/// long enough to join an editor's write-temporary-then-rename save into
/// one batch, short enough not to be felt.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// How often the debouncer looks for a batch that has gone quiet.
const TICK: Duration = Duration::from_millis(10);
/// How often `--poll` (and the fallback) looks at every file.
pub const POLL_INTERVAL: Duration = Duration::from_millis(400);

/// The folders under the project root that hold what a build reads.
const WATCHED: [&str; 2] = ["content", "themes"];

/// Whether a file name is an editor's temporary or backup file, never
/// content: Vim's `4913` probe, swap files and backups, Emacs lock and
/// autosave files, GNOME's `.goutputstream-*`, JetBrains' safe-write files
/// and any `*.tmp`.
pub fn is_editor_temporary(name: &str) -> bool {
    name == "4913"
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".tmp")
        || name.starts_with(".goutputstream-")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

/// The project-relative path (with `/`) of an event's path when it is one
/// a rebuild should react to: inside `content/` or `themes/` (or one of
/// those folders itself), and not an editor temporary.
pub fn relevant(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let top = parts.next()?;
    if !WATCHED.contains(&top.as_ref()) {
        return None;
    }
    let name = rel.file_name()?.to_string_lossy();
    if is_editor_temporary(&name) {
        return None;
    }
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Whether an event kind can mean new content. Reading a file is an event
/// too (inotify reports opens and closes), and the build reads every file:
/// counting those would rebuild for ever. Everything else counts, whatever
/// its kind, since editors save in many different ways.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// The project-relative paths a batch of events edited: events that
/// change content, on relevant paths.
fn edited<'a>(root: &'a Path, events: &'a [DebouncedEvent]) -> impl Iterator<Item = String> + 'a {
    events
        .iter()
        .filter(|e| changes_content(&e.event.kind))
        .flat_map(|e| e.paths.iter())
        .filter_map(move |p| relevant(root, p))
}

/// A change the watcher reports: the project-relative paths of one batch,
/// sorted and without repeats.
pub type Batch = Vec<String>;

enum Backend {
    Native(Debouncer<RecommendedWatcher, FileIdMap>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// The project watcher. Batches arrive on [`ProjectWatcher::next`].
pub struct ProjectWatcher {
    root: PathBuf,
    backend: Backend,
    events: Receiver<DebounceEventResult>,
    sender: Forward,
    /// Which of `content/` and `themes/` are being watched.
    armed: Vec<PathBuf>,
}

/// Hands each batch to [`ProjectWatcher::next`] and raises a flag when it
/// may hold an edit, so that long work can stop early when there is
/// something to read. (The build's own reads come back as batches of
/// opens: they must not stop it.)
#[derive(Clone)]
struct Forward {
    tx: Sender<DebounceEventResult>,
    arrived: Arc<AtomicBool>,
    root: PathBuf,
}

impl DebounceEventHandler for Forward {
    fn handle_event(&mut self, event: DebounceEventResult) {
        let edit = match &event {
            Ok(events) => edited(&self.root, events).next().is_some(),
            // A lost watch is acted on by `next`.
            Err(_) => true,
        };
        // Sent first: whoever sees the flag finds the batch.
        let _ = self.tx.send(event);
        if edit {
            self.arrived.store(true, Ordering::SeqCst);
        }
    }
}

fn native(tx: Forward) -> notify::Result<Backend> {
    new_debouncer_opt(
        DEBOUNCE,
        Some(TICK),
        tx,
        FileIdMap::new(),
        notify::Config::default(),
    )
    .map(Backend::Native)
}

fn polling(tx: Forward) -> notify::Result<Backend> {
    // notify's poller keeps modification times in whole seconds, so two
    // saves within one second would look like one: compare the files'
    // contents as well (cheap for the few megabytes a review is).
    let config = notify::Config::default()
        .with_poll_interval(POLL_INTERVAL)
        .with_compare_contents(true);
    new_debouncer_opt(DEBOUNCE, Some(TICK), tx, NoCache, config).map(Backend::Poll)
}

fn watch_limit_help() -> String {
    "the system's limit on watched folders is reached. Evident polls for changes instead, which is slower. \
To watch natively, raise the limit: `sudo sysctl fs.inotify.max_user_watches=524288` \
(and add `fs.inotify.max_user_watches=524288` to a file in /etc/sysctl.d/ to keep it)"
        .to_string()
}

impl ProjectWatcher {
    /// Watch `root`'s `content/` and `themes/`. With `poll`, or when the
    /// system cannot watch natively, poll instead. `root` is absolute and
    /// canonical (the preview makes it so once, at its start): the native
    /// watchers report absolute paths, which [`relevant`] compares with it.
    pub fn new(root: &Path, poll: bool) -> Result<ProjectWatcher, String> {
        debug_assert!(root.is_absolute(), "{}", root.display());
        let (tx, events) = channel();
        let sender = Forward {
            tx,
            arrived: Arc::new(AtomicBool::new(false)),
            root: root.to_path_buf(),
        };
        let backend = if poll {
            polling(sender.clone())
        } else {
            native(sender.clone()).or_else(|e| {
                log::warn!("native watching is not available ({e}); polling instead");
                polling(sender.clone())
            })
        }
        .map_err(|e| format!("cannot watch the project: {e}"))?;
        let mut w = ProjectWatcher {
            root: root.to_path_buf(),
            backend,
            events,
            sender,
            armed: Vec::new(),
        };
        w.arm()?;
        Ok(w)
    }

    /// A flag raised whenever a batch that may hold an edit arrives;
    /// whoever lowers it reads [`ProjectWatcher::next`] afterwards.
    pub fn arrived(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.sender.arrived)
    }

    /// Whether the watcher polls.
    pub fn polls(&self) -> bool {
        matches!(self.backend, Backend::Poll(_))
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) {
        let _ = match &mut self.backend {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        };
    }

    /// Watch the root itself (not recursively, so `output/` is never
    /// watched) and each of `content/` and `themes/` that exists. Watching
    /// the root is what notices `themes/` being created, or `content/`
    /// coming back after being deleted.
    fn arm(&mut self) -> Result<(), String> {
        let root = self.root.clone();
        if let Err(e) = self.watch(&root, RecursiveMode::NonRecursive) {
            return self.fall_back(e);
        }
        for name in WATCHED {
            let dir = root.join(name);
            if dir.is_dir() && !self.armed.contains(&dir) {
                match self.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => self.armed.push(dir),
                    Err(e) => return self.fall_back(e),
                }
            }
        }
        Ok(())
    }

    /// Out of native watches: poll from now on.
    fn fall_back(&mut self, e: notify::Error) -> Result<(), String> {
        if self.polls() || !matches!(e.kind, ErrorKind::MaxFilesWatch) {
            return Err(format!("cannot watch the project: {e}"));
        }
        eprintln!("warning: {}", watch_limit_help());
        self.backend =
            polling(self.sender.clone()).map_err(|e| format!("cannot watch the project: {e}"))?;
        self.armed.clear();
        self.arm()
    }

    /// The next batch of relevant changes, waiting at most `timeout`
    /// (`None`: until one comes). `Ok(None)` means the time ran out.
    pub fn next(&mut self, timeout: Option<Duration>) -> Result<Option<Batch>, String> {
        loop {
            let result = match timeout {
                Some(t) => match self.events.recv_timeout(t) {
                    Ok(r) => r,
                    Err(RecvTimeoutError::Timeout) => return Ok(None),
                    Err(RecvTimeoutError::Disconnected) => {
                        return Err("the file watcher stopped".into());
                    }
                },
                None => self
                    .events
                    .recv()
                    .map_err(|_| "the file watcher stopped".to_string())?,
            };
            let mut batch: Batch = Vec::new();
            let mut rearm = false;
            match result {
                Ok(events) => {
                    for rel in edited(&self.root, &events) {
                        // `content` or `themes` itself came or went.
                        rearm |= WATCHED.contains(&rel.as_str());
                        batch.push(rel);
                    }
                }
                Err(errors) => {
                    for e in errors {
                        if matches!(e.kind, ErrorKind::MaxFilesWatch) {
                            self.fall_back(e)?;
                            // Something may have been missed: rebuild.
                            batch.push("content".into());
                        } else {
                            log::warn!("file watcher: {e}");
                        }
                    }
                }
            }
            if rearm {
                for dir in std::mem::take(&mut self.armed) {
                    self.unwatch(&dir);
                }
                self.arm()?;
            }
            if !batch.is_empty() {
                batch.sort();
                batch.dedup();
                return Ok(Some(batch));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporaries_are_ignored() {
        for name in [
            "4913",
            ".finding.md.swp",
            ".finding.md.swx",
            "finding.md~",
            ".#finding.md",
            "#finding.md#",
            "finding.md.tmp",
            ".goutputstream-ABC123",
            "finding.md___jb_tmp___",
            "finding.md___jb_old___",
        ] {
            assert!(is_editor_temporary(name), "{name}");
        }
        for name in [
            "finding.md",
            "report.yaml",
            "style.css",
            "4913.md",
            "C-1.yaml",
        ] {
            assert!(!is_editor_temporary(name), "{name}");
        }
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        use notify::event::{AccessKind, CreateKind, RemoveKind, RenameMode};
        assert!(!changes_content(&EventKind::Access(AccessKind::Read)));
        assert!(!changes_content(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!changes_content(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::Folder),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)),
            EventKind::Any,
        ] {
            assert!(changes_content(&kind), "{kind:?}");
        }
    }

    #[test]
    fn only_content_and_themes_are_relevant() {
        let root = Path::new("/p");
        let rel = |p: &str| relevant(root, Path::new(p));
        assert_eq!(
            rel("/p/content/findings/a.md").as_deref(),
            Some("content/findings/a.md")
        );
        assert_eq!(
            rel("/p/themes/ours/static/x.css").as_deref(),
            Some("themes/ours/static/x.css")
        );
        assert_eq!(rel("/p/content").as_deref(), Some("content"));
        assert_eq!(rel("/p/output/index.html"), None);
        assert_eq!(rel("/p/.git/index"), None);
        assert_eq!(rel("/p/README.md"), None);
        assert_eq!(rel("/p/content/findings/.a.md.swp"), None);
        assert_eq!(rel("/elsewhere/content/a.md"), None);
    }

    #[test]
    fn only_a_batch_that_may_hold_an_edit_raises_the_flag() {
        use notify::event::{AccessKind, ModifyKind};
        let (tx, rx) = channel();
        let mut forward = Forward {
            tx,
            arrived: Arc::new(AtomicBool::new(false)),
            root: PathBuf::from("/p"),
        };
        let batch = |kind: EventKind, path: &str| {
            let event = notify::Event::new(kind).add_path(PathBuf::from(path));
            Ok(vec![DebouncedEvent::new(event, std::time::Instant::now())])
        };
        // The build opening a file, an editor's swap file, a file outside
        // the project's folders: passed on, flag down.
        forward.handle_event(batch(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            "/p/content/findings/x.md",
        ));
        forward.handle_event(batch(
            EventKind::Modify(ModifyKind::Any),
            "/p/content/findings/.x.md.swp",
        ));
        forward.handle_event(batch(EventKind::Modify(ModifyKind::Any), "/p/README.md"));
        assert!(!forward.arrived.load(Ordering::SeqCst));
        assert_eq!(rx.try_iter().count(), 3);
        // A finding written: flag up.
        forward.handle_event(batch(
            EventKind::Modify(ModifyKind::Any),
            "/p/content/findings/x.md",
        ));
        assert!(forward.arrived.load(Ordering::SeqCst));
        assert_eq!(rx.try_iter().count(), 1);
    }
}
