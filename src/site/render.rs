//! Render: own the Tera instance and the theme, and turn planned pages into
//! HTML.
//!
//! 1. Resolve the theme: the project's `themes/<name>/` (and the chain its
//!    `theme.yaml` `extends:`), with the embedded default theme always last,
//!    so a project overrides single templates and static files.
//! 2. Register templates: the chosen theme's unprefixed, each parent's behind
//!    a fallback prefix (`default/` for the embedded one), so
//!    `{% extends "base.html" %}` finds the nearest override and an override
//!    can still extend `default/base.html`.
//! 3. Hash the static files into their output names (`style.3f2a…css`).
//! 4. Render a planned page (the pipeline renders them in parallel); in the
//!    live preview, reuse a page's last rendering while its context is
//!    unchanged. The rendered page is what the template wrote: ids and
//!    links were settled by the plan, and nothing rewrites the page.

use super::content_hash;
use super::locale::{self, Locales};
use super::plan::AssetNames;
use crate::diagnostic::Diagnostic;
use crate::embedded;
use crate::files::{Boundary, FileError, Refusal};
use serde::Deserialize;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hasher;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tera::{Context, Tera};

/// A page to render: where it goes, its template and its context (any
/// `Serialize` value; the site's pages pass their typed
/// [`super::views::PageContext`]).
pub struct Page<'p, C> {
    /// Output path, root-relative.
    pub path: &'p str,
    /// Template name.
    pub template: &'p str,
    /// The context.
    pub context: &'p C,
}

/// A resolved theme: templates ready to render and static files to copy.
pub struct Theme {
    tera: Tera,
    /// Static files: path under `static/` → bytes (overrides applied).
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// The words of every language the theme (and its parents) has.
    pub locales: Arc<Locales>,
    /// With [`Theme::remember_pages`]: each page's last context hash and
    /// rendered bytes. Rendering is a pure function of the template and the
    /// context, so a page whose context is unchanged is not rendered again.
    /// The memo lives with the compiled templates: a changed theme is a new
    /// `Theme` with an empty memo.
    rendered: Mutex<Option<PageMemo>>,
}

/// Output path → (context hash, rendered bytes).
type PageMemo = HashMap<String, (u64, Vec<u8>)>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeConfig {
    #[serde(default)]
    extends: Option<String>,
}

struct Layer {
    /// Where its files are, for messages (`themes/<name>`, or `default`
    /// for the embedded theme).
    place: String,
    templates: Vec<(String, String)>,
    statics: Vec<(String, Vec<u8>)>,
    /// `locales/<tag>.yaml`: (file name, bytes).
    locales: Vec<(String, Vec<u8>)>,
}

/// Every file under `dir` (links followed, but only where `boundary`
/// admits them), as path under `dir` → bytes. A link leading outside the
/// project is an error naming the link, and its target is never opened.
fn read_dir_files(
    root: &Path,
    dir: &Path,
    boundary: &Boundary,
) -> Result<Vec<(String, Vec<u8>)>, ThemeError> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut refused = Vec::new();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let refusal = if e.loop_ancestor().is_some() {
                    None
                } else if crate::files::is_link(&path) {
                    Some(Refusal::Dangling)
                } else {
                    return Err(ThemeError::Io(format!(
                        "cannot read `{}`: {e}",
                        path.display()
                    )));
                };
                refused.push(theme_link(root, &path, refusal));
                continue;
            }
        };
        if entry.path_is_symlink()
            && let Err(refusal) = boundary.admits(entry.path())
        {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            refused.push(theme_link(root, entry.path(), Some(refusal)));
            continue;
        }
        if !entry.file_type().is_file()
            || crate::content::is_ignored_name(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = crate::content::relative_path(entry.path(), dir);
        let bytes = std::fs::read(entry.path())
            .map_err(|e| ThemeError::Io(FileError::new("read", entry.path(), e).to_string()))?;
        out.push((rel, bytes));
    }
    if refused.is_empty() {
        Ok(out)
    } else {
        Err(ThemeError::Content(refused))
    }
}

