//! Raw HTML the sanitiser took something out of, part of `check`: one
//! `sanitised-html` warning for each HTML block, or paragraph holding
//! inline HTML, that lost an element, an attribute or an address, at the
//! place its raw HTML starts and naming everything that went, so that no
//! author loses words or markup without being told. What went was found
//! while the body was rendered ([`crate::model::Sanitised`]); it is kept on
//! the body, so a rebuild that reuses a file's parse warns again.

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{Content, Removed, Review};
use std::collections::HashMap;

/// Warn of every piece of raw HTML the sanitiser changed.
pub(super) fn check(review: &Review, out: &mut Vec<Diagnostic>) {
    for (file, body) in review.bodies() {
        for changed in &body.sanitised {
            let pos =
                (changed.line > 0).then(|| Pos::new(changed.line, changed.column, changed.len));
            out.push(
                Diagnostic::warning(
                    "sanitised-html",
                    format!("the sanitiser removed: {}", list(&changed.removed)),
                )
                .at(file, pos)
                .help("a page never carries scripts, event handlers, styles, forms, embedded frames or links that run script; write it without them (Markdown, or the HTML docs/authoring.md lists as kept), or leave it out"),
            );
        }
    }
}

/// How many different removals one warning names; a block of hundreds of
/// unknown elements says how many more there were.
const NAMED: usize = 12;

/// What went, each kind once in the order first met, with how often.
fn list(removed: &[Removed]) -> String {
    let mut order: Vec<&Removed> = Vec::new();
    let mut times: HashMap<&Removed, usize> = HashMap::new();
    for r in removed {
        let n = times.entry(r).or_insert(0);
        if *n == 0 {
            order.push(r);
        }
        *n += 1;
    }
    let mut words: Vec<String> = order
        .iter()
        .take(NAMED)
        .map(|r| match times[r] {
            1 => describe(r),
            n => format!("{} ({n} times)", describe(r)),
        })
        .collect();
    if order.len() > NAMED {
        words.push(format!("and {} more", order.len() - NAMED));
    }
    words.join(", ")
}

/// One removal, in words.
fn describe(removed: &Removed) -> String {
    match removed {
        Removed::Element { name, content } => match content {
            Content::Empty => format!("element `{name}`"),
            Content::Kept => format!("element `{name}` (its content kept)"),
            Content::Dropped => format!("element `{name}` with its content"),
        },
        Removed::Attribute { element, attribute } => {
            format!("attribute `{attribute}` on `{element}`")
        }
        Removed::Address {
            element,
            attribute,
            scheme,
        } => match (scheme, element.as_str(), attribute.as_str()) {
            (Some(scheme), "a", "href") => format!("a `{scheme}:` link"),
            (Some(scheme), _, _) => {
                format!("a `{scheme}:` address in `{attribute}` on `{element}`")
            }
            (None, _, _) => {
                format!("an address that could not be read in `{attribute}` on `{element}`")
            }
        },
        Removed::Value { element, attribute } => {
            format!("attribute `{attribute}` on `{element}`, for its value")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_is_cut_short() {
        let removed: Vec<Removed> = (0..20)
            .map(|n| Removed::Element {
                name: format!("x-{n}"),
                content: Content::Empty,
            })
            .collect();
        let words = list(&removed);
        assert!(words.starts_with("element `x-0`, element `x-1`"), "{words}");
        assert!(words.ends_with("element `x-11`, and 8 more"), "{words}");
    }

    #[test]
    fn removals_are_named_once_each_with_a_count() {
        let onclick = Removed::Attribute {
            element: "a".into(),
            attribute: "onclick".into(),
        };
        let removed = [
            Removed::Element {
                name: "script".into(),
                content: Content::Dropped,
            },
            onclick.clone(),
            Removed::Address {
                element: "a".into(),
                attribute: "href".into(),
                scheme: Some("javascript".into()),
            },
            onclick,
            Removed::Element {
                name: "form".into(),
                content: Content::Kept,
            },
        ];
        assert_eq!(
            list(&removed),
            "element `script` with its content, attribute `onclick` on `a` (2 times), a `javascript:` link, element `form` (its content kept)"
        );
    }
}
