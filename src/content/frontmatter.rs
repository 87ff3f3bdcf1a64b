//! Front matter: the YAML block between a first line `---` and the next
//! line `---`. Line numbers stay those of the whole file (Zola #1133 reported
//! them relative to the block, which sends authors to the wrong line).

/// A Markdown file split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML to deserialise, padded with blank lines so that its line
    /// numbers are the file's; `None` when the file has no front matter.
    pub yaml: Option<String>,
    /// The Markdown body.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Error: a front matter block that is opened but never closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed;

/// Split a file's text.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Ok(Split {
            yaml: None,
            body: text,
            body_offset: 0,
        });
    }
    let mut offset = first.len();
    let mut yaml = String::from("\n");
    for line in lines {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                yaml: Some(yaml),
                body: &text[body_offset..],
                body_offset,
            });
        }
        yaml.push_str(line);
        offset += line.len();
    }
    Err(Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_file_lines() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml.as_deref(), Some("\ntitle: A\n"));
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, "---\ntitle: A\n---\n".len());
    }

    #[test]
    fn crlf_and_missing_front_matter() {
        let s = split("---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(s.body, "Body");
        let s = split("# Just text\n").unwrap();
        assert_eq!(s.yaml, None);
        assert_eq!(split("---\ntitle: A\n"), Err(Unclosed));
    }
}