/// The error for a link in a theme that is not followed (`None`: it loops).
/// Like content links, it never says where the link leads.
fn theme_link(root: &Path, path: &Path, refusal: Option<Refusal>) -> Diagnostic {
    let rel = crate::content::relative_path(path, root);
    match refusal {
        Some(Refusal::Outside) => Diagnostic::error(
            "outside-project",
            format!("`{rel}` is a link to a file or folder outside the project; Evident does not read it"),
        )
        .help("copy what it points at into the theme, or link `themes/` itself to a shared folder"),
        Some(Refusal::Dangling) => Diagnostic::error(
            "dangling-link",
            format!("`{rel}` is a link to something that does not exist"),
        )
        .help("remove the link, or point it at a file inside the project"),
        None => Diagnostic::error(
            "link-loop",
            format!("`{rel}` is a link back to a folder it is in"),
        )
        .help("remove the link"),
    }
}

/// Whether a theme name names a folder of `themes/` and nothing else: one
/// plain folder name, so `theme: ../../x` cannot reach outside.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Errors while loading a theme: content diagnostics or an I/O message.
#[derive(Debug)]
pub enum ThemeError {
    /// The theme `report.yaml` names cannot be used (no such theme, or not
    /// a plain name): the caller points the diagnostic at `theme:`.
    Named(Diagnostic),
    /// The theme is broken (bad template, bad theme.yaml, a link outside).
    Content(Vec<Diagnostic>),
    /// A file could not be read.
    Io(String),
}

/// Load the theme `name` for the project at `root`.
pub fn load_theme(root: &Path, name: &str) -> Result<Theme, ThemeError> {
    let boundary = Boundary::new(root, "themes");
    let mut layers: Vec<Layer> = Vec::new();
    let mut next = Some(name.to_string());
    let mut visited = HashSet::new();
    while let Some(name) = next.take() {
        // The first name is `report.yaml`'s; later ones come from `extends:`.
        let named = layers.is_empty();
        let problem = |d: Diagnostic| {
            if named {
                ThemeError::Named(d)
            } else {
                ThemeError::Content(vec![d])
            }
        };
        if !plain_name(&name) {
            return Err(problem(
                Diagnostic::error(
                    "unknown-theme",
                    format!("theme `{name}` is not the name of a folder in `themes/`"),
                )
                .help("a theme is named by its folder in `themes/`: letters, digits, `-`, `_` and `.`, no `/`"),
            ));
        }
        let dir = root.join("themes").join(&name);
        if !dir.is_dir() {
            if name == "default" {
                break;
            }
            return Err(problem(
                Diagnostic::error(
                    "unknown-theme",
                    format!("theme `{name}` is not in `themes/`"),
                )
                .help("use `theme: default`, or create `themes/<name>/templates/`"),
            ));
        }
        if crate::files::is_link(&dir)
            && let Err(refusal) = boundary.admits(&dir)
        {
            return Err(ThemeError::Content(vec![theme_link(
                root,
                &dir,
                Some(refusal),
            )]));
        }
        if !visited.insert(name.clone()) {
            return Err(ThemeError::Content(vec![Diagnostic::error(
                "theme-cycle",
                format!("theme `{name}` extends itself through its `extends:` chain"),
            )]));
        }
        let config = dir.join("theme.yaml");
        if config.is_file() {
            if crate::files::is_link(&config)
                && let Err(refusal) = boundary.admits(&config)
            {
                return Err(ThemeError::Content(vec![theme_link(
                    root,
                    &config,
                    Some(refusal),
                )]));
            }
            let text = std::fs::read_to_string(&config)
                .map_err(|e| ThemeError::Io(FileError::new("read", &config, e).to_string()))?;
            let cfg: ThemeConfig = crate::content::yaml::from_str(&text, 0).map_err(|d| {
                let at = d
                    .pos
                    .map(|p| format!(":{}:{}", p.line, p.column))
                    .unwrap_or_default();
                ThemeError::Content(vec![
                    Diagnostic::error(
                        "theme-config",
                        format!("themes/{name}/theme.yaml{at}: {}", d.message),
                    )
                    .help(d.help.unwrap_or_else(|| {
                        "theme.yaml takes one key: `extends: <theme name>`".to_string()
                    })),
                ])
            })?;
            next = cfg.extends;
        }
        let templates = read_dir_files(root, &dir.join("templates"), &boundary)?
            .into_iter()
            .map(|(n, b)| (n, String::from_utf8_lossy(&b).into_owned()))
            .collect();
        let statics = read_dir_files(root, &dir.join("static"), &boundary)?;
        let locales = read_dir_files(root, &dir.join("locales"), &boundary)?;
        layers.push(Layer {
            place: format!("themes/{name}"),
            templates,
            statics,
            locales,
        });
    }
    layers.push(Layer {
        place: "the default theme".to_string(),
        locales: embedded::LOCALES
            .iter()
            .map(|(n, s)| (n.to_string(), s.as_bytes().to_vec()))
            .collect(),
        templates: embedded::TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect(),
        statics: embedded::STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect(),
    });
    build_theme(layers)
}

