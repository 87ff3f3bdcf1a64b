//! What the preview serves, and what a rebuild tells the browsers.
//!
//! A [`Snapshot`] is the last good site in memory plus the errors of the
//! latest build, if it failed. Each rebuild produces a [`Change`]: which
//! files of the site changed, whether only stylesheets did, where the edited
//! content is shown, or the diagnostics. Every open page turns the change
//! into one [`Action`] for itself ([`Change::action_for`]), so the decision
//! "reload, swap the stylesheet, go elsewhere or show the errors" is made
//! here, in plain tested code, not in the browser.

use crate::content::Sources;
use crate::diagnostic::{Diagnostic, JsonDiagnostic, Severity};
use crate::model::Review;
use crate::site::urls;
use axum::body::Bytes;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// The words the preview itself writes into a page (its error overlay and
/// the page shown before the first good build), in the report's language
/// from the theme's locales. The diagnostics it shows stay English, as
/// every message of Evident's does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewWords {
    /// The language, for `<html lang>` and the plural rules.
    pub lang: String,
    /// The overlay's close button.
    pub dismiss: String,
    /// The overlay's heading by plural category of the error count:
    /// `[category, text]` with `{n}`.
    pub failed: Vec<[String; 2]>,
    /// What goes before a diagnostic's help.
    pub help: String,
    /// The heading of the page shown before the first good build.
    pub waiting_title: String,
    /// Its text.
    pub waiting_text: String,
}

impl PreviewWords {
    /// The words of `language` in `locales`.
    pub fn new(locales: &crate::site::locale::Locales, language: &str) -> PreviewWords {
        let locale = locales.locale(language);
        PreviewWords {
            lang: language.to_string(),
            dismiss: locale.text("preview_dismiss"),
            failed: locale
                .forms("preview_failed")
                .into_iter()
                .map(|(c, t)| [c.to_string(), t])
                .collect(),
            help: locale.text("preview_help"),
            waiting_title: locale.text("preview_waiting_title"),
            waiting_text: locale.text("preview_waiting_text"),
        }
    }

    /// British English, from the default theme: before any project is read.
    /// (The default theme's files are tested to read; were they not, the
    /// keys would show.)
    pub fn english() -> PreviewWords {
        let locales = crate::site::locale::default_locales().unwrap_or_default();
        PreviewWords::new(&locales, crate::site::locale::FALLBACK)
    }
}

/// One diagnostic as the browser overlay shows it: its JSON form plus the
/// text of the line it points at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlayDiagnostic {
    /// Severity, code, message, file, line, column and help.
    #[serde(flatten)]
    pub diagnostic: JsonDiagnostic,
    /// The text of that line.
    pub source: Option<String>,
}

impl OverlayDiagnostic {
    /// A failure to read the project at all, which has no file position.
    pub fn io(message: String) -> OverlayDiagnostic {
        OverlayDiagnostic {
            diagnostic: JsonDiagnostic {
                severity: Severity::Error,
                code: "io",
                message,
                file: None,
                line: None,
                column: None,
                help: None,
            },
            source: None,
        }
    }

    /// Every diagnostic of a build, with the line it points at.
    pub fn all(diagnostics: &[Diagnostic], sources: &Sources) -> Vec<OverlayDiagnostic> {
        diagnostics
            .iter()
            .map(|d| OverlayDiagnostic {
                diagnostic: JsonDiagnostic::new(d, sources),
                source: d
                    .file
                    .zip(d.pos)
                    .and_then(|(f, p)| sources.line(f, p.line))
                    .map(str::to_string),
            })
            .collect()
    }
}

