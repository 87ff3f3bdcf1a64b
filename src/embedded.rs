//! What is built into the binary: the default theme, the default criteria
//! framework and the JSON Schemas of the content files, so a project
//! without `themes/` builds and `init` can write a complete project with no
//! network and no install step.

/// A framework built into the binary, written by `init --framework NAME`.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFramework {
    /// What `--framework` takes, and the file name it is written under
    /// (`content/criteria/<name>.yaml`).
    pub name: &'static str,
    /// The YAML, comments and sources included.
    pub yaml: &'static str,
}

/// The built-in frameworks, oldest first: HMIP's youth justice standards
/// as used from 2018 and as refreshed in 2021, in our own words
/// (`docs/frameworks-sources.md` gives the sources).
pub const FRAMEWORKS: &[EmbeddedFramework] = &[
    EmbeddedFramework {
        name: "hmip-youth-2018",
        yaml: include_str!("../frameworks/hmip-youth-2018.yaml"),
    },
    EmbeddedFramework {
        name: "hmip-youth-2021",
        yaml: include_str!("../frameworks/hmip-youth-2021.yaml"),
    },
];

/// Other names a framework answers to: (alias, name). `hmip-youth` was the
/// one framework's name before there were versions.
pub const FRAMEWORK_ALIASES: &[(&str, &str)] = &[("hmip-youth", "hmip-youth-2021")];

/// What `init` writes when no framework is named: the current standards.
pub const DEFAULT_FRAMEWORK: &str = "hmip-youth-2021";

/// The built-in framework with this name or alias.
pub fn framework(name: &str) -> Option<&'static EmbeddedFramework> {
    let name = FRAMEWORK_ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, to)| to);
    FRAMEWORKS.iter().find(|f| f.name == name)
}

/// JSON Schemas for the YAML of each kind of content file, for editors:
/// (file name, schema).
pub const SCHEMAS: &[(&str, &str)] = &[
    (
        "report.schema.json",
        include_str!("../schemas/report.schema.json"),
    ),
    (
        "framework.schema.json",
        include_str!("../schemas/framework.schema.json"),
    ),
    (
        "framework-texts.schema.json",
        include_str!("../schemas/framework-texts.schema.json"),
    ),
    (
        "case.schema.json",
        include_str!("../schemas/case.schema.json"),
    ),
    (
        "finding.schema.json",
        include_str!("../schemas/finding.schema.json"),
    ),
    (
        "page.schema.json",
        include_str!("../schemas/page.schema.json"),
    ),
    (
        "focus.schema.json",
        include_str!("../schemas/focus.schema.json"),
    ),
    (
        "narrative.schema.json",
        include_str!("../schemas/narrative.schema.json"),
    ),
];

/// The default theme's templates: (name, source).
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "page.html",
        include_str!("../themes/default/templates/page.html"),
    ),
    (
        "domain.html",
        include_str!("../themes/default/templates/domain.html"),
    ),
    (
        "standard.html",
        include_str!("../themes/default/templates/standard.html"),
    ),
    (
        "focus.html",
        include_str!("../themes/default/templates/focus.html"),
    ),
    (
        "cases.html",
        include_str!("../themes/default/templates/cases.html"),
    ),
    (
        "case.html",
        include_str!("../themes/default/templates/case.html"),
    ),
    (
        "findings.html",
        include_str!("../themes/default/templates/findings.html"),
    ),
    (
        "report.html",
        include_str!("../themes/default/templates/report.html"),
    ),
    (
        "search.html",
        include_str!("../themes/default/templates/search.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "partials/finding.html",
        include_str!("../themes/default/templates/partials/finding.html"),
    ),
    (
        "partials/questions.html",
        include_str!("../themes/default/templates/partials/questions.html"),
    ),
    (
        "partials/rating.html",
        include_str!("../themes/default/templates/partials/rating.html"),
    ),
    (
        "partials/figures.html",
        include_str!("../themes/default/templates/partials/figures.html"),
    ),
    (
        "partials/small-sample.html",
        include_str!("../themes/default/templates/partials/small-sample.html"),
    ),
    (
        "partials/overall.html",
        include_str!("../themes/default/templates/partials/overall.html"),
    ),
    (
        "partials/sample.html",
        include_str!("../themes/default/templates/partials/sample.html"),
    ),
    (
        "partials/matrix.html",
        include_str!("../themes/default/templates/partials/matrix.html"),
    ),
    (
        "changes.html",
        include_str!("../themes/default/templates/changes.html"),
    ),
    (
        "actions.html",
        include_str!("../themes/default/templates/actions.html"),
    ),
    (
        "partials/action-counts.html",
        include_str!("../themes/default/templates/partials/action-counts.html"),
    ),
    (
        "partials/action-table.html",
        include_str!("../themes/default/templates/partials/action-table.html"),
    ),
    (
        "partials/untranslated.html",
        include_str!("../themes/default/templates/partials/untranslated.html"),
    ),
];

/// The default theme's locales: (file name under `locales/`, text).
pub const LOCALES: &[(&str, &str)] = &[
    (
        "en-GB.yaml",
        include_str!("../themes/default/locales/en-GB.yaml"),
    ),
    ("cy.yaml", include_str!("../themes/default/locales/cy.yaml")),
];

/// The default theme's static files: (path under `static/`, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
    (
        "report.js",
        include_bytes!("../themes/default/static/report.js"),
    ),
    (
        "findings.js",
        include_bytes!("../themes/default/static/findings.js"),
    ),
    (
        "actions.js",
        include_bytes!("../themes/default/static/actions.js"),
    ),
];
