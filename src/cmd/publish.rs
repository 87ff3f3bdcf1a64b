//! `evident publish DEST`: the check to run before publishing (`--strict`),
//! a build into a staging folder beside `DEST`, the archive if asked for,
//! then the switch and the versions kept ([`crate::publish`]).

use super::{CONTENT_ERRORS, FAILURE, OK, fail, report};
use crate::archive;
use crate::content::Memos;
use crate::content::yaml::pos_of;
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{Date, Edition};
use crate::pipeline::{self, Options, Prepare};
use crate::publish::{Destination, Lock, MARKER, Publication, Refusal, edition_name};
use crate::site::write;
use std::fs;
use std::path::{Path, PathBuf};

/// Arguments of `publish`.
#[derive(Debug, Clone)]
pub struct PublishArgs {
    /// Project root.
    pub root: PathBuf,
    /// The destination folder, from the current folder.
    pub dest: PathBuf,
    /// Which edition to publish.
    pub edition: Edition,
    /// How many earlier publications to keep beside it.
    pub keep: usize,
    /// Also write `report-<version>.zip` beside it.
    pub archive: bool,
    /// The day overdue actions are marked against (default: `published`).
    pub as_of: Option<Date>,
}

/// Run `publish`.
pub fn run(args: &PublishArgs) -> u8 {
    let mut dest = match Destination::open(&args.root, &args.dest) {
        Ok(dest) => dest,
        Err(e) => return fail(&e.to_string()),
    };
    let options = Options {
        drafts: false,
        strict: true,
        edition: args.edition,
        as_of: args.as_of,
    };
    let prepared = match pipeline::prepare(&args.root, options, None, &Memos::off()) {
        Ok(Prepare::Ready(prepared)) => prepared,
        Ok(Prepare::Stopped(built)) => {
            report(&built.checked.diagnostics, &built.checked.sources);
            eprintln!(
                "publish stopped: the check to run before publishing (build --strict) failed; `{}` is unchanged",
                dest.shown
            );
            return CONTENT_ERRORS;
        }
        Err(e) => return fail(&e),
    };
    let review = &prepared.review;
    let file = review.report_file;
    let Some(version) = &review.report.version else {
        let d = Diagnostic::error(
            "missing-version",
            "`evident publish` needs the report's `version`: it names the publication, the copy kept when the next replaces it, and the archive",
        )
        .at(file, Some(Pos::file_start()))
        .help("add a version and its date to report.yaml, e.g. `version: \"1.0\"` and `version_date: 2026-06-30`");
        report(&[d], &prepared.sources);
        eprintln!("publish stopped; `{}` is unchanged", dest.shown);
        return CONTENT_ERRORS;
    };
    // The content passes the check and names its version: from here on
    // the destination is this publish's alone, and what an interrupted
    // one left is put right.
    if let Err(e) = dest.lock() {
        return fail(&e.to_string());
    }
    if let Some(Lock::Unavailable(e)) = &dest.lock {
        eprintln!(
            "warning: the file system would not lock `{}` ({e}), so nothing stops a second publish to it running at the same time; make sure no one else publishes there now",
            dest.shown
        );
    }
    for note in &dest.recovered {
        eprintln!("note: {note}");
    }
    // Each refusal that points at `version:` in report.yaml.
    let published = |message: String| {
        Diagnostic::error("published-version", message)
            .at(file, pos_of(version))
            .help(format!(
                "a version is published once, so that its number always names one text: raise `version` ({}) and `version_date`",
                raised(&version.value)
            ))
    };
    let archive_path = dest.parent.join(format!("report-{}.zip", version.value));
    // Whether an archive of that name is there, and whether Evident wrote
    // it: read once, for the two refusals below.
    let archive_ours = (args.archive && archive_path.symlink_metadata().is_ok())
        .then(|| archive::is_ours(&archive_path));
    let refused = if archive_ours == Some(true) {
        // An archive of the version that Evident wrote says it was
        // published, even where no copy is kept: replacing it would give
        // one number two texts.
        Some(published(format!(
            "version {} was published before: its archive `{}` is there",
            version.value,
            dest.show(&archive_path)
        )))
    } else {
        match dest.refusal(&version.value, args.edition) {
            None => None,
            Some(Refusal::Published(at)) => Some(published(format!(
                "version {} is published already, at `{at}`",
                version.value
            ))),
            Some(Refusal::PublishedBefore(at)) => Some(published(format!(
                "version {} was published to `{at}` before (its kept copy has since been removed)",
                version.value
            ))),
            Some(Refusal::OtherEdition(there)) => {
                eprintln!(
                    "error: `{}` holds the {} edition; publishing the {} edition there would replace what its readers read with another edition. Give `--edition {}`, or another destination",
                    dest.shown,
                    edition_name(there),
                    edition_name(args.edition),
                    edition_name(there)
                );
                return FAILURE;
            }
            Some(Refusal::Occupied(at)) => {
                return fail(&format!(
                    "`{at}` exists and was not published by Evident, and the publication at `{}` would be kept there; move it away first",
                    dest.shown
                ));
            }
        }
    };
    if let Some(d) = refused {
        report(&[d], &prepared.sources);
        eprintln!("publish stopped; `{}` is unchanged", dest.shown);
        return CONTENT_ERRORS;
    }
    let version = version.value.clone();
    if archive_ours == Some(false) {
        return fail(&format!(
            "`{}` exists and was not written by Evident; refusing to replace it. Move it away, or publish without --archive",
            dest.show(&archive_path)
        ));
    }

    // Build into the staging folder; its marker, written last, says the
    // site in it is whole.
    let staged = dest.staging();
    let _ = fs::remove_dir_all(&staged);
    if let Err(e) = fs::create_dir(&staged) {
        return fail(&format!("cannot create `{}`: {e}", staged.display()));
    }
    let paths = prepared.build_order();
    let publication = Publication {
        version: version.clone(),
        edition: args.edition,
        number: dest.next_number(),
        earlier: dest.earlier_versions(),
    };
    let built = match prepared.render_into(&paths, &staged) {
        Ok(()) => fs::write(staged.join(MARKER), publication.marker_text())
            .map_err(|e| format!("cannot write `{}`: {e}", staged.join(MARKER).display())),
        Err(write::Stop::Write(e)) => Err(e.to_string()),
        Err(write::Stop::Other(errors)) => {
            report(&errors, &prepared.sources);
            let _ = fs::remove_dir_all(&staged);
            eprintln!("publish stopped; `{}` is unchanged", dest.shown);
            return CONTENT_ERRORS;
        }
    };
    let archived = built.and_then(|()| {
        if !args.archive {
            return Ok(None);
        }
        let date = review.report.version_date.as_ref().map(|d| &d.value);
        write_archive(&staged, &archive_path, &version, date).map(Some)
    });
    let archived = match archived {
        Ok(archived) => archived,
        Err(e) => {
            let _ = fs::remove_dir_all(&staged);
            return fail(&format!("{e}; `{}` is unchanged", dest.shown));
        }
    };
    let kept = match dest.switch(&staged) {
        Ok(kept) => kept,
        Err(e) => {
            let _ = fs::remove_dir_all(&staged);
            return fail(&e.to_string());
        }
    };
    let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    eprintln!(
        "published version {version} ({} edition, {pages} pages) to `{}`",
        edition_name(args.edition),
        dest.shown
    );
    // With --keep 0 the version replaced goes at once: said once, below.
    if let Some(kept) = kept.filter(|_| args.keep > 0) {
        eprintln!("kept the version it replaced as `{}`", dest.show(&kept));
    }
    match dest.prune(args.keep) {
        Ok(removed) => {
            for path in removed {
                eprintln!(
                    "removed `{}` (--keep {} {})",
                    dest.show(&path),
                    args.keep,
                    plural_versions(args.keep)
                );
            }
        }
        Err(e) => return fail(&format!("published, but {e}")),
    }
    if let Some(bytes) = archived {
        eprintln!(
            "wrote `{}` ({} KB)",
            dest.show(&archive_path),
            bytes.div_ceil(1024)
        );
    }
    OK
}

