//! Spreadsheets read back: the factual-accuracy response sheet
//! (`evident respond`) and the action tracker (`evident actions import`),
//! each a CSV file a build wrote and a person filled in a spreadsheet.
//! Beside the pipeline: it reads files the site published.
//!
//! A small RFC 4180 reader of our own: no CSV crate is in the tree, and
//! these files need only quoted fields (with `""` inside, and line
//! breaks), either line end, a byte order mark, and the semicolons or tabs
//! a spreadsheet set to another locale saves with. It reports where a
//! sheet cannot be read, and where each cell starts, by line and column.
//! Columns are found by the names in the first row, so a person may add
//! columns or reorder them.

use std::collections::HashMap;

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

/// A sheet read: its columns by name, and its rows after the first.
#[derive(Debug)]
pub struct Sheet {
    columns: HashMap<String, usize>,
    /// The rows after the names, empty rows left out.
    pub rows: Vec<Record>,
}

impl Sheet {
    /// Read `bytes` as a sheet whose first row names its columns, which
    /// must include every one of `needed`; `written` is the columns the
    /// sheet Evident writes has, for the message when one is missing.
    pub fn read(bytes: &[u8], needed: &[&str], written: &[&str]) -> Result<Sheet, SheetError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let (line, column) = place(&bytes[..e.valid_up_to()]);
            SheetError {
                line,
                column,
                message: "the sheet is not UTF-8 text: save it from the spreadsheet as \"CSV UTF-8\" (comma delimited)".to_string(),
            }
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rows = records(text, delimiter(text))?;
        if rows.is_empty() {
            return Err(SheetError {
                line: 1,
                column: 1,
                message: format!(
                    "the sheet is empty: its first row names the columns ({}, …)",
                    needed.join(", ")
                ),
            });
        }
        let head = rows.remove(0);
        let mut columns: HashMap<String, usize> = HashMap::new();
        for (i, cell) in head.cells.iter().enumerate() {
            let name = column_name(cell);
            match columns.get(&name) {
                // A column of Evident's named twice (the service's own
                // "Status" beside Evident's `status`) would leave the
                // reading to whichever came last: refused, both named.
                Some(&first) if written.contains(&name.as_str()) => {
                    let (line, column) = head.starts.get(i).copied().unwrap_or((head.line, 1));
                    return Err(SheetError {
                        line,
                        column,
                        message: format!(
                            "two columns are named `{name}` (column {} and column {}): Evident would not know which to read. Rename or remove one",
                            first + 1,
                            i + 1
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    columns.insert(name, i);
                }
            }
        }
        if let Some(name) = needed.iter().find(|n| !columns.contains_key(**n)) {
            return Err(SheetError {
                line: head.line,
                column: 1,
                message: format!(
                    "the sheet has no `{name}` column: its first row must name the columns as the sheet Evident wrote does ({})",
                    written.join(", ")
                ),
            });
        }
        Ok(Sheet { columns, rows })
    }

    /// The cell of `row` in the column `name`, trimmed and with a
    /// spreadsheet's formula guard taken off; empty when the sheet has no
    /// such column or the row no such cell.
    pub fn cell(&self, row: &Record, name: &str) -> String {
        self.columns
            .get(name)
            .and_then(|&i| row.cells.get(i))
            .map(|c| unneutralised(c.trim()).to_string())
            .unwrap_or_default()
    }

    /// Where the cell of `row` in the column `name` starts (line, column);
    /// the row's start when it has no such cell.
    pub fn at(&self, row: &Record, name: &str) -> (usize, usize) {
        self.columns
            .get(name)
            .and_then(|&i| row.starts.get(i).copied())
            .unwrap_or((row.line, 1))
    }
}

/// A word or two as a person types them in a spreadsheet, read as Evident
/// writes them: in lower case, with each run of spaces, hyphens and
/// underscores between the words made one `joiner` (`Progress Note` with
/// `_` is `progress_note`; `In Progress` with `-` is `in-progress`).
pub fn as_typed(text: &str, joiner: &str) -> String {
    text.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(joiner)
}

/// A column's name as it is looked up (`Progress Note` is `progress_note`).
fn column_name(cell: &str) -> String {
    as_typed(cell, "_")
}

/// A spreadsheet's formula guard taken off: the sheet Evident writes puts
/// `'` before a cell that starts like a formula, and so may a person.
fn unneutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// One record of the sheet: the line it starts on, its cells, and where
/// each cell starts (line, column).
#[derive(Debug, Clone)]
pub struct Record {
    /// The line it starts on (1-based).
    pub line: usize,
    /// Its cells, as written (quotes taken off).
    pub cells: Vec<String>,
    /// Where each cell starts: (line, column), 1-based.
    pub starts: Vec<(usize, usize)>,
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
    let mut starts = Vec::new();
    let mut cell = String::new();
    let (mut line, mut column) = (1usize, 0usize);
    let mut start = 1;
    // Where the cell being read starts.
    let mut cell_at = (1usize, 1usize);
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
            (None, c) if c == delimiter => {
                cells.push(std::mem::take(&mut cell));
                starts.push(cell_at);
                cell_at = (line, column + 1);
            }
            (None, '\r') if chars.peek() == Some(&'\n') => {}
            (None, '\n' | '\r') => {
                cells.push(std::mem::take(&mut cell));
                starts.push(cell_at);
                out.push(Record {
                    line: start,
                    cells: std::mem::take(&mut cells),
                    starts: std::mem::take(&mut starts),
                });
                line += 1;
                column = 0;
                start = line;
                cell_at = (line, 1);
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
        starts.push(cell_at);
        out.push(Record {
            line: start,
            cells,
            starts,
        });
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

    #[test]
    fn each_cell_is_found_by_its_columns_name_and_knows_where_it_starts() {
        let text = "\u{feff}id,note,status\r\nA,\"two\nlines\",done\r\nB,'=1+1,\r\n\r\n";
        let sheet = Sheet::read(text.as_bytes(), &["id", "status"], &[]).unwrap();
        assert_eq!(sheet.rows.len(), 2);
        let (a, b) = (&sheet.rows[0], &sheet.rows[1]);
        assert_eq!(sheet.cell(a, "note"), "two\nlines");
        assert_eq!(sheet.at(a, "status"), (3, 8));
        assert_eq!(sheet.at(b, "note"), (4, 3));
        // The formula guard comes off; a missing cell is empty.
        assert_eq!(sheet.cell(b, "note"), "=1+1");
        assert_eq!(sheet.cell(b, "status"), "");
        assert_eq!(sheet.cell(b, "owner"), "");
        let missing = Sheet::read(b"id,note\n", &["id", "status"], &["id", "status"]).unwrap_err();
        assert_eq!((missing.line, missing.column), (1, 1));
        assert!(
            missing.message.contains("no `status` column"),
            "{}",
            missing.message
        );
    }

    #[test]
    fn a_column_name_is_read_as_a_person_types_it_and_a_column_of_ours_named_twice_is_refused() {
        let ours = ["id", "status", "progress_note"];
        let text = "ID, Progress Note ,progress-note-2,STATUS\nA,Went well,x,done\n";
        let sheet = Sheet::read(text.as_bytes(), &["id", "status"], &ours).unwrap();
        let row = &sheet.rows[0];
        assert_eq!(sheet.cell(row, "progress_note"), "Went well");
        assert_eq!(sheet.cell(row, "status"), "done");
        // The service's own "Status" column beside Evident's `status`.
        let text = "id,status,note,Status\nA,done,,\n";
        let twice = Sheet::read(text.as_bytes(), &["id", "status"], &ours).unwrap_err();
        assert_eq!((twice.line, twice.column), (1, 16));
        assert_eq!(
            twice.message,
            "two columns are named `status` (column 2 and column 4): Evident would not know which to read. Rename or remove one"
        );
        // Its own columns may share a name: Evident reads neither.
        let text = "id,status,Note,note\nA,done,x,y\n";
        assert!(Sheet::read(text.as_bytes(), &["id", "status"], &ours).is_ok());
    }
}
