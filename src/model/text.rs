use serde::Deserialize;
use serde::de::{self, Deserializer};
use std::fmt;

/// A value with the line and column it was written at, counted in the whole
/// file (front matter offsets already applied).
pub type Located<T> = serde_saphyr::Spanned<T>;

/// A calendar date written `YYYY-MM-DD`, or a month written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, when given.
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parse `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Date> {
        Date::read(text).ok()
    }

    /// Parse `YYYY-MM-DD` or `YYYY-MM`, saying why a text is not a date.
    pub fn read(text: &str) -> Result<Date, DateError> {
        let mut parts = text.trim().split('-');
        let (Some(year), Some(month)) = (parts.next(), parts.next()) else {
            return Err(DateError::Form);
        };
        let day = parts.next();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some()
            || !digits(year, 4)
            || !digits(month, 2)
            || day.is_some_and(|d| !digits(d, 2))
        {
            return Err(DateError::Form);
        }
        let year: u16 = year.parse().map_err(|_| DateError::Form)?;
        let month: u8 = month.parse().map_err(|_| DateError::Form)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::NoSuchMonth);
        }
        let day = match day {
            None => None,
            Some(d) => {
                let d: u8 = d.parse().map_err(|_| DateError::Form)?;
                let days = days_in(year, month);
                if d == 0 || d > days {
                    return Err(DateError::NoSuchDay { year, month, days });
                }
                Some(d)
            }
        };
        Ok(Date { year, month, day })
    }

    /// The first day it covers, as (year, month, day): a month starts on
    /// its 1st.
    pub fn first_day(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day.unwrap_or(1))
    }

    /// The last day it covers: a month ends on its last day (31 stands
    /// for it; only the order matters).
    pub fn last_day(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day.unwrap_or(31))
    }

    /// ISO form: `2020-03-10` or `2020-03`.
    pub fn iso(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }

    /// Long British form: `10 March 2020` or `March 2020`.
    pub fn long(&self) -> String {
        let month = MONTHS[usize::from(self.month - 1)];
        match self.day {
            Some(d) => format!("{d} {month} {}", self.year),
            None => format!("{month} {}", self.year),
        }
    }
}

/// The days of a month of a year (Gregorian calendar).
fn days_in(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// It is not written `YYYY-MM-DD` or `YYYY-MM`.
    Form,
    /// It is written so, but its month is 0 or past 12.
    NoSuchMonth,
    /// It is written so, but its day is 0 or past the month's last.
    NoSuchDay {
        /// The year written.
        year: u16,
        /// The month written (1–12).
        month: u8,
        /// How many days that month has.
        days: u8,
    },
}

impl DateError {
    /// What an author reads about `text`.
    pub fn message(&self, text: &str) -> String {
        let what = if text.trim().len() > 7 {
            "date"
        } else {
            "month"
        };
        match *self {
            DateError::Form => {
                format!("`{text}` is not a date: write YYYY-MM-DD (e.g. 2020-03-10) or YYYY-MM")
            }
            DateError::NoSuchMonth => {
                format!("the {what} `{text}` does not exist: a year has 12 months")
            }
            DateError::NoSuchDay { year, month, days } => {
                let name = MONTHS[usize::from(month - 1)];
                let of = if month == 2 {
                    format!("{name} {year}")
                } else {
                    name.to_string()
                };
                format!("the date `{text}` does not exist: {of} has {days} days")
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::read(&text).map_err(|e| de::Error::custom(e.message(&text)))
    }
}

#[cfg(test)]
mod tests {
    use super::{Date, DateError};

    #[test]
    fn dates_parse_and_format() {
        let d = Date::parse("2020-03-10").unwrap();
        assert_eq!(d.long(), "10 March 2020");
        assert_eq!(d.iso(), "2020-03-10");
        assert_eq!(Date::parse("2019-09").unwrap().long(), "September 2019");
        assert!(Date::parse("2019-02-30").is_none());
        assert!(Date::parse("2020-02-29").is_some());
        assert!(Date::parse("2019-13").is_none());
        assert!(Date::parse("10/03/2020").is_none());
    }

    #[test]
    fn a_date_that_does_not_exist_says_why() {
        let said = |text: &str| Date::read(text).unwrap_err().message(text);
        assert_eq!(
            said("2026-02-30"),
            "the date `2026-02-30` does not exist: February 2026 has 28 days"
        );
        assert_eq!(
            said("2028-02-30"),
            "the date `2028-02-30` does not exist: February 2028 has 29 days"
        );
        assert_eq!(
            said("2026-04-31"),
            "the date `2026-04-31` does not exist: April has 30 days"
        );
        assert_eq!(
            said("2026-03-00"),
            "the date `2026-03-00` does not exist: March has 31 days"
        );
        assert_eq!(
            said("2025-13"),
            "the month `2025-13` does not exist: a year has 12 months"
        );
        assert_eq!(
            said("2025-00-10"),
            "the date `2025-00-10` does not exist: a year has 12 months"
        );
        assert_eq!(
            said("10/03/2020"),
            "`10/03/2020` is not a date: write YYYY-MM-DD (e.g. 2020-03-10) or YYYY-MM"
        );
        assert_eq!(Date::read("2020-+3-10"), Err(DateError::Form));
    }
}

/// A text of `report.yaml` given once (`title: Review of the service`) or,
/// in a report in several languages, per language (`title: {en-GB: Review
/// of the service, cy: Adolygiad o'r gwasanaeth}`). It reads as the text
/// of the language the review is shown in ([`Localized::choose`]); a
/// language it has no text for shows the first one given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Localized {
    /// `(tag, text)` as written; one entry with an empty tag for a text
    /// given once.
    given: Vec<(String, String)>,
    /// Which of `given` is shown.
    shown: usize,
}

impl Localized {
    /// A text given once.
    pub fn new(text: impl Into<String>) -> Localized {
        Localized {
            given: vec![(String::new(), text.into())],
            shown: 0,
        }
    }

    /// The text shown.
    pub fn text(&self) -> &str {
        self.given.get(self.shown).map_or("", |(_, t)| t.as_str())
    }

    /// Show the text of `tag`, if it is given per language and has one
    /// (else the first given).
    pub fn choose(&mut self, tag: &str) {
        self.shown = self
            .given
            .iter()
            .position(|(t, _)| t.eq_ignore_ascii_case(tag))
            .unwrap_or(0);
    }

    /// The languages it is given in; empty for a text given once.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.given
            .iter()
            .map(|(t, _)| t.as_str())
            .filter(|t| !t.is_empty())
    }
}

impl std::ops::Deref for Localized {
    type Target = str;
    fn deref(&self) -> &str {
        self.text()
    }
}

impl fmt::Display for Localized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> de::Visitor<'de> for Visitor {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a text for each language (`{en-GB: …, cy: …}`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
                Ok(Localized::new(v))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Localized, A::Error> {
                let mut given = Vec::new();
                while let Some((tag, text)) = map.next_entry::<String, String>()? {
                    given.push((tag, text));
                }
                if given.is_empty() {
                    return Err(de::Error::custom(
                        "give a text for each of the report's languages",
                    ));
                }
                Ok(Localized { given, shown: 0 })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
