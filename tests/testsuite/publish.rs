//! `evident publish`, as a review team uses it at the end of the cycle:
//! typed inside the project, to a folder on a share given from there. Each
//! guarantee is tried as it could be broken: a publish killed at any
//! moment, a destination that is someone else's, the full edition sent
//! where the public one is read, a version published twice.

use crate::common::{evident_in, inline, run_in, texts};
use scraper::Html;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// A small finished report at `version`, and the folder `share/` beside
/// its `content/` that the tests publish into.
fn project(version: &str) -> tempfile::TempDir {
    let dir = inline(&format!(
        r#"
-- content/report.yaml --
title: Review of the Northbrook youth justice service
organisation: Northbrook youth justice service
status: final
version: "{version}"
version_date: 2026-06-30
-- content/criteria/fw.yaml --
id: fw
title: Framework
domains:
  - id: "1"
    title: Work
    standards:
      - {{id: "1.1", title: Leadership, assessed_by: judgement}}
      - {{id: "1.2", title: Partnerships, assessed_by: judgement}}
-- content/findings/board.md --
---
title: The board challenges the service
kind: strength
criteria: ["1.1"]
---
Board members ask hard questions, and the minutes show the answers.
-- content/findings/police.md --
---
title: Information from the police arrives late
kind: consideration
criteria: ["1.2"]
---
Notifications of arrests reached case managers days after the event.
"#
    ));
    fs::create_dir(dir.path().join("share")).unwrap();
    dir
}

