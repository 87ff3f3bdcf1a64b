//! The 404 page as a web server shows it: in place of a missing page at
//! any depth, so its styles and logo travel inside it and its links start
//! from the site's `base_path`; every other page stays relative.

use crate::common::{read, run_in, worked_example};
use scraper::{Html, Selector};
use std::path::Path;

/// Add `lines` to the worked example's `report.yaml`.
fn with_report_lines(dir: &Path, lines: &str) {
    let report = dir.join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("{text}{lines}")).unwrap();
}

/// Every `href`, `src` and `action` of a page.
fn addresses(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut all = Vec::new();
    for attr in ["href", "src", "action"] {
        let sel = Selector::parse(&format!("[{attr}]")).unwrap();
        all.extend(
            doc.select(&sel)
                .filter_map(|e| e.value().attr(attr))
                .map(str::to_string),
        );
    }
    all
}

/// The theme's stylesheet as the build published it (`assets/style.<hash>.css`).
fn published_stylesheet(out: &Path) -> String {
    let found = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("style.") && name.ends_with(".css"))
        .expect("a stylesheet in assets/");
    std::fs::read_to_string(out.join("assets").join(found)).unwrap()
}

fn build_in(dir: &Path, args: &[&str]) {
    let (code, _, stderr) = run_in(dir, args);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn under_a_sub_path_the_404_page_carries_its_styles_and_logo_and_links_from_the_base_path() {
    let dir = worked_example();
    with_report_lines(dir.path(), "base_path: /reports/2026/\n");
    build_in(dir.path(), &["build"]);
    let html = read(dir.path(), "404.html");
    let doc = Html::parse_document(&html);

    // The styles are in the page: no stylesheet to fetch from a folder a
    // missing page's address makes up.
    assert_eq!(
        doc.select(&Selector::parse("link[rel~=stylesheet]").unwrap())
            .count(),
        0,
        "{html}"
    );
    let css = published_stylesheet(&dir.path().join("output"));
    let inline: Vec<String> = doc
        .select(&Selector::parse("head style").unwrap())
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(inline.len(), 1, "{inline:?}");
    assert!(
        inline[0].contains(css.trim()),
        "the theme's style.css whole"
    );

    // Every address starts from the base path, or is in the page itself.
    let all = addresses(&html);
    assert!(all.len() > 10, "{all:?}");
    for a in &all {
        assert!(
            a.starts_with("/reports/2026/") || a.starts_with('#') || a.starts_with("data:"),
            "{a} does not start from the base path"
        );
    }
    // The worked example has a logo: it is carried as a data URL.
    let logo = crate::common::attrs(&doc, "header img.site-logo", "src");
    assert_eq!(logo.len(), 1);
    assert!(
        logo[0].starts_with("data:image/svg+xml;base64,"),
        "{logo:?}"
    );
    // The ways back the page offers.
    let main = crate::common::attrs(&doc, "main a", "href");
    assert_eq!(
        main,
        [
            "/reports/2026/index.html",
            "/reports/2026/findings.html",
            "/reports/2026/search.html"
        ]
    );
    assert_eq!(
        crate::common::attrs(&doc, "form.site-search", "action"),
        ["/reports/2026/search.html"]
    );
    assert_eq!(
        crate::common::attrs(&doc, ".site-title a", "href"),
        ["/reports/2026/index.html"]
    );
    assert!(
        crate::common::attrs(&doc, ".site-nav a", "href")
            .contains(&"/reports/2026/domains/2/index.html".to_string())
    );

    // Every other page stays relative.
    for (path, text) in crate::common::pages(dir.path()) {
        if path == "404.html" {
            continue;
        }
        for a in addresses(&text) {
            assert!(
                !a.starts_with('/') && !a.contains("reports/2026"),
                "{path} links to {a}"
            );
        }
    }
}

#[test]
fn without_base_path_the_404_page_links_from_the_servers_root() {
    let dir = worked_example();
    build_in(dir.path(), &["build"]);
    let html = read(dir.path(), "404.html");
    let doc = Html::parse_document(&html);
    assert_eq!(
        crate::common::attrs(&doc, "main a", "href"),
        ["/index.html", "/findings.html", "/search.html"]
    );
    for a in addresses(&html) {
        assert!(
            (a.starts_with('/') && !a.starts_with("//"))
                || a.starts_with('#')
                || a.starts_with("data:"),
            "{a}"
        );
    }
}

#[test]
fn a_base_path_without_its_last_slash_is_the_same_folder() {
    let dir = worked_example();
    with_report_lines(dir.path(), "base_path: /reports/2026\n");
    build_in(dir.path(), &["build"]);
    let doc = Html::parse_document(&read(dir.path(), "404.html"));
    assert_eq!(
        crate::common::attrs(&doc, ".site-title a", "href"),
        ["/reports/2026/index.html"]
    );
}

#[test]
fn folder_names_beyond_ascii_are_written_encoded() {
    let dir = worked_example();
    with_report_lines(dir.path(), "base_path: /rapports/été 2026/\n");
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "a space is refused: {stderr}");
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report)
        .unwrap()
        .replace("été 2026", "été-2026");
    std::fs::write(&report, text).unwrap();
    build_in(dir.path(), &["build"]);
    let doc = Html::parse_document(&read(dir.path(), "404.html"));
    assert_eq!(
        crate::common::attrs(&doc, ".site-title a", "href"),
        ["/rapports/%C3%A9t%C3%A9-2026/index.html"]
    );
}

