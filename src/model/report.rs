use super::{Date, Edition, Localized, Located};
use serde::Deserialize;

/// `content/report.yaml`: the review's metadata and site settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Report title (per language in a report in several).
    pub title: Located<Localized>,
    /// e.g. "Feedback report".
    #[serde(default)]
    pub subtitle: Option<Located<Localized>>,
    /// A short form of the title for the header of every page, where the
    /// full title would fill a phone's first screen.
    #[serde(default)]
    pub short_title: Option<Located<Localized>>,
    /// The service reviewed.
    pub organisation: Located<Localized>,
    /// Who asked for the review.
    #[serde(default)]
    pub commissioned_by: Option<String>,
    /// "Peer review", "Inspection", "Audit"…; when not given, pages say
    /// "Review" in the report's language.
    #[serde(default)]
    pub review_type: Option<String>,
    /// The reviewers.
    #[serde(default)]
    pub review_team: Vec<TeamMember>,
    /// When the fieldwork took place.
    #[serde(default)]
    pub fieldwork: Option<Fieldwork>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<Date>,
    /// Which version of the report this is (`0.3`, `1.0`), as the authors
    /// number it: shown on every page, in the printed footer and in
    /// `report.json`, and naming what `publish` keeps and archives.
    #[serde(default)]
    pub version: Option<Located<String>>,
    /// The date of this version, as the authors write it: never the time
    /// of a build, so the same content always builds the same site.
    #[serde(default)]
    pub version_date: Option<Located<Date>>,
    /// Number every paragraph, list item and block quote of the summary,
    /// chapters, focus areas, narratives and findings, for the factual
    /// accuracy check and for readers to cite.
    #[serde(default)]
    pub numbered_paragraphs: bool,
    /// Draft or final.
    #[serde(default)]
    pub status: Status,
    /// Protective marking shown on every page.
    #[serde(default)]
    pub classification: Option<String>,
    /// Domain ids in scope; `None` means every domain.
    #[serde(default)]
    pub scope: Option<Vec<Located<String>>>,
    /// Show indicative ratings computed from case audits.
    #[serde(default)]
    pub show_ratings: bool,
    /// The kinds of finding, in display order.
    #[serde(default = "default_kinds")]
    pub finding_kinds: Vec<FindingKind>,
    /// Theme name.
    #[serde(default = "default_theme")]
    pub theme: Located<String>,
    /// BCP 47 language tag of a report in one language (default `en-GB`).
    /// Not with `languages`.
    #[serde(default)]
    pub language: Option<Located<String>>,
    /// The languages of a bilingual report, the default first
    /// (`[en-GB, cy]`). Not with `language`.
    #[serde(default)]
    pub languages: Option<Vec<Located<String>>>,
    /// Publish one page per audited case.
    #[serde(default)]
    pub case_pages: bool,
    /// Privacy lint settings.
    #[serde(default)]
    pub privacy: Privacy,
    /// What the case figures are: final, provisional or illustrative.
    #[serde(default)]
    pub figures: Figures,
    /// A standard whose key questions applied to fewer cases than this
    /// carries a small-sample note.
    #[serde(default = "default_small_sample")]
    pub small_sample: Located<usize>,
    /// Settings of the editions other than the full one.
    #[serde(default)]
    pub editions: Editions,
    /// The organisation's logo, shown in every page's header and on the
    /// printable report's first page.
    #[serde(default)]
    pub logo: Option<Logo>,
    /// Where the site is published on its server (`/reports/2026/`), as
    /// written: only the 404 page, which a server shows at any address,
    /// links from it. Read with [`Report::base_path`]; `check` reports a
    /// bad one at the setting.
    #[serde(default)]
    pub base_path: Option<Located<String>>,
    /// The owners an action may name; when absent, an owner is free text.
    #[serde(default)]
    pub owners: Option<Vec<Located<String>>>,
    /// The priorities an action may have, most urgent first (default
    /// `[high, medium, low]`); read with [`Report::priorities`].
    #[serde(default)]
    pub priorities: Option<Vec<Located<String>>>,
    /// Settings of the action plan.
    #[serde(default)]
    pub actions: super::ActionSettings,
}

