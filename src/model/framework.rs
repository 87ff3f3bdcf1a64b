use super::{Body, Date, FileId, Located};
use serde::Deserialize;
use std::collections::HashMap;

/// The criteria framework: domains → standards → key questions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// e.g. `hmip-youth`.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Which edition of the standards this is, e.g. `"2018"`: shown as
    /// "Assessed against …".
    #[serde(default)]
    pub version: Option<String>,
    /// The first day (or month) the standards were in use.
    #[serde(default)]
    pub applies_from: Option<Located<Date>>,
    /// The last day (or month) they were in use; none while current.
    #[serde(default)]
    pub applies_until: Option<Located<Date>>,
    /// Where the standards are published: what a reader can check them
    /// against.
    #[serde(default)]
    pub source: Vec<Source>,
    /// How standards' ratings add up to an indicative overall rating.
    #[serde(default)]
    pub overall: Option<Overall>,
    /// What key questions are about (desistance, safety…).
    #[serde(default)]
    pub dimensions: Vec<Dimension>,
    /// The answer scale; defaults to yes / no / n/a.
    #[serde(default = "default_answers")]
    pub answers: Vec<AnswerOption>,
    /// How ratings are computed when `show_ratings` is on.
    #[serde(default)]
    pub ratings: Option<Ratings>,
    /// The domains, in order.
    pub domains: Vec<Domain>,
}

/// A published source of the standards.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Author, title and date, as a reader would cite it.
    pub citation: String,
    /// Its address, when it has one.
    #[serde(default)]
    pub url: Option<String>,
}

/// How the standards' ratings add up to an overall rating (HMIP: the sum
/// of the 0–3 scores of the counted standards, out of 36).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overall {
    /// How scores combine.
    #[serde(default)]
    pub rule: OverallRule,
    /// The standards whose scores count; others are rated but left out.
    pub counts: Vec<Located<String>>,
    /// The highest total: the best level's score times the number counted,
    /// stated so a reader (and `check`) can verify it.
    pub max: Located<u32>,
    /// Best first; the total gets the first band whose `min` it reaches.
    pub bands: Vec<OverallBand>,
    /// Said beside the rule wherever the overall rating is shown: where the
    /// bands come from, what is left out.
    #[serde(default)]
    pub note: Option<String>,
}

/// How counted standards' scores combine into the overall score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverallRule {
    /// Add the level scores of the counted standards.
    #[default]
    SumOfScores,
}

/// One band of the overall score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverallBand {
    /// e.g. "Good".
    pub label: String,
    /// The lowest total in the band.
    pub min: Located<u32>,
}

impl Overall {
    /// The band a total falls in: the first whose minimum it reaches.
    pub fn band(&self, total: u32) -> Option<&OverallBand> {
        self.bands.iter().find(|b| total >= b.min.value)
    }
}

/// A dimension key questions are about.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Referenced by `KeyQuestion::dimension`.
    pub id: Located<String>,
    /// Human title.
    pub title: String,
}

/// One answer of the scale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// What auditors write, e.g. `"yes"`.
    pub id: Located<String>,
    /// How it counts.
    pub counts: Counts,
    /// How pages show it, when not as its id (`Yes` for `y`).
    #[serde(default)]
    pub label: Option<String>,
    /// For the default scale's answers: the locale key of the words pages
    /// show them by, in the report's language.
    #[serde(skip)]
    pub locale_key: Option<&'static str>,
}

/// How an answer counts towards a key question's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Counts {
    /// The case meets the question.
    Met,
    /// The case does not meet it.
    NotMet,
    /// The question does not apply to the case.
    Excluded,
}

/// Rating rule and levels.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    /// How case-assessed standards are rated.
    #[serde(default)]
    pub rule: RatingRule,
    /// Best first; a standard gets the first level whose `min` it reaches.
    #[serde(default)]
    pub levels: Vec<RatingLevel>,
}

