//! `evident frameworks`: list the frameworks built into the binary, each
//! with its version, the dates its standards were in use and its title, so
//! a team can pick the one that applied at the time of its fieldwork
//! (`evident init --framework NAME`).

use super::OK;
use crate::embedded::{self, EmbeddedFramework};
use crate::model::Framework;

/// A built-in framework, read.
pub fn load(framework: &EmbeddedFramework) -> Framework {
    // The files are part of the binary and a test reads every one of them,
    // so a failure here is a fault in the build, not in the user's content.
    serde_saphyr::from_str(framework.yaml)
        .unwrap_or_else(|e| panic!("built-in framework `{}`: {e}", framework.name))
}

/// When a framework's standards were in use, in words: "1 June 2018 to
/// 14 July 2021", "from 15 July 2021", or "dates not given".
pub fn in_use(fw: &Framework) -> String {
    match (&fw.applies_from, &fw.applies_until) {
        (Some(from), Some(until)) => format!("{} to {}", from.value.long(), until.value.long()),
        (Some(from), None) => format!("from {}", from.value.long()),
        (None, Some(until)) => format!("until {}", until.value.long()),
        (None, None) => "dates not given".to_string(),
    }
}

/// The listing `evident frameworks` prints.
pub fn listing() -> String {
    let mut out = String::new();
    for f in embedded::FRAMEWORKS {
        let fw = load(f);
        let mut notes = Vec::new();
        if f.name == embedded::DEFAULT_FRAMEWORK {
            notes.push("the default".to_string());
        }
        for (alias, _) in embedded::FRAMEWORK_ALIASES
            .iter()
            .filter(|(_, to)| *to == f.name)
        {
            notes.push(format!("also `{alias}`"));
        }
        out.push_str(&format!("{}\n", f.name));
        out.push_str(&format!("  {}\n", fw.title));
        out.push_str(&format!(
            "  version {}, in use {}\n",
            fw.version.as_deref().unwrap_or("not given"),
            in_use(&fw)
        ));
        if !notes.is_empty() {
            out.push_str(&format!("  ({})\n", notes.join("; ")));
        }
    }
    out.push_str(
        "\nStart a review with one: evident init --framework NAME\nSources and what could not be confirmed: the comments in each file, written into content/criteria/ by init\n",
    );
    out
}

/// Run `frameworks`.
pub fn run() -> u8 {
    print!("{}", listing());
    OK
}
