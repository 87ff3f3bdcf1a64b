//! Write a large synthetic review project for benchmarks: the embedded HMIP
//! framework, N findings spread over the standards of domains 2 and 3 with
//! links between them, and M case audits with every question answered.
//! Output is the same for the same arguments (a fixed pseudo-random seed).
//!
//! With `--hugo DIR2` it also writes the same finding documents as a flat
//! Hugo site, the yardstick of `scripts/bench.sh`: one section per standard
//! (the finding's first), each finding a page in it with the same Markdown
//! body, and the body's links to other findings and to standards pointed at
//! the page's own section instead, so that Hugo's work grows linearly with
//! the number of findings. The Evident project is the same with or without
//! it.
//!
//! ```text
//! cargo run --release --example generate_corpus -- /tmp/corpus --findings 1000 --cases 200
//! cargo run --release --example generate_corpus -- /tmp/corpus --findings 1000 --cases 100 --hugo /tmp/corpus-hugo
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: small, fast and deterministic.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "assessment",
    "plan",
    "child",
    "family",
    "risk",
    "safety",
    "partners",
    "review",
    "evidence",
    "practice",
    "manager",
    "oversight",
    "intervention",
    "engagement",
    "education",
    "health",
    "police",
    "information",
    "victim",
    "exploitation",
    "record",
    "meeting",
    "needs",
    "support",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => s,
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn main() {
    const USAGE: &str = "usage: generate_corpus DIR [--findings N] [--cases M] [--hugo DIR2]";
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().expect(USAGE));
    let mut findings = 1000;
    let mut cases = 200;
    let mut hugo = None;
    while let Some(flag) = args.next() {
        let value = args.next().expect(USAGE);
        let number = || -> usize { value.parse().expect("a number after the flag") };
        match flag.as_str() {
            "--findings" => findings = number(),
            "--cases" => cases = number(),
            "--hugo" => hugo = Some(HugoSite::new(PathBuf::from(&value))),
            other => panic!("unknown flag {other}; {USAGE}"),
        }
    }
    let _ = std::fs::remove_dir_all(root.join("content"));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    write(
        &root,
        "content/report.yaml",
        "title: Synthetic review\norganisation: Synthetic service\nstatus: draft\nclassification: OFFICIAL\nscope: [\"2\", \"3\"]\n",
    );
    write(
        &root,
        "content/criteria/hmip-youth-2021.yaml",
        evident::embedded::FRAMEWORKS[1].yaml,
    );
    write(
        &root,
        "content/summary.md",
        &format!("{}\n", sentence(&mut rng, 40)),
    );
    for p in 0..5 {
        write(
            &root,
            &format!("content/pages/page-{p}.md"),
            &format!(
                "---\ntitle: Page {p}\norder: {p}\n---\n## Part one\n\n{}\n\n## Part two\n\n{}\n",
                sentence(&mut rng, 80),
                sentence(&mut rng, 80)
            ),
        );
    }
    let focus = ["exploitation", "gangs", "education", "health"];
    for f in focus {
        write(
            &root,
            &format!("content/focus/{f}.md"),
            &format!(
                "---\ntitle: Focus on {f}\n---\n{}\n",
                sentence(&mut rng, 60)
            ),
        );
    }
    let standards = ["2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4"];
    let kinds = ["strength", "consideration", "recommendation"];
    let case_id = |i: usize| format!("C{i:04}");
    let court = cases * 6 / 10;
    for i in 0..findings {
        let std_a = standards[rng.below(standards.len())];
        let std_b = standards[rng.below(standards.len())];
        let domain_cases = if std_a.starts_with('2') {
            0..court
        } else {
            court..cases
        };
        let mut text = String::new();
        let _ = writeln!(
            text,
            "---\ntitle: \"Finding {i}: {}\"",
            sentence(&mut rng, 6).trim_end_matches('.')
        );
        let _ = writeln!(text, "kind: {}", kinds[rng.below(kinds.len())]);
        let _ = writeln!(text, "criteria: [\"{std_a}\", \"{std_b}\"]");
        let _ = writeln!(text, "focus: [{}]", focus[rng.below(focus.len())]);
        if !domain_cases.is_empty() {
            let c = domain_cases.start + rng.below(domain_cases.len());
            let _ = writeln!(text, "cases: [{}]", case_id(c));
        }
        let _ = writeln!(text, "order: {}\n---", i % 50);
        let front_matter = text.len();
        let _ = writeln!(text, "{}\n", sentence(&mut rng, 60));
        let see_also = text.len();
        if i > 0 {
            let _ = writeln!(
                text,
                "See also [finding {}](finding-{}.md) and [the standard](std:{std_a}).\n",
                i - 1,
                i - 1
            );
        }
        let list = text.len();
        let _ = writeln!(
            text,
            "- {}\n- {}",
            sentence(&mut rng, 10),
            sentence(&mut rng, 10)
        );
        if let Some(site) = &hugo {
            // The same body, but its two links point at the page's own
            // section, so no page depends on another finding.
            let section = HugoSite::section(std_a);
            let see_also_line = if i > 0 {
                format!(
                    "See also [finding {}](/{section}/) and [the standard](/{section}/).\n\n",
                    i - 1
                )
            } else {
                String::new()
            };
            let title = text.lines().nth(1).unwrap_or_default();
            site.write(
                &format!("content/{section}/finding-{i}.md"),
                &format!(
                    "---\n{title}\nweight: {}\n---\n{}{see_also_line}{}",
                    i % 50,
                    &text[front_matter..see_also],
                    &text[list..]
                ),
            );
        }
        write(&root, &format!("content/findings/finding-{i}.md"), &text);
    }
    if let Some(site) = &hugo {
        site.finish(&standards);
    }
    let answers = ["\"yes\"", "\"yes\"", "\"yes\"", "\"no\"", "\"n/a\""];
    let mut court_file = String::new();
    let mut ooc_file = String::new();
    for c in 0..cases {
        let (domain, stds, out) = if c < court {
            ("2", &["2.1", "2.2", "2.3", "2.4"][..], &mut court_file)
        } else {
            ("3", &["3.1", "3.2", "3.3"][..], &mut ooc_file)
        };
        let _ = writeln!(
            out,
            "- id: {}\n  domain: \"{domain}\"\n  disposal: Disposal {}\n  audit: {}\n  answers:",
            case_id(c),
            c % 4,
            if c % 2 == 0 {
                "file-read"
            } else {
                "with-case-manager"
            }
        );
        for s in stds {
            for q in 1..=3 {
                let _ = writeln!(
                    out,
                    "    \"{s}.{q}\": {}",
                    answers[rng.below(answers.len())]
                );
            }
        }
    }
    write(&root, "content/cases/court.yaml", &court_file);
    write(&root, "content/cases/out-of-court.yaml", &ooc_file);
    eprintln!(
        "wrote {findings} findings and {cases} cases into {}",
        root.display()
    );
    if let Some(site) = &hugo {
        eprintln!(
            "wrote the same {findings} findings as a Hugo site into {}",
            site.root.display()
        );
    }
}