/// `logo:` in `report.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Logo {
    /// The image's path from `content/` (`files/logo.svg`).
    pub file: Located<String>,
    /// Its alternative text: usually the organisation's name.
    pub alt: Located<String>,
}

impl Logo {
    /// The image's path from the project (`content/files/logo.svg`).
    pub fn path(&self) -> String {
        let file = self.file.value.trim_start_matches("./");
        format!("content/{file}")
    }
}

/// `editions:` in `report.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Editions {
    /// The public edition.
    #[serde(default)]
    pub public: PublicEdition,
}

/// `editions: {public: …}`: the copy for wider circulation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicEdition {
    /// Its protective marking (default: the report's `classification`).
    #[serde(default)]
    pub classification: Option<String>,
    /// Its folder, from the project folder (default `output-public`).
    #[serde(default)]
    pub output: Option<String>,
    /// Where it is published on its server (default: the report's
    /// `base_path`).
    #[serde(default)]
    pub base_path: Option<Located<String>>,
}

/// What the case figures of a report are. Anything but final is said beside
/// every table and chart of them, and in the data files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Figures {
    /// The audited answers, as agreed.
    #[default]
    Final,
    /// Answers that may still change (before moderation, say).
    Provisional,
    /// Made up to show how the report works: they describe no real cases.
    Illustrative,
}

impl Figures {
    /// `final`, `provisional` or `illustrative`.
    pub fn as_str(self) -> &'static str {
        match self {
            Figures::Final => "final",
            Figures::Provisional => "provisional",
            Figures::Illustrative => "illustrative",
        }
    }
}

impl Report {
    /// A stand-in used when `report.yaml` is missing or broken, so the rest
    /// of the content can still be checked in the same run. It is never
    /// built: the missing or broken file is itself an error.
    pub fn placeholder() -> Report {
        Report {
            title: Located::new(
                Localized::default(),
                serde_saphyr::Location::UNKNOWN,
                serde_saphyr::Location::UNKNOWN,
            ),
            subtitle: None,
            short_title: None,
            organisation: Located::new(
                Localized::default(),
                serde_saphyr::Location::UNKNOWN,
                serde_saphyr::Location::UNKNOWN,
            ),
            commissioned_by: None,
            review_type: None,
            review_team: Vec::new(),
            fieldwork: None,
            published: None,
            version: None,
            version_date: None,
            numbered_paragraphs: false,
            status: Status::Draft,
            classification: None,
            scope: None,
            show_ratings: false,
            finding_kinds: default_kinds(),
            theme: default_theme(),
            language: None,
            languages: None,
            case_pages: false,
            privacy: Privacy::default(),
            figures: Figures::Final,
            small_sample: default_small_sample(),
            editions: Editions::default(),
            logo: None,
            base_path: None,
            owners: None,
            priorities: None,
            actions: super::ActionSettings::default(),
        }
    }

    /// The priorities an action may have, most urgent first: as listed,
    /// else `high`, `medium`, `low`.
    pub fn priorities(&self) -> Vec<&str> {
        match &self.priorities {
            Some(listed) => listed.iter().map(|p| p.value.as_str()).collect(),
            None => super::DEFAULT_PRIORITIES.to_vec(),
        }
    }

    /// The setting that says where `edition` is published, and its key:
    /// the public edition's own `editions.public.base_path`, else the
    /// report's `base_path`; `None` when neither is given.
    pub fn base_path_setting(&self, edition: Edition) -> Option<(&Located<String>, &'static str)> {
        let public = (edition == Edition::Public)
            .then_some(self.editions.public.base_path.as_ref())
            .flatten()
            .map(|b| (b, "editions.public.base_path"));
        public.or_else(|| self.base_path.as_ref().map(|b| (b, "base_path")))
    }

