//! `evident serve` as a reviewer meets it: the real binary on a copy of a
//! project, fetched over HTTP and followed over its event stream while the
//! tests edit, add, delete and rename files the ways editors do.
//!
//! The HTTP client is a few lines over `TcpStream`, so requests go out
//! exactly as written (no client "fixes" a `..` before sending it).

use crate::common::{repo_root, worked_example};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for something that should take well under a
/// second; generous, because CI machines are shared.
const PATIENCE: Duration = Duration::from_secs(15);

struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(root: &Path, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_evident"));
        command.arg("serve").arg("--root").arg(root).args(args);
        Server::spawn(command)
    }

    /// Start as a reviewer does from a terminal: `cd` into `dir`, then
    /// `evident serve` with `args` alone (a relative `--root`, or none).
    fn start_in(dir: &Path, args: &[&str]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_evident"));
        command.current_dir(dir).arg("serve").args(args);
        Server::spawn(command)
    }

    fn spawn(mut command: Command) -> Server {
        let mut child = command
            .args(["--port", "0"])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).unwrap_or(0) > 0 {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no URL in {line:?}; stderr: {}", stderr.lock().unwrap()));
        assert!(line.starts_with("Serving the preview at http://"), "{line}");
        Server {
            child,
            port,
            stderr,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Wait until the terminal output contains `text`.
    fn wait_log(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let log = self.stderr();
            if log.contains(text) {
                return log;
            }
            assert!(started.elapsed() < PATIENCE, "no {text:?} in:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Send one request; returns (status, head, body).
    fn request(&self, method: &str, target: &str) -> (u16, String, Vec<u8>) {
        self.raw(&format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Send `head` exactly as written and read the answer until the server
    /// closes the connection; returns (status, head, body).
    fn raw(&self, head: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        // Bounded in all, not per read: an event stream answered by mistake
        // sends a keep-alive now and then and never ends.
        let started = Instant::now();
        let mut raw = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = stream.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
            assert!(
                started.elapsed() < PATIENCE,
                "the answer to {head:?} never ended: {}",
                String::from_utf8_lossy(&raw[..raw.len().min(300)])
            );
        }
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no response head to {head:?}: {raw:?}"));
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head, raw[split + 4..].to_vec())
    }

    fn get(&self, target: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", target);
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// The page's text once it satisfies `ok`, or a panic after PATIENCE.
    fn wait_for(&self, target: &str, ok: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, body) = self.get(target);
            if ok(&body) {
                return body;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{target} never changed as expected; stderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A GET of `target` with these extra header lines (each ending in
    /// `\r\n`), the connection closed after; returns (status, head, body).
    fn get_with(&self, target: &str, headers: &str) -> (u16, String, String) {
        let (status, head, body) = self.raw(&format!(
            "GET {target} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
        ));
        (status, head, String::from_utf8_lossy(&body).into_owned())
    }

    fn events(&self, page: &str, since: u64) -> Events {
        self.events_with(page, since, "Host: 127.0.0.1\r\n")
    }

    /// An event stream asked for with these header lines.
    fn events_with(&self, page: &str, since: u64, headers: &str) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__evident/events?page={page}&since={since} HTTP/1.1\r\n{headers}\r\n"
        )
        .unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        let mut head = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            head.push_str(&line);
            line.clear();
        }
        assert!(head.contains("text/event-stream"), "{head}");
        Events { reader }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An open event stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next event's data as JSON. The body is chunked: chunk sizes and
    /// keep-alive comments are skipped, `data:` lines are kept.
    fn next(&mut self) -> Value {
        // Keep-alive comments arrive now and then, so a read timeout alone
        // would never fire: give up after PATIENCE in all.
        let started = Instant::now();
        let mut line = String::new();
        loop {
            assert!(started.elapsed() < PATIENCE, "no event within {PATIENCE:?}");
            line.clear();
            let n = self
                .reader
                .read_line(&mut line)
                .expect("an event before the timeout");
            assert!(n > 0, "the event stream closed");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return serde_json::from_str(data).unwrap();
            }
        }
    }

    /// Whether an event arrives within `wait`.
    fn quiet_for(&mut self, wait: Duration) -> bool {
        self.reader.get_ref().set_read_timeout(Some(wait)).unwrap();
        let mut line = String::new();
        let quiet = loop {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => break true,
                Ok(_) if line.starts_with("data: ") => break false,
                Ok(_) => continue,
                Err(_) => break true,
            }
        };
        self.reader
            .get_ref()
            .set_read_timeout(Some(PATIENCE))
            .unwrap();
        quiet
    }
}

/// Whether the stylesheet a page links to is served and contains `text`.
fn stylesheet_has(server: &Server, page: &str, text: &str) -> bool {
    let href = page
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|h| h.contains("assets/style."));
    href.is_some_and(|h| {
        let (status, body) = server.get(&format!("/{}", h.trim_start_matches("../")));
        status == 200 && body.contains(text)
    })
}

fn write(root: &Path, path: &str, text: &str) {
    let target = root.join(path);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(target, text).unwrap();
}

fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    assert!(text.contains(from), "{path} has no {from:?}");
    std::fs::write(root.join(path), text.replacen(from, to, 1)).unwrap();
}

const FINDING: &str = "content/findings/assessment/diverse-needs.md";
const STANDARD: &str = "/domains/2/2-1.html";