/// Set the report's version (and keep its date).
fn set_version(dir: &Path, version: &str) {
    let path = dir.join("content/report.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("version:")).unwrap();
    fs::write(
        &path,
        text.replace(line, &format!("version: \"{version}\"")),
    )
    .unwrap();
}

/// The folders and files directly in `share/`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("share"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file under `dir`, by its path from there, with its bytes.
fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap();
            let name = path.to_string_lossy().replace('\\', "/");
            (name, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The version a published folder says it holds, after checking that it
/// is whole and of one version: its marker names the version, and every
/// page's footer and `report.json` name the same one, and its files are
/// exactly `expected` (by path).
fn whole_version(folder: &Path, expected: &[String]) -> String {
    let marker = fs::read_to_string(folder.join(".evident-published"))
        .unwrap_or_else(|e| panic!("{}: no marker: {e}", folder.display()));
    let version = marker
        .lines()
        .find_map(|l| l.strip_prefix("version: "))
        .unwrap()
        .to_string();
    let files = files_of(folder);
    let names: Vec<String> = files.keys().cloned().collect();
    assert_eq!(names, expected, "{}: files", folder.display());
    for (name, bytes) in &files {
        if !name.ends_with(".html") {
            continue;
        }
        let text = std::str::from_utf8(bytes).unwrap();
        if name == "report.html" {
            // The printable report names it in its running footer.
            assert!(
                text.contains(&format!("content: \"Version {version},")),
                "{}/{name} is not version {version}",
                folder.display()
            );
            continue;
        }
        let footer = texts(&Html::parse_document(text), ".site-footer .version");
        assert!(
            footer.len() == 1 && footer[0].starts_with(&format!("Version {version},")),
            "{}/{name} is not version {version}: {footer:?}",
            folder.display()
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&files["data/report.json"]).unwrap();
    assert_eq!(json["report"]["version"], version.as_str());
    version
}

#[test]
fn each_version_replaces_the_last_which_is_kept_beside_it_up_to_keep() {
    let dir = project("0.1");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "published version 0.1 (full edition, 10 pages) to `share/report`\n"
    );
    let first: Vec<String> = files_of(&dir.path().join("share/report"))
        .into_keys()
        .collect();
    assert!(
        first.contains(&"index.html".to_string())
            && first.contains(&".evident-published".to_string())
    );

    set_version(dir.path(), "0.2");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "published version 0.2 (full edition, 10 pages) to `share/report`\n\
         kept the version it replaced as `share/report.v0.1`\n"
    );
    for version in ["0.3", "0.4", "1.0"] {
        set_version(dir.path(), version);
        let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
        assert_eq!(code, 0, "{err}");
    }
    // Three kept by default: the oldest went when 1.0 came.
    assert_eq!(
        listing(dir.path()),
        [
            ".report.lock",
            "report",
            "report.v0.2",
            "report.v0.3",
            "report.v0.4"
        ]
    );
    set_version(dir.path(), "1.1");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report", "--keep", "1"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "published version 1.1 (full edition, 10 pages) to `share/report`\n\
         kept the version it replaced as `share/report.v1.0`\n\
         removed `share/report.v0.2` (--keep 1 keeps the one version before it)\n\
         removed `share/report.v0.3` (--keep 1 keeps the one version before it)\n\
         removed `share/report.v0.4` (--keep 1 keeps the one version before it)\n"
    );
    assert_eq!(
        listing(dir.path()),
        [".report.lock", "report", "report.v1.0"]
    );
    assert_eq!(
        whole_version(&dir.path().join("share/report"), &first),
        "1.1"
    );
    assert_eq!(
        whole_version(&dir.path().join("share/report.v1.0"), &first),
        "1.0"
    );

    // From anywhere, with the project and the destination given.
    set_version(dir.path(), "1.2");
    let elsewhere = tempfile::tempdir().unwrap();
    let out = evident_in(elsewhere.path())
        .arg("publish")
        .arg(dir.path().join("share/report"))
        .arg("--root")
        .arg(dir.path())
        .args(["--keep", "0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(listing(dir.path()), [".report.lock", "report"]);
}

#[test]
fn a_version_is_published_once() {
    let dir = project("1.0");
    assert_eq!(run_in(dir.path(), &["publish", "share/report"]).0, 0);
    let before = files_of(&dir.path().join("share/report"));
    // A correction published under the same number would make the number
    // name two texts.
    fs::write(
        dir.path().join("content/findings/police.md"),
        "---\ntitle: Information from the police arrives late\nkind: consideration\ncriteria: [\"1.2\"]\n---\nArrest notifications took days.\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error[published-version]: version 1.0 is published already, at `share/report`\n \
         --> content/report.yaml:4:10\n  |\n4 | version: \"1.0\"\n  |          ^^^^^\n  |\n\
         help: a version is published once, so that its number always names one text: raise `version` (e.g. `1.0` → `1.1`) and `version_date`\n\n\
         1 error, 0 warnings\npublish stopped; `share/report` is unchanged\n"
    );
    assert_eq!(files_of(&dir.path().join("share/report")), before);
    // Nor may an earlier version, kept beside it, come back.
    set_version(dir.path(), "1.1");
    assert_eq!(run_in(dir.path(), &["publish", "share/report"]).0, 0);
    set_version(dir.path(), "1.0");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("version 1.0 is published already, at `share/report.v1.0`"),
        "{err}"
    );
    assert_eq!(
        listing(dir.path()),
        [".report.lock", "report", "report.v1.0"]
    );

    // Nor once its kept copy is gone (--keep 0 removes it at once): the
    // publication at `report` remembers every version before it.
    set_version(dir.path(), "1.2");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report", "--keep", "0"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "published version 1.2 (full edition, 10 pages) to `share/report`\n\
         removed `share/report.v1.0` (--keep 0 keeps no earlier version)\n\
         removed `share/report.v1.1` (--keep 0 keeps no earlier version)\n"
    );
    assert_eq!(listing(dir.path()), [".report.lock", "report"]);
    for gone in ["1.0", "1.1"] {
        set_version(dir.path(), gone);
        let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
        assert_eq!(code, 1);
        assert!(
            err.starts_with(&format!(
                "error[published-version]: version {gone} was published to `share/report` before (its kept copy has since been removed)\n"
            )),
            "{err}"
        );
        assert!(err.contains("raise `version` (e.g. `"), "{err}");
    }
    assert_eq!(listing(dir.path()), [".report.lock", "report"]);
}

