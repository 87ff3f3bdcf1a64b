//! Inputs the fuzzers in `fuzz/` found, each kept as the regression test
//! for what it broke (docs/robustness.md, Fuzzing).

use crate::common::{run_in, worked_example};

/// A file with old Mac line endings (a carriage return alone): YAML counts
/// those as line breaks, and Evident's line index did not, so an error
/// pointed at a line the file did not seem to have and showed nothing.
#[test]
fn a_carriage_return_alone_ends_a_line_in_every_position() {
    let dir = worked_example();
    std::fs::write(
        dir.path().join("content/report.yaml"),
        "\u{feff}title: X\rorganisation: Y\rscope: [\r",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("content/report.yaml:3:8"), "{stderr}");
    assert!(
        stderr.contains("3 | scope: ["),
        "the line is shown: {stderr}"
    );
}
