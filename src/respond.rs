//! The factual-accuracy response sheet read back (`evident respond`): the
//! `data/response.csv` a build wrote, filled in by the reviewed service in
//! a spreadsheet, compared with the report's paragraphs as they are now.
//! Beside the pipeline, not in it: it reads a file the site published and
//! the numbers the plan makes (`site::plan::numbers`).
//!
//! The sheet is read by [`crate::sheet`], as the action tracker is.

use crate::sheet::Sheet;
pub use crate::sheet::SheetError;
use std::collections::HashMap;

/// A row of a filled sheet that carries a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The line of the sheet its row starts on (1-based).
    pub line: usize,
    /// The paragraph's number as the sheet gives it (`2.1-4`).
    pub paragraph: String,
    /// The hash of the paragraph's text when the sheet was made.
    pub hash: String,
    /// The service's comment.
    pub comment: String,
}

/// What became of a commented paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Its number holds the same text.
    Unchanged,
    /// Its text, unchanged, now has another number.
    Moved {
        /// Its number now.
        now: String,
    },
    /// Its number is still there, with other text.
    Changed,
    /// Neither its number nor its text is in the report now.
    Gone,
    /// The row gives no paragraph number.
    Unnumbered,
}

impl Standing {
    /// Whether the comment can no longer be matched to a paragraph.
    pub fn lost(&self) -> bool {
        matches!(self, Standing::Gone | Standing::Unnumbered)
    }
}

/// The columns `respond` needs, by name (any order; others are kept for
/// the reviewers and ignored here).
const NEEDED: [&str; 3] = ["paragraph", "text_hash", "comment"];

/// Read a filled sheet: the rows that carry a comment.
pub fn read_sheet(bytes: &[u8]) -> Result<Vec<Comment>, SheetError> {
    let sheet = Sheet::read(bytes, &NEEDED, &crate::site::data::RESPONSE_HEAD)?;
    Ok(sheet
        .rows
        .iter()
        .filter(|row| !sheet.cell(row, "comment").is_empty())
        .map(|row| Comment {
            line: row.line,
            paragraph: sheet.cell(row, "paragraph"),
            hash: sheet.cell(row, "text_hash").to_lowercase(),
            comment: sheet.cell(row, "comment"),
        })
        .collect())
}

/// What became of each comment's paragraph, given the report's paragraphs
/// now as `(number, hash)` in reading order.
pub fn compare(comments: &[Comment], now: &[(String, String)]) -> Vec<Standing> {
    let by_number: HashMap<&str, &str> =
        now.iter().map(|(n, h)| (n.as_str(), h.as_str())).collect();
    comments
        .iter()
        .map(|c| {
            if c.paragraph.is_empty() {
                return Standing::Unnumbered;
            }
            let here = by_number.get(c.paragraph.as_str());
            if here == Some(&c.hash.as_str()) {
                return Standing::Unchanged;
            }
            // The same text under another number: moved. The nearest to
            // where it was, when the text is there more than once.
            let was = now.iter().position(|(n, _)| *n == c.paragraph);
            let moved = now
                .iter()
                .enumerate()
                .filter(|(_, (_, h))| *h == c.hash)
                .min_by_key(|(i, _)| was.map_or(*i, |w| w.abs_diff(*i)));
            match (moved, here) {
                (Some((_, (n, _))), _) => Standing::Moved { now: n.clone() },
                (None, Some(_)) => Standing::Changed,
                (None, None) => Standing::Gone,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(line: usize, paragraph: &str, hash: &str, text: &str) -> Comment {
        Comment {
            line,
            paragraph: paragraph.into(),
            hash: hash.into(),
            comment: text.into(),
        }
    }

    #[test]
    fn a_sheet_written_by_hand_or_by_a_spreadsheet_is_read() {
        let sheet = "\u{feff}paragraph,page,link,first_words,text_hash,comment,evidence,decision\r\n\
            2.1-1,Assessment,x,Words,h1,,,\r\n\
            2.1-2,Assessment,x,\"Words, more\",H2,\"We disagree, \"\"strongly\"\".\nSee the file.\",,\r\n\
            \r\n";
        assert_eq!(
            read_sheet(sheet.as_bytes()).unwrap(),
            [comment(
                3,
                "2.1-2",
                "h2",
                "We disagree, \"strongly\".\nSee the file."
            )]
        );
        // Semicolons, columns in another order, LF line ends, no BOM.
        let sheet = "comment;text_hash;paragraph\n'=1+1;h3;D2-1\n";
        assert_eq!(
            read_sheet(sheet.as_bytes()).unwrap(),
            [comment(2, "D2-1", "h3", "=1+1")]
        );
    }

    #[test]
    fn a_sheet_that_cannot_be_read_says_where() {
        let e = read_sheet(b"paragraph,text_hash,comment\n2.1-1,h1,\"open\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 10));
        let e = read_sheet(b"paragraph,comment\n").unwrap_err();
        assert!(e.message.contains("no `text_hash` column"), "{}", e.message);
        let e = read_sheet(b"paragraph,text_hash,comment\n2.1-1,h1,caf\xe9\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 13));
        assert!(e.message.contains("CSV UTF-8"));
    }

    #[test]
    fn each_comment_is_found_moved_changed_or_gone() {
        let now: Vec<(String, String)> = [("2.1-1", "ha"), ("2.1-2", "hnew"), ("2.1-3", "hb")]
            .iter()
            .map(|(n, h)| (n.to_string(), h.to_string()))
            .collect();
        let comments = [
            comment(2, "2.1-1", "ha", "x"),
            comment(3, "2.1-2", "hb", "x"),
            comment(4, "2.1-3", "hc", "x"),
            comment(5, "2.1-9", "hz", "x"),
            comment(6, "", "ha", "x"),
        ];
        assert_eq!(
            compare(&comments, &now),
            [
                Standing::Unchanged,
                Standing::Moved {
                    now: "2.1-3".into()
                },
                Standing::Changed,
                Standing::Gone,
                Standing::Unnumbered,
            ]
        );
    }
}
