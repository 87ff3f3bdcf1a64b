//! The JSON Schemas for editors: `evident schema` writes them, `init` writes
//! them with the editor settings, every key each schema allows is exactly a
//! key Evident accepts (and the reverse), and the worked example's files
//! conform to them.

use crate::common::{evident, inline, worked_example};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn schema(name: &str) -> Value {
    let path = crate::common::repo_root().join("schemas").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn schema_writes_every_schema_and_init_points_an_editor_at_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    let run = evident()
        .arg("schema")
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let printed = String::from_utf8_lossy(&run.stdout);
    let names = [
        "report",
        "framework",
        "framework-texts",
        "case",
        "finding",
        "page",
        "focus",
        "narrative",
    ];
    for name in names {
        let file = format!("{name}.schema.json");
        let text = std::fs::read_to_string(out.join(&file)).unwrap();
        let json: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(printed.contains(&file), "{printed}");
    }
    // Run again: the schemas are replaced by the current ones.
    std::fs::write(out.join("page.schema.json"), "old").unwrap();
    assert!(
        evident()
            .arg("schema")
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap()
            .status
            .success()
    );
    assert_ne!(
        std::fs::read_to_string(out.join("page.schema.json")).unwrap(),
        "old"
    );

    let project = dir.path().join("p");
    assert!(
        evident()
            .arg("init")
            .arg(&project)
            .output()
            .unwrap()
            .status
            .success()
    );
    let settings: Value = serde_json::from_str(
        &std::fs::read_to_string(project.join(".vscode/settings.json")).unwrap(),
    )
    .unwrap();
    let map = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(map.len(), 4);
    for (schema, files) in map {
        assert!(project.join(schema).is_file(), "{schema}");
        // A pattern, or patterns with exclusions (`!`).
        let patterns: Vec<&str> = match files {
            Value::Array(all) => all.iter().map(|f| f.as_str().unwrap()).collect(),
            one => vec![one.as_str().unwrap()],
        };
        for p in patterns {
            assert!(p.trim_start_matches('!').starts_with("content/"), "{p}");
        }
    }
    // The framework's texts in another language get their own schema, not
    // the framework's.
    assert_eq!(
        map["./schemas/framework.schema.json"],
        serde_json::json!(["content/criteria/*.yaml", "!content/criteria/*.*.yaml"])
    );
    assert_eq!(
        map["./schemas/framework-texts.schema.json"],
        "content/criteria/*.*.yaml"
    );
    for name in names {
        assert!(
            project
                .join(format!("schemas/{name}.schema.json"))
                .is_file()
        );
    }
}