#[test]
fn serves_the_site_from_memory_with_the_client_injected() {
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    let (status, head, body) = server.request("GET", STANDARD);
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("cache-control: no-store"), "{head}");
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("Diverse needs are identified"));
    // The client comes by a relative URL, with the page it is on.
    assert!(
        body.contains(r#"<script src="../../__evident/live.js" data-root="../../" data-page="domains/2/2-1.html" data-generation="1" data-words="{&quot;lang&quot;:&quot;en-GB&quot;,&quot;dismiss&quot;:&quot;Dismiss&quot;"#),
        "{}",
        &body[body.len().saturating_sub(400)..]
    );
    let (status, js) = server.get("/__evident/live.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource"));
    // Folders serve their index; a folder without the slash is redirected.
    assert!(server.get("/").1.contains("Peer review of Northbrook"));
    assert!(server.get("/cases/").1.contains("Case sample"));
    let (status, head, _) = server.request("GET", "/domains/2");
    assert_eq!(status, 301);
    assert!(head.contains("location: /domains/2/"), "{head}");
    // Other files keep their bytes and get their type.
    let (status, head, json) = server.request("GET", "/data/report.json");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/json"));
    assert!(serde_json::from_slice::<Value>(&json).is_ok());
    let (_, index) = server.get("/search-index.js");
    assert!(!index.contains("__evident"));
    // HEAD answers like GET without a body; nothing else is served.
    let (status, head, body) = server.request("HEAD", STANDARD);
    assert_eq!(status, 200);
    assert!(head.contains("content-length:"), "{head}");
    assert!(body.is_empty());
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (status, head, _) = server.request(method, STANDARD);
        assert_eq!(status, 405, "{method}");
        assert!(head.contains("allow: GET, HEAD"), "{head}");
    }
    // A missing page is the site's 404 page, with status 404.
    let (status, body) = server.get("/domains/9/nothing.html");
    assert_eq!(status, 404);
    assert!(body.contains("__evident/live.js"));
    // Serving wrote nothing.
    assert!(!project.path().join("output").exists());
    assert_eq!(
        std::fs::read_dir(project.path()).unwrap().count(),
        1,
        "only content/ is in the project"
    );
    server.wait_log("built 24 pages in");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let project = worked_example();
    // A secret beside the content, where a traversal would find it.
    write(project.path(), "secret.txt", "do not serve");
    let server = Server::start(project.path(), &[]);
    for target in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/assets/../../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/content/../secret.txt",
        "/./index.html",
        "/index.html%00.txt",
    ] {
        let (status, body) = server.get(target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        assert!(!body.contains("do not serve"), "{target}");
    }
    for target in ["/secret.txt", "/content/report.yaml"] {
        let (status, body) = server.get(target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("do not serve"), "{target}");
    }
    // Repeated slashes go to the tidy spelling, which is still in the site.
    for (target, tidy) in [
        ("//secret.txt", "/secret.txt"),
        ("/%2fetc%2fpasswd", "/etc/passwd"),
        ("//etc/passwd", "/etc/passwd"),
    ] {
        let (status, head, _) = server.request("GET", target);
        assert_eq!(status, 301, "{target}");
        assert!(
            head.lines().any(|l| l == format!("location: {tidy}")),
            "{head}"
        );
        let (status, body) = server.get(tidy);
        assert_eq!(status, 404, "{target}");
        assert!(
            !body.contains("do not serve") && !body.contains("root:"),
            "{target}"
        );
    }
    let (status, _) = server.get("/%zz");
    assert_eq!(status, 400);
}

#[test]
fn an_edit_reloads_the_pages_showing_it_and_sends_others_to_it() {
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    let mut on_standard = server.events("domains/2/2-1.html", 1);
    let mut on_home = server.events("index.html", 1);
    // First, what to do now: nothing changed since generation 1.
    assert_eq!(on_standard.next()["action"], "clear");
    assert_eq!(on_home.next()["action"], "clear");

    edit(
        project.path(),
        FINDING,
        "was a clear strength",
        "was a plainly clear strength",
    );
    let event = on_standard.next();
    assert_eq!(event["action"], "reload", "{event}");
    assert_eq!(event["generation"], 2);
    let event = on_home.next();
    assert_eq!(event["action"], "go", "{event}");
    assert_eq!(event["url"], "domains/2/2-1.html#finding-diverse-needs");
    // The reload is sent only once the new page is served.
    assert!(server.get(STANDARD).1.contains("a plainly clear strength"));
    // The terminal's summary comes just after.
    server.wait_log("rebuilt 6 pages in");

    // A page opened before the edit and reconnecting later catches up.
    let mut late = server.events("domains/2/2-1.html", 1);
    assert_eq!(late.next()["action"], "reload");
    let mut current = server.events("domains/2/2-1.html", 2);
    assert_eq!(current.next()["action"], "clear");
}

#[test]
fn open_pages_come_first_and_no_page_is_served_stale() {
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    let mut on_standard = server.events("domains/2/2-1.html", 1);
    assert_eq!(on_standard.next()["action"], "clear");
    edit(
        project.path(),
        FINDING,
        "was a clear strength",
        "was a firmly clear strength",
    );
    assert_eq!(on_standard.next()["action"], "reload");
    // At once, before the rest of the site may be rendered: pages and data
    // that nobody had open are served new, never as they were (a request
    // for one waits for its rendering).
    for target in ["/report.html", "/findings.html", "/search-index.js"] {
        let (status, body) = server.get(target);
        assert_eq!(status, 200, "{target}");
        assert!(
            body.contains("a firmly clear strength"),
            "{target} is stale"
        );
    }
    // A page that opens now, showing generation 1, learns it must reload.
    let mut on_report = server.events("report.html", 1);
    assert_eq!(on_report.next()["action"], "reload");
    // The summary gives both times: when the open page was shown, and when
    // the whole site was done.
    let log = server.wait_log("(open pages shown after");
    assert!(log.contains("rebuilt 6 pages in"), "{log}");
}

#[test]
fn no_follow_keeps_other_pages_where_they_are() {
    let project = worked_example();
    let server = Server::start(project.path(), &["--no-follow"]);
    let mut on_home = server.events("index.html", 1);
    assert_eq!(on_home.next()["action"], "clear");
    edit(
        project.path(),
        FINDING,
        "was a clear strength",
        "was a strength",
    );
    assert_eq!(on_home.next()["action"], "clear");
}

#[test]
fn saves_by_writing_a_temporary_file_and_renaming_it_are_seen() {
    let project = worked_example();
    let root = project.path();
    let server = Server::start(root, &[]);
    let mut events = server.events("domains/2/2-1.html", 1);
    assert_eq!(events.next()["action"], "clear");
    // As editors with "safe write" do: write a temporary beside the file,
    // then rename it over the original.
    let original = std::fs::read_to_string(root.join(FINDING)).unwrap();
    let dir = root.join("content/findings/assessment");
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    std::fs::write(
        dir.join("diverse-needs.md___jb_tmp___"),
        original.replace("was a clear strength", "was, by rename, a strength"),
    )
    .unwrap();
    std::fs::rename(dir.join("diverse-needs.md___jb_tmp___"), root.join(FINDING)).unwrap();
    assert_eq!(events.next()["action"], "reload");
    assert!(
        server
            .get(STANDARD)
            .1
            .contains("was, by rename, a strength")
    );
    // A second save the same way is seen too: the watch survived the rename.
    let again = std::fs::read_to_string(root.join(FINDING)).unwrap();
    std::fs::write(
        dir.join(".diverse-needs.md.tmp"),
        again.replace("by rename", "twice"),
    )
    .unwrap();
    std::fs::rename(dir.join(".diverse-needs.md.tmp"), root.join(FINDING)).unwrap();
    assert_eq!(events.next()["action"], "reload");
    assert!(server.get(STANDARD).1.contains("was, twice, a strength"));
}

