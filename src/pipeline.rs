//! The pipeline as one call: load → parse → check → analyse → plan →
//! render, returning the built site in memory. `build` writes it, `check`
//! stops after checking, and the live preview will keep it in memory.

use crate::analyse::{self, Analysis};
use crate::check;
use crate::content::{self, Sources};
use crate::diagnostic::{self, Diagnostic};
use crate::model::{LeftOut, Review};
use crate::site::{Site, data, plan, render};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// What a run is asked to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Include findings, pages and focus areas marked `draft: true`.
    pub drafts: bool,
    /// Treat warnings as errors.
    pub strict: bool,
}

/// The result of checking: the sources (for rendering diagnostics), the
/// review if it parsed, and every diagnostic.
pub struct Checked {
    /// Every file read.
    pub sources: Sources,
    /// The parsed review, drafts removed unless asked for.
    pub review: Option<Review>,
    /// Every problem found, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The theme, resolved and its templates compiled, when the review
    /// parsed and the theme has no errors.
    pub theme: Option<LoadedTheme>,
}

/// A theme with its templates compiled, and the name it was loaded by. The
/// live preview hands it to the next run, which reuses it when the report
/// names the same theme and nothing under `themes/` changed: compiling
/// every template again is most of a small rebuild's time.
#[derive(Clone)]
pub struct LoadedTheme {
    /// The name in `report.yaml`'s `theme:`.
    pub name: String,
    /// The theme.
    pub theme: Arc<render::Theme>,
}

impl Checked {
    /// Whether the content may be built.
    pub fn ok(&self, strict: bool) -> bool {
        self.review.as_ref().is_some_and(|r| r.report_ok)
            && !self.diagnostics.iter().any(|d| d.is_error() || strict)
    }
}

/// Load, parse and check. `Err` is an I/O failure (exit status 2).
pub fn check(root: &Path, options: Options) -> Result<Checked, String> {
    check_reusing(root, options, None)
}

/// [`check`], reusing the theme `reuse` when the report still names it.
pub fn check_reusing(
    root: &Path,
    options: Options,
    reuse: Option<&LoadedTheme>,
) -> Result<Checked, String> {
    let started = Instant::now();
    let (sources, mut diagnostics) = content::load(root)?;
    log::debug!(
        "load: {} files in {:?}",
        sources.files.len(),
        started.elapsed()
    );
    let started = Instant::now();
    let (review, mut parse_diagnostics) = content::parse(&sources);
    log::debug!("parse: {:?}", started.elapsed());
    diagnostics.append(&mut parse_diagnostics);
    let review = review.map(|mut r| {
        if !options.drafts {
            let drafts: Vec<usize> = (r.findings.iter().filter(|f| f.meta.draft).map(|f| f.file))
                .chain(r.pages.iter().filter(|p| p.meta.draft).map(|p| p.file))
                .chain(
                    r.focus_areas
                        .iter()
                        .filter(|f| f.meta.draft)
                        .map(|f| f.file),
                )
                .collect();
            for file in drafts {
                r.left_out
                    .insert(sources.get(file).path.clone(), LeftOut::Draft);
            }
            r.findings.retain(|f| !f.meta.draft);
            r.pages.retain(|p| !p.meta.draft);
            r.focus_areas.retain(|f| !f.meta.draft);
        }
        r
    });
    let mut theme: Option<LoadedTheme> = None;
    if let Some(r) = &review {
        let started = Instant::now();
        diagnostics.extend(check::check(r, &sources));
        log::debug!("check: {:?}", started.elapsed());
        // The theme is part of what `check` checks: a missing theme or a
        // template that does not compile fails here, not only at build.
        let name = &r.report.theme.value;
        let resolved = r.report_ok.then(|| match reuse {
            Some(t) if &t.name == name => Ok(Arc::clone(&t.theme)),
            _ => render::load_theme(root, name).map(Arc::new),
        });
        match resolved {
            None => {}
            Some(Ok(t)) => {
                theme = Some(LoadedTheme {
                    name: name.clone(),
                    theme: t,
                })
            }
            Some(Err(render::ThemeError::Io(e))) => return Err(e),
            Some(Err(render::ThemeError::Content(ds))) => {
                diagnostics.extend(ds.into_iter().map(|d| {
                    // Point at `theme:` only when it is that theme that is missing,
                    // not a parent named by an `extends:`.
                    let named = format!("theme `{}`", r.report.theme.value);
                    if d.code == "unknown-theme" && d.message.starts_with(&named) {
                        d.at(r.report_file, content::yaml::pos_of(&r.report.theme))
                    } else {
                        d
                    }
                }));
            }
        }
    }
    diagnostic::sort(&mut diagnostics, &sources);
    Ok(Checked {
        sources,
        review,
        diagnostics,
        theme,
    })
}

