//! Write review projects that each hold one text written to be slow: the
//! worked example plus one finding whose body is a hostile input (deep
//! nesting, thousands of raw `<div>`s, identical headings, long runs of
//! `&`…), at a chosen size. `scripts/robustness.sh` times a build of each;
//! docs/robustness.md records the figures.
//!
//! cargo run --release --example hostile_inputs -- DIR [--scale 1.0]

use std::fmt::Write as _;
use std::path::Path;

/// Each input: its name, its size at scale 1, and how to write it.
type Input = (&'static str, usize, fn(usize) -> String);

const INPUTS: &[Input] = &[
    ("nested-quotes", 100_000, |n| {
        format!("{} x\n", ">".repeat(n))
    }),
    ("nested-lists", 50_000, |n| format!("{}x\n", "- ".repeat(n))),
    ("raw-divs", 100_000, |n| format!("{}\n", "<div>".repeat(n))),
    ("same-headings", 20_000, |n| "## Same\n\ntext\n\n".repeat(n)),
    ("duplicate-ids", 16_000, |n| "<p id=\"x\">a</p>\n".repeat(n)),
    ("wide-table", 20_000, |n| {
        format!(
            "{}|\n{}|\n{}|\n",
            "|a".repeat(n),
            "|-".repeat(n),
            "|1".repeat(n)
        )
    }),
    ("emphasis", 100_000, |n| format!("{}\n", "*a ".repeat(n))),
    ("links", 100_000, |n| format!("{}\n", "[a](".repeat(n))),
    ("brackets", 50_000, |n| {
        format!("{}a{}\n", "[".repeat(n), "]".repeat(n))
    }),
    ("footnotes", 20_000, |n| {
        let mut s = String::new();
        for i in 0..n {
            let _ = write!(s, "x[^{i}]\n\n[^{i}]: n\n\n");
        }
        s
    }),
    ("html-comments", 100_000, |n| {
        format!("{}\n", "<!--".repeat(n))
    }),
    ("entities", 200_000, |n| format!("{}\n", "&amp;".repeat(n))),
    ("tables-many", 20_000, |n| {
        "|a|b|\n|-|-|\n|1|2|\n\n".repeat(n)
    }),
    ("amp-text", 1_000_000, |n| format!("{}\n", "&".repeat(n))),
    ("amp-code", 1_000_000, |n| format!("`{}`\n", "&".repeat(n))),
    ("amp-raw-block", 200_000, |n| {
        format!("<div>{}</div>\n", "&amp;".repeat(n))
    }),
    ("amp-inline-raw", 200_000, |n| {
        format!("text <b>{}</b>\n", "&amp;".repeat(n))
    }),
    ("amp-raw-attr", 200_000, |n| {
        format!("<p><a title=\"{}\">x</a></p>\n", "&amp;".repeat(n))
    }),
    ("amp-link", 1_000_000, |n| {
        format!("[x](http://a/?{})\n", "&".repeat(n))
    }),
];

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: hostile_inputs DIR [--scale S]");
    let mut scale = 1.0f64;
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next()) {
            ("--scale", Some(v)) => scale = v.parse().expect("--scale takes a number"),
            _ => panic!("usage: hostile_inputs DIR [--scale S]"),
        }
    }
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for (name, size, make) in INPUTS {
        let root = Path::new(&dir).join(name);
        let _ = std::fs::remove_dir_all(&root);
        copy(&example, &root.join("content"));
        let n = (*size as f64 * scale) as usize;
        let text = format!(
            "---\ntitle: Hostile\nkind: strength\ncriteria: [\"2.1\"]\n---\n{}",
            make(n)
        );
        std::fs::write(root.join("content/findings/hostile.md"), text).unwrap();
    }
    println!("wrote {} projects into {dir}", INPUTS.len());
}