#[test]
fn editor_temporaries_alone_do_not_rebuild() {
    let project = worked_example();
    let root = project.path();
    // The preview's debug log names every batch of edits it rebuilds for
    // (a rebuild that changes no page says nothing otherwise).
    let mut command = Command::new(env!("CARGO_BIN_EXE_evident"));
    command
        .arg("serve")
        .arg("--root")
        .arg(root)
        .env("RUST_LOG", "warn,evident::serve=debug");
    let server = Server::spawn(command);
    let mut events = server.events("index.html", 1);
    assert_eq!(events.next()["action"], "clear");
    let dir = root.join("content/findings/assessment");
    for name in [
        ".diverse-needs.md.swp",
        "diverse-needs.md~",
        ".#diverse-needs.md",
        "#diverse-needs.md#",
        "4913",
    ] {
        std::fs::write(dir.join(name), "---\ntitle: not content\n---\n").unwrap();
    }
    assert!(events.quiet_for(Duration::from_millis(800)));
    let log = server.stderr();
    assert!(!log.contains("changed: "), "{log}");
    assert!(!log.contains("rebuilt"), "{log}");
    // The log does name a real edit's batch.
    edit(root, FINDING, "was a clear strength", "was a real strength");
    server.wait_log("changed: [\"content/findings/assessment/diverse-needs.md\"]");
}

#[test]
fn new_deleted_and_renamed_files_and_folders_are_picked_up() {
    let project = worked_example();
    let root = project.path();
    let server = Server::start(root, &[]);
    let mut events = server.events("pages/background.html", 1);
    assert_eq!(events.next()["action"], "clear");

    // A new finding in a new folder: a page that does not show it goes to
    // it.
    write(
        root,
        "content/findings/new-folder/quick-start.md",
        "---\ntitle: Plans start within a fortnight\nkind: strength\ncriteria: [\"2.2\"]\n---\nPlans were started quickly.\n",
    );
    let event = events.next();
    assert_eq!(
        event["url"], "domains/2/2-2.html#finding-quick-start",
        "{event}"
    );
    assert!(
        server
            .get("/domains/2/2-2.html")
            .1
            .contains("Plans start within a fortnight")
    );

    // Renamed: the finding keeps its text under its new slug.
    std::fs::rename(
        root.join("content/findings/new-folder/quick-start.md"),
        root.join("content/findings/new-folder/prompt-start.md"),
    )
    .unwrap();
    // A rename is two events to the watcher, which a busy machine can
    // report in two batches: the finding gone (nothing to go to), then a
    // new one. Either way the page ends at the finding's new place.
    let mut event = events.next();
    if event["action"] == "clear" {
        event = events.next();
    }
    assert_eq!(
        event["url"], "domains/2/2-2.html#finding-prompt-start",
        "{event}"
    );
    let page = server.get("/domains/2/2-2.html").1;
    assert!(page.contains("finding-prompt-start") && !page.contains("finding-quick-start"));

    // Deleted, folder and all: nothing to go to.
    std::fs::remove_dir_all(root.join("content/findings/new-folder")).unwrap();
    let event = events.next();
    assert_eq!(event["action"], "clear", "{event}");
    assert!(
        !server
            .get("/domains/2/2-2.html")
            .1
            .contains("Plans start within a fortnight")
    );

    // A folder deleted and made again is watched again.
    let extra = "content/findings/extra/late-reviews.md";
    let text = "---\ntitle: Reviews were late\nkind: consideration\ncriteria: [\"2.4\"]\n---\nReviews came late.\n";
    write(root, extra, text);
    server.wait_for("/domains/2/2-4.html", |b| b.contains("Reviews were late"));
    std::fs::remove_dir_all(root.join("content/findings/extra")).unwrap();
    server.wait_for("/domains/2/2-4.html", |b| !b.contains("Reviews were late"));
    write(root, extra, text);
    server.wait_for("/domains/2/2-4.html", |b| b.contains("Reviews were late"));
    write(root, extra, &text.replace("were late", "were often late"));
    server.wait_for("/domains/2/2-4.html", |b| {
        b.contains("Reviews were often late")
    });

    // So is a top-level folder: themes/ deleted and made again.
    let css = std::fs::read_to_string(repo_root().join("themes/default/static/style.css")).unwrap();
    write(
        root,
        "themes/default/static/style.css",
        &format!("{css}\n/* one */\n"),
    );
    server.wait_for("/index.html", |b| stylesheet_has(&server, b, "/* one */"));
    std::fs::remove_dir_all(root.join("themes")).unwrap();
    server.wait_for("/index.html", |b| !stylesheet_has(&server, b, "/* one */"));
    write(
        root,
        "themes/default/static/style.css",
        &format!("{css}\n/* two */\n"),
    );
    server.wait_for("/index.html", |b| stylesheet_has(&server, b, "/* two */"));
    write(
        root,
        "themes/default/static/style.css",
        &format!("{css}\n/* three */\n"),
    );
    server.wait_for("/index.html", |b| stylesheet_has(&server, b, "/* three */"));
    assert!(!root.join("output").exists());
}

#[test]
fn a_page_that_fails_to_render_after_the_open_ones_shows_its_error_everywhere() {
    let project = worked_example();
    let root = project.path();
    let server = Server::start(root, &[]);
    let focus = "/focus/exploitation.html";
    let (status, before) = server.get(focus);
    assert_eq!(status, 200);
    let mut events = server.events("domains/2/2-1.html", 1);
    assert_eq!(events.next()["action"], "clear");
    // In one save, a new stylesheet and a focus-area template that
    // compiles but cannot render: the open standard page is rendered first
    // and fine, the focus pages after.
    let css = std::fs::read_to_string(repo_root().join("themes/default/static/style.css")).unwrap();
    write(
        root,
        "themes/default/static/style.css",
        &format!("{css}\n/* a new stylesheet */\n"),
    );
    write(
        root,
        "themes/default/templates/focus.html",
        "<!DOCTYPE html><html><body>{{ nothing.here }}</body></html>",
    );
    let event = loop {
        let event = events.next();
        if event["action"] == "errors" {
            break event;
        }
    };
    let errors = event["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["code"] == "template" && e["message"].as_str().unwrap().contains("focus")),
        "{event}"
    );
    // The focus page is served as it was, with the stylesheet it links to,
    // which the new site no longer has; the open page has the new one.
    let (status, now) = server.get(focus);
    assert_eq!(status, 200);
    assert!(now == before, "the focus page is its last good version");
    assert!(stylesheet_has(&server, &now, "--accent:"));
    assert!(!stylesheet_has(&server, &now, "a new stylesheet"));
    assert!(stylesheet_has(
        &server,
        &server.get(STANDARD).1,
        "a new stylesheet"
    ));
    // Mended: the errors go.
    std::fs::remove_file(root.join("themes/default/templates/focus.html")).unwrap();
    loop {
        let event = events.next();
        if event["action"] != "errors" {
            break;
        }
    }
    assert_eq!(server.get(focus).0, 200);
}