fn build_theme(layers: Vec<Layer>) -> Result<Theme, ThemeError> {
    let mut tera = Tera::default();
    let prefixes: Vec<String> = (1..layers.len())
        .map(|i| {
            if i == layers.len() - 1 {
                "default/".to_string()
            } else {
                format!("parent{i}/")
            }
        })
        .collect();
    tera.set_fallback_prefixes(prefixes.clone())
        .map_err(|e| ThemeError::Content(vec![Diagnostic::error("template", e.to_string())]))?;
    let locales = Arc::new(load_locales(&layers)?);
    locale::register(&mut tera, Arc::clone(&locales));
    let mut all = Vec::new();
    let mut static_files = BTreeMap::new();
    for (i, layer) in layers.iter().enumerate().rev() {
        let prefix = if i == 0 { "" } else { prefixes[i - 1].as_str() };
        for (name, source) in &layer.templates {
            all.push((format!("{prefix}{name}"), source.clone()));
        }
        for (name, bytes) in &layer.statics {
            static_files.insert(name.clone(), bytes.clone());
        }
    }
    tera.add_raw_templates(all).map_err(|e| {
        ThemeError::Content(vec![
            Diagnostic::error(
                "template",
                format!("the theme's templates do not compile:\n{e}"),
            )
            .help("fix the template at the line shown; see docs/themes.md"),
        ])
    })?;
    Ok(Theme {
        tera,
        static_files,
        locales,
        rendered: Mutex::new(None),
    })
}

/// The layers' locale files merged, the nearest theme's strings first.
/// A file that is not `<tag>.yaml`, or does not read as a locale, is an
/// error naming it, with the line and column where YAML says so.
fn load_locales(layers: &[Layer]) -> Result<Locales, ThemeError> {
    let mut locales = Locales::default();
    let mut problems = Vec::new();
    for layer in layers {
        for (name, bytes) in &layer.locales {
            let path = format!("{}/locales/{name}", layer.place);
            let Some(tag) = name
                .strip_suffix(".yaml")
                .filter(|t| !t.is_empty() && !t.contains('/'))
            else {
                problems.push(
                    Diagnostic::error("locale", format!("`{path}` is not a locale file"))
                        .help("a theme's locales/ holds one `<language tag>.yaml` per language, e.g. `cy.yaml`"),
                );
                continue;
            };
            let text = String::from_utf8_lossy(bytes);
            let strings: locale::Strings = match crate::content::yaml::from_str(&text, 0) {
                Ok(s) => s,
                Err(d) => {
                    let at = d
                        .pos
                        .map(|p| format!(":{}:{}", p.line, p.column))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::error("locale", format!("{path}{at}: {}", d.message)).help(
                            "a locale file maps each key to a text, or to its plural forms: `{one: …, other: …}`",
                        ),
                    );
                    continue;
                }
            };
            for p in locale::validate(&strings) {
                problems.push(
                    Diagnostic::error("locale", format!("{path}: `{}`: {}", p.key, p.message))
                        .help("see docs/themes.md, Locales"),
                );
            }
            locales.add_under(tag, strings);
        }
    }
    if !problems.is_empty() {
        return Err(ThemeError::Content(problems));
    }
    // A key a project theme gives that British English has not is never
    // asked for: most likely misspelt. Found by its line in the file (the
    // file is a flat map, so a key starts a line).
    let known = locales.keys().join("\n");
    let mut strays = Vec::new();
    for layer in layers.iter().filter(|l| l.place.starts_with("themes/")) {
        for (name, bytes) in &layer.locales {
            let text = String::from_utf8_lossy(bytes);
            for (i, line) in text.lines().enumerate() {
                let Some((key, _)) = line.split_once(':') else {
                    continue;
                };
                let key = key.trim_matches(|c| c == '"' || c == '\'');
                if key.is_empty()
                    || line.starts_with([' ', '\t', '#', '-'])
                    || known.lines().any(|k| k == key)
                {
                    continue;
                }
                strays.push(locale::StrayKey {
                    path: format!("{}/locales/{name}", layer.place),
                    line: i + 1,
                    key: key.to_string(),
                });
            }
        }
    }
    locales.strays = strays;
    Ok(locales)
}

