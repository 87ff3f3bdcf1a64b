//! `evident serve`: the live preview. A thin layer over [`crate::serve`].

use super::fail;

pub use crate::serve::ServeOptions;

/// Run `serve` until stopped; returns only on failure.
pub fn run(options: ServeOptions) -> u8 {
    match crate::serve::run(options) {
        Ok(()) => super::OK,
        Err(e) => fail(&e),
    }
}
