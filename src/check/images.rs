//! Images, part of `check`: a page must not load anything from elsewhere by
//! itself. An image a reader never asked for, fetched from another server,
//! tells that server who opened the report and when (a tracking beacon);
//! from a report opened off a file share on Windows, an address like
//! `\\host\share\x.png` or `//host/x.png` becomes an SMB request that can
//! hand over the reader's network credentials. So an image whose address is
//! absolute (`https:`), protocol-relative (`//`) or a UNC path (`\\host\…`)
//! is an error where it is written. Links a reader clicks are not affected.

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{Alt, Review};

/// Report every image that would be fetched from outside the site.
pub(super) fn check(review: &Review, out: &mut Vec<Diagnostic>) {
    for (file, body) in review.bodies() {
        for image in body.images.iter().filter(|i| leaves_the_site(&i.src)) {
            let pos = (image.line > 0).then(|| Pos::new(image.line, image.column, image.len));
            out.push(
                Diagnostic::error(
                    "external-resource",
                    "this image would be loaded from outside the site, by every reader who opens the page",
                )
                .at(file, pos)
                .help("save the image into the project and link to it by a relative path; link to the address instead if readers should choose to open it"),
            );
        }
    }
}

/// Report every image without alternative text (`missing-alt`): a screen
/// reader says nothing useful for it, and automated checkers (axe's
/// `image-alt`) fail the page. Markdown cannot mark an image as
/// decoration, so `![](x.png)` counts as missing; raw
/// `<img src="x.png" alt="">` is decoration, and accepted.
pub(super) fn alt_texts(review: &Review, out: &mut Vec<Diagnostic>) {
    for (file, body) in review.bodies() {
        for image in body.images.iter().filter(|i| i.alt == Alt::Missing) {
            let pos = (image.line > 0).then(|| Pos::new(image.line, image.column, image.len));
            out.push(
                Diagnostic::warning(
                    "missing-alt",
                    format!("the image `{}` has no alternative text", image.src),
                )
                .at(file, pos)
                .help("say what the image shows, as you would to someone on the phone: `![Bar chart of cases by age group](chart.png)`; for a purely decorative image write `<img src=\"…\" alt=\"\">`"),
            );
        }
    }
}

/// Whether a browser reading `src` as an image address would fetch it from
/// somewhere other than the site: it names a scheme (`https:`, `ftp:`,
/// `file:`…), starts with two slashes of either kind (`//host`, `\\host`,
/// `/\host`), or is a Windows drive path (`C:\…`, which has a one-letter
/// "scheme"). A `data:` address carries the image itself and fetches
/// nothing, and a `javascript:` or `vbscript:` one is no image at all (the
/// sanitiser removes both). Browsers drop tabs and line breaks
/// anywhere in an address and spaces around it, so those are dropped first.
pub(super) fn leaves_the_site(src: &str) -> bool {
    let squeezed: String = src
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let address = squeezed.trim_matches(|c: char| c <= ' ');
    let mut chars = address.chars();
    let two_slashes = matches!(
        (chars.next(), chars.next()),
        (Some('/' | '\\'), Some('/' | '\\'))
    );
    let scheme = address.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && !["data", "javascript", "vbscript"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s))
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    two_slashes || scheme
}

#[cfg(test)]
mod tests {
    use super::leaves_the_site;

    #[test]
    fn addresses_that_leave_the_site() {
        for away in [
            "https://tracker.example/p.gif",
            "HTTP://x/y.png",
            "//host/x.png",
            "\\\\host\\share\\x.png",
            "/\\host/x.png",
            "\\/host/x.png",
            " //host/x.png",
            "/\t/host/x.png",
            "file:///etc/x.png",
            "ftp://x/y.png",
            "C:\\images\\x.png",
        ] {
            assert!(leaves_the_site(away), "{away}");
        }
        for here in [
            "chart.png",
            "../files/chart.png",
            "/assets/logo.png",
            "images/a:b.png",
            "#x",
            "",
            "data:image/png;base64,AAAA",
            "JavaScript:alert(1)",
        ] {
            assert!(!leaves_the_site(here), "{here}");
        }
    }
}
