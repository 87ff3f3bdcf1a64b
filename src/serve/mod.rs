//! The live preview, after `render` in the pipeline: build into memory,
//! serve it, watch the project, rebuild and tell the open pages.
//!
//! - [`state`] holds the served site and decides what each page does about
//!   a rebuild.
//! - [`http`] serves the site, the live-reload client and its event stream
//!   (hyper and axum on a tokio runtime of its own thread), to the
//!   requests [`guard`] admits.
//! - [`watch`] reports batches of edits to `content/` and `themes/`.
//!
//! `serve` never writes `output/` or anything else: the site lives in
//! memory, and a failed rebuild keeps the last good one on screen with the
//! errors over it.

pub mod guard;
pub mod http;
pub mod state;
pub mod watch;

use crate::content::Memos;
use crate::content::Sources;
use crate::diagnostic::{self, Diagnostic};
use crate::pipeline::{self, LoadedTheme, Options, Prepare, Prepared};
use guard::{Host, Hosts};
use http::Shared;
use state::{OverlayDiagnostic, PreviewWords, Snapshot};
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr, TcpListener, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What `evident serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project root.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The first port to try; 0 lets the system choose.
    pub port: u16,
    /// Open the system's browser at the site.
    pub open: bool,
    /// Poll for changes instead of native watching.
    pub poll: bool,
    /// Pages go to the page showing an edit.
    pub follow: bool,
    /// Pipeline options (drafts).
    pub options: Options,
}

/// How many ports after the first are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// Bind `bind:port`, or the next free port after it.
pub fn bind(bind: IpAddr, port: u16) -> Result<TcpListener, String> {
    let mut last = None;
    let tries = if port == 0 { 1 } else { PORT_TRIES };
    for offset in 0..tries {
        let Some(p) = port.checked_add(offset) else {
            break;
        };
        match TcpListener::bind(SocketAddr::new(bind, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last = Some(e),
            Err(e) => return Err(format!("cannot listen on {bind}:{p}: {e}")),
        }
    }
    Err(format!(
        "cannot listen on {bind}: ports {port} to {} are taken ({}); choose another with --port",
        port.saturating_add(tries - 1),
        last.map_or_else(String::new, |e| e.to_string())
    ))
}

/// A fingerprint of each content file of the last good build, to tell which
/// files a rebuild really changed: the watcher can miss a file written into
/// a folder in the moment before that new folder is watched.
type Fingerprints = HashMap<String, u64>;

fn fingerprints(sources: &crate::content::Sources) -> Fingerprints {
    sources
        .files
        .iter()
        .map(|f| (f.path.clone(), f.text_hash()))
        .collect()
}

/// What each rebuild leaves for the next, owned by the preview's loop.
struct Carried {
    /// The fingerprints of the last good build's files.
    known: Fingerprints,
    /// The compiled theme, kept unless something under `themes/` changes.
    theme: Option<LoadedTheme>,
    /// Each file as read, parsed and linted, kept while it is unchanged.
    memos: Memos,
    /// The warnings the last good build printed: a rebuild with the same
    /// ones, and no failure since, does not print them again.
    warned: String,
}

/// The content files that differ between two builds: changed, new or gone.
fn changed_content(before: &Fingerprints, after: &Fingerprints) -> Vec<String> {
    let mut changed: Vec<String> = after
        .iter()
        .filter(|(path, hash)| before.get(*path) != Some(*hash))
        .map(|(path, _)| path.clone())
        .chain(before.keys().filter(|p| !after.contains_key(*p)).cloned())
        .collect();
    changed.sort();
    changed
}

/// A good build whose open pages are shown and whose other files are
/// still to render: the preview finishes it between watching for edits,
/// and drops it when an edit comes first.
struct Unfinished {
    prepared: Prepared,
    /// The files still to render.
    left: Vec<String>,
    started: Instant,
    /// When the open pages were shown, after `started`, if they were shown
    /// before the rest was rendered.
    shown_after: Option<Duration>,
    /// Pages changed so far.
    changed: usize,
    /// What the preview showed before this build, for the terminal's line.
    before: Before,
}

/// What the preview showed when a build started: the terminal says
/// "built" for the first site, "rebuilt" after, and is silent about a
/// build that changed nothing (a new empty folder) unless it cleared
/// errors, so that a failure is never the last word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// No site yet.
    Nothing,
    /// A site, with no errors over it.
    Site,
    /// The errors of a failed build (over a site or not).
    Errors,
}

impl Unfinished {
    /// Render the files a request waits for, or else the files left,
    /// stopping early when `stop` is raised (an edit arrived, or a request
    /// waits for a file); put them in place. `true` when the build is
    /// finished or failed.
    fn step(&mut self, shared: &Shared, stop: &AtomicBool, color: bool) -> bool {
        let wanted = shared.take_wanted();
        let (asked, mut order): (Vec<String>, Vec<String>) =
            self.left.drain(..).partition(|p| wanted.contains(p));
        let current = shared.current();
        let rendered = if asked.is_empty() {
            // The largest first (by their last size), so that neither core
            // is left with a large page at the end.
            order.sort_by_key(|p| {
                std::cmp::Reverse(current.files.get(p).map_or(usize::MAX, |b| b.len()))
            });
            let (rendered, skipped) = self.prepared.render_until(&order, stop);
            self.left = skipped;
            rendered
        } else {
            // Files a request waits for (it raised `stop`): those alone, put
            // in place at once, whatever else happens.
            self.left = order;
            self.prepared.render(&asked)
        };
        match rendered {
            Ok(files) => {
                let (snapshot, changed) = current.filled(files);
                self.changed += changed.iter().filter(|p| p.ends_with(".html")).count();
                shared.update(snapshot);
            }
            Err(errors) => {
                let mut all = self.prepared.diagnostics.clone();
                all.extend(errors);
                failed(shared, &all, &self.prepared.sources, color);
                return true;
            }
        }
        if !self.left.is_empty() {
            return false;
        }
        if let Some(line) = self.summary() {
            eprintln!("{line}");
        }
        true
    }

    /// A newer save came before the rest of the site was rendered: say
    /// what this one did.
    fn overtaken(self) {
        if let Some(t) = self.shown_after {
            eprintln!(
                "open pages shown after {} ms; a newer save came before the rest of the site",
                t.as_millis()
            );
        }
    }

    /// The terminal's line for a finished build, if it has one.
    fn summary(&self) -> Option<String> {
        let pages = self.changed;
        let ms = self.started.elapsed().as_millis();
        let plural = if pages == 1 { "" } else { "s" };
        let first = match self.shown_after {
            Some(t) => format!(" (open pages shown after {} ms)", t.as_millis()),
            None => String::new(),
        };
        match (self.before, pages) {
            (Before::Nothing, _) => Some(format!("built {pages} page{plural} in {ms} ms")),
            (Before::Errors, 0) => Some(format!("rebuilt in {ms} ms; no page changed")),
            (Before::Site, 0) => None,
            (_, _) => Some(format!("rebuilt {pages} page{plural} in {ms} ms{first}")),
        }
    }
}

/// A build that failed: print its diagnostics once, keep the last good
/// site (each page as last rendered) and show them over it.
fn failed(shared: &Shared, diagnostics: &[Diagnostic], sources: &Sources, color: bool) {
    let current = shared.current();
    eprint!("{}", diagnostic::render_text(diagnostics, sources, color));
    let (snapshot, change) = current.failed(OverlayDiagnostic::all(diagnostics, sources));
    shared.publish(snapshot, change);
    eprintln!(
        "build failed; {}",
        if current.has_site() {
            "the preview keeps the last good version and shows the errors"
        } else {
            "the preview shows the errors until the content builds"
        }
    );
}

/// Whether diagnostics printed to the terminal are coloured.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// One build into memory, as the preview needs it: the pages open in a
/// browser (and the page an edit is followed to) are rendered and
/// announced at once; the rest of the site is returned, to be rendered by
/// [`Unfinished::step`]. Diagnostics are printed once.
/// `watched` are the paths the watcher reported; what changed in
/// `content/` is worked out from the files themselves.
fn rebuild(
    options: &ServeOptions,
    shared: &Shared,
    watched: &[String],
    carried: &mut Carried,
) -> Result<Option<Unfinished>, String> {
    let Carried {
        known,
        theme,
        memos,
        warned,
    } = carried;
    let started = Instant::now();
    let before = {
        let current = shared.current();
        if !current.errors.is_empty() {
            Before::Errors
        } else if current.has_site() {
            Before::Site
        } else {
            Before::Nothing
        }
    };
    // The compiled theme is kept unless something under themes/ changed.
    if watched.iter().any(|p| p.starts_with("themes")) {
        *theme = None;
    }
    let current = shared.current();
    let color = colour();
    let prepared = match pipeline::prepare(&options.root, options.options, theme.as_ref(), memos) {
        Ok(Prepare::Ready(mut prepared)) => {
            // The preview serves the site at `/`, not where it is published.
            prepared.at_server_root();
            prepared
        }
        Ok(Prepare::Stopped(built)) => {
            let checked = &built.checked;
            if let Some(t) = &checked.theme {
                *theme = Some(t.clone());
                // The overlay speaks the report's language, once it is read.
                if let Some(review) = &checked.review {
                    shared.set_words(PreviewWords::new(
                        &t.theme.locales,
                        review.report.language(),
                    ));
                }
            }
            failed(shared, &checked.diagnostics, &checked.sources, color);
            return Ok(None);
        }
        // The project cannot be read right now (`content/` deleted while a
        // branch is switched, a file that cannot be opened): say so in the
        // terminal and the browser, keep serving the last good site, and
        // try again on the next change.
        Err(e) => {
            eprintln!("error: {e}");
            let (snapshot, change) = current.failed(vec![OverlayDiagnostic::io(e)]);
            shared.publish(snapshot, change);
            return Ok(None);
        }
    };
    let kept = memos.sweep();
    log::debug!("{kept} files read, parsed and linted kept for the next rebuild");
    // Pages are rendered again only when their context changes; the first
    // build after a theme change fills the memo.
    prepared.theme.theme.remember_pages();
    *theme = Some(prepared.theme.clone());
    shared.set_words(PreviewWords::new(
        &prepared.theme.theme.locales,
        prepared.review.report.language(),
    ));
    // Warnings are said when they change, or again after a failure: a
    // save that leaves them as they were (a new empty folder, a typo
    // fixed elsewhere) does not fill the terminal with them.
    let warnings = if prepared.diagnostics.is_empty() {
        String::new()
    } else {
        diagnostic::render_text(&prepared.diagnostics, &prepared.sources, color)
    };
    if before == Before::Errors || warnings != *warned {
        eprint!("{warnings}");
    }
    *warned = warnings;
    let homes = state::homes(&prepared.review, &prepared.sources);
    let now = fingerprints(&prepared.sources);
    let edited: Vec<String> = watched
        .iter()
        .filter(|p| !p.starts_with("content"))
        .cloned()
        .chain(changed_content(known, &now))
        .collect();

    // What a browser shows first: the open pages, the page an edit takes
    // them to, anything asked for and not yet rendered, and the theme's
    // static files (a stylesheet swap needs the new one at once). Before
    // the first good build there is nothing to fall back on: all of it.
    let paths = prepared.paths();
    let first: BTreeSet<String> = if current.has_site() {
        let follow = state::follow(&edited, &homes);
        let follow = follow.as_deref().map(|u| u.split('#').next().unwrap_or(u));
        let asked = shared.take_wanted();
        let open = shared.open_pages();
        paths
            .iter()
            .filter(|p| {
                p.starts_with("assets/")
                    || follow == Some(p.as_str())
                    || asked.contains(*p)
                    || open.contains(p)
            })
            .cloned()
            .collect()
    } else {
        paths.iter().cloned().collect()
    };
    let now_paths: Vec<String> = first.iter().cloned().collect();
    let fresh = match prepared.render(&now_paths) {
        Ok(files) => files,
        Err(errors) => {
            // The warnings were printed already; the overlay shows them all.
            let mut all = prepared.diagnostics.clone();
            all.extend(errors);
            failed(shared, &all, &prepared.sources, color);
            return Ok(None);
        }
    };
    // Compared with from now on: this build is good.
    *known = now;
    let left: Vec<String> = paths.into_iter().filter(|p| !first.contains(p)).collect();
    let (snapshot, change) =
        current.succeeded(fresh, left.iter().cloned().collect(), &edited, &homes);
    let changed = change
        .changed
        .iter()
        .filter(|p| p.ends_with(".html"))
        .count();
    shared.publish(snapshot, change);
    let shown_after = (!left.is_empty()).then(|| started.elapsed());
    log::debug!("open pages shown after {:?}", started.elapsed());
    let unfinished = Unfinished {
        prepared,
        left,
        started,
        shown_after,
        changed,
        before,
    };
    if unfinished.left.is_empty() {
        if let Some(line) = unfinished.summary() {
            eprintln!("{line}");
        }
        return Ok(None);
    }
    Ok(Some(unfinished))
}

/// Open `url` in the system's browser, if there is one.
fn open_browser(url: &str) {
    let result = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(e) = result {
        eprintln!("warning: could not open a browser ({e}); open {url} yourself");
    }
}

/// The project root as the preview uses it throughout: absolute, without
/// `.`, `..` or symbolic links. The watcher compares the paths notify
/// reports with it, and notify reports absolute paths even for a relative
/// watch (it joins the current folder on), and on macOS resolves symbolic
/// links as well (FSEvents watches the canonical path): a root of `.`, as
/// `cd review && evident serve` gives, would match none of them.
fn project_root(root: &Path) -> Result<PathBuf, String> {
    let missing = || {
        format!(
            "`{}` has no `content/` folder: run `evident init` to start a review project, or pass --root",
            root.display()
        )
    };
    if !root.join("content").is_dir() {
        return Err(missing());
    }
    std::fs::canonicalize(root).map_err(|e| format!("cannot read `{}`: {e}", root.display()))
}

/// The machine's host name and the addresses it resolves to, which a
/// preview listening on every address also answers to. The standard
/// library has no way to list the machine's interfaces; the address each
/// connection arrives on is answered to anyway ([`Hosts::answers`]).
/// `hostname` is a command on Linux, macOS and Windows alike.
fn machine_names() -> Result<Vec<Host>, String> {
    let output = std::process::Command::new("hostname")
        .output()
        .map_err(|e| format!("cannot run `hostname`: {e}"))?;
    let name = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let host = Host::name(&name).ok_or_else(|| format!("`hostname` gave {name:?}"))?;
    let mut hosts = vec![host];
    // Resolved as the system resolves it (the hosts file first); a name
    // that does not resolve is still answered to.
    if let Ok(addresses) = (name.as_str(), 0).to_socket_addrs() {
        hosts.extend(addresses.map(|a| Host::address(a.ip())));
    }
    Ok(hosts)
}

/// What a preview listening on `bind` answers to; off loopback, says so
/// on the terminal. Listening on every address, also the machine's name,
/// by which other machines can open it.
fn answered_hosts(bind: IpAddr) -> (Hosts, Option<Host>) {
    let mut hosts = Hosts::listening_on(bind);
    if bind.is_loopback() {
        return (hosts, None);
    }
    let mut unread = None;
    let mut name = None;
    if bind.is_unspecified() {
        match machine_names() {
            Ok(names) => {
                name = names.first().cloned();
                names.into_iter().for_each(|h| hosts.add(h));
            }
            Err(e) => unread = Some(e),
        }
    }
    eprintln!(
        "The preview is answering to {}{}; requests addressed to any other host name are refused.",
        hosts.list().join(", "),
        if bind.is_unspecified() {
            " and to whichever of this machine's addresses a connection arrives on"
        } else {
            ""
        }
    );
    if let Some(e) = unread {
        eprintln!("warning: the machine's host name is not answered to: {e}");
    }
    (hosts, name)
}

/// Run the preview until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), String> {
    // Made absolute once, here, before anything uses it.
    let options = ServeOptions {
        root: project_root(&options.root)?,
        ..options
    };
    // Watch first, so that nothing saved during the first build is missed.
    let mut watcher = watch::ProjectWatcher::new(&options.root, options.poll)?;
    // Raised by the watcher when an edit arrives and by the server when a
    // request waits for a file: either way the builder looks again.
    let interrupt = watcher.arrived();
    let shared = Shared::new(Snapshot::default(), options.follow, Arc::clone(&interrupt));
    // Files are read, parsed and linted once, and their results reused
    // until they change.
    let mut carried = Carried {
        known: Fingerprints::new(),
        theme: None,
        memos: Memos::on(),
        warned: String::new(),
    };
    let mut unfinished = rebuild(&options, &shared, &[], &mut carried)?;

    let listener = bind(options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the address listened on: {e}"))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen: {e}"))?;
    // Listening on every address, the preview is opened here by loopback:
    // `0.0.0.0` is no address to send a request to (browsers have begun
    // to refuse it), and no Host names it.
    let shown = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::from(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let url = format!("http://{}:{}/", Host::address(shown), addr.port());
    if options.port != 0 && addr.port() != options.port {
        eprintln!(
            "Port {} is in use; the preview uses port {} instead.",
            options.port,
            addr.port()
        );
    }
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {} – anyone who can reach this machine can read this review, case notes included. Use --bind 127.0.0.1 unless you mean to share it.",
            addr.ip()
        );
    }
    let (hosts, name) = answered_hosts(addr.ip());
    let hosts = Arc::new(hosts);
    let router = http::router(Arc::clone(&shared));
    let server = std::thread::Builder::new()
        .name("evident-http".into())
        .spawn(move || -> Result<(), String> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the server: {e}"))?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)
                    .map_err(|e| format!("cannot listen: {e}"))?;
                http::serve(listener, router, hosts, addr.port()).await;
                Err("the server stopped".to_string())
            })
        })
        .map_err(|e| format!("cannot start the server: {e}"))?;

    // The URL goes to standard output, alone on its line, for scripts.
    println!("Serving the preview at {url}");
    // `0.0.0.0` is no address to open: from elsewhere, the machine's name
    // is (the address above is this machine's own).
    if let Some(name) = name {
        eprintln!(
            "Other machines can open it at http://{name}:{}/",
            addr.port()
        );
    }
    eprintln!(
        "Watching content/ and themes/{}; press Ctrl+C to stop.",
        if watcher.polls() { " by polling" } else { "" }
    );
    if options.open {
        open_browser(&url);
    }

    loop {
        if server.is_finished() {
            return match server.join() {
                Ok(Err(e)) => Err(e),
                _ => Err("the server stopped".into()),
            };
        }
        // Between steps of an unfinished build, only look for an edit;
        // otherwise wake now and then to notice a stopped server.
        let wait = if unfinished.is_some() {
            // Lowered before looking, so that a batch arriving after the
            // look stops the step.
            interrupt.store(false, Ordering::SeqCst);
            Duration::ZERO
        } else {
            Duration::from_millis(500)
        };
        match watcher.next(Some(wait))? {
            Some(batch) => {
                log::debug!("changed: {batch:?}");
                // An edit makes the unfinished build out of date: start
                // again from the files as they are now (its review freed
                // first, so that two are never held at once).
                if let Some(u) = unfinished.take() {
                    u.overtaken();
                }
                unfinished = rebuild(&options, &shared, &batch, &mut carried)?;
            }
            None => {
                if let Some(u) = unfinished.as_mut()
                    && u.step(&shared, &interrupt, colour())
                {
                    unfinished = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prints(pairs: &[(&str, u64)]) -> Fingerprints {
        pairs.iter().map(|(p, h)| (p.to_string(), *h)).collect()
    }

    #[test]
    fn changed_content_is_what_differs_between_builds() {
        let before = prints(&[
            ("content/a.md", 1),
            ("content/b.md", 2),
            ("content/c.md", 3),
        ]);
        let after = prints(&[
            ("content/a.md", 1),
            ("content/b.md", 9),
            ("content/d.md", 4),
        ]);
        assert_eq!(
            changed_content(&before, &after),
            ["content/b.md", "content/c.md", "content/d.md"]
        );
        assert!(changed_content(&after, &after).is_empty());
    }

    #[test]
    fn a_taken_port_moves_on_to_the_next() {
        let first = bind(IpAddr::from([127, 0, 0, 1]), 0).unwrap();
        let port = first.local_addr().unwrap().port();
        let second = bind(IpAddr::from([127, 0, 0, 1]), port).unwrap();
        let next = second.local_addr().unwrap().port();
        assert!(
            next > port && next < port + PORT_TRIES,
            "{port} then {next}"
        );
    }
}