/// The flat Hugo copy of the findings: no theme, a few layouts of its own
/// that print each page's title and content, and a list page per section.
/// Layouts follow Hugo's base template and lookup order
/// (<https://gohugo.io/templates/base/>, `layouts/_default/`), which the
/// Hugo that Debian ships (0.111) reads.
struct HugoSite {
    root: PathBuf,
}

impl HugoSite {
    /// Start the site afresh in `root`.
    fn new(root: PathBuf) -> Self {
        let _ = std::fs::remove_dir_all(root.join("content"));
        HugoSite { root }
    }

    /// The section of the findings whose first standard is `standard`.
    fn section(standard: &str) -> String {
        format!("standard-{}", standard.replace('.', "-"))
    }

    fn write(&self, rel: &str, text: &str) {
        write(&self.root, rel, text);
    }

    /// Write the configuration, the layouts and a page per section.
    fn finish(&self, standards: &[&str]) {
        // Only pages, sections and the home page: Evident writes no feeds,
        // sitemap or taxonomies, so Hugo is not asked for them either.
        self.write(
            "hugo.toml",
            "baseURL = \"https://example.org/\"\n\
             title = \"Synthetic review\"\n\
             disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
        );
        self.write(
            "layouts/_default/baseof.html",
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n\
             <body>\n<main>\n{{ block \"main\" . }}{{ end }}\n</main>\n</body>\n</html>\n",
        );
        self.write(
            "layouts/_default/single.html",
            "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ .Content }}\n{{ end }}\n",
        );
        self.write(
            "layouts/_default/list.html",
            "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ .Content }}\n<ul>\n\
             {{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}\
             </ul>\n{{ end }}\n",
        );
        for standard in standards {
            self.write(
                &format!("content/{}/_index.md", Self::section(standard)),
                &format!("---\ntitle: \"Standard {standard}\"\n---\n"),
            );
        }
    }
}