/// How a case-assessed standard's rating is computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RatingRule {
    /// The lowest key-question percent decides.
    #[default]
    LowestQuestion,
    /// The mean of the key-question percents decides.
    Mean,
    /// Nothing is computed.
    None,
}

/// One rating level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingLevel {
    /// e.g. "Good".
    pub label: String,
    /// Minimum percent to reach this level.
    pub min: Located<f64>,
    /// Numeric score.
    #[serde(default)]
    pub score: Option<i64>,
}

/// A domain of the framework.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// e.g. `"2"`.
    pub id: Located<String>,
    /// e.g. "Court disposals".
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub summary: Option<Located<String>>,
    /// `summary` rendered (set by parse).
    #[serde(skip)]
    pub summary_body: Body,
    /// Its standards, in order.
    #[serde(default)]
    pub standards: Vec<Standard>,
}

/// A standard within a domain.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// e.g. `"2.1"`.
    pub id: Located<String>,
    /// e.g. "Assessment".
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub statement: Option<Located<String>>,
    /// `statement` rendered (set by parse).
    #[serde(skip)]
    pub statement_body: Body,
    /// Cases or judgement.
    #[serde(default)]
    pub assessed_by: AssessedBy,
    /// Key questions (for case-assessed standards).
    #[serde(default)]
    pub questions: Vec<KeyQuestion>,
}

/// How a standard is assessed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssessedBy {
    /// From case audits' answers to key questions.
    #[default]
    Cases,
    /// From the reviewers' judgement (rating in `content/standards/<id>.md`).
    Judgement,
}

impl AssessedBy {
    /// `cases` or `judgement`.
    pub fn as_str(self) -> &'static str {
        match self {
            AssessedBy::Cases => "cases",
            AssessedBy::Judgement => "judgement",
        }
    }
}

/// A key question of a standard.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyQuestion {
    /// e.g. `"2.1.1"`.
    pub id: Located<String>,
    /// Dimension id.
    #[serde(default)]
    pub dimension: Option<Located<String>>,
    /// The question.
    pub text: String,
    /// Prompts for auditors: guidance, or checks a case can answer.
    #[serde(default)]
    pub prompts: Vec<Prompt>,
}

/// A prompt under a key question: plain guidance for the auditor, or a
/// check with an id that a case may answer like a key question (HMIP's
/// case assessment works at that level: police records checked, victim
/// safety planned…).
#[derive(Debug, Clone)]
pub enum Prompt {
    /// Written as plain text: guidance no case answers.
    Guidance(String),
    /// Written `{id: "2.1.1.a", text: …}`: a case may answer it.
    Answerable {
        /// Unique across the framework, like every id.
        id: Located<String>,
        /// The check.
        text: String,
    },
}

impl Prompt {
    /// The prompt's text.
    pub fn text(&self) -> &str {
        match self {
            Prompt::Guidance(text) | Prompt::Answerable { text, .. } => text,
        }
    }

    /// Its id, when a case may answer it.
    pub fn id(&self) -> Option<&Located<String>> {
        match self {
            Prompt::Answerable { id, .. } => Some(id),
            Prompt::Guidance(_) => None,
        }
    }
}

/// `{id, text}` of an answerable prompt.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerablePrompt {
    id: Located<String>,
    text: String,
}

