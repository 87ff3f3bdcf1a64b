//! The factual-accuracy response sheet read back (`evident respond`): the
//! `data/response.csv` a build wrote, filled in by the reviewed service in
//! a spreadsheet, compared with the report's paragraphs as they are now.
//! Beside the pipeline, not in it: it reads a file the site published and
//! the numbers the plan makes (`site::plan::numbers`).
//!
//! The sheet is read with a small RFC 4180 reader of our own: no CSV crate
//! is in the tree, and this one file format needs only quoted fields
//! (with `""` inside, and line breaks), either line end, a byte order mark,
//! and the semicolons or tabs a spreadsheet set to another locale saves
//! with. It reports where a sheet cannot be read, by line and column.

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

/// Where a sheet could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong, and what would be accepted.
    pub message: String,
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
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = place(&bytes[..e.valid_up_to()]);
        SheetError {
            line,
            column,
            message: "the sheet is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\" (comma delimited)".to_string(),
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = records(text, delimiter(text))?;
    let Some((head, rest)) = rows.split_first() else {
        return Err(SheetError {
            line: 1,
            column: 1,
            message: "the sheet is empty: its first row names the columns (paragraph, text_hash, comment, …)".to_string(),
        });
    };
    let names: Vec<String> = head.cells.iter().map(|c| c.trim().to_lowercase()).collect();
    let mut at = HashMap::new();
    for name in NEEDED {
        match names.iter().position(|n| n == name) {
            Some(i) => {
                at.insert(name, i);
            }
            None => {
                return Err(SheetError {
                    line: head.line,
                    column: 1,
                    message: format!(
                        "the sheet has no `{name}` column: its first row must name the columns as the sheet Evident wrote does ({})",
                        crate::site::data::RESPONSE_HEAD.join(", ")
                    ),
                });
            }
        }
    }
    let cell = |row: &Record, name: &str| -> String {
        row.cells
            .get(at[name])
            .map(|c| unneutralised(c.trim()).to_string())
            .unwrap_or_default()
    };
    Ok(rest
        .iter()
        .filter(|row| !cell(row, "comment").is_empty())
        .map(|row| Comment {
            line: row.line,
            paragraph: cell(row, "paragraph"),
            hash: cell(row, "text_hash").to_lowercase(),
            comment: cell(row, "comment"),
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

/// A spreadsheet's formula guard taken off: the sheet Evident writes puts
/// `'` before a cell that starts like a formula, and so may a person.
fn unneutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// One record of the sheet: the line it starts on and its cells.
struct Record {
    line: usize,
    cells: Vec<String>,
}

/// The delimiter the sheet's first line uses: a comma, or the semicolon
/// or tab a spreadsheet in another locale saves with.
fn delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    [',', ';', '\t']
        .into_iter()
        .max_by_key(|d| (first.matches(*d).count(), *d == ','))
        .unwrap_or(',')
}

/// The sheet's records (RFC 4180, with `delimiter`).
fn records(text: &str, delimiter: char) -> Result<Vec<Record>, SheetError> {
    let mut out = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut line, mut column) = (1usize, 0usize);
    let mut start = 1;
    // Where an open quote is, while in one.
    let mut quoted: Option<(usize, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        match (quoted, c) {
            (Some(_), '"') if chars.peek() == Some(&'"') => {
                chars.next();
                column += 1;
                cell.push('"');
            }
            (Some(_), '"') => quoted = None,
            (Some(_), '\n') => {
                cell.push('\n');
                line += 1;
                column = 0;
            }
            (Some(_), c) => cell.push(c),
            (None, '"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = Some((line, column));
            }
            (None, c) if c == delimiter => cells.push(std::mem::take(&mut cell)),
            (None, '\r') if chars.peek() == Some(&'\n') => {}
            (None, '\n' | '\r') => {
                cells.push(std::mem::take(&mut cell));
                out.push(Record {
                    line: start,
                    cells: std::mem::take(&mut cells),
                });
                line += 1;
                column = 0;
                start = line;
            }
            (None, c) => cell.push(c),
        }
    }
    if let Some((line, column)) = quoted {
        return Err(SheetError {
            line,
            column,
            message: "this quoted cell is never closed: a cell that starts with `\"` ends with one"
                .to_string(),
        });
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push(Record { line: start, cells });
    }
    // Rows a spreadsheet leaves empty at the end are not records.
    out.retain(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    Ok(out)
}

/// The line and column just after `bytes` (valid UTF-8).
fn place(bytes: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
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
