//! The live preview, after `render` in the pipeline: build into memory,
//! serve it, watch the project, rebuild and tell the open pages.
//!
//! - [`state`] holds the served site and decides what each page does about
//!   a rebuild.
//! - [`http`] serves the site, the live-reload client and its event stream
//!   (axum on a tokio runtime of its own thread).
//! - [`watch`] reports batches of edits to `content/` and `themes/`.
//!
//! `serve` never writes `output/` or anything else: the site lives in
//! memory, and a failed rebuild keeps the last good one on screen with the
//! errors over it.

pub mod http;
pub mod state;
pub mod watch;

use crate::diagnostic;
use crate::pipeline::{self, LoadedTheme, Options};
use axum::serve::ListenerExt;
use http::Shared;
use state::{OverlayDiagnostic, Snapshot};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

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

/// One build into memory, as the preview needs it: the new snapshot and
/// change, the diagnostics printed once, and a one-line summary.
/// `watched` are the paths the watcher reported; what changed in
/// `content/` is worked out from the files themselves.
fn rebuild(
    options: &ServeOptions,
    shared: &Shared,
    watched: &[String],
    known: &mut Fingerprints,
    theme: &mut Option<LoadedTheme>,
) -> Result<(), String> {
    let started = Instant::now();
    // The compiled theme is kept unless something under themes/ changed.
    if watched.iter().any(|p| p.starts_with("themes")) {
        *theme = None;
    }
    let built = match pipeline::prepare(&options.root, options.options, theme.as_ref()) {
        Ok(pipeline::Prepare::Stopped(built)) => built,
        Ok(pipeline::Prepare::Ready(p)) => {
            let paths = p.paths();
            let r = p.render(&paths);
            p.finish(r)
        }
        // The project cannot be read right now (`content/` deleted while a
        // branch is switched, a file that cannot be opened): say so in the
        // terminal and the browser, keep serving the last good site, and
        // try again on the next change.
        Err(e) => {
            eprintln!("error: {e}");
            let current = shared.current();
            let (snapshot, change) = current.failed(vec![OverlayDiagnostic::io(e)]);
            shared.publish(snapshot, change);
            return Ok(());
        }
    };
    let kept = crate::content::forget_unused();
    log::debug!("{kept} files, parses and bodies kept for the next rebuild");
    if let Some(t) = &built.checked.theme {
        // Pages are rendered again only when their context changes; the
        // first build after a theme change fills the memo.
        t.theme.remember_pages();
        *theme = Some(t.clone());
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let current = shared.current();
    let diagnostics = &built.checked.diagnostics;
    match (built.site, built.checked.review.as_ref()) {
        (Some(site), Some(review)) => {
            if !diagnostics.is_empty() {
                eprint!(
                    "{}",
                    diagnostic::render_text(diagnostics, &built.checked.sources, color)
                );
            }
            let decided = Instant::now();
            let homes = state::homes(review, &built.checked.sources);
            let now = fingerprints(&built.checked.sources);
            let edited: Vec<String> = watched
                .iter()
                .filter(|p| !p.starts_with("content"))
                .cloned()
                .chain(changed_content(known, &now))
                .collect();
            *known = now;
            let (snapshot, change) = current.succeeded(site, &edited, &homes);
            let pages = change
                .changed
                .iter()
                .filter(|p| p.ends_with(".html"))
                .count();
            shared.publish(snapshot, change);
            log::debug!("compare and publish: {:?}", decided.elapsed());
            eprintln!(
                "rebuilt {pages} page{} in {} ms",
                if pages == 1 { "" } else { "s" },
                started.elapsed().as_millis()
            );
        }
        _ => {
            eprint!(
                "{}",
                diagnostic::render_text(diagnostics, &built.checked.sources, color)
            );
            let errors = OverlayDiagnostic::all(diagnostics, &built.checked.sources);
            let (snapshot, change) = current.failed(errors);
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
    }
    Ok(())
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

/// Run the preview until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), String> {
    if !options.root.join("content").is_dir() {
        return Err(format!(
            "`{}` has no `content/` folder: run `evident init` to start a review project, or pass --root",
            options.root.display()
        ));
    }
    // Files are read, parsed and rendered once, and their results reused
    // until they change.
    crate::content::remember();
    // Watch first, so that nothing saved during the first build is missed.
    let mut watcher = watch::ProjectWatcher::new(&options.root, options.poll)?;
    let shared = Shared::new(Snapshot::default(), options.follow);
    let mut known = Fingerprints::new();
    let mut theme = None;
    rebuild(&options, &shared, &[], &mut known, &mut theme)?;

    let listener = bind(options.bind, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the address listened on: {e}"))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen: {e}"))?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", addr.port());
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {} – anyone who can reach this machine can read this review, case notes included. Use --bind 127.0.0.1 unless you mean to share it.",
            addr.ip()
        );
    }
    let router = http::router(Arc::clone(&shared));
    let server = std::thread::Builder::new()
        .name("evident-http".into())
        .spawn(move || -> Result<(), String> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the server: {e}"))?;
            runtime.block_on(async move {
                // Without TCP_NODELAY a page's head and body can wait out
                // the peer's delayed acknowledgement, adding tens of
                // milliseconds to every reload.
                let listener = tokio::net::TcpListener::from_std(listener)
                    .map_err(|e| format!("cannot listen: {e}"))?
                    .tap_io(|stream| {
                        if let Err(e) = stream.set_nodelay(true) {
                            log::debug!("TCP_NODELAY: {e}");
                        }
                    });
                axum::serve(listener, router)
                    .await
                    .map_err(|e| format!("the server stopped: {e}"))
            })
        })
        .map_err(|e| format!("cannot start the server: {e}"))?;

    // The URL goes to standard output, alone on its line, for scripts.
    println!("Serving the preview at {url}");
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
        // Wake now and then to notice a stopped server.
        let Some(batch) = watcher.next(Some(std::time::Duration::from_millis(500)))? else {
            continue;
        };
        log::debug!("changed: {batch:?}");
        rebuild(&options, &shared, &batch, &mut known, &mut theme)?;
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