#[test]
fn a_bad_base_path_is_an_error_at_the_setting_that_says_what_is_accepted() {
    let dir = worked_example();
    with_report_lines(dir.path(), "base_path: https://example.org/reports/\n");
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error[bad-base-path]: `base_path` is a whole address: give only its path on the server, from `/`\n\
         \x20 --> content/report.yaml:42:12\n\
         \x20  |\n\
         42 | base_path: https://example.org/reports/\n\
         \x20  |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n\
         \x20  |\n\
         help: write the folder the site is published in on its server, from the server's root and starting with `/`, e.g. `base_path: /reports/2026/`; the default, `/`, is the server's root\n\
         \n\
         1 error, 0 warnings\n"
    );
}

#[test]
fn each_kind_of_bad_base_path_is_named() {
    let cases = [
        (
            "reports/2026/",
            "`base_path` starts from the folder of the page, not from the server's root: begin it with `/`",
        ),
        (
            "//cdn.example/reports/",
            "`base_path` is a whole address: give only its path on the server, from `/`",
        ),
        (
            "\"/reports/?year=2026\"",
            "`base_path` holds `?`, which ends a URL's path: a query or fragment is no part of where the site is published",
        ),
        (
            "\"/reports/#top\"",
            "`base_path` holds `#`, which ends a URL's path: a query or fragment is no part of where the site is published",
        ),
        (
            "/reports/../secret/",
            "`base_path` has a `.` or `..` folder: write the folders as they are",
        ),
        ("/reports//2026/", "`base_path` has an empty folder (`//`)"),
        (
            "'/reports\\2026/'",
            "`base_path` holds `\\`: folders in a URL are separated by `/`",
        ),
        (
            "/r%C3%A9ports/",
            "`base_path` holds `%`: write folder names as they read, and Evident encodes them",
        ),
        (
            "\"/reports/ 2026/\"",
            "`base_path` holds a space or other blank",
        ),
        ("\"\"", "`base_path` is empty: the server's root is `/`"),
    ];
    for (value, message) in cases {
        let dir = worked_example();
        with_report_lines(dir.path(), &format!("base_path: {value}\n"));
        let (code, _, stderr) = run_in(dir.path(), &["check"]);
        assert_eq!(code, 1, "{value}: {stderr}");
        let first = stderr.lines().next().unwrap();
        assert_eq!(first, format!("error[bad-base-path]: {message}"), "{value}");
        assert!(
            stderr.contains("--> content/report.yaml:42:12"),
            "{value}: {stderr}"
        );
    }
}

#[test]
fn each_edition_writes_its_404_page_from_its_own_base_path() {
    let dir = worked_example();
    with_report_lines(dir.path(), "base_path: /reports/2026/\n");
    // The public edition inherits the report's base path…
    build_in(dir.path(), &["build", "--edition", "public"]);
    let public = std::fs::read_to_string(dir.path().join("output-public/404.html")).unwrap();
    let doc = Html::parse_document(&public);
    assert_eq!(
        crate::common::attrs(&doc, ".site-title a", "href"),
        ["/reports/2026/index.html"]
    );
    // …unless it is published somewhere else.
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap().replace(
        "    classification: OFFICIAL\n",
        "    classification: OFFICIAL\n    base_path: /public/2026/\n",
    );
    std::fs::write(&report, text).unwrap();
    build_in(dir.path(), &["build", "--edition", "public"]);
    build_in(dir.path(), &["build"]);
    let public = std::fs::read_to_string(dir.path().join("output-public/404.html")).unwrap();
    let full = read(dir.path(), "404.html");
    let href =
        |html: &str| crate::common::attrs(&Html::parse_document(html), ".site-title a", "href");
    assert_eq!(href(&public), ["/public/2026/index.html"]);
    assert_eq!(href(&full), ["/reports/2026/index.html"]);

    // A bad one is named at its own setting.
    let text = std::fs::read_to_string(&report)
        .unwrap()
        .replace("/public/2026/", "public/2026/");
    std::fs::write(&report, text).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error[bad-base-path]: `editions.public.base_path` starts from the folder of the page, not from the server's root: begin it with `/`\n  --> content/report.yaml:28:16\n"),
        "{stderr}"
    );
}
