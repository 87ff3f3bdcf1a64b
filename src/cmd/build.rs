//! `evident build`: check, build in memory, then swap into the output folder.

use super::{CONTENT_ERRORS, OK, fail, report};
use crate::diagnostic;
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

/// Run `build`.
pub fn run(args: &BuildArgs) -> u8 {
    let started = Instant::now();
    let out_dir = match write::output_folder(
        &args.root,
        &args
            .output
            .clone()
            .unwrap_or_else(|| args.root.join("output")),
    ) {
        Ok(dir) => dir,
        Err(e) => return fail(&e.to_string()),
    };
    let built = match pipeline::build(&args.root, args.options) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    report(&built.checked.diagnostics, &built.checked.sources);
    let Some(site) = built.site else {
        let (errors, warnings) = diagnostic::counts(&built.checked.diagnostics);
        if errors == 0 && warnings > 0 && args.options.strict {
            eprintln!(
                "build failed: --strict treats the warnings above as errors; `{}` is unchanged",
                display(&out_dir)
            );
        } else {
            eprintln!("build failed; `{}` is unchanged", display(&out_dir));
        }
        return CONTENT_ERRORS;
    };
    if let Err(e) = write::write(&site, &out_dir) {
        return fail(&e.to_string());
    }
    let pages = site.files.keys().filter(|p| p.ends_with(".html")).count();
    eprintln!(
        "built {pages} pages ({} files) into `{}` in {} ms",
        site.files.len(),
        display(&out_dir),
        started.elapsed().as_millis()
    );
    OK
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
