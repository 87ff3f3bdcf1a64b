//! Commands: thin layers over the pipeline. Each returns an [`ExitCode`]
//! meaning 0 success, 1 the content has errors, 2 bad usage or I/O failure.

pub mod actions;
pub mod build;
pub mod check;
pub mod frameworks;
pub mod init;
pub mod new;
pub mod publish;
pub mod respond;
pub mod schema;
pub mod serve;

use crate::content::Sources;
use crate::diagnostic::{self, Diagnostic};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit status: success.
pub const OK: u8 = 0;
/// Exit status: the content has errors.
pub const CONTENT_ERRORS: u8 = 1;
/// Exit status: bad usage or an I/O failure.
pub const FAILURE: u8 = 2;

/// Print diagnostics to stderr as text (coloured on a terminal).
pub fn report(diagnostics: &[Diagnostic], sources: &Sources) {
    if diagnostics.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", diagnostic::render_text(diagnostics, sources, color));
}

/// Print an I/O or usage failure.
pub fn fail(message: &str) -> u8 {
    eprintln!("error: {message}");
    FAILURE
}

/// The root of the project a command works on: `given` (`--root`), or the
/// nearest folder from the current one upwards that holds
/// `content/report.yaml` ([`crate::project`]). When that is not the
/// current folder, says which it is on standard error (never on standard
/// output, which `check --format json` keeps for its document). `Err` is
/// the exit status, the failure printed.
pub fn project_root(given: Option<PathBuf>) -> Result<PathBuf, u8> {
    match crate::project::find(given) {
        Ok(found) => {
            if let Some(note) = found.note() {
                eprintln!("{note}");
            }
            Ok(found.root())
        }
        Err(e) => Err(fail(&e.to_string())),
    }
}