/// The keys Evident accepts where `bogus: 1` was put, from its unknown-key
/// diagnostic.
fn accepted(root: &Path) -> BTreeSet<String> {
    let out = evident()
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-key")
        .unwrap_or_else(|| panic!("no unknown-key diagnostic: {json}"));
    let help = d["help"].as_str().unwrap();
    help.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// A project in which every kind of object appears once.
const PROJECT: &str = r#"
-- content/report.yaml --
title: T
organisation: O
languages: [en-GB, cy]
review_team:
  - role: Lead
fieldwork:
  start: 2026-01-12
  end: 2026-01-14
finding_kinds:
  - id: strength
    label: Strengths
privacy:
  allow: []
actions:
  required: false
-- content/criteria/fw.yaml --
id: fw
title: F
version: "1"
applies_from: 2025-01-01
applies_until: 2026-12
source:
  - citation: The standards
    url: https://example.org/standards
overall:
  rule: sum-of-scores
  counts: ["1.1"]
  max: 2
  bands:
    - label: Good
      min: 0
  note: Inferred.
dimensions:
  - id: d1
    title: D
answers:
  - id: "yes"
    counts: met
  - id: "no"
    counts: not-met
ratings:
  rule: mean
  levels:
    - label: Good
      min: 50
      score: 2
domains:
  - id: "1"
    title: One
    standards:
      - id: "1.1"
        title: S
        questions:
          - id: "1.1.1"
            text: Q?
            prompts:
              - Guidance for the auditor.
              - id: "1.1.1.a"
                text: Checked?
-- content/criteria/fw.cy.yaml --
title: Ff
domains:
  "1":
    title: Un
    summary: Crynodeb.
standards:
  "1.1":
    title: Ss
    statement: Datganiad.
questions:
  "1.1.1": C?
dimensions:
  d1: Dd
answers:
  "yes": Ie
ratings:
  Good: Da
overall_note: Nodyn.
-- content/cases/c.yaml --
id: C1
domain: "1"
disposal: D
audit: file-read
answers: {"1.1.1": "yes"}
-- content/findings/f.md --
---
title: F
kind: strength
progress:
  date: 2026-02-01
  note: N
---
-- content/pages/p.md --
---
title: P
---
-- content/focus/x.md --
---
title: X
---
-- content/standards/1.1.md --
---
title: N
---
"#;

/// The property names of the object at `pointer` in a schema, following
/// `$ref`s.
fn properties(schema: &Value, pointer: &str) -> BTreeSet<String> {
    let mut node = schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{pointer}"));
    if let Some(r) = node["$ref"].as_str() {
        node = schema.pointer(r.trim_start_matches('#')).unwrap();
    }
    node["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{pointer}: {node}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn every_schema_allows_exactly_the_keys_evident_accepts() {
    // (file, the line after which `bogus: 1` goes, its indent, schema,
    // pointer to the object in the schema)
    let places = [
        ("content/report.yaml", "organisation: O", "", "report", ""),
        (
            "content/report.yaml",
            "  - role: Lead",
            "    ",
            "report",
            "/properties/review_team/items",
        ),
        (
            "content/report.yaml",
            "  end: 2026-01-14",
            "  ",
            "report",
            "/properties/fieldwork",
        ),
        (
            "content/report.yaml",
            "    label: Strengths",
            "    ",
            "report",
            "/properties/finding_kinds/items",
        ),
        (
            "content/report.yaml",
            "  allow: []",
            "  ",
            "report",
            "/properties/privacy",
        ),
        ("content/criteria/fw.yaml", "title: F", "", "framework", ""),
        (
            "content/criteria/fw.yaml",
            "    url: https://example.org/standards",
            "    ",
            "framework",
            "/properties/source/items",
        ),
        (
            "content/criteria/fw.yaml",
            "  max: 2",
            "  ",
            "framework",
            "/properties/overall",
        ),
        (
            "content/criteria/fw.yaml",
            "      min: 0",
            "      ",
            "framework",
            "/properties/overall/properties/bands/items",
        ),
        (
            "content/criteria/fw.yaml",
            "    title: D",
            "    ",
            "framework",
            "/properties/dimensions/items",
        ),
        (
            "content/criteria/fw.yaml",
            "    counts: met",
            "    ",
            "framework",
            "/properties/answers/items",
        ),
        (
            "content/criteria/fw.yaml",
            "  rule: mean",
            "  ",
            "framework",
            "/properties/ratings",
        ),
        (
            "content/criteria/fw.yaml",
            "      min: 50",
            "      ",
            "framework",
            "/properties/ratings/properties/levels/items",
        ),
        (
            "content/criteria/fw.yaml",
            "    title: One",
            "    ",
            "framework",
            "/definitions/domain",
        ),
        (
            "content/criteria/fw.yaml",
            "        title: S",
            "        ",
            "framework",
            "/definitions/standard",
        ),
        (
            "content/criteria/fw.yaml",
            "            text: Q?",
            "            ",
            "framework",
            "/definitions/question",
        ),
        (
            "content/criteria/fw.yaml",
            "                text: Checked?",
            "                ",
            "framework",
            "/definitions/prompt",
        ),
        (
            "content/cases/c.yaml",
            "disposal: D",
            "",
            "case",
            "/definitions/case",
        ),
        (
            "content/criteria/fw.cy.yaml",
            "title: Ff",
            "",
            "framework-texts",
            "",
        ),
        (
            "content/criteria/fw.cy.yaml",
            "    title: Un",
            "    ",
            "framework-texts",
            "/properties/domains/additionalProperties",
        ),
        (
            "content/criteria/fw.cy.yaml",
            "    title: Ss",
            "    ",
            "framework-texts",
            "/properties/standards/additionalProperties",
        ),
        (
            "content/report.yaml",
            "  required: false",
            "  ",
            "report",
            "/properties/actions",
        ),
        ("content/findings/f.md", "kind: strength", "", "finding", ""),
        (
            "content/findings/f.md",
            "  note: N",
            "  ",
            "finding",
            "/properties/progress",
        ),
        ("content/pages/p.md", "title: P", "", "page", ""),
        ("content/focus/x.md", "title: X", "", "focus", ""),
        ("content/standards/1.1.md", "title: N", "", "narrative", ""),
    ];
    for (file, after, indent, name, pointer) in places {
        let dir = inline(PROJECT);
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(after), "{file}: {after}");
        std::fs::write(
            &path,
            text.replacen(after, &format!("{after}\n{indent}bogus: 1"), 1),
        )
        .unwrap();
        let schema = schema(&format!("{name}.schema.json"));
        assert_eq!(
            properties(&schema, pointer),
            accepted(dir.path()),
            "{name}.schema.json{pointer} and what Evident accepts in {file}"
        );
    }
}

/// Whether `value` conforms to `node` of `schema` (the parts of JSON Schema
/// the schemas use); the reasons when it does not.
fn conforms(schema: &Value, node: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = node["$ref"].as_str() {
        let target = schema.pointer(r.trim_start_matches('#')).unwrap();
        return conforms(schema, target, value, at, errors);
    }
    if let Some(options) = node["oneOf"].as_array() {
        let fitting = options
            .iter()
            .filter(|o| {
                let mut e = Vec::new();
                conforms(schema, o, value, at, &mut e);
                e.is_empty()
            })
            .count();
        if fitting != 1 {
            errors.push(format!("{at}: fits {fitting} of oneOf"));
        }
        return;
    }
    if let Some(allowed) = node["enum"].as_array()
        && !allowed.contains(value)
    {
        errors.push(format!("{at}: {value} not in {allowed:?}"));
    }
    let kind_ok = match node["type"].as_str() {
        None => true,
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("boolean") => value.is_boolean(),
        Some("number") => value.is_number(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some(other) => panic!("type {other}"),
    };
    if !kind_ok {
        errors.push(format!("{at}: {value} is not {}", node["type"]));
        return;
    }
    if let Some(pattern) = node["pattern"].as_str() {
        // The schemas' patterns use only what ECMAScript's and the regex
        // crate's syntax share.
        let s = value.as_str().unwrap();
        if !regex::Regex::new(pattern).unwrap().is_match(s) {
            errors.push(format!("{at}: {s} does not match {pattern}"));
        }
    }
    if let Some(map) = value.as_object() {
        for key in node["required"].as_array().into_iter().flatten() {
            if !map.contains_key(key.as_str().unwrap()) {
                errors.push(format!("{at}: missing {key}"));
            }
        }
        for (k, v) in map {
            let child = format!("{at}/{k}");
            match node["properties"].get(k) {
                Some(p) => conforms(schema, p, v, &child, errors),
                None => match &node["additionalProperties"] {
                    Value::Bool(false) => errors.push(format!("{child}: not allowed")),
                    Value::Object(_) => {
                        conforms(schema, &node["additionalProperties"], v, &child, errors)
                    }
                    _ => {}
                },
            }
        }
    }
    if let (Some(items), Some(list)) = (node.get("items"), value.as_array()) {
        for (i, v) in list.iter().enumerate() {
            conforms(schema, items, v, &format!("{at}/{i}"), errors);
        }
    }
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap()
}

fn front_matter(text: &str) -> Value {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---").unwrap();
    yaml(&rest[..end])
}

#[test]
fn the_worked_example_conforms_to_the_schemas() {
    let dir = worked_example();
    let content = dir.path().join("content");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&content) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&content)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let (name, value) = match rel.split('/').next().unwrap() {
            "report.yaml" => ("report", yaml(&text)),
            "criteria" if rel.matches('.').count() > 1 => ("framework-texts", yaml(&text)),
            "criteria" => ("framework", yaml(&text)),
            "cases" if rel.ends_with(".yaml") => ("case", yaml(&text)),
            "findings" => ("finding", front_matter(&text)),
            "pages" => ("page", front_matter(&text)),
            "focus" => ("focus", front_matter(&text)),
            "standards" if text.starts_with("---\n") => ("narrative", front_matter(&text)),
            _ => continue,
        };
        let schema = schema(&format!("{name}.schema.json"));
        let mut errors = Vec::new();
        conforms(&schema, &schema, &value, &rel, &mut errors);
        assert!(errors.is_empty(), "{errors:#?}");
        checked += 1;
    }
    assert!(checked > 40, "{checked} files checked");
}

#[test]
fn the_conformance_check_itself_finds_mistakes() {
    let schema = schema("case.schema.json");
    let mut errors = Vec::new();
    let bad = yaml("id: C1\ndomain: 1\naudit: by-phone\nextra: x\n");
    conforms(&schema, &schema, &bad, "c", &mut errors);
    let text = errors.join("\n");
    // A number for a string, an answer off the list, a missing key, an
    // unknown one: one case fits none of oneOf's branches.
    assert!(text.contains("fits 0 of oneOf"), "{text}");
    let case = schema.pointer("/definitions/case").unwrap();
    let mut errors = Vec::new();
    conforms(&schema, case, &bad, "c", &mut errors);
    let text = errors.join("\n");
    for part in [
        "c/domain",
        "by-phone",
        "missing \"disposal\"",
        "c/extra: not allowed",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}
