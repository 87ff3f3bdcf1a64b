//! The privacy lint: any text, read as written, as a reader sees it and
//! as a file name, gives matches inside the text, on character
//! boundaries, in order and never overlapping; never a panic.
#![no_main]

use evident::check::privacy::{reader_text, scan, scan_name, scan_source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let deny = vec!["Northbrook".to_string(), "a b".to_string()];
    let check = |hits: Vec<evident::check::privacy::Hit>| {
        let mut last = 0;
        for h in hits {
            assert!(h.start <= h.end && h.end <= text.len(), "{h:?}");
            assert!(
                text.is_char_boundary(h.start) && text.is_char_boundary(h.end),
                "{h:?}"
            );
            assert!(h.start >= last, "overlapping or out of order: {h:?}");
            last = h.end;
        }
    };
    check(scan(text, &deny));
    check(scan_source(text, true, &deny));
    check(scan_source(text, false, &deny));
    let _ = scan_name(text, &deny);
    for markdown in [true, false] {
        let read = reader_text(text, markdown);
        if !read.text.is_empty() {
            let (start, end) = read.source_range(0..read.text.len());
            assert!(start <= end && end <= text.len());
        }
    }
});
