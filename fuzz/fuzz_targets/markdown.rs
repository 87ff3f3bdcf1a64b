//! The whole Markdown path: any text, written as two findings that share a
//! page and as a chapter, is rendered, sanitised, its links resolved and
//! its ids placed on a standard page and in the printable report. No page
//! may then carry an event-handler attribute, a script URL, a scripting
//! element or an id twice.
#![no_main]

use evident::content::{ContentKind, Memos, SourceFile, Sources, parse};
use evident::site::html::{Placement, ReportIds};
use evident::site::urls::Links;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

const REPORT: &str = "title: Fuzz\norganisation: Fuzz\nscope: [\"2\"]\n";

/// Every start tag's name and attributes, as a browser's tokenizer reads
/// the page.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    struct Sink(RefCell<Vec<(String, Vec<(String, String)>)>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token
                && tag.kind == TagKind::StartTag
            {
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                self.0.borrow_mut().push((tag.name.to_string(), attrs));
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

/// What a browser could run, or an id seen twice, in `html`.
fn check_page(html: &str) {
    let mut ids = HashSet::new();
    for (name, attrs) in tags(html) {
        assert!(
            !matches!(
                name.as_str(),
                "script"
                    | "style"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "base"
                    | "meta"
                    | "svg"
                    | "math"
            ),
            "<{name}> in {html}"
        );
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "<{name} {attr}> in {html}");
            let squeezed: String = value
                .chars()
                .filter(|c| *c > ' ')
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "cite"
            ) {
                assert!(
                    !squeezed.starts_with("javascript:")
                        && !squeezed.starts_with("vbscript:")
                        && !squeezed.starts_with("data:"),
                    "<{name} {attr}={value:?}>"
                );
            }
            if attr == "id" {
                assert!(ids.insert(value.clone()), "id {value:?} twice in {html}");
            }
        }
    }
}

fuzz_target!(|text: &str| {
    // The report and the framework are the same every time: parsed once
    // and remembered, as the preview does; what the last run did not use
    // is dropped after each run. A fuzz target keeps nothing between
    // inputs but what a static holds: here it stands for the preview's loop.
    static MEMOS: LazyLock<Memos> = LazyLock::new(Memos::on);
    let mut sources = Sources::new(Path::new("."));
    sources.add(SourceFile::new(
        "content/report.yaml",
        ContentKind::Report,
        REPORT.into(),
    ));
    sources.add(SourceFile::new(
        "content/criteria/hmip-youth-2021.yaml",
        ContentKind::Framework,
        evident::embedded::FRAMEWORKS[1].yaml.into(),
    ));
    for name in ["a", "b"] {
        sources.add(SourceFile::new(
            format!("content/findings/{name}.md"),
            ContentKind::Finding,
            format!("---\ntitle: {name}\nkind: strength\ncriteria: [\"2.1\"]\n---\n{text}"),
        ));
    }
    sources.add(SourceFile::new(
        "content/pages/p.md",
        ContentKind::Page,
        format!("---\ntitle: P\n---\n{text}"),
    ));
    let (Some(review), _) = parse(&sources, &MEMOS) else {
        panic!("the fixed report and framework always parse");
    };
    let links = Links::new(&review, &sources);
    let page = Placement::page(&review, &links, "domains/2/2-1.html");
    let mut html = String::new();
    for f in &review.findings {
        html.push_str(&page.body(&f.body).html);
    }
    for p in &review.pages {
        html.push_str(&page.body(&p.body).html);
    }
    check_page(&html);
    let report_ids = ReportIds::new(&review);
    let report = Placement::report(&review, &links, &report_ids);
    let mut html = String::new();
    for p in &review.pages {
        html.push_str(&report.body_behind(&p.body, "page-p--").html);
    }
    for f in &review.findings {
        html.push_str(&report.body(&f.body).html);
    }
    check_page(&html);
    MEMOS.sweep();
});
