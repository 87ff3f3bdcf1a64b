//! Resources, part of `check`: the images and downloads under `content/`.
//!
//! - A file nothing names is a warning (`unused-file`) and is not
//!   published: a spreadsheet of case details saved into `content/` by
//!   mistake must not reach the intranet. A file named only by drafts left
//!   out of this build is neither warned about nor published.
//! - An SVG the site shows must hold no script, event handler or link
//!   leading out of it (`unsafe-svg`): pages show it only through `<img>`,
//!   where none of these runs, but a reader can open any image on its own,
//!   and then they would, as the site.
//! - The logo (`report.yaml` `logo:`) must be an image of the project with
//!   alternative text.
//!
//! Links and images naming a file that is not there are reported with the
//! other links (`missing-file`, [`super::links`]).

use crate::content::Sources;
use crate::content::resources::svg_hazards;
use crate::content::yaml::pos_of;
use crate::diagnostic::{Diagnostic, nearest};
use crate::model::{ImageFormat, ResourceKind, Review};

/// Report unused files, unsafe SVGs and a logo that cannot be shown.
pub(super) fn check(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let used = review.resources_in_use();
    for (path, resource) in &sources.resources {
        if used.contains(path) {
            if matches!(
                resource.kind,
                ResourceKind::Image {
                    format: ImageFormat::Svg,
                    ..
                }
            ) {
                svg(resource.file, &resource.bytes, out);
            }
        } else if !review.draft_resources.contains(path) {
            out.push(
                Diagnostic::warning(
                    "unused-file",
                    format!("no finding or page names `{}`, so it is not published", resource.name()),
                )
                .at(resource.file, None)
                .help("show it with `![what it shows](name)` or link to it with `[title](name)` from the text beside it; delete it if it is not part of the report"),
            );
        }
    }
    if review.report_ok
        && let Some(logo) = &review.report.logo
    {
        let path = logo.path();
        let at = review.report_file;
        match sources.resources.get(&path) {
            None => {
                let known: Vec<&str> = sources
                    .resources
                    .keys()
                    .filter_map(|k| k.strip_prefix("content/"))
                    .collect();
                let d = Diagnostic::error(
                    "missing-file",
                    format!("the logo `{}` is not in the project", logo.file.value),
                )
                .at(at, pos_of(&logo.file));
                out.push(match nearest(&logo.file.value, &known) {
                    Some(k) => d.help(format!("did you mean `{k}`?")),
                    None => d.help("save the logo under `content/` (e.g. `content/files/logo.svg`) and give its path from `content/`"),
                });
            }
            Some(r) if !r.is_image() => out.push(
                Diagnostic::error(
                    "bad-logo",
                    format!("the logo `{}` is not an image", logo.file.value),
                )
                .at(at, pos_of(&logo.file))
                .help("give a PNG, JPEG, GIF, WebP, AVIF or SVG file"),
            ),
            Some(_) => {}
        }
        if logo.alt.value.trim().is_empty() {
            out.push(
                Diagnostic::warning("missing-alt", "the logo has no alternative text")
                    .at(at, pos_of(&logo.alt))
                    .help(
                        "give the organisation's name as `alt:`, as a screen reader should say it",
                    ),
            );
        }
    }
}

/// One `unsafe-svg` error for an SVG holding anything that could act or
/// load from elsewhere, naming each thing found.
fn svg(file: crate::model::FileId, bytes: &[u8], out: &mut Vec<Diagnostic>) {
    let hazards = svg_hazards(bytes);
    if hazards.is_empty() {
        return;
    }
    let mut named: Vec<String> = hazards.iter().map(|h| h.describe()).collect();
    named.dedup();
    out.push(
        Diagnostic::error(
            "unsafe-svg",
            format!(
                "this SVG holds {}; opened on its own, it would run or load that as the site",
                named.join(", ")
            ),
        )
        .at(file, None)
        .help(
            "export the chart again as plain SVG (no scripts, no links to other files) or as PNG",
        ),
    );
}
