//! The pipeline as one call: load → parse → check → analyse → plan →
//! render, returning the built site in memory. `build` writes it, `check`
//! stops after checking, and the live preview keeps it in memory.
//!
//! [`prepare`] runs the stages up to the statistics and compiles the theme;
//! a [`Prepared`] review then plans and renders any of its files on
//! request, each page planned and rendered in one step so that its large
//! context lives only as long as its rendering.

use crate::analyse::{self, Analysis};
use crate::check;
use crate::content::{self, Memos, Sources};
use crate::diagnostic::{self, Diagnostic};
use crate::model::{LeftOut, Review, ReviewIndex};
use crate::site::plan::{AssetNames, Planner};
use crate::site::{Site, data, render, write};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// What a run is asked to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Include findings, pages and focus areas marked `draft: true`.
    pub drafts: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Which edition to check and build.
    pub edition: crate::model::Edition,
    /// The day open actions past their due date are marked overdue on
    /// (`--as-of`); without it, the report's `published` date, else none.
    pub as_of: Option<crate::model::Date>,
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
    /// The statistics, computed once when the review parsed: `check`
    /// warns from them (small samples) and the build renders them.
    pub analysis: Option<Analysis>,
    /// The review's findings indexed, made once when the review parsed:
    /// link checking, planning and the data files read it.
    pub index: Option<ReviewIndex>,
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

/// Load, parse and check, once. `Err` is an I/O failure (exit status 2).
pub fn check(root: &Path, options: Options) -> Result<Checked, String> {
    check_reusing(root, options, None, &Memos::off())
}

