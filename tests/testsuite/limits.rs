//! Hostile input answers fast: each kind of text that once took tens of
//! seconds (deep nesting, thousands of raw `<div>`s, identical headings,
//! repeated ids, wide tables, long runs of `&`) either renders in time
//! that grows in proportion to its size, or stops at a documented limit
//! with an error at its line. Timings are ratios (twice the input may take
//! at most about two and a half times as long), never a tight deadline.

use crate::common::{run_in, worked_example, write_inline};
use evident::content::markdown::render;
use evident::model::Limit;
use std::time::{Duration, Instant};

/// Makes a hostile text of size `n`.
type Maker = Box<dyn Fn(usize) -> String>;

/// How long rendering `text` takes, once.
fn time(text: &str) -> Duration {
    let started = Instant::now();
    std::hint::black_box(render(text, None, ""));
    started.elapsed()
}

/// Render `make(n)` and `make(2n)`; the second may take at most 2.5 times
/// as long (plus a little, for timer noise on small inputs). The two are
/// timed in turn, three times each, and the shortest of each compared; a
/// shared machine's passing load can still upset one comparison, so it is
/// made up to three times, and a cost that really grows faster than the
/// input fails every one.
fn grows_linearly(what: &str, n: usize, make: impl Fn(usize) -> String) {
    let (small, large) = (make(n), make(2 * n));
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (mut once, mut twice) = (Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            once = once.min(time(&small));
            twice = twice.min(time(&large));
        }
        if twice <= once.mul_f64(2.5) + Duration::from_millis(20) {
            return;
        }
        seen.push(format!("{once:?} then {twice:?}"));
    }
    panic!(
        "{what}: {n} and {} took more than 1 : 2.5 each time ({})",
        2 * n,
        seen.join(", ")
    );
}

#[test]
fn texts_written_to_be_slow_render_in_time_that_grows_with_their_size() {
    let within_limits: Vec<(&str, usize, Maker)> = vec![
        // Large enough that a cost growing with the square of the length
        // (as the serializer behind the sanitiser's is, on `&`) shows: it
        // fails without the breaks in long texts.
        ("ampersands", 300_000, Box::new(|n| "&".repeat(n))),
        ("entity references", 40_000, Box::new(|n| "&amp;".repeat(n))),
        (
            "ampersands in inline code",
            60_000,
            Box::new(|n| format!("`{}`", "&".repeat(n))),
        ),
        (
            "ampersands in raw HTML",
            40_000,
            Box::new(|n| format!("<div>{}</div>", "&amp;".repeat(n))),
        ),
        (
            "ampersands in inline HTML",
            40_000,
            Box::new(|n| format!("text <b>{}</b>", "&amp;".repeat(n))),
        ),
        (
            "many short tables",
            1_000,
            Box::new(|n| "|a|b|\n|-|-|\n|1|2|\n\n".repeat(n)),
        ),
        ("unclosed emphasis", 20_000, Box::new(|n| "*a ".repeat(n))),
        ("unclosed links", 20_000, Box::new(|n| "[a](".repeat(n))),
        (
            "nested brackets",
            10_000,
            Box::new(|n| format!("{}a{}", "[".repeat(n), "]".repeat(n))),
        ),
        ("unclosed comments", 20_000, Box::new(|n| "<!--".repeat(n))),
    ];
    for (what, n, make) in within_limits {
        grows_linearly(what, n, make);
    }
}

#[test]
fn past_a_limit_a_body_stops_at_once_whatever_its_size() {
    let past: Vec<(&str, Limit, Maker)> = vec![
        (
            "nested block quotes",
            Limit::Nesting,
            Box::new(|n| format!("{} x", ">".repeat(n))),
        ),
        (
            "nested lists",
            Limit::Nesting,
            Box::new(|n| format!("{}x", "- ".repeat(n))),
        ),
        (
            "nested raw divs",
            Limit::Nesting,
            Box::new(|n| "<div>".repeat(n)),
        ),
        (
            "identical headings",
            Limit::Ids,
            Box::new(|n| "## Same\n\n".repeat(n)),
        ),
        (
            "repeated raw ids",
            Limit::Ids,
            Box::new(|n| "<p id=\"x\">a</p>\n".repeat(n)),
        ),
        (
            "a wide table",
            Limit::TableColumns,
            Box::new(|n| format!("{}|\n{}|\n", "|a".repeat(n), "|-".repeat(n))),
        ),
        (
            "a long link address",
            Limit::Attribute,
            Box::new(|n| format!("[x](http://a/?{})", "&".repeat(n))),
        ),
    ];
    for (what, limit, make) in past {
        let body = render(&make(limit.max() * 2), None, "");
        assert_eq!(
            body.overrun.map(|o| o.limit),
            Some(limit),
            "{what} past the limit"
        );
        assert!(body.html.is_empty(), "{what}: not rendered");
        grows_linearly(what, limit.max() * 4, &make);
    }
    // Just inside each limit, the body renders.
    let inside = [
        format!("{} x", ">".repeat(Limit::Nesting.max() - 2)),
        "## Heading\n\n".repeat(Limit::Ids.max() - 10),
        format!(
            "{}|\n{}|\n",
            "|a".repeat(Limit::TableColumns.max()),
            "|-".repeat(Limit::TableColumns.max())
        ),
        format!("[x](http://a/?{})", "b".repeat(Limit::Attribute.max() - 20)),
    ];
    for text in inside {
        let body = render(&text, None, "");
        assert_eq!(body.overrun, None, "{}", &text[..40.min(text.len())]);
        assert!(!body.html.is_empty());
    }
}

#[test]
fn a_limit_passed_is_an_error_at_its_line_and_a_large_file_is_not_read() {
    let dir = worked_example();
    write_inline(
        dir.path(),
        &format!(
            "-- content/findings/deep.md --\n---\ntitle: Deep\nkind: strength\ncriteria: [\"2.1\"]\n---\nFine.\n\n{} too deep\n",
            ">".repeat(500)
        ),
    );
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[over-limit]"), "{stderr}");
    assert!(stderr.contains("content/findings/deep.md:8:"), "{stderr}");
    assert!(stderr.contains("100 levels of nesting"), "{stderr}");
    std::fs::remove_file(dir.path().join("content/findings/deep.md")).unwrap();
    // A file past 1 MiB is refused before it is read.
    let big = format!(
        "---\ntitle: Big\nkind: strength\ncriteria: [\"2.1\"]\n---\n{}",
        "word ".repeat(220_000)
    );
    std::fs::write(dir.path().join("content/findings/big.md"), big).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("error[too-large]") && stderr.contains("content/findings/big.md"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("missing-front-matter"),
        "one error, not two: {stderr}"
    );
}
