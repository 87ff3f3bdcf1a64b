//! The preview's HTTP side: serves the in-memory site, the live-reload
//! client and its event stream. Runs on a tokio runtime of its own thread;
//! the build code never awaits anything.
//!
//! 1. [`serve`] accepts connections itself (hyper's HTTP/1 server, rather
//!    than `axum::serve`, which has no read timeout): a connection gets
//!    [`HEAD_TIMEOUT`] to send each request's head, so idle or trickling
//!    connections are closed; an event stream, once asked for, stays open
//!    as long as its page.
//! 2. Every request passes [`super::guard::admit`] (its `Host`, `Origin`
//!    and `Sec-Fetch-Site`) before anything else; a refusal is a short
//!    plain-text answer that never holds the site's content.
//! 3. The [`router`] serves the event stream, the client, and site files.
//!    Only the files of the built site can be served: a request path is
//!    decoded ([`ask`]), refused (400) if it holds `..`, `.`, a backslash
//!    or a NUL, and then looked up in memory. Nothing is ever read from
//!    disk here. A path spelled with repeated slashes, and a folder asked
//!    for without its final slash, are redirected to the address the site
//!    uses ([`location`]), which always starts with one `/` and a segment:
//!    never `//` or `/\`, which browsers read as another host.

use super::guard::{self, Asking, Hosts, Refusal};
use super::state::{Action, Change, PreviewWords, Snapshot};
use crate::content::sanitise::{escape_attribute, escape_text};
use crate::site::urls;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::Service as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::collections::{BTreeSet, HashMap};
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// The path, under the site root, of the preview's own files. No site file
/// can live there: output paths never start with `_`.
pub const PREFIX: &str = "__evident";

/// The live-reload client, injected into served pages only.
const CLIENT: &str = include_str!("live.js");

/// State shared by the builder (which swaps snapshots and announces
/// changes) and the server (which reads them).
pub struct Shared {
    /// The site being served; receivers wait here for pending files.
    snapshot: watch::Sender<Arc<Snapshot>>,
    /// Each rebuild's change, to every open event stream.
    pub changes: broadcast::Sender<Arc<Change>>,
    /// Whether pages follow an edit to the page that shows it.
    pub follow: bool,
    /// The pages open in a browser (with an event stream), and how many
    /// times each: a rebuild renders these first.
    open: Mutex<HashMap<String, usize>>,
    /// Files asked for while pending: rendered next.
    wanted: Mutex<BTreeSet<String>>,
    /// Raised to make the builder stop starting files and look again (the
    /// watcher raises it too, when an edit arrives).
    interrupt: Arc<AtomicBool>,
    /// The preview's own words, in the report's language as last read.
    words: Mutex<Arc<PreviewWords>>,
}

/// How long a request waits for a pending file before it is told to try
/// again (503): far longer than any rendering takes, short enough that a
/// stuck build does not hang the browser.
const WAIT_FOR_RENDERING: Duration = Duration::from_secs(30);

