//! `evident schema [-o DIR]`: write the JSON Schemas of the content files'
//! YAML (report, framework, case audits, and the front matter of findings,
//! pages, focus areas and narratives) for editors to check and complete
//! them as they are typed: into the project's `schemas/`, or into `DIR`
//! (from the current folder, no project needed). `init` writes them too, with the settings that
//! point an editor at them.

use super::{OK, fail};
use crate::embedded;
use std::path::Path;

/// Where `schema` and `init` put the schemas, from the project folder.
pub const DIR: &str = "schemas";

/// VS Code settings (Red Hat's YAML extension) tying the YAML files to
/// their schemas in [`DIR`]. Front matter in Markdown is not checked by
/// that extension; its schemas are there for tools that read them. A
/// framework's texts in another language (`fw.cy.yaml`) are left out of
/// the framework's pattern by a `!` pattern, which the extension's
/// language server reads since redhat-developer/yaml-language-server#1345;
/// an older one shows both schemas' complaints on such a file.
pub const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "./schemas/report.schema.json": "content/report.yaml",
    "./schemas/framework.schema.json": ["content/criteria/*.yaml", "!content/criteria/*.*.yaml"],
    "./schemas/framework-texts.schema.json": "content/criteria/*.*.yaml",
    "./schemas/case.schema.json": "content/cases/*.yaml"
  }
}
"#;

/// Write every schema into `dir`, replacing older versions of them.
pub fn write_all(dir: &Path) -> Result<Vec<String>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in embedded::SCHEMAS {
        let path = dir.join(name);
        // Replaced, never written through: a link planted at the path is
        // replaced by the file, and what it pointed at is left alone.
        crate::files::replace_file(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        // Named as the reviewer would type it: `schemas/…`, not `./schemas/…`.
        written.push(
            path.strip_prefix(".")
                .unwrap_or(&path)
                .display()
                .to_string(),
        );
    }
    Ok(written)
}

/// Run `schema`.
pub fn run(dir: &Path) -> u8 {
    match write_all(dir) {
        Ok(paths) => {
            for p in paths {
                println!("wrote {p}");
            }
            OK
        }
        Err(e) => fail(&e),
    }
}