impl Theme {
    /// Output names of the static files (`style.css` → `assets/style.<hash>.css`),
    /// and the bytes to write under them.
    pub fn assets(&self) -> (AssetNames, Vec<(String, Vec<u8>)>) {
        let mut names = AssetNames::new();
        let mut files = Vec::new();
        for (name, bytes) in &self.static_files {
            let hash = content_hash(bytes);
            let hashed = match name.rsplit_once('.') {
                Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
                _ => format!("{name}.{hash}"),
            };
            let out = format!("assets/{hashed}");
            // Template keys must be identifiers: `style.css` → `style_css`.
            names.insert(name.replace(['.', '/', '-'], "_"), out.clone());
            files.push((out, bytes.clone()));
        }
        (names, files)
    }

    /// Render one planned page to bytes, taking it from the memo when
    /// pages are remembered and its context is unchanged.
    pub fn render<C: Serialize>(&self, page: &Page<'_, C>) -> Result<Vec<u8>, Diagnostic> {
        if self.memo().is_none() {
            return self.render_page(page).map(String::into_bytes);
        }
        let hash = context_hash(page);
        let known = self.memo().as_ref().and_then(|m| {
            m.get(page.path)
                .filter(|(h, _)| *h == hash)
                .map(|(_, bytes)| bytes.clone())
        });
        if let Some(bytes) = known {
            return Ok(bytes);
        }
        let bytes = self.render_page(page)?.into_bytes();
        if let Some(m) = self.memo().as_mut() {
            m.insert(page.path.to_string(), (hash, bytes.clone()));
        }
        Ok(bytes)
    }

    /// Keep each page's rendering from now on and reuse it while its
    /// context stays the same (the live preview's rebuilds).
    pub fn remember_pages(&self) {
        self.memo().get_or_insert_with(HashMap::new);
    }

    fn memo(&self) -> std::sync::MutexGuard<'_, Option<PageMemo>> {
        // A panic while holding the lock leaves finished entries only.
        self.rendered.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Render one page.
    fn render_page<C: Serialize>(&self, page: &Page<'_, C>) -> Result<String, Diagnostic> {
        let mut out = Vec::new();
        match self.render_to(page, &mut out) {
            Ok(()) => Ok(String::from_utf8(out).unwrap_or_default()),
            Err(RenderError::Template(d)) => Err(d),
            // Writing into memory cannot fail.
            Err(RenderError::Write(e)) => Err(Diagnostic::error("internal", e.to_string())),
        }
    }

    /// Render one page straight into `out` (a file when building): the
    /// page is never held whole in memory.
    pub fn render_to<C: Serialize>(
        &self,
        page: &Page<'_, C>,
        out: impl std::io::Write,
    ) -> Result<(), RenderError> {
        let context = self.context_of(page)?;
        self.render_context_to(page.path, page.template, &context, out)
    }

