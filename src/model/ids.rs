//! How ids become paths and HTML ids. Kept with the data, not the site,
//! because checking an `#anchor` and rendering the page must agree on them.

/// A path-safe form of an id: letters, digits, `-` and `_` kept, anything
/// else becomes `-` (`2.1` → `2-1`).
pub fn path_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The HTML id of a standard's section on its domain page (`std-2-1`).
pub fn standard_anchor(id: &str) -> String {
    format!("std-{}", path_id(id))
}

/// The HTML id of a case's row on the cases page (`case-C04`).
pub fn case_anchor(id: &str) -> String {
    format!("case-{}", path_id(id))
}

/// The HTML id of a finding wherever it is shown in full (`finding-<slug>`).
pub fn finding_anchor(slug: &str) -> String {
    format!("finding-{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_path_safe() {
        assert_eq!(path_id("2.1"), "2-1");
        assert_eq!(path_id("C04"), "C04");
        assert_eq!(standard_anchor("A1.2"), "std-A1-2");
        assert_eq!(case_anchor("C 1"), "case-C-1");
        assert_eq!(finding_anchor("plans"), "finding-plans");
    }
}