/// The site being served.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Counts builds, good or bad; 0 before the first.
    pub generation: u64,
    /// The files of the last good site (empty before one exists). A file
    /// listed in `pending` still holds the bytes of an earlier build here,
    /// if it had any.
    pub files: HashMap<String, Bytes>,
    /// Files of this generation's site not rendered yet: the preview
    /// renders the pages open in a browser first and the rest just after.
    /// A request for one waits until it is rendered.
    pub pending: BTreeSet<String>,
    /// Files of an earlier site that this one no longer has, kept while
    /// files are pending: the pages not rendered again still link to them
    /// (an old stylesheet, say), and a build that fails now falls back on
    /// those pages. Not served otherwise.
    pub retired: HashMap<String, Bytes>,
    /// The generation in which each file last changed.
    pub changed_at: HashMap<String, u64>,
    /// The diagnostics of the latest build when it failed; empty after a
    /// good build.
    pub errors: Vec<OverlayDiagnostic>,
}

impl Snapshot {
    /// Whether a site has been built yet.
    pub fn has_site(&self) -> bool {
        !self.files.is_empty() || !self.pending.is_empty()
    }

    /// Whether the site has a file at `path`, rendered or not yet.
    pub fn exists(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.pending.contains(path)
    }

    /// The snapshot after a good build, and the change to announce.
    /// `fresh` are the files rendered so far, `pending` the rest of the new
    /// site (see [`Snapshot::filled`]); `edited` are the project-relative
    /// paths the watcher saw change; `homes` maps content files to the page
    /// (and anchor) showing them.
    pub fn succeeded(
        &self,
        fresh: Vec<(String, Vec<u8>)>,
        pending: BTreeSet<String>,
        edited: &[String],
        homes: &HashMap<String, String>,
    ) -> (Snapshot, Change) {
        let generation = self.generation + 1;
        let mut changed_at = self.changed_at.clone();
        let mut changed = BTreeSet::new();
        let fresh: HashMap<String, Bytes> = fresh
            .into_iter()
            .map(|(path, bytes)| (path, Bytes::from(bytes)))
            .collect();
        for (path, bytes) in &fresh {
            if self.files.get(path) != Some(bytes) {
                changed.insert(path.clone());
                changed_at.insert(path.clone(), generation);
            }
        }
        // Files of the last site that this one no longer has.
        for path in self.files.keys().chain(&self.pending) {
            if !fresh.contains_key(path) && !pending.contains(path) {
                changed.insert(path.clone());
                changed_at.insert(path.clone(), generation);
            }
        }
        // A pending file keeps its last bytes until it is rendered again,
        // for a failed build to fall back on; so do the files it may link
        // to that the new site no longer has.
        let mut files = fresh;
        for path in &pending {
            if let Some(bytes) = self.files.get(path) {
                files.insert(path.clone(), bytes.clone());
            }
        }
        let mut retired = HashMap::new();
        if !pending.is_empty() {
            retired = self.retired.clone();
            for (path, bytes) in &self.files {
                if !files.contains_key(path) && !pending.contains(path) {
                    retired.insert(path.clone(), bytes.clone());
                }
            }
            retired.retain(|path, _| !files.contains_key(path) && !pending.contains(path));
        }
        // A change to stylesheets alone: the open page can swap them in.
        let css_only = !edited.is_empty()
            && edited
                .iter()
                .all(|p| p.starts_with("themes/") && p.contains("/static/") && p.ends_with(".css"));
        let stylesheets = css_only.then(|| {
            files
                .keys()
                .chain(&pending)
                .filter(|p| p.starts_with("assets/") && p.ends_with(".css"))
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        });
        // Follow the edit only when one content file that is shown changed
        // (a renamed file is one gone and one shown): after a bulk change
        // (a checkout, a search and replace) no page is "the" one.
        let follow = follow(edited, homes);
        let snapshot = Snapshot {
            generation,
            files,
            pending: pending.clone(),
            retired,
            changed_at,
            errors: Vec::new(),
        };
        let change = Change {
            generation,
            changed,
            pending,
            stylesheets,
            follow,
            errors: Vec::new(),
        };
        (snapshot, change)
    }