impl<'de> Deserialize<'de> for Prompt {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Prompt;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a prompt: text, or `{id: \"2.1.1.a\", text: …}` for one a case may answer",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Prompt, E> {
                Ok(Prompt::Guidance(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Prompt, A::Error> {
                // Read through the same map, so ids keep their positions.
                let p = AnswerablePrompt::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(Prompt::Answerable {
                    id: p.id,
                    text: p.text,
                })
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The default answer scale: yes / no / n/a.
pub(super) fn default_answers() -> Vec<AnswerOption> {
    let unknown = serde_saphyr::Location::UNKNOWN;
    [
        ("yes", Counts::Met, "answer_yes"),
        ("no", Counts::NotMet, "answer_no"),
        ("n/a", Counts::Excluded, "answer_na"),
    ]
    .into_iter()
    .map(|(id, counts, key)| AnswerOption {
        id: Located::new(id.to_string(), unknown, unknown),
        counts,
        label: None,
        locale_key: Some(key),
    })
    .collect()
}

impl Framework {
    /// Every standard with its domain, in framework order.
    pub fn standards(&self) -> impl Iterator<Item = (&Domain, &Standard)> {
        self.domains
            .iter()
            .flat_map(|d| d.standards.iter().map(move |s| (d, s)))
    }

    /// Every id a finding may name as a criterion: each domain's, then its
    /// standards', in framework order.
    pub fn criterion_ids(&self) -> impl Iterator<Item = &str> {
        self.domains.iter().flat_map(|d| {
            std::iter::once(d.id.value.as_str())
                .chain(d.standards.iter().map(|s| s.id.value.as_str()))
        })
    }

    /// The domain with this id.
    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id.value == id)
    }

    /// The standard with this id, with its domain.
    pub fn standard(&self, id: &str) -> Option<(&Domain, &Standard)> {
        self.standards().find(|(_, s)| s.id.value == id)
    }

    /// Every key question with its standard and domain.
    pub fn questions(&self) -> impl Iterator<Item = (&Domain, &Standard, &KeyQuestion)> {
        self.standards()
            .flat_map(|(d, s)| s.questions.iter().map(move |q| (d, s, q)))
    }

    /// Every prompt a case may answer, with its question, standard and
    /// domain.
    pub fn answerable_prompts(
        &self,
    ) -> impl Iterator<Item = (&Domain, &Standard, &KeyQuestion, &Located<String>, &str)> {
        self.questions().flat_map(|(d, s, q)| {
            q.prompts.iter().filter_map(move |p| match p {
                Prompt::Answerable { id, text } => Some((d, s, q, id, text.as_str())),
                Prompt::Guidance(_) => None,
            })
        })
    }

    /// The text of the key question or answerable prompt with this id: what
    /// a case audit's answer under that id answers.
    pub fn answerable_text(&self, id: &str) -> Option<&str> {
        self.questions()
            .find(|(_, _, q)| q.id.value == id)
            .map(|(_, _, q)| q.text.as_str())
            .or_else(|| {
                self.answerable_prompts()
                    .find(|(_, _, _, pid, _)| pid.value == id)
                    .map(|(_, _, _, _, text)| text)
            })
    }

    /// The answer option with this id.
    pub fn answer(&self, id: &str) -> Option<&AnswerOption> {
        self.answers.iter().find(|a| a.id.value == id)
    }
}

/// The framework's texts in another of the report's languages:
/// `content/criteria/<name>.<tag>.yaml` beside the framework's
/// `<name>.yaml`, giving, by id, the titles, summaries, statements and key
/// questions in that language, and the words of its scales (dimensions,
/// answers, rating levels and bands). The framework's structure (ids,
/// what answers count as, the ratings' thresholds) stays the original's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkTexts {
    /// Its file.
    #[serde(skip)]
    pub file: FileId,
    /// Its language, as its file name gives it.
    #[serde(skip)]
    pub tag: String,
    /// The original's path (`content/criteria/hmip.yaml`).
    #[serde(skip)]
    pub of: String,
    /// The framework's title.
    #[serde(default)]
    pub title: Option<String>,
    /// Each domain's title and summary, by id.
    #[serde(default)]
    pub domains: HashMap<Located<String>, DomainTexts>,
    /// Each standard's title and statement, by id.
    #[serde(default)]
    pub standards: HashMap<Located<String>, StandardTexts>,
    /// Each key question's or prompt's text, by id.
    #[serde(default)]
    pub questions: HashMap<Located<String>, String>,
    /// Each dimension's title, by id.
    #[serde(default)]
    pub dimensions: HashMap<Located<String>, String>,
    /// How each answer of the scale is shown, by the id auditors write.
    #[serde(default)]
    pub answers: HashMap<Located<String>, String>,
    /// Each rating level's and overall band's label, by the original's
    /// label (`Good: Da`).
    #[serde(default)]
    pub ratings: HashMap<Located<String>, String>,
    /// The note on the overall rating.
    #[serde(default)]
    pub overall_note: Option<String>,
}

/// A domain's texts in another language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainTexts {
    /// Its title.
    #[serde(default)]
    pub title: Option<String>,
    /// Its summary (Markdown).
    #[serde(default)]
    pub summary: Option<Located<String>>,
    /// The summary rendered.
    #[serde(skip)]
    pub summary_body: Option<Body>,
}

