//! `evident build`: check, build in memory, then swap into the output folder.

use super::{CONTENT_ERRORS, OK, fail, report};
use crate::content::Memos;
use crate::diagnostic;
use crate::model::Edition;
use crate::pipeline::{self, Options, Prepare};
use crate::site::write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `build`.
#[derive(Debug, Clone)]
pub struct BuildArgs {
    /// Project root.
    pub root: PathBuf,
    /// Output folder, from the current folder (default `<root>/output`).
    pub output: Option<PathBuf>,
    /// Pipeline options.
    pub options: Options,
    /// An earlier build's output folder, from the current folder, to
    /// compare this build with (`changes.html`).
    pub compare: Option<PathBuf>,
}

/// The folder the public edition goes to when `-o` is not given:
/// `editions.public.output` from `report.yaml`, else `output-public`.
pub const PUBLIC_OUTPUT: &str = "output-public";

/// Run `build`.
pub fn run(args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let public = args.options.edition == Edition::Public;
    // Checked before any work, unless it is named in report.yaml (the
    // public edition's default), which is read with the rest.
    let early = match (&args.output, public) {
        (Some(o), _) => Some(o.clone()),
        (None, false) => Some(args.root.join("output")),
        (None, true) => None,
    };
    // Messages name the folder as the reviewer typed it (`-o site`), or
    // from where they are (`output`, `../output`); the build writes to
    // where it leads.
    let early = match early.map(|dir| (write::output_folder(&args.root, &dir), dir)) {
        Some((Ok(dir), shown)) => Some((dir, shown)),
        Some((Err(e), _)) => return fail(&e.to_string()),
        None => None,
    };
    let mut prepared = match pipeline::prepare(&args.root, args.options, None, &Memos::off()) {
        Ok(Prepare::Ready(prepared)) => prepared,
        Ok(Prepare::Stopped(built)) => {
            report(&built.checked.diagnostics, &built.checked.sources);
            let shown = early.as_ref().map_or_else(
                || args.root.join(public_folder(built.checked.review.as_ref())),
                |(_, shown)| shown.clone(),
            );
            let (errors, warnings) = diagnostic::counts(&built.checked.diagnostics);
            if errors == 0 && warnings > 0 && args.options.strict {
                eprintln!(
                    "build failed: --strict treats the warnings above as errors; `{}` is unchanged",
                    display(&shown)
                );
            } else {
                eprintln!("build failed; `{}` is unchanged", display(&shown));
            }
            return CONTENT_ERRORS;
        }
        Err(e) => return fail(&e),
    };
    report(&prepared.diagnostics, &prepared.sources);
    // Read before anything is written: the earlier build may be the one
    // this build replaces (`--compare output`).
    if let Some(old) = &args.compare
        && let Err(e) = prepared.compare_with(old, &display(old))
    {
        return fail(&e);
    }
    let (out_dir, shown) = match early {
        Some(early) => early,
        None => {
            let shown = args.root.join(public_folder(Some(&prepared.review)));
            match write::output_folder(&args.root, &shown) {
                Ok(dir) => (dir, shown),
                Err(e) => return fail(&e.to_string()),
            }
        }
    };
    // Each file is rendered straight into the new output folder, which
    // replaces the old one only when every file is written.
    let rendering = Instant::now();
    let paths = prepared.build_order();
    match write::write_with(&out_dir, |tmp| prepared.render_into(&paths, tmp)) {
        Ok(()) => {}
        Err(write::Stop::Write(e)) => return fail(&e.to_string()),
        Err(write::Stop::Other(errors)) => {
            report(&errors, &prepared.sources);
            eprintln!("build failed; `{}` is unchanged", display(&shown));
            return CONTENT_ERRORS;
        }
    }
    crate::pipeline::stage_done(
        &format!("plan, render and write: {} files", paths.len()),
        rendering,
    );
    let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    eprintln!(
        "built {}{pages} pages ({} files) into `{}` in {} ms",
        if public { "the public edition: " } else { "" },
        paths.len(),
        display(&shown),
        started.elapsed().as_millis()
    );
    OK
}

/// The public edition's folder, as `report.yaml` names it or the default.
fn public_folder(review: Option<&crate::model::Review>) -> String {
    review
        .and_then(|r| r.report.editions.public.output.clone())
        .unwrap_or_else(|| PUBLIC_OUTPUT.to_string())
}

/// A folder as a message names it: without a leading `./`.
fn display(p: &Path) -> String {
    p.strip_prefix(".").unwrap_or(p).display().to_string()
}