    /// The snapshot with more of its pending files rendered, and those of
    /// them that changed. The generation stays: these files belong to the
    /// build that was announced.
    pub fn filled(&self, rendered: Vec<(String, Vec<u8>)>) -> (Snapshot, Vec<String>) {
        let mut next = self.clone();
        let mut changed = Vec::new();
        for (path, bytes) in rendered {
            let bytes = Bytes::from(bytes);
            if self.files.get(&path) != Some(&bytes) {
                changed.push(path.clone());
                next.changed_at.insert(path.clone(), self.generation);
            }
            next.pending.remove(&path);
            next.files.insert(path, bytes);
        }
        if next.pending.is_empty() {
            next.retired.clear();
        }
        (next, changed)
    }

    /// The snapshot after a failed build: the last good site stays.
    pub fn failed(&self, errors: Vec<OverlayDiagnostic>) -> (Snapshot, Change) {
        let generation = self.generation + 1;
        // Files not rendered again keep their last bytes, and the files
        // they link to that the newer pages no longer do come back; a new
        // file that was never rendered is not there.
        let mut files = self.files.clone();
        for (path, bytes) in &self.retired {
            files.entry(path.clone()).or_insert_with(|| bytes.clone());
        }
        let snapshot = Snapshot {
            generation,
            files,
            pending: BTreeSet::new(),
            retired: HashMap::new(),
            changed_at: self.changed_at.clone(),
            errors: errors.clone(),
        };
        let change = Change {
            generation,
            changed: BTreeSet::new(),
            pending: BTreeSet::new(),
            stylesheets: None,
            follow: None,
            errors,
        };
        (snapshot, change)
    }

    /// What a page that was served at generation `since` should do when it
    /// connects (or reconnects, after being hidden).
    pub fn greeting(&self, page: &str, since: u64) -> Action {
        if !self.errors.is_empty() {
            return Action::Errors {
                generation: self.generation,
                errors: self.errors.clone(),
            };
        }
        let stale = match self.changed_at.get(page) {
            Some(at) => *at > since,
            // A page that is gone, or was never there (a 404 page, or the
            // waiting page before the first good build): reload once a
            // site exists that is newer than what the browser shows.
            None => self.has_site() && self.generation > since,
        };
        if stale {
            Action::Reload {
                generation: self.generation,
            }
        } else {
            Action::Clear {
                generation: self.generation,
            }
        }
    }
}

/// What one rebuild changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The build's generation.
    pub generation: u64,
    /// Output paths whose bytes changed, appeared or disappeared.
    pub changed: BTreeSet<String>,
    /// Files of the new site not rendered yet, which may change too: a page
    /// among them learns whether it did once it is rendered
    /// ([`Change::settle`]).
    pub pending: BTreeSet<String>,
    /// When only stylesheets were edited: the site's stylesheets now.
    pub stylesheets: Option<Vec<String>>,
    /// Where the single edited content file is shown (`page.html#anchor`).
    pub follow: Option<String>,
    /// The diagnostics, when the build failed.
    pub errors: Vec<OverlayDiagnostic>,
}

/// What the browser showing one page does about a change. Serialised as
/// the data of a server-sent event: `{"action": "reload", ...}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "lowercase")]
pub enum Action {
    /// Reload in place, keeping the scroll position.
    Reload {
        /// The generation the page will show.
        generation: u64,
    },
    /// Replace the stylesheets with these (root-relative) files.
    Css {
        /// The generation the page will show.
        generation: u64,
        /// The site's stylesheets now.
        stylesheets: Vec<String>,
    },
    /// Open another page: the one showing what was edited.
    Go {
        /// The generation the page will show.
        generation: u64,
        /// Root-relative URL with its anchor.
        url: String,
    },
    /// Show the overlay with the diagnostics of a failed build.
    Errors {
        /// The failed build's generation.
        generation: u64,
        /// Every diagnostic.
        errors: Vec<OverlayDiagnostic>,
    },
    /// Nothing on this page changed; remove any overlay.
    Clear {
        /// The current generation.
        generation: u64,
    },
}

