//! `docs/themes.md`'s context reference is made from the doc comments of
//! the view structs in `src/site/views/`, so the theme's contract and the
//! code cannot drift apart. This test makes the reference again and
//! compares it with the part of the file between the two markers; when a
//! view changes, rewrite it with
//!
//! ```sh
//! EVIDENT_BLESS=1 cargo test --test testsuite theme_reference
//! ```
//!
//! The views are read as text, line by line: they are `cargo fmt`-ed
//! Rust in a fixed shape (doc comments, `pub struct`, one `pub` field a
//! line), and a parser of Rust (such as `syn`) would be a dependency for
//! this one test.

use crate::common::repo_root;

const BEGIN: &str = "<!-- context reference: made from src/site/views by tests/testsuite/theme_reference.rs; do not edit by hand -->";
const END: &str = "<!-- end of context reference -->";

/// The view files, in the order the reference lists them.
const FILES: [(&str, &str); 4] = [
    ("chrome.rs", "Every page"),
    ("pages.rs", "Each page kind"),
    ("parts.rs", "Shared shapes"),
    ("figures.rs", "Figures, ratings and labels"),
];

struct Field {
    name: String,
    ty: String,
    doc: String,
    flatten: bool,
    sometimes: bool,
}

struct View {
    name: String,
    doc: String,
    fields: Vec<Field>,
}

/// The `pub struct`s of one file, with their docs and fields.
fn views(text: &str) -> Vec<View> {
    let mut out: Vec<View> = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    let mut inside = false;
    let (mut flatten, mut sometimes) = (false, false);
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(d) = trimmed.strip_prefix("///") {
            doc.push(d.trim().to_string());
            continue;
        }
        if trimmed.starts_with("#[serde(flatten)]") {
            flatten = true;
            continue;
        }
        if trimmed.starts_with("#[serde(skip_serializing_if") {
            sometimes = true;
            continue;
        }
        if trimmed.starts_with("#[") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("pub struct ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(View {
                name,
                doc: doc.join(" "),
                fields: Vec::new(),
            });
            inside = rest.trim_end().ends_with('{');
            doc.clear();
            continue;
        }
        if inside && line == "}" {
            inside = false;
        } else if inside && let Some(rest) = trimmed.strip_prefix("pub ") {
            let (name, ty) = rest.split_once(':').expect("a field is `name: Type,`");
            out.last_mut().unwrap().fields.push(Field {
                name: name.trim().to_string(),
                ty: ty.trim().trim_end_matches(',').to_string(),
                doc: doc.join(" "),
                flatten,
                sometimes,
            });
        }
        doc.clear();
        flatten = false;
        sometimes = false;
    }
    out
}

/// A Rust type as a theme author reads it.
fn kind(ty: &str, known: &[String]) -> String {
    let ty = ty
        .replace("&'a ", "")
        .replace("&'static ", "")
        .replace("<'a>", "")
        .replace("'a, ", "");
    let ty = ty.trim();
    let inner = |prefix: &str| {
        ty.strip_prefix(prefix)
            .and_then(|t| t.strip_suffix('>'))
            .map(str::to_string)
    };
    if let Some(t) = inner("Option<") {
        return format!("{} or null", kind(&t, known));
    }
    if let Some(t) = inner("Vec<") {
        return format!("list of {}", kind(&t, known));
    }
    if let Some(t) = inner("Box<") {
        return kind(&t, known);
    }
    let last = ty.rsplit("::").next().unwrap_or(ty);
    match last {
        "str" | "String" | "Cow<str>" => "text".into(),
        "usize" | "u32" | "u64" | "i64" | "f64" => "number".into(),
        "bool" => "true or false".into(),
        "BTreeMap<String, String>" => "map of text".into(),
        "TocEntry" => {
            "`{level, id, title, lang}` (`lang` only for a heading of an untranslated text)".into()
        }
        name if known.iter().any(|k| k == name) => {
            format!("[{name}](#{})", name.to_lowercase())
        }
        other => format!("`{other}`"),
    }
}

/// The reference, as it belongs between the markers.
fn reference() -> String {
    let dir = repo_root().join("src/site/views");
    let files: Vec<(&str, Vec<View>)> = FILES
        .iter()
        .map(|(file, title)| {
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            (*title, views(&text))
        })
        .collect();
    let known: Vec<String> = files
        .iter()
        .flat_map(|(_, v)| v.iter().map(|v| v.name.clone()))
        .collect();
    let mut out = String::new();
    // Which template gets which view, from the `PageOwn` enum's docs.
    let own = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
    out.push_str("| template | its own variables |\n|---|---|\n");
    let mut doc = String::new();
    for line in own
        .lines()
        .skip_while(|l| !l.starts_with("pub enum PageOwn"))
    {
        let t = line.trim();
        if let Some(d) = t.strip_prefix("///") {
            doc = d.trim().trim_end_matches('.').to_string();
        } else if let Some((_, rest)) = t.split_once('(') {
            let name = kind(rest.trim_end_matches("),"), &known);
            out.push_str(&format!("| {doc} | {name} |\n"));
        } else if t.starts_with("Nothing") {
            out.push_str(&format!("| {doc} | — |\n"));
        }
    }
    out.push_str("\nEvery page also has the variables of [Chrome](#chrome).\n");
    for (title, views) in &files {
        out.push_str(&format!("\n### {title}\n"));
        for v in views {
            out.push_str(&format!("\n#### {}\n\n{}\n\n", v.name, v.doc));
            out.push_str("| variable | is | meaning |\n|---|---|---|\n");
            for f in &v.fields {
                let is = kind(&f.ty, &known);
                let (name, is) = if f.flatten {
                    ("(all of)".to_string(), is)
                } else if f.sometimes {
                    (format!("`{}`", f.name), format!("{is}; absent elsewhere"))
                } else {
                    (format!("`{}`", f.name), is)
                };
                out.push_str(&format!(
                    "| {name} | {is} | {} |\n",
                    f.doc.replace('|', "\\|")
                ));
            }
        }
    }
    out
}

#[test]
fn the_theme_reference_is_made_from_the_views() {
    let path = repo_root().join("docs/themes.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(BEGIN)
        .expect("docs/themes.md has the begin marker")
        + BEGIN.len();
    let end = text.find(END).expect("docs/themes.md has the end marker");
    let made = format!("\n{}", reference());
    if std::env::var_os("EVIDENT_BLESS").is_some() {
        let new = format!("{}{made}{}", &text[..start], &text[end..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    let kept = &text[start..end];
    if kept != made {
        panic!(
            "docs/themes.md's context reference is not what src/site/views says \
             (EVIDENT_BLESS=1 cargo test --test testsuite theme_reference), at {}",
            crate::common::first_difference(kept, &made)
        );
    }
}

#[test]
fn every_view_field_has_a_doc() {
    let dir = repo_root().join("src/site/views");
    for (file, _) in FILES {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let views = views(&text);
        assert!(!views.is_empty(), "{file}: no views read");
        for v in views {
            assert!(!v.doc.is_empty(), "{file}: {} has no doc", v.name);
            for f in &v.fields {
                assert!(
                    !f.doc.is_empty(),
                    "{file}: {}.{} has no doc",
                    v.name,
                    f.name
                );
            }
        }
    }
}