/// A finished build.
pub struct Built {
    /// The check results (warnings included).
    pub checked: Checked,
    /// The site, when the content had no errors.
    pub site: Option<Site>,
    /// The statistics, when computed.
    pub analysis: Option<Analysis>,
}

/// Run the whole pipeline into memory.
pub fn build(root: &Path, options: Options) -> Result<Built, String> {
    build_reusing(root, options, None)
}

/// [`build`], reusing a theme loaded before (see [`LoadedTheme`]).
pub fn build_reusing(
    root: &Path,
    options: Options,
    theme: Option<&LoadedTheme>,
) -> Result<Built, String> {
    let mut checked = check_reusing(root, options, theme)?;
    if !checked.ok(options.strict) {
        return Ok(Built {
            checked,
            site: None,
            analysis: None,
        });
    }
    let Some(review) = checked.review.as_ref() else {
        return Ok(Built {
            checked,
            site: None,
            analysis: None,
        });
    };
    let started = Instant::now();
    let analysis = analyse::analyse(review);
    log::debug!("analyse: {:?}", started.elapsed());
    let Some(theme) = checked.theme.as_ref().map(|t| Arc::clone(&t.theme)) else {
        return Ok(Built {
            checked,
            site: None,
            analysis: Some(analysis),
        });
    };
    let (asset_names, asset_files) = theme.assets();
    let css = theme
        .static_files
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    // The data files need only the review and its statistics: build them
    // on one core while the pages are planned and rendered.
    let ((pages, rendered, mut site), data) = rayon::join(
        || {
            let started = Instant::now();
            let pages = plan::plan(review, &checked.sources, &analysis, &asset_names, &css);
            log::debug!("plan: {} pages in {:?}", pages.len(), started.elapsed());
            let started = Instant::now();
            let mut site = Site::default();
            let rendered = theme.render_all(&pages, &mut site);
            log::debug!("render: {:?}", started.elapsed());
            (pages, rendered, site)
        },
        || {
            let started = Instant::now();
            let files = [
                (
                    "data/report.json",
                    data::report_json(review, &analysis).into_bytes(),
                ),
                ("data/cases.csv", data::cases_csv(review).into_bytes()),
                ("search-index.js", data::search_index(review).into_bytes()),
            ];
            log::debug!("data files: {:?}", started.elapsed());
            files
        },
    );
    // The page contexts are large at a thousand findings; freeing them is
    // not worth waiting for.
    // (If no thread can be started, the closure and the contexts are
    // dropped here instead.)
    let _ = std::thread::Builder::new()
        .name("evident-free".into())
        .spawn(move || drop(pages));
    if let Err(ds) = rendered {
        checked.diagnostics.extend(ds);
        return Ok(Built {
            checked,
            site: None,
            analysis: Some(analysis),
        });
    }
    for (path, bytes) in asset_files {
        site.files.insert(path, bytes);
    }
    for (path, bytes) in data {
        site.files.insert(path.to_string(), bytes);
    }
    Ok(Built {
        checked,
        site: Some(site),
        analysis: Some(analysis),
    })
}