impl Change {
    /// The action for the page at root-relative `page` (`domains/2/2-1.html`).
    /// `follow` is false with `--no-follow`.
    pub fn action_for(&self, page: &str, follow: bool) -> Action {
        let generation = self.generation;
        if !self.errors.is_empty() {
            return Action::Errors {
                generation,
                errors: self.errors.clone(),
            };
        }
        if self.changed.contains(page) {
            // The printed report and the 404 page inline their
            // stylesheet: only a reload shows the new one.
            return match &self.stylesheets {
                Some(stylesheets) if !matches!(page, "report.html" | "404.html") => Action::Css {
                    generation,
                    stylesheets: stylesheets.clone(),
                },
                _ => Action::Reload { generation },
            };
        }
        match &self.follow {
            Some(url) if follow => {
                let target = url.split('#').next().unwrap_or(url);
                if target == page {
                    Action::Clear { generation }
                } else {
                    Action::Go {
                        generation,
                        url: url.clone(),
                    }
                }
            }
            _ => Action::Clear { generation },
        }
    }

    /// Whether the page at `page` must wait for its rendering before it
    /// knows what to do: it was not rendered when this change was
    /// announced (it opened just then), and nothing else was decided for it.
    pub fn waits(&self, page: &str, action: &Action) -> bool {
        matches!(action, Action::Clear { .. }) && self.pending.contains(page)
    }
}

impl Snapshot {
    /// What a page that waited for its rendering does: `action`, unless the
    /// page changed after generation `shown` (the one the browser shows),
    /// when it reloads.
    pub fn after_waiting(&self, page: &str, shown: u64, action: Action) -> Action {
        match self.changed_at.get(page) {
            Some(at) if *at > shown => Action::Reload {
                generation: self.generation,
            },
            _ => action,
        }
    }
}