/// [`check`], reusing the theme `reuse` when the report still names it and
/// the results kept in `memos` for files unchanged since they were kept.
pub fn check_reusing(
    root: &Path,
    options: Options,
    reuse: Option<&LoadedTheme>,
    memos: &Memos,
) -> Result<Checked, String> {
    let started = Instant::now();
    let (mut sources, mut diagnostics) = content::load(root, memos)?;
    stage_done(&format!("load: {} files", sources.files.len()), started);
    let started = Instant::now();
    let (review, mut parse_diagnostics) = content::parse(&sources, memos);
    stage_done("parse", started);
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
            let draft_bodies = (r.findings.iter().filter(|f| f.meta.draft).map(|f| &f.body))
                .chain(r.pages.iter().filter(|p| p.meta.draft).map(|p| &p.body))
                .chain(
                    r.focus_areas
                        .iter()
                        .filter(|f| f.meta.draft)
                        .map(|f| &f.body),
                );
            r.draft_resources = draft_bodies
                .flat_map(|body| &body.links)
                .filter_map(|link| match &link.target {
                    crate::model::LinkTarget::Resource(path) => Some(path.clone()),
                    _ => None,
                })
                .collect();
            r.findings.retain(|f| !f.meta.draft);
            r.pages.retain(|p| !p.meta.draft);
            r.focus_areas.retain(|f| !f.meta.draft);
        }
        r.edition = options.edition;
        if options.edition == crate::model::Edition::Public {
            // The public edition's own marking, and no page per case.
            if let Some(marking) = r.report.editions.public.classification.clone() {
                r.report.classification = Some(marking);
            }
            r.report.case_pages = false;
        }
        r
    });
    // The deny-terms file is the project's own list of words never to
    // publish: when it sits under `content/`, it is not a resource.
    if let Some(name) = (review.as_ref())
        .and_then(|r| r.report.privacy.deny_terms_file.as_ref())
        .map(|l| l.value.as_str())
    {
        let name = name.trim_start_matches("./").replace('\\', "/");
        sources.resources.remove(&name);
    }
    let mut theme: Option<LoadedTheme> = None;
    let mut analysis: Option<Analysis> = None;
    let index = review.as_ref().map(ReviewIndex::new);
    if let (Some(r), Some(index)) = (&review, &index) {
        let started = Instant::now();
        diagnostics.extend(check::check(r, index, &sources));
        // The privacy lint needs the deny-terms file, read from the project.
        match check::privacy::deny_terms(root, r) {
            Ok(terms) => diagnostics.extend(check::privacy::lint(r, &sources, &terms, memos)),
            Err(d) => diagnostics.push(d),
        }
        stage_done("check", started);
        let started = Instant::now();
        let computed = analyse::analyse(r);
        stage_done("analyse", started);
        diagnostics.extend(check::samples(r, &computed));
        analysis = Some(computed);
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
                diagnostics.extend(check::locale::missing_words(r, &t.locales));
                diagnostics.extend(check::locale::stray_keys(&t.locales));
                theme = Some(LoadedTheme {
                    name: name.clone(),
                    theme: t,
                })
            }
            Some(Err(render::ThemeError::Io(e))) => return Err(e),
            // The theme `theme:` names is the problem: point at it.
            Some(Err(render::ThemeError::Named(d))) => {
                diagnostics.push(d.at(r.report_file, content::yaml::pos_of(&r.report.theme)));
            }
            Some(Err(render::ThemeError::Content(ds))) => diagnostics.extend(ds),
        }
    }
    diagnostic::sort(&mut diagnostics, &sources);
    Ok(Checked {
        sources,
        review,
        diagnostics,
        theme,
        analysis,
        index,
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

/// Rendered files (output path, bytes), or every rendering that failed.
pub type Rendered = Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>>;

/// What makes one file of the site.
enum Made<'p> {
    /// One of [`DATA_FILES`], of one language's site.
    Data(DataOf),
    /// A theme's static file, by its hashed name, or a resource of the
    /// project where the site publishes it.
    Asset(&'p [u8]),
    /// A page.
    Page(Box<crate::site::plan::PagePlan<'p>>),
}

/// The data files, in the order of [`DATA_FILES`].
#[derive(Clone, Copy)]
enum DataFile {
    Report,
    Cases,
    Search,
    Response,
    Actions,
}

/// A data file of one language's site (0: the default language).
#[derive(Clone, Copy)]
struct DataOf {
    file: DataFile,
    site: usize,
}

/// The files of the site that are data rather than pages, built from the
/// review and its statistics.
pub const DATA_FILES: [&str; 5] = [
    "data/report.json",
    "data/cases.csv",
    "search-index.js",
    "data/response.csv",
    "data/actions.csv",
];

/// A review that checked clean, with its statistics and its compiled theme:
/// any file of its site can now be rendered — all of them (`build`), or the
/// pages a browser shows first and the rest after (the live preview).
pub struct Prepared {
    /// Every file read.
    pub sources: Sources,
    /// The review.
    pub review: Review,
    /// The warnings found (a prepared review has no errors).
    pub diagnostics: Vec<Diagnostic>,
    /// The theme.
    pub theme: LoadedTheme,
    /// The statistics.
    pub analysis: Analysis,
    /// The review's findings indexed, made once.
    pub index: ReviewIndex,
    /// The day open actions past their due date are overdue on: `--as-of`,
    /// else the report's `published` date, else none (nothing marked).
    pub as_of: Option<crate::model::Date>,
    assets: AssetNames,
    asset_files: BTreeMap<String, Vec<u8>>,
    /// The resources the site shows or offers, by the path it publishes
    /// them at.
    published: BTreeMap<String, Arc<[u8]>>,
    report_css: String,
    report_js: String,
    /// Where the site is published on its server: the 404 page links
    /// from there.
    base_path: crate::model::BasePath,
    /// The sites in the report's other languages (`cy/`), each a whole
    /// site of its own beside the default one.
    others: Vec<LanguageSite>,
    /// Every language's tag and folder (`""` for the default), in the
    /// report's order.
    languages: Vec<(String, String)>,
    /// For each language's site, what changed since the build it is
    /// compared with (`build --compare`); empty without one.
    changes: Vec<Option<crate::compare::Changes>>,
}

/// The site in one of the report's other languages: the review as that
/// language shows it, indexed, under its folder.
struct LanguageSite {
    /// Its folder, `cy/`.
    prefix: String,
    /// Where its 404 page links from: the site's base path and the folder.
    base_path: crate::model::BasePath,
    review: Review,
    index: ReviewIndex,
}

/// Where preparing stopped: ready to render, or a build that ends here
/// (errors, or `--strict` and warnings).
pub enum Prepare {
    /// Ready to render.
    Ready(Prepared),
    /// The build, without a site.
    Stopped(Built),
}

/// Load, parse, check and analyse; compile the theme (or reuse `reuse`).
/// `memos` are the preview's ([`Memos::off`] for a run that happens once).
pub fn prepare(
    root: &Path,
    options: Options,
    reuse: Option<&LoadedTheme>,
    memos: &Memos,
) -> Result<Prepare, String> {
    let checked = check_reusing(root, options, reuse, memos)?;
    if !checked.ok(options.strict) {
        return Ok(Prepare::Stopped(Built {
            checked,
            site: None,
            analysis: None,
        }));
    }
    let Checked {
        sources,
        review,
        diagnostics,
        theme,
        analysis,
        index,
    } = checked;
    let (Some(review), Some(theme), Some(analysis), Some(index)) = (review, theme, analysis, index)
    else {
        // `ok` holds only with a review (and so its statistics); a review
        // whose theme failed to load has the theme's errors among its
        // diagnostics.
        return Ok(Prepare::Stopped(Built {
            checked: Checked {
                sources,
                review: None,
                diagnostics,
                theme: None,
                analysis: None,
                index: None,
            },
            site: None,
            analysis: None,
        }));
    };
    let (assets, asset_files) = theme.theme.assets();
    let report_css = theme
        .theme
        .static_files
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let report_js = theme
        .theme
        .static_files
        .get("report.js")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let published = review
        .resources_in_use()
        .iter()
        .filter_map(|path| sources.resources.get(path))
        .map(|r| (r.published.clone(), Arc::clone(&r.bytes)))
        .collect();
    let base_path = review.report.base_path(review.edition);
    // Each other language's site: the review with its translations, under
    // the language's own folder.
    let others: Vec<LanguageSite> = review
        .report
        .languages()
        .into_iter()
        .skip(1)
        .map(|tag| {
            let review = review.in_language(tag);
            let index = ReviewIndex::new(&review);
            LanguageSite {
                base_path: base_path.within(&format!("{tag}/")),
                prefix: format!("{tag}/"),
                review,
                index,
            }
        })
        .collect();
    // The default language at the root, then the others in their folders.
    let languages = std::iter::once((review.language().to_string(), String::new()))
        .chain(
            others
                .iter()
                .map(|o| (o.review.language().to_string(), o.prefix.clone())),
        )
        .collect();
    Ok(Prepare::Ready(Prepared {
        as_of: options.as_of.or(review.report.published),
        changes: Vec::new(),
        others,
        languages,
        base_path,
        published,
        index,
        sources,
        review,
        diagnostics,
        theme,
        analysis,
        assets,
        asset_files: asset_files.into_iter().collect(),
        report_css,
        report_js,
    }))
}

impl Prepared {
    /// Link the 404 page from the server's root, whatever `base_path`
    /// says: the live preview serves the site at `/`.
    pub fn at_server_root(&mut self) {
        self.base_path = crate::model::BasePath::default();
        for other in &mut self.others {
            other.base_path = self.base_path.within(&other.prefix);
        }
    }

    /// Compare each language's site with the same site in the earlier
    /// build at `old` (its `data/report.json`, `cy/data/report.json`…):
    /// the site gains `changes.html`, linked from its home page. `Err` says
    /// which file could not be compared with, where and why.
    pub fn compare_with(&mut self, old: &Path, shown: &str) -> Result<(), String> {
        // What was given, when it is not a folder: said so plainly.
        match old.metadata() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(format!(
                    "cannot compare with `{shown}`: there is no such folder; give the output folder of an earlier build of this report"
                ));
            }
            Ok(meta) if !meta.is_dir() => {
                let zip = old
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
                return Err(if zip {
                    format!(
                        "cannot compare with `{shown}`: it is an archive; unpack it and give the folder it holds (`report-<version>/`)"
                    )
                } else {
                    format!(
                        "cannot compare with `{shown}`: it is a file; give the output folder of an earlier build of this report"
                    )
                });
            }
            _ => {}
        }
        let mut all = Vec::new();
        for (i, (_, prefix)) in self.languages.iter().enumerate() {
            let file = format!("{prefix}data/report.json");
            let at = format!("{shown}/{file}");
            let text = std::fs::read_to_string(old.join(&file)).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!(
                    "cannot compare with `{shown}`: it has no `{file}`; give the output folder of an earlier build of this report"
                ),
                _ => format!("cannot read `{at}`: {e}"),
            })?;
            let place = |e: crate::compare::CompareError| {
                if e.line == 0 {
                    format!("cannot compare with `{at}`: {}", e.message)
                } else {
                    format!("`{at}`:{}:{}: {}", e.line, e.column, e.message)
                }
            };
            let before = crate::compare::Snapshot::read(&text).map_err(place)?;
            // This build's data, as it will publish it.
            let planner = self.planner_of(i);
            let (review, index) = self.review_of(i);
            let mut now = Vec::new();
            data::write_report_json(
                review,
                &self.analysis,
                index,
                planner.numbers(),
                self.as_of.as_ref(),
                &mut now,
            )
            .map_err(|e| e.to_string())?;
            let now = crate::compare::Snapshot::read(&String::from_utf8_lossy(&now))
                .map_err(|e| e.message)?;
            all.push(Some(crate::compare::compare(&before, &now).map_err(place)?));
        }
        self.changes = all;
        Ok(())
    }

    /// The numbered paragraphs of the site in language `tag` (the default
    /// language's without one), in reading order, as (number, hash of its
    /// text): what a response sheet made now would carry. `None` for a
    /// language the report is not in.
    pub fn paragraph_hashes(&self, tag: Option<&str>) -> Option<Vec<(String, String)>> {
        let site = match tag {
            None => 0,
            Some(tag) => self
                .languages
                .iter()
                .position(|(t, _)| t.eq_ignore_ascii_case(tag))?,
        };
        let planner = self.planner_of(site);
        let (review, _) = self.review_of(site);
        Some(
            planner
                .numbers()
                .with_texts(review)
                .into_iter()
                .map(|(p, text)| (p.number.clone(), crate::site::paragraph_hash(text)))
                .collect(),
        )
    }

    /// The planner of the default language's site.
    fn planner(&self) -> Planner<'_> {
        self.planner_of(0)
    }

    /// The planner of language `i`'s site (0: the default language).
    fn planner_of(&self, i: usize) -> Planner<'_> {
        let (review, index) = self.review_of(i);
        let base_path = self.other(i).map_or(&self.base_path, |o| &o.base_path);
        Planner::new(
            review,
            &self.sources,
            &self.analysis,
            index,
            crate::site::plan::FromTheme {
                assets: &self.assets,
                css: &self.report_css,
                js: &self.report_js,
                locales: &self.theme.theme.locales,
            },
            crate::site::plan::ThisSite {
                base_path,
                languages: crate::site::plan::Languages {
                    all: &self.languages,
                    current: i,
                },
                changes: self.changes.get(i).and_then(Option::as_ref),
                as_of: self.as_of.as_ref(),
            },
        )
    }

    /// The review and index of language `i`'s site.
    fn review_of(&self, i: usize) -> (&Review, &ReviewIndex) {
        match self.other(i) {
            Some(other) => (&other.review, &other.index),
            None => (&self.review, &self.index),
        }
    }

    /// Language `i`'s site when it is not the default language's.
    fn other(&self, i: usize) -> Option<&LanguageSite> {
        i.checked_sub(1).and_then(|o| self.others.get(o))
    }

    /// Every language's planner, the default first.
    fn planners(&self) -> Vec<Planner<'_>> {
        (0..self.languages.len().max(1))
            .map(|i| self.planner_of(i))
            .collect()
    }

    /// Which language's site `path` is in, and its path there.
    fn site_of<'p>(&self, path: &'p str) -> (usize, &'p str) {
        for (i, other) in self.others.iter().enumerate() {
            if let Some(inner) = path.strip_prefix(other.prefix.as_str()) {
                return (i + 1, inner);
            }
        }
        (0, path)
    }

    /// The path of every file of the site: the pages, the data files and
    /// the theme's static files.
    pub fn paths(&self) -> Vec<String> {
        let planner = self.planner();
        let mut paths: Vec<String> = planner.paths().map(str::to_string).collect();

        // The public edition publishes no case-by-case data; the response
        // sheet lists numbered paragraphs, when there are numbers; the
        // action plan's file is there when findings can be actions.
        let public = self.review.edition == crate::model::Edition::Public;
        let numbered = self.review.report.numbered_paragraphs;
        let actionable = self.review.kinds().iter().any(|k| k.is_actionable());
        paths.extend(
            DATA_FILES
                .iter()
                .filter(|p| !(public && **p == "data/cases.csv"))
                .filter(|p| numbered || **p != "data/response.csv")
                .filter(|p| actionable || **p != "data/actions.csv")
                .map(|p| p.to_string()),
        );
        paths.extend(self.asset_files.keys().cloned());
        paths.extend(self.published.keys().cloned());
        // Each other language's site is the same files under its folder,
        // in the same order (its pages first).
        let default_site = paths.clone();
        for other in &self.others {
            paths.extend(default_site.iter().map(|p| format!("{}{p}", other.prefix)));
        }
        paths
    }

    /// The context the page at `path` is rendered with, as JSON: what a
    /// template sees. For theme tests and the context snapshots.
    pub fn context(&self, path: &str) -> Option<serde_json::Value> {
        let (site, inner) = self.site_of(path);
        let planner = self.planner_of(site);
        let page = planner.plan(inner)?;
        serde_json::to_value(&page.context).ok()
    }

    /// Render the files at `paths` (from [`Prepared::paths`]) in parallel.
    /// `Err` holds every page that failed to render.
    pub fn render(&self, paths: &[String]) -> Rendered {
        self.render_until(paths, &AtomicBool::new(false)).0
    }

    /// [`Prepared::render`], starting no more files once `stop` is raised:
    /// those are returned second, in their order.
    pub fn render_until(&self, paths: &[String], stop: &AtomicBool) -> (Rendered, Vec<String>) {
        let planners = self.planners();
        // Each core takes the next file in order when it is free (rather
        // than each taking a half of the list), so files given largest
        // first end evenly.
        let mut results: Vec<(usize, _)> = paths
            .iter()
            .enumerate()
            .par_bridge()
            .map(|(i, path)| {
                let r = (!stop.load(Ordering::Relaxed)).then(|| self.render_one(&planners, path));
                (i, r)
            })
            .collect();
        results.sort_unstable_by_key(|(i, _)| *i);
        let mut files = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        let mut skipped = Vec::new();
        for (path, (_, r)) in paths.iter().zip(results) {
            match r {
                Some(Ok(bytes)) => files.push((path.clone(), bytes)),
                Some(Err(d)) => errors.push(d),
                None => skipped.push(path.clone()),
            }
        }
        let rendered = if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        };
        (rendered, skipped)
    }

    /// What makes the file at `path`: a data file, a theme asset, or a page
    /// planned here.
    fn made<'p>(&'p self, planners: &'p [Planner<'p>], path: &str) -> Result<Made<'p>, Diagnostic> {
        let (site, inner) = self.site_of(path);
        let data = |file| Made::Data(DataOf { file, site });
        Ok(match inner {
            "data/report.json" => data(DataFile::Report),
            "data/cases.csv" => data(DataFile::Cases),
            "search-index.js" => data(DataFile::Search),
            "data/response.csv" => data(DataFile::Response),
            "data/actions.csv" => data(DataFile::Actions),
            _ => {
                if let Some(bytes) = self.asset_files.get(inner) {
                    Made::Asset(bytes)
                } else if let Some(bytes) = self.published.get(inner) {
                    Made::Asset(bytes)
                } else if let Some(mut page) = planners.get(site).and_then(|p| p.plan(inner)) {
                    // Planned inside its language's site; written, and
                    // remembered by the preview, at its place in the whole.
                    page.path = path.to_string();
                    Made::Page(Box::new(page))
                } else {
                    return Err(Diagnostic::error(
                        "internal",
                        format!("the site has no file `{path}` to render"),
                    ));
                }
            }
        })
    }

    /// Write a data file into `out`; `planners` know each site's
    /// paragraph numbers.
    fn write_data(
        &self,
        planners: &[Planner],
        of: DataOf,
        out: impl std::io::Write,
    ) -> std::io::Result<()> {
        let (review, index) = self.review_of(of.site);
        let analysis = &self.analysis;
        let empty = crate::site::plan::ParagraphNumbers::default();
        let planner = planners.get(of.site);
        let numbers = planner.map_or(&empty, |p| p.numbers());
        match of.file {
            DataFile::Report => {
                data::write_report_json(review, analysis, index, numbers, self.as_of.as_ref(), out)
            }
            DataFile::Actions => data::write_actions_csv(review, index, out),
            DataFile::Cases => data::write_cases_csv(review, out),
            DataFile::Search => data::write_search_index(
                review,
                index,
                numbers,
                &self.theme.theme.locales.locale(review.language()),
                out,
            ),
            DataFile::Response => data::write_response_csv(
                review,
                numbers,
                |path| planner.and_then(|p| p.title_of(path)).map(str::to_string),
                out,
            ),
        }
    }

    /// One file into memory (the preview): pages through the theme's memo.
    fn render_one(&self, planners: &[Planner], path: &str) -> Result<Vec<u8>, Diagnostic> {
        Ok(match self.made(planners, path)? {
            Made::Data(file) => {
                let mut out = Vec::new();
                // Writing into memory fails only when memory runs out.
                self.write_data(planners, file, &mut out)
                    .map_err(|e| Diagnostic::error("internal", e.to_string()))?;
                out
            }
            Made::Asset(bytes) => bytes.to_vec(),
            Made::Page(page) => {
                let started = Instant::now();
                let bytes = self.theme.theme.render(&page.page())?;
                log::trace!("{path}: {:?}", started.elapsed());
                // The context of a large page is large; drop it on this
                // worker, not after the join.
                drop(page);
                bytes
            }
        })
    }

    /// Render the files at `paths` straight into files under `dir` (the new
    /// output folder), in parallel: a page goes from its template to its
    /// file and is never held whole in memory. Stops with every template
    /// that failed, or at the first file that could not be written.
    pub fn render_into(
        &self,
        paths: &[String],
        dir: &Path,
    ) -> Result<(), write::Stop<Vec<Diagnostic>>> {
        let planners = self.planners();
        let failures: Vec<write::Stop<Diagnostic>> = paths
            .iter()
            .par_bridge()
            .filter_map(|path| self.render_file(&planners, path, dir).err())
            .collect();
        let mut errors = Vec::new();
        for failure in failures {
            match failure {
                write::Stop::Write(e) => return Err(write::Stop::Write(e)),
                write::Stop::Other(d) => errors.push(d),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            diagnostic::sort(&mut errors, &self.sources);
            Err(write::Stop::Other(errors))
        }
    }

    fn render_file(
        &self,
        planners: &[Planner],
        path: &str,
        dir: &Path,
    ) -> Result<(), write::Stop<Diagnostic>> {
        let made = self.made(planners, path).map_err(write::Stop::Other)?;
        let file = write::create_file(dir, path).map_err(write::Stop::Write)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        let failed = |e: std::io::Error| write::Stop::Write(write::write_failed(dir, path, e));
        match made {
            Made::Data(file) => self.write_data(planners, file, &mut out),
            Made::Asset(bytes) => out.write_all(bytes),
            Made::Page(page) => {
                let theme = &self.theme.theme;
                let rendered = theme.context_of(&page.page()).and_then(|context| {
                    let template = page.template;
                    // The view's copies of the bodies are not needed to render.
                    drop(page);
                    theme.render_context_to(path, template, &context, &mut out)
                });
                match rendered {
                    Ok(()) => Ok(()),
                    Err(render::RenderError::Template(d)) => return Err(write::Stop::Other(d)),
                    Err(render::RenderError::Write(e)) => Err(e),
                }
            }
        }
        .map_err(failed)?;
        out.flush().map_err(failed)
    }

    /// The build these files finish: the site, or the render errors.
    pub fn finish(self, rendered: Rendered) -> Built {
        let mut diagnostics = self.diagnostics;
        let site = match rendered {
            Ok(files) => Some(Site {
                files: files.into_iter().collect(),
            }),
            Err(errors) => {
                diagnostics.extend(errors);
                None
            }
        };
        Built {
            checked: Checked {
                sources: self.sources,
                review: Some(self.review),
                diagnostics,
                theme: Some(self.theme),
                analysis: None,
                index: Some(self.index),
            },
            site,
            analysis: Some(self.analysis),
        }
    }
}