impl Shared {
    /// State around a first snapshot. `interrupt` is raised when a request
    /// waits for a file not rendered yet.
    pub fn new(snapshot: Snapshot, follow: bool, interrupt: Arc<AtomicBool>) -> Arc<Shared> {
        let (changes, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: watch::Sender::new(Arc::new(snapshot)),
            changes,
            follow,
            open: Mutex::new(HashMap::new()),
            wanted: Mutex::new(BTreeSet::new()),
            interrupt,
            words: Mutex::new(Arc::new(PreviewWords::english())),
        })
    }

    /// The preview's words now.
    pub fn words(&self) -> Arc<PreviewWords> {
        Arc::clone(&self.words.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Speak `words` from now on (the report's language was read).
    pub fn set_words(&self, words: PreviewWords) {
        let mut now = self.words.lock().unwrap_or_else(|e| e.into_inner());
        if **now != words {
            *now = Arc::new(words);
        }
    }

    /// The current snapshot.
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }

    /// Put a new snapshot in place, then tell the browsers: never before
    /// the new site can be served (mdBook #862).
    pub fn publish(&self, snapshot: Snapshot, change: Change) {
        self.snapshot.send_replace(Arc::new(snapshot));
        // No receiver is not an error: no browser is open.
        let _ = self.changes.send(Arc::new(change));
    }

    /// Put in place a snapshot of the same build with more files rendered.
    pub fn update(&self, snapshot: Snapshot) {
        self.snapshot.send_replace(Arc::new(snapshot));
    }

    /// The pages open in a browser now.
    pub fn open_pages(&self) -> Vec<String> {
        lock(&self.open).keys().cloned().collect()
    }

    /// The pending files asked for since the last call.
    pub fn take_wanted(&self) -> BTreeSet<String> {
        std::mem::take(&mut *lock(&self.wanted))
    }

    /// The snapshot once `path` is rendered (at once when it is not
    /// pending), waiting at most `patience` (`None`: as long as it takes).
    /// `None` when the time ran out or the preview is stopping: a pending
    /// file is never handed out as it was.
    pub async fn ready(&self, path: &str, patience: Option<Duration>) -> Option<Arc<Snapshot>> {
        let mut snapshots = self.snapshot.subscribe();
        let give_up = patience.map(|p| tokio::time::Instant::now() + p);
        loop {
            let snapshot = snapshots.borrow_and_update().clone();
            if !snapshot.pending.contains(path) {
                return Some(snapshot);
            }
            if lock(&self.wanted).insert(path.to_string()) {
                // The builder may be busy with the rest of the site: have it
                // stop and start again with this file.
                self.interrupt.store(true, Ordering::SeqCst);
            }
            let changed = match give_up {
                Some(at) => tokio::time::timeout_at(at, snapshots.changed()).await,
                None => Ok(snapshots.changed().await),
            };
            if !matches!(changed, Ok(Ok(()))) {
                return None;
            }
        }
    }

    /// Count `page` as open until the returned guard is dropped.
    fn opened(self: &Arc<Self>, page: &str) -> OpenPage {
        *lock(&self.open).entry(page.to_string()).or_insert(0) += 1;
        OpenPage {
            shared: Arc::clone(self),
            page: page.to_string(),
        }
    }
}

/// A lock whose holder panicked still holds whole values here (counts, a
/// set of paths).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A page counted as open while its event stream lives.
struct OpenPage {
    shared: Arc<Shared>,
    page: String,
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        let mut open = lock(&self.shared.open);
        if let Some(n) = open.get_mut(&self.page) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.page);
            }
        }
    }
}

/// How long a connection may take to send a request's head, from when the
/// server starts waiting for one (a new connection, or one kept alive
/// after an answer). Browsers send a whole head at once and open a new
/// connection when an idle one was closed; a connection that sends
/// nothing, or trickles a byte at a time, is closed after this. The body
/// of an answer, the event stream's included, is not bounded by it.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// Accept connections on `listener` and serve each: [`guard::admit`] first,
/// then `router`. `port` is the port listened on, for the refusal's hint.
/// Runs until the process stops.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    hosts: Arc<Hosts>,
    port: u16,
) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // A connection reset before it was accepted is no reason to
                // wait; anything else (out of file descriptors) may pass in
                // a moment, as axum::serve also assumes.
                log::debug!("accepting a connection: {e}");
                if !matches!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionAborted
                        | std::io::ErrorKind::ConnectionReset
                        | std::io::ErrorKind::ConnectionRefused
                ) {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                continue;
            }
        };
        // Without TCP_NODELAY a page's head and body can wait out the
        // peer's delayed acknowledgement, adding tens of milliseconds to
        // every reload.
        if let Err(e) = stream.set_nodelay(true) {
            log::debug!("TCP_NODELAY: {e}");
        }
        // The address the connection arrived on is one of the machine's
        // own, whatever the interface: a Host naming it is answered.
        let arrived_on = match stream.local_addr() {
            Ok(addr) => addr.ip(),
            Err(e) => {
                log::debug!("the address of a connection: {e}");
                continue;
            }
        };
        let app = TowerToHyperService::new(router.clone());
        let hosts = Arc::clone(&hosts);
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let refused = admitted(&hosts, arrived_on, &request)
                .err()
                .map(|why| refusal(&hosts, why, port));
            let app = app.clone();
            async move {
                match refused {
                    Some(response) => Ok::<_, Infallible>(response),
                    None => app.call(request).await,
                }
            }
        });
        tokio::spawn(async move {
            let result = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            if let Err(e) = result {
                log::debug!("connection closed: {e}");
            }
        });
    }
}