#[test]
fn a_version_whose_archive_is_there_is_not_archived_again() {
    let dir = project("0.3");
    let share = dir.path().join("share");
    assert_eq!(
        run_in(dir.path(), &["publish", "share/report", "--archive"]).0,
        0
    );
    let archive = fs::read(share.join("report-0.3.zip")).unwrap();
    // The same number, published to another folder beside it with a
    // different text, would replace the archive readers were sent.
    fs::write(
        dir.path().join("content/findings/police.md"),
        "---\ntitle: Information from the police arrives late\nkind: consideration\ncriteria: [\"1.2\"]\n---\nArrest notifications took days.\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["publish", "share/again", "--archive"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error[published-version]: version 0.3 was published before: its archive `share/report-0.3.zip` is there\n \
         --> content/report.yaml:4:10\n  |\n4 | version: \"0.3\"\n  |          ^^^^^\n  |\n\
         help: a version is published once, so that its number always names one text: raise `version` (e.g. `0.3` → `0.4`) and `version_date`\n\n\
         1 error, 0 warnings\npublish stopped; `share/again` is unchanged\n"
    );
    assert_eq!(fs::read(share.join("report-0.3.zip")).unwrap(), archive);
    assert!(!share.join("again").exists());
}

#[test]
fn publish_needs_a_version_and_passes_the_strict_check_first() {
    let dir = project("1.0");
    let yaml = dir.path().join("content/report.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(
        &yaml,
        text.replace("version: \"1.0\"\nversion_date: 2026-06-30\n", ""),
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error[missing-version]: `evident publish` needs the report's `version`: it names the publication, the copy kept when the next replaces it, and the archive\n \
         --> content/report.yaml:1:1\n  |\n1 | title: Review of the Northbrook youth justice service\n  | ^\n  |\n\
         help: add a version and its date to report.yaml, e.g. `version: \"1.0\"` and `version_date: 2026-06-30`\n\n\
         1 error, 0 warnings\npublish stopped; `share/report` is unchanged\n"
    );
    assert!(listing(dir.path()).is_empty());

    // A warning is enough to stop it: publish is build --strict. Here,
    // text left from a template.
    fs::write(&yaml, &text).unwrap();
    fs::write(
        dir.path().join("content/findings/later.md"),
        "---\ntitle: Transitions to adult services\nkind: strength\ncriteria: [\"1.1\"]\n---\nWhat the reviewers found, and in which cases.\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "--strict"]);
    assert_eq!(code, 1, "the planted warning is a warning: {err}");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.ends_with("publish stopped: the check to run before publishing (build --strict) failed; `share/report` is unchanged\n"),
        "{err}"
    );
    assert!(listing(dir.path()).is_empty());
}