/// The version after `version`, for a help: its last number raised
/// (`0.3` → `0.4`, `1.0-rc.2` → `1.0-rc.3`), else an example.
fn raised(version: &str) -> String {
    let digits = version
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i);
    match digits.and_then(|i| Some((i, version[i..].parse::<u64>().ok()?))) {
        Some((i, n)) => format!("e.g. `{version}` → `{}{}`", &version[..i], n + 1),
        None => format!("e.g. `{version}` → `{version}.1`"),
    }
}

fn plural_versions(n: usize) -> String {
    match n {
        0 => "keeps no earlier version".to_string(),
        1 => "keeps the one version before it".to_string(),
        n => format!("keeps the {n} versions before it"),
    }
}

/// Write the archive of the finished site in `staged` to `path`, through
/// a temporary file beside it renamed over it; returns its size.
fn write_archive(
    staged: &Path,
    path: &Path,
    version: &str,
    date: Option<&crate::model::Date>,
) -> Result<u64, String> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let written = (|| {
        let file =
            fs::File::create(&tmp).map_err(|e| format!("cannot write `{}`: {e}", tmp.display()))?;
        let mut out = std::io::BufWriter::new(file);
        let comment = format!("{} {version}", archive::COMMENT_START);
        archive::write_zip(
            staged,
            &format!("report-{version}"),
            &[MARKER],
            date,
            &comment,
            &mut out,
        )
        .map_err(|e| e.to_string())?;
        let file = out.into_inner().map_err(|e| e.to_string())?;
        file.sync_all().map_err(|e| e.to_string())?;
        fs::rename(&tmp, path).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        fs::metadata(path)
            .map(|m| m.len())
            .map_err(|e| e.to_string())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}