    /// The Tera context of `page`. A build makes it, drops the typed view
    /// (whose bodies it has copied), and only then renders: the largest
    /// pages' views hold tens of megabytes at 10,000 findings.
    pub fn context_of<C: Serialize>(&self, page: &Page<'_, C>) -> Result<Context, RenderError> {
        Context::from_serialize(page.context).map_err(|e| {
            RenderError::Template(Diagnostic::error(
                "template",
                format!("cannot build the context of `{}`: {e}", page.path),
            ))
        })
    }

    /// Render the page at `path` with `template` and its Tera `context`
    /// straight into `out`.
    pub fn render_context_to(
        &self,
        path: &str,
        template: &str,
        context: &Context,
        out: impl std::io::Write,
    ) -> Result<(), RenderError> {
        let mut out = Noting {
            inner: out,
            error: None,
        };
        let rendered = self.tera.render_to(template, context, &mut out);
        // Tera reports a failed write as its own error: the writer's note
        // tells the two apart, so a full disk is not blamed on a template.
        if let Some(e) = out.error.take() {
            return Err(RenderError::Write(e));
        }
        rendered.map_err(|e| {
            RenderError::Template(
                Diagnostic::error(
                    "template",
                    format!("rendering `{path}` with template `{template}` failed:\n{e}"),
                )
                .help("fix the template at the line shown; docs/themes.md lists each template's variables"),
            )
        })
    }
}

/// Why a page was not rendered into its writer.
#[derive(Debug)]
pub enum RenderError {
    /// The template failed: the theme's problem, shown as a diagnostic.
    Template(Diagnostic),
    /// The writer failed (a full disk, a folder that went away).
    Write(std::io::Error),
}

/// A writer that notes its first error, which Tera would otherwise wrap
/// in one of its own.
struct Noting<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> std::io::Write for Noting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }
}

/// A hash of what a page's rendering depends on: its template and its
/// context, written out as JSON straight into the hasher.
fn context_hash<C: Serialize>(page: &Page<'_, C>) -> u64 {
    struct Feed(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Feed {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut feed = Feed(std::collections::hash_map::DefaultHasher::new());
    feed.0.write(page.template.as_bytes());
    feed.0.write_u8(0);
    // Writing JSON into a hasher cannot fail.
    let _ = serde_json::to_writer(&mut feed, page.context);
    feed.0.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A theme whose only page template prints one value.
    fn theme(root: &Path) -> Theme {
        let dir = root.join("themes/t/templates");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("one.html"), "<p>{{ v }}</p>").unwrap();
        load_theme(root, "t").unwrap_or_else(|_| panic!("theme loads"))
    }

    fn render(t: &Theme, path: &str, v: &str) -> Vec<u8> {
        let context = serde_json::json!({ "v": v });
        t.render(&Page {
            path,
            template: "one.html",
            context: &context,
        })
        .unwrap()
    }

    #[test]
    fn remembered_pages_are_rendered_again_only_when_their_context_changes() {
        let dir = tempfile::tempdir().unwrap();
        let t = theme(dir.path());
        t.remember_pages();
        assert_eq!(render(&t, "a.html", "1"), b"<p>1</p>");
        assert_eq!(render(&t, "b.html", "2"), b"<p>2</p>");
        // Plant a marker in the memo: a page whose context is unchanged is
        // taken from it, one whose context changed is rendered.
        for (_, bytes) in t.memo().as_mut().unwrap().values_mut() {
            bytes.extend_from_slice(b"<!-- remembered -->");
        }
        assert_eq!(render(&t, "a.html", "1"), b"<p>1</p><!-- remembered -->");
        assert_eq!(render(&t, "b.html", "3"), b"<p>3</p>");
        // Without remembering, every page is rendered.
        let fresh = theme(dir.path());
        assert_eq!(render(&fresh, "a.html", "1"), b"<p>1</p>");
        assert!(fresh.memo().is_none());
    }
}
