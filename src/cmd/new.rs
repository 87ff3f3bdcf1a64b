//! `evident new finding|case|page|focus NAME...`: start a content file from
//! a template, in the place the kind of file belongs. It reads the project
//! first (through `pipeline::check`), so that the template can use the
//! report's finding kinds and the framework's key questions, and so that a
//! kind, criterion or domain that does not exist is refused before anything
//! is written. It never overwrites a file.

use super::{OK, fail};
use crate::check::placeholders;
use crate::diagnostic::{code_list, nearest};
use crate::model::{AssessedBy, Review};
use crate::pipeline::{self, Options};
use std::path::PathBuf;

/// What kind of file to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// `content/findings/<name>.md`
    Finding,
    /// `content/cases/<id>.yaml`
    Case,
    /// `content/pages/<name>.md`
    Page,
    /// `content/focus/<name>.md`
    Focus,
}

/// What `new` was asked for.
#[derive(Debug, Clone)]
pub struct NewArgs {
    /// The project root.
    pub root: PathBuf,
    /// What to create.
    pub kind: NewKind,
    /// Names (file names without `.md`; for a finding, perhaps with
    /// folders) or case ids.
    pub names: Vec<String>,
    /// The title, when one name is given.
    pub title: Option<String>,
    /// A finding's kind.
    pub finding_kind: Option<String>,
    /// A finding's criteria.
    pub criteria: Vec<String>,
    /// The cases a finding draws on.
    pub cases: Vec<String>,
    /// A finding's focus areas.
    pub focus: Vec<String>,
    /// A case's domain.
    pub domain: Option<String>,
}

/// Run `new`.
pub fn run(args: &NewArgs) -> u8 {
    if !args.root.join("content").is_dir() {
        return fail(&format!(
            "`{}` has no `content/` folder: run `evident init` to start a review project, or pass --root",
            args.root.display()
        ));
    }
    if args.title.is_some() && args.names.len() > 1 {
        return fail("--title gives one file its title; name one file at a time to use it");
    }
    if args
        .title
        .as_deref()
        .is_some_and(|t| t.contains(char::is_control))
    {
        return fail(
            "--title holds a line break (or another control character); a title is one line of text",
        );
    }
    // The review as it is now; a project that does not parse yet still
    // gets its files, from the templates' defaults.
    let review = match pipeline::check(&args.root, Options::default()) {
        Ok(checked) => checked.review,
        Err(e) => return fail(&e),
    };
    let mut planned = Vec::new();
    for name in &args.names {
        match plan(args, review.as_ref(), name) {
            Ok(file) => planned.push(file),
            Err(message) => return fail(&message),
        }
    }
    // New files go inside the project, or inside what `content/` leads to.
    let boundary = crate::files::Boundary::new(&args.root, "content");
    for (path, text) in &planned {
        let target = args.root.join(path);
        if let Some(parent) = target.parent() {
            if !boundary.contains(parent) {
                return fail(&format!(
                    "`{}` leads outside the project (a folder on the way is a link); Evident never writes there",
                    parent.display()
                ));
            }
            if let Err(e) = std::fs::create_dir_all(parent) {
                return fail(&crate::files::FileError::new("create", parent, e).to_string());
            }
        }
        // `create_new` fails if anything is there, even if it appeared
        // since it was looked for, or is a link: nothing is ever
        // overwritten or written through.
        let written = crate::files::create_new(&target, text.as_bytes());
        if let Err(e) = written {
            return fail(&if e.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "`{path}` already exists; `new` never overwrites a file. Choose another name, or edit that file"
                )
            } else {
                format!("cannot write `{path}`: {e}")
            });
        }
        // From where the reviewer is, so that it can be opened as shown.
        let shown = match crate::project::current_folder() {
            Ok(cwd) => crate::project::shown(&args.root, path, &cwd),
            Err(_) => path.clone(),
        };
        println!("created {shown}");
    }
    OK
}