#[test]
fn a_broken_file_shows_its_errors_over_the_last_good_site_until_fixed() {
    let project = worked_example();
    let root = project.path();
    let server = Server::start(root, &[]);
    let mut events = server.events("domains/2/2-1.html", 1);
    assert_eq!(events.next()["action"], "clear");

    edit(root, FINDING, "kind: strength", "kind: strenght");
    let event = events.next();
    assert_eq!(event["action"], "errors", "{event}");
    let error = &event["errors"][0];
    assert_eq!(error["code"], "unknown-kind");
    assert_eq!(error["file"], FINDING);
    assert_eq!(error["line"], 3);
    assert_eq!(error["column"], 7);
    assert_eq!(error["source"], "kind: strenght");
    assert!(error["help"].as_str().unwrap().contains("strength"));
    // The last good site is still served, and a page opened now is told.
    assert!(
        server
            .get(STANDARD)
            .1
            .contains("Diverse needs are identified")
    );
    let mut opened_now = server.events("index.html", 2);
    assert_eq!(opened_now.next()["action"], "errors");
    // The terminal shows the diagnostics once.
    let log = server.wait_log("build failed");
    assert_eq!(log.matches("error[unknown-kind]").count(), 1, "{log}");
    assert!(
        log.contains("--> content/findings/assessment/diverse-needs.md:3:7"),
        "{log}"
    );

    // A second error in another file: both are listed.
    let other = "content/findings/planning/partners-in-plans.md";
    edit(root, other, "cases: [C04,", "cases: [C99,");
    let event = events.next();
    let errors = event["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{event}");
    assert_eq!(errors[1]["file"], other);

    // Fixed: the overlay goes, the site is current again.
    edit(root, other, "cases: [C99,", "cases: [C04,");
    assert_eq!(events.next()["errors"].as_array().unwrap().len(), 1);
    edit(root, FINDING, "kind: strenght", "kind: strength");
    let event = events.next();
    assert_eq!(event["action"], "clear", "{event}");
    edit(
        root,
        FINDING,
        "was a clear strength",
        "was a recovered strength",
    );
    assert_eq!(events.next()["action"], "reload");
    assert!(server.get(STANDARD).1.contains("a recovered strength"));
}

#[test]
fn a_welsh_project_that_starts_broken_is_waited_for_in_welsh() {
    let project = worked_example();
    let root = project.path();
    edit(
        root,
        "content/report.yaml",
        "language: en-GB",
        "language: cy",
    );
    edit(
        root,
        FINDING,
        "criteria: [\"2.1\", \"3.1\"]",
        "criteria: [\"2.9\"]",
    );
    let server = Server::start(root, &[]);
    let (status, body) = server.get("/");
    assert_eq!(status, 503);
    assert!(body.contains("<html lang=\"cy\">"), "{body}");
    assert!(
        body.contains("<h1>Yn aros am adeiladwaith llwyddiannus</h1>"),
        "{body}"
    );
    // The overlay's words go with its script; the diagnostics stay English.
    assert!(
        body.contains("&quot;dismiss&quot;:&quot;Cau&quot;"),
        "{body}"
    );
    let mut events = server.events("index.html", 0);
    let event = events.next();
    assert_eq!(event["action"], "errors");
    assert!(
        event["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2.9"),
        "{event}"
    );
}

#[test]
fn a_project_that_starts_broken_waits_for_its_first_good_build() {
    let project = worked_example();
    let root = project.path();
    edit(
        root,
        FINDING,
        "criteria: [\"2.1\", \"3.1\"]",
        "criteria: [\"2.9\"]",
    );
    let server = Server::start(root, &[]);
    let (status, body) = server.get("/");
    assert_eq!(status, 503);
    assert!(body.contains("Waiting for a good build"));
    assert!(body.contains("__evident/live.js"));
    let mut events = server.events("index.html", 0);
    assert_eq!(events.next()["action"], "errors");
    edit(
        root,
        FINDING,
        "criteria: [\"2.9\"]",
        "criteria: [\"2.1\", \"3.1\"]",
    );
    let event = events.next();
    assert!(
        event["action"] == "go" || event["action"] == "reload",
        "{event}"
    );
    assert_eq!(server.get("/").0, 200);
}

#[test]
fn a_stylesheet_edit_swaps_the_stylesheet_in_place() {
    let project = worked_example();
    let root = project.path();
    let server = Server::start(root, &[]);
    let mut events = server.events("domains/2/2-1.html", 1);
    let mut report = server.events("report.html", 1);
    assert_eq!(events.next()["action"], "clear");
    assert_eq!(report.next()["action"], "clear");
    // themes/ does not exist yet: watching the root notices it appear, and
    // the rebuild reads what is in it.
    let css = std::fs::read_to_string(repo_root().join("themes/default/static/style.css")).unwrap();
    write(
        root,
        "themes/default/static/style.css",
        &(css.clone() + "\n/* ours */\n"),
    );
    assert_eq!(events.next()["action"], "reload");
    assert_eq!(report.next()["action"], "reload");
    let home = server.get("/").1;
    let sheet = home
        .split("href=\"")
        .find_map(|s| {
            s.split('"')
                .next()
                .filter(|h| h.starts_with("assets/style."))
        })
        .unwrap()
        .to_string();
    assert!(server.get(&format!("/{sheet}")).1.ends_with("/* ours */\n"));
    // Now an edit of the stylesheet alone: swapped in place.
    write(
        root,
        "themes/default/static/style.css",
        &(css.clone() + "\n/* ours, again */\n"),
    );
    let event = events.next();
    assert_eq!(event["action"], "css", "{event}");
    let sheets = event["stylesheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 1);
    let sheet = sheets[0].as_str().unwrap();
    assert!(
        sheet.starts_with("assets/style.") && sheet.ends_with(".css"),
        "{sheet}"
    );
    assert!(
        server
            .get(&format!("/{sheet}"))
            .1
            .ends_with("/* ours, again */\n")
    );
    // The report inlines its CSS, so it reloads.
    assert_eq!(report.next()["action"], "reload");
    // A template edit is a reload.
    write(
        root,
        "themes/default/templates/404.html",
        "{% extends \"default/404.html\" %}",
    );
    let event = events.next();
    assert_ne!(event["action"], "css", "{event}");
}

#[test]
fn polling_sees_edits_too() {
    let project = worked_example();
    let server = Server::start(project.path(), &["--poll"]);
    server.wait_log("by polling");
    let mut events = server.events("domains/2/2-1.html", 1);
    assert_eq!(events.next()["action"], "clear");
    edit(
        project.path(),
        FINDING,
        "was a clear strength",
        "was a polled strength",
    );
    assert_eq!(events.next()["action"], "reload");
    assert!(server.get(STANDARD).1.contains("a polled strength"));
    // A second save within the same second, of the same length, is seen:
    // the poller compares contents, not only whole-second times.
    edit(
        project.path(),
        FINDING,
        "a polled strength",
        "a POLLED strength",
    );
    assert_eq!(events.next()["action"], "reload");
    assert!(server.get(STANDARD).1.contains("a POLLED strength"));
}

/// Start `evident serve` with `args` (and extra environment), wait for its
/// address line, let `meanwhile` run, stop it; returns the address line and
/// everything it wrote to standard error.
fn serve_briefly(
    args: &[&str],
    env: &[(&str, String)],
    meanwhile: impl FnOnce(),
) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evident"))
        .arg("serve")
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    meanwhile();
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (line.trim().to_string(), err)
}