    /// Where `edition` is published on its server: `/` unless set. A bad
    /// setting is `check`'s error, so a build never reads one; were it
    /// read, it would be the server's root.
    pub fn base_path(&self, edition: Edition) -> BasePath {
        self.base_path_setting(edition)
            .and_then(|(b, _)| BasePath::parse(&b.value).ok())
            .unwrap_or_default()
    }
}

/// The folder a site is published in on its server, from the server's
/// root: `/`, or `/reports/2026/`. Always starts and ends with `/`, and
/// holds no empty, `.` or `..` folder, no query or fragment, no blank, `\`
/// or `%`; folder names are kept as they read (the site encodes them when
/// it writes a URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasePath(String);

impl Default for BasePath {
    /// The server's root.
    fn default() -> Self {
        BasePath("/".to_string())
    }
}

/// Why a `base_path` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasePathError {
    /// `""`.
    Empty,
    /// `https://example.org/reports/` or `//example.org/reports/`: an
    /// address, not a path on the site's own server.
    Address,
    /// `reports/2026/`: relative to the page, not the server's root.
    Relative,
    /// A space, tab, line break or other control character.
    Blank,
    /// `?` or `#`, which end a URL's path.
    QueryOrFragment(char),
    /// `\`, a folder separator only on Windows.
    Backslash,
    /// `%`: an encoded name, which would be encoded again.
    Percent,
    /// A `.` or `..` folder.
    DotFolder,
    /// `//` inside the path.
    EmptyFolder,
}

impl BasePath {
    /// The folder `folder` (a language's, `cy/`) inside this one.
    pub fn within(&self, folder: &str) -> BasePath {
        BasePath(format!("{}{folder}", self.0))
    }

    /// Read a `base_path` as written. A missing last `/` is added: the
    /// setting names a folder, so `/reports/2026` can mean nothing else.
    pub fn parse(text: &str) -> Result<BasePath, BasePathError> {
        if text.is_empty() {
            return Err(BasePathError::Empty);
        }
        // RFC 3986 §4.2: a reference starting `//` names a host, as one
        // with a scheme (`https:`) does.
        if text.starts_with("//") || text.contains("://") {
            return Err(BasePathError::Address);
        }
        if !text.starts_with('/') {
            return Err(BasePathError::Relative);
        }
        if let Some(c) = text.chars().find(|c| matches!(c, '?' | '#')) {
            return Err(BasePathError::QueryOrFragment(c));
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(BasePathError::Blank);
        }
        if text.contains('\\') {
            return Err(BasePathError::Backslash);
        }
        if text.contains('%') {
            return Err(BasePathError::Percent);
        }
        let inner = text.trim_start_matches('/');
        let inner = inner.strip_suffix('/').unwrap_or(inner);
        if inner.is_empty() {
            return Ok(BasePath::default());
        }
        for folder in inner.split('/') {
            match folder {
                "" => return Err(BasePathError::EmptyFolder),
                "." | ".." => return Err(BasePathError::DotFolder),
                _ => {}
            }
        }
        Ok(BasePath(format!("/{inner}/")))
    }

    /// The path, starting and ending with `/`, its names unencoded.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BasePathError {
    /// What is wrong with the setting `key`.
    pub fn message(self, key: &str) -> String {
        match self {
            BasePathError::Empty => format!("`{key}` is empty: the server's root is `/`"),
            BasePathError::Address => {
                format!("`{key}` is a whole address: give only its path on the server, from `/`")
            }
            BasePathError::Relative => format!(
                "`{key}` starts from the folder of the page, not from the server's root: begin it with `/`"
            ),
            BasePathError::Blank => format!("`{key}` holds a space or other blank"),
            BasePathError::QueryOrFragment(c) => format!(
                "`{key}` holds `{c}`, which ends a URL's path: a query or fragment is no part of where the site is published"
            ),
            BasePathError::Backslash => {
                format!("`{key}` holds `\\`: folders in a URL are separated by `/`")
            }
            BasePathError::Percent => format!(
                "`{key}` holds `%`: write folder names as they read, and Evident encodes them"
            ),
            BasePathError::DotFolder => {
                format!("`{key}` has a `.` or `..` folder: write the folders as they are")
            }
            BasePathError::EmptyFolder => format!("`{key}` has an empty folder (`//`)"),
        }
    }
}