/// The project-relative path and text of one new file, or why not.
fn plan(args: &NewArgs, review: Option<&Review>, name: &str) -> Result<(String, String), String> {
    // Composed, as the review keeps names (`model::ids::file_name`).
    let name = crate::model::file_name(
        name.trim_end_matches(".md")
            .trim_end_matches(".yaml")
            .trim_matches('/'),
    );
    let name = name.as_str();
    let parts: Vec<&str> = name.split('/').collect();
    let folders_allowed = args.kind == NewKind::Finding;
    // A case id is good when publishing it as a path changes nothing; a
    // file name when it makes a slug (letters of any alphabet).
    let good_part = |p: &&str| match args.kind {
        NewKind::Case => !p.is_empty() && crate::model::path_id(p) == *p,
        _ => crate::model::try_file_slug(p).is_ok(),
    };
    if !parts.iter().all(good_part) || (!folders_allowed && parts.len() > 1) {
        let suggestion = match args.kind {
            NewKind::Case => String::new(),
            _ => {
                let usable: Vec<String> = parts
                    .iter()
                    .map(|p| crate::model::usable_file_name(p, "name", |_| false))
                    .collect();
                let joined = if folders_allowed {
                    usable.join("/")
                } else {
                    usable.join("-")
                };
                format!(" (e.g. `{joined}`)")
            }
        };
        return Err(format!(
            "`{name}` cannot be a file name here: use letters, digits, `-` and `_`{}{}{suggestion}",
            if args.kind == NewKind::Case {
                ""
            } else {
                " (letters of any alphabet)"
            },
            if folders_allowed {
                ", with `/` between folders (`assessment/diverse-needs`)"
            } else {
                ", and no folders"
            }
        ));
    }
    let stem = parts.last().copied().unwrap_or(name);
    let title = args.title.clone().unwrap_or_else(|| title_of(stem));
    // Another file published at the same address: a finding anywhere
    // under `findings/`, or a page or focus area whose name differs only
    // in letters that are published alike (`méthode`, `Methode`).
    let slug = crate::model::file_slug(stem);
    let same_address = |other: &str, other_slug: &str| {
        other != stem && other_slug.to_lowercase() == slug.to_lowercase()
    };
    let published_alike = match (args.kind, review) {
        (NewKind::Page, Some(r)) => r
            .pages
            .iter()
            .find(|p| same_address(&p.name, &p.slug))
            .map(|p| &p.name),
        (NewKind::Focus, Some(r)) => r
            .focus_areas
            .iter()
            .find(|f| same_address(&f.name, &f.slug))
            .map(|f| &f.name),
        _ => None,
    };
    if let Some(other) = published_alike {
        return Err(format!(
            "`{stem}` would be published at the same address as `{other}`, which exists already. Choose another name"
        ));
    }
    Ok(match args.kind {
        NewKind::Finding => {
            if let Some(r) = review
                && let Some(f) = r.findings.iter().find(|f| f.slug == slug)
            {
                return Err(if f.name == stem {
                    format!(
                        "a finding named `{stem}` exists already; a finding's file name is its id and must be unique. Choose another name"
                    )
                } else {
                    format!(
                        "a finding named `{}` exists already, and `{stem}` would be published as it is; a finding's file name is its id and must be unique. Choose another name",
                        f.name
                    )
                });
            }
            (
                format!("content/findings/{name}.md"),
                finding(args, review, &title)?,
            )
        }
        NewKind::Case => (
            format!("content/cases/{name}.yaml"),
            case(args, review, name)?,
        ),
        NewKind::Page => (
            format!("content/pages/{name}.md"),
            format!(
                "---\ntitle: {}\nposition: before     # before or after the findings\n---\n{}\n",
                yaml_text(&title),
                placeholders::NEW_PAGE
            ),
        ),
        NewKind::Focus => (
            format!("content/focus/{name}.md"),
            format!(
                "---\ntitle: {}\n---\n{} Findings and cases\nthat name `{name}` under `focus:` are listed on this page.\n",
                yaml_text(&title),
                placeholders::NEW_FOCUS
            ),
        ),
    })
}

