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
    let out_dir = args
        .output
        .clone()
        .unwrap_or_else(|| args.root.join("output"));
    // Evident never writes into the content or the themes it reads.
    for source in ["content", "themes"] {
        if inside(&out_dir, &args.root.join(source)) {
            return fail(&format!(
                "the output folder `{}` is inside `{source}/`; Evident never writes there. Choose a folder outside it with -o",
                out_dir.display()
            ));
        }
    }
    // Refuse a foreign folder before doing any work.
    match write::replaceable(&out_dir) {
        Ok(true) => {}
        Ok(false) => {
            return fail(&format!(
                "`{}` exists and was not created by Evident (it has no `{}` file); refusing to replace it. Choose another folder with -o, or empty it first",
                out_dir.display(),
                write::MARKER
            ));
        }
        Err(e) => return fail(&e.0),
    }
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
        return fail(&e.0);
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

/// Whether `path` is `dir` or inside it, comparing absolute, normalised
/// forms where the folders exist (so `-o ./content/../content/site` is caught).
fn inside(path: &Path, dir: &Path) -> bool {
    let absolute = |p: &Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|c| c.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        };
        let mut out = std::path::PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    };
    absolute(path).starts_with(absolute(dir))
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