#[test]
fn a_taken_port_moves_to_the_next_and_other_addresses_are_warned_about() {
    let project = worked_example();
    let root = project.path().to_str().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let (line, _) = serve_briefly(&["--root", root, "--port", &port.to_string()], &[], || {});
    let chosen: u16 = line
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse()
        .unwrap();
    assert!(chosen > port && chosen <= port + 20, "{line}");

    let (line, err) = serve_briefly(
        &["--root", root, "--port", "0", "--bind", "0.0.0.0"],
        &[],
        || {},
    );
    // The address to open on this machine: loopback, which the preview
    // answers to, not the wildcard.
    assert!(
        line.starts_with("Serving the preview at http://127.0.0.1:"),
        "{line}"
    );
    assert!(err.contains("warning: listening on 0.0.0.0"), "{err}");
}

#[test]
fn a_folder_without_content_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_evident"))
        .args(["serve", "--port", "0", "--root"])
        .arg(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `content/` folder"));
}

#[cfg(target_os = "linux")]
#[test]
fn open_starts_the_systems_browser_at_the_address() {
    use std::os::unix::fs::PermissionsExt;
    let project = worked_example();
    // A stand-in for the desktop's `xdg-open` that notes what it was given.
    let bin = tempfile::tempdir().unwrap();
    let noted = bin.path().join("opened.txt");
    let fake = bin.path().join("xdg-open");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", noted.display()),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (line, _) = serve_briefly(
        &[
            "--root",
            project.path().to_str().unwrap(),
            "--port",
            "0",
            "--open",
        ],
        &[("PATH", path)],
        || {
            let started = Instant::now();
            while !noted.exists() && started.elapsed() < PATIENCE {
                std::thread::sleep(Duration::from_millis(20));
            }
            std::thread::sleep(Duration::from_millis(50));
        },
    );
    let url = line.rsplit(' ').next().unwrap();
    assert_eq!(std::fs::read_to_string(&noted).unwrap(), url);
}

#[test]
fn a_project_that_cannot_be_read_for_a_moment_keeps_being_served() {
    let project = worked_example();
    let root = project.path();
    let server = Server::start(root, &[]);
    let mut events = server.events("index.html", 1);
    assert_eq!(events.next()["action"], "clear");
    // As a branch switch can: content/ goes away, then comes back.
    let saved = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&root.join("content"), saved.path());
    std::fs::remove_dir_all(root.join("content")).unwrap();
    // Removing a folder is not one step: a rebuild may start while some of
    // its files are gone and others not (then a file vanishes as it is
    // read). Every event meanwhile reports errors; the last says the
    // folder is gone.
    let started = Instant::now();
    loop {
        let event = events.next();
        assert_eq!(event["action"], "errors", "{event}");
        let message = event["errors"][0]["message"].as_str().unwrap_or_default();
        if event["errors"][0]["code"] == "io" && message.contains("no `content/` folder") {
            break;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "never said the folder is gone: {event}"
        );
    }
    // The last good site is still served.
    assert!(server.get("/").1.contains("Peer review of Northbrook"));
    crate::common::copy_dir(saved.path(), &root.join("content"));
    server.wait_for("/__evident/live.js", |_| true);
    let mut again = server.events("index.html", 0);
    let started = Instant::now();
    loop {
        let action = again.next()["action"].clone();
        if action != "errors" {
            break;
        }
        assert!(started.elapsed() < PATIENCE, "never recovered");
        again = server.events("index.html", 0);
        std::thread::sleep(Duration::from_millis(100));
    }
    // And later edits are seen: the new content/ is watched.
    edit(
        root,
        FINDING,
        "was a clear strength",
        "was a restored strength",
    );
    server.wait_for(STANDARD, |b| b.contains("a restored strength"));
}

/// A copy of the worked example in `review/`, beside an empty folder
/// `elsewhere/`, as a reviewer's folders sit side by side.
fn review_beside_elsewhere() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(
        &repo_root().join("content"),
        &dir.path().join("review/content"),
    );
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    dir
}

#[test]
fn live_reload_works_with_a_relative_root() {
    // As the README runs it, from inside the project with no --root (so
    // `.`); with `--root .`; and from a neighbouring folder.
    for (from, args, word) in [
        ("review", &[][..], "first"),
        ("review", &["--root", "."][..], "second"),
        ("elsewhere", &["--root", "../review"][..], "third"),
        ("review", &["--root", "../review/./"][..], "fourth"),
    ] {
        let dir = review_beside_elsewhere();
        let server = Server::start_in(&dir.path().join(from), args);
        let mut events = server.events("domains/2/2-1.html", 1);
        assert_eq!(events.next()["action"], "clear");
        let new_text = format!("was a {word} strength");
        edit(
            &dir.path().join("review"),
            FINDING,
            "was a clear strength",
            &new_text,
        );
        let event = events.next();
        assert_eq!(
            event["action"], "reload",
            "from {from} with {args:?}: {event}"
        );
        assert!(
            server.get(STANDARD).1.contains(&new_text),
            "from {from} with {args:?}"
        );
        // Nothing was written, wherever it ran from.
        assert!(!dir.path().join("review/output").exists());
        assert_eq!(
            std::fs::read_dir(dir.path().join("elsewhere"))
                .unwrap()
                .count(),
            0
        );
    }
}

/// What the site says on every page: a refusal must never contain it.
const SITE_TEXT: &str = "Northbrook";