fn finding(args: &NewArgs, review: Option<&Review>, title: &str) -> Result<String, String> {
    let kinds: Vec<String> = review.map_or_else(Vec::new, |r| {
        r.kinds().iter().map(|k| k.id.value.clone()).collect()
    });
    let kind = match &args.finding_kind {
        Some(k) if !kinds.is_empty() && !kinds.contains(k) => {
            let known: Vec<&str> = kinds.iter().map(String::as_str).collect();
            return Err(unknown(
                format!("`{k}` is not a finding kind of this review"),
                k,
                &known,
                "kinds",
            ));
        }
        Some(k) => k.clone(),
        None => kinds.first().cloned().unwrap_or_else(|| "strength".into()),
    };
    if let Some(r) = review {
        let ids: Vec<&str> = r.framework.criterion_ids().collect();
        for c in &args.criteria {
            if !ids.contains(&c.as_str()) {
                return Err(unknown(
                    format!("`{c}` is not a standard or domain of the framework"),
                    c,
                    &ids,
                    "standards and domains",
                ));
            }
        }
    }
    // Cases and focus areas are checked as `check` checks a finding's:
    // the same words, the same suggestion.
    if let Some(r) = review {
        let cases: Vec<&str> = r.cases.iter().map(|c| c.id.value.as_str()).collect();
        for c in &args.cases {
            if !cases.contains(&c.as_str()) {
                return Err(unknown(
                    format!("no case audit has the id `{c}`"),
                    c,
                    &cases,
                    "cases",
                ));
            }
        }
        let focus: Vec<&str> = r.focus_areas.iter().map(|f| f.name.as_str()).collect();
        for f in &args.focus {
            if !focus.contains(&f.as_str()) {
                return Err(unknown(
                    format!("no focus area is named `{f}`"),
                    f,
                    &focus,
                    "focus areas (files in content/focus/)",
                ));
            }
        }
    }
    let list = |items: &[String], quote: fn(&str) -> String| {
        items
            .iter()
            .map(|i| quote(i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let criteria = list(&args.criteria, |c| format!("\"{c}\""));
    let focus = list(&args.focus, yaml_text);
    let cases = list(&args.cases, yaml_text);
    Ok(format!(
        "---\ntitle: {}\nkind: {kind}\ncriteria: [{criteria}]   # standard or domain ids; none: \"Other findings\"\nfocus: [{focus}]        # focus-area names\ncases: [{cases}]        # the case ids this finding draws on\n{}---\n{}\n",
        yaml_text(title),
        action_fields(review, &kind),
        placeholders::NEW_FINDING,
    ))
}

/// For a finding of an actionable kind, the action's fields as comments:
/// what each takes, from the report's own lists, for the author to fill
/// in once the service has agreed them. Left as comments they change
/// nothing (a new action has no owner yet, and `check` says so only when
/// the report asks for owners).
fn action_fields(review: Option<&Review>, kind: &str) -> String {
    let actionable = match review.and_then(|r| r.kind(kind)) {
        Some(k) => k.is_actionable(),
        None => matches!(kind, "consideration" | "recommendation"),
    };
    if !actionable {
        return String::new();
    }
    let owners = review.and_then(|r| r.report.owners.as_ref()).map(|listed| {
        // Each as it would be written after `owner:`, quoted where YAML
        // needs it, so one copied from here reads back whole.
        listed
            .iter()
            .map(|o| yaml_text(o.value.trim()))
            .collect::<Vec<_>>()
    });
    let owner = match owners {
        Some(listed) if !listed.is_empty() => format!("one of: {}", listed.join(", ")),
        _ => "who acts on it: the service, a partner, the board".to_string(),
    };
    let priorities = review.map_or_else(
        || crate::model::DEFAULT_PRIORITIES.to_vec(),
        |r| r.report.priorities(),
    );
    format!(
        "# The action, once agreed (uncomment what is known):\n# owner:         # {owner}\n# priority:      # one of: {}\n# due:           # YYYY-MM-DD or YYYY-MM\n",
        priorities.join(", ")
    )
}

fn case(args: &NewArgs, review: Option<&Review>, id: &str) -> Result<String, String> {
    if let Some(r) = review
        && r.cases.iter().any(|c| c.id.value == id)
    {
        return Err(format!(
            "a case `{id}` exists already; case ids must be unique"
        ));
    }
    let domains: Vec<&crate::model::Domain> =
        review.map_or_else(Vec::new, |r| r.domains_in_scope().collect());
    let domain = match &args.domain {
        Some(d) if !domains.is_empty() && !domains.iter().any(|x| &x.id.value == d) => {
            return Err(format!(
                "`{d}` is not a domain in scope; cases can be in {}",
                code_list(domains.iter().map(|x| &x.id.value))
            ));
        }
        Some(d) => d.clone(),
        None => domains
            .first()
            .map_or_else(|| "2".to_string(), |d| d.id.value.clone()),
    };
    let mut text = format!(
        "# A case audit. The id is a pseudonymous reference: never a name or a real\n# identifier.\nid: {id}\ndomain: \"{domain}\"\ndisposal: {not_recorded}\naudit: file-read            # file-read or with-case-manager\nanswers: {{}}\n",
        not_recorded = placeholders::NOT_RECORDED
    );
    // The questions to answer, as comments to turn into answers: until
    // they are, `check` lists them as missing.
    let questions: Vec<(String, String)> = review
        .and_then(|r| r.framework.domain(&domain))
        .map(|d| {
            d.standards
                .iter()
                .filter(|s| s.assessed_by == AssessedBy::Cases)
                .flat_map(|s| s.questions.iter())
                .map(|q| (q.id.value.clone(), q.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    if !questions.is_empty() {
        let scale: Vec<String> = review.map_or_else(Vec::new, |r| {
            r.framework
                .answers
                .iter()
                .map(|a| a.id.value.clone())
                .collect()
        });
        text.push_str(&format!(
            "# Replace `answers: {{}}` above with one line per key question, answered\n# {}:\n# answers:\n",
            scale
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for (qid, question) in questions {
            text.push_str(&format!(
                "#   \"{qid}\": \"\"    # {}\n",
                question.lines().next().unwrap_or("")
            ));
        }
    }
    text.push_str(&format!("notes: {}\n", placeholders::CASE_NOTES));
    Ok(text)
}

/// A name the review does not know: the message, the nearest known name
/// if one is close, and the known ones (the first twelve).
fn unknown(message: String, word: &str, known: &[&str], what: &str) -> String {
    if known.is_empty() {
        return format!("{message}; there are no {what} yet");
    }
    let list = if known.len() <= 12 {
        code_list(known)
    } else {
        format!(
            "{} (and {} more)",
            code_list(&known[..12]),
            known.len() - 12
        )
    };
    match nearest(word, known) {
        Some(k) => format!("{message}; did you mean `{k}`? known {what}: {list}"),
        None => format!("{message}; known {what}: {list}"),
    }
}

/// `diverse-needs` → `Diverse needs`.
fn title_of(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Text as a YAML scalar: quoted when plain YAML would read it otherwise.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c == ' ')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(' ')
        && !text.ends_with(':')
        // Words and numbers YAML reads as something other than text.
        && !text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && !["true", "false", "null", "yes", "no", "on", "off", "~"]
            .contains(&text.to_ascii_lowercase().as_str());
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_names() {
        assert_eq!(title_of("diverse-needs"), "Diverse needs");
        assert_eq!(title_of("plans_and_partners"), "Plans and partners");
    }

    #[test]
    fn titles_are_quoted_only_when_yaml_needs_it() {
        assert_eq!(yaml_text("Plans are clear"), "Plans are clear");
        assert_eq!(yaml_text("Risk: high"), "\"Risk: high\"");
        assert_eq!(yaml_text("\"Quoted\" start"), "\"\\\"Quoted\\\" start\"");
        assert_eq!(yaml_text("- a list?"), "\"- a list?\"");
        assert_eq!(yaml_text("2024"), "\"2024\"");
        assert_eq!(yaml_text("Yes"), "\"Yes\"");
    }
}