#[test]
fn a_destination_publish_did_not_create_is_refused_and_left_alone() {
    let dir = project("1.0");
    let share = dir.path().join("share");
    // Someone's folder, an empty one made ready (with permissions of its
    // own), a build's output folder, a file, a link to a folder.
    fs::create_dir(share.join("theirs")).unwrap();
    fs::write(share.join("theirs/minutes.docx"), "minutes").unwrap();
    fs::create_dir(share.join("empty")).unwrap();
    assert_eq!(run_in(dir.path(), &["build", "-o", "share/built"]).0, 0);
    fs::write(share.join("file"), "a file").unwrap();
    std::os::unix::fs::symlink(share.join("theirs"), share.join("link")).unwrap();
    let before: Vec<_> = ["theirs", "empty", "built", "file", "link"]
        .iter()
        .map(|n| {
            (
                n,
                files_of(&share.join(n)),
                fs::symlink_metadata(share.join(n)).unwrap().file_type(),
            )
        })
        .collect();
    for (name, why) in [
        ("theirs", "exists and was not published by Evident"),
        ("empty", "exists and was not published by Evident"),
        ("built", "exists and was not published by Evident"),
        ("file", "exists and was not published by Evident"),
        ("link", "is a link; publishing replaces the folder itself"),
    ] {
        let dest = format!("share/{name}");
        let (code, _, err) = run_in(dir.path(), &["publish", &dest]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(
            err.starts_with(&format!("error: `{dest}`"))
                || err.contains(&format!("`{dest}` {why}")),
            "{name}: {err}"
        );
        assert!(err.contains(why), "{name}: {err}");
    }
    assert_eq!(
        run_in(dir.path(), &["publish", "share/theirs"]).2,
        "error: `share/theirs` exists and was not published by Evident (it has no `.evident-published` file written by `evident publish`); refusing to replace it. Give a destination that does not exist yet (Evident creates it), such as `theirs-report`\n"
    );
    let after: Vec<_> = ["theirs", "empty", "built", "file", "link"]
        .iter()
        .map(|n| {
            (
                n,
                files_of(&share.join(n)),
                fs::symlink_metadata(share.join(n)).unwrap().file_type(),
            )
        })
        .collect();
    assert_eq!(before, after);
    // Nothing was put beside them either (not even a lock file).
    assert_eq!(
        listing(dir.path()),
        ["built", "empty", "file", "link", "theirs"]
    );

    // Nor into the project's own sources, nor over the project, nor into
    // a folder that is not there.
    for (dest, why) in [
        ("content/site", "lies inside the project's `content/`"),
        ("themes", "is, holds or lies inside the project's `themes/`"),
        ("..", "does not name a folder to publish to"),
        (".", "holds the project itself"),
        ("missing/report", "the folder `"),
    ] {
        let (code, _, err) = run_in(dir.path(), &["publish", dest]);
        assert_eq!(code, 2, "{dest}: {err}");
        assert!(err.contains(why), "{dest}: {err}");
    }
    assert!(!dir.path().join("content/site").exists());
    assert!(!dir.path().join("missing").exists());

    // Nor inside a site Evident replaces whole: a build's output folder,
    // or a publication (the next build or publish would take it away).
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    assert_eq!(run_in(dir.path(), &["publish", "share/report"]).0, 0);
    let published = files_of(&share.join("report"));
    for (dest, within) in [
        ("output/pub", "output"),
        ("share/report/sub", "share/report"),
    ] {
        let (code, _, err) = run_in(dir.path(), &["publish", dest]);
        assert_eq!(code, 2, "{dest}: {err}");
        assert_eq!(
            err,
            format!(
                "error: the destination `{dest}` lies inside `{within}`, a site Evident replaces whole when it publishes or builds there again, and this publication would go with it. Choose a folder beside it instead\n"
            )
        );
    }
    assert!(!dir.path().join("output/pub").exists());
    assert_eq!(files_of(&share.join("report")), published);
}

#[test]
fn the_full_edition_never_replaces_the_public_one() {
    let dir = project("1.0");
    let (code, _, err) = run_in(
        dir.path(),
        &["publish", "share/public", "--edition", "public"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("published version 1.0 (public edition"),
        "{err}"
    );
    set_version(dir.path(), "1.1");
    let before = files_of(&dir.path().join("share/public"));
    let (code, _, err) = run_in(dir.path(), &["publish", "share/public"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `share/public` holds the public edition; publishing the full edition there would replace what its readers read with another edition. Give `--edition public`, or another destination\n"
    );
    assert_eq!(files_of(&dir.path().join("share/public")), before);
    assert_eq!(
        run_in(
            dir.path(),
            &["publish", "share/public", "--edition", "public"]
        )
        .0,
        0
    );
}

#[test]
fn a_second_publish_while_one_is_under_way_is_refused_and_touches_nothing() {
    let dir = project("1.0");
    let share = dir.path().join("share");
    assert_eq!(run_in(dir.path(), &["publish", "share/report"]).0, 0);
    assert_eq!(listing(dir.path()), [".report.lock", "report"]);
    // A publish under way, as another reviewer's on the same share: it
    // holds the lock and is building into its staging folder.
    let lock = fs::File::open(share.join(".report.lock")).unwrap();
    lock.try_lock().unwrap();
    let staging = share.join(".report.publish-4242424");
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("index.html"), "half written").unwrap();
    set_version(dir.path(), "1.1");
    let before = files_of(&share);
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err,
        "error: another `evident publish` to `share/report` is under way (it holds the lock on `.report.lock` beside it); nothing was changed. Publish again once it has finished\n"
    );
    assert_eq!(files_of(&share), before);
    // Once it has finished (or died: the system lets go of a dead
    // process's lock), the next publish goes ahead and tidies up.
    drop(lock);
    fs::write(staging.join("index.html"), "left by a publish that died").unwrap();
    // A process another test starts at that moment may hold a copy of the
    // handle until it runs its program, and the lock with it: asked again
    // while refused, for a moment.
    let started = Instant::now();
    let (code, _, err) = loop {
        let run = run_in(dir.path(), &["publish", "share/report"]);
        if !run.2.contains("is under way") || started.elapsed() > Duration::from_secs(10) {
            break run;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(code, 0, "{err}");
    assert!(
        err.starts_with("note: removed `share/.report.publish-4242424`, left by an interrupted publish\npublished version 1.1"),
        "{err}"
    );
    assert_eq!(
        listing(dir.path()),
        [".report.lock", "report", "report.v1.0"]
    );
}

#[test]
fn a_link_planted_as_the_lock_file_is_refused_and_never_written_through() {
    let dir = project("1.0");
    let share = dir.path().join("share");
    let target = dir.path().join("minutes.txt");
    fs::write(&target, "the board's minutes").unwrap();
    let dangling = dir.path().join("nowhere.txt");
    for planted_at in [&target, &dangling] {
        let link = share.join(".report.lock");
        let _ = fs::remove_file(&link);
        std::os::unix::fs::symlink(planted_at, &link).unwrap();
        let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
        assert_eq!(code, 2, "{err}");
        assert_eq!(
            err,
            "error: `.report.lock` beside `share/report` is not a plain file; `evident publish` keeps its lock there. Move it away and publish again\n"
        );
        assert_eq!(listing(dir.path()), [".report.lock"]);
    }
    assert_eq!(fs::read_to_string(&target).unwrap(), "the board's minutes");
    assert!(!dangling.exists());
}

/// A small generator of delays: xorshift, seeded from the clock and
/// printed with any failure, so a failing run can be replayed.
struct Delays(u64);

impl Delays {
    fn next(&mut self, below: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        below.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

#[test]
fn a_publish_killed_at_any_moment_never_leaves_a_mixed_folder() {
    let dir = project("1.0");
    let dest = dir.path().join("share/report");
    let started = Instant::now();
    assert_eq!(
        run_in(dir.path(), &["publish", "share/report", "--archive"]).0,
        0
    );
    let took = started.elapsed();
    let expected: Vec<String> = files_of(&dest).into_keys().collect();
    let seed = std::env::var("EVIDENT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let mut delays = Delays(seed);
    let mut attempted = vec!["1.0".to_string()];
    let mut finished = 0;
    let mut killed = 0;
    for round in 1..=40 {
        let version = format!("2.{round}");
        set_version(dir.path(), &version);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("evident"))
            .current_dir(dir.path())
            .args(["publish", "share/report", "--keep", "2", "--archive"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from the start to a little past a whole publish.
        std::thread::sleep(delays.next(took.mul_f64(1.3)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        let status = child.wait().unwrap();
        attempted.push(version.clone());
        let context = format!("seed {seed}, round {round}");
        // DEST is always whole, and one of the versions tried: the one
        // that last finished, or one after it (a publish killed after its
        // switch, before it could say so).
        let now = whole_version(&dest, &expected);
        let at = attempted.iter().position(|v| *v == now);
        assert!(
            at.is_some_and(|at| at >= finished),
            "{context}: `report` holds {now}"
        );
        if status.success() {
            finished = attempted.len() - 1;
        }
        // Every kept version is whole too, and named after what it holds.
        for name in listing(dir.path()) {
            if let Some(kept) = name.strip_prefix("report.v") {
                assert_eq!(
                    whole_version(&dir.path().join("share").join(&name), &expected),
                    kept,
                    "{context}"
                );
            }
        }
    }
    assert!(killed > 0, "seed {seed}: no publish was interrupted");
    // One whole publish tidies whatever the killed ones left.
    set_version(dir.path(), "3.0");
    let (code, _, err) = run_in(
        dir.path(),
        &["publish", "share/report", "--keep", "2", "--archive"],
    );
    assert_eq!(code, 0, "seed {seed}: {err}");
    let left: Vec<String> = listing(dir.path())
        .into_iter()
        .filter(|n| !n.starts_with("report-"))
        .collect();
    // The lock file alone is left beside them: no staging folder, no
    // half-written archive.
    assert_eq!(left.len(), 4, "seed {seed}: {left:?}");
    assert_eq!(left[..2], [".report.lock", "report"], "seed {seed}");
    assert!(
        left[2..].iter().all(|n| n.starts_with("report.v")),
        "seed {seed}: {left:?}"
    );
    assert_eq!(whole_version(&dest, &expected), "3.0");
}

/// A zip archive read back by this test's own reader of the format
/// (APPNOTE 4.3.7, 4.3.12, 4.3.16): each entry's name, modification date
/// (`YYYY-MM-DD`) and bytes, inflated and checked against its CRC-32.
fn unzip(bytes: &[u8]) -> (BTreeMap<String, (String, Vec<u8>)>, String) {
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let end = (0..bytes.len() - 21)
        .rev()
        .find(|&at| u32_at(at) == 0x0605_4b50)
        .expect("an end of central directory record");
    let count = u16_at(end + 10);
    let comment = String::from_utf8(bytes[end + 22..end + 22 + u16_at(end + 20)].to_vec()).unwrap();
    let mut at = u32_at(end + 16);
    let mut entries = BTreeMap::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), 0x0201_4b50, "a central directory header");
        assert_eq!(
            u16_at(at + 8) & (1 << 11),
            1 << 11,
            "names flagged as UTF-8"
        );
        let method = u16_at(at + 10);
        let date = u16_at(at + 14);
        let crc = u32_at(at + 16) as u32;
        let (compressed, size) = (u32_at(at + 20), u32_at(at + 24));
        let name_len = u16_at(at + 28);
        let skip = name_len + u16_at(at + 30) + u16_at(at + 32);
        let local = u32_at(at + 42);
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        at += 46 + skip;
        assert_eq!(u32_at(local), 0x0403_4b50, "{name}: a local header");
        assert_eq!(&bytes[local + 30..local + 30 + name_len], name.as_bytes());
        let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let data = &bytes[data_at..data_at + compressed];
        let file = match method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(data).unwrap(),
            other => panic!("{name}: method {other}"),
        };
        assert_eq!(file.len(), size, "{name}: size");
        assert_eq!(crc32fast::hash(&file), crc, "{name}: CRC-32");
        let day = format!(
            "{:04}-{:02}-{:02}",
            1980 + (date >> 9),
            (date >> 5) & 0xf,
            date & 0x1f
        );
        entries.insert(name, (day, file));
    }
    (entries, comment)
}

#[test]
fn the_archive_holds_the_published_site_under_one_folder_dated_by_the_version() {
    let dir = project("1.0");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report", "--archive"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.ends_with(" KB)\n") && err.contains("wrote `share/report-1.0.zip` ("),
        "{err}"
    );
    let zip = fs::read(dir.path().join("share/report-1.0.zip")).unwrap();
    let (entries, comment) = unzip(&zip);
    assert_eq!(comment, "Published by Evident 1.0");
    let mut site = files_of(&dir.path().join("share/report"));
    site.remove(".evident-published");
    let unpacked: BTreeMap<String, Vec<u8>> = entries
        .iter()
        .map(|(name, (day, bytes))| {
            assert_eq!(day, "2026-06-30", "{name}");
            (
                name.strip_prefix("report-1.0/")
                    .unwrap_or_else(|| panic!("{name}"))
                    .to_string(),
                bytes.clone(),
            )
        })
        .collect();
    assert_eq!(unpacked, site);
    // Unpacked, its home page's links lead to files it holds: it works
    // from disk.
    let home = Html::parse_document(std::str::from_utf8(&unpacked["index.html"]).unwrap());
    for link in crate::common::attrs(&home, "a[href], link[href], script[src]", "href")
        .into_iter()
        .chain(crate::common::attrs(&home, "script[src]", "src"))
    {
        let path = link.split('#').next().unwrap();
        if path.is_empty() {
            continue;
        }
        assert!(
            unpacked.contains_key(path),
            "index.html links `{link}`, not in the archive"
        );
    }
    // The same site archives to the same bytes.
    let other = tempfile::tempdir().unwrap();
    crate::common::copy_dir(&dir.path().join("content"), &other.path().join("content"));
    fs::create_dir(other.path().join("share")).unwrap();
    assert_eq!(
        run_in(other.path(), &["publish", "share/report", "--archive"]).0,
        0
    );
    assert_eq!(
        fs::read(other.path().join("share/report-1.0.zip")).unwrap(),
        zip
    );
}

#[test]
fn an_archive_evident_did_not_write_is_not_replaced() {
    let dir = project("1.0");
    let theirs = dir.path().join("share/report-1.0.zip");
    fs::write(&theirs, "their own file").unwrap();
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report", "--archive"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: `share/report-1.0.zip` exists and was not written by Evident; refusing to replace it. Move it away, or publish without --archive\n"
    );
    assert_eq!(fs::read(&theirs).unwrap(), b"their own file");
    assert!(!dir.path().join("share/report").exists());
}

/// A published report marks overdue actions against the day the team gives,
/// as `build` does; without it, against `published`, and never the clock.
#[test]
fn publish_marks_overdue_actions_on_the_day_asked() {
    let dir = project("1.0");
    let police = dir.path().join("content/findings/police.md");
    let text = fs::read_to_string(&police).unwrap();
    fs::write(
        &police,
        text.replacen(
            "criteria: [\"1.2\"]\n",
            "criteria: [\"1.2\"]\nowner: Police\ndue: 2026-05\n",
            1,
        ),
    )
    .unwrap();
    let marks = |folder: &str| {
        let json: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(dir.path().join(folder).join("data/report.json")).unwrap(),
        )
        .unwrap();
        let page = Html::parse_document(
            &fs::read_to_string(dir.path().join(folder).join("actions.html")).unwrap(),
        );
        (
            json["as_of"].clone(),
            json["actions"][0]["overdue"].clone(),
            texts(&page, "main h1 + p"),
        )
    };
    let (code, _, err) = run_in(
        dir.path(),
        &["publish", "share/report", "--as-of", "2026-07-01"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        marks("share/report"),
        (
            serde_json::json!("2026-07-01"),
            serde_json::json!(true),
            vec!["The plan has 1 action. 1 was overdue on 1 July 2026.".to_string()]
        )
    );
    // No day given and no `published` date: nothing is marked either way.
    set_version(dir.path(), "1.1");
    let (code, _, err) = run_in(dir.path(), &["publish", "share/report"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        marks("share/report"),
        (
            serde_json::Value::Null,
            serde_json::Value::Null,
            vec!["The plan has 1 action.".to_string()]
        )
    );
    let files: Vec<String> = files_of(&dir.path().join("share/report"))
        .into_keys()
        .collect();
    // A day that does not exist is refused before anything is built.
    set_version(dir.path(), "1.2");
    let (code, _, err) = run_in(
        dir.path(),
        &["publish", "share/report", "--as-of", "2026-02-30"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("2026-02-30"), "{err}");
    assert_eq!(
        whole_version(&dir.path().join("share/report"), &files),
        "1.1"
    );
}
