//! `evident build`: check, build in memory, then swap into the output folder.

use super::{CONTENT_ERRORS, OK, fail, report};
use crate::diagnostic;
use crate::model::Edition;
use crate::pipeline::{self, Options};
use crate::site::write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `build`.
#[derive(Debug, Clone)]
pub struct BuildArgs {
    /// Project root.
    pub root: PathBuf,
    /// Output folder (default `<root>/output`).
    pub output: Option<PathBuf>,
    /// Pipeline options.
    pub options: Options,
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
    let early = match early.map(|dir| write::output_folder(&args.root, &dir)) {
        Some(Ok(dir)) => Some(dir),
        Some(Err(e)) => return fail(&e.to_string()),
        None => None,
    };
    let built = match pipeline::build(&args.root, args.options) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    report(&built.checked.diagnostics, &built.checked.sources);
    let named = built
        .checked
        .review
        .as_ref()
        .and_then(|r| r.report.editions.public.output.clone())
        .unwrap_or_else(|| PUBLIC_OUTPUT.to_string());
    let shown = early.clone().unwrap_or_else(|| args.root.join(&named));
    let Some(site) = built.site else {
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
    };
    let out_dir = match early {
        Some(dir) => dir,
        None => match write::output_folder(&args.root, &args.root.join(&named)) {
            Ok(dir) => dir,
            Err(e) => return fail(&e.to_string()),
        },
    };
    if let Err(e) = write::write(&site, &out_dir) {
        return fail(&e.to_string());
    }
    let pages = site.files.keys().filter(|p| p.ends_with(".html")).count();
    eprintln!(
        "built {}{pages} pages ({} files) into `{}` in {} ms",
        if public { "the public edition: " } else { "" },
        site.files.len(),
        display(&out_dir),
        started.elapsed().as_millis()
    );
    OK
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
