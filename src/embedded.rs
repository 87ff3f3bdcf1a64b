//! What is built into the binary: the default theme, the default criteria
//! framework and the JSON Schemas of the content files, so a project
//! without `themes/` builds and `init` can write a complete project with no
//! network and no install step.

/// The HMIP youth justice standards (2021 numbering), in our own words.
pub const FRAMEWORK: &str = include_str!("../frameworks/hmip-youth.yaml");

/// File name the framework is written under by `init`.
pub const FRAMEWORK_FILE: &str = "hmip-youth.yaml";

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
        "findings.js",
        include_bytes!("../themes/default/static/findings.js"),
    ),
];