/// A member of the review team.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    /// Optional: reviewers may be named by role only.
    #[serde(default)]
    pub name: Option<String>,
    /// Their role (per language in a report in several).
    #[serde(default)]
    pub role: Option<Located<Localized>>,
    /// Their organisation (per language in a report in several).
    #[serde(default)]
    pub organisation: Option<Located<Localized>>,
}

/// Fieldwork dates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fieldwork {
    /// First day.
    pub start: Located<Date>,
    /// Last day.
    pub end: Located<Date>,
}

/// Report status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Shows a DRAFT banner on every page.
    #[default]
    Draft,
    /// Published.
    Final,
}

impl Status {
    /// `draft` or `final`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }
}

/// A kind of finding, e.g. `strength` labelled "Strengths".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingKind {
    /// Used in front matter `kind:`.
    pub id: Located<String>,
    /// Heading shown on pages, for the findings of this kind together
    /// ("Strengths").
    pub label: Localized,
    /// The name of one finding of this kind, shown on its tag ("Strength").
    /// Defaults to `label`.
    #[serde(default)]
    pub singular: Option<Localized>,
    /// Whether findings of this kind are actions (owner, priority, due
    /// date, status, progress); read with [`FindingKind::is_actionable`].
    #[serde(default)]
    pub actionable: Option<bool>,
    /// True for the kinds Evident gives a report that lists none: their
    /// names then come from the theme, in the report's language.
    #[serde(skip)]
    pub builtin: bool,
}

impl FindingKind {
    /// Whether findings of this kind are actions: as set, else for the
    /// kinds `consideration` and `recommendation`.
    pub fn is_actionable(&self) -> bool {
        self.actionable.unwrap_or(matches!(
            self.id.value.as_str(),
            "consideration" | "recommendation"
        ))
    }

    /// The tag of one finding of this kind.
    pub fn tag(&self) -> &str {
        self.singular
            .as_ref()
            .map_or(self.label.text(), Localized::text)
    }
}

/// Privacy settings: the lint, and the disclosure rule for counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Exact strings to accept.
    #[serde(default)]
    pub allow: Vec<String>,
    /// A file of terms that must not appear, from the project folder;
    /// located, so that an error about it points at the setting.
    #[serde(default)]
    pub deny_terms_file: Option<Located<String>>,
    /// The smallest count of cases a sample table shows; smaller counts
    /// (and one more where needed) are withheld.
    #[serde(default = "default_min_count")]
    pub min_count: Located<usize>,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy {
            allow: Vec::new(),
            deny_terms_file: None,
            min_count: default_min_count(),
        }
    }
}