/// A standard's texts in another language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardTexts {
    /// Its title.
    #[serde(default)]
    pub title: Option<String>,
    /// Its statement (Markdown).
    #[serde(default)]
    pub statement: Option<Located<String>>,
    /// The statement rendered.
    #[serde(skip)]
    pub statement_body: Option<Body>,
}

impl FrameworkTexts {
    /// A domain's texts, by its id.
    pub fn domain(&self, id: &str) -> Option<&DomainTexts> {
        self.domains
            .iter()
            .find(|(k, _)| k.value == id)
            .map(|(_, v)| v)
    }

    /// A standard's texts, by its id.
    pub fn standard(&self, id: &str) -> Option<&StandardTexts> {
        self.standards
            .iter()
            .find(|(k, _)| k.value == id)
            .map(|(_, v)| v)
    }

    /// A key question's or prompt's text, by its id.
    pub fn question(&self, id: &str) -> Option<&str> {
        by_key(&self.questions, id)
    }

    /// A dimension's title, by its id.
    pub fn dimension(&self, id: &str) -> Option<&str> {
        by_key(&self.dimensions, id)
    }

    /// How an answer is shown, by the id auditors write.
    pub fn answer(&self, id: &str) -> Option<&str> {
        by_key(&self.answers, id)
    }

    /// A rating level's or band's label, by the original's label.
    pub fn rating(&self, label: &str) -> Option<&str> {
        by_key(&self.ratings, label)
    }

    /// Every id (or, for ratings, original label) the file gives a text
    /// for, with what it names and its place, in the order of the file.
    pub fn ids(&self) -> Vec<(TextOf, &Located<String>)> {
        let mut all: Vec<(TextOf, &Located<String>)> = self
            .domains
            .keys()
            .map(|k| (TextOf::Domain, k))
            .chain(self.standards.keys().map(|k| (TextOf::Standard, k)))
            .chain(self.questions.keys().map(|k| (TextOf::Question, k)))
            .chain(self.dimensions.keys().map(|k| (TextOf::Dimension, k)))
            .chain(self.answers.keys().map(|k| (TextOf::Answer, k)))
            .chain(self.ratings.keys().map(|k| (TextOf::Rating, k)))
            .collect();
        all.sort_by_key(|(_, k)| (k.referenced.line(), k.referenced.column()));
        all
    }
}

/// What a key of a framework's texts names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOf {
    /// A domain, by id.
    Domain,
    /// A standard, by id.
    Standard,
    /// A key question or answerable prompt, by id.
    Question,
    /// A dimension, by id.
    Dimension,
    /// An answer of the scale, by the id auditors write.
    Answer,
    /// A rating level or overall band, by its label in the original.
    Rating,
}

impl TextOf {
    /// Its name in a message ("key question").
    pub fn name(self) -> &'static str {
        match self {
            TextOf::Domain => "domain",
            TextOf::Standard => "standard",
            TextOf::Question => "key question",
            TextOf::Dimension => "dimension",
            TextOf::Answer => "answer",
            TextOf::Rating => "rating level or band labelled",
        }
    }
}

/// The text a map of texts gives for `key`.
fn by_key<'a>(map: &'a HashMap<Located<String>, String>, key: &str) -> Option<&'a str> {
    map.iter()
        .find(|(k, _)| k.value == key)
        .map(|(_, v)| v.as_str())
}