impl Prepared {
    /// Every file of the site, the largest first, so that no core is left
    /// with one of them at the end while the other waits.
    pub fn build_order(&self) -> Vec<String> {
        let mut paths = self.paths();
        paths.sort_by_key(|p| {
            !(p == "report.html" || p == "findings.html" || DATA_FILES.contains(&p.as_str()))
        });
        paths
    }
}

/// Run the whole pipeline into memory.
pub fn build(root: &Path, options: Options) -> Result<Built, String> {
    Ok(match prepare(root, options, None, &Memos::off())? {
        Prepare::Stopped(built) => built,
        Prepare::Ready(prepared) => {
            let started = Instant::now();
            let paths = prepared.build_order();
            let rendered = prepared.render(&paths);
            stage_done(&format!("plan and render: {} files", paths.len()), started);
            prepared.finish(rendered)
        }
    })
}

/// Log, at debug level, that a stage of the pipeline is done: how long it
/// took and the process's peak memory so far (`VmHWM`, on Linux), the two
/// figures `docs/performance.md` reads stage by stage.
pub fn stage_done(stage: &str, started: Instant) {
    if !log::log_enabled!(log::Level::Debug) {
        return;
    }
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .map(|kib| format!(", peak memory {}", kib.trim()))
        })
        .unwrap_or_default();
    log::debug!("{stage}: {:?}{peak}", started.elapsed());
}
