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

/// Whether `path` is `dir` or inside it. Both are resolved the way the
/// file system will resolve them — symbolic links followed, `..` applied —
/// using the deepest part of each that exists, so neither `content/../content/x`
/// nor a link pointing into `content/` slips past.
fn inside(path: &Path, dir: &Path) -> bool {
    resolve(path).starts_with(resolve(dir))
}

fn resolve(path: &Path) -> std::path::PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|c| c.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // Canonicalise the longest existing ancestor, then add the rest.
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                if part == ".." {
                    out.pop();
                } else if part != "." {
                    out.push(part);
                }
            }
            return out;
        }
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return absolute,
        }
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