/// Counts below 3 are withheld unless the report sets another threshold
/// (the one the review's partners agreed).
fn default_min_count() -> Located<usize> {
    Located::new(
        3,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// Percentages of fewer than 10 applicable cases are flagged as a small
/// sample.
fn default_small_sample() -> Located<usize> {
    Located::new(
        10,
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

fn default_theme() -> Located<String> {
    Located::new(
        "default".to_string(),
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// The language of a report that names none.
const DEFAULT_LANGUAGE: &str = "en-GB";

impl Report {
    /// The report's default language: the first of `languages`, else
    /// `language`, else British English.
    pub fn language(&self) -> &str {
        self.languages
            .as_ref()
            .and_then(|l| l.first())
            .or(self.language.as_ref())
            .map_or(DEFAULT_LANGUAGE, |l| l.value.as_str())
    }

    /// Every language the report is published in, the default first.
    pub fn languages(&self) -> Vec<&str> {
        match &self.languages {
            Some(l) if !l.is_empty() => l.iter().map(|t| t.value.as_str()).collect(),
            _ => vec![self.language()],
        }
    }

    /// Its texts given per language, shown in `tag`.
    pub fn choose_texts(&mut self, tag: &str) {
        self.title.value.choose(tag);
        self.organisation.value.choose(tag);
        for text in [&mut self.subtitle, &mut self.short_title]
            .into_iter()
            .flatten()
        {
            text.value.choose(tag);
        }
        for m in &mut self.review_team {
            for text in [&mut m.role, &mut m.organisation].into_iter().flatten() {
                text.value.choose(tag);
            }
        }
        for k in &mut self.finding_kinds {
            k.label.choose(tag);
            if let Some(singular) = &mut k.singular {
                singular.choose(tag);
            }
        }
    }

    /// The texts given per language, with their setting's name.
    pub fn localized(&self) -> Vec<(&'static str, &Located<Localized>)> {
        let mut all = vec![("title", &self.title), ("organisation", &self.organisation)];
        all.extend(self.subtitle.as_ref().map(|t| ("subtitle", t)));
        all.extend(self.short_title.as_ref().map(|t| ("short_title", t)));
        for m in &self.review_team {
            all.extend(m.role.as_ref().map(|t| ("role", t)));
            all.extend(m.organisation.as_ref().map(|t| ("organisation", t)));
        }
        all
    }

    /// Whether `tag` is one of the report's languages other than its
    /// default one: a language its content may be translated into.
    pub fn translates_into(&self, tag: &str) -> bool {
        self.languages().iter().skip(1).any(|l| *l == tag)
    }
}

/// The default finding kinds.
pub(super) fn default_kinds() -> Vec<FindingKind> {
    [
        ("strength", "Strengths", "Strength"),
        (
            "consideration",
            "Areas for consideration",
            "Area for consideration",
        ),
        ("recommendation", "Recommendations", "Recommendation"),
    ]
    .into_iter()
    .map(|(id, label, singular)| FindingKind {
        id: Located::new(
            id.to_string(),
            serde_saphyr::Location::UNKNOWN,
            serde_saphyr::Location::UNKNOWN,
        ),
        label: Localized::new(label),
        singular: Some(Localized::new(singular)),
        actionable: None,
        builtin: true,
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::{BasePath, BasePathError};

    #[test]
    fn a_base_path_names_a_folder_from_the_servers_root() {
        let read = |t: &str| BasePath::parse(t).map(|b| b.as_str().to_string());
        assert_eq!(read("/"), Ok("/".into()));
        assert_eq!(read("/reports/2026/"), Ok("/reports/2026/".into()));
        assert_eq!(read("/reports/2026"), Ok("/reports/2026/".into()));
        assert_eq!(read("/r\u{e9}ports/"), Ok("/r\u{e9}ports/".into()));
        assert_eq!(read(""), Err(BasePathError::Empty));
        assert_eq!(read("https://x.example/"), Err(BasePathError::Address));
        assert_eq!(read("//x.example/"), Err(BasePathError::Address));
        assert_eq!(read("reports/"), Err(BasePathError::Relative));
        assert_eq!(read("/a?b"), Err(BasePathError::QueryOrFragment('?')));
        assert_eq!(read("/a/#b"), Err(BasePathError::QueryOrFragment('#')));
        assert_eq!(read("/a\tb/"), Err(BasePathError::Blank));
        assert_eq!(read("/a\\b/"), Err(BasePathError::Backslash));
        assert_eq!(read("/a%20b/"), Err(BasePathError::Percent));
        assert_eq!(read("/a/../b/"), Err(BasePathError::DotFolder));
        assert_eq!(read("/./"), Err(BasePathError::DotFolder));
        assert_eq!(read("/a//b/"), Err(BasePathError::EmptyFolder));
        assert_eq!(read("/a//"), Err(BasePathError::EmptyFolder));
    }
}