/// Where the browser goes after an edit: the page (and anchor) showing the
/// one edited content file, if exactly one shown file was edited.
pub fn follow(edited: &[String], homes: &HashMap<String, String>) -> Option<String> {
    let shown: Vec<&String> = edited
        .iter()
        .filter_map(|p| homes.get(p.as_str()))
        .collect();
    match shown.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// Where each content file is shown: the page, and the anchor when the file
/// is one item of a page (a finding, a case).
pub fn homes(review: &Review, sources: &Sources) -> HashMap<String, String> {
    // The files a link can name live where links lead; cases and the
    // report file are shown too.
    let mut homes = urls::Links::new(review, sources).into_map();
    let path = |file| sources.get(file).path.clone();
    // A file of several cases: the first case it holds.
    for c in review.cases.iter().rev() {
        homes.insert(path(c.file), urls::case(review, &c.id.value));
    }
    if review.report_ok {
        homes.insert(path(review.report_file), "index.html".to_string());
    }
    homes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    fn none() -> BTreeSet<String> {
        BTreeSet::new()
    }

    fn homes(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn first() -> Snapshot {
        let (s, _) = Snapshot::default().succeeded(
            site(&[
                ("index.html", "home"),
                ("a.html", "a"),
                ("b.html", "b"),
                ("report.html", "all"),
                ("assets/style.1.css", "x"),
            ]),
            none(),
            &[],
            &HashMap::new(),
        );
        s
    }

    fn edited(paths: &[&str]) -> Vec<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn only_pages_whose_bytes_changed_count_as_changed() {
        let s = first();
        assert_eq!(s.generation, 1);
        let (next, change) = s.succeeded(
            site(&[
                ("index.html", "home"),
                ("a.html", "a2"),
                ("c.html", "new"),
                ("report.html", "all2"),
                ("assets/style.1.css", "x"),
            ]),
            none(),
            &edited(&["content/findings/x.md"]),
            &homes(&[("content/findings/x.md", "a.html#finding-x")]),
        );
        assert_eq!(
            change
                .changed
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            ["a.html", "b.html", "c.html", "report.html"]
        );
        assert_eq!(next.changed_at["a.html"], 2);
        assert_eq!(next.changed_at["index.html"], 1);
        assert_eq!(change.follow.as_deref(), Some("a.html#finding-x"));
        // The open page that changed reloads; one that did not goes to the
        // edit; the edit's own page, unchanged, stays.
        assert_eq!(
            change.action_for("a.html", true),
            Action::Reload { generation: 2 }
        );
        assert_eq!(
            change.action_for("index.html", true),
            Action::Go {
                generation: 2,
                url: "a.html#finding-x".into()
            }
        );
        assert_eq!(
            change.action_for("index.html", false),
            Action::Clear { generation: 2 }
        );
    }

    #[test]
    fn a_stylesheet_edit_swaps_the_stylesheet_except_where_it_is_inlined() {
        let s = first();
        let (_, change) = s.succeeded(
            site(&[
                ("index.html", "home, new href"),
                ("a.html", "a, new href"),
                ("b.html", "b, new href"),
                ("report.html", "all, new css"),
                ("404.html", "not found, new css"),
                ("assets/style.2.css", "y"),
            ]),
            none(),
            &edited(&["themes/ours/static/style.css"]),
            &HashMap::new(),
        );
        assert_eq!(
            change.action_for("a.html", true),
            Action::Css {
                generation: 2,
                stylesheets: vec!["assets/style.2.css".into()]
            }
        );
        assert_eq!(
            change.action_for("report.html", true),
            Action::Reload { generation: 2 }
        );
        assert_eq!(
            change.action_for("404.html", true),
            Action::Reload { generation: 2 }
        );
        // A template edit is not a stylesheet edit.
        let (_, change) = s.succeeded(
            site(&[("index.html", "other")]),
            none(),
            &edited(&[
                "themes/ours/static/style.css",
                "themes/ours/templates/base.html",
            ]),
            &HashMap::new(),
        );
        assert_eq!(change.stylesheets, None);
        assert_eq!(
            change.action_for("index.html", true),
            Action::Reload { generation: 2 }
        );
    }

    #[test]
    fn several_edited_content_files_are_not_followed() {
        let (_, change) = first().succeeded(
            site(&[("index.html", "home")]),
            none(),
            &edited(&["content/findings/x.md", "content/findings/y.md"]),
            &homes(&[
                ("content/findings/x.md", "a.html#finding-x"),
                ("content/findings/y.md", "b.html#finding-y"),
            ]),
        );
        assert_eq!(change.follow, None);
    }

    #[test]
    fn a_failed_build_keeps_the_site_and_every_page_shows_the_errors() {
        let s = first();
        let error = OverlayDiagnostic {
            diagnostic: JsonDiagnostic {
                severity: Severity::Error,
                code: "unknown-case",
                message: "no case C99".into(),
                file: Some("content/findings/x.md".into()),
                line: Some(4),
                column: Some(9),
                help: None,
            },
            source: Some("cases: [C99]".into()),
        };
        let (broken, change) = s.failed(vec![error.clone()]);
        assert_eq!(broken.files, s.files);
        assert_eq!(broken.generation, 2);
        let shown = Action::Errors {
            generation: 2,
            errors: vec![error],
        };
        assert_eq!(change.action_for("a.html", true), shown);
        assert_eq!(broken.greeting("b.html", 1), shown);
        let json = serde_json::to_value(&shown).unwrap();
        assert_eq!(json["action"], "errors");
        assert_eq!(json["errors"][0]["line"], 4);
        assert_eq!(json["errors"][0]["source"], "cases: [C99]");
        // The next good build clears it.
        let (fixed, change) = broken.succeeded(
            site(&[("index.html", "home"), ("a.html", "a")]),
            none(),
            &[],
            &HashMap::new(),
        );
        assert!(fixed.errors.is_empty());
        assert_eq!(
            change.action_for("index.html", true),
            Action::Clear { generation: 3 }
        );
    }

    #[test]
    fn a_page_reconnecting_reloads_only_when_it_changed_meanwhile() {
        let s = first();
        let (s, _) = s.succeeded(
            site(&[("index.html", "home"), ("a.html", "a2")]),
            none(),
            &[],
            &HashMap::new(),
        );
        assert_eq!(s.greeting("a.html", 1), Action::Reload { generation: 2 });
        assert_eq!(s.greeting("a.html", 2), Action::Clear { generation: 2 });
        assert_eq!(s.greeting("index.html", 1), Action::Clear { generation: 2 });
        // The waiting page shown before the first good build reloads.
        assert_eq!(
            s.greeting("nowhere.html", 0),
            Action::Reload { generation: 2 }
        );
    }

    fn set(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn pages_not_rendered_yet_are_pending_and_keep_their_last_bytes() {
        let s = first();
        // Only a.html is rendered at once; the rest of the site follows.
        let (next, change) = s.succeeded(
            site(&[("a.html", "a2")]),
            set(&["index.html", "b.html", "report.html", "new.html"]),
            &edited(&["content/findings/x.md"]),
            &homes(&[("content/findings/x.md", "a.html#finding-x")]),
        );
        // The style sheet is gone from the new site; a.html changed.
        assert_eq!(
            change
                .changed
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            ["a.html", "assets/style.1.css"]
        );
        assert!(next.has_site() && next.exists("new.html") && !next.exists("assets/style.1.css"));
        assert_eq!(&next.files["b.html"][..], b"b");
        assert!(!next.files.contains_key("new.html"));
        // A page that was open gets its action; one that opened too late to
        // be rendered first waits for its rendering.
        let reload = change.action_for("a.html", true);
        assert_eq!(reload, Action::Reload { generation: 2 });
        assert!(!change.waits("a.html", &reload));
        let b = change.action_for("b.html", false);
        assert!(change.waits("b.html", &b));
        // Rendered: b.html changed, index.html did not.
        let (filled, changed) = next.filled(site(&[("b.html", "b2"), ("index.html", "home")]));
        assert_eq!(changed, ["b.html"]);
        assert_eq!(filled.generation, 2);
        assert_eq!(filled.pending, set(&["new.html", "report.html"]));
        assert_eq!(filled.changed_at["b.html"], 2);
        assert_eq!(filled.changed_at["index.html"], 1);
        // The page that waited reloads if it changed after what it shows.
        assert_eq!(
            filled.after_waiting("b.html", 1, b.clone()),
            Action::Reload { generation: 2 }
        );
        assert_eq!(filled.after_waiting("index.html", 1, b.clone()), b);
        // A failed build keeps the last bytes of what was pending; a page
        // never rendered is not there.
        // The stylesheet they link to, gone from the new site, is kept
        // aside meanwhile and comes back with them.
        assert!(!filled.files.contains_key("assets/style.1.css"));
        let (failed, _) = filled.failed(Vec::new());
        assert!(failed.pending.is_empty());
        assert_eq!(&failed.files["report.html"][..], b"all");
        assert_eq!(&failed.files["assets/style.1.css"][..], b"x");
        assert!(!failed.exists("new.html"));
        // Once every file is rendered, nothing is kept aside.
        let (done, _) = filled.filled(site(&[("report.html", "all2"), ("new.html", "n")]));
        assert!(done.pending.is_empty() && done.retired.is_empty());
        // The next build compares with those last bytes.
        let (_, change) = filled.succeeded(
            site(&[("report.html", "all"), ("new.html", "n")]),
            none(),
            &[],
            &HashMap::new(),
        );
        assert!(!change.changed.contains("report.html"));
        assert!(change.changed.contains("new.html"));
    }
}
