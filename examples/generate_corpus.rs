//! Write a large synthetic review project for benchmarks: the embedded HMIP
//! framework, N findings spread over the standards of domains 2 and 3 with
//! links between them, and M case audits with every question answered.
//! Output is the same for the same arguments (a fixed pseudo-random seed).
//!
//! ```text
//! cargo run --release --example generate_corpus -- /tmp/corpus --findings 1000 --cases 200
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
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .expect("usage: generate_corpus DIR [--findings N] [--cases M]"),
    );
    let mut findings = 1000;
    let mut cases = 200;
    while let Some(flag) = args.next() {
        let value: usize = args
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number after the flag");
        match flag.as_str() {
            "--findings" => findings = value,
            "--cases" => cases = value,
            other => panic!("unknown flag {other}"),
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
        let _ = writeln!(text, "{}\n", sentence(&mut rng, 60));
        if i > 0 {
            let _ = writeln!(
                text,
                "See also [finding {}](finding-{}.md) and [the standard](std:{std_a}).\n",
                i - 1,
                i - 1
            );
        }
        let _ = writeln!(
            text,
            "- {}\n- {}",
            sentence(&mut rng, 10),
            sentence(&mut rng, 10)
        );
        write(&root, &format!("content/findings/finding-{i}.md"), &text);
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
}
