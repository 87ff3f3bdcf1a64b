use super::FileId;
use super::{Body, Date, Located};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// One case audit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseAudit {
    /// Pseudonymous reference, never a real identifier.
    pub id: Located<String>,
    /// The domain the case was audited under.
    pub domain: Located<String>,
    /// Free text, tabulated.
    pub disposal: String,
    /// How the case was audited.
    pub audit: AuditMode,
    /// When the order or disposal started.
    #[serde(default)]
    pub started: Option<Date>,
    /// The names of the focus areas it is listed on.
    #[serde(default)]
    pub focus: Vec<Located<String>>,
    /// Tabulated with small-cell suppression; never published per case.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Key question id → answer, in written order.
    #[serde(default, deserialize_with = "answers_in_order")]
    pub answers: Answers,
    /// Markdown.
    #[serde(default)]
    pub notes: Option<Located<String>>,
    /// `notes` rendered (set by parse).
    #[serde(skip)]
    pub notes_body: Body,
    /// The file it came from (set by parse).
    #[serde(skip)]
    pub file: FileId,
}

impl CaseAudit {
    /// The answer given to a key question.
    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers
            .iter()
            .find(|(q, _)| q.value == question)
            .map(|(_, a)| &a.value)
    }
}

/// A case's answers: key question id → answer, in written order, each with
/// the place it was written.
pub type Answers = Vec<(Located<String>, Located<Answer>)>;

/// How a case was audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditMode {
    /// Audited together with the case manager.
    WithCaseManager,
    /// A file read only.
    FileRead,
}

impl AuditMode {
    /// `with-case-manager` or `file-read`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditMode::WithCaseManager => "with-case-manager",
            AuditMode::FileRead => "file-read",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            AuditMode::WithCaseManager => "With the case manager",
            AuditMode::FileRead => "File read",
        }
    }
}

/// An answer to a key question: `"yes"` or `{answer: "n/a", note: "…"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// An answer id of the framework's scale.
    pub answer: String,
    /// Why, when the auditor said.
    pub note: Option<String>,
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl<'de> Visitor<'de> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an answer id such as \"yes\", or {answer: \"…\", note: \"…\"}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer {
                    answer: v.to_string(),
                    note: None,
                })
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Answer, E> {
                // Only `true`/`false` are booleans (strict YAML 1.2); take
                // them as the answer ids they spell, so a scale may use them.
                Ok(Answer {
                    answer: v.to_string(),
                    note: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
                let mut answer = None;
                let mut note = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "answer" => answer = Some(map.next_value::<String>()?),
                        "note" => note = Some(map.next_value::<String>()?),
                        other => {
                            return Err(de::Error::unknown_field(other, &["answer", "note"]));
                        }
                    }
                }
                let answer = answer.ok_or_else(|| de::Error::missing_field("answer"))?;
                Ok(Answer { answer, note })
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

fn answers_in_order<'de, D>(deserializer: D) -> Result<Answers, D::Error>
where
    D: Deserializer<'de>,
{
    struct Ordered;
    impl<'de> Visitor<'de> for Ordered {
        type Value = Answers;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map of key question id to answer")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(key) = map.next_key::<Located<String>>()? {
                let value = map.next_value::<Located<Answer>>()?;
                out.push((key, value));
            }
            Ok(out)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    deserializer.deserialize_map(Ordered)
}

/// A case file holds one case or a list of cases.
#[derive(Debug, Clone)]
pub struct CaseFile(pub Vec<CaseAudit>);

impl<'de> Deserialize<'de> for CaseFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> Visitor<'de> for OneOrMany {
            type Value = CaseFile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("one case (a map with `id`, `domain`, …) or a list of cases")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CaseFile, A::Error> {
                let case = CaseAudit::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(CaseFile(vec![case]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CaseFile, A::Error> {
                let mut cases = Vec::new();
                while let Some(case) = seq.next_element::<CaseAudit>()? {
                    cases.push(case);
                }
                Ok(CaseFile(cases))
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}