/// [`guard::admit`] on a request's headers.
fn admitted(hosts: &Hosts, arrived_on: IpAddr, request: &Request<Incoming>) -> Result<(), Refusal> {
    let headers = request.headers();
    let host: Vec<&str> = headers
        .get_all(header::HOST)
        .iter()
        // A value that is not visible ASCII is no host name.
        .map(|v| v.to_str().unwrap_or(""))
        .collect();
    guard::admit(
        hosts,
        arrived_on,
        &Asking {
            target_authority: request.uri().authority().map(|a| a.as_str()),
            host: &host,
            origin: single(headers, &header::ORIGIN),
            fetch_site: single(headers, &HeaderName::from_static("sec-fetch-site")),
            fetch_mode: single(headers, &HeaderName::from_static("sec-fetch-mode")),
            fetch_dest: single(headers, &HeaderName::from_static("sec-fetch-dest")),
        },
    )
}

/// A header's value; `""`, which no check accepts, when it is sent more
/// than once or is not visible ASCII.
fn single<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a str> {
    let mut values = headers.get_all(name).iter();
    let first = values.next()?;
    if values.next().is_some() {
        return Some("");
    }
    Some(first.to_str().unwrap_or(""))
}

/// The answer to a refused request: its status and which host names are
/// answered, as plain text, never any of the site.
fn refusal(hosts: &Hosts, why: Refusal, port: u16) -> Response {
    let status = match why {
        Refusal::BadHost => StatusCode::BAD_REQUEST,
        Refusal::ForeignHost => StatusCode::MISDIRECTED_REQUEST,
        Refusal::ForeignOrigin | Refusal::CrossSite => StatusCode::FORBIDDEN,
    };
    let mut response = respond(status, "refused.txt", hosts.refusal_text(why, port).into());
    // The connection is not kept for another request from whoever was
    // refused.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// The router: the event stream, the client, and every site file.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(&format!("/{PREFIX}/events"), get(events))
        .route(&format!("/{PREFIX}/live.js"), get(client))
        .fallback(site_file)
        .with_state(shared)
}

async fn client() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        CLIENT,
    )
        .into_response()
}

/// `page` and `since` from an event stream's query string.
fn events_query(query: Option<&str>) -> (String, u64) {
    let (mut page, mut since) = (String::new(), 0);
    for pair in query.unwrap_or("").split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value).unwrap_or_default();
        match key {
            "page" => page = value,
            "since" => since = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    (page, since)
}