#[test]
fn requests_for_another_host_name_are_refused() {
    // DNS rebinding: a page at rebind.example, whose name then resolves to
    // 127.0.0.1, reads the preview as its own origin. Its requests carry
    // its own host name.
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    let port = server.port;
    let targets = [
        "/",
        "/index.html",
        STANDARD,
        "/data/report.json",
        "/data/cases.csv",
        "/search-index.js",
        "/__evident/live.js",
        "/__evident/events?page=index.html&since=0",
        "/domains/2",
        "/no-such-page.html",
    ];
    for host in [
        format!("rebind.example:{port}"),
        "rebind.example".to_string(),
        format!("REBIND.example:{port}"),
        format!("localhost.rebind.example:{port}"),
        format!("127.0.0.1.rebind.example:{port}"),
        format!("sub.localhost:{port}"),
        format!("127.0.0.2:{port}"),
        format!("0.0.0.0:{port}"),
        format!("[::2]:{port}"),
        format!("[::ffff:7f00:2]:{port}"),
    ] {
        for target in targets {
            let (status, head, body) = server.get_with(target, &format!("Host: {host}\r\n"));
            assert_eq!(status, 421, "{host} {target}: {head}");
            assert!(!body.contains(SITE_TEXT), "{host} {target}");
            assert!(!body.contains("__evident"), "{host} {target}");
            // The refusal says which names are answered.
            assert!(
                body.contains("localhost") && body.contains("127.0.0.1") && body.contains("[::1]"),
                "{body}"
            );
            assert!(!head.contains("text/event-stream"), "{head}");
        }
    }
    // Malformed: no Host at all, two of them, an empty one, a user name,
    // a bad port. Refused as bad requests, never served.
    for headers in [
        String::new(),
        format!("Host: 127.0.0.1:{port}\r\nHost: rebind.example:{port}\r\n"),
        "Host: \r\n".to_string(),
        format!("Host: localhost@rebind.example:{port}\r\n"),
        "Host: localhost:port\r\n".to_string(),
        "Host: localhost:99999\r\n".to_string(),
        "Host: [::1\r\n".to_string(),
        "Host: localhost/x\r\n".to_string(),
    ] {
        let (status, _, body) = server.get_with("/data/report.json", &headers);
        assert!(status == 400 || status == 421, "{headers:?}: {status}");
        assert!(!body.contains(SITE_TEXT), "{headers:?}");
    }
    let (status, _, _) = server.get_with("/", "");
    assert_eq!(status, 400, "HTTP/1.1 without Host");
    // HTTP/1.0 may omit Host, but no browser does; a request that names
    // no host is not answered either.
    let (status, _, body) = server.raw("GET /data/report.json HTTP/1.0\r\n\r\n");
    assert_eq!(status, 400);
    assert!(!body.is_empty() && !String::from_utf8_lossy(&body).contains(SITE_TEXT));
    // A request target in absolute form names its host there, and that is
    // the one that counts (RFC 9112, 3.2.2).
    let (status, _, _) = server.raw(&format!(
        "GET http://rebind.example:{port}/data/report.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(status, 421);
    let (status, _, _) = server.raw(&format!(
        "GET http://localhost:{port}/data/report.json HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(status, 200);

    // The names the machine itself uses for loopback, in every spelling a
    // browser or a tool sends.
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("localhost.:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "[::1]".to_string(),
        format!("[0:0:0:0:0:0:0:1]:{port}"),
        format!("[::ffff:127.0.0.1]:{port}"),
        // Through a forwarded port (`ssh -L 8080:localhost:4000`).
        "localhost:8080".to_string(),
    ] {
        let (status, _, body) = server.get_with("/data/report.json", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "{host}");
        assert!(body.contains(SITE_TEXT), "{host}");
    }
}

#[test]
fn requests_from_other_sites_are_refused() {
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    let port = server.port;
    let host = format!("Host: localhost:{port}\r\n");
    // Another page in the same browser asking for the event stream or the
    // data, by name or through a rebound one: its Origin gives it away.
    for origin in [
        format!("http://rebind.example:{port}"),
        "http://rebind.example".to_string(),
        format!("http://localhost:{}", port.wrapping_add(1)),
        format!("https://localhost:{port}"),
        format!("http://localhost:{port}.rebind.example"),
        format!("http://127.0.0.1:{port}"),
        "null".to_string(),
        "file://".to_string(),
        String::new(),
    ] {
        for target in [
            "/__evident/events?page=index.html&since=0",
            "/data/report.json",
            "/",
        ] {
            let (status, _, body) = server.get_with(target, &format!("{host}Origin: {origin}\r\n"));
            assert_eq!(status, 403, "{origin} {target}");
            assert!(!body.contains(SITE_TEXT), "{origin} {target}");
        }
    }
    // The page's own origin is welcome, and so is no Origin at all.
    let mut events = server.events_with(
        "index.html",
        1,
        &format!("{host}Origin: http://localhost:{port}\r\n"),
    );
    assert_eq!(events.next()["action"], "clear");
    let (status, _, _) = server.get_with(
        "/data/report.json",
        &format!("{host}Origin: http://LOCALHOST:{port}\r\n"),
    );
    assert_eq!(status, 200);

    // Browsers say where a request comes from in Sec-Fetch-Site: another
    // site's scripts, images and frames get nothing; a link followed from
    // another site opens the page.
    for (site, mode, dest, expected) in [
        ("cross-site", "no-cors", "script", 403),
        ("cross-site", "cors", "empty", 403),
        ("cross-site", "navigate", "iframe", 403),
        ("cross-site", "no-cors", "image", 403),
        ("cross-site", "navigate", "document", 200),
        ("same-origin", "cors", "empty", 200),
        ("same-site", "no-cors", "script", 200),
        ("none", "navigate", "document", 200),
    ] {
        let (status, _, _) = server.get_with(
            "/search-index.js",
            &format!(
                "{host}Sec-Fetch-Site: {site}\r\nSec-Fetch-Mode: {mode}\r\nSec-Fetch-Dest: {dest}\r\n"
            ),
        );
        assert_eq!(status, expected, "{site} {mode} {dest}");
    }
}

#[test]
fn redirects_stay_on_the_site() {
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    // A `Location` starting `//` or `/\` is read by browsers as another
    // host (`//domains/2/` is the host `domains`).
    for (target, expected) in [
        ("//domains/2", Some("/domains/2/")),
        ("///domains/2", Some("/domains/2/")),
        ("/domains/2//", Some("/domains/2/")),
        ("/domains//2/", Some("/domains/2/")),
        ("/domains/2", Some("/domains/2/")),
        ("/%2F%2Fevil.example/x", Some("/evil.example/x")),
        ("/%2fdomains/2", Some("/domains/2/")),
        ("//evil.example/", Some("/evil.example/")),
        ("/\\evil.example", None),
        ("/%5Cevil.example", None),
        ("/%5C%5Cevil.example/", None),
    ] {
        let (status, head, _) = server.request("GET", target);
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .map(str::to_string);
        if let Some(l) = &location {
            assert!(
                l.starts_with('/') && !l.starts_with("//") && !l.starts_with("/\\"),
                "{target} → {l}"
            );
        }
        assert_eq!(location.as_deref(), expected, "{target}: {head}");
        match expected {
            Some(_) => assert_eq!(status, 301, "{target}"),
            None => assert_eq!(status, 400, "{target}"),
        }
    }
    // Where a redirect leads is served.
    let (status, body) = server.get("/domains/2/");
    assert_eq!(status, 200);
    assert!(body.contains(SITE_TEXT));
}

/// The longest the preview lets a connection take to send a request's head
/// (the server's bound, plus room for a busy machine).
const HEAD_WITHIN: Duration = Duration::from_secs(5 + 7);

/// Read from `stream` until the server closes it; how long that took, or
/// `None` if it was still open after `HEAD_WITHIN`.
fn closed_after(mut stream: TcpStream, started: Instant) -> Option<Duration> {
    stream.set_read_timeout(Some(HEAD_WITHIN)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            // A 408 may come before the close.
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None;
            }
            Err(_) => return Some(started.elapsed()),
        }
    }
}

#[test]
fn idle_and_trickling_connections_are_closed() {
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    // A connection that sends nothing.
    let started = Instant::now();
    let silent = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let closed = closed_after(silent, started);
    assert!(closed.is_some(), "a silent connection was kept open");

    // One that sends half a request line, then a byte now and then: the
    // head would take a minute.
    let started = Instant::now();
    let mut trickle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    trickle.write_all(b"GET /data/rep").unwrap();
    let mut writer = trickle.try_clone().unwrap();
    let feeding = std::thread::spawn(move || {
        for byte in "ort.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
            .bytes()
            .chain(std::iter::repeat_n(b'a', 200))
        {
            std::thread::sleep(Duration::from_millis(300));
            if writer.write_all(&[byte]).is_err() {
                return;
            }
        }
    });
    let closed = closed_after(trickle, started);
    assert!(closed.is_some(), "a trickling connection was kept open");
    let _ = feeding.join();

    // A connection kept alive after an answer is closed once idle too.
    let started = Instant::now();
    let mut kept = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    kept.write_all(b"GET /data/report.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    assert!(
        closed_after(kept, started).is_some(),
        "an idle keep-alive connection was kept open"
    );
}

#[test]
fn the_event_stream_outlives_the_read_timeout() {
    let project = worked_example();
    let server = Server::start(project.path(), &[]);
    let mut events = server.events("domains/2/2-1.html", 1);
    assert_eq!(events.next()["action"], "clear");
    // Longer than any connection may take to send its head.
    std::thread::sleep(Duration::from_secs(7));
    edit(
        project.path(),
        FINDING,
        "was a clear strength",
        "was a lasting strength",
    );
    assert_eq!(events.next()["action"], "reload");
}

#[test]
fn a_wildcard_bind_answers_to_the_machines_own_names_and_says_which() {
    let project = worked_example();
    let server = Server::start(project.path(), &["--bind", "0.0.0.0"]);
    let port = server.port;
    let log = server.wait_log("answering to ");
    let line = log
        .lines()
        .find(|l| l.contains("answering to "))
        .unwrap()
        .to_string();
    for name in ["localhost", "127.0.0.1", "[::1]"] {
        assert!(line.contains(name), "{line}");
    }
    // The host name the system gives is answered to.
    #[cfg(target_os = "linux")]
    {
        let name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
        let name = name.trim();
        assert!(line.contains(name), "{name}: {line}");
        let (status, _, _) =
            server.get_with("/data/report.json", &format!("Host: {name}:{port}\r\n"));
        assert_eq!(status, 200);
        let (status, _, _) = server.get_with(
            "/data/report.json",
            &format!("Host: {}:{port}\r\n", name.to_uppercase()),
        );
        assert_eq!(status, 200);
    }
    // So is the address a connection arrived on.
    let (status, _, _) =
        server.get_with("/data/report.json", &format!("Host: 127.0.0.1:{port}\r\n"));
    assert_eq!(status, 200);
    // A rebound name still is not.
    let (status, _, body) = server.get_with(
        "/data/report.json",
        &format!("Host: rebind.example:{port}\r\n"),
    );
    assert_eq!(status, 421);
    assert!(!body.contains(SITE_TEXT));
}

/// The `src` of the case sample's chart on the served page.
fn chart_src(server: &Server) -> String {
    let (_, html) = server.get("/cases/index.html");
    let at = html
        .find("assets/disposals.")
        .expect("the chart is on the page");
    html[at..].split('"').next().unwrap().to_string()
}

#[test]
fn images_are_served_and_a_changed_image_is_picked_up() {
    let project = worked_example();
    let server = Server::start_in(project.path(), &[]);
    let src = chart_src(&server);
    let (status, head, body) = server.request("GET", &format!("/{src}"));
    assert_eq!(status, 200, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: image/svg+xml"),
        "{head}"
    );
    assert_eq!(
        body,
        std::fs::read(project.path().join("content/cases/disposals.svg")).unwrap()
    );

    // The author exports the chart again: the page names the new copy,
    // which is served, so no browser shows the old one from its cache.
    let chart = project.path().join("content/cases/disposals.svg");
    let text = std::fs::read_to_string(&chart).unwrap();
    std::fs::write(
        &chart,
        text.replace("(illustrative)", "(illustrative, revised)"),
    )
    .unwrap();
    let started = Instant::now();
    let new_src = loop {
        let now = chart_src(&server);
        if now != src {
            break now;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the new chart was never served; stderr:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let (status, _, body) = server.request("GET", &format!("/{new_src}"));
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("(illustrative, revised)"));
}

#[test]
fn serve_in_a_sub_folder_finds_the_project_and_sees_saves() {
    // As a reviewer runs it from the folder of the file being written,
    // with no --root: live reload must work as from the project itself.
    let dir = review_beside_elsewhere();
    let review = dir.path().join("review");
    let server = Server::start_in(&review.join("content/findings/assessment"), &[]);
    server.wait_log(&format!(
        "note: using the review project in `{}`\n",
        review.canonicalize().unwrap().display()
    ));
    let mut events = server.events("domains/2/2-1.html", 1);
    assert_eq!(events.next()["action"], "clear");
    edit(
        &review,
        FINDING,
        "was a clear strength",
        "was a found strength",
    );
    assert_eq!(events.next()["action"], "reload");
    assert!(server.get(STANDARD).1.contains("was a found strength"));
    assert!(!review.join("output").exists());
    assert!(!review.join("content/findings/assessment/output").exists());
}

#[test]
fn the_preview_marks_overdue_actions_on_the_day_asked() {
    // As at a board meeting: the plan looked at on a day other than
    // publication, from inside the project with no --root.
    let dir = review_beside_elsewhere();
    let review = dir.path().join("review");
    let overdue_on = |server: &Server| {
        let (status, body) = server.get("/actions.html");
        assert_eq!(status, 200);
        let page = scraper::Html::parse_document(&body);
        crate::common::texts(&page, "main h1 + p")
    };
    let published = Server::start_in(&review, &[]);
    let on_publication = overdue_on(&published);
    assert!(
        on_publication[0].ends_with(" 1 April 2020."),
        "{on_publication:?}"
    );
    drop(published);
    let later = Server::start_in(&review, &["--as-of", "2031-01-01"]);
    let text = overdue_on(&later);
    assert!(text[0].ends_with(" overdue on 1 January 2031."), "{text:?}");
    assert_ne!(text, on_publication);
    drop(later);
    let (code, _, err) = crate::common::run_in(&review, &["serve", "--as-of", "1/1/2031"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

/// The terminal's lines, with every number written `N` and the note on
/// the open pages taken out (it depends on how fast the machine is).
fn lines_of(log: &str) -> Vec<String> {
    log.lines()
        .map(|l| {
            let l = l.split(" (open pages shown after").next().unwrap_or(l);
            let mut out = String::new();
            for c in l.chars() {
                if c.is_ascii_digit() {
                    if !out.ends_with('N') {
                        out.push('N');
                    }
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

#[test]
fn the_terminal_says_built_then_rebuilt_and_nothing_for_an_empty_folder() {
    let project = worked_example();
    let root = project.path();
    let server = Server::start(root, &[]);
    // The first build: every page, "built".
    let built = crate::common::pages_of_a_build(root);
    let log = server.wait_log("Watching");
    assert!(
        log.starts_with(&format!("built {built} pages in ")),
        "{log}"
    );
    // A new, empty folder changes no page: nothing is said.
    std::fs::create_dir(root.join("content/findings/later")).unwrap();
    std::thread::sleep(Duration::from_millis(800));
    // A save that changes pages: "rebuilt".
    edit(
        root,
        FINDING,
        "was a clear strength",
        "was a noted strength",
    );
    server.wait_log("rebuilt ");
    // A broken save, then the same text again: the errors go, and no page
    // changed, which is said (the failure is not left as the last word).
    let before = std::fs::read_to_string(root.join(FINDING)).unwrap();
    std::fs::write(root.join(FINDING), before.replacen("title:", "title: [", 1)).unwrap();
    server.wait_log("build failed");
    std::fs::write(root.join(FINDING), &before).unwrap();
    let log = server.wait_log("no page changed");
    let lines = lines_of(&log);
    let without_diagnostics: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|l| {
            l.starts_with("built")
                || l.starts_with("rebuilt")
                || l.starts_with("Watching")
                || l.starts_with("build failed")
        })
        .collect();
    assert_eq!(
        without_diagnostics,
        [
            "built N pages in N ms",
            "Watching content/ and themes/; press Ctrl+C to stop.",
            "rebuilt N pages in N ms",
            "build failed; the preview keeps the last good version and shows the errors",
            "rebuilt in N ms; no page changed",
        ],
        "{log}"
    );
}

#[test]
fn a_busy_port_is_named_with_the_port_used_instead() {
    let project = worked_example();
    let root = project.path().to_str().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let (line, err) = serve_briefly(&["--root", root, "--port", &port.to_string()], &[], || {});
    let chosen: u16 = line
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse()
        .unwrap();
    assert_ne!(chosen, port);
    assert!(
        err.contains(&format!(
            "\nPort {port} is in use; the preview uses port {chosen} instead.\n"
        )),
        "{err}"
    );
    // A free port is not remarked on.
    drop(taken);
    let (_, err) = serve_briefly(&["--root", root, "--port", "0"], &[], || {});
    assert!(!err.contains("in use"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_wildcard_bind_prints_an_address_other_machines_can_open() {
    let project = worked_example();
    let (line, _) = serve_briefly(
        &[
            "--root",
            project.path().to_str().unwrap(),
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
        ],
        &[],
        || {},
    );
    // Here: loopback, on standard output for scripts.
    assert!(
        line.starts_with("Serving the preview at http://127.0.0.1:"),
        "{line}"
    );
    // From elsewhere: the machine's name, which the preview answers to,
    // on the terminal.
    let server = Server::start(project.path(), &["--bind", "0.0.0.0"]);
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    server.wait_log(&format!(
        "\nOther machines can open it at http://{}:{}/\n",
        name.trim().to_lowercase(),
        server.port
    ));
}

#[test]
fn warnings_are_printed_again_only_when_they_change() {
    // A project just made by `init`: its template text is a dozen
    // warnings, which the terminal shows once, not on every save.
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = crate::common::run_in(dir.path(), &["init"]);
    assert_eq!(code, 0, "{err}");
    let root = dir.path();
    let mut command = Command::new(env!("CARGO_BIN_EXE_evident"));
    command
        .arg("serve")
        .arg("--root")
        .arg(root)
        .env("RUST_LOG", "warn,evident::serve=debug");
    let server = Server::spawn(command);
    let log = server.wait_log("Watching");
    let shown = log.matches("warning[placeholder]").count();
    assert!(shown > 5, "{log}");
    // A new empty folder: rebuilt, and nothing said.
    std::fs::create_dir(root.join("content/pages/later")).unwrap();
    server.wait_log("changed: [\"content/pages/later\"]");
    std::thread::sleep(Duration::from_millis(500));
    // An edit that changes a page and leaves the warnings as they were.
    let finding = "content/findings/assessment/views-of-child.md";
    edit(
        root,
        finding,
        "title: Assessments draw",
        "title: Plans draw",
    );
    server.wait_log("rebuilt ");
    let log = server.stderr();
    assert_eq!(log.matches("warning[placeholder]").count(), shown, "{log}");
    assert!(!log.contains("0 pages"), "{log}");
    // One replaced: the ones left are shown again.
    edit(
        root,
        "content/standards/2.1.md",
        "Optional narrative shown at the top of standard 2.1's page.",
        "Assessment was the strongest of the four areas.",
    );
    let started = Instant::now();
    while server.stderr().matches("warning[placeholder]").count() != 2 * shown - 1 {
        assert!(started.elapsed() < PATIENCE, "{}", server.stderr());
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_preview_shows_the_404_page_linking_from_its_own_root_whatever_base_path_says() {
    // The preview serves the site at `/`: a base path meant for the
    // published site would send every link of its 404 page astray.
    let project = worked_example();
    let report = project.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}base_path: /reports/2026/\n")).unwrap();
    let server = Server::start_in(project.path(), &[]);
    let (status, body) = server.get("/x/y/z.html");
    assert_eq!(status, 404);
    assert!(!body.contains("reports/2026"), "{body}");
    assert!(
        body.contains(r#"<a href="/index.html">home page</a>"#),
        "{body}"
    );
    assert!(body.contains(r#"action="/search.html""#), "{body}");
    assert!(!body.contains(r#"rel="stylesheet""#), "{body}");
    // The home page it leads to is there.
    let (status, home) = server.get("/index.html");
    assert_eq!(status, 200);
    assert!(home.contains("Peer review of Northbrook"));
}

#[test]
fn a_bilingual_report_is_previewed_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_dir(
        &crate::common::repo_root().join("tests/fixtures/bilingual"),
        dir.path(),
    );
    let server = Server::start(dir.path(), &[]);
    let (status, body) = server.get("/cy/domains/2/2-1.html");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"cy\">"), "{body}");
    assert!(body.contains("Mae&#39;r asesiadau&#39;n drylwyr"), "{body}");
    let (status, body) = server.get("/domains/2/2-1.html");
    assert_eq!(status, 200);
    assert!(body.contains("Assessments are thorough"), "{body}");
    // A folder of the Welsh site is its index page, as for the English one.
    let (status, _) = server.get("/cy/");
    assert_eq!(status, 200);
}