/// The event stream of one open page: first what it should do now, then an
/// action for each rebuild. The page counts as open while the stream lives.
async fn events(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let (page, since) = events_query(uri.query());
    let open = shared.opened(&page);
    let rx = shared.changes.subscribe();
    let stream = futures_util::stream::unfold(
        Stream {
            shared,
            rx,
            page,
            shown: since,
            greeted: false,
            _open: open,
        },
        |mut s| async move {
            let action = s.next().await?;
            let data = serde_json::to_string(&action).unwrap_or_default();
            Some((Ok(Event::default().data(data)), s))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// One page's event stream.
struct Stream {
    shared: Arc<Shared>,
    rx: broadcast::Receiver<Arc<Change>>,
    page: String,
    /// The generation the page shows.
    shown: u64,
    greeted: bool,
    _open: OpenPage,
}

impl Stream {
    /// The next action for the page; `None` when the server stops.
    async fn next(&mut self) -> Option<Action> {
        let action = if !self.greeted {
            self.greeted = true;
            let snapshot = self.shared.ready(&self.page, None).await?;
            snapshot.greeting(&self.page, self.shown)
        } else {
            match self.rx.recv().await {
                Ok(change) => {
                    let action = change.action_for(&self.page, self.shared.follow);
                    if change.waits(&self.page, &action) {
                        let snapshot = self.shared.ready(&self.page, None).await?;
                        snapshot.after_waiting(&self.page, self.shown, action)
                    } else {
                        action
                    }
                }
                // Missed changes: the page cannot know what it shows, so it
                // reloads.
                Err(broadcast::error::RecvError::Lagged(_)) => Action::Reload { generation: 0 },
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        };
        if let Action::Reload { generation } | Action::Css { generation, .. } = action {
            self.shown = self.shown.max(generation);
        }
        Some(action)
    }
}

/// Why a request path was refused.
#[derive(Debug, PartialEq)]
pub enum BadPath {
    /// Not valid percent-encoded UTF-8.
    Encoding,
    /// A `..` or `.` segment, a backslash or a NUL.
    Unsafe,
}

/// What a request path asks for.
#[derive(Debug, PartialEq)]
pub struct Asked {
    /// The site file: `domains/2/index.html`.
    pub file: String,
    /// Whether the path was spelled as the site spells it; if not (it had
    /// repeated slashes), the browser is sent to [`location`] of the file.
    pub tidy: bool,
}

/// Read a request path (as sent, percent-encoded): the site file it asks
/// for, or why it is refused. `/domains/2/` → `domains/2/index.html`;
/// `//domains//2/` → the same, not tidy.
pub fn ask(request: &str) -> Result<Asked, BadPath> {
    let decoded = percent_decode(request).ok_or(BadPath::Encoding)?;
    Ok(Asked {
        file: file_of(&decoded)?,
        tidy: !decoded.contains("//"),
    })
}

/// The site path a request path asks for: decoded, checked, with
/// `index.html` added to a folder. `/domains/2/` → `domains/2/index.html`.
pub fn site_path(request: &str) -> Result<String, BadPath> {
    ask(request).map(|asked| asked.file)
}

/// The site file a decoded request path names.
fn file_of(decoded: &str) -> Result<String, BadPath> {
    if decoded.contains('\\') || decoded.contains('\0') {
        return Err(BadPath::Unsafe);
    }
    let trimmed = decoded.trim_start_matches('/');
    let mut segments: Vec<&str> = Vec::new();
    for segment in trimmed.split('/') {
        match segment {
            ".." | "." => return Err(BadPath::Unsafe),
            // `a//b` is `a/b`, as a file server would read it.
            "" => {}
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if trimmed.is_empty() || trimmed.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

/// The address of a site file, for a `Location` header: from the root,
/// percent-encoded, a folder's `index.html` as the folder
/// (`domains/2/index.html` → `/domains/2/`). It starts with `/` and, unless
/// it is `/` alone, a character other than `/` or `\`, whatever `file`
/// holds: a `Location` of `//host/` or `/\host/` would send the browser to
/// another host. [`ask`] reads it back as `file`.
pub fn location(file: &str) -> String {
    let (path, folder) = match file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => (folder, true),
        _ => (file, false),
    };
    let mut out = String::from("/");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for &b in segment.as_bytes() {
            // RFC 3986's unreserved characters and sub-delimiters, `:` and
            // `@` stand for themselves in a path; everything else (`/`,
            // `\`, `%`, `?`, `#`, spaces, non-ASCII) is encoded.
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    if folder && !segments.is_empty() {
        out.push('/');
    }
    out
}

/// Decode `%XX` escapes; `None` for a `%` not followed by two hex digits,
/// or bytes that are not UTF-8 (overlong forms included).
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            // Checked here: `from_str_radix` also takes a sign (`%+1`).
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of a site file, by its extension.
pub fn media_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain; charset=utf-8",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    }
}

/// A served HTML page with the live-reload client added before `</body>`.
/// `page` is the page's root-relative path as the client reports it; the
/// script is loaded by a relative URL, so it works at any depth (Zola #2742).
pub fn inject(
    html: &[u8],
    page: &str,
    depth_of: &str,
    generation: u64,
    words: &PreviewWords,
) -> Vec<u8> {
    let root = urls::root_of(depth_of);
    let attr = |v: &str| {
        let mut out = String::with_capacity(v.len());
        escape_attribute(&mut out, v);
        out
    };
    let page_attr = attr(page);
    // The overlay's words, for the script to use (JSON in an attribute).
    let words_attr = attr(&serde_json::to_string(words).unwrap_or_default());
    let tag = format!(
        r#"<script src="{root}{PREFIX}/live.js" data-root="{root}" data-page="{page_attr}" data-generation="{generation}" data-words="{words_attr}"></script>"#
    );
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The page shown before the first good build, in the report's language
/// as last read: the client shows the errors over it and reloads once the
/// site exists.
fn waiting_page(words: &PreviewWords) -> String {
    let text = |t: &str| {
        let mut out = String::with_capacity(t.len());
        escape_text(&mut out, t);
        out
    };
    let mut lang = String::new();
    escape_attribute(&mut lang, &words.lang);
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} – Evident</title></head><body><main><h1>{title}</h1><p>{body}</p></main></body></html>",
        lang = lang,
        title = text(&words.waiting_title),
        body = text(&words.waiting_text),
    )
}

async fn site_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD are served\n",
        )
            .into_response();
    }
    let Ok(Asked { file: path, tidy }) = ask(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    };
    let snapshot = shared.current();
    if !snapshot.has_site() {
        let words = shared.words();
        let page = inject(
            waiting_page(&words).as_bytes(),
            &path,
            &path,
            snapshot.generation,
            &words,
        );
        return respond(StatusCode::SERVICE_UNAVAILABLE, "index.html", page.into());
    }
    // `/domains/2` is the folder `domains/2/`: redirect, so that the page's
    // relative links resolve from inside it. A path with repeated slashes
    // goes to its tidy spelling, for the same reason.
    let folder_index = format!("{path}/index.html");
    if !snapshot.exists(&path) && snapshot.exists(&folder_index) {
        return moved(&location(&folder_index));
    }
    if !tidy {
        return moved(&location(&path));
    }
    let Some(snapshot) = shared.ready(&path, Some(WAIT_FOR_RENDERING)).await else {
        return still_rendering(&path);
    };
    if let Some(bytes) = snapshot.files.get(&path) {
        let body = if path.ends_with(".html") {
            let at = snapshot.changed_at.get(&path).copied().unwrap_or(0);
            inject(bytes, &path, &path, at, &shared.words()).into()
        } else {
            bytes.clone()
        };
        return respond(StatusCode::OK, &path, body);
    }
    let Some(snapshot) = shared.ready("404.html", Some(WAIT_FOR_RENDERING)).await else {
        return still_rendering(&path);
    };
    match snapshot.files.get("404.html") {
        Some(bytes) => {
            let page = inject(bytes, &path, &path, snapshot.generation, &shared.words());
            respond(StatusCode::NOT_FOUND, "404.html", page.into())
        }
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// A permanent redirect to `location`, a value made by [`location`].
fn moved(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
    }
}

/// A file that took too long to render: try again shortly.
fn still_rendering(path: &str) -> Response {
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"2\"><title>Still rendering – Evident</title></head><body><main><h1>Still rendering</h1><p>This page is taking long to render; it will load when it is ready.</p></main></body></html>";
    let mut response = respond(StatusCode::SERVICE_UNAVAILABLE, "index.html", page.into());
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    log::warn!("`{path}` was not rendered within {WAIT_FOR_RENDERING:?}");
    response
}

fn respond(status: StatusCode, path: &str, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(media_type(path)),
    );
    // A preview must never show a stale copy.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_paths() {
        assert_eq!(site_path("/").unwrap(), "index.html");
        assert_eq!(site_path("").unwrap(), "index.html");
        assert_eq!(site_path("/domains/2/").unwrap(), "domains/2/index.html");
        assert_eq!(
            site_path("/domains/2/2-1.html").unwrap(),
            "domains/2/2-1.html"
        );
        assert_eq!(site_path("/domains/2").unwrap(), "domains/2");
        assert_eq!(
            site_path("//cases//index.html").unwrap(),
            "cases/index.html"
        );
        assert_eq!(
            site_path("/focus/caf%C3%A9.html").unwrap(),
            "focus/café.html"
        );
    }

    #[test]
    fn traversal_and_odd_encodings_are_refused() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/assets/..%2f..%2fCargo.toml",
            "/a/./b.html",
            "/..%5c..%5cCargo.toml",
            "/a\\b",
            "/a%00.html",
        ] {
            assert_eq!(site_path(bad), Err(BadPath::Unsafe), "{bad}");
        }
        for bad in ["/%zz", "/%c3", "/%"] {
            assert_eq!(site_path(bad), Err(BadPath::Encoding), "{bad}");
        }
    }

    #[test]
    fn hostile_paths_are_refused_whatever_their_encoding() {
        for bad in [
            // `..` and `.` in every spelling.
            "/..",
            "/../",
            "/a/..",
            "/%2e%2e",
            "/%2E%2e/x",
            "/.%2e/x",
            "/%2e./x",
            "/%2e",
            "/a/%2e/b",
            "/a%2f..%2fb",
            "/a%2F%2E%2E%2Fb",
            "//../x",
            // Backslashes, raw or encoded, anywhere.
            "/\\evil.example",
            "/%5Cevil.example",
            "/%5c%5cevil.example/",
            "/a/b\\..\\c",
            // NUL, raw or encoded.
            "/a\0b",
            "/a%00b",
            "/%00",
        ] {
            assert_eq!(site_path(bad), Err(BadPath::Unsafe), "{bad:?}");
        }
        for bad in [
            "/%",
            "/a%",
            "/a%2",
            "/%%",
            "/%g0",
            "/%+1",
            "/%-1",
            "/% 1",
            // Overlong UTF-8 for `.` and `/`, and a lone surrogate.
            "/%C0%AE%C0%AE/x",
            "/%E0%80%AE",
            "/%C0%AF",
            "/%ED%A0%80",
            "/%FF",
            // Truncated UTF-8.
            "/caf%C3",
        ] {
            assert_eq!(site_path(bad), Err(BadPath::Encoding), "{bad:?}");
        }
        // Very long paths are read in one pass, whatever they hold.
        let long = "/a".repeat(100_000);
        assert_eq!(site_path(&long).unwrap().len(), 199_999);
        let dots = "/..".repeat(100_000);
        assert_eq!(site_path(&dots), Err(BadPath::Unsafe));
    }

    #[test]
    fn repeated_slashes_are_not_tidy() {
        for (request, file) in [
            ("//domains/2", "domains/2"),
            ("/domains/2//", "domains/2/index.html"),
            ("//", "index.html"),
            ("/%2F%2Fevil.example/x", "evil.example/x"),
            ("/a%2f%2fb", "a/b"),
        ] {
            assert_eq!(
                ask(request),
                Ok(Asked {
                    file: file.to_string(),
                    tidy: false
                }),
                "{request}"
            );
        }
        assert!(ask("/domains/2/").unwrap().tidy);
        assert!(ask("/").unwrap().tidy);
        assert!(ask("/a%2fb").unwrap().tidy);
    }

    #[test]
    fn locations_stay_on_the_site_and_read_back_as_their_file() {
        for (file, expected) in [
            ("index.html", "/"),
            ("domains/2/index.html", "/domains/2/"),
            ("domains/2", "/domains/2"),
            ("evil.example/x", "/evil.example/x"),
            ("focus/café.html", "/focus/caf%C3%A9.html"),
            ("a b/c?d#e%f.html", "/a%20b/c%3Fd%23e%25f.html"),
            ("myindex.html", "/myindex.html"),
        ] {
            assert_eq!(location(file), expected, "{file}");
            assert_eq!(site_path(&location(file)).unwrap(), file, "{file}");
        }
        // Whatever it is given (what `ask` never gives), never another host.
        for file in [
            "",
            "/",
            "//evil.example",
            "\\evil.example",
            "/\\evil.example",
            "%2F%2Fevil.example",
            "//index.html",
            "\0",
        ] {
            let l = location(file);
            assert!(
                l.starts_with('/') && !l.starts_with("//") && !l.starts_with("/\\"),
                "{file:?} → {l}"
            );
            assert!(!l.contains('\\'), "{file:?} → {l}");
        }
        // Every path a request can name, tidied, reads back as the same file.
        for request in ["//a//b//", "/%2F%2Fevil.example/x", "/x/./", "/caf%C3%A9/"] {
            if let Ok(asked) = ask(request) {
                assert_eq!(site_path(&location(&asked.file)).unwrap(), asked.file);
                assert!(ask(&location(&asked.file)).unwrap().tidy, "{request}");
            }
        }
    }

    #[test]
    fn the_client_is_injected_before_the_end_of_body_by_a_relative_url() {
        let words = PreviewWords {
            lang: "cy".into(),
            dismiss: "Cau".into(),
            failed: vec![["other".into(), "{n} \"gwall\" <b>".into()]],
            help: "Help:".into(),
            waiting_title: "Aros".into(),
            waiting_text: String::new(),
        };
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(
            html,
            "domains/2/2-1.html",
            "domains/2/2-1.html",
            7,
            &words,
        ))
        .unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"../../__evident/live.js\" data-root=\"../../\" data-page=\"domains/2/2-1.html\" data-generation=\"7\" data-words=\"{&quot;lang&quot;:&quot;cy&quot;,&quot;dismiss&quot;:&quot;Cau&quot;,&quot;failed&quot;:[[&quot;other&quot;,&quot;{n} \\&quot;gwall\\&quot; &lt;b&gt;&quot;]],&quot;help&quot;:&quot;Help:&quot;,&quot;waiting_title&quot;:&quot;Aros&quot;,&quot;waiting_text&quot;:&quot;&quot;}\"></script></body></html>"
        );
        // No </body>: appended.
        let out = String::from_utf8(inject(b"<p>x", "a.html", "a.html", 1, &words)).unwrap();
        assert!(out.starts_with("<p>x<script src=\"__evident/live.js\""));
    }

    #[test]
    fn the_event_query_names_the_page_and_generation() {
        assert_eq!(
            events_query(Some("page=domains%2F2%2F2-1.html&since=12")),
            ("domains/2/2-1.html".to_string(), 12)
        );
        assert_eq!(events_query(None), (String::new(), 0));
        assert_eq!(events_query(Some("since=x&page")), (String::new(), 0));
    }

    #[test]
    fn media_types_by_extension() {
        assert_eq!(media_type("a/b.html"), "text/html; charset=utf-8");
        assert_eq!(
            media_type("search-index.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(media_type("data/cases.csv"), "text/csv; charset=utf-8");
        assert_eq!(media_type("x"), "application/octet-stream");
    }

    #[test]
    fn a_file_that_takes_too_long_is_asked_for_again_not_served_old() {
        let response = still_rendering("report.html");
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "2");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    }
}
